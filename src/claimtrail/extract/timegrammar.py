"""The patterns of the time grammar: each finds one kind of time expression and resolves it.

Patterns are tried over the whole text; ``temporal.py`` keeps the longest non-overlapping matches
and then joins neighbours (ranges, date + time, "early" + period, "since" + date).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .timeparse import (
    Chunk,
    Lexicon,
    add_months,
    duration_value,
    month_bounds,
    pick_year,
    safe_date,
    shift,
    two_digit_year,
    week_bounds,
    week_value,
)

_SENT_BREAK = re.compile(r"[.!?\n]\s")
_SINCE_END = re.compile(r"(?<!\w)since\s+$", re.I)
_PAST_VERB_ON = re.compile(
    r"(?<!\w)[a-z]{2,}ed\s+(?:(?:on|in)\s+)?$"
)  # "killed on", "flared", "published in"
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass
class Ctx:
    """What a pattern handler needs: the text, the reference date and the lexicon."""

    text: str
    ref: date | None
    lex: Lexicon

    # --- context helpers -------------------------------------------------------------------
    def future_at(self, pos: int) -> bool:
        """A future-tense cue shortly before ``pos`` in the same sentence ("will meet on Friday"); never
        right after "since" ("it would be the first attack since Monday" looks back)."""
        window = self._sentence_window(pos)
        return not _SINCE_END.search(window) and bool(_future_rx(self.lex).search(window))

    def past_at(self, pos: int) -> bool:
        """A past-tense word shortly before ``pos`` in the same sentence ("struck on February 6")."""
        window = self._sentence_window(pos)
        return bool(_past_rx(self.lex).search(window) or _PAST_VERB_ON.search(window))

    def _sentence_window(self, pos: int) -> str:
        """Up to 45 characters before ``pos``, cut at a sentence break."""
        window = self.text[max(0, pos - 45) : pos]
        brk = list(_SENT_BREAK.finditer(window))
        return window[brk[-1].end() :] if brk else window

    def word_before(self, pos: int) -> str:
        m = re.search(r"([A-Za-z']+)\W*$", self.text[max(0, pos - 30) : pos])
        return m.group(1).lower() if m else ""

    def word_after(self, pos: int) -> str:
        m = re.match(r"\s*([A-Za-z']+)", self.text[pos : pos + 30])
        return m.group(1) if m else ""

    # --- chunk makers ----------------------------------------------------------------------
    def day(
        self, s: int, e: int, y: int | None, mo: int, d: int, explicit: bool, fut: bool = False
    ) -> Chunk | None:
        if y is None and self.ref is not None:
            y = pick_year(self.ref, mo, d, fut, self.past_at(s))
        if y is None:
            if safe_date(2000, mo, d) is None:
                return None
            return Chunk(s, e, "DATE", f"XXXX-{mo:02d}-{d:02d}", gran="day", m=mo, d=d)
        dt = safe_date(y, mo, d)
        if dt is None:
            return None
        return Chunk(s, e, "DATE", dt.isoformat(), dt, dt, "day", y, mo, d, explicit)

    def on_date(self, s: int, e: int, dt: date | None, gran: str = "day") -> Chunk | None:
        if dt is None:
            return None
        return Chunk(s, e, "DATE", dt.isoformat(), dt, dt, gran, dt.year, dt.month, dt.day, False)

    def month(self, s: int, e: int, y: int | None, mo: int, explicit: bool, fut: bool = False) -> Chunk:
        if y is None and self.ref is not None:
            y = pick_year(self.ref, mo, None, fut, self.past_at(s))
        if y is None:
            return Chunk(s, e, "DATE", f"XXXX-{mo:02d}", gran="month", m=mo)
        b, f = month_bounds(y, mo)
        return Chunk(s, e, "DATE", f"{y}-{mo:02d}", b, f, "month", y, mo, None, explicit)

    def year(self, s: int, e: int, y: int, explicit: bool = True) -> Chunk:
        return Chunk(s, e, "DATE", str(y), date(y, 1, 1), date(y, 12, 31), "year", y, None, None, explicit)

    def week(self, s: int, e: int, d: date) -> Chunk:
        b, f = week_bounds(d)
        return Chunk(s, e, "DATE", week_value(d), b, f, "week", d.year)

    def quarter(self, s: int, e: int, y: int | None, q: int) -> Chunk:
        if y is None:
            return Chunk(s, e, "DATE", f"XXXX-Q{q}", gran="quarter")
        b = date(y, 3 * q - 2, 1)
        f = month_bounds(y, 3 * q)[1]
        return Chunk(s, e, "DATE", f"{y}-Q{q}", b, f, "quarter", y)

    def half(self, s: int, e: int, y: int | None, h: int) -> Chunk:
        if y is None:
            return Chunk(s, e, "DATE", f"XXXX-H{h}", gran="half")
        b = date(y, 1 if h == 1 else 7, 1)
        f = date(y, 6, 30) if h == 1 else date(y, 12, 31)
        return Chunk(s, e, "DATE", f"{y}-H{h}", b, f, "half", y)

    def season(self, s: int, e: int, y: int | None, code: str) -> Chunk:
        if y is None:
            return Chunk(s, e, "DATE", code, gran="season")
        m1, m2 = SEASON_MONTHS[code]
        b = date(y, m1, 1)
        f = month_bounds(y + (1 if code == "WI" else 0), m2)[1]
        return Chunk(s, e, "DATE", f"{y}-{code}", b, f, "season", y)

    def duration(self, s: int, e: int, parts: dict[str, float]) -> Chunk:
        return Chunk(s, e, "DURATION", duration_value(parts), gran="duration", dur=dict(parts))

    def clock(self, s: int, e: int, text: str, known: bool) -> Chunk:
        return Chunk(s, e, "TIME", "T" + text, gran="clock", clock=text, ampm_known=known)


@lru_cache(maxsize=4)
def _future_rx(lex: Lexicon) -> re.Pattern[str]:
    """The future cues of a lexicon as one pattern."""
    return re.compile(rf"(?<!\w)(?:{lex.rx['FUTURE']})(?!\w)", re.I)


@lru_cache(maxsize=4)
def _past_rx(lex: Lexicon) -> re.Pattern[str]:
    """The past-tense cues of a lexicon as one pattern."""
    return re.compile(rf"(?<!\w)(?:{lex.rx['PAST']})(?!\w)", re.I)


# ---------------------------------------------------------------------------------------------
# Resolution helpers shared by the handlers


def resolve_weekday(ref: date, wd: int, mode: str | None, future: bool) -> date:
    """The date of weekday ``wd`` (1 = Monday) seen from ``ref`` under a mode ("prevweek", ...)."""
    target = wd - 1
    if mode == "thisweek":
        return week_bounds(ref)[0] + timedelta(days=target)
    if mode == "prevweek":
        return week_bounds(ref)[0] - timedelta(days=7 - target)
    if mode == "nextweek":
        return week_bounds(ref)[0] + timedelta(days=7 + target)
    if mode == "upcoming" or (mode is None and future):
        ahead = (target - ref.weekday()) % 7 or 7
        return ref + timedelta(days=ahead)
    back = (ref.weekday() - target) % 7
    if mode == "recent" and back == 0:
        back = 7
    return ref - timedelta(days=back)


def weekday_with_day(ref: date, wd: int, day: int) -> date | None:
    """The date nearest ``ref`` that falls on day-of-month ``day`` and weekday ``wd``."""
    best = None
    for k in range(-12, 13):
        first = add_months(ref.replace(day=1), k)
        d = safe_date(first.year, first.month, day)
        if d is not None and d.weekday() == wd - 1:
            if best is None or abs((d - ref).days) < abs((best - ref).days):
                best = d
    return best


def _fraction(word: str | None) -> float:
    if not word:
        return 0.0
    return 0.5 if word.lower() == "half" else 0.25


# ---------------------------------------------------------------------------------------------
# Handlers: (match, ctx) -> Chunk | None

Handler = Callable[[re.Match[str], Ctx], "Chunk | None"]


def h_iso(m: re.Match[str], c: Ctx) -> Chunk | None:
    return c.day(m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"]), True)


def h_mdy(m: re.Match[str], c: Ctx) -> Chunk | None:
    a, b = int(m["a"]), int(m["b"])
    y = int(m["y"]) if len(m["y"]) == 4 else two_digit_year(int(m["y"]))
    mo, d = (b, a) if a > 12 else (a, b)
    return c.day(m.start(), m.end(), y, mo, d, True)


def h_md(m: re.Match[str], c: Ctx) -> Chunk | None:
    a, b = int(m["a"]), int(m["b"])
    mo, d = (b, a) if a > 12 else (a, b)
    if not 1 <= mo <= 12:
        return None
    before = c.text[: m.start()].rstrip()
    whole = not before and not c.text[m.end() :].strip(" .!?")
    ok = (
        whole
        or c.word_before(m.start()) in c.lex.numeric_date_cues
        or c.lex.weekday_of(c.word_before(m.start()) or "x")
    )
    if m["s"] != "/" and not (
        c.word_before(m.start()) == "on" or c.lex.weekday_of(c.word_before(m.start()) or "x")
    ):
        ok = False
    if not ok and re.match(r"\s*(?:-|–|to|and)\s*\d{1,2}/\d", c.text[m.end() :]):
        ok = m["s"] == "/"
    if re.search(r"\d{1,2}/\d{1,2}\s*[-–]\s*$", c.text[max(0, m.start() - 8) : m.start()]):
        ok = m["s"] == "/"
    if not ok:
        return None
    y = int(m["y"]) if m["y"] else None
    return c.day(m.start(), m.end(), y, mo, d, bool(y), c.future_at(m.start()))


def h_mon_day(m: re.Match[str], c: Ctx) -> Chunk | None:
    mo = c.lex.month_of(m["mon"])
    d = c.lex.parse_day(m["d"])
    if mo is None or d is None:
        return None
    if c.lex.ambiguous_month(m["mon"]) and not m["d"][:1].isdigit():
        return None
    between = c.text[m.end("mon") : m.start("d")]
    if "," in between and not re.search(r"(?:st|nd|rd|th)$", m["d"], re.I):
        return None  # "In October, 15 soldiers..."
    y = int(m["y"]) if m["y"] else None
    return c.day(m.start(), m.end(), y, mo, d, bool(m["y"]), c.future_at(m.start()))


def h_day_mon(m: re.Match[str], c: Ctx) -> Chunk | None:
    if c.lex.ambiguous_month(m["mon"]) or re.search(r"[$£€]\s*$", c.text[max(0, m.start() - 3) : m.start()]):
        return None
    return h_mon_day(m, c)


def h_day_range(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "Feb. 23 to 26", "23-26 February 2025", "between 3 and 12 of Sept": one range."""
    mo = c.lex.month_of(m["mon"])
    d1, d2 = c.lex.parse_day(m["d1"]), c.lex.parse_day(m["d2"])
    if mo is None or d1 is None or d2 is None or d2 <= d1 or c.lex.ambiguous_month(m["mon"]):
        return None
    if (m["sep"].strip().lower() == "and") != (bool(m["pre"]) and m["pre"].lower() == "between"):
        if m["sep"].strip().lower() == "and":
            return None
    if m["d1"][:1].isalpha() != m["d2"][:1].isalpha():
        return None
    y = int(m["y"]) if m["y"] else None
    first = c.day(m.start(), m.end(), y, mo, d1, bool(y), c.future_at(m.start()))
    if first is None:
        return None
    if first.y is None:
        return Chunk(
            m.start(), m.end(), "DATE", f"XXXX-{mo:02d}-{d1:02d}/XXXX-{mo:02d}-{d2:02d}", gran="range", m=mo
        )
    last = safe_date(first.y, mo, d2)
    if last is None:
        return None
    return Chunk(m.start(), m.end(), "DATE", f"{first.value}/{last.isoformat()}", first.begin, last, "range", first.y,
                 y_explicit=bool(y))  # fmt: skip


