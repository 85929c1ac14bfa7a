"""The unit of work both engines run: read a chunk's articles, run the pipeline, store the results in one
transaction with one savepoint per article, and record every item's outcome in that same transaction.

Execution is at-least-once (a killed worker's chunk runs again), so every write is idempotent:
- a chunk whose transaction committed has ingestion_items rows, keyed by (run, chunk, position); a retry
  finds them and does nothing, and a second attempt racing the first fails on that key and then finds them;
- an article is keyed by its content hash and its results by (content hash, pipeline version): the same
  version is skipped, another version's results are replaced (documents.replace_results).
Writers take one lock for the write phase only (PostgreSQL: a transaction-scoped advisory lock; SQLite
serialises writers itself): per-article speaker and family linking then sees every article committed
before it, exactly as a one-process ingest does, and two workers never race to create the same speaker.
The pipeline, which is where the time goes, runs outside the lock.
"""
from __future__ import annotations

import random
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.services.ingest import runs
from app.services.ingest.chunks import Chunk, read_chunk
from app.services.ingest.documents import replace_results, store_document
from app.services.ingest.runs import ItemOutcome
from app.services.readers import ReadFailure, SourceDocument
from app.store import repo
from app.store.db import session_scope
from app.store.models import Article, IngestionRun
from nlp.records import DocumentRecord

if TYPE_CHECKING:
    from spacy.language import Language

# The advisory lock every chunk's write phase holds on PostgreSQL (an arbitrary constant, the same for
# every quotetrail process sharing the database).
WRITE_LOCK_KEY = 0x71756F7465  # "quote"
# A write phase that loses its connection or a lock race is tried again this many times (the pipeline's
# results are kept, only the writes are redone), after a short random pause.
WRITE_ATTEMPTS = 4
RETRY_PAUSE_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class ChunkReport:
    """What a worker sends back: diagnostics only (totals are counted from ingestion_items)."""

    chunk: int
    items: int
    already_recorded: bool
    read_seconds: float = 0.0
    pipeline_seconds: float = 0.0
    store_seconds: float = 0.0
    peak_rss_mib: float = 0.0  # the worker process's peak resident memory so far


@dataclass(slots=True)
class _Pending:
    document: SourceDocument
    digest: str
    record: DocumentRecord | None = None
    error: str | None = None


