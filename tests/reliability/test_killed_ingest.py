"""`quotetrail ingest` killed with SIGKILL again and again mid-run: each re-run goes on, nothing is stored twice."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from app.store.db import create_database_engine, session_scope
from app.store.models import Article, IngestionRun

ARTICLES = 300
# Kill points: the number of stored articles at which each run is killed; the last run finishes.
KILL_AFTER = (50, 150)
NAMES = ["Ana Lopes", "Rui Costa", "Ines Duarte", "Ola Berg", "Lena Moor", "Per Holm", "Dina Marr", "Hugo Nunes"]
PLACES = ["harbour", "bridge", "tunnel", "library", "clinic", "school", "ferry", "market"]


def write_articles(path: Path) -> list[str]:
    """Short articles whose speakers recur, so killed runs leave speakers that later runs must keep counting."""
    texts = []
    with path.open("w", encoding="utf-8") as handle:
        for number in range(ARTICLES):
            name, place = NAMES[number % len(NAMES)], PLACES[number % len(PLACES)]
            text = (f'"We will reopen the {place} by the {number}th of May," said {name}, who runs it.\n\n'
                    f'{name.split()[1]} said the work had cost {number * 7} thousand. "It was worth it," she added.\n')
            texts.append(text)
            handle.write(json.dumps({"id": f"article-{number}", "text": text}) + "\n")
    return texts


def quotetrail_command() -> list[str]:
    """The installed console script next to this Python (as a user runs it), or `python -m app`."""
    script = shutil.which("quotetrail", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "app"]


def stored_count(engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Article)) or 0


def start_ingest(batch: Path, url: str, workdir: Path) -> subprocess.Popen:
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": url}
    return subprocess.Popen([*quotetrail_command(), "ingest", "--no-progress", "--batch-size", "8", str(batch)],
                            env=environment, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_repeated_sigkill_then_rerun_finishes_the_job_and_stores_nothing_twice(backend_url, tmp_path, store_invariants):
    batch = tmp_path / "articles.jsonl"
    texts = write_articles(batch)
    engine = create_database_engine(backend_url)
    try:
        for kill_after in KILL_AFTER:
            # Leaving the with block closes the output pipe and reaps the process.
            with start_ingest(batch, backend_url, tmp_path) as process:
                try:
                    deadline = time.monotonic() + 120
                    while stored_count(engine) < kill_after:
                        assert process.poll() is None, \
                            f"the ingest ended before it could be killed:\n{process.communicate()[0]}"
                        assert time.monotonic() < deadline, "the ingest made no progress"
                        time.sleep(0.02)
                    process.send_signal(signal.SIGKILL)
                    assert process.wait(timeout=30) == -signal.SIGKILL
                finally:
                    if process.poll() is None:
                        process.kill()
            # What a killed run leaves: whole articles only, every invariant holding, the run marked unfinished.
            counts = store_invariants(engine)
            assert kill_after <= counts["Article"] < ARTICLES
            with session_scope(engine) as session:
                runs = session.scalars(select(IngestionRun).order_by(IngestionRun.id)).all()
                assert runs[-1].finished_at is None
        before_last_run = stored_count(engine)
        final = subprocess.run([*quotetrail_command(), "ingest", "--no-progress", str(batch)], cwd=tmp_path,
                               env={**os.environ, "QUOTETRAIL_DATABASE_URL": backend_url}, capture_output=True,
                               text=True, timeout=300)
        assert final.returncode == 0, final.stdout + final.stderr
        assert f"stored     {ARTICLES - before_last_run} article(s)" in final.stdout, final.stdout
        assert f"duplicates {before_last_run} " in final.stdout, final.stdout
        counts = store_invariants(engine)
        assert counts["Article"] == ARTICLES
        assert counts["IngestionRun"] == len(KILL_AFTER) + 1
        with session_scope(engine) as session:
            assert sorted(session.scalars(select(Article.text))) == sorted(texts)
            last = session.scalars(select(IngestionRun).order_by(IngestionRun.id.desc()).limit(1)).one()
            assert last.finished_at is not None and last.stored_count == ARTICLES - before_last_run
    finally:
        engine.dispose()
