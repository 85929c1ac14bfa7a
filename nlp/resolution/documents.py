"""Documents that speak: a statement, a study, a complaint speaks for its owner when the article names one.

"his statement said" is the man's; "the study said" right after "economist Ines Ruiz wrote in a study"
is Ruiz's; "the complaint says" in an article about a lawsuit Harlow Freight filed is Harlow Freight's.
The speaker is then the owner's canonical name with the type `document`; a document whose owner the
article does not give is the source as written ("the audit", "census data").
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from nlp.resolution.descriptions import DOCUMENT, describe, is_document_word
from nlp.resolution.rules import PRONOUN_NEAREST, SURNAME, Context, Mention, Resolved, rule
from nlp.speakers import mention_range

# How far back an earlier mention of the same document may be, in sentences.
DOCUMENT_REACH = 6
# Documents of a lawsuit: the article may call one filing by any of these names.
LEGAL_FILINGS = frozenset({"lawsuit", "suit", "complaint", "filing", "petition", "claim", "brief", "motion",
                           "submission", "indictment"})
# Research a body publishes: the article may call one piece by any of these names ("the study" … "the report").
RESEARCH = frozenset({"study", "report", "analysis", "survey", "poll", "research", "paper", "review", "audit"})
OWNER_PRONOUNS = frozenset({"his", "her", "their", "its"})
# Verbs whose subject issues, writes, files or publishes the document they govern.
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def is_document(head: Token, context: Context) -> bool:
    return head.pos_ == "NOUN" and is_document_word(head, context)


def _same_document(earlier: Token, head: Token) -> bool:
    a, b = earlier.lemma_.lower(), head.lemma_.lower()
    return a == b or any(a in family and b in family for family in (LEGAL_FILINGS, RESEARCH))


def _names_someone(token: Token) -> bool:
    """A name, or a definite noun that may refer back to one ("the bank said in a statement")."""
    return (token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG")
            or (token.pos_ == "NOUN" and any(c.lower_ == "the" and c.dep_ == "det" for c in token.children)))


def _owner_in_phrase(document: Token) -> Token | None:
    """The owner the document's own phrase names: its possessor ("Bornstein's letter"), its publisher
    before the noun ("a USA TODAY analysis"), "by X" ("a study by Harvard") or the agent of a
    participle ("a report published by the bureau")."""
    for child in document.children:
        if child.dep_ == "poss" and _names_someone(child):
            return child
        if child.dep_ == "compound" and child.ent_type_ == "ORG":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            by = next((c for c in child.children if c.dep_ == "pobj"), None)
            if by is not None and _names_someone(by):
                return by
        if child.dep_ == "prep" and child.lower_ == "of":
            # "an audit of the waste service by accountants Marsh Fenwick": the parser often hangs
            # the "by" phrase on the "of" phrase's noun; a service or a budget does not commission audits.
            for subject in (c for c in child.children if c.dep_ == "pobj"):
                by = next((p for p in subject.children if p.dep_ == "prep" and p.lower_ == "by"), None)
                agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
                if agent is not None and agent.pos_ == "PROPN":
                    return agent
        if child.dep_ == "acl":
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if by is not None and _names_someone(by):
                return by
    return None


def _owner_of(document: Token) -> Token | None:
    """Who the article says issued `document` at this mention: the owner its phrase names, or the
    subject of the verb that governs it ("X wrote in a study", "Y filed a lawsuit")."""
    found = _owner_in_phrase(document)
    if found is not None:
        return found
    verb = document.head
    if document.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif document.dep_ != "dobj":
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    return subject if subject is not None and _names_someone(subject) else None


def _resolve_owner(owner: Token, context: Context) -> Resolved | None:
    """The owner's resolution, by the mention policy: a person or a named organisation, never a description."""
    start, end = mention_range(owner) if owner.pos_ != "PRON" else (owner.i, owner.i + 1)
    span = context.doc[start:end]
    found = context.resolve((span.start_char, span.end_char))
    named = (found.person is not None or found.speaker_type == "person" or found.rule == "group.named_members"
             or (found.speaker_type == "organisation" and found.rule.startswith("organisation.")))
    return found if found.speaker is not None and named else None


def _as_document(found: Resolved, mention: Mention, why: str, confidence: float) -> Resolved:
    return replace(found, reason=f"{mention.text} → {found.speaker}: {why}", confidence=confidence,
                   speaker_type=DOCUMENT, delayed_role=None, mention=None)


@rule("document.owner")
def owner(mention: Mention, context: Context) -> Resolved | None:
    """A document with its owner at the cue: "his statement said", "the ministry's report said"."""
    head = mention.head
    if not is_document(head, context):
        return None
    possessor = next((c for c in head.children if c.dep_ == "poss" and c.pos_ in ("PRON", "NOUN")), None)
    if possessor is not None and possessor.pos_ == "PRON" and possessor.lower_ not in OWNER_PRONOUNS:
        return None
    possessor = possessor or _owner_in_phrase(head)
    if possessor is None:
        return None
    found = _resolve_owner(possessor, context)
    if found is None:
        return None
    return _as_document(found, mention, f"the {head.text} of {found.speaker}",
                        PRONOUN_NEAREST if possessor.pos_ == "PRON" else SURNAME)


@rule("document.earlier_owner")
def earlier_owner(mention: Mention, context: Context) -> Resolved | None:
    """A definite document the article gave an owner for just before: "the study" after "X wrote in a study"."""
    head = mention.head
    if not is_document(head, context) or mention.span[0].lower_ not in ("the", "this", "that"):
        return None
    sentence = context.doc[head.i].sent
    first = sentence.start
    for _ in range(DOCUMENT_REACH):
        if first == 0:
            break
        first = context.doc[first - 1].sent.start
    for token in reversed(context.doc[first:mention.span.start]):
        if token.pos_ != "NOUN" or not _same_document(token, head):
            continue
        found_owner = _owner_of(token)
        if found_owner is None:
            continue
        found = _resolve_owner(found_owner, context)
        if found is not None:
            return _as_document(found, mention, f"the {token.text} {found.speaker} issued, named before",
                                PRONOUN_NEAREST)
    return None


@rule("document.as_written")
def as_written(mention: Mention, context: Context) -> Resolved | None:
    """A document whose owner the article does not give: "the audit said", "according to census data"."""
    if not is_document(mention.head, context):
        return None
    return describe(mention, context, "a document with no owner named")
