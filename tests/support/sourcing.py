"""Articles whose statements rest on every kind of source, built as records (as the pipeline would give them),
for the store, linking and page tests of speaker_type, anonymous and rule."""
from __future__ import annotations

from dataclasses import dataclass

from nlp.records import DocumentRecord, PersonRecord, QuoteRecord


@dataclass(frozen=True)
class Source:
    """Who one statement rests on, as the record names it."""

    content: str  # the statement's text, found in the article
    speaker: str | None
    speaker_type: str | None
    anonymous: bool = False
    rule: str | None = None


def record_of(text: str, sources: list[Source], *, doc_id: str, people: tuple[str, ...] = ()) -> DocumentRecord:
    """A DocumentRecord of `text` (one paragraph per line) with one indirect statement per source."""
    paragraphs, start = [], 0
    for line in text.split("\n"):
        paragraphs.append((start, start + len(line)))
        start += len(line) + 1
    quotes = []
    for source in sources:
        begin = text.index(source.content)
        end = begin + len(source.content)
        mention = text.find(source.speaker) if source.speaker else -1
        quotes.append(QuoteRecord(
            text=source.content, start=begin, end=end, kind="indirect", parts=[(begin, end)], verbatim=[],
            speaker=source.speaker, mention=source.speaker if mention >= 0 else None,
            mention_start=mention if mention >= 0 else None,
            mention_end=mention + len(source.speaker) if mention >= 0 and source.speaker else None,
            cue="said", cue_start=None, cue_end=None,
            paragraph=next(number for number, (a, b) in enumerate(paragraphs) if a <= begin <= b),
            confidence=0.8, resolution=f"named as {source.speaker!r}" if source.speaker else "no source",
            speaker_type=source.speaker_type, anonymous=source.anonymous, rule=source.rule,
        ))
    quotes.sort(key=lambda quote: quote.start)
    return DocumentRecord(id=doc_id, text=text, paragraphs=paragraphs, quotes=quotes,
                          people=[PersonRecord(name=name) for name in people])


PORT_TEXT = (
    "Dana Whitfield's statement said the port would reopen.\n"
    "Dana Whitfield said the dredging would start in May.\n"
    "The Ministry of Health said the water was safe.\n"
    "Officials said the budget was already spent.\n"
    "A spokesperson for the port authority said the cranes were idle, speaking on condition of anonymity.\n"
    "The audit said the accounts were late.\n"
    "Nobody knows when the ships return."
)

# One statement of every kind of source, and one without a source. The first is a person's document:
# she is listed as a person all the same.
PORT_SOURCES = [
    Source("the dredging would start in May", "Dana Whitfield", "person", rule="name.full"),
    Source("the water was safe", "Ministry of Health", "organisation", rule="organisation.named"),
    Source("the budget was already spent", "Officials", "group", rule="source.group"),
    Source("the cranes were idle", "A spokesperson for the port authority", "unnamed", anonymous=True,
           rule="source.unnamed"),
    Source("the accounts were late", "The audit", "document", rule="source.document"),
    Source("the port would reopen", "Dana Whitfield", "document", rule="document.owner"),
    Source("Nobody knows when the ships return", None, None),
]

FERRY_TEXT = (
    "Officials said the ferry would be late.\n"
    "A spokesperson for the port authority said the timetable was under review.\n"
    "The Ministry of Health said the crossing was safe."
)

# The same group and unnamed descriptions as the port article, in another article: not the same sources.
FERRY_SOURCES = [
    Source("the ferry would be late", "Officials", "group", rule="source.group"),
    Source("the timetable was under review", "A spokesperson for the port authority", "unnamed",
           rule="source.unnamed"),
    Source("the crossing was safe", "Ministry of Health", "organisation", rule="organisation.named"),
]


def port_record(doc_id: str = "port.txt") -> DocumentRecord:
    return record_of(PORT_TEXT, PORT_SOURCES, doc_id=doc_id, people=("Dana Whitfield",))


def ferry_record(doc_id: str = "ferry.txt") -> DocumentRecord:
    return record_of(FERRY_TEXT, FERRY_SOURCES, doc_id=doc_id)
