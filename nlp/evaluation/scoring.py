"""Scoring predicted statements against gold ones: spans, one-to-one matching, names, the report's numbers."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from nlp.evaluation.speakers import SourceAnnotation, names_match, speaker_named_right
from nlp.vocabulary.marks import APOSTROPHE_SHAPED_SINGLES, DOUBLE_MARKS

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


@dataclass(frozen=True, slots=True)
class Statement:
    """One gold or predicted statement, reduced to what scoring needs; offsets index the document text."""

    # The content in pieces. Gold: PolNeAR's content fragments, or an article gold's `parts`; a
    # predicted statement's `parts`. At statement level a predicted statement is scored by its whole
    # (start, end) (`outer`); at segment level every piece on its own (`segments`).
    parts: tuple[Span, ...]
    quoted: bool  # direct or mixed
    kind: str | None = None  # "direct" | "mixed" | "indirect" where known
    source: tuple[Span, ...] = ()  # where the speaker is named: a gold Source, a predicted mention
    speaker: str | None = None  # resolved person; on gold meaningful only when `speaker_known`
    speaker_known: bool = False  # gold: our own annotation says who the speaker is (None = nobody named)
    mention_kind: str | None = None  # gold: pronoun | nominal | surname | name, where annotated
    annotation: SourceAnnotation | None = None  # gold: who or what the source is, of any type, where annotated
    speaker_type: str | None = None  # predicted: person | organisation | group | unnamed | document
    anonymous: bool = False  # predicted: the article says the source is anonymous
    rule: str | None = None  # predicted: id of the resolution rule that named the speaker

    @property
    def outer(self) -> Span:
        return (self.parts[0][0], self.parts[-1][1])


def segments(statement: Statement) -> list[Statement]:
    """The statement's pieces as statements of their own, each inheriting its speaker, mention and kind."""
    if len(statement.parts) == 1:
        return [statement]
    return [replace(statement, parts=(piece,)) for piece in statement.parts]


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


LEVELS = ("statement", "segment")
NO_VALUE = "(none)"  # a breakdown key for a missing type, rule or mention kind


@dataclass(slots=True)
class Scores:
    """The numbers of one level (statements, or their segments) of one corpus."""

    counts: dict[tuple[str, float | str], Counts] = field(default_factory=dict)
    speaker: dict[str, Ratio] = field(default_factory=dict)  # speaker span accuracy per kind group
    resolved: dict[str, Ratio] = field(default_factory=dict)  # person names: "all" and per mention kind
    # Speaker named right against a source annotation of any type: breakdown -> key -> ratio, the
    # breakdowns being "all", "speaker_type" (gold), "mention_kind" (gold), "anonymous" (gold) and
    # "rule" (predicted).
    named: dict[str, dict[str, Ratio]] = field(default_factory=dict)
    types: dict[tuple[str, str], int] = field(default_factory=dict)  # (gold type, predicted type) -> count
    anonymous: Counts = field(default_factory=Counts)  # matched: both anonymous; gold / predicted anonymous

    @property
    def type_accuracy(self) -> Ratio:
        total = sum(self.types.values())
        return Ratio(sum(count for (gold, predicted), count in self.types.items() if gold == predicted), total)

    def to_json(self) -> dict:
        return {
            "statements": [
                {"kinds": group, "overlap": level, "precision": counts.precision, "recall": counts.recall,
                 "f1": counts.f1, "matched": counts.matched, "gold": counts.gold, "predicted": counts.predicted}
                for (group, level), counts in self.counts.items()
            ],
            "speaker_span_accuracy": {group: _ratio_json(item) for group, item in self.speaker.items()},
            "resolved_name_accuracy": {group: _ratio_json(item) for group, item in self.resolved.items()},
            "speaker_named_right": {
                breakdown: {key: _ratio_json(item) for key, item in ratios.items()}
                for breakdown, ratios in self.named.items()
            },
            "speaker_type_accuracy": _ratio_json(self.type_accuracy),
            "speaker_type_confusion": [
                {"gold": gold, "predicted": predicted, "count": count}
                for (gold, predicted), count in sorted(self.types.items())
            ],
            "anonymous": {"precision": self.anonymous.precision, "recall": self.anonymous.recall,
                          "f1": self.anonymous.f1, "both": self.anonymous.matched,
                          "gold": self.anonymous.gold, "predicted": self.anonymous.predicted},
        }


def _ratio_json(item: Ratio) -> dict:
    return {"accuracy": item.value, "correct": item.correct, "total": item.total}


