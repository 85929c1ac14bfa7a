"""nlp/evaluation/speakers.py: when a predicted speaker names the annotated source, one table per comparison rule."""
from __future__ import annotations

import pytest

from nlp.evaluation import SourceAnnotation, head_noun, is_acronym_of, organisations_match, speaker_named_right


def right(gold: str | None, gold_type: str | None, predicted: str | None, predicted_type: str | None = None) -> bool:
    return speaker_named_right(SourceAnnotation(gold, gold_type), predicted, predicted_type)


# (gold speaker, gold type, predicted speaker, predicted type, named right): a negative beside each positive.
@pytest.mark.parametrize(
    ("rule", "gold", "gold_type", "predicted", "predicted_type", "expected"),
    [
        # persons: by name, as the resolved-name comparison does; the predicted type is not needed
        ("person", "Donald Trump", "person", "Donald J. Trump", None, True),
        ("person", "Donald Trump", "person", "Donald Trump", "person", True),
        ("person", "Donald Trump", "person", "Trump", "person", False),
        ("person", "Gordon Teale", "person", "document of Gordon Teale", "document", False),
        ("person", "Obama", "person", "document of Obama", "document", False),
        # organisations: case, "the", dots of an acronym, acronym against expansion either way
        ("organisation", "National Transportation Safety Board", "organisation", "the national transportation "
         "safety board", "organisation", True),
        ("organisation", "National Transportation Safety Board", "organisation", "NTSB", None, True),
        ("organisation", "NTSB", "organisation", "National Transportation Safety Board", "organisation", True),
        ("organisation", "Securities and Exchange Commission", "organisation", "The S.E.C.", None, True),
        ("organisation", "International Monetary Fund", "organisation", "IMF", None, True),
        ("organisation", "International Monetary Fund", "organisation", "World Bank", None, False),
        ("organisation", "National Transportation Safety Board", "organisation", "NTS", None, False),
        ("organisation", "Northline Logistics", "organisation", "Northline", None, False),  # a partial name
        # groups and unnamed individuals: the same type and the same head noun
        ("group", "Two officials at the finance ministry", "group", "officials", "group", True),
        ("group", "Residents of Jawahar Nagar", "group", "the residents", "group", True),
        ("group", "Residents of Jawahar Nagar", "group", "the residents", None, False),  # no type
        ("group", "Residents of Jawahar Nagar", "group", "Jawahar Nagar", "group", False),
        ("group", "top black lawmakers", "group", "lawmakers", "unnamed", False),
        ("unnamed", "A spokesperson for the port authority", "unnamed", "the spokesperson", "unnamed", True),
        ("unnamed", "a council spokesman", "unnamed", "spokesmen", "unnamed", True),
        ("unnamed", "A spokesperson for the port authority", "unnamed", "the port authority", "unnamed", False),
        ("unnamed", "A spokesperson for the port authority", "unnamed", "spokespeople", "group", False),
        # documents: "document of X" by its owner, else a predicted document with the same head noun
        ("document", "document of Gordon Teale", "document", "document of Gordon Teale", "document", True),
        ("document", "document of National Statistics Office", "document", "document of NSO", "document", True),
        ("document", "document of Gordon Teale", "document", "document of Ana Teale", "document", False),
        ("document", "document of Gordon Teale", "document", "Gordon Teale", "person", False),  # not the owner
        # the pipeline names an owned document by its owner, typed `document`
        ("document", "document of Gordon Teale", "document", "Gordon Teale", "document", True),
        ("document", "document of National Statistics Office", "document", "NSO", "document", True),
        ("document", "document of Gordon Teale", "document", "Ana Teale", "document", False),
        ("person", "Gordon Teale", "person", "Gordon Teale", "document", False),  # his letter is not him
        ("document", "The complaint", "document", "the complaint", "document", True),
        ("document", "documents reviewed by the Ledger", "document", "the document", "document", True),
        ("document", "The complaint", "document", "the ruling", "document", False),
        ("document", "The complaint", "document", "the complaint", "group", False),
        # no source at all: only no speaker is right
        ("none", None, None, None, None, True),
        ("none", None, None, "The court", "organisation", False),
        ("none", "Donald Trump", "person", None, None, False),
    ],
)
def test_speaker_named_right(rule, gold, gold_type, predicted, predicted_type, expected):
    assert right(gold, gold_type, predicted, predicted_type) is expected


@pytest.mark.parametrize(
    ("description", "head"),
    [
        ("Two officials at the finance ministry", "official"),  # a prepositional phrase after the head
        ("A spokesperson for the port authority", "spokesperson"),
        ("former warehouse workers who say", "worker"),  # a relative clause
        ("A person familiar with the audit", "person"),  # a postnominal adjective
        ("documents reviewed by the Ledger", "document"),  # a participle after the head
        ("An internal audit completed in June 2024", "audit"),
        ("elected officials", "official"),  # a participle before the head is not a cut
        ("Workers' advocates", "advocate"),
        ("one of the officials", "official"),  # a leading quantifier and "of"
        ("spokesmen", "spokesman"),
        ("the company's lawyers", "lawyer"),
        ("witnesses", "witness"),
        ("houses", "house"),
        ("the, of", None),  # no content word
        ("", None),
    ],
)
def test_head_noun(description, head):
    assert head_noun(description) == head


@pytest.mark.parametrize(
    ("acronym", "words", "expected"),
    [
        ("ntsb", ("national", "transportation", "safety", "board"), True),
        ("naacp", ("national", "association", "for", "the", "advancement", "of", "colored", "people"), True),
        ("dod", ("department", "of", "defense"), True),  # the small word kept
        ("ntsb", ("national", "transportation", "board"), False),
        ("n", ("national",), False),  # one letter, one word: never an acronym
    ],
)
def test_is_acronym_of(acronym, words, expected):
    assert is_acronym_of(acronym, words) is expected


def test_organisations_match_needs_two_names():
    assert organisations_match(None, None)
    assert not organisations_match("Congress", None)
    assert not organisations_match("", "Congress")


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Winslow Freight Ltd", "Winslow Freight", True),  # a legal form is no part of which company it is
        ("The Orlan Corp.", "Orlan", True),
        ("Winslow Freight Ltd", "Winslow Logistics Ltd", False),
        ("Co", "Co", True),  # a name that is only the word stays itself
    ],
)
def test_organisations_match_without_a_legal_form(gold, predicted, expected):
    assert organisations_match(gold, predicted) is expected
