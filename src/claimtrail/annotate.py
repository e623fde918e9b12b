"""The annotation contract: everything the extractors found in each input, without a ledger.

Offsets index the exact text that was read (plain text as is; HTML as its extracted main text). This
is how each extractor is scored against public gold data and how a user debugs a result.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .model import Article, Failure
from .nlp.pipeline import load_pipeline, make_docs
from .settings import Settings, load_settings

ANNOTATION_LISTS = ("quantities", "times", "places", "actors", "attributions", "modality_cues")


def doc_annotations(doc: Doc) -> dict[str, Any]:
    """The extractor lists of one processed Doc, as contract dicts (offsets into the Doc's text)."""
    return {
        "quantities": [{"start": q.start, "end": q.end} | q.contract_dict() for q in doc._.quantities or []],
        "times": [t.contract_dict() for t in doc._.times or []],
        "places": [p.contract_dict() for p in doc._.places or []],
        "actors": [a.contract_dict() for a in doc._.actors or []],
        "attributions": [a.contract_dict() for a in doc._.attributions or []],
        "modality_cues": [m.contract_dict() for m in doc._.modality_cues or []],
    }


def text_annotations(nlp: Language, text: str, published: date | None = None) -> dict[str, Any]:
    """The extractor lists of a whole text. A long text is parsed piece by piece
    (``nlp.pipeline.make_docs``): each piece's offsets, and the attribution indices in ``cites``,
    are moved so they index the full text and the full list."""
    merged: dict[str, list[dict[str, Any]]] = {name: [] for name in ANNOTATION_LISTS}
    for piece in make_docs(nlp, text, published):
        found = doc_annotations(nlp(piece))
        offset, cited_base = piece._.piece_start, len(merged["attributions"])
        if offset or cited_base:
            found = _shifted(found, offset, cited_base)
        for name in ANNOTATION_LISTS:
            merged[name].extend(found[name])
    return merged


def _shifted(found: dict[str, Any], offset: int, cited_base: int) -> dict[str, Any]:
    """Annotations of a piece moved to the full text: ``offset`` characters, ``cited_base``
    attributions before this piece."""

    def move(span: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if span is None else span | {"start": span["start"] + offset, "end": span["end"] + offset}

    out: dict[str, Any] = {
        name: [move(item) for item in found[name]] for name in ANNOTATION_LISTS if name != "attributions"
    }
    out["attributions"] = [
        a
        | {
            "source": move(a["source"]),
            "cue": move(a["cue"]),
            "content": move(a["content"]),
            "cites": [i + cited_base for i in a["cites"]],
        }
        for a in found["attributions"]
    ]
    return out


def annotate_text(text: str, published: date | None = None, path: str = "<text>") -> dict[str, Any]:
    """One text as an annotation object."""
    return {
        "path": path,
        "text_length": len(text),
        "published": published.isoformat() if published else None,
        **text_annotations(load_pipeline(), text, published),
    }


def annotate_paths(
    paths: list[str], *, published: date | None = None, settings: Settings | None = None
) -> Iterator[dict[str, Any]]:
    """One annotation object per input (per line for JSONL), an ``error`` object for a bad one."""
    from .ingest.read import iter_inputs

    settings = settings or load_settings()
    nlp = None
    for item in iter_inputs(paths, published=published, settings=settings):
        if isinstance(item, Failure):
            yield {"path": item.source, "error": item.reason}
            continue
        assert isinstance(item, Article)
        nlp = nlp or load_pipeline(settings.model)
        yield {
            "path": item.source_path or item.url or item.article_id,
            "text_length": len(item.text),
            "published": item.published.isoformat() if item.published else None,
            **text_annotations(nlp, item.text, item.published),
        }
