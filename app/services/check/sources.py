"""Candidate sources for a quote check: paragraphs and quotes found by full-text search, aligned with the paste."""
from __future__ import annotations

import itertools
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.services.check.results import EXACT_WORDING
from app.services.wording.alignment import MAX_ALIGNED_SOURCE_WORDS
from app.services.wording.comparison import Comparison, compare
from app.services.wording.paste import PastedQuote
from app.services.wording.words import STOPWORDS, WORD_PATTERN, Word, fold, words_in
from app.store import db, queries
from app.store.models import Article, ArticleParagraph, Quote

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


def paragraph_ranges(article: Article) -> list[tuple[int, int]]:
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
    paragraphs = paragraph_ranges(quote.article)
    spans_paragraphs = not any(start <= quote.start and quote.end <= end for start, end in paragraphs)
    if len(ranges) < 2 and not spans_paragraphs:
        return None
    return Source(article=quote.article, ranges=ranges, paragraph=quote.paragraph, quote=quote)


def _article_sources(article: Article) -> list[Source]:
    sources = [Source(article=article, ranges=[paragraph], paragraph=position)
               for position, paragraph in enumerate(paragraph_ranges(article))]
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
        paragraphs = paragraph_ranges(article)
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
    comparisons: list[tuple[Source, Comparison]] = []
    cells = 0
    for source in sources:
        # Alignment is pure Python, words x words: a long paste gets fewer candidates, never fewer than a few.
        if cells > ALIGNMENT_CELL_BUDGET and len(comparisons) >= MIN_ALIGNED_CANDIDATES:
            break
        cells += len(paste.tokens) * min(len(source.words), MAX_ALIGNED_SOURCE_WORDS)
        comparisons.append((source, compare(paste, source.article.text, source.words)))
    return comparisons



def compared_sources(session: Session, paste: PastedQuote) -> tuple[list[Source], list[tuple[Source, Comparison]]]:
    """The candidate sources of the whole collection, and the paste compared with the most promising.

    The quote's content words find its sources; when they are so common that the search is full
    before the source turns up ("So will deantiel a of most is be only"), every word, function words
    too, narrows it. Looser searches run only when no candidate has the quote's words.
    """
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
    return sources, comparisons


def compared_article(paste: PastedQuote, article: Article) -> tuple[list[Source], list[tuple[Source, Comparison]]]:
    """Every paragraph of one article (and its quotes printed in parts) compared with the paste."""
    sources = _article_sources(article)
    return sources, _compare_sources(paste, sources)


def _found_exact(comparisons: list[tuple[Source, Comparison]]) -> bool:
    return any(comparison.verdict in EXACT_WORDING for _source, comparison in comparisons)
