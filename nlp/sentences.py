"""Fast sentence and offset look-ups over a parsed Doc, built once per stage call.

spaCy's `Token.sent` walks the document's sentences on every call, which made our stages
quadratic in document length; these arrays make each look-up O(1) or O(log n).
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token


class SentenceIndex:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [token.idx for token in doc]
        self.sentence_start = [0] * len(doc)
        self.sentence_end = [0] * len(doc)
        self.ordinal = [0] * len(doc)  # the sentence number of each token
        for number, sentence in enumerate(doc.sents):
            for i in range(sentence.start, sentence.end):
                self.sentence_start[i] = sentence.start
                self.sentence_end[i] = sentence.end
                self.ordinal[i] = number

    def sentence(self, token: Token) -> Span:
        return self.doc[self.sentence_start[token.i]:self.sentence_end[token.i]]

    def token_at_or_after(self, offset: int) -> Token | None:
        """The first token that ends after `offset` (the token containing it, or the next one)."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and self.starts[index] + len(self.doc[index]) > offset:
            return self.doc[index]
        index += 1
        return self.doc[index] if index < len(self.doc) else None


_last_text: tuple[Doc, str] | None = None


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy rebuilds from every token on each access, cached for the latest Doc."""
    global _last_text
    if _last_text is None or _last_text[0] is not doc:
        _last_text = (doc, doc.text)
    return _last_text[1]
