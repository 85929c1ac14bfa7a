"""The one word diff: a list of DiffOp, from a check's alignment (paste against source) or between two quote texts."""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Literal, cast

from pydantic import BaseModel, Field

from app.store.repo import normalize_quote_text

if TYPE_CHECKING:
    from app.services.wording.alignment import Step
    from app.services.wording.paste import PastedQuote, PasteToken
    from app.services.wording.words import Word

DiffKind = Literal["equal", "minor", "replace", "insert", "delete", "omit", "move", "bracket"]


class DiffOp(BaseModel):
    """One run of words in a word diff, in the order of the source (or of a family's earliest member)."""

    op: DiffKind = Field(description="equal | insert | delete | replace; a quote check also gives minor (case, "
                                     "punctuation), omit (marked by an ellipsis), move and bracket (an insertion)")
    source: str = Field("", description="The words as printed in the source, or in the family's earliest member.")
    quote: str = Field("", description="The words in the other text: the pasted quote, or a later family member.")
    start: int | None = Field(None, description="Offsets of `source` in the article text, from a quote check "
                                                "(article.text[start:end] == source); null in family diffs.")
    end: int | None = None
    stands_for_different_words: bool = Field(
        False, description="A bracketed insertion that replaces source words rather than repeating them.")


def quoted(text: str) -> str:
    return f'"{text}"'


# --- between two texts (quote families) -------------------------------------------------------------

def word_diff(earliest: str, other: str) -> list[DiffOp]:
    """Word-level edits from `earliest` to `other` (equal, insert, delete, replace); words are compared
    normalised (case, accents, punctuation) and printed as written."""
    earliest_words, other_words = earliest.split(), other.split()
    # difflib matches the longest common run first, so a partial quote reads as one kept block with
    # deletions around it, where an edit-distance alignment would scatter a stray "the".
    matcher = difflib.SequenceMatcher(
        None, [normalize_quote_text(word) for word in earliest_words],
        [normalize_quote_text(word) for word in other_words], autojunk=False,
    )
    diff: list[DiffOp] = []
    for tag, earliest_start, earliest_end, other_start, other_end in matcher.get_opcodes():
        before = " ".join(earliest_words[earliest_start:earliest_end])
        after = " ".join(other_words[other_start:other_end])
        if diff and diff[-1].op == tag:
            diff[-1].source = f"{diff[-1].source} {before}".strip()
            diff[-1].quote = f"{diff[-1].quote} {after}".strip()
        else:
            diff.append(DiffOp(op=cast(DiffKind, tag), source=before, quote=after))
    return diff


def stored_diff(ops: list[DiffOp]) -> list[dict]:
    """A diff as plain JSON for a database column (Quote.family_diff)."""
    return [op.model_dump() for op in ops]


def read_stored_diff(stored: list[dict]) -> list[DiffOp]:
    """A diff read back from a database column (every stored diff has this shape since migration 0002)."""
    return [DiffOp.model_validate(item) for item in stored]


# --- a pasted quote against its source (the quote check) -------------------------------------------

# A unit of the alignment diff: (kind, paste token indexes, source word indexes).
Unit = tuple[str, list[int], list[int]]


def _units(tokens: list[PasteToken], words: list[Word], steps: list[Step]) -> list[Unit]:
    """One unit per alignment step, a bracket and the source words it stands for as one unit."""
    units: list[Unit] = []
    for index, step in enumerate(steps):
        if step.op == "match":
            assert step.token is not None and step.word is not None  # a match pairs a token with a word
            token_word, source_word = tokens[step.token].words[0], words[step.word]
            # Punctuation is compared only between two matched words: after the last word, before a
            # change, or at the edge of a quote part or a paste segment it belongs to the edit (quoting
            # a sentence's first half turns its comma into a full stop).
            next_matches = index + 1 < len(steps) and steps[index + 1].op == "match"
            compare_trail = next_matches and not (token_word.last_in_range or source_word.last_in_range
                                                  or tokens[step.token].gap_after)
            exact = token_word.text == source_word.text and (not compare_trail or token_word.trail == source_word.trail)
            units.append(("equal" if exact else "minor", [step.token], [step.word]))
        elif step.op in ("replace", "insert", "delete"):
            units.append(("change", [step.token] if step.token is not None else [],
                          [step.word] if step.word is not None else []))
        elif step.op == "omit":
            assert step.word is not None  # an omission always skips a source word
            units.append(("omit", [], [step.word]))
        elif step.op == "move":
            assert step.token is not None and step.word is not None
            units.append(("move", [step.token], [step.word]))
        else:  # bracket: one unit per bracket token
            assert step.token is not None  # a bracket step always belongs to its bracket token
            if units and units[-1][0] == "bracket" and units[-1][1] == [step.token]:
                if step.word is not None:
                    units[-1][2].append(step.word)
            else:
                units.append(("bracket", [step.token], [step.word] if step.word is not None else []))
    return units


