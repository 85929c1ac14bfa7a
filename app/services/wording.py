"""Compare a pasted quote with source text word by word: read what people paste, align it, and name every difference."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

# The verdict ladder, most trustworthy first.
VERDICTS = ("verbatim", "elided", "minor", "altered", "paraphrase", "not_found")

# An alignment whose word overlap (Dice: 2·shared / (pasted + source words)) is below this is not
# the same quote with changes any more; it may still be a paraphrase.
ALTERED_MIN_SCORE = 0.6
# Fewer shared words than this (or than the pasted words, for very short pastes) is chance overlap,
# and so is sharing only function words ("a", "to") with fewer content words than this.
ALTERED_MIN_SHARED_WORDS = 3
ALTERED_MIN_SHARED_CONTENT_WORDS = 2
# A paraphrase shares most of the pasted content words (and the passage most of its own with the
# paste) but little of its exact wording.
PARAPHRASE_MIN_CONTENT_SHARE = 0.6
PARAPHRASE_MIN_PASSAGE_SHARE = 0.5
PARAPHRASE_MIN_CONTENT_WORDS = 4
# "Same sense" is a guess from shared content words, never more than this sure.
PARAPHRASE_MAX_CONFIDENCE = 0.5

# Alignment costs. A changed word costs as much as a dropped plus an added one, so the alignment
# keeps every word the paste shares with the source (the longest common subsequence): "Palmyra is
# purely symbolic" for "The issue of Palmyra, I think, is purely symbolic" keeps "Palmyra" and
# drops "I think", rather than changing "think" into "Palmyra".
ADD_OR_DROP_COST = 1.0
CHANGE_COST = 2.0
# Two different words this similar (rapidfuzz ratio) are aligned as a changed spelling rather than
# as an unrelated word: "assitance" / "assistance". They still count as a change.
SPELLING_SIMILARITY = 80
SPELLING_SUBSTITUTION_COST = 1.0
# A bracketed insertion may stand for any number of source words; the tiny cost per word makes the
# alignment prefer the shortest stand-in when several are equally good.
BRACKET_WORD_COST = 0.01
# Long sources (an article printed as one paragraph) are aligned in the window around the densest
# cluster of pasted words, keeping the alignment cost bounded.
MAX_ALIGNED_SOURCE_WORDS = 400
# An opening bracket ("[The plan] is ...") stands for at most this many words before the first
# aligned one, back to the start of the clause ("It is ...").
LEADING_BRACKET_MAX_WORDS = 5
CLAUSE_MARKS = ".!?;:\"“”«»()—–"
# A single pasted word the alignment could not place is looked for this many source words around
# the aligned span ("Palmyra is purely symbolic": "Palmyra" sits three words before "is").
MOVED_WORD_REACH = 8
MOVED_STOPWORD_REACH = 2

# A quote check is about a quote: longer pastes are refused (alignment time grows with their length).
MAX_PASTE_CHARACTERS = 20_000
MAX_PASTE_WORDS = 400

WORD_PATTERN = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)+|\w+(?:['’‘ʼ]\w+)*")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

# Editorial notes in brackets that stand for no source words.
BRACKET_ANNOTATIONS = frozenset({"sic", "emphasis added", "emphasis mine", "emphasis in original", "sic!"})
# An ellipsis in any of the forms people type, bracketed ellipses included: "...", ". . .", "…", "[...]".
ELLIPSIS = r"[\[(]\s*(?:\.\s?){3,}\s*[\])]|[\[(]\s*…\s*[\])]|\.(?:\s?\.){2,}|…"
PASTE_MARK = re.compile(rf"(?P<gap>{ELLIPSIS})|(?P<bracket>\[[^\[\]]*\])")

DOUBLE_QUOTE_MARKS = "\"“”„‟«»‹›「」『』〝〞＂"
SINGLE_QUOTE_MARKS = "'‘’‚‛"

NEGATIONS = frozenset({
    "not", "no", "never", "nor", "neither", "nobody", "nothing", "none", "nowhere", "cannot", "without",
})

STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves also said says say told tell according mr mrs ms dr
""".split())

