"""Golden table for quotation-mark pairing (nlp/quotes.py), including apostrophes and broken marks."""
from __future__ import annotations

import pytest

from nlp.quotes import find_quotations, find_single_quotations
from nlp.text import paragraph_ranges


def contents(text: str) -> list[list[str]]:
    paragraphs = paragraph_ranges(text)
    doubles, _ = find_quotations(text, paragraphs)
    singles = find_single_quotations(text, paragraphs, doubles)
    found = sorted(doubles + singles, key=lambda q: q.parts[0][0])
    return [[text[start:end] for start, end in q.parts] for q in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We will win," she said.', [["We will win,"]]),
        ("“We will win,” she said.", [["We will win,"]]),
        ("«Nous gagnerons», a-t-elle dit.", [["Nous gagnerons"]]),
        ("„Wir werden gewinnen“, sagte sie.", [["Wir werden gewinnen"]]),
        ('"He called it \'a disgrace\' twice," she said.', [["He called it 'a disgrace' twice,"]]),
        ('"He called it "fake news" today," she said.', [['He called it "fake news" today,']]),
        ("She said 'we will never give up' and left.", [["we will never give up"]]),
        # Apostrophes are never quotation marks.
        ("Don't touch Jones' car from the '90s, rock 'n' roll fans.", []),
        ("The students' union didn't agree, and O'Brien's team won't either.", []),
        ("It's the 'Wild West' out there, he said it's the '80s again.", []),
    ],
)
def test_pairs_marks_and_ignores_apostrophes(text, expected):
    assert contents(text) == expected


def test_interrupted_quote_gives_two_quotations():
    assert contents('"The plan," she said, "is dead."') == [["The plan,"], ["is dead."]]


def test_multi_paragraph_quote_is_one_quotation():
    text = (
        '"The first paragraph opens the quote and does not close it.\n\n'
        '"The second continues it and closes it," the mayor said.\n\n'
        "Then the story goes on."
    )
    assert contents(text) == [[
        "The first paragraph opens the quote and does not close it.",
        "The second continues it and closes it,",
    ]]


def test_unclosed_quote_is_recovered_at_paragraph_end_and_noted():
    text = '"This never closes, said nobody\n\nA plain paragraph follows.'
    paragraphs = paragraph_ranges(text)
    quotations, notes = find_quotations(text, paragraphs)
    assert [text[s:e] for s, e in quotations[0].parts] == ["This never closes, said nobody"]
    assert quotations[0].recovered and "never closed" in notes[0]


def test_closing_mark_without_opening_recovers_from_paragraph_start():
    text = 'We will keep fighting for this town," the mayor said.'
    assert contents(text) == [["We will keep fighting for this town,"]]


@pytest.mark.parametrize(
    "text",
    ['" " " "', '""""""""', "“ ” “", '"' * 10_000, "„„„„ ‚‚ «« »»", "'" * 50, "«" * 30 + "x"],
)
def test_hostile_mark_runs_never_raise_and_stay_in_bounds(text):
    paragraphs = paragraph_ranges(text)
    quotations, _ = find_quotations(text, paragraphs)
    for quotation in quotations:
        for start, end in quotation.parts:
            assert 0 <= start < end <= len(text)


def test_typewriter_doubles_pair_like_double_quotes():
    text = "``We will not back down,'' the senator said, ''and nor will they.''"
    assert contents(text) == [["We will not back down,"], ["and nor will they."]]
    assert contents("He said ''it is over'' and left, and it's Jones' car.") == [["it is over"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        # French spacing inside guillemets: the marks point the same way whatever the spaces.
        ("« This line was a scar », said Élodie Marchetti.", [["This line was a scar"]]),
        ("« Nous partons, » dit-elle, « mais demain. »", [["Nous partons,"], ["mais demain."]]),
        # German and Danish guillemets point inwards the other way: »…«.
        ("»Wir kommen«, sagte sie. »Morgen früh.«", [["Wir kommen"], ["Morgen früh."]]),
        ("Sie sagte: »Das ist gut«, und ging.", [["Das ist gut"]]),
        # „ always opens; “ (or ”) closes it.
        ("Anna Brückner welcomed it. „Finally“, she said.", [["Finally"]]),
        ("„Wir gehen”, sagte er.", [["Wir gehen"]]),
    ],
)
def test_guillemets_and_low_marks_point_by_the_document_s_style(text, expected):
    assert contents(text) == expected


def test_guillemet_style_is_decided_per_document():
    from nlp.quotes import guillemet_style

    assert guillemet_style("« Oui », dit-il.") == "french"
    assert guillemet_style("«Sì», ha detto.") == "french"
    assert guillemet_style("»Ja«, sagte er. »Nein«") == "german"
    assert guillemet_style("No guillemets at all.") == "french"


def test_double_quotes_nested_in_british_single_quotes_are_not_quotations_of_their_own():
    text = "‘The secretary keeps saying “fair offer” as though it were true,’ he said. ‘Our members know better.’"
    assert contents(text) == [["The secretary keeps saying “fair offer” as though it were true,"],
                              ["Our members know better."]]
    # A single mark that never closes was an apostrophe: the double quotation after it stands.
    assert contents("The ‘plan was “dead on arrival” from the start, he said.") == [["dead on arrival"]]
    # A short single-quoted term is no quotation, so the double one inside it is kept.
    assert contents("It was ‘“fine”’ to them.") == [["fine"]]


def test_the_stage_declares_what_it_reads_and_writes(pipeline):
    meta = pipeline.get_pipe_meta("quotetrail_quotes")
    assert meta.requires == ["doc._.qt_paragraphs"]
    assert {"doc._.qt_quotations", "doc._.qt_token_quotes", "doc._.qt_notes", "doc.spans"} <= set(meta.assigns)
    assert not pipeline.analyze_pipes()["problems"]["quotetrail_quotes"]
