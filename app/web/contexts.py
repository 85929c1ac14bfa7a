"""One context object per page: the HTML template renders it and its JSON twin is exactly its dump."""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from app.services.check import CheckMatch, CheckResult
from app.services.linking.families import quoted_text
from app.services.wording.diff import DiffOp, read_stored_diff, word_diff
from app.store import queries
from app.store.models import Article, Quote, Speaker
from app.web.highlight import (
    LAYER_MATCH,
    LAYER_ROLE,
    LAYER_STATEMENT,
    LAYER_VERBATIM,
    Mark,
    render_marked,
    spans_union,
)

# Speaker colours in the article view; the CSS defines .c0 … .c9. More speakers than this reuse
# colours, which the legend and the numbered badges keep unambiguous.
PALETTE_SIZE = 10

SNIPPET_CHARACTERS = 220

# The kinds of source a statement can rest on (the extract contract's `speaker_type`), each with the
# word the pages print beside the source, so the kinds read apart without colour.
SOURCE_TYPE_LABELS = {
    "person": ("person", "A named person."),
    "organisation": ("organisation", "A named organisation: a ministry, a company, a court, a team."),
    "group": ("group", "A collective: officials, residents, economists. Never one speaker across articles."),
    "unnamed": ("unnamed", "One unnamed individual: a spokesperson, a source familiar with the talks."),
    "document": ("document", "A report, statement, lawsuit or study that says it (its owner when the article "
                             "names one)."),
}
# How the sourcing summary names many sources of a kind.
SOURCE_TYPE_PLURALS = {"person": "people", "organisation": "organisations", "group": "groups",
                       "unnamed": "unnamed sources", "document": "documents"}
ANONYMOUS_LABEL = ("anonymous", "The article says the source is anonymous: spoke on condition of anonymity, "
                                "was not authorised to speak publicly, declined to be named.")
UNTYPED_LABEL = "type unknown"


# --- shared pieces ---------------------------------------------------------------------------------

class Pagination(BaseModel):
    page: int = Field(description="1-based page number.")
    page_size: int
    total: int = Field(description="Rows across all pages.")
    pages: int
    prev_url: str | None = None
    next_url: str | None = None


class SpeakerRef(BaseModel):
    id: int
    name: str
    url: str
    kind: str = Field("person", description="person | organisation")


class SourceType(BaseModel):
    """One kind of source, as the article page's legend explains it."""

    type: str = Field(description="person | organisation | group | unnamed | document, or anonymous (a flag).")
    label: str = Field(description="The word printed beside each source of this kind.")
    description: str


def source_type_key() -> list[SourceType]:
    """The key of source kinds: the five speaker types, then the anonymous flag."""
    entries = [SourceType(type=kind, label=label, description=description)
               for kind, (label, description) in SOURCE_TYPE_LABELS.items()]
    entries.append(SourceType(type="anonymous", label=ANONYMOUS_LABEL[0], description=ANONYMOUS_LABEL[1]))
    return entries


def source_type_label(speaker_type: str | None) -> str:
    return SOURCE_TYPE_LABELS[speaker_type][0] if speaker_type in SOURCE_TYPE_LABELS else UNTYPED_LABEL


class ArticleSummary(BaseModel):
    id: int
    title: str = Field(description="The headline, or the source file name when the article has none.")
    outlet: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    ingested_at: datetime | None = None
    source_url: str | None = Field(None, description="The article's address on the web (http or https only).")
    quote_count: int | None = None
    url: str


class QuoteSummary(BaseModel):
    id: int
    text: str
    kind: str = Field(description="direct | mixed | indirect")
    confidence: float
    cue: str | None = None
    mention: str | None = None
    speaker_name: str | None = Field(
        None, description="The resolved name as the article printed it; for a group or unnamed source, its "
                          "description as written (\"a spokesperson for the port authority\").")
    speaker: SpeakerRef | None = Field(
        None, description="The person or organisation across articles; never set for group or unnamed sources.")
    speaker_type: str | None = Field(
        None, description="person | organisation | group | unnamed | document; null without a source.")
    anonymous: bool = Field(False, description="The article says the source is anonymous.")
    rule: str | None = Field(None, description="Id of the resolution rule that named the speaker.")
    article_id: int
    paragraph: int
    start: int
    end: int
    url: str
    article_url: str = Field(description="The article page scrolled to this statement.")
    article: ArticleSummary | None = Field(
        None, description="The article it is in (on pages listing quotes from many).")


