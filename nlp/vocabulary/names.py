"""How news writing names people: particles, honorifics, titles; names folded, split and compared.

Two comparisons of whole names, for two questions:
- `compare_names_strictly`: may two names be *linked* as one person across articles? Given names
  must agree in number and spelling ("George Bush" is not "George W. Bush"; an initial is not enough).
- `names_agree_tolerantly`: does a *claim* ("Bush said it") fit a known person? Only the first
  given names are compared, and an initial agrees with a name.
Inside one article a third, looser reading holds (`same_given_name_or_initial`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from nlp.vocabulary.marks import NON_LETTER_APOSTROPHES
from nlp.vocabulary.wordlists import tagged, words

# --- particles ---------------------------------------------------------------------------------------

# Particles of European and Arabic names ("Ursula von der Leyen", "Bashar al-Assad"), and where each
# is read as one: in running text, where the pipeline keeps a lower-case particle inside a name
# (TEXT), and in a name folded for comparison, where speaker linking drops it (NAMES).
TEXT, NAMES, BOTH = "text", "names", "both"
_PARTICLES: dict[str, str] = {
    "de": BOTH, "van": BOTH, "von": BOTH, "der": BOTH, "den": BOTH, "da": BOTH, "di": BOTH, "del": BOTH,
    "della": BOTH, "du": BOTH, "la": BOTH, "le": BOTH, "al": BOTH, "el": BOTH, "bin": BOTH, "ibn": BOTH,
    "ter": BOTH, "dos": BOTH, "das": BOTH,
    # Dutch "ten Hag" and the Spanish "y" between two surnames: linking keeps them in a name's key.
    "ten": TEXT, "y": TEXT,
    # The Arabic article assimilated to the next consonant ("Abd ar-Rahman") and bint/ben: in
    # running English text "an", "as", "at" are words, so the pipeline does not read them as particles.
    "ad": NAMES, "as": NAMES, "ash": NAMES, "an": NAMES, "ar": NAMES, "at": NAMES, "az": NAMES,
    "bint": NAMES, "ben": NAMES,
}
PARTICLES_IN_TEXT = frozenset(word for word, where in _PARTICLES.items() if where in (TEXT, BOTH))
PARTICLES_IN_NAMES = frozenset(word for word, where in _PARTICLES.items() if where in (NAMES, BOTH))
# The particles a reader of pasted text takes inside an attributed name ("…, Bashar al-Assad said"),
# in the order its regular expression tries them. Narrower than PARTICLES_IN_TEXT (no "den",
# "della", "ter", "das", "ten", "y"), as it has always been: a paste is read as it was.
PASTED_NAME_PARTICLES = ("al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "del", "la", "le", "du", "dos",
                         "di")

# --- honorifics --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Honorific:
    word: str
    abbreviation: bool  # written with or without a full stop ("Mr." / "Mr")
    in_text: bool  # the pipeline skips it before a name
    in_name_keys: bool  # evaluation drops it when it compares names


HONORIFIC_TABLE: tuple[Honorific, ...] = (
    Honorific("mr", True, True, True),
    Honorific("mrs", True, True, True),
    Honorific("ms", True, True, True),
    Honorific("miss", False, True, True),
    Honorific("mx", True, False, True),
    Honorific("dr", True, True, True),
    Honorific("sir", False, True, True),
    Honorific("dame", False, True, True),
    # West African, South Asian and Caribbean papers write "Madam Akosua Serwaa", "Hon. Samuel Boateng".
    Honorific("madam", False, True, True),
    Honorific("hon", True, True, True),
    # Honorifics of other countries, written before a name and no office: Fijian "Ratu", Malaysian "Datuk",
    # West African "Alhaji"/"Alhaja", Indian "Shri"/"Smt", Nigerian "Engr", German "Herr"/"Frau". "Ratu
    # Josefa Vunibaka" and "Josefa Vunibaka" are one person. ("Adi", Fijian for women, is also a given name.)
    Honorific("ratu", False, True, True),
    Honorific("datuk", False, True, True),
    Honorific("dato", False, True, True),
    Honorific("alhaji", False, True, True),
    Honorific("alhaja", False, True, True),
    Honorific("shri", False, True, True),
    Honorific("smt", True, True, True),
    Honorific("engr", True, True, True),
    Honorific("herr", False, True, True),
    Honorific("frau", False, True, True),
    # Malaysian "Puan"/"Encik"/"Cik", Thai "Khun", Zimbabwean "Cde" (comrade): "Cde Tendai Mavhunga" and
    # "Tendai Mavhunga" are one person.
    Honorific("puan", False, True, True),
    Honorific("encik", False, True, True),
    Honorific("cik", False, True, True),
    Honorific("khun", False, True, True),
    Honorific("cde", False, True, True),
    # Peerage titles: the pipeline reads them before a name; evaluation has never dropped them.
    Honorific("lord", False, True, False),
    Honorific("lady", False, True, False),
    # Academic titles: the pipeline reads "Professor" as a role noun (resources/role_nouns.txt).
    Honorific("prof", True, False, True),
    Honorific("professor", False, False, True),
)
# The lower-cased tokens the pipeline takes for an honorific: "mr" and "mr." alike.
HONORIFICS_IN_TEXT = frozenset(
    form for row in HONORIFIC_TABLE if row.in_text
    for form in ((row.word, row.word + ".") if row.abbreviation else (row.word,))
)
HONORIFICS_IN_NAME_KEYS = frozenset(row.word for row in HONORIFIC_TABLE if row.in_name_keys)
# The honorifics and particles a byline or an author note writes, as they are capitalised there
# (resolution's authorship rules read bylines with a regular expression, not tokens).
BYLINE_HONORIFICS = ("Dr", "Prof", "Professor", "Rev", "Sir", "Dame", "Mr", "Mrs", "Ms")
BYLINE_PARTICLES = ("van", "von", "de", "der", "da", "di", "del", "la", "le", "bin", "al")

# --- titles ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def name_titles() -> frozenset[str]:
    """Words of a title that linking drops from the front of a name, lower case without full stops:
    the `title` rows of role_nouns.txt and the words of title_words.txt."""
    return frozenset(word.replace(".", "") for word in tagged("role_nouns.txt", "title")) | words("title_words.txt")


# "the Russian leader" is whoever leads: a title with any of these heads, and the modifiers.
LEADER_TITLES = ("leader", "president", "premier", "chancellor", "prime", "king", "queen", "emperor", "emir",
                 "sultan", "monarch", "chairman", "chairwoman", "chair", "head", "dictator", "supremo")

GENERATIONAL_SUFFIXES = frozenset("jr sr ii iii iv v".split())
PRONOUNS = frozenset("he she they it i we you him her them his hers their its".split())
# The pronouns that say a person's gender (resolution learns it from "…," she said).
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
GENDERED_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
# Pronouns that open a relative clause about the word before them ("Smith, who said …").
RELATIVE_PRONOUNS = ("who", "that", "which")

# --- folding and splitting names ---------------------------------------------------------------------

_NAME_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_APOSTROPHE = re.compile("[" + re.escape(NON_LETTER_APOSTROPHES) + "]")


def fold_name(name: str) -> list[str]:
    """Accent-free, case-folded word tokens of a name; apostrophes join ("O'Brien" -> "obrien")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return _NAME_TOKEN.findall(_APOSTROPHE.sub("", plain))