def _phrases(units: list[Unit]) -> list[Unit]:
    """Runs of units of the same kind merged, so the diff reads as phrases, not single words."""
    groups: list[Unit] = []
    for op, token_indexes, word_indexes in units:
        if groups and groups[-1][0] == op and op != "bracket":
            groups[-1][1].extend(token_indexes)
            groups[-1][2].extend(word_indexes)
        else:
            groups.append((op, list(token_indexes), list(word_indexes)))
    return groups


def alignment_diff(paste: PastedQuote, text: str, words: list[Word],
                   steps: list[Step]) -> tuple[list[DiffOp], list[str]]:
    """Group alignment steps into a word diff in source order, and describe each change in words."""
    tokens = paste.tokens
    groups = _phrases(_units(tokens, words, steps))
    diff: list[DiffOp] = []
    changes: list[str] = []
    previous_end: int | None = None
    for group_index, (kind, token_indexes, word_indexes) in enumerate(groups):
        source_text = text[words[word_indexes[0]].start:words[word_indexes[-1]].end] if word_indexes else ""
        quote_text = (paste.content[tokens[token_indexes[0]].start:tokens[token_indexes[-1]].end]
                      if token_indexes else "")
        span_start: int | None
        span_end: int | None
        if word_indexes:
            span_start, span_end = words[word_indexes[0]].start, words[word_indexes[-1]].end
        else:
            span_start = span_end = previous_end
        op: DiffKind
        if kind == "change":
            op = "replace" if token_indexes and word_indexes else ("insert" if token_indexes else "delete")
        else:
            op = cast(DiffKind, kind)  # every other unit kind is a DiffKind already
        item = DiffOp(op=op, source=source_text, quote=quote_text, start=span_start, end=span_end)
        if op == "minor" and group_index + 1 < len(groups) and groups[group_index + 1][0] in ("equal", "minor"):
            # Show the punctuation that differs before the next word, not only the words.
            span_end = words[word_indexes[-1]].trail_end
            item.source = text[item.start or 0:span_end]
            item.quote = paste.content[tokens[token_indexes[0]].start:tokens[token_indexes[-1]].words[-1].trail_end]
            item.end = span_end
        if op == "bracket":
            change = _bracket(item, tokens[token_indexes[0]], text, [words[index] for index in word_indexes])
        else:
            change = _change(item)
        if change:
            changes.append(change)
        if span_end is not None:
            previous_end = span_end  # a bracket widened to the source's own brackets does not move it
        diff.append(item)
    return diff, changes


def _change(item: DiffOp) -> str | None:
    """The sentence naming one non-bracket change, or None for words kept as printed."""
    source, quote = quoted(item.source), quoted(item.quote)
    return {
        "replace": f"changed {source} to {quote}",
        "insert": f"added {quote}",
        "delete": f"dropped {source}",
        "omit": f"omitted (marked with an ellipsis) {source}",
        "move": f"word order changed: {source} moved",
        "minor": f"case or punctuation: {source} printed, {quote} pasted",
    }.get(item.op)


def _bracket(item: DiffOp, bracket: PasteToken, text: str, stood_for: list[Word]) -> str | None:
    """Settle a bracketed insertion: the source's own brackets (equal), brackets added (minor), or a stand-in."""
    same = [word.folded for word in stood_for] == [word.folded for word in bracket.words]
    item.stands_for_different_words = not same
    if same:
        start, end = item.start, item.end
        assert start is not None and end is not None  # the bracket repeats source words, so it has their span
        if not (stood_for and text[start - 1:start] == "[" and text[end:end + 1] == "]"):
            item.op = "minor"
            return f"brackets added around source words {quoted(item.source)}"
        item.op = "equal"
        item.quote = bracket.text
        item.source, item.start, item.end = text[start - 1:end + 1], start - 1, end + 1
        return None
    if stood_for:
        return f"bracketed insertion {quoted(bracket.text)} stands for {quoted(item.source)}"
    return f"bracketed insertion {quoted(bracket.text)} (no source words)"
