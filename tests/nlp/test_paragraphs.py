"""nlp/paragraphs.py: the quotetrail_paragraphs stage, built through the real factory."""
from __future__ import annotations

from nlp.pipeline import PARAGRAPH_STAGE

TEXT = "A first paragraph that runs on. It has two sentences\n\nSecond paragraph here.\n\nThird one"


def test_paragraphs_are_recorded_and_each_starts_a_sentence(pipeline):
    doc = pipeline(TEXT)
    assert doc._.qt_paragraphs == [(0, 52), (54, 76), (78, 87)]
    starts = {sentence.start_char for sentence in doc.sents}
    assert {start for start, _ in doc._.qt_paragraphs} <= starts


def test_no_sentence_crosses_a_paragraph(pipeline):
    doc = pipeline(TEXT)
    starts = [start for start, _ in doc._.qt_paragraphs]
    for sentence in doc.sents:
        assert not any(sentence.start_char < start < sentence.end_char for start in starts), sentence.text


def test_the_stage_runs_before_the_parser_and_declares_what_it_writes(pipeline):
    names = pipeline.pipe_names
    assert names.index(PARAGRAPH_STAGE) < names.index("parser")
    meta = pipeline.get_pipe_meta(PARAGRAPH_STAGE)
    assert set(meta.assigns) == {"doc._.qt_paragraphs", "token.is_sent_start"} and meta.requires == []


def test_an_empty_text_has_no_paragraphs(pipeline):
    assert pipeline("")._.qt_paragraphs == []
