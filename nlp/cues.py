"""quotetrail_cues: find statements — direct quotes, mixed quotes and reported speech — and their cues.

A statement is created from either side: a reporting expression whose clause is the content
("X said that …", "according to X, …", "X expressed hope that …"), or a quotation that reads as
speech, with its cue searched for around it (`"…," Putin said`, `Smith: "…"`, `"…" - Assad`).
The speaker is found by the next stage; this one only decides what was said and what cued it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp import extensions
from nlp.errors import guarded
from nlp.lexicon import lexicon
from nlp.quotes import QUOTE_MARKS, outer_range, token_quotations
from nlp.sentences import SentenceIndex, doc_text
from nlp.text import paragraph_index

# Verbs whose infinitive complement is what was said: "vowed to retake the city".
# (Intentions such as "plans to" or "wants to" are in resources/intention_verbs.txt: they count only
# with a subject that names a source, see _intention_clause.)
INFINITIVE_CUES = frozenset({"vow", "promise", "pledge", "threaten", "refuse", "urge", "warn", "tell", "ask"})
# Reporting verbs whose direct object is what was said: "announced the arrest", "denied the claim".
OBJECT_CUES = frozenset({"announce", "deny", "confirm", "reveal", "report", "acknowledge", "admit", "propose",
                         "demand", "predict", "promise", "question", "cite", "disclose", "concede"})
# Speech acts that characterise what was said ("Trump criticized Clinton for her emails"): their
# object and its phrases are the content, when a person or organisation is the subject.
JUDGEMENT_CUES = frozenset({"criticize", "criticise", "praise", "defend", "endorse", "blame", "accuse", "thank",
                            "condemn", "denounce", "slam", "applaud", "attack", "mock", "dismiss", "hail", "urge"})
# "A poll found …": findings of polls, studies and reports are attributions too.
DATA_CUES = frozenset({"show", "find", "suggest", "indicate", "conclude", "reveal"})
DATA_SOURCES = frozenset({"poll", "survey", "study", "report", "analysis", "data", "research", "investigation",
                          "review", "audit", "census", "figure", "statistic", "count", "result", "number",
                          "estimate", "projection", "forecast", "model", "polling", "tally", "index",
                          # documents and inquiries report findings the same way ("new filings show …")
                          "filing", "record", "document", "memo", "email", "letter", "transcript", "average",
                          "inquiry", "examination", "probe", "evidence", "finding"})
# The small English model lemmatises "hopes" and "hoped" as "hop"; cues are looked up by lemma.
LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}
# Phrasal reporting verbs: (verb, particle or preposition) -> the dependency that holds the content.
PHRASAL_CUES = {("point", "out"): "ccomp", ("point", "to"): "pobj", ("talk", "about"): "pobj",
                ("speak", "about"): "pobj", ("speak", "of"): "pobj", ("warn", "of"): "pobj",
                ("warn", "against"): "pobj", ("complain", "about"): "pobj", ("boast", "about"): "pobj"}
VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"})
# A direct quote with no cue is still speech when it is at least this many words long and stands
# alone (starts its paragraph or fills its sentence); shorter ones are scare quotes or titles.
MIN_UNCUED_QUOTE_WORDS = 4
# How much of a reported clause must lie inside one quotation for the statement to count as a
# direct quote introduced by reported speech ("According to him, "…"") rather than a mixed one.
DIRECT_SHARE = 0.6
# How many tokens before or after a quote its cue is looked for: news cues hug their quotes, and
# the bound keeps a paragraph of many short quotations linear to process.
CUE_REACH = 40
DASHES = "-–—―−"
QUOTE_CLOSERS = '"”’»\'“‘«„'
_HEADLINE_ATTRIBUTION = re.compile(r"^(?P<content>.{12,}?)\s+[-–—―]\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*$")
_HEADLINE_COLON = re.compile(r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?P<content>[^\s].{12,})$")


@dataclass
class Statement:
    kind: str
    parts: list[tuple[int, int]]
    verbatim: list[tuple[int, int]] = field(default_factory=list)
    cue: tuple[int, int] | None = None
    cue_kind: str | None = None
    cue_token: int | None = None
    source_token: int | None = None  # for "according to X" / colon / dash: the head of X
    quotations: set[int] = field(default_factory=set)
    continuation_only: bool = False  # a short quote kept only if it merges into the cued one before it

    def cued_by(self, start: int, end: int, *, kind: str = "verb", token: int | None = None) -> Statement:
        """Record the cue (its character range, its kind and head token) and return the statement."""
        self.cue, self.cue_kind, self.cue_token = (start, end), kind, token
        return self

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


class CueFinder:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon = lexicon()

    # --- entry point ------------------------------------------------------------------------
    @guarded
    def __call__(self, doc: Doc) -> Doc:
        quotations = doc._.qt_quotations or []
        self.index = SentenceIndex(doc)
        token_quote = doc._.qt_token_quotes or token_quotations(doc, quotations)
        statements: list[Statement] = []
        for token in doc:
            if token_quote[token.i] >= 0 or token.is_space or token.is_punct:
                continue
            statement = self._reported_statement(doc, token, token_quote, quotations)
            if statement is not None:
                statements.append(statement)
        answers = self._interview_answers(doc)
        if answers:
            # An answer is the interviewee's own words; reported speech inside it is part of them.
            statements = [s for s in statements if not any(a.start <= s.start < a.end for a in answers)] + answers
        statements = _drop_nested(statements)
        claimed = set().union(*(statement.quotations for statement in statements)) if statements else set()
        for index, quotation in enumerate(quotations):
            if index in claimed:
                continue
            statement = self._direct_statement(doc, index, quotation, token_quote, quotations)
            if statement is not None:
                statements.append(statement)
        statements = [s for s in _merge_interrupted(doc, statements, quotations) if not s.continuation_only]
        statements.extend(self._headline_statements(doc, token_quote, statements))
        statements.sort(key=lambda statement: statement.start)
        doc.spans[extensions.STATEMENTS] = [_to_span(doc, statement) for statement in statements]
        doc.spans[extensions.CUES] = [
            span for span in (doc.char_span(*s.cue, alignment_mode="expand") for s in statements if s.cue) if span
        ]
        return doc

    # --- reported speech --------------------------------------------------------------------
    def _is_cue_verb(self, token: Token) -> bool:
        return _lemma(token) in self.lexicon.cue_verbs and (token.pos_ in ("VERB", "AUX") or token.tag_ in VERB_TAGS)

    def _reported_statement(self, doc: Doc, token: Token, token_quote, quotations) -> Statement | None:
        lower = token.lower_
        if token.pos_ in ("VERB", "AUX") and (_negative_subject(token, self.lexicon)
                                              or _refuses_speech(token, self.lexicon)):
            return None  # "Nobody expected …", "declined to comment": no statement was made
        if lower == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            return self._according_to(doc, token, token_quote, quotations)
        if lower == "in" and token.dep_ == "prep":
            return self._in_source(doc, token, token_quote, quotations)
        lemma = _lemma(token)
        cue_tokens = [token]
        content_head: Token | None = None
        exclude: Token | None = None
        cue_kind = "verb"
        if self._is_cue_verb(token):
            if _negated(token, token_quote):
                return None  # "did not say that": no statement
            if token.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in token.children):
                return None  # "Asked whether …, Garnier said": the reporter's question, not a statement
            if lemma == "ask" and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in token.children):
                return None  # "We asked him what he misses": the writer's own question
            # A clause after the cue is what it reports; one before it only in the inverted order.
            clauses = sorted((c for c in token.children if c.dep_ == "ccomp"), key=lambda c: (c.i < token.i, c.i))
            content_head = clauses[0] if clauses else None
            passive = any(child.dep_ == "auxpass" for child in token.children)
            if content_head is None and not passive and lemma in self.lexicon.speech_verbs:
                # "He said legalizing it could …": the parser's xcomp hides a clausal complement.
                content_head = next((c for c in token.children if c.dep_ == "xcomp" and c.i > token.i
                                     and any(g.dep_ in ("ccomp", "nsubj") for g in c.subtree if g.i != c.i)), None)
            if passive and lemma in self.lexicon.thought_verbs:
                return None  # "Wierzba is expected to stay": somebody else's expectation, unnamed
            if content_head is None and lemma in INFINITIVE_CUES and not passive:
                content_head = next((c for c in token.children if c.dep_ == "xcomp"), None)
            if content_head is None and lemma in self.lexicon.intention_verbs and not passive:
                content_head = _intention_clause(token, self.lexicon)  # "Obama hopes to send a nominee"
            if content_head is None and token.dep_ in ("parataxis", "ccomp") and token.head.i < token.i:
                # Inverted order, "The plan is dead, the mayor said": only when a comma (or a
                # closing quote) separates the cue clause from what it reports.
                head = token.head
                left = token.left_edge.i
                while left < token.i and doc[left].is_punct and doc[left].text in ",—–":
                    left += 1  # the parser may hang the comma before the cue clause on the cue
                before_clause = doc[left - 1] if left > 0 else None
                if (not self._is_cue_verb(head) and head.pos_ in ("VERB", "AUX") and before_clause is not None
                        and before_clause.text in (",", "”", '"', "’", "»", "—", "–")
                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)):
                    content_head, exclude = head, token
            if content_head is None and token.dep_ in ("relcl", "acl", "advcl", "conj") and token.head.i < token.i:
                final = self._sentence_final_cue(doc, token, quotations, token_quote)
                if final is not None:
                    return final
            if content_head is None:
                # "told reporters outside the courthouse that his client …": the parser hung the
                # that-clause on a noun; it still is what the cue reports.
                content_head = next((t.head for t in token.subtree if t.i > token.i and t.dep_ == "mark"
                                     and t.lower_ == "that" and t.head.pos_ in ("VERB", "AUX")
                                     and t.head.dep_ in ("acl", "relcl", "advcl")), None)
            if content_head is None and token.dep_ in ("parataxis", "ccomp") and token.head.i > token.i:
                parenthetical = self._parenthetical(doc, token, quotations, token_quote)
                if parenthetical is not None:
                    return parenthetical
            if content_head is None and lemma in OBJECT_CUES:
                # "announced the arrest of a man", "denied the report": the object is the content.
                content_head = next((c for c in token.children if c.dep_ == "dobj"
                                     and c.lower_ not in ("it", "this", "that", "so", "nothing", "anything")), None)
            if content_head is None and lemma == "call":
                # "called for higher taxes"
                for_phrase = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"), None)
                if for_phrase is not None:
                    content_head = next((c for c in for_phrase.children if c.dep_ == "pobj"), None)
                    cue_tokens = [token, for_phrase]
        elif token.pos_ == "NOUN" and lemma in self.lexicon.cue_nouns:
            # "Clinton's claim that …", "the senator's decision to …": the possessor is the source.
            found = _possessed_cue_noun(token, self.lexicon)
            if found is None:
                return None
            content_head, source = found
            content = _clause_range(doc, content_head, None, [token])
            if content is not None and token.head.i > token.i and content[1] > token.head.idx:
                # "The mayor's decision to close the library angered parents": the parser may hang
                # the sentence's own verb on the clause; the content stops before it.
                content = _trim_range(doc, content[0], doc[token.head.i - 1].idx + len(doc[token.head.i - 1]))
            statement = self._classify(doc, content, quotations, token_quote) if content is not None else None
            if statement is None:
                return None
            statement.source_token = source.i
            return statement.cued_by(token.idx, token.idx + len(token), kind="noun", token=token.i)
        elif lemma in self.lexicon.intention_verbs and token.pos_ == "VERB" and not _negated(token, token_quote):
            # "Cruz seeks to energize the grass roots", "A spokesman declined to comment"
            content_head = _intention_clause(token, self.lexicon)
        elif (phrasal := _phrasal_content(token)) is not None:
            # "pointed out that …", "talked about the economy", "warned of a recession"
            content_head, particle = phrasal
            cue_tokens = [token, particle]
        elif lemma in DATA_CUES and _finding_clause(token, self.lexicon) is not None:
            # "The inquiry found that …", "Mr. Autor and his colleagues found that …": a finding
            # reported by a person, an organisation or a document, always with a that-clause.
            content_head = _finding_clause(token, self.lexicon)
        elif lemma in DATA_CUES and any(c.dep_ == "nsubj" and c.lemma_.lower() in DATA_SOURCES for c in token.children):
            # "A poll found that …", "Instant polls showed Clinton was the winner"
            content_head = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if content_head is None:
                return self._characterisation(doc, token, token_quote, quotations, quoted_only=False)
        elif lemma in JUDGEMENT_CUES and token.pos_ == "VERB" and _has_source_subject(token, self.lexicon):
            return self._characterisation(doc, token, token_quote, quotations, quoted_only=False)
        elif lemma in self.lexicon.light_verbs:
            noun = next((c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in self.lexicon.cue_nouns), None)
            if noun is None:
                return None
            clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                           and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
            if clause is None:
                clause = next((c for c in token.children if c.dep_ in ("ccomp", "advcl")
                               and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
            if clause is None:
                return None
            content_head, cue_tokens, cue_kind = clause, [token, noun], "noun"
        if content_head is None and token.pos_ == "VERB" and (
            lemma in self.lexicon.evaluative_verbs or _has_human_subject(token, self.lexicon)
        ):
            return self._characterisation(doc, token, token_quote, quotations)
        if content_head is None:
            return None
        content = _clause_range(doc, content_head, exclude, cue_tokens)
        if content is None:
            return None
        if content_head.i > token.i:
            # Everything the cue governs after the clause belongs to it: a second reported clause
            # ("… that the gates "pose a risk"") or a conjoined verb ("and would be acquitted").
            # A conjoined cue verb ("… and others have said …", "… and says …") reports a statement
            # of its own, so it stays outside.
            tail = [c for c in token.children if c.i > content_head.i and c.dep_ in ("ccomp", "conj")
                    and c.pos_ in ("VERB", "AUX") and not (c.dep_ == "conj" and self._is_cue_verb(c))]
            if tail:
                last = max(t.i for c in tail for t in c.subtree)
                extended = _trim_range(doc, content[0], doc[last].idx + len(doc[last]))
                content = extended or content
        if exclude is not None:
            # "A wall would stop criminals, she said, but also the flow of drugs": the clause goes on
            # after the cue clause, so the statement has two parts around it.
            rest = _after_cue_clause(doc, content_head, exclude)
            if rest is not None:
                whole = self._classify(doc, (content[0], rest[1]), quotations, token_quote)
                if whole is not None and whole.kind == "indirect":
                    whole.parts = [content, rest]
                    return whole.cued_by(token.idx, token.idx + len(token), kind=cue_kind, token=token.i)
        statement = self._classify(doc, content, quotations, token_quote,
                                   nominal=content_head.dep_ in ("dobj", "pobj"))
        if statement is None:
            return None
        return statement.cued_by(min(t.idx for t in cue_tokens), max(t.idx + len(t) for t in cue_tokens),
                                 kind=cue_kind, token=token.i)

    def _sentence_final_cue(self, doc: Doc, cue: Token, quotations, token_quote) -> Statement | None:
        """`The government will freeze tuition, Finance Minister Celia Marlowe announced on Thursday.`

        The parser often hangs a sentence-final cue clause on the last noun; the clause before the
        comma is still what it reports, when the cue clause has its own subject and ends the sentence.
        """
        subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.lower_ not in ("who", "that", "which")), None)
        if subject is None:
            return None
        left = min(subject.left_edge.i, cue.i)
        if left == 0 or doc[left - 1].text != ",":
            return None
        sentence_start = self.index.sentence_start[cue.i]
        sentence_end = self.index.sentence_end[cue.i]
        if any(not t.is_punct and not t.is_space for t in doc[cue.right_edge.i + 1:sentence_end]):
            return None
        if left - 1 <= sentence_start:
            return None
        content = _trim_range(doc, doc[sentence_start].idx, doc[left - 1].idx)
        if content is None:
            return None
        statement = self._classify(doc, content, quotations, token_quote)
        if statement is None:
            return None
        return statement.cued_by(cue.idx, cue.idx + len(cue), token=cue.i)

    def _parenthetical(self, doc: Doc, cue: Token, quotations, token_quote) -> Statement | None:
        """`The truth, the senator said, was that …`: the cue clause interrupts its own content."""
        head = cue.head
        left, right = cue.left_edge.i, cue.right_edge.i
        while left < cue.i and doc[left].is_punct:  # the parser hangs the commas on the cue
            left += 1
        while right > cue.i and doc[right].is_punct:
            right -= 1
        if left == 0 or right + 1 >= len(doc):
            return None
        if doc[left - 1].text not in (",", "—", "–") or doc[right + 1].text not in (",", "—", "–"):
            return None
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children) or token_quote[head.i] >= 0:
            return None
        before = _trim_range(doc, doc[head.left_edge.i].idx, doc[left - 1].idx)
        after_start = right + 1
        while after_start < len(doc) and (doc[after_start].is_punct and doc[after_start].text in ",—–" or doc[after_start].is_space):
            after_start += 1
        last = head.right_edge
        after = _trim_range(doc, doc[after_start].idx, last.idx + len(last)) if after_start <= last.i else None
        if before is None or after is None:
            return None
        statement = self._classify(doc, (before[0], after[1]), quotations, token_quote)
        if statement is None or statement.kind != "indirect":
            return None
        statement.parts = [before, after]
        return statement.cued_by(cue.idx, cue.idx + len(cue), token=cue.i)

    def _characterisation(self, doc: Doc, token: Token, token_quote, quotations, *, quoted_only: bool = True
                          ) -> Statement | None:
        """`He called the plan "a disaster"`: the verb's complements, when they carry quoted words."""
        if _negated(token, token_quote):
            return None
        complements = [c for c in token.children if c.i > token.i and c.dep_ not in ("conj", "cc", "punct", "advcl", "parataxis", "mark")]
        if not complements:
            return None
        first = min(c.left_edge.i for c in complements)
        last = max(c.right_edge.i for c in complements)
        quoted = {token_quote[t.i] for t in doc[first:last + 1] if token_quote[t.i] >= 0 and t.is_alpha}
        if not quoted and quoted_only:
            return None
        fragments = [doc.char_span(*quotations[i]["parts"][0], alignment_mode="expand") for i in quoted]
        if quoted and all(fragment is not None and _looks_like_title(fragment) for fragment in fragments):
            return None  # `She read "War and Peace"`: a quoted title, not words said
        content = _trim_range(doc, doc[first].idx, doc[last].idx + len(doc[last]))
        if content is None:
            return None
        statement = self._classify(doc, content, quotations, token_quote, nominal=True)
        if statement is None or statement.kind == "indirect" and quoted_only:
            return None
        return statement.cued_by(token.idx, token.idx + len(token), token=token.i)

    def _according_to(self, doc: Doc, token: Token, token_quote, quotations) -> Statement | None:
        to = doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        phrase_end = max(t.i for t in source.subtree) + 1
        sentence = self.index.sentence(token)
        start, end = sentence.start, sentence.end
        paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
        before = [t for t in doc[start:token.i] if not t.is_space and not t.is_punct]
        after_start = phrase_end
        while after_start < end and (doc[after_start].is_punct and doc[after_start].text not in '"“„«‘\'' or doc[after_start].is_space):
            after_start += 1
        after = [t for t in doc[after_start:end] if not t.is_space and not t.is_punct]
        if len(after) >= len(before):
            if not after:
                return None
            content = _trim_range(doc, doc[after_start].idx, doc[end - 1].idx + len(doc[end - 1]))
        else:
            content = _trim_range(doc, doc[start].idx, doc[token.i - 1].idx + len(doc[token.i - 1]))
        if content is None:
            return None
        # A quotation that opens in this sentence may continue past it ("According to him, "A. B."").
        content = _extend_over_quotations(content, quotations, paragraphs)
        statement = self._classify(doc, content, quotations, token_quote)
        if statement is None:
            return None
        statement.source_token = source.i
        return statement.cued_by(token.idx, to.idx + len(to), kind="according", token=token.i)

    def _in_source(self, doc: Doc, token: Token, token_quote, quotations) -> Statement | None:
        """`In the latest poll, Clinton leads by four points`: a poll, study or document named before the clause.

        Only a phrase that opens its clause and ends at a comma, and only when the clause has no
        reporting verb of its own (then that verb's subject is the source, "In a poll, voters said …").
        """
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
        head = token.head
        if source is None or source.lemma_.lower() not in DATA_SOURCES or head.pos_ not in ("VERB", "AUX"):
            return None
        comma = source.right_edge.i + 1
        if head.i < token.i or comma >= head.i or doc[comma].text != "," or token_quote[head.i] >= 0:
            return None
        if token.i != head.left_edge.i and not (doc[head.left_edge.i].is_punct or doc[head.left_edge.i].dep_ == "cc"):
            return None
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > comma for c in head.children):
            return None
        if self._is_cue_verb(head) or _lemma(head) in self.lexicon.evaluative_verbs | DATA_CUES:
            return None
        content = _trim_range(doc, doc[comma + 1].idx, head.right_edge.idx + len(head.right_edge))
        if content is None:
            return None
        statement = self._classify(doc, content, quotations, token_quote)
        if statement is None or statement.kind != "indirect":
            return None
        statement.source_token = source.i
        return statement.cued_by(token.idx, token.idx + len(token), kind="in", token=token.i)

    def _classify(self, doc: Doc, content: tuple[int, int], quotations, token_quote, *, nominal: bool = False
                  ) -> Statement | None:
        """Decide direct / mixed / indirect for a reported clause, by how much of it is quoted.

        `nominal`: the content is the cue's object (`spoke of „…“`, `called it "…"`), where a
        quoted noun phrase is a fragment of the reporter's sentence, so a mixed quote.
        """
        paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
        content = _extend_over_quotations(content, quotations, paragraphs)
        start, end = content
        inside = [i for i, q in enumerate(quotations) if q["parts"][0][0] >= start - 1 and q["parts"][-1][1] <= end + 1]
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        words = [t for t in span if t.is_alpha or t.like_num]
        if len(words) < 2 and not inside:
            return None
        if not inside:
            if not any(t.pos_ in ("VERB", "AUX") for t in span) and len(words) < 4:
                return None
            return Statement(kind="indirect", parts=[content])
        quoted_words = [t for t in words if token_quote[t.i] in inside]
        for index in inside:
            quotation = quotations[index]
            quotation_words = [t for t in words if token_quote[t.i] == index]
            unquoted = [t for t in words if token_quote[t.i] < 0 and t.lower_ not in ("that", "whether")]
            whole = not unquoted  # the clause is the quotation (`"…," he said`; `said that "…"`)
            # `According to him, judging by X, "what is happening is …"`: the quote is a clause of
            # its own (it has its subject inside) and the words around it only frame it. When the
            # subject stays outside (`said the rockets "pose a threat"`) it is a mixed quote.
            # A finite verb outside the quote marks means the quote is only part of the reporter's
            # clause ("talks had produced "exactly what …""): mixed.
            framing_verb = any(token_quote[t.i] < 0 and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span)
            dominant = (len(quotation_words) >= MIN_UNCUED_QUOTE_WORDS
                        and len(quotation_words) >= DIRECT_SHARE * len(words)
                        and not framing_verb and _has_own_subject(doc, index, token_quote))
            if len(inside) == 1 and quotation_words and (whole or dominant):
                parts = [tuple(part) for part in quotation["parts"]]
                if nominal and _is_phrase(doc, index, token_quote):
                    # `spoke of „a day many people here stopped believing in“`: the speaker's
                    # words, but not an utterance of their own; the statement keeps its marks.
                    return Statement(kind="mixed", parts=[outer_range(quotation)], verbatim=parts,
                                     quotations={index})
                return Statement(kind="direct", parts=parts, verbatim=list(parts), quotations={index})
        verbatim = [tuple(part) for index in inside for part in quotations[index]["parts"]]
        if not quoted_words:
            return Statement(kind="indirect", parts=[content])
        return Statement(kind="mixed", parts=[content], verbatim=verbatim, quotations=set(inside))

    # --- direct quotes ----------------------------------------------------------------------
    def _direct_statement(self, doc: Doc, index: int, quotation: dict, token_quote, quotations) -> Statement | None:
        parts = [tuple(part) for part in quotation["parts"]]
        first_start, last_end = parts[0][0], parts[-1][1]
        label = _speaker_label(doc, first_start, last_end)
        if label is not None:
            # A transcript inside quote marks: `"WALLACE: But, Governor Pence, …"`.
            name_end_token, colon, content_start = label
            parts[0] = (content_start, parts[0][1])
            return Statement(kind="direct", parts=parts, verbatim=list(parts), cue=(colon, colon + 1),
                             cue_kind="colon", cue_token=None, source_token=name_end_token, quotations={index})
        content_span = doc.char_span(first_start, last_end, alignment_mode="expand")
        if content_span is None:
            return None
        words = [t for t in content_span if t.is_alpha or t.like_num]
        if not words:
            return None
        cue = self._find_cue(doc, quotation, token_quote)
        if cue is None:
            if quotation.get("recovered"):
                return None  # a repaired pairing is only trusted as speech when a cue confirms it
            if _is_heading(doc, quotation, content_span):
                return None  # a quoted Title Case line on its own is a section heading
            # `"We will win," Smith said. "Nobody believed us."`: a short quote right after a cued one
            # goes on with it (and is merged into it below), though alone it could be a scare quote.
            previous = quotations[index - 1] if index > 0 else None
            continues = previous is not None and _only_cue_between(doc, previous["parts"][-1][1], first_start,
                                                                   full_stop=True)
            # A short quotation mid-sentence is a scare quote; alone in its paragraph it is a reply.
            short = len(words) < MIN_UNCUED_QUOTE_WORDS and not _fills_paragraph(doc, quotation)
            if short and not continues:
                return None
            if not _stands_alone(doc, self.index, quotation, token_quote):
                return None
            if _looks_like_title(content_span):
                return None
            return Statement(kind="direct", parts=parts, verbatim=list(parts), quotations={index},
                             continuation_only=short)
        cue_kind, cue_range, cue_token, source_token = cue
        if _looks_like_title(content_span) and not _tight_cue(doc, quotation, cue_range):
            return None  # `during a "Commander-in-Chief Forum" sponsored by NBC`
        if _names_a_work(doc, content_span):
            return None  # `Pence said on CNN's "State of the Union."`: a programme, not speech
        if len(words) < MIN_UNCUED_QUOTE_WORDS and not _tight_cue(doc, quotation, cue_range):
            return None  # a short quotation mid-sentence is a scare quote unless the cue hugs it
        return Statement(kind="direct", parts=parts, verbatim=list(parts), cue=cue_range, cue_kind=cue_kind,
                         cue_token=cue_token, source_token=source_token, quotations={index})

    def _find_cue(self, doc: Doc, quotation: dict, token_quote):
        """The cue of a quotation: a reporting verb after or before it in its sentence, a colon, a dash."""
        marks = sorted(quotation["marks"])
        open_mark = marks[0] if marks and marks[0] < quotation["parts"][0][0] else quotation["parts"][0][0]
        close_mark = quotation["parts"][0][1]  # the interruption point of a single-paragraph quote
        paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
        last_end = quotation["parts"][-1][1]
        for end_point in dict.fromkeys((close_mark, last_end)):
            after = self.index.token_at_or_after(end_point)
            if after is None:
                continue
            paragraph = paragraphs[paragraph_index(paragraphs, end_point)]
            # After the quote: `"…," Putin said` / `"…," said Putin` / `"…" - Assad`.
            sentence_end = self.index.sentence_end[after.i]
            region = [t for t in doc[after.i:min(sentence_end, after.i + CUE_REACH)] if t.idx < paragraph[1]]
            found = self._cue_in(region, token_quote, from_left=True, quoted_limit=True)
            if found is not None:
                return found
            # `"…" ― Sonya Herridge` at the end of a paragraph (a dash attribution often stands
            # after the quote's final full stop, in what the parser takes for a new sentence).
            paragraph_end = self.index.token_at_or_after(paragraph[1])
            stop = paragraph_end.i if paragraph_end is not None else len(doc)
            # Only a short rest of the paragraph can be a dash attribution; a long one never is,
            # so look no further (this keeps the search linear in the number of quotations).
            tail = list(doc[after.i:stop]) if after.idx < paragraph[1] and stop - after.i <= 12 else []
            tail = [t for t in tail if not (t.is_punct and t.text in QUOTE_CLOSERS) and not t.is_space]
            dash = _dash_cue(tail)
            if dash is not None:
                return dash
            if not [t for t in region if t.is_alpha and token_quote[t.i] < 0] and sentence_end < len(doc):
                following = [t for t in doc[sentence_end:self.index.sentence_end[sentence_end]] if t.idx < paragraph[1]]
                if following and len([t for t in following if not t.is_punct and not t.is_space]) <= 8:
                    found = self._cue_in(following, token_quote, from_left=True, quoted_limit=True, bare_only=True)
                    if found is not None:
                        return found
        # Before the quote: `Putin said: "…"`, `He told reporters: "…"`, `Smith: "…"`.
        opener = self.index.token_at_or_after(open_mark)
        if opener is None:
            return None
        paragraph = paragraphs[paragraph_index(paragraphs, open_mark)]
        sentence_start = self.index.sentence_start[opener.i]
        region = [t for t in doc[max(sentence_start, opener.i - CUE_REACH):opener.i] if t.idx >= paragraph[0]]
        found = self._cue_in(region, token_quote, from_left=False, quoted_limit=True, before=True)
        if found is not None:
            return found
        colon = _colon_cue(doc, region, token_quote)
        if colon is not None:
            return colon
        here = paragraph_index(paragraphs, open_mark)
        if here > 0 and not [t for t in region if not t.is_space and not t.is_punct]:
            return self._introduced_by_previous_paragraph(doc, paragraphs[here - 1], token_quote)
        return None

    def _introduced_by_previous_paragraph(self, doc: Doc, paragraph: tuple[int, int], token_quote):
        """'He said:' closing the paragraph before a block quote that opens its own paragraph."""
        text = doc_text(doc)
        if not text[paragraph[0]:paragraph[1]].rstrip().endswith(":"):
            return None
        last = self.index.token_at_or_after(len(text[:paragraph[1]].rstrip()) - 1)
        if last is None or last.text != ":":
            return None
        start = max(self.index.sentence_start[last.i], last.i - CUE_REACH)
        region = [t for t in doc[start:last.i + 1] if t.idx >= paragraph[0]]
        return self._cue_in(region, token_quote, from_left=False, quoted_limit=True, before=True)

    def _cue_in(self, region: list[Token], token_quote, *, from_left: bool, quoted_limit: bool,
                bare_only: bool = False, before: bool = False):
        tokens = region if from_left else list(reversed(region))
        for token in tokens:
            if token_quote[token.i] >= 0:
                if quoted_limit and from_left and token.is_alpha:
                    return None  # another quotation starts: its own cue search decides
                continue
            if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
                to = token.doc[token.i + 1]
                source = next((c for c in to.children if c.dep_ == "pobj"), None)
                return ("according", (token.idx, to.idx + len(to)), token.i, source.i if source is not None else None)
            if self._is_cue_verb(token):
                if _negated(token, token_quote):
                    continue
                if (bare_only or from_left) and any(c.dep_ == "ccomp" and token_quote[c.i] < 0 and c.i > token.i
                                                    and not _clause_is_quoted(c, token_quote) for c in token.children):
                    continue  # "He said the vote was rigged." reports its own content
                if before and any(c.dep_ == "ccomp" and token_quote[c.i] < 0 and c.i > token.i
                                  and not _clause_is_quoted(c, token_quote) for c in token.children):
                    continue
                if _in_subject_of(token, token_quote) or _negative_subject(token, self.lexicon):
                    continue
                return ("verb", (token.idx, token.idx + len(token)), token.i, None)
        return None

    # --- question-and-answer interviews ---------------------------------------------------------
    def _interview_answers(self, doc: Doc) -> list[Statement]:
        """The answers of a printed interview: "Q: Do you miss the sea?" / "A: Every morning."

        An answer paragraph counts only after a question paragraph, so a list item "A. …" is
        not one. The words are the interviewee's, verbatim, though no quote marks enclose them;
        the resolution stage names the interviewee.
        """
        text = doc_text(doc)
        found: list[Statement] = []
        asked = False
        for start, end in doc._.qt_paragraphs or []:
            paragraph = text[start:end]
            if QUESTION_LABEL.match(paragraph):
                asked = True
                continue
            answer = ANSWER_LABEL.match(paragraph) if asked else None
            if answer is None:
                continue
            content = (start + answer.end(), start + len(paragraph.rstrip()))
            found.append(Statement(kind="direct", parts=[content], verbatim=[content],
                                   cue=(start + answer.start("label"), start + answer.end("label")),
                                   cue_kind="interview", cue_token=None))
        return found

    # --- headlines --------------------------------------------------------------------------
    def _headline_statements(self, doc: Doc, token_quote, statements: list[Statement]) -> list[Statement]:
        """One-line paragraphs such as `Daesh Attacked Palmyra - Assad` or `Assad: US Lifting Ban…`."""
        found = []
        taken = [(s.start, s.end) for s in statements]
        for start, end in doc._.qt_paragraphs or []:
            text = doc_text(doc)[start:end]
            # One line, one sentence (a headline may end with a full stop, as titles in some feeds do).
            if "\n" in text or len(text) > 200 or text.rstrip().endswith(("?", "!")) or ". " in text.rstrip(". "):
                continue
            if any(a < end and start < b for a, b in taken):
                continue
            for pattern in (_HEADLINE_ATTRIBUTION, _HEADLINE_COLON):
                match = pattern.match(text)
                if match is None:
                    continue
                name_start, name_end = start + match.start("name"), start + match.end("name")
                name = doc.char_span(name_start, name_end, alignment_mode="expand")
                if name is None or not _is_source_name(name, self.lexicon):
                    continue
                content = (start + match.start("content"), start + match.end("content"))
                content = _trim_range(doc, *content)
                if content is None:
                    continue
                cue = (name_start - 2, name_start - 1) if pattern is _HEADLINE_ATTRIBUTION else (name_end, name_end + 1)
                cue = _locate_punct(doc_text(doc), cue, ":" if pattern is _HEADLINE_COLON else DASHES)
                found.append(Statement(kind="indirect", parts=[content], cue=cue,
                                       cue_kind="dash" if pattern is _HEADLINE_ATTRIBUTION else "colon",
                                       cue_token=None, source_token=name.root.i))
                break
        return found


