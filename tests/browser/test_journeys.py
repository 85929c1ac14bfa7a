"""The main journeys in headless Chromium: find a speaker's quote and its place, check a quote, add an article."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PRINTED = ("The issue of Palmyra, I think, is purely symbolic, and Aleppo is a much more important topic "
           "for the whole region")


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
        }""",
        selector,
    )


def test_search_a_speaker_open_a_quote_and_jump_to_its_place(page, watch, screenshot):
    page.goto("/")
    screenshot(page, "01-home")
    page.fill("#home-search", "asad")
    page.press("#home-search", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=asad"))
    screenshot(page, "02-search")
    page.click(".results-speakers a.name >> text=Bashar al-Assad")
    page.wait_for_url(re.compile(r"/speakers/\d+$"))
    assert page.text_content("h1") == "Bashar al-Assad"
    screenshot(page, "03-speaker")
    quote_link = page.locator(".quote-item blockquote a").first
    quote_text = quote_link.text_content()
    quote_link.click()
    page.wait_for_url(re.compile(r"/quotes/\d+$"))
    quote_id = page.url.rsplit("/", 1)[1]
    assert page.text_content(".quote-hero blockquote") == quote_text
    screenshot(page, "04-quote")
    page.click("text=Show in the article")
    page.wait_for_url(re.compile(rf"/articles/\d+#q-{quote_id}$"))
    target = f"#q-{quote_id}"
    page.wait_for_selector(target)
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == f"q-{quote_id}"
    assert in_viewport(page, target)
    assert quote_text in page.text_content(".article-text")
    screenshot(page, "05-article-at-span", full_page=False)
    assert watch.dialogs == [] and watch.errors == []


def test_speakers_filter_as_you_type(page, watch, screenshot):
    page.goto("/speakers")
    page.type("#speaker-filter", "asad", delay=40)
    names = page.locator("[data-filter-results] a.name")
    expect(names).to_have_text(["Bashar al-Assad"])  # waits for the list to be replaced, no reload
    expect(page).to_have_url(re.compile(r"/speakers\?q=asad$"))
    assert "match" in page.text_content("[data-filter-summary]")
    screenshot(page, "06-speakers-filtered")
    assert watch.errors == []


def test_selecting_a_statement_shows_who_said_it(page, watch, screenshot):
    page.goto("/articles")
    page.click(".article-list a.title >> text=Putin: Palmyra is purely symbolic")
    page.wait_for_selector(".article-text .st")
    statement = page.locator(".article-text .st:not(.cont)").nth(1)
    statement_id = statement.get_attribute("data-q")
    statement.click(position={"x": 60, "y": 8})
    popover = page.wait_for_selector(".popover")
    assert "Vladimir Putin" in popover.text_content()
    assert "Resolution" in popover.text_content()
    assert "selected" in page.get_attribute(f"#s-{statement_id}", "class")
    screenshot(page, "07-article-selected", full_page=False)
    page.keyboard.press("Escape")
    assert page.locator(".popover").count() == 0
    # Without JavaScript the numbered badge is a plain link to the statement's card.
    page.click(f"#q-{statement_id} a.qn")
    page.wait_for_url(re.compile(rf"#s-{statement_id}$"))
    assert watch.errors == []


def test_check_a_quote(page, watch, screenshot):
    page.goto("/check")
    page.fill("#check-text", f"“{PRINTED.replace('I think, ', '')}”")
    page.fill("#check-speaker", "Putin")
    page.click("form.check-form button[type=submit]")
    page.wait_for_selector(".verdict")
    assert page.text_content(".verdict h2") != "Not found"
    assert "match" in page.text_content(".speaker-verdict")
    assert page.locator(".evidence-list > li").count() >= 1
    assert "Palmyra" in page.text_content(".evidence-list > li .paragraph .match")
    screenshot(page, "08-check")
    assert watch.errors == []


def test_add_an_article(page, watch, screenshot):
    page.goto("/articles/new")
    screenshot(page, "09-add-form")
    page.fill("#add-text", (
        "Ferry service to resume\n\n"
        "\"The boats will sail again on the first of June,\" said Harriet Olsen, the harbour master.\n\n"
        "Olsen said the timetable would be published next week."
    ))
    page.fill("#add-title", "Ferry service to resume")
    page.fill("#add-outlet", "Harbour Gazette")
    page.fill("#add-published", "2024-05-20")
    page.click("form.add-form button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    assert page.text_content("h1") == "Ferry service to resume"
    assert "Harriet Olsen" in page.text_content(".legend")
    assert page.locator(".article-text .st").count() >= 1
    screenshot(page, "10-added-article")
    # A file, too: its kind is read from its content.
    page.goto("/articles/new")
    page.set_input_files("#add-file", files=[{
        "name": "notes.txt", "mimeType": "text/plain",
        "buffer": b'{"text": "\\"Rates will fall,\\" said Omar Finch, a banker.", "title": "Rates"}\n',
    }])
    page.click("form.add-form button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    assert page.text_content("h1") == "Rates"
    assert watch.errors == []
