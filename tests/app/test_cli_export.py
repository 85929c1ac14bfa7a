"""`quotetrail export` and `quotetrail speakers export/import` end to end in real subprocesses, on SQLite and
PostgreSQL: rows and columns against the database, filters, files written whole, bad arguments in one line."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from app.services.export import EXPORT_COLUMNS
from app.services.linking import find_speaker, merge_speakers, split_speaker
from app.store import queries
from app.store.models import Quote, Speaker, SpeakerCorrection
from tests.support.explorer import store


def run(url: str, *arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "app", *arguments], capture_output=True, text=True, timeout=120,
                          env=environment, input=stdin)


@pytest.fixture
def stored(database_url, session):
    store(session)
    return database_url, session


def test_export_csv_and_jsonl_hold_the_filtered_rows(stored):
    url, session = stored
    result = run(url, "export", "--speaker", "Putin", "--words", "palmyra", "--kind", "verbatim")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    expected, _ = queries.filtered_quote_page(
        session, filters=queries.QuoteFilters(speaker="Putin", words="palmyra", kinds=("direct", "mixed"),
                                              sort="newest"),  # with a speaker named, newest is the default
        limit=100, max_count=100)
    assert [int(row["quote_id"]) for row in rows] == [quote.id for quote in expected] and len(rows) == 3
    assert {row["speaker"] for row in rows} == {"Vladimir Putin"} and {row["kind"] for row in rows} == {"direct",
                                                                                                        "mixed"}
    assert result.stderr.strip() == "exported 3 quote(s)"

    result = run(url, "export", "--format", "jsonl", "--outlet", "daily two", "--since", "2017-01",
                 "--until", "2017-01-31", "--base-url", "https://quotes.example")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {record["text"] for record in records} == {"Aleppo is the important topic, not Palmyra",
                                                      "Palmyra was lost because of poor planning"}
    assert all(record["permalink"] == f"https://quotes.example/quotes/{record['quote_id']}" for record in records)


def test_export_of_everything_to_a_file_counts_every_quote(stored, tmp_path):
    url, session = stored
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "all.jsonl"
    result = run(url, "export", "--format", "jsonl", "-o", str(target))
    assert result.returncode == 0, result.stderr
    lines = target.read_text("utf-8").splitlines()
    assert len(lines) == session.scalar(select(func.count()).select_from(Quote)) == 7
    assert result.stdout == "" and result.stderr.strip() == f"exported 7 quote(s) to {target}"
    assert [path.name for path in folder.iterdir()] == ["all.jsonl"]  # no temporary file left behind


@pytest.mark.parametrize("arguments, message", [
    (["--format", "xml"], "Error: --format: 'xml' is not one of csv, jsonl"),
    (["--since", "2024-13"], "Error: --since: '2024-13' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"),
    (["--kind", "quoted"], "Error: --kind: 'quoted' is not one of direct, mixed, indirect, verbatim"),
    (["--min-confidence", "2000"], "Error: --min-confidence: '2000' is not a confidence"),
    (["--article", "seven"], "Error: --article: 'seven' is not an article id"),
    (["-o", "/nonexistent-folder/quotes.csv"], "Error: cannot write /nonexistent-folder/quotes.csv: the folder "
                                               "/nonexistent-folder does not exist"),
])
def test_export_refuses_bad_arguments_in_one_line(stored, arguments, message):
    url, _ = stored
    result = run(url, "export", *arguments)
    assert result.returncode == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith(message), result.stderr


def test_speaker_corrections_survive_a_rebuild_and_import_is_idempotent(stored, tmp_path, sqlite_template):
    url, session = stored
    # A user's merge (two speakers into one) and split (a name moved off a speaker), recorded.
    putin = find_speaker(session, reference="Vladimir Putin")
    assad = find_speaker(session, reference="Bashar al-Assad")
    merge_speakers(session, into=putin, other=assad)
    session.commit()
    split_speaker(session, speaker=find_speaker(session, reference="Vladimir Putin"), names=["Putin"],
                  new_name="Putin (disputed)")
    session.commit()
    exported = run(url, "speakers", "export")
    assert exported.returncode == 0 and exported.stderr.strip() == "exported 2 correction(s)"
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [line["action"] for line in lines] == ["merge", "split"]

    # A collection rebuilt from scratch: the same articles into an empty database.
    rebuilt = tmp_path / "rebuilt.db"
    rebuilt.write_bytes(sqlite_template.read_bytes())
    rebuilt_url = f"sqlite:///{rebuilt}"
    from app.store.db import create_database_engine, make_session_factory

    engine = create_database_engine(rebuilt_url)
    with make_session_factory(engine)() as other:
        store(other)
    corrections = tmp_path / "corrections.jsonl"
    corrections.write_text(exported.stdout + "{not json}\n"
                           + json.dumps({"action": "merge", "into": "Nobody Known", "merged": "Putin",
                                         "names": ["Putin"]}) + "\n"
                           + json.dumps({"action": "rename", "names": ["x"]}) + "\n", encoding="utf-8")
    first = run(rebuilt_url, "speakers", "import", str(corrections))
    assert first.returncode == 1
    assert first.stdout.strip() == "2 correction(s) applied, 0 already in place, 3 skipped"
    assert first.stderr.splitlines() == [
        f"{corrections}:3: not JSON (Expecting property name enclosed in double quotes)",
        f"{corrections}:4: no speaker named 'Nobody Known' in this collection",
        f"{corrections}:5: action must be 'merge' or 'split', not 'rename'",
    ]
    with make_session_factory(engine)() as other:
        def speakers_by_name() -> dict[str, int]:
            return {speaker.name: speaker.quote_count for speaker in other.scalars(select(Speaker))
                    if speaker.quote_count}

        original = {speaker.name: speaker.quote_count for speaker in session.scalars(select(Speaker))
                    if speaker.quote_count}
        assert speakers_by_name() == original
        assert "Bashar al-Assad" not in speakers_by_name()  # merged into Vladimir Putin, as in the original
        recorded = other.scalar(select(func.count()).select_from(SpeakerCorrection))
        again = run(rebuilt_url, "speakers", "import", str(corrections))
        assert again.stdout.strip() == "0 correction(s) applied, 2 already in place, 3 skipped"
        other.expire_all()
        assert speakers_by_name() == original
        assert other.scalar(select(func.count()).select_from(SpeakerCorrection)) == recorded
    engine.dispose()


def test_speakers_import_of_a_missing_file_is_one_line(stored, tmp_path):
    url, _ = stored
    result = run(url, "speakers", "import", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: cannot read {tmp_path / 'missing.jsonl'}: No such file or directory"