# --- helpers ---------------------------------------------------------------------------------

def _after_cue_clause(doc: Doc, head: Token, cue: Token) -> tuple[int, int] | None:
    """What the reported clause `head` says after an interrupting cue clause ("…, he said, …")."""
    right = cue.right_edge.i
    while right > cue.i and doc[right].is_punct:
        right -= 1
    if right + 1 >= len(doc) or doc[right + 1].text not in (",", "—", "–") or head.right_edge.i <= right + 1:
        return None
    start = right + 1
    while start <= head.right_edge.i and (doc[start].is_punct and doc[start].text in ",—–" or doc[start].is_space):
        start += 1
    if start > head.right_edge.i:
        return None
    last = head.right_edge
    rest = _trim_range(doc, doc[start].idx, last.idx + len(last))
    # At least a phrase: a lone adverb or a date after the cue is its own, not the statement's.
    if rest is None or sum(t.is_alpha for t in doc[start:last.i + 1]) < 3:
        return None
    return rest


def _lemma(token: Token) -> str:
    return LEMMA_FIXES.get(token.lower_, token.lemma_.lower())


def _names_source(verb: Token, lex) -> bool:
    """The verb's subject names who holds the view: a person, an organisation or group, or a role.

    A relative pronoun stands for the noun it modifies ("Kasich, who hopes to …"), and a conjoined
    verb without a subject shares the first one's ("supported Kasich, but now plans to …").
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
            return _names_source(verb.head, lex)
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
            return _names_source(verb.head, lex)  # "she doubled down, seeking to show …"
        if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.i < verb.i:
            subject = verb.head  # "supporters seeking to defeat her"
        else:
            return False
    if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
        subject = verb.head
    return (subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or subject.lower_ in ("he", "she", "they", "i", "we")
            or subject.lemma_.lower() in lex.role_nouns or subject.lemma_.lower() in lex.group_nouns)


def _intention_clause(verb: Token, lex) -> Token | None:
    """The to-infinitive clause of an intention verb with a source as subject ("Clinton plans to focus …").

    A bare object ("wants the votes") is not a statement, and neither is an intention with no
    named holder ("the bill seeks to …" is the reporter's summary).
    """
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or not _names_source(verb, lex):
        return None
    if any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("will", "'ll", "wo") for c in verb.children):
        return None  # "Clinton might want to …": the reporter's guess, not her stated intention
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                 and any(g.dep_ == "aux" and g.tag_ == "TO" for g in c.children)), None)


def _possessed_cue_noun(noun: Token, lex) -> tuple[Token, Token] | None:
    """(clause head, possessor) for "Clinton's claim that …" or "his decision to run".

    The possessor must name a source, and the clause must be a that-clause or a to-infinitive
    attached to the noun; "Trump's plan" alone or "the plan that failed" (a relative clause) is not.
    """
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or not (owner.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                             or owner.lower_ in ("his", "her", "their", "my", "our")
                             or owner.lemma_.lower() in lex.role_nouns or owner.lemma_.lower() in lex.group_nouns):
        return None
    for clause in noun.children:
        if clause.i < noun.i or clause.dep_ not in ("acl", "ccomp") or clause.pos_ not in ("VERB", "AUX"):
            continue
        if any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children) or any(
                g.dep_ == "aux" and g.tag_ == "TO" for g in clause.children):
            return clause, owner
    return None


def _finding_clause(verb: Token, lex) -> Token | None:
    """The that-clause of "found"/"showed" when a source or a document is the subject."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    documented = any(c.dep_ == "nsubj" and c.lemma_.lower() in DATA_SOURCES for c in verb.children)
    return clause if documented or _names_source(verb, lex) else None


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a conjoined verb without one shares the first verb's."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ != "conj" or verb.head.i >= verb.i:
            return subject
        verb = verb.head


def _negative_subject(verb: Token, lex) -> bool:
    """ "Nobody expected …", "No one believed …", "None of them said …": nobody is the source."""
    subject = _subject(verb)
    if subject is None:
        return False
    return subject.lower_ in lex.negative_quantifiers or any(
        c.dep_ in ("det", "neg") and c.lower_ in lex.negative_quantifiers for c in subject.children)


def _refuses_speech(verb: Token, lex) -> bool:
    """ "declined to comment", "refused to speak to reporters", "declined to give details".

    Refusing to say something is the absence of a statement; refusing anything else ("refused to
    sign the deal") still states an intention.
    """
    if _lemma(verb) not in lex.refusal_verbs:
        return False
    for clause in verb.children:
        if clause.dep_ != "xcomp" or clause.i < verb.i:
            continue
        if _lemma(clause) in lex.speech_acts or any(
                c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lex.speech_acts for c in clause.children):
            return True
    return False


def _negated(verb: Token, token_quote) -> bool:
    """ "did not say": a negation outside quotation marks (the parser may hang a quote's "not" on the cue)."""
    return any(child.dep_ == "neg" and token_quote[child.i] < 0 for child in verb.children)


def _tight_cue(doc: Doc, quotation: dict, cue_range: tuple[int, int]) -> bool:
    """`"Never," he said` / `He said: "Never."`: the cue is right next to the quote, with punctuation between."""
    start, end = quotation["parts"][0][0], quotation["parts"][-1][1]
    if cue_range[0] >= end:
        between = doc_text(doc)[end:cue_range[0]]
        inside_end = doc_text(doc)[max(start, end - 1):end]
        # Any mark may close: “ and « do in German-style „…“ and »…«.
        return len(between.split()) <= 4 and (inside_end in ",.!?" or between.lstrip(" " + QUOTE_MARKS)[:1] in (",", "—", "–"))
    between = doc_text(doc)[cue_range[1]:start]
    return len(between.split()) <= 3 and between.rstrip(" " + QUOTE_MARKS)[-1:] in (",", ":")


def _has_own_subject(doc: Doc, index: int, token_quote) -> bool:
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


def _is_phrase(doc: Doc, index: int, token_quote) -> bool:
    """The quotation is a phrase, not an utterance: its head is a noun or an adjective and it has no
    subject of its own ("three months of nobody speaking", not "Lock her up" or "We will win")."""
    if _has_own_subject(doc, index, token_quote):
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


def _clause_is_quoted(head: Token, token_quote) -> bool:
    words = [t for t in head.subtree if t.is_alpha]
    return bool(words) and sum(token_quote[t.i] >= 0 for t in words) >= 0.6 * len(words)


def _in_subject_of(cue: Token, token_quote) -> bool:
    # `The so-called "coalition" said …`: a quotation inside the cue's subject is a name, not speech.
    return any(child.dep_ in ("nsubj", "nsubjpass") and any(token_quote[t.i] >= 0 and t.is_alpha for t in child.subtree)
               for child in cue.children)


def _clause_range(doc: Doc, head: Token, exclude: Token | None, cue_tokens: list[Token]) -> tuple[int, int] | None:
    """The reported clause headed by `head`, as one contiguous character range without the cue."""
    cue = cue_tokens[0]
    if exclude is not None:
        # Inverted order ("The plan is dead, he said"): the clause runs up to the cue clause.
        cue = exclude
    if head.i < cue.i:
        # Content before the cue: from the clause's left edge up to the cue's subject or the cue.
        subject_starts = [t.left_edge.i for t in cue.children if t.dep_ in ("nsubj", "nsubjpass") and t.i > head.i]
        stop = min([cue.i] + subject_starts)
        first = head.left_edge.i
        if stop <= first:
            return None
        return _trim_range(doc, doc[first].idx, doc[stop - 1].idx + len(doc[stop - 1]))
    # Content after the cue: from the clause's left edge (past "that") to its right edge.
    tokens = [t for t in head.subtree if t.i > cue.i]
    if not tokens:
        return None
    first, last = tokens[0].i, tokens[-1].i
    while first <= last and (doc[first].dep_ == "mark" and doc[first].lower_ in ("that", "whether", "if")
                             or doc[first].is_space
                             or doc[first].is_punct and doc[first].text not in '"“„«‘\''):
        first += 1
    if first > last:
        return None
    return _trim_range(doc, doc[first].idx, doc[last].idx + len(doc[last]))


_TRAILING = ".,;:!?—–- \n\t)"
_LEADING = ",;:—–- \n\t"


def _trim_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    text = doc_text(doc)
    while start < end and text[start] in _LEADING:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    if end - start < 2:
        return None
    return start, end


def _extend_over_quotations(content: tuple[int, int], quotations: list[dict], paragraphs) -> tuple[int, int]:
    """Grow a clause so that a quotation it cuts through is wholly inside, with both its marks.

    A clause that starts or ends inside a quotation's words grows to its marks. And the parser
    often leaves one mark of a quotation at the clause's edge out (`called the comeback
    "competent".`, a headline's `promises “no new taxes” in budget`): a clause that reaches past
    one side of a quotation holds that side's mark, so it must hold the other side's too. A clause
    that is exactly a quotation's words keeps its edges (a direct quote's content has no marks).
    """
    start, end = content
    for quotation in quotations:
        q_start, q_end = quotation["parts"][0][0], quotation["parts"][-1][1]
        if not (q_start < end and start < q_end):
            continue
        outer_start, outer_end = outer_range(quotation)
        if q_start < start or end > q_end:
            start = min(start, outer_start)
        if end < q_end or start < q_start:
            end = max(end, outer_end)
    return start, end


def _stands_alone(doc: Doc, index: SentenceIndex, quotation: dict, token_quote) -> bool:
    """A quotation that opens its paragraph, or fills its sentence, reads as speech even without a cue."""
    paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
    first = quotation["parts"][0][0]
    paragraph = paragraphs[paragraph_index(paragraphs, first)]
    if doc_text(doc)[paragraph[0]:first].strip(" \n" + QUOTE_MARKS) == "":
        return True
    span = doc.char_span(first, quotation["parts"][-1][1], alignment_mode="expand")
    if span is None:
        return False
    first_sentence = index.sentence_start[span.start]
    last_sentence = index.sentence_end[span.end - 1]
    outside = 0
    for token in doc[first_sentence:last_sentence]:
        if token.is_alpha and token_quote[token.i] < 0:
            outside += 1
            if outside > 3:
                return False
    return True


def _fills_paragraph(doc: Doc, quotation: dict) -> bool:
    """The quotation is its whole paragraph ("Are you sure?" on a line of its own)."""
    paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
    start, end = paragraphs[paragraph_index(paragraphs, quotation["parts"][0][0])]
    return doc_text(doc)[start:end].strip(" \n\r\t" + QUOTE_MARKS) == \
        doc_text(doc)[quotation["parts"][0][0]:quotation["parts"][-1][1]].strip(" \n\r\t" + QUOTE_MARKS)


def _is_heading(doc: Doc, quotation: dict, span: Span) -> bool:
    paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
    start, end = paragraphs[paragraph_index(paragraphs, quotation["parts"][0][0])]
    alone = doc_text(doc)[start:end].strip(" ." + QUOTE_MARKS) == doc_text(doc)[quotation["parts"][0][0]:quotation["parts"][-1][1]].strip(" .")
    words = [t for t in span if t.is_alpha]
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "is", "isn't"}
    # Several sentences ("Favourites? No. Dangerous? Absolutely.") capitalise every word by
    # starting each one: that is speech, not a heading.
    sentences = re.search(r"[.?!]\s+\S", span.text.strip()) is not None
    return (alone and not sentences and 0 < len(words) <= 8
            and all(t.text[0].isupper() or t.lower_ in small for t in words))


