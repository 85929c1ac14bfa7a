"""Initial schema: articles, paragraphs, speakers, quotes, quote families, ingestion runs and full-text search.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.store.models import UTCDateTime

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite: FTS5 tables with the Porter stemmer (PostgreSQL's 'english' configuration stems as well).
# Quotes are an external-content table over quotes.text; paragraphs are contentless, indexed from
# substr(article text, range) so no paragraph text is stored twice. SQLite's substr counts characters,
# as Python's str slicing does, so the indexed text is exactly article.text[start:end].
SQLITE_FULLTEXT = [
    """CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content='quotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER quotes_fts_after_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER quotes_fts_after_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER quotes_fts_after_update AFTER UPDATE OF text ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE VIRTUAL TABLE article_paragraphs_fts USING fts5(
        text, content='', tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER article_paragraphs_fts_after_insert AFTER INSERT ON article_paragraphs BEGIN
        INSERT INTO article_paragraphs_fts(rowid, text)
        SELECT new.id, substr(articles.text, new.start + 1, new."end" - new.start)
        FROM articles WHERE articles.id = new.article_id;
    END""",
    # A contentless index forgets a row only when told its exact text, which needs the article row:
    # so paragraphs leave the index before their article goes.
    """CREATE TRIGGER article_paragraphs_fts_before_delete BEFORE DELETE ON article_paragraphs BEGIN
        INSERT INTO article_paragraphs_fts(article_paragraphs_fts, rowid, text)
        SELECT 'delete', old.id, substr(articles.text, old.start + 1, old."end" - old.start)
        FROM articles WHERE articles.id = old.article_id;
    END""",
    """CREATE TRIGGER article_paragraphs_fts_before_article_delete BEFORE DELETE ON articles BEGIN
        DELETE FROM article_paragraphs WHERE article_id = old.id;
    END""",
]

# PostgreSQL: a text search configuration like 'english' that also folds accents (as FTS5's
# remove_diacritics does), using the unaccent extension that ships with PostgreSQL (installed if
# missing: the database owner may, it is a trusted extension). An expression GIN index serves quote
# search; paragraphs need the article's text, which an index expression cannot reach, so a trigger
# keeps a side table of their tsvectors.
POSTGRES_FULLTEXT = [
    """DO $$
    DECLARE extension_schema text;
    BEGIN
        SELECT namespace.nspname INTO extension_schema
        FROM pg_extension extension JOIN pg_namespace namespace ON namespace.oid = extension.extnamespace
        WHERE extension.extname = 'unaccent';
        IF extension_schema IS NULL THEN
            CREATE EXTENSION unaccent SCHEMA public;
            extension_schema := 'public';
        END IF;
        CREATE TEXT SEARCH CONFIGURATION quotetrail_english (COPY = pg_catalog.english);
        EXECUTE format(
            'ALTER TEXT SEARCH CONFIGURATION quotetrail_english '
            'ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, english_stem', extension_schema);
    END $$""",
    "CREATE INDEX quotes_fts_text ON quotes USING gin (to_tsvector('quotetrail_english', text))",
    """CREATE TABLE article_paragraphs_fts (
        paragraph_id integer PRIMARY KEY REFERENCES article_paragraphs (id) ON DELETE CASCADE,
        document tsvector NOT NULL)""",
    "CREATE INDEX article_paragraphs_fts_document ON article_paragraphs_fts USING gin (document)",
    """CREATE FUNCTION article_paragraphs_fts_index() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO article_paragraphs_fts (paragraph_id, document)
        SELECT NEW.id, to_tsvector('quotetrail_english', substr(articles.text, NEW.start + 1, NEW."end" - NEW.start))
        FROM articles WHERE articles.id = NEW.article_id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER article_paragraphs_fts_after_insert AFTER INSERT ON article_paragraphs
        FOR EACH ROW EXECUTE FUNCTION article_paragraphs_fts_index()""",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "ingestion_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("read_count", sa.Integer(), nullable=False),
        sa.Column("stored_count", sa.Integer(), nullable=False),
        sa.Column("duplicate_count", sa.Integer(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingestion_runs")),
    )
    # quote_families and quotes refer to each other: SQLite accepts the forward reference inside
    # CREATE TABLE (and cannot add it later); PostgreSQL gets it by ALTER once quotes exists.
    family_earliest_fk = sa.ForeignKeyConstraint(
        ["earliest_quote_id"], ["quotes.id"],
        name=op.f("fk_quote_families_earliest_quote_id_quotes"), ondelete="SET NULL",
    )
    op.create_table(
        "quote_families",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("earliest_quote_id", sa.Integer(), nullable=True),
        sa.Column("member_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_families")),
        *([family_earliest_fk] if dialect == "sqlite" else []),
    )
    op.create_table(
        "speaker_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_corrections")),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("surname", sa.String(length=200), nullable=True),
        sa.Column("is_person", sa.Boolean(), nullable=False),
        sa.Column("quote_count", sa.Integer(), nullable=False),
        sa.Column("link_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speakers")),
    )
    op.create_index(op.f("ix_speakers_key"), "speakers", ["key"], unique=False)
    op.create_index(op.f("ix_speakers_name"), "speakers", ["name"], unique=False)
    op.create_index(op.f("ix_speakers_surname"), "speakers", ["surname"], unique=False)
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=1000), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("title", sa.String(length=1000), nullable=True),
        sa.Column("author", sa.String(length=500), nullable=True),
        sa.Column("published_at", UTCDateTime(), nullable=True),
        sa.Column("ingested_at", UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("paragraphs", sa.JSON(), nullable=False),
        sa.Column("ingestion_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ingestion_run_id"], ["ingestion_runs.id"],
            name=op.f("fk_articles_ingestion_run_id_ingestion_runs"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    op.create_index(op.f("ix_articles_ingested_at"), "articles", ["ingested_at"], unique=False)
    op.create_index(op.f("ix_articles_ingestion_run_id"), "articles", ["ingestion_run_id"], unique=False)
    op.create_index(op.f("ix_articles_outlet"), "articles", ["outlet"], unique=False)
    op.create_index(op.f("ix_articles_published_at"), "articles", ["published_at"], unique=False)
    op.create_index(op.f("ix_articles_url"), "articles", ["url"], unique=False)
    op.create_table(
        "speaker_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=500), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name=op.f("fk_speaker_aliases_speaker_id_speakers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_aliases")),
        sa.UniqueConstraint("speaker_id", "alias", name=op.f("uq_speaker_aliases_speaker_id_alias")),
    )
    op.create_index(op.f("ix_speaker_aliases_alias"), "speaker_aliases", ["alias"], unique=False)
    op.create_index(op.f("ix_speaker_aliases_key"), "speaker_aliases", ["key"], unique=False)
    op.create_index(op.f("ix_speaker_aliases_speaker_id"), "speaker_aliases", ["speaker_id"], unique=False)
    op.create_table(
        "speaker_titles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name=op.f("fk_speaker_titles_speaker_id_speakers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_titles")),
        sa.UniqueConstraint("speaker_id", "title", name=op.f("uq_speaker_titles_speaker_id_title")),
    )
    op.create_index(op.f("ix_speaker_titles_speaker_id"), "speaker_titles", ["speaker_id"], unique=False)
    op.create_table(
        "article_paragraphs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_paragraphs_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_paragraphs")),
        sa.UniqueConstraint("article_id", "position", name=op.f("uq_article_paragraphs_article_id_position")),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("normalized", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("verbatim", sa.JSON(), nullable=False),
        sa.Column("cue", sa.String(length=500), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("mention", sa.String(length=500), nullable=True),
        sa.Column("mention_start", sa.Integer(), nullable=True),
        sa.Column("mention_end", sa.Integer(), nullable=True),
        sa.Column("speaker_name", sa.String(length=500), nullable=True),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("family_diff", sa.JSON(), nullable=True),
        sa.Column("family_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_quotes_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["family_id"], ["quote_families.id"], name=op.f("fk_quotes_family_id_quote_families"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name=op.f("fk_quotes_speaker_id_speakers"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
    )
    op.create_index("ix_quotes_article_start", "quotes", ["article_id", "start"], unique=False)
    op.create_table(
        "quote_fingerprints",
        sa.Column("fingerprint", sa.BigInteger(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["quote_id"], ["quotes.id"], name=op.f("fk_quote_fingerprints_quote_id_quotes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("fingerprint", "quote_id", name=op.f("pk_quote_fingerprints")),
    )
    op.create_index(op.f("ix_quote_fingerprints_quote_id"), "quote_fingerprints", ["quote_id"], unique=False)
    op.create_index(op.f("ix_quotes_family_id"), "quotes", ["family_id"], unique=False)
    op.create_index(op.f("ix_quotes_kind"), "quotes", ["kind"], unique=False)
    op.create_index(op.f("ix_quotes_speaker_id"), "quotes", ["speaker_id"], unique=False)
    if dialect != "sqlite":
        op.create_foreign_key(
            op.f("fk_quote_families_earliest_quote_id_quotes"), "quote_families", "quotes",
            ["earliest_quote_id"], ["id"], ondelete="SET NULL",
        )
    if dialect == "sqlite":
        for statement in SQLITE_FULLTEXT:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRES_FULLTEXT:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("article_paragraphs_fts_before_article_delete", "article_paragraphs_fts_before_delete",
                     "article_paragraphs_fts_after_insert", "quotes_fts_after_update", "quotes_fts_after_delete",
                     "quotes_fts_after_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS article_paragraphs_fts")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS article_paragraphs_fts_after_insert ON article_paragraphs")
        op.execute("DROP FUNCTION IF EXISTS article_paragraphs_fts_index()")
        op.execute("DROP TABLE IF EXISTS article_paragraphs_fts")
        op.execute("DROP INDEX IF EXISTS quotes_fts_text")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS quotetrail_english")
        op.drop_constraint(
            op.f("fk_quote_families_earliest_quote_id_quotes"), "quote_families", type_="foreignkey"
        )
    for table in ("quote_fingerprints", "quotes", "article_paragraphs", "speaker_titles", "speaker_aliases",
                  "articles", "speakers", "speaker_corrections", "quote_families", "ingestion_runs"):
        op.drop_table(table)
