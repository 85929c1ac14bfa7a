"""Golden tables of the resolution rules, one per family, with the rule id as a column.

Every row runs the real pipeline and looks at the article's last statement (the first, for a role in
the lede named later: FIRST_STATEMENT): which rule decided
(`span._.qt_resolution_rule`) and who the speaker is. Every rule has a positive row, and a negative:
a near miss where the rule must not decide, with the rule that does instead. Rows whose names
the NER labels unpredictably pin the entities (surface, label, occurrence) before resolution runs; the
entity repairs (nlp/entities.py) run on pinned entities as they do on the NER's. The repairs have golden
and negative rows of their own (ENTITY_REPAIR_ROWS).
"""
from __future__ import annotations

import pytest

from nlp.entities import ENTITY_REPAIRS, repaired_entities
from nlp.extensions import STATEMENTS
from nlp.pipeline import OUR_STAGES
from nlp.resolution.policy import MENTION_RULES, NO_CUE_RULES

JUDGE_LEDE = ("Judge rejects appeal\n\nA Boston judge on Monday rejected an appeal by the city, saying the law was "
              "clear.\n\nThe ruling ends a two-year case.\n\nThe city had argued the fees were lawful.\n\n"
              "Its lawyers did not return calls.\n\n")
KOWALSKI = "Mayor Anna Kowalski opened the bridge on Tuesday.\n\n"
LONG_PARAGRAPH = (" The work took a year. The river rose twice. The crane broke. The rain never stopped."
                  " The cost doubled.")
RENDELL = "Former Pennsylvania Gov. Ed Rendell spoke first.\n\n"
NOVAK = "Minister Jana Novak arrived late. She spoke about the budget.\n\n"
WATER = "The Riverlands Water Authority said the barrier would be built at Marion.\n\n"
OPINION = "I believe the new stadium will ruin the neighbourhood.\n\nThe council votes next week."
NOTE = "\n\nDr Marguerite Olsson is a columnist and a former lecturer in statistics at Lund University."
KEANE_COURT = ("Declan Keane, 31, pleaded guilty. His solicitor, Conor Fitzgerald, said Keane had not driven "
               'since. "He has sold the van," he said.\n\nThe {age}-year-old, who wore a dark suit, spoke only '
               'once, when the judge gave him the chance to address the court.\n\n"I am sorry," he said.')
NTSB = "The National Transportation Safety Board opened an inquiry on Monday.\n\n"
HAWKS = "The Harbour City Hawks won on Sunday.\n\n"
HALE = "Senator Tom Hale released a statement on Monday.\n\n"
RUIZ = "Economist Ines Ruiz wrote in a study last year that wages were falling.\n\n"
OKAFOR = "Headteacher Ruth Okafor backed the walkout. Her son, Daniel Okafor, 17, led it.\n\nAsked about the march, "
RANSOME_STRIKER = ("Jamie Ransome has signed a new contract with the club.\n\nRansome, 24, had been the subject of a "
                   'bid from abroad.\n\n"This is my club. I grew up two streets from the ground. I want to win the '
                   'league here," the striker said.')
INTERVIEW = "Q: Was it lonely?\n\nA: People think it was lonely. It wasn't."

# Entities to pin in place of the NER's: (surface, label, occurrence); None keeps the NER's.
Entities = list[tuple[str, str, int]] | None
# (rule, text, speaker, pinned entities or None)
Row = tuple[str, str, str | None, Entities]
# Five paragraphs that name nobody: what comes after them is far from what came before.
QUIET_PARAGRAPHS = ("Trading was heavy.\n\nAnalysts were surprised.\n\nThe shares fell.\n\nBonds rose.\n\n"
                    "The index slipped.\n\n")
