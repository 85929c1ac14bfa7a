"""The person registry (nlp/resolution/people.py) over real parses with the NER's entities pinned."""
from __future__ import annotations

from nlp.resolution.naming import WordLists, titled_name
from nlp.resolution.people import People, bodies_by_usage, leading_words_of
from nlp.sentences import SentenceIndex

LISTS = WordLists.load()


def _people(pipeline, text, entities):
    """People over `text` parsed for real, with the NER's entities replaced by `entities`."""
    doc = pipeline(text)
    spans = []
    for surface, label, occurrence in entities:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    return doc, People(doc, LISTS, SentenceIndex(doc))


def test_a_full_name_the_ner_mislabels_still_makes_that_person_prominent(pipeline):
    text = ("Nadia Vance and Harold Vance run the firm. Corinne Blake joined in May. "
            "In an essay, Nadia Vance praised the staff. She wrote it alone.")
    doc, people = _people(pipeline, text, [("Nadia Vance", "PERSON", 0), ("Harold Vance", "PERSON", 0),
                                           ("Corinne Blake", "PERSON", 0), ("Nadia Vance", "PRODUCT", 1)])
    she = next(t for t in doc if t.text == "She")
    person, _ = people.most_salient(she.i, "f")
    assert person.name == "Nadia Vance"


def test_a_full_name_with_an_unknown_given_name_is_not_its_namesake(pipeline):
    text = "Harold Vance runs the firm. Later, Nadia Vance praised the staff."
    doc, people = _people(pipeline, text, [("Harold Vance", "PERSON", 0), ("Nadia Vance", "ORG", 0)])
    (harold,) = people.people
    nadia_surname = next(t for t in doc if t.text == "Vance" and t.idx > 30)
    assert all(token_i != nadia_surname.i for token_i, _ in harold.mentions)


def test_a_full_name_the_ner_tags_as_one_organisation_completes_a_bare_surname(pipeline):
    text = "Economists were divided, while Clemens Fuest argued the cuts were overdue. Fuest spoke last."
    doc, people = _people(pipeline, text, [("Clemens Fuest", "ORG", 0)])
    surname = next(t for t in doc if t.text == "Fuest" and t.idx > 60)
    assert [t.text for t in people.full_name_for(surname.text)] == ["Clemens", "Fuest"]
    doc, people = _people(pipeline, "The Ifo President Clemens Fuest spoke. Fuest left.",
                          [("Ifo", "ORG", 0), ("Clemens Fuest", "PERSON", 0)])
    assert [t.text for t in people.full_name_for("Fuest")] == ["Clemens", "Fuest"]


def test_a_titled_name_the_ner_calls_an_organisation_is_a_person(pipeline):
    text = "Defence lawyer Marcus Bell countered that his client was misled. Bell said the case was weak."
    doc, people = _people(pipeline, text, [("Marcus Bell", "ORG", 0)])
    entity = doc.ents[0]
    assert titled_name(entity, LISTS)
    (company,) = _people(pipeline, "The bank Wells Fargo said it would pay.", [("Wells Fargo", "ORG", 0)])[0].ents
    assert not titled_name(company, LISTS)


def test_a_company_written_with_its_legal_form_is_nobody_even_where_the_ner_says_person(pipeline):
    """"Winslow Freight Ltd" makes "Winslow Freight" a company: "Mr. Winslow" is then its founder Harold Winslow,
    the only person of that name. Without the legal form, the NER's person stays a person."""
    text = ("Shares in Winslow Freight Ltd fell on Monday. Winslow Freight hired Harold Winslow in 1990. "
            "Mr. Winslow said little.")
    entities = [("Winslow Freight", "PERSON", 1), ("Harold Winslow", "PERSON", 0)]
    _, people = _people(pipeline, text, entities)
    assert [person.name for person in people.people] == ["Harold Winslow"]
    _, people = _people(pipeline, text.replace(" Ltd", ""), entities)
    assert sorted(person.name for person in people.people) == ["Harold Winslow", "Winslow Freight"]


def test_a_name_after_an_article_and_a_common_noun_is_a_thing(pipeline):
    text = "Hale said he should not have accepted a replica Purple Heart from a supporter."
    _, people = _people(pipeline, text, [("Purple Heart", "PERSON", 0)])
    assert people.people == []


