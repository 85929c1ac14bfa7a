"""How the article page tells its speakers apart: a colour no other speaker of the article has, and a short label.

The stylesheet holds the first colours (`.c0` … `.c7`), chosen to stay apart for readers with the common
forms of colour blindness (after Okabe and Ito, and Paul Tol's schemes, darkened so white text on them
stays readable). An article with more sources than that gets further colours generated here and
served as a stylesheet (`/palette/N.css`), so no two speakers of an article ever share a colour. Past
a handful of colours, though, no eye tells every pair apart, so every source also carries a label (its
initials, unique within the article) that reads without any colour at all.
"""
from __future__ import annotations

import colorsys
import re
from collections.abc import Sequence

# The colours the stylesheet defines as .c0 … .c7 (RGB), in the order they are handed out: picked from
# Okabe-Ito's and Paul Tol's colours (darkened where white text would not read on them) as the eight
# that stay furthest apart, and apart from the grey of unattributed statements, for normal vision and
# simulated deuteranopia, protanopia and tritanopia alike (at least 11 CIELAB units; the ten colours
# used before had pairs 1.7 apart for protanopes). tests/app/web/test_palette.py measures it.
BASE_PALETTE: tuple[tuple[int, int, int], ...] = (
    (30, 128, 196),   # sky blue
    (200, 110, 0),    # orange
    (0, 133, 98),     # bluish green
    (170, 68, 153),   # purple
    (136, 34, 85),    # wine
    (51, 34, 136),    # indigo
    (110, 110, 30),   # olive
    (120, 70, 30),    # brown
)
BASE_SIZE = len(BASE_PALETTE)

# Generated colours step round the hue circle by the golden angle, so consecutive speakers land far
# apart and no hue comes back exactly; three lightness levels (all dark enough for white text on a
# badge) multiply the distinct colours again.
GOLDEN_ANGLE = 137.50776405003785
GENERATED_LIGHTNESS = (0.36, 0.28, 0.44)
GENERATED_SATURATION = 0.72
# White numbers sit on every colour (the statement badges): WCAG's ratio for large or bold text.
MIN_CONTRAST_WITH_WHITE = 3.0
# The most colours one generated stylesheet holds: far beyond any article's sources, a bound on the work
# one request can ask for.
MAX_COLOURS = 2000

# Words a label skips: a group's or unnamed source's description starts with them ("a spokesperson for
# the port authority" is SP, not AS).
LABEL_SKIPPED_WORDS = frozenset({"a", "an", "the", "of", "for", "and", "at", "in", "on", "to", "from", "with"})
# Titles before a name add nothing to a label: "Councillor Amara Nwosu" is AN.
LABEL_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "sir", "dame", "president", "prime", "minister", "mayor", "councillor",
    "councilor", "senator", "governor", "judge", "chief", "sergeant", "officer", "general", "secretary",
    "director", "chair", "chairman", "chairwoman", "professor", "prof", "rev", "historian", "police", "fire",
})
WORD_PATTERN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def colour_rgb(index: int) -> tuple[int, int, int]:
    """The colour of the speaker at `index` (0-based, in order of first appearance in the article); never
    the same as the colour of any lower index."""
    if not 0 <= index < MAX_COLOURS:
        raise ValueError(f"a colour index is from 0 to {MAX_COLOURS - 1}")
    return _COLOURS[index]


def _all_colours() -> tuple[tuple[int, int, int], ...]:
    """Every colour, in index order; each depends on those before it (it must differ from all of them),
    so they are made once, at import (about 15 ms), and only read afterwards, from any thread."""
    colours = list(BASE_PALETTE)
    taken = set(colours)
    while len(colours) < MAX_COLOURS:
        colours.append(_next_colour(len(colours), taken=taken))
        taken.add(colours[-1])
    return tuple(colours)


def _next_colour(index: int, *, taken: set[tuple[int, int, int]]) -> tuple[int, int, int]:
    step = index - BASE_SIZE
    hue = (20.0 + step * GOLDEN_ANGLE) % 360.0
    lightness = GENERATED_LIGHTNESS[(step // 3) % len(GENERATED_LIGHTNESS)]
    while True:
        red, green, blue = colorsys.hls_to_rgb(hue / 360.0, lightness, GENERATED_SATURATION)
        colour = (round(red * 255), round(green * 255), round(blue * 255))
        # Yellows and cyans are light at any given HLS lightness: darken until white text reads on
        # them; a colour already handed out (rounding can land on one) moves on too.
        if colour not in taken and (contrast_with_white(colour) >= MIN_CONTRAST_WITH_WHITE or lightness <= 0.1):
            return colour
        if lightness <= 0.1:  # dark enough and still taken: turn the hue a little instead
            hue = (hue + 1.0) % 360.0
        else:
            lightness -= 0.01


def contrast_with_white(colour: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of white text on `colour`."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour)
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


_COLOURS = _all_colours()


def generated_stylesheet(count: int) -> str:
    """CSS for the classes .c8 … .c(count-1): the colours beyond the stylesheet's own palette."""
    count = min(count, MAX_COLOURS)
    rules = [f".c{index} {{ --c: {' '.join(str(part) for part in colour_rgb(index))}; }}"
             for index in range(BASE_SIZE, count)]
    header = "/* quotetrail: speaker colours beyond the base palette (see app/web/palette.py). */"
    return header + "\n" + "\n".join(rules) + "\n"


def speaker_labels(names: Sequence[str]) -> list[str]:
    """A short label per source, unique within the list: initials of the name's words (titles and small
    words left out), at most two letters, with a number added when two sources share initials (JP, JP2)."""
    labels: list[str] = []
    seen: dict[str, int] = {}
    for name in names:
        base = _initials(name)
        seen[base] = seen.get(base, 0) + 1
        label = base if seen[base] == 1 else f"{base}{seen[base]}"
        while label in labels:  # "JP2" written as initials by a third source: keep counting
            seen[base] += 1
            label = f"{base}{seen[base]}"
        labels.append(label)
    return labels


def _initials(name: str) -> str:
    words = WORD_PATTERN.findall(name)
    meaningful = [word for word in words if word.casefold() not in LABEL_SKIPPED_WORDS]
    named = [word for word in meaningful if word.casefold().rstrip(".") not in LABEL_TITLES] or meaningful
    if not named:
        return "?"
    if len(named) == 1:
        return named[0][:2].capitalize()
    # First and last words: given name and surname for a person ("Gideon Farrow" GF).
    return (named[0][0] + named[-1][0]).upper()
