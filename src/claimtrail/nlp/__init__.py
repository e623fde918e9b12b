"""spaCy pipeline: the English model plus claimtrail's extractor components."""
