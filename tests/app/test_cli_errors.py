"""What a new user gets wrong on the command line is one line of error and a non-zero exit, never a traceback,
and nothing is left on disk: each case runs the real `quotetrail` command in a subprocess."""
from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE = REPOSITORY / "samples" / "01-harbour-dredging.txt"


def quotetrail(*arguments: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m app ARGUMENTS` in `cwd` with only the QUOTETRAIL_* variables given (no .env leaks in)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("QUOTETRAIL_")}
    environment["PYTHONPATH"] = str(REPOSITORY)
    environment.setdefault("QUOTETRAIL_DATABASE_URL", f"sqlite:///{cwd / 'quotetrail.db'}")
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "app", *arguments], cwd=cwd, env=environment, input=stdin,
                          capture_output=True, text=True, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess, *, exit_code: int = 1) -> str:
    """The error line of a refused command, after checking it is exactly one line and no traceback."""
    assert result.returncode == exit_code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.fixture
def migrated(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "quotetrail.db"
    shutil.copyfile(sqlite_template, path)
    return path


# --- the database URL ------------------------------------------------------------------------------

def test_an_unreachable_postgresql_server_is_one_line(tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://reader:hunter2@127.0.0.1:{port}/quotetrail"
    for command in (["db", "current"], ["db", "upgrade"], ["speakers", "list"]):
        line = one_line_error(quotetrail(*command, cwd=tmp_path, env={"QUOTETRAIL_DATABASE_URL": url}))
        assert f"cannot open the database postgresql+psycopg://reader:***@127.0.0.1:{port}/quotetrail" in line
        assert "hunter2" not in line and "refused" in line.lower()


@pytest.mark.parametrize(("url", "expected"), [
    ("not a url", "cannot read the database URL 'not a url'"),
    ("postgresql://user:hunter2@host:notaport/db", "cannot read the database URL"),
    ("mysql+pymysql://user@localhost/quotes", "needs the Python driver 'pymysql', which is not installed"),
    ("nosuchdb://localhost/quotes", "names a kind of database quotetrail cannot use ('nosuchdb')"),
])
def test_a_url_that_cannot_be_used_is_one_line(tmp_path, url, expected):
    line = one_line_error(quotetrail("db", "current", cwd=tmp_path, env={"QUOTETRAIL_DATABASE_URL": url}))
    assert expected in line
    assert "hunter2" not in line
    assert files_under(tmp_path) == []


def test_read_only_commands_never_create_the_database_or_its_folders(tmp_path):
    missing = tmp_path / "no" / "such" / "dir" / "x.db"
    url = f"sqlite:///{missing}"
    for command in (["db", "current"], ["speakers", "list"], ["check", "some words"], ["serve", "--get", "/"]):
        line = one_line_error(quotetrail(*command, cwd=tmp_path, env={"QUOTETRAIL_DATABASE_URL": url}))
        assert f"the database {url} does not exist; `quotetrail db upgrade` creates it" in line, command
    assert files_under(tmp_path) == []


def test_a_refused_ingest_leaves_no_empty_database_behind(tmp_path):
    url = f"sqlite:///{tmp_path / 'typo' / 'quotes.db'}"
    line = one_line_error(quotetrail("ingest", str(SAMPLE), "--no-progress", cwd=tmp_path,
                                     env={"QUOTETRAIL_DATABASE_URL": url}))
    assert "does not exist" in line and "quotetrail db upgrade" in line
    assert files_under(tmp_path) == []


def test_db_upgrade_still_creates_the_database_and_its_folder(tmp_path):
    path = tmp_path / "new" / "quotes.db"
    result = quotetrail("db", "upgrade", cwd=tmp_path, env={"QUOTETRAIL_DATABASE_URL": f"sqlite:///{path}"})
    assert result.returncode == 0, result.stderr
    assert path.is_file()


def test_a_directory_or_a_file_that_is_not_a_database_is_one_line(tmp_path):
    line = one_line_error(quotetrail("db", "current", cwd=tmp_path,
                                     env={"QUOTETRAIL_DATABASE_URL": f"sqlite:///{tmp_path}"}))
    assert "names a directory, not a database file" in line
    (tmp_path / "notes.db").write_text("shopping list\n" * 200)
    line = one_line_error(quotetrail("db", "current", cwd=tmp_path,
                                     env={"QUOTETRAIL_DATABASE_URL": f"sqlite:///{tmp_path / 'notes.db'}"}))
    assert "file is not a database" in line


# --- settings ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("variable", "value", "command", "expected"), [
    ("QUOTETRAIL_PORT", "eighty", ["serve"], "QUOTETRAIL_PORT='eighty': must be a whole number"),
    ("QUOTETRAIL_PORT", "70000", ["serve"], "QUOTETRAIL_PORT='70000': must be between 1 and 65535"),
    ("QUOTETRAIL_WORKERS", "two", ["extract", str(SAMPLE)], "QUOTETRAIL_WORKERS='two': must be a whole number"),
    ("QUOTETRAIL_WORKERS", "0", ["ingest", str(SAMPLE)], "QUOTETRAIL_WORKERS='0': must be between 1 and 64"),
    ("QUOTETRAIL_BATCH_SIZE", "1.5", ["eval", "--samples", str(SAMPLE.parent)],
     "QUOTETRAIL_BATCH_SIZE='1.5': must be a whole number"),
])
def test_a_setting_that_is_not_a_number_is_one_line(tmp_path, variable, value, command, expected):
    line = one_line_error(quotetrail(*command, cwd=tmp_path, env={variable: value}))
    assert expected in line
    assert files_under(tmp_path) == []


def test_a_valid_setting_is_not_refused(tmp_path, migrated):
    result = quotetrail("speakers", "list", cwd=tmp_path, env={"QUOTETRAIL_PORT": "8123", "QUOTETRAIL_WORKERS": "2"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "no speakers"


# --- extract ---------------------------------------------------------------------------------------

def test_extract_with_an_unknown_spacy_model_is_one_line(tmp_path):
    line = one_line_error(quotetrail("extract", str(SAMPLE), cwd=tmp_path,
                                     env={"QUOTETRAIL_SPACY_MODEL": "en_no_such_pipeline"}))
    assert "[Q001] No spaCy pipeline could be loaded for 'en_no_such_pipeline'" in line


def test_extract_checks_its_inputs_before_loading_the_model(tmp_path):
    # The model name is wrong too: the missing file must be what is reported, before any model is tried.
    line = one_line_error(quotetrail("extract", "missing.txt", str(tmp_path), cwd=tmp_path,
                                     env={"QUOTETRAIL_SPACY_MODEL": "en_no_such_pipeline"}))
    assert "nothing to read: missing.txt: no such file or directory" in line
    assert "no .txt, .jsonl files in this directory" in line
    assert "Q001" not in line


@pytest.mark.parametrize("option", [["--workers", "0"], ["--workers", "many"], ["--batch-size", "0"],
                                    ["--batch-size", "-3"]])
def test_extract_validates_workers_and_batch_size_like_ingest(tmp_path, option):
    for command in ("extract", "ingest"):
        result = quotetrail(command, *option, str(SAMPLE), cwd=tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"Invalid value for '{option[0]}'" in result.stderr


def test_extract_reads_standard_input_for_a_dash(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    result = quotetrail("extract", "-", cwd=tmp_path, stdin=text)
    assert result.returncode == 0, result.stderr
    (line,) = [json.loads(row) for row in result.stdout.splitlines()]
    assert line["id"] == "stdin" and line["quotes"]
    for quote in line["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]
    # JSON Lines on standard input: one document per line, each with its own id.
    lines = "\n".join(json.dumps({"id": name, "text": '"We will win," said Mayor Ines Duarte.'}) for name in "ab")
    result = quotetrail("extract", "-", cwd=tmp_path, stdin=lines)
    assert [json.loads(row)["id"] for row in result.stdout.splitlines()] == ["a", "b"]


# --- ingest ----------------------------------------------------------------------------------------

def test_an_ingest_that_reads_nothing_is_refused_and_records_no_run(tmp_path, migrated):
    (tmp_path / "empty").mkdir()
    line = one_line_error(quotetrail("ingest", "--no-progress", "empty", "missing.txt", cwd=tmp_path,
                                     env={"QUOTETRAIL_SPACY_MODEL": "en_no_such_pipeline"}))
    assert line == ("Error: nothing to read: empty: no .txt, .html, .htm, .jsonl files in this directory; "
                    "missing.txt: no such file or directory")
    with sqlite3.connect(migrated) as connection:
        assert connection.execute("SELECT count(*) FROM ingestion_runs").fetchone() == (0,)


# --- eval and serve --------------------------------------------------------------------------------

def test_eval_refuses_a_directory_without_articles_before_loading_the_model(tmp_path):
    (tmp_path / "gold").mkdir()
    line = one_line_error(quotetrail("eval", "--samples", "gold", cwd=tmp_path,
                                     env={"QUOTETRAIL_SPACY_MODEL": "en_no_such_pipeline"}))
    assert "gold: no .txt, .jsonl, .html, .htm articles to score here" in line


def test_serve_on_a_busy_port_fails_before_announcing_it_serves(tmp_path, migrated):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = quotetrail("serve", "--port", str(port), cwd=tmp_path, timeout=60)
    line = one_line_error(result)
    assert line == f"Error: cannot listen on 127.0.0.1:{port}: the port is already in use"
    assert "serving" not in result.stderr


def test_serve_on_an_unknown_host_is_one_line(tmp_path, migrated):
    line = one_line_error(quotetrail("serve", "--host", "no-such-host.invalid", "--port", "8765", cwd=tmp_path,
                                     timeout=60))
    assert "cannot listen on no-such-host.invalid:8765: unknown address" in line


def test_help_works_for_every_command(tmp_path):
    for command in ([], ["extract"], ["ingest"], ["check"], ["eval"], ["serve"], ["db"], ["db", "current"],
                    ["db", "upgrade"], ["speakers"], ["speakers", "list"], ["speakers", "merge"],
                    ["speakers", "split"]):
        result = quotetrail(*command, "--help", cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)
        assert "Usage: quotetrail" in result.stdout
    assert files_under(tmp_path) == []


def test_a_missing_database_on_a_running_postgresql_server_is_one_line(tmp_path):
    base = os.environ.get("QUOTETRAIL_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("QUOTETRAIL_TEST_POSTGRES_URL is not set")
    url = base.rsplit("/", 1)[0] + "/quotetrail_no_such_database"
    line = one_line_error(quotetrail("db", "current", cwd=tmp_path, env={"QUOTETRAIL_DATABASE_URL": url}))
    assert 'database "quotetrail_no_such_database" does not exist' in line


def test_eval_refuses_a_folder_that_is_no_polnear_checkout_before_loading_the_model(tmp_path):
    line = one_line_error(quotetrail("eval", "--polnear", str(tmp_path), cwd=tmp_path,
                                     env={"QUOTETRAIL_SPACY_MODEL": "en_no_such_pipeline"}))
    assert f"{tmp_path}/data/dev/text does not exist: is {tmp_path} a checkout of networkdynamics/PolNeAR?" in line


def test_an_ingest_refused_for_its_model_records_no_run(tmp_path, migrated):
    line = one_line_error(quotetrail("ingest", "--no-progress", str(SAMPLE), cwd=tmp_path,
                                     env={"QUOTETRAIL_SPACY_MODEL": "en_no_such_pipeline"}))
    assert "[Q001]" in line
    with sqlite3.connect(migrated) as connection:
        assert connection.execute("SELECT count(*) FROM ingestion_runs").fetchone() == (0,)


def test_db_upgrade_where_no_folder_can_be_made_is_one_line(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    url = f"sqlite:///{tmp_path / 'a-file' / 'quotes.db'}"
    line = one_line_error(quotetrail("db", "upgrade", cwd=tmp_path, env={"QUOTETRAIL_DATABASE_URL": url}))
    assert f"cannot create the folder of the database {url}: File exists" in line


def test_ingest_reads_standard_input_for_a_dash(tmp_path, migrated):
    result = quotetrail("ingest", "--no-progress", "-", cwd=tmp_path, stdin=SAMPLE.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(migrated) as connection:
        assert connection.execute("SELECT source_name, title FROM articles").fetchall() == [
            ("stdin", "Port Ellery council approves $40 million harbour dredging plan")]
