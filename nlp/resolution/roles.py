"""Role rules: a role nominal ("the Russian president", "the Swede") goes to the person who holds it.

Titles seen before a name ("Russian President Vladimir Putin") or in an appositive make role
nominals resolvable; a definite role in the lede may be named by the next speaker the article
introduces (see name_delayed_roles). Each rule is `(mention, context) -> Resolved | None`;
nlp/resolution/policy.py orders them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Span

from nlp.resolution.naming import WordLists, title_matches
from nlp.resolution.people import (
    OFFICE_TITLES,
    PARTY_WORDS,
    ROLE_WEIGHTS,
    Person,
    described_by,
    fits_description,
    gender_fits,
    surname_of,
)
from nlp.resolution.pronouns import person_the_sentence_before_is_about
from nlp.resolution.rules import (
    NAMED,
    ROLE_PREVIOUS,
    ROLE_TITLE,
    Context,
    Mention,
    Resolved,
    person_result,
    rule,
    unresolved,
)
from nlp.sentences import doc_text
from nlp.text import paragraph_index
from nlp.vocabulary.names import HONORIFICS_IN_TEXT
from nlp.vocabulary.wordlists import tagged

# A definite role in the first paragraphs (headline and lede) may be named by the next speaker
# introduced within this many paragraphs.
LEDE_PARAGRAPHS = 2
# The lede is the first paragraph of prose: a byline, a reporter's title or a dateline line before it
# ("By Hannah Kessler" / "Courts Reporter") is shorter than this many words and pushes it down.
LEDE_MIN_WORDS = 15
# A dateline opening the lede, up to its dash: "TACOMA, Wash. - ", "VALDORA, March 4 (Newsline) - ",
# "LONDON (Reuters) — ". The sentence splitter often ends a sentence inside it ("Wash.").
DATELINE_PREFIX = re.compile(r"[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w. ]*)?(?:\s*\([^)]{1,40}\))?\s*[—–-]{1,2}\s*")
DELAYED_NAME_REACH = 2
# A definite description goes to the person in focus when their salience is at least this.
IN_FOCUS_SALIENCE = ROLE_WEIGHTS["nsubj"] / 2


def _is_role(mention: Mention, context: Context) -> bool:
    """A role noun at the head, or "the" and a nationality: "the Swede told reporters"."""
    head, role_nouns = mention.head, context.lists.role_nouns
    demonym = (len(mention.span) == 2 and mention.span[0].lower_ == "the" and head.ent_type_ == "NORP"
               and head.tag_ == "NNP")
    return head.lower_ in role_nouns or head.lemma_.lower() in role_nouns or demonym


def _fitting_title(person: Person, mention: Mention) -> str | None:
    """The person's first title that the description fits, by the head as written or its lemma."""
    head, modifiers = mention.head, mention.modifiers
    return next((t for t in person.titles if title_matches(t, head.lower_, modifiers)
                 or title_matches(t, head.lemma_.lower(), modifiers)), None)


# Determiners that introduce someone new ("a spokesman", "some strategists", "one official"): such a
# description is not a person named before, whatever title they were given.
INDEFINITE_DETERMINERS = frozenset({"a", "an", "some", "one", "another", "any", "many", "several", "other"})


def _introduces_someone(mention: Mention) -> bool:
    """An indefinite or plural role ("a Democratic strategist", "Economists", "some strategists"): a new
    source or several people, never the one person the article gave that title before."""
    head = mention.head
    return (head.tag_ in ("NNS", "NNPS") or mention.span[0].lower_ in INDEFINITE_DETERMINERS
            or any(t.dep_ == "det" and t.head.i == head.i and t.lower_ in INDEFINITE_DETERMINERS
                   for t in mention.span))


def _held_for_another(mention: Mention) -> bool:
    """"the company's spokeswoman", "his lawyer": a role held for a body or a person named in the phrase."""
    return any(t.dep_ == "poss" and t.head.i == mention.head.i for t in mention.span)


def _is_definite(mention: Mention) -> bool:
    """"the minister", "this official": a description of someone already in focus."""
    return mention.span[0].lower_ in ("the", "this") and mention.head.tag_ in ("NN", "NNP")


