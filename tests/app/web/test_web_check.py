"""The Check page, its JSON twin and POST /api/check, over the quote-check service and a real ingested collection."""
from __future__ import annotations

import sqlite3

import pytest

PRINTED = ("The issue of Palmyra, I think, is purely symbolic, and Aleppo is a much more important topic for the "
           "whole region")


def test_the_empty_check_page_is_a_form(client, parse):
    tree = parse(client.get("/check"))
    form = tree.css_first("form.check-form")
    assert form.attributes["method"] == "get" and form.attributes["action"] == "/check"
    assert form.css_first("textarea[name=text]") is not None and form.css_first("input[name=speaker]") is not None
    assert tree.css(".verdict") == []


def test_a_verbatim_quote_gets_its_verdict_evidence_and_marked_paragraph(client, parse):
    response = client.get("/check", params={"text": f"“{PRINTED}”", "speaker": "Vladimir Putin"})
    assert response.status_code == 200
    tree = parse(response)
    verdict = tree.css_first(".verdict")
    assert "v-verbatim" in verdict.attributes["class"].split()
    assert verdict.css_first("h2").text() == "Verbatim"
    assert "match" in verdict.css_first(".speaker-verdict").text()
    data = client.get("/check.json", params={"text": f"“{PRINTED}”", "speaker": "Vladimir Putin"}).json()
    assert data["verdict"] == "verbatim"  # the same object as POST /api/check and `check --json`
    evidence = tree.css(".evidence-list > li")
    assert len(evidence) == len(data["matches"]) >= 1
    first = data["matches"][0]
    assert first["article"]["title"] == "Putin: Palmyra is purely symbolic"  # the earliest carrier ranks first
    marked = evidence[0].css_first(".paragraph .match")
    assert marked.text() == first["source_text"]
    link = evidence[0].css_first("a.title").attributes["href"]
    assert link == f"/articles/{first['article_id']}#q-{first['quote_id']}"


def test_an_altered_quote_shows_each_change_and_a_misattribution(client, parse):
    altered = "The issue of Palmyra is not symbolic, and Aleppo is a much more important topic for the whole region"
    tree = parse(client.get("/check", params={"text": altered, "speaker": "Bashar al-Assad"}))
    assert tree.css_first(".verdict h2").text() == "Altered"
    speaker = tree.css_first(".speaker-verdict").text()
    assert "misattributed" in speaker and "Vladimir Putin" in speaker
    diff = tree.css_first(".evidence-list .diff-box")
    assert "not" in " ".join(node.text() for node in diff.css("ins"))


def test_a_fabricated_quote_is_not_found(client, parse):
    tree = parse(client.get("/check", params={"text": "Penguins will govern the moon by Thursday afternoon"}))
    assert tree.css_first(".verdict h2").text() == "Not found"
    assert tree.css(".evidence-list > li") == []


def test_the_api_returns_the_service_json(client):
    response = client.post("/api/check", json={"text": PRINTED, "speaker": "Putin"})
    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] == "verbatim" and data["speaker_verdict"] == "match"
    assert {"article_id", "quote_id", "start", "end", "score", "verdict", "speaker", "diff"} <= set(data["matches"][0])
    assert set(data["matches"][0]["diff"][0]) == {"op", "source", "quote", "start", "end", "stands_for_different_words"}
    assert client.post("/api/check", json={"text": ""}).status_code == 422
    assert client.post("/api/check", json={"text": PRINTED, "article_id": 999999}).status_code == 400


def test_the_page_twin_and_the_api_return_one_shape(client):
    twin = client.get("/check.json", params={"text": PRINTED, "speaker": "Putin"}).json()
    posted = client.post("/api/check", json={"text": PRINTED, "speaker": "Putin"}).json()
    assert twin == posted
    refused = client.get("/check.json", params={"text": "… !!! …"})
    assert refused.status_code == 400 and refused.json()["detail"]


def test_input_the_check_cannot_use_is_explained(client, parse):
    tree = parse(client.get("/check", params={"text": "… !!! …"}))
    assert tree.css_first(".alert") is not None
    tree = parse(client.get("/check", params={"text": "word " * 1200}))
    assert "at most" in tree.css_first(".alert").text()


@pytest.mark.parametrize("text", [
    "'; DROP TABLE quotes; --", 'Palmyra" OR "1"="1', "NEAR(Palmyra symbolic)", "ü\u200b\u202e\U0001F600 symbolic",
    "%%%% ____", "<script>alert(1)</script> purely symbolic",
])
def test_hostile_check_input_is_handled(client, parse, ingested_database, text):
    with sqlite3.connect(ingested_database) as connection:
        before = connection.execute("SELECT count(*) FROM quotes").fetchone()[0]
    response = client.get("/check", params={"text": text, "speaker": text})
    assert response.status_code == 200
    tree = parse(response)
    assert tree.css("script:not([src])") == []
    assert tree.css_first("#check-text").text() == text
    with sqlite3.connect(ingested_database) as connection:
        assert connection.execute("SELECT count(*) FROM quotes").fetchone()[0] == before


def test_check_json_the_api_and_the_cli_give_one_object(client, ingested_database, monkeypatch):
    import json

    from click.testing import CliRunner

    from app.cli import cli
    from app.settings import get_settings

    monkeypatch.setenv("QUOTETRAIL_DATABASE_URL", f"sqlite:///{ingested_database}")
    get_settings.cache_clear()
    try:
        outcome = CliRunner().invoke(cli, ["check", PRINTED, "--speaker", "Putin", "--json"])
    finally:
        get_settings.cache_clear()
    assert outcome.exit_code == 0, outcome.output
    twin = client.get("/check.json", params={"text": PRINTED, "speaker": "Putin"}).json()
    posted = client.post("/api/check", json={"text": PRINTED, "speaker": "Putin"}).json()
    assert json.loads(outcome.output) == twin == posted


@pytest.mark.parametrize("text", ["", "   "])
def test_a_blank_check_json_is_a_400_with_a_reason(client, text):
    refused = client.get("/check.json", params={"text": text})
    assert refused.status_code == 400
    assert refused.json() == {"detail": "Nothing to check: paste the words of the quote.", "status": 400}
