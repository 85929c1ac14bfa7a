"""What kind of source a token names: a person, an organisation, a group, a document, or none.

One answer for every stage, with the evidence it rests on, so that a rule can ask for the kind
("is the subject a person?") or for one piece of evidence ("is it a role noun?") without its own
predicate. The evidence is a set of stable codes; the kind follows from it in a fixed order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from spacy.tokens import Token

from nlp.vocabulary.names import GENDERED_PRONOUNS, HONORIFICS_IN_TEXT

Kind = Literal["person", "organisation", "group", "document", "none"]

# Evidence codes, each one fact about the token.
PERSON_ENTITY = "person-entity"  # the NER labels it PERSON
PERSONAL_PRONOUN = "personal-pronoun"  # he, she, I, we, they: news writing uses them for people
ROLE_WORD = "role-word"  # the word as written is a role noun (resources/role_nouns.txt)
ROLE_LEMMA = "role-lemma"  # its lemma is a role noun ("ministers" -> "minister")
GROUP_LEMMA = "group-lemma"  # its lemma is a group noun ("officials", "experts")
DOCUMENT_LEMMA = "document-lemma"  # its lemma is a document noun ("report", "poll")
ORGANISATION_ENTITY = "organisation-entity"  # the NER labels it ORG, NORP or GPE
# Narrower facts that some rules ask for and the kind does not depend on:
ORG_LABEL = "org-label"  # the NER labels it ORG itself: a named body, not a nationality or a place
POSSESSIVE_PRONOUN = "possessive-pronoun"  # his, her, their, my, our: the owner of "his decision to run"
DATA_SOURCE_LEMMA = "data-source-lemma"  # its lemma names a poll, a study or a document (data_sources.txt)
GROUP_WORD = "group-word"  # the word as written is a group noun ("officials", not "official")
HONORIFIC = "honorific"  # Mr., Mrs, Dr, Sir, Lord …: a name follows, the word is not part of it
GENDERED_PRONOUN = "gendered-pronoun"  # he, him, his, she, her, …: a pronoun that says a person's gender

PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "my", "our"})
ORGANISATION_LABELS = ("ORG", "NORP", "GPE")

# The kind is that of the first line whose evidence is present. A name or a pronoun says person
# whatever else holds. The word lists overlap: "report" and "statement" are document nouns and
# group nouns (unnamed sources), "officials" and "experts" group nouns and role nouns; a document
# outranks a group, and a group a role. A role noun says person even where the NER tags it ORG.
_KIND_ORDER: tuple[tuple[Kind, frozenset[str]], ...] = (
    ("person", frozenset({PERSON_ENTITY, PERSONAL_PRONOUN})),
    ("document", frozenset({DOCUMENT_LEMMA})),
    ("group", frozenset({GROUP_LEMMA})),
    ("person", frozenset({ROLE_WORD, ROLE_LEMMA})),
    ("organisation", frozenset({ORGANISATION_ENTITY})),
)


class SourceWords(Protocol):
    """The word lists the answer reads: the cue stage's Lexicon and resolution's WordLists both have them."""

    @property
    def role_nouns(self) -> frozenset[str]: ...
    @property
    def group_nouns(self) -> frozenset[str]: ...
    @property
    def document_nouns(self) -> frozenset[str]: ...
    @property
    def data_sources(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class SourceKind:
    kind: Kind
    evidence: frozenset[str]

    def has(self, *codes: str) -> bool:
        """Whether any of the evidence `codes` holds."""
        return any(code in self.evidence for code in codes)

    @property
    def reasons(self) -> str:
        return ", ".join(sorted(self.evidence)) or "no evidence"


def source_kind(token: Token, lex: SourceWords) -> SourceKind:
    """The kind of source `token` names, with every piece of evidence found for it."""
    lemma = token.lemma_.lower()
    checks = (
        (PERSON_ENTITY, token.ent_type_ == "PERSON"),
        (PERSONAL_PRONOUN, token.lower_ in PERSONAL_PRONOUNS),
        (ROLE_WORD, token.lower_ in lex.role_nouns),
        (ROLE_LEMMA, lemma in lex.role_nouns),
        (GROUP_LEMMA, lemma in lex.group_nouns),
        (DOCUMENT_LEMMA, lemma in lex.document_nouns),
        (ORGANISATION_ENTITY, token.ent_type_ in ORGANISATION_LABELS),
        (ORG_LABEL, token.ent_type_ == "ORG"),
        (POSSESSIVE_PRONOUN, token.lower_ in POSSESSIVE_PRONOUNS),
        (GENDERED_PRONOUN, token.lower_ in GENDERED_PRONOUNS),
        (GROUP_WORD, token.lower_ in lex.group_nouns),
        (HONORIFIC, token.lower_ in HONORIFICS_IN_TEXT),
        (DATA_SOURCE_LEMMA, lemma in lex.data_sources),
    )
    evidence = frozenset(code for code, holds in checks if holds)
    kind: Kind = next((kind for kind, codes in _KIND_ORDER if evidence & codes), "none")
    return SourceKind(kind, evidence)
