"""Printed question-and-answer interviews: each answer is the interviewee's own words."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from nlp.cues.kinds import INTERVIEW
from nlp.cues.statement import Statement
from nlp.sentences import doc_text

# Labels of a printed interview's questions and answers, at the start of a paragraph.
QUESTION_LABEL = re.compile(r"\s*(?:Q|Question|QUESTION)\s*[:.]\s+\S")
ANSWER_LABEL = re.compile(r"\s*(?P<label>(?:A|Answer|ANSWER)\s*[:.])\s+(?=\S)")


def interview_answers(doc: Doc) -> list[Statement]:
    """The answers of a printed interview: "Q: Do you miss the sea?" / "A: Every morning."

    An answer paragraph counts only after a question paragraph, so a list item "A. …" is
    not one. The words are the interviewee's, verbatim, though no quote marks enclose them;
    the resolution stage names the interviewee.
    """
    text = doc_text(doc)
    found: list[Statement] = []
    asked = False
    for start, end in doc._.qt_paragraphs or []:
        paragraph = text[start:end]
        if QUESTION_LABEL.match(paragraph):
            asked = True
            continue
        answer = ANSWER_LABEL.match(paragraph) if asked else None
        if answer is None:
            continue
        content = (start + answer.end(), start + len(paragraph.rstrip()))
        found.append(Statement(kind="direct", parts=[content], verbatim=[content],
                               cue=(start + answer.start("label"), start + answer.end("label")),
                               cue_kind=INTERVIEW, cue_token=None))
    return found
