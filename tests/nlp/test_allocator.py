"""The allocator settings a parsing process applies, and the unit registry's disk cache."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrail.nlp import allocator

GLIBC = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="mallopt is glibc's")
def test_keep_heap_is_applied_on_glibc_and_cuts_page_faults() -> None:
    # A process that builds and frees 40 MB in 100 KB arrays 30 times (as a parse builds and frees
    # its arrays per document): with glibc's defaults the freed top of the heap is given back each
    # time and faulted in again; with the heap kept, only the first round faults.
    script = (
        "import resource, sys\n"
        "from claimtrail.nlp import allocator\n"
        "if sys.argv[1] == 'keep': assert allocator.keep_heap()\n"
        "import numpy\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
        "for _ in range(30):\n"
        "    arrays = [numpy.ones(12_800) for _ in range(400)]; del arrays\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)\n"
    )
    faults = {
        mode: int(
            subprocess.run(
                [sys.executable, "-c", script, mode], capture_output=True, text=True, check=True
            ).stdout
        )
        for mode in ("default", "keep")
    }
    assert faults["default"] > 20 * 10_000  # ~10,000 pages of 40 MB, faulted again in most rounds
    assert faults["keep"] < faults["default"] / 5


def test_units_registry_reads_its_cache_and_survives_a_broken_one(tmp_path: Path) -> None:
    script = (
        "from claimtrail.extract import units\n"
        "print(units.normalize(2.0, 'ri')[0], units.normalize(3.0, 'mile')[0])\n"
    )
    env = {"CLAIMTRAIL_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        return done.stdout.strip()

    first = run()
    assert first == "0.7854 4.828032"
    cached = sorted((tmp_path / "pint").glob("*.pickle"))
    assert cached, "pint's parsed definitions are kept under the cache directory"
    assert run() == first  # read back from the cache
    for path in cached:  # a file half written by another process
        path.write_bytes(path.read_bytes()[:20])
    assert run() == first


@pytest.mark.skipif(not GLIBC, reason="mallopt is glibc's")
def test_every_parsing_process_keeps_its_heap() -> None:
    from claimtrail.nlp.pipeline import load_pipeline

    load_pipeline()
    assert allocator.keep_heap.cache_info().currsize == 1  # applied by the pipeline's load
    assert allocator.keep_heap() is True
