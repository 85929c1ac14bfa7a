"""Golden tables of the sources that are no named person: each statement's speaker, its type and the
anonymous flag, by the real pipeline, with the rule that decided as a column.

Every row is the article's last statement. The anonymous table has negatives: a phrase about
another person in the sentence, or in another sentence, leaves the source unflagged.
"""
from __future__ import annotations

import pytest

from nlp.extensions import STATEMENTS

NTSB = "The National Transportation Safety Board opened an inquiry on Monday.\n\n"

# (rule, text, speaker, speaker_type)
TYPED: list[tuple[str, str, str | None, str | None]] = [
    ("group.description", "Transport officials said the line would reopen on Monday.", "Transport officials", "group"),
    ("group.description", "Residents say the water tastes of iron.", "Residents", "group"),
    ("group.named_members", "Obama and Clinton said the deal was fair.", "Obama and Clinton", "group"),
    ("organisation.named", "Republicans said the deal was fair.", "Republicans", "group"),
    # A plural common noun the NER labels a body is people ("Islanders", capitalised by the sentence's start).
    ("organisation.named", "Islanders say the 20-euro fee has changed nothing at the old port.", "Islanders",
     "group"),
    ("description.as_written", "A majority of voters said the deal was fair.", "A majority of voters", "group"),
    # A singular noun for several people is a group; a singular role is one unnamed person.
    ("description.as_written", "In a statement, her family said she had died peacefully.", "her family", "group"),
    ("role.unresolved", "In a statement, her lawyer said she had died peacefully.", "her lawyer", "unnamed"),
    ("role.unresolved", "A spokesperson for the port authority said the berth was safe.",
     "A spokesperson for the port authority", "unnamed"),
    ("unnamed.description", "One former board member suggested that the vote was rigged.",
     "One former board member", "unnamed"),
    ("organisation.acronym", NTSB + "The NTSB said the pilot was tired.", "National Transportation Safety Board",
     "organisation"),
    ("organisation.acronym", "The National Transportation Safety Board (NTSB) opened an inquiry.\n\n"
     "The NTSB said the pilot was tired.", "National Transportation Safety Board", "organisation"),
    ("organisation.named_before", "The Ministry of Health issued new rules on Monday.\n\n"
     "The ministry said the rules were needed.", "Ministry of Health", "organisation"),
    ("organisation.short_name", "The Harbour City Hawks won on Sunday.\n\nThe Hawks said the coach would stay.",
     "Harbour City Hawks", "organisation"),
    ("organisation.definite_reference", "Orlan Corp. reported a loss.\n\nThe company said sales fell.",
     "Orlan Corp.", "organisation"),
    ("organisation.of_person", "The Obama administration said the deal was fair.", "Obama administration",
     "organisation"),
    ("document.owner", "Senator Tom Hale released a statement on Monday.\n\nHis statement said the bill was flawed.",
     "Tom Hale", "document"),
    ("document.owner", "A 2014 study by Harvard University said wages fell.", "Harvard University", "document"),
    ("document.earlier_owner", "Economist Ines Ruiz wrote in a study last year that wages were falling.\n\n"
     "The study said rents had doubled.", "Ines Ruiz", "document"),
    ("document.as_written", "The audit said the funds were misused.", "audit", "document"),
    ("document.owner", "The Budget Responsibility Council met on Monday.\n\nThe council's report said the deficit was "
     "growing.", "Budget Responsibility Council", "document"),
    ("document.earlier_owner", "The Bank of Marenia raised rates. The bank said in a statement that inflation was "
     "high.\n\nThe statement said prices would rise.", "Bank of Marenia", "document"),
    ("description.as_written", "One of the officials said the talks had stalled.", "One of the officials", "unnamed"),
    ("document.as_written", "According to census data, the town grew by 4 percent.", "census data", "document"),
    ("name.full", '"We will rebuild," Mayor Anna Kowalski said.', "Anna Kowalski", "person"),
]

# (rule, text, anonymous)
ANONYMOUS: list[tuple[str, str, bool]] = [
    ("anonymous.relative_clause", "One former board member, who spoke on condition of anonymity, said the vote was "
     "rigged.", True),
    ("anonymous.participle", "The talks have stalled, a senior official said, speaking on condition of anonymity.",
     True),
    ("anonymous.reason", "A police officer, who was not authorized to speak publicly, said the suspect had fled.",
     True),
    ("anonymous.declined", "A nurse, who declined to be named, said the ward was full.", True),
    ("anonymous.did_not_wish", "A senior official in the water department, who did not wish to be named, said "
     "releases were not an option.", True),
    ("anonymous.member_of_group", "Two members of the group, who asked not to be named, said the minister had lied."
     "\n\nOne of them said the vote was close.", True),
    ("anonymous.one_of_the_group", "Three intelligence sources, who were not authorized to speak publicly, said the "
     "inquiry was widening.\n\nOne intelligence source said agents were angry.", True),
    ("anonymous.later_mention", "A senior official, who requested anonymity, said the talks had stalled.\n\n"
     "The official said a deal was still possible.", True),
    # Negatives: the phrase is about someone else, or in another sentence about nobody in particular.
    ("anonymous.other_person", "A senior official said Tom Hale, who spoke on condition of anonymity, had left.",
     False),
    ("anonymous.other_sentence", "Several witnesses spoke on condition of anonymity.\n\n"
     "A police spokesman said the road was closed.", False),
    ("anonymous.named_source", "Tom Hale, who asked not to be identified in an earlier report, said the road was "
     "closed.", False),
    ("anonymous.unflagged", "A senior official said the talks had stalled.", False),
    ("anonymous.one_of_another_group", "Three intelligence sources, who were not authorized to speak publicly, said "
     "the inquiry was widening.\n\nOne former agent said agents were angry.", False),
    ("anonymous.member_of_another_group", "Two members of the group, who asked not to be named, said the minister "
     "had lied.\n\nResidents said the water was dirty. One of them said the vote was close.", False),
]


@pytest.fixture(scope="module")
def last_statement(pipeline):
    def run(text):
        statements = pipeline(text).spans.get(STATEMENTS, [])
        assert statements, text
        return statements[-1]

    return run


@pytest.mark.parametrize("rule, text, speaker, speaker_type", TYPED, ids=[f"{row[0]}:{row[2]}" for row in TYPED])
def test_a_source_is_named_and_typed(last_statement, rule, text, speaker, speaker_type):
    statement = last_statement(text)
    assert (statement._.qt_resolution_rule, statement._.qt_speaker, statement._.qt_speaker_type) == (
        rule, speaker, speaker_type)


@pytest.mark.parametrize("case, text, anonymous", ANONYMOUS, ids=[row[0] for row in ANONYMOUS])
def test_an_anonymous_source_is_flagged_only_by_words_about_it(last_statement, case, text, anonymous):
    statement = last_statement(text)
    assert statement._.qt_anonymous is anonymous
    if anonymous:
        assert "anonymous" in statement._.qt_resolution  # the reason says why


def test_a_statement_with_no_source_has_no_type(last_statement):
    statement = last_statement('The weather was cold.\n\n"The bridge is safe."')
    assert (statement._.qt_speaker, statement._.qt_speaker_type, statement._.qt_anonymous) == (None, None, False)
