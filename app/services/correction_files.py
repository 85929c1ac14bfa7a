"""Speaker corrections (a user's merges and splits) written to a JSON Lines file and replayed from one, so a
collection rebuilt from scratch keeps them; replaying is idempotent and goes by names, not ids, which a
rebuild changes."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.services.linking import CorrectionError, merge_speakers, split_speaker
from app.store import queries
from app.store.models import Speaker, SpeakerCorrection

FILE_VERSION = 1


def correction_record(correction: SpeakerCorrection) -> dict[str, Any]:
    """A recorded correction as a file line's object: names only, since ids change when a collection is rebuilt."""
    payload = correction.payload or {}
    if correction.action == "merge":
        record: dict[str, Any] = {"action": "merge", "into": payload.get("into_name"),
                                  "merged": payload.get("merged_name"), "names": payload.get("names", [])}
    else:
        record = {"action": correction.action, "from": payload.get("from_name"),
                  "new_name": payload.get("new_name"), "names": payload.get("names", [])}
    return record


def correction_key(record: dict[str, Any]) -> str:
    """What makes two correction records the same correction: the action and the names it is about."""
    if record.get("action") == "merge":
        who = [str(record.get("into") or "").casefold(), str(record.get("merged") or "").casefold()]
    else:
        who = sorted(str(name).casefold() for name in record.get("names") or [])
    return json.dumps([record.get("action"), who], ensure_ascii=False)


def correction_lines(session: Session) -> Iterator[str]:
    """Every recorded correction, oldest first, as one JSON line each (the order they must be replayed in)."""
    for correction in queries.list_speaker_corrections(session):
        record = correction_record(correction)
        record["version"] = FILE_VERSION
        record["created_at"] = correction.created_at.isoformat() if correction.created_at else None
        yield json.dumps(record, ensure_ascii=False) + "\n"


def _recorded_keys(session: Session) -> set[str]:
    """The keys of every correction this collection holds, and of the file lines it was imported from (a
    replayed merge records the names as this collection spells them, which may differ from the file's)."""
    keys = set()
    for correction in queries.list_speaker_corrections(session):
        keys.add(correction_key(correction_record(correction)))
        imported = (correction.payload or {}).get("imported_as")
        if isinstance(imported, str):
            keys.add(imported)
    return keys


@dataclass
class ImportSummary:
    applied: int = 0
    unchanged: int = 0  # already true of this collection: importing twice changes nothing
    problems: list[str] = field(default_factory=list)  # one line each: "corrections.jsonl:3: why"

    def render(self) -> str:
        return (f"{self.applied} correction(s) applied, {self.unchanged} already in place, "
                f"{len(self.problems)} skipped")


def _one_speaker(session: Session, name: str) -> Speaker | None:
    """The one speaker called `name`; None when none is; CorrectionError when several are."""
    found = queries.speakers_called(session, name=name)
    if len(found) > 1:
        raise CorrectionError(f"{name!r} names several speakers ({', '.join(map(str, found))}); merge them first")
    return session.get(Speaker, found[0]) if found else None


def _text_list(record: dict[str, Any], key: str) -> list[str]:
    values = record.get(key)
    if not isinstance(values, list) or not values or not all(isinstance(value, str) and value.strip()
                                                              for value in values):
        raise CorrectionError(f"{key!r} must be a list of names")
    return [value.strip() for value in values]


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CorrectionError(f"{key!r} must be a name")
    return value.strip()


def apply_correction(session: Session, record: dict[str, Any]) -> bool:
    """Replay one correction record; True if it changed the collection, False if it already held.
    Raises CorrectionError (nothing changed) when it cannot be applied here."""
    action = record.get("action")
    if action == "merge":
        into_name, names = _text(record, "into"), _text_list(record, "names")
        into = _one_speaker(session, into_name)
        if into is None:
            raise CorrectionError(f"no speaker named {into_name!r} in this collection")
        others: dict[int, Speaker] = {}
        for name in [_text(record, "merged"), *names]:
            other = _one_speaker(session, name)
            if other is not None and other.id != into.id:
                others[other.id] = other
        if not others:
            return False
        for other in others.values():
            into = merge_speakers(session, into=into, other=other)
        return True
    if action == "split":
        names = _text_list(record, "names")
        owners = {speaker_id for name in names for speaker_id in queries.speakers_called(session, name=name)}
        if not owners:
            raise CorrectionError(f"no speaker is named {', '.join(map(repr, names))} in this collection")
        if len(owners) > 1:
            return False  # the names are already apart
        owner = session.get_one(Speaker, owners.pop())
        wanted = {name.casefold() for name in names}
        if all(name.casefold() in wanted for name in queries.speaker_alias_names(session, speaker_id=owner.id)):
            return False  # the names already make a speaker of their own
        new_name = record.get("new_name")
        split_speaker(session, speaker=owner, names=names, new_name=new_name if isinstance(new_name, str) else None)
        return True
    raise CorrectionError(f"action must be 'merge' or 'split', not {action!r}")


def import_corrections(session: Session, lines: Iterable[str], *, source: str) -> ImportSummary:
    """Replay correction lines in order, each in its own transaction; a line that cannot be applied is
    reported (one line, with its number) and the rest go on. A line whose correction this collection
    already records is skipped as in place, so importing a file twice changes nothing the second time
    (even a merge later undone by a split)."""
    summary = ImportSummary()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise CorrectionError("not a JSON object")
            key = correction_key(record)
            if key in _recorded_keys(session):
                summary.unchanged += 1
                continue
            newest = max((correction.id for correction in queries.list_speaker_corrections(session)), default=0)
            changed = apply_correction(session, record)
            for correction in queries.list_speaker_corrections(session):
                if correction.id > newest:
                    correction.payload = {**(correction.payload or {}), "imported_as": key}
            session.commit()
        except json.JSONDecodeError as error:
            session.rollback()
            summary.problems.append(f"{source}:{number}: not JSON ({error.msg})")
            continue
        except CorrectionError as error:
            session.rollback()
            summary.problems.append(f"{source}:{number}: {error}")
            continue
        if changed:
            summary.applied += 1
        else:
            summary.unchanged += 1
    return summary
