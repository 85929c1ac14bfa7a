"""Aligning a pasted quote with source words: an edit alignment, then moved phrases and changed ends placed."""
from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from app.services.wording.paste import PasteToken
from app.services.wording.words import STOPWORDS, Word
from nlp.vocabulary.marks import EVERYDAY_DOUBLES_THAT_MAY_CLOSE

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
# A word followed by one of these ends its clause.
CLAUSE_MARKS = ".!?;:" + EVERYDAY_DOUBLES_THAT_MAY_CLOSE + "()—–"
# A single pasted word the alignment could not place is looked for this many source words around
# the aligned span ("Palmyra is purely symbolic": "Palmyra" sits three words before "is").
MOVED_WORD_REACH = 8
MOVED_STOPWORD_REACH = 2

# --- the edit alignment ------------------------------------------------------------------------------

DIAGONAL, UP, LEFT = 1, 2, 3


@dataclass(frozen=True, slots=True)
class Step:
    """One alignment step: a paste token against a source word, or either alone."""

    op: str  # "match" | "replace" | "insert" | "delete" | "omit" | "bracket"
    token: int | None  # index into the paste tokens
    word: int | None  # index into the source words

    @property
    def pasted(self) -> int:
        """The paste token of a step that has one (every step but a dropped source word)."""
        if self.token is None:
            raise ValueError(f"a {self.op} step has no paste token")
        return self.token

    @property
    def printed(self) -> int:
        """The source word of a step that has one (every step but an added paste word)."""
        if self.word is None:
            raise ValueError(f"a {self.op} step has no source word")
        return self.word


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
    last_row, back = _costs(tokens, source, _spelling_costs(tokens, words[window_start:window_end]))
    # Free end: the quote may stop anywhere. Among equally good ends, one where the last pasted word
    # is aligned with a source word ("investors" for "developers": a changed word, not an added one),
    # then the first, which keeps the span tight.
    column = min(range(len(source) + 1),
                 key=lambda index: (last_row[index], back[len(tokens)][index] != DIAGONAL, index))
    return _trace_back(tokens, source, back, column=column, offset=window_start), last_row[column]


def _costs(tokens: list[PasteToken], source: list[str],
           spelling: dict[tuple[str, str], float]) -> tuple[list[float], list[bytearray]]:
    """The alignment's last row of costs and, for every cell, the pointer to the cell it came from."""
    columns = len(source)
    previous = [0.0] * (columns + 1)  # free start: the quote may begin anywhere in the source
    back: list[bytearray] = [bytearray(columns + 1)]
    for token in tokens:
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
    return previous, back


def _trace_back(tokens: list[PasteToken], source: list[str], back: list[bytearray], *, column: int,
                offset: int) -> list[Step]:
    """The steps from the chosen end back to the start, in paste order; word indexes count from `offset`."""
    steps: list[Step] = []
    row = len(tokens)
    while row > 0:
        pointer = back[row][column]
        token = tokens[row - 1]
        if pointer == DIAGONAL:
            op = "match" if source[column - 1] == token.words[0].folded else "replace"
            steps.append(Step(op, row - 1, offset + column - 1))
            row, column = row - 1, column - 1
        elif pointer == UP:
            steps.append(Step("bracket" if token.kind == "bracket" else "insert", row - 1, None))
            row -= 1
        else:
            word_index = offset + column - 1
            if token.kind == "bracket":
                steps.append(Step("bracket", row - 1, word_index))
            elif token.gap_after:
                steps.append(Step("omit", row - 1, word_index))  # the token whose ellipsis marks it
            else:
                steps.append(Step("delete", None, word_index))
            column -= 1
    steps.reverse()
    return steps


def aligned_steps(tokens: list[PasteToken], words: list[Word]) -> list[Step]:
    """The alignment of a paste with source words, with an opening bracket, moved phrases and changed ends placed."""
    steps, _cost = align(tokens, words)
    steps = _with_moves(tokens, words, _with_leading_bracket(tokens, words, steps))
    return _with_changed_ends(tokens, words, steps)


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
            and tokens[steps[-1].pasted].words[0].folded not in STOPWORDS):
        last = words[max(aligned)]
        following = max(aligned) + 1
        if (following < len(words) and not last.last_in_range and not any(mark in last.trail for mark in CLAUSE_MARKS)
                and words[following].folded not in STOPWORDS):
            steps = steps[:-1] + [Step("replace", steps[-1].token, following)]
    if (len(steps) >= 2 and steps[0].op == "insert" and steps[1].op != "insert"
            and tokens[steps[0].pasted].words[0].folded not in STOPWORDS):
        preceding = min(aligned) - 1
        if (preceding >= 0 and not words[preceding].last_in_range
                and not any(mark in words[preceding].trail for mark in CLAUSE_MARKS)
                and words[preceding].folded not in STOPWORDS):
            steps = [Step("replace", steps[0].token, preceding)] + steps[1:]
    return steps


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
    moves = _placed_phrases(tokens, folded, steps, taken=taken, span=span)
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
    kept = [step for step in kept if step.op != "delete" or low <= step.printed <= high]
    covered = {step.word for step in kept if step.word is not None}
    kept.extend(Step("delete", None, index) for index in range(low, high + 1) if index not in covered)
    return _in_source_order(kept)


def _placed_phrases(tokens: list[PasteToken], folded: list[str], steps: list[Step], *, taken: set[int],
                    span: tuple[int, int]) -> dict[int, int]:
    """Paste token -> source word for the runs of added or changed words found unaligned in the source.

    Longest phrases first: a run that is not found whole is tried shorter, from its start.
    """
    runs: list[list[int]] = [[]]
    for step in steps:
        if step.op in ("insert", "replace"):
            runs[-1].append(step.pasted)
        elif runs[-1]:
            runs.append([])
    moves: dict[int, int] = {}
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
    return moves


def _split_in_order(moves: dict[int, int], steps: list[Step]) -> tuple[dict[int, int], dict[int, int]]:
    """Split placed phrases into real moves and phrases that sit in quote order after all.

    The in-order alignment prefers adding three words at the start of a quote to dropping seven
    words from its middle; a phrase found where its aligned neighbours put it is such a case:
    its words match, and the words between are dropped, not moved.
    """
    anchors = [(step.pasted, step.printed) for step in steps if step.op == "match"]
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

