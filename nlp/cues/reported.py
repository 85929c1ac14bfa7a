"""Reported speech: the ordered cue rules that turn a reporting word into a statement.

Every token outside quote marks is read by RULES, in order. A rule serves one family of cue words
(FAMILIES: the first family whose test a token passes is the token's; "any" rules read every
token) and answers one of: None (it does not apply, the next rule reads the token), a Statement,
NO_STATEMENT (the token cues nothing, stop), or a Clause (the content's head, which
`statement_from_clause` turns into a statement). The order of RULES is the policy: a rule is tried
only when every rule before it has passed. Where the content sits for a given verb (its clause,
its infinitive, its object, a particle's object) is data: nlp/resources/cue_frames.txt.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from spacy.tokens import Token

from nlp.cues.constructions import (
    according_to,
    characterisation,
    in_source,
    parenthetical,
    possessed_noun_statement,
    sentence_final_cue,
    statement_from_clause,
)
from nlp.cues.context import Context
from nlp.cues.kinds import NOUN, VERB
from nlp.cues.statement import Statement
from nlp.cues.syntax import (
    has_human_subject,
    has_that,
    intention_clause,
    named_act,
    negated,
    negative_subject,
    refuses_speech,
    subject_fits,
    wished_for,
    writers_aside,
)
from nlp.vocabulary.marks import CLOSERS_BEFORE_CUE_CLAUSE

# Objects that point back rather than say anything: "denied it", "confirmed nothing".
EMPTY_OBJECTS = ("it", "this", "that", "so", "nothing", "anything")
# What may set an inverted cue clause apart from the clause it reports ("The plan is dead, he said").
INVERSION_MARKS = (",", *CLOSERS_BEFORE_CUE_CLAUSE, "—", "–")
# Verbs of asking: with a passive infinitive of their own subject ("asked not to be named",
# "requested to be transferred") they ask something for the speaker, they report nothing.
REQUEST_VERBS = ("ask", "request", "beg", "plead")
# Verbs of putting a question: in the passive their subject is the one asked ("was asked whether …").
ASKING_VERBS = ("ask", "question", "quiz")


class Clause(NamedTuple):
    """The head of the reported clause, the cue's words, and (inverted order) the cue clause to skip."""
    head: Token
    cue_tokens: list[Token]
    exclude: Token | None = None
    kind: str = VERB


class _Stop(Enum):
    NO_STATEMENT = "no statement"


NO_STATEMENT = _Stop.NO_STATEMENT
Outcome = Statement | Clause | _Stop
RuleFunction = Callable[[Context, Token], Outcome | None]


@dataclass(frozen=True)
class Rule:
    id: str
    family: str  # a name of FAMILIES, or "any"
    find: RuleFunction


def decided(statement: Statement | None) -> Statement | _Stop:
    """A construction's answer is final: its statement, or none at all."""
    return NO_STATEMENT if statement is None else statement


def _passive(verb: Token) -> bool:
    return any(child.dep_ == "auxpass" for child in verb.children)


def _verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


# --- which family a token's cue belongs to ---------------------------------------------------

def phrasal_clause(context: Context, verb: Token) -> Clause | None:
    """The content of a phrasal reporting verb ("pointed out that …", "warned of a recession")."""
    for child in verb.children:
        if child.dep_ not in ("prt", "prep"):
            continue
        frame = context.frames.get("reported.phrasal", verb.lemma_.lower(), child.lower_)
        if frame is None:
            continue
        if not subject_fits(context, frame, verb):
            return None
        holder = verb if frame.content == "ccomp" else child  # "point out that": the clause hangs on the verb
        content = next((c for c in holder.children if c.dep_ == frame.content), None)
        return Clause(content, [verb, child]) if content is not None else None
    return None


def finding_clause(context: Context, verb: Token) -> Token | None:
    """The that-clause of "found"/"showed" when a source or a document is the subject."""
    frame = context.frames.get("reported.finding", context.lemma(verb))
    if frame is None:
        return None
    clause = next((c for c in verb.children if c.dep_ == frame.content and c.i > verb.i and has_that(c)), None)
    return clause if clause is not None and subject_fits(context, frame, verb) else None


def _data_subject(context: Context, verb: Token) -> bool:
    frame = context.frames.get("reported.data", context.lemma(verb))
    return frame is not None and subject_fits(context, frame, verb)


def _judges(context: Context, verb: Token) -> bool:
    frame = context.frames.get("reported.judgement", context.lemma(verb))
    return frame is not None and verb.pos_ == "VERB" and subject_fits(context, frame, verb)


