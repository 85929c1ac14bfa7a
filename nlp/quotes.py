"""quotetrail_quotes: pair quotation marks paragraph by paragraph, recovering from unbalanced ones.

The output is every top-level quotation in the document, as plain data on `doc._.qt_quotations`
(content parts as character offsets, without the marks), and as token spans in
`doc.spans["quotetrail_quotations"]`. Whether a quotation is speech is decided later, by the cue stage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from nlp import extensions
from nlp.errors import guarded
from nlp.sentences import doc_text
from nlp.text import paragraph_ranges
from nlp.vocabulary.marks import (
    DOUBLE_CLOSERS,
    DOUBLE_GUILLEMETS,
    DOUBLE_MARKS,
    DOUBLE_OPENERS_ONLY,
    DOUBLE_OPENERS_THAT_MAY_CLOSE,
    FRENCH_OPENING_GUILLEMET,
    QUOTE_MARKS,
    SINGLE_CLOSERS,
    SINGLE_MARKS,
    SINGLE_OPENERS,
    STRAIGHT_DOUBLE,
    TYPEWRITER_HALVES,
    TYPEWRITER_OPENING_DOUBLE,
)

# A mark right after one of these can open a quotation; right before one of these it can close one.
_OPENING_CONTEXT = "([{<—–-/" + QUOTE_MARKS
_CLOSING_CONTEXT = ".,;:!?)]}>—–-…/*" + QUOTE_MARKS
# Words that start with an elided letter ('em, 'til): an apostrophe, never an opening quote.
_ELISIONS = re.compile(r"(?:em|cause|til|tis|twas|bout|round|n|s|d|ll|re|ve|m|t)(?![A-Za-z])", re.I)
_DECADE = re.compile(r"\d\d(?:s|\b)")
# A lone word in single quotes is a term, not a quote ('Wild West'); British-style top-level single
# quotations need at least this many words.
MIN_SINGLE_QUOTE_WORDS = 3


@dataclass(slots=True)
class _Opening:
    position: int  # offset of the mark
    family: str  # "double" | "single"
    glyph: str
    depth: int  # 0 = top level
    width: int = 1  # 2 for the typewriter doubles `` and ''


@dataclass(slots=True)
class Quotation:
    parts: list[list[int]] = field(default_factory=list)  # [[content_start, content_end], ...]
    marks: list[int] = field(default_factory=list)  # offsets of the opening/closing marks used
    family: str = "double"
    recovered: str | None = None  # why the pairing had to be repaired, if it was

    def to_dict(self) -> dict:
        return {"parts": self.parts, "marks": self.marks, "family": self.family, "recovered": self.recovered}


def _flanks(text: str, position: int, start: int, end: int, width: int = 1) -> tuple[bool, bool]:
    before = text[position - 1] if position > start else None
    after = text[position + width] if position + width < end else None
    can_open = (before is None or before.isspace() or before in _OPENING_CONTEXT) and (
        after is not None and not after.isspace()
    )
    can_close = (before is not None and not before.isspace()) and (
        after is None or after.isspace() or after in _CLOSING_CONTEXT
    )
    return can_open, can_close


def _is_apostrophe(text: str, position: int, start: int, end: int, can_open: bool) -> bool:
    before = text[position - 1] if position > start else ""
    after = text[position + 1] if position + 1 < end else ""
    if before.isalnum() and after.isalnum():
        return True  # don't, O'Brien, rock'n'roll
    if can_open and after:
        rest = text[position + 1 : min(end, position + 6)]
        if _DECADE.match(rest) or _ELISIONS.match(rest):
            return True  # '90s, 'em, rock 'n' roll
    return False


def guillemet_style(text: str) -> str:
    """Which way a document's guillemets point: "french" («…»: French, Italian, Spanish, Russian) or
    "german" (»…«: German, Danish).

    Flanking alone cannot tell: French typography puts a space inside the marks (« Oui »), so a
    closing » after a space looks like an opener. Each guillemet votes only where its neighbours
    are unambiguous; a tie keeps the French reading, the more common one.
    """
    french = german = 0
    for match in re.finditer("[" + DOUBLE_GUILLEMETS + "]", text):
        position = match.start()
        before = text[position - 1] if position > 0 else " "
        after = text[position + 1] if position + 1 < len(text) else " "
        word_before = not before.isspace() and before not in _OPENING_CONTEXT
        word_after = not after.isspace() and after not in _CLOSING_CONTEXT
        opens_here = (before.isspace() or before in _OPENING_CONTEXT) and word_after  # " «Oui", " »Ja"
        closes_here = word_before and (after.isspace() or after in _CLOSING_CONTEXT)  # "Oui»,", "Ja«,"
        french_opener = match.group() == FRENCH_OPENING_GUILLEMET
        spaced_inside = after.isspace() if french_opener else before.isspace()  # "« Oui", "Oui »"
        if opens_here:
            french, german = (french + 1, german) if french_opener else (french, german + 1)
        elif closes_here:
            french, german = (french + 1, german) if not french_opener else (french, german + 1)
        elif spaced_inside:
            french += 1
    return "german" if german > french else "french"


def _roles(glyph: str, can_open: bool, can_close: bool, guillemets: str = "french") -> tuple[bool, bool]:
    """(may open, may close) for a double-family mark, from its glyph and flanking.

    Guillemets point the way the document's style says (see guillemet_style), whatever the
    spacing around them.
    """
    if glyph in DOUBLE_GUILLEMETS:
        opener = glyph == FRENCH_OPENING_GUILLEMET if guillemets == "french" else glyph != FRENCH_OPENING_GUILLEMET
        return opener, not opener
    if glyph == STRAIGHT_DOUBLE:
        if not can_open and not can_close:
            return False, True  # spaced on both sides: may close an open quotation, never opens one
        return can_open, can_close or not can_open
    if glyph in DOUBLE_OPENERS_THAT_MAY_CLOSE:
        # “ closes in German-style „…“ and in sloppy text; it is an opener otherwise.
        return not (can_close and not can_open), can_close
    if glyph in DOUBLE_CLOSERS:
        return (can_open and not can_close), not (can_open and not can_close)
    if glyph in DOUBLE_OPENERS_ONLY:
        return True, False
    return can_open, can_close


def _typewriter_double(text: str, position: int, end: int) -> int:
    """2 where `` or '' stands for a double quotation mark at `position`, else 0."""
    glyph = text[position]
    if glyph in TYPEWRITER_HALVES and position + 1 < end and text[position + 1] == glyph:
        if position + 2 < end and text[position + 2] == glyph:
            return 0  # a run of three or more is not a mark pair
        return 2
    return 0


def _starts_with_opening_mark(text: str, start: int, end: int, guillemets: str = "french") -> bool:
    if start < end and _typewriter_double(text, start, end):
        return _flanks(text, start, start, end, 2)[0]
    if start >= end or text[start] not in DOUBLE_MARKS:
        return False
    can_open, can_close = _flanks(text, start, start, end)
    return _roles(text[start], can_open, can_close, guillemets)[0]


def find_quotations(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[Quotation], list[str]]:
    """Pair the quotation marks of `text`, paragraph by paragraph; return top-level quotations and notes."""
    quotations: list[Quotation] = []
    notes: list[str] = []
    guillemets = guillemet_style(text)
    carried: Quotation | None = None  # a quotation continuing from the previous paragraph
    for index, (start, end) in enumerate(paragraphs):
        pairing = _ParagraphPairing(text, start, end, index, guillemets, quotations, notes)
        pairing.pair(carried)
        next_paragraph = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        carried = pairing.finish(next_paragraph)
    if carried is not None:  # pragma: no cover - the loop closes every carried quotation
        quotations.append(carried)
    for quotation in quotations:
        trimmed = [_trim(text, part_start, part_end) for part_start, part_end in quotation.parts]
        quotation.parts = [part for part in trimmed if part[0] < part[1]]
    quotations = [quotation for quotation in quotations if quotation.parts]
    quotations.sort(key=lambda quotation: quotation.parts[0][0])
    return quotations, notes


@dataclass(slots=True)
class _ParagraphPairing:
    """Pairing one paragraph's marks: the open marks, and the top-level quotation still open.

    Found quotations and notes go to the lists shared by the whole document.
    """

    text: str
    start: int
    end: int
    index: int
    guillemets: str
    quotations: list[Quotation]
    notes: list[str]
    stack: list[_Opening] = field(default_factory=list)
    open_top: Quotation | None = None
    # Double quotations inside a British-style single one (‘He keeps saying “fair offer”,’),
    # by the offset of that single opening mark: nested words, not quotations of their own,
    # unless the single mark never closes (then it was an apostrophe after all).
    nested: dict[int, list[Quotation]] = field(default_factory=dict)

    def pair(self, carried: Quotation | None) -> None:
        position = self.start
        if carried is not None:
            # News convention: a quote running over paragraphs re-opens each one with a mark and
            # closes only in its last paragraph.
            reopen = _typewriter_double(self.text, self.start, self.end) or 1
            self.stack.append(_Opening(self.start, "double", self.text[self.start], 0, reopen))
            self.open_top = carried
            position = self.start + reopen
        while position < self.end:
            position = self._step(position)
        for inner in self.nested.values():
            self.quotations.extend(inner)  # their single opening mark never closed

    def _step(self, position: int) -> int:
        """Read the character at `position`; return where to read next."""
        glyph = self.text[position]
        width = _typewriter_double(self.text, position, self.end)
        if glyph not in QUOTE_MARKS and not width:
            return position + 1
        if width:
            # `` and '' stand for opening and closing double quotes in some wire copy (the
            # New York Times) and in LaTeX-style text.
            glyph = DOUBLE_OPENERS_ONLY if glyph == TYPEWRITER_OPENING_DOUBLE[0] else STRAIGHT_DOUBLE
        width = width or 1
        can_open, can_close = _flanks(self.text, position, self.start, self.end, width)
        if glyph in SINGLE_MARKS:
            self._single(glyph, position, can_open, can_close)
            return position + 1
        may_open, may_close = _roles(glyph, can_open, can_close, self.guillemets)
        double_index = _innermost(self.stack, "double")
        if (double_index is not None and may_close
                and not (may_open and _prefers_nesting(self.text, position, self.end))):
            self._close_double(double_index, position, width)
        elif may_open:
            depth = 0 if not self.stack else self.stack[-1].depth + 1
            self.stack.append(_Opening(position, "double", glyph, depth, width))
        else:
            self._stray(position)
        return position + width

    def _single(self, glyph: str, position: int, can_open: bool, can_close: bool) -> None:
        if _is_apostrophe(self.text, position, self.start, self.end, can_open):
            return
        closed = _pair_single(self.stack, glyph, position, can_open, can_close)
        if closed is not None and closed in self.nested:
            inner = self.nested.pop(closed)
            if len(self.text[closed + 1:position].split()) < MIN_SINGLE_QUOTE_WORDS:
                self.quotations.extend(inner)  # too short to be taken as a quotation itself

    def _close_double(self, double_index: int, position: int, width: int) -> None:
        opening = self.stack[double_index]
        del self.stack[double_index:]
        if any(other.family == "double" for other in self.stack):
            return  # a nested quotation closed: part of the enclosing one
        quotation = self.open_top or Quotation(family="double")
        quotation.parts.append([opening.position + opening.width, position])
        quotation.marks.extend(range(opening.position, opening.position + opening.width))
        quotation.marks.extend(range(position, position + width))
        single = _innermost(self.stack, "single")
        if single is not None and self.open_top is None:
            self.nested.setdefault(self.stack[single].position, []).append(quotation)
        else:
            self.quotations.append(quotation)
        self.open_top = None

    def _stray(self, position: int) -> None:
        recovered = _recover_stray_closer(self.text, self.start, position, self.quotations)
        if recovered is not None:
            self.quotations.append(recovered)
            self.notes.append(
                f"paragraph {self.index + 1}: closing mark at {position} had no opening mark; "
                "the quotation was taken to start at the paragraph start"
            )
        else:
            self.notes.append(f"paragraph {self.index + 1}: stray quotation mark at {position} ignored")

    def finish(self, next_paragraph: tuple[int, int] | None) -> Quotation | None:
        """Close what is still open at the paragraph's end; return a quotation the next paragraph continues."""
        top = next((opening for opening in self.stack if opening.family == "double"), None)
        if top is None:
            return None
        quotation = self.open_top or Quotation(family="double")
        quotation.parts.append([top.position + top.width, self.end])
        quotation.marks.extend(range(top.position, top.position + top.width))
        if next_paragraph and _starts_with_opening_mark(self.text, *next_paragraph, self.guillemets):
            return quotation
        quotation.recovered = (f"quotation opened at {top.position} was never closed; "
                               f"closed at the end of paragraph {self.index + 1}")
        self.notes.append(quotation.recovered)
        self.quotations.append(quotation)
        return None


