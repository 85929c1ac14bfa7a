"""Every read the pages, the CLI and the services make: flat, keyword-only functions over one session.

The orders things are listed in (newest article first, text order, publication order of a family,
most quoted speaker first) are defined once here, so that every page and the linking agree on them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process, utils
from sqlalchemy import Connection, case, func, or_, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session, defer, selectinload
from sqlalchemy.sql.elements import ColumnElement

from app.store.db import fulltext_search
from app.store.models import Article, ArticleParagraph, Quote, QuoteFamily, Speaker, SpeakerAlias, SpeakerCorrection

# A name scores at least this (0-100, rapidfuzz WRatio on folded text) to count as a match while
# filtering speakers: low enough that "asad" finds "Bashar al-Assad", high enough that "putin"
# does not bring up every name with a "p" in it.
SPEAKER_FILTER_CUTOFF = 72
PREFIX_SCORE = 95.0

# One term of an ORDER BY: a column as mapped, or an expression over columns.
OrderTerm = ColumnElement[Any] | InstrumentedAttribute[Any]


# --- the orders, defined once ----------------------------------------------------------------------

def newest_article_first() -> tuple[OrderTerm, ...]:
    """Articles newest first by publication (undated ones by when they were stored), ties by id."""
    return func.coalesce(Article.published_at, Article.ingested_at).desc(), Article.id.desc()


def text_order() -> tuple[OrderTerm, ...]:
    """Quotes of one article in text order; of two starting together, the longer first."""
    return Quote.start, Quote.end.desc(), Quote.id


def family_order() -> tuple[OrderTerm, ...]:
    """Publication order for family members: dated articles first, earliest first, then storage order."""
    return (Article.published_at.is_(None), Article.published_at, Article.ingested_at, Article.id, Quote.start,
            Quote.id)


def most_quoted_first() -> tuple[OrderTerm, ...]:
    """Speakers most quoted first, ties by name, so pages are stable."""
    return Speaker.quote_count.desc(), Speaker.name, Speaker.id


# --- results ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CollectionCounts:
    articles: int
    speakers: int  # speakers with at least one quote
    quotes: int


@dataclass(frozen=True, slots=True)
class ArticleRow:
    article: Article
    quote_count: int


@dataclass(frozen=True, slots=True)
class SpeakerMatch:
    speaker: Speaker
    score: float
    matched_name: str  # the name or alias that matched the query best


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A quote found by full-text search; `rank` is higher for better matches (within one search)."""

    quote: Quote
    rank: float


@dataclass(frozen=True, slots=True)
class ParagraphHit:
    """An article paragraph found by full-text search: `article.text[start:end] == text`."""

    article: Article
    position: int  # the paragraph's number in its article, as Quote.paragraph
    start: int
    end: int
    text: str
    rank: float


# --- counts ----------------------------------------------------------------------------------------

def collection_counts(session: Session) -> CollectionCounts:
    return CollectionCounts(
        articles=count_articles(session),
        speakers=count_quoted_speakers(session),
        quotes=session.scalar(select(func.count()).select_from(Quote)) or 0,
    )


def count_articles(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Article)) or 0


def count_quoted_speakers(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Speaker).where(Speaker.quote_count > 0)) or 0


# --- articles --------------------------------------------------------------------------------------

