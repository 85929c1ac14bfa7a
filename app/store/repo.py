"""Flat, keyword-only functions that read and write quotetrail's tables; callers own the transaction."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import Select, func, insert, select
from sqlalchemy.orm import Session, selectinload

from app.store.db import fulltext_search
from app.store.models import (
    Article, ArticleParagraph, IngestionRun, Quote, QuoteFamily, Speaker, SpeakerAlias, SpeakerCorrection,
)
from nlp.records import DocumentRecord, QuoteRecord

T = TypeVar("T")

# Curly, guillemet and prime quote marks all fold to nothing for matching: outlets restyle quotes.
QUOTE_MARKS = "\"'“”„‟«»‹›‘’‚‛′″`´"
NON_WORD = re.compile(r"[^\w\s]+", re.UNICODE)
SPACES = re.compile(r"\s+")


class InvariantViolation(ValueError):
    """A quote whose text is not exactly article.text[start:end]; the article is refused whole."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: `items`, where it sits (`page`, 1-based) and how many there are in all."""

    items: list[T]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass(frozen=True, slots=True)
class CollectionCounts:
    articles: int
    quotes: int
    speakers: int
    families: int  # families with two or more members
    ingestion_runs: int


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


# --- text helpers shared by the store and linking ------------------------------------------------

def content_hash(text: str) -> str:
    """The SHA-256 of the article's exact text: the same article ingested twice is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize_quote_text(text: str) -> str:
    """Fold a quote for matching across outlets: accents, case, quote style and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = without_accents.casefold()
    for mark in QUOTE_MARKS:
        folded = folded.replace(mark, "")
    return SPACES.sub(" ", NON_WORD.sub(" ", folded)).strip()


# --- writing -------------------------------------------------------------------------------------

def add_article(
    session: Session,
    *,
    record: DocumentRecord,
    source_name: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published_at: datetime | None = None,
    ingestion_run_id: int | None = None,
    speaker_ids: Mapping[str, int] | None = None,
) -> Article:
    """Add one article with its paragraphs and quotes; `speaker_ids` maps each quote's printed speaker
    name to its Speaker id (see linking.link_record_speakers). Quote families are linked afterwards.

    Raises InvariantViolation, before anything is flushed, if any quote's offsets do not select its
    text. Does not commit: the caller's transaction makes the article and its quotes one unit.
    """
    text = record.text
    for quote in record.quotes:
        check_quote_offsets(text=text, quote=quote)
    article = Article(
        content_hash=content_hash(text),
        source_name=source_name,
        url=url,
        title=title,
        outlet=outlet,
        author=author,
        published_at=published_at,
        text=text,
        paragraphs=[[start, end] for start, end in record.paragraphs],
        ingestion_run_id=ingestion_run_id,
    )
    session.add(article)
    session.flush()
    # Paragraphs and quotes go in as one executemany each, through Core: no per-row RETURNING round
    # trips and none of the ORM's per-object bookkeeping.
    if record.paragraphs:
        session.execute(insert(ArticleParagraph.__table__), [
            {"article_id": article.id, "position": position, "start": start, "end": end}
            for position, (start, end) in enumerate(record.paragraphs)
        ])
    speaker_ids = speaker_ids or {}
    if record.quotes:
        session.execute(insert(Quote.__table__), [
            _quote_values(quote, article_id=article.id, speaker_id=speaker_ids.get(quote.speaker or ""))
            for quote in record.quotes
        ])
    session.expire(article, ["quotes", "paragraph_rows"])  # loaded from the rows just written, when used
    return article


def check_quote_offsets(*, text: str, quote: QuoteRecord) -> None:
    if not (0 <= quote.start < quote.end <= len(text)) or text[quote.start:quote.end] != quote.text:
        raise InvariantViolation(
            f"quote at {quote.start}:{quote.end} does not match the article text "
            f"(expected {quote.text[:60]!r}, found {text[quote.start:quote.end][:60]!r})"
        )


def _quote_values(quote: QuoteRecord, *, article_id: int, speaker_id: int | None) -> dict:
    return dict(
        article_id=article_id,
        paragraph=quote.paragraph,
        start=quote.start,
        end=quote.end,
        text=quote.text,
        normalized=normalize_quote_text(quote.text),
        kind=quote.kind,
        parts=[list(part) for part in quote.parts],
        verbatim=[list(part) for part in quote.verbatim],
        cue=quote.cue,
        cue_start=quote.cue_start,
        cue_end=quote.cue_end,
        mention=quote.mention,
        mention_start=quote.mention_start,
        mention_end=quote.mention_end,
        speaker_name=quote.speaker,
        speaker_id=speaker_id,
        confidence=quote.confidence,
        resolution=quote.resolution,
    )