def outer_range(quotation: dict) -> tuple[int, int]:
    """The quotation with its outer marks: from its opening mark to just past its closing one.

    A repaired quotation lacks one of them; then its content edge stands in. (The marks of later
    paragraphs of a multi-paragraph quotation lie between the two and do not matter here.)
    """
    start, end = quotation["parts"][0][0], quotation["parts"][-1][1]
    opening = [mark for mark in quotation["marks"] if mark < start]
    closing = [mark for mark in quotation["marks"] if mark >= end]
    return (min(opening) if opening else start), (max(closing) + 1 if closing else end)


def _prefers_nesting(text: str, position: int, end: int) -> bool:
    # A straight mark that looks like an opener inside an open quotation starts a nested one
    # ("He called it "fake news" today," she said) only if a closing mark follows later.
    return (text[position] == STRAIGHT_DOUBLE and text.count(STRAIGHT_DOUBLE, position + 1, end) >= 2
            and not _flanks(text, position, 0, end)[1])


def _innermost(stack: list[_Opening], family: str) -> int | None:
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].family == family:
            return index
    return None


def _pair_single(stack: list[_Opening], glyph: str, position: int, can_open: bool, can_close: bool) -> int | None:
    """Push or pop a single mark; return the offset of the opening mark it closed, if it closed one.

    Single marks pair only inside the innermost double quotation (or at top level, British style);
    an unmatched one is an apostrophe (Jones', the students' union).
    """
    if can_close and glyph not in SINGLE_OPENERS:
        for index in range(len(stack) - 1, -1, -1):
            if stack[index].family == "double":
                break
            if stack[index].family == "single":
                opened = stack[index].position
                del stack[index:]
                return opened
    if can_open and glyph not in SINGLE_CLOSERS:
        depth = 0 if not stack else stack[-1].depth + 1
        stack.append(_Opening(position, "single", glyph, depth))
    return None


