"""Text helpers shared by the stages: offset-preserving normalisation and paragraph ranges."""
from __future__ import annotations

import re
import unicodedata

from nlp.vocabulary.marks import EVERYDAY_OPENERS

# Characters that hurt tokenisation and parsing but must not move any offset: each becomes one
# plain character of the same length, so every char offset into the normalised text is also an
# offset into the caller's original text.
_SPACE_LIKE = {"\u00a0", "\u2007", "\u202f", "\u2009", "\u200a", "\u2002", "\u2003", "\u2004", "\u2005",
               "\u2006", "\u2008", "\u3000", "\u205f", "\u1680", "\t", "\v", "\f"}
_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_LINE_LIKE = {"\u2028", "\u2029", "\x85"}


# spaCy's tokenizer is quadratic in the length of a run without whitespace that is full of
# punctuation (10,000 quotation marks in a row took 10 s, 20,000 took 45 s). No word of prose is
# this long, so such runs are broken up by a space every RUN_BREAK characters.
LONG_RUN = re.compile(r"\S{200,}")
RUN_BREAK = 100


def _break_long_runs(text: str) -> str:
    def broken(match: re.Match) -> str:
        run = list(match.group())
        for position in range(RUN_BREAK, len(run), RUN_BREAK):
            run[position] = " "
        return "".join(run)

    return LONG_RUN.sub(broken, text)


def normalize_same_length(text: str) -> str:
    """Map odd whitespace, CR, zero-width and control characters to one plain char each (same length).

    Runs of 200 or more characters without whitespace also get a space every 100 characters.
    """
    return _break_long_runs(_plain_characters(text))


def _plain_characters(text: str) -> str:
    if text.isascii() and "\r" not in text and "\t" not in text and "\x00" not in text:
        return text
    out = []
    length = len(text)
    for index, char in enumerate(text):
        if char == "\r":
            # CRLF becomes " \n" (the LF still ends the line); a lone CR is an old-Mac line end.
            out.append(" " if index + 1 < length and text[index + 1] == "\n" else "\n")
        elif char in _SPACE_LIKE or char in _ZERO_WIDTH:
            out.append(" ")
        elif char in _LINE_LIKE:
            out.append("\n")
        elif char == "\n":
            out.append(char)
        elif char < " " or unicodedata.category(char) in ("Cc", "Cs", "Co"):
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"[^\n]+")


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Paragraph (start, end) ranges, trimmed of whitespace.

    News text separates paragraphs with blank lines; text without any blank line is usually one
    paragraph per line. Hard-wrapped text with blank lines between paragraphs is handled by the
    first rule because lines inside a block stay together.
    """
    ranges: list[tuple[int, int]] = []
    if _BLANK_LINE.search(text):
        position = 0
        for separator in _BLANK_LINE.finditer(text):
            ranges.append((position, separator.start()))
            position = separator.end()
        ranges.append((position, len(text)))
    else:
        ranges = [(match.start(), match.end()) for match in _LINE.finditer(text)]
    ranges = [piece for start, end in ranges for piece in _split_listing(text, start, end)]
    trimmed = []
    for start, end in ranges:
        chunk = text[start:end]
        stripped_left = len(chunk) - len(chunk.lstrip())
        stripped_right = len(chunk) - len(chunk.rstrip())
        if stripped_left + stripped_right < len(chunk):
            trimmed.append((start + stripped_left, end - stripped_right))
    return trimmed


def paragraph_index(paragraphs: list[tuple[int, int]], offset: int) -> int:
    """The index of the paragraph containing `offset` (or the last one starting before it)."""
    low, high = 0, len(paragraphs) - 1
    found = 0
    while low <= high:
        middle = (low + high) // 2
        if paragraphs[middle][0] <= offset:
            found = middle
            low = middle + 1
        else:
            high = middle - 1
    return found


# A line starting with an opening quotation mark, a dash or a bullet starts afresh.
_FRESH_STARTS = EVERYDAY_OPENERS + "-–—•*"


def _split_listing(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a block into its lines when it reads as a list (headlines, datelines), not wrapped prose.

    Hard-wrapped prose has lines that continue a sentence, so some line starts in lower case or
    follows a line ending mid-sentence; a list of related headlines has every line start afresh.
    """
    lines = [(m.start() + start, m.end() + start) for m in _LINE.finditer(text[start:end])
             if text[m.start() + start:m.end() + start].strip()]
    if len(lines) < 2:
        return [(start, end)]
    fresh = sum(1 for line_start, line_end in lines[1:] if text[line_start:line_end].lstrip()[:1] in _FRESH_STARTS
                or text[line_start:line_end].lstrip()[:1].isupper() or text[line_start:line_end].lstrip()[:1].isdigit())
    if fresh < 0.8 * (len(lines) - 1):
        return [(start, end)]
    return lines


# spaCy's parser and NER need roughly 1 GB of temporary memory per 100,000 characters, and refuse
# texts over nlp.max_length (1,000,000) outright: longer documents are parsed in chunks this size.
CHUNK_CHARACTERS = 100_000


def chunk_ranges(text: str, limit: int = CHUNK_CHARACTERS) -> list[tuple[int, int]]:
    """Cut `text` into consecutive ranges of at most `limit` characters, at the gentlest boundary.

    A blank line (paragraph end) is preferred, then a line end, then a sentence end, then any
    whitespace; only a text with none of these in the second half of a window is cut mid-word.
    """
    ranges: list[tuple[int, int]] = []
    position = 0
    length = len(text)
    while length - position > limit:
        window_end = position + limit
        floor = position + limit // 2
        cut = -1
        for separator in ("\n\n", "\n", ". ", "? ", "! ", " "):
            found = text.rfind(separator, floor, window_end)
            if found != -1:
                cut = found + len(separator)
                break
        if cut <= position:
            cut = window_end
        ranges.append((position, cut))
        position = cut
    ranges.append((position, length))
    return ranges
