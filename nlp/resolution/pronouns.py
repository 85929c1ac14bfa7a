"""Pronoun rules: relative pronouns follow their antecedent; he/she and they find a compatible person.

"he"/"she" in a clause go to the subject of the sentence it hangs on; else to the person the
sentence before is about (its subject, followed back over a chain of "He …" sentences), else
the previous quote's speaker or the most salient compatible person (role × recency, genders
from listed given names and titles; a close rival lowers the confidence); "they" is a group
unless the article says a person uses they/them. Each rule is
`(mention, context) -> Resolved | None`; nlp/resolution/policy.py orders them.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from nlp.resolution.descriptions import group_subject
from nlp.resolution.naming import name_key, name_tokens
from nlp.resolution.people import SINGULAR_THEY, Person, gender_fits
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
from nlp.sources import GROUP_LEMMA, GROUP_WORD, PERSON_ENTITY, ROLE_LEMMA, ROLE_WORD, source_kind
from nlp.speakers import mention_range
from nlp.vocabulary.names import FEMALE_PRONOUNS, MALE_PRONOUNS, RELATIVE_PRONOUNS

PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
SUBJECT_DEPENDENCIES = ("nsubj", "nsubjpass")
# How many sentences back a chain of "He …" subjects may lead to the person it is about.
SUBJECT_CHAIN_REACH = 3
# The subject of the sentence before is a writer's usual way to hand a quote to a source, a little
# less sure than the previous quote's speaker; less again when someone compatible is named beside them.
PRONOUN_SUBJECT, PRONOUN_SUBJECT_CONTESTED = 0.86, 0.72
# A rival of the same gender at least this share as salient as the chosen person makes the
# most-salient choice a closer call: the confidence drops and the reason names the rival.
RIVAL_SHARE = 0.5
PRONOUN_NEAREST_CONTESTED = 0.65

# Words that introduce a source the article has not named before: "a spokesman", "one aide", "another official".
INTRODUCING_DETERMINERS = frozenset({"a", "an", "one", "another"})


def pronoun_gender(pronoun: str) -> str | None:
    """"m" for he/him/his/himself, "f" for she/her/hers/herself, else None."""
    if pronoun in MALE_PRONOUNS:
        return "m"
    return "f" if pronoun in FEMALE_PRONOUNS else None


# The class of "they" in a chain of pronoun subjects, beside the genders "m" and "f".
PLURAL = "plural"


def _pronoun_class(pronoun: str) -> str | None:
    """"m", "f", PLURAL for they/them/their/themselves, else None."""
    return pronoun_gender(pronoun) or (PLURAL if pronoun in PLURAL_PRONOUNS else None)


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
    antecedent = _person_above_object(antecedent, mention.lower, context)
    start, end = mention_range(antecedent)
    doc = context.doc
    resolved = context.resolve((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
    if resolved.speaker is None:
        return resolved
    return replace(resolved, reason=f"{mention.text} → {resolved.reason} (antecedent of the relative clause)")


def _person_above_object(antecedent: Token, pronoun: str, context: Context) -> Token:
    """"Democrats on Capitol Hill, who have argued", "a spokesman for the company, who said": "who" refers
    to people, so when the parser hangs it on a preposition's object that names no person, the person-like
    noun the phrase follows is the antecedent. "which", and an object that is a person ("a lawyer for
    Smith, who"), keep the parser's choice."""
    if pronoun not in ("who", "whom", "whose") or antecedent.dep_ != "pobj" or _person_like(antecedent, context):
        return antecedent
    preposition = antecedent.head
    above = preposition.head if preposition.head.pos_ in ("NOUN", "PROPN") else (
        context.doc[preposition.i - 1] if preposition.i > 0 else preposition)
    return above if above.pos_ in ("NOUN", "PROPN") and _person_like(above, context) else antecedent


def _person_like(token: Token, context: Context) -> bool:
    """A person, a people or party, or a noun for people ("spokesman", "residents")."""
    return token.ent_type_ == "NORP" or source_kind(token, context.lists).has(
        PERSON_ENTITY, ROLE_WORD, ROLE_LEMMA, GROUP_WORD, GROUP_LEMMA)


def _quoted_tokens(context: Context) -> frozenset[int]:
    """The statement's tokens inside quotation marks: the people a speaker talks about are not the speaker."""
    quoted = context.doc._.qt_token_quotes
    statement = context.statement
    return frozenset(i for i in range(statement.start, statement.end) if quoted and quoted[i] >= 0)


def _in_content(token: Token, context: Context) -> bool:
    """Whether `token` is in the words a statement reports around its own cue ("Al-Naggar, she said, had not
    slept"): the one who reports is not the subject of the report. Only for a cue inside its content, where
    the writer could not have meant the subject as the speaker; a content that merely precedes its cue may
    be a misread sentence about the speaker ("Ms. LaBelle got a roar when she added …")."""
    content, mention = context.statement._.qt_content, context.statement._.qt_mention
    return (content is not None and mention is not None and content[0] < mention[0] < content[1]
            and content[0] <= token.idx < content[1])


def _most_salient(mention: Mention, context: Context, gender: str) -> Person | None:
    """The compatible person most salient before the pronoun, not counting the people its quote names."""
    return context.people.most_salient(mention.whole.root.i, gender, skip=_quoted_tokens(context))[0]


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


def _subject(sentence: Span) -> Token | None:
    """The subject of a sentence's main verb, if it has one."""
    return next((child for child in sentence.root.children if child.dep_ in SUBJECT_DEPENDENCIES), None)


def _opening_name(sentence: Span) -> Token | None:
    """A person's name opening a sentence whose main verb the parser left without a subject: "Joaquim dos Santos
    Silva, 58, has captained a tug" parsed with "dos" as a clausal subject. The name is who the sentence is about."""
    first = sentence[0]
    if first.ent_type_ != "PERSON" or first.ent_iob_ != "B" or sentence.root.i <= first.i:
        return None
    if any(child.dep_ in SUBJECT_DEPENDENCIES for child in sentence.root.children):
        return None
    return first


def _previous_subject(mention: Mention, context: Context, gender: str) -> tuple[Person, Span, bool] | None:
    """The known person the sentences right before the statement are about (see _previous_subject_token)."""
    found = _previous_subject_token(mention, context, gender)
    if found is None or found[0] is None:
        return None
    return found[0], found[1], found[2]


def _previous_subject_token(mention: Mention, context: Context, gender: str | None
                            ) -> tuple[Person | None, Span, bool, Token] | None:
    """The person the sentences right before the statement are about (None when that subject is nobody the
    article names: "Gino's rep"), the nearest of those sentences, whether a chain of pronoun subjects led to
    them, and the subject itself.

    Walks back over sentences whose subject is a pronoun of the same gender ("He … He …") to the
    one whose subject is a named person; stops at a quotation (its speaker is the previous-speaker
    rules' business), a sentence that introduces one with a colon, a subject that is no person or
    plural, or after SUBJECT_CHAIN_REACH sentences. A pronoun inside a quotation is left to the
    other rules.
    """
    doc, index = context.doc, context.index
    quoted = doc._.qt_token_quotes
    if quoted and quoted[mention.head.i] >= 0:
        return None  # a pronoun inside someone's quotation: the sentences before are theirs, not the writer's
    first = min(context.statement.start, mention.whole.start)
    end = index.sentence_start[first]
    nearest: Span | None = None
    for step in range(SUBJECT_CHAIN_REACH):
        if end <= 0:
            return None
        sentence = index.sentence(doc[end - 1])
        nearest = nearest or sentence
        end = sentence.start
        if quoted and any(quoted[i] >= 0 for i in range(sentence.start, sentence.end)):
            return None
        if any(token.text == ":" for token in sentence[-3:]):
            return None  # "McCrummen reports:": what follows is her text, and its "she" someone else
        subject = _subject(sentence) or _opening_name(sentence)
        if subject is None:
            return None
        if gender is not None and _pronoun_class(subject.lower_) == gender:
            continue  # "He also wants …": the chain keeps its referent; look further back
        if gender == PLURAL:
            return None, nearest, step > 0, subject  # "Grassley and Leahy …" names a group too
        if any(child.dep_ == "conj" for child in subject.children):
            return None
        person = (_person_named_at(subject, context) or _known_by_name(subject, context)
                  or _described_person(subject, context))
        if person is None:
            return None, nearest, step > 0, subject
        if person.gender == SINGULAR_THEY or not gender_fits(person, gender):
            return None
        return person, nearest, step > 0, subject
    return None


def person_the_sentence_before_is_about(mention: Mention, context: Context, gender: str | None
                                        ) -> tuple[Person, bool] | None:
    """The known person the sentences right before the statement are about, of a gender that fits `gender`
    (None: any), and whether that is contested: someone else of a fitting gender is named in the nearest of
    them, or the subject is a bare surname that two people share ("Ransome had …" with Jamie and Carol
    Ransome in the article). A chain of pronoun subjects is followed only for a known gender (see
    _previous_subject_token)."""
    found = _previous_subject_token(mention, context, gender) if gender in ("m", "f", None) else None
    if found is None or found[0] is None:
        return None
    person, sentence, subject = found[0], found[1], found[3]
    contested = any((other := context.people.person_at(i)) is not None and other is not person
                    and gender_fits(other, gender) for i in range(sentence.start, sentence.end))
    start, end = mention_range(subject)
    if end - start == 1 and subject.pos_ == "PROPN":
        contested = contested or any(other is not person and len(other.words) >= 2 and other.words[-1] == subject.lower_
                                     for other in context.people.people)
    return person, contested


def _person_named_at(token: Token, context: Context) -> Person | None:
    """The person referred to at `token`, or named by the entity it stands in: the parser may make a name's
    first word its head ("Joaquim dos Santos Silva, 58, has captained …") where the registry counts the
    entity's root."""
    person = context.people.person_at(token.i)
    if person is not None or token.ent_type_ != "PERSON":
        return person
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    return context.people.by_entity.get(start)


def _known_by_name(subject: Token, context: Context) -> Person | None:
    """A proper-noun subject that writes a known person's name though the NER gave it another label
    ("Dunstan, who is out of contract, …" tagged a place)."""
    if subject.pos_ != "PROPN":
        return None
    start, end = mention_range(subject)
    words = name_tokens(context.doc[start:end], context.lists, trust_labels=False)
    return context.people.match(name_key(words), at_token=subject.i) if words else None


# Role rules that tie a description to a named person by what the article says of them, not by
# who spoke before (which would beg the question the pronoun asks).
_DESCRIBING_RULES = ("role.described", "role.title_match")


def _described_person(subject: Token, context: Context) -> Person | None:
    """A definite description subject that the article ties to a person: "The 31-year-old, who wore a dark
    suit, spoke only once" after "Declan Keane, 31,"."""
    if subject.pos_ not in ("NOUN", "NUM", "ADJ") or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return None
    doc = context.doc
    words = doc[subject.left_edge.i:subject.i + 1]  # "The 31-year-old": the words before the head, the head
    found = context.resolve((words.start_char, words.end_char))
    return found.person if found.rule in _DESCRIBING_RULES else None


@rule("pronoun.sentence_subject")
def sentence_subject(mention: Mention, context: Context) -> Resolved | None:
    """he/she in a clause hung on a sentence about someone: "Trump has blasted the system, which he
    said runs the risk …" is Trump, not the subject of the sentence before.

    The sentence's main subject, before the pronoun, is a known person of a compatible gender, the
    pronoun is not that subject itself, and nobody else compatible is named between them (outside
    quotation marks).
    """
    gender = pronoun_gender(mention.lower)
    if gender is None:
        return None
    doc, head = context.doc, mention.head
    quoted = doc._.qt_token_quotes
    if quoted and quoted[head.i] >= 0:
        return None
    subject = _subject(context.index.sentence(head))
    if subject is None or subject.i >= mention.whole.start or pronoun_gender(subject.lower_) is not None:
        return None
    if head.head.i == subject.head.i:
        return None  # two subjects of one verb: not a clause about the first
    if _in_content(subject, context):
        return None  # "Al-Naggar, she said, had not slept": the subject of what she reports is not her
    person = _person_named_at(subject, context) or _known_by_name(subject, context)
    if person is None or person.gender == SINGULAR_THEY or not gender_fits(person, gender):
        return None
    for i in range(subject.i + 1, mention.whole.start):
        other = context.people.person_at(i)
        if (other is not None and other is not person and gender_fits(other, gender)
                and not (quoted and quoted[i] >= 0)):
            return None
    return person_result(person, f"{mention.text} → {person.name}: the subject of the sentence the clause hangs on",
                         PRONOUN_SUBJECT)


@rule("pronoun.previous_subject")
def previous_subject(mention: Mention, context: Context) -> Resolved | None:
    """he/she: the person the sentence before is about ("Mara Voss was blunter. '…,' she said").

    A writer introduces a source as the subject of the sentence before the quote, or keeps them
    the subject over a chain of "He …" sentences; that outranks the previous quote's speaker and
    anyone named as an object or inside a prepositional phrase. Another person of a compatible
    gender named in that sentence lowers the confidence, and the reason says so.
    """
    gender = pronoun_gender(mention.lower)
    found = None if gender is None else _previous_subject(mention, context, gender)
    if gender is None or found is None:
        return None
    person, sentence, chained = found
    others = sorted({other.name for i in range(sentence.start, sentence.end)
                     if (other := context.people.person_at(i)) is not None and other is not person
                     and other.gender != SINGULAR_THEY and gender_fits(other, gender)})
    reason = f"{mention.text} → {person.name}: the subject of the sentence before" + (
        f" (through the {mention.lower!r} subjects of the sentences between)" if chained else "")
    if others:
        reason += f"; {', '.join(others)} also named there, of a compatible gender"
        return person_result(person, reason, PRONOUN_SUBJECT_CONTESTED)
    return person_result(person, reason, PRONOUN_SUBJECT)


@rule("pronoun.previous_unnamed_subject")
def previous_unnamed_subject(mention: Mention, context: Context) -> Resolved | None:
    """he/she: the unnamed person the sentence before is about ("Gino's rep hit back last night. In a
    statement, she said: …", "A spokeswoman for the port declined to comment. She said …"): the
    description as that sentence wrote it, an unnamed source, when its role's gender fits."""
    gender = pronoun_gender(mention.lower)
    found = None if gender is None else _previous_subject_token(mention, context, gender)
    if found is None or found[0] is not None:
        return None
    _, _, chained, subject = found
    if subject.pos_ != "NOUN" or subject.tag_ != "NN" or not source_kind(subject, context.lists).has(ROLE_WORD):
        return None
    # Introduced as someone new ("a spokeswoman", "Gino's rep"); "the retired surgeon" may be someone the
    # article named, which is the role rules' business.
    if not any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in INTRODUCING_DETERMINERS
               for c in subject.children):
        return None
    if context.lists.role_genders.get(subject.lower_) not in (None, gender):
        return None  # "The spokeswoman … He said": someone else
    words = context.doc[slice(*mention_range(subject))]
    described = context.resolve((words.start_char, words.end_char))
    if described.speaker is None or described.speaker_type != "unnamed" or described.person is not None:
        return None
    reason = f"{mention.text} → {described.speaker}: the unnamed source the sentence before is about" + (
        f" (through the {mention.lower!r} subjects of the sentences between)" if chained else "")
    return replace(described, reason=reason, confidence=PRONOUN_SUBJECT_CONTESTED, delayed_role=None, mention=None)


