"""Fixtures for the distributed-ingest tests: a Ray cluster of real processes on 127.0.0.1, a corpus of ~200
small articles, PostgreSQL schemas, and a canonical dump of what an ingest stored."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.store.db import create_database_engine, session_scope
from app.store.models import Article, Quote, Speaker, SpeakerAlias, SpeakerTitle
from tests.support.databases import POSTGRES_URL_VARIABLE, private_postgres_schema
from tests.support.ray_cluster import RayCluster

ARTICLE_COUNT = 200
PEOPLE = [("Mayor", "Ana", "Lopes"), ("Minister", "Jonas", "Berg"), ("Professor", "Lena", "Moor"),
          ("Captain", "Rui", "Costa"), ("Senator", "Maya", "Roth"), ("Director", "Ines", "Duarte"),
          ("Councillor", "Omar", "Haddad"), ("Judge", "Petra", "Novak"), ("Chief", "Sam", "Okafor"),
          ("Doctor", "Hana", "Sato")]
STATEMENTS = [f"The {thing} will {verb} before the end of {month}" for thing, verb, month in (
    ("bridge", "reopen", "March"), ("harbour", "be dredged", "April"), ("school", "expand", "May"),
    ("tram line", "extend", "June"), ("hospital wing", "open", "July"), ("budget", "balance", "August"),
    ("tunnel", "be inspected", "September"), ("library", "open on Sundays", "October"),
    ("market", "move indoors", "November"), ("pier", "be rebuilt", "December"))]
TOWNS = ["Harwick", "Loxley", "Marden", "Oakham", "Penrith", "Rydal", "Selby", "Tarland"]


def corpus_rows(count: int = ARTICLE_COUNT) -> list[dict[str, str]]:
    """Small news items: ten people, ten statements each carried by many articles (quote families), one
    distinct line and publication day per article, so every text and the order of publication are unique."""
    rows = []
    for number in range(count):
        title, first, last = PEOPLE[number % len(PEOPLE)]
        statement = STATEMENTS[(number * 3) % len(STATEMENTS)]
        town = TOWNS[number % len(TOWNS)]
        text = (f'"{statement}," {title} {first} {last} said on Monday.\n\n'
                f"The council of {town} met for the {number + 1}th time this year.\n\n"
                f'{last} added that residents "should expect short delays" in {town}.')
        rows.append({"id": f"item-{number:03d}", "text": text, "title": f"{town} news {number}",
                     "published": f"2025-{1 + number // 28:02d}-{1 + number % 28:02d}T08:00:00Z"})
    return rows


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus as one JSON Lines file (split into line ranges when chunks are small)."""
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in corpus_rows()), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def postgres_base_url() -> str:
    import os

    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set")
    return url


@pytest.fixture
def fresh_database(postgres_base_url: str) -> Iterator[str]:
    """A migrated, empty PostgreSQL schema of its own: the URL that uses it."""
    with private_postgres_schema(postgres_base_url, prefix="quotetrail_ray") as url:
        yield url


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[RayCluster]:
    """A one-node cluster (head, 2 CPUs) for the module; every process it started is killed by PID at the end."""
    cluster = RayCluster()
    try:
        cluster.start_head(num_cpus=2)
        yield cluster
    finally:
        cluster.stop()


def canonical_dump(engine: Engine) -> dict[str, list]:
    """What an ingest stored, without ids, times or run numbers: equal dumps mean the same collection."""
    with session_scope(engine) as session:
        return _dump(session)


def _dump(session: Session) -> dict[str, list]:
    hashes = {article_id: digest for article_id, digest in session.execute(select(Article.id, Article.content_hash))}
    speakers = {speaker.id: speaker.name for speaker in session.scalars(select(Speaker))}
    quotes = list(session.scalars(select(Quote)))
    position = {quote.id: (hashes[quote.article_id], quote.start) for quote in quotes}
    families: dict[int, list] = {}
    for quote in quotes:
        if quote.family_id is not None:
            families.setdefault(quote.family_id, []).append(position[quote.id])
    earliest = {quote.family_id: position[quote.id] for quote in quotes
                if quote.family_id is not None and quote.family and quote.family.earliest_quote_id == quote.id}
    return {
        "articles": sorted((row.content_hash, row.source_name, row.title, str(row.published_at), row.paragraphs,
                            json.dumps(row.people, sort_keys=True), row.pipeline_version)
                           for row in session.scalars(select(Article))),
        "quotes": sorted((position[quote.id], quote.end, quote.text, quote.kind, quote.cue, quote.speaker_name,
                          speakers.get(quote.speaker_id) if quote.speaker_id else None, quote.speaker_type,
                          round(quote.confidence, 6), quote.rule, json.dumps(quote.family_diff))
                         for quote in quotes),
        "speakers": sorted((speaker.name, speaker.key, speaker.kind, speaker.quote_count, speaker.is_person,
                            speaker.unresolved, speaker.link_reason or "")
                           for speaker in session.scalars(select(Speaker))),
        "aliases": sorted((speakers[row.speaker_id], row.alias, row.count, row.pinned)
                          for row in session.scalars(select(SpeakerAlias))),
        "titles": sorted((speakers[row.speaker_id], row.title, row.count)
                         for row in session.scalars(select(SpeakerTitle))),
        "families": sorted((sorted(members), earliest.get(family_id)) for family_id, members in families.items()),
    }


def engine_for(url: str) -> Engine:
    return create_database_engine(url)
