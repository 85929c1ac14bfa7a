"""Anonymous sources: an unnamed source the article itself says is anonymous.

"said the official, who spoke on condition of anonymity", "a spokesman, who was not authorised to
speak publicly, said", "one board member, who declined to be named, said": the phrase must be about
the statement's own source, in its clause (the source's relative clause, the clause the source is the
subject of, or a participle under the cue), not merely somewhere in the article. Once an unnamed
source is anonymous, its later statements are too (the same description, or a pronoun resolved to it).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

ANONYMOUS_TYPES = ("unnamed", "group")
ANONYMITY = re.compile(
    r"\b(?:on (?:the )?condition (?:of(?: anonymity)?|that (?:he|she|they|it) not be (?:named|identified))"
    r"|(?:requested|request(?:ing)?|asked for|granted|demanded|insisted on|spoke (?:under|with)) anonymity"
    r"|not (?:been )?authori[sz]ed to (?:speak|talk|comment|discuss|be (?:named|quoted|identified))"
    r"|(?:declined|refused|did not want|didn't want|did not wish|didn't wish|wished not|preferred not|asked not)"
    r" to be (?:named|identified|quoted by name)"
    r"|asked (?:that )?(?:his|her|their) names? (?:not )?(?:be )?(?:withheld|not be used|not be published)"
    r"|without being (?:named|identified)|anonymously)\b",
    re.IGNORECASE)
# Subjects that stand for the source itself in a clause about it.
_SELF_SUBJECTS = frozenset({"who", "he", "she", "they", "that", "whom"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _about_source(token: Token, source_head: Token) -> bool:
    """Whether the clause holding `token` is about the source: the source governs it (a relative
    clause, an appositive), or the first subject up the tree is the source or stands for it."""
    node = token
    while True:
        if node.i == source_head.i:
            return True
        subject = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and subject.i != token.i:
            if subject.i == source_head.i:
                return True
            if subject.lower_ not in _SELF_SUBJECTS:
                return False
        if node.head.i == node.i:
            return False
        node = node.head


def says_anonymous(doc: Doc, source_head: Token) -> str | None:
    """The phrase that says the source is anonymous, if one is about it: in the source's sentence, or
    in the next sentence when its subject is a personal pronoun ("He asked not to be named")."""
    sentence = source_head.sent
    for found in ANONYMITY.finditer(sentence.text):
        span = doc.char_span(sentence.start_char + found.start(), sentence.start_char + found.end(),
                             alignment_mode="expand")
        if span is not None and _about_source(span[0], source_head):
            return found.group(0)
    if sentence.end >= len(doc):
        return None
    following = doc[sentence.end].sent
    for found in ANONYMITY.finditer(following.text):
        span = doc.char_span(following.start_char + found.start(), following.start_char + found.end(),
                             alignment_mode="expand")
        if span is not None and _pronoun_subject(span[0]) and not any(
                t.ent_type_ == "PERSON" for t in doc[following.start:span.start]):
            return found.group(0)
    return None


def _pronoun_subject(token: Token) -> bool:
    """The first subject up the tree from `token` is a personal pronoun that continues the source."""
    node = token
    while True:
        subject = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and subject.i != token.i:
            return subject.lower_ in ("he", "she", "they")
        if node.head.i == node.i:
            return False
        node = node.head


def source_head(statement: Span) -> Token | None:
    mention = statement._.qt_mention
    if mention is None:
        return None
    span = statement.doc.char_span(mention[0], mention[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None
