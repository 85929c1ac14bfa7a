"""Neighbour rules: a statement without a cue takes its speaker from the text around it.

The sentence before it, a question-and-answer exchange, the previous quote's speaker (news
paragraphs continue a speaker), the previous paragraph; an interview's answer takes the person
its introduction presents. Each rule is `(context) -> Resolved | None` (there is no mention to
read); nlp/resolution/policy.py orders them.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from nlp.cues import QUESTION_LABEL
from nlp.cues.kinds import INTERVIEW
from nlp.resolution.naming import WordLists
from nlp.resolution.rules import Context, Resolved, no_cue_rule, person_result, unresolved
from nlp.sentences import SentenceIndex, doc_text
from nlp.sources import GENDERED_PRONOUN, PERSON_ENTITY, ROLE_WORD, source_kind
from nlp.speakers import mention_range
from nlp.vocabulary.marks import EVERYDAY_CLOSERS

NO_CUE_UNNAMED = 0.4
# The confidence of a speaker taken from a neighbour, or the factor on the neighbour's own resolution.
PREVIOUS_SENTENCE_FACTOR, PREVIOUS_PARAGRAPH_FACTOR = 0.85, 0.75
EXCHANGE, CONTINUED, INTERVIEWEE = 0.7, 0.8, 0.8


def _interview_introduction(context: Context) -> int:
    """Where a printed interview's first question starts (0 when it has none)."""
    text = doc_text(context.doc)
    return next((start for start, end in context.paragraphs if QUESTION_LABEL.match(text[start:end])), 0)


@no_cue_rule("neighbour.interviewee")
def interviewee(context: Context) -> Resolved | None:
    """An interview's answer: the person its introduction names last.

    The introduction is everything before the first question; the interviewer asks in the
    publication's voice and is never quoted as a person here. An introduction ends on the person
    it presents ("For 31 years, Robert Campbell kept that light. We asked him …").
    """
    if context.statement._.qt_cue_kind != INTERVIEW:
        return None
    first_question = _interview_introduction(context)
    introduced = [person for person in context.people.people if any(p < first_question for p in person.positions)]
    if not introduced:
        return None
    person = max(introduced, key=lambda p: max(q for q in p.positions if q < first_question))
    return person_result(person, f"answer in an interview → {person.name}: the person its introduction names",
                         INTERVIEWEE)


@no_cue_rule("neighbour.interview_unnamed")
def interview_unnamed(context: Context) -> Resolved | None:
    """An interview's answer whose introduction names nobody."""
    if context.statement._.qt_cue_kind != INTERVIEW:
        return None
    return unresolved("answer in an interview; the introduction names nobody", NO_CUE_UNNAMED)


def _person_like(token: Token, lists: WordLists) -> bool:
    """A name, a gendered pronoun or a role word as written: a subject that may be the speaker."""
    return source_kind(token, lists).has(PERSON_ENTITY, GENDERED_PRONOUN, ROLE_WORD)


def _sentence_subject(sentence: Span, lists: WordLists) -> Token | None:
    for token in sentence:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT" and _person_like(token, lists):
            return token
    return None


def _from_subject(context: Context, subject: Token | None, *, where: str, factor: float) -> Resolved | None:
    """The speaker named by a neighbouring sentence's subject, if it resolves to someone; the
    subject becomes the statement's mention."""
    if subject is None:
        return None
    start, end = mention_range(subject)
    words = context.doc[start:end]
    chars = (words.start_char, words.end_char)
    resolved = context.resolve(chars)
    if resolved.speaker is None:
        return None
    return replace(resolved, reason=f"quote with no cue; {resolved.reason} ({where})",
                   confidence=resolved.confidence * factor, mention=chars)


def _previous_subject(index: SentenceIndex, statement: Span, paragraph_start: int, lists: WordLists) -> Token | None:
    sentence = index.sentence(statement[0])
    if sentence.start_char <= paragraph_start:
        return None
    return _sentence_subject(index.sentence(index.doc[sentence.start - 1]), lists)


@no_cue_rule("neighbour.previous_sentence")
def previous_sentence(context: Context) -> Resolved | None:
    """The sentence before it in the same paragraph names a person as its subject."""
    subject = _previous_subject(context.index, context.statement, context.paragraphs[context.here][0], context.lists)
    return _from_subject(context, subject, where="subject of the sentence before it", factor=PREVIOUS_SENTENCE_FACTOR)


def _is_question(doc: Doc, statement: Span) -> bool:
    start, end = statement._.qt_content
    return doc_text(doc)[start:end + 1].rstrip(" " + EVERYDAY_CLOSERS).endswith("?")


@no_cue_rule("neighbour.exchange")
def exchange(context: Context) -> Resolved | None:
    """A question and its answer alternate between two speakers: the one before the last goes on."""
    history = context.history
    if len(history) < 2:
        return None
    (last, last_resolved), before_resolved = history[-1], history[-2][1]
    asks = _is_question(context.doc, last) or _is_question(context.doc, context.statement)
    if not (asks and last_resolved.speaker and before_resolved.speaker
            and last_resolved.speaker != before_resolved.speaker
            and context.here - context.paragraph_of(last._.qt_content[0]) <= 1):
        return None
    return Resolved(before_resolved.speaker, before_resolved.person,
                    f"quote with no cue → {before_resolved.speaker}: alternation in an exchange with "
                    f"{last_resolved.speaker}", EXCHANGE)


@no_cue_rule("neighbour.previous_quote")
def previous_quote(context: Context) -> Resolved | None:
    """The previous quote's speaker goes on (news paragraphs continue a speaker); so does their mention."""
    previous = context.previous_speaker(gender=None)
    if previous is None:
        return None
    mention = next((earlier._.qt_mention for earlier, resolved in reversed(context.history) if resolved is previous),
                   None)
    return Resolved(previous.speaker, previous.person,
                    f"quote with no cue → {previous.speaker}: continues the speaker of the previous quote", CONTINUED,
                    mention=mention)


def _last_subject(index: SentenceIndex, paragraph: tuple[int, int], lists: WordLists) -> Token | None:
    span = index.doc.char_span(paragraph[0], paragraph[1], alignment_mode="expand")
    if span is None:
        return None
    return _sentence_subject(index.sentence(span[-1]), lists)


@no_cue_rule("neighbour.previous_paragraph")
def previous_paragraph(context: Context) -> Resolved | None:
    """The last sentence of the previous paragraph names a person as its subject."""
    here = context.here
    if here == 0:
        return None
    subject = _last_subject(context.index, context.paragraphs[here - 1], context.lists)
    return _from_subject(context, subject, where="subject of the previous paragraph", factor=PREVIOUS_PARAGRAPH_FACTOR)


@no_cue_rule("neighbour.none")
def nobody_nearby(context: Context) -> Resolved | None:
    """No neighbour names a speaker."""
    return unresolved("quote with no cue and no speaker nearby", NO_CUE_UNNAMED)