FAMILIES: tuple[tuple[str, Callable[[Context, Token], bool]], ...] = (
    ("cue-verb", Context.is_cue_verb),
    ("cue-noun", lambda c, t: t.pos_ == "NOUN" and c.lemma(t) in c.lexicon.cue_nouns),
    ("intention", lambda c, t: c.lemma(t) in c.lexicon.intention_verbs and t.pos_ == "VERB"
     and not negated(t, c.token_quote)),
    ("phrasal", lambda c, t: phrasal_clause(c, t) is not None),
    ("finding", lambda c, t: finding_clause(c, t) is not None),
    ("data", _data_subject),
    ("judgement", _judges),
    ("light-verb", lambda c, t: c.lemma(t) in c.lexicon.light_verbs),
)


def family(context: Context, token: Token) -> str | None:
    """The first family whose test the token passes, or None."""
    if not _may_cue(context, token):
        return None
    return next((name for name, test in FAMILIES if test(context, token)), None)


def _may_cue(context: Context, token: Token) -> bool:
    """Whether the token's lemma is in a list some family reads: every family's test looks its lemma up
    (the phrasal frames by the model's own lemma), so most tokens of a document are none of them."""
    lemma, lexicon = context.lemma(token), context.lexicon
    return (lemma in lexicon.cue_verbs or lemma in lexicon.cue_nouns or lemma in lexicon.intention_verbs
            or lemma in lexicon.light_verbs or lemma in context.frames.framed_lemmas
            or token.lemma_.lower() in context.frames.framed_lemmas)


# --- rules for every token -------------------------------------------------------------------

def nobody(context: Context, token: Token) -> Outcome | None:
    """ "Nobody expected …": no statement was made."""
    return NO_STATEMENT if _verb(token) and negative_subject(token, context.lexicon) else None


def refusal(context: Context, token: Token) -> Outcome | None:
    """ "declined to comment": no statement was made."""
    return NO_STATEMENT if _verb(token) and refuses_speech(context, token) else None


def according(context: Context, token: Token) -> Outcome | None:
    doc = context.doc
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        return decided(according_to(context, token))
    return None


def in_phrase(context: Context, token: Token) -> Outcome | None:
    if token.lower_ == "in" and token.dep_ == "prep":
        return decided(in_source(context, token, context.frames.lemmas("reported.finding")))
    return None


# --- rules for reporting verbs (cue_verbs.txt, thought_verbs.txt) ----------------------------

def negated_cue(context: Context, token: Token) -> Outcome | None:
    """ "did not say that": no statement."""
    return NO_STATEMENT if negated(token, context.token_quote) else None


def wished(context: Context, token: Token) -> Outcome | None:
    """ "I hope America says that …": speech wished for, not made."""
    return NO_STATEMENT if wished_for(token, context.lexicon, context.token_quote) else None


def act_named(context: Context, token: Token) -> Outcome | None:
    """ "the vote for admitting Poland to NATO": an act named by a gerund, not a statement."""
    return NO_STATEMENT if named_act(token) else None


def aside(context: Context, token: Token) -> Outcome | None:
    """ "It is worth noting that …": the writer's aside."""
    return NO_STATEMENT if writers_aside(token) else None


def reporters_question(context: Context, token: Token) -> Outcome | None:
    """ "Asked whether …, Garnier said": a bare participle is the reporter's question, not a statement."""
    bare = token.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in token.children)
    return NO_STATEMENT if bare else None


def question_put_to(context: Context, token: Token) -> Outcome | None:
    """ "Reagan was once asked how the Cold War would end": the question was put to the subject, who did
    not ask it; whoever asked goes unnamed."""
    return NO_STATEMENT if context.lemma(token) in ASKING_VERBS and _passive(token) else None


def writers_question(context: Context, token: Token) -> Outcome | None:
    """ "We asked him what he misses": the writer's own question."""
    if context.lemma(token) == "ask" and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in token.children):
        return NO_STATEMENT
    return None


def unnamed_expectation(context: Context, token: Token) -> Outcome | None:
    """ "Wierzba is expected to stay": somebody else's expectation, unnamed."""
    return NO_STATEMENT if _passive(token) and context.lemma(token) in context.lexicon.thought_verbs else None


def request_for_self(context: Context, token: Token) -> Outcome | None:
    """ "who asked not to be named": a request about the speaker, not a statement."""
    if context.lemma(token) not in REQUEST_VERBS or any(c.dep_ in ("dobj", "dative") for c in token.children):
        return None
    passive = any(c.dep_ == "xcomp" and c.i > token.i and _passive(c) for c in token.children)
    return NO_STATEMENT if passive else None


def complement_clause(context: Context, token: Token) -> Outcome | None:
    """ "said that …": a clause after the cue is what it reports; one before it only in the inverted order."""
    clauses = sorted((c for c in token.children if c.dep_ == "ccomp"), key=lambda c: (c.i < token.i, c.i))
    return Clause(clauses[0], [token]) if clauses else None


