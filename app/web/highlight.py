"""Render article text with highlighted spans from stored offsets, escaping every character of the text."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from markupsafe import Markup, escape

# Layers, outermost first: a statement contains its verbatim parts; a cue or mention is marked inside
# whatever statement it happens to fall in (a mention can sit inside another speaker's statement).
LAYER_STATEMENT = 0
LAYER_VERBATIM = 1
LAYER_ROLE = 2  # cue and mention
LAYER_MATCH = 3  # a matched span on the check page


@dataclass(frozen=True)
class Mark:
    """One span to wrap in an element. Crossing spans are split; only the first fragment gets `first_attrs`."""

    start: int
    end: int
    layer: int
    classes: str
    order: tuple = ()
    attrs: tuple[tuple[str, str], ...] = ()  # on every fragment
    first_attrs: tuple[tuple[str, str], ...] = ()  # only on the first fragment (an id must be unique)
    lead: Markup | None = None  # markup placed at the very start of the first fragment (a badge)
    tag: str = "span"

    @property
    def sort_key(self) -> tuple:
        # Longer spans open first at the same start so that nesting stays proper where it can.
        return (self.layer, self.start, -self.end, self.order)


def render_marked(
    text: str,
    marks: Iterable[Mark],
    *,
    paragraphs: Sequence[Sequence[int]] | None = None,
    offset: int = 0,
    paragraph_tag: str = "p",
    paragraph_attrs: Sequence[tuple[str, str]] | None = None,
) -> Markup:
    """Return `text` as escaped HTML paragraphs with every mark wrapped in its element.

    Mark and paragraph offsets are absolute: `text` may be a slice of the article beginning at
    `offset` (one paragraph of a long article), and marks outside it are clipped away.

    Marks may nest or cross each other and may cross paragraph boundaries: an element is closed where
    it must be and reopened as a continuation fragment, so the output is always well-formed. Text that
    no paragraph covers but that is not whitespace becomes its own paragraph, so nothing is dropped.
    """
    start, end = 0, len(text)
    clipped = [
        mark for mark in (_clip(mark, start, end, shift=offset) for mark in marks)
        if mark is not None and mark.end > mark.start
    ]
    shifted_paragraphs = [(int(a) - offset, int(b) - offset) for a, b in paragraphs] if paragraphs else None
    regions = _paragraph_regions(text, shifted_paragraphs, start, end)
    opened_ids: set[int] = set()  # id() of marks whose first fragment is already out
    out: list[str] = []
    for region_start, region_end in regions:
        inside = [mark for mark in clipped if mark.start < region_end and mark.end > region_start]
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in (paragraph_attrs or ()))
        out.append(f"<{paragraph_tag}{attrs}>")
        out.append(_render_region(text, inside, region_start, region_end, opened_ids))
        out.append(f"</{paragraph_tag}>")
    return Markup("".join(out))


def _clip(mark: Mark, start: int, end: int, *, shift: int) -> Mark | None:
    mark_start, mark_end = mark.start - shift, mark.end - shift
    if mark_end <= start or mark_start >= end:
        return None
    # A fresh object per render: fragments are tracked by identity, and a mark passed twice stays two marks.
    return replace(mark, start=max(mark_start, start), end=min(mark_end, end))


def _paragraph_regions(
    text: str, paragraphs: Sequence[Sequence[int]] | None, start: int, end: int
) -> list[tuple[int, int]]:
    if not paragraphs:
        return [(start, end)] if text[start:end].strip() else []
    regions: list[tuple[int, int]] = []
    cursor = start
    for paragraph in sorted((int(p[0]), int(p[1])) for p in paragraphs):
        paragraph_start, paragraph_end = max(paragraph[0], cursor), min(paragraph[1], end)
        if paragraph_end <= paragraph_start:
            continue
        if text[cursor:paragraph_start].strip():
            regions.append(_trimmed(text, cursor, paragraph_start))
        regions.append((paragraph_start, paragraph_end))
        cursor = paragraph_end
    if cursor < end and text[cursor:end].strip():
        regions.append(_trimmed(text, cursor, end))
    return regions


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A stretch between paragraphs without the blank lines around it (they only separate paragraphs)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _render_region(text: str, marks: list[Mark], start: int, end: int, opened_ids: set[int]) -> str:
    boundaries = {start, end}
    for mark in marks:
        boundaries.add(max(mark.start, start))
        boundaries.add(min(mark.end, end))
    points = sorted(boundaries)
    starting: dict[int, list[Mark]] = {}
    for mark in marks:
        starting.setdefault(max(mark.start, start), []).append(mark)
    active: list[Mark] = []
    stack: list[Mark] = []
    out: list[str] = []
    for segment_start, segment_end in pairwise(points):
        active = [mark for mark in active if mark.end > segment_start]
        active.extend(starting.get(segment_start, ()))
        wanted = sorted(active, key=lambda mark: mark.sort_key)
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        for mark in reversed(stack[keep:]):
            out.append(f"</{mark.tag}>")
        for mark in wanted[keep:]:
            out.append(_open_tag(mark, first=id(mark) not in opened_ids))
            opened_ids.add(id(mark))
        stack = wanted
        out.append(str(escape(text[segment_start:segment_end])))
    for mark in reversed(stack):
        out.append(f"</{mark.tag}>")
    return "".join(out)


def _open_tag(mark: Mark, *, first: bool) -> str:
    classes = mark.classes if first else f"{mark.classes} cont"
    attributes = [("class", classes), *mark.attrs]
    if first:
        attributes.extend(mark.first_attrs)
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attributes)
    lead = str(mark.lead) if first and mark.lead is not None else ""
    return f"<{mark.tag}{rendered}>{lead}"


def spans_union(spans: Sequence[Sequence[int]] | None, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a statement: its stored parts, or its whole span when it has none."""
    pieces = [(int(a), int(b)) for a, b in (spans or ()) if int(b) > int(a)]
    return pieces or [(start, end)]
