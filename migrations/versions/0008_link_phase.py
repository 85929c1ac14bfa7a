"""The link phase: a per-article marker (articles.linked_at) and the family graph's edges (quote_matches);
and an index for newest-first pages at scale (articles.published_at DESC NULLS LAST, id DESC).

`quotetrail link` links only the articles whose marker is null, in batches, and sets it as each batch
commits; a family is a connected group of quote_matches rows, so families no longer depend on the order
articles arrived in. Existing articles start pending: the first `link` after the upgrade links the whole
collection once (as `link --full` would).

Revision ID: 0008_link_phase
Revises: 0007_pipeline_version
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_link_phase"
# Written beside 0007 (the pipeline version) on another branch and chained after it when main was merged;
# it touches nothing 0007 changes.
down_revision: str | Sequence[str] | None = "0007_pipeline_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN on both back-ends, as in 0003: a batch rebuild would lose the full-text triggers.
    op.add_column("articles", sa.Column("linked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_articles_linked_at", "articles", ["linked_at"], unique=False)
    op.create_table(
        "quote_matches",
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], name="fk_quote_matches_quote_id_quotes",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["other_id"], ["quotes.id"], name="fk_quote_matches_other_id_quotes",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("quote_id", "other_id", name="pk_quote_matches"),
    )
    op.create_index("ix_quote_matches_other_id", "quote_matches", ["other_id"], unique=False)
    # A speaker's newest quotes at a million quotes (bench/scale_bench.py): see models.Article. SQLite
    # needs none (its DESC is NULLS LAST: ix_articles_published_at read backwards) and refuses the clause.
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_articles_newest_first", "articles",
                        [sa.text("published_at DESC NULLS LAST"), sa.text("id DESC")], unique=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_articles_newest_first", table_name="articles")
    op.drop_index("ix_quote_matches_other_id", table_name="quote_matches")
    op.drop_table("quote_matches")
    op.drop_index("ix_articles_linked_at", table_name="articles")
    op.drop_column("articles", "linked_at")
