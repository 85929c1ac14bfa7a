"""Reported statements whose shape is more than a verb and its clause.

A clause turned into a statement (the common end of the cue rules), a cue clause that interrupts
or ends its content, a characterisation ("called the plan "a disaster""), "according to X", a
poll or document named before the clause ("In the latest poll, …"), and a possessed cue noun
("Clinton's claim that …").
"""
from __future__ import annotations

from spacy.tokens import Token

from nlp.cues.classify import classify
from nlp.cues.context import Context
from nlp.cues.filters import looks_like_title
from nlp.cues.kinds import ACCORDING, IN, NOUN, VERB
from nlp.cues.ranges import (
    CLAUSE_BREAKS,
    OPENING_MARKS,
    after_cue_clause,
    clause_range,
    extend_over_quotations,
    skip_breaks,
    token_range,
    trim_range,
)
from nlp.cues.statement import Statement
from nlp.cues.syntax import negated, possessed_cue_noun
from nlp.sources import DATA_SOURCE_LEMMA, source_kind
from nlp.vocabulary.names import RELATIVE_PRONOUNS

# Relative pronouns are no subject of a sentence-final cue clause ("…, who said").


def statement_from_clause(context: Context, cue: Token, head: Token, cue_tokens: list[Token],
                          exclude: Token | None = None, kind: str = VERB) -> Statement | None:
    """The statement whose content is the clause headed by `head`, cued by `cue_tokens`.

    `exclude`: in the inverted order ("The plan is dead, she said, …") the cue clause inside the
    content, which the content goes around.
    """
    doc = context.doc
    content = clause_range(doc, head, exclude, cue_tokens)
    if content is None:
        return None
    if head.i > cue.i:
        # Everything the cue governs after the clause belongs to it: a second reported clause
        # ("… that the gates "pose a risk"") or a conjoined verb ("and would be acquitted").
        # A conjoined cue verb ("… and others have said …", "… and says …") reports a statement
        # of its own, so it stays outside.
        tail = [c for c in cue.children if c.i > head.i and c.dep_ in ("ccomp", "conj")
                and c.pos_ in ("VERB", "AUX") and not (c.dep_ == "conj" and context.is_cue_verb(c))]
        if tail:
            last = max(t.i for c in tail for t in c.subtree)
            content = trim_range(doc, content[0], doc[last].idx + len(doc[last])) or content
    if exclude is not None:
        # "A wall would stop criminals, she said, but also the flow of drugs": the clause goes on
        # after the cue clause, so the statement has two parts around it.
        rest = after_cue_clause(doc, head, exclude)
        if rest is not None:
            whole = classify(context, (content[0], rest[1]))
            if whole is not None and whole.kind == "indirect":
                whole.parts = [content, rest]
                return whole.cued_by(cue.idx, cue.idx + len(cue), kind=kind, token=cue.i)
    statement = classify(context, content, nominal=head.dep_ in ("dobj", "pobj"))
    if statement is None:
        return None
    return statement.cued_by(min(t.idx for t in cue_tokens), max(t.idx + len(t) for t in cue_tokens),
                             kind=kind, token=cue.i)


def sentence_final_cue(context: Context, cue: Token) -> Statement | None:
    """`The government will freeze tuition, Finance Minister Celia Marlowe announced on Thursday.`

    The parser often hangs a sentence-final cue clause on the last noun; the clause before the
    comma is still what it reports, when the cue clause has its own subject and ends the sentence.
    """
    doc = context.doc
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS), None)
    if subject is None:
        return None
    left = min(subject.left_edge.i, cue.i)
    if left == 0 or doc[left - 1].text != ",":
        return None
    sentence_start = context.index.sentence_start[cue.i]
    sentence_end = context.index.sentence_end[cue.i]
    if any(not t.is_punct and not t.is_space for t in doc[cue.right_edge.i + 1:sentence_end]):
        return None
    if left - 1 <= sentence_start:
        return None
    content = trim_range(doc, doc[sentence_start].idx, doc[left - 1].idx)
    if content is None:
        return None
    statement = classify(context, content)
    if statement is None:
        return None
    return statement.cued_by(cue.idx, cue.idx + len(cue), token=cue.i)


def parenthetical(context: Context, cue: Token) -> Statement | None:
    """`The truth, the senator said, was that …`: the cue clause interrupts its own content."""
    doc = context.doc
    head = cue.head
    left, right = cue.left_edge.i, cue.right_edge.i
    while left < cue.i and doc[left].is_punct:  # the parser hangs the commas on the cue
        left += 1
    while right > cue.i and doc[right].is_punct:
        right -= 1
    if left == 0 or right + 1 >= len(doc):
        return None
    if doc[left - 1].text not in CLAUSE_BREAKS or doc[right + 1].text not in CLAUSE_BREAKS:
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children) or context.quoted(head):
        return None
    before = trim_range(doc, doc[head.left_edge.i].idx, doc[left - 1].idx)
    after_start = skip_breaks(doc, right + 1, len(doc) - 1)
    last = head.right_edge
    after = trim_range(doc, doc[after_start].idx, last.idx + len(last)) if after_start <= last.i else None
    if before is None or after is None:
        return None
    statement = classify(context, (before[0], after[1]))
    if statement is None or statement.kind != "indirect":
        return None
    statement.parts = [before, after]
    return statement.cued_by(cue.idx, cue.idx + len(cue), token=cue.i)


