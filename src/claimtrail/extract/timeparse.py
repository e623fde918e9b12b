"""Calendar arithmetic and the building blocks of the time grammar (pure functions, no spaCy).

``temporal.py`` finds time expressions with the patterns compiled here and resolves them against a
reference date (an article's publication date) with the helpers below. Word lists come from
``resources/temporal.yaml``; this module turns them into regular expressions once per process.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .. import resources

# ---------------------------------------------------------------------------------------------
# Calendar arithmetic


def last_day(year: int, month: int) -> int:
    """Number of days in a month."""
    return calendar.monthrange(year, month)[1]


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts do not make one (Feb. 30, month 13)."""
    if not (1 <= month <= 12) or not (1 <= year <= 9999):
        return None
    if not 1 <= day <= last_day(year, month):
        return None
    return date(year, month, day)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    m += 1
    return date(y, m, min(d.day, last_day(y, m)))


def shift(ref: date, amount: float, unit: str) -> date:
    """``ref`` moved by ``amount`` units (unit letters of TimeML: D, W, M, Y; sub-day units -> 0 days)."""
    if unit == "D":
        return ref + timedelta(days=round(amount))
    if unit == "W":
        return ref + timedelta(days=round(amount * 7))
    if unit == "M":
        return add_months(ref, round(amount))
    if unit == "Y":
        whole = int(amount)
        out = add_months(ref, whole * 12)
        if amount != whole:
            out = add_months(out, round((amount - whole) * 12))
        return out
    return ref


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, last_day(year, month))


def week_bounds(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def pick_year(ref: date, month: int, day: int | None, future: bool = False) -> int:
    """Year of a month(-day) written without one, news-style.

    Past-leaning: the nearest occurrence before the reference date wins unless an occurrence after
    it is much closer (a date a future tense points at leans forward instead).
    """
    best_year, best_cost = ref.year, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = safe_date(y, month, day or 15)
        if d is None:
            continue
        delta = (d - ref).days
        if future:
            cost = -delta * 3 if delta < 0 else delta
        else:
            cost = delta * 3 if delta > 0 else -delta
        if best_cost is None or cost < best_cost:
            best_year, best_cost = y, cost
    return best_year


def point_value(d: date, letter: str) -> str:
    """TimeML value of the day ``d`` at the granularity of a unit letter ("three years ago" -> "2022")."""
    if letter == "W":
        return week_value(d)
    if letter == "M":
        return f"{d.year}-{d.month:02d}"
    if letter == "Y":
        return str(d.year)
    return d.isoformat()


def narrow(begin: date, finish: date, lo: float, hi: float) -> tuple[date, date]:
    """The part of [begin, finish] between fractions lo and hi (for "early", "mid-", "late")."""
    days = (finish - begin).days + 1
    a = begin + timedelta(days=int(round(days * lo)))
    b = begin + timedelta(days=max(int(round(days * hi)) - 1, int(round(days * lo))))
    return a, b


def two_digit_year(yy: int) -> int:
    return 2000 + yy if yy < 50 else 1900 + yy


def fmt_amount(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def duration_value(parts: dict[str, float]) -> str:
    """TimeML duration from unit amounts, e.g. {"D": 3} -> "P3D", {"H": 1.5} -> "PT1.5H"."""
    date_units = [u for u in ("Y", "M", "W", "D") if u in parts]
    time_units = [u for u in ("TH", "TM", "TS") if u in parts]
    out = "P" + "".join(fmt_amount(parts[u]) + u for u in date_units)
    if time_units:
        out += "T" + "".join(fmt_amount(parts[u]) + u[1] for u in time_units)
    return out


# ---------------------------------------------------------------------------------------------
# Intermediate result: a span with what it means


@dataclass
class Chunk:
    """A candidate time expression during parsing (``temporal`` turns it into a TimeMention)."""

    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    begin: date | None = None
    finish: date | None = None
    gran: str = ""  # day | wd | month | year | week | quarter | half | season | decade | range | ...
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y_explicit: bool = False
    clock: str | None = None  # "08:15" or a part-of-day code ("MO") for TIME chunks
    ampm_known: bool = True
    dur: dict[str, float] = field(default_factory=dict)
    priority: int = 0
    # Set on expressions counted from the story's last mentioned date rather than the publication
    # date ("the next day", "two days later"): (unit letter, signed amount) to add to that date.
    anchor: tuple[str, float] | None = None


# ---------------------------------------------------------------------------------------------
# Vocabulary and regular expressions


def _alt(words: list[str]) -> str:
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(" ", r"\s+") for w in words)


@dataclass
class Lexicon:
    """Word lists of resources/temporal.yaml with their compiled alternations."""

    months: dict[str, int]
    ambiguous_months: set[str]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, float]]
    relative: dict[str, str]
    cues: list[str]
    parts: dict[str, tuple[float, float]]
    day_parts: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    frequencies: dict[str, str]
    future_cues: list[str]
    rx: dict[str, str]
    vague: frozenset[str] = frozenset()
    reference_words: dict[str, str] = field(default_factory=dict)
    story_days: dict[str, int] = field(default_factory=dict)
    story_periods: dict[str, int] = field(default_factory=dict)
    timeml_units: dict[str, str] = field(default_factory=dict)


