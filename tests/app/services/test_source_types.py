"""Storing and linking statements by kind of source: speaker_type, anonymous and rule are stored; people and
organisations link across articles; groups and unnamed sources never become one speaker."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from app.services.ingest import store_document
from app.services.linking.speakers import names_an_owner, speaker_kind
from app.services.readers import SourceDocument
from app.store.models import Quote, Speaker
from nlp.records import DocumentRecord
from tests.support.sourcing import ferry_record, port_record


def store(session, record: DocumentRecord) -> int:
    document = SourceDocument(source=record.id, id=record.id, text=record.text)
    article = store_document(session, document=document, record=record, ingestion_run_id=None)
    session.commit()
    return article.id


def quotes_of(session, article_id: int) -> dict[str, Quote]:
    rows = session.scalars(select(Quote).where(Quote.article_id == article_id).order_by(Quote.start))
    return {quote.text: quote for quote in rows}


def test_ingest_stores_type_anonymous_and_rule_of_every_statement(session):
    record = port_record()
    quotes = quotes_of(session, store(session, record))
    assert [(quote.speaker_type, quote.anonymous, quote.rule) for quote in quotes.values()] == [
        (item.speaker_type, item.anonymous, item.rule) for item in record.quotes]
    assert quotes["the cranes were idle"].anonymous is True
    assert quotes["Nobody knows when the ships return"].speaker_type is None


def test_groups_and_unnamed_sources_stay_on_their_quotes(session):
    quotes = quotes_of(session, store(session, port_record()))
    group, unnamed = quotes["the budget was already spent"], quotes["the cranes were idle"]
    assert group.speaker_id is None and unnamed.speaker_id is None
    # The description as the article wrote it is kept on the quote.
    assert group.speaker_name == "Officials"
    assert unnamed.speaker_name == "A spokesperson for the port authority"


def test_group_and_unnamed_sources_of_two_articles_are_not_one_speaker(session):
    store(session, port_record())
    store(session, ferry_record())
    names = set(session.scalars(select(Speaker.name)))
    assert not names & {"Officials", "A spokesperson for the port authority"}
    rows = session.scalars(select(Quote).where(Quote.speaker_type.in_(["group", "unnamed"]))).all()
    assert len(rows) == 4 and all(quote.speaker_id is None for quote in rows)


def test_organisations_link_across_articles_like_people(session):
    first = quotes_of(session, store(session, port_record()))["the water was safe"]
    second = quotes_of(session, store(session, ferry_record()))["the crossing was safe"]
    assert first.speaker_id is not None and first.speaker_id == second.speaker_id
    ministry = session.get_one(Speaker, first.speaker_id)
    assert (ministry.kind, ministry.is_person, ministry.quote_count) == ("organisation", False, 2)
    assert first.speaker_type == second.speaker_type == "organisation"


def test_a_document_links_to_its_named_owner_and_is_otherwise_its_own_source(session):
    quotes = quotes_of(session, store(session, port_record()))
    owned, person = quotes["the port would reopen"], quotes["the dredging would start in May"]
    assert owned.speaker_type == "document" and owned.speaker_id == person.speaker_id is not None
    assert session.get_one(Speaker, person.speaker_id).kind == "person"
    audit = quotes["the accounts were late"]
    assert (audit.speaker_type, audit.speaker_id, audit.speaker_name) == ("document", None, "The audit")


def test_a_record_without_types_links_as_before_and_takes_the_speaker_kind(session):
    untyped = port_record("untyped.txt")
    untyped = replace(untyped, quotes=[replace(quote, speaker_type=None, anonymous=False, rule=None)
                                       for quote in untyped.quotes])
    quotes = quotes_of(session, store(session, untyped))
    assert quotes["the dredging would start in May"].speaker_type == "person"
    assert quotes["the water was safe"].speaker_type == "organisation"
    assert quotes["Nobody knows when the ships return"].speaker_type is None


@pytest.mark.parametrize(("name", "types", "known_person", "kind"), [
    ("Dana Whitfield", {"person"}, True, "person"),
    ("Ministry of Health", {"organisation"}, False, "organisation"),
    ("Dana Whitfield", {"document"}, True, "person"),  # "her statement said": the owner
    ("Ministry of Health", {"document"}, False, "organisation"),  # "the ministry's report said"
    ("The audit", {"document"}, False, None),  # no owner: the document stays on its quotes
    ("his statement", {"document"}, False, None),
    ("Dana Whitfield", {None}, False, "person"),  # no type (an older pipeline): as before
    ("the Kremlin", {None}, False, "organisation"),
])
def test_what_a_source_name_links_to(name, types, known_person, kind):
    assert speaker_kind(name, types=types, known_person=known_person) == kind


@pytest.mark.parametrize(("name", "owner"), [
    ("Ministry of Health", True), ("the NTSB", True), ("the audit", False), ("His statement", False),
    ("This report", False), ("", False),
])
def test_a_document_source_names_an_owner_only_when_it_is_a_proper_name(name, owner):
    assert names_an_owner(name) is owner


def test_speakers_list_shows_the_kind(session, database_url):
    from click.testing import CliRunner

    from app.cli import cli

    store(session, port_record())
    listing = CliRunner().invoke(cli, ["speakers", "list"])
    assert listing.exit_code == 0, listing.output
    assert "Dana Whitfield  (person)" in listing.output and "Ministry of Health  (organisation)" in listing.output
    assert "Officials" not in listing.output


REAL_ARTICLE = (
    "Harbour Board chair Mikael Rauta said the dredging would start in May.\n\n"
    "\"We could not wait another winter,\" Rauta told reporters on Tuesday.\n\n"
    "The Ministry of Health said the water in the bay was safe to swim in.\n\n"
    "Officials said the budget for the project had already been spent, and a spokesperson for the port "
    "authority, who spoke on condition of anonymity, said the cranes had been idle for weeks."
)


def test_what_the_real_pipeline_says_about_each_source_is_stored(session, extract):
    record = extract(REAL_ARTICLE, "real.txt")
    assert record.quotes
    stored = {quote.start: quote for quote in quotes_of(session, store(session, record)).values()}
    for item in record.quotes:
        row = stored[item.start]
        assert (row.rule, row.anonymous, row.speaker_name) == (item.rule, item.anonymous, item.speaker)
        if item.speaker_type is not None:
            assert row.speaker_type == item.speaker_type
        elif row.speaker_id is not None:  # a pipeline that gives no type: the linked speaker's kind
            assert row.speaker_type == session.get_one(Speaker, row.speaker_id).kind
        if item.speaker_type in ("group", "unnamed"):
            assert row.speaker_id is None
    assert any(row.rule for row in stored.values())
