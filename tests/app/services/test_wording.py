"""Reading pasted quotes and comparing them word by word with source text (no database, no pipeline)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.wording.comparison import compare
from app.services.wording.diff import DiffOp, word_diff
from app.services.wording.paste import PasteError, read_paste
from app.services.wording.words import words_in

SOURCE = (
    'Mayor Elena Varga spoke on Tuesday. "The harbour plan is not a gift to developers. It is the only way '
    'to keep the ferry running through the winter," Varga said. She said 5,000 people use the so-called '
    "night ferry, and that it isn't going to close."
)


def check(paste: str, source: str = SOURCE):
    return compare(read_paste(paste), source, words_in(source))


# --- reading what people paste -------------------------------------------------------------------

@pytest.mark.parametrize("pasted", [
    "The harbour plan is not a gift to developers",
    '"The harbour plan is not a gift to developers"',
    "“The harbour plan is not a gift to developers.”",
    "«The harbour plan is not a gift to developers»",
    "'The harbour plan is not a gift to developers'",
    "  The   harbour plan\nis not a gift to developers  ",
    '"The harbour plan is not a gift to developers".',
])
def test_quote_marks_and_whitespace_around_a_paste_are_not_words(pasted):
    paste = read_paste(pasted)
    assert [word.text for word in paste.literal_words] == "The harbour plan is not a gift to developers".split()


@pytest.mark.parametrize(("pasted", "speaker", "words"), [
    ('"The harbour plan is not a gift," Varga said.', "Varga", "The harbour plan is not a gift"),
    ("“The harbour plan is not a gift”, said Elena Varga", "Elena Varga", "The harbour plan is not a gift"),
    ('Mayor Varga: "The harbour plan is not a gift"', "Mayor Varga", "The harbour plan is not a gift"),
    ("The harbour plan is not a gift, Varga said", "Varga", "The harbour plan is not a gift"),
    ("Varga: The harbour plan is not a gift", "Varga", "The harbour plan is not a gift"),
    ('"The harbour plan is not a gift," she said.', None, "The harbour plan is not a gift"),
    # Not attribution: no comma before the name, or the cue is inside the quote's own words.
    ("The plan is what Varga said", None, "The plan is what Varga said"),
    ("I have said it many times", None, "I have said it many times"),
])
def test_attribution_around_a_pasted_quote_is_read_as_the_claimed_speaker(pasted, speaker, words):
    paste = read_paste(pasted)
    assert paste.speaker_in_text == speaker
    assert " ".join(word.text for word in paste.literal_words) == words


@pytest.mark.parametrize("ellipsis", ["...", "…", ". . .", "[...]", "[…]", "(...)"])
def test_every_way_of_typing_an_ellipsis_marks_an_omission(ellipsis):
    paste = read_paste(f"The harbour plan {ellipsis} is the only way")
    assert [token.gap_after for token in paste.tokens] == [False, False, True, False, False, False, False]


def test_brackets_are_insertions_and_editorial_notes_are_ignored():
    paste = read_paste("[The redevelopment] is the onley [sic] way")
    assert [(token.kind, token.text) for token in paste.tokens] == [
        ("bracket", "[The redevelopment]"), ("word", "is"), ("word", "the"), ("word", "onley"), ("word", "way"),
    ]
    assert any("[sic]" in note for note in paste.notes)


@pytest.mark.parametrize("pasted", ["", "   ", '""', "[the plan]", "…"])
def test_a_paste_without_words_is_refused_with_a_reason(pasted):
    with pytest.raises(PasteError, match="Nothing to check"):
        read_paste(pasted)


# --- the verdict ladder --------------------------------------------------------------------------

def test_same_words_are_verbatim_with_the_exact_span():
    result = check("“The harbour plan is not a gift to developers.”")
    assert result.verdict == "verbatim"
    assert SOURCE[result.start:result.end] == "The harbour plan is not a gift to developers"
    assert [item.op for item in result.diff] == ["equal"]


def test_a_quote_across_sentences_keeps_its_inner_punctuation_verbatim():
    result = check("developers. It is the only way")
    assert result.verdict == "verbatim"


@pytest.mark.parametrize(("pasted", "omitted"), [
    ("The harbour plan is not a gift to developers ... the only way", "It is"),
    ("The harbour plan … a gift to developers", "is not"),
])
def test_marked_omissions_are_elided_unless_they_drop_a_negation(pasted, omitted):
    result = check(pasted)
    assert [item.source for item in result.diff if item.op == "omit"] == [omitted]
    expected = "altered" if "not" in omitted else "elided"
    assert result.verdict == expected


def test_a_bracket_standing_for_a_pronoun_is_elided():
    result = check("[The redevelopment] is the only way to keep the ferry running")
    assert result.verdict == "elided"
    bracket = next(item for item in result.diff if item.op == "bracket")
    assert (bracket.source, bracket.quote) == ("It", "[The redevelopment]")
    assert SOURCE[result.start:result.end].startswith("It is")


@pytest.mark.parametrize("pasted", [
    "the harbour plan is not a gift to developers",  # case
    "The harbour plan is not a gift to developers; it is the only way",  # punctuation
    "it isn’t going to close",  # apostrophe style
    "the so called night ferry",  # hyphen
    "She said 5000 people use",  # digit grouping
    "The harbour plan ... is not a gift",  # an ellipsis that leaves nothing out
])
def test_case_punctuation_and_quote_style_alone_are_minor(pasted):
    assert check(pasted).verdict == "minor"


@pytest.mark.parametrize(("pasted", "change"), [
    ("The harbour plan is not a gift to investors", ("replace", "developers", "investors")),
    ("The harbour plan is not a big gift to developers", ("insert", "", "big")),
    ("The harbour plan is a gift to developers", ("delete", "not", "")),
    ("it is going to close", ("replace", "isn't", "is")),
])
def test_a_changed_added_or_dropped_word_is_altered_and_listed(pasted, change):
    result = check(pasted)
    assert result.verdict == "altered"
    changes = [(item.op, item.source, item.quote) for item in result.diff
               if item.op not in ("equal", "minor")]
    assert changes == [change]


def test_a_dropped_negation_is_altered_never_minor():
    result = check("The harbour plan is a gift to developers.")
    assert result.verdict == "altered"
    assert any("negation" in change for change in result.changes)


def test_swapped_clauses_are_altered_and_reported_as_moved():
    result = check("It is the only way to keep the ferry running through the winter. "
                   "The harbour plan is not a gift to developers.")
    assert result.verdict == "altered"
    assert [item.source for item in result.diff if item.op == "move"] == [
        "The harbour plan is not a gift to developers"]
    assert result.score == 1.0  # every word is in the source, only the order differs


def test_swapped_words_are_altered():
    assert check("The harbour plan is not a gift developers to").verdict == "altered"


def test_an_unmarked_gap_inside_a_quote_is_a_dropped_phrase():
    result = check("The harbour plan is not a gift to keep the ferry running")
    assert result.verdict == "altered"
    assert any(item.op == "delete" and item.source.startswith("developers") for item in result.diff)


def test_a_misspelling_fixed_in_the_paste_is_a_change():
    source = "we will give every assitance to the families"
    result = check("we will give every assistance to the families", source)
    assert result.verdict == "altered"
    assert [(item.source, item.quote) for item in result.diff if item.op == "replace"] == [
        ("assitance", "assistance")]


def test_words_the_source_never_says_are_not_found():
    assert check("The ferry will be sold to the highest bidder before summer").verdict == "not_found"
    assert check("a gift to the town").verdict == "not_found"


# --- properties ----------------------------------------------------------------------------------

SOURCE_WORDS = words_in(SOURCE)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(SOURCE_WORDS) - 1), st.integers(2, 12))
def test_any_run_of_source_words_pasted_as_printed_is_verbatim_at_its_place(first, length):
    last = min(first + length, len(SOURCE_WORDS)) - 1
    start, end = SOURCE_WORDS[first].start, SOURCE_WORDS[last].end
    result = check(SOURCE[start:end])
    assert result.verdict == "verbatim"
    # A repeated phrase may be found at its first occurrence; the text there is the same.
    assert SOURCE[result.start:result.end] == SOURCE[start:end]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(SOURCE_WORDS) - 4), st.integers(3, 10))
def test_any_run_of_source_words_pasted_in_capitals_is_minor(first, length):
    last = min(first + length, len(SOURCE_WORDS)) - 1
    pasted = SOURCE[SOURCE_WORDS[first].start:SOURCE_WORDS[last].end]
    shouted = pasted.upper()
    result = check(shouted)
    assert result.verdict == ("verbatim" if shouted == pasted else "minor")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list('ab .…,"“”[]()\'’-:\n') + ["said", " Varga", "not", "harbour", "[x]"]),
                max_size=40).map("".join))
def test_any_paste_is_read_or_refused_with_a_reason_and_never_crashes_the_comparison(pasted):
    try:
        paste = read_paste(pasted)
    except PasteError:
        return
    result = compare(paste, SOURCE, SOURCE_WORDS)
    assert result.verdict in ("verbatim", "elided", "minor", "altered", "not_found")
    if result.start is not None:
        assert result.end is not None and 0 <= result.start <= result.end <= len(SOURCE)


def test_a_pasted_article_is_refused_not_aligned():
    with pytest.raises(PasteError, match="at most"):
        read_paste("word " * 1_000)
    with pytest.raises(PasteError, match="at most"):
        read_paste('"a, ' * 10_000)


# --- word diff between two texts (quote families) --------------------------------------------------

def ops(diff: list[DiffOp]) -> list[tuple[str, str, str]]:
    return [(item.op, item.source, item.quote) for item in diff]


def test_word_diff_shows_what_changed_from_the_earliest():
    diff = word_diff("We will not stop until every inch of Syria is liberated,",
                     "\u201cWe will not stop until every inch of our Syria is liberated.\u201d")
    assert [op for op, _, _ in ops(diff)] == ["equal", "insert", "equal"]
    assert ops(diff)[1] == ("insert", "", "our")
    assert diff[1].start is None and diff[1].end is None  # offsets belong to a check's source text only
    assert ops(word_diff("Same words here", "same words, here!")) == [("equal", "Same words here", "same words, here!")]
    assert [op for op, _, _ in ops(word_diff("a b c", "a x c d"))] == ["equal", "replace", "equal", "insert"]
