"""What ``claimtrail watch`` is told: the URLs to poll and how often.

``read_targets`` takes a feed or page URL, or a file listing them one per line (blank lines and
``#`` comments skipped); ``parse_every`` reads an interval such as ``30s``, ``15m``, ``1h``, ``1d``.
Both raise ``InputError`` with a one-line reason a user can act on.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..ingest.kinds import is_url

_EVERY = re.compile(r"^\s*(\d+)\s*([smhd])\s*$", re.IGNORECASE)
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> int:
    """Seconds in an interval written as a whole number and a unit: ``30s``, ``15m``, ``1h``, ``1d``."""
    match = _EVERY.match(value or "")
    if not match or int(match.group(1)) == 0:
        raise InputError("--every", f"{value!r} is not an interval such as 30s, 15m, 1h or 1d")
    return int(match.group(1)) * _SECONDS[match.group(2).lower()]


def read_targets(feed_or_list: str) -> list[str]:
    """The URLs to watch: ``feed_or_list`` itself when it is an http(s) URL, else the URLs listed in
    that file, one per line, in order and without repeats."""
    if is_url(feed_or_list):
        return [feed_or_list.strip()]
    path = Path(feed_or_list)
    if not path.is_file():
        raise InputError(feed_or_list, "is neither an http(s) URL nor a file listing URLs")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise InputError(feed_or_list, f"cannot be read ({exc})") from exc
    urls: list[str] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.split(" #", 1)[0].strip()  # a comment after the URL ('#' alone is a fragment)
        if not is_url(line) or any(ch.isspace() for ch in line):
            raise InputError(f"{feed_or_list}:{number}", f"{line[:80]!r} is not an http(s) URL")
        if line not in urls:
            urls.append(line)
    if not urls:
        raise InputError(feed_or_list, "lists no URLs (one http(s) URL per line, # for comments)")
    return urls
