"""quotetrail_resolution: resolve each statement's mention to the person the article names.

No coreference model installs offline, so these are rules over the parse and the entities:
full names anchor people; surnames and given names link to them; titles seen before a name
("Russian President Vladimir Putin") or in an appositive make role nominals ("the Russian
president") resolvable; pronouns go to the previous quote's speaker or the most salient
compatible person (role × recency, genders from given names, they/them declared in the text). A
statement without a cue takes its speaker from its neighbours, an interview's answer from its
introduction, a first-person opinion piece's "I" from its byline or author note, and a role in the
lede from the next speaker the article introduces. Every resolution keeps a short reason and a
confidence in [0, 1].
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp import extensions
from nlp.cues import QUESTION_LABEL
from nlp.errors import guarded
from nlp.lexicon import Lexicon, lexicon
from nlp.speakers import is_short_proper_name, mention_range
from nlp.sentences import SentenceIndex, doc_text
from nlp.text import paragraph_index

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "into", "outside", "inside", "across", "around",
                                   "through", "toward", "towards", "to", "within", "throughout", "between"})
PLACE_VERBS = frozenset({"retake", "recapture", "capture", "seize", "liberate", "enter", "visit", "storm",
                         "attack", "bomb", "reach", "leave", "occupy", "besiege"})
NOT_PERSON_LABELS = ("GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "del", "della", "du", "la", "le",
                            "al", "el", "bin", "ibn", "ter", "ten", "dos", "das", "y"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lord", "lady"})
# Salience of a reference by its grammatical role (subjects are what later pronouns usually
# continue); each sentence of distance halves it. A quote's speaker counts as most salient.
ROLE_WEIGHTS = {"nsubj": 80.0, "nsubjpass": 70.0, "dobj": 50.0, "pobj": 40.0, "poss": 40.0, "appos": 40.0}
OTHER_WEIGHT = 35.0
INTRODUCTION_WEIGHT = 90.0  # a person's first mention, with a title or role
SPEAKER_WEIGHT = 100.0
SALIENCE_REACH = 4  # sentences
# "the Russian leader" is whoever leads: a title with any of these heads, and the modifiers.
LEADER_TITLES = ("leader", "president", "premier", "chancellor", "prime", "king", "queen", "emperor", "emir",
                 "sultan", "monarch", "chairman", "chairwoman", "chair", "head", "dictator", "supremo")
# Where an opinion piece names its author: a byline in its first paragraphs, a note in its last.
AUTHOR_PARAGRAPHS = 3
AUTHOR_NOTE_LENGTH = 400  # characters; a longer closing paragraph is article text
_NAME = r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|der|da|di|del|la|le|bin|al)){1,4})"
_HONORIFIC = r"(?:(?:Dr|Prof|Professor|Rev|Sir|Dame|Mr|Mrs|Ms)\.?\s+)?"
BYLINE = re.compile(r"\s*By\s+" + _HONORIFIC + _NAME + r"\s*(?:$|[,|/—–-]\s*(?!and\b)\S)")
AUTHOR_NOTE = re.compile(r"[\s(*_—–-]*" + _HONORIFIC + _NAME + r"(?:,[^,]{1,80},)?\s+(?:is|was|has been|serves as|teaches|writes|directs|leads|chairs)\s")
# "uses they/them pronouns", "goes by they/them", "uses the pronoun they".
SINGULAR_THEY = "they"
SINGULAR_THEY_DECLARATION = re.compile(
    r"\b(?:uses?|using|prefers?|goes by|go by|asked to be called)\s+(?:the\s+)?(?:pronouns?\s+)?[\"“']?they(?:\s*/\s*them)?\b", re.IGNORECASE)
# A definite role in the first paragraphs (headline and lede) may be named by the next speaker
# introduced within this many paragraphs.
LEDE_PARAGRAPHS = 2
DELAYED_NAME_REACH = 2
# Surnames at least this long may be matched across one misspelt letter.
MISSPELLING_MIN_LENGTH = 5

# How far back a pronoun or a quote without a cue may reach for the previous speaker, in paragraphs:
# news writers re-name a speaker after a few paragraphs of someone else.
PREVIOUS_SPEAKER_REACH = 3

# Confidence of the attribution itself (how the mention was found) ...
CUE_CONFIDENCE = {"verb": 0.95, "noun": 0.9, "according": 0.93, "in": 0.9, "colon": 0.85, "dash": 0.8,
                  "interview": 0.9}
# ... times the confidence of the resolution (how the mention became a person).
NAMED, SURNAME, PRONOUN_PREVIOUS, PRONOUN_NEAREST, AUTHOR = 1.0, 0.96, 0.9, 0.78, 0.85
ROLE_TITLE, ROLE_PREVIOUS, ORGANISATION, UNNAMED = 0.92, 0.72, 0.9, 0.5


@dataclass
class Person:
    name: str
    words: list[str]  # lower-cased name words
    titles: Counter = field(default_factory=Counter)
    aliases: Counter = field(default_factory=Counter)
    alias_words: dict = field(default_factory=dict)  # surface -> its name words
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


@dataclass
class Resolved:
    speaker: str | None
    person: Person | None
    reason: str
    confidence: float
    # An unresolved definite role in the lede ("Germany's finance minister"): (head, modifiers, gender),
    # for the writer to name a few paragraphs on.
    delayed_role: tuple[str, list[str], str | None] | None = None


class People:
    """The people an article names, built from PERSON entities that are not places in disguise."""

    def __init__(self, doc: Doc, lex: Lexicon, index: SentenceIndex | None = None):
        self.doc = doc
        self.index = index
        self._positions_by_text: dict[str, list[int]] | None = None  # built by capitalised_positions()
        self._entities: list[Span] | None = None  # built by sorted_entities()
        self._entity_starts: list[int] = []
        self.lexicon = lex
        self.people: list[Person] = []
        self.by_entity: dict[int, Person] = {}  # ent start token -> person
        places = _place_like_names(doc)

        def person_known(name: Span) -> bool:
            return self.match(_name_key(name)) is not None

        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.text.strip() in places:
                continue
            name = _name_words(ent, lex)
            if name is None:
                continue
            introduced = not person_known(name)
            person = self.link(name, ent)
            self.by_entity[ent.start] = person
            weight = ROLE_WEIGHTS.get(ent.root.dep_, OTHER_WEIGHT)
            title = _title_before(ent, lex) or _appositive_title(ent, lex)
            if title:
                person.titles[title] += 1
                if introduced:
                    # "… concerns Henry Crespo, president of the caucus. '…,' he said.": a source is
                    # introduced with a full name and a role right before the writer quotes them.
                    weight = max(weight, INTRODUCTION_WEIGHT)
            person.mentions.append((ent.root.i, weight))
        self.complete_surnames()
        self.merge_misspelt_surnames()
        self._count_unlabelled_surnames()
        self._learn_genders()
        self._learn_singular_they()
        self.author = self._find_author()

    def link(self, name: Span | list[Token], anchor: Span | None = None) -> Person:
        """The person a name refers to, created if new; `name` may skip words (a quoted nickname)."""
        words = _name_key(name)
        surface = name.text if isinstance(name, Span) else _surface(name)
        if isinstance(name, list):
            name = name[0].doc[name[0].i:name[-1].i + 1]
        person = self.match(words)
        if person is None:
            person = Person(name=surface, words=words, first_seen=name.start_char)
            self.people.append(person)
        person.add_name(words, surface)
        person.positions.append((anchor or name).start_char)
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

    def organisation_named_before(self, mention: Span) -> str | None:
        """'the authority' after 'the Riverlands Water Authority': the latest organisation named with that head."""
        head = mention.root
        if mention[0].lower_ not in ("the", "this") or head.pos_ != "NOUN" or len(mention) > 3:
            return None
        entities, starts = self.sorted_entities()
        for ent in reversed(entities[:bisect_left(starts, mention.start)]):
            # A name of two words or more: a headline's capitalised "Council" names nothing.
            if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].lemma_.lower() == head.lemma_.lower():
                return ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        return None

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
            if len(words) == 1 and words[0] in (person.words[-1], person.words[0]):
                candidates.append(person)
            elif len(words) > 1 and len(person.words) == 1 and person.words[0] in (words[-1],):
                candidates.append(person)
            elif len(words) > 1 and len(person.words) > len(words) and person.words[-len(words):] == words:
                candidates.append(person)  # a surname of several words: "Van Aalst" of Pieter Van Aalst
            elif len(words) > 1 and len(person.words) > 1 and words[-1] == person.words[-1] and _given_names_agree(words, person.words):
                candidates.append(person)
        if not candidates and len(words) == 1:
            # A spelling merged in by merge_misspelt_surnames.
            candidates = [person for person in self.people if words in person.alias_words.values()]
        if not candidates:
            return None
        # A surname shared by two people (Bill and Hillary Clinton): the one most prominent just
        # before this mention wins, else the one the article names most, else the latest named.
        def rank(person: Person) -> tuple:
            salience = self.salience(person, at_token) if at_token is not None and self.index is not None else 0.0
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

    def from_full_name(self, surname: list[Token]) -> Person | None:
        """The person behind a bare surname, when the article spells the full name out somewhere."""
        if len(surname) != 1:
            return None
        full = self.full_name_for(surname[0].text)
        if full is None:
            return None
        person = self.link(full)
        title = _title_before(self.doc[full[0].i:full[-1].i + 1], self.lexicon)
        if title:
            person.titles[title] += 1
        if person.gender is None and person.words:
            person.gender = _given_name_gender(person.words[0], self.lexicon)
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
        candidates: Counter = Counter()
        first_span: dict[str, list[Token]] = {}
        for position in self.capitalised_positions().get(target, []):
            token = self.doc[position]
            given: list[Token] = []
            index = token.i - 1
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
                if (previous.lower_ in self.lexicon.role_nouns or previous.lower_ in HONORIFICS
                        or previous.ent_type_ in ("NORP", "GPE", "ORG", "LOC", "DATE")
                        and not _two_word_name_entity(previous, token)):
                    break
                given.insert(0, previous)
                index -= 1
            if given and not given[0].text.endswith(".") and (
                given[0].pos_ == "PROPN" or not given[0].is_sent_start and given[0].pos_ in ("ADJ", "NOUN")
            ):
                full = given + [token]
                candidates[_surface(full)] += 1
                first_span.setdefault(_surface(full), full)
        if not candidates:
            return None
        return first_span[max(candidates, key=lambda name: (candidates[name], -first_span[name][0].i))]

    def complete_surnames(self) -> None:
        """Give one-word people their full name when the article writes it where NER missed it."""
        for person in list(self.people):
            if len(person.words) != 1:
                continue
            full = self.full_name_for(person.name)
            if full is None:
                continue
            words = _name_key(full)
            existing = next((other for other in self.people if other is not person and other.words == words), None)
            if existing is not None:
                self._merge_into(person, existing)
            else:
                person.add_name(words, _surface(full))
                person.positions.append(full[0].idx)
                person.first_seen = min(person.first_seen, full[0].idx)
                title = _title_before(self.doc[full[0].i:full[-1].i + 1], self.lexicon)
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
                        and before.lower_ not in self.lexicon.role_nouns and before.lower_ not in HONORIFICS:
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
        names = {tuple(person.words) for person in known} | {tuple(_name_key(full)) for full in written}
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

    def _find_author(self) -> tuple[Person, str] | None:
        """The writer of a first-person piece, from its byline or its closing author note.

        An opinion piece says "I" outside quotation marks and names its author once, in a
        "By Jane Roe" line at the top or a "Jane Roe is a professor at …" note at the end.
        Only a single author counts: "I" in a piece by two people is one of them.
        """
        paragraphs = self.doc._.qt_paragraphs or [(0, len(doc_text(self.doc)))]
        text = doc_text(self.doc)
        candidates = [(start, end, BYLINE, "in the byline") for start, end in paragraphs[:AUTHOR_PARAGRAPHS]]
        candidates += [(start, end, AUTHOR_NOTE, "in the note on the author")
                       for start, end in paragraphs[-AUTHOR_PARAGRAPHS:]]
        for start, end, pattern, where in candidates:
            paragraph = text[start:end]
            if len(paragraph) > AUTHOR_NOTE_LENGTH:
                continue
            found = pattern.match(paragraph)
            if found is None:
                continue
            name = self.doc.char_span(start + found.start("name"), start + found.end("name"), alignment_mode="contract")
            if name is None or len(name) < 2 or name[0].lower_ in HONORIFICS or not self._looks_like_person(name):
                continue
            person = self.match(_name_key(name)) or self.link(name)
            return person, where
        return None

    def _looks_like_person(self, name: Span) -> bool:
        """A PERSON entity, a known person, or a known given name first: not "By Monday Morning"."""
        if any(t.ent_type_ == "PERSON" for t in name):
            return True
        words = _name_key(name)
        return self.match(words) is not None or words[0] in self.lexicon.name_genders

    def _learn_genders(self) -> None:
        for person in self.people:
            given = person.words[0] if person.words else ""
            # A lone word may be a surname ("Costa", "Rivera"): only the list speaks for it.
            gender = (_given_name_gender(given, self.lexicon) if len(person.words) >= 2
                      else self.lexicon.name_genders.get(given))
            for title in person.titles:
                for word in title.lower().split():
                    gender = self.lexicon.role_genders.get(word, gender)
            person.gender = gender

    def most_salient(self, token_i: int, gender: str | None, skip: frozenset[int] = frozenset()) -> tuple[Person | None, float]:
        """The compatible person most salient just before token `token_i` (recency × grammatical role).

        Mentions at tokens `skip` (the quoted words the pronoun introduces) do not count: the people
        a speaker talks about are not the speaker.
        """
        best, best_score = None, 0.0
        for person in self.people:
            if not _gender_fits(person, gender):
                continue
            score = self.salience(person, token_i, skip)
            if score > best_score:
                best, best_score = person, score
        return best, best_score

    def nearest_before(self, offset: int, gender: str | None) -> Person | None:
        best, best_position = None, -1
        for person in self.people:
            if not _gender_fits(person, gender):
                continue
            earlier = [p for p in person.positions if p < offset]
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
            if not any(_title_matches(title, head, modifiers) for title in person.titles):
                continue
            earlier = [p for p in person.positions if p < offset]
            if earlier:
                before.append((max(earlier), person))
            else:
                after.append((min(person.positions or [person.first_seen]), person))
        if before:
            return max(before, key=lambda pair: pair[0])[1]
        return min(after, key=lambda pair: pair[0])[1] if after else None


def _surface(tokens: list[Token]) -> str:
    """The name as written, over tokens that may skip a quoted nickname."""
    return "".join(t.text + (t.whitespace_ if i + 1 < len(tokens) and tokens[i + 1].i == t.i + 1 else " ")
                   for i, t in enumerate(tokens)).strip()


def _name_key(name) -> list[str]:
    """Comparable name words: lower case, typographic apostrophes folded ("O’Neill" = "O'Neill")."""
    words = [t.lower_.replace("’", "'") for t in name if t.is_alpha or any(c in t.text for c in ".-'’")]
    return [w for w in words if w not in ("'s", "'")] or [name.text.lower()]


def _title_matches(title: str, head: str, modifiers: list[str]) -> bool:
    title_words = title.lower().replace("-", " ").split()
    # Only a qualified leader ("the Russian leader") is a head of state; "its leader" is anyone's.
    heads = LEADER_TITLES if head == "leader" and modifiers else (head,)
    return any(h in title_words for h in heads) and all(m in title_words for m in modifiers)


def _given_names_agree(a: list[str], b: list[str]) -> bool:
    # "George Bush" and "George W. Bush" could be two people; inside one article a longer variant
    # with the same first and last name is treated as the same person.
    return a[0] == b[0] or a[0].rstrip(".")[:1] == b[0][:1] and (len(a[0].rstrip(".")) == 1 or len(b[0].rstrip(".")) == 1)


def _given_name_gender(given: str, lex: Lexicon) -> str | None:
    """The gender a given name usually signals: from the list (which holds the men's names in -a),
    else a final -a (Valentina, Oksana, Chiara) says female in most languages news names come from."""
    known = lex.name_genders.get(given)
    if known is not None:
        return known
    if len(given) >= 4 and given.endswith("a") and given.isalpha():
        return "f"
    return None


def _gender_fits(person: Person, gender: str | None) -> bool:
    return gender is None or person.gender is None or person.gender == gender


def _name_words(ent: Span, lex: Lexicon) -> Span | None:
    """The name inside a PERSON entity, without leading titles and a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in lex.role_nouns or doc[start].lower_ in HONORIFICS
                           or doc[start].is_punct or doc[start].is_space
                           # "missiles - Kremlin" from a headline: a name starts capitalised or with a particle.
                           or doc[start].is_lower and doc[start].lower_ not in NAME_PARTICLES):
        start += 1
    # ... and without a verb a Title Case headline glued to it ("Obama Says …").
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s")
                           or _glued_verb(doc[end - 1], lex) and end - 1 > start):
        end -= 1
    if start >= end:
        return None
    name = doc[start:end]
    if not any(t.text[:1].isupper() for t in name):
        return None
    return name


