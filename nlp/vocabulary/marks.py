"""Quotation marks and apostrophes: one table of glyphs and their roles, and every set of them the code uses.

Each set below is computed from `GLYPHS`, in table order, as a `str` (so it can go straight into
`str.strip` or a regular-expression class). A user that needs a narrower set than the obvious one
gets a named set of its own, with the reason beside it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["quotation", "stand-in", "letter"]
Family = Literal["double", "single"]
Role = Literal["opening", "closing", "both"]
Shape = Literal["straight", "comma", "angle", "corner", "prime", "accent", "letter"]


@dataclass(frozen=True, slots=True)
class Glyph:
    glyph: str
    name: str
    # "quotation": a quotation mark; "stand-in": another character typed for one (primes, the
    # typewriter's grave and acute accents); "letter": an apostrophe that Unicode counts as a letter.
    kind: Kind
    family: Family
    usual: Role  # its role in English and French typography
    also: Role | None  # the role it takes in other typographies, if any
    shape: Shape
    everyday: bool  # common in English, French and German news copy
    european: bool  # European typography: the marks nlp/quotes.py pairs
    apostrophe: bool  # commonly typed for an apostrophe (don't, Jones', O’Neill)


GLYPHS: tuple[Glyph, ...] = (
    # Doubles. German typography closes „…“ with “ and writes »…« with the guillemets reversed;
    # Swedish opens with ” (”…”).
    Glyph('"', "quotation mark", "quotation", "double", "both", None, "straight", True, True, False),
    Glyph("“", "left double quotation mark", "quotation", "double", "opening", "closing", "comma",
          True, True, False),
    Glyph("”", "right double quotation mark", "quotation", "double", "closing", "opening", "comma",
          True, True, False),
    Glyph("„", "double low-9 quotation mark", "quotation", "double", "opening", None, "comma", True, True, False),
    Glyph("‟", "double high-reversed-9 quotation mark", "quotation", "double", "opening", "closing", "comma",
          False, True, False),
    Glyph("«", "left-pointing double angle quotation mark", "quotation", "double", "opening", "closing", "angle",
          True, True, False),
    Glyph("»", "right-pointing double angle quotation mark", "quotation", "double", "closing", "opening", "angle",
          True, True, False),
    # Singles. German nests ‚…‘; the single guillemets ‹…› nest inside «…» (Swiss and French).
    Glyph("'", "apostrophe", "quotation", "single", "both", None, "straight", True, True, True),
    Glyph("‘", "left single quotation mark", "quotation", "single", "opening", "closing", "comma",
          True, True, True),
    Glyph("’", "right single quotation mark", "quotation", "single", "closing", "opening", "comma",
          True, True, True),
    Glyph("‚", "single low-9 quotation mark", "quotation", "single", "opening", None, "comma", False, True, False),
    Glyph("‛", "single high-reversed-9 quotation mark", "quotation", "single", "opening", "closing", "comma",
          False, True, False),
    Glyph("‹", "single left-pointing angle quotation mark", "quotation", "single", "opening", "closing", "angle",
          False, True, False),
    Glyph("›", "single right-pointing angle quotation mark", "quotation", "single", "closing", "opening", "angle",
          False, True, False),
    # East Asian and full-width marks: only a reader of pasted text meets them.
    Glyph("「", "left corner bracket", "quotation", "double", "opening", None, "corner", False, False, False),
    Glyph("」", "right corner bracket", "quotation", "double", "closing", None, "corner", False, False, False),
    Glyph("『", "left white corner bracket", "quotation", "double", "opening", None, "corner", False, False, False),
    Glyph("』", "right white corner bracket", "quotation", "double", "closing", None, "corner", False, False, False),
    Glyph("〝", "reversed double prime quotation mark", "quotation", "double", "opening", None, "prime",
          False, False, False),
    Glyph("〞", "double prime quotation mark", "quotation", "double", "closing", None, "prime", False, False, False),
    Glyph("＂", "fullwidth quotation mark", "quotation", "double", "both", None, "straight", False, False, False),
    # Characters typed in place of quotation marks and apostrophes.
    Glyph("′", "prime", "stand-in", "single", "both", None, "prime", False, False, False),
    Glyph("″", "double prime", "stand-in", "double", "both", None, "prime", False, False, False),
    Glyph("`", "grave accent", "stand-in", "single", "opening", None, "accent", False, False, True),
    Glyph("´", "acute accent", "stand-in", "single", "closing", None, "accent", False, False, True),
    Glyph("ʼ", "modifier letter apostrophe", "letter", "single", "both", None, "letter", False, False, True),
)

# Typewriter doubles: two graves or two apostrophes stand for a double mark in some wire copy (the
# New York Times) and in LaTeX-style text: ``like this''.
TYPEWRITER_OPENING_DOUBLE = "``"
TYPEWRITER_CLOSING_DOUBLE = "''"
TYPEWRITER_HALVES = TYPEWRITER_OPENING_DOUBLE[0] + TYPEWRITER_CLOSING_DOUBLE[0]


def glyphs(where: Callable[[Glyph], bool]) -> str:
    """The glyphs of the table that satisfy `where`, in table order."""
    return "".join(row.glyph for row in GLYPHS if where(row))


def _quotation(row: Glyph) -> bool:
    return row.kind == "quotation"


def _paired(row: Glyph) -> bool:
    return _quotation(row) and row.european


def _apostrophe_shaped_single(row: Glyph) -> bool:
    return _paired(row) and row.family == "single" and row.shape in ("straight", "comma")


# --- the marks nlp/quotes.py pairs -------------------------------------------------------------------

DOUBLE_MARKS = glyphs(lambda row: _paired(row) and row.family == "double")  # "“”„‟«»
SINGLE_MARKS = glyphs(lambda row: _paired(row) and row.family == "single")  # '‘’‚‛‹›
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS
DOUBLE_GUILLEMETS = glyphs(lambda row: _paired(row) and row.family == "double" and row.shape == "angle")
# Guillemets point one way or the other by document (see nlp.quotes.guillemet_style): the French
# opener is the one whose usual role is opening.
FRENCH_OPENING_GUILLEMET = glyphs(lambda row: row.glyph in DOUBLE_GUILLEMETS and row.usual == "opening")
STRAIGHT_DOUBLE = glyphs(lambda row: _paired(row) and row.family == "double" and row.shape == "straight")
# Double marks that open in English but close in German („…“): “ and ‟.
DOUBLE_OPENERS_THAT_MAY_CLOSE = glyphs(
    lambda row: _paired(row) and row.family == "double" and row.shape == "comma"
    and row.usual == "opening" and row.also == "closing")
DOUBLE_CLOSERS = glyphs(lambda row: _paired(row) and row.family == "double" and row.shape == "comma"
                        and row.usual == "closing")  # ”
DOUBLE_OPENERS_ONLY = glyphs(lambda row: _paired(row) and row.family == "double" and row.usual == "opening"
                             and row.also is None)  # „
# Single marks pair by their usual role only: where a single mark could also take the other role,
# reading it as an apostrophe is the likelier mistake to avoid.
SINGLE_OPENERS = glyphs(lambda row: _paired(row) and row.family == "single" and row.usual == "opening")  # ‘‚‛‹
SINGLE_CLOSERS = glyphs(lambda row: _paired(row) and row.family == "single" and row.usual == "closing")  # ’›

# --- everyday marks (the cue and paragraph stages, resolution) ------------------------------------------

# The marks of English, French and German news copy: what the cue stage strips around a dash
# attribution (any of them may close: “ and « do in German-style „…“ and »…«).
EVERYDAY_MARKS = glyphs(lambda row: _quotation(row) and row.everyday)  # "“”„«»'‘’
EVERYDAY_OPENERS = glyphs(lambda row: _quotation(row) and row.everyday and row.usual != "closing")  # "“„«'‘
EVERYDAY_CLOSERS = glyphs(lambda row: _quotation(row) and row.everyday and row.usual != "opening")  # "”»'’
# A closing mark right before a cue clause (`"…," he said`). The straight single mark has never
# been one of them: as a token of its own it is far more often an apostrophe (Jones' ) there.
CLOSERS_BEFORE_CUE_CLAUSE = EVERYDAY_CLOSERS.replace("'", "")  # "”»’


def _may_close(row: Glyph) -> bool:
    return row.usual != "opening" or row.also == "closing"


# --- reading a pasted quote and checking it ---------------------------------------------------------------

# The double marks that may trail a word and so end the wording alignment's clause: „ only ever
# opens (German „…“), so it never trails a word.
EVERYDAY_DOUBLES_THAT_MAY_CLOSE = glyphs(
    lambda row: _quotation(row) and row.everyday and row.family == "double" and _may_close(row))  # "“”«»
# The marks the check's sentence splitter allows before a new sentence's first letter: the everyday
# openers that may also close. „ has never been one of them (a pasted German „…“ is split only
# after its closing mark), and the splitter's sentences are kept as they were.
EVERYDAY_OPENERS_THAT_MAY_CLOSE = glyphs(
    lambda row: _quotation(row) and row.everyday and row.usual != "closing" and _may_close(row))  # "“«'‘

# --- evaluation and reading pasted text -----------------------------------------------------------------

# Single marks shaped like an apostrophe or a comma: they stand for apostrophes too, so a reader of
# pasted text strips them only in pairs, and evaluation trims them with the double marks.
APOSTROPHE_SHAPED_SINGLES = glyphs(_apostrophe_shaped_single)  # '‘’‚‛
# Quotation marks that are never apostrophes, East Asian and full-width ones included: a reader of
# pasted text strips them from the ends of a paste freely.
NEVER_APOSTROPHES = glyphs(lambda row: _quotation(row) and not _apostrophe_shaped_single(row))

# --- the store: quote text folded for matching across outlets ----------------------------------------

# The European marks and the characters typed in their place (primes, grave and acute accents).
FOLDED_FOR_MATCHING = glyphs(lambda row: _paired(row) or row.kind == "stand-in")

# --- apostrophes ----------------------------------------------------------------------------------------

APOSTROPHES = glyphs(lambda row: row.apostrophe)  # '‘’`´ʼ
# The typographer's apostrophes, which `fold_apostrophes` makes straight.
TYPOGRAPHIC_APOSTROPHES = glyphs(lambda row: row.apostrophe and row.shape in ("comma", "letter"))  # ‘’ʼ
# The apostrophes that are not letters: ʼ counts as a letter to `\w`, so a tokenizer of words keeps
# it inside a name ("Oʼbrien") and a folder that drops these characters first never sees it.
NON_LETTER_APOSTROPHES = glyphs(lambda row: row.apostrophe and row.kind != "letter")  # '‘’`´

_STRAIGHTEN = str.maketrans({glyph: "'" for glyph in TYPOGRAPHIC_APOSTROPHES})


def fold_apostrophes(text: str) -> str:
    """`text` with every typographic apostrophe (’ ‘ ʼ) made straight."""
    return text.translate(_STRAIGHTEN)
