"""nlp/sentences.py: sentence and offset look-ups on a hand-built Doc."""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.sentences import SentenceIndex, doc_text


def two_sentences() -> Doc:
    words = ["He", "left", ".", "She", "stayed", "."]
    return Doc(Vocab(), words=words, spaces=[True, False, True, True, False, False],
               sent_starts=[True, False, False, True, False, False])


def test_sentence_index_knows_each_token_s_sentence():
    doc = two_sentences()
    index = SentenceIndex(doc)
    assert index.ordinal == [0, 0, 0, 1, 1, 1]
    assert index.sentence(doc[4]).text == "She stayed."
    assert index.sentence(doc[0]).text == "He left."


def test_token_at_or_after_an_offset():
    doc = two_sentences()
    index = SentenceIndex(doc)
    assert str(index.token_at_or_after(0)) == "He"
    assert str(index.token_at_or_after(4)) == "left"
    assert str(index.token_at_or_after(2)) == "left"  # the space after "He": the next token
    assert index.token_at_or_after(len(doc.text)) is None


def test_doc_text_is_cached_per_doc():
    first, second = two_sentences(), Doc(Vocab(), words=["Other"], spaces=[False])
    assert doc_text(first) == "He left. She stayed."
    assert doc_text(second) == "Other"
    assert doc_text(first) == "He left. She stayed."
