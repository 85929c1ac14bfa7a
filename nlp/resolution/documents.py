"""Documents that speak: a statement, a study, a complaint speaks for its owner when the article names one.

"his statement said" is the man's; "the study said" right after "economist Ines Ruiz wrote in a study"
is Ruiz's; "the complaint says" in an article about a lawsuit Harlow Freight filed is Harlow Freight's.
The speaker is then the owner's canonical name with the type `document`; a document whose owner the
article does not give is the source as written ("the audit", "census data").
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from nlp.extensions import STATEMENTS
from nlp.resolution.descriptions import DOCUMENT, describe, is_document_word
from nlp.resolution.rules import PRONOUN_NEAREST, SURNAME, Context, Mention, Resolved, rule
from nlp.speakers import mention_range
from nlp.vocabulary.names import GENDERED_PRONOUNS
from nlp.vocabulary.wordlists import organisation_nouns

# How far back an earlier mention of the same document may be, in sentences.
DOCUMENT_REACH = 6
# The paper that opens a case: the article may call it by any of these names ("the lawsuit" … "the complaint").
OPENING_PLEADINGS = frozenset({"lawsuit", "suit", "complaint", "petition", "claim", "indictment"})
# Any party's papers: "a filing" may be the complaint or the defence's motion, but a motion or a brief
# is never the complaint the other side filed ("The complaint says …" is not RentLogic's, whose motion
# the next paragraph quotes).
GENERIC_FILINGS = frozenset({"filing", "submission"})
LEGAL_FILINGS = OPENING_PLEADINGS | GENERIC_FILINGS | {"brief", "motion"}
# Research a body publishes: the article may call one piece by any of these names ("the study" … "the report").
RESEARCH = frozenset({"study", "report", "analysis", "survey", "poll", "research", "paper", "review", "audit"})
OWNER_PRONOUNS = frozenset({"his", "her", "their", "its"})
# Verbs whose subject issues, writes, files or publishes the document they govern.
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def is_document(head: Token, context: Context) -> bool:
    return head.pos_ == "NOUN" and is_document_word(head, context)


def _same_document(earlier: Token, head: Token) -> bool:
    a, b = earlier.lemma_.lower(), head.lemma_.lower()
    if a == b or a in RESEARCH and b in RESEARCH or a in OPENING_PLEADINGS and b in OPENING_PLEADINGS:
        return True
    return a in LEGAL_FILINGS and b in LEGAL_FILINGS and bool({a, b} & GENERIC_FILINGS)


# Entity labels of a time, which a possessive or "from" may bring as well as an owner.
_WHEN_LABELS = frozenset({"DATE", "TIME"})


def _names_someone(token: Token) -> bool:
    """A name, or a definite noun that may refer back to one ("the bank said in a statement")."""
    # "Utrecht municipality said in a written briefing": a body named by the place it governs.
    if token.ent_type_ in _WHEN_LABELS:
        return False  # "Thursday's memo", "a report from June": when it was written, not who wrote it
    return (token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG")
            or (token.pos_ == "NOUN" and any(c.lower_ == "the" and c.dep_ == "det" for c in token.children))
            or (token.pos_ == "NOUN" and token.tag_ == "NN"
                and any(c.dep_ == "compound" and c.ent_type_ == "GPE" for c in token.children)))


# Who carries out research for a body: "a study by researchers at the Nordic Polar Institute" is the
# institute's ("researchers" names no one).
_WORKERS_AT = frozenset({"at", "from", "of", "with"})


def _body_of_workers(token: Token) -> Token | None:
    """The named body of a common-noun agent: "researchers at the institute" → institute's name."""
    if token.pos_ != "NOUN":
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in _WORKERS_AT:
            body = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if body is not None and (body.pos_ == "PROPN" or body.ent_type_ == "ORG"):
                return body
    return None


# Parts of a body or of a person's staff that issue papers in its name: "a statement from the governor's
# office", "a report by the city's engineering services department" are the governor's and the city's.
_ISSUING_PARTS = frozenset({"office", "department", "directorate", "unit", "division", "secretariat", "press",
                            "spokesperson", "spokesman", "spokeswoman", "team", "staff", "campaign"})
# The organs a body's officers report to: "a report to the council's cabinet", "presented to full council".
_REPORTED_TO = frozenset({"cabinet", "council", "committee", "board"})