def characterisation(context: Context, token: Token, *, quoted_only: bool = True) -> Statement | None:
    """`He called the plan "a disaster"`: the verb's complements, when they carry quoted words.

    `quoted_only=False` for verbs that characterise speech whatever the words ("criticized
    Clinton for her emails", "polls showed a close race").
    """
    doc, token_quote = context.doc, context.token_quote
    if negated(token, token_quote):
        return None
    complements = [c for c in token.children
                   if c.i > token.i and c.dep_ not in ("conj", "cc", "punct", "advcl", "parataxis", "mark")]
    if not complements:
        return None
    first = min(c.left_edge.i for c in complements)
    last = max(c.right_edge.i for c in complements)
    quoted = {token_quote[t.i] for t in doc[first:last + 1] if token_quote[t.i] >= 0 and t.is_alpha}
    if not quoted and quoted_only:
        return None
    fragments = [doc.char_span(context.quotations[i]["parts"][0][0], context.quotations[i]["parts"][0][1],
                               alignment_mode="expand") for i in quoted]
    if quoted and all(fragment is not None and looks_like_title(fragment) for fragment in fragments):
        return None  # `She read "War and Peace"`: a quoted title, not words said
    content = token_range(doc, first, last)
    if content is None:
        return None
    statement = classify(context, content, nominal=True)
    if statement is None or statement.kind == "indirect" and quoted_only:
        return None
    return statement.cued_by(token.idx, token.idx + len(token), token=token.i)


def according_to(context: Context, token: Token) -> Statement | None:
    """`According to X, …` / `…, according to X`: the longer side of the sentence is the content."""
    doc = context.doc
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    verb = token.head
    if (token.dep_ == "prep" and context.is_cue_verb(verb) and context.token_quote[verb.i] < 0
            and any(c.dep_ == "nsubj" and context.token_quote[c.i] < 0 for c in verb.children)
            and any(context.token_quote[t.i] >= 0 for t in doc[context.index.sentence_start[verb.i]:verb.i])):
        # '"…," said Leslie Wimes, …, according to Politico': the one quoted speaks; the outlet only
        # reports the quote. ("Analysts had forecast 71 cents, according to Meridian Data" stays the data's.)
        return None
    phrase_end = max(t.i for t in source.subtree) + 1
    sentence = context.index.sentence(token)
    start, end = sentence.start, sentence.end
    before = [t for t in doc[start:token.i] if not t.is_space and not t.is_punct]
    after_start = phrase_end
    while after_start < end and (doc[after_start].is_punct and doc[after_start].text not in OPENING_MARKS
                                 or doc[after_start].is_space):
        after_start += 1
    after = [t for t in doc[after_start:end] if not t.is_space and not t.is_punct]
    if len(after) >= len(before):
        if not after:
            return None
        content = token_range(doc, after_start, end - 1)
    else:
        content = token_range(doc, start, token.i - 1)
    if content is None:
        return None
    # A quotation that opens in this sentence may continue past it ("According to him, "A. B."").
    content = extend_over_quotations(content, context.quotations, context.paragraphs)
    statement = classify(context, content)
    if statement is None:
        return None
    statement.source_token = source.i
    return statement.cued_by(token.idx, to.idx + len(to), kind=ACCORDING, token=token.i)


def in_source(context: Context, token: Token, finding_verbs: frozenset[str]) -> Statement | None:
    """`In the latest poll, Clinton leads by four points`: a poll, study or document named before the clause.

    Only a phrase that opens its clause and ends at a comma, and only when the clause has no
    reporting verb of its own (then that verb's subject is the source, "In a poll, voters said …").
    """
    doc = context.doc
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    head = token.head
    if (source is None or not source_kind(source, context.lexicon).has(DATA_SOURCE_LEMMA)
            or head.pos_ not in ("VERB", "AUX")):
        return None
    comma = source.right_edge.i + 1
    if head.i < token.i or comma >= head.i or doc[comma].text != "," or context.quoted(head):
        return None
    if token.i != head.left_edge.i and not (doc[head.left_edge.i].is_punct or doc[head.left_edge.i].dep_ == "cc"):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > comma for c in head.children):
        return None
    head_lemma = context.lemma(head)
    if context.is_cue_verb(head) or head_lemma in context.lexicon.evaluative_verbs or head_lemma in finding_verbs:
        return None
    content = token_range(doc, comma + 1, head.right_edge.i)
    if content is None:
        return None
    statement = classify(context, content)
    if statement is None or statement.kind != "indirect":
        return None
    statement.source_token = source.i
    return statement.cued_by(token.idx, token.idx + len(token), kind=IN, token=token.i)


def possessed_noun_statement(context: Context, token: Token) -> Statement | None:
    """`Clinton's claim that …`, `the senator's decision to …`: the possessor is the source."""
    doc = context.doc
    found = possessed_cue_noun(token, context.lexicon)
    if found is None:
        return None
    content_head, source = found
    content = clause_range(doc, content_head, None, [token])
    if content is not None and token.head.i > token.i and content[1] > token.head.idx:
        # "The mayor's decision to close the library angered parents": the parser may hang
        # the sentence's own verb on the clause; the content stops before it.
        verb_before = doc[token.head.i - 1]
        content = trim_range(doc, content[0], verb_before.idx + len(verb_before))
    statement = classify(context, content) if content is not None else None
    if statement is None:
        return None
    statement.source_token = source.i
    return statement.cued_by(token.idx, token.idx + len(token), kind=NOUN, token=token.i)
