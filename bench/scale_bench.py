"""Benchmark: look-up latency on a PostgreSQL collection of a million synthetic quotes, bulk-loaded with COPY.

    python bench/scale_bench.py --database-url postgresql+psycopg://... [--quotes 1000000] [--keep]

1. Migrates the database (it must be empty) and generates articles (5 quotes each, a lead sentence
   before each, Zipf-distributed words), speakers printed in several forms with their aliases, and 15%
   of quotes copied from earlier ones into quote families (with their word diffs), all marked linked;
   then writes them with COPY, one stream per table, and ANALYZEs. The load is timed per step.
2. Measures p50 / p95 (300 rounds, cold ORM objects) of: speaker look-up (a printed name through the
   folded key), quote search by full text (two words) and by speaker (the explorer's filtered search,
   first page) for stored speakers' names drawn from the database in three groups, the most quoted,
   the median and the least quoted (a row each), and for a name no speaker has (every step of the name
   look-up runs: as printed, ignoring case, by part); a speaker's page of quotes, cold (the first time
   the run reads that speaker's page) and warm (the same page again at once), per group; family look-up
   (a quote's family, earliest first); the speaker page as the web builds it (contexts.speaker_page: the
   page of quotes, quotes per month and per outlet, the outlet filter's choices, merge candidates); and
   the link phase for one new article stored by ingest's path
   (scoped speakers and families; the bulk-loaded quotes carry no fingerprints, so its family search
   finds nothing old).
3. Prints a table with each p95 against the 50 ms target. The rows stay in the database: `--reuse`
   measures them again without loading.
"""
from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from app.services import linking
from app.services.ingest import store_document
from app.services.wording.diff import stored_diff, word_diff
from app.store import queries
from app.store.db import create_database_engine, session_scope, upgrade_database
from app.store.models import Article, Quote, Speaker
from app.store.repo import content_hash, normalize_quote_text
from app.web import contexts

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import store_bench  # noqa: E402  (the generator of single articles for the link phase)

QUOTES_PER_ARTICLE = 5
COPIED_SHARE = 0.15
LOOKUPS = 300
# The speaker page's parts, each timed warm after the whole page (contexts.speaker_page).
SPEAKER_PAGE_PARTS = ("  its page of quotes (`filtered_quote_page`, warm)", "  its quotes per month (warm)",
                      "  its quotes per outlet (warm)")
TARGET_MS = 50.0
TITLES = ("President", "Minister", "Senator", "Mayor", "Governor", "Chief Executive", "Spokesperson")


class Generator:
    """Articles, quotes, speakers and families as plain rows, deterministically and fast."""

    def __init__(self, *, seed: int, speakers: int, vocabulary: int = 30_000) -> None:
        self.random = random.Random(seed)
        syllables = [consonant + vowel for consonant in "bdfgklmnprstvz" for vowel in "aeiou"]
        words: set[str] = set()
        while len(words) < vocabulary:
            words.add("".join(self.random.choice(syllables) for _ in range(self.random.choice((1, 2, 2, 3, 3, 4)))))
        self.words = sorted(words, key=len)
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.words))))
        given = [word.capitalize() for word in self.random.sample(self.words[200:], 600)]
        surnames = self.random.sample(self.words[400:], speakers)
        self.people = [(self.random.choice(given), surname.capitalize() + self.random.choice(["", "son", "er", "ez"]))
                       for surname in surnames]
        self.people_cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(speakers)))

    def sentence(self, count: int) -> str:
        total = self.cumulative[-1]
        chosen = [self.words[bisect.bisect(self.cumulative, self.random.random() * total)] for _ in range(count)]
        return " ".join(chosen).capitalize()

    def person(self) -> int:
        return bisect.bisect(self.people_cumulative, self.random.random() * self.people_cumulative[-1])


def speaker_rows(generator: Generator):
    """Yield (table, row) for every speaker and its two aliases (counts are set after the quotes)."""
    for index, (given, surname) in enumerate(generator.people):
        full = f"{given} {surname}"
        yield "speakers", [index + 1, full, full.casefold(), surname.casefold(), True, "person", 0, "synthetic", False]
        yield "speaker_aliases", [index + 1, full, full.casefold(), 0, "synthetic", False]
        yield "speaker_aliases", [index + 1, surname, surname.casefold(), 0, "synthetic", False]