@rule("pronoun.previous_speaker_in_focus")
def previous_speaker_in_focus(mention: Mention, context: Context) -> Resolved | None:
    """he/she: the previous quote's speaker, when they are also the most salient compatible person."""
    found = _previous(mention, context)
    if found is None or found[1].person is not _most_salient(mention, context, found[0]):
        return None
    return _previous_result(mention, found[1])


def _introduced_unnamed(statement: Span) -> bool:
    """The statement's mention opens with an indefinite word: "a spokesman", "One of them", "another aide"."""
    if statement._.qt_mention is None:
        return False
    start, end = statement._.qt_mention
    words = statement.doc.char_span(start, end, alignment_mode="expand")
    return words is not None and len(words) > 0 and words[0].lower_ in INTRODUCING_DETERMINERS


@rule("pronoun.previous_speaker_adjacent")
def previous_speaker_adjacent(mention: Mention, context: Context) -> Resolved | None:
    """he/she right after a quote of someone of that gender, with no one else named between (outside
    quotation marks): that speaker goes on ('"…," Khan said in a statement. He added: "…"'), however
    prominent someone else is in the article."""
    gender = pronoun_gender(mention.lower)
    if gender is None or not context.history:
        return None
    earlier, resolved = context.history[-1]
    # One unnamed person the article introduces as such ("One of them said … '…,' he said", "a spokesman")
    # goes on too, their gender unknown; not a definite description that may be someone named.
    unnamed = (resolved.person is None and resolved.speaker is not None and resolved.speaker_type == "unnamed"
               and _introduced_unnamed(earlier))
    if not unnamed and (resolved.person is None or not gender_fits(resolved.person, gender)):
        return None
    index, doc = context.index, context.doc
    first = min(context.statement.start, mention.whole.start)
    if index.ordinal[first] - index.ordinal[earlier.end - 1] > 1 or earlier.end > first:
        return None
    bound = _clause_subject_of_object(mention.head)
    if bound is not None and earlier._.qt_mention is not None and \
            earlier._.qt_mention[0] <= bound.idx < earlier._.qt_mention[1]:
        return None  # "One Republican threatened …, daring him to say …": "him" is not the Republican
    quoted = doc._.qt_token_quotes or []
    for i in range(earlier.end, mention.whole.start):
        if i < len(quoted) and quoted[i] >= 0 or _in_content(doc[i], context):
            continue  # the people a speaker talks about, quoted or reported ("Al-Naggar, she said, had …")
        # A known person written by surname alone counts too ("Ms. LaBelle got a roar when she added …").
        other = context.people.person_at(i) or (_known_by_name(doc[i], context) if doc[i].pos_ == "PROPN" else None)
        if other is not None and other is not resolved.person:
            return None  # someone else named between: the sentence-subject and salience rules decide
    return Resolved(resolved.speaker, resolved.person,
                    f"{mention.text} → {resolved.speaker}: speaker of the previous quote, just before, "
                    f"{'unnamed' if unnamed else 'same gender'}, nobody named between", PRONOUN_PREVIOUS,
                    speaker_type=resolved.speaker_type)


