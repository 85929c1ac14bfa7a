"""Quote families: the copies of one statement across articles, found by fingerprints and scored with rapidfuzz.

Two ways in. At ingest, `link_article_families` puts a new article's quotes into a family at once
(provisional: the result depends on which articles were stored before). The link phase decides:
`link_families` matches every changed quote against every stored quote of another article, keeps the
matches as edges (QuoteMatch, both directions) and makes each family a connected group of them, with
its earliest source decided by publication date and a key of the article's content; so the same
articles give the same families whatever order they arrived or were linked in.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import cast

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from sqlalchemy import Row, Table, delete, func, insert, null, or_, select, update
from sqlalchemy.orm import Session

from app.services.wording.diff import stored_diff, word_diff
from app.store.models import Article, Quote, QuoteFamily, QuoteFingerprint, QuoteMatch
from app.store.queries import family_order
from app.store.repo import normalize_quote_text
from nlp.vocabulary.wordlists import negations_without_apostrophes

# fuzz.ratio (0-100) between two normalised quotes for "the same words, with small changes".
NEAR_VERBATIM_MIN_RATIO = 90
# fuzz.partial_ratio for a shorter quote found inside a longer one (after snapping to word boundaries).
PARTIAL_MIN_RATIO = 95
# Share of words (0-1, Levenshtein over words) the shorter quote and its aligned region must share.
PARTIAL_MIN_WORD_SIMILARITY = 0.85
# A quote this short is an ordinary phrase as often as a statement ("we will see"); it joins a family
# only with the same speaker.
SAME_SPEAKER_BELOW_WORDS = 8
MIN_FAMILY_WORDS = 3
# How many candidates sharing fingerprints are scored with rapidfuzz for each new quote; fingerprints
# are hashes of word trigrams, one kept in every window of three (see quote_fingerprints).
FAMILY_CANDIDATES = 25
# Share of the smaller fingerprint set two quotes must have in common before rapidfuzz compares them.
FAMILY_MIN_SHARED_FINGERPRINTS = 0.5
FINGERPRINT_WORDS = 3
FINGERPRINT_WINDOW = 3
# Quote texts are folded without apostrophes ("dont", and the "n" "t" of a split contraction).
NEGATIONS = negations_without_apostrophes()


@dataclass(frozen=True, slots=True)
class FamilyMatch:
    quote_id: int
    score: float
    reason: str


def match_quotes(new_text: str, known_text: str) -> FamilyMatch | None:
    """Do two normalised quote texts carry one statement? Returns the score and why, or None.

    The same words with small changes (ratio), or the shorter one inside the longer (partial
    alignment on word boundaries); a negation present in one and not the other never matches.
    """
    if not new_text or not known_text:
        return None
    shorter, longer = sorted((new_text, known_text), key=len)
    if new_text == known_text:
        return FamilyMatch(0, 100.0, "verbatim")
    # Both texts come through normalize_quote_text (the processor): no further folding here.
    ratio = fuzz.ratio(new_text, known_text, processor=None)
    if ratio >= NEAR_VERBATIM_MIN_RATIO:
        if _negations(new_text) != _negations(known_text):
            return None
        return FamilyMatch(0, ratio, f"near-verbatim (similarity {ratio:.0f})")
    alignment = fuzz.partial_ratio_alignment(shorter, longer, processor=None)
    if alignment is None or alignment.score < PARTIAL_MIN_RATIO:
        return None
    start, end = alignment.dest_start, alignment.dest_end
    while start > 0 and longer[start - 1] != " ":
        start -= 1
    while end < len(longer) and longer[end] != " ":
        end += 1
    region = longer[start:end].strip()
    score = fuzz.ratio(shorter, region, processor=None)
    # Word by word as well: a character alignment forgives a cut word ("inch of syri"), a quote does not.
    word_similarity = Levenshtein.normalized_similarity(shorter.split(), region.split())
    if (score < NEAR_VERBATIM_MIN_RATIO or word_similarity < PARTIAL_MIN_WORD_SIMILARITY
            or _negations(shorter) != _negations(region)):
        return None
    return FamilyMatch(0, score, f"partial: inside a longer quote (similarity {score:.0f})")


def _negations(text: str) -> frozenset[str]:
    return frozenset(word for word in text.split() if word in NEGATIONS)


# --- the link phase: families as connected groups of matches ------------------------------------------

# Ids per IN (...) list: well under SQLite's bound-parameter limit and PostgreSQL's comfortable size.
IN_CHUNK = 5000
_QUOTE_COLUMNS = (Quote.id, Quote.article_id, Quote.text, Quote.normalized, Quote.kind, Quote.verbatim,
                  Quote.parts, Quote.start, Quote.end, Quote.speaker_id)


def _chunks(ids, size: int = IN_CHUNK):
    ordered = sorted(ids)
    for index in range(0, len(ordered), size):
        yield ordered[index:index + size]


def link_families(session: Session, *, quote_ids: set[int]) -> int:
    """Re-decide the families of `quote_ids` (quotes new or changed since the last pass) and of every quote
    they are, or were, connected to. Returns how many families were written.

    Each changed quote is fingerprinted again and compared with every stored quote of another article
    sharing enough fingerprints (no cap on candidates: a cap would keep different matches depending on
    what was stored first); its matches replace its old ones. A family is then a connected group of
    matches, found from the changed quotes and their old families' members.
    """
    if not quote_ids:
        return 0
    rows = {row.id: row for chunk in _chunks(quote_ids)
            for row in session.execute(select(*_QUOTE_COLUMNS).where(Quote.id.in_(chunk)))}
    texts = {quote_id: matching_text(row) for quote_id, row in rows.items()}
    fingerprints = {quote_id: quote_fingerprints(text) for quote_id, text in texts.items()
                    if len(text.split()) >= MIN_FAMILY_WORDS}
    for chunk in _chunks(rows):
        session.execute(delete(QuoteFingerprint).where(QuoteFingerprint.quote_id.in_(chunk)))
    fingerprint_rows = [{"fingerprint": fingerprint, "quote_id": quote_id}
                        for quote_id, owned in sorted(fingerprints.items()) for fingerprint in sorted(owned)]
    if fingerprint_rows:
        session.execute(insert(cast(Table, QuoteFingerprint.__table__)), fingerprint_rows)
    edges = _find_matches(session, rows=rows, texts=texts, fingerprints=fingerprints)
    old_families: set[int] = set()
    for chunk in _chunks(rows):
        session.execute(delete(QuoteMatch).where(or_(QuoteMatch.quote_id.in_(chunk), QuoteMatch.other_id.in_(chunk))))
        old_families |= {family_id for family_id in session.scalars(
            select(Quote.family_id).where(Quote.id.in_(chunk), Quote.family_id.is_not(None))) if family_id}
    if edges:
        session.execute(insert(cast(Table, QuoteMatch.__table__)), [
            {"quote_id": one, "other_id": two, "score": match.score, "reason": match.reason[:200]}
            for (low, high), match in sorted(edges.items()) for one, two in ((low, high), (high, low))])
    seeds = set(rows)
    for chunk in _chunks(old_families):
        seeds |= set(session.scalars(select(Quote.id).where(Quote.family_id.in_(chunk))))
    return _write_families(session, seeds=seeds, old_families=old_families)


def _find_matches(session: Session, *, rows: dict[int, Row], texts: dict[int, str],
                  fingerprints: dict[int, set[int]]) -> dict[tuple[int, int], FamilyMatch]:
    """Every match (lower id, higher id) -> FamilyMatch of a changed quote with a stored quote of another
    article, decided the same way from either side (see _match_rows)."""
    everything = set().union(*fingerprints.values()) if fingerprints else set()
    owners: dict[int, list[int]] = {}
    for chunk in _chunks(everything):
        for fingerprint, owner in session.execute(select(QuoteFingerprint.fingerprint, QuoteFingerprint.quote_id)
                                                  .where(QuoteFingerprint.fingerprint.in_(chunk))):
            owners.setdefault(fingerprint, []).append(owner)
    shared_counts = {quote_id: Counter(owner for fingerprint in owned for owner in owners.get(fingerprint, ())
                                       if owner != quote_id)
                     for quote_id, owned in fingerprints.items()}
    candidate_ids = {owner for counts in shared_counts.values() for owner in counts}
    # How many fingerprints each candidate has: the threshold is a share of the smaller set, both sides.
    sizes: dict[int, int] = {quote_id: len(owned) for quote_id, owned in fingerprints.items()}
    for chunk in _chunks(candidate_ids - set(sizes)):
        sizes.update({quote_id: count for quote_id, count in session.execute(
            select(QuoteFingerprint.quote_id, func.count()).where(QuoteFingerprint.quote_id.in_(chunk))
            .group_by(QuoteFingerprint.quote_id))})
    wanted = {owner for quote_id, counts in shared_counts.items() for owner, shared in counts.items()
              if shared >= FAMILY_MIN_SHARED_FINGERPRINTS * min(sizes[quote_id], sizes.get(owner, 0) or 1)}
    candidates = dict(rows)
    for chunk in _chunks(wanted - set(rows)):
        candidates.update({row.id: row for row in session.execute(select(*_QUOTE_COLUMNS).where(Quote.id.in_(chunk)))})
    edges: dict[tuple[int, int], FamilyMatch] = {}
    for quote_id, counts in shared_counts.items():
        own = rows[quote_id]
        for owner, shared in counts.items():
            pair = (min(quote_id, owner), max(quote_id, owner))
            other = candidates.get(owner)
            if pair in edges or other is None or other.article_id == own.article_id:
                continue
            if shared < FAMILY_MIN_SHARED_FINGERPRINTS * min(sizes[quote_id], sizes.get(owner, 0) or 1):
                continue
            other_text = texts.get(owner) or matching_text(other)
            match = _match_rows(own, texts[quote_id], other, other_text)
            if match is not None:
                edges[pair] = match
    return edges


def _match_rows(one: Row, one_text: str, other: Row, other_text: str) -> FamilyMatch | None:
    """Do two stored quotes carry one statement? The same answer whichever is `one` (texts compared in a
    fixed order); a short quote matches only a quote of the same speaker."""
    if min(len(one_text.split()), len(other_text.split())) < SAME_SPEAKER_BELOW_WORDS and (
            one.speaker_id is None or one.speaker_id != other.speaker_id):
        return None
    first, second = sorted((one_text, other_text))
    return match_quotes(first, second)


def _write_families(session: Session, *, seeds: set[int], old_families: set[int]) -> int:
    """Give every quote connected to `seeds` by matches the family of its connected group (none when
    alone), reusing family rows, dropping emptied ones, and refresh each family's order and diffs."""
    component_of: dict[int, int] = {}
    components: list[set[int]] = []
    neighbours: dict[int, list[tuple[int, float, str]]] = {}
    for seed in sorted(seeds):
        if seed in component_of:
            continue
        component = {seed}
        frontier = {seed}
        while frontier:
            found: set[int] = set()
            for chunk in _chunks(frontier):
                for quote_id, other_id, score, reason in session.execute(
                        select(QuoteMatch.quote_id, QuoteMatch.other_id, QuoteMatch.score, QuoteMatch.reason)
                        .where(QuoteMatch.quote_id.in_(chunk))):
                    neighbours.setdefault(quote_id, []).append((other_id, score, reason))
                    if other_id not in component:
                        found.add(other_id)
            component |= found
            frontier = found
        for quote_id in component:
            component_of[quote_id] = len(components)
        components.append(component)
    members = set(component_of)
    current = {}
    stable_key: dict[int, tuple[str, int]] = {}
    for chunk in _chunks(members):
        for quote_id, family_id, content_hash, start in session.execute(
                select(Quote.id, Quote.family_id, Article.content_hash, Quote.start)
                .join(Article, Article.id == Quote.article_id).where(Quote.id.in_(chunk))):
            current[quote_id] = family_id
            stable_key[quote_id] = (content_hash, start)
    old_families |= {family_id for family_id in current.values() if family_id is not None}
    claimed: set[int] = set()
    written: list[QuoteFamily] = []
    updates: list[dict] = []
    alone: list[int] = []
    for component in components:
        if len(component) < 2:
            alone.extend(component)
            continue
        held = Counter(family_id for quote_id in component if (family_id := current.get(quote_id)) is not None
                       and family_id not in claimed)
        if held:
            family_id = min(held, key=lambda candidate: (-held[candidate], candidate))
            family = session.get_one(QuoteFamily, family_id)
        else:
            family = QuoteFamily(member_count=0)
            session.add(family)
            session.flush()
        claimed.add(family.id)
        written.append(family)
        for quote_id in sorted(component):
            # The closest copy explains the membership; ties go to the copy with the smaller content key.
            partner, score, reason = min(neighbours[quote_id], key=lambda edge: (-edge[1], stable_key[edge[0]]))
            updates.append({"id": quote_id, "family_id": family.id, "family_reason": f"{reason}, with quote {partner}"})
    if updates:
        session.execute(update(Quote), updates)
    for chunk in _chunks(alone):
        session.execute(update(Quote).where(Quote.id.in_(chunk), Quote.family_id.is_not(None))
                        .values(family_id=None, family_reason=None, family_diff=null()))
    emptied = sorted(old_families - claimed)
    for chunk in _chunks(emptied):
        session.execute(update(QuoteFamily).where(QuoteFamily.id.in_(chunk)).values(earliest_quote_id=None))
        session.execute(delete(QuoteFamily).where(QuoteFamily.id.in_(chunk),
                                                  ~QuoteFamily.id.in_(select(Quote.family_id).where(
                                                      Quote.family_id.is_not(None)))))
    session.flush()
    session.expire_all()
    for family in written:
        refresh_family(session, family=family, recompute_all=True)
    return len(written)



