"""Quote check: is a pasted quote in the stored sources, said by the claimed person, in these words?"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.services.wording import (
    VERDICTS, Comparison, PasteError, PastedQuote, Word, compare, fold, paraphrase_confidence, read_paste,
    words_in,
)
from app.store import repo
from app.store.models import Article, Quote, Speaker

DEFAULT_LIMIT = 10

# Full-text candidates per query. The "all words" queries find every source carrying the quote's
# words; the "any word" queries (slower: they rank every row sharing a word) run only when those
# find no source with the same words, to catch altered quotes and paraphrases.
EXACT_CANDIDATES = 30
LOOSE_CANDIDATES = 30
# "Any word" queries use the longest content words only: long words are the rare ones, and fewer
# words keep the ranking fast on a large collection.
LOOSE_QUERY_WORDS = 8
# At most this many candidate sources are aligned word by word, the most promising first.
ALIGNED_CANDIDATES = 40

EXACT_WORDING = ("verbatim", "elided", "minor")

VERDICT_MEANINGS = {
    "verbatim": "the same words as the source",
    "elided": "the source's words, with omissions marked by an ellipsis or insertions marked by brackets",
    "minor": "the source's words; only case, punctuation or quote style differ",
    "altered": "words added, dropped, changed or moved without marking",
    "paraphrase": "possibly the same sense in other words (low confidence)",
    "not_found": "not in the stored sources",
}
SPEAKER_VERDICT_MEANINGS = {
    "match": "the claimed speaker said it in the source",
    "misattributed": "the source gives a different speaker",
    "unattributed": "the source gives no speaker for these words",
    "not_claimed": "no speaker was claimed",
    "unverifiable": "the quote was not found, so the speaker cannot be checked",
}

# Words that describe a role, not a name: "Russian President Vladimir Putin" compares as "Vladimir Putin".
TITLE_WORDS = frozenset("""
president vice prime minister secretary state senator sen rep representative congressman congresswoman
governor gov mayor general gen colonel col major maj captain capt lieutenant lt sergeant sgt admiral adm
commander commanding chief chairman chairwoman chair ceo director spokesman spokeswoman spokesperson
king queen prince princess pope sheikh emir sir dame lord lady judge justice dr doctor prof professor
mr mrs ms miss mx rev reverend chancellor premier ambassador foreign defense defence interior deputy
acting former leader minister the a an
""".split())
NAME_PARTICLES = frozenset("al el bin ibn de da van von der del la le du dos di".split())
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Two surnames this similar (rapidfuzz ratio) are one name spelled two ways: "Assad" / "Asad".
SURNAME_SIMILARITY = 85

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»]?\s+(?=[\"'“‘«(]?[A-Z0-9])")


class CheckError(ValueError):
    """The check cannot run as asked (no words pasted, unknown article); the message says why."""


@dataclass(slots=True)
class CheckMatch:
    """One place in the stored sources where the pasted quote is (or may be), with the evidence."""

    article: Article
    quote: Quote | None
    comparison: Comparison
    verdict: str
    confidence: float | None
    context_start: int  # the paragraph (or paragraphs) around the span, offsets into article.text
    context_end: int
    paragraph: int
    speaker_verdict: str
    notes: list[str] = field(default_factory=list)
    family: list[Quote] = field(default_factory=list)

    @property
    def speaker_name(self) -> str | None:
        return _stored_speaker_name(self.quote) if self.quote is not None else None

    def to_json(self) -> dict:
        article, comparison = self.article, self.comparison
        start = comparison.start if comparison.start is not None else self.context_start
        end = comparison.end if comparison.end is not None else self.context_start
        context = article.text[self.context_start:self.context_end]
        mark_start, mark_end = start - self.context_start, end - self.context_start
        quote = self.quote
        return {
            "article_id": article.id,
            "quote_id": quote.id if quote is not None else None,
            "start": start,
            "end": end,
            "score": round(comparison.score * 100, 1),
            "verdict": self.verdict,
            "speaker": self.speaker_name,
            "diff": comparison.diff,
            "confidence": self.confidence,
            "speaker_id": quote.speaker_id if quote is not None else None,
            "speaker_verdict": self.speaker_verdict,
            "source_text": article.text[start:end],
            "changes": comparison.changes,
            "notes": self.notes,
            "extracted_as_quote": quote is not None,
            "quote_kind": quote.kind if quote is not None else None,
            "paragraph": self.paragraph,
            "paragraph_start": self.context_start,
            "paragraph_end": self.context_end,
            "paragraph_text": context,
            # Offsets into paragraph_text, so a template can mark the span without re-searching it.
            "mark_start": mark_start,
            "mark_end": mark_end,
            "excerpt": {"before": context[:mark_start], "marked": context[mark_start:mark_end],
                        "after": context[mark_end:]},
            "article": _article_json(article),
            "family": [_family_member_json(member) for member in self.family],
        }


@dataclass(slots=True)
class CheckResult:
    """The answer to one check: the verdict, speaker agreement and the evidence, best match first."""

    text: str
    paste: PastedQuote
    claimed_speaker: str | None
    speaker_from_text: bool
    article_id: int | None
    verdict: str
    confidence: float | None
    speaker_verdict: str
    source_speakers: list[str]
    matches: list[CheckMatch]
    total_matches: int
    notes: list[str]

    @property
    def summary(self) -> str:
        found = self.matches[0] if self.matches else None
        sentence = f"{self.verdict}: {VERDICT_MEANINGS[self.verdict]}"
        if found is not None and self.verdict != "not_found":
            title = found.article.title or f"article {found.article.id}"
            sentence += f" (best match: {title}, paragraph {found.paragraph + 1})"
        return sentence + "."

    def to_json(self) -> dict:
        return {
            "verdict": self.verdict,
            "speaker_verdict": self.speaker_verdict,
            "matches": [match.to_json() for match in self.matches],
            "confidence": self.confidence,
            "verdict_meaning": VERDICT_MEANINGS[self.verdict],
            "speaker_verdict_meaning": SPEAKER_VERDICT_MEANINGS[self.speaker_verdict],
            "source_speakers": self.source_speakers,
            "summary": self.summary,
            "total_matches": self.total_matches,
            "notes": self.notes,
            "query": {
                "text": self.text,
                "quote": self.paste.content,
                "speaker": self.claimed_speaker,
                "speaker_from_text": self.speaker_from_text,
                "article_id": self.article_id,
            },
        }


# --- the service ---------------------------------------------------------------------------------

def check_quote(
    session: Session,
    *,
    text: str,
    speaker: str | None = None,
    article_id: int | None = None,
    limit: int = DEFAULT_LIMIT,
) -> CheckResult:
    """Check a pasted quote against the stored articles (or one article); raises CheckError on bad input."""
    try:
        paste = read_paste(text)
    except PasteError as error:
        raise CheckError(str(error)) from error
    claimed = (speaker or "").strip() or None
    speaker_from_text = claimed is None and paste.speaker_in_text is not None
    if speaker_from_text:
        claimed = paste.speaker_in_text
    notes = list(paste.notes)

    if article_id is not None:
        article = session.get(Article, article_id)
        if article is None:
            raise CheckError(f"There is no article {article_id}.")
        sources = _article_sources(article)
        comparisons = _compare_sources(paste, sources)
    else:
        sources = _exact_candidates(session, paste)
        comparisons = _compare_sources(paste, sources)
        if not any(comparison.verdict in EXACT_WORDING for _source, comparison in comparisons):
            seen = {source.key for source in sources}
            more = [source for source in _loose_candidates(session, paste) if source.key not in seen]
            comparisons += _compare_sources(paste, more)
            sources += more

    matches = _matches(session, paste, comparisons, claimed)
    if not any(match.verdict != "paraphrase" for match in matches):
        matches = [match for match in matches if match.verdict == "paraphrase"]
    matches.sort(key=lambda match: _rank(match, claimed))
    matches = _without_overlaps(matches)
    total = len(matches)
    matches = matches[:max(1, limit)]
    _attach_families(session, matches)

    verdict = matches[0].verdict if matches else "not_found"
    confidence = matches[0].confidence if matches else None
    speaker_verdict, source_speakers = _speaker_verdict(matches, claimed)
    if verdict == "not_found" and sources:
        notes.append(f"{len(sources)} candidate passages shared words with the quote; none carries it")
    return CheckResult(
        text=text, paste=paste, claimed_speaker=claimed, speaker_from_text=speaker_from_text,
        article_id=article_id, verdict=verdict, confidence=confidence, speaker_verdict=speaker_verdict,
        source_speakers=source_speakers, matches=matches, total_matches=total, notes=notes,
    )


# --- candidate sources ---------------------------------------------------------------------------

@dataclass(slots=True)
class Source:
    """A stretch of one article to align the paste with: a paragraph, or a quote's parts across paragraphs."""

    article: Article
    ranges: list[tuple[int, int]]
    paragraph: int
    quote: Quote | None = None  # set when the ranges are a quote's own parts
    _words: list[Word] | None = None

    @property
    def key(self) -> tuple:
        return (self.article.id, self.quote.id if self.quote is not None else None, self.paragraph)

    @property
    def words(self) -> list[Word]:
        if self._words is None:
            self._words = words_in(self.article.text, self.ranges)
        return self._words


