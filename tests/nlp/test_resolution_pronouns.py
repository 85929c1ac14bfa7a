"""Pronouns follow the discourse: the subject of the sentence before, "He …" chains, and never a name inside
the pronoun's own quote. Each row runs the real pipeline and looks at the article's last statement."""
from __future__ import annotations

import pytest

from nlp.extensions import STATEMENTS

HALE = '"We lost the final," coach Tom Hale said.\n\n'

# (text, rule, speaker): the positives and their near misses side by side.
ROWS = [
    # The subject of the sentence before outranks the previous quote's speaker ...
    (HALE + "Mara Voss, the club's captain, was blunter.\n\n\"We were not good enough,\" she said.",
     "pronoun.previous_subject", "Mara Voss"),
    # ... and a name inside a prepositional phrase of that sentence.
    ('"Pence won," Chris Matthews said.\n\nDan McLaughlin at the National Review agreed with Matthews.\n\n'
     '"He succeeded with flying colors," he wrote.', "pronoun.previous_subject", "Dan McLaughlin"),
    # A given name not on the list (Kit is given to both sexes) is unknown: it fits "he" (and would fit "she").
    (HALE + "Kit Voss, the club's captain, was blunter.\n\n\"We were not good enough,\" he said.",
     "pronoun.previous_subject", "Kit Voss"),
    # A chain of "He …" subjects keeps its referent.
    (HALE + "Peter Wood runs the club. He grew up in the town. He knows the players.\n\n"
     '"We were not good enough," he said.', "pronoun.previous_subject", "Peter Wood"),
    # Negative: the subject's gender does not fit (a listed woman's name), so the previous speaker keeps it.
    (HALE + "Elena Voss, the club's captain, was blunter.\n\n\"We were not good enough,\" he said.",
     "pronoun.previous_speaker_in_focus", "Tom Hale"),
    # Negative: a subject that is no person breaks the chain.
    (HALE + "The club was founded in 1901.\n\n\"We were not good enough,\" he said.",
     "pronoun.previous_speaker_in_focus", "Tom Hale"),
    # Negative: a plural subject is no antecedent for "she".
    (HALE + "Mara Voss and Ines Roth were blunter.\n\n\"We were not good enough,\" she said.",
     "pronoun.most_salient", "Mara Voss"),
]


@pytest.mark.parametrize("text, rule, speaker", ROWS)
def test_a_pronoun_follows_the_discourse(pipeline, text, rule, speaker):
    statement = pipeline(text).spans[STATEMENTS][-1]
    assert (statement._.qt_resolution_rule, statement._.qt_speaker) == (rule, speaker)


def test_a_competitor_named_beside_the_subject_lowers_the_confidence_and_the_reason_says_so(pipeline):
    contested = pipeline('"Pence won," Chris Matthews said.\n\nDan McLaughlin at the National Review agreed with '
                         'Matthews.\n\n"He succeeded," he wrote.').spans[STATEMENTS][-1]
    alone = pipeline(HALE + "Mara Voss, the club's captain, was blunter.\n\n\"We were not good enough,\" she "
                     "said.").spans[STATEMENTS][-1]
    assert contested._.qt_confidence < alone._.qt_confidence
    assert "Chris Matthews also named there" in contested._.qt_resolution


def test_a_name_inside_the_pronoun_s_own_quote_is_not_its_antecedent(pipeline):
    statement = pipeline('"Mary Jones has lied to all of us," she said on Monday.').spans[STATEMENTS][-1]
    assert (statement._.qt_resolution_rule, statement._.qt_speaker) == ("pronoun.no_antecedent", None)


def test_the_nearest_name_before_the_quote_still_counts(pipeline):
    statement = pipeline('Mary Jones spoke on Monday about the inquiry.\n\n"Mary Jones has lied to all of us," '
                         'she said.').spans[STATEMENTS][-1]
    assert statement._.qt_speaker == "Mary Jones"


def test_a_close_rival_of_the_same_gender_lowers_the_most_salient_confidence(pipeline):
    contested = pipeline("Tom Hale thanked Mayor Anna Kowalski and Judge Maria Lind on Tuesday.\n\n"
                         '"We finished early," she said.').spans[STATEMENTS][-1]
    alone = pipeline("Tom Hale thanked Mayor Anna Kowalski on Tuesday.\n\n"
                     '"We finished early," she said.').spans[STATEMENTS][-1]
    assert contested._.qt_resolution_rule == alone._.qt_resolution_rule == "pronoun.most_salient"
    assert contested._.qt_confidence < alone._.qt_confidence
    assert "nearly as prominent" in contested._.qt_resolution
    assert "nearly as prominent" not in alone._.qt_resolution


def _with_entities(pipeline, text, entities):
    """The last statement of `text`, with the NER's entities replaced by `entities` (surface, label)."""
    doc = pipeline.make_doc(text)
    for name, component in pipeline.pipeline:
        if name == "quotetrail_resolution":
            doc.ents = [doc.char_span(text.index(surface), text.index(surface) + len(surface), label=label)
                        for surface, label in entities]
        doc = component(doc)
    return doc.spans[STATEMENTS][-1]


# (text, entities the NER might give, speaker): a place tagged PERSON never becomes the pronoun's antecedent.
PLACES = [
    ('Staten Island voted early.\n\n"We will win," he said.', [("Staten Island", "PERSON")], None),
    ('Lawmakers on Capitol Hill met on Friday.\n\n"We will win," she said.', [("Capitol Hill", "PERSON")], None),
    ('KINGSPORT, Tenn. The plant will close.\n\n"We will win," he said.', [("Tenn.", "PERSON")], None),
    # A name with an article is a thing: "the Purple Heart".
    ('The museum showed the Purple Heart on Friday.\n\n"It was right," she said.',
     [("Purple Heart", "PERSON")], None),
    # Negatives: a given name before "Hill" is a person; an initial without a town and comma before it too.
    ('Fiona Hill testified on Friday.\n\n"We will win," she said.', [("Fiona Hill", "PERSON")], "Fiona Hill"),
    ('The plant will close, said Tom A. Hale.\n\n"We will win," he said.', [("Tom A. Hale", "PERSON")],
     "Tom A. Hale"),
]


@pytest.mark.parametrize("text, entities, speaker", PLACES)
def test_a_place_the_ner_took_for_a_person_is_nobody(pipeline, text, entities, speaker):
    assert _with_entities(pipeline, text, entities)._.qt_speaker == speaker


def test_a_chain_of_pronoun_subjects_is_in_the_reason(pipeline):
    statement = pipeline(HALE + "Peter Wood runs the club. He grew up in the town. He knows the players.\n\n"
                         '"We were not good enough," he said.').spans[STATEMENTS][-1]
    assert "through the 'he' subjects" in statement._.qt_resolution


def test_a_title_between_the_article_and_the_name_keeps_a_person(pipeline):
    statement = _with_entities(pipeline, 'The service was led by the Rev. Peter Wherry.\n\n"We pray," he said.',
                               [("Rev. Peter Wherry", "PERSON")])
    assert statement._.qt_speaker == "Peter Wherry"
