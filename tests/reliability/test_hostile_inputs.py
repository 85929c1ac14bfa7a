"""Broken and hostile inputs in one ingest batch: each gets its own outcome and reason, the rest are stored whole."""
from __future__ import annotations

import codecs
import contextlib
import json
import os
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from app.cli import cli
from app.services.ingest import run_ingest
from app.store.db import create_database_engine, session_scope
from app.store.models import Article, IngestionRun
from tests.support.databases import BACKENDS

GOOD_FIRST = ('"We will reopen the pier in May," said Harbour Master Ines Duarte.\n\n'
              "Repairs have cost 2 million so far, the harbour board said.\n")
GOOD_LAST = ('"The tunnel is safe," engineer Rui Costa said on Monday.\n\n'
             '“We checked every metre,” Costa added.\n')


def article_paragraphs(page: str) -> list[str]:
    """Six attributed paragraphs; `page` makes each HTML case's text its own (equal texts are one article)."""
    return [f'"We will rebuild the {page} harbour wall before winter number {number}," said the mayor, Ana Lopes, '
            "on Tuesday." for number in range(6)]


def html_page(body: str, *, head: str = "", charset: str = "utf-8") -> str:
    return (f'<!doctype html><html><head><meta charset="{charset}"><title>Harbour wall</title>{head}</head>'
            f"<body>{body}</body></html>")


def article_html(page: str) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in article_paragraphs(page))
    return f"<article><h1>Harbour wall</h1>{paragraphs}</article>"


def enormous_html() -> bytes:
    """About 5 MB of what bloats real pages (inline styles, a JSON state blob, navigation) around a short article."""
    style = "".join(f".c{number}{{color:#{number % 999:03d};content:'STYLE-LEAK'}}\n" for number in range(60_000))
    state = json.dumps({"stories": [{"id": number, "headline": f"Story {number} SCRIPT-LEAK", "body": "lorem " * 40}
                                    for number in range(8_000)]})
    navigation = "".join(f'<li><a href="/s/{number}">Section NAV-LEAK {number}</a></li>' for number in range(15_000))
    head = f"<style>{style}</style><script id='state' type='application/json'>{state}</script>"
    return html_page(f"<nav><ul>{navigation}</ul></nav><main>{article_html('enormous')}</main>", head=head).encode()


def scripted_html() -> bytes:
    head = ("<style>p::before{content:'STYLE-LEAK'}</style><script>var leak='SCRIPT-LEAK';"
            "document.write('<p>WRITTEN-LEAK</p>')</script>")
    paragraphs = article_paragraphs("scripted")
    body = ("<main><article><h1>Harbour wall</h1>" + f"<p onclick=\"alert('HANDLER-LEAK')\">{paragraphs[0]}</p>"
            "<script>alert('SCRIPT-LEAK')</script><noscript>NOSCRIPT-LEAK</noscript>"
            "<style>.x{content:'STYLE-LEAK'}</style>"
            + "".join(f"<p>{text}</p>" for text in paragraphs[1:]) + "</article></main>")
    return html_page(body, head=head).encode()


def truncated_html() -> bytes:
    """A download cut off in the middle of the fifth paragraph, inside a word, with no closing tags."""
    page = html_page(article_html("truncated"))
    return page[:page.index(article_paragraphs("truncated")[4]) + 30].encode()


def nested_html(depth: int) -> bytes:
    return html_page("<div>" * depth + article_html(f"nested {depth}") + "</div>" * depth).encode()


def quote_mark_storm() -> str:
    """10,000 quotation marks of every style, in and between words, over many paragraphs."""
    rng = random.Random(10_000)
    marks = '"\'“”‘’«»„‚‹›'
    paragraphs, count = [], 0
    while count < 10_000:
        words = []
        for _ in range(40):
            mark = rng.choice(marks)
            words.append(rng.choice([f"{mark}word", f"said{mark}", mark, f"{mark}{rng.choice(marks)}", "Lopes"]))
            count += sum(word.count(m) for m in marks for word in words[-1:])
        paragraphs.append(" ".join(words))
    return "\n\n".join(paragraphs)


ONLY_OPENING = "\n\n".join(
    f"{mark}Paragraph {number} opens a quotation and never closes it, said Ana Lopes. {mark}And again"
    for number, mark in enumerate('"“‘«„‹' * 4)
)
NEVER_PAIRING = "\n\n".join(
    f"«We will win“ said Ana Lopes. „Never‘ she added ‹quietly» and ”then’ left, {number} times."
    for number in range(20)
)

