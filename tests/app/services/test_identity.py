"""Which names link across articles and why (identity.identify), with the negatives beside each rule."""
from __future__ import annotations

import pytest

from app.services.linking.identity import NameUse, identify
from nlp.vocabulary.names import role_title


def use(article: int, name: str, *titles: str, person: bool = True, aliases: tuple[str, ...] = ()) -> NameUse:
    return NameUse(article_id=article, name=name, is_person=person, titles=frozenset(titles),
                   aliases=frozenset(aliases))


def linked(uses: list[NameUse], first: tuple[int, str], second: tuple[int, str]) -> tuple[bool, str]:
    found = identify(uses)
    same = found.uses[first] == found.uses[second]
    # Whichever of two spellings of one name is taken first is "its own person"; the other says why it joined.
    reasons = [found.identities[found.uses[key]].reasons.get(key[1], "") for key in (first, second)]
    return same, " | ".join(reasons)


# (uses, first, second, linked?, words the pair's reasons must contain)
TABLE = [
    # middle initials and suffixes
    ([use(1, "Paul D. Ransome"), use(2, "Paul Ransome")], (1, "Paul D. Ransome"), (2, "Paul Ransome"), True,
     "only person"),
    ([use(1, "Joseph R. Biden"), use(2, "Joseph R. Biden Jr.")], (1, "Joseph R. Biden"), (2, "Joseph R. Biden Jr."),
     True, "only person of this name"),
    ([use(1, "Harold Winslow Jr."), use(2, "Harold Winslow Sr.")], (1, "Harold Winslow Jr."),
     (2, "Harold Winslow Sr."), False, "its own person"),
    ([use(1, "George W. Bush"), use(2, "George H. W. Bush")], (1, "George W. Bush"), (2, "George H. W. Bush"), False,
     "its own person"),
    # a less specific name between two people: titles decide, else it stays unresolved
    ([use(1, "Harold Winslow Jr.", "chief executive"), use(1, "Harold Winslow Sr.", "founder"),
      use(2, "Harold Winslow", "chief executive")], (1, "Harold Winslow Jr."), (2, "Harold Winslow"), True,
     "titles shared"),
    ([use(1, "Harold Winslow Jr."), use(1, "Harold Winslow Sr."), use(2, "Harold Winslow")],
     (1, "Harold Winslow Jr."), (2, "Harold Winslow"), False, "unresolved"),
    # particles, transliterations, diacritics
    ([use(1, "Bashar al-Assad"), use(2, "Bashar Assad")], (1, "Bashar al-Assad"), (2, "Bashar Assad"), True,
     "same name"),
    ([use(1, "José Martí"), use(2, "Jose Marti")], (1, "José Martí"), (2, "Jose Marti"), True, "same name"),
    # a different given name is a different person
    ([use(1, "Barack Obama"), use(2, "Michelle Obama")], (1, "Barack Obama"), (2, "Michelle Obama"), False,
     "its own person"),
    ([use(1, "Barack Obama"), use(2, "Len Obama")], (1, "Barack Obama"), (2, "Len Obama"), False, "its own person"),
    # a printed short form of the given name, when the collection has one such person
    ([use(1, "Leonard E. Burman"), use(2, "Len Burman")], (1, "Leonard E. Burman"), (2, "Len Burman"), True,
     "short form of 'leonard'"),
    ([use(1, "William J. Clinton"), use(2, "Bill Clinton"), use(3, "Hillary Clinton")], (1, "William J. Clinton"),
     (2, "Bill Clinton"), True, "short form"),
    ([use(1, "Bill Clinton"), use(2, "Hillary Clinton")], (1, "Bill Clinton"), (2, "Hillary Clinton"), False,
     "its own person"),
    ([use(1, "Leonard E. Burman"), use(1, "Leonard K. Burman"), use(2, "Len Burman")], (1, "Leonard E. Burman"),
     (2, "Len Burman"), False, "its own person"),
    # a bare surname: titles and gender, or nothing
    ([use(1, "Barack Obama", "President"), use(2, "Michelle Obama", "first lady"), use(3, "Obama", "President")],
     (1, "Barack Obama"), (3, "Obama"), True, "titles shared (president)"),
    ([use(1, "Barack Obama", "President"), use(2, "Michelle Obama", "first lady"), use(3, "Obama", "President")],
     (2, "Michelle Obama"), (3, "Obama"), False, "titles shared"),
    ([use(1, "Margaret Calder"), use(1, "Douglas Calder"), use(2, "Ms. Calder")], (1, "Margaret Calder"),
     (2, "Ms. Calder"), True, "gender rules out 'Douglas Calder'"),
    ([use(1, "Margaret Calder"), use(1, "Douglas Calder"), use(2, "Calder")], (1, "Margaret Calder"),
     (2, "Calder"), False, "unresolved, could be"),
    ([use(1, "Margaret Calder", "Opposition leader"), use(2, "Calder", "finance minister")], (1, "Margaret Calder"),
     (2, "Calder"), False, "unresolved"),
    ([use(1, "Wallace"), use(2, "Wallace")], (1, "Wallace"), (2, "Wallace"), True, "no person of this surname"),
    # a given name alone is an article's own acquaintance; with a title it is read as a surname
    ([use(1, "Melanie"), use(2, "Melanie")], (1, "Melanie"), (2, "Melanie"), False, "a given name alone"),
    ([use(1, "Jordan", "coach"), use(2, "Jordan", "coach")], (1, "Jordan"), (2, "Jordan"), True,
     "no person of this surname"),
    # organisations
    ([use(1, "International Monetary Fund", person=False), use(2, "IMF", person=False)],
     (1, "International Monetary Fund"), (2, "IMF"), True, "acronym of"),
    ([use(1, "The Transport Accident Investigation Bureau (TAIB)", person=False), use(2, "TAIB", person=False)],
     (1, "The Transport Accident Investigation Bureau (TAIB)"), (2, "TAIB"), True, "acronym of"),
    ([use(1, "Winslow Freight Ltd", person=False), use(2, "the Winslow Freight", person=False)],
     (1, "Winslow Freight Ltd"), (2, "the Winslow Freight"), True, "legal suffix"),
    ([use(1, "International Monetary Fund", person=False), use(2, "Internal Medicine Foundation", person=False),
      use(3, "IMF", person=False)], (1, "International Monetary Fund"), (3, "IMF"), False, "same name"),
    # a name that ends one longer name is that organisation; not when two longer names end so, nor two words
    ([use(1, "Urban-Brookings Tax Policy Center", person=False), use(2, "Tax Policy Center", person=False)],
     (1, "Urban-Brookings Tax Policy Center"), (2, "Tax Policy Center"), True, "the end of"),
    ([use(1, "Ninth Circuit Court of Appeals", person=False), use(2, "Federal Circuit Court of Appeals", person=False),
      use(3, "Circuit Court of Appeals", person=False)], (1, "Ninth Circuit Court of Appeals"),
     (3, "Circuit Court of Appeals"), False, "same name"),
    ([use(1, "United Nations Security Council", person=False), use(2, "Security Council", person=False)],
     (1, "United Nations Security Council"), (2, "Security Council"), False, "same name"),
    # a company is not its founder, a ministry not its minister
    ([use(1, "Winslow Freight", person=False), use(2, "Harold Winslow")], (1, "Winslow Freight"),
     (2, "Harold Winslow"), False, "its own person"),
    ([use(1, "Winslow Freight Ltd"), use(2, "Winslow Freight", person=False)], (1, "Winslow Freight Ltd"),
     (2, "Winslow Freight"), True, "legal suffix"),
]