@rule("role.described")
def described(mention: Mention, context: Context) -> Resolved | None:
    """"the 31-year-old goalkeeper", "the Ohio Democrat": the person the article describes so beside
    their name ("Keane, 31,", "Sherrod Brown (D-Ohio)"), the latest named before the mention first.
    An indefinite description ("a former Republican committee staffer") introduces someone: only a
    person the article names after it may be them."""
    if mention.span[0].lower_ not in ("the", "a", "an", "this"):
        return None
    wanted = described_by([t.lower_ for t in mention.span], mention.text)
    start = mention.chars[0]
    fitting = [person for person in context.people.people if fits_description(person, wanted)
               and not (_introduces_someone(mention) and person.first_seen < start)]
    if not fitting:
        return None

    def latest_before(person: Person) -> tuple[bool, int]:
        earlier = [p for p in person.positions if p < start]
        return (bool(earlier), max(earlier) if earlier else -min(person.positions or [person.first_seen]))

    holder = max(fitting, key=latest_before)
    said = ", ".join(f"{key} {value}" for key, value in wanted.items())
    confidence = ROLE_TITLE if len(fitting) == 1 else ROLE_PREVIOUS
    return person_result(holder, f"{mention.text} → {holder.name}: the article gives them {said} beside the name",
                         confidence)


@rule("role.previous_speaker_titled")
def previous_speaker_titled(mention: Mention, context: Context) -> Resolved | None:
    """A role that fits a title of the previous quote's speaker; an indefinite or plural one never does."""
    if not _is_role(mention, context) or _introduces_someone(mention):
        return None
    previous = context.previous_speaker(gender=None)
    if previous is None or previous.person is None:
        return None
    title = _fitting_title(previous.person, mention)
    if title is None:
        return None
    return Resolved(previous.speaker, previous.person,
                    f"{mention.text} → {previous.speaker}: speaker of the previous quote, titled '{title}'", ROLE_TITLE)


@rule("role.title_match")
def title_match(mention: Mention, context: Context) -> Resolved | None:
    """A role that fits a title the article gives someone, the latest holder named before it first; an
    indefinite or plural role ("a spokesman", "Economists") introduces someone else."""
    if not _is_role(mention, context) or _introduces_someone(mention):
        return None
    head, modifiers, start = mention.head, mention.modifiers, mention.chars[0]
    people = context.people
    holder = (people.with_title(head.lower_, modifiers, start)
              or people.with_title(head.lemma_.lower(), modifiers, start))
    if holder is None:
        return None
    title = _fitting_title(holder, mention)
    return person_result(holder, f"{mention.text} → {holder.name}: matches the title '{title}' the article gives",
                         ROLE_TITLE)


def kin_nouns() -> frozenset[str]:
    """Family relations ("mother", "son"): the `kin` rows of resources/role_nouns.txt."""
    return tagged("role_nouns.txt", "kin")


@rule("role.relative")
def relative(mention: Mention, context: Context) -> Resolved | None:
    """"his mother", "Okafor's son": the one person of the relative's surname, other than the relative, whom the
    relation's gender fits ("His mother" of Daniel Okafor → Ruth Okafor, the one other Okafor, a woman). A family
    shares a surname more often than not; a relative known by one name, or by none, is of the surname of the one
    relation the article introduces them by ("Okafor's son, Daniel,"); two who fit leave it open."""
    head = mention.head
    if head.lemma_.lower() not in kin_nouns() and head.lower_ not in kin_nouns() or head.tag_ != "NN":
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    words = context.doc[owner.left_edge.i:owner.i + 1]  # "his", "Okafor" of "Okafor's", "Ruth Okafor"
    found = context.resolve((words.start_char, words.end_char))
    relative_person = found.person
    if relative_person is not None and len(relative_person.words) >= 2:
        surname: str | None = surname_of(relative_person.words)
    elif relative_person is not None:
        surname = _kin_surname(relative_person.titles)
    else:
        surname = _kin_surname([found.speaker]) if found.speaker and found.speaker_type == "unnamed" else None
    if surname is None:
        return None
    gender = context.lists.role_genders.get(head.lemma_.lower()) or context.lists.role_genders.get(head.lower_)
    family = [person for person in context.people.people if person is not relative_person and len(person.words) >= 2
              and surname_of(person.words) == surname and gender_fits(person, gender)]
    if len(family) != 1:
        return None
    person = family[0]
    return person_result(person, f"{mention.text} → {person.name}: the one other {surname.title()} the article names "
                         f"whom '{head.lower_}' fits", ROLE_PREVIOUS * 0.8)


