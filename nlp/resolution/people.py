"""The people an article names: one registry per Doc, built from its PERSON entities and the names the NER missed.

A person has a canonical name (the commonest full form), aliases, titles, a gender when the text
signals one, and every place the article refers to them, weighted for pronoun salience.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from nlp.resolution.naming import (
    TITLE_ABBREVIATIONS,
    TITLE_FILLERS,
    WordLists,
    appositive_title,
    company_nouns,
    given_name_gender,
    given_names_agree,
    name_key,
    name_words,
    organisation_nouns,
    surface,
    title_before,
    title_matches,
    titles_a_name,
    two_word_name_entity,
)
from nlp.sentences import SentenceIndex, doc_text
from nlp.text import paragraph_index
from nlp.vocabulary.names import (
    COMPANY_NAME_ENDINGS,
    GENERATIONAL_SUFFIXES,
    HONORIFICS_IN_TEXT,
    LEGAL_SUFFIXES,
    PARTICLES_IN_TEXT,
    family_name_first,
    role_words,
)
from nlp.vocabulary.wordlists import rows, tagged

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "into", "outside", "inside", "across", "around",
                                   "through", "toward", "towards", "to", "within", "throughout", "between"})
PLACE_VERBS = frozenset({"retake", "recapture", "capture", "seize", "liberate", "enter", "visit", "storm",
                         "attack", "bomb", "reach", "leave", "occupy", "besiege"})
PLACE_NOUNS = ("city", "town", "village", "province", "region")
# Last words that make a two-word "name" a place when its first word is no given name.
PLACE_HEADS = frozenset({"island", "hill", "street", "avenue", "boulevard", "county", "bay", "valley", "river",
                         "beach", "heights", "square", "harbor", "harbour", "mountain", "mountains", "falls",
                         "springs", "canyon", "peninsula"})
# Salience of a reference by its grammatical role (subjects are what later pronouns usually
# continue); each sentence of distance halves it. A quote's speaker counts as most salient.
ROLE_WEIGHTS = {"nsubj": 80.0, "nsubjpass": 70.0, "dobj": 50.0, "pobj": 40.0, "poss": 40.0, "appos": 40.0}
OTHER_WEIGHT = 35.0
INTRODUCTION_WEIGHT = 90.0  # a person's first mention, with a title or role
SPEAKER_WEIGHT = 100.0
SALIENCE_REACH = 4  # sentences
# Titles of office written before a name ("President", "Chief", "Sen."): two people given two
# different ones are two people; a description ("the nominee") may fit anyone.
OFFICE_TITLES = tagged("role_nouns.txt", "title")
# What ends a paragraph that is a sentence rather than a headline.
SENTENCE_ENDINGS = (".", "!", "?", "…")
# Surnames at least this long may be matched across one misspelt letter.
MISSPELLING_MIN_LENGTH = 5
# The gender of a person the article says uses they/them: "he" and "she" skip them, "they" finds them.
SINGULAR_THEY = "they"
# "uses they/them pronouns", "goes by they/them", "uses the pronoun they".
SINGULAR_THEY_DECLARATION = re.compile(
    r"\b(?:uses?|using|prefers?|goes by|go by|asked to be called)\s+(?:the\s+)?(?:pronouns?\s+)?[\"“']?they"
    r"(?:\s*/\s*them)?\b", re.IGNORECASE)


@dataclass
class Person:
    name: str
    words: list[str]  # lower-cased name words
    titles: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    alias_words: dict[str, list[str]] = field(default_factory=dict)  # surface -> its name words
    # Ways of naming them written only in a headline, where a verb may be glued on ("Ben Carson Slams Hillary").
    headline_aliases: set[str] = field(default_factory=set)
    gender: str | None = None
    first_seen: int = 0
    positions: list[int] = field(default_factory=list)  # char offsets where the article names them
    # (token index, weight) of every place the person is referred to, for pronoun salience.
    mentions: list[tuple[int, float]] = field(default_factory=list)
    # What the article says about them beside the name: "Keane, 31,", "(D-Ohio)".
    age: int | None = None
    party: str | None = None  # "democrat" | "republican" | "independent"
    state: str | None = None  # a US state's name, lower case

    def add_name(self, words: list[str], surface: str, *, in_headline: bool = False) -> None:
        """Count a way of naming the person; the canonical name is the commonest full form, written out to
        its longest form outside the headlines that goes on from it.

        The commonest, not the longest: a Title Case headline can glue a verb to a name
        ("Lawmakers Rip Donald Trump"), but the article body repeats the real name. Written out, because
        news gives a name in full once and drops its last part after: "María Fernanda Ortiz Calderón" then
        "Ortiz", "Ahmad Fauzi Hashim" then "Ahmad Fauzi".
        """
        if self.aliases[surface] == 0 and in_headline:
            self.headline_aliases.add(surface)
        elif not in_headline:
            self.headline_aliases.discard(surface)
        self.aliases[surface] += 1
        self.alias_words[surface] = words
        # "De Blasio" is a surname with its particle, not a full name, when the article writes
        # "Bill de Blasio"; "Al Gore" is a full name.
        def surname_only(words: list[str]) -> bool:
            return words[0] in PARTICLES_IN_TEXT and any(
                len(other) > len(words) and other[-len(words):] == words for other in self.alias_words.values())

        full = [alias for alias in self.aliases if len(self.alias_words[alias]) >= 2
                and not surname_only(self.alias_words[alias])] or list(self.aliases)
        full = [alias for alias in full if alias not in self.headline_aliases] or full
        commonest = max(full, key=lambda alias: (self.aliases[alias], len(self.alias_words[alias])))
        start = self.alias_words[commonest]
        self.name = max((alias for alias in full if self.alias_words[alias][:len(start)] == start),
                        key=lambda alias: (len(self.alias_words[alias]), alias == commonest))
        self.words = self.alias_words[self.name]


class People:
    """The people an article names, built from PERSON entities that are not places in disguise."""

    def __init__(self, doc: Doc, lists: WordLists, index: SentenceIndex):
        self.doc = doc
        self.index = index
        self._positions_by_text: dict[str, list[int]] | None = None  # built by capitalised_positions()
        self._title_case_lines: list[tuple[int, int]] | None = None  # built by in_title_case_line()
        self._entities: list[Span] | None = None  # built by sorted_entities()
        self._entity_starts: list[int] = []
        self.lists = lists
        self.people: list[Person] = []
        self.by_entity: dict[int, Person] = {}  # ent start token -> person
        # Names the article writes with a company's legal form: companies, whatever the NER says.
        self.companies = company_names(doc)
        # Names the article uses as a body's ("Winslow Freight, which …"), with the words that show it.
        self.bodies = bodies_by_usage(doc, lists)
        self._register_entities(place_like_names(doc) | set(self.companies) | set(self.bodies))
        self.share_coordinated_surnames()
        self.complete_surnames()
        self.merge_misspelt_surnames()
        self._count_unlabelled_surnames()
        self._learn_genders()
        self._learn_singular_they()

    def known_bodies(self) -> frozenset[str]:
        """The names the NER tags PERSON that the article shows are bodies: a legal form, a body's usage."""
        return frozenset(self.companies) | frozenset(self.bodies)

    def _register_entities(self, places: set[str]) -> None:
        """A person for every PERSON entity that is not a place or a company in disguise, weighted for salience."""
        furniture = self.doc._.qt_furniture or {}
        paragraphs = self.doc._.qt_paragraphs or []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or ent.text.strip() in places:
                continue
            if furniture and paragraph_index(paragraphs, ent.start_char) in furniture:
                continue  # a keyword line or a credit names people the article does not quote
            name = name_words(ent, self.lists)
            if name is not None and self.in_any_headline(name[0]):
                name = self.headline_name(name)
            elif name is not None and len(name) == 1:
                name = self._with_given_names_before(name)
            elif name is not None:
                name = self.without_glued_word(name)
            if name is None or not_a_person(name, self.lists) or self._modifies_a_thing(name):
                continue
            # "Cllr Gareth Jones" may be one entity: the title is what stands before the name words,
            # inside the entity or before it.
            title = title_before(name, self.lists)
            honorific = None
            if title is None or only_honorifics(title):
                # "The chief minister's spokesperson, Ms Farah Naz,": an honorific names no role, so the
                # appositive's role is her title, and the honorific is kept beside it for its gender.
                honorific, title = title, appositive_title(ent, self.lists) or title
                honorific = honorific if title != honorific else None
            introduced = self.match(name_key(name), title=title) is None
            person = self.link(name, ent, title=title)
            self.by_entity[ent.start] = person
            weight = ROLE_WEIGHTS.get(ent.root.dep_, OTHER_WEIGHT)
            if honorific:
                person.titles[honorific] += 1
            if title:
                person.titles[title] += 1
                if introduced:
                    # "… concerns Henry Crespo, president of the caucus. '…,' he said.": a source is
                    # introduced with a full name and a role right before the writer quotes them.
                    weight = max(weight, INTRODUCTION_WEIGHT)
            person.mentions.append((ent.root.i, weight))
            self._learn_description(ent, person)

    def link(self, name: Span | list[Token], anchor: Span | None = None, *, title: str | None = None) -> Person:
        """The person a name refers to, created if new; `name` may skip words (a quoted nickname).

        `title`, the title written with the name, keeps it from joining a person it contradicts.
        """
        words = name_key(name)
        if isinstance(name, Span):
            written, span = name.text, name
        else:
            written, span = surface(name), name[0].doc[name[0].i:name[-1].i + 1]
        person = self.match(words, title=title, at_token=span.root.i if len(words) == 1 else None)
        if person is None:
            person = Person(name=written, words=words, first_seen=span.start_char)
            # A person first met at a cue (a name the NER tagged a body) is gendered like the rest, or a
            # pronoun of either gender would fit them ("Her neighbor, Marcus Bell, … She said").
            person.gender = self._gender_of(person)
            self.people.append(person)
        person.add_name(words, written, in_headline=self.in_any_headline(span[0]))
        person.positions.append((anchor or span).start_char)
        return person

    def sorted_entities(self) -> tuple[list[Span], list[int]]:
        """The Doc's entities and their start tokens, listed once: Span.ents rebuilds every entity on each call."""
        if self._entities is None:
            self._entities = list(self.doc.ents)
            self._entity_starts = [ent.start for ent in self._entities]
        return self._entities, self._entity_starts

    def entities_in(self, span: Span) -> list[Span]:
        """The entities inside `span`."""
        entities, starts = self.sorted_entities()
        first = bisect_left(starts, span.start)
        found = []
        for ent in entities[first:]:
            if ent.start >= span.end:
                break
            if ent.end <= span.end:
                found.append(ent)
            elif ent.start < span.end and all(token.tag_ == "POS" for token in ent[span.end - ent.start:]):
                # "Maricopa County's annual report": the NER takes the possessive in, a mention leaves it out.
                found.append(Span(self.doc, ent.start, span.end, label=ent.label_))
        return found

    def match(self, words: list[str], *, at_token: int | None = None, title: str | None = None) -> Person | None:
        """The person these name words refer to; `at_token` breaks a tie between namesakes by salience.

        A person whom the `title` written with the words, or their given name, contradicts is no
        candidate (see `contradicts`).
        """
        if not words:
            return None
        titled = self._holder_of_title(words, title)
        if titled is not None:
            return titled
        candidates = []
        given = words[0] if len(words) >= 2 else None
        # "Mr. Winslow": after an honorific one word is a surname, never a given name ("Winslow Freight").
        surname_only = len(words) == 1 and honorific_in(title)
        for person in self.people:
            if not person.words:
                continue
            if words == person.words:
                return person
            if ((_may_name(words, person.words, surname_only=surname_only) or _family_name(words, person)
                 or _name_less_its_end(words, person))
                    and not contradicts(person, title, given, self.lists)
                    and not (len(words) == 1 and relative_of(person, words[0]))
                    and not self._someone_else_in_full(person, words)):
                candidates.append(person)
        if not candidates and len(words) == 1:
            # A spelling merged in by merge_misspelt_surnames.
            candidates = [person for person in self.people if words in person.alias_words.values()]
        if not candidates:
            return None
        # A surname shared by two people (Bill and Hillary Clinton): the one most prominent just
        # before this mention wins, else the one the article introduced first (a writer names the
        # story's own Trump "Trump" and keeps writing "Ivanka Trump" in full for the other), else the
        # one it names most.
        def rank(person: Person) -> tuple[bool, float, int, int]:
            salience = self.salience(person, at_token) if at_token is not None else 0.0
            return (surname_of(person.words) == surname_of(words), salience, -person.first_seen,
                    len(person.mentions))

        return max(candidates, key=rank)

    def _holder_of_title(self, words: list[str], title: str | None) -> Person | None:
        """"Chairman Keane": the one person of that surname the article gives that office, if one."""
        roles = title_roles(title, self.lists)
        if len(words) != 1 or not roles:
            return None
        holders = [person for person in self.people if person.words and surname_of(person.words) == words[0]
                   and any(roles <= title_roles(held, self.lists) for held in person.titles)]
        return holders[0] if len(holders) == 1 else None

    def _someone_else_in_full(self, person: Person, words: list[str]) -> bool:
        """A bare surname's person that the article writes in full with another given name.

        "Keane, 31, dived …" after "Shay Keane saved a penalty" (which the NER missed) is not
        "Martin Keane", named later: the full name the article writes decides, not the order.
        """
        if len(words) < 2 or len(person.words) != 1:
            return False
        full = self.full_name_for(person.name)
        return full is not None and not given_names_agree(words, name_key(full))

    def salience(self, person: Person, token_i: int, skip: frozenset[int] = frozenset()) -> float:
        """How prominent `person` is just before token `token_i`, not counting mentions at tokens `skip`."""
        here = self.index.ordinal[token_i]
        score = 0.0
        for mentioned, weight in person.mentions:
            if mentioned in skip:
                continue
            if mentioned < token_i and here - self.index.ordinal[mentioned] <= SALIENCE_REACH:
                distance = here - self.index.ordinal[mentioned]
                if distance == 0 and weight >= ROLE_WEIGHTS["nsubj"]:
                    weight *= 2  # "Ryan, despite admitting that he …": the subject of the pronoun's own sentence
                score += weight * 0.5 ** distance
        return score

    def person_at(self, token_i: int) -> Person | None:
        """The person referred to at token `token_i` (an entity's head or a counted bare surname), if any.

        Not cached: resolving a statement adds its speaker's mention (component.py).
        """
        return next((person for person in self.people
                     if any(mentioned == token_i for mentioned, _ in person.mentions)), None)

    def from_full_name(self, surname: list[Token], *, title: str | None = None) -> Person | None:
        """The person behind a bare surname, when the article spells the full name out somewhere.

        Not when the `title` written with the surname contradicts what the article says there.
        """
        if len(surname) != 1:
            return None
        full = self.full_name_for(surname[0].text)
        if full is None:
            return None
        title_there = title_before(self.doc[full[0].i:full[-1].i + 1], self.lists)
        if title and _contradicting_titles(title, title_there, full[0].lower_, self.lists):
            return None
        person = self.link(full, title=title_there)
        title = title_there
        if title:
            person.titles[title] += 1
        if person.gender is None and person.words:
            person.gender = given_name_gender(person.words[0], self.lists)
        return person

    def _learn_description(self, name: Span, person: Person) -> None:
        """The age and the party and state that news writes beside a name: "Shay Keane, 31,",
        "31-year-old Shay Keane", "Sherrod Brown (D-Ohio)", "Bob Corker, R-Tenn.,"."""
        text = doc_text(self.doc)
        after = text[name.end_char:name.end_char + 24]
        age = AGE_AFTER_NAME.match(after) or AGE_BEFORE_NAME.search(text[max(0, name.start_char - 40):name.start_char])
        if age is not None and person.age is None:
            person.age = int(age.group(1))
        party = PARTY_AFTER_NAME.match(after)
        if party is not None:
            person.party = PARTY_LETTERS[party.group(1)]
            person.state = us_state(party.group(2)) or person.state

    def in_title_case_line(self, token: Token) -> bool:
        """Whether `token` stands in a line written in Title Case (a headline), where capitals say nothing."""
        if self._title_case_lines is None:
            self._title_case_lines = []
            offset = 0
            for line in doc_text(self.doc).split("\n"):
                words = (self.doc.char_span(offset, offset + len(line), alignment_mode="expand")
                         if line.strip() else None)
                if words is not None and is_title_case(words):
                    self._title_case_lines.append((offset, offset + len(line)))
                offset += len(line) + 1
        lines = self._title_case_lines
        k = bisect_left(lines, (token.idx + 1, 0)) - 1
        return k >= 0 and lines[k][0] <= token.idx < lines[k][1]

    def in_headline(self, token: Token) -> bool:
        """Whether `token` stands in the article's first line and that line ends no sentence: a headline, in
        sentence case or not ("Derelict Obama and Clinton;"), where a capital says nothing about a name."""
        text = doc_text(self.doc)
        end = text.find("\n")
        if end < 0 or token.idx >= end:
            return False
        return not text[:end].rstrip().rstrip("\"”’'").endswith(SENTENCE_ENDINGS)

    def in_any_headline(self, token: Token) -> bool:
        """A headline of either shape: a Title Case line, or the first line when it ends no sentence."""
        return self.in_title_case_line(token) or self.in_headline(token)

    def named_elsewhere(self, word: Token) -> bool:
        """A capitalised word that is a name outside the headlines: a known given name, or capitalised
        in the body where a capital says something (not at a sentence's start)."""
        if word.lower_ in self.lists.name_genders:
            return True
        return any(not self.doc[p].is_sent_start and not self.in_title_case_line(self.doc[p])
                   for p in self.capitalised_positions().get(_position_key(word.text), []))

    def headline_name(self, name: Span) -> Span | None:
        """A name grown from Title Case headline words, cut to the words that are a name elsewhere.

        "Derelict Obama", "Breaks With Obama", "Rip Donald Trump": in a headline every word is
        capitalised, so the NER glues words to a name; the article body says which words are one.
        """
        start, end = name.start, name.end
        while start < end and not self.named_elsewhere(self.doc[start]):
            start += 1
        while end > start and not self.named_elsewhere(self.doc[end - 1]):
            end -= 1
        return self.doc[start:end] if start < end else None

    def _modifies_a_thing(self, name: Span) -> bool:
        """"stocking up on Beehive freeze-dried food": one capitalised word, no listed given name, that modifies
        the common noun after it and that the article writes nowhere else is a brand's or a product's name; a
        person named once is named as someone ("Trump supporters" is Trump's, named elsewhere)."""
        word = name[0]
        return (len(name) == 1 and word.dep_ in ("amod", "compound") and word.head.i > word.i
                and word.head.pos_ == "NOUN" and word.lower_ not in self.lists.name_genders
                and len(self.capitalised_positions().get(_position_key(word.text), [])) == 1)

    def without_glued_word(self, name: Span) -> Span:
        """A full name without a capitalised word before it that the article writes the name without: a
        nickname's epithet ("working Crooked Hillary Clinton", where the article also writes Hillary Clinton).
        The rest must open with a listed given name, so that a first name the list lacks is never cut ("Yaw
        Ofori-Darko" beside "Dr. Ofori-Darko"); a listed given name is never cut itself.
        """
        first, rest = name[0], name[1:]
        if (first.is_alpha and first.lower_ not in self.lists.name_genders and len(rest) >= 2
                and rest[0].lower_ in self.lists.name_genders and self._written_without(rest, first)):
            return rest
        return name

    def _written_without(self, words: Span, before: Token) -> bool:
        """The article writes `words` in a row somewhere not right after the word `before`."""
        texts = [token.text for token in words]
        for position in self.capitalised_positions().get(_position_key(words[0].text), []):
            found = self.doc[position:position + len(texts)]
            if [token.text for token in found] == texts and (position == 0
                                                              or self.doc[position - 1].text != before.text):
                return True
        return False

    def capitalised_positions(self) -> dict[str, list[int]]:
        """Every capitalised word of the Doc (typographic apostrophes folded) -> its token indices, built once."""
        if self._positions_by_text is None:
            # Read from the ORTH array, one look-up per distinct word: making a Token object for every token
            # of a long article cost more than the rest of the registry.
            strings = self.doc.vocab.strings
            positions: dict[str, list[int]] = {}
            keys: dict[int, str | None] = {}
            for i, orth in enumerate(self.doc.to_array("ORTH").tolist()):
                if orth not in keys:
                    text = strings[orth]
                    keys[orth] = _position_key(text) if text[:1].isupper() else None
                key = keys[orth]
                if key is not None:
                    positions.setdefault(key, []).append(i)
            self._positions_by_text = positions
        return self._positions_by_text

    def full_name_for(self, surname: str) -> list[Token] | None:
        """The commonest "Given [Middle] Surname" the article writes for a bare surname.

        NER often misses a name where it is introduced ("former Pennsylvania Gov. Ed Rendell")
        and catches only the later bare "Rendell"; the capitalised words right before an
        occurrence of the surname give the given name.
        """
        target = _position_key(surname)
        candidates: Counter[str] = Counter()
        first_span: dict[str, list[Token]] = {}
        for position in self.capitalised_positions().get(target, []):
            token = self.doc[position]
            given = self._given_names_before(token)
            if given and not given[0].text.endswith(".") and (
                given[0].pos_ == "PROPN" or not given[0].is_sent_start and given[0].pos_ in ("ADJ", "NOUN")
            ):
                full = given + [token]
                candidates[surface(full)] += 1
                first_span.setdefault(surface(full), full)
        if not candidates:
            return None
        return first_span[max(candidates, key=lambda name: (candidates[name], -first_span[name][0].i))]

    def _given_names_before(self, surname: Token) -> list[Token]:
        """Up to two capitalised words right before `surname` that may be given names (no title, no place)."""
        given: list[Token] = []
        index = surname.i - 1
        while index >= 0 and len(given) < 2:
            previous = self.doc[index]
            if previous.is_quote and index >= 2:
                # A nickname in quotes between given name and surname: Winifred "Winnie" Ashdown.
                opening = next((k for k in range(index - 1, max(-1, index - 5), -1) if self.doc[k].is_quote), None)
                if opening is not None and opening > 0:
                    index = opening - 1
                    continue
            if not (previous.text[:1].isupper() and (previous.is_alpha or previous.text.endswith("."))):
                break
            if self.in_any_headline(previous) and not self.named_elsewhere(previous):
                break  # "Clinton Breaks With Obama", "Derelict Obama and Clinton;": a headline's capitals are no names
            if (titles_a_name(previous, self.lists)
                    or previous.ent_type_ in ("NORP", "GPE", "ORG", "LOC", "DATE")
                    and not two_word_name_entity(previous, surname)):
                break
            given.insert(0, previous)
            index -= 1
        return given

    def share_coordinated_surnames(self) -> None:
        """A given name joined by "and" to a full name shares its surname: "Graham and Pauline Webb" names
        Graham Webb, as "Barack and Michelle Obama" names Barack Obama."""
        entities, _ = self.sorted_entities()
        full_names = {ent.start: ent for ent in entities if ent.label_ == "PERSON" and len(ent) >= 2}
        for ent in entities:
            person = self.by_entity.get(ent.start)
            if person is None or len(person.words) != 1 or person.words[0] not in self.lists.name_genders:
                continue
            partner = next((full_names.get(c.left_edge.i) for c in ent.root.children if c.dep_ == "conj"), None)
            if partner is None or partner.root.i != partner.end - 1 or len(partner) > 3:
                continue
            words = [person.words[0], partner[-1].lower_]
            written = f"{ent.text.strip()} {partner[-1].text}"
            if any(other.words == words for other in self.people if other is not person):
                continue
            person.add_name(words, written)

    def _with_given_names_before(self, surname: Span) -> Span:
        """A surname the NER tagged alone, with the given names written right before it: "Ivanka Trump said"
        tagged "Trump" is Ivanka Trump, not the article's Donald Trump. Only words the parser hangs on the
        surname as parts of its name, and never a title, a place or a body."""
        given = [t for t in self._given_names_before(surname[0]) if t.dep_ == "compound" and t.head.i == surname[0].i]
        if not given or given[-1].i != surname.start - 1:
            return surname
        if given[0].is_sent_start and len(given) == 1 and not self.named_elsewhere(given[0]):
            # A sentence's first capital says nothing ("Continued Stone:") unless the article writes the
            # two words together again.
            together = sum(1 for p in self.capitalised_positions().get(given[0].text, [])
                           if p + 1 < len(self.doc) and self.doc[p + 1].text == surname[0].text)
            if together < 2:
                return surname
        return self.doc[given[0].i:surname.end]

    def complete_surnames(self) -> None:
        """Give one-word people their full name when the article writes it where NER missed it."""
        for person in list(self.people):
            if len(person.words) != 1:
                continue
            full = self.full_name_for(person.name)
            if full is None:
                continue
            words = name_key(full)
            if contradicts(person, title_before(self.doc[full[0].i:full[-1].i + 1], self.lists), full[0].lower_,
                           self.lists):
                continue  # "President Obama" is not the article's "First lady Michelle Obama"
            others = [other for other in self.people if other is not person]
            existing = next((other for other in others if other.words == words), None) or next(
                (other for other in others if _name_less_its_end(words, other)), None)
            if existing is not None:
                self._merge_into(person, existing)
            else:
                person.add_name(words, surface(full))
                person.positions.append(full[0].idx)
                person.first_seen = min(person.first_seen, full[0].idx)
                title = title_before(self.doc[full[0].i:full[-1].i + 1], self.lists)
                if title:
                    person.titles[title] += 1

    def merge_misspelt_surnames(self) -> None:
        """Fold a bare surname the article never writes in full into the one full name it misspells.

        Reporters misspell names on second reference ("Tyresha McClenney" then "McLenney",
        "Bornstein" then "Bornsten"); a one-word person one edit away from exactly one named
        person's surname, same initial, is that person. Short names are left alone: one edit
        turns "Cole" into "Cold".
        """
        for person in list(self.people):
            if len(person.words) == 1:
                named = self.misspelt(person.words[0])
                if named is not None:
                    self._merge_into(person, named)

    def _count_unlabelled_surnames(self) -> None:
        """Count, for pronoun salience, the bare surnames the NER left unlabelled or mislabelled.

        "Trump has record low support. He recently pitched himself …": NER often tags a bare
        surname ORG or nothing, and without it the pronoun would skip to someone named earlier.
        A surname two people share counts only after a given name: which of them a bare one means
        is the question.
        """
        owners: dict[str, list[Person]] = {}
        for person in self.people:
            if len(person.words) >= 2:
                owners.setdefault(surname_of(person.words), []).append(person)
        for written, positions in self.capitalised_positions().items():
            persons = owners.get(written.lower(), [])
            for position in positions if persons else ():
                token = self.doc[position]
                if token.ent_type_ in ("PERSON", "GPE", "LOC", "FAC"):
                    continue
                # Written in full ("Ivanka Trump", tagged PRODUCT), the given name says which one;
                # a given name nobody known has ("Nadia Vance") is somebody else.
                before = self.doc[position - 1] if position > 0 else None
                if before is not None and before.is_alpha and before.text[:1].isupper() and not before.is_sent_start \
                        and not titles_a_name(before, self.lists):
                    named = [person for person in persons if person.words[0] == before.lower_]
                else:
                    # News introduces a person in full before writing the bare surname: before the second
                    # namesake is introduced ("Jamie Ransome scored twice … Ransome, 24, equalised …" and
                    # only then "Finance Minister Paul Ransome"), the surname is the one introduced so far.
                    introduced = [person for person in persons if person.first_seen < token.idx]
                    named = introduced if len(persons) > 1 and len(introduced) == 1 else persons
                if len(named) == 1:
                    named[0].mentions.append((token.i, ROLE_WEIGHTS.get(token.dep_, OTHER_WEIGHT)))

    def misspelt(self, word: str) -> Person | None:
        """The one fully named person whose surname is `word` with one letter wrong, if exactly one.

        The full name may be one the NER missed but the article writes ("Teacher Rosalind
        McAllistor"), found the way full_name_for finds it.
        """
        if len(word) < MISSPELLING_MIN_LENGTH:
            return None

        def one_edit_away(surname: str) -> bool:
            return (surname != word and surname[:1] == word[:1] and len(surname) >= MISSPELLING_MIN_LENGTH
                    and abs(len(surname) - len(word)) <= 1 and Levenshtein.distance(word, surname, score_cutoff=1) <= 1)

        known = [person for person in self.people if len(person.words) >= 2 and one_edit_away(surname_of(person.words))]
        written = [full for surface in self.capitalised_positions()
                   if one_edit_away(surface.lower()) and (full := self.full_name_for(surface)) is not None]
        names = {tuple(person.words) for person in known} | {tuple(name_key(full)) for full in written}
        if len(names) != 1:
            return None
        return known[0] if known else self.link(written[0])

    def _merge_into(self, person: Person, existing: Person) -> None:
        existing.aliases.update(person.aliases)
        for alias, words in person.alias_words.items():
            existing.alias_words.setdefault(alias, words)
        existing.titles.update(person.titles)
        existing.positions.extend(person.positions)
        existing.mentions.extend(person.mentions)
        for start, owner in list(self.by_entity.items()):
            if owner is person:
                self.by_entity[start] = existing
        self.people.remove(person)

    def _learn_singular_they(self) -> None:
        """People the article says use they/them: "Okoro, who uses they/them pronouns, said …".

        Their "they" is them, not a group; their gender is SINGULAR_THEY so "he"/"she" skip them.
        """
        for found in SINGULAR_THEY_DECLARATION.finditer(doc_text(self.doc)):
            declaration = self.doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if declaration is None or self.index is None:
                continue
            sentence = self.index.sentence(declaration[0])
            # The nearest name before the declaration in its sentence, however the NER labelled it.
            for token in reversed(self.doc[sentence.start:declaration.start]):
                person = self.match([token.lower_]) if token.text[:1].isupper() and token.is_alpha else None
                if person is not None:
                    person.gender = SINGULAR_THEY
                    break

    def _learn_genders(self) -> None:
        for person in self.people:
            person.gender = self._gender_of(person)

    def _gender_of(self, person: Person) -> str | None:
        """The gender the person's given name and titles say, the titles last."""
        given = person.words[0] if person.words else ""
        # A lone word may be a surname ("Costa", "Rivera"): only the list speaks for it.
        gender = (given_name_gender(given, self.lists) if len(person.words) >= 2
                  else self.lists.name_genders.get(given))
        for title in person.titles:
            for word in title.lower().split():
                gender = self.lists.role_genders.get(word, gender)
        return gender

    def most_salient(self, token_i: int, gender: str | None,
                     skip: frozenset[int] = frozenset()) -> tuple[Person | None, float]:
        """The compatible person most salient just before token `token_i` (recency × grammatical role).

        Mentions at tokens `skip` (the quoted words the pronoun introduces) do not count: the people
        a speaker talks about are not the speaker.
        """
        best, best_score = None, 0.0
        for person in self.people:
            if not gender_fits(person, gender):
                continue
            score = self.salience(person, token_i, skip)
            if score > best_score:
                best, best_score = person, score
        return best, best_score

    def nearest_before(self, offset: int, gender: str | None, skip: frozenset[int] = frozenset()) -> Person | None:
        """The compatible person named last before char `offset`, not counting names at char offsets `skip`.

        `skip` holds the pronoun's own quoted words: in '"Mary Jones lied to us," she said' the
        speaker talks about Mary Jones and is not her.
        """
        best, best_position = None, -1
        for person in self.people:
            if not gender_fits(person, gender):
                continue
            earlier = [p for p in person.positions if p < offset and p not in skip]
            if earlier and max(earlier) > best_position:
                best, best_position = person, max(earlier)
        return best

    def with_title(self, head: str, modifiers: list[str], offset: int) -> Person | None:
        """The holder of a title matching "the [modifiers] head", named most recently before `offset`.

        A definite description points back to someone already introduced; only when nobody
        before it fits is a holder named later in the article (a cataphoric lead) accepted.
        """
        before, after = [], []
        for person in self.people:
            if not any(title_matches(title, head, modifiers) for title in person.titles):
                continue
            earlier = [p for p in person.positions if p < offset]
            if earlier:
                before.append((max(earlier), person))
            else:
                after.append((min(person.positions or [person.first_seen]), person))
        if before:
            return max(before, key=lambda pair: pair[0])[1]
        return min(after, key=lambda pair: pair[0])[1] if after else None


