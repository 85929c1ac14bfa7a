"""Kinds of source on the pages: the article page's legend and sourcing summary, statement cards, the quote page,
the speaker pages, and their JSON twins, over articles stored from records with every kind of source."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.services.ingest import store_document
from app.services.readers import SourceDocument
from app.settings import Settings
from app.store.db import create_database_engine, session_scope
from app.store.models import Quote
from app.web.contexts import SOURCE_TYPE_LABELS
from tests.app.web.conftest import in_process_client
from tests.support.sourcing import PORT_SOURCES, ferry_record, port_record


@pytest.fixture
def sourced(database_url) -> Iterator[tuple[object, dict[str, int]]]:
    """(client, {statement text: quote id}) over the port and ferry articles, on SQLite and PostgreSQL."""
    from app.web.main import create_app

    engine = create_database_engine(database_url)
    ids: dict[str, int] = {}
    with session_scope(engine) as session:
        for record in (port_record(), ferry_record()):
            document = SourceDocument(source=record.id, id=record.id, text=record.text, title=record.id)
            store_document(session, document=document, record=record, ingestion_run_id=None)
        session.flush()
        ids = {quote.text: quote.id for quote in session.scalars(select(Quote))}
        ids["article"] = session.scalars(select(Quote.article_id).where(Quote.text == PORT_SOURCES[0].content)).one()
    app = create_app(Settings(database_url=database_url), engine=engine)
    with in_process_client(app) as client:
        yield client, ids
    engine.dispose()


def test_article_legend_tells_every_kind_of_source_apart_in_words(sourced, parse):
    client, ids = sourced
    tree = parse(client.get(f"/articles/{ids['article']}"))
    labels = {node.css_first("a, span:not(.swatch):not(.count)").text(): node.css_first(".stype").text()
              for node in tree.css(".legend-list li")}
    assert labels == {
        "Dana Whitfield": "person", "Ministry of Health": "organisation", "Officials": "group",
        "A spokesperson for the port authority": "unnamed", "The audit": "document", "Unattributed": "no source",
    }
    anonymous = [node.css_first("span:not(.swatch)").text() for node in tree.css(".legend-list li")
                 if node.css_first(".anon")]
    assert anonymous == ["A spokesperson for the port authority"]
    # The key explains each kind and the anonymous flag, in words.
    key = {node.attributes["data-type"]: node.css_first("span").text() for node in tree.css(".source-key li")}
    assert key == {**{kind: label for kind, (label, _) in SOURCE_TYPE_LABELS.items()}, "anonymous": "anonymous"}


def test_article_page_counts_statements_per_kind_of_source_and_anonymous_ones(sourced, parse):
    client, ids = sourced
    tree = parse(client.get(f"/articles/{ids['article']}"))
    counts = {node.attributes["data-type"]: int(node.css_first("dd").text())
              for node in tree.css(".sourcing-counts > div")}
    assert counts == {"person": 1, "organisation": 1, "group": 1, "unnamed": 1, "document": 2,
                      "unattributed": 1, "anonymous": 1}
    assert tree.css_first(".sourcing-line .anonymous-count").attributes["data-count"] == "1"
    line = " ".join(tree.css_first(".sourcing-line").text().split())
    assert line == ("Statements by kind of source: people 1, organisations 1, groups 1, unnamed sources 1, "
                    "documents 2, no source 1. 1 rests on an anonymous source.")
    data = client.get(f"/articles/{ids['article']}.json").json()
    assert data["sourcing"]["anonymous"] == 1 and data["sourcing"]["unattributed"] == 1
    assert {item["type"]: item["count"] for item in data["sourcing"]["by_type"]} == {
        "person": 1, "organisation": 1, "group": 1, "unnamed": 1, "document": 2}
    assert [entry["type"] for entry in data["source_types"]] == [*SOURCE_TYPE_LABELS, "anonymous"]


def test_statement_cards_show_type_anonymous_flag_and_rule_beside_the_reason(sourced, parse):
    client, ids = sourced
    tree = parse(client.get(f"/articles/{ids['article']}"))
    data = client.get(f"/articles/{ids['article']}.json").json()
    by_text = {item["text"]: item for item in data["statements"]}
    for source in PORT_SOURCES:
        item = by_text[source.content]
        assert (item["speaker_type"], item["anonymous"], item["rule"]) == (
            source.speaker_type, source.anonymous, source.rule)
        card = tree.css_first(f"#s-{item['id']}")
        assert card.css_first("dd.reason") is not None
        shown_rule = card.css_first("dd.rule code")
        assert (shown_rule.text() if shown_rule else None) == source.rule
        source_text = card.css_first("dd.source-type").text()
        if source.speaker is None or source.speaker_type is None:
            assert source_text == "none"
        else:
            assert source_text.startswith(SOURCE_TYPE_LABELS[source.speaker_type][0])
            assert ("anonymous" in source_text) is source.anonymous
    # The group and the unnamed source have no speaker page: they are not speakers across articles.
    assert by_text["the budget was already spent"]["speaker"] is None
    assert by_text["the cranes were idle"]["speaker"] is None
    assert by_text["the cranes were idle"]["speaker_name"] == "A spokesperson for the port authority"


def test_quote_page_and_its_json_show_type_anonymous_and_rule(sourced, parse):
    client, ids = sourced
    quote_id = ids["the cranes were idle"]
    data = client.get(f"/quotes/{quote_id}.json").json()["quote"]
    assert (data["speaker_type"], data["anonymous"], data["rule"]) == ("unnamed", True, "source.unnamed")
    tree = parse(client.get(f"/quotes/{quote_id}"))
    assert tree.css_first(".facts dd.source-type").text() == "unnamed"
    assert tree.css_first(".facts dd.anonymous").text() == "yes"
    assert tree.css_first(".facts dd.rule code").text() == "source.unnamed"
    assert tree.css_first("figcaption .anon").text() == "anonymous"


def test_speaker_list_and_page_show_the_kind(sourced, parse):
    client, ids = sourced
    listing = client.get("/speakers.json").json()["speakers"]
    assert {item["name"]: item["kind"] for item in listing} == {
        "Dana Whitfield": "person", "Ministry of Health": "organisation"}
    tree = parse(client.get("/speakers"))
    shown = {node.css_first("a.name").text(): node.css_first(".stype").text() for node in tree.css(".speaker-list li")}
    assert shown == {"Dana Whitfield": "person", "Ministry of Health": "organisation"}
    ministry = next(item for item in listing if item["kind"] == "organisation")
    assert client.get(f"/speakers/{ministry['id']}.json").json()["speaker"]["kind"] == "organisation"
    assert parse(client.get(f"/speakers/{ministry['id']}")).css_first(".speaker-kind .stype").text() == "organisation"


def test_a_statement_in_the_text_names_its_kind_of_source_on_hover(sourced, parse):
    client, ids = sourced
    tree = parse(client.get(f"/articles/{ids['article']}"))
    title = tree.css_first(f"#q-{ids['the cranes were idle']}").attributes["title"] or ""
    assert title.startswith("A spokesperson for the port authority (unnamed, anonymous) · said")


def test_quote_listings_name_the_kind_of_each_source(sourced, parse):
    client, _ = sourced
    tree = parse(client.get("/search", params={"q": "cranes"}))
    item = tree.css_first(".quote-item .quote-meta")
    assert item.css_first(".who").text() == "A spokesperson for the port authority"
    assert (item.css_first(".stype").text(), item.css_first(".anon").text()) == ("unnamed", "anonymous")
