"""quotetrail_speakers: find the mention — the words naming the speaker — of every cued statement.

The mention is the subject of the cue verb (climbing from "adding" or "was quoted as saying" to the
verb that has one), the object of "according to", or the name before a colon or after a dash. An
appositive ("Hugh Hill, a doctor, said") gives the speaker's role. Statements without a cue get
their speaker from their neighbours in the resolution stage.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp import extensions
from nlp.cues.kinds import ACCORDING, DASH, NOUN, VERB, mention_label
from nlp.errors import guarded
from nlp.quotes import token_quotations
from nlp.sources import GROUP_LEMMA, POSSESSIVE_PRONOUNS, ROLE_LEMMA, ROLE_WORD, source_kind
from nlp.vocabulary.names import RELATIVE_PRONOUNS
from nlp.vocabulary.wordlists import Lexicon, lexicon, organisation_nouns

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Links we climb from a subject-less reporting verb to the verb that has the subject:
# "he said, adding that …" (advcl), "was quoted as saying" (pcomp, prep), "vowed and said" (conj).
CLIMB_DEPS = ("xcomp", "conj", "advcl", "pcomp", "prep", "acl", "ccomp")
EXPLETIVES = ("it", "there", "this")
# "It says …" in the active voice stands for a document or a body named before ("The complaint … It says"):
# a subject, unlike the expletive of "it is said that", "it was reported".
# What the parser sometimes calls a reporting verb's subject when it is long or oddly punctuated.
MISPARSED_SUBJECT_DEPS = ("advcl", "dep", "npadvmod", "nmod", "intj")
# Clauses anywhere inside the phrase that are not part of the words naming the speaker.
NESTED_OUTSIDE_MENTION = ("relcl", "acl", "appos", "parataxis")
# Children that are not part of the words naming the speaker.
OUTSIDE_MENTION = ("appos", "relcl", "acl", "punct", "parataxis", "advcl", "advmod", "npadvmod")
# Cue kinds whose mention may carry an appositive giving the speaker's role ("Hugh Hill, a doctor,
# said"); after a colon or a dash the words are a bare name.
APPOSITIVE_KINDS = (VERB, NOUN, ACCORDING)


def _referring_it(subject: Token, verb: Token) -> bool:
    """"It" as the active subject of the reporting verb itself ("It says", "it added"), not an expletive."""
    return subject.lower_ == "it" and subject.dep_ == "nsubj" and subject.head.i == verb.i and verb.lemma_ != "be"


def subject_of(verb: Token, quoted: list[int] | None = None, lex: Lexicon | None = None) -> tuple[Token | None, str]:
    """The subject head of a reporting verb, climbing to a governing verb if it has none.

    `quoted` marks tokens inside quotation marks: a subject in there belongs to the quote's own
    sentence (the parser often hangs it on the cue verb), never to the speaker. `lex` is the
    calling stage's word lists (the process's own by default).
    """
    quoted = quoted or [-1] * len(verb.doc)
    current = verb
    path: list[Token] = []
    for _ in range(4):
        # Nearest first: in "Outside court, Margaret Okafor said" the parser may give "said" two
        # subjects, and the fronted phrase is the further one.
        for child in sorted(current.children, key=lambda c: (c.i > current.i, abs(c.i - current.i))):
            if child.dep_ in SUBJECT_DEPS and quoted[child.i] < 0 and _is_dateline(child):
                # The parser made the dateline the subject and hung the real one on it.
                # The last one: "LONDON (Reuters) - Rishi Sunak" hangs the agency there too.
                child = next((c for c in reversed(list(child.children)) if c.dep_ == "appos"), child)
            if (child.dep_ in SUBJECT_DEPS + ("appos",) and quoted[child.i] < 0 and not _is_dateline(child)
                    and (child.lower_ not in EXPLETIVES or _referring_it(child, current))):
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    # "Smith, who said …": the mention is "who"; resolution follows it to Smith.
                    return child, f"relative pronoun subject of '{current.text}'"
                how = f"subject of '{current.text}'" + (f" (via '{verb.text}')" if path else "")
                return child, how
        agent = next((c for c in current.children if c.dep_ == "agent"), None)
        if agent is not None:
            by_object = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if by_object is not None:
                return by_object, f"agent of '{current.text}'"
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i or quoted[current.head.i] >= 0:
            break
        if _participle_of_named(current, quoted):
            return current.head, f"name the parser hung '{current.text}' on (via '{verb.text}')"
        if current.dep_ == "xcomp":
            # "The senator forced Stumpf to admit that …": the object of the governing verb is the
            # one who speaks (object control), not its subject.
            controller = next((c for c in current.head.children
                               if c.dep_ == "dobj" and c.i < current.i and quoted[c.i] < 0), None)
            if controller is not None:
                return controller, f"object of '{current.head.text}' (via '{verb.text}')"
        path.append(current)
        current = current.head
    return _misattached_name(verb, quoted) or _adjacent_name(verb, quoted, lex or lexicon())


def _participle_of_named(verb: Token, quoted: list[int]) -> bool:
    """"De Blasio, speaking on WOR710, called Trump a “blowhard”": the parser read the verb as a
    participle modifying the person's name before it (acl); with a complement of its own and a comma
    after the name, the person is who acts. "A plan called 'Fresh Start'" is no person's name."""
    head = verb.head
    doc = verb.doc
    # A person's name, or a proper noun with no other label that is itself a verb's subject (the
    # NER often leaves "De Blasio" unlabelled).
    named = head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and not head.ent_type_ and head.dep_ == "nsubj")
    return (verb.dep_ == "acl" and head.i < verb.i and named
            and quoted[head.i] < 0 and head.i + 1 < len(doc) and doc[head.i + 1].text == ","
            and any(c.dep_ in ("dobj", "oprd", "ccomp") for c in verb.children))


