"""Page furniture of nlp/cues/boilerplate.py: a golden table with the rule id a column, a negative per rule.

Each row is an article as scraped (paragraphs one a line or split by blank lines); the table says
which lines are furniture and by which rule. The pipeline test checks that no statement is read from
furniture while the article's own headline attribution still is.
"""
from __future__ import annotations

import pytest

from nlp.cues.boilerplate import (
    AFTER_MARKER,
    CAPTION,
    KEYWORDS,
    LABEL,
    RELATED_LIST,
    RULES,
    boilerplate_paragraphs,
)
from nlp.text import paragraph_ranges

BODY = ("The council voted on Tuesday to close the old harbour bridge to lorries, the mayor said at a news "
        "conference after the meeting.")
BODY2 = "Residents have complained about the noise for years, and the vote was unanimous, officials said."

# rule id, article text, {line text: rule id} of the furniture lines.
GOLDEN = [
    (LABEL, f"{BODY}\n\nWATCH: Gulls raid bin bags on Albion Street\n\n{BODY2}",
     {"WATCH: Gulls raid bin bags on Albion Street": LABEL}),
    (LABEL, f"{BODY}\n\nREAD MORE: Mayor says bridge is safe\n\n{BODY2}",
     {"READ MORE: Mayor says bridge is safe": LABEL}),
    (LABEL, f"{BODY}\n\nCorrection Appended\n\n{BODY2}", {"Correction Appended": LABEL}),
    (LABEL, f"{BODY}\n\nEditor’s note: The candidate has repeatedly pledged to ban all imports.",
     {"Editor’s note: The candidate has repeatedly pledged to ban all imports.": LABEL}),
    (CAPTION, f"{BODY}\n\nPhoto: The mayor speaks to reporters outside the town hall\n\n{BODY2}",
     {"Photo: The mayor speaks to reporters outside the town hall": CAPTION}),
    (CAPTION, f"{BODY}\n\nJane Roe / Reuters\n\n{BODY2}", {"Jane Roe / Reuters": CAPTION}),
    (CAPTION, f"{BODY}\n\nThe mayor speaks outside the town hall. (AP Photo/Jane Roe)\n\n{BODY2}",
     {"The mayor speaks outside the town hall. (AP Photo/Jane Roe)": CAPTION}),
    (KEYWORDS, f"{BODY}\n\nHarbour, Bridge, Lorries, Women's Football, Mayor Ann Lee",
     {"Harbour, Bridge, Lorries, Women's Football, Mayor Ann Lee": KEYWORDS}),
    (RELATED_LIST, f"{BODY}\n{BODY2}\nMayor: Bridge Will Stay Open to Buses\nLorry Drivers Plan Protest at Town Hall\n"
     "Harbour Bridge Repairs Delayed Again - Council",
     {"Mayor: Bridge Will Stay Open to Buses": RELATED_LIST, "Lorry Drivers Plan Protest at Town Hall": RELATED_LIST,
      "Harbour Bridge Repairs Delayed Again - Council": RELATED_LIST}),
    (AFTER_MARKER, f"{BODY}\n\nNever miss a story again — sign up to our newsletter!\n\n"
     "Mayor: Bridge Will Stay Open to Buses\nHarbour bridge repairs delayed again - council",
     {"Mayor: Bridge Will Stay Open to Buses": AFTER_MARKER,
      "Harbour bridge repairs delayed again - council": AFTER_MARKER}),
    (AFTER_MARKER, f"{BODY}\n\nMORE FOOTY:\nTenney: Umpires cost us the game\nPike blow for Sharks' defence\n\n{BODY2}",
     {"Tenney: Umpires cost us the game": AFTER_MARKER, "Pike blow for Sharks' defence": AFTER_MARKER}),
    (AFTER_MARKER, f"{BODY}\n\nAlso Read\nMayor: No water tax hike this year\n\n{BODY2}",
     {"Mayor: No water tax hike this year": AFTER_MARKER}),
    (AFTER_MARKER,
     f"{BODY}\n\nRelated:\nBus fleet to go electric by 2027\nMayor: Property tax hike \"the last resort\"",
     {"Related:": LABEL, "Bus fleet to go electric by 2027": AFTER_MARKER,
      'Mayor: Property tax hike "the last resort"': AFTER_MARKER}),
]

