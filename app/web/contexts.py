"""One context object per page: the HTML template renders it and its JSON twin is exactly its dump."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
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
from app.web.palette import BASE_SIZE, speaker_labels
from nlp.vocabulary.marks import QUOTE_MARKS

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
    paragraph: int = Field(description="0-based index into the article's paragraphs, as in the extract output; "
                                       "pages print it 1-based (paragraph 1 is the first).")
    start: int
    end: int
    url: str
    article_url: str = Field(description="The article page scrolled to this statement.")
    article: ArticleSummary | None = Field(
        None, description="The article it is in (on pages listing quotes from many).")
    citation: str = Field("", description="Speaker, quote, outlet and date, ready to paste into a draft; "
                                          "`cite_url` goes after it.")
    cite_url: str = Field("", description="The article's web address, or this quote's page when it has none "
                                          "(a path: the copy button makes it absolute).")


class Statement(QuoteSummary):
    """A quote with everything needed to draw it in its article: parts, verbatim spans, cue and mention."""

    number: int = Field(description="1-based position in the article.")
    parts: list[list[int]]
    verbatim: list[list[int]]
    cue_start: int | None = None
    cue_end: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    resolution: str = Field(description="How the speaker was found, in words; paragraphs in it are 1-based.")
    colour: int | None = Field(None, description="The source's colour: its index in order of first appearance "
                                                 "in the article, unique within it; null when unattributed.")
    label: str | None = Field(None, description="The source's short label (initials, unique within the article) "
                                                "that tells sources apart without colour; null when unattributed.")


class ParagraphSpan(BaseModel):
    index: int = Field(description="0-based; pages print it 1-based.")
    start: int
    end: int
    text: str


def page_count(total: int, page_size: int) -> int:
    return max(1, math.ceil(total / page_size))


def pagination(*, path: str, params: dict[str, Any], page: int, page_size: int, total: int) -> Pagination:
    pages = page_count(total, page_size)

    def url(number: int) -> str:
        query = {key: value for key, value in params.items() if value not in (None, "", [], ())}
        if number > 1:
            query["page"] = number
        return f"{path}?{urlencode(query, doseq=True)}" if query else path

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
        citation=citation(quote), cite_url=safe_web_url(quote.article.url) or f"/quotes/{quote.id}",
    )


def citation(quote: Quote) -> str:
    """How a journalist cites the quote: who, the words, where and when it was printed."""
    who = quote.speaker.name if quote.speaker else (quote.speaker_name or "Unattributed")
    article = quote.article
    where = ", ".join(part for part in (
        (article.outlet or "").strip() or article_title(article),
        f"{article.published_at.day} {article.published_at:%B %Y}" if article.published_at else "",
    ) if part)
    words = " ".join(quote.text.split())
    if quote.kind == "direct":
        # The speaker's own words: in quotation marks, whatever marks (or none) the content span kept.
        return f"{who}: \u201c{words.strip(QUOTE_MARKS + ' ,')}\u201d ({where})"
    # Reported speech is the article's wording, not the speaker's: never put it in quotation marks.
    return f"{who}, as reported: {words} ({where})"


def statement(quote: Quote, *, number: int, colour: int | None, label: str | None = None) -> Statement:
    return Statement(
        **_quote_fields(quote), number=number,
        parts=[[int(a), int(b)] for a, b in (quote.parts or [])],
        verbatim=[[int(a), int(b)] for a, b in (quote.verbatim or [])],
        cue_start=quote.cue_start, cue_end=quote.cue_end,
        mention_start=quote.mention_start, mention_end=quote.mention_end,
        resolution=quote.resolution or "", colour=colour, label=label,
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
        # The badge carries the statement's number and its source's label (readable without colour).
        badge = (
            Markup('<a class="qn {}" href="#s-{}" data-n="{}" data-who="{}" '
                   'aria-label="Statement {} by {}: details"></a>').format(
                colour, item.id, item.number, item.label or "", item.number, speaker
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


# --- filters -------------------------------------------------------------------------------------

class QuoteFilterView(BaseModel):
    """The filters a list of quotes was narrowed by, as URL parameters take them (empty: not filtered)."""

    q: str = Field("", description="Words every quote contains (stemmed).")
    speaker: str = Field("", description="A speaker's name or alias.")
    outlet: str = ""
    since: date | None = Field(None, description="Published on or after this day.")
    until: date | None = Field(None, description="Published on or before this day.")
    kind: list[str] = Field(default_factory=list, description="direct, mixed, indirect; none means all.")
    source: list[str] = Field(default_factory=list, description="person, organisation, group, unnamed, document, "
                                                                "anonymous; none means all.")
    min_confidence: float | None = None
    sort: str = Field("relevance", description="relevance (with words), newest, oldest or text (article order).")

    def params(self) -> dict[str, Any]:
        """The URL parameters that ask for exactly these filters (defaults left out, so URLs stay short)."""
        return {
            "q": self.q, "speaker": self.speaker, "outlet": self.outlet,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "kind": self.kind, "source": self.source,
            "min_confidence": f"{self.min_confidence:g}" if self.min_confidence is not None else None,
            "sort": self.sort if self.sort != "relevance" else None,
        }

    def active(self) -> bool:
        return any(value for key, value in self.params().items() if key != "sort")

    def verbatim_only(self) -> bool:
        return sorted(self.kind) == ["direct", "mixed"]


def filter_view(filters: queries.QuoteFilters) -> QuoteFilterView:
    return QuoteFilterView(
        q=filters.words, speaker=filters.speaker, outlet=filters.outlet, since=filters.since, until=filters.until,
        kind=list(filters.kinds), source=list(filters.source_types), min_confidence=filters.min_confidence,
        sort=filters.sort,
    )


class ExportLinks(BaseModel):
    """Downloads of every quote the page's filters keep (all pages, not only this one)."""

    csv: str
    jsonl: str


