"""Direct quotes and the other statement shapes of nlp/cues/: cue search around a quotation (direct),
the filters for scare quotes, titles and headings, headlines, interviews, and the assembly of
interrupted and nested statements. A golden table, the convention a column, with the negatives.
"""
from __future__ import annotations

import pytest

from nlp.cues.kinds import ACCORDING, COLON, DASH, INTERVIEW, NOUN, VERB
from nlp.extensions import STATEMENTS

# convention, text, [(kind, content, cue, cue kind)]
GOLDEN = [
    ("direct.cue-after", '"We will win the seat back in the spring," Smith said.',
     [("direct", "We will win the seat back in the spring,", "said", VERB)]),
    ("direct.cue-after-inverted",
     '"The budget is balanced for the first time in a decade," said Finance Minister Tom Reyes.',
     [("direct", "The budget is balanced for the first time in a decade,", "said", VERB)]),
    ("direct.cue-before", 'The minister said: "We will never negotiate with the kidnappers."',
     [("direct", "We will never negotiate with the kidnappers.", "said", VERB)]),
    ("direct.colon", 'Ahmed Saleh: "The talks failed because nobody wanted them to succeed."',
     [("direct", "The talks failed because nobody wanted them to succeed.", ":", COLON)]),
    # A transcript printed in quote marks: a turn goes on over the marked paragraphs after it, up to
    # a stage direction or the next label.
    ("interviews.transcript-quoted", '"WALLACE: Will she be there tomorrow night?\n\n"PENCE: She will not be '
     'attending.\n\n"But the truth is that he talks to people.\n\n"(CROSSTALK.)\n\n"WALLACE: Governor, one '
     'more question.',
     [("direct", "Will she be there tomorrow night?", ":", COLON),
      ("direct", 'She will not be attending.\n\n"But the truth is that he talks to people.', ":", COLON),
      ("direct", "Governor, one more question.", ":", COLON)]),
    ("direct.dash", '"Nobody is above the law." ― Sonya Herridge',
     [("direct", "Nobody is above the law.", "―", DASH)]),
    ("direct.speaker-label", '"WALLACE: But, Governor Pence, you said something different last week."',
     [("direct", "But, Governor Pence, you said something different last week.", ":", COLON)]),
    ("direct.according", 'According to the mayor, "the bridge will be rebuilt by the end of the year."',
     [("direct", "the bridge will be rebuilt by the end of the year.", "According to", ACCORDING)]),
    ("direct.previous-paragraph", 'The coach spoke to reporters after the game. He said:\n\n'
     '"We played badly in the first half and we paid for it."',
     [("direct", "We played badly in the first half and we paid for it.", "said", VERB)]),
    ("direct.uncued-alone",
     'The fans waited outside the stadium for hours.\n\n"Nobody expected us to win this game tonight."',
     [("direct", "Nobody expected us to win this game tonight.", None, None)]),
    ("headlines.dash", "Daesh Attacked Palmyra With Heavy Artillery - Assad",
     [("indirect", "Daesh Attacked Palmyra With Heavy Artillery", "-", DASH)]),
    ("headlines.colon", "Assad: US Lifting Arms Ban Would Be A Mistake",
     [("indirect", "US Lifting Arms Ban Would Be A Mistake", ":", COLON)]),
    ("interviews.answer", "Q: Do you miss the sea?\n\nA: Every morning, when I wake up, I miss it.",
     [("direct", "Every morning, when I wake up, I miss it.", "A:", INTERVIEW)]),
    # A printed exchange without quote marks: each labelled turn is its speaker's words.
    ("interviews.transcript", "The exchange ran as follows:\n\nMs. Calder: Will the minister tell the House "
     "what the average family will pay?\n\nMr. Ransome: About 190 dollars.\n\nMs. Calder: And he always "
     "forgets who drives the furthest.",
     [("direct", "Will the minister tell the House what the average family will pay?", ":", COLON),
      ("direct", "About 190 dollars.", ":", COLON),
      ("direct", "And he always forgets who drives the furthest.", ":", COLON)]),
    ("assemble.interrupted", '"The plan is ready," said Paula Grant, "but the money is not."',
     [("direct", 'The plan is ready," said Paula Grant, "but the money is not.', "said", VERB)]),
    ("assemble.continued", '"We will win," Smith said. "Nobody believed us."',
     [("direct", 'We will win," Smith said. "Nobody believed us.', "said", VERB)]),
    ("assemble.nested", "Senator Ann Lee said that the governor had claimed the budget was balanced.",
     [("indirect", "the governor had claimed the budget was balanced", "said", VERB)]),
    ("reported.light-verb", "Coach Helen Byrne expressed hope that the team would reach the final next year.",
     [("indirect", "the team would reach the final next year", "expressed hope", NOUN)]),
    # Reported speech inside a direct quotation belongs to that quotation: no statement of its own.
    ("assemble.inside-quote", '"When we agreed that Turkey would help, we agreed to save lives," the president added.',
     [("direct", "When we agreed that Turkey would help, we agreed to save lives,", "added", VERB)]),
    ("assemble.inside-quote", 'Lee said: "I want to build a bridge, and I promised that it would open in May."',
     [("direct", "I want to build a bridge, and I promised that it would open in May.", "said", VERB)]),
    ("assemble.inside-quote", '"I want to thank the fans. We agreed that the season was over," Lee said.',
     [("direct", "I want to thank the fans. We agreed that the season was over,", "said", VERB)]),
    # Negatives: quotations that are not speech, and shapes that only look like the ones above.
    ("filters.scare-quote", 'The so-called "peace plan" was published on Monday by the ministry.', []),
    ("filters.title", 'She read "War and Peace" twice during the long winter.', []),
    ("filters.title-with-cue",
     'During a "Commander-in-Chief Forum" sponsored by NBC, the candidates spoke about the war.', []),
    ("filters.names-a-work", 'Pence said on CNN\'s "State of the Union" that he would not resign.',
     [("indirect", "he would not resign", "said", VERB)]),
    ("filters.heading", '"What Is at Stake for the City"\n\nThe council meets on Monday to vote on the budget.', []),
    ("interviews.no-question", "A. Preheat the oven to 200 degrees.", []),
    # Speech under a wish was not made: the quotation has no cue and is no statement.
    ("direct.wished-for", 'She has done nothing wrong. I hope in 2017 America says, "President Clinton, thank you '
     'for a lifetime of public service."', []),
    # Labels each used once are a list of positions or headlines, not an exchange.
    ("interviews.transcript-list", "What each campaign needs tonight.\n\nSanders: Win in a walk.\n\n"
     "Rubio: Hang on.", []),
    # A Title Case phrase before a colon names nobody; nor does a correction note.
    ("headlines.colon-phrase", "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted", []),
    ("headlines.correction", "Correction Appended: October 2, 2016, Sunday edition of the paper", []),
]


def _statements(pipeline, text: str) -> list[tuple[str, str, str | None, str | None]]:
    doc = pipeline(text)
    return [(span._.qt_kind, text[slice(*span._.qt_content)],
             text[slice(*span._.qt_cue)] if span._.qt_cue else None, span._.qt_cue_kind)
            for span in doc.spans[STATEMENTS]]


@pytest.mark.parametrize("convention, text, expected", GOLDEN, ids=[row[0] for row in GOLDEN])
def test_golden_statements_by_convention(pipeline, convention, text, expected):
    assert _statements(pipeline, text) == expected


def test_statement_parts_and_verbatim_stay_inside_the_statement(pipeline):
    text = '"The plan is ready," said Paula Grant, "but the money is not."'
    (span,) = pipeline(text).spans[STATEMENTS]
    start, end = span._.qt_content
    assert [text[a:b] for a, b in span._.qt_parts] == ["The plan is ready,", "but the money is not."]
    assert all(start <= a < b <= end for a, b in span._.qt_parts + span._.qt_verbatim)
