"""Extractor time and peak memory against input size (10 KB to 5 MB by default), as a markdown table.

    python bench/size_bench.py                       # 10 KB, 100 KB, 1 MB, 5 MB of news text
    python bench/size_bench.py --sizes 10K 100K 1M --shape paragraph

Each size runs in its own process, so the peak resident memory is that size's alone; the baseline row
("0") is the same process with the pipeline loaded and nothing parsed. Time per MB is compared with
the smallest size's in the same run: near 1.0 all the way down means time grows linearly with size.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
SAMPLES = REPOSITORY / "samples"
MEGABYTE = 1_000_000  # characters: the texts are nearly all ASCII, so a character is a byte
UNITS = {"K": 1_000, "M": MEGABYTE}


def parse_size(value: str) -> int:
    value = value.strip().upper()
    if value[-1:] in UNITS:
        return int(float(value[:-1]) * UNITS[value[-1]])
    return int(value)


def news_text(size: int) -> str:
    """The sample articles, one after another with a marker between copies, cut to `size` characters."""
    texts = [path.read_text("utf-8").strip() for path in sorted(SAMPLES.glob("*.txt"))]
    pieces, length, number = [], 0, 0
    while length < size:
        piece = f"{texts[number % len(texts)]}\n\nEdition {number}.\n\n"
        pieces.append(piece)
        length += len(piece)
        number += 1
    return "".join(pieces)[:size]


def paragraph_text(size: int) -> str:
    """One paragraph with no line break at all, dense with attributed quotes."""
    sentence = ('The council met on Tuesday and "we will rebuild the harbour wall before winter," said the '
                "mayor, Ana Lopes, who added that costs had risen. ")
    return (sentence * (size // len(sentence) + 1))[:size]


SHAPES = {"news": news_text, "paragraph": paragraph_text}


def measure_one(size: int, shape: str) -> dict:
    """Run in a child process: load the pipeline, extract one text of `size` characters, report."""
    import nlp  # here, not at the top: the parent only starts the children and never loads spaCy

    pipeline = nlp.build_pipeline()
    nlp.extract(pipeline, "A warm-up sentence, said Ana Lopes.", "warm-up")
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = SHAPES[shape](size)
    started = time.perf_counter()
    record = nlp.extract(pipeline, text, "bench") if size else None
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    if record is not None:
        assert all(text[quote.start:quote.end] == quote.text for quote in record.quotes)
    return {"size": len(text), "seconds": seconds, "peak_mb": peak / 1024, "baseline_mb": baseline / 1024,
            "quotes": len(record.quotes) if record else 0,
            "chunks": next((note.split(" in ")[1].split(" chunks")[0] for note in (record.notes if record else [])
                            if note.startswith("[Q101]")), "1")}


def run_child(size: int, shape: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(size), "--shape", shape],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def label(size: int) -> str:
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:g} MB"
    if size >= 1000:
        return f"{size / 1000:g} KB"
    return f"{size} B"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["10K", "100K", "1M", "5M"],
                        help="Text sizes in characters, e.g. 10K 1M (default: 10K 100K 1M 5M).")
    parser.add_argument("--shape", choices=sorted(SHAPES), default="news",
                        help="news: sample articles end to end; paragraph: one paragraph, no line breaks.")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child is not None:
        print(json.dumps(measure_one(arguments.child, arguments.shape)))
        return 0

    sizes = [parse_size(size) for size in arguments.sizes]
    rows = [run_child(0, arguments.shape)] + [run_child(size, arguments.shape) for size in sizes]
    baseline = rows[0]
    first_per_mb = rows[1]["seconds"] / (rows[1]["size"] / MEGABYTE)
    print(f"Extractor time and memory against size ({arguments.shape} text; pipeline loaded: "
          f"{baseline['peak_mb']:.0f} MB resident)\n")
    print("| size | characters | parse chunks | seconds | seconds per MB | per MB vs smallest | peak RSS MB "
          "| over baseline MB | quotes |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows[1:]:
        per_mb = row["seconds"] / (row["size"] / MEGABYTE)
        print(f"| {label(row['size'])} | {row['size']:,} | {row['chunks']} | {row['seconds']:.1f} | {per_mb:.1f} "
              f"| {per_mb / first_per_mb:.2f} | {row['peak_mb']:.0f} | {row['peak_mb'] - baseline['peak_mb']:.0f} "
              f"| {row['quotes']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
