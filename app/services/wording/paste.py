"""Reading a pasted quote: enclosing quote marks, an attribution pasted with it, omissions and insertions."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from app.services.wording.words import Word, fold, words_in
from nlp.vocabulary.marks import APOSTROPHE_SHAPED_SINGLES, NEVER_APOSTROPHES
from nlp.vocabulary.names import PASTED_NAME_PARTICLES

# A quote check is about a quote: longer pastes are refused (alignment time grows with their length).
MAX_PASTE_CHARACTERS = 20_000
MAX_PASTE_WORDS = 400

# Editorial notes in brackets that stand for no source words.
BRACKET_ANNOTATIONS = frozenset({"sic", "emphasis added", "emphasis mine", "emphasis in original", "sic!"})
# An ellipsis in any of the forms people type, bracketed ellipses included: "...", ". . .", "…", "[...]".
ELLIPSIS = r"[\[(]\s*(?:\.\s?){3,}\s*[\])]|[\[(]\s*…\s*[\])]|\.(?:\s?\.){2,}|…"
PASTE_MARK = re.compile(rf"(?P<gap>{ELLIPSIS})|(?P<bracket>\[[^\[\]]*\])")

# Marks stripped from the ends of a paste freely (they are never apostrophes), and single marks
# shaped like apostrophes, stripped only as a pair ("'90s", "Jones'").
DOUBLE_QUOTE_MARKS = NEVER_APOSTROPHES
SINGLE_QUOTE_MARKS = APOSTROPHE_SHAPED_SINGLES

# Verbs that turn a name into an attribution when people paste "..., Putin said".
ATTRIBUTION_CUES = (
    r"said|says|say|told|tells|stated|states|added|adds|declared|declares|claimed|claims|wrote|writes|"
    r"tweeted|tweets|posted|posts|insisted|insists|argued|argues|warned|warns|explained|explains|"
    r"noted|notes|remarked|announced|announces"
)
NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:" + "|".join(PASTED_NAME_PARTICLES) + r")(?:-[\w'’-]+)?)"
NAME = rf"[A-Z][\w'’.-]*(?:\s+{NAME_WORD}){{0,5}}"
PRONOUN = r"(?:he|she|they|we|I|He|She|They|We)"
# What can stand outside the quote marks of a pasted quote, fully or after a closing quote mark.
ATTRIBUTION_AFTER = re.compile(
    rf"^(?:[-—–]\s*(?P<dash>{NAME})|(?P<name>{NAME}|{PRONOUN})\s+(?:has\s+|had\s+)?(?:{ATTRIBUTION_CUES})\b.*"
    rf"|(?:{ATTRIBUTION_CUES})\s+(?P<late>{NAME})\b.*|according\s+to\s+(?P<according>{NAME}))$"
)
# Without quote marks only a tight "..., NAME said" ending is taken as attribution.
ATTRIBUTION_TAIL = re.compile(
    rf"^(?P<quote>.+?)\s*[,;]\s*(?:(?P<name>{NAME}|{PRONOUN})\s+(?:{ATTRIBUTION_CUES})"
    rf"|(?:{ATTRIBUTION_CUES})\s+(?P<late>{NAME}))[.!]?$"
)
ATTRIBUTION_BEFORE = re.compile(rf"^(?P<name>{NAME})(?:\s+(?:{ATTRIBUTION_CUES}))?\s*:\s*(?P<quote>.+)$")


class PasteError(ValueError):
    """The pasted text cannot be checked; the message says what to paste instead."""


@dataclass(slots=True)
class PasteToken:
    """One aligned unit of a paste: a word, or a bracketed insertion standing for any source words."""

    kind: str  # "word" | "bracket"
    words: list[Word]
    text: str  # the word, or the bracket with its brackets: "[the deal]"
    start: int
    end: int
    gap_after: bool = False  # an ellipsis follows: source words may be left out here at no cost


@dataclass(slots=True)
class PastedQuote:
    """What a person pasted, read: the quote's words, its marked omissions and insertions, any attribution."""

    raw: str
    content: str  # the quote itself, offsets of tokens point here
    tokens: list[PasteToken]
    speaker_in_text: str | None = None  # "Putin" from `"...," Putin said`
    notes: list[str] = field(default_factory=list)

    @property
    def literal_words(self) -> list[Word]:
        return [token.words[0] for token in self.tokens if token.kind == "word"]

    @property
    def all_words(self) -> list[Word]:
        return [word for token in self.tokens for word in token.words]


def _strip_enclosing_quotes(text: str) -> str:
    """Remove the quote marks around a whole paste (curly, straight, guillemets); apostrophes stay."""
    stripped = text.strip()
    while True:
        before = stripped
        stripped = stripped.lstrip(DOUBLE_QUOTE_MARKS + " ").rstrip(DOUBLE_QUOTE_MARKS + " ")
        # `"...symbolic".`: the closing mark may sit before the final full stop.
        if len(stripped) > 1 and stripped[-1] in ".,!?;:" and stripped[-2] in DOUBLE_QUOTE_MARKS:
            stripped = stripped[:-2].rstrip() + stripped[-1]
        # Single quote marks are apostrophes too ("'90s", "Jones'"): strip them only as a pair.
        if len(stripped) > 1 and stripped[0] in SINGLE_QUOTE_MARKS and stripped[-1] in SINGLE_QUOTE_MARKS:
            stripped = stripped[1:-1].strip()
        if stripped == before:
            return stripped


