"""Doc -> Claim records: the one place that reads the extractors' Doc attributes.

A *quantity claim* is a figure (a count of troops, a distance, a share) with what happened to it, its
subject, times, places, the attribution chain of the clause holding it and that clause's certainty. A
*statement claim* is an attributed clause without a figure ("intelligence agencies believe the troops
are learning drone warfare"). Each claim points at characters of the article text (``start``/``end``
and ``evidence``), so it can be shown highlighted.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from .extract.attribution import attribution_for
from .extract.modality import modality_for
from .model import (
    ActorMention,
    Article,
    AttributionMention,
    Claim,
    PlaceMention,
    QuantityMention,
    TimeMention,
)
from .nlp.extensions import doc_text
from .nlp.segment import doc_datelines

# Quantity kinds that make a claim on their own; ordinals ("a third deployment") do not.
CLAIM_KINDS = frozenset({"count", "measure", "percent", "money", "number"})


def claim_id_for(article_id: str, start: int, end: int, kind: str) -> str:
    """Stable id: the same article, span and kind give the same id on every re-ingest."""
    digest = hashlib.sha1(f"{article_id}:{start}:{end}:{kind}".encode()).hexdigest()
    return digest[:20]


def build_claims(doc: Doc, article: Article) -> list[Claim]:
    """All claims of one processed article (or of one piece of a long article), in text order.

    A piece's claims point at the full article text: its offsets and ids add ``doc._.piece_start``.
    """
    builder = _Builder(doc, article)
    claims = [builder.quantity_claim(q) for q in doc._.quantities or [] if q.kind in CLAIM_KINDS]
    claims = [c for c in claims if c is not None]
    claims.extend(builder.statement_claims(claims))
    claims.sort(key=lambda c: (c.start, c.end, c.kind))
    offset = doc._.piece_start
    return [shift_claim(c, offset) for c in claims] if offset else claims


def shift_claim(claim: Claim, offset: int) -> Claim:
    """The claim with every character offset moved by ``offset`` and its id computed from the
    moved span (a claim of a piece of a long article, placed in the full text)."""
    start, end = claim.start + offset, claim.end + offset
    return dataclasses.replace(
        claim,
        claim_id=claim_id_for(claim.article_id, start, end, claim.kind),
        start=start,
        end=end,
        sentence_start=claim.sentence_start + offset,
        evidence=[e | {"start": e["start"] + offset, "end": e["end"] + offset} for e in claim.evidence],
    )


class _Builder:
    """Holds one Doc's mentions, indexed by token, while its claims are built."""

    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # spaCy rebuilds doc.text on every access: read it once
        self.article = article
        self.published: date | None = doc._.published or article.published
        # a dateline ("SEOUL, March 6, 2025 (Wire) —") dates the article, not the claims after it
        datelines = doc_datelines(doc)
        self.times: list[TimeMention] = [
            t for t in doc._.times or [] if not any(s <= t.start < e for s, e in datelines)
        ]
        self.places: list[PlaceMention] = [p for p in doc._.places or [] if not p.demonym]
        self.actors: list[ActorMention] = list(doc._.actors or [])
        self.attributions: list[AttributionMention] = list(doc._.attributions or [])
        # spans naming sources and bodies (not countries as such): places inside them are not scopes
        speaker_spans = [(a.source.start, a.source.end) for a in self.attributions if a.source] + [
            (a.start, a.end) for a in self.actors if a.type not in ("country", "unknown")
        ]
        self.scope_places = [
            p
            for p in self.places
            if not any(p.start < e and s < p.end for s, e in speaker_spans) and not self._acting(p)
        ]
        self.cue_tokens = {
            self._token_at(a.cue.start).i: a for a in self.attributions if self._token_at(a.cue.start)
        }

    # -- helpers ---------------------------------------------------------------------------------
    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def _clause_head(self, token: Token) -> Token:
        """The verb (or root) that governs a token's clause."""
        t = token
        for _ in range(20):
            if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
                return t
            if t.head is t:
                return t
            t = t.head
        return t

    def _ancestors_and_self(self, token: Token) -> list[Token]:
        return [token, *token.ancestors]

    # -- times -----------------------------------------------------------------------------------
    def _time_dict(self, t: TimeMention | None) -> dict[str, Any] | None:
        if t is None:
            return None
        return {
            "text": t.text,
            "start": t.begin.isoformat() if t.begin else None,
            "end": (t.finish or t.begin).isoformat() if (t.finish or t.begin) else None,
        }

    def _times_in(self, sent: Span) -> list[TimeMention]:
        return [
            t
            for t in self.times
            if t.start >= sent.start_char and t.end <= sent.end_char and t.type == "DATE"
        ]

    def _split_times(
        self, sent: Span, anchor: Token, cue_tokens: set[int]
    ) -> tuple[TimeMention | None, TimeMention | None]:
        """(event time, statement time) among the dates of a sentence.

        A date whose governing verb is an attribution cue ("said on March 5") dates the statement;
        a date under the event's clause dates the event; a date elsewhere in the sentence dates the
        event only if no cue claims it.
        """
        event_time = statement_time = None
        anchor_chain = {t.i for t in self._ancestors_and_self(anchor)}
        for tm in self._times_in(sent):
            tok = self._token_at(tm.start)
            if tok is None:
                continue
            head = self._clause_head(tok.head if tok.dep_ in ("pobj", "npadvmod", "nmod") else tok)
            if head.i in cue_tokens or any(
                a.i in cue_tokens for a in head.ancestors if a.i not in anchor_chain
            ):
                statement_time = statement_time or tm
            elif head.i in anchor_chain or event_time is None:
                event_time = event_time or tm
        return event_time, statement_time

    # -- attribution -----------------------------------------------------------------------------
    def _chain(self, start: int, end: int) -> list[AttributionMention]:
        return list(attribution_for(self.doc, start, end))

    def _chain_dicts(self, chain: list[AttributionMention]) -> list[dict[str, Any]]:
        out = []
        for a in chain:
            out.append(
                {
                    "text": a.source.text if a.source else None,
                    "name": a.source_name or (a.source.text if a.source else None),
                    "type": a.source_type or "unknown",
                    "role": a.source_role,
                    "cue": a.cue.text,
                }
            )
        return out

    def _modality(self, token: Token) -> tuple[str, list[str]]:
        modality, cues = modality_for(self.doc, token.i)
        return modality, [c.text for c in cues]

    # -- places ----------------------------------------------------------------------------------
    def _acting(self, place: PlaceMention) -> bool:
        """A place named as an actor, not a location: a country as the subject of a clause ("North
        Korea has sent troops") or the owner of a body ("South Korea's spy agency"); "Russia's Kursk
        region" stays."""
        span = self._span(place.start, place.end)
        if span is None:
            return False
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass", "agent"):
            return place.feature == "country"  # "Kursk region received 200 more" is still a place
        if root.dep_ == "poss":
            head = root.head
            return not any(p.start <= head.idx < p.end for p in self.places) and head.ent_type_ not in (
                "GPE",
                "LOC",
            )
        return False

    def _places_in(self, sent: Span, exclude: list[tuple[int, int]] = ()) -> list[PlaceMention]:
        """The sentence's places, less those that name a speaker or a body rather than where it
        happened ("Seoul's spy agency", "a Kyiv official") and those in ``exclude`` (the owner)."""
        seen: set[str] = set()
        out = []
        for p in self.scope_places:
            if any(p.start < e and s < p.end for s, e in exclude):
                continue
            if p.start >= sent.start_char and p.end <= sent.end_char:
                key = p.gazetteer_id or p.name
                if key not in seen:
                    seen.add(key)
                    out.append(p)
        return out

    # -- claims ----------------------------------------------------------------------------------
    def _subject(self, q: QuantityMention) -> dict[str, Any]:
        if q.counted is None:
            return {"text": None, "normalized": None, "country": q.owner_country}
        start, end = q.counted.start, q.counted.end
        if q.owner is not None and q.owner.start < start:
            # "North Korean troops", "Pyongyang's 1,500 soldiers": the owner inside the noun phrase
            noun = self._token_at(q.counted.start)
            owner = self._token_at(q.owner.start)
            if noun is not None and owner is not None and noun.left_edge.i <= owner.i < noun.i:
                start = q.owner.start
        normalized = (q.counted_lemma or q.counted.text).lower()
        return {"text": self.text[start:end], "normalized": normalized, "country": q.owner_country}

    def _base(
        self, *, start: int, end: int, kind: str, sent: Span, anchor: Token, owner: Any = None
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        chain = self._chain(start, end)
        cue_tokens = set()
        for a in chain:
            tok = self._token_at(a.cue.start)
            if tok is not None:
                cue_tokens.add(tok.i)
        cue_tokens |= {
            i for i, a in self.cue_tokens.items() if a.content_start <= start and end <= a.content_end
        }
        event_time, statement_time = self._split_times(sent, anchor, cue_tokens)
        if statement_time is None and chain:
            # a statement dated elsewhere in the sentence ("..., he said on Tuesday")
            for a in chain:
                for tm in self._times_in(sent):
                    if tm.start >= a.cue.end and tm.start - a.cue.end <= 12:
                        statement_time = tm
        modality, cues = self._modality(anchor)
        places = self._places_in(sent, [(owner.start, owner.end)] if owner is not None else [])
        evidence: list[dict[str, Any]] = []
        for a in chain:
            if a.source is not None:
                evidence.append({"role": "source", "start": a.source.start, "end": a.source.end})
            evidence.append({"role": "cue", "start": a.cue.start, "end": a.cue.end})
        for tm in (event_time, statement_time):
            if tm is not None:
                evidence.append({"role": "time", "start": tm.start, "end": tm.end})
        for p in places:
            evidence.append({"role": "place", "start": p.start, "end": p.end})
        fields = {
            "claim_id": claim_id_for(self.article.article_id, start, end, kind),
            "article_id": self.article.article_id,
            "article_url": self.article.url,
            "published": self.published.isoformat() if self.published else None,
            "sentence": sent.text,
            "start": start,
            "end": end,
            "kind": kind,
            "event_time": self._time_dict(event_time),
            "statement_time": self._time_dict(statement_time),
            "places": [p.contract_dict() | {} for p in places],
            "attribution": self._chain_dicts(chain),
            "modality": modality,
            "cues": cues,
            "sentence_start": sent.start_char,
        }
        for place in fields["places"]:
            for key in ("start", "end"):
                place.pop(key, None)
        return fields, evidence

    def quantity_claim(self, q: QuantityMention) -> Claim | None:
        if q.token_start < 0:
            span = self._span(q.start, q.end)
            if span is None:
                return None
            first = span[0]
        else:
            first = self.doc[q.token_start]
        sent = first.sent
        anchor = first
        if q.event_trigger is not None:
            trig = self._token_at(q.event_trigger.start)
            if trig is not None and trig.sent == sent:
                anchor = trig
        fields, evidence = self._base(
            start=q.start, end=q.end, kind="quantity", sent=sent, anchor=anchor, owner=q.owner
        )
        if len(fields["attribution"]) == 1:
            origin = self._restated_origin(q, fields["attribution"][0]["name"])
            if origin is not None:
                fields["attribution"].extend(self._chain_dicts([origin]))
        evidence.insert(0, {"role": "quantity", "start": q.start, "end": q.end})
        if q.counted is not None:
            evidence.append({"role": "subject", "start": q.counted.start, "end": q.counted.end})
        if q.event_trigger is not None:
            evidence.append({"role": "trigger", "start": q.event_trigger.start, "end": q.event_trigger.end})
        return Claim(
            **fields,
            event=q.event,
            subject=self._subject(q),
            quantity=q.contract_dict(),
            qualifiers=list(q.qualifiers),
            evidence=evidence,
        )

    def _restated_origin(self, q: QuantityMention, speaker: str | None) -> AttributionMention | None:
        """The source a speaker cites where the article later restates the same event.

        A lede gives the figure ("North Korea has deployed 1,500 troops near Kursk, a lawmaker said");
        a later paragraph names where the speaker had it from ("According to them [HUR], the newly
        deployed troops were near Kursk"). When a later cited statement by the same speaker mentions
        the same counted thing and the same event word, its source is the figure's origin.
        """
        if not speaker or q.counted_lemma is None or q.event_trigger is None:
            return None
        trigger = self._token_at(q.event_trigger.start)
        if trigger is None:
            return None
        want = {q.counted_lemma.lower(), trigger.lemma_.lower()}
        for a in self.attributions:
            if a.source_name != speaker or a.cue.start <= q.end:
                continue
            for i in a.cites:
                cited = self.attributions[i]
                if not cited.source_name or cited.source_name == speaker:
                    continue
                span = self._span(cited.content_start, cited.content_end)
                if span is not None and want <= {t.lemma_.lower() for t in span}:
                    return cited
        return None

    def statement_claims(self, quantity_claims: Iterable[Claim]) -> list[Claim]:
        """One claim per attributed clause that holds no figure."""
        covered = [(c.start, c.end) for c in quantity_claims]
        out: list[Claim] = []
        seen: set[tuple[int, int]] = set()
        cited = {i for a in self.attributions for i in a.cites}
        for index, a in enumerate(self.attributions):
            start, end = a.content_start, a.content_end
            if end <= start or (start, end) in seen:
                continue
            if any(start <= s and e <= end for s, e in covered):
                continue
            if index in cited:  # a cited source's clause belongs to its citer's statement
                continue
            seen.add((start, end))
            span = self._span(start, end)
            if span is None or not span.text.strip():
                continue
            sent = span[0].sent
            anchor = span.root
            fields, evidence = self._base(start=start, end=end, kind="statement", sent=sent, anchor=anchor)
            evidence.insert(0, {"role": "content", "start": start, "end": end})
            subject = self._statement_subject(span)
            out.append(
                Claim(**fields, event=None, subject=subject, quantity=None, qualifiers=[], evidence=evidence)
            )
        return out

    def _statement_subject(self, span: Span) -> dict[str, Any]:
        """The grammatical subject of the attributed clause, resolved to an actor where one matches."""
        subj = next((t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.head == span.root), None)
        if subj is None:
            return {"text": None, "normalized": None, "country": None}
        sub = self.doc[subj.left_edge.i : subj.right_edge.i + 1]
        for actor in self.actors:
            if actor.start < sub.end_char and sub.start_char < actor.end:
                return {"text": sub.text, "normalized": actor.normalized, "country": actor.country}
        return {"text": sub.text, "normalized": subj.lemma_.lower(), "country": None}