def article_rows(generator: Generator, *, quotes: int, families: dict[int, list[int]], outlets: int = 60):
    """Yield (table, row) for articles, their paragraphs and quotes (family ids are set afterwards:
    `families` collects family id -> member quote ids, a family's id being its first quote's)."""
    chooser = generator.random
    originals: list[tuple[int, str, int]] = []  # (quote id, text, speaker) that copies repeat
    family_of: dict[int, int] = {}
    quote_id = 0
    start_day = datetime(2015, 1, 1, tzinfo=UTC)
    for article_id in range(1, quotes // QUOTES_PER_ARTICLE + 1):
        parts: list[str] = []
        paragraphs: list[list[int]] = []
        rows = []
        position = 0
        for paragraph in range(QUOTES_PER_ARTICLE):
            quote_id += 1
            copied = bool(originals) and chooser.random() < COPIED_SHARE
            diff = reason = None
            if copied:
                original_id, original, person = chooser.choice(originals)
                words = original.split()
                changed = None
                if chooser.random() < 0.5 and len(words) > 6:
                    changed = chooser.randrange(len(words))
                    words[changed] = chooser.choice(generator.words[:3000])
                statement = " ".join(words)
                diff = json.dumps(one_word_diff(original.split(), words, changed))
                reason = f"near-verbatim, with quote {original_id}"
                family_id = family_of.setdefault(original_id, original_id)
                families.setdefault(family_id, [original_id]).append(quote_id)
            else:
                statement = generator.sentence(chooser.randint(10, 24))
                person = generator.person()
                if len(originals) < 200_000:
                    originals.append((quote_id, statement, person))
            given, surname = generator.people[person]
            roll = chooser.random()
            name = surname if roll < 0.15 else f"{given} {surname}"
            title = chooser.choice(TITLES) if roll > 0.85 else None
            opening = generator.sentence(chooser.randint(12, 30)) + ". \u201c"
            body = f"{opening}{statement},\u201d {name} said."
            start = position + len(opening)
            end = start + len(statement) + 1
            quote_text = statement + ","
            mention_start = end + 2
            # The generated words are lower-case letters: the normalised text is the statement in lower case
            # (normalize_quote_text's answer, checked on the first quotes; it costs more than the rest here).
            normalized = statement.lower()
            if quote_id <= 100:
                assert normalized == normalize_quote_text(quote_text), quote_text
            rows.append([quote_id, article_id, paragraph, start, end, quote_text, normalized,
                         "direct", json.dumps([[start, end]]), json.dumps([[start, end]]), "said",
                         mention_start + len(name) + 1, mention_start + len(name) + 5, name, mention_start,
                         mention_start + len(name), name, person + 1, 0.9, "named next to the cue", "person", False,
                         "name.cue", title, None, diff, reason])
            paragraphs.append([position, position + len(body)])
            parts.append(body)
            position += len(body) + 2
        article_text = "\n\n".join(parts)
        published = start_day + timedelta(minutes=article_id * 7)
        outlet = f"Outlet {article_id % outlets}"
        yield "articles", [article_id, content_hash(article_text), f"synthetic-{article_id}", None,
                           outlet, None, None, published, published, article_text,
                           json.dumps(paragraphs), json.dumps([]), None, published]
        for position_index, (start, end) in enumerate(paragraphs):
            yield "article_paragraphs", [article_id, position_index, start, end]
        for row in rows:
            yield "quotes", [*row, published, outlet]  # the article's date and outlet, as repo writes them


def one_word_diff(source: list[str], copy: list[str], changed: int | None) -> list[dict]:
    """The stored word diff (as stored_diff writes it) of a copy with at most one word replaced, built
    directly: word_diff costs more than everything else in the load (checked against it in main)."""
    def op(kind: str, before: list[str], after: list[str]) -> dict:
        return {"op": kind, "source": " ".join(before), "quote": " ".join(after), "start": None, "end": None,
                "stands_for_different_words": False}
    source, copy = [*source[:-1], source[-1] + ","], [*copy[:-1], copy[-1] + ","]
    if changed is None or source[changed] == copy[changed]:
        return [op("equal", source, copy)]
    ops = [op("equal", source[:changed], copy[:changed])] if changed else []
    ops.append(op("replace", [source[changed]], [copy[changed]]))
    if changed < len(source) - 1:
        ops.append(op("equal", source[changed + 1:], copy[changed + 1:]))
    return ops


COLUMNS = {
    "articles": ("id", "content_hash", "source_name", "url", "outlet", "title", "author", "published_at",
                 "ingested_at", "text", "paragraphs", "people", "ingestion_run_id", "linked_at"),
    "article_paragraphs": ("article_id", "position", "start", "end"),
    "quotes": ("id", "article_id", "paragraph", "start", "end", "text", "normalized", "kind", "parts", "verbatim",
               "cue", "cue_start", "cue_end", "mention", "mention_start", "mention_end", "speaker_name",
               "speaker_id", "confidence", "resolution", "speaker_type", "anonymous", "rule", "speaker_title",
               "family_id", "family_diff", "family_reason", "article_published_at", "article_outlet"),
    "speakers": ("id", "name", "key", "surname", "is_person", "kind", "quote_count", "link_reason", "unresolved"),
    "speaker_aliases": ("speaker_id", "alias", "key", "count", "reason", "pinned"),
    "quote_families": ("id", "earliest_quote_id", "member_count"),
    "family_members": ("quote_id", "family_id"),
}


def load(engine: Engine, *, quotes: int, seed: int, speakers: int) -> dict[str, float]:
    """COPY the generated rows in foreign-key order; returns seconds per step."""
    timings: dict[str, float] = {}
    generator = Generator(seed=seed, speakers=speakers)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()

        def copy_rows(table: str, rows: list) -> None:
            columns = ", ".join(f'"{column}"' for column in COLUMNS[table])
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            rows.clear()

        started = time.perf_counter()
        # The usual bulk load: secondary indexes (the full-text GIN among them) dropped and built once at
        # the end, foreign-key triggers off while the generated (consistent) rows stream in.
        tables = ("articles", "article_paragraphs", "quotes", "speakers", "speaker_aliases", "quote_families")
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND "
                       "tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)", (list(tables),))
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER ALL")
        timings["drop secondary indexes"] = time.perf_counter() - started
        started = time.perf_counter()
        pending: dict[str, list] = {table: [] for table in COLUMNS}
        for table, row in speaker_rows(generator):
            pending[table].append(row)
        copy_rows("speakers", pending["speakers"])
        copy_rows("speaker_aliases", pending["speaker_aliases"])
        families: dict[int, list[int]] = {}
        for table, row in article_rows(generator, quotes=quotes, families=families):
            pending[table].append(row)
            if table == "quotes" and len(pending["quotes"]) >= 50_000:
                for name in ("articles", "article_paragraphs", "quotes"):  # articles before what points at them
                    copy_rows(name, pending[name])
        for name in ("articles", "article_paragraphs", "quotes"):
            copy_rows(name, pending[name])
        timings["generate and COPY articles, paragraphs, quotes, speakers"] = time.perf_counter() - started
        started = time.perf_counter()
        copy_rows("quote_families", [[family_id, members[0], len(members)] for family_id, members in families.items()])
        cursor.execute("CREATE TEMP TABLE family_members (quote_id int, family_id int)")
        copy_rows("family_members", [[member, family_id] for family_id, members in families.items()
                                     for member in members])
        cursor.execute("UPDATE quotes SET family_id = family_members.family_id, "
                       "family_reason = coalesce(quotes.family_reason, 'the first of its copies') "
                       "FROM family_members WHERE quotes.id = family_members.quote_id")
        cursor.execute("UPDATE speakers SET quote_count = counted.quotes FROM (SELECT speaker_id, count(*) AS quotes "
                       "FROM quotes GROUP BY speaker_id) AS counted WHERE speakers.id = counted.speaker_id")
        for table in ("articles", "quotes", "speakers", "quote_families"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT coalesce(max(id), 1) FROM {table}))")
        connection.commit()
        timings["families and counts (UPDATE ... FROM)"] = time.perf_counter() - started
        started = time.perf_counter()
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER ALL")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        connection.commit()
        timings[f"build {len(indexes)} secondary indexes"] = time.perf_counter() - started
        started = time.perf_counter()
        driver = connection.driver_connection  # VACUUM runs outside a transaction
        driver.autocommit = True  # type: ignore[union-attr]
        driver.execute("VACUUM ANALYZE")  # type: ignore[union-attr]
        timings["VACUUM ANALYZE"] = time.perf_counter() - started
    finally:
        connection.close()
    return timings


