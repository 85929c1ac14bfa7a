"""Run the pipeline over a corpus and score it: `quotetrail eval` on the samples or on a PolNeAR split."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nlp.evaluation.articles import article_gold
from nlp.evaluation.polnear import POLNEAR_NOTES, load_resolved, load_sources, read_polnear
from nlp.evaluation.samples import load_expected, sample_gold
from nlp.evaluation.scoring import QUOTED_KINDS, Report, ScoredDocument, Statement, score
from nlp.records import DocumentRecord

if TYPE_CHECKING:
    from spacy.language import Language


def predicted_statements(record: DocumentRecord) -> list[Statement]:
    """A DocumentRecord's quotes as Statements."""
    statements = []
    for quote in record.quotes:
        statements.append(Statement(
            parts=tuple((start, end) for start, end in quote.parts) or ((quote.start, quote.end),),
            quoted=quote.kind in QUOTED_KINDS,
            kind=quote.kind,
            source=((quote.mention_start, quote.mention_end),)
            if quote.mention_start is not None and quote.mention_end is not None else (),
            speaker=quote.speaker,
            speaker_type=quote.speaker_type,
            anonymous=quote.anonymous,
            rule=quote.rule,
        ))
    return statements


def run_pipeline(nlp_object: Language, documents: Sequence[tuple[str, str]], *, batch_size: int = 32,
                 workers: int = 1) -> tuple[dict[str, list[Statement]], list[str]]:
    """Predicted statements per document id from the real pipeline, and the ids it failed on.

    A document the pipeline raises on is scored as predicting nothing and named in the report, so
    one bad document costs its own recall rather than the whole evaluation.
    """
    from nlp.pipeline import extract, extract_many

    try:
        records = list(extract_many(nlp_object, documents, batch_size=batch_size, workers=workers))
        return {record.id: predicted_statements(record) for record in records}, []
    except Exception:  # any pipeline bug: find which documents fail, one at a time
        predictions: dict[str, list[Statement]] = {}
        failed: list[str] = []
        for doc_id, text in documents:
            try:
                predictions[doc_id] = predicted_statements(extract(nlp_object, text, doc_id))
            except Exception as error:
                failed.append(f"{doc_id} ({type(error).__name__}: {error})")
        return predictions, failed


def failure_note(failed: Sequence[str]) -> list[str]:
    if not failed:
        return []
    return [f"the pipeline raised on {len(failed)} documents, scored as predicting nothing: "
            + "; ".join(failed[:5]) + (" ..." if len(failed) > 5 else "")]


def evaluate_polnear(nlp_object: Language, root: Path, *, split: str = "dev", limit: int | None = None,
                     resolved_path: Path | None = None, sources_path: Path | None = None, batch_size: int = 32,
                     workers: int = 1) -> Report:
    """Run the pipeline on a PolNeAR split and score it, with whichever of our annotation files are given."""
    resolved = load_resolved(resolved_path) if resolved_path else None
    sources = load_sources(sources_path, split=split) if sources_path else None
    documents, notes = read_polnear(root, split=split, limit=limit, resolved=resolved, sources=sources)
    predictions, failed = run_pipeline(nlp_object, [(document.id, document.text) for document in documents],
                                       batch_size=batch_size, workers=workers)
    report = score(
        (ScoredDocument(document.id, document.text, document.gold, predictions.get(document.id, []))
         for document in documents),
        corpus=f"PolNeAR {split}",
    )
    report.notes.extend(failure_note(failed) + notes)
    used = {document.ann_name for document in documents}
    report.notes.append(_annotation_note("resolved names", "Source spans naming one person", resolved,
                                         resolved_path, used, "resolved-name accuracy"))
    report.notes.append(_annotation_note("speaker named right", "Source spans of every type", sources,
                                         sources_path, used, "speaker-named-right accuracy"))
    if sources:
        report.notes.append(SPEAKER_NOTE)
    report.notes.extend(POLNEAR_NOTES)
    return report


def _annotation_note(title: str, what: str, annotations: dict | None, path: Path | None, used: set[str],
                     measure: str) -> str:
    """How many of our annotations (keyed by .ann file first) the scored documents have, and from where."""
    if path is None or annotations is None:
        return f"{title}: no annotation file for this split, so no {measure}."
    files = {key[0] for key in annotations if key[0] in used}
    count = sum(1 for key in annotations if key[0] in used)
    return f"{title}: {count} annotated {what} in {len(files)} of these documents, from {path.name}."


SPEAKER_NOTE = (
    "A person is right by name (as resolved names); an organisation by name up to case, 'the' and "
    "acronym/expansion; a group or unnamed source needs the same predicted speaker_type and the same head "
    "noun; a document owned by X needs 'document of Y', or Y typed document, with Y the same, an unowned "
    "one a predicted document with the same head noun; a predicted document is never its owner speaking."
)


def evaluate_samples(nlp_object: Language, documents: Sequence[tuple[str, str, str]], *, expected_dir: Path,
                     batch_size: int = 32, workers: int = 1) -> Report:
    """Score the pipeline on sample documents given as (file name, document id, text)."""
    gold = {doc_id: sample_gold(text, load_expected(expected_dir, file_name, doc_id))
            for file_name, doc_id, text in documents}
    return _evaluate_with_gold(
        nlp_object, documents, gold, corpus="samples", batch_size=batch_size, workers=workers,
        note="Gold from samples/expected (written by hand for the project); speaker span accuracy checks the "
        "predicted mention against the gold mention words in the statement's paragraphs; resolved-name "
        "accuracy counts every matched statement (a gold null speaker needs a null prediction).",
    )


def evaluate_articles(nlp_object: Language, documents: Sequence[tuple[str, str, str]], *, expected_dir: Path,
                      corpus: str = "articles", batch_size: int = 32, workers: int = 1) -> Report:
    """Score the pipeline on our evaluation articles given as (file name, document id, text)."""
    gold = {doc_id: article_gold(text, load_expected(expected_dir, file_name, doc_id))
            for file_name, doc_id, text in documents}
    return _evaluate_with_gold(
        nlp_object, documents, gold, corpus=corpus, batch_size=batch_size, workers=workers,
        note="Gold from evaluation/articles (written by hand, every source named, of every type); segments are "
        "the gold `parts` where a statement has several; speaker span accuracy checks the predicted mention "
        "against the gold mention words near the statement; speaker named right counts every matched "
        f"statement (a gold null speaker needs a null prediction). {SPEAKER_NOTE}",
    )


def _evaluate_with_gold(nlp_object: Language, documents: Sequence[tuple[str, str, str]],
                        gold: dict[str, list[Statement]], *, corpus: str, note: str, batch_size: int,
                        workers: int) -> Report:
    predictions, failed = run_pipeline(nlp_object, [(doc_id, text) for _, doc_id, text in documents],
                                       batch_size=batch_size, workers=workers)
    report = score(
        (ScoredDocument(doc_id, text, gold[doc_id], predictions.get(doc_id, [])) for _, doc_id, text in documents),
        corpus=corpus,
    )
    report.notes.extend(failure_note(failed))
    report.notes.append(note)
    return report