def _looks_like_title(span: Span) -> bool:
    """Quoted titles and names ("Art of the Deal") are Title Case and end without punctuation."""
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 8:
        return False
    if span.text.rstrip()[-1:] in ".!?;:":
        return False
    capitalised = [t for t in words if t.text[0].isupper()]
    small = [t for t in words if t.lower_ in ("of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with")]
    return len(capitalised) + len(small) == len(words) and len(capitalised) >= max(1, len(words) // 2)


def _phrasal_content(verb: Token) -> tuple[Token, Token] | None:
    """(content head, particle) for a phrasal reporting verb with a person or organisation as subject."""
    for child in verb.children:
        key = (verb.lemma_.lower(), child.lower_)
        if child.dep_ not in ("prt", "prep") or key not in PHRASAL_CUES:
            continue
        if not _has_source_subject(verb, lexicon()):
            return None
        wanted = PHRASAL_CUES[key]
        holder = verb if wanted == "ccomp" else child
        content = next((c for c in holder.children if c.dep_ == wanted), None)
        return (content, child) if content is not None else None
    return None


def _has_source_subject(verb: Token, lex) -> bool:
    """A person or an organisation is the verb's subject (a conjoined verb shares the first one's)."""
    if (verb.dep_ == "conj" and verb.head.i < verb.i or verb.dep_ == "advcl" and verb.tag_ == "VBG") and (
            verb.head.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)):
        # "criticized the pope and accused him of …", "Corker said …, pointing out that …"
        return _has_source_subject(verb.head, lex)
    return _has_human_subject(verb, lex) or any(
        child.dep_ == "nsubj" and (child.ent_type_ in ("ORG", "NORP", "GPE") or any(
            # "Her counterpart, Klaus Verhoeven, spoke of …": the appositive names the subject
            a.dep_ == "appos" and a.ent_type_ in ("PERSON", "ORG") for a in child.children))
        for child in verb.children)


