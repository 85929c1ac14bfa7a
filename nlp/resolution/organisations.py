"""Organisation rules: a mention that names a body, or refers back to one.

Organisations resolve like people: one registry per article (`Organisations`, from the NER's ORG
entities) gives each body one canonical name, the one the article spells out: "NTSB" and "(NTSB)"
after "National Transportation Safety Board" are that board, "the Hawks" after "the Harbour City
Hawks" is the club, "the ministry" after "the Ministry of Health" the ministry, "the company" the
company last named. Each rule is `(mention, context) -> Resolved | None`; nlp/resolution/policy.py
orders them.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from nlp.resolution.naming import titled_name, titles_a_name
from nlp.resolution.rules import ORGANISATION, Context, Mention, Resolved, rule
from nlp.sentences import doc_text
from nlp.sources import ORGANISATION_LABELS
from nlp.vocabulary import wordlists
from nlp.vocabulary.names import COMPANY_NAME_ENDINGS, HONORIFICS_IN_TEXT, LEGAL_SUFFIXES, fold_name

ORGANISATION_TYPE = "organisation"
# Small words an acronym may skip: "NAACP" = National Association for the Advancement of Colored People.
_ACRONYM_SKIPPABLE = frozenset({"of", "for", "the", "and", "on", "in", "to", "a", "an", "at", "&"})
_ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){2,8}$")
# Nouns that stand for any body just named: "the company", "the group" (a ministry or a court must
# be named with its own noun: organisation.named_before).
GENERIC_BODY_NOUNS = frozenset({"company", "firm", "corporation", "business", "group", "organisation",
                                "organization", "agency", "club", "team", "bank", "startup", "carrier",
                                "airline", "manufacturer", "retailer", "insurer", "lender", "utility", "union",
                                "body", "maker", "producer", "operator", "chain", "giant", "provider", "miner"})
# How far back "the company" reaches for the body last named, in paragraphs.
BODY_REACH = 4


def _acronym_key(text: str) -> str:
    return text.replace(".", "").replace(" ", "").lower()


def initials(words: list[str]) -> tuple[str, str]:
    """The initials of a name, with and without its small words."""
    every = "".join(w[0] for w in words if w[:1].isalpha()).lower()
    content = "".join(w[0] for w in words if w[:1].isalpha() and w.lower() not in _ACRONYM_SKIPPABLE).lower()
    return every, content


def is_acronym(text: str) -> bool:
    """"NTSB", "U.N.", "DoJ": two to eight capitals, with dots or a lower-case letter between them."""
    return bool(_ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


@dataclass
class Organisations:
    """The organisations an article names (ORG entities): canonical names and acronyms."""

    doc: Doc
    names: list[tuple[int, str]] = field(default_factory=list)  # (start token, canonical name), in order
    expansions: dict[str, str] = field(default_factory=dict)  # acronym key -> the name spelled out
    # Short names the article defines in brackets after the name, as written: "Association of Mineworkers
    # and Allied Workers (Amawu)" -> {"Amawu": …}. British and South African papers write acronyms as
    # words ("Amawu", "Nasa"), which the NER takes for people.
    defined: dict[str, str] = field(default_factory=dict)
    # Where each such name is written, in tokens: (first, end, name).
    spelled_out: list[tuple[int, int, str]] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc, companies: frozenset[str] = frozenset()) -> Organisations:
        """`companies`: names the NER tags PERSON that the article shows are bodies (People.companies and
        People.bodies), so that "the company" finds "Winslow Freight, which operated the train"."""
        found = cls(doc)
        spelled: list[str] = []
        for ent in doc.ents:
            whole = body_name(ent) if ent.label_ in ("ORG", "GPE") else None
            if whole is not None:
                found.names.append((ent.start, whole))
                spelled.append(whole)
                continue
            if ent.label_ == "PERSON" and companies:
                name = without_article(ent.text.strip())
                if name.endswith(("'s", "’s")):
                    name = name[:-2].rstrip()
                if name in companies:
                    found.names.append((ent.start, name))
                continue
            if ent.label_ != "ORG":
                # "Port Adrian FC" tagged a place: a name that ends as a company's or a club's does is a body's.
                if ent.label_ in ORGANISATION_LABELS + ("LOC", "FAC") and len(ent) >= 2 \
                        and ent[-1].lower_.rstrip(".") in LEGAL_SUFFIXES | COMPANY_NAME_ENDINGS:
                    found.names.append((ent.start, without_article(ent.text.strip())))
                continue
            # "Federal Bureau of Investigation (FBI": the NER sometimes runs on into the brackets.
            name = without_article(ent.text.split(" (")[0].strip())
            if is_acronym(name):
                # "(NTSB)" right after the name it abbreviates.
                before = doc[ent.start - 1] if ent.start > 0 else None
                if before is not None and before.text == "(" and spelled and ent.start >= 2 \
                        and doc[ent.start - 2].ent_type_ == "ORG":
                    found.expansions.setdefault(_acronym_key(name), spelled[-1])
            elif len(name.split()) >= 2:
                spelled.append(name)
            found.names.append((ent.start, name))
        for name in spelled:
            for key in initials(name.split()):
                if len(key) >= 2:
                    found.expansions.setdefault(key, name)
        for short, name, start, end in _bracketed_short_names(doc):
            if _acronym_key(short) not in found.expansions:  # initials already tell which name it is
                found.defined.setdefault(short, name)
                found.expansions[_acronym_key(short)] = name
            # The pieces the NER cut the name into ("Association of Mineworkers and" | "Allied Workers") are
            # that one body, not two.
            first = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
            found.spelled_out.append((first, end, name))
            found.names = [(at, name if first <= at < end else written) for at, written in found.names]
            if not any(first <= at < end for at, _ in found.names):
                found.names = sorted(found.names + [(first, name)])
        return found

    def canonical(self, name: str) -> str:
        """The name the article spells out for `name`: an acronym's expansion, else the name."""
        if name in self.defined:
            return self.defined[name]
        return self.expansions.get(_acronym_key(name), name) if is_acronym(name) else name

    def spelled_at(self, token_i: int) -> str | None:
        """The name defined in brackets that token `token_i` is written in, whatever the NER made of it."""
        return next((name for first, end, name in self.spelled_out if first <= token_i < end), None)

    def before(self, token_i: int) -> list[str]:
        """The organisations named before token `token_i`, latest first."""
        return [name for start, name in reversed(self.names) if start < token_i]