@pytest.mark.parametrize(("uses", "first", "second", "same", "reason"), TABLE,
                         ids=[f"{row[1][1]}|{row[2][1]}|{row[3]}" for row in TABLE])
def test_which_names_link_and_why(uses, first, second, same, reason):
    linked_together, why = linked(uses, first, second)
    assert linked_together is same
    assert reason in why


def test_unresolved_surnames_stay_in_their_own_article():
    uses = [use(1, "Margaret Calder"), use(1, "Douglas Calder"), use(2, "Calder"), use(3, "Calder")]
    found = identify(uses)
    assert found.uses[(2, "Calder")] != found.uses[(3, "Calder")]
    assert not found.identities[found.uses[(2, "Calder")]].resolved
    assert found.identities[found.uses[(1, "Margaret Calder")]].resolved


def test_the_answer_does_not_depend_on_the_order_of_the_uses():
    uses = [row for uses, *_ in TABLE for row in uses]
    forward, backward = identify(uses), identify(list(reversed(uses)))
    assert forward.uses == backward.uses


@pytest.mark.parametrize(("printed", "cleaned"), [
    ("Finance Minister", "Finance Minister"),
    ("Mr.", None),
    ("R", None),
    ("S.C.", None),
    ("view", None),
    ("election", None),
    ("expectations", None),
    ("whose drummer", None),
    ("elder Mr.", None),
    ("first lady", "first lady"),
    ("Mr. President", "President"),
    ("Ransome's mother", "mother"),
    ("director of the centrist Urban-Brookings Tax Policy Center and a professor", "director"),
    ("interim chairwoman of the Democratic National Committee", "interim chairwoman"),
    ("interim", None),
    # An office's abbreviation glued after a role is the next name's honorific; alone, or after no role, it stays.
    ("Republican vice-presidential nominee Gov.", "Republican vice-presidential nominee"),
    ("Oversight Chairman Rep.", "Oversight Chairman"),
    ("Sen.", "Sen."),
    ("Lt. Gen.", "Lt. Gen."),
    ("Lt Gen.", "Lt Gen."),
])
def test_titles_are_role_words_only(printed, cleaned):
    assert role_title(printed) == cleaned


def test_a_headline_fragment_links_only_to_a_known_person():
    known = NameUse(article_id=2, name="Derelict Obama", is_person=True, titles=frozenset({"President"}),
                    read_as="Obama", from_headline=True)
    unknown = NameUse(article_id=3, name="New Poll", is_person=True, read_as="Poll", from_headline=True)
    found = identify([use(1, "Barack Obama", "President"), known, unknown])
    assert found.uses[(2, "Derelict Obama")] == found.uses[(1, "Barack Obama")]
    assert (3, "New Poll") not in found.uses  # no speaker at all: its quotes keep their printed name


def test_a_transcript_label_in_capitals_is_read_as_a_name():
    label = NameUse(article_id=2, name="WALLACE", is_person=True, read_as="Wallace")
    found = identify([use(1, "Chris Wallace", "moderator"), label])
    assert found.uses[(2, "WALLACE")] == found.uses[(1, "Chris Wallace")]


def test_an_organisation_named_by_the_end_of_its_name_shows_its_name_in_full():
    found = identify([use(1, "Tax Policy Center", person=False), use(2, "Urban-Brookings Tax Policy Center",
                                                                      person=False)])
    (identity,) = {found.uses[(1, "Tax Policy Center")], found.uses[(2, "Urban-Brookings Tax Policy Center")]}
    assert found.identities[identity].display == "Urban-Brookings Tax Policy Center"
