"""The article page at a glance, through the in-process client with the HTML parsed: one colour and one label per
source (never shared within an article, however many sources), every source in the legend, the statements panel,
paragraph numbers that read the same on every page, and the headline of a .txt article as its title."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.app.web.conftest import in_process_client, make_app
from tests.support.databases import ingested_sqlite_copy

MANY_SPEAKERS = Path(__file__).resolve().parents[2] / "fixtures" / "many_speakers" / "council-hearing.txt"
COLOUR_CLASS = re.compile(r"^c(\d+)$")


@pytest.fixture(scope="module")
def hearing(tmp_path_factory, sqlite_template, pipeline):
    """(client, article id) over a database holding the sixteen-source hearing, stored by the real ingest."""
    path = tmp_path_factory.mktemp("hearing") / "hearing.db"
    (article_id,) = ingested_sqlite_copy(sqlite_template, path, [MANY_SPEAKERS], pipeline)
    with in_process_client(make_app(path, pipeline)) as client:
        yield client, article_id


def colour_of(node) -> int | None:
    found = [int(match.group(1)) for name in (node.attributes.get("class") or "").split()
             if (match := COLOUR_CLASS.match(name))]
    assert len(found) <= 1
    return found[0] if found else None


def test_no_two_sources_share_a_colour_or_a_label_past_ten(hearing, parse):
    client, article_id = hearing
    tree = parse(client.get(f"/articles/{article_id}"))
    entries = tree.css(".legend-list li")
    assert len(entries) == 16  # sixteen sources: well past the ten colours the page used to cycle through
    colours = [colour_of(entry) for entry in entries]
    assert colours == list(range(16))
    labels = [entry.css_first(".swatch").text() for entry in entries]
    assert len(set(labels)) == 16 and all(labels)
    assert labels[:3] == ["GF", "HM", "TW"]  # initials: Gideon Farrow, Helena Marsh, Tobias Wren
    by_name = {entry.css_first("a, span:not(.swatch)").text(): (colour_of(entry), entry.css_first(".swatch").text())
               for entry in entries}
    # Every statement's badge in the text and its card carry its source's colour and label.
    page = client.get(f"/articles/{article_id}.json").json()
    for statement in page["statements"]:
        name = statement["speaker"]["name"] if statement["speaker"] else statement["speaker_name"]
        colour, label = by_name[name]
        badge = tree.css_first(f'.article-text a.qn[href="#s-{statement["id"]}"]')
        assert (colour_of(badge), badge.attributes["data-who"]) == (colour, label)
        card = tree.css_first(f"#s-{statement['id']}")
        assert (colour_of(card), card.css_first(".who-label").text()) == (colour, label)
        assert (statement["colour"], statement["label"]) == (colour, label)
    # Gideon Farrow speaks first and last: one source, one colour, both times.
    farrow = [item for item in page["statements"] if item["speaker"] and item["speaker"]["name"] == "Gideon Farrow"]
    assert [item["number"] for item in farrow] == [1, 17] and {item["colour"] for item in farrow} == {0}


def test_colours_past_the_base_palette_come_from_a_linked_stylesheet(hearing, parse, client):
    hearing_client, article_id = hearing
    tree = parse(hearing_client.get(f"/articles/{article_id}"))
    links = [node.attributes["href"] for node in tree.css('link[rel="stylesheet"]')]
    assert "/palette/16.css" in links
    css = hearing_client.get("/palette/16.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    rules = dict(re.findall(r"\.c(\d+) \{ --c: (\d+ \d+ \d+); \}", css.text))
    assert sorted(map(int, rules)) == list(range(8, 16))
    static = client.get("/static/quotetrail.css").text
    base = dict(re.findall(r"^\.c(\d+) \{ --c: (\d+ \d+ \d+); \}", static, flags=re.MULTILINE))
    assert sorted(map(int, base)) == list(range(8))
    assert len(set(base.values()) | set(rules.values())) == 16  # sixteen different colours
    # An article with few sources needs no extra stylesheet.
    small = parse(client.get("/articles/1"))
    assert not [node for node in small.css('link[rel="stylesheet"]') if "/palette/" in node.attributes["href"]]


@pytest.mark.parametrize("path", ["/palette/0.css", "/palette/2001.css", "/palette/x.css"])
def test_the_palette_stylesheet_refuses_counts_out_of_range(client, path):
    assert client.get(path).status_code in (404, 422)


def test_the_legend_lists_every_source_on_the_page_groups_included(hearing, parse):
    client, article_id = hearing
    tree = parse(client.get(f"/articles/{article_id}"))
    page = client.get(f"/articles/{article_id}.json").json()
    sources = {item["speaker"]["name"] if item["speaker"] else item["speaker_name"] for item in page["statements"]}
    legend = {entry.css_first("a, span:not(.swatch)").text() for entry in tree.css(".legend-list li")}
    assert legend == sources
    economists = tree.css_first('.legend-list li[data-type="group"]')
    assert economists.css_first("span:not(.swatch)").text() == "Economists"
    assert tree.css_first(".summary").text().split()[:5] == ["17", "statements", "from", "16", "sources."]


def test_the_statements_panel_is_a_toggle_open_by_default(hearing, parse):
    client, article_id = hearing
    tree = parse(client.get(f"/articles/{article_id}"))
    panel = tree.css_first("aside.side details.statements[data-statements]")
    assert panel is not None and "open" in panel.attributes  # without JavaScript every card is there
    assert panel.css_first("summary .statement-count").text() == "17"
    assert len(panel.css("ol.cards > li.card")) == 17


def test_paragraph_numbers_read_the_same_on_every_page(hearing, parse):
    client, article_id = hearing
    page = client.get(f"/articles/{article_id}.json").json()
    last = page["statements"][-1]
    first = page["statements"][0]
    # "Farrow" is resolved to the full name written in the paragraph of the first statement.
    reason = re.search(r"surname of the person named in paragraph (\d+)", last["resolution"])
    assert reason is not None, last["resolution"]
    shown = parse(client.get(first["url"])).css_first(".quote-grid h2 .muted").text()
    assert shown == f"(paragraph {reason.group(1)})"
    # The JSON fields stay 0-based (the extract contract): one less than what people read.
    assert first["paragraph"] + 1 == int(reason.group(1))
    assert client.get(f"/quotes/{first['id']}.json").json()["paragraph"]["index"] == first["paragraph"]


def test_a_txt_article_is_titled_by_its_headline(hearing, parse):
    client, article_id = hearing
    tree = parse(client.get(f"/articles/{article_id}"))
    assert tree.css_first(".article-head h1").text() == (
        "Sixteen voices, one bridge: Kestrel Falls hearing runs past midnight")
    assert tree.css_first(".byline .muted").text() == "from council-hearing.txt"


def test_a_quote_twin_carries_its_article(hearing):
    client, article_id = hearing
    first = client.get(f"/articles/{article_id}.json").json()["statements"][0]
    page = client.get(f"/quotes/{first['id']}.json").json()
    assert page["quote"]["article"] == page["article"]
    assert (page["article"]["id"], page["article"]["title"]) == (
        article_id, "Sixteen voices, one bridge: Kestrel Falls hearing runs past midnight")


def test_the_article_page_links_downloads_of_exactly_its_statements(hearing, parse):
    """The page's CSV and JSON Lines links export this article's statements, in text order, and nothing else."""
    import csv
    import io
    import json

    client, article_id = hearing
    tree = parse(client.get(f"/articles/{article_id}"))
    page = client.get(f"/articles/{article_id}.json").json()
    assert page["export"]["csv"] == tree.css_first(".sourcing a.export-csv").attributes["href"]
    rows = list(csv.DictReader(io.StringIO(client.get(page["export"]["csv"]).text)))
    lines = [json.loads(line) for line in client.get(page["export"]["jsonl"]).text.splitlines()]
    expected = [item["id"] for item in page["statements"]]
    assert [int(row["quote_id"]) for row in rows] == expected
    assert [line["quote_id"] for line in lines] == expected
    assert {row["article_id"] for row in rows} == {str(article_id)}
