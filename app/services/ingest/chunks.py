"""Split an ingest's inputs into chunks (small, serialisable descriptions of which files or which byte
ranges of a JSON Lines file to read) without reading the texts, and read a chunk's articles back.

A chunk names absolute paths: the worker that runs it opens them itself, so every node of a cluster
must see the inputs at the same path (a shared filesystem or the same object-store mount).
"""
from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.services.readers import (
    STDIN_NAME,
    STDIN_PATH,
    ReadFailure,
    SourceDocument,
    files_under,
    path_problems,
    read_file,
    read_jsonl_range,
    read_stream,
)

# How many bytes of a .jsonl file the planner samples to learn its average line length, and how many
# at a time it counts line ends in (neither holds more than this in memory).
SAMPLE_BYTES = 1 << 20
COUNT_BLOCK_BYTES = 1 << 20
# A .jsonl file longer than this many chunks' worth of bytes is split into line ranges; a smaller one
# is read whole by one worker, as before.
SPLIT_AFTER_CHUNKS = 2
UNICODE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


@dataclass(frozen=True, slots=True)
class WholeFile:
    """A .txt, .html or .jsonl file read whole; `source` is the path as the user gave it."""

    path: str
    source: str


@dataclass(frozen=True, slots=True)
class LineRange:
    """The lines of a .jsonl file between two byte offsets (each at a line start); lines numbered from first_line."""

    path: str
    source: str
    start: int
    end: int
    first_line: int


@dataclass(frozen=True, slots=True)
class Problem:
    """A path that cannot give an article (missing, unsupported, an empty directory): one failed item."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class InlineBytes:
    """Standard input, read by the driver (only the local engine takes it: no cluster node can read it)."""

    name: str
    data: bytes


Entry = WholeFile | LineRange | Problem | InlineBytes


@dataclass(frozen=True, slots=True)
class Chunk:
    """One unit of work: its number in the run's plan, what to read, and about how many items it holds."""

    number: int
    entries: tuple[Entry, ...]
    estimated_items: int
    repair_encoding: bool = True  # decided once by the driver, so every worker reads the articles alike


def plan_chunks(
    paths: Sequence[str | Path], *, suffixes: Iterable[str], articles_per_chunk: int, stdin: bool = True,
    repair_encoding: bool = True,
) -> Iterator[Chunk]:
    """Chunks of about `articles_per_chunk` items covering every article under `paths`, in reading order.

    Directories become lists of files; a large .jsonl file becomes line ranges whose boundaries are found
    by seeking to every chunk's worth of bytes and reading on to the next line end, and whose first line
    numbers come from counting line ends block by block: no text is decoded or held. With `stdin` False,
    `-` is refused as a Problem (a cluster node cannot read the driver's standard input).
    """
    suffixes = tuple(suffixes)
    number = 0
    batch: list[Entry] = []
    estimated = 0

    def flush() -> Iterator[Chunk]:
        nonlocal number, batch, estimated
        if batch:
            yield Chunk(number=number, entries=tuple(batch), estimated_items=estimated,
                        repair_encoding=repair_encoding)
            number += 1
            batch, estimated = [], 0

    for raw_path in paths:
        given = str(raw_path)
        if given == STDIN_PATH:
            yield from flush()
            entry: Entry = (InlineBytes(STDIN_NAME, sys.stdin.buffer.read()) if stdin else
                            Problem(STDIN_NAME, "standard input cannot be read by cluster workers; write it to a "
                                                "file on storage every node mounts"))
            batch.append(entry)
            estimated += 1
            yield from flush()
            continue
        problems = path_problems([given], suffixes=suffixes)
        if problems:
            batch.append(Problem(problems[0].source, problems[0].reason))
            estimated += 1
            continue
        path = Path(given)
        files = [(file, str(file)) for file in files_under(path, suffixes=suffixes)] if path.is_dir() \
            else [(path, given)]
        for file, source in files:
            absolute = os.path.abspath(file)
            if file.suffix.lower() != ".jsonl":
                batch.append(WholeFile(absolute, source))
                estimated += 1
            else:
                ranges = _line_ranges(Path(absolute), source=source, articles_per_chunk=articles_per_chunk)
                if ranges is None:
                    batch.append(WholeFile(absolute, source))
                    estimated += _count_lines(Path(absolute), 0, None)
                else:
                    yield from flush()
                    for line_range, lines in ranges:
                        batch.append(line_range)
                        estimated += lines
                        yield from flush()
            if estimated >= articles_per_chunk:
                yield from flush()
    yield from flush()


def read_chunk(chunk: Chunk) -> Iterator[SourceDocument | ReadFailure]:
    """Every item of the chunk in reading order: an article, or a failure with its reason."""
    repair = chunk.repair_encoding
    for entry in chunk.entries:
        if isinstance(entry, Problem):
            yield ReadFailure(entry.source, entry.reason)
        elif isinstance(entry, InlineBytes):
            yield from read_stream(entry.data, name=entry.name, repair=repair)
        elif isinstance(entry, LineRange):
            yield from read_jsonl_range(Path(entry.path), source=entry.source, start=entry.start, end=entry.end,
                                        first_line=entry.first_line, repair=repair)
        else:
            yield from read_file(Path(entry.path), source=entry.source, repair=repair)


def _line_ranges(
    path: Path, *, source: str, articles_per_chunk: int
) -> list[tuple[LineRange, int]] | None:
    """The file's line ranges with their line counts, or None when it is small enough (or UTF-16/32, which
    cannot be split on bytes) to be read whole."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
            if sample.startswith(UNICODE_BOMS):
                return None
            lines_in_sample = max(1, sample.count(b"\n"))
            target = max(1, len(sample) // lines_in_sample) * articles_per_chunk
            if size <= target * SPLIT_AFTER_CHUNKS:
                return None
            bounds = [0]
            while bounds[-1] + target < size:
                handle.seek(bounds[-1] + target)
                handle.readline()  # on to the next line start: only the rest of one line is read
                if handle.tell() >= size:
                    break
                bounds.append(handle.tell())
    except OSError:
        return None  # reading it whole reports the error as the item's reason
    bounds.append(size)
    ranges = []
    first_line = 1
    for start, end in zip(bounds, bounds[1:], strict=False):
        lines = _count_lines(path, start, end)
        ranges.append((LineRange(str(path), source, start, end, first_line), lines))
        first_line += lines
    return ranges


def _count_lines(path: Path, start: int, end: int | None) -> int:
    """Line ends between two offsets (to the end with None), counted a block at a time."""
    count = 0
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            remaining = None if end is None else end - start
            while remaining is None or remaining > 0:
                block = handle.read(COUNT_BLOCK_BYTES if remaining is None else min(COUNT_BLOCK_BYTES, remaining))
                if not block:
                    break
                count += block.count(b"\n")
                if remaining is not None:
                    remaining -= len(block)
    except OSError:
        return 1
    return count