# Small words inside an organisation's name ("Association of Mineworkers and Allied Workers").
_NAME_CONNECTORS = frozenset({"of", "and", "for", "&", "on", "in", "to", "at"})


_BRACKETED_WORD = re.compile(r"\(\s*[^\W\d_][^\W_]*\s*\)")


def _continues_name(token: Token) -> bool:
    return token.lower_ != "the" and (token.text[:1].isupper() and token.is_alpha or token.lower_ in _NAME_CONNECTORS)


# How many lower-case words a name in another language may run on after its capitalised first word.
_LOWER_CASE_NAME_WORDS = 6


def _lower_case_run_start(doc: Doc, bracket: int) -> int | None:
    """The capitalised ORG word that opens the lower-case words right before `bracket`, if any."""
    at = bracket - 1
    while at > 0 and bracket - at <= _LOWER_CASE_NAME_WORDS and doc[at].is_alpha and doc[at].is_lower:
        at -= 1
    if at == bracket - 1 or doc[at].ent_type_ != "ORG" or not doc[at].text[:1].isupper():
        return None
    return at


def _initials_spell(short: str, words: Span) -> bool:
    """Whether the capitals of `short` are the initials of `words` in order, starting with the first word
    and skipping small ones: "FEPE" for "Fédération des éducatrices en petite enfance"."""
    letters = [fold_name(c)[0] if fold_name(c) else c.lower() for c in short if c.isupper()]
    initials_ = [fold_name(t.text)[0][0] for t in words if fold_name(t.text)]
    if len(letters) < 2 or not initials_ or letters[0] != initials_[0]:
        return False
    remaining = iter(initials_[1:])
    return all(any(letter == initial for initial in remaining) for letter in letters[1:])


def _bracketed_short_names(doc: Doc) -> list[tuple[str, str, int, int]]:
    """(short name, name, its first token, the bracket's token) for "Capitalised Name Words (Short)" where
    the name's last word is in an ORG entity: the name is the run of capitalised words and connectors
    before the bracket, whichever entities the NER split it into."""
    found = []
    # Found in the text first: a pass over every token for the few brackets an article has is not free.
    for match in _BRACKETED_WORD.finditer(doc_text(doc)):
        bracket = doc.char_span(match.start(), match.start() + 1)
        if bracket is None:
            continue
        at = bracket.start
        if at == 0 or at + 2 >= len(doc) or doc[at + 2].text != ")":
            continue
        short = doc[at + 1]
        if not (short.is_alpha and short.text[:1].isupper()):
            continue
        last = at - 1
        # "the Penang Island City Council (MBPP)": a body's name the NER tagged a place ends in a body's word.
        body_word = doc[last].lower_ in _ANY_BODY_WORDS and doc[last].text[:1].isupper()
        if doc[last].ent_type_ != "ORG" and not (doc[last].ent_type_ and body_word):
            # "Fédération des éducatrices en petite enfance (FEPE)": a name in a language that writes its
            # words in lower case, which the NER cuts after the first; the initials must spell the acronym.
            opening = _lower_case_run_start(doc, at)
            if opening is None or not _initials_spell(short.text, doc[opening:at]):
                continue
            last = opening
        # Back to "the" or the first word that is neither capitalised nor a connector: "the management of
        # Klipspruit Platinum and the Association of Mineworkers and Allied Workers (Amawu)".
        start = last
        while start > 0 and _continues_name(doc[start - 1]):
            start -= 1
        while start < at - 1 and doc[start].lower_ in _NAME_CONNECTORS:
            start += 1
        if at - start >= 2:
            found.append((short.text, doc[start:at].text, start, at))
    return found


def registry(context: Context) -> Organisations:
    """The article's organisations: the component builds them once per Doc; a bare Context builds them here."""
    if context.organisations is None:
        context.organisations = Organisations.build(context.doc, context.people.known_bodies())
    return context.organisations


def organisation_result(name: str, reason: str, confidence: float) -> Resolved:
    return Resolved(name, None, reason, confidence, speaker_type=ORGANISATION_TYPE)


def without_article(name: str) -> str:
    """"The Heritage Foundation" → "Heritage Foundation": the canonical form of an organisation's name."""
    return name[4:] if name.lower().startswith("the ") else name


# Nouns for a body named after the place or the field it governs: "the Canton of Valais", "the Cruise Lines
# Association of the Eastern Mediterranean", "the City of Ottawa".
_BODY_OF_PLACE = frozenset({"canton", "city", "state", "province", "county", "municipality", "district", "region",
                            "republic", "kingdom", "commonwealth", "town", "borough"})


