"""Ingest articles: read files, run the pipeline in batches, store each article with its quotes in one transaction."""
from __future__ import annotations

import itertools
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.services import linking
from app.services.readers import (
    DEFAULT_SUFFIXES,
    NothingToRead,
    ReadFailure,
    SourceDocument,
    count_items,
    path_problems,
    read_sources,
)
from app.store import repo
from app.store.db import make_session_factory, session_scope
from app.store.models import Article, IngestionRun, utcnow
from nlp.records import DocumentRecord

if TYPE_CHECKING:
    from spacy.language import Language

# Documents handed to one nlp.extract_many call: several batches per worker keeps every process busy,
# and a pipeline error costs at most this many documents a second, one-by-one pass.
CHUNK_BATCHES_PER_WORKER = 4
# The run's counts in ingestion_runs are brought up to date after this many items, and its per-item
# report after REPORT_UPDATE_EVERY (rewriting a long report often would cost more than the ingest), so
# a crash leaves a record of nearly everything before it.
RUN_UPDATE_EVERY = 200
REPORT_UPDATE_EVERY = 5000
# How many failures the summary lists; the run's report keeps them all.
SUMMARY_FAILURES_SHOWN = 50


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    source: str
    outcome: str  # "stored" | "duplicate" | "failed"
    reason: str | None = None
    article_id: int | None = None
    quote_count: int = 0

    def to_json(self) -> dict[str, str | int]:
        data: dict[str, str | int] = {"source": self.source, "outcome": self.outcome}
        if self.reason:
            data["reason"] = self.reason
        if self.article_id is not None:
            data["article_id"] = self.article_id
        if self.outcome == "stored":
            data["quotes"] = self.quote_count
        return data


@dataclass(slots=True)
class IngestSummary:
    run_id: int
    outcomes: list[ItemOutcome] = field(default_factory=list)
    seconds: float = 0.0
    # Where the time went: reading and de-duplicating, waiting for the pipeline, storing and linking.
    read_seconds: float = 0.0
    pipeline_seconds: float = 0.0
    store_seconds: float = 0.0

    def count(self, outcome: str) -> int:
        return sum(1 for item in self.outcomes if item.outcome == outcome)

    @property
    def quote_count(self) -> int:
        return sum(item.quote_count for item in self.outcomes)

    @property
    def failures(self) -> list[ItemOutcome]:
        return [item for item in self.outcomes if item.outcome == "failed"]

    def render(self) -> str:
        """The human summary `quotetrail ingest` prints at the end."""
        rate = len(self.outcomes) / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"ingestion run {self.run_id}: read {len(self.outcomes)} item(s) in {self.seconds:.1f} s ({rate:.1f}/s)",
            f"  stored     {self.count('stored')} article(s) with {self.quote_count} quote(s)",
            f"  duplicates {self.count('duplicate')} (already stored; nothing written)",
            f"  failed     {self.count('failed')}",
            f"  time       pipeline {self.pipeline_seconds:.1f} s, store and linking {self.store_seconds:.1f} s, "
            f"reading {self.read_seconds:.1f} s",
        ]
        for item in self.failures[:SUMMARY_FAILURES_SHOWN]:
            lines.append(f"    {item.source}: {item.reason}")
        hidden = len(self.failures) - SUMMARY_FAILURES_SHOWN
        if hidden > 0:
            lines.append(f"    ... and {hidden} more (see ingestion run {self.run_id})")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What the web app's "add an article" gets back."""

    article_id: int
    duplicate: bool  # True: the same text was already stored, `article_id` is that article
    quote_count: int


