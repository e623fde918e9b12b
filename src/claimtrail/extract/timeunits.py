"""Handlers for durations, sets and clock times ("three days ago", "every week", "10:30 p.m.").

Split from ``timegrammar`` (calendar dates) to keep modules small; ``timepatterns.PATTERNS`` refers
to both. Each handler takes a regex match and a ``timegrammar.Ctx`` and returns a ``Chunk`` or None.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from .timegrammar import Ctx, _fraction
from .timeparse import (
    Chunk,
    Lexicon,
    clock_of,
    duration_value,
    fmt_amount,
    point_value,
    shift,
)


def _n(lex: Lexicon, m: re.Match[str], key: str = "n") -> float | None:
    return lex.parse_number(m[key]) if m[key] else None


def _dur_parts(lex: Lexicon, m: re.Match[str]) -> dict[str, float] | None:
    n = _n(lex, m)
    if n is None:
        return None
    n += _fraction(m["f1"] if "f1" in m.re.groupindex else None)
    parts = lex.duration_parts(n, m["u"])
    if parts is None:
        return None
    if "f2" in m.re.groupindex and m["f2"]:
        k = next(iter(parts))
        parts[k] += _fraction(m["f2"]) * (lex.unit_of(m["u"]) or ("", 1.0))[1]
    if "n2" in m.re.groupindex and m["n2"]:
        more = lex.duration_parts(lex.parse_number(m["n2"]) or 0, m["u2"])
        for k, v in (more or {}).items():
            parts[k] = parts.get(k, 0) + v
    return parts


def timeml_duration(lex: Lexicon, m: re.Match[str], parts: dict[str, float]) -> str:
    """TimeML value of a duration; decades and centuries keep their own unit ("P3DE", "P1CE")."""
    code = lex.timeml_units.get(m["u"].lower())
    simple = not any(k in m.re.groupindex and m[k] for k in ("n2", "f1", "f2"))
    n = _n(lex, m)
    if code and simple and n is not None:
        return f"P{fmt_amount(n)}{code}"
    return duration_value(parts)


def _bad_unit(m: re.Match[str]) -> bool:
    u = m["u"].lower()
    num = m["n"].lower() if m["n"] else ""
    if u in ("h", "s") and not num[:1].isdigit():
        return True
    if u in ("sec", "secs", "min", "mins", "hr", "hrs", "yr", "yrs") and num in (
        "a",
        "an",
        "some",
        "another",
    ):
        return True
    if u.startswith("second") and not num[:1].isdigit() and num not in ("two", "three", "ten", "thirty"):
        return True

    if num in ("some", "several", "few", "a few", "a number of") and not u.endswith("s"):
        return True
    return False


_STORY_DIRECTIONS = ("earlier", "later", "prior")


def _coarsest(parts: dict[str, float]) -> str:
    """The coarsest unit letter of a duration: the granularity of a date counted with it."""
    for letter in ("Y", "M", "W", "D"):
        if letter in parts:
            return letter
    return "D"


def is_vague(lex: Lexicon, m: re.Match[str]) -> bool:
    """A count with no number ("a few", "several"): TimeML writes X for it."""
    return bool(m["n"]) and re.sub(r"[\s-]+", " ", m["n"].lower()).strip() in lex.vague


def h_ago(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "three days ago" (from the publication date), "two days later" (from the story's last date).

    The value has the granularity of the unit (TimeML: "three years ago" is "2022"); begin/finish keep
    the day. "earlier", "later" and "prior" count from the last date the story mentioned, which
    ``temporal`` fills in once all mentions are known; counting from the publication date is the
    fallback when the story names no date before.
    """
    if _bad_unit(m):
        return None
    parts = _dur_parts(c.lex, m)
    if not parts:
        return None
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    sign = -1 if direction in ("ago", "earlier", "before", "prior", "back") else 1
    base = c.ref
    anchor = m["anchor"] or m["anchor2"] or m["anchor3"]
    if base is not None and anchor:
        base = base + timedelta(days={"tomorrow": 1, "yesterday": -1}.get(anchor.lower(), 0))
    if any(k.startswith("T") for k in parts):
        return Chunk(m.start(), m.end(), "TIME", None, gran="reltime")
    if is_vague(c.lex, m):
        if sign < 0:
            return Chunk(m.start(), m.end(), "DATE", "PAST_REF", None, c.ref, "pastref")
        return Chunk(m.start(), m.end(), "DATE", "FUTURE_REF", c.ref, None, "futureref")
    story = direction in _STORY_DIRECTIONS and not anchor
    letter = _coarsest(parts)
    if base is None:
        return Chunk(m.start(), m.end(), "DATE", None, gran="relday")
    d = base
    for k, v in parts.items():
        d = shift(d, sign * v, k)
    ch = c.on_date(m.start(), m.end(), d, "relday" if letter == "D" else "relperiod")
    if ch is not None:
        ch.value = point_value(d, letter)
        if story:
            ch.anchor = (letter, sign * parts[letter]) if len(parts) == 1 else None
    return ch