def _paragraph_ranges(article: Article) -> list[tuple[int, int]]:
    return [(start, end) for start, end in article.paragraphs] or [(0, len(article.text))]


def _quote_source(quote: Quote) -> Source | None:
    """A quote that a paragraph cannot hold whole: interrupted by its attribution, or over several paragraphs.

    Its own ranges are aligned so that a paste joining the parts ("A, B" for `"A," she said, "B."`)
    reads as the speaker's words rather than as words dropped from the paragraph.
    """
    ranges = [tuple(part) for part in (quote.verbatim or quote.parts or [[quote.start, quote.end]])]
    paragraphs = _paragraph_ranges(quote.article)
    spans_paragraphs = not any(start <= quote.start and quote.end <= end for start, end in paragraphs)
    if len(ranges) < 2 and not spans_paragraphs:
        return None
    return Source(article=quote.article, ranges=ranges, paragraph=quote.paragraph, quote=quote)


def _article_sources(article: Article) -> list[Source]:
    sources = [Source(article=article, ranges=[paragraph], paragraph=position)
               for position, paragraph in enumerate(_paragraph_ranges(article))]
    for quote in article.quotes:
        source = _quote_source(quote)
        if source is not None:
            sources.append(source)
    return sources


def _content_words(paste: PastedQuote) -> list[str]:
    from app.services.wording import STOPWORDS

    words = [word.folded for word in paste.literal_words if word.folded not in STOPWORDS]
    return list(dict.fromkeys(words)) or [word.folded for word in paste.literal_words]