def _titled_name(entity: Span, lex: Lexicon) -> bool:
    """An entity of two or three capitalised words right after a person's title ("lawyer", "Rep.")."""
    doc = entity.doc
    before = doc[entity.start - 1] if entity.start > 0 else None
    return (before is not None and (before.lower_ in lex.role_nouns or before.lower_ in HONORIFICS)
            and is_short_proper_name(entity) and not any(t.lower_ in lex.group_nouns for t in entity))


def _role_named(entity: Span, title: str | None, lex: Lexicon) -> bool:
    """A two- or three-word name given as the holder of a role ("Its leader, Sophie Marchand")."""
    return (title is not None and any(word in lex.role_nouns for word in title.lower().split())
            and is_short_proper_name(entity))


def _two_word_name_entity(given: Token, surname: Token) -> bool:
    """'Clemens Fuest' tagged ORG as a whole: a name the NER mislabelled, not an organisation
    before a name ('Ifo President Clemens Fuest' tags 'Ifo' alone)."""
    doc = surname.doc
    return (given.i == surname.i - 1 and given.ent_iob_ == "B" and surname.ent_iob_ == "I"
            and given.pos_ == surname.pos_ == "PROPN"
            and (surname.i + 1 == len(doc) or doc[surname.i + 1].ent_iob_ != "I"))


