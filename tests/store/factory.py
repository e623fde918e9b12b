"""Hand-built articles and claims for the ledger tests (the claims builder is not under test here)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

from claimtrail.model import (
    Article,
    Claim,
    Event,
    Evidence,
    Modality,
    PlaceRef,
    Quantity,
    SourceLink,
    Subject,
    TimeRef,
)

REPORT = (
    "SEOUL - North Korea has sent roughly 1,200 more soldiers to Russia, South Korean lawmaker "
    "Park Ji-hoon told reporters on Thursday, citing the National Intelligence Service. "
    "Park said as many as 3,000 additional troops could follow by the summer. "
    "Ukrainian officials estimated that about 3,800 North Korean soldiers had been killed or wounded "
    "in the Kursk region since January."
)

PLACES = {
    "Russia": PlaceRef("Russia", "Russia", "RU", 60.0, 100.0, "geonames:2017370"),
    "Kursk region": PlaceRef("Kursk region", "Kursk Oblast", "RU", 51.5, 36.2, "geonames:538555"),
}


def span(text_: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text_.index(needle, after)
    return start, start + len(needle)


def make_article(text_: str = REPORT, article_id: str = "a1b2c3d4e5f60718", **kw) -> Article:
    defaults = dict(
        url=f"https://news.example.org/asia/{article_id}",
        title="More North Korean troops head to Russia, Seoul lawmaker says",
        outlet="news.example.org",
        published=date(2025, 3, 7),
        language="en",
        source_path=None,
        fmt="html",
    )
    defaults.update(kw)
    return Article(text=text_, article_id=article_id, **defaults)


def _claim_id(article_id: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha1(f"{article_id}:{start}:{end}:{kind}".encode()).hexdigest()[:20]


def make_claim(
    article: Article,
    number: str,
    *,
    value: float,
    event: Event,
    modality: Modality,
    chain: tuple[SourceLink, ...],
    places: tuple[str, ...] = (),
    low: float | None = None,
    high: float | None = None,
    approximate: bool = False,
    event_time: TimeRef | None = None,
    statement_time: TimeRef | None = None,
    subject: Subject | None = None,
    cues: tuple[str, ...] = (),
) -> Claim:
    text_ = article.text
    start, end = span(text_, number)
    sent_start = text_.rfind(". ", 0, start)
    sent_start = 0 if sent_start < 0 else sent_start + 2
    sent_end = text_.find(". ", end)
    sent_end = len(text_) if sent_end < 0 else sent_end + 1
    evidence = [Evidence("quantity", start, end)]
    for entry in chain:
        if entry.text and entry.text in text_:
            evidence.append(Evidence("source", *span(text_, entry.text)))
        evidence.append(Evidence("cue", *span(text_, entry.cue)))
    for p in places:
        evidence.append(Evidence("place", *span(text_, p)))
    return Claim(
        claim_id=_claim_id(article.article_id, start, end, "quantity"),
        article_id=article.article_id,
        article_url=article.url,
        published=article.published.isoformat() if article.published else None,
        sentence=text_[sent_start:sent_end],
        start=start,
        end=end,
        kind="quantity",
        event=event,
        subject=subject or Subject(text="soldiers", normalized="soldier", country="KP"),
        quantity=Quantity(text=number, value=value, low=low, high=high, approximate=approximate),
        event_time=event_time,
        statement_time=statement_time,
        places=tuple(replace(PLACES[p], text=p) for p in places),
        attribution=chain,
        modality=modality,
        cues=cues,
        qualifiers=("additional",) if "more" in text_[end : end + 12] else (),
        sentence_start=sent_start,
        evidence=tuple(evidence),
    )


PARK = SourceLink(text="Park Ji-hoon", name="Park Ji-hoon", type="person", role="lawmaker", cue="told")
NIS = SourceLink(
    text="the National Intelligence Service",
    name="National Intelligence Service",
    type="intelligence",
    role=None,
    cue="citing",
)
OFFICIALS = SourceLink(
    text="Ukrainian officials", name="Ukrainian officials", type="government", role=None, cue="estimated"
)


def report_claims(article: Article) -> list[Claim]:
    """The three figures of REPORT-like text, as the claims builder would give them."""
    thursday = TimeRef(text="on Thursday", start="2025-03-06", end="2025-03-06")
    return [
        make_claim(
            article,
            "1,200",
            value=1200.0,
            approximate=True,
            event="deployed",
            modality="reported",
            chain=(PARK, NIS),
            places=("Russia",),
            statement_time=thursday,
            cues=("told", "citing"),
        ),
        make_claim(
            article,
            "3,000",
            value=3000.0,
            high=3000.0,
            event="deployed",
            modality="possible",
            chain=(replace(PARK, text="Park", cue="said"),),
            subject=Subject(text="troops", normalized="troop", country="KP"),
            cues=("could",),
        ),
        make_claim(
            article,
            "3,800",
            value=3800.0,
            approximate=True,
            event="casualties",
            modality="estimated",
            chain=(OFFICIALS,),
            places=("Kursk region",),
            event_time=TimeRef(text="since January", start="2025-01-01", end="2025-03-07"),
            cues=("estimated",),
        ),
    ]


def numbered_article(i: int, published: date | None = None) -> tuple[Article, list[Claim]]:
    """A distinct REPORT-like article (its own numbers and id) with its three claims."""
    text_ = (
        REPORT.replace("1,200", f"{1000 + i:,}")
        .replace("3,000", f"{2000 + i:,}")
        .replace("3,800", f"{3000 + i:,}")
    )
    article = make_article(text_, article_id=f"{i:016x}", published=published or date(2025, 3, 7))
    claims = report_claims_for(article, i)
    return article, claims


def report_claims_for(article: Article, i: int) -> list[Claim]:
    a, b, c = f"{1000 + i:,}", f"{2000 + i:,}", f"{3000 + i:,}"
    base = report_claims(make_article())
    out = []
    for claim, number, value in zip(base, (a, b, c), (1000 + i, 2000 + i, 3000 + i), strict=True):
        assert claim.quantity is not None and claim.event is not None
        rebuilt = make_claim(
            article,
            number,
            value=float(value),
            approximate=claim.quantity.approximate,
            high=float(value) if claim.quantity.high else None,
            event=claim.event,
            modality=claim.modality,
            chain=claim.attribution,
            places=tuple(p.text for p in claim.places),
            event_time=claim.event_time,
            statement_time=claim.statement_time,
            subject=claim.subject,
            cues=claim.cues,
        )
        out.append(rebuilt)
    return out
