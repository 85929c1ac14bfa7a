"""Thin page handlers: parse the request, build the page's context object, render it as HTML or JSON."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, StreamingResponse
from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from app.services import filtering
from app.services.check import CheckError, CheckResult, check_quote
from app.services.export import MEDIA_TYPES, export_chunks
from app.services.ingest import AddedDocuments
from app.services.linking import CorrectionError, find_speaker, merge_speakers
from app.services.linking import split_speaker as split_off_speaker
from app.store import queries
from app.store.models import Speaker
from app.web import contexts, palette, uploads
from app.web.rendering import render, render_error
from app.web.security import CSRF_FIELD, FORM_OVERHEAD_BYTES, csrf_problem

router = APIRouter()

# Longest search box or speaker filter input kept; longer input is cut, not refused (people paste).
MAX_QUERY_CHARACTERS = 500
# Longest quote the check accepts: a long paragraph, well past any real quote.
MAX_CHECK_CHARACTERS = 5000
# PostgreSQL cannot store a NUL character in text (SQLite can): metadata holding one is refused on
# every backend alike, rather than failing only on PostgreSQL, and only once the pipeline has run.
NUL = "\x00"
# Most names one split may move: far more than any speaker has, and a bound on the form's size.
MAX_SPLIT_ALIASES = 200

# merge_speaker or split_speaker: (session, *, speaker_id, ...) -> the corrected speaker, committed.
Correction = Callable[..., "contexts.SpeakerCorrected"]


def get_session(request: Request) -> Iterator[Session]:
    session = request.app.state.session_factory()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]
# The largest id a database stores (a signed 64-bit integer); larger numbers cannot name a row.
MAX_ID = 2**63 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Query(ge=1, le=1_000_000, description="1-based page number.")]
SearchText = Annotated[str, Query(description="Words of a speaker's name or of a quote.")]


def page_size(request: Request) -> int:
    return request.app.state.settings.page_size


def html(request: Request, template: str, page: BaseModel, *, json_url: str | None, nav: str = "",
         status_code: int = 200,
         **extra: Any) -> Response:
    return render(request, template, {"page": page, "json_url": json_url, "nav": nav, **extra}, status_code=status_code)


PagedContext = TypeVar("PagedContext", contexts.SearchPage, contexts.SpeakersPage, contexts.SpeakerPage,
                        contexts.ArticlesPage)


def within_pages(context: PagedContext) -> PagedContext:
    """A page number past the end is a missing page, not an empty list that looks like no data."""
    pages = context.pagination
    if pages.page > pages.pages:
        raise HTTPException(404, f"Page {pages.page} is past the last page ({pages.pages}).")
    return context


def with_query(path: str, request: Request) -> str:
    return f"{path}?{request.url.query}" if request.url.query else path


# --- home and search ---------------------------------------------------------------------------------

@router.get("/", include_in_schema=False)
def home(request: Request, session: SessionDep) -> Response:
    return html(request, "home.html", contexts.home_page(session), json_url="/index.json", nav="home")


@router.get("/index.json", response_model=contexts.HomePage, tags=["pages"], summary="Home page")
def home_json(session: SessionDep) -> contexts.HomePage:
    return contexts.home_page(session)


class QuoteFilterParams(BaseModel):
    """The URL parameters that filter a list of quotes, as typed (checked by `app.services.filtering`)."""

    q: str = Field("", description="Words every quote contains.")
    speaker: str = Field("", description="A speaker's name or alias.")
    outlet: str = Field("", description="An outlet, as listed (case ignored).")
    since: str = Field("", description="Published on or after: YYYY-MM-DD, YYYY-MM or YYYY.")
    until: str = Field("", description="Published on or before: YYYY-MM-DD, YYYY-MM or YYYY.")
    kind: list[str] = Field(default_factory=list, max_length=20,
                            description="direct, mixed, indirect, or verbatim (= direct and mixed); repeat for "
                                        "several.")
    source: list[str] = Field(default_factory=list, max_length=20,
                              description="person, organisation, group, unnamed, document, anonymous; repeat for "
                                          "several.")
    min_confidence: str = Field("", description="0-1, or a percentage.")
    sort: str = Field("", description="relevance (default with words and no speaker), newest, oldest, text.")

    def filters(self, **fixed: Any) -> queries.QuoteFilters:
        """The read layer's filters; a value that cannot be used is a 400 naming it. Over-long text is cut,
        not refused (people paste)."""
        cut = MAX_QUERY_CHARACTERS
        try:
            return filtering.quote_filters(
                words=self.q[:cut], speaker=self.speaker[:cut], outlet=self.outlet[:cut], since=self.since[:cut],
                until=self.until[:cut], kinds=[kind[:cut] for kind in self.kind],
                sources=[source[:cut] for source in self.source], min_confidence=self.min_confidence[:cut],
                sort=self.sort[:cut], **fixed)
        except filtering.FilterError as error:
            raise HTTPException(400, str(error)) from None


QuoteFilterQuery = Annotated[QuoteFilterParams, Query()]


def search_context(request: Request, session: Session, params: QuoteFilterParams, page: int) -> contexts.SearchPage:
    return within_pages(contexts.search_page(session, filters=params.filters(), page=page,
                                             page_size=page_size(request)))


@router.get("/search", include_in_schema=False)
def search(request: Request, session: SessionDep, params: QuoteFilterQuery, page: PageNumber = 1) -> Response:
    context = search_context(request, session, params, page)
    return html(request, "search.html", context, json_url=with_query("/search.json", request), nav="search")


@router.get("/search.json", response_model=contexts.SearchPage, tags=["pages"],
            summary="Search quotes by words, speaker, outlet, dates, kind, source type and confidence")
def search_json(request: Request, session: SessionDep, params: QuoteFilterQuery,
                page: PageNumber = 1) -> contexts.SearchPage:
    return search_context(request, session, params, page)


# --- export ------------------------------------------------------------------------------------------

def export_response(request: Request, params: QuoteFilterParams, *, speaker_id: int | None,
                    article_id: int | None, format: str) -> StreamingResponse:
    """Every quote the filters keep, streamed as it is read, in a session of its own that lives as long as the
    download (the request's session closes when the handler returns)."""
    filters = params.filters(speaker_id=speaker_id, article_id=article_id,
                             default_sort="text" if article_id is not None else "relevance")
    factory = request.app.state.session_factory
    base_url = str(request.base_url)

    def chunks() -> Iterator[str]:
        with factory() as session:
            yield from export_chunks(session, filters=filters, format=format, base_url=base_url)

    name = "quotetrail-quotes"
    if article_id is not None:
        name = f"quotetrail-article-{article_id}"
    elif speaker_id is not None:
        name = f"quotetrail-speaker-{speaker_id}"
    return StreamingResponse(chunks(), media_type=MEDIA_TYPES[format],
                             headers={"Content-Disposition": f'attachment; filename="{name}.{format}"'})


ExportSpeaker = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this speaker's quotes (by id).")]
ExportArticle = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this article's statements.")]


@router.get("/export.csv", tags=["export"], response_class=StreamingResponse,
            summary="Every quote the filters keep (all pages) as CSV, safe to open in a spreadsheet")
def export_csv(request: Request, params: QuoteFilterQuery, speaker_id: ExportSpeaker = None,
               article: ExportArticle = None) -> StreamingResponse:
    return export_response(request, params, speaker_id=speaker_id, article_id=article, format="csv")


@router.get("/export.jsonl", tags=["export"], response_class=StreamingResponse,
            summary="Every quote the filters keep (all pages) as JSON Lines, one object per quote")
def export_jsonl(request: Request, params: QuoteFilterQuery, speaker_id: ExportSpeaker = None,
                 article: ExportArticle = None) -> StreamingResponse:
    return export_response(request, params, speaker_id=speaker_id, article_id=article, format="jsonl")


# --- speakers ----------------------------------------------------------------------------------------

SpeakerType = Annotated[str, Query(description="person or organisation.")]
SpeakerSort = Annotated[str, Query(description="quotes, name, or recent (newest quote first).")]


def speakers_context(request: Request, session: Session, *, q: str, type: str, sort: str,
                     page: int) -> contexts.SpeakersPage:
    try:
        cut = MAX_QUERY_CHARACTERS
        kind, order = filtering.speaker_kind(type[:cut]), filtering.speaker_sort(sort[:cut])
    except filtering.FilterError as error:
        raise HTTPException(400, str(error)) from None
    return within_pages(contexts.speakers_page(session, query=q[:MAX_QUERY_CHARACTERS], kind=kind, sort=order,
                                               page=page, page_size=page_size(request)))


@router.get("/speakers", include_in_schema=False)
def speakers(request: Request, session: SessionDep, page: PageNumber = 1, q: SearchText = "",
             type: SpeakerType = "", sort: SpeakerSort = "") -> Response:
    context = speakers_context(request, session, q=q, type=type, sort=sort, page=page)
    return html(request, "speakers.html", context, json_url=with_query("/speakers.json", request), nav="speakers")


@router.get("/speakers.json", response_model=contexts.SpeakersPage, tags=["pages"],
            summary="Speakers: most quoted first, by name or by newest quote; of one type; fuzzily filtered by name")
def speakers_json(request: Request, session: SessionDep, page: PageNumber = 1, q: SearchText = "",
                  type: SpeakerType = "", sort: SpeakerSort = "") -> contexts.SpeakersPage:
    return speakers_context(request, session, q=q, type=type, sort=sort, page=page)


def speaker_context(request: Request, session: Session, speaker_id: int, page: int,
                    params: QuoteFilterParams | None = None) -> contexts.SpeakerPage:
    speaker = queries.get_speaker(session, speaker_id=speaker_id)
    if speaker is None:
        raise HTTPException(404, f"There is no speaker number {speaker_id}. They may have been merged into another.")
    filters = (params or QuoteFilterParams()).filters(default_sort="newest")
    return within_pages(contexts.speaker_page(session, speaker=speaker, page=page, page_size=page_size(request),
                                              filters=filters))


@router.get("/speakers/{speaker_id:int}.json", response_model=contexts.SpeakerPage, tags=["pages"],
            summary="One speaker: quotes (filtered like search), quotes per month, outlets quoting them")
def speaker_json(
    request: Request, session: SessionDep, speaker_id: RowId, params: QuoteFilterQuery, page: PageNumber = 1
) -> contexts.SpeakerPage:
    return speaker_context(request, session, speaker_id, page, params)


@router.get("/speakers/{speaker_id:int}", include_in_schema=False)
def speaker(request: Request, session: SessionDep, speaker_id: RowId, params: QuoteFilterQuery,
            page: PageNumber = 1) -> Response:
    context = speaker_context(request, session, speaker_id, page, params)
    return html(request, "speaker.html", context, json_url=with_query(f"/speakers/{speaker_id}.json", request),
                nav="speakers")


# --- speaker corrections: merge and split --------------------------------------------------------------
# The same service functions as `quotetrail speakers merge/split`, so a correction made on the web is
# recorded and replayed on re-ingest exactly like one made on the command line.

class MergeRequest(BaseModel):
    other: str = Field(min_length=1, max_length=MAX_QUERY_CHARACTERS,
                       description="The speaker to merge into this one: an id, or an exact name or alias.")


class SplitRequest(BaseModel):
    aliases: list[str] = Field(min_length=1, max_length=MAX_SPLIT_ALIASES,
                               description="Names of this speaker to move, with their quotes, to a new speaker.")
    new_name: str | None = Field(None, max_length=500, description="The new speaker's name (default: the main alias).")


def speaker_ref(speaker: Speaker) -> contexts.SpeakerRef:
    return contexts.SpeakerRef(id=speaker.id, name=speaker.name, url=f"/speakers/{speaker.id}", kind=speaker.kind)


def merge_speaker(session: Session, *, speaker_id: int, other: str) -> contexts.SpeakerCorrected:
    """Merge the speaker `other` names into speaker `speaker_id` and commit (CorrectionError: nothing done)."""
    into = find_speaker(session, reference=str(speaker_id))
    merged = find_speaker(session, reference=other)
    merged_ref = speaker_ref(merged)
    kept = merge_speakers(session, into=into, other=merged)
    session.commit()
    return contexts.SpeakerCorrected(action="merge", speaker=speaker_ref(kept), quote_count=kept.quote_count,
                                     other=merged_ref)


def split_speaker(
    session: Session, *, speaker_id: int, aliases: list[str], new_name: str | None
) -> contexts.SpeakerCorrected:
    """Split `aliases` off speaker `speaker_id` into a new speaker and commit (CorrectionError: nothing done)."""
    original = find_speaker(session, reference=str(speaker_id))
    original_ref = speaker_ref(original)
    new = split_off_speaker(session, speaker=original, names=aliases, new_name=new_name or None)
    session.commit()
    return contexts.SpeakerCorrected(action="split", speaker=speaker_ref(new), quote_count=new.quote_count,
                                     other=original_ref)


def run_correction(request: Request, change: Correction, **arguments: Any) -> contexts.SpeakerCorrected:
    """Run a merge or split in its own session; a missing speaker is a 404, anything refused rolls back
    and reaches `correction_refused`."""
    with request.app.state.session_factory() as session:
        if queries.get_speaker(session, speaker_id=arguments["speaker_id"]) is None:
            raise HTTPException(404, f"There is no speaker number {arguments['speaker_id']}. "
                                     "They may have been merged into another.")
        try:
            return change(session, **arguments)
        except CorrectionError:
            session.rollback()
            raise


async def correction_form(
    request: Request, speaker_id: int, change: Correction, read_arguments: Callable[[FormData], dict[str, Any]]
) -> Response:
    """A merge or split form: the same CSRF check as "Add an article", then post/redirect/get."""
    try:
        form = await request.form(max_files=0, max_fields=MAX_SPLIT_ALIASES + 10, max_part_size=64 * 1024)
    except Exception as error:  # the form parser's errors say what was wrong with the body
        raise HTTPException(400, f"The form could not be read: {error}") from None
    try:
        problem = csrf_problem(request, _form_text(form.get(CSRF_FIELD)))
        if problem:
            return render_error(request, status_code=403, title="Refused",
                                message=problem + " Reload the speaker's page and send it again.")
        arguments = read_arguments(form)
    finally:
        await form.close()
    result = await run_in_threadpool(run_correction, request, change, speaker_id=speaker_id, **arguments)
    return RedirectResponse(result.speaker.url, status_code=303)


def correction_refused(request: Request, error: Exception) -> Response:
    """The one answer to a refused merge or split: the API's JSON error, or the speaker's page again with the
    reason on it (the speaker is unchanged: the correction rolled back)."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": str(error), "status": 400}, status_code=400)
    speaker_id = int(request.path_params["speaker_id"])
    with request.app.state.session_factory() as session:
        speaker = queries.get_speaker(session, speaker_id=speaker_id)
        if speaker is None:  # merged away by someone else in the meantime
            raise HTTPException(404, f"There is no speaker number {speaker_id}.")
        context = contexts.speaker_page(session, speaker=speaker, page=1, page_size=page_size(request),
                                        correction_error=str(error))
    return html(request, "speaker.html", context, json_url=f"/speakers/{speaker_id}.json", nav="speakers",
                status_code=400)


def _merge_form_arguments(form: FormData) -> dict[str, Any]:
    return {"other": _form_text(form.get("other")).strip()[:MAX_QUERY_CHARACTERS]}


def _split_form_arguments(form: FormData) -> dict[str, Any]:
    aliases = [alias for alias in form.getlist("alias") if isinstance(alias, str)][:MAX_SPLIT_ALIASES]
    return {"aliases": aliases, "new_name": _form_text(form.get("new_name")).strip()[:500] or None}


@router.post("/speakers/{speaker_id:int}/merge", include_in_schema=False)
async def merge_speaker_form(request: Request, speaker_id: RowId) -> Response:
    return await correction_form(request, speaker_id, merge_speaker, _merge_form_arguments)


@router.post("/speakers/{speaker_id:int}/split", include_in_schema=False)
async def split_speaker_form(request: Request, speaker_id: RowId) -> Response:
    return await correction_form(request, speaker_id, split_speaker, _split_form_arguments)


CORRECTION_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "The correction cannot be done as asked (the detail says why); nothing changed."},
    404: {"description": "There is no such speaker."},
}


@router.post("/api/speakers/{speaker_id:int}/merge", response_model=contexts.SpeakerCorrected, tags=["api"],
             summary="Merge another speaker into this one (needs Content-Type: application/json, which forms "
                     "cannot send)", responses=CORRECTION_RESPONSES)
def merge_speaker_api(request: Request, speaker_id: RowId, body: MergeRequest) -> contexts.SpeakerCorrected:
    return run_correction(request, merge_speaker, speaker_id=speaker_id, other=body.other)


@router.post("/api/speakers/{speaker_id:int}/split", status_code=201, response_model=contexts.SpeakerCorrected,
             tags=["api"], summary="Split names off this speaker into a new speaker (JSON only, like merge)",
             responses=CORRECTION_RESPONSES)
def split_speaker_api(request: Request, speaker_id: RowId, body: SplitRequest) -> contexts.SpeakerCorrected:
    return run_correction(request, split_speaker, speaker_id=speaker_id, aliases=body.aliases,
                          new_name=body.new_name)


# --- articles ----------------------------------------------------------------------------------------

class ArticleFilterParams(BaseModel):
    title: str = Field("", description="Words every title contains.")
    outlet: str = Field("", description="An outlet, as listed (case ignored).")
    since: str = Field("", description="Published on or after: YYYY-MM-DD, YYYY-MM or YYYY.")
    until: str = Field("", description="Published on or before: YYYY-MM-DD, YYYY-MM or YYYY.")
    sort: str = Field("", description="newest (default) or oldest; undated articles come last.")


def articles_context(request: Request, session: Session, params: ArticleFilterParams,
                     page: int) -> contexts.ArticlesPage:
    try:
        cut = MAX_QUERY_CHARACTERS
        filters = filtering.article_filters(title=params.title[:cut], outlet=params.outlet[:cut],
                                            since=params.since[:cut], until=params.until[:cut], sort=params.sort[:cut])
    except filtering.FilterError as error:
        raise HTTPException(400, str(error)) from None
    return within_pages(contexts.articles_page(session, page=page, page_size=page_size(request), filters=filters))


@router.get("/articles", include_in_schema=False)
def articles(request: Request, session: SessionDep, params: Annotated[ArticleFilterParams, Query()],
             page: PageNumber = 1) -> Response:
    context = articles_context(request, session, params, page)
    return html(request, "articles.html", context, json_url=with_query("/articles.json", request), nav="articles")


@router.get("/articles.json", response_model=contexts.ArticlesPage, tags=["pages"],
            summary="Articles, newest first (undated last), filtered by title words, outlet and dates")
def articles_json(request: Request, session: SessionDep, params: Annotated[ArticleFilterParams, Query()],
                  page: PageNumber = 1) -> contexts.ArticlesPage:
    return articles_context(request, session, params, page)


def article_context(session: Session, article_id: int) -> contexts.ArticlePage:
    article = queries.get_article(session, article_id=article_id)
    if article is None:
        raise HTTPException(404, f"There is no article number {article_id}.")
    return contexts.article_page(session, article=article)


@router.get("/articles/{article_id:int}.json", response_model=contexts.ArticlePage, tags=["pages"],
            summary="One article with every statement's offsets, speaker, cue and mention")
def article_json(session: SessionDep, article_id: RowId) -> contexts.ArticlePage:
    return article_context(session, article_id)


@router.get("/articles/{article_id:int}", include_in_schema=False)
def article(request: Request, session: SessionDep, article_id: RowId) -> Response:
    return html(request, "article.html", article_context(session, article_id),
                json_url=f"/articles/{article_id}.json", nav="articles")


@router.get("/palette/{count:int}.css", include_in_schema=False)
def palette_stylesheet(count: Annotated[int, Path(ge=1, le=palette.MAX_COLOURS)]) -> Response:
    """The speaker colours past the stylesheet's own, for an article with `count` sources: a pure function of
    `count`, so browsers may keep it for good (the article page links it only when it needs it)."""
    return Response(palette.generated_stylesheet(count), media_type="text/css",
                    headers={"Cache-Control": "public, max-age=31536000, immutable"})


# --- quotes ------------------------------------------------------------------------------------------

def quote_context(session: Session, quote_id: int) -> contexts.QuotePage:
    quote = queries.get_quote(session, quote_id=quote_id)
    if quote is None:
        raise HTTPException(404, f"There is no quote number {quote_id}.")
    return contexts.quote_page(session, quote=quote)


@router.get("/quotes/{quote_id:int}.json", response_model=contexts.QuotePage, tags=["pages"],
            summary="One quote, its source paragraph and its family across articles")
def quote_json(session: SessionDep, quote_id: RowId) -> contexts.QuotePage:
    return quote_context(session, quote_id)


@router.get("/quotes/{quote_id:int}", include_in_schema=False)
def quote(request: Request, session: SessionDep, quote_id: RowId) -> Response:
    return html(request, "quote.html", quote_context(session, quote_id), json_url=f"/quotes/{quote_id}.json")


# --- check -------------------------------------------------------------------------------------------

class CheckRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_CHECK_CHARACTERS, description="The quote as it circulates.")
    speaker: str | None = Field(None, max_length=MAX_QUERY_CHARACTERS, description="Who it is said to be by.")
    article_id: int | None = Field(None, ge=1, le=MAX_ID, description="Check against this article only.")


def checked(session: Session, *, text: str, speaker: str | None, article_id: int | None) -> CheckResult:
    """The check service's answer; raises CheckError for input it cannot check (the message says why)."""
    if len(text) > MAX_CHECK_CHARACTERS:
        raise CheckError(f"That is {len(text):,} characters; a quote to check can be at most {MAX_CHECK_CHARACTERS:,}.")
    return check_quote(session, text=text, speaker=speaker or None, article_id=article_id)


def check_context(session: Session, *, text: str, speaker: str, article_id: int | None) -> contexts.CheckPage:
    text, speaker = text.strip(), speaker.strip()
    if not text:
        return contexts.CheckPage(text="", speaker=speaker, article_id=article_id)
    try:
        result = checked(session, text=text, speaker=speaker, article_id=article_id)
    except CheckError as error:
        return contexts.CheckPage(text=text[:MAX_CHECK_CHARACTERS], speaker=speaker, article_id=article_id,
                                  error=str(error))
    return contexts.check_page(session, text=text, speaker=speaker, article_id=article_id, result=result)


def check_refused(error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error), "status": 400}, status_code=400)


