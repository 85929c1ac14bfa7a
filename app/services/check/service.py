"""Quote check: is a pasted quote in the stored sources, said by the claimed person, in these words?"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.services.check.results import (
    EXACT_WORDING,
    SPEAKER_VERDICT_MEANINGS,
    VERDICT_MEANINGS,
    Attribution,
    CheckMatch,
    CheckQuery,
    CheckResult,
    Excerpt,
    FamilyCopy,
    SourceArticle,
    SpeakerVerdict,
)
from app.services.check.sources import Source, compared_article, compared_sources, paragraph_ranges
from app.services.check.speakers import speaker_agreement, stored_speaker_name, weak_attribution
from app.services.wording.comparison import VERDICTS, Comparison, Verdict, paraphrase_confidence
from app.services.wording.diff import read_stored_diff
from app.services.wording.paste import PastedQuote, PasteError, read_paste
from app.services.wording.words import words_in
from app.store import queries
from app.store.models import Article, Quote, Speaker
from nlp.vocabulary.marks import EVERYDAY_CLOSERS, EVERYDAY_OPENERS_THAT_MAY_CLOSE

DEFAULT_LIMIT = 10

# A sentence ends after . ! ? or …, a closing mark and space, before a capital or a digit (an opening
# mark or bracket may come first).
SENTENCE_END = re.compile(rf"(?<=[.!?…])[{re.escape(EVERYDAY_CLOSERS)}]?\s+"
                          rf"(?=[{re.escape(EVERYDAY_OPENERS_THAT_MAY_CLOSE)}(]?[A-Z0-9])")


class CheckError(ValueError):
    """The check cannot run as asked (no words pasted, unknown article); the message says why."""


@dataclass(slots=True)
class Evidence:
    """One place in the stored sources where the pasted quote is (or may be), before it is ranked and typed."""

    article: Article
    quote: Quote | None
    comparison: Comparison
    verdict: Verdict
    confidence: float | None
    context_start: int  # the paragraph (or paragraphs) around the span, offsets into article.text
    context_end: int
    paragraph: int
    speaker_verdict: SpeakerVerdict
    speaker_reason: str | None = None
    notes: list[str] = field(default_factory=list)
    family: list[Quote] = field(default_factory=list)

    @property
    def speaker_name(self) -> str | None:
        return stored_speaker_name(self.quote) if self.quote is not None else None

    @property
    def start(self) -> int:
        return self.comparison.start if self.comparison.start is not None else self.context_start

    @property
    def end(self) -> int:
        return self.comparison.end if self.comparison.end is not None else self.context_start


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
        sources, comparisons = compared_article(paste, article)
    else:
        sources, comparisons = compared_sources(session, paste)

    # Found matches, or (when nothing carries the quote's words) possible paraphrases.
    found = _evidence(session, paste, comparisons, claimed)
    found.sort(key=lambda evidence: _rank(evidence, claimed))
    found = _without_overlaps(found)
    total = len(found)
    found = found[:max(1, limit)]
    _attach_families(session, found)

    verdict = found[0].verdict if found else "not_found"
    speaker_verdict, source_speakers = _speaker_verdict(found, claimed)
    if verdict == "not_found" and sources:
        notes.append(f"{len(sources)} candidate passages shared words with the quote; none carries it")
    return CheckResult.model_validate({
        "verdict": verdict, "verdict_meaning": VERDICT_MEANINGS[verdict],
        "confidence": found[0].confidence if found else None,
        "speaker_verdict": speaker_verdict, "speaker_verdict_meaning": SPEAKER_VERDICT_MEANINGS[speaker_verdict],
        "source_speakers": source_speakers, "summary": _summary(verdict, found), "notes": notes,
        "total_matches": total,
        "query": CheckQuery(text=text, quote=paste.content, speaker=claimed, speaker_from_text=speaker_from_text,
                            article_id=article_id),
        "matches": [_typed(evidence) for evidence in found],
    })


def _summary(verdict: str, found: list[Evidence]) -> str:
    sentence = f"{verdict}: {VERDICT_MEANINGS[verdict]}"
    if found and verdict != "not_found":
        best = found[0]
        title = best.article.title or f"article {best.article.id}"
        sentence += f" (best match: {title}, paragraph {best.paragraph + 1})"
    return sentence + "."


# --- evidence ------------------------------------------------------------------------------------

def _evidence(session: Session, paste: PastedQuote, comparisons: list[tuple[Source, Comparison]],
             claimed: str | None) -> list[Evidence]:
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

    matches: list[Evidence] = []
    for source, comparison in found:
        matches.append(_match(session, source, comparison, comparison.verdict,
                              1.0 if comparison.verdict in EXACT_WORDING else round(comparison.score, 2),
                              quotes_by_article.get(source.article.id, []), claimed))
    for source, comparison, confidence, start, end in paraphrases:
        comparison = Comparison("paraphrase", comparison.score, start, end, comparison.shared_words, [], [])
        shared = paraphrase_confidence(paste, words_in(source.article.text, [(start, end)]))[1]
        comparison.changes.append("shares the content words " + ", ".join(f'"{word}"' for word in shared)
                                  + " but not the wording")
        matches.append(_match(session, source, comparison, "paraphrase", confidence,
                              quotes_by_article.get(source.article.id, []), claimed))
    return matches


def _paraphrase_region(paste: PastedQuote, source: Source,
                       article_quotes: list[Quote]) -> tuple[float, int, int] | None:
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


def _match(session: Session, source: Source, comparison: Comparison, verdict: Verdict, confidence: float | None,
           article_quotes: list[Quote], claimed: str | None) -> Evidence:
    article = source.article
    start, end = comparison.start, comparison.end
    assert start is not None and end is not None  # a found or paraphrased comparison has its span
    quote = source.quote
    if quote is None:
        overlapping = [(min(end, candidate.end) - max(start, candidate.start), candidate)
                       for candidate in article_quotes if candidate.start < end and start < candidate.end]
        if overlapping:
            quote = max(overlapping, key=lambda item: (item[0], -item[1].start))[1]
    paragraphs = paragraph_ranges(article)
    first = _paragraph_at(paragraphs, start)
    last = _paragraph_at(paragraphs, max(start, end - 1))
    context_start, context_end = paragraphs[first][0], paragraphs[last][1]
    context_start, context_end = min(context_start, start), max(context_end, end)
    judgement = speaker_agreement(session, quote, claimed) if claimed else None
    return Evidence(
        article=article, quote=quote, comparison=comparison, verdict=verdict, confidence=confidence,
        context_start=context_start, context_end=context_end, paragraph=first,
        speaker_verdict=judgement.verdict if judgement else "not_claimed",
        speaker_reason=judgement.reason if judgement else None, notes=_notes(source, quote, start, end),
    )


def _notes(source: Source, quote: Quote | None, start: int, end: int) -> list[str]:
    """What the reader should know about where the words were found: narrative text, indirect speech, parts."""
    if quote is None:
        return ["found in the article's narrative text: not extracted as a quote, so the source names "
                "no speaker for these words"]
    notes: list[str] = []
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
    return notes


def _paragraph_at(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for position, (_start, end) in enumerate(paragraphs):
        if offset < end:
            return position
    return len(paragraphs) - 1


def _published_key(article: Article) -> tuple:
    published = article.published_at or article.ingested_at
    return (published is None, published.timestamp() if isinstance(published, datetime) else 0.0)


def _rank(match: Evidence, claimed: str | None) -> tuple:
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


def _without_overlaps(matches: list[Evidence]) -> list[Evidence]:
    """One match per place: a quote aligned on its own and in its paragraph is the same evidence twice."""
    kept: list[Evidence] = []
    for match in matches:
        if any(other.article.id == match.article.id and other.start < match.end and match.start < other.end
               for other in kept):
            continue
        kept.append(match)
    return kept


def _attach_families(session: Session, matches: list[Evidence]) -> None:
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

def _speaker_verdict(matches: list[Evidence], claimed: str | None) -> tuple[str, list[str]]:
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
    if any(match.speaker_verdict == "misattributed" for match in considered):
        return "misattributed", speakers
    if any(match.speaker_verdict == "unverifiable" for match in considered):
        # Every source either attributes the words weakly or names the speaker ambiguously.
        return "unverifiable", speakers
    if speakers:
        return "misattributed", speakers
    return "unattributed", speakers


def _wording_group(verdict: str) -> int:
    return 0 if verdict in EXACT_WORDING else VERDICTS.index(verdict)



# --- the typed answer ----------------------------------------------------------------------------

def _typed(evidence: Evidence) -> CheckMatch:
    article, comparison, quote = evidence.article, evidence.comparison, evidence.quote
    start, end = evidence.start, evidence.end
    context = article.text[evidence.context_start:evidence.context_end]
    mark_start, mark_end = start - evidence.context_start, end - evidence.context_start
    return CheckMatch(
        verdict=evidence.verdict, speaker_verdict=evidence.speaker_verdict,
        score=round(comparison.score * 100, 1), confidence=evidence.confidence,
        article_id=article.id, quote_id=quote.id if quote is not None else None,
        quote_kind=quote.kind if quote is not None else None, extracted_as_quote=quote is not None,
        speaker=evidence.speaker_name, speaker_id=quote.speaker_id if quote is not None else None,
        start=start, end=end, source_text=article.text[start:end], diff=comparison.diff, changes=comparison.changes,
        notes=evidence.notes, paragraph=evidence.paragraph, paragraph_start=evidence.context_start,
        paragraph_end=evidence.context_end, paragraph_text=context, mark_start=mark_start, mark_end=mark_end,
        excerpt=Excerpt(before=context[:mark_start], marked=context[mark_start:mark_end], after=context[mark_end:]),
        article=SourceArticle(id=article.id, title=article.title, outlet=article.outlet, url=article.url,
                              published_at=article.published_at, source_name=article.source_name),
        family=[_family_copy(member) for member in evidence.family],
        speaker_reason=evidence.speaker_reason,
        attribution=_attribution(article, quote),
    )


def _attribution(article: Article, quote: Quote | None) -> Attribution | None:
    """How the source attributes the quote: the sentence holding its cue or mention, marked, and how sure."""
    if quote is None or (quote.cue_start is None and quote.mention_start is None):
        return None
    text = article.text
    anchors = [offset for offset in (quote.cue_start, quote.mention_start) if offset is not None]
    paragraphs = paragraph_ranges(article)
    first = paragraphs[_paragraph_at(paragraphs, min(anchors))]
    last = paragraphs[_paragraph_at(paragraphs, max(anchors))]
    sentence_start, sentence_end = first[0], last[1]
    for start, end in _sentences(text, first[0], last[1]):
        if start <= min(anchors) < end:
            sentence_start = start
        if start <= max(anchors) < end:
            sentence_end = end
    sentence_start = min([sentence_start] + [offset for offset in (quote.cue_start, quote.mention_start)
                                             if offset is not None])
    sentence_end = max([sentence_end] + [offset for offset in (quote.cue_end, quote.mention_end) if offset is not None])

    def relative(offset: int | None) -> int | None:
        return None if offset is None else offset - sentence_start

    return Attribution(
        sentence=text[sentence_start:sentence_end], cue=quote.cue, cue_start=relative(quote.cue_start),
        cue_end=relative(quote.cue_end), mention=quote.mention, mention_start=relative(quote.mention_start),
        mention_end=relative(quote.mention_end), resolution=quote.resolution, rule=quote.rule,
        confidence=quote.confidence, weak=weak_attribution(quote),
    )


def _family_copy(quote: Quote) -> FamilyCopy:
    return FamilyCopy(
        quote_id=quote.id, article_id=quote.article_id, text=quote.text, speaker=stored_speaker_name(quote),
        published_at=quote.article.published_at, title=quote.article.title, outlet=quote.article.outlet,
        diff=read_stored_diff(quote.family_diff or []), start=quote.start, end=quote.end,
    )
