"""Questions about a cue verb's parse: who its subject is, whether it is negated, which clause it governs."""
from __future__ import annotations

from spacy.tokens import Token

from nlp.cues.context import Context
from nlp.cues.frames import CueFrame
from nlp.sources import (
    DATA_SOURCE_LEMMA,
    GROUP_LEMMA,
    ORG_LABEL,
    ORGANISATION_ENTITY,
    PERSON_ENTITY,
    PERSONAL_PRONOUN,
    POSSESSIVE_PRONOUN,
    ROLE_LEMMA,
    source_kind,
)
from nlp.vocabulary.wordlists import Lexicon

# What kind of source a subject or an owner is: nlp.sources.source_kind, asked for the evidence each
# rule needs.
# A person, an organisation, a group or a role holds a view ("Kasich hopes to …", "officials plan to …").
HOLDS_A_VIEW = (PERSON_ENTITY, ORGANISATION_ENTITY, PERSONAL_PRONOUN, ROLE_LEMMA, GROUP_LEMMA)
# A person: a name, he/she/they/I/we, or a role such as "the senator".
HUMAN = (PERSON_ENTITY, PERSONAL_PRONOUN, ROLE_LEMMA)
# Who may own a cue noun ("Clinton's claim that …", "his decision to run").
OWNS_A_CUE_NOUN = (PERSON_ENTITY, ORGANISATION_ENTITY, POSSESSIVE_PRONOUN, ROLE_LEMMA, GROUP_LEMMA)


def names_source(verb: Token, lex: Lexicon) -> bool:
    """The verb's subject names who holds the view: a person, an organisation or group, or a role.

    A relative pronoun stands for the noun it modifies ("Kasich, who hopes to …"), and a conjoined
    verb without a subject shares the first one's ("supported Kasich, but now plans to …").
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
            return names_source(verb.head, lex)
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
            return names_source(verb.head, lex)  # "she doubled down, seeking to show …"
        if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.i < verb.i:
            subject = verb.head  # "supporters seeking to defeat her"
        else:
            return False
    if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
        subject = verb.head
    return source_kind(subject, lex).has(*HOLDS_A_VIEW)


def has_source_subject(verb: Token, lex: Lexicon) -> bool:
    """A person or an organisation is the verb's subject (a conjoined verb shares the first one's)."""
    if (verb.dep_ == "conj" and verb.head.i < verb.i or verb.dep_ == "advcl" and verb.tag_ == "VBG") and (
            verb.head.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)):
        # "criticized the pope and accused him of …", "Corker said …, pointing out that …"
        return has_source_subject(verb.head, lex)
    return has_human_subject(verb, lex) or any(
        child.dep_ == "nsubj" and (source_kind(child, lex).has(ORGANISATION_ENTITY) or any(
            # "Her counterpart, Klaus Verhoeven, spoke of …": the appositive names the subject
            a.dep_ == "appos" and source_kind(a, lex).has(PERSON_ENTITY, ORG_LABEL) for a in child.children))
        for child in verb.children)


def has_human_subject(verb: Token, lex: Lexicon) -> bool:
    """The verb's subject is a person (a name, he/she/they, or a role such as "the senator")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return source_kind(child, lex).has(*HUMAN)
    return False


def has_data_subject(context: Context, verb: Token) -> bool:
    """A poll, a study or a document (data_sources.txt) is the verb's subject."""
    return any(c.dep_ == "nsubj" and source_kind(c, context.lexicon).has(DATA_SOURCE_LEMMA) for c in verb.children)


def subject_fits(context: Context, frame: CueFrame, verb: Token) -> bool:
    """The verb's subject is what the frame's `subject` column asks for."""
    if frame.subject == "any":
        return True
    if frame.subject == "source":
        return has_source_subject(verb, context.lexicon)
    if frame.subject == "named":
        return names_source(verb, context.lexicon)
    if frame.subject == "data":
        return has_data_subject(context, verb)
    return has_data_subject(context, verb) or names_source(verb, context.lexicon)  # "data-or-named"


def subject(verb: Token) -> Token | None:
    """The verb's subject; a conjoined verb without one shares the first verb's."""
    while True:
        found = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None or verb.dep_ != "conj" or verb.head.i >= verb.i:
            return found
        verb = verb.head


def negative_subject(verb: Token, lex: Lexicon) -> bool:
    """ "Nobody expected …", "No one believed …", "None of them said …": nobody is the source."""
    found = subject(verb)
    if found is None:
        return False
    return found.lower_ in lex.negative_quantifiers or any(
        c.dep_ in ("det", "neg") and c.lower_ in lex.negative_quantifiers for c in found.children)


