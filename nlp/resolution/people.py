"""The people an article names: one registry per Doc, built from its PERSON entities and the names the NER missed.

A person has a canonical name (the commonest full form), aliases, titles, a gender when the text
signals one, and every place the article refers to them, weighted for pronoun salience.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from nlp.resolution.naming import (
    WordLists,
    appositive_title,
    given_name_gender,
    given_names_agree,
    name_key,
    name_words,
    surface,
    title_before,
    title_matches,
    titles_a_name,
    two_word_name_entity,
)
from nlp.sentences import SentenceIndex, doc_text

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
    gender: str | None = None
    first_seen: int = 0
    positions: list[int] = field(default_factory=list)  # char offsets where the article names them
    # (token index, weight) of every place the person is referred to, for pronoun salience.
    mentions: list[tuple[int, float]] = field(default_factory=list)

    def add_name(self, words: list[str], surface: str) -> None:
        """Count a way of naming the person; the canonical name is the commonest full form.

        The commonest, not the longest: a Title Case headline can glue a verb to a name
        ("Lawmakers Rip Donald Trump"), but the article body repeats the real name.
        """
        self.aliases[surface] += 1
        self.alias_words[surface] = words
        full = [alias for alias in self.aliases if len(self.alias_words[alias]) >= 2] or list(self.aliases)
        self.name = max(full, key=lambda alias: (self.aliases[alias], len(self.alias_words[alias])))
        self.words = self.alias_words[self.name]


class People:
    """The people an article names, built from PERSON entities that are not places in disguise."""

    def __init__(self, doc: Doc, lists: WordLists, index: SentenceIndex):
        self.doc = doc
        self.index = index
        self._positions_by_text: dict[str, list[int]] | None = None  # built by capitalised_positions()
        self._entities: list[Span] | None = None  # built by sorted_entities()
        self._entity_starts: list[int] = []
        self.lists = lists
        self.people: list[Person] = []
        self.by_entity: dict[int, Person] = {}  # ent start token -> person
        self._register_entities(place_like_names(doc))
        self.complete_surnames()
        self.merge_misspelt_surnames()
        self._count_unlabelled_surnames()
        self._learn_genders()
        self._learn_singular_they()

    def _register_entities(self, places: set[str]) -> None:
        """A person for every PERSON entity that is not a place in disguise, weighted for salience."""
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or ent.text.strip() in places:
                continue
            name = name_words(ent, self.lists)
            if name is None or not_a_person(name, self.lists):
                continue
            introduced = self.match(name_key(name)) is None
            person = self.link(name, ent)
            self.by_entity[ent.start] = person
            weight = ROLE_WEIGHTS.get(ent.root.dep_, OTHER_WEIGHT)
            title = title_before(ent, self.lists) or appositive_title(ent, self.lists)
            if title:
                person.titles[title] += 1
                if introduced:
                    # "… concerns Henry Crespo, president of the caucus. '…,' he said.": a source is
                    # introduced with a full name and a role right before the writer quotes them.
                    weight = max(weight, INTRODUCTION_WEIGHT)
            person.mentions.append((ent.root.i, weight))

    def link(self, name: Span | list[Token], anchor: Span | None = None) -> Person:
        """The person a name refers to, created if new; `name` may skip words (a quoted nickname)."""
        words = name_key(name)
        if isinstance(name, Span):
            written, span = name.text, name
        else:
            written, span = surface(name), name[0].doc[name[0].i:name[-1].i + 1]
        person = self.match(words)
        if person is None:
            person = Person(name=written, words=words, first_seen=span.start_char)
            self.people.append(person)
        person.add_name(words, written)
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
        return found

    def match(self, words: list[str], *, at_token: int | None = None) -> Person | None:
        """The person these name words refer to; `at_token` breaks a tie between namesakes by salience."""
        if not words:
            return None
        candidates = []
        for person in self.people:
            if not person.words:
                continue
            if words == person.words:
                return person
            if _may_name(words, person.words):
                candidates.append(person)
        if not candidates and len(words) == 1:
            # A spelling merged in by merge_misspelt_surnames.
            candidates = [person for person in self.people if words in person.alias_words.values()]
        if not candidates:
            return None
        # A surname shared by two people (Bill and Hillary Clinton): the one most prominent just
        # before this mention wins, else the one the article names most, else the latest named.
        def rank(person: Person) -> tuple[bool, float, int, int]:
            salience = self.salience(person, at_token) if at_token is not None else 0.0
            return (person.words[-1] == words[-1], salience, len(person.mentions), max(person.positions or [0]))

        return max(candidates, key=rank)

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

    def from_full_name(self, surname: list[Token]) -> Person | None:
        """The person behind a bare surname, when the article spells the full name out somewhere."""
        if len(surname) != 1:
            return None
        full = self.full_name_for(surname[0].text)
        if full is None:
            return None
        person = self.link(full)
        title = title_before(self.doc[full[0].i:full[-1].i + 1], self.lists)
        if title:
            person.titles[title] += 1
        if person.gender is None and person.words:
            person.gender = given_name_gender(person.words[0], self.lists)
        return person

    def capitalised_positions(self) -> dict[str, list[int]]:
        """Every capitalised word of the Doc (typographic apostrophes folded) -> its token indices, built once."""
        if self._positions_by_text is None:
            self._positions_by_text = {}
            for token in self.doc:
                if token.text[:1].isupper():
                    self._positions_by_text.setdefault(token.text.replace("’", "'"), []).append(token.i)
        return self._positions_by_text

    def full_name_for(self, surname: str) -> list[Token] | None:
        """The commonest "Given [Middle] Surname" the article writes for a bare surname.

        NER often misses a name where it is introduced ("former Pennsylvania Gov. Ed Rendell")
        and catches only the later bare "Rendell"; the capitalised words right before an
        occurrence of the surname give the given name.
        """
        target = surname.replace("’", "'")
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
            if (titles_a_name(previous, self.lists)
                    or previous.ent_type_ in ("NORP", "GPE", "ORG", "LOC", "DATE")
                    and not two_word_name_entity(previous, surname)):
                break
            given.insert(0, previous)
            index -= 1
        return given

    def complete_surnames(self) -> None:
        """Give one-word people their full name when the article writes it where NER missed it."""
        for person in list(self.people):
            if len(person.words) != 1:
                continue
            full = self.full_name_for(person.name)
            if full is None:
                continue
            words = name_key(full)
            existing = next((other for other in self.people if other is not person and other.words == words), None)
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
                owners.setdefault(person.words[-1], []).append(person)
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
                    named = persons
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

        known = [person for person in self.people if len(person.words) >= 2 and one_edit_away(person.words[-1])]
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
            given = person.words[0] if person.words else ""
            # A lone word may be a surname ("Costa", "Rivera"): only the list speaks for it.
            gender = (given_name_gender(given, self.lists) if len(person.words) >= 2
                      else self.lists.name_genders.get(given))
            for title in person.titles:
                for word in title.lower().split():
                    gender = self.lists.role_genders.get(word, gender)
            person.gender = gender

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


def _may_name(words: list[str], known: list[str]) -> bool:
    """Whether name words other than `known` itself may still name the person known by `known`."""
    if len(words) == 1:
        return words[0] in (known[-1], known[0])
    if len(known) == 1:
        return known[0] == words[-1]
    if len(known) > len(words) and known[-len(words):] == words:
        return True  # a surname of several words: "Van Aalst" of Pieter Van Aalst
    return words[-1] == known[-1] and given_names_agree(words, known)


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
    if len(name) >= 2 and name[-1].lower_ in PLACE_HEADS and name[0].lower_ not in lists.name_genders:
        return True
    return (len(name) == 1 and name[0].text.endswith(".") and name.start >= 2
            and doc[name.start - 1].text == "," and doc[name.start - 2].text[:1].isupper())


def gender_fits(person: Person, gender: str | None) -> bool:
    return gender is None or person.gender is None or person.gender == gender


def place_like_names(doc: Doc) -> set[str]:
    """PERSON entities that the article uses as places ("in Palmyra", "retake Palmyra")."""
    otherwise = {ent.text.strip() for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC")}
    votes: Counter[str] = Counter()
    subjects: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
            votes[ent.text.strip()] += 1
        elif root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_VERBS:
            votes[ent.text.strip()] += 1
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
            votes[ent.text.strip()] += 1
        if root.dep_ in ("nsubj", "nsubjpass"):
            subjects[ent.text.strip()] += 1
    places = {name for name, count in votes.items() if count > subjects[name]}
    persons = {ent.text.strip() for ent in doc.ents if ent.label_ == "PERSON"}
    return places | (otherwise & persons)


