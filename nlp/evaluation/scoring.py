"""Scoring predicted statements against gold ones: spans, one-to-one matching, names, the report's numbers."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from nlp.vocabulary.marks import APOSTROPHE_SHAPED_SINGLES, DOUBLE_MARKS
from nlp.vocabulary.names import HONORIFICS_IN_NAME_KEYS

Span = tuple[int, int]

# Overlap levels of the report: the share of the gold statement's characters that the predicted
# statement covers must reach the level; "exact" compares the trimmed spans (see `trimmed_span`).
OVERLAP_LEVELS: tuple[float | str, ...] = (0.3, 0.8, "exact")
KIND_GROUPS = ("direct+mixed", "all")
QUOTED_KINDS = ("direct", "mixed")

# Trimmed from both ends of a span before exact comparison: annotation conventions differ on
# whether outer quote marks, the final period and the complementiser "that" belong to the content.
_TRIM_CHARS = frozenset(" \t\r\n\u00a0\u2009\u202f" + DOUBLE_MARKS + APOSTROPHE_SHAPED_SINGLES + ".,;:!?—–-")
_LEADING_THAT = re.compile(r"that\b", re.IGNORECASE)

_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Statement:
    """One gold or predicted statement, reduced to what scoring needs; offsets index the document text."""

    parts: tuple[Span, ...]  # the content; a predicted statement is scored by its whole (start, end)
    quoted: bool  # direct or mixed
    kind: str | None = None  # "direct" | "mixed" | "indirect" where known
    source: tuple[Span, ...] = ()  # where the speaker is named: a gold Source, a predicted mention
    speaker: str | None = None  # resolved person; on gold meaningful only when `speaker_known`
    speaker_known: bool = False  # gold: our own annotation says who the speaker is (None = nobody named)
    mention_kind: str | None = None  # gold: pronoun | nominal | surname | name, where annotated

    @property
    def outer(self) -> Span:
        return (self.parts[0][0], self.parts[-1][1])


@dataclass(slots=True)
class ScoredDocument:
    """A document's text with its gold and predicted statements."""

    id: str
    text: str
    gold: list[Statement]
    predicted: list[Statement]


@dataclass(slots=True)
class Counts:
    matched: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(slots=True)
class Ratio:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(slots=True)
class Report:
    """Everything `quotetrail eval` prints for one corpus."""

    corpus: str
    documents: int = 0
    counts: dict[tuple[str, float | str], Counts] = field(default_factory=dict)
    speaker: dict[str, Ratio] = field(default_factory=dict)
    resolved: dict[str, Ratio] = field(default_factory=dict)  # "all" and per mention kind
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        def ratio(item: Ratio) -> dict:
            return {"accuracy": item.value, "correct": item.correct, "total": item.total}

        return {
            "corpus": self.corpus,
            "documents": self.documents,
            "statements": [
                {"kinds": group, "overlap": level, "precision": counts.precision, "recall": counts.recall,
                 "f1": counts.f1, "matched": counts.matched, "gold": counts.gold, "predicted": counts.predicted}
                for (group, level), counts in self.counts.items()
            ],
            "speaker_span_accuracy": {group: ratio(item) for group, item in self.speaker.items()},
            "resolved_name_accuracy": {group: ratio(item) for group, item in self.resolved.items()},
            "notes": list(self.notes),
        }


# --- pure scoring ---------------------------------------------------------------------------------