# Object forms: "him" is never the subject of its own clause ("himself" would be).
OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
# Dependencies that open a clause of its own, inside which a pronoun may refer to the outer subject
# ("Smith said the police arrested him").
_OWN_CLAUSES = ("ccomp", "relcl", "csubj", "parataxis", "conj")


def _clause_subject_of_object(pronoun: Token) -> Token | None:
    """The subject an object pronoun cannot refer to: that of the clause it stands in, through infinitives
    and participles without a subject of their own ("daring him to say" inside "One Republican threatened …")."""
    if pronoun.lower_ not in OBJECT_PRONOUNS:
        return None
    token = pronoun.head
    while True:
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPENDENCIES and c.i != pronoun.i), None)
        if subject is not None:
            return subject
        infinitive = token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if token.dep_ in _OWN_CLAUSES and not infinitive or token.head.i == token.i:
            return None
        token = token.head


@rule("pronoun.most_salient")
def most_salient(mention: Mention, context: Context) -> Resolved | None:
    """he/she: the most salient compatible person in the sentences before."""
    gender = pronoun_gender(mention.lower)
    salient = None if gender is None else _most_salient(mention, context, gender)
    if gender is None or salient is None:
        return None
    reason = f"{mention.text} → {salient.name}: the most prominent compatible person in the sentences before"
    rival = _close_rival(mention, context, gender, salient)
    if rival is not None:
        return person_result(salient, f"{reason}; {rival.name}, of the same gender, is nearly as prominent",
                             PRONOUN_NEAREST_CONTESTED)
    return person_result(salient, reason, PRONOUN_NEAREST)


