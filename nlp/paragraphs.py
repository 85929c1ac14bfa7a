"""quotetrail_paragraphs: find paragraph ranges and start a sentence at each, before the parser runs."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp import extensions  # noqa: F401  (registers the extensions)
from nlp.errors import guarded
from nlp.text import paragraph_ranges


class ParagraphSplitter:
    """Sentences never cross a paragraph boundary: news quotes and their cues are paragraph-bound."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        paragraphs = paragraph_ranges(doc.text)
        doc._.qt_paragraphs = paragraphs
        starts = {start for start, _ in paragraphs}
        for token in doc:
            if token.i > 0 and token.idx in starts:
                token.is_sent_start = True
        return doc


@Language.factory(
    "quotetrail_paragraphs",
    assigns=["doc._.qt_paragraphs", "token.is_sent_start"],
    requires=[],  # the text alone: this stage runs before the parser
)
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter(nlp, name)