CheckText = Annotated[str, Query(max_length=MAX_CHECK_CHARACTERS * 2, description="The quote to check.")]
CheckSpeaker = Annotated[str, Query(max_length=MAX_QUERY_CHARACTERS, description="Who it is said to be by.")]
CheckArticle = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Check against this article only.")]
CHECK_REFUSED: dict[int | str, dict[str, Any]] = {
    400: {"description": "No words to check, too long a quote, or an article that does not exist."},
}


@router.get("/check", include_in_schema=False)
def check(request: Request, session: SessionDep, text: CheckText = "", speaker: CheckSpeaker = "",
          article: CheckArticle = None) -> Response:
    context = check_context(session, text=text, speaker=speaker, article_id=article)
    # The JSON twin is the check's answer: there is none for the empty form.
    json_url = with_query("/check.json", request) if context.text else None
    return html(request, "check.html", context, json_url=json_url, nav="check")


@router.get("/check.json", response_model=CheckResult, tags=["pages"], responses=CHECK_REFUSED,
            summary="Check a quote: verdict, evidence and source paragraphs (the same object as POST /api/check)")
def check_json(session: SessionDep, text: CheckText = "", speaker: CheckSpeaker = "",
               article: CheckArticle = None) -> Any:
    try:
        return checked(session, text=text.strip(), speaker=speaker.strip(), article_id=article)
    except CheckError as error:
        return check_refused(error)