def relative_of(person: Person, surname: str) -> bool:
    """The article titles `person` by a relation to the bare `surname` ("Ransome's mother, Carol Ransome"): the
    bare surname is that relative, not them."""
    possessive = f"{surname}'s"
    return any(possessive in title.lower().replace("’", "'").split() for title in person.titles)


def surname_of(words: list[str]) -> str:
    """The surname among lower-cased name words: the last one, before a generational suffix
    ("winslow" of Harold Winslow Jr.; the tokenizer may split the suffix's full stop off: "Sr")."""
    if len(words) >= 2 and words[-1].rstrip(".") in GENERATIONAL_SUFFIXES:
        return words[-2]
    return words[-1]


def _position_key(text: str) -> str:
    """A capitalised word as People.capitalised_positions files it: typographic apostrophes folded."""
    return text.replace("’", "'")


def _family_name(words: list[str], person: Person) -> bool:
    """A lone word that is the family name of a person the article writes family name first ("Mr. Ban" of Ban
    Ki-moon; see nlp.vocabulary.names.family_name_first)."""
    return len(words) == 1 and len(person.words) >= 2 and words[0] == person.words[0] and family_name_first(person.name)


def generational_suffix(words: list[str]) -> str | None:
    """"jr" of Harold Winslow Jr., or None."""
    last = words[-1].rstrip(".")
    return last if len(words) >= 2 and last in GENERATIONAL_SUFFIXES else None


