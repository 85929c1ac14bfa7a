"""Offset-preserving normalisation and paragraph splitting (nlp/text.py)."""
from __future__ import annotations

from nlp.text import normalize_same_length, paragraph_index, paragraph_ranges


def test_normalisation_keeps_length_and_maps_odd_whitespace():
    text = "of\u00a0the\r\nnext\u200bword\ttab\x00nul\u2028line"
    normalised = normalize_same_length(text)
    assert len(normalised) == len(text)
    assert normalised == "of the \nnext word tab nul\nline"


def test_paragraphs_split_on_blank_lines_and_trim():
    text = "  First para\nwrapped line.\n\n   Second para.\n \n\nThird."
    ranges = paragraph_ranges(text)
    assert [text[s:e] for s, e in ranges] == ["First para\nwrapped line.", "Second para.", "Third."]
    assert paragraph_index(ranges, text.index("Second")) == 1


def test_text_without_blank_lines_is_one_paragraph_per_line():
    text = "Line one.\nLine two.\nLine three."
    assert len(paragraph_ranges(text)) == 3


def test_a_block_of_headlines_is_split_into_lines_but_wrapped_prose_is_not():
    listing = "Intro paragraph.\n\nFirst Headline Here\nSecond Headline - Smith\nThird One"
    assert len(paragraph_ranges(listing)) == 4
    prose = "Intro.\n\nThis sentence is wrapped\nacross lines and continues\nhere in lower case."
    assert len(paragraph_ranges(prose)) == 2


def test_long_runs_without_whitespace_are_broken_up_at_the_same_length():
    text = "start " + '"' * 1000 + " end"
    normalised = normalize_same_length(text)
    assert len(normalised) == len(text)
    assert max(len(run) for run in normalised.split()) <= 100
    assert normalize_same_length("ordinary words stay as they are") == "ordinary words stay as they are"
