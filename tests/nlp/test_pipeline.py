"""Building the pipeline from settings, and extracting from long documents in chunks."""
from __future__ import annotations

import pytest

import nlp
from nlp.errors import ModelNotFound
from nlp.pipeline import AUTO_MODELS, OUR_STAGES, PARAGRAPH_STAGE
from nlp.text import chunk_ranges


def test_auto_loads_an_installed_pipeline_and_says_which(pipeline):
    assert nlp.loaded_model_name(pipeline) in AUTO_MODELS
    names = pipeline.pipe_names
    assert names.index(PARAGRAPH_STAGE) < names.index("parser")
    assert names[-len(OUR_STAGES):] == list(OUR_STAGES)


def test_an_unknown_model_name_says_what_to_do():
    with pytest.raises(ModelNotFound) as raised:
        nlp.build_pipeline("en_core_web_nonexistent")
    assert "QUOTETRAIL_SPACY_MODEL" in str(raised.value) and "Q001" in str(raised.value)


def test_pipeline_order_is_consistent(pipeline):
    analysis = pipeline.analyze_pipes()
    assert not any(analysis["problems"].values())


def test_chunks_cover_the_text_and_prefer_paragraph_ends():
    text = ("A paragraph of words. " * 20 + "\n\n") * 50
    ranges = chunk_ranges(text, limit=2000)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert all(end - start <= 2000 for start, end in ranges)
    assert all(text[end - 2:end] == "\n\n" for _, end in ranges[:-1])
    unbroken = "x" * 5000
    assert chunk_ranges(unbroken, limit=2000) == [(0, 2000), (2000, 4000), (4000, 5000)]


def test_a_long_document_is_extracted_in_chunks_with_exact_offsets(pipeline, monkeypatch):
    monkeypatch.setattr("nlp.pipeline.chunk_ranges", lambda text: chunk_ranges(text, limit=300))
    paragraph = 'Mayor Ann Lee spoke on Monday.\n\n"We will open the bridge in May," Lee said.\n\n'
    text = paragraph * 6
    record = nlp.extract(pipeline, text, "long")
    assert len(record.quotes) == 6
    for quote in record.quotes:
        assert text[quote.start:quote.end] == quote.text == "We will open the bridge in May,"
        assert text[quote.mention_start:quote.mention_end] == quote.mention
        assert quote.speaker == "Ann Lee"
    assert [q.paragraph for q in record.quotes] == [1, 3, 5, 7, 9, 11]
    assert any("Q101" in note for note in record.notes)
