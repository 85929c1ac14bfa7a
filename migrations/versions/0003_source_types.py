"""Who a statement rests on: quotes.speaker_type, quotes.anonymous, quotes.rule; speakers.kind.

The extract contract gained `speaker_type` (person | organisation | group | unnamed | document),
`anonymous` and `rule` on every quote; speakers now say whether they are a person or an organisation.
Existing rows: a speaker is a person unless linking stored it as a non-person name ("the Kremlin"),
then an organisation; a quote linked to a speaker takes that speaker's kind, an unlinked one no type;
no quote was known to be anonymous; the rule that named a speaker was not recorded.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD and DROP COLUMN on both back-ends: SQLite's batch mode would rebuild the quotes table and
    # lose its full-text triggers. The server defaults fill the existing rows and stay (the models
    # declare them too), since dropping a default is such a rebuild on SQLite.
    op.add_column("speakers", sa.Column("kind", sa.String(length=20), nullable=False, server_default="person"))
    op.add_column("quotes", sa.Column("speaker_type", sa.String(length=20), nullable=True))
    op.add_column("quotes", sa.Column("anonymous", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("quotes", sa.Column("rule", sa.String(length=100), nullable=True))
    op.execute("UPDATE speakers SET kind = 'organisation' WHERE NOT is_person")
    op.execute("UPDATE quotes SET speaker_type = (SELECT speakers.kind FROM speakers "
               "WHERE speakers.id = quotes.speaker_id) WHERE speaker_id IS NOT NULL")
    op.create_index(op.f("ix_speakers_kind"), "speakers", ["kind"], unique=False)
    op.create_index(op.f("ix_quotes_speaker_type"), "quotes", ["speaker_type"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_quotes_speaker_type"), table_name="quotes")
    op.drop_index(op.f("ix_speakers_kind"), table_name="speakers")
    for column in ("rule", "anonymous", "speaker_type"):
        op.drop_column("quotes", column)
    op.drop_column("speakers", "kind")