JSONL_LINES = [
    json.dumps({"id": "j-good", "text": '"Fares will not rise," the transport chief, Ola Berg, said.'}),
    '{"id": "j-malformed", "text": "unterminated',
    json.dumps({"id": "j-missing-text", "title": "No text here"}),
    json.dumps({"id": "j-text-number", "text": 42}),
    json.dumps({"id": "j-title-list", "text": '"Yes," she said.', "title": ["a", "b"]}),
    json.dumps({"id": "j-bad-date", "text": '"Maybe," he said.', "published": "last Tuesday"}),
    json.dumps(["an", "array"]),
    json.dumps({"id": "j-nul-text", "text": "before\u0000after"}),
    json.dumps({"id": "j-nul-title", "text": '"The ferry runs again," said Captain Lena Moor.',
                "title": "ferry\u0000"}),
    json.dumps({"id": "j-dup", "text": '"We start on Friday," said the coach, Dina Marr.'}),
    json.dumps({"id": "j-dup", "text": '"We start on Saturday," said the coach, Dina Marr.'}),
    json.dumps({"id": "j-dup-text", "text": '"We start on Friday," said the coach, Dina Marr.'}),
    json.dumps({"id": 7, "text": '"Numbers are fine as ids," said the clerk, Per Holm.'}),
    json.dumps({"id": "j-good-last", "text": '"The bridge opens on Friday," said Mayor Ana Lopes.'}),
]


def write_batch(directory: Path) -> None:
    directory.mkdir()
    files: dict[str, bytes] = {
        "00-good-first.txt": GOOD_FIRST.encode(),
        "empty.txt": b"",
        "whitespace.txt": " \n\t\r\n \u00a0\u2003\n".encode(),
        "quote-marks-10000.txt": quote_mark_storm().encode(),
        "quote-mark-run-10000.txt": b'"' * 10_000,
        "only-opening-marks.txt": ONLY_OPENING.encode(),
        "marks-never-pair.txt": NEVER_PAIRING.encode(),
        "invalid-utf8.txt": b'"The pier is safe," she said \xc3\x28 on Monday.',
        "utf16-bom.txt": codecs.BOM_UTF16_LE + '"Ça ira," said Ana Lopes — “vraiment”.'.encode("utf-16-le"),
        "latin1.txt": '"Les cafés resteront ouverts," said the mayor.'.encode("latin-1"),
        "latin1-labelled-utf8.html": html_page(article_html("café")).encode("latin-1"),
        "nul-bytes.txt": b'"The pier is safe," she said.\x00\x00 More text.',
        "binary.txt": random.Random(7).randbytes(4096),
        "binary-no-nul.txt": bytes(random.Random(8).randrange(0x80, 0x100) for _ in range(4096)),
        "control-characters.txt": bytes(range(1, 32)) * 20 + b" some words",
        "html-truncated.html": truncated_html(),
        "html-template.html": html_page("<main>" + article_html("template").replace(
            "</article>", "<template><p>TEMPLATE-LEAK {{ headline }}</p></template></article>") + "</main>").encode(),
        "html-enormous.html": enormous_html(),
        "html-scripts-styles.html": scripted_html(),
        "html-nested-300.html": nested_html(300),
        "html-nested-50000.html": nested_html(50_000),
        "html-empty.html": b"",
        "batch.jsonl": ("\n".join(JSONL_LINES) + "\n").encode(),
        "zz-good-last.txt": GOOD_LAST.encode(),
    }
    for name, data in files.items():
        (directory / name).write_bytes(data)


def text_check(expected_substrings: Sequence[str], *, absent: Sequence[str] = ()):
    def check(article: Article) -> None:
        for piece in expected_substrings:
            assert piece in article.text, piece
        for piece in absent:
            assert piece not in article.text and piece not in (article.title or ""), piece
    return check


def html_article_check(page: str):
    def check(article: Article) -> None:
        assert article.text == "\n\n".join(article_paragraphs(page)), article.text[:300]
        assert article.title == "Harbour wall"
        assert len(article.quotes) == 6
        assert {quote.speaker_name for quote in article.quotes} == {"Ana Lopes"}
    return check


LEAKS = ["STYLE-LEAK", "SCRIPT-LEAK", "WRITTEN-LEAK", "HANDLER-LEAK", "NOSCRIPT-LEAK", "NAV-LEAK"]

