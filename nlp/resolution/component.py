"""The quotetrail_resolution component: find each statement's resolution by the policy, then write it on the span."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp import extensions
from nlp.cues.kinds import cue_confidence
from nlp.errors import guarded
from nlp.resolution.anonymity import ANONYMOUS_TYPES, says_anonymous, source_head
from nlp.resolution.authorship import find_author
from nlp.resolution.naming import WordLists
from nlp.resolution.organisations import Organisations
from nlp.resolution.people import SPEAKER_WEIGHT, People, Person
from nlp.resolution.policy import MENTION_RULES, NO_CUE_RULES
from nlp.resolution.pronouns import pronoun_gender
from nlp.resolution.roles import name_delayed_roles
from nlp.resolution.rules import Context, NoCueRule, Resolved, Rule, first_no_cue_match
from nlp.sentences import SentenceIndex, doc_text

# The anonymity key of the group quoted last, for "one of them".
LAST_GROUP = "group:(the last group quoted)"

# A statement's confidence is that of its attribution (how the mention was found: by cue kind,
# nlp.cues.kinds.cue_confidence) times that of its resolution (how the mention became a person).
# A belief, hope or intention ("thinks", "plans to") is attributed, but not necessarily words spoken.
ATTITUDE_FACTOR = 0.85


class Resolver:
    """Resolves every statement's speaker: the mention by MENTION_RULES, a statement without one by NO_CUE_RULES."""

    def __init__(self, nlp: Language, name: str, *, mention_rules: Sequence[Rule] = MENTION_RULES,
                 no_cue_rules: Sequence[NoCueRule] = NO_CUE_RULES):
        self.name = name
        self.mention_rules = mention_rules
        self.no_cue_rules = no_cue_rules
        self.lists = WordLists.load()

    def initialize(self, get_examples: object = None, *, nlp: Language | None = None) -> None:
        """Reload the word lists (spaCy calls this from nlp.initialize())."""
        self.lists = WordLists.load()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        index = SentenceIndex(doc)
        people = People(doc, self.lists, index)
        author = find_author(doc, people, self.lists)
        paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
        organisations = Organisations.build(doc, people.known_bodies())
        history: list[tuple[Span, Resolved]] = []  # resolved statements so far, in order
        types: dict[str, str] = {}  # speaker -> the type it was first resolved with
        anonymous: set[str] = set()  # speakers the article says are anonymous
        for statement in doc.spans.get(extensions.STATEMENTS, []):
            context = Context(doc, people, self.lists, index, paragraphs, statement, history, author,
                              self.mention_rules, organisations)
            mention = statement._.qt_mention
            if mention is not None:
                resolved = context.resolve(mention)
                if resolved.person is not None:
                    _learn_pronoun_gender(resolved.person, doc_text(doc)[mention[0]:mention[1]])
            else:
                resolved = first_no_cue_match(self.no_cue_rules, context)
            resolved = _typed(resolved, types)
            self.set_annotations(statement, resolved)
            self.set_anonymous(statement, resolved, anonymous)
            if resolved.person is not None:
                _learn_from_statement(resolved.person, statement)
            history.append((statement, resolved))
        for statement, named in name_delayed_roles(history, paragraphs, self.lists, people.people):
            self.set_annotations(statement, _typed(named, types))
            statement._.qt_anonymous = False
        doc._.qt_people = _people_summary(people, history)
        return doc

    def set_annotations(self, statement: Span, resolved: Resolved) -> None:
        """Write a resolution on its statement: speaker, title, reason, rule, confidence, and an adopted mention."""
        base = cue_confidence(statement._.qt_cue_kind)
        cue_token = statement._.qt_cue_token
        if cue_token is not None and statement.doc[cue_token].lemma_.lower() in self.lists.attitude_verbs:
            base *= ATTITUDE_FACTOR
        if resolved.mention is not None:
            statement._.qt_mention = resolved.mention
        statement._.qt_speaker = resolved.speaker
        statement._.qt_speaker_title = _best_title(resolved.person, statement._.qt_mention_title)
        statement._.qt_resolution = resolved.reason
        statement._.qt_resolution_rule = resolved.rule
        statement._.qt_speaker_type = resolved.speaker_type if resolved.speaker is not None else None
        statement._.qt_confidence = round(max(0.0, min(1.0, base * resolved.confidence)), 3)


    @staticmethod
    def set_anonymous(statement: Span, resolved: Resolved, anonymous: set[str]) -> None:
        """Flag an unnamed source the article says is anonymous, at this mention or an earlier one of
        the same source: the same description, or the same head noun with the same type ("a senior
        official, who requested anonymity" … "the official said")."""
        if resolved.speaker is None or resolved.speaker_type not in ANONYMOUS_TYPES:
            statement._.qt_anonymous = False
            return
        head = source_head(statement)
        keys = {resolved.speaker.lower()}
        if head is not None and head.pos_ == "NOUN":
            keys.add(f"{resolved.speaker_type}:{head.lemma_.lower()}")
        if head is not None and head.lower_ == "one":
            # "one of them", "one of the officials": a member of a group flagged before.
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
                for member in (c for c in prep.children if c.dep_ == "pobj"):
                    keys.add(LAST_GROUP if member.lower_ in ("them", "us") else f"group:{member.lemma_.lower()}")
        # "One intelligence source", "another source" after "three intelligence sources, who were not
        # authorised to speak": one member of a group flagged before (looked up, not flagged by it).
        members_of = set()
        if head is not None and head.pos_ == "NOUN" and resolved.speaker_type == "unnamed" and any(
                c.lower_ in ("one", "another") for c in head.children if c.dep_ in ("nummod", "det")):
            members_of.add(f"group:{head.lemma_.lower()}")
        phrase = says_anonymous(statement.doc, head) if head is not None else None
        if phrase is None and members_of & anonymous:
            keys |= members_of
        if phrase is not None:
            anonymous.update(keys)
            if resolved.speaker_type == "group":
                anonymous.add(LAST_GROUP)
            statement._.qt_resolution = f"{statement._.qt_resolution}; anonymous: \"{phrase}\""
        elif keys & anonymous:
            statement._.qt_resolution = f"{statement._.qt_resolution}; anonymous, as the article said before"
        elif resolved.speaker_type == "group":
            anonymous.discard(LAST_GROUP)  # "one of them" now means a group no one said is anonymous
        statement._.qt_anonymous = bool(keys & anonymous)


