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

from pydantic import ConfigDict
from typing_extensions import TypedDict

from .. import resources
from .numbers import NUMBERS_RESOURCE, NumberWords

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


def pick_year(ref: date, month: int, day: int | None, future: bool = False, past: bool = False) -> int:
    """Year of a month(-day) written without one, news-style.

    Past-leaning: the nearest occurrence before the reference date wins unless an occurrence after
    it is much closer (a date a future tense points at leans forward instead); in a past-tense
    sentence (``past``) the latest occurrence not after the reference date.
    """
    if past and not future:
        return ref.year if (month, day or 1) <= (ref.month, ref.day) else ref.year - 1
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
    # The share of its period a part covers ("the end of the year": (0.67, 1.0)), kept when the
    # chunk is re-anchored to the story's year.
    part: tuple[float, float] | None = None


# ---------------------------------------------------------------------------------------------
# Vocabulary and regular expressions


def _alt(words: list[str]) -> str:
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(" ", r"\s+") for w in words)


TEMPORAL_RESOURCE = "temporal.yaml"


class TemporalWords(TypedDict):
    """The schema of ``resources/temporal.yaml`` (see the comments in the file for each key)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    months: dict[int, list[str]]
    ambiguous_month_words: list[str]
    weekdays: dict[int, list[str]]
    number_phrases: dict[str, float]
    vague_numbers: dict[str, float]
    units: dict[str, list[str | float]]
    periods: list[str]
    relative_words: dict[str, str]
    range_cues: list[str]
    period_parts: dict[str, list[float]]
    before_ref_words: list[str]
    after_ref_words: list[str]
    day_parts: dict[str, str]
    holidays: dict[str, str]
    frequencies: dict[str, str]
    future_cues: list[str]
    past_cues: list[str]
    vague_duration_cues: list[str]
    count_adjectives: list[str]
    duration_modifiers: list[str]
    in_duration_words: list[str]
    reference_words: dict[str, str]
    relative_days: dict[str, int]
    present_words: list[str]
    story_days: dict[str, int]
    story_period_words: dict[str, int]
    timeml_units: dict[str, str]
    seasons: dict[str, str]
    season_cues: list[str]
    weekday_modes: dict[str, str]
    story_day_part_words: dict[str, int]
    year_cues: list[str]
    year_followers: list[str]
    numeric_date_cues: list[str]
    clock_cues: list[str]
    auxiliaries: list[str]


def calendar_names(resource: str = TEMPORAL_RESOURCE) -> list[str]:
    """The full names of the months and weekdays (the first spelling of each in ``resource``)."""
    data = resources.load_checked(resource, TemporalWords)
    return [ws[0] for ws in data["months"].values()] + [ws[0] for ws in data["weekdays"].values()]


@dataclass(eq=False)  # compared (and cached on) by identity: one Lexicon per pair of files
class Lexicon:
    """Word lists of resources/temporal.yaml and numbers.yaml with their compiled alternations."""

    months: dict[str, int]
    ambiguous_months: set[str]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    ordinals: dict[str, int]  # day ordinals ("first" .. "thirtieth")
    digits: dict[str, int]  # "one" .. "nine", read after a tens word ("twenty-four")
    tens: dict[str, int]
    units: dict[str, tuple[str, float]]
    relative: dict[str, str]
    parts: dict[str, tuple[float, float]]
    day_parts: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    frequencies: dict[str, str]
    rx: dict[str, str]
    vague: frozenset[str]
    reference_words: dict[str, str]
    story_days: dict[str, int]
    story_periods: dict[str, int]
    timeml_units: dict[str, str]
    before_ref: frozenset[str]  # "earlier this month": the part before the reference date
    relative_days: dict[str, int]
    present_words: frozenset[str]
    seasons: dict[str, str]
    season_cues: frozenset[str]
    weekday_modes: dict[str, str]
    story_day_parts: dict[str, int]
    year_cues: frozenset[str]
    year_followers: frozenset[str]
    numeric_date_cues: frozenset[str]
    clock_cues: frozenset[str]
    auxiliaries: frozenset[str]
    in_duration_words: frozenset[str]

    def parse_number(self, s: str) -> float | None:
        """A number written in digits or words ("3", "3.5", "twenty-four", "a few")."""
        s = _norm(s)
        if not s:
            return None
        try:
            return float(s.replace(",", ""))
        except ValueError:
            pass
        if s in self.numbers:
            return self.numbers[s]
        parts = s.split()
        if len(parts) == 2 and parts[0] in self.tens and parts[1] in self.digits:
            return float(self.tens[parts[0]] + self.digits[parts[1]])
        return None

    def parse_day(self, s: str) -> int | None:
        """Day of month from "5", "05th", "twenty-second", "twenty nine"."""
        s = _norm(s)
        m = re.match(r"(\d+)", s)
        if m:
            v = int(m.group(1))
            return v if 1 <= v <= 31 else None
        if s in self.ordinals:
            return self.ordinals[s]
        parts = s.split()
        if len(parts) == 2 and parts[0] in self.tens:
            unit = self.ordinals.get(parts[1]) or self.digits.get(parts[1])
            if unit and unit < 10:
                v = self.tens[parts[0]] + unit
                return v if v <= 31 else None
        return None

    def month_of(self, word: str) -> int | None:
        """The month a word names ("March", "Sept."), or None."""
        w = word.lower()
        return self.months.get(w.rstrip()) or self.months.get(w.rstrip(".") + ".")

    def ambiguous_month(self, word: str) -> bool:
        """A month spelling that is also an ordinary word, written in lower case ("may")."""
        return word.lower().rstrip(".") in self.ambiguous_months and not word[:1].isupper()

    def weekday_of(self, word: str) -> int | None:
        """The weekday (1 = Monday) a word names, or None."""
        w = word.lower().strip()
        return self.weekdays.get(w) or self.weekdays.get(w.rstrip("."))

    def hour_value(self, s: str) -> int | None:
        """A whole hour written in digits or words."""
        s = _norm(s)
        if s.isdigit():
            return int(s)
        v = self.parse_number(s)
        return int(v) if v is not None and v == int(v) else None

    def rel_mode(self, word: str | None) -> str | None:
        """What a relative word means: "past", "next" or "this" ("last" -> "past")."""
        if not word:
            return None
        return self.relative.get(re.sub(r"\s+", " ", word.lower()).strip())

    def unit_of(self, word: str) -> tuple[str, float] | None:
        """The TimeML unit letter and multiplier of a duration unit word ("fortnight" -> W, 2)."""
        return self.units.get(word.lower())

    def duration_parts(self, n: float, unit_word: str) -> dict[str, float] | None:
        """``n`` units of ``unit_word`` as TimeML unit amounts ({"W": 4} for "two fortnights")."""
        u = self.unit_of(unit_word)
        if u is None:
            return None
        letter, mult = u
        return {letter: n * mult}


def _norm(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", s.lower()).strip()


@lru_cache(maxsize=4)
def lexicon(resource: str = TEMPORAL_RESOURCE, numbers: str = NUMBERS_RESOURCE) -> Lexicon:
    """The time vocabulary of ``resource`` and the number words of ``numbers``, built once."""
    data = resources.load_checked(resource, TemporalWords)
    nums = resources.load_checked(numbers, NumberWords)
    digits = {w: v for w, v in nums["ones"].items() if 1 <= v <= 9}
    tens = dict(nums["tens"])
    ordinals = {_norm(k): v for k, v in nums["ordinals"].items() if v <= 31}  # days of a month
    plain = {**nums["ones"], **nums["teens"], **tens}
    months = {w.lower(): int(k) for k, ws in data["months"].items() for w in ws}
    weekdays = {w.lower(): int(k) for k, ws in data["weekdays"].items() for w in ws}
    numbers_ = {_norm(k): float(v) for k, v in {**plain, **data["number_phrases"]}.items()}
    numbers_.update({_norm(k): float(v) for k, v in data["vague_numbers"].items()})
    return Lexicon(
        months=months,
        ambiguous_months={w.lower() for w in data["ambiguous_month_words"]},
        weekdays=weekdays,
        numbers=numbers_,
        ordinals=ordinals,
        digits=digits,
        tens=tens,
        units=_units(data),
        relative={_norm(k): v for k, v in data["relative_words"].items()},
        parts={_norm(k): (float(v[0]), float(v[1])) for k, v in data["period_parts"].items()},
        day_parts={k.lower(): v for k, v in data["day_parts"].items()},
        holidays=_holidays(data),
        frequencies={k.lower(): v for k, v in data["frequencies"].items()},
        rx=_alternations(
            data,
            list(months),
            list(weekdays),
            list(plain) + list(data["number_phrases"]),
            digits,
            tens,
            ordinals,
        ),  # fmt: skip
        vague=frozenset(_norm(k) for k in data["vague_numbers"]),
        reference_words={_norm(k): v for k, v in data["reference_words"].items()},
        story_days={_norm(k): int(v) for k, v in data["story_days"].items()},
        story_periods={_norm(k): int(v) for k, v in data["story_period_words"].items()},
        timeml_units={str(k).lower(): str(v) for k, v in data["timeml_units"].items()},
        before_ref=frozenset(w.lower() for w in data["before_ref_words"]),
        relative_days={_norm(k): v for k, v in data["relative_days"].items()},
        present_words=frozenset(_norm(w) for w in data["present_words"]),
        seasons={k.lower(): v for k, v in data["seasons"].items()},
        season_cues=frozenset(data["season_cues"]),
        weekday_modes={_norm(k): v for k, v in data["weekday_modes"].items()},
        story_day_parts={_norm(k): v for k, v in data["story_day_part_words"].items()},
        year_cues=frozenset(data["year_cues"]),
        year_followers=frozenset(data["year_followers"]),
        numeric_date_cues=frozenset(data["numeric_date_cues"]),
        clock_cues=frozenset(data["clock_cues"]),
        auxiliaries=frozenset(data["auxiliaries"]),
        in_duration_words=frozenset(w.lower() for w in data["in_duration_words"]),
    )


def _units(data: TemporalWords) -> dict[str, tuple[str, float]]:
    """Duration unit words -> TimeML letter (T marks units below a day) and multiplier."""
    units: dict[str, tuple[str, float]] = {}
    for k, v in data["units"].items():
        code = str(v[0])
        letter = ("T" + code) if (code in ("H", "S") or (len(v) > 2 and v[2] == "time")) else code
        units[str(k).lower()] = (letter, float(v[1]))
    return units


def _holidays(data: TemporalWords) -> dict[str, tuple[int, int]]:
    """Fixed-date holidays -> (month, day)."""
    holidays = {}
    for k, v in data["holidays"].items():
        mm, dd = str(v).split("-")
        holidays[_norm(k)] = (int(mm), int(dd))
    return holidays


def _alternations(
    data: TemporalWords,
    months: list[str],
    weekdays: list[str],
    simple_numbers: list[str],
    digits: dict[str, int],
    tens: dict[str, int],
    ordinals: dict[str, int],
) -> dict[str, str]:
    """The regular-expression alternation of each word class, by the name the patterns use."""
    unit_words = "|".join(digits)
    day_tens = [w for w, v in tens.items() if v <= 30]  # "twenty-first", "thirty-one"
    ord_units = [w for w, v in ordinals.items() if v < 10]  # "first" .. "ninth"
    numword = rf"(?:(?:{'|'.join(tens)})(?:[\s-](?:{unit_words}))?|{_alt(simple_numbers + list(data['vague_numbers']))})"
    dayword = (
        rf"(?:(?:{'|'.join(day_tens)})[\s-](?:{'|'.join(ord_units)})|{_alt(list(ordinals))}"
        rf"|twenty[\s-](?:{unit_words})|thirty[\s-]one)"
    )
    rx = {
        "MON": _alt(months),
        "WD": _alt(weekdays),
        "NUMWORD": numword,
        "NUM": rf"(?:(?<![\d,.])\d+(?:\.\d+)?|{numword})",
        "DAYNUM": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])",
        "DAYWORD": dayword,
        "YEAR": r"(?<![\d,.$£€])(?:1[6-9]\d\d|20\d\d)(?!\d|,\d|\.\d)",
        "UNIT": _alt(list(_units(data))),
        "REL": _alt(list(data["relative_words"])),
        "CUES": _alt([c for c in data["range_cues"] if c not in ("from", "through", "throughout")]),
        "PARTS": _alt(list(data["period_parts"])),
        "PERIOD": _alt(list(data["periods"])),
        "DAYPART": _alt(list(data["day_parts"])),
        "HOLIDAY": _alt(list(data["holidays"])).replace("'", "['’]?"),
        "FREQ": _alt(list(data["frequencies"])),
        "AMPM": r"(?:[ap]\s?\.\s?m\b\.?|[ap]\s*\.\s*m\s*\.|[ap]m\b|[ap](?=[\s.,;!?)]|$))",
        "FUTURE": _alt(list(data["future_cues"])),
        "PAST": _alt(list(data["past_cues"])),
        "COUNTADJ": _alt(list(data["count_adjectives"])),
        "DURMOD": _alt(list(data["duration_modifiers"])),
        "VAGUEPRE": "|".join(rf"(?<={re.escape(w)}\s)" for w in data["vague_duration_cues"]),
        "REFWORD": _alt(list(data["reference_words"])),
        "STORYDAY": _alt(list(data["story_days"])),
        "RELDAY": _alt(list(data["relative_days"])),
        "NOW": _alt(list(data["present_words"])),
        "STORYREL": _alt(list(data["story_period_words"])),
        "ORD": _alt(list(ordinals)),
        "BEFOREAFTER": _alt(list(data["before_ref_words"]) + list(data["after_ref_words"])),
        "SEASON": _alt(list(data["seasons"])),
        "STORYPOD": _alt(list(data["story_day_part_words"])),
    }
    rx["DAY"] = rf"(?:{rx['DAYNUM']}|{rx['DAYWORD']})"
    return rx


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
