"""Link across articles: one speaker for the names of one person, one family for the copies of one quote."""
from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from sqlalchemy import Boolean, insert, literal, select, union_all
from sqlalchemy.orm import Session, selectinload

from app.store import repo
from app.store.models import (
    Article, Quote, QuoteFamily, QuoteFingerprint, Speaker, SpeakerAlias, SpeakerCorrection, SpeakerTitle,
)
from app.store.queries import family_order
from app.store.repo import normalize_quote_text
from nlp.records import DocumentRecord

# --- speaker names ---------------------------------------------------------------------------------

# Words of a title or role that news writing puts before a name ("Russian President Vladimir Putin",
# "Sen. Sanders", "Mr Assad"); everything up to the last of them is dropped from the name.
TITLE_WORDS = frozenset("""
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend father sister brother rabbi imam sheikh
    president vice prime minister premier chancellor secretary deputy foreign defense defence interior state
    senator sen rep representative congressman congresswoman governor gov mayor ambassador envoy spokesman
    spokeswoman spokesperson general gen lt col colonel maj major capt captain admiral adm sgt sergeant commander
    king queen prince princess crown emir sultan pope cardinal bishop archbishop ayatollah chief justice judge
    speaker leader chairman chairwoman chair director minister ceo cfo former acting late interim incumbent
    supreme attorney mp mep sheriff officer detective inspector
""".split())
# Name particles that come and go between spellings ("Bashar al-Assad" / "Bashar Assad").
NAME_PARTICLES = frozenset(
    "al el ad as ash an ar at az bin ibn bint ben van von der den de da di du la le dos das del della ter".split()
)
GENERATIONAL_SUFFIXES = frozenset("jr sr ii iii iv v".split())
PRONOUNS = frozenset("he she they it i we you him her them his hers their its".split())
# Words that make a speaker an institution, not a person ("the Defence Ministry", "Kessel Police").
INSTITUTION_WORDS = frozenset("""
    ministry department office agency police council committee government administration kremlin whitehouse
    court army forces military company corporation inc ltd group association union party spokesperson
    spokesman spokeswoman officials authorities authority commission board bank university hospital service
    services institute foundation organisation organization un nato eu embassy state statement report
    county city district team club center centre school
""".split())

# rapidfuzz ratio (0-100) above which two surnames are one name in two spellings: "Zelensky" and
# "Zelenskyy" (94) pass, "Clinton" and "Clifton" (86) do not.
SURNAME_MIN_RATIO = 88
# Given names may differ by a transliterated vowel ("Mohammed"/"Mohammad", 88) but not by added
# letters ("Alex"/"Alexa"): same length and at least this ratio.
GIVEN_NAME_MIN_RATIO = 85

NAME_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A personal name folded for comparison: given names and initials in order, surname, suffix."""

    given: tuple[str, ...]
    surname: str
    suffix: str | None = None

    @property
    def key(self) -> str:
        return " ".join((*self.given, self.surname, *((self.suffix,) if self.suffix else ())))


def fold_name(name: str) -> list[str]:
    """Accent-free, case-folded word tokens of a name; apostrophes join ("O'Brien" -> "obrien")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    plain = re.sub(r"['’‘`´]", "", plain)
    return NAME_TOKEN.findall(plain)


def name_parts(name: str) -> NameParts | None:
    """Split a printed name into NameParts, dropping titles and particles; None if no name is left."""
    tokens = fold_name(name)
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    suffix = None
    if len(tokens) > 1 and tokens[-1] in GENERATIONAL_SUFFIXES:
        suffix = tokens.pop()
    # The surname itself may be a title word ("Martin Luther King"): only words before it are titles.
    last_title = max((index for index, token in enumerate(tokens[:-1]) if token in TITLE_WORDS), default=-1)
    tokens = tokens[last_title + 1:]
    while len(tokens) > 1 and tokens[-1] in NAME_PARTICLES:
        tokens.pop()  # a dangling particle ("Bashar al") is a truncated name, not a surname
    tokens = [token for index, token in enumerate(tokens) if token not in NAME_PARTICLES or index == len(tokens) - 1]
    if not tokens or (len(tokens) == 1 and tokens[0] in PRONOUNS):
        return None
    return NameParts(given=tuple(tokens[:-1]), surname=tokens[-1], suffix=suffix)


