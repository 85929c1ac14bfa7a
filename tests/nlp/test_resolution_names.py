"""Names the article rules out, headline words, titles and descriptions: golden tables of whole articles.

Each row runs the real pipeline on a short article and checks the last statement's speaker and the
rule that named it; the NEGATIVE rows are near misses where the same words must resolve otherwise.
"""
from __future__ import annotations

from collections import Counter

import pytest

from nlp.extensions import STATEMENTS
from nlp.resolution.naming import WordLists
from nlp.resolution.people import Person, contradicts, described_by, fits_description, us_state

MICHELLE = 'First lady Michelle Obama spoke at the rally in Ohio on Monday. "We go high," she said.\n\n'
SHARMA = "Water Minister Meena Sharma visited the dam on Monday.\n\n"
OUMAS = "Ms Esther Ouma chairs the water board. Robert Ouma runs the ferry company.\n\n"

# (case, text, rule, speaker of the last statement)
POSITIVE = [
    # A title or honorific the only namesake's description rules out: the name as written.
    ("president is not the first lady", MICHELLE + '"It is a good day," President Obama said in Washington.',
     "name.full", "Obama"),
    ("mister is not a woman", MICHELLE + '"I agree with that," Mr. Obama told reporters.', "name.full", "Obama"),
    ("chief minister is not the water minister", SHARMA + '"No household will go dry," Chief Minister Sharma said.',
     "name.full", "Sharma"),
    # Titles and ranks are not part of the name.
    ("councillor's abbreviation", "Council leader Cllr Simon Pryce said the authority could not afford it.",
     "name.full", "Simon Pryce"),
    ("garda rank", '"The van crossed the line," Garda Sergeant Brian Mulvey told the court.', "name.full",
     "Brian Mulvey"),
    ("abbreviated rank before a surname", 'Garda Sergeant Brian Mulvey gave evidence.\n\n'
     '"He said he had two pints," Sgt Mulvey said.', "name.known_surname", "Brian Mulvey"),
    # A Title Case headline glues words to a name; the body says which are one.
    ("headline words are no name", "Clinton Breaks With Obama On Terror Law\n\nHillary Clinton spoke on Monday.\n\n"
     '"The bill is flawed," Obama said.', "name.full", "Obama"),
    # Descriptions resolve through what the article says beside a name.
    ("party and state", "Sherrod Brown (D-Ohio) and Bob Corker, R-Tenn., spoke on Monday.\n\n"
     'The Ohio Democrat said the bank "must pay".', "role.described", "Sherrod Brown"),
    ("a party written another way", "Republican presidential nominee Donald Trump spoke in Ohio on Monday.\n\n"
     'Aide Chuck Rocha said "it is close".\n\nThe GOP nominee said he would win.', "role.title_match",
     "Donald Trump"),
    ("a particle starts no full name", 'Mayor Bill de Blasio spoke on Monday.\n\n"We are safe," De Blasio said.',
     "name.known_surname", "Bill de Blasio"),
    # A relative is not the person they are related to.
    ("a family relation's appositive name", "Mayor Linda Fairweather spoke first.\n\n"
     "The mayor's son, Tom, said the buses were \"a lifeline\".", "name.full", "Tom"),
    # The one who quotes someone is the source.
    ("quoting someone", 'Margaret Okafor has run the bakery for 30 years.\n\n'
     'She likes to quote Churchill saying "never, never give in".', "pronoun.previous_subject", "Margaret Okafor"),
    # The previous speaker's office rules out another office: the role as written rather than the wrong person.
    ("another office than the previous speaker's", "SkyBridge chief executive Daniel Pruett apologised to the "
     'committee on Tuesday.\n\n"We failed our passengers," Pruett said.\n\n"Then your engineers were ignored,"'
     " the senator said.", "role.unresolved", "senator"),
    ("a title names the holder among namesakes", "Shay Keane saved a penalty.\n\nDunmore chairman Martin Keane "
     'praised him.\n\n"Tonight the goalkeeper paid a few wages," Chairman Keane said.', "name.surname_to_full",
     "Martin Keane"),
    ("an honorific of West African papers", "Madam Akosua Serwaa, 58, a farmer with eight acres, said she had "
     "already sold her first bags at a loss.", "name.full", "Akosua Serwaa"),
    ("an abbreviated office is a role, not an organisation", "Hon. Samuel Boateng, the MP for Asunafo South, said "
     "the levy was a punishment.\n\nFarmers marched on Monday. The MP for Asunafo South said the Minority would "
     "file an urgent question.", "role.previous_speaker_titled", "Samuel Boateng"),
    # An honorific written without a full stop, as British and Commonwealth papers do, says the gender.
    ("an undotted honorific", OUMAS + '"The fares will rise," Mr Ouma said.', "name.surname_to_full", "Robert Ouma"),
    ("a title inside the name's entity names the holder", "Cllr Gareth Jones said no decision had been taken.\n\n"
     "Sian Jones, who chairs the parents' association, said the journey was too long.\n\n"
     'Cllr Jones said the figure "tells only part of the story".', "name.known_surname", "Gareth Jones"),
]

