"""Sources the article describes without naming: groups, one unnamed individual, documents.

"Officials said", "a spokesperson for the port authority said", "the report said": the speaker is the
description as written (a leading "the" dropped, as the annotation conventions in evaluation/README.md
do), with its type. The type follows from the head noun: a document noun is a document, a body's
noun an organisation, a plural or a coordination a group, anything else one unnamed individual.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.resolution.rules import DESCRIBED, Context, Mention, Resolved, rule, unresolved
from nlp.speakers import coordinated_names, mention_range
from nlp.vocabulary.wordlists import organisation_nouns

GROUP, UNNAMED, DOCUMENT, ORGANISATION_TYPE = "group", "unnamed", "document", "organisation"
PLURAL_TAGS = ("NNS", "NNPS")
# Words that describe several people without a plural noun: "they", "some", "most of whom", "63 percent",
# "a majority of voters", "her family".
_COLLECTIVE_WORDS = frozenset({"they", "we", "them", "us", "some", "many", "most", "all", "both", "several",
                               "few", "others", "percent", "majority", "minority", "half", "number", "dozens",
                               "hundreds", "thousands", "millions", "plurality", "share", "proportion",
                               # singular nouns for several people: "her family said", "the couple say"
                               "family", "couple", "crowd", "staff", "audience", "jury", "household"})
# Pronouns that stand for a source only through what they refer to: as written, they name nobody.
REFERRING_PRONOUNS = frozenset({"it", "which", "who", "whom", "that", "this", "you", "what", "he", "she", "i",
                                "one", "these", "those"})
_TRAILING = " ,;:—–-\"'“”‘’()"


def is_document_word(head: Token, context: Context) -> bool:
    """A document or data-source noun, by lemma or as written ("data", whose lemma may be "datum")."""
    lists = context.lists
    return any(word in lists.document_nouns or word in lists.data_sources
               for word in (head.lemma_.lower(), head.lower_))


def description_text(span: Span) -> str:
    """The description as written, without a leading "the" and trailing punctuation."""
    if len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    return span.text.strip(_TRAILING) or span.text


def description_type(head: Token, span: Span, context: Context) -> str:
    """The kind of source a description names, by its head noun."""
    if is_document_word(head, context):
        return DOCUMENT
    lemma = head.lemma_.lower()
    if head.lower_ == "one":
        return UNNAMED  # "one of the officials", "one former board member": one individual
    if (head.tag_ in PLURAL_TAGS or head.lower_ in _COLLECTIVE_WORDS or lemma in _COLLECTIVE_WORDS
            or any(t.dep_ == "conj" and t.head.i == head.i for t in span) or _of_plural(head)):
        return GROUP
    if lemma in organisation_nouns() or head.lower_ in organisation_nouns():
        return ORGANISATION_TYPE
    return UNNAMED


def _of_plural(head: Token) -> bool:
    """"a group of parents", "each of them": a head whose "of" phrase names several people."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            if any(c.dep_ == "pobj" and (c.tag_ in PLURAL_TAGS or c.lower_ in ("them", "whom", "us"))
                   for c in prep.children):
                return True
    return False


def describe(mention: Mention, context: Context, why: str, confidence: float = DESCRIBED) -> Resolved:
    """The mention as the source, described: its text (no leading "the") and its type."""
    kind = description_type(mention.head, mention.whole, context)
    text = description_text(mention.whole)
    return Resolved(text, None, f"{mention.text}: {why}, the source as the article describes it ({kind})",
                    confidence, speaker_type=kind)


def _is_group(head: Token, context: Context) -> bool:
    lemma = head.lemma_.lower()
    nouns = context.lists.person_nouns
    return head.tag_ in PLURAL_TAGS and (lemma in nouns or head.lower_ in nouns)


@rule("group.description")
def group_description(mention: Mention, context: Context) -> Resolved | None:
    """A plural of people that stays unnamed: "officials said", "Democratic senators said"."""
    if mention.head.pos_ != "NOUN" or not _is_group(mention.head, context):
        return None
    return describe(mention, context, "a group the article does not name")


@rule("unnamed.description")
def unnamed_description(mention: Mention, context: Context) -> Resolved | None:
    """One person the article does not name: "a spokesperson for the port authority said"."""
    head = mention.head
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or head.tag_ in PLURAL_TAGS or lemma in organisation_nouns() or (
            lemma not in context.lists.person_nouns and head.lower_ not in context.lists.person_nouns):
        return None
    return describe(mention, context, "one person the article does not name")


@rule("description.as_written")
def as_written(mention: Mention, context: Context) -> Resolved:
    """Whatever is left: the words at the cue are the source, typed by their head; a pronoun no rule
    resolved ("which", "it") names nobody as written."""
    head = mention.head
    if head.pos_ == "PRON" and head.lower_ in REFERRING_PRONOUNS:
        return unresolved(f"{mention.text}: a pronoun with nothing to refer to")
    return describe(mention, context, "no named referent", DESCRIBED * 0.8)


_BODY_NOUNS_EXTRA = frozenset({"chain", "maker", "firm", "company", "network", "publisher", "group"})


def _is_body_noun(token: Token) -> bool:
    """A singular noun for a body ("chain", "company", "union"), as one member of a named coordination."""
    lemma = token.lemma_.lower()
    return lemma in organisation_nouns() or lemma in _BODY_NOUNS_EXTRA