def institution_parts(name: str) -> NameParts | None:
    """An institution's name folded whole ("the Defence Ministry" -> "defence ministry"): no titles to drop."""
    tokens = fold_name(name)
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    if not tokens or (len(tokens) == 1 and tokens[0] in PRONOUNS):
        return None
    return NameParts(given=tuple(tokens[:-1]), surname=tokens[-1])


def alias_key(alias: str, *, is_person: bool) -> str:
    """The look-up key of a name as `resolve_speaker` computes it for a person or an institution."""
    parts = name_parts(alias) if is_person else institution_parts(alias)
    return parts.key if parts else ""


def looks_like_person_name(name: str) -> bool:
    """A name the pipeline gave no person record for, written like one: 1-4 capitalised words, no institution words."""
    words = name.split()
    if not 1 <= len(words) <= 4 or words[0].casefold() == "the":
        return False
    for word in words:
        head = word.split("-", 1)[0].casefold()
        if not word[:1].isupper() and head not in NAME_PARTICLES:
            return False
    return not any(token in INSTITUTION_WORDS for token in fold_name(name))


def speaker_key(name: str) -> str:
    """The folded look-up key of a person's name: "Syrian President Bashar al-Assad" -> "bashar assad"."""
    parts = name_parts(name)
    return parts.key if parts else ""


@dataclass(frozen=True, slots=True)
class NameComparison:
    compatible: bool
    full: bool  # both names have given names and they agree (a strong link)
    score: float
    reason: str


def compare_names(new: NameParts, known: NameParts) -> NameComparison:
    """Can `new` and `known` name one person? Surnames must agree; given names and initials must not conflict."""
    # Both names were folded by name_parts (accents, case, titles, particles): that is the processor.
    surname_score = fuzz.ratio(new.surname, known.surname, processor=None)
    if surname_score < SURNAME_MIN_RATIO:
        return NameComparison(False, False, surname_score, f"surnames differ ({new.surname} / {known.surname})")
    spelling = "" if new.surname == known.surname else f", surname spelled {new.surname} / {known.surname}"
    if not new.given or not known.given:
        if new.suffix and known.suffix and new.suffix != known.suffix:
            return NameComparison(False, False, 0, f"suffixes differ ({new.suffix} / {known.suffix})")
        return NameComparison(True, False, surname_score, f"surname only ({new.key} / {known.key}){spelling}")
    if new.suffix != known.suffix:
        return NameComparison(
            False, False, 0, f"suffixes differ ({new.suffix or 'none'} / {known.suffix or 'none'})"
        )
    if len(new.given) != len(known.given):
        # "George Bush" / "George W. Bush": an extra given name or initial may be another person.
        return NameComparison(
            False, False, 0, f"given names differ in number ({' '.join(new.given)} / {' '.join(known.given)})"
        )
    for mine, theirs in zip(new.given, known.given):
        if mine == theirs:
            continue
        is_initial = len(mine) == 1 or len(theirs) == 1
        if is_initial or len(mine) != len(theirs) or fuzz.ratio(mine, theirs, processor=None) < GIVEN_NAME_MIN_RATIO:
            return NameComparison(False, False, 0, f"given names conflict ({mine} / {theirs})")
    score = fuzz.token_sort_ratio(new.key, known.key, processor=None)
    same = "same name" if new.key == known.key else f"same person, spelled {new.key} / {known.key}"
    return NameComparison(True, True, score, same + spelling)