def honorific_in(title: str | None) -> bool:
    """A title that holds an honorific ("Mr.", "the elder Mr."): the name after it is a surname."""
    return any(word in HONORIFICS_IN_TEXT for word in (title or "").lower().split())


def _name_less_its_end(words: list[str], person: Person) -> bool:
    """Two or more words that begin the person's name as the article body writes it: "Ahmad Fauzi" of Ahmad
    Fauzi Hashim, "María Fernanda Ortiz" of María Fernanda Ortiz Calderón. Not a name only a headline wrote
    ("Ben Carson Slams Hillary"), and not one ending in a generational suffix (Tom Hale Jr. is not Tom Hale)."""
    known = person.words
    return (2 <= len(words) < len(known) and known[:len(words)] == words and generational_suffix(known) is None
            and person.name not in person.headline_aliases)


def _may_name(words: list[str], known: list[str], *, surname_only: bool = False) -> bool:
    """Whether name words other than `known` itself may still name the person known by `known`.

    A generational suffix is not a surname ("Mr. Winslow" is Harold Winslow Jr.), and two different
    ones are two people (a father and his son); `surname_only` says a lone word is no given name.
    """
    surname = surname_of(known)
    if len(words) == 1:
        return words[0] == surname or not surname_only and words[0] == known[0]
    if len(known) == 1:
        return known[0] == surname_of(words)
    if len(known) > len(words) and known[-len(words):] == words:
        return True  # a surname of several words: "Van Aalst" of Pieter Van Aalst
    suffixes = generational_suffix(words), generational_suffix(known)
    if all(suffixes) and suffixes[0] != suffixes[1]:
        return False
    return surname_of(words) == surname and given_names_agree(words, known)


