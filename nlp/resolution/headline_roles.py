"""A role only the headline gives ("Winslow Freight's founder still rides …"): the one person the body says acts so."""
from __future__ import annotations

from spacy.tokens import Token

from nlp.resolution.people import Person, gender_fits
from nlp.resolution.rules import ROLE_PREVIOUS, Context, Mention, Resolved, person_result, rule

# Endings of an agent noun made from the verb of its act: founder ← found, director ← direct, manager ← manage.
AGENT_ENDINGS = ("er", "or")
# Personal pronouns that may stand for the person who acts, with the gender they ask for.
PRONOUN_GENDERS = {"he": "m", "she": "f"}
# Determiners of a description that points back at someone the reader knows: the headline's role.
DEFINITE = ("the", "this")


def agent_verbs(noun: str) -> frozenset[str]:
    """The verbs whose doer the role noun names: "founder" → found, "manager" → manage, "chair" → chair."""
    for ending in AGENT_ENDINGS:
        if noun.endswith(ending) and len(noun) > len(ending) + 2:
            stem = noun[:-len(ending)]
            return frozenset({stem, stem + "e"})
    return frozenset({noun})


def _headline_gives(noun: str, context: Context) -> bool:
    """The headline has the role noun with no name beside it: "Winslow Freight's founder still rides the morning
    train", not "Founder Harold Winslow retires"."""
    people = context.people
    return any(t.lemma_.lower() == noun and t.pos_ == "NOUN" and people.in_any_headline(t)
               and not (t.dep_ in ("compound", "appos") and t.head.pos_ == "PROPN")
               and not any(c.dep_ in ("compound", "appos", "flat") and c.pos_ == "PROPN" for c in t.children)
               for t in context.doc)


# A verb whose doer the article names, but not surely enough to tell which person: the rule then answers nothing.
UNSURE = "unsure"


def _doer(verb: Token, context: Context) -> Person | str | None:
    """Who a verb's subject (or a passive's agent) is: a registered name, the noun "who" stands for, or
    "he"/"she" when one person of that gender is named before it in its paragraph ("Harold Winslow Sr. bought
    … the company he founded"); UNSURE when it is a name or a pronoun that points at no one person, None when it
    names no person ("the family founded")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subject is None:
        return None
    if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
        subject = verb.head
    if subject.lower_ in PRONOUN_GENDERS:
        start = context.paragraphs[context.paragraph_of(subject.idx)][0]
        named = [person for person in context.people.people
                 if gender_fits(person, PRONOUN_GENDERS[subject.lower_])
                 and any(start <= position < subject.idx for position in person.positions)]
        return named[0] if len(named) == 1 else UNSURE
    person = context.people.person_at(subject.i)
    if person is None and subject.pos_ == "PROPN":
        return UNSURE
    return person


@rule("role.headline_role")
def headline_role(mention: Mention, context: Context) -> Resolved | None:
    """"The founder said …" where only the headline gives the role ("Winslow Freight's founder …"): the one
    person the body says did what the role names ("the company he founded"); none, several, or a doer the
    article leaves unclear leave the role a description, never a guess."""
    head = mention.head
    noun = head.lemma_.lower()
    if (mention.span[0].lower_ not in DEFINITE or head.tag_ != "NN" or noun not in context.lists.role_nouns
            or context.people.in_any_headline(head) or not _headline_gives(noun, context)):
        return None
    verbs = agent_verbs(noun)
    doers: dict[int, tuple[Person, Token]] = {}
    for verb in context.doc:
        if (verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs or context.people.in_any_headline(verb)
                or any(c.dep_ == "neg" for c in verb.children)):
            continue
        person = _doer(verb, context)
        if person == UNSURE:
            return None
        if isinstance(person, Person):
            doers.setdefault(id(person), (person, verb))
    if len(doers) != 1:
        return None
    ((person, verb),) = doers.values()
    return person_result(person, f"{mention.text} → {person.name}: the headline's '{noun}', the one person the "
                         f"article says {verb.text} ('{verb.sent.text[:60]}')", ROLE_PREVIOUS)
