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


def test_no_sentence_starts_inside_a_bracket_opened_mid_sentence(pipeline):
    text = ("Attorney General Carla Brandt, whose office filed a suit, State v. RentLogic Inc. (Pierce Cnty. "
            "Super. Ct.), said the ruling was fair.")
    doc = pipeline(text)
    assert len(list(doc.sents)) == 1
    said = next(t for t in doc if t.text == "said")
    assert not any(t.is_sent_start for t in doc[said.i - 6:said.i + 1])


def test_a_bracketed_sentence_after_a_full_stop_keeps_its_own_sentences(pipeline):
    # Opened after a sentence ended: an aside of whole sentences, which the parser splits as it likes.
    doc = pipeline("The mayor left early. (She had a flight. It was late.) The vote went ahead.")
    assert sum(1 for s in doc.sents if "It was late" in s.text and "She had" not in s.text) == 1


def test_a_paragraph_that_opens_with_a_bracket_keeps_its_own_sentences(pipeline):
    doc = pipeline('He left.\n\n(His spokeswoman denied it. "He was never there," she said.)\n\nThe vote went on.')
    assert any(s.text.startswith('"He was never there,"') for s in doc.sents)
