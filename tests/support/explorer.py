"""A small collection for the explorer's tests: four articles (one undated), people with aliases, an
organisation, an anonymous unnamed source, outlets differing in case; stored through the ingest's own
`store_document`, so speakers are linked exactly as in a real ingest."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app.services.ingest import store_document
from app.services.readers import SourceDocument
from nlp.records import DocumentRecord, PersonRecord, QuoteRecord

# (outlet, published, [(quote, speaker as printed, kind, speaker type, anonymous, confidence)])
ARTICLES = [
    ("Wire One", datetime(2016, 12, 16, 10, tzinfo=UTC), [
        ("Palmyra is purely symbolic", "Vladimir Putin", "direct", "person", False, 0.95),
        ("the loss of the city mattered little", "Putin", "indirect", "person", False, 0.62),
        ("the ministry regrets the delay", "Ministry of Transport", "indirect", "organisation", False, 0.9),
    ]),
    ("Daily Two", datetime(2017, 1, 20, 8, tzinfo=UTC), [
        ("Aleppo is the important topic, not Palmyra", "Vladimir Putin", "mixed", "person", False, 0.9),
        ("Palmyra was lost because of poor planning", "an official", "indirect", "unnamed", True, 0.8),
    ]),
    ("daily two", datetime(2017, 3, 2, 8, tzinfo=UTC), [
        ("Palmyra will be retaken", "Bashar al-Assad", "direct", "person", False, 0.95),
    ]),
    (None, None, [
        ("Palmyra matters to the whole region", "Vladimir Putin", "direct", "person", False, 0.95),
    ]),
]


def store(session: Session, articles: list | None = None, *, first_number: int = 1) -> None:
    """Store ARTICLES (or `articles` of the same shape), one commit each."""
    for number, (outlet, published, statements) in enumerate(articles or ARTICLES, start=first_number):
        paragraphs: list[tuple[int, int]] = []
        quotes: list[QuoteRecord] = []
        people: dict[str, PersonRecord] = {}
        parts: list[str] = []
        position = 0
        for index, (words, speaker, kind, speaker_type, anonymous, confidence) in enumerate(statements):
            paragraph = f"Lead sentence {number}-{index}. \u201c{words},\u201d {speaker} said."
            start = position + paragraph.index(words)
            quotes.append(QuoteRecord(
                text=words, start=start, end=start + len(words), kind=kind, parts=[(start, start + len(words))],
                verbatim=[(start, start + len(words))] if kind != "indirect" else [], speaker=speaker,
                mention=speaker, mention_start=None, mention_end=None, cue="said", cue_start=None, cue_end=None,
                paragraph=index, confidence=confidence, resolution="named at the cue", speaker_type=speaker_type,
                anonymous=anonymous))
            if speaker_type == "person":
                full = "Vladimir Putin" if speaker in ("Putin", "Vladimir Putin") else speaker
                people.setdefault(full, PersonRecord(name=full, aliases=[full, full.split()[-1]]))
            paragraphs.append((position, position + len(paragraph)))
            parts.append(paragraph)
            position += len(paragraph) + 2
        body = "\n\n".join(parts)
        record = DocumentRecord(id=f"a{number}", text=body, paragraphs=paragraphs, quotes=quotes,
                                people=list(people.values()))
        document = SourceDocument(source=f"a{number}", id=f"a{number}", text=body, outlet=outlet, published=published,
                                  title=f"Article {number} about Palmyra" if number % 2 else f"Report {number}")
        store_document(session, document=document, record=record, ingestion_run_id=None)
        session.commit()
