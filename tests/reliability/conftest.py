"""Reliability fixtures: migrated databases on both backends, a loopback web server, and the store's invariants."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text

from app.store.db import session_scope
from app.store.models import Article, ArticleParagraph, IngestionRun, Quote, Speaker
from tests.support.databases import BACKENDS, POSTGRES_URL_VARIABLE, private_postgres_schema


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path) -> str:
    path = tmp_path / "quotetrail.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


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