# Verbs that turn a name into an attribution when people paste "..., Putin said".
ATTRIBUTION_CUES = (
    r"said|says|say|told|tells|stated|states|added|adds|declared|declares|claimed|claims|wrote|writes|"
    r"tweeted|tweets|posted|posts|insisted|insists|argued|argues|warned|warns|explained|explains|"
    r"noted|notes|remarked|announced|announces"
)
NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|de|da|van|von|der|del|la|le|du|dos|di)(?:-[\w'’-]+)?)"
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


def fold(word: str) -> str:
    """The form two words are compared in: case-, accent-, apostrophe- and digit-grouping-folded."""
    decomposed = unicodedata.normalize("NFKD", word.translate(APOSTROPHES))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    if folded[:1].isdigit():
        folded = folded.replace(",", "")
    return folded


def is_negation(folded: str) -> bool:
    return folded in NEGATIONS or folded.endswith("n't")


def content_stem(folded: str) -> str:
    """A crude stem so "thinks" / "think" and "terrorists" / "terrorist" count as the same content word."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(folded) > len(suffix) + 3 and folded.endswith(suffix):
            return folded[: -len(suffix)]
    return folded


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text, with its offsets and the punctuation that follows it before the next word."""

    text: str
    folded: str
    start: int
    end: int
    trail: str  # non-space characters between this word and the next one
    trail_end: int  # offset just past the last of those characters (== end when there are none)
    last_in_range: bool  # the trail ends at a range edge (a quote part, a paste segment), so it is not compared


def words_in(text: str, ranges: list[tuple[int, int]] | None = None) -> list[Word]:
    """The words of `text` (or of its `ranges`), offsets into `text`."""
    words: list[Word] = []
    for range_start, range_end in ranges if ranges is not None else [(0, len(text))]:
        found = list(WORD_PATTERN.finditer(text, range_start, range_end))
        for index, match in enumerate(found):
            last = index + 1 == len(found)
            following = text[match.end():range_end if last else found[index + 1].start()]
            trail = "".join(following.split())
            words.append(Word(
                text=match.group(),
                folded=fold(match.group()),
                start=match.start(),
                end=match.end(),
                trail=trail,
                trail_end=match.end() + len(following.rstrip()) if trail else match.end(),
                last_in_range=last,
            ))
    return words


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
    if not any(token.kind == "word" for token in tokens):
        raise PasteError("Nothing to check: the pasted text has no words outside brackets.")
    if len(tokens) > MAX_PASTE_WORDS:
        raise PasteError(f"The pasted text has {len(tokens):,} words; a quote check takes at most "
                         f"{MAX_PASTE_WORDS:,}. Paste the quote, not the article.")
    if leading_gap or trailing_gap:
        notes.append("an ellipsis at the start or end of the quote only marks that it is a fragment")
    return PastedQuote(raw=raw, content=content, tokens=tokens, speaker_in_text=speaker, notes=notes)


# --- alignment -----------------------------------------------------------------------------------

DIAGONAL, UP, LEFT = 1, 2, 3


@dataclass(frozen=True, slots=True)
class Step:
    """One alignment step: a paste token against a source word, or either alone."""

    op: str  # "match" | "replace" | "insert" | "delete" | "omit" | "bracket"
    token: int | None  # index into the paste tokens
    word: int | None  # index into the source words


def _spelling_costs(tokens: list[PasteToken], words: list[Word]) -> dict[tuple[str, str], float]:
    """Substitution costs for pairs of different but similar words (found with rapidfuzz, once per pair)."""
    pasted = sorted({token.words[0].folded for token in tokens if token.kind == "word"})
    source = sorted({word.folded for word in words if len(word.folded) >= 4})
    costs: dict[tuple[str, str], float] = {}
    for pasted_word in pasted:
        if len(pasted_word) < 4:
            continue
        for source_word, _score, _index in process.extract(
                pasted_word, source, scorer=fuzz.ratio, score_cutoff=SPELLING_SIMILARITY, limit=None):
            if source_word != pasted_word:
                costs[(pasted_word, source_word)] = SPELLING_SUBSTITUTION_COST
    return costs


def _window(tokens: list[PasteToken], words: list[Word]) -> tuple[int, int]:
    """The source word range to align: all of it, or the best cluster of pasted words in a long source.

    Each pasted word found counts 1/(its frequency in the source), so a name repeated all over an
    article ("Palmyra" in every related-links line) does not pull the window away from the rarer
    words of the quote.
    """
    if len(words) <= MAX_ALIGNED_SOURCE_WORDS:
        return 0, len(words)
    pasted = {word.folded for token in tokens for word in token.words} - STOPWORDS
    frequency: dict[str, int] = {}
    for word in words:
        if word.folded in pasted:
            frequency[word.folded] = frequency.get(word.folded, 0) + 1
    has_gaps = any(token.gap_after for token in tokens)
    width = min(len(words), (10 * len(tokens) + 100) if has_gaps else (3 * len(tokens) + 40))
    weights = [1.0 / frequency[word.folded] if word.folded in frequency else 0.0 for word in words]
    running = sum(weights[:width])
    best, best_start = running, 0
    for start in range(1, len(words) - width + 1):
        running += weights[start + width - 1] - weights[start - 1]
        if running > best + 1e-9:
            best, best_start = running, start
    return best_start, best_start + width


def align(tokens: list[PasteToken], words: list[Word]) -> tuple[list[Step], float]:
    """Semi-global word alignment: the paste is aligned whole, the source only where it matches.

    Edit costs: a changed, added or dropped word costs 1; a dropped word right after an ellipsis
    costs nothing (a marked omission); a bracketed insertion stands for any run of source words.
    """
    window_start, window_end = _window(tokens, words)
    source = [word.folded for word in words[window_start:window_end]]
    spelling = _spelling_costs(tokens, words[window_start:window_end])
    rows, columns = len(tokens), len(source)
    previous = [0.0] * (columns + 1)  # free start: the quote may begin anywhere in the source
    back: list[bytearray] = [bytearray(columns + 1)]
    for row in range(1, rows + 1):
        token = tokens[row - 1]
        current = [0.0] * (columns + 1)
        pointers = bytearray(columns + 1)
        if token.kind == "bracket":
            current[0], pointers[0] = previous[0], UP
            for column in range(1, columns + 1):
                up, left = previous[column], current[column - 1] + BRACKET_WORD_COST
                if up <= left:
                    current[column], pointers[column] = up, UP
                else:
                    current[column], pointers[column] = left, LEFT
        else:
            pasted = token.words[0].folded
            skip = 0.0 if token.gap_after else ADD_OR_DROP_COST
            current[0], pointers[0] = previous[0] + ADD_OR_DROP_COST, UP
            for column in range(1, columns + 1):
                source_word = source[column - 1]
                if source_word == pasted:
                    best, pointer = previous[column - 1], DIAGONAL
                else:
                    best, pointer = previous[column - 1] + spelling.get((pasted, source_word), CHANGE_COST), DIAGONAL
                up = previous[column] + ADD_OR_DROP_COST
                if up < best:
                    best, pointer = up, UP
                left = current[column - 1] + skip
                if left < best:
                    best, pointer = left, LEFT
                current[column], pointers[column] = best, pointer
        back.append(pointers)
        previous = current
    # Free end: the quote may stop anywhere. Among equally good ends, one where the last pasted word
    # is aligned with a source word ("investors" for "developers": a changed word, not an added one),
    # then the first, which keeps the span tight.
    column = min(range(columns + 1),
                 key=lambda index: (previous[index], back[rows][index] != DIAGONAL, index))
    cost = previous[column]
    steps: list[Step] = []
    row = rows
    while row > 0:
        pointer = back[row][column]
        token = tokens[row - 1]
        if pointer == DIAGONAL:
            word_index = window_start + column - 1
            op = "match" if source[column - 1] == token.words[0].folded else "replace"
            steps.append(Step(op, row - 1, word_index))
            row, column = row - 1, column - 1
        elif pointer == UP:
            steps.append(Step("bracket" if token.kind == "bracket" else "insert", row - 1, None))
            row -= 1
        else:
            word_index = window_start + column - 1
            if token.kind == "bracket":
                steps.append(Step("bracket", row - 1, word_index))
            elif token.gap_after:
                steps.append(Step("omit", row - 1, word_index))  # the token whose ellipsis marks it
            else:
                steps.append(Step("delete", None, word_index))
            column -= 1
    steps.reverse()
    return steps, cost


def _with_changed_ends(tokens: list[PasteToken], words: list[Word], steps: list[Step]) -> list[Step]:
    """Read one added content word at either end of the quote as a change of the source word beside it.

    The alignment's free ends make "a gift to investors" end at "to" with "investors" added, though
    the source goes on "a gift to developers": a lone last (or first) content word next to a content
    word of the same clause is a changed word.
    """
    aligned = [step.word for step in steps if step.word is not None]
    if not aligned:
        return steps
    if (len(steps) >= 2 and steps[-1].op == "insert" and steps[-2].op != "insert"
            and tokens[steps[-1].token].words[0].folded not in STOPWORDS):
        last = words[max(aligned)]
        following = max(aligned) + 1
        if (following < len(words) and not last.last_in_range and not any(mark in last.trail for mark in CLAUSE_MARKS)
                and words[following].folded not in STOPWORDS):
            steps = steps[:-1] + [Step("replace", steps[-1].token, following)]
    if (len(steps) >= 2 and steps[0].op == "insert" and steps[1].op != "insert"
            and tokens[steps[0].token].words[0].folded not in STOPWORDS):
        preceding = min(aligned) - 1
        if (preceding >= 0 and not words[preceding].last_in_range
                and not any(mark in words[preceding].trail for mark in CLAUSE_MARKS)
                and words[preceding].folded not in STOPWORDS):
            steps = [Step("replace", steps[0].token, preceding)] + steps[1:]
    return steps


# --- comparison ----------------------------------------------------------------------------------

@dataclass(slots=True)
class Comparison:
    """How a paste differs from one stretch of source text, and the verdict that follows."""

    verdict: str  # one of VERDICTS; "not_found" when the overlap is chance
    score: float  # 0..1 word overlap (Dice) counting moved words as shared
    start: int | None  # source span, offsets into the source text
    end: int | None
    shared_words: int
    diff: list[dict]
    changes: list[str]

    @property
    def found(self) -> bool:
        return self.verdict in VERDICTS[:4]


def _quote(text: str) -> str:
    return f'"{text}"'


def compare(paste: PastedQuote, text: str, words: list[Word]) -> Comparison:
    """Align `paste` against `words` of `text` and name the verdict, span, word diff and changes."""
    if not words:
        return Comparison("not_found", 0.0, None, None, 0, [], [])
    tokens = paste.tokens
    steps, _cost = align(tokens, words)
    steps = _with_moves(tokens, words, _with_leading_bracket(tokens, words, steps))
    steps = _with_changed_ends(tokens, words, steps)

    # Single words moved rather than changed: a word the paste adds that the source drops nearby.
    # Only content words count: "the" and "to" turn up on both sides by chance.
    added = [tokens[step.token].words[0].folded for step in steps if step.op in ("insert", "replace")]
    remaining = [words[step.word].folded for step in steps if step.op in ("delete", "replace")]
    moved_words = [step for step in steps if step.op == "move"]
    moved: list[str] = []
    for word in added:
        if word in remaining and word not in STOPWORDS:
            remaining.remove(word)
            moved.append(word)

    aligned_source = [step.word for step in steps if step.word is not None]
    if not aligned_source:
        return Comparison("not_found", 0.0, None, None, 0, [], [])
    start, end = words[min(aligned_source)].start, words[max(aligned_source)].end
    shared = sum(step.op == "match" for step in steps) + len(moved_words) + len(moved)
    pasted_count = sum(token.kind == "word" for token in tokens)
    source_count = sum(step.op in ("match", "replace", "delete", "move") for step in steps)
    score = 2 * shared / (pasted_count + source_count)

    diff, changes = _diff(paste, text, words, steps)
    if moved:
        changes.append("word order changed: " + ", ".join(_quote(word) for word in moved) + " moved")

    source_negations = sum(is_negation(words[index].folded) for index in set(aligned_source))
    pasted_negations = sum(is_negation(word.folded) for word in paste.all_words)
    if source_negations > pasted_negations:
        changes.append("a negation in the source is missing from the quote")
    elif pasted_negations > source_negations:
        changes.append("the quote adds a negation the source does not have")

    unmarked = any(item["op"] in ("replace", "insert", "delete", "move") for item in diff)
    marked = any(item["op"] == "omit" for item in diff) or any(
        item["op"] == "bracket" and item.get("stands_for_different_words") for item in diff)
    if unmarked or source_negations != pasted_negations:
        verdict = "altered" if _same_quote_changed(paste, words, steps, score) else "not_found"
    elif marked:
        verdict = "elided"
    elif any(item["op"] == "minor" for item in diff) or _empty_gap(tokens, steps):
        verdict = "minor"
    else:
        verdict = "verbatim"
    return Comparison(verdict, round(score, 4), start, end, shared, diff, changes)


def _with_leading_bracket(tokens: list[PasteToken], words: list[Word], steps: list[Step]) -> list[Step]:
    """Let a bracket that opens the paste stand for the words it replaces at the start of the clause.

    "[The redevelopment] is the only way" for "It is the only way": the alignment cannot tell how
    many source words an opening bracket replaces, so it takes those between the clause start and
    the first aligned word (at most LEADING_BRACKET_MAX_WORDS), usually a pronoun.
    """
    if not tokens or tokens[0].kind != "bracket" or any(step.token == 0 and step.word is not None for step in steps):
        return steps
    first = min((step.word for step in steps if step.word is not None), default=None)
    if first is None:
        return steps
    taken: list[int] = []
    index = first - 1
    while index >= 0 and len(taken) < LEADING_BRACKET_MAX_WORDS:
        word = words[index]
        if word.last_in_range or any(mark in word.trail for mark in CLAUSE_MARKS):
            break
        taken.append(index)
        index -= 1
    if not taken or (index >= 0 and not (words[index].last_in_range
                                         or any(mark in words[index].trail for mark in CLAUSE_MARKS))):
        return steps  # no clause start within reach: the bracket is an addition, not a stand-in
    stand_in = [Step("bracket", 0, word_index) for word_index in sorted(taken)]
    return stand_in + [step for step in steps if not (step.token == 0 and step.word is None)]


def _with_moves(tokens: list[PasteToken], words: list[Word], steps: list[Step]) -> list[Step]:
    """Find pasted phrases the alignment could not place because they were moved, and place them.

    An in-order alignment sees a swapped clause as words added here and dropped there. Each run of
    two or more added or changed words that occurs, unaligned, elsewhere in the source becomes a
    "move" step at its source position; the steps come back in source order.
    """
    folded = [word.folded for word in words]
    taken = {step.word for step in steps if step.word is not None and step.op in ("match", "omit", "bracket")}
    if not taken:
        return steps
    span = (min(taken), max(taken))
    runs: list[list[int]] = [[]]
    for step in steps:
        if step.op in ("insert", "replace"):
            runs[-1].append(step.token)
        elif runs[-1]:
            runs.append([])
    moves: dict[int, int] = {}  # token index -> source word index
    for run in runs:
        position = 0
        while position < len(run):
            placed = False
            for stop in range(len(run), position, -1):
                phrase = [tokens[index].words[0].folded for index in run[position:stop]]
                # A phrase may come from anywhere in the source; a single word only from close by,
                # and "I", "the" or "to" only from right beside the span.
                if len(phrase) > 1:
                    reach = len(folded)
                else:
                    reach = MOVED_STOPWORD_REACH if phrase[0] in STOPWORDS else MOVED_WORD_REACH
                found = _free_occurrence(folded, phrase, taken, span=span, reach=reach)
                if found is not None:
                    for offset, token_index in enumerate(run[position:stop]):
                        moves[token_index] = found + offset
                        taken.add(found + offset)
                    position, placed = stop, True
                    break
            if not placed:
                position += 1
    if not moves:
        return steps
    moves, in_order = _split_in_order(moves, steps)
    destinations = set(moves.values()) | set(in_order.values())
    kept: list[Step] = []
    for step in steps:
        if (step.token in moves or step.token in in_order) and step.op in ("insert", "replace"):
            if step.op == "replace" and step.word not in destinations:
                kept.append(Step("delete", None, step.word))
        elif step.op == "delete" and step.word in destinations:
            continue
        else:
            kept.append(step)
    kept.extend(Step("move", token_index, word_index) for token_index, word_index in moves.items())
    kept.extend(Step("match", token_index, word_index) for token_index, word_index in in_order.items())
    # Words dropped before the first or after the last aligned word were never part of the quote;
    # source words inside the span that no step covers now are dropped words.
    anchored = [step.word for step in kept if step.word is not None and step.op != "delete"]
    low, high = min(anchored), max(anchored)
    kept = [step for step in kept if step.op != "delete" or low <= step.word <= high]
    covered = {step.word for step in kept if step.word is not None}
    kept.extend(Step("delete", None, index) for index in range(low, high + 1) if index not in covered)
    return _in_source_order(kept)


def _split_in_order(moves: dict[int, int], steps: list[Step]) -> tuple[dict[int, int], dict[int, int]]:
    """Split placed phrases into real moves and phrases that sit in quote order after all.

    The in-order alignment prefers adding three words at the start of a quote to dropping seven
    words from its middle; a phrase found where its aligned neighbours put it is such a case:
    its words match, and the words between are dropped, not moved.
    """
    anchors = [(step.token, step.word) for step in steps if step.op == "match"]
    moved: dict[int, int] = {}
    in_order: dict[int, int] = {}
    for token_index, word_index in moves.items():
        before = [word for token, word in anchors if token < token_index]
        after = [word for token, word in anchors if token > token_index]
        if (not before or max(before) < word_index) and (not after or min(after) > word_index):
            in_order[token_index] = word_index
        else:
            moved[token_index] = word_index
    return moved, in_order


def _free_occurrence(folded: list[str], phrase: list[str], taken: set[int], *, span: tuple[int, int],
                     reach: int) -> int | None:
    """Where `phrase` occurs in `folded` on words no step has taken, nearest to `span` and within `reach` of it."""
    length = len(phrase)
    best = None
    for start in range(len(folded) - length + 1):
        if folded[start] == phrase[0] and folded[start:start + length] == phrase and not any(
                index in taken for index in range(start, start + length)):
            distance = max(span[0] - (start + length - 1), start - span[1], 0)
            if distance <= reach and (best is None or distance < best[0]):
                best = (distance, start)
    return best[1] if best else None


def _in_source_order(steps: list[Step]) -> list[Step]:
    """Sort steps by source word; a step without one (an added word) stays after the step before it."""
    keyed = []
    anchor = -1
    for order, step in enumerate(steps):
        if step.word is not None:
            anchor = step.word
        keyed.append((anchor, step.word is None, order, step))
    return [item[3] for item in sorted(keyed, key=lambda item: item[:3])]


def _same_quote_changed(paste: PastedQuote, words: list[Word], steps: list[Step], score: float) -> bool:
    """Whether an alignment with changes is still this quote: enough shared words, and not only "the", "to"."""
    shared = [words[step.word].folded for step in steps if step.op in ("match", "move")]
    pasted = [word.folded for word in paste.literal_words]
    pasted_content = {word for word in pasted if word not in STOPWORDS}
    shared_content = {word for word in shared if word not in STOPWORDS}
    return (score >= ALTERED_MIN_SCORE
            and len(shared) >= min(ALTERED_MIN_SHARED_WORDS, len(pasted))
            and len(shared_content) >= min(ALTERED_MIN_SHARED_CONTENT_WORDS, len(pasted_content)))


def _empty_gap(tokens: list[PasteToken], steps: list[Step]) -> bool:
    """An ellipsis between two words that omits nothing is a punctuation difference."""
    omitted_after = {step.token for step in steps if step.op == "omit"}
    return any(token.gap_after and index not in omitted_after for index, token in enumerate(tokens)
               if token.kind == "word")


def _diff(paste: PastedQuote, text: str, words: list[Word], steps: list[Step]) -> tuple[list[dict], list[str]]:
    """Group alignment steps into a word diff in source order, and describe each change in words."""
    tokens = paste.tokens
    units: list[tuple[str, list[int], list[int]]] = []  # (op, token indexes, word indexes)
    for index, step in enumerate(steps):
        if step.op == "match":
            token_word, source_word = tokens[step.token].words[0], words[step.word]
            # Punctuation is compared only between two matched words: after the last word, before a
            # change, or at the edge of a quote part or a paste segment it belongs to the edit (quoting
            # a sentence's first half turns its comma into a full stop).
            next_matches = index + 1 < len(steps) and steps[index + 1].op == "match"
            compare_trail = next_matches and not (token_word.last_in_range or source_word.last_in_range
                                                  or tokens[step.token].gap_after)
            exact = token_word.text == source_word.text and (not compare_trail or token_word.trail == source_word.trail)
            op = "equal" if exact else "minor"
            units.append((op, [step.token], [step.word]))
        elif step.op in ("replace", "insert", "delete"):
            units.append(("change", [step.token] if step.token is not None else [],
                          [step.word] if step.word is not None else []))
        elif step.op == "omit":
            units.append(("omit", [], [step.word]))
        elif step.op == "move":
            units.append(("move", [step.token], [step.word]))
        else:  # bracket: one unit per bracket token
            if units and units[-1][0] == "bracket" and units[-1][1] == [step.token]:
                if step.word is not None:
                    units[-1][2].append(step.word)
            else:
                units.append(("bracket", [step.token], [step.word] if step.word is not None else []))

    # Merge runs of the same kind so the diff reads as phrases, not single words.
    groups: list[tuple[str, list[int], list[int]]] = []
    for op, token_indexes, word_indexes in units:
        if groups and groups[-1][0] == op and op != "bracket":
            groups[-1][1].extend(token_indexes)
            groups[-1][2].extend(word_indexes)
        else:
            groups.append((op, list(token_indexes), list(word_indexes)))

    diff: list[dict] = []
    changes: list[str] = []
    previous_end = None
    for group_index, (op, token_indexes, word_indexes) in enumerate(groups):
        source_text = text[words[word_indexes[0]].start:words[word_indexes[-1]].end] if word_indexes else ""
        quote_text = (paste.content[tokens[token_indexes[0]].start:tokens[token_indexes[-1]].end]
                      if token_indexes else "")
        if word_indexes:
            span_start, span_end = words[word_indexes[0]].start, words[word_indexes[-1]].end
        else:
            span_start = span_end = previous_end
        if op == "change":
            op = "replace" if token_indexes and word_indexes else ("insert" if token_indexes else "delete")
        item = {"op": op, "source": source_text, "quote": quote_text, "start": span_start, "end": span_end}
        if op == "replace":
            changes.append(f"changed {_quote(source_text)} to {_quote(quote_text)}")
        elif op == "insert":
            changes.append(f"added {_quote(quote_text)}")
        elif op == "delete":
            changes.append(f"dropped {_quote(source_text)}")
        elif op == "omit":
            changes.append(f"omitted (marked with an ellipsis) {_quote(source_text)}")
        elif op == "move":
            changes.append(f"word order changed: {_quote(source_text)} moved")
        elif op == "minor":
            if group_index + 1 < len(groups) and groups[group_index + 1][0] in ("equal", "minor"):
                # Show the punctuation that differs before the next word, not only the words.
                span_end = words[word_indexes[-1]].trail_end
                source_text = text[span_start:span_end]
                quote_text = paste.content[tokens[token_indexes[0]].start:
                                           tokens[token_indexes[-1]].words[-1].trail_end]
                item.update(source=source_text, quote=quote_text, end=span_end)
            changes.append(f"case or punctuation: {_quote(source_text)} printed, {_quote(quote_text)} pasted")
        elif op == "bracket":
            bracket = tokens[token_indexes[0]]
            stood_for = [words[index].folded for index in word_indexes]
            same = stood_for == [word.folded for word in bracket.words]
            item["stands_for_different_words"] = not same
            if same:
                source_has_brackets = (bool(word_indexes) and text[span_start - 1:span_start] == "["
                                       and text[span_end:span_end + 1] == "]")
                if not source_has_brackets:
                    changes.append(f"brackets added around source words {_quote(source_text)}")
                    item["op"] = "minor"
                else:
                    item["op"] = "equal"
                    item["quote"] = bracket.text
                    item.update(source=text[span_start - 1:span_end + 1], start=span_start - 1, end=span_end + 1)
            elif word_indexes:
                changes.append(f"bracketed insertion {_quote(bracket.text)} stands for {_quote(source_text)}")
            else:
                changes.append(f"bracketed insertion {_quote(bracket.text)} (no source words)")
        if span_end is not None:
            previous_end = span_end
        diff.append(item)
    return diff, changes


def _content_stems(words: list[Word]) -> dict[str, str]:
    """Content words (no function words) by crude stem, each with the first form seen."""
    stems: dict[str, str] = {}
    for word in words:
        if word.folded not in STOPWORDS:
            stems.setdefault(content_stem(word.folded), word.folded)
    return stems


def paraphrase_confidence(paste: PastedQuote, words: list[Word]) -> tuple[float, list[str]]:
    """A low confidence (at most PARAPHRASE_MAX_CONFIDENCE) that `words` say what the paste says; 0 when unlikely.

    Both ways round: most of the paste's content words are in the passage, and most of the passage's
    are in the paste. A fabricated quote built from common words shares a few of them with many
    sentences, but each of those sentences says much else.
    """
    pasted, passage = _content_stems(paste.all_words), _content_stems(words)
    shared = [pasted[stem] for stem in pasted if stem in passage]
    if not pasted or not passage or len(shared) < PARAPHRASE_MIN_CONTENT_WORDS:
        return 0.0, shared
    pasted_share, passage_share = len(shared) / len(pasted), len(shared) / len(passage)
    if pasted_share < PARAPHRASE_MIN_CONTENT_SHARE or passage_share < PARAPHRASE_MIN_PASSAGE_SHARE:
        return 0.0, shared
    dice = 2 * len(shared) / (len(pasted) + len(passage))
    return round(PARAPHRASE_MAX_CONFIDENCE * dice, 2), shared
