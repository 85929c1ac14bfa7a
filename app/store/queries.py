"""Every read the pages, the CLI and the services make: flat, keyword-only functions over one session.

The orders things are listed in (newest article first, text order, publication order of a family,
most quoted speaker first) are defined once here, so that every page and the linking agree on them.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rapidfuzz import fuzz, process, utils
from sqlalchemy import CTE, Connection, Select, case, func, or_, select, true, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session, defer, selectinload
from sqlalchemy.sql.elements import ColumnElement

from app.store.db import fulltext_matches, fulltext_matching_ids, fulltext_search, search_words
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
    """Articles newest first by publication; articles without a date after every dated one (last stored
    first), so that a folder of undated files never pushes the dated news off the first page.

    Exactly the order of the publication-date index read backwards (ties by id, which the index holds):
    SQLite walks it and stops at the page's end instead of sorting every quote a broad filter keeps
    (DESC NULLS LAST is SQLite's own order for DESC; PostgreSQL is told)."""
    return Article.published_at.desc().nulls_last(), Article.id.desc()


def speaker_newest_first() -> tuple[OrderTerm, ...]:
    """One speaker's quotes in newest_article_first order then by position (start, id), read from the copies of
    the article's date each quote carries: exactly the order of ix_quotes_speaker_newest after its speaker_id,
    so a page is its first entries whatever the speaker (the article's own columns would make PostgreSQL walk
    every article newest first, or sort all of a much-quoted speaker's articles, for a page of 20)."""
    return Quote.article_published_at.desc().nulls_last(), Quote.article_id.desc(), Quote.start, Quote.id


def oldest_article_first() -> tuple[OrderTerm, ...]:
    """Articles oldest first by publication; undated articles still last (their date is unknown, not early)."""
    return Article.published_at.asc().nulls_last(), Article.id


def text_order() -> tuple[OrderTerm, ...]:
    """Quotes of one article in text order; of two starting together, the longer first."""
    return Quote.start, Quote.end.desc(), Quote.id


def family_order() -> tuple[OrderTerm, ...]:
    """Publication order for family members: dated articles first, earliest first, then by a key of the
    article's content (never storage order: the link phase must pick the same earliest source whatever
    order articles arrived in), then position."""
    return (Article.published_at.is_(None), Article.published_at, Article.content_hash, Quote.start, Quote.id)


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
    """Articles newest first by publication, undated ones after them."""
    # The page of ids first, then the quote counts of just its articles: a count correlated into the
    # sorted query would be computed for every article in the collection before the sort could cut it
    # down. Sorting ids alone keeps every article's text out of the sorter.
    ids = list(session.scalars(select(Article.id).order_by(*newest_article_first()).offset(offset).limit(limit)))
    return _article_rows(session, ids)


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
        select(Quote).where(Quote.speaker_id == speaker_id).order_by(*speaker_newest_first())
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


# --- filtered quotes: search, a speaker's quotes, an article's statements, export -------------------

QUOTE_KINDS = ("direct", "mixed", "indirect")
# The kinds of source a quote can be filtered by: Quote.speaker_type's values, and the anonymous flag.
SOURCE_FILTERS = ("person", "organisation", "group", "unnamed", "document", "anonymous")
# relevance needs words to rank by (without them it is newest); text is an article's own order.
QUOTE_SORTS = ("relevance", "newest", "oldest", "text")


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    """What a list of quotes is narrowed to; every field combines with the others (AND)."""

    words: str = ""  # every word must be in the quote's text (stemmed full-text search)
    speaker: str = ""  # a speaker's name or any of their aliases
    speaker_id: int | None = None
    article_id: int | None = None
    outlet: str = ""  # exactly as stored, compared without regard to case
    since: date | None = None  # publication day, inclusive; undated articles drop out of a date range
    until: date | None = None  # inclusive
    kinds: tuple[str, ...] = ()  # any of QUOTE_KINDS; empty means all
    source_types: tuple[str, ...] = ()  # any of SOURCE_FILTERS; empty means all
    min_confidence: float | None = None
    sort: str = "relevance"

    def effective_sort(self) -> str:
        return "newest" if self.sort == "relevance" and not search_words(self.words, match="all") else self.sort


@dataclass(frozen=True, slots=True)
class QuoteExportRow:
    """One quote with its speaker and article, flat: what an export writes per line (no ORM objects)."""

    quote_id: int
    text: str
    kind: str
    speaker: str | None
    speaker_type: str | None
    anonymous: bool
    mention: str | None
    cue: str | None
    article_id: int
    title: str | None
    outlet: str | None
    published: datetime | None
    url: str | None
    start: int
    end: int
    paragraph: int
    confidence: float
    resolution: str | None


def speaker_ids_named(session: Session, *, name: str) -> list[int]:
    """Speakers called `name` (their name or an alias: as printed through the indexes, else ignoring case); when
    none is, those whose name or an alias contains it ("Trump" finds "Donald Trump"). Names are few next to
    quotes, so the scans are cheap."""
    folded = name.strip().casefold()
    if not folded:
        return []
    exact = union_all(select(Speaker.id).where(Speaker.name == name.strip()),
                      select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias == name.strip()))
    found = sorted(set(session.scalars(exact))) or speakers_called(session, name=name)
    if found:
        return found
    pattern = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    containing = union_all(
        select(Speaker.id).where(func.lower(Speaker.name).like(pattern, escape="\\")),
        select(SpeakerAlias.speaker_id).where(func.lower(SpeakerAlias.alias).like(pattern, escape="\\")),
    )
    return sorted(set(session.scalars(containing)))


