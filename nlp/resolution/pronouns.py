"""Pronoun rules: relative pronouns follow their antecedent; he/she and they find a compatible person.

"he"/"she" go to the previous quote's speaker or the most salient compatible person (role ×
recency, genders from given names and titles); "they" is a group unless the article says a
person uses they/them. Each rule is `(mention, context) -> Resolved | None`; nlp/resolution/policy.py
orders them.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from nlp.resolution.people import SINGULAR_THEY, Person
from nlp.resolution.rules import (
    PRONOUN_NEAREST,
    PRONOUN_PREVIOUS,
    Context,
    Mention,
    Resolved,
    person_result,
    rule,
    unresolved,
)
from nlp.speakers import mention_range
from nlp.vocabulary.names import FEMALE_PRONOUNS, MALE_PRONOUNS

PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
RELATIVE_PRONOUNS = ("who", "that", "which")


def pronoun_gender(pronoun: str) -> str | None:
    """"m" for he/him/his/himself, "f" for she/her/hers/herself, else None."""
    if pronoun in MALE_PRONOUNS:
        return "m"
    return "f" if pronoun in FEMALE_PRONOUNS else None


def _nearest_conjunct(antecedent: Token, relative_i: int) -> Token:
    """The item of a list right before its relative pronoun: "Will Smith … and Stevie Wonder, who joked".

    The parser hangs the clause on the list's head; the writer means the item it follows.
    """
    nearest = antecedent
    stack = [antecedent]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and nearest.i < child.i < relative_i:
                nearest = child
                stack.append(child)
    return nearest


@rule("pronoun.relative")
def relative(mention: Mention, context: Context) -> Resolved | None:
    """"Smith, who said …": the speaker is the relative clause's antecedent, resolved in its place."""
    head = mention.head
    if mention.lower not in RELATIVE_PRONOUNS or head.head.dep_ != "relcl":
        return None
    antecedent = _nearest_conjunct(head.head.head, head.i)
    if antecedent.dep_ == "appos" and antecedent.head.pos_ == "PROPN":
        antecedent = antecedent.head  # "Rosa Delgado, the watchman's daughter, who said"
    start, end = mention_range(antecedent)
    doc = context.doc
    resolved = context.resolve((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
    if resolved.speaker is None:
        return resolved
    return replace(resolved, reason=f"{mention.text} → {resolved.reason} (antecedent of the relative clause)")


def _most_salient(mention: Mention, context: Context, gender: str) -> Person | None:
    """The compatible person most salient before the pronoun, not counting the people its quote names."""
    quoted = context.doc._.qt_token_quotes
    statement = context.statement
    in_quotes = frozenset(i for i in range(statement.start, statement.end) if quoted and quoted[i] >= 0)
    return context.people.most_salient(mention.whole.root.i, gender, skip=in_quotes)[0]


def _previous(mention: Mention, context: Context) -> tuple[str, Resolved] | None:
    """A gendered pronoun's gender, and the previous quote's speaker of that gender, if any."""
    gender = pronoun_gender(mention.lower)
    if gender is None:
        return None
    previous = context.previous_speaker(gender=gender)
    if previous is None or previous.person is None:
        return None
    return gender, previous


def _previous_result(mention: Mention, previous: Resolved) -> Resolved:
    return Resolved(previous.speaker, previous.person,
                    f"{mention.text} → {previous.speaker}: speaker of the previous quote, same gender",
                    PRONOUN_PREVIOUS)


@rule("pronoun.previous_speaker_in_focus")
def previous_speaker_in_focus(mention: Mention, context: Context) -> Resolved | None:
    """he/she: the previous quote's speaker, when they are also the most salient compatible person."""
    found = _previous(mention, context)
    if found is None or found[1].person is not _most_salient(mention, context, found[0]):
        return None
    return _previous_result(mention, found[1])


@rule("pronoun.most_salient")
def most_salient(mention: Mention, context: Context) -> Resolved | None:
    """he/she: the most salient compatible person in the sentences before."""
    gender = pronoun_gender(mention.lower)
    if gender is None:
        return None
    salient = _most_salient(mention, context, gender)
    if salient is None:
        return None
    return person_result(
        salient, f"{mention.text} → {salient.name}: the most prominent compatible person in the sentences before",
        PRONOUN_NEAREST)


@rule("pronoun.previous_speaker")
def previous_speaker(mention: Mention, context: Context) -> Resolved | None:
    """he/she with nobody salient: the previous quote's speaker of that gender."""
    found = _previous(mention, context)
    return None if found is None else _previous_result(mention, found[1])


@rule("pronoun.nearest_named")
def nearest_named(mention: Mention, context: Context) -> Resolved | None:
    """he/she with no salient person or previous speaker: the compatible person named last before it."""
    gender = pronoun_gender(mention.lower)
    if gender is None:
        return None
    nearest = context.people.nearest_before(mention.chars[0], gender)
    if nearest is None:
        return None
    return person_result(nearest, f"{mention.text} → {nearest.name}: nearest person named before", PRONOUN_NEAREST)


@rule("pronoun.no_antecedent")
def no_antecedent(mention: Mention, context: Context) -> Resolved | None:
    """he/she with nobody compatible named before."""
    if pronoun_gender(mention.lower) is None:
        return None
    return unresolved(f"{mention.text}: no person named before")


def _singular_they(mention: Mention, context: Context) -> Person | None:
    """The they/them person a "they" refers to: the previous quote's speaker, else the most prominent."""
    people = context.people
    if not any(person.gender == SINGULAR_THEY for person in people.people):
        return None
    previous = context.previous_speaker(gender=SINGULAR_THEY)
    if previous is not None and previous.person is not None and previous.person.gender == SINGULAR_THEY:
        return previous.person
    candidates = [(people.salience(person, mention.head.i), person) for person in people.people
                  if person.gender == SINGULAR_THEY]
    score, person = max(candidates, key=lambda pair: pair[0])
    return person if score > 0 else None


@rule("pronoun.singular_they")
def singular_they(mention: Mention, context: Context) -> Resolved | None:
    """"they" for a person the article says uses they/them."""
    if mention.lower not in PLURAL_PRONOUNS:
        return None
    person = _singular_they(mention, context)
    if person is None:
        return None
    return person_result(person, f"{mention.text} → {person.name}: the article says they use they/them",
                         PRONOUN_PREVIOUS)


@rule("pronoun.previous_group")
def previous_group(mention: Mention, context: Context) -> Resolved | None:
    """"they": the group (a speaker who is no person) quoted just before."""
    if mention.lower not in PLURAL_PRONOUNS:
        return None
    previous = context.previous_speaker(gender=None, plural=True)
    if previous is None:
        return None
    reason = f"{mention.text} → {previous.speaker}: the group quoted just before"
    return Resolved(previous.speaker, previous.person, reason, PRONOUN_NEAREST)


@rule("pronoun.no_group")
def no_group(mention: Mention, context: Context) -> Resolved | None:
    """"they" with no group quoted just before."""
    if mention.lower not in PLURAL_PRONOUNS:
        return None
    return unresolved(f"{mention.text}: no group to refer to")
