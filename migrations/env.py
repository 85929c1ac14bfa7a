"""Alembic environment: runs quotetrail's migrations on the connection or URL the Config carries."""
from __future__ import annotations

from alembic import context

from app.store.db import HAND_MADE_OBJECT_NAMES, create_database_engine
from app.store.models import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave the per-dialect full-text objects (and SQLite's FTS5 shadow tables) and PostgreSQL's optional
    trigram indexes to hand-written migrations."""
    return not (name and name.startswith(HAND_MADE_OBJECT_NAMES))


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        compare_type=True,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        include_object=include_object,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
elif config.attributes.get("connection") is not None:
    run_migrations(config.attributes["connection"])
else:
    engine = create_database_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as connection:
            run_migrations(connection)
    finally:
        engine.dispose()
