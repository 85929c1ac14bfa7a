"""Flat, keyword-only functions that write quotetrail's tables; callers own the transaction.

Every read for pages, the CLI and the check lives in app.store.queries; the two reads here serve the
writes themselves (an ingest's duplicate check, linking a new article's names).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from app.store.models import (
    UNLINKED_SOURCE_TYPES,
    Article,
    ArticleParagraph,
    IngestionRun,
    Quote,
    Speaker,
    SpeakerAlias,
)
from nlp.records import DocumentRecord, QuoteRecord
from nlp.vocabulary.marks import FOLDED_FOR_MATCHING

# Curly, guillemet and prime quote marks all fold to nothing for matching: outlets restyle quotes.
QUOTE_MARKS = FOLDED_FOR_MATCHING
NON_WORD = re.compile(r"[^\w\s]+", re.UNICODE)
SPACES = re.compile(r"\s+")


class InvariantViolation(ValueError):
    """A quote whose text is not exactly article.text[start:end]; the article is refused whole."""


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
    speaker_kinds: Mapping[int, str] | None = None,
    pipeline_version: str | None = None,
) -> Article:
    """Add one article with its paragraphs and quotes; `speaker_ids` maps each quote's printed speaker
    name to its Speaker id (see linking.link_record_speakers), `speaker_kinds` a Speaker id to its kind.
    Quote families are linked afterwards.

    Group and unnamed sources are never given a speaker id (UNLINKED_SOURCE_TYPES). A quote whose
    record has a speaker but no `speaker_type` (a pipeline older than the field) takes the kind of the
    speaker it links to, as the migration that added the field did for stored quotes.

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
        people=[{"name": person.name, "titles": list(person.titles), "aliases": list(person.aliases)}
                for person in record.people],
        ingestion_run_id=ingestion_run_id,
        pipeline_version=pipeline_version,
    )
    session.add(article)
    session.flush()
    add_article_results(session, article=article, record=record, speaker_ids=speaker_ids,
                        speaker_kinds=speaker_kinds)
    return article


def add_article_results(
    session: Session, *, article: Article, record: DocumentRecord, speaker_ids: Mapping[str, int] | None = None,
    speaker_kinds: Mapping[int, str] | None = None,
) -> None:
    """Write the paragraph and quote rows of `record` for an article that has none (new, or its old results
    removed by remove_article_results). Each quote carries the article's publication date and outlet as they
    are now (a replaced article's are set before its new results are written)."""
    # Paragraphs and quotes go in as one executemany each, through Core: no per-row RETURNING round
    # trips and none of the ORM's per-object bookkeeping.
    if record.paragraphs:
        session.execute(insert(_table(ArticleParagraph)), [
            {"article_id": article.id, "position": position, "start": start, "end": end}
            for position, (start, end) in enumerate(record.paragraphs)
        ])
    speaker_ids = speaker_ids or {}
    if record.quotes:
        speaker_kinds = speaker_kinds or {}
        rows = []
        for quote in record.quotes:
            speaker_id = (None if quote.speaker_type in UNLINKED_SOURCE_TYPES
                          else speaker_ids.get(quote.speaker or ""))
            speaker_type = quote.speaker_type
            if speaker_type is None and speaker_id is not None:
                speaker_type = speaker_kinds.get(speaker_id)
            rows.append(_quote_values(quote, article_id=article.id, speaker_id=speaker_id,
                                      speaker_type=speaker_type)
                        | {"article_published_at": article.published_at, "article_outlet": article.outlet})
        session.execute(insert(_table(Quote)), rows)
    session.expire(article, ["quotes", "paragraph_rows"])  # loaded from the rows just written, when used


def remove_article_results(session: Session, *, article_id: int) -> set[int]:
    """Delete an article's quotes (their fingerprints go with them) and paragraph rows, keeping the article
    row and its id; returns the ids of the quote families that lost members, for the caller to refresh."""
    families = set(session.scalars(select(Quote.family_id).where(
        Quote.article_id == article_id, Quote.family_id.is_not(None))))
    session.execute(delete(Quote).where(Quote.article_id == article_id))
    session.execute(delete(ArticleParagraph).where(ArticleParagraph.article_id == article_id))
    session.expire_all()
    return {family_id for family_id in families if family_id is not None}


def check_quote_offsets(*, text: str, quote: QuoteRecord) -> None:
    if not (0 <= quote.start < quote.end <= len(text)) or text[quote.start:quote.end] != quote.text:
        raise InvariantViolation(
            f"quote at {quote.start}:{quote.end} does not match the article text "
            f"(expected {quote.text[:60]!r}, found {text[quote.start:quote.end][:60]!r})"
        )


def _table(model: type[ArticleParagraph] | type[Quote]) -> Table:
    # Declarative classes are typed as having any FromClause; these are plain tables.
    return cast(Table, model.__table__)


def _quote_values(quote: QuoteRecord, *, article_id: int, speaker_id: int | None,
                  speaker_type: str | None) -> dict[str, Any]:
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
        speaker_type=speaker_type,
        anonymous=bool(quote.anonymous),
        rule=quote.rule,
        # As the pipeline gave it: the `link` pass cleans it to role words (role_title) under the current rules.
        speaker_title=quote.speaker_title.strip()[:500] if quote.speaker_title else None,
    )


def start_ingestion_run(session: Session, *, sources: Sequence[str]) -> IngestionRun:
    run = IngestionRun(sources=list(sources), report=[])
    session.add(run)
    session.flush()
    return run


# --- reads the writes need -----------------------------------------------------------------------

def article_id_for_hash(session: Session, *, content_hash: str) -> int | None:
    """The stored article with this exact text, if any: an ingest's duplicate check."""
    return session.scalar(select(Article.id).where(Article.content_hash == content_hash))


def find_speakers_by_key(session: Session, *, key: str) -> list[Speaker]:
    """Speakers whose folded name (Speaker.key) or an alias's folded form equals `key`: an indexed look-up
    for linking a new article's names."""
    by_alias = select(SpeakerAlias.speaker_id).where(SpeakerAlias.key == key)
    statement = select(Speaker).where((Speaker.key == key) | Speaker.id.in_(by_alias)).order_by(Speaker.id)
    return list(session.scalars(statement))
