"""What a resolution rule reads and returns: the mention, the statement's context, and the `Resolved` answer.

A rule is a function `(mention, context) -> Resolved | None`; a policy is an ordered list of rules,
and the first rule that answers decides. Rules return results and never write to the Doc: the
component's set-annotations step does that.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from nlp.resolution.naming import WordLists, name_tokens
from nlp.resolution.people import People, Person, gender_fits
from nlp.sentences import SentenceIndex
from nlp.text import paragraph_index

if TYPE_CHECKING:
    from nlp.resolution.authorship import Author
    from nlp.resolution.organisations import Organisations

# How far back a pronoun or a quote without a cue may reach for the previous speaker, in paragraphs:
# news writers re-name a speaker after a few paragraphs of someone else.
PREVIOUS_SPEAKER_REACH = 3

# Confidence of a resolution (how the mention became a person), multiplied by the cue's confidence.
NAMED, SURNAME, PRONOUN_PREVIOUS, PRONOUN_NEAREST, AUTHOR = 1.0, 0.96, 0.9, 0.78, 0.85
ROLE_TITLE, ROLE_PREVIOUS, ORGANISATION, UNNAMED = 0.92, 0.72, 0.9, 0.5
# A source the article describes without naming it (a group, one unnamed individual, a document):
# the description is surely the source as written, but says less than a name.
DESCRIBED = 0.8

# An unresolved definite role in the lede ("Germany's finance minister"): (head, modifiers, gender).
DelayedRole = tuple[str, list[str], str | None]


@dataclass(frozen=True)
class Resolved:
    """Who a statement's speaker is, why (in words), how sure, and by which rule."""

    speaker: str | None
    person: Person | None
    reason: str
    confidence: float
    # Stable id of the rule that decided ("name.full", "pronoun.previous_speaker"), stamped by the rule.
    rule: str = ""
    # A role in the lede the writer may name a few paragraphs on (see roles.name_delayed_roles).
    delayed_role: DelayedRole | None = None
    # For a statement without a cue: the (start_char, end_char) of the words that now name its speaker.
    mention: tuple[int, int] | None = None
    # What kind of source the speaker is (nlp.records.SPEAKER_TYPES); None lets the component infer it:
    # a person for a resolved person, else the type the same speaker had earlier in the article.
    speaker_type: str | None = None


class Mention:
    """The words naming the speaker at one place, and the views of them that rules share."""

    def __init__(self, doc: Doc, chars: tuple[int, int], lists: WordLists):
        whole = doc.char_span(chars[0], chars[1], alignment_mode="expand")
        if whole is None:
            raise ValueError(f"no tokens at the mention's characters {chars}")
        self.doc = doc
        self.chars = chars
        self.whole = whole
        self.text = whole.text
        self.lower = self.text.lower()
        self._lists = lists

    @cached_property
    def span(self) -> Span:
        """The mention, ended at its proper-noun head when the words after it are no name.

        "Astronomer Felix Brandt of the Wenlow Observatory": the name ends at the head.
        """
        whole = self.whole
        if (not name_tokens(whole, self._lists) and whole.root.pos_ == "PROPN"
                and whole.root.i + 1 < whole.end):
            return self.doc[whole.start:whole.root.i + 1]
        return whole

    @cached_property
    def name_tokens(self) -> list[Token]:
        """The mention's name words, where the NER labels none of them a place or an organisation."""
        return name_tokens(self.span, self._lists)

    @cached_property
    def loose_tokens(self) -> list[Token]:
        """The mention's name words, whatever the NER's labels: a known name wins over them."""
        return name_tokens(self.span, self._lists, trust_labels=False)

    @cached_property
    def head(self) -> Token:
        """The head of the mention (spaCy walks the parse for a span's root on every call)."""
        return self.span.root

    @cached_property
    def modifiers(self) -> list[str]:
        """The head's modifiers, lower-cased: "the Russian president" → ["russian"]."""
        return [t.lower_ for t in self.span
                if t.i != self.head.i and t.dep_ in ("amod", "compound", "nmod") and t.is_alpha]


