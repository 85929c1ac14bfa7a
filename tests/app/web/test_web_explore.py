"""Finding exactly the quotes you need and taking them with you, over HTTP: the search filters, the articles and
speakers lists' filters and sorts, a speaker's chart and outlets, stable URLs with JSON twins and pagination, the
CSV and JSON Lines downloads checked against the database, and the citation on every quote."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from urllib.parse import parse_qs, urlsplit

import pytest


def rows(path, sql: str, *parameters) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, parameters).fetchall()


def speaker_id(client, name: str) -> int:
    matches = client.get("/speakers.json", params={"q": name}).json()["speakers"]
    return next(item["id"] for item in matches if item["name"] == name)


def page_quote_ids(tree) -> list[int]:
    return [int(node.attributes["id"].removeprefix("quote-")) for node in tree.css("li.quote-item")]


# --- search ------------------------------------------------------------------------------------------

def test_quotes_by_a_speaker_containing_words_html_and_json_agree(client, parse, ingested_database):
    params = {"speaker": "Putin", "q": "Palmyra"}
    data = client.get("/search.json", params=params).json()
    expected = {quote_id for (quote_id,) in rows(
        ingested_database, "SELECT quotes.id FROM quotes JOIN speakers ON speakers.id = quotes.speaker_id "
        "WHERE speakers.name = 'Vladimir Putin' AND lower(quotes.text) LIKE '%palmyra%'")}
    assert {quote["id"] for quote in data["quotes"]} == expected and len(expected) == 3
    assert data["filters"]["speaker"] == "Putin" and data["pagination"]["total"] == 3
    tree = parse(client.get("/search", params=params))
    assert page_quote_ids(tree) == [quote["id"] for quote in data["quotes"]]
    # The form shows what was asked, so the next change starts from it.
    assert tree.css_first("form.quote-filters input[name=speaker]").attributes["value"] == "Putin"
    assert tree.css_first("form.quote-filters input[name=q]").attributes["value"] == "Palmyra"
    # Words alone also find Assad's quote about Palmyra; the speaker filter is what left it out.
    everyone = client.get("/search.json", params={"q": "Palmyra"}).json()
    assert {quote["speaker"]["name"] for quote in everyone["quotes"]} >= {"Vladimir Putin", "Bashar al-Assad"}


@pytest.mark.parametrize("params, sql", [
    ({"kind": "verbatim"}, "quotes.kind IN ('direct', 'mixed')"),
    ({"kind": "indirect"}, "quotes.kind = 'indirect'"),
    ({"kind": ["direct", "indirect"]}, "quotes.kind IN ('direct', 'indirect')"),
    ({"outlet": "wire one"}, "articles.outlet = 'Wire One'"),
    ({"since": "2016-12-17", "until": "2020-05"}, "articles.published_at >= '2016-12-17' AND "
                                                  "articles.published_at < '2020-06-01'"),
    ({"source": "person"}, "quotes.speaker_type = 'person'"),
    ({"source": "organisation"}, "quotes.speaker_type = 'organisation'"),
    ({"source": "anonymous"}, "quotes.anonymous"),
    ({"min_confidence": "0.9"}, "quotes.confidence >= 0.9"),
    ({"min_confidence": "90%", "outlet": "Daily Two", "kind": "indirect"},
     "quotes.confidence >= 0.9 AND articles.outlet = 'Daily Two' AND quotes.kind = 'indirect'"),
])
def test_each_filter_keeps_exactly_the_matching_quotes(client, ingested_database, params, sql):
    expected = {quote_id for (quote_id,) in rows(
        ingested_database,
        f"SELECT quotes.id FROM quotes JOIN articles ON articles.id = quotes.article_id WHERE {sql}")}
    found: set[int] = set()
    data = client.get("/search.json", params={**params, "sort": "newest"}).json()
    while True:
        found |= {quote["id"] for quote in data["quotes"]}
        if not data["pagination"]["next_url"]:
            break
        path, _, query = data["pagination"]["next_url"].partition("?")
        data = client.get(f"{path}.json?{query}").json()
    assert found == expected


def test_filtered_pages_have_stable_urls_that_keep_the_filters(client, parse):
    data = client.get("/search.json", params={"kind": "direct", "sort": "oldest"}).json()
    assert data["pagination"]["pages"] > 1
    next_url = data["pagination"]["next_url"]
    assert parse_qs(urlsplit(next_url).query) == {"kind": ["direct"], "sort": ["oldest"], "page": ["2"]}
    second = client.get(next_url.replace("/search?", "/search.json?")).json()
    assert not {quote["id"] for quote in second["quotes"]} & {quote["id"] for quote in data["quotes"]}
    dates = [quote["article"]["published_at"] for quote in data["quotes"] + second["quotes"]]
    dated = [day for day in dates if day]
    assert dated == sorted(dated) and dates[len(dated):] == [None] * (len(dates) - len(dated))
    tree = parse(client.get("/search", params={"kind": "direct", "sort": "oldest"}))
    assert tree.css_first("link[rel=alternate]").attributes["href"] == "/search.json?kind=direct&sort=oldest"
    assert tree.css_first(".pagination a[rel=next]").attributes["href"] == next_url


def test_newest_first_puts_undated_articles_last(client):
    quotes = client.get("/search.json", params={"q": "harbour board", "sort": "newest"}).json()["quotes"]
    dated = client.get("/search.json", params={"sort": "newest", "kind": "direct"}).json()["quotes"]
    assert dated[0]["article"]["published_at"] is not None
    assert all(quote["article"]["published_at"] is None for quote in quotes)  # still found, just last


@pytest.mark.parametrize("params, message", [
    ({"since": "soon"}, "since: 'soon' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"),
    ({"kind": "quoted"}, "kind: 'quoted' is not one of direct, mixed, indirect, verbatim"),
    ({"sort": "random"}, "sort: 'random' is not one of relevance, newest, oldest, text"),
    ({"min_confidence": "2000"}, "min_confidence: '2000' is not a confidence; use a number from 0 to 1, or a "
                                 "percentage"),
])
def test_unusable_filters_are_a_400_that_says_which(client, parse, params, message):
    response = client.get("/search.json", params=params)
    assert response.status_code == 400 and response.json()["detail"] == message
    page = client.get("/search", params=params)
    assert page.status_code == 400 and message in parse(page).body.text()


# --- export ------------------------------------------------------------------------------------------

def test_the_csv_download_is_every_quote_the_filters_keep(client, parse, ingested_database):
    params = {"kind": "verbatim", "outlet": "Town Post"}
    tree = parse(client.get("/search", params=params))
    link = tree.css_first("a.export-csv").attributes["href"]
    assert parse_qs(urlsplit(link).query) == {"kind": ["direct", "mixed"], "outlet": ["Town Post"]}
    response = client.get(link)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="quotetrail-quotes.csv"'
    exported = list(csv.DictReader(io.StringIO(response.text, newline="")))
    expected = rows(ingested_database, "SELECT quotes.id, quotes.text, quotes.start, quotes.paragraph FROM quotes "
                    "JOIN articles ON articles.id = quotes.article_id WHERE articles.outlet = 'Town Post' AND "
                    "quotes.kind IN ('direct', 'mixed')")
    assert len(exported) == len(expected) == 7  # more than a page: the download is not just the page shown
    by_id = {row[0]: row for row in expected}
    for row in exported:
        quote_id, text, start, paragraph = by_id[int(row["quote_id"])]
        assert (row["text"], int(row["start"]), int(row["paragraph"])) == (text, start, paragraph + 1)
        assert row["permalink"] == f"http://testserver/quotes/{quote_id}" and row["outlet"] == "Town Post"


def test_a_speakers_and_an_articles_quotes_download_as_json_lines(client, parse, ids, ingested_database):
    putin = speaker_id(client, "Vladimir Putin")
    tree = parse(client.get(f"/speakers/{putin}", params={"kind": "direct"}))
    link = tree.css_first("a.export-jsonl").attributes["href"]
    assert parse_qs(urlsplit(link).query) == {"kind": ["direct"], "sort": ["newest"], "speaker_id": [str(putin)]}
    records = [json.loads(line) for line in client.get(link).text.splitlines()]
    expected = rows(ingested_database, "SELECT id FROM quotes WHERE speaker_id = ? AND kind = 'direct'", putin)
    assert sorted(record["quote_id"] for record in records) == sorted(quote_id for (quote_id,) in expected)
    assert {record["speaker"] for record in records} == {"Vladimir Putin"}
    article = ids["Library meeting"]
    response = client.get("/export.jsonl", params={"article": article})
    assert response.headers["content-disposition"] == f'attachment; filename="quotetrail-article-{article}.jsonl"'
    statements = [json.loads(line) for line in response.text.splitlines()]
    starts = [record["start"] for record in statements]
    assert starts == sorted(starts) and len(statements) == len(
        rows(ingested_database, "SELECT id FROM quotes WHERE article_id = ?", article))


def test_a_hostile_outlet_is_not_a_formula_in_the_csv(client, ingested_database):
    # The hostile article's outlet starts with "<", harmless; its quotes pass through quoted, never changed.
    exported = list(csv.DictReader(io.StringIO(client.get("/export.csv", params={"since": "2021",
                                                                                 "until": "2021"}).text,
                                               newline="")))
    assert exported and all(not row["text"].startswith(("=", "+", "-", "@")) for row in exported)
    assert {row["outlet"] for row in exported} == {"<img src=x onerror=alert('outlet')>"}


# --- citations ---------------------------------------------------------------------------------------

def test_every_listed_quote_carries_its_citation(client, parse):
    data = client.get("/search.json", params={"speaker": "Putin", "q": "Palmyra", "sort": "oldest",
                                              "kind": "direct"}).json()
    first = data["quotes"][0]
    assert first["citation"].startswith("Vladimir Putin: \u201cThe issue of Palmyra, I think, is purely symbolic")
    assert first["citation"].endswith("\u201d (Wire One, 16 December 2016)")
    assert first["cite_url"] == "https://example.org/palmyra"  # the article's own address when it has one
    second = data["quotes"][1]
    assert second["cite_url"] == f"/quotes/{second['id']}"  # no address: the quote's permalink
    tree = parse(client.get("/search", params={"speaker": "Putin", "q": "Palmyra", "sort": "oldest",
                                               "kind": "direct"}))
    buttons = tree.css("li.quote-item button.copy-citation")
    assert [button.attributes["data-citation"] for button in buttons] == [quote["citation"] for quote in data["quotes"]]
    # Without the script the button stays hidden and the citation is there to select by hand.
    assert all("hidden" in button.attributes for button in buttons)
    assert tree.css_first("li.quote-item details.cite .citation").text().startswith(first["citation"])


def test_reported_speech_is_cited_without_quotation_marks(client):
    indirect = client.get("/search.json", params={"kind": "indirect", "speaker": "Putin"}).json()["quotes"]
    assert indirect and all("\u201c" not in quote["citation"] and ", as reported: " in quote["citation"]
                            for quote in indirect)


# --- articles ----------------------------------------------------------------------------------------

def test_articles_filter_by_outlet_date_and_title_with_undated_last(client, parse, ingested_database):
    dates = []
    page = client.get("/articles.json").json()
    while True:
        dates += [article["published_at"] for article in page["articles"]]
        if not page["pagination"]["next_url"]:
            break
        page = client.get(page["pagination"]["next_url"].replace("/articles?", "/articles.json?")).json()
    undated = rows(ingested_database, "SELECT count(*) FROM articles WHERE published_at IS NULL")[0][0]
    assert undated >= 1 and all(dates[: len(dates) - undated]) and dates[len(dates) - undated:] == [None] * undated
    home = client.get("/index.json").json()["recent_articles"]
    assert home[0]["published_at"] == max(day for day in dates if day)
    assert [a["title"] for a in client.get("/articles.json", params={"outlet": "DAILY TWO"}).json()["articles"]] == [
        "Putin plays down Palmyra"]
    titled = client.get("/articles.json", params={"title": "palmyra putin"}).json()
    assert {a["title"] for a in titled["articles"]} == {"Putin: Palmyra is purely symbolic", "Putin plays down Palmyra"}
    ranged = client.get("/articles.json", params={"since": "2016-12-17", "until": "2021"}).json()
    assert {a["title"] for a in ranged["articles"]} == {"Putin plays down Palmyra", "Library meeting",
                                                        "<script>alert('title')</script>{{ 7*7 }}"}
    oldest = client.get("/articles.json", params={"sort": "oldest"}).json()
    assert oldest["articles"][0]["title"] == "Putin: Palmyra is purely symbolic"
    last = client.get(oldest["pagination"]["next_url"].replace("/articles?", "/articles.json?")).json()
    assert last["articles"][-1]["published_at"] is None
    tree = parse(client.get("/articles", params={"outlet": "Daily Two"}))
    assert [node.text() for node in tree.css(".article-list a.title")] == ["Putin plays down Palmyra"]
    assert tree.css_first("select[name=outlet] option[selected]").attributes["value"] == "Daily Two"
    assert client.get("/articles.json", params={"until": "2016-02-30"}).status_code == 400


# --- speakers ----------------------------------------------------------------------------------------

def test_speakers_filter_by_type_and_sort(client, parse, ingested_database):
    people = client.get("/speakers.json", params={"type": "person", "sort": "name"}).json()
    names = [item["name"] for item in people["speakers"]]
    assert names == sorted(names, key=str.casefold) and {item["kind"] for item in people["speakers"]} == {"person"}
    organisations = client.get("/speakers.json", params={"type": "organisation"}).json()
    expected = rows(ingested_database, "SELECT count(*) FROM speakers WHERE kind = 'organisation' AND quote_count > 0")
    assert organisations["pagination"]["total"] == expected[0][0]
    recent = client.get("/speakers.json", params={"sort": "recent"}).json()
    dated = [item["last_quoted"] for item in recent["speakers"] if item["last_quoted"]]
    assert dated == sorted(dated, reverse=True) and recent["speakers"][0]["name"] == "Lena Hoff"  # 2024
    assert "type=person" in people["pagination"]["next_url"] and "sort=name" in people["pagination"]["next_url"]
    assert client.get("/speakers.json", params={"type": "robot"}).status_code == 400
    tree = parse(client.get("/speakers", params={"sort": "recent"}))
    assert tree.css_first(".speaker-list .last-quoted time") is not None


def test_a_speaker_page_shows_months_outlets_and_filters_its_quotes(client, parse, ingested_database):
    putin = speaker_id(client, "Vladimir Putin")
    data = client.get(f"/speakers/{putin}.json").json()
    assert [(month["month"], month["count"]) for month in data["months"]] == [("2016-12", 4)]
    assert {(item["outlet"], item["count"]) for item in data["outlets"]} == {("Wire One", 2), ("Daily Two", 2)}
    tree = parse(client.get(f"/speakers/{putin}"))
    bars = tree.css("svg.chart rect.month-bar")
    assert [(bar.attributes["data-month"], bar.attributes["data-count"]) for bar in bars] == [("2016-12", "4")]
    assert [node.text() for node in tree.css(".outlet-counts a")] == [item["outlet"] for item in data["outlets"]]
    direct = client.get(f"/speakers/{putin}.json", params={"kind": "direct", "outlet": "Wire One"}).json()
    quotes = [quote for group in direct["groups"] for quote in group["quotes"]]
    expected = rows(ingested_database, "SELECT quotes.id FROM quotes JOIN articles ON articles.id = quotes.article_id "
                    "WHERE speaker_id = ? AND kind = 'direct' AND outlet = 'Wire One'", putin)
    assert [quote["id"] for quote in quotes] == [quote_id for (quote_id,) in expected]
    # The chart's month links are the same page filtered to that month.
    month_page = client.get(data["months"][0]["url"].replace(f"/speakers/{putin}?", f"/speakers/{putin}.json?"))
    assert month_page.json()["pagination"]["total"] == 4