def link_article_families(session: Session, *, article: Article) -> list[QuoteFamily]:
    """Put each quote of a freshly added article into the family of the best matching quote in another
    article (creating the family if that quote had none). Returns the families that changed.

    Candidates are the stored quotes sharing the most fingerprints (one query for all of the
    article's quotes); they are scored with `match_quotes`. The article's quotes are fingerprinted
    here, so later articles can find them.
    """
    session.flush()
    quotes = [(quote, matching_text(quote)) for quote in article.quotes]
    quotes = [(quote, own_text) for quote, own_text in quotes if len(own_text.split()) >= MIN_FAMILY_WORDS]
    if not quotes:
        return []
    own_ids = {quote.id for quote in article.quotes}
    own_fingerprints = [quote_fingerprints(own_text) for _, own_text in quotes]
    candidate_lists = _fingerprint_candidates(session, probes=own_fingerprints, own_ids=own_ids)
    # Stored after the look-up, so that the article's quotes do not find each other.
    session.execute(insert(cast(Table, QuoteFingerprint.__table__)), [
        {"fingerprint": fingerprint, "quote_id": quote.id}
        for (quote, _), fingerprints in zip(quotes, own_fingerprints, strict=True) for fingerprint in fingerprints
    ])
    candidate_ids = {candidate_id for candidates in candidate_lists for candidate_id, _ in candidates}
    rows = {} if not candidate_ids else {
        # Plain rows, not ORM objects: most candidates are scored and dropped.
        row.id: row for row in session.execute(
            select(Quote.id, Quote.text, Quote.normalized, Quote.kind, Quote.verbatim, Quote.parts, Quote.start,
                   Quote.end, Quote.speaker_id)
            .where(Quote.id.in_(candidate_ids), Quote.article_id != article.id)
        )
    }
    changed: dict[int, QuoteFamily] = {}
    for (quote, own_text), fingerprints, candidates in zip(quotes, own_fingerprints, candidate_lists, strict=True):
        matches = _matches(quote, own_text, fingerprints, [(rows.get(candidate_id), shared)
                                                          for candidate_id, shared in candidates])
        if matches:
            family = _join_family(session, quote=quote, matches=matches)
            changed[family.id] = family
    session.flush()
    for family in changed.values():
        refresh_family(session, family=family)
    return list(changed.values())