@dataclass(frozen=True, slots=True)
class NameParts:
    """A personal name folded for comparison: given names and initials in order, surname, suffix."""

    given: tuple[str, ...]
    surname: str
    suffix: str | None = None

    @property
    def key(self) -> str:
        return " ".join((*self.given, self.surname, *((self.suffix,) if self.suffix else ())))


def _without_article(tokens: list[str]) -> list[str]:
    return tokens[1:] if tokens and tokens[0] == "the" else tokens


# A hyphen inside a name joins one name ("Holtz-Eakin", "Ki-moon"), except after a particle ("al-Assad")
# or a title word ("Vice-President").
_HYPHENATED = re.compile(r"(\w+)[-‐‑](?=\w)")


def _join_hyphenated(name: str) -> str:
    def join(found: re.Match[str]) -> str:
        first = found.group(1).casefold()
        return found.group(0) if first in PARTICLES_IN_NAMES or first in name_titles() else found.group(1)

    return _HYPHENATED.sub(join, name)


# A family name first, then a given name of two syllables joined by a hyphen, the second in lower case: the
# romanised Korean convention ("Ban Ki-moon", "Park Geun-hye", "Kim Jong-un"), which English-language news
# keeps and then shortens to the family name ("Mr. Ban"). A Western double surname capitalises both halves
# ("Holtz-Eakin"), and a particle is lower case before its hyphen ("al-Assad"), so neither reads so. Other
# family-name-first conventions (Chinese, Vietnamese, Hungarian) have no such mark and would need a table of
# family names; none is kept, as no collection here has yet needed one.
_FAMILY_NAME_FIRST = re.compile(r"(?:^|\s)([A-Z][a-z]+)\s+[A-Z][a-z]+[-‐‑][a-z]+\s*$")


