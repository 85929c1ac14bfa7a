"""Name rules: a mention that names a person, in full, by surname, misspelt, or mislabelled by the NER.

Each rule is `(mention, context) -> Resolved | None`; nlp/resolution/policy.py orders them.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.resolution.naming import (
    is_short_proper_name,
    name_after_inner_title,
    name_key,
    name_words,
    role_named,
    title_before,
    titled_name,
    titles_a_name,
)
from nlp.resolution.organisations import organisation_at_head
from nlp.resolution.people import AGE_AFTER_NAME, Person, surname_of
from nlp.resolution.rules import NAMED, SURNAME, Context, Mention, Resolved, person_result, rule
from nlp.sentences import doc_text
from nlp.sources import GROUP_WORD, source_kind
from nlp.speakers import related_person_noun
from nlp.vocabulary.names import COMPANY_NAME_ENDINGS, GENERATIONAL_SUFFIXES, HONORIFICS_IN_TEXT, LEGAL_SUFFIXES
from nlp.vocabulary.wordlists import organisation_nouns


def _possessor_of(entity: Span, head: Token) -> bool:
    """`entity` owns the common noun `head` ("Jones' wife"), rather than being, or holding, the head."""
    return (head.pos_ == "NOUN" and not entity.start <= head.i < entity.end
            and any(t.dep_ == "poss" and t.head.i == head.i for t in entity))


def _described_by_common_noun(mention: Mention) -> bool:
    """The mention is a description headed by a common noun ("Clinton campaign officials", "Residents
    of Jawahar Nagar", "a longtime adviser to Trump", "Ivana Trump's brief"): a name inside it only
    qualifies the noun, unless it stands in apposition to it ("the teenager, Marcus Carver")."""
    return mention.whole.root.pos_ == "NOUN"


def _names_the_head(tokens: Span | list[Token], head: Token) -> bool:
    """The name words are, or are in apposition to, the description's head noun."""
    if any(token.i == head.i for token in tokens):
        return True
    for token in tokens:
        through_apposition = False
        while token.head.i != token.i and token.i != head.i:
            through_apposition = through_apposition or token.dep_ == "appos"
            token = token.head
            if token.i == head.i:
                return through_apposition
    return False


def _name_allowed(mention: Mention, tokens: Span | list[Token]) -> bool:
    return not _described_by_common_noun(mention) or _names_the_head(tokens, mention.whole.root)


def _entity_person(mention: Mention, context: Context) -> tuple[Span, Person] | None:
    """The known person of the first PERSON entity in the mention, the entity holding its head first.

    "Clinton campaign spokesman Brian Fallon" names Fallon. "Kev Jones' wife", "Trump's
    spokesman": the owner named in the phrase is not who speaks (an owner of a document is its
    author, though: "Bornstein's letter said", see authorship.document_owner).
    """
    whole = mention.whole
    entities = sorted(context.people.entities_in(whole),
                      key=lambda ent: (not (ent.start <= whole.root.i < ent.end), -ent.start))
    if whole.root.lemma_.lower() in context.lists.person_nouns:
        entities = [ent for ent in entities if not _possessor_of(ent, whole.root)]
    entities = [ent for ent in entities if _name_allowed(mention, ent)]
    for ent in entities:
        person = context.people.by_entity.get(ent.start)
        if person is not None:
            return ent, person
    return None


def _surname_result(mention: Mention, person: Person, context: Context) -> Resolved:
    # Reasons are read by people: paragraphs in them count from 1, as every page prints them.
    paragraph = context.paragraph_of(person.first_seen) + 1
    reason = f"{mention.text} → {person.name}: surname of the person named in paragraph {paragraph}"
    return person_result(person, reason, SURNAME)


def _named_result(person: Person) -> Resolved:
    return person_result(person, f"{person.name}: named at the cue", NAMED)


def _entity_names_less(ent: Span, person: Person, context: Context) -> bool:
    """The entity writes fewer of the person's name words than their full name (a surname)."""
    return len(person.words) > len(name_words(ent, context.lists) or ent)


@rule("name.full")
def full_name(mention: Mention, context: Context) -> Resolved | None:
    """A PERSON entity in the mention that writes a known person's full name."""
    found = _entity_person(mention, context)
    if found is None or _entity_names_less(*found, context):
        return None
    return _named_result(found[1])


@rule("name.surname_to_full")
def surname_to_full(mention: Mention, context: Context) -> Resolved | None:
    """A PERSON entity in the mention that writes part of a known person's name (their surname)."""
    found = _entity_person(mention, context)
    if found is None or not _entity_names_less(*found, context):
        return None
    return _surname_result(mention, found[1], context)


def _known_person(mention: Mention, context: Context) -> tuple[Person, list[Token]] | None:
    """The known person whose name the mention's capitalised words write, whatever the NER's labels.

    The NER misses many names in attribution position ('"…," Mendes said' is often tagged
    PRODUCT or nothing), and a known person's name wins over its label ("Rendell" tagged ORG).
    """
    for words in _name_readings(mention, context):
        if not _name_allowed(mention, words):
            continue
        person = context.people.match(name_key(words), at_token=mention.head.i, title=_title_of(words, context))
        if person is not None:
            return person, words
    return None


def _name_readings(mention: Mention, context: Context) -> list[list[Token]]:
    """The ways the mention's capitalised words may write a known person's name, likeliest first.

    Besides the name words as such: the capitalised words ending a description ("The more moderate
    Kasich"), even if they are also a role noun ("Baker" when the article names Brian Baker); and,
    at a sentence's start, the words after a first one that is no name anywhere in the article
    ("Continued Stone:", "Derelict Obama"): a capital there says nothing.
    """
    readings = [mention.loose_tokens] if mention.loose_tokens else []
    span = mention.span
    tail: list[Token] = []
    for token in reversed(span):
        if not (token.is_alpha and token.text[:1].isupper()) or token.tag_ == "DT":
            break
        tail.insert(0, token)
    while len(tail) > 1 and titles_a_name(tail[0], context.lists):
        tail.pop(0)  # "Gov. Kasich": the title is not a name word; a name's last word may be a role's
    if tail and len(tail) <= 3 and [t.i for t in tail] != [t.i for t in mention.loose_tokens] and not any(
            source_kind(t, context.lists).has(GROUP_WORD) for t in tail):
        readings.append(tail)
    for words in list(readings):
        first = words[0]
        if len(words) >= 2 and first.is_sent_start and not context.people.named_elsewhere(first):
            readings.append(words[1:])
    if _surname_glued_to_body(tail, context):
        readings.append(tail[-1:])
    return readings


def _surname_glued_to_body(tail: list[Token], context: Context) -> bool:
    """"the editorial board of the Washington Post Trump said": a missing comma lets the NER read a body's
    name and the next speaker's surname as one organisation. The words before the surname follow "the" (a
    person's name never does) and hold no listed given name ("The teenager, Marcus Carver," tagged ORG is a
    person); the last word is the surname of a person the article names in full, and no body's name ends so."""
    if len(tail) < 2 or tail[-1].ent_type_ != "ORG" or tail[-1].ent_iob_ == "B" \
            or tail[0].i == 0 or tail[0].doc[tail[0].i - 1].lower_ != "the" \
            or any(t.lower_ in context.lists.name_genders for t in tail[:-1]) \
            or tail[-1].lower_ in context.lists.group_nouns or tail[-1].lemma_.lower() in organisation_nouns():
        return False
    surname = tail[-1].lower_
    return any(len(person.words) >= 2 and surname_of(person.words) == surname for person in context.people.people)


def _title_of(name: list[Token], context: Context) -> str | None:
    """The title written right before the name words ("President" of "President Obama")."""
    return title_before(context.doc[name[0].i:name[-1].i + 1], context.lists)


def _names_less(person: Person, words: list[Token]) -> bool:
    return len(person.words) > len(words)


@rule("name.known_full")
def known_full(mention: Mention, context: Context) -> Resolved | None:
    """Capitalised words the NER did not label a person that write a known person's full name."""
    found = _known_person(mention, context)
    if found is None or _names_less(*found):
        return None
    return _named_result(found[0])


@rule("name.known_surname")
def known_surname(mention: Mention, context: Context) -> Resolved | None:
    """Capitalised words the NER did not label a person that write part of a known person's name."""
    found = _known_person(mention, context)
    if found is None or not _names_less(*found):
        return None
    return _surname_result(mention, found[0], context)


@rule("name.surname_completed")
def surname_completed(mention: Mention, context: Context) -> Resolved | None:
    """A bare surname whose full name the article writes where the NER missed it ("Gov. Ed Rendell").

    The person found is always named in full, so this is always a surname's resolution.
    """
    if not mention.name_tokens or not _name_allowed(mention, mention.name_tokens):
        return None
    person = context.people.from_full_name(mention.name_tokens, title=_title_of(mention.name_tokens, context))
    return None if person is None else _surname_result(mention, person, context)


@rule("name.misspelt")
def misspelt(mention: Mention, context: Context) -> Resolved | None:
    """A bare surname one letter away from exactly one fully named person's ("McLenney" for McClenney)."""
    if len(mention.loose_tokens) != 1 or not _name_allowed(mention, mention.loose_tokens):
        return None
    person = context.people.misspelt(name_key(mention.loose_tokens)[0])
    return None if person is None else _surname_result(mention, person, context)


def _linked(name: Span, context: Context) -> Person:
    """The person a name at the cue writes, registered with any title before it."""
    person = context.people.link(name)
    title = title_before(name, context.lists)
    if title:
        person.titles[title] += 1
    return person


def _names_a_person_noun(entity: Span, context: Context) -> bool:
    """A name in apposition to a noun for a person, before it ("The teenager, Marcus Carver,") or after it
    ("Jean-Marc Ayrault, the foreign minister of France,", "Vann R. Newkirk II, a writer for The Atlantic,"):
    a body is not described by a person's role."""
    root = entity.root
    lists = context.lists

    def person_noun(token: Token) -> bool:
        return token.pos_ == "NOUN" and any(word in lists.person_nouns or word in lists.role_nouns
                                            for word in (token.lemma_.lower(), token.lower_))

    if root.dep_ == "appos" and is_short_proper_name(entity) and (person_noun(root.head)
                                                                   or related_person_noun(root.head)):
        return True
    if _aged(entity):
        return True
    return _shaped_like_a_name(entity) and any(
        child.dep_ == "appos" and child.i >= entity.end and person_noun(child) for child in root.children)


def _aged(entity: Span) -> bool:
    """A name written with an age ("said Sutrisno, 52, who …", "Ana Rokosuka (47)"): a person, whatever
    the NER's label; bodies are not given ages. Capitalised proper nouns only, so a score or a count
    after a team's or a town's name in running text does not qualify."""
    if not 1 <= len(entity) <= 4 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in entity):
        return False
    after = doc_text(entity.doc)[entity.end_char:entity.end_char + 8]
    age = AGE_AFTER_NAME.match(after)
    return age is not None and 10 <= int(age.group(1)) <= 110


