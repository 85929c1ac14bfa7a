"""Article metadata PostgreSQL cannot store (a NUL character) is refused on every backend with a reason, never a 500."""
from __future__ import annotations

import warnings

import pytest
from sqlalchemy import func, select

from app.settings import Settings
from app.store.models import Article

TEXT = '"The ferry runs again," said Captain Lena Moor.\n\nThe crossing takes an hour.'


@pytest.fixture
def web_client(backend_url, pipeline):
    from app.web.main import create_app

    app = create_app(Settings(database_url=backend_url), nlp=pipeline)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(app, base_url="http://testserver", raise_server_exceptions=False) as client:
        yield client, app
    app.state.engine.dispose()


def stored(app) -> int:
    with app.state.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Article))


def test_a_nul_character_in_metadata_is_refused_through_the_api_and_the_form(web_client):
    from selectolax.lexbor import LexborHTMLParser

    client, app = web_client
    token = LexborHTMLParser(client.get("/articles/new").text).css("input[name=csrf_token]")[0].attributes["value"]
    for field in ("title", "outlet", "author", "url", "published"):
        response = client.post("/api/articles", json={"text": TEXT, field: "ferry\x00news"})
        assert response.status_code == 422, (field, response.text)
        assert "NUL character" in response.text and field in response.text
        response = client.post("/articles", data={"csrf_token": token, "text": TEXT, field: "ferry\x00news"})
        assert response.status_code == 400, (field, response.text[:300])
        assert f"The {field} contains a NUL character" in LexborHTMLParser(response.text).css(".alert")[0].text()
    assert stored(app) == 0
    accepted = client.post("/api/articles", json={"text": TEXT, "title": "Ferry news"})
    assert accepted.status_code == 201 and stored(app) == 1
