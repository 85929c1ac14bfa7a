"""The unit of work is safe to repeat: a chunk run again records and stores nothing new; an article stored by
another pipeline version has its results replaced in place; the same version is skipped."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import func, select, update

from app.services.ingest import pipeline_version, run_ingest
from app.services.ingest.chunks import plan_chunks
from app.services.ingest.unit import process_chunk
from app.services.ingest.version import resources_digest
from app.store.db import session_scope
from app.store.models import Article, IngestionItem, Quote, QuoteFamily
from app.store.repo import start_ingestion_run

SAMPLES = Path(__file__).resolve().parents[4] / "samples"


def counts(engine) -> tuple[int, int, int, int]:
    with session_scope(engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[return-value]
                     for model in (Article, Quote, QuoteFamily, IngestionItem))


def test_a_chunk_run_twice_is_recorded_and_stored_once(engine, pipeline, tmp_path: Path):
    batch = tmp_path / "three.jsonl"
    batch.write_text("".join(json.dumps({"id": name, "text": f'"We sail at {name}," said Captain Lena Moor.'}) + "\n"
                             for name in ("dawn", "noon", "dusk")), encoding="utf-8")
    with session_scope(engine) as session:
        run_id = start_ingestion_run(session, sources=[str(batch)]).id
    chunk = next(plan_chunks([batch], suffixes=(".jsonl",), articles_per_chunk=8))
    version = pipeline_version(pipeline)
    first = process_chunk(chunk, nlp=pipeline, engine=engine, run_id=run_id, version=version, batch_size=4)
    after_first = counts(engine)
    again = process_chunk(chunk, nlp=pipeline, engine=engine, run_id=run_id, version=version, batch_size=4)
    assert (first.items, first.already_recorded) == (3, False)
    assert (again.items, again.already_recorded) == (0, True)
    assert counts(engine) == after_first and after_first[0] == 3 and after_first[3] == 3


def test_another_pipeline_version_replaces_results_in_place_and_the_same_version_skips(engine, pipeline, session):
    paths = sorted(SAMPLES.glob("0*.txt"))[:4]
    first = run_ingest(paths, engine=engine, nlp=pipeline, progress=False)
    assert first.count("stored") == 4
    before = {article.id: sorted((quote.start, quote.end, quote.text) for quote in article.quotes)
              for article in session.scalars(select(Article))}
    old_quote_ids = set(session.scalars(select(Quote.id)))
    session.execute(update(Article).values(pipeline_version="quotetrail 0.0.1; old model 1.0; rules 000000000000"))
    session.commit()

    replaced = run_ingest(paths, engine=engine, nlp=pipeline, progress=False)
    assert replaced.count("stored") == 4 and replaced.count("duplicate") == 0
    assert all("results of quotetrail 0.0.1; old model 1.0" in (item.reason or "") for item in replaced.outcomes)
    session.expire_all()
    after = {article.id: sorted((quote.start, quote.end, quote.text) for quote in article.quotes)
             for article in session.scalars(select(Article))}
    assert after == before  # the same article ids, the same quotes
    assert not old_quote_ids & set(session.scalars(select(Quote.id)))  # written again: new quote ids
    assert set(session.scalars(select(Article.pipeline_version))) == {pipeline_version(pipeline)}
    for family in session.scalars(select(QuoteFamily)):  # no family points at a deleted quote or is left empty
        assert family.member_count == len(family.members) >= 2

    again = run_ingest(paths, engine=engine, nlp=pipeline, progress=False)
    assert (again.count("stored"), again.count("duplicate")) == (0, 4)


def test_the_version_names_release_model_and_a_digest_of_the_rule_resources(pipeline, tmp_path: Path, monkeypatch):
    from app.services.ingest import version

    text = pipeline_version(pipeline)
    assert text.startswith("quotetrail ") and pipeline.meta["version"] in text and text.endswith(resources_digest())
    copy = tmp_path / "resources"
    shutil.copytree(version.RESOURCES_DIR, copy)
    monkeypatch.setattr(version, "RESOURCES_DIR", copy)
    assert version.resources_digest.__wrapped__() == resources_digest()
    cue_verbs = copy / "cue_verbs.txt"
    cue_verbs.write_text(cue_verbs.read_text(encoding="utf-8") + "\nquipped\n", encoding="utf-8")
    assert version.resources_digest.__wrapped__() != resources_digest()
