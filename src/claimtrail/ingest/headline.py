"""The headline and the outlet a reader sees at the top of a plain-text article.

A news text saved as plain text often opens with its headline on a line of its own, then a dateline
naming the outlet::

    Ukraine counts the drones downed overnight

    KYIV, Dec. 14 (Steppe Dispatch) — Air defences ...

``headline`` reads the first line as the title when it looks like one: a short line without a final
full stop, followed by a blank line or a dateline, and not itself a dateline or a byline ("By ...").
``dateline_outlet`` reads the parenthesised name of a dateline near the top ("CITY, <date> (Outlet) —",
"CITY (Outlet) -"). Both only read the text: it stays exactly as it is, so offsets still index it.
This module needs no spaCy (reading inputs never loads it); what makes a dateline is one rule,
``claimtrail.datelines``, shared with ``nlp.segment`` (which finds datelines for the parser).
"""

from __future__ import annotations

import re

from ..datelines import is_dateline_prefix

MAX_TITLE_CHARS = 150  # a headline is short; a longer first line is a paragraph
MAX_OUTLET_CHARS = 80
DATELINE_LINES = 3  # a dateline opens one of the first non-blank lines

# "SEOUL, March 6, 2025 (Harbour Wire) — ", "KYIV (Wire) - ", "Seoul, Jan. 13 -- ": a capitalised place,
# then a date or an outlet, then a dash (the same shape as ``nlp.segment.DATELINE``).
_DATELINE = re.compile(r"^[ \t]*(?P<prefix>[A-Z][^\n!?—–]{1,90}?)[ \t]*(?:—|–|--|-)(?:[ \t]|$)")
_OUTLET = re.compile(r"\((?P<outlet>[^()]+)\)$")
_BYLINE = re.compile(r"^by[ \t]", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+")
_CLOSING = "\"'”’»)]"
_NO_END = (".", ",", ";", ":")  # a full stop, or a line that stops mid-phrase


def _dateline_prefix(line: str) -> str | None:
    """The part of ``line`` before a dateline's dash ("KYIV, Dec. 14 (Wire)"), or None when the line
    does not open with a dateline: the place is in capitals ("SEOUL") or a date follows it, so
    "The attack - the third this week - ..." is none."""
    m = _DATELINE.match(line)
    if m is None:
        return None
    prefix = m.group("prefix").strip()
    return prefix if is_dateline_prefix(prefix) else None


def _collapse(value: str) -> str:
    """``value`` with runs of whitespace as single spaces and no spaces at the ends."""
    return " ".join(value.split())


def headline(text: str) -> str | None:
    """The article's title when its first non-blank line is a headline, else None.

    A headline is short (at most ``MAX_TITLE_CHARS``, two words or more), has no final full stop (nor
    comma, semicolon or colon), is followed by a blank line or a dateline, and is neither a dateline
    nor a byline. A Markdown heading mark ("# ") is not part of the title. Line endings may be
    ``\\n``, ``\\r\\n`` or ``\\r``."""
    lines = text.lstrip().splitlines()
    if len(lines) < 2:
        return None  # a one-line text is all body
    title = _collapse(_MARKDOWN_HEADING.sub("", lines[0]))
    after = lines[1]
    if (
        len(title) > MAX_TITLE_CHARS
        or len(title.split()) < 2
        or title.rstrip(_CLOSING).endswith(_NO_END)
        or _BYLINE.match(title)
        or _dateline_prefix(title) is not None
    ):
        return None
    if after.strip() and _dateline_prefix(after) is None:
        return None  # the first line runs on into a paragraph
    return title


def dateline_outlet(text: str) -> str | None:
    """The outlet named in parentheses in the article's dateline ("KYIV, Dec. 14 (Steppe Dispatch) —"),
    looked for at the start of the first ``DATELINE_LINES`` non-blank lines; None when there is no
    dateline or it names no outlet ("SEOUL, Jan. 13 —")."""
    lines = [line for line in text.splitlines() if line.strip()][:DATELINE_LINES]
    for line in lines:
        prefix = _dateline_prefix(line)
        if prefix is None:
            continue
        m = _OUTLET.search(prefix)
        outlet = _collapse(m.group("outlet")) if m else ""
        if outlet and len(outlet) <= MAX_OUTLET_CHARS and any(ch.isalpha() for ch in outlet):
            return outlet
        return None  # the first dateline is the article's: a later line is body text
    return None
