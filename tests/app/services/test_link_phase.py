"""The link phase: the same speakers, aliases and families whatever the order, the batches or a crash between them."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, func, select, update

from app.cli import cli
from app.services.ingest import store_document
from app.services.linking import find_speaker, merge_speakers, pending_articles, run_link_phase
from app.services.readers import SourceDocument, read_sources
from app.store import repo
from app.store.db import session_scope
from app.store.models import (
    Article,
    IngestionRun,
    Quote,
    QuoteFamily,
    QuoteFingerprint,
    QuoteMatch,
    Speaker,
    SpeakerAlias,
    SpeakerCorrection,
    SpeakerTitle,
)
from nlp.records import DocumentRecord

REPOSITORY = Path(__file__).resolve().parents[3]
IDENTITY = REPOSITORY / "evaluation" / "articles" / "identity"

# Copies of statements across articles, published in another order than listed: one family must start
# with the earliest publication whatever order they are stored and linked in; a negation stays apart.
COPIES = [
    {"id": "gamma", "published": "2019-03-03T09:00:00Z",
     "text": "DAMASCUS -- Bashar Assad said on Wednesday: \"We will not stop until every inch of our Syria is "
             "liberated.\"\n\nHe spoke to local officials."},
    {"id": "alpha", "published": "2019-03-01T09:00:00Z",
     "text": "\"We will not stop until every inch of Syria is liberated,\" Bashar al-Assad said on Monday.\n\n"
             "The speech was broadcast on state television."},
    {"id": "beta", "published": "2019-03-02T09:00:00Z",
     "text": "\u201cWe will not stop until every inch of Syria is liberated,\u201d Assad told officials in "
             "Damascus.\n\nDiplomats were not surprised."},
    {"id": "epsilon", "published": "2019-03-05T09:00:00Z",
     "text": "\"We will stop when every inch of Syria is liberated,\" a rebel commander, Abu Omar, said.\n\n"
             "The fighting continued."},
    {"id": "brief", "published": "2019-04-02T09:00:00Z",
     "text": "The mayor was brief. \"The river wall will be finished before the spring floods,\" Mayor Ana Lopes "
             "said.\n\nCouncillors applauded."},
    {"id": "full", "published": "2019-04-01T09:00:00Z",
     "text": "\"We have found the money, and the river wall will be finished before the spring floods arrive in "
             "March,\" Mayor Ana Lopes said.\n\nThe budget passed on Monday."},
    # One surname in two spellings (a chain the incremental scope must follow), stored apart.
    {"id": "spelling-1", "published": "2019-06-01T09:00:00Z",
     "text": "\"The grain corridor will stay open all winter,\" President Volodymyr Zelensky said on Monday.\n\n"
             "Shipping firms were relieved."},
    {"id": "spelling-2", "published": "2019-06-03T09:00:00Z",
     "text": "\"Our ports are working again and the ships are coming back,\" Zelenskyy said in his evening "
             "address.\n\nInsurers were cautious."},
    # Two copies published at the same minute: the earliest is decided by a key of the content.
    {"id": "same-time-1", "published": "2019-05-01T09:00:00Z",
     "text": "\"Every school in the county will have a nurse by September,\" Governor Ruth Adeyemi said.\n\n"
             "Unions welcomed it."},
    {"id": "same-time-2", "published": "2019-05-01T09:00:00Z",
     "text": "\"Every school in the county will have a nurse by September next year,\" Ruth Adeyemi said.\n\n"
             "Parents were sceptical."},
]


@pytest.fixture(scope="module")
def processed(pipeline, tmp_path_factory) -> list[tuple[SourceDocument, DocumentRecord]]:
    """The identity collection and the copies, each run through the real pipeline once."""
    from nlp import extract

    path = tmp_path_factory.mktemp("copies") / "copies.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in COPIES), encoding="utf-8")
    documents = [item for item in read_sources([*sorted(IDENTITY.glob("*.txt")), path])
                 if isinstance(item, SourceDocument)]
    assert len(documents) == 12 + len(COPIES)
    return [(document, extract(pipeline, document.text, document.id)) for document in documents]


def store(engine, items, *, provisional: bool = True) -> None:
    """Store as ingest does (with its provisional speakers and families), or rows alone (as a worker that
    leaves all linking to the phase would)."""
    for document, record in items:
        with session_scope(engine) as session:
            if provisional:
                store_document(session, document=document, record=record, ingestion_run_id=None)
            else:
                repo.add_article(session, record=record, source_name=document.id, title=document.title,
                                 published_at=document.published)


def clear(engine) -> None:
    with session_scope(engine) as session:
        session.execute(update(QuoteFamily).values(earliest_quote_id=None))
        for model in (QuoteMatch, QuoteFingerprint, SpeakerAlias, SpeakerTitle, SpeakerCorrection, Quote,
                      QuoteFamily, Speaker, Article, IngestionRun):
            session.execute(delete(model))


def without_ids(reason: str | None) -> str | None:
    # Reasons name the quote a match was made with by id; ids depend on the order rows were written in.
    return re.sub(r"quote \d+", "quote #", reason) if reason else reason


def dump(engine) -> dict:
    """Speakers, aliases, titles, each quote's speaker and family, in a form free of row ids."""
    with session_scope(engine) as session:
        key_of = {quote_id: (content_hash, start) for quote_id, content_hash, start in session.execute(
            select(Quote.id, Article.content_hash, Quote.start).join(Article))}
        speakers = {}
        for speaker in session.scalars(select(Speaker)):
            aliases = sorted((alias.alias, alias.key, alias.count, alias.pinned, alias.reason)
                             for alias in speaker.aliases)
            titles = sorted((title.title, title.count) for title in speaker.titles)
            speakers[speaker.id] = (speaker.name, speaker.key, speaker.kind, speaker.unresolved, speaker.quote_count,
                                    speaker.link_reason, tuple(aliases), tuple(titles))
        quotes = []
        members: dict[int, list] = {}
        for quote in session.scalars(select(Quote)):
            quotes.append((key_of[quote.id], speakers[quote.speaker_id][0] if quote.speaker_id else None,
                           without_ids(quote.family_reason), json.dumps(quote.family_diff, sort_keys=True)))
            if quote.family_id is not None:
                members.setdefault(quote.family_id, []).append(key_of[quote.id])
        families = sorted((tuple(sorted(members.get(family.id, []))), key_of.get(family.earliest_quote_id or 0),
                           family.member_count) for family in session.scalars(select(QuoteFamily)))
        return {"speakers": sorted(speakers.values()), "quotes": sorted(quotes), "families": families}


