"""The REST API under ``/api/``: articles, claims (filters and pagination), tracked quantities,
sources, and ``POST /api/articles`` to ingest one article (bearer token required).

Every bad parameter gives a 4xx JSON body ``{"error": "..."}`` (see ``app.py``); the OpenAPI spec
at ``/api/openapi.json`` documents those responses, so schemathesis can hold the API to it.
"""

from __future__ import annotations

import hmac
import itertools
import threading
from datetime import UTC, date, datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from .. import fusion
from ..contract.claims import claim_to_json
from ..contract.track import tracked_to_json
from ..errors import ClaimtrailError, InputError
from ..fusion.statements import Stance as StanceName
from ..model import Article, Event, Failure, Kind, Modality, ReviewStatus
from ..store.filters import ClaimFilter, FilterError
from . import queries
from .table import SORT_KEYS

#: The claims export's ``sort``: a column of the claims table, ``-`` first for descending.
SORT_PATTERN = "^(-?(" + "|".join(SORT_KEYS) + "))?$"

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


class ErrorBody(BaseModel):
    """Every 4xx answer: what was wrong, in one line (``details`` for validation errors)."""

    error: str
    details: list[dict[str, Any]] | None = None


class Page(BaseModel):
    """A page of results; ``next_offset`` is null on the last page."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None


class ArticleIn(BaseModel):
    """An article to ingest: ``text`` (plain text) or ``html`` (a page; its main text is extracted),
    or only ``url`` (fetched). ``url`` given with text or html is the article's address."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, max_length=2_000_000)
    html: str | None = Field(None, max_length=5_000_000)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://\S+$")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    published: date | None = None


class IngestResult(BaseModel):
    article_id: str
    added: bool
    claims: int
    title: str | None
    published: str | None


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request"},
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "A parameter is invalid"},
}

router = APIRouter(prefix="/api", responses=ERRORS)


def ledger_of(request: Request) -> Any:
    return request.app.state.ledger


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} not found")


# -- articles ------------------------------------------------------------------------------------
@router.get("/articles", response_model=Page, summary="List articles (ingest order) or search them")
def list_articles(
    request: Request,
    q: str | None = Query(None, max_length=500, description="Full-text search over title and text."),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    ledger = ledger_of(request)
    counts = ledger.claim_counts()
    if q is not None and q.strip():
        found = ledger.search_articles(q, limit=offset + limit + 1, mark=("«", "»"))[offset:]
        items = []
        for article, snippet in found[:limit]:
            data = _article_summary(article, counts.get(article.article_id, 0))
            data["snippet"] = snippet
            items.append(data)
        more = len(found) > limit
    else:
        page = ledger.articles(limit=limit + 1, offset=offset)
        items = [_article_summary(a, counts.get(a.article_id, 0)) for a in page[:limit]]
        more = len(page) > limit
    return {"items": items, "limit": limit, "offset": offset, "next_offset": offset + limit if more else None}


def _article_summary(article: Article, claims: int) -> dict[str, Any]:
    data = queries.article_json(article, claims)
    data.pop("text", None)
    data["text_length"] = len(article.text)
    return data


@router.get("/articles/{article_id}", summary="One article with its text and claims")
def get_article(request: Request, article_id: str = Path(..., max_length=200)) -> dict[str, Any]:
    ledger = ledger_of(request)
    article = ledger.get_article(article_id)
    if article is None:
        raise not_found(f"article {article_id!r}")
    claims = ledger.claims(ClaimFilter(article_id=article_id))
    data = queries.article_json(article, len(claims))
    data["claim_list"] = [claim_to_json(c) for c in claims]
    return data


_ingest_lock = threading.Lock()


def require_token(request: Request) -> None:
    """Writing needs ``CLAIMTRAIL_API_TOKEN`` set on the server and given as ``Authorization: Bearer``."""
    token = request.app.state.api_token
    if not token:
        raise HTTPException(
            status_code=403,
            detail="writing is disabled: start the server with CLAIMTRAIL_API_TOKEN set to allow it",
        )
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(
            status_code=401,
            detail="a valid bearer token is required (Authorization: Bearer <CLAIMTRAIL_API_TOKEN>)",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestResult,
    summary="Ingest one article (text, HTML or URL); needs the bearer token",
    responses={
        200: {"model": IngestResult, "description": "Already in the ledger: nothing changed"},
        401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
        403: {"model": ErrorBody, "description": "Writing is disabled on this server"},
    },
    dependencies=[Depends(require_token)],
)
def post_article(request: Request, body: ArticleIn) -> Any:
    from fastapi.responses import JSONResponse

    given = [name for name in ("text", "html") if getattr(body, name) is not None]
    if len(given) > 1:
        raise HTTPException(status_code=400, detail="give text or html, not both")
    if not given and not body.url:
        raise HTTPException(status_code=400, detail="give text, html or url")
    article = _read_article(body, request.app.state.settings, public_only=not request.app.state.fetch_private)
    ledger = ledger_of(request)
    if ledger.has_article(article.article_id):
        stored = ledger.get_article(article.article_id) or article
        result = _result(stored, False, ledger.claim_counts().get(article.article_id, 0))
        return JSONResponse(result, status_code=200)
    from ..nlp.pipeline import load_pipeline
    from ..worker import extract_article

    with _ingest_lock:  # one spaCy pipeline, one article at a time
        try:
            claims = extract_article(article, load_pipeline(request.app.state.settings.model))
            added = ledger.add_article(article, claims)
        except ClaimtrailError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc
    return _result(article, added, len(claims))


def _result(article: Article, added: bool, claims: int) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "added": added,
        "claims": claims,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
    }


