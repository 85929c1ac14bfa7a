"""How articles write people's names and titles: the word lists resolution reads, and the token helpers over them.

Name particles, honorifics and title words come from the one vocabulary (nlp/vocabulary/names.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from nlp.sources import GROUP_WORD, HONORIFIC, ROLE_WORD, source_kind
from nlp.speakers import is_short_proper_name, mention_range
from nlp.vocabulary.names import GENERATIONAL_SUFFIXES, HONORIFICS_IN_NAME_KEYS, LEADER_TITLES, PARTICLES_IN_TEXT
from nlp.vocabulary.wordlists import lexicon, organisation_nouns, words

# Modifiers of a description that a title writes another way: "the GOP nominee" is the article's
# "Republican presidential nominee".
MODIFIER_SYNONYMS = {"gop": "republican", "republican": "gop", "democrat": "democratic", "democratic": "democrat"}
# Abbreviated titles written before a name, and the role noun a later description uses for them
# ("Sen. Ruth Hollis" … "the senator").
TITLE_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "lt": "lieutenant", "gen": "general",
    "col": "colonel", "maj": "major", "capt": "captain", "sgt": "sergeant", "cllr": "councillor",
    "supt": "superintendent", "insp": "inspector", "det": "detective", "prof": "professor", "dr": "doctor",
    "adm": "admiral", "cmdr": "commander", "atty": "attorney", "amb": "ambassador", "pres": "president",
    "coun": "councillor", "rev": "reverend", "sens": "senator", "reps": "representative",
}
# A role noun and the other ways a title writes the same office ("the CEO" is the person titled
# "chief executive"; "the judge" a "Supreme Court Justice").
HEAD_SYNONYMS = {"ceo": ("chief executive",), "judge": ("justice",)}
# Entity labels that say a capitalised word is a place or a body, not part of a person's name.
PLACE_OR_BODY_LABELS = ("GPE", "ORG", "NORP", "LOC", "FAC")


@dataclass(frozen=True)
class WordLists:
    """The resource word lists resolution reads, loaded once when the component is made."""

    role_nouns: frozenset[str]
    group_nouns: frozenset[str]
    document_nouns: frozenset[str]
    data_sources: frozenset[str]
    speech_verbs: frozenset[str]
    # Beliefs, hopes and intentions: attributed, but not necessarily words spoken.
    attitude_verbs: frozenset[str]
    role_genders: dict[str, str]
    name_genders: dict[str, str]
    # Roles and groups together, for the check whether a phrase's head is a kind of person.
    person_nouns: frozenset[str]

    @classmethod
    def load(cls) -> WordLists:
        """Resolution's view of the process's one Lexicon (no file is read twice)."""
        lists = lexicon()
        return cls(
            role_nouns=lists.role_nouns,
            group_nouns=lists.group_nouns,
            document_nouns=lists.document_nouns,
            data_sources=lists.data_sources,
            speech_verbs=lists.speech_verbs,
            attitude_verbs=lists.thought_verbs | lists.intention_verbs,
            role_genders=lists.role_genders,
            name_genders=lists.name_genders,
            person_nouns=lists.role_nouns | lists.group_nouns,
        )


def company_nouns() -> frozenset[str]:
    """Nouns only a body has ("founder", "shareholder"): resources/company_nouns.txt."""
    return words("company_nouns.txt")


def surface(tokens: Sequence[Token]) -> str:
    """The name as written, over tokens that may skip a quoted nickname."""
    return "".join(t.text + (t.whitespace_ if i + 1 < len(tokens) and tokens[i + 1].i == t.i + 1 else " ")
                   for i, t in enumerate(tokens)).strip()


def name_key(name: Span | Sequence[Token]) -> list[str]:
    """Comparable name words: lower case, typographic apostrophes folded ("O’Neill" = "O'Neill")."""
    found: list[str] = []
    for t in name:
        if _split_full_stop(t) and found:
            found[-1] += "."  # "Sr" "." as the tokenizer splits it before a comma is "sr.", as elsewhere
        elif t.is_alpha or any(c in t.text for c in ".-'’"):
            found.append(t.lower_.replace("’", "'"))
    whole = name.text if isinstance(name, Span) else surface(name)
    return [w for w in found if w not in ("'s", "'")] or [whole.lower()]


# Words that open a rank of several words and are no title alone: the Thai police's "Pol Col", "Pol Lt Gen"
# ("Pol Pot" is a name).
RANK_OPENERS = frozenset({"pol"})


def titles_a_name(token: Token, lists: WordLists) -> bool:
    """A role word as written or an honorific: it stands before a name and is not part of it."""
    if token.lower_ in RANK_OPENERS and token.i + 1 < len(token.doc):
        return source_kind(token.doc[token.i + 1], lists).has(ROLE_WORD)
    return source_kind(token, lists).has(ROLE_WORD, HONORIFIC)


def name_tokens(mention: Span, lists: WordLists, *, trust_labels: bool = True) -> list[Token]:
    """The capitalised name words of a mention, after any title ("Chief Inspector Ravi Patel" → Ravi Patel).

    With `trust_labels`, words the NER labels as places or organisations are not a name.
    """
    tokens = [t for t in mention
              if t.is_alpha or t.text.endswith(".") or "-" in t.text or "'" in t.text or "’" in t.text]
    while tokens and (titles_a_name(tokens[0], lists)
                      or not tokens[0].text[:1].isupper()
                      or trust_labels and tokens[0].ent_type_ in ("NORP", "GPE", "ORG")):
        tokens.pop(0)
    if not tokens or not all(t.text[:1].isupper() for t in tokens):
        return []
    if trust_labels and any(t.ent_type_ in PLACE_OR_BODY_LABELS for t in tokens):
        return []
    if any(source_kind(t, lists).has(GROUP_WORD, ROLE_WORD) for t in tokens):
        return []
    return tokens


def _split_full_stop(token: Token) -> bool:
    """The full stop of a generational suffix that the tokenizer split off ("Harold Winslow Sr" "."): part of
    the name, so that it is written and compared as the article prints it elsewhere ("Sr.")."""
    return (token.text == "." and token.i > 0 and not token.doc[token.i - 1].whitespace_
            and token.doc[token.i - 1].lower_ in GENERATIONAL_SUFFIXES)


def name_words(entity: Span, lists: WordLists) -> Span | None:
    """The name inside a PERSON entity, without leading titles and a trailing possessive."""
    start, end = entity.start, entity.end
    doc = entity.doc
    while start < end and (titles_a_name(doc[start], lists)
                           or doc[start].is_punct or doc[start].is_space
                           # "missiles - Kremlin" from a headline: a name starts capitalised or with a particle.
                           or doc[start].is_lower and doc[start].lower_ not in PARTICLES_IN_TEXT):
        start += 1
    # ... and without a verb a Title Case headline glued to it ("Obama Says …").
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct and not _split_full_stop(doc[end - 1])
                           or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s")
                           or glued_verb(doc[end - 1], lists) and end - 1 > start):
        end -= 1
    if start >= end:
        return None
    name = doc[start:end]
    if not any(t.text[:1].isupper() for t in name):
        return None
    return name


def glued_verb(token: Token, lists: WordLists) -> bool:
    """A reporting verb in a Title Case headline ("Obama Says", "Trump Claims"), not a surname
    that is also a verb's base form ("Stevie Wonder", "Rick Warren")."""
    return token.lemma_.lower() in lists.speech_verbs and (token.tag_.startswith("VB") and token.tag_ != "VB"
                                                            or token.lower_ != token.lemma_.lower())