def _has_human_subject(verb: Token, lex) -> bool:
    """The verb's subject is a person (a name, he/she/they, or a role such as "the senator")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return (child.ent_type_ == "PERSON" or child.lower_ in ("he", "she", "they", "i", "we")
                    or child.lemma_.lower() in lex.role_nouns)
    return False


def _names_a_work(doc: Doc, span: Span) -> bool:
    """A short Title Case quotation right after a possessive or "on"/"in" names a show, book or film."""
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 6:
        return False
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with"}
    if not all(t.text[0].isupper() or t.lower_ in small for t in words) or not words[0].text[0].isupper():
        return False
    before = [t for t in doc[max(0, span.start - 3):span.start] if not t.is_punct and not t.is_space]
    return bool(before) and (before[-1].tag_ == "POS" or before[-1].lower_ in ("on", "in", "of", "titled", "called", "entitled"))


def _dash_cue(tail: list[Token]):
    """A dash, then a short capitalised name, then the end of the paragraph."""
    if len(tail) < 2 or len(tail) > 6:
        return None
    dash = tail[0].text.lstrip(QUOTE_CLOSERS)  # `”―` may come as one token
    if dash[:1] not in DASHES:
        return None
    position = tail[0].idx + len(tail[0].text) - len(dash)
    name = [t for t in tail[1:] if not t.is_punct]
    if not name or len(name) > 4 or not all(t.text[0].isupper() for t in name):
        return None
    return ("dash", (position, position + 1), None, name[-1].i)


def _colon_cue(doc: Doc, region: list[Token], token_quote):
    words = [t for t in region if not t.is_space]
    if len(words) < 2 or words[-1].text != ":":
        return None
    name = [t for t in words[:-1] if not t.is_punct]
    if len(name) > 6 and name[-1].ent_type_ == "PERSON":
        # "…doesn't surprise Republican pollster Daron Shaw: "…"": the person right before the colon.
        return ("colon", (words[-1].idx, words[-1].idx + 1), None, name[-1].i)
    if not name or len(name) > 6:
        return None
    if not any(t.pos_ in ("PROPN", "PRON", "NOUN") for t in name):
        return None
    return ("colon", (words[-1].idx, words[-1].idx + 1), None, name[-1].i)


# Labels of a printed interview's questions and answers, at the start of a paragraph.
QUESTION_LABEL = re.compile(r"\s*(?:Q|Question|QUESTION)\s*[:.]\s+\S")
ANSWER_LABEL = re.compile(r"\s*(?P<label>(?:A|Answer|ANSWER)\s*[:.])\s+(?=\S)")
_SPEAKER_LABEL = re.compile(r"(?P<name>[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}):\s+(?=\S)")


def _speaker_label(doc: Doc, start: int, end: int) -> tuple[int, int, int] | None:
    """A transcript's speaker label at `start` ("WALLACE: …", "Sen. Ann Lee: …").

    Returns (name's last token, colon offset, content start) when the label is in capitals or
    names a person, and at least a few words follow it.
    """
    match = _SPEAKER_LABEL.match(doc_text(doc), start, end)
    if match is None or len(doc_text(doc)[match.end():end].split()) < 3:
        return None
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    if name is None:
        return None
    letters = [c for c in name.text if c.isalpha()]
    if not (all(c.isupper() for c in letters) and len(letters) >= 2 or any(t.ent_type_ == "PERSON" for t in name)):
        return None
    return name[-1].i, match.end("name"), match.end()


def _is_source_name(span: Span, lex) -> bool:
    """Who a headline attributes to: a person, an organisation or a poll, not a phrase ("Stealth Over Health")."""
    if any(ent.label_ in ("PERSON", "ORG") for ent in span.ents):
        return True
    if span[-1].lemma_.lower() in DATA_SOURCES | {"newspaper", "paper", "camp", "campaign"}:
        return True
    return _is_person_name(span, lex)


def _is_person_name(span: Span, lex) -> bool:
    if any(t.lower_ in lex.group_nouns for t in span):
        return False
    if any(ent.label_ == "PERSON" for ent in span.ents):
        return True
    return all(t.pos_ == "PROPN" for t in span) and not any(ent.label_ in ("GPE", "LOC", "ORG", "NORP", "FAC") for ent in span.ents)


def _locate_punct(text: str, around: tuple[int, int], characters: str) -> tuple[int, int]:
    start, end = around
    for position in range(max(0, start - 2), min(len(text), end + 2)):
        if text[position] in characters:
            return position, position + 1
    return around


def _drop_nested(statements: list[Statement]) -> list[Statement]:
    """Reported speech inside another statement's content ("X said Y claimed Z") belongs to the outer one.

    Statements are swept in order of their start, keeping the widest content that started so far, so
    a paragraph dense with quotations stays linear rather than comparing every pair.
    """
    ordered = sorted(statements, key=lambda statement: (statement.start, -statement.end))
    kept: list[Statement] = []
    seen_parts: set[tuple] = set()
    widest: Statement | None = None  # the statement reaching furthest right among those started
    for statement in ordered:
        parts = tuple(map(tuple, statement.parts))
        if parts in seen_parts:
            continue  # the same content found from two cues: the first one wins
        cue_start = statement.cue[0] if statement.cue else None
        nested = (widest is not None and statement.end <= widest.end and cue_start is not None
                  and widest.start <= cue_start < widest.end)
        if nested:
            continue
        seen_parts.add(parts)
        kept.append(statement)
        if widest is None or statement.end > widest.end:
            widest = statement
    return kept


def _merge_interrupted(doc: Doc, statements: list[Statement], quotations) -> list[Statement]:
    """`"A," she said, "B."` is one statement in two parts: merge direct quotes that share a cue."""
    statements = sorted(statements, key=lambda statement: statement.start)
    merged: list[Statement] = []
    for statement in statements:
        previous = merged[-1] if merged else None
        if (
            previous is not None and previous.kind == "direct" and statement.kind == "direct"
            and previous.cue is not None and previous.end <= previous.cue[0] < statement.start
            and (statement.cue is None or statement.cue == previous.cue)
            and _only_cue_between(doc, previous.end, statement.start,
                                  full_stop=statement.cue is None or statement.cue == previous.cue)
        ):
            previous.parts.extend(statement.parts)
            previous.verbatim.extend(statement.verbatim)
            previous.quotations |= statement.quotations
            continue
        merged.append(statement)
    return merged


def _only_cue_between(doc: Doc, end: int, start: int, *, full_stop: bool = False) -> bool:
    """Only a short cue clause separates two quotes in one paragraph.

    `"A," she said, "B."` always continues; `"A," she said. "B."` continues too when B has no cue
    of its own (the news convention for going on with the same speaker).
    """
    between = doc_text(doc)[end:start]
    words = re.findall(r"[\w’'-]+", between)
    stripped = between.rstrip(" \"“„«‘'\n")
    separators = (",", ":", "—", "–", "-", ";") + ((".",) if full_stop else ())
    paragraphs = doc._.qt_paragraphs or [(0, len(doc_text(doc)))]
    same_paragraph = paragraph_index(paragraphs, end) == paragraph_index(paragraphs, start)
    # A continuation after a full stop may follow a long cue clause ("…," said Ann Lee, a
    # professor of economics at the state university. "…"); an interruption is short.
    limit = 25 if full_stop and stripped[-1:] == "." else 10
    return 0 < len(words) <= limit and stripped[-1:] in separators and same_paragraph


def _to_span(doc: Doc, statement: Statement) -> Span:
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    if span is None:  # pragma: no cover - expand always finds tokens for a non-empty range
        span = doc[0:1]
    span._.qt_kind = statement.kind
    span._.qt_content = (statement.start, statement.end)
    span._.qt_parts = [tuple(part) for part in statement.parts]
    # A quotation found with a mark's tolerance can reach past a clause cut by the parser; the
    # verbatim pieces are by contract inside the statement, so clip them to it.
    span._.qt_verbatim = [(max(a, statement.start), min(b, statement.end)) for a, b in statement.verbatim
                          if min(b, statement.end) > max(a, statement.start)]
    span._.qt_cue = statement.cue
    span._.qt_cue_kind = statement.cue_kind
    span._.qt_cue_token = statement.cue_token
    span._.qt_source_token = statement.source_token
    return span


@Language.factory(
    "quotetrail_cues",
    assigns=["doc.spans", "span._.qt_kind", "span._.qt_cue"],
    requires=["doc._.qt_quotations", "token.dep", "token.lemma"],
)
def make_cue_finder(nlp: Language, name: str) -> CueFinder:
    return CueFinder(nlp, name)
