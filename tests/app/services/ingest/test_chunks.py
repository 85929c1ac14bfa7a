"""Chunk planning: a large JSON Lines file is split at line starts into ranges that read back exactly the items
the whole file gives; directories become lists of files; what a cluster cannot read is refused per item."""
from __future__ import annotations

import json
from pathlib import Path

from app.services.ingest.chunks import LineRange, Problem, WholeFile, plan_chunks, read_chunk
from app.services.readers import ReadFailure, SourceDocument, read_sources


def described(item: SourceDocument | ReadFailure) -> tuple[str, str]:
    return (item.source, item.text if isinstance(item, SourceDocument) else item.reason)


def items(paths, **options) -> list[tuple[str, str]]:
    return [described(item) for chunk in plan_chunks(paths, suffixes=(".txt", ".jsonl"), **options)
            for item in read_chunk(chunk)]


def whole(paths) -> list[tuple[str, str]]:
    return [described(item) for item in read_sources(paths, suffixes=(".txt", ".jsonl"))]


def test_a_large_jsonl_file_is_split_into_line_ranges_that_read_back_the_same_items(tmp_path: Path):
    lines = [json.dumps({"id": f"n{number}", "text": f'"Item {number} " said Ana Lopes. ' + "x" * (number % 37)})
             for number in range(500)]
    lines[123] = '{"id": "broken", "text": '  # a bad line keeps its own line number in every range
    lines.insert(300, "")  # blank lines are not items, but they count as lines
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chunks = list(plan_chunks([path], suffixes=(".jsonl",), articles_per_chunk=16))
    assert len(chunks) > 20 and all(isinstance(entry, LineRange) for chunk in chunks for entry in chunk.entries)
    data = path.read_bytes()
    ranges = [entry for chunk in chunks for entry in chunk.entries if isinstance(entry, LineRange)]
    assert ranges[0].start == 0 and ranges[-1].end == len(data)
    for previous, following in zip(ranges, ranges[1:], strict=False):
        assert previous.end == following.start and data[following.start - 1:following.start] == b"\n"
    assert items([path], articles_per_chunk=16) == whole([path])
    failed = [(source, reason) for source, reason in items([path], articles_per_chunk=16) if "broken" not in reason
              and reason.startswith("line ")]
    assert failed == [(f"{path}:124", "line 124: not valid JSON (Expecting value at column 26)")]
    assert [chunk.number for chunk in chunks] == list(range(len(chunks)))


def test_a_small_jsonl_file_and_a_directory_are_read_whole_file_by_file(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    for number in range(5):
        (tmp_path / "docs" / f"{number}.txt").write_text(f'"Open {number}," said Ana Lopes.', encoding="utf-8")
    (tmp_path / "docs" / "few.jsonl").write_text(json.dumps({"text": "One line."}) + "\n", encoding="utf-8")
    chunks = list(plan_chunks([tmp_path / "docs"], suffixes=(".txt", ".jsonl"), articles_per_chunk=2))
    entries = [entry for chunk in chunks for entry in chunk.entries]
    assert [len(chunk.entries) for chunk in chunks] == [2, 2, 2]
    assert all(isinstance(entry, WholeFile) and Path(entry.path).is_absolute() for entry in entries)
    assert items([tmp_path / "docs"], articles_per_chunk=2) == whole([tmp_path / "docs"])


def test_a_utf16_jsonl_file_is_not_split_on_bytes(tmp_path: Path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes("".join(json.dumps({"text": f"Line {number}."}) + "\n" for number in range(200))
                     .encode("utf-16"))
    chunks = list(plan_chunks([path], suffixes=(".jsonl",), articles_per_chunk=4))
    assert [type(entry) for chunk in chunks for entry in chunk.entries] == [WholeFile]
    assert items([path], articles_per_chunk=4) == whole([path])


def test_missing_paths_and_standard_input_on_a_cluster_are_items_that_fail(tmp_path: Path):
    chunks = list(plan_chunks([tmp_path / "absent.txt", "-"], suffixes=(".txt",), articles_per_chunk=8,
                              stdin=False))
    problems = [entry for chunk in chunks for entry in chunk.entries if isinstance(entry, Problem)]
    assert len(problems) == sum(len(chunk.entries) for chunk in chunks) == 2
    assert problems[0].reason == "no such file or directory"
    assert "standard input cannot be read by cluster workers" in problems[1].reason