@rule("group.named_members")
def named_members(mention: Mention, context: Context) -> Resolved | None:
    """Several named people or bodies who speak together: "Obama and Clinton said" is a group, as written."""
    head = mention.head
    members = coordinated_names(head)
    if len(members) < 2 or not all(mention.whole.start <= m.i < mention.whole.end for m in members):
        return None
    # Names, or a name and a body described by its noun ("The New York Times and the Gannett newspaper chain").
    if not all(m.pos_ == "PROPN" or (m.pos_ == "NOUN" and m.tag_ == "NN" and _is_body_noun(m)) for m in members) \
            or not any(m.pos_ == "PROPN" for m in members):
        return None
    text = description_text(mention.whole)
    return Resolved(text, None, f"{mention.text}: {len(members)} named sources speaking together (group)",
                    DESCRIBED, speaker_type=GROUP)


# How far back "they" looks for the group it stands for, in sentences.
GROUP_REACH = 2
_GROUP_PRONOUNS = frozenset({"they", "we"})


def _group_subject(token: Token, context: Context) -> bool:
    """A subject that names several people: a plural person noun, or names joined by "and"."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if token.pos_ == "PROPN" and len(coordinated_names(token)) >= 2:
        return True
    if token.tag_ == "NNPS" and token.ent_type_ == "NORP":
        return True  # "Some Republicans are so opposed … that they're endorsing Clinton"
    return token.pos_ == "NOUN" and _is_group(token, context)


@rule("group.pronoun")
def group_pronoun(mention: Mention, context: Context) -> Resolved | None:
    """"they said" with no group quoted before: the group that was the subject of a sentence just before
    (the sentence right before is pronoun.previous_plural_subject's, which outranks a group quoted earlier)."""
    head = mention.head
    if head.lower_ not in _GROUP_PRONOUNS:
        return None
    doc = context.doc
    sentence = head.sent
    first = sentence.start
    for _ in range(GROUP_REACH):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    quoted = doc._.qt_token_quotes or []  # per token: the quotation it is inside, else -1
    for token in reversed(doc[first:mention.whole.start]):
        if token.i < len(quoted) and quoted[token.i] >= 0:
            continue
        found = group_subject(token, mention, context, "the group that was the subject just before")
        if found is not None:
            return found
    return _organisation_subject(mention, context, first, quoted)


def group_subject(token: Token, mention: Mention, context: Context, why: str) -> Resolved | None:
    """The group a subject names, as written with its named members ("Obama and Clinton"), as the source of
    a "they" mention; None when the subject names no group of people."""
    if not _group_subject(token, context):
        return None
    start, end = mention_range(token)
    if any(m.i >= end for m in coordinated_names(token)):
        end = max(m.i for m in coordinated_names(token)) + 1
    text = description_text(context.doc[start:end])
    return Resolved(text, None, f"{mention.text} → {text}: {why}", DESCRIBED * 0.8, speaker_type=GROUP)


def _organisation_subject(mention: Mention, context: Context, first: int, quoted: list[int]) -> Resolved | None:
    """"Politifact did a fact-check … they published the results": a body named as the subject just
    before, when no group was (news writers often make an organisation plural)."""
    doc = context.doc
    for token in reversed(doc[first:mention.whole.start]):
        if (token.i < len(quoted) and quoted[token.i] >= 0) or token.dep_ not in ("nsubj", "nsubjpass") \
                or token.ent_type_ != "ORG" or token.pos_ != "PROPN":
            continue
        start, end = mention_range(token)
        found = context.resolve((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
        if found.speaker is None or found.speaker_type != ORGANISATION_TYPE:
            return None
        return Resolved(found.speaker, None, f"{mention.text} → {found.speaker}: the organisation that was the "
                        "subject just before", DESCRIBED * 0.8, speaker_type=ORGANISATION_TYPE)
    return None


_QUANTIFIERS = frozenset({"many", "most", "some", "all", "several", "both", "each", "one", "few", "none", "half",
                          "two", "three", "four", "five"})


def _antecedent_before(token: Token) -> Token | None:
    """The noun phrase right before `token` (past a comma or dash), at its head: "family members of 9/11
    victims, many of whom" → members; "95 retired generals and admirals -- most of whom" → generals."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    found = doc[i]
    while True:
        if found.dep_ == "conj" and found.head.pos_ in ("NOUN", "PROPN"):
            found = found.head
        elif (found.dep_ == "pobj" and found.head.dep_ == "prep" and found.head.lower_ == "of"
              and found.head.head.pos_ == "NOUN"):
            found = found.head.head
        else:
            return found


@rule("group.of_whom")
def of_whom(mention: Mention, context: Context) -> Resolved | None:
    """"family members of 9/11 victims, many of whom say": the people named just before, a group (one
    unnamed person for "one of whom"). The parser seldom hangs such a clause on its antecedent."""
    head = mention.head
    if head.lower_ not in _QUANTIFIERS or not any(
            prep.dep_ == "prep" and prep.lower_ == "of" and any(c.lower_ in ("whom", "which") for c in prep.children)
            for prep in head.children):
        return None
    antecedent = _antecedent_before(mention.whole[0])
    if antecedent is None:
        return None
    start, end = mention_range(antecedent)
    text = description_text(context.doc[start:end])
    kind = UNNAMED if head.lower_ == "one" else GROUP
    return Resolved(text, None, f"{mention.text} → {text}: the people named just before the relative clause",
                    DESCRIBED * 0.9, speaker_type=kind)
