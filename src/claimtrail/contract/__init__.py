"""The JSON contracts of PRODUCT.md (claims.jsonl, annotate, track), each built and read in one module here."""
