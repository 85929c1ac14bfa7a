"""Quote check: is a pasted quote in the stored sources, said by the claimed person, in these words?"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.services import linking
from app.services.wording import (
    MAX_ALIGNED_SOURCE_WORDS,
    STOPWORDS,
    VERDICTS,
    WORD_PATTERN,
    Comparison,
    PastedQuote,
    PasteError,
    Word,
    compare,
    fold,
    paraphrase_confidence,
    read_paste,
    words_in,
)
from app.store import db, queries
from app.store.models import Article, ArticleParagraph, Quote, Speaker

DEFAULT_LIMIT = 10

# Full-text candidates. The exact query wants every content word of the paste: it finds each source
# that can carry the quote in the same words, in one cheap AND query. Only when none does, looser
# AND queries run, in two rounds over the content words cut into LOOSE_RUNS runs: first every run but
# one (one changed word still leaves a query without it, and three quarters of the words are
# specific enough to rank the source first), then, if nothing was found, every pair of runs (half of
# the words: two changed places, or a paraphrase). "Any word" OR queries, or pairs of words, would
# rank every row sharing a common word: slow, and they bury the source on a large collection.
EXACT_CANDIDATES = 30
LOOSE_RUNS = 4
LOOSE_CANDIDATES_PER_QUERY = 10
# At most this many candidate sources are aligned word by word, the most promising first, and no
# more once the alignments have filled this many cells (pasted words x source words; about half a
# microsecond each), unless fewer than MIN_ALIGNED_CANDIDATES were aligned.
ALIGNED_CANDIDATES = 24
ALIGNMENT_CELL_BUDGET = 200_000
MIN_ALIGNED_CANDIDATES = 3

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

# Given names this similar (rapidfuzz ratio) are one name transliterated two ways: "Mohammed" / "Mohammad".
GIVEN_NAME_SIMILARITY = 85

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
        # The quote's content words find its sources; when they are so common that the search is
        # full before the source turns up ("So will deantiel a of most is be only"), every word,
        # function words too, narrows it.
        content, every = _content_words(paste), _all_words(paste)
        sources, saturated = _exact_candidates(session, content)
        comparisons = _compare_sources(paste, sources)
        seen = {source.key for source in sources}
        if saturated and len(every) > len(content) and not _found_exact(comparisons):
            more = [source for source in _exact_candidates(session, every)[0] if source.key not in seen]
            seen.update(source.key for source in more)
            comparisons += _compare_sources(paste, more)
            sources += more
        if not _found_exact(comparisons):
            for queries in _loose_queries(paste):
                more = [source for source in _search_paragraphs(session, queries) if source.key not in seen]
                seen.update(source.key for source in more)
                comparisons += _compare_sources(paste, more)
                sources += more
                if any(comparison.found for _source, comparison in comparisons):
                    break

    # Found matches, or (when nothing carries the quote's words) possible paraphrases.
    matches = _matches(session, paste, comparisons, claimed)
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


def _found_exact(comparisons: list[tuple[Source, Comparison]]) -> bool:
    return any(comparison.verdict in EXACT_WORDING for _source, comparison in comparisons)


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
    """A direct quote that a paragraph cannot hold whole: interrupted by its attribution, or over paragraphs.

    Its own parts are aligned so that a paste joining them ("A, B" for `"A," she said, "B."`) reads
    as the speaker's words rather than as words dropped from the paragraph. Mixed quotes are not
    joined: the words between their quoted fragments are the reporter's, and leaving them out
    unmarked changes what the source says.
    """
    if quote.kind != "direct":
        return None
    ranges = [(start, end) for start, end in (quote.verbatim or quote.parts or [[quote.start, quote.end]])]
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
    """The paste's words outside brackets that are worth searching for, as typed, first occurrence each."""
    words = [word for word in paste.literal_words if word.folded not in STOPWORDS] or paste.literal_words
    unique: dict[str, str] = {}
    for word in words:
        unique.setdefault(word.folded, word.text)
    return list(unique.values())


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


