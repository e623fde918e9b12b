"""Extractors: one spaCy component per kind of mention (see nlp/pipeline.py for the order)."""
