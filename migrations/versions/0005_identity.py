"""Identity across articles: quotes.speaker_title, articles.people, speakers.unresolved.

The `link` pass re-links the whole collection from what the store keeps of each article: the role
each quote gives its speaker and the people the article names. Existing rows have neither (the
pipeline's output was not kept); they are re-linked from names and mentions alone until re-ingested.
A speaker is unresolved when its surname fits several known people; no existing speaker is.

Revision ID: 0005_identity
Revises: 0004_explorer
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_identity"
down_revision: str | Sequence[str] | None = "0004_explorer"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN on both back-ends, as in 0003: a batch rebuild would lose the full-text triggers.
    op.add_column("quotes", sa.Column("speaker_title", sa.String(length=500), nullable=True))
    op.add_column("articles", sa.Column("people", sa.JSON(), nullable=True))
    op.add_column("speakers", sa.Column("unresolved", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("speakers", "unresolved")
    op.drop_column("articles", "people")
    op.drop_column("quotes", "speaker_title")