def name_with_of(ent: Span) -> str | None:
    """The body's whole name where the NER stopped it before "of" and the named place or field after it: "Canton"
    + "of Valais", "Cruise Lines Association" + "of the Eastern Mediterranean"; None if it does not go on so."""
    doc = ent.doc
    last = ent[-1].lower_
    # "the canton of Valais" in lower case is the canton all the same; "the Association of" only capitalised.
    kind = last in _BODY_OF_PLACE or ent[-1].text[:1].isupper() and (
        last in wordlists.organisation_nouns() or last in _ANY_BODY_WORDS
        or last == "directorate")
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of" or not kind:
        return None
    start = ent.end + 1
    if doc[start].lower_ == "the" and start + 1 < len(doc):
        start += 1
    # The place or field: a run of capitalised proper nouns ("the Eastern Mediterranean" the NER left untagged).
    end = start
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and end - start < 6:
        end += 1
        # "of the Department of Homeland Security": a small word inside the name, then more of it.
        if end + 1 < len(doc) and doc[end].lower_ in ("of", "for", "and") and doc[end + 1].pos_ == "PROPN" \
                and doc[end + 1].text[:1].isupper():
            end += 1
    if end == start:
        return None
    written = without_article(doc[ent.start:end].text.strip())
    return written[:1].upper() + written[1:]


# Last words of a local authority's name that may open with a list of places: "Newry, Mourne and Down District
# Council", "Bath and North East Somerset Council".
_AUTHORITY_ENDINGS = frozenset({"council", "authority"})


def name_with_places(ent: Span) -> str | None:
    """A council's whole name where the NER kept only its last place: "Newry, Mourne and" + "Down District
    Council"; None if no list of capitalised places comes right before it."""
    doc = ent.doc
    if ent[-1].lower_ not in _AUTHORITY_ENDINGS or ent[0].lower_ == "the" or ent.start < 2 \
            or doc[ent.start - 1].lower_ != "and":
        return None
    start = ent.start - 1
    # Back over "Place," pairs: one capitalised word, then a comma or the start of the list.
    while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
        start -= 1
        if start > 0 and doc[start - 1].text == ",":
            start -= 1
        else:
            break
    if doc[start].text == ",":
        start += 1
    if start >= ent.start - 1 or start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
        return None  # "Klipspruit Platinum and Down District Council": two bodies, not a list of places
    return doc[start:ent.end].text


def name_after_possessive(ent: Span) -> str | None:
    """A name the NER cut in two after a possessive inside it: "The Seoul Night Riders'" + "Solidarity"."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is None or before.tag_ != "POS" or before.ent_type_ != "ORG" or before.whitespace_ == "":
        return None
    start = before.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return without_article(doc[start:ent.end].text.strip())


def body_name(ent: Span) -> str | None:
    """The whole name of a body the NER cut short, else None: "Canton" + "of Valais", "Newry, Mourne and" + "Down
    District Council", "Seoul Night Riders'" + "Solidarity"."""
    return name_with_of(ent) or name_with_places(ent) or (name_after_possessive(ent) if ent.label_ == "ORG" else None)


def organisation_at_head(mention: Mention, context: Context) -> Span | None:
    """The organisation, place or nationality entity in the mention that holds its head."""
    head_i, whole = mention.head.i, mention.whole
    # A name the NER ran on past the comma ending the mention was cut there by nlp/entities.py.
    return next((ent for ent in context.people.entities_in(whole)
                 if ent.label_ in ORGANISATION_LABELS and ent.start <= head_i < ent.end), None)


# Determiners before a party or a people that pick one unnamed member of it ("one Republican", "a Democrat").
ONE_MEMBER_DETERMINERS = frozenset({"a", "an", "one", "another"})


@rule("organisation.named")
def named(mention: Mention, context: Context) -> Resolved | None:
    """An organisation the mention names: "the Interior Ministry said"."""
    spelled = registry(context).spelled_at(mention.head.i)
    if spelled is not None:
        # "The Fédération des éducatrices en petite enfance (FEPE) said": the name its brackets define.
        return organisation_result(spelled, f"{spelled}: organisation named at the cue, as its short name in "
                                   "brackets defines it", ORGANISATION)
    organisation = organisation_at_head(mention, context)
    if organisation is None:
        return None
    if organisation.start > 0 and context.doc[organisation.start - 1].lower_ in HONORIFICS_IN_TEXT \
            or organisation[0].lower_ in HONORIFICS_IN_TEXT:
        return None  # "Mr Somchai said": an honorific names a person, whatever the NER's label
    whole = body_name(organisation)
    if whole is None and len(organisation) == 1 and organisation[0].is_lower:
        return None  # the NER's label on a lower-case common noun ("canton says") names nobody
    name = whole or without_article(organisation.text)
    colon = next((t.i for t in organisation if t.text == ":"), None)
    if colon is not None and whole is None:
        # "Judicial Watch: State Department Hid …": a headline's colon ends the name the NER ran on past it; the
        # name is the side that holds the mention's head.
        side = organisation.doc[organisation.start:colon] if mention.head.i < colon else \
            organisation.doc[colon + 1:organisation.end]
        name = without_article(side.text.strip()) or name
    if organisation.label_ == "NORP" and mention.head.tag_ == "NNPS":
        # "Republicans said": the members of a party or a people, a group.
        return Resolved(name, None, f"{name}: members of a party or a people named at the cue (group)",
                        ORGANISATION, speaker_type="group")
    if len(organisation) == 1 and mention.head.i == organisation.start and mention.head.pos_ == "NOUN" \
            and mention.head.tag_ == "NNS":
        # "Islanders say": a plural common noun the NER labelled a body, capitalised by the sentence's start.
        return Resolved(name, None, f"{name}: people described by a plural noun (group)", ORGANISATION,
                        speaker_type="group")
    if organisation.label_ == "NORP" and mention.span[0].lower_ in ONE_MEMBER_DETERMINERS:
        # "One Republican threatened …", "a Democrat said": one unnamed member, not the party.
        return Resolved(mention.text, None, f"{mention.text}: one unnamed member of a party or a people",
                        ORGANISATION, speaker_type="unnamed")
    return organisation_result(name, f"{name}: organisation named at the cue", ORGANISATION)