def _sources_from_hits(quote_hits: list, paragraph_hits: list) -> list[Source]:
    sources: dict[tuple, Source] = {}
    for hit in paragraph_hits:
        source = Source(article=hit.article, ranges=[(hit.start, hit.end)], paragraph=hit.position)
        sources.setdefault(source.key, source)
    for hit in quote_hits:
        quote = hit.quote
        article = quote.article
        paragraphs = _paragraph_ranges(article)
        position = min(max(quote.paragraph, 0), len(paragraphs) - 1)
        source = Source(article=article, ranges=[paragraphs[position]], paragraph=position)
        sources.setdefault(source.key, source)
        quote_source = _quote_source(quote)
        if quote_source is not None:
            sources.setdefault(quote_source.key, quote_source)
    return list(sources.values())


def _exact_candidates(session: Session, paste: PastedQuote) -> list[Source]:
    """Passages holding every content word of the paste, outside brackets (the words a verbatim source has)."""
    query = " ".join(_content_words(paste))
    quote_hits = repo.search_quotes_fulltext(session, query=query, limit=EXACT_CANDIDATES, match="all")
    paragraph_hits = repo.search_articles_fulltext(session, query=query, limit=EXACT_CANDIDATES, match="all")
    return _sources_from_hits(quote_hits, paragraph_hits)


def _loose_candidates(session: Session, paste: PastedQuote) -> list[Source]:
    """Passages sharing the rarest content words of the paste, for altered quotes and paraphrases."""
    words = sorted(_content_words(paste) + [fold(word.text) for token in paste.tokens if token.kind == "bracket"
                                            for word in token.words],
                   key=len, reverse=True)
    query = " ".join(list(dict.fromkeys(words))[:LOOSE_QUERY_WORDS])
    quote_hits = repo.search_quotes_fulltext(session, query=query, limit=LOOSE_CANDIDATES, match="any")
    paragraph_hits = repo.search_articles_fulltext(session, query=query, limit=LOOSE_CANDIDATES, match="any")
    return _sources_from_hits(quote_hits, paragraph_hits)


