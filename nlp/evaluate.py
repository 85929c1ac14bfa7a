"""Score quote extraction against gold statements: the project's own samples and the PolNeAR corpus."""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nlp.text import normalize_same_length, paragraph_ranges
from nlp.vocabulary.marks import APOSTROPHE_SHAPED_SINGLES, DOUBLE_MARKS, TYPEWRITER_CLOSING_DOUBLE
from nlp.vocabulary.names import HONORIFICS_IN_NAME_KEYS

Span = tuple[int, int]

# Overlap levels of the report: the share of the gold statement's characters that the predicted
# statement covers must reach the level; "exact" compares the trimmed spans (see `trimmed_span`).
OVERLAP_LEVELS: tuple[float | str, ...] = (0.3, 0.8, "exact")
KIND_GROUPS = ("direct+mixed", "all")
QUOTED_KINDS = ("direct", "mixed")

# Double quotation marks only: in news text a single mark is far more often an apostrophe
# (don't, Jones', '90s) than a quotation, so it says nothing about a statement being verbatim.
# Two apostrophes in a row are a double mark too: the New York Times texts in PolNeAR quote ''so''.
QUOTATION_MARKS = frozenset(DOUBLE_MARKS)
DOUBLED_APOSTROPHE = TYPEWRITER_CLOSING_DOUBLE

# Trimmed from both ends of a span before exact comparison: annotation conventions differ on
# whether outer quote marks, the final period and the complementiser "that" belong to the content.
_TRIM_CHARS = frozenset(" \t\r\n\u00a0\u2009\u202f" + DOUBLE_MARKS + APOSTROPHE_SHAPED_SINGLES + ".,;:!?—–-")
_LEADING_THAT = re.compile(r"that\b", re.IGNORECASE)

_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