# A line is in Title Case when at least this share of its longer words outside any entity
# (TITLE_CASE_MIN_LENGTH letters or more: "of", "the", "Tom" say nothing) is capitalised, and it has
# a few: "Lawmakers Rip Donald Trump Over Comments", not "Tom Hale met Anna Kowalski in 2019.".
TITLE_CASE_SHARE = 0.8
TITLE_CASE_MIN_LENGTH = 4
TITLE_CASE_MIN_WORDS = 2


def is_title_case(line: Span) -> bool:
    """Whether a line of the article is written in Title Case, as headlines are."""
    longer = [t for t in line if t.is_alpha and len(t) >= TITLE_CASE_MIN_LENGTH and not t.ent_type_]
    if len(longer) < TITLE_CASE_MIN_WORDS:
        return False
    return sum(t.text[0].isupper() for t in longer) >= TITLE_CASE_SHARE * len(longer)


# "Shay Keane, 31," / "Keane (31)"; "31-year-old goalkeeper Shay Keane".
AGE_AFTER_NAME = re.compile(r"\s*[,(]\s*(\d{1,3})\s*[,)]")
AGE_BEFORE_NAME = re.compile(r"\b(\d{1,3})-year-old(?:\s+[a-z][\w-]*){0,3}\s*$")
# "(D-Ohio)", ", R-Tenn.,", " (I-Vt.)": a lawmaker's party letter and state.
PARTY_AFTER_NAME = re.compile(r"\s*[,(]\s*([DRI])\s*[-–]\s*([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\s*[),]")
PARTY_LETTERS = {"D": "democrat", "R": "republican", "I": "independent"}
# A description's words that say a party: "the Ohio Democrat", "the GOP senator".
PARTY_WORDS = {"democrat": "democrat", "democratic": "democrat", "republican": "republican", "gop": "republican"}


