"""The analyst's desk on the web pages: sign in and out, and the forms that review, correct and add
claims and merge, rename, ignore and grade sources (docs/guide.md).

Each form posts here with its CSRF token (``auth.signed_in_user``) and the change goes through the
same ``Desk`` methods and the same request models as the JSON API (``desk_api``), recorded under
the signed-in user. Success redirects (303) to the form's ``next`` page; a script that asks for
JSON (``Accept: application/json``, the claims table's c/r keys) gets the claim's contract object.
Errors are the HTML error page with a 4xx status: 401 signed out, 403 a missing or stale CSRF
token, 404 an unknown claim, article or source, 422 a bad value naming the field.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from ..contract.claims import claim_to_json
from ..model import Claim
from . import auth
from .desk_api import CorrectionIn, GradeIn, IgnoreIn, MergeIn, NewClaimIn, RenameIn, ReviewIn, _desk_call

router = APIRouter(include_in_schema=False)
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

#: Form fields that are not part of a desk request.
FORM_ONLY = (auth.CSRF_FIELD, "next")


async def _form(request: Request) -> dict[str, Any]:
    """The posted form as a dict; repeated fields (none of ours) keep their last value."""
    return dict((await request.form()).items())


def _model(model: type[M], form: dict[str, Any], lists: tuple[str, ...] = ()) -> M:
    """A desk request model from form fields: blank fields left out, ``lists`` split at commas;
    a bad value is 422 naming the field."""
    values: dict[str, Any] = {}
    for key, raw in form.items():
        if key in FORM_ONLY or not isinstance(raw, str) or not raw.strip():
            continue
        values[key] = [p.strip() for p in raw.split(",") if p.strip()] if key in lists else raw.strip()
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        parts = [f"{'.'.join(str(p) for p in e['loc']) or 'form'}: {e['msg']}" for e in exc.errors()]
        raise HTTPException(422, "; ".join(parts)) from None


async def _write(request: Request, action: Callable[[dict[str, Any], str], T], default_next: str) -> Response:
    """Check the sign-in and CSRF token, run ``action(form, user)`` off the event loop, answer."""
    form = await _form(request)
    user = auth.signed_in_user(request, form)
    result = await run_in_threadpool(_refusing, request, lambda: action(form, user))
    if "application/json" in request.headers.get("accept", ""):
        body = claim_to_json(result) if isinstance(result, Claim) else {"done": True}
        return JSONResponse(body)
    return RedirectResponse(auth.local_path(str(form.get("next") or default_next)), status_code=303)


def _refusing(request: Request, action: Callable[[], T]) -> T:
    """Run a desk action (``_desk_call``); a write on one claim then re-fuses only what it touches
    when the stored fusion state was current before it (as the CLI and the JSON API do)."""
    from ..fusion import refuse_claims

    ledger = request.app.state.ledger
    before = ledger.fusion_stamp()
    result = _desk_call(action)
    if isinstance(result, Claim):
        refuse_claims(ledger, [result.claim_id], before=before)
    return result


def _desk(request: Request) -> Any:
    return request.app.state.ledger.desk


# -- sign in and out ---------------------------------------------------------------------------
@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str = "/") -> Response:
    """The sign-in form; sets the double-submit nonce its POST must repeat."""
    return _signin_form(request, next)


def _signin_form(request: Request, next_path: str, error: str | None = None, status: int = 200) -> Response:
    from .views import page

    nonce = secrets.token_urlsafe(24)
    response = page(
        request, "signin.html", status_code=status, nonce=nonce, next=auth.local_path(next_path), error=error
    )
    auth.set_cookie(request, response, auth.SIGNIN_COOKIE, nonce, 3600)
    return response


@router.post("/signin")
async def signin_post(request: Request) -> Response:
    """Exchange a user's token for a session; a wrong token shows the form again with 401."""
    form = await _form(request)
    next_path = str(form.get("next") or "/")
    try:
        user = await run_in_threadpool(
            auth.sign_in, request, str(form.get("token") or ""), str(form.get("nonce") or "")
        )
    except HTTPException as exc:
        return _signin_form(request, next_path, error=str(exc.detail), status=exc.status_code)
    return auth.start_session(request, user, next_path)


@router.post("/signout")
async def signout(request: Request) -> Response:
    """End the session (a form with the CSRF token, so another site cannot sign you out)."""
    auth.signed_in_user(request, await _form(request))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


# -- claims ------------------------------------------------------------------------------------
@router.post("/claims/{claim_id}/review")
async def review_form(request: Request, claim_id: str) -> Response:
    def act(form: dict[str, Any], user: str) -> Any:
        body = _model(ReviewIn, form)
        return _desk(request).review(claim_id, body.status, note=body.note, by=user)

    return await _write(request, act, f"/claims/{claim_id}")


@router.post("/claims/{claim_id}/correction")
async def correction_form(request: Request, claim_id: str) -> Response:
    def act(form: dict[str, Any], user: str) -> Any:
        body = _model(CorrectionIn, form, lists=("places",))
        return _desk(request).correct(claim_id, body.correction(), by=user, note=body.note)

    return await _write(request, act, f"/claims/{claim_id}")


@router.post("/articles/{article_id}/claims")
async def add_claim_form(request: Request, article_id: str) -> Response:
    def act(form: dict[str, Any], user: str) -> Any:
        body = _model(NewClaimIn, form, lists=("places",))
        fix = body.correction()
        return _desk(request).add_claim(article_id, body.start, body.end, fix, by=user, note=body.note)

    return await _write(request, act, f"/articles/{article_id}")


# -- sources -----------------------------------------------------------------------------------
@router.post("/sources/merge")
async def merge_form(request: Request) -> Response:
    def act(form: dict[str, Any], user: str) -> None:
        body = _model(MergeIn, form)
        _desk(request).merge_source(body.name, body.into, by=user)

    return await _write(request, act, "/sources")


@router.post("/sources/rename")
async def rename_form(request: Request) -> Response:
    def act(form: dict[str, Any], user: str) -> None:
        body = _model(RenameIn, form)
        _desk(request).rename_source(body.old, body.new, by=user)

    return await _write(request, act, "/sources")


@router.post("/sources/ignore")
async def ignore_form(request: Request) -> Response:
    def act(form: dict[str, Any], user: str) -> None:
        _desk(request).ignore_source(_model(IgnoreIn, form).name, by=user)

    return await _write(request, act, "/sources")


@router.post("/sources/grade")
async def grade_form(request: Request) -> Response:
    def act(form: dict[str, Any], user: str) -> None:
        body = _model(GradeIn, {k: v for k, v in form.items() if k != "name"})
        desk = _desk(request)
        known = desk.known_source(str(form.get("name") or ""))
        desk.ledger.set_grade(known, body.reliability, by=user)

    return await _write(request, act, "/sources")