def start_ingestion_run(session: Session, *, sources: Sequence[str]) -> IngestionRun:
    run = IngestionRun(sources=list(sources), report=[])
    session.add(run)
    session.flush()
    return run


# --- articles ------------------------------------------------------------------------------------

def get_article(session: Session, *, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def get_article_by_hash(session: Session, *, content_hash: str) -> Article | None:
    return session.scalars(select(Article).where(Article.content_hash == content_hash)).first()


def article_id_for_hash(session: Session, *, content_hash: str) -> int | None:
    return session.scalar(select(Article.id).where(Article.content_hash == content_hash))


def paginate_articles(
    session: Session, *, page: int = 1, page_size: int = 50, outlet: str | None = None
) -> Page[Article]:
    """Articles newest first by publication (undated ones by when they were stored)."""
    statement = select(Article)
    if outlet is not None:
        statement = statement.where(Article.outlet == outlet)
    statement = statement.order_by(
        func.coalesce(Article.published_at, Article.ingested_at).desc(), Article.id.desc()
    )
    return _paginate(session, statement, page=page, page_size=page_size)


def list_articles(session: Session, *, limit: int = 50, offset: int = 0) -> list[Article]:
    """Articles newest first by publication, `limit` of them from `offset`."""
    statement = (
        select(Article).order_by(func.coalesce(Article.published_at, Article.ingested_at).desc(), Article.id.desc())
        .offset(offset).limit(limit)
    )
    return list(session.scalars(statement))


def article_quotes(session: Session, *, article_id: int) -> list[Quote]:
    """Every quote of one article in text order, speakers loaded."""
    statement = (
        select(Quote).where(Quote.article_id == article_id).order_by(Quote.start, Quote.end.desc(), Quote.id)
        .options(selectinload(Quote.speaker))
    )
    return list(session.scalars(statement))


# --- speakers ------------------------------------------------------------------------------------

def get_speaker(session: Session, *, speaker_id: int) -> Speaker | None:
    statement = (
        select(Speaker).where(Speaker.id == speaker_id)
        .options(selectinload(Speaker.aliases), selectinload(Speaker.titles))
    )
    return session.scalars(statement).first()


def find_speakers_by_name(session: Session, *, name: str) -> list[Speaker]:
    """Speakers whose canonical name or any alias is exactly `name` (case-insensitive), most quoted first."""
    folded = name.strip().casefold()
    by_alias = select(SpeakerAlias.speaker_id).where(func.lower(SpeakerAlias.alias) == folded)
    statement = (
        select(Speaker)
        .where((func.lower(Speaker.name) == folded) | Speaker.id.in_(by_alias))
        .order_by(Speaker.quote_count.desc(), Speaker.id)
        .options(selectinload(Speaker.aliases), selectinload(Speaker.titles))
    )
    return list(session.scalars(statement))


def find_speakers_by_key(session: Session, *, key: str) -> list[Speaker]:
    """Speakers whose folded name (Speaker.key) or an alias's folded form equals `key`: an indexed look-up."""
    by_alias = select(SpeakerAlias.speaker_id).where(SpeakerAlias.key == key)
    statement = select(Speaker).where((Speaker.key == key) | Speaker.id.in_(by_alias)).order_by(Speaker.id)
    return list(session.scalars(statement))


def paginate_speakers(session: Session, *, page: int = 1, page_size: int = 50) -> Page[Speaker]:
    """Speakers with quotes, most quoted first (ties by name, so pages are stable)."""
    statement = (
        select(Speaker).where(Speaker.quote_count > 0)
        .order_by(Speaker.quote_count.desc(), Speaker.name, Speaker.id)
        .options(selectinload(Speaker.titles))
    )
    return _paginate(session, statement, page=page, page_size=page_size)


def paginate_speaker_quotes(session: Session, *, speaker_id: int, page: int = 1, page_size: int = 50) -> Page[Quote]:
    """A speaker's quotes, newest article first and in text order within an article."""
    statement = (
        select(Quote).join(Article, Article.id == Quote.article_id).where(Quote.speaker_id == speaker_id)
        .order_by(func.coalesce(Article.published_at, Article.ingested_at).desc(), Article.id.desc(),
                  Quote.start, Quote.id)
        .options(selectinload(Quote.article))
    )
    return _paginate(session, statement, page=page, page_size=page_size)


def list_speaker_corrections(session: Session) -> list[SpeakerCorrection]:
    return list(session.scalars(select(SpeakerCorrection).order_by(SpeakerCorrection.id)))


# --- quotes --------------------------------------------------------------------------------------

def get_quote(session: Session, *, quote_id: int) -> Quote | None:
    statement = (
        select(Quote).where(Quote.id == quote_id)
        .options(selectinload(Quote.article), selectinload(Quote.speaker))
    )
    return session.scalars(statement).first()


def paginate_quotes(
    session: Session,
    *,
    page: int = 1,
    page_size: int = 50,
    speaker_id: int | None = None,
    article_id: int | None = None,
    kind: str | None = None,
) -> Page[Quote]:
    """Quotes, newest article first, optionally only one speaker's, one article's or one kind."""
    statement = select(Quote).join(Article, Article.id == Quote.article_id)
    if speaker_id is not None:
        statement = statement.where(Quote.speaker_id == speaker_id)
    if article_id is not None:
        statement = statement.where(Quote.article_id == article_id)
    if kind is not None:
        statement = statement.where(Quote.kind == kind)
    statement = statement.order_by(
        func.coalesce(Article.published_at, Article.ingested_at).desc(), Article.id.desc(), Quote.start, Quote.id
    ).options(selectinload(Quote.article), selectinload(Quote.speaker))
    return _paginate(session, statement, page=page, page_size=page_size)


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


# --- quote families ------------------------------------------------------------------------------

def get_family(session: Session, *, family_id: int) -> QuoteFamily | None:
    return session.get(QuoteFamily, family_id)


def family_order():
    """Publication order for family members: dated articles first, earliest first, then storage order."""
    return (Article.published_at.is_(None), Article.published_at, Article.ingested_at, Article.id, Quote.start,
            Quote.id)


def family_members(session: Session, *, family_id: int) -> list[Quote]:
    """Every quote in a family, earliest publication first; member.family_diff says how it differs from the first."""
    statement = (
        select(Quote).join(Article, Article.id == Quote.article_id).where(Quote.family_id == family_id)
        .order_by(*family_order())
        .options(selectinload(Quote.article), selectinload(Quote.speaker))
    )
    return list(session.scalars(statement))


def family_of_quote(session: Session, *, quote_id: int) -> list[Quote]:
    """The family members of a quote (just the quote itself when it has no family)."""
    quote = session.get(Quote, quote_id)
    if quote is None:
        return []
    if quote.family_id is None:
        return [quote]
    return family_members(session, family_id=quote.family_id)


def paginate_families(session: Session, *, page: int = 1, page_size: int = 50) -> Page[QuoteFamily]:
    """Families of two or more quotes, the most widely carried first."""
    statement = (
        select(QuoteFamily).where(QuoteFamily.member_count > 1)
        .order_by(QuoteFamily.member_count.desc(), QuoteFamily.id)
    )
    return _paginate(session, statement, page=page, page_size=page_size)


# --- runs and counts -----------------------------------------------------------------------------

def get_ingestion_run(session: Session, *, run_id: int) -> IngestionRun | None:
    return session.get(IngestionRun, run_id)


def paginate_ingestion_runs(session: Session, *, page: int = 1, page_size: int = 50) -> Page[IngestionRun]:
    statement = select(IngestionRun).order_by(IngestionRun.id.desc())
    return _paginate(session, statement, page=page, page_size=page_size)


def collection_counts(session: Session) -> CollectionCounts:
    def count(statement) -> int:
        return session.scalar(statement) or 0

    return CollectionCounts(
        articles=count(select(func.count()).select_from(Article)),
        quotes=count(select(func.count()).select_from(Quote)),
        speakers=count(select(func.count()).select_from(Speaker).where(Speaker.quote_count > 0)),
        families=count(select(func.count()).select_from(QuoteFamily).where(QuoteFamily.member_count > 1)),
        ingestion_runs=count(select(func.count()).select_from(IngestionRun)),
    )


def _paginate(session: Session, statement: Select, *, page: int, page_size: int) -> Page:
    page = max(1, page)
    page_size = max(1, page_size)
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    items = list(session.scalars(statement.offset((page - 1) * page_size).limit(page_size)))
    return Page(items=items, total=total, page=page, page_size=page_size)
