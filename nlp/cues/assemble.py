"""Assembling the statements found: nested reported speech dropped, interrupted quotes merged."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from nlp.cues.statement import Range, Statement
from nlp.sentences import doc_text
from nlp.text import paragraph_index
from nlp.vocabulary.marks import EVERYDAY_OPENERS

# How many words may separate two pieces of one quote: an interruption ("…," she said, "…") is
# short; a continuation after a full stop may follow a long cue clause ("…," said Ann Lee, a
# professor of economics at the state university. "…").
INTERRUPTION_WORDS = 10
CONTINUATION_WORDS = 25


def drop_nested(statements: list[Statement]) -> list[Statement]:
    """Reported speech inside another statement's content ("X said Y claimed Z") belongs to the outer one.

    Statements are swept in order of their start, keeping the widest content that started so far, so
    a paragraph dense with quotations stays linear rather than comparing every pair.
    """
    ordered = sorted(statements, key=lambda statement: (statement.start, -statement.end))
    kept: list[Statement] = []
    seen_parts: set[tuple[Range, ...]] = set()
    widest: Statement | None = None  # the statement reaching furthest right among those started
    for statement in ordered:
        parts = tuple((part[0], part[1]) for part in statement.parts)
        if parts in seen_parts:
            continue  # the same content found from two cues: the first one wins
        cue_start = statement.cue[0] if statement.cue else None
        nested = (widest is not None and statement.end <= widest.end and cue_start is not None
                  and widest.start <= cue_start < widest.end)
        if nested:
            continue
        seen_parts.add(parts)
        kept.append(statement)
        if widest is None or statement.end > widest.end:
            widest = statement
    return kept


def merge_interrupted(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """`"A," she said, "B."` is one statement in two parts: merge direct quotes that share a cue."""
    statements = sorted(statements, key=lambda statement: statement.start)
    merged: list[Statement] = []
    for statement in statements:
        previous = merged[-1] if merged else None
        if (
            previous is not None and previous.kind == "direct" and statement.kind == "direct"
            and previous.cue is not None and previous.end <= previous.cue[0] < statement.start
            and (statement.cue is None or statement.cue == previous.cue)
            and only_cue_between(doc, previous.end, statement.start,
                                 full_stop=statement.cue is None or statement.cue == previous.cue)
        ):
            previous.parts.extend(statement.parts)
            previous.verbatim.extend(statement.verbatim)
            previous.quotations |= statement.quotations
            continue
        merged.append(statement)
    return merged


def only_cue_between(doc: Doc, end: int, start: int, *, full_stop: bool = False) -> bool:
    """Only a short cue clause separates two quotes in one paragraph.

    `"A," she said, "B."` always continues; `"A," she said. "B."` continues too when B has no cue
    of its own (the news convention for going on with the same speaker).
    """
    between = doc_text(doc)[end:start]
    words = re.findall(r"[\w’'-]+", between)
    stripped = between.rstrip(" \n" + EVERYDAY_OPENERS)
    separators = (",", ":", "—", "–", "-", ";") + ((".",) if full_stop else ())
    paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
    same_paragraph = paragraph_index(paragraphs, end) == paragraph_index(paragraphs, start)
    limit = CONTINUATION_WORDS if full_stop and stripped[-1:] == "." else INTERRUPTION_WORDS
    return 0 < len(words) <= limit and stripped[-1:] in separators and same_paragraph