def timed_ms(function, /, *arguments, **keywords) -> float:
    started = time.perf_counter()
    function(*arguments, **keywords)
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def stored_speaker_groups(session, *, size: int = 60) -> dict[str, list[tuple[int, str]]]:
    """(id, name) of stored speakers in three groups by quote count: the most quoted, those around the median
    and the least quoted. Drawn from the database, not the generator: a `--reuse` run's generator may not
    give the names the collection was loaded with."""
    quoted = select(Speaker.id, Speaker.name).where(Speaker.quote_count > 0)
    total = session.scalar(select(func.count()).select_from(quoted.subquery())) or 0
    ordered = quoted.order_by(Speaker.quote_count.desc(), Speaker.id)
    return {
        "heavy": [tuple(row) for row in session.execute(ordered.limit(size))],
        "median": [tuple(row) for row in session.execute(ordered.offset(max(0, total // 2 - size // 2)).limit(size))],
        "rare": [tuple(row) for row in session.execute(ordered.offset(max(0, total - size)).limit(size))],
    }


def measure(engine: Engine, *, seed: int, speakers: int) -> dict[str, list[float]]:
    generator = Generator(seed=seed, speakers=speakers)  # the same words as loaded (names come from the store)
    chooser = random.Random(seed + 1)
    groups = ("heavy", "median", "rare")
    results: dict[str, list[float]] = {kind: [] for kind in (
        "speaker look-up", "quote search: full text",
        *(f"quote search: by speaker ({group})" for group in groups),
        "quote search: by a name no speaker has",
        *(f"speaker page, cold ({group})" for group in groups),
        *(f"speaker page, warm ({group})" for group in groups),
        *(f"speaker page as the web builds it, cold ({group})" for group in groups),
        *(f"speaker page as the web builds it, warm ({group})" for group in groups),
        *(f"{part} ({group})" for part in SPEAKER_PAGE_PARTS for group in groups),
        "outlet filter's choices (`queries.outlets`)",
        "family look-up")}
    with session_scope(engine) as session:
        max_quote = session.scalar(select(func.max(Quote.id))) or 1
        family_quotes = list(session.scalars(select(Quote.id).where(Quote.family_id.is_not(None)).limit(20_000)))
        stored = stored_speaker_groups(session)
        visited: set[int] = set()
        for round_number in range(LOOKUPS):
            group = groups[round_number % len(groups)]
            speaker_id, name = chooser.choice(stored[group])
            surname = name.split()[-1]
            # Cold: the first time this run reads this speaker's page, before anything else reads their quotes
            # (still in PostgreSQL's buffers if an earlier run read the same pages); warm: the same page again.
            # A speaker's first visit measures either the page of quotes or the web's whole page cold (in turn:
            # whichever runs first warms the other); later visits measure both warm.
            cold = speaker_id not in visited
            visited.add(speaker_id)
            speaker = session.get(Speaker, speaker_id)
            assert speaker is not None
            if not cold or len(visited) % 2:
                temperature = "cold" if cold else "warm"
                results[f"speaker page, {temperature} ({group})"].append(
                    timed_ms(queries.speaker_quotes, session, speaker_id=speaker_id, limit=20))
                session.expunge_all()
                speaker = session.get(Speaker, speaker_id)
                if cold:
                    results[f"speaker page, warm ({group})"].append(
                        timed_ms(queries.speaker_quotes, session, speaker_id=speaker_id, limit=20))
                    session.expunge_all()
                    speaker = session.get(Speaker, speaker_id)
            # The web's whole page: the page of quotes (the explorer's filtered search), quotes per month and
            # per outlet, the outlet filter's choices with their article counts, merge candidates.
            if cold and not len(visited) % 2:
                results[f"speaker page as the web builds it, cold ({group})"].append(
                    timed_ms(contexts.speaker_page, session, speaker=speaker, page=1, page_size=20))
                session.expunge_all()
                speaker = session.get(Speaker, speaker_id)
            results[f"speaker page as the web builds it, warm ({group})"].append(
                timed_ms(contexts.speaker_page, session, speaker=speaker, page=1, page_size=20))
            # Its parts, warm, to say where the page's time goes.
            page_filters = queries.QuoteFilters(sort="newest", speaker_id=speaker_id)
            results[f"{SPEAKER_PAGE_PARTS[0]} ({group})"].append(timed_ms(
                queries.filtered_quote_page, session, filters=page_filters, limit=20,
                max_count=contexts.MAX_COUNTED_QUOTES))
            results[f"{SPEAKER_PAGE_PARTS[1]} ({group})"].append(
                timed_ms(queries.speaker_quotes_per_month, session, speaker_id=speaker_id))
            results[f"{SPEAKER_PAGE_PARTS[2]} ({group})"].append(
                timed_ms(queries.speaker_outlets, session, speaker_id=speaker_id, limit=contexts.SPEAKER_OUTLETS_SHOWN))
            results["outlet filter's choices (`queries.outlets`)"].append(timed_ms(queries.outlets, session))
            session.expunge_all()
            looked_up = chooser.choice([name, surname, f"President {name}"])
            results["speaker look-up"].append(timed_ms(linking.find_speakers_named, session, name=looked_up))
            words = " ".join(chooser.choices(generator.words[200:4000], k=2))
            results["quote search: full text"].append(
                timed_ms(queries.search_quotes_fulltext, session, query=words, limit=20))
            results[f"quote search: by speaker ({group})"].append(timed_ms(
                queries.filtered_quote_page, session, filters=queries.QuoteFilters(speaker=name), limit=20,
                max_count=1000))
            absent = queries.QuoteFilters(speaker=f"Nobody Quoted{round_number}")
            results["quote search: by a name no speaker has"].append(
                timed_ms(queries.filtered_quote_page, session, filters=absent, limit=20, max_count=1000))
            quote_id = chooser.choice(family_quotes) if family_quotes and chooser.random() < 0.5 \
                else chooser.randint(1, max_quote)
            results["family look-up"].append(timed_ms(queries.family_of_quote, session, quote_id=quote_id))
            session.expunge_all()
    return results


def measure_link(engine: Engine, *, seed: int, adds: int = 10) -> list[float]:
    """The link phase for one new article at a time, stored by ingest's path first."""
    with session_scope(engine) as session:  # new articles on every run, also with --reuse
        stored = session.scalar(select(func.count()).select_from(Article)) or 0
    collection = store_bench.Collection(seed=seed + stored, speakers=500)
    times = []
    for _ in range(adds):
        document, record = collection.article()
        with session_scope(engine) as session:
            store_document(session, document=document, record=record, ingestion_run_id=None)
        times.append(timed_ms(linking.run_link_phase, engine))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="an empty PostgreSQL database")
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--speakers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="measure the rows a previous --keep run left")
    arguments = parser.parse_args()
    engine = create_database_engine(arguments.database_url)
    if engine.dialect.name != "postgresql":
        parser.error("--database-url must be PostgreSQL (COPY)")
    sample_source, sample_copy = "ba ko lu se mi de".split(), "ba ko ta se mi de".split()
    for changed in (None, 0, 2, 5):
        copy = list(sample_copy if changed == 2 else sample_source)
        if changed in (0, 5):
            copy[changed] = "zu"
        assert one_word_diff(sample_source, copy, changed) == stored_diff(
            word_diff(" ".join(sample_source) + ",", " ".join(copy) + ",")), changed
    timings: dict[str, float] = {}
    if not arguments.reuse:
        upgrade_database(arguments.database_url)
        with session_scope(engine) as session:
            if session.scalar(select(func.count()).select_from(Quote)):
                parser.error("the database already holds quotes: give an empty one, or --reuse")
        print(f"loading {arguments.quotes:,} quotes ...", file=sys.stderr)
        timings = load(engine, quotes=arguments.quotes, seed=arguments.seed, speakers=arguments.speakers)
    with session_scope(engine) as session:
        counts = [session.scalar(select(func.count()).select_from(model)) or 0 for model in (Article, Quote, Speaker)]
        size = session.scalar(text("SELECT pg_database_size(current_database())")) or 0
    load_before = os.getloadavg()[0]
    print("measuring look-ups ...", file=sys.stderr)
    results = measure(engine, seed=arguments.seed, speakers=arguments.speakers)
    print("measuring the link phase for single new articles ...", file=sys.stderr)
    link_times = measure_link(engine, seed=arguments.seed)
    engine.dispose()
    print(f"\nScale benchmark (PostgreSQL, {os.cpu_count()} CPUs): {counts[0]:,} articles, {counts[1]:,} quotes, "
          f"{counts[2]:,} speakers, database {size / 1e9:.2f} GB; load average {load_before:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    if timings:
        print("| load step | seconds |")
        print("|---|---:|")
        for step, seconds in timings.items():
            print(f"| {step} | {seconds:.0f} |")
        total = sum(timings.values())
        print(f"| **total** | **{total:.0f}** ({counts[1] / total:,.0f} quotes/s) |\n")
    print("| look-up | p50 ms | p95 ms | p95 vs 50 ms target |")
    print("|---|---:|---:|---|")
    for kind, values in results.items():
        p95 = percentile(values, 0.95)
        verdict = "ok" if p95 < TARGET_MS else "**over**"
        print(f"| {kind} | {percentile(values, 0.5):.2f} | {p95:.2f} | {p95 / TARGET_MS:.2f}× ({verdict}) |")
    print(f"| link phase, one new article (store then `link`, {len(link_times)}×) | "
          f"{percentile(link_times, 0.5):.0f} | {percentile(link_times, 0.95):.0f} | (a write; no target) |")


if __name__ == "__main__":
    main()
