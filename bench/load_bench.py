"""Load benchmark: requests/s and latency of the web app's heaviest pages at ~100k stored quotes, over loopback.

    python bench/load_bench.py [--quick] [--quotes N] [--requests N] [--concurrency N] [--database PATH]

1. Generates a synthetic collection through the store's own functions (`repo.add_article`, with
   speakers, aliases and quote families), many articles per transaction so it takes a minute or two,
   not the ingest path's many minutes: this measures serving, not storing. `--database PATH` keeps
   the file and reuses it on the next run.
2. Starts `quotetrail serve` as a separate process on 127.0.0.1 (a free port), one uvicorn worker.
3. From this process, a pool of client threads sends a bounded number of requests (and stops after
   a time cap) to: the article page, the speaker page, search, check, the explorer's filtered
   search, broad filters sorted by date, the speakers list by newest quote and a filtered CSV export
   (read to its end), and a static file as the baseline (the cost of the server and network path alone).
4. Prints a markdown table: requests/s, p50, p95 and max latency, failures, and p95 against the
   baseline's p95.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import text

from app.services.linking import speaker_key
from app.services.wording.diff import stored_diff, word_diff
from app.store import repo
from app.store.db import create_database_engine, session_scope, upgrade_database
from app.store.models import QuoteFamily, Speaker, SpeakerAlias, SpeakerTitle
from nlp.records import DocumentRecord, QuoteRecord

ROOT = Path(__file__).resolve().parents[1]

QUOTES_PER_ARTICLE = 5
ARTICLES_PER_TRANSACTION = 250
COPIED_QUOTE_SHARE = 0.1  # quotes repeating an earlier statement, with a word changed half the time
SERVER_START_SECONDS = 60
TIME_CAP_SECONDS = 90  # per endpoint: the run stops by itself even on a slow machine
TITLES = ("President", "Minister", "Senator", "Mayor", "Governor", "Spokesperson", "Chief Executive")


class Collection:
    """Deterministic synthetic news: Zipf-distributed words, speakers printed in several forms."""

    def __init__(self, *, seed: int, speakers: int) -> None:
        self.random = random.Random(seed)
        syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
        words: set[str] = set()
        while len(words) < 12_000:
            words.add("".join(self.random.choice(syllables) for _ in range(self.random.choice((1, 2, 2, 3, 3, 4)))))
        self.words = sorted(words, key=len)
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]
        given = [word.capitalize() for word in self.random.sample(self.words[300:], 500)]
        surnames = self.random.sample(self.words[1000:], speakers)
        self.people = [(self.random.choice(given), surname.capitalize() + self.random.choice(["", "son", "ova", "ez"]))
                       for surname in surnames]
        self.people_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.people))]
        self.statements: list[tuple[str, int, int]] = []  # (text, person, origin statement index)

    def sentence(self, count: int) -> str:
        return " ".join(self.random.choices(self.words, weights=self.weights, k=count)).capitalize()

    def statement(self) -> tuple[str, int, int]:
        if self.statements and self.random.random() < COPIED_QUOTE_SHARE:
            origin = self.random.randrange(len(self.statements))
            quote, person, root = self.statements[origin]
            words = quote.split()
            if self.random.random() < 0.5:
                words[self.random.randrange(len(words))] = self.random.choice(self.words[:2000])
            return " ".join(words), person, root
        quote = self.sentence(self.random.randint(10, 24))
        person = self.random.choices(range(len(self.people)), weights=self.people_weights)[0]
        return quote, person, len(self.statements)

    def article(self, number: int) -> tuple[DocumentRecord, list[int], list[int]]:
        """A record, the person behind each quote, and the root statement each quote repeats."""
        paragraphs, parts, quotes, persons, roots = [], [], [], [], []
        position = 0
        for index in range(QUOTES_PER_ARTICLE):
            statement, person, root = self.statement()
            self.statements.append((statement, person, root))
            given, surname = self.people[person]
            name = f"{given} {surname}" if self.random.random() < 0.75 else surname
            lead = self.sentence(self.random.randint(12, 30)) + ". "
            paragraph = f"{lead}\u201c{statement},\u201d {name} said."
            start = position + len(lead) + 1
            end = start + len(statement) + 1
            mention = end + 2
            quotes.append(QuoteRecord(
                text=statement + ",", start=start, end=end, kind="direct", parts=[(start, end)],
                verbatim=[(start, end)], speaker=f"{given} {surname}", mention=name, mention_start=mention,
                mention_end=mention + len(name), cue="said", cue_start=mention + len(name) + 1,
                cue_end=mention + len(name) + 5, paragraph=index, confidence=0.9,
                resolution=f"{name} → {given} {surname}: named at the cue",
            ))
            paragraphs.append((position, position + len(paragraph)))
            parts.append(paragraph)
            persons.append(person)
            roots.append(root)
            position += len(paragraph) + 2
        body = "\n\n".join(parts)
        return DocumentRecord(id=f"synthetic-{number}", text=body, paragraphs=paragraphs, quotes=quotes, people=[]), \
            persons, roots


def build_collection(url: str, *, quotes: int, seed: int = 7) -> dict:
    """Fill a migrated database with about `quotes` quotes; returns what the request mix needs."""
    upgrade_database(url)
    engine = create_database_engine(url)
    speakers = max(50, quotes // 35)
    collection = Collection(seed=seed, speakers=speakers)
    started = time.perf_counter()
    with session_scope(engine) as session:
        rows = []
        for given, surname in collection.people:
            name = f"{given} {surname}"
            speaker = Speaker(name=name, key=speaker_key(name), surname=surname.lower(), is_person=True,
                              quote_count=0, link_reason="synthetic")
            speaker.aliases = [SpeakerAlias(alias=name, key=speaker_key(name), count=0, reason="synthetic"),
                               SpeakerAlias(alias=surname, key=speaker_key(surname), count=0, reason="synthetic")]
            speaker.titles = [SpeakerTitle(title=collection.random.choice(TITLES), count=1)]
            rows.append(speaker)
        session.add_all(rows)
        session.flush()
        speaker_ids = [speaker.id for speaker in rows]
    quote_ids: list[int] = []
    roots: list[int] = []
    articles = max(1, quotes // QUOTES_PER_ARTICLE)
    first_day = datetime(2015, 1, 1, tzinfo=UTC)
    for batch_start in range(0, articles, ARTICLES_PER_TRANSACTION):
        with session_scope(engine) as session:
            for number in range(batch_start, min(articles, batch_start + ARTICLES_PER_TRANSACTION)):
                record, persons, article_roots = collection.article(number)
                # article() returns one person per quote, and every synthetic quote has its speaker.
                names = {quote.speaker: speaker_ids[person]
                         for quote, person in zip(record.quotes, persons, strict=True) if quote.speaker}
                article = repo.add_article(
                    session, record=record, speaker_ids=names, source_name=record.id,
                    title=collection.sentence(collection.random.randint(5, 9)), outlet=f"Outlet {number % 40}",
                    published_at=first_day + timedelta(hours=number * 3),
                )
                quote_ids.extend(quote.id for quote in article.quotes)
                roots.extend(article_roots)
        done = min(articles, batch_start + ARTICLES_PER_TRANSACTION)
        print(f"\r  stored {done:,}/{articles:,} articles ({done * QUOTES_PER_ARTICLE:,} quotes)", end="",
              file=sys.stderr, flush=True)
    print(file=sys.stderr)
    members: dict[int, list[int]] = {}
    for position, root in enumerate(roots):
        members.setdefault(root, []).append(position)
    with session_scope(engine) as session:
        session.execute(text(
            "UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE quotes.speaker_id = speakers.id)"
        ))
        session.execute(text(
            "UPDATE speaker_aliases SET count = (SELECT quote_count FROM speakers WHERE speakers.id = speaker_id)"
        ))
        texts = {quote_id: body for quote_id, body in session.execute(text("SELECT id, text FROM quotes"))}
        for positions in members.values():
            if len(positions) < 2:
                continue
            ids = [quote_ids[position] for position in positions]
            family = QuoteFamily(earliest_quote_id=ids[0], member_count=len(ids))
            session.add(family)
            session.flush()
            for quote_id in ids:
                session.execute(
                    text("UPDATE quotes SET family_id = :family, family_diff = :diff WHERE id = :id"),
                    {"family": family.id, "id": quote_id,
                     "diff": json.dumps(stored_diff(word_diff(texts[ids[0]], texts[quote_id])))},
                )
    engine.dispose()
    print(f"  generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return describe(url)


def describe(url: str) -> dict:
    engine = create_database_engine(url)
    with engine.connect() as connection:
        article_ids = [row[0] for row in connection.execute(text("SELECT id FROM articles"))]
        speaker_ids = [row[0] for row in connection.execute(
            text("SELECT id FROM speakers WHERE quote_count > 0 ORDER BY quote_count DESC LIMIT 500"))]
        sample = [row[0] for row in connection.execute(text("SELECT text FROM quotes ORDER BY random() LIMIT 500"))]
        quote_count = connection.execute(text("SELECT count(*) FROM quotes")).scalar()
        speaker_names = [row[0] for row in connection.execute(
            text("SELECT name FROM speakers WHERE quote_count > 0 ORDER BY quote_count DESC LIMIT 300"))]
        first, last = connection.execute(text("SELECT min(published_at), max(published_at) FROM articles")).one()
        speaker_count = connection.execute(text("SELECT count(*) FROM speakers WHERE quote_count > 0")).scalar()
    engine.dispose()
    days = (datetime.fromisoformat(str(last)) - datetime.fromisoformat(str(first))).days if first and last else 1
    return {"articles": article_ids, "speakers": speaker_ids, "quote_texts": sample, "quotes": quote_count,
            "speaker_count": speaker_count, "speaker_names": speaker_names, "days": days}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    environment = dict(os.environ, QUOTETRAIL_DATABASE_URL=url, QUOTETRAIL_HOST="127.0.0.1",
                       QUOTETRAIL_PORT=str(port), QUOTETRAIL_PAGE_SIZE="50")
    server = subprocess.Popen([sys.executable, "-m", "app", "serve"], cwd=ROOT, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            stderr = server.communicate()[1]
            raise RuntimeError(f"the server exited: {stderr.decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/static/favicon.svg", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the server did not start in time")


def run_load(base: str, paths: list[str], *, concurrency: int) -> dict:
    """Send every path once (concurrently, bounded by the time cap); latency in ms per request."""
    local = threading.local()
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    deadline = time.monotonic() + TIME_CAP_SECONDS

    def fetch(path: str) -> None:
        nonlocal failures
        if time.monotonic() > deadline:
            return
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=60)
        start = time.perf_counter()
        try:
            ok = local.client.get(path).status_code == 200
        except httpx.HTTPError:
            ok = False
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            latencies.append(elapsed)
            failures += 0 if ok else 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(fetch, paths))
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies), "failures": failures, "per_second": len(latencies) / wall if wall else 0.0,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))] if latencies else 0.0,
        "max": latencies[-1] if latencies else 0.0,
    }


def request_mix(data: dict, *, count: int, seed: int = 11) -> dict[str, list[str]]:
    chooser = random.Random(seed)
    texts = data["quote_texts"]

    def search_words() -> str:
        words = chooser.choice(texts).rstrip(",").split()
        start = chooser.randrange(max(1, len(words) - 1))
        return " ".join(words[start:start + 2])

    def speaker_name() -> str:
        return chooser.choice(data["speaker_names"])

    def quarter() -> dict[str, str]:
        start = datetime(2015, 1, 1) + timedelta(days=chooser.randrange(max(1, data["days"] - 90)))
        return {"since": start.date().isoformat(), "until": (start + timedelta(days=90)).date().isoformat()}

    def altered_quote() -> str:
        words = chooser.choice(texts).rstrip(",").split()
        if chooser.random() < 0.5 and len(words) > 4:
            del words[chooser.randrange(len(words))]  # a dropped word: the check must find and explain it
        return " ".join(words[: chooser.randint(6, max(6, len(words)))])

    return {
        "static file (baseline)": ["/static/favicon.svg"] * count,
        "article page": [f"/articles/{chooser.choice(data['articles'])}" for _ in range(count)],
        "speaker page": [f"/speakers/{chooser.choice(data['speakers'])}" for _ in range(count)],
        "search": [str(httpx.URL("/search", params={"q": search_words()})) for _ in range(count)],
        "check": [str(httpx.URL("/check", params={"text": altered_quote()})) for _ in range(count)],
        # The explorer: quotes by a speaker containing words, broad filters by outlet and dates sorted by date,
        # the speakers list by newest quote, and a filtered export streamed whole (one outlet's direct quotes
        # over a quarter: a few hundred rows).
        "filtered search": [str(httpx.URL("/search", params={
            "speaker": speaker_name(), "q": search_words().split()[0], "kind": "verbatim"})) for _ in range(count)],
        "filters, newest first": [str(httpx.URL("/search", params={
            "outlet": f"Outlet {chooser.randrange(40)}", **quarter(), "kind": "direct", "sort": "newest"}))
            for _ in range(count)],
        "speakers by newest quote": [f"/speakers?type=person&sort=recent&page={chooser.randint(1, 5)}"
                                     for _ in range(count)],
        "export CSV (filtered)": [str(httpx.URL("/export.csv", params={
            "outlet": f"Outlet {chooser.randrange(40)}", **quarter(), "kind": "direct"})) for _ in range(count)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 2,000 quotes, 30 requests per page")
    parser.add_argument("--quotes", type=int, default=None, help="stored quotes to generate (default 100,000)")
    parser.add_argument("--requests", type=int, default=None, help="requests per page (default 400)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--database", type=Path, default=None,
                        help="SQLite file to generate into and keep; reused if it already exists")
    args = parser.parse_args()
    quotes = args.quotes or (2_000 if args.quick else 100_000)
    count = args.requests or (30 if args.quick else 400)

    workdir = tempfile.TemporaryDirectory(prefix="quotetrail-load-")
    path = args.database or Path(workdir.name) / "load.db"
    url = f"sqlite:///{path.resolve()}"
    if path.exists():
        print(f"reusing {path}", file=sys.stderr)
        data = describe(url)
    else:
        print(f"generating {quotes:,} quotes into {path}", file=sys.stderr)
        data = build_collection(url, quotes=quotes)

    port = free_port()
    server = start_server(url, port)
    try:
        base = f"http://127.0.0.1:{port}"
        mix = request_mix(data, count=count)
        # Warm-up: the first request of each kind loads code, templates and SQLite pages.
        run_load(base, [paths[0] for paths in mix.values()] * 3, concurrency=1)
        results = {name: run_load(base, paths, concurrency=args.concurrency) for name, paths in mix.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
        workdir.cleanup()

    baseline = results["static file (baseline)"]["p95"] or 1e-9
    print(f"\nquotetrail web app, SQLite, {data['quotes']:,} quotes in {len(data['articles']):,} articles, "
          f"{data['speaker_count']:,} quoted speakers; one uvicorn worker on 127.0.0.1, "
          f"{args.concurrency} client threads, {os.cpu_count()} cores\n")
    print("| page | requests | failures | requests/s | p50 ms | p95 ms | max ms | p95 vs static |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, result in results.items():
        print(f"| {name} | {result['requests']} | {result['failures']} | {result['per_second']:.1f} | "
              f"{result['p50']:.1f} | {result['p95']:.1f} | {result['max']:.1f} | {result['p95'] / baseline:.1f}× |")


if __name__ == "__main__":
    main()
