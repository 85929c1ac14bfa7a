"""Merging and splitting speakers on the web: forms protected like "Add an article", JSON twins, nothing changed
on refusal."""
from __future__ import annotations

import sqlite3

import pytest


def speaker_id(client, name: str) -> int:
    found = client.get("/speakers.json", params={"q": name}).json()["speakers"]
    return next(item["id"] for item in found if item["name"] == name)


def page_token(client, path: str, form: str = "form.merge-form") -> str:
    from selectolax.lexbor import LexborHTMLParser

    field = LexborHTMLParser(client.get(path).text).css_first(f"{form} input[name=csrf_token]")
    assert field is not None and field.attributes["value"] is not None
    return field.attributes["value"]


def speakers_state(client) -> list[tuple]:
    """Every listed speaker with its quote count and names: what a correction changes."""
    state, page = [], 1
    while True:
        listing = client.get("/speakers.json", params={"page": page}).json()
        for item in listing["speakers"]:
            detail = client.get(f"/speakers/{item['id']}.json").json()["speaker"]
            state.append((item["id"], item["name"], item["quote_count"], sorted(a["name"] for a in detail["aliases"])))
        if not listing["pagination"]["next_url"]:
            return state
        page += 1


def corrections(database) -> list[tuple[str, str]]:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT action, payload FROM speaker_corrections ORDER BY id").fetchall()


def test_the_speaker_page_offers_merge_and_split_forms_with_a_token(writable_client, parse):
    assad = speaker_id(writable_client, "Bashar al-Assad")
    tree = parse(writable_client.get(f"/speakers/{assad}"))
    merge = tree.css_first("form.merge-form")
    assert (merge.attributes["method"], merge.attributes["action"]) == ("post", f"/speakers/{assad}/merge")
    assert len(merge.css_first("input[name=csrf_token]").attributes["value"]) == 64
    assert merge.css_first("input[name=other]") is not None
    split = tree.css_first("form.split-form")
    assert split.attributes["action"] == f"/speakers/{assad}/split"
    assert sorted(node.attributes["value"] for node in split.css("input[type=checkbox][name=alias]")) == \
        ["Assad", "Bashar Assad", "Bashar al-Assad"]
    # A speaker known by one name only has nothing to split off.
    farrow = speaker_id(writable_client, "Gideon Farrow")
    assert parse(writable_client.get(f"/speakers/{farrow}")).css("form.split-form") == []


