"""Quote check end to end: golden cases on a database built by the real ingest, through the service and the CLI."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select, text

from app.cli import cli
from app.services.check import CheckError, check_quote, names_agree
from app.services.ingest import run_ingest
from app.settings import get_settings
from app.store.db import create_database_engine, get_engine, make_session_factory
from app.store.models import Article, Base, Quote
from tests.support.databases import BACKENDS

HARBOUR = "\n\n".join([
    "Mayor Elena Varga defended the harbour redevelopment on Tuesday at a packed council meeting.",
    '"The harbour plan is not a gift to developers. It is the only way to keep the ferry running through the '
    'winter," Varga said.',
    'She added that the city had "no intention of selling the pier" and that the council would vote in June.',
    '"We listened to every fisherman, every shop owner and every family on the waterfront," the mayor said, '
    '"and we changed the plan [the second draft] three times."',
    "The council chamber was so crowded that several residents followed the debate from the steps outside.",
    'Opposition councillor Tomas Brandt called the plan "a slow-motion sale of public land."',
]) + "\n"

# A later article carrying the mayor's first sentence (naming her by title and surname only, as a follow-up may):
# the two copies make one quote family.
FOLLOW_UP = """Mayor Varga of the port city faced questions from reporters on Wednesday.

"The harbour plan is not a gift to developers," Varga told reporters outside the town hall.

