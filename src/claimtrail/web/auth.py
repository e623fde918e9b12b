"""Sign-in for the web pages: a user's token (``claimtrail users add``) exchanged for a signed
session cookie, a CSRF token per session checked on every form POST, and the read gate.

The cookie ``claimtrail_session`` holds ``base64url(json{"u": user, "i": issued, "c": csrf}) . hmac``
(HMAC-SHA256 with the app's session secret), HttpOnly, SameSite=Strict, Secure when the request came
over https, and lasts ``SESSION_HOURS``. It is checked on each request against the ledger's users,
so revoking a user ends their sessions at once. The secret is ``CLAIMTRAIL_SESSION_SECRET`` (set it
to the same value on every server of one ledger to keep sessions across restarts), else random per
process: sessions then end when the server restarts, and nothing secret is written anywhere.

The sign-in form itself is protected with a double-submit token (a random cookie repeated in a
hidden field), so another site cannot sign a browser in under its own token. The JSON API keeps its
bearer tokens (``desk_api.desk_user``) and needs no CSRF token: browsers never attach one by
themselves.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import time
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from ..store.desk import AuthError

SESSION_COOKIE = "claimtrail_session"
SIGNIN_COOKIE = "claimtrail_signin"
CSRF_FIELD = "csrf"
SESSION_HOURS = 12
#: Paths open to everyone even when reading needs a sign-in.
OPEN_PATHS = ("/signin", "/static/", "/favicon.ico", "/vendor/")


@dataclass(frozen=True)
class Session:
    """A signed-in user and the CSRF token their forms carry."""

    user: str
    csrf: str


def session_secret(value: str | None = None) -> bytes:
    """The key sessions are signed with: ``value``, else ``CLAIMTRAIL_SESSION_SECRET``, else random."""
    raw = value if value is not None else os.environ.get("CLAIMTRAIL_SESSION_SECRET", "")
    return raw.encode("utf-8") if raw.strip() else secrets.token_bytes(32)


def read_needs_signin(host: str | None, setting: str | None = None) -> bool:
    """Whether reading needs a sign-in: ``setting`` (env ``CLAIMTRAIL_READ_SIGNIN``: 1/true/yes or
    0/false/no) if given, else only when served on an address other than loopback."""
    raw = (setting if setting is not None else os.environ.get("CLAIMTRAIL_READ_SIGNIN", "")).strip().lower()
    if raw in ("1", "true", "yes"):
        return True
    if raw in ("0", "false", "no"):
        return False
    if not host or host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def _sign(secret: bytes, payload: bytes) -> str:
    return base64.urlsafe_b64encode(hmac.new(secret, payload, hashlib.sha256).digest()).decode().rstrip("=")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_session(secret: bytes, user: str, now: float | None = None) -> str:
    """A new session cookie value for ``user`` with a fresh CSRF token."""
    body = {"u": user, "i": int(now if now is not None else time.time()), "c": secrets.token_urlsafe(24)}
    payload = json.dumps(body, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + _sign(secret, payload)


def decode_session(secret: bytes, value: str, now: float | None = None) -> Session | None:
    """The session a cookie value holds, or None if it is forged, malformed or expired."""
    head, _, signature = (value or "").partition(".")
    try:
        payload = _b64decode(head)
    except ValueError:
        return None
    if not signature or not hmac.compare_digest(_sign(secret, payload), signature):
        return None
    try:
        body = json.loads(payload)
        user, issued, csrf = str(body["u"]), int(body["i"]), str(body["c"])
    except (ValueError, KeyError, TypeError):
        return None
    age = (now if now is not None else time.time()) - issued
    if not 0 <= age <= SESSION_HOURS * 3600:
        return None
    return Session(user, csrf)


def current_session(request: Request) -> Session | None:
    """The request's signed-in session, if its cookie is valid and its user still active."""
    if hasattr(request.state, "session"):
        cached: Session | None = request.state.session
        return cached
    found = decode_session(request.app.state.session_secret, request.cookies.get(SESSION_COOKIE, ""))
    if found is not None:
        active = {u.name for u in request.app.state.ledger.desk.users() if u.active}
        if found.user not in active:
            found = None
    request.state.session = found
    return found


def signed_in_user(request: Request, form: dict[str, Any]) -> str:
    """The user a form POST writes as: 401 when signed out, 403 when the CSRF token is missing or
    wrong (checked first for a signed-in user, so a forged form never writes)."""
    found = current_session(request)
    if found is None:
        raise HTTPException(401, "sign in to change the ledger (see /signin)")
    sent = str(form.get(CSRF_FIELD) or "")
    if not sent or not hmac.compare_digest(sent, found.csrf):
        raise HTTPException(403, "the form's CSRF token is missing or stale: reload the page and try again")
    return found.user


def sign_in(request: Request, token: str, form_nonce: str) -> str:
    """Check the sign-in form (its double-submit nonce, then the token); the user's name."""
    cookie = request.cookies.get(SIGNIN_COOKIE, "")
    if not cookie or not form_nonce or not hmac.compare_digest(cookie, form_nonce):
        raise HTTPException(403, "the sign-in form is stale or was sent from another site: reload it")
    try:
        return str(request.app.state.ledger.desk.user_for_token(token.strip()))
    except AuthError as exc:
        raise HTTPException(401, str(exc)) from exc


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    """A cookie only this site's pages send back, never readable by scripts."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def start_session(request: Request, user: str, next_path: str) -> Response:
    """Redirect to ``next_path`` with the new session cookie set and the sign-in nonce dropped."""
    response = RedirectResponse(local_path(next_path), status_code=303)
    value = encode_session(request.app.state.session_secret, user)
    set_cookie(request, response, SESSION_COOKIE, value, SESSION_HOURS * 3600)
    response.delete_cookie(SIGNIN_COOKIE, path="/")
    return response


def local_path(target: str | None) -> str:
    """``target`` if it is a path on this site, else ``/`` (no open redirect to another host)."""
    target = (target or "").strip()
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def install_read_gate(app: Any) -> None:
    """When ``app.state.read_signin`` is set, pages redirect to /signin and the API answers 401 for
    a request with neither a session nor a bearer token of an active user."""

    @app.middleware("http")
    async def read_gate(request: Request, call_next: Any) -> Response:
        path = request.url.path
        if not request.app.state.read_signin or path.startswith(OPEN_PATHS):
            return await call_next(request)
        if current_session(request) is not None or _bearer_user(request):
            return await call_next(request)
        if path.startswith("/api/") or path == "/api":
            from fastapi.responses import JSONResponse

            return JSONResponse({"error": "sign in or send a user's bearer token to read"}, status_code=401)
        return RedirectResponse("/signin?next=" + _quote(path), status_code=303)


def _bearer_user(request: Request) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    api_token = request.app.state.api_token
    if api_token and hmac.compare_digest(token.strip().encode(), api_token.encode()):
        return True
    try:
        request.app.state.ledger.desk.user_for_token(token.strip())
    except AuthError:
        return False
    return True


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")
