"""nlp/evaluation/articles.py: the gold of our evaluation articles, and `quotetrail eval --articles`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from nlp.evaluation import GoldError, SourceAnnotation, article_gold, load_expected, locate_parts

REPOSITORY = Path(__file__).resolve().parents[2]
FIXTURE = REPOSITORY / "tests" / "fixtures" / "articles_mini"
ARTICLE = "01-ferry-plan.txt"


def fixture_gold():
    text = (FIXTURE / ARTICLE).read_text(encoding="utf-8")
    return text, article_gold(text, load_expected(FIXTURE / "expected", ARTICLE, ARTICLE))


def test_article_gold_reads_types_anonymity_and_parts():
    text, gold = fixture_gold()
    assert [statement.annotation for statement in gold] == [
        SourceAnnotation("Harbour Transport Authority", "organisation"),
        SourceAnnotation("Ana Ruiz", "person"),
        SourceAnnotation("A spokesperson for the authority", "unnamed"),
        SourceAnnotation("Two officials", "group", anonymous=True),
        SourceAnnotation("The report", "document"),
    ]
    interrupted = gold[1]
    assert [text[start:end] for start, end in interrupted.parts] == ["We have waited long enough,",
                                                                     "The money is there."]
    assert interrupted.quoted and interrupted.kind == "direct"
    assert [text[start:end] for start, end in interrupted.source] == ["Mayor Ana Ruiz"]
    assert [text[start:end] for statement in gold[2:] for start, end in statement.parts] == [
        "the timetable was final", "the cost had doubled", "fares would rise by a tenth"]
    assert not any(statement.speaker_known for statement in gold)  # scored by the annotation, of every type


def test_a_mention_in_the_paragraph_before_is_found_nearest_first():
    text = 'Ann Lee spoke.\n\nAnn Lee arrived.\n\n"Yes," she said.\n\n"No."\n'
    expected = {"id": "t", "quotes": [
        {"text": "No.", "kind": "direct", "speaker": "Ann Lee", "speaker_type": "person", "anonymous": False,
         "mention": "Ann Lee", "cue": None, "paragraph": 3},
    ]}
    (statement,) = article_gold(text, expected)
    assert statement.source == ((16, 23),)  # the nearer of the two, two paragraphs before


def test_a_mention_out_of_reach_or_a_missing_part_is_a_gold_error():
    text = "Ann Lee spoke.\n\nOne.\n\nTwo.\n\nThree.\n\n\"No,\" she said.\n"
    far = {"id": "t", "quotes": [{"text": "No,", "kind": "direct", "speaker": "Ann Lee", "speaker_type": "person",
                                  "anonymous": False, "mention": "Ann Lee", "cue": "said", "paragraph": 4}]}
    with pytest.raises(GoldError, match="within 2 paragraphs"):
        article_gold(text, far)
    with pytest.raises(GoldError, match="in order"):
        locate_parts("a, b said. c", (0, 12), ["c", "a,"])


def test_eval_articles_scores_both_levels():
    result = CliRunner().invoke(cli, ["eval", "--articles", str(FIXTURE), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)["reports"]
    assert report["corpus"] == "articles articles_mini"
    rows = {level: {(row["kinds"], row["overlap"]): row for row in data["statements"]}
            for level, data in report["levels"].items()}
    assert rows["statement"][("all", 0.3)]["gold"] == 5
    assert rows["segment"][("all", 0.3)]["gold"] == 6  # the interrupted quote is two segments
    assert rows["segment"][("direct+mixed", 0.3)]["gold"] == 2
    named = report["levels"]["statement"]["speaker_named_right"]
    assert named["all"]["all"]["total"] <= 5
    assert set(named["speaker_type"]) <= {"person", "organisation", "group", "unnamed", "document"}
    assert report["levels"]["statement"]["anonymous"]["gold"] <= 1