# Bodies named after the person who leads them: "the Obama administration", "her campaign".
# A person's "team" or "camp" is the news writer's word for their campaign: one body, one name.
PERSONAL_BODIES = {"campaign": "campaign", "administration": "administration", "government": "government",
                   "camp": "campaign", "team": "campaign", "office": "office", "cabinet": "cabinet"}


@rule("organisation.of_person")
def of_person(mention: Mention, context: Context) -> Resolved | None:
    """A body named after its leader: "the Obama administration", "Clinton's campaign", "her campaign"."""
    head = mention.head
    if head.pos_ != "NOUN" or head.lemma_.lower() not in PERSONAL_BODIES or head.tag_ in ("NNS", "NNPS"):
        return None
    leader = next((c for c in head.children if c.dep_ in ("poss", "compound")
                   and (c.pos_ == "PROPN" or c.lower_ in ("his", "her"))), None)
    if leader is None:
        return None
    found = context.resolve((leader.idx, leader.idx + len(leader.text)))
    if found.person is None:
        return None
    body = PERSONAL_BODIES[head.lemma_.lower()]
    name = f"{found.person.name.split()[-1]} {body}"
    return organisation_result(name, f"{mention.text} → {name}: the {body} of {found.person.name}",
                               ORGANISATION * 0.9)


@rule("organisation.legal_form")
def legal_form(mention: Mention, context: Context) -> Resolved | None:
    """A name ending in a company's legal form ("Winslow Freight Ltd said"), or written with one elsewhere in
    the article ("Winslow Freight said" after "Winslow Freight Ltd"): a company, whatever the NER's label
    (the small NER tags two capitalised words PERSON as readily as ORG)."""
    tokens = mention.name_tokens
    if not tokens:
        return None
    name = context.doc[tokens[0].i:tokens[-1].i + 1]
    if len(name) >= 2 and name[-1].lower_.rstrip(".") in LEGAL_SUFFIXES:
        written = without_article(name.text)
        return organisation_result(written, f"{written}: a company's legal form ends the name", ORGANISATION)
    company = context.people.companies.get(name.text)
    if company is not None:
        return organisation_result(company, f"{name.text} → {company}: written as a company's name elsewhere in the "
                                   "article", ORGANISATION * 0.9)
    return None


def news_outlets() -> frozenset[str]:
    """News outlets and platforms cited as sources: resources/news_outlets.txt."""
    return wordlists.words("news_outlets.txt")


@rule("organisation.outlet")
def outlet(mention: Mention, context: Context) -> Resolved | None:
    """A news outlet or platform named as the source ("Politico reported", "according to Zero Hedge", "Twitter
    announced"): a body, whatever the NER's label. News cites outlets with the cues it uses for people, and the
    small NER tags a one- or two-word outlet PERSON as readily as ORG."""
    if mention.head.ent_type_ == "ORG":
        return None  # the NER has it right: organisation.named
    printed = [t for t in mention.span if t.pos_ == "PROPN" or t.text[:1].isupper() and t.lower_ != "the"]
    if not printed or printed[-1].i != mention.head.i:
        return None
    name = context.doc[printed[0].i:printed[-1].i + 1].text
    if name.lower() not in news_outlets():
        return None
    return organisation_result(name, f"{name}: a news outlet or platform cited as a source", ORGANISATION)


@rule("organisation.used_as_body")
def used_as_body(mention: Mention, context: Context) -> Resolved | None:
    """A name the article uses as a body's elsewhere ("Winslow Freight said" where it writes "Winslow Freight,
    which operated the train" or "Winslow Freight's founder"): a company, though the NER tags it PERSON."""
    tokens = mention.name_tokens
    if not tokens:
        return None
    name = context.doc[tokens[0].i:tokens[-1].i + 1].text
    shown = context.people.bodies.get(name)
    if shown is None:
        return None
    # "Patriot" for "Patriot Coal": the one longer name of a body the article starts with the word.
    longer = [body for body in context.people.known_bodies() if body.split()[0] == name and body != name]
    name = longer[0] if len(longer) == 1 else name
    return organisation_result(name, f"{name}: the article writes '{shown}', as of a body, not a person",
                               ORGANISATION * 0.9)


@rule("organisation.single_word")
def single_word(mention: Mention, context: Context) -> Resolved | None:
    """One capitalised word the NER tags ORG that the article prints elsewhere as a surname: "Varga told
    reporters" after "Governor Ilona Varga". The small NER tags surnames ORG as often as a company's
    one-word name; without a sign of a surname the word is the body it names ("Apple", "Politico"), left
    to organisation.named. News style introduces a person by full name, so the sign is nearly always there."""
    organisation = organisation_at_head(mention, context)
    if organisation is None or organisation.label_ != "ORG" or len(organisation) != 1:
        return None
    word = organisation[0]
    if (is_acronym(word.text) or mention.span[0].lower_ == "the" or not word.is_title
            or word.lemma_.lower() in context.lists.group_nouns
            or any(name != word.text and word.text in name.split() for _, name in registry(context).names)
            or not printed_as_surname(word, context)):
        return None
    return Resolved(word.text, None, f"{word.text}: one capitalised word tagged ORG that the article prints as a "
                    "surname (as written, typed a person)", ORGANISATION * 0.7, speaker_type="person")


def printed_as_surname(word: Token, context: Context) -> bool:
    """`word` written elsewhere after a listed given name or a person's title ("Ilona Varga", "Governor
    Varga"), or tagged PERSON there by the NER."""
    for position in context.people.capitalised_positions().get(word.text.replace("’", "'"), ()):
        other = context.doc[position]
        if other.i == word.i:
            continue
        if other.ent_type_ == "PERSON":
            return True
        before = context.doc[other.i - 1] if other.i > 0 else None
        if before is not None and before.is_title and (
                before.lower_ in context.lists.name_genders or titles_a_name(before, context.lists)):
            return True
    return False