def test_orders_batches_and_a_crash_give_what_one_ingest_and_a_full_pass_give(engine, processed):
    store(engine, processed)
    full = run_link_phase(engine, full=True)
    assert full.articles == len(processed)
    reference = dump(engine)
    assert len(reference["families"]) >= 3
    syria = next(family for family in reference["families"] if len(family[0]) == 3)
    spelled = {quote[1] for quote in reference["quotes"] if quote[1] and "Zelensk" in quote[1]}
    assert len(spelled) == 1, spelled  # one speaker for both spellings
    alpha = next(document for document, _ in processed if document.id == "alpha")
    assert syria[1][0] == __import__("hashlib").sha256(alpha.text.encode()).hexdigest()  # earliest published
    # A second pass with nothing new does nothing, and says so.
    again = run_link_phase(engine)
    assert (again.articles, again.quotes_moved) == (0, 0) and "nothing to link" in again.render()
    assert dump(engine) == reference

    # Reversed, in batches of five with an incremental pass after each (scoped speakers, families).
    clear(engine)
    backwards = processed[::-1]
    for start in range(0, len(backwards), 5):
        store(engine, backwards[start:start + 5])
        run_link_phase(engine, batch_size=2)
    assert dump(engine) == reference

    # Interleaved, one ingest, a pass killed after its first batch, then resumed.
    clear(engine)
    store(engine, processed[1::2] + processed[0::2])

    def crash(batch: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_link_phase(engine, batch_size=3, after_batch=crash)
    with session_scope(engine) as session:
        assert len(pending_articles(session)) == len(processed) - 3  # the first batch stayed linked
    resumed = run_link_phase(engine, batch_size=3)
    assert resumed.articles == len(processed) - 3
    assert dump(engine) == reference

    # Rows stored with no link at all (every quote without speaker or family), two batches in another order.
    clear(engine)
    shuffled = processed[2::3] + processed[0::3] + processed[1::3]
    store(engine, shuffled[:9], provisional=False)
    run_link_phase(engine, batch_size=4)
    store(engine, shuffled[9:], provisional=False)
    run_link_phase(engine, batch_size=4)
    assert dump(engine) == reference


def test_a_users_merge_survives_new_articles_and_a_full_pass(engine, processed):
    first, later = processed[:6], processed[6:]
    store(engine, first)
    run_link_phase(engine)
    with session_scope(engine) as session:
        speakers = list(session.scalars(select(Speaker).where(Speaker.kind == "person").order_by(Speaker.id)))
        into, other = speakers[0], speakers[1]
        names = (into.name, other.name)
        merge_speakers(session, into=into, other=other)
    store(engine, later)
    assert run_link_phase(engine).articles == len(later)
    for full in (False, True):
        if full:
            run_link_phase(engine, full=True)
        with session_scope(engine) as session:
            assert find_speaker(session, reference=names[0]).id == find_speaker(session, reference=names[1]).id


def test_link_command_incremental_then_nothing_then_full(engine, processed, database_url):
    store(engine, processed[:4])
    runner = CliRunner()
    first = runner.invoke(cli, ["link"])
    assert first.exit_code == 0, first.output
    assert "linked: 4 article(s)" in first.output
    second = runner.invoke(cli, ["link"])
    assert second.exit_code == 0 and "nothing to link" in second.output
    full = runner.invoke(cli, ["link", "--full"])
    assert full.exit_code == 0 and "re-linked the whole collection: 4 article(s)" in full.output
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).where(Article.linked_at.is_(None))) == 0
