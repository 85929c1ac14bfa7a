"""A quote family is listed in one order everywhere: the quote page's earliest member is the one linking chose."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.ingest import store_document
from app.services.linking import refresh_family
from app.services.readers import SourceDocument
from app.store import queries
from app.store.models import Quote, QuoteFamily
from app.web.contexts import quote_page
from nlp.records import DocumentRecord, QuoteRecord

STATEMENT = "The harbour wall will be rebuilt before the winter storms arrive"


def record(doc_id: str, text: str, starts: list[int]) -> DocumentRecord:
    quotes = [QuoteRecord(
        text=STATEMENT, start=start, end=start + len(STATEMENT), kind="direct",
        parts=[(start, start + len(STATEMENT))], verbatim=[(start, start + len(STATEMENT))], speaker=None,
        mention=None, mention_start=None, mention_end=None, cue="said", cue_start=None, cue_end=None, paragraph=0,
        confidence=0.9, resolution="unresolved",
    ) for start in starts]
    return DocumentRecord(id=doc_id, text=text, paragraphs=[(0, len(text))], quotes=quotes, people=[])


def store(session: Session, doc_id: str, text: str, starts: list[int], day: int) -> None:
    document = SourceDocument(source=doc_id, id=doc_id, text=text, published=datetime(2020, 1, day, tzinfo=UTC))
    store_document(session, document=document, record=record(doc_id, text, starts), ingestion_run_id=None)
    session.commit()


def test_the_quote_page_marks_as_earliest_the_member_linking_chose(session: Session):
    store(session, "later.txt", f'"{STATEMENT}," the mayor said.', [1], day=2)
    # An earlier article carrying the statement twice, its quotes recorded out of text order: the
    # second occurrence is stored first, so it has the lower quote id.
    twice = f'"{STATEMENT}," she said, and repeated: "{STATEMENT}."'
    store(session, "earlier.txt", twice, [twice.rindex(STATEMENT), 1], day=1)
    # All three in one family (linking keeps two quotes of one article apart; an editor need not).
    family = QuoteFamily()
    session.add(family)
    session.flush()
    quotes = list(session.scalars(select(Quote)))
    for quote in quotes:
        quote.family_id = family.id
    refresh_family(session, family=family)
    session.commit()
    first_in_text = next(quote for quote in quotes if quote.start == 1 and quote.article.source_name == "earlier.txt")
    assert family.earliest_quote_id == first_in_text.id  # publication, then position in the text

    assert queries.family_members(session, family_id=family.id)[0].id == first_in_text.id
    page = quote_page(session, quote=first_in_text)
    assert [member.quote.id for member in page.family if member.earliest] == [first_in_text.id]
    assert [member.quote.id for member in page.family] == [quote.id for quote in
                                                           queries.family_members(session, family_id=family.id)]