NEGATIVE = [
    ("an honorific before an office names nobody", "Kofi Mensah spoke first.\n\nMadam Speaker said the House "
     "would sit late.", "role.unresolved", "Madam Speaker"),
    ("an abbreviated office nobody holds", "The Ghana Cocoa Board said prices would rise.\n\nThe MP for Asunafo "
     "South said the Minority would file an urgent question.", "role.unresolved", "MP for Asunafo South"),
    ("the namesake without that title", "Cllr Gareth Jones said no decision had been taken.\n\n"
     "Sian Jones, who chairs the parents' association, said the journey was too long.\n\n"
     '"Come and drive that road in January," Mrs Jones said.', "name.surname_to_full", "Sian Jones"),
    ("the undotted honorific of the other namesake", OUMAS + '"The fares will rise," Ms Ouma said.',
     "name.surname_to_full", "Esther Ouma"),
    # Nothing rules her out: the surname is hers.
    ("a surname the title does not contradict", MICHELLE + '"We will keep going," Mrs. Obama said.',
     "name.surname_to_full", "Michelle Obama"),
    ("the same office, abbreviated", "Former Pennsylvania Gov. Ed Rendell spoke first.\n\n"
     '"We will win," Governor Rendell said.', "name.surname_to_full", "Ed Rendell"),
    ("a sentence with names is no headline", "Tom Hale met Anna Kowalski in 2019.\n\n"
     '"It was a disaster," Anna Kowalski said.', "name.full", "Anna Kowalski"),
    ("an honorific that fits the only namesake", "President Barack Obama spoke at the rally on Monday.\n\n"
     '"I agree with that," Mr. Obama told reporters.', "name.surname_to_full", "Barack Obama"),
    ("another party's nominee", "Republican presidential nominee Donald Trump spoke in Ohio on Monday.\n\n"
     'Aide Chuck Rocha said "it is close".\n\nThe Democratic nominee said she would win.', "role.unresolved",
     "Democratic nominee"),
    ("the relation without a name is the relative's description", "Mayor Linda Fairweather spoke first.\n\n"
     "The mayor said the buses were \"a lifeline\".", "role.title_match", "Linda Fairweather"),
    ("a former office need not be given", "Hillary Clinton, the Democratic nominee, spoke in Ohio on Monday.\n\n"
     '"We will win," Clinton said.\n\nThe former first lady said it was "a mistake".', "role.previous_speaker",
     "Hillary Clinton"),
    ("a given name that is also a particle",
     'Former Vice President Al Gore spoke on Monday. Gore was calm. Gore smiled.\n\n"We will win," Gore said.',
     "name.surname_to_full", "Al Gore"),
    ("two titles of one office", "Dunmore chairman Martin Keane praised the team.\n\n"
     '"Tonight the goalkeeper paid a few wages," Chairman Keane said.', "name.surname_to_full", "Martin Keane"),
]


