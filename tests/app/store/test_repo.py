"""The store's writes (app.store.repo) and the reads over them (app.store.queries) on SQLite and PostgreSQL:
adding articles, the offset invariant, listings, search."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from app.store import queries, repo
from app.store.models import Article, ArticleParagraph, Quote
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
    assert stored.published_at == datetime(2021, 5, 4, 8, tzinfo=UTC)  # aware, in UTC, on SQLite too
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


def test_articles_are_listed_newest_first_and_counted(session):
    for day in range(1, 8):
        body = f"Article number {day}.\n\n\"Statement for day {day} is here,\" said Mikael Rauta."
        repo.add_article(session, record=document(body, f"Statement for day {day} is here,"),
                         published_at=datetime(2022, 1, day, tzinfo=UTC))
    session.commit()
    first = queries.recent_articles(session, limit=3)
    assert [row.article.published_at for row in first] == [datetime(2022, 1, day, tzinfo=UTC)
                                                           for day in (7, 6, 5)]
    assert [row.quote_count for row in first] == [1, 1, 1]
    assert [row.article.id for row in queries.recent_articles(session, limit=3, offset=6)] == [first[0].article.id - 6]
    counts = queries.collection_counts(session)
    assert (counts.articles, counts.quotes, counts.speakers) == (7, 7, 0)  # no speaker linked by repo alone


def test_quote_search_is_stemmed_and_ranked(session):
    repo.add_article(session, record=document(HARBOUR, "We could not wait another winter,"))
    other = "Budget day.\n\n\"The winters here are long and we are waiting for spring,\" said Mikael Rauta."
    repo.add_article(session, record=document(other, "The winters here are long and we are waiting for spring,"))
    session.commit()
    hits = queries.search_quotes_fulltext(session, query="waiting winter")
    assert len(hits) == 2  # "wait"/"waiting" and "winter"/"winters" share stems
    assert hits[0].rank >= hits[1].rank
    assert all(isinstance(hit.quote, Quote) and hit.quote.article is not None for hit in hits)
    assert [hit.quote.text for hit in queries.search_quotes_fulltext(session, query="seagrass")] == []
    assert len(queries.search_quotes_fulltext(session, query="winter spring", match="any")) == 2
    assert len(queries.search_quotes_fulltext(session, query="winter spring", match="all")) == 1


def test_article_search_finds_paragraphs_with_exact_ranges_past_non_ascii_characters(session):
    article = repo.add_article(session, record=document(HARBOUR))
    session.commit()
    (hit,) = queries.search_articles_fulltext(session, query="seagrass")
    assert (hit.article.id, hit.position) == (article.id, 2)
    assert hit.text == HARBOUR[hit.start:hit.end] == HARBOUR.split("\n\n")[2]
    # The emoji and curly quotes before it would shift a byte-counted substring: the indexed text is exact.
    (accented,) = queries.search_articles_fulltext(session, query="cafe owners")
    assert accented.position == 2
    (first,) = queries.search_articles_fulltext(session, query="offshore")
    assert first.position == 0


def test_deleting_an_article_removes_it_from_both_indexes(session):
    article = repo.add_article(session, record=document(HARBOUR, "We could not wait another winter,"))
    session.commit()
    session.delete(article)
    session.commit()
    assert queries.search_articles_fulltext(session, query="seagrass") == []
    assert queries.search_quotes_fulltext(session, query="winter") == []
    assert session.scalar(select(ArticleParagraph.id)) is None


def test_deleting_an_article_in_sql_keeps_the_paragraph_index_consistent(session):
    repo.add_article(session, record=document(HARBOUR))
    keep = repo.add_article(session, record=document("Seagrass matters.\n\nSo do the seagrass meadows."))
    session.commit()
    session.execute(text("DELETE FROM articles WHERE id <> :keep"), {"keep": keep.id})
    session.commit()
    hits = queries.search_articles_fulltext(session, query="seagrass")
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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80))
# Full-text query syntax of both back-ends, SQL, NUL and a very long word: each must be taken as plain words.
@example(query="NEAR(a b)")
@example(query="a OR")
@example(query="* ^ - :")
@example(query="col:winter")
@example(query="'); DROP TABLE quotes; --")
@example(query="winter\x00")
@example(query="wait & | ! <->")
@example(query="a" * 5000)
def test_search_never_raises_for_generated_input(session, query):
    queries.search_quotes_fulltext(session, query=query, match="any")
    queries.search_articles_fulltext(session, query=query)
