"""Every browsing page and its JSON twin, over a collection stored by the real ingest; HTML checked by parsing."""
from __future__ import annotations

import sqlite3

import pytest

from app.web.contexts import ArticlePage


def database_count(path, table: str, where: str = "") -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0]


def json_twin(url: str) -> str:
    path, question, query = url.partition("?")
    return f"{path}.json{question}{query}"


def all_pages(client, path: str) -> list[dict]:
    """Follow a JSON listing's next_url links (HTML page URLs) to the end; returns every page."""
    pages = [client.get(path).json()]
    while pages[-1]["pagination"]["next_url"]:
        pages.append(client.get(json_twin(pages[-1]["pagination"]["next_url"])).json())
        assert len(pages) < 50
    return pages


# --- home --------------------------------------------------------------------------------------------

def test_home_shows_counts_top_speakers_and_recent_articles(client, parse, ingested_database):
    response = client.get("/")
    assert response.status_code == 200
    tree = parse(response)
    counts = {node.css_first("dt").text(): node.css_first("dd").text(strip=True) for node in tree.css(".counts > div")}
    assert counts == {
        "articles": str(database_count(ingested_database, "articles")),
        "speakers": str(database_count(ingested_database, "speakers", "WHERE quote_count > 0")),
        "quotes": str(database_count(ingested_database, "quotes")),
    }
    assert tree.css_first("form[role=search][action='/search'] input[name=q]") is not None
    speaker_links = [node.attributes["href"] for node in tree.css(".speaker-list a.name")]
    assert speaker_links and all(href.startswith("/speakers/") for href in speaker_links)
    article_titles = [node.text() for node in tree.css(".article-list a.title")]
    assert "Putin plays down Palmyra" in article_titles
    assert tree.css_first("link[rel=alternate][type='application/json']").attributes["href"] == "/index.json"


def test_home_json_twin_is_the_same_context(client, parse):
    data = client.get("/index.json").json()
    tree = parse(client.get("/"))
    assert [item["name"] for item in data["top_speakers"]] == [node.text() for node in tree.css(".speaker-list a.name")]
    titles = [node.text() for node in tree.css(".article-list a.title")]
    assert [item["title"] for item in data["recent_articles"]] == titles
    # Most quoted first.
    counts = [item["quote_count"] for item in data["top_speakers"]]
    assert counts == sorted(counts, reverse=True)


def test_an_empty_collection_says_how_to_add_articles(empty_client, parse):
    tree = parse(empty_client.get("/"))
    assert [node.text() for node in tree.css(".counts dd")] == ["0", "0", "0"]
    assert tree.css_first(".empty a").attributes["href"] == "/articles/new"
    assert empty_client.get("/speakers.json").json()["speakers"] == []


# --- speakers ------------------------------------------------------------------------------------------

def test_speakers_are_paginated_most_quoted_first(client, parse, ingested_database):
    pages = all_pages(client, "/speakers.json")
    speakers = [item for page in pages for item in page["speakers"]]
    assert len(speakers) == database_count(ingested_database, "speakers", "WHERE quote_count > 0")
    assert len(pages) > 1 and all(len(page["speakers"]) <= page["pagination"]["page_size"] for page in pages)
    assert len({item["id"] for item in speakers}) == len(speakers)
    counts = [item["quote_count"] for item in speakers]
    assert counts == sorted(counts, reverse=True)
    tree = parse(client.get("/speakers", params={"page": 2}))
    assert [node.text() for node in tree.css(".speaker-list a.name")] == [item["name"] for item in pages[1]["speakers"]]
    assert tree.css_first(".pagination a[rel=prev]").attributes["href"] == "/speakers"