def family_name_first(name: str) -> bool:
    """A printed name written family name first by its shape: "Ban Ki-moon", not "Douglas Holtz-Eakin"."""
    return _FAMILY_NAME_FIRST.search(name.strip()) is not None


def name_parts(name: str) -> NameParts | None:
    """Split a printed name into NameParts, dropping titles and particles; None if no name is left.

    A name written family name first ("Ban Ki-moon") has that first word for its surname."""
    tokens = _without_article(fold_name(_join_hyphenated(name)))
    suffix = None
    if len(tokens) > 1 and tokens[-1] in GENERATIONAL_SUFFIXES:
        suffix = tokens.pop()
    # The surname itself may be a title word ("Martin Luther King"): only words before it are titles.
    titles = name_titles()
    last_title = max((index for index, token in enumerate(tokens[:-1]) if token in titles), default=-1)
    tokens = tokens[last_title + 1:]
    while len(tokens) > 1 and tokens[-1] in PARTICLES_IN_NAMES:
        tokens.pop()  # a dangling particle ("Bashar al") is a truncated name, not a surname
    tokens = [token for index, token in enumerate(tokens)
              if token not in PARTICLES_IN_NAMES or index == len(tokens) - 1]
    if not tokens or (len(tokens) == 1 and tokens[0] in PRONOUNS):
        return None
    if len(tokens) >= 2 and suffix is None and family_name_first(name):
        return NameParts(given=(*tokens[:-2], tokens[-1]), surname=tokens[-2])
    return NameParts(given=tuple(tokens[:-1]), surname=tokens[-1], suffix=suffix)


def institution_parts(name: str) -> NameParts | None:
    """An institution's name folded whole ("the Defence Ministry" -> "defence ministry"): no titles to drop."""
    tokens = _without_article(fold_name(name))
    if not tokens or (len(tokens) == 1 and tokens[0] in PRONOUNS):
        return None
    return NameParts(given=tuple(tokens[:-1]), surname=tokens[-1])


# --- given names -------------------------------------------------------------------------------------

# rapidfuzz ratio (0-100) above which two surnames are one name in two spellings: "Zelensky" and
# "Zelenskyy" (94) pass, "Clinton" and "Clifton" (86) do not.
SURNAME_MIN_RATIO = 88
# Given names may differ by a transliterated vowel ("Mohammed"/"Mohammad", 88) but not by added
# letters ("Alex"/"Alexa"): same length and at least this ratio.
GIVEN_NAME_MIN_RATIO = 85


def same_given_name_or_initial(first: str, second: str) -> bool:
    """Inside one article: the same given name, or an initial of it ("G." / "George").

    "George Bush" and "George W. Bush" could be two people; inside one article a longer variant
    with the same first and last name is taken for the same person.
    """
    first_bare, second_bare = first.rstrip("."), second.rstrip(".")
    return first == second or first_bare[:1] == second[:1] and (len(first_bare) == 1 or len(second_bare) == 1)