def _read_article(body: ArticleIn, settings: Any, public_only: bool = True) -> Article:
    """The Article described by the request, finished like any ingested input (id, language, date).
    A URL to fetch must be public (``public_only``) unless the server allows private addresses."""
    from ..ingest.clean import html_to_article
    from ..ingest.read import finish_article

    try:
        if body.text is not None:
            article = Article(text=body.text, fmt="text", source_path="api")
        elif body.html is not None:
            article = html_to_article(body.html, url=body.url)
            article.source_path = "api"
        else:
            from ..ingest.fetch import iter_url

            items = list(iter_url(body.url or "", settings, public_only=public_only))
            if not items:
                raise HTTPException(status_code=400, detail=f"{body.url}: nothing to ingest")
            if isinstance(items[0], Failure):
                raise HTTPException(status_code=400, detail=str(items[0]))
            article = items[0]
    except InputError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    if body.title:
        article.title = body.title
    finished = finish_article(article, settings, published=body.published, url=body.url, outlet=body.outlet)
    if isinstance(finished, Failure):
        raise HTTPException(status_code=400, detail=f"{finished.source}: {finished.reason}")
    return finished


# -- claims --------------------------------------------------------------------------------------
def claim_filter(**given: Any) -> ClaimFilter:
    """A ClaimFilter from query parameters (blank text is no filter); a value it refuses is 422."""
    values = {k: (None if isinstance(v, str) and not v.strip() else v) for k, v in given.items()}
    try:
        return ClaimFilter(**values)
    except FilterError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