@pytest.mark.parametrize("typed", ["asad", "Assad", "bashar", "al-asad"])
def test_speaker_filter_is_fuzzy(client, parse, typed):
    data = client.get("/speakers.json", params={"q": typed}).json()
    assert data["speakers"], typed
    assert data["speakers"][0]["name"] == "Bashar al-Assad"
    tree = parse(client.get("/speakers", params={"q": typed}))
    assert tree.css_first(".speaker-list a.name").text() == "Bashar al-Assad"
    assert tree.css_first("#speaker-filter").attributes["value"] == typed


def test_speaker_filter_without_a_match_says_so(client, parse):
    tree = parse(client.get("/speakers", params={"q": "qxzvw"}))
    assert tree.css(".speaker-list li") == []
    assert "No speaker matches" in tree.css_first(".empty").text()
    assert client.get("/speakers.json", params={"q": "qxzvw"}).json()["pagination"]["total"] == 0


def speaker_id(client, name: str) -> int:
    matches = client.get("/speakers.json", params={"q": name}).json()["speakers"]
    return next(item["id"] for item in matches if item["name"] == name)


def test_speaker_page_groups_quotes_by_article_and_links_each_to_its_place(client, parse):
    putin = speaker_id(client, "Vladimir Putin")
    data = client.get(f"/speakers/{putin}.json").json()
    assert data["speaker"]["name"] == "Vladimir Putin"
    assert any(title["title"] == "Russian President" for title in data["speaker"]["titles"])
    assert {group["article"]["title"] for group in data["groups"]} == {
        "Putin: Palmyra is purely symbolic", "Putin plays down Palmyra"
    }
    tree = parse(client.get(f"/speakers/{putin}"))
    assert tree.css_first("h1").text() == "Vladimir Putin"
    assert [node.text() for node in tree.css(".article-group h3")] == [g["article"]["title"] for g in data["groups"]]
    for group, section in zip(data["groups"], tree.css(".article-group"), strict=True):
        items = section.css(".quote-item")
        assert len(items) == len(group["quotes"])
        for quote, item in zip(group["quotes"], items, strict=True):
            assert item.css_first("blockquote a").attributes["href"] == f"/quotes/{quote['id']}"
            assert item.css_first("blockquote").text(strip=True) == quote["text"]
            in_article = f"/articles/{quote['article_id']}#q-{quote['id']}"
            assert item.css_first("a.in-article").attributes["href"] == in_article
            assert item.css_first(".kind").text() == quote["kind"]


def test_speaker_page_paginates_quotes(client):
    # Putin has more quotes than one test page holds? If not, the speaker list proves pagination; here
    # the page numbers must at least be consistent.
    putin = speaker_id(client, "Vladimir Putin")
    data = client.get(f"/speakers/{putin}.json").json()
    quotes = sum(len(group["quotes"]) for group in data["groups"])
    assert quotes == min(data["pagination"]["total"], data["pagination"]["page_size"])
    assert data["pagination"]["total"] == data["speaker"]["quote_count"]


# --- articles --------------------------------------------------------------------------------------------

def test_articles_list_is_paginated_newest_first(client, parse, ingested_database):
    pages = all_pages(client, "/articles.json")
    articles = [item for page in pages for item in page["articles"]]
    assert len(articles) == database_count(ingested_database, "articles")
    dated = [item["published_at"] for item in articles if item["published_at"]]
    assert dated == sorted(dated, reverse=True)
    tree = parse(client.get("/articles"))
    titles = [node.text() for node in tree.css(".article-list a.title")]
    assert titles == [item["title"] for item in pages[0]["articles"]]


def article_page(client, ids, title: str) -> tuple[ArticlePage, object]:
    article_id = ids[title]
    data = ArticlePage.model_validate(client.get(f"/articles/{article_id}.json").json())
    return data, client.get(f"/articles/{article_id}")


