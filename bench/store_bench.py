"""Benchmark: the store's cost next to the pipeline's, database size, and look-up latency at 10k and 100k quotes.

    python bench/store_bench.py [--quick] [--database-url URL] [--sample N]

One run does four things and prints a markdown table:
1. the pipeline alone (nlp.extract_many) on a sample of real articles (--corpus; a PolNeAR checkout if
   there is one, else samples/ repeated), then `run_ingest` of the same articles into a fresh
   database, alternating; run_ingest times its own phases, so the store overhead is the time spent
   storing and linking over the time spent in the pipeline, inside the same ingest;
2. a synthetic collection (generated articles with generated quote records: Zipf-distributed words,
   a few thousand speakers printed in several forms, 15% of quotes copied from earlier ones) stored
   through the very same `store_document` path, one transaction per article, up to 10k and then 100k
   quotes, timing every article;
3. at each size: the `link --full` pass over the whole collection (run_link_phase: every quote's speaker
   re-decided from the stored names, every family from the stored matches), timed, and the link phase
   for one article (link_articles: its speakers and the speakers its names can affect, its families;
   what the web's "add an article" runs) for 20 articles; then p50/p95 of speaker look-up (by a printed name,
   through the indexed folded key), quote text search (full-text, two words) and family look-up (a
   quote's family, earliest first); the explorer's reads (filtered search, broad filters by date, the
   speakers list's sorts, a speaker's page); and an export of every quote, streamed, against a bare
   read of the same rows;
4. database size per article (after a WAL checkpoint).
The default run (20,000 articles, 100k quotes) takes a few minutes on SQLite; --quick is a smoke
run (400 articles, 2k quotes).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from app.services import linking
from app.services.ingest import run_ingest, store_document
from app.services.readers import SourceDocument
from app.store import queries
from app.store.db import create_database_engine, session_scope, upgrade_database
from app.store.models import Article, Quote, QuoteFamily, Speaker
from nlp.records import DocumentRecord, PersonRecord, QuoteRecord

ROOT = Path(__file__).resolve().parents[1]

QUOTES_PER_ARTICLE = 5
COPIED_QUOTE_SHARE = 0.15  # quotes that repeat an earlier statement, verbatim or slightly changed
# Articles whose scoped link pass (the web's add) is timed at each size.
SCOPED_LINKS = 20
LOOKUPS = 300  # timed queries per kind and size
TITLES = ("President", "Minister", "Senator", "Mayor", "Governor", "Chief Executive", "Spokesperson")


class Collection:
    """Generates articles with exact quote offsets, speakers and copied quotes, deterministically."""

    def __init__(self, *, seed: int, speakers: int, vocabulary: int = 20_000) -> None:
        self.random = random.Random(seed)
        syllables = [consonant + vowel for consonant in "bdfgklmnprstvz" for vowel in "aeiou"]
        words: set[str] = set()
        while len(words) < vocabulary:
            words.add("".join(self.random.choice(syllables) for _ in range(self.random.choice((1, 2, 2, 3, 3, 4)))))
        self.words = sorted(words, key=len)  # short words are the common ones, as in English
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]
        given = [word.capitalize() for word in self.random.sample(self.words[200:], 400)]
        surnames = [word.capitalize() + self.random.choice(["", "son", "er", "ova", "ez"])
                    for word in self.random.sample(self.words[500:], speakers)]
        self.people = [(self.random.choice(given), surname) for surname in surnames]
        self.people_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.people))]
        self.statements: list[tuple[str, int]] = []  # (quote text, speaker index) for copying
        self.article_number = 0

    def sentence(self, count: int) -> str:
        words = self.random.choices(self.words, weights=self.weights, k=count)
        return " ".join(words).capitalize()

    def statement(self) -> tuple[str, int]:
        if self.statements and self.random.random() < COPIED_QUOTE_SHARE:
            quote, person = self.random.choice(self.statements)
            words = quote.split()
            if self.random.random() < 0.5 and len(words) > 6:
                words[self.random.randrange(len(words))] = self.random.choice(self.words[:3000])  # a small change
            return " ".join(words), person
        quote = self.sentence(self.random.randint(10, 24))
        person = self.random.choices(range(len(self.people)), weights=self.people_weights)[0]
        self.statements.append((quote, person))
        return quote, person

    def printed_name(self, person: int) -> tuple[str, list[str], str | None]:
        given, surname = self.people[person]
        roll = self.random.random()
        if roll < 0.7:
            return f"{given} {surname}", [f"{given} {surname}", surname], None
        if roll < 0.85:
            return surname, [surname], None
        title = self.random.choice(TITLES)
        return f"{given} {surname}", [f"{given} {surname}", surname], title

    def article(self) -> tuple[SourceDocument, DocumentRecord]:
        self.article_number += 1
        parts: list[str] = []
        paragraphs: list[tuple[int, int]] = []
        quotes: list[QuoteRecord] = []
        people: dict[str, PersonRecord] = {}
        position = 0
        for paragraph_index in range(QUOTES_PER_ARTICLE):
            statement, person = self.statement()
            name, aliases, title = self.printed_name(person)
            lead = self.sentence(self.random.randint(12, 30)) + ". "
            opening = lead + "\u201c"
            paragraph = f"{opening}{statement},\u201d {name} said."
            quote_start = position + len(opening)
            quote_end = quote_start + len(statement) + 1
            mention_start = quote_end + 2
            quotes.append(QuoteRecord(
                text=statement + ",", start=quote_start, end=quote_end, kind="direct",
                parts=[(quote_start, quote_end)], verbatim=[(quote_start, quote_end)], speaker=name, mention=name,
                mention_start=mention_start, mention_end=mention_start + len(name), cue="said",
                cue_start=mention_start + len(name) + 1, cue_end=mention_start + len(name) + 5,
                paragraph=paragraph_index, confidence=0.9, resolution="named next to the cue", speaker_title=title,
            ))
            people.setdefault(name, PersonRecord(name=name, titles=[title] if title else [], aliases=aliases))
            paragraphs.append((position, position + len(paragraph)))
            parts.append(paragraph)
            position += len(paragraph) + 2
        body = "\n\n".join(parts)
        doc_id = f"synthetic-{self.article_number}"
        published = 1_500_000_000 + self.article_number * 3600
        document = SourceDocument(source=doc_id, id=doc_id, text=body, outlet=f"Outlet {self.article_number % 40}",
                                  published=datetime.fromtimestamp(published, tz=UTC))
        record = DocumentRecord(id=doc_id, text=body, paragraphs=paragraphs, quotes=quotes,
                                people=list(people.values()))
        for quote in quotes:
            assert body[quote.start:quote.end] == quote.text
        return document, record


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed_ms(function: Callable[..., object], /, *arguments: object, **keywords: object) -> float:
    """Milliseconds one call of `function(*arguments, **keywords)` takes."""
    start = time.perf_counter()
    function(*arguments, **keywords)
    return (time.perf_counter() - start) * 1000


def row_count(session: Session, model: type) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def fill(engine: Engine, collection: Collection, *, articles: int) -> list[float]:
    """Store `articles` generated articles, one transaction each; returns milliseconds per article."""
    times = []
    for _ in range(articles):
        document, record = collection.article()
        start = time.perf_counter()
        with session_scope(engine) as session:
            store_document(session, document=document, record=record, ingestion_run_id=None)
        times.append((time.perf_counter() - start) * 1000)
    return times


EXPLORER_LOOKUPS = ("filtered search", "filters, newest first", "speakers list", "speaker page")


def measure_lookups(engine: Engine, collection: Collection, *, seed: int) -> dict[str, list[float]]:
    chooser = random.Random(seed)
    results: dict[str, list[float]] = {"speaker look-up": [], "quote text search": [], "family look-up": [],
                                       **{kind: [] for kind in EXPLORER_LOOKUPS}}
    with session_scope(engine) as session:
        max_quote = session.scalar(select(func.max(Quote.id))) or 1
        family_quotes = list(session.scalars(select(Quote.id).where(Quote.family_id.is_not(None)).limit(5000)))
        for _ in range(LOOKUPS):
            given, surname = chooser.choice(collection.people)
            name = chooser.choice([f"{given} {surname}", surname, f"President {given} {surname}"])
            results["speaker look-up"].append(timed_ms(linking.find_speakers_named, session, name=name))
            query = " ".join(chooser.choices(collection.words[200:4000], k=2))
            results["quote text search"].append(
                timed_ms(queries.search_quotes_fulltext, session, query=query, limit=20))
            quote_id = chooser.choice(family_quotes) if family_quotes and chooser.random() < 0.5 \
                else chooser.randint(1, max_quote)
            results["family look-up"].append(timed_ms(queries.family_of_quote, session, quote_id=quote_id))
            session.expunge_all()  # a cold object per query, as a web request would see
            measure_explorer(session, chooser, collection, results)
            session.expunge_all()
    return results


def measure_explorer(session: Session, chooser: random.Random, collection: Collection,
                     results: dict[str, list[float]]) -> None:
    """One of each explorer read, as the search page, the speakers list and a speaker's page make them."""
    given, surname = chooser.choice(collection.people[:300])  # speakers with quotes to find
    word = chooser.choice(collection.words[200:4000])
    filters = queries.QuoteFilters(speaker=surname, words=word, kinds=("direct", "mixed"))
    results["filtered search"].append(timed_ms(
        queries.filtered_quote_page, session, filters=filters, limit=50, max_count=10_000))
    start = date(2017, 7, 14) + timedelta(days=chooser.randrange(700))
    broad = queries.QuoteFilters(outlet=f"Outlet {chooser.randrange(40)}", since=start,
                                 until=start + timedelta(days=90), kinds=("direct",), sort="newest",
                                 min_confidence=0.5)
    results["filters, newest first"].append(timed_ms(
        queries.filtered_quote_page, session, filters=broad, limit=50, offset=50 * chooser.randrange(3),
        max_count=10_000))
    results["speakers list"].append(timed_ms(
        queries.speaker_listing, session, kind="person", sort=chooser.choice(("quotes", "name", "recent")),
        limit=50, offset=50 * chooser.randrange(10)))
    # One of the 300 most quoted speakers (outside the timing: the page knows its speaker already).
    speaker_id = session.scalar(select(Speaker.id).where(Speaker.quote_count > 0)
                                .order_by(Speaker.quote_count.desc(), Speaker.id)
                                .offset(chooser.randrange(300)).limit(1))
    if speaker_id is not None:
        def speaker_page() -> None:
            queries.speaker_quotes_per_month(session, speaker_id=speaker_id)
            queries.speaker_outlets(session, speaker_id=speaker_id, limit=12)
            queries.filtered_quote_page(session, filters=queries.QuoteFilters(speaker_id=speaker_id, sort="newest"),
                                        limit=50, max_count=10_000)
        results["speaker page"].append(timed_ms(speaker_page))


