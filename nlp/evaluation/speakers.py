"""Whether a predicted speaker names the gold source right, for every kind of source.

A person is compared by name; an organisation by name up to case, "the", a legal form and acronym-versus-expansion;
a group or an unnamed individual by the head noun of its description ("a spokesperson for the port
authority" ~ "the spokesperson"); a document by its owner ("document of X") or else by its head noun.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from nlp.vocabulary.names import HONORIFICS_IN_NAME_KEYS, LEGAL_SUFFIXES

DOCUMENT_OF = "document of "

_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Words an organisation's acronym may leave out ("NAACP" = National Association for the Advancement
# of Colored People) or keep ("DoD" = Department of Defense folds to "dod"): both readings are tried.
_ACRONYM_SKIPPABLE = frozenset({"of", "for", "the", "and", "on", "in", "to", "a", "an", "at"})

# A description's head noun is its last content word before the first word that opens a
# post-modifier: a prepositional phrase ("a spokesperson for the port authority", "two officials at the
# finance ministry"), a relative clause ("workers who say") or a postnominal adjective ("a person
# familiar with the audit"), or a participle after the noun ("documents reviewed by the Ledger",
# "riders waiting at the terminal"). Punctuation (an appositive comma, a parenthesis, a dash) ends it too.
_POST_MODIFIER_OPENERS = frozenset({
    "of", "for", "from", "with", "who", "whom", "whose", "that", "which", "at", "in", "on", "to", "about",
    "by", "under", "inside", "within", "among", "near", "across", "familiar", "close", "knowledgeable",
    "involved", "briefed",
})
# Determiners, numbers, possessive pronouns and quantifiers: never a head noun.
_NOT_CONTENT = frozenset({
    "a", "an", "the", "this", "these", "those", "some", "many", "most", "several", "other", "another",
    "all", "both", "each", "every", "few", "such", "any", "no", "his", "her", "their", "its", "our", "my",
    "your", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen",
    "dozens", "hundreds", "thousands", "and", "or",
})
_DESCRIPTION_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[,;:()\[\]—–]|\s-\s")
_PARTICIPLE = re.compile(r"[^\W\d_]{2,}(?:ed|ing)$")
_IRREGULAR_PLURALS = {"people": "person", "children": "child", "data": "data", "media": "media"}


@dataclass(frozen=True, slots=True)
class SourceAnnotation:
    """Our hand annotation of who or what a gold statement's source is (None: the article names no source)."""

    speaker: str | None
    speaker_type: str | None  # person | organisation | group | unnamed | document
    anonymous: bool = False
    mention_kind: str | None = None  # pronoun | nominal | surname | name | description | acronym


def folded(text: str) -> str:
    """Case and accents removed, curly apostrophes straightened."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return plain.casefold().replace("’", "'")


# --- persons ------------------------------------------------------------------------------------------

def name_key(name: str) -> tuple[str, ...]:
    """Comparable words of a person's name: case, accents, honorifics and initials removed."""
    words = _NAME_TOKEN.findall(folded(name))
    return tuple(word for word in words if word not in HONORIFICS_IN_NAME_KEYS and len(word) > 1)


def names_match(gold: str | None, predicted: str | None) -> bool:
    """Same person: equal names, or the same first and last name ("Hillary Rodham Clinton").

    Gold names are the fullest form the article itself gives. Where that is one word (an article
    that only ever says "Mr. Obama"), any predicted name containing the word is the same person;
    where the article gives the full name, a bare surname is not a resolution.
    """
    return _compared(gold, predicted, name_key, _same_person)


def _same_person(gold_key: tuple[str, ...], predicted_key: tuple[str, ...]) -> bool:
    if len(gold_key) == 1:
        return gold_key[0] in predicted_key
    return (len(predicted_key) >= 2
            and gold_key[0] == predicted_key[0] and gold_key[-1] == predicted_key[-1])