NAMES: list[Row] = [
    # The parser makes the quote's last words a subject of "said" too; the outlet only reports the quote.
    ("name.full", '"The campaign is in panic mode. Full panic mode," said Leslie Wimes, a South Florida-based '
     "president of the Democratic African-American Women Caucus, according to Politico.", "Leslie Wimes", None),
    ("name.full", '"We will rebuild the bridge by spring," Mayor Anna Kowalski said on Tuesday.',
     "Anna Kowalski", None),
    # Ranks written without a full stop and honorifics of other countries are no part of the name.
    ("name.full", '"We will act," said Lt Col Jane Whitmore, the station chief.', "Jane Whitmore", None),
    ("name.full", '"We will act," said Puan Rosnah Abdul Wahab, a trader.', "Rosnah Abdul Wahab", None),
    ("name.full", '"We will act," said Cde Tendai Mavhunga, the councillor.', "Tendai Mavhunga", None),
    # The Thai police's ranks open with "Pol" ("Pol Col", "Pol Lt Gen"); "Pol" before a name is a name.
    ("name.full", '"We will act," said Pol Lt Gen Somchai Rattanakul.', "Somchai Rattanakul", None),
    ("name.full", "Pol Pot said the revolution had begun.", "Pol Pot", [("Pol Pot", "PERSON", 0)]),
    # A given name that is an honorific elsewhere ("Tuan" in Malaysia) stays part of the name.
    ("name.full", '"We will act," said Tuan Nguyen, a trader.', "Tuan Nguyen", None),
    # The first words of a longer name are that name: a Malay name without the father's name, a Spanish name
    # without its second surname.
    ("name.surname_to_full", 'Committee chairman Ahmad Fauzi Hashim visited the pumps.\n\n"It is not '
     'acceptable," Ahmad Fauzi said.', "Ahmad Fauzi Hashim", None),
    ("name.surname_to_full", 'Farmer Juan Carlos Hernández Ruiz joined the blockade.\n\n"The wells are dry," '
     "Hernández said.", "Juan Carlos Hernández Ruiz", None),
    # After an honorific the words name a person, whatever the NER's label; not the one of two people who
    # have that given name (a Western "Mr. Douglas" is not Douglas Holtz-Eakin either).
    ("name.proper_noun", 'Police chief Somchai Rattanakul and Somchai Thongdee visited.\n\n"We will find out what '
     'went wrong," Mr Somchai said.', "Somchai", [("Somchai", "ORG", 2)]),
    ("name.surname_to_full", KOWALSKI + '"We will rebuild the bridge by spring," Kowalski said.', "Anna Kowalski",
     None),
    ("name.known_full", 'Nadia Vance praised the staff.\n\n"They worked hard," said Nadia Vance.', "Nadia Vance",
     [("Nadia Vance", "PERSON", 0), ("Nadia Vance", "PRODUCT", 1)]),
    ("name.known_surname", RENDELL + '"The state cannot wait," said Rendell.', "Ed Rendell", None),
    # The capitalised words ending a description; a surname that is also a role noun.
    ("name.known_surname", "Ohio Gov. John Kasich won his home state.\n\nThe more moderate Kasich has argued that "
     "his rating is far higher than his rivals.", "John Kasich", None),
    ("name.known_surname", "Television ads could start this week, said Brian Baker, an adviser to the family.\n\n"
     '"Voters are making up their minds," Baker said.', "Brian Baker", [("Brian Baker", "PERSON", 0),
                                                                        ("Baker", "PERSON", 1)]),
    # A sentence's first word that is no name anywhere in the article is not part of the name.
    ("name.known_surname", 'Roger Stone spoke on the radio.\n\nContinued Stone: "So I think it is a real problem."',
     "Roger Stone", None),
    # A missing comma glued the speaker's surname to a body's name, one ORG for the NER.
    ("name.known_surname", "Donald Trump spoke in Ohio.\n\nIn a meeting with the editorial board of the "
     "Washington Post Trump said that the alliance was obsolete.", "Donald Trump",
     [("Donald Trump", "PERSON", 0), ("the Washington Post Trump", "ORG", 0)]),
    ("name.surname_completed", RENDELL + '"The state cannot wait," said Rendell.', "Ed Rendell", []),
    ("name.misspelt", 'Dana Hartman chairs the committee.\n\n"The vote was rushed," Hartmen said.', "Dana Hartman",
     None),
    ("name.tagged_organisation", "Fire chief Eddie Sosa praised the boy.\n\nThe teenager, Marcus Carver, said he had "
     "been up late.", "Marcus Carver", [("Eddie Sosa", "PERSON", 0), ("Marcus Carver", "ORG", 0)]),
    ("name.tagged_organisation", "Defence lawyer Marcus Bell countered that his client was misled.", "Marcus Bell",
     [("Marcus Bell", "ORG", 0)]),
    # The NER's ORG takes the title in: the words after it are the person.
    ("name.tagged_organisation", "Police Sergeant Marcus Bell said the road had been closed.", "Marcus Bell",
     [("Police Sergeant Marcus Bell", "ORG", 0)]),
    # A person's role in apposition after the name; a double given name, a middle initial and a suffix.
    ("name.tagged_organisation", "Jean-Marc Ayrault, the foreign minister of France, said the test was a "
     "provocation.", "Jean-Marc Ayrault", [("Jean-Marc Ayrault", "ORG", 0)]),
    ("name.tagged_organisation", '"We did our part," Vann R. Newkirk II, a writer for The Atlantic, said.',
     "Vann R. Newkirk II", [("Vann R. Newkirk II", "ORG", 0)]),
    # A personal possessive ties a common noun to a person: the name in apposition is theirs.
    ("name.tagged_organisation", "Her educator, Nadia Belanger, who has worked there for 19 years, said the pay "
     "was low.", "Nadia Belanger", [("Nadia Belanger", "ORG", 0)]),
    # An age after the name: bodies have none.
    ("name.tagged_organisation", '"It is the end of the business," said Sutrisno, 52, a fisherman.', "Sutrisno",
     [("Sutrisno", "GPE", 0)]),
    ("name.proper_noun", '"The bridge is safe," said Zebulon Quirke.', "Zebulon Quirke", []),
]
PRONOUNS: list[Row] = [
    # A person as the preposition's object is "who": no climbing to the noun above.
    ("pronoun.relative", "The judge heard a lawyer for Tom Hale, who said the fine was unfair.", "Tom Hale", None),
    # "who" hung on a preposition's object that names no person: the people the phrase follows.
    ("pronoun.relative", "The plan will calm nervous Democrats on Capitol Hill, who have argued that the tax is "
     "unpopular.", "Democrats", None),
    ("pronoun.relative", 'The gala drew singers like Mara Okafor, Jon Pell and Stevie Wonder, who joked, '
     '"I came for the food."', "Stevie Wonder", None),
    ("pronoun.previous_subject", '"We lost the final," coach Tom Hale said.\n\nMara Voss, the club\'s captain, was '
     'blunter.\n\n"We were not good enough," she said.', "Mara Voss", None),
    # A clause hung on a sentence about someone: its subject, not the subject of the sentence before.
    ("pronoun.sentence_subject", "Senator Ruth Hollis argued that her rating was higher.\n\nMayor Tom Hale has "
     "blasted the delegate system, which he said runs the risk of leaving voters out.", "Tom Hale", None),
    # The subject the NER labels a place is still the person the article names so.
    ("pronoun.previous_subject", 'Coach Mick Dunstan praised the side.\n\n"We go again," Peter Voss said.\n\n'
     'Dunstan, who is out of contract, would not be drawn on his future.\n\n"Ask me in September," he said.',
     "Mick Dunstan", [("Mick Dunstan", "PERSON", 0), ("Peter Voss", "PERSON", 0), ("Dunstan", "GPE", 1)]),
    # A description the article ties to someone ("Keane, 31," … "The 31-year-old") as the subject before.
    ("pronoun.previous_subject", KEANE_COURT.format(age=31), "Declan Keane", None),
    # An unnamed source the sentence before is about.
    ("pronoun.previous_unnamed_subject", "Chef Gino Marchetti installed the tub in the spring.\n\nGino's rep hit back "
     'last night. In a statement, she said: "Gino has been a good neighbour for eleven years."', "Gino's rep", None),
    # One unnamed person introduced as such goes on.
    ("pronoun.previous_speaker_adjacent", "Two backbenchers, who asked not to be named, criticised the plan.\n\n"
     'One of them said he would vote against it. "I promised the opposite," he said.', "One of them", None),
    ("pronoun.previous_speaker_in_focus", KOWALSKI + '"We finished early," she said.\n\nThe bridge opened at noon.'
     '\n\n"It cost less," she added.', "Anna Kowalski", None),
    # The subject of what she reports around her own cue is not who "she" is.
    ("pronoun.previous_speaker_adjacent", "Kit Naggar mends nets on the harbour.\n\nHis wife, Yasmine Naggar, sells "
     'the catch. "We will not move," Yasmine Naggar said. Kit Naggar, she said, had not slept since May.',
     "Yasmine Naggar", None),
    ("pronoun.previous_speaker_adjacent", KOWALSKI + '"We finished early," she said. "It cost less," she added.',
     "Anna Kowalski", None),
    ("pronoun.most_salient", "Tom Hale thanked Mayor Anna Kowalski on Tuesday.\n\n\"We finished early,\" she said.",
     "Anna Kowalski", None),
    ("pronoun.previous_speaker", '"We finished early," Anna Kowalski said.' + LONG_PARAGRAPH
     + '\n\n"It cost less than planned," she added.', "Anna Kowalski", None),
    ("pronoun.nearest_named", "Tom Hale met Anna Kowalski in 2019.\n\n" + LONG_PARAGRAPH.strip()
     + '\n\n"It was a disaster," she said.', "Anna Kowalski", None),
    ("pronoun.no_antecedent", '"We finished early," Tom Hale said.' + LONG_PARAGRAPH
     + '\n\n"It cost less than planned," she added.', None, None),
    ("pronoun.singular_they", "Designer Robin Achterberg, who uses they/them pronouns, won the award on Friday.\n\n"
     '"I never expected this," they said.', "Robin Achterberg", None),
    ("pronoun.previous_plural_subject", '"We value our customers," Verizon said.\n\nWorkers objected to the '
     "company's plan to move them. They also said that Verizon was shipping jobs overseas.", "Workers", None),
    ("pronoun.previous_plural_subject", '"We value our customers," Verizon said.\n\nTom Hale and Ruth Adler '
     "opposed the plan on Monday. They said it was flawed.", "Tom Hale and Ruth Adler", None),
    ("pronoun.previous_group", '"We will strike on Monday," the Teamsters Union said.\n\n'
     '"We have no choice," they added.', "Teamsters Union", None),
    ("pronoun.no_group", "Designer Robin Achterberg won the award on Friday.\n\n"
     '"It was an easy choice," they said.', None, None),
]
AUTHORSHIP: list[Row] = [
    ("author.transcript_label", "By Alison Fenwick\n\nMinister Paul Ransome took questions.\n\nMr. Ransome: I "
     "thank my honourable friend for his persistence.", "Paul Ransome", None),
    ("author.byline", "By Tobias Lindqvist\n\n" + OPINION, "Tobias Lindqvist", None),
    ("author.note", OPINION + NOTE, "Marguerite Olsson", None),
    ("author.unnamed", OPINION, None, None),
    ("author.document", "Dr. Harold Bornstein wrote to the campaign in May. "
     "Bornstein's letter said that the candidate was in excellent health.", "Harold Bornstein", None),
]
KEANE = "Shay Keane, 31, saved a penalty as Dunmore won. Defender Tom Boyd, 24, was sent off.\n\n"
ROLES: list[Row] = [
    ("role.described", KEANE + 'The 31-year-old goalkeeper said the save was "the sweetest of my career".',
     "Shay Keane", None),
    ("role.previous_speaker_titled", '"We finished early," Mayor Anna Kowalski said.\n\n'
     '"It cost less than planned," the mayor added.', "Anna Kowalski", None),
    ("role.title_match", "The government spokeswoman, Maria Zakharova, spoke on Monday.\n\n"
     '"This is a provocation," the spokeswoman said.', "Maria Zakharova", None),
    ("role.title_match", 'Sen. Ruth Hollis (D-Ohio) spoke first.\n\n"The board was kept in the dark," the senator '
     'said.', "Ruth Hollis", None),
    ("role.previous_speaker", "Erik Lindahl, the chief executive, said the firm would publish data.\n\nThe valley "
     'is remote.\n\n"We are guests in that valley," the Swede told reporters.', "Erik Lindahl", None),
    # A description as the subject right after a sentence about someone is them, as "he" would be.
    ("role.previous_subject", "Tom Hale has captained a tug on the river for 30 years. The veteran skipper said he "
     "had never seen the water so low.", "Tom Hale", None),
    # Someone named for the first time since the previous quote is who the role describes.
    ("role.introduced_since", '"I ride the train," Harold Winslow said.\n\nHis son, Peter Winslow, has run the company '
     'since 2009. In a speech, the chief executive said the firm was strong.', "Peter Winslow", None),
    # Two men named in the sentence before (so not role.previous_subject): the one most in focus.
    ("role.in_focus", "Tomasz Wierzbicki told Tom Hale about the bakery on Main Street.\n\n"
     "The New York businessman said the rent had doubled.", "Tomasz Wierzbicki", None),
    # An honorific is no office: "Mr. Hale" is not ruled out as "the senator" (another office would be).
    ("role.in_focus", "Tom Hale toured a factory in Ohio on Monday. Mr. Hale met Peter Voss there.\n\n"
     "The senator said the plant would stay open.", "Tom Hale", None),
    # A party in the description: not the previous speaker the article gives no party, but the one it does.
    ("role.in_focus", 'Republican Senator Tom Hale spoke in Ohio. Hale toured a factory. Hale met workers.\n\n'
     '"We will win," said Peter Voss, a pollster.\n\nThe GOP candidate said the bill was late.', "Tom Hale", None),
    # The focus as the quote opens: its own sentences do not move it; a bare surname before the namesake is
    # introduced ("Carol Ransome", after the quote) is the person introduced so far.
    ("role.in_focus", RANSOME_STRIKER + "\n\nHis mother, Carol Ransome, watched from the stand.", "Jamie Ransome",
     None),
    # A role only the headline gives: the one person the body says did what it names ("he founded").
    ("role.headline_role", "At 90, Brennan Rail's founder still rides the morning train\n\nThomas Brennan bought his "
     "first locomotive in 1964. On Saturday, the company he founded celebrated its anniversary.\n\nThe founder "
     "said he had no plans to stop visiting the office.", "Thomas Brennan", None),
    # A relation held for a person: the one other person of their surname whom it fits.
    ("role.relative", OKAFOR + "his mother said she was proud of him.", "Ruth Okafor", None),
    # A relative known by one name is of the surname of the relation that introduces them.
    ("role.relative", "Headteacher Ruth Okafor backed the walkout. Okafor's son, Daniel, 17, led it.\n\nAsked about "
     "the march, his mother said she was proud of him.", "Ruth Okafor", None),
    # Another way of writing the office: "the CEO" is the person titled chief executive.
    ("role.title_match", "Chief executive Richard Voight spoke on a call with analysts.\n\n"
     'The CEO said the plants would close.', "Richard Voight", None),
    # The office written by its initials; an honorific beside the title is no part of them.
    ("role.title_match", "Director General Dr Ayesha Qureshi opened the plant.\n\nThe DG said the kilns would close.",
     "Ayesha Qureshi", None),
    ("role.unresolved", "The spokesman said the road would reopen on Friday.", "spokesman", None),
    ("role.earlier_unnamed", "A transport official, who spoke on condition of anonymity, said the line was unsafe. "
     "Minister Claudia Ruiz said the line was safe.\n\n\"We found cracks,\" the official said.",
     "A transport official", None),
]
ORGANISATIONS: list[Row] = [
    # Outlets and platforms cited as sources, whatever the NER's label.
    ("organisation.outlet", "According to Politico, both areas are home to many black voters.", "Politico", None),
    ("organisation.outlet", '"On this basis," Zero Hedge said, "unemployment is in the mid-30s."', "Zero Hedge",
     [("Zero Hedge", "PERSON", 0)]),
    # Initials the NER tags nothing: the body the article spells out, else a body's name as written.
    ("organisation.acronym", "Christian News Service reported the goal was met.\n\nCNS reported on Monday that "
     "11,491 refugees had arrived.", "Christian News Service", [("Christian News Service", "ORG", 0)]),
    ("organisation.initials", "MNSBC suggested that the candidate had three tasks ahead of her.", "MNSBC", []),
    ("organisation.definite_reference", "Shares of Tessaline Foods fell on Thursday after the Cincinnati-based snack "
     "maker said it would close two plants.", "Tessaline Foods", [("Tessaline Foods", "ORG", 0)]),
    ("organisation.definite_reference", "Klipspruit Platinum met the Association of Mineworkers on Monday.\n\n"
     "The company said the strike had cost it millions.", "Klipspruit Platinum",
     [("Klipspruit Platinum", "ORG", 0), ("the Association of Mineworkers", "ORG", 0)]),
    # The body its own sentence is about, not the one named last inside a phrase.
    ("organisation.definite_reference", "Dunes Freight Logistics will sell a stake in an offering on the Abu Dhabi "
     "Capital Exchange, the company said on Monday.", "Dunes Freight Logistics",
     [("Dunes Freight Logistics", "ORG", 0), ("the Abu Dhabi Capital Exchange", "ORG", 0)]),
    # No body is the sentence's subject: the one named last.
    ("organisation.definite_reference", "Investors bought Dunes Freight Logistics shares on the Abu Dhabi Capital "
     "Exchange, the company said on Monday.", "Abu Dhabi Capital Exchange",
     [("Dunes Freight Logistics", "ORG", 0), ("the Abu Dhabi Capital Exchange", "ORG", 0)]),
    # Accents are no part of what kind of body a name says: a "Fédération" is a union.
    ("organisation.definite_reference", "The Fédération des éducatrices voted to strike on Monday.\n\n"
     "The union said the offer was too low.", "Fédération des éducatrices",
     [("The Fédération des éducatrices", "ORG", 0)]),
    ("organisation.short_name", "A judge let the lawsuit against Northline Logistics go forward.\n\n"
     "Northline said it would appeal.", "Northline Logistics",
     [("Northline Logistics", "ORG", 0), ("Northline", "ORG", 1)]),
    # A person the NER tagged ORG is not the company last named.
    ("organisation.definite_reference", "Harlow Freight Ltd reported its results on Monday. Its driver Lachlan Pike "
     "was hurt.\n\nThe company said sales fell.", "Harlow Freight Ltd",
     [("Harlow Freight Ltd", "ORG", 0), ("Lachlan Pike", "ORG", 0)]),
    ("organisation.named", "The Interior Ministry said the road would reopen on Friday.", "Interior Ministry", None),
    # A council named after a list of places, which the NER keeps only the last of.
    ("organisation.named", "Landowners refused to sell, Newry, Mourne and Down District Council confirmed.",
     "Newry, Mourne and Down District Council", [("Down District Council", "ORG", 0)]),
    # A name the NER cut in two after a possessive inside it.
    ("organisation.named", "The Seoul Night Riders' Solidarity said the cuts would hurt shift workers.",
     "Seoul Night Riders' Solidarity", [("The Seoul Night Riders'", "ORG", 0), ("Solidarity", "ORG", 0)]),
    # A name that goes on after "of the" with small words inside it; a headline's colon ends a name.
    ("organisation.named", "The Science and Technology Directorate of the Department of Homeland Security concluded "
     "that none of the methods were suited to the task.",
     "Science and Technology Directorate of the Department of Homeland Security",
     [("The Science and Technology Directorate", "ORG", 0)]),
    ("organisation.named", "Judicial Watch: State Department Hid Key Clinton Benghazi Email For Years\n\nThe State "
     "Department withheld a key email in 2014.", "Judicial Watch", [("Judicial Watch: State Department", "ORG", 0)]),
    # A body named after the place it governs, which the NER stops before "of".
    ("organisation.named", "The Canton of Valais said the residents could return on Monday.", "Canton of Valais",
     [("Canton", "GPE", 0), ("Valais", "ORG", 0)]),
    ("organisation.named_before", "The Canton of Valais met on Monday.\n\nThe canton said the road would reopen.",
     "Canton of Valais", [("Canton", "GPE", 0), ("Valais", "ORG", 0)]),
    # The body that spoke just before, though another that fits was named before it ...
    ("organisation.definite_reference", "The Air Travel Consumers Association called for fines.\n\nSkyBridge's "
     "pilots' union said the company had ignored warnings. The union said pilots were on hold for hours.",
     "SkyBridge's pilots' union", [("The Air Travel Consumers Association", "ORG", 0)]),
    # ... but not when a body the noun fits is named since.
    ("organisation.definite_reference", "SkyBridge's pilots' union said the company had ignored warnings.\n\n"
     "The Transport Workers Federation joined the strike. The union said pilots were on hold for hours.",
     "Transport Workers Federation", [("The Transport Workers Federation", "ORG", 0)]),
    # The NER's place label on a lower-case "canton" names no body: the canton the article names further on.
    ("organisation.named_later", "Village must prepare to leave, canton says\n\nResidents must leave.\n\n"
     "The Canton of Valais said the slope was moving.", "Canton of Valais",
     [("canton", "GPE", 0), ("Canton", "GPE", 0), ("Valais", "ORG", 0)]),
    # A name in apposition to a noun for a body, whatever the NER's label on it.
    ("organisation.apposed_name", "Farmers blocked the road. The group, the Colón Water Defense Front, said the "
     "permits were unfair.", "Colón Water Defense Front", [("the Colón Water Defense Front", "ORG", 0)]),
    ("organisation.apposed_name", "The blockade ended at 5 p.m., the newspaper La Voz de Colón reported.",
     "La Voz de Colón", [("La Voz de Colón", "FAC", 0)]),
    # Of two universities, the one that has spoken; a possessor says which office.
    ("organisation.named_before", "Pennington University released the study.\n\nThe university said the work "
     "was funded by a grant.\n\nHelen Marsh, an entomologist at Kennet University, praised the work.\n\n"
     "The university said the findings would be presented in March.", "Pennington University",
     [("Pennington University", "ORG", 0), ("Kennet University", "ORG", 0)]),
    ("organisation.named_before", "The Office of the Tolling Ombudsman opened an inquiry.\n\nThe ombudsman's "
     "office said it would consider compensation.", "Office of the Tolling Ombudsman",
     [("The Office of the Tolling Ombudsman", "ORG", 0)]),
    # One company written with and without its legal form: its fullest name.
    ("organisation.definite_reference", "Pawsome Brands cut its outlook.\n\nPawsome Brands Inc cut its forecast on "
     "Monday. Analysts asked whether Pawsome was chasing private label.\n\nThe company said sales fell.",
     "Pawsome Brands Inc", [("Pawsome Brands", "ORG", 0), ("Pawsome Brands Inc", "ORG", 0), ("Pawsome", "ORG", 2)]),
    # "a group": the one civic group the article names further on.
    ("organisation.named_later", "Pumps left idle for months, residents' group claims\n\nThe pumps were out of "
     "action.\n\nThe Jelutong Flood Victims Action Committee said it had reported the pumps.",
     "Jelutong Flood Victims Action Committee", [("The Jelutong Flood Victims Action Committee", "ORG", 0)]),
    # Far back, but the only union the article names.
    ("organisation.definite_reference", "The Association of Mineworkers called the strike.\n\nShafts closed.\n\n"
     "Shops shut.\n\nBuses stopped.\n\nSchools closed.\n\nTalks failed.\n\nThe union said the talks would resume.",
     "Association of Mineworkers", [("The Association of Mineworkers", "ORG", 0)]),
    # The kind of body a headline gives, named further on.
    ("organisation.named_later", "Cyclists' union says fines are a tax\n\nCyclists will be fined from May.\n\n"
     "The Harbour Cyclists' Union said the plan was unfair.", "Harbour Cyclists' Union",
     [("The Harbour Cyclists' Union", "ORG", 0)]),
    # A club's name tagged a place: "the club" is the body it names.
    ("organisation.definite_reference", "Jamie Ransome has signed a new contract with Port Adrian FC.\n\nThe club "
     "said the deal ran for four years.", "Port Adrian FC",
     [("Jamie Ransome", "PERSON", 0), ("Port Adrian FC", "GPE", 0)]),
    # One member of a party or a people, unnamed: not the party.
    ("organisation.named", "One Republican threatened to make the official testify in public.", "One Republican",
     None),
    # A headline's "N. Korea" tagged a person is the place the article names in full, not a namesake of it.
    ("organisation.named", "Leaders denounce N. Korea test.\n\nThe latest test, North Korea said, was its biggest "
     "yet.", "North Korea", [("N. Korea", "PERSON", 0), ("North Korea", "GPE", 0)]),
    ("organisation.with_article", 'The Dunmore Courier called the comeback "competent".', "Dunmore Courier", None),
    ("organisation.named_before", WATER + '"The modelling is clear," the authority said in a statement.',
     "Riverlands Water Authority", None),
    ("organisation.single_word", 'Governor Varga opened the meeting.\n\n"The plan is fair," Varga told '
     "reporters.", "Varga", [("Varga", "ORG", 0), ("Varga", "ORG", 1)]),
    ("organisation.legal_form", '"Sales fell," Winslow Freight Ltd said.', "Winslow Freight Ltd",
     [("Winslow Freight Ltd", "PERSON", 0)]),
    # Written with its legal form once, the company is a company wherever the NER calls it a person.
    ("organisation.legal_form", 'Winslow Freight Ltd reported a loss.\n\n"Sales fell," Winslow Freight said.',
     "Winslow Freight", [("Winslow Freight", "PERSON", 1)]),
    # Used as a body's name elsewhere: "which" (people are "who"), a noun only a body has.
    ("organisation.used_as_body", 'Winslow Freight, which runs the trains, was fined.\n\n"Sales fell," Winslow '
     "Freight said.", "Winslow Freight", [("Winslow Freight", "PERSON", 0), ("Winslow Freight", "PERSON", 1)]),
    ("organisation.used_as_body", "Winslow Freight's founder retired.\n\nWinslow Freight said sales fell.",
     "Winslow Freight", [("Winslow Freight's", "PERSON", 0), ("Winslow Freight", "PERSON", 1)]),
    # … or an appositive that calls it a body.
    ("organisation.used_as_body", "According to Policy Tracker, a nonpartisan research group, 19 states have passed "
     "bans.", "Policy Tracker", [("Policy Tracker", "PERSON", 0)]),
    # A company name's last word, printed once, makes the shorter name a company too, under its full name.
    ("organisation.legal_form", 'Kowloon Crest Holdings reported a loss.\n\n"Sales fell," Kowloon Crest said.',
     "Kowloon Crest Holdings", [("Kowloon Crest Holdings", "ORG", 0), ("Kowloon Crest", "PERSON", 1)]),
    ("organisation.acronym", NTSB + "The NTSB said the pilot was tired.", "National Transportation Safety Board",
     None),
    # A short name written as a word, defined in brackets, that the NER takes for a person.
    ("organisation.defined_short_name", "The Association of Mineworkers and Allied Workers (Amawu) called the "
     "strike.\n\nAmawu said the accident was the result of cost-cutting.",
     "Association of Mineworkers and Allied Workers",
     [("Association of Mineworkers and Allied Workers", "ORG", 0), ("Amawu", "PERSON", 1)]),
    # A body's name the NER tagged a place, defined in brackets: it ends in a body's word.
    ("organisation.defined_short_name", "He said the Penang Island City Council (MBPP) would take over the pond.\n\n"
     "MBPP said the screens were cleared.", "Penang Island City Council",
     [("the Penang Island City Council", "LOC", 0), ("MBPP", "ORG", 1)]),
    # A name whose other words are written in lower case, cut by the NER after its first: the initials spell it.
    ("organisation.defined_short_name", "The Fédération des éducatrices en petite enfance (FEPE) called the "
     "strike.\n\nFEPE said the offer was too low.", "Fédération des éducatrices en petite enfance",
     [("Fédération", "ORG", 0), ("FEPE", "PERSON", 1)]),
    ("organisation.short_name", HAWKS + '"The coach stays," the Hawks said.', "Harbour City Hawks", None),
    ("organisation.definite_reference", "Orlan Corp. reported a loss.\n\nThe company said sales fell.", "Orlan Corp.",
     None),
    # A body the NER tagged but the sentence writes as a place is no company.
    ("organisation.definite_reference", "Harlow Mills will close its plants in Dayton.\n\nThe company said sales "
     "fell.", "Harlow Mills", [("Harlow Mills", "ORG", 0), ("Dayton", "ORG", 0)]),
    # Far back, the body the story is about: named at least twice as often as the data firm it cites once.
    ("organisation.definite_reference", "Orlan Corp. reported a loss.\n\nOrlan Corp. shares fell, according to "
     "Meridian Data.\n\nOrlan Corp. was founded in 1950.\n\n" + QUIET_PARAGRAPHS + "The company said sales fell.",
     "Orlan Corp.", [("Orlan Corp.", "ORG", 0), ("Orlan Corp.", "ORG", 1), ("Meridian Data", "ORG", 0),
                     ("Orlan Corp.", "ORG", 2)]),
    ("organisation.of_person", "Senator Ruth Adler spoke in Dayton.\n\nHer campaign said the poll was wrong.",
     "Adler campaign", None),
]
# Sources the article does not name: groups, one unnamed person, documents (tests/nlp/test_sources_rules.py
# checks their types and the anonymous flag).
SOURCES: list[Row] = [
    ("group.named_members", "The Dunmore Courier and the Gannett newspaper chain said the records should be public.",
     "Dunmore Courier and the Gannett newspaper chain", None),
    ("group.named_members", "Obama and Clinton said the deal was fair.", "Obama and Clinton", None),
    # A list of three names, which the parser reads as a name with an appositive that has a conjunct.
    ("group.named_members", "Jeff Merkley, Sherrod Brown and Robert Menendez all said the fine was too small.",
     "Jeff Merkley, Sherrod Brown and Robert Menendez", None),
    ("group.of_whom", "The plan angered family members of the victims, many of whom say the claims are unfounded.",
     "family members of the victims", None),
    ("group.pronoun", "Some Republicans are so opposed to the deal that they say it must be stopped.",
     "Some Republicans", None),
    ("group.pronoun", "The Harbour Trust inspected the pier on Monday. They said it was unsafe.", "Harbour Trust",
     [("The Harbour Trust", "ORG", 0)]),
    ("group.pronoun", "Residents gathered outside the hall. The water was brown. They said it tasted of iron.",
     "Residents", None),
    ("group.description", "Transport officials said the line would reopen on Monday.", "Transport officials", None),
    ("unnamed.description", "A source familiar with the talks said the deal was close.",
     "A source familiar with the talks", None),
    ("description.as_written", WATER + '"The modelling is flawed," the council said in a statement.', "council",
     None),
    ("document.owner", HALE + "His statement said the bill was flawed.", "Tom Hale", None),
    ("document.owner", "Ratings agency Meridian Credit said it had placed the rating on review. Its report said "
     "the interest cover had fallen.", "Meridian Credit", None),
    ("document.owner", "An audit of the waste service by accountants Marsh Fenwick said the fleet was old.",
     "Marsh Fenwick", None),
    ("document.owner", "A study by researchers at the Nordic Polar Institute found that the glacier was melting.",
     "Nordic Polar Institute", None),
    ("document.later_owner", "A study published on Wednesday found that the glacier was melting.\n\nThe study, led "
     "by researchers at the Nordic Polar Institute, used sonar to measure the ice.", "Nordic Polar Institute", None),
    # Not a body inside what the document said before.
    ("pronoun.it", 'The filing said the group would record a net loss for the year. "The board considers that the '
     'losses are non-cash in nature," it said.', "filing", None),
    # A body whose name ends in a plural is still "it".
    ("pronoun.it", "Capital Rail Services, the consortium that runs the trains, issued a statement. It says the "
     "engineers are working.", "Capital Rail Services", [("Capital Rail Services", "ORG", 0)]),
    ("pronoun.it", "The complaint, filed last year, says supervisors ignored the heat. It says one worker collapsed.",
     "complaint", None),
    # A document a person issued is still a document: "it" may stand for it.
    ("pronoun.it", "Senator Tom Hale said in a statement that the bill was flawed. The statement said the vote would "
     "be close. Turnout would be low, it said.", "Tom Hale", None),
    # The agent a common noun introduces by name.
    ("document.owner", "According to data compiled by the statistics website CricLedger, he is the youngest batter "
     "to score 200.", "CricLedger", [("CricLedger", "ORG", 0)]),
    # The NER ran the owner's name on past the comma that ends the phrase.
    ("document.owner", "According to a 2023 report by the Malta Tourism Observatory, Sliema already has the most "
     "hotel beds.", "Malta Tourism Observatory", [("the Malta Tourism Observatory, Sliema", "ORG", 0)]),
    # A name whose own words run past a comma is kept whole.
    ("organisation.named", "Acme, Inc. said on Monday that sales fell.", "Acme, Inc.", [("Acme, Inc.", "ORG", 0)]),
    ("document.earlier_owner", RUIZ + "The study said rents had doubled.", "Ines Ruiz", None),
    # The owner given by a pronoun the article resolves: "In a statement, he said …".
    ("document.earlier_owner", "Senator Tom Hale spoke on Monday. In a statement, he said the bill was flawed. The "
     "statement said the vote would be close.", "Tom Hale", None),
    # ... and by a pronoun that stands for an unnamed source: the statement is that source's.
    ("document.earlier_owner", "A spokeswoman for the port authority hit back on Monday. In a statement, she said "
     "the fee was fair. The statement said the vote would be close.", "A spokeswoman for the port authority", None),
    # Signed by the body's own officer ("its spokesman"): the body issued it.
    ("document.earlier_owner", "The Ministry of Health, in a statement signed by its spokesman, John Mensah, said "
     "the clinics would open. According to the statement, ten clinics would open in May.", "Ministry of Health",
     None),
    # Signed by someone who is not introduced as the subject's officer: the signer's.
    ("document.earlier_owner", "The union, in a statement signed by Health Minister Kofi Boateng, said the strike "
     "would end. The statement said the talks would resume.", "Kofi Boateng", None),
    ("document.as_written", "The audit said the funds were misused.", "audit", None),
    ("document.owner", "A research note from Gulfstone Securities warned that margins could narrow.",
     "Gulfstone Securities", None),
    # A paper from a person's or a body's issuing part is theirs; a report to a council's organ is the council's.
    ("document.owner", "Governor Hesham al-Masry visited the port on Monday.\n\nA statement from the governor's "
     "office later said the meeting would go ahead.", "Hesham al-Masry", None),
    ("document.owner", "Cwm Teifi County Council launched a consultation on Tuesday. A report to the council's "
     "cabinet said the schools had a repair backlog.", "Cwm Teifi County Council",
     [("Cwm Teifi County Council", "ORG", 0)]),
    ("document.owner", "Wyreside Borough Council will vote on Monday. A report to cabinet said the pool needed "
     "repairs.", "Wyreside Borough Council", [("Wyreside Borough Council", "ORG", 0)]),
    # A body named by the place it governs owns what it issues.
    ("document.earlier_owner", "Utrecht municipality said in a written briefing to councillors that the fee would "
     "rise. According to the briefing, the garages were full.", "Utrecht municipality", [("Utrecht", "GPE", 0)]),
    # A document not named before, right after a body's statement: the body's.
    ("document.previous_body", "The Refugee Processing Center said that most of the refugees were Sunni Muslims. "
     "According to the data, few of them are Christians.", "Refugee Processing Center",
     [("The Refugee Processing Center", "ORG", 0)]),
    # The same document again: the owner found when it was a source before.
    ("document.earlier_owner", "Dunes Freight Logistics said it would sell a stake. The offer opens on November 18, "
     "according to the offer prospectus. About 10 per cent of the shares are reserved, the prospectus says.",
     "Dunes Freight Logistics", [("Dunes Freight Logistics", "ORG", 0)]),
    # A body's name in capitals that no rule resolves is the owner as written.
    ("document.owner", "A statement from the Prime Minister's Office said the piers would be reviewed.",
     "Prime Minister's Office", []),
    # The NER takes the possessive into the owner's name; the owner is the name without it.
    ("document.owner", "According to Maricopa County's annual heat report, indoor heat deaths rose by a third.",
     "Maricopa County", [("Maricopa County's", "GPE", 0)]),
    # Documents by other names: a company's trading update, a research paper, an assessment, a prospectus.
    ("document.earlier_owner", "Hallam Homes issued a trading update on Monday. The update said reservations had "
     "fallen.", "Hallam Homes", None),
    ("document.as_written", "The paper says the bacterium produces an enzyme.", "paper", None),
    ("document.as_written", "About 10 per cent of the shares are reserved for investors, the prospectus says.",
     "prospectus", None),
]
NEIGHBOURS: list[Row] = [
    ("neighbour.interviewee", "For 31 years, Robert Campbell kept the light on the island. We asked him about it.\n\n"
     + INTERVIEW, "Robert Campbell", None),
    ("neighbour.interview_unnamed", INTERVIEW, None, None),
    ("neighbour.previous_sentence", 'The council met on Monday. Mayor Anna Kowalski opened the session. '
     '"The bridge is safe."', "Anna Kowalski", None),
    ("neighbour.exchange", '"Is the bridge safe?" asked Tom Hale.\n\n"Completely safe," Anna Kowalski replied.\n\n'
     '"Are you sure?"', "Tom Hale", None),
    ("neighbour.previous_quote", 'Dr. Quentin Farraday spoke to the press.\n\n"The trial succeeded," Farraday said.'
     '\n\n"We will publish the data next month."', "Quentin Farraday", None),
    ("neighbour.previous_paragraph", NOVAK + '"The deficit is falling."', "Jana Novak", None),
    ("neighbour.none", 'The weather was cold.\n\n"The bridge is safe."', None, None),
]
LATER: list[Row] = [
    ("role.named_later", "Budget row deepens\n\nNorway's finance minister said on Thursday that the cuts were "
     'painful but necessary.\n\n"We cannot borrow our way out," Ingrid Solberg told parliament.', "Ingrid Solberg",
     None),
    # Named with the title five paragraphs on, without a word quoted: the one judge of the article.
    ("role.titled_later", JUDGE_LEDE + "The case was heard by Superior Court Justice Maria Delgado, who joined the "
     "bench in 2019.", "Maria Delgado", None),
    # A Title Case headline ended with a full stop is a headline too.
    ("role.titled_later", "Retired General Reveals Doubts About The Plan.\n\nRetired Air Force Gen. Norman Ham "
     "is speaking out ahead of the election.", "Norman Ham", None),
]

