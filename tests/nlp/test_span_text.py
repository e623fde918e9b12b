"""``span_text``: a span's text cut from the Doc's kept text, the same string spaCy builds."""

from __future__ import annotations

from claimtrail.nlp.extensions import span_text


def test_span_text_is_the_span_text_for_every_short_span(nlp):
    doc = nlp.make_doc(
        "KYIV, March 3 (Harbour Wire) — Some 40 people left Sumy's  outskirts on Monday,\n\n"
        "officials said. \u201cWe stayed,\u201d one resident told reporters."
    )
    for start in range(len(doc)):
        for end in range(start, min(len(doc), start + 4) + 1):
            assert span_text(doc, start, end) == doc[start:end].text


def test_span_text_of_nothing_and_past_the_end(nlp):
    doc = nlp.make_doc("Troops moved north.")
    assert span_text(doc, 2, 2) == ""
    assert span_text(doc, 2, 10) == "north."