def _exact_candidates(session: Session, words: list[str]) -> tuple[list[Source], bool]:
    """Passages holding all of `words`, and whether the search stopped at its limit (more may hold them)."""
    query = " ".join(words)  # the store reduces it to plain words; nothing else reaches the full-text index
    quote_hits = queries.search_quotes_fulltext(session, query=query, limit=EXACT_CANDIDATES, match="all")
    paragraph_hits = queries.search_articles_fulltext(session, query=query, limit=EXACT_CANDIDATES, match="all")
    saturated = len(quote_hits) >= EXACT_CANDIDATES or len(paragraph_hits) >= EXACT_CANDIDATES
    return _sources_from_hits(quote_hits, paragraph_hits), saturated


def _all_words(paste: PastedQuote) -> list[str]:
    """Every word of the paste outside brackets, function words too, as typed, first occurrence each."""
    unique: dict[str, str] = {}
    for word in paste.literal_words:
        unique.setdefault(word.folded, word.text)
    return list(unique.values())


def _loose_queries(paste: PastedQuote) -> list[list[list[str]]]:
    """Rounds of AND queries for altered quotes and paraphrases: all runs of content words but one, then pairs."""
    words = _content_words(paste)
    if len(words) < 2:
        return []  # the exact query already asked for the one word
    if len(words) < LOOSE_RUNS:
        return [[words[:index] + words[index + 1:] for index in range(len(words))]]
    size, extra = divmod(len(words), LOOSE_RUNS)
    runs, position = [], 0
    for index in range(LOOSE_RUNS):
        length = size + (1 if index < extra else 0)
        runs.append(words[position:position + length])
        position += length
    all_but_one = [[word for other, run in enumerate(runs) if other != left_out for word in run]
                   for left_out in range(LOOSE_RUNS)]
    pairs = [runs[first] + runs[second] for first, second in itertools.combinations(range(LOOSE_RUNS), 2)]
    return [all_but_one, pairs]


def _search_paragraphs(session: Session, queries: list[list[str]]) -> list[Source]:
    """The paragraphs holding all words of any query: one full-text round trip for all the queries."""
    hit_lists = db.fulltext_search_many(session, target="paragraphs", queries=[" ".join(query) for query in queries],
                                        limit=LOOSE_CANDIDATES_PER_QUERY, match="all")
    ranked = sorted({hit.row_id: hit.rank for hits in hit_lists for hit in hits}.items(), key=lambda item: -item[1])
    if not ranked:
        return []
    statement = (select(ArticleParagraph).where(ArticleParagraph.id.in_([row_id for row_id, _rank in ranked]))
                 .options(selectinload(ArticleParagraph.article)))
    paragraphs = {paragraph.id: paragraph for paragraph in session.scalars(statement)}
    return [Source(article=paragraph.article, ranges=[(paragraph.start, paragraph.end)], paragraph=paragraph.position)
            for row_id, _rank in ranked if (paragraph := paragraphs.get(row_id)) is not None]


def _compare_sources(paste: PastedQuote, sources: list[Source]) -> list[tuple[Source, Comparison]]:
    """Align the paste with the most promising sources: those sharing the most pasted words."""
    if len(sources) > ALIGNED_CANDIDATES:
        pasted = {word.folded for word in paste.literal_words}

        def shared_words(source: Source) -> int:
            text = " ".join(source.article.text[start:end] for start, end in source.ranges)
            return len(pasted & {fold(word) for word in WORD_PATTERN.findall(text)})

        sources = sorted(sources, key=shared_words, reverse=True)[:ALIGNED_CANDIDATES]
    comparisons = []
    cells = 0
    for source in sources:
        # Alignment is pure Python, words x words: a long paste gets fewer candidates, never fewer than a few.
        if cells > ALIGNMENT_CELL_BUDGET and len(comparisons) >= MIN_ALIGNED_CANDIDATES:
            break
        cells += len(paste.tokens) * min(len(source.words), MAX_ALIGNED_SOURCE_WORDS)
        comparisons.append((source, compare(paste, source.article.text, source.words)))
    return comparisons


# --- matches -------------------------------------------------------------------------------------