# rule id the row is a negative for, article text: no line is furniture.
NEGATIVES = [
    (LABEL, f"{BODY}\n\nWatching the vote, Ann Lee said the council had finally listened.\n\n{BODY2}"),
    (LABEL, f"{BODY}\n\nThe editor's notes were read out in court, the prosecutor said.\n\n{BODY2}"),
    # A slash inside a sentence is not a credit; "Photo" inside a sentence is not a caption.
    (CAPTION, f"{BODY}\n\nThe service runs 24/7 and/or on demand, the operator said.\n\n{BODY2}"),
    (CAPTION, f"{BODY}\n\nThe photo showed the bridge cracked, the engineer said on Monday.\n\n{BODY2}"),
    # A list of items inside a sentence ends with its full stop.
    (KEYWORDS, f"{BODY}\n\nShe named Harbour, Bridge, Lorries, and the Town Council as priorities."),
    # Short quoted speech with commas is not a keyword line.
    (KEYWORDS, f"{BODY}\n\n“Here he is, babe,” she said. “Donald’s here, babe.”\n\n{BODY2}"),
    # The article's own headline opens the text: it is never part of a list.
    (RELATED_LIST, f"Club will not sell Riverside Park stadium - Okafor\n\nBy Ann Lee, Sports Reporter\n\n"
     f"Updated Monday Morning Edition\n\n{BODY}\n\n{BODY2}"),
    # Two short lines after the body are not yet a list (subheadings, a sign-off).
    (RELATED_LIST, f"{BODY}\n\nWhat Happens Next\n\n{BODY2}\n\nAnn Lee Reports From Harwick"),
    # Bullet points in sentence case inside the article are not a list of links.
    (RELATED_LIST, f"{BODY}\n\n- the bridge closes to lorries in May\n- buses may still cross it\n"
     f"- the council will review the ban next year\n\n{BODY2}"),
    # A sign-up line followed by the article going on in sentences.
    (AFTER_MARKER, f"{BODY}\n\nSign up for our newsletter\n\n{BODY2}"),
]


def _furniture(text: str) -> dict[str, str]:
    paragraphs = paragraph_ranges(text)
    return {text[slice(*paragraphs[i])].strip(): rule for i, rule in boilerplate_paragraphs(text, paragraphs).items()}


@pytest.mark.parametrize("rule, text, expected", GOLDEN, ids=[f"{row[0]}:{i}" for i, row in enumerate(GOLDEN)])
def test_golden_furniture(rule, text, expected):
    assert _furniture(text) == expected
    assert rule in expected.values()


@pytest.mark.parametrize("rule, text", NEGATIVES, ids=[f"{row[0]}:{i}" for i, row in enumerate(NEGATIVES)])
def test_negative_per_rule(rule, text):
    assert _furniture(text) == {}


def test_every_rule_has_a_golden_row_and_a_negative():
    assert {row[0] for row in GOLDEN} == set(RULES) == {row[0] for row in NEGATIVES}


def test_no_statement_from_furniture_but_the_headline_still_attributes(pipeline):
    text = ("Club will not sell Riverside Park stadium - Okafor\n\n"
            "Harwick Athletic chairman Chidi Okafor insisted on Wednesday that the club's stadium "
            "would not be sold.\n\n"
            "Never miss a story again — sign up to our newsletter and we'll keep you up to date!\n\n"
            "Rudd: Fans Want Stadium Promise in Writing\n"
            "Stadium Sale Talk Is Over - Okafor\n"
            "Harwick Fans Plan March to Riverside Park\n"
            "Harwick Athletic, Riverside Park, Chidi Okafor, Fiona Rudd")
    doc = pipeline(text)
    contents = [span._.qt_content for span in doc.spans["quotetrail_statements"]]
    found = [text[start:end] for start, end in contents]
    assert found == ["Club will not sell Riverside Park stadium", "the club's stadium would not be sold"]