def export_links(params: dict[str, Any]) -> ExportLinks:
    query = urlencode({key: value for key, value in params.items() if value not in (None, "", [], ())}, doseq=True)
    suffix = f"?{query}" if query else ""
    return ExportLinks(csv=f"/export.csv{suffix}", jsonl=f"/export.jsonl{suffix}")


class OutletChoice(BaseModel):
    name: str
    articles: int


def outlet_choices(session: Session) -> list[OutletChoice]:
    return [OutletChoice(name=name, articles=count) for name, count in queries.outlets(session)]


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
    last_quoted: datetime | None = Field(None, description="Publication date of their newest dated quote "
                                                           "(on the speakers list sorted by it).")


def speaker_list_item(
    speaker: Speaker, *, matched_name: str | None = None, score: float | None = None,
    last_quoted: datetime | None = None,
) -> SpeakerListItem:
    return SpeakerListItem(
        id=speaker.id, name=speaker.name, url=f"/speakers/{speaker.id}", kind=speaker.kind,
        quote_count=speaker.quote_count, titles=[title.title for title in speaker.titles[:3]],
        matched_name=matched_name if matched_name and matched_name != speaker.name else None, score=score,
        unresolved=bool(speaker.unresolved),
        last_quoted=last_quoted,
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
    query: str = Field(description="Fuzzy filter on names and aliases.")
    type: str = Field("", description="person or organisation; empty means both.")
    sort: str = Field("", description="quotes, name or recent (newest quote first); empty: most quoted, or best "
                                      "match when filtering by name.")
    speakers: list[SpeakerListItem]
    pagination: Pagination


def speakers_page(session: Session, *, query: str, kind: str = "", sort: str = "", page: int,
                  page_size: int) -> SpeakersPage:
    query = query.strip()
    rows, total = queries.speaker_listing(session, name=query, kind=kind, sort=sort, limit=page_size,
                                          offset=(page - 1) * page_size)
    items = [speaker_list_item(row.speaker, matched_name=row.matched_name, score=row.score,
                               last_quoted=row.last_quoted) for row in rows]
    return SpeakersPage(
        query=query, type=kind, sort=sort, speakers=items,
        pagination=pagination(path="/speakers", params={"q": query, "type": kind, "sort": sort}, page=page,
                              page_size=page_size, total=total),
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


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM, of the articles' publication.")
    count: int
    url: str = Field(description="This speaker's quotes of that month.")


class OutletCount(BaseModel):
    outlet: str
    count: int = Field(description="Quotes of this speaker in that outlet.")
    url: str = Field(description="This speaker's quotes in that outlet.")


# The quotes-per-month chart's drawing box; bars share the width, the tallest bar is the full height.
CHART_WIDTH = 600
CHART_HEIGHT = 80


class SpeakerPage(BaseModel):
    speaker: SpeakerDetail
    filters: QuoteFilterView = Field(description="The filters this page of quotes is narrowed by.")
    groups: list[ArticleGroup] = Field(description="This page of quotes, grouped by article, newest article first.")
    pagination: Pagination
    months: list[MonthCount] = Field(description="Quotes per month, every month from the first to the last.")
    undated: int = Field(description="Quotes in articles without a date (not in `months`).")
    outlets: list[OutletCount] = Field(description="Outlets quoting this speaker, most quotes first.")
    outlet_choices: list[OutletChoice] = Field(description="Every outlet, for the filter form.")
    export: ExportLinks
    merge_candidates: list[SpeakerRef] = Field(
        default_factory=list, description="Other speakers who share this one's surname: likely the same person.")
    correction_error: str | None = Field(None, description="Why the last merge or split asked for was not done.")

    def chart_bars(self) -> list[dict[str, Any]]:
        """The month bars in the chart's drawing box (x, y, width, height), with their month and count."""
        if not self.months:
            return []
        top = max(month.count for month in self.months) or 1
        step = CHART_WIDTH / len(self.months)
        bars = []
        for index, month in enumerate(self.months):
            height = round(month.count / top * (CHART_HEIGHT - 2), 1) if month.count else 0
            # A few months would make slabs: a bar is at most a twentieth of the chart wide.
            bars.append({"x": round(index * step, 2), "width": round(max(min(step * 0.8, CHART_WIDTH / 20), 0.5), 2),
                         "y": round(CHART_HEIGHT - height, 1), "height": height, "month": month})
        return bars


# The most outlets listed on a speaker's page.
SPEAKER_OUTLETS_SHOWN = 12
# Searches and speaker pages count matches up to this many: enough pages for a person, bounded work.
MAX_COUNTED_QUOTES = 10_000


def month_range(counts: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every month from the first counted to the last, with zero for months without quotes (so the chart's
    x axis is time, not a list of active months)."""
    if not counts:
        return []
    found = dict(counts)
    year, month = map(int, counts[0][0].split("-"))
    last = tuple(map(int, counts[-1][0].split("-")))
    filled = []
    while (year, month) <= last:
        key = f"{year:04d}-{month:02d}"
        filled.append((key, found.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return filled


# Enough to offer the likely duplicates; a user can always name any other speaker by id.
MERGE_CANDIDATES_SHOWN = 8


def merge_candidates(session: Session, *, speaker: Speaker) -> list[SpeakerRef]:
    """Speakers a user may want to merge into this one: those with the same surname, most quoted first."""
    others = queries.same_surname_speakers(session, speaker=speaker, limit=MERGE_CANDIDATES_SHOWN)
    return [SpeakerRef(id=other.id, name=other.name, url=f"/speakers/{other.id}", kind=other.kind)
            for other in others]


def speaker_page(session: Session, *, speaker: Speaker, page: int, page_size: int,
                 filters: queries.QuoteFilters | None = None, correction_error: str | None = None) -> SpeakerPage:
    filters = filters or queries.QuoteFilters(sort="newest")
    narrowed = replace(filters, speaker_id=speaker.id)
    quotes, total = queries.filtered_quote_page(session, filters=narrowed, limit=page_size,
                                                offset=(page - 1) * page_size, max_count=MAX_COUNTED_QUOTES)
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
    view = filter_view(filters)
    params = view.params()
    path = f"/speakers/{speaker.id}"
    per_month, undated = queries.speaker_quotes_per_month(session, speaker_id=speaker.id)
    months = [MonthCount(month=month, count=count, url=f"{path}?{urlencode({'since': month, 'until': month})}")
              for month, count in month_range(per_month)]
    outlets = [OutletCount(outlet=outlet, count=count, url=f"{path}?{urlencode({'outlet': outlet})}")
               for outlet, count in queries.speaker_outlets(session, speaker_id=speaker.id,
                                                            limit=SPEAKER_OUTLETS_SHOWN)]
    return SpeakerPage(
        speaker=detail, filters=view, groups=groups,
        pagination=pagination(path=path, params=params, page=page, page_size=page_size, total=total),
        months=months, undated=undated, outlets=outlets, outlet_choices=outlet_choices(session),
        export=export_links({**params, "speaker_id": speaker.id}),
        merge_candidates=merge_candidates(session, speaker=speaker), correction_error=correction_error,
    )


class SpeakerCorrected(BaseModel):
    """The answer to a merge or split through the API: the speaker the quotes now belong to."""

    action: str = Field(description="merge | split")
    speaker: SpeakerRef = Field(description="After a merge, the speaker kept; after a split, the new speaker.")
    quote_count: int = Field(description="Quotes the speaker above now has.")
    other: SpeakerRef | None = Field(None, description="After a merge, the speaker merged away (its page is gone); "
                                                       "after a split, the speaker the names were taken from.")


class ArticleFilterView(BaseModel):
    title: str = Field("", description="Words every title contains.")
    outlet: str = ""
    since: date | None = None
    until: date | None = None
    sort: str = Field("newest", description="newest or oldest; undated articles come last either way.")

    def params(self) -> dict[str, Any]:
        return {"title": self.title, "outlet": self.outlet,
                "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "sort": self.sort if self.sort != "newest" else None}

    def active(self) -> bool:
        return any(value for key, value in self.params().items() if key != "sort")


class ArticlesPage(BaseModel):
    filters: ArticleFilterView
    articles: list[ArticleSummary]
    outlet_choices: list[OutletChoice]
    pagination: Pagination


def articles_page(session: Session, *, page: int, page_size: int,
                  filters: queries.ArticleFilters | None = None) -> ArticlesPage:
    filters = filters or queries.ArticleFilters()
    rows, total = queries.filtered_articles(session, filters=filters, limit=page_size, offset=(page - 1) * page_size)
    view = ArticleFilterView(title=filters.title, outlet=filters.outlet, since=filters.since, until=filters.until,
                             sort=filters.sort)
    return ArticlesPage(
        filters=view, articles=[article_summary(row.article, quote_count=row.quote_count) for row in rows],
        outlet_choices=outlet_choices(session),
        pagination=pagination(path="/articles", params=view.params(), page=page, page_size=page_size, total=total),
    )


class LegendEntry(BaseModel):
    name: str
    speaker: SpeakerRef | None = None
    colour: int | None = Field(None, description="Index of the source's colour, unique within the article.")
    label: str | None = Field(None, description="Initials, unique within the article; printed on its swatch and on "
                                                "each of its statements' badges.")
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
    text: str = Field(description="The article text as stored (decoded, mojibake repaired unless "
                                  "QUOTETRAIL_REPAIR_ENCODING is false); every offset on this page points into it.")
    paragraphs: list[list[int]]


class ArticlePage(BaseModel):
    article: ArticleDetail
    statements: list[Statement] = Field(description="Every statement in text order.")
    legend: list[LegendEntry] = Field(description="Every source in order of first appearance, with its colour, "
                                                  "label and kind.")
    source_types: list[SourceType] = Field(description="The key of source kinds the legend labels.")
    sourcing: Sourcing = Field(description="Statements per kind of source, and how many rest on anonymous ones.")
    palette_url: str | None = Field(None, description="Stylesheet with the colours past the base palette's "
                                                      f"{BASE_SIZE}, when the article has more sources than that.")
    export: ExportLinks = Field(description="Downloads of the article's statements (CSV, JSON Lines).")

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
                # Colours are never reused within an article: the index is the source's position.
                legend[key] = LegendEntry(
                    name=quote.speaker.name if quote.speaker else quote.speaker_name,
                    speaker=speaker_ref(quote.speaker), colour=len(legend), count=0,
                    speaker_type=speaker_type, type_label=source_type_label(speaker_type),
                )
            colour = legend[key].colour
            legend[key].count += 1
            legend[key].anonymous_count += int(bool(quote.anonymous))
        statements.append(statement(quote, number=number, colour=colour))
    entries = list(legend.values())
    for entry, label in zip(entries, speaker_labels([entry.name for entry in entries]), strict=True):
        entry.label = label
    labels = {entry.colour: entry.label for entry in entries}
    for item in statements:
        item.label = labels.get(item.colour)
    unattributed = sum(1 for item in statements if item.colour is None)
    if unattributed:
        entries.append(LegendEntry(name="Unattributed", colour=None, count=unattributed, type_label="no source"))
    summary = article_summary(article, quote_count=len(quotes))
    detail = ArticleDetail(
        **summary.model_dump(), source_name=article.source_name, text=article.text,
        paragraphs=[[int(a), int(b)] for a, b in (article.paragraphs or [])],
    )
    return ArticlePage(article=detail, statements=statements, legend=entries, source_types=source_type_key(),
                       sourcing=sourcing(statements),
                       palette_url=f"/palette/{len(legend)}.css" if len(legend) > BASE_SIZE else None,
                       export=export_links({"article": article.id}))


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
    article = article_summary(quote.article)
    # The quote carries its article too, so `quote` alone (as a client keeps it) says where it was printed.
    item = statement(quote, number=1, colour=colour)
    item.article = article
    return QuotePage(
        quote=item, article=article,
        paragraph=paragraph, article_span_url=f"/articles/{quote.article_id}#q-{quote.id}", family=family,
    )


class SearchPage(BaseModel):
    query: str = Field(description="The words searched for (as `filters.q`).")
    filters: QuoteFilterView
    speakers: list[SpeakerListItem] = Field(description="Speakers whose name fuzzily matches the words (first few, "
                                                        "on the first page).")
    quotes: list[QuoteSummary] = Field(description="Quotes the filters keep, in the order asked.")
    pagination: Pagination
    total_capped: bool = Field(description="More quotes match than were counted (`pagination.total`).")
    outlet_choices: list[OutletChoice]
    export: ExportLinks


# Speakers shown above the quotes when the words look like a name.
SPEAKERS_ON_SEARCH_PAGE = 6


def search_page(session: Session, *, filters: queries.QuoteFilters, page: int, page_size: int) -> SearchPage:
    view = filter_view(filters)
    speakers: list[SpeakerListItem] = []
    quotes: list[QuoteSummary] = []
    total = 0
    if view.active():
        if page == 1 and filters.words and not filters.speaker:
            matches, _ = queries.filter_speakers(session, query=filters.words, limit=SPEAKERS_ON_SEARCH_PAGE)
            speakers = [speaker_list_item(m.speaker, matched_name=m.matched_name, score=m.score) for m in matches]
        found, total = queries.filtered_quote_page(session, filters=filters, limit=page_size,
                                                   offset=(page - 1) * page_size, max_count=MAX_COUNTED_QUOTES)
        quotes = [quote_summary(quote, with_article=True) for quote in found]
    params = view.params()
    return SearchPage(
        query=filters.words, filters=view, speakers=speakers, quotes=quotes,
        pagination=pagination(path="/search", params=params, page=page, page_size=page_size, total=total),
        total_capped=total >= MAX_COUNTED_QUOTES, outlet_choices=outlet_choices(session),
        export=export_links(params),
    )


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
