"""The pipeline assembled from its config: order, exclusion, replacement, settings, and the check that
every component finds what it requires assigned by an earlier one."""

from __future__ import annotations

import logging

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config, load_config_from_str

from claimtrail import resources
from claimtrail.annotate import annotate_paths, annotate_text
from claimtrail.nlp.pipeline import (
    COMPONENTS,
    FACTORY_MODULES,
    PipelineError,
    UnmetRequirementError,
    component_names,
    load_pipeline,
    make_doc,
    pipeline_config,
    resolve_exclude,
)

TEXT = "About 300 marines landed near Odesa on Friday, the navy said."

# Toy components: one marks the Doc, one reads the mark (and declares that it requires it).
if not Doc.has_extension("toy_mark"):
    Doc.set_extension("toy_mark", default=None)


class ToyMarker:
    def __init__(self, label: str) -> None:
        self.label = label

    def __call__(self, doc: Doc) -> Doc:
        doc._.toy_mark = self.label
        return doc


@Language.factory("test_toy_marker", assigns=["doc._.toy_mark"], default_config={"label": "marked"})
def make_toy_marker(nlp: Language, name: str, label: str) -> ToyMarker:
    return ToyMarker(label)


@Language.component("test_toy_reader", requires=["doc._.toy_mark"])
def toy_reader(doc: Doc) -> Doc:
    return doc


@Language.component("test_toy_places", assigns=["doc._.places"])
def toy_places(doc: Doc) -> Doc:
    """A replacement places component: it finds no places."""
    doc._.places = []
    return doc


def toy_config(*names: str, **settings: str):
    """A pipeline config of toy components (``marker``, ``reader``) in the given order."""
    factories = {"marker": "test_toy_marker", "reader": "test_toy_reader"}
    text = "[nlp]\npipeline = [" + ", ".join(f'"{n}"' for n in names) + "]\n\n[components]\n"
    for name in names:
        text += f'\n[components.{name}]\nfactory = "{factories[name]}"\n'
    config = load_config_from_str(text)
    for key, value in settings.items():
        config["components"]["marker"][key] = value
    return config


def marker_label(nlp: Language) -> str:
    """The label the toy marker of ``nlp`` was built with."""
    marker = nlp.get_pipe("marker")
    assert isinstance(marker, ToyMarker)
    return marker.label


def claimtrail_pipes(nlp: Language) -> list[str]:
    return [name for name in nlp.pipe_names if name in dict(COMPONENTS)]


def test_shipped_config_sets_the_order():
    shipped = load_config(resources.path("pipeline.cfg"))["nlp"]["pipeline"]
    assert list(component_names()) == shipped
    assert [name for name, _ in COMPONENTS] == shipped
    assert claimtrail_pipes(load_pipeline()) == shipped
    names = list(shipped)
    assert names.index("claimtrail_times") < names.index("claimtrail_quantities")
    assert names.index("claimtrail_events") > names.index("claimtrail_places")
    assert set(FACTORY_MODULES) >= {name for name, _ in COMPONENTS}


def test_a_config_of_its_own_sets_order_and_members():
    config = pipeline_config()
    config["nlp"]["pipeline"] = ["claimtrail_times", "marker", "claimtrail_quantities"]
    config["components"]["marker"] = {"factory": "test_toy_marker"}
    nlp = load_pipeline(config=config)
    assert nlp.pipe_names[-3:] == ["claimtrail_times", "marker", "claimtrail_quantities"]
    assert claimtrail_pipes(nlp) == ["claimtrail_times", "claimtrail_quantities"]


def test_excluding_places_gives_no_places_but_quantities_still_found():
    nlp = load_pipeline(exclude=["places"])
    assert "claimtrail_places" not in nlp.pipe_names
    assert load_pipeline(exclude=("claimtrail_places",)) is nlp  # both spellings, one cached load
    doc = nlp(make_doc(nlp, TEXT))
    assert not doc._.places
    assert [q.value for q in doc._.quantities] == [300]
    annotated = annotate_text(TEXT, exclude=["places"])
    assert annotated["places"] == []
    assert [q["text"] for q in annotated["quantities"]] == ["300"]
    assert annotate_text(TEXT)["places"], "the full pipeline finds Odesa"


