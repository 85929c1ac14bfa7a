"""In a real browser, over the namesake collection: the check page never confirms a namesake, and shows its evidence."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import browser_page

pytestmark = pytest.mark.browser

IDENTITY = Path(__file__).resolve().parents[2] / "evaluation" / "articles" / "identity"
MINISTER_QUOTE = "Nobody in this country should pay more tax than they need to"
OPPOSITION_QUOTE = "He gives with one hand at the till and takes it back with the other at the petrol pump"


@pytest.fixture(scope="module")
def namesake_server(tmp_path_factory, pipeline, serve):
    """The identity collection ingested and linked by the real functions, served on 127.0.0.1."""
    from sqlalchemy.orm import Session

    from app.services.ingest import run_ingest
    from app.services.linking import relink_collection
    from app.settings import Settings
    from app.store.db import create_database_engine, upgrade_database
    from app.web.main import create_app

    path = tmp_path_factory.mktemp("namesakes") / "namesakes.db"
    url = f"sqlite:///{path}"
    upgrade_database(url)
    engine = create_database_engine(url)
    summary = run_ingest([str(file) for file in sorted(IDENTITY.glob("*.txt"))], engine=engine, nlp=pipeline,
                         progress=False)
    assert not summary.failures
    with Session(engine) as session:
        relink_collection(session)
        session.commit()
    engine.dispose()
    with serve(create_app(Settings(database_url=url, page_size=10), nlp=pipeline)) as base:
        yield base


@pytest.fixture
def namesake_page(browser, namesake_server):
    with browser_page(browser, namesake_server) as page:
        yield page


def check(page, text: str, speaker: str) -> str:
    page.goto("/check")
    page.fill("#check-text", f"“{text}”")
    page.fill("#check-speaker", speaker)
    page.click("form.check-form button[type=submit]")
    return page.locator("section.verdict .speaker-verdict strong").first.inner_text().strip()


@pytest.mark.parametrize(("text", "speaker", "verdict"), [
    (MINISTER_QUOTE, "Paul D. Ransome", "match"),
    (MINISTER_QUOTE, "Paul Ransome", "match"),
    (MINISTER_QUOTE, "Carol Ransome", "misattributed"),
    (MINISTER_QUOTE, "Jamie Ransome", "misattributed"),
    (MINISTER_QUOTE, "Ransome", "unverifiable"),
    (OPPOSITION_QUOTE, "Margaret Calder", "match"),
    (OPPOSITION_QUOTE, "Ms. Calder", "match"),
    (OPPOSITION_QUOTE, "Douglas Calder", "misattributed"),
])
def test_speaker_verdicts_hold_for_namesakes(namesake_page, text, speaker, verdict):
    assert check(namesake_page, text, speaker) == verdict
    card = namesake_page.locator("ol.evidence-list li.card").first
    # Each match says why, and shows the source's attributing sentence with the cue and mention marked.
    assert card.locator(".speaker-reason").inner_text()
    sentence = card.locator("figure.attribution blockquote")
    assert sentence.count() == 1
    assert sentence.locator(".cue").count() + sentence.locator(".mention").count() >= 1