def given_names_agree(a: list[str], b: list[str]) -> bool:
    """The same given name, or an initial that fits it."""
    # "George Bush" and "George W. Bush" could be two people; inside one article a longer variant
    # with the same first and last name is treated as the same person.
    return a[0] == b[0] or a[0].rstrip(".")[:1] == b[0][:1] and (len(a[0].rstrip(".")) == 1
                                                                 or len(b[0].rstrip(".")) == 1)


def given_name_gender(given: str, lists: WordLists) -> str | None:
    """The gender a given name usually signals, from the list; a name not on it is unknown, not a vote.

    A final -a used to say female (Valentina, Oksana); it misreads Luca, Nikita, Ezra and most
    surnames taken for given names, and measured on PolNeAR dev it decided nothing, so it is gone.
    """
    return lists.name_genders.get(given)


def title_matches(title: str, head: str, modifiers: list[str]) -> bool:
    """`title` fits the description "the [modifiers] head"."""
    written_words = title.lower().replace("-", " ").split()
    title_words = [TITLE_ABBREVIATIONS.get(word.rstrip("."), word) for word in written_words]
    # Only a qualified leader ("the Russian leader") is a head of state; "its leader" is anyone's.
    heads = LEADER_TITLES if head == "leader" and modifiers else (head,)
    written = " ".join(title_words)
    fits_head = (any(h in title_words for h in heads)
                 or any(f" {synonym} " in f" {written} " for synonym in HEAD_SYNONYMS.get(head, ()))
                 or _initials_of(written_words, head))
    return fits_head and all(
        m in title_words or MODIFIER_SYNONYMS.get(m) in title_words for m in modifiers)


# Words of a title that do not tell two offices apart.
TITLE_FILLERS = frozenset({"the", "of", "and", "for", "former", "then", "acting", "interim"})
# An office written by its initials ("the DG", "the PRO") is two to four letters long.
INITIALISM_LENGTHS = range(2, 5)


def _initials_of(written_words: list[str], head: str) -> bool:
    """`head` spells the initials of the title's words: "the DG said" after "Director General Dr Ayesha
    Qureshi"; an honorific beside the title and a filler ("of") are no part of them."""
    if len(head) not in INITIALISM_LENGTHS or not head.isalpha():
        return False
    initials = "".join(word[0] for word in written_words
                       if word not in TITLE_FILLERS and word.rstrip(".") not in HONORIFICS_IN_NAME_KEYS)
    return initials == head