def process_chunk(
    chunk: Chunk, *, nlp: Language, engine: Engine, run_id: int, version: str, batch_size: int
) -> ChunkReport:
    """Run the unit of work on one chunk; safe to call again with the same chunk (see the module docstring)."""
    clock = time.perf_counter()
    with session_scope(engine) as session:
        if runs.chunk_recorded(session, run_id=run_id, chunk=chunk.number):
            return ChunkReport(chunk.number, 0, True)
        slots = _read(session, chunk, version=version, run_id=run_id)
    read_seconds = time.perf_counter() - clock

    clock = time.perf_counter()
    pending = [slot for slot in slots if isinstance(slot, _Pending)]
    if pending:
        # Strings the pipeline adds for these texts are dropped when the zone closes, so a long-lived
        # worker's vocabulary does not grow with every article it has seen; records are plain data.
        with nlp.memory_zone():
            for slot, result in zip(pending, _extract(nlp, pending, batch_size=batch_size), strict=True):
                if isinstance(result, Exception):
                    slot.error = f"pipeline error: {_describe(result)}"
                else:
                    slot.record = result
    pipeline_seconds = time.perf_counter() - clock

    clock = time.perf_counter()
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with session_scope(engine) as session:
                _take_write_lock(session, run_id=run_id)
                if runs.chunk_recorded(session, run_id=run_id, chunk=chunk.number):
                    return ChunkReport(chunk.number, 0, True)
                outcomes = [slot if isinstance(slot, ItemOutcome) else
                            _write(session, slot, run_id=run_id, version=version) for slot in slots]
                runs.record_items(session, run_id=run_id, chunk=chunk.number, outcomes=outcomes)
            break
        except OperationalError:
            if attempt == WRITE_ATTEMPTS:
                raise  # the executor retries the whole chunk
            time.sleep(random.uniform(0, RETRY_PAUSE_SECONDS * attempt))
    return ChunkReport(chunk.number, len(slots), False, read_seconds=read_seconds,
                       pipeline_seconds=pipeline_seconds, store_seconds=time.perf_counter() - clock,
                       peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _read(session: Session, chunk: Chunk, *, version: str, run_id: int) -> list[ItemOutcome | _Pending]:
    """Each item of the chunk: decided already (a read failure, a duplicate) or waiting for the pipeline."""
    items = list(read_chunk(chunk))
    digests = {repo.content_hash(item.text) for item in items if isinstance(item, SourceDocument)}
    stored = {row.content_hash: row for row in session.execute(
        select(Article.content_hash, Article.id, Article.pipeline_version, Article.ingestion_run_id,
               Article.source_name).where(Article.content_hash.in_(digests)))} if digests else {}
    first_seen: dict[str, str] = {}
    slots: list[ItemOutcome | _Pending] = []
    for item in items:
        if isinstance(item, ReadFailure):
            slots.append(ItemOutcome(item.source, "failed", reason=item.reason))
            continue
        digest = repo.content_hash(item.text)
        row = stored.get(digest)
        if digest in first_seen:
            slots.append(ItemOutcome(item.source, "duplicate", reason=f"same text as {first_seen[digest]} in this run"))
        elif row is not None and row.pipeline_version == version:
            slots.append(_duplicate(item.source, article_id=row.id, run_id=row.ingestion_run_id,
                                    source_name=row.source_name, this_run=run_id))
        else:
            first_seen[digest] = item.source
            slots.append(_Pending(item, digest))
    return slots


def _duplicate(source: str, *, article_id: int, run_id: int | None, source_name: str | None,
               this_run: int) -> ItemOutcome:
    reason = f"same text as {source_name} in this run" if run_id == this_run else "same text already stored"
    return ItemOutcome(source, "duplicate", reason=reason, article_id=article_id)


def _extract(nlp: Language, pending: list[_Pending], *, batch_size: int) -> Iterator[DocumentRecord | Exception]:
    """A record (or the exception it raised) per pending document, in order; a failing batch is redone
    one document at a time so only the bad document is lost."""
    from nlp import extract, extract_many

    done = 0
    try:
        for record in extract_many(nlp, ((slot.document.id, slot.document.text) for slot in pending),
                                   batch_size=batch_size):
            yield record
            done += 1
        return
    except Exception:  # the one-by-one pass below reports the failing document
        pass
    for slot in pending[done:]:
        try:
            yield extract(nlp, slot.document.text, slot.document.id)
        except Exception as error:
            yield error


def _take_write_lock(session: Session, *, run_id: int) -> None:
    """Serialise writers for this transaction: PostgreSQL's advisory lock; on SQLite a first write takes the
    database's write lock at once (waiting out the busy timeout), before any read could pin a stale snapshot."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
    else:
        session.execute(update(IngestionRun).where(IngestionRun.id == run_id).values(id=IngestionRun.id))


def _write(session: Session, slot: _Pending, *, run_id: int, version: str) -> ItemOutcome:
    """Store one article inside its own savepoint: a failure costs this article only, with its reason."""
    source = slot.document.source
    if slot.record is None:
        return ItemOutcome(source, "failed", reason=slot.error or "pipeline error")
    try:
        with session.begin_nested():
            row = session.scalars(select(Article).where(Article.content_hash == slot.digest)).one_or_none()
            if row is not None and row.pipeline_version == version:  # stored by another chunk meanwhile
                return _duplicate(source, article_id=row.id, run_id=row.ingestion_run_id,
                                  source_name=row.source_name, this_run=run_id)
            if row is None:
                article = store_document(session, document=slot.document, record=slot.record,
                                         ingestion_run_id=run_id, version=version)
                reason = None
            else:
                old = row.pipeline_version or "a pipeline from before versions were kept"
                article = replace_results(session, article=row, document=slot.document, record=slot.record,
                                          ingestion_run_id=run_id, version=version)
                reason = f"results of {old} replaced"
            return ItemOutcome(source, "stored", reason=reason, article_id=article.id,
                               quote_count=len(slot.record.quotes))
    except OperationalError:
        raise  # the connection or the lock, not this article: the whole write phase is retried
    except Exception as error:
        return ItemOutcome(source, "failed", reason=f"not stored: {_describe(error)}")


def _describe(error: Exception) -> str:
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