# source suffix -> (outcome, the reason's specific words, or a check of the stored article)
CASES = {
    "00-good-first.txt": ("stored", text_check(["Harbour Master Ines Duarte"])),
    "empty.txt": ("failed", "empty file"),
    "whitespace.txt": ("failed", "only whitespace, no text"),
    "quote-marks-10000.txt": ("stored", None),
    "quote-mark-run-10000.txt": ("stored", text_check(['"' * 10_000])),
    "only-opening-marks.txt": ("stored", None),
    "marks-never-pair.txt": ("stored", None),
    "invalid-utf8.txt": ("failed", "not valid UTF-8 at byte 29"),
    "utf16-bom.txt": ("stored", text_check(['"Ça ira," said Ana Lopes — “vraiment”.'])),
    "latin1.txt": ("failed", "not valid UTF-8 at byte 8"),
    "latin1-labelled-utf8.html": ("failed", "not valid UTF-8 at byte"),
    "nul-bytes.txt": ("failed", "contains a NUL byte at byte 29"),
    "binary.txt": ("failed", "contains a NUL byte at byte 70"),
    "binary-no-nul.txt": ("failed", "not valid UTF-8 at byte 0"),
    "control-characters.txt": ("failed", "looks like binary content"),
    "html-truncated.html": ("stored", text_check([*article_paragraphs("truncated")[:4],
                                                  article_paragraphs("truncated")[4][:30]])),
    "html-template.html": ("stored", text_check(article_paragraphs("template"), absent=["TEMPLATE-LEAK"])),
    "html-enormous.html": ("stored", html_article_check("enormous")),
    "html-scripts-styles.html": ("stored", lambda article: (html_article_check("scripted")(article),
                                                             text_check([], absent=LEAKS)(article))),
    "html-nested-300.html": ("stored", html_article_check("nested 300")),
    "html-nested-50000.html": ("failed", "nested"),
    "html-empty.html": ("failed", "empty file"),
    "batch.jsonl:1": ("stored", text_check(["Ola Berg"])),
    "batch.jsonl:2": ("failed", "line 2: not valid JSON"),
    "batch.jsonl:3": ("failed", 'line 3: missing "text"'),
    "batch.jsonl:4": ("failed", 'line 4: "text" must be a string, got number'),
    "batch.jsonl:5": ("failed", 'line 5: "title" must be a string, got array'),
    "batch.jsonl:6": ("failed", 'line 6: "published" is not an ISO 8601 date'),
    "batch.jsonl:7": ("failed", "line 7: expected a JSON object, got array"),
    "batch.jsonl:8": ("failed", 'line 8: "text" contains a NUL character'),
    "batch.jsonl:9": ("failed", "NUL"),  # PostgreSQL refuses NUL in text: the reader refuses it on every backend
    "batch.jsonl:10": ("stored", text_check(["Friday"])),
    "batch.jsonl:11": ("stored", text_check(["Saturday"])),  # a repeated id with new text is a new article
    "batch.jsonl:12": ("duplicate", "same text as"),
    "batch.jsonl:13": ("stored", text_check(["Per Holm"])),
    "batch.jsonl:14": ("stored", text_check(["Mayor Ana Lopes"])),
    "zz-good-last.txt": ("stored", text_check(["Rui Costa"])),
}


@pytest.fixture(scope="module", params=BACKENDS)
def ingested_batch(request, tmp_path_factory, sqlite_template, pipeline):
    """The hostile batch ingested once per backend by `run_ingest`, as `quotetrail ingest` runs it."""
    import shutil

    directory = tmp_path_factory.mktemp("hostile") / "batch"
    write_batch(directory)
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            path = directory.parent / "hostile.db"
            shutil.copyfile(sqlite_template, path)
            url = f"sqlite:///{path}"
        else:
            url = stack.enter_context(request.getfixturevalue("postgres_schema")())
        engine = create_database_engine(url)
        stack.callback(engine.dispose)
        summary = run_ingest([directory], engine=engine, nlp=pipeline, batch_size=4, progress=False)
        outcomes = {outcome.source.split(str(directory) + os.sep)[-1]: outcome for outcome in summary.outcomes}
        yield {"engine": engine, "summary": summary, "outcomes": outcomes, "directory": directory,
               "backend": request.param}


@pytest.mark.parametrize(("source", "outcome", "expected"),
                         [pytest.param(source, *case, id=source) for source, case in CASES.items()])
def test_each_input_gets_its_own_outcome_and_reason(request, ingested_batch, source, outcome, expected):
    got = ingested_batch["outcomes"][source]
    assert got.outcome == outcome, (got.outcome, got.reason)
    if isinstance(expected, str):
        assert expected in got.reason, got.reason
    with session_scope(ingested_batch["engine"]) as session:
        stored = session.scalars(select(Article).where(Article.id == got.article_id)).all() if got.article_id else []
        if outcome == "duplicate" and got.article_id is None:  # a copy of an earlier item of the same run
            first = next(item for item in ingested_batch["summary"].outcomes
                         if got.reason == f"same text as {item.source} in this run")
            stored = session.scalars(select(Article).where(Article.id == first.article_id)).all()
        if outcome == "failed":
            assert got.article_id is None and stored == []
        else:
            assert len(stored) == 1
            if callable(expected):
                expected(stored[0])


