"""The array attribute ruler (nlp/ruler.py) sets exactly what spaCy's AttributeRuler sets."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler, Lemmatizer

from claimtrail.ingest.read import iter_inputs
from claimtrail.model import Article
from claimtrail.nlp.pipeline import load_base_model, load_pipeline
from claimtrail.nlp.ruler import (
    ArrayAttributeRuler,
    ArrayLemmatizer,
    Unsupported,
    _array_lemmatizer_class,
    compile_ruler,
    use_array_ruler,
)

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]

# Written for these tests: contractions, expletives, auxiliaries as main verbs, pronoun objects,
# spaces and blank lines, the shapes the model's exception patterns are about.
TEXTS = [
    "There are 40 trucks at the border, and there's a queue, officials said on Monday.",
    "Y'all ain't seen nothin' yet, the commander told them; we don't know and I'd rather not say.",
    "She has a plan. They did it twice. Give it to me, he asked, and she gave it to him.",
    "The ministry does not confirm the figure; it has been revised, and it is disputed.\n\n\nMore later.",
    "  \n  Which of these convoys was hit?  That one, which the governor named, was.\t\n",
    "I'm told you're right: they've left and we'll see. Whether or not it holds, nobody knows.",
    "",
    "\n\n",
    "Nt nt n't NT: 12,000 displaced, 3 killed, 1.5 million tonnes.",
]


@pytest.fixture(scope="module")
def base():
    return load_base_model()


def _corpus() -> list[str]:
    return [a.text for a in iter_inputs([str(ROOT / "examples" / "kursk")]) if isinstance(a, Article)]


def _both(nlp, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each text parsed up to the ruler, then ruled by spaCy's ruler and by the array ruler."""
    spacy_ruler = nlp.get_pipe("attribute_ruler")
    assert type(spacy_ruler) is AttributeRuler
    array_ruler = AttributeRuler(nlp.vocab, name="array")
    array_ruler.add_patterns(spacy_ruler.patterns)
    array_ruler.__class__ = ArrayAttributeRuler
    out = []
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        for doc in nlp.pipe(texts):
            a, b = spacy_ruler(doc.copy()), array_ruler(doc.copy())
            out.append((a.to_array(COLUMNS), b.to_array(COLUMNS)))
    return out


def test_same_attributes_as_spacy_on_written_texts(base):
    for expected, got in _both(base, TEXTS):
        assert np.array_equal(expected, got)


def test_same_attributes_as_spacy_on_the_example_corpus(base):
    texts = _corpus()
    assert len(texts) > 20
    for expected, got in _both(base, texts):
        assert np.array_equal(expected, got)


def test_the_pipeline_uses_the_array_ruler_and_parses_as_the_model_does(base):
    nlp = load_pipeline()
    assert type(nlp.get_pipe("attribute_ruler")) is ArrayAttributeRuler
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)  # config checks still see a ruler
    text = TEXTS[1] + " " + TEXTS[0]
    doc = nlp(text)
    expected = base(text)
    assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc] == [
        (t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in expected
    ]
    assert any(t.lemma_ == "be" and t.lower_ == "ai" for t in doc)  # the two-token "ai n't" pattern


def test_a_ruler_with_operators_is_left_to_spacy(base):
    nlp = load_base_model()
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "border"}, {"IS_PUNCT": True, "OP": "?"}]], {"LEMMA": "frontier"})
    with pytest.raises(Unsupported):
        compile_ruler(ruler)
    assert not use_array_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_patterns_added_later_are_applied_and_unsupported_ones_fall_back(base):
    nlp = load_base_model()
    assert use_array_ruler(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    assert [t.lemma_ for t in nlp("the border")][1] == "border"
    ruler.add([[{"LOWER": "border"}]], {"LEMMA": "frontier"})
    assert [t.lemma_ for t in nlp("the border")][1] == "frontier"
    ruler.add([[{"LOWER": "the"}, {"LOWER": "border", "OP": "+"}]], {"LEMMA": "edge"}, index=1)
    assert [t.lemma_ for t in nlp("the border")][1] == "edge"


def _lemmas(nlp, texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """Each text parsed up to the lemmatizer, then lemmatized by spaCy's and by the array one."""
    spacy_lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(spacy_lemmatizer, Lemmatizer)
    assert not isinstance(spacy_lemmatizer, ArrayLemmatizer)
    array_lemmatizer = copy.copy(spacy_lemmatizer)
    array_lemmatizer.cache = {}
    array_lemmatizer.__class__ = _array_lemmatizer_class(type(spacy_lemmatizer))
    out = []
    with nlp.select_pipes(disable=["lemmatizer", "ner"]):
        for doc in nlp.pipe(texts):
            a, b = spacy_lemmatizer(doc.copy()), array_lemmatizer(doc.copy())
            out.append(([t.lemma_ for t in a], [t.lemma_ for t in b]))
    return out


def test_same_lemmas_as_spacy(base):
    texts = TEXTS + _corpus()
    for expected, got in _lemmas(base, texts):
        assert expected == got
    # the ruler's own lemmas are kept, the others looked up: "ai" (ruler) and "said" (rules)
    doc = load_pipeline()("They ain't there, the governor said.")
    assert [t.lemma_ for t in doc][1:3] == ["be", "not"]
    assert doc[-2].lemma_ == "say"


def test_the_pipeline_uses_the_array_lemmatizer():
    lemmatizer = load_pipeline().get_pipe("lemmatizer")
    assert isinstance(lemmatizer, ArrayLemmatizer)
    assert lemmatizer.is_base_form.__qualname__.startswith("EnglishLemmatizer")  # English's own rules


def test_doc_text_reads_the_kept_text_where_spacy_keeps_it():
    from claimtrail.nlp.extensions import TEXT_KEY, doc_text
    from claimtrail.nlp.pipeline import make_doc

    nlp = load_pipeline()
    doc = make_doc(nlp, "Two convoys crossed at dawn.")
    assert doc.user_data.get(TEXT_KEY) == "Two convoys crossed at dawn."  # the fast path's key
    plain = nlp.make_doc("Three more followed.")
    assert doc_text(plain) == "Three more followed." == plain._.text_cache  # kept on first use
