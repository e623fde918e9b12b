"""The HTML pages: dashboard, articles, an article with its claims highlighted, the claims table,
one claim with its chain graph, a tracked quantity's timeline, sources. Jinja2 templates with
autoescaping; page data for scripts goes in ``<script type="application/json">`` via ``tojson``
(which escapes ``<``, ``>``, ``&`` and quotes), never into inline code."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .. import fusion
from ..contract.track import estimate_to_json
from ..fusion.results import TrackedQuantity
from ..model import EVENTS, MODALITIES
from ..store.filters import ClaimFilter, FilterError
from . import auth, queries, render
from .downloads import FORMATS
from .table import (
    LEDGER_PARAMS,
    REVIEW_STATUSES,
    SORT_KEYS,
    WEB_PARAMS,
    TableContext,
    parse_query,
    review_status,
)

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals.update(
    EVENTS=EVENTS,
    MODALITIES=MODALITIES,
    EVENT_COLOURS=render.EVENT_COLOURS,
    EVENT_FAMILIES=render.EVENT_FAMILIES,
    event_class=render.event_class,
    grade_text=render.grade_text,
    chain_text=render.chain_text,
    figure_text=render.figure_text,
    number=render.number,
    plural=render.plural,
    article_title=render.article_title,
    REVIEW_STATUSES=REVIEW_STATUSES,
    review_status=review_status,
    claim_date=queries.claim_date,
    quote=lambda s: quote(str(s), safe=""),
    compact=render.compact_json,
)
router = APIRouter(include_in_schema=False)
PAGE_SIZE = 100


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered with the signed-in session (``session``: user and CSRF token, or None)
    that the desk's forms need."""
    context.setdefault("session", auth.current_session(request))
    context.setdefault("here", request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    """An HTML error page (the API answers JSON instead, see app.py), with a link back to the page
    of this site the request came from (a desk form's page), if any."""
    referer = urlsplit(request.headers.get("referer", ""))
    same_site = referer.netloc == request.url.netloc and referer.path
    back = (
        auth.local_path(referer.path + (f"?{referer.query}" if referer.query else "")) if same_site else None
    )
    return page(
        request, "error.html", status_code=status_code, status=status_code, message=message, back=back
    )


def _ledger(request: Request) -> Any:
    return request.app.state.ledger


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    ledger = _ledger(request)
    tracked = fusion.track(ledger)
    counts = ledger.claim_counts()
    recent = ledger.articles(limit=10, offset=max(0, ledger.count_articles() - 10))[::-1]
    return page(
        request,
        "dashboard.html",
        tracked=tracked,
        n_articles=ledger.count_articles(),
        n_claims=ledger.count_claims(),
        recent=recent,
        counts=counts,
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, q: str = "", offset: int = 0) -> HTMLResponse:
    ledger = _ledger(request)
    offset = max(0, offset)
    counts = ledger.claim_counts()
    snippets: dict[str, str] = {}
    if q.strip():
        found = ledger.search_articles(q[:500], limit=PAGE_SIZE, mark=("\x02", "\x03"))
        items = [a for a, _ in found]
        snippets = {a.article_id: s for a, s in found}
        more = False
    else:
        items = ledger.articles(limit=PAGE_SIZE + 1, offset=offset)
        more = len(items) > PAGE_SIZE
        items = items[:PAGE_SIZE]
    return page(
        request,
        "articles.html",
        items=items,
        counts=counts,
        q=q,
        snippets={k: _snippet_parts(v) for k, v in snippets.items()},
        offset=offset,
        next_offset=offset + PAGE_SIZE if more else None,
    )


def _snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) pieces, so the template can escape and mark them."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while "\x02" in rest:
        before, _, after = rest.partition("\x02")
        word, _, rest = after.partition("\x03")
        parts += [(before, False), (word, True)]
    parts.append((rest, False))
    return [p for p in parts if p[0]]


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    ledger = _ledger(request)
    article = ledger.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"article {article_id!r} not found")
    claims = ledger.claims(ClaimFilter(article_id=article_id))
    source_ids = ledger.source_ids_by_name()
    grades = fusion.claim_grades(ledger)
    return page(
        request,
        "article.html",
        article=article,
        claims=claims,
        segments=render.segments(article.text, claims),
        chains={c.claim_id: render.chain_layout(c, source_ids) for c in claims},
        grades=grades,
    )


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, offset: int = 0) -> HTMLResponse:
    """The claims table: every filter of ``table.parse_query`` (a bad value: 400), the total, a sort
    on any column, downloads of the whole filter, and a map of the matching claims' places."""
    params = {k: v for k, v in request.query_params.items() if k in LEDGER_PARAMS + WEB_PARAMS}
    ledger = _ledger(request)
    try:
        query = parse_query(params)
        context = TableContext.load(ledger)
        found = list(query.claims(ledger, context))
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from None
    offset = max(0, offset)
    filters = {name: params.get(name, "") for name in LEDGER_PARAMS + WEB_PARAMS}
    active = {k: v for k, v in filters.items() if v}

    def link(**changes: Any) -> str:
        return "/claims?" + urlencode({k: v for k, v in {**active, **changes}.items() if v})

    shown = found[offset : offset + PAGE_SIZE]
    points = render.map_points(found)
    return page(
        request,
        "claims.html",
        claims=shown,
        total=len(found),
        filters=filters,
        offset=offset,
        next_link=link(offset=offset + PAGE_SIZE) if offset + PAGE_SIZE < len(found) else None,
        prev_link=link(offset=max(0, offset - PAGE_SIZE)) if offset else None,
        sort_links={col: link(sort=_next_sort(query.sort, col)) for col in SORT_KEYS},
        downloads={fmt: "/api/claims/export?" + urlencode({**active, "format": fmt}) for fmt in FORMATS},
        export_link="/api/claims?"
        + urlencode({**{k: v for k, v in active.items() if k in LEDGER_PARAMS}, "limit": 500}),
        source_ids=ledger.source_ids_by_name(),
        context=context,
        tracked_options=[(t.id, t.label) for t in fusion.track(ledger)],
        outlet_options=sorted({o for o in context.outlets.values() if o}, key=str.casefold),
        map_points=points,
        map_view=render.map_view(points),
    )


