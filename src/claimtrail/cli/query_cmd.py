"""`claimtrail claims`, `show`, `articles`, `failures`, `search`: read the ledger."""

from __future__ import annotations

import json

import typer
from rich.table import Table
from rich.text import Text

from ..contract.claims import claim_to_json
from ..model import EVENTS, MODALITIES, Claim, Event
from ..store.filters import ClaimFilter
from .common import DB_HELP, fail, ledger_for, out, reports_errors

#: The claims table's colour per event, by family as in the web legend (web/render.py): forces
#: blue, people harmed red, people moved or held green, weapons purple, materiel brown.
EVENT_STYLES: dict[Event | None, str] = {
    "deployed": "bold blue",
    "training": "bold cyan",
    "withdrawn": "bold steel_blue",
    "strength": "bold slate_blue1",
    "killed": "bold red",
    "wounded": "bold dark_orange",
    "casualties": "bold magenta",
    "missing": "bold indian_red",
    "captured": "bold green",
    "detained": "bold dark_olive_green3",
    "released": "bold spring_green3",
    "displaced": "bold chartreuse3",
    "evacuated": "bold dark_cyan",
    "launched": "bold purple",
    "intercepted": "bold medium_orchid",
    "destroyed": "bold orange4",
    "damaged": "bold tan",
    "other": "bold yellow",
    None: "bold",
}
#: How the claims command's options name the filters, for its error messages.
OPTION_NAMES = {
    "event": "--event",
    "country": "--country",
    "speaker": "--speaker",
    "origin": "--origin",
    "modality": "--modality",
    "search": "--search",
    "article_id": "--article",
    "kind": "--kind",
    "date_from": "--from",
    "date_to": "--to",
    "review": "--review",
}


