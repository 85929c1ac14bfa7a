"""Direct quotes: a quotation that reads as speech, with its cue searched for around it.

`"…," Putin said` / `"…," said Putin` / `"…" - Assad` after it; `Putin said: "…"`, `Smith: "…"`
before it, or a paragraph ending "He said:" before a block quote.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from nlp.cues.assemble import only_cue_between
from nlp.cues.classify import MIN_UNCUED_QUOTE_WORDS
from nlp.cues.context import Context, Quotation
from nlp.cues.filters import fills_paragraph, is_heading, looks_like_title, names_a_work, stands_alone
from nlp.cues.headlines import DASHES
from nlp.cues.kinds import ACCORDING, COLON, DASH, VERB
from nlp.cues.statement import Range, Statement
from nlp.cues.syntax import clause_is_quoted, negated, negative_subject, quote_in_subject, wished_for
from nlp.sentences import doc_text
from nlp.text import paragraph_index
from nlp.vocabulary.marks import EVERYDAY_MARKS, QUOTE_MARKS

# How many tokens before or after a quote its cue is looked for: news cues hug their quotes, and
# the bound keeps a paragraph of many short quotations linear to process.
CUE_REACH = 40
# A token that is one quote mark, skipped after a quotation: any everyday mark may close one
# (“ and « do in German-style „…“ and »…«).
QUOTE_CLOSERS = frozenset(EVERYDAY_MARKS)
# Only a short rest of a paragraph can be a dash attribution (`"…" ― Sonya Herridge`).
DASH_TAIL_TOKENS = 12
# A cue may stand in the next sentence when that sentence is this short (`"…" He said.`).
NEXT_SENTENCE_WORDS = 8
_SPEAKER_LABEL = re.compile(r"(?P<name>[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}):\s+(?=\S)")


class FoundCue(NamedTuple):
    kind: str  # a key of nlp.cues.kinds.CUE_KINDS
    range: Range
    token: int | None  # the cue's head token
    source: int | None  # the head of the source the cue names itself ("according to X", "X:")


def direct_statement(context: Context, index: int, quotation: Quotation) -> Statement | None:
    """The quotation as a direct quote, with its cue; None for a scare quote, a title or a heading."""
    doc = context.doc
    parts = [(part[0], part[1]) for part in quotation["parts"]]
    first_start, last_end = parts[0][0], parts[-1][1]
    label = speaker_label(doc, first_start, last_end)
    if label is not None:
        # A transcript inside quote marks: `"WALLACE: But, Governor Pence, …"`.
        name_end_token, colon, content_start = label
        parts[0] = (content_start, parts[0][1])
        return Statement(kind="direct", parts=parts, verbatim=list(parts), cue=(colon, colon + 1),
                         cue_kind=COLON, cue_token=None, source_token=name_end_token, quotations={index})
    content_span = doc.char_span(first_start, last_end, alignment_mode="expand")
    if content_span is None:
        return None
    words = [t for t in content_span if t.is_alpha or t.like_num]
    if not words:
        return None
    cue = find_cue(context, quotation)
    if cue is None:
        return _uncued(context, index, quotation, parts, len(words), content_span)
    if looks_like_title(content_span) and not tight_cue(doc, quotation, cue.range):
        return None  # `during a "Commander-in-Chief Forum" sponsored by NBC`
    if names_a_work(doc, content_span):
        return None  # `Pence said on CNN's "State of the Union."`: a programme, not speech
    if len(words) < MIN_UNCUED_QUOTE_WORDS and not tight_cue(doc, quotation, cue.range):
        return None  # a short quotation mid-sentence is a scare quote unless the cue hugs it
    return Statement(kind="direct", parts=parts, verbatim=list(parts), cue=cue.range, cue_kind=cue.kind,
                     cue_token=cue.token, source_token=cue.source, quotations={index})


def _uncued(context: Context, index: int, quotation: Quotation, parts: list[Range], words: int,
            content_span: Span) -> Statement | None:
    """A quotation with no cue: speech when it stands alone, unless it is a heading or a title."""
    doc = context.doc
    if quotation.get("recovered"):
        return None  # a repaired pairing is only trusted as speech when a cue confirms it
    if is_heading(context, quotation, content_span):
        return None  # a quoted Title Case line on its own is a section heading
    # `"We will win," Smith said. "Nobody believed us."`: a short quote right after a cued one
    # goes on with it (and is merged into it below), though alone it could be a scare quote.
    previous = context.quotations[index - 1] if index > 0 else None
    continues = previous is not None and only_cue_between(doc, previous["parts"][-1][1], parts[0][0], full_stop=True)
    # A short quotation mid-sentence is a scare quote; alone in its paragraph it is a reply.
    short = words < MIN_UNCUED_QUOTE_WORDS and not fills_paragraph(context, quotation)
    if short and not continues:
        return None
    if not stands_alone(context, quotation):
        return None
    if looks_like_title(content_span):
        return None
    return Statement(kind="direct", parts=parts, verbatim=list(parts), quotations={index}, continuation_only=short)


def find_cue(context: Context, quotation: Quotation) -> FoundCue | None:
    """The cue of a quotation: a reporting verb after or before it in its sentence, a colon, a dash."""
    marks = sorted(quotation["marks"])
    open_mark = marks[0] if marks and marks[0] < quotation["parts"][0][0] else quotation["parts"][0][0]
    close_mark = quotation["parts"][0][1]  # the interruption point of a single-paragraph quote
    for end_point in dict.fromkeys((close_mark, quotation["parts"][-1][1])):
        found = _cue_after(context, end_point)
        if found is not None:
            return found
    return _cue_before(context, open_mark)


def _cue_after(context: Context, end_point: int) -> FoundCue | None:
    """After the quote: `"…," Putin said` / `"…," said Putin` / `"…" - Assad` / `"…" He said.`"""
    doc, index, paragraphs = context.doc, context.index, context.paragraphs
    after = index.token_at_or_after(end_point)
    if after is None:
        return None
    paragraph = paragraphs[paragraph_index(paragraphs, end_point)]
    sentence_end = index.sentence_end[after.i]
    region = [t for t in doc[after.i:min(sentence_end, after.i + CUE_REACH)] if t.idx < paragraph[1]]
    found = cue_in(context, region, from_left=True)
    if found is not None:
        return found
    # `"…" ― Sonya Herridge` at the end of a paragraph (a dash attribution often stands
    # after the quote's final full stop, in what the parser takes for a new sentence).
    paragraph_end = index.token_at_or_after(paragraph[1])
    stop = paragraph_end.i if paragraph_end is not None else len(doc)
    # Only a short rest of the paragraph can be a dash attribution; a long one never is,
    # so look no further (this keeps the search linear in the number of quotations).
    tail = list(doc[after.i:stop]) if after.idx < paragraph[1] and stop - after.i <= DASH_TAIL_TOKENS else []
    tail = [t for t in tail if not (t.is_punct and t.text in QUOTE_CLOSERS) and not t.is_space]
    dash = dash_cue(tail)
    if dash is not None:
        return dash
    if not [t for t in region if t.is_alpha and not context.quoted(t)] and sentence_end < len(doc):
        following = [t for t in doc[sentence_end:index.sentence_end[sentence_end]] if t.idx < paragraph[1]]
        if following and len([t for t in following if not t.is_punct and not t.is_space]) <= NEXT_SENTENCE_WORDS:
            return cue_in(context, following, from_left=True, bare_only=True)
    return None


def _cue_before(context: Context, open_mark: int) -> FoundCue | None:
    """Before the quote: `Putin said: "…"`, `He told reporters: "…"`, `Smith: "…"`."""
    doc, paragraphs = context.doc, context.paragraphs
    opener = context.index.token_at_or_after(open_mark)
    if opener is None:
        return None
    paragraph = paragraphs[paragraph_index(paragraphs, open_mark)]
    sentence_start = context.index.sentence_start[opener.i]
    region = [t for t in doc[max(sentence_start, opener.i - CUE_REACH):opener.i] if t.idx >= paragraph[0]]
    found = cue_in(context, region, from_left=False, before=True)
    if found is not None:
        return found
    colon = colon_cue(region)
    if colon is not None:
        return colon
    here = paragraph_index(paragraphs, open_mark)
    if here > 0 and not [t for t in region if not t.is_space and not t.is_punct]:
        return _introduced_by_previous_paragraph(context, paragraphs[here - 1])
    return None


def _introduced_by_previous_paragraph(context: Context, paragraph: Range) -> FoundCue | None:
    """'He said:' closing the paragraph before a block quote that opens its own paragraph."""
    doc, text = context.doc, context.text
    if not text[paragraph[0]:paragraph[1]].rstrip().endswith(":"):
        return None
    last = context.index.token_at_or_after(len(text[:paragraph[1]].rstrip()) - 1)
    if last is None or last.text != ":":
        return None
    start = max(context.index.sentence_start[last.i], last.i - CUE_REACH)
    region = [t for t in doc[start:last.i + 1] if t.idx >= paragraph[0]]
    return cue_in(context, region, from_left=False, before=True)


def cue_in(context: Context, region: list[Token], *, from_left: bool, bare_only: bool = False,
           before: bool = False) -> FoundCue | None:
    """The first cue in `region` ("according to X" or a reporting verb), read from the left or the right.

    A verb that reports a clause of its own after it ("He said the vote was rigged.") is no cue of
    the quotation; neither is a negated verb, nor one whose subject holds a quotation or is nobody.
    """
    token_quote = context.token_quote
    for token in region if from_left else list(reversed(region)):
        if token_quote[token.i] >= 0:
            if from_left and token.is_alpha:
                return None  # another quotation starts: its own cue search decides
            continue
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            to = token.doc[token.i + 1]
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            return FoundCue(ACCORDING, (token.idx, to.idx + len(to)), token.i, source.i if source is not None else None)
        if not context.is_cue_verb(token) or negated(token, token_quote):
            continue
        if wished_for(token, context.lexicon, token_quote):
            return None  # "I hope in 2017 America says, "…"": the words are wished for, nobody said them
        if (bare_only or from_left or before) and any(
                c.dep_ == "ccomp" and token_quote[c.i] < 0 and c.i > token.i
                and not clause_is_quoted(c, token_quote) for c in token.children):
            continue  # "He said the vote was rigged." reports its own content
        if quote_in_subject(token, token_quote) or negative_subject(token, context.lexicon):
            continue
        return FoundCue(VERB, (token.idx, token.idx + len(token)), token.i, None)
    return None


def dash_cue(tail: list[Token]) -> FoundCue | None:
    """A dash, then a short capitalised name, then the end of the paragraph."""
    if len(tail) < 2 or len(tail) > 6:
        return None
    dash = tail[0].text.lstrip(EVERYDAY_MARKS)  # `”―` may come as one token
    if dash[:1] not in DASHES:
        return None
    position = tail[0].idx + len(tail[0].text) - len(dash)
    name = [t for t in tail[1:] if not t.is_punct]
    if not name or len(name) > 4 or not all(t.text[0].isupper() for t in name):
        return None
    return FoundCue(DASH, (position, position + 1), None, name[-1].i)


def colon_cue(region: list[Token]) -> FoundCue | None:
    """`Smith: "…"`: a short name, a pronoun or a noun phrase right before a colon."""
    words = [t for t in region if not t.is_space]
    if len(words) < 2 or words[-1].text != ":":
        return None
    name = [t for t in words[:-1] if not t.is_punct]
    colon = (words[-1].idx, words[-1].idx + 1)
    if len(name) > 6 and name[-1].ent_type_ == "PERSON":
        # "…doesn't surprise Republican pollster Daron Shaw: "…"": the person right before the colon.
        return FoundCue(COLON, colon, None, name[-1].i)
    if not name or len(name) > 6:
        return None
    if not any(t.pos_ in ("PROPN", "PRON", "NOUN") for t in name):
        return None
    if name[-1].pos_ == "VERB":
        # "Graham, 71, fumed:" — a verb the cue list does not know, with its subject before it: the
        # subject is the source, not the verb.
        subject = next((c for c in name[-1].children if c.dep_ in ("nsubj", "nsubjpass") and c in name), None)
        return FoundCue(COLON, colon, None, subject.i) if subject is not None else None
    return FoundCue(COLON, colon, None, name[-1].i)


def tight_cue(doc: Doc, quotation: Quotation, cue_range: Range) -> bool:
    """`"Never," he said` / `He said: "Never."`: the cue is right next to the quote, with punctuation between."""
    start, end = quotation["parts"][0][0], quotation["parts"][-1][1]
    if cue_range[0] >= end:
        between = doc_text(doc)[end:cue_range[0]]
        inside_end = doc_text(doc)[max(start, end - 1):end]
        # Any mark may close: “ and « do in German-style „…“ and »…«.
        separated = inside_end in ",.!?" or between.lstrip(" " + QUOTE_MARKS)[:1] in (",", "—", "–")
        return len(between.split()) <= 4 and separated
    between = doc_text(doc)[cue_range[1]:start]
    return len(between.split()) <= 3 and between.rstrip(" " + QUOTE_MARKS)[-1:] in (",", ":")


def speaker_label(doc: Doc, start: int, end: int, *, min_words: int = 3) -> tuple[int, int, int] | None:
    """A transcript's speaker label at `start` ("WALLACE: …", "Sen. Ann Lee: …").

    Returns (name's last token, colon offset, content start) when the label is in capitals or
    names a person, and at least `min_words` words follow it.
    """
    match = _SPEAKER_LABEL.match(doc_text(doc), start, end)
    if match is None or len(doc_text(doc)[match.end():end].split()) < min_words:
        return None
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    if name is None:
        return None
    letters = [c for c in name.text if c.isalpha()]
    if not (all(c.isupper() for c in letters) and len(letters) >= 2 or any(t.ent_type_ == "PERSON" for t in name)):
        return None
    return name[-1].i, match.end("name"), match.end()
