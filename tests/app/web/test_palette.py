"""Speaker colours and labels: every index its own colour, white text readable on each, labels unique."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.web.palette import (
    BASE_PALETTE,
    MAX_COLOURS,
    MIN_CONTRAST_WITH_WHITE,
    colour_rgb,
    contrast_with_white,
    generated_stylesheet,
    speaker_labels,
)


def test_every_colour_index_has_a_colour_no_other_index_has():
    colours = [colour_rgb(index) for index in range(MAX_COLOURS)]
    assert len(set(colours)) == MAX_COLOURS
    assert colours[:len(BASE_PALETTE)] == list(BASE_PALETTE)


def test_white_badge_text_reads_on_every_colour():
    assert min(contrast_with_white(colour_rgb(index)) for index in range(MAX_COLOURS)) >= MIN_CONTRAST_WITH_WHITE
    # The measure itself: white on white is 1:1, white on black 21:1, and a pale yellow fails.
    assert contrast_with_white((255, 255, 255)) == pytest.approx(1.0)
    assert contrast_with_white((0, 0, 0)) == pytest.approx(21.0)
    assert contrast_with_white((240, 228, 66)) < MIN_CONTRAST_WITH_WHITE


@pytest.mark.parametrize("index", [-1, MAX_COLOURS])
def test_indexes_out_of_range_are_refused(index):
    with pytest.raises(ValueError):
        colour_rgb(index)


def test_the_generated_stylesheet_starts_past_the_base_palette():
    css = generated_stylesheet(10)
    assert ".c8 {" in css and ".c9 {" in css and ".c7 {" not in css and ".c10 {" not in css
    assert generated_stylesheet(len(BASE_PALETTE)).count("{") == 0


@pytest.mark.parametrize(("names", "labels"), [
    (["Gideon Farrow", "Helena Marsh"], ["GF", "HM"]),
    (["Councillor Amara Nwosu", "Police Sergeant Marcus Bell"], ["AN", "MB"]),  # titles left out
    (["Economists", "a spokesperson for the port authority"], ["Ec", "SA"]),  # small words left out
    (["Gina Fox", "George Fern", "Grace Fitch"], ["GF", "GF2", "GF3"]),  # shared initials numbered
    (["José Ñúñez", "Ōtani Shōhei"], ["JÑ", "ŌS"]),
    (["", "1984"], ["?", "?2"]),  # nothing to take initials from
])
def test_labels_are_initials_unique_within_the_article(names, labels):
    assert speaker_labels(names) == labels


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="AbGgFf2 .-'", max_size=12), max_size=40))
def test_labels_are_unique_for_any_names(names):
    labels = speaker_labels(names)
    assert len(labels) == len(names) and len(set(labels)) == len(labels)