def get_article(session: Session, *, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def recent_articles(session: Session, *, limit: int, offset: int = 0) -> list[ArticleRow]:
    """Articles newest first by publication (articles without a date by when they were stored)."""
    # The page first, then the quote counts of just its articles: a count correlated into the sorted
    # query would be computed for every article in the collection before the sort could cut it down.
    # Sorting ids alone keeps every article's text out of the sorter.
    ids = list(session.scalars(select(Article.id).order_by(*newest_article_first()).offset(offset).limit(limit)))
    loaded = {article.id: article for article in session.scalars(
        select(Article).where(Article.id.in_(ids)).options(defer(Article.text))
    )} if ids else {}
    articles = [loaded[article_id] for article_id in ids]
    counts: dict[int, int] = {article_id: count for article_id, count in session.execute(
        select(Quote.article_id, func.count(Quote.id))
        .where(Quote.article_id.in_([article.id for article in articles]))
        .group_by(Quote.article_id)
    )} if articles else {}
    return [ArticleRow(article=article, quote_count=counts.get(article.id, 0)) for article in articles]


def articles_by_ids(session: Session, *, article_ids: Sequence[int]) -> dict[int, Article]:
    if not article_ids:
        return {}
    articles = session.scalars(select(Article).where(Article.id.in_(list(article_ids))))
    return {article.id: article for article in articles}


def article_quotes(session: Session, *, article_id: int) -> list[Quote]:
    """Every statement of one article in text order, with its speaker loaded."""
    statement = (
        select(Quote).where(Quote.article_id == article_id).order_by(*text_order())
        .options(selectinload(Quote.speaker))
    )
    return list(session.scalars(statement))


# --- speakers --------------------------------------------------------------------------------------

def get_speaker(session: Session, *, speaker_id: int) -> Speaker | None:
    statement = (
        select(Speaker).where(Speaker.id == speaker_id)
        .options(selectinload(Speaker.aliases), selectinload(Speaker.titles))
    )
    return session.scalars(statement).first()


def top_speakers(session: Session, *, limit: int, offset: int = 0) -> list[Speaker]:
    """Speakers with at least one quote, most quoted first."""
    statement = (
        select(Speaker).where(Speaker.quote_count > 0).order_by(*most_quoted_first())
        .offset(offset).limit(limit).options(selectinload(Speaker.titles))
    )
    return list(session.scalars(statement))


def list_speakers(session: Session, *, limit: int, name_contains: str | None = None) -> list[Speaker]:
    """Speakers (quoted or not) most quoted first, optionally only those whose name or an alias contains
    `name_contains` (case-insensitive), with their aliases: `quotetrail speakers list`."""
    statement = select(Speaker).options(selectinload(Speaker.aliases))
    if name_contains:
        pattern = f"%{name_contains.casefold()}%"
        with_alias = select(SpeakerAlias.speaker_id).where(func.lower(SpeakerAlias.alias).like(pattern))
        statement = statement.where(or_(func.lower(Speaker.name).like(pattern), Speaker.id.in_(with_alias)))
    return list(session.scalars(statement.order_by(*most_quoted_first()).limit(limit)))


def same_surname_speakers(session: Session, *, speaker: Speaker, limit: int) -> list[Speaker]:
    """Other speakers with this one's surname, most quoted first: likely the same person."""
    if not speaker.surname:
        return []
    return list(session.scalars(
        select(Speaker).where(Speaker.surname == speaker.surname, Speaker.id != speaker.id)
        .order_by(Speaker.quote_count.desc(), Speaker.id).limit(limit)
    ))


def speaker_quotes(session: Session, *, speaker_id: int, limit: int, offset: int = 0) -> tuple[list[Quote], int]:
    """One page of a speaker's quotes, newest article first and in text order within an article."""
    total = session.scalar(select(func.count()).select_from(Quote).where(Quote.speaker_id == speaker_id)) or 0
    statement = (
        select(Quote).join(Article, Article.id == Quote.article_id).where(Quote.speaker_id == speaker_id)
        .order_by(*newest_article_first(), Quote.start, Quote.id)
        .offset(offset).limit(limit)
        .options(selectinload(Quote.article).options(defer(Article.text)))
    )
    return list(session.scalars(statement)), total


def list_speaker_corrections(session: Session) -> list[SpeakerCorrection]:
    return list(session.scalars(select(SpeakerCorrection).order_by(SpeakerCorrection.id)))


def filter_speakers(session: Session, *, query: str, limit: int, offset: int = 0) -> tuple[list[SpeakerMatch], int]:
    """Speakers whose name or an alias fuzzily matches `query`, best first; returns (page, total matches).

    Names and aliases are few next to quotes (thousands, not millions), so scoring them all in
    rapidfuzz's C loop is faster than any index would be worth, and it forgives misspellings.
    """
    folded = utils.default_process(query)
    if not folded:
        return [], 0
    owners, display, names = _speaker_names(session)
    best: dict[int, tuple[float, int]] = {}  # speaker id -> (score, index of the best name)

    def keep(index: int, score: float) -> None:
        speaker_id = owners[index]
        if speaker_id not in best or score > best[speaker_id][0]:
            best[speaker_id] = (score, index)

    # rapidfuzz's own loop in C over every name; WRatio weighs a short query against a long name by
    # partial alignment ("asad" inside "bashar al assad").
    for _name, score, index in process.extract(
        folded, names, scorer=fuzz.WRatio, processor=None, score_cutoff=SPEAKER_FILTER_CUTOFF, limit=None
    ):
        keep(index, score)
    # A name with a word that starts with what was typed ("put" for "putin") is what someone typing
    # expects first, however the fuzzy score rates it.
    for index, name in enumerate(names):
        if name.startswith(folded) or f" {folded}" in name:
            keep(index, PREFIX_SCORE)
    if not best:
        return [], 0
    speakers = {
        speaker.id: speaker
        for speaker in session.scalars(
            select(Speaker).where(Speaker.id.in_(list(best))).options(selectinload(Speaker.titles))
        )
    }
    ranked = sorted(best.items(),
                    key=lambda item: (-item[1][0], -speakers[item[0]].quote_count, speakers[item[0]].name))
    page = [SpeakerMatch(speaker=speakers[speaker_id], score=round(score, 1), matched_name=display[index])
            for speaker_id, (score, index) in ranked[offset:offset + limit]]
    return page, len(ranked)


SpeakerNames = tuple[list[int], list[str], list[str]]

# Folded names of all quoted speakers and their aliases, per database, with the fingerprint they were
# read at. Every write that changes who is called what (an ingest's linking, a merge, a split) also
# changes a count, a maximum id or a total in the fingerprint, so a changed collection is re-read.
_NAME_CACHE: dict[str, tuple[tuple[Any, ...], SpeakerNames]] = {}


def _speaker_names(session: Session) -> SpeakerNames:
    """(speaker id, printed name, folded name) of every name and alias of a quoted speaker, in three lists."""
    connection = session.connection()
    fingerprint = _names_fingerprint(connection)
    key = str(connection.engine.url)
    cached = _NAME_CACHE.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    quoted = Speaker.quote_count > 0
    every_name = union_all(
        select(Speaker.id, Speaker.name).where(quoted),
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias)
        .join(Speaker, Speaker.id == SpeakerAlias.speaker_id).where(quoted),
    )
    # Plain rows through the connection: thousands of (id, name) pairs need no ORM objects.
    rows = connection.execute(every_name).all()
    names = ([speaker_id for speaker_id, _ in rows], [name for _, name in rows],
             [utils.default_process(name) for _, name in rows])
    _NAME_CACHE[key] = (fingerprint, names)
    return names