@cache
def _states() -> dict[str, str]:
    """Every way us_states.txt writes a state (name, AP abbreviation, postal code) -> its name."""
    return {form: row[0] for row in rows("us_states.txt") for form in (row[0], *row[1:])}


def us_state(written: str) -> str | None:
    """The US state a party tag writes ("Ohio", "Tenn.", "N.J.", "NY"), lower-case name, or None."""
    return _states().get(written.lower().replace(" ", "")) or _states().get(written.lower())


def described_by(mention_words: list[str], text: str) -> dict[str, object]:
    """What a description says about a person that the article may say beside a name:
    {"age": 31} for "the 31-year-old goalkeeper", {"party": "democrat", "state": "ohio"} for
    "the Ohio Democrat"."""
    found: dict[str, object] = {}
    age = re.search(r"\b(\d{1,3})-year-old\b", text)
    if age is not None:
        found["age"] = int(age.group(1))
    party = next((PARTY_WORDS[w] for w in mention_words if w in PARTY_WORDS), None)
    if party is not None:
        found["party"] = party
        lowered = " ".join(mention_words)
        state = next((name for name in set(_states().values()) if re.search(rf"\b{name}\b", lowered)), None)
        if state is not None:
            found["state"] = state
    return found


def fits_description(person: Person, described: dict[str, object]) -> bool:
    """The article says beside the person's name everything the description says."""
    return bool(described) and all(getattr(person, key) == value for key, value in described.items())


