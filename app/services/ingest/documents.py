"""Store one processed article: new, or replacing the results an older pipeline version left; and the web's
one-document-at-a-time path ("add an article")."""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.services import linking
from app.services.ingest.runs import ItemOutcome, fill_run
from app.services.ingest.version import pipeline_version
from app.services.readers import SourceDocument
from app.store import repo
from app.store.models import Article, QuoteFamily
from nlp.records import DocumentRecord

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True, slots=True)
class AddResult:
    """What the web app's "add an article" gets back."""

    article_id: int
    duplicate: bool  # True: the same text was already stored, `article_id` is that article
    quote_count: int


def store_document(
    session: Session, *, document: SourceDocument, record: DocumentRecord, ingestion_run_id: int | None,
    version: str | None = None,
) -> Article:
    """Add one processed article, link its speakers and quote families. The caller commits or rolls back."""
    _check(document=document, record=record)
    speakers = linking.link_record_speakers(session, record=record)
    session.flush()
    article = repo.add_article(
        session,
        record=record,
        speaker_ids={name: speaker.id for name, speaker in speakers.items()},
        speaker_kinds={speaker.id: speaker.kind for speaker in speakers.values()},
        source_name=document.id,
        url=document.url,
        title=document.title,
        outlet=document.outlet,
        author=document.author,
        published_at=document.published,
        ingestion_run_id=ingestion_run_id,
        pipeline_version=version,
    )
    linking.link_article_families(session, article=article)
    return article


def replace_results(
    session: Session, *, article: Article, document: SourceDocument, record: DocumentRecord,
    ingestion_run_id: int | None, version: str,
) -> Article:
    """Give a stored article (same text) the results of another pipeline version; the caller commits.

    The article keeps its id (article links hold); its quotes are deleted and written again, so they get
    new ids, and the families they were in are refreshed (a family left empty is removed). Speaker counts
    are brought up to date by the `link` pass that closes the ingest.
    """
    _check(document=document, record=record)
    families = repo.remove_article_results(session, article_id=article.id)
    for family_id in sorted(families):
        family = session.get(QuoteFamily, family_id)
        if family is not None:
            linking.refresh_family(session, family=family)
            if family.member_count <= 1 or not family.members:
                for member in family.members:
                    member.family_id, member.family_diff, member.family_reason = None, None, None
                session.flush()
                session.execute(delete(QuoteFamily).where(QuoteFamily.id == family_id))
    speakers = linking.link_record_speakers(session, record=record)
    session.flush()
    article.source_name, article.url, article.title = document.id, document.url, document.title
    article.outlet, article.author, article.published_at = document.outlet, document.author, document.published
    article.paragraphs = [[start, end] for start, end in record.paragraphs]
    article.people = [{"name": person.name, "titles": list(person.titles), "aliases": list(person.aliases)}
                      for person in record.people]
    article.ingestion_run_id, article.pipeline_version = ingestion_run_id, version
    session.flush()
    repo.add_article_results(
        session, article=article, record=record,
        speaker_ids={name: speaker.id for name, speaker in speakers.items()},
        speaker_kinds={speaker.id: speaker.kind for speaker in speakers.values()},
    )
    linking.link_article_families(session, article=article)
    return article


def _check(*, document: SourceDocument, record: DocumentRecord) -> None:
    if record.text != document.text:
        raise ValueError("the pipeline changed the text it was given; offsets would not point into the article")
    for quote in record.quotes:  # refuse before linking touches any speaker
        repo.check_quote_offsets(text=record.text, quote=quote)


def add_document(
    session: Session, *, nlp: Language, document: SourceDocument, source_label: str = "web"
) -> AddResult:
    """Process and store one uploaded or pasted document for the web app; commits `session`.

    Returns the new article's id, or the existing one if this exact text is already stored. A document
    that cannot be stored raises (repo.InvariantViolation, a ValueError, for offsets that miss the text;
    the pipeline's own errors pass through) after a rollback: nothing is left half-written.
    """
    from nlp import extract

    digest = repo.content_hash(document.text)
    existing = repo.article_id_for_hash(session, content_hash=digest)
    if existing is not None:
        return AddResult(article_id=existing, duplicate=True, quote_count=0)
    record = extract(nlp, document.text, document.id)
    try:
        run = repo.start_ingestion_run(session, sources=[f"{source_label}: {document.source}"])
        article = store_document(session, document=document, record=record, ingestion_run_id=run.id,
                                 version=pipeline_version(nlp))
        # The identity rules for the speakers this article's names can affect (a few surnames), as the
        # `link` pass would decide them: a speaker page is right as soon as the article is added.
        linking.relink_collection(session, article_id=article.id)
        quote_count = len(record.quotes)
        fill_run(run, [ItemOutcome(document.source, "stored", article_id=article.id, quote_count=quote_count)])
        session.commit()
    except IntegrityError:
        session.rollback()  # stored by someone else a moment ago
        existing = repo.article_id_for_hash(session, content_hash=digest)
        if existing is None:
            raise
        return AddResult(article_id=existing, duplicate=True, quote_count=0)
    except Exception:
        session.rollback()
        raise
    return AddResult(article_id=article.id, duplicate=False, quote_count=quote_count)


@dataclass(frozen=True, slots=True)
class AddedDocuments:
    """What adding a few documents one request at a time gave: stored ids, how many were already there, why
    others were not stored."""

    article_ids: list[int]
    duplicates: int = 0
    failures: list[str] = field(default_factory=list)


class DocumentIngester:
    """The one pipeline for documents added one request at a time (the web's "add an article").

    Created with the app; the spaCy pipeline is loaded on the first document and kept. The lock keeps two
    requests from sharing the pipeline at once and keeps SQLite writers from queueing behind each other.
    """

    def __init__(self, *, session_factory: sessionmaker[Session], model: str, nlp: Language | None = None) -> None:
        self.session_factory = session_factory
        self.model = model
        self._nlp = nlp
        self._lock = threading.Lock()

    def pipeline(self) -> Language:
        """The pipeline, loaded now if this is the first use (call with the lock held)."""
        if self._nlp is None:
            from nlp import build_pipeline

            self._nlp = build_pipeline(self.model)
        return self._nlp

    def add(self, documents: Sequence[SourceDocument], *, source_label: str) -> AddedDocuments:
        """Process and store each document in its own transaction; one that cannot be stored is a failure
        with its reason, and the others go on."""
        article_ids: list[int] = []
        duplicates = 0
        failures: list[str] = []
        with self._lock:
            nlp = self.pipeline()
            for document in documents:
                with self.session_factory() as session:
                    try:
                        result = add_document(session, nlp=nlp, document=document, source_label=source_label)
                    except ValueError as error:
                        failures.append(f"{document.source}: {error}")
                        continue
                article_ids.append(result.article_id)
                duplicates += int(result.duplicate)
        return AddedDocuments(article_ids=article_ids, duplicates=duplicates, failures=failures)