def test_article_page_highlights_every_statement_from_its_offsets(client, parse, ids):
    data, response = article_page(client, ids, "Putin: Palmyra is purely symbolic")
    tree = parse(response)
    text = data.article.text
    assert len(data.statements) >= 3
    for statement in data.statements:
        assert text[statement.start:statement.end] == statement.text
        fragments = tree.css(f'.article-text .st[data-q="{statement.id}"]')
        pieces = statement.parts or [[statement.start, statement.end]]
        assert "".join(node.text(deep=True) for node in fragments) == "".join(text[a:b] for a, b in pieces)
        first = tree.css_first(f"#q-{statement.id}")
        assert first is not None and "st" in first.attributes["class"].split()
        # Verbatim parts are marked distinctly inside the statement.
        verbatim = [node.text(deep=True) for node in first.css(".vb")]
        assert verbatim == [text[a:b] for a, b in statement.verbatim][:len(verbatim)]
        if statement.kind == "direct":
            assert verbatim
        if statement.kind == "indirect":
            assert not verbatim
        # The numbered badge leads to the statement's card in the side panel.
        badge = first.css_first("a.qn")
        assert badge.attributes["href"] == f"#s-{statement.id}"
        assert badge.attributes["data-n"] == str(statement.number)
        card = tree.css_first(f"#s-{statement.id}")
        assert card is not None
        assert card.css_first("a.num").attributes["href"] == f"#q-{statement.id}"
        facts = {div.css_first("dt").text(): div.css_first("dd").text(strip=True) for div in card.css(".facts > div")}
        assert facts["Resolution"] == statement.resolution
        assert facts["Confidence"] == f"{round(statement.confidence * 100)}%"
        assert facts["Cue"] == (statement.cue or "none")
        if statement.cue_start is not None:
            cue_nodes = [node.text() for node in tree.css(f'.article-text .cue[data-q="{statement.id}"]')]
            assert "".join(cue_nodes) == text[statement.cue_start:statement.cue_end]
        if statement.mention_start is not None:
            mention_nodes = [node.text(deep=True)
                             for node in tree.css(f'.article-text .mention[data-q="{statement.id}"]')]
            assert "".join(mention_nodes) == text[statement.mention_start:statement.mention_end]


def test_article_page_colours_speakers_and_keeps_the_text_whole(client, parse, ids):
    data, response = article_page(client, ids, "Putin: Palmyra is purely symbolic")
    tree = parse(response)
    legend = [(node.css_first("a, span:not(.swatch):not(.count)").text(), node.attributes["class"])
              for node in tree.css(".legend-list li")]
    assert [name for name, _ in legend] == [entry.name for entry in data.legend]
    assert {"Vladimir Putin", "Bashar al-Assad"} <= {name for name, _ in legend}
    colour_of = {entry.name: f"c{entry.colour}" for entry in data.legend if entry.colour is not None}
    assert len(set(colour_of.values())) == len(colour_of)  # one colour per speaker
    for statement in data.statements:
        name = statement.speaker.name if statement.speaker else statement.speaker_name
        node = tree.css_first(f"#q-{statement.id}")
        assert name is not None and colour_of[name] in (node.attributes["class"] or "").split()
    # Every paragraph of the article is shown, in order, character for character.
    shown = [node.text(deep=True) for node in tree.css(".article-text > p")]
    assert shown == [data.article.text[a:b] for a, b in data.article.paragraphs if data.article.text[a:b].strip()]
    assert [node.attributes["id"] for node in tree.css(".cards > li")] == [f"s-{s.id}" for s in data.statements]


def test_html_article_keeps_its_metadata_and_drops_boilerplate(client, parse, ids):
    data, response = article_page(client, ids, "Tram extension approved")
    tree = parse(response)
    assert tree.css_first("h1").text() == "Tram extension approved"
    assert data.article.outlet == "The Valley Courier"
    assert "Sign up" not in tree.css_first(".article-text").text()
    assert any(s.speaker and s.speaker.name == "Lena Hoff" for s in data.statements)


# --- quotes ----------------------------------------------------------------------------------------------

