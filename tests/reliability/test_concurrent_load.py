"""An ingest of a thousand articles or more while the web app serves reads (and adds) over real HTTP, on both
backends."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from app.settings import Settings
from app.store.db import session_scope
from app.store.models import Article

# Articles the background ingest stores: 1,000 take ~22 s on SQLite and ~37 s on PostgreSQL on an idle
# 2-core machine while the reader runs (3,000 took 104 s and 155 s, nothing failed). Raise it with
# QUOTETRAIL_TEST_LOAD_ARTICLES for a longer soak.
ARTICLES = int(os.environ.get("QUOTETRAIL_TEST_LOAD_ARTICLES", "1000"))
# Articles the web app itself adds through the JSON API while the ingest writes.
WEB_ADDS = 10
DEADLINE_SECONDS = 600
# Between two requests of the reader: a steady ~30 requests a second, not a flood that starves the ingest.
PAUSE_SECONDS = 0.02
FIRST = ["Ana", "Rui", "Ines", "Ola", "Lena", "Per", "Dina", "Marta", "Hugo", "Sara", "Tomas", "Eva"]
LAST = ["Lopes", "Costa", "Duarte", "Berg", "Moor", "Holm", "Marr", "Velasquez", "Nunes", "Lind", "Krag", "Oster"]
PLACES = ["harbour", "bridge", "tunnel", "library", "clinic", "school", "ferry", "market", "park", "station"]


def write_articles(path: Path, count: int) -> None:
    rng = random.Random(count)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            name, place = f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(PLACES)
            text = (f'"We will reopen the {place} by {1 + number % 28} May," said {name}, the {place} manager.\n\n'
                    f"{name.split()[1]} said the work on the {place} had cost {number} thousand.\n")
            handle.write(json.dumps({"id": f"load-{number}", "title": f"The {place}, part {number}",
                                     "outlet": "Load Test Courier", "text": text}) + "\n")


def quotetrail_command() -> list[str]:
    script = shutil.which("quotetrail", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "app"]


class Reader:
    """Walks the site's pages in turn, like a few people browsing, and keeps every failure it meets."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.requests = 0
        self.failures: list[str] = []
        self.turn = 0
        self.adds = 0
        self.rng = random.Random(7)  # the same walk every run

    def get(self, path: str, **params):
        time.sleep(PAUSE_SECONDS)
        response = self.client.get(path, params=params or None)
        self.check(response, f"GET {path} {params or ''}")
        return response

    def check(self, response: httpx.Response, what: str, expected: tuple[int, ...] = (200,)) -> None:
        self.requests += 1
        if response.status_code not in expected or "database is locked" in response.text:
            self.failures.append(f"{what}: {response.status_code} {response.text[:300]}")

    def one_round(self) -> None:
        self.turn += 1
        articles = self.get("/articles.json").json()
        self.get("/")
        self.get("/articles", page=max(1, articles["pagination"]["pages"] // 2))
        if articles["articles"]:
            newest = articles["articles"][0]["id"]
            self.get(f"/articles/{newest}")
            detail = self.get(f"/articles/{newest}.json").json()
            for statement in detail.get("statements", [])[:1]:
                if statement.get("speaker"):
                    self.get(statement["speaker"]["url"])
                    self.get(statement["speaker"]["url"] + ".json")
                self.get(f"/quotes/{statement['id']}")
        self.get("/speakers")
        self.get("/speakers.json", q=self.rng.choice(LAST))
        self.get("/search", q=self.rng.choice(PLACES))
        self.get("/search.json", q=f"reopen the {self.rng.choice(PLACES)}")
        self.get("/check.json", text=f"We will reopen the {self.rng.choice(PLACES)} by 3 May",
                 speaker=f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}")
        if self.adds < WEB_ADDS and self.turn % 3 == 0:
            response = self.client.post("/api/articles", json={
                "text": f'"The web desk adds story {self.adds}," said editor Mia Sand.\n\nIt was a busy day.',
                "title": f"Web story {self.adds}"})
            self.check(response, "POST /api/articles", expected=(201,))
            self.adds += 1


def test_ingest_while_the_web_app_serves(backend_url, tmp_path, pipeline, serve, store_invariants):
    from app.web.main import create_app

    batch = tmp_path / "load.jsonl"
    write_articles(batch, ARTICLES)
    # The web adds use the session's pipeline; the ingest process loads its own.
    app = create_app(Settings(database_url=backend_url, page_size=20), nlp=pipeline)
    if app.state.engine.dialect.name == "sqlite":
        with app.state.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": backend_url}
    with serve(app) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        reader = Reader(client)
        started = time.monotonic()
        ingest = subprocess.Popen([*quotetrail_command(), "ingest", "--no-progress", str(batch)], cwd=tmp_path,
                                  env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            while ingest.poll() is None:
                assert time.monotonic() - started < DEADLINE_SECONDS, "the ingest did not finish in time"
                reader.one_round()
            while reader.adds < WEB_ADDS:  # a fast ingest: the web adds still happen, after it
                reader.one_round()
        finally:
            if ingest.poll() is None:
                ingest.kill()
        output = ingest.communicate()[0]
        seconds = time.monotonic() - started
    assert ingest.returncode == 0, output
    assert f"stored     {ARTICLES} article(s)" in output, output
    assert "database is locked" not in output
    assert reader.failures == []
    counts = store_invariants(app.state.engine)
    assert counts["Article"] == ARTICLES + WEB_ADDS
    with session_scope(app.state.engine) as session:
        assert session.scalar(select(func.count()).select_from(Article).where(
            Article.outlet == "Load Test Courier")) == ARTICLES
    app.state.engine.dispose()
    print(f"\n{backend_url.split(':')[0]}: {ARTICLES} articles ingested in {seconds:.0f} s "
          f"({ARTICLES / seconds:.0f}/s) while serving {reader.requests} requests ({reader.requests / seconds:.0f}/s), "
          f"{reader.adds} of them adds, none failed")