def speakers_called(session: Session, *, name: str) -> list[int]:
    """Speakers whose name or an alias is exactly `name`, ignoring case."""
    folded = name.strip().casefold()
    if not folded:
        return []
    exact = union_all(
        select(Speaker.id).where(func.lower(Speaker.name) == folded),
        select(SpeakerAlias.speaker_id).where(func.lower(SpeakerAlias.alias) == folded),
    )
    return sorted(set(session.scalars(exact)))


def speaker_alias_names(session: Session, *, speaker_id: int) -> list[str]:
    """A speaker's name and every alias, as printed."""
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        return []
    aliases = session.scalars(select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == speaker_id))
    return list(dict.fromkeys([speaker.name, *aliases]))


def outlet_spellings(session: Session, *, outlet: str) -> list[str]:
    """The outlet names stored that are `outlet` ignoring case ("Daily Two", "daily two"). Matching these
    exact names lets the outlet index find the articles; a lower() in the filter would read every article."""
    folded = outlet.strip().casefold()
    names = session.scalars(select(Article.outlet).where(Article.outlet.is_not(None)).distinct())
    return [name for name in names if name is not None and name.casefold() == folded]


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _article_conditions(session: Session, *, outlet: str, since: date | None, until: date | None
                        ) -> list[ColumnElement[bool]]:
    """The outlet and publication-day conditions quote and article filters share (until is inclusive;
    a date range leaves undated articles out)."""
    conditions: list[ColumnElement[bool]] = []
    if outlet.strip():
        conditions.append(Article.outlet.in_(outlet_spellings(session, outlet=outlet)))
    if since is not None:
        conditions.append(Article.published_at >= _day_start(since))
    if until is not None:
        conditions.append(Article.published_at < _day_start(until + timedelta(days=1)))
    return conditions


# A confidence threshold that at most this many quotes reach drives the search from the confidence index.
FEW_CONFIDENT_QUOTES = 2000


def _few_confident_quotes(session: Session, *, minimum: float) -> Select[Any] | None:
    """The ids of the quotes at or above `minimum` when they are few, found through the confidence index
    (a high threshold read every quote: 130 ms at 100k); None when many pass. The probe reads at most
    FEW_CONFIDENT_QUOTES + 1 index entries."""
    confident = select(Quote.id).where(Quote.confidence >= minimum)
    probe = confident.limit(FEW_CONFIDENT_QUOTES + 1).subquery()
    found = session.scalar(select(func.count()).select_from(probe)) or 0
    return confident if found <= FEW_CONFIDENT_QUOTES else None


@dataclass(frozen=True, slots=True)
class QuoteConditions:
    """What a QuoteFilters asks of quotes, worked out once (outlet spellings, the speaker-name look-up, the
    full-text match, the confidence probe each cost a query), so an explorer search's page and its count are
    both derived from it without asking the database again."""

    article: list[ColumnElement[bool]]  # on the quote's article (outlet, dates): the count joins only for these
    quote: list[ColumnElement[bool]]
    ranked: CTE | None  # relevance order: the full-text matches (row_id, score) to join
    sort: str  # QuoteFilters.effective_sort()
    one_speaker: bool = False  # a speaker's own page: newest first is read from ix_quotes_speaker_newest


