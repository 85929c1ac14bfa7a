"""Character ranges of reported content: a clause without its cue, trimmed, grown over quotations it cuts."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.cues.context import Quotation
from nlp.cues.statement import Range
from nlp.quotes import outer_range
from nlp.sentences import doc_text
from nlp.vocabulary.marks import EVERYDAY_OPENERS

_TRAILING = ".,;:!?—–- \n\t)"
_LEADING = ",;:—–- \n\t"
# A token that is one quote mark that may open a clause's content (the content keeps its opening mark).
OPENING_MARKS = frozenset(EVERYDAY_OPENERS)
# Punctuation that sets an interrupting cue clause apart: "…, he said, …", "… — he said — …".
CLAUSE_BREAKS = (",", "—", "–")


def trim_range(doc: Doc, start: int, end: int) -> Range | None:
    """The range without leading and trailing punctuation and space; None if under two characters remain."""
    text = doc_text(doc)
    while start < end and text[start] in _LEADING:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    if end - start < 2:
        return None
    return start, end


def token_range(doc: Doc, first: int, last: int) -> Range | None:
    """The trimmed range from token `first` to token `last`, both included."""
    return trim_range(doc, doc[first].idx, doc[last].idx + len(doc[last]))


def extend_over_quotations(content: Range, quotations: list[Quotation], paragraphs: list[Range]) -> Range:
    """Grow a clause so that a quotation it cuts through is wholly inside, with both its marks.

    A clause that starts or ends inside a quotation's words grows to its marks. And the parser
    often leaves one mark of a quotation at the clause's edge out (`called the comeback
    "competent".`, a headline's `promises “no new taxes” in budget`): a clause that reaches past
    one side of a quotation holds that side's mark, so it must hold the other side's too. A clause
    that is exactly a quotation's words keeps its edges (a direct quote's content has no marks).
    """
    start, end = content
    for quotation in quotations:
        q_start, q_end = quotation["parts"][0][0], quotation["parts"][-1][1]
        if not (q_start < end and start < q_end):
            continue
        outer_start, outer_end = outer_range(quotation)
        if q_start < start or end > q_end:
            start = min(start, outer_start)
        if end < q_end or start < q_start:
            end = max(end, outer_end)
    return start, end


def clause_range(doc: Doc, head: Token, exclude: Token | None, cue_tokens: list[Token]) -> Range | None:
    """The reported clause headed by `head`, as one contiguous character range without the cue."""
    cue = cue_tokens[0]
    if exclude is not None:
        # Inverted order ("The plan is dead, he said"): the clause runs up to the cue clause.
        cue = exclude
    if head.i < cue.i:
        # Content before the cue: from the clause's left edge up to the cue's subject or the cue.
        subject_starts = [t.left_edge.i for t in cue.children if t.dep_ in ("nsubj", "nsubjpass") and t.i > head.i]
        stop = min([cue.i] + subject_starts)
        first = head.left_edge.i
        if stop <= first:
            return None
        return token_range(doc, first, stop - 1)
    # Content after the cue: from the clause's left edge (past "that") to its right edge.
    tokens = [t for t in head.subtree if t.i > cue.i]
    if not tokens:
        return None
    first, last = tokens[0].i, tokens[-1].i
    while first <= last and (doc[first].dep_ == "mark" and doc[first].lower_ in ("that", "whether", "if")
                             or doc[first].is_space
                             or doc[first].is_punct and doc[first].text not in OPENING_MARKS):
        first += 1
    if first > last:
        return None
    return token_range(doc, first, last)


def skip_breaks(doc: Doc, start: int, stop: int) -> int:
    """The first token from `start` (up to `stop`, included) that is neither a clause break nor space."""
    while start <= stop and (doc[start].is_punct and doc[start].text in ",—–" or doc[start].is_space):
        start += 1
    return start


def after_cue_clause(doc: Doc, head: Token, cue: Token) -> Range | None:
    """What the reported clause `head` says after an interrupting cue clause ("…, he said, …")."""
    right = cue.right_edge.i
    while right > cue.i and doc[right].is_punct:
        right -= 1
    if right + 1 >= len(doc) or doc[right + 1].text not in CLAUSE_BREAKS or head.right_edge.i <= right + 1:
        return None
    start = skip_breaks(doc, right + 1, head.right_edge.i)
    if start > head.right_edge.i:
        return None
    last = head.right_edge
    rest = trim_range(doc, doc[start].idx, last.idx + len(last))
    # At least a phrase: a lone adverb or a date after the cue is its own, not the statement's.
    if rest is None or sum(t.is_alpha for t in doc[start:last.i + 1]) < 3:
        return None
    return rest