# Rules whose rows look at the article's first statement rather than its last.
FIRST_STATEMENT = {"role.named_later", "role.titled_later", "document.later_owner", "organisation.named_later"}

# (rule that must not decide, text, the rule that decides instead, speaker, pinned entities or None)
NEGATIVES: list[tuple[str, str, str | None, str | None, Entities]] = [
    # Nobody else of the surname fits the relation's gender (or two do): the relation stays as written.
    ("role.relative", OKAFOR + "his father said he was proud of him.", "role.unresolved", "his father", None),
    ("role.relative", "Headteacher Ruth Okafor backed the walkout. Okafor's son, Daniel, 17, led it.\n\nAsked about "
     "the march, his father said he was proud of him.", "role.unresolved", "his father", None),
    ("role.relative", "Ruth Okafor and Mary Okafor backed the walkout. Daniel Okafor, 17, led it.\n\nAsked about the "
     "march, his mother said she was proud of him.", "role.unresolved", "his mother", None),
    # Both namesakes introduced before the bare surname: which one it means is open, so nobody is in focus.
    ("role.in_focus", "Jamie Ransome signed a new contract, and his mother, Carol Ransome, was there.\n\nRansome had "
     'been the subject of a bid.\n\n"This is my club. I grew up two streets from the ground. I want to win the league '
     'here," the striker said.', "role.unresolved", "striker", None),
    # An age nobody is given is no one's: not the most prominent person's either (the role stays as written).
    ("role.described", KEANE + 'The 29-year-old goalkeeper said the save was "the sweetest of my career".',
     "role.unresolved", "29-year-old goalkeeper", None),
    # A surname is not the full name, and the full name not a surname.
    ("name.full", KOWALSKI + '"We will rebuild," Kowalski said.', "name.surname_to_full", "Anna Kowalski", None),
    ("name.surname_to_full", '"We will rebuild," Mayor Anna Kowalski said.', "name.full", "Anna Kowalski", None),
    # The PERSON entity decides before the unlabelled words are read.
    ("name.known_full", 'Nadia Vance praised the staff.\n\n"They worked hard," said Nadia Vance.', "name.full",
     "Nadia Vance", [("Nadia Vance", "PERSON", 0), ("Nadia Vance", "PERSON", 1)]),
    # A bare surname nobody in the article has: not a known person's.
    ("name.known_surname", '"The state cannot wait," said Rendell.', "name.proper_noun", "Rendell", []),
    # A given name before the surname is a name: Rose Stone is not Roger Stone.
    ("name.known_surname", 'Roger Stone spoke on the radio.\n\nRose Stone: "So I think it is a real problem."',
     "name.proper_noun", "Rose Stone", None),
    # A role noun in lower case is the role, not the person of that surname.
    ("name.known_surname", "Television ads could start this week, said Brian Baker, an adviser to the family.\n\n"
     '"We sold out by noon," the baker said.', "role.previous_subject", "Brian Baker", None),
    # The full name is the NER's person: the known person answers before the text is searched.
    ("name.surname_completed", RENDELL + '"The state cannot wait," said Rendell.', "name.known_surname", "Ed Rendell",
     None),
    # "Cole" and "Cold" are one edit apart; names this short are never matched across a typo.
    ("name.misspelt", 'Inspector Maya Cole opened the inquiry on Monday.\n\n"We found nothing unusual," Cold said.',
     "name.proper_noun", "Cold", [("Maya Cole", "PERSON", 0)]),
    # A body named after a titled person ends in a body's noun: it is the body.
    ("name.tagged_organisation", "The Senator Kennedy Center said it would close in May.", "organisation.named",
     "Senator Kennedy Center", [("Senator Kennedy Center", "ORG", 0)]),
    # "Its" ties the noun to a body, not a person: the name in apposition stays the body's.
    ("name.tagged_organisation", "Its parent company, Halden Group, said profits rose.", "organisation.apposed_name",
     "Halden Group", [("Halden Group", "ORG", 0)]),
    # A personal possessive before a noun for a body: the name in apposition is the body's, no person's.
    ("name.tagged_organisation", "His company, Halden Group, said profits rose.", "organisation.apposed_name",
     "Halden Group", [("Halden Group", "ORG", 0)]),
    # A number after a team's name in brackets is a score or a count, not an age: out of an age's range here.
    ("name.tagged_organisation", '"We were robbed," said Harbour Rangers (4) after the final.', "organisation.named",
     "Harbour Rangers", [("Harbour Rangers", "ORG", 0)]),
    # A body's noun in apposition after the name ("the investment bank") is no person's role.
    ("name.tagged_organisation", "Goldman Sachs, the investment bank, said profits rose.", "organisation.named",
     "Goldman Sachs", [("Goldman Sachs", "ORG", 0)]),
    # A company after "the bank" is no titled person.
    ("name.tagged_organisation", "The bank Wells Fargo said it would pay.", "organisation.named", "Wells Fargo",
     [("Wells Fargo", "ORG", 0)]),
    # A role before a company's name is no person's title: the name ends as a company's does.
    ("name.tagged_organisation", "Hong Kong developer Kowloon Crest Holdings said it expected a loss.",
     "organisation.named", "Kowloon Crest Holdings", [("Kowloon Crest Holdings", "ORG", 0)]),
    # A proper noun after "The" is an organisation's name.
    ("name.proper_noun", '"The bridge is safe," said The Dunmore Courier.', "organisation.with_article",
     "Dunmore Courier", []),
    # "who" without a relative clause under it is no relative pronoun.
    ("pronoun.relative", "Who said the bridge was safe?", "description.as_written", None, None),
    # The subject of the sentence before is a woman: "he" is the previous speaker.
    ("pronoun.previous_subject", '"We lost the final," coach Tom Hale said.\n\nElena Voss, the club\'s captain, was '
     'blunter.\n\n"We were not good enough," he said.', "pronoun.previous_speaker_in_focus", "Tom Hale", None),
    # A spokeswoman is no "he": the named speaker before.
    ("pronoun.previous_unnamed_subject", '"We will appeal," Tom Hale said on Monday.\n\nA spokeswoman for the port '
     'declined to comment. "We are not worried," he said.', "pronoun.previous_speaker_in_focus", "Tom Hale", None),
    # Someone else of a compatible gender named between the subject and the pronoun: not that subject.
    ("pronoun.sentence_subject", "Mayor Tom Hale spoke first.\n\nSenator Paul Amberg met Tom Hale on Monday, after "
     "which he said the delegate system was rigged.", "pronoun.previous_subject", "Tom Hale", None),
    # Someone else named between the quote and the pronoun: not the previous speaker by adjacency.
    # An object pronoun is not the subject of its own clause: "daring him" is not the Republican who dares.
    ("pronoun.previous_speaker_adjacent", "Tom Kadzik would not say.\n\nOne Republican threatened to make Kadzik "
     "testify, in effect daring him to say that Congress was not entitled to it.", "pronoun.previous_subject",
     "Tom Kadzik", None),
    ("pronoun.previous_speaker_adjacent", '"We will win," Peter Voss said in a statement. Tom Hale disagreed.\n\n'
     'He added: "The people are with us."', "pronoun.previous_subject", "Tom Hale", None),
    # Someone else of a fitting gender named in the sentence before: which of them it describes is open.
    ("role.previous_subject", "Ben Carson met Tom Hale on Tuesday. The retired neurosurgeon said he expected "
     "scrutiny.", "description.as_written", "retired neurosurgeon", None),
    # A man's given name says his gender though the NER took his name for a body's: "She" is not him.
    ("pronoun.previous_speaker_adjacent", "Her neighbor, Marcus Bell, said his son was ill.\n\nShe said the office "
     "had stopped answering.", "pronoun.no_antecedent", None, [("Marcus Bell", "ORG", 0)]),
    # Nobody salient at the pronoun: the previous speaker, but not "in focus".
    ("pronoun.previous_speaker_in_focus", '"We finished early," Anna Kowalski said.' + LONG_PARAGRAPH
     + '\n\n"It cost less than planned," she added.', "pronoun.previous_speaker", "Anna Kowalski", None),
    # The only person in focus is a man.
    ("pronoun.most_salient", 'Tom Hale opened the bridge on Tuesday.\n\n"We finished early," she said.',
     "pronoun.no_antecedent", None, None),
    # The previous speaker is a man: "she" is someone else.
    ("pronoun.previous_speaker", '"We finished early," Tom Hale said.' + LONG_PARAGRAPH
     + '\n\n"It cost less than planned," she added.', "pronoun.no_antecedent", None, None),
    # No woman named before: nobody.
    ("pronoun.nearest_named", 'Tom Hale met the council in 2019.\n\n"It was a disaster," she said.',
     "pronoun.no_antecedent", None, None),
    # A woman named just before: the pronoun is hers.
    ("pronoun.no_antecedent", KOWALSKI + '"We finished early," she said.', "pronoun.previous_subject", "Anna Kowalski",
     None),
    # Without a they/them declaration, "they" is a group.
    ("pronoun.singular_they", "Designer Robin Achterberg won the award on Friday.\n\n"
     '"It was an easy choice," they said.', "pronoun.no_group", None, None),
    # The previous speaker is a person, not a group.
    ("pronoun.previous_group", '"We will strike on Monday," Anna Kowalski said.\n\n"We have no choice," they added.',
     "pronoun.no_group", None, None),
    ("pronoun.no_group", '"We will strike on Monday," the Teamsters Union said.\n\n"We have no choice," they added.',
     "pronoun.previous_group", "Teamsters Union", None),
    # The subject before is no one who speaks: the group quoted before.
    ("pronoun.previous_plural_subject", '"We value our customers," Verizon said.\n\nThe prices rose sharply in May. '
     "They said the rise would not last.", "pronoun.previous_group", "Verizon", None),
    # A byline of two authors names no single "I".
    ("author.byline", "By Tobias Lindqvist and Hanna Berg\n\n" + OPINION, "author.unnamed", None, None),
    # "We" is never the author named in the note.
    ("author.note", "We believe the new stadium will ruin the neighbourhood." + NOTE, "author.unnamed", None, None),
    ("author.unnamed", "By Tobias Lindqvist\n\n" + OPINION, "author.byline", "Tobias Lindqvist", None),
    # A role's owner is not the speaker, and a role is no document.
    ("author.document", "Drummer Kev Jones' wife once called the tour \"three months of hell\".", "role.unresolved",
     "Drummer Kev Jones' wife", None),
    # The previous speaker holds another office: the mayor is someone else, whom the article does not name.
    ("role.previous_speaker_titled", '"We finished early," Governor Lisa Marsh said.\n\n'
     '"It cost less than planned," the mayor added.', "role.unresolved", "mayor", None),
    # Only a qualified leader is a head of state: "its leader" is not the premier.
    ("role.title_match", "Prime Minister Henri Leclerc thanked her for her service.\n\n"
     "The opposition was unimpressed. Its leader said the resignation came far too late.",
     "role.unresolved", "Its leader", None),
    # A plural role is several people, an indefinite one someone new: neither is the titled person.
    ("role.title_match", "Economist Petra Lind said rates would rise.\n\nEconomists warned that the increases "
     "risked a recession.", "group.description", "Economists", None),
    ("role.title_match", "The government spokeswoman, Maria Zakharova, spoke on Monday.\n\n"
     '"This is a provocation," a spokeswoman said.', "role.unresolved", "a spokeswoman", None),
    ("role.previous_speaker_titled", '"We finished early," Mayor Anna Kowalski said.\n\n'
     '"It cost less than planned," a mayor added.', "role.unresolved", "a mayor", None),
    # An indefinite description introduces someone: not a person named before it.
    ("role.described", KEANE + "A 31-year-old goalkeeper said the pitch was too wet.", "role.unresolved",
     "A 31-year-old goalkeeper", None),
    # A name that qualifies a common noun is not who speaks: their supporters, the residents of a place.
    ("name.surname_to_full", "Hillary Clinton spoke in Miami.\n\nClinton campaign officials said the "
     "strategy was sound.", "group.description", "Clinton campaign officials", None),
    ("name.full", "Residents of Jawahar Nagar say they get water for forty minutes.", "group.description",
     "Residents of Jawahar Nagar", None),
    # An indefinite role refers back to nobody: one unnamed Swede.
    ("role.previous_speaker", "Erik Lindahl, the chief executive, said the firm would publish data.\n\n"
     '"We are guests in that valley," a Swede told reporters.', "organisation.named", "a Swede", None),
    ("role.in_focus", "The New York businessman said the rent had doubled.", "role.unresolved", "New York businessman",
     None),
    # Nobody named since the previous quote: its speaker.
    ("role.introduced_since", "Erik Lindahl, the chief executive, said the firm would publish data.\n\n"
     '"We are guests in that valley," the Swede told reporters.', "role.previous_subject", "Erik Lindahl", None),
    # Named since, but inside a phrase, not introduced as a subject: the previous speaker.
    ("role.introduced_since", '"I ride the train," Harold Winslow said.\n\nLawyers for Peter Winslow filed papers '
     'in May. In a speech, the chief executive said the firm was strong.', "role.previous_speaker", "Harold Winslow",
     None),
    # The previous speaker talked about the founder: the founder is someone else, nobody the article names.
    ("role.previous_speaker", 'Peter Winslow said the firm\'s founder had "never once asked for credit".\n\n'
     '"I will keep coming in," the founder said.', "role.unresolved", "founder", None),
    # A role held for a body or a person is someone new, not the one who just spoke or is in focus.
    ("role.previous_speaker", '"They paid my rent," said Mrs Lee, a 71-year-old retired teacher.\n\nThe company\'s '
     "spokeswoman said it remained profitable.", "role.unresolved", "company's spokeswoman", None),
    ("role.in_focus", "Tomasz Wierzbicki runs the bakery on Main Street.\n\nHis lawyer said the rent had doubled.",
     "role.unresolved", "His lawyer", None),
    ("role.unresolved", "Sources said the road would reopen on Friday.", "group.description", "Sources", None),
    # An organisation named before with another head: "the council" is not the authority.
    ("organisation.named_before", WATER + '"The modelling is flawed," the council said in a statement.',
     "description.as_written", "council", None),
    ("organisation.named", "Sources said the road would reopen on Friday.", "group.description", "Sources", None),
    ("organisation.with_article", '"The bridge is safe," said Zebulon Quirke.', "name.proper_noun", "Zebulon Quirke",
     []),
    # No legal form anywhere: a person's two names stay a person's.
    ("organisation.legal_form", 'Harold Winslow founded the firm.\n\n"Sales fell," Harold Winslow said.',
     "name.full", "Harold Winslow", None),
    # "who", and a given name first: a person the article writes as one.
    ("organisation.used_as_body", 'Nadia Winslow, who runs the trains, was fined.\n\n"Sales fell," Nadia '
     "Winslow said.", "name.full", "Nadia Winslow", [("Nadia Winslow", "PERSON", 0), ("Nadia Winslow", "PERSON", 1)]),
    ("organisation.used_as_body", "Harold Winslow's founder retired.\n\nHarold Winslow said sales fell.",
     "name.full", "Harold Winslow", [("Harold Winslow's", "PERSON", 0), ("Harold Winslow", "PERSON", 1)]),
    # An appositive that gives a role, not a body.
    ("organisation.used_as_body", "According to Policy Tracker, a senior engineer at the plant, 19 states have passed "
     "bans.", "name.full", "Policy Tracker", [("Policy Tracker", "PERSON", 0)]),
    # The body's name ends with no one's surname: the body.
    ("name.known_surname", "Donald Trump spoke in Ohio.\n\nIn a meeting with the editorial board, the Washington "
     "Post said that the alliance was obsolete.", "organisation.named", "Washington Post",
     [("Donald Trump", "PERSON", 0), ("the Washington Post", "ORG", 0)]),
    # A given name before the surname: a person the NER tagged ORG, not a glued body.
    ("name.known_surname", "Denise Carver called the fire brigade.\n\nThe teenager, Marcus Carver, said he had been "
     "up late.", "name.tagged_organisation", "Marcus Carver",
     [("Denise Carver", "PERSON", 0), ("Marcus Carver", "ORG", 0)]),
    # "I" outside a turn a transcript labels: the author's.
    ("author.transcript_label", "By Alison Fenwick\n\nMinister Paul Ransome took questions.\n\nAfterwards, I "
     "thanked the minister for his persistence.", "author.byline", "Alison Fenwick", None),
    # A word in brackets after a person's name defines nothing.
    # A place whose name ends in no body's word is not defined by its brackets.
    ("organisation.defined_short_name", "He walked along the Sungai Pinang River (SPR) on Monday.\n\n"
     "SPR said the screens were cleared.", "organisation.named", "SPR",
     [("the Sungai Pinang River", "LOC", 0), ("SPR", "ORG", 1)]),
    # Lower-case words whose initials do not spell the short name are not part of the name.
    ("organisation.defined_short_name", "The Fédération voted in petite enfance centres (CSN) on Monday.\n\n"
     "CSN said the offer was too low.", "name.full", "CSN", [("Fédération", "ORG", 0), ("CSN", "PERSON", 1)]),
    ("organisation.defined_short_name", "Tom Hale (Hale) met the union.\n\nHale said the pay was low.",
     "name.known_surname", "Tom Hale", None),
    # A one-word family firm's name leaves the surname a person's.
    ("organisation.legal_form", 'Walton Enterprises bought the site.\n\n"The price was fair," Sam Walton said.\n\n'
     '"It opens in May," Walton said.', "name.surname_to_full", "Sam Walton", None),
    # Never printed as a surname: the body the word names.
    ("organisation.single_word", '"The phone sells well," Apple told reporters.', "organisation.named", "Apple",
     [("Apple", "ORG", 0)]),
    # A word of an organisation's longer name: the body, by the name the article spells out.
    ("organisation.single_word", 'Orlan Motors opened a plant.\n\n"We will hire," Orlan said.',
     "organisation.short_name", "Orlan Motors", [("Orlan Motors", "ORG", 0), ("Orlan", "ORG", 1)]),
    # No expansion spelled out: the acronym as written.
    ("organisation.acronym", "The NTSB said the pilot was tired.", "organisation.named", "NTSB", None),
    # An outlet's word inside a person's name is not the outlet.
    ("organisation.outlet", '"We will win," Chris Fox said.', "name.full", "Chris Fox", None),
    # Capitals that are a person's surname in the article (a transcript label) are that person.
    ("organisation.initials", "Chris Wallace asked the first question.\n\nWALLACE: Let us start with the debate.",
     "name.surname_to_full", "Chris Wallace", None),
    # No longer name ends with the words: the name as written.
    ("organisation.short_name", '"The coach stays," the Hawks said.', "organisation.named", "Hawks", None),
    # A place is not the body that governs it.
    ("organisation.named_before", "Valais met on Monday.\n\nThe canton said the road would reopen.",
     "description.as_written", "canton", [("Valais", "GPE", 0)]),
    # No organisation named before: the body as the article describes it.
    ("organisation.definite_reference", "The company said sales fell.", "description.as_written", "company", None),
    # Far back, two bodies named as often: neither.
    ("organisation.definite_reference", "Orlan Corp. shares fell, according to Meridian Data.\n\n" + QUIET_PARAGRAPHS
     + "The company said sales fell.", "description.as_written", "company",
     [("Orlan Corp.", "ORG", 0), ("Meridian Data", "ORG", 0)]),
    # Far back, and two unions named: which one is not known.
    ("organisation.definite_reference", "The Association of Mineworkers and the Transport Workers Federation called "
     "the strike.\n\nShafts closed.\n\nShops shut.\n\nBuses stopped.\n\nSchools closed.\n\nTalks failed.\n\n"
     "The union said the talks would resume.", "description.as_written", "union",
     [("The Association of Mineworkers", "ORG", 0), ("the Transport Workers Federation", "ORG", 0)]),
    # Two bodies of that kind named further on: the description stays as written.
    ("organisation.named_later", "Cyclists' union says fines are a tax\n\nCyclists will be fined from May.\n\n"
     "The Harbour Cyclists' Union and the Port Cyclists' Union said the plan was unfair.",
     "description.as_written", "Cyclists' union",
     [("The Harbour Cyclists' Union", "ORG", 0), ("the Port Cyclists' Union", "ORG", 0)]),
    # A person's own title is no body named after them.
    ("organisation.of_person", '"The poll was wrong," said Senator Ruth Adler.', "name.full", "Ruth Adler", None),
    # The group is an object, not the subject before: "they" stays unresolved.
    # A body that was an object, not the subject: "they" stays unresolved.
    ("group.pronoun", "Tom Hale met the Harbour Trust on Monday. They said the pier was unsafe.", "pronoun.no_group",
     None, [("the Harbour Trust", "ORG", 0)]),
    ("group.pronoun", "Tom Hale met the residents. They said the water tasted of iron.", "pronoun.no_group", None,
     None),
    # One named person is no group.
    ("group.named_members", '"The deal is fair," said Mayor Anna Kowalski.', "name.full", "Anna Kowalski", None),
    # A name with an appositive describing it is one person, however many words follow the comma.
    ("group.named_members", "Jeff Merkley, a senator from Oregon and a lawyer, said the fine was too small.",
     "name.full", "Jeff Merkley", None),
    ("group.named_members", "The plans are reckless, said Steve Bell, senior director of policy at the Bipartisan "
     "Policy Center, and a Republican who headed the Senate Budget Committee staff.", "name.full", "Steve Bell", None),
    # One official is a role, no group.
    ("group.description", "A transport official said the line would reopen on Monday.", "role.unresolved",
     "A transport official", None),
    # Several sources are a group.
    ("unnamed.description", "Sources familiar with the talks said the deal was close.", "group.description",
     "Sources familiar with the talks", None),
    ("description.as_written", WATER + '"The modelling is clear," the authority said in a statement.',
     "organisation.named_before", "Riverlands Water Authority", None),
    # "by" hung on the "of" noun names no owner unless it is a name.
    # A document's "its" names no owner.
    ("document.owner", "The study was published on Monday. Its report said the glacier was melting.",
     "document.as_written", "Its report", None),
    # A common noun with no name after it names no owner.
    ("document.owner", "According to data compiled by a statistics website, he is the youngest batter to score 200.",
     "document.as_written", "data", None),
    ("document.owner", "An audit of the claims by residents said the fund was short.", "document.as_written",
     "An audit of the claims by residents", None),
    # "from" names an owner only when it is followed by a name.
    ("document.owner", "A victim impact statement from the cyclist said she could not ride again.",
     "document.as_written", "A victim impact statement from the cyclist", None),
    # A name written before the noun is part of what the document is called, not its owner.
    ("document.owner", "A new Latino Decisions poll found that 70 percent of voters backed her.",
     "document.as_written", "A new Latino Decisions poll", [("Latino Decisions", "ORG", 0)]),
    ("document.earlier_owner", "Clinton leads by four points, according to a new CNN poll. The poll shows that "
     "Trump trails among women.", "document.as_written", "poll", [("CNN", "ORG", 0)]),
    # Several documents are not the one named next.
    ("document.later_owner", "Recent polls found that the race was tight.\n\nA poll by the Marist Institute found "
     "that Clinton led.", "document.as_written", "Recent polls", None),
    # The other side's motion is not the complaint.
    ("document.later_owner", "The complaint says the program pooled lease data from landlords.\n\nIn its motion, "
     "RentLogic argued that its customers were free to ignore the software.", "document.as_written", "complaint",
     None),
    # "it" never stands for a person; the expletive of a passive is no subject at all.
    ("pronoun.it", "Tom Hale spoke on Monday. It says the road is closed.", "description.as_written", None, None),
    # A plural that names no body is "they", not "it".
    ("pronoun.it", "The Capital Rail engineers issued a statement. It says the line is closed.",
     "description.as_written", None, None),
    ("pronoun.it", "It is said that the road is closed.", "neighbour.none", None, None),
    # Only a body inside what was said before: nothing the writer made the subject.
    ("pronoun.it", "Tom Hale said the group would record a loss. \"It is non-cash,\" it said.",
     "description.as_written", None, None),
    # No unnamed source quoted before in that role: the named speaker before.
    ("role.earlier_unnamed", "Minister Claudia Ruiz said the line was safe.\n\n\"We found cracks,\" the official "
     "said.", "role.previous_subject", "Claudia Ruiz", None),
    # A name in apposition to a body's noun is the body's.
    ("name.tagged_organisation", "The firm, Harlow Freight, said it would appeal.", "organisation.named",
     "Harlow Freight", [("Harlow Freight", "ORG", 0)]),
    # "The company" is not the union named last, and no company is named before.
    ("organisation.definite_reference", "The Association of Mineworkers met on Monday.\n\n"
     "The company said the strike would go on.", "description.as_written", "company",
     [("The Association of Mineworkers", "ORG", 0)]),
    # Two names start with the word: it stays as written.
    ("organisation.short_name", "Northline Logistics and Northline Foods were fined.\n\nNorthline said it would "
     "appeal.", "organisation.named", "Northline",
     [("Northline Logistics", "ORG", 0), ("Northline Foods", "ORG", 0), ("Northline", "ORG", 2)]),
    # "of them" refers back through the pronoun, not to the noun right before.
    ("group.of_whom", "The council met the residents. Many of them said the water was safe.",
     "description.as_written", "Many of them", None),
    # A description that fits nobody the article describes: the previous speaker goes on.
    ("pronoun.previous_subject", KEANE_COURT.format(age=40), "pronoun.previous_speaker_in_focus",
     "Conor Fitzgerald", None),
    # A definite description that may be someone named is not an unnamed source going on.
    ("pronoun.previous_speaker_adjacent", 'The retired surgeon said he had no problem with the inquiry. "I expected '
     'it," he said.', "pronoun.no_antecedent", None, None),
    # An abbreviated title of another office: no holder of this one.
    ("role.title_match", 'Gov. Ruth Hollis spoke first.\n\n"The board was kept in the dark," the senator said.',
     "role.unresolved", "senator", None),
    # Initials of another office: the managing director is not "the DG".
    ("role.title_match", "Managing Director Ayesha Qureshi opened the plant.\n\nThe DG said the kilns would close.",
     "role.unresolved", "DG", None),
    # Only someone of another party named: nobody.
    ("role.in_focus", "Democratic Senator Ruth Adler spoke in Ohio.\n\nThe GOP candidate said the bill was late.",
     "role.unresolved", "GOP candidate", None),
    # No name among the members: a description, not named members.
    ("group.named_members", "The union and the company said the talks would resume.", "description.as_written",
     "union and the company", None),
    # Which committee's, the phrase does not say; two councils named, which one's cabinet is not known.
    ("document.owner", "Wyreside Borough Council will vote on Monday. A report to the committee said the pool "
     "needed repairs.", "document.as_written", "A report to the committee",
     [("Wyreside Borough Council", "ORG", 0)]),
    ("document.owner", "Wyreside Borough Council and Fylde Borough Council will vote on Monday. A report to "
     "cabinet said the pool needed repairs.", "document.as_written", "A report to cabinet",
     [("Wyreside Borough Council", "ORG", 0), ("Fylde Borough Council", "ORG", 0)]),
    # An office nobody is said to hold: the statement as written.
    ("document.owner", "A statement from the office said the meeting would go ahead.", "document.as_written",
     "A statement from the office", None),
    # A body no place names is no owner.
    ("document.earlier_owner", "A municipality said in a written briefing to councillors that the fee would rise. "
     "According to the briefing, the garages were full.", "document.as_written", "briefing", None),
    # No name in apposition: the body as the article describes it.
    ("organisation.apposed_name", "The group, which met on Monday, said the permits were unfair.",
     "description.as_written", "group", None),
    # Another possessor: another office.
    ("organisation.named_before", "The Office of the Tolling Ombudsman opened an inquiry.\n\nThe mayor's "
     "office said it would consider compensation.", "description.as_written", "mayor's office",
     [("The Office of the Tolling Ombudsman", "ORG", 0)]),
    # A company before "and" is another body, not a place in the council's name.
    ("organisation.named", "Landowners refused to sell, Klipspruit Platinum and Down District Council confirmed.",
     "group.named_members", "Klipspruit Platinum and Down District Council",
     [("Klipspruit Platinum", "ORG", 0), ("Down District Council", "ORG", 0)]),
    # After a person's statement: the document as written.
    ("document.previous_body", "Tom Hale said that most of the refugees were Sunni Muslims. According to the data, "
     "few of them are Christians.", "document.as_written", "data", None),
    # Two civic groups named further on: which one is not known.
    ("organisation.named_later", "Pumps left idle for months, residents' group claims\n\nThe pumps were out of "
     "action.\n\nThe Jelutong Flood Victims Action Committee and the Penang Residents Alliance said they had "
     "reported the pumps.", "description.as_written", "residents' group",
     [("The Jelutong Flood Victims Action Committee", "ORG", 0), ("the Penang Residents Alliance", "ORG", 0)]),
    # Nobody named before for "his": the statement as written.
    ("document.owner", "His statement said the bill was flawed.", "document.as_written", "His statement", None),
    # A date is when a document was written, not who wrote it.
    ("document.owner", "According to an inspection report from June, the pier showed corrosion.", "document.as_written",
     "an inspection report from June", None),
    ("document.owner", "Thursday's memo said the inquiry was thorough.", "document.as_written", "Thursday's memo",
     None),
    # No study named before with its author.
    ("document.earlier_owner", "The study said rents had doubled.", "document.as_written", "study", None),
    # A pronoun nobody stands behind gives no owner.
    ("document.earlier_owner", "In a statement, he said the bill was flawed. The statement said the vote would be "
     "close.", "document.as_written", "statement", None),
    # An unnamed source met without a pronoun is no owner: "a spokeswoman … released a statement" is not read
    # as the statement's owner (the subject names no one the article can point back to).
    ("document.earlier_owner", "A spokeswoman for the port released a statement. The statement said the fee was "
     "fair.", "document.as_written", "statement", None),
    ("document.as_written", HALE + "His statement said the bill was flawed.", "document.owner", "Tom Hale", None),
    # An interview's introduction that names nobody.
    ("neighbour.interviewee", INTERVIEW, "neighbour.interview_unnamed", None, None),
    ("neighbour.interview_unnamed", "For 31 years, Robert Campbell kept the light on the island. "
     "We asked him about it.\n\n" + INTERVIEW, "neighbour.interviewee", "Robert Campbell", None),
    # The sentence before is in another paragraph.
    ("neighbour.previous_sentence", NOVAK + '"The deficit is falling."', "neighbour.previous_paragraph", "Jana Novak",
     None),
    # No question: the previous speaker goes on.
    ("neighbour.exchange", '"The bridge is safe," said Tom Hale.\n\n"It is," Anna Kowalski replied.\n\n'
     '"Completely safe."', "neighbour.previous_quote", "Anna Kowalski", None),
    # The previous quote is more than three paragraphs back.
    ("neighbour.previous_quote", '"The trial succeeded," Quentin Farraday said.\n\nThe weather was cold.\n\n'
     'The roads froze.\n\nThe schools closed.\n\n"We will publish the data next month."', "neighbour.none", None,
     None),
    ("neighbour.previous_paragraph", 'The weather was cold.\n\n"The bridge is safe."', "neighbour.none", None, None),
    ("neighbour.none", NOVAK + '"The deficit is falling."', "neighbour.previous_paragraph", "Jana Novak", None),
    # Named before the role: the lede would have said so.
    ("role.named_later", "Budget row deepens\n\nIngrid Solberg spoke first. Norway's finance minister said on "
     'Thursday that the cuts were painful.\n\n"We cannot borrow our way out," Ingrid Solberg told parliament.',
     "role.unresolved", "Norway's finance minister", None),
    # Two judges named further on: the lede's judge may be either, so the role stays as written.
    ("role.titled_later", JUDGE_LEDE + "The case was heard by Superior Court Justice Maria Delgado after Justice "
     "Paul Amberg stepped aside.", "role.unresolved", "A Boston judge", None),
    # Another office rules the person in focus out, beside an honorific.
    ("role.in_focus", "Chief executive Tom Hale toured a factory in Ohio on Monday. Mr. Hale met workers there.\n\n"
     "The senator said the plant would stay open.", "role.unresolved", "senator", None),
    # "the CEO" is not someone titled chief economist.
    ("role.title_match", "Chief economist Richard Voight spoke on a call with analysts.\n\n"
     'The CEO said the plants would close.', "role.unresolved", "CEO", None),
    # Two men founded something and "he" could be either: the headline's role stays a description.
    ("role.headline_role", "At 90, Brennan Rail's founder still rides the morning train\n\nThomas Brennan bought his "
     "first locomotive in 1964. His partner, John Okafor, who founded its bank in 1970, retired. On Saturday, the "
     "company he founded celebrated its anniversary.\n\nThe founder said he had no plans to stop visiting the "
     "office.", "role.unresolved", "founder", None),
]