def putin_quote(client, ids, title: str) -> dict:
    data = client.get(f"/articles/{ids[title]}.json").json()
    return next(s for s in data["statements"] if "purely symbolic" in s["text"])


def test_quote_page_shows_the_source_paragraph_and_links_to_the_span(client, parse, ids):
    quote = putin_quote(client, ids, "Putin: Palmyra is purely symbolic")
    data = client.get(f"/quotes/{quote['id']}.json").json()
    tree = parse(client.get(f"/quotes/{quote['id']}"))
    assert tree.css_first(".quote-hero blockquote").text() == quote["text"]
    assert tree.css_first(".quote-hero .who a").text() == "Vladimir Putin"
    marked = tree.css(".source .paragraph .st")
    assert "".join(node.text(deep=True) for node in marked) == quote["text"]
    paragraph = data["paragraph"]
    assert tree.css_first(".source .paragraph").text(deep=True).strip() == paragraph["text"].strip()
    assert paragraph["start"] <= quote["start"] and quote["end"] <= paragraph["end"]
    link = tree.css_first(".source a.button").attributes["href"]
    assert link == f"/articles/{quote['article_id']}#q-{quote['id']}" == data["article_span_url"]
    # The anchor exists on the article page.
    assert parse(client.get(link.split("#")[0])).css_first(f"#q-{quote['id']}") is not None


def test_quote_family_lists_articles_earliest_first_with_word_diffs(client, parse, ids):
    later = putin_quote(client, ids, "Putin plays down Palmyra")
    data = client.get(f"/quotes/{later['id']}.json").json()
    family = data["family"]
    assert [member["article"]["title"] for member in family] == [
        "Putin: Palmyra is purely symbolic", "Putin plays down Palmyra"
    ]
    assert family[0]["earliest"] and not family[1]["earliest"] and family[1]["current"]
    changed = [op for op in family[1]["diff"] if op["op"] != "equal"]
    assert any("much" in op["source"] and "far" in op["quote"] for op in changed)
    tree = parse(client.get(f"/quotes/{later['id']}"))
    items = tree.css(".family-list > li")
    assert len(items) == 2 and "current" in items[1].attributes["class"]
    assert "much" in " ".join(node.text() for node in items[1].css("del"))
    assert "far" in " ".join(node.text() for node in items[1].css("ins"))
    assert items[0].css("del, ins") == []


# --- search ----------------------------------------------------------------------------------------------

def test_search_finds_quotes_by_their_words_and_speakers_by_name(client, parse, ids):
    tree = parse(client.get("/search", params={"q": "purely symbolic"}))
    quotes = [node.text(strip=True) for node in tree.css(".results-quotes .quote-item blockquote")]
    assert quotes and all("purely symbolic" in text for text in quotes)
    assert len(quotes) == 2  # both articles carry it
    data = client.get("/search.json", params={"q": "Assad"}).json()
    assert data["speakers"][0]["name"] == "Bashar al-Assad"


def test_search_results_paginate(client):
    first = client.get("/search.json", params={"q": "the"}).json()
    assert first["pagination"]["total"] > first["pagination"]["page_size"]
    second = client.get("/search.json", params={"q": "the", "page": 2}).json()
    assert {q["id"] for q in first["quotes"]}.isdisjoint({q["id"] for q in second["quotes"]})
    assert second["speakers"] == []  # speakers are shown on the first page only


@pytest.mark.parametrize("query", [
    "'; DROP TABLE quotes; --", '" OR 1=1 --', "NEAR(a b)", "*", "AND OR NOT", "ü\u200b\u202e\U0001F600",
    "x" * 600, "\\", "%_%",
])
def test_search_survives_hostile_input(client, parse, query, ingested_database):
    before = database_count(ingested_database, "quotes")
    response = client.get("/search", params={"q": query})
    assert response.status_code == 200
    parse(response)
    assert client.get("/search.json", params={"q": query}).status_code == 200
    assert client.get("/speakers.json", params={"q": query}).status_code == 200
    assert database_count(ingested_database, "quotes") == before