def _matches(session: Session, paste: PastedQuote, comparisons: list[tuple[Source, Comparison]],
             claimed: str | None) -> list[CheckMatch]:
    found = [(source, comparison) for source, comparison in comparisons if comparison.found]
    paraphrases: list[tuple[Source, Comparison, float, int, int]] = []
    if found:
        quotes_by_article = _quotes_of(session, {source.article.id for source, _ in found})
    else:
        quotes_by_article = _quotes_of(session, {source.article.id for source, _ in comparisons})
        for source, comparison in comparisons:
            best = _paraphrase_region(paste, source, quotes_by_article.get(source.article.id, []))
            if best is not None:
                paraphrases.append((source, comparison, *best))

    matches: list[CheckMatch] = []
    for source, comparison in found:
        matches.append(_match(source, comparison, comparison.verdict,
                              1.0 if comparison.verdict in EXACT_WORDING else round(comparison.score, 2),
                              quotes_by_article.get(source.article.id, []), claimed))
    for source, comparison, confidence, start, end in paraphrases:
        comparison = Comparison("paraphrase", comparison.score, start, end, comparison.shared_words, [], [])
        shared = paraphrase_confidence(paste, words_in(source.article.text, [(start, end)]))[1]
        comparison.changes.append("shares the content words " + ", ".join(f'"{word}"' for word in shared)
                                  + " but not the wording")
        matches.append(_match(source, comparison, "paraphrase", confidence,
                              quotes_by_article.get(source.article.id, []), claimed))
    return matches


def _paraphrase_region(paste: PastedQuote, source: Source, article_quotes: list[Quote]) -> tuple[float, int, int] | None:
    """The sentence or stored quote of `source` most likely to say what the paste says, if any is likely."""
    if source.quote is not None:
        regions = [(source.quote.start, source.quote.end)]
    else:
        regions = [sentence for start, end in source.ranges for sentence in _sentences(source.article.text, start, end)]
        regions += [(quote.start, quote.end) for quote in article_quotes
                    if any(quote.start < end and start < quote.end for start, end in source.ranges)]
    best = None
    for start, end in regions:
        words = words_in(source.article.text, [(start, end)])
        if not words:
            continue
        start, end = words[0].start, words[-1].end  # the words, not the quote marks around them
        confidence, _shared = paraphrase_confidence(paste, words)
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
            members_by_family[quote.family_id] = queries.family_members(session, family_id=quote.family_id)
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


def _given_names_agree(first: str, second: str) -> bool:
    if first == second:
        return True
    if len(first) == 1 or len(second) == 1:
        return first[0] == second[0]  # an initial: "G." and "George"
    return fuzz.ratio(first, second) >= GIVEN_NAME_SIMILARITY


def _folded_words(text: str) -> str:
    return " ".join(word for word in linking.fold_name(text) if word not in ("the", "a", "an"))


def names_agree(claimed: str, names: list[str], *, titles: list[str] = ()) -> bool:
    """Whether a claimed speaker is one of `names` (a speaker's name and aliases), tolerantly.

    Names are read as the store's speaker linking reads them (titles and particles dropped). The
    surnames must agree (spelling variants allowed); given names only have to agree when both sides
    give them, and only the first: "Putin" and "Vladimir Putin" agree, "George Bush" and "George W.
    Bush" agree (a claim is checked, not a link made), "Joe Biden" and "Hunter Biden" do not. A
    claimed role that the source gave the speaker ("the Russian president") agrees too.
    """
    claimed_role = _folded_words(claimed)
    if claimed_role and any(claimed_role == _folded_words(title) for title in titles):
        return True
    claimed_parts = linking.name_parts(claimed)
    if claimed_parts is None:
        return False
    for name in names:
        stored = linking.name_parts(name)
        if stored is None or fuzz.ratio(claimed_parts.surname, stored.surname) < linking.SURNAME_MIN_RATIO:
            continue
        if not claimed_parts.given or not stored.given:
            return True
        if _given_names_agree(claimed_parts.given[0], stored.given[0]):
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


# --- text rendering (the CLI) --------------------------------------------------------------------

# How much of a long paragraph the text rendering shows on each side of the marked span.
RENDER_CONTEXT_CHARS = 160