def test_merging_through_the_form_moves_quotes_and_names_and_is_recorded(writable_client, writable_database, parse):
    putin, farrow = speaker_id(writable_client, "Vladimir Putin"), speaker_id(writable_client, "Gideon Farrow")
    response = writable_client.post(f"/speakers/{putin}/merge", data={
        "csrf_token": page_token(writable_client, f"/speakers/{putin}"), "other": str(farrow)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/speakers/{putin}"
    data = writable_client.get(f"/speakers/{putin}.json").json()
    assert data["speaker"]["quote_count"] == 6  # Putin's four and Farrow's two
    assert "Gideon Farrow" in [alias["name"] for alias in data["speaker"]["aliases"]]
    quotes = [quote for group in data["groups"] for quote in group["quotes"]]
    assert len(quotes) == 5 and {quote["speaker"]["id"] for quote in quotes} == {putin}  # page one of six
    gone = writable_client.get(f"/speakers/{farrow}")
    assert gone.status_code == 404 and "merged into another" in parse(gone).css_first(".lede").text()
    assert [action for action, _ in corrections(writable_database)] == ["merge"]


def test_a_merge_candidate_button_names_the_speaker_with_the_same_surname(writable_client, parse):
    added = writable_client.post("/api/articles", json={
        "text": '"The ministry will answer," said Maher Assad, the minister\'s brother.\n\nHe spoke on Monday.'})
    assert added.status_code == 201
    assad = speaker_id(writable_client, "Bashar al-Assad")
    candidates = writable_client.get(f"/speakers/{assad}.json").json()["merge_candidates"]
    maher = next(candidate for candidate in candidates if candidate["name"] == "Maher Assad")
    button = parse(writable_client.get(f"/speakers/{assad}")).css_first("form.merge-form button.candidate")
    assert (button.attributes["name"], button.attributes["value"]) == ("other", str(maher["id"]))


def test_splitting_through_the_form_makes_a_new_speaker(writable_client, writable_database, parse):
    assad = speaker_id(writable_client, "Bashar al-Assad")
    before = writable_client.get(f"/speakers/{assad}.json").json()["speaker"]["quote_count"]
    response = writable_client.post(f"/speakers/{assad}/split", data={
        "csrf_token": page_token(writable_client, f"/speakers/{assad}", "form.split-form"),
        "alias": ["Bashar Assad"], "new_name": "Bashar Assad (another)"}, follow_redirects=False)
    assert response.status_code == 303
    new_path = response.headers["location"]
    assert new_path.startswith("/speakers/") and new_path != f"/speakers/{assad}"
    new = writable_client.get(f"{new_path}.json").json()["speaker"]
    kept = writable_client.get(f"/speakers/{assad}.json").json()["speaker"]
    assert new["name"] == "Bashar Assad (another)" and [alias["name"] for alias in new["aliases"]] == ["Bashar Assad"]
    assert "Bashar Assad" not in [alias["name"] for alias in kept["aliases"]]
    assert new["quote_count"] + kept["quote_count"] == before
    assert [action for action, _ in corrections(writable_database)] == ["split"]


@pytest.mark.parametrize("action", ["merge", "split"])
@pytest.mark.parametrize(("token", "origin", "reason"), [
    (None, None, "missing its security token"),
    ("0" * 64, None, "does not match"),
    ("valid", "https://evil.example", "another site"),
])
def test_forged_or_tokenless_corrections_are_refused_and_change_nothing(writable_client, writable_database, parse,
                                                                      action, token, origin, reason):
    putin, farrow = speaker_id(writable_client, "Vladimir Putin"), speaker_id(writable_client, "Gideon Farrow")
    before = speakers_state(writable_client)
    data: dict[str, str | list[str]] = {"other": str(farrow)} if action == "merge" else {"alias": ["Putin"]}
    if token is not None:
        data["csrf_token"] = page_token(writable_client, f"/speakers/{putin}") if token == "valid" else token
    response = writable_client.post(f"/speakers/{putin}/{action}", data=data,
                                    headers={"origin": origin} if origin else {}, follow_redirects=False)
    assert response.status_code == 403
    assert reason in parse(response).css_first(".lede").text()
    assert speakers_state(writable_client) == before
    assert corrections(writable_database) == []


def test_a_token_from_another_browser_is_refused(writable_client):
    putin, farrow = speaker_id(writable_client, "Vladimir Putin"), speaker_id(writable_client, "Gideon Farrow")
    token = page_token(writable_client, f"/speakers/{putin}")
    writable_client.cookies.clear()
    response = writable_client.post(f"/speakers/{putin}/merge", data={"csrf_token": token, "other": str(farrow)},
                                    follow_redirects=False)
    assert response.status_code == 403


@pytest.mark.parametrize(("action", "fields", "message"), [
    ("merge", {"other": "self"}, "cannot merge a speaker into itself"),
    ("merge", {"other": "Nobody Atall"}, "no speaker named 'Nobody Atall'"),
    ("merge", {"other": "999999"}, "no speaker with id 999999"),
    ("split", {"alias": ["Putin", "Vladimir Putin"]}, "would leave nothing behind"),
    ("split", {"alias": ["Stalin"]}, "has no alias 'Stalin'"),
    ("split", {}, "name at least one alias"),
])
def test_a_correction_that_cannot_be_done_says_why_and_changes_nothing(writable_client, writable_database, parse,
                                                                      action, fields, message):
    putin = speaker_id(writable_client, "Vladimir Putin")
    before = speakers_state(writable_client)
    data = {name: (str(putin) if value == "self" else value) for name, value in fields.items()}
    data["csrf_token"] = page_token(writable_client, f"/speakers/{putin}")
    response = writable_client.post(f"/speakers/{putin}/{action}", data=data, follow_redirects=False)
    assert response.status_code == 400
    tree = parse(response)
    assert message in tree.css_first("p.alert").text()
    assert "open" in tree.css_first("details.corrections").attributes
    assert tree.css_first("h1").text() == "Vladimir Putin"
    assert speakers_state(writable_client) == before
    assert corrections(writable_database) == []


def test_corrections_of_a_speaker_that_does_not_exist_are_not_found(writable_client):
    token = page_token(writable_client, f"/speakers/{speaker_id(writable_client, 'Vladimir Putin')}")
    response = writable_client.post("/speakers/999999/merge", data={"csrf_token": token, "other": "1"})
    assert response.status_code == 404
    assert writable_client.post("/api/speakers/999999/split", json={"aliases": ["x"]}).status_code == 404


def test_the_json_api_merges_and_splits_but_only_as_json(writable_client, writable_database):
    putin, farrow = speaker_id(writable_client, "Vladimir Putin"), speaker_id(writable_client, "Gideon Farrow")
    before = speakers_state(writable_client)
    # What a cross-site page can send without a preflight: a form encoding, or text/plain. Neither is JSON.
    assert writable_client.post(f"/api/speakers/{putin}/merge", data={"other": str(farrow)}).status_code == 422
    assert writable_client.post(f"/api/speakers/{putin}/merge", content=f'{{"other": "{farrow}"}}',
                                headers={"content-type": "text/plain"}).status_code == 422
    assert writable_client.post(f"/api/speakers/{putin}/merge", content=f'{{"other": "{farrow}"}}').status_code == 422
    assert speakers_state(writable_client) == before
    refused = writable_client.post(f"/api/speakers/{putin}/merge", json={"other": str(putin)})
    assert refused.status_code == 400 and refused.json()["detail"] == "cannot merge a speaker into itself"
    merged = writable_client.post(f"/api/speakers/{putin}/merge", json={"other": "Gideon Farrow"})
    assert merged.status_code == 200
    assert merged.json() == {"action": "merge", "quote_count": 6,
                             "speaker": {"id": putin, "name": "Vladimir Putin", "url": f"/speakers/{putin}",
                                         "kind": "person"},
                             "other": {"id": farrow, "name": "Gideon Farrow", "url": f"/speakers/{farrow}",
                                       "kind": "person"}}
    split = writable_client.post(f"/api/speakers/{putin}/split", json={"aliases": ["Gideon Farrow"]})
    assert split.status_code == 201
    body = split.json()
    assert body["action"] == "split" and body["speaker"]["name"] == "Gideon Farrow" and body["quote_count"] == 2
    assert body["other"]["id"] == putin
    assert writable_client.get(f"/speakers/{putin}.json").json()["speaker"]["quote_count"] == 4
    assert [action for action, _ in corrections(writable_database)] == ["merge", "split"]
    assert writable_client.get("/openapi.json").json()["paths"]["/api/speakers/{speaker_id}/merge"]["post"]