NOT_A_QUOTE_MARK = "[^" + re.escape(DOUBLE_QUOTE_MARKS) + "]"
QUOTE_MARK = "[" + re.escape(DOUBLE_QUOTE_MARKS) + "]"
QUOTED_THEN_ATTRIBUTION = re.compile(
    rf"^{QUOTE_MARK}(?P<quote>.+){QUOTE_MARK}\s*[,.;:!?]?\s*(?P<rest>{NOT_A_QUOTE_MARK}+)$")
ATTRIBUTION_THEN_QUOTED = re.compile(
    rf"^(?P<rest>{NOT_A_QUOTE_MARK}+?)\s*[:,]\s*{QUOTE_MARK}(?P<quote>.+){QUOTE_MARK}[.!]?$")
ATTRIBUTION_LEAD = re.compile(rf"^(?P<name>{NAME}|{PRONOUN})(?:\s+(?:has\s+|had\s+)?(?:{ATTRIBUTION_CUES}))?$")


def _split_attribution(text: str) -> tuple[str, str | None, str | None]:
    """Split `"quote," Putin said` / `Putin: quote` / `quote, Putin said` into (quote, speaker, attribution)."""
    quoted = QUOTED_THEN_ATTRIBUTION.match(text)
    if quoted:
        rest = quoted.group("rest").strip().rstrip(".!")
        found = ATTRIBUTION_AFTER.match(rest)
        if found:
            return quoted.group("quote"), _attributed_name(found), rest
    quoted = ATTRIBUTION_THEN_QUOTED.match(text)
    if quoted:
        rest = quoted.group("rest").strip()
        found = ATTRIBUTION_LEAD.match(rest)
        if found:
            return quoted.group("quote"), _attributed_name(found), rest
    if not re.search(QUOTE_MARK, text):
        found = ATTRIBUTION_BEFORE.match(text)
        if found:
            return found.group("quote"), found.group("name"), found.group("name")
        found = ATTRIBUTION_TAIL.match(text)
        if found:
            return found.group("quote"), _attributed_name(found), text[len(found.group("quote")):].strip(" ,;.!")
    return text, None, None


def _attributed_name(found: re.Match) -> str | None:
    for group in ("dash", "name", "late", "according"):
        name = found.groupdict().get(group)
        if name and not re.fullmatch(PRONOUN, name):
            return name
    return None


def read_paste(text: str) -> PastedQuote:
    """Read a pasted quote: strip enclosing quote marks and attribution, find omissions and insertions."""
    raw = text
    if len(text) > MAX_PASTE_CHARACTERS:
        raise PasteError(f"The pasted text is {len(text):,} characters long; a quote check takes at most "
                         f"{MAX_PASTE_CHARACTERS:,}. Paste the quote, not the article.")
    collapsed = " ".join(unicodedata.normalize("NFC", text).split())
    if not collapsed:
        raise PasteError("Nothing to check: paste the words of the quote.")
    notes: list[str] = []
    quote, speaker, attribution = _split_attribution(collapsed)
    if attribution is not None:
        notes.append(f'attribution in the pasted text, not checked as quote words: "{attribution}"')
    content = _strip_enclosing_quotes(quote)
    tokens, fragment = _paste_tokens(content, notes)
    if not any(token.kind == "word" for token in tokens):
        raise PasteError("Nothing to check: the pasted text has no words outside brackets.")
    if len(tokens) > MAX_PASTE_WORDS:
        raise PasteError(f"The pasted text has {len(tokens):,} words; a quote check takes at most "
                         f"{MAX_PASTE_WORDS:,}. Paste the quote, not the article.")
    if fragment:
        notes.append("an ellipsis at the start or end of the quote only marks that it is a fragment")
    return PastedQuote(raw=raw, content=content, tokens=tokens, speaker_in_text=speaker, notes=notes)


def _paste_tokens(content: str, notes: list[str]) -> tuple[list[PasteToken], bool]:
    """The words and bracketed insertions of a quote, each word marked when an ellipsis follows it, and
    whether an ellipsis opens or closes the quote. Editorial notes ("[sic]") are dropped, with a note."""
    tokens: list[PasteToken] = []
    leading_gap = trailing_gap = False
    position = 0

    def add_words(segment_start: int, segment_end: int) -> None:
        for word in words_in(content, [(segment_start, segment_end)]):
            tokens.append(PasteToken("word", [word], word.text, word.start, word.end))

    for mark in PASTE_MARK.finditer(content):
        add_words(position, mark.start())
        position = mark.end()
        if mark.group("gap"):
            if tokens:
                tokens[-1].gap_after = True
            else:
                leading_gap = True
            continue
        inner = mark.group("bracket")[1:-1]
        inner_words = words_in(content, [(mark.start() + 1, mark.end() - 1)])
        if not inner_words:
            continue
        if " ".join(fold(word.text) for word in inner_words).rstrip("!") in BRACKET_ANNOTATIONS:
            notes.append(f'editorial note "[{inner.strip()}]" ignored')
            continue
        tokens.append(PasteToken("bracket", inner_words, mark.group("bracket"), mark.start(), mark.end()))
    add_words(position, len(content))
    if tokens and tokens[-1].gap_after:
        tokens[-1].gap_after = False
        trailing_gap = True
    return tokens, leading_gap or trailing_gap