def _norm(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", s.lower()).strip()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data: dict[str, Any] = resources.load("temporal.yaml")
    months = {w.lower(): int(k) for k, ws in data["months"].items() for w in ws}
    weekdays = {w.lower(): int(k) for k, ws in data["weekdays"].items() for w in ws}
    numbers = {_norm(k): float(v) for k, v in data["numbers"].items()}
    numbers.update({_norm(k): float(v) for k, v in data["vague_numbers"].items()})
    ordinals = {_norm(k): int(v) for k, v in data["ordinals"].items()}
    units: dict[str, tuple[str, float]] = {}
    for k, v in data["units"].items():
        letter = ("T" + v[0]) if (v[0] in ("H", "S") or (len(v) > 2 and v[2] == "time")) else v[0]
        units[str(k).lower()] = (letter, float(v[1]))
    parts = {_norm(k): (float(v[0]), float(v[1])) for k, v in data["period_parts"].items()}
    holidays = {}
    for k, v in data["holidays"].items():
        mm, dd = str(v).split("-")
        holidays[_norm(k)] = (int(mm), int(dd))

    unit_words = [w for w in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")]
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    simple_numbers = [k for k in data["numbers"]] + list(data["vague_numbers"])
    numword = rf"(?:(?:{'|'.join(tens)})(?:[\s-](?:{'|'.join(unit_words)}))?|{_alt(simple_numbers)})"
    ord_units = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
    dayword = (
        rf"(?:(?:twenty|thirty)[\s-](?:{'|'.join(ord_units)})|{_alt(list(data['ordinals']))}"
        rf"|twenty[\s-](?:{'|'.join(unit_words)})|thirty[\s-]one)"
    )
    rx = {
        "MON": _alt(list(months)),
        "WD": _alt(list(weekdays)),
        "NUMWORD": numword,
        "NUM": rf"(?:(?<![\d,.])\d+(?:\.\d+)?|{numword})",
        "DAYNUM": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])",
        "DAYWORD": dayword,
        "YEAR": r"(?<![\d,.$£€])(?:1[6-9]\d\d|20\d\d)(?!\d|,\d|\.\d)",
        "UNIT": _alt(list(units)),
        "REL": _alt(list(data["relative_words"])),
        "CUES": _alt([c for c in data["range_cues"] if c not in ("from", "through", "throughout")]),
        "PARTS": _alt(list(data["period_parts"])),
        "PERIOD": _alt(list(data["periods"])),
        "DAYPART": _alt(list(data["day_parts"])),
        "HOLIDAY": _alt(list(data["holidays"])).replace("'", "['’]?"),
        "FREQ": _alt(list(data["frequencies"])),
        "AMPM": r"(?:[ap]\s?\.\s?m\b\.?|[ap]\s*\.\s*m\s*\.|[ap]m\b|[ap](?=[\s.,;!?)]|$))",
        "FUTURE": _alt(list(data["future_cues"])),
        "REFWORD": _alt(list(data["reference_words"])),
        "STORYDAY": _alt(list(data["story_days"])),
        "STORYREL": _alt(list(data["story_period_words"])),
        "ORD": _alt(list(data["ordinals"])),
    }
    rx["DAY"] = rf"(?:{rx['DAYNUM']}|{rx['DAYWORD']})"
    return Lexicon(
        months=months,
        ambiguous_months={w.lower() for w in data["ambiguous_month_words"]},
        weekdays=weekdays,
        numbers=numbers,
        ordinals=ordinals,
        units=units,
        relative={_norm(k): v for k, v in data["relative_words"].items()},
        cues=list(data["range_cues"]),
        parts=parts,
        day_parts={k.lower(): v for k, v in data["day_parts"].items()},
        holidays=holidays,
        frequencies={k.lower(): v for k, v in data["frequencies"].items()},
        future_cues=list(data["future_cues"]),
        rx=rx,
        vague=frozenset(_norm(k) for k in data["vague_numbers"]),
        reference_words={_norm(k): v for k, v in data["reference_words"].items()},
        story_days={_norm(k): int(v) for k, v in data["story_days"].items()},
        story_periods={_norm(k): int(v) for k, v in data["story_period_words"].items()},
        timeml_units={str(k).lower(): str(v) for k, v in data["timeml_units"].items()},
    )