def _matches(quote: Quote, own_text: str, fingerprints: set[int],
             candidates: list[tuple[Row | None, int]]) -> list[tuple[FamilyMatch, Row]]:
    """The candidates (stored quotes' rows, fingerprints shared) carrying `quote`'s statement, best first."""
    words = own_text.split()
    found: list[tuple[FamilyMatch, Row]] = []
    for candidate, shared in candidates:
        if candidate is None:
            continue
        candidate_text = matching_text(candidate)
        # A copy, or a part of the other, shares most of the shorter one's fingerprints; a quote
        # that merely shares a stock phrase ("the United States") shares one or two.
        candidate_words = len(candidate_text.split())
        fewest = min(len(fingerprints), expected_fingerprints(candidate_words))
        if shared < FAMILY_MIN_SHARED_FINGERPRINTS * fewest:
            continue
        shortest = min(len(words), candidate_words)
        if shortest < SAME_SPEAKER_BELOW_WORDS and (
            quote.speaker_id is None or quote.speaker_id != candidate.speaker_id
        ):
            continue
        match = match_quotes(own_text, candidate_text)
        if match is not None:
            found.append((match, candidate))
    return sorted(found, key=lambda pair: (-pair[0].score, pair[1].id))


def _join_family(session: Session, *, quote: Quote, matches: list[tuple[FamilyMatch, Row]]) -> QuoteFamily:
    """Put `quote` into the family of the best stored quote it matched that has one (a statement already
    carried by several articles is one family, even when the closest copy is a loose fragment), creating
    the family with the best match if none has one."""
    match, row = matches[0]
    known = session.get_one(Quote, row.id)
    in_family = [(candidate_match, candidate) for candidate_match, candidate in matches
                 if session.get_one(Quote, candidate.id).family_id is not None]
    if known.family_id is None and in_family:
        match, row = in_family[0]
        known = session.get_one(Quote, row.id)
    family = known.family
    if family is None:
        family = QuoteFamily(member_count=0)
        session.add(family)
        session.flush()
        known.family_id = family.id
        known.family_reason = f"{match.reason}, with quote {quote.id}"
    quote.family_id = family.id
    quote.family_reason = f"{match.reason}, with quote {known.id}"
    # Every other stored copy the quote matched carries the same statement: one family, not a family of
    # the closest copy with the rest left out (a headline fragment and its article's body quote).
    for other_match, other in matches:
        other_quote = session.get_one(Quote, other.id)
        if other_quote.family_id is None:
            other_quote.family_id = family.id
            other_quote.family_reason = f"{other_match.reason}, with quote {quote.id}"
    return family