Councillor Tomas Brandt said the opposition would table its own proposal next month.
"""

ARTICLES = [
    {"text": HARBOUR, "title": "Mayor defends the harbour plan", "outlet": "Harbour Courier",
     "published": "2024-03-02T09:00:00Z", "url": "https://example.org/harbour"},
    {"text": FOLLOW_UP, "title": "Varga questioned on the waterfront", "outlet": "Coast Daily",
     "published": "2024-03-03T10:00:00Z"},
]

MATCH_KEYS = {"article_id", "quote_id", "start", "end", "score", "verdict", "speaker", "diff"}


@dataclass(frozen=True)
class Collection:
    url: str
    engine: Engine
    harbour: int  # article ids
    follow_up: int


@pytest.fixture(scope="module", params=BACKENDS)
def collection(request, tmp_path_factory, pipeline):
    """Both articles stored by the real ingest (pipeline, speaker and family linking) in a migrated database."""
    directory = tmp_path_factory.mktemp("check")
    if request.param == "sqlite":
        database = directory / "quotetrail.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), database)
        url = f"sqlite:///{database}"
    else:
        url = request.getfixturevalue("postgres_schema_url")
        with create_database_engine(url).begin() as connection:
            tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    source = directory / "articles.jsonl"
    source.write_text("".join(json.dumps(article) + "\n" for article in ARTICLES), encoding="utf-8")
    engine = create_database_engine(url)
    summary = run_ingest([source], engine=engine, nlp=pipeline, progress=False)
    assert summary.count("stored") == len(ARTICLES) and not summary.failures
    with make_session_factory(engine)() as session:
        ids = {article.title: article.id for article in session.scalars(select(Article))}
    yield Collection(url, engine, ids[ARTICLES[0]["title"]], ids[ARTICLES[1]["title"]])
    engine.dispose()


def run_check(collection: Collection, text: str, **options) -> dict:
    with make_session_factory(collection.engine)() as session:
        result = check_quote(session, text=text, **options).model_dump(mode="json")
        for match in result["matches"]:
            assert_evidence_points_into_the_source(session, match)
    return result


def assert_evidence_points_into_the_source(session, match: dict) -> None:
    """Every offset in a match selects what the match says it selects."""
    assert MATCH_KEYS <= match.keys()
    article = session.get(Article, match["article_id"])
    assert article.text[match["start"]:match["end"]] == match["source_text"]
    assert article.text[match["paragraph_start"]:match["paragraph_end"]] == match["paragraph_text"]
    marked = match["paragraph_text"][match["mark_start"]:match["mark_end"]]
    assert marked == match["source_text"] == match["excerpt"]["marked"]
    assert match["paragraph_start"] + match["mark_start"] == match["start"]
    for item in match["diff"]:
        if item["source"]:
            assert article.text[item["start"]:item["end"]] == item["source"]
    if match["quote_id"] is not None:
        quote = session.get(Quote, match["quote_id"])
        assert quote.article_id == article.id
        assert quote.start < match["end"] and match["start"] < quote.end


def only_changes(match: dict) -> list[tuple[str, str, str]]:
    return [(item["op"], item["source"], item["quote"]) for item in match["diff"] if item["op"] not in ("equal",)]


# --- golden cases --------------------------------------------------------------------------------

def test_verbatim_quote_with_speaker_span_and_family(collection):
    result = run_check(collection, "“The harbour plan is not a gift to developers.”", speaker="Elena Varga")
    assert (result["verdict"], result["speaker_verdict"]) == ("verbatim", "match")
    best = result["matches"][0]
    assert best["article_id"] == collection.harbour  # the earlier of the two copies first
    assert best["source_text"] == "The harbour plan is not a gift to developers"
    assert best["speaker"] == "Elena Varga"
    assert best["extracted_as_quote"] is True
    assert best["score"] == 100.0
    assert [item["op"] for item in best["diff"]] == ["equal"]
    assert [member["article_id"] for member in best["family"]] == [collection.harbour, collection.follow_up]
    assert {match["article_id"] for match in result["matches"]} == {collection.harbour, collection.follow_up}


def test_surname_in_the_pasted_attribution_agrees_with_the_full_name(collection):
    result = run_check(collection, '"The harbour plan is not a gift to developers," Varga said.')
    assert result["verdict"] == "verbatim"
    assert result["query"]["speaker"] == "Varga" and result["query"]["speaker_from_text"] is True
    assert result["speaker_verdict"] == "match"


def test_omission_marked_with_three_dots_is_elided(collection):
    result = run_check(
        collection, "The harbour plan is not a gift to developers ... the only way to keep the ferry running")
    assert result["verdict"] == "elided"
    assert only_changes(result["matches"][0]) == [("omit", "It is", "")]


def test_omission_marked_with_an_ellipsis_character_is_elided(collection):
    result = run_check(collection, "We listened to every fisherman … and every family on the waterfront")
    assert result["verdict"] == "elided"
    assert only_changes(result["matches"][0]) == [("omit", "every shop owner", "")]


def test_bracketed_insertion_is_elided_and_shows_the_words_it_stands_for(collection):
    result = run_check(collection, "[The redevelopment] is the only way to keep the ferry running through the winter")
    assert result["verdict"] == "elided"
    assert only_changes(result["matches"][0]) == [("bracket", "It", "[The redevelopment]")]


def test_bracket_printed_in_the_source_is_part_of_the_verbatim_words(collection):
    result = run_check(collection, "and we changed the plan [the second draft] three times")
    assert result["verdict"] == "verbatim"


def test_case_and_punctuation_only_is_minor(collection):
    result = run_check(collection, "the harbour plan is not a gift to developers; it is the only way to keep the ferry")
    assert result["verdict"] == "minor"
    assert {item["op"] for item in result["matches"][0]["diff"]} == {"equal", "minor"}


def test_one_changed_word_is_altered_with_the_change_listed(collection):
    result = run_check(collection, "The harbour plan is not a gift to investors")
    assert result["verdict"] == "altered"
    best = result["matches"][0]
    assert only_changes(best) == [("replace", "developers", "investors")]
    assert best["changes"] == ['changed "developers" to "investors"']
    assert 50 < best["score"] < 100


def test_dropped_negation_is_altered_not_minor(collection):
    result = run_check(collection, "The harbour plan is a gift to developers.")
    assert result["verdict"] == "altered"
    best = result["matches"][0]
    assert only_changes(best) == [("delete", "not", "")]
    assert any("negation" in change for change in best["changes"])


def test_swapped_order_is_altered(collection):
    result = run_check(collection, "It is the only way to keep the ferry running through the winter. "
                                   "The harbour plan is not a gift to developers.")
    assert result["verdict"] == "altered"
    best = result["matches"][0]
    assert best["article_id"] == collection.harbour
    assert [item["op"] for item in best["diff"]] == ["move", "equal"]
    assert any("word order" in change for change in best["changes"])


def test_misattribution_names_who_said_it_in_the_source(collection):
    result = run_check(collection, "The harbour plan is not a gift to developers", speaker="Tomas Brandt")
    assert result["verdict"] == "verbatim"
    assert result["speaker_verdict"] == "misattributed"
    assert result["source_speakers"] == ["Elena Varga"]
    assert result["matches"][0]["speaker_verdict"] == "misattributed"
    # A second copy attributed weakly (a one-word ORG read as a surname) is not an accusation.
    assert {match["speaker_verdict"] for match in result["matches"]} <= {"misattributed", "unverifiable"}


def test_fabricated_quote_is_not_found(collection):
    result = run_check(collection, "The harbour will be sold to the highest bidder before summer", speaker="Varga")
    assert (result["verdict"], result["speaker_verdict"]) == ("not_found", "unverifiable")
    assert result["matches"] == []


def test_words_only_in_narrative_text_are_found_and_noted(collection):
    result = run_check(collection, '"Several residents followed the debate from the steps outside"',
                       speaker="Elena Varga")
    assert result["verdict"] == "minor"  # "Several" is printed "several"
    best = result["matches"][0]
    assert (best["quote_id"], best["extracted_as_quote"], best["speaker"]) == (None, False, None)
    assert any("not extracted as a quote" in note for note in best["notes"])
    assert result["speaker_verdict"] == "unattributed"


def test_quote_joined_across_its_attribution_is_verbatim(collection):
    result = run_check(collection, "We listened to every fisherman, every shop owner and every family on the "
                                   "waterfront, and we changed the plan [the second draft] three times")
    assert result["verdict"] == "verbatim"
    best = result["matches"][0]
    assert best["quote_id"] is not None and best["speaker"] == "Elena Varga"
    assert "the mayor said" in best["source_text"]  # the span runs over the interruption
    assert any("interrupted by its attribution" in note for note in best["notes"])


def test_same_sense_in_other_words_is_a_paraphrase_with_low_confidence(collection):
    result = run_check(collection, "Varga says the ferry can only keep running in winter thanks to the harbour plan")
    assert result["verdict"] == "paraphrase"
    assert 0 < result["confidence"] <= 0.5
    assert result["matches"][0]["article_id"] == collection.harbour


def test_checking_one_article_only_finds_it_there(collection):
    result = run_check(collection, "The harbour plan is not a gift to developers", article_id=collection.follow_up)
    assert result["verdict"] == "verbatim"
    assert {match["article_id"] for match in result["matches"]} == {collection.follow_up}
    elsewhere = run_check(collection, "several residents followed the debate", article_id=collection.follow_up)
    assert elsewhere["verdict"] == "not_found"


def test_bad_input_raises_check_error(collection):
    with make_session_factory(collection.engine)() as session:
        with pytest.raises(CheckError, match="no article"):
            check_quote(session, text="a gift", article_id=999_999)
        with pytest.raises(CheckError, match="Nothing to check"):
            check_quote(session, text=" “ ” ")


@pytest.mark.parametrize(("claimed", "names", "agree"), [
    ("Putin", ["Vladimir Putin"], True),
    # A surname alone does not say which given name: the claim is not confirmed.
    ("Vladimir Putin", ["Putin"], False),
    ("Michelle Obama", ["Barack Obama", "Obama", "President Obama"], False),
    ("Eric Trump", ["Donald J. Trump", "Donald Trump", "Trump"], False),
    ("Chelsea Clinton", ["Hillary Clinton", "Clinton", "Mrs. Clinton"], False),
    ("George Bush", ["George W. Bush"], True),
    ("George H. W. Bush", ["George W. Bush"], False),
    ("Harold Winslow Sr.", ["Harold Winslow Jr."], False),
    ("Joseph R. Biden", ["Joseph R. Biden Jr."], True),
    ("Russian President Vladimir Putin", ["Vladimir Putin"], True),
    ("Assad", ["Bashar al-Assad"], True),
    ("Asad", ["Bashar al-Assad"], True),
    ("Joe Biden", ["Hunter Biden"], False),
    ("Tomas Brandt", ["Elena Varga", "Varga"], False),
    ("he", ["Elena Varga"], False),
])
def test_speaker_names_are_compared_strictly(claimed, names, agree):
    assert names_agree(claimed, names) is agree


def test_a_claimed_role_agrees_with_a_role_the_source_gave():
    assert names_agree("the Russian president", ["Vladimir Putin"], titles=["Russian President"])
    assert not names_agree("the Syrian president", ["Vladimir Putin"], titles=["Russian President"])


# --- the CLI -------------------------------------------------------------------------------------

@pytest.fixture
def cli_env(collection, monkeypatch):
    monkeypatch.setenv("QUOTETRAIL_DATABASE_URL", collection.url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield collection
    get_settings.cache_clear()
    get_engine.cache_clear()


def test_cli_prints_the_verdict_and_the_marked_source(cli_env):
    outcome = CliRunner().invoke(cli, ["check", "The harbour plan is … a gift to developers", "--speaker", "Varga"])
    assert outcome.exit_code == 1, outcome.output  # found, but not in the same words
    lines = outcome.output.splitlines()
    assert "verdict:  altered: words added, dropped, changed or moved without marking" in lines
    assert any(line.startswith("speaker:  match") for line in lines)
    assert any("[[The harbour plan is not a gift to developers]]" in line for line in lines)
    assert any("(…not…)" in line for line in lines)


def test_cli_json_is_the_service_object(cli_env):
    outcome = CliRunner().invoke(cli, ["check", "The harbour plan is not a gift to developers", "--json",
                                       "--article", str(cli_env.harbour), "--speaker", "Brandt"])
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.output)
    assert (data["verdict"], data["speaker_verdict"]) == ("verbatim", "misattributed")
    assert MATCH_KEYS <= data["matches"][0].keys()
    assert [match["article_id"] for match in data["matches"]] == [cli_env.harbour]


def test_cli_reports_an_unknown_article_as_an_error(cli_env):
    outcome = CliRunner().invoke(cli, ["check", "a gift", "--article", "424242"])
    assert outcome.exit_code == 2
    assert "There is no article 424242" in outcome.output


def test_the_installed_command_runs_a_check(collection):
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": collection.url}
    completed = subprocess.run(
        [sys.executable, "-m", "app", "check", "several residents followed the debate", "--json"],
        capture_output=True, text=True, env=environment, timeout=120, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data["verdict"] == "verbatim"
    assert data["matches"][0]["quote_id"] is None