def _next_sort(current: str, column: str) -> str:
    """A column header's sort: ascending, or descending when the table is already ascending by it."""
    return f"-{column}" if current == column else column


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    ledger = _ledger(request)
    claim = ledger.get_claim(claim_id)
    if claim is None:
        raise HTTPException(404, f"claim {claim_id!r} not found")
    article = ledger.get_article(claim.article_id)
    source_ids = ledger.source_ids_by_name()
    tracked = [t for t in fusion.track(ledger) if claim_id in t.claims]
    return page(
        request,
        "claim.html",
        claim=claim,
        article=article,
        chain=render.chain_layout(claim, source_ids),
        tracked=tracked,
        grade=fusion.claim_grades(ledger).get(claim_id),
        history=ledger.desk.history(claim.claim_id),
    )


@router.get("/track/{tracked_id:path}", response_class=HTMLResponse)
def track_page(request: Request, tracked_id: str) -> HTMLResponse:
    ledger = _ledger(request)
    item = fusion.tracked(ledger, tracked_id)
    if item is None:
        raise HTTPException(404, f"tracked quantity {tracked_id!r} not found")
    chart = timeline_chart(ledger, item)
    claims = [c for c in (ledger.get_claim(cid) for cid in item.claims) if c is not None]
    return page(
        request,
        "track.html",
        item=item,
        chart=chart,
        claims=claims,
        source_ids=ledger.source_ids_by_name(),
    )


def timeline_chart(ledger: Any, item: TrackedQuantity) -> dict[str, Any]:
    """Chart data for a tracked quantity: one series per origin (each claim's best value at its date,
    with its low-high range), plus the consensus timeline (best line, low-high band)."""
    # The date fusion placed each claim at (so points sit where the consensus line moves).
    dated = {cid: p.date for p in item.timeline for cid in p.claims}
    series: list[dict[str, Any]] = []
    for origin in item.origins:
        points = []
        for cid in origin.claims:
            claim = ledger.get_claim(cid)
            if claim is None or claim.quantity is None:
                continue
            q = claim.quantity
            best = q.value
            when = dated.get(cid) or queries.claim_date(claim)
            if best is None or when is None:
                continue
            points.append(
                {
                    "date": when,
                    "best": best,
                    "low": q.low if q.low is not None else best,
                    "high": q.high if q.high is not None else best,
                    "claim": cid,
                    "text": f"{q.text or best} — {render.chain_text(claim)} ({claim.modality})",
                }
            )
        points.sort(key=lambda p: p["date"])
        series.append({"name": origin.name or "?", "type": origin.type, "points": points})
    consensus = [
        {"date": p.date, "best": p.best, "low": p.low, "high": p.high}
        for p in item.timeline
        if p.best is not None
    ]
    estimate = estimate_to_json(item.estimate)
    dates = [p["date"] for s in series for p in s["points"]] + [p["date"] for p in consensus]
    return queries.jsonable(
        {
            "label": item.label,
            "series": series,
            "consensus": consensus,
            "estimate": estimate,
            "first": min(dates) if dates else None,
        }
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    return page(request, "sources.html", sources=_ledger(request).sources())


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source_page(request: Request, source_id: str) -> HTMLResponse:
    if not source_id.isdigit() or len(source_id) > 18:
        raise HTTPException(404, f"source {source_id!r} not found")
    ledger = _ledger(request)
    item = queries.source(ledger, int(source_id))
    if item is None:
        raise HTTPException(404, f"source {source_id!r} not found")
    return page(
        request,
        "source.html",
        source=item,
        claims=queries.source_claims(ledger, int(source_id), limit=500),
        history=ledger.desk.history(source=item["name"]),
        source_names=sorted({s["name"] for s in ledger.sources()} - {item["name"]}, key=str.casefold),
    )


@router.get("/statements", response_class=HTMLResponse)
def statements_page(request: Request, q: str = "", stance: str = "") -> HTMLResponse:
    """Statements tracked like figures: each proposition with its stances by origin, its changes of
    stance and its timeline (``fusion.statements``); ``q`` searches, ``stance`` filters (a stance
    that is not one is 422)."""
    from ..fusion.statements import STANCES, for_ledger

    if stance and stance not in STANCES:
        raise HTTPException(422, f"stance: {stance!r} is not one of {', '.join(STANCES)}")
    props = for_ledger(_ledger(request), q[:200] or None, stance or None)
    return page(request, "statements.html", props=props, q=q[:200], stance=stance, stances=STANCES)


@router.get("/changes", response_class=HTMLResponse)
def changes_page(request: Request, since: str | None = None) -> HTMLResponse:
    """What changed since a time: the digests of the watch rounds that ended after it, newest first."""
    from ..contract.digest import parse_since
    from ..errors import InputError
    from .api import list_changes

    try:
        when = parse_since(since) if since else None
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    body = list_changes(request, when)
    return page(request, "changes.html", since=body["since"], rounds=body["rounds"][::-1])
