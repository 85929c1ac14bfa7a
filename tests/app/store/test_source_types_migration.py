"""Migration 0003 adds the kinds of source to a database that already holds speakers and quotes (and removes them
on downgrade), on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from app.store.db import alembic_config, create_database_engine

speakers = sa.table("speakers", sa.column("id", sa.Integer), sa.column("name", sa.String),
                    sa.column("key", sa.String), sa.column("surname", sa.String),
                    sa.column("is_person", sa.Boolean), sa.column("quote_count", sa.Integer))
articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("content_hash", sa.String),
                    sa.column("ingested_at", sa.DateTime), sa.column("text", sa.Text),
                    sa.column("paragraphs", sa.JSON))
quotes = sa.table("quotes", *(sa.column(name, sa.Integer) for name in ("id", "article_id", "paragraph", "start",
                                                                       "end", "speaker_id")),
                  sa.column("text", sa.Text), sa.column("normalized", sa.Text), sa.column("kind", sa.String),
                  sa.column("parts", sa.JSON), sa.column("verbatim", sa.JSON), sa.column("speaker_name", sa.String),
                  sa.column("confidence", sa.Float), sa.column("resolution", sa.Text))

TEXT = "Putin said it was symbolic. The Kremlin said no. Officials said maybe. Nobody knows."


def migrate(connection, url: str, *, to: str, down: bool = False) -> None:
    config = alembic_config(url)
    config.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(config, to)


def quote_row(quote_id: int, words: str, *, speaker_id: int | None, speaker_name: str | None) -> dict:
    start = TEXT.index(words)
    return {"id": quote_id, "article_id": 1, "paragraph": 0, "start": start, "end": start + len(words),
            "speaker_id": speaker_id, "text": words, "normalized": words.casefold(), "kind": "indirect",
            "parts": [[start, start + len(words)]], "verbatim": [], "speaker_name": speaker_name,
            "confidence": 0.8, "resolution": ""}


def test_existing_speakers_and_quotes_get_their_kind_and_defaults(database_url):
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        migrate(connection, database_url, to="0002", down=True)
        connection.execute(speakers.insert(), [
            {"id": 1, "name": "Vladimir Putin", "key": "vladimir putin", "surname": "putin", "is_person": True,
             "quote_count": 1},
            {"id": 2, "name": "the Kremlin", "key": "kremlin", "surname": None, "is_person": False,
             "quote_count": 1},
        ])
        connection.execute(articles.insert(), [{"id": 1, "content_hash": "x", "ingested_at": datetime(2026, 1, 1),
                                                "text": TEXT, "paragraphs": [[0, len(TEXT)]]}])
        connection.execute(quotes.insert(), [
            quote_row(1, "it was symbolic", speaker_id=1, speaker_name="Putin"),
            quote_row(2, "no", speaker_id=2, speaker_name="The Kremlin"),
            quote_row(3, "maybe", speaker_id=None, speaker_name="Officials"),
            quote_row(4, "Nobody knows", speaker_id=None, speaker_name=None),
        ])
        migrate(connection, database_url, to="head")
        kinds: dict[int, str] = {speaker_id: kind for speaker_id, kind in connection.execute(
            sa.text("SELECT id, kind FROM speakers ORDER BY id"))}
        assert kinds == {1: "person", 2: "organisation"}
        rows = connection.execute(sa.text(
            "SELECT id, speaker_type, anonymous, rule FROM quotes ORDER BY id")).all()
        assert [(quote_id, speaker_type, bool(anonymous), rule) for quote_id, speaker_type, anonymous, rule in rows] \
            == [(1, "person", False, None), (2, "organisation", False, None), (3, None, False, None),
                (4, None, False, None)]
        # New rows may leave the new columns out: the defaults hold.
        connection.execute(articles.insert(), [{"id": 2, "content_hash": "y", "ingested_at": datetime.now(UTC),
                                                "text": TEXT, "paragraphs": []}])
        connection.execute(quotes.insert(), [{**quote_row(5, "maybe", speaker_id=None, speaker_name=None),
                                              "article_id": 2}])
        assert connection.execute(sa.text("SELECT anonymous FROM quotes WHERE id = 5")).scalar_one() in (False, 0)
        migrate(connection, database_url, to="0002", down=True)
        columns = {column["name"] for column in sa.inspect(connection).get_columns("quotes")}
        assert not columns & {"speaker_type", "anonymous", "rule"}
        assert "kind" not in {column["name"] for column in sa.inspect(connection).get_columns("speakers")}
        migrate(connection, database_url, to="head")
    engine.dispose()


def test_sqlite_keeps_its_quote_search_triggers(sqlite_template):
    engine = create_database_engine(f"sqlite:///{sqlite_template}")
    with engine.connect() as connection:
        triggers = set(connection.execute(sa.text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'quotes'")).scalars())
    engine.dispose()
    assert triggers == {"quotes_fts_after_insert", "quotes_fts_after_delete", "quotes_fts_after_update"}
