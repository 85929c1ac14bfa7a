"""Who is who across the collection: every article's printed names grouped into identities, each link with its reason.

A pure function of the names the articles use (no database): the store's `link` pass reads them,
calls `identify`, and writes speakers. The answer does not depend on the order articles came in:
names are taken most specific first, ties in folded-name order.

The rules, in order (each link's reason says which one decided):
- people: the same first given name and surname, the middle names and suffixes not in conflict
  ("Paul D. Ransome" = "Paul Ransome", "Harold Winslow Jr." ≠ "Harold Winslow Sr."); a listed short
  form of the given name ("Len" of "Leonard") when the collection has one such person; a less specific
  name that fits several people goes to the one whose titles it shares, else stays unresolved;
- a bare surname (or honorific or title and surname, or an initial and surname) goes to the one
  person of that surname the collection knows by full name whose gender and titles do not conflict
  with the article's; with several such people it stays unresolved, one speaker in its article;
  with none it is filed under the surname alone, unless it is a listed given name printed without a
  title ("Melanie"), which stays in its article;
- organisations: the same name without "the", a legal suffix or a bracketed acronym; an acronym
  goes to the one organisation whose initials or printed acronym it is.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from app.services.linking.names import display_name
from nlp.vocabulary.names import (
    SURNAME_MIN_RATIO,
    NameParts,
    acronym_of,
    bracketed_acronym,
    given_name_gender,
    given_names_agree_strictly,
    honorific_gender,
    looks_like_acronym,
    name_parts,
    organisation_key,
    short_form_of,
    title_gender,
    title_roles,
)


@dataclass(frozen=True, slots=True)
class NameUse:
    """One printed name one article attributes quotes to, with what that article says of its owner."""

    article_id: int
    name: str
    is_person: bool
    titles: frozenset[str] = frozenset()  # role titles (already cleaned, see role_title)
    aliases: frozenset[str] = frozenset()  # the other names the article uses for the same owner
    # How linking reads the name, when not as printed: a name printed only in the headline is read by
    # its last word ("Derelict Obama" -> "Obama"), since headlines run words into names, and links only
    # to a person the collection knows by full name; a transcript label in capitals is read as a name
    # ("WALLACE" -> "Wallace").
    read_as: str | None = None
    from_headline: bool = False  # printed only in the headline (then read_as is its last word)

    @property
    def reading(self) -> str:
        return self.read_as or self.name


@dataclass(slots=True)
class Identity:
    """One person or organisation: its key, display name, whether it is resolved, and its names' reasons."""

    key: str
    display: str
    is_person: bool
    resolved: bool = True
    reasons: dict[str, str] = field(default_factory=dict)  # printed name -> why it belongs here


@dataclass(slots=True)
class Identities:
    """Every use's identity: uses[(article id, printed name)] is a key of `identities`."""

    identities: dict[str, Identity]
    uses: dict[tuple[int, str], str]


def identify(uses: Iterable[NameUse]) -> Identities:
    """Group the uses into identities (see the module's rules)."""
    result = Identities(identities={}, uses={})
    uses = sorted(set(uses), key=lambda use: (use.name, use.article_id, use.is_person, sorted(use.titles),
                                              sorted(use.aliases), use.read_as or "", use.from_headline))
    uses = _organisations_named_as_people(uses)
    _identify_people([use for use in uses if use.is_person], result)
    _identify_organisations([use for use in uses if not use.is_person], result)
    return result


def _organisations_named_as_people(uses: list[NameUse]) -> list[NameUse]:
    """A "person" whose name carries a legal form ("Winslow Freight Ltd"), or that is the name of an
    organisation elsewhere in the collection, is that organisation: a company is not a person because
    one article's parse read its name like one."""
    from dataclasses import replace

    from nlp.vocabulary.names import LEGAL_SUFFIXES, fold_name

    organisation_keys = {organisation_key(use.name) for use in uses
                         if not use.is_person or (fold_name(use.name)[-1:] or [""])[0] in LEGAL_SUFFIXES}
    return [replace(use, is_person=False) if use.is_person and organisation_key(use.name) in organisation_keys
            else use for use in uses]


# --- people --------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Person:
    """A cluster of full-name variants of one person."""

    key: str
    variants: list[NameParts] = field(default_factory=list)
    printed: Counter[str] = field(default_factory=Counter)
    roles: set[str] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)

    @property
    def gender(self) -> str | None:
        return next(iter(self.genders)) if len(self.genders) == 1 else None


