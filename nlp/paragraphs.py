"""quotetrail_paragraphs: find paragraph ranges and start a sentence at each, before the parser runs."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

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
        for start in starts:
            first = _token_starting_at(doc, start)
            if first is not None and first.i > 0:
                first.is_sent_start = True
        for bracket in _OPENING_BRACKET.finditer(doc.text):
            opening = _token_starting_at(doc, bracket.start())
            if opening is not None and opening.idx not in starts and _inside_a_sentence(doc, opening.i):
                _keep_aside_in_its_sentence(doc, opening.i, starts)
        return doc


def _token_starting_at(doc: Doc, offset: int) -> Token | None:
    """The token that starts at character `offset`, if one does."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) and span[0].idx == offset else None


def _keep_aside_in_its_sentence(doc: Doc, opening: int, starts: set[int]) -> None:
    """"Carla Brandt, … (Pierce Cnty. Super. Ct.), said": an abbreviation's full stop inside a bracket opened
    mid-sentence is no sentence end, or "Ct" becomes the subject of "said". Up to the closing bracket, the
    paragraph's end or BRACKET_REACH tokens."""
    for index in range(opening + 1, min(len(doc), opening + BRACKET_REACH + 2)):
        token = doc[index]
        if token.idx in starts:
            return
        token.is_sent_start = False
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