def titled_name(entity: Span, lists: WordLists) -> bool:
    """An entity of two or three capitalised words right after a person's title ("lawyer", "Rep.")."""
    doc = entity.doc
    before = doc[entity.start - 1] if entity.start > 0 else None
    return (before is not None and titles_a_name(before, lists)
            and is_short_proper_name(entity) and not any(source_kind(t, lists).has(GROUP_WORD) for t in entity))


def name_after_inner_title(entity: Span, lists: WordLists) -> Span | None:
    """The name at the end of an entity that opens with a person's title: the NER tags "Councillor Amara
    Nwosu" or "Police Sergeant Marcus Bell" ORG as a whole; the words after the last title are the person.

    A body named after a person ("Senator Kennedy Center") ends in a body's noun and is left alone.
    """
    doc = entity.doc
    last_title = max((t.i for t in entity[:-1] if titles_a_name(t, lists)), default=None)
    if last_title is None:
        return None
    name = doc[last_title + 1:entity.end]
    if not is_short_proper_name(name) or any(
            source_kind(t, lists).has(GROUP_WORD) or t.lower_ in organisation_nouns() for t in name):
        return None
    return name


def role_named(entity: Span, title: str | None, lists: WordLists) -> bool:
    """A two- or three-word name given as the holder of a role ("Its leader, Sophie Marchand")."""
    return (title is not None and any(word in lists.role_nouns for word in title.lower().split())
            and is_short_proper_name(entity))


def two_word_name_entity(given: Token, surname: Token) -> bool:
    """'Clemens Fuest' tagged ORG as a whole: a name the NER mislabelled, not an organisation
    before a name ('Ifo President Clemens Fuest' tags 'Ifo' alone)."""
    doc = surname.doc
    return (given.i == surname.i - 1 and given.ent_iob_ == "B" and surname.ent_iob_ == "I"
            and given.pos_ == surname.pos_ == "PROPN"
            and (surname.i + 1 == len(doc) or doc[surname.i + 1].ent_iob_ != "I"))


def title_before(name: Span, lists: WordLists) -> str | None:
    """Title words right before a name in the same phrase: "Russian President Vladimir Putin"."""
    doc = name.doc
    index = name.start - 1
    found: list[Token] = []
    while index >= 0:
        token = doc[index]
        if token.is_space or token.is_punct and token.text not in (".", "-"):
            break
        if token.pos_ in ("DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM") or token.tag_ == "POS":
            break
        # "Republican presidential nominee Donald Trump": a lower-case adjective belongs to the title.
        if not (token.text[:1].isupper() or token.lower_ in lists.role_nouns or token.pos_ == "ADJ" and found):
            break
        found.insert(0, token)
        index -= 1
    while found and found[0].ent_type_ in ("DATE", "TIME", "CARDINAL"):
        found.pop(0)
    if not found or not any(t.lower_ in lists.role_nouns for t in found):
        return None
    # "Operation Inherent Resolve Commanding General": the title starts at the role and the
    # adjectives or nationality right before it; the organisation's name stays out.
    first_role = next(k for k, t in enumerate(found) if t.lower_ in lists.role_nouns)
    while first_role > 0 and _belongs_to_title(found[first_role - 1], lists):
        first_role -= 1
    found = found[first_role:]
    return doc[found[0].i:found[-1].i + 1].text


def _belongs_to_title(word: Token, lists: WordLists) -> bool:
    """A word before a title's role word that is part of the title: a nationality, an adjective, another role."""
    return (word.ent_type_ == "NORP" or word.pos_ == "ADJ" or word.tag_ == "VBG" or word.lower_ in lists.role_nouns
            # "Transport Secretary": a portfolio word that is no organisation's name
            or word.dep_ == "compound" and not word.ent_type_)


def appositive_title(entity: Span, lists: WordLists) -> str | None:
    """The role a name's appositive gives it: "Hugh Hill, a doctor" → "doctor"."""
    appositive = next((c for c in entity.root.children if c.dep_ == "appos"), None)
    if appositive is None and entity.root.dep_ == "appos" and entity.root.head.pos_ == "NOUN":
        # "The government spokeswoman, Maria Zakharova,": the name is the role's appositive.
        appositive = entity.root.head
    if appositive is None:
        # "Hugh Hill, a doctor": the parser sometimes hangs the appositive on the verb's subject.
        return None
    if appositive.pos_ != "NOUN":
        return None
    start, end = mention_range(appositive)
    phrase = entity.doc[start:end]
    if phrase[0].lower_ == "whose":
        return None  # "Dorothy Woods, whose husband, …": the role of a relative, not hers
    # A role ("a doctor", "the party's chairman"), not a state tag such as "(D-Wis.)".
    if not (phrase[0].lower_ in ("a", "an", "the") or any(t.lemma_.lower() in lists.role_nouns for t in phrase)):
        return None
    text = phrase.text
    for determiner in ("a ", "an ", "the "):
        if text.lower().startswith(determiner):
            text = text[len(determiner):]
    return text or None
