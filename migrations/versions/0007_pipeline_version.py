"""Safe to repeat: articles.pipeline_version and ingestion_items.

An article is keyed by its content hash and its results by (content hash, pipeline version): an ingest
skips an article stored by the same version and replaces the results of one stored by another. Articles
stored before this revision have no version, so the next ingest of their text processes them again.
ingestion_items holds each item's outcome, written in the transaction that stores the item, so a run's
progress and totals are counted in the database whatever executes the work (see app/services/ingest/).

Revision ID: 0007_pipeline_version
Revises: 0006_confidence
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_pipeline_version"
down_revision: str | Sequence[str] | None = "0006_confidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, as in 0003 and 0005: a batch rebuild of articles would lose its full-text triggers.
    op.add_column("articles", sa.Column("pipeline_version", sa.String(length=300), nullable=True))
    op.create_table(
        "ingestion_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("chunk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("quote_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["ingestion_runs.id"], name="fk_ingestion_items_run_id_ingestion_runs",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_ingestion_items_article_id_articles",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_ingestion_items"),
        sa.UniqueConstraint("run_id", "chunk", "position", name="uq_ingestion_items_run_id_chunk_position"),
    )


def downgrade() -> None:
    op.drop_table("ingestion_items")
    op.drop_column("articles", "pipeline_version")
