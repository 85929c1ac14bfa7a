"""The `quotetrail eval` report as aligned text tables, statement level and segment level side by side."""
from __future__ import annotations

from nlp.evaluation.scoring import KIND_GROUPS, LEVELS, NO_VALUE, OVERLAP_LEVELS, Ratio, Report, Scores

_BREAKDOWNS = (
    ("speaker_type", "by gold speaker_type"),
    ("mention_kind", "by gold mention_kind"),
    ("anonymous", "by gold anonymous"),
)
_RATIO_WIDTH = 22
_SPEAKER_TYPES = ("person", "organisation", "group", "unnamed", "document", NO_VALUE)


def format_report(report: Report) -> str:
    """The report as aligned text tables with its notes: every figure at statement and at segment level."""
    statement, segment = (report.levels[level] for level in LEVELS)
    first = statement.counts[(KIND_GROUPS[-1], OVERLAP_LEVELS[0])]
    quoted = statement.counts[(KIND_GROUPS[0], OVERLAP_LEVELS[0])]
    pieces = segment.counts[(KIND_GROUPS[-1], OVERLAP_LEVELS[0])]
    counts_header = f"{'precision':>10}{'recall':>8}{'F1':>8}{'matched':>9}{'gold':>7}{'predicted':>11}"
    lines = [
        f"{report.corpus}: {report.documents} documents, {first.gold} gold statements "
        f"({quoted.gold} direct+mixed), {first.predicted} predicted ({quoted.predicted} direct+mixed); "
        f"{pieces.gold} gold segments, {pieces.predicted} predicted",
        "",
        f"{'':<23}{'statement level':^53}   {'segment level':^53}".rstrip(),
        f"{'kinds':<14}{'overlap':<9}{counts_header} | {counts_header}",
    ]
    for key, counts in statement.counts.items():
        group, level = key
        label = f">={level}" if level != "exact" else "exact"
        by_segment = segment.counts[key]
        lines.append(f"{group:<14}{label:<9}" + " | ".join(
            f"{item.precision:>10.3f}{item.recall:>8.3f}{item.f1:>8.3f}{item.matched:>9}{item.gold:>7}"
            f"{item.predicted:>11}" for item in (counts, by_segment)))
    lines.append("")
    lines.append(f"{'':<30}{'statement':<{_RATIO_WIDTH}}segment")
    lines.append("speaker span accuracy on matched statements (overlap >= 0.3):")
    lines.extend(_ratio_rows(statement.speaker, segment.speaker))
    lines.append("resolved-name accuracy on matched statements with an annotated person (overlap >= 0.3):")
    lines.extend(_ratio_rows(statement.resolved, segment.resolved))
    if statement.named:
        lines.extend(_named_section(statement, segment))
    if report.notes:
        lines.append("")
        lines.append("notes:")
        lines.extend(f"  - {note}" for note in report.notes)
    return "\n".join(lines)


def _named_section(statement: Scores, segment: Scores) -> list[str]:
    lines = [
        "speaker named right on matched statements whose source is annotated (all kinds, overlap >= 0.3):",
        *_ratio_rows(statement.named.get("all", {}), segment.named.get("all", {})),
    ]
    for breakdown, title in _BREAKDOWNS:
        if statement.named.get(breakdown):
            lines.append(f"  {title}:")
            lines.extend(_ratio_rows(statement.named[breakdown], segment.named.get(breakdown, {}), indent=4,
                                     order=_SPEAKER_TYPES if breakdown == "speaker_type" else None))
    lines.append("")
    lines.append("speaker named right by predicted rule:")
    lines.append(f"  {'rule':<44}{'n':>6}{'right':>7}{'accuracy':>10}  | {'n':>6}{'right':>7}{'accuracy':>10}")
    rules = statement.named.get("rule", {})
    by_segment = segment.named.get("rule", {})
    for rule in sorted(set(rules) | set(by_segment), key=lambda key: (-rules.get(key, Ratio()).total, key)):
        cells = []
        for ratio in (rules.get(rule, Ratio()), by_segment.get(rule, Ratio())):
            accuracy = f"{ratio.value:.3f}" if ratio.value is not None else "n/a"
            cells.append(f"{ratio.total:>6}{ratio.correct:>7}{accuracy:>10}")
        lines.append(f"  {rule:<44}" + "  | ".join(cells))
    lines.append("")
    lines.append("speaker_type accuracy (predicted == gold) on the same statements:")
    lines.extend(_ratio_rows({"all": statement.type_accuracy}, {"all": segment.type_accuracy}))
    lines.append("speaker_type confusion, statement level (rows gold, columns predicted):")
    lines.extend(_confusion_rows(statement.types))
    lines.append("anonymous flag on matched statements whose source is annotated:")
    lines.extend(_ratio_rows(*(_anonymous_ratios(scores) for scores in (statement, segment))))
    return lines


def _confusion_rows(types: dict[tuple[str, str], int]) -> list[str]:
    present = {gold for gold, _ in types} | {predicted for _, predicted in types}
    columns = [kind for kind in _SPEAKER_TYPES if kind in present]
    corner = "gold \\ predicted"
    lines = [f"  {corner:<16}" + "".join(f"{kind[:12]:>13}" for kind in columns)]
    for gold in columns:
        if any(types.get((gold, predicted)) for predicted in columns):
            lines.append(f"  {gold:<16}" + "".join(f"{types.get((gold, predicted), 0):>13}" for predicted in columns))
    return lines


def _ratio_rows(statement: dict[str, Ratio], segment: dict[str, Ratio], *, indent: int = 2,
                order: tuple[str, ...] | None = None) -> list[str]:
    keys = list(statement) + [key for key in segment if key not in statement]
    if order is not None:
        keys = [key for key in order if key in keys] + [key for key in keys if key not in order]
    return [f"{'':<{indent}}{key:<{30 - indent}}{_ratio_text(statement.get(key, Ratio())):<{_RATIO_WIDTH}}"
            f"{_ratio_text(segment.get(key, Ratio()))}" for key in keys]


def _ratio_text(ratio: Ratio) -> str:
    return f"{ratio.value:.3f} ({ratio.correct}/{ratio.total})" if ratio.total else "n/a (0 statements)"


def _anonymous_ratios(scores: Scores) -> dict[str, Ratio]:
    """Precision (of the predicted anonymous flags) and recall (of the gold ones) as ratios."""
    counts = scores.anonymous
    return {"precision": Ratio(counts.matched, counts.predicted), "recall": Ratio(counts.matched, counts.gold)}
