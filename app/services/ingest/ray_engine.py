"""The Ray engine: the same unit of work in Ray actors, each loading the pipeline once, on any cluster.

Every node needs the same quotetrail, spaCy model and `quotetrail[ray]` extra as the driver, network
access to the PostgreSQL server, and the inputs at the same path (see README, "Operations: past one
machine"). The pipeline never travels through Ray's object store (spaCy objects do not survive its
read-only buffers): an actor builds it in its constructor, and chunks (small descriptions) and reports
(a few numbers) are all that cross the wire.
"""
from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from app.services.ingest.chunks import Chunk
from app.services.ingest.unit import ChunkReport, process_chunk

INSTALL_HINT = "pip install 'quotetrail[ray]'"
# A crashed actor is started again this many times (on any node with a free CPU), and the chunks it
# held are run again on it; past that the driver starts a fresh actor and re-queues them itself.
MAX_RESTARTS = 4
MAX_TASK_RETRIES = 4
# A chunk that raises (not a crash: the database refusing its writes) this many times stops the run.
CHUNK_ATTEMPTS = 3
# Chunks queued on each actor: one running and one waiting, so an actor never idles between chunks.
IN_FLIGHT_PER_ACTOR = 2
# Database connections one actor holds at most (see the README's connection budget).
ACTOR_POOL_SIZE = 1
ACTOR_POOL_OVERFLOW = 1


class RayNotInstalled(RuntimeError):
    def __init__(self) -> None:
        super().__init__(f"--engine ray needs Ray, which is not installed: {INSTALL_HINT}")


class SharedDatabaseRequired(RuntimeError):
    def __init__(self, backend: str) -> None:
        super().__init__(f"--engine ray needs a database every node can reach, not {backend}: set "
                         "QUOTETRAIL_DATABASE_URL=postgresql+psycopg://USER:PASSWORD@HOST/DB")


class PipelineMismatch(RuntimeError):
    """Two workers would store results under different pipeline versions: the nodes' installs differ."""


def require_ray() -> Any:
    """The ray module, or RayNotInstalled saying how to install it."""
    try:
        import ray
    except ImportError:
        raise RayNotInstalled() from None
    return ray


class IngestWorker:
    """A Ray actor's body (wrapped with ray.remote by RayExecutor): one pipeline, one small engine."""

    def __init__(self, url: str, model: str, batch_size: int) -> None:
        from app.services.ingest.version import pipeline_version
        from app.store.db import create_database_engine
        from nlp import build_pipeline

        self.nlp = build_pipeline(model)
        self.version = pipeline_version(self.nlp)
        self.engine = create_database_engine(url, create=False, pool_size=ACTOR_POOL_SIZE,
                                             max_overflow=ACTOR_POOL_OVERFLOW)
        self.batch_size = batch_size

    def describe(self) -> dict[str, Any]:
        """The pipeline version and process id (tests find the actor's process by it)."""
        return {"version": self.version, "pid": os.getpid()}

    def process(self, chunk: Chunk, run_id: int, version: str) -> ChunkReport:
        if version != self.version:
            raise PipelineMismatch(f"this node runs pipeline version {self.version!r}, the run uses {version!r}; "
                                   "install the same quotetrail, model and resources on every node")
        return process_chunk(chunk, nlp=self.nlp, engine=self.engine, run_id=run_id, version=self.version,
                             batch_size=self.batch_size)


class RayExecutor:
    """Runs chunks on `workers` actors of the Ray cluster at `address` ("auto": the one this machine is in)."""

    name = "ray"

    def __init__(self, *, url: str, model: str, batch_size: int, run_id: int, address: str | None,
                 workers: int | None) -> None:
        self.url, self.model, self.batch_size, self.run_id = url, model, batch_size, run_id
        self.address = address or "auto"
        self.requested_workers = workers
        self.version = ""
        self.startup_seconds = 0.0  # connecting and starting the actors, each loading its pipeline
        self.started = 0.0

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkReport]:
        self.started = time.perf_counter()
        ray = require_ray()
        started_here = not ray.is_initialized()
        if started_here:
            ray.init(address=self.address, log_to_driver=False, logging_level="WARNING")
        try:
            yield from self._run(ray, iter(chunks))
        finally:
            if started_here:
                ray.shutdown()

    def _run(self, ray: Any, chunks: Iterator[Chunk]) -> Iterator[ChunkReport]:
        from ray.exceptions import RayActorError

        count = self.requested_workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor_class = ray.remote(num_cpus=1, max_restarts=MAX_RESTARTS,
                                 max_task_retries=MAX_TASK_RETRIES)(IngestWorker)

        def new_actor() -> Any:
            return actor_class.remote(self.url, self.model, self.batch_size)

        actors = [new_actor() for _ in range(count)]
        versions = {info["version"] for info in ray.get([actor.describe.remote() for actor in actors])}
        if len(versions) > 1:
            raise PipelineMismatch("the workers run different pipeline versions: " + "; ".join(sorted(versions)))
        self.version = versions.pop()
        self.startup_seconds = time.perf_counter() - self.started

        retry: deque[Chunk] = deque()
        attempts: dict[int, int] = {}
        in_flight: dict[Any, tuple[int, Any, Chunk]] = {}
        load = [0] * count
        exhausted = False

        def next_chunk() -> Chunk | None:
            nonlocal exhausted
            if retry:
                return retry.popleft()
            if exhausted:
                return None
            chunk = next(chunks, None)
            exhausted = chunk is None
            return chunk

        while True:
            for index in range(count):
                while load[index] < IN_FLIGHT_PER_ACTOR:
                    chunk = next_chunk()
                    if chunk is None:
                        break
                    actor = actors[index]
                    in_flight[actor.process.remote(chunk, self.run_id, self.version)] = (index, actor, chunk)
                    load[index] += 1
            if not in_flight:
                return
            done, _ = ray.wait(list(in_flight), num_returns=1)
            for reference in done:
                index, actor, chunk = in_flight.pop(reference)
                load[index] -= 1
                try:
                    yield ray.get(reference)
                except RayActorError:
                    # The actor is gone for good (restarts used up): a fresh one takes its place, and
                    # the chunk goes back in the queue; its items are recorded once whatever happened.
                    if actors[index] is actor:  # not replaced already for another of its chunks
                        actors[index] = new_actor()
                    retry.append(chunk)
                except Exception:
                    attempts[chunk.number] = attempts.get(chunk.number, 0) + 1
                    if attempts[chunk.number] >= CHUNK_ATTEMPTS:
                        raise
                    retry.append(chunk)