def not_a_person(name: Span, lists: WordLists) -> bool:
    """A PERSON entity that names a place or a thing, whoever the NER took it for.

    "Staten Island", "Capitol Hill": a geographic head after a first word nobody is named; and a
    state's abbreviation after a town and a comma ("Kingsport, Tenn."), the dateline convention.
    """
    doc = name.doc
    if name.start > 0 and doc[name.start - 1].lower_ in ("the", "a", "an"):
        # "the Purple Heart", "the Clinton campaign": an article right before makes a name a thing
        # (a title between them keeps it a person: "the Rev. Peter Wherry").
        return True
    if _named_thing(name, lists):
        return True
    if len(name) >= 2 and name[-1].lower_ in PLACE_HEADS and name[0].lower_ not in lists.name_genders:
        return True
    return (len(name) == 1 and name[0].text.endswith(".") and name.start >= 2
            and doc[name.start - 1].text == "," and doc[name.start - 2].text[:1].isupper())


def _named_thing(name: Span, lists: WordLists) -> bool:
    """"a replica Purple Heart": an article and common nouns before the name, none of them a word for
    a person ("the victim Jane Roe", "a company founder John Smith" stay people; so does "the late
    John Smith", whose word before the name is no noun)."""
    doc = name.doc
    k = name.start - 1
    between: list[Token] = []
    while k >= 0 and doc[k].is_alpha and doc[k].is_lower and doc[k].tag_ in ("NN", "NNS"):
        between.append(doc[k])
        k -= 1
    return (bool(between) and k >= 0 and doc[k].lower_ in ("a", "an", "the")
            and not any(t.lower_ in lists.person_nouns or t.lemma_.lower() in lists.person_nouns for t in between))


