"""Adding an article: CSRF-protected form, kinds told from content, size limits, and the real pipeline and store."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

ARTICLE = (
    "Bridge repairs to finish by spring\n\n"
    "\"We will reopen the bridge before the first day of spring,\" said Marta Velasquez, the city engineer.\n\n"
    "Velasquez said the work had cost less than planned.\n"
)


def form_token(client) -> str:
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser(client.get("/articles/new").text)
    field = page.css_first("form.add-form input[name=csrf_token]")
    assert field is not None and field.attributes["value"] is not None
    return field.attributes["value"]


def article_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_the_form_carries_a_token_and_says_what_it_accepts(writable_client, parse):
    response = writable_client.get("/articles/new")
    tree = parse(response)
    form = tree.css_first("form.add-form")
    assert form.attributes["method"] == "post" and form.attributes["enctype"] == "multipart/form-data"
    assert len(form.css_first("input[name=csrf_token]").attributes["value"]) == 64
    assert form.css_first("input[type=file][name=file]") is not None
    assert "10 MB" in form.text()
    assert client_cookie(writable_client)
    assert writable_client.get("/articles/new.json").json()["accepted"] == ["txt", "html", "jsonl"]


def client_cookie(client) -> str | None:
    return client.cookies.get("quotetrail_csrf")


def test_pasted_text_is_ingested_and_lands_on_its_article_page(writable_client, writable_database, parse):
    before = article_count(writable_database)
    assert writable_client.get("/speakers.json", params={"q": "velasquez"}).json()["speakers"] == []
    response = writable_client.post("/articles", data={
        "csrf_token": form_token(writable_client), "text": ARTICLE, "title": "Bridge <b>repairs</b>",
        "outlet": "City Desk", "published": "2024-02-01", "url": "https://example.org/bridge",
    }, follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/articles/")
    assert article_count(writable_database) == before + 1
    tree = parse(writable_client.get(location))
    assert tree.css_first("h1").text() == "Bridge <b>repairs</b>"
    assert tree.css_first(".byline a.source").attributes["href"] == "https://example.org/bridge"
    assert tree.css_first(".byline time").attributes["datetime"].startswith("2024-02-01")
    assert any("Marta Velasquez" in node.text() for node in tree.css(".legend-list li"))
    # The speaker filter sees the new speaker at once (its cached list of names is re-read).
    found = writable_client.get("/speakers.json", params={"q": "velasquez"}).json()["speakers"]
    assert [item["name"] for item in found] == ["Marta Velasquez"]
    assert tree.css(".article-text .st")
    # The same text again is stored once: the form leads to the article already there.
    again = writable_client.post("/articles", data={"csrf_token": form_token(writable_client), "text": ARTICLE},
                                 follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == location
    assert article_count(writable_database) == before + 1


@pytest.mark.parametrize("token, origin, reason", [
    (None, None, "missing its security token"),
    ("0" * 64, None, "does not match"),
    ("valid", "https://evil.example", "another site"),
])
def test_forged_or_tokenless_posts_are_refused_and_store_nothing(writable_client, writable_database, parse,
                                                                 token, origin, reason):
    before = article_count(writable_database)
    data = {"text": ARTICLE}
    writable_client.get("/")  # a browser that has visited the site has its cookie
    if token is not None:
        data["csrf_token"] = form_token(writable_client) if token == "valid" else token
    headers = {"origin": origin} if origin else {}
    response = writable_client.post("/articles", data=data, headers=headers, follow_redirects=False)
    assert response.status_code == 403
    assert reason in parse(response).css_first(".lede").text()
    assert article_count(writable_database) == before


def test_a_token_from_another_browser_is_refused(writable_client):
    token = form_token(writable_client)
    writable_client.cookies.clear()  # a different browser: no cookie, or its own
    response = writable_client.post("/articles", data={"csrf_token": token, "text": ARTICLE}, follow_redirects=False)
    assert response.status_code == 403


def test_html_is_recognised_by_its_content_whatever_the_file_is_called(writable_client, parse):
    html = (Path(__file__).parent / "collection" / "tram.html").read_text("utf-8").replace(
        "Tram extension approved", "Ferry timetable changes").replace("tram extension", "ferry timetable")
    response = writable_client.post(
        "/articles", data={"csrf_token": form_token(writable_client)},
        files={"file": ("notes.txt", html.encode(), "text/plain")}, follow_redirects=False,
    )
    assert response.status_code == 303
    tree = parse(writable_client.get(response.headers["location"]))
    assert tree.css_first("h1").text() == "Ferry timetable changes"
    assert "<p>" not in tree.css_first(".article-text").text()
    assert "Sign up" not in tree.css_first(".article-text").text()


def test_json_lines_upload_adds_each_article_and_reports_bad_lines(writable_client, writable_database, parse):
    lines = [
        json.dumps({"text": ARTICLE.replace("bridge", "tunnel"), "title": "Tunnel", "outlet": "A"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Council member Ada Park said the budget was balanced.", "title": "Budget"}),
    ]
    before = article_count(writable_database)
    response = writable_client.post(
        "/articles", data={"csrf_token": form_token(writable_client)},
        files={"file": ("batch.dat", "\n".join(lines).encode(), "application/octet-stream")},
    )
    assert response.status_code == 200
    tree = parse(response)
    assert [node.text() for node in tree.css(".article-list a.title")] == ["Tunnel", "Budget"]
    failures = [node.text() for node in tree.css(".failures li")]
    assert len(failures) == 2 and "line 2" in failures[0] and "line 3" in failures[1]
    assert article_count(writable_database) == before + 2


@pytest.mark.parametrize("name, content, message", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
    ("report.html", b"%PDF-1.7\n%binary", "PDF document"),
    ("archive.jsonl", b"PK\x03\x04" + b"\x00" * 30, "ZIP archive"),
    ("data.txt", b"plain words \x00\x01\x02 and NUL bytes", "NUL byte"),
    ("empty.txt", b"", "empty"),
])
def test_files_that_are_not_articles_are_refused_with_a_reason(writable_client, writable_database, parse,
                                                                name, content, message):
    before = article_count(writable_database)
    response = writable_client.post("/articles", data={"csrf_token": form_token(writable_client)},
                                    files={"file": (name, content)}, follow_redirects=False)
    assert 400 <= response.status_code < 500
    assert message in parse(response).css_first(".alert").text()
    assert article_count(writable_database) == before


def test_nothing_to_add_and_a_bad_date_are_explained(writable_client, parse):
    response = writable_client.post("/articles", data={"csrf_token": form_token(writable_client), "text": "  "})
    assert response.status_code == 400
    assert "nothing to add" in parse(response).css_first(".alert").text()
    response = writable_client.post("/articles", data={
        "csrf_token": form_token(writable_client), "text": ARTICLE, "published": "last Tuesday", "title": "Kept"})
    assert response.status_code == 400
    tree = parse(response)
    assert "not a date" in tree.css_first(".alert").text()
    # What was typed is kept, so nothing has to be typed again.
    assert tree.css_first("#add-title").attributes["value"] == "Kept"
    assert tree.css_first("#add-text").text().startswith("Bridge repairs")


def test_the_client_file_name_is_a_label_and_never_a_path(writable_client, writable_database, tmp_path):
    response = writable_client.post(
        "/articles", data={"csrf_token": form_token(writable_client)},
        files={"file": ("../../../../tmp/owned.txt", ARTICLE.replace("spring", "summer").encode())},
        follow_redirects=False,
    )
    assert response.status_code == 303
    article_id = int(response.headers["location"].rsplit("/", 1)[1])
    with sqlite3.connect(writable_database) as connection:
        name = connection.execute("SELECT source_name FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    assert name == "owned.txt"
    assert not Path("/tmp/owned.txt").exists()


def test_uploads_over_the_limit_are_refused_before_the_pipeline_runs(client_with, writable_database, parse):
    before = article_count(writable_database)
    client = client_with(max_upload_bytes=2048)
    token = form_token(client)
    # Within the body limit (which leaves room for the form around the file) but over the document limit.
    response = client.post("/articles", data={"csrf_token": token}, files={"file": ("big.txt", b"word " * 1000)})
    assert response.status_code == 413
    assert "2 KB" in parse(response).css_first(".alert").text()
    # Far over: refused from its Content-Length, before the body is read.
    response = client.post("/articles", data={"csrf_token": token}, files={"file": ("huge.txt", b"w" * 200_000)})
    assert response.status_code == 413
    assert "too large" in parse(response).css_first("h1").text()
    response = client.post("/api/articles", json={"text": "x " * 100_000})
    assert response.status_code == 413 and "2 KB" in response.json()["detail"]
    assert article_count(writable_database) == before


def test_the_json_api_adds_articles_but_only_as_json(writable_client, writable_database):
    before = article_count(writable_database)
    response = writable_client.post("/api/articles", json={"text": ARTICLE.replace("engineer", "surveyor"),
                                                           "title": "API article"})
    assert response.status_code == 201
    data = response.json()
    assert data["kind"] == "txt" and data["duplicates"] == 0 and data["urls"] == [f"/articles/{data['article_ids'][0]}"]
    assert writable_client.get(data["urls"][0] + ".json").json()["article"]["title"] == "API article"
    # A cross-site HTML form cannot send JSON; a form-encoded body is refused.
    response = writable_client.post("/api/articles", data={"text": ARTICLE})
    assert response.status_code == 422
    assert article_count(writable_database) == before + 1


def test_an_over_long_paste_gets_the_size_message(client_with, writable_database, parse):
    before = article_count(writable_database)
    client = client_with(max_upload_bytes=4096)
    response = client.post("/articles", data={"csrf_token": form_token(client), "text": "words " * 2000})
    assert response.status_code == 413
    assert "4 KB limit" in parse(response).css_first(".alert").text()
    assert article_count(writable_database) == before


def test_a_publication_date_reads_the_same_from_the_form_as_from_a_json_line(writable_client):
    stamp = "2016-12-16T14:30z"  # a lower-case zone letter: accepted in JSON Lines, so here too
    line = json.dumps({"text": ARTICLE.replace("engineer", "planner"), "published": stamp})
    from_line = writable_client.post("/api/articles", json={"text": line})
    from_field = writable_client.post("/api/articles", json={"text": ARTICLE.replace("engineer", "mason"),
                                                             "published": stamp})
    assert (from_line.status_code, from_field.status_code) == (201, 201), (from_line.text, from_field.text)
    dates = {writable_client.get(response.json()["urls"][0] + ".json").json()["article"]["published_at"]
             for response in (from_line, from_field)}
    assert len(dates) == 1 and next(iter(dates)).startswith("2016-12-16T14:30:00")


def test_an_added_article_with_mojibake_is_stored_repaired_and_its_page_offsets_hold(writable_client, client_with):
    broken = ("Envoy speaks\n\nâ€œWe will not pay for any wall,â€\x9d said Daniel SarukhÃ¡n, the ambassador.\n")
    response = writable_client.post("/api/articles", json={"text": broken})
    assert response.status_code == 201, response.text
    page = writable_client.get(response.json()["urls"][0] + ".json").json()
    text = page["article"]["text"]
    assert text == "Envoy speaks\n\n“We will not pay for any wall,” said Daniel Sarukhán, the ambassador.\n"
    (statement,) = page["statements"]
    assert text[statement["start"]:statement["end"]] == statement["text"] == "We will not pay for any wall,"
    assert text[statement["mention_start"]:statement["mention_end"]] == "Daniel Sarukhán"
    # QUOTETRAIL_REPAIR_ENCODING=false stores the text exactly as sent.
    kept = client_with(repair_encoding=False).post("/api/articles", json={"text": broken.replace("wall", "fence")})
    assert kept.status_code == 201, kept.text
    assert writable_client.get(kept.json()["urls"][0] + ".json").json()["article"]["text"] == broken.replace(
        "wall", "fence")
