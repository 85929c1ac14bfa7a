"""The explorer's reads on SQLite and PostgreSQL: quote filters that combine, their orders, the speakers list's
kinds and sorts, a speaker's quotes per month and outlets, articles with undated ones last, and the export rows."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from app.store import queries
from app.store.models import Quote, Speaker
from app.store.queries import ArticleFilters, QuoteFilters
from tests.support.explorer import store


@pytest.fixture
def stored(session):
    store(session)
    return session


def texts(quotes) -> list[str]:
    return [quote.text for quote in quotes]


def page(session, **filters) -> list[str]:
    found, _ = queries.filtered_quote_page(session, filters=QuoteFilters(**filters), limit=50, max_count=1000)
    return texts(found)


def test_quotes_by_a_speaker_containing_words_is_one_search_through_aliases(stored):
    assert sorted(page(stored, speaker="putin", words="palmyra")) == sorted([
        "Palmyra is purely symbolic", "Aleppo is the important topic, not Palmyra",
        "Palmyra matters to the whole region"])
    # The words alone find other speakers' quotes too; an unknown speaker finds nothing at all.
    assert "Palmyra will be retaken" in page(stored, words="palmyra")
    assert page(stored, speaker="Nobody Known", words="palmyra") == []


def test_kind_outlet_dates_source_and_confidence_each_narrow(stored):
    everything = set(page(stored))
    assert len(everything) == 7
    verbatim = set(page(stored, kinds=("direct", "mixed")))
    assert verbatim == {"Palmyra is purely symbolic", "Aleppo is the important topic, not Palmyra",
                        "Palmyra will be retaken", "Palmyra matters to the whole region"}
    assert set(page(stored, kinds=("indirect",))) == everything - verbatim
    # Outlet names compare without case: "Daily Two" and "daily two" are one outlet.
    assert set(page(stored, outlet="DAILY TWO")) == {"Aleppo is the important topic, not Palmyra",
                                                     "Palmyra was lost because of poor planning",
                                                     "Palmyra will be retaken"}
    january = set(page(stored, since=date(2017, 1, 1), until=date(2017, 1, 31)))
    assert january == {"Aleppo is the important topic, not Palmyra", "Palmyra was lost because of poor planning"}
    # A date range leaves out undated articles; the until day is included whole.
    assert "Palmyra matters to the whole region" not in page(stored, since=date(2000, 1, 1))
    assert page(stored, since=date(2017, 3, 2), until=date(2017, 3, 2)) == ["Palmyra will be retaken"]
    assert page(stored, source_types=("anonymous",)) == ["Palmyra was lost because of poor planning"]
    assert page(stored, source_types=("organisation",)) == ["the ministry regrets the delay"]
    assert set(page(stored, source_types=("organisation", "unnamed"))) == {
        "the ministry regrets the delay", "Palmyra was lost because of poor planning"}
    assert "the loss of the city mattered little" not in page(stored, min_confidence=0.8)
    assert "Palmyra was lost because of poor planning" in page(stored, min_confidence=0.8)
    combined = page(stored, words="palmyra", kinds=("direct",), outlet="daily two", since=date(2017, 1, 1))
    assert combined == ["Palmyra will be retaken"]


def test_orders_put_undated_articles_last_both_ways(stored):
    newest = page(stored, sort="newest")
    oldest = page(stored, sort="oldest")
    assert newest[0] == "Palmyra will be retaken" and newest[-1] == "Palmyra matters to the whole region"
    assert oldest[0] == "Palmyra is purely symbolic" and oldest[-1] == "Palmyra matters to the whole region"
    # Relevance needs words; without them the order is newest.
    assert page(stored, sort="relevance") == newest


def test_counting_is_capped_and_pages_do_not_overlap(stored):
    filters = QuoteFilters(sort="newest")
    first, total = queries.filtered_quote_page(stored, filters=filters, limit=3, offset=0, max_count=1000)
    second, _ = queries.filtered_quote_page(stored, filters=filters, limit=3, offset=3, max_count=1000)
    assert total == 7 and not set(texts(first)) & set(texts(second))
    _, capped = queries.filtered_quote_page(stored, filters=filters, limit=3, max_count=4)
    assert capped == 4


def test_export_rows_match_the_database_and_stream_in_order(stored):
    filters = QuoteFilters(words="palmyra", sort="oldest")
    rows = list(queries.export_rows(stored, filters=filters, batch_size=2))
    assert [row.text for row in rows] == page(stored, words="palmyra", sort="oldest")
    by_id = {quote.id: quote for quote in stored.scalars(select(Quote))}
    for row in rows:
        quote = by_id[row.quote_id]
        assert (row.kind, row.start, row.end, row.paragraph, row.speaker_type) == (
            quote.kind, quote.start, quote.end, quote.paragraph, quote.speaker_type)
        assert row.speaker == (quote.speaker.name if quote.speaker else quote.speaker_name)
    unnamed = next(row for row in rows if row.anonymous)
    assert unnamed.speaker == "an official" and unnamed.outlet == "Daily Two"


def test_speakers_list_by_kind_and_sort(stored):
    people, total = queries.speaker_listing(stored, kind="person", limit=10)
    assert total == len(people) and {row.speaker.kind for row in people} == {"person"}
    organisations, _ = queries.speaker_listing(stored, kind="organisation", limit=10)
    assert [row.speaker.name for row in organisations] == ["Ministry of Transport"]
    by_name, _ = queries.speaker_listing(stored, sort="name", limit=10)
    names = [row.speaker.name for row in by_name]
    assert names == sorted(names, key=str.casefold)
    recent, _ = queries.speaker_listing(stored, sort="recent", limit=10)
    assert recent[0].speaker.name == "Bashar al-Assad"  # quoted on 2 March 2017, after everyone else
    dates = [row.last_quoted for row in recent if row.last_quoted]
    assert dates == sorted(dates, reverse=True)
    most, _ = queries.speaker_listing(stored, limit=10)
    assert most[0].speaker.name == "Vladimir Putin"
    matched, _ = queries.speaker_listing(stored, name="asad", limit=10)
    assert matched[0].speaker.name == "Bashar al-Assad"


def test_a_speakers_months_and_outlets(stored):
    putin = stored.scalars(select(Speaker).where(Speaker.name == "Vladimir Putin")).one()
    months, undated = queries.speaker_quotes_per_month(stored, speaker_id=putin.id)
    assert months == [("2016-12", 2), ("2017-01", 1)] and undated == 1
    assert queries.speaker_outlets(stored, speaker_id=putin.id, limit=5) == [("Wire One", 2), ("Daily Two", 1)]
    quoted = stored.scalar(select(func.count()).select_from(Quote).where(Quote.speaker_id == putin.id))
    assert sum(count for _, count in months) + undated == quoted


def test_articles_filtered_by_title_outlet_and_date_undated_last(stored):
    rows, total = queries.filtered_articles(stored, filters=ArticleFilters(), limit=10)
    assert total == 4 and rows[-1].article.published_at is None
    dated = [row.article.published_at for row in rows[:3] if row.article.published_at]
    assert len(dated) == 3 and dated == sorted(dated, reverse=True)
    oldest, _ = queries.filtered_articles(stored, filters=ArticleFilters(sort="oldest"), limit=10)
    assert oldest[-1].article.published_at is None
    titled, _ = queries.filtered_articles(stored, filters=ArticleFilters(title="palmyra ARTICLE"), limit=10)
    assert {row.article.title for row in titled} == {"Article 1 about Palmyra", "Article 3 about Palmyra"}
    daily, _ = queries.filtered_articles(stored, filters=ArticleFilters(outlet="Daily Two"), limit=10)
    assert len(daily) == 2
    recent, total = queries.filtered_articles(stored, filters=replace(ArticleFilters(), since=date(2017, 1, 1)),
                                              limit=10)
    assert total == 2 and all(row.article.published_at for row in recent)
    assert [row.article.id for row in queries.recent_articles(stored, limit=10)] == [row.article.id for row in rows]


def test_a_confidence_threshold_keeps_the_same_quotes_whether_few_or_many_pass(stored, monkeypatch):
    """Few passing quotes are found through the confidence index, many by checking each row the other filters
    find: both ways give exactly the quotes at or above the threshold, in the same order."""
    everything = queries.filtered_quote_page(stored, filters=QuoteFilters(), limit=50, max_count=1000)[0]
    thresholds = sorted({quote.confidence for quote in everything}) + [0.0, 1.0]
    for threshold in thresholds:
        expected = [quote.text for quote in everything if quote.confidence >= threshold]
        found_by_index = page(stored, min_confidence=threshold)
        monkeypatch.setattr(queries, "FEW_CONFIDENT_QUOTES", 0)  # every threshold counts as "many pass"
        found_by_rows = page(stored, min_confidence=threshold)
        monkeypatch.undo()
        assert found_by_index == found_by_rows == expected, threshold
