"""The article page in headless Chromium at a laptop's width (1366 px) and a phone's (390 px), over an article
with sixteen sources: colours as drawn are all different, the statements panel follows the reader beside the
text, and on a phone it waits behind its toggle instead of stretching the page."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import Settings
from tests.browser.conftest import PageWatch
from tests.support.databases import ingested_sqlite_copy

pytestmark = pytest.mark.browser

MANY_SPEAKERS = Path(__file__).resolve().parents[1] / "fixtures" / "many_speakers" / "council-hearing.txt"
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def hearing_url(tmp_path_factory, sqlite_template, pipeline, serve):
    """The URL of the sixteen-source hearing's article page, served by uvicorn over its own database."""
    from app.web.main import create_app

    path = tmp_path_factory.mktemp("hearing") / "hearing.db"
    (article_id,) = ingested_sqlite_copy(sqlite_template, path, [MANY_SPEAKERS], pipeline)
    with serve(create_app(Settings(database_url=f"sqlite:///{path}"), nlp=pipeline)) as url:
        yield f"{url}/articles/{article_id}"


@pytest.fixture
def open_at(browser):
    """open_at(viewport, url) -> (page, watch): a fresh browser context of that size on the page."""
    contexts = []

    def open_page(viewport, url):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        watch = PageWatch(page)
        page.goto(url)
        return page, watch

    yield open_page
    for context in contexts:
        context.close()


def wait_until(page, expression: str, *, seconds: float = 10) -> None:
    """Poll `expression` in the page until it is true (wait_for_function would eval a string, which the
    page's Content-Security-Policy forbids, as it should)."""
    for _ in range(int(seconds * 20)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false after {seconds} s: {expression}")


DRAWN_COLOURS = """() => {
    const swatches = Array.from(document.querySelectorAll('.legend-list li .swatch'));
    const badges = Array.from(document.querySelectorAll('.article-text a.qn'));
    return {
        legend: swatches.map(node => [node.textContent, getComputedStyle(node).backgroundColor]),
        badges: badges.map(node => [node.dataset.who, getComputedStyle(node, '::before').backgroundColor]),
    };
}"""


def test_every_source_is_drawn_in_its_own_colour_with_its_label(open_at, hearing_url, screenshot):
    page, watch = open_at(LAPTOP, hearing_url)
    drawn = page.evaluate(DRAWN_COLOURS)
    legend = dict(drawn["legend"])
    assert len(drawn["legend"]) == 16 and len(legend) == 16  # labels unique
    assert len(set(legend.values())) == 16  # and so are the colours actually painted, past the tenth
    assert all(colour.startswith("rgb(") for colour in legend.values())
    for label, colour in drawn["badges"]:  # each statement's badge is painted like its source's swatch
        assert legend[label] == colour
    assert len(drawn["badges"]) == 17
    screenshot(page, "article-1366-many-sources", full_page=False)
    assert watch.errors == [] and watch.dialogs == []


def test_the_statements_panel_follows_the_reader_at_laptop_width(open_at, hearing_url, screenshot):
    page, watch = open_at(LAPTOP, hearing_url)
    assert page.evaluate("getComputedStyle(document.querySelector('aside.side')).position") == "sticky"
    assert page.evaluate("document.querySelector('details.statements').open")
    # On arrival, before the first statement is read, the panel shows the sources from its top.
    assert page.evaluate("document.querySelector('aside.side').scrollTop") == 0
    assert page.locator(".legend-list li").first.is_visible()
    last = page.locator(".article-text a.qn").last
    last.scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    # The card of a statement on screen is marked current, and the panel (sticky, still in view) shows it.
    wait_until(page, """(() => {
        const card = document.querySelector('.cards .card.current');
        if (!card || card.querySelector('.num').textContent === '1') return false;
        const top = document.getElementById('q-' + card.dataset.q).getBoundingClientRect().top;
        return top >= 0 && top <= window.innerHeight;
    })()""")
    state = page.evaluate("""() => {
        const card = document.querySelector('.cards .card.current');
        const panel = document.querySelector('aside.side');
        const id = card.dataset.q;
        const start = document.getElementById('q-' + id).getBoundingClientRect();
        const box = card.getBoundingClientRect(), side = panel.getBoundingClientRect();
        return {number: card.querySelector('.num').textContent, panelTop: side.top, panelBottom: side.bottom,
                cardTop: box.top, cardBottom: box.bottom, startTop: start.top, viewport: window.innerHeight,
                textCurrent: document.querySelectorAll('.article-text .st.current').length,
                panelScrolled: panel.scrollTop};
    }""")
    # The reader is in the second half of the article: so is the panel, scrolled away from its top.
    assert int(state["number"]) >= 9 and state["panelScrolled"] > 0
    # The card is on screen, inside the panel's visible box (at the very end of the page the sticky panel
    # rides up with the end of the text, so its top may be above the window).
    assert state["panelTop"] <= state["cardTop"] and state["cardBottom"] <= state["panelBottom"] + 1
    assert 0 <= state["cardTop"] and state["cardBottom"] <= state["viewport"]
    assert 0 <= state["startTop"] <= state["viewport"]  # that statement is in the text on screen
    assert state["textCurrent"] >= 1
    screenshot(page, "article-1366-scrolled", full_page=False)
    # Back at the top, before the first statement, the panel shows its own top again: the sources.
    page.evaluate("window.scrollTo(0, 0)")
    wait_until(page, "document.querySelector('aside.side').scrollTop === 0")
    assert page.evaluate("document.querySelector('.cards .card.current')") is None
    assert page.locator(".legend-list li").first.is_visible()
    # Reading the first statements marks them, one after another, while the sources stay in reach.
    first = page.locator(".article-text a.qn").first.bounding_box()
    page.evaluate(f"window.scrollTo(0, {first['y']} - window.innerHeight * 0.3)")
    wait_until(page, "document.querySelector('.cards .card.current .num')?.textContent === '1'")
    assert watch.errors == [] and watch.dialogs == []


def test_on_a_phone_the_statements_wait_behind_a_toggle(open_at, hearing_url, screenshot):
    page, watch = open_at(PHONE, hearing_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    assert not page.evaluate("document.querySelector('details.statements').open")
    assert not page.locator(".cards .card").first.is_visible()
    closed = page.evaluate("document.documentElement.scrollHeight")
    screenshot(page, "article-390-closed")
    page.click("details.statements > summary")
    assert page.locator(".cards .card").first.is_visible()
    opened = page.evaluate("document.documentElement.scrollHeight")
    assert opened > closed + 17 * 150  # seventeen cards: what the toggle keeps off the page until asked
    page.click("details.statements > summary")
    assert page.evaluate("document.documentElement.scrollHeight") == closed
    # A statement's badge still leads to its card: the panel opens for it.
    page.locator(".article-text a.qn").nth(4).click()
    wait_until(page, "document.querySelector('details.statements').open")
    assert page.evaluate("location.hash").startswith("#s-")
    assert watch.errors == [] and watch.dialogs == []


def test_widening_the_window_opens_the_panel_again(open_at, hearing_url):
    page, watch = open_at(PHONE, hearing_url)
    assert not page.evaluate("document.querySelector('details.statements').open")
    page.set_viewport_size(LAPTOP)
    wait_until(page, "document.querySelector('details.statements').open")
    assert page.locator(".cards .card").first.is_visible()
    assert watch.errors == []