def _compare_sources(paste: PastedQuote, sources: list[Source]) -> list[tuple[Source, Comparison]]:
    """Align the paste with the most promising sources (by shared words, rapidfuzz as tie-break)."""
    pasted = [word.folded for word in paste.literal_words]
    pasted_text = " ".join(pasted)

    def promise(source: Source) -> tuple[float, float]:
        present = {word.folded for word in source.words}
        shared = sum(word in present for word in pasted) / len(pasted)
        return shared, fuzz.partial_ratio(pasted_text, " ".join(word.folded for word in source.words))

    ranked = sorted(sources, key=promise, reverse=True)[:ALIGNED_CANDIDATES] if len(sources) > ALIGNED_CANDIDATES \
        else sources
    return [(source, compare(paste, source.article.text, source.words)) for source in ranked]


# --- matches -------------------------------------------------------------------------------------

def _matches(session: Session, paste: PastedQuote, comparisons: list[tuple[Source, Comparison]],
             claimed: str | None) -> list[CheckMatch]:
    found = [(source, comparison) for source, comparison in comparisons if comparison.found]
    paraphrases: list[tuple[Source, Comparison, float, int, int]] = []
    if not found:
        for source, comparison in comparisons:
            best = _paraphrase_region(paste, source)
            if best is not None:
                paraphrases.append((source, comparison, *best))
    article_ids = {source.article.id for source, _ in found} | {item[0].article.id for item in paraphrases}
    quotes_by_article = _quotes_of(session, article_ids)

    matches: list[CheckMatch] = []
    for source, comparison in found:
        matches.append(_match(source, comparison, comparison.verdict,
                              1.0 if comparison.verdict in EXACT_WORDING else round(comparison.score, 2),
                              quotes_by_article.get(source.article.id, []), claimed))
    for source, comparison, confidence, start, end in paraphrases:
        comparison = Comparison("paraphrase", comparison.score, start, end, comparison.shared_words, [], [],
                                [])
        shared = paraphrase_confidence(paste, words_in(source.article.text, [(start, end)]))[1]
        comparison.changes.append("shares the content words " + ", ".join(f'"{word}"' for word in shared)
                                  + " but not the wording")
        matches.append(_match(source, comparison, "paraphrase", confidence,
                              quotes_by_article.get(source.article.id, []), claimed))
    return matches


def _paraphrase_region(paste: PastedQuote, source: Source) -> tuple[float, int, int] | None:
    """The sentence (or stored quote) of `source` most likely to say what the paste says, if any is likely."""
    if source.quote is not None:
        regions = [(source.quote.start, source.quote.end)]
    else:
        regions = []
        for start, end in source.ranges:
            sentences = _sentences(source.article.text, start, end)
            regions += sentences
            regions += [(first[0], second[1]) for first, second in zip(sentences, sentences[1:])]
    best = None
    for start, end in regions:
        confidence, _shared = paraphrase_confidence(paste, words_in(source.article.text, [(start, end)]))
        if confidence > 0 and (best is None or confidence > best[0]
                               or (confidence == best[0] and end - start < best[2] - best[1])):
            best = (confidence, start, end)
    return best


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    sentences = []
    position = start
    for boundary in SENTENCE_END.finditer(text, start, end):
        sentences.append((position, boundary.start()))
        position = boundary.end()
    sentences.append((position, end))
    return [(first, last) for first, last in sentences if text[first:last].strip()]


def _quotes_of(session: Session, article_ids: set[int]) -> dict[int, list[Quote]]:
    if not article_ids:
        return {}
    statement = (
        select(Quote).where(Quote.article_id.in_(sorted(article_ids))).order_by(Quote.article_id, Quote.start)
        .options(selectinload(Quote.speaker).selectinload(Speaker.aliases),
                 selectinload(Quote.speaker).selectinload(Speaker.titles))
    )
    quotes: dict[int, list[Quote]] = {}
    for quote in session.scalars(statement):
        quotes.setdefault(quote.article_id, []).append(quote)
    return quotes