@pytest.fixture(scope="module")
def decided(pipeline):
    """decided(rule, text, entities) -> (rule, speaker) of the statement the row is about, by the real pipeline.

    With `entities`, the NER's entities are replaced by them before the resolution stage runs.
    """

    def run(rule, text, entities=None):
        doc = pipeline.make_doc(text)
        for name, component in pipeline.pipeline:
            if name == "quotetrail_resolution" and entities is not None:
                doc.ents = [_pinned(doc, text, *entity) for entity in entities]
                doc.ents = repaired_entities(doc)[0]
            doc = component(doc)
        statements = doc.spans.get(STATEMENTS, [])
        if not statements:
            return None, None
        statement = statements[0 if rule in FIRST_STATEMENT else -1]
        return statement._.qt_resolution_rule, statement._.qt_speaker

    return run


def _pinned(doc, text, surface, label, occurrence):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return doc.char_span(start, start + len(surface), label=label)


FAMILIES = {"names": NAMES, "pronouns": PRONOUNS, "authorship": AUTHORSHIP, "roles": ROLES + LATER,
            "organisations": ORGANISATIONS, "sources": SOURCES, "neighbours": NEIGHBOURS}
GOLDEN = [pytest.param(*row, id=f"{family}:{row[0]}") for family, table in FAMILIES.items() for row in table]