def _kin_surname(descriptions: Iterable[str]) -> str | None:
    """The surname of a relative the article names by one name or none, from the relation it introduces them by:
    Daniel of "Okafor's son, Daniel," and "Okafor's son" unnamed are an Okafor. One such relation only."""
    owners = set()
    for description in descriptions:
        words = description.replace("’", "'").split()
        if len(words) == 2 and words[0].endswith("'s") and words[0][:1].isupper() and words[1].lower() in kin_nouns():
            owners.add(words[0][:-2].lower())
    return next(iter(owners)) if len(owners) == 1 else None


# How far back an unnamed source may be referred to again by its role, in paragraphs.
UNNAMED_REACH = 6


@rule("role.earlier_unnamed")
def earlier_unnamed(mention: Mention, context: Context) -> Resolved | None:
    """"the official said" after "a Mexican official, who spoke on condition of anonymity, said": the
    unnamed source quoted before with the same role noun, as first described, rather than a named
    person quoted in between (a title the article gives someone by name is role.title_match's)."""
    if not _is_role(mention, context) or not _is_definite(mention):
        return None
    lemma, here = mention.head.lemma_.lower(), context.here
    for earlier, resolved in reversed(context.history):
        if here - context.paragraph_of(earlier._.qt_content[0]) > UNNAMED_REACH:
            return None
        if (resolved.speaker is None or resolved.speaker_type != "unnamed" or earlier._.qt_mention is None
                or resolved.delayed_role is not None):
            continue  # a role in the lede may be named further on (role.named_later), so it is no one yet
        start, end = earlier._.qt_mention
        words = context.doc.char_span(start, end, alignment_mode="expand")
        if words is not None and words.root.lemma_.lower() == lemma:
            return Resolved(resolved.speaker, None, f"{mention.text} → {resolved.speaker}: the unnamed source "
                            "quoted before in that role", ROLE_PREVIOUS, speaker_type="unnamed")
    return None


# The shortest role noun that may end a longer one: "neurosurgeon" is a surgeon, "shipowner" an owner.
COMPOUND_ROLE_MIN_LENGTH = 5


def _compound_of_role(mention: Mention, context: Context) -> bool:
    """A head written as one word that ends in a role noun: "the retired neurosurgeon"."""
    word = mention.head.lower_
    roles = context.lists.role_nouns
    # Each shorter ending of the word looked up, rather than every role noun tried against the word.
    return mention.head.tag_ == "NN" and any(
        (ending := word[start:]).isalpha() and ending in roles
        for start in range(1, len(word) - COMPOUND_ROLE_MIN_LENGTH + 1))


@rule("role.previous_subject")
def previous_subject(mention: Mention, context: Context) -> Resolved | None:
    """A definite role nobody holds by title, as the subject of a statement: the person the sentence before is
    about ("Joaquim dos Santos Silva, 58, has captained a tug for 30 years. The veteran skipper said …"). A
    writer introduces a source by name and goes on with a description of them, as with "he"; not when someone
    else of a fitting gender is named in that sentence too, nor when its subject is a surname two people share,
    nor when the article says something that rules the person out."""
    if (not (_is_role(mention, context) or _compound_of_role(mention, context)) or not _is_definite(mention)
            or _held_for_another(mention) or mention.head.dep_ not in ("nsubj", "nsubjpass")):
        return None
    gender = context.lists.role_genders.get(mention.head.lower_)
    found = person_the_sentence_before_is_about(mention, context, gender)
    if found is None or found[1] or _ruled_out(found[0], mention, context, party_known=True):
        return None
    person = found[0]
    return person_result(person, f"{mention.text} → {person.name}: the person the sentence before is about",
                         ROLE_PREVIOUS)


@rule("role.previous_speaker")
def previous_speaker(mention: Mention, context: Context) -> Resolved | None:
    """A definite role nobody holds by title: the previous quote's speaker, if the role's gender fits.

    Not a role someone is said to hold for another ("the company's spokeswoman", "his lawyer"): that
    describes a person by their relation to a body or a person, rarely the one who just spoke."""
    if not _is_role(mention, context) or not _is_definite(mention) or _held_for_another(mention):
        return None
    gender = context.lists.role_genders.get(mention.head.lower_)
    previous = context.previous_speaker(gender=gender)
    if previous is None or previous.person is None or _ruled_out(previous.person, mention, context,
                                                                   party_known=True):
        return None  # "the senator" is not the airline's chief executive who spoke before
    if _spoke_of_role(previous.person, mention, context):
        return None  # "the chief executive said the company's founder had …" / "The founder said": not him
    if _introduced_since(previous, mention, context, gender):
        return None  # "His son, Harold Winslow Jr., has run the company. … the chief executive said"
    return Resolved(previous.speaker, previous.person,
                    f"{mention.text} → {previous.speaker}: speaker of the previous quote, no other holder of that "
                    "role named", ROLE_PREVIOUS)