def test_a_name_after_an_article_and_a_word_for_a_person_is_that_person(pipeline):
    text = "Hale said he had met the company founder Nadia Vance at a dinner."
    _, people = _people(pipeline, text, [("Nadia Vance", "PERSON", 0)])
    assert [person.name for person in people.people] == ["Nadia Vance"]


def test_a_relatives_role_in_a_whose_clause_is_not_the_persons_title(pipeline):
    text = ("Dorothy Woods, whose husband, Navy SEAL Ty Woods, was killed in the attack, spoke on Thursday. "
            "Maria Lopez, a nurse, spoke too.")
    _, people = _people(pipeline, text, [("Dorothy Woods", "PERSON", 0), ("Ty Woods", "PERSON", 0),
                                         ("Maria Lopez", "PERSON", 0)])
    titles = {person.name: set(person.titles) for person in people.people}
    assert not any("husband" in title for title in titles["Dorothy Woods"])
    assert titles["Maria Lopez"] == {"nurse"}


def test_a_generational_suffix_is_no_surname_and_two_suffixes_are_two_people(pipeline):
    """"Mr. Winslow" is Harold Winslow Jr. (the suffix is not his surname); his father Harold Winslow Sr. is
    another person, and "Winslow Jr." is the son."""
    text = ("Harold Winslow Jr. runs the firm. Mr. Winslow spoke first. His father, Harold Winslow Sr., "
            "founded it. Winslow Jr. thanked him.")
    entities = [("Harold Winslow Jr.", "PERSON", 0), ("Winslow", "PERSON", 1), ("Harold Winslow Sr.", "PERSON", 0),
                ("Winslow Jr.", "PERSON", 1)]
    _, people = _people(pipeline, text, entities)
    by_name = {person.name: person for person in people.people}
    assert sorted(by_name) == ["Harold Winslow Jr.", "Harold Winslow Sr."]
    assert set(by_name["Harold Winslow Jr."].aliases) == {"Harold Winslow Jr.", "Winslow", "Winslow Jr."}
    assert set(by_name["Harold Winslow Sr."].aliases) == {"Harold Winslow Sr."}


def test_after_an_honorific_one_word_is_a_surname_not_a_given_name(pipeline):
    """"Mr. Winslow" is not "Winslow Freight" (whose first word it writes); a bare "Winslow" still may be."""
    text = "Winslow Freight's trains run at night. Mr. Winslow said little."
    entities = [("Winslow Freight", "PERSON", 0), ("Winslow", "PERSON", 1)]
    _, people = _people(pipeline, text, entities)
    assert sorted(person.name for person in people.people) == ["Winslow", "Winslow Freight"]
    _, people = _people(pipeline, text.replace("Mr. ", ""), entities)
    assert [person.name for person in people.people] == ["Winslow Freight"]


def test_a_name_used_as_a_bodys_is_a_body_but_a_persons_surname_stays_a_person(pipeline):
    """"Winslow Freight, which runs the trains" and "Winslow Freight's founder" name a body; "for Clinton, which
    is something …" (a clause about the sentence) does not make Hillary Clinton's surname one."""
    text = "Winslow Freight, which runs the trains, was fined. Winslow Freight's founder retired."
    doc, _ = _people(pipeline, text, [("Winslow Freight", "PERSON", 0), ("Winslow Freight's", "PERSON", 0)])
    assert set(bodies_by_usage(doc, LISTS)) == {"Winslow Freight"}
    text = "Hillary Clinton spoke. Few songs were written for Clinton, which is something that worries her aides."
    doc, people = _people(pipeline, text, [("Hillary Clinton", "PERSON", 0), ("Clinton", "PERSON", 1)])
    assert bodies_by_usage(doc, LISTS) == {}
    assert [person.name for person in people.people] == ["Hillary Clinton"]


def test_a_bare_surname_is_not_the_person_titled_as_its_relative(pipeline):
    """"Ransome's mother, Carol Ransome," is not the bare "Ransome" who speaks next; Carol still is "Carol"'s."""
    text = ("Jamie Ransome signed on Monday. Ransome's mother, Carol Ransome, was there. Ransome said she cried.")
    doc, people = _people(pipeline, text, [("Jamie Ransome", "PERSON", 0), ("Carol Ransome", "PERSON", 0)])
    carol = next(person for person in people.people if person.name == "Carol Ransome")
    assert any("Ransome's" in title for title in carol.titles)
    last = max(token.i for token in doc if token.text == "Ransome")
    assert people.match(["ransome"], at_token=last).name == "Jamie Ransome"
    assert people.match(["carol"], at_token=last) is carol


