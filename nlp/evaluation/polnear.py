"""Gold statements of the PolNeAR corpus: brat standoff annotations, and our resolved-speaker annotations."""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nlp.encoding import OffsetMap, repair_encoding
from nlp.evaluation.scoring import Span, Statement, merged
from nlp.evaluation.speakers import SourceAnnotation
from nlp.vocabulary.marks import DOUBLE_MARKS, TYPEWRITER_CLOSING_DOUBLE

# Double quotation marks only: in news text a single mark is far more often an apostrophe
# (don't, Jones', '90s) than a quotation, so it says nothing about a statement being verbatim.
# Two apostrophes in a row are a double mark too: the New York Times texts in PolNeAR quote ''so''.
QUOTATION_MARKS = frozenset(DOUBLE_MARKS)
DOUBLED_APOSTROPHE = TYPEWRITER_CLOSING_DOUBLE

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
    "Segment level: each piece of a statement (a PolNeAR content fragment; a predicted statement's "
    "parts) is matched on its own, one to one, and inherits its statement's speaker and mention.",
)


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
            pairs = [item.split(":", 1) for item in line.split("\t", 1)[1].split() if ":" in item]
            if pairs:
                events.append((pairs[0][0], [(role, target) for role, target in pairs[1:]]))
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
    """Our annotations of the person behind a PolNeAR Source span (polnear-dev-resolved.tsv): key -> person."""
    resolved: dict[tuple[str, int, int], ResolvedSource] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"):
            key = (row["file"], int(row["source_start"]), int(row["source_end"]))
            resolved[key] = ResolvedSource(row["speaker"].strip(), (row.get("mention_kind") or "").strip() or None)
    return resolved


SourceKey = tuple[str, int, int]  # (.ann file name, Source start, Source end)


def load_sources(path: Path, *, split: str | None = None) -> dict[SourceKey, SourceAnnotation]:
    """Our annotations of who or what is behind every PolNeAR Source span (polnear-sources.tsv), of a split.

    The file covers several splits in one table (its `split` column); `split=None` reads every row.
    """
    sources: dict[SourceKey, SourceAnnotation] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"):
            if split is not None and row["split"] != split:
                continue
            key = (row["file"], int(row["source_start"]), int(row["source_end"]))
            sources[key] = SourceAnnotation(
                speaker=row["speaker"].strip() or None,
                speaker_type=row["speaker_type"].strip() or None,
                anonymous=row["anonymous"].strip() == "yes",
                mention_kind=(row.get("mention_kind") or "").strip() or None,
            )
    return sources


def is_quoted(text: str, spans: Iterable[Span]) -> bool:
    """Whether the spans hold a double quotation mark (a gold statement is then direct or mixed)."""
    return any(
        DOUBLED_APOSTROPHE in text[start:end] or any(char in QUOTATION_MARKS for char in text[start:end])
        for start, end in spans
    )


def polnear_gold(text: str, attributions: Iterable[BratAttribution], *, ann_name: str,
                 resolved: dict[SourceKey, ResolvedSource] | None = None,
                 sources: dict[SourceKey, SourceAnnotation] | None = None,
                 offsets: OffsetMap | None = None) -> list[Statement]:
    """Gold statements of one text. With `offsets` (original -> repaired, from nlp.encoding), `text` is
    the repaired text and the brat spans, which index the file as written, are mapped into it; our
    annotation files stay keyed by the original offsets."""
    offsets = offsets or OffsetMap()
    statements = []
    for attribution in attributions:
        known, annotation = None, None
        if attribution.source:
            key = (ann_name, attribution.source[0][0], attribution.source[-1][1])
            known = resolved.get(key) if resolved else None
            annotation = sources.get(key) if sources else None
        pieces = [offsets.span_to_repaired(span) for span in attribution.content]
        content = tuple(merged(pieces))
        if not content:
            continue  # only empty spans: nothing to score
        statements.append(Statement(
            parts=content,
            quoted=is_quoted(text, pieces),
            source=tuple(offsets.span_to_repaired(span) for span in attribution.source),
            speaker=known.speaker if known else None,
            speaker_known=known is not None,
            mention_kind=known.mention_kind if known else None,
            annotation=annotation,
        ))
    return statements


@dataclass(slots=True)
class PolnearDocument:
    id: str  # the text file's stem
    ann_name: str  # the annotation file used
    text: str  # mojibake repaired, as quotetrail reads any article; gold offsets index this text
    gold: list[Statement]


def polnear_annotation_files(root: Path, split: str) -> dict[str, list[Path]]:
    """Each text stem of a split with its .ann files (several when several annotators did it), sorted."""
    found: dict[str, list[Path]] = {}
    for text_path in sorted((root / "data" / split / "text").glob("*.txt")):
        found[text_path.stem] = sorted((root / "data" / split / "attributions").glob(f"{text_path.stem}_*.ann"))
    return found


def check_polnear_checkout(root: Path, *, split: str) -> None:
    """Raise FileNotFoundError, saying what is missing, unless `root` holds the split's texts (callers check
    this before they spend seconds loading a pipeline)."""
    text_dir = root / "data" / split / "text"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"{text_dir} does not exist: is {root} a checkout of networkdynamics/PolNeAR?")


def read_polnear(root: Path, *, split: str, limit: int | None = None,
                 resolved: dict[SourceKey, ResolvedSource] | None = None,
                 sources: dict[SourceKey, SourceAnnotation] | None = None,
                 ) -> tuple[list[PolnearDocument], list[str]]:
    """PolNeAR documents of a split, in file-name order, with gold statements and reading notes."""
    check_polnear_checkout(root, split=split)
    text_dir = root / "data" / split / "text"
    documents: list[PolnearDocument] = []
    several, missing, repaired_texts = 0, [], 0
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
            repaired = repair_encoding(handle.read())
        repaired_texts += repaired.changed
        gold = polnear_gold(repaired.text, parse_brat(chosen.read_text(encoding="utf-8")), ann_name=chosen.name,
                            resolved=resolved, sources=sources, offsets=repaired.offsets)
        documents.append(PolnearDocument(id=stem, ann_name=chosen.name, text=repaired.text, gold=gold))
    notes = [
        f"{len(documents)} texts read from data/{split}/text; {several} of them were annotated by several "
        "annotators, and for each the first .ann file by sorted name (lowest annotator id) is the gold.",
    ]
    if repaired_texts:
        notes.append(f"{repaired_texts} texts hold mojibake (UTF-8 once read as cp1252/Latin-1) and are read repaired, "
                     "as quotetrail reads any article; their gold offsets are mapped into the repaired text.")
    if missing:
        notes.append(f"{len(missing)} texts have no .ann file and were skipped: {', '.join(missing[:5])}")
    no_source = sum(1 for document in documents for statement in document.gold if not statement.source)
    notes.append(f"{no_source} gold statements have no Source span (PolNeAR 'Attribution-no-source').")
    return documents, notes
