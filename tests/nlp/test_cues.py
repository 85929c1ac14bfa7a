"""Cue rules of nlp/cues/reported.py: a golden table per rule family, the rule id a column, a negative per rule.

Real text runs through the real pipeline (the session's `pipeline` fixture, loaded once); which rule
decided is asked of `deciding_rule` for the cue word. Rules whose firing depends on one parse
shape are also tested on hand-built Docs, where the parse is fixed.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from nlp.cues import RULES
from nlp.cues.component import CueFinder
from nlp.cues.context import Context
from nlp.cues.frames import Frames
from nlp.cues.reported import FAMILIES, NO_STATEMENT, Clause, deciding_rule, family, preposition_object
from nlp.extensions import STATEMENTS
from nlp.vocabulary.wordlists import lexicon

# rule id, text, cue word, (kind, content, cue) of the statement the cue word makes, or None.
GOLDEN = [
    # Rules for every token.
    ("reported.nobody", "Nobody expected the vote to pass so quickly.", "expected", None),
    ("reported.refusal", "A spokesman declined to comment on the allegations.", "declined", None),
    ("reported.according",
     "According to Chief Inspector Ravi Patel, the fire started in the kitchen of the restaurant.", "According",
     ("indirect", "the fire started in the kitchen of the restaurant", "According to")),
    ("reported.in-source", "In the latest poll, Clinton leads Trump by four points among likely voters.", "In",
     ("indirect", "Clinton leads Trump by four points among likely voters", "In")),
    # Reporting verbs: the statements they refuse ...
    ("reported.negated", "The council did not say that the budget would be cut.", "say", None),
    ("reported.wished-for", "I hope the council says that the bridge will open.", "says", None),
    ("reported.named-act", "In 1998 the Senate's vote for admitting Poland to NATO split both parties.", "admitting",
     None),
    ("reported.writers-aside", "It is worth noting that the deficit fell last year.", "noting", None),
    ("reported.reporters-question", "Asked whether the plant would close, Garnier said nothing.", "Asked", None),
    ("reported.question-put-to", "Ronald Reagan was once asked how the Cold War would end.", "asked", None),
    ("reported.writers-question", "We asked him what he misses about the old city.", "asked", None),
    ("reported.unnamed-expectation", "Wierzba is expected to stay at the club for another season.", "expected", None),
    ("reported.request-for-self", "A nurse, who asked not to be named, described the ward as chaotic.", "asked", None),
    # ... and where their content is.
    ("reported.ccomp", "Senator Maria Lopez said that the new law would protect thousands of tenants.", "said",
     ("indirect", "the new law would protect thousands of tenants", "said")),
    ("reported.ccomp", "The strike will continue until wages rise, union leader Dan Brody said.", "said",
     ("indirect", "The strike will continue until wages rise", "said")),
    ("reported.infinitive", "Police Chief Omar Haddad vowed to find the attackers within days.", "vowed",
     ("indirect", "to find the attackers within days", "vowed")),
    ("reported.intention", "Governor Lisa Marsh hopes to sign the bill before the summer recess.", "hopes",
     ("indirect", "to sign the bill before the summer recess", "hopes")),
    ("reported.inverted", "A wall would stop criminals, she said, but also the flow of drugs into the country.", "said",
     ("indirect", "A wall would stop criminals, she said, but also the flow of drugs into the country", "said")),
    ("reported.that-on-noun", "The mayor told reporters outside the courthouse that the trial would resume in May.",
     "told", ("indirect", "the trial would resume in May", "told")),
    ("reported.parenthetical", "The truth, the senator said, was that nobody had read the report before the vote.",
     "said", ("indirect", "The truth, the senator said, was that nobody had read the report before the vote", "said")),
    ("reported.object", "The ministry announced the arrest of a man in connection with the attack.", "announced",
     ("indirect", "the arrest of a man in connection with the attack", "announced")),
    # Other families of cue words.
    ("reported.cue-noun", "Clinton's claim that the emails were harmless angered her critics.", "claim",
     ("indirect", "the emails were harmless", "claim")),
    ("reported.intention", "Cruz seeks to energize the grass roots before the primary.", "seeks",
     ("indirect", "to energize the grass roots before the primary", "seeks")),
    ("reported.phrasal", "Senator Ann Lee pointed out that the deficit had doubled since 2010.", "pointed",
     ("indirect", "the deficit had doubled since 2010", "pointed out")),
    ("reported.phrasal", "Senator Ann Lee spoke of a crisis of trust in the country's institutions.", "spoke",
     ("indirect", "a crisis of trust in the country's institutions", "spoke of")),
    ("reported.finding", "Mr. Autor and his colleagues found that trade had cost millions of jobs.", "found",
     ("indirect", "trade had cost millions of jobs", "found")),
    ("reported.data", "A new poll showed Clinton was the winner of the debate.", "showed",
     ("indirect", "Clinton was the winner of the debate", "showed")),
    ("reported.data", "Instant polls showed a clear win for the challenger.", "showed",
     ("indirect", "a clear win for the challenger", "showed")),
    ("reported.judgement", "Senator Ann Lee criticized Clinton for her handling of the emails.", "criticized",
     ("indirect", "Clinton for her handling of the emails", "criticized")),
    ("reported.light-verb", "Coach Helen Byrne expressed hope that the team would reach the final next year.",
     "expressed", ("indirect", "the team would reach the final next year", "expressed hope")),
    ("reported.characterisation", 'Mayor John Reed called the plan "a disaster for the city".', "called",
     ("mixed", 'the plan "a disaster for the city"', "called")),
]

# rule id the row is a negative for, text, cue word, rule that decides instead (or None), statement or None.
NEGATIVES = [
    ("reported.nobody", "Most analysts expected that the vote would pass.", "expected", "reported.ccomp",
     ("indirect", "the vote would pass", "expected")),
    ("reported.refusal", "A spokesman declined to sign the agreement.", "declined", "reported.intention",
     ("indirect", "to sign the agreement", "declined")),
    ("reported.according", "According to him.", "According", "reported.according", None),
    # A quote with its speaker at the cue: the outlet "according to" names only reported it.
    ("reported.according", '"The campaign is in panic mode. Full panic mode," said Leslie Wimes, a council member, '
     "according to Politico.", "according", "reported.according", None),
    ("reported.in-source", "In the kitchen, the chef prepared dinner for the guests.", "In", "reported.in-source",
     None),
    # A "not" inside the quote marks is the speaker's, not a negation of the cue.
    ("reported.negated", '"We will not give up," the mayor said.', "said", "reported.ccomp",
     ("direct", "We will not give up,", "said")),
    # A wish that reports its own clause is the content of the speech verb after it.
    ("reported.wished-for", "We hope the bridge opens soon, the mayor said.", "said", "reported.ccomp",
     ("indirect", "We hope the bridge opens soon", "said")),
    # A gerund in a phrase on a verb, with the clause's subject as its own, is speech.
    ("reported.named-act", "Clinton responded by saying that the plan would fail.", "saying", "reported.ccomp",
     ("indirect", "the plan would fail", "saying")),
    ("reported.writers-aside", "The minister was quick to note that the deficit had fallen.", "note", "reported.ccomp",
     ("indirect", "the deficit had fallen", "note")),
    ("reported.reporters-question", "Garnier has asked whether the plant would close.", "asked", "reported.ccomp",
     ("indirect", "the plant would close", "asked")),
    # Asking in the active voice reports the asker's question.
    ("reported.question-put-to", "The minister asked whether taxes would rise.", "asked", "reported.ccomp",
     ("indirect", "taxes would rise", "asked")),
    ("reported.writers-question", "She asked whether the plant would close.", "asked", "reported.ccomp",
     ("indirect", "the plant would close", "asked")),
    ("reported.unnamed-expectation", "Analysts expect Wierzba to stay at the club.", "expect", "reported.ccomp",
     ("indirect", "Wierzba to stay at the club", "expect")),
    # Asking somebody else to act reports the request; only a passive infinitive of one's own is not speech.
    ("reported.request-for-self", "The mayor asked residents to conserve water this summer.", "asked",
     "reported.infinitive", ("indirect", "to conserve water this summer", "asked")),
    ("reported.ccomp", "The council said nothing about the budget.", "said", None, None),
    ("reported.infinitive", "Police Chief Omar Haddad vowed revenge.", "vowed", "reported.characterisation", None),
    ("reported.intention", "The bill seeks to lower taxes for small firms.", "seeks", None, None),
    ("reported.that-on-noun", "The mayor told reporters outside the courthouse about the trial.", "told",
     "reported.characterisation", None),
    ("reported.object", "The ministry denied it on Tuesday.", "denied", None, None),
    # "call" is not a cue verb, so reported.prep-object never reads "called for" (see test below).
    ("reported.prep-object", "The mayor called for higher taxes on second homes.", "called",
     "reported.characterisation", None),
    ("reported.cue-noun", "Trump's plan failed in the Senate last year.", "plan", "reported.cue-noun", None),
    ("reported.phrasal", "The report talked about the economy.", "talked", None, None),
    ("reported.phrasal", "Senator Ann Lee talked about the economy for an hour.", "talked", "reported.phrasal", None),
    ("reported.finding", "The team found the missing hikers near the summit.", "found", None, None),
    ("reported.data", "The poll found no clear winner.", "found", "reported.data", None),
    ("reported.judgement", "The article praised the new bridge.", "praised", "reported.characterisation", None),
    ("reported.light-verb", "Coach Helen Byrne expressed her thanks to the fans.", "expressed", "reported.light-verb",
     None),
    ("reported.characterisation", "Mayor John Reed read the report on the train.", "read", "reported.characterisation",
     None),
    ("reported.characterisation", 'She read "War and Peace" twice during the long winter.', "read",
     "reported.characterisation", None),
]


@pytest.fixture(scope="module")
def frames() -> Frames:
    return Frames.load()


def _read(pipeline, frames: Frames, text: str, word: str):
    """(id of the rule deciding for `word`, the statement cued at `word` as (kind, content, cue) or None)."""
    doc = pipeline(text)
    context = Context.of(doc, doc._.qt_quotations or [], doc._.qt_token_quotes, lexicon(), frames)
    token = next(t for t in doc if t.text == word)
    rule, _ = deciding_rule(context, token)
    cued = [(span._.qt_kind, text[slice(*span._.qt_content)], text[slice(*span._.qt_cue)])
            for span in doc.spans[STATEMENTS] if span._.qt_cue_token == token.i]
    assert len(cued) <= 1
    return rule, cued[0] if cued else None


@pytest.mark.parametrize("rule, text, word, expected", GOLDEN, ids=[f"{row[0]}:{row[2]}" for row in GOLDEN])
def test_golden_rule_decides(pipeline, frames, rule, text, word, expected):
    assert _read(pipeline, frames, text, word) == (rule, expected)


@pytest.mark.parametrize("negative_of, text, word, decided_by, expected", NEGATIVES,
                         ids=[f"{row[0]}:{row[2]}" for row in NEGATIVES])
def test_negative_per_rule(pipeline, frames, negative_of, text, word, decided_by, expected):
    assert _read(pipeline, frames, text, word) == (decided_by, expected)
    if decided_by == negative_of:
        assert expected is None  # the rule reads the word, and decides there is no statement


def test_every_rule_has_a_golden_row_and_a_negative():
    ids = {rule.id for rule in RULES}
    # reported.speech-xcomp and reported.sentence-final depend on one parse shape: hand-built below.
    assert ids - {row[0] for row in GOLDEN} == {"reported.speech-xcomp", "reported.sentence-final",
                                                "reported.prep-object"}
    assert ids - {row[0] for row in NEGATIVES} == {"reported.speech-xcomp", "reported.sentence-final",
                                                   "reported.inverted", "reported.parenthetical"}


def test_rule_ids_are_stable_and_families_known():
    assert [rule.id for rule in RULES] == [
        "reported.nobody", "reported.refusal", "reported.according", "reported.in-source",
        "reported.negated", "reported.wished-for", "reported.named-act", "reported.writers-aside",
        "reported.reporters-question", "reported.question-put-to", "reported.writers-question",
        "reported.unnamed-expectation", "reported.request-for-self",
        "reported.ccomp", "reported.speech-xcomp", "reported.infinitive",
        "reported.intention", "reported.inverted", "reported.sentence-final", "reported.that-on-noun",
        "reported.parenthetical", "reported.object", "reported.prep-object", "reported.cue-noun",
        "reported.intention", "reported.phrasal", "reported.finding", "reported.data", "reported.judgement",
        "reported.light-verb", "reported.characterisation",
    ]
    families = {name for name, _ in FAMILIES} | {"any"}
    assert all(rule.family in families for rule in RULES)


# --- hand-built parses -------------------------------------------------------------------------

_BLANK = spacy.blank("en")  # English lexical attributes (is_punct, is_alpha), no pipeline
_VOCAB = _BLANK.vocab


def _doc(words, heads, deps, tags, lemmas, pos=None, spaces=None) -> Doc:
    """A Doc with the given parse, as the quote and paragraph stages leave it (no quotations)."""
    pos = pos or ["VERB" if tag.startswith("VB") else "PUNCT" if tag in (",", ".") else
                  "PRON" if tag == "PRP" else "DET" if tag == "DT" else "NOUN" for tag in tags]
    spaces = spaces or [following not in (",", ".") for following in words[1:]] + [False]
    doc = Doc(_VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, lemmas=lemmas, pos=pos)
    doc._.qt_paragraphs = [(0, len(doc.text))]
    doc._.qt_quotations = []
    doc._.qt_token_quotes = [-1] * len(doc)
    return doc


def _statements(doc: Doc) -> list[tuple[str, str, str]]:
    CueFinder(_BLANK, "quotetrail_cues")(doc)
    return [(span._.qt_kind, doc.text[slice(*span._.qt_content)], doc.text[slice(*span._.qt_cue)])
            for span in doc.spans[STATEMENTS]]


def _context(doc: Doc) -> Context:
    return Context.of(doc, [], [-1] * len(doc), lexicon(), Frames.load())


def _sentence_final(comma: bool, determiner: str = "the") -> Doc:
    # "The government will freeze tuition, the minister announced.": the parser hung the cue clause
    # on the last noun (relcl), so no rule of the verb's own clause finds the content.
    words = ["The", "government", "will", "freeze", "tuition", ",", determiner, "minister", "announced", "."]
    heads = [1, 3, 3, 3, 3, 4, 7, 8, 4, 3]
    deps = ["det", "nsubj", "aux", "ROOT", "dobj", "punct", "det", "nsubj", "relcl", "punct"]
    tags = ["DT", "NN", "MD", "VB", "NN", ",", "DT", "NN", "VBD", "."]
    lemmas = ["the", "government", "will", "freeze", "tuition", ",", determiner, "minister", "announce", "."]
    if not comma:
        words[5], tags[5], lemmas[5], deps[5] = "now", "RB", "now", "advmod"
    return _doc(words, heads, deps, tags, lemmas)


def test_sentence_final_cue_clause_hung_on_a_noun():
    doc = _sentence_final(comma=True)
    assert deciding_rule(_context(doc), doc[8])[0] == "reported.sentence-final"
    assert _statements(doc) == [("indirect", "The government will freeze tuition", "announced")]


def test_sentence_final_needs_the_comma():
    doc = _sentence_final(comma=False)
    assert deciding_rule(_context(doc), doc[8])[0] != "reported.sentence-final"
    assert _statements(doc) == []


def _speech_xcomp(passive: bool) -> Doc:
    # "He said legalizing it could raise millions.": the parser made the clause an xcomp of "said".
    words = ["He", "said", "legalizing", "it", "could", "raise", "millions", "."]
    heads = [1, 1, 1, 2, 5, 2, 5, 1]
    deps = ["nsubj", "ROOT", "xcomp", "dobj", "aux", "ccomp", "dobj", "punct"]
    tags = ["PRP", "VBD", "VBG", "PRP", "MD", "VB", "NNS", "."]
    lemmas = ["he", "say", "legalize", "it", "could", "raise", "million", "."]
    if passive:
        # "He was said legalizing …": a passive cue never takes an xcomp for its content.
        words[0:1], heads, deps = ["He", "was"], [2, 2, 2, 2, 3, 6, 3, 6, 2], \
            ["nsubjpass", "auxpass", "ROOT", "xcomp", "dobj", "aux", "ccomp", "dobj", "punct"]
        tags[0:1], lemmas[0:1] = ["PRP", "VBD"], ["he", "be"]
    return _doc(words, heads, deps, tags, lemmas)


def test_speech_verb_with_a_clause_behind_an_xcomp():
    doc = _speech_xcomp(passive=False)
    assert deciding_rule(_context(doc), doc[1])[0] == "reported.speech-xcomp"
    assert _statements(doc) == [("indirect", "legalizing it could raise millions", "said")]


def test_speech_xcomp_not_for_a_passive_cue():
    doc = _speech_xcomp(passive=True)
    assert deciding_rule(_context(doc), doc[2])[0] != "reported.speech-xcomp"
    assert _statements(doc) == []


def _inverted(comma: bool) -> Doc:
    # "The plan is dead, the mayor said": the cue clause is a parataxis of the clause it reports.
    words = ["The", "plan", "is", "dead", ",", "the", "mayor", "said", "."]
    heads = [1, 2, 2, 2, 7, 6, 7, 2, 2]
    deps = ["det", "nsubj", "ROOT", "acomp", "punct", "det", "nsubj", "parataxis", "punct"]
    tags = ["DT", "NN", "VBZ", "JJ", ",", "DT", "NN", "VBD", "."]
    lemmas = ["the", "plan", "be", "dead", ",", "the", "mayor", "say", "."]
    pos = ["DET", "NOUN", "AUX", "ADJ", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
    if not comma:
        words[4], tags[4], lemmas[4], deps[4], pos[4], heads[4] = "and", "CC", "and", "cc", "CCONJ", 2
    return _doc(words, heads, deps, tags, lemmas, pos=pos)


def test_inverted_cue_clause_after_a_comma():
    doc = _inverted(comma=True)
    assert deciding_rule(_context(doc), doc[7])[0] == "reported.inverted"
    assert _statements(doc) == [("indirect", "The plan is dead", "said")]


def test_inverted_needs_a_separating_mark():
    doc = _inverted(comma=False)
    assert deciding_rule(_context(doc), doc[7])[0] != "reported.inverted"
    assert _statements(doc) == []


def _parenthetical(commas: bool) -> Doc:
    # "The truth, the senator said, was plain to everyone": the cue clause interrupts its content.
    words = ["The", "truth", ",", "the", "senator", "said", ",", "was", "plain", "to", "everyone", "."]
    heads = [1, 7, 5, 4, 5, 7, 5, 7, 7, 8, 9, 7]
    deps = ["det", "nsubj", "punct", "det", "nsubj", "parataxis", "punct", "ROOT", "acomp", "prep", "pobj", "punct"]
    tags = ["DT", "NN", ",", "DT", "NN", "VBD", ",", "VBD", "JJ", "IN", "NN", "."]
    lemmas = ["the", "truth", ",", "the", "senator", "say", ",", "be", "plain", "to", "everyone", "."]
    pos = ["DET", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT", "AUX", "ADJ", "ADP", "PRON", "PUNCT"]
    if not commas:
        words[6], tags[6], lemmas[6], deps[6], pos[6] = "then", "RB", "then", "advmod", "ADV"
    return _doc(words, heads, deps, tags, lemmas, pos=pos)


def test_parenthetical_cue_clause_between_commas():
    doc = _parenthetical(commas=True)
    assert deciding_rule(_context(doc), doc[5])[0] == "reported.parenthetical"
    assert _statements(doc) == [("indirect", "The truth, the senator said, was plain to everyone", "said")]


def test_parenthetical_needs_both_commas():
    doc = _parenthetical(commas=False)
    assert deciding_rule(_context(doc), doc[5])[0] != "reported.parenthetical"


def test_prep_object_frame_is_read_when_the_verb_is_reached():
    # "The mayor called for higher taxes": the frame (call, for, pobj) is in cue_frames.txt, but
    # "call" is not in cue_verbs.txt, so the rule is never reached in the pipeline (see NEGATIVES).
    words = ["The", "mayor", "called", "for", "higher", "taxes", "."]
    heads = [1, 2, 2, 2, 5, 3, 2]
    deps = ["det", "nsubj", "ROOT", "prep", "amod", "pobj", "punct"]
    tags = ["DT", "NN", "VBD", "IN", "JJR", "NNS", "."]
    lemmas = ["the", "mayor", "call", "for", "high", "tax", "."]
    doc = _doc(words, heads, deps, tags, lemmas)
    context = _context(doc)
    assert family(context, doc[2]) is None
    found = preposition_object(context, doc[2])
    assert isinstance(found, Clause)
    assert (found.head.text, [t.text for t in found.cue_tokens]) == ("taxes", ["called", "for"])


def test_a_stop_rule_answers_no_statement():
    # "The government will freeze tuition, no minister announced": nobody is the source.
    doc = _sentence_final(comma=True, determiner="no")
    assert deciding_rule(_context(doc), doc[8]) == ("reported.nobody", NO_STATEMENT)
    assert _statements(doc) == []


def _hope_beside(own_clause: bool) -> Doc:
    # "I hope America says it is over.": the parser may hang the speech verb beside the wish (parataxis).
    # With `own_clause`, "I hope it rains, America says.": the wish reports a clause of its own.
    if own_clause:
        words = ["I", "hope", "it", "rains", ",", "America", "says", "."]
        heads = [1, 1, 3, 1, 6, 6, 1, 1]
        deps = ["nsubj", "ROOT", "nsubj", "ccomp", "punct", "nsubj", "parataxis", "punct"]
        tags = ["PRP", "VBP", "PRP", "VBZ", ",", "NNP", "VBZ", "."]
        lemmas = ["I", "hope", "it", "rain", ",", "America", "say", "."]
    else:
        words = ["I", "hope", "America", "says", "it", "is", "over", "."]
        heads = [1, 1, 3, 1, 5, 3, 5, 1]
        deps = ["nsubj", "ROOT", "nsubj", "parataxis", "nsubj", "ccomp", "acomp", "punct"]
        tags = ["PRP", "VBP", "NNP", "VBZ", "PRP", "VBZ", "JJ", "."]
        lemmas = ["I", "hope", "America", "say", "it", "be", "over", "."]
    return _doc(words, heads, deps, tags, lemmas)


def test_speech_hung_beside_a_wish_is_wished_for():
    doc = _hope_beside(own_clause=False)
    assert deciding_rule(_context(doc), doc[3])[0] == "reported.wished-for"


def test_a_wish_with_its_own_clause_leaves_the_speech_verb_beside_it():
    doc = _hope_beside(own_clause=True)
    assert deciding_rule(_context(doc), doc[6])[0] != "reported.wished-for"