# --- linking speakers ------------------------------------------------------------------------------

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
    speakers with a similar surname (see `compare_names`); otherwise a new speaker. `matches` is this
    name's entry from `key_matches`, when the caller looked up several names at once.
    """
    parts = name_parts(name) if is_person else institution_parts(name)
    if parts is None:
        return None
    key = parts.key
    if matches is None:
        matches = key_matches(session, keys={key})[key]
    pinned_ids = sorted({speaker_id for speaker_id, pinned in matches if pinned})
    if pinned_ids:
        return SpeakerLink(session.get(Speaker, pinned_ids[0]),
                           f"{name!r}: pinned to this speaker by a user's correction", False)
    exact_ids = sorted({speaker_id for speaker_id, _ in matches})
    exact = [speaker for speaker in (session.get(Speaker, speaker_id) for speaker_id in exact_ids) if speaker]
    if exact and (parts.given or len(exact) == 1 or not is_person):
        chosen = next((speaker for speaker in exact if speaker.key == key), exact[0])
        return SpeakerLink(chosen, f"{name!r}: same name as {chosen.name!r}", False)
    if not is_person:
        return _new_speaker(session, name=name, parts=parts, is_person=False,
                            reason=f"{name!r}: not introduced as a person, so linked by exact name only")

    candidates = _surname_candidates(session, surname=parts.surname)
    comparisons = [(speaker, compare_names(parts, _parts_of(speaker))) for speaker in candidates]
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
        speaker.name = _display_name(name)
        speaker.key = parts.key
        speaker.surname = parts.surname


def _new_speaker(session: Session, *, name: str, parts: NameParts, is_person: bool, reason: str) -> SpeakerLink:
    speaker = Speaker(
        name=_display_name(name) if is_person else name.strip(), key=parts.key,
        surname=parts.surname if is_person else None, is_person=is_person, quote_count=0, link_reason=reason,
    )
    session.add(speaker)
    session.flush()
    return SpeakerLink(speaker, reason, True)


def _display_name(name: str) -> str:
    """The printed name without the titles before it: "Russian President Vladimir Putin" -> "Vladimir Putin"."""
    words = name.split()
    last_title = max(
        (index for index, word in enumerate(words[:-1])
         if fold_name(word) and all(token in TITLE_WORDS for token in fold_name(word))),
        default=-1,
    )
    return " ".join(words[last_title + 1:]) or name.strip()


def link_record_speakers(session: Session, *, record: DocumentRecord) -> dict[str, Speaker]:
    """Find or create the speaker of every name the pipeline attributed quotes to in one document, and
    count the quotes, aliases and titles it gives them. Returns {printed name: speaker}.

    Runs before the article's quotes are inserted, so each quote row is written with its speaker.
    """
    people = {person.name: person for person in record.people}
    alias_owner = {alias: person for person in record.people for alias in person.aliases}
    quotes_by_name: dict[str, list] = {}
    for quote in record.quotes:
        if quote.speaker:
            quotes_by_name.setdefault(quote.speaker, []).append(quote)
    linked: dict[str, Speaker] = {}
    rows = _SpeakerRows(session)
    names = [(name, quotes, people.get(name) or alias_owner.get(name)) for name, quotes in quotes_by_name.items()]
    keys = {name: alias_key(name, is_person=person is not None or looks_like_person_name(name))
            for name, _, person in names}
    # Every name of the document is looked up at once, with the speakers it finds and their aliases.
    matches = key_matches(session, keys={key for key in keys.values() if key})
    known_ids = {speaker_id for found in matches.values() for speaker_id, _ in found}
    if known_ids:
        # Held in `rows` for the whole document: the session's identity map only keeps weak references.
        rows.speakers = list(session.scalars(select(Speaker).where(Speaker.id.in_(known_ids))
                                             .options(selectinload(Speaker.aliases), selectinload(Speaker.titles))))
    # Counts and aliases are written in one flush at the end; new speakers flush themselves (for an id).
    with session.no_autoflush:
        for name, quotes, person in names:
            _link_name(session, name=name, quotes=quotes, person=person, linked=linked, rows=rows,
                       matches=matches.get(keys[name]) if keys[name] in matches else None)
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
            self.session.execute(insert(SpeakerAlias.__table__), self.new_aliases)
        if self.new_titles:
            self.session.execute(insert(SpeakerTitle.__table__), self.new_titles)

    def aliases_of(self, speaker: Speaker, *, created: bool) -> dict[str, SpeakerAlias]:
        if speaker.id not in self.aliases:
            self.aliases[speaker.id] = {} if created else {row.alias: row for row in speaker.aliases}
        return self.aliases[speaker.id]

    def titles_of(self, speaker: Speaker, *, created: bool) -> dict[str, SpeakerTitle]:
        if speaker.id not in self.titles:
            self.titles[speaker.id] = {} if created else {row.title: row for row in speaker.titles}
        return self.titles[speaker.id]


def _link_name(session: Session, *, name: str, quotes: list, person, linked: dict[str, Speaker],
               rows: _SpeakerRows, matches: list[tuple[int, bool]] | None) -> None:
    """Resolve one printed name and add its quotes, aliases and titles to the speaker."""
    is_person = person is not None or looks_like_person_name(name)
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
    titles = Counter(quote.speaker_title.strip()[:500] for quote in quotes if quote.speaker_title
                     and quote.speaker_title.strip())
    for title in (person.titles if person else []):
        if title.strip():
            titles.setdefault(title.strip()[:500], 1)
    if titles:
        existing_titles = rows.titles_of(speaker, created=link.created)
        for title, count in titles.items():
            row = existing_titles.get(title)
            if row is None:
                existing_titles[title] = row = {"speaker_id": speaker.id, "title": title, "count": 0}
                rows.new_titles.append(row)
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


def _count_title(session: Session, *, speaker: Speaker, title: str, count: int) -> None:
    title = title.strip()[:500]
    if not title:
        return
    row = session.scalars(
        select(SpeakerTitle).where(SpeakerTitle.speaker_id == speaker.id, SpeakerTitle.title == title)
    ).first()
    if row is None:
        session.add(SpeakerTitle(speaker_id=speaker.id, title=title, count=count))
    else:
        row.count = (row.count or 0) + count


def find_speakers_named(session: Session, *, name: str) -> list[Speaker]:
    """Speakers a printed name may refer to, by the indexed folded key ("President Assad" finds
    "Bashar al-Assad" through the alias "Assad"); most quoted first."""
    keys = {key for key in (alias_key(name, is_person=True), alias_key(name, is_person=False)) if key}
    found: dict[int, Speaker] = {}
    for key in keys:
        for speaker in repo.find_speakers_by_key(session, key=key):
            found[speaker.id] = speaker
    return sorted(found.values(), key=lambda speaker: (-(speaker.quote_count or 0), speaker.id))


# --- user corrections ------------------------------------------------------------------------------

class CorrectionError(ValueError):
    """A merge or split that cannot be done as asked (the message says why)."""


def find_speaker(session: Session, *, reference: str) -> Speaker:
    """The speaker a user means by an id ("17") or an exact name or alias; raises CorrectionError otherwise."""
    reference = reference.strip()
    if reference.isdigit():
        speaker = session.get(Speaker, int(reference))
        if speaker is None:
            raise CorrectionError(f"no speaker with id {reference}")
        return speaker
    folded = reference.casefold()
    matches = [speaker for speaker in session.scalars(select(Speaker).order_by(Speaker.id))
               if speaker.name.casefold() == folded]
    if not matches:
        owners = session.scalars(select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias == reference)).all()
        matches = [session.get(Speaker, speaker_id) for speaker_id in dict.fromkeys(owners)]
    if not matches:
        raise CorrectionError(f"no speaker named {reference!r} (see `quotetrail speakers list`)")
    if len(matches) > 1:
        listing = ", ".join(f"{speaker.id} ({speaker.name})" for speaker in matches)
        raise CorrectionError(f"{reference!r} names several speakers: {listing}; use an id")
    return matches[0]


def merge_speakers(session: Session, *, into: Speaker, other: Speaker) -> Speaker:
    """Make `other` part of `into`: quotes, aliases and titles move, every name is pinned, and the
    correction is recorded so that future articles naming either keep landing on `into`."""
    if into.id == other.id:
        raise CorrectionError("cannot merge a speaker into itself")
    reason = f"merged from {other.name!r} by a user"
    other_aliases = list(session.scalars(select(SpeakerAlias).where(SpeakerAlias.speaker_id == other.id)))
    moved_names = list(dict.fromkeys([other.name, *[alias.alias for alias in other_aliases]]))
    for quote in session.scalars(select(Quote).where(Quote.speaker_id == other.id)):
        quote.speaker_id = into.id
    for alias in other_aliases:
        _pin_alias(session, speaker=into, alias=alias.alias, count=alias.count, reason=reason)
    _pin_alias(session, speaker=into, alias=other.name, count=0, reason=reason)
    _pin_alias(session, speaker=into, alias=into.name, count=0, reason="confirmed by a user's merge")
    for alias in session.scalars(select(SpeakerAlias).where(SpeakerAlias.speaker_id == into.id)):
        alias.pinned = True
    for title in session.scalars(select(SpeakerTitle).where(SpeakerTitle.speaker_id == other.id)):
        _count_title(session, speaker=into, title=title.title, count=title.count)
    into.quote_count = (into.quote_count or 0) + (other.quote_count or 0)
    into.link_reason = _append_reason(into.link_reason, f"merged with {other.name!r} (speaker {other.id}) by a user")
    session.add(SpeakerCorrection(action="merge", payload={
        "into_id": into.id, "into_name": into.name, "merged_id": other.id, "merged_name": other.name,
        "names": moved_names,
    }))
    session.flush()
    session.delete(other)
    session.flush()
    session.expire_all()
    return into


def split_speaker(session: Session, *, speaker: Speaker, names: list[str], new_name: str | None = None) -> Speaker:
    """Move the quotes and aliases of `names` off `speaker` onto a new speaker; both sides' names are
    pinned so that re-ingesting or new articles do not link them together again."""
    speaker_aliases = list(session.scalars(select(SpeakerAlias).where(SpeakerAlias.speaker_id == speaker.id)))
    aliases = {alias.alias.casefold(): alias for alias in speaker_aliases}
    wanted = [name.strip() for name in names if name.strip()]
    if not wanted:
        raise CorrectionError("name at least one alias to split off")
    missing = [name for name in wanted if name.casefold() not in aliases]
    if missing:
        known = ", ".join(repr(alias.alias) for alias in speaker_aliases)
        raise CorrectionError(f"{speaker.name!r} has no alias {', '.join(map(repr, missing))} (aliases: {known})")
    moving = [aliases[name.casefold()] for name in wanted]
    staying = [alias for alias in speaker_aliases if alias not in moving]
    if not staying:
        raise CorrectionError("splitting off every alias would leave nothing behind; merge or rename instead")
    moving_keys = {alias.key for alias in moving}
    display = new_name or max(moving, key=lambda alias: (alias.count, len(alias.alias))).alias
    parts = (name_parts(display) if speaker.is_person else institution_parts(display)) or NameParts(
        given=(), surname=" ".join(fold_name(display)) or display.casefold())
    new = Speaker(name=_display_name(display) if speaker.is_person else display, key=parts.key,
                  surname=parts.surname if speaker.is_person else None,
                  is_person=speaker.is_person, quote_count=0,
                  link_reason=f"split from {speaker.name!r} (speaker {speaker.id}) by a user")
    session.add(new)
    session.flush()
    quotes = [quote for quote in session.scalars(select(Quote).where(Quote.speaker_id == speaker.id))
              if quote.speaker_name and alias_key(quote.speaker_name, is_person=speaker.is_person) in moving_keys]
    for quote in quotes:
        quote.speaker_id = new.id
    for alias in moving:
        alias.speaker_id = new.id
        alias.pinned = True
        alias.reason = f"split from {speaker.name!r} by a user"
    for alias in staying:
        alias.pinned = True
    new.quote_count = len(quotes)
    speaker.quote_count = max(0, (speaker.quote_count or 0) - len(quotes))
    if speaker.key in moving_keys:
        # The remaining speaker must not keep the name that now belongs to the new one.
        remaining = max(staying, key=lambda alias: (alias.count, len(alias.alias)))
        remaining_parts = name_parts(remaining.alias) if speaker.is_person else institution_parts(remaining.alias)
        speaker.name = _display_name(remaining.alias) if speaker.is_person else remaining.alias
        if remaining_parts:
            speaker.key, speaker.surname = remaining_parts.key, remaining_parts.surname
    speaker.link_reason = _append_reason(speaker.link_reason, f"split: {', '.join(wanted)} moved to speaker {new.id}")
    session.add(SpeakerCorrection(action="split", payload={
        "from_id": speaker.id, "from_name": speaker.name, "new_id": new.id, "new_name": new.name, "names": wanted,
    }))
    session.flush()
    session.expire_all()
    return new


def _pin_alias(session: Session, *, speaker: Speaker, alias: str, count: int, reason: str) -> None:
    """Add `count` uses of `alias` to `speaker` and pin it there (a user confirmed it)."""
    key = alias_key(alias, is_person=speaker.is_person) or " ".join(fold_name(alias)) or alias.casefold()
    row = session.scalars(
        select(SpeakerAlias).where(SpeakerAlias.speaker_id == speaker.id, SpeakerAlias.alias == alias)
    ).first()
    if row is None:
        session.add(SpeakerAlias(speaker_id=speaker.id, alias=alias[:500], key=key[:500], count=count,
                                 reason=reason, pinned=True))
    else:
        row.count = (row.count or 0) + count
        row.pinned = True
    session.flush()


def _append_reason(existing: str | None, addition: str) -> str:
    return f"{existing}; {addition}" if existing else addition


# --- quote families --------------------------------------------------------------------------------

# fuzz.ratio (0-100) between two normalised quotes for "the same words, with small changes".
NEAR_VERBATIM_MIN_RATIO = 90
# fuzz.partial_ratio for a shorter quote found inside a longer one (after snapping to word boundaries).
PARTIAL_MIN_RATIO = 95
# Share of words (0-1, Levenshtein over words) the shorter quote and its aligned region must share.
PARTIAL_MIN_WORD_SIMILARITY = 0.85
# A quote this short is an ordinary phrase as often as a statement ("we will see"); it joins a family
# only with the same speaker.
SAME_SPEAKER_BELOW_WORDS = 8
MIN_FAMILY_WORDS = 3
# How many candidates sharing fingerprints are scored with rapidfuzz for each new quote; fingerprints
# are hashes of word trigrams, one kept in every window of three (see quote_fingerprints).
FAMILY_CANDIDATES = 25
# Share of the smaller fingerprint set two quotes must have in common before rapidfuzz compares them.
FAMILY_MIN_SHARED_FINGERPRINTS = 0.5
FINGERPRINT_WORDS = 3
FINGERPRINT_WINDOW = 3
NEGATIONS = frozenset("not no never nothing nobody none nor neither cannot cant dont doesnt didnt isnt arent wasnt "
                      "werent wont wouldnt shouldnt couldnt havent hasnt hadnt n t".split())


@dataclass(frozen=True, slots=True)
class FamilyMatch:
    quote_id: int
    score: float
    reason: str


def match_quotes(new_text: str, known_text: str) -> FamilyMatch | None:
    """Do two normalised quote texts carry one statement? Returns the score and why, or None.

    The same words with small changes (ratio), or the shorter one inside the longer (partial
    alignment on word boundaries); a negation present in one and not the other never matches.
    """
    if not new_text or not known_text:
        return None
    shorter, longer = sorted((new_text, known_text), key=len)
    if new_text == known_text:
        return FamilyMatch(0, 100.0, "verbatim")
    # Both texts come through normalize_quote_text (the processor): no further folding here.
    ratio = fuzz.ratio(new_text, known_text, processor=None)
    if ratio >= NEAR_VERBATIM_MIN_RATIO:
        if _negations(new_text) != _negations(known_text):
            return None
        return FamilyMatch(0, ratio, f"near-verbatim (similarity {ratio:.0f})")
    alignment = fuzz.partial_ratio_alignment(shorter, longer, processor=None)
    if alignment is None or alignment.score < PARTIAL_MIN_RATIO:
        return None
    start, end = alignment.dest_start, alignment.dest_end
    while start > 0 and longer[start - 1] != " ":
        start -= 1
    while end < len(longer) and longer[end] != " ":
        end += 1
    region = longer[start:end].strip()
    score = fuzz.ratio(shorter, region, processor=None)
    # Word by word as well: a character alignment forgives a cut word ("inch of syri"), a quote does not.
    word_similarity = Levenshtein.normalized_similarity(shorter.split(), region.split())
    if (score < NEAR_VERBATIM_MIN_RATIO or word_similarity < PARTIAL_MIN_WORD_SIMILARITY
            or _negations(shorter) != _negations(region)):
        return None
    return FamilyMatch(0, score, f"partial: inside a longer quote (similarity {score:.0f})")


def _negations(text: str) -> frozenset[str]:
    return frozenset(word for word in text.split() if word in NEGATIONS)


def word_diff(earliest: str, other: str) -> list[list[str]]:
    """Word-level edits from `earliest` to `other`: [[op, earliest words, other words], ...] with op in
    equal/insert/delete/replace; words are compared normalised (case, accents, punctuation)."""
    earliest_words, other_words = earliest.split(), other.split()
    # difflib matches the longest common run first, so a partial quote reads as one kept block with
    # deletions around it, where an edit-distance alignment would scatter a stray "the".
    matcher = difflib.SequenceMatcher(
        None, [normalize_quote_text(word) for word in earliest_words],
        [normalize_quote_text(word) for word in other_words], autojunk=False,
    )
    diff: list[list[str]] = []
    for tag, earliest_start, earliest_end, other_start, other_end in matcher.get_opcodes():
        before = " ".join(earliest_words[earliest_start:earliest_end])
        after = " ".join(other_words[other_start:other_end])
        if diff and diff[-1][0] == tag:
            diff[-1][1] = f"{diff[-1][1]} {before}".strip()
            diff[-1][2] = f"{diff[-1][2]} {after}".strip()
        else:
            diff.append([tag, before, after])
    return diff


def link_article_families(session: Session, *, article: Article) -> list[QuoteFamily]:
    """Put each quote of a freshly added article into the family of the best matching quote in another
    article (creating the family if that quote had none). Returns the families that changed.

    Candidates are the stored quotes sharing the most fingerprints (one query for all of the
    article's quotes); they are scored with `match_quotes`. The article's quotes are fingerprinted
    here, so later articles can find them.
    """
    session.flush()
    quotes = [(quote, matching_text(quote)) for quote in article.quotes]
    quotes = [(quote, own_text) for quote, own_text in quotes if len(own_text.split()) >= MIN_FAMILY_WORDS]
    if not quotes:
        return []
    own_ids = {quote.id for quote in article.quotes}
    own_fingerprints = [quote_fingerprints(own_text) for _, own_text in quotes]
    candidate_lists = _fingerprint_candidates(session, probes=own_fingerprints, own_ids=own_ids)
    # Stored after the look-up, so that the article's quotes do not find each other.
    session.execute(insert(QuoteFingerprint.__table__), [
        {"fingerprint": fingerprint, "quote_id": quote.id}
        for (quote, _), fingerprints in zip(quotes, own_fingerprints) for fingerprint in fingerprints
    ])
    candidate_ids = {candidate_id for candidates in candidate_lists for candidate_id, _ in candidates}
    rows = {} if not candidate_ids else {
        # Plain rows, not ORM objects: most candidates are scored and dropped.
        row.id: row for row in session.execute(
            select(Quote.id, Quote.text, Quote.normalized, Quote.kind, Quote.verbatim, Quote.start, Quote.end,
                   Quote.speaker_id)
            .where(Quote.id.in_(candidate_ids), Quote.article_id != article.id)
        )
    }
    changed: dict[int, QuoteFamily] = {}
    for (quote, own_text), fingerprints, candidates in zip(quotes, own_fingerprints, candidate_lists):
        words = own_text.split()
        best = None
        for candidate_id, shared in candidates:
            candidate = rows.get(candidate_id)
            if candidate is None:
                continue
            candidate_text = matching_text(candidate)
            # A copy, or a part of the other, shares most of the shorter one's fingerprints; a quote
            # that merely shares a stock phrase ("the United States") shares one or two.
            candidate_words = len(candidate_text.split())
            fewest = min(len(fingerprints), expected_fingerprints(candidate_words))
            if shared < FAMILY_MIN_SHARED_FINGERPRINTS * fewest:
                continue
            shortest = min(len(words), candidate_words)
            if shortest < SAME_SPEAKER_BELOW_WORDS and (
                quote.speaker_id is None or quote.speaker_id != candidate.speaker_id
            ):
                continue
            match = match_quotes(own_text, candidate_text)
            if match is None:
                continue
            if best is None or match.score > best[0].score:
                best = (match, candidate)
        if best is None:
            continue
        match, candidate_row = best
        candidate = session.get(Quote, candidate_row.id)
        family = candidate.family
        if family is None:
            family = QuoteFamily(member_count=0)
            session.add(family)
            session.flush()
            candidate.family_id = family.id
            candidate.family_reason = f"{match.reason}, with quote {quote.id}"
        quote.family_id = family.id
        quote.family_reason = f"{match.reason}, with quote {candidate.id}"
        changed[family.id] = family
    session.flush()
    for family in changed.values():
        refresh_family(session, family=family)
    return list(changed.values())


def _fingerprint_candidates(
    session: Session, *, probes: list[set[int]], own_ids: set[int]
) -> list[list[tuple[int, int]]]:
    """For each set of fingerprints, (quote id, fingerprints shared) of the stored quotes sharing the
    most (at most FAMILY_CANDIDATES), in one query for all sets."""
    everything = set().union(*probes) if probes else set()
    if not everything:
        return [[] for _ in probes]
    owners: dict[int, list[int]] = {}
    for fingerprint, quote_id in session.execute(
        select(QuoteFingerprint.fingerprint, QuoteFingerprint.quote_id)
        .where(QuoteFingerprint.fingerprint.in_(everything))
    ):
        if quote_id not in own_ids:
            owners.setdefault(fingerprint, []).append(quote_id)
    results = []
    for fingerprints in probes:
        shared = Counter(quote_id for fingerprint in fingerprints for quote_id in owners.get(fingerprint, ()))
        results.append(shared.most_common(FAMILY_CANDIDATES))
    return results


def quote_fingerprints(text: str) -> set[int]:
    """Winnowed fingerprints of a normalised quote: hashes of word trigrams, the smallest in every run
    of FINGERPRINT_WINDOW consecutive ones (Schleimer, Wilkerson and Aiken's winnowing).

    Two quotes sharing FINGERPRINT_WINDOW + 2 consecutive words (five) share a fingerprint, so verbatim
    copies, copies with a changed word and partial quotes inside longer ones all find each other.
    """
    words = text.split()
    if len(words) < FINGERPRINT_WORDS:
        return {_hash_words(words)} if words else set()
    hashes = [_hash_words(words[index:index + FINGERPRINT_WORDS])
              for index in range(len(words) - FINGERPRINT_WORDS + 1)]
    if len(hashes) <= FINGERPRINT_WINDOW:
        return {min(hashes)}
    return {min(hashes[index:index + FINGERPRINT_WINDOW]) for index in range(len(hashes) - FINGERPRINT_WINDOW + 1)}


def expected_fingerprints(word_count: int) -> float:
    """About how many fingerprints winnowing keeps for a quote of `word_count` words (2 in every
    FINGERPRINT_WINDOW + 1 trigrams), without hashing it."""
    trigrams = word_count - FINGERPRINT_WORDS + 1
    return max(1.0, 1 + (trigrams - FINGERPRINT_WINDOW) * 2 / (FINGERPRINT_WINDOW + 1))


def _hash_words(words: list[str]) -> int:
    # A stable 63-bit hash (Python's hash() differs between processes); fits a signed BIGINT.
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def matching_text(quote) -> str:
    """What a quote (a Quote or a row with its columns) is matched on: for a mixed quote only its
    verbatim words (the reporter's paraphrase around them differs between outlets), otherwise the whole
    normalised text."""
    if quote.kind == "mixed" and quote.verbatim:
        pieces = [quote.text[start - quote.start:end - quote.start] for start, end in quote.verbatim
                  if quote.start <= start < end <= quote.end]
        if pieces:
            return normalize_quote_text(" ".join(pieces))
    return quote.normalized


def refresh_family(session: Session, *, family: QuoteFamily) -> None:
    """Re-order a family by publication and recompute each member's word-level diff from the earliest."""
    members = list(session.scalars(
        select(Quote).join(Article, Article.id == Quote.article_id).where(Quote.family_id == family.id)
        .order_by(*family_order())
    ))
    if not members:
        return
    earliest = members[0]
    # A new earliest member changes every diff; otherwise only the members without one need theirs.
    recompute_all = family.earliest_quote_id != earliest.id
    family.earliest_quote_id = earliest.id
    family.member_count = len(members)
    for member in members:
        if recompute_all or member.family_diff is None:
            member.family_diff = word_diff(earliest.text, member.text)
    session.flush()
