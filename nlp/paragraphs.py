"""quotetrail_paragraphs: find paragraph ranges and start a sentence at each, before the parser runs."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp import extensions  # noqa: F401  (registers the extensions)
from nlp.errors import guarded
from nlp.text import paragraph_ranges

OPENING_BRACKETS = frozenset({"(", "["})
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
        opened_mid_sentence: int | None = None  # the token index of a bracket opened inside a sentence
        for token in doc:
            if token.i > 0 and token.idx in starts:
                token.is_sent_start = True
                opened_mid_sentence = None
            elif opened_mid_sentence is not None:
                # "Carla Brandt, … (Pierce Cnty. Super. Ct.), said": an abbreviation's full stop inside a
                # bracket is no sentence end, or "Ct" becomes the subject of "said".
                token.is_sent_start = False
                if token.text in CLOSING_BRACKETS or token.i - opened_mid_sentence > BRACKET_REACH:
                    opened_mid_sentence = None
            if token.text in OPENING_BRACKETS and token.idx not in starts and _inside_a_sentence(doc, token.i):
                opened_mid_sentence = token.i
        return doc


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