def _names_fingerprint(connection: Connection) -> tuple[Any, ...]:
    speakers = connection.execute(select(
        func.count(), func.max(Speaker.id), func.sum(Speaker.quote_count), func.sum(func.length(Speaker.name)),
        func.sum(case((Speaker.quote_count > 0, Speaker.id), else_=0)),  # which speakers are listed at all
    )).one()
    aliases = connection.execute(select(
        func.count(), func.max(SpeakerAlias.id), func.sum(SpeakerAlias.speaker_id),
        func.sum(func.length(SpeakerAlias.alias)),
    )).one()
    return tuple(speakers) + tuple(aliases)


# --- quotes ----------------------------------------------------------------------------------------

def get_quote(session: Session, *, quote_id: int) -> Quote | None:
    statement = (
        select(Quote).where(Quote.id == quote_id)
        .options(selectinload(Quote.article), selectinload(Quote.speaker))
    )
    return session.scalars(statement).first()


def quotes_by_ids(session: Session, *, quote_ids: Sequence[int]) -> dict[int, Quote]:
    """Quotes with their speaker and their article's metadata (not its text, which lists never show)."""
    if not quote_ids:
        return {}
    statement = (
        select(Quote).where(Quote.id.in_(list(quote_ids)))
        .options(selectinload(Quote.article).options(defer(Article.text)), selectinload(Quote.speaker))
    )
    return {quote.id: quote for quote in session.scalars(statement)}