@router.get("/claims", response_model=Page, summary="Claims with filters, in ledger order")
def list_claims(
    request: Request,
    event: Event | None = Query(None),
    # The pattern documents in the OpenAPI spec what ClaimFilter accepts (clients read it there).
    country: str | None = Query(
        None, pattern=r"^[A-Za-z]{2}$", description="Subject country, ISO 3166-1 alpha-2 (KP, UA)."
    ),
    speaker: str | None = Query(None, max_length=200, description="Speaker name contains this."),
    origin: str | None = Query(None, max_length=200, description="Origin (last source) contains this."),
    modality: Modality | None = Query(None),
    kind: Kind | None = Query(None),
    article_id: str | None = Query(None, max_length=200),
    date_from: date | None = Query(None, description="Claim dates overlap [date_from, date_to]."),
    date_to: date | None = Query(None),
    q: str | None = Query(None, max_length=500, description="Full-text search in claim sentences."),
    review: ReviewStatus | None = Query(None, description="The analyst's desk review status."),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    # date_from after date_to is an empty interval: no claim overlaps it (an empty page, not an error).
    where = claim_filter(
        review=review,
        event=event,
        country=country,
        speaker=speaker,
        origin=origin,
        modality=modality,
        kind=kind,
        article_id=article_id,
        date_from=date_from,
        date_to=date_to,
        search=q,
    )
    found = ledger_of(request).claims(where, limit=limit + 1, offset=offset)
    return {
        "items": [claim_to_json(c) for c in found[:limit]],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(found) > limit else None,
    }


@router.get(
    "/claims/export",
    summary="Download every claim of a claims-table filter as CSV, JSONL or GeoJSON (streamed)",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The claims, written as they are read",
            "content": {"text/csv": {}, "application/x-ndjson": {}, "application/geo+json": {}},
        }
    },
)
def export_claims(  # long: one documented parameter per filter of the claims table
    request: Request,
    format: Literal["csv", "jsonl", "geojson"] = Query(
        "jsonl", description="csv (flat rows), jsonl (the claims.jsonl contract) or geojson (place points)."
    ),
    event: Event | None = Query(None),
    country: str | None = Query(None, pattern=r"^[A-Za-z]{2}$", description="Subject country (ISO alpha-2)."),
    speaker: str | None = Query(None, max_length=200, description="Speaker name contains this."),
    origin: str | None = Query(None, max_length=200, description="Origin (last source) contains this."),
    modality: Modality | None = Query(None),
    date_from: date | None = Query(None, description="Claim dates overlap [date_from, date_to]."),
    date_to: date | None = Query(None),
    q: str | None = Query(None, max_length=500, description="Full-text search in claim sentences."),
    tracked: str = Query(
        "", max_length=300, description="A tracked quantity's id: its claims (404 if unknown)."
    ),
    outlet: str = Query("", max_length=300, description="The article's outlet (exact, any case)."),
    grade: str = Query(
        "", pattern=r"^([A-Fa-f][1-6]?)?$", description="Reliability letter (B) or grade (B2)."
    ),
    review: Literal["", "unreviewed", "confirmed", "disputed", "rejected"] = Query(""),
    sort: str = Query("", pattern=SORT_PATTERN, description="A column; -column sorts descending."),
) -> StreamingResponse:
    """The same filter as the claims page (``/claims``), every matching claim, in ledger order
    unless ``sort`` is given, written as it is read. A bad value: 422 before anything is written."""
    from .downloads import FORMATS, WRITERS
    from .table import TableContext, TableQuery, UnknownTracked

    where = claim_filter(
        event=event,
        country=country,
        speaker=speaker,
        origin=origin,
        modality=modality,
        date_from=date_from,
        date_to=date_to,
        search=q,
    )
    try:
        query = TableQuery(where, tracked=tracked, outlet=outlet, grade=grade, review=review, sort=sort)
    except FilterError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    ledger = ledger_of(request)
    context = TableContext.load(ledger)
    claims = query.claims(ledger, context)
    try:
        first = list(itertools.islice(claims, 1))  # an unknown tracked id raises here, before the 200
    except UnknownTracked as exc:
        raise not_found(f"tracked quantity {tracked!r}") from exc
    media, ext = FORMATS[format]
    chunks = WRITERS[format](itertools.chain(first, claims), context)
    name = f"claims-{datetime.now(UTC):%Y%m%d-%H%M%S}.{ext}"
    return StreamingResponse(
        chunks, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/claims/{claim_id}", summary="One claim (the claims.jsonl contract object)")
def get_claim(request: Request, claim_id: str = Path(..., max_length=200)) -> dict[str, Any]:
    claim = ledger_of(request).get_claim(claim_id)
    if claim is None:
        raise not_found(f"claim {claim_id!r}")
    return claim_to_json(claim)


# -- tracked quantities --------------------------------------------------------------------------
@router.get("/track", summary="Tracked quantities (the tracking contract)")
def list_tracked(request: Request) -> list[dict[str, Any]]:
    return [tracked_to_json(t) for t in fusion.track(ledger_of(request))]


@router.get("/track/{tracked_id}", summary="One tracked quantity")
def get_tracked(request: Request, tracked_id: str = Path(..., max_length=300)) -> dict[str, Any]:
    item = fusion.tracked(ledger_of(request), tracked_id)
    if item is None:
        raise not_found(f"tracked quantity {tracked_id!r}")
    return tracked_to_json(item)


# -- statements ----------------------------------------------------------------------------------
@router.get("/statements", summary="Statements tracked like figures: propositions, timelines, stances")
def list_statements(
    request: Request,
    search: str | None = Query(
        None,
        min_length=1,
        max_length=200,
        description="Only propositions whose id, label, sentences, speakers or origins hold this text",
    ),
    stance: StanceName | None = Query(
        None, description="Only propositions where an origin's latest stance is this"
    ),
) -> list[dict[str, Any]]:
    """Every proposition a statement is about (``fusion.statements``; docs/fusion.md, Statements)."""
    from ..contract.statements import proposition_to_json
    from ..fusion.statements import for_ledger

    if search is not None and not search.strip():
        raise HTTPException(status_code=422, detail="search: the text is blank")
    return [proposition_to_json(p) for p in for_ledger(ledger_of(request), search, stance)]


# -- sources -------------------------------------------------------------------------------------
@router.get("/sources", summary="Sources, most cited first, with their Admiralty grade")
def list_sources(request: Request) -> list[dict[str, Any]]:
    return queries.jsonable(ledger_of(request).sources())


@router.get("/sources/{source_id}", summary="One source with the claims whose chain includes it")
def get_source(
    request: Request,
    source_id: int = Path(..., ge=0, le=2**62),
    limit: int = Query(200, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    ledger = ledger_of(request)
    item = queries.source(ledger, source_id)
    if item is None:
        raise not_found(f"source {source_id}")
    data = queries.jsonable(item)
    data["claim_list"] = [
        {"role": x["role"], "position": x["position"], "claim": claim_to_json(x["claim"])}
        for x in queries.source_claims(ledger, source_id, limit=limit, offset=offset)
    ]
    return data


# -- what changed (claimtrail watch) --------------------------------------------------------------
@router.get("/changes", summary="What the watch rounds that ended after `since` changed")
def list_changes(
    request: Request,
    since: datetime | None = Query(
        None, description="An ISO time, e.g. 2026-12-05T10:00:00Z (UTC if no zone)"
    ),
) -> dict[str, Any]:
    """``{"since", "rounds": [{"at", "since", "digest"}]}``, oldest round first; without ``since``
    the latest rounds (``CHANGES_LATEST``)."""
    from ..contract.digest import round_to_json

    when = since.replace(tzinfo=UTC) if since and since.tzinfo is None else since
    rounds = ledger_of(request).watch_rounds(when)
    if when is None:
        rounds = rounds[-CHANGES_LATEST:]
    return {
        "since": when.astimezone(UTC).isoformat().replace("+00:00", "Z") if when else None,
        "rounds": [round_to_json(r["at"], r["since"], r["digest"]) for r in rounds],
    }


#: Rounds shown when no ``since`` is given.
CHANGES_LATEST = 20