@router.post("/api/check", response_model=CheckResult, tags=["api"], responses=CHECK_REFUSED,
             summary="Check a quote: verdict, evidence and source paragraphs (the same object as /check.json)")
def check_api(session: SessionDep, body: CheckRequest) -> Any:
    try:
        return checked(session, text=body.text, speaker=body.speaker, article_id=body.article_id)
    except CheckError as error:
        return check_refused(error)


# --- add an article ----------------------------------------------------------------------------------

def add_context(
    request: Request, *, error: str | None = None, values: dict[str, str] | None = None
) -> contexts.AddArticlePage:
    return contexts.AddArticlePage(
        max_upload_bytes=request.app.state.settings.max_upload_bytes, accepted=list(uploads.ACCEPTED_KINDS),
        error=error, values=values or {},
    )


@router.get("/articles/new", include_in_schema=False)
def add_article_form(request: Request) -> Response:
    return html(request, "add.html", add_context(request), json_url="/articles/new.json", nav="add")


@router.get("/articles/new.json", response_model=contexts.AddArticlePage, tags=["pages"],
            summary="What the add-an-article form accepts")
def add_article_form_json(request: Request) -> contexts.AddArticlePage:
    return add_context(request)


@router.post("/articles", include_in_schema=False)
async def add_article(request: Request) -> Response:
    settings = request.app.state.settings
    try:
        # Parts may be as large as the body limit allows, so an over-long paste reaches the size check
        # below and gets its plain message rather than the parser's.
        form = await request.form(max_files=1, max_fields=20,
                                  max_part_size=settings.max_upload_bytes + FORM_OVERHEAD_BYTES)
    except HTTPException:
        raise
    except Exception as error:  # the multipart parser's errors say what was wrong with the body
        return html(request, "add.html", add_context(request, error=f"The form could not be read: {error}"),
                    json_url="/articles/new.json", nav="add", status_code=400)
    try:
        problem = csrf_problem(request, _form_text(form.get(CSRF_FIELD)))
        if problem:
            return render_error(request, status_code=403, title="Refused",
                                message=problem + " Reload the form and send it again.")
        values = {name: _form_text(form.get(name))[:2000] for name in uploads.METADATA_FIELDS}
        with_nul = [name for name, value in values.items() if NUL in value]
        if with_nul:
            return html(request, "add.html", add_context(
                request, error=f"The {with_nul[0]} contains a NUL character; remove it and send the form again.",
                values={name: value.replace(NUL, "") for name, value in values.items()}),
                json_url="/articles/new.json", nav="add", status_code=400)
        upload = form.get("file")
        pasted = _form_text(form.get("text"))
        try:
            document = await uploads.read_submission(
                upload=upload if isinstance(upload, UploadFile) else None, pasted=pasted,
                limit=settings.max_upload_bytes, metadata=values,
            )
            outcome = await _ingest(request, document)
        except uploads.SubmissionError as error:
            values["text"] = pasted[:200_000]  # what was typed comes back, so nothing is typed twice
            return html(request, "add.html", add_context(request, error=str(error), values=values),
                        json_url="/articles/new.json", nav="add", status_code=error.status_code)
    finally:
        await form.close()
    if len(outcome.article_ids) == 1 and not outcome.failures:
        # Post/redirect/get: reloading the article page never re-sends the upload.
        return RedirectResponse(f"/articles/{outcome.article_ids[0]}", status_code=303)
    with request.app.state.session_factory() as session:
        found = queries.articles_by_ids(session, article_ids=outcome.article_ids)
        added = contexts.AddedPage(
            articles=[contexts.article_summary(found[i]) for i in outcome.article_ids if i in found],
            duplicates=outcome.duplicates, failures=outcome.failures,
        )
    return html(request, "added.html", added, json_url=None, nav="add")