def refuses_speech(context: Context, verb: Token) -> bool:
    """ "declined to comment", "refused to speak to reporters", "declined to give details".

    Refusing to say something is the absence of a statement; refusing anything else ("refused to
    sign the deal") still states an intention.
    """
    lex = context.lexicon
    if context.lemma(verb) not in lex.refusal_verbs:
        return False
    for clause in verb.children:
        if clause.dep_ != "xcomp" or clause.i < verb.i:
            continue
        if context.lemma(clause) in lex.speech_acts or any(
                c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lex.speech_acts for c in clause.children):
            return True
    return False


def negated(verb: Token, token_quote: list[int]) -> bool:
    """ "did not say": a negation outside quotation marks (the parser may hang a quote's "not" on the cue)."""
    return any(child.dep_ == "neg" and token_quote[child.i] < 0 for child in verb.children)


def wished_for(verb: Token, lex: Lexicon, token_quote: list[int]) -> bool:
    """ "I hope in 2017 America says, …": speech under a verb of wishing has not been made.

    The parser hangs the speech on the wish (as its clause, or beside it), or inverts the two and hangs
    the wish on the speech verb as a clause before it; a wish that reports a clause of its own ("We
    hope the bridge opens, the mayor said") is the content, not a wish for the speech.
    """
    wish = verb.head
    if verb.dep_ in ("ccomp", "xcomp", "parataxis") and wish.i < verb.i and wish.lemma_.lower() in lex.wish_verbs \
            and token_quote[wish.i] < 0 \
            and not any(c.dep_ in ("ccomp", "xcomp") and c.i != verb.i for c in wish.children):
        return True
    return any(c.dep_ == "ccomp" and c.i < verb.i and token_quote[c.i] < 0 and c.lemma_.lower() in lex.wish_verbs
               and not any(g.dep_ in ("ccomp", "xcomp") for g in c.children) for c in verb.children)


def named_act(verb: Token) -> bool:
    """ "the Senate's vote for admitting Poland to NATO": a gerund with no subject of its own, in a phrase
    that qualifies a noun, names an act; nobody is reported saying anything."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("NOUN", "PROPN")


def writers_aside(verb: Token) -> bool:
    """ "It is worth noting that …", "it is fair to say that …": a cue that completes an adjective whose
    subject is the empty "it" is the writer's own aside, not anyone's statement."""
    if verb.dep_ != "xcomp" or verb.head.pos_ != "ADJ" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    clause = verb.head.head if verb.head.dep_ in ("acomp", "attr") else verb.head
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in clause.children)


def has_that(clause: Token) -> bool:
    """The clause opens with "that" ("found that …", "the hope that …")."""
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children)


def has_to(clause: Token) -> bool:
    """The clause is a to-infinitive ("decision to run")."""
    return any(g.dep_ == "aux" and g.tag_ == "TO" for g in clause.children)


def intention_clause(verb: Token, lex: Lexicon) -> Token | None:
    """The to-infinitive clause of an intention verb with a source as subject ("Clinton plans to focus …").

    A bare object ("wants the votes") is not a statement, and neither is an intention with no
    named holder ("the bill seeks to …" is the reporter's summary).
    """
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or not names_source(verb, lex):
        return None
    if any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("will", "'ll", "wo") for c in verb.children):
        return None  # "Clinton might want to …": the reporter's guess, not her stated intention
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                 and has_to(c)), None)


def possessed_cue_noun(noun: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """(clause head, possessor) for "Clinton's claim that …" or "his decision to run".

    The possessor must name a source, and the clause must be a that-clause or a to-infinitive
    attached to the noun; "Trump's plan" alone or "the plan that failed" (a relative clause) is not.
    """
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or not source_kind(owner, lex).has(*OWNS_A_CUE_NOUN):
        return None
    for clause in noun.children:
        if clause.i < noun.i or clause.dep_ not in ("acl", "ccomp") or clause.pos_ not in ("VERB", "AUX"):
            continue
        if has_that(clause) or has_to(clause):
            return clause, owner
    return None


def clause_is_quoted(head: Token, token_quote: list[int]) -> bool:
    """Most of the clause's words (60%) are inside quotation marks."""
    words = [t for t in head.subtree if t.is_alpha]
    return bool(words) and sum(token_quote[t.i] >= 0 for t in words) >= 0.6 * len(words)


def quote_in_subject(cue: Token, token_quote: list[int]) -> bool:
    """`The so-called "coalition" said …`: a quotation inside the cue's subject is a name, not speech.

    Not when the cue has another subject outside every quotation: in `"… Full panic mode," said Leslie
    Wimes` the parser made the quote's last words a subject of "said" too, and Wimes is who speaks.
    """
    subjects = [child for child in cue.children if child.dep_ in ("nsubj", "nsubjpass")]
    holding = [child for child in subjects if any(token_quote[t.i] >= 0 and t.is_alpha for t in child.subtree)]
    return bool(holding) and len(holding) == len(subjects)
