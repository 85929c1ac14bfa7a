"""The explorer in headless Chromium: a speaker's quotes on a topic, narrowed with the filters form, downloaded as
CSV (the file holds exactly those rows), and a quote's citation copied, or selected by hand without a clipboard."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_filter_a_speakers_quotes_on_a_topic_and_export_them(page, watch, screenshot, live_server):
    page.goto("/search")
    page.fill("form.quote-filters input[name=q]", "Palmyra")
    page.fill("form.quote-filters input[name=speaker]", "Putin")
    page.click("form.quote-filters button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?"))
    broad = page.locator("li.quote-item").count()
    assert broad == 3
    # Narrow to direct quotes from one outlet, in the same form.
    page.check("form.quote-filters input[name=kind][value=direct]")
    page.select_option("form.quote-filters select[name=outlet]", "Wire One")
    page.click("form.quote-filters button[type=submit]")
    page.wait_for_url(re.compile(r"outlet=Wire\+One"))
    query = parse_qs(urlsplit(page.url).query)
    assert query["q"] == ["Palmyra"] and query["speaker"] == ["Putin"] and query["kind"] == ["direct"]
    items = page.locator("li.quote-item")
    expect(items).to_have_count(1)
    shown = items.locator("blockquote").inner_text()
    screenshot(page, "explore-01-filtered-search")
    with page.expect_download() as download_info:
        page.click("a.export-csv")
    download = download_info.value
    assert download.suggested_filename == "quotetrail-quotes.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read(), newline="")))
    assert [row["text"] for row in rows] == [shown]
    assert rows[0]["speaker"] == "Vladimir Putin" and rows[0]["outlet"] == "Wire One" and rows[0]["kind"] == "direct"
    assert watch.dialogs == [] and watch.errors == []


def test_copy_citation_puts_it_on_the_clipboard(page, watch, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page.goto("/search?speaker=Putin&q=Palmyra&kind=direct&outlet=Wire+One")
    button = page.locator("li.quote-item button.copy-citation").first
    expect(button).to_be_visible()  # the script shows it; without the script it stays hidden
    button.click()
    expect(page.locator("li.quote-item .copy-status").first).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Vladimir Putin: \u201cThe issue of Palmyra, I think, is purely symbolic")
    assert copied.endswith("(Wire One, 16 December 2016) https://example.org/palmyra")
    assert watch.errors == []


def test_without_a_clipboard_the_citation_is_selected_for_copying_by_hand(page, watch, live_server):
    # A browser that offers no clipboard to the page (an insecure origin, a locked-down profile).
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    page.goto("/search?speaker=Putin&kind=indirect&outlet=Daily+Two")
    item = page.locator("li.quote-item").first
    item.locator("button.copy-citation").click()
    expect(item.locator(".copy-status")).to_have_text(re.compile("press Ctrl\\+C"))
    expect(item.locator("details.cite")).to_have_attribute("open", "")
    selected = page.evaluate("String(window.getSelection())")
    assert selected.startswith("Vladimir Putin, as reported: ") and selected.rstrip().endswith(
        item.locator(".cite-url").inner_text())
    assert item.locator(".cite-url").inner_text().startswith(live_server)  # the permalink made absolute
    assert watch.errors == []


def test_speaker_page_chart_links_to_a_months_quotes(page, watch, screenshot):
    page.goto("/speakers?q=putin")
    page.click(".speaker-list a.name >> text=Vladimir Putin")
    page.wait_for_url(re.compile(r"/speakers/\d+$"))
    expect(page.locator("svg.chart rect.month-bar")).to_have_count(1)
    screenshot(page, "explore-02-speaker")
    page.locator("svg.chart a").first.click()
    page.wait_for_url(re.compile(r"since=2016-12&until=2016-12"))
    assert page.locator("li.quote-item").count() == 4
    assert watch.errors == []
