"""quotetrail_entities: repair the NER's entity boundaries once, before any stage reads the entities.

Each repair is a small function with a stable id, tried in the order of ENTITY_REPAIRS; it returns
the entity it would keep instead of the NER's (or None to leave it). Speakers, resolution and the
people registry all read `doc.ents`, so a boundary fixed here is fixed for every one of them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from nlp import extensions  # noqa: F401  (registers the extensions)
from nlp.errors import guarded
from nlp.vocabulary import wordlists
from nlp.vocabulary.names import LEGAL_SUFFIXES, PARTICLES_IN_TEXT

# Entities that name a speaker: the NER runs these on past a comma into the next clause.
SPEAKER_LABELS = frozenset({"PERSON", "ORG"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class EntityRepair:
    """One boundary repair: a stable id and `(entity) -> the entity to keep instead, or None`. A longer entity
    absorbs the NER's entities it now overlaps. Each function is also given the verb lemmas of the model's
    lemmatizer, for the repairs that ask whether a word is a verb form."""

    id: str
    function: Callable[[Span, frozenset[str]], Span | None]  # (entity, the model's verb lemmas)


def _comma_run_on(entity: Span, verb_lemmas: frozenset[str]) -> Span | None:
    """A name the NER ran on past a comma ends at the comma, unless the word after it is a company's legal
    form or hangs on the name.

    "a report by the Malta Tourism Observatory, Sliema already has …" is the Observatory; "Acme, Inc."
    (the parser often makes "Inc." a subject of its own) stays whole.
    """
    if entity.label_ not in SPEAKER_LABELS:
        return None
    doc = entity.doc
    for comma in entity[1:-1]:
        if comma.text != ",":
            continue
        after = doc[comma.i + 1]
        if entity.start <= after.head.i < comma.i or after.lower_.rstrip(".") in LEGAL_SUFFIXES:
            continue
        if _second_subject(after, entity):
            continue
        return Span(doc, entity.start, comma.i, label=entity.label_, kb_id=entity.kb_id_)
    return None


def _second_subject(word: Token, entity: Span) -> bool:
    """Whether `word` is a subject of a verb that has another subject before the entity: the parse, not the NER,
    went wrong ("Cohen and DeLong of the University of California, Berkeley suggest": Berkeley is the campus)."""
    if word.dep_ not in SUBJECTS:
        return False
    return any(other.dep_ in SUBJECTS and other.i < entity.start for other in word.head.children)


def _is_particle(token: Token) -> bool:
    return token.text in PARTICLES_IN_TEXT  # lower case only: "Van" opening a sentence may be a word


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha


def _particle_name(entity: Span, verb_lemmas: frozenset[str]) -> Span | None:
    """A person's name whose particles the NER left out or stopped at: "Marieke van | der Linden" and
    "Joaquim dos | Santos Silva" are one name each ("van", "der", "dos" only in lower case)."""
    if entity.label_ != "PERSON":
        return None
    doc = entity.doc
    start, end = entity.start, entity.end
    # Rightwards: particles (the entity may end on one), then a capitalised name word.
    after = end
    while after < len(doc) and _is_particle(doc[after]):
        after += 1
    if (after > end or _is_particle(doc[end - 1])) and after < len(doc) and _name_word(doc[after]):
        end = after + 1
        while end < len(doc) and _name_word(doc[end]) and doc[end].ent_type_ in ("", "PERSON"):
            end += 1
    # Leftwards: particles, then the given name the NER left out, if it is a name word outside any entity.
    before = start
    while before > 0 and _is_particle(doc[before - 1]):
        before -= 1
    if before < start:
        start = before
        if start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].ent_type_:
            start -= 1
    if (start, end) == (entity.start, entity.end):
        return None
    return Span(doc, start, end, label=entity.label_, kb_id=entity.kb_id_)


def _hyphenated_name(entity: Span, verb_lemmas: frozenset[str]) -> Span | None:
    """A person's name the NER stopped at a hyphen inside a word: "Baek Hyun | -sook" is "Baek Hyun-sook".

    Only a lower-case piece after the hyphen, as romanised Korean and Chinese given names write their second
    syllable: a capitalised one ("Glass-Steagall", "Rolls-Royce") may start another name or a thing's."""
    if entity.label_ != "PERSON":
        return None
    doc = entity.doc
    end = entity.end
    while (end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and doc[end + 1].is_alpha and doc[end + 1].is_lower):
        end += 2
    if end == entity.end:
        return None
    return Span(doc, entity.start, end, label=entity.label_, kb_id=entity.kb_id_)


