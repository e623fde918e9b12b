"""glibc allocator settings for a process that parses many documents.

A spaCy parse allocates and frees arrays of a few hundred kilobytes to a few megabytes per document.
With glibc's defaults those above its dynamic threshold are mapped and unmapped each time, and the
free top of the heap is returned to the system as soon as it passes 128 KB, so the next document
faults the same pages in again: about 150,000 page faults per 312 articles in each process (1.5% of
an ingest's CPU, more in forked workers, whose first writes also copy the shared model's pages).
Keeping up to 128 MB of freed heap and growing it in 16 MB steps removes ~75% of those faults for
about 10 MB more resident memory (docs/ingest.md). Elsewhere than glibc (musl, macOS) nothing is
changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import lru_cache

log = logging.getLogger(__name__)

# glibc's mallopt parameters (malloc.h)
M_TRIM_THRESHOLD = -1
M_TOP_PAD = -2
M_MMAP_THRESHOLD = -3

#: (parameter, value): keep up to 128 MB of free heap, grow it 16 MB at a time, map only blocks of
#: 32 MB and more (glibc's largest threshold on 64-bit) on their own.
SETTINGS: tuple[tuple[int, int], ...] = (
    (M_MMAP_THRESHOLD, 32 * 1024 * 1024),
    (M_TRIM_THRESHOLD, 128 * 1024 * 1024),
    (M_TOP_PAD, 16 * 1024 * 1024),
)


@lru_cache(maxsize=1)
def keep_heap() -> bool:
    """Apply ``SETTINGS`` to this process's allocator (once; forks inherit them). True if applied."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False  # not glibc: its allocator manages itself
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    applied = all(mallopt(param, value) == 1 for param, value in SETTINGS)
    if not applied:
        log.debug("mallopt refused claimtrail's heap settings; glibc's defaults stay")
    return applied
