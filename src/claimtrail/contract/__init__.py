"""The contracts of PRODUCT.md as JSON, built from the typed objects at the edges (CLI, web, export)."""
