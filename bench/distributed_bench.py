"""Benchmark: articles/s of the bare pipeline, `--engine local` and `--engine ray` with 1 and 2 workers on the
same articles in one run, as ratios against the bare pipeline, with each engine's peak memory per worker.

    python bench/distributed_bench.py [--database-url URL] [--corpus DIR] [--articles N] [--batch-size N]

URL is a PostgreSQL server (default: QUOTETRAIL_TEST_POSTGRES_URL, e.g. from `bash scripts/postgres.sh
start`); each engine stores into a fresh schema of its own. DIR holds .txt articles (default: PolNeAR's
dev texts at /work/PolNeAR/data/dev/text when present, else synthetic news items); N articles are taken,
repeated with a distinct last line when the corpus is smaller, so that none is a duplicate. Ray runs on a
local cluster of `ray start` processes on 127.0.0.1 (2 CPUs), stopped by PID at the end. Rates leave out
start-up (Ray actors loading their pipelines), which is shown on its own; the bare pipeline is
`nlp.extract_many` in this process, storing nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
from app.services.ingest import run_ingest  # noqa: E402
from app.store.db import create_database_engine  # noqa: E402
from tests.support.databases import private_postgres_schema  # noqa: E402
from tests.support.ray_cluster import RayCluster  # noqa: E402

POLNEAR_DEV = Path("/work/PolNeAR/data/dev/text")


def load_texts(corpus: Path | None, count: int) -> list[str]:
    if corpus is None and POLNEAR_DEV.is_dir():
        corpus = POLNEAR_DEV
    if corpus is not None:
        base = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(corpus.rglob("*.txt"))]
        if not base:
            raise SystemExit(f"no .txt files under {corpus}")
    else:
        base = [f'"The {thing} will reopen in {month}," Mayor Ana Lopes said on Monday.\n\n'
                f"Work on the {thing} began last year, the council said.\n\n"
                f'Critics, including Senator Jonas Berg, said the plan "came too late".'
                for thing in ("bridge", "pier", "library", "tunnel", "market") for month in ("May", "June")]
    texts = []
    for number in range(count):
        text = base[number % len(base)]
        texts.append(text if number < len(base) else f"{text}\n\n(Copy {number // len(base)}.)")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("QUOTETRAIL_TEST_POSTGRES_URL"))
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--articles", type=int, default=84)
    parser.add_argument("--batch-size", type=int, default=8)
    arguments = parser.parse_args()
    if not arguments.database_url:
        raise SystemExit("a PostgreSQL URL is needed: --database-url or QUOTETRAIL_TEST_POSTGRES_URL "
                         "(bash scripts/postgres.sh start prints one)")
    texts = load_texts(arguments.corpus, arguments.articles)
    folder = Path(tempfile.mkdtemp(prefix="distributed-bench-"))
    corpus_file = folder / "articles.jsonl"
    corpus_file.write_text("".join(json.dumps({"id": f"a{number}", "text": text}) + "\n"
                                   for number, text in enumerate(texts)), encoding="utf-8")
    pipeline = nlp.build_pipeline()
    rows: list[tuple[str, int, float, float, float]] = []  # name, workers, seconds, start-up, peak MiB

    list(nlp.extract_many(pipeline, [("warm", texts[0])]))
    clock = time.perf_counter()
    for _ in nlp.extract_many(pipeline, ((str(number), text) for number, text in enumerate(texts)),
                              batch_size=arguments.batch_size):
        pass
    rows.append(("bare pipeline (extract_many, nothing stored)", 1, time.perf_counter() - clock, 0.0,
                 resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))

    def ingest(name: str, workers: int, **options) -> None:
        with private_postgres_schema(arguments.database_url, prefix="quotetrail_bench") as url:
            engine = create_database_engine(url)
            try:
                summary = run_ingest([corpus_file], engine=engine, workers=workers, batch_size=arguments.batch_size,
                                     progress=False, **options)
            finally:
                engine.dispose()
        if summary.count("stored") != len(texts):
            raise SystemExit(f"{name}: {summary.render()}")
        rows.append((name, workers, summary.seconds - summary.startup_seconds, summary.startup_seconds,
                     summary.worker_peak_rss_mib))

    ingest("--engine local", 1, nlp=pipeline)
    ingest("--engine local", 2, nlp=pipeline)
    cluster = RayCluster()
    try:
        address = cluster.start_head(num_cpus=2)
        ingest("--engine ray", 1, executor="ray", address=address)
        ingest("--engine ray", 2, executor="ray", address=address)
    finally:
        cluster.stop()

    characters = sum(len(text) for text in texts)
    print(f"corpus: {len(texts)} articles, {characters:,} characters; batch size {arguments.batch_size}; "
          f"{os.cpu_count()} CPUs; PostgreSQL")
    print()
    print("| run | workers | seconds | articles/s | vs bare pipeline | start-up s | peak RSS per worker (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    bare_rate = len(texts) / rows[0][2]
    for name, workers, seconds, startup, peak in rows:
        rate = len(texts) / seconds
        print(f"| {name} | {workers} | {seconds:.1f} | {rate:.1f} | {rate / bare_rate:.2f} | {startup:.1f} | "
              f"{peak:.0f} |")


if __name__ == "__main__":
    main()
