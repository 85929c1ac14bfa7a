"""Organisation rules: a mention that names a body, or refers back to one, or to an unnamed group.

Each rule is `(mention, context) -> Resolved | None`; nlp/resolution/policy.py orders them.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span

from nlp.resolution.rules import ORGANISATION, Context, Mention, Resolved, rule, unresolved

ORGANISATION_LABELS = ("ORG", "GPE", "NORP")


def without_article(name: str) -> str:
    """"The Heritage Foundation" → "Heritage Foundation": the canonical form of an organisation's name."""
    return name[4:] if name.lower().startswith("the ") else name


def organisation_at_head(mention: Mention, context: Context) -> Span | None:
    """The organisation, place or nationality entity in the mention that holds its head."""
    head_i = mention.head.i
    return next((ent for ent in context.people.entities_in(mention.whole)
                 if ent.label_ in ORGANISATION_LABELS and ent.start <= head_i < ent.end), None)


@rule("organisation.named")
def named(mention: Mention, context: Context) -> Resolved | None:
    """An organisation the mention names: "the Interior Ministry said"."""
    organisation = organisation_at_head(mention, context)
    if organisation is None:
        return None
    name = without_article(organisation.text)
    return Resolved(name, None, f"{name}: organisation named at the cue", ORGANISATION)


@rule("organisation.with_article")
def with_article(mention: Mention, context: Context) -> Resolved | None:
    """"The Dunmore Courier", "The Heritage Foundation": people's names take no article."""
    span = mention.span
    if mention.head.pos_ != "PROPN" or span[0].lower_ != "the" or not mention.name_tokens:
        return None
    name = span[1:].text
    return Resolved(name, None, f"{name}: organisation named at the cue", ORGANISATION * 0.9)


def _organisation_named_before(mention: Span, context: Context) -> str | None:
    """'the authority' after 'the Riverlands Water Authority': the latest organisation named with that head."""
    head = mention.root
    if mention[0].lower_ not in ("the", "this") or head.pos_ != "NOUN" or len(mention) > 3:
        return None
    entities, starts = context.people.sorted_entities()
    for ent in reversed(entities[:bisect_left(starts, mention.start)]):
        # A name of two words or more: a headline's capitalised "Council" names nothing.
        if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].lemma_.lower() == head.lemma_.lower():
            return without_article(ent.text)
    return None


@rule("organisation.named_before")
def named_before(mention: Mention, context: Context) -> Resolved | None:
    """A definite common noun that is the head of an organisation's name given earlier: "the authority"."""
    name = _organisation_named_before(mention.span, context)
    if name is None:
        return None
    return Resolved(name, None, f"{mention.text} → {name}: the organisation named before", ORGANISATION * 0.9)


@rule("organisation.unnamed_group")
def unnamed_group(mention: Mention, context: Context) -> Resolved | None:
    """A group that stays unnamed: "officials said", "the protesters said"."""
    head = mention.head
    group_nouns = context.lists.group_nouns
    if head.lower_ not in group_nouns and head.lemma_.lower() not in group_nouns:
        return None
    return unresolved(f"{mention.text}: unnamed source")
