"""Gold statements of our evaluation articles (evaluation/articles/<set>/expected/*.json).

The samples' gold format plus `speaker_type`, `anonymous` and, for a statement in several pieces,
`parts` (the exact text of each piece, in order inside `text`); see evaluation/articles/README.md.
Unlike the samples' gold, every source is named here, groups and unnamed sources included.
"""
from __future__ import annotations

from collections.abc import Sequence

from nlp.evaluation.samples import GoldError, locate_expected_quote, locate_mention, paragraph_spans
from nlp.evaluation.scoring import QUOTED_KINDS, Span, Statement
from nlp.evaluation.speakers import SourceAnnotation

# The gold puts a statement's mention and cue within two paragraphs of it (a quote alone in its
# paragraph, named in the paragraph before).
MENTION_REACH = 2


def locate_parts(text: str, span: Span, parts: Sequence[str]) -> tuple[Span, ...]:
    """Each gold piece's offsets, in order inside the statement's span; raises GoldError if one is missing."""
    located: list[Span] = []
    cursor = span[0]
    for part in parts:
        start = text.find(part, cursor, span[1])
        if start < 0:
            raise GoldError(f"part not found in order inside its statement: {part!r}")
        located.append((start, start + len(part)))
        cursor = start + len(part)
    return tuple(located)


def locate_article_mention(text: str, mention: str, span: Span, paragraphs: Sequence[Span],
                           paragraph: int) -> tuple[Span, ...]:
    """The gold mention's occurrences in the statement's own paragraphs, else the nearest one within reach."""
    last = next((index for index, (start, end) in enumerate(paragraphs) if start <= span[1] <= end), paragraph)
    inside = locate_mention(text, mention, (paragraphs[paragraph][0], paragraphs[last][1]))
    if inside:
        return inside
    first_reach = paragraphs[max(0, paragraph - MENTION_REACH)][0]
    last_reach = paragraphs[min(len(paragraphs) - 1, last + MENTION_REACH)][1]
    around = locate_mention(text, mention, (first_reach, last_reach))
    if not around:
        raise GoldError(f"mention {mention!r} not found within {MENTION_REACH} paragraphs of {text[span[0]:span[1]]!r}")

    def distance(found: Span) -> int:
        return span[0] - found[1] if found[1] <= span[0] else found[0] - span[1]

    return (min(around, key=distance),)


def article_gold(text: str, expected: dict) -> list[Statement]:
    """Gold Statements of one evaluation article from its expected {"id", "quotes"}."""
    paragraphs = paragraph_spans(text)
    statements = []
    for quote in expected["quotes"]:
        span = locate_expected_quote(text, quote, paragraphs)
        parts = locate_parts(text, span, quote["parts"]) if quote.get("parts") else (span,)
        source: tuple[Span, ...] = ()
        if quote.get("mention"):
            source = locate_article_mention(text, quote["mention"], span, paragraphs, quote["paragraph"])
        statements.append(Statement(
            parts=parts, quoted=quote["kind"] in QUOTED_KINDS, kind=quote["kind"], source=source,
            annotation=SourceAnnotation(
                speaker=quote.get("speaker"),
                speaker_type=quote.get("speaker_type"),
                anonymous=bool(quote.get("anonymous")),
                mention_kind=None,
            ),
        ))
    return statements