def given_names_agree_tolerantly(first: str, second: str) -> bool:
    """For a claim: the same folded given name, an initial of it, or a spelling variant."""
    if first == second:
        return True
    if len(first) == 1 or len(second) == 1:
        return first[0] == second[0]
    return fuzz.ratio(first, second, processor=None) >= GIVEN_NAME_MIN_RATIO


def given_names_agree_strictly(first: str, second: str) -> bool:
    """For a link: the same folded given name, or a transliteration of the same length; initials conflict."""
    if first == second:
        return True
    if len(first) == 1 or len(second) == 1 or len(first) != len(second):
        return False
    return fuzz.ratio(first, second, processor=None) >= GIVEN_NAME_MIN_RATIO


# --- whole names -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NameComparison:
    compatible: bool
    full: bool  # both names have given names and they agree (a strong link)
    score: float
    reason: str


def compare_names_strictly(new: NameParts, known: NameParts) -> NameComparison:
    """Can `new` and `known` name one person? Surnames must agree; given names and initials must not conflict."""
    surname_score = fuzz.ratio(new.surname, known.surname, processor=None)
    if surname_score < SURNAME_MIN_RATIO:
        return NameComparison(False, False, surname_score, f"surnames differ ({new.surname} / {known.surname})")
    spelling = "" if new.surname == known.surname else f", surname spelled {new.surname} / {known.surname}"
    if not new.given or not known.given:
        if new.suffix and known.suffix and new.suffix != known.suffix:
            return NameComparison(False, False, 0, f"suffixes differ ({new.suffix} / {known.suffix})")
        return NameComparison(True, False, surname_score, f"surname only ({new.key} / {known.key}){spelling}")
    if new.suffix != known.suffix:
        return NameComparison(False, False, 0, f"suffixes differ ({new.suffix or 'none'} / {known.suffix or 'none'})")
    if len(new.given) != len(known.given):
        # "George Bush" / "George W. Bush": an extra given name or initial may be another person.
        return NameComparison(
            False, False, 0, f"given names differ in number ({' '.join(new.given)} / {' '.join(known.given)})")
    for mine, theirs in zip(new.given, known.given, strict=True):
        if not given_names_agree_strictly(mine, theirs):
            return NameComparison(False, False, 0, f"given names conflict ({mine} / {theirs})")
    score = fuzz.token_sort_ratio(new.key, known.key, processor=None)
    same = "same name" if new.key == known.key else f"same person, spelled {new.key} / {known.key}"
    return NameComparison(True, True, score, same + spelling)


def names_agree_tolerantly(claimed: NameParts, known: NameParts) -> bool:
    """Does a claimed name fit a known one? Surnames agree (spelling variants allowed); given names
    only when both give them, and only the first: "Putin" / "Vladimir Putin" and "George Bush" /
    "George W. Bush" agree, "Joe Biden" / "Hunter Biden" do not."""
    if fuzz.ratio(claimed.surname, known.surname, processor=None) < SURNAME_MIN_RATIO:
        return False
    if not claimed.given or not known.given:
        return True
    return given_names_agree_tolerantly(claimed.given[0], known.given[0])


# --- titles as roles ---------------------------------------------------------------------------------

