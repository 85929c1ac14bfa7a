"""Every sample article against its hand-written gold (samples/expected), and the gold against the article.

The pipeline tests are strict: every gold quote must come out with the same text, kind, speaker and
paragraph, offsets must index the input, and a quote the gold does not list is a failure.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

import nlp
from app.services.readers import ReadFailure, read_sources
from nlp.evaluation import GoldError, load_expected, locate_expected_quote, paragraph_spans, sample_gold
from nlp.records import QUOTE_KINDS, SPEAKER_TYPES

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EXPECTED = SAMPLES / "expected"
SAMPLE_SUFFIXES = (".txt", ".jsonl", ".html")
GOLD_FIELDS = {"text", "kind", "speaker", "speaker_type", "mention", "cue", "paragraph"}
COMPARED_FIELDS = ("text", "kind", "speaker", "speaker_type", "paragraph")

OPENING_MARKS = "\"“«„‘'"
CLOSING_MARKS = "\"”»“’'"


def sample_files() -> list[Path]:
    return sorted(path for path in SAMPLES.iterdir() if path.suffix in SAMPLE_SUFFIXES)


def sample_documents() -> list[tuple[str, str, str]]:
    """(file name, document id, text) of every sample, read the way ingest reads them."""
    documents = []
    for path in sample_files():
        for item in read_sources([path]):
            assert not isinstance(item, ReadFailure), f"{item.source}: {item.reason}"
            documents.append((path.name, item.id, item.text))
    return documents


DOCUMENTS = sample_documents()
DOCUMENT_IDS = [doc_id for _, doc_id, _ in DOCUMENTS]


def expected_quotes(file_name: str, doc_id: str) -> list[dict]:
    return load_expected(EXPECTED, file_name, doc_id)["quotes"]


# --- the samples themselves -------------------------------------------------------------------------

def test_there_are_enough_samples():
    articles = [path for path in sample_files() if path.suffix != ".jsonl"]
    batches = [path for path in sample_files() if path.suffix == ".jsonl"]
    assert len(articles) >= 13
    assert any(path.suffix == ".html" for path in articles)
    assert len(batches) == 1 and 2 <= sum(1 for name, _, _ in DOCUMENTS if name == batches[0].name) <= 3


def test_every_sample_file_has_gold_and_every_gold_has_a_sample():
    samples = {path.name for path in sample_files()}
    gold = {path.name.removesuffix(".json") for path in EXPECTED.glob("*.json")}
    assert samples == gold


def test_the_readme_table_lists_every_sample():
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)` \|", readme, flags=re.MULTILINE))
    assert listed == {path.name for path in sample_files()}


@pytest.mark.parametrize(("file_name", "doc_id", "text"), DOCUMENTS, ids=DOCUMENT_IDS)
def test_sample_length_is_news_length(file_name, doc_id, text):
    assert 150 <= len(text.split()) <= 400


def test_the_samples_cover_the_quote_marks_and_apostrophes():
    everything = "\n".join(text for _, _, text in DOCUMENTS)
    for needle in ("“", "”", "‘", "’", "«", "»", "„", '"',  # quote marks of every style
                   "don't", "Jones'", "'90s", "rock 'n' roll", "’90s", "students’"):  # apostrophes
        assert needle in everything, needle


def test_one_sample_has_crlf_and_no_break_spaces():
    data = (SAMPLES / "10-clinic-crlf-nbsp.txt").read_bytes()
    assert data.count(b"\r\n") >= 10 and b"\n" not in data.replace(b"\r\n", b"")
    assert data.count("\u00a0".encode()) >= 3
    text = next(text for name, _, text in DOCUMENTS if name == "10-clinic-crlf-nbsp.txt")
    assert "\r\n" in text and "\u00a0" in text  # the reader keeps them: offsets index the original


def test_the_html_sample_is_read_without_its_boilerplate():
    text = next(text for name, _, text in DOCUMENTS if name.endswith(".html"))
    for boilerplate in ("Sign up", "Related stories", "Subscribe", "All rights reserved", "Tram fares frozen"):
        assert boilerplate not in text
    assert text.startswith("Kestrel's tram network")


# --- the gold files -------------------------------------------------------------------------------

@pytest.mark.parametrize(("file_name", "doc_id", "text"), DOCUMENTS, ids=DOCUMENT_IDS)
def test_gold_is_consistent_with_its_article(file_name, doc_id, text):
    quotes = expected_quotes(file_name, doc_id)
    assert quotes, "every sample has quotes"
    paragraphs = paragraph_spans(text)
    for quote in quotes:
        assert set(quote) == GOLD_FIELDS, quote
        assert quote["kind"] in QUOTE_KINDS
        assert (quote["speaker"] is None) == (quote["speaker_type"] is None), "a source has a type, and only a source"
        assert quote["speaker_type"] in (None, *SPEAKER_TYPES), quote
        if quote["speaker_type"] == "person":
            assert len(quote["speaker"].split()) >= 2, "speakers are full names"
        start, end = locate_expected_quote(text, quote, paragraphs)
        content = text[start:end]
        assert content == content.strip(), "no edge whitespace"
        if quote["kind"] == "direct" and quote["cue"] == "A:":
            # A printed interview's answer: the rest of its paragraph after the label.
            assert text[:start].rstrip().endswith("A:") and text[end:end + 1] in ("", "\n", "\r"), quote["text"]
        elif quote["kind"] == "direct":
            # Everything inside the outer quote marks, and not the marks themselves.
            assert text[start - 1] in OPENING_MARKS and text[end] in CLOSING_MARKS, quote["text"]
            assert content[0] not in OPENING_MARKS
        else:
            assert not content.lower().startswith("that "), quote["text"]
            has_marks = any(mark in content for mark in "\"“”«»„")
            assert has_marks == (quote["kind"] == "mixed"), quote["text"]
            # Without the sentence-final period: the clause ends where its sentence does.
            assert not content.endswith("."), quote["text"]
    sample_gold(text, {"id": doc_id, "quotes": quotes})  # every mention is found near its quote


def test_gold_quotes_are_in_document_order():
    for file_name, doc_id, text in DOCUMENTS:
        paragraphs = paragraph_spans(text)
        starts = [locate_expected_quote(text, quote, paragraphs)[0] for quote in expected_quotes(file_name, doc_id)]
        assert starts == sorted(starts), doc_id


def test_a_gold_quote_outside_its_paragraph_is_an_error():
    text = "One.\n\n\"Two,\" she said.\n"
    with pytest.raises(GoldError):
        locate_expected_quote(text, {"text": "Two,", "paragraph": 0}, paragraph_spans(text))


def test_the_seed_shaped_sample_names_one_man_three_ways_and_once_as_he():
    quotes = expected_quotes("09-kessel-dam-seed-shape.txt", "09-kessel-dam-seed-shape.txt")
    mentions = [quote["mention"] for quote in quotes if quote["speaker"] == "Mikael Rauta"]
    assert {"Estovian President Mikael Rauta", "Rauta", "the president", "he"} <= set(mentions)
    assert mentions.count("he") == 1


# --- the pipeline against the gold -------------------------------------------------------------------

def compared(quote: dict) -> tuple:
    return tuple(quote[name] for name in COMPARED_FIELDS)


# Samples on which the pipeline does not yet reproduce the hand-written gold exactly (the sample
# evaluation scores them: all-kinds F1@0.3 0.97 over every sample). Strict: a sample that starts
# passing fails here until it is taken off this list, so the list can only shrink.
NOT_YET_EXACT: set[str] = set()
GOLD_CASES = [
    pytest.param(*case, id=case_id,
                 marks=pytest.mark.xfail(strict=True, reason="pipeline does not match this gold yet"))
    if case_id in NOT_YET_EXACT else pytest.param(*case, id=case_id)
    for case, case_id in zip(DOCUMENTS, DOCUMENT_IDS, strict=True)
]


@pytest.mark.parametrize(("file_name", "doc_id", "text"), GOLD_CASES)
def test_pipeline_output_equals_gold(pipeline, file_name, doc_id, text):
    record = nlp.extract(pipeline, text, doc_id)
    output = record.to_json()
    assert output["id"] == doc_id
    for quote in output["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"], quote
    got = Counter(compared(quote) for quote in output["quotes"])
    want = Counter(compared(quote) for quote in expected_quotes(file_name, doc_id))
    missing, extra = want - got, got - want
    assert not missing and not extra, "\n".join(
        [f"{doc_id}: {len(missing)} gold quotes not produced, {len(extra)} produced quotes not in the gold"]
        + [f"  missing {dict(zip(COMPARED_FIELDS, item, strict=True))}" for item in missing]
        + [f"  extra   {dict(zip(COMPARED_FIELDS, item, strict=True))}" for item in extra]
    )


def test_gold_files_are_valid_json_objects():
    for path in EXPECTED.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict)
        documents = data.values() if path.name.endswith(".jsonl.json") else [data]
        for document in documents:
            assert set(document) == {"id", "quotes"}
