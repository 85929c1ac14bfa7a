"""The store's data functions on SQLite and PostgreSQL: adding articles, the offset invariant, listings, search."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from app.store import repo
from app.store.models import Article, ArticleParagraph, IngestionRun, Quote
from nlp.records import DocumentRecord, QuoteRecord


def paragraphs_of(article_text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for block in article_text.split("\n\n"):
        spans.append((start, start + len(block)))
        start += len(block) + 2
    return spans


def quote_record(article_text: str, quote_text: str, *, speaker: str | None = "Mikael Rauta",
                 kind: str = "direct") -> QuoteRecord:
    start = article_text.index(quote_text)
    paragraph = next(index for index, (begin, end) in enumerate(paragraphs_of(article_text)) if begin <= start < end)
    return QuoteRecord(
        text=quote_text, start=start, end=start + len(quote_text), kind=kind,
        parts=[(start, start + len(quote_text))], verbatim=[(start, start + len(quote_text))],
        speaker=speaker, mention=speaker, mention_start=None, mention_end=None, cue="said", cue_start=None,
        cue_end=None, paragraph=paragraph, confidence=0.9, resolution="named in the sentence",
    )


def document(article_text: str, *quotes: str, doc_id: str = "a.txt") -> DocumentRecord:
    return DocumentRecord(
        id=doc_id, text=article_text, paragraphs=paragraphs_of(article_text),
        quotes=[quote_record(article_text, quote) for quote in quotes], people=[],
    )


HARBOUR = (
    "The harbour board voted to dredge the eastern channel. \U0001F6A2 Ships wait offshore.\n\n"
    "\u201cWe could not wait another winter,\u201d said Mikael Rauta, the board\u2019s chair.\n\n"
    "Opponents feared for the seagrass beds; caf\u00e9 owners on the quay welcomed the decision."
)


def test_add_article_stores_text_paragraphs_and_quotes_with_exact_offsets(session):
    article = repo.add_article(session, record=document(HARBOUR, "We could not wait another winter,"),
                               source_name="a.txt", outlet="Courier",
                               published_at=datetime(2021, 5, 4, 10, tzinfo=timezone(timedelta(hours=2))))
    session.commit()
    session.expunge_all()
    stored = session.scalars(select(Article)).one()
    assert stored.text == HARBOUR
    assert stored.content_hash == repo.content_hash(HARBOUR)
    assert stored.published_at == datetime(2021, 5, 4, 8, tzinfo=timezone.utc)  # aware, in UTC, on SQLite too
    assert stored.ingested_at.tzinfo is not None
    assert [list(span) for span in paragraphs_of(HARBOUR)] == stored.paragraphs
    assert [(row.position, row.start, row.end) for row in stored.paragraph_rows] == [
        (index, start, end) for index, (start, end) in enumerate(paragraphs_of(HARBOUR))]
    (quote,) = stored.quotes
    assert stored.text[quote.start:quote.end] == quote.text == "We could not wait another winter,"
    assert quote.normalized == "we could not wait another winter"
    assert quote.paragraph == 1 and article.id == stored.id


def test_a_quote_whose_offsets_miss_its_text_refuses_the_whole_article(session):
    good = quote_record(HARBOUR, "We could not wait another winter,")
    shifted = QuoteRecord(**{**{name: getattr(good, name) for name in good.__slots__}, "start": good.start + 1,
                             "end": good.end + 1})
    record = DocumentRecord(id="x", text=HARBOUR, paragraphs=paragraphs_of(HARBOUR), quotes=[good, shifted], people=[])
    with pytest.raises(repo.InvariantViolation, match="does not match the article text"):
        repo.add_article(session, record=record)
    session.rollback()
    assert session.scalar(select(Article.id)) is None
    assert session.scalar(select(Quote.id)) is None


def test_the_same_text_cannot_be_stored_twice(session):
    repo.add_article(session, record=document(HARBOUR))
    session.commit()
    assert repo.article_id_for_hash(session, content_hash=repo.content_hash(HARBOUR)) is not None
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        repo.add_article(session, record=document(HARBOUR))
    session.rollback()


def test_pagination_orders_newest_first_and_counts(session):
    for day in range(1, 8):
        body = f"Article number {day}.\n\n\"Statement for day {day} is here,\" said Mikael Rauta."
        repo.add_article(session, record=document(body, f"Statement for day {day} is here,"),
                         published_at=datetime(2022, 1, day, tzinfo=timezone.utc))
    session.commit()
    first = repo.paginate_articles(session, page=1, page_size=3)
    assert (first.total, first.pages, first.has_next) == (7, 3, True)
    assert [article.published_at.day for article in first.items] == [7, 6, 5]
    last = repo.paginate_articles(session, page=3, page_size=3)
    assert [article.published_at.day for article in last.items] == [1] and not last.has_next
    assert [article.published_at.day for article in repo.list_articles(session, limit=2, offset=1)] == [6, 5]
    quotes = repo.paginate_quotes(session, page=1, page_size=50)
    assert quotes.total == 7
    counts = repo.collection_counts(session)
    assert (counts.articles, counts.quotes, counts.families) == (7, 7, 0)


def test_quote_search_is_stemmed_and_ranked(session):
    repo.add_article(session, record=document(HARBOUR, "We could not wait another winter,"))
    other = "Budget day.\n\n\"The winters here are long and we are waiting for spring,\" said Mikael Rauta."
    repo.add_article(session, record=document(other, "The winters here are long and we are waiting for spring,"))
    session.commit()
    hits = repo.search_quotes_fulltext(session, query="waiting winter")
    assert len(hits) == 2  # "wait"/"waiting" and "winter"/"winters" share stems
    assert hits[0].rank >= hits[1].rank
    assert all(isinstance(hit.quote, Quote) and hit.quote.article is not None for hit in hits)
    assert [hit.quote.text for hit in repo.search_quotes_fulltext(session, query="seagrass")] == []
    assert len(repo.search_quotes_fulltext(session, query="winter spring", match="any")) == 2
    assert len(repo.search_quotes_fulltext(session, query="winter spring", match="all")) == 1


def test_article_search_finds_paragraphs_with_exact_ranges_past_non_ascii_characters(session):
    article = repo.add_article(session, record=document(HARBOUR))
    session.commit()
    (hit,) = repo.search_articles_fulltext(session, query="seagrass")
    assert (hit.article.id, hit.position) == (article.id, 2)
    assert hit.text == HARBOUR[hit.start:hit.end] == HARBOUR.split("\n\n")[2]
    # The emoji and curly quotes before it would shift a byte-counted substring: the indexed text is exact.
    (accented,) = repo.search_articles_fulltext(session, query="cafe owners")
    assert accented.position == 2
    (first,) = repo.search_articles_fulltext(session, query="offshore")
    assert first.position == 0


def test_deleting_an_article_removes_it_from_both_indexes(session):
    article = repo.add_article(session, record=document(HARBOUR, "We could not wait another winter,"))
    session.commit()
    session.delete(article)
    session.commit()
    assert repo.search_articles_fulltext(session, query="seagrass") == []
    assert repo.search_quotes_fulltext(session, query="winter") == []
    assert session.scalar(select(ArticleParagraph.id)) is None


def test_deleting_an_article_in_sql_keeps_the_paragraph_index_consistent(session):
    repo.add_article(session, record=document(HARBOUR))
    keep = repo.add_article(session, record=document("Seagrass matters.\n\nSo do the seagrass meadows."))
    session.commit()
    session.execute(text("DELETE FROM articles WHERE id <> :keep"), {"keep": keep.id})
    session.commit()
    hits = repo.search_articles_fulltext(session, query="seagrass")
    assert {hit.article.id for hit in hits} == {keep.id} and len(hits) == 2
    if session.get_bind().dialect.name == "sqlite":
        # FTS5's own consistency check fails if a contentless row was deleted with the wrong text.
        session.execute(text("INSERT INTO article_paragraphs_fts(article_paragraphs_fts, rank) "
                             "VALUES ('integrity-check', 0)"))


def test_phrase_search_wants_the_words_adjacent_and_in_order(session):
    from app.store.db import phrase_search_many

    repo.add_article(session, record=document(HARBOUR, "We could not wait another winter,"))
    session.commit()
    found, scattered, nothing = phrase_search_many(
        session, target="quotes", limit=5,
        phrase_sets=[["wait another winter"], ["winter another wait", "could wait"], ["\"", ""]],
    )
    assert len(found) == 1 and scattered == [] and nothing == []
    (paragraph,) = phrase_search_many(session, target="paragraphs", limit=5, phrase_sets=[["seagrass beds"]])[0:1]
    assert len(paragraph) == 1


@pytest.mark.parametrize("query", [
    "", "   ", "\"", "NEAR(a b)", "a OR", "AND", "* ^ - :", "col:winter", "'); DROP TABLE quotes; --",
    "winter\x00", "!!!", "wait & | ! <->", "\u2028\U0001F600", "a" * 5000, "_ __ ___",
])
def test_search_accepts_any_input(session, query):
    repo.add_article(session, record=document(HARBOUR, "We could not wait another winter,"))
    session.commit()
    for match in ("all", "any"):
        assert isinstance(repo.search_quotes_fulltext(session, query=query, match=match), list)
        assert isinstance(repo.search_articles_fulltext(session, query=query, match=match), list)
    assert session.scalar(select(Quote.id)) is not None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80))
def test_search_never_raises_for_generated_input(session, query):
    repo.search_quotes_fulltext(session, query=query, match="any")
    repo.search_articles_fulltext(session, query=query)


def test_ingestion_runs_are_listed_newest_first(session):
    first = repo.start_ingestion_run(session, sources=["a"])
    second = repo.start_ingestion_run(session, sources=["b"])
    session.commit()
    assert [run.id for run in repo.paginate_ingestion_runs(session).items] == [second.id, first.id]
    assert isinstance(repo.get_ingestion_run(session, run_id=first.id), IngestionRun)
