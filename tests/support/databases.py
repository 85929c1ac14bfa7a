"""The test databases, declared once: the back-ends tests run on, a migrated SQLite template, PostgreSQL schemas.

Fixtures over these live in tests/conftest.py (`sqlite_template`, `postgres_schema_url`); test modules that
parametrize their own fixtures by back-end import `BACKENDS` from here.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.store.db import create_database_engine, upgrade_database
from app.store.models import Base

POSTGRES_URL_VARIABLE = "QUOTETRAIL_TEST_POSTGRES_URL"

# SQLite always; PostgreSQL when QUOTETRAIL_TEST_POSTGRES_URL names a server (scripts/test.sh starts one).
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason=f"{POSTGRES_URL_VARIABLE} is not set"),
    ]),
]


def migrated_sqlite_template(directory: Path) -> Path:
    """A SQLite file in `directory` brought to the migrations head: copy it to get an empty database fast."""
    path = directory / "template.db"
    upgrade_database(f"sqlite:///{path}")
    return path


def ingested_sqlite_copy(template: Path, path: Path, articles: list[Path], nlp) -> list[int]:
    """Copy the migrated `template` to `path` and store `articles` through the real ingest; the stored article
    ids, in order (every article must be stored)."""
    import shutil

    from app.services.ingest import run_ingest

    shutil.copyfile(template, path)
    engine = create_database_engine(f"sqlite:///{path}")
    try:
        summary = run_ingest(articles, engine=engine, nlp=nlp, progress=False)
    finally:
        engine.dispose()
    ids = [outcome.article_id for outcome in summary.outcomes if outcome.outcome == "stored"]
    assert len(ids) == len(summary.outcomes), summary.render()
    return [article_id for article_id in ids if article_id is not None]


@contextmanager
def private_postgres_schema(base_url: str, *, prefix: str = "quotetrail_test") -> Iterator[str]:
    """A fresh schema in the test PostgreSQL database, migrated, dropped afterwards: the URL that uses it."""
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_database_engine(base_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    try:
        upgrade_database(rendered)
        yield rendered
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def empty_postgres_tables(url: str) -> None:
    """Delete every row of a migrated PostgreSQL schema and restart its ids (the schema itself is kept)."""
    engine = create_database_engine(url)
    try:
        with engine.begin() as connection:
            tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()
