"""Property-based tests of the extractor: for any text, every offset is exact and in bounds, and no stage fails."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nlp.records import QUOTE_FIELDS, QUOTE_KINDS

# Every quotation mark style news text uses, plus the apostrophe look-alikes that must not pair.
QUOTE_MARKS = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "``", "''", "‟", "‛", "′", "″", "`"]
APOSTROPHE_WORDS = ["don't", "Jones'", "'90s", "rock 'n' roll", "O'Neill", "it’s", "the Smiths’", "’tis"]
SPACING = [" ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\u00a0", "\u202f", "\t", "\u200b", "\u2028",
           "\ufeff", "\x0b", "\x0c"]
NAMES = ["Ana Lopes", "Lopes", "Vladimir Putin", "Putin", "the Russian president", "Dr. Hugh Hill", "Hill",
         "Mayor Ana Lopes", "a spokesman", "the Kremlin", "Assad", "María José Núñez", "李明", "O'Neill"]
CUES = ["said", "says", "told reporters", "according to", ":", " - ", " — ", "added", "he said", "she said",
        "they said", "he", "she", "it", "warned", "vowed to", "called the plan", "was quoted as saying", "asked",
        "said that", "insisted", "Q:", "A:"]
WORDS = ["We", "will", "build", "the", "bridge", "never", "a", "disaster", "on", "Tuesday", "that", "it",
         "was", "not", "true", ",", ".", "?", "!", "...", "…", ";", "(", ")", "[", "]", "2024", "3.5%"]

fragments = st.one_of(
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(APOSTROPHE_WORDS),
    st.sampled_from(SPACING),
    st.sampled_from(NAMES),
    st.sampled_from(CUES),
    st.sampled_from(WORDS),
    st.text(max_size=6),  # any Unicode at all, surrogates and controls included
)


@st.composite
def news_like_texts(draw) -> str:
    """Texts built from quote marks, names, cues and odd spacing: the shapes that stress the stages."""
    pieces = draw(st.lists(fragments, max_size=80))
    joiner = draw(st.sampled_from(["", " ", " "]))
    return joiner.join(pieces)


@st.composite
def quoted_statements(draw) -> str:
    """Paragraphs that look like attributed quotes, with marks that may or may not pair."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 5))):
        opening, closing = draw(st.sampled_from(QUOTE_MARKS)), draw(st.sampled_from(QUOTE_MARKS))
        words = " ".join(draw(st.lists(st.sampled_from(WORDS + APOSTROPHE_WORDS), min_size=1, max_size=12)))
        name, cue = draw(st.sampled_from(NAMES)), draw(st.sampled_from(CUES))
        shape = draw(st.integers(0, 3))
        if shape == 0:
            paragraph = f"{opening}{words},{closing} {name} {cue}."
        elif shape == 1:
            paragraph = f"{name} {cue} {opening}{words}{closing}"
        elif shape == 2:
            paragraph = f"{opening}{words},{closing} {cue} {name}, {opening}{words}.{closing}"
        else:
            paragraph = f"{name} {cue} that {words}."
        paragraphs.append(paragraph)
    return draw(st.sampled_from(["\n\n", "\r\n\r\n", "\n", " ", "\u2029"])).join(paragraphs)