def _match(source: Source, comparison: Comparison, verdict: str, confidence: float | None,
           article_quotes: list[Quote], claimed: str | None) -> CheckMatch:
    article = source.article
    start, end = comparison.start, comparison.end
    notes: list[str] = []
    quote = source.quote
    if quote is None:
        overlapping = [(min(end, candidate.end) - max(start, candidate.start), candidate)
                       for candidate in article_quotes if candidate.start < end and start < candidate.end]
        if overlapping:
            quote = max(overlapping, key=lambda item: (item[0], -item[1].start))[1]
    if quote is None:
        notes.append("found in the article's narrative text: not extracted as a quote, so the source names "
                     "no speaker for these words")
    else:
        if start < quote.start or end > quote.end:
            notes.append("the match reaches beyond the extracted quote into the surrounding text")
        if quote.kind == "indirect":
            notes.append("the source reports this as indirect speech: the words are the reporter's, "
                         "not a verbatim quote")
        elif quote.kind == "mixed":
            inside = sum(min(end, part_end) - max(start, part_start)
                         for part_start, part_end in (quote.verbatim or []) if part_start < end and start < part_end)
            if inside < (end - start) * 0.9:
                notes.append("only part of these words are inside quote marks in the source; the rest is the "
                             "reporter's wording")
        if source.quote is not None and len(source.ranges) > 1:
            notes.append("the quote is printed in parts, interrupted by its attribution; the parts are compared "
                         "as one")
    paragraphs = _paragraph_ranges(article)
    first = _paragraph_at(paragraphs, start)
    last = _paragraph_at(paragraphs, max(start, end - 1))
    context_start, context_end = paragraphs[first][0], paragraphs[last][1]
    context_start, context_end = min(context_start, start), max(context_end, end)
    speaker_verdict = _speaker_agreement(quote, claimed) if claimed else "not_claimed"
    return CheckMatch(
        article=article, quote=quote, comparison=comparison, verdict=verdict, confidence=confidence,
        context_start=context_start, context_end=context_end, paragraph=first, speaker_verdict=speaker_verdict,
        notes=notes,
    )


