"""Migration 0009: a speaker name ignoring case and by part is found through indexes (lower() on both back-ends,
pg_trgm on PostgreSQL), and a role that may not create pg_trgm still migrates, saying so in one log line."""
from __future__ import annotations

import logging
import os
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.store import queries
from app.store.db import TRIGRAM_INDEXES, create_database_engine, session_scope, upgrade_database
from app.store.models import Speaker, SpeakerAlias
from tests.support.databases import POSTGRES_URL_VARIABLE


def add_speakers(engine) -> dict[str, int]:
    with session_scope(engine) as session:
        assad = Speaker(name="Bashar al-Assad", key="bashar al-assad", surname="al-assad")
        assad.aliases.append(SpeakerAlias(alias="Assad", key="assad", count=1, reason="surname"))
        other = Speaker(name="Angela Merkel", key="angela merkel", surname="merkel")
        session.add_all([assad, other])
        session.flush()
        return {"assad": assad.id, "merkel": other.id}


def test_names_are_found_ignoring_case_and_by_part(engine):
    ids = add_speakers(engine)
    with session_scope(engine) as session:
        assert queries.speaker_ids_named(session, name="ANGELA MERKEL") == [ids["merkel"]]
        assert queries.speaker_ids_named(session, name="assad") == [ids["assad"]]  # the alias, ignoring case
        assert queries.speaker_ids_named(session, name="al-ass") == [ids["assad"]]  # a part of the name
        assert queries.speaker_ids_named(session, name="Obama") == []


def plan(engine, sql: str, **parameters) -> str:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.execute(text(f"EXPLAIN QUERY PLAN {sql}"), parameters)
            return " ".join(str(row[-1]) for row in rows)
        # A handful of rows: a sequential scan would win; forbid it to see which indexes can serve.
        connection.execute(text("SET enable_seqscan = off"))
        return " ".join(row[0] for row in connection.execute(text(f"EXPLAIN {sql}"), parameters))


def test_names_ignoring_case_use_the_folded_indexes(engine):
    add_speakers(engine)
    assert "ix_speakers_name_folded" in plan(engine, "SELECT id FROM speakers WHERE lower(name) = :name",
                                             name="angela merkel")
    assert "ix_speaker_aliases_alias_folded" in plan(
        engine, "SELECT speaker_id FROM speaker_aliases WHERE lower(alias) = :name", name="assad")
    # Negative: the printed name is a different expression; the folded index does not serve it.
    assert "ix_speakers_name_folded" not in plan(engine, "SELECT id FROM speakers WHERE name = :name",
                                                 name="Angela Merkel")


def test_names_by_part_use_the_trigram_indexes_on_postgresql(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("pg_trgm is PostgreSQL's")
    add_speakers(engine)
    for name, (table, column) in TRIGRAM_INDEXES.items():
        assert name in plan(engine, f"SELECT 1 FROM {table} WHERE lower({column}) LIKE :pattern", pattern="%ass%")


@pytest.fixture
def unprivileged_database_url():
    """A new database whose migrating role owns the schema but may not create extensions (unaccent, which the
    full-text migration needs, installed beforehand by the superuser, as an operator would)."""
    base = os.environ.get(POSTGRES_URL_VARIABLE)
    if not base:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set")
    suffix = uuid.uuid4().hex[:8]
    database, role = f"quotetrail_noext_{suffix}", f"quotetrail_noext_{suffix}"
    admin = create_database_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    inside = create_database_engine(make_url(base).set(database=database).render_as_string(hide_password=False),
                                    isolation_level="AUTOCOMMIT")
    with inside.connect() as connection:
        connection.execute(text("CREATE EXTENSION unaccent SCHEMA public"))
        connection.execute(text(f'ALTER SCHEMA public OWNER TO "{role}"'))
    inside.dispose()
    url = make_url(base).set(database=database, username=role, password=None)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{database}" WITH (FORCE)'))
            connection.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


@pytest.mark.postgres
def test_a_role_that_may_not_create_pg_trgm_still_migrates(unprivileged_database_url, caplog):
    with caplog.at_level(logging.WARNING):
        upgrade_database(unprivileged_database_url)
    refusals = [record.getMessage() for record in caplog.records if "pg_trgm not created" in record.getMessage()]
    assert len(refusals) == 1 and "README" in refusals[0], caplog.text
    engine = create_database_engine(unprivileged_database_url)
    try:
        with engine.connect() as connection:
            indexes = set(connection.scalars(text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")))
        assert {"ix_speakers_name_folded", "ix_speaker_aliases_alias_folded"} <= indexes
        assert not indexes & set(TRIGRAM_INDEXES)
        ids = add_speakers(engine)
        with session_scope(engine) as session:  # the search by part still works, by a scan
            assert queries.speaker_ids_named(session, name="al-ass") == [ids["assad"]]
    finally:
        engine.dispose()