def test_a_given_name_joined_to_a_full_name_shares_its_surname(pipeline):
    text = "Retired couple Graham and Pauline Webb say the parties go on. Graham fumed. Pauline agreed."
    _, people = _people(pipeline, text, [("Graham", "PERSON", 0), ("Pauline Webb", "PERSON", 0),
                                         ("Graham", "PERSON", 1)])
    assert sorted(p.name for p in people.people) == ["Graham Webb", "Pauline Webb"]
    # A surname alone is not a given name: "Smith and Jane Doe" are not a Smith Doe.
    text = "Smith and Jane Doe signed the letter. Smith spoke first."
    _, people = _people(pipeline, text, [("Smith", "PERSON", 0), ("Jane Doe", "PERSON", 0), ("Smith", "PERSON", 1)])
    assert sorted(p.name for p in people.people) == ["Jane Doe", "Smith"]


def test_a_name_tagged_a_place_stays_a_person_only_where_the_article_makes_it_a_subject_more_often(pipeline):
    text = "Graham and his wife live next door. Graham, 71, fumed. Graham added that it was late."
    pinned = [("Graham", "PERSON", 0), ("Graham", "GPE", 1), ("Graham", "PERSON", 2)]
    _, people = _people(pipeline, text, pinned)
    assert [p.name for p in people.people] == ["Graham"]
    text = "The storm reached Graham on Monday. Roads in Graham were shut. Graham was cut off."
    pinned = [("Graham", "GPE", 0), ("Graham", "GPE", 1), ("Graham", "PERSON", 2)]
    _, people = _people(pipeline, text, pinned)
    assert people.people == []


def test_given_names_the_ner_leaves_out_before_a_surname_are_part_of_the_name(pipeline):
    text = ("Donald Trump's plan is vague. Later, Ivanka Trump said it would help families. "
            "Ivanka Trump spoke in Ohio.")
    _, people = _people(pipeline, text, [("Donald Trump", "PERSON", 0), ("Trump", "PERSON", 1), ("Trump", "PERSON", 2)])
    assert sorted(p.name for p in people.people) == ["Donald Trump", "Ivanka Trump"]
    # A sentence's first word, written before the surname once, is no given name.
    text = "Roger Stone spoke on the radio. Continued Stone: it was a problem."
    _, people = _people(pipeline, text, [("Roger Stone", "PERSON", 0), ("Stone", "PERSON", 1)])
    assert [p.name for p in people.people] == ["Roger Stone"]


def test_a_bare_surname_of_two_namesakes_is_the_one_in_focus_else_the_one_introduced_first(pipeline):
    text = ("Donald Trump unveiled the plan in May. Ivanka Trump praised it. Ivanka Trump toured Ohio. "
            "Ivanka Trump met voters. The plan is vague. Critics called it thin. It has no budget. "
            "Economists were divided. Trump says he would pay for it.")
    pinned = [("Donald Trump", "PERSON", 0)] + [("Ivanka Trump", "PERSON", k) for k in range(3)] + [
        ("Trump", "PERSON", 4)]
    doc, people = _people(pipeline, text, pinned)
    bare = doc.ents[-1]
    assert people.by_entity[bare.start].name == "Donald Trump"
    # The namesake named in the sentences just before is the one meant.
    text = "Donald Trump unveiled the plan in May. Ivanka Trump praised it on Monday. Trump said it would help."
    pinned = [("Donald Trump", "PERSON", 0), ("Ivanka Trump", "PERSON", 0), ("Trump", "PERSON", 2)]
    doc, people = _people(pipeline, text, pinned)
    assert people.by_entity[doc.ents[-1].start].name == "Ivanka Trump"