def inline_diff(diff: list[dict]) -> str:
    """A one-line word diff in wdiff style: [-source words-]{+pasted words+}, (…omitted…), {~moved~}."""
    pieces = []
    for item in diff:
        op, source, pasted = item["op"], " ".join(item["source"].split()), " ".join(item["quote"].split())
        if op == "equal":
            pieces.append(source)
        elif op in ("minor", "replace") or (op == "bracket" and source):
            pieces.append(f"[-{source}-]{{+{pasted}+}}")
        elif op in ("insert", "bracket"):
            pieces.append(f"{{+{pasted}+}}")
        elif op == "delete":
            pieces.append(f"[-{source}-]")
        elif op == "omit":
            pieces.append(f"(…{source}…)")
        elif op == "move":
            pieces.append(f"{{~{source}~}}")
    return " ".join(pieces)


def _spaced(text: str) -> str:
    """Whitespace runs (line breaks, non-breaking spaces) as one space, keeping a space at either edge."""
    collapsed = " ".join(text.split())
    if not collapsed:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + collapsed + (" " if text[-1].isspace() else "")


def render_text(result: CheckResult) -> str:
    """The human-readable report `quotetrail check` prints."""
    data = result.to_json()
    lines = [f"quote:    {result.paste.content}"]
    if result.claimed_speaker:
        origin = " (from the pasted text)" if result.speaker_from_text else ""
        lines.append(f"claimed:  {result.claimed_speaker}{origin}")
    confidence = f" (confidence {result.confidence:.2f})" if result.verdict == "paraphrase" else ""
    lines.append(f"verdict:  {result.verdict}{confidence}: {data['verdict_meaning']}")
    speaker_line = f"speaker:  {result.speaker_verdict}: {data['speaker_verdict_meaning']}"
    if result.source_speakers and result.speaker_verdict in ("misattributed", "match"):
        speaker_line += " (the source: " + ", ".join(result.source_speakers) + ")"
    lines.append(speaker_line)
    for note in result.notes:
        lines.append(f"note:     {note}")
    for number, match in enumerate(data["matches"], start=1):
        article = match["article"]
        described = f'"{article["title"]}"' if article["title"] else (article["source_name"] or "")
        when = f", {article['published_at'][:10]}" if article["published_at"] else ""
        outlet = f", {article['outlet']}" if article["outlet"] else ""
        lines.append("")
        lines.append(f"{number}. {match['verdict']}, score {match['score']:.1f}: article {match['article_id']} "
                     f"{described}{outlet}{when}, paragraph {match['paragraph'] + 1}, "
                     f"characters {match['start']}-{match['end']}")
        if match["quote_id"] is not None:
            lines.append(f"   quote {match['quote_id']} ({match['quote_kind']}), speaker in the source: "
                         f"{match['speaker'] or 'none given'}; claimed speaker: {match['speaker_verdict']}")
        excerpt = match["excerpt"]
        lines.append(f"   source: {'…' if len(excerpt['before']) > RENDER_CONTEXT_CHARS else ''}"
                     f"{_spaced(excerpt['before'][-RENDER_CONTEXT_CHARS:])}[[{_spaced(excerpt['marked'])}]]"
                     f"{_spaced(excerpt['after'][:RENDER_CONTEXT_CHARS])}"
                     f"{'…' if len(excerpt['after']) > RENDER_CONTEXT_CHARS else ''}")
        if match["diff"] and match["verdict"] != "verbatim":
            lines.append(f"   diff:   {inline_diff(match['diff'])}")
        for change in match["changes"]:
            lines.append(f"   - {change}")
        for note in match["notes"]:
            lines.append(f"   note: {note}")
        if match["family"]:
            lines.append(f"   carried by {len(match['family'])} articles, earliest first:")
            for member in match["family"]:
                date = (member["published_at"] or "undated")[:10]
                lines.append(f"     - {date} article {member['article_id']} {member['title'] or ''} "
                             f"(quote {member['quote_id']}, {member['speaker'] or 'no speaker'})".rstrip())
    if result.total_matches > len(result.matches):
        hidden = result.total_matches - len(result.matches)
        lines.append(f"\n({hidden} more match{'es' if hidden > 1 else ''} not shown; use --limit)")
    return "\n".join(lines)
