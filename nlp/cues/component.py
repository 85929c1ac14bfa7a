"""The registered stage `quotetrail_cues`: find the statements of a Doc and the cues that introduce them."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp import extensions
from nlp.cues.assemble import drop_nested, merge_interrupted
from nlp.cues.boilerplate import boilerplate_paragraphs, in_boilerplate
from nlp.cues.context import Context
from nlp.cues.direct import direct_statement
from nlp.cues.frames import Frames
from nlp.cues.headlines import headline_statements
from nlp.cues.interviews import interview_answers, transcript_turns
from nlp.cues.reported import reported_statement
from nlp.cues.statement import Statement, to_span
from nlp.errors import guarded
from nlp.quotes import token_quotations
from nlp.vocabulary.wordlists import lexicon


class CueFinder:
    """Reported speech first (from its cues), then interview answers and transcript turns, then the quotations no
    statement claimed (cue searched for around them), then interrupted quotes merged and headlines;
    last, statements read from page furniture (nlp/cues/boilerplate.py) are dropped."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon = lexicon()
        self.frames = Frames.load()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        quotations = doc._.qt_quotations or []
        token_quote = doc._.qt_token_quotes or token_quotations(doc, quotations)
        context = Context.of(doc, quotations, token_quote, self.lexicon, self.frames)
        # Related-story lists, link labels, captions and keyword lines are page furniture: no statement
        # comes from them, and resolution leaves the names in them out of the article's people.
        doc._.qt_furniture = boilerplate_paragraphs(context.text, context.paragraphs)
        statements = self.find(context, doc._.qt_furniture)
        doc.spans[extensions.STATEMENTS] = [to_span(doc, statement) for statement in statements]
        doc.spans[extensions.CUES] = [
            span for span in (doc.char_span(*s.cue, alignment_mode="expand") for s in statements if s.cue) if span
        ]
        return doc

    def find(self, context: Context, furniture: dict[int, str]) -> list[Statement]:
        """Every statement of the Doc outside the `furniture` paragraphs, in text order."""
        doc, token_quote = context.doc, context.token_quote
        statements = [statement for token in doc
                      if token_quote[token.i] < 0 and not token.is_space and not token.is_punct
                      and (statement := reported_statement(context, token)) is not None]
        answers = interview_answers(doc) + transcript_turns(doc, furniture)
        if answers:
            # An answer or a transcript's turn is its speaker's own words; reported speech and
            # quotations inside it are part of them.
            statements = [s for s in statements if not any(a.start <= s.start < a.end for a in answers)] + answers
            for answer in answers:
                answer.quotations = {index for index, quotation in enumerate(context.quotations)
                                     if quotation["parts"][0][0] < answer.end
                                     and answer.start < quotation["parts"][-1][1]}
        statements = drop_nested(statements)
        claimed = set().union(*(statement.quotations for statement in statements)) if statements else set()
        for index, quotation in enumerate(context.quotations):
            if index in claimed:
                continue
            statement = direct_statement(context, index, quotation)
            if statement is not None:
                statements.append(statement)
        statements = [s for s in merge_interrupted(doc, statements) if not s.continuation_only]
        statements.extend(headline_statements(context, statements))
        statements = [s for s in statements if in_boilerplate(furniture, context.paragraphs, s.start) is None]
        statements.sort(key=lambda statement: statement.start)
        return statements


# `token.pos` is read as well; the attribute_ruler sets it without declaring it, so requiring it
# would make `nlp.analyze_pipes()` report a problem.
@Language.factory(
    "quotetrail_cues",
    assigns=["doc.spans", "doc._.qt_furniture", "span._.qt_kind", "span._.qt_content", "span._.qt_parts",
             "span._.qt_verbatim", "span._.qt_cue", "span._.qt_cue_kind", "span._.qt_cue_token",
             "span._.qt_source_token"],
    requires=["doc._.qt_quotations", "doc._.qt_token_quotes", "doc._.qt_paragraphs", "token.dep", "token.head",
              "token.lemma", "token.tag", "token.ent_type", "token.is_sent_start"],
)
def make_cue_finder(nlp: Language, name: str) -> CueFinder:
    return CueFinder(nlp, name)