def gender_fits(person: Person, gender: str | None) -> bool:
    return gender is None or person.gender is None or person.gender == gender


def title_gender(title: str | None, lists: WordLists) -> str | None:
    """The gender a title or honorific says ("Mr." m, "First lady" f), the last word that says one."""
    gender = None
    for word in (title or "").lower().split():
        gender = lists.role_genders.get(word, gender)
    return gender


def only_honorifics(title: str) -> bool:
    """A title written before a name that is honorifics alone ("Ms", "Mr.", "Madam"), no office."""
    return all(word.lower() in HONORIFICS_IN_TEXT for word in title.split())


def title_roles(title: str | None, lists: WordLists) -> set[str]:
    """The words of a title of office, abbreviations written out, or nothing when it names no office:
    "Chief Minister" → {chief, minister}, "Former Pennsylvania Gov." → {pennsylvania, governor};
    "Mr." and "Democratic presidential nominee" → set()."""
    words = [TITLE_ABBREVIATIONS.get(w.rstrip("."), w) for w in (title or "").lower().replace("-", " ").split()
             if w not in TITLE_FILLERS]
    # An honorific alone ("Mr.", "Lady") is no office; inside a title ("First lady") it is.
    offices = [w for w in words if w in OFFICE_TITLES and (len(words) > 1 or w not in HONORIFICS_IN_TEXT)]
    return set(words) if offices else set()


def known_gender(person: Person, lists: WordLists) -> str | None:
    """What the article has said so far about a person's gender: a given name, or a gendered title."""
    if person.gender is not None:
        return person.gender
    gender = given_name_gender(person.words[0], lists) if len(person.words) >= 2 else None
    for title in person.titles:
        gender = title_gender(title, lists) or gender
    return gender


def _contradicting_titles(title: str, other: str | None, given: str, lists: WordLists) -> bool:
    """A name written with `title` cannot be the full name written with `other` and given name `given`."""
    someone = Person(name=given, words=[given, "_"], titles=Counter({other: 1}) if other else Counter())
    return contradicts(someone, title, None, lists)


def contradicts(person: Person, title: str | None, given: str | None, lists: WordLists) -> bool:
    """Whether a name written with `title` (and the given name `given`, if any) cannot be `person`.

    "President Obama" is not the article's "First lady Michelle Obama", "Mr. Obama" not a woman,
    "Chief Minister Sharma" not "Water Minister Meena Sharma": a gender the title or given name
    says against the one the article gives the person, or an office the person is never given
    while they hold others. A partial name is better than a wrong one.
    """
    gender = title_gender(title, lists)
    if given is not None and gender is None:
        gender = given_name_gender(given, lists)
    theirs = known_gender(person, lists)
    if gender is not None and theirs is not None and gender != theirs and theirs != SINGULAR_THEY:
        return True
    roles = title_roles(title, lists)
    held = [title_roles(t, lists) for t in person.titles]
    held = [words for words in held if words]
    # "Governor" fits "Former Pennsylvania Gov.", "Chief Minister" does not fit "Water Minister".
    return bool(roles) and bool(held) and not any(roles <= words or words <= roles for words in held)