# --- errors ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/speakers/999999", "/articles/999999", "/quotes/999999", "/nowhere",
                                  "/articles/abc"])
def test_missing_pages_are_a_helpful_404(client, parse, path):
    response = client.get(path)
    assert response.status_code == 404
    tree = parse(response)
    assert tree.css_first("h1").text() == "Nothing here"
    assert tree.css_first(".error-page form[action='/search']") is not None
    assert "/" in [node.attributes["href"] for node in tree.css(".suggestions a")]


@pytest.mark.parametrize("path", ["/speakers/999999.json", "/articles/999999.json", "/quotes/999999.json"])
def test_missing_json_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert "999999" in response.json()["detail"]


def test_bad_parameters_are_explained(client, parse):
    response = client.get("/speakers", params={"page": "0"})
    assert response.status_code == 422
    assert "page" in parse(response).css_first(".lede").text()
    response = client.get("/speakers.json", params={"page": "two"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "page"]
    assert client.post("/speakers").status_code == 405


# --- the API's description ---------------------------------------------------------------------------

def test_every_page_has_a_documented_json_twin(client):
    from fastapi.routing import APIRoute

    from app.web.routes import router

    schema = client.get("/openapi.json").json()
    documented = set(schema["paths"])
    page_routes = [route.path for route in router.routes
                   if isinstance(route, APIRoute) and "GET" in (route.methods or ()) and not route.include_in_schema
                   and route.path != "/api" and not route.path.endswith((".json", ".css"))]  # a stylesheet is no page
    assert "/speakers/{speaker_id:int}" in page_routes
    for path in page_routes:
        twin = "/index.json" if path == "/" else path.replace(":int", "") + ".json"
        assert twin in documented, f"{path} has no documented JSON twin {twin}"
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert operation.get("summary"), f"{path} is not described"
    assert "/api/check" in documented and "/api/articles" in documented


def test_api_page_lists_the_operations(client, parse):
    tree = parse(client.get("/api"))
    paths = {node.text() for node in tree.css(".api-table td:nth-child(2) code")}
    assert {"/speakers.json", "/articles/{article_id}.json", "/api/check"} <= paths


@pytest.mark.parametrize("path", ["/articles?page=999", "/speakers?page=999", "/search?q=the&page=999"])
def test_a_page_past_the_end_is_missing_not_empty(client, parse, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "past the last page" in parse(response).css_first(".lede").text()
    twin = path.replace("?", ".json?", 1)
    assert client.get(twin).status_code == 404


def test_the_speaker_filter_follows_a_merge(writable_client, writable_database):
    from app.services.linking import find_speaker, merge_speakers
    from app.store.db import create_database_engine, session_scope

    assert [s["name"] for s in writable_client.get("/speakers.json", params={"q": "farrow"}).json()["speakers"]] \
        == ["Gideon Farrow"]
    engine = create_database_engine(f"sqlite:///{writable_database}")
    with session_scope(engine) as session:
        merge_speakers(session, into=find_speaker(session, reference="Mara Quill"),
                       other=find_speaker(session, reference="Gideon Farrow"))
    engine.dispose()
    found = writable_client.get("/speakers.json", params={"q": "farrow"}).json()["speakers"]
    assert [(s["name"], s["matched_name"]) for s in found] == [("Mara Quill", "Gideon Farrow")]


# --- HEAD ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/index.json", "/articles", "/articles/1", "/speakers.json", "/check",
                                  "/static/quotetrail.css", "/palette/12.css", "/speakers/999999"])
def test_head_answers_like_get_without_the_body(client, path):
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-security-policy") == got.headers.get("content-security-policy")


def test_head_of_a_post_only_endpoint_is_still_refused(client):
    assert client.head("/api/check").status_code == 405
