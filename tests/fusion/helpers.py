"""Hand-built claims for the fusion tests: each a figure with its subject, event, date and chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from claimtrail.fusion import ArticleMeta
from claimtrail.fusion.results import TrackedQuantity
from claimtrail.model import (
    Claim,
    Event,
    Modality,
    PlaceRef,
    Quantity,
    SourceLink,
    SourceType,
    Subject,
    TimeRef,
)

_SOURCE_TYPES: dict[str, SourceType] = {
    "NIS": "intelligence",
    "National Intelligence Service (NIS)": "intelligence",
    "South Korea's spy agency": "intelligence",
    "Pentagon": "government",
    "HUR": "intelligence",
    "Gennady Voronkin": "person",
    "reports": "anonymous",
    "Kyiv Ledger.com": "media",
    "Harbour Wire": "media",
}


def claim(
    article: str,
    value: float | None,
    *,
    event: Event | None = "deployed",
    subject: str = "troop",
    country: str | None = "KP",
    said: str = "2024-11-13",
    published: str | None = None,
    sources: tuple[str, ...] = ("NIS",),
    low: float | None = None,
    high: float | None = None,
    approximate: bool = False,
    unit: str | None = None,
    normalized_value: float | None = None,
    normalized_unit: str | None = None,
    qualifiers: tuple[str, ...] = (),
    modality: Modality = "asserted",
    start: int = 0,
    sentence_start: int = 0,
    places: tuple[tuple[str, str, str], ...] = (("Russia", "RU", "geonames:2017370"),),
) -> Claim:
    """One quantity claim; ``sources`` is the chain from speaker to origin."""
    published = published or said
    cid = hashlib.sha1(f"{article}:{start}:{value}:{event}:{unit}".encode()).hexdigest()[:20]
    text = f"{value:,.0f}" if value is not None else "several"
    return Claim(
        claim_id=cid,
        article_id=article,
        article_url=None,
        published=published,
        sentence=f"{text} {subject}s were {event}.",
        start=start,
        end=start + len(text),
        kind="quantity",
        event=event,
        subject=Subject(text=subject + "s", normalized=subject, country=country),
        quantity=Quantity(
            text=text,
            value=value,
            low=low,
            high=high,
            approximate=approximate,
            unit=unit,
            normalized_value=normalized_value,
            normalized_unit=normalized_unit,
        ),
        event_time=None,
        statement_time=TimeRef(text="on", start=said, end=said),
        places=tuple(
            PlaceRef(text=n, name=n, country=c, lat=None, lon=None, gazetteer_id=g) for n, c, g in places
        ),
        attribution=tuple(
            SourceLink(text=s, name=s, type=_SOURCE_TYPES.get(s, "organization"), role=None, cue="said")
            for s in sources
        ),
        modality=modality,
        cues=(),
        qualifiers=qualifiers,
        sentence_start=sentence_start,
    )


def meta(claims: list[Claim], outlets: dict[str, str] | None = None) -> dict[str, ArticleMeta]:
    """Article metadata for the claims' articles (outlet defaults to "Outlet <article>")."""
    outlets = outlets or {}
    return {
        c.article_id: ArticleMeta(
            outlets.get(c.article_id, f"Outlet {c.article_id}"), date.fromisoformat(c.published)
        )
        for c in claims
    }


def ingest_story(folder: Path, db: Path, values: dict[str, float | None]) -> Iterator[list[TrackedQuantity]]:
    """Ingest a story folder through the CLI into ``db``, fill ``values`` (claim id -> figure) from
    its export, and yield its tracked quantities with the ledger open (a fixture's body)."""
    from typer.testing import CliRunner

    from claimtrail import fusion
    from claimtrail.cli.main import app
    from claimtrail.store.ledger import open_ledger

    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    exported = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    for line in exported.output.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            values[row["claim_id"]] = (row["quantity"] or {}).get("value")
    with open_ledger(str(db)) as ledger:
        yield list(fusion.track(ledger))
