"""Benchmark: what quotetrail's own stages add to spaCy's parse time, on the same articles in one run.

    python bench/pipeline_bench.py [--corpus DIR] [--repeat N] [--batch-size N]

DIR is any folder of .txt articles (default: samples/, repeated to reach a few hundred documents;
a PolNeAR checkout's data/dev/text is a realistic choice). Prints a markdown table: seconds,
articles/s and the ratio of the full pipeline to the bare spaCy pipeline, and what the readers' mojibake
repair (nlp.encoding, run on every article as it is read) costs beside them.
"""
from __future__ import annotations

import argparse
import gc
import resource
import statistics
import time
from pathlib import Path

import spacy

import nlp
from nlp.encoding import repair_encoding
from nlp.pipeline import OUR_STAGES, PARAGRAPH_STAGE
from nlp.text import normalize_same_length

ROOT = Path(__file__).resolve().parents[1]


def load_texts(corpus: Path, minimum: int) -> list[str]:
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(corpus.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files under {corpus}")
    while len(texts) < minimum:
        texts = texts + texts
    return texts


def timed(run, rounds: int) -> float:
    """Median CPU seconds of this process: other jobs on a shared machine do not count against it."""
    times = []
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "samples")
    parser.add_argument("--minimum", type=int, default=200, help="repeat the corpus up to this many documents")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    arguments = parser.parse_args()

    texts = load_texts(arguments.corpus, arguments.minimum)
    characters = sum(len(text) for text in texts)
    full = nlp.build_pipeline()
    # The bare pipeline: the very same loaded spaCy components, with our stages switched off.
    ours = [PARAGRAPH_STAGE, *OUR_STAGES]

    def bare() -> None:
        with full.select_pipes(disable=ours):
            for _ in full.pipe((normalize_same_length(t) for t in texts), batch_size=arguments.batch_size):
                pass

    def extract() -> None:
        for _ in nlp.extract_many(full, ((str(i), t) for i, t in enumerate(texts)), batch_size=arguments.batch_size):
            pass

    def repair() -> None:
        for text in texts:
            repair_encoding(text)

    # Warm up caches and lazy loading.
    bare()
    extract()
    # Interleave the runs so that a change in machine load hits them alike.
    bare_times, full_times, repair_times = [], [], []
    for _ in range(arguments.rounds):
        bare_times.append(timed(bare, 1))
        full_times.append(timed(extract, 1))
        repair_times.append(timed(repair, 1))
    bare_seconds, full_seconds = statistics.median(bare_times), statistics.median(full_times)
    repair_seconds = statistics.median(repair_times)
    repaired = sum(repair_encoding(text).changed for text in texts)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {arguments.corpus} — {len(texts)} documents, {characters:,} characters; "
          f"spaCy {spacy.__version__}, pipeline {nlp.loaded_model_name(full)}; median of {arguments.rounds} rounds")
    print()
    print("| run | CPU seconds | articles per CPU second | ratio to bare spaCy |")
    print("|---|---:|---:|---:|")
    print(f"| bare spaCy pipeline (nlp.pipe) | {bare_seconds:.2f} | {len(texts) / bare_seconds:.1f} | 1.00 |")
    print(f"| quotetrail extract (records out) | {full_seconds:.2f} | {len(texts) / full_seconds:.1f} | "
          f"{full_seconds / bare_seconds:.2f} |")
    print(f"| mojibake repair as read ({repaired} of {len(texts)} texts changed) | {repair_seconds:.3f} | "
          f"{len(texts) / max(repair_seconds, 1e-9):.0f} | {repair_seconds / bare_seconds:.4f} |")
    print()
    print(f"our stages add {100 * (full_seconds / bare_seconds - 1):.1f}% to spaCy's time; peak RSS {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