class Statement(QuoteSummary):
    """A quote with everything needed to draw it in its article: parts, verbatim spans, cue and mention."""

    number: int = Field(description="1-based position in the article.")
    parts: list[list[int]]
    verbatim: list[list[int]]
    cue_start: int | None = None
    cue_end: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    resolution: str
    colour: int | None = Field(None, description="Index into the speaker palette; null when unattributed.")


class ParagraphSpan(BaseModel):
    index: int
    start: int
    end: int
    text: str


def page_count(total: int, page_size: int) -> int:
    return max(1, math.ceil(total / page_size))


def pagination(*, path: str, params: dict[str, Any], page: int, page_size: int, total: int) -> Pagination:
    pages = page_count(total, page_size)

    def url(number: int) -> str:
        query = {key: value for key, value in params.items() if value not in (None, "")}
        if number > 1:
            query["page"] = number
        return f"{path}?{urlencode(query)}" if query else path

    return Pagination(
        page=page, page_size=page_size, total=total, pages=pages,
        prev_url=url(page - 1) if page > 1 else None,
        next_url=url(page + 1) if page < pages else None,
    )


def safe_web_url(url: str | None) -> str | None:
    """Only http(s) addresses become links; anything else (javascript:, data:) is shown as text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def article_title(article: Article) -> str:
    return (article.title or "").strip() or (article.source_name or "").strip() or f"Article {article.id}"


def article_summary(article: Article, *, quote_count: int | None = None) -> ArticleSummary:
    return ArticleSummary(
        id=article.id, title=article_title(article), outlet=article.outlet, author=article.author,
        published_at=article.published_at, ingested_at=article.ingested_at,
        source_url=safe_web_url(article.url), quote_count=quote_count, url=f"/articles/{article.id}",
    )


def speaker_ref(speaker: Speaker | None) -> SpeakerRef | None:
    if speaker is None:
        return None
    return SpeakerRef(id=speaker.id, name=speaker.name, url=f"/speakers/{speaker.id}", kind=speaker.kind)


def quote_summary(quote: Quote, *, with_article: bool = False) -> QuoteSummary:
    return QuoteSummary(**_quote_fields(quote), article=article_summary(quote.article) if with_article else None)


def _quote_fields(quote: Quote) -> dict[str, Any]:
    return dict(
        id=quote.id, text=quote.text, kind=quote.kind, confidence=quote.confidence, cue=quote.cue,
        mention=quote.mention, speaker_name=quote.speaker_name, speaker=speaker_ref(quote.speaker),
        speaker_type=quote.speaker_type, anonymous=bool(quote.anonymous), rule=quote.rule,
        article_id=quote.article_id, paragraph=quote.paragraph, start=quote.start, end=quote.end,
        url=f"/quotes/{quote.id}", article_url=f"/articles/{quote.article_id}#q-{quote.id}",
    )


def statement(quote: Quote, *, number: int, colour: int | None) -> Statement:
    return Statement(
        **_quote_fields(quote), number=number,
        parts=[[int(a), int(b)] for a, b in (quote.parts or [])],
        verbatim=[[int(a), int(b)] for a, b in (quote.verbatim or [])],
        cue_start=quote.cue_start, cue_end=quote.cue_end,
        mention_start=quote.mention_start, mention_end=quote.mention_end,
        resolution=quote.resolution or "", colour=colour,
    )


def speaker_label(item: QuoteSummary) -> str:
    return item.speaker.name if item.speaker else (item.speaker_name or "Unattributed")


def snippet(text: str, limit: int = SNIPPET_CHARACTERS) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit * 0.6 else limit].rstrip(" ,;:") + "…"


def paragraph_of(article: Article, *, index: int | None = None, start: int | None = None) -> ParagraphSpan:
    """The paragraph by index, or the one holding offset `start`; the whole text when paragraphs are unknown."""
    paragraphs = [(int(a), int(b)) for a, b in (article.paragraphs or [])]
    chosen: tuple[int, int, int] | None = None
    if index is not None and 0 <= index < len(paragraphs):
        chosen = (index, *paragraphs[index])
        if start is not None and not (chosen[1] <= start <= chosen[2]):
            chosen = None
    if chosen is None and start is not None:
        for number, (a, b) in enumerate(paragraphs):
            if a <= start < b:
                chosen = (number, a, b)
                break
    if chosen is None:
        chosen = (0, 0, len(article.text))
    number, a, b = chosen
    return ParagraphSpan(index=number, start=a, end=b, text=article.text[a:b])


# --- statement highlighting ------------------------------------------------------------------------

def statement_marks(statements: Sequence[Statement], *, badges: bool = True, ids: bool = True) -> list[Mark]:
    """The marks that draw statements in their text: the statement, its verbatim parts, cue and mention."""
    marks: list[Mark] = []
    for item in statements:
        colour = f"c{item.colour}" if item.colour is not None else "cx"
        speaker = speaker_label(item)
        source = (f" ({source_type_label(item.speaker_type)}{', anonymous' if item.anonymous else ''})"
                  if item.speaker or item.speaker_name else "")
        tooltip = f"{speaker}{source} · {item.cue or 'no cue'} · {round(item.confidence * 100)}% · {item.resolution}"
        shared = (("data-q", str(item.id)), ("title", tooltip))
        badge = (
            Markup('<a class="qn {}" href="#s-{}" data-n="{}" aria-label="Statement {} by {}: details"></a>').format(
                colour, item.id, item.number, item.number, speaker
            )
            if badges else None
        )
        pieces = spans_union(item.parts, item.start, item.end)
        for index, (a, b) in enumerate(pieces):
            marks.append(Mark(
                start=a, end=b, layer=LAYER_STATEMENT, classes=f"st {colour} k-{item.kind}", order=(item.id, index),
                attrs=shared, first_attrs=(("id", f"q-{item.id}"),) if ids and index == 0 else (),
                lead=badge if index == 0 else None,
            ))
        for a, b in item.verbatim:
            marks.append(Mark(start=a, end=b, layer=LAYER_VERBATIM, classes="vb", order=(item.id,)))
        if item.cue_start is not None and item.cue_end is not None:
            marks.append(Mark(
                start=item.cue_start, end=item.cue_end, layer=LAYER_ROLE, classes="cue", order=(item.id, 0),
                attrs=(("data-q", str(item.id)), ("title", f"cue of statement {item.number}")),
            ))
        if item.mention_start is not None and item.mention_end is not None:
            marks.append(Mark(
                start=item.mention_start, end=item.mention_end, layer=LAYER_ROLE, classes=f"mention {colour}",
                order=(item.id, 1),
                attrs=(("data-q", str(item.id)), ("title", f"{speaker}: mention for statement {item.number}")),
            ))
    return marks


# --- pages -----------------------------------------------------------------------------------------

class CollectionCounts(BaseModel):
    articles: int
    speakers: int
    quotes: int


class SpeakerListItem(BaseModel):
    id: int
    name: str
    url: str
    kind: str = Field(description="person | organisation")
    quote_count: int
    titles: list[str] = Field(default_factory=list, description="The most frequent titles or roles given.")
    matched_name: str | None = Field(None, description="With a filter: the name or alias that matched.")
    score: float | None = Field(None, description="With a filter: match score, 0-100.")
    unresolved: bool = Field(False, description="A surname that fits several people: this article's use of it only.")


def speaker_list_item(
    speaker: Speaker, *, matched_name: str | None = None, score: float | None = None
) -> SpeakerListItem:
    return SpeakerListItem(
        id=speaker.id, name=speaker.name, url=f"/speakers/{speaker.id}", kind=speaker.kind,
        quote_count=speaker.quote_count, titles=[title.title for title in speaker.titles[:3]],
        matched_name=matched_name if matched_name and matched_name != speaker.name else None, score=score,
        unresolved=bool(speaker.unresolved),
    )


class HomePage(BaseModel):
    counts: CollectionCounts
    top_speakers: list[SpeakerListItem]
    recent_articles: list[ArticleSummary]


def home_page(session: Session, *, limit: int = 10) -> HomePage:
    counts = queries.collection_counts(session)
    return HomePage(
        counts=CollectionCounts(articles=counts.articles, speakers=counts.speakers, quotes=counts.quotes),
        top_speakers=[speaker_list_item(speaker) for speaker in queries.top_speakers(session, limit=limit)],
        recent_articles=[
            article_summary(row.article, quote_count=row.quote_count)
            for row in queries.recent_articles(session, limit=limit)
        ],
    )


class SpeakersPage(BaseModel):
    query: str
    speakers: list[SpeakerListItem]
    pagination: Pagination


def speakers_page(session: Session, *, query: str, page: int, page_size: int) -> SpeakersPage:
    offset = (page - 1) * page_size
    query = query.strip()
    if query:
        matches, total = queries.filter_speakers(session, query=query, limit=page_size, offset=offset)
        items = [speaker_list_item(m.speaker, matched_name=m.matched_name, score=m.score) for m in matches]
    else:
        total = queries.count_quoted_speakers(session)
        items = [speaker_list_item(s) for s in queries.top_speakers(session, limit=page_size, offset=offset)]
    return SpeakersPage(
        query=query, speakers=items,
        pagination=pagination(path="/speakers", params={"q": query}, page=page, page_size=page_size, total=total),
    )


class AliasView(BaseModel):
    name: str
    count: int
    reason: str | None = None


class TitleView(BaseModel):
    title: str
    count: int


class SpeakerDetail(BaseModel):
    id: int
    name: str
    url: str
    kind: str = Field(description="person | organisation")
    quote_count: int
    aliases: list[AliasView]
    titles: list[TitleView]
    link_reason: str | None = None
    unresolved: bool = Field(False, description="A surname that fits several people: this article's use of it only.")


class ArticleGroup(BaseModel):
    article: ArticleSummary
    quotes: list[QuoteSummary]


class SpeakerPage(BaseModel):
    speaker: SpeakerDetail
    groups: list[ArticleGroup] = Field(description="This page of quotes, grouped by article, newest article first.")
    pagination: Pagination
    merge_candidates: list[SpeakerRef] = Field(
        default_factory=list, description="Other speakers who share this one's surname: likely the same person.")
    correction_error: str | None = Field(None, description="Why the last merge or split asked for was not done.")


# Enough to offer the likely duplicates; a user can always name any other speaker by id.
MERGE_CANDIDATES_SHOWN = 8


def merge_candidates(session: Session, *, speaker: Speaker) -> list[SpeakerRef]:
    """Speakers a user may want to merge into this one: those with the same surname, most quoted first."""
    others = queries.same_surname_speakers(session, speaker=speaker, limit=MERGE_CANDIDATES_SHOWN)
    return [SpeakerRef(id=other.id, name=other.name, url=f"/speakers/{other.id}", kind=other.kind)
            for other in others]


def speaker_page(session: Session, *, speaker: Speaker, page: int, page_size: int,
                 correction_error: str | None = None) -> SpeakerPage:
    quotes, total = queries.speaker_quotes(
        session, speaker_id=speaker.id, limit=page_size, offset=(page - 1) * page_size
    )
    groups: list[ArticleGroup] = []
    for quote in quotes:
        if not groups or groups[-1].article.id != quote.article_id:
            groups.append(ArticleGroup(article=article_summary(quote.article), quotes=[]))
        groups[-1].quotes.append(quote_summary(quote))
    detail = SpeakerDetail(
        id=speaker.id, name=speaker.name, url=f"/speakers/{speaker.id}", kind=speaker.kind,
        quote_count=speaker.quote_count,
        aliases=[AliasView(name=a.alias, count=a.count, reason=a.reason) for a in speaker.aliases],
        titles=[TitleView(title=t.title, count=t.count) for t in speaker.titles],
        link_reason=speaker.link_reason, unresolved=bool(speaker.unresolved),
    )
    return SpeakerPage(
        speaker=detail, groups=groups,
        pagination=pagination(path=f"/speakers/{speaker.id}", params={}, page=page, page_size=page_size, total=total),
        merge_candidates=merge_candidates(session, speaker=speaker), correction_error=correction_error,
    )


class SpeakerCorrected(BaseModel):
    """The answer to a merge or split through the API: the speaker the quotes now belong to."""

    action: str = Field(description="merge | split")
    speaker: SpeakerRef = Field(description="After a merge, the speaker kept; after a split, the new speaker.")
    quote_count: int = Field(description="Quotes the speaker above now has.")
    other: SpeakerRef | None = Field(None, description="After a merge, the speaker merged away (its page is gone); "
                                                       "after a split, the speaker the names were taken from.")


class ArticlesPage(BaseModel):
    articles: list[ArticleSummary]
    pagination: Pagination


def articles_page(session: Session, *, page: int, page_size: int) -> ArticlesPage:
    rows = queries.recent_articles(session, limit=page_size, offset=(page - 1) * page_size)
    total = queries.count_articles(session)
    return ArticlesPage(
        articles=[article_summary(row.article, quote_count=row.quote_count) for row in rows],
        pagination=pagination(path="/articles", params={}, page=page, page_size=page_size, total=total),
    )


class LegendEntry(BaseModel):
    name: str
    speaker: SpeakerRef | None = None
    colour: int | None = None
    count: int
    speaker_type: str | None = Field(None, description="The kind of source; null for unattributed statements.")
    type_label: str = Field("", description="The word printed beside the source for its kind.")
    anonymous_count: int = Field(0, description="Of its statements, how many the article says rest on an "
                                                "anonymous source.")


class SourceTypeCount(BaseModel):
    type: str = Field(description="person | organisation | group | unnamed | document")
    label: str
    plural: str = Field(description="How the summary names sources of this kind: people, organisations, ...")
    count: int = Field(description="Statements resting on a source of this kind.")


class Sourcing(BaseModel):
    """How much of the article rests on which kinds of source."""

    statements: int
    by_type: list[SourceTypeCount] = Field(description="Every speaker type, in the contract's order, with its "
                                                       "count (zero included).")
    anonymous: int = Field(description="Statements resting on a source the article says is anonymous.")
    untyped: int = Field(description="Statements with a source whose kind is not known.")
    unattributed: int = Field(description="Statements with no source at all.")


def sourcing(statements: Sequence[QuoteSummary]) -> Sourcing:
    counts = dict.fromkeys(SOURCE_TYPE_LABELS, 0)
    untyped = unattributed = 0
    for item in statements:
        if item.speaker_type in counts:
            counts[item.speaker_type] += 1
        elif item.speaker or item.speaker_name:
            untyped += 1
        else:
            unattributed += 1
    return Sourcing(
        statements=len(statements),
        by_type=[SourceTypeCount(type=kind, label=SOURCE_TYPE_LABELS[kind][0], plural=SOURCE_TYPE_PLURALS[kind],
                                 count=count) for kind, count in counts.items()],
        anonymous=sum(1 for item in statements if item.anonymous), untyped=untyped, unattributed=unattributed,
    )


class ArticleDetail(ArticleSummary):
    source_name: str | None = None
    text: str = Field(description="The unaltered article text; every offset on this page points into it.")
    paragraphs: list[list[int]]


class ArticlePage(BaseModel):
    article: ArticleDetail
    statements: list[Statement] = Field(description="Every statement in text order.")
    legend: list[LegendEntry] = Field(description="Sources in order of first appearance, with their colour and kind.")
    source_types: list[SourceType] = Field(description="The key of source kinds the legend labels.")
    sourcing: Sourcing = Field(description="Statements per kind of source, and how many rest on anonymous ones.")

    def highlighted(self) -> Markup:
        return render_marked(
            self.article.text, statement_marks(self.statements), paragraphs=self.article.paragraphs
        )


def article_page(session: Session, *, article: Article) -> ArticlePage:
    quotes = queries.article_quotes(session, article_id=article.id)
    legend: dict[Any, LegendEntry] = {}
    statements: list[Statement] = []
    for number, quote in enumerate(quotes, start=1):
        # One entry per linked speaker; an unlinked source (a group, an unnamed source) is one entry per
        # description and kind within this article.
        key = (("id", quote.speaker_id) if quote.speaker_id
               else ("name", quote.speaker_name, quote.speaker_type) if quote.speaker_name else None)
        if key is None:
            colour = None
        else:
            if key not in legend:
                # A linked speaker is listed as what it is (a person whose statement is quoted is
                # still a person); an unlinked source as the kind its statement gives.
                speaker_type = quote.speaker.kind if quote.speaker else quote.speaker_type
                legend[key] = LegendEntry(
                    name=quote.speaker.name if quote.speaker else quote.speaker_name,
                    speaker=speaker_ref(quote.speaker), colour=len(legend) % PALETTE_SIZE, count=0,
                    speaker_type=speaker_type, type_label=source_type_label(speaker_type),
                )
            colour = legend[key].colour
            legend[key].count += 1
            legend[key].anonymous_count += int(bool(quote.anonymous))
        statements.append(statement(quote, number=number, colour=colour))
    unattributed = sum(1 for item in statements if item.colour is None)
    entries = list(legend.values())
    if unattributed:
        entries.append(LegendEntry(name="Unattributed", colour=None, count=unattributed, type_label="no source"))
    summary = article_summary(article, quote_count=len(quotes))
    detail = ArticleDetail(
        **summary.model_dump(), source_name=article.source_name, text=article.text,
        paragraphs=[[int(a), int(b)] for a, b in (article.paragraphs or [])],
    )
    return ArticlePage(article=detail, statements=statements, legend=entries, source_types=source_type_key(),
                       sourcing=sourcing(statements))


class FamilyMember(BaseModel):
    quote: QuoteSummary
    article: ArticleSummary
    earliest: bool
    current: bool = Field(description="This is the quote the page is about.")
    diff: list[DiffOp] = Field(description="Word-level changes from the earliest member's text.")


class QuotePage(BaseModel):
    quote: Statement
    article: ArticleSummary
    paragraph: ParagraphSpan
    article_span_url: str
    family: list[FamilyMember] = Field(description="Every article carrying this statement, earliest first.")

    def paragraph_html(self) -> Markup:
        return render_marked(
            self.paragraph.text, statement_marks([self.quote], badges=False, ids=False), offset=self.paragraph.start
        )


def quote_page(session: Session, *, quote: Quote) -> QuotePage:
    paragraph = paragraph_of(quote.article, index=quote.paragraph, start=quote.start)
    if quote.end > paragraph.end:  # a statement running over several paragraphs: show them all
        last = paragraph_of(quote.article, start=max(quote.end - 1, quote.start))
        paragraph = ParagraphSpan(
            index=paragraph.index, start=paragraph.start, end=last.end,
            text=quote.article.text[paragraph.start:last.end],
        )
    family: list[FamilyMember] = []
    if quote.family_id is not None:
        members = queries.family_members(session, family_id=quote.family_id)
        if len(members) > 1:
            earliest = members[0]
            for member in members:
                family.append(FamilyMember(
                    quote=quote_summary(member), article=article_summary(member.article),
                    earliest=member.id == earliest.id, current=member.id == quote.id,
                    diff=(read_stored_diff(member.family_diff) if member.family_diff is not None
                          else word_diff(quoted_text(earliest), quoted_text(member))),
                ))
    colour = 0 if quote.speaker_id or quote.speaker_name else None
    return QuotePage(
        quote=statement(quote, number=1, colour=colour), article=article_summary(quote.article),
        paragraph=paragraph, article_span_url=f"/articles/{quote.article_id}#q-{quote.id}", family=family,
    )


class SearchPage(BaseModel):
    query: str
    speakers: list[SpeakerListItem] = Field(description="Speakers whose name fuzzily matches (first few).")
    quotes: list[QuoteSummary] = Field(description="Quotes whose text matches, best first.")
    pagination: Pagination


class CheckMatchView(BaseModel):
    match: CheckMatch = Field(description="The match as the check service returned it.")
    article: ArticleSummary | None = None
    quote: QuoteSummary | None = None
    paragraph: ParagraphSpan | None = None

    def paragraph_html(self) -> Markup:
        if self.paragraph is None:
            return Markup("")
        marks = []
        if self.match.end > self.match.start:
            marks.append(Mark(start=self.match.start, end=self.match.end, layer=LAYER_MATCH, classes="match",
                              first_attrs=(("id", "m"),)))
        return render_marked(self.paragraph.text, marks, offset=self.paragraph.start)

    def attribution_html(self) -> Markup:
        """The source's attributing sentence with its cue and mention marked."""
        attribution = self.match.attribution
        if attribution is None:
            return Markup("")
        marks = [Mark(start=start, end=end, layer=LAYER_ROLE, classes=classes, order=(0, index))
                 for index, (start, end, classes) in enumerate((
                     (attribution.cue_start, attribution.cue_end, "cue"),
                     (attribution.mention_start, attribution.mention_end, "mention")))
                 if start is not None and end is not None and 0 <= start < end <= len(attribution.sentence)]
        return render_marked(attribution.sentence, marks, offset=0)


