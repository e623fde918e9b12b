"""Pure helpers the pages use: the article text cut into highlighted segments, the layout of a
claim's source chain as an SVG graph, short labels. No HTML is built here: templates do that, with
Jinja's autoescaping, so every piece of article text and every name is escaped exactly once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Claim, Event, SourceLink

#: The legend's families of events, in order: each event of model.EVENTS is in exactly one
#: (tests/web check it), and the events of a family share a hue so related figures read together.
EVENT_FAMILIES: tuple[tuple[str, tuple[Event, ...]], ...] = (
    ("forces", ("deployed", "training", "withdrawn", "strength")),
    ("people harmed", ("killed", "wounded", "casualties", "missing")),
    ("people moved or held", ("captured", "detained", "released", "displaced", "evacuated")),
    ("weapons", ("launched", "intercepted")),
    ("materiel", ("destroyed", "damaged")),
    ("other", ("other",)),
)

#: Colour per event (also in static/style.css as .ev-<event>); statements without an event are grey.
#: Forces blue, people harmed red to brown, people moved or held green to teal, weapons purple,
#: materiel brown. White badge text has a contrast of at least 4.5:1 on each, except on "other"
#: and "none", which take dark text.
EVENT_COLOURS: dict[Event | Literal["none"], str] = {
    "deployed": "#1f5f99",
    "training": "#44679b",
    "withdrawn": "#4f6478",
    "strength": "#3d3a8f",
    "killed": "#b3261e",
    "wounded": "#a64d00",
    "casualties": "#8c1d52",
    "missing": "#7f4f24",
    "captured": "#2e7d32",
    "detained": "#4a5d16",
    "released": "#00796b",
    "displaced": "#5c7a36",
    "evacuated": "#00808c",
    "launched": "#6a3d9a",
    "intercepted": "#8e44ad",
    "destroyed": "#4e342e",
    "damaged": "#795548",
    "other": "#edc948",
    "none": "#bab0ac",
}


def grade_text(grade: Any) -> str:
    """An Admiralty grade as "B2": fusion may give a dict (reliability, credibility) or a string."""
    if grade is None:
        return ""
    if isinstance(grade, dict):
        letter = grade.get("reliability") or grade.get("source") or ""
        number = grade.get("credibility") or grade.get("information") or ""
        return f"{letter}{number}" or ""
    return str(grade)


def event_class(event: str | None) -> str:
    """The CSS class for a claim's event (``ev-none`` for statements without one)."""
    return f"ev-{event}" if event in EVENT_COLOURS else "ev-none"


def chain_text(claim: Claim) -> str:
    """ "speaker ← cited ← origin", or "no source given"."""
    names = [a.name or a.text or "?" for a in claim.attribution]
    return " ← ".join(names) if names else "no source given"


def figure_text(claim: Claim) -> str:
    """The figure as written, with its normalised value when a unit was converted; a figure the desk
    corrected shows the corrected value or range, with its unit, and "(corrected)"."""
    q = claim.quantity
    if q is None:
        return ""
    if claim.review is not None and "quantity" in claim.review.corrected:
        low_high = q.low is not None and q.high is not None and q.low != q.high
        shown = f"{number(q.low)}–{number(q.high)}" if low_high else number(q.value)
        return " ".join(p for p in (shown, q.unit or "", "(corrected)") if p)
    text = q.text
    if q.normalized_unit and q.unit != q.normalized_unit and q.normalized_value:
        text += f" (= {q.normalized_value:g} {q.normalized_unit})"
    return text


def claim_summary(claim: Claim) -> str:
    """One line for a tooltip: event, figure, subject, chain, certainty."""
    parts: list[str] = [claim.event or claim.kind]
    if claim.kind == "quantity":
        parts.append(figure_text(claim))
    if claim.subject.text:
        parts.append(claim.subject.text)
    parts.append(chain_text(claim))
    parts.append(claim.modality)
    return " · ".join(p for p in parts if p)


@dataclass
class Segment:
    """A stretch of article text and the claims covering it, innermost (shortest) first."""

    text: str
    claims: list[str] = field(default_factory=list)
    event: str | None = None
    title: str = ""
    first_of: list[str] = field(default_factory=list)  # claims whose span starts here (anchors)


def segments(text: str, claims: list[Claim]) -> list[Segment]:
    """Cut ``text`` at every claim boundary; each piece knows which claims cover it.

    Claims may nest (a figure inside a statement) or cross; cutting at every boundary handles both,
    and every claim with a non-empty span inside the text covers at least one segment.
    """
    spans = []
    for c in claims:
        start, end = max(0, int(c.start)), min(len(text), int(c.end))
        if end > start:
            spans.append((start, end, c))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if b <= a:
            continue
        covering = sorted(
            ((s, e, c) for s, e, c in spans if s <= a and e >= b), key=lambda x: (x[1] - x[0], x[0])
        )
        seg = Segment(text=text[a:b])
        if covering:
            inner = covering[0][2]
            seg.claims = [c.claim_id for _, _, c in covering]
            # A figure inside a statement takes the figure's colour; otherwise the innermost event.
            seg.event = next((c.event for _, _, c in covering if c.event), None)
            seg.title = claim_summary(inner)
            seg.first_of = [c.claim_id for s, _, c in covering if s == a]
        out.append(seg)
    return out


