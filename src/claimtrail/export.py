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

from .contract.claims import claim_to_json
from .errors import InputError, OutputError
from .model import Claim, Quantity

if TYPE_CHECKING:
    from .fusion.results import Grade

FORMATS = ("jsonl", "csv", "parquet", "geojson")
CONTRACT_VERSION = "1.1"

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
    "review_status",
    "review_note",
    "review_by",
    "review_at",
    "corrected",
)

#: Admiralty grades per claim id, as ``claimtrail.fusion.claim_grades(ledger)`` gives them.
Grades = dict[str, "Grade"]


def flatten(claim: Claim, grades: Grades | None = None) -> dict[str, Any]:
    """One claim as a flat row (CSV/Parquet): nested parts spread into columns, plus the claim's
    Admiralty grade (source reliability A-F, information credibility 1-6) where given."""
    grade = (grades or {}).get(claim.claim_id)
    subject, quantity, chain = claim.subject, claim.quantity, claim.attribution
    return {
        "claim_id": claim.claim_id,
        "article_id": claim.article_id,
        "article_url": claim.article_url,
        "published": claim.published,
        "kind": claim.kind,
        "event": claim.event,
        "subject_text": subject.text,
        "subject_normalized": subject.normalized,
        "subject_country": subject.country,
        **_quantity_columns(quantity),
        "event_time_start": claim.event_time.start if claim.event_time else None,
        "event_time_end": claim.event_time.end if claim.event_time else None,
        "statement_time_start": claim.statement_time.start if claim.statement_time else None,
        "statement_time_end": claim.statement_time.end if claim.statement_time else None,
        "places": "; ".join(p.name for p in claim.places),
        "place_countries": "; ".join(p.country or "" for p in claim.places),
        "speaker": chain[0].name if chain else None,
        "speaker_type": chain[0].type if chain else None,
        "origin": chain[-1].name if chain else None,
        "origin_type": chain[-1].type if chain else None,
        "chain": " <- ".join(a.name or a.text or "?" for a in chain),
        "modality": claim.modality,
        "cues": "; ".join(claim.cues),
        "start": claim.start,
        "end": claim.end,
        "sentence": claim.sentence,
        "reliability": grade.reliability if grade else None,
        "credibility": grade.credibility if grade else None,
        **_review_columns(claim),
    }


def _review_columns(claim: Claim) -> dict[str, Any]:
    """The desk's columns: review status (``unreviewed`` when the desk holds nothing), its note, who
    and when, and the corrected fields ("; "-joined; the row carries the corrected values)."""
    review = claim.review
    if review is None:
        return {
            "review_status": "unreviewed",
            "review_note": None,
            "review_by": None,
            "review_at": None,
            "corrected": "",
        }
    return {
        "review_status": review.status,
        "review_note": review.note,
        "review_by": review.by,
        "review_at": review.at,
        "corrected": "; ".join(review.corrected),
    }


def _quantity_columns(quantity: Quantity | None) -> dict[str, Any]:
    """The figure's columns of a flat row (all empty for a statement)."""
    if quantity is None:
        return dict.fromkeys(
            (
                "quantity_text",
                "value",
                "low",
                "high",
                "approximate",
                "unit",
                "normalized_value",
                "normalized_unit",
            )
        )
    return {
        "quantity_text": quantity.text,
        "value": quantity.value,
        "low": quantity.low,
        "high": quantity.high,
        "approximate": quantity.approximate,
        "unit": quantity.unit,
        "normalized_value": quantity.normalized_value,
        "normalized_unit": quantity.normalized_unit,
    }


def write_jsonl(claims: Iterable[Claim], out: IO[str]) -> int:
    """The claims.jsonl contract: one claim a line."""
    n = 0
    for claim in claims:
        out.write(json.dumps(claim_to_json(claim), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(claims: Iterable[Claim], out: IO[str], grades: Grades | None = None) -> int:
    """Flat rows with a header (``CSV_COLUMNS``)."""
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS))
    writer.writeheader()
    n = 0
    for claim in claims:
        writer.writerow(flatten(claim, grades))
        n += 1
    return n


def write_parquet(claims: Iterable[Claim], path: str, grades: Grades | None = None) -> int:
    """Flat rows as a Parquet table tagged with the contract version."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flatten(c, grades) for c in claims]
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
        for place in claim.places:
            if place.lat is None or place.lon is None:
                continue
            row = flatten(claim)
            row["place"] = place.name
            row["gazetteer_id"] = place.gazetteer_id
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
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