def _glued_verb(token: Token, lex: Lexicon) -> bool:
    """A reporting verb in a Title Case headline ("Obama Says", "Trump Claims"), not a surname
    that is also a verb's base form ("Stevie Wonder", "Rick Warren")."""
    return token.lemma_.lower() in lex.speech_verbs and (token.tag_.startswith("VB") and token.tag_ != "VB"
                                                          or token.lower_ != token.lemma_.lower())


def _title_before(ent: Span, lex: Lexicon) -> str | None:
    """Title words right before a name in the same phrase: "Russian President Vladimir Putin"."""
    doc = ent.doc
    index = ent.start - 1
    words: list[Token] = []
    while index >= 0:
        token = doc[index]
        if token.is_space or token.is_punct and token.text not in (".", "-"):
            break
        if token.pos_ in ("DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM") or token.tag_ == "POS":
            break
        if not (token.text[:1].isupper() or token.lower_ in lex.role_nouns):
            break
        words.insert(0, token)
        index -= 1
    while words and words[0].ent_type_ in ("DATE", "TIME", "CARDINAL"):
        words.pop(0)
    if not words or not any(t.lower_ in lex.role_nouns for t in words):
        return None
    # "Operation Inherent Resolve Commanding General": the title starts at the role and the
    # adjectives or nationality right before it; the organisation's name stays out.
    first_role = next(k for k, t in enumerate(words) if t.lower_ in lex.role_nouns)
    while first_role > 0 and (words[first_role - 1].ent_type_ == "NORP" or words[first_role - 1].pos_ == "ADJ"
                              or words[first_role - 1].tag_ == "VBG" or words[first_role - 1].lower_ in lex.role_nouns
                              # "Transport Secretary": a portfolio word that is no organisation's name
                              or words[first_role - 1].dep_ == "compound" and not words[first_role - 1].ent_type_):
        first_role -= 1
    words = words[first_role:]
    return doc[words[0].i:words[-1].i + 1].text


