"""A user's corrections of speaker linking: merge two speakers, split names off one; both are pinned and recorded."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.linking.names import alias_key, display_name
from app.store.models import Quote, Speaker, SpeakerAlias, SpeakerCorrection, SpeakerTitle
from nlp.vocabulary.names import NameParts, fold_name, institution_parts, name_parts


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
        matches = [session.get_one(Speaker, speaker_id) for speaker_id in dict.fromkeys(owners)]
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
    new = Speaker(name=display_name(display) if speaker.is_person else display, key=parts.key,
                  surname=parts.surname if speaker.is_person else None,
                  is_person=speaker.is_person, kind=speaker.kind, quote_count=0,
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
        speaker.name = display_name(remaining.alias) if speaker.is_person else remaining.alias
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

