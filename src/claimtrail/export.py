"""Exports of the ledger: JSONL (the claims.jsonl contract, exactly), CSV, Parquet and GeoJSON.

JSONL is what outside tools read: one claim a line, the fields of PRODUCT.md in contract order. CSV
and Parquet flatten the same objects for pandas and R; GeoJSON gives one point feature per claim
place for QGIS.

Writing a file is atomic: the export goes to a temporary file in the target's folder, is flushed to
disk, then renamed over the target, so a full disk or an interrupted run leaves either the old file
or the complete new one, never a truncated one (see ``export_to_file``).
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import InputError, OutputError
from .model import Claim

if TYPE_CHECKING:
    from .fusion.results import Grade

FORMATS = ("jsonl", "csv", "parquet", "geojson")
CONTRACT_VERSION = "1"

CSV_COLUMNS = (
    "claim_id",
    "article_id",
    "article_url",
    "published",
    "kind",
    "event",
    "subject_text",
    "subject_normalized",
    "subject_country",
    "quantity_text",
    "value",
    "low",
    "high",
    "approximate",
    "unit",
    "normalized_value",
    "normalized_unit",
    "event_time_start",
    "event_time_end",
    "statement_time_start",
    "statement_time_end",
    "places",
    "place_countries",
    "speaker",
    "speaker_type",
    "origin",
    "origin_type",
    "chain",
    "modality",
    "cues",
    "start",
    "end",
    "sentence",
    "reliability",
    "credibility",
)

#: Admiralty grades per claim id, as ``claimtrail.fusion.claim_grades(ledger)`` gives them.
Grades = dict[str, "Grade"]


def flatten(claim: dict[str, Any], grades: Grades | None = None) -> dict[str, Any]:
    """One contract claim as a flat row (CSV/Parquet): nested objects spread into columns, plus the
    claim's Admiralty grade (source reliability A-F, information credibility 1-6) where given."""
    grade = (grades or {}).get(claim["claim_id"])
    subject = claim.get("subject") or {}
    quantity = claim.get("quantity") or {}
    event_time = claim.get("event_time") or {}
    statement_time = claim.get("statement_time") or {}
    chain = claim.get("attribution") or []
    places = claim.get("places") or []
    return {
        "claim_id": claim["claim_id"],
        "article_id": claim["article_id"],
        "article_url": claim.get("article_url"),
        "published": claim.get("published"),
        "kind": claim["kind"],
        "event": claim.get("event"),
        "subject_text": subject.get("text"),
        "subject_normalized": subject.get("normalized"),
        "subject_country": subject.get("country"),
        "quantity_text": quantity.get("text"),
        "value": quantity.get("value"),
        "low": quantity.get("low"),
        "high": quantity.get("high"),
        "approximate": quantity.get("approximate"),
        "unit": quantity.get("unit"),
        "normalized_value": quantity.get("normalized_value"),
        "normalized_unit": quantity.get("normalized_unit"),
        "event_time_start": event_time.get("start"),
        "event_time_end": event_time.get("end"),
        "statement_time_start": statement_time.get("start"),
        "statement_time_end": statement_time.get("end"),
        "places": "; ".join(p.get("name") or "" for p in places),
        "place_countries": "; ".join(p.get("country") or "" for p in places),
        "speaker": chain[0].get("name") if chain else None,
        "speaker_type": chain[0].get("type") if chain else None,
        "origin": chain[-1].get("name") if chain else None,
        "origin_type": chain[-1].get("type") if chain else None,
        "chain": " <- ".join(a.get("name") or a.get("text") or "?" for a in chain),
        "modality": claim.get("modality"),
        "cues": "; ".join(claim.get("cues") or []),
        "start": claim["start"],
        "end": claim["end"],
        "sentence": claim.get("sentence"),
        "reliability": grade.reliability if grade else None,
        "credibility": grade.credibility if grade else None,
    }