def _compared(gold: str | None, predicted: str | None, key: Callable[[str], tuple[str, ...]],
              same: Callable[[tuple[str, ...], tuple[str, ...]], bool]) -> bool:
    """No name matches only no name; two names match when their keys are equal or `same` says so."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    gold_key, predicted_key = key(gold), key(predicted)
    return bool(gold_key and predicted_key) and (gold_key == predicted_key or same(gold_key, predicted_key))


# --- organisations --------------------------------------------------------------------------------------

def organisation_key(name: str) -> tuple[str, ...]:
    """An organisation's words: case, accents, a leading "the", a legal form ("Ltd", "Inc."), dots of an acronym and
    a possessive 's dropped."""
    plain = re.sub(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.", "", folded(name))  # "U.S." -> "US", "S.E.C." -> "SEC"
    plain = plain.replace("&", " and ")
    words = [re.sub(r"'s?$", "", word) for word in _NAME_TOKEN.findall(plain)]
    words = [word for word in words if word]
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:  # "Winslow Freight Ltd" is "Winslow Freight"
        words = words[:-1]
    return tuple(words)


def is_acronym_of(acronym: str, words: tuple[str, ...]) -> bool:
    """Whether `acronym` (one folded word) is the initials of `words`, with or without the small words."""
    if len(acronym) < 2 or len(words) < 2:
        return False
    every = "".join(word[0] for word in words)
    content = "".join(word[0] for word in words if word not in _ACRONYM_SKIPPABLE)
    return acronym in (every, content)


def organisations_match(gold: str | None, predicted: str | None) -> bool:
    """Same organisation: the same words up to case and "the", or an acronym and its expansion ("NTSB")."""
    return _compared(gold, predicted, organisation_key, _acronym_and_expansion)


def _acronym_and_expansion(gold_key: tuple[str, ...], predicted_key: tuple[str, ...]) -> bool:
    return ((len(gold_key) == 1 and is_acronym_of(gold_key[0], predicted_key))
            or (len(predicted_key) == 1 and is_acronym_of(predicted_key[0], gold_key)))


# --- groups, unnamed individuals and documents ------------------------------------------------------------

def singular(word: str) -> str:
    """A plural noun folded to its singular, well enough to compare head nouns ("officials", "spokesmen")."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"  # spokesmen, chairmen, congressmen; "women" stays "women" (below)
    if word == "women":
        return "woman"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def head_noun(description: str | None) -> str | None:
    """The head noun of a description, singular: "Two officials at the finance ministry" -> "official"."""
    if not description:
        return None
    head = None
    for token in _DESCRIPTION_TOKEN.findall(folded(description)):
        word = token.strip()
        if not word[:1].isalpha() or word in _POST_MODIFIER_OPENERS or (head and _PARTICIPLE.match(word)):
            if head is not None:
                break
            continue  # a leading "of" or punctuation: keep looking for the noun
        if word not in _NOT_CONTENT:
            head = re.sub(r"'s?$", "", word)
    return singular(head) if head else None


def document_owner(speaker: str | None) -> str | None:
    """X of a "document of X" speaker, else None."""
    if speaker and folded(speaker).startswith(DOCUMENT_OF):
        return speaker[len(DOCUMENT_OF):].strip() or None
    return None


def owners_match(gold: str, predicted: str) -> bool:
    """A document's owner is a person or an organisation: either comparison will do."""
    return names_match(gold, predicted) or organisations_match(gold, predicted)


def speaker_named_right(gold: SourceAnnotation, predicted_speaker: str | None,
                        predicted_type: str | None) -> bool:
    """Whether the predicted speaker (and type, where the type decides) is the annotated source.

    Persons and organisations are decided by the name (a predicted type is not required, since a
    name says who it is); groups and unnamed individuals need the same type and the same head noun;
    a document owned by X needs a predicted "document of Y", or Y typed `document` (as the pipeline
    writes it), with Y the same person or organisation, and an unowned document a predicted document
    with the same head noun. A predicted document is never its owner speaking.
    """
    if gold.speaker is None:
        return predicted_speaker is None
    if predicted_speaker is None:
        return False
    gold_owner, predicted_owner = document_owner(gold.speaker), document_owner(predicted_speaker)
    if predicted_owner is None and predicted_type == "document" and gold_owner is not None:
        predicted_owner = predicted_speaker  # the pipeline names a document by its owner, typed `document`
    if gold.speaker_type == "document":
        if gold_owner is not None:
            return predicted_owner is not None and owners_match(gold_owner, predicted_owner)
        return predicted_type == "document" and _same_head(gold.speaker, predicted_speaker)
    if predicted_owner is not None or (predicted_type == "document"
                                       and gold.speaker_type in ("person", "organisation")):
        return False  # the document is not its owner
    if gold.speaker_type in ("group", "unnamed"):
        return predicted_type == gold.speaker_type and _same_head(gold.speaker, predicted_speaker)
    if gold.speaker_type == "organisation":
        return organisations_match(gold.speaker, predicted_speaker)
    return names_match(gold.speaker, predicted_speaker)


def _same_head(gold: str, predicted: str) -> bool:
    gold_head = head_noun(gold)
    return gold_head is not None and gold_head == head_noun(predicted)
