"""The annotate contract: the only place that builds its JSON objects (PRODUCT.md, "Annotation
contract").

Each mention found by an extractor becomes its contract object here (``quantity_to_json``,
``time_to_json``...); ``merged_annotations`` gathers the lists of a text parsed as one or more
Docs, with offsets into the full text; ``annotation_object`` and ``error_object`` are the objects
``claimtrail annotate`` prints, one per input.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import Any

from spacy.tokens import Doc

from ..extract.attribution_hedges import hedge_attributions
from ..extract.attribution_tail import shown_cue, tail_attributions, without_self_citations
from ..model import (
    ActorMention,
    AttributionMention,
    ModalityCue,
    PlaceMention,
    QuantityMention,
    TextSpan,
    TimeMention,
)

#: The extractor lists of an annotation object, in contract order.
ANNOTATION_LISTS = ("quantities", "times", "places", "actors", "attributions", "modality_cues")


def span_to_json(span: TextSpan, offset: int = 0) -> dict[str, Any]:
    """A stretch of text: ``{"start", "end", "text"}``, moved by ``offset`` characters."""
    return {"start": span.start + offset, "end": span.end + offset, "text": span.text}


def quantity_to_json(q: QuantityMention, offset: int = 0) -> dict[str, Any]:
    """A ``quantities`` entry: where the number is, then its value, range, approximation and unit."""
    return {
        "start": q.start + offset,
        "end": q.end + offset,
        "text": q.text,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "approximate": q.approximate,
        "unit": q.unit,
        "normalized_value": q.normalized_value,
        "normalized_unit": q.normalized_unit,
    }


def time_to_json(t: TimeMention, offset: int = 0) -> dict[str, Any]:
    """A ``times`` entry: where the expression is, its TimeML type and value."""
    return {
        "start": t.start + offset,
        "end": t.end + offset,
        "text": t.text,
        "type": t.type,
        "value": t.value,
    }


def place_to_json(p: PlaceMention, offset: int = 0) -> dict[str, Any]:
    """A ``places`` entry: where the toponym or demonym is and its gazetteer entry."""
    return {
        "start": p.start + offset,
        "end": p.end + offset,
        "text": p.text,
        "name": p.name,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "gazetteer_id": p.gazetteer_id,
    }


def actor_to_json(a: ActorMention, offset: int = 0) -> dict[str, Any]:
    """An ``actors`` entry: where the name is, the actor it stands for, its type and country."""
    return {
        "start": a.start + offset,
        "end": a.end + offset,
        "text": a.text,
        "normalized": a.normalized,
        "type": a.type,
        "country": a.country,
    }


def attribution_to_json(a: AttributionMention, offset: int = 0, cited_base: int = 0) -> dict[str, Any]:
    """An ``attributions`` entry: source (or None), cue and content spans, and the indices of the
    attributions it cites, moved by ``cited_base`` (attributions listed before this Doc's). The
    source span is the word of the cue's clause that stands for the source where there is one (the
    relative pronoun of "Choi, who said": "who"), else the source's name or phrase."""
    source = a.source_word or a.source
    return {
        "source": span_to_json(source, offset) if source else None,
        "cue": span_to_json(a.cue, offset),
        "content": {"start": a.content_start + offset, "end": a.content_end + offset},
        "cites": [i + cited_base for i in a.cites],
    }


def modality_cue_to_json(m: ModalityCue, offset: int = 0) -> dict[str, Any]:
    """A ``modality_cues`` entry: where the cue is and the modality it sets."""
    return {"start": m.start + offset, "end": m.end + offset, "text": m.text, "modality": m.modality}


def _shown_attributions(doc: Doc) -> list[AttributionMention]:
    """The component's attributions, each cue with its auxiliaries ("has said"; ``shown_cue``),
    less those that only repeat their citer's own voice ("X said she expects ...": one
    attribution, ``without_self_citations``, which re-indexes ``cites``), then the ones shown here
    only (withheld speech, verbal attacks; ``extract.attribution_tail``), which no claim is made
    of and which cite nothing, and last the reporter's hedges that no one holds ("is expected to",
    "seems", "it was unclear whether"; ``extract.attribution_hedges``), shown with no source."""
    if doc._.attributions is None:
        return []  # the attribution component is left out of the pipeline
    known = list(doc._.attributions)
    if not doc.has_annotation("DEP"):
        return known
    shown = [dataclasses.replace(a, cue=shown_cue(doc, a.cue)) for a in without_self_citations(doc, known)]
    shown += tail_attributions(doc, known)
    return shown + hedge_attributions(doc, shown)


def doc_annotations(doc: Doc, offset: int = 0, cited_base: int = 0) -> dict[str, list[dict[str, Any]]]:
    """The extractor lists of one processed Doc, offsets moved by ``offset`` characters and cited
    indices by ``cited_base``. A component left out of the pipeline leaves its list empty."""
    return {
        "quantities": [quantity_to_json(q, offset) for q in doc._.quantities or []],
        "times": [time_to_json(t, offset) for t in doc._.times or []],
        "places": [place_to_json(p, offset) for p in doc._.places or []],
        "actors": [actor_to_json(a, offset) for a in doc._.actors or []],
        "attributions": [attribution_to_json(a, offset, cited_base) for a in _shown_attributions(doc)],
        "modality_cues": [modality_cue_to_json(m, offset) for m in doc._.modality_cues or []],
    }


def merged_annotations(docs: Iterable[Doc]) -> dict[str, list[dict[str, Any]]]:
    """The extractor lists of a whole text from its processed Docs in order (one, or one per piece
    of a long text, see ``nlp.pipeline.make_docs``): each Doc's offsets are moved by where it starts
    (``doc._.piece_start``) and its cited indices by the attributions before it, so they index the
    full text and the full list. Each Doc can be dropped once read."""
    merged: dict[str, list[dict[str, Any]]] = {name: [] for name in ANNOTATION_LISTS}
    for doc in docs:
        found = doc_annotations(doc, doc._.piece_start, len(merged["attributions"]))
        for name in ANNOTATION_LISTS:
            merged[name].extend(found[name])
    return merged


def annotation_object(
    path: str, text: str, published: date | None, lists: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """The object printed for one input: its path, the length of the text read, the reference
    date, then the extractor lists."""
    return {
        "path": path,
        "text_length": len(text),
        "published": published.isoformat() if published else None,
        **lists,
    }


def error_object(path: str, reason: str) -> dict[str, Any]:
    """The object printed for an input that could not be read: its path and the reason."""
    return {"path": path, "error": reason}
