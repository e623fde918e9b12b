"""Handlers for periods: quarters, halves, seasons, numbered weeks, parts of the current period,
holidays and "last/this/next" + a period ("last month", "this summer").

Split from ``timegrammar`` (days and months) to keep modules small; each handler takes a regex match
and a ``timegrammar.Ctx`` and returns a ``Chunk`` or None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .timegrammar import SEASON_MONTHS, Ctx
from .timeparse import Chunk, add_months, month_bounds, narrow, shift, week_bounds, week_value


def h_rel_period(m: re.Match[str], c: Ctx) -> Chunk | None:
    rel_word = re.sub(r"\s+", " ", m["rel"].lower())
    mode = c.lex.rel_mode(rel_word)
    p = m["p"].lower()
    s, e = m.start(), m.end()
    if mode is None:
        return None
    if rel_word in ("the past", "the last") or (
        p == "decade" and mode == "past" and "previous" not in rel_word
    ):
        # "the past year", "the last week": the stretch of time up to the reference date
        parts = c.lex.duration_parts(1, p if p not in c.lex.seasons else "year")
        if parts is None:
            return None
        ch = c.duration(s, e, parts)
        if c.ref is not None:
            letter, amount = next(iter(parts.items()))
            ch.begin, ch.finish = shift(c.ref, -amount, letter), c.ref
        return ch
    if c.ref is None:
        return Chunk(s, e, "DATE", None, gran=p)
    step = {"past": -1, "next": 1, "this": 0}[mode]
    ref = c.ref
    if p == "day":
        return c.on_date(s, e, ref + timedelta(days=step))
    if p == "week":
        return c.week(s, e, ref + timedelta(days=7 * step))
    if p == "weekend":
        return _weekend(c, s, e, ref, mode, step)
    if p == "month":
        d = add_months(ref, step)
        return c.month(s, e, d.year, d.month, False)
    if p == "quarter":
        q = (ref.month - 1) // 3 + 1 + step
        y = ref.year + (q - 1) // 4
        q = (q - 1) % 4 + 1
        return c.quarter(s, e, y, q)
    if p == "year":
        return c.year(s, e, ref.year + step, False)
    if p == "decade":
        y0 = (ref.year // 10 + step) * 10
        return Chunk(s, e, "DATE", str(y0 // 10), date(y0, 1, 1), date(y0 + 9, 12, 31), "decade", y0)
    if p == "century":
        return None
    code = c.lex.seasons[p]
    m1 = SEASON_MONTHS[code][0]
    y = ref.year
    if mode == "past":
        end_month = SEASON_MONTHS[code][1]
        y = ref.year - 1 if (ref.month <= end_month + (12 if code == "WI" else 0) - 0) else ref.year
        if code != "WI":
            y = ref.year if ref.month > end_month else ref.year - 1
        else:
            y = ref.year - 1 if ref.month >= 3 else ref.year - 2
    elif mode == "next":
        y = ref.year if ref.month < m1 else ref.year + 1
    elif code == "WI" and ref.month <= 2:
        y = ref.year - 1
    return c.season(s, e, y, code)


def _weekend(c: Ctx, s: int, e: int, ref: date, mode: str, step: int) -> Chunk:
    """ "last/this/next weekend"; "this weekend" in a past report early in the week is the one just
    past ("fighting flared this weekend" written on a Monday)."""
    if mode == "this" and ref.weekday() < 4 and c.past_at(s):
        step = -1
    sat = week_bounds(ref + timedelta(days=7 * step))[0] + timedelta(days=5)
    return Chunk(s, e, "DATE", f"{week_value(sat)}-WE", sat, sat + timedelta(days=1), "weekend")


def h_season(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "summer 2024", "the summer of 2023"; without a year, "in summer", "the autumn": the latest
    season begun by the reference date, or the next one not over after a future cue."""
    code = c.lex.seasons[m["p"].lower()]
    if m["y"]:
        return c.season(m.start(), m.end(), int(m["y"]), code)
    if m["the"]:
        if re.match(r"\s+(?:of|in|from|to|off|on)\b", c.text[m.end() : m.end() + 6], re.I):
            return None  # "the fall of the city", "the fall in prices"
    elif c.word_before(m.start()) not in c.lex.season_cues or code == "FA":
        return None
    if c.ref is None:
        return Chunk(m.start(), m.end(), "DATE", code, gran="season")
    return c.season(m.start(), m.end(), _season_year(c.ref, code, c.future_at(m.start())), code)


