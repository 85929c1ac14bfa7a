"""Run bookkeeping: each item's outcome as a row of ingestion_items, and the run's totals counted from those rows."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.store import repo
from app.store.db import session_scope
from app.store.models import IngestionItem, IngestionRun, utcnow

# How many failures the summary lists; the run's report keeps them all.
SUMMARY_FAILURES_SHOWN = 50
OUTCOMES = ("stored", "duplicate", "failed")


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
    """What `quotetrail ingest` prints: the outcomes as the database holds them, and where the time went."""

    run_id: int
    outcomes: list[ItemOutcome] = field(default_factory=list)
    seconds: float = 0.0
    # Reading and de-duplicating, the pipeline, storing and linking: summed over chunks as workers report
    # them (diagnostics only; a retried chunk's time counts twice, its articles once).
    read_seconds: float = 0.0
    pipeline_seconds: float = 0.0
    store_seconds: float = 0.0
    engine: str = "local"
    worker_peak_rss_mib: float = 0.0  # the largest peak resident memory a worker reported
    startup_seconds: float = 0.0  # of `seconds`, starting the engine's workers (Ray: actors loading pipelines)

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
            f"reading {self.read_seconds:.1f} s (summed over {self.engine} workers)",
        ]
        for item in self.failures[:SUMMARY_FAILURES_SHOWN]:
            lines.append(f"    {item.source}: {item.reason}")
        hidden = len(self.failures) - SUMMARY_FAILURES_SHOWN
        if hidden > 0:
            lines.append(f"    ... and {hidden} more (see ingestion run {self.run_id})")
        return "\n".join(lines)


def start_run(engine: Engine, *, sources: list[str]) -> int:
    with session_scope(engine) as session:
        return repo.start_ingestion_run(session, sources=sources).id


def chunk_recorded(session: Session, *, run_id: int, chunk: int) -> bool:
    """Whether this chunk's transaction already committed (a retry of a finished chunk does nothing)."""
    return session.scalar(select(IngestionItem.id).where(
        IngestionItem.run_id == run_id, IngestionItem.chunk == chunk).limit(1)) is not None


def record_items(session: Session, *, run_id: int, chunk: int, outcomes: list[ItemOutcome]) -> None:
    """Add the chunk's outcomes to the caller's transaction (the one that stored its articles)."""
    session.add_all(IngestionItem(
        run_id=run_id, chunk=chunk, position=position, source=item.source[:1000], outcome=item.outcome,
        reason=item.reason, article_id=item.article_id, quote_count=item.quote_count,
    ) for position, item in enumerate(outcomes))


def counted(engine: Engine, *, run_id: int) -> dict[str, int]:
    """Items recorded so far for the run, by outcome: what progress shows."""
    with session_scope(engine) as session:
        rows = session.execute(select(IngestionItem.outcome, func.count()).where(
            IngestionItem.run_id == run_id).group_by(IngestionItem.outcome))
        found = {outcome: 0 for outcome in OUTCOMES}
        found.update({outcome: count for outcome, count in rows})
        return found


def recorded_outcomes(session: Session, *, run_id: int) -> list[ItemOutcome]:
    """Every recorded outcome of the run, in reading order (chunk by chunk)."""
    rows = session.scalars(select(IngestionItem).where(IngestionItem.run_id == run_id)
                           .order_by(IngestionItem.chunk, IngestionItem.position))
    return [ItemOutcome(row.source, row.outcome, reason=row.reason, article_id=row.article_id,
                        quote_count=row.quote_count or 0) for row in rows]


def save_counts(engine: Engine, *, run_id: int) -> None:
    """Bring the run's counts up to date from its items, so a run that dies keeps a record of its progress."""
    counts = counted(engine, run_id=run_id)
    with session_scope(engine) as session:
        run = session.get(IngestionRun, run_id)
        if run is not None:
            run.read_count = sum(counts.values())
            run.stored_count, run.duplicate_count, run.failed_count = (counts[name] for name in OUTCOMES)


def finish_run(engine: Engine, *, run_id: int) -> list[ItemOutcome]:
    """Close the run: counts and the per-item report from its items; returns the outcomes."""
    with session_scope(engine) as session:
        outcomes = recorded_outcomes(session, run_id=run_id)
        run = session.get(IngestionRun, run_id)
        if run is not None:
            fill_run(run, outcomes)
        return outcomes


def fill_run(run: IngestionRun, outcomes: list[ItemOutcome]) -> None:
    run.read_count = len(outcomes)
    run.stored_count = sum(1 for item in outcomes if item.outcome == "stored")
    run.duplicate_count = sum(1 for item in outcomes if item.outcome == "duplicate")
    run.failed_count = sum(1 for item in outcomes if item.outcome == "failed")
    run.report = [item.to_json() for item in outcomes]
    run.finished_at = utcnow()
