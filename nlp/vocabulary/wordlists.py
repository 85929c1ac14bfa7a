"""The word lists in nlp/resources/ (cue verbs, role nouns, given names, negations ...) and their loader.

A resource file holds one entry a line; `#` starts a comment; optional tab-separated columns after
the word are tags (a gender `m`/`f`, or a word naming a subset, such as `title`). Each file is read
once per process (the functions are cached); a pipeline component takes the `Lexicon` it needs when
it is constructed, never per token.
"""
from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from nlp.errors import ResourceMissing

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of a resource file as tuples of columns, comments and blank lines left out."""
    path = RESOURCES / name
    if not path.exists():
        raise ResourceMissing(name)
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            found.append(tuple(line.split("\t")))
    return tuple(found)


@cache
def words(name: str) -> frozenset[str]:
    """The first column of a resource file, lower-cased."""
    return frozenset(row[0].lower() for row in rows(name))


@cache
def genders(name: str) -> dict[str, str]:
    """word -> "m"/"f" for the rows of a resource file that give a gender in column 2."""
    return {row[0].lower(): row[1] for row in rows(name) if len(row) > 1 and row[1] in ("m", "f")}


def organisation_nouns() -> frozenset[str]:
    """Common nouns for a body ("the ministry", "his company"): resources/organisation_nouns.txt."""
    return words("organisation_nouns.txt")


@cache
def tagged(name: str, tag: str) -> frozenset[str]:
    """The lower-cased words of a resource file whose row carries `tag` in a later column."""
    return frozenset(row[0].lower() for row in rows(name) if tag in row[1:])


@cache
def untagged(name: str) -> frozenset[str]:
    """The lower-cased words of a resource file whose row has no further column."""
    return frozenset(row[0].lower() for row in rows(name) if len(row) == 1)


def negations() -> frozenset[str]:
    """Negating words as written, wide ones included ("nowhere", "without"); n't is matched by its ending."""
    return untagged("negations.txt") | tagged("negations.txt", "wide")


def negations_without_apostrophes() -> frozenset[str]:
    """Negating words of text whose apostrophes were removed ("dont", "n", "t"); wide ones left out."""
    return untagged("negations.txt") | tagged("negations.txt", "contraction")


class Lexicon:
    """Every word list the pipeline stages read, loaded once when a stage is constructed."""

    def __init__(self) -> None:
        self.speech_verbs = words("cue_verbs.txt")
        self.thought_verbs = words("thought_verbs.txt")
        self.cue_verbs = self.speech_verbs | self.thought_verbs
        self.evaluative_verbs = words("evaluative_verbs.txt")
        self.cue_nouns = words("cue_nouns.txt")
        self.light_verbs = words("light_verbs.txt")
        self.intention_verbs = words("intention_verbs.txt")
        self.wish_verbs = words("wish_verbs.txt")
        self.refusal_verbs = words("refusal_verbs.txt")
        self.speech_acts = words("speech_acts.txt")
        self.negative_quantifiers = words("negative_quantifiers.txt")
        self.role_nouns = words("role_nouns.txt")
        self.group_nouns = words("group_nouns.txt")
        self.document_nouns = words("document_nouns.txt")
        self.data_sources = words("data_sources.txt")
        self.role_genders = genders("role_nouns.txt")
        self.name_genders = genders("given_names.txt")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process's one Lexicon (the files are read on first use)."""
    return Lexicon()
