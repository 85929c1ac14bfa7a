"""nlp/errors.py: stable error codes, messages that say what to do, and the [Q100] guard."""
from __future__ import annotations

import logging

from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp import extensions  # noqa: F401 - registers doc._.qt_notes
from nlp.errors import ModelNotFound, QuotetrailNLPError, ResourceMissing, guarded


def test_codes_are_distinct_and_appear_in_the_messages():
    missing_model = ModelNotFound("xx", ["xx"])
    missing_file = ResourceMissing("nothing.txt")
    assert len({QuotetrailNLPError.code, ModelNotFound.code, ResourceMissing.code}) == 3
    assert "[Q001]" in str(missing_model) and "QUOTETRAIL_SPACY_MODEL" in str(missing_model)
    assert "[Q002]" in str(missing_file) and "nothing.txt" in str(missing_file)


class Broken:
    name = "broken_stage"

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        raise ValueError("odd document")


def test_a_failing_stage_keeps_the_doc_and_notes_why(caplog):
    doc = Doc(Vocab(), words=["Hello"])
    with caplog.at_level(logging.ERROR, logger="nlp"):
        assert Broken()(doc) is doc
    assert doc._.qt_notes == ["[Q100] stage broken_stage failed on this document: ValueError: odd document"]
    assert "broken_stage" in caplog.text
