"""Quote families compare quoted words: not an interrupted quote's attribution; never a headline as earliest source."""
from __future__ import annotations

import json

from sqlalchemy import select

from app.services.ingest import run_ingest
from app.services.linking.families import is_headline, quoted_text
from app.store import queries
from app.store.models import Quote

INTERRUPTED = [
    {"id": "first", "published": "2024-05-01T09:00:00Z", "title": "Bridge promise",
     "text": "Mayor Dana Clinton spoke to residents on Monday evening.\n\n"
             "\"We will build the new bridge before the winter comes,\" Clinton said. "
             "\"And we will pay for every part of it without a new tax on the families of this town.\"\n"},
    {"id": "second", "published": "2024-05-02T09:00:00Z", "title": "Mayor repeats bridge pledge",
     "text": "The mayor repeated her promise at a second meeting on Tuesday.\n\n"
             "\"We will build the new bridge before the winter comes, and we will pay for every part of it "
             "without a new tax on the families of this town,\" Mayor Dana Clinton said.\n"},
]

HEADLINED = [
    {"id": "headline", "published": "2024-06-01T09:00:00Z",
     "text": "Ferry chief: \"we cannot run a service on goodwill and broken engines alone\"\n\n"
             "The ferry operator's chief executive, Marta Olsen, warned on Friday that sailings would be cut.\n\n"
             "\"We cannot run a service on goodwill and broken engines alone,\" Olsen said at the harbour.\n"},
    {"id": "copy", "published": "2024-06-02T09:00:00Z",
     "text": "Sailings from the island will be cut next month, the ferry operator said.\n\n"
             "\"We cannot run a service on goodwill and broken engines alone,\" chief executive Marta Olsen "
             "said on Friday.\n"},
]


def ingest(engine, pipeline, tmp_path, rows) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    summary = run_ingest([str(path)], engine=engine, nlp=pipeline, progress=False)
    assert not summary.failures and summary.count("stored") == len(rows)


def test_an_interrupted_quote_is_compared_on_its_quoted_parts(engine, session, pipeline, tmp_path):
    ingest(engine, pipeline, tmp_path, INTERRUPTED)
    quotes = [quote for quote in session.scalars(select(Quote).order_by(Quote.id)) if "bridge" in quote.text]
    first = next(quote for quote in quotes if quote.article.source_name == "first")
    second = next(quote for quote in quotes if quote.article.source_name == "second")
    assert len(first.parts) == 2 and "Clinton said" in first.text
    assert "Clinton said" not in quoted_text(first)
    assert first.family_id is not None and first.family_id == second.family_id
    removed = [op for op in second.family_diff or [] if "Clinton" in (op.get("source") or "")]
    assert removed == []  # the reporter's words are not "words removed" in the copy


def test_a_headline_fragment_is_not_the_earliest_source(engine, session, pipeline, tmp_path):
    ingest(engine, pipeline, tmp_path, HEADLINED)
    quotes = [quote for quote in session.scalars(select(Quote).order_by(Quote.id)) if "goodwill" in quote.text]
    headline = [quote for quote in quotes if is_headline(quote)]
    body = [quote for quote in quotes if not is_headline(quote)]
    assert body and all(not is_headline(quote) for quote in body)
    family_id = body[0].family_id
    assert family_id is not None
    assert all(quote.family_id == family_id for quote in quotes)  # the copy in the second article joins
    members = queries.family_members(session, family_id=family_id)
    assert not is_headline(members[0])
    if headline:
        assert headline[0] in members[1:]


def test_a_body_paragraph_with_a_full_stop_is_no_headline(engine, session, pipeline, tmp_path):
    ingest(engine, pipeline, tmp_path, INTERRUPTED[:1])
    quote = session.scalars(select(Quote)).first()
    assert quote is not None and not is_headline(quote)
