"""Cue frames read from nlp/resources/cue_frames.txt: for a reporting verb, where its content is and who says it."""
from __future__ import annotations

from dataclasses import dataclass

from nlp.vocabulary.wordlists import rows, words

FRAMES_FILE = "cue_frames.txt"
LEMMA_FIXES_FILE = "lemma_fixes.txt"
DATA_SOURCES_FILE = "data_sources.txt"

# What each column may say; a row outside these is a mistake in the resource, reported on loading.
CONTENT_DEPENDENCIES = frozenset({"ccomp", "xcomp", "dobj", "pobj", "complements"})
SUBJECTS = frozenset({"any", "source", "named", "data", "data-or-named"})
FRAME_RULES = frozenset({"reported.infinitive", "reported.object", "reported.prep-object", "reported.phrasal",
                         "reported.finding", "reported.data", "reported.judgement"})
NO_PARTICLE = "-"
# Who a headline's name may be besides a person or an organisation: a poll or study, or the
# newspaper or campaign that speaks for itself ("Stealth Over Health - Campaign").
HEADLINE_SOURCE_NOUNS = frozenset({"newspaper", "paper", "camp", "campaign"})


@dataclass(frozen=True)
class CueFrame:
    lemma: str
    particle: str | None  # "out" in "point out"; None for a verb on its own
    content: str  # the dependency holding the content, one of CONTENT_DEPENDENCIES
    subject: str  # who must be the subject, one of SUBJECTS
    rule: str  # the rule that reads the row, one of FRAME_RULES


def read_frames(name: str = FRAMES_FILE) -> list[CueFrame]:
    frames = []
    for number, row in enumerate(rows(name), start=1):
        if len(row) != 5:
            raise ValueError(f"{name}: row {number} {row!r} has {len(row)} columns; "
                             "expected lemma, particle, content, subject, rule")
        lemma, particle, content, subject, rule = row
        if content not in CONTENT_DEPENDENCIES or subject not in SUBJECTS or rule not in FRAME_RULES:
            raise ValueError(f"{name}: row {number} {row!r}: content must be one of {sorted(CONTENT_DEPENDENCIES)}, "
                             f"subject one of {sorted(SUBJECTS)}, rule one of {sorted(FRAME_RULES)}")
        frames.append(CueFrame(lemma.lower(), None if particle == NO_PARTICLE else particle.lower(),
                               content, subject, rule))
    return frames


class Frames:
    """The cue frames indexed for the rules, with the word lists they share; built once per component."""

    def __init__(self, frames: list[CueFrame], lemma_fixes: dict[str, str], data_sources: frozenset[str]):
        self.lemma_fixes = lemma_fixes
        # Poll and study subjects are asked of nlp.sources.source_kind (evidence data-source-lemma);
        # a headline's source is matched on its last word's lemma here.
        self.headline_sources = data_sources | HEADLINE_SOURCE_NOUNS
        self._by_rule: dict[str, dict[tuple[str, str | None], CueFrame]] = {rule: {} for rule in FRAME_RULES}
        for frame in frames:
            self._by_rule[frame.rule][(frame.lemma, frame.particle)] = frame
        self._lemmas = {rule: frozenset(lemma for lemma, _ in rows) for rule, rows in self._by_rule.items()}
        self.framed_lemmas: frozenset[str] = frozenset().union(*self._lemmas.values())

    @classmethod
    def load(cls) -> Frames:
        fixes = {row[0].lower(): row[1].lower() for row in rows(LEMMA_FIXES_FILE)}
        return cls(read_frames(), fixes, words(DATA_SOURCES_FILE))

    def get(self, rule: str, lemma: str, particle: str | None = None) -> CueFrame | None:
        """The frame a rule reads for this lemma (and particle), if the resource has one."""
        return self._by_rule[rule].get((lemma, particle))

    def lemmas(self, rule: str) -> frozenset[str]:
        """The lemmas a rule has frames for."""
        return self._lemmas[rule]
