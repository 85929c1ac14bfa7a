"""Read-only queries the web pages need: counts, listings, pages of quotes, families and fuzzy speaker filtering."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.store.models import Article, Quote, QuoteFamily, Speaker, SpeakerAlias

# A name scores at least this (0-100, rapidfuzz WRatio on folded text) to count as a match while
# filtering speakers: low enough that "asad" finds "Bashar al-Assad", high enough that "putin"
# does not bring up every name with a "p" in it.
SPEAKER_FILTER_CUTOFF = 72


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
    rows = session.execute(
        select(Speaker.id, Speaker.name).where(Speaker.quote_count > 0)
    ).all()
    alias_rows = session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias)
        .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
        .where(Speaker.quote_count > 0)
    ).all()
    names: list[str] = [name for _, name in rows] + [alias for _, alias in alias_rows]
    owners: list[int] = [speaker_id for speaker_id, _ in rows] + [speaker_id for speaker_id, _ in alias_rows]
    best: dict[int, tuple[float, str]] = {}
    for name, score, index in process.extract(
        folded, names, scorer=_name_score, processor=utils.default_process,
        score_cutoff=SPEAKER_FILTER_CUTOFF, limit=None,
    ):
        speaker_id = owners[index]
        if speaker_id not in best or score > best[speaker_id][0]:
            best[speaker_id] = (score, name)
    if not best:
        return [], 0
    speakers = {
        speaker.id: speaker
        for speaker in session.scalars(
            select(Speaker).where(Speaker.id.in_(list(best))).options(selectinload(Speaker.titles))
        )
    }
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -speakers[item[0]].quote_count, speakers[item[0]].name))
    page = ranked[offset:offset + limit]
    return [SpeakerMatch(speaker=speakers[sid], score=round(score, 1), matched_name=name) for sid, (score, name) in page], len(ranked)


def _name_score(query: str, name: str, **kwargs) -> float:
    # WRatio weighs a short query against a long name by partial alignment ("asad" inside
    # "bashar al assad"); an exact word prefix ("put" for "putin") should win over a fuzzy middle.
    score = fuzz.WRatio(query, name, **kwargs)
    if any(word.startswith(query) for word in name.split()):
        score = max(score, 95.0)
    return score


def recent_articles(session: Session, *, limit: int, offset: int = 0) -> list[ArticleRow]:
    """Articles newest first by publication (articles without a date by when they were stored)."""
    quote_count = (
        select(func.count(Quote.id)).where(Quote.article_id == Article.id).correlate(Article).scalar_subquery()
    )
    statement = (
        select(Article, quote_count)
        .order_by(func.coalesce(Article.published_at, Article.ingested_at).desc(), Article.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [ArticleRow(article=article, quote_count=count) for article, count in session.execute(statement)]


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
        .options(selectinload(Quote.article))
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
        .options(selectinload(Quote.article), selectinload(Quote.speaker))
    )
    return list(session.scalars(statement))


def get_family(session: Session, *, family_id: int) -> QuoteFamily | None:
    return session.get(QuoteFamily, family_id)


def quotes_by_ids(session: Session, *, quote_ids: Sequence[int]) -> dict[int, Quote]:
    if not quote_ids:
        return {}
    statement = (
        select(Quote)
        .where(Quote.id.in_(list(quote_ids)))
        .options(selectinload(Quote.article), selectinload(Quote.speaker))
    )
    return {quote.id: quote for quote in session.scalars(statement)}


def articles_by_ids(session: Session, *, article_ids: Sequence[int]) -> dict[int, Article]:
    if not article_ids:
        return {}
    return {article.id: article for article in session.scalars(select(Article).where(Article.id.in_(list(article_ids))))}
