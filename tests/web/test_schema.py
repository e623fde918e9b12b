"""Schemathesis against the OpenAPI spec: generated requests never cause a 5xx, and every answer
matches the documented status codes, content types and schemas (a bounded number of examples per
operation, on the session ledger holding the example corpus). POST /api/articles is exercised without
a token: it must answer the documented 401."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from claimtrail.web.app import create_app

# Operation labels come from the spec of an app over an empty in-memory ledger (same routes).
_LABELS = [
    f"{method.upper()} {path}"
    for path, item in create_app(":memory:").openapi()["paths"].items()
    for method in item
]


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


@pytest.mark.parametrize("label", _LABELS)
def test_operation_conforms_to_the_spec(api_schema, label):
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        case.call_and_validate()

    run()


def test_every_operation_is_tested():
    assert len(_LABELS) >= 9 and "POST /api/articles" in _LABELS
