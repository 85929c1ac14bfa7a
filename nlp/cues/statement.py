"""The statement being built (content parts, verbatim pieces, cue) and its span on the Doc."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from nlp.cues.kinds import VERB

Range = tuple[int, int]


@dataclass
class Statement:
    kind: str  # "direct" | "mixed" | "indirect"
    parts: list[Range]
    verbatim: list[Range] = field(default_factory=list)
    cue: Range | None = None
    cue_kind: str | None = None  # a key of nlp.cues.kinds.CUE_KINDS
    cue_token: int | None = None
    source_token: int | None = None  # for "according to X" / colon / dash: the head of X
    quotations: set[int] = field(default_factory=set)
    continuation_only: bool = False  # a short quote kept only if it merges into the cued one before it

    def cued_by(self, start: int, end: int, *, kind: str = VERB, token: int | None = None) -> Statement:
        """Record the cue (its character range, its kind and head token) and return the statement."""
        self.cue, self.cue_kind, self.cue_token = (start, end), kind, token
        return self

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def to_span(doc: Doc, statement: Statement) -> Span:
    """The statement as a span of the Doc, its exact offsets and cue on the span's extensions."""
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    if span is None:  # pragma: no cover - expand always finds tokens for a non-empty range
        span = doc[0:1]
    span._.qt_kind = statement.kind
    span._.qt_content = (statement.start, statement.end)
    span._.qt_parts = [tuple(part) for part in statement.parts]
    # A quotation found with a mark's tolerance can reach past a clause cut by the parser; the
    # verbatim pieces are by contract inside the statement, so clip them to it.
    span._.qt_verbatim = [(max(a, statement.start), min(b, statement.end)) for a, b in statement.verbatim
                          if min(b, statement.end) > max(a, statement.start)]
    span._.qt_cue = statement.cue
    span._.qt_cue_kind = statement.cue_kind
    span._.qt_cue_token = statement.cue_token
    span._.qt_source_token = statement.source_token
    return span