def _misattached_name(verb: Token, quoted: list[int]) -> tuple[Token, str] | None:
    """A name before the cue that the parser hung on it as a clause or modifier instead of its subject.

    "Astronomer Felix Brandt of the observatory, who checked the images, said …": a long subject
    with a relative clause is sometimes parsed as an adverbial clause of "said".
    """
    for child in verb.lefts:
        if (child.dep_ in MISPARSED_SUBJECT_DEPS and quoted[child.i] < 0
                and (child.pos_ == "PROPN" or child.ent_type_ == "PERSON") and not _is_dateline(child)):
            return child, f"name before '{verb.text}' (parsed as its {child.dep_})"
    return None


def _is_dateline(token: Token) -> bool:
    """ "WASHINGTON — President Obama said": a place in capitals before a dash opens the story."""
    doc = token.doc
    after = token.i + 1
    if after < len(doc) and doc[after].text == "(":
        # "LONDON (Reuters) -": step over the agency in parentheses.
        closing = next((k for k in range(after + 1, min(len(doc), after + 5)) if doc[k].text == ")"), None)
        after = closing + 1 if closing is not None else after
    following = doc[after] if after < len(doc) else None
    return (token.text.isupper() and len(token.text) > 2 and following is not None
            and following.text in ("—", "–", "-", "--", "―", "(AP)", "(Reuters)", ",")
            and token.ent_type_ in ("GPE", "LOC", "ORG", ""))


def _adjacent_name(verb: Token, quoted: list[int], lex: Lexicon) -> tuple[Token | None, str]:
    """A name or pronoun right next to the cue, when the parse gave the cue no usable subject.

    `"…," Putin said` and `"…," said Putin` are the commonest patterns in news; the parser, misled
    by the quote, sometimes attaches the name as a compound or an object.
    """
    doc = verb.doc
    for index in (verb.i - 1, verb.i + 1, verb.i - 2, verb.i + 2):
        if not 0 <= index < len(doc) or quoted[index] >= 0:
            continue
        token = doc[index]
        if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL") or token.lower_ in EXPLETIVES:
            continue
        human_noun = token.pos_ == "NOUN" and source_kind(token, lex).has(ROLE_LEMMA, GROUP_LEMMA)
        if (token.pos_ in ("PROPN", "PRON") or human_noun) and not token.is_punct:
            head = token
            while (head.dep_ in ("compound", "flat") and head.head.i != head.i and quoted[head.head.i] < 0
                   and head.head.pos_ in ("PROPN", "NOUN")):
                head = head.head
            anchor = _appositive_anchor(head, quoted)
            named = _name_before_phrase(head, verb, quoted) if anchor is head else None
            if named is not None:
                return named, f"name before the phrase set off by commas next to '{verb.text}'"
            return anchor, f"next to '{verb.text}'"
    return None, ""


# How far back from the cue a phrase set off by commas may open, in tokens.
PHRASE_REACH = 16


def _name_before_phrase(token: Token, verb: Token, quoted: list[int]) -> Token | None:
    """"Eric Garner, gasping facedown on a sidewalk in Staten Island, said": the word next to the cue is a
    preposition's object closing a phrase set off by commas, and the person named right before the phrase's
    opening comma speaks (a place after "in" never does). The parser often leaves such a cue subjectless."""
    doc = token.doc
    if token.dep_ != "pobj" or token.i >= verb.i or doc[verb.i - 1].text != ",":
        return None
    for k in range(token.i - 1, max(0, verb.i - PHRASE_REACH), -1):
        if quoted[k] >= 0 or doc[k].is_sent_start:
            return None
        if doc[k].text == ",":
            before = doc[k - 1]
            if before.ent_type_ != "PERSON" or quoted[before.i] >= 0:
                return None
            head = before
            while head.dep_ in ("compound", "flat") and head.head.i == head.i + 1 and head.head.ent_type_ == "PERSON":
                head = head.head
            return head
    return None


