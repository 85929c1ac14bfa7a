"""Indexes for the explorer's reads: a speaker's quotes with their articles, and anonymous quotes.

- quotes (speaker_id, article_id): a speaker's page counts quotes per month and per outlet; with the
  article id in the index, each quote leads straight to its article's row (top speaker of 100k quotes:
  months 38 -> 27 ms, outlets 31 -> 18 ms on SQLite).
- quotes (article_id) WHERE anonymous: anonymous sources are few; without it, "source=anonymous" reads
  every quote to find them.

Revision ID: 0004_explorer
Revises: 0003
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_explorer"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_quotes_speaker_article", "quotes", ["speaker_id", "article_id"], unique=False)
    op.create_index("ix_quotes_anonymous", "quotes", ["article_id"], unique=False,
                    sqlite_where=sa.text("anonymous = 1"), postgresql_where=sa.text("anonymous"))


def downgrade() -> None:
    op.drop_index("ix_quotes_anonymous", table_name="quotes")
    op.drop_index("ix_quotes_speaker_article", table_name="quotes")
