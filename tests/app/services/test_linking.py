"""Golden tests for linking across articles: which names are one speaker, which quotes one family, which not."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from app.cli import cli
from app.services import linking
from app.services.ingest import run_ingest
from app.services.linking.speakers import SpeakerLink
from app.store import queries, repo
from app.store.models import Quote, Speaker, SpeakerAlias, SpeakerCorrection
from nlp.vocabulary.names import NameParts

# --- names ------------------------------------------------------------------------------------------

def link(session, name: str, *, is_person: bool = True) -> SpeakerLink:
    """resolve_speaker for a name that has one (every name below but the pronoun)."""
    found = linking.resolve_speaker(session, name=name, is_person=is_person)
    assert found is not None, name
    return found


def parts(name: str) -> NameParts:
    found = linking.name_parts(name)
    assert found is not None, name
    return found


@pytest.mark.parametrize(("name", "key"), [
    ("Bashar Assad", "bashar assad"),
    ("Bashar al-Assad", "bashar assad"),
    ("Syrian President Bashar al-Assad", "bashar assad"),
    ("President Assad", "assad"),
    ("Mr. Bush", "bush"),
    ("George W. Bush", "george w bush"),
    ("Prime Minister Boris Johnson", "boris johnson"),
    ("Martin Luther King Jr.", "martin luther king jr"),  # a surname that is also a title word stays
    ("Conan O'Brien", "conan obrien"),
    ("Hélène Garnier", "helene garnier"),
    ("Crown Prince Mohammed bin Salman", "mohammed salman"),
    ("the Kremlin", "kremlin"),
    ("he", ""),
])
def test_speaker_keys_fold_titles_particles_accents_and_punctuation(name, key):
    assert linking.speaker_key(name) == key


# Each group: names that must end up as ONE speaker, in this order of arrival.
SAME_SPEAKER = [
    ["Bashar Assad", "Bashar al-Assad", "Assad", "Syrian President Bashar al-Assad", "President Assad"],
    ["Assad", "Bashar al-Assad", "Bashar Assad"],  # the surname first: it takes the full name later
    ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelensky"],
    ["Mohammed bin Salman", "Crown Prince Mohammed bin Salman", "Mohammad bin Salman"],
    ["Hélène Garnier", "Helene Garnier", "Ms Garnier"],
    # Written family name first: "Mr. Ban" is Ban Ki-moon.
    ["Ban Ki-moon", "Secretary General Ban Ki-moon", "Mr. Ban"],
]

# Pairs that must NOT be linked automatically, whatever the order.
DIFFERENT_SPEAKERS = [
    ("George Bush", "George W. Bush"),
    ("George H. W. Bush", "George W. Bush"),
    ("Martin Luther King Jr.", "Martin Luther King Sr."),
    ("Martin Luther King", "Martin Luther King Jr."),
    ("Bill Clinton", "Hillary Clinton"),
    ("Bill Clinton", "Bill Clifton"),
    ("Alex Smith", "Alexa Smith"),
    ("J. Smith", "John Smith"),
    ("Marine Le Pen", "Jean-Marie Le Pen"),
    ("Ban Ki-moon", "Ban Soon-taek"),
]


@pytest.mark.parametrize("names", SAME_SPEAKER, ids=lambda names: names[0])
def test_names_of_one_person_link_to_one_speaker_with_a_reason(session, names):
    links = [link(session, name) for name in names]
    assert len({link.speaker.id for link in links}) == 1, [link.reason for link in links]
    assert links[0].created and not any(link.created for link in links[1:])
    assert all(link.reason for link in links)
    speaker = links[0].speaker
    assert speaker.name != names[0] or len(parts(names[0]).given) > 0
    assert parts(speaker.name).given  # the display name is a full name once one was seen


@pytest.mark.parametrize(("first", "second"), DIFFERENT_SPEAKERS)
@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "reversed"])
def test_names_that_may_be_different_people_stay_apart(session, first, second, reverse):
    if reverse:
        first, second = second, first
    one = link(session, first)
    two = link(session, second)
    assert one.speaker.id != two.speaker.id, two.reason
    assert two.created


def test_a_surname_shared_by_two_people_is_not_guessed(session):
    george = link(session, "George Bush").speaker
    w = link(session, "George W. Bush").speaker
    bush = link(session, "Bush")
    assert bush.speaker.id not in (george.id, w.id)
    assert "ambiguous" in bush.reason
    assert link(session, "Mr Bush").speaker.id == bush.speaker.id


def test_institutions_link_by_exact_name_only(session):
    kremlin = link(session, "the Kremlin", is_person=False)
    assert link(session, "Kremlin", is_person=False).speaker.id == kremlin.speaker.id
    ministry = link(session, "the Defence Ministry", is_person=False)
    other = link(session, "the Foreign Ministry", is_person=False)
    assert ministry.speaker.id != other.speaker.id
    assert not linking.looks_like_person_name("Kessel Police")
    assert linking.looks_like_person_name("Bashar al-Assad")


def test_a_mention_without_a_name_gets_no_speaker(session):
    assert linking.resolve_speaker(session, name="he") is None


# --- quote families -----------------------------------------------------------------------------------

def fold(text: str) -> str:
    return repo.normalize_quote_text(text)


MATCHING_QUOTES = [
    ("We will not stop until every inch of Syria is liberated,",
     "\u201cWe will not stop until every inch of Syria is liberated.\u201d", "verbatim"),
    ("We will not stop until every inch of Syria is liberated",
     "We will not stop until every inch of our Syria is liberated", "near-verbatim"),
    ("every inch of Syria is liberated",
     "We will not stop until every inch of Syria is liberated, and the terrorists are gone", "partial"),
    ("The issue of Palmyra, I think, is purely symbolic.",
     "The issue of Palmyra, I think, is purely symbolic. What concerns the military and political value, "
     "Aleppo is a much more important topic", "partial"),
]

NOT_MATCHING_QUOTES = [
    # A negation flips the statement: never the same family, however similar the words.
    ("We will not stop until every inch of Syria is liberated", "We will stop until every inch of Syria is liberated"),
    ("The talks did not fail because of Russia", "The talks did fail because of Russia"),
    # Shared vocabulary is not a shared statement.
    ("The economy is strong and getting stronger every month",
     "The economy is weak and getting weaker every single month"),
    ("We have work to do on the budget", "We have no idea what is in the budget"),
    # A phrase cut through the middle of words does not count as contained.
    ("inch of Syri", "We will not stop until every inch of Syria is liberated"),
]


@pytest.mark.parametrize(("new", "known", "kind"), MATCHING_QUOTES)
def test_copies_of_a_statement_match(new, known, kind):
    match = linking.match_quotes(fold(new), fold(known))
    assert match is not None and match.reason.startswith(kind), match


@pytest.mark.parametrize(("new", "known"), NOT_MATCHING_QUOTES)
def test_different_statements_do_not_match(new, known):
    assert linking.match_quotes(fold(new), fold(known)) is None


def stored_ops(family_diff: list[dict] | None) -> list[tuple[str, str, str]]:
    """A stored family diff (DiffOp rows) as (op, earliest words, these words)."""
    assert family_diff is not None
    return [(item["op"], item["source"], item["quote"]) for item in family_diff]


FAMILY_ARTICLES = [
    # Ingested out of publication order: the family must still start with Alpha (1 March).
    {"id": "gamma", "published": "2019-03-03T09:00:00Z", "outlet": "Gamma",
     "text": "DAMASCUS -- Bashar Assad said on Wednesday: \"We will not stop until every inch of our Syria is "
             "liberated.\"\n\nHe spoke to local officials."},
    {"id": "alpha", "published": "2019-03-01T09:00:00Z", "outlet": "Alpha",
     "text": "\"We will not stop until every inch of Syria is liberated,\" Bashar al-Assad said on Monday.\n\n"
             "The speech was broadcast on state television."},
    {"id": "beta", "published": "2019-03-02T09:00:00Z", "outlet": "Beta",
     "text": "\u201cWe will not stop until every inch of Syria is liberated,\u201d Assad told officials in "
             "Damascus.\n\nDiplomats were not surprised."},
    {"id": "epsilon", "published": "2019-03-05T09:00:00Z", "outlet": "Epsilon",
     "text": "\"We will stop when every inch of Syria is liberated,\" a rebel commander, Abu Omar, said.\n\n"
             "The fighting continued."},
    {"id": "long", "published": "2019-02-20T09:00:00Z", "outlet": "Zeta",
     "text": "\"The terrorists and their backers have failed, and we will rebuild every town the terrorists "
             "destroyed,\" Walid Muallem said.\n\nHe spoke in Damascus."},
    {"id": "short", "published": "2019-02-21T09:00:00Z", "outlet": "Eta",
     "text": "The minister was defiant. \"We will rebuild every town the terrorists destroyed,\" Walid Muallem "
             "told reporters.\n\nNo timetable was given."},
    # The partial quote arrives first, the longer original (published a day earlier) after it.
    {"id": "brief", "published": "2019-04-02T09:00:00Z", "outlet": "Theta",
     "text": "The mayor was brief. \"The river wall will be finished before the spring floods,\" Mayor Ana Lopes "
             "said.\n\nCouncillors applauded."},
    {"id": "full", "published": "2019-04-01T09:00:00Z", "outlet": "Iota",
     "text": "\"We have found the money, and the river wall will be finished before the spring floods arrive in "
             "March,\" Mayor Ana Lopes said.\n\nThe budget passed on Monday."},
]


def write_jsonl(path, rows) -> str:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def quotes_by_article(session) -> dict[str, Quote]:
    return {quote.article.source_name: quote for quote in session.scalars(select(Quote))}


def test_families_group_copies_earliest_first_with_diffs(engine, session, pipeline, tmp_path):
    summary = run_ingest([write_jsonl(tmp_path / "family.jsonl", FAMILY_ARTICLES)], engine=engine, nlp=pipeline,
                         progress=False)
    assert summary.count("stored") == len(FAMILY_ARTICLES)
    quotes = quotes_by_article(session)
    syria = quotes["alpha"].family_id
    assert syria is not None
    assert quotes["beta"].family_id == quotes["gamma"].family_id == syria
    assert quotes["epsilon"].family_id != syria  # "will stop" is not "will not stop"
    members = queries.family_members(session, family_id=syria)
    assert [member.article.source_name for member in members] == ["alpha", "beta", "gamma"]
    family = queries.get_family(session, family_id=syria)
    assert family is not None
    assert (family.earliest_quote_id, family.member_count) == (quotes["alpha"].id, 3)
    assert stored_ops(quotes["alpha"].family_diff) == [("equal", quotes["alpha"].text, quotes["alpha"].text)]
    assert ("insert", "", "our") in stored_ops(quotes["gamma"].family_diff)
    assert "verbatim" in (quotes["beta"].family_reason or "")
    # A partial quote inside a longer one joins the longer one's family.
    assert quotes["short"].family_id is not None and quotes["short"].family_id == quotes["long"].family_id
    assert "partial" in (quotes["short"].family_reason or "")
    assert [member.article.source_name for member in queries.family_of_quote(session, quote_id=quotes["short"].id)] \
        == ["long", "short"]
    river = queries.family_of_quote(session, quote_id=quotes["brief"].id)
    assert [member.article.source_name for member in river] == ["full", "brief"]
    assert [op for op, _, _ in stored_ops(quotes["full"].family_diff)] == ["equal"]
    assert [op for op, _, _ in stored_ops(quotes["brief"].family_diff)] == ["delete", "equal", "delete"]
    assert stored_ops(quotes["brief"].family_diff)[1][2] == "The river wall will be finished before the spring floods,"
    for quote in session.scalars(select(Quote)):
        assert quote.article.text[quote.start:quote.end] == quote.text


def test_speakers_across_articles_and_corrections_survive_reingest(engine, session, pipeline, tmp_path, database_url):
    first = [
        {"id": "one", "text": "\"We will not stop until every inch of Syria is liberated,\" Bashar Assad said "
                              "on Monday.\n\nThe speech was broadcast on state television."},
        {"id": "two", "text": "\"Damascus has no interest in the talks,\" Assad told officials.\n\nDiplomats "
                              "were not surprised."},
        {"id": "three", "text": "\"The economy is strong and getting stronger every month,\" George Bush said.\n\n"
                                "He spoke in Texas."},
        {"id": "four", "text": "\"We will stay the course until the job is done,\" George W. Bush said on "
                               "Monday.\n\nThe president spoke in Texas."},
    ]
    batch = write_jsonl(tmp_path / "first.jsonl", first)
    run_ingest([batch], engine=engine, nlp=pipeline, progress=False)
    assad = session.scalars(select(Speaker).where(Speaker.key == "bashar assad")).one()
    assert assad.quote_count == 2
    assert {alias.alias for alias in assad.aliases} >= {"Bashar Assad", "Assad"}
    bushes = {speaker.key: speaker for speaker in session.scalars(select(Speaker).where(Speaker.surname == "bush"))}
    assert set(bushes) == {"george bush", "george w bush"}  # never merged automatically

    runner = CliRunner()
    merged = runner.invoke(cli, ["speakers", "merge", "George W. Bush", str(bushes["george bush"].id)])
    assert merged.exit_code == 0, merged.output
    session.expire_all()
    (bush,) = session.scalars(select(Speaker).where(Speaker.surname == "bush")).all()
    assert bush.quote_count == 2 and "merged" in bush.link_reason
    assert all(alias.pinned for alias in bush.aliases)

    # Re-ingesting stores nothing; a new article naming the merged-away name lands on the merged speaker.
    again = run_ingest([batch], engine=engine, nlp=pipeline, progress=False)
    assert again.count("stored") == 0 and again.count("duplicate") == len(first)
    later = write_jsonl(tmp_path / "later.jsonl", [
        {"id": "five", "text": "\"Taxes will come down next year,\" George Bush said in Ohio.\n\nThe crowd cheered."},
    ])
    run_ingest([later], engine=engine, nlp=pipeline, progress=False)
    session.expire_all()
    five = next(quote for quote in session.scalars(select(Quote)) if quote.article.source_name == "five")
    assert five.speaker_id == bush.id

    split = runner.invoke(cli, ["speakers", "split", str(bush.id), "George W. Bush"])
    assert split.exit_code == 0, split.output
    session.expire_all()
    w = session.scalars(select(Speaker).where(Speaker.key == "george w bush")).one()
    assert w.id != bush.id and w.quote_count == 1
    assert session.get(Speaker, bush.id).quote_count == 2
    corrections = [correction.action for correction in queries.list_speaker_corrections(session)]
    assert corrections == ["merge", "split"]
    # After the split, a new "George W. Bush" article goes to the split-off speaker, not back.
    newest = write_jsonl(tmp_path / "newest.jsonl", [
        {"id": "six", "text": "\"Freedom is on the march,\" George W. Bush said in Texas.\n\nHe spoke briefly."},
    ])
    run_ingest([newest], engine=engine, nlp=pipeline, progress=False)
    session.expire_all()
    six = next(quote for quote in session.scalars(select(Quote)) if quote.article.source_name == "six")
    assert six.speaker_id == w.id
    listing = runner.invoke(cli, ["speakers", "list", "--name", "bush"])
    assert listing.exit_code == 0 and "George W. Bush" in listing.output and "pinned" in listing.output


def test_corrections_refuse_unclear_requests(session):
    speaker = link(session, "Bashar al-Assad").speaker
    session.add(SpeakerAlias(speaker_id=speaker.id, alias="Bashar al-Assad", key="bashar assad", count=1))
    session.flush()
    with pytest.raises(linking.CorrectionError, match="into itself"):
        linking.merge_speakers(session, into=speaker, other=speaker)
    with pytest.raises(linking.CorrectionError, match="no alias"):
        linking.split_speaker(session, speaker=speaker, names=["Hafez"])
    with pytest.raises(linking.CorrectionError, match="leave nothing"):
        linking.split_speaker(session, speaker=speaker, names=["Bashar al-Assad"])
    with pytest.raises(linking.CorrectionError, match="no speaker named"):
        linking.find_speaker(session, reference="Nobody At All")
    assert session.scalar(select(SpeakerCorrection.id)) is None


@pytest.mark.parametrize(("name", "types", "kind"), [
    ("Poll", {"document"}, None),
    ("Recent polls in Pennsylvania and Virginia", {"document"}, None),
    ("the report", {"document"}, None),
    ("Ministry of Health", {"document"}, "organisation"),
    # An owner written with a listed given name is a person; one never introduced as a person, without one, a body
    # (a person the article introduces is `known_person`, below).
    ("Sarah Whitfield", {"document"}, "person"),
    ("New York Times/CBS News", {"document"}, "organisation"),
    ("Real Clear Politics", {"document"}, "organisation"),
    ("Reuters", {"document"}, "organisation"),
    ("GOP", {"document"}, "organisation"),
    ("Pollard", {"person"}, "person"),
    # Two owners ("a study by Harvard and the University of California at Berkeley") are never one speaker; a
    # body's own name with "and" inside is one.
    ("Harvard and the University of California at Berkeley", {"document"}, None),
    ("Department of Health and Human Services", {"document"}, "organisation"),
    ("Department of the Environment and the Arts", {"document"}, "organisation"),
])
def test_a_document_source_links_to_its_owner_never_to_itself(name, types, kind):
    assert linking.speakers.speaker_kind(name, types=types, known_person=False) == kind


def test_a_document_owner_the_article_introduced_as_a_person_is_that_person():
    assert linking.speakers.speaker_kind("Dana Whitfield", types={"document"}, known_person=True) == "person"


@pytest.mark.parametrize(("name", "kind"), [
    ("Ministry of Health", "organisation"),
    ("Clinton campaign", "organisation"),
    # A body described, not named: which body differs from article to article.
    ("campaign", None),
    ("the network", None),
    ("Mr. Clarke's new company", None),
])
def test_a_body_links_by_its_name_never_by_a_description(name, kind):
    assert linking.speakers.speaker_kind(name, types={"organisation"}, known_person=False) == kind


@pytest.mark.parametrize(("alias", "name", "kept"), [
    ("Mr. Trump", "Donald J. Trump", True),
    ("Republican presidential nominee Donald Trump", "Donald Trump", True),
    ("MSNBC host Chris Matthews", "Chris Matthews", True),
    ("Len Burman", "Leonard E. Burman", True),
    ("Donald J. Trump", "Donald Trump", True),
    # A word before the given name that is no title or role is a sentence's or a nickname's capital, and
    # another given name is another person.
    ("Rival Hillary Clinton", "Hillary Clinton", False),
    ("Crooked Hillary Clinton", "Hillary Clinton", False),
    ("Everything Trump", "Donald Trump", False),
    ("Bill Clinton", "Hillary Clinton", False),
])
def test_an_alias_is_stored_only_where_it_names_the_person(alias, name, kept):
    assert linking.names.alias_names_person(alias, name) is kept