@pytest.mark.parametrize("rule, text, speaker, entities", GOLDEN)
def test_a_rule_decides_its_golden_row(decided, rule, text, speaker, entities):
    assert decided(rule, text, entities) == (rule, speaker)


@pytest.mark.parametrize("rule, text, instead, speaker, entities", NEGATIVES, ids=[row[0] for row in NEGATIVES])
def test_a_rule_does_not_decide_a_near_miss(decided, rule, text, instead, speaker, entities):
    assert instead != rule
    assert decided(rule, text, entities) == (instead, speaker)


def test_every_rule_has_a_golden_row_and_a_negative():
    ids = [r.id for r in MENTION_RULES] + [r.id for r in NO_CUE_RULES] + ["role.named_later", "role.titled_later"]
    assert len(set(ids)) == len(ids)
    golden = {row[0] for table in FAMILIES.values() for row in table}
    assert golden == set(ids)
    assert {row[0] for row in NEGATIVES} == set(ids)


# (repair, text, the NER's entities pinned as (surface, label, occurrence), the entities' texts after the repair)
ENTITY_REPAIR_ROWS = [
    ("entity.comma_run_on", "According to a report by the Malta Tourism Observatory, Sliema already has the most beds.",
     [("the Malta Tourism Observatory, Sliema", "ORG", 0)], ["the Malta Tourism Observatory"]),
    ("entity.comma_run_on", "Asked about the vote, Senator Tom Hale, Mitchell said nothing.",
     [("Tom Hale, Mitchell", "PERSON", 0)], ["Tom Hale"]),
    ("entity.particle_name", "Marieke van der Linden told the council that bikes were dumped.",
     [("Marieke van", "PERSON", 0), ("Linden", "PERSON", 0)], ["Marieke van der Linden"]),
    ("entity.particle_name", '"We hit bottom twice," Joaquim dos Santos Silva said.',
     [("Santos Silva", "PERSON", 0)], ["Joaquim dos Santos Silva"]),
    ("entity.hyphenated_name", "Rep. Baek Hyun-sook of the opposition said the city had failed.",
     [("Baek Hyun", "PERSON", 0)], ["Baek Hyun-sook"]),
    ("entity.sentence_gerund", "Injecting Clinton's marital troubles into the campaign is Trump's latest effort.",
     [("Injecting Clinton", "PERSON", 0)], ["Clinton"]),
]
# Near misses the repair leaves whole: a legal form after the comma, a word that hangs on the name, no comma.
ENTITY_REPAIR_NEGATIVES = [
    ("entity.comma_run_on", "Acme, Inc. said on Monday that sales fell.", [("Acme, Inc.", "ORG", 0)], ["Acme, Inc."]),
    ("entity.comma_run_on", "Shares of Winslow, Harper and Boyd fell on Monday.",
     [("Winslow, Harper and Boyd", "ORG", 0)], ["Winslow, Harper and Boyd"]),
    ("entity.comma_run_on", "The Malta Tourism Observatory said Sliema already has the most beds.",
     [("The Malta Tourism Observatory", "ORG", 0)], ["The Malta Tourism Observatory"]),
    # A particle before a common word, and a capitalised "Van" (a sentence may open with a word), stay out.
    ("entity.particle_name", "Mark Rutte met ministers of the Dutch cabinet in The Hague.",
     [("Mark Rutte", "PERSON", 0)], ["Mark Rutte"]),
    ("entity.particle_name", "Anna Smith de facto ran the club.", [("Anna Smith", "PERSON", 0)], ["Anna Smith"]),
    # A hyphen with spaces is a dash between clauses, not inside a name.
    ("entity.hyphenated_name", "Rep. Baek Hyun - who represents Guro - said the city had failed.",
     [("Baek Hyun", "PERSON", 0)], ["Baek Hyun"]),
    # A capitalised piece after the hyphen may be another name: a law named after two senators is no person's.
    ("entity.hyphenated_name", "Warren wants to restore Glass-Steagall, she said.", [("Glass", "PERSON", 0)],
     ["Glass"]),
    # An "-ing" name word that opens a sentence but is no verb's gerund, and one inside the sentence, stay.
    ("entity.sentence_gerund", "Sterling Brown said the team would win.", [("Sterling Brown", "PERSON", 0)],
     ["Sterling Brown"]),
    ("entity.sentence_gerund", "Police said Browning Ross had left the city.", [("Browning Ross", "PERSON", 0)],
     ["Browning Ross"]),
]


