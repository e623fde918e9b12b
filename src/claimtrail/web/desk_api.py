"""The analyst's desk over JSON (docs/desk.md): review, correct and add claims, merge, rename, ignore
and grade sources, read a claim's or a source's history.

Every write needs a user's token (``claimtrail users add NAME`` prints it) as ``Authorization:
Bearer TOKEN``; the change is recorded under that user. Answers: the claim as the desk shows it (its
claims.jsonl object with ``review``), or the source action; errors are ``{"error": ...}`` with 401
(no or bad token), 404 (unknown claim, article, source), 422 (a bad value, naming the field).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from ..contract.claims import claim_to_json
from ..errors import InputError
from ..model import Claim
from ..store.desk import AuthError, NotFoundError
from ..store.desk_overlay import Correction
from .api import ERRORS, ErrorBody

T = TypeVar("T")

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "No token, or one that names no active user"},
    **ERRORS,
}

router = APIRouter(prefix="/api", responses=ERRORS, tags=["desk"])


def desk_user(request: Request) -> str:
    """The active user whose token the request carries (``Authorization: Bearer TOKEN``); 401 else."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise AuthError("a token is required (Authorization: Bearer TOKEN; see `claimtrail users add`)")
        return str(request.app.state.ledger.desk.user_for_token(token.strip()))
    except AuthError as exc:
        raise HTTPException(status_code=401, detail=str(exc), headers={"WWW-Authenticate": "Bearer"}) from exc


def _desk_call(action: Callable[[], T]) -> T:
    """Run a desk action, its errors as 404 (unknown thing) or 422 (a bad value)."""
    try:
        return action()
    except NotFoundError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except InputError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


def _claim_write(request: Request, action: Callable[[], Claim]) -> dict[str, Any]:
    """A desk write on one claim (``_desk_call``), then only what it touches re-fused when the stored
    fusion state was current before it; the claim's contract JSON."""
    from ..fusion import refuse_claims

    ledger = request.app.state.ledger
    before = ledger.fusion_stamp()
    claim = _desk_call(action)
    refuse_claims(ledger, [claim.claim_id], before=before)
    return claim_to_json(claim)


class ReviewIn(BaseModel):
    """A review: ``status`` is unreviewed, confirmed, disputed or rejected."""

    model_config = ConfigDict(extra="forbid")

    status: str = Field(..., max_length=20)
    note: str | None = Field(None, max_length=4000)


class CorrectionIn(BaseModel):
    """The fields to correct (those left out stay as they are)."""

    model_config = ConfigDict(extra="forbid")

    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = Field(None, max_length=50)
    event: str | None = Field(None, max_length=30)
    subject: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=10)
    speaker: str | None = Field(None, max_length=200)
    origin: str | None = Field(None, max_length=200)
    modality: str | None = Field(None, max_length=30)
    event_date: str | None = Field(None, max_length=30)
    places: list[str] | None = Field(None, max_length=50)
    note: str | None = Field(None, max_length=4000)

    def correction(self) -> Correction:
        fields = self.model_dump(exclude={"note", "places", "start", "end"})
        return Correction(**fields, places=None if self.places is None else tuple(self.places))


class NewClaimIn(CorrectionIn):
    """A claim the extractor missed: its evidence span (character offsets) and its fields."""

    start: int = Field(..., ge=0)
    end: int = Field(..., ge=0)


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., min_length=1, max_length=200)
    into: str = Field(..., min_length=1, max_length=200)


class RenameIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    old: str = Field(..., min_length=1, max_length=200)
    new: str = Field(..., min_length=1, max_length=200)


class IgnoreIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., min_length=1, max_length=200)


class GradeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reliability: str = Field(..., min_length=1, max_length=1, description="Admiralty A..F")


def _desk(request: Request) -> Any:
    return request.app.state.ledger.desk


ClaimId = Path(..., max_length=200)