def write_jsonl(claims: Iterable[Claim], out: IO[str]) -> int:
    n = 0
    for claim in claims:
        out.write(json.dumps(claim.to_contract(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(claims: Iterable[Claim], out: IO[str], grades: Grades | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS))
    writer.writeheader()
    n = 0
    for claim in claims:
        writer.writerow(flatten(claim.to_contract(), grades))
        n += 1
    return n


def write_parquet(claims: Iterable[Claim], path: str, grades: Grades | None = None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flatten(c.to_contract(), grades) for c in claims]
    columns = {name: [r[name] for r in rows] for name in CSV_COLUMNS}
    table = pa.table(columns)
    table = table.replace_schema_metadata({"claimtrail_contract": CONTRACT_VERSION})
    # Through our own handle: given a path, pyarrow deletes it after a failed write, and that path
    # may be a device (``-o /dev/full`` would remove /dev/full itself when run as root).
    with open(path, "wb") as fh:
        pq.write_table(table, fh)
    return len(rows)


def geojson(claims: Iterable[Claim]) -> dict[str, Any]:
    """A FeatureCollection: one point per (claim, place) with coordinates."""
    features = []
    for claim in claims:
        c = claim.to_contract()
        for place in c["places"]:
            if place.get("lat") is None or place.get("lon") is None:
                continue
            row = flatten(c)
            row["place"] = place.get("name")
            row["gazetteer_id"] = place.get("gazetteer_id")
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                    "properties": row,
                }
            )
    return {"type": "FeatureCollection", "features": features}


def export(
    claims: Iterable[Claim],
    fmt: str,
    out: IO[str] | None = None,
    path: str | None = None,
    grades: Grades | None = None,
) -> int:
    """Write claims in a format to a text stream (jsonl, csv, geojson) or a file (parquet).

    ``grades`` (``claimtrail.fusion.claim_grades(ledger)``) fills the CSV/Parquet columns
    ``reliability`` and ``credibility``; the JSONL contract never carries them."""
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not path:
            raise InputError("--format parquet", "needs an output file: give --output FILE.parquet")
        return write_parquet(claims, path, grades)
    assert out is not None
    if fmt == "jsonl":
        return write_jsonl(claims, out)
    if fmt == "csv":
        return write_csv(claims, out, grades)
    collection = geojson(claims)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])


def export_to_file(claims: Iterable[Claim], fmt: str, path: str | Path, grades: Grades | None = None) -> int:
    """Write an export to the file ``path`` atomically and return how many claims/features it holds.

    A regular file (new or existing) is replaced only once the whole export is on disk; on any
    error the temporary file is removed and ``OutputError`` says why, leaving no partial file. A
    device or pipe (``/dev/stdout``, a FIFO) cannot be renamed over, so it is written directly."""
    target = Path(path)
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        if not is_regular_target(target):
            return write_export(claims, fmt, target, grades)
        with atomic_file(Path(os.path.realpath(target))) as tmp:
            return write_export(claims, fmt, tmp, grades)
    except OSError as exc:
        raise OutputError(str(target), f"cannot write the export: {exc.strerror or exc}") from None


def is_regular_target(path: Path) -> bool:
    """True when ``path`` is, or will be, a regular file (so it may be replaced by a rename)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True


def write_export(claims: Iterable[Claim], fmt: str, path: Path, grades: Grades | None) -> int:
    """Write one export straight to ``path`` and flush it to disk."""
    if fmt == "parquet":
        n = write_parquet(claims, str(path), grades)
        if stat.S_ISREG(os.stat(path).st_mode):
            fsync_path(path)
        return n
    with open(path, "w", encoding="utf-8", newline="") as fh:
        n = export(claims, fmt, out=fh, grades=grades)
        fh.flush()
        if stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            os.fsync(fh.fileno())
    return n


@contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target``; renamed over ``target`` when the block succeeds, removed
    when it raises (anything, including KeyboardInterrupt). The file gets the usual umask mode."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_directory(target.parent)


def fsync_path(path: Path) -> None:
    """Flush a written file's data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable; some file systems cannot, which is no reason to fail."""
    with suppress(OSError):
        fsync_path(folder)
