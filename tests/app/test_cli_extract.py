"""`quotetrail extract` end to end in a real subprocess: the JSON Lines contract, bad inputs, exit status."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.records import QUOTE_FIELDS

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


def run_extract(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", "extract", *arguments],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    # CRLF line ends and NBSP: offsets must still index the text exactly as given.
    (folder / "a.txt").write_bytes(
        'Mayor Ines Duarte spoke on Monday.\r\n\r\n'
        '"We will\u00a0rebuild the bridge by spring," Duarte said.\r\n'.encode()
    )
    (folder / "b.jsonl").write_text(
        json.dumps({"id": 7, "text": '"The budget is balanced," said Finance Minister Tom Reyes.',
                    "outlet": "x"}) + "\n"
        + "{not json}\n"
        + json.dumps({"id": "no-text"}) + "\n"
        + json.dumps({"id": "c", "text": "No quotes here at all."}) + "\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "ignored.csv").write_text("a,b\n")
    return folder


def test_a_directory_gives_one_line_per_readable_document_and_reports_the_rest(batch):
    result = run_extract(str(batch), str(batch / "missing.txt"))
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a.txt", "7", "c"]
    for line in lines:
        assert list(line) == ["id", "quotes"]
        for quote in line["quotes"]:
            assert tuple(quote) == QUOTE_FIELDS
    assert "b.jsonl:2" in result.stderr and "b.jsonl:3" in result.stderr
    assert "empty.txt" in result.stderr and "missing.txt" in result.stderr
    assert "en_core_web" in result.stderr  # says which spaCy pipeline it loaded


def test_offsets_index_the_unaltered_input(batch):
    result = run_extract(str(batch / "a.txt"))
    assert result.returncode == 0
    text = (batch / "a.txt").read_bytes().decode("utf-8")
    (line,) = [json.loads(line) for line in result.stdout.splitlines()]
    (quote,) = line["quotes"]
    assert text[quote["start"]:quote["end"]] == quote["text"] == "We will\u00a0rebuild the bridge by spring,"
    assert text[quote["mention_start"]:quote["mention_end"]] == quote["mention"] == "Duarte"
    assert quote["speaker"] == "Ines Duarte" and quote["kind"] == "direct" and quote["paragraph"] == 1
    assert quote["parts"] == quote["verbatim"] == [[quote["start"], quote["end"]]]


def test_workers_give_the_same_output_in_the_same_order(batch):
    single = run_extract(str(batch))
    several = run_extract("--workers", "2", "--batch-size", "1", str(batch))
    assert several.stdout == single.stdout


@pytest.mark.skipif(not SEED.is_dir(), reason="the shared seed article is not beside this checkout")
def test_the_seed_article_gives_its_six_direct_quotes_and_its_mixed_quote():
    (seed,) = sorted(SEED.glob("*.txt"))
    result = run_extract(str(seed))
    assert result.returncode == 0
    (line,) = [json.loads(line) for line in result.stdout.splitlines()]
    direct = [q for q in line["quotes"] if q["kind"] == "direct"]
    mixed = [q for q in line["quotes"] if q["kind"] == "mixed"]
    assert len(direct) == 6 and {q["speaker"] for q in direct} == {"Vladimir Putin"}
    assert {q["mention"].replace("\u00a0", " ") for q in direct} >= {
        "Putin", "him", "he", "the president", "the Russian president"}
    assert len(mixed) == 1 and mixed[0]["speaker"] == "Stephen Townsend"
    text = seed.read_text(encoding="utf-8")
    assert [text[s:e].replace("\u00a0", " ") for s, e in mixed[0]["verbatim"]] == [
        "air defense systems,", "pose a threat to the coalition"]


def test_mojibake_is_repaired_unless_keep_encoding_is_given(tmp_path):
    # UTF-8 read as cp1252 once: the offsets point into the repaired text, or into the text as decoded.
    broken = "â€œWe will rebuild the bridge,â€\x9d said Mayor InÃ©s Duarte.\n"
    (tmp_path / "a.txt").write_text(broken, encoding="utf-8")
    (quote,) = json.loads(run_extract(str(tmp_path / "a.txt")).stdout)["quotes"]
    repaired = "“We will rebuild the bridge,” said Mayor Inés Duarte.\n"
    assert repaired[quote["start"]:quote["end"]] == quote["text"] == "We will rebuild the bridge,"
    assert repaired[quote["mention_start"]:quote["mention_end"]] == quote["mention"] == "Mayor Inés Duarte"
    kept = json.loads(run_extract("--keep-encoding", str(tmp_path / "a.txt")).stdout)["quotes"]
    assert all(broken[item["start"]:item["end"]] == item["text"] for item in kept)
    assert "Inés" not in json.dumps(kept, ensure_ascii=False)