# Shortest gerund cut off a name: "King", "Ming", "Jing" and "Ying" are names, and too short to be mistaken.
MIN_GERUND_LETTERS = 6


def _gerund_stems(word: str) -> tuple[str, ...]:
    """The verbs an "-ing" word may be the gerund of: "injecting" → inject, "asking" → ask, "making" → make,
    "running" → run."""
    stem = word[:-3]
    doubled = (stem[:-1],) if len(stem) > 2 and stem[-1] == stem[-2] else ()
    return (stem, stem + "e", *doubled)


def _sentence_gerund(entity: Span, verb_lemmas: frozenset[str]) -> Span | None:
    """A person's name the NER ran back over the gerund that opens the sentence: "Injecting Clinton's marital
    troubles into the campaign is …", "Asking Clinton to step down …" name Clinton.

    Only a capitalised "-ing" word at the very start of a sentence whose lower-case stem is a verb the model's
    lemmatizer knows, and which is not a listed given name: "Sterling K. Brown" and "Henning Mankell" stay whole.
    """
    if entity.label_ != "PERSON" or len(entity) < 2:
        return None
    first = entity[0]
    word = first.lower_
    if not (first.is_sent_start and first.is_title and word.endswith("ing") and len(word) >= MIN_GERUND_LETTERS):
        return None
    if word in wordlists.words("given_names.txt") or not any(stem in verb_lemmas for stem in _gerund_stems(word)):
        return None
    return Span(entity.doc, entity.start + 1, entity.end, label=entity.label_, kb_id=entity.kb_id_)


ENTITY_REPAIRS: tuple[EntityRepair, ...] = (
    EntityRepair("entity.comma_run_on", _comma_run_on),
    EntityRepair("entity.particle_name", _particle_name),
    EntityRepair("entity.hyphenated_name", _hyphenated_name),
    EntityRepair("entity.sentence_gerund", _sentence_gerund),
)


def repaired_entities(doc: Doc, verb_lemmas: frozenset[str] = frozenset()) -> tuple[list[Span], list[str]]:
    """The Doc's entities after the repairs, and the id of each repair that changed one (in order)."""
    entities: list[Span] = []
    applied: list[str] = []
    for entity in doc.ents:
        for repair in ENTITY_REPAIRS:
            kept = repair.function(entity, verb_lemmas)
            if kept is not None:
                entity = kept
                applied.append(repair.id)
        if len(entity):
            entities.append(entity)
    # A name a repair lengthened absorbs the pieces the NER had tagged on their own ("Linden").
    return (filter_spans(entities) if applied else entities), applied


class EntityRepairer:
    """Writes the repaired entities back to the Doc; the rest of the pipeline never sees the NER's run-ons."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.verb_lemmas = _verb_lemmas(nlp)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        entities, applied = repaired_entities(doc, self.verb_lemmas)
        if applied:
            doc.ents = entities
        return doc


def _verb_lemmas(nlp: Language) -> frozenset[str]:
    """The verbs the model's rule lemmatizer lists (none for a pipeline without one: no gerund is then cut)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("verb", ()))


@Language.factory("quotetrail_entities", requires=["doc.ents", "token.dep"], assigns=["doc.ents"])
def make_entity_repairer(nlp: Language, name: str) -> EntityRepairer:
    return EntityRepairer(nlp, name)