def assert_record_holds(text: str, record) -> None:
    """The record contract, checked field by field against the input."""
    assert record.text == text
    length = len(text)
    for start, end in record.paragraphs:
        assert 0 <= start <= end <= length, (start, end)
    assert record.paragraphs == sorted(record.paragraphs)
    failures = [note for note in record.notes if "[Q100]" in note]
    assert failures == [], failures
    for quote in record.quotes:
        assert 0 <= quote.start < quote.end <= length, (quote.start, quote.end)
        assert text[quote.start:quote.end] == quote.text
        assert quote.kind in QUOTE_KINDS
        assert quote.parts, "a statement has at least one part"
        for start, end in quote.parts:
            assert quote.start <= start <= end <= quote.end, ("part", start, end, quote.start, quote.end)
        for start, end in quote.verbatim:
            assert quote.start <= start <= end <= quote.end, ("verbatim", start, end, quote.start, quote.end)
        for name in ("mention", "cue"):
            value, start, end = (getattr(quote, name), getattr(quote, f"{name}_start"), getattr(quote, f"{name}_end"))
            if value is None:
                assert start is None and end is None, name
            else:
                assert 0 <= start < end <= length and text[start:end] == value, (name, start, end, value)
        assert 0 <= quote.paragraph < len(record.paragraphs)
        paragraph_start, paragraph_end = record.paragraphs[quote.paragraph]
        assert paragraph_start <= quote.start <= paragraph_end, (quote.paragraph, quote.start)
        assert 0.0 <= quote.confidence <= 1.0
        assert quote.speaker is None or quote.speaker.strip()
        assert isinstance(quote.resolution, str)
    line = json.loads(json.dumps(record.to_json(), ensure_ascii=False))
    assert [list(quote) for quote in line["quotes"]] == [list(QUOTE_FIELDS)] * len(record.quotes)


BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(text=news_like_texts())
@example(text='"' * 200)
@example(text="“" * 50 + "”" * 3)
@example(text='\r\n\r\n"We will," he said.\r\n\r\n\u00a0"Never," said Ana Lopes.')
@example(text="\u2028\u2029\x85\ufeff")
def test_any_text_gives_exact_in_bounds_records(extract, text):
    assert_record_holds(text, extract(text))


@BOUNDED
@given(text=quoted_statements())
@example(text="«We will build it“ Ana Lopes said.\n\n„Never‘ she said.")
def test_statement_shaped_text_gives_exact_in_bounds_records(extract, text):
    assert_record_holds(text, extract(text))


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.one_of(news_like_texts(), quoted_statements()), min_size=2, max_size=6))
def test_batches_give_the_same_records_as_one_at_a_time(pipeline, extract, texts):
    import nlp

    batched = list(nlp.extract_many(pipeline, [(str(number), text) for number, text in enumerate(texts)],
                                    batch_size=3))
    assert [record.id for record in batched] == [str(number) for number in range(len(texts))]
    for text, record in zip(texts, batched, strict=True):
        assert_record_holds(text, record)
        alone = extract(text)
        assert [quote.to_json() for quote in record.quotes] == [quote.to_json() for quote in alone.quotes]


@pytest.mark.parametrize("limit", [40, 97, 300])
def test_chunked_documents_keep_offsets_exact_across_the_cuts(pipeline, limit, monkeypatch):
    """A long document is parsed in chunks; shrinking the chunk size puts many cuts inside quotes and paragraphs."""
    import nlp
    import nlp.pipeline as pipeline_module
    from nlp.text import chunk_ranges

    text = ('"We will rebuild the harbour wall before winter," said the mayor, Ana Lopes.\r\n\r\n'
            "Lopes said that the cost had risen. “It is not cheap,” she added, \u00a0“but it is needed.”\n\n") * 6
    monkeypatch.setattr(pipeline_module, "chunk_ranges", lambda value: chunk_ranges(value, limit))
    record = nlp.extract(pipeline, text, "chunked")
    assert any("[Q101]" in note for note in record.notes)
    assert record.quotes
    assert_record_holds(text, record)


# Inputs bench/fuzz_extract.py found (minimised by hand); each broke the contract when found.
FUZZ_FINDINGS = [
    pytest.param('e,added, \u201d\u201a" rrters  o""""\u3636' + '6\x00\x00\u3636', id="verbatim-before-content"),
    pytest.param('\u201dsed\u201d \u201d\u2019""ops\u201d added', id="verbatim-past-content"),
    pytest.param('"""""""adingto """"""\u0200"" added,"', id="verbatim-after-content"),
]


@pytest.mark.parametrize("text", FUZZ_FINDINGS)
def test_inputs_the_fuzzer_found_keep_the_contract(extract, text):
    assert_record_holds(text, extract(text))
