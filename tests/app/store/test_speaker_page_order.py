"""Migration 0010: each quote carries its article's publication date and outlet, set on every write path and by
the backfill, and a speaker's page (order, per month, per outlet) read from them gives what the articles give."""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from sqlalchemy import select, text

from app.services.ingest.documents import replace_results
from app.services.readers import SourceDocument
from app.store import queries, repo
from app.store.db import alembic_config, create_database_engine, session_scope
from app.store.models import Article, Quote, Speaker
from tests.app.store.test_repo import HARBOUR, document

SAID = "\u201cWe could not wait another winter,\u201d"
QUOTED = "We could not wait another winter,"


def copies(session) -> list[tuple[datetime | None, str | None, datetime | None, str | None]]:
    """Each quote's copies beside its article's own values."""
    return list(session.execute(
        select(Quote.article_published_at, Quote.article_outlet, Article.published_at, Article.outlet)
        .join(Article, Article.id == Quote.article_id).order_by(Quote.id)))


def test_a_stored_article_gives_its_quotes_its_date_and_outlet(session):
    repo.add_article(session, record=document(HARBOUR, QUOTED), source_name="a.txt", outlet="Courier",
                     published_at=datetime(2021, 5, 4, 8, tzinfo=UTC))
    repo.add_article(session, record=document(HARBOUR + " More.", QUOTED, doc_id="b.txt"), source_name="b.txt")
    session.commit()
    assert copies(session) == [(datetime(2021, 5, 4, 8, tzinfo=UTC), "Courier", datetime(2021, 5, 4, 8, tzinfo=UTC),
                                "Courier"), (None, None, None, None)]


def test_replaced_results_carry_the_articles_new_date_and_outlet(session):
    record = document(HARBOUR, QUOTED)
    article = repo.add_article(session, record=record, source_name="a.txt", outlet="Courier",
                               published_at=datetime(2021, 5, 4, 8, tzinfo=UTC))
    session.commit()
    moved = SourceDocument(source="a.jsonl:1", id="a", text=HARBOUR, outlet="Harbour Post",
                           published=datetime(2022, 1, 2, 3, tzinfo=UTC))
    replace_results(session, article=article, document=moved, record=record, ingestion_run_id=None, version="v2")
    session.commit()
    assert copies(session) == [(datetime(2022, 1, 2, 3, tzinfo=UTC), "Harbour Post",
                                datetime(2022, 1, 2, 3, tzinfo=UTC), "Harbour Post")]
    # Negative: an article whose date is removed leaves its quotes undated, not with the old date.
    undated = SourceDocument(source="a.jsonl:1", id="a", text=HARBOUR)
    replace_results(session, article=article, document=undated, record=record, ingestion_run_id=None, version="v3")
    session.commit()
    assert copies(session) == [(None, None, None, None)]


articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("content_hash", sa.String),
                    sa.column("ingested_at", sa.DateTime), sa.column("published_at", sa.DateTime(timezone=True)),
                    sa.column("outlet", sa.String), sa.column("text", sa.Text), sa.column("paragraphs", sa.JSON))
quotes = sa.table("quotes", *(sa.column(name, sa.Integer) for name in ("id", "article_id", "paragraph", "start",
                                                                       "end")),
                  sa.column("text", sa.Text), sa.column("normalized", sa.Text), sa.column("kind", sa.String),
                  sa.column("parts", sa.JSON), sa.column("verbatim", sa.JSON), sa.column("confidence", sa.Float),
                  sa.column("resolution", sa.Text))


def migrate(connection, url: str, *, to: str, down: bool = False) -> None:
    config = alembic_config(url)
    config.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(config, to)