def _is_full(parts: NameParts) -> bool:
    return bool(parts.given) and len(parts.given[0]) > 1


def middles_compatible(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Middle names agree when one side has none, or both have as many and each pair is the same name
    or an initial of it ("D." / "David"); "George W." and "George H. W." are two people."""
    if not first or not second:
        return True
    if len(first) != len(second):
        return False
    return all(mine == theirs or ((len(mine) == 1 or len(theirs) == 1) and mine[0] == theirs[0])
               for mine, theirs in zip(first, second, strict=True))


def variants_compatible(first: NameParts, second: NameParts) -> bool:
    """Two full names of one first name and surname that may be one person (middles and suffixes agree)."""
    if first.suffix and second.suffix and first.suffix != second.suffix:
        return False
    return middles_compatible(first.given[1:], second.given[1:])


def _specificity(parts: NameParts) -> int:
    return len(parts.given) + (1 if parts.suffix else 0)


def _surname_groups(surnames: Iterable[str]) -> dict[str, str]:
    """Each surname's group representative: spellings of one surname ("zelensky", "zelenskyy") share one."""
    representative: dict[str, str] = {}
    for surname in sorted(set(surnames)):
        match = next((known for known in dict.fromkeys(representative.values())
                      if known[:3] == surname[:3] and fuzz.ratio(known, surname, processor=None) >= SURNAME_MIN_RATIO),
                     None)
        representative[surname] = match or surname
    return representative


def _use_roles(use: NameUse) -> set[str]:
    return {role for title in use.titles for role in title_roles(title)}


def _use_gender(use: NameUse, parts: NameParts) -> str | None:
    """The gender an article says a name's owner has: an honorific, a gendered title, a listed given name."""
    found = {honorific_gender(name) for name in (use.reading, *use.aliases)}
    found |= {title_gender(title) for title in use.titles}
    if parts.given and len(parts.given[0]) > 1:
        found.add(given_name_gender(parts.given[0]))
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _identify_people(uses: list[NameUse], result: Identities) -> None:
    parsed = [(use, parts) for use in uses if (parts := name_parts(use.reading)) is not None]
    groups = _surname_groups(parts.surname for _, parts in parsed)
    people: dict[str, list[_Person]] = defaultdict(list)  # surname group -> clusters
    full = sorted(((use, parts) for use, parts in parsed if _is_full(parts)),
                  key=lambda pair: (-_specificity(pair[1]), pair[1].key, pair[0].name, pair[0].article_id))
    pending: list[tuple[NameUse, NameParts, list[_Person]]] = []
    for use, parts in full:
        clusters = people[groups[parts.surname]]
        same_first = [person for person in clusters
                      if given_names_agree_strictly(parts.given[0], person.variants[0].given[0])]
        fitting = [person for person in same_first
                   if all(variants_compatible(parts, variant) for variant in person.variants)]
        exact = [person for person in fitting if any(variant == parts for variant in person.variants)]
        if exact or (len(fitting) == 1 and _specificity(parts) >= _specificity(fitting[0].variants[0])):
            person = (exact or fitting)[0]
            _add_to_person(person, use, parts, result, reason=_same_person_reason(use.name, parts, person))
        elif not fitting:
            person = _Person(key=f"person:{parts.key}")
            clusters.append(person)
            _add_to_person(person, use, parts, result,
                           reason=f"{use.name!r}: {' '.join(parts.given)} {parts.surname}"
                                  + (f" {parts.suffix}" if parts.suffix else "") + ", its own person")
        else:
            pending.append((use, parts, fitting))  # less specific than several people: decided below
    for surname in sorted(people):
        _join_short_forms(people[surname], result)
    for use, parts, fitting in pending:
        fitting = [person for person in fitting if person.key in result.identities]
        _place_partial(use, parts, fitting, result, why="fits several people")
    partial = [(use, parts) for use, parts in parsed if not _is_full(parts)]
    for use, parts in partial:
        clusters = people.get(groups[parts.surname], [])
        candidates = [person for person in clusters
                      if (not parts.given or person.variants[0].given[0][0] == parts.given[0][0])
                      and (not parts.suffix or all(not variant.suffix or variant.suffix == parts.suffix
                                                   for variant in person.variants))]
        if not candidates and use.from_headline:
            continue  # a headline fragment names no one the collection knows: no speaker for it
        if not candidates and not parts.given and given_name_gender(parts.surname) and not use.titles:
            # "Melanie said": a listed given name alone, an article's own acquaintance; another article's
            # "Melanie" is nobody to join her with.
            key = f"given-name:{use.article_id}:{parts.surname}"
            identity = result.identities.setdefault(key, Identity(key=key, display=display_name(use.reading),
                                                                  is_person=True, resolved=False))
            identity.reasons.setdefault(use.name, f"{use.name!r}: a given name alone, which no surname completes; "
                                                  "kept to its article")
            result.uses[(use.article_id, use.name)] = key
            continue
        if not candidates:
            key = f"person-surname:{groups[parts.surname]}" + (f" {parts.given[0]}" if parts.given else "")
            identity = result.identities.setdefault(key, Identity(key=key, display=display_name(use.reading),
                                                                  is_person=True))
            identity.reasons.setdefault(use.name, f"{use.name!r}: no person of this surname is known by full "
                                                  "name; filed under the name as printed")
            result.uses[(use.article_id, use.name)] = key
            continue
        _place_partial(use, parts, candidates, result, why="surname")


def _join_short_forms(clusters: list[_Person], result: Identities) -> None:
    """A person printed with a short form of a given name ("Len Burman", "Bill Clinton") is the one person
    of that surname printed with the full name ("Leonard E. Burman"), when the collection has exactly one
    and their genders do not conflict; otherwise the short form stays its own person."""
    for short in sorted(clusters, key=lambda person: person.key):
        first = short.variants[0].given[0]
        formal = [person for person in clusters if person is not short and person.key in result.identities
                  and short_form_of(first, person.variants[0].given[0])
                  and all(variants_compatible(_with_first(variant, person.variants[0].given[0]), known)
                          for variant in short.variants for known in person.variants)
                  and not (short.gender and person.gender and short.gender != person.gender)]
        if len(formal) != 1:
            continue
        target = formal[0]
        target_identity = result.identities[target.key]
        for name in result.identities.pop(short.key).reasons:
            target_identity.reasons.setdefault(name, (
                f"{name!r} -> {target_identity.display!r}: {first!r} is a short form of "
                f"{target.variants[0].given[0]!r}, and the collection has one such person"))
        for use_key, identity_key in result.uses.items():
            if identity_key == short.key:
                result.uses[use_key] = target.key
        target.roles |= short.roles
        target.genders |= short.genders
        clusters.remove(short)


def _with_first(parts: NameParts, first: str) -> NameParts:
    return NameParts(given=(first, *parts.given[1:]), surname=parts.surname, suffix=parts.suffix)


def _same_person_reason(name: str, parts: NameParts, person: _Person) -> str:
    known = max(person.printed.items(), key=lambda item: (item[1], item[0]))[0] if person.printed else name
    if any(variant == parts for variant in person.variants):
        return f"{name!r}: same name as {known!r}"
    return f"{name!r} = {known!r}: same given name and surname, middle names and suffix do not conflict"


def _add_to_person(person: _Person, use: NameUse, parts: NameParts, result: Identities, *, reason: str) -> None:
    if parts not in person.variants:
        person.variants.append(parts)
        person.variants.sort(key=lambda variant: (-_specificity(variant), variant.key))
    person.printed[display_name(use.name)] += 1
    person.roles |= _use_roles(use)
    gender = _use_gender(use, parts)
    if gender:
        person.genders.add(gender)
    identity = result.identities.get(person.key)
    display = max(person.printed.items(), key=lambda item: (_specificity_of(item[0]), item[1], item[0]))[0]
    if identity is None:
        identity = result.identities[person.key] = Identity(key=person.key, display=display, is_person=True)
    identity.display = display
    identity.reasons.setdefault(use.name, reason)
    result.uses[(use.article_id, use.name)] = person.key


def _specificity_of(name: str) -> int:
    parts = name_parts(name)
    return _specificity(parts) if parts else 0


def _place_partial(use: NameUse, parts: NameParts, candidates: list[_Person], result: Identities, *,
                   why: str) -> None:
    """A name that fits several people (or one by surname only): the one person whose gender and
    titles do not conflict with the article's, else an unresolved speaker of this article alone."""
    gender = _use_gender(use, parts)
    roles = _use_roles(use)
    fitting = [person for person in candidates if not (gender and person.gender and gender != person.gender)]
    ruled_out = [person for person in candidates if person not in fitting]
    if roles:
        sharing = [person for person in fitting if person.roles & roles]
        if sharing:
            fitting = sharing
        else:
            # A title none of them holds: only people the collection gives no title stay possible.
            fitting = [person for person in fitting if not person.roles]
    names = ", ".join(repr(result.identities[person.key].display) for person in candidates)
    if len(fitting) == 1:
        person = fitting[0]
        target = result.identities[person.key]
        evidence = []
        if roles and person.roles & roles:
            evidence.append(f"titles shared ({', '.join(sorted(person.roles & roles))})")
        if ruled_out:
            evidence.append("gender rules out " + ", ".join(repr(result.identities[other.key].display)
                                                             for other in ruled_out))
        if len(candidates) == 1 and not evidence:
            evidence.append(f"the only person of this {'surname' if why == 'surname' else 'name'} in the collection")
        elif len(candidates) > 1 and not evidence:
            evidence.append("the others' titles conflict")
        target.reasons.setdefault(use.name, f"{use.name!r} -> {target.display!r}: " + "; ".join(evidence))
        result.uses[(use.article_id, use.name)] = person.key
        return
    key = f"unresolved:{use.article_id}:{parts.key}"
    identity = result.identities.setdefault(key, Identity(key=key, display=display_name(use.reading), is_person=True,
                                                          resolved=False))
    identity.reasons.setdefault(use.name, f"{use.name!r}: unresolved, could be {names}"
                                + (" (no title or gender tells them apart)" if fitting else
                                   " (each conflicts with the article's titles or gender)"))
    result.uses[(use.article_id, use.name)] = key


# --- organisations -------------------------------------------------------------------------------

# A name of this many words or more that ends one longer name is that organisation, written without the
# words before ("Tax Policy Center" of the Urban-Brookings Tax Policy Center); two words ("Security Council")
# end too many names.
MIN_TAIL_WORDS = 3


def _the_longer_name_ending(key: str, keys: set[str]) -> str | None:
    """The one organisation key in `keys` longer than `key` that ends with all its words, else None."""
    words = key.split()
    if len(words) < MIN_TAIL_WORDS:
        return None
    longer = [other for other in keys if len(other.split()) > len(words) and other.split()[-len(words):] == words]
    return longer[0] if len(longer) == 1 else None


def _identify_organisations(uses: list[NameUse], result: Identities) -> None:
    keyed = [(use, organisation_key(use.name)) for use in uses]
    keyed = [(use, key) for use, key in keyed if key]
    # Acronyms the collection prints or implies: "taib" from "… Bureau (TAIB)", "imf" from the expansion.
    expansions: dict[str, set[str]] = defaultdict(set)
    for use, key in keyed:
        if looks_like_acronym(use.name):
            continue
        for acronym in (bracketed_acronym(use.name), acronym_of(key)):
            if acronym:
                expansions[acronym].add(key)
        for alias in use.aliases:
            if looks_like_acronym(alias):
                expansions["".join(organisation_key(alias).split())].add(key)
    printed: dict[str, str] = {}
    for use, key in keyed:
        printed.setdefault(key, use.name.strip())
    for use, key in keyed:
        display = use.name.strip()
        reason = f"{use.name!r}: same name as printed elsewhere, without 'the' or a legal suffix"
        if looks_like_acronym(use.name) and len(expansions.get(key, ())) == 1:
            expansion = next(iter(expansions[key]))
            reason = f"{use.name!r}: acronym of {expansion!r}, the only organisation it abbreviates"
            key = expansion
        elif (longer := _the_longer_name_ending(key, set(printed))) is not None:
            reason = f"{use.name!r}: the end of {longer!r}, the only organisation whose name ends so"
            key, display = longer, printed[longer]  # the name in full names it better
        identity_key = f"organisation:{key}"
        identity = result.identities.get(identity_key)
        if identity is None:
            identity = result.identities[identity_key] = Identity(key=identity_key, display=display,
                                                                  is_person=False)
        if looks_like_acronym(identity.display) and not looks_like_acronym(use.name):
            identity.display = use.name.strip()  # the expansion names it better than its acronym
        identity.reasons.setdefault(use.name, reason)
        result.uses[(use.article_id, use.name)] = identity_key