@dataclass
class ExportTiming:
    rows: int
    seconds: float
    baseline_seconds: float  # the same rows read by a bare cursor, nothing written
    peak_bytes: int  # Python memory at the export's peak (tracemalloc, separate pass)


def measure_export(engine: Engine) -> ExportTiming:
    """Export every quote as CSV through the streaming path, against reading the same columns bare."""
    import tracemalloc

    from app.services.export import export_chunks

    everything = queries.QuoteFilters(sort="newest")
    with session_scope(engine) as session:
        started = time.perf_counter()
        baseline_rows = sum(1 for _ in session.execute(
            select(Quote.id, Quote.text, Quote.kind, Quote.start, Quote.end, Article.title, Article.outlet)
            .join(Article, Article.id == Quote.article_id), execution_options={"yield_per": 500}))
        baseline = time.perf_counter() - started
    with session_scope(engine) as session:
        started = time.perf_counter()
        written = sum(chunk.count("\n") for chunk in export_chunks(
            session, filters=everything, format="jsonl", base_url="http://bench"))
        seconds = time.perf_counter() - started
    with session_scope(engine) as session:
        tracemalloc.start()
        for _ in export_chunks(session, filters=everything, format="csv", base_url="http://bench"):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert written == baseline_rows
    return ExportTiming(rows=written, seconds=seconds, baseline_seconds=baseline, peak_bytes=peak)


