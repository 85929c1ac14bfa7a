"""nlp/evaluation: scoring on hand-made cases with hand-computed answers, and `quotetrail eval` end to end."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import nlp as quotetrail_nlp
from app.cli import cli
from nlp.evaluation import (
    OVERLAP_LEVELS,
    ScoredDocument,
    SourceAnnotation,
    Statement,
    covered_share,
    format_report,
    is_quoted,
    load_resolved,
    load_sources,
    match_statements,
    names_match,
    paragraph_spans,
    parse_brat,
    polnear_annotation_files,
    read_polnear,
    sample_gold,
    score,
    segments,
    trimmed_span,
)

REPOSITORY = Path(__file__).resolve().parents[2]
FIXTURE = REPOSITORY / "tests" / "fixtures" / "polnear_mini"
FIXTURE_RESOLVED = FIXTURE / "resolved.tsv"
FIXTURE_SOURCES = FIXTURE / "sources.tsv"
RESOLVED_DEV = REPOSITORY / "evaluation" / "polnear-dev-resolved.tsv"
POLNEAR = Path("/work/corpora/PolNeAR")


def quoted(*parts, source=(), speaker=None, known=False, mention_kind=None) -> Statement:
    return Statement(parts=tuple(parts), quoted=True, source=tuple(source), speaker=speaker,
                     speaker_known=known, mention_kind=mention_kind)


def indirect(*parts, source=(), speaker=None, known=False) -> Statement:
    return Statement(parts=tuple(parts), quoted=False, source=tuple(source), speaker=speaker, speaker_known=known)


# --- overlap and matching ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("gold", "predicted", "share"),
    [
        ([(10, 20)], [(15, 30)], 0.5),  # half of the gold covered
        ([(0, 10), (20, 30)], [(5, 25)], 0.5),  # 5 + 5 of a discontinuous 20
        ([(10, 20)], [(0, 100)], 1.0),  # a longer prediction covers all of the gold
        ([(10, 20)], [(20, 30)], 0.0),  # touching is not overlapping
        ([(0, 40)], [(0, 10), (5, 15)], 15 / 40),  # overlapping predicted pieces are not counted twice
    ],
)
def test_covered_share_is_the_share_of_gold_characters_covered(gold, predicted, share):
    assert covered_share(gold, predicted) == pytest.approx(share)


def test_matching_is_one_to_one():
    text = "x" * 100
    gold = [quoted((0, 10)), quoted((20, 30))]
    one_long_prediction = [quoted((0, 30))]
    assert match_statements(text, gold, one_long_prediction, level=0.3) == [(0, 0)]


def test_matching_finds_the_largest_matching_not_the_greedy_one():
    # Greedy by overlap gives gold 0 the long prediction (overlap 1.0) and leaves gold 1 with nothing;
    # gold 0 can take the short prediction (0.5) instead, so two statements match.
    text = "x" * 100
    gold = [quoted((0, 10)), quoted((20, 30))]
    predicted = [quoted((0, 30)), quoted((5, 10))]
    assert match_statements(text, gold, predicted, level=0.3) == [(0, 1), (1, 0)]


def test_matching_respects_the_level():
    text = "x" * 100
    gold, predicted = [quoted((0, 100))], [quoted((0, 50))]
    assert match_statements(text, gold, predicted, level=0.3) == [(0, 0)]
    assert match_statements(text, gold, predicted, level=0.8) == []


def test_exact_ignores_the_conventions_annotators_differ_on():
    text = 'Smith said that "we will win the vote." Then he left.'
    gold_span = (text.index("that"), text.index(" Then"))  # 'that "we will win the vote."'
    predicted_span = (text.index("we"), text.index('."'))  # 'we will win the vote'
    assert trimmed_span(text, gold_span) == trimmed_span(text, predicted_span) == predicted_span
    shorter = (predicted_span[0], predicted_span[1] - len(" vote"))
    assert match_statements(text, [quoted(gold_span)], [quoted(predicted_span)], level="exact") == [(0, 0)]
    assert match_statements(text, [quoted(gold_span)], [quoted(shorter)], level="exact") == []


def test_a_word_that_starts_with_that_is_not_trimmed():
    text = "thatcherism is back"
    assert trimmed_span(text, (0, len(text))) == (0, len(text))


# --- the whole report, computed by hand ----------------------------------------------------------------

def hand_made_document() -> ScoredDocument:
    text = "a" * 300
    gold = [
        quoted((0, 40), source=[(100, 105)], speaker="Ann Lee", known=True, mention_kind="name"),
        quoted((50, 90), source=[(110, 115)], speaker="Bo Chan", known=True, mention_kind="pronoun"),
        indirect((120, 160)),
    ]
    predicted = [
        quoted((0, 40), source=[(100, 103)], speaker="Ann Lee"),  # exact, right mention, right name
        quoted((60, 90), source=[(116, 120)], speaker="Bob Chan"),  # covers 0.75: wrong mention and name
        indirect((130, 200)),  # covers 0.75 of the indirect gold, no mention
        quoted((250, 260)),  # matches nothing
    ]
    return ScoredDocument("doc", text, gold, predicted)


def test_score_gives_the_hand_computed_numbers():
    report = score([hand_made_document()], corpus="hand-made")
    expected: dict[tuple[str, float | str], tuple[int, int, int, float, float, float]] = {
        # (kinds, level): (matched, gold, predicted, precision, recall, f1)
        ("direct+mixed", 0.3): (2, 2, 3, 2 / 3, 1.0, 0.8),
        ("direct+mixed", 0.8): (1, 2, 3, 1 / 3, 1 / 2, 0.4),
        ("direct+mixed", "exact"): (1, 2, 3, 1 / 3, 1 / 2, 0.4),
        ("all", 0.3): (3, 3, 4, 3 / 4, 1.0, 6 / 7),
        ("all", 0.8): (1, 3, 4, 1 / 4, 1 / 3, 2 / 7),
        ("all", "exact"): (1, 3, 4, 1 / 4, 1 / 3, 2 / 7),
    }
    assert set(report.counts) == set(expected)
    for key, (matched, gold, predicted, precision, recall, f1) in expected.items():
        counts = report.counts[key]
        assert (counts.matched, counts.gold, counts.predicted) == (matched, gold, predicted), key
        assert counts.precision == pytest.approx(precision), key
        assert counts.recall == pytest.approx(recall), key
        assert counts.f1 == pytest.approx(f1), key
    # Speaker span: of the matched statements with a gold Source, only the first has an overlapping mention.
    assert (report.speaker["direct+mixed"].correct, report.speaker["direct+mixed"].total) == (1, 2)
    assert (report.speaker["all"].correct, report.speaker["all"].total) == (1, 2)
    # Resolved names: "Bob Chan" is not "Bo Chan".
    assert (report.resolved["all"].correct, report.resolved["all"].total) == (1, 2)
    assert (report.resolved["name"].correct, report.resolved["name"].total) == (1, 1)
    assert (report.resolved["pronoun"].correct, report.resolved["pronoun"].total) == (0, 1)


def test_score_adds_documents_up():
    report = score([hand_made_document(), hand_made_document()], corpus="twice")
    counts = report.counts[("all", 0.3)]
    assert report.documents == 2
    assert (counts.matched, counts.gold, counts.predicted) == (6, 6, 8)
    assert counts.f1 == pytest.approx(6 / 7)


def test_score_with_no_predictions_is_zero_not_an_error():
    document = hand_made_document()
    document.predicted = []
    report = score([document], corpus="empty")
    for level in OVERLAP_LEVELS:
        counts = report.counts[("all", level)]
        assert (counts.precision, counts.recall, counts.f1) == (0.0, 0.0, 0.0)
    assert report.speaker["all"].value is None


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Donald Trump", "Donald J. Trump", True),  # a middle initial
        ("Hillary Clinton", "Hillary Rodham Clinton", True),  # a middle name
        ("Hélène Garnier", "helene garnier", True),  # case and accents
        ("Mike Pence", "Mr. Mike Pence", True),  # an honorific
        ("Donald Trump", "Donald Trump Jr.", False),  # his son
        ("Hillary Clinton", "Bill Clinton", False),
        ("Donald Trump", "Trump", False),  # the article gives the full name: a surname is not enough
        ("Obama", "Barack Obama", True),  # the article only ever says "Mr. Obama"
        ("Obama", "Michelle", False),
        ("Donald Trump", None, False),
        (None, None, True),  # nobody named, nobody predicted
    ],
)
def test_names_match(gold, predicted, same):
    assert names_match(gold, predicted) is same


# --- segment level ------------------------------------------------------------------------------------

def test_segments_inherit_the_statements_speaker_and_mention():
    statement = quoted((0, 10), (20, 30), source=[(12, 15)], speaker="Ann Lee", known=True)
    pieces = segments(statement)
    assert [piece.parts for piece in pieces] == [((0, 10),), ((20, 30),)]
    assert all(piece.source == ((12, 15),) and piece.speaker == "Ann Lee" and piece.quoted for piece in pieces)
    single = quoted((0, 10))
    assert segments(single) == [single]


def test_segment_level_matches_each_piece_on_its_own():
    # Gold: one interrupted quote in two pieces. Predicted: the same quote in two pieces (document a),
    # or as one piece that runs over the cue (document b): one statement either way, but at segment
    # level the single piece can match only one of the two gold pieces.
    text = "x" * 100
    gold = [quoted((0, 10), (20, 30), source=[(12, 15)])]
    in_pieces = ScoredDocument("a", text, gold, [quoted((0, 10), (20, 30), source=[(12, 15)])])
    as_one = ScoredDocument("b", text, gold, [quoted((0, 30), source=[(12, 15)])])
    report = score([in_pieces, as_one], corpus="segments")
    statement, segment = report.levels["statement"], report.levels["segment"]
    counts = statement.counts[("all", 0.3)]
    assert (counts.matched, counts.gold, counts.predicted) == (2, 2, 2)
    counts = segment.counts[("all", 0.3)]
    assert (counts.matched, counts.gold, counts.predicted) == (3, 4, 3)
    # Speaker span accuracy counts matched segments: each inherits its statement's mention.
    assert (segment.speaker["all"].correct, segment.speaker["all"].total) == (3, 3)
    # Exact at segment level compares each piece: the long piece is no gold piece exactly.
    counts = segment.counts[("all", "exact")]
    assert (counts.matched, counts.gold, counts.predicted) == (2, 4, 3)
    data = report.to_json()
    assert set(data["levels"]) == {"statement", "segment"}
    assert data["statements"] == data["levels"]["statement"]["statements"]


# --- speaker named right, by type, mention kind, anonymity and rule ----------------------------------

def annotated(*parts, speaker, speaker_type, anonymous=False, mention_kind=None) -> Statement:
    return Statement(parts=tuple(parts), quoted=False, annotation=SourceAnnotation(
        speaker, speaker_type, anonymous=anonymous, mention_kind=mention_kind))


def predicted(*parts, speaker=None, speaker_type=None, rule=None, anonymous=False) -> Statement:
    return Statement(parts=tuple(parts), quoted=False, speaker=speaker, speaker_type=speaker_type, rule=rule,
                     anonymous=anonymous)


def annotated_document() -> ScoredDocument:
    gold = [
        annotated((0, 10), speaker="Ann Lee", speaker_type="person", mention_kind="pronoun"),
        annotated((20, 30), speaker="National Transportation Safety Board", speaker_type="organisation",
                  mention_kind="acronym"),
        annotated((40, 50), speaker="Two officials at the ministry", speaker_type="group", anonymous=True,
                  mention_kind="description"),
        annotated((60, 70), speaker="Bo Chan", speaker_type="person", mention_kind="pronoun"),
        annotated((80, 90), (95, 99), speaker="document of Bo Chan", speaker_type="document",
                  mention_kind="description"),
    ]
    guesses = [
        predicted((0, 10), speaker="Ann Lee", speaker_type="person", rule="pronoun.previous"),  # right
        predicted((20, 30), speaker="NTSB", rule="organisation.named"),  # right, no type
        predicted((40, 50), speaker="officials", speaker_type="group", rule="description.group",
                  anonymous=True),  # right
        predicted((60, 70), speaker="Ann Lee", speaker_type="person", rule="pronoun.previous"),  # wrong
        predicted((80, 90), (95, 99), speaker="Bo Chan", speaker_type="person"),  # the owner: wrong, no rule
    ]
    return ScoredDocument("annotated", "x" * 100, gold, guesses)


def test_speaker_named_right_by_type_mention_kind_anonymity_and_rule():
    report = score([annotated_document()], corpus="annotated")
    named = report.levels["statement"].named

    def table(breakdown):
        return {key: (ratio.correct, ratio.total) for key, ratio in named[breakdown].items()}

    assert table("all") == {"all": (3, 5)}
    assert table("speaker_type") == {"person": (1, 2), "organisation": (1, 1), "group": (1, 1), "document": (0, 1)}
    assert table("mention_kind") == {"pronoun": (1, 2), "acronym": (1, 1), "description": (1, 2)}
    assert table("anonymous") == {"no": (2, 4), "yes": (1, 1)}
    assert table("rule") == {"pronoun.previous": (1, 2), "organisation.named": (1, 1), "description.group": (1, 1),
                             "(none)": (0, 1)}
    segment = report.levels["segment"].named
    assert (segment["all"]["all"].correct, segment["all"]["all"].total) == (3, 6)  # the document in two pieces
    assert (segment["rule"]["(none)"].correct, segment["rule"]["(none)"].total) == (0, 2)


def test_speaker_type_accuracy_confusion_and_anonymous_flags():
    scores = score([annotated_document()], corpus="annotated").levels["statement"]
    assert scores.types == {("person", "person"): 2, ("organisation", "(none)"): 1, ("group", "group"): 1,
                            ("document", "person"): 1}
    assert (scores.type_accuracy.correct, scores.type_accuracy.total) == (3, 5)
    assert (scores.anonymous.matched, scores.anonymous.predicted, scores.anonymous.gold) == (1, 1, 1)
    data = scores.to_json()
    assert data["speaker_type_accuracy"] == {"accuracy": 0.6, "correct": 3, "total": 5}
    assert data["anonymous"]["precision"] == data["anonymous"]["recall"] == 1.0


def test_format_report_prints_the_per_rule_table_at_both_levels():
    text = format_report(score([annotated_document()], corpus="annotated"))
    rows = {line.split()[0]: line.split() for line in text.splitlines() if line.startswith("  ") and "|" in line}
    assert rows["rule"] == ["rule", "n", "right", "accuracy", "|", "n", "right", "accuracy"]
    assert rows["pronoun.previous"] == ["pronoun.previous", "2", "1", "0.500", "|", "2", "1", "0.500"]
    assert rows["(none)"] == ["(none)", "1", "0", "0.000", "|", "2", "0", "0.000"]
    assert "by gold speaker_type:" in text and "speaker_type confusion" in text
    assert "anonymous flag" in text


def test_load_sources_reads_one_split_of_the_table():
    dev = load_sources(FIXTURE_SOURCES, split="dev")
    everything = load_sources(FIXTURE_SOURCES)
    assert len(dev) == 11 and len(everything) == 12
    critics = dev[("alpha-news_2016-10-01_mayor-says-budget-balanced_4e07.ann", 203, 210)]
    assert critics == SourceAnnotation("Critics", "group", anonymous=False, mention_kind="description")
    (train_only,) = set(everything) - set(dev)
    assert everything[train_only].anonymous and everything[train_only].speaker_type == "group"


def test_read_polnear_attaches_source_annotations():
    documents, _ = read_polnear(FIXTURE, split="dev", sources=load_sources(FIXTURE_SOURCES, split="dev"))
    annotations = [statement.annotation for document in documents for statement in document.gold]
    assert sum(annotation is not None for annotation in annotations) == 11  # all but the no-source statement
    assert {annotation.speaker_type for annotation in annotations if annotation} == {
        "person", "group", "document", "organisation"}


# --- brat standoff and the PolNeAR layout --------------------------------------------------------------

BRAT = "\n".join([
    "T1\tSource 0 5\tAlice",
    "T2\tCue 6 10\tsaid",
    "T3\tContent 40 50;12 30\ttwo pieces, out of order",
    "T4\tAttribution 6 10\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    "T5\tContent 60 70\tno source",
    "T6\tCue 71 75\tsaid",
    "T7\tAttribution-no-source 71 75\tsaid",
    "E2\tAttribution-no-source:T7 Content:T5 Cue:T6",
    "T8\tDiscard 80 90\tRead more here.",
    "T9\tContent 100 121\tline one",
    "and the tail of a span text that held a newline",
    "T10\tSource 130 133\tBob",
    "T11\tCue 134 138\tsaid",
    "T12\tAttribution 134 138\tsaid",
    "T13\tContent 90 95\tsecond content",
    "E3\tAttribution:T12 Cue:T11 Source:T10 Content:T9 Content2:T13",
    "#1\tAnnotatorNotes T3\tShould this include the title?",
    "E4\tAttribution-no-source:T14 ",
    "T15\tDiscuss 140 150\tsomething discussed",
]) + "\n"


def test_parse_brat_reads_relations_and_skips_the_rest():
    attributions = parse_brat(BRAT)
    assert [(a.relation, a.content, a.source, a.cue) for a in attributions] == [
        ("Attribution", ((12, 30), (40, 50)), ((0, 5),), ((6, 10),)),
        ("Attribution-no-source", ((60, 70),), (), ((71, 75),)),
        ("Attribution", ((90, 95), (100, 121)), ((130, 133),), ((134, 138),)),
    ]


def test_gold_kind_comes_from_double_quotation_marks_only():
    text = "He said \u201cno\u201d and she said 'maybe' and don't."
    assert is_quoted(text, [(0, 14)])
    assert not is_quoted(text, [(14, len(text))])  # single marks and apostrophes do not count
    nyt = "''We're America,'' the president added."  # the New York Times writes double marks so
    assert is_quoted(nyt, [(0, 18)])
    assert not is_quoted(nyt, [(18, len(nyt))])


def test_several_annotators_the_first_by_sorted_name_is_used():
    files = polnear_annotation_files(FIXTURE, "dev")
    assert [path.name for path in files["beta-post_2016-10-02_collins-ortiz-debate"]] == [
        "beta-post_2016-10-02_collins-ortiz-debate_5fec.ann",
        "beta-post_2016-10-02_collins-ortiz-debate_ef2d.ann",
    ]
    documents, notes = read_polnear(FIXTURE, split="dev")
    beta = next(document for document in documents if document.id.startswith("beta"))
    assert beta.ann_name.endswith("_5fec.ann")
    assert len(beta.gold) == 3  # the _5fec file has three relations, the _ef2d file one
    assert any("1 of them were annotated by several annotators" in note for note in notes)


def test_read_polnear_gold_of_the_fixture():
    resolved = load_resolved(FIXTURE_RESOLVED)
    documents, _ = read_polnear(FIXTURE, split="dev", resolved=resolved)
    assert [document.id for document in documents] == [
        "alpha-news_2016-10-01_mayor-says-budget-balanced",
        "beta-post_2016-10-02_collins-ortiz-debate",
        "gamma-times_2016-10-03_water-board-rates",
    ]
    assert [len(document.gold) for document in documents] == [4, 3, 5]
    assert [sum(statement.quoted for statement in document.gold) for document in documents] == [1, 2, 1]
    gamma = documents[2]
    added = next(statement for statement in gamma.gold if statement.mention_kind == "pronoun")
    assert gamma.text[added.source[0][0]:added.source[0][1]] == "he"
    assert added.speaker == "Tom Reyes" and added.speaker_known
    assert [gamma.text[start:end] for start, end in added.parts] == [
        "Residents,", "will get a discount if they use less water"]
    assert sum(statement.speaker_known for document in documents for statement in document.gold) == 4
    assert read_polnear(FIXTURE, split="dev", limit=1)[0][0].id == documents[0].id


def test_paragraph_spans_blank_lines_crlf_and_lists():
    text = "Head\r\n\r\n  First para.\r\nstill first.\r\n\r\nRelated:\r\nOne - Smith\r\nTwo: more\r\n"
    assert [text[start:end] for start, end in paragraph_spans(text)] == [
        "Head", "First para.\r\nstill first.", "Related:", "One - Smith", "Two: more"]
    lines = "one line\nanother line\n"
    assert [lines[start:end] for start, end in paragraph_spans(lines)] == ["one line", "another line"]


def test_sample_gold_locates_text_and_mention_in_its_paragraph():
    text = 'Title\n\n"Yes," she said.\n\n"Yes," he said, "again."\n'
    expected = {"id": "t", "quotes": [
        {"text": "Yes,", "kind": "direct", "speaker": "Ann Lee", "mention": "she", "cue": "said", "paragraph": 1},
        {"text": 'Yes," he said, "again.', "kind": "direct", "speaker": None, "mention": "he", "cue": "said",
         "paragraph": 2},
    ]}
    first, second = sample_gold(text, expected)
    assert first.parts == ((8, 12),)  # the first "Yes," is in paragraph 1, the second in paragraph 2
    assert text[first.source[0][0]:first.source[0][1]] == "she"
    assert text[second.parts[0][0]:second.parts[0][1]] == 'Yes," he said, "again.'
    assert second.speaker is None and second.speaker_known


# --- `quotetrail eval` end to end ----------------------------------------------------------------------

def run_eval(*arguments: str):
    result = CliRunner().invoke(cli, ["eval", *arguments], catch_exceptions=False)
    return result


def test_eval_on_the_fixture_json(pipeline):
    result = run_eval("--polnear", str(FIXTURE), "--split", "dev", "--resolved", str(FIXTURE_RESOLVED), "--json")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)["reports"]
    assert report["corpus"] == "PolNeAR dev"
    assert report["documents"] == 3
    rows = {(row["kinds"], row["overlap"]): row for row in report["statements"]}
    assert set(rows) == {(kinds, level) for kinds in ("direct+mixed", "all") for level in (0.3, 0.8, "exact")}
    # The gold counts of the hand-made .ann files; the predicted counts are what the real pipeline finds.
    documents, _ = read_polnear(FIXTURE, split="dev")
    records = [quotetrail_nlp.extract(pipeline, document.text, document.id) for document in documents]
    predicted_all = sum(len(record.quotes) for record in records)
    predicted_quoted = sum(quote.kind in ("direct", "mixed") for record in records for quote in record.quotes)
    for level in (0.3, 0.8, "exact"):
        assert (rows[("all", level)]["gold"], rows[("all", level)]["predicted"]) == (12, predicted_all)
        assert (rows[("direct+mixed", level)]["gold"], rows[("direct+mixed", level)]["predicted"]) == (
            4, predicted_quoted)
    for row in rows.values():
        assert row["matched"] <= min(row["gold"], row["predicted"])
        assert row["recall"] == pytest.approx(row["matched"] / row["gold"])
    # Stricter overlap can only lose matches.
    for kinds in ("direct+mixed", "all"):
        assert rows[(kinds, 0.3)]["matched"] >= rows[(kinds, 0.8)]["matched"]
    assert report["resolved_name_accuracy"]["all"]["total"] <= 4
    assert any("several annotators" in note for note in report["notes"])
    assert any("beliefs" in note and "polls" in note for note in report["notes"])


def test_eval_on_the_fixture_prints_a_table():
    result = run_eval("--polnear", str(FIXTURE), "--limit", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("PolNeAR dev: 2 documents, 7 gold statements (3 direct+mixed)")
    assert "gold segments" in lines[0]
    header = next(line for line in lines if line.startswith("kinds"))
    counts = ["precision", "recall", "F1", "matched", "gold", "predicted"]
    assert header.split() == ["kinds", "overlap", *counts, "|", *counts]  # statement level | segment level
    table = [line.split() for line in lines if line.startswith(("direct+mixed ", "all "))]
    assert [(row[0], row[1]) for row in table] == [
        ("direct+mixed", ">=0.3"), ("direct+mixed", ">=0.8"), ("direct+mixed", "exact"),
        ("all", ">=0.3"), ("all", ">=0.8"), ("all", "exact")]
    assert all(row[8] == "|" for row in table)
    assert all(0.0 <= float(value) <= 1.0 for row in table for value in row[2:5] + row[9:12])
    assert "speaker span accuracy" in result.output
    # Both annotation files of evaluation/ are read by default; they name none of the fixture's files.
    assert "polnear-dev-resolved.tsv" in result.output and "polnear-sources.tsv" in result.output


def test_eval_json_has_both_levels_and_the_source_annotation(pipeline):
    result = run_eval("--polnear", str(FIXTURE), "--sources", str(FIXTURE_SOURCES), "--json")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)["reports"]
    assert set(report["levels"]) == {"statement", "segment"}
    for level in report["levels"].values():
        assert set(level) >= {"statements", "speaker_span_accuracy", "speaker_named_right",
                              "speaker_type_accuracy", "speaker_type_confusion", "anonymous"}
        named = level["speaker_named_right"]
        assert sum(item["total"] for item in named["rule"].values()) == named["all"]["all"]["total"]
    assert report["levels"]["statement"]["speaker_named_right"]["all"]["all"]["total"] <= 11  # annotated
    # The fixture's interrupted quotes are one statement each, in two gold segments.
    gold = {level: next(row["gold"] for row in data["statements"] if (row["kinds"], row["overlap"]) == ("all", 0.3))
            for level, data in report["levels"].items()}
    assert gold["segment"] > gold["statement"] == 12


def test_eval_on_the_samples_scores_every_gold_quote():
    result = run_eval("--samples", str(REPOSITORY / "samples"), "--json")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)["reports"]
    gold_files = sorted((REPOSITORY / "samples" / "expected").glob("*.json"))
    gold_documents: list[dict] = []
    for path in gold_files:
        data = json.loads(path.read_text(encoding="utf-8"))
        gold_documents.extend(data.values() if path.name.endswith(".jsonl.json") else [data])
    all_row = next(row for row in report["statements"] if (row["kinds"], row["overlap"]) == ("all", 0.3))
    assert report["documents"] == len(gold_documents)
    assert all_row["gold"] == sum(len(document["quotes"]) for document in gold_documents)


def test_eval_explains_a_wrong_polnear_path(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "--polnear", str(tmp_path)])
    assert result.exit_code != 0
    assert "PolNeAR" in result.output and "data/dev/text" in result.output


def test_eval_explains_missing_sample_gold(tmp_path):
    (tmp_path / "lonely.txt").write_text('"Hello," said Ann Lee.\n', encoding="utf-8")
    (tmp_path / "expected").mkdir()
    result = CliRunner().invoke(cli, ["eval", "--samples", str(tmp_path)])
    assert result.exit_code != 0
    assert "lonely.txt.json" in result.output


# --- our own resolved-name annotations of PolNeAR dev ---------------------------------------------------

def resolved_rows() -> list[dict]:
    with RESOLVED_DEV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def test_resolved_annotations_are_well_formed():
    rows = resolved_rows()
    assert rows and set(rows[0]) == {"file", "source_start", "source_end", "speaker", "mention_kind"}
    assert len({row["file"] for row in rows}) >= 20
    keys = [(row["file"], row["source_start"], row["source_end"]) for row in rows]
    assert len(keys) == len(set(keys)), "a Source span is annotated twice"
    for row in rows:
        assert row["file"].endswith(".ann")
        assert 0 <= int(row["source_start"]) < int(row["source_end"])
        assert row["speaker"].strip() == row["speaker"] and row["speaker"][:1].isupper(), row
        assert row["mention_kind"] in ("pronoun", "nominal", "surname", "name"), row
    # Offsets and names only: no column holds article text.
    assert not any(set(row) - {"file", "source_start", "source_end", "speaker", "mention_kind"} for row in rows)


@pytest.mark.skipif(not (POLNEAR / "data" / "dev").is_dir(), reason="no PolNeAR checkout on this machine")
def test_resolved_annotations_point_at_source_spans_of_the_gold_files():
    files = polnear_annotation_files(POLNEAR, "dev")
    chosen = {paths[0].name: paths[0] for paths in files.values() if paths}
    sources: dict[str, set[tuple[int, int]]] = {}
    for row in resolved_rows():
        path = chosen.get(row["file"])
        assert path is not None, f"{row['file']} is not the .ann file the evaluation reads"
        if row["file"] not in sources:
            sources[row["file"]] = {(a.source[0][0], a.source[-1][1])
                                    for a in parse_brat(path.read_text(encoding="utf-8")) if a.source}
        assert (int(row["source_start"]), int(row["source_end"])) in sources[row["file"]], row


# --- PolNeAR texts with mojibake: read repaired, gold offsets mapped ----------------------------------

def test_polnear_gold_spans_align_with_the_repaired_text(tmp_path):
    # As in PolNeAR's own texts: curly quotes and names mis-read as cp1252, the name broken twice.
    text = ("â€œWe will not pay for any wall,â€\x9d said Daniel SarukhÃ\x83Â¡n on Monday. "
            "FranÃ§ois Delattre said the talks would go on.\n")
    stem = "wash-post_2016-04-07_envoy"
    (tmp_path / "data" / "dev" / "text").mkdir(parents=True)
    (tmp_path / "data" / "dev" / "attributions").mkdir(parents=True)
    (tmp_path / "data" / "dev" / "text" / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")

    def at(piece: str) -> str:
        start = text.index(piece)
        end = start + (len(piece) if not piece.startswith("said") else len("said"))
        return f"{start} {end}"

    sarukhan = "Daniel SarukhÃ\x83Â¡n"
    (tmp_path / "data" / "dev" / "attributions" / f"{stem}_aaaa.ann").write_text("\n".join([
        f"T1\tSource {at(sarukhan)}\tDaniel Sarukhan",
        f"T2\tCue {at('said')}\tsaid",
        f"T3\tContent {at('â€œWe will not pay for any wall,â€')}\tWe will not pay",
        f"T4\tAttribution {at('said')}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {at('FranÃ§ois Delattre')}\tFrancois Delattre",
        f"T6\tCue {at('said the')}\tsaid",
        f"T7\tContent {at('the talks would go on')}\tthe talks would go on",
        f"T8\tAttribution {at('said the')}\tsaid",
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
    ]) + "\n", encoding="utf-8")
    francois = text.index("FranÃ§ois Delattre")
    sources = {(f"{stem}_aaaa.ann", francois, francois + len("FranÃ§ois Delattre")):
               SourceAnnotation("François Delattre", "person", anonymous=False, mention_kind="name")}
    (document,), notes = read_polnear(tmp_path, split="dev", sources=sources)
    assert document.text == ("“We will not pay for any wall,” said Daniel Sarukhán on Monday. "
                             "François Delattre said the talks would go on.\n")
    wall, talks = sorted(document.gold, key=lambda statement: statement.parts[0])
    assert [document.text[start:end] for start, end in wall.parts] == ["“We will not pay for any wall,”"]
    assert wall.quoted  # the repaired curly quotes make it direct, as the article reads
    assert [document.text[start:end] for start, end in wall.source] == ["Daniel Sarukhán"]
    assert [document.text[start:end] for start, end in talks.parts] == ["the talks would go on"]
    assert [document.text[start:end] for start, end in talks.source] == ["François Delattre"]
    # Our annotation files keep the original offsets, and still find their statement.
    assert talks.annotation is not None and talks.annotation.speaker == "François Delattre"
    assert any("1 texts hold mojibake" in note for note in notes)