def _quote_conditions(session: Session, filters: QuoteFilters) -> QuoteConditions | None:
    """The conditions `filters` sets; None when nothing can match (a speaker no name or alias calls so, words
    that are all punctuation)."""
    article_conditions = _article_conditions(session, outlet=filters.outlet, since=filters.since,
                                             until=filters.until)
    conditions: list[ColumnElement[bool]] = []
    ranked = None
    sort = filters.effective_sort()
    if filters.words.strip() and sort == "relevance":
        ranked = fulltext_matches(session, target="quotes", query=filters.words)
        if ranked is None:
            return None
    elif filters.words.strip():
        # Ordered by date: the matches need finding, not ranking.
        matching = fulltext_matching_ids(session, query=filters.words)
        if matching is None:
            return None
        conditions.append(Quote.id.in_(matching))
    if filters.speaker.strip():
        named = speaker_ids_named(session, name=filters.speaker)
        if not named:
            return None
        conditions.append(Quote.speaker_id.in_(named))
    if filters.speaker_id is not None:
        conditions.append(Quote.speaker_id == filters.speaker_id)
    if filters.article_id is not None:
        conditions.append(Quote.article_id == filters.article_id)
    # kind and speaker_type have a handful of values each: their indexes narrow nothing, yet SQLite, which
    # keeps no statistics here, would start from them and read most quotes before any join. Compared as
    # expressions (`kind || ''`), they are checked on the rows the selective conditions found.
    if filters.kinds:
        conditions.append(Quote.kind.concat("").in_(list(filters.kinds)))
    if filters.source_types:
        typed = [kind for kind in filters.source_types if kind != "anonymous"]
        source_conditions: list[ColumnElement[bool]] = [Quote.speaker_type.concat("").in_(typed)] if typed else []
        if "anonymous" in filters.source_types:
            source_conditions.append(Quote.anonymous == true())  # "= 1", the partial index's own condition
        conditions.append(or_(*source_conditions))
    if filters.min_confidence is not None:
        confident = _few_confident_quotes(session, minimum=filters.min_confidence)
        if confident is not None:
            conditions.append(Quote.id.in_(confident))
        else:
            # Most quotes pass: checked on the rows the other conditions find. As an expression, the
            # comparison keeps SQLite (no statistics) from starting at the confidence index and reading
            # most of it.
            conditions.append(Quote.confidence + 0 >= filters.min_confidence)
    return QuoteConditions(article=article_conditions, quote=conditions, ranked=ranked, sort=sort,
                           one_speaker=filters.speaker_id is not None)


def _filtered_quotes(conditions: QuoteConditions, *columns: Any, counting: bool = False,
                     quote_columns_only: bool = False) -> Select[Any]:
    """SELECT `columns` of the quotes `conditions` keep, in the order asked. `counting`: for a count, which
    needs no order and joins the articles only for an outlet or a date (every quote has its article; the
    join cost a by-speaker search 30 ms p95 at a million quotes on PostgreSQL). `quote_columns_only`: `columns`
    are the quote's own, so one speaker newest first, ordered by the quotes' copies of the dates, needs no join."""
    statement = select(*columns).select_from(Quote)
    # One speaker newest first is ordered by the copies of the article's date on the quotes (speaker_newest_first).
    by_speaker = conditions.one_speaker and conditions.sort == "newest"
    if conditions.article or not (counting or (by_speaker and quote_columns_only)):
        statement = statement.join(Article, Article.id == Quote.article_id)
    order: list[OrderTerm] = []
    if conditions.ranked is not None:
        statement = statement.join(conditions.ranked, conditions.ranked.c.row_id == Quote.id)
        order = [conditions.ranked.c.score.desc(), Quote.id]
    statement = statement.where(*conditions.quote, *conditions.article)
    if counting:
        return statement
    if by_speaker:
        order = [*speaker_newest_first()]
    elif conditions.sort == "newest":
        order = [*newest_article_first(), Quote.start, Quote.id]
    elif conditions.sort == "oldest":
        order = [*oldest_article_first(), Quote.start, Quote.id]
    elif conditions.sort == "text":
        order = [Article.id, *text_order()]
    return statement.order_by(*order)


def filtered_quote_page(
    session: Session, *, filters: QuoteFilters, limit: int, offset: int = 0, max_count: int
) -> tuple[list[Quote], int]:
    """One page of the quotes `filters` keep, with speaker and article metadata, and how many there are
    (counting at most `max_count`, which bounds the database's work on a broad filter)."""
    conditions = _quote_conditions(session, filters)
    if conditions is None:
        return [], 0
    ids = list(session.scalars(_filtered_quotes(conditions, Quote.id, quote_columns_only=True)
                               .offset(offset).limit(limit)))
    counted = _filtered_quotes(conditions, Quote.id, counting=True).limit(max_count).subquery()
    total = session.scalar(select(func.count()).select_from(counted)) or 0
    found = quotes_by_ids(session, quote_ids=ids)
    return [found[quote_id] for quote_id in ids if quote_id in found], total


