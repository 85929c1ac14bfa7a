"""Parse-dependent speaker rules on hand-built Docs (so a parser update cannot hide a broken rule)."""
from __future__ import annotations

from spacy.tokens import Doc

from nlp.speakers import mention_range, subject_of


def build(pipeline, words, heads, deps, pos=None, ents=None):
    doc = Doc(pipeline.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    return doc


def test_subject_of_climbs_from_adding_to_the_verb_with_a_subject(pipeline):
    #            0      1       2   3       4      5      6      7
    words = ["Smith", "said", ",", "adding", "that", "it", "was", "over"]
    heads = [1, 1, 1, 1, 6, 6, 3, 6]
    deps = ["nsubj", "ROOT", "punct", "advcl", "mark", "nsubj", "ccomp", "acomp"]
    doc = build(pipeline, words, heads, deps)
    subject, how = subject_of(doc[3])
    assert subject is not None and subject.text == "Smith" and "said" in how


def test_subject_of_climbs_through_was_quoted_as_saying(pipeline):
    words = ["Jensen", "was", "quoted", "as", "saying", "it", "was", "open"]
    heads = [2, 2, 2, 2, 3, 6, 4, 6]
    deps = ["nsubjpass", "auxpass", "ROOT", "prep", "pcomp", "nsubj", "ccomp", "acomp"]
    doc = build(pipeline, words, heads, deps)
    subject, _ = subject_of(doc[4])
    assert subject is not None and subject.text == "Jensen"


def test_a_subject_inside_the_quote_is_never_the_speaker(pipeline):
    # '"Russia is to blame," Putin said' where the parser hung the quote's subject on "said".
    words = ['"', "Russia", "is", "to", "blame", ",", '"', "Putin", "said"]
    heads = [8, 8, 8, 4, 2, 8, 8, 8, 8]
    deps = ["punct", "nsubj", "ccomp", "aux", "xcomp", "punct", "punct", "npadvmod", "ROOT"]
    pos = ["PUNCT", "PROPN", "AUX", "PART", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB"]
    doc = build(pipeline, words, heads, deps, pos=pos)
    quoted = [0, 0, 0, 0, 0, 0, 0, -1, -1]
    subject, how = subject_of(doc[8], quoted)
    assert subject is not None and subject.text == "Putin" and "'said'" in how


def test_a_dateline_subject_hands_over_to_its_appositive(pipeline):
    words = ["WASHINGTON", "--", "President", "Obama", "said", "it", "works"]
    heads = [4, 0, 3, 0, 4, 6, 4]
    deps = ["nsubj", "punct", "compound", "appos", "ROOT", "nsubj", "ccomp"]
    doc = build(pipeline, words, heads, deps, ents=["B-GPE", "O", "O", "B-PERSON", "O", "O", "O"])
    subject, _ = subject_of(doc[4])
    assert subject is not None and subject.text == "Obama"


def test_mention_range_leaves_out_appositives_and_relative_clauses(pipeline):
    words = ["Hugh", "Hill", ",", "a", "doctor", ",", "said", "it"]
    heads = [1, 6, 1, 4, 1, 1, 6, 6]
    deps = ["compound", "nsubj", "punct", "det", "appos", "punct", "ROOT", "dobj"]
    doc = build(pipeline, words, heads, deps)
    start, end = mention_range(doc[1])
    assert doc[start:end].text == "Hugh Hill"


def test_the_stage_declares_what_it_reads_and_writes(pipeline):
    meta = pipeline.get_pipe_meta("quotetrail_speakers")
    assert {"span._.qt_mention", "span._.qt_mention_title", "span._.qt_attribution", "doc.spans"} == set(meta.assigns)
    assert {"span._.qt_cue", "doc._.qt_token_quotes", "token.dep"} <= set(meta.requires)
    assert not pipeline.analyze_pipes()["problems"]["quotetrail_speakers"]


def test_a_role_noun_next_to_a_cue_without_subject_is_the_mention(pipeline):
    # The parser gave "said" no subject and hung "spokeswoman" on it as an object.
    #            0     1           2      3
    words = ["said", "the", "spokeswoman", "."]
    doc = build(pipeline, words, heads=[0, 2, 0, 0], deps=["ROOT", "det", "dobj", "punct"],
                pos=["VERB", "DET", "NOUN", "PUNCT"])
    for token, lemma in zip(doc, ["say", "the", "spokeswoman", "."], strict=True):
        token.lemma_ = lemma
    subject, how = subject_of(doc[0])
    assert subject is not None and subject.text == "spokeswoman" and how == "next to 'said'"


def _appositive_with_place(pipeline, name_label):
    # "On Monday, Jo Ware, a spokesman in Baghdad, said": the parser gave "said" no subject and hung the
    # name on the date, as it did in a PolNeAR article.
    #        0     1         2    3     4       5    6    7            8     9          10   11
    words = ["On", "Monday", ",", "Jo", "Ware", ",", "a", "spokesman", "in", "Baghdad", ",", "said"]
    doc = build(pipeline, words, heads=[11, 0, 11, 4, 1, 4, 7, 4, 7, 8, 11, 11],
                deps=["prep", "pobj", "punct", "compound", "appos", "punct", "det", "appos", "prep", "pobj", "punct",
                      "ROOT"],
                pos=["ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PUNCT",
                     "VERB"],
                ents=["O", "B-DATE", "O", f"B-{name_label}", f"I-{name_label}", "O", "O", "O", "O", "B-GPE", "O", "O"])
    for token in doc:
        token.lemma_ = "say" if token.text == "said" else token.lower_
    return subject_of(doc[11])


def test_a_place_closing_an_appositive_hands_over_to_the_person_described(pipeline):
    subject, how = _appositive_with_place(pipeline, "PERSON")
    assert subject is not None and subject.text == "Ware" and how == "next to 'said'"


def test_a_place_closing_an_appositive_of_no_person_stays_the_mention(pipeline):
    subject, _ = _appositive_with_place(pipeline, "ORG")
    assert subject is not None and subject.text == "Baghdad"


def _phrase_with_place(pipeline, name_label):
    # "as Eric Garner, gasping on a sidewalk in Staten Island, said" as the parser read it in a PolNeAR
    # article: "said" a conjunct with no subject, the participle hung elsewhere, the place next to the cue.
    #        0     1       2         3    4          5     6    7           8     9         10       11   12
    words = ["as", "Eric", "Garner", ",", "gasping", "on", "a", "sidewalk", "in", "Staten", "Island", ",", "said"]
    doc = build(pipeline, words, heads=[12, 2, 0, 12, 12, 4, 7, 5, 7, 10, 8, 12, 12],
                deps=["prep", "compound", "pobj", "punct", "advcl", "prep", "det", "pobj", "prep", "compound", "pobj",
                      "punct", "ROOT"],
                pos=["ADP", "PROPN", "PROPN", "PUNCT", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT",
                     "VERB"],
                ents=["O", f"B-{name_label}", f"I-{name_label}", "O", "O", "O", "O", "O", "O", "B-GPE", "I-GPE", "O",
                      "O"])
    for token in doc:
        token.lemma_ = "say" if token.text == "said" else token.lower_
    return subject_of(doc[12])


def test_a_place_closing_a_phrase_set_off_by_commas_hands_over_to_the_person_before_it(pipeline):
    subject, how = _phrase_with_place(pipeline, "PERSON")
    assert subject is not None and subject.text == "Garner" and how.startswith("name before the phrase")


def test_a_place_closing_a_phrase_after_no_person_stays_the_mention(pipeline):
    subject, how = _phrase_with_place(pipeline, "ORG")
    assert subject is not None and subject.text == "Island" and how == "next to 'said'"


# "De Blasio, speaking on the radio, called Trump a blowhard and said …" as the parser read it:
# "called" a participle (acl) modifying "Blasio", with "Trump" as its complement.
PARTICIPLE_WORDS = ["De", "Blasio", ",", "speaking", "on", "radio", ",", "called", "Trump", "a", "blowhard", "and",
                    "said", "so"]
PARTICIPLE_HEADS = [1, 12, 1, 1, 3, 4, 1, 1, 7, 10, 8, 12, 12, 12]
PARTICIPLE_DEPS = ["compound", "nsubj", "punct", "acl", "prep", "pobj", "punct", "acl", "oprd", "det", "dobj", "cc",
                   "ROOT", "advmod"]

PARTICIPLE_POS = ["PROPN", "PROPN", "PUNCT", "VERB", "ADP", "NOUN", "PUNCT", "VERB", "PROPN", "DET", "NOUN", "CCONJ",
                  "VERB", "ADV"]


def test_a_person_the_parser_hung_a_reporting_participle_on_is_its_subject(pipeline):
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 6 + ["B-PERSON"] + ["O"] * 5
    doc = build(pipeline, PARTICIPLE_WORDS, PARTICIPLE_HEADS, PARTICIPLE_DEPS, ents=ents)
    subject, how = subject_of(doc[7])
    assert subject is not None and subject.text == "Blasio" and "hung" in how


def test_an_unlabelled_proper_noun_subject_the_parser_hung_a_participle_on_is_its_subject(pipeline):
    doc = build(pipeline, PARTICIPLE_WORDS, PARTICIPLE_HEADS, PARTICIPLE_DEPS, pos=PARTICIPLE_POS)
    subject, _ = subject_of(doc[7])
    assert subject is not None and subject.text == "Blasio"


def test_a_participle_on_a_name_that_is_no_person_is_left_to_the_other_rules(pipeline):
    # The same parse with "De Blasio" a place: "Paris, called the city of light, …" names no speaker.
    ents = ["B-GPE", "I-GPE"] + ["O"] * 6 + ["B-PERSON"] + ["O"] * 5
    doc = build(pipeline, PARTICIPLE_WORDS, PARTICIPLE_HEADS, PARTICIPLE_DEPS, pos=PARTICIPLE_POS, ents=ents)
    subject, how = subject_of(doc[7])
    assert subject is None or subject.text != "Blasio"


def _dated_phrase(pipeline, preposition):
    #        0       1       2      3           4          5
    words = ["The", "mayor", preposition, "Tuesday", "rejected", "it"]
    heads = [1, 4, 1, 2, 4, 4]
    deps = ["det", "nsubj", "prep", "pobj", "ROOT", "dobj"]
    ents = ["O", "O", "O", "B-DATE", "O", "O"]
    return build(pipeline, words, heads, deps, ents=ents)


def test_mention_range_leaves_out_when_the_source_spoke(pipeline):
    doc = _dated_phrase(pipeline, "on")
    start, end = mention_range(doc[1])
    assert doc[start:end].text == "The mayor"


def test_mention_range_keeps_a_date_that_names_the_source(pipeline):
    # "The report of January …": the date tells which report.
    doc = _dated_phrase(pipeline, "of")
    start, end = mention_range(doc[1])
    assert doc[start:end].text == "The mayor of Tuesday"
