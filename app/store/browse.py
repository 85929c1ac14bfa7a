"""Read-only queries the web pages need: counts, listings, pages of quotes, families and fuzzy speaker filtering."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from sqlalchemy import case, func, select, union_all
from sqlalchemy.orm import Session, defer, selectinload

from app.store.models import Article, Quote, QuoteFamily, Speaker, SpeakerAlias

# A name scores at least this (0-100, rapidfuzz WRatio on folded text) to count as a match while
# filtering speakers: low enough that "asad" finds "Bashar al-Assad", high enough that "putin"
# does not bring up every name with a "p" in it.
SPEAKER_FILTER_CUTOFF = 72
PREFIX_SCORE = 95.0


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    speakers: int
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


def collection_counts(session: Session) -> Counts:
    return Counts(
        articles=session.scalar(select(func.count()).select_from(Article)) or 0,
        speakers=session.scalar(select(func.count()).select_from(Speaker).where(Speaker.quote_count > 0)) or 0,
        quotes=session.scalar(select(func.count()).select_from(Quote)) or 0,
    )


def top_speakers(session: Session, *, limit: int, offset: int = 0) -> list[Speaker]:
    """Speakers with at least one quote, most quoted first (ties by name, so pages are stable)."""
    statement = (
        select(Speaker)
        .where(Speaker.quote_count > 0)
        .order_by(Speaker.quote_count.desc(), Speaker.name, Speaker.id)
        .offset(offset)
        .limit(limit)
        .options(selectinload(Speaker.titles))
    )
    return list(session.scalars(statement))


def count_quoted_speakers(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Speaker).where(Speaker.quote_count > 0)) or 0


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
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -speakers[item[0]].quote_count, speakers[item[0]].name))
    page = [SpeakerMatch(speaker=speakers[speaker_id], score=round(score, 1), matched_name=display[index])
            for speaker_id, (score, index) in ranked[offset:offset + limit]]
    return page, len(ranked)


# Folded names of all quoted speakers and their aliases, per database, with the fingerprint they were
# read at. Every write that changes who is called what (an ingest's linking, a merge, a split) also
# changes a count, a maximum id or a total in the fingerprint, so a changed collection is re-read.
_NAME_CACHE: dict[str, tuple[tuple, tuple[list[int], list[str], list[str]]]] = {}


def _speaker_names(session: Session) -> tuple[list[int], list[str], list[str]]:
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
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias).join(Speaker, Speaker.id == SpeakerAlias.speaker_id).where(quoted),
    )
    # Plain rows through the connection: thousands of (id, name) pairs need no ORM objects.
    rows = connection.execute(every_name).all()
    names = ([speaker_id for speaker_id, _ in rows], [name for _, name in rows],
             [utils.default_process(name) for _, name in rows])
    _NAME_CACHE[key] = (fingerprint, names)
    return names


def _names_fingerprint(connection) -> tuple:
    speakers = connection.execute(select(
        func.count(), func.max(Speaker.id), func.sum(Speaker.quote_count), func.sum(func.length(Speaker.name)),
        func.sum(case((Speaker.quote_count > 0, Speaker.id), else_=0)),  # which speakers are listed at all
    )).one()
    aliases = connection.execute(select(
        func.count(), func.max(SpeakerAlias.id), func.sum(SpeakerAlias.speaker_id), func.sum(func.length(SpeakerAlias.alias))
    )).one()
    return tuple(speakers) + tuple(aliases)


def recent_articles(session: Session, *, limit: int, offset: int = 0) -> list[ArticleRow]:
    """Articles newest first by publication (articles without a date by when they were stored)."""
    # The page first, then the quote counts of just its articles: a count correlated into the sorted
    # query would be computed for every article in the collection before the sort could cut it down.
    # Sorting ids alone keeps every article's text out of the sorter.
    ids = list(session.scalars(
        select(Article.id)
        .order_by(func.coalesce(Article.published_at, Article.ingested_at).desc(), Article.id.desc())
        .offset(offset)
        .limit(limit)
    ))
    loaded = {article.id: article for article in session.scalars(
        select(Article).where(Article.id.in_(ids)).options(defer(Article.text))
    )} if ids else {}
    articles = [loaded[article_id] for article_id in ids]
    counts = dict(session.execute(
        select(Quote.article_id, func.count(Quote.id))
        .where(Quote.article_id.in_([article.id for article in articles]))
        .group_by(Quote.article_id)
    ).all()) if articles else {}
    return [ArticleRow(article=article, quote_count=counts.get(article.id, 0)) for article in articles]


def count_articles(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Article)) or 0


def get_article(session: Session, *, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def article_quotes(session: Session, *, article_id: int) -> list[Quote]:
    """Every statement of one article in text order, with its speaker loaded."""
    statement = (
        select(Quote)
        .where(Quote.article_id == article_id)
        .order_by(Quote.start, Quote.end.desc(), Quote.id)
        .options(selectinload(Quote.speaker))
    )
    return list(session.scalars(statement))


def get_speaker(session: Session, *, speaker_id: int) -> Speaker | None:
    statement = (
        select(Speaker)
        .where(Speaker.id == speaker_id)
        .options(selectinload(Speaker.aliases), selectinload(Speaker.titles))
    )
    return session.scalars(statement).first()


def speaker_quotes(session: Session, *, speaker_id: int, limit: int, offset: int = 0) -> tuple[list[Quote], int]:
    """One page of a speaker's quotes, newest article first and in text order within an article."""
    total = session.scalar(select(func.count()).select_from(Quote).where(Quote.speaker_id == speaker_id)) or 0
    statement = (
        select(Quote)
        .join(Article, Article.id == Quote.article_id)
        .where(Quote.speaker_id == speaker_id)
        .order_by(
            func.coalesce(Article.published_at, Article.ingested_at).desc(), Article.id.desc(), Quote.start, Quote.id
        )
        .offset(offset)
        .limit(limit)
        .options(selectinload(Quote.article).options(defer(Article.text)))
    )
    return list(session.scalars(statement)), total


def get_quote(session: Session, *, quote_id: int) -> Quote | None:
    statement = (
        select(Quote)
        .where(Quote.id == quote_id)
        .options(selectinload(Quote.article), selectinload(Quote.speaker))
    )
    return session.scalars(statement).first()


def family_members(session: Session, *, family_id: int) -> list[Quote]:
    """Every quote in a family, earliest publication first (undated articles last, then by storage order)."""
    statement = (
        select(Quote)
        .join(Article, Article.id == Quote.article_id)
        .where(Quote.family_id == family_id)
        .order_by(
            Article.published_at.is_(None), Article.published_at, Article.ingested_at, Quote.id
        )
        .options(selectinload(Quote.article).options(defer(Article.text)), selectinload(Quote.speaker))
    )
    return list(session.scalars(statement))


def get_family(session: Session, *, family_id: int) -> QuoteFamily | None:
    return session.get(QuoteFamily, family_id)


def quotes_by_ids(session: Session, *, quote_ids: Sequence[int]) -> dict[int, Quote]:
    """Quotes with their speaker and their article's metadata (not its text, which lists never show)."""
    if not quote_ids:
        return {}
    statement = (
        select(Quote)
        .where(Quote.id.in_(list(quote_ids)))
        .options(selectinload(Quote.article).options(defer(Article.text)), selectinload(Quote.speaker))
    )
    return {quote.id: quote for quote in session.scalars(statement)}


def articles_by_ids(session: Session, *, article_ids: Sequence[int]) -> dict[int, Article]:
    if not article_ids:
        return {}
    return {article.id: article for article in session.scalars(select(Article).where(Article.id.in_(list(article_ids))))}