@dataclass(slots=True)
class Report:
    """Everything `quotetrail eval` prints for one corpus: statement level and segment level."""

    corpus: str
    documents: int = 0
    levels: dict[str, Scores] = field(default_factory=lambda: {level: Scores() for level in LEVELS})
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[tuple[str, float | str], Counts]:
        return self.levels["statement"].counts

    @property
    def speaker(self) -> dict[str, Ratio]:
        return self.levels["statement"].speaker

    @property
    def resolved(self) -> dict[str, Ratio]:
        return self.levels["statement"].resolved

    @property
    def named(self) -> dict[str, dict[str, Ratio]]:
        return self.levels["statement"].named

    def to_json(self) -> dict:
        """Statement level at the top (as before segments were scored), and both levels under "levels"."""
        return {
            "corpus": self.corpus,
            "documents": self.documents,
            **self.levels["statement"].to_json(),
            "levels": {level: scores.to_json() for level, scores in self.levels.items()},
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


def in_group(statement: Statement, group: str) -> bool:
    return group == "all" or statement.quoted


def score(documents: Iterable[ScoredDocument], *, corpus: str) -> Report:
    """Precision, recall and F1 per kind group and overlap level, and speaker accuracies, at both levels.

    At segment level each piece of a statement is a unit of its own, matched one to one against the
    gold pieces as statements are; a piece inherits its statement's speaker, mention and kind.
    """
    report = Report(corpus=corpus)
    for scores in report.levels.values():
        for group in KIND_GROUPS:
            scores.speaker[group] = Ratio()
            for level in OVERLAP_LEVELS:
                scores.counts[(group, level)] = Counts()
        scores.resolved["all"] = Ratio()
    for document in documents:
        report.documents += 1
        _score_level(report.levels["statement"], document.text, document.gold, document.predicted)
        _score_level(report.levels["segment"], document.text,
                     [piece for statement in document.gold for piece in segments(statement)],
                     [piece for statement in document.predicted for piece in segments(statement)])
    return report


def _score_level(scores: Scores, text: str, all_gold: Sequence[Statement], all_predicted: Sequence[Statement]) -> None:
    for group in KIND_GROUPS:
        gold = [statement for statement in all_gold if in_group(statement, group)]
        predicted = [statement for statement in all_predicted if in_group(statement, group)]
        for level in OVERLAP_LEVELS:
            counts = scores.counts[(group, level)]
            pairs = match_statements(text, gold, predicted, level=level)
            counts.matched += len(pairs)
            counts.gold += len(gold)
            counts.predicted += len(predicted)
            if level != OVERLAP_LEVELS[0]:
                continue
            for gold_index, predicted_index in pairs:
                gold_statement, predicted_statement = gold[gold_index], predicted[predicted_index]
                if gold_statement.source:
                    speaker = scores.speaker[group]
                    speaker.total += 1
                    speaker.correct += spans_overlap(gold_statement.source, predicted_statement.source)
                if group == "all":
                    _score_speaker(scores, gold_statement, predicted_statement)


def _score_speaker(scores: Scores, gold: Statement, predicted: Statement) -> None:
    """Resolved-name and speaker-named-right tallies of one matched pair (all kinds, overlap >= 0.3)."""
    if gold.speaker_known:
        right = names_match(gold.speaker, predicted.speaker)
        for key in ("all", gold.mention_kind):
            if key:
                _tally(scores.resolved, key, right)
    annotation = gold.annotation
    if annotation is None:
        return
    right = speaker_named_right(annotation, predicted.speaker, predicted.speaker_type)
    for breakdown, key in (
        ("all", "all"),
        ("speaker_type", annotation.speaker_type or NO_VALUE),
        ("mention_kind", annotation.mention_kind),  # our articles' gold has no mention kinds
        ("anonymous", "yes" if annotation.anonymous else "no"),
        ("rule", predicted.rule or NO_VALUE),
    ):
        if key is not None:
            _tally(scores.named.setdefault(breakdown, {}), key, right)
    type_pair = (annotation.speaker_type or NO_VALUE, predicted.speaker_type or NO_VALUE)
    scores.types[type_pair] = scores.types.get(type_pair, 0) + 1
    scores.anonymous.gold += annotation.anonymous
    scores.anonymous.predicted += predicted.anonymous
    scores.anonymous.matched += annotation.anonymous and predicted.anonymous


def _tally(ratios: dict[str, Ratio], key: str, right: bool) -> None:
    ratio = ratios.setdefault(key, Ratio())
    ratio.total += 1
    ratio.correct += right
