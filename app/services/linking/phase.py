"""The link phase: link the articles stored since the last pass (or, with `full`, all) in resumable batches.

Why a phase of its own rather than linking inside each ingest transaction: who a name belongs to and
which quotes are one statement are questions about the whole collection. Answered at ingest they depend
on what was stored before (arrival order), and with several writers on what the others had committed
at that instant; concurrent upserts under unique keys would keep rows unique but not the answers right
(a surname stays unresolved or not depending on which full name arrived first). The phase answers them
from what the store holds, after the writes, in one process: the same articles give the same speakers,
aliases and families whatever the number of workers or the order their chunks finished in.

What it costs: a pass after every ingest, and a new article re-reads every speaker its names can
affect (all quotes of the speakers sharing a surname's first three letters, see
relink._scope_of_articles) and every stored quote sharing its fingerprints. Until it runs, a new
article has the provisional speakers and families ingest gave it.

Progress is a marker per article (Article.linked_at), set in the transaction that links the batch, so
a killed pass resumes where it stopped and a pass with nothing new does nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from app.services.linking.families import _chunks, link_families
from app.services.linking.relink import relink_collection
from app.store.db import session_scope
from app.store.models import Article, Quote, utcnow

# Articles linked per transaction: big enough that the scoped speaker pass is shared by many articles
# (their surnames overlap), small enough that a crash loses little and locks are held briefly.
LINK_BATCH_ARTICLES = 500
# With more than this share of the collection pending (a first pass, an upgrade), one whole-collection
# speaker pass is cheaper than scoped ones batch after batch; the result is the same.
WHOLE_PASS_SHARE = 0.5


@dataclass(slots=True)
class LinkPhaseReport:
    """What one `link` pass did."""

    full: bool = False
    articles: int = 0  # articles linked
    batches: int = 0
    quotes_moved: int = 0  # quotes whose speaker changed
    families: int = 0  # families written (new or re-decided)
    speakers: int | None = None  # speakers after a whole-collection speaker pass

    def render(self) -> str:
        if not self.articles and not self.full:
            return "link: nothing to link (every article is linked)"
        what = "re-linked the whole collection" if self.full else "linked"
        speakers = f", {self.speakers} speaker(s)" if self.speakers is not None else ""
        return (f"link: {what}: {self.articles} article(s) in {self.batches} batch(es), "
                f"{self.quotes_moved} quote(s) moved to another speaker{speakers}, {self.families} family(ies) "
                f"re-decided")


def link_articles(session: Session, *, article_ids: list[int], speakers: bool = True,
                  moved: frozenset[int] = frozenset()) -> tuple[int, int]:
    """Link these articles' speakers (and every speaker their names can affect) and families, and mark them
    linked. The caller commits. Returns (quotes moved, families written).

    `speakers=False` when a whole-collection speaker pass has already run, `moved` the quotes it moved
    (only families remain).
    """
    if not article_ids:
        return 0, 0
    if speakers:
        moved = relink_collection(session, article_ids=article_ids).moved_ids
    # A short quote joins a family only with its own speaker's: a quote that changed speaker is matched again.
    changed = set(moved)
    for chunk in _chunks(article_ids):
        changed |= set(session.scalars(select(Quote.id).where(Quote.article_id.in_(chunk))))
    families = link_families(session, quote_ids=changed)
    for chunk in _chunks(article_ids):
        session.execute(update(Article).where(Article.id.in_(chunk)).values(linked_at=utcnow()))
    return len(moved), families


def pending_articles(session: Session, *, limit: int | None = None) -> list[int]:
    """Ids of the articles the link phase has not linked, oldest first."""
    statement = select(Article.id).where(Article.linked_at.is_(None)).order_by(Article.id)
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.scalars(statement))


def run_link_phase(engine: Engine, *, full: bool = False, batch_size: int = LINK_BATCH_ARTICLES,
                   after_batch: Callable[[int], None] | None = None) -> LinkPhaseReport:
    """Link what changed since the last pass, one committed batch at a time; `full` re-links everything.

    A full pass marks every article pending and re-links every speaker in one transaction, then
    decides families batch by batch: if it is stopped there, the next `link` finishes it. `after_batch`
    is called with the batch's number after each commit (progress; tests stop a pass there).
    """
    report = LinkPhaseReport(full=full)
    with session_scope(engine) as session:
        if full:
            session.execute(update(Article).values(linked_at=None))
        pending = session.scalar(select(func.count()).where(Article.linked_at.is_(None))) or 0
        total = session.scalar(select(func.count()).select_from(Article)) or 0
    if not pending:
        return report
    whole = full or (pending > batch_size and pending > WHOLE_PASS_SHARE * total)
    if full:
        # Every article is pending again (committed above), so every quote the pass moves is matched
        # again by a later batch, even after a crash.
        with session_scope(engine) as session:
            relinked = relink_collection(session)
            report.speakers = relinked.speakers
            report.quotes_moved += relinked.quotes_moved
    while True:
        with session_scope(engine) as session:
            batch = pending_articles(session, limit=batch_size)
            if not batch:
                break
            moved = 0
            if whole and not full and report.batches == 0:
                # Quotes of linked articles the pass moves are matched again in the same transaction.
                relinked = relink_collection(session)
                report.speakers = relinked.speakers
                moved = relinked.quotes_moved
                _, families = link_articles(session, article_ids=batch, speakers=False, moved=relinked.moved_ids)
            else:
                moved, families = link_articles(session, article_ids=batch, speakers=not whole)
        report.articles += len(batch)
        report.batches += 1
        report.quotes_moved += moved
        report.families += families
        if after_batch is not None:
            after_batch(report.batches)
    return report