@rule("organisation.defined_short_name")
def defined_short_name(mention: Mention, context: Context) -> Resolved | None:
    """A short name the article defines in brackets after an organisation's name ("… Allied Workers (Amawu)"),
    whatever the NER calls it later ("Amawu said" tagged a person)."""
    words = [t for t in mention.span if t.lower_ != "the"]
    if len(words) != 1:
        return None
    name = registry(context).defined.get(words[0].text)
    if name is None:
        return None
    return organisation_result(name, f"{words[0].text} → {name}: the short name the article gives it in brackets",
                               ORGANISATION)


@rule("organisation.acronym")
def acronym(mention: Mention, context: Context) -> Resolved | None:
    """An acronym of an organisation the article spells out: "the NTSB said" → National Transportation Safety Board;
    also where the NER tags the acronym a person or nothing ("CNS reported" after "Christian News Service"): a
    person is not written in initials that spell out a body the article names."""
    organisation = organisation_at_head(mention, context)
    head = mention.head
    if organisation is not None:
        written = without_article(organisation.text.strip())
    elif head.pos_ == "PROPN" and head.ent_type_ in ("", "PERSON") and is_acronym(head.text):
        written = head.text
    else:
        return None
    name = registry(context).canonical(written)
    if name == written:
        return None
    return organisation_result(name, f"{written} → {name}: the acronym of the organisation the article spells out",
                               ORGANISATION)


# Initials a body goes by are short: "CNS", "MSNBC", "U.N."; a transcript label in capitals ("WALLACE:") is longer.
_INITIALS = re.compile(r"^(?:[A-Z]\.?){2,5}$")


@rule("organisation.initials")
def written_in_initials(mention: Mention, context: Context) -> Resolved | None:
    """A source written in two to five capital initials that the NER tags a person or nothing, and that no person
    of the article is named by ("MNSBC suggested"): a body's name. News writes people's names out; initials are
    the names of bodies, networks and agencies."""
    head = mention.head
    if head.pos_ != "PROPN" or head.ent_type_ not in ("", "PERSON") or not _INITIALS.match(head.text) \
            or any(t.pos_ == "PROPN" and t.i != head.i for t in mention.span):
        return None
    if context.people.match([head.lower_]) is not None or head.lower_ in context.lists.name_genders:
        return None
    return organisation_result(head.text, f"{head.text}: a name written in initials, as a body's is",
                               ORGANISATION * 0.7)


@rule("organisation.short_name")
def short_name(mention: Mention, context: Context) -> Resolved | None:
    """The last words of an organisation's longer name given before ("the Hawks" → Harbour City Hawks), or
    the first word of the one longer name it starts ("Northline" → Northline Logistics)."""
    words = [t for t in mention.span if t.pos_ == "PROPN"]
    if not words or mention.head.pos_ != "PROPN" or words[-1].i != mention.head.i:
        return None
    written = " ".join(t.text for t in words)
    for name in registry(context).before(mention.span.start):
        if name != written and len(name) > len(written) and name.endswith(" " + written):
            reason = f"{mention.text} → {name}: the short form of the organisation named before"
            return organisation_result(name, reason, ORGANISATION * 0.9)
    # "Northline" after "Northline Logistics": the first word of the one longer name it starts.
    longer = _short_forms(context).get(written) if len(words) == 1 else None
    if longer is not None and any(start < mention.span.start and name == longer
                                  for start, name in registry(context).names):
        reason = f"{mention.text} → {longer}: the first word of the organisation named before"
        return organisation_result(longer, reason, ORGANISATION * 0.85)
    return None


@rule("organisation.with_article")
def with_article(mention: Mention, context: Context) -> Resolved | None:
    """"The Dunmore Courier", "The Heritage Foundation": people's names take no article."""
    span = mention.span
    if mention.head.pos_ != "PROPN" or span[0].lower_ != "the" or not mention.name_tokens:
        return None
    name = registry(context).canonical(span[1:].text)
    return organisation_result(name, f"{name}: organisation named at the cue", ORGANISATION * 0.9)


def _organisation_named_before(mention: Span, context: Context) -> str | None:
    """'the authority' after 'the Riverlands Water Authority': the latest organisation named with that head."""
    head = mention.root
    # The tagger takes a lower-case "canton" for a proper noun now and then: it is still the common noun.
    common = head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.is_lower
    # "the ombudsman's office": a possessor may say which office, and the name must then hold it too.
    owners = [t for t in mention if t.dep_ == "poss" and t.head.i == head.i and t.pos_ == "NOUN"]
    if mention[0].lower_ not in ("the", "this") or not common or len(mention) > 3 + 2 * len(owners):
        return None
    entities, starts = context.people.sorted_entities()
    fitting = []
    for ent in reversed(entities[:bisect_left(starts, mention.start)]):
        # A name of two words or more: a headline's capitalised "Council" names nothing.
        if ent.label_ == "ORG" and len(ent) >= 2 and any(
                t.lemma_.lower() == head.lemma_.lower() and t.pos_ in ("PROPN", "NOUN") for t in ent) and all(
                any(t.lemma_.lower() == owner.lemma_.lower() for t in ent) for owner in owners):
            fitting.append(body_name(ent) or without_article(ent.text))
    if fitting:
        # Of two universities, "the university said" is the one that has spoken in the article, not the one an
        # expert it quotes works at.
        spoke = {found.speaker for _, found in context.history if found.speaker_type == ORGANISATION_TYPE}
        return next((name for name in fitting if name in spoke), fitting[0])
    # A name the NER did not tag a body whole: "the Canton of Valais" ("Canton" a place, "Valais" a body).
    noun = head.lower_
    return next((name for start, name in reversed(registry(context).names) if start < mention.start
                 and len(name.split()) >= 2 and noun in name.lower().split()
                 and all(owner.lower_ in name.lower().split() for owner in owners)), None)


