"""quotetrail_cues: find statements — direct quotes, mixed quotes and reported speech — and their cues.

A statement is created from either side: a reporting expression whose clause is the content
("X said that …", "according to X, …", "X expressed hope that …"; nlp/cues/reported.py, its rules
reading nlp/resources/cue_frames.txt), or a quotation that reads as speech, with its cue searched
for around it (`"…," Putin said`, `Smith: "…"`, `"…" - Assad`; nlp/cues/direct.py). The speaker is
found by the next stage; this one only decides what was said and what cued it.

Modules: reported (the ordered cue rules), constructions (the statement shapes they build),
frames (the cue-frame resource), direct (cue search around a quotation), classify (direct, mixed
or indirect), filters (scare quotes, titles, headings), interviews (answers and transcript turns),
headlines, assemble (nested and interrupted statements), kinds (the cue kinds table), component (the
registered stage).
"""
from __future__ import annotations

from nlp.cues.component import CueFinder, make_cue_finder
from nlp.cues.interviews import ANSWER_LABEL, QUESTION_LABEL
from nlp.cues.kinds import CUE_KINDS, CueKind, cue_confidence, mention_label
from nlp.cues.reported import RULES
from nlp.cues.statement import Statement

__all__ = ["ANSWER_LABEL", "CUE_KINDS", "QUESTION_LABEL", "RULES", "CueFinder", "CueKind", "Statement",
           "cue_confidence", "make_cue_finder", "mention_label"]