POLNEAR_NOTES = (
    "PolNeAR annotates attribution, not only speech: beliefs and thoughts ('Trump believes ...'), "
    "intentions and plans, polls and surveys ('a poll found ...'), reports by media or documents, "
    "and sources that are organisations or groups. A pipeline that extracts speech only cannot "
    "reach full recall on 'all kinds'; direct+mixed is the closer measure of quote extraction.",
    "Gold kind: a PolNeAR content span counts as direct+mixed when it contains a double quotation "
    "mark (straight or curly, a guillemet, or the New York Times' two apostrophes ''), otherwise as "
    "indirect. Predicted kind: direct and mixed versus indirect, as the pipeline labels it.",
    "Overlap is the share of the gold content's characters (all its pieces) covered by the "
    "predicted statement's span; gold and predicted statements are matched one to one (the largest "
    "matching, preferring higher overlap). 'exact' compares spans after trimming whitespace, outer "
    "quotation marks, edge punctuation and a leading 'that', on which PolNeAR and quotetrail differ.",
    "Speaker span accuracy: among statements matched at >= 0.3 whose gold has a Source span, the "
    "share whose predicted mention overlaps it (no mention counts as wrong).",
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One gold or predicted statement, reduced to what scoring needs; offsets index the document text."""

    parts: tuple[Span, ...]  # the content; a predicted statement is scored by its whole (start, end)
    quoted: bool  # direct or mixed
    kind: str | None = None  # "direct" | "mixed" | "indirect" where known
    source: tuple[Span, ...] = ()  # where the speaker is named: a gold Source, a predicted mention
    speaker: str | None = None  # resolved person; on gold meaningful only when `speaker_known`
    speaker_known: bool = False  # gold: our own annotation says who the speaker is (None = nobody named)
    mention_kind: str | None = None  # gold: pronoun | nominal | surname | name, where annotated

    @property
    def outer(self) -> Span:
        return (self.parts[0][0], self.parts[-1][1])


@dataclass(slots=True)
class ScoredDocument:
    """A document's text with its gold and predicted statements."""

    id: str
    text: str
    gold: list[Statement]
    predicted: list[Statement]


@dataclass(slots=True)
class Counts:
    matched: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(slots=True)
class Ratio:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(slots=True)
class Report:
    """Everything `quotetrail eval` prints for one corpus."""

    corpus: str
    documents: int = 0
    counts: dict[tuple[str, float | str], Counts] = field(default_factory=dict)
    speaker: dict[str, Ratio] = field(default_factory=dict)
    resolved: dict[str, Ratio] = field(default_factory=dict)  # "all" and per mention kind
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        def ratio(item: Ratio) -> dict:
            return {"accuracy": item.value, "correct": item.correct, "total": item.total}

        return {
            "corpus": self.corpus,
            "documents": self.documents,
            "statements": [
                {"kinds": group, "overlap": level, "precision": counts.precision, "recall": counts.recall,
                 "f1": counts.f1, "matched": counts.matched, "gold": counts.gold, "predicted": counts.predicted}
                for (group, level), counts in self.counts.items()
            ],
            "speaker_span_accuracy": {group: ratio(item) for group, item in self.speaker.items()},
            "resolved_name_accuracy": {group: ratio(item) for group, item in self.resolved.items()},
            "notes": list(self.notes),
        }


# --- pure scoring ---------------------------------------------------------------------------------

def merged(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans covering the same characters."""
    result: list[Span] = []
    for start, end in sorted(span for span in spans if span[1] > span[0]):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def covered_share(gold: Sequence[Span], predicted: Sequence[Span]) -> float:
    """The share of the gold characters that the predicted spans cover, in [0, 1]."""
    gold_spans = merged(gold)
    total = sum(end - start for start, end in gold_spans)
    if not total:
        return 0.0
    covered = 0
    for gold_start, gold_end in gold_spans:
        for start, end in merged(predicted):
            covered += max(0, min(end, gold_end) - max(start, gold_start))
    return covered / total


def spans_overlap(first: Sequence[Span], second: Sequence[Span]) -> bool:
    return any(min(a_end, b_end) > max(a_start, b_start) for a_start, a_end in first for b_start, b_end in second)


def trimmed_span(text: str, span: Span) -> Span:
    """`span` without edge whitespace, quotation marks, edge punctuation and a leading "that"."""
    start, end = span
    while True:
        before = (start, end)
        while start < end and text[start] in _TRIM_CHARS:
            start += 1
        while end > start and text[end - 1] in _TRIM_CHARS:
            end -= 1
        that = _LEADING_THAT.match(text, start, end)
        if that and that.end() < end and text[that.end()].isspace():
            start = that.end()
        if (start, end) == before:
            return start, end


def statement_matches(text: str, gold: Statement, predicted: Statement, level: float | str) -> bool:
    if level == "exact":
        return trimmed_span(text, gold.outer) == trimmed_span(text, predicted.outer)
    return covered_share(gold.parts, [predicted.outer]) >= float(level)


def match_statements(
    text: str, gold: Sequence[Statement], predicted: Sequence[Statement], *, level: float | str
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: a largest matching, trying higher overlaps first."""
    candidates: list[list[int]] = []
    for gold_statement in gold:
        scored = [
            (covered_share(gold_statement.parts, [candidate.outer]), index)
            for index, candidate in enumerate(predicted)
            if statement_matches(text, gold_statement, candidate, level)
        ]
        candidates.append([index for _, index in sorted(scored, key=lambda item: (-item[0], item[1]))])
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(gold_index: int, visited: set[int]) -> bool:
        # Kuhn's augmenting path: a greedy choice can leave a gold statement unmatched that a
        # re-assignment would have matched (one long prediction covering two short gold quotes).
        for predicted_index in candidates[gold_index]:
            if predicted_index in visited:
                continue
            visited.add(predicted_index)
            if predicted_index not in owner or augment(owner[predicted_index], visited):
                owner[predicted_index] = gold_index
                return True
        return False

    for gold_index in range(len(gold)):
        augment(gold_index, set())
    return sorted((gold_index, predicted_index) for predicted_index, gold_index in owner.items())


def name_key(name: str) -> tuple[str, ...]:
    """Comparable words of a person's name: case, accents, honorifics and initials removed."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
    words = [word.replace("’", "'") for word in _NAME_TOKEN.findall(plain.casefold())]
    return tuple(word for word in words if word not in HONORIFICS_IN_NAME_KEYS and len(word) > 1)


def names_match(gold: str | None, predicted: str | None) -> bool:
    """Same person: equal names, or the same first and last name ("Hillary Rodham Clinton").

    Gold names are the fullest form the article itself gives. Where that is one word (an article
    that only ever says "Mr. Obama"), any predicted name containing the word is the same person;
    where the article gives the full name, a bare surname is not a resolution.
    """
    if gold is None or predicted is None:
        return gold is None and predicted is None
    gold_key, predicted_key = name_key(gold), name_key(predicted)
    if not gold_key or not predicted_key:
        return False
    if gold_key == predicted_key:
        return True
    if len(gold_key) == 1:
        return gold_key[0] in predicted_key
    return (len(predicted_key) >= 2
            and gold_key[0] == predicted_key[0] and gold_key[-1] == predicted_key[-1])


def in_group(statement: Statement, group: str) -> bool:
    return group == "all" or statement.quoted


def score(documents: Iterable[ScoredDocument], *, corpus: str) -> Report:
    """Precision, recall and F1 per kind group and overlap level, plus speaker and name accuracy."""
    report = Report(corpus=corpus)
    for group in KIND_GROUPS:
        report.speaker[group] = Ratio()
        for level in OVERLAP_LEVELS:
            report.counts[(group, level)] = Counts()
    report.resolved["all"] = Ratio()
    for document in documents:
        report.documents += 1
        for group in KIND_GROUPS:
            gold = [statement for statement in document.gold if in_group(statement, group)]
            predicted = [statement for statement in document.predicted if in_group(statement, group)]
            for level in OVERLAP_LEVELS:
                counts = report.counts[(group, level)]
                pairs = match_statements(document.text, gold, predicted, level=level)
                counts.matched += len(pairs)
                counts.gold += len(gold)
                counts.predicted += len(predicted)
                if level != OVERLAP_LEVELS[0]:
                    continue
                for gold_index, predicted_index in pairs:
                    gold_statement, predicted_statement = gold[gold_index], predicted[predicted_index]
                    if gold_statement.source:
                        speaker = report.speaker[group]
                        speaker.total += 1
                        speaker.correct += spans_overlap(gold_statement.source, predicted_statement.source)
                    if group == "all" and gold_statement.speaker_known:
                        right = names_match(gold_statement.speaker, predicted_statement.speaker)
                        for key in ("all", gold_statement.mention_kind):
                            if key:
                                ratio = report.resolved.setdefault(key, Ratio())
                                ratio.total += 1
                                ratio.correct += right
    return report


def format_report(report: Report) -> str:
    """The report as an aligned text table with its notes."""
    first = report.counts[(KIND_GROUPS[-1], OVERLAP_LEVELS[0])]
    quoted = report.counts[(KIND_GROUPS[0], OVERLAP_LEVELS[0])]
    lines = [
        f"{report.corpus}: {report.documents} documents, {first.gold} gold statements "
        f"({quoted.gold} direct+mixed), {first.predicted} predicted ({quoted.predicted} direct+mixed)",
        "",
        f"{'kinds':<14}{'overlap':<9}{'precision':>10}{'recall':>8}{'F1':>8}{'matched':>9}{'gold':>7}{'predicted':>11}",
    ]
    for (group, level), counts in report.counts.items():
        label = f">={level}" if level != "exact" else "exact"
        lines.append(
            f"{group:<14}{label:<9}{counts.precision:>10.3f}{counts.recall:>8.3f}{counts.f1:>8.3f}"
            f"{counts.matched:>9}{counts.gold:>7}{counts.predicted:>11}"
        )
    lines.append("")
    lines.append("speaker span accuracy on matched statements (overlap >= 0.3):")
    for group, ratio in report.speaker.items():
        lines.append(f"  {group:<14}{_ratio_text(ratio)}")
    lines.append("resolved-name accuracy on matched statements with an annotated speaker (overlap >= 0.3):")
    for key, ratio in report.resolved.items():
        lines.append(f"  {key:<14}{_ratio_text(ratio)}")
    if report.notes:
        lines.append("")
        lines.append("notes:")
        lines.extend(f"  - {note}" for note in report.notes)
    return "\n".join(lines)


def _ratio_text(ratio: Ratio) -> str:
    return f"{ratio.value:.3f} ({ratio.correct}/{ratio.total})" if ratio.total else "n/a (0 statements)"


# --- predictions ------------------------------------------------------------------------------------

def predicted_statements(record) -> list[Statement]:
    """A DocumentRecord's quotes as Statements (duck-typed: anything with `.quotes` of QuoteRecords)."""
    statements = []
    for quote in record.quotes:
        has_mention = quote.mention_start is not None and quote.mention_end is not None
        statements.append(Statement(
            parts=((quote.start, quote.end),),
            quoted=quote.kind in QUOTED_KINDS,
            kind=quote.kind,
            source=((quote.mention_start, quote.mention_end),) if has_mention else (),
            speaker=quote.speaker,
        ))
    return statements


def run_pipeline(nlp_object, documents: Sequence[tuple[str, str]], *, batch_size: int = 32,
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


# --- the project's samples ------------------------------------------------------------------------

def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs as (start, end), numbered exactly as the pipeline numbers them (0-based)."""
    return paragraph_ranges(normalize_same_length(text))


class GoldError(ValueError):
    """A gold file that does not fit its article: says which quote and why."""


def expected_path(expected_dir: Path, file_name: str) -> Path:
    return expected_dir / f"{file_name}.json"


def load_expected(expected_dir: Path, file_name: str, doc_id: str) -> dict:
    """The gold {"id", "quotes"} of one sample document; a .jsonl file's gold is keyed by document id."""
    path = expected_path(expected_dir, file_name)
    data = json.loads(path.read_text(encoding="utf-8"))
    if file_name.endswith(".jsonl"):
        if doc_id not in data:
            raise GoldError(f"{path}: no gold for document {doc_id!r}")
        data = data[doc_id]
    if data.get("id") != doc_id:
        raise GoldError(f"{path}: gold id {data.get('id')!r} is not the document id {doc_id!r}")
    return data


def locate_expected_quote(text: str, quote: dict, paragraphs: Sequence[Span]) -> Span:
    """Where a gold quote's text starts inside its paragraph; raises GoldError if it is not there."""
    index = quote["paragraph"]
    if not 0 <= index < len(paragraphs):
        raise GoldError(f"paragraph {index} does not exist ({len(paragraphs)} paragraphs): {quote['text']!r}")
    paragraph_start, paragraph_end = paragraphs[index]
    start = text.find(quote["text"], paragraph_start)
    if start < 0 or start >= paragraph_end:
        raise GoldError(f"not found in paragraph {index}: {quote['text']!r}")
    return start, start + len(quote["text"])


def locate_mention(text: str, mention: str, within: Span) -> tuple[Span, ...]:
    """Every whole-word occurrence of the gold mention words within `within`."""
    pattern = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)")
    return tuple((match.start(), match.end()) for match in pattern.finditer(text, within[0], within[1]))


def sample_gold(text: str, expected: dict) -> list[Statement]:
    """Gold Statements of one sample document from its expected {"id", "quotes"}."""
    paragraphs = paragraph_spans(text)
    statements = []
    for quote in expected["quotes"]:
        span = locate_expected_quote(text, quote, paragraphs)
        source: tuple[Span, ...] = ()
        if quote.get("mention"):
            # The mention is named inside the paragraphs the statement spans (for an interrupted
            # quote, between its parts), so look there and nowhere else.
            first = paragraphs[quote["paragraph"]][0]
            last = next((end for start, end in paragraphs if start <= span[1] <= end), span[1])
            source = locate_mention(text, quote["mention"], (first, last))
            if not source:
                raise GoldError(f"mention {quote['mention']!r} not found near {quote['text']!r}")
        statements.append(Statement(
            parts=(span,), quoted=quote["kind"] in QUOTED_KINDS, kind=quote["kind"], source=source,
            speaker=quote.get("speaker"), speaker_known=True,
        ))
    return statements


# --- PolNeAR ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class BratAttribution:
    """One PolNeAR attribution relation (a brat E line) with its spans resolved."""

    relation: str  # "Attribution" or "Attribution-no-source"
    content: tuple[Span, ...]
    source: tuple[Span, ...]
    cue: tuple[Span, ...]


_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")


def parse_brat(annotation: str) -> list[BratAttribution]:
    """Attribution relations of a brat standoff .ann text, in file order.

    T lines give typed spans (discontinuous ones as "start end;start end"); E lines link an
    Attribution trigger to Content (Content2, ...), Cue and Source roles. Lines that are neither
    (AnnotatorNotes, or the tail of a span text that held a newline) are skipped, and so are
    relations without content.
    """
    spans: dict[str, list[Span]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in annotation.splitlines():
        bound = _TEXT_BOUND.match(line)
        if bound:
            spans[bound.group(1)] = [
                (int(start), int(end)) for start, end in (piece.split() for piece in bound.group(3).split(";"))
            ]
        elif line.startswith("E") and "\t" in line:
            arguments = [item.split(":", 1) for item in line.split("\t", 1)[1].split() if ":" in item]
            if arguments:
                events.append((arguments[0][0], [(role, target) for role, target in arguments[1:]]))
    attributions = []
    for relation, arguments in events:
        roles: dict[str, list[Span]] = {"Content": [], "Source": [], "Cue": []}
        for role, target in arguments:
            base = role.rstrip("0123456789")
            if base in roles:
                roles[base].extend(spans.get(target, []))
        if roles["Content"]:
            attributions.append(BratAttribution(
                relation=relation,
                content=tuple(sorted(roles["Content"])),
                source=tuple(sorted(roles["Source"])),
                cue=tuple(sorted(roles["Cue"])),
            ))
    return attributions


@dataclass(frozen=True, slots=True)
class ResolvedSource:
    speaker: str
    mention_kind: str | None


def load_resolved(path: Path) -> dict[tuple[str, int, int], ResolvedSource]:
    """Our annotations of who is behind a PolNeAR Source span: (ann file, start, end) -> person."""
    resolved: dict[tuple[str, int, int], ResolvedSource] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"):
            key = (row["file"], int(row["source_start"]), int(row["source_end"]))
            resolved[key] = ResolvedSource(row["speaker"].strip(), (row.get("mention_kind") or "").strip() or None)
    return resolved


def is_quoted(text: str, spans: Iterable[Span]) -> bool:
    """Whether the spans hold a double quotation mark (a gold statement is then direct or mixed)."""
    return any(
        DOUBLED_APOSTROPHE in text[start:end] or any(char in QUOTATION_MARKS for char in text[start:end])
        for start, end in spans
    )


def polnear_gold(text: str, attributions: Iterable[BratAttribution], *, ann_name: str,
                 resolved: dict[tuple[str, int, int], ResolvedSource] | None = None) -> list[Statement]:
    statements = []
    for attribution in attributions:
        content = tuple(merged(attribution.content))
        if not content:
            continue  # only empty spans: nothing to score
        known = None
        if attribution.source and resolved:
            key = (ann_name, attribution.source[0][0], attribution.source[-1][1])
            known = resolved.get(key)
        statements.append(Statement(
            parts=content,
            quoted=is_quoted(text, attribution.content),
            source=attribution.source,
            speaker=known.speaker if known else None,
            speaker_known=known is not None,
            mention_kind=known.mention_kind if known else None,
        ))
    return statements


@dataclass(slots=True)
class PolnearDocument:
    id: str  # the text file's stem
    ann_name: str  # the annotation file used
    text: str
    gold: list[Statement]


def polnear_annotation_files(root: Path, split: str) -> dict[str, list[Path]]:
    """Each text stem of a split with its .ann files (several when several annotators did it), sorted."""
    found: dict[str, list[Path]] = {}
    for text_path in sorted((root / "data" / split / "text").glob("*.txt")):
        found[text_path.stem] = sorted((root / "data" / split / "attributions").glob(f"{text_path.stem}_*.ann"))
    return found


def read_polnear(root: Path, *, split: str, limit: int | None = None,
                 resolved: dict[tuple[str, int, int], ResolvedSource] | None = None
                 ) -> tuple[list[PolnearDocument], list[str]]:
    """PolNeAR documents of a split, in file-name order, with gold statements and reading notes."""
    text_dir = root / "data" / split / "text"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"{text_dir} does not exist: is {root} a checkout of networkdynamics/PolNeAR?")
    documents: list[PolnearDocument] = []
    several, missing = 0, []
    for stem, ann_paths in polnear_annotation_files(root, split).items():
        if limit is not None and len(documents) >= limit:
            break
        if not ann_paths:
            missing.append(stem)
            continue
        several += len(ann_paths) > 1
        chosen = ann_paths[0]
        # newline="" keeps any CR, so brat's character offsets stay valid.
        with (text_dir / f"{stem}.txt").open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        gold = polnear_gold(text, parse_brat(chosen.read_text(encoding="utf-8")), ann_name=chosen.name,
                            resolved=resolved)
        documents.append(PolnearDocument(id=stem, ann_name=chosen.name, text=text, gold=gold))
    notes = [
        f"{len(documents)} texts read from data/{split}/text; {several} of them were annotated by several "
        "annotators, and for each the first .ann file by sorted name (lowest annotator id) is the gold.",
    ]
    if missing:
        notes.append(f"{len(missing)} texts have no .ann file and were skipped: {', '.join(missing[:5])}")
    no_source = sum(1 for document in documents for statement in document.gold if not statement.source)
    notes.append(f"{no_source} gold statements have no Source span (PolNeAR 'Attribution-no-source').")
    return documents, notes


def evaluate_polnear(nlp_object, root: Path, *, split: str = "dev", limit: int | None = None,
                     resolved_path: Path | None = None, batch_size: int = 32, workers: int = 1) -> Report:
    """Run the pipeline on a PolNeAR split and score it."""
    resolved = load_resolved(resolved_path) if resolved_path else None
    documents, notes = read_polnear(root, split=split, limit=limit, resolved=resolved)
    predictions, failed = run_pipeline(nlp_object, [(document.id, document.text) for document in documents],
                                       batch_size=batch_size, workers=workers)
    report = score(
        (ScoredDocument(document.id, document.text, document.gold, predictions.get(document.id, []))
         for document in documents),
        corpus=f"PolNeAR {split}",
    )
    report.notes.extend(failure_note(failed) + notes)
    if resolved_path:
        used = {document.ann_name for document in documents}
        annotated = [key for key in resolved if key[0] in used]
        report.notes.append(
            f"resolved names: {len(annotated)} annotated Source spans in {len({key[0] for key in annotated})} "
            f"of these documents, from {resolved_path.name}."
        )
    else:
        report.notes.append("resolved names: no annotation file for this split, so no resolved-name accuracy.")
    report.notes.extend(POLNEAR_NOTES)
    return report


def evaluate_samples(nlp_object, documents: Sequence[tuple[str, str, str]], *, expected_dir: Path,
                     batch_size: int = 32, workers: int = 1) -> Report:
    """Score the pipeline on sample documents given as (file name, document id, text)."""
    gold = {doc_id: sample_gold(text, load_expected(expected_dir, file_name, doc_id))
            for file_name, doc_id, text in documents}
    predictions, failed = run_pipeline(nlp_object, [(doc_id, text) for _, doc_id, text in documents],
                                       batch_size=batch_size, workers=workers)
    report = score(
        (ScoredDocument(doc_id, text, gold[doc_id], predictions.get(doc_id, [])) for _, doc_id, text in documents),
        corpus="samples",
    )
    report.notes.extend(failure_note(failed))
    report.notes.append(
        "Gold from samples/expected (written by hand for the project); speaker span accuracy checks the "
        "predicted mention against the gold mention words in the statement's paragraphs; resolved-name "
        "accuracy counts every matched statement (a gold null speaker needs a null prediction)."
    )
    return report
