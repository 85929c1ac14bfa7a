"""Repair mojibake (UTF-8 text that was once read as cp1252 or Latin-1) and map offsets between the texts."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

# A mis-read UTF-8 byte becomes the cp1252 character of that byte; the five bytes cp1252 leaves
# undefined (and, through Latin-1, every byte 0x80-0x9F) become the C1 control of the same number.
_BYTE_OF: dict[str, int] = {chr(byte): byte for byte in range(0x80, 0x100)}
for _byte in range(0x80, 0xA0):
    try:
        _BYTE_OF[bytes([_byte]).decode("cp1252")] = _byte
    except UnicodeDecodeError:
        pass
# Text that was decomposed (NFD) after the damage spells "Ã" as "A" and a combining tilde: PolNeAR's
# Washington Post texts read "SarukhA\u0303\x83A\u0302¡n".
for _char, _byte in list(_BYTE_OF.items()):
    _BYTE_OF.setdefault(unicodedata.normalize("NFD", _char), _byte)

# Some corpora (PolNeAR among them) were NFKC-normalised after the damage, which folds some continuation
# characters into ordinary text: "ª" to "a", "º" to "o", "³" to "3", "¨" to a space and a combining
# diaeresis, a no-break space to a space. After "Ã" or "Â" (the leads of U+0080-U+00FF) these folded
# forms are read back as their byte, but only inside a lowercase word (see _plausible).
_FOLDED_CONTINUATIONS: dict[str, int] = {}
for _char, _byte in list(_BYTE_OF.items()):
    _folded = unicodedata.normalize("NFKC", _char)
    if 0x80 <= _byte <= 0xBF and _folded not in _BYTE_OF and (_folded.isprintable() or _folded.startswith(" ")):
        _FOLDED_CONTINUATIONS.setdefault(_folded, _byte)
# A space followed by a combining mark is never correct text, so that fold needs no word around it.
_SPACED_COMBINING = frozenset(folded for folded in _FOLDED_CONTINUATIONS
                              if len(folded) == 2 and folded[0] == " " and unicodedata.combining(folded[1]))

# Continuation bytes (0x80-0xBF) as characters, split by what they look like in correct text: cp1252's
# 0x80-0x9F (quotes, dashes, ellipsis, bullet, a few letters: they do follow a word in correct text), C1
# controls (never in correct text) and Latin-1 symbols 0xA0-0xBF ("©", "¡", "»": never glued to a capital).
_PUNCTUATION_CONTINUATIONS = frozenset(
    form for form, byte in _BYTE_OF.items() if 0x80 <= byte <= 0x9F and unicodedata.category(form[0]) != "Cc")
# Punctuation that ends a word in correct text ("CAFÉ”", “Ã”): a lone sequence ending in one of these is
# only repaired when a letter follows it or a lowercase letter comes before it.
_CLOSING_PUNCTUATION = frozenset("’”›…–—•™")


def _alternatives(forms: list[str]) -> str:
    # One character class for the single characters keeps the patterns fast; longer forms come first.
    longer = [re.escape(form) for form in sorted((form for form in forms if len(form) > 1), key=len, reverse=True)]
    singles = "".join(sorted(form for form in forms if len(form) == 1))
    return "(?:" + "|".join(longer + ([f"[{re.escape(singles)}]"] if singles else [])) + ")"


def _forms(low: int, high: int) -> str:
    return _alternatives([form for form, byte in _BYTE_OF.items() if low <= byte <= high])


_CONT = _forms(0x80, 0xBF)
_FOLDED = _alternatives(list(_FOLDED_CONTINUATIONS))
# One UTF-8 sequence as its mis-read characters: a lead (0xC2-0xDF, 0xE0-0xEF, 0xF0-0xF4 as Latin-1
# letters) and as many continuation characters as the lead announces.
_SEQUENCE = (f"(?:{_forms(0xC2, 0xC3)}{_FOLDED}|{_forms(0xC2, 0xDF)}{_CONT}|{_forms(0xE0, 0xEF)}{_CONT}{{2}}"
             f"|{_forms(0xF0, 0xF4)}{_CONT}{{3}})")
_SEQUENCE_PATTERN = re.compile(_SEQUENCE)
_RUN_PATTERN = re.compile(f"(?:{_SEQUENCE})+")
_FORM_PATTERN = re.compile(_alternatives(list(_BYTE_OF) + list(_FOLDED_CONTINUATIONS)))
# The fast pre-check: correct text almost never holds a lead letter (or, decomposed, its combining mark)
# right before a continuation character.
_SUSPECT = re.compile(f"[\u00c2-\u00f4\u0300-\u036f]{_CONT}|{_forms(0xC2, 0xC3)}{_FOLDED}")

# Code points a two-byte sequence may decode to: Latin-1 letters and symbols, Latin Extended-A/B,
# combining diacritics, Greek, Cyrillic, Armenian, Hebrew, Arabic. IPA letters and spacing modifiers
# (what "É”" or "Ê¼" would become) are not news text.
_TWO_BYTE_PLAUSIBLE = ((0x00A0, 0x024F), (0x0300, 0x036F), (0x0370, 0x06FF))
_IMPLAUSIBLE_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})

# Each pass undoes one round of damage; PolNeAR holds text broken twice, and a third pass costs nothing
# on text that the second left clean.
MAX_PASSES = 3


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Character offsets between a repaired text and its original, exact in both directions.

    Every repaired character that differs from the original stands for a stretch of original characters
    (one mis-read sequence); everywhere else the texts agree character for character, shifted.
    """

    # (original start, original end, repaired start, repaired end) of each replaced stretch, in order.
    segments: tuple[tuple[int, int, int, int], ...] = ()
    _original_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _repaired_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def of(cls, segments: list[tuple[int, int, int, int]]) -> OffsetMap:
        return cls(tuple(segments), tuple(segment[0] for segment in segments),
                   tuple(segment[2] for segment in segments))

    @property
    def identity(self) -> bool:
        return not self.segments

    def to_original(self, offset: int, *, end: bool = False) -> int:
        """The original offset of a repaired one; inside a replaced stretch, its start (or end, for `end`)."""
        return self._map(offset, self._repaired_starts, source=2, target=0, end=end)

    def to_repaired(self, offset: int, *, end: bool = False) -> int:
        """The repaired offset of an original one; an offset inside a mis-read sequence goes to the start of
        the character it became (or its end, for `end`), so a span never loses part of a character."""
        return self._map(offset, self._original_starts, source=0, target=2, end=end)

    def span_to_repaired(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.to_repaired(span[0]), self.to_repaired(span[1], end=True)

    def span_to_original(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.to_original(span[0]), self.to_original(span[1], end=True)

    def _map(self, offset: int, starts: tuple[int, ...], *, source: int, target: int, end: bool) -> int:
        index = bisect_right(starts, offset) - 1
        if index < 0:
            return offset
        segment = self.segments[index]
        if offset == segment[source]:
            return segment[target]
        if offset < segment[source + 1]:
            return segment[target + 1] if end else segment[target]
        return offset - segment[source + 1] + segment[target + 1]


@dataclass(frozen=True, slots=True)
class RepairedText:
    """A text with its mis-read UTF-8 repaired, and the offset map back to the text as it came."""

    text: str
    offsets: OffsetMap

    @property
    def changed(self) -> bool:
        return not self.offsets.identity


def repair_encoding(text: str) -> RepairedText:
    """Undo UTF-8 read as cp1252/Latin-1 ("SarukhÃ¡n" -> "Sarukhán", "â€œ" -> "“"), as often as it was done.

    Only runs that decode as UTF-8 into characters more plausible than what is written are replaced, so
    correct text in any language (a Portuguese "SÃO", a quoted “Ã”, CJK, emoji) comes back unchanged.
    Clean text costs one regular-expression scan.
    """
    if text.isascii() or not _SUSPECT.search(text):
        return RepairedText(text, OffsetMap())
    current = text
    # Each character of `current` as the stretch of `text` it comes from: [starts[i], ends[i]).
    starts: list[int] = list(range(len(text)))
    ends: list[int] = list(range(1, len(text) + 1))
    for _ in range(MAX_PASSES):
        repaired = _one_pass(current, starts, ends)
        if repaired is None:
            break
        current, starts, ends = repaired
    if current == text:
        return RepairedText(text, OffsetMap())
    segments = [(start, end, index, index + 1) for index, (start, end) in enumerate(zip(starts, ends, strict=True))
                if end - start != 1]
    return RepairedText(current, OffsetMap.of(segments))


def _one_pass(text: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]] | None:
    """One round of repair: the new text with each character's original stretch, or None if nothing changed."""
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    copied = 0
    for run in _RUN_PATTERN.finditer(text):
        before = text[run.start() - 1] if run.start() else ""
        after = text[run.end()] if run.end() < len(text) else ""
        sequences = list(_SEQUENCE_PATTERN.finditer(text, run.start(), run.end()))
        previous = ""  # the character the run's previous sequence became, if it was repaired
        for sequence in sequences:
            found = _decoded(sequence.group())
            if found is None:
                previous = ""
                continue
            decoded, forms = found
            # Text broken twice holds C1 controls between rounds ("č" -> "Ä\x8d" -> "Ã„Â\x8d"): one right
            # after a lead letter this pass made is the next pass's continuation byte.
            pending_continuation = 0x80 <= ord(decoded) <= 0x9F and "\u00c2" <= previous <= "\u00f4"
            if not pending_continuation and not _plausible(forms, decoded, before=before, after=after,
                                                           alone=len(sequences) == 1):
                previous = ""
                continue
            previous = decoded
            pieces.append(text[copied:sequence.start()])
            new_starts.extend(starts[copied:sequence.start()])
            new_ends.extend(ends[copied:sequence.start()])
            pieces.append(decoded)
            new_starts.append(starts[sequence.start()])
            new_ends.append(ends[sequence.end() - 1])
            copied = sequence.end()
    if not pieces:
        return None
    pieces.append(text[copied:])
    new_starts.extend(starts[copied:])
    new_ends.extend(ends[copied:])
    return "".join(pieces), new_starts, new_ends


def _decoded(sequence: str) -> tuple[str, list[str]] | None:
    """The one character a mis-read sequence stands for and the sequence's forms (lead, continuations),
    or None when its bytes are not valid UTF-8."""
    forms = _FORM_PATTERN.findall(sequence)
    if "".join(forms) != sequence:  # a spelling the forms do not cover exactly: leave it as written
        return None
    data = bytes(_BYTE_OF[form] if form in _BYTE_OF else _FOLDED_CONTINUATIONS[form] for form in forms)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:  # overlong forms, surrogates, code points past U+10FFFF
        return None
    return (decoded, forms) if len(decoded) == 1 else None


def _plausible(forms: list[str], decoded: str, *, before: str, after: str, alone: bool) -> bool:
    """Whether `decoded` is a likelier reading than its mis-read `forms`, given the characters around its run
    and whether the run holds only this sequence (two mis-read sequences in a row are evidence enough)."""
    if unicodedata.category(decoded) in _IMPLAUSIBLE_CATEGORIES:
        return False
    if len(forms) >= 3:  # three- and four-byte sequences
        # A CJK character glued to a Latin word ("café…”" would read "caf酔") is not a repair.
        latin_neighbour = (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
        return not (decoded.isalpha() and ord(decoded) > 0x024F and latin_neighbour)
    code_point = ord(decoded)
    if not any(low <= code_point <= high for low, high in _TWO_BYTE_PLAUSIBLE):
        return False
    # Past the Latin-1 symbols ("Â£" is "£") a two-byte sequence stands for a letter or an accent: "ÖŠ" in
    # a list of Swedish and Czech capitals is not the Armenian hyphen it would decode to.
    if _BYTE_OF[forms[0]] != 0xC2 and unicodedata.category(decoded)[0] not in "LM" and decoded not in "×÷":
        return False
    # Greek, Cyrillic, Hebrew or Arabic glued to a Latin word is not a repair either.
    if code_point >= 0x0370 and ((before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())):
        return False
    if unicodedata.combining(decoded) and not before.isalpha():
        return False
    continuation = forms[1]
    if continuation not in _BYTE_OF:
        # "Ã" then "a" or "3" is mis-read text only inside a lowercase word ("d'Ãatre", "RaÃol"); "Ã" then a
        # space only at the end of one ("voilÃ  " is "voilà", "KÃ rner" is not "Kàrner").
        if continuation in _SPACED_COMBINING:
            return True
        return before.islower() if continuation == " " else before.islower() or after.islower()
    if continuation in _PUNCTUATION_CONTINUATIONS and alone:
        # A capital followed by a quote or dash is correct text at a word's end (“Ã”, "IRMÃ”").
        # Inside a lowercase word it is mis-read text all the same ("siÄ™ " is Polish "się ").
        if continuation in _CLOSING_PUNCTUATION:
            return after.isalpha() or before.islower()
        return before.isalpha() or after.isalpha()
    return True