def _spoke_of_role(person: Person, mention: Mention, context: Context) -> bool:
    """`person` spoke, in a statement before, of someone else by the role's noun ("the company's founder had
    never asked for credit"): whoever the role is, it is not the one who talked about them."""
    lemma = mention.head.lemma_.lower()
    for statement, resolved in context.history:
        if resolved.person is not person:
            continue
        for start, end in statement._.qt_parts or (statement._.qt_content,):
            words = context.doc.char_span(start, end, alignment_mode="expand")
            if words is not None and any(t.lemma_.lower() == lemma and t.pos_ == "NOUN"
                                         and not any(c.lower_ in ("my", "our") for c in t.children)
                                         for t in words):
                return True
    return False


def _introduced_since(previous: Resolved, mention: Mention, context: Context, gender: str | None) -> list[Person]:
    """The people the role may describe who are named in full for the first time between the previous quote
    and the mention: news introduces a source by name right before giving their role, so the previous
    speaker is not the one meant."""
    spoken = next((statement for statement, resolved in reversed(context.history) if resolved is previous), None)
    if spoken is None:
        return []
    since, until = spoken.end_char, mention.chars[0]
    return [person for person in context.people.people
            if since < person.first_seen < until and person is not previous.person and len(person.words) >= 2
            and _introduced_as_subject(person) and gender_fits(person, gender)
            and not _ruled_out(person, mention, context, party_known=True)]


def _introduced_as_subject(person: Person) -> bool:
    """The person's first mention is a sentence's subject or a titled introduction ("His son, Harold Winslow Jr.,
    has run …"), not a name inside a phrase ("lawyers for both Donald and Ivana Trump")."""
    return bool(person.mentions) and min(person.mentions)[1] >= ROLE_WEIGHTS["nsubj"]


@rule("role.introduced_since")
def introduced_since(mention: Mention, context: Context) -> Resolved | None:
    """A definite role nobody holds by title, right after one person's introduction: the person named in full
    for the first time since the previous quote ("His son, Peter Winslow, has run the company since 2009. In a
    speech, the chief executive said …"), not the previous speaker."""
    if not _is_role(mention, context) or not _is_definite(mention):
        return None
    gender = context.lists.role_genders.get(mention.head.lower_)
    previous = context.previous_speaker(gender=gender)
    if previous is None or previous.person is None:
        return None
    introduced = _introduced_since(previous, mention, context, gender)
    if len(introduced) != 1:
        return None
    person = introduced[0]
    return person_result(person, f"{mention.text} → {person.name}: named for the first time since the previous "
                         "quote", ROLE_PREVIOUS)


@rule("role.in_focus")
def in_focus(mention: Mention, context: Context) -> Resolved | None:
    """"the New York businessman": a definite description of the person most in focus just before (not a
    role held for another, "the company's spokeswoman": someone new)."""
    if not _is_role(mention, context) or not _is_definite(mention) or _held_for_another(mention):
        return None
    gender = context.lists.role_genders.get(mention.head.lower_)
    # Focus as the statement opens: in '"This is my club. I grew up …," the striker said' the quote's own
    # sentences come between the person in focus and the role, and do not move the focus away from them.
    salient, score = context.people.most_salient(min(mention.head.i, context.statement.start), gender)
    if (salient is None or score < IN_FOCUS_SALIENCE or _ruled_out(salient, mention, context, party_known=True)
            or _spoke_of_role(salient, mention, context)):
        return _of_the_party(mention, context, gender)
    return person_result(salient, f"{mention.text} → {salient.name}: the most prominent person in the sentences before",
                         ROLE_PREVIOUS * 0.9)