def test_unknown_component_name_is_one_line_naming_the_known_ones():
    with pytest.raises(PipelineError) as caught:
        load_pipeline(exclude=["places", "weather"])
    message = str(caught.value)
    assert "'weather'" in message and "known: times, quantities, places, actors" in message
    assert "\n" not in message
    assert resolve_exclude(["modality", "claimtrail_times", "times"]) == (
        "claimtrail_times",
        "claimtrail_modality",
    )


def test_unknown_name_is_refused_before_any_input_is_read():
    with pytest.raises(PipelineError, match="'weather' is not a pipeline component"):
        next(annotate_paths(["/no/such/file.txt"], exclude=["weather"]))


def test_a_missing_config_file_is_one_line(tmp_path):
    with pytest.raises(PipelineError, match=r"pipeline config .*nothing\.cfg: cannot be read"):
        load_pipeline(config=tmp_path / "nothing.cfg")


def test_requirement_not_met_is_caught():
    with pytest.raises(UnmetRequirementError, match=r"reader requires doc\._\.toy_mark"):
        load_pipeline(config=toy_config("reader"))
    with pytest.raises(UnmetRequirementError, match="no earlier component assigns"):
        load_pipeline(config=toy_config("reader", "marker"))  # assigned, but too late
    nlp = load_pipeline(config=toy_config("marker", "reader"))
    assert nlp.pipe_names[-2:] == ["marker", "reader"]


def test_requirement_of_an_excluded_component_is_only_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="claimtrail.nlp.pipeline"):
        nlp = load_pipeline(config=toy_config("marker", "reader"), exclude=["marker"])
    assert nlp.pipe_names[-1] == "reader" and "marker" not in nlp.pipe_names
    assert "reader requires doc._.toy_mark, which the excluded marker assigns" in caplog.text


def test_settings_come_from_the_config_or_the_factory_default():
    default = load_pipeline(config=toy_config("marker"))
    assert marker_label(default) == "marked"
    swapped = load_pipeline(config=toy_config("marker", label="other"))
    assert marker_label(swapped) == "other"
    assert swapped(swapped.make_doc("A text."))._.toy_mark == "other"


def test_overrides_reach_the_factory(tmp_path):
    path = tmp_path / "toy.cfg"
    toy_config("marker").to_disk(path)
    config = pipeline_config(path, overrides={"components.marker.label": "overridden"})
    assert marker_label(load_pipeline(config=config)) == "overridden"


def test_bad_setting_or_factory_is_a_clear_error():
    with pytest.raises(PipelineError, match=r"^\[components\.marker\] colour: unexpected argument"):
        load_pipeline(config=toy_config("marker", colour="red"))
    config = toy_config("marker")
    config["components"]["marker"]["factory"] = "no_such_factory"
    with pytest.raises(PipelineError, match="no spaCy factory 'no_such_factory'"):
        load_pipeline(config=config)


def test_replacing_a_component_keeps_its_place(tmp_path):
    config = pipeline_config()
    config["components"]["claimtrail_places"] = {"factory": "test_toy_places"}
    path = tmp_path / "pipeline.cfg"
    config.to_disk(path)
    nlp = load_pipeline(config=path)
    assert claimtrail_pipes(nlp) == [name for name, _ in COMPONENTS]
    assert nlp.get_pipe_meta("claimtrail_places").factory == "test_toy_places"
    doc = nlp(make_doc(nlp, TEXT))
    assert doc._.places == [] and [q.value for q in doc._.quantities] == [300]


def test_a_replacement_must_assign_what_later_components_require():
    config = pipeline_config()
    config["nlp"]["pipeline"] = ["claimtrail_places", "claimtrail_actors"]
    config["components"]["claimtrail_places"] = {"factory": "test_toy_marker"}
    with pytest.raises(UnmetRequirementError, match=r"claimtrail_actors requires doc\._\.places"):
        load_pipeline(config=config)
