"""Comparing a pasted quote with source text: the verdict, the span, the word diff and the changes named."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.services.wording.alignment import Step, aligned_steps
from app.services.wording.diff import DiffOp, alignment_diff, quoted
from app.services.wording.paste import PastedQuote, PasteToken
from app.services.wording.words import STOPWORDS, Word, content_stem, is_negation

# The verdict ladder, most trustworthy first.
Verdict = Literal["verbatim", "elided", "minor", "altered", "paraphrase", "not_found"]
VERDICTS: tuple[Verdict, ...] = ("verbatim", "elided", "minor", "altered", "paraphrase", "not_found")

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


@dataclass(slots=True)
class Comparison:
    """How a paste differs from one stretch of source text, and the verdict that follows."""

    verdict: Verdict  # one of VERDICTS; "not_found" when the overlap is chance
    score: float  # 0..1 word overlap (Dice) counting moved words as shared
    start: int | None  # source span, offsets into the source text
    end: int | None
    shared_words: int
    diff: list[DiffOp]
    changes: list[str]

    @property
    def found(self) -> bool:
        return self.verdict in VERDICTS[:4]


def compare(paste: PastedQuote, text: str, words: list[Word]) -> Comparison:
    """Align `paste` against `words` of `text` and name the verdict, span, word diff and changes."""
    if not words:
        return Comparison("not_found", 0.0, None, None, 0, [], [])
    tokens = paste.tokens
    steps = aligned_steps(tokens, words)
    moved = _moved_words(tokens, words, steps)
    aligned_source = [step.word for step in steps if step.word is not None]
    if not aligned_source:
        return Comparison("not_found", 0.0, None, None, 0, [], [])
    start, end = words[min(aligned_source)].start, words[max(aligned_source)].end
    shared = sum(step.op in ("match", "move") for step in steps) + len(moved)
    pasted_count = sum(token.kind == "word" for token in tokens)
    source_count = sum(step.op in ("match", "replace", "delete", "move") for step in steps)
    score = 2 * shared / (pasted_count + source_count)

    diff, changes = alignment_diff(paste, text, words, steps)
    if moved:
        changes.append("word order changed: " + ", ".join(quoted(word) for word in moved) + " moved")
    source_negations = sum(is_negation(words[index].folded) for index in set(aligned_source))
    pasted_negations = sum(is_negation(word.folded) for word in paste.all_words)
    if source_negations > pasted_negations:
        changes.append("a negation in the source is missing from the quote")
    elif pasted_negations > source_negations:
        changes.append("the quote adds a negation the source does not have")

    verdict: Verdict
    if source_negations != pasted_negations or any(item.op in ("replace", "insert", "delete", "move") for item in diff):
        verdict = "altered" if _same_quote_changed(paste, words, steps, score) else "not_found"
    elif any(item.op == "omit" or (item.op == "bracket" and item.stands_for_different_words) for item in diff):
        verdict = "elided"
    elif any(item.op == "minor" for item in diff) or _empty_gap(tokens, steps):
        verdict = "minor"
    else:
        verdict = "verbatim"
    return Comparison(verdict, round(score, 4), start, end, shared, diff, changes)


def _moved_words(tokens: list[PasteToken], words: list[Word], steps: list[Step]) -> list[str]:
    """Single words moved rather than changed: a word the paste adds that the source drops nearby.

    Only content words count: "the" and "to" turn up on both sides by chance.
    """
    added = [tokens[step.token].words[0].folded for step in steps
             if step.op in ("insert", "replace") and step.token is not None]
    remaining = [words[step.word].folded for step in steps
                 if step.op in ("delete", "replace") and step.word is not None]
    moved: list[str] = []
    for word in added:
        if word in remaining and word not in STOPWORDS:
            remaining.remove(word)
            moved.append(word)
    return moved


def _same_quote_changed(paste: PastedQuote, words: list[Word], steps: list[Step], score: float) -> bool:
    """Whether an alignment with changes is still this quote: enough shared words, and not only "the", "to"."""
    shared = [words[step.word].folded for step in steps if step.op in ("match", "move") and step.word is not None]
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
