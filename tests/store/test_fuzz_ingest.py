"""Fuzzing `claimtrail ingest` on both backends: whatever the inputs, no traceback, exit 0 or 1, and
every input either stored or listed by `failures`.

Inputs are a folder of files with random names (invalid UTF-8 bytes, Rich markup characters, spaces)
and random contents (random bytes, English sentences written for this test with NUL bytes, control
characters and markup spliced in, JSONL files with random records). Each file name starts with
``f<i>-`` so an input can be found again in the ledger however its name is rendered.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pgserver import pg_base_url
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from claimtrail.cli.main import app
from claimtrail.store.ledger import open_ledger

runner = CliRunner()

SENTENCES = [
    "The regional governor said 14 people were killed when a missile hit a market on Tuesday.",
    "About 300 soldiers were moved to the border town last week, according to a defence official.",
    "Rescue teams recovered 27 bodies from the rubble, the emergency service said in a statement.",
    "The ministry said its air defences shot down 31 of the 35 drones launched overnight.",
    "Nearly 2,000 families have fled the valley since the fighting began, an aid group estimated.",
    "Officials believe at least 60 fighters were captured near the river crossing.",
]
SPLICES = ["\x00", "\x01", "\x1b[31m", "[/x]", "[bold]", "[entry 1]", "\ufffd", "\u202e", "\r", "\t", "é"]

name_parts = st.lists(
    st.sampled_from([b"a", b"Z", b" ", b"[", b"]", b"[/x]", b"\xe9", b"\xff\xfe", b"%", b"-", b"\xc3\xa9"]),
    min_size=0,
    max_size=5,
).map(b"".join)

english = st.builds(
    lambda parts, splice, at: _splice(" ".join(parts), splice, at),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4),
    st.sampled_from(SPLICES),
    st.integers(min_value=0, max_value=400),
)


def _splice(body: str, piece: str, at: int) -> str:
    at = min(at, len(body))
    return body[:at] + piece + body[at:]


record = st.one_of(
    st.fixed_dictionaries(
        {"text": english},
        optional={
            "url": st.one_of(st.just("https://example.org/a[/b]"), st.text(max_size=30)),
            "outlet": st.one_of(st.text(max_size=40), st.just("x" * 20_000), st.just("Wire\x00Service")),
            "title": st.text(max_size=40),
            "published": st.one_of(st.just("2025-03-05"), st.text(max_size=12), st.integers()),
        },
    ),
    st.dictionaries(
        st.text(max_size=8), st.one_of(st.text(max_size=20), st.integers(), st.none()), max_size=3
    ),
    st.lists(st.integers(), max_size=3),
    st.text(max_size=40),  # not JSON at all
)

plain_file = st.tuples(st.just("txt"), st.one_of(english.map(str.encode), st.binary(max_size=300)))
jsonl_file = st.tuples(
    st.just("jsonl"),
    st.lists(record, min_size=0, max_size=4).map(
        lambda recs: "\n".join(r if isinstance(r, str) else json.dumps(r) for r in recs).encode()
    ),
)
inputs = st.lists(st.tuples(name_parts, st.one_of(plain_file, jsonl_file)), min_size=1, max_size=5)


def _texts(files: list[tuple[bytes, tuple[str, bytes]]]) -> list[str]:
    """Whitespace-normalised texts of the inputs, to keep duplicates (a separate rule) out of the fuzz."""
    found = []
    for _, (kind, data) in files:
        if kind == "txt":
            found.append(" ".join(data.decode("utf-8", "replace").split()))
        else:
            for line in data.decode("utf-8", "replace").splitlines():
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if isinstance(obj, dict) and isinstance(obj.get("text"), str):
                    found.append(" ".join(obj["text"].split()))
    return [t for t in found if t]


def _write(folder: Path, files: list[tuple[bytes, tuple[str, bytes]]]) -> list[tuple[str, str, bytes]]:
    written = []
    for i, (name, (kind, data)) in enumerate(files):
        stem = f"f{i}-".encode() + name.replace(b"/", b"_")
        path = os.path.join(os.fsencode(folder), stem + f".{kind}".encode())
        with open(path, "wb") as fh:
            fh.write(data)
        written.append((f"f{i}-", kind, data))
    return written


def _pg_schema_url(base: str) -> tuple[str, str]:
    schema = f"ct_fuzz_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{base}?options=-csearch_path%3D{schema}", schema


def _drop_schema(base: str, schema: str) -> None:
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def _check_run(folder: Path, target: str, files) -> None:
    written = _write(folder, files)
    result = runner.invoke(app, ["ingest", str(folder), "--db", target, "--quiet", "--no-fusion"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    with open_ledger(target) as ledger:
        stored = [a.source_path or "" for a in ledger.articles()]
        failed = [f.source for f in ledger.failures()]
    for prefix, kind, data in written:
        whole_file_failed = any(prefix in s and not s.rsplit(".jsonl", 1)[-1].startswith(":") for s in failed)
        if kind == "txt" or whole_file_failed:
            assert whole_file_failed or any(prefix in s for s in stored + failed), (prefix, result.output)
            continue
        for number, line in enumerate(data.split(b"\n"), start=1):
            if not line.strip():
                continue
            where = f".jsonl:{number}"
            assert any(prefix in s and s.endswith(where) for s in stored + failed), (
                prefix,
                number,
                result.output,
            )


FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


@FUZZ
@given(files=inputs)
def test_fuzz_ingest_sqlite(tmp_path_factory, files):
    texts = _texts(files)
    assume(len(set(texts)) == len(texts))
    folder = tmp_path_factory.mktemp("fuzz")
    _check_run(folder, str(tmp_path_factory.mktemp("db") / "ledger.db"), files)


@pytest.mark.postgres
@FUZZ
@given(files=inputs)
def test_fuzz_ingest_postgres(tmp_path_factory, files):
    base = pg_base_url()
    if base is None:
        pytest.skip("PostgreSQL at 127.0.0.1:5432 unreachable")
    texts = _texts(files)
    assume(len(set(texts)) == len(texts))
    url, schema = _pg_schema_url(base)
    try:
        _check_run(tmp_path_factory.mktemp("fuzz"), url, files)
    finally:
        _drop_schema(base, schema)