# A legal form or a company name's last word, as a word of its own ("Ltd", "Inc.", "PLC", "Holdings").
_LEGAL_FORM = re.compile(r"\b(?:" + "|".join(sorted(LEGAL_SUFFIXES | COMPANY_NAME_ENDINGS)) + r")\b", re.IGNORECASE)


def company_names(doc: Doc) -> dict[str, str]:
    """PERSON entities the article also writes with a company's legal form after them: "Winslow Freight"
    where it prints "Winslow Freight Ltd" (a person's name takes no "Ltd", "Inc." or "plc"), or, for names of
    two words or more, a company name's last word ("Kowloon Crest" of "Kowloon Crest Holdings"). Each maps
    to the company's name as written in full, less a legal form ("Winslow Freight", "Kowloon Crest Holdings")."""
    found: dict[str, str] = {}
    # Found in the text first: most articles print no legal form, and a pass over every token is not free.
    matches = list(_LEGAL_FORM.finditer(doc_text(doc)))
    if not matches:
        return found
    persons = {ent.text.strip() for ent in doc.ents if ent.label_ == "PERSON"}
    for match in matches:
        written_form = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if written_form is None or written_form.start == 0:
            continue
        token = written_form[0]
        word = token.lower_.rstrip(".")
        if word not in LEGAL_SUFFIXES | COMPANY_NAME_ENDINGS or not token.text[:1].isupper():
            continue  # "co" of "co-founder", a lower-case "limited"
        shortest = 1 if word in LEGAL_SUFFIXES else 2
        start = token.i
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha:
            start -= 1
        written = doc[start:token.i]
        # Any tail of the capitalised run: "Shares in Winslow Freight Ltd" names "Winslow Freight".
        for i in range(len(written) - shortest + 1):
            short = written[i:]
            if short.text in persons:
                found[short.text] = short.text if word in LEGAL_SUFFIXES else doc[short.start:token.i + 1].text
    return found


def bodies_by_usage(doc: Doc, lists: WordLists) -> dict[str, str]:
    """PERSON entities the article uses as a body's name, not a person's -> the words that show it:
    "Winslow Freight, which operated the train" (people are "who"), "Winslow Freight's founder", "chief
    executive of Winslow Freight" (nouns only a body has, resources/company_nouns.txt). A name that
    starts with a listed given name stays a person ("Harold Winslow's founder" is a misreading, not a body)."""
    found: dict[str, str] = {}
    owned = company_nouns()
    # "for Clinton, which is something that concerns …": a surname the article writes after a given name
    # is a person's, whatever a "which" clause seems to hang on.
    surnames = {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent[0].lower_ in lists.name_genders or len(ent) == 1 and ent[0].lower_ in surnames:
            continue
        root = ent.root
        after = doc[ent.end:ent.end + 2]
        if len(after) == 2 and after[0].text == "," and after[1].lower_ == "which":
            found.setdefault(ent.text.strip(), f"{ent.text.strip()}, which")
        elif root.dep_ == "poss" and root.head.lemma_.lower() in owned:
            found.setdefault(name_text(ent), f"{ent.text.strip()} {root.head.text}")
        elif (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in owned
              and root.head.head.i < ent.start):
            found.setdefault(ent.text.strip(), f"{root.head.head.text} of {ent.text.strip()}")
        elif (described := _described_as_body(ent)) is not None:
            found.setdefault(ent.text.strip(), f"{ent.text.strip()}, {described}")
    return found


def _described_as_body(ent: Span) -> str | None:
    """The appositive that calls a name a body: "State Policy Tracker, a nonpartisan research group",
    "Capital Rail Services, the consortium that maintains the trains" (a person's would be a role)."""
    doc = ent.doc
    if ent.end + 2 > len(doc) or doc[ent.end].text != ",":
        return None
    head = next((t for t in ent.root.children if t.dep_ == "appos" and t.i > ent.end), None)
    if head is None or head.pos_ != "NOUN" or head.tag_ != "NN" or head.lemma_.lower() not in organisation_nouns():
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in head.children):
        return None
    return doc[head.left_edge.i:head.i + 1].text


def name_text(ent: Span) -> str:
    """The entity's words without a possessive ending ("Winslow Freight's" -> "Winslow Freight")."""
    end = ent.end
    while end > ent.start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent.doc[ent.start:end].text.strip()


def place_like_names(doc: Doc) -> set[str]:
    """PERSON entities that the article uses as places ("in Palmyra", "retake Palmyra"), or that the NER
    tags a place elsewhere at least as often as the article makes them a subject ("Graham, 71, fumed" tagged
    GPE once stays the Graham who is twice the subject of "say" and "added")."""
    otherwise = Counter(ent.text.strip() for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC"))
    votes: Counter[str] = Counter()
    subjects: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        # "a blow to Secretary of State Jon Husted": an office before the name makes a person, never a place.
        titled = any(c.dep_ in ("nmod", "compound", "appos") and c.lower_.rstrip(".") in role_words()
                     for c in root.children)
        if not titled and (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS
                           or root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_VERBS
                           or root.dep_ == "pobj" and root.head.lower_ == "of"
                           and root.head.head.lemma_.lower() in PLACE_NOUNS):
            votes[ent.text.strip()] += 1
        if root.dep_ in ("nsubj", "nsubjpass"):
            subjects[ent.text.strip()] += 1
    places = {name for name, count in votes.items() if count > subjects[name]}
    persons = {ent.text.strip() for ent in doc.ents if ent.label_ == "PERSON"}
    # A headline abbreviates a place the body names in full ("N. Korea", "S. Carolina"): the NER reads the
    # initial as a given name's.
    abbreviated = {name for name in persons if name not in otherwise
                   and any(_abbreviates(name, place) for place in otherwise)}
    return places | {name for name in persons if 0 < otherwise[name] >= subjects[name]} | abbreviated


def _abbreviates(short: str, full: str) -> bool:
    """"N. Korea" of "North Korea": the same last word, each word before it an initial of the full name's."""
    short_words, full_words = short.split(), full.split()
    return (len(short_words) == len(full_words) >= 2 and short_words[-1] == full_words[-1]
            and any(word.endswith(".") for word in short_words[:-1])
            and all(word == other or len(word) == 2 and word.endswith(".") and other.startswith(word[0])
                    for word, other in zip(short_words[:-1], full_words[:-1], strict=True)))


