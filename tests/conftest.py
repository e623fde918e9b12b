"""Shared fixtures: one loaded pipeline per test session."""

from __future__ import annotations

from datetime import date

import pytest

from claimtrail.nlp.pipeline import load_pipeline, make_doc


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def annotate(nlp):
    """annotate(text, published=None) -> Doc through the full pipeline."""

    def run(text: str, published: date | None = None):
        return nlp(make_doc(nlp, text, published))

    return run