@dataclass
class ChainNode:
    x: float
    y: float
    width: float
    name: str
    type: str
    role: str
    source_id: int | None


@dataclass
class ChainEdge:
    x1: float
    x2: float
    y: float
    label: str


def chain_layout(
    claim: Claim, source_ids: dict[str, int] | None = None, node_h: float = 46, gap: float = 70
) -> dict[str, Any]:
    """Boxes and arrows for the chain speaker -> ... -> origin, laid out left to right.

    Returns ``{"width", "height", "nodes": [ChainNode], "edges": [ChainEdge]}``; an arrow points
    from a source to the source it cites, labelled with the cue ("said", "citing", "according to").
    """
    source_ids = source_ids or {}
    links = claim.attribution or (
        SourceLink(text=None, name="no source given", type="unknown", role=None, cue=""),
    )
    n = len(links)
    nodes: list[ChainNode] = []
    edges: list[ChainEdge] = []
    x = 10.0
    for i, link in enumerate(links):
        name = link.name or link.text or "?"
        shown = name if len(name) <= 34 else name[:33] + "…"
        width = max(110.0, 7.4 * len(shown) + 24)
        if n == 1:
            role = "speaker and origin" if claim.attribution else ""
        else:
            role = "speaker" if i == 0 else ("origin" if i == n - 1 else "cited")
        nodes.append(
            ChainNode(
                x=x,
                y=22,
                width=width,
                name=shown,
                type=link.type,
                role=role,
                source_id=source_ids.get(name.casefold()),
            )
        )
        if i < n - 1:
            label = links[i + 1].cue or "cites"
            edges.append(ChainEdge(x1=x + width, x2=x + width + gap, y=22 + node_h / 2, label=label))
        x += width + gap
    return {
        "width": x - gap + 10,
        "height": 22 + node_h + 24,
        "nodes": nodes,
        "edges": edges,
        "node_h": node_h,
    }


def number(value: Any) -> str:
    """A figure for reading: thousands separated ("11,000"), at most two decimals ("2.5"); text
    and None as given ("" for None)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 claim", "2 claims", "1,200 claims" (``words`` for an irregular plural)."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def article_title(article: Any) -> str:
    """What to call an article: its title, else its first line of text (up to 100 characters),
    else its dateline outlet, else its id."""
    if getattr(article, "title", None):
        return str(article.title)
    for line in (getattr(article, "text", "") or "").splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 100 else line[:99].rstrip() + "…"
    return getattr(article, "outlet", None) or article.article_id


@dataclass(frozen=True)
class MapPoint:
    """A place on the claims map: where (SVG x = lon + 180, y = 90 - lat), its name and claim count."""

    name: str
    lat: float
    lon: float
    claims: int

    @property
    def x(self) -> float:
        return round(self.lon + 180, 3)

    @property
    def y(self) -> float:
        return round(90 - self.lat, 3)


def map_points(claims: Any) -> list[MapPoint]:
    """The places with coordinates of these claims, one point per place (its claims counted), most
    claims first."""
    counts: dict[tuple[str, float, float], int] = {}
    for claim in claims:
        for place in {
            (p.name, p.lat, p.lon) for p in claim.places if p.lat is not None and p.lon is not None
        }:
            counts[place] = counts.get(place, 0) + 1
    points = [MapPoint(name, lat, lon, n) for (name, lat, lon), n in counts.items()]
    return sorted(points, key=lambda p: (-p.claims, p.name))


def map_view(points: list[MapPoint], min_width: float = 16.0) -> tuple[float, float, float, float]:
    """The SVG viewBox (x, y, width, height; 2:1) framing the points with a margin, within the
    world (0 0 360 180); the whole world when there are no points."""
    if not points:
        return (0.0, 0.0, 360.0, 180.0)
    xs, ys = [p.x for p in points], [p.y for p in points]
    width = max(max(xs) - min(xs), 2 * (max(ys) - min(ys))) * 1.3 + 4
    width = min(360.0, max(min_width, width))
    height = width / 2
    x = min(max(0.0, (min(xs) + max(xs) - width) / 2), 360 - width)
    y = min(max(0.0, (min(ys) + max(ys) - height) / 2), 180 - height)
    return (round(x, 2), round(y, 2), round(width, 2), round(height, 2))


def compact_json(value: Any) -> str:
    """A history entry's before/after value as one short line of JSON ("" for none)."""
    if value is None:
        return ""
    import json

    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), default=str)
