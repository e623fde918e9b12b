"""The quantities and events components as declared spaCy components: what they assign and read,
the resources their config names (checked against a schema when loaded), each working without the
components it reads from, and number words read from numbers.yaml."""

from __future__ import annotations

import pytest
from spacy.language import Language

import claimtrail.extract.events  # noqa: F401  (registers the factory)
import claimtrail.extract.quantities  # noqa: F401  (registers the factory)
from claimtrail import resources
from claimtrail.errors import ResourceError
from claimtrail.extract.events import EventsFile
from claimtrail.extract.numbers import NumberWords, find_numbers, parse_number, vocabulary
from claimtrail.extract.quantity_words import QuantityWords
from claimtrail.nlp.pipeline import load_base_model, make_doc


@pytest.fixture(scope="module")
def base():
    return load_base_model()


@pytest.mark.parametrize(
    ("factory", "resources_named"),
    [
        (
            "claimtrail_quantities",
            {"resource": "quantities.yaml", "numbers": "numbers.yaml", "calendar": "temporal.yaml"},
        ),
        ("claimtrail_events", {"resource": "events.yaml", "subjects": "subjects.yaml"}),
    ],
)
def test_each_factory_declares_what_it_writes_and_the_resources_it_reads(factory, resources_named):
    meta = Language.get_factory_meta(factory)
    assert meta.assigns == ["doc._.quantities"]
    assert meta.default_config == resources_named
    assert all(r.startswith(("doc.", "token.")) for r in meta.requires)


def test_what_each_component_reads():
    assert set(Language.get_factory_meta("claimtrail_quantities").requires) == {"doc._.times", "doc.ents"}
    events = set(Language.get_factory_meta("claimtrail_events").requires)
    assert {"doc._.quantities", "doc._.places", "doc._.actors", "token.dep", "token.lemma"} <= events


@pytest.mark.parametrize(
    ("name", "schema"),
    [("quantities.yaml", QuantityWords), ("events.yaml", EventsFile), ("numbers.yaml", NumberWords)],
)
def test_the_shipped_resources_fit_their_schemas(name, schema):
    assert resources.check(name, resources.load(name), schema)


def test_a_misspelt_key_of_quantities_yaml_is_refused_with_the_file_and_key():
    data = {**resources.load("quantities.yaml"), "approximaters": ["about"]}
    with pytest.raises(ResourceError, match=r"resources/quantities.yaml: approximaters:"):
        resources.check("quantities.yaml", data, QuantityWords)


def test_a_word_yaml_reads_as_false_is_refused():
    data = {**resources.load("quantities.yaml"), "one_pronoun_before": ["the", False]}  # a bare no
    with pytest.raises(ResourceError, match=r"one_pronoun_before\.1"):
        resources.check("quantities.yaml", data, QuantityWords)


@pytest.mark.parametrize("factory", ["claimtrail_quantities", "claimtrail_events"])
def test_the_config_names_the_file_that_is_loaded(base, factory):
    nlp = load_base_model()
    with pytest.raises(ResourceError, match="resources/no-such-file.yaml"):
        nlp.add_pipe(factory, config={"resource": "no-such-file.yaml"})


def test_quantities_alone_in_a_pipeline(base):
    nlp = load_base_model()
    nlp.add_pipe("claimtrail_quantities")
    doc = nlp(make_doc(nlp, "The column of 1,500 trucks moved 39.3 km."))
    assert [(q.text, q.value, q.unit) for q in doc._.quantities] == [
        ("1,500", 1500.0, None),
        ("39.3 km", 39.3, "km"),
    ]


def test_events_without_places_and_actors(base):
    nlp = load_base_model()
    nlp.add_pipe("claimtrail_quantities")
    nlp.add_pipe("claimtrail_events")
    doc = nlp(make_doc(nlp, "North Korea has deployed 1,500 troops to the border."))
    (q,) = doc._.quantities
    assert (q.counted_lemma, q.event, q.kind) == ("troop", "deployed", "count")
    assert q.owner is not None and q.owner.text == "North Korea" and q.owner_country is None


def test_events_without_quantities(base):
    nlp = load_base_model()
    nlp.add_pipe("claimtrail_events")
    doc = nlp(make_doc(nlp, "North Korea has deployed 1,500 troops to the border."))
    assert doc._.quantities is None


def test_number_words_come_from_numbers_yaml():
    numbers = resources.load("numbers.yaml")
    for table in ("ones", "teens", "tens"):
        for word, value in numbers[table].items():
            if word != "one":  # "one" alone may be a pronoun; read in context below
                assert parse_number(word) == value
    assert parse_number("one hundred") == 100
    for word, value in numbers["scales"].items():
        assert parse_number(f"two {word}") == 2 * value
    assert parse_number("thirtieth") == 30


def test_another_number_words_file_is_read(monkeypatch):
    shipped = resources.load

    def load(name):
        if name == "numbers-extra.yaml":
            data = shipped("numbers.yaml")
            return {**data, "ones": {**data["ones"], "nada": 0, "uno": 1}}
        return shipped(name)

    monkeypatch.setattr(resources, "load", load)
    vocab = vocabulary("numbers-extra.yaml")
    assert [m.value for m in find_numbers("uno hundred and twelve", vocab=vocab)] == [112]
    assert [m.value for m in find_numbers("uno hundred and twelve")] == [12]  # shipped words unchanged


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("five and a half million", 5_500_000),
        ("one hundred and three quarters", 100.75),
        ("two hundred and six", 206),
        ("a couple", None),
    ],
)
def test_the_and_of_a_cardinal(text, value):
    assert parse_number(text) == value