def h_in_n(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "in three days": the day that far ahead; after "the lowest level", "the first time" a span
    looking back (DURATION "three years", TimeML leaves "in" out)."""
    if _bad_unit(m) or re.match(r"\s+(?:of|to)\b", c.text[m.end() : m.end() + 5]):
        return None
    if _looks_back(m, c):
        parts = _dur_parts(c.lex, m)
        if not parts:
            return None
        ch = c.duration(m.start("n"), m.end(), parts)
        ch.value = timeml_duration(c.lex, m, parts)
        return ch
    parts = _dur_parts(c.lex, m)
    if not parts or any(k.startswith("T") for k in parts) or c.ref is None:
        return None
    d = c.ref
    for k, v in parts.items():
        d = shift(d, v, k)
    return c.on_date(m.start(), m.end(), d, "relday")


def _looks_back(m: re.Match[str], c: Ctx) -> bool:
    """ "in N units" after a record word of the same clause ("the lowest in three years") and with
    no future cue: a stretch of time, not a date ahead."""
    if c.future_at(m.start()):
        return False
    words = re.findall(r"[a-z]+", c.text[max(0, m.start() - 40) : m.start()].lower())
    return any(w in c.lex.in_duration_words for w in words[-4:])


def h_lastn(m: re.Match[str], c: Ctx) -> Chunk | None:
    if _bad_unit(m):
        return None
    prev = c.word_before(m.start())
    if not m.group(0).lower().startswith("the") and (prev in c.lex.auxiliaries or prev.endswith("n't")):
        return None  # "will last 3 hours": the verb
    parts = _dur_parts(c.lex, m)
    if not parts:
        return None
    ch = c.duration(m.start(), m.end(), parts)
    if is_vague(c.lex, m) and len(parts) == 1:
        ch.value = _vague(m, c, next(iter(parts))).value  # "the past few days": PXD
    else:
        ch.value = timeml_duration(c.lex, m, parts)
    mode = c.lex.rel_mode(m["rel"]) or ("past" if m["rel"].lower() == "recent" else None)
    if c.ref is not None and mode in ("past", "next") and not any(k.startswith("T") for k in parts):
        d = c.ref
        try:
            for k, v in parts.items():
                d = shift(d, v if mode == "next" else -v, k)
        except (ValueError, OverflowError):
            return ch  # "the past 5000 years": a duration whose start is off the calendar
        ch.begin, ch.finish = (d, c.ref) if mode == "past" else (c.ref + timedelta(days=1), d)
    return ch


def h_duration(m: re.Match[str], c: Ctx) -> Chunk | None:
    if _bad_unit(m):
        return None
    parts = _dur_parts(c.lex, m)
    if not parts or any(v <= 0 for v in parts.values()):
        return None
    if is_vague(c.lex, m) and len(parts) == 1:
        return _vague(m, c, next(iter(parts)))
    if m["n"].lower() in ("a", "an") and _rate_rx(c.lex).search(c.text[max(0, m.start() - 30) : m.start()]):
        return Chunk(m.start(), m.end(), "SET", duration_value(parts), gran="set")  # "100 km a week"
    ch = c.duration(m.start(), m.end(), parts)
    ch.value = timeml_duration(c.lex, m, parts)
    return ch


@lru_cache(maxsize=4)
def _rate_rx(lex: Lexicon) -> re.Pattern[str]:
    """A count and what is counted right before "a day/week/year" ("100 km", "three ships", "5%"):
    a rate, so the period is a SET; "in 2014, a year after" is not one."""
    return re.compile(rf"(?<![\w,.])(?:\d[\d,.]*\d|\d|{lex.rx['NUMWORD']})\s*(?:%|[A-Za-z]+)\s+$", re.I)


def _vague(m: re.Match[str], c: Ctx, letter: str) -> Chunk:
    """ "several days", "a few hours": TimeML writes the unknown count as X ("PXD", "PTXH")."""
    value = f"PTX{letter[1]}" if letter.startswith("T") else f"PX{letter}"
    return Chunk(m.start(), m.end(), "DURATION", value, gran="duration")


def h_half_unit(m: re.Match[str], c: Ctx) -> Chunk | None:
    parts = c.lex.duration_parts(0.5, m["u"])
    return c.duration(m.start(), m.end(), parts) if parts else None


def h_unit_long(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "decade-long", "year-long": one unit (P1DE, P1Y); "months-long", "weeks-long": a vague count."""
    word = m["u"].lower()
    u = c.lex.unit_of(word)
    if u is None:
        return None
    letter = c.lex.timeml_units.get(word) or u[0]
    count = "X" if word.endswith("s") else "1"
    value = f"PT{count}{letter[1]}" if letter.startswith("T") else f"P{count}{letter}"
    return Chunk(m.start(), m.end(), "DURATION", value, gran="duration")


def h_all_unit(m: re.Match[str], c: Ctx) -> Chunk | None:
    parts = c.lex.duration_parts(1, m["u"])
    return c.duration(m.start(), m.end(), parts) if parts else None


def h_vague_duration(m: re.Match[str], c: Ctx) -> Chunk | None:
    """A bare plural unit after a duration cue ("for weeks", "took decades") or before a direction
    ("days after", "hours later"): a vague duration; "years ago" points back (PAST_REF)."""
    word = m["u"] or m["u2"]
    u = c.lex.unit_of(word)
    if u is None:
        return None
    if m["dir"] and m["dir"].strip().lower() == "ago":
        return Chunk(m.start(), m.end(), "DATE", "PAST_REF", None, c.ref, "pastref")
    letter = c.lex.timeml_units.get(word.lower()) or u[0]
    value = f"PTX{letter[1]}" if letter.startswith("T") else f"PX{letter}"
    end = m.start() + len(word)
    return Chunk(m.start(), end, "DURATION", value, gran="duration")


def h_recent(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "recent days" points back (PAST_REF), "the coming weeks" forward (FUTURE_REF)."""
    if "coming" in m.group(0).lower():
        return Chunk(m.start(), m.end(), "DATE", "FUTURE_REF", c.ref, None, "futureref")
    return Chunk(m.start(), m.end(), "DATE", "PAST_REF", None, c.ref, "pastref")


def h_overnight(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "overnight": the night before the publication date (TIME, part of day NI)."""
    if c.ref is None:
        return Chunk(m.start(), m.end(), "TIME", None, gran="pod", clock="NI")
    d = c.ref - timedelta(days=1)
    return Chunk(m.start(), m.end(), "TIME", f"{d.isoformat()}TNI", d, c.ref, "daypod", clock="NI")


_WEEK_PARTS = {"weekend": "WE", "weekday": "WD"}  # TimeML's codes for the parts of a week


def h_every(m: re.Match[str], c: Ctx) -> Chunk | None:
    u = m["u"].lower()
    wd = c.lex.weekday_of(u)
    if wd is not None:
        return Chunk(m.start(), m.end(), "SET", f"XXXX-WXX-{wd}", gran="set")
    if u in c.lex.day_parts:
        return Chunk(m.start(), m.end(), "SET", "T" + c.lex.day_parts[u], gran="set")
    if u in _WEEK_PARTS:
        return Chunk(m.start(), m.end(), "SET", f"XXXX-WXX-{_WEEK_PARTS[u]}", gran="set")
    if u in c.lex.seasons:
        return Chunk(m.start(), m.end(), "SET", f"XXXX-{c.lex.seasons[u]}", gran="set")  # "every summer"
    n = _n(c.lex, m) or 1.0
    if m["other"]:
        n = 2.0
    parts = c.lex.duration_parts(n, u)
    if parts is None:
        return None
    return Chunk(m.start(), m.end(), "SET", duration_value(parts), gran="set")


def h_freq(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "daily", "weekly": a SET, unless a publication ("the Moscow daily Izvestia", "a weekly")."""
    nxt = c.word_after(m.end())
    gap = c.text[m.end() : m.end() + 2]
    if m.group(0).lower() in ("daily", "weekly") and nxt[:1].isupper() and gap[:1] == " ":
        return None
    if (
        m.group(0).lower() in ("daily", "weekly")
        and re.search(r"\b(?:an?|the)\s+$", c.text[max(0, m.start() - 5) : m.start()], re.I)
        and not nxt[:1].islower()
    ):
        return None
    return Chunk(m.start(), m.end(), "SET", c.lex.frequencies[m.group(0).lower()], gran="set")


def h_times_per(m: re.Match[str], c: Ctx) -> Chunk | None:
    parts = c.lex.duration_parts(1, m["u"])
    return Chunk(m.start(), m.end(), "SET", duration_value(parts), gran="set") if parts else None


def _ampm_ok(m: re.Match[str]) -> bool:
    ap = m["ap"]
    if ap and len(ap.strip()) == 1:
        return m.group(0)[m.start("ap") - m.start() - 1 : m.start("ap") - m.start()].isdigit()
    return True


def h_clock(m: re.Match[str], c: Ctx) -> Chunk | None:
    if not _ampm_ok(m):
        return None
    sep = m["sep"] if "sep" in m.re.groupindex else ":"
    if not m["ap"]:
        if sep == ".":
            prev = c.word_before(m.start())
            if prev not in c.lex.clock_cues:
                return None
        if re.match(r"\s*(?:%|percent|per\b|to\s+\d|-\s*\d)", c.text[m.end() : m.end() + 9]):
            return None
    h = int(m["h"])
    mi = int(m["mi"]) if m["mi"] else 0
    se = int(m["s"]) if "s" in m.re.groupindex and m["s"] else None
    r = clock_of(h, mi, se, m["ap"])
    return c.clock(m.start(), m.end(), *r) if r else None


def h_oclock(m: re.Match[str], c: Ctx) -> Chunk | None:
    h = c.lex.hour_value(m["h"])
    if h is None:
        return None
    r = clock_of(h, 0, None, None)
    return c.clock(m.start(), m.end(), *r) if r else None


def h_noon(m: re.Match[str], c: Ctx) -> Chunk | None:
    t = "00:00" if "night" in m.group(0).lower() else "12:00"
    return c.clock(m.start(), m.end(), t, True)


def h_past(m: re.Match[str], c: Ctx) -> Chunk | None:
    h = c.lex.hour_value(m["h"])
    w = re.sub(r"\s+", " ", m["mn"].lower())
    if m["dir"].lower() in ("to", "after") and not (m["mins"] or w in ("half", "quarter", "a quarter")):
        return None  # "two to four people"
    mins = 30 if w == "half" else 15 if w in ("quarter", "a quarter") else c.lex.parse_number(w)
    if h is None or mins is None or not 0 < mins < 60 or h > 23:
        return None
    if m["dir"].lower() == "to":
        h, mins = (h - 1) % 24, 60 - mins
    code = c.lex.day_parts.get(m["p"].lower()) if m["p"] else None
    if code in ("AF", "EV") or (code == "NI" and h >= 6):
        h = h + 12 if h < 12 else h
    r = clock_of(h, int(mins), None, None)
    return c.clock(m.start(), m.end(), r[0], r[1] or code is not None) if r else None


def h_hour_pod(m: re.Match[str], c: Ctx) -> Chunk | None:
    h = c.lex.hour_value(m["h"])
    code = c.lex.day_parts.get(m["p"].lower())
    if h is None or code is None or h > 12:
        return None
    if code in ("AF", "EV") or (code == "NI" and h >= 6):
        h = h + 12 if h < 12 else h
    r = clock_of(h, 0, None, None)
    return c.clock(m.start(), m.end(), r[0], True) if r else None


def h_pod(m: re.Match[str], c: Ctx) -> Chunk | None:
    code = c.lex.day_parts.get(m["p"].lower())
    if code is None:
        return None
    pre = m["pre"] if "pre" in m.re.groupindex else None
    # "through the night": the preposition is no part of the time; "in the morning" keeps its
    # "in" as the Recognizers specs want it (a relaxed TimeML match either way)
    trim = pre and pre.lower() != "in" and m.start() == m.start("pre")
    start = m.start() + len(pre) + 1 if trim and pre else m.start()
    return Chunk(start, m.end(), "TIME", "T" + code, gran="pod", clock=code)


_DAYISH = re.compile(
    r"\s*(?:,\s*)?(?:on\s+)?(?:today|tonight|tomorrow|yesterday|this|last|next|in\s+the|(?:mon|tue|wed|thu|fri|sat|sun)\w*"
    r"|morning|afternoon|evening|night)\b",
    re.I,
)
_DAYISH_BEFORE = re.compile(
    r"(?:today|tonight|tomorrow|yesterday|morning|afternoon|evening|night|day|(?:mon|tue|wed|thu|fri|sat|sun)\w*)\s*,?\s*$",
    re.I,
)


def h_time_range(m: re.Match[str], c: Ctx) -> Chunk | None:
    if (m.group("sep").strip().lower() == "and") != (bool(m["pre"]) and m["pre"].lower() == "between"):
        return None
    if not (m["ap1"] or m["ap2"] or m["m1"] or m["m2"]):
        # bare hours ("between 7 and 9") only next to a day word ("last night", "tomorrow")
        if not (
            _DAYISH.match(c.text, m.end())
            or _DAYISH_BEFORE.search(c.text[max(0, m.start() - 20) : m.start()])
        ):
            return None
    elif not (m["ap1"] or m["ap2"]) and not (
        m["pre"]
        or _DAYISH.match(c.text, m.end())
        or _DAYISH_BEFORE.search(c.text[max(0, m.start() - 20) : m.start()])
    ):
        return None
    h1, h2 = int(m["h1"]), int(m["h2"])
    ap2 = m["ap2"]
    ap1 = m["ap1"] or (ap2 if h1 <= h2 or h2 == 12 else None)
    r1 = clock_of(h1, int(m["m1"] or 0), None, ap1)
    r2 = clock_of(h2, int(m["m2"] or 0), None, ap2)
    if not r1 or not r2:
        return None
    return Chunk(m.start(), m.end(), "TIME", f"T{r1[0]}/T{r2[0]}", gran="clockrange", clock=r1[0],
                 ampm_known=bool(ap1 or ap2) or (r1[1] and r2[1]))  # fmt: skip
