"""Speaker names folded for linking: titles and particles dropped, and whether two names can be one person."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

# Words of a title or role that news writing puts before a name ("Russian President Vladimir Putin",
# "Sen. Sanders", "Mr Assad"); everything up to the last of them is dropped from the name.
TITLE_WORDS = frozenset("""
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend father sister brother rabbi imam sheikh
    president vice prime minister premier chancellor secretary deputy foreign defense defence interior state
    senator sen rep representative congressman congresswoman governor gov mayor ambassador envoy spokesman
    spokeswoman spokesperson general gen lt col colonel maj major capt captain admiral adm sgt sergeant commander
    king queen prince princess crown emir sultan pope cardinal bishop archbishop ayatollah chief justice judge
    speaker leader chairman chairwoman chair director minister ceo cfo former acting late interim incumbent
    supreme attorney mp mep sheriff officer detective inspector
""".split())
# Name particles that come and go between spellings ("Bashar al-Assad" / "Bashar Assad").
NAME_PARTICLES = frozenset(
    "al el ad as ash an ar at az bin ibn bint ben van von der den de da di du la le dos das del della ter".split()
)
GENERATIONAL_SUFFIXES = frozenset("jr sr ii iii iv v".split())
PRONOUNS = frozenset("he she they it i we you him her them his hers their its".split())
# Words that make a speaker an institution, not a person ("the Defence Ministry", "Kessel Police").
INSTITUTION_WORDS = frozenset("""
    ministry department office agency police council committee government administration kremlin whitehouse
    court army forces military company corporation inc ltd group association union party spokesperson
    spokesman spokeswoman officials authorities authority commission board bank university hospital service
    services institute foundation organisation organization un nato eu embassy state statement report
    county city district team club center centre school
""".split())

# rapidfuzz ratio (0-100) above which two surnames are one name in two spellings: "Zelensky" and
# "Zelenskyy" (94) pass, "Clinton" and "Clifton" (86) do not.
SURNAME_MIN_RATIO = 88
# Given names may differ by a transliterated vowel ("Mohammed"/"Mohammad", 88) but not by added
# letters ("Alex"/"Alexa"): same length and at least this ratio.
GIVEN_NAME_MIN_RATIO = 85

NAME_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A personal name folded for comparison: given names and initials in order, surname, suffix."""

    given: tuple[str, ...]
    surname: str
    suffix: str | None = None

    @property
    def key(self) -> str:
        return " ".join((*self.given, self.surname, *((self.suffix,) if self.suffix else ())))


def fold_name(name: str) -> list[str]:
    """Accent-free, case-folded word tokens of a name; apostrophes join ("O'Brien" -> "obrien")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    plain = re.sub(r"['’‘`´]", "", plain)
    return NAME_TOKEN.findall(plain)


def name_parts(name: str) -> NameParts | None:
    """Split a printed name into NameParts, dropping titles and particles; None if no name is left."""
    tokens = fold_name(name)
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    suffix = None
    if len(tokens) > 1 and tokens[-1] in GENERATIONAL_SUFFIXES:
        suffix = tokens.pop()
    # The surname itself may be a title word ("Martin Luther King"): only words before it are titles.
    last_title = max((index for index, token in enumerate(tokens[:-1]) if token in TITLE_WORDS), default=-1)
    tokens = tokens[last_title + 1:]
    while len(tokens) > 1 and tokens[-1] in NAME_PARTICLES:
        tokens.pop()  # a dangling particle ("Bashar al") is a truncated name, not a surname
    tokens = [token for index, token in enumerate(tokens) if token not in NAME_PARTICLES or index == len(tokens) - 1]
    if not tokens or (len(tokens) == 1 and tokens[0] in PRONOUNS):
        return None
    return NameParts(given=tuple(tokens[:-1]), surname=tokens[-1], suffix=suffix)


def institution_parts(name: str) -> NameParts | None:
    """An institution's name folded whole ("the Defence Ministry" -> "defence ministry"): no titles to drop."""
    tokens = fold_name(name)
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    if not tokens or (len(tokens) == 1 and tokens[0] in PRONOUNS):
        return None
    return NameParts(given=tuple(tokens[:-1]), surname=tokens[-1])


def alias_key(alias: str, *, is_person: bool) -> str:
    """The look-up key of a name as `resolve_speaker` computes it for a person or an institution."""
    parts = name_parts(alias) if is_person else institution_parts(alias)
    return parts.key if parts else ""


def looks_like_person_name(name: str) -> bool:
    """A name the pipeline gave no person record for, written like one: 1-4 capitalised words, no institution words."""
    words = name.split()
    if not 1 <= len(words) <= 4 or words[0].casefold() == "the":
        return False
    for word in words:
        head = word.split("-", 1)[0].casefold()
        if not word[:1].isupper() and head not in NAME_PARTICLES:
            return False
    return not any(token in INSTITUTION_WORDS for token in fold_name(name))


def speaker_key(name: str) -> str:
    """The folded look-up key of a person's name: "Syrian President Bashar al-Assad" -> "bashar assad"."""
    parts = name_parts(name)
    return parts.key if parts else ""


@dataclass(frozen=True, slots=True)
class NameComparison:
    compatible: bool
    full: bool  # both names have given names and they agree (a strong link)
    score: float
    reason: str


def compare_names(new: NameParts, known: NameParts) -> NameComparison:
    """Can `new` and `known` name one person? Surnames must agree; given names and initials must not conflict."""
    # Both names were folded by name_parts (accents, case, titles, particles): that is the processor.
    surname_score = fuzz.ratio(new.surname, known.surname, processor=None)
    if surname_score < SURNAME_MIN_RATIO:
        return NameComparison(False, False, surname_score, f"surnames differ ({new.surname} / {known.surname})")
    spelling = "" if new.surname == known.surname else f", surname spelled {new.surname} / {known.surname}"
    if not new.given or not known.given:
        if new.suffix and known.suffix and new.suffix != known.suffix:
            return NameComparison(False, False, 0, f"suffixes differ ({new.suffix} / {known.suffix})")
        return NameComparison(True, False, surname_score, f"surname only ({new.key} / {known.key}){spelling}")
    if new.suffix != known.suffix:
        return NameComparison(
            False, False, 0, f"suffixes differ ({new.suffix or 'none'} / {known.suffix or 'none'})"
        )
    if len(new.given) != len(known.given):
        # "George Bush" / "George W. Bush": an extra given name or initial may be another person.
        return NameComparison(
            False, False, 0, f"given names differ in number ({' '.join(new.given)} / {' '.join(known.given)})"
        )
    for mine, theirs in zip(new.given, known.given, strict=True):
        if mine == theirs:
            continue
        is_initial = len(mine) == 1 or len(theirs) == 1
        if is_initial or len(mine) != len(theirs) or fuzz.ratio(mine, theirs, processor=None) < GIVEN_NAME_MIN_RATIO:
            return NameComparison(False, False, 0, f"given names conflict ({mine} / {theirs})")
    score = fuzz.token_sort_ratio(new.key, known.key, processor=None)
    same = "same name" if new.key == known.key else f"same person, spelled {new.key} / {known.key}"
    return NameComparison(True, True, score, same + spelling)



def display_name(name: str) -> str:
    """The printed name without the titles before it: "Russian President Vladimir Putin" -> "Vladimir Putin"."""
    words = name.split()
    last_title = max(
        (index for index, word in enumerate(words[:-1])
         if fold_name(word) and all(token in TITLE_WORDS for token in fold_name(word))),
        default=-1,
    )
    return " ".join(words[last_title + 1:]) or name.strip()