def _paragraph_at(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for position, (_start, end) in enumerate(paragraphs):
        if offset < end:
            return position
    return len(paragraphs) - 1


def _published_key(article: Article) -> tuple:
    published = article.published_at or article.ingested_at
    return (published is None, published.timestamp() if isinstance(published, datetime) else 0.0)


def _rank(match: CheckMatch, claimed: str | None) -> tuple:
    """Most trustworthy verdict first; then closest wording, the claimed speaker, an extracted quote, earliest."""
    return (
        VERDICTS.index(match.verdict),
        -round(match.comparison.score, 3),
        0 if not claimed or match.speaker_verdict == "match" else 1,
        0 if match.quote is not None else 1,
        _published_key(match.article),
        match.article.id,
        match.comparison.start or 0,
    )


def _without_overlaps(matches: list[CheckMatch]) -> list[CheckMatch]:
    """One match per place: a quote aligned on its own and in its paragraph is the same evidence twice."""
    kept: list[CheckMatch] = []
    for match in matches:
        start, end = match.comparison.start, match.comparison.end
        if any(other.article.id == match.article.id and other.comparison.start < end and start < other.comparison.end
               for other in kept):
            continue
        kept.append(match)
    return kept


def _attach_families(session: Session, matches: list[CheckMatch]) -> None:
    """The other articles carrying a matched quote, earliest publication first."""
    members_by_family: dict[int, list[Quote]] = {}
    for match in matches:
        quote = match.quote
        if quote is None or quote.family_id is None:
            continue
        if quote.family_id not in members_by_family:
            members_by_family[quote.family_id] = repo.family_members(session, family_id=quote.family_id)
        members = members_by_family[quote.family_id]
        if len(members) > 1:
            match.family = members


# --- speakers ------------------------------------------------------------------------------------

def _stored_speaker_name(quote: Quote) -> str | None:
    if quote.speaker is not None:
        return quote.speaker.name
    return quote.speaker_name


def _speaker_agreement(quote: Quote | None, claimed: str) -> str:
    if quote is None:
        return "unattributed"
    names: list[str] = []
    titles: list[str] = []
    if quote.speaker is not None:
        names = [quote.speaker.name] + [alias.alias for alias in quote.speaker.aliases]
        titles = [title.title for title in quote.speaker.titles]
    elif quote.speaker_name:
        names = [quote.speaker_name]
    if not names:
        return "unattributed"
    return "match" if names_agree(claimed, names, titles=titles) else "misattributed"


def _speaker_verdict(matches: list[CheckMatch], claimed: str | None) -> tuple[str, list[str]]:
    """Speaker agreement over the matches with the best kind of wording (exact words before altered ones)."""
    if not matches or matches[0].verdict == "not_found":
        return ("not_claimed" if not claimed else "unverifiable"), []
    best_group = _wording_group(matches[0].verdict)
    considered = [match for match in matches if _wording_group(match.verdict) == best_group]
    speakers = list(dict.fromkeys(name for match in considered if (name := match.speaker_name)))
    if not claimed:
        return "not_claimed", speakers
    if any(match.speaker_verdict == "match" for match in considered):
        return "match", speakers
    if speakers:
        return "misattributed", speakers
    return "unattributed", speakers


def _wording_group(verdict: str) -> int:
    return 0 if verdict in EXACT_WORDING else VERDICTS.index(verdict)


def _name_words(name: str, *, titles: list[str] = ()) -> list[str]:
    """A name's words without roles: "Russian President Vladimir Putin" -> ["vladimir", "putin"]."""
    words = [word for word in re.split(r"[^\w']+", fold(name)) if word]
    title_words = set(TITLE_WORDS)
    for title in titles:
        title_words.update(word for word in re.split(r"[^\w']+", fold(title)) if word)
    # Everything up to the last role word is the role ("Syrian President", "US Secretary of State").
    last_title = max((index for index, word in enumerate(words[:-1]) if word in title_words), default=-1)
    words = words[last_title + 1:]
    return [word for word in words
            if word not in NAME_PARTICLES and word not in NAME_SUFFIXES and word not in title_words] or words


def _compatible(first: str, second: str) -> bool:
    if first == second:
        return True
    if len(first) == 1 or len(second) == 1:
        return first[0] == second[0]  # an initial: "G." and "George"
    return fuzz.ratio(first, second) >= SURNAME_SIMILARITY and min(len(first), len(second)) >= 5


def names_agree(claimed: str, names: list[str], *, titles: list[str] = ()) -> bool:
    """Whether a claimed speaker is one of `names` (a speaker's name and aliases), tolerantly.

    The surnames must agree (spelling variants allowed); given names only have to be compatible when
    both sides give them: "Putin" and "Vladimir Putin" agree, "Joe Biden" and "Hunter Biden" do not.
    A claimed role that the source gave the speaker ("the Russian president") agrees too.
    """
    claimed_folded = " ".join(word for word in re.split(r"[^\w']+", fold(claimed)) if word and word not in
                              ("the", "a", "an"))
    if claimed_folded and any(claimed_folded == " ".join(re.split(r"[^\w']+", fold(title))).strip()
                              for title in titles):
        return True
    claimed_words = _name_words(claimed, titles=titles)
    if not claimed_words:
        return False
    for name in names:
        stored_words = _name_words(name, titles=titles)
        if not stored_words or not _compatible(claimed_words[-1], stored_words[-1]):
            continue
        claimed_given, stored_given = claimed_words[:-1], stored_words[:-1]
        if not claimed_given or not stored_given:
            return True
        if any(_compatible(first, second) for first in claimed_given for second in stored_given):
            return True
    return False


# --- JSON helpers --------------------------------------------------------------------------------

def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _article_json(article: Article) -> dict:
    return {
        "id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
        "published_at": _iso(article.published_at), "source_name": article.source_name,
    }


def _family_member_json(quote: Quote) -> dict:
    return {
        "quote_id": quote.id, "article_id": quote.article_id, "text": quote.text,
        "speaker": _stored_speaker_name(quote), "published_at": _iso(quote.article.published_at),
        "title": quote.article.title, "outlet": quote.article.outlet, "diff": quote.family_diff,
        "start": quote.start, "end": quote.end,
    }
