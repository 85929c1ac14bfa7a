"""Engines, the migrations guard, `quotetrail db upgrade|current`, and models agreeing with the migrations."""
from __future__ import annotations

import shutil

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import text

from app.cli import cli
from app.settings import get_settings
from app.store.db import (
    HAND_MADE_OBJECT_NAMES,
    DatabaseNotReady,
    alembic_config,
    create_database_engine,
    current_revision,
    ensure_current,
    head_revision,
    open_database,
    upgrade_database,
)
from app.store.models import Base


@pytest.fixture
def fresh_sqlite_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'nested' / 'fresh.db'}"
    monkeypatch.setenv("QUOTETRAIL_DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(tmp_path):
    engine = create_database_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (connection.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 5000
    engine.dispose()


def test_a_reader_sees_committed_data_while_a_writer_holds_its_transaction(sqlite_template, tmp_path):
    shutil.copyfile(sqlite_template, tmp_path / "wal.db")
    engine = create_database_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO speakers (name, key, is_person, quote_count) VALUES ('A', 'a', 1, 0)"))
    writer = engine.connect()
    transaction = writer.begin()
    writer.execute(text("INSERT INTO speakers (name, key, is_person, quote_count) VALUES ('B', 'b', 1, 0)"))
    with engine.connect() as reader:  # would block or fail with a rollback journal
        assert reader.execute(text("SELECT count(*) FROM speakers")).scalar() == 1
    transaction.commit()
    writer.close()
    engine.dispose()


def test_commands_refuse_an_unmigrated_database_naming_the_upgrade_command(fresh_sqlite_url):
    engine = create_database_engine(fresh_sqlite_url)
    with pytest.raises(DatabaseNotReady, match="run `quotetrail db upgrade`"):
        ensure_current(engine)
    result = CliRunner().invoke(cli, ["speakers", "list"])
    assert result.exit_code == 1
    assert "quotetrail db upgrade" in result.output
    result = CliRunner().invoke(cli, ["ingest", "--no-progress", "nowhere.txt"])
    assert result.exit_code == 1 and "quotetrail db upgrade" in result.output
    engine.dispose()


def test_a_database_behind_the_head_is_refused(database_url):
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        config = alembic_config(database_url)
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        command.stamp(config, "base")
    assert current_revision(engine) is None
    with pytest.raises(DatabaseNotReady, match="quotetrail db upgrade"):
        open_database(database_url)
    assert upgrade_database(engine=engine) == (None, head_revision())
    ensure_current(engine)
    engine.dispose()


def test_a_database_from_a_newer_quotetrail_is_refused(database_url):
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    with pytest.raises(DatabaseNotReady, match="newer version"):
        ensure_current(engine)
    engine.dispose()


def test_db_upgrade_and_current_work_from_any_directory(fresh_sqlite_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    before = runner.invoke(cli, ["db", "current"])
    # Asking for the revision of a database that is not there must not make one (nor its folder).
    assert before.exit_code == 1 and "does not exist; `quotetrail db upgrade` creates it" in before.output
    assert list(tmp_path.iterdir()) == []
    upgraded = runner.invoke(cli, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"to revision {head_revision()}" in upgraded.output
    again = runner.invoke(cli, ["db", "upgrade"])
    assert "already at revision" in again.output
    current = runner.invoke(cli, ["db", "current"])
    assert current.exit_code == 0 and f"current revision: {head_revision()}" in current.output


def _skip_fulltext(obj, name, type_, reflected, compare_to) -> bool:
    return not (name and name.startswith(HAND_MADE_OBJECT_NAMES))


def test_models_and_migrations_agree(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _skip_fulltext}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_migrations_downgrade_and_upgrade_cleanly(database_url):
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        config = alembic_config(database_url)
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    with engine.connect() as connection:
        tables = set(connection.dialect.get_table_names(connection))
    assert tables <= {"alembic_version"}
    upgrade_database(engine=engine)
    with engine.connect() as connection:
        assert "quotes" in set(connection.dialect.get_table_names(connection))
    engine.dispose()