def _behind_part(noun: Token) -> Token | None:
    """The possessor of a body's or a person's issuing part ("the governor's office" → governor), if named
    or described ("the city's department" → city)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _ISSUING_PARTS:
        return None
    return next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")
                 and c.ent_type_ not in _WHEN_LABELS), None)


def _reported_to(prep: Token) -> Token | None:
    """The body whose organ a report goes to: "a report to the council's cabinet" → the council; "a report to
    cabinet" → the one council the article names before it."""
    organ = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if organ is None or organ.lemma_.lower() not in _REPORTED_TO:
        return None
    owner = next((c for c in organ.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
    if owner is not None:
        return owner
    if any(c.dep_ == "det" for c in organ.children):
        return None  # "a report to the committee": which committee's, the phrase does not say
    councils = {ent.text.lower().removesuffix("'s").removesuffix("’s").removeprefix("the "): ent
                for ent in organ.doc.ents if ent.label_ == "ORG" and ent.end <= prep.i
                and any(word.startswith("council") for word in ent.text.lower().split())}
    return next(iter(councils.values())).root if len(councils) == 1 else None


def _named_agent(by: Token | None) -> Token | None:
    """The object of "by" when it names someone, the name right after a common noun ("the website X"), the
    possessor of an issuing part ("the city's engineering services department"), or the body a common-noun
    object works for."""
    if by is None:
        return None
    behind = _behind_part(by)
    if behind is not None:
        return behind
    # "compiled by the statistics website CricLedger", "by the think tank Resolution Foundation": the name.
    named = next((c for c in by.children if c.dep_ == "appos" and c.i == by.i + 1
                  and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG"))), None) if by.pos_ == "NOUN" else None
    if named is not None:
        return named
    return by if _names_someone(by) else _body_of_workers(by)


def _owner_in_phrase(document: Token) -> Token | None:
    """The owner the document's own phrase names: its possessor ("Bornstein's letter"), "by X" or "from X"
    ("a study by Harvard", "a research note from Gulfstone Securities") or the agent of a participle ("a
    report published by the bureau"). A name written before the noun as part of what the document is called
    ("a new Latino Decisions poll", "a CNN tally") names the document, not an owner: the source is the
    document as written."""
    for child in document.children:
        if child.dep_ == "poss" and _names_someone(child):
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            by = _named_agent(next((c for c in child.children if c.dep_ == "pobj"), None))
            if by is not None:
                return by
        if child.dep_ == "prep" and child.lower_ == "from":
            # Only a name: "a statement from the cyclist" is a role the article may not pin on anyone.
            sender = next((c for c in child.children if c.dep_ == "pobj"), None)
            behind = _behind_part(sender) if sender is not None else None
            if behind is not None:
                return behind
            if sender is not None and sender.ent_type_ not in _WHEN_LABELS \
                    and (sender.pos_ == "PROPN" or sender.ent_type_ in ("PERSON", "ORG")):
                return sender
        if child.dep_ == "prep" and child.lower_ == "to":
            body = _reported_to(child)
            if body is not None:
                return body
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
            by = _named_agent(next((c for c in agent.children if c.dep_ == "pobj"), None)) if agent else None
            if by is not None:
                return by
    return None


def _owner_of(document: Token) -> Token | None:
    """Who the article says issued `document` at this mention: the owner its phrase names, or the
    subject of the verb that governs it ("X wrote in a study", "Y filed a lawsuit")."""
    found = _owner_in_phrase(document)
    subject = _issuing_subject(document)
    if found is not None and subject is not None and _speaks_for_another(found):
        # "The ministry, in a statement signed by its spokesman, said …": the spokesman signs what the
        # ministry issues; the possessive says whose officer he is.
        return subject
    return found if found is not None else subject


def _issuing_subject(document: Token) -> Token | None:
    """The subject of the verb that governs the document ("X wrote in a study", "Y filed a lawsuit")."""
    verb = document.head
    if document.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif document.dep_ != "dobj":
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    # "In a statement, she said: …" is hers as much as "In a statement, the minister said".
    by_pronoun = subject is not None and (subject.lower_ in GENDERED_PRONOUNS or subject.lower_ == "they")
    return subject if subject is not None and (_names_someone(subject) or by_pronoun) else None


def _speaks_for_another(agent: Token) -> bool:
    """An agent introduced as someone's officer: "its spokesman", "their lawyer"."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in agent.children)


def _resolve_owner(owner: Token, context: Context) -> Resolved | None:
    """The owner's resolution, by the mention policy: a person or a named organisation, never a description
    (nor another document, whose own owner would be looked for in turn)."""
    if is_document(owner, context):
        return None
    start, end = mention_range(owner) if owner.pos_ != "PRON" else (owner.i, owner.i + 1)
    span = context.doc[start:end]
    found = context.resolve((span.start_char, span.end_char))
    named = (found.person is not None or found.speaker_type == "person" or found.rule == "group.named_members"
             or (found.speaker_type == "organisation" and found.rule.startswith("organisation.")))
    # "In a statement, she said" after "Gino's rep hit back": the statement is the rep's, unnamed as she is;
    # "Utrecht municipality said in a written briefing": a body described by the place it governs.
    described = owner.pos_ == "PRON" and found.speaker_type in ("unnamed", "group") or (
        found.speaker_type == "organisation" and owner.pos_ == "NOUN"
        and any(t.ent_type_ == "GPE" and t.i < owner.i for t in span))
    if found.speaker is not None and (named or described):
        return found
    return _body_written(span)


def _body_written(span: Span) -> Resolved | None:
    """A body's name written in capitals that no rule resolved ("a statement from the Prime Minister's Office"):
    the body as written, when its last word is a noun for a body."""
    words = [t for t in span if t.lower_ != "the" and t.dep_ != "case"]
    if len(words) < 2 or words[-1].lemma_.lower() not in organisation_nouns() \
            or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
        return None
    name = span.text.removeprefix("the ").removeprefix("The ")
    return Resolved(name, None, f"{name}: a body named in capitals", SURNAME, speaker_type="organisation")


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
    if possessor.lower_ == "its":
        # "Meridian Credit said it had placed the rating on review. Its report said …": the body that was
        # the subject just before (a document's "its" is no owner: "the study and its authors").
        body = _subject_before(possessor, context)
        found = body if body is not None and body.speaker_type == "organisation" else None
    else:
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
            # The same document was a source before and its owner found then ("according to the offer
            # prospectus", the company's): the chain goes on.
            earlier = _owned_as_source(token, context)
            if earlier is not None:
                return _as_document(earlier, mention, f"the {token.text} of {earlier.speaker}, as before",
                                    PRONOUN_NEAREST * 0.9)
            continue
        found = _resolve_owner(found_owner, context)
        if found is not None:
            return _as_document(found, mention, f"the {token.text} {found.speaker} issued, named before",
                                PRONOUN_NEAREST)
    return None


def _owned_as_source(token: Token, context: Context) -> Resolved | None:
    """The resolution of an earlier statement whose source is the document `token` heads, when it found an owner."""
    for statement, found in context.history:
        mention = statement._.qt_mention
        if mention is not None and mention[0] <= token.idx < mention[1] and found.speaker_type == DOCUMENT \
                and found.rule.startswith("document.") and found.rule != "document.as_written":
            return found
    return None


@rule("document.previous_body")
def previous_body(mention: Mention, context: Context) -> Resolved | None:
    """A definite document the article has not named before, right after a body's statement: "The State Department
    Refugee Processing Center said that 98 percent … According to the data, …" is the centre's data."""
    head = mention.head
    # A plural is several documents, not the one body's, except a mass of figures ("the data").
    plural = head.tag_ == "NNS" and head.lower_ not in ("data", "figures", "statistics", "numbers")
    if not is_document(head, context) or mention.span[0].lower_ not in ("the", "this", "that") \
            or plural or any(c.dep_ == "prep" for c in head.children):
        return None
    if any(t.pos_ == "NOUN" and _same_document(t, head) for t in context.doc[:mention.span.start]):
        return None  # named before: document.earlier_owner's case
    previous = next(((statement, found) for statement, found in reversed(context.history)
                     if found.speaker is not None), None)
    if previous is None:
        return None
    statement, found = previous
    if found.speaker_type != "organisation" or not found.rule.startswith("organisation.") \
            or context.here - context.paragraph_of(statement._.qt_content[0]) > 1:
        return None
    return _as_document(found, mention, f"the {head.text} of {found.speaker}, whose statement it follows",
                        PRONOUN_NEAREST * 0.8)


def _sentences_after(token: Token, count: int) -> int:
    """The end (token index) of the `count`-th sentence after `token`'s own."""
    doc = token.doc
    last = token.sent.end
    for _ in range(count):
        if last >= len(doc):
            break
        last = doc[last].sent.end
    return last


@rule("document.later_owner")
def later_owner(mention: Mention, context: Context) -> Resolved | None:
    """A document the article gives an owner for just after, the first time it names it: a headline's
    "study finds" or the lede's "according to a study published on Wednesday", then "The study, led by
    researchers at the institute, …"."""
    head = mention.head
    if not is_document(head, context) or head.tag_ == "NNS" or _owner_in_phrase(head) is not None:
        return None  # "recent polls": several documents, not the one named next
    if any(t.pos_ == "PROPN" and t.i < head.i for t in mention.whole):
        return None  # "the previous Washington Post/ABC News poll": a name already tells which one
    doc = context.doc
    last = _sentences_after(head, DOCUMENT_REACH // 2)
    index = mention.whole.end
    while index < min(last, len(doc)):
        token = doc[index]
        index += 1
        if token.pos_ != "NOUN" or not _same_document(token, head):
            continue
        found_owner = _owner_of(token)
        if found_owner is None:
            # The same document again without an owner ("study finds" … "according to a study"):
            # the chain goes on from there.
            last = max(last, _sentences_after(token, DOCUMENT_REACH // 2))
            continue
        found = _resolve_owner(found_owner, context)
        if found is None:
            return None
        return _as_document(found, mention, f"the {token.text} {found.speaker} issued, named just after",
                            PRONOUN_NEAREST * 0.9)
    return None


@rule("document.as_written")
def as_written(mention: Mention, context: Context) -> Resolved | None:
    """A document whose owner the article does not give: "the audit said", "according to census data"."""
    if not is_document(mention.head, context):
        return None
    return describe(mention, context, "a document with no owner named")


# How far back "it" looks for the body or document it stands for, in sentences.
IT_REACH = 2
_SUBJECTS = ("nsubj", "nsubjpass")


def _body_or_document(token: Token, context: Context) -> bool:
    """A subject that "it" may stand for: a document, or a body (an ORG name, "the company")."""
    # A plural is "they"; a body's name may end in a plural ("Capital Rail Services") and still be "it".
    if token.dep_ not in _SUBJECTS or token.tag_ == "NNS" or token.tag_ == "NNPS" and token.ent_type_ != "ORG":
        return False
    if is_document(token, context) or token.ent_type_ == "ORG":
        return True
    return token.pos_ == "NOUN" and token.lemma_.lower() in organisation_nouns()


@rule("pronoun.it")
def it(mention: Mention, context: Context) -> Resolved | None:
    """"It says …": the document or body that was the subject of a sentence just before ("The complaint
    … says …. It says …", "The company said …. It added …"); "it" is never a person."""
    head = mention.head
    if head.lower_ != "it" or len(mention.whole) != 1:
        return None
    found = _subject_before(head, context)
    if found is None:
        return None
    return replace(found, reason=f"{mention.text} → {found.speaker}: the {found.speaker_type or 'source'} "
                   "that was the subject just before", confidence=PRONOUN_NEAREST, delayed_role=None, mention=None)


def _subject_before(pronoun: Token, context: Context) -> Resolved | None:
    """What "it" or "its" stands for: the nearest document or body that was a subject within IT_REACH
    sentences before, resolved; None when the nearest such subject is a person's or names nobody."""
    doc = context.doc
    first = pronoun.sent.start
    for _ in range(IT_REACH):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    quoted = doc._.qt_token_quotes or []
    # What a source said is theirs, not the writer's: "The filing said the group would record a loss.
    # '…,' it said." is the filing, not the group inside what it said.
    reported = [statement._.qt_content for statement in doc.spans.get(STATEMENTS, [])
                if statement._.qt_content is not None and statement._.qt_content[0] < pronoun.idx]
    for token in reversed(doc[first:pronoun.i]):
        if (token.i < len(quoted) and quoted[token.i] >= 0) or not _body_or_document(token, context):
            continue
        if any(start <= token.idx < end for start, end in reported):
            continue
        start, end = mention_range(token)
        span = doc[start:end]
        found = context.resolve((span.start_char, span.end_char))
        # A document keeps its owner's person record ("The update said …" after "Hallam Homes said in a
        # trading update"): it is still a document, which "it" may stand for; a person never is.
        person_only = found.person is not None and found.speaker_type != DOCUMENT
        if found.speaker is None or person_only or found.speaker_type not in (DOCUMENT, "organisation"):
            return None
        return found
    return None
