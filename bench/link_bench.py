"""Benchmark: the incremental link phase's cost per new article at 10k and 100k stored articles, against the full pass.

    python bench/link_bench.py [--quick] [--database-url URL] [--sizes 10000,100000] [--quotes-per-article N]

At each size, in one run:
1. the collection is filled up to that many articles with store_bench's synthetic generator (names
   printed in several forms, 15% of quotes copied from earlier ones), written through `repo.add_article`
   many articles per transaction (no linking: the full pass below links them), so 100k articles take
   minutes, not the ingest path's hour;
2. `quotetrail link --full` (run_link_phase(full=True)): every speaker re-linked, every quote matched,
   every family decided; timed, and per stored article;
3. NEW articles stored through `store_document` (ingest's own path, provisional links), then one
   incremental `quotetrail link` over them, timed: ms per new article;
4. 20 single articles, each stored and then linked alone (the web's "add an article"): p50 / p95 ms.
The table gives each incremental cost per article against the full pass's cost per article (the
baseline, same run and size). Defaults: SQLite in a temporary directory, 2 quotes per article.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, func, select

from app.services.ingest import store_document
from app.services.linking import run_link_phase
from app.store import repo
from app.store.db import create_database_engine, session_scope, upgrade_database
from app.store.models import Article, Quote, QuoteFamily, Speaker

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import store_bench  # noqa: E402  (the synthetic collection, shared with the store benchmark)

NEW_ARTICLES = 200  # stored after the full pass, then linked by one incremental pass
SINGLE_ADDS = 20  # stored and linked one at a time
FILL_TRANSACTION = 2000  # articles per transaction while filling


def fill(engine: Engine, collection: store_bench.Collection, *, articles: int) -> float:
    """Add `articles` generated articles without linking; returns seconds."""
    started = time.perf_counter()
    remaining = articles
    while remaining:
        count = min(FILL_TRANSACTION, remaining)
        with session_scope(engine) as session:
            for _ in range(count):
                document, record = collection.article()
                repo.add_article(session, record=record, source_name=document.id, outlet=document.outlet,
                                 published_at=document.published)
        remaining -= count
    return time.perf_counter() - started


def counts(engine: Engine) -> tuple[int, int, int, int]:
    with session_scope(engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[return-value]
                     for model in (Article, Quote, Speaker, QuoteFamily))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 and 3,000 articles")
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in a temporary directory")
    parser.add_argument("--sizes", default=None, help="stored articles, comma-separated (default 10000,100000)")
    parser.add_argument("--quotes-per-article", type=int, default=2)
    parser.add_argument("--speakers", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    arguments = parser.parse_args()
    sizes = [int(size) for size in (arguments.sizes or ("1000,3000" if arguments.quick else "10000,100000"))
             .split(",")]
    store_bench.QUOTES_PER_ARTICLE = arguments.quotes_per_article
    rows = []
    with tempfile.TemporaryDirectory(prefix="quotetrail-link-bench-") as directory:
        url = arguments.database_url or f"sqlite:///{Path(directory) / 'link.db'}"
        upgrade_database(url)
        engine = create_database_engine(url)
        collection = store_bench.Collection(seed=arguments.seed, speakers=300 if arguments.quick
                                            else arguments.speakers)
        stored = 0
        for size in sizes:
            print(f"filling to {size:,} articles ...", file=sys.stderr)
            fill_seconds = fill(engine, collection, articles=size - stored)
            stored = size
            print("full link pass ...", file=sys.stderr)
            started = time.perf_counter()
            full = run_link_phase(engine, full=True)
            full_seconds = time.perf_counter() - started
            before = counts(engine)
            print(f"{NEW_ARTICLES} new articles, one incremental pass ...", file=sys.stderr)
            for _ in range(NEW_ARTICLES):
                document, record = collection.article()
                with session_scope(engine) as session:
                    store_document(session, document=document, record=record, ingestion_run_id=None)
            started = time.perf_counter()
            incremental = run_link_phase(engine)
            incremental_seconds = time.perf_counter() - started
            assert incremental.articles == NEW_ARTICLES, incremental
            singles = []
            for _ in range(SINGLE_ADDS):
                document, record = collection.article()
                with session_scope(engine) as session:
                    store_document(session, document=document, record=record, ingestion_run_id=None)
                started = time.perf_counter()
                run_link_phase(engine)
                singles.append((time.perf_counter() - started) * 1000)
            nothing_started = time.perf_counter()
            assert run_link_phase(engine).articles == 0
            nothing_ms = (time.perf_counter() - nothing_started) * 1000
            stored += NEW_ARTICLES + SINGLE_ADDS
            rows.append((before, fill_seconds, full_seconds, full, incremental_seconds, singles, nothing_ms))
        engine.dispose()

    print(f"\nLink phase benchmark ({engine.dialect.name}, {os.cpu_count()} CPUs, "
          f"{arguments.quotes_per_article} quotes per article)\n")
    print("| stored articles | quotes | speakers | families | fill s (no linking) | full pass s | "
          "full pass ms/article (baseline) | incremental, 200 new: ms/article | vs full | "
          "one new article alone: p50 / p95 ms | vs full | nothing new: ms |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for before, fill_seconds, full_seconds, full, incremental_seconds, singles, nothing_ms in rows:
        articles, quotes, speakers, families = before
        per_full = full_seconds * 1000 / full.articles
        per_new = incremental_seconds * 1000 / NEW_ARTICLES
        single = statistics.median(singles)
        print(f"| {articles:,} | {quotes:,} | {speakers:,} | {families:,} | {fill_seconds:.0f} | {full_seconds:.1f} | "
              f"{per_full:.2f} | {per_new:.1f} | {per_new / per_full:.1f}× | {single:.0f} / "
              f"{percentile(singles, 0.95):.0f} | {single / per_full:.0f}× | {nothing_ms:.1f} |")
    print("\nfull pass: `quotetrail link --full` over the collection (speakers and families), per article linked. "
          "incremental: `quotetrail link` after 200 articles were stored by ingest's path; one new article "
          "alone: stored, then linked by itself, as the web's add does (20 times). Ratios against the full "
          "pass's cost per article in the same run.")


if __name__ == "__main__":
    main()
