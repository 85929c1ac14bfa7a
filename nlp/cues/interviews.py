"""Printed interviews and transcripts: each answer or turn is its speaker's own words."""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from nlp.cues.direct import speaker_label
from nlp.cues.kinds import COLON, INTERVIEW
from nlp.cues.statement import Statement
from nlp.sentences import doc_text
from nlp.vocabulary.marks import QUOTE_MARKS

# Labels of a printed interview's questions and answers, at the start of a paragraph.
QUESTION_LABEL = re.compile(r"\s*(?:Q|Question|QUESTION)\s*[:.]\s+\S")
ANSWER_LABEL = re.compile(r"\s*(?P<label>(?:A|Answer|ANSWER)\s*[:.])\s+(?=\S)")
# A transcript's stage directions open with a bracket: "(CROSSTALK.)", "[APPLAUSE]".
STAGE_DIRECTION = ("(", "[")


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


def transcript_turns(doc: Doc, furniture: dict[int, str] | None = None) -> list[Statement]:
    """The turns of a printed exchange: "Ms. Calder: Will the minister …" / "MARSH: It's not a yes either."

    A paragraph that opens with a person's label and a colon is a turn only in an exchange: two
    speakers at least, one of them labelled twice. A headline or a list ("Sanders: Win in a walk.",
    "Poll: Clinton leads") names each label once, and a lone "Analysis:" is no person. The turn's
    words are the labelled speaker's, verbatim. A transcript printed inside quote marks opens each
    paragraph with a mark (`"WALLACE: …` / `"PENCE: …` / `"But the truth is …`): a turn there goes
    on over the next paragraphs that open with a mark and no label, up to a stage direction
    ("(CROSSTALK.)") or page furniture.
    """
    text = doc_text(doc)
    paragraphs = list(doc._.qt_paragraphs or [])
    turns: list[tuple[str, Statement]] = []
    open_turn: Statement | None = None
    for number, (start, end) in enumerate(paragraphs):
        while start < end and text[start].isspace():
            start += 1
        marked = start < end and text[start] in QUOTE_MARKS
        if marked:
            start += 1
        label = speaker_label(doc, start, end, min_words=1)
        if label is None:
            if open_turn is not None and marked and text[start:start + 1] not in STAGE_DIRECTION \
                    and number not in (furniture or {}):
                open_turn.parts.append(_words(text, start, end))
                open_turn.verbatim = list(open_turn.parts)
            else:
                open_turn = None
            continue
        name_end_token, colon, content_start = label
        turn = Statement(kind="direct", parts=[_words(text, content_start, end)], cue=(colon, colon + 1),
                         cue_kind=COLON, cue_token=None, source_token=name_end_token)
        turn.verbatim = list(turn.parts)
        turns.append((text[start:colon].casefold(), turn))
        open_turn = turn if marked else None
    labels = Counter(label for label, _ in turns)
    if len(labels) < 2 or max(labels.values()) < 2:
        return []
    return [turn for _, turn in turns]


def _words(text: str, start: int, end: int) -> tuple[int, int]:
    """The range of a turn's words in a paragraph: without the space and a closing mark at its end."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_MARKS):
        end -= 1
    return start, end