class ArticleSubmission(BaseModel):
    text: str = Field(min_length=1, description="The article: plain text, HTML, or JSON Lines (told from the content).")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=300)
    author: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=40, description="ISO 8601 date or timestamp.")

    @field_validator("title", "url", "outlet", "author", "published")
    @classmethod
    def no_nul_character(cls, value: str | None) -> str | None:
        if value is not None and NUL in value:
            raise ValueError("must not contain a NUL character")
        return value


class ArticleAdded(BaseModel):
    article_ids: list[int] = Field(description="The stored articles (an existing id when the text was already stored).")
    urls: list[str]
    duplicates: int = Field(description="How many of them were already stored.")
    kind: str = Field(description="What the content was read as: txt, html or jsonl.")
    failures: list[str] = Field(default_factory=list, description="Items (JSON lines) not stored, with reasons.")


@router.post("/api/articles", status_code=201, response_model=ArticleAdded, tags=["api"],
             summary="Add an article from JSON (needs Content-Type: application/json, which forms cannot send)")
async def add_article_api(
    request: Request, body: Annotated[ArticleSubmission, Body()]
) -> ArticleAdded | JSONResponse:
    metadata = {name: getattr(body, name) or "" for name in uploads.METADATA_FIELDS}
    try:
        document = await uploads.read_submission(
            upload=None, pasted=body.text, limit=request.app.state.settings.max_upload_bytes, metadata=metadata
        )
        outcome = await _ingest(request, document)
    except uploads.SubmissionError as error:
        return JSONResponse({"detail": str(error), "status": error.status_code}, status_code=error.status_code)
    return ArticleAdded(
        article_ids=outcome.article_ids, urls=[f"/articles/{i}" for i in outcome.article_ids],
        duplicates=outcome.duplicates, kind=document.kind, failures=outcome.failures,
    )


async def _ingest(request: Request, document: uploads.Submission) -> AddedDocuments:
    return await run_in_threadpool(uploads.ingest_submission, request.app.state.ingester, document,
                                   repair_encoding=request.app.state.settings.repair_encoding)


def _form_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --- API documentation page --------------------------------------------------------------------------

@router.get("/api", include_in_schema=False)
def api_page(request: Request) -> Response:
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            operations.append({
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "parameters": [p.get("name") for p in operation.get("parameters", [])],
            })
    return render(request, "api.html", {"operations": operations, "json_url": "/openapi.json", "nav": "api"})
