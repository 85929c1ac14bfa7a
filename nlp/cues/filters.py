"""Quotations that are not speech: scare quotes, quoted titles and names of works, section headings."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from nlp.cues.context import Context, Quotation
from nlp.sentences import doc_text
from nlp.text import paragraph_index
from nlp.vocabulary.marks import QUOTE_MARKS

# Words a Title Case line leaves in lower case ("Art of the Deal").
TITLE_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with"})
# A heading may also say "is" ("What Is at Stake").
HEADING_SMALL_WORDS = TITLE_SMALL_WORDS | {"is", "isn't"}
# A name of a work follows a possessive or one of these ("on CNN's "State of the Union"").
WORK_INTRODUCERS = ("on", "in", "of", "titled", "called", "entitled")


def stands_alone(context: Context, quotation: Quotation) -> bool:
    """A quotation that opens its paragraph, or fills its sentence, reads as speech even without a cue."""
    doc, token_quote, paragraphs = context.doc, context.token_quote, context.paragraphs
    first = quotation["parts"][0][0]
    paragraph = paragraphs[paragraph_index(paragraphs, first)]
    if doc_text(doc)[paragraph[0]:first].strip(" \n" + QUOTE_MARKS) == "":
        return True
    span = doc.char_span(first, quotation["parts"][-1][1], alignment_mode="expand")
    if span is None:
        return False
    first_sentence = context.index.sentence_start[span.start]
    last_sentence = context.index.sentence_end[span.end - 1]
    outside = 0
    for token in doc[first_sentence:last_sentence]:
        if token.is_alpha and token_quote[token.i] < 0:
            outside += 1
            if outside > 3:
                return False
    return True


def fills_paragraph(context: Context, quotation: Quotation) -> bool:
    """The quotation is its whole paragraph ("Are you sure?" on a line of its own)."""
    paragraphs, text = context.paragraphs, context.text
    start, end = paragraphs[paragraph_index(paragraphs, quotation["parts"][0][0])]
    return text[start:end].strip(" \n\r\t" + QUOTE_MARKS) == \
        text[quotation["parts"][0][0]:quotation["parts"][-1][1]].strip(" \n\r\t" + QUOTE_MARKS)


def is_heading(context: Context, quotation: Quotation, span: Span) -> bool:
    """A quoted Title Case line alone in its paragraph is a section heading."""
    paragraphs, text = context.paragraphs, context.text
    start, end = paragraphs[paragraph_index(paragraphs, quotation["parts"][0][0])]
    quoted = text[quotation["parts"][0][0]:quotation["parts"][-1][1]]
    alone = text[start:end].strip(" ." + QUOTE_MARKS) == quoted.strip(" .")
    words = [t for t in span if t.is_alpha]
    # Several sentences ("Favourites? No. Dangerous? Absolutely.") capitalise every word by
    # starting each one: that is speech, not a heading.
    sentences = re.search(r"[.?!]\s+\S", span.text.strip()) is not None
    return (alone and not sentences and 0 < len(words) <= 8
            and all(t.text[0].isupper() or t.lower_ in HEADING_SMALL_WORDS for t in words))


def looks_like_title(span: Span) -> bool:
    """Quoted titles and names ("Art of the Deal") are Title Case and end without punctuation."""
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 8:
        return False
    if span.text.rstrip()[-1:] in ".!?;:":
        return False
    capitalised = [t for t in words if t.text[0].isupper()]
    small = [t for t in words if t.lower_ in TITLE_SMALL_WORDS]
    return len(capitalised) + len(small) == len(words) and len(capitalised) >= max(1, len(words) // 2)


def names_a_work(doc: Doc, span: Span) -> bool:
    """A short Title Case quotation right after a possessive or "on"/"in" names a show, book or film."""
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 6:
        return False
    if not all(t.text[0].isupper() or t.lower_ in TITLE_SMALL_WORDS for t in words) or not words[0].text[0].isupper():
        return False
    before = [t for t in doc[max(0, span.start - 3):span.start] if not t.is_punct and not t.is_space]
    return bool(before) and (before[-1].tag_ == "POS" or before[-1].lower_ in WORK_INTRODUCERS)