def speech_xcomp(context: Context, token: Token) -> Outcome | None:
    """ "He said legalizing it could …": the parser's xcomp hides a clausal complement."""
    if _passive(token) or context.lemma(token) not in context.lexicon.speech_verbs:
        return None
    head = next((c for c in token.children if c.dep_ == "xcomp" and c.i > token.i
                 and any(g.dep_ in ("ccomp", "nsubj") for g in c.subtree if g.i != c.i)), None)
    return Clause(head, [token]) if head is not None else None


def infinitive(context: Context, token: Token) -> Outcome | None:
    """ "vowed to retake the city" (frames of reported.infinitive)."""
    frame = context.frames.get("reported.infinitive", context.lemma(token))
    if frame is None or _passive(token) or not subject_fits(context, frame, token):
        return None
    head = next((c for c in token.children if c.dep_ == frame.content), None)
    return Clause(head, [token]) if head is not None else None


def intention(context: Context, token: Token) -> Outcome | None:
    """ "Obama hopes to send a nominee", "Cruz seeks to energize the grass roots" (intention_verbs.txt)."""
    if context.lemma(token) not in context.lexicon.intention_verbs:
        return None
    head = intention_clause(token, context.lexicon)  # never for a passive verb
    return Clause(head, [token]) if head is not None else None


def inverted(context: Context, token: Token) -> Outcome | None:
    """ "The plan is dead, the mayor said": only when a comma (or a closing quote) separates the
    cue clause from what it reports."""
    doc, head = context.doc, token.head
    if token.dep_ not in ("parataxis", "ccomp") or head.i >= token.i:
        return None
    left = token.left_edge.i
    while left < token.i and doc[left].is_punct and doc[left].text in ",—–":
        left += 1  # the parser may hang the comma before the cue clause on the cue
    before_clause = doc[left - 1] if left > 0 else None
    if (not context.is_cue_verb(head) and _verb(head) and before_clause is not None
            and before_clause.text in INVERSION_MARKS
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)):
        return Clause(head, [token], exclude=token)
    return None


def sentence_final(context: Context, token: Token) -> Outcome | None:
    """ "The government will freeze tuition, the minister announced": the parser hung the cue on a noun."""
    if token.dep_ in ("relcl", "acl", "advcl", "conj") and token.head.i < token.i:
        return sentence_final_cue(context, token)
    return None


def that_clause_on_noun(context: Context, token: Token) -> Outcome | None:
    """ "told reporters outside the courthouse that his client …": the parser hung the that-clause
    on a noun; it still is what the cue reports."""
    head = next((t.head for t in token.subtree if t.i > token.i and t.dep_ == "mark" and t.lower_ == "that"
                 and _verb(t.head) and t.head.dep_ in ("acl", "relcl", "advcl")), None)
    return Clause(head, [token]) if head is not None else None


def interrupting(context: Context, token: Token) -> Outcome | None:
    """ "The truth, the senator said, was that …": the cue clause interrupts its content."""
    if token.dep_ in ("parataxis", "ccomp") and token.head.i > token.i:
        return parenthetical(context, token)
    return None


def direct_object(context: Context, token: Token) -> Outcome | None:
    """ "announced the arrest of a man", "denied the report" (frames of reported.object)."""
    frame = context.frames.get("reported.object", context.lemma(token))
    if frame is None or not subject_fits(context, frame, token):
        return None
    head = next((c for c in token.children if c.dep_ == frame.content and c.lower_ not in EMPTY_OBJECTS), None)
    return Clause(head, [token]) if head is not None else None


def preposition_object(context: Context, token: Token) -> Outcome | None:
    """ "called for higher taxes" (frames of reported.prep-object): the cue is the verb and the preposition."""
    for child in token.children:
        frame = context.frames.get("reported.prep-object", context.lemma(token), child.lower_)
        if child.dep_ == "prep" and frame is not None and subject_fits(context, frame, token):
            head = next((c for c in child.children if c.dep_ == frame.content), None)
            return Clause(head, [token, child]) if head is not None else None
    return None


# --- rules for the other families --------------------------------------------------------------

def cue_noun(context: Context, token: Token) -> Outcome | None:
    """ "Clinton's claim that …", "the senator's decision to …" (cue_nouns.txt)."""
    return decided(possessed_noun_statement(context, token))


def phrasal(context: Context, token: Token) -> Outcome | None:
    """ "pointed out that …", "talked about the economy" (frames of reported.phrasal)."""
    return phrasal_clause(context, token)


def finding(context: Context, token: Token) -> Outcome | None:
    """ "The inquiry found that …", "Mr. Autor and his colleagues found that …" (frames of reported.finding)."""
    head = finding_clause(context, token)
    return Clause(head, [token]) if head is not None else None