def _appositive_anchor(token: Token, quoted: list[int]) -> Token:
    """The name an appositive describes, when the word next to the cue ends that appositive: in
    "Col. Steven H. Warren, a military spokesman in Baghdad, said" the place closes the description
    of Warren, who speaks."""
    climbed = token
    while climbed.dep_ in ("pobj", "prep") and climbed.head.i != climbed.i and quoted[climbed.head.i] < 0:
        climbed = climbed.head
    if climbed is token or climbed.dep_ != "appos" or climbed.pos_ != "NOUN":
        return token
    anchor = climbed.head
    return anchor if anchor.pos_ == "PROPN" and anchor.ent_type_ == "PERSON" and quoted[anchor.i] < 0 else token


def _when_phrase(child: Token) -> bool:
    """"The city's new mayor on Tuesday rejected …": the parser hangs the time on the noun, but it
    says when the source spoke, not who they are ("the report of January 2015" is named by its date)."""
    return child.dep_ == "prep" and child.lower_ in ("on", "at", "during", "in") and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in child.children)


# The entity labels of names that several listed together speak as one group.
NAMED_MEMBER_LABELS = ("PERSON", "ORG")


def coordinated_names(head: Token) -> list[Token]:
    """`head` and the heads joined to it into one subject: "Obama and Clinton", and "A, B and C", which
    the parser often reads as A with an appositive B that has its own conjunct C."""
    members = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" or (child.dep_ == "appos" and _listed_name(child)):
                members.append(child)
                stack.append(child)
    return members


def _listed_name(token: Token) -> bool:
    """A name that opens "B and C" inside a list, not an appositive describing the name before it."""
    return (token.pos_ == "PROPN" and any(c.dep_ == "cc" for c in token.children)
            and any(c.dep_ == "conj" for c in token.children))


