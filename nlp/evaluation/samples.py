"""Gold statements of the project's own samples (samples/expected/*.json), written by hand."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from nlp.evaluation.scoring import QUOTED_KINDS, Span, Statement
from nlp.text import normalize_same_length, paragraph_ranges


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
