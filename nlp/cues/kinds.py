"""Cue kinds: what sort of expression cued a statement, how far it is trusted, how its mention is labelled.

One table for the strings that travel on `span._.qt_cue_kind`. The speaker stage labels a mention
that the cue itself names ("according to X", "X: …"); the resolution stage multiplies a resolved
speaker's confidence by the kind's.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CueKind:
    name: str
    # How far an attribution through this kind of cue is trusted, before resolution's own factor:
    # a reporting verb's subject is the surest, a dash after a headline the least.
    confidence: float
    # How the speaker stage describes a mention that the cue names itself (`source_token`);
    # None when the speaker is the subject of the cue word instead. "{cue}" is the cue word.
    mention_label: str | None


VERB = "verb"  # "said", "told reporters", "vowed to"
NOUN = "noun"  # "Clinton's claim that …", "expressed hope that …"
ACCORDING = "according"  # "according to X"
IN = "in"  # "In the latest poll, …"
COLON = "colon"  # `Smith: "…"`, a transcript's "WALLACE: …"
DASH = "dash"  # `"…" - Assad`
INTERVIEW = "interview"  # the "A:" of a printed interview

CUE_KINDS: dict[str, CueKind] = {kind.name: kind for kind in (
    CueKind(VERB, 0.95, None),
    CueKind(NOUN, 0.9, "possessor of '{cue}'"),
    CueKind(ACCORDING, 0.93, "object of 'according to'"),
    CueKind(IN, 0.9, "object of 'in'"),
    CueKind(COLON, 0.85, "name before the colon"),
    CueKind(DASH, 0.8, "name after the dash"),
    CueKind(INTERVIEW, 0.9, None),
)}

# A statement with no cue (its speaker comes from the neighbouring sentences) is trusted less.
UNCUED_CONFIDENCE = 0.8


def cue_confidence(kind: str | None) -> float:
    """The confidence of an attribution through a cue of this kind (UNCUED_CONFIDENCE without one)."""
    found = CUE_KINDS.get(kind or "")
    return found.confidence if found is not None else UNCUED_CONFIDENCE


def mention_label(kind: str | None, cue_word: str | None = None) -> str | None:
    """How a mention named by the cue itself is described ("object of 'according to'"), or None."""
    found = CUE_KINDS.get(kind or "")
    if found is None or found.mention_label is None:
        return None
    if cue_word is None:
        return found.mention_label.replace("'{cue}'", "the cue")  # "possessor of the cue"
    return found.mention_label.format(cue=cue_word)
