"""Turns the filter words people type (URL parameters, command-line options) into the read layer's filters,
with one clear sentence for each value that cannot be used."""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from app.store.queries import (
    ARTICLE_SORTS,
    QUOTE_KINDS,
    QUOTE_SORTS,
    SOURCE_FILTERS,
    SPEAKER_SORTS,
    ArticleFilters,
    QuoteFilters,
)

# "verbatim" is what a reader asks for when only the speaker's own words will do: the quotes whose
# words are (at least partly) inside quotation marks.
KIND_GROUPS: dict[str, tuple[str, ...]] = {"verbatim": ("direct", "mixed")}
SPEAKER_KINDS = ("person", "organisation")
# A day, a month or a year: "2024-03-05", "2024-03", "2024".
DAY_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class FilterError(ValueError):
    """A filter value that cannot be used; the message names the parameter and what it accepts."""


def parse_day(value: str | None, *, name: str, end: bool = False) -> date | None:
    """A date from "YYYY-MM-DD", "YYYY-MM" or "YYYY"; a month or year stands for its first day, or its last
    day with `end` (so --until 2024-03 takes in all of March)."""
    value = (value or "").strip()
    if not value:
        return None
    found = DAY_PATTERN.match(value)
    try:
        if found is None:
            raise ValueError
        year, month, day = int(found[1]), int(found[2] or 0), int(found[3] or 0)
        if not month:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if not day:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, month, day)
    except ValueError:
        raise FilterError(f"{name}: {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY") from None


def _choices(values: Iterable[str], *, name: str, allowed: Iterable[str], groups: dict[str, tuple[str, ...]]
             ) -> tuple[str, ...]:
    """Values given repeatedly or comma-separated, each one of `allowed` or a group name, in a stable order."""
    allowed = tuple(allowed)
    chosen: list[str] = []
    for value in values:
        for word in (value or "").split(","):
            word = word.strip().lower()
            if not word:
                continue
            if word in groups:
                chosen.extend(groups[word])
            elif word in allowed:
                chosen.append(word)
            else:
                accepted = ", ".join([*allowed, *groups])
                raise FilterError(f"{name}: {word!r} is not one of {accepted}")
    return tuple(value for value in allowed if value in chosen)


def parse_kinds(values: Iterable[str]) -> tuple[str, ...]:
    return _choices(values, name="kind", allowed=QUOTE_KINDS, groups=KIND_GROUPS)


def parse_sources(values: Iterable[str]) -> tuple[str, ...]:
    return _choices(values, name="source", allowed=SOURCE_FILTERS, groups={"organization": ("organisation",)})


def parse_confidence(value: str | None) -> float | None:
    """A minimum confidence from 0-1 ("0.8") or a percentage ("80", "80%")."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = float(value.rstrip("%"))
    except ValueError:
        number = float("nan")
    if value.endswith("%") or number > 1:
        number /= 100
    if not 0 <= number <= 1:  # NaN fails this too
        raise FilterError(f"min_confidence: {value!r} is not a confidence; use a number from 0 to 1, or a percentage")
    return number


def parse_sort(value: str | None, *, allowed: Iterable[str], default: str) -> str:
    value = (value or "").strip().lower()
    allowed = tuple(allowed)
    if not value:
        return default
    if value not in allowed:
        raise FilterError(f"sort: {value!r} is not one of {', '.join(allowed)}")
    return value


def quote_filters(
    *, words: str = "", speaker: str = "", outlet: str = "", since: str | None = None, until: str | None = None,
    kinds: Iterable[str] = (), sources: Iterable[str] = (), min_confidence: str | None = None,
    sort: str | None = None, speaker_id: int | None = None, article_id: int | None = None,
    default_sort: str = "relevance",
) -> QuoteFilters:
    """QuoteFilters from text as typed; raises FilterError naming the first value that cannot be used."""
    first, last = parse_day(since, name="since"), parse_day(until, name="until", end=True)
    if first and last and first > last:
        raise FilterError(f"since ({first.isoformat()}) is after until ({last.isoformat()})")
    if default_sort == "relevance" and (speaker.strip() or speaker_id is not None):
        # One person's quotes on a topic read best in time order; ranking them by how well the words
        # match says little (and costs a ranking of every match in the collection). Asked for, it is done.
        default_sort = "newest"
    return QuoteFilters(
        words=words.strip(), speaker=speaker.strip(), speaker_id=speaker_id, article_id=article_id,
        outlet=outlet.strip(), since=first, until=last, kinds=parse_kinds(kinds), source_types=parse_sources(sources),
        min_confidence=parse_confidence(min_confidence),
        sort=parse_sort(sort, allowed=QUOTE_SORTS, default=default_sort),
    )


def article_filters(*, title: str = "", outlet: str = "", since: str | None = None, until: str | None = None,
                    sort: str | None = None) -> ArticleFilters:
    first, last = parse_day(since, name="since"), parse_day(until, name="until", end=True)
    if first and last and first > last:
        raise FilterError(f"since ({first.isoformat()}) is after until ({last.isoformat()})")
    return ArticleFilters(title=title.strip(), outlet=outlet.strip(), since=first, until=last,
                          sort=parse_sort(sort, allowed=ARTICLE_SORTS, default="newest"))


def speaker_kind(value: str | None) -> str:
    value = (value or "").strip().lower()
    if value == "organization":
        value = "organisation"
    if value and value not in SPEAKER_KINDS:
        raise FilterError(f"type: {value!r} is not one of {', '.join(SPEAKER_KINDS)}")
    return value


def speaker_sort(value: str | None) -> str:
    """The speakers list's sort; empty means the default (most quoted, or best match when filtering by name)."""
    return parse_sort(value, allowed=SPEAKER_SORTS, default="")