@rule("organisation.named_before")
def named_before(mention: Mention, context: Context) -> Resolved | None:
    """A definite common noun that is the head of an organisation's name given earlier: "the authority"."""
    name = _organisation_named_before(mention.span, context)
    if name is None:
        return None
    return organisation_result(name, f"{mention.text} → {name}: the organisation named before with that noun",
                               ORGANISATION * 0.9)


def _looks_like_person(start: int, name: str, context: Context) -> bool:
    """A known person, or a short name after a person's title or starting with a listed given name
    ("defender Lachlan Pike", "Marcus Carver" tagged ORG), with no body's word in it ("Morgan Stanley Bank")."""
    words = [word.lower() for word in name.split()]
    if context.people.match(words) is not None:
        return True
    if not 2 <= len(words) <= 3 or any(word in GENERIC_BODY_NOUNS or word in _BODY_WORDS for word in words):
        return False
    if words[0] in context.lists.name_genders:
        return True
    entities, starts = context.people.sorted_entities()
    at = bisect_left(starts, start)
    return at < len(entities) and starts[at] == start and titled_name(entities[at], context.lists)


# Words that make a name a body's even when it starts with a given name ("Morgan Stanley Bank").
_BODY_WORDS = frozenset({"inc", "inc.", "ltd", "llc", "plc", "co", "co.", "corp", "corp.", "bank", "group", "holdings",
                         "partners", "associates", "foundation", "institute", "university", "college", "council",
                         "union", "party", "fund", "trust", "society", "association"})


# What kind of body a name is, by its words: "the company" is not the Association of Mineworkers, and
# "the union" is not the company.
_LABOUR_WORDS = frozenset({"union", "workers", "mineworkers", "teamsters", "federation", "confederation", "guild",
                           "association", "congress", "syndicate"})
_PUBLIC_WORDS = frozenset({"ministry", "department", "council", "government", "agency", "commission", "authority",
                           "court", "police", "parliament", "senate", "assembly", "office", "bureau", "corporation"})
# The last words of any body's name, of every kind above.
_ANY_BODY_WORDS = _BODY_WORDS | _PUBLIC_WORDS | _LABOUR_WORDS
_COMPANY_NOUNS = frozenset({"company", "firm", "business", "startup", "carrier", "airline", "manufacturer", "retailer",
                            "insurer", "lender", "utility", "maker", "producer", "operator", "chain", "giant",
                            "provider", "miner", "bank"})


def _fits_noun(noun: str, name: str) -> bool:
    """Whether a body's name fits the generic noun that refers back to it."""
    # "Fédération des éducatrices …" is a federation: accents folded, as names are compared elsewhere.
    words = set(fold_name(name))
    if noun == "union":
        return bool(words & _LABOUR_WORDS)
    if noun in _COMPANY_NOUNS:
        return not words & (_LABOUR_WORDS | _PUBLIC_WORDS)
    return True


def _short_forms(context: Context) -> dict[str, str]:
    """The first word of each organisation's longer name, as the article may write it alone later
    ("Northline" for Northline Logistics), when no other name starts with it."""
    firsts: dict[str, set[str]] = {}
    for _, written in registry(context).names:
        name = written.removesuffix("'s").removesuffix("’s")  # "RentLogic Inc.'s motion": the name is without it
        words = name.split()
        if len(words) >= 2 and words[0][:1].isupper() and words[0].lower() not in _LABOUR_WORDS | _PUBLIC_WORDS:
            firsts.setdefault(words[0], set()).add(name)
    # "Pawsome Brands" and "Pawsome Brands Inc" are one company, written with and without its legal form.
    return {first: longest for first, names in firsts.items()
            if all((longest := max(names, key=len)).startswith(name) for name in names)}


