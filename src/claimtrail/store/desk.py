"""The analyst's desk: reviews, corrections, claims added by hand, source merges, users, and the
append-only audit of every write (docs/desk.md).

What people decide lives in its own tables (``desk_claims``, ``desk_sources``, ``users``,
``audit``) and never overwrites what was extracted: the ledger lays it over each claim as it reads
it (``desk_overlay.DeskView``). ``Desk`` is the write side, reached as ``ledger.desk``; the module
functions are the hooks the ledger calls inside its own transactions (an article stored, a grade
set) and the queries it shares (the overlay of loaded claims, the review filter).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, func, or_, select

from ..contract.claims import claim_from_json, claim_to_json
from ..errors import ClaimtrailError, InputError
from ..model import Article, Claim, Evidence, EvidenceRole, ReviewStatus
from .desk_overlay import Correction, DeskRow, DeskView, SourceAction, corrected_fields, review_status
from .rows import MAX_NAME, chunks, claim_row, like_pattern, name_key, to_date
from .schema import articles, audit, claims, desk_claims, desk_sources, users

if TYPE_CHECKING:
    from .ledger import Ledger

__all__ = ["AuditEntry", "AuthError", "Desk", "NotFoundError", "User", "default_user", "token_hash"]

MAX_NOTE = 4000


class NotFoundError(InputError):
    """A claim, article, source or user named by a desk command is not in the ledger (API: 404)."""


class AuthError(ClaimtrailError):
    """A token that names no active user (API: 401)."""


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit: who did what when, to which claim or source, before and after."""

    audit_id: int
    at: str
    by: str | None
    action: str
    claim_id: str | None
    source: str | None
    article_id: str | None
    before: Any
    after: Any