def test_every_input_is_accounted_for(ingested_batch):
    assert sorted(ingested_batch["outcomes"]) == sorted(CASES)
    assert (ingested_batch["directory"] / "html-enormous.html").stat().st_size > 5_000_000
    summary = ingested_batch["summary"]
    with session_scope(ingested_batch["engine"]) as session:
        run = session.get_one(IngestionRun, summary.run_id)
        assert run.finished_at is not None
        assert (run.read_count, run.stored_count, run.duplicate_count, run.failed_count) == (
            len(summary.outcomes), summary.count("stored"), summary.count("duplicate"), summary.count("failed"))
        assert {item["source"] for item in run.report} == {item.source for item in summary.outcomes}
        stored_count = len(session.scalars(select(Article.id)).all())
    assert stored_count == summary.count("stored")


def test_nothing_is_half_written(ingested_batch, store_invariants):
    counts = store_invariants(ingested_batch["engine"])
    assert counts["Article"] == ingested_batch["summary"].count("stored")


def test_the_good_articles_are_stored_as_if_ingested_alone(ingested_batch, extract):
    """The hostile neighbours change nothing about the good articles: same text, same quotes, same speakers."""
    good = ["00-good-first.txt", "zz-good-last.txt", "batch.jsonl:1", "batch.jsonl:14"]
    with session_scope(ingested_batch["engine"]) as session:
        for source in good:
            article = session.get_one(Article, ingested_batch["outcomes"][source].article_id)
            alone = extract(article.text)
            assert [(q.start, q.end, q.speaker_name) for q in article.quotes] == \
                [(q.start, q.end, q.speaker) for q in alone.quotes], source
            assert alone.quotes, source


def test_recovered_quote_marks_are_explained_not_failed(ingested_batch, extract):
    """Unpairable marks are recovered from and noted by the pipeline; no stage failed on them."""
    if ingested_batch["backend"] != "sqlite":
        pytest.skip("the pipeline's notes do not depend on the database: once is enough")
    directory = ingested_batch["directory"]
    for name in ("quote-marks-10000.txt", "only-opening-marks.txt", "marks-never-pair.txt"):
        text = (directory / name).read_text("utf-8")
        record = extract(text, name)
        assert not [note for note in record.notes if "[Q100]" in note], name
        assert any("never closed" in note or "stray" in note or "no opening" in note for note in record.notes), name
        with session_scope(ingested_batch["engine"]) as session:
            article = session.get_one(Article, ingested_batch["outcomes"][name].article_id)
            assert len(article.quotes) == len(record.quotes), name


def test_a_second_run_of_the_batch_stores_nothing(ingested_batch, pipeline, store_invariants):
    engine = ingested_batch["engine"]
    before = store_invariants(engine)
    again = run_ingest([ingested_batch["directory"]], engine=engine, nlp=pipeline, batch_size=4, progress=False)
    assert again.count("stored") == 0
    assert again.count("duplicate") == ingested_batch["summary"].count("stored") + \
        ingested_batch["summary"].count("duplicate")
    # The same reasons for the same items (their order depends on which failed before the pipeline ran).
    assert {item.source: item.reason for item in again.failures} == \
        {item.source: item.reason for item in ingested_batch["summary"].failures}
    after = store_invariants(engine)
    assert {**after, "IngestionRun": 0} == {**before, "IngestionRun": 0}
    assert after["IngestionRun"] == before["IngestionRun"] + 1


def test_extract_reports_bad_files_and_prints_the_good_ones(ingested_batch, tmp_path):
    """`quotetrail extract` over the same batch: reasons on stderr, one JSON line per readable document."""
    directory = ingested_batch["directory"]
    if ingested_batch["backend"] != "sqlite":
        pytest.skip("extract does not touch the database: once is enough")
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", str(directory)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    printed = {line["id"] for line in lines}
    assert {"00-good-first.txt", "zz-good-last.txt", "utf16-bom.txt", "j-good", "j-dup", "7"} <= printed
    for line in lines:
        for quote in line["quotes"]:
            assert quote["end"] > quote["start"]
    assert "empty.txt: empty file" in result.stderr
    assert "latin1.txt: not valid UTF-8 at byte 8" in result.stderr
    assert 'batch.jsonl:3: line 3: missing "text"' in result.stderr
