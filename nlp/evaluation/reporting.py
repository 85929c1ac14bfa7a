"""The `quotetrail eval` report as an aligned text table with its notes."""
from __future__ import annotations

from nlp.evaluation.scoring import KIND_GROUPS, OVERLAP_LEVELS, Ratio, Report


def format_report(report: Report) -> str:
    """The report as an aligned text table with its notes."""
    first = report.counts[(KIND_GROUPS[-1], OVERLAP_LEVELS[0])]
    quoted = report.counts[(KIND_GROUPS[0], OVERLAP_LEVELS[0])]
    lines = [
        f"{report.corpus}: {report.documents} documents, {first.gold} gold statements "
        f"({quoted.gold} direct+mixed), {first.predicted} predicted ({quoted.predicted} direct+mixed)",
        "",
        f"{'kinds':<14}{'overlap':<9}{'precision':>10}{'recall':>8}{'F1':>8}{'matched':>9}{'gold':>7}{'predicted':>11}",
    ]
    for (group, level), counts in report.counts.items():
        label = f">={level}" if level != "exact" else "exact"
        lines.append(
            f"{group:<14}{label:<9}{counts.precision:>10.3f}{counts.recall:>8.3f}{counts.f1:>8.3f}"
            f"{counts.matched:>9}{counts.gold:>7}{counts.predicted:>11}"
        )
    lines.append("")
    lines.append("speaker span accuracy on matched statements (overlap >= 0.3):")
    for group, ratio in report.speaker.items():
        lines.append(f"  {group:<14}{_ratio_text(ratio)}")
    lines.append("resolved-name accuracy on matched statements with an annotated speaker (overlap >= 0.3):")
    for key, ratio in report.resolved.items():
        lines.append(f"  {key:<14}{_ratio_text(ratio)}")
    if report.notes:
        lines.append("")
        lines.append("notes:")
        lines.extend(f"  - {note}" for note in report.notes)
    return "\n".join(lines)


def _ratio_text(ratio: Ratio) -> str:
    return f"{ratio.value:.3f} ({ratio.correct}/{ratio.total})" if ratio.total else "n/a (0 statements)"
