"""Speaker names found ignoring case through indexes, and by a part of the name through trigrams on PostgreSQL;
and on PostgreSQL a speaker page's order read from an index instead of each article's row.

The explorer's speaker filter (queries.speaker_ids_named) tries the printed name, then the name ignoring case
(`lower(name) = ...`), then a name containing the words (`lower(name) LIKE '%...%'`); both later steps read every
speaker and every alias. At a million quotes (20k speakers, 40k aliases) a name no speaker has cost 59 ms for
the look-up alone. Expression indexes on lower(name) and lower(alias) serve the second step on both back-ends;
on PostgreSQL a pg_trgm GIN index on the same expressions serves the third. pg_trgm is an extension: when the
migrating role may not create it, the migration still succeeds without those two indexes and logs one line
(README, "The store", says what an operator does); the contains search then scans, as before.

A speaker's page orders their quotes by their articles' publication dates. For a speaker with hundreds of
quotes PostgreSQL fetched every one of those articles' rows (259 MB of heap at 200k articles) to read the
date: 368 ms for 196 quotes with cold caches. `articles (id) INCLUDE (published_at)` gives the date from a
4 MB index (an index-only scan), 3 ms. SQLite reads its articles by rowid and was within target: PostgreSQL only.

Revision ID: 0009_lookup_indexes
Revises: 0008_link_phase
Create Date: 2026-12-07
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.store.db import ARTICLE_DATE_INDEX, TRIGRAM_INDEXES

revision: str = "0009_lookup_indexes"
down_revision: str | Sequence[str] | None = "0008_link_phase"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")


def upgrade() -> None:
    op.create_index("ix_speakers_name_folded", "speakers", [sa.text("lower(name)")], unique=False)
    op.create_index("ix_speaker_aliases_alias_folded", "speaker_aliases", [sa.text("lower(alias)")], unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.create_index(ARTICLE_DATE_INDEX, "articles", ["id"], unique=False,
                    postgresql_include=["published_at"])
    trigram_schema = _create_trigram_extension(bind)
    if trigram_schema is None:
        return
    for name, (table, column) in TRIGRAM_INDEXES.items():
        # The operator class named with its schema: the extension may live outside this schema's search path
        # (created once per database, by whichever schema migrated first).
        op.execute(f'CREATE INDEX {name} ON {table} USING gin (lower({column}) "{trigram_schema}".gin_trgm_ops)')


def _create_trigram_extension(bind: sa.Connection) -> str | None:
    """pg_trgm's schema, creating the extension in `public` if the database has none; None (and one log line)
    when it cannot be created. Tried in a savepoint so a refusal leaves the migration's transaction usable."""
    installed = bind.scalar(sa.text("SELECT extnamespace::regnamespace::text FROM pg_extension "
                                    "WHERE extname = 'pg_trgm'"))
    if installed is not None:
        return str(installed).strip('"')
    try:
        with bind.begin_nested():
            # In `public`, not the first schema of the search path: dropping that schema would drop the
            # extension, and with it every other schema's trigram indexes.
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    except sa.exc.DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        log.warning("pg_trgm not created (%s): speaker names are searched by part without an index "
                    "(README, 'Speaker names by part on PostgreSQL', says what to run)", reason)
        return None
    return "public"


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")  # absent when pg_trgm could not be created
        op.drop_index(ARTICLE_DATE_INDEX, table_name="articles")
    op.drop_index("ix_speaker_aliases_alias_folded", table_name="speaker_aliases")
    op.drop_index("ix_speakers_name_folded", table_name="speakers")