# Words before a role that are not part of it: possessives and articles ("his mother", "the president").
_ROLE_OPENERS = frozenset("a an the his her their its our my your".split())
# A title longer than this is a description ("director of the centrist Urban-Brookings Tax Policy
# Center and a professor at …"): only its words up to the role noun are kept.
MAX_TITLE_WORDS = 5
_TITLE_STOPS = frozenset("a an the of at for to on in and or with who whose which that".split())
_ABBREVIATED_HONORIFICS = frozenset(row.word for row in HONORIFIC_TABLE if row.abbreviation)
# Abbreviated offices read as the office ("Sen." and "Senator" are one role).
ROLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "pres": "president",
                      "gen": "general", "lt": "lieutenant", "sgt": "sergeant", "capt": "captain"}


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Folded words that name a role or office: role_nouns.txt and the title words, without full stops."""
    return frozenset(word.replace(".", "") for word in words("role_nouns.txt")) | name_titles()


def _folded_word(word: str) -> str:
    return "".join(fold_name(word))


def role_title(title: str) -> str | None:
    """A printed title reduced to its role words ("Russian President", "finance minister"), or None when it
    names no role: honorifics ("Mr."), party letters and states ("R", "S.C."), fragments of the sentence
    ("view", "whose drummer") are not titles."""
    printed = title.replace(",", " ").split()
    while printed and (_folded_word(printed[0]) in HONORIFICS_IN_TEXT or printed[0].casefold() in HONORIFICS_IN_TEXT
                       or _folded_word(printed[0]) in _ROLE_OPENERS or printed[0].endswith(("'s", "’s"))):
        printed = printed[1:]
    # Only the abbreviated honorifics trail a title ("elder Mr."); "first lady" ends in a role.
    while printed and _folded_word(printed[-1]) in _ABBREVIATED_HONORIFICS:
        printed = printed[:-1]
    # An office's abbreviation after a role is the honorific of the name that follows, glued to the title
    # before it: "Republican vice-presidential nominee Gov. Mike Pence", "Oversight Chairman Rep. Jason Chaffetz".
    # After another abbreviation it is part of one rank ("Lt. Gen.", "Lt Gen.").
    while len(printed) > 1 and printed[-1].endswith(".") and _folded_word(printed[-1]) in ROLE_ABBREVIATIONS \
            and any(_folded_word(word) in words("role_nouns.txt") and not word.endswith(".")
                    and _folded_word(word) not in ROLE_ABBREVIATIONS for word in printed[:-1]):
        printed = printed[:-1]
    if not printed or _folded_word(printed[0]) in ("who", "whose", "which", "that"):
        return None
    roles = role_words()
    positions = [index for index, word in enumerate(printed) if _folded_word(word) in roles]
    # A lone modifier from the title words ("former", "acting") is no role.
    nouns = words("role_nouns.txt")
    if not any(_folded_word(printed[index]) in nouns or printed[index].casefold() in nouns for index in positions):
        if not any(_folded_word(printed[index]) not in words("title_words.txt") for index in positions):
            return None
    if not positions:
        return None
    if len(printed) > MAX_TITLE_WORDS:
        # The first role noun with the (at most two) words that qualify it, stopping at a function word:
        # "interim chairwoman of the Democratic National Committee" -> "interim chairwoman".
        noun_positions = [index for index in positions if _folded_word(printed[index]) in nouns]
        end = (noun_positions or positions)[0]
        start = end
        while start > 0 and end - start < 2 and _folded_word(printed[start - 1]) not in _TITLE_STOPS:
            start -= 1
        printed = printed[start:end + 1]
    return " ".join(printed)


def title_roles(title: str) -> frozenset[str]:
    """The role nouns of a title, folded ("Republican presidential nominee" -> {"nominee"}); modifiers such
    as "former" or "Republican" are left out, so two titles of one office share a role word."""
    nouns = frozenset(word.replace(".", "") for word in words("role_nouns.txt"))
    modifiers = words("title_words.txt")
    folded = [_folded_word(word) for word in title.split()]
    # An honorific opening a name ("Ms. Calder", "Lady Smith") is listed among the title nouns but says
    # nothing of a role; after another word it may be one ("first lady").
    while folded and folded[0] in _HONORIFIC_WORDS:
        folded = folded[1:]
    found = (ROLE_ABBREVIATIONS.get(word, word) for word in folded if word in nouns or word in ROLE_ABBREVIATIONS)
    return frozenset(word for word in found if word not in modifiers)


_HONORIFIC_WORDS = frozenset(row.word for row in HONORIFIC_TABLE)


# --- gender a name or title says ---------------------------------------------------------------------

def honorific_gender(name: str) -> str | None:
    """"m" or "f" when a name opens with an honorific that says so ("Ms. Calder"), else None.

    The gender is the one role_nouns.txt gives the word, as the pipeline reads it: one definition."""
    from nlp.vocabulary.wordlists import genders

    tokens = fold_name(name)
    return genders("role_nouns.txt").get(tokens[0]) if tokens and tokens[0] in _HONORIFIC_WORDS else None


def given_name_gender(given: str) -> str | None:
    """The gender a folded given name usually signals (given_names.txt), None when unlisted."""
    from nlp.vocabulary.wordlists import genders

    return genders("given_names.txt").get(given)


def title_gender(title: str) -> str | None:
    """The gender a title implies ("first lady", "congressman"), None when it implies none."""
    from nlp.vocabulary.wordlists import genders

    found = {genders("role_nouns.txt").get(word) for word in map(_folded_word, title.split())} - {None}
    return found.pop() if len(found) == 1 else None


# --- organisations -----------------------------------------------------------------------------------

# Legal forms after a company's name: "Winslow Freight Ltd" is "Winslow Freight".
LEGAL_SUFFIXES = frozenset("ltd limited inc incorporated plc llc llp corp corporation co gmbh ag sa nv bv".split())
# Capitalised words that close a company's name without a legal form ("Kowloon Crest Holdings", "Northline
# Logistics", a football club's "Port Adrian FC"): no person's name ends with one. Only whole names of two
# words or more are read as a company by them (a surname's family firm, "Walton Enterprises", leaves
# "Walton" a person).
COMPANY_NAME_ENDINGS = frozenset(
    "holdings group industries enterprises ventures partners capital logistics technologies properties foods "
    "motors airlines airways pharmaceuticals laboratories insurance energy fc afc".split())
# Words an acronym leaves out ("International Monetary Fund" -> IMF, "Bank of England" -> BOE is not used).
ACRONYM_SKIPPED = frozenset("of the and for on in at to &".split())
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*")


def organisation_key(name: str) -> str:
    """An organisation's name folded for linking: no "the", no legal suffix, no bracketed acronym
    ("The Transport Accident Investigation Bureau (TAIB)" -> "transport accident investigation bureau")."""
    tokens = _without_article(fold_name(_PARENTHESIS.sub(" ", name)))
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


def bracketed_acronym(name: str) -> str | None:
    """The acronym a name prints after itself ("… Bureau (TAIB)" -> "taib"), when it is one."""
    found = _PARENTHESIS.search(name)
    if found and found.group(1).isupper() and " " not in found.group(1).strip():
        return "".join(fold_name(found.group(1))) or None
    return None


def acronym_of(key: str) -> str | None:
    """The initials of an organisation key of two or more words ("international monetary fund" -> "imf")."""
    kept = [word for word in key.split() if word not in ACRONYM_SKIPPED]
    return "".join(word[0] for word in kept) if len(kept) >= 2 else None


def looks_like_acronym(name: str) -> bool:
    """A name printed as one upper-case word of two to six letters ("IMF", "the TAIB")."""
    words_printed = [word for word in name.replace(".", "").split() if word.casefold() != "the"]
    return len(words_printed) == 1 and words_printed[0].isupper() and 2 <= len(words_printed[0]) <= 6


# --- short forms of given names ----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _full_given_names() -> dict[str, frozenset[str]]:
    from nlp.vocabulary.wordlists import rows

    found: dict[str, set[str]] = {}
    for row in rows("nicknames.txt"):
        if len(row) > 1:
            found.setdefault(row[0].lower(), set()).add(row[1].lower())
    return {short: frozenset(full) for short, full in found.items()}


def short_form_of(short: str, full: str) -> bool:
    """Whether a folded given name is a listed short form of another ("len" of "leonard", "bill" of "william")."""
    return full in _full_given_names().get(short, frozenset())
