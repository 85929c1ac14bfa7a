"""Real-browser fixtures: the app served by uvicorn on loopback over an ingested collection, and headless Chromium."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.settings import Settings

TESTS = Path(__file__).resolve().parents[1]
COLLECTION = TESTS / "app" / "web" / "collection"
ARTIFACTS = TESTS / "artifacts"
CHROMIUM = os.environ.get("QUOTETRAIL_CHROMIUM") or "/usr/bin/chromium"
# Debian's chromium, driven by Playwright's own protocol client; nothing is downloaded.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
VIEWPORT = {"width": 1360, "height": 900}


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_database(tmp_path_factory, pipeline):
    """The web tests' collection, in a database migrated and filled by the real commands' functions."""
    from app.services.ingest import run_ingest
    from app.store.db import create_database_engine, upgrade_database

    path = tmp_path_factory.mktemp("browser") / "collection.db"
    url = f"sqlite:///{path}"
    upgrade_database(url)
    engine = create_database_engine(url)
    summary = run_ingest([COLLECTION / "harbour.txt", COLLECTION / "tram.html", COLLECTION / "collection.jsonl"],
                         engine=engine, nlp=pipeline, progress=False)
    engine.dispose()
    assert summary.count("failed") == 0, summary.render()
    return path


@pytest.fixture(scope="session")
def live_server(browser_database, pipeline, tmp_path_factory, serve):
    """Base URL of the app served by uvicorn in a background thread on 127.0.0.1 (a private copy of the data)."""
    from app.web.main import create_app

    path = tmp_path_factory.mktemp("served") / "served.db"
    shutil.copyfile(browser_database, path)
    app = create_app(Settings(database_url=f"sqlite:///{path}", page_size=10), nlp=pipeline)
    with serve(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a test must notice: dialogs (alert, confirm) and script errors."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@contextmanager
def browser_page(browser, base_url: str):
    """A page in a fresh browser context at the laptop viewport, its paths relative to `base_url`."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser, live_server):
    with browser_page(browser, live_server) as page:
        yield page


@pytest.fixture
def watch(page) -> PageWatch:
    return PageWatch(page)


@pytest.fixture(scope="session")
def screenshot():
    """screenshot(page, name): save a full-page PNG under tests/artifacts/ to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name: str, *, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
