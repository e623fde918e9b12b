"""PLACEHOLDER component: sets doc._.quantities to an empty list until the real extractor lands."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("claimtrail_quantities")
def make_component(nlp: Language, name: str) -> "Component":
    return Component()


class Component:
    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = []
        return doc