def _fingerprint_candidates(
    session: Session, *, probes: list[set[int]], own_ids: set[int]
) -> list[list[tuple[int, int]]]:
    """For each set of fingerprints, (quote id, fingerprints shared) of the stored quotes sharing the
    most (at most FAMILY_CANDIDATES), in one query for all sets."""
    everything = set().union(*probes) if probes else set()
    if not everything:
        return [[] for _ in probes]
    owners: dict[int, list[int]] = {}
    for fingerprint, quote_id in session.execute(
        select(QuoteFingerprint.fingerprint, QuoteFingerprint.quote_id)
        .where(QuoteFingerprint.fingerprint.in_(everything))
    ):
        if quote_id not in own_ids:
            owners.setdefault(fingerprint, []).append(quote_id)
    results = []
    for fingerprints in probes:
        shared = Counter(quote_id for fingerprint in fingerprints for quote_id in owners.get(fingerprint, ()))
        results.append(shared.most_common(FAMILY_CANDIDATES))
    return results


def quote_fingerprints(text: str) -> set[int]:
    """Winnowed fingerprints of a normalised quote: hashes of word trigrams, the smallest in every run
    of FINGERPRINT_WINDOW consecutive ones (Schleimer, Wilkerson and Aiken's winnowing).

    Two quotes sharing FINGERPRINT_WINDOW + 2 consecutive words (five) share a fingerprint, so verbatim
    copies, copies with a changed word and partial quotes inside longer ones all find each other.
    """
    words = text.split()
    if len(words) < FINGERPRINT_WORDS:
        return {_hash_words(words)} if words else set()
    hashes = [_hash_words(words[index:index + FINGERPRINT_WORDS])
              for index in range(len(words) - FINGERPRINT_WORDS + 1)]
    if len(hashes) <= FINGERPRINT_WINDOW:
        return {min(hashes)}
    return {min(hashes[index:index + FINGERPRINT_WINDOW]) for index in range(len(hashes) - FINGERPRINT_WINDOW + 1)}