def _typed(resolved: Resolved, types: dict[str, str]) -> Resolved:
    """The resolution with its speaker's type: as the rule says, a person for a person, else the
    type the same speaker had before (a pronoun or a quote without a cue carries its antecedent's)."""
    if resolved.speaker is None:
        return resolved
    kind = resolved.speaker_type
    if kind is None:
        kind = "person" if resolved.person is not None else types.get(resolved.speaker, "person")
    types.setdefault(resolved.speaker, kind)
    return resolved if kind == resolved.speaker_type else replace(resolved, speaker_type=kind)


def _learn_pronoun_gender(person: Person, mention: str) -> None:
    """"'…,' she said" resolved to a person says her gender, if nothing had."""
    gender = pronoun_gender(mention.lower())
    if gender is not None:
        person.gender = person.gender or gender


def _learn_from_statement(person: Person, statement: Span) -> None:
    """What a resolved statement teaches the registry: its speaker is most salient there, and has its title."""
    mention = statement._.qt_mention
    if mention is not None:
        mention_span = statement.doc.char_span(mention[0], mention[1], alignment_mode="expand")
        if mention_span is not None and len(mention_span):
            person.mentions.append((mention_span.root.i, SPEAKER_WEIGHT))
    if statement._.qt_mention_title:
        person.titles[statement._.qt_mention_title] += 1


def _people_summary(people: People, history: list[tuple[Span, Resolved]]) -> list[dict[str, object]]:
    """The people worth listing: those who speak, and those the article gives a title."""
    speakers = [resolved.person for _, resolved in history]
    return [{"name": p.name, "titles": [t for t, _ in p.titles.most_common()],
             "aliases": [a for a, _ in p.aliases.most_common()], "gender": p.gender}
            for p in people.people
            if any(speaker is p for speaker in speakers) or p.titles]


def _best_title(person: Person | None, mention_title: str | None) -> str | None:
    if person is not None and person.titles:
        return person.titles.most_common(1)[0][0]
    return mention_title


# The component also reads token.pos, set by the model's attribute_ruler, which declares nothing:
# analyze_pipes() reports a requirement no earlier stage assigns.
@Language.factory(
    "quotetrail_resolution",
    requires=["doc.ents", "doc.sents", "doc.spans", "doc._.qt_paragraphs", "doc._.qt_furniture",
              "doc._.qt_token_quotes", "token.dep", "token.tag", "token.lemma", "token.ent_type",
              "span._.qt_content", "span._.qt_cue_kind", "span._.qt_cue_token", "span._.qt_mention",
              "span._.qt_mention_title"],
    assigns=["span._.qt_speaker", "span._.qt_speaker_title", "span._.qt_resolution", "span._.qt_resolution_rule",
             "span._.qt_confidence", "span._.qt_mention", "span._.qt_speaker_type", "span._.qt_anonymous",
             "doc._.qt_people"],
)
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver(nlp, name)
