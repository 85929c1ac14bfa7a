"""Article text and metadata with <script>, event handlers, javascript: URLs and template syntax never run."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

COLLECTION = Path(__file__).resolve().parents[1] / "app" / "web" / "collection"


def hostile_line() -> dict:
    lines = [json.loads(line) for line in (COLLECTION / "collection.jsonl").read_text("utf-8").splitlines() if line]
    return next(line for line in lines if line["id"] == "hostile")


def hover_and_click_everything(page) -> None:
    """Give event handlers every chance to fire: hover and click each highlighted span and link-less text."""
    for locator in (page.locator(".article-text .st"), page.locator(".article-text .mention"), page.locator("h1")):
        for index in range(min(locator.count(), 10)):
            locator.nth(index).hover()
            locator.nth(index).click(position={"x": 3, "y": 3}, force=True)


def test_the_ingested_hostile_article_shows_its_markup_as_text(page, watch, screenshot):
    hostile = hostile_line()
    page.goto("/articles")
    page.click(f".article-list a.title >> text={hostile['title']}")
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    hover_and_click_everything(page)
    assert page.text_content("h1") == hostile["title"]
    assert page.title().startswith(hostile["title"])
    text = page.text_content(".article-text")
    assert "<script>alert('text')</script>" in text and "{{ 7*7 }}" in text and "{{ config }}" in text
    # Nothing the article carried became an element, a handler or a link.
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    assert page.evaluate(
        "document.querySelectorAll('.article-text img, .article-text b, .article-text a:not(.qn)').length") == 0
    assert page.evaluate(
        "[...document.querySelectorAll('a[href]')].filter(a => a.href.startsWith('javascript:')).length") == 0
    assert page.locator(".byline a.source").count() == 0
    screenshot(page, "11-hostile-article")
    assert watch.dialogs == []


def test_hostile_text_added_through_the_form_never_runs(page, watch, screenshot):
    payload = (
        "<script>alert('form-script')</script> <img src=x onerror=\"alert('form-img')\"> "
        "<svg onload=alert('form-svg')></svg> {{ 7*7 }} ${7*7} {% print 1 %}\n\n"
        "\"<iframe src=javascript:alert('form-iframe')></iframe> is my answer,\" said Ada Quint."
    )
    page.goto("/articles/new")
    page.fill("#add-text", payload)
    page.fill("#add-title", "<img src=x onerror=alert('form-title')>{{ 7*7 }}")
    page.fill("#add-outlet", "<script>alert('form-outlet')</script>")
    page.fill("#add-url", "javascript:alert('form-url')")
    page.click("form.add-form button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    hover_and_click_everything(page)
    assert page.text_content("h1") == "<img src=x onerror=alert('form-title')>{{ 7*7 }}"
    assert page.text_content(".article-text p").startswith("<script>alert('form-script')</script>")
    assert page.locator(".byline a.source").count() == 0
    for path in ["/", "/articles", "/search?q=answer", "/speakers"]:
        page.goto(path)
        hover_and_click_everything(page)
    screenshot(page, "12-hostile-lists")
    assert watch.dialogs == []


def test_a_reflected_query_never_runs(page, watch):
    for path in [
        "/search?q=%3Cscript%3Ealert('q')%3C/script%3E",
        "/speakers?q=%22%3E%3Cimg%20src=x%20onerror=alert('filter')%3E",
        "/check?text=%3Csvg%20onload=alert('check')%3E&speaker=%7B%7B7*7%7D%7D",
        "/nowhere%3Cscript%3Ealert('404')%3C/script%3E",
    ]:
        page.goto(path)
    assert watch.dialogs == []