def expected_fingerprints(word_count: int) -> float:
    """About how many fingerprints winnowing keeps for a quote of `word_count` words (2 in every
    FINGERPRINT_WINDOW + 1 trigrams), without hashing it."""
    trigrams = word_count - FINGERPRINT_WORDS + 1
    return max(1.0, 1 + (trigrams - FINGERPRINT_WINDOW) * 2 / (FINGERPRINT_WINDOW + 1))


def _hash_words(words: list[str]) -> int:
    # A stable 63-bit hash (Python's hash() differs between processes); fits a signed BIGINT.
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def quoted_text(quote) -> str:
    """A quote's own words: an interrupted quote's parts without the reporter's words between them
    ('"…," Clinton said. "…"'), else its text."""
    parts = [(start, end) for start, end in (quote.parts or []) if quote.start <= start < end <= quote.end]
    if quote.kind == "direct" and len(parts) > 1:
        return " ".join(quote.text[start - quote.start:end - quote.start] for start, end in parts)
    return quote.text


def matching_text(quote) -> str:
    """What a quote (a Quote or a row with its columns) is matched on: for a mixed quote only its
    verbatim words (the reporter's paraphrase around them differs between outlets), for an interrupted
    quote its quoted parts, otherwise the whole normalised text."""
    if quote.kind == "direct" and len(quote.parts or []) > 1:
        return normalize_quote_text(quoted_text(quote))
    if quote.kind == "mixed" and quote.verbatim:
        pieces = [quote.text[start - quote.start:end - quote.start] for start, end in quote.verbatim
                  if quote.start <= start < end <= quote.end]
        if pieces:
            return normalize_quote_text(" ".join(pieces))
    return quote.normalized