def h_mon_year(m: re.Match[str], c: Ctx) -> Chunk | None:
    mo = c.lex.month_of(m["mon"]) if m["mon"] else int(m["m"])
    if mo is None or (m["mon"] and c.lex.ambiguous_month(m["mon"]) and "/" not in m.group(0)):
        return None
    return c.month(m.start(), m.end(), int(m["y"]), mo, True)


_NAMEISH = re.compile(r"\s+[A-Z][a-z]")


def h_month(m: re.Match[str], c: Ctx) -> Chunk | None:
    word = m["mon"]
    mo = c.lex.month_of(word)
    if mo is None:
        return None
    w = word.lower()
    if w in c.lex.ambiguous_months or (len(w) <= 4 and not w.endswith(".") and w not in ("june", "july")):
        if not word[:1].isupper():
            return None
        # "May" opening a sentence is usually the verb; "Jan Novak" is a name.
        if _NAMEISH.match(c.text[m.end() :]) and not re.match(r"\s+[A-Z][a-z]+\s+\d", c.text[m.end() :]):
            return None
        if w == "may" and (m.start() == 0 or re.search(r"[.!?\"“]\s*$", c.text[: m.start()])):
            return None
        if w in ("may", "march") and re.match(
            r"\s+(?:be|have|not|also|still|on\b|against|toward)", c.text[m.end() :]
        ):
            return None
    return c.month(m.start(), m.end(), None, mo, False, c.future_at(m.start()))