def _recover_stray_closer(text: str, start: int, position: int, quotations: list[Quotation]) -> Quotation | None:
    # A paragraph that closes a quote it never opened usually lost its opening mark at the start:
    # `We will win," she said.` Only recover when no other mark precedes it in the paragraph and
    # the would-be content is long enough to be speech rather than a stray character.
    if any(text[i] in DOUBLE_MARKS for i in range(start, position)):
        return None
    if len(text[start:position].split()) < 4:
        return None
    return Quotation(parts=[[start, position]], marks=[position], family="double",
                     recovered=f"closing mark at {position} had no opening mark; started at the paragraph start")


def _trim(text: str, start: int, end: int) -> list[int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [start, end]


def token_quotations(doc: Doc, quotations: list[dict]) -> list[int]:
    """For every token, the index of the quotation whose content or marks it belongs to, else -1."""
    marks = []
    for index, quotation in enumerate(quotations):
        for start, end in quotation["parts"]:
            marks.append((start - 1, end + 1, index))
        for mark in quotation["marks"]:
            marks.append((mark, mark + 1, index))
    result = [-1] * len(doc)
    if not marks:
        return result
    marks.sort()
    cursor = 0
    for token in doc:
        while cursor < len(marks) and marks[cursor][1] <= token.idx:
            cursor += 1
        probe = cursor
        while probe < len(marks) and marks[probe][0] < token.idx + len(token):
            start, end, index = marks[probe]
            starts_inside = token.idx <= start < token.idx + len(token) and not token.is_punct
            if start <= token.idx < end or starts_inside:
                result[token.i] = index
                break
            probe += 1
    return result



class QuotationFinder:
    """Find quotations; also picks up British-style top-level single quotes."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        paragraphs = doc._.qt_paragraphs if doc._.qt_paragraphs is not None else paragraph_ranges(doc_text(doc))
        doc._.qt_paragraphs = paragraphs
        quotations, notes = find_quotations(doc_text(doc), paragraphs)
        singles = find_single_quotations(doc_text(doc), paragraphs, quotations)
        quotations = sorted(quotations + singles, key=lambda quotation: quotation.parts[0][0])
        doc._.qt_quotations = [quotation.to_dict() for quotation in quotations]
        doc._.qt_notes = (doc._.qt_notes or []) + notes
        spans = []
        for quotation in quotations:
            span = doc.char_span(quotation.parts[0][0], quotation.parts[-1][1], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[extensions.QUOTATIONS] = spans
        doc._.qt_token_quotes = token_quotations(doc, doc._.qt_quotations)
        return doc


def find_single_quotations(text: str, paragraphs: list[tuple[int, int]], doubles: list[Quotation]) -> list[Quotation]:
    """Top-level single-quote pairs ('…' as the primary mark, as in British news), outside double quotes."""
    covered = [(part[0] - 2, part[1] + 2) for quotation in doubles for part in quotation.parts]
    found: list[Quotation] = []
    for start, end in paragraphs:
        opening: int | None = None
        for position in range(start, end):
            glyph = text[position]
            if glyph not in SINGLE_MARKS:
                continue
            if any(a <= position < b for a, b in covered):
                continue
            can_open, can_close = _flanks(text, position, start, end)
            if _is_apostrophe(text, position, start, end, can_open):
                continue
            if opening is None:
                if can_open and glyph not in SINGLE_CLOSERS:
                    opening = position
            elif can_close and glyph not in SINGLE_OPENERS:
                content = _trim(text, opening + 1, position)
                # A lone word in single quotes is a term, not a quote; and a closing "s'" right
                # after a plural may be a possessive: require a few words.
                if len(text[content[0]:content[1]].split()) >= MIN_SINGLE_QUOTE_WORDS:
                    found.append(Quotation(parts=[content], marks=[opening, position], family="single"))
                opening = None
    return found


@Language.factory(
    "quotetrail_quotes",
    # qt_paragraphs is assigned too when a Doc comes without them (the stage run on its own).
    assigns=["doc._.qt_quotations", "doc._.qt_token_quotes", "doc._.qt_notes", "doc._.qt_paragraphs", "doc.spans"],
    requires=["doc._.qt_paragraphs"],
)
def make_quotation_finder(nlp: Language, name: str) -> QuotationFinder:
    return QuotationFinder(nlp, name)
