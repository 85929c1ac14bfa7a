"""Web test fixtures: a made-up collection ingested once by the real pipeline and ingest, and apps over it."""
from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from app.settings import Settings
from app.store.db import create_database_engine

COLLECTION = Path(__file__).resolve().parent / "collection"
# Small pages, so a handful of speakers and articles already spans several pages.
TEST_PAGE_SIZE = 5


@pytest.fixture(scope="session")
def collection_lines() -> dict[str, dict]:
    """The JSON Lines articles of the collection by id (titles, metadata and text to check pages against)."""
    lines = [json.loads(line) for line in (COLLECTION / "collection.jsonl").read_text("utf-8").splitlines() if line]
    return {line["id"]: line for line in lines}


@pytest.fixture(scope="session")
def ingested_database(tmp_path_factory, sqlite_template, pipeline):
    """A migrated SQLite file holding the collection, stored by `run_ingest` exactly as the CLI does."""
    from app.services.ingest import run_ingest

    path = tmp_path_factory.mktemp("web") / "collection.db"
    shutil.copyfile(sqlite_template, path)
    engine = create_database_engine(f"sqlite:///{path}")
    paths = [COLLECTION / "harbour.txt", COLLECTION / "tram.html", COLLECTION / "collection.jsonl"]
    summary = run_ingest(paths, engine=engine, nlp=pipeline, progress=False)
    engine.dispose()  # closing the last connection folds the WAL into the file, so copies are complete
    assert summary.count("failed") == 0, summary.render()
    return path


def make_app(database_path, pipeline, **settings):
    from app.web.main import create_app

    # The session's pipeline for added articles: loading a second copy would only cost time.
    return create_app(Settings(database_url=f"sqlite:///{database_path}", page_size=TEST_PAGE_SIZE, **settings),
                      nlp=pipeline)


@pytest.fixture(scope="session")
def app(ingested_database, pipeline):
    """The app over the shared collection: for tests that only read."""
    return make_app(ingested_database, pipeline)


@pytest.fixture
def writable_database(ingested_database, tmp_path):
    path = tmp_path / "writable.db"
    shutil.copyfile(ingested_database, path)
    return path


@pytest.fixture(scope="module")
def module_writable_app(ingested_database, tmp_path_factory, pipeline):
    """An app over a copy of the collection shared by one module's tests, which may add to it."""
    path = tmp_path_factory.mktemp("module") / "collection.db"
    shutil.copyfile(ingested_database, path)
    return make_app(path, pipeline)


@pytest.fixture
def writable_app(writable_database, pipeline):
    """The app over a private copy of the collection: for tests that add articles."""
    return make_app(writable_database, pipeline)


def in_process_client(app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's notice about its httpx-based client
        from fastapi.testclient import TestClient
    return TestClient(app, base_url="http://testserver")


@pytest.fixture(scope="session")
def client(app):
    with in_process_client(app) as client:
        yield client


@pytest.fixture
def writable_client(writable_app):
    with in_process_client(writable_app) as client:
        yield client


@pytest.fixture
def client_with(writable_database, pipeline):
    """client_with(**settings): a client of an app with other settings, over a private copy of the collection."""
    clients = []

    def open_client(**settings):
        client = in_process_client(make_app(writable_database, pipeline, **settings))
        clients.append(client.__enter__())
        return clients[-1]

    yield open_client
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def empty_client(sqlite_template, tmp_path, pipeline):
    """A client of the app over a migrated database with nothing in it."""
    path = tmp_path / "empty.db"
    shutil.copyfile(sqlite_template, path)
    with in_process_client(make_app(path, pipeline)) as client:
        yield client


@pytest.fixture(scope="session")
def parse():
    """parse(response) -> an HTML tree to query with CSS selectors (after checking it is HTML)."""

    def parse_html(response) -> LexborHTMLParser:
        assert response.headers["content-type"].startswith("text/html"), response.headers["content-type"]
        return LexborHTMLParser(response.text)

    return parse_html


@pytest.fixture(scope="session")
def ids(client):
    """Ids the tests navigate by, looked up through the JSON API itself."""
    articles = client.get("/articles.json", params={"page": 1}).json()
    everything = []
    page = 1
    while True:
        listing = client.get("/articles.json", params={"page": page}).json()
        everything.extend(listing["articles"])
        if not listing["pagination"]["next_url"]:
            break
        page += 1
    by_title = {article["title"]: article["id"] for article in everything}
    assert articles["pagination"]["total"] == len(everything)
    return by_title