@dataclass(frozen=True)
class User:
    """An analyst of a shared ledger (the token itself is never stored, only its sha256)."""

    name: str
    created_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def default_user() -> str:
    """Who writes when nobody says: ``$CLAIMTRAIL_USER``, else the login name, else "unknown"."""
    name = os.environ.get("CLAIMTRAIL_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):  # no passwd entry for the uid (containers)
        return "unknown"


def token_hash(token: str) -> str:
    """The stored form of a token: sha256 hex (a 32-byte random token needs no slow hash)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def iso(value: datetime | str | None) -> str | None:
    """A stored time as ISO 8601 UTC text ("2026-12-05T11:48:00Z"); SQLite returns naive UTC."""
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------------------------
# Hooks and queries the ledger runs inside its own transactions


def write_audit(conn: Connection, action: str, by: str | None, **what: Any) -> None:
    """Append one audit row: ``action`` by ``by``, with ``claim_id``, ``source``, ``article_id``,
    ``before`` and ``after`` (JSON) as given."""
    conn.execute(audit.insert(), audit_row(action, by, **what))


def audit_row(action: str, by: str | None, **what: Any) -> dict[str, Any]:
    """The audit row ``write_audit`` appends (the ledger's batched writes insert many at once)."""
    row = {"at": _now(), "by_user": by, "action": action}
    row.update({k: what.get(k) for k in ("claim_id", "source", "article_id", "before", "after")})
    return row


def ingest_audit(article: Article, claim_count: int, by: str | None) -> dict[str, Any]:
    """The audit row of an article stored by an ingest with ``claim_count`` claims."""
    after = {"claims": claim_count, "title": article.title, "url": article.url}
    return audit_row("ingest", by, article_id=article.article_id, after=after)


def load_view(conn: Connection, claim_ids: Iterable[str] | None = None) -> DeskView:
    """The desk rows of ``claim_ids`` (of every claim when None) and every source action."""
    view = DeskView()
    query = select(desk_claims)
    batches = (
        [query]
        if claim_ids is None
        else [query.where(desk_claims.c.claim_id.in_(c)) for c in chunks(list(claim_ids))]
    )
    for batch in batches:
        for row in conn.execute(batch):
            view.rows[row.claim_id] = _desk_row(row)
    for row in conn.execute(select(desk_sources)):
        view.sources[row.name_key] = SourceAction(row.name, row.action, row.target, row.by_user, iso(row.at))
    return view


def _desk_row(row: Any) -> DeskRow:
    return DeskRow(
        claim_id=row.claim_id,
        status=review_status(row.status, "stored review status"),
        note=row.note,
        by=row.by_user,
        at=iso(row.at),
        corrections=row.corrections or {},
        added=row.added is not None,
    )


def has_desk(conn: Connection) -> bool:
    """Whether the desk holds anything at all (the overlay is skipped when it does not)."""
    return bool(
        conn.scalar(select(select(desk_claims.c.claim_id).exists()))
        or conn.scalar(select(select(desk_sources.c.name_key).exists()))
    )


def review_condition(status: ReviewStatus) -> Any:
    """A WHERE condition on ``claims`` for claims with this review status."""
    if status == "unreviewed":
        reviewed = select(desk_claims.c.claim_id).where(desk_claims.c.status != "unreviewed")
        return claims.c.claim_id.not_in(reviewed)
    return claims.c.claim_id.in_(select(desk_claims.c.claim_id).where(desk_claims.c.status == status))


def source_name_condition(conn: Connection, column: Any, text: str) -> Any:
    """A WHERE condition on a claims name column (``speaker``, ``origin``) for names containing
    ``text`` (any case) as the desk shows them: a name merged or renamed into a matching one
    matches, a name merged away from it or ignored does not, whatever it was extracted as."""
    matches = column.ilike(like_pattern(text), escape="\\")
    view = load_view(conn, ())
    if not view.sources:
        return matches
    wanted = text.lower()
    moved_in, moved_away = [], []
    for action in view.sources.values():
        shown = view.resolve(action.name)
        lower = action.name.lower()
        if shown is not None and wanted in shown.lower():
            moved_in.append(lower)
        elif wanted in lower:
            moved_away.append(lower)
    name = func.lower(column)
    condition = and_(matches, name.not_in(moved_away)) if moved_away else matches
    return or_(condition, name.in_(moved_in)) if moved_in else condition


def on_article_stored(
    conn: Connection, article: Article, claims_: list[Claim], by: str | None, has_rows: bool = True
) -> list[Claim]:
    """Run where ``add_article`` stores an article, before its claims go in: re-attach the desk rows
    of the article whose claim id the new extraction lacks to the claim with the same evidence span
    (and kind, if one has it), audit that and the ingest, and return the claims people added by hand
    that the extraction does not hold (stored with it). A row with no claim left at its span stays
    as it is: an orphan, listed by ``Desk.orphans`` and re-attached if a later extraction finds it.
    ``has_rows=False`` (the caller saw that the desk holds no row of the article) skips reading them."""
    rows = (
        conn.execute(select(desk_claims).where(desk_claims.c.article_id == article.article_id)).all()
        if has_rows
        else []
    )
    new_ids = {c.claim_id for c in claims_}
    taken = {r.claim_id for r in rows}
    exact = {(c.start, c.end, c.kind): c.claim_id for c in claims_}
    loose = {(c.start, c.end): c.claim_id for c in claims_}
    added = sum(1 for r in rows if r.added is not None and r.claim_id not in new_ids)
    conn.execute(audit.insert(), ingest_audit(article, len(claims_) + added, by))
    extra: list[Claim] = []
    for row in rows:
        if row.claim_id in new_ids:
            continue
        if row.added is not None:
            role: EvidenceRole = "quantity" if row.kind == "quantity" else "content"
            extra.append(claim_from_json(row.added, evidence=[Evidence(role, row.start, row.end)]))
            continue
        target = exact.get((row.start, row.end, row.kind)) or loose.get((row.start, row.end))
        if target and target not in taken:
            conn.execute(
                desk_claims.update().where(desk_claims.c.claim_id == row.claim_id).values(claim_id=target)
            )
            taken.add(target)
            write_audit(
                conn, "reattach", by, claim_id=target, article_id=article.article_id,
                before={"claim_id": row.claim_id}, after={"claim_id": target},
            )  # fmt: skip
    return extra


#: The ``claims`` columns that filters read, set to a corrected claim's values (``data`` keeps the
#: extraction), so `claims --event killed` finds a claim corrected to "killed".
FILTER_COLUMNS = (
    "event", "modality", "subject_text", "subject_normalized", "subject_country", "value", "low",
    "high", "unit", "normalized_value", "normalized_unit", "event_date_start", "event_date_end",
    "date_start", "date_end", "speaker", "origin", "place_countries",
)  # fmt: skip


def index_corrections(
    conn: Connection, claim_ids: Iterable[str] | None = None, article_id: str | None = None
) -> None:
    """Set the filter columns of the corrected claims among ``claim_ids`` (or of an article) to
    their corrected values (run after a correction, and after an article's claims are stored again)."""
    query = select(desk_claims.c.claim_id, desk_claims.c.corrections)
    if article_id is not None:
        query = query.where(desk_claims.c.article_id == article_id)
    if claim_ids is not None:
        query = query.where(desk_claims.c.claim_id.in_(list(claim_ids)))
    wanted = [row.claim_id for row in conn.execute(query) if row.corrections]
    if not wanted:
        return
    view = load_view(conn, wanted)
    stored = (
        select(
            claims.c.claim_id,
            claims.c.data,
            claims.c.qualifiers,
            claims.c.sentence_start,
            articles.c.published,
        )
        .join(articles, articles.c.article_id == claims.c.article_id)
        .where(claims.c.claim_id.in_(wanted))
    )
    for row in conn.execute(stored).all():
        claim = view.apply(
            claim_from_json(row.data, qualifiers=row.qualifiers or (), sentence_start=row.sentence_start)
        )
        values = claim_row(claim, 0, to_date(row.published))
        conn.execute(
            claims.update()
            .where(claims.c.claim_id == row.claim_id)
            .values({k: values[k] for k in FILTER_COLUMNS})
        )


# ---------------------------------------------------------------------------------------------
# The desk


class Desk:
    """Every desk write of one ledger, each one transaction with its audit row."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    # -- who -----------------------------------------------------------------------------------
    def who(self, by: str | None = None) -> str:
        """The user a write is recorded under: ``by`` (else ``default_user()``); on a ledger with
        users it must be one of its active users."""
        name = " ".join((by or "").split()) or default_user()
        active = {u.name for u in self.users() if u.active}
        if active and name not in active:
            raise InputError(
                "--by", f"{name!r} is not an active user of this ledger (see `claimtrail users list`)"
            )
        return name

    def user_for_token(self, token: str | None) -> str:
        """The active user a bearer token belongs to; AuthError otherwise."""
        if not token:
            raise AuthError("a token is required (Authorization: Bearer TOKEN; see `claimtrail users add`)")
        query = select(users.c.name).where(
            users.c.token_hash == token_hash(token), users.c.revoked_at.is_(None)
        )
        with self.ledger._read() as conn:
            name = conn.scalar(query)
        if name is None:
            raise AuthError("the token names no active user (revoked, or never issued)")
        return name

    # -- claims --------------------------------------------------------------------------------
    def claim(self, claim_id: str) -> Claim:
        """A claim by id or by a unique prefix of it (as the claims table shows ids), as the desk
        shows it; NotFoundError otherwise."""
        claim_id = (claim_id or "").strip()
        found = self.ledger.get_claim(claim_id) if claim_id else None
        if found is not None:
            return found
        if re.fullmatch(r"[0-9a-f]{4,40}", claim_id):
            query = select(claims.c.claim_id).where(claims.c.claim_id.startswith(claim_id)).limit(2)
            with self.ledger._read() as conn:
                ids = list(conn.execute(query).scalars())
            if len(ids) == 1:
                found = self.ledger.get_claim(ids[0])
                if found is not None:
                    return found
            if len(ids) > 1:
                raise InputError(f"claim {claim_id!r}", "several claims start with it; give more of the id")
        raise NotFoundError(f"claim {claim_id!r}", "no claim has this id (list ids with `claimtrail claims`)")

    def review(self, claim_id: str, status: str, note: str | None = None, by: str | None = None) -> Claim:
        """Set the review status of a claim with a note; returns the claim as the desk shows it."""
        state = review_status(status)
        note = _note(note)
        claim = self.claim(claim_id)
        user = self.who(by)
        with self.ledger._write() as conn:
            row = _row(conn, claim.claim_id)
            before = (
                {"status": row.status, "note": row.note} if row else {"status": "unreviewed", "note": None}
            )
            values = {"status": state, "note": note, "by_user": user, "at": _now()}
            _save(conn, claim, row, values)
            write_audit(conn, "review", user, claim_id=claim.claim_id, article_id=claim.article_id,
                        before=before, after={"status": state, "note": note})  # fmt: skip
        return self.claim(claim.claim_id)

    def correct(
        self, claim_id: str, fix: Correction, by: str | None = None, note: str | None = None
    ) -> Claim:
        """Correct fields of a claim (stored apart; the extraction stays as it was); returns the
        claim as the desk shows it."""
        if fix.is_empty():
            raise InputError("correct", "nothing to correct: give at least one of --value, --event, ...")
        claim = self.claim(claim_id)
        changes = corrected_fields(claim, fix)
        user = self.who(by)
        with self.ledger._write() as conn:
            row = _row(conn, claim.claim_id)
            current = claim_to_json(claim)
            merged = {**(dict(row.corrections or {}) if row else {}), **changes}
            values: dict[str, Any] = {"corrections": merged, "by_user": user, "at": _now()}
            if note is not None:
                values["note"] = _note(note)
            _save(conn, claim, row, values)
            index_corrections(conn, [claim.claim_id])
            write_audit(conn, "correct", user, claim_id=claim.claim_id, article_id=claim.article_id,
                        before={k: current.get(k) for k in changes}, after=changes)  # fmt: skip
        return self.claim(claim.claim_id)

    def add_claim(
        self,
        article_id: str,
        start: int,
        end: int,
        fix: Correction,
        by: str | None = None,
        note: str | None = None,
    ) -> Claim:
        """Record a claim the extractor missed, with its evidence span ``start:end`` in the article's
        text; its fields are those of ``fix`` (a value makes it a quantity, else a statement)."""
        from ..claims import claim_id_for

        article = self.ledger.get_article(article_id)
        if article is None:
            raise NotFoundError(
                f"article {article_id!r}", "no article has this id (see `claimtrail articles`)"
            )
        size = len(article.text)
        if not (0 <= start < end <= size):
            raise InputError(
                "--start/--end", f"{start}..{end} is not a span inside the article's text (0..{size})"
            )
        kind = "quantity" if any(v is not None for v in (fix.value, fix.low, fix.high)) else "statement"
        claim_id = claim_id_for(article.article_id, start, end, kind)
        if self.ledger.get_claim(claim_id) is not None:
            raise InputError("--start/--end", f"claim {claim_id} already has this span; correct it instead")
        claim = _new_claim(article, start, end, kind, claim_id, fix)
        user = self.who(by)
        with self.ledger._write() as conn:
            first = (conn.scalar(select(func.max(claims.c.doc_id))) or 0) + 1
            self.ledger._insert_claims(conn, [(article, [claim])], first)
            values = {"status": "unreviewed", "note": _note(note), "by_user": user, "at": _now(),
                      "added": claim_to_json(claim)}  # fmt: skip
            _save(conn, claim, None, values)
            write_audit(
                conn, "add", user, claim_id=claim_id, article_id=article.article_id, after=values["added"]
            )
        return self.claim(claim_id)

    # -- sources -------------------------------------------------------------------------------
    def merge_source(self, name: str, into: str, by: str | None = None) -> None:
        """Make ``name`` an alias of ``into`` in every chain, now and for articles ingested later."""
        known = self.known_source(name)
        target = self.known_source(into, option="--into")
        if name_key(known) == name_key(target):
            raise InputError("--into", f"{name!r} and {into!r} are the same source")
        self._source_action(known, "merge", target, by)

    def rename_source(self, old: str, new: str, by: str | None = None) -> None:
        """Show the source ``old`` under the name ``new`` in every chain."""
        known = self.known_source(old)
        new = " ".join((new or "").split())[:MAX_NAME]
        if not new:
            raise InputError("rename", "the new name is empty")
        self._source_action(known, "rename", new, by)

    def ignore_source(self, name: str, by: str | None = None) -> None:
        """Leave the source ``name`` out of every chain (a pronoun or junk source: "He", "some")."""
        self._source_action(self.known_source(name), "ignore", None, by)

    def source_actions(self) -> list[SourceAction]:
        """Every merge, rename and ignore, by name."""
        with self.ledger._read() as conn:
            return list(load_view(conn, ()).sources.values())

    def known_source(self, name: str, option: str = "source") -> str:
        """The ledger's spelling of a source or outlet name; NotFoundError for an unknown one."""
        key = name_key(name or "")
        names = {name_key(s["name"]): s["name"] for s in self.ledger.sources()}
        names.update({name_key(o): o for o, _ in self.ledger.article_meta().values() if o})
        names.update({name_key(a.target): a.target for a in self.source_actions() if a.target})
        if not key or key not in names:
            raise NotFoundError(
                f"{option} {name!r}",
                "no source or outlet of that name in the ledger (see `claimtrail sources list`)",
            )
        return names[key]

    def _source_action(self, name: str, action: str, target: str | None, by: str | None) -> None:
        user = self.who(by)
        key = name_key(name)
        with self.ledger._write() as conn:
            view = load_view(conn, ())
            if target is not None and name_key(view.resolve(target) or target) == key:
                raise InputError("--into", f"{target!r} leads back to {name!r}: that would merge in a circle")
            old = conn.execute(select(desk_sources).where(desk_sources.c.name_key == key)).first()
            if old is not None:
                conn.execute(desk_sources.delete().where(desk_sources.c.name_key == key))
            row = {
                "name_key": key,
                "name": name,
                "action": action,
                "target": target,
                "by_user": user,
                "at": _now(),
            }
            conn.execute(desk_sources.insert(), row)
            before = {"action": old.action, "target": old.target} if old is not None else None
            write_audit(
                conn, action, user, source=name, before=before, after={"action": action, "target": target}
            )

    # -- history -------------------------------------------------------------------------------
    def history(self, claim_id: str | None = None, source: str | None = None) -> list[AuditEntry]:
        """The audit of a claim (with the ingests and deletions of its article) or of a source name,
        oldest first."""
        query = select(audit).order_by(audit.c.audit_id)
        if claim_id is not None:
            claim = self.claim(claim_id)
            ids = self._former_ids(claim.claim_id)
            ingest = audit.c.action.in_(("ingest", "delete")) & (audit.c.article_id == claim.article_id)
            query = query.where(audit.c.claim_id.in_(ids) | ingest)
        elif source is not None:
            key = name_key(source)
            if not key:
                raise NotFoundError(
                    f"source {source!r}", "no source has a name of only spaces or punctuation"
                )
            query = query.where(audit.c.source.is_not(None))
        with self.ledger._read() as conn:
            rows = conn.execute(query).all()
        if source is not None:
            rows = [r for r in rows if name_key(r.source) == name_key(source)]
        return [
            AuditEntry(
                r.audit_id,
                iso(r.at) or "",
                r.by_user,
                r.action,
                r.claim_id,
                r.source,
                r.article_id,
                r.before,
                r.after,
            )  # fmt: skip
            for r in rows
        ]

    def _former_ids(self, claim_id: str) -> list[str]:
        """A claim's id and the ids its desk row had before re-extractions re-attached it."""
        ids, todo = [claim_id], [claim_id]
        query = select(audit.c.before).where(audit.c.action == "reattach")
        with self.ledger._read() as conn:
            while todo:
                current = todo.pop()
                for before in conn.execute(query.where(audit.c.claim_id == current)).scalars():
                    old = (before or {}).get("claim_id")
                    if old and old not in ids:
                        ids.append(old)
                        todo.append(old)
        return ids

    def orphans(self) -> list[dict[str, Any]]:
        """Desk rows whose claim the ledger no longer holds (the article was deleted, or its new
        extraction has no claim at that span): ``{"claim_id", "article_id", "start", "end",
        "status", "corrected"}``."""
        query = (
            select(desk_claims)
            .outerjoin(claims, claims.c.claim_id == desk_claims.c.claim_id)
            .where(claims.c.claim_id.is_(None))
            .order_by(desk_claims.c.article_id, desk_claims.c.start)
        )
        with self.ledger._read() as conn:
            rows = conn.execute(query).all()
        return [
            {
                "claim_id": r.claim_id,
                "article_id": r.article_id,
                "start": r.start,
                "end": r.end,
                "status": r.status,
                "corrected": sorted(r.corrections or {}),
            }  # fmt: skip
            for r in rows
        ]

    # -- users ---------------------------------------------------------------------------------
    def add_user(self, name: str, by: str | None = None) -> str:
        """Register an analyst; returns the token (shown once: only its sha256 is stored)."""
        name = " ".join((name or "").split())
        if not name or len(name) > MAX_NAME:
            raise InputError("users add", f"a user name of 1 to {MAX_NAME} characters is required")
        token = secrets.token_urlsafe(32)
        with self.ledger._write() as conn:
            if conn.execute(select(users.c.name).where(users.c.name == name)).first() is not None:
                raise InputError(f"user {name!r}", "already exists (revoked users keep their name)")
            conn.execute(
                users.insert(), {"name": name, "token_hash": token_hash(token), "created_at": _now()}
            )
            write_audit(conn, "user add", by or default_user(), source=None, after={"user": name})
        return token

    def users(self) -> list[User]:
        """Every user, by name."""
        with self.ledger._read() as conn:
            rows = conn.execute(select(users).order_by(users.c.name)).all()
        return [User(r.name, iso(r.created_at) or "", iso(r.revoked_at)) for r in rows]

    def revoke_user(self, name: str, by: str | None = None) -> None:
        """Revoke a user's token (the name stays in the history)."""
        with self.ledger._write() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
            if row is None:
                raise NotFoundError(f"user {name!r}", "no such user (see `claimtrail users list`)")
            if row.revoked_at is None:
                conn.execute(users.update().where(users.c.name == name).values(revoked_at=_now()))
                write_audit(conn, "user revoke", by or default_user(), after={"user": name})


def _note(note: str | None) -> str | None:
    note = " ".join((note or "").split())
    if len(note) > MAX_NOTE:
        raise InputError("--note", f"the note is {len(note):,} characters long (at most {MAX_NOTE:,})")
    return note or None


def _row(conn: Connection, claim_id: str) -> Any:
    return conn.execute(select(desk_claims).where(desk_claims.c.claim_id == claim_id)).first()


def _save(conn: Connection, claim: Claim, row: Any, values: dict[str, Any]) -> None:
    """Insert or update the desk row of ``claim``."""
    if row is None:
        ident = {"claim_id": claim.claim_id, "article_id": claim.article_id, "start": claim.start,
                 "end": claim.end, "kind": claim.kind}  # fmt: skip
        conn.execute(desk_claims.insert(), {"status": "unreviewed", **ident, **values})
    else:
        conn.execute(desk_claims.update().where(desk_claims.c.claim_id == claim.claim_id).values(**values))


def _sentence(text: str, start: int, end: int) -> tuple[int, str]:
    """The sentence around a span: from after the last sentence end before it to the next after it."""
    begin = max(text.rfind(mark, 0, start) for mark in (". ", "\n", "! ", "? "))
    begin = 0 if begin < 0 else begin + 1
    while begin < start and text[begin].isspace():
        begin += 1
    ends = [i for i in (text.find(mark, end) for mark in (". ", "\n", "! ", "? ")) if i >= 0]
    finish = min(ends) + 1 if ends else len(text)
    return begin, text[begin:finish].strip()


def _new_claim(article: Article, start: int, end: int, kind: str, claim_id: str, fix: Correction) -> Claim:
    """A claim recorded by hand: its span and sentence from the article, its fields from ``fix``."""
    sentence_start, sentence = _sentence(article.text, start, end)
    published = article.published.isoformat() if article.published else None
    blank: dict[str, Any] = {
        "claim_id": claim_id, "article_id": article.article_id, "article_url": article.url,
        "published": published, "sentence": sentence, "start": start, "end": end, "kind": kind,
        "event": None, "subject": {"text": "", "normalized": "", "country": None, "class": "other"},
        "quantity": None, "event_time": None, "statement_time": None, "places": [], "attribution": [],
        "modality": "asserted", "cues": [],
    }  # fmt: skip
    data = dict(blank)
    base = claim_from_json(blank)
    changes = corrected_fields(base, fix)
    if "quantity" in changes:
        changes["quantity"]["text"] = article.text[start:end]
    data.update(changes)
    role: EvidenceRole = "quantity" if kind == "quantity" else "content"
    return claim_from_json(data, sentence_start=sentence_start, evidence=[Evidence(role, start, end)])
