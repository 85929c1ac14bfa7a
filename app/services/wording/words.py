"""Words as the quote check compares them: folding, offsets, function words and negations."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nlp.vocabulary.marks import TYPOGRAPHIC_APOSTROPHES, fold_apostrophes
from nlp.vocabulary.wordlists import negations

# A word: a number with digit groups or decimals, or letters joined by apostrophes ("don't", "O’Neill").
INNER_APOSTROPHES = re.escape("'" + TYPOGRAPHIC_APOSTROPHES)
WORD_PATTERN = re.compile(rf"\d+(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)+|\w+(?:[{INNER_APOSTROPHES}]\w+)*")

# Negations as written, "nowhere" and "without" included; n't is recognised by its ending.
NEGATIONS = negations()

STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves also said says say told tell according mr mrs ms dr
""".split())


def fold(word: str) -> str:
    """The form two words are compared in: case-, accent-, apostrophe- and digit-grouping-folded."""
    decomposed = unicodedata.normalize("NFKD", fold_apostrophes(word))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    if folded[:1].isdigit():
        folded = folded.replace(",", "")
    return folded


def is_negation(folded: str) -> bool:
    return folded in NEGATIONS or folded.endswith("n't")


def content_stem(folded: str) -> str:
    """A crude stem so "thinks" / "think" and "terrorists" / "terrorist" count as the same content word."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(folded) > len(suffix) + 3 and folded.endswith(suffix):
            return folded[: -len(suffix)]
    return folded


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text, with its offsets and the punctuation that follows it before the next word."""

    text: str
    folded: str
    start: int
    end: int
    trail: str  # non-space characters between this word and the next one
    trail_end: int  # offset just past the last of those characters (== end when there are none)
    last_in_range: bool  # the trail ends at a range edge (a quote part, a paste segment), so it is not compared


def words_in(text: str, ranges: list[tuple[int, int]] | None = None) -> list[Word]:
    """The words of `text` (or of its `ranges`), offsets into `text`."""
    words: list[Word] = []
    for range_start, range_end in ranges if ranges is not None else [(0, len(text))]:
        found = list(WORD_PATTERN.finditer(text, range_start, range_end))
        for index, match in enumerate(found):
            last = index + 1 == len(found)
            following = text[match.end():range_end if last else found[index + 1].start()]
            trail = "".join(following.split())
            words.append(Word(
                text=match.group(),
                folded=fold(match.group()),
                start=match.start(),
                end=match.end(),
                trail=trail,
                trail_end=match.end() + len(following.rstrip()) if trail else match.end(),
                last_in_range=last,
            ))
    return words

