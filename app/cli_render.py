"""Text renderings the `quotetrail` command prints: the quote check's report and its one-line word diffs."""
from __future__ import annotations

from app.services.check.results import CheckMatch, CheckResult
from app.services.wording.diff import DiffOp

# How much of a long paragraph the text rendering shows on each side of the marked span.
RENDER_CONTEXT_CHARS = 160


def inline_diff(diff: list[DiffOp]) -> str:
    """A one-line word diff in wdiff style: [-source words-]{+pasted words+}, (…omitted…), {~moved~}."""
    pieces = []
    for item in diff:
        op, source, pasted = item.op, " ".join(item.source.split()), " ".join(item.quote.split())
        if op == "equal":
            pieces.append(source)
        elif op in ("minor", "replace") or (op == "bracket" and source):
            pieces.append(f"[-{source}-]{{+{pasted}+}}")
        elif op in ("insert", "bracket"):
            pieces.append(f"{{+{pasted}+}}")
        elif op == "delete":
            pieces.append(f"[-{source}-]")
        elif op == "omit":
            pieces.append(f"(…{source}…)")
        elif op == "move":
            pieces.append(f"{{~{source}~}}")
    return " ".join(pieces)


def _spaced(text: str) -> str:
    """Whitespace runs (line breaks, non-breaking spaces) as one space, keeping a space at either edge."""
    collapsed = " ".join(text.split())
    if not collapsed:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + collapsed + (" " if text[-1].isspace() else "")


def render_check(result: CheckResult) -> str:
    """The human-readable report `quotetrail check` prints."""
    query = result.query
    lines = [f"quote:    {query.quote}"]
    if query.speaker:
        origin = " (from the pasted text)" if query.speaker_from_text else ""
        lines.append(f"claimed:  {query.speaker}{origin}")
    confidence = f" (confidence {result.confidence:.2f})" if result.verdict == "paraphrase" else ""
    lines.append(f"verdict:  {result.verdict}{confidence}: {result.verdict_meaning}")
    speaker_line = f"speaker:  {result.speaker_verdict}: {result.speaker_verdict_meaning}"
    if result.source_speakers and result.speaker_verdict in ("misattributed", "match"):
        speaker_line += " (the source: " + ", ".join(result.source_speakers) + ")"
    lines.append(speaker_line)
    for note in result.notes:
        lines.append(f"note:     {note}")
    for number, match in enumerate(result.matches, start=1):
        lines.append("")
        lines.extend(_match_lines(number, match))
    if result.total_matches > len(result.matches):
        hidden = result.total_matches - len(result.matches)
        lines.append(f"\n({hidden} more match{'es' if hidden > 1 else ''} not shown; use --limit)")
    return "\n".join(lines)


def _match_lines(number: int, match: CheckMatch) -> list[str]:
    article = match.article
    described = f'"{article.title}"' if article.title else (article.source_name or "")
    when = f", {article.published_at.date().isoformat()}" if article.published_at else ""
    outlet = f", {article.outlet}" if article.outlet else ""
    lines = [f"{number}. {match.verdict}, score {match.score:.1f}: article {match.article_id} "
             f"{described}{outlet}{when}, paragraph {match.paragraph + 1}, characters {match.start}-{match.end}"]
    if match.quote_id is not None:
        lines.append(f"   quote {match.quote_id} ({match.quote_kind}), speaker in the source: "
                     f"{match.speaker or 'none given'}; claimed speaker: {match.speaker_verdict}")
    excerpt = match.excerpt
    lines.append(f"   source: {'…' if len(excerpt.before) > RENDER_CONTEXT_CHARS else ''}"
                 f"{_spaced(excerpt.before[-RENDER_CONTEXT_CHARS:])}[[{_spaced(excerpt.marked)}]]"
                 f"{_spaced(excerpt.after[:RENDER_CONTEXT_CHARS])}"
                 f"{'…' if len(excerpt.after) > RENDER_CONTEXT_CHARS else ''}")
    if match.diff and match.verdict != "verbatim":
        lines.append(f"   diff:   {inline_diff(match.diff)}")
    lines.extend(f"   - {change}" for change in match.changes)
    lines.extend(f"   note: {note}" for note in match.notes)
    if match.family:
        lines.append(f"   carried by {len(match.family)} articles, earliest first:")
        for member in match.family:
            date = member.published_at.date().isoformat() if member.published_at else "undated"
            lines.append(f"     - {date} article {member.article_id} {member.title or ''} "
                         f"(quote {member.quote_id}, {member.speaker or 'no speaker'})".rstrip())
    return lines