@dataclass(frozen=True)
class Rule:
    """One convention for a statement's mention: its stable id and the function that applies it."""

    id: str
    function: Callable[[Mention, Context], Resolved | None]

    def __call__(self, mention: Mention, context: Context) -> Resolved | None:
        found = self.function(mention, context)
        return None if found is None else replace(found, rule=self.id)


@dataclass(frozen=True)
class NoCueRule:
    """One convention for a statement without a cue, whose speaker its neighbours give."""

    id: str
    function: Callable[[Context], Resolved | None]

    def __call__(self, context: Context) -> Resolved | None:
        found = self.function(context)
        return None if found is None else replace(found, rule=self.id)


def rule(identifier: str) -> Callable[[Callable[[Mention, Context], Resolved | None]], Rule]:
    """Make a function `(mention, context) -> Resolved | None` the rule `identifier`."""
    return lambda function: Rule(identifier, function)


def no_cue_rule(identifier: str) -> Callable[[Callable[[Context], Resolved | None]], NoCueRule]:
    """Make a function `(context) -> Resolved | None` the no-cue rule `identifier`."""
    return lambda function: NoCueRule(identifier, function)


@dataclass
class Context:
    """What a rule may read about the statement being resolved and the article around it."""

    doc: Doc
    people: People
    lists: WordLists
    index: SentenceIndex
    paragraphs: list[tuple[int, int]]
    statement: Span
    history: list[tuple[Span, Resolved]]  # the statements resolved so far, in order
    author: Author | None
    # The mention policy, for rules that resolve another phrase (a relative clause's antecedent).
    mention_rules: Sequence[Rule]
    # The article's organisations (acronyms, names spelled out), shared by all its statements.
    organisations: Organisations | None = None

    def resolve(self, chars: tuple[int, int]) -> Resolved:
        """Resolve the words at `chars` as this statement's mention, by the mention policy."""
        return first_match(self.mention_rules, Mention(self.doc, chars, self.lists), self)

    def paragraph_of(self, offset: int) -> int:
        return paragraph_index(self.paragraphs, offset)

    @property
    def here(self) -> int:
        """The paragraph of the statement's content."""
        return self.paragraph_of(self.statement._.qt_content[0])

    def previous_speaker(self, *, gender: str | None, plural: bool = False) -> Resolved | None:
        """The latest resolved speaker within reach whose gender fits (or, `plural`, who is no person)."""
        here = self.here
        for earlier, resolved in reversed(self.history):
            if here - self.paragraph_of(earlier._.qt_content[0]) > PREVIOUS_SPEAKER_REACH:
                return None
            if resolved.speaker is None:
                continue
            if plural:
                return resolved if resolved.person is None else None
            if resolved.person is not None and gender_fits(resolved.person, gender):
                return resolved
        return None


def first_match(rules: Sequence[Rule], mention: Mention, context: Context) -> Resolved:
    """The answer of the first rule that answers; a policy ends with a rule that always does."""
    for candidate in rules:
        found = candidate(mention, context)
        if found is not None:
            return found
    raise LookupError("no resolution rule answered: a policy must end with a rule that always answers")


def first_no_cue_match(rules: Sequence[NoCueRule], context: Context) -> Resolved:
    """The answer of the first no-cue rule that answers; the policy ends with one that always does."""
    for candidate in rules:
        found = candidate(context)
        if found is not None:
            return found
    raise LookupError("no resolution rule answered: a policy must end with a rule that always answers")


def person_result(person: Person, reason: str, confidence: float) -> Resolved:
    """A resolution to a known person, under their canonical name."""
    return Resolved(person.name, person, reason, confidence)


def unresolved(reason: str, confidence: float = UNNAMED) -> Resolved:
    """A resolution that names nobody."""
    return Resolved(None, None, reason, confidence)