def h_rel_month(m: re.Match[str], c: Ctx) -> Chunk | None:
    mo = c.lex.month_of(m["mon"])
    mode = c.lex.rel_mode(m["rel"])
    if mo is None or mode is None:
        return None
    if c.ref is None:
        return Chunk(m.start(), m.end(), "DATE", None, gran="month", m=mo)
    y = c.ref.year
    if mode == "past":
        y = y if mo < c.ref.month else y - 1
    elif mode == "next":
        y = y if mo > c.ref.month else y + 1
    return c.month(m.start(), m.end(), y, mo, False)


def h_year(m: re.Match[str], c: Ctx) -> Chunk | None:
    prev = c.word_before(m.start())
    nxt = c.word_after(m.end())
    after = c.text[m.end() : m.end() + 3]
    if re.match(r"\s*[-–]\s*\d", after) or re.match(r"\s*(?:%|percent|per\b)", c.text[m.end() : m.end() + 9]):
        return None
    if re.search(
        r"(?:No|no|#|number|page|route|flight|\$)\.?\s*$", c.text[max(0, m.start() - 8) : m.start()]
    ):
        return None
    if prev not in c.lex.year_cues and nxt and nxt[:1].islower() and nxt.lower() not in c.lex.year_followers:
        return None
    return c.year(m.start(), m.end(), int(m["y"]))


