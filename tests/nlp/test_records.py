"""nlp/records.py: the plain-record seam, its JSON contract, chunk merging, and importing it without spaCy."""
from __future__ import annotations

import subprocess
import sys

import pytest

import nlp
from nlp.records import QUOTE_FIELDS, DocumentRecord, PersonRecord, QuoteRecord, merge_chunk_records


def quote(start: int, end: int, text: str, **changes) -> QuoteRecord:
    values = dict(
        text=text, start=start, end=end, kind="direct", parts=[(start, end)], verbatim=[(start, end)],
        speaker="Ann Lee", mention="Lee", mention_start=None, mention_end=None, cue="said", cue_start=None,
        cue_end=None, paragraph=0, confidence=0.9, resolution="named",
    )
    values.update(changes)
    return QuoteRecord(**values)  # type: ignore[arg-type]  # test helper: keyword values of mixed types


@pytest.mark.parametrize("module", ["nlp", "nlp.records", "nlp.vocabulary.marks", "nlp.vocabulary.names",
                                    "nlp.vocabulary.wordlists", "nlp.text"])
def test_importing_the_records_and_the_vocabulary_does_not_import_spacy(module):
    probe = f"import sys, {module}; print(any(name.split('.')[0] == 'spacy' for name in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_pipeline_functions_are_still_reachable_from_the_package():
    from nlp import build_pipeline, extract, extract_many, loaded_model_name
    from nlp.pipeline import build_pipeline as real

    assert build_pipeline is real and callable(extract) and callable(extract_many) and callable(loaded_model_name)
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        nlp.nonexistent  # noqa: B018 - the attribute access is the test


def test_a_quote_s_json_has_exactly_the_contract_fields_in_order():
    record = quote(0, 5, "Never", parts=[(0, 5)], verbatim=[])
    data = record.to_json()
    assert list(data) == list(QUOTE_FIELDS)
    assert data["parts"] == [[0, 5]] and data["verbatim"] == []
    assert "speaker_title" not in data


def test_a_document_s_json_is_its_id_and_quotes_only():
    document = DocumentRecord(id="a", text="Never", paragraphs=[(0, 5)], quotes=[quote(0, 5, "Never")],
                              people=[PersonRecord("Ann Lee")], notes=["note"])
    assert list(document.to_json()) == ["id", "quotes"]


def test_merged_chunks_shift_offsets_renumber_paragraphs_and_merge_people():
    text = "First one.\n\n\"Second,\" Lee said."
    first = DocumentRecord(id="d", text=text[:10], paragraphs=[(0, 10)], quotes=[],
                           people=[PersonRecord("Ann Lee", ["Dr"], ["Lee"])], notes=["one"])
    second_quote = quote(1, 7, "Second", mention_start=10, mention_end=13, cue_start=14, cue_end=18)
    second = DocumentRecord(id="d", text=text[12:], paragraphs=[(0, 19)], quotes=[second_quote],
                            people=[PersonRecord("Ann Lee", ["Prof"], ["Ann Lee"])], notes=["two"])
    merged = merge_chunk_records("d", text, [(0, first), (12, second)])
    moved = merged.quotes[0]
    assert (moved.start, moved.end, moved.parts) == (13, 19, [(13, 19)])
    assert text[moved.start:moved.end] == "Second"
    assert (moved.mention_start, moved.cue_end, moved.paragraph) == (22, 30, 1)
    assert merged.paragraphs == [(0, 10), (12, 31)]
    assert merged.people == [PersonRecord("Ann Lee", ["Dr", "Prof"], ["Lee", "Ann Lee"])]
    assert merged.notes[0].startswith("[Q101]") and merged.notes[1:] == ["one", "two"]


def test_a_record_is_frozen():
    record = quote(0, 5, "Never")
    with pytest.raises(AttributeError):
        record.start = 1  # type: ignore[misc]  # frozen: assigning must fail
