"""The local engine: the unit of work in this process (one worker) or in a pool of forked processes on this machine."""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from app.services.ingest.chunks import Chunk
from app.services.ingest.unit import ChunkReport, process_chunk
from app.services.ingest.version import pipeline_version
from app.store.db import create_database_engine

if TYPE_CHECKING:
    from spacy.language import Language
    from sqlalchemy import Engine


class LocalExecutor:
    """Runs chunks here (workers=1) or in `workers` forked processes, each with its own pipeline and connection.

    Forked children inherit the pipeline already loaded in this process (no second load, and a pipeline
    built in code, as tests do, works too); each opens its own database engine, since connections must
    not cross a fork.
    """

    name = "local"

    def __init__(self, *, engine: Engine, nlp: Language, workers: int, batch_size: int, run_id: int) -> None:
        self.engine = engine
        self.nlp = nlp
        self.workers = workers
        self.batch_size = batch_size
        self.run_id = run_id
        self.version = pipeline_version(nlp)
        self.startup_seconds = 0.0  # the pipeline is loaded before, and forked children share it

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkReport]:
        """Each chunk's report as it finishes (in any order with several workers)."""
        if self.workers <= 1:
            for chunk in chunks:
                yield process_chunk(chunk, nlp=self.nlp, engine=self.engine, run_id=self.run_id,
                                    version=self.version, batch_size=self.batch_size)
            return
        global _state
        _state = _WorkerState(nlp=self.nlp, url=self.engine.url.render_as_string(hide_password=False),
                              run_id=self.run_id, version=self.version, batch_size=self.batch_size)
        context = multiprocessing.get_context("fork")
        try:
            with context.Pool(self.workers) as pool:
                yield from pool.imap_unordered(_run_chunk, chunks, chunksize=1)
        finally:
            _state = None


class _WorkerState:
    def __init__(self, *, nlp: Language, url: str, run_id: int, version: str, batch_size: int) -> None:
        self.nlp, self.url, self.run_id, self.version, self.batch_size = nlp, url, run_id, version, batch_size
        self.engine: Engine | None = None


# Set in the parent just before the pool forks; each child reads its inherited copy.
_state: _WorkerState | None = None


def _run_chunk(chunk: Chunk) -> ChunkReport:
    assert _state is not None, "a local worker runs only in a pool forked by LocalExecutor"
    if _state.engine is None:
        _state.engine = create_database_engine(_state.url, create=False, pool_size=1)
    return process_chunk(chunk, nlp=_state.nlp, engine=_state.engine, run_id=_state.run_id,
                         version=_state.version, batch_size=_state.batch_size)