def mention_range(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head`, without appositives or clauses;
    names listed together ("Jeff Merkley (D-Ore.), Sherrod Brown and Robert Menendez") are one phrase."""
    start, end = _phrase_range(head)
    if head.ent_type_ not in NAMED_MEMBER_LABELS:
        return start, end  # every member must be a name, the head first: no need to walk the phrase
    members = coordinated_names(head)
    # Only names of people or bodies: "Steve Bell, senior director …, and a Republican who …" is one man.
    if len(members) > 1 and all(member.ent_type_ in NAMED_MEMBER_LABELS for member in members):
        end = max(end, _phrase_range(max(members, key=lambda member: member.i))[1])
    return start, end


def _phrase_range(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the words around `head` that name it, without appositives or clauses."""
    excluded: set[int] = set()
    for child in head.children:
        if child.dep_ in OUTSIDE_MENTION or _when_phrase(child):
            excluded.update(t.i for t in child.subtree)
    for token in head.subtree:
        # "Felix Brandt of the observatory, who checked …": a clause deeper in the phrase is not
        # part of the naming words either.
        if (token.i != head.i and token.i not in excluded and token.dep_ in NESTED_OUTSIDE_MENTION
                and token.head.i != head.i):
            excluded.update(t.i for t in token.subtree)
    tokens = sorted(t.i for t in head.subtree if t.i not in excluded)
    start = end = head.i
    index_set = set(tokens)
    while start - 1 in index_set and not head.doc[start - 1].is_space:
        start -= 1
    while end + 1 in index_set and not head.doc[end + 1].is_space:
        end += 1
    # A name the parser split into several subjects ("Bashar al - Assad") is still one entity.
    doc = head.doc
    if head.ent_type_ in ("PERSON", "ORG"):
        while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].ent_type_ == head.ent_type_:
            start -= 1
        # A name the NER ran on past a comma was cut there by nlp/entities.py (entity.comma_run_on).
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
    # Drop trailing punctuation and possessive markers: "Putin's" names Putin.
    while end > start and (head.doc[end].is_punct or head.doc[end].tag_ == "POS"):
        end -= 1
    while start < end and head.doc[start].is_punct:
        start += 1
    return start, end + 1


def appositive_of(head: Token) -> Span | None:
    appositive = next((c for c in head.children if c.dep_ == "appos" and not _listed_name(c)), None)
    if appositive is None and head.pos_ == "NOUN":
        # "A spokeswoman for the agency, Amina Yusuf, said": the parser hangs the name on the
        # last noun of the role phrase; a person's name there is the role holder's.
        appositive = next((c for prep in head.children if prep.dep_ == "prep"
                           for obj in prep.children if obj.dep_ == "pobj"
                           for c in obj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if appositive is None:
        return None
    start, end = mention_range(appositive)
    return head.doc[start:end]


class SpeakerFinder:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon = lexicon()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        quoted = doc._.qt_token_quotes or token_quotations(doc, doc._.qt_quotations or [])
        mentions = []
        for statement in doc.spans.get(extensions.STATEMENTS, []):
            head, how = self._mention_head(doc, statement, quoted)
            if head is None:
                statement._.qt_attribution = None
                continue
            start, end = mention_range(head)
            if statement._.qt_cue_kind == DASH and statement._.qt_cue is not None:
                # "Putin warns West over missiles - Kremlin": only the words after the dash name the
                # source, however the parser joined the headline.
                while start < end - 1 and doc[start].idx < statement._.qt_cue[1]:
                    start += 1
            mention = doc[start:end]
            title = None
            appositive = appositive_of(head) if statement._.qt_cue_kind in APPOSITIVE_KINDS else None
            if appositive is not None and appositive.root.pos_ in ("NOUN", "PROPN"):
                role_head = (source_kind(head, self.lexicon).has(ROLE_WORD, ROLE_LEMMA)
                             or related_person_noun(head))
                # A capitalised role is a proper noun to the tagger ("The General Secretary of the
                # association, Nana Kofi Boateng, told …"); a name is not a role.
                if ((head.pos_ != "PROPN" or role_head and head.ent_type_ != "PERSON")
                        and (appositive.root.ent_type_ == "PERSON" or role_head and _looks_like_name(appositive))):
                    # "The spokeswoman, Jane Doe, said": the appositive names her, the head is her role.
                    title, mention = mention.text, appositive
                else:
                    title = appositive.text
            statement._.qt_mention = (mention.start_char, mention.end_char)
            statement._.qt_mention_title = _without_determiner(title) if title else None
            statement._.qt_attribution = how
            mentions.append(mention)
        doc.spans[extensions.MENTIONS] = mentions
        return doc

    def _mention_head(self, doc: Doc, statement: Span, quoted: list[int]) -> tuple[Token | None, str]:
        source = statement._.qt_source_token
        cue = statement._.qt_cue_token
        label = mention_label(statement._.qt_cue_kind, doc[cue].text if cue is not None else None)
        if label is not None and source is not None:
            return doc[source], label
        if cue is None:
            return None, ""
        return subject_of(doc[cue], quoted, self.lexicon)


def is_short_proper_name(span: Span) -> bool:
    """Two or three capitalised proper nouns: the shape of a person's name, whatever the NER's label."""
    return 2 <= len(span) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)


def related_person_noun(head: Token) -> bool:
    """A common noun that a personal possessive ties to someone: "Her educator, Nadia Belanger, said",
    "His neighbour, …". A relation between people whatever the noun, where a role list cannot name
    every occupation; "Its owner" and "The company, Acme Corp," are not (no personal possessive), nor "His
    company, Halden Group," (a noun for a body)."""
    return (head.pos_ == "NOUN" and head.tag_ == "NN" and head.lemma_.lower() not in organisation_nouns()
            and any(child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS for child in head.children))


def _looks_like_name(span: Span) -> bool:
    """A name the NER may have called an organisation or a place: "Its leader, Sophie Marchand,
    said" is a person whatever the label."""
    return is_short_proper_name(span) and not any(t.ent_type_ in ("LOC", "NORP", "FAC") for t in span)


def _without_determiner(text: str) -> str:
    for determiner in ("a ", "an ", "the "):
        if text.lower().startswith(determiner):
            return text[len(determiner):]
    return text


@Language.factory(
    "quotetrail_speakers",
    assigns=["span._.qt_mention", "span._.qt_mention_title", "span._.qt_attribution", "doc.spans"],
    # Also read: token.pos, which the attribute ruler sets without declaring it (requiring it would
    # make analyze_pipes() report a problem).
    requires=["doc.spans", "span._.qt_cue", "span._.qt_cue_kind", "span._.qt_cue_token", "span._.qt_source_token",
              "doc._.qt_quotations", "doc._.qt_token_quotes", "token.dep", "token.lemma", "token.ent_type"],
)
def make_speaker_finder(nlp: Language, name: str) -> SpeakerFinder:
    return SpeakerFinder(nlp, name)
