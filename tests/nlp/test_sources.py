"""nlp/sources.py: the kind of source a token names, and the evidence, on hand-built Docs."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from nlp.sources import (
    DATA_SOURCE_LEMMA,
    DOCUMENT_LEMMA,
    GENDERED_PRONOUN,
    GROUP_LEMMA,
    GROUP_WORD,
    HONORIFIC,
    ORG_LABEL,
    ORGANISATION_ENTITY,
    PERSON_ENTITY,
    PERSONAL_PRONOUN,
    POSSESSIVE_PRONOUN,
    ROLE_LEMMA,
    ROLE_WORD,
    source_kind,
)
from nlp.vocabulary.wordlists import lexicon

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case) without a model


def token(word: str, lemma: str | None = None, entity: str = "O"):
    doc = Doc(VOCAB, words=[word], ents=[entity])
    doc[0].lemma_ = lemma or word.lower()
    return doc[0]


@pytest.mark.parametrize(("word", "lemma", "entity", "kind", "evidence"), [
    ("Smith", None, "B-PERSON", "person", {PERSON_ENTITY}),
    ("she", None, "O", "person", {PERSONAL_PRONOUN, GENDERED_PRONOUN}),
    ("him", None, "O", "none", {GENDERED_PRONOUN}),
    ("spokeswoman", None, "O", "person", {ROLE_WORD, ROLE_LEMMA}),
    ("ministers", "minister", "O", "person", {ROLE_LEMMA}),
    ("officials", "official", "O", "group", {GROUP_LEMMA, GROUP_WORD, ROLE_LEMMA}),  # in both lists: the group wins
    # in both lists: the document wins; a report is a data source too ("a report found that …")
    ("report", None, "O", "document", {DOCUMENT_LEMMA, GROUP_LEMMA, GROUP_WORD, DATA_SOURCE_LEMMA}),
    ("Hon", "hon", "O", "none", {HONORIFIC}),  # evidence only: an honorific that is no role noun
    # "Mr" as British style writes it reads as "Mr.": an honorific, and a role noun that says a gender.
    ("Mr", "mr", "O", "person", {HONORIFIC, ROLE_WORD, ROLE_LEMMA}),
    ("census", None, "O", "none", {DATA_SOURCE_LEMMA}),  # evidence only: the kind does not read it
    ("tweet", None, "O", "document", {DOCUMENT_LEMMA}),
    ("Reuters", None, "B-ORG", "organisation", {ORGANISATION_ENTITY, ORG_LABEL}),
    ("Germans", None, "B-NORP", "organisation", {ORGANISATION_ENTITY}),
    ("his", None, "O", "none", {POSSESSIVE_PRONOUN, GENDERED_PRONOUN}),
    ("weather", None, "O", "none", set()),
])
def test_kind_and_evidence(word, lemma, entity, kind, evidence):
    found = source_kind(token(word, lemma, entity), lexicon())
    assert found.kind == kind and found.evidence == evidence


def test_a_role_noun_the_ner_calls_an_organisation_is_still_a_person():
    found = source_kind(token("minister", entity="B-ORG"), lexicon())
    assert found.kind == "person" and found.has(ORGANISATION_ENTITY) and found.has(ROLE_WORD)
    assert found.reasons == "org-label, organisation-entity, role-lemma, role-word"


def test_no_evidence_reads_as_such():
    assert source_kind(token("weather"), lexicon()).reasons == "no evidence"
