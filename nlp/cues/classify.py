"""Direct, mixed or indirect: decide a reported clause's kind by how much of it lies inside quote marks."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.cues.context import Context
from nlp.cues.ranges import extend_over_quotations
from nlp.cues.statement import Range, Statement
from nlp.quotes import outer_range

# A direct quote with no cue is still speech when it is at least this many words long and stands
# alone (starts its paragraph or fills its sentence); shorter ones are scare quotes or titles.
MIN_UNCUED_QUOTE_WORDS = 4
# How much of a reported clause must lie inside one quotation for the statement to count as a
# direct quote introduced by reported speech ("According to him, "…"") rather than a mixed one.
DIRECT_SHARE = 0.6
# Finite verb tags: one outside the quote marks makes the quote part of the reporter's clause.
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")


def classify(context: Context, content: Range, *, nominal: bool = False) -> Statement | None:
    """Decide direct / mixed / indirect for a reported clause, by how much of it is quoted.

    `nominal`: the content is the cue's object (`spoke of „…“`, `called it "…"`), where a
    quoted noun phrase is a fragment of the reporter's sentence, so a mixed quote.
    """
    doc, quotations, token_quote = context.doc, context.quotations, context.token_quote
    content = extend_over_quotations(content, quotations, context.paragraphs)
    start, end = content
    inside = [i for i, q in enumerate(quotations) if q["parts"][0][0] >= start - 1 and q["parts"][-1][1] <= end + 1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.is_alpha or t.like_num]
    if not inside:
        # Unquoted: a clause, or at least a phrase of four words ("a clear win for the challenger").
        if len(words) < 2 or not any(t.pos_ in ("VERB", "AUX") for t in span) and len(words) < 4:
            return None
        return Statement(kind="indirect", parts=[content])
    if len(inside) == 1:
        whole = _the_quotation(context, inside[0], span, words, nominal=nominal)
        if whole is not None:
            return whole
    if not any(token_quote[t.i] in inside for t in words):
        return Statement(kind="indirect", parts=[content])
    verbatim = [(part[0], part[1]) for index in inside for part in quotations[index]["parts"]]
    return Statement(kind="mixed", parts=[content], verbatim=verbatim, quotations=set(inside))


def _the_quotation(context: Context, index: int, span: Span, words: list[Token], *, nominal: bool
                   ) -> Statement | None:
    """The statement is the one quotation inside the clause, when the clause is (nearly) all quote.

    `According to him, judging by X, "what is happening is …"`: the quote is a clause of its own
    (it has its subject inside) and the words around it only frame it. When the subject stays
    outside (`said the rockets "pose a threat"`) it is a mixed quote. A finite verb outside the
    quote marks means the quote is only part of the reporter's clause ("talks had produced
    "exactly what …""): mixed.
    """
    doc, token_quote = context.doc, context.token_quote
    quotation = context.quotations[index]
    quotation_words = [t for t in words if token_quote[t.i] == index]
    unquoted = [t for t in words if token_quote[t.i] < 0 and t.lower_ not in ("that", "whether")]
    whole = not unquoted  # the clause is the quotation (`"…," he said`; `said that "…"`)
    framing_verb = any(token_quote[t.i] < 0 and t.tag_ in FINITE_TAGS for t in span)
    dominant = (len(quotation_words) >= MIN_UNCUED_QUOTE_WORDS
                and len(quotation_words) >= DIRECT_SHARE * len(words)
                and not framing_verb and has_own_subject(doc, index, token_quote))
    if not quotation_words or not (whole or dominant):
        return None
    parts = [(part[0], part[1]) for part in quotation["parts"]]
    if nominal and is_phrase(doc, index, token_quote):
        # `spoke of „a day many people here stopped believing in“`: the speaker's words, but not
        # an utterance of their own; the statement keeps its marks.
        return Statement(kind="mixed", parts=[outer_range(quotation)], verbatim=parts, quotations={index})
    return Statement(kind="direct", parts=parts, verbatim=list(parts), quotations={index})


def has_own_subject(doc: Doc, index: int, token_quote: list[int]) -> bool:
    """The quotation is a clause of its own: its top verb has its subject inside the quote marks."""
    try:
        first = token_quote.index(index)
    except ValueError:
        return False
    last = len(token_quote) - 1 - token_quote[::-1].index(index)
    inside = [t for t in doc[first:last + 1] if token_quote[t.i] == index and not t.is_punct]
    roots = [t for t in inside if token_quote[t.head.i] != index or t.head.i == t.i]
    return any(child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and token_quote[child.i] == index
               for root in roots for child in root.children)


def is_phrase(doc: Doc, index: int, token_quote: list[int]) -> bool:
    """The quotation is a phrase, not an utterance: its head is a noun or an adjective and it has no
    subject of its own ("three months of nobody speaking", not "Lock her up" or "We will win")."""
    if has_own_subject(doc, index, token_quote):
        return False
    try:
        first = token_quote.index(index)
    except ValueError:
        return False
    for token in doc[first:]:
        if token_quote[token.i] != index:
            break
        if not token.is_punct and (token_quote[token.head.i] != index or token.head.i == token.i):
            return token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "PRON", "DET")
    return False