def quote_search_page(
    session: Session, *, query: str, page: int, page_size: int, max_hits: int
) -> tuple[list[Quote], int]:
    """One page of the quotes whose text holds every word of `query`, best first, and how many matched
    (counting at most `max_hits`, which bounds the database's work)."""
    hits = fulltext_search(session, target="quotes", query=query, limit=max_hits, match="all")
    wanted = [hit.row_id for hit in hits[(page - 1) * page_size: page * page_size]]
    found = quotes_by_ids(session, quote_ids=wanted)
    return [found[quote_id] for quote_id in wanted if quote_id in found], len(hits)


def search_quotes_fulltext(session: Session, *, query: str, limit: int = 20, match: str = "all") -> list[QuoteHit]:
    """Quotes whose text contains the words of `query` (stemmed), best first; any input is safe.

    `match="all"` needs every word (search box); `match="any"` ranks quotes sharing any word
    (candidates for checking a claim). Uses SQLite FTS5 or PostgreSQL tsvector behind one interface.
    """
    hits = fulltext_search(session, target="quotes", query=query, limit=limit, match=match)
    quotes = {
        quote.id: quote
        for quote in session.scalars(
            select(Quote).where(Quote.id.in_([hit.row_id for hit in hits]))
            .options(selectinload(Quote.article), selectinload(Quote.speaker))
        )
    } if hits else {}
    return [QuoteHit(quote=quotes[hit.row_id], rank=hit.rank) for hit in hits if hit.row_id in quotes]


def search_articles_fulltext(
    session: Session, *, query: str, limit: int = 20, match: str = "all"
) -> list[ParagraphHit]:
    """Article paragraphs containing the words of `query`, best first: finds statements that exist only
    in narrative text, not as extracted quotes. Same query rules as `search_quotes_fulltext`."""
    hits = fulltext_search(session, target="paragraphs", query=query, limit=limit, match=match)
    if not hits:
        return []
    paragraphs = {
        paragraph.id: paragraph
        for paragraph in session.scalars(
            select(ArticleParagraph).where(ArticleParagraph.id.in_([hit.row_id for hit in hits]))
            .options(selectinload(ArticleParagraph.article))
        )
    }
    results = []
    for hit in hits:
        paragraph = paragraphs.get(hit.row_id)
        if paragraph is None:
            continue
        article = paragraph.article
        results.append(ParagraphHit(
            article=article, position=paragraph.position, start=paragraph.start, end=paragraph.end,
            text=article.text[paragraph.start:paragraph.end], rank=hit.rank,
        ))
    return results


# --- quote families --------------------------------------------------------------------------------

def get_family(session: Session, *, family_id: int) -> QuoteFamily | None:
    return session.get(QuoteFamily, family_id)


def family_members(session: Session, *, family_id: int) -> list[Quote]:
    """Every quote in a family, its earliest source first (as linking chose it: never a headline fragment
    when a body carries the words), then in `family_order`; with speakers and article metadata (not the
    article's text)."""
    statement = (
        select(Quote).join(Article, Article.id == Quote.article_id).where(Quote.family_id == family_id)
        .order_by(*family_order())
        .options(selectinload(Quote.article).options(defer(Article.text)), selectinload(Quote.speaker))
    )
    members = list(session.scalars(statement))
    family = session.get(QuoteFamily, family_id)
    earliest = family.earliest_quote_id if family is not None else None
    return sorted(members, key=lambda member: member.id != earliest)  # stable: the rest keep their order


def family_of_quote(session: Session, *, quote_id: int) -> list[Quote]:
    """The family members of a quote (just the quote itself when it has no family)."""
    quote = session.get(Quote, quote_id)
    if quote is None:
        return []
    if quote.family_id is None:
        return [quote]
    return family_members(session, family_id=quote.family_id)
