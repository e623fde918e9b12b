"""The time and place components as declared spaCy components: what they assign and read, the
resources their config names (checked against a schema when loaded), and the vocabularies they
share (number words from numbers.yaml, month and day names from temporal.yaml)."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

import claimtrail.extract.temporal  # noqa: F401  (registers the factory)
import claimtrail.geo
from claimtrail import resources
from claimtrail.errors import ResourceError
from claimtrail.extract.places import PlacesComponent
from claimtrail.extract.temporal import resolve_times
from claimtrail.extract.timeparse import TemporalWords, calendar_names, lexicon
from claimtrail.geo.words import PlacesData
from claimtrail.nlp.pipeline import load_base_model, make_doc


@pytest.fixture(scope="module")
def base():
    return load_base_model()


@pytest.mark.parametrize(
    ("factory", "assigns", "resources_named"),
    [
        ("claimtrail_times", ["doc._.times"], {"resource": "temporal.yaml", "numbers": "numbers.yaml"}),
        ("claimtrail_places", ["doc._.places"], {"resource": "places.yaml", "calendar": "temporal.yaml"}),
    ],
)
def test_each_factory_declares_what_it_writes_and_the_resources_it_reads(factory, assigns, resources_named):
    meta = Language.get_factory_meta(factory)
    assert meta.assigns == assigns
    assert meta.default_config == resources_named
    assert all(r.startswith(("doc.", "token.")) for r in meta.requires)


def test_places_reads_the_entities_and_the_parse():
    requires = Language.get_factory_meta("claimtrail_places").requires
    assert {"doc.ents", "token.ent_type", "token.pos", "token.dep"} <= set(requires)


@pytest.mark.parametrize(("name", "schema"), [("temporal.yaml", TemporalWords), ("places.yaml", PlacesData)])
def test_the_shipped_resources_fit_their_schemas(name, schema):
    assert resources.check(name, resources.load(name), schema)


def test_a_misspelt_key_is_refused_with_the_file_and_key():
    data = {**resources.load("places.yaml"), "region_wordz": ["oblast"]}
    with pytest.raises(ResourceError, match=r"resources/places.yaml: region_wordz:"):
        resources.check("places.yaml", data, PlacesData)


def test_a_demonym_code_must_be_a_string():
    data = dict(resources.load("places.yaml"))
    data["demonyms"] = {**data["demonyms"], "Norwegian": False}  # what YAML makes of a bare NO
    with pytest.raises(ResourceError, match=r"demonyms\.Norwegian"):
        resources.check("places.yaml", data, PlacesData)


@pytest.mark.parametrize("factory", ["claimtrail_times", "claimtrail_places"])
def test_the_config_names_the_file_that_is_loaded(base, factory):
    nlp = load_base_model()
    with pytest.raises(ResourceError, match="resources/no-such-file.yaml"):
        nlp.add_pipe(factory, config={"resource": "no-such-file.yaml"})


def test_times_alone_in_a_pipeline(base):
    nlp = load_base_model()
    nlp.add_pipe("claimtrail_times")
    doc = nlp(make_doc(nlp, "The convoy left three days ago.", date(2025, 3, 6)))
    assert [(t.text, t.value) for t in doc._.times] == [("three days ago", "2025-03-03")]


def test_places_alone_in_a_pipeline_finds_demonyms(base):
    nlp = load_base_model()
    nlp.add_pipe("claimtrail_places")
    doc = nlp(make_doc(nlp, "Ukrainian forces captured two North Korean soldiers near the border."))
    assert [(p.text, p.country, p.demonym) for p in doc._.places] == [
        ("Ukrainian", "UA", True),
        ("North Korean", "KP", True),
    ]


def test_number_words_come_from_numbers_yaml():
    numbers = resources.load("numbers.yaml")
    lex = lexicon()
    for table in ("ones", "teens", "tens"):
        for word, value in numbers[table].items():
            assert lex.parse_number(word) == value
    assert lex.parse_day("twenty-first") == 21
    assert lex.parse_day("thirtieth") == 30
    assert lex.parse_day("fortieth") is None  # no day of a month
    assert "seventeen" not in resources.load("temporal.yaml").get("number_phrases", {})
    assert [t.value for t in resolve_times("The siege lasted seventeen days.", date(2025, 3, 6))] == ["P17D"]


def test_month_and_day_names_are_listed_once():
    names = calendar_names()
    assert names[:2] == ["january", "february"] and "sunday" in names
    listed = {w.lower() for w in resources.load("places.yaml")["not_places"]}
    assert not listed & set(names)
    component = PlacesComponent()
    assert {"january", "march", "sunday"} <= component.finder.not_places


def _imports(module: str) -> set[str]:
    src = Path(claimtrail.geo.__file__).parent / f"{module}.py"
    tree = ast.parse(src.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add(node.module or "")
    return found


def test_no_import_cycle_between_the_gazetteer_and_the_resolver():
    assert "resolve" in _imports("__init__")
    assert "gazetteer" in _imports("resolve")
    assert "resolve" not in _imports("gazetteer")
    for module in ("claimtrail.geo.resolve", "claimtrail.geo.gazetteer"):
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