def test_a_headlines_capital_glued_to_a_name_is_no_part_of_it(pipeline):
    # A first line that ends no sentence is a headline, in sentence case too: its capitals are no name words,
    # neither in the name the NER tags there nor as a given name completing a bare surname.
    text = "Derelict Obama and Clinton;\nThe president spoke.\n\nBarack Obama went to Ohio. Obama said it was late."
    _, people = _people(pipeline, text, [("Derelict Obama", "PERSON", 0), ("Barack Obama", "PERSON", 0),
                                         ("Obama", "PERSON", 2)])
    assert [person.name for person in people.people] == ["Barack Obama"]
    assert people.full_name_for("Obama") is not None and people.full_name_for("Obama")[0].text == "Barack"
    # A first line that is a sentence is no headline.
    text = "Derelict Obama spoke on Monday.\n\nObama said it was late."
    _, people = _people(pipeline, text, [("Derelict Obama", "PERSON", 0), ("Obama", "PERSON", 1)])
    assert [person.name for person in people.people] == ["Derelict Obama"]


def test_a_nicknames_epithet_before_a_full_name_is_no_part_of_it(pipeline):
    text = ('Hillary Clinton spoke in Ohio.\n\nTrump said: "It is harder than beating Crooked Hillary Clinton."')
    _, people = _people(pipeline, text, [("Hillary Clinton", "PERSON", 0), ("Crooked Hillary Clinton", "PERSON", 0),
                                         ("Trump", "PERSON", 0)])
    assert sorted(person.name for person in people.people) == ["Hillary Clinton", "Trump"]


def test_a_given_name_or_a_first_word_named_elsewhere_stays_in_the_name(pipeline):
    # A listed given name is never cut, whatever else the article writes; nor is a first word at a sentence's
    # start whose surname the article writes nowhere else.
    text = "Lamont Scott spoke first.\n\nKeith Lamont Scott was shot on Tuesday.\n\nRakeyia Vance filmed it."
    _, people = _people(pipeline, text, [("Lamont Scott", "PERSON", 0), ("Keith Lamont Scott", "PERSON", 0),
                                         ("Rakeyia Vance", "PERSON", 0)])
    assert {"Keith Lamont Scott", "Rakeyia Vance"} <= {person.name for person in people.people}


def test_a_family_name_written_first_is_what_an_honorific_takes(pipeline):
    text = "Ban Ki-moon spoke at the United Nations.\n\nMr. Ban said the goals were within reach."
    doc, people = _people(pipeline, text, [("Ban Ki-moon", "PERSON", 0), ("Ban", "PERSON", 1)])
    assert [person.name for person in people.people] == ["Ban Ki-moon"]
    # A Western name is not family name first: "Mr. Douglas" is not Douglas Holtz-Eakin.
    doc, people = _people(pipeline, "Douglas Holtz-Eakin spoke.\n\nMr. Douglas said it was late.",
                          [("Douglas Holtz-Eakin", "PERSON", 0), ("Douglas", "PERSON", 1)])
    assert len(people.people) == 2


def test_a_lone_capitalised_word_modifying_a_noun_is_a_brand_not_a_person(pipeline):
    text = "My father spent the profit stocking up on Beehive freeze-dried food. He said it would save us."
    _, people = _people(pipeline, text, [("Beehive", "PERSON", 0)])
    assert people.people == []
    # A person named elsewhere stays one where a name modifies a noun.
    text = "Tom Hale spoke in Ohio. Hale supporters cheered. He said it would pass."
    _, people = _people(pipeline, text, [("Tom Hale", "PERSON", 0), ("Hale", "PERSON", 1)])
    assert [person.name for person in people.people] == ["Tom Hale"]


def test_the_first_words_of_a_long_name_are_that_name_but_never_across_a_generational_suffix():
    assert leading_words_of(["ahmad", "fauzi"], ["ahmad", "fauzi", "hashim"])
    assert leading_words_of(["juan", "carlos", "hernández"], ["juan", "carlos", "hernández", "ruiz"])
    # Donald Trump is not his son; two words of two are one name, not a shortening; a later word is no prefix.
    assert not leading_words_of(["donald", "trump"], ["donald", "trump", "jr"])
    assert not leading_words_of(["tom", "hale"], ["tom", "hale"])
    assert not leading_words_of(["fauzi", "hashim"], ["ahmad", "fauzi", "hashim"])
    assert not leading_words_of(["ahmad"], ["ahmad", "fauzi", "hashim"])