def database_bytes(engine: Engine, url: str) -> int | None:
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(url.split("///", 1)[1])
        return sum(candidate.stat().st_size for candidate in (path, Path(f"{path}-wal")) if candidate.exists())
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_database_size(current_database())")).scalar()


def load_articles(corpus: Path, count: int) -> list[str]:
    """`count` real articles from `corpus`; a small corpus is repeated with a numbered last line, which
    makes every quote a copy of an earlier one (the costliest case for family linking)."""
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(corpus.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt articles under {corpus}")
    if len(texts) >= count:
        return texts[:count]
    return [f"{texts[number % len(texts)]}\n\nEdition {number}." for number in range(count)]


@dataclass
class PipelineOverhead:
    """The pipeline alone against the whole ingest, on the same real articles (seconds are medians)."""

    corpus: str
    articles: int
    quotes: int
    bare: float
    ingest: float
    store_share: float


def pipeline_overhead(corpus: Path, sample: int, rounds: int, workdir: Path) -> PipelineOverhead:
    """Pipeline alone vs. run_ingest on the same real articles, alternating, median of `rounds` each."""
    import nlp

    texts = load_articles(corpus, sample)
    pipeline = nlp.build_pipeline()
    list(nlp.extract_many(pipeline, [("warm-up", texts[0])]))
    batch = workdir / "sample.jsonl"
    batch.write_text("".join(json.dumps({"id": f"s{number}", "text": body}) + "\n"
                             for number, body in enumerate(texts)), encoding="utf-8")
    bare_times, ingest_times, store_shares, quotes = [], [], [], 0

    def bare() -> None:
        nonlocal quotes
        start = time.perf_counter()
        records = list(nlp.extract_many(pipeline, [(str(number), body) for number, body in enumerate(texts)]))
        bare_times.append(time.perf_counter() - start)
        quotes = sum(len(record.quotes) for record in records)

    def ingest(round_number: int) -> None:
        url = f"sqlite:///{workdir / f'ingest-{round_number}.db'}"
        upgrade_database(url)
        engine = create_database_engine(url)
        start = time.perf_counter()
        summary = run_ingest([batch], engine=engine, nlp=pipeline, progress=False)
        ingest_times.append(time.perf_counter() - start)
        store_shares.append(summary.store_seconds / summary.pipeline_seconds)
        engine.dispose()
        assert summary.count("stored") == len(texts), summary.render()

    for round_number in range(rounds):  # alternating which goes first, so neither always runs colder
        if round_number % 2:
            ingest(round_number)
            bare()
        else:
            bare()
            ingest(round_number)
    return PipelineOverhead(corpus=str(corpus), articles=len(texts), quotes=quotes,
                            bare=statistics.median(bare_times), ingest=statistics.median(ingest_times),
                            store_share=statistics.median(store_shares))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke run: 2k quotes, small sample")
    parser.add_argument("--database-url", default=None,
                        help="store the synthetic collection here (default: a SQLite file in a temp directory)")
    parser.add_argument("--sample", type=int, default=None, help="real articles for the pipeline comparison")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="folder of real .txt articles (default: a PolNeAR checkout at "
                             "/work/corpora/PolNeAR/data/train/text if present, else samples/)")
    parser.add_argument("--rounds", type=int, default=None, help="pipeline/ingest rounds (median reported)")
    parser.add_argument("--speakers", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()

    sizes = [400, 2_000] if arguments.quick else [10_000, 100_000]  # quotes
    sample = arguments.sample or (20 if arguments.quick else 100)
    rounds = arguments.rounds or (1 if arguments.quick else 3)
    corpus = arguments.corpus or next(
        path for path in (Path("/work/corpora/PolNeAR/data/train/text"), ROOT / "samples") if path.is_dir())
    speakers = 300 if arguments.quick else arguments.speakers
    with tempfile.TemporaryDirectory(prefix="quotetrail-bench-") as directory:
        workdir = Path(directory)
        print(f"pipeline vs ingest on {sample} real articles ...", file=sys.stderr)
        overhead = pipeline_overhead(corpus, sample, rounds, workdir)
        url = arguments.database_url or f"sqlite:///{workdir / 'collection.db'}"
        upgrade_database(url)
        engine = create_database_engine(url)
        collection = Collection(seed=arguments.seed, speakers=speakers)
        rows = []
        stored_articles = 0
        for size in sizes:
            articles = size // QUOTES_PER_ARTICLE - stored_articles
            print(f"storing {articles} synthetic articles (to {size} quotes) ...", file=sys.stderr)
            started = time.perf_counter()
            store_times = fill(engine, collection, articles=articles)
            elapsed = time.perf_counter() - started
            stored_articles += articles
            print(f"link pass over {size} quotes ...", file=sys.stderr)
            link_started = time.perf_counter()
            report = linking.run_link_phase(engine, full=True)
            link_seconds = time.perf_counter() - link_started
            # What the web's "add an article" adds: the link pass scoped to one article's speakers.
            scoped: list[float] = []
            with session_scope(engine) as session:
                article_ids = list(session.scalars(select(Article.id)))
                chosen = random.Random(arguments.seed).sample(article_ids, min(SCOPED_LINKS, len(article_ids)))
                for article_id in chosen:
                    scoped.append(timed_ms(linking.link_articles, session, article_ids=[article_id]))
            lookups = measure_lookups(engine, collection, seed=arguments.seed + size)
            with session_scope(engine) as session:
                counts = (row_count(session, Article), row_count(session, Quote), row_count(session, QuoteFamily),
                          queries.collection_counts(session).speakers)
            size_bytes = database_bytes(engine, url)
            print(f"exporting {counts[1]:,} quotes ...", file=sys.stderr)
            exports = measure_export(engine)
            rows.append((counts, store_times, elapsed, articles, lookups, size_bytes, exports,
                         (link_seconds, report, scoped)))
        engine.dispose()

    per_article_pipeline = overhead.bare / overhead.articles * 1000
    per_article_ingest = overhead.ingest / overhead.articles * 1000
    kind = "quick" if arguments.quick else "full"
    print(f"\nStore benchmark ({engine.dialect.name}, {os.cpu_count()} CPUs; {kind} run)\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| pipeline alone, {overhead.articles} real articles ({overhead.quotes} quotes, "
          f"from {overhead.corpus}, median of {rounds}) | "
          f"{per_article_pipeline:.1f} ms/article ({1000 / per_article_pipeline:.1f} articles/s) |")
    print(f"| ingest (read + pipeline + store + link), same articles | {per_article_ingest:.1f} ms/article "
          f"({1000 / per_article_ingest:.1f} articles/s) |")
    print(f"| **store overhead inside ingest** (time storing and linking / time in the pipeline, same run) | "
          f"**{overhead.store_share:.1%}** |")
    print(f"| whole ingest vs pipeline alone (ingest / pipeline - 1; other load on the machine shows here) | "
          f"{overhead.ingest / overhead.bare - 1:+.1%} |")
    print()
    print("| collection | articles | speakers | families | store ms/article p50 / p95 | store articles/s | "
          "store / pipeline | DB bytes/article | speaker look-up p50 / p95 ms | quote text search p50 / p95 ms | "
          "family look-up p50 / p95 ms | link --full s (quotes moved) | link --full / storing those articles | "
          "link phase for one article p50 / p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for counts, store_times, elapsed, articles, lookups, size_bytes, _exports, (link_seconds, report, scoped) in rows:
        article_count, quote_count, families, speaker_count = counts
        cells = [f"{quote_count:,} quotes", f"{article_count:,}", f"{speaker_count:,}", f"{families:,}",
                 f"{percentile(store_times, 0.5):.1f} / {percentile(store_times, 0.95):.1f}",
                 f"{articles / elapsed:.0f}",
                 f"{statistics.mean(store_times) / per_article_pipeline:.1%}",
                 f"{size_bytes / article_count:,.0f}" if size_bytes else "n/a"]
        for kind in ("speaker look-up", "quote text search", "family look-up"):
            cells.append(f"{percentile(lookups[kind], 0.5):.2f} / {percentile(lookups[kind], 0.95):.2f}")
        cells.append(f"{link_seconds:.1f} ({report.quotes_moved:,})")
        cells.append(f"{link_seconds / elapsed:.1%}")
        cells.append(f"{percentile(scoped, 0.5):.0f} / {percentile(scoped, 0.95):.0f}")
        print("| " + " | ".join(cells) + " |")
    print("\nstore / pipeline: mean time to store one synthetic article (5 quotes, linking included) at that size, "
          "divided by the pipeline's time per real article measured above. link --full: `quotetrail link --full` "
          "over the whole collection at that size (the look-ups are measured after it); its share is against the time "
          "the store took to add that step's articles.")
    print("\nExplorer reads (p50 / p95 ms; in brackets p95 against the quote text search's p95, same run):\n")
    print("| collection | " + " | ".join(EXPLORER_LOOKUPS) + " | export, all quotes | export vs bare read | "
          "export peak memory |")
    print("|---|" + "---|" * (len(EXPLORER_LOOKUPS) + 3))
    for counts, _, _, _, lookups, _, exports, _ in rows:
        baseline = percentile(lookups["quote text search"], 0.95) or 1e-9
        cells = [f"{counts[1]:,} quotes"]
        for kind in EXPLORER_LOOKUPS:
            p95 = percentile(lookups[kind], 0.95)
            cells.append(f"{percentile(lookups[kind], 0.5):.2f} / {p95:.2f} ({p95 / baseline:.1f}×)")
        cells.append(f"{exports.seconds:.1f} s ({exports.rows / exports.seconds:,.0f} rows/s)")
        cells.append(f"{exports.seconds / exports.baseline_seconds:.1f}×")
        cells.append(f"{exports.peak_bytes / 1e6:.1f} MB")
        print("| " + " | ".join(cells) + " |")
    print("\nfiltered search: a speaker's direct or mixed quotes containing a word; filters, newest first: one outlet, "
          "90 days, direct, confidence >= 0.5, a page of 50 by date; speakers list: people by quotes, name or newest "
          "quote; speaker page: quotes per month, outlets and the first page of quotes. Export: JSON Lines of every "
          "quote through the streaming path, against a bare cursor over the same rows; memory peak of a CSV pass.")


if __name__ == "__main__":
    main()