def _close_rival(mention: Mention, context: Context, gender: str, chosen: Person) -> Person | None:
    """Another person known to be of the pronoun's gender almost as salient as `chosen`, if any."""
    people, at, skip = context.people, mention.whole.root.i, _quoted_tokens(context)
    best = people.salience(chosen, at, skip)
    rivals = [(people.salience(person, at, skip), person) for person in people.people
              if person is not chosen and person.gender == gender]
    score, rival = max(rivals, key=lambda pair: pair[0], default=(0.0, None))
    return rival if score > 0 and score >= RIVAL_SHARE * best else None


@rule("pronoun.previous_speaker")
def previous_speaker(mention: Mention, context: Context) -> Resolved | None:
    """he/she with nobody salient: the previous quote's speaker of that gender."""
    found = _previous(mention, context)
    return None if found is None else _previous_result(mention, found[1])


@rule("pronoun.nearest_named")
def nearest_named(mention: Mention, context: Context) -> Resolved | None:
    """he/she with no salient person or previous speaker: the compatible person named last before it.

    Not a name inside the statement's quotation ('"Mary Jones lied to us," she said'): the speaker
    talks about that person, as in _most_salient.
    """
    gender = pronoun_gender(mention.lower)
    if gender is None:
        return None
    doc = context.doc
    skip = frozenset(doc[i].idx for i in _quoted_tokens(context))
    nearest = context.people.nearest_before(mention.chars[0], gender, skip=skip)
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


@rule("pronoun.previous_plural_subject")
def previous_plural_subject(mention: Mention, context: Context) -> Resolved | None:
    """they: the group the sentence before is about ("Workers objected to the move. They also said …"),
    ahead of a group or body quoted earlier."""
    if mention.lower not in PLURAL_PRONOUNS:
        return None
    found = _previous_subject_token(mention, context, PLURAL)
    if found is None:
        return None
    _, _, chained, subject = found
    # "The prices rose. They said …": a subject that names no group of people falls through.
    return group_subject(subject, mention, context, "the group the sentence before is about" + (
        " (through the 'they' subjects of the sentences between)" if chained else ""))


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