def data(context: Context, token: Token) -> Outcome | None:
    """ "A poll found …", "Instant polls showed Clinton was the winner" (frames of reported.data)."""
    frame = context.frames.get("reported.data", context.lemma(token))
    head = next((c for c in token.children if c.dep_ == frame.content), None) if frame is not None else None
    if head is not None:
        return Clause(head, [token])
    return decided(characterisation(context, token, quoted_only=False))


def judgement(context: Context, token: Token) -> Outcome | None:
    """ "Trump criticized Clinton for her emails" (frames of reported.judgement): the complements."""
    return decided(characterisation(context, token, quoted_only=False))


def light_verb(context: Context, token: Token) -> Outcome | None:
    """ "expressed hope that …", "voiced concern that …" (light_verbs.txt with a noun of cue_nouns.txt)."""
    lex = context.lexicon
    noun = next((c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.cue_nouns), None)
    if noun is None:
        return NO_STATEMENT
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and has_that(c)), None)
    if clause is None:
        clause = next((c for c in token.children if c.dep_ in ("ccomp", "advcl") and has_that(c)), None)
    if clause is None:
        return NO_STATEMENT
    return Clause(clause, [token, noun], kind=NOUN)


def characterised(context: Context, token: Token) -> Outcome | None:
    """ "He called the plan "a disaster"": an evaluative verb or a person's, with quoted complements."""
    if token.pos_ == "VERB" and (context.lemma(token) in context.lexicon.evaluative_verbs
                                 or has_human_subject(token, context.lexicon)):
        return decided(characterisation(context, token))
    return None


# The words the "any" rules that read no lemma list start from ("according to", "in a statement"); the
# others need a verb (nobody, refusal, characterisation) or a listed lemma (every family's rules).
_GATE_WORDS = frozenset({"according", "in"})

RULES: tuple[Rule, ...] = (
    Rule("reported.nobody", "any", nobody),
    Rule("reported.refusal", "any", refusal),
    Rule("reported.according", "any", according),
    Rule("reported.in-source", "any", in_phrase),
    Rule("reported.negated", "cue-verb", negated_cue),
    Rule("reported.wished-for", "cue-verb", wished),
    Rule("reported.named-act", "cue-verb", act_named),
    Rule("reported.writers-aside", "cue-verb", aside),
    Rule("reported.reporters-question", "cue-verb", reporters_question),
    Rule("reported.question-put-to", "cue-verb", question_put_to),
    Rule("reported.writers-question", "cue-verb", writers_question),
    Rule("reported.unnamed-expectation", "cue-verb", unnamed_expectation),
    Rule("reported.request-for-self", "cue-verb", request_for_self),
    Rule("reported.ccomp", "cue-verb", complement_clause),
    Rule("reported.speech-xcomp", "cue-verb", speech_xcomp),
    Rule("reported.infinitive", "cue-verb", infinitive),
    Rule("reported.intention", "cue-verb", intention),
    Rule("reported.inverted", "cue-verb", inverted),
    Rule("reported.sentence-final", "cue-verb", sentence_final),
    Rule("reported.that-on-noun", "cue-verb", that_clause_on_noun),
    Rule("reported.parenthetical", "cue-verb", interrupting),
    Rule("reported.object", "cue-verb", direct_object),
    Rule("reported.prep-object", "cue-verb", preposition_object),
    Rule("reported.cue-noun", "cue-noun", cue_noun),
    Rule("reported.intention", "intention", intention),
    Rule("reported.phrasal", "phrasal", phrasal),
    Rule("reported.finding", "finding", finding),
    Rule("reported.data", "data", data),
    Rule("reported.judgement", "judgement", judgement),
    Rule("reported.light-verb", "light-verb", light_verb),
    Rule("reported.characterisation", "any", characterised),
)


def reported_statement(context: Context, token: Token) -> Statement | None:
    """The statement a token outside quote marks cues, by the first rule of RULES that decides."""
    found = deciding_rule(context, token)[1]
    if found is None or found is NO_STATEMENT:
        return None
    if isinstance(found, Clause):
        return statement_from_clause(context, token, found.head, found.cue_tokens, found.exclude, found.kind)
    assert isinstance(found, Statement)
    return found


def deciding_rule(context: Context, token: Token) -> tuple[str | None, Outcome | None]:
    """(id of the first rule of RULES that decides, its answer) for the token; (None, None) if none does.

    The token's family is worked out only when a family's rule is reached, as the gates before
    them ("according to", "in", refusals) read every token.
    """
    if not (_verb(token) or token.lower_ in _GATE_WORDS or _may_cue(context, token)):
        return None, None  # every rule below needs one of these: most tokens of a document have none
    token_family: str | None = None
    known = False
    for rule in RULES:
        if rule.family != "any":
            if not known:
                token_family, known = family(context, token), True
            if rule.family != token_family:
                continue
        found = rule.find(context, token)
        if found is not None:
            return rule.id, found
    return None, None
