"""Paragraphs that are page furniture, not the article: no statement is read from them.

Scraped news keeps what surrounded the article: lists of related stories (one headline a line,
"Assad: US Lifting Ban …", "… - Assad"), a line of keywords, "WATCH:" / "READ MORE:" links, a
"Correction Appended" note, photo captions and credits ("Jane Roe / Reuters", "Photo: …"). Each
paragraph is judged by RULES in order from its text alone; the first rule that applies names why.
The article's own headline, its first line, is never furniture by the list rules: "Club will not
sell Riverside Park stadium - Okafor" on top of the article still attributes.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from nlp.text import paragraph_index
from nlp.vocabulary.marks import DOUBLE_MARKS

Range = tuple[int, int]

# A line that labels a link or a note rather than reporting: "WATCH: …", "READ MORE: …", and the
# outlet's own "Editor's note: …" (PolNeAR's annotators discard it too).
LABEL = "boilerplate.label"
# A photo caption or credit line: "Photo: …", "Jane Roe / Reuters", "(AP Photo/Jane Roe)".
CAPTION = "boilerplate.caption"
# A line of comma-separated keywords or tags ("Palmyra, Turkey, Syria, US, Russia").
KEYWORDS = "boilerplate.keywords"
# A run of headline-like lines after the body: a list of related stories.
RELATED_LIST = "boilerplate.related-list"
# Headline-like lines right after a sign-up line or a "Related stories" heading.
AFTER_MARKER = "boilerplate.after-marker"
RULES = (LABEL, CAPTION, KEYWORDS, RELATED_LIST, AFTER_MARKER)

# Link and note labels at the start of a line, in capitals or as a heading word with a colon.
_LABEL = re.compile(
    r"^\s*(?:(?:WATCH|READ MORE|READ ALSO|ALSO READ|MORE|RELATED|SEE ALSO|LISTEN|VIDEO|PHOTOS?|GALLERY|"
    r"CLICK HERE|SUBSCRIBE|ADVERTISEMENT|SPONSORED)\s*[:|»›>-]"
    r"|(?:Watch|Read more|Read also|Also read|Related|See also|Listen|Click here)\s*[:|»›>]"
    r"|Correction Appended\b|CORRECTION APPENDED\b|Editor['’]s [Nn]ote\s*[:.-]|EDITOR['’]S NOTE\s*[:.-])"
)
# Caption and credit lines.
_CAPTION_START = re.compile(
    r"^\s*\(?(?:Photo|Photos|Photograph|Picture|Image|Images|Caption|Image caption|Media caption|Video caption|"
    r"Credit|Photo credit|File photo)\s*(?:[:|]|by\b)", re.IGNORECASE)
# "… Jane Roe / Reuters", "(AP Photo/Jane Roe)", "… (Getty Images)": a short credit at the end of a line.
_CREDIT_END = re.compile(
    r"(?:\s/\s*[A-Z][\w.&'’ -]{1,40}|\((?:[A-Z]{2,5} )?Photo\s*/\s*[^)]{2,60}\)|\bGetty Images\)?)\s*$")
CAPTION_MAX_WORDS = 40
# A heading that announces a list of links on the following lines: "Related coverage", "Also Read",
# "MORE FOOTY:", "More from Sport:" (a short line opening with a heading word, a colon optional).
_LIST_HEADING = re.compile(
    r"^\s*(?:related|more|also|read|see|recommended|you may also|most|trending|top|latest|further|other|editor'?s)"
    r"\b[^.!?,;:]{0,30}:?\s*$",
    re.IGNORECASE)
LIST_HEADING_MAX_WORDS = 4
SIGN_UP_MAX_WORDS = 30
# A line that invites the reader to sign up, subscribe or follow: the article's body has ended.
_SIGN_UP = re.compile(r"\b(?:sign up|subscribe|newsletter|follow us|join us on|our (?:telegram|whatsapp) channel)\b",
                      re.IGNORECASE)
# A headline is one short line that does not end a sentence.
HEADLINE_MAX_WORDS = 25
HEADLINE_MIN_WORDS = 3
SENTENCE_END = ".!?;…"
CLOSING_MARKS = "\"'”’»)]"
# Words a Title Case headline leaves in lower case.
_SMALL = frozenset("a an and as at but by for from in into is of on or over the to up vs via with".split())
# Consecutive headline-like lines that make a list by themselves (after the body).
LIST_RUN = 3
# Body text: a paragraph that ends a sentence and has at least this many words.
BODY_MIN_WORDS = 12
KEYWORD_MIN_ITEMS = 4
KEYWORD_MAX_ITEM_WORDS = 5

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def boilerplate_paragraphs(text: str, paragraphs: Sequence[Range]) -> dict[int, str]:
    """Index of each furniture paragraph → the id of the rule that says so."""
    found: dict[int, str] = {}
    body_seen = False  # a body paragraph has come before: lists after it are not the article
    marker = False  # the previous furniture was a sign-up line or a list heading
    run: list[int] = []  # consecutive headline-like lines after the body

    def close_run() -> None:
        if len(run) >= LIST_RUN and sum(_title_case(text[slice(*paragraphs[i])]) for i in run) * 2 > len(run):
            for index in run:
                found.setdefault(index, RELATED_LIST)
        run.clear()

    for index, (start, end) in enumerate(paragraphs):
        line = text[start:end].strip()
        if not line:
            continue
        rule = _line_rule(line)
        if rule is not None:
            found[index] = rule
            close_run()
            marker = rule == LABEL  # "Related:", "READ MORE: …" head a list of links as well
            continue
        headline_like = index > 0 and _headline_like(line)
        if marker and headline_like:
            found[index] = AFTER_MARKER
            continue
        if _list_heading(line) or (body_seen and _sign_up(line)):
            marker = True
            close_run()
            continue
        marker = False
        if body_seen and headline_like:
            run.append(index)
            continue
        close_run()
        if _is_body(line):
            body_seen = True
    close_run()
    return found


def _list_heading(line: str) -> bool:
    return _LIST_HEADING.match(line) is not None and len(_WORD.findall(line)) <= LIST_HEADING_MAX_WORDS


def _sign_up(line: str) -> bool:
    return _SIGN_UP.search(line) is not None and len(_WORD.findall(line)) <= SIGN_UP_MAX_WORDS


def _line_rule(line: str) -> str | None:
    if _LABEL.match(line):
        return LABEL
    words = _WORD.findall(line)
    if len(words) <= CAPTION_MAX_WORDS and (_CAPTION_START.match(line) or _credit_line(line)):
        return CAPTION
    if _keyword_line(line):
        return KEYWORDS
    return None


def _credit_line(line: str) -> bool:
    """A caption ending in its credit; a sentence with a slash ("and/or", "24/7") is not one."""
    match = _CREDIT_END.search(line)
    if match is None:
        return False
    before = line[:match.start()].rstrip()
    return before == "" or before[-1] in ".!?" + CLOSING_MARKS or len(_WORD.findall(before)) <= 4


def _keyword_line(line: str) -> bool:
    """Comma-separated short items, no sentence end, no clause: "Palmyra, Turkey, Syria, US, Russia"."""
    if line.rstrip(CLOSING_MARKS + " ")[-1:] in SENTENCE_END or any(mark in line for mark in DOUBLE_MARKS):
        return False
    items = [item.strip() for item in line.split(",")]
    if len(items) < KEYWORD_MIN_ITEMS or any(not item for item in items):
        return False
    return all(len(_WORD.findall(item)) <= KEYWORD_MAX_ITEM_WORDS for item in items)


def _headline_like(line: str) -> bool:
    """One short line that does not end with sentence punctuation."""
    if "\n" in line:
        return False
    stripped = line.rstrip(CLOSING_MARKS + " ")
    words = _WORD.findall(line)
    return HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS and stripped[-1:] not in SENTENCE_END


def _title_case(line: str) -> bool:
    """Most words capitalised, as headlines in Title Case are."""
    words = [word for word in _WORD.findall(line) if word.lower() not in _SMALL]
    return bool(words) and sum(word[0].isupper() for word in words) * 4 >= len(words) * 3


def _is_body(line: str) -> bool:
    return len(_WORD.findall(line)) >= BODY_MIN_WORDS and line.rstrip(CLOSING_MARKS + " ")[-1:] in SENTENCE_END


def in_boilerplate(found: dict[int, str], paragraphs: list[Range], offset: int) -> str | None:
    """The rule id if the character at `offset` lies in a furniture paragraph."""
    if not found:
        return None
    return found.get(paragraph_index(paragraphs, offset))
