"""Speaker colours and labels: every index its own colour, white text readable on each, labels unique."""
from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

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


# Machado, Oliveira and Fernandes (2009), severity 1.0: linear-RGB matrices simulating each kind of
# dichromacy; with no simulation, normal vision.
VISION = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
UNATTRIBUTED_GREY = (110, 115, 130)  # .cx in the stylesheet


def seen_as_lab(colour: tuple[int, int, int], matrix) -> tuple[float, float, float]:
    """CIELAB (D65) of `colour` as a reader with that vision sees it."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    rgb = [linear(channel) for channel in colour]
    red, green, blue = (min(1.0, max(0.0, sum(row[i] * rgb[i] for i in range(3)))) for row in matrix)
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def closest_pair(colours) -> float:
    return min(math.dist(seen_as_lab(a, matrix), seen_as_lab(b, matrix))
               for matrix in VISION.values() for a, b in itertools.combinations(colours, 2))


def test_the_base_palette_stays_apart_for_colour_blind_readers():
    assert closest_pair([*BASE_PALETTE, UNATTRIBUTED_GREY]) >= 11
    # The measure tells colours apart that are apart, and catches the pair the old palette had: its
    # orange-red and its ochre looked alike to a protanope.
    assert closest_pair([(217, 88, 20), (180, 130, 0)]) < 3
    assert closest_pair([(0, 0, 0), (255, 255, 255)]) > 90


def test_the_stylesheet_defines_exactly_the_base_palette():
    css = (Path(__file__).resolve().parents[3] / "app" / "web" / "static" / "quotetrail.css").read_text("utf-8")
    defined = {int(index): tuple(map(int, rgb.split()))
               for index, rgb in re.findall(r"^\.c(\d+) \{ --c: (\d+ \d+ \d+); \}", css, flags=re.MULTILINE)}
    assert defined == dict(enumerate(BASE_PALETTE))


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
