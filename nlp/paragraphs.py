"""quotetrail_paragraphs: find paragraph ranges and start a sentence at each, before the parser runs."""
from __future__ import annotations

import re
from typing import cast

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from nlp import extensions  # noqa: F401  (registers the extensions)
from nlp.errors import guarded
from nlp.text import paragraph_ranges

_OPENING_BRACKET = re.compile(r"[(\[]")
CLOSING_BRACKETS = frozenset({")", "]"})
SENTENCE_ENDS = frozenset({".", "!", "?"})
# A bracket left open longer than this is a stray mark, not an aside: the parser decides again after it.
BRACKET_REACH = 40


class ParagraphSplitter:
    """Sentences never cross a paragraph boundary (news quotes and their cues are paragraph-bound), and an
    aside in brackets opened inside a sentence stays inside it."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        paragraphs = paragraph_ranges(doc.text)
        doc._.qt_paragraphs = paragraphs
        starts = {start for start, _ in paragraphs}
        # Token start offsets, searched by bisection, and every sentence start written in one array: setting
        # Token.is_sent_start checks the whole Doc's annotation on each call, and Doc.char_span scans the
        # tokens, which made a text of 6,000 brackets take 19 s in this stage.
        offsets = doc.to_array("IDX")
        sent_starts = doc.to_array("SENT_START").astype(numpy.int64)  # 1 starts, -1 must not, 0 open
        for start in starts:
            first = _token_starting_at(offsets, start)
            if first is not None and first > 0:
                sent_starts[first] = 1
        for bracket in _OPENING_BRACKET.finditer(doc.text):
            opening = _token_starting_at(offsets, bracket.start())
            if opening is not None and bracket.start() not in starts and _inside_a_sentence(doc, opening):
                _keep_aside_in_its_sentence(doc, opening, starts, sent_starts)
        # One column, -1 wrapped as spaCy stores it.
        doc.from_array(["SENT_START"], cast(Ints2d, sent_starts.astype(numpy.uint64).reshape(-1, 1)))
        return doc


def _token_starting_at(offsets: numpy.ndarray, offset: int) -> int | None:
    """The index of the token that starts at character `offset`, if one does."""
    index = int(numpy.searchsorted(offsets, offset))
    return index if index < len(offsets) and int(offsets[index]) == offset else None


def _keep_aside_in_its_sentence(doc: Doc, opening: int, starts: set[int], sent_starts: numpy.ndarray) -> None:
    """"Carla Brandt, … (Pierce Cnty. Super. Ct.), said": an abbreviation's full stop inside a bracket opened
    mid-sentence is no sentence end, or "Ct" becomes the subject of "said". Up to the closing bracket, the
    paragraph's end or BRACKET_REACH tokens."""
    for index in range(opening + 1, min(len(doc), opening + BRACKET_REACH + 2)):
        token = doc[index]
        if token.idx in starts:
            return
        sent_starts[index] = -1
        if token.text in CLOSING_BRACKETS:
            return


def _inside_a_sentence(doc: Doc, index: int) -> bool:
    """Whether the text before token `index` leaves a sentence open (no full stop, even before a closing quote)."""
    before = index - 1
    while before >= 0 and (doc[before].is_quote or doc[before].is_space):
        if doc[before].is_space:
            return False  # a paragraph's first bracket
        before -= 1
    return before >= 0 and doc[before].text not in SENTENCE_ENDS


@Language.factory(
    "quotetrail_paragraphs",
    assigns=["doc._.qt_paragraphs", "token.is_sent_start"],
    requires=[],  # the text alone: this stage runs before the parser
)
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter(nlp, name)