def store_document(
    session: Session, *, document: SourceDocument, record: DocumentRecord, ingestion_run_id: int | None
) -> Article:
    """Add one processed article, link its speakers and quote families. The caller commits or rolls back."""
    if record.text != document.text:
        raise ValueError("the pipeline changed the text it was given; offsets would not point into the article")
    for quote in record.quotes:  # refuse before linking touches any speaker
        repo.check_quote_offsets(text=record.text, quote=quote)
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
    )
    linking.link_article_families(session, article=article)
    return article


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
        article = store_document(session, document=document, record=record, ingestion_run_id=run.id)
        # The link phase for this article (the speakers its names can affect, its families), in this
        # transaction: its pages are right as soon as it is added, as `quotetrail link` would make them.
        linking.link_articles(session, article_ids=[article.id])
        quote_count = len(record.quotes)
        outcome = ItemOutcome(document.source, "stored", article_id=article.id, quote_count=quote_count)
        _finish_run(run, [outcome])
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


def run_ingest(
    paths: Sequence[str | Path],
    *,
    engine: Engine,
    nlp: Language | None = None,
    model: str = "auto",
    workers: int = 1,
    batch_size: int = 32,
    progress: bool = True,
    progress_stream: TextIO | None = None,
    suffixes: Iterable[str] = DEFAULT_SUFFIXES,
) -> IngestSummary:
    """Ingest every article under `paths`: one transaction per article, a bad item never stops the rest.

    Duplicates (by content hash) are skipped before the pipeline runs; the run and each item's
    outcome are recorded in ingestion_runs. Raises NothingToRead, before any run is recorded or the
    pipeline is loaded, when not one of `paths` can give an article (a run that read nothing is no run).
    """
    from tqdm import tqdm

    from nlp import build_pipeline, loaded_model_name

    started = time.perf_counter()
    suffixes = tuple(suffixes)
    problems = path_problems(paths, suffixes=suffixes)
    if len(problems) == len(paths):
        raise NothingToRead(problems)
    if nlp is None:
        nlp = build_pipeline(model)
        (progress_stream or sys.stderr).write(f"quotetrail: using spaCy pipeline {loaded_model_name(nlp)}\n")
    # The run is recorded once the pipeline is there: an ingest refused for its model records nothing.
    with session_scope(engine) as session:
        run_id = repo.start_ingestion_run(session, sources=[str(path) for path in paths]).id
    summary = IngestSummary(run_id=run_id)
    bar = tqdm(
        total=count_items(paths, suffixes=suffixes), unit="article", desc="ingest", disable=not progress,
        file=progress_stream or sys.stderr, dynamic_ncols=True,
    )
    session_factory = make_session_factory(engine)

    tally = {"stored": 0, "duplicate": 0, "failed": 0}

    def record(outcome: ItemOutcome) -> None:
        summary.outcomes.append(outcome)
        tally[outcome.outcome] += 1
        bar.set_postfix(tally, refresh=False)
        bar.update(1)
        if len(summary.outcomes) % RUN_UPDATE_EVERY == 0:
            _save_run(engine, run_id=run_id, outcomes=summary.outcomes, finished=False,
                      with_report=len(summary.outcomes) % REPORT_UPDATE_EVERY == 0)

    pending: dict[str, SourceDocument] = {}
    documents = _new_documents(paths, suffixes=suffixes, session_factory=session_factory, pending=pending,
                               record=record)
    chunk_size = batch_size * max(1, workers) * CHUNK_BATCHES_PER_WORKER
    try:
        while True:
            clock = time.perf_counter()
            chunk = list(itertools.islice(documents, chunk_size))
            summary.read_seconds += time.perf_counter() - clock
            if not chunk:
                break
            results = _extract_chunk(nlp, chunk, batch_size=batch_size, workers=workers)
            while True:
                clock = time.perf_counter()
                extracted = next(results, None)
                summary.pipeline_seconds += time.perf_counter() - clock
                if extracted is None:
                    break
                key, result = extracted
                document = pending.pop(key)
                if isinstance(result, Exception):
                    record(ItemOutcome(document.source, "failed", reason=f"pipeline error: {_describe(result)}"))
                    continue
                clock = time.perf_counter()
                outcome = _store(engine, document=document, record=result, run_id=run_id)
                summary.store_seconds += time.perf_counter() - clock
                record(outcome)
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started
        _save_run(engine, run_id=run_id, outcomes=summary.outcomes, finished=True)
    return summary


