"""Pairwise same-speaker precision and recall across articles, on a collection with known identities.

    python bench/identity_bench.py                                   # evaluation/articles/identity
    python bench/identity_bench.py --articles DIR                     # another set with identities.json

The articles go through the real pipeline and a real ingest into a temporary SQLite file (ingest-time
linking only: main's per-article rules, "before"); then the `link` pass re-links the store under the
identity rules ("after"). Stored quotes are matched to the gold quotes by span (as the evaluation
does, overlap >= 0.5); for every pair of matched gold quotes from *different* articles, the pair is
same-speaker in the gold when both carry one identity (identities.json), and in the store when both
quotes were linked to one speaker row. "Linking alone" repeats the count on the quotes whose printed
speaker the pipeline got right (the gold's name as the article gives it), so extraction errors are
left out. A second store, ingested in reverse order and linked, must
give the same partition (the pass is order-independent).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from sqlalchemy import Engine, select

from app.services.ingest import run_ingest
from app.services.linking import relink_collection
from app.store.db import create_database_engine, session_scope, upgrade_database
from app.store.models import Article, Quote
from nlp import build_pipeline
from nlp.evaluation.articles import article_gold
from nlp.evaluation.scoring import Statement, match_statements

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = ROOT / "evaluation" / "articles" / "identity"
MATCH_LEVEL = 0.5


def gold_identities(directory: Path) -> dict[tuple[str, int], str]:
    data = json.loads((directory / "identities.json").read_text(encoding="utf-8"))
    return {(row["file"], row["index"]): row["identity"] for row in data["quotes"]}


def stored_speakers(engine: Engine, directory: Path, *, attributed_right: bool = False
                    ) -> dict[tuple[str, int], int | None]:
    """(file, gold index) -> the speaker id of the stored quote matched to that gold quote; with
    `attributed_right`, only the quotes whose printed speaker the pipeline got right (linking alone)."""
    found: dict[tuple[str, int], int | None] = {}
    with session_scope(engine) as session:
        for article in session.scalars(select(Article)):
            name = Path(article.source_name or "").name
            expected = directory / "expected" / f"{name}.json"
            if not expected.exists():
                continue
            expected_quotes = json.loads(expected.read_text(encoding="utf-8"))
            gold = article_gold(article.text, expected_quotes)
            quotes = list(session.scalars(select(Quote).where(Quote.article_id == article.id).order_by(Quote.start)))
            predicted = [Statement(parts=tuple(map(tuple, quote.parts)) or ((quote.start, quote.end),),
                                   quoted=quote.kind != "indirect", kind=quote.kind) for quote in quotes]
            for gold_index, predicted_index in match_statements(article.text, gold, predicted, level=MATCH_LEVEL):
                stored = quotes[predicted_index]
                if attributed_right and stored.speaker_name != expected_quotes["quotes"][gold_index]["speaker"]:
                    continue
                found[(name, gold_index)] = stored.speaker_id
    return found


def pairwise(gold: dict[tuple[str, int], str], system: dict[tuple[str, int], int | None]) -> tuple[float, float, int,
                                                                                                    int, int]:
    """Precision, recall, pairs joined by both, by the system, by the gold (cross-article pairs only)."""
    both = joined = gold_joined = 0
    for first, second in combinations(sorted(system), 2):
        if first[0] == second[0]:
            continue
        same_gold = gold.get(first) == gold.get(second) and gold.get(first) is not None
        same_system = system[first] is not None and system[first] == system[second]
        both += same_gold and same_system
        joined += same_system
        gold_joined += same_gold
    precision = both / joined if joined else 1.0
    recall = both / gold_joined if gold_joined else 1.0
    return precision, recall, both, joined, gold_joined


def partition(system: dict[tuple[str, int], int | None]) -> set[frozenset[tuple[str, int]]]:
    groups: dict[int, set[tuple[str, int]]] = {}
    for key, speaker_id in system.items():
        if speaker_id is not None:
            groups.setdefault(speaker_id, set()).add(key)
    return {frozenset(group) for group in groups.values()}


def ingest(paths: Iterable[Path], database: Path, nlp) -> Engine:
    engine = create_database_engine(f"sqlite:///{database}")
    upgrade_database(engine=engine)
    summary = run_ingest([str(path) for path in paths], engine=engine, nlp=nlp, progress=False)
    if summary.failures:
        sys.exit(f"ingest failed: {summary.failures[0].reason}")
    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    arguments = parser.parse_args()
    directory: Path = arguments.articles
    gold = gold_identities(directory)
    files = sorted(directory.glob("*.txt"))
    nlp = build_pipeline("auto")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        engine = ingest(files, Path(scratch) / "forward.db", nlp)
        before = stored_speakers(engine, directory)
        before_right = stored_speakers(engine, directory, attributed_right=True)
        rows.append(("ingest-time linking (main's rules)", pairwise(gold, before)))
        with session_scope(engine) as session:
            relink_collection(session)
        after = stored_speakers(engine, directory)
        after_right = stored_speakers(engine, directory, attributed_right=True)
        rows.append(("link pass (identity rules)", pairwise(gold, after)))
        rows.append(("  linking alone: before", pairwise(gold, before_right)))
        rows.append(("  linking alone: after", pairwise(gold, after_right)))
        reverse = ingest(list(reversed(files)), Path(scratch) / "reverse.db", nlp)
        with session_scope(reverse) as session:
            relink_collection(session)
        reversed_after = stored_speakers(reverse, directory)
        engine.dispose()
        reverse.dispose()
    print(f"identity collection: {len(files)} articles, {len(gold)} gold quotes, {len(after)} matched to stored quotes")
    print(f"{'linking':<38} {'precision':>9} {'recall':>7} {'joined':>7} {'correct':>8} {'gold pairs':>10}")
    for label, (precision, recall, both, joined, gold_joined) in rows:
        print(f"{label:<38} {precision:>9.3f} {recall:>7.3f} {joined:>7} {both:>8} {gold_joined:>10}")
    base, new = rows[0][1], rows[1][1]
    print("(linking alone: only the quotes whose printed speaker the pipeline got right, "
          f"{len(after_right)} of {len(after)})")
    print(f"{'after / before':<38} {new[0] / base[0] if base[0] else float('nan'):>9.2f} "
          f"{new[1] / base[1] if base[1] else float('nan'):>7.2f}")
    same = partition(after) == partition(reversed_after)
    print(f"reverse article order gives the same speakers: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