class CheckPage(BaseModel):
    """The check form and, once a quote was checked, the service's answer with each match's article and quote."""

    text: str
    speaker: str
    article_id: int | None = None
    result: CheckResult | None = Field(None, description="The quote-check service's answer (as /check.json).")
    matches: list[CheckMatchView] = Field(default_factory=list)
    error: str | None = None


class AddArticlePage(BaseModel):
    max_upload_bytes: int
    accepted: list[str] = Field(description="Kinds of document accepted; the kind is told from the content.")
    error: str | None = None
    values: dict[str, str] = Field(default_factory=dict)


def check_page(session: Session, *, text: str, speaker: str, article_id: int | None,
               result: CheckResult) -> CheckPage:
    """The check page around the service's answer: each match with its article, quote and marked paragraph."""
    articles = queries.articles_by_ids(session, article_ids=sorted({match.article_id for match in result.matches}))
    quotes = queries.quotes_by_ids(session, quote_ids=sorted({match.quote_id for match in result.matches
                                                              if match.quote_id is not None}))
    views: list[CheckMatchView] = []
    for match in result.matches:
        article = articles.get(match.article_id)
        quote = quotes.get(match.quote_id) if match.quote_id is not None else None
        paragraph = None
        if article is not None:
            paragraph = ParagraphSpan(index=match.paragraph, start=match.paragraph_start, end=match.paragraph_end,
                                      text=article.text[match.paragraph_start:match.paragraph_end])
        views.append(CheckMatchView(
            match=match, article=article_summary(article) if article else None,
            quote=quote_summary(quote) if quote else None, paragraph=paragraph,
        ))
    return CheckPage(text=text, speaker=speaker, article_id=article_id, result=result, matches=views)


class AddedPage(BaseModel):
    """The answer to an upload holding several articles (a JSON Lines file), or some that failed."""

    articles: list[ArticleSummary]
    duplicates: int = Field(description="How many of them were already stored before.")
    failures: list[str] = Field(description="Items that could not be stored, each with its reason.")
