"""Migration 0002 rewrites stored quote-family diffs into the one word-diff shape, and back on downgrade."""
from __future__ import annotations

import json
import shutil

from alembic import command
from sqlalchemy import text

from app.services.wording.diff import read_stored_diff, stored_diff, word_diff
from app.store.db import alembic_config, create_database_engine

EARLIEST = "We will not stop until every inch of Syria is liberated,"
LATER = "We will not stop until every inch of our Syria is liberated."
OLD_SHAPE = [["equal", "We will not stop until every inch of", "We will not stop until every inch of"],
             ["insert", "", "our"], ["equal", "Syria is liberated,", "Syria is liberated."]]


def migrate(connection, url: str, *, to: str, down: bool = False) -> None:
    config = alembic_config(url)
    config.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(config, to)


def stored(connection) -> list:
    return json.loads(connection.execute(text("SELECT family_diff FROM quotes WHERE id = 1")).scalar_one())


def test_family_diffs_are_rewritten_to_the_one_shape_and_back(sqlite_template, tmp_path):
    database = tmp_path / "quotetrail.db"
    shutil.copyfile(sqlite_template, database)
    url = f"sqlite:///{database}"
    engine = create_database_engine(url)
    with engine.begin() as connection:
        migrate(connection, url, to="0001", down=True)
        connection.execute(text("INSERT INTO articles (id, content_hash, ingested_at, text, paragraphs) "
                                "VALUES (1, 'x', '2026-01-01 00:00:00', :text, '[]')"), {"text": LATER})
        connection.execute(text(
            "INSERT INTO quotes (id, article_id, paragraph, start, \"end\", text, normalized, kind, parts, verbatim, "
            "confidence, resolution, family_diff) VALUES (1, 1, 0, 0, :end, :text, :text, 'direct', '[]', '[]', "
            "1.0, '', :diff)"), {"end": len(LATER), "text": LATER, "diff": json.dumps(OLD_SHAPE)})
        migrate(connection, url, to="head")
        assert stored(connection) == stored_diff(word_diff(EARLIEST, LATER))  # what linking stores today
        assert [op.op for op in read_stored_diff(stored(connection))] == ["equal", "insert", "equal"]
        migrate(connection, url, to="head")  # nothing left to rewrite
        migrate(connection, url, to="0001", down=True)
        assert stored(connection) == OLD_SHAPE
    engine.dispose()
