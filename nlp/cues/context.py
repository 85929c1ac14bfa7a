"""What every cue rule reads about the document being processed, gathered once per Doc."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from nlp.cues.frames import Frames
from nlp.sentences import SentenceIndex, doc_text
from nlp.vocabulary.wordlists import Lexicon

Quotation = dict[str, Any]  # see nlp/quotes.py: "parts", "marks", "recovered"
VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"})


@dataclass
class Context:
    doc: Doc
    quotations: list[Quotation]
    token_quote: list[int]  # for every token, the index of its quotation, else -1
    index: SentenceIndex
    paragraphs: list[tuple[int, int]]  # the Doc's paragraphs, or the whole text as one
    lexicon: Lexicon
    frames: Frames

    @classmethod
    def of(cls, doc: Doc, quotations: list[Quotation], token_quote: list[int], lexicon: Lexicon,
           frames: Frames) -> Context:
        paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
        return cls(doc, quotations, token_quote, SentenceIndex(doc), paragraphs, lexicon, frames)

    @property
    def text(self) -> str:
        return doc_text(self.doc)

    def lemma(self, token: Token) -> str:
        """The token's lemma, lower-cased, with the model's known slips corrected (lemma_fixes.txt)."""
        return self.frames.lemma_fixes.get(token.lower_, token.lemma_.lower())

    def is_cue_verb(self, token: Token) -> bool:
        """A verb of cue_verbs.txt or thought_verbs.txt, used as a verb."""
        used_as_verb = token.pos_ in ("VERB", "AUX") or token.tag_ in VERB_TAGS
        return self.lemma(token) in self.lexicon.cue_verbs and used_as_verb

    def quoted(self, token: Token) -> bool:
        return self.token_quote[token.i] >= 0
