"""The driver of an ingest: check the paths, record the run, plan the chunks, hand them to an engine, and
show progress and totals as the database counts them."""
from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sqlalchemy import Engine

from app.services.ingest import runs
from app.services.ingest.chunks import plan_chunks
from app.services.ingest.local import LocalExecutor
from app.services.ingest.ray_engine import RayExecutor, SharedDatabaseRequired, require_ray
from app.services.ingest.runs import IngestSummary
from app.services.readers import DEFAULT_SUFFIXES, NothingToRead, path_problems

if TYPE_CHECKING:
    from spacy.language import Language

ENGINES = ("local", "ray")
# A chunk is this many pipeline batches: big enough that its one transaction and its look-ups cost little
# per article, small enough that a retried chunk redoes little and progress moves often.
BATCHES_PER_CHUNK = 2
# Progress and the run's counts are read from the database at most this often.
PROGRESS_EVERY_SECONDS = 1.0


def run_ingest(
    paths: Sequence[str | Path],
    *,
    engine: Engine,
    nlp: Language | None = None,
    model: str = "auto",
    workers: int = 1,
    batch_size: int = 32,
    progress: bool = True,
    progress_stream: TextIO | None = None,
    suffixes: Iterable[str] = DEFAULT_SUFFIXES,
    executor: str = "local",
    address: str | None = None,
    repair_encoding: bool = True,
) -> IngestSummary:
    """Ingest every article under `paths`; a bad item never stops the rest, and a repeat stores nothing new.

    `executor` "local" runs the unit of work (app.services.ingest.unit) here with `workers` processes;
    "ray" runs it on `workers` actors (default: one per CPU of the cluster) of the Ray cluster at
    `address`. Raises NothingToRead, before any run is recorded or the pipeline is loaded, when not
    one of `paths` can give an article, SharedDatabaseRequired for "ray" on SQLite, and RayNotInstalled
    for "ray" without Ray. `repair_encoding` False stores the texts as decoded, mojibake and all.
    """
    from tqdm import tqdm

    from nlp import build_pipeline, loaded_model_name

    if executor not in ENGINES:
        raise ValueError(f"unknown engine {executor!r}; use one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    suffixes = tuple(suffixes)
    problems = path_problems(paths, suffixes=suffixes)
    if len(problems) == len(paths):
        raise NothingToRead(problems)
    stream = progress_stream or sys.stderr
    if executor == "ray":
        if engine.dialect.name != "postgresql":  # a SQLite file lives on one machine
            raise SharedDatabaseRequired(engine.dialect.name)
        require_ray()
    elif nlp is None:
        nlp = build_pipeline(model)
        stream.write(f"quotetrail: using spaCy pipeline {loaded_model_name(nlp)}\n")
    # The run is recorded once the pipeline is there: an ingest refused for its model records nothing.
    run_id = runs.start_run(engine, sources=[str(path) for path in paths])
    summary = IngestSummary(run_id=run_id, engine=executor)
    runner: LocalExecutor | RayExecutor
    if executor == "ray":
        runner = RayExecutor(url=engine.url.render_as_string(hide_password=False), model=model,
                             batch_size=batch_size, run_id=run_id, address=address, workers=workers or None)
    else:
        assert nlp is not None
        runner = LocalExecutor(engine=engine, nlp=nlp, workers=workers, batch_size=batch_size, run_id=run_id)
    # The whole plan is made first (a few bytes per chunk: paths and offsets, never texts): its item
    # estimates give the progress bar its total without a second pass over the inputs.
    chunks = list(plan_chunks(paths, suffixes=suffixes, articles_per_chunk=batch_size * BATCHES_PER_CHUNK,
                              stdin=executor == "local", repair_encoding=repair_encoding))
    bar = tqdm(total=sum(chunk.estimated_items for chunk in chunks), unit="article", desc="ingest",
               disable=not progress, file=stream, dynamic_ncols=True)
    shown = 0.0
    try:
        for report in runner.run(chunks):
            summary.read_seconds += report.read_seconds
            summary.pipeline_seconds += report.pipeline_seconds
            summary.store_seconds += report.store_seconds
            summary.worker_peak_rss_mib = max(summary.worker_peak_rss_mib, report.peak_rss_mib)
            if time.perf_counter() - shown >= PROGRESS_EVERY_SECONDS:
                shown = _show(engine, run_id=run_id, bar=bar)
        _show(engine, run_id=run_id, bar=bar)
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started
        summary.startup_seconds = runner.startup_seconds
        summary.outcomes = runs.finish_run(engine, run_id=run_id)
    return summary


def _show(engine: Engine, *, run_id: int, bar) -> float:
    """Progress as the database counts it (every engine's workers write their items there)."""
    counts = runs.counted(engine, run_id=run_id)
    runs.save_counts(engine, run_id=run_id)
    bar.set_postfix(counts, refresh=False)
    bar.update(sum(counts.values()) - bar.n)
    return time.perf_counter()
