"""Fixtures of the watch tests: a site served on 127.0.0.1 (the ledger: tests/conftest.py)."""

from __future__ import annotations

import pytest

from .server import Site, serve


@pytest.fixture
def site():
    """A Site served on 127.0.0.1 for the length of the test."""
    site = Site()
    server = serve(site)
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