_UNITS_W = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def parse_number(s: str) -> float | None:
    """A number written in digits or words ("3", "3.5", "twenty-four", "a few")."""
    s = _norm(s)
    if not s:
        return None
    try:
        return float(s.replace(",", ""))
    except ValueError:
        pass
    lex = lexicon()
    if s in lex.numbers:
        return lex.numbers[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS_W:
        return float(_TENS[parts[0]] + _UNITS_W[parts[1]])
    return None


def parse_day(s: str) -> int | None:
    """Day of month from "5", "05th", "twenty-second", "twenty nine"."""
    s = _norm(s)
    m = re.match(r"(\d+)", s)
    if m:
        v = int(m.group(1))
        return v if 1 <= v <= 31 else None
    lex = lexicon()
    if s in lex.ordinals:
        return lex.ordinals[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in _TENS:
        unit = lex.ordinals.get(parts[1]) or _UNITS_W.get(parts[1])
        if unit and unit < 10:
            v = _TENS[parts[0]] + unit
            return v if v <= 31 else None
    return None


def month_of(word: str) -> int | None:
    return lexicon().months.get(word.lower().rstrip()) or lexicon().months.get(word.lower().rstrip(".") + ".")


def weekday_of(word: str) -> int | None:
    w = word.lower().strip()
    lex = lexicon()
    return lex.weekdays.get(w) or lex.weekdays.get(w.rstrip("."))


def hour_value(s: str) -> int | None:
    s = _norm(s)
    if s.isdigit():
        return int(s)
    v = parse_number(s)
    return int(v) if v is not None and v == int(v) else None


def clock_of(hour: int, minute: int, second: int | None, ampm: str | None) -> tuple[str, bool] | None:
    """ "HH:MM(:SS)" from parts, applying a.m./p.m.; the flag says whether the half-day is known."""
    known = True
    if ampm:
        a = ampm.lower().replace(".", "").replace(" ", "")
        if hour > 12 or hour == 0 and a.startswith("p"):
            return None
        if a.startswith("p") and hour < 12:
            hour += 12
        elif a.startswith("a") and hour == 12:
            hour = 0
    else:
        known = hour > 12 or hour == 0
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        return None
    text = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")
    return text, known