def _of_the_party(mention: Mention, context: Context, gender: str | None) -> Resolved | None:
    """"The GOP nominee": the most prominent person the article gives that party, if any."""
    wanted = next((PARTY_WORDS[m] for m in mention.modifiers if m in PARTY_WORDS), None)
    if wanted is None:
        return None
    people, at = context.people, mention.head.i

    def party_of(person: Person) -> set[str]:
        found = {PARTY_WORDS[w] for t in person.titles for w in t.lower().split() if w in PARTY_WORDS}
        return found | ({person.party} if person.party else set())

    members = [person for person in people.people if gender_fits(person, gender) and wanted in party_of(person)]
    scored = [(people.salience(person, at), person) for person in members]
    score, member = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    if member is not None and score > 0:
        return person_result(member, f"{mention.text} → {member.name}: the most prominent person of that party",
                             ROLE_PREVIOUS * 0.8)
    # Nobody given that party: the person the article names most before it, unless given another party
    # (a national figure the writer assumes the reader knows).
    before = [(sum(1 for p in person.positions if p < mention.chars[0]), person) for person in people.people
              if gender_fits(person, gender) and not party_of(person) - {wanted}]
    count, named_most = max(before, key=lambda pair: pair[0], default=(0, None))
    if named_most is None or count < 2:
        return None
    return person_result(named_most, f"{mention.text} → {named_most.name}: named most often before, and no one is "
                         "given that party", ROLE_PREVIOUS * 0.6)


@rule("role.unresolved")
def unresolved_role(mention: Mention, context: Context) -> Resolved | None:
    """A role the article does not pin on anyone; in the lede, kept for the next speaker introduced."""
    if not _is_role(mention, context):
        return None
    found = unresolved(f"{mention.text}: a role the article does not pin on a named person")
    span, head = mention.span, mention.head
    definite = span[0].lower_ == "the" or any(t.dep_ == "poss" and t.head.i == head.i for t in span)
    here = context.here
    paragraphs = context.paragraphs
    # A headline drops its articles: "Finance minister promises …" is definite. Some feeds end it with
    # a full stop; written in Title Case it is a headline all the same.
    line = doc_text(context.doc)[slice(*paragraphs[here])].strip()
    headline = (span[0].lower_ not in ("a", "an") and len(paragraphs) > 1 and "\n" not in line
                and (not line.endswith(".") and ". " not in line or context.people.in_title_case_line(head)))
    # "A former aide told the committee …" opening the lede: a source the article names further on
    # ("Dana Whitfield, who worked in the office until 2019, …"); an indefinite role later in the
    # story ("a spokesman said") is usually one it never names.
    opening = paragraphs[here][0]
    lede_subject = (span[0].lower_ in ("a", "an") and here > 0
                    and (context.index.sentence(head).start_char <= opening + 1
                         or DATELINE_PREFIX.fullmatch(doc_text(context.doc)[opening:span.start_char]) is not None))
    if (definite or headline or lede_subject) and here <= _last_lede_paragraph(context):
        delayed = (head.lemma_.lower(), mention.modifiers, context.lists.role_genders.get(head.lower_))
        return replace(found, delayed_role=delayed)
    return found


def _last_lede_paragraph(context: Context) -> int:
    """The last paragraph a role may wait in for its name: the headline, the lede and the one after it."""
    text = doc_text(context.doc)
    for number, (start, end) in enumerate(context.paragraphs[:context.here + 1]):
        if len(text[start:end].split()) >= LEDE_MIN_WORDS:
            return max(LEDE_PARAGRAPHS, number + 1)
    return LEDE_PARAGRAPHS


def name_delayed_roles(history: list[tuple[Span, Resolved]], paragraphs: list[tuple[int, int]],
                       lists: WordLists, people: list[Person] | None = None) -> list[tuple[Span, Resolved]]:
    """Delayed identification: "Germany's finance minister defended … / '…,' Christian Lindner said."

    A news lede often gives a role and names its holder as the next speaker introduced in
    full, within two paragraphs. That speaker is taken only if nothing the article says
    about them contradicts the role; anyone else introduced first ends the search. Returns the
    statements so named, with their new resolution (rule "role.named_later"); a role no speaker names
    so may still be the one person the article titles so further on (rule "role.titled_later").
    """
    named: list[tuple[Span, Resolved]] = []
    for k, (statement, resolved) in enumerate(history):
        if resolved.delayed_role is None:
            continue
        here = paragraph_index(paragraphs, statement._.qt_content[0])
        found = len(named)
        for later, later_resolved in history[k + 1:]:
            if paragraph_index(paragraphs, later._.qt_content[0]) - here > DELAYED_NAME_REACH:
                break
            person = later_resolved.person
            if person is None or later_resolved.confidence < NAMED or len(person.words) < 2:
                continue
            if person.first_seen < statement._.qt_mention[0]:
                continue  # named before the role: the lede would have said so
            if _may_hold(person, resolved.delayed_role, lists):
                text = doc_text(statement.doc)[slice(*statement._.qt_mention)]
                named.append((statement, Resolved(
                    person.name, person, f"{text} → {person.name}: the role in the lede, named as the next speaker",
                    ROLE_PREVIOUS * 0.9, rule="role.named_later")))
            break
        if len(named) == found and people:
            titled = _titled_later(statement, resolved.delayed_role, paragraphs, people, lists)
            if titled is not None:
                named.append((statement, titled))
    return named


