"""The `link` pass: re-link every stored quote's speaker from the articles' names, without re-running the pipeline.

Reads each article's printed speaker names, the roles its quotes give them, the mentions and the
people it names (articles.people), groups them with `identity.identify`, keeps every user's
correction (a pinned alias stays on its speaker), and rewrites speakers, aliases, titles and each
quote's speaker. The same store gives the same speakers whatever order its articles came in.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import cast

from rapidfuzz import fuzz
from sqlalchemy import ColumnElement, Table, and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.services.linking.families import HEADLINE_ENDINGS
from app.services.linking.identity import Identities, NameUse, identify
from app.services.linking.names import alias_key, alias_names_person, opens_with_given_name
from app.services.linking.speakers import names_a_document, names_an_owner, speaker_kind
from app.store.models import UNLINKED_SOURCE_TYPES, Article, Quote, Speaker, SpeakerAlias, SpeakerTitle
from nlp.vocabulary.names import (
    SURNAME_MIN_RATIO,
    acronym_of,
    fold_name,
    institution_parts,
    looks_like_acronym,
    name_parts,
    organisation_key,
    role_title,
)

# How many link reasons a speaker's summary keeps (the aliases keep each their own).
REASONS_IN_SUMMARY = 12


@dataclass(frozen=True, slots=True)
class RelinkReport:
    """What one `link` pass changed."""

    quotes: int  # quotes with a linked source
    quotes_moved: int  # quotes whose speaker changed
    speakers: int  # speakers after the pass
    speakers_removed: int
    unresolved: int  # speakers left unresolved (a surname that fits several people)
    moved_ids: frozenset[int] = field(default=frozenset(), repr=False, compare=False)  # quotes moved

    def render(self) -> str:
        return (f"linked {self.quotes} quote(s) to {self.speakers} speaker(s): {self.quotes_moved} quote(s) moved, "
                f"{self.speakers_removed} speaker(s) removed, {self.unresolved} unresolved")


@dataclass(slots=True)
class _ArticleName:
    quote_ids: list[int]
    types: set[str | None]
    titles: Counter[str]
    mentions: set[str]


def collect_uses(session: Session, *, where: ColumnElement[bool] | None = None
                 ) -> tuple[list[NameUse], dict[tuple[int, str], _ArticleName]]:
    """Every (article, printed name) with quotes to link (those matching `where`, if given), as NameUses,
    and the quotes behind each."""
    by_name: dict[tuple[int, str], _ArticleName] = {}
    statement = (select(Quote.id, Quote.article_id, Quote.speaker_name, Quote.speaker_type, Quote.speaker_title,
                        Quote.mention).where(Quote.speaker_name.is_not(None)).order_by(Quote.id))
    if where is not None:
        statement = statement.where(where)
    for quote_id, article_id, name, source_type, title, mention in session.execute(statement):
        if source_type in UNLINKED_SOURCE_TYPES or not name or not name.strip():
            continue
        entry = by_name.setdefault((article_id, name), _ArticleName([], set(), Counter(), set()))
        entry.quote_ids.append(quote_id)
        entry.types.add(source_type)
        if title and (cleaned := role_title(title)):
            entry.titles[cleaned] += 1
        if mention:
            entry.mentions.add(mention)
    article_ids = sorted({article_id for article_id, _ in by_name})
    people: dict[int, dict[str, dict]] = {}
    for article_id, records in session.execute(select(Article.id, Article.people).where(Article.id.in_(article_ids))):
        people[article_id] = {}
        for record in records or []:
            for name in (record.get("name"), *record.get("aliases", [])):
                if name:
                    people[article_id].setdefault(name, record)
    headline_only = _names_only_in_headlines(session, names=[key for key in by_name if len(key[1].split()) > 1])
    uses = []
    for (article_id, name), entry in by_name.items():
        person = people.get(article_id, {}).get(name)
        kind = speaker_kind(name, types=entry.types, known_person=person is not None)
        if kind is None:
            continue
        titles = set(entry.titles)
        titles |= {cleaned for title in (person or {}).get("titles", []) if (cleaned := role_title(title))}
        aliases = set(entry.mentions) | set((person or {}).get("aliases", []))
        if kind == "person":
            aliases = {alias for alias in aliases if alias_names_person(alias, name)}
        else:
            # "The company", "the bureau" describe a body, and "The statement", "A Bloomberg poll" are a document
            # it issued: neither is a name of the body to list beside it.
            aliases = {alias for alias in aliases if names_an_owner(alias) and not names_a_document(alias)}
        read_as = name.split()[-1] if (article_id, name) in headline_only and kind == "person" else None
        if read_as is None and kind == "person":
            read_as = _fuller_name(name, aliases)
        if read_as is None and kind == "person" and name.isupper() and len(name) >= 6:
            # A transcript label ("WALLACE:") is a name printed in capitals; shorter capitals are as often an
            # acronym ("MSNBC"), left as printed.
            read_as = name.title()
        uses.append(NameUse(article_id=article_id, name=name, is_person=kind == "person", titles=frozenset(titles),
                            aliases=frozenset(aliases - {name}), read_as=read_as,
                            from_headline=(article_id, name) in headline_only and kind == "person"))
    return uses, by_name


def _names_only_in_headlines(session: Session, *, names: list[tuple[int, str]]) -> set[tuple[int, str]]:
    """The (article, name) pairs whose name the article prints in its first paragraph (the headline) and
    nowhere in its body, and whose first word is no listed given name: a headline's run of capitalised
    words ("Derelict Obama", "Breaks With Obama") is not a name the article gives anyone."""
    by_article: dict[int, list[str]] = defaultdict(list)
    for article_id, name in names:
        by_article[article_id].append(name)
    found: set[tuple[int, str]] = set()
    for article_id, text, paragraphs in session.execute(
        select(Article.id, Article.text, Article.paragraphs).where(Article.id.in_(sorted(by_article)))
    ) if by_article else ():
        if not paragraphs or len(paragraphs) < 2:
            continue
        body = text[paragraphs[1][0]:]
        headline = text[paragraphs[0][0]:paragraphs[0][1]]
        if headline.rstrip().endswith(HEADLINE_ENDINGS):
            continue  # the first paragraph ends a sentence: it is the story's first paragraph, no headline
        found |= {(article_id, name) for name in by_article[article_id]
                  if name in headline and name not in body and not opens_with_given_name(name)}
    return found


def _fuller_name(name: str, aliases: set[str]) -> str | None:
    """The article's own fuller name for a person it quotes by surname ("Holtz-Eakin" when it also
    prints "Douglas Holtz-Eakin"): the most specific alias with the same surname, if all such aliases
    share one first given name."""
    parts = name_parts(name)
    if parts is None or parts.given:
        return None
    fuller = [(alias, alias_parts) for alias in sorted(aliases)
              if (alias_parts := name_parts(alias)) is not None and alias_parts.surname == parts.surname
              and alias_parts.given and len(alias_parts.given[0]) > 1 and alias[:1].isupper()]
    if not fuller or len({alias_parts.given[0] for _, alias_parts in fuller}) != 1:
        return None
    return max(fuller, key=lambda pair: (len(pair[1].given), pair[0]))[0]


def _scope_of_articles(session: Session, article_ids: list[int]) -> ColumnElement[bool]:
    """The quotes new articles' names can change the speakers of: their own, and those of every speaker
    whose surname one of their people's can share a surname group with (see _related_surnames), or that
    is an organisation (acronyms join across the collection)."""
    uses, _ = collect_uses(session, where=Quote.article_id.in_(article_ids))
    surnames = _related_surnames(session, {parts.surname for use in uses if use.is_person
                                           if (parts := name_parts(use.reading)) is not None})
    # Organisations group by name, and an acronym with its expansion: those sharing a name's first letters
    # (a "person" may turn out to be one too), or written like an acronym; every one if an article
    # prints an acronym itself.
    if any(looks_like_acronym(use.name) for use in uses):
        organisations = Speaker.kind == "organisation"
    else:
        starts = sorted({key[:3] for use in uses for key in (organisation_key(use.name),
                                                              acronym_of(organisation_key(use.name)) or "") if key})
        organisations = and_(Speaker.kind == "organisation", or_(
            and_(~Speaker.key.contains(" "), func.length(Speaker.key) <= 6), *_starting(Speaker.key, starts)))
    # And every speaker the articles' quotes were given at ingest, with all its quotes: a speaker is
    # re-linked whole or not at all.
    given = select(Quote.speaker_id).where(Quote.article_id.in_(article_ids), Quote.speaker_id.is_not(None))
    in_scope = [organisations, Speaker.id.in_(given)]
    if surnames:
        in_scope.append(Speaker.surname.in_(surnames))
    speaker_ids = select(Speaker.id).where(or_(*in_scope))
    return or_(Quote.article_id.in_(article_ids), Quote.speaker_id.in_(speaker_ids))


def _related_surnames(session: Session, surnames: set[str]) -> list[str]:
    """The surnames of stored speakers that can fall in one surname group with `surnames`: linked to one
    of them by a chain of spellings with the same first three letters, each similar to the next
    (identity._surname_groups joins only such spellings, and a chain's grouping depends on its members
    alone). Narrower than every speaker sharing the three letters: most such surnames are other names."""
    prefixes = sorted({surname[:3] for surname in surnames})
    stored: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(prefixes), 500):
        for surname in session.scalars(select(Speaker.surname).distinct().where(
                or_(*_starting(Speaker.surname, prefixes[start:start + 500])))):
            if surname:
                stored[surname[:3]].add(surname)
    found = set(surnames)
    frontier = sorted(surnames)
    while frontier:
        surname = frontier.pop()
        for other in sorted(stored.get(surname[:3], ())):
            if other not in found and fuzz.ratio(surname, other, processor=None) >= SURNAME_MIN_RATIO:
                found.add(other)
                frontier.append(other)
    return sorted(found)


# Up to this many prefixes, one indexed range each; more (a batch of many articles) are matched on the
# column's first three letters, which reads the speakers table once.
PREFIX_RANGES = 20


def _starting(column, prefixes: list[str]) -> list[ColumnElement[bool]]:
    """Conditions "column starts with one of `prefixes`" (each three letters or fewer)."""
    if not prefixes:
        return []
    if len(prefixes) <= PREFIX_RANGES:
        return [column.startswith(prefix) for prefix in prefixes]
    short = [prefix for prefix in prefixes if len(prefix) < 3]
    return [func.substr(column, 1, 3).in_([prefix for prefix in prefixes if len(prefix) == 3]),
            *(column.startswith(prefix) for prefix in short)]


def relink_collection(session: Session, *, article_id: int | None = None,
                      article_ids: list[int] | None = None) -> RelinkReport:
    """Link every stored quote's speaker again under the current rules; corrections (pinned aliases) hold.

    With `article_ids` (articles just added; `article_id` for one), only the speakers their names can
    affect are re-linked (see _scope_of_articles): the same answer for them as a whole pass, at the cost
    of a few surnames. The report names the quotes whose speaker changed (families compare short quotes
    by speaker, so the link phase re-matches those).
    """
    if article_id is not None:
        article_ids = [*(article_ids or []), article_id]
    scope = _scope_of_articles(session, sorted(set(article_ids))) if article_ids else None
    uses, by_name = collect_uses(session, where=scope)
    found = identify(uses)
    use_of = {(use.article_id, use.name): use for use in uses}
    pins, pinned_pairs = _pins(session)
    current_statement = select(Quote.id, Quote.speaker_id).where(Quote.speaker_name.is_not(None))
    if scope is not None:
        current_statement = current_statement.where(scope)
    current: dict[int, int | None] = {
        quote_id: speaker_id for quote_id, speaker_id in session.execute(current_statement)}

    # Which speaker row each identity (or a pinned name inside it) lands on.
    members: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for use_key, identity_key in found.uses.items():
        members[identity_key].append(use_key)
    target_of_use: dict[tuple[int, str], int | str] = {}
    claimed: set[int] = set(pins.values())
    order = sorted(members, key=lambda key: (-sum(len(by_name[use].quote_ids) for use in members[key]), key))
    for identity_key in order:
        uses_here = sorted(members[identity_key])
        pinned = Counter(pins[name] for _, name in uses_here if name in pins)
        if pinned:
            fallback: int | str = min(pinned, key=lambda speaker_id: (-pinned[speaker_id], speaker_id))
        else:
            held = Counter(speaker_id for use in uses_here for quote_id in by_name[use].quote_ids
                           if (speaker_id := current.get(quote_id)) is not None and speaker_id not in claimed)
            fallback = min(held, key=lambda speaker_id: (-held[speaker_id], speaker_id)) if held else identity_key
            if isinstance(fallback, int):
                claimed.add(fallback)
        for use in uses_here:
            target_of_use[use] = pins.get(use[1], fallback)

    # One speaker row per target: existing ones are rewritten, new ones created.
    speakers_statement = select(Speaker)
    if scope is not None:
        # The speakers of the scope's quotes: a surname's or an organisation's, whatever their quotes now.
        holding = {speaker_id for speaker_id in current.values() if speaker_id is not None}
        speakers_statement = speakers_statement.where(Speaker.id.in_(holding | {
            target for target in target_of_use.values() if isinstance(target, int)}))
    existing = {speaker.id: speaker for speaker in session.scalars(speakers_statement)}
    targets: dict[int | str, Speaker] = {}
    for target in sorted(set(target_of_use.values()), key=str):
        if isinstance(target, int) and target in existing:
            targets[target] = existing[target]
        else:
            speaker = Speaker(name="", key="", quote_count=0)
            session.add(speaker)
            targets[target] = speaker
    session.flush()

    grouped: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for use, target in target_of_use.items():
        grouped[targets[target].id].append(use)
    moved: list[dict[str, int | None]] = []
    for speaker_id, uses_here in grouped.items():
        for use in uses_here:
            for quote_id in by_name[use].quote_ids:
                if current.get(quote_id) != speaker_id:
                    moved.append({"id": quote_id, "speaker_id": speaker_id})
    linked_quote_ids = {quote_id for use in target_of_use for quote_id in by_name[use].quote_ids}
    for quote_id, speaker_id in current.items():
        if speaker_id is not None and quote_id not in linked_quote_ids:
            moved.append({"id": quote_id, "speaker_id": None})
    if moved:
        session.execute(update(Quote), moved)

    rewritten = set(existing) | {speaker.id for speaker in targets.values()}
    session.execute(delete(SpeakerTitle).where(SpeakerTitle.speaker_id.in_(rewritten)))
    session.execute(delete(SpeakerAlias).where(SpeakerAlias.pinned.is_(False), SpeakerAlias.speaker_id.in_(rewritten)))
    pinned_rows: dict[tuple[int, str], SpeakerAlias | None] = {
        (row.speaker_id, row.alias): row
        for row in session.scalars(select(SpeakerAlias).where(SpeakerAlias.speaker_id.in_(rewritten)))}
    for row in pinned_rows.values():
        if row is not None:
            row.count = 0
    new_aliases: list[dict] = []
    new_titles: list[dict] = []
    unresolved = 0
    for speaker_id, uses_here in sorted(grouped.items()):
        speaker = session.get_one(Speaker, speaker_id)
        identities = Counter(found.uses[use] for use in uses_here)
        identity = found.identities[min(identities, key=lambda key: (-identities[key], key))]
        _describe(speaker, identity=identity, found=found, uses=uses_here, pinned_pairs=pinned_pairs)
        unresolved += int(speaker.unresolved)
        speaker.quote_count = sum(len(by_name[use].quote_ids) for use in uses_here)
        aliases: Counter[str] = Counter()
        reasons: dict[str, str] = {}
        titles: Counter[str] = Counter()
        for use in uses_here:
            aliases[use[1]] += len(by_name[use].quote_ids)
            reasons.setdefault(use[1], found.identities[found.uses[use]].reasons.get(use[1], ""))
            for alias in use_of[use].aliases:
                aliases.setdefault(alias, 0)
            titles.update(by_name[use].titles)
        # A title the article gives a person without quoting them under it counts once, if no quote did:
        # decided after every use's quotes are counted, so the count does not depend on the uses' order.
        for use in uses_here:
            for title in use_of[use].titles:
                titles.setdefault(title, 1)
        for alias, count in sorted(aliases.items()):
            alias = alias.strip()[:500]
            key = _alias_key_for(speaker, alias)
            if not alias or not key or (count == 0 and not _names_the_speaker(speaker, alias)):
                continue
            if (speaker.id, alias) in pinned_rows:
                row = pinned_rows[(speaker.id, alias)]
                if row is not None:
                    row.count = (row.count or 0) + count
                continue
            pinned_rows[(speaker.id, alias)] = None  # written below, once
            new_aliases.append({"speaker_id": speaker.id, "alias": alias, "key": key[:500], "count": count,
                                "reason": reasons.get(alias) or f"{alias!r}: another name the article uses for "
                                                                  f"{speaker.name!r}", "pinned": False})
        new_titles.extend({"speaker_id": speaker.id, "title": title[:500], "count": count}
                          for title, count in sorted(titles.items()))
    session.flush()
    if new_aliases:
        session.execute(insert(cast(Table, SpeakerAlias.__table__)), new_aliases)
    if new_titles:
        session.execute(insert(cast(Table, SpeakerTitle.__table__)), new_titles)
    kept = {speaker.id for speaker in targets.values()}
    pinned_owners = {speaker_id for speaker_id, _ in pinned_rows}
    removable = [speaker_id for speaker_id in existing if speaker_id not in kept and speaker_id not in pinned_owners]
    if removable:
        session.execute(delete(Speaker).where(Speaker.id.in_(removable)))
    for speaker_id in pinned_owners - kept:
        if speaker_id in existing:
            existing[speaker_id].quote_count = 0
    session.flush()
    session.expire_all()
    return RelinkReport(quotes=len(linked_quote_ids), quotes_moved=len(moved), speakers=len(kept),
                        speakers_removed=len(removable), unresolved=unresolved,
                        moved_ids=frozenset(cast(int, row["id"]) for row in moved))


def _pins(session: Session) -> tuple[dict[str, int], set[tuple[int, str]]]:
    """Printed name -> the speaker a user's merge or split pinned it to (the lowest id if several), and
    every pinned (speaker id, name)."""
    pins: dict[str, int] = {}
    pairs: set[tuple[int, str]] = set()
    for alias, speaker_id in session.execute(
        select(SpeakerAlias.alias, SpeakerAlias.speaker_id).where(SpeakerAlias.pinned.is_(True))
        .order_by(SpeakerAlias.speaker_id)
    ):
        pins.setdefault(alias, speaker_id)
        pairs.add((speaker_id, alias))
    return pins, pairs


def _describe(speaker: Speaker, *, identity, found: Identities, uses: list[tuple[int, str]],
              pinned_pairs: set[tuple[int, str]]) -> None:
    """Give a speaker row its identity's name, key, kind and reasons."""
    speaker.is_person = identity.is_person
    speaker.kind = "person" if identity.is_person else "organisation"
    speaker.unresolved = not identity.resolved
    # (A set of pinned pairs read once, not each speaker's aliases loaded one speaker at a time.)
    pinned_name = speaker.name if speaker.name and (speaker.id, speaker.name) in pinned_pairs else None
    speaker.name = pinned_name or identity.display
    if identity.is_person:
        parts = name_parts(speaker.name)
        speaker.key = parts.key if parts else " ".join(fold_name(speaker.name))
        speaker.surname = parts.surname if parts else None
    else:
        # The key ingest-time linking looks names up by (organisation_key only groups them here).
        speaker.key = alias_key(speaker.name, is_person=False) or speaker.name.casefold()
        speaker.surname = None
    # In the order of the printed names (not of article ids, which depend on the order articles came in).
    reasons = list(dict.fromkeys(found.identities[found.uses[use]].reasons.get(use[1], "")
                                 for use in sorted(uses, key=lambda use: (use[1], use[0]))))
    reasons = [reason for reason in reasons if reason]
    summary = "; ".join(reasons[:REASONS_IN_SUMMARY])
    if len(reasons) > REASONS_IN_SUMMARY:
        summary += f"; and {len(reasons) - REASONS_IN_SUMMARY} more (see the aliases)"
    speaker.link_reason = summary or None


def _alias_key_for(speaker: Speaker, alias: str) -> str:
    return alias_key(alias, is_person=speaker.is_person) or " ".join(fold_name(alias))


def _names_the_speaker(speaker: Speaker, alias: str) -> bool:
    """An article's other name for a speaker that is a name of it, not a role ("the president")."""
    if not speaker.is_person:
        parts = institution_parts(alias)
        return parts is not None and alias[:1].isupper()
    parts = name_parts(alias)
    return parts is not None and parts.surname == (speaker.surname or "") and alias[:1].isupper()
