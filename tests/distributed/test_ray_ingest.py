"""Ingest on a real Ray cluster (processes on 127.0.0.1) into real PostgreSQL: the same rows as the local engine,
nothing twice, and nothing lost when an actor or a whole node dies mid-run."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.services.ingest import IngestSummary, run_ingest
from app.services.linking import relink_collection
from app.store.db import create_database_engine, session_scope
from app.store.models import Article, IngestionItem
from tests.distributed.conftest import ARTICLE_COUNT, canonical_dump
from tests.support.databases import private_postgres_schema
from tests.support.ray_cluster import RayCluster

pytest.importorskip("ray", reason="Ray is not installed (pip install 'quotetrail[ray]'); CI installs it")
pytestmark = pytest.mark.postgres
# Small chunks (8 articles), so a run has 25 of them and there is a "mid-run" to interrupt.
BATCH_SIZE = 4
RUN_TIMEOUT_SECONDS = 150


def ingest(url: str, paths: list[Path], **options) -> IngestSummary:
    """An ingest as `quotetrail ingest` runs it: the chunks, then the closing `link` pass."""
    engine = create_database_engine(url)
    try:
        summary = run_ingest(paths, engine=engine, batch_size=BATCH_SIZE, progress=False, **options)
        with session_scope(engine) as session:
            relink_collection(session)
        return summary
    finally:
        engine.dispose()


def dump(url: str) -> dict[str, list]:
    engine = create_database_engine(url)
    try:
        return canonical_dump(engine)
    finally:
        engine.dispose()


def stored_count(url: str) -> int:
    engine = create_database_engine(url)
    try:
        with session_scope(engine) as session:
            return session.scalar(select(func.count()).select_from(Article)) or 0
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def local_dump(postgres_base_url: str, corpus: Path, pipeline) -> dict[str, list]:
    """The corpus through the local engine: what every Ray run must store too."""
    with private_postgres_schema(postgres_base_url, prefix="quotetrail_ray") as url:
        summary = ingest(url, [corpus], nlp=pipeline)
        assert summary.count("stored") == ARTICLE_COUNT, summary.render()
        return dump(url)


class Background:
    """An ingest running on a thread while the test breaks things."""

    def __init__(self, url: str, paths: list[Path], **options) -> None:
        self.summary: IngestSummary | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(url, paths), kwargs=options, daemon=True)
        self.thread.start()

    def _run(self, url: str, paths: list[Path], **options) -> None:
        try:
            self.summary = ingest(url, paths, **options)
        except BaseException as error:  # handed to the test, which re-raises it
            self.error = error

    def result(self) -> IngestSummary:
        self.thread.join(RUN_TIMEOUT_SECONDS)
        assert not self.thread.is_alive(), "the ingest did not finish"
        if self.error is not None:
            raise self.error
        assert self.summary is not None
        return self.summary


def wait_until_stored(url: str, *, at_least: int, background: Background) -> int:
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    while time.monotonic() < deadline and background.thread.is_alive():
        count = stored_count(url)
        if count >= at_least:
            return count
        time.sleep(0.1)
    raise AssertionError(f"fewer than {at_least} articles were stored while the run was going")


def assert_each_article_once(url: str, summary: IngestSummary) -> None:
    """Every item recorded once in the run, every article stored once: nothing lost, nothing twice."""
    assert summary.count("stored") == ARTICLE_COUNT and not summary.failures, summary.render()
    engine = create_database_engine(url)
    try:
        with session_scope(engine) as session:
            sources = list(session.scalars(select(IngestionItem.source).where(IngestionItem.run_id == summary.run_id)))
            assert len(sources) == len(set(sources)) == ARTICLE_COUNT
            assert session.scalar(select(func.count()).select_from(Article)) == ARTICLE_COUNT
    finally:
        engine.dispose()


def test_ray_stores_what_local_stores_and_a_second_run_changes_nothing(
        ray_cluster: RayCluster, fresh_database: str, corpus: Path, local_dump: dict[str, list]):
    first = ingest(fresh_database, [corpus], executor="ray", address=ray_cluster.address, workers=2)
    assert_each_article_once(fresh_database, first)
    stored = dump(fresh_database)
    assert stored == local_dump
    assert len(stored["families"]) >= 5 and len(stored["speakers"]) >= 10  # the comparison has substance

    second = ingest(fresh_database, [corpus], executor="ray", address=ray_cluster.address, workers=2)
    assert (second.count("stored"), second.count("duplicate")) == (0, ARTICLE_COUNT)
    assert dump(fresh_database) == stored


def test_a_killed_actor_restarts_and_its_chunk_is_stored_once(
        ray_cluster: RayCluster, fresh_database: str, corpus: Path, local_dump: dict[str, list]):
    background = Background(fresh_database, [corpus], executor="ray", address=ray_cluster.address, workers=2)
    stored_then = wait_until_stored(fresh_database, at_least=2 * BATCH_SIZE * 2, background=background)
    actors = ray_cluster.processes(named="ray::IngestWorker")
    assert actors, "no actor process found to kill"
    os.kill(actors[0], signal.SIGKILL)
    summary = background.result()
    assert stored_then < ARTICLE_COUNT  # the kill happened mid-run
    assert actors[0] not in ray_cluster.processes(named="ray::IngestWorker")
    assert_each_article_once(fresh_database, summary)
    assert dump(fresh_database) == local_dump


def test_losing_a_whole_worker_node_mid_run_loses_nothing(
        fresh_database: str, corpus: Path, local_dump: dict[str, list]):
    cluster = RayCluster()
    try:
        cluster.start_head(num_cpus=0)  # actors can only live on worker nodes
        doomed = cluster.add_node(num_cpus=2)
        background = Background(fresh_database, [corpus], executor="ray", address=cluster.address, workers=2)
        stored_then = wait_until_stored(fresh_database, at_least=2 * BATCH_SIZE * 2, background=background)
        cluster.kill_node(doomed)
        assert not cluster.node_processes(doomed)
        cluster.add_node(num_cpus=2)  # the actors restart here and their chunks run again
        summary = background.result()
        assert stored_then < ARTICLE_COUNT
        assert_each_article_once(fresh_database, summary)
        assert dump(fresh_database) == local_dump
    finally:
        cluster.stop()


def test_the_cli_ingests_on_a_cluster_and_reports_a_broken_file(
        ray_cluster: RayCluster, fresh_database: str, tmp_path: Path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "01-good.txt").write_text('"We will reopen the pier," said Harbour Master Ines Duarte.', encoding="utf-8")
    (batch / "02-latin1.txt").write_bytes('"Caf\u00e9s stay open," she said.'.encode("latin-1"))
    (batch / "03-lines.jsonl").write_text(
        '{"id": "j1", "text": "\\"Fares will not rise,\\" the transport chief, Ola Berg, said."}\n'
        '{"id": "j2", "text": \n', encoding="utf-8")
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": fresh_database, "RAY_USAGE_STATS_ENABLED": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "app", "ingest", "--engine", "ray", "--address", ray_cluster.address,
         "--ray-workers", "1", "--no-progress", str(batch)],
        env=environment, capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS,
    )
    assert result.returncode == 1, result.stderr[-3000:]  # two items failed
    assert "stored     2 article(s)" in result.stdout
    assert "02-latin1.txt: not valid UTF-8 at byte 4" in result.stdout
    assert "03-lines.jsonl:2: line 2: not valid JSON" in result.stdout
    assert "linked " in result.stdout  # the closing link pass ran
    assert stored_count(fresh_database) == 2


@pytest.fixture(autouse=True)
def no_leftover_driver() -> Iterator[None]:
    """Each test's driver connection is closed by the ingest itself; make sure none leaks into the next."""
    import ray

    yield
    if ray.is_initialized():
        ray.shutdown()
