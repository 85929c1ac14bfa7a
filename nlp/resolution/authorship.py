"""Authorship: who wrote the piece (byline, note on the author) and who wrote a document that speaks.

An opinion piece says "I" outside quotation marks and names its author once, in a "By Jane Roe"
line at the top or a "Jane Roe is a professor at …" note at the end; "Bornstein's letter said"
gives the letter's author as the speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from nlp.cues.direct import speaker_label
from nlp.resolution.naming import WordLists, name_key, name_tokens
from nlp.resolution.people import People, Person
from nlp.resolution.rules import AUTHOR, SURNAME, Context, Mention, Resolved, person_result, rule, unresolved
from nlp.sentences import doc_text
from nlp.speakers import mention_range
from nlp.vocabulary.names import BYLINE_HONORIFICS, BYLINE_PARTICLES, HONORIFICS_IN_TEXT

FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# Where an opinion piece names its author: a byline in its first paragraphs, a note in its last.
AUTHOR_PARAGRAPHS = 3
AUTHOR_NOTE_LENGTH = 400  # characters; a longer closing paragraph is article text
_NAME = (r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|" + "|".join(BYLINE_PARTICLES) + r")){1,4})")
_HONORIFIC = r"(?:(?:" + "|".join(BYLINE_HONORIFICS) + r")\.?\s+)?"
BYLINE = re.compile(r"\s*By\s+" + _HONORIFIC + _NAME + r"\s*(?:$|[,|/—–-]\s*(?!and\b)\S)")
AUTHOR_NOTE = re.compile(r"[\s(*_—–-]*" + _HONORIFIC + _NAME
                         + r"(?:,[^,]{1,80},)?\s+(?:is|was|has been|serves as|teaches|writes|directs|leads|chairs)\s")
IN_BYLINE, IN_NOTE = "in the byline", "in the note on the author"


@dataclass(frozen=True)
class Author:
    """The single named writer of the piece, and where the piece names them."""

    person: Person
    where: str  # IN_BYLINE | IN_NOTE


def find_author(doc: Doc, people: People, lists: WordLists) -> Author | None:
    """The writer of a first-person piece, from its byline or its closing author note.

    Only a single author counts: "I" in a piece by two people is one of them. A name found is
    registered with `people`.
    """
    text = doc_text(doc)
    paragraphs = doc._.qt_paragraphs or [(0, len(text))]
    candidates = [(start, end, BYLINE, IN_BYLINE) for start, end in paragraphs[:AUTHOR_PARAGRAPHS]]
    candidates += [(start, end, AUTHOR_NOTE, IN_NOTE) for start, end in paragraphs[-AUTHOR_PARAGRAPHS:]]
    for start, end, pattern, where in candidates:
        paragraph = text[start:end]
        if len(paragraph) > AUTHOR_NOTE_LENGTH:
            continue
        found = pattern.match(paragraph)
        if found is None:
            continue
        name = doc.char_span(start + found.start("name"), start + found.end("name"), alignment_mode="contract")
        if (name is None or len(name) < 2 or name[0].lower_ in HONORIFICS_IN_TEXT
                or not _looks_like_person(name, people, lists)):
            continue
        return Author(people.match(name_key(name)) or people.link(name), where)
    return None


def _looks_like_person(name: Span, people: People, lists: WordLists) -> bool:
    """A PERSON entity, a known person, or a known given name first: not "By Monday Morning"."""
    if any(t.ent_type_ == "PERSON" for t in name):
        return True
    words = name_key(name)
    return people.match(words) is not None or words[0] in lists.name_genders


def _author_result(mention: Mention, context: Context, where: str) -> Resolved | None:
    author = context.author
    if mention.lower not in ("i", "me") or author is None or author.where != where:
        return None
    return person_result(author.person, f"{mention.text} → {author.person.name}: the author, named {where}", AUTHOR)


@rule("author.transcript_label")
def transcript_label(mention: Mention, context: Context) -> Resolved | None:
    """"Mr. Ransome: I will consider it carefully, and I thank my honourable friend …": "I" in a transcript's
    turn is the speaker its label names, not the article's author."""
    if mention.lower not in ("i", "me"):
        return None
    start, end = context.paragraphs[context.paragraph_of(mention.chars[0])]
    while start < end and doc_text(context.doc)[start].isspace():
        start += 1
    label = speaker_label(context.doc, start, end)
    if label is None or mention.chars[0] < label[2]:
        return None
    found = context.resolve((start, label[1]))
    if found.speaker is None:
        return None
    return replace(found, reason=f"{mention.text} → {found.speaker}: in the turn the transcript labels "
                   f"'{doc_text(context.doc)[start:label[1]]}'", confidence=found.confidence * 0.9)


@rule("author.byline")
def byline(mention: Mention, context: Context) -> Resolved | None:
    """"I" outside quotation marks in a piece whose byline names one author."""
    return _author_result(mention, context, IN_BYLINE)


@rule("author.note")
def note(mention: Mention, context: Context) -> Resolved | None:
    """"I" outside quotation marks in a piece whose closing note names its one author."""
    return _author_result(mention, context, IN_NOTE)


@rule("author.unnamed")
def unnamed(mention: Mention, context: Context) -> Resolved | None:
    """First person outside a quote with no single named author: the writer, unnamed."""
    if mention.lower not in FIRST_PERSON:
        return None
    return unresolved(f"{mention.text}: first person outside a quote (the author)")


def _document_owner(head: Token, context: Context) -> Person | None:
    """The named owner of a document or utterance that speaks: "Bornstein's letter said"."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None or head.pos_ != "NOUN" or head.lemma_.lower() not in context.lists.document_nouns:
        return None
    start, end = mention_range(owner)
    tokens = name_tokens(head.doc[start:end], context.lists, trust_labels=False)
    if not tokens:
        return None
    people = context.people
    return people.match(name_key(tokens), at_token=owner.i) or people.from_full_name(tokens)


@rule("author.document")
def document(mention: Mention, context: Context) -> Resolved | None:
    """A document that speaks, with its author named: "Bornstein's letter said"."""
    author = _document_owner(mention.head, context)
    if author is None:
        return None
    found = person_result(author, f"{mention.text} → {author.name}: the author of the {mention.head.text}", SURNAME)
    return replace(found, speaker_type="document")