def export_rows(session: Session, *, filters: QuoteFilters, batch_size: int = 1000) -> Iterator[QuoteExportRow]:
    """Every quote `filters` keep, in their order, as flat rows fetched `batch_size` at a time: a server-side
    cursor on PostgreSQL, SQLite's own stepping, so a million quotes never sit in memory at once."""
    columns = (
        Quote.id, Quote.text, Quote.kind, func.coalesce(Speaker.name, Quote.speaker_name), Quote.speaker_type,
        Quote.anonymous, Quote.mention, Quote.cue, Quote.article_id,
        func.coalesce(func.nullif(func.trim(Article.title), ""), Article.source_name), Article.outlet,
        Article.published_at, Article.url, Quote.start, Quote.end, Quote.paragraph, Quote.confidence,
        Quote.resolution,
    )
    conditions = _quote_conditions(session, filters)
    if conditions is None:
        return
    statement = _filtered_quotes(conditions, *columns).outerjoin(Speaker, Speaker.id == Quote.speaker_id)
    result = session.execute(statement, execution_options={"yield_per": batch_size, "stream_results": True})
    for row in result:
        yield QuoteExportRow(*row)


# --- filtered articles ----------------------------------------------------------------------------

ARTICLE_SORTS = ("newest", "oldest")


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    title: str = ""  # every word must be in the title (case-insensitive)
    outlet: str = ""
    since: date | None = None
    until: date | None = None
    sort: str = "newest"


def filtered_articles(
    session: Session, *, filters: ArticleFilters, limit: int, offset: int = 0
) -> tuple[list[ArticleRow], int]:
    """A page of the articles `filters` keep, with quote counts, and how many there are in all."""
    statement = select(Article.id)
    for word in filters.title.casefold().split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(func.lower(Article.title).like(pattern, escape="\\"))
    statement = statement.where(*_article_conditions(session, outlet=filters.outlet, since=filters.since,
                                                      until=filters.until))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    order = oldest_article_first() if filters.sort == "oldest" else newest_article_first()
    ids = list(session.scalars(statement.order_by(*order).offset(offset).limit(limit)))
    return _article_rows(session, ids), total


def _article_rows(session: Session, ids: list[int]) -> list[ArticleRow]:
    """Articles `ids` in that order, without their text, each with its quote count (for just these ids)."""
    if not ids:
        return []
    loaded = {article.id: article for article in session.scalars(
        select(Article).where(Article.id.in_(ids)).options(defer(Article.text))
    )}
    counts: dict[int, int] = {article_id: count for article_id, count in session.execute(
        select(Quote.article_id, func.count(Quote.id)).where(Quote.article_id.in_(ids)).group_by(Quote.article_id)
    )}
    return [ArticleRow(article=loaded[article_id], quote_count=counts.get(article_id, 0))
            for article_id in ids if article_id in loaded]


def outlets(session: Session) -> list[tuple[str, int]]:
    """Every outlet with its number of articles, by name (the choices of an outlet filter)."""
    statement = (select(Article.outlet, func.count()).where(Article.outlet.is_not(None), Article.outlet != "")
                 .group_by(Article.outlet).order_by(Article.outlet))
    return [(outlet or "", count) for outlet, count in session.execute(statement)]


# --- filtered speakers, and one speaker over time -------------------------------------------------

SPEAKER_SORTS = ("quotes", "name", "recent")


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    speaker: Speaker
    last_quoted: datetime | None  # the date of their newest dated quote (known when sorted by it)
    matched_name: str | None = None
    score: float | None = None


