"""Database fixtures for app tests: a migrated SQLite file per test, and PostgreSQL when its URL is set."""
from __future__ import annotations

import os
import shutil
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.settings import get_settings
from app.store.db import (
    create_database_engine, current_revision, get_engine, head_revision, make_session_factory, upgrade_database,
)

POSTGRES_URL_VARIABLE = "QUOTETRAIL_TEST_POSTGRES_URL"

# Every table, for emptying the PostgreSQL schema between tests (the migrated schema itself is kept).
TABLES = (
    "article_paragraphs_fts", "quote_fingerprints", "quotes", "article_paragraphs", "speaker_titles",
    "speaker_aliases", "articles", "speakers", "speaker_corrections", "quote_families", "ingestion_runs",
)

BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason=f"{POSTGRES_URL_VARIABLE} is not set"),
    ]),
]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A SQLite file brought to the migrations head once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_schema_url():
    """A private schema in the test PostgreSQL database, migrated once, dropped at the end of the session."""
    base = os.environ.get(POSTGRES_URL_VARIABLE)
    if not base:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set")
    schema = f"quotetrail_test_{uuid.uuid4().hex[:10]}"
    admin = create_database_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    upgrade_database(rendered)
    yield rendered
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path, monkeypatch):
    """The URL of an empty, migrated database (SQLite; PostgreSQL if configured), also in QUOTETRAIL_DATABASE_URL."""
    if request.param == "sqlite":
        path = tmp_path / "quotetrail.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_schema_url")
        engine = create_database_engine(url)
        if current_revision(engine) != head_revision():
            # An earlier test downgraded or re-stamped the schema: build it again from nothing.
            schema = make_url(url).query["options"].split("=", 1)[1]
            with engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            upgrade_database(engine=engine)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        engine.dispose()
    monkeypatch.setenv("QUOTETRAIL_DATABASE_URL", url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield url
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture
def engine(database_url):
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with make_session_factory(engine)() as session:
        yield session