def _appositive_title(ent: Span, lex: Lexicon) -> str | None:
    appositive = next((c for c in ent.root.children if c.dep_ == "appos"), None)
    if appositive is None and ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
        # "The government spokeswoman, Maria Zakharova,": the name is the role's appositive.
        appositive = ent.root.head
    if appositive is None:
        # "Hugh Hill, a doctor": the parser sometimes hangs the appositive on the verb's subject.
        return None
    if appositive.pos_ != "NOUN":
        return None
    start, end = mention_range(appositive)
    words = ent.doc[start:end]
    # A role ("a doctor", "the party's chairman"), not a state tag such as "(D-Wis.)".
    if not (words[0].lower_ in ("a", "an", "the") or any(t.lemma_.lower() in lex.role_nouns for t in words)):
        return None
    text = words.text
    for determiner in ("a ", "an ", "the "):
        if text.lower().startswith(determiner):
            text = text[len(determiner):]
    return text or None


def _place_like_names(doc: Doc) -> set[str]:
    """PERSON entities that the article uses as places ("in Palmyra", "retake Palmyra")."""
    otherwise = {ent.text.strip() for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC")}
    votes: Counter = Counter()
    subjects: Counter = Counter()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
            votes[ent.text.strip()] += 1
        elif root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_VERBS:
            votes[ent.text.strip()] += 1
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in ("city", "town", "village", "province", "region"):
            votes[ent.text.strip()] += 1
        if root.dep_ in ("nsubj", "nsubjpass"):
            subjects[ent.text.strip()] += 1
    places = {name for name, count in votes.items() if count > subjects[name]}
    persons = {ent.text.strip() for ent in doc.ents if ent.label_ == "PERSON"}
    return places | (otherwise & persons)


class Resolver:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon = lexicon()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        self.index = SentenceIndex(doc)
        people = People(doc, self.lexicon, self.index)
        paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
        history: list[tuple[Span, Resolved]] = []  # resolved statements so far, in order
        for statement in doc.spans.get(extensions.STATEMENTS, []):
            if statement._.qt_mention is not None:
                resolved = self.resolve_mention(doc, people, statement, history, paragraphs)
                if resolved.person is not None and _pronoun(doc, statement._.qt_mention) in MALE_PRONOUNS | FEMALE_PRONOUNS:
                    pronoun = _pronoun(doc, statement._.qt_mention)
                    resolved.person.gender = resolved.person.gender or ("m" if pronoun in MALE_PRONOUNS else "f")
            else:
                resolved = self.from_neighbours(doc, people, statement, history, paragraphs)
            self._assign(doc, statement, resolved)
            if resolved.person is not None and statement._.qt_mention is not None:
                mention_span = doc.char_span(*statement._.qt_mention, alignment_mode="expand")
                if mention_span is not None and len(mention_span):
                    resolved.person.mentions.append((mention_span.root.i, SPEAKER_WEIGHT))
            if resolved.person is not None and statement._.qt_mention_title:
                resolved.person.titles[statement._.qt_mention_title] += 1
            history.append((statement, resolved))
        self._name_delayed_roles(doc, history, paragraphs)
        doc._.qt_people = [
            {"name": p.name, "titles": [t for t, _ in p.titles.most_common()],
             "aliases": [a for a, _ in p.aliases.most_common()], "gender": p.gender}
            for p in people.people
            if any(r.person is p for _, r in history) or p.titles
        ]
        return doc

    def _assign(self, doc: Doc, statement: Span, resolved: Resolved) -> None:
        base = CUE_CONFIDENCE.get(statement._.qt_cue_kind or "", 0.8)
        cue_token = statement._.qt_cue_token
        if cue_token is not None and doc[cue_token].lemma_.lower() in self.lexicon.thought_verbs | self.lexicon.intention_verbs:
            base *= 0.85  # a belief, hope or intention, not necessarily words spoken
        statement._.qt_speaker = resolved.speaker
        statement._.qt_speaker_title = _best_title(resolved.person, statement._.qt_mention_title)
        statement._.qt_resolution = resolved.reason
        statement._.qt_confidence = round(max(0.0, min(1.0, base * resolved.confidence)), 3)

    def _name_delayed_roles(self, doc: Doc, history, paragraphs) -> None:
        """Delayed identification: "Germany's finance minister defended … / '…,' Christian Lindner said."

        A news lede often gives a role and names its holder as the next speaker introduced in
        full, within two paragraphs. That speaker is taken only if nothing the article says
        about them contradicts the role; anyone else introduced first ends the search.
        """
        for k, (statement, resolved) in enumerate(history):
            if resolved.delayed_role is None:
                continue
            head, modifiers, gender = resolved.delayed_role
            here = paragraph_index(paragraphs, statement._.qt_content[0])
            for later, later_resolved in history[k + 1:]:
                if paragraph_index(paragraphs, later._.qt_content[0]) - here > DELAYED_NAME_REACH:
                    break
                person = later_resolved.person
                if person is None or later_resolved.confidence < NAMED or len(person.words) < 2:
                    continue
                if person.first_seen < statement._.qt_mention[0]:
                    continue  # named before the role: the lede would have said so
                roles = [t for t in person.titles if any(w in self.lexicon.role_nouns for w in t.lower().split())]
                # A bare "Minister" fits "the maritime affairs minister"; "Foreign Minister" does not.
                compatible = _gender_fits(person, gender) and (
                    not roles or any(_title_matches(t, head, modifiers) or t.lower().split() == [head] for t in roles))
                if compatible:
                    text = doc_text(doc)[slice(*statement._.qt_mention)]
                    self._assign(doc, statement, Resolved(
                        person.name, person,
                        f"{text} → {person.name}: the role in the lede, named as the next speaker",
                        ROLE_PREVIOUS * 0.9))
                break

    # --- mentions ---------------------------------------------------------------------------
    def resolve_mention(self, doc: Doc, people: People, statement: Span, history, paragraphs) -> Resolved:
        start, end = statement._.qt_mention
        mention = doc.char_span(start, end, alignment_mode="expand")
        text = mention.text
        lower = text.lower()
        # A name: the mention holds a PERSON entity that is not a place. The entity holding the
        # mention's head comes first ("Clinton campaign spokesman Brian Fallon" names Fallon).
        mention_entities = people.entities_in(mention)
        entities = sorted(mention_entities, key=lambda ent: (not (ent.start <= mention.root.i < ent.end), -ent.start))
        # "Kev Jones' wife", "Trump's spokesman": the owner named in the phrase is not who speaks.
        # A possessor of a document is its author, though: "Bornstein's letter said".
        if mention.root.lemma_.lower() in self.lexicon.role_nouns | self.lexicon.group_nouns:
            entities = [ent for ent in entities if not _possessor_of(ent, mention.root)]
        for ent in entities:
            person = people.by_entity.get(ent.start)
            if person is not None:
                if len(person.words) > len(_name_words(ent, self.lexicon) or ent):
                    reason = f"{text} → {person.name}: surname of the person named in paragraph {paragraph_index(paragraphs, person.first_seen)}"
                    return Resolved(person.name, person, reason, SURNAME)
                return Resolved(person.name, person, f"{person.name}: named at the cue", NAMED)
        # The NER misses many names in attribution position ('"…," Mendes said' is often tagged
        # PRODUCT or nothing): a capitalised mention that matches a known person's name is them.
        name_tokens = _name_tokens(mention, self.lexicon)
        if not name_tokens and mention.root.pos_ == "PROPN" and mention.root.i + 1 < mention.end:
            # "Astronomer Felix Brandt of the Wenlow Observatory": the name ends at the head.
            mention = doc[mention.start:mention.root.i + 1]
            name_tokens = _name_tokens(mention, self.lexicon)
        # A known person's name wins over the NER's label for it ("Rendell" tagged ORG).
        loose_tokens = _name_tokens(mention, self.lexicon, trust_labels=False)
        person = people.match(_name_key(loose_tokens), at_token=mention.root.i) if loose_tokens else None
        if person is None and name_tokens:
            person = people.from_full_name(name_tokens)
        if person is None and len(loose_tokens) == 1:
            person = people.misspelt(_name_key(loose_tokens)[0])
        if person is not None:
            if len(person.words) > len(name_tokens or loose_tokens):
                reason = f"{text} → {person.name}: surname of the person named in paragraph {paragraph_index(paragraphs, person.first_seen)}"
                return Resolved(person.name, person, reason, SURNAME)
            return Resolved(person.name, person, f"{person.name}: named at the cue", NAMED)
        if lower in ("who", "that", "which") and mention.root.head.dep_ == "relcl":
            antecedent = _nearest_conjunct(mention.root.head.head, mention.root.i)
            if antecedent.dep_ == "appos" and antecedent.head.pos_ == "PROPN":
                antecedent = antecedent.head  # "Rosa Delgado, the watchman's daughter, who said"
            start, end = mention_range(antecedent)
            saved = statement._.qt_mention
            statement._.qt_mention = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
            resolved = self.resolve_mention(doc, people, statement, history, paragraphs)
            statement._.qt_mention = saved
            if resolved.speaker is not None:
                resolved.reason = f"{text} → {resolved.reason} (antecedent of the relative clause)"
            return resolved
        if lower in MALE_PRONOUNS | FEMALE_PRONOUNS:
            gender = "m" if lower in MALE_PRONOUNS else "f"
            return self.pronoun(doc, people, statement, history, paragraphs, text, gender)
        if lower in PLURAL_PRONOUNS:
            singular = self.singular_they(people, statement, history, paragraphs, mention.root.i)
            if singular is not None:
                return Resolved(singular.name, singular,
                                f"{text} → {singular.name}: the article says they use they/them", PRONOUN_PREVIOUS)
            previous = self.previous_speaker(statement, history, paragraphs, gender=None, plural=True)
            if previous is not None:
                return Resolved(previous.speaker, previous.person,
                                f"{text} → {previous.speaker}: the group quoted just before", PRONOUN_NEAREST)
            return Resolved(None, None, f"{text}: no group to refer to", UNNAMED)
        if lower in FIRST_PERSON:
            if lower in ("i", "me") and people.author is not None:
                author, where = people.author
                return Resolved(author.name, author, f"{text} → {author.name}: the author, named {where}", AUTHOR)
            return Resolved(None, None, f"{text}: first person outside a quote (the author)", UNNAMED)
        head = mention.root
        modifiers = [t.lower_ for t in mention if t.i != head.i and t.dep_ in ("amod", "compound", "nmod") and t.is_alpha]
        # "the Swede told reporters": a nationality stands for a person the way a role does.
        demonym = len(mention) == 2 and mention[0].lower_ == "the" and head.ent_type_ == "NORP" and head.tag_ == "NNP"
        if head.lower_ in self.lexicon.role_nouns or head.lemma_.lower() in self.lexicon.role_nouns or demonym:
            def fitting_title(person: Person) -> str | None:
                """The person's first title that this description fits, by the head as written or its lemma."""
                return next((t for t in person.titles if _title_matches(t, head.lower_, modifiers)
                             or _title_matches(t, head.lemma_.lower(), modifiers)), None)

            previous = self.previous_speaker(statement, history, paragraphs, gender=None)
            title = fitting_title(previous.person) if previous is not None and previous.person is not None else None
            if title is not None:
                return Resolved(previous.speaker, previous.person,
                                f"{text} → {previous.speaker}: speaker of the previous quote, titled '{title}'", ROLE_TITLE)
            holder = people.with_title(head.lower_, modifiers, start) or people.with_title(head.lemma_.lower(), modifiers, start)
            if holder is not None:
                title = fitting_title(holder)
                return Resolved(holder.name, holder,
                                f"{text} → {holder.name}: matches the title '{title}' the article gives", ROLE_TITLE)
            if mention[0].lower_ in ("the", "this") and head.tag_ in ("NN", "NNP"):
                gender = self.lexicon.role_genders.get(head.lower_)
                previous = self.previous_speaker(statement, history, paragraphs, gender=gender)
                if previous is not None and previous.person is not None:
                    return Resolved(previous.speaker, previous.person,
                                    f"{text} → {previous.speaker}: speaker of the previous quote, no other holder of that role named",
                                    ROLE_PREVIOUS)
                # "the New York businessman": a definite description of someone already in focus.
                salient, score = people.most_salient(mention.root.i, gender)
                if salient is not None and score >= ROLE_WEIGHTS["nsubj"] / 2:
                    return Resolved(salient.name, salient,
                                    f"{text} → {salient.name}: the most prominent person in the sentences before",
                                    ROLE_PREVIOUS * 0.9)
            unresolved = Resolved(None, None, f"{text}: a role the article does not pin on a named person", UNNAMED)
            definite = mention[0].lower_ == "the" or any(t.dep_ == "poss" and t.head.i == head.i for t in mention)
            here = paragraph_index(paragraphs, statement._.qt_content[0])
            # A headline drops its articles: "Finance minister promises …" is definite.
            line = doc_text(doc)[slice(*paragraphs[here])].strip()
            headline = (mention[0].lower_ not in ("a", "an") and len(paragraphs) > 1
                        and "\n" not in line and not line.endswith(".") and ". " not in line)
            if (definite or headline) and here <= LEDE_PARAGRAPHS:
                unresolved.delayed_role = (head.lemma_.lower(), modifiers, self.lexicon.role_genders.get(head.lower_))
            return unresolved
        organisation = next((ent for ent in mention_entities if ent.label_ in ("ORG", "GPE", "NORP")
                             and ent.start <= mention.root.i < ent.end), None)
        if organisation is not None and (_titled_name(organisation, self.lexicon) or _role_named(
                organisation, statement._.qt_mention_title, self.lexicon)):
            # "Defence lawyer Marcus Bell" tagged ORG: a person's title before a two-word name.
            person = people.link(organisation)
            title = _title_before(organisation, self.lexicon)
            if title:
                person.titles[title] += 1
            return Resolved(person.name, person, f"{person.name}: named at the cue", NAMED * 0.9)
        if organisation is not None:
            name = organisation.text[4:] if organisation.text.lower().startswith("the ") else organisation.text
            return Resolved(name, None, f"{name}: organisation named at the cue", ORGANISATION)
        if head.pos_ == "PROPN" and mention[0].lower_ == "the" and name_tokens:
            # "The Dunmore Courier", "The Heritage Foundation": people's names take no article.
            name = mention[1:].text
            return Resolved(name, None, f"{name}: organisation named at the cue", ORGANISATION * 0.9)
        if head.pos_ == "PROPN" and head.lower_ not in self.lexicon.group_nouns and name_tokens:
            span = doc[name_tokens[0].i:name_tokens[-1].i + 1]
            person = people.link(span)
            title = _title_before(span, self.lexicon)
            if title:
                person.titles[title] += 1
            return Resolved(person.name, person, f"{person.name}: named at the cue", NAMED * 0.9)
        named_before = people.organisation_named_before(mention)
        if named_before is not None:
            return Resolved(named_before, None, f"{text} → {named_before}: the organisation named before", ORGANISATION * 0.9)
        author = self._author_of(people, head)
        if author is not None:
            return Resolved(author.name, author, f"{text} → {author.name}: the author of the {head.text}", SURNAME)
        if head.lower_ in self.lexicon.group_nouns or head.lemma_.lower() in self.lexicon.group_nouns:
            return Resolved(None, None, f"{text}: unnamed source", UNNAMED)
        return Resolved(None, None, f"{text}: a description with no named referent", UNNAMED)

    def _author_of(self, people: People, head: Token) -> Person | None:
        """The named owner of a document or utterance that speaks: "Bornstein's letter said"."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if owner is None or head.pos_ != "NOUN" or head.lemma_.lower() not in self.lexicon.document_nouns:
            return None
        start, end = mention_range(owner)
        tokens = _name_tokens(head.doc[start:end], self.lexicon, trust_labels=False)
        if not tokens:
            return None
        return people.match(_name_key(tokens), at_token=owner.i) or people.from_full_name(tokens)

    def pronoun(self, doc, people, statement, history, paragraphs, text, gender) -> Resolved:
        mention_token = doc.char_span(*statement._.qt_mention, alignment_mode="expand").root
        quoted = doc._.qt_token_quotes
        in_quotes = frozenset(i for i in range(statement.start, statement.end) if quoted and quoted[i] >= 0)
        salient, _ = people.most_salient(mention_token.i, gender, skip=in_quotes)
        previous = self.previous_speaker(statement, history, paragraphs, gender=gender)
        if previous is not None and previous.person is not None and previous.person is salient:
            return Resolved(previous.speaker, previous.person,
                            f"{text} → {previous.speaker}: speaker of the previous quote, same gender", PRONOUN_PREVIOUS)
        if salient is not None:
            return Resolved(salient.name, salient,
                            f"{text} → {salient.name}: the most prominent compatible person in the sentences before",
                            PRONOUN_NEAREST)
        if previous is not None and previous.person is not None:
            return Resolved(previous.speaker, previous.person,
                            f"{text} → {previous.speaker}: speaker of the previous quote, same gender", PRONOUN_PREVIOUS)
        nearest = people.nearest_before(statement._.qt_mention[0], gender)
        if nearest is not None:
            return Resolved(nearest.name, nearest, f"{text} → {nearest.name}: nearest person named before", PRONOUN_NEAREST)
        return Resolved(None, None, f"{text}: no person named before", UNNAMED)

    def singular_they(self, people, statement, history, paragraphs, token_i: int) -> Person | None:
        """The they/them person a "they" refers to: the previous quote's speaker, else the most prominent."""
        if not any(person.gender == SINGULAR_THEY for person in people.people):
            return None
        previous = self.previous_speaker(statement, history, paragraphs, gender=SINGULAR_THEY)
        if previous is not None and previous.person is not None and previous.person.gender == SINGULAR_THEY:
            return previous.person
        candidates = [(people.salience(person, token_i), person) for person in people.people
                      if person.gender == SINGULAR_THEY]
        score, person = max(candidates, key=lambda pair: pair[0])
        return person if score > 0 else None

    def previous_speaker(self, statement, history, paragraphs, *, gender, plural=False) -> Resolved | None:
        here = paragraph_index(paragraphs, statement._.qt_content[0])
        for earlier, resolved in reversed(history):
            if here - paragraph_index(paragraphs, earlier._.qt_content[0]) > PREVIOUS_SPEAKER_REACH:
                return None
            if resolved.speaker is None:
                continue
            if plural:
                return resolved if resolved.person is None else None
            if resolved.person is not None and _gender_fits(resolved.person, gender):
                return resolved
        return None

    # --- statements without a cue -----------------------------------------------------------
    def from_neighbours(self, doc: Doc, people: People, statement: Span, history, paragraphs) -> Resolved:
        start = statement._.qt_content[0]
        here = paragraph_index(paragraphs, start)
        if statement._.qt_cue_kind == "interview":
            return self.interviewee(people, statement, paragraphs)
        # 1. The sentence before it in the same paragraph names a person as its subject.
        resolved = self._from_subject(doc, people, statement, history, paragraphs,
                                      _previous_subject(self.index, statement, paragraphs[here][0]),
                                      where="subject of the sentence before it", factor=0.85)
        if resolved is not None:
            return resolved
        # 2. An exchange: a question and its answer alternate between two speakers.
        if len(history) >= 2:
            (last, last_resolved), before_resolved = history[-1], history[-2][1]
            asks = _is_question(doc, last) or _is_question(doc, statement)
            if (asks and last_resolved.speaker and before_resolved.speaker
                    and last_resolved.speaker != before_resolved.speaker
                    and here - paragraph_index(paragraphs, last._.qt_content[0]) <= 1):
                return Resolved(before_resolved.speaker, before_resolved.person,
                                f"quote with no cue → {before_resolved.speaker}: alternation in an exchange with {last_resolved.speaker}",
                                0.7)
        # 3. The previous quote's speaker goes on (news paragraphs continue a speaker).
        previous = self.previous_speaker(statement, history, paragraphs, gender=None)
        if previous is not None:
            if statement._.qt_mention is None and history:
                statement._.qt_mention = next((s._.qt_mention for s, r in reversed(history) if r is previous), None)
            return Resolved(previous.speaker, previous.person,
                            f"quote with no cue → {previous.speaker}: continues the speaker of the previous quote", 0.8)
        # 4. The last sentence of the previous paragraph names a person as its subject.
        if here > 0:
            resolved = self._from_subject(doc, people, statement, history, paragraphs,
                                          _last_subject(self.index, paragraphs[here - 1]),
                                          where="subject of the previous paragraph", factor=0.75)
            if resolved is not None:
                return resolved
        return Resolved(None, None, "quote with no cue and no speaker nearby", 0.4)

    def interviewee(self, people: People, statement: Span, paragraphs) -> Resolved:
        """Who answers a printed interview: the person its introduction names last.

        The introduction is everything before the first question; the interviewer asks in the
        publication's voice and is never quoted as a person here.
        """
        text = doc_text(statement.doc)
        first_question = next((start for start, end in paragraphs if QUESTION_LABEL.match(text[start:end])), 0)
        introduced = [person for person in people.people if any(p < first_question for p in person.positions)]
        if not introduced:
            return Resolved(None, None, "answer in an interview; the introduction names nobody", 0.4)
        # An introduction ends on the person it presents ("For 31 years, Robert Campbell kept that
        # light. We asked him …"): the one named last before the questions begin.
        person = max(introduced, key=lambda p: max(q for q in p.positions if q < first_question))
        return Resolved(person.name, person,
                        f"answer in an interview → {person.name}: the person its introduction names", 0.8)

    def _from_subject(self, doc, people, statement, history, paragraphs, subject: Token | None, *,
                      where: str, factor: float) -> Resolved | None:
        """The speaker named by a neighbouring sentence's subject, if it resolves to someone."""
        if subject is None:
            return None
        resolved = self._resolve_token(doc, people, statement, history, paragraphs, subject)
        if resolved is None or resolved.speaker is None:
            return None
        resolved.reason = f"quote with no cue; {resolved.reason} ({where})"
        resolved.confidence *= factor
        return resolved

    def _resolve_token(self, doc, people, statement, history, paragraphs, token: Token) -> Resolved | None:
        start, end = mention_range(token)
        mention = doc[start:end]
        saved = statement._.qt_mention
        statement._.qt_mention = (mention.start_char, mention.end_char)
        resolved = self.resolve_mention(doc, people, statement, history, paragraphs)
        if resolved.speaker is None:
            statement._.qt_mention = saved
        return resolved


def _name_tokens(mention: Span, lex: Lexicon, *, trust_labels: bool = True) -> list[Token]:
    """The capitalised name words of a mention, after any title ("Chief Inspector Ravi Patel" → Ravi Patel).

    With `trust_labels`, words the NER labels as places or organisations are not a name.
    """
    tokens = [t for t in mention if t.is_alpha or t.text.endswith(".") or "-" in t.text or "'" in t.text or "’" in t.text]
    while tokens and (tokens[0].lower_ in lex.role_nouns or tokens[0].lower_ in HONORIFICS
                      or not tokens[0].text[:1].isupper()
                      or trust_labels and tokens[0].ent_type_ in ("NORP", "GPE", "ORG")):
        tokens.pop(0)
    if not tokens or not all(t.text[:1].isupper() for t in tokens):
        return []
    if trust_labels and any(t.ent_type_ in ("GPE", "ORG", "NORP", "LOC", "FAC") for t in tokens):
        return []
    if any(t.lower_ in lex.group_nouns or t.lower_ in lex.role_nouns for t in tokens):
        return []
    return tokens


def _nearest_conjunct(antecedent: Token, relative_i: int) -> Token:
    """The item of a list right before its relative pronoun: "Will Smith … and Stevie Wonder, who joked".

    The parser hangs the clause on the list's head; the writer means the item it follows.
    """
    nearest = antecedent
    stack = [antecedent]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and nearest.i < child.i < relative_i:
                nearest = child
                stack.append(child)
    return nearest


def _possessor_of(entity: Span, head: Token) -> bool:
    """`entity` owns the common noun `head` ("Jones' wife"), rather than being, or holding, the head."""
    return (head.pos_ == "NOUN" and not entity.start <= head.i < entity.end
            and any(t.dep_ == "poss" and t.head.i == head.i for t in entity))


def _pronoun(doc: Doc, mention: tuple[int, int]) -> str:
    return doc_text(doc)[mention[0]:mention[1]].lower()


def _is_question(doc: Doc, statement: Span) -> bool:
    start, end = statement._.qt_content
    return doc_text(doc)[start:end + 1].rstrip(" \"”'’»").endswith("?")


def _person_like(token: Token, lex: Lexicon) -> bool:
    return (token.ent_type_ == "PERSON" or token.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS
            or token.lower_ in lex.role_nouns)


def _previous_subject(index: SentenceIndex, statement: Span, paragraph_start: int) -> Token | None:
    sentence = index.sentence(statement[0])
    if sentence.start_char <= paragraph_start:
        return None
    return _sentence_subject(index.sentence(index.doc[sentence.start - 1]))


def _last_subject(index: SentenceIndex, paragraph: tuple[int, int]) -> Token | None:
    span = index.doc.char_span(paragraph[0], paragraph[1], alignment_mode="expand")
    if span is None:
        return None
    return _sentence_subject(index.sentence(span[-1]))


def _sentence_subject(sentence: Span) -> Token | None:
    lex = lexicon()
    for token in sentence:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT" and _person_like(token, lex):
            return token
    return None


def _best_title(person: Person | None, mention_title: str | None) -> str | None:
    if person is not None and person.titles:
        return person.titles.most_common(1)[0][0]
    return mention_title


@Language.factory(
    "quotetrail_resolution",
    assigns=["span._.qt_speaker", "span._.qt_resolution", "span._.qt_confidence", "doc._.qt_people"],
    requires=["span._.qt_mention", "doc.ents"],
)
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver(nlp, name)