def h_year_range(m: re.Match[str], c: Ctx) -> Chunk | None:
    y1 = int(m["y"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y1 // 100) * 100 + int(m["y2"])
    if y2 <= y1 or y2 - y1 > 60:
        return None
    nxt = c.word_after(m.end())
    if (
        nxt
        and nxt[:1].islower()
        and nxt.lower() not in c.lex.year_followers
        and c.word_before(m.start()) not in c.lex.year_cues
    ):
        return None
    return Chunk(m.start(), m.end(), "DATE", f"{y1}/{y2}", date(y1, 1, 1), date(y2, 12, 31), "range", y1)


def h_decade(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "the 1990s", "the '90s" -> TimeML "199"."""
    y = int(m["y"]) if m["y"] else two_digit_year(int(m["yy"]))
    return Chunk(m.start(), m.end(), "DATE", str(y // 10), date(y, 1, 1), date(y + 9, 12, 31), "decade", y)


_UNIT_LETTER = {"day": "D", "week": "W", "month": "M", "year": "Y"}


def period_around(c: Ctx, s: int, e: int, d: date, letter: str) -> Chunk | None:
    """The day, ISO week, month or year (by unit letter) that holds ``d``, as a chunk."""
    if letter == "W":
        return c.week(s, e, d)
    if letter == "M":
        return c.month(s, e, d.year, d.month, False)
    if letter == "Y":
        return c.year(s, e, d.year, False)
    return c.on_date(s, e, d, "relday")


def h_century(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "the 18th century" -> TimeML "17" (the first two digits of its years)."""
    n = c.lex.parse_day(m["n"])
    if n is None or not 1 <= n <= 21 or (m["n"][:1].isdigit() and not re.search(r"[a-z]$", m["n"], re.I)):
        return None
    y0 = (n - 1) * 100
    return Chunk(m.start(), m.end(), "DATE", f"{n - 1:02d}", date(max(y0, 1), 1, 1), date(y0 + 99, 12, 31),
                 "century", y0)  # fmt: skip


def h_rel_day(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "today", "yesterday", "now" (publication date); "the next day", "that day" (story date)."""
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w in c.lex.present_words:
        return Chunk(m.start(), m.end(), "DATE", "PRESENT_REF", c.ref, c.ref, "present")
    story = c.lex.story_days.get(w)
    if story is not None:
        if w in ("the day before", "the day after") and c.word_after(m.end()).lower() in _NOT_DAY_AFTER:
            return None  # "the day before the vote" is a day named by an event, not a date
        ch = _from_ref(c, m.start(), m.end(), story, "D")
        ch.anchor = ("D", float(story))
        return ch
    if (
        w == "today"
        and m.group(0)[0] == "T"
        and _NAME_BEFORE.search(c.text[max(0, m.start() - 30) : m.start()])
    ):
        return None  # "Russia Today", "USA Today": a name
    if c.ref is None:
        return Chunk(m.start(), m.end(), "DATE", None, gran="relday")
    return c.on_date(m.start(), m.end(), c.ref + timedelta(days=c.lex.relative_days[w]), "relday")


_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z]+\s$")
_NOT_DAY_AFTER = {"the", "a", "an", "his", "her", "their", "its", "this", "that"}


def _from_ref(c: Ctx, s: int, e: int, step: int, letter: str) -> Chunk:
    """A period ``step`` units from the publication date (the fallback of story-anchored words)."""
    if c.ref is None:
        return Chunk(s, e, "DATE", None, gran="relday" if letter == "D" else "relperiod")
    out = period_around(c, s, e, shift(c.ref, step, letter), letter)
    assert out is not None
    if letter != "D":
        out.gran = "relperiod"
    return out


def h_story_period(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "that year", "the same month", "the following week": from the story's last mentioned date."""
    step = c.lex.story_periods.get(re.sub(r"\s+", " ", m["rel"].lower()))
    letter = _UNIT_LETTER.get(m["p"].lower())
    if step is None or letter is None:
        return None
    ch = _from_ref(c, m.start(), m.end(), step, letter)
    ch.anchor = (letter, float(step))
    return ch


def h_the_year(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "the year" on its own: the year the story last named, else the publication year (TimeML
    reads it as a reference back, like "that year")."""
    ch = _from_ref(c, m.start(), m.end(), 0, "Y")
    ch.anchor = ("Y", 0.0)
    return ch


def h_year_earlier(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "the year-earlier quarter", "year-ago results", "the year-ago period": the same period a year
    before the one the story last named (TimeBank's earnings reports), else the year before the
    publication year; a quarter, half or month named just before keeps its granularity
    (``temporal._anchor_to_story``)."""
    ch = _from_ref(c, m.start(), m.end(), -1, "Y")
    ch.anchor, ch.gran = ("Y", -1.0), "yearago"
    return ch


def h_the_weekend(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "over the weekend": the latest weekend (the current one from Saturday on), or the next one
    after a future cue."""
    if c.ref is None:
        return Chunk(m.start(), m.end(), "DATE", None, gran="weekend")
    monday = week_bounds(c.ref)[0]
    if c.future_at(m.start()):
        sat = monday + timedelta(days=5)
    else:
        sat = monday + timedelta(days=5) if c.ref.weekday() >= 5 else monday - timedelta(days=2)
    return Chunk(m.start(), m.end(), "DATE", f"{week_value(sat)}-WE", sat, sat + timedelta(days=1), "weekend")


def h_story_pod(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "that night", "the following morning": a part of the story's day (TIME)."""
    step = c.lex.story_day_parts.get(re.sub(r"\s+", " ", m["rel"].lower()))
    code = c.lex.day_parts.get(m["p"].lower())
    if step is None or code is None:
        return None
    if c.ref is None:
        ch = Chunk(m.start(), m.end(), "TIME", None, gran="daypod", clock=code)
    else:
        d = c.ref + timedelta(days=step)
        ch = Chunk(m.start(), m.end(), "TIME", f"{d.isoformat()}T{code}", d, d, "daypod", clock=code)
    ch.anchor = ("D", float(step))
    return ch


def h_ref_word(m: re.Match[str], c: Ctx) -> Chunk | None:
    """ "currently" (PRESENT_REF), "recently" (PAST_REF), "soon" (FUTURE_REF)."""
    w = re.sub(r"\s+", " ", m["w"].lower())
    value = c.lex.reference_words.get(w)
    if value is None:
        return None
    nxt = c.word_after(m.end()).lower()
    if w == "soon" and (c.word_before(m.start()) == "as" or nxt in ("after", "afterwards", "as", "before")):
        return None
    s = m.start()
    lead = re.match(r"in\s+(?=the\b)", m.group(0), re.I)
    if lead:
        s += lead.end()  # "in the past": the preposition is a signal, not part of the TIMEX3
    if value == "PRESENT_REF":
        return Chunk(s, m.end(), "DATE", value, c.ref, c.ref, "present")
    if value == "PAST_REF":
        return Chunk(s, m.end(), "DATE", value, None, c.ref, "pastref")
    return Chunk(s, m.end(), "DATE", value, c.ref, None, "futureref")


def h_day_pod(m: re.Match[str], c: Ctx) -> Chunk | None:
    w = m["w"].lower()
    pod = m["p"].lower() if m["p"] else "night"
    code = c.lex.day_parts.get(pod, "NI")
    off = {"yesterday": -1, "tomorrow": 1, "last": -1, "next": 1}.get(w, 0)
    if w == "last" and code != "NI":
        off = -1
    if c.ref is None:
        return Chunk(m.start(), m.end(), "TIME", None, gran="pod", clock=code)
    d = c.ref + timedelta(days=off)
    return Chunk(m.start(), m.end(), "TIME", f"{d.isoformat()}T{code}", d, d, "daypod", clock=code)


def h_weekday(m: re.Match[str], c: Ctx) -> Chunk | None:
    word = m["wd"]
    wd = c.lex.weekday_of(word)
    if wd is None:
        return None
    w = word.lower().rstrip(".")
    if len(w) <= 4 and not word[:1].isupper():
        return None
    if w in ("sat", "sun") and not word.endswith("."):
        return None
    nxt = c.word_after(m.end())
    if (
        not m["rel"]
        and nxt[:1].isupper()
        and c.lex.month_of(nxt) is None
        and c.word_before(m.start()) in ("the", "a")
    ):
        return None  # "The Sunday Times"
    if w.endswith("s") and w[:-1] in c.lex.weekdays and not m["rel"] and not m["wk"]:
        return Chunk(m.start(), m.end(), "SET", f"XXXX-WXX-{wd}", gran="set")
    mode = c.lex.weekday_modes.get(re.sub(r"\s+", " ", (m["rel"] or "").lower())) if m["rel"] else None
    wk = m["wk"] or m["wk2"]
    if wk:
        wmode = c.lex.weekday_modes.get(re.sub(r"\s+", " ", wk.lower().rsplit(" ", 1)[0].strip()))
        mode = {"prevweek": "prevweek", "nextweek": "nextweek", "recent": "prevweek"}.get(
            wmode or "", "thisweek"
        )
    if c.ref is None:
        return Chunk(m.start(), m.end(), "DATE", f"XXXX-WXX-{wd}", gran="wd")
    return c.on_date(m.start(), m.end(), resolve_weekday(c.ref, wd, mode, c.future_at(m.start())), "wd")


# Words that may follow a day of the month named with its weekday ("on Sunday 30 at dawn").
_AFTER_WEEKDAY_DAY = frozenset(
    {"and", "or", "to", "through", "until", "till", "at", "in", "when", "as", "after", "before"}
)


def h_weekday_day(m: re.Match[str], c: Ctx) -> Chunk | None:
    wd = c.lex.weekday_of(m["wd"])
    d = c.lex.parse_day(m["d"])
    if wd is None or d is None or (len(m["wd"]) <= 4 and not m["wd"][:1].isupper()):
        return None
    after = c.word_after(m.end())
    if m["d"][:1].isdigit() and after[:1].islower() and after not in _AFTER_WEEKDAY_DAY:
        return None  # "On Sunday, 30 civilians were killed": the number counts, it is no day
    if c.ref is None:
        return Chunk(m.start(), m.end(), "DATE", f"XXXX-XX-{d:02d}", gran="day", d=d)
    return c.on_date(m.start(), m.end(), weekday_with_day(c.ref, wd, d))


_DAY_LIST_WORDS = frozenset({"and", "or", "to", "through", "until", "till"})
_DAY_CUES = frozenset({"on", "since", "until", "till", "by", "from", "before", "after"})


def h_day_of_month(m: re.Match[str], c: Ctx) -> Chunk | None:
    if m["d"][:1].isdigit() and not re.search(r"(?:st|nd|rd|th)$", m["d"], re.I):
        return None  # "the 24-year-old", "the 12 soldiers": only ordinals name a day
    d = c.lex.parse_day(m["d"])
    if d is None or c.ref is None:
        return None
    if c.word_after(m.end()).lower() in _DAY_LIST_WORDS and c.word_before(m.start()) not in _DAY_CUES:
        return None  # "on the 12th and ..." is a day; "the 3rd and 4th brigades" are not
    base = c.ref.replace(day=1)
    if m["rel"]:
        mode = c.lex.rel_mode(m["rel"])
        base = add_months(base, {"past": -1, "next": 1}.get(mode or "", 0))
    return c.on_date(m.start(), m.end(), safe_date(base.year, base.month, d))
