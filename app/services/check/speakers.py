"""Does a claimed speaker name the person a source gives? Strict comparison, decided with the collection's people.

A claim agrees only when it names the same person: the same first given name and surname with no
conflicting middle name or suffix ("Michelle Obama" is not "Barack Obama"), or a surname, title and
surname, or role that the collection resolves to that speaker alone ("President Obama" when the only
Obama titled president is the source's speaker). A stored attribution the pipeline made weakly
(low confidence, a pronoun or a description resolved by salience) never becomes an accusation: the
verdict is `unverifiable`, with the evidence.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.services.check.results import SpeakerVerdict
from app.services.linking.identity import variants_compatible
from app.store.models import Quote, Speaker
from nlp.vocabulary.names import (
    SURNAME_MIN_RATIO,
    NameParts,
    acronym_of,
    bracketed_acronym,
    fold_name,
    given_name_gender,
    given_names_agree_strictly,
    honorific_gender,
    looks_like_acronym,
    name_parts,
    organisation_key,
    title_gender,
    title_roles,
)

# Below this confidence the pipeline's attribution is a guess worth showing, not a fact to accuse on.
WEAK_CONFIDENCE = 0.75
# Resolution rules that pick a speaker by salience or proximity, not by a name at the cue.
WEAK_RULES = frozenset({"pronoun.most_salient", "pronoun.nearest_named", "pronoun.no_antecedent", "role.in_focus",
                        "role.introduced_since", "role.previous_subject", "role.previous_speaker", "role.unresolved",
                        "description.as_written"})


@dataclass(frozen=True, slots=True)
class SpeakerJudgement:
    verdict: SpeakerVerdict
    reason: str


def stored_speaker_name(quote: Quote) -> str | None:
    """The speaker a source gives a quote: its linked speaker's name, else the printed name."""
    if quote.speaker is not None:
        return quote.speaker.name
    return quote.speaker_name


def weak_attribution(quote: Quote) -> bool:
    """The pipeline named this quote's speaker by salience or with low confidence."""
    return quote.confidence < WEAK_CONFIDENCE or (quote.rule or "") in WEAK_RULES


def speaker_agreement(session: Session | None, quote: Quote | None, claimed: str) -> SpeakerJudgement:
    """match, misattributed, unverifiable or unattributed: the claimed speaker against the source's, and why."""
    if quote is None or not (quote.speaker is not None or quote.speaker_name):
        return SpeakerJudgement("unattributed", "the source gives no speaker for these words")
    judgement = _compare(session, quote, claimed)
    if judgement.verdict == "misattributed" and weak_attribution(quote):
        how = f"rule {quote.rule}, " if quote.rule else ""
        return SpeakerJudgement("unverifiable", (
            f"the source's speaker was inferred weakly ({how}confidence {quote.confidence:.2f}: "
            f"{quote.resolution}); read the source sentence: {judgement.reason}"))
    return judgement


def _compare(session: Session | None, quote: Quote, claimed: str) -> SpeakerJudgement:
    speaker = quote.speaker
    source_name = stored_speaker_name(quote) or ""
    titles = [title.title for title in speaker.titles] if speaker is not None else []
    claimed_words = _folded_words(claimed)
    if claimed_words and any(claimed_words == _folded_words(title) for title in titles):
        return SpeakerJudgement("match", f"the source calls {source_name!r} {claimed!r}")
    if speaker is None or not speaker.is_person:
        names = [source_name] + ([alias.alias for alias in speaker.aliases] if speaker is not None else [])
        if any(_same_organisation(claimed, name) for name in names):
            return SpeakerJudgement("match", f"{claimed!r} is the source's {source_name!r}")
        return SpeakerJudgement("misattributed", f"the source gives {source_name!r}, not {claimed!r}")
    claimed_parts = name_parts(claimed)
    known = _speaker_parts(speaker)
    if claimed_parts is None or not known:
        return SpeakerJudgement("misattributed", f"the source gives {source_name!r}, not {claimed!r}")
    if not any(_surnames_agree(claimed_parts, parts) for parts in known):
        return SpeakerJudgement("misattributed", f"the source gives {source_name!r}: a different surname")
    if _full(claimed_parts):
        full = [parts for parts in known if _full(parts)]
        if not full:
            return SpeakerJudgement("unverifiable", (
                f"the source names only {source_name!r}, which does not say whether it is {claimed!r}"))
        # Every full name of the speaker is a name of one person: a claim conflicting with any of them
        # ("Paul K. Ransome" against "Paul D. Ransome", though the alias "Paul Ransome" fits) is someone else.
        if all(_same_person(claimed_parts, parts) for parts in full):
            return SpeakerJudgement("match", f"{claimed!r} names the source's speaker {source_name!r}")
        return SpeakerJudgement("misattributed", (
            f"the source gives {source_name!r}: a different given name, middle name or suffix is a different person"))
    if speaker.unresolved:
        return SpeakerJudgement("unverifiable", (
            f"the source names only {source_name!r}, which fits several people ({speaker.link_reason})"))
    candidates = _people_claimed(session, claimed, claimed_parts) if session is not None else [speaker]
    ids = {candidate.id for candidate in candidates}
    if ids == {speaker.id}:
        return SpeakerJudgement("match", f"{claimed!r} can only be {source_name!r} in this collection")
    if speaker.id not in ids:
        fits = ", ".join(repr(candidate.name) for candidate in candidates) or "nobody the source could mean"
        return SpeakerJudgement("misattributed", (
            f"the source gives {source_name!r}; {claimed!r} fits {fits} (titles or gender rule the source's "
            "speaker out)"))
    several = ", ".join(repr(candidate.name) for candidate in candidates)
    return SpeakerJudgement("unverifiable", f"{claimed!r} fits several people in this collection: {several}")


