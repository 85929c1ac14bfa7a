"""Reliability fixtures: migrated databases on both backends, a loopback web server, and the store's invariants."""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from app.store.db import create_database_engine, session_scope, upgrade_database
from app.store.models import Article, ArticleParagraph, IngestionRun, Quote, Speaker

POSTGRES_URL_VARIABLE = "QUOTETRAIL_TEST_POSTGRES_URL"

BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason=f"{POSTGRES_URL_VARIABLE} is not set"),
    ]),
]


@pytest.fixture(scope="session")
def reliability_sqlite_template(tmp_path_factory):
    """A SQLite file migrated once; every test gets its own copy."""
    path = tmp_path_factory.mktemp("reliability-template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(reliability_sqlite_template, tmp_path) -> str:
    path = tmp_path / "quotetrail.db"
    shutil.copyfile(reliability_sqlite_template, path)
    return f"sqlite:///{path}"


@contextmanager
def private_postgres_schema(base_url: str) -> Iterator[str]:
    """A fresh schema in the test PostgreSQL database, migrated, dropped afterwards: the URL that uses it."""
    schema = f"quotetrail_rel_{uuid.uuid4().hex[:10]}"
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


@pytest.fixture(params=BACKENDS)
def backend_url(request, tmp_path) -> Iterator[str]:
    """An empty, migrated database: a SQLite file, then (when configured) a private PostgreSQL schema."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_url")
        return
    with private_postgres_schema(os.environ[POSTGRES_URL_VARIABLE]) as url:
        yield url


def table_counts(session) -> dict[str, int]:
    return {model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Article, ArticleParagraph, Quote, Speaker)}


def check_store(engine) -> dict[str, int]:
    """Assert everything the store promises after any ingest, crashed or not; return the table counts.

    Every quote is exactly its article's text at its offsets, with its parts inside the article; every
    article has its paragraph rows, each in the full-text index; no text is stored twice; each
    speaker's quote count is the number of quotes attributed to it.
    """
    with session_scope(engine) as session:
        articles = {article.id: article for article in session.scalars(select(Article))}
        hashes = [article.content_hash for article in articles.values()]
        assert len(hashes) == len(set(hashes)), "an article is stored twice"
        texts = [article.text for article in articles.values()]
        assert len(texts) == len(set(texts)), "the same text is stored under two hashes"
        for quote in session.scalars(select(Quote)):
            article = articles[quote.article_id]
            assert article.text[quote.start:quote.end] == quote.text, (quote.id, quote.start, quote.end)
            for start, end in [*quote.parts, *quote.verbatim]:
                assert 0 <= start <= end <= len(article.text), (quote.id, start, end)
            assert 0 <= quote.paragraph < len(article.paragraphs), (quote.id, quote.paragraph)
        paragraph_rows: dict[int, list[tuple[int, int, int]]] = {}
        for row in session.scalars(select(ArticleParagraph)):
            paragraph_rows.setdefault(row.article_id, []).append((row.position, row.start, row.end))
        for article in articles.values():
            rows = sorted(paragraph_rows.get(article.id, []))
            assert [[start, end] for _, start, end in rows] == article.paragraphs, article.id
        indexed = session.scalar(text("SELECT count(*) FROM article_paragraphs_fts"))
        assert indexed == sum(len(rows) for rows in paragraph_rows.values()), "paragraph index out of step"
        attributed = dict(session.execute(
            select(Quote.speaker_id, func.count()).where(Quote.speaker_id.is_not(None)).group_by(Quote.speaker_id)
        ).all())
        for speaker in session.scalars(select(Speaker)):
            assert speaker.quote_count == attributed.get(speaker.id, 0), (speaker.id, speaker.name)
        counts = table_counts(session)
        counts["IngestionRun"] = session.scalar(select(func.count()).select_from(IngestionRun)) or 0
        return counts


@pytest.fixture(scope="session")
def store_invariants():
    """store_invariants(engine) -> table counts, after asserting the store's invariants (see check_store)."""
    return check_store


@pytest.fixture(scope="session")
def postgres_schema():
    """postgres_schema(): a context manager giving the URL of a fresh migrated PostgreSQL schema (skips if unset)."""
    base = os.environ.get(POSTGRES_URL_VARIABLE)
    if not base:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set")
    return lambda: private_postgres_schema(base)
