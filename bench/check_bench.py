"""Quote-check latency at 10k and 100k stored articles, against a brute-force rapidfuzz scan of every paragraph.

    python bench/check_bench.py            # 10k and 100k articles (a few minutes, ~1 GB of temporary disk)
    python bench/check_bench.py --quick    # 1k and 5k articles, a smoke run

A synthetic collection (Zipf-distributed made-up vocabulary, a few thousand speakers, quotes inside
paragraphs, some quotes carried by several articles) is written straight through the store's tables,
not through spaCy, into a migrated SQLite file. Checks are a mix of what fact-checkers paste:
verbatim excerpts of stored quotes, elided ones, one changed word, narrative text, and fabricated
quotes (which take the slow path: no exact candidate, so the "any word" search runs). The baseline
scans every paragraph with rapidfuzz's partial_ratio, in memory, in the same run.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, func, insert, select

from app.services.check import check_quote
from app.store.db import create_database_engine, make_session_factory, upgrade_database
from app.store.models import Article, ArticleParagraph, Quote, QuoteFamily, Speaker

FUNCTION_WORDS = (
    "the of and to a in that is was he for it with as his on be at by i this had not are but from or have an "
    "they which one you were her all she there would their we him been has when who will more no if out so "
    "said what up its about into than them can only other new some could time these two may then do first any "
    "my now such like our over man me even most made after also did many before must through back years where "
    "much your way well down should because each just those people how too little state good very make world"
).split()
SYLLABLES = ("ka ra to mi sa ne lo vi de po ta ri mu se ga fe no li be ku da zo ha ve ti ma re so lu pa "
             "an el or in ur ar en ol um ir es ot").split()
ZIPF_OFFSET = 150
QUOTE_SHARE = 0.35  # paragraphs that carry a quote
FAMILY_SHARE = 0.05  # quotes that repeat an earlier article's quote


@dataclass
class Synthetic:
    """A deterministic generator of articles, speakers and quotes over a made-up Zipfian vocabulary."""

    seed: int = 7
    vocabulary_size: int = 30_000
    speaker_count: int = 3_000

    def __post_init__(self):
        self.random = random.Random(self.seed)
        words: set[str] = set()
        while len(words) < self.vocabulary_size:
            words.add("".join(self.random.choices(SYLLABLES, k=self.random.randint(2, 4))))
        self.content_words = sorted(words)
        self.random.shuffle(self.content_words)
        # Zipf over all words, of which the content words take the ranks after the function words: the
        # k-th most common content word is used about 1/(k + ZIPF_OFFSET) as often as "the".
        self.content_weights = [1.0 / (rank + ZIPF_OFFSET) for rank in range(len(self.content_words))]
        self.cumulative = list(_accumulate(self.content_weights))
        names = sorted({"".join(self.random.choices(SYLLABLES, k=self.random.randint(2, 3))).title()
                        for _ in range(self.speaker_count * 3)})
        self.speakers = [f"{self.random.choice(names)} {self.random.choice(names)}" for _ in range(self.speaker_count)]

    def words(self, rng: random.Random, count: int) -> list[str]:
        content = rng.choices(self.content_words, cum_weights=self.cumulative, k=count)
        return [rng.choice(FUNCTION_WORDS) if rng.random() < 0.45 else word for word in content]

    def sentence(self, rng: random.Random) -> str:
        words = self.words(rng, rng.randint(8, 20))
        return " ".join(words).capitalize() + "."


def _accumulate(weights):
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def populate(engine: Engine, generator: Synthetic, *, first_id: int, count: int, batch: int = 2_000) -> None:
    """Append `count` articles (ids from `first_id`) with paragraphs and quotes, in batches of one transaction.

    Each batch draws from its own random stream, seeded by its first article id, so a collection
    grown in two runs holds the same articles as one built in a single run.
    """
    factory = make_session_factory(engine)
    with factory() as session:
        if session.scalar(select(func.count()).select_from(Speaker)) == 0:
            session.execute(insert(Speaker), [
                {"id": index + 1, "name": name, "key": name.casefold(), "surname": name.split()[-1].casefold(),
                 "is_person": True, "quote_count": 0}
                for index, name in enumerate(generator.speakers)])
            session.commit()
        next_quote_id = (session.scalar(select(func.max(Quote.id))) or 0) + 1
        next_paragraph_id = (session.scalar(select(func.max(ArticleParagraph.id))) or 0) + 1
        next_family_id = (session.scalar(select(func.max(QuoteFamily.id))) or 0) + 1
        recent_quotes: list[str] = [text for (text,) in session.execute(
            select(Quote.text).order_by(Quote.id.desc()).limit(500))]
    start_day = datetime(2015, 1, 1, tzinfo=UTC)
    for batch_start in range(first_id, first_id + count, batch):
        rng = random.Random(generator.seed * 1_000_003 + batch_start)
        articles, paragraphs, quotes, families = [], [], [], []
        for article_id in range(batch_start, min(batch_start + batch, first_id + count)):
            pieces: list[str] = []
            position = 0
            for paragraph_number in range(rng.randint(6, 10)):
                if pieces:
                    position += 2  # the blank line between paragraphs
                paragraph_start = position
                if rng.random() < QUOTE_SHARE:
                    speaker_id = rng.randint(1, len(generator.speakers))
                    copied = recent_quotes and rng.random() < FAMILY_SHARE
                    quote_text = rng.choice(recent_quotes) if copied else " ".join(
                        generator.sentence(rng) for _ in range(rng.randint(1, 2)))
                    paragraph = f'"{quote_text}" {generator.speakers[speaker_id - 1]} said.'
                    quote_start = paragraph_start + 1
                    quote = {
                        "id": next_quote_id, "article_id": article_id, "paragraph": paragraph_number,
                        "start": quote_start, "end": quote_start + len(quote_text), "text": quote_text,
                        "normalized": quote_text.casefold(), "kind": "direct",
                        "parts": [[quote_start, quote_start + len(quote_text)]],
                        "verbatim": [[quote_start, quote_start + len(quote_text)]], "cue": "said",
                        "speaker_name": generator.speakers[speaker_id - 1], "speaker_id": speaker_id,
                        "confidence": 0.9, "resolution": "synthetic", "family_id": None,
                    }
                    if copied:
                        families.append({"id": next_family_id, "member_count": 2})
                        quote["family_id"] = next_family_id
                        next_family_id += 1
                    quotes.append(quote)
                    recent_quotes.append(quote_text)
                    next_quote_id += 1
                else:
                    paragraph = " ".join(generator.sentence(rng) for _ in range(rng.randint(2, 4)))
                pieces.append(paragraph)
                position += len(paragraph)
                paragraphs.append({"id": next_paragraph_id, "article_id": article_id, "position": paragraph_number,
                                   "start": paragraph_start, "end": position})
                next_paragraph_id += 1
            text = "\n\n".join(pieces)
            ranges = [[row["start"], row["end"]] for row in paragraphs if row["article_id"] == article_id]
            articles.append({
                "id": article_id, "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                "source_name": f"synthetic-{article_id}", "title": f"Synthetic article {article_id}",
                "outlet": f"Outlet {article_id % 40}", "published_at": start_day + timedelta(hours=article_id),
                "text": text, "paragraphs": ranges,
            })
        del recent_quotes[:-500]
        with factory() as session:
            session.execute(insert(Article), articles)
            session.execute(insert(ArticleParagraph), paragraphs)
            if families:
                session.execute(insert(QuoteFamily), families)
            session.execute(insert(Quote), quotes)
            session.commit()


def make_queries(engine: Engine, generator: Synthetic, *, count: int, seed: int) -> list[tuple[str, str]]:
    """(kind, pasted text) pairs drawn from the stored collection, in a fixed mix of kinds."""
    rng = random.Random(seed)
    with make_session_factory(engine)() as session:
        # populate() numbers articles and quotes from 1 without gaps, so every id up to the largest exists.
        top = session.execute(select(func.max(Quote.id))).scalar_one()
        articles = session.execute(select(func.max(Article.id))).scalar_one()
        queries: list[tuple[str, str]] = []
        kinds = ["verbatim"] * 4 + ["elided"] * 2 + ["changed"] * 2 + ["narrative"] + ["fabricated"]
        while len(queries) < count:
            kind = kinds[len(queries) % len(kinds)]
            if kind == "fabricated":
                queries.append((kind, " ".join(generator.words(rng, rng.randint(10, 16)))))
                continue
            if kind == "narrative":
                article = session.get_one(Article, rng.randint(1, articles))
                quoted = {quote.paragraph for quote in article.quotes}
                free = [index for index in range(len(article.paragraphs)) if index not in quoted]
                if not free:
                    continue
                start, end = article.paragraphs[rng.choice(free)]
                words = article.text[start:end].split()[:rng.randint(8, 14)]
                queries.append((kind, " ".join(words)))
                continue
            quote = session.get_one(Quote, rng.randint(1, top))
            words = quote.text.split()
            if len(words) < 8:
                continue
            first = rng.randint(0, max(0, len(words) - 12))
            words = words[first:first + rng.randint(8, 14)]
            if kind == "elided":
                middle = len(words) // 2
                words = words[:middle - 1] + ["..."] + words[middle + 1:]
            elif kind == "changed":
                words[len(words) // 2] = rng.choice(generator.content_words[:2000])
            queries.append((kind, f'"{" ".join(words)}"'))
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def time_checks(engine: Engine, queries: list[tuple[str, str]]) -> tuple[list[float], dict[str, list[float]], dict]:
    factory = make_session_factory(engine)
    seconds: list[float] = []
    by_kind: dict[str, list[float]] = {}
    verdicts: dict[str, dict[str, int]] = {}
    with factory() as session:
        check_quote(session, text=queries[0][1])  # warm the page cache and the statement cache
    for kind, text in queries:
        with factory() as session:
            started = time.perf_counter()
            result = check_quote(session, text=text)
            elapsed = time.perf_counter() - started
        seconds.append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)
        verdicts.setdefault(kind, {}).setdefault(result.verdict, 0)
        verdicts[kind][result.verdict] += 1
    return seconds, by_kind, verdicts


def time_brute_force(engine: Engine, queries: list[tuple[str, str]]) -> list[float]:
    """The baseline: every paragraph, case-folded and held in memory, scanned with partial_ratio per check."""
    with make_session_factory(engine)() as session:
        paragraphs: list[str] = []
        for text, ranges in session.execute(select(Article.text, Article.paragraphs)):
            paragraphs.extend(text[start:end].casefold() for start, end in ranges)
    seconds = []
    for _kind, text in queries:
        needle = text.strip('"').casefold()
        started = time.perf_counter()
        process.extractOne(needle, paragraphs, scorer=fuzz.partial_ratio, processor=None)
        seconds.append(time.perf_counter() - started)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1k and 5k articles, fewer checks: a smoke run")
    parser.add_argument("--sizes", default=None, help="comma-separated article counts (default 10000,100000)")
    parser.add_argument("--checks", type=int, default=None, help="checks timed per size (default 200; quick 40)")
    parser.add_argument("--baseline-checks", type=int, default=None,
                        help="brute-force scans timed per size (default 10; quick 5)")
    parser.add_argument("--database", default=None,
                        help="SQLite file to build in and keep (default: a temporary one); an existing file "
                             "made by this benchmark is reused and only grown")
    options = parser.parse_args(argv)
    sizes = [int(size) for size in (options.sizes or ("1000,5000" if options.quick else "10000,100000")).split(",")]
    checks = options.checks or (40 if options.quick else 200)
    baseline_checks = options.baseline_checks or (5 if options.quick else 10)

    with tempfile.TemporaryDirectory(prefix="quotetrail-check-bench-") as directory:
        path = Path(options.database) if options.database else Path(directory) / "bench.db"
        url = f"sqlite:///{path}"
        upgrade_database(url)
        engine = create_database_engine(url)
        generator = Synthetic()
        rows = []
        kind_rows = []
        with make_session_factory(engine)() as session:
            stored = session.execute(select(func.count()).select_from(Article)).scalar_one()
        for size in sorted(sizes):
            if size < stored:
                print(f"# skipping {size:,} articles: the database already holds {stored:,}", file=sys.stderr)
                continue
            started = time.perf_counter()
            populate(engine, generator, first_id=stored + 1, count=size - stored)
            stored = size
            build_seconds = time.perf_counter() - started
            with make_session_factory(engine)() as session:
                quote_count = session.scalar(select(func.count()).select_from(Quote))
                paragraph_count = session.scalar(select(func.count()).select_from(ArticleParagraph))
            print(f"# {size:,} articles, {paragraph_count:,} paragraphs, {quote_count:,} quotes "
                  f"(added in {build_seconds:.0f} s)", file=sys.stderr)
            queries = make_queries(engine, generator, count=checks, seed=size)
            seconds, by_kind, verdicts = time_checks(engine, queries)
            baseline = time_brute_force(engine, queries[:baseline_checks])
            check_median, check_p95 = statistics.median(seconds), percentile(seconds, 0.95)
            brute_median, brute_p95 = statistics.median(baseline), percentile(baseline, 0.95)
            rows.append((size, paragraph_count, quote_count, len(seconds), check_median, check_p95, len(baseline),
                         brute_median, brute_p95))
            for kind, values in by_kind.items():
                found = ", ".join(f"{verdict} {number}" for verdict, number in sorted(verdicts[kind].items()))
                kind_rows.append((size, kind, len(values), statistics.median(values), percentile(values, 0.95),
                                  found))
        engine.dispose()

    print("| articles | paragraphs | quotes | checks | check median | check p95 | brute-force scans | "
          "brute-force median | brute-force p95 | speed-up (median) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, paragraphs, quotes, count, median, p95, brute_count, brute_median, brute_p95 in rows:
        print(f"| {size:,} | {paragraphs:,} | {quotes:,} | {count} | {median * 1000:.1f} ms | {p95 * 1000:.1f} ms | "
              f"{brute_count} | {brute_median * 1000:.0f} ms | {brute_p95 * 1000:.0f} ms | "
              f"{brute_median / median:.0f}x |")
    print()
    print("| articles | pasted | checks | median | p95 | verdicts |")
    print("|---:|---|---:|---:|---:|---|")
    for size, kind, count, median, p95, found in kind_rows:
        print(f"| {size:,} | {kind} | {count} | {median * 1000:.1f} ms | {p95 * 1000:.1f} ms | {found} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
