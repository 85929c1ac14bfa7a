"""Word lists the stages use (cue verbs, role nouns, given names), read once from nlp/resources/."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from nlp.errors import ResourceMissing

RESOURCES = Path(__file__).with_name("resources")


def _rows(name: str) -> list[list[str]]:
    path = RESOURCES / name
    if not path.exists():
        raise ResourceMissing(name)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The first column of a resource file, lower-cased."""
    return frozenset(row[0].lower() for row in _rows(name))


@lru_cache(maxsize=None)
def genders(name: str) -> dict[str, str]:
    """word -> "m"/"f" for the rows of a resource file that give a gender in column 2."""
    return {row[0].lower(): row[1] for row in _rows(name) if len(row) > 1 and row[1] in ("m", "f")}


class Lexicon:
    """All word lists, loaded once per pipeline in the components' initialisation."""

    def __init__(self) -> None:
        self.speech_verbs = words("cue_verbs.txt")
        self.thought_verbs = words("thought_verbs.txt")
        self.cue_verbs = self.speech_verbs | self.thought_verbs
        self.evaluative_verbs = words("evaluative_verbs.txt")
        self.cue_nouns = words("cue_nouns.txt")
        self.light_verbs = words("light_verbs.txt")
        self.intention_verbs = words("intention_verbs.txt")
        self.refusal_verbs = words("refusal_verbs.txt")
        self.speech_acts = words("speech_acts.txt")
        self.negative_quantifiers = words("negative_quantifiers.txt")
        self.role_nouns = words("role_nouns.txt")
        self.group_nouns = words("group_nouns.txt")
        self.document_nouns = words("document_nouns.txt")
        self.role_genders = genders("role_nouns.txt")
        self.name_genders = genders("given_names.txt")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
