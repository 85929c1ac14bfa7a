"""Export of filtered quotes (app.services.export) and the filter words it takes (app.services.filtering):
columns, CSV quoting and formula safety, JSON Lines, streaming in chunks, and every refused value."""
from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from app.services.export import EXPORT_COLUMNS, ExportCount, export_chunks, spreadsheet_safe
from app.services.filtering import FilterError, parse_confidence, parse_day, quote_filters
from app.store.models import Quote
from app.store.queries import QuoteFilters
from tests.support.explorer import store

HOSTILE = [
    ("=HYPERLINK(\"http://evil.example\") Outlet", datetime(2018, 5, 1, tzinfo=UTC), [
        ("=1+2 is what the sheet would compute", "Mara Quill", "direct", "person", False, 0.9),
        ("-5 degrees, she said, \"or colder\", all week", "Mara Quill", "direct", "person", False, 0.9),
        ("@SUM(A1) and a line\nbreak inside", "Mara Quill", "indirect", "person", False, 0.9),
        ("+plus at the start", "Mara Quill", "indirect", "person", False, 0.9),
    ]),
]


def exported(session, **options) -> str:
    return "".join(export_chunks(session, base_url="http://example.test/", **options))


def test_csv_has_the_columns_every_filtered_row_and_is_spreadsheet_safe(session):
    store(session, HOSTILE)
    rows = list(csv.DictReader(io.StringIO(exported(session, filters=QuoteFilters(sort="text"), format="csv"),
                                           newline="")))
    assert rows and list(rows[0]) == list(EXPORT_COLUMNS)
    assert len(rows) == session.scalar(select(func.count()).select_from(Quote))
    texts = [row["text"] for row in rows]
    assert texts == ["'=1+2 is what the sheet would compute", "'-5 degrees, she said, \"or colder\", all week",
                     "'@SUM(A1) and a line\nbreak inside", "'+plus at the start"]
    assert {row["outlet"] for row in rows} == {"'=HYPERLINK(\"http://evil.example\") Outlet"}
    first = rows[0]
    quote = session.get(Quote, int(first["quote_id"]))
    assert (int(first["start"]), int(first["end"]), int(first["paragraph"])) == (quote.start, quote.end,
                                                                                   quote.paragraph + 1)
    assert first["permalink"] == f"http://example.test/quotes/{quote.id}"
    assert first["published"] == "2018-05-01T00:00:00+00:00" and first["speaker"] == "Mara Quill"


def test_spreadsheet_safe_leaves_ordinary_cells_and_numbers_alone():
    assert spreadsheet_safe("Palmyra is symbolic") == "Palmyra is symbolic"
    assert spreadsheet_safe("a = b") == "a = b"  # only the first character matters
    assert spreadsheet_safe(-3) == -3 and spreadsheet_safe(0.5) == 0.5  # numbers are never text cells
    assert spreadsheet_safe("\tcell") == "'\tcell"


def test_jsonl_records_keep_the_text_as_written_and_stream_in_chunks(session, monkeypatch):
    store(session)
    store(session, HOSTILE, first_number=10)
    import app.services.export as export_module

    monkeypatch.setattr(export_module, "ROWS_PER_CHUNK", 2)
    count = ExportCount()
    chunks = list(export_chunks(session, filters=QuoteFilters(words="palmyra"), format="jsonl",
                                base_url="http://example.test", count=count))
    assert len(chunks) > 1 and all(chunk.count("\n") <= 2 for chunk in chunks)
    records = [json.loads(line) for line in "".join(chunks).splitlines()]
    assert count.rows == len(records) == 5 and all("palmyra" in record["text"].lower() for record in records)
    assert all(list(record) == list(EXPORT_COLUMNS) for record in records)
    # JSON is not a spreadsheet: nothing is prefixed there.
    hostile = [json.loads(line) for line in exported(session, filters=QuoteFilters(words="sheet"),
                                                     format="jsonl").splitlines()]
    assert [record["text"] for record in hostile] == ["=1+2 is what the sheet would compute"]


def test_an_empty_result_is_a_header_alone(session):
    store(session)
    assert exported(session, filters=QuoteFilters(speaker="Nobody Known"), format="csv") == (
        ",".join(EXPORT_COLUMNS) + "\r\n")
    assert exported(session, filters=QuoteFilters(speaker="Nobody Known"), format="jsonl") == ""


def test_filter_words_become_filters():
    filters = quote_filters(words=" palmyra ", speaker="Putin", kinds=["verbatim"], sources=["anonymous,person"],
                            since="2016-12", until="2017", min_confidence="80%", sort="oldest")
    assert filters.kinds == ("direct", "mixed") and filters.source_types == ("person", "anonymous")
    assert (filters.since, filters.until) == (date(2016, 12, 1), date(2017, 12, 31))
    assert filters.min_confidence == pytest.approx(0.8) and filters.words == "palmyra"
    assert parse_day("2024-02", name="until", end=True) == date(2024, 2, 29)
    assert parse_confidence("0.75") == 0.75 and parse_confidence("") is None
    # Words alone are ranked; one person's quotes are in time order unless ranking is asked for.
    assert quote_filters(words="palmyra").sort == "relevance"
    assert quote_filters(words="palmyra", speaker="Putin").sort == "newest"
    assert quote_filters(words="palmyra", speaker_id=3).sort == "newest"
    assert quote_filters(words="palmyra", speaker="Putin", sort="relevance").sort == "relevance"


@pytest.mark.parametrize("arguments, message", [
    ({"since": "2024-13-01"}, "since: '2024-13-01' is not a date"),
    ({"until": "yesterday"}, "until: 'yesterday' is not a date"),
    ({"since": "2020", "until": "2019"}, "since (2020-01-01) is after until (2019-12-31)"),
    ({"kinds": ["quoted"]}, "kind: 'quoted' is not one of direct, mixed, indirect, verbatim"),
    ({"sources": ["robot"]}, "source: 'robot' is not one of"),
    ({"min_confidence": "150"}, "min_confidence: '150' is not a confidence"),
    ({"min_confidence": "high"}, "min_confidence: 'high' is not a confidence"),
    ({"sort": "random"}, "sort: 'random' is not one of relevance, newest, oldest, text"),
])
def test_unusable_filter_values_are_named(arguments, message):
    with pytest.raises(FilterError) as raised:
        quote_filters(**arguments)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)