@router.post(
    "/claims/{claim_id}/review", summary="Review a claim (needs a user's token)", responses=WRITE_ERRORS
)
def post_review(
    request: Request, body: ReviewIn, claim_id: str = ClaimId, user: str = Depends(desk_user)
) -> dict[str, Any]:
    desk = _desk(request)
    return _claim_write(request, lambda: desk.review(claim_id, body.status, note=body.note, by=user))


@router.post(
    "/claims/{claim_id}/correction", summary="Correct a claim (needs a user's token)", responses=WRITE_ERRORS
)
def post_correction(
    request: Request, body: CorrectionIn, claim_id: str = ClaimId, user: str = Depends(desk_user)
) -> dict[str, Any]:
    desk = _desk(request)
    return _claim_write(request, lambda: desk.correct(claim_id, body.correction(), by=user, note=body.note))


@router.post(
    "/articles/{article_id}/claims",
    status_code=201,
    summary="Add a missed claim (needs a token)",
    responses=WRITE_ERRORS,
)
def post_claim(
    request: Request,
    body: NewClaimIn,
    article_id: str = Path(..., max_length=200),
    user: str = Depends(desk_user),
) -> dict[str, Any]:
    desk = _desk(request)
    fix = body.correction()
    return _claim_write(
        request, lambda: desk.add_claim(article_id, body.start, body.end, fix, by=user, note=body.note)
    )


@router.get("/claims/{claim_id}/history", summary="Every change to a claim, oldest first")
def get_claim_history(request: Request, claim_id: str = ClaimId) -> list[dict[str, Any]]:
    desk = _desk(request)
    return [entry.__dict__ for entry in _desk_call(lambda: desk.history(claim_id))]


@router.post("/sources/merge", summary="Merge a source into another (needs a token)", responses=WRITE_ERRORS)
def post_merge(request: Request, body: MergeIn, user: str = Depends(desk_user)) -> dict[str, Any]:
    desk = _desk(request)
    _desk_call(lambda: desk.merge_source(body.name, body.into, by=user))
    return {"name": body.name, "action": "merge", "target": body.into, "by": user}


@router.post("/sources/rename", summary="Rename a source (needs a token)", responses=WRITE_ERRORS)
def post_rename(request: Request, body: RenameIn, user: str = Depends(desk_user)) -> dict[str, Any]:
    desk = _desk(request)
    _desk_call(lambda: desk.rename_source(body.old, body.new, by=user))
    return {"name": body.old, "action": "rename", "target": body.new, "by": user}


@router.post(
    "/sources/ignore",
    summary="Leave a junk source out of every chain (needs a token)",
    responses=WRITE_ERRORS,
)
def post_ignore(request: Request, body: IgnoreIn, user: str = Depends(desk_user)) -> dict[str, Any]:
    desk = _desk(request)
    _desk_call(lambda: desk.ignore_source(body.name, by=user))
    return {"name": body.name, "action": "ignore", "target": None, "by": user}


@router.put(
    "/sources/{name}/grade", summary="Grade a source or outlet A-F (needs a token)", responses=WRITE_ERRORS
)
def put_grade(
    request: Request, body: GradeIn, name: str = Path(..., max_length=200), user: str = Depends(desk_user)
) -> dict[str, Any]:
    desk = _desk(request)
    known = _desk_call(lambda: desk.known_source(name))
    _desk_call(lambda: desk.ledger.set_grade(known, body.reliability, by=user))
    return {"name": known, "reliability": body.reliability.upper(), "by": user}


@router.get("/sources/{name}/history", summary="Every merge, rename, ignore and grade of a source name")
def get_source_history(request: Request, name: str = Path(..., max_length=200)) -> list[dict[str, Any]]:
    desk = _desk(request)
    return [entry.__dict__ for entry in _desk_call(lambda: desk.history(source=name))]


@router.get("/desk/orphans", summary="Reviews and corrections whose claim a re-extraction lost")
def get_orphans(request: Request) -> list[dict[str, Any]]:
    return list(_desk(request).orphans())