def merged(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans covering the same characters."""
    result: list[Span] = []
    for start, end in sorted(span for span in spans if span[1] > span[0]):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def covered_share(gold: Sequence[Span], predicted: Sequence[Span]) -> float:
    """The share of the gold characters that the predicted spans cover, in [0, 1]."""
    gold_spans = merged(gold)
    total = sum(end - start for start, end in gold_spans)
    if not total:
        return 0.0
    covered = 0
    for gold_start, gold_end in gold_spans:
        for start, end in merged(predicted):
            covered += max(0, min(end, gold_end) - max(start, gold_start))
    return covered / total


def spans_overlap(first: Sequence[Span], second: Sequence[Span]) -> bool:
    return any(min(a_end, b_end) > max(a_start, b_start) for a_start, a_end in first for b_start, b_end in second)


def trimmed_span(text: str, span: Span) -> Span:
    """`span` without edge whitespace, quotation marks, edge punctuation and a leading "that"."""
    start, end = span
    while True:
        before = (start, end)
        while start < end and text[start] in _TRIM_CHARS:
            start += 1
        while end > start and text[end - 1] in _TRIM_CHARS:
            end -= 1
        that = _LEADING_THAT.match(text, start, end)
        if that and that.end() < end and text[that.end()].isspace():
            start = that.end()
        if (start, end) == before:
            return start, end


def statement_matches(text: str, gold: Statement, predicted: Statement, level: float | str) -> bool:
    if level == "exact":
        return trimmed_span(text, gold.outer) == trimmed_span(text, predicted.outer)
    return covered_share(gold.parts, [predicted.outer]) >= float(level)


def match_statements(
    text: str, gold: Sequence[Statement], predicted: Sequence[Statement], *, level: float | str
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: a largest matching, trying higher overlaps first."""
    candidates: list[list[int]] = []
    for gold_statement in gold:
        scored = [
            (covered_share(gold_statement.parts, [candidate.outer]), index)
            for index, candidate in enumerate(predicted)
            if statement_matches(text, gold_statement, candidate, level)
        ]
        candidates.append([index for _, index in sorted(scored, key=lambda item: (-item[0], item[1]))])
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(gold_index: int, visited: set[int]) -> bool:
        # Kuhn's augmenting path: a greedy choice can leave a gold statement unmatched that a
        # re-assignment would have matched (one long prediction covering two short gold quotes).
        for predicted_index in candidates[gold_index]:
            if predicted_index in visited:
                continue
            visited.add(predicted_index)
            if predicted_index not in owner or augment(owner[predicted_index], visited):
                owner[predicted_index] = gold_index
                return True
        return False

    for gold_index in range(len(gold)):
        augment(gold_index, set())
    return sorted((gold_index, predicted_index) for predicted_index, gold_index in owner.items())


def name_key(name: str) -> tuple[str, ...]:
    """Comparable words of a person's name: case, accents, honorifics and initials removed."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
    words = [word.replace("’", "'") for word in _NAME_TOKEN.findall(plain.casefold())]
    return tuple(word for word in words if word not in HONORIFICS_IN_NAME_KEYS and len(word) > 1)


def names_match(gold: str | None, predicted: str | None) -> bool:
    """Same person: equal names, or the same first and last name ("Hillary Rodham Clinton").

    Gold names are the fullest form the article itself gives. Where that is one word (an article
    that only ever says "Mr. Obama"), any predicted name containing the word is the same person;
    where the article gives the full name, a bare surname is not a resolution.
    """
    if gold is None or predicted is None:
        return gold is None and predicted is None
    gold_key, predicted_key = name_key(gold), name_key(predicted)
    if not gold_key or not predicted_key:
        return False
    if gold_key == predicted_key:
        return True
    if len(gold_key) == 1:
        return gold_key[0] in predicted_key
    return (len(predicted_key) >= 2
            and gold_key[0] == predicted_key[0] and gold_key[-1] == predicted_key[-1])


def in_group(statement: Statement, group: str) -> bool:
    return group == "all" or statement.quoted


def score(documents: Iterable[ScoredDocument], *, corpus: str) -> Report:
    """Precision, recall and F1 per kind group and overlap level, plus speaker and name accuracy."""
    report = Report(corpus=corpus)
    for group in KIND_GROUPS:
        report.speaker[group] = Ratio()
        for level in OVERLAP_LEVELS:
            report.counts[(group, level)] = Counts()
    report.resolved["all"] = Ratio()
    for document in documents:
        report.documents += 1
        for group in KIND_GROUPS:
            gold = [statement for statement in document.gold if in_group(statement, group)]
            predicted = [statement for statement in document.predicted if in_group(statement, group)]
            for level in OVERLAP_LEVELS:
                counts = report.counts[(group, level)]
                pairs = match_statements(document.text, gold, predicted, level=level)
                counts.matched += len(pairs)
                counts.gold += len(gold)
                counts.predicted += len(predicted)
                if level != OVERLAP_LEVELS[0]:
                    continue
                for gold_index, predicted_index in pairs:
                    gold_statement, predicted_statement = gold[gold_index], predicted[predicted_index]
                    if gold_statement.source:
                        speaker = report.speaker[group]
                        speaker.total += 1
                        speaker.correct += spans_overlap(gold_statement.source, predicted_statement.source)
                    if group == "all" and gold_statement.speaker_known:
                        right = names_match(gold_statement.speaker, predicted_statement.speaker)
                        for key in ("all", gold_statement.mention_kind):
                            if key:
                                ratio = report.resolved.setdefault(key, Ratio())
                                ratio.total += 1
                                ratio.correct += right
    return report