def refresh_family(session: Session, *, family: QuoteFamily, recompute_all: bool = False) -> None:
    """Re-order a family by publication and recompute each member's word-level diff from the earliest
    (every member's with `recompute_all`, else those that have none or all when the earliest changed)."""
    members = list(session.scalars(
        select(Quote).join(Article, Article.id == Quote.article_id).where(Quote.family_id == family.id)
        .order_by(*family_order())
    ))
    if not members:
        return
    # A headline fragment is not where a statement was first carried when an article's body has it.
    earliest = next((member for member in members if not is_headline(member)), members[0])
    # A new earliest member changes every diff; otherwise only the members without one need theirs.
    recompute_all = recompute_all or family.earliest_quote_id != earliest.id
    family.earliest_quote_id = earliest.id
    family.member_count = len(members)
    for member in members:
        if recompute_all or member.family_diff is None:
            member.family_diff = stored_diff(word_diff(quoted_text(earliest), quoted_text(member)))
    session.flush()


# A headline is the article's first paragraph when it does not end a sentence (no full stop, question
# or exclamation mark, nor a closing quote after one).
HEADLINE_ENDINGS = tuple('.!?…') + tuple(mark + close for mark in '.!?…' for close in '"”’\'')


def is_headline(quote: Quote) -> bool:
    """A quote printed in the article's headline: its first paragraph, written without a sentence's end."""
    if quote.paragraph != 0:
        return False
    paragraphs = quote.article.paragraphs or []
    if len(paragraphs) < 2:
        return False
    start, end = paragraphs[0]
    return not quote.article.text[start:end].rstrip().endswith(HEADLINE_ENDINGS)
