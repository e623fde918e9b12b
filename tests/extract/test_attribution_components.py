"""The actor, attribution and modality components as declared spaCy components: what they assign
and read, the resources their config names (checked against a schema when loaded), and each one
working when a component it reads from is left out of the pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

import claimtrail.extract.actors  # noqa: F401  (registers the factories)
import claimtrail.extract.attribution  # noqa: F401
import claimtrail.extract.modality  # noqa: F401
from claimtrail import resources
from claimtrail.errors import ResourceError
from claimtrail.extract.actors_resource import ActorsResource
from claimtrail.extract.attribution_lexicon import AttributionResource
from claimtrail.extract.modality import ModalityResource
from claimtrail.nlp.pipeline import load_base_model


def _only(*names: str) -> Language:
    """The English model with only the named claimtrail components."""
    nlp = load_base_model()
    for name in names:
        nlp.add_pipe(name)
    return nlp


@pytest.mark.parametrize(
    ("factory", "assigns", "resources_named"),
    [
        (
            "claimtrail_actors",
            ["doc._.actors"],
            {"resource": "actors.yaml", "attribution": "attribution.yaml"},
        ),
        ("claimtrail_attribution", ["doc._.attributions"], {"resource": "attribution.yaml"}),
        (
            "claimtrail_modality",
            ["doc._.modality_cues"],
            {"resource": "modality.yaml", "attribution": "attribution.yaml"},
        ),
    ],
)
def test_each_factory_declares_what_it_writes_and_the_resources_it_reads(factory, assigns, resources_named):
    meta = Language.get_factory_meta(factory)
    assert meta.assigns == assigns
    assert meta.default_config == resources_named
    assert all(r.startswith(("doc.", "token.")) for r in meta.requires)


def test_attribution_reads_the_actors_and_modality_reads_the_attributions():
    assert "doc._.actors" in Language.get_factory_meta("claimtrail_attribution").requires
    assert "doc._.attributions" in Language.get_factory_meta("claimtrail_modality").requires
    assert "doc._.places" in Language.get_factory_meta("claimtrail_actors").requires


@pytest.mark.parametrize(
    ("name", "schema"),
    [
        ("actors.yaml", ActorsResource),
        ("attribution.yaml", AttributionResource),
        ("modality.yaml", ModalityResource),
    ],
)
def test_the_shipped_resources_fit_their_schemas(name, schema):
    assert resources.check(name, resources.load(name), schema)


def test_a_misspelt_modality_is_refused_with_the_file_and_key():
    data = dict(resources.load("modality.yaml"))
    data["adverbs"] = {**data["adverbs"], "allegedly": "reportd"}
    with pytest.raises(ResourceError, match=r"resources/modality.yaml: adverbs\.allegedly:"):
        resources.check("modality.yaml", data, ModalityResource)


def test_an_unknown_actor_type_is_refused():
    data = dict(resources.load("actors.yaml"))
    data["modifier_types"] = {**data["modifier_types"], "naval": "navy"}
    with pytest.raises(ResourceError, match=r"modifier_types\.naval"):
        resources.check("actors.yaml", data, ActorsResource)


def test_a_resource_named_in_the_config_is_the_one_loaded():
    nlp = load_base_model()
    with pytest.raises(ResourceError, match="no-such-modality.yaml"):
        nlp.add_pipe("claimtrail_modality", config={"resource": "no-such-modality.yaml"})


def test_actors_work_without_places():
    nlp = _only("claimtrail_actors")
    doc = nlp("Ukrainian officials said the bridge was closed on Monday.")
    officials = [a for a in doc._.actors if a.text.endswith("officials")]
    assert officials and officials[0].country == "UA"  # from the fallback demonyms


def test_attribution_works_without_actors():
    nlp = _only("claimtrail_attribution")
    doc = nlp("The harbour master said that 40 boats were damaged in the storm.")
    [a] = doc._.attributions
    assert a.cue.text == "said"
    assert a.source is not None and a.source.text == "The harbour master"


def test_modality_works_without_attribution():
    nlp = _only("claimtrail_modality")
    doc = nlp("The ferry has reportedly lost two engines since March.")
    assert [(c.text, c.modality) for c in doc._.modality_cues] == [("reportedly", "reported")]
