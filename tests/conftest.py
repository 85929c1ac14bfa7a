"""Fixtures shared by every test: the real spaCy pipeline, loaded once per session, a loopback server, and the
migrated test databases (declared in tests/support/databases.py)."""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.databases import POSTGRES_URL_VARIABLE, migrated_sqlite_template, private_postgres_schema


@pytest.fixture(scope="session")
def pipeline():
    """The real quotetrail pipeline (spaCy model + our stages), built exactly as the CLI builds it."""
    import nlp

    return nlp.build_pipeline()


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text) -> DocumentRecord, with the session's pipeline."""
    import nlp

    def run(text: str, doc_id: str = "test"):
        return nlp.extract(pipeline, text, doc_id)

    return run


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(app) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a background thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name="quotetrail-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="session")
def serve():
    """serve(app): a context manager giving the base URL of `app` served over real HTTP on 127.0.0.1."""
    return served


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file brought to the migrations head once; each test copies it."""
    return migrated_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_schema_url() -> Iterator[str]:
    """A private schema in the test PostgreSQL database, migrated once, dropped at the end of the session."""
    base = os.environ.get(POSTGRES_URL_VARIABLE)
    if not base:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set")
    with private_postgres_schema(base) as url:
        yield url