def claim_row(c: Claim) -> list[str | Text]:
    """A claim's cells in the claims table: id, date, figure, subject, event, places, chain, certainty."""
    chain = " ← ".join(a.name or a.text or "?" for a in c.attribution) or "—"
    when = c.event_time or c.statement_time
    day = (when.start if when else None) or c.published or ""
    q = c.quantity
    figure = q.text if q else ""
    if q and q.normalized_unit and q.unit != q.normalized_unit and q.normalized_value is not None:
        figure += f" (= {q.normalized_value:g} {q.normalized_unit})"
    what = c.subject.text or ""
    if c.subject.country:
        what += f" [{c.subject.country}]"
    places = ", ".join(p.name for p in c.places)
    return [
        c.claim_id[:8],
        day,
        figure if c.kind == "quantity" else Text(_short(c.sentence, 60), style="italic"),
        what,
        c.event or "",
        places,
        chain,
        c.modality,
    ]


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@reports_errors
def claims_command(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    event: str = typer.Option(None, "--event", help=f"{', '.join(EVENTS)}."),
    country: str = typer.Option(None, "--country", help="Subject country, ISO alpha-2 (e.g. KP)."),
    speaker: str = typer.Option(None, "--speaker", help="Speaker name contains this text."),
    origin: str = typer.Option(
        None, "--origin", help="Origin (last source of the chain) contains this text."
    ),
    modality: str = typer.Option(None, "--modality", help=f"{', '.join(MODALITIES)}."),
    search: str = typer.Option(None, "--search", "-s", help="Full-text search in claim sentences."),
    article: str = typer.Option(None, "--article", help="Only claims of this article id."),
    kind: str = typer.Option(None, "--kind", help="quantity (figures) or statement (attributed clauses)."),
    since: str = typer.Option(None, "--from", help="Published on or after YYYY-MM-DD."),
    until: str = typer.Option(None, "--to", help="Published on or before YYYY-MM-DD."),
    review: str = typer.Option(
        None, "--review", help="Review status at the desk: unreviewed, confirmed, disputed, rejected."
    ),
    limit: int = typer.Option(200, "--limit", min=1, help="At most this many claims."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """List claims as a readable table (or JSON), with filters."""
    where = ClaimFilter.parse(
        OPTION_NAMES,
        event=event,
        country=country,
        speaker=speaker,
        origin=origin,
        modality=modality,
        search=search,
        article_id=article,
        kind=kind,
        date_from=since,
        date_to=until,
        review=review,
    )
    if fmt not in ("table", "json"):
        fail(f"--format: {fmt!r} is not table or json")
    with ledger_for(db) as ledger:
        claims = ledger.claims(where, limit=limit)
        if fmt == "json":
            out.print_json(json.dumps([claim_to_json(c) for c in claims], ensure_ascii=False))
            return
        table = Table(title=f"{len(claims)} claims", show_lines=False, expand=False)
        for name in ("id", "date", "figure", "subject", "event", "places", "source chain", "certainty"):
            table.add_column(name, overflow="fold")
        for c in claims:
            table.add_row(*claim_row(c), style=None)
        out.print(table)


@reports_errors
def show_command(
    article_id: str = typer.Argument(..., help="An article id (a unique prefix is enough)."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Show an article's text with its claims marked, then the claims."""
    with ledger_for(db) as ledger:
        article = ledger.get_article(article_id)
        if article is None:
            matches = ledger.article_ids(article_id)
            if len(matches) != 1:
                reason = "no article has this id" if not matches else f"{len(matches)} articles start with it"
                fail(f"article {article_id!r}: {reason}; list ids with `claimtrail articles`")
            article = ledger.get_article(matches[0])
        claims = ledger.claims(ClaimFilter(article_id=article.article_id))
    header = f"{article.title or '(untitled)'} — {article.outlet or '?'}, {article.published or 'undated'}"
    if article.published_inferred:
        header += " (date inferred from the text)"
    out.rule(header)
    text = Text(article.text)
    for c in claims:
        text.stylize(EVENT_STYLES[c.event] + " underline", c.start, c.end)
    out.print(text)
    out.rule("claims")
    for n, c in enumerate(claims, 1):
        row = claim_row(c)
        out.print(
            f"[{n}] {row[1]}  {row[2]}  {row[3]}  {row[4]}  {row[5]}  — {row[6]} ({row[7]})", highlight=False
        )


@reports_errors
def articles_command(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """List the articles in the ledger."""
    with ledger_for(db) as ledger:
        articles = ledger.articles()
        table = Table(title=f"{len(articles)} articles")
        for name in ("id", "published", "outlet", "title", "claims"):
            table.add_column(name, overflow="fold")
        counts = ledger.claim_counts()
        for a in articles:
            pub = (a.published.isoformat() if a.published else "") + (" *" if a.published_inferred else "")
            table.add_row(a.article_id, pub, a.outlet or "", a.title or "", str(counts.get(a.article_id, 0)))
    out.print(table)
    out.print("* publication date inferred from the text", style="dim")


@reports_errors
def failures_command(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """List inputs that could not be ingested, with reasons."""
    with ledger_for(db) as ledger:
        failures = ledger.failures()
    out.print(f"{len(failures)} failures", style="bold")
    for f in failures:
        tries = (
            f" ({f.attempts} attempts, latest {f.at:%Y-%m-%d %H:%M} UTC)" if f.attempts > 1 and f.at else ""
        )
        out.print(Text(f"{f.source}: {f.reason}{tries}"), highlight=False, soft_wrap=True)


@reports_errors
def search_command(
    query: str = typer.Argument(..., help="Words to find in article texts."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Full-text search over the articles' text."""
    if not query.strip():
        fail("search: the query is empty")
    with ledger_for(db) as ledger:
        hits = ledger.search_articles(query)
    table = Table(title=f"{len(hits)} articles match {query!r}")
    table.add_column("id")
    table.add_column("title")
    table.add_column("snippet")
    for article, snippet in hits:
        table.add_row(article.article_id, article.title or "", snippet)
    out.print(table)