# An indefinite role opening the lede is the source the article names next; later in the story it is no one.
LEDE = [
    ("Aide says mayor knew\n\nA former aide told the committee on Tuesday that the mayor knew about the contracts."
     '\n\n"I told him twice," said Dana Whitfield, who worked in the office until 2019.', "role.named_later",
     "Dana Whitfield"),
    ("Council report\n\nThe council met on Tuesday. A spokesman said the bins would be emptied.\n\n"
     '"We are on it," said Dana Whitfield, the council leader.', "role.unresolved", "A spokesman"),
    # A byline, the reporter's title and a dateline come before the lede's subject.
    ("Judge lets suit go forward\n\nBy Hannah Kessler\nCourts Reporter\n\nTACOMA, Wash. - A federal judge on Monday "
     "refused to dismiss a lawsuit against a software company, ruling that tenants had plausibly alleged a "
     "conspiracy to fix prices.\n\nU.S. District Judge Miriam Castellanos denied the company's motion in a 41-page "
     "order.", "role.titled_later", "Miriam Castellanos"),
    ("Judge lets suit go forward\n\nBy Hannah Kessler\nCourts Reporter\n\nTACOMA, Wash. - The city council met on "
     "Monday to discuss rents across the county. A federal judge said that tenants had plausibly alleged a "
     "conspiracy.\n\nU.S. District Judge Miriam Castellanos denied the company's motion in a 41-page order.",
     "role.unresolved", "A federal judge"),
]


@pytest.mark.parametrize("text, rule, speaker", LEDE, ids=["lede subject", "NEGATIVE: not the lede's subject",
                                                          "after a byline and a dateline",
                                                          "NEGATIVE: a later sentence of the lede"])
def test_an_indefinite_role_in_the_lede(pipeline, text, rule, speaker):
    statements = pipeline(text).spans[STATEMENTS]
    statement = next(s for s in statements if s._.qt_mention and text[slice(*s._.qt_mention)].startswith("A "))
    assert (statement._.qt_resolution_rule, statement._.qt_speaker) == (rule, speaker)


@pytest.fixture(scope="module")
def last_statement(pipeline):
    def run(text):
        doc = pipeline(text)
        statement = doc.spans[STATEMENTS][-1]
        return statement._.qt_resolution_rule, statement._.qt_speaker
    return run


@pytest.mark.parametrize("case, text, rule, speaker", POSITIVE, ids=[row[0] for row in POSITIVE])
def test_a_name_resolves_as_the_article_allows(last_statement, case, text, rule, speaker):
    assert last_statement(text) == (rule, speaker)


@pytest.mark.parametrize("case, text, rule, speaker", NEGATIVE, ids=[row[0] for row in NEGATIVE])
def test_a_near_miss_resolves_otherwise(last_statement, case, text, rule, speaker):
    found_rule, found_speaker = last_statement(text)
    assert found_speaker == speaker
    if rule is not None:
        assert found_rule == rule


LISTS = WordLists.load()


@pytest.mark.parametrize("title, given, person, expected", [
    ("President", None, Person("Michelle Obama", ["michelle", "obama"], titles=Counter({"First lady": 1})), True),
    ("Mr.", None, Person("Michelle Obama", ["michelle", "obama"]), True),
    ("Mrs.", None, Person("Michelle Obama", ["michelle", "obama"]), False),
    ("Governor", None, Person("Ed Rendell", ["ed", "rendell"], titles=Counter({"Gov.": 1})), False),
    (None, "michelle", Person("Obama", ["obama"], titles=Counter({"Mr.": 1})), True),
    ("Sen.", None, Person("Bernie Sanders", ["bernie", "sanders"], titles=Counter({"nominee": 1})), False),
    ("Chief Minister", None, Person("Meena Sharma", ["meena", "sharma"], titles=Counter({"Water Minister": 1})), True),
    ("Water Minister", None, Person("Sharma", ["sharma"], titles=Counter({"Chief Minister": 1})), True),
    ("Minister", None, Person("Meena Sharma", ["meena", "sharma"], titles=Counter({"Water Minister": 1})), False),
])
def test_contradicts(title, given, person, expected):
    assert contradicts(person, title, given, LISTS) is expected


def test_descriptions_and_states():
    goalkeeper = ["the", "31", "-", "year", "-", "old", "goalkeeper"]
    assert described_by(goalkeeper, "the 31-year-old goalkeeper") == {"age": 31}
    assert described_by(["the", "ohio", "democrat"], "the Ohio Democrat") == {"party": "democrat", "state": "ohio"}
    assert described_by(["the", "minister"], "the minister") == {}
    assert us_state("Tenn.") == "tennessee" and us_state("N.J.") == "new jersey" and us_state("NY") == "new york"
    assert us_state("Paris") is None
    keane = Person("Shay Keane", ["shay", "keane"], age=31)
    assert fits_description(keane, {"age": 31}) and not fits_description(keane, {"age": 29})
    assert not fits_description(keane, {})
