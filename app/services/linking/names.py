"""Speaker names as linking reads them: look-up keys, names written like a person's, display names.

Folding, splitting and comparing names (titles, particles, strict and tolerant comparison) is the
shared vocabulary's, nlp.vocabulary.names; this module adds what only speaker linking needs.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from nlp.vocabulary.names import (
    PARTICLES_IN_NAMES,
    SURNAME_MIN_RATIO,
    fold_name,
    given_name_gender,
    given_names_agree_tolerantly,
    institution_parts,
    name_parts,
    name_titles,
    role_words,
    short_form_of,
)

# Words that make a speaker an institution, not a person ("the Defence Ministry", "Kessel Police").
INSTITUTION_WORDS = frozenset("""
    ministry department office agency police council committee government administration kremlin whitehouse
    court army forces military company corporation inc ltd group association union party spokesperson
    spokesman spokeswoman officials authorities authority commission board bank university hospital service
    services institute foundation organisation organization un nato eu embassy state statement report
    county city district team club center centre school
""".split())


def opens_with_given_name(name: str) -> bool:
    """A name whose first word is a listed given name ("Hillary Clinton", "Dana Whitfield"): a person's, wherever
    the article prints it (a headline, a document's owner)."""
    parts = name_parts(name)
    return bool(parts and parts.given and given_name_gender(parts.given[0]))


def alias_names_person(alias: str, name: str) -> bool:
    """Whether a way an article wrote a person (a mention, an alias) names the person printed `name`, so that it
    may be stored as their alias. A word before their given name that is no title or role is no part of the
    name: "Rival Hillary Clinton", "Crooked Hillary Clinton" and "Everything Trump" are a sentence's or a
    nickname's capitals, where "Republican nominee Donald Trump" and "Mr. Trump" name him. A surname the alias
    does not share (a nickname, another spelling) is not judged here."""
    written, known = name_parts(alias), name_parts(name)
    if written is None or known is None or not written.given or not known.given \
            or fuzz.ratio(written.surname, known.surname, processor=None) < SURNAME_MIN_RATIO:
        return True
    first = known.given[0]
    at = next((index for index, word in enumerate(written.given)
               if given_names_agree_tolerantly(word, first) or short_form_of(word, first)
               or short_form_of(first, word)), None)
    if at is None:
        return False
    return at == 0 or written.given[at - 1] in role_words()


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
        if not word[:1].isupper() and head not in PARTICLES_IN_NAMES:
            return False
    return not any(token in INSTITUTION_WORDS for token in fold_name(name))


def speaker_key(name: str) -> str:
    """The folded look-up key of a person's name: "Syrian President Bashar al-Assad" -> "bashar assad"."""
    parts = name_parts(name)
    return parts.key if parts else ""


def display_name(name: str) -> str:
    """The printed name without the titles before it: "Russian President Vladimir Putin" -> "Vladimir Putin"."""
    words, titles = name.split(), name_titles()
    last_title = max(
        (index for index, word in enumerate(words[:-1])
         if fold_name(word) and all(token in titles for token in fold_name(word))),
        default=-1,
    )
    return " ".join(words[last_title + 1:]) or name.strip()