def _season_year(ref: date, code: str, future: bool) -> int:
    """The year of the season ``code`` nearest ``ref``, news-style: one under way, else the nearest
    before it unless the next one is much closer (the lean turns round after a future cue)."""
    m1, m2 = SEASON_MONTHS[code]
    best, best_cost = ref.year, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        begin = date(y, m1, 1)
        end = month_bounds(y + (code == "WI"), m2)[1]
        if begin > ref:
            cost = (begin - ref).days * (1 if future else 3)
        else:
            cost = max(0, (ref - end).days) * (3 if future else 1)
        if best_cost is None or cost < best_cost:
            best, best_cost = y, cost
    return best


def _year_from(m: re.Match[str], c: Ctx) -> int | None:
    if m["y"]:
        return int(m["y"])
    if c.ref is None:
        return None
    rel = (m["yrel"] or "this").lower()
    return c.ref.year + {"last": -1, "next": 1, "previous": -1, "past": -1}.get(rel, 0)


_ORDQ = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def h_quarter(m: re.Match[str], c: Ctx) -> Chunk | None:
    q = _ORDQ.get(m["q"].lower(), 4 if m["q"].lower() in ("last", "final") else 0)
    if not q:
        return None
    y = _year_from(m, c)
    if y is not None and c.ref is not None and not (m["y"] or m["yrel"]):
        # "the fourth quarter" in a March report is last year's, unless the sentence looks ahead
        if date(y, 3 * q - 2, 1) > c.ref and not c.future_at(m.start()):
            y -= 1
    return c.quarter(m.start(), m.end(), y, q)


def h_qcode(m: re.Match[str], c: Ctx) -> Chunk | None:
    code = m["q"].upper()
    y = int(m["y"]) if m["y"] else (c.ref.year if c.ref else None)
    n = int(code[1])
    if code[0] == "Q":
        return c.quarter(m.start(), m.end(), y, n) if 1 <= n <= 4 else None
    return c.half(m.start(), m.end(), y, n) if n in (1, 2) else None


def h_half(m: re.Match[str], c: Ctx) -> Chunk | None:
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    return c.half(m.start(), m.end(), _year_from(m, c), h)


def h_weeknum(m: re.Match[str], c: Ctx) -> Chunk | None:
    n = int(m["n"])
    y = int(m["y"]) if m["y"] else (c.ref.year if c.ref else None)
    if y is None or not 1 <= n <= 53:
        return None
    try:
        d = date.fromisocalendar(y, n, 1)
    except ValueError:
        return None
    return c.week(m.start(), m.end(), d)


def h_ordweek(m: re.Match[str], c: Ctx) -> Chunk | None:
    y = int(m["y"])
    if m["o"].lower() == "last":
        d = date(y, 12, 28)
        d = d - timedelta(days=7) if d.isocalendar()[0] != y else d
        return c.week(m.start(), m.end(), date.fromisocalendar(y, d.isocalendar()[1], 1))
    return c.week(m.start(), m.end(), date.fromisocalendar(y, 1, 1))


def h_part_of_this(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "the end of the year", "the beginning of the month": a part of the current period; "the year"
    is the story's year (the last one named before it) unless a future cue points ahead."""
    if c.ref is None:
        return None
    part = m["part"].lower()
    p = m["p"].lower()
    if p == "date":  # "year to date"
        ch = c.year(m.start(), m.end(), c.ref.year, False)
        ch.finish = c.ref
        return ch
    if p == "week":
        ch = c.week(m.start(), m.end(), c.ref)
    elif p == "month":
        ch = c.month(m.start(), m.end(), c.ref.year, c.ref.month, False)
    else:
        ch = c.year(m.start(), m.end(), c.ref.year, False)
    if ch.begin is None or ch.finish is None:
        return ch
    if part in ("rest", "remainder", "later"):
        ch.begin = max(ch.begin, c.ref)
    elif part == "earlier":
        ch.finish = min(ch.finish, c.ref)
    else:
        lo, hi = {"end": (0.67, 1.0), "middle": (0.33, 0.67)}.get(part, (0.0, 0.33))
        ch.begin, ch.finish = narrow(ch.begin, ch.finish, lo, hi)
        if p == "year" and not c.future_at(m.start()):
            # "by the end of the year" in a story of 2023 is the end of 2023, as "the year" alone
            ch.anchor, ch.part = ("Y", 0.0), (lo, hi)
    return ch


def h_holiday(m: re.Match[str], c: Ctx) -> Chunk | None:
    key = re.sub(r"[’']", "'", re.sub(r"\s+", " ", m["hol"].lower()))
    md = c.lex.holidays.get(key)
    if md is None:
        return None
    y = None
    if m["y"]:
        y = int(m["y"])
    elif m["yrel"] and c.ref:
        y = c.ref.year + {"last": -1, "next": 1}.get(m["yrel"].lower(), 0)
    return c.day(m.start(), m.end(), y, md[0], md[1], bool(y), c.future_at(m.start()))
