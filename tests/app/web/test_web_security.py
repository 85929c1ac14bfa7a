"""Security headers on every response, hostile article text and metadata rendered inert, bodies bounded."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from app.web.security import CONTENT_SECURITY_POLICY

PAGES = ["/", "/speakers", "/articles", "/check", "/articles/new", "/search?q=said", "/api", "/nowhere"]


@pytest.mark.parametrize("path", PAGES + ["/index.json", "/speakers.json", "/static/quotetrail.css", "/openapi.json"])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    policy = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert policy["script-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"


def test_the_csrf_cookie_cannot_be_read_by_scripts_or_sent_cross_site(client_with):
    fresh = client_with()
    cookie = fresh.get("/articles/new").headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")}
    assert "httponly" in attributes and attributes["samesite"].lower() == "samesite=strict"
    assert attributes["path"] == "Path=/"
    # Once set, it is kept: the next page does not issue another.
    assert "set-cookie" not in fresh.get("/articles/new").headers


def crawl(client, start: str = "/", limit: int = 60) -> dict[str, str]:
    """Every same-site page reachable from `start` (bounded), as {path: html}."""
    from selectolax.lexbor import LexborHTMLParser

    seen: dict[str, str] = {}
    queue = [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        if not response.headers["content-type"].startswith("text/html"):
            continue
        seen[path] = response.text
        for node in LexborHTMLParser(response.text).css("a[href]"):
            href = node.attributes["href"] or ""
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("/static"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    return seen


def assert_inert(html: str, where: str) -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    scripts = [node.attributes.get("src") for node in tree.css("script")]
    assert scripts == ["/static/quotetrail.js"], f"{where}: scripts {scripts}"
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), f"{where}: <{node.tag} {name}>"
            if name in ("href", "src", "action", "formaction"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), \
                    f"{where}: {name}={value!r}"
    assert tree.css("img, iframe, object, embed, b") == [], where


def test_no_page_runs_article_supplied_markup(client):
    pages = crawl(client)
    assert len(pages) > 15
    hostile_seen = False
    for path, html in pages.items():
        assert_inert(html, path)
        hostile_seen |= "alert(&#39;title&#39;)" in html or "alert('title')" in html
    assert hostile_seen, "the crawl never reached the hostile article"


def test_hostile_article_metadata_and_text_show_as_written(client, parse, ids, collection_lines):
    hostile = collection_lines["hostile"]
    article_id = ids[hostile["title"]]
    tree = parse(client.get(f"/articles/{article_id}"))
    assert tree.css_first("h1").text() == hostile["title"]  # "{{ 7*7 }}" stays, never becomes 49
    assert tree.css_first(".crumbs").text().endswith(hostile["outlet"])
    assert tree.css_first(".byline").text().count(hostile["author"]) == 1
    # A javascript: address is not a link at all.
    assert tree.css(".byline a.source") == []
    shown = "".join(node.text(deep=True) for node in tree.css(".article-text p"))
    assert "<script>alert('text')</script>" in shown and "{{ 7*7 }}" in shown and "{{ config }}" in shown
    data = client.get(f"/articles/{article_id}.json").json()
    assert data["article"]["title"] == hostile["title"] and data["article"]["source_url"] is None
    assert data["article"]["text"] == hostile["text"]


def test_streamed_bodies_are_counted_without_a_content_length(client_with, parse):
    client = client_with(max_upload_bytes=1024)

    def chunks():
        for _ in range(200):
            yield b"x" * 1024

    response = client.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "1 KB" in response.json()["detail"]


def test_malformed_cookies_and_forms_are_client_errors(client, parse):
    response = client.get("/", headers={"cookie": 'quotetrail_csrf="unterminated; =; ;;'})
    assert response.status_code == 200
    response = client.post("/articles", content=b"--nope\r\n\r\n",
                           headers={"content-type": "multipart/form-data; boundary=nope"})
    assert 400 <= response.status_code < 500
