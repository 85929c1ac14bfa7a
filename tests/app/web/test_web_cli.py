"""`quotetrail serve`: --get prints a rendered page without a server; a database that is not ready is refused."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from selectolax.lexbor import LexborHTMLParser

from app.cli import cli
from app.settings import get_settings


@pytest.fixture
def configured(monkeypatch):
    """configure(url): point QUOTETRAIL_DATABASE_URL at `url` for the command under test."""

    def configure(url: str) -> None:
        monkeypatch.setenv("QUOTETRAIL_DATABASE_URL", url)
        get_settings.cache_clear()

    yield configure
    get_settings.cache_clear()


def test_get_prints_a_page_and_its_json_twin(configured, ingested_database):
    configured(f"sqlite:///{ingested_database}")
    runner = CliRunner()
    result = runner.invoke(cli, ["serve", "--get", "/speakers?q=asad"])
    assert result.exit_code == 0, result.output
    tree = LexborHTMLParser(result.output)
    assert tree.css(".speaker-list a.name")[0].text() == "Bashar al-Assad"
    result = runner.invoke(cli, ["serve", "--get", "/speakers.json?q=asad"])
    assert result.exit_code == 0
    assert json.loads(result.output)["speakers"][0]["name"] == "Bashar al-Assad"


def test_get_fails_for_a_missing_page_and_a_relative_path(configured, ingested_database):
    configured(f"sqlite:///{ingested_database}")
    runner = CliRunner()
    result = runner.invoke(cli, ["serve", "--get", "/speakers/999999"])
    assert result.exit_code == 1
    assert LexborHTMLParser(result.output).css("h1")[0].text() == "Nothing here"
    result = runner.invoke(cli, ["serve", "--get", "speakers"])
    assert result.exit_code == 2 and "starts with /" in result.output


def test_serve_refuses_a_database_without_the_schema(configured, tmp_path):
    configured(f"sqlite:///{tmp_path / 'fresh.db'}")
    result = CliRunner().invoke(cli, ["serve", "--get", "/"])
    assert result.exit_code == 1
    assert "quotetrail db upgrade" in result.output


def test_serve_documents_its_options():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--get"):
        assert option in result.output
    assert "QUOTETRAIL_HOST" in result.output and "QUOTETRAIL_PORT" in result.output