def _bodies_before(context: Context, end: int) -> list[tuple[int, str]]:
    """The organisations named before token `end`, latest first: ORG entities, and the first word of a
    longer name written alone, whatever the NER made of it ("Northline's attorney" tagged a place)."""
    found = [(start, name) for start, name in registry(context).names if start < end]
    shorts = _short_forms(context)
    if shorts:
        doc = context.doc
        found += [(token.i, shorts[token.text]) for token in doc[:end]
                  if token.pos_ == "PROPN" and token.text in shorts
                  and not (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN")]
    return sorted(found, reverse=True)


def _story_body(names: set[str], context: Context) -> str | None:
    """Of these bodies, the one the whole article names at least twice as often as any other, else None."""
    counts = Counter(name for _, name in _bodies_before(context, len(context.doc)) if name in names)
    ranked = counts.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


# Prepositions before a place ("plants in Dayton and in Muncie"); "from" and "to" bring bodies as often.
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around"})


def _written_as_a_place(start: int, name: str, context: Context) -> bool:
    """A name the NER tagged a body, written here as a place: "the plant closures, in Dayton and in Muncie"."""
    words = context.doc[start:start + len(name.split())]
    root = words.root
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS


def _premodified_only(mention: Mention) -> bool:
    """"the Cincinnati-based snack maker": a determiner and modifiers before the head, nothing after it."""
    span, head = mention.span, mention.head
    return span[-1].i == head.i and all(t.dep_ in ("det", "amod", "compound", "npadvmod", "punct", "advmod")
                                        for t in span if t.i != head.i)


def _sentence_subject_body(bodies: list[tuple[int, str]], span: Span, context: Context) -> tuple[int, str] | None:
    """The body that is a subject in the mention's own sentence, before it: "Dunes Freight will sell a stake
    on the Abu Dhabi Capital Exchange, the company said" is Dunes Freight's word, though the exchange is
    named last. A subject is what the sentence is about; a body inside a phrase after it is not."""
    sentence = context.index.sentence(span[0])
    doc = context.doc
    for start, name in bodies:
        if start < sentence.start:
            return None
        root = doc[start]
        while root.head.i != root.i and root.head.i < span.start and root.head.ent_iob_ == "I" \
                and root.head.ent_type_ == root.ent_type_:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass"):
            return start, name
    return None


def _name_words(name: str) -> set[str]:
    return {_word_key(word) for word in name.split()}


def _body_that_just_spoke(noun: str, context: Context, bodies: list[tuple[int, str]]) -> str | None:
    """The body that was the source of the statement just before, in this paragraph or the one before, when the
    noun fits it and no body it fits is named since (`bodies`: named before the mention, latest first): "SkyBridge's
    pilots' union said … the union's statement said" is that union's, though an association was named before."""
    previous = next(((statement, found) for statement, found in reversed(context.history)
                     if found.speaker is not None), None)
    if previous is None:
        return None
    statement, found = previous
    if found.speaker_type != ORGANISATION_TYPE or found.speaker is None \
            or context.here - context.paragraph_of(statement._.qt_content[0]) > 1:
        return None
    since = statement.end
    if any(start >= since and name != found.speaker and _fits_noun(noun, name) for start, name in bodies):
        return None
    name = found.speaker
    if _word_key(noun) in _name_words(name):
        return name
    named = found.rule.startswith("organisation.") and not _looks_like_person(0, name, context)
    return name if named and noun in GENERIC_BODY_NOUNS and _fits_noun(noun, name) else None


@rule("organisation.definite_reference")
def definite_reference(mention: Mention, context: Context) -> Resolved | None:
    """"the company", "the union", "the Cincinnati-based snack maker": the organisation last named that
    fits the noun (a company is no union), a few paragraphs back at most; first the one its own sentence
    is about, when a body is that sentence's subject."""
    span, head = mention.span, mention.head
    noun = head.lemma_.lower()
    if span[0].lower_ not in ("the", "this") or head.pos_ != "NOUN" or head.tag_ in ("NNS", "NNPS") \
            or noun not in GENERIC_BODY_NOUNS or not _premodified_only(mention):
        return None
    bodies = _bodies_before(context, span.start)
    spoke = _body_that_just_spoke(noun, context, bodies)
    if spoke is not None:
        return organisation_result(spoke, f"{mention.text} → {spoke}: the body that spoke just before",
                                   ORGANISATION * 0.8)
    subject = _sentence_subject_body(bodies, span, context)
    fitting = [(start, name) for start, name in ([subject] if subject is not None else []) + bodies
               if not _looks_like_person(start, name, context) and _fits_noun(noun, name)
               and not _written_as_a_place(start, name, context)]
    if not fitting:
        return None  # only persons the NER tagged ORG, or bodies of another kind
    start, name = fitting[0]
    # "Pawsome" written alone last, after "Pawsome Brands Inc": the company's fullest name.
    name = _short_forms(context).get(name, name) if len(name.split()) == 1 else name
    if context.here - context.paragraph_of(context.doc[start].idx) > BODY_REACH:
        # Far back, but the only body of its kind the article names: "the union" in a story about one strike.
        if len({other for _, other in fitting}) == 1:
            return organisation_result(name, f"{mention.text} → {name}: the only such organisation the article "
                                       "names", ORGANISATION * 0.7)
        # Or the one the story is about: "the company" in a story on a company's results that cites a data firm
        # once, named at least twice as often as any other body of its kind.
        main = _story_body({other for _, other in fitting}, context)
        if main is None:
            return None
        return organisation_result(main, f"{mention.text} → {main}: the organisation of its kind the article names "
                                   "most", ORGANISATION * 0.6)
    why = "the subject of its sentence" if (start, name) == subject else "the organisation last named"
    return organisation_result(name, f"{mention.text} → {name}: {why}", ORGANISATION * 0.8)


# A headline or lede that calls a body by its kind ("Riders' group says …", "their union announced") before
# the body names it: how far in the lede the description may be, in paragraphs (headline, standfirst,
# byline, lede), and how far on the name may come.
NAMED_LATER_LEDE = 3
NAMED_LATER_REACH = 8


def _word_key(word: str) -> str:
    """A word folded for comparison, possessive and plural dropped: "Riders'" and "riders" are one."""
    folded = fold_name(word)
    key = folded[0] if folded else word.lower()
    key = key.removesuffix("s") if len(key) > 3 and not key.endswith("ss") else key
    return key


def _bodies_fitting(mention: Mention, context: Context) -> list[tuple[int, str]]:
    """The bodies the article names that fit a description of a body, in order: a name holding the
    description's noun ("the City of Ottawa" for "City", "Cocoa Farmers Welfare Association" for
    "association") or one of its other words ("Seoul Night Riders'" for "Riders' group"), a union's name
    for "union" ("Fédération des éducatrices"), or a name written right after the noun ("Cyclists'
    union Fietsersbond Utrecht")."""
    head, doc = mention.head, context.doc
    noun = _word_key(head.text)
    words = {_word_key(t.text) for t in mention.span if t.i != head.i and t.is_alpha and t.text[:1].isupper()}
    found = []
    ents = doc.ents
    for k, ent in enumerate(ents):
        if ent.label_ not in ORGANISATION_LABELS + ("PERSON", "FAC") \
                or mention.whole.start <= ent.start < mention.whole.end:
            continue
        name = without_article(ent.text.strip())
        if ent.label_ == "ORG" and k + 1 < len(ents) and ents[k + 1].start == ent.end and ents[k + 1].label_ == "ORG":
            # "The Seoul Night Riders' | Solidarity": the NER cut one name in two after a possessive.
            name = without_article(doc[ent.start:ents[k + 1].end].text.strip())
        if len(ent) == 1 and ent[0].is_lower:
            continue  # the NER's label on a lower-case common noun ("the canton") names no body
        name = registry(context).spelled_at(ent.start) or body_name(ent) or name
        keys = {_word_key(word) for word in name.split()}
        after_noun = ent.start > 0 and _word_key(doc[ent.start - 1].text) == noun and ent.label_ != "GPE"
        in_name = (noun in keys or bool(words & keys)) and (ent.label_ != "PERSON" or after_noun)
        labour = noun == "union" and ent.label_ == "ORG" and _fits_noun("union", name)
        if in_name or labour or after_noun:
            found.append((ent.start, registry(context).canonical(name)))
    return found


# Words in a body's name that make it something other than a civic group: a public body, a union, a party,
# a school, a firm.
_NOT_A_CIVIC_GROUP = _PUBLIC_WORDS | _LABOUR_WORDS | LEGAL_SUFFIXES | COMPANY_NAME_ENDINGS | frozenset({
    "party", "institute", "university", "college", "school", "hospital", "bank", "company", "holdings", "court",
    "police", "news", "times", "post", "press", "daily", "radio", "television"})


def _civic_groups_before(mention: Mention, context: Context) -> bool:
    return any(ent.label_ == "ORG" and ent.end <= mention.whole.start and len(ent) >= 2
               and not {t.lower_ for t in ent} & _NOT_A_CIVIC_GROUP for ent in context.doc.ents)


def _civic_groups(mention: Mention, context: Context) -> list[tuple[int, str]]:
    """The bodies named after `mention` that a news writer may call "a group": none of a public body's, a
    union's, a party's or a firm's words in the name ("Jelutong Flood Victims Action Committee")."""
    found = []
    for ent in context.doc.ents:
        if ent.label_ != "ORG" or ent.start < mention.whole.end or len(ent) == 1 and ent[0].is_lower:
            continue
        name = registry(context).canonical(
            registry(context).spelled_at(ent.start) or body_name(ent) or without_article(ent.text.strip()))
        if len(name.split()) >= 2 and not {word.lower().strip(".,'’") for word in name.split()} & _NOT_A_CIVIC_GROUP:
            found.append((ent.start, name))
    return found


@rule("organisation.named_later")
def named_later(mention: Mention, context: Context) -> Resolved | None:
    """A body the headline or lede calls by its kind and the article names further on: "Riders' group says
    cuts will hit shift workers" … "The Seoul Night Riders' Solidarity, a group of about 2,000 commuters".
    As for a role named later (role.named_later), only when exactly one body of that kind is named after
    it within reach, and none before."""
    head = mention.head
    at_head = organisation_at_head(mention, context)
    if head.lemma_.lower() not in wordlists.organisation_nouns() or head.tag_ in ("NNS", "NNPS") \
            or context.here > NAMED_LATER_LEDE or at_head is not None and not head.is_lower:
        return None
    if head.pos_ == "PROPN" and (len(mention.span) > 1 and mention.span[0].lower_ != "the"):
        return None  # "Kennet University": a name, not a kind
    fitting = _bodies_fitting(mention, context)
    if any(start < mention.whole.start for start, _ in fitting):
        return None
    if not fitting and head.lemma_.lower() == "group" and not _civic_groups_before(mention, context):
        # "a residents' group claimed" … "The Jelutong Flood Victims Action Committee said": the one civic
        # group the article names.
        fitting = _civic_groups(mention, context)
    later = {name for start, name in fitting
             if context.paragraph_of(context.doc[start].idx) - context.here <= NAMED_LATER_REACH}
    if len(later) != 1:
        return None
    name = later.pop()
    return organisation_result(name, f"{mention.text} → {name}: the body the lede describes, named further on",
                               ORGANISATION * 0.8)


# Nouns for a body that a name in apposition may follow: "the group, the Colón Water Defense Front,", "the
# newspaper La Voz de Colón".
_APPOSED_BODY_NOUNS = GENERIC_BODY_NOUNS | {"newspaper", "paper", "daily", "broadcaster", "network", "outlet",
                                           "website", "magazine", "station", "channel", "tabloid", "weekly"}


@rule("organisation.apposed_name")
def apposed_name(mention: Mention, context: Context) -> Resolved | None:
    """A noun for a body with the body's name in apposition: "The group, the Colón Water Defense Front, said",
    "the newspaper La Voz de Colón reported" (whatever the NER's label on the name: a newspaper's reads as a
    building's, a Dutch union's as a person's)."""
    head = mention.head
    noun = head.lemma_.lower()
    if head.pos_ != "NOUN" or head.tag_ in ("NNS", "NNPS") or not (
            noun in wordlists.organisation_nouns() or noun in _APPOSED_BODY_NOUNS):
        return None
    name = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.text[:1].isupper()), None)
    if name is None or name.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
        return None
    if name.ent_type_:
        start = name.i
        while start > 0 and name.doc[start].ent_iob_ == "I":
            start -= 1
        end = name.i + 1
        while end < len(name.doc) and name.doc[end].ent_iob_ == "I":
            end += 1
        written = name.doc[start:end]
    else:
        words = [t for t in name.subtree if t.dep_ not in ("punct", "relcl", "acl", "prep")]
        written = name.doc[words[0].i:words[-1].i + 1]
    if context.people.match([t.lower_ for t in written if t.is_alpha]) is not None:
        return None  # "the group's chairman, Lim": a person named, not the body
    found = (registry(context).spelled_at(written.start) or body_name(written)
             or without_article(written.text.strip()))
    return organisation_result(found, f"{mention.text} → {found}: the name in apposition to the noun for a body",
                               ORGANISATION)