# A lede or headline role may be named with its title further down than the next speakers
# ("CEO admits …" / six paragraphs on, "chief executive Richard Voight said").
TITLED_LATER_REACH = 8


def _titled_later(statement: Span, role: tuple[str, list[str], str | None], paragraphs: list[tuple[int, int]],
                  people: list[Person], lists: WordLists) -> Resolved | None:
    """The one person the article names after the role, within reach, with a title of that office.

    Positive evidence only: the title must be the role ("Gen." for "Retired General", "chief
    executive" for "CEO"), its party words must agree, and nobody else in the article may hold a
    title of that office (two judges leave "A New York judge" as written). Other modifiers
    ("New York", "senior") are not checked: a title rarely repeats them.
    """
    head, modifiers, gender = role
    start = statement._.qt_mention[0]
    parties = [PARTY_WORDS[m] for m in modifiers if m in PARTY_WORDS]
    holders = [person for person in people if any(title_matches(t, head, []) for t in person.titles)]
    if len(holders) != 1:
        return None
    person = holders[0]
    here = paragraph_index(paragraphs, statement._.qt_content[0])
    if (person.first_seen < start or len(person.words) < 2 or not gender_fits(person, gender)
            or paragraph_index(paragraphs, person.first_seen) - here > TITLED_LATER_REACH):
        return None
    theirs = {PARTY_WORDS[w] for t in person.titles for w in t.lower().split() if w in PARTY_WORDS}
    if person.party is not None:
        theirs.add(person.party)
    if any(party not in theirs for party in parties):
        return None
    title = next(t for t in person.titles if title_matches(t, head, []))
    text = doc_text(statement.doc)[slice(*statement._.qt_mention)]
    return Resolved(person.name, person, f"{text} → {person.name}: the role in the lede, the only person the article "
                    f"titles '{title}', named further on", ROLE_PREVIOUS * 0.8, rule="role.titled_later")


def _ruled_out(person: Person, mention: Mention, context: Context, *, party_known: bool = False) -> bool:
    """What the article says about `person` rules out the description: another office for an office
    ("the senator" for the airline's chief executive), another party ("the GOP nominee" for a
    Democratic strategist), another age ("the 29-year-old goalkeeper" for the defender the article says
    is 24). A description that names no office ("the Swede") rules out nobody."""
    if any(getattr(person, key, None) not in (None, value) for key, value in described_by(
            mention.modifiers, mention.text).items() if key == "age"):
        return True
    head = mention.head.lemma_.lower()
    # An honorific ("Mr.", "Dr.") is no office: "Mr. Ban" is not ruled out as "the secretary general".
    offices = [t for t in person.titles
               if any(w in OFFICE_TITLES and w not in HONORIFICS_IN_TEXT for w in t.lower().split())]
    # A former office ("the former first lady") is one the article need not have given them.
    former = any(t.lower_ in ("former", "ex") for t in mention.span)
    if head in OFFICE_TITLES and offices and not former and not any(title_matches(t, head, []) for t in offices):
        return True
    wanted = next((PARTY_WORDS[m] for m in mention.modifiers if m in PARTY_WORDS), None)
    theirs = {PARTY_WORDS[w] for t in person.titles for w in t.lower().split() if w in PARTY_WORDS}
    if person.party is not None:
        theirs.add(person.party)
    # `party_known`: a party in the description needs the person's party to be known to fit ("The GOP
    # nominee" is not the previous quote's speaker the article gives no party).
    return wanted is not None and (bool(theirs) or party_known) and wanted not in theirs


def _may_hold(person: Person, role: tuple[str, list[str], str | None], lists: WordLists) -> bool:
    """Nothing the article says about `person` contradicts the role (head, modifiers, gender)."""
    head, modifiers, gender = role
    roles = [t for t in person.titles if any(w in lists.role_nouns for w in t.lower().split())]
    # A bare "Minister" fits "the maritime affairs minister"; "Foreign Minister" does not.
    return gender_fits(person, gender) and (
        not roles or any(title_matches(t, head, modifiers) or t.lower().split() == [head] for t in roles))