def speaker_listing(
    session: Session, *, name: str = "", kind: str = "", sort: str = "", limit: int, offset: int = 0
) -> tuple[list[SpeakerRow], int]:
    """Quoted speakers, optionally of one kind and fuzzily matching `name`; sorted by `sort` ("quotes",
    "name", "recent": newest quote first), or by match score when a name is given and no sort is."""
    matched: dict[int, SpeakerMatch] | None = None
    statement = select(Speaker.id).where(Speaker.quote_count > 0)
    if kind:
        statement = statement.where(Speaker.kind == kind)
    if name.strip():
        matches, _ = filter_speakers(session, query=name, limit=10_000)
        matched = {match.speaker.id: match for match in matches}
        statement = statement.where(Speaker.id.in_(list(matched)))
        if not sort:
            kinds_kept = set(session.scalars(statement))
            ranked = [match for match in matches if match.speaker.id in kinds_kept]
            page = ranked[offset:offset + limit]
            return [SpeakerRow(speaker=match.speaker, last_quoted=None, matched_name=match.matched_name,
                               score=match.score) for match in page], len(ranked)
    if sort == "recent":
        allowed = list(session.scalars(statement))
        walked = _recently_quoted(session, allowed=set(allowed), want=offset + limit)
        # Speakers whose quotes are all undated come after every dated one, in id order.
        undated = [speaker_id for speaker_id in allowed if speaker_id not in walked] if len(walked) < offset + limit \
            else []
        ids = (list(walked) + sorted(undated))[offset:offset + limit]
        last: dict[int, datetime] = walked
        total = len(allowed)
    else:
        total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
        if sort == "name":
            ordered = statement.order_by(func.lower(Speaker.name), Speaker.id)
        else:
            ordered = statement.order_by(*most_quoted_first())
        ids = list(session.scalars(ordered.offset(offset).limit(limit)))
        last = {}
    loaded = {speaker.id: speaker for speaker in session.scalars(
        select(Speaker).where(Speaker.id.in_(ids)).options(selectinload(Speaker.titles)))} if ids else {}
    rows = []
    for speaker_id in ids:
        match = matched.get(speaker_id) if matched else None
        rows.append(SpeakerRow(speaker=loaded[speaker_id], last_quoted=last.get(speaker_id),
                               matched_name=match.matched_name if match else None,
                               score=match.score if match else None))
    return rows, total


# Quotes read per round trip while walking back from the newest article.
RECENT_WALK_BATCH = 2000


def _recently_quoted(session: Session, *, allowed: set[int], want: int) -> dict[int, datetime]:
    """The first `want` speakers of `allowed` met walking the quotes from the newest dated article back, each
    with the date of that (their newest) quote, in that order.

    Walking the articles' date index and stopping early costs what the page needs: a page of recently
    quoted speakers is met within the newest few thousand quotes, where an aggregate of every speaker's
    newest date would read every quote in the collection."""
    walk = (select(Quote.speaker_id, Article.published_at).join(Article, Article.id == Quote.article_id)
            .where(Article.published_at.is_not(None), Quote.speaker_id.is_not(None))
            .order_by(Article.published_at.desc(), Article.id.desc()))
    found: dict[int, datetime] = {}
    if want <= 0 or not allowed:
        return found
    result = session.execute(walk, execution_options={"yield_per": RECENT_WALK_BATCH, "stream_results": True})
    try:
        for speaker_id, published in result:
            if speaker_id in allowed and speaker_id not in found and published is not None:
                found[speaker_id] = published
                if len(found) >= want:
                    break
    finally:
        result.close()
    return found


def speaker_quotes_per_month(session: Session, *, speaker_id: int) -> tuple[list[tuple[str, int]], int]:
    """A speaker's quotes per month of publication ("2024-03", count), oldest first, and how many quotes
    are in undated articles (they have no month). Counted from the quotes' copies of their articles' dates,
    which ix_quotes_speaker_newest holds: no article row is read."""
    if session.get_bind().dialect.name == "postgresql":
        month = func.to_char(func.timezone("UTC", Quote.article_published_at), "YYYY-MM")
    else:
        month = func.strftime("%Y-%m", Quote.article_published_at)
    statement = (
        select(month.label("month"), func.count()).select_from(Quote).where(Quote.speaker_id == speaker_id)
        .group_by(month).order_by(month)
    )
    months: list[tuple[str, int]] = []
    undated = 0
    for name, count in session.execute(statement):
        if name is None:
            undated += count
        else:
            months.append((name, count))
    return months, undated


def speaker_outlets(session: Session, *, speaker_id: int, limit: int) -> list[tuple[str, int]]:
    """The outlets that quote a speaker, with how many quotes each, most first. Counted from the quotes'
    copies of their articles' outlets, which ix_quotes_speaker_outlet holds: no article row is read."""
    count = func.count()
    statement = (
        select(Quote.article_outlet, count).select_from(Quote)
        .where(Quote.speaker_id == speaker_id, Quote.article_outlet.is_not(None), Quote.article_outlet != "")
        .group_by(Quote.article_outlet).order_by(count.desc(), Quote.article_outlet).limit(limit)
    )
    return [(outlet or "", quotes) for outlet, quotes in session.execute(statement)]