def _shaped_like_a_name(entity: Span) -> bool:
    """Two to four capitalised words, a middle initial among them, a double given name joined by a hyphen and a
    generational suffix allowed: "Jean-Marc Ayrault", "Vann R. Newkirk II"."""
    words = [token for token in entity if not (token.text in ("-", "‐") and token.i > entity.start
                                               and not token.whitespace_ and not token.nbor(-1).whitespace_)]
    if len(words) >= 3 and words[-1].lower_.rstrip(".") in GENERATIONAL_SUFFIXES:
        words = words[:-1]
    return 2 <= len(words) <= 4 and all(token.text[:1].isupper() and token.pos_ == "PROPN" for token in words)


@rule("name.tagged_organisation")
def tagged_organisation(mention: Mention, context: Context) -> Resolved | None:
    """A two- or three-word name after a person's title, tagged ORG without the title ("Defence lawyer
    Marcus Bell") or with it ("Councillor Amara Nwosu", "Police Sergeant Marcus Bell")."""
    organisation = organisation_at_head(mention, context)
    if organisation is None or organisation[-1].lower_.rstrip(".") in LEGAL_SUFFIXES | COMPANY_NAME_ENDINGS:
        return None  # "Hong Kong developer Kowloon Crest Holdings": a company's name ends so, a person's never
    name = name_after_inner_title(organisation, context.lists)
    if name is None:
        if not (titled_name(organisation, context.lists) or role_named(
                organisation, context.statement._.qt_mention_title, context.lists)
                or _names_a_person_noun(organisation, context)):
            return None
        name = organisation
    person = _linked(name, context)
    return person_result(person, f"{person.name}: named at the cue", NAMED * 0.9)


@rule("name.proper_noun")
def proper_noun(mention: Mention, context: Context) -> Resolved | None:
    """A proper-noun head that is no group's name: a person the article has not named before."""
    head = mention.head
    # After an honorific the words name a person whatever the NER's label ("Mr Somchai" tagged a body).
    tokens = mention.name_tokens or (mention.loose_tokens if mention.span[0].lower_ in HONORIFICS_IN_TEXT else [])
    if head.pos_ != "PROPN" or head.lower_ in context.lists.group_nouns or not tokens:
        return None
    person = _linked(context.doc[tokens[0].i:tokens[-1].i + 1], context)
    return person_result(person, f"{person.name}: named at the cue", NAMED * 0.9)