def _same_organisation(claimed: str, name: str) -> bool:
    """The same organisation's name without "the" or a legal suffix, or one the acronym of the other ("IMF")."""
    claimed_key, key = organisation_key(claimed), organisation_key(name)
    if claimed_key == key:
        return True
    for short, long in ((claimed, name), (name, claimed)):
        if looks_like_acronym(short) and "".join(organisation_key(short).split()) in (
                acronym_of(organisation_key(long)), bracketed_acronym(long)):
            return True
    return False


def _full(parts: NameParts) -> bool:
    return bool(parts.given) and len(parts.given[0]) > 1


def _surnames_agree(first: NameParts, second: NameParts) -> bool:
    return fuzz.ratio(first.surname, second.surname, processor=None) >= SURNAME_MIN_RATIO


def _same_person(claimed: NameParts, known: NameParts) -> bool:
    return (_surnames_agree(claimed, known) and given_names_agree_strictly(claimed.given[0], known.given[0])
            and variants_compatible(claimed, known))


def _speaker_parts(speaker: Speaker) -> list[NameParts]:
    names = [speaker.name, *(alias.alias for alias in speaker.aliases)]
    return [parts for name in names if (parts := name_parts(name)) is not None]


def _people_claimed(session: Session, claimed: str, parts: NameParts) -> list[Speaker]:
    """The resolved people of the collection a surname claim ("President Obama", "Ms. Calder", "B. Obama")
    may mean: same surname, initial, and no conflict of gender or title with the claim."""
    gender = honorific_gender(claimed) or title_gender(claimed)
    roles = title_roles(claimed)
    found: list[tuple[Speaker, set[str]]] = []
    for candidate in session.scalars(
        select(Speaker).where(Speaker.is_person.is_(True), Speaker.unresolved.is_(False), Speaker.surname.is_not(None),
                              Speaker.surname.startswith(parts.surname[:3]))
        .options(selectinload(Speaker.titles), selectinload(Speaker.aliases)).order_by(Speaker.id)
    ):
        candidate_parts = name_parts(candidate.name)
        if candidate_parts is None or not _surnames_agree(parts, candidate_parts):
            continue
        if parts.given and (not candidate_parts.given or candidate_parts.given[0][0] != parts.given[0][0]):
            continue
        if gender and (candidate_gender := _gender_of(candidate, candidate_parts)) and candidate_gender != gender:
            continue
        found.append((candidate, {role for title in candidate.titles for role in title_roles(title.title)}))
    if roles:
        # As linking reads a title and surname: those holding the title, else those the collection gives none.
        sharing = [candidate for candidate, candidate_roles in found if candidate_roles & roles]
        return sharing or [candidate for candidate, candidate_roles in found if not candidate_roles]
    return [candidate for candidate, _ in found]


def _gender_of(speaker: Speaker, parts: NameParts) -> str | None:
    genders = {honorific_gender(alias.alias) for alias in speaker.aliases}
    genders |= {title_gender(title.title) for title in speaker.titles}
    if _full(parts):
        genders.add(given_name_gender(parts.given[0]))
    genders.discard(None)
    return genders.pop() if len(genders) == 1 else None


def _folded_words(text: str) -> str:
    return " ".join(word for word in fold_name(text) if word not in ("the", "a", "an"))


def names_agree(claimed: str, names: Sequence[str], *, titles: Sequence[str] = ()) -> bool:
    """Whether a claimed name names the same person as one of `names` (a speaker's name and aliases), strictly:
    a full name must agree in first given name, middle names and suffix; a surname alone agrees with a
    surname. A claimed role the source gave the speaker ("the Russian president") agrees too."""
    claimed_role = _folded_words(claimed)
    if claimed_role and any(claimed_role == _folded_words(title) for title in titles):
        return True
    claimed_parts = name_parts(claimed)
    if claimed_parts is None:
        return False
    known = [parts for name in names if (parts := name_parts(name)) is not None]
    if _full(claimed_parts):
        return any(_full(parts) and _same_person(claimed_parts, parts) for parts in known)
    return any(_surnames_agree(claimed_parts, parts) for parts in known)