def test_the_backfill_copies_each_articles_date_and_outlet_and_downgrade_removes_them(database_url):
    engine = create_database_engine(database_url)
    start = HARBOUR.index(QUOTED)
    with engine.begin() as connection:
        migrate(connection, database_url, to="0009_lookup_indexes", down=True)
        connection.execute(articles.insert(), [
            {"id": 1, "content_hash": "a", "ingested_at": datetime(2026, 1, 1), "text": HARBOUR, "paragraphs": [],
             "published_at": datetime(2021, 5, 4, 8, tzinfo=UTC), "outlet": "Courier"},
            {"id": 2, "content_hash": "b", "ingested_at": datetime(2026, 1, 1), "text": HARBOUR, "paragraphs": [],
             "published_at": None, "outlet": None},
        ])
        connection.execute(quotes.insert(), [
            {"id": quote_id, "article_id": article_id, "paragraph": 1, "start": start, "end": start + len(QUOTED),
             "text": QUOTED, "normalized": QUOTED.casefold(), "kind": "direct", "parts": [], "verbatim": [],
             "confidence": 0.9, "resolution": ""} for quote_id, article_id in ((1, 1), (2, 1), (3, 2))])
        migrate(connection, database_url, to="head")
    with session_scope(engine) as session:
        dated = (datetime(2021, 5, 4, 8, tzinfo=UTC), "Courier", datetime(2021, 5, 4, 8, tzinfo=UTC), "Courier")
        assert copies(session) == [dated, dated, (None, None, None, None)]
    with engine.begin() as connection:
        migrate(connection, database_url, to="0009_lookup_indexes", down=True)
        columns = {column["name"] for column in sa.inspect(connection).get_columns("quotes")}
        assert not {"article_published_at", "article_outlet"} & columns
        migrate(connection, database_url, to="head")
    engine.dispose()


def add_speaker_articles(session) -> int:
    """One speaker quoted in dated and undated articles of two outlets, two quotes in one article, and two
    articles published at the same moment (their order is by id)."""
    speaker = Speaker(name="Mikael Rauta", key="mikael rauta", surname="rauta")
    session.add(speaker)
    session.flush()
    when = [datetime(2021, 5, 4, 8, tzinfo=UTC), None, datetime(2023, 1, 9, tzinfo=UTC),
            datetime(2023, 1, 9, tzinfo=UTC), datetime(2021, 5, 30, tzinfo=UTC), None]
    for index, published in enumerate(when):
        text_ = f"{HARBOUR} Note {index}."
        record = document(text_, QUOTED, "Opponents feared for the seagrass beds;", doc_id=f"{index}.txt")
        repo.add_article(session, record=record, speaker_ids={"Mikael Rauta": speaker.id}, source_name=f"{index}",
                         outlet=("Courier", "Harbour Post", "")[index % 3], published_at=published)
    session.commit()
    return speaker.id


def test_a_speakers_page_month_and_outlet_counts_are_those_of_their_articles(session):
    speaker_id = add_speaker_articles(session)
    by_articles = list(session.scalars(
        select(Quote.id).join(Article, Article.id == Quote.article_id).where(Quote.speaker_id == speaker_id)
        .order_by(*queries.newest_article_first(), Quote.start, Quote.id)))
    page, total = queries.speaker_quotes(session, speaker_id=speaker_id, limit=100)
    assert [quote.id for quote in page] == by_articles and total == 12
    filtered, _ = queries.filtered_quote_page(session, filters=queries.QuoteFilters(sort="newest",
                                                                                    speaker_id=speaker_id),
                                              limit=5, offset=3, max_count=1000)
    assert [quote.id for quote in filtered] == by_articles[3:8]
    assert queries.speaker_quotes_per_month(session, speaker_id=speaker_id) == (
        [("2021-05", 4), ("2023-01", 4)], 4)
    assert queries.speaker_outlets(session, speaker_id=speaker_id, limit=5) == [("Courier", 4), ("Harbour Post", 4)]


def test_a_speakers_newest_quotes_are_read_from_the_speaker_index(engine):
    with session_scope(engine) as session:
        speaker_id = add_speaker_articles(session)
        statement = (select(Quote.id).where(Quote.speaker_id == speaker_id)
                     .order_by(*queries.speaker_newest_first()).limit(20))
        sql = str(statement.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            plan = " ".join(str(row[-1]) for row in connection.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
        else:
            connection.execute(text("SET enable_seqscan = off"))
            plan = " ".join(row[0] for row in connection.execute(text(f"EXPLAIN {sql}")))
    assert "ix_quotes_speaker_newest" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan  # the index gives the order: nothing sorted
