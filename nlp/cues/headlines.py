"""Headlines that attribute without a verb: `Daesh Attacked Palmyra - Assad`, `Assad: US Lifting Ban…`."""
from __future__ import annotations

import re

from spacy.tokens import Span

from nlp.cues.context import Context
from nlp.cues.kinds import COLON, DASH
from nlp.cues.ranges import trim_range
from nlp.cues.statement import Range, Statement
from nlp.sources import GROUP_WORD, source_kind

DASHES = "-–—―−"
# Content of at least 12 characters, a dash, and a name of up to four capitalised words.
_NAME = r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
_HEADLINE_ATTRIBUTION = re.compile(r"^(?P<content>.{12,}?)\s+[-–—―]\s+" + _NAME + r"\s*$")
_HEADLINE_COLON = re.compile(r"^" + _NAME + r"\s*:\s+(?P<content>[^\s].{12,})$")
# Words that make a Title Case phrase rather than a name: "Stealth Over Health", "Correction Appended".
# ("of", "de", "van", "bin" … do occur inside names and are not listed.)
NOT_IN_NAMES = frozenset({"over", "under", "with", "without", "into", "from", "after", "before", "against",
                          "for", "at", "on", "in", "to", "by", "about", "vs", "appended", "correction"})
# A headline is one line of at most this many characters.
MAX_HEADLINE_CHARACTERS = 200


def headline_statements(context: Context, statements: list[Statement]) -> list[Statement]:
    """One-line paragraphs such as `Daesh Attacked Palmyra - Assad` or `Assad: US Lifting Ban…`."""
    doc, text = context.doc, context.text
    found = []
    taken = [(s.start, s.end) for s in statements]
    for start, end in doc._.qt_paragraphs or []:
        line = text[start:end]
        if not _one_sentence_line(line) or any(a < end and start < b for a, b in taken):
            continue
        for pattern in (_HEADLINE_ATTRIBUTION, _HEADLINE_COLON):
            match = pattern.match(line)
            if match is None:
                continue
            name_start, name_end = start + match.start("name"), start + match.end("name")
            name = doc.char_span(name_start, name_end, alignment_mode="expand")
            if name is None or not is_source_name(context, name):
                continue
            content = trim_range(doc, start + match.start("content"), start + match.end("content"))
            if content is None:
                continue
            dashed = pattern is _HEADLINE_ATTRIBUTION
            cue = (name_start - 2, name_start - 1) if dashed else (name_end, name_end + 1)
            cue = _locate_punct(text, cue, DASHES if dashed else ":")
            found.append(Statement(kind="indirect", parts=[content], cue=cue, cue_kind=DASH if dashed else COLON,
                                   cue_token=None, source_token=name.root.i))
            break
    return found


def _one_sentence_line(line: str) -> bool:
    """One line, one sentence (a headline may end with a full stop, as titles in some feeds do)."""
    return not ("\n" in line or len(line) > MAX_HEADLINE_CHARACTERS or line.rstrip().endswith(("?", "!"))
                or ". " in line.rstrip(". "))


def is_source_name(context: Context, span: Span) -> bool:
    """Who a headline attributes to: a person, an organisation or a poll, not a phrase ("Stealth Over Health")."""
    if any(token.lower_ in NOT_IN_NAMES for token in span):
        return False
    if any(ent.label_ in ("PERSON", "ORG") for ent in span.ents):
        return True
    if span[-1].lemma_.lower() in context.frames.headline_sources:
        return True
    return _is_person_name(context, span)


def _is_person_name(context: Context, span: Span) -> bool:
    if any(source_kind(t, context.lexicon).has(GROUP_WORD) for t in span):
        return False
    if any(ent.label_ == "PERSON" for ent in span.ents):
        return True
    places_or_groups = any(ent.label_ in ("GPE", "LOC", "ORG", "NORP", "FAC") for ent in span.ents)
    return all(t.pos_ == "PROPN" for t in span) and not places_or_groups


def _locate_punct(text: str, around: Range, characters: str) -> Range:
    """The dash or colon itself, within two characters of where the pattern placed it."""
    start, end = around
    for position in range(max(0, start - 2), min(len(text), end + 2)):
        if text[position] in characters:
            return position, position + 1
    return around