@pytest.fixture(scope="module")
def repaired(pipeline):
    """repaired(text, entities) -> the entities' texts after our entity stage, the NER's replaced by `entities`."""

    def run(text, entities):
        doc = pipeline.make_doc(text)
        for name, component in pipeline.pipeline:
            if name == OUR_STAGES[0]:
                doc.ents = [_pinned(doc, text, *entity) for entity in entities]
                return [ent.text for ent in component(doc).ents]
            doc = component(doc)
        raise AssertionError(f"no stage {OUR_STAGES[0]}")

    return run


@pytest.mark.parametrize("repair, text, entities, expected", ENTITY_REPAIR_ROWS + ENTITY_REPAIR_NEGATIVES)
def test_an_entity_repair_cuts_its_golden_row_and_leaves_a_near_miss(repaired, repair, text, entities, expected):
    assert repair in {r.id for r in ENTITY_REPAIRS}
    assert repaired(text, entities) == expected


def test_every_entity_repair_has_a_golden_row_and_a_negative():
    ids = {r.id for r in ENTITY_REPAIRS}
    assert {row[0] for row in ENTITY_REPAIR_ROWS} == ids == {row[0] for row in ENTITY_REPAIR_NEGATIVES}
    assert all(row[3] != [surface for surface, _, _ in row[2]] for row in ENTITY_REPAIR_ROWS)
    assert all(row[3] == [surface for surface, _, _ in row[2]] for row in ENTITY_REPAIR_NEGATIVES)


def test_an_object_pronoun_is_bound_only_inside_its_own_clause(pipeline):
    from nlp.resolution.pronouns import _clause_subject_of_object

    doc = pipeline("One Republican threatened to make Kadzik testify, daring him to say more.")
    him = next(t for t in doc if t.lower_ == "him")
    bound = _clause_subject_of_object(him)
    assert bound is not None and bound.text == "Republican"
    # A clause of its own: "him" may be the outer subject, only the clause's own subject is ruled out.
    doc = pipeline("Smith said the police had asked him to say more.")
    him = next(t for t in doc if t.lower_ == "him")
    bound = _clause_subject_of_object(him)
    assert bound is not None and bound.text == "police"
    doc = pipeline("He said it was fine.")
    assert _clause_subject_of_object(doc[0]) is None
