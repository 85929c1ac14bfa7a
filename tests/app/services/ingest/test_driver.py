"""Ingest with the real pipeline into SQLite and PostgreSQL: quotes traceable, nothing twice, bad items isolated."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.cli import cli
from app.services.ingest import add_document, run_ingest, store_document
from app.services.readers import SourceDocument, count_items
from app.store import queries
from app.store.db import create_database_engine, session_scope
from app.store.models import Article, ArticleParagraph, IngestionRun, Quote, Speaker
from nlp.records import DocumentRecord, QuoteRecord

REPOSITORY = Path(__file__).resolve().parents[4]
SAMPLES = REPOSITORY / "samples"


def table_counts(session) -> dict[str, int]:
    return {model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Article, ArticleParagraph, Quote, Speaker)}


def assert_every_quote_points_into_its_article(session) -> int:
    quotes = list(session.scalars(select(Quote)))
    for quote in quotes:
        assert quote.article.text[quote.start:quote.end] == quote.text, (quote.id, quote.text)
    return len(quotes)


def test_samples_are_stored_whole_and_every_quote_offset_holds(engine, session, pipeline):
    summary = run_ingest([SAMPLES], engine=engine, nlp=pipeline, progress=False)
    assert summary.failures == []
    assert summary.count("stored") == count_items([SAMPLES]) == len(summary.outcomes)
    assert assert_every_quote_points_into_its_article(session) == summary.quote_count > 0
    for article in session.scalars(select(Article)):
        # Nothing the pipeline found is lost on the way into the database.
        assert len(article.quotes) == len(pipeline_record(pipeline, article.text).quotes)
        assert [[row.start, row.end] for row in article.paragraph_rows] == article.paragraphs
    html = session.scalars(select(Article).where(Article.source_name == "15-tram-extension.html")).one()
    assert html.title and "<" not in html.text
    assert summary.pipeline_seconds > 0 and summary.store_seconds > 0
    run = session.get(IngestionRun, summary.run_id)
    assert (run.read_count, run.stored_count, run.failed_count) == (len(summary.outcomes), summary.count("stored"), 0)
    assert run.finished_at is not None
    assert {item["outcome"] for item in run.report} == {"stored"}
    jsonl_items = [item for item in run.report if ".jsonl:" in item["source"]]
    assert jsonl_items and all(item["article_id"] for item in jsonl_items)


def pipeline_record(pipeline, text: str) -> DocumentRecord:
    import nlp

    return nlp.extract(pipeline, text, "check")


def test_reingest_stores_nothing_twice(engine, session, pipeline, tmp_path):
    (tmp_path / "a.txt").write_text('"The bridge opens on Friday," said Mayor Ana Lopes.\n\nTraffic will be '
                                    'diverted.', encoding="utf-8")
    (tmp_path / "copy.txt").write_bytes((tmp_path / "a.txt").read_bytes())
    first = run_ingest([tmp_path], engine=engine, nlp=pipeline, progress=False)
    assert (first.count("stored"), first.count("duplicate")) == (1, 1)
    assert "in this run" in next(item.reason or "" for item in first.outcomes if item.outcome == "duplicate")
    before = table_counts(session)
    second = run_ingest([tmp_path], engine=engine, nlp=pipeline, progress=False)
    assert (second.count("stored"), second.count("duplicate")) == (0, 2)
    assert table_counts(session) == before
    stored_id = next(item.article_id for item in first.outcomes if item.outcome == "stored")
    assert [item.article_id for item in second.outcomes] == [stored_id, stored_id]


def test_a_corrupt_file_in_a_batch_is_reported_and_the_rest_are_stored(database_url, session, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "01-good.txt").write_text('"We will reopen the pier," said Harbour Master Ines Duarte.', encoding="utf-8")
    (batch / "02-latin1.txt").write_bytes('"Caf\u00e9s stay open," she said.'.encode("latin-1"))
    (batch / "03-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (batch / "04-empty.html").write_bytes(b"")
    (batch / "05-batch.jsonl").write_text(
        json.dumps({"id": "j1", "text": '"Fares will not rise," the transport chief, Ola Berg, said.'}) + "\n"
        + '{"id": "j2", "text": \n'
        + json.dumps({"id": "j3", "text": '"The tunnel is safe," engineer Rui Costa said on Monday.'}) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["ingest", "--no-progress", "--batch-size", "2", str(batch)])
    assert result.exit_code == 1, result.output  # some items failed
    assert "stored     3 article(s)" in result.output
    assert "02-latin1.txt: not valid UTF-8 at byte 4" in result.output
    assert "03-binary.txt: contains a NUL byte" in result.output
    assert "04-empty.html: empty file" in result.output
    assert "05-batch.jsonl:2: line 2: not valid JSON" in result.output
    assert {article.source_name for article in session.scalars(select(Article))} == {"01-good.txt", "j1", "j3"}
    assert_every_quote_points_into_its_article(session)


def test_a_failure_inside_the_transaction_leaves_no_half_stored_article(engine, pipeline):
    text = '"The pier will reopen in May," said Harbour Master Ines Duarte.\n\nRepairs cost 2 million.'
    record = pipeline_record(pipeline, text)
    assert record.quotes
    quote = record.quotes[0]
    # confidence is NOT NULL: the article and paragraph rows are written first, then the quote row fails.
    broken = QuoteRecord(**{**{name: getattr(quote, name) for name in quote.__slots__}, "confidence": None})
    bad_record = DocumentRecord(id=record.id, text=text, paragraphs=record.paragraphs, quotes=[broken],
                                people=record.people)
    document = SourceDocument(source="pier.txt", id="pier.txt", text=text)
    with pytest.raises(IntegrityError):
        with session_scope(engine) as session:
            store_document(session, document=document, record=bad_record, ingestion_run_id=None)
    with session_scope(engine) as session:
        assert table_counts(session) == {"Article": 0, "ArticleParagraph": 0, "Quote": 0, "Speaker": 0}
        assert queries.search_articles_fulltext(session, query="pier") == []


def test_a_killed_ingest_leaves_whole_articles_and_a_rerun_completes(database_url, pipeline, tmp_path):
    bases = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))][:6]
    rows = [{"id": f"article-{number}", "text": f"{bases[number % len(bases)]}\n\nEdition {number}."}
            for number in range(40)]
    batch = tmp_path / "big.jsonl"
    batch.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "ingest", "--no-progress", "--batch-size", "4", str(batch)],
        env=environment, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    engine = create_database_engine(database_url)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            with session_scope(engine) as session:
                if (session.scalar(select(func.count()).select_from(Article)) or 0) >= 5:
                    break
            time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be interrupted"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        with session_scope(engine) as session:
            stored = list(session.scalars(select(Article)))
            assert 5 <= len(stored) < len(rows)
            for article in stored:
                assert len(article.quotes) == len(pipeline_record(pipeline, article.text).quotes)
                assert len(article.paragraph_rows) == len(article.paragraphs)
            assert_every_quote_points_into_its_article(session)
            run = session.scalars(select(IngestionRun)).one()
            assert run.finished_at is None  # the record shows the run never finished
        rerun = run_ingest([batch], engine=engine, nlp=pipeline, progress=False)
        assert rerun.count("duplicate") == len(stored)
        assert rerun.count("stored") == len(rows) - len(stored)
        with session_scope(engine) as session:
            assert session.scalar(select(func.count()).select_from(Article)) == len(rows)
    finally:
        if process.poll() is None:
            process.kill()
        engine.dispose()


def test_a_pipeline_error_costs_only_its_document(engine, session, tmp_path):
    from spacy.language import Language

    import nlp

    @Language.component("test_fail_on_marker")
    def fail_on_marker(doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("stage failed on purpose")
        return doc

    failing = nlp.build_pipeline()
    failing.add_pipe("test_fail_on_marker", last=True)
    rows = [{"id": name, "text": f'"We are ready {name}," said Captain Lena Moor.\n\n{extra}'}
            for name, extra in (("one", "Calm seas."), ("two", "EXPLODE here."), ("three", "Clear skies."))]
    batch = tmp_path / "three.jsonl"
    batch.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    summary = run_ingest([batch], engine=engine, nlp=failing, batch_size=8, progress=False)
    assert [item.outcome for item in summary.outcomes] == ["stored", "failed", "stored"]
    assert "RuntimeError: stage failed on purpose" in (summary.outcomes[1].reason or "")
    assert {article.source_name for article in session.scalars(select(Article))} == {"one", "three"}


def test_progress_bar_shows_articles_per_second(engine, pipeline):
    stream = io.StringIO()
    run_ingest([SAMPLES / "01-harbour-dredging.txt"], engine=engine, nlp=pipeline, progress=True,
               progress_stream=stream)
    assert "article/s" in stream.getvalue() and "1/1" in stream.getvalue()


def test_several_workers_store_the_same_quotes(tmp_path, sqlite_template, pipeline):
    import shutil

    stored = {}
    for workers in (1, 2):
        path = tmp_path / f"w{workers}.db"
        shutil.copyfile(sqlite_template, path)
        engine = create_database_engine(f"sqlite:///{path}")
        summary = run_ingest(sorted(SAMPLES.glob("0*.txt"))[:4], engine=engine, nlp=pipeline, workers=workers,
                             batch_size=1, progress=False)
        assert summary.count("stored") == 4
        with session_scope(engine) as session:
            stored[workers] = sorted((quote.article.source_name, quote.start, quote.end, quote.speaker_name)
                                     for quote in session.scalars(select(Quote)))
        engine.dispose()
    assert stored[1] == stored[2] and stored[1]


def test_add_document_returns_the_article_id_and_the_existing_one_for_a_duplicate(session, pipeline):
    text = '"The library will open on Sundays," said councillor Maya Roth.\n\nThe vote was unanimous.'
    document = SourceDocument(source="pasted text", id="pasted text", text=text, title="Library hours")
    added = add_document(session, nlp=pipeline, document=document)
    assert not added.duplicate and added.quote_count >= 1
    article = queries.get_article(session, article_id=added.article_id)
    assert article is not None and (article.title, article.text) == ("Library hours", text)
    again = add_document(session, nlp=pipeline, document=document)
    assert (again.article_id, again.duplicate) == (added.article_id, True)
    run = session.scalars(select(IngestionRun)).one()
    assert run.sources == ["web: pasted text"] and run.stored_count == 1
    assert_every_quote_points_into_its_article(session)


MOJIBAKE_ARTICLE = ("Mexico names a new envoy\n\n"
                    "â€œWe will not pay for any wall,â€\x9d said Daniel SarukhÃ\x83Â¡n, the ambassador.\n\n"
                    "FranÃ§ois Delattre, the French envoy, said the talks would go on.\n")


def test_a_file_with_mojibake_is_stored_repaired_and_its_offsets_hold(engine, session, pipeline, tmp_path):
    (tmp_path / "broken.txt").write_text(MOJIBAKE_ARTICLE, encoding="utf-8")
    summary = run_ingest([tmp_path / "broken.txt"], engine=engine, nlp=pipeline, progress=False)
    assert summary.count("stored") == 1, summary.render()
    stored = session.scalars(select(Article)).one()
    assert "Daniel Sarukhán" in stored.text and "“We will not pay for any wall,”" in stored.text
    assert "Ã" not in stored.text and "â€" not in stored.text
    assert assert_every_quote_points_into_its_article(session) == 2
    by_speaker = {quote.speaker_name: quote for quote in stored.quotes}
    assert set(by_speaker) == {"Daniel Sarukhán", "François Delattre"}
    wall = by_speaker["Daniel Sarukhán"]
    assert stored.text[wall.mention_start:wall.mention_end] == "Daniel Sarukhán"


def test_keep_encoding_stores_the_text_exactly_as_decoded(engine, session, pipeline, tmp_path):
    (tmp_path / "broken.txt").write_text(MOJIBAKE_ARTICLE, encoding="utf-8")
    summary = run_ingest([tmp_path / "broken.txt"], engine=engine, nlp=pipeline, progress=False,
                         repair_encoding=False)
    assert summary.count("stored") == 1, summary.render()
    assert session.scalars(select(Article)).one().text == MOJIBAKE_ARTICLE
    assert_every_quote_points_into_its_article(session)
