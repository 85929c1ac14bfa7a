"""Link the names of an ingested document to speakers: one speaker per person, with its aliases and titles."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import cast

from rapidfuzz import fuzz
from sqlalchemy import Boolean, Table, insert, literal, select, union_all
from sqlalchemy.orm import Session, selectinload

from app.services.linking.names import alias_key, display_name, looks_like_person_name, opens_with_given_name
from app.store import repo
from app.store.models import UNLINKED_SOURCE_TYPES, Speaker, SpeakerAlias, SpeakerTitle
from nlp.records import DocumentRecord
from nlp.vocabulary.names import (
    SURNAME_MIN_RATIO,
    NameParts,
    compare_names_strictly,
    fold_name,
    institution_parts,
    name_parts,
    role_title,
)


@dataclass(frozen=True, slots=True)
class SpeakerLink:
    speaker: Speaker
    reason: str
    created: bool


def key_matches(session: Session, *, keys: set[str]) -> dict[str, list[tuple[int, bool]]]:
    """For each folded key: (speaker id, pinned) of the speakers with that key or an alias of it, in one query."""
    found: dict[str, list[tuple[int, bool]]] = {key: [] for key in keys}
    if keys:
        rows = session.execute(union_all(
            select(SpeakerAlias.key, SpeakerAlias.speaker_id, SpeakerAlias.pinned).where(SpeakerAlias.key.in_(keys)),
            select(Speaker.key, Speaker.id, literal(False, Boolean)).where(Speaker.key.in_(keys)),
        ))
        for key, speaker_id, pinned in rows:
            found[key].append((speaker_id, bool(pinned)))
    return found


def resolve_speaker(
    session: Session, *, name: str, is_person: bool = True, matches: list[tuple[int, bool]] | None = None
) -> SpeakerLink | None:
    """Find (or create) the speaker a printed name belongs to, and say why; None for a name-less mention.

    Order: a user's pinned alias; the same folded name; for people, a unique compatible name among
    speakers with a similar surname (see `compare_names_strictly`); otherwise a new speaker. `matches`
    is this name's entry from `key_matches`, when the caller looked up several names at once.
    """
    parts = name_parts(name) if is_person else institution_parts(name)
    if parts is None:
        return None
    key = parts.key
    if matches is None:
        matches = key_matches(session, keys={key})[key]
    pinned_ids = sorted({speaker_id for speaker_id, pinned in matches if pinned})
    if pinned_ids:
        return SpeakerLink(session.get_one(Speaker, pinned_ids[0]),
                           f"{name!r}: pinned to this speaker by a user's correction", False)
    exact_ids = sorted({speaker_id for speaker_id, _ in matches})
    exact = [speaker for speaker in (session.get(Speaker, speaker_id) for speaker_id in exact_ids) if speaker]
    if exact and (parts.given or len(exact) == 1 or not is_person):
        chosen = next((speaker for speaker in exact if speaker.key == key), exact[0])
        return SpeakerLink(chosen, f"{name!r}: same name as {chosen.name!r}", False)
    if not is_person:
        return _new_speaker(session, name=name, parts=parts, is_person=False,
                            reason=f"{name!r}: not introduced as a person, so linked by exact name only")

    return _resolve_person(session, name=name, parts=parts, exact=exact)


def _resolve_person(session: Session, *, name: str, parts: NameParts, exact: list[Speaker]) -> SpeakerLink:
    """A person's name with no pinned or unambiguous exact match: a compatible speaker with a similar
    surname (a full name's strong match, or the one surname-only speaker), else a new speaker."""
    key = parts.key
    candidates = _surname_candidates(session, surname=parts.surname)
    comparisons = [(speaker, compare_names_strictly(parts, _parts_of(speaker))) for speaker in candidates]
    compatible = [(speaker, comparison) for speaker, comparison in comparisons if comparison.compatible]
    if parts.given:
        strong = [(speaker, comparison) for speaker, comparison in compatible if comparison.full]
        if strong:
            speaker, comparison = max(strong, key=lambda pair: (pair[1].score, pair[0].quote_count, -pair[0].id))
            return SpeakerLink(speaker, f"{name!r} linked to {speaker.name!r}: {comparison.reason}", False)
        # Only surname-only speakers ("Assad") remain compatible: a single one takes the full name.
        if len(compatible) == 1:
            speaker, comparison = compatible[0]
            _upgrade_name(speaker, name=name, parts=parts)
            return SpeakerLink(speaker, f"{name!r} linked to {speaker.name!r}: {comparison.reason}", False)
        blocked = "; ".join(f"{speaker.name!r}: {comparison.reason}" for speaker, comparison in comparisons)
        why = f"not linked ({blocked})" if blocked else "no speaker with a similar surname"
        if len(compatible) > 1:
            why = "ambiguous: " + ", ".join(repr(speaker.name) for speaker, _ in compatible)
        return _new_speaker(session, name=name, parts=parts, is_person=True, reason=f"{name!r}: {why}")
    people = {speaker.id: speaker for speaker, _ in compatible if speaker.is_person}
    if len(people) == 1:
        speaker = next(iter(people.values()))
        return SpeakerLink(
            speaker, f"{name!r} linked to {speaker.name!r}: surname only, the one known speaker with it", False
        )
    own = next((speaker for speaker in exact if speaker.key == key), None)
    if own is not None:
        # An ambiguous surname keeps its own speaker rather than guessing between people.
        return SpeakerLink(own, f"{name!r}: same name as {own.name!r}", False)
    why = ("ambiguous surname: " + ", ".join(repr(speaker.name) for speaker in people.values())) if people \
        else "no speaker with this surname yet"
    return _new_speaker(session, name=name, parts=parts, is_person=True, reason=f"{name!r}: {why}")


def _surname_candidates(session: Session, *, surname: str) -> list[Speaker]:
    # Spelling variants ("zelensky"/"zelenskyy") share their first letters; an index range on the
    # first three keeps the look-up cheap with thousands of speakers.
    prefix = surname[:3]
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    statement = (
        select(Speaker).where(Speaker.surname >= prefix, Speaker.surname < upper, Speaker.is_person.is_(True))
        .order_by(Speaker.id).limit(200)
    )
    return [speaker for speaker in session.scalars(statement)
            if fuzz.ratio(surname, speaker.surname or "", processor=None) >= SURNAME_MIN_RATIO]


def _parts_of(speaker: Speaker) -> NameParts:
    return name_parts(speaker.name) or NameParts(given=(), surname=speaker.surname or speaker.key)


def _upgrade_name(speaker: Speaker, *, name: str, parts: NameParts) -> None:
    """A speaker known only by surname takes the first full name linked to it as its display name."""
    current = _parts_of(speaker)
    if not current.given and parts.given:
        speaker.name = display_name(name)
        speaker.key = parts.key
        speaker.surname = parts.surname


def _new_speaker(session: Session, *, name: str, parts: NameParts, is_person: bool, reason: str) -> SpeakerLink:
    speaker = Speaker(
        name=display_name(name) if is_person else name.strip(), key=parts.key,
        surname=parts.surname if is_person else None, is_person=is_person,
        kind="person" if is_person else "organisation", quote_count=0, link_reason=reason,
    )
    session.add(speaker)
    session.flush()
    return SpeakerLink(speaker, reason, True)


# Words that open a document's description rather than its owner's name ("His statement", "This report").
DESCRIPTION_OPENERS = frozenset("a an the his her their its our my your this that these those".split())


def _describes(name: str) -> bool:
    """"Mr. Clarke's new company": a description through someone's possessive, not a body's name."""
    return any(word.endswith(("'s", "’s")) for word in name.split()[:-1]) and name.split()[-1][:1].islower()


def names_an_owner(name: str) -> bool:
    """A document's source text that is a proper name ("Ministry of Health", "the NTSB"), not the
    document described ("the audit", "his statement"): only such a source is linked to a speaker."""
    words = name.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return bool(words) and words[0][:1].isupper() and words[0].casefold() not in DESCRIPTION_OPENERS


# Two bodies' names joined by "and the": the first a name of capitalised words alone ("Harvard"), so that a body's
# own name with "and" inside ("Department of Health and Human Services", "Center for Media and Public Affairs")
# does not read so.
_TWO_OWNERS = re.compile(r"^(?:[Tt]he\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*\s+and\s+the\s+[A-Z]")


def names_two_owners(name: str) -> bool:
    """"Harvard and the University of California at Berkeley" (of "a study by …"): two owners, who are a group of
    two, never one speaker's name."""
    return _TWO_OWNERS.match(name.strip()) is not None


def speaker_kind(name: str, *, types: set[str | None], known_person: bool) -> str | None:
    """What a printed source name links to: "person", "organisation", or None (not linked to a speaker).

    The pipeline's `speaker_type` decides; a document links to its owner when the pipeline gives one
    (a person's or an organisation's name), else it stays on its quotes; a name with no type (a
    pipeline older than the field) is a person when the article introduced one by it or it is written
    like a person's name, else an organisation, as before.
    """
    if "person" in types:
        return "person"
    if names_two_owners(name):
        return None  # two bodies stay on their quotes together, as a group does
    if "organisation" in types:
        # "the campaign", "the network", "Mr. Clarke's new company": a body described, not named; which body
        # it is differs from article to article, so it stays on its quotes, like a group or an unnamed source.
        return "organisation" if names_an_owner(name) and not _describes(name) else None
    if "document" in types and names_a_document(name):
        return None  # "Poll", "Instant polls": the document itself, owned by no one named
    if "document" in types and not known_person and names_an_owner(name) and not opens_with_given_name(name):
        # A document's owner the article never introduced as a person, printed without a given name, is a
        # body ("Reuters", "a New York Times/CBS News poll", "the Real Clear Politics average"): a person who
        # owns a statement or a report is introduced by name first.
        return "organisation"
    if known_person or looks_like_person_name(name):
        return "person"
    if "document" in types:
        return "organisation" if names_an_owner(name) else None
    return "organisation"


def names_a_document(name: str) -> bool:
    """A source text whose head word is a document or data source ("Poll", "Recent polls in Virginia",
    "the report"), not its owner's name."""
    from nlp.vocabulary.wordlists import words

    documents = words("document_nouns.txt") | words("data_sources.txt")
    folded = fold_name(name.split(" in ")[0].split(" of ")[0])
    return bool(folded) and (folded[-1] in documents or folded[-1].rstrip("s") in documents)


def link_record_speakers(session: Session, *, record: DocumentRecord) -> dict[str, Speaker]:
    """Find or create the speaker of every name the pipeline attributed quotes to in one document, and
    count the quotes, aliases and titles it gives them. Returns {printed name: speaker}.

    Runs before the article's quotes are inserted, so each quote row is written with its speaker.
    """
    people = {person.name: person for person in record.people}
    alias_owner = {alias: person for person in record.people for alias in person.aliases}
    quotes_by_name: dict[str, list] = {}
    for quote in record.quotes:
        if quote.speaker and quote.speaker_type not in UNLINKED_SOURCE_TYPES:
            quotes_by_name.setdefault(quote.speaker, []).append(quote)
    linked: dict[str, Speaker] = {}
    rows = _SpeakerRows(session)
    names = []
    for name, quotes in quotes_by_name.items():
        person = people.get(name) or alias_owner.get(name)
        kind = speaker_kind(name, types={quote.speaker_type for quote in quotes}, known_person=person is not None)
        if kind is not None:
            names.append((name, quotes, person, kind == "person"))
    keys = {name: alias_key(name, is_person=is_person) for name, _, _, is_person in names}
    # Every name of the document is looked up at once, with the speakers it finds and their aliases.
    matches = key_matches(session, keys={key for key in keys.values() if key})
    known_ids = {speaker_id for found in matches.values() for speaker_id, _ in found}
    if known_ids:
        # Held in `rows` for the whole document: the session's identity map only keeps weak references.
        rows.speakers = list(session.scalars(select(Speaker).where(Speaker.id.in_(known_ids))
                                             .options(selectinload(Speaker.aliases), selectinload(Speaker.titles))))
    # Counts and aliases are written in one flush at the end; new speakers flush themselves (for an id).
    with session.no_autoflush:
        for name, quotes, person, is_person in names:
            _link_name(session, name=name, quotes=quotes, person=person, is_person=is_person, linked=linked,
                       rows=rows, matches=matches.get(keys[name]) if keys[name] in matches else None)
    rows.write_new_rows()
    return linked


class _SpeakerRows:
    """The alias and title rows of the speakers one document touches, loaded once. New rows are plain
    dicts, written at the end with one multi-row INSERT per table (the ORM would insert them one by one
    to learn ids nothing here needs)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.aliases: dict[int, dict[str, SpeakerAlias | dict]] = {}
        self.titles: dict[int, dict[str, SpeakerTitle | dict]] = {}
        self.speakers: list[Speaker] = []
        self.new_aliases: list[dict] = []
        self.new_titles: list[dict] = []
        # Added to Speaker.quote_count at the end: one batched UPDATE instead of one per new speaker.
        self.quote_counts: dict[Speaker, int] = {}

    def write_new_rows(self) -> None:
        for speaker, count in self.quote_counts.items():
            speaker.quote_count = (speaker.quote_count or 0) + count
        self.session.flush()
        if self.new_aliases:
            self.session.execute(insert(cast(Table, SpeakerAlias.__table__)), self.new_aliases)
        if self.new_titles:
            self.session.execute(insert(cast(Table, SpeakerTitle.__table__)), self.new_titles)

    def aliases_of(self, speaker: Speaker, *, created: bool) -> dict[str, SpeakerAlias | dict]:
        if speaker.id not in self.aliases:
            self.aliases[speaker.id] = {} if created else {row.alias: row for row in speaker.aliases}
        return self.aliases[speaker.id]

    def titles_of(self, speaker: Speaker, *, created: bool) -> dict[str, SpeakerTitle | dict]:
        if speaker.id not in self.titles:
            self.titles[speaker.id] = {} if created else {row.title: row for row in speaker.titles}
        return self.titles[speaker.id]


def _link_name(session: Session, *, name: str, quotes: list, person, is_person: bool, linked: dict[str, Speaker],
               rows: _SpeakerRows, matches: list[tuple[int, bool]] | None) -> None:
    """Resolve one printed name and add its quotes, aliases and titles to the speaker."""
    # A speaker created for an earlier name of this document is not in the prefetched matches.
    fresh = matches is not None and not matches and any(
        speaker.key == alias_key(name, is_person=is_person) for speaker in linked.values())
    link = resolve_speaker(session, name=name, is_person=is_person, matches=None if fresh else matches)
    if link is None:
        return
    speaker = link.speaker
    linked[name] = speaker
    rows.quote_counts[speaker] = rows.quote_counts.get(speaker, 0) + len(quotes)
    names_used = Counter({name: len(quotes)})
    for quote in quotes:
        if quote.mention and person is not None and quote.mention in person.aliases and quote.mention != name:
            names_used[quote.mention] += 1
    for alias in (person.aliases if person else []):
        names_used.setdefault(alias, 0)
    _count_aliases(speaker=speaker, counts=names_used, reason=link.reason,
                   existing=rows.aliases_of(speaker, created=link.created), new_rows=rows.new_aliases)
    # Role words only: "Mr.", a party letter or a fragment of the sentence is no title.
    titles = Counter(cleaned[:500] for quote in quotes if quote.speaker_title
                     and (cleaned := role_title(quote.speaker_title)))
    for title in (person.titles if person else []):
        if cleaned := role_title(title):
            titles.setdefault(cleaned[:500], 1)
    if titles:
        existing_titles = rows.titles_of(speaker, created=link.created)
        for title, count in titles.items():
            row = existing_titles.get(title)
            if row is None:
                new_row = {"speaker_id": speaker.id, "title": title, "count": 0}
                existing_titles[title] = row = new_row
                rows.new_titles.append(new_row)
            _add_count(row, count)


def _add_count(row: SpeakerAlias | SpeakerTitle | dict, count: int) -> None:
    if isinstance(row, dict):
        row["count"] += count
    else:
        row.count = (row.count or 0) + count


def _count_aliases(*, speaker: Speaker, counts: Counter, reason: str, existing: dict[str, SpeakerAlias | dict],
                   new_rows: list[dict]) -> None:
    for alias, count in counts.items():
        alias = alias.strip()[:500]
        parts = name_parts(alias) if speaker.is_person else institution_parts(alias)
        if not alias or parts is None:
            continue
        key = parts.key
        # An alias whose surname is not the speaker's ("the president") says little; keep names only.
        if speaker.is_person and fuzz.ratio(parts.surname, speaker.surname or "", processor=None) < SURNAME_MIN_RATIO:
            continue
        row = existing.get(alias)
        if row is None:
            existing[alias] = row = {"speaker_id": speaker.id, "alias": alias, "key": key[:500], "count": 0,
                                     "reason": reason, "pinned": False}
            new_rows.append(row)
        _add_count(row, count)


def find_speakers_named(session: Session, *, name: str) -> list[Speaker]:
    """Speakers a printed name may refer to, by the indexed folded key ("President Assad" finds
    "Bashar al-Assad" through the alias "Assad"); most quoted first."""
    keys = {key for key in (alias_key(name, is_person=True), alias_key(name, is_person=False)) if key}
    found: dict[int, Speaker] = {}
    for key in keys:
        for speaker in repo.find_speakers_by_key(session, key=key):
            found[speaker.id] = speaker
    return sorted(found.values(), key=lambda speaker: (-(speaker.quote_count or 0), speaker.id))

