"""An index on quotes.confidence: a high minimum confidence that few quotes reach (the explorer's
min_confidence filter) is found through it instead of by reading every quote (about 40 ms at 100k
quotes on SQLite, 130 ms on a loaded machine, down to a few milliseconds). A threshold most quotes pass
does not use it (app/store/queries.py decides by a bounded probe).

Revision ID: 0006_confidence
Revises: 0005_identity
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006_confidence"
down_revision: str | Sequence[str] | None = "0005_identity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_quotes_confidence", "quotes", ["confidence"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_quotes_confidence", table_name="quotes")
