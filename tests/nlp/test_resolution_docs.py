"""Parse-dependent resolution rules on hand-built Docs: the parse is given, so only the rule is under test.

Each Doc is built from (word, head, dep, pos) rows and entity tags, with one statement span whose
mention (or none, for a quote without a cue) is given; the resolution component runs on it alone.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from nlp.extensions import STATEMENTS

TAGS = {"PROPN": "NNP", "NOUN": "NN", "PRON": "PRP", "VERB": "VBD", "DET": "DT", "PUNCT": ".", "ADJ": "JJ",
        "CCONJ": "CC", "AUX": "VBZ", "PART": "POS"}


@pytest.fixture(scope="module")
def resolver(pipeline):
    return pipeline.get_pipe("quotetrail_resolution")


@pytest.fixture(scope="module")
def vocab(pipeline):
    return pipeline.vocab


def _doc(vocab, rows, ents, *, statement, mention, cue=None):
    """A parsed Doc from (word, head, dep, pos) rows, with one statement over tokens `statement`
    (start, end) whose mention is tokens `mention` (start, end) or None."""
    words = [row[0] for row in rows]
    doc = Doc(vocab, words=words, spaces=[i + 1 < len(words) and words[i + 1] not in ".,'" for i in range(len(words))],
              heads=[row[1] for row in rows], deps=[row[2] for row in rows], pos=[row[3] for row in rows],
              tags=[TAGS[row[3]] for row in rows], lemmas=[row[0].lower() for row in rows], ents=ents)
    doc._.qt_paragraphs = [(0, len(doc.text))]
    doc._.qt_token_quotes = [-1] * len(doc)
    span = Span(doc, *statement)
    span._.qt_content = (span.start_char, span.end_char)
    span._.qt_cue_kind = None if cue is None else "verb"
    span._.qt_cue_token = cue
    if mention is not None:
        named = doc[mention[0]:mention[1]]
        span._.qt_mention = (named.start_char, named.end_char)
    doc.spans[STATEMENTS] = [span]
    return doc


def _resolved(doc):
    statement = doc.spans[STATEMENTS][0]
    return statement._.qt_resolution_rule, statement._.qt_speaker


# "Guests included Jon Pell and Stevie Wonder, who joked .": the parser hangs the relative clause
# on the list's head (Pell); the writer means the item it follows.
LIST_WITH_RELATIVE = [
    ("Guests", 1, "nsubj", "NOUN"), ("included", 1, "ROOT", "VERB"), ("Jon", 3, "compound", "PROPN"),
    ("Pell", 1, "dobj", "PROPN"), ("and", 3, "cc", "CCONJ"), ("Stevie", 6, "compound", "PROPN"),
    ("Wonder", 3, "conj", "PROPN"), (",", 3, "punct", "PUNCT"), ("who", 9, "nsubj", "PRON"),
    ("joked", 3, "relcl", "VERB"), (".", 1, "punct", "PUNCT"),
]
LIST_ENTITIES = ["O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"]


def test_a_relative_pronoun_after_a_list_is_its_nearest_item(resolver, vocab):
    doc = _doc(vocab, LIST_WITH_RELATIVE, LIST_ENTITIES, statement=(8, 10), mention=(8, 9), cue=9)
    assert _resolved(resolver(doc)) == ("pronoun.relative", "Stevie Wonder")


def test_a_who_that_heads_no_relative_clause_is_no_relative_pronoun(resolver, vocab):
    rows = [("Who", 1, "nsubj", "PRON"), ("joked", 1, "ROOT", "VERB"), (".", 1, "punct", "PUNCT")]
    doc = _doc(vocab, rows, ["O"] * 3, statement=(0, 2), mention=(0, 1), cue=1)
    assert _resolved(resolver(doc)) == ("description.as_written", None)


# "Anna Kowalski spoke . The bridge is safe .": the quote without a cue takes the subject before it.
SUBJECT_THEN_QUOTE = [
    ("Anna", 1, "compound", "PROPN"), ("Kowalski", 2, "nsubj", "PROPN"), ("spoke", 2, "ROOT", "VERB"),
    (".", 2, "punct", "PUNCT"), ("The", 5, "det", "DET"), ("bridge", 6, "nsubj", "NOUN"), ("is", 6, "ROOT", "AUX"),
    ("safe", 6, "acomp", "ADJ"), (".", 6, "punct", "PUNCT"),
]


def test_a_quote_without_a_cue_takes_the_person_subject_of_the_sentence_before_as_its_mention(resolver, vocab):
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 7
    doc = _doc(vocab, SUBJECT_THEN_QUOTE, ents, statement=(4, 9), mention=None)
    resolver(doc)
    assert _resolved(doc) == ("neighbour.previous_sentence", "Anna Kowalski")
    statement = doc.spans[STATEMENTS][0]
    assert doc.text[slice(*statement._.qt_mention)] == "Anna Kowalski"


def test_a_subject_that_is_no_person_gives_a_quote_without_a_cue_no_speaker(resolver, vocab):
    doc = _doc(vocab, SUBJECT_THEN_QUOTE, ["O"] * 9, statement=(4, 9), mention=None)
    assert _resolved(resolver(doc)) == ("neighbour.none", None)
    assert doc.spans[STATEMENTS][0]._.qt_mention is None


# "The spokeswoman , Maria Zakharova , spoke . The spokeswoman said .": a role whose holder the
# first sentence names in apposition.
APPOSITION_THEN_ROLE = [
    ("The", 1, "det", "DET"), ("spokeswoman", 6, "nsubj", "NOUN"), (",", 1, "punct", "PUNCT"),
    ("Maria", 4, "compound", "PROPN"), ("Zakharova", 1, "appos", "PROPN"), (",", 1, "punct", "PUNCT"),
    ("spoke", 6, "ROOT", "VERB"), (".", 6, "punct", "PUNCT"), ("The", 9, "det", "DET"),
    ("spokeswoman", 10, "nsubj", "NOUN"), ("said", 10, "ROOT", "VERB"), (".", 10, "punct", "PUNCT"),
]


def test_a_role_goes_to_the_person_its_title_was_given_to_in_apposition(resolver, vocab):
    ents = ["O", "O", "O", "B-PERSON", "I-PERSON"] + ["O"] * 7
    doc = _doc(vocab, APPOSITION_THEN_ROLE, ents, statement=(8, 12), mention=(8, 10), cue=10)
    assert _resolved(resolver(doc)) == ("role.title_match", "Maria Zakharova")


def test_without_the_apposition_the_role_stays_unresolved(resolver, vocab):
    rows = [row if row[2] != "appos" else (row[0], 6, "npadvmod", row[3]) for row in APPOSITION_THEN_ROLE]
    ents = ["O", "O", "O", "B-PERSON", "I-PERSON"] + ["O"] * 7
    doc = _doc(vocab, rows, ents, statement=(8, 12), mention=(8, 10), cue=10)
    rule, speaker = _resolved(resolver(doc))
    assert rule == "role.unresolved" and speaker != "Maria Zakharova"  # the role as written



# "Kev Jones 's wife said .": the owner named in the phrase is not who speaks.
OWNER_OF_A_ROLE = [
    ("Kev", 1, "compound", "PROPN"), ("Jones", 3, "poss", "PROPN"), ("'s", 1, "case", "PART"),
    ("wife", 4, "nsubj", "NOUN"), ("said", 4, "ROOT", "VERB"), (".", 4, "punct", "PUNCT"),
]
OWNER_ENTITIES = ["B-PERSON", "I-PERSON", "O", "O", "O", "O"]


def test_the_possessor_of_a_role_is_not_the_speaker(resolver, vocab):
    doc = _doc(vocab, OWNER_OF_A_ROLE, OWNER_ENTITIES, statement=(0, 6), mention=(0, 4), cue=4)
    assert _resolved(resolver(doc)) == ("role.unresolved", "Kev Jones 's wife")  # hand-built tokens, spaced


def test_a_name_qualifying_a_common_noun_is_not_the_speaker(resolver, vocab):
    # "Kev Jones supporters said": the name only says whose supporters; the description speaks.
    rows = [("Kev", 1, "compound", "PROPN"), ("Jones", 2, "compound", "PROPN"), ("supporters", 3, "nsubj", "NOUN"),
            ("said", 3, "ROOT", "VERB"), (".", 3, "punct", "PUNCT")]
    doc = _doc(vocab, rows, ["B-PERSON", "I-PERSON", "O", "O", "O"], statement=(0, 5), mention=(0, 3), cue=3)
    doc[2].tag_ = "NNS"
    assert _resolved(resolver(doc)) == ("group.description", "Kev Jones supporters")


def test_a_name_in_apposition_to_a_common_noun_is_the_speaker(resolver, vocab):
    # "The teenager, Kev Jones, said": the appositive names the one the noun describes.
    rows = [("The", 1, "det", "DET"), ("teenager", 6, "nsubj", "NOUN"), (",", 1, "punct", "PUNCT"),
            ("Kev", 4, "compound", "PROPN"), ("Jones", 1, "appos", "PROPN"), (",", 1, "punct", "PUNCT"),
            ("said", 6, "ROOT", "VERB"), (".", 6, "punct", "PUNCT")]
    ents = ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"]
    doc = _doc(vocab, rows, ents, statement=(0, 8), mention=(0, 5), cue=6)
    assert _resolved(resolver(doc)) == ("name.full", "Kev Jones")


# "Joaquim dos Santos Silva has captained a tug . The skipper said it was low .": the parser makes "dos" a clausal
# subject and leaves the verb without a subject of its own; the name opening the sentence is who it is about.
SUBJECTLESS_VERB_THEN_ROLE = [
    ("Joaquim", 1, "compound", "PROPN"), ("dos", 5, "csubj", "PROPN"), ("Santos", 3, "compound", "PROPN"),
    ("Silva", 1, "appos", "PROPN"), ("has", 5, "aux", "AUX"), ("captained", 5, "ROOT", "VERB"),
    ("a", 7, "det", "DET"), ("tug", 5, "dobj", "NOUN"), (".", 5, "punct", "PUNCT"),
    ("The", 10, "det", "DET"), ("skipper", 11, "nsubj", "NOUN"), ("said", 11, "ROOT", "VERB"),
    ("it", 13, "nsubj", "PRON"), ("was", 11, "ccomp", "AUX"), ("low", 13, "acomp", "ADJ"), (".", 11, "punct", "PUNCT"),
]


def test_a_name_opening_a_sentence_whose_verb_has_no_subject_is_who_the_next_description_is(resolver, vocab):
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON"] + ["O"] * 12
    doc = _doc(vocab, SUBJECTLESS_VERB_THEN_ROLE, ents, statement=(12, 16), mention=(9, 11), cue=11)
    assert _resolved(resolver(doc)) == ("role.previous_subject", "Joaquim dos Santos Silva")


def test_a_sentence_opening_with_no_name_gives_the_next_description_nobody(resolver, vocab):
    doc = _doc(vocab, SUBJECTLESS_VERB_THEN_ROLE, ["O"] * 16, statement=(12, 16), mention=(9, 11), cue=11)
    assert _resolved(resolver(doc))[0] != "role.previous_subject"
