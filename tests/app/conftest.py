"""Database fixtures for app tests: a migrated SQLite file per test, and PostgreSQL when its URL is set."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.settings import get_settings
from app.store.db import (
    create_database_engine,
    current_revision,
    get_engine,
    head_revision,
    make_session_factory,
    upgrade_database,
)
from tests.support.databases import BACKENDS, empty_postgres_tables


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
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
            options = make_url(url).query["options"]
            schema = (options if isinstance(options, str) else options[0]).split("=", 1)[1]
            with engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            upgrade_database(engine=engine)
        engine.dispose()
        empty_postgres_tables(url)
    monkeypatch.setenv("QUOTETRAIL_DATABASE_URL", url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield url
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with make_session_factory(engine)() as session:
        yield session
