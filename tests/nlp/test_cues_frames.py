"""The cue-frame resource (nlp/cues/frames.py) and the cue-kind table (nlp/cues/kinds.py)."""
from __future__ import annotations

import pytest

from nlp.cues.frames import FRAME_RULES, Frames, read_frames
from nlp.cues.kinds import CUE_KINDS, UNCUED_CONFIDENCE, cue_confidence, mention_label
from nlp.vocabulary import wordlists
from nlp.vocabulary.wordlists import lexicon, words


def test_every_frame_rule_has_rows_and_the_rows_load():
    frames = Frames.load()
    assert all(frames.lemmas(rule) for rule in FRAME_RULES)
    frame = frames.get("reported.phrasal", "point", "out")
    assert frame is not None and (frame.content, frame.subject) == ("ccomp", "source")
    assert frames.get("reported.infinitive", "vow") is not None
    assert frames.get("reported.infinitive", "say") is None
    assert frames.lemma_fixes["hoped"] == "hope"


def test_rows_not_reached_today_are_the_known_ones():
    # The rules of reported cue verbs read only verbs of cue_verbs.txt/thought_verbs.txt; these
    # rows record an intent that no token reaches (see the "not reached" notes in cue_frames.txt).
    frames, lex = Frames.load(), lexicon()
    verb_rules = ("reported.infinitive", "reported.object", "reported.prep-object")
    unreached = {lemma for rule in verb_rules for lemma in frames.lemmas(rule) if lemma not in lex.cue_verbs}
    assert unreached == {"refuse", "cite", "call"}


def test_data_sources_share_only_the_written_documents_with_document_nouns():
    shared = words("data_sources.txt") & words("document_nouns.txt")
    assert shared == {"report", "document", "memo", "email", "letter", "filing"}


def test_a_malformed_frame_row_says_what_is_expected(tmp_path, monkeypatch):
    # The rows are read (and cached per file name) by the one reader of resource files.
    (tmp_path / "short_frame.txt").write_text("vow\t-\txcomp\tany\n", encoding="utf-8")
    monkeypatch.setattr(wordlists, "RESOURCES", tmp_path)
    with pytest.raises(ValueError, match="expected lemma, particle, content, subject, rule"):
        read_frames("short_frame.txt")
    (tmp_path / "unknown_content.txt").write_text("vow\t-\tnmod\tany\treported.infinitive\n", encoding="utf-8")
    with pytest.raises(ValueError, match="content must be one of"):
        read_frames("unknown_content.txt")


def test_cue_kinds_table():
    assert set(CUE_KINDS) == {"verb", "noun", "according", "in", "colon", "dash", "interview"}
    assert cue_confidence("verb") == 0.95 and cue_confidence(None) == UNCUED_CONFIDENCE == 0.8
    assert mention_label("according") == "object of 'according to'"
    assert mention_label("noun", "claim") == "possessor of 'claim'"
    assert mention_label("noun") == "possessor of the cue"
    assert mention_label("verb") is None and mention_label(None) is None
