"""Export of any filtered list of quotes as CSV or JSON Lines, written as it is read (one row at a time)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.store.queries import QuoteExportRow, QuoteFilters, export_rows

# The columns of both formats, in this order (a JSON Lines record has the same keys).
EXPORT_COLUMNS = (
    "quote_id", "text", "kind", "speaker", "speaker_type", "anonymous", "mention", "cue", "article_id", "title",
    "outlet", "published", "url", "start", "end", "paragraph", "confidence", "resolution_reason", "permalink",
)
EXPORT_FORMATS = ("csv", "jsonl")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
# Rows written per chunk of output: big enough that a chunk is not a system call per row, small enough
# that a million quotes stream in constant memory.
ROWS_PER_CHUNK = 500
# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage return, a
# cell that can hide one), which a quote from the web must never become: such cells get a leading
# apostrophe, which the spreadsheet shows as text and a reader can see.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_record(row: QuoteExportRow, *, base_url: str) -> dict[str, Any]:
    """One quote as an export record. `paragraph` counts from 1, as the quote page prints it; `start` and
    `end` are character offsets into the article text (from 0, end exclusive)."""
    return {
        "quote_id": row.quote_id, "text": row.text, "kind": row.kind, "speaker": row.speaker,
        "speaker_type": row.speaker_type, "anonymous": bool(row.anonymous), "mention": row.mention, "cue": row.cue,
        "article_id": row.article_id, "title": row.title, "outlet": row.outlet,
        "published": row.published.isoformat() if row.published else None, "url": row.url,
        "start": row.start, "end": row.end, "paragraph": row.paragraph + 1, "confidence": round(row.confidence, 4),
        "resolution_reason": row.resolution, "permalink": f"{base_url.rstrip('/')}/quotes/{row.quote_id}",
    }


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that no spreadsheet will run as a formula; numbers and empty cells as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_cells(record: dict[str, Any]) -> list[Any]:
    cells = []
    for column in EXPORT_COLUMNS:
        value = record[column]
        if isinstance(value, bool):
            value = "true" if value else "false"
        cells.append("" if value is None else spreadsheet_safe(value))
    return cells


@dataclass
class ExportCount:
    """How many quotes an export has written so far (for the command's closing line)."""

    rows: int = 0


def export_chunks(session: Session, *, filters: QuoteFilters, format: str, base_url: str,
                  count: ExportCount | None = None) -> Iterator[str]:
    """The export as text chunks (a header first for CSV), reading the quotes in batches as it goes."""
    if format not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {format!r}")
    buffer = io.StringIO()
    write: Callable[[dict[str, Any]], object]
    if format == "csv":
        # RFC 4180: every cell holding a comma, a quote mark or a line break is quoted, lines end in CRLF.
        writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(EXPORT_COLUMNS)

        def write(record: dict[str, Any]) -> object:
            return writer.writerow(_csv_cells(record))
    else:
        def write(record: dict[str, Any]) -> object:
            return buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
    pending = 0
    for row in export_rows(session, filters=filters, batch_size=ROWS_PER_CHUNK):
        write(export_record(row, base_url=base_url))
        pending += 1
        if count is not None:
            count.rows += 1
        if pending >= ROWS_PER_CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if buffer.tell():
        yield buffer.getvalue()
