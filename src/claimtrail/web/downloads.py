"""Downloads of the claims table's current filter: CSV (``export.flatten`` rows), JSONL (the
claims.jsonl contract, one ``claim_to_json`` object a line, as ``claimtrail export`` writes it) and
GeoJSON (one point per claim place with coordinates, as ``export.geojson``). Each is a generator of
text chunks for a ``StreamingResponse``: rows are written as ``TableQuery.claims`` yields them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from ..contract.claims import claim_to_json
from ..export import CSV_COLUMNS, flatten, geojson
from ..model import Claim
from .table import TableContext

#: format -> (media type, file extension)
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "geojson": ("application/geo+json", "geojson"),
}


def csv_chunks(claims: Iterable[Claim], context: TableContext) -> Iterator[str]:
    """A header line, then one flat row a claim (grades from ``context``), as ``export --format csv``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS))
    writer.writeheader()
    grades = dict(context.grades)
    for claim in claims:
        writer.writerow(flatten(claim, grades))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def jsonl_chunks(claims: Iterable[Claim], _context: TableContext) -> Iterator[str]:
    """The claims.jsonl contract: one object a line."""
    for claim in claims:
        yield json.dumps(claim_to_json(claim), ensure_ascii=False) + "\n"


def geojson_chunks(claims: Iterable[Claim], _context: TableContext) -> Iterator[str]:
    """A FeatureCollection written feature by feature (claims without coordinates add none)."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for claim in claims:
        for feature in geojson([claim])["features"]:
            yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
            first = False
    yield "]}\n"


WRITERS = {"csv": csv_chunks, "jsonl": jsonl_chunks, "geojson": geojson_chunks}