def _new_documents(
    paths: Sequence[str | Path], *, suffixes: tuple[str, ...], session_factory: sessionmaker[Session],
    pending: dict[str, SourceDocument], record: Callable[[ItemOutcome], None],
) -> Iterator[tuple[str, str]]:
    """(key, text) for each readable article not stored yet; failures and duplicates are recorded on the way."""
    seen: dict[str, str] = {}
    with session_factory() as session:
        for number, item in enumerate(read_sources(paths, suffixes=suffixes)):
            if isinstance(item, ReadFailure):
                record(ItemOutcome(item.source, "failed", reason=item.reason))
                continue
            digest = repo.content_hash(item.text)
            existing = repo.article_id_for_hash(session, content_hash=digest)
            session.rollback()  # end the read transaction: a long-lived snapshot would hide new commits
            if existing is not None:
                record(ItemOutcome(item.source, "duplicate", reason="same text already stored", article_id=existing))
            elif digest in seen:
                record(ItemOutcome(item.source, "duplicate", reason=f"same text as {seen[digest]} in this run"))
            else:
                seen[digest] = item.source
                key = str(number)
                pending[key] = item
                yield key, item.text


def _extract_chunk(
    nlp: Language, chunk: list[tuple[str, str]], *, batch_size: int, workers: int
) -> Iterator[tuple[str, DocumentRecord | Exception]]:
    """Yield (key, DocumentRecord or the exception it raised) for every document of the chunk, in order."""
    from nlp import extract, extract_many

    done = 0
    try:
        for record in extract_many(nlp, chunk, batch_size=batch_size, workers=workers):
            yield record.id, record
            done += 1
        return
    except Exception:  # a batch failed: redo the rest one by one so only the bad document is lost
        pass
    for key, text in chunk[done:]:
        try:
            yield key, extract(nlp, text, key)
        except Exception as error:
            yield key, error


def _store(engine: Engine, *, document: SourceDocument, record: DocumentRecord, run_id: int) -> ItemOutcome:
    try:
        with session_scope(engine) as session:
            article = store_document(session, document=document, record=record, ingestion_run_id=run_id)
            article_id = article.id
    except IntegrityError:
        with session_scope(engine) as session:
            existing = repo.article_id_for_hash(session, content_hash=repo.content_hash(document.text))
        if existing is not None:  # another process stored the same text meanwhile
            return ItemOutcome(document.source, "duplicate", reason="same text already stored", article_id=existing)
        return ItemOutcome(document.source, "failed", reason="database integrity error while storing")
    except Exception as error:
        return ItemOutcome(document.source, "failed", reason=f"not stored: {_describe(error)}")
    return ItemOutcome(document.source, "stored", article_id=article_id, quote_count=len(record.quotes))


def _describe(error: Exception) -> str:
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _finish_run(run: IngestionRun, outcomes: list[ItemOutcome], *, finished: bool = True,
                with_report: bool = True) -> None:
    run.read_count = len(outcomes)
    run.stored_count = sum(1 for item in outcomes if item.outcome == "stored")
    run.duplicate_count = sum(1 for item in outcomes if item.outcome == "duplicate")
    run.failed_count = sum(1 for item in outcomes if item.outcome == "failed")
    if with_report:
        run.report = [item.to_json() for item in outcomes]
    if finished:
        run.finished_at = utcnow()


def _save_run(engine: Engine, *, run_id: int, outcomes: list[ItemOutcome], finished: bool,
              with_report: bool = True) -> None:
    with session_scope(engine) as session:
        run = session.get(IngestionRun, run_id)
        if run is not None:
            _finish_run(run, outcomes, finished=finished, with_report=with_report or finished)
