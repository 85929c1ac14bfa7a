"""The one seam where a processed spaCy Doc becomes plain records; nothing past this file sees spaCy."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

from nlp.text import normalize_same_length, paragraph_index, paragraph_ranges

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The field order of a quote in `quotetrail extract` output. Other tools parse this: never reorder,
# rename or drop a field; a new field goes at the end.
QUOTE_FIELDS = (
    "text", "start", "end", "kind", "parts", "verbatim", "speaker", "mention", "mention_start",
    "mention_end", "cue", "cue_start", "cue_end", "paragraph", "confidence", "resolution",
    "speaker_type", "anonymous", "rule",
)

# What kind of source a statement rests on (`speaker_type`): one named person, a named organisation,
# a collective ("officials", "residents"), one unnamed individual ("a spokesperson"), or a document
# that "says" (a report, a statement, a lawsuit).
SPEAKER_TYPES = ("person", "organisation", "group", "unnamed", "document")

QUOTE_KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One statement: offsets are into the unaltered input str, so `input[start:end] == text`."""

    text: str
    start: int
    end: int
    kind: str
    parts: list[tuple[int, int]]
    verbatim: list[tuple[int, int]]
    speaker: str | None
    mention: str | None
    mention_start: int | None
    mention_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    paragraph: int
    confidence: float
    resolution: str
    speaker_type: str | None = None  # one of SPEAKER_TYPES; None only when the article gives no source
    anonymous: bool = False  # the article says the source is anonymous ("spoke on condition of anonymity")
    rule: str | None = None  # stable id of the resolution rule that named the speaker, e.g. "name.full"
    # Not part of the JSON contract: the title or role the article gives the resolved speaker
    # ("Russian President"), kept for the store's speaker profiles.
    speaker_title: str | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        return {name: (list(map(list, data[name])) if name in ("parts", "verbatim") else data[name])
                for name in QUOTE_FIELDS}


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person the article names, with every way it refers to them and the titles it gives them."""

    name: str
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """Everything the pipeline learned about one document, as plain data."""

    id: str
    text: str
    paragraphs: list[tuple[int, int]]
    quotes: list[QuoteRecord]
    people: list[PersonRecord]
    notes: list[str] = field(default_factory=list)  # recoveries, e.g. an unclosed quote mark

    def to_json(self) -> dict:
        """The `quotetrail extract` line for this document: exactly `{"id", "quotes"}`."""
        return {"id": self.id, "quotes": [quote.to_json() for quote in self.quotes]}


def doc_to_record(doc: Doc, doc_id: str, source_text: str | None = None) -> DocumentRecord:
    """Turn a processed Doc into a DocumentRecord.

    `source_text` is the caller's unaltered text: the pipeline may have run on an offset-preserving
    normalisation of it (see nlp.text.normalize_same_length), so every slice is taken from the
    original, and offsets are equal in both.
    """
    from nlp import extensions  # spaCy's extensions: only a caller holding a Doc gets here

    text = source_text if source_text is not None else doc.text
    paragraphs = [tuple(p) for p in (doc._.qt_paragraphs or [])] or [(0, len(text))]
    quotes = []
    for span in doc.spans.get(extensions.STATEMENTS, []):
        start, end = span._.qt_content
        mention = span._.qt_mention
        cue = span._.qt_cue
        quotes.append(QuoteRecord(
            text=text[start:end],
            start=start,
            end=end,
            kind=span._.qt_kind,
            parts=[tuple(part) for part in span._.qt_parts],
            verbatim=[tuple(part) for part in span._.qt_verbatim or []],
            speaker=span._.qt_speaker,
            mention=text[mention[0]:mention[1]] if mention else None,
            mention_start=mention[0] if mention else None,
            mention_end=mention[1] if mention else None,
            cue=text[cue[0]:cue[1]] if cue else None,
            cue_start=cue[0] if cue else None,
            cue_end=cue[1] if cue else None,
            paragraph=paragraph_index(paragraphs, start),
            confidence=float(span._.qt_confidence if span._.qt_confidence is not None else 0.5),
            resolution=span._.qt_resolution or "",
            speaker_type=span._.qt_speaker_type,
            anonymous=bool(span._.qt_anonymous),
            rule=span._.qt_resolution_rule,
            speaker_title=span._.qt_speaker_title,
        ))
    quotes.sort(key=lambda quote: (quote.start, quote.end))
    people = [PersonRecord(name=p["name"], titles=list(p["titles"]), aliases=list(p["aliases"]))
              for p in (doc._.qt_people or [])]
    return DocumentRecord(id=doc_id, text=text, paragraphs=paragraphs, quotes=quotes, people=people,
                          notes=list(doc._.qt_notes or []))


def merge_chunk_records(doc_id: str, text: str, chunks: list[tuple[int, DocumentRecord]]) -> DocumentRecord:
    """One record for a document parsed in chunks: offsets shifted, paragraphs renumbered, people merged.

    Speakers are resolved within each chunk (a pronoun at a chunk's start cannot reach a name in
    the previous chunk); the record says so in its notes.
    """
    def shift(pairs, offset):
        return [(start + offset, end + offset) for start, end in pairs]

    # Paragraphs of the whole text: a chunk may have been cut inside a long paragraph.
    paragraphs = paragraph_ranges(normalize_same_length(text)) or [(0, len(text))]
    quotes: list[QuoteRecord] = []
    people: dict[str, PersonRecord] = {}
    notes = [f"[Q101] a document of {len(text):,} characters was parsed in {len(chunks)} chunks; "
             "speakers are resolved within each chunk"]
    for offset, record in chunks:
        notes.extend(record.notes)
        def moved(value: int | None, offset: int = offset) -> int | None:
            return None if value is None else value + offset

        for quote in record.quotes:
            quotes.append(replace(
                quote, start=quote.start + offset, end=quote.end + offset,
                parts=shift(quote.parts, offset), verbatim=shift(quote.verbatim, offset),
                mention_start=moved(quote.mention_start), mention_end=moved(quote.mention_end),
                cue_start=moved(quote.cue_start), cue_end=moved(quote.cue_end),
                paragraph=paragraph_index(paragraphs, quote.start + offset),
            ))
        for person in record.people:
            known = people.get(person.name)
            if known is None:
                people[person.name] = person
            else:
                people[person.name] = PersonRecord(
                    name=person.name,
                    titles=list(dict.fromkeys(known.titles + person.titles)),
                    aliases=list(dict.fromkeys(known.aliases + person.aliases)),
                )
    return DocumentRecord(id=doc_id, text=text, paragraphs=paragraphs, quotes=quotes,
                          people=list(people.values()), notes=notes)
