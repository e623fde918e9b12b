"""Time expressions: find dates, times, durations and sets, normalised TimeML-style.

The ``claimtrail_times`` component sets ``doc._.times`` to a list of ``TimeMention`` sorted by start,
each resolved against ``doc._.published`` with news conventions: a bare "March 5" is the nearest
March 5 before the publication date (or shortly after it), "Wednesday" the most recent Wednesday
unless a future cue ("will", "scheduled") points forward, "Feb. 23 to 26" one range.

How: regular expressions built from ``resources/temporal.yaml`` (``timepatterns``, with the
handlers of ``timegrammar``, ``timeperiods`` and ``timeunits``) find candidates;
the longest non-overlapping ones are kept; neighbours are then joined (a date and a time, the two
ends of a range, "early" + a period, "since" + a date). Working on the text rather than on spaCy's
DATE entities keeps offsets exact and the component fast (one pass of compiled patterns).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from ..model import TimeMention
from ..nlp.extensions import doc_text
from . import timegrammar as g
from .numbers import NUMBERS_RESOURCE
from .timeparse import (
    TEMPORAL_RESOURCE,
    Chunk,
    Lexicon,
    lexicon,
    month_bounds,
    narrow,
    safe_date,
    shift,
    week_bounds,
    week_value,
)
from .timepatterns import compiled

__all__ = ["Component", "latest_full_date", "resolve_times", "make_component"]

# ---------------------------------------------------------------------------------------------
# Joining neighbours

_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*", re.I)
_DT_SEP = re.compile(r"\s*(?:,|at|@|around|about|on|by|-|–|for)?\s*(?:at\s+)?", re.I)
_TD_SEP = re.compile(r"(?:\s+(?:local\s+time|GMT|UTC))?\s*(?:,\s*)?(?:on|of)?\s*", re.I)
_POD_AFTER = re.compile(
    r"\s+(?P<q>early\s+|late\s+)?(?P<p>morning|afternoon|evening|night)(?=s?(?!\w))", re.I
)
_POINT_GRANS = {"day", "wd", "relday", "relperiod", "month", "year", "quarter", "half", "season", "present"}
_DAY_GRANS = {"day", "wd", "relday"}


@lru_cache(maxsize=4)
def _prefix_res(lex: Lexicon) -> dict[str, re.Pattern[str]]:
    """The patterns of words before a chunk that narrow it or make it a range."""
    rx = lex.rx
    return {
        "parts": re.compile(r"(?<!\w)(?P<w>" + rx["PARTS"] + r")[\s-]*$", re.I),
        "beforeafter": re.compile(r"(?<!\w)(?P<w>" + rx["BEFOREAFTER"] + r")\s+(?:in\s+)?$", re.I),
        "cue": re.compile(r"(?<!\w)(?P<w>" + rx["CUES"] + r")\s+$", re.I),
        "weekof": re.compile(
            r"(?<!\w)(?P<w>(?:the\s+)?week\s+(?:of|beginning|starting(?:\s+on)?|commencing)|w/c)\s+$", re.I
        ),
        "between": re.compile(r"(?<!\w)(?P<w>from|between)\s+$", re.I),
        # "since the conflict broke out on October 7, 2023": the date starts a period up to now
        "since_clause": re.compile(
            r"(?<!\w)since\s+[^.;:!?\"\u201c\u201d]{0,60}?\b(?:began|begun|started|broke\s+out|erupted|"
            r"escalated|was\s+launched|were\s+launched|launched|flared)\s+(?:on|in)\s+$",
            re.I,
        ),
        "durmod": re.compile(
            r"(?<![\w-])(?:" + rx["DURMOD"] + r")(?:\s+(?:" + rx["DURMOD"] + r"))?\s+$", re.I
        ),
    }


def _merge_range(a: Chunk, b: Chunk, ref: date | None, start: int) -> Chunk | None:
    """The two ends of a date range, years filled from whichever end has one."""
    if a.type == "TIME" and b.type == "TIME" and a.gran == "clock" and b.gran == "clock":
        return Chunk(start, b.end, "TIME", f"{a.value}/{b.value}", gran="clockrange", clock=a.clock)
    if a.gran not in _POINT_GRANS or b.gran not in _POINT_GRANS or a.value is None or b.value is None:
        return None
    if a.gran in ("day", "month") and not a.y_explicit and b.y_explicit and b.y is not None and a.m:
        y = b.y
        if (a.m, a.d or 1) > (b.m or 12, b.d or 31):
            y -= 1
        first = safe_date(y, a.m, a.d or 1)
        if first is None:
            return None
        if a.gran == "day":
            a = Chunk(a.start, a.end, "DATE", first.isoformat(), first, first, "day", y, a.m, a.d, True)
        else:
            mb = month_bounds(y, first.month)
            a = Chunk(a.start, a.end, "DATE", f"{y}-{a.m:02d}", mb[0], mb[1], "month", y, a.m, None, True)
    elif b.gran in ("day", "month") and not b.y_explicit and a.y is not None and b.m:
        y = a.y + (1 if (b.m, b.d or 31) < (a.m or 1, a.d or 1) else 0)
        last = safe_date(y, b.m, b.d or 1)
        if last is None:
            return None
        if b.gran == "day":
            b = Chunk(b.start, b.end, "DATE", last.isoformat(), last, last, "day", y, b.m, b.d, True)
        else:
            mb = month_bounds(y, last.month)
            b = Chunk(b.start, b.end, "DATE", f"{y}-{b.m:02d}", mb[0], mb[1], "month", y, b.m, None, True)
    if a.begin and b.finish and b.finish < a.begin:
        return None
    return Chunk(
        start, b.end, "DATE", f"{a.value}/{b.value}", a.begin, b.finish, "range", a.y, y_explicit=True
    )


def _pm(value: str, code: str | None) -> str:
    """Move bare hours of a clock value into the afternoon/evening ("7 to 9 last night")."""

    def fix(m: re.Match[str]) -> str:
        h = int(m.group(1))
        if h < 12 and not (code == "NI" and h < 5):
            h += 12
        return f"T{h:02d}"

    return re.sub(r"T(\d\d)(?=:)", fix, value)


def _merge_datetime(day: Chunk, t: Chunk, start: int, end: int) -> Chunk:
    base = day.value if day.value else "XXXX-XX-XX"
    if day.gran == "daypod":
        base = day.begin.isoformat() if day.begin else "XXXX-XX-XX"
        if day.clock in ("AF", "EV", "NI") and t.value and not t.ampm_known:
            t = Chunk(t.start, t.end, t.type, _pm(t.value, day.clock), gran=t.gran, clock=t.clock)
    value: str | None
    if t.gran == "clockrange" and t.value:
        lo, hi = t.value.split("/")
        value = f"{base}{lo}/{base}{hi}"
    else:
        value = f"{base}{t.value}" if t.value else None
    out = Chunk(start, end, "TIME", value, day.begin, day.finish, "datetime", clock=t.clock)
    out.anchor = day.anchor  # "the next day at 10 a.m." still counts from the story's date
    return out


def _join(chunks: list[Chunk], text: str, ref: date | None, lex: Lexicon) -> list[Chunk]:
    """Neighbours joined until nothing changes: a day and its part of day, a date and a time, the
    two ends of a range, durations added up ("3 months and 2 weeks")."""
    out = sorted(chunks, key=lambda c: c.start)
    changed = True
    while changed:
        changed = False
        i = 0
        while i < len(out):
            a = out[i]
            b = out[i + 1] if i + 1 < len(out) else None
            with_pod = _with_part_of_day(a, b, text, lex)
            if with_pod is not None:
                out[i] = with_pod
                changed = True
                continue
            if b is None:
                break
            gap = text[a.end : b.start]
            merged = (
                _merge_day_and_time(a, b, gap)
                or _merge_date_and_year(a, b, gap, text, ref, lex)
                or _merge_range_ends(a, b, gap, text, ref, lex)
                or _merge_durations(a, b, gap, text, ref, lex)
            )
            if merged is not None:
                out[i : i + 2] = [merged]
                changed = True
            else:
                i += 1
    return out


def _with_part_of_day(a: Chunk, b: Chunk | None, text: str, lex: Lexicon) -> Chunk | None:
    """A day and the part of day written after it ("Friday evening"; "Fridays evenings" a SET)."""
    pod = _POD_AFTER.match(text, a.end) if a.gran in _DAY_GRANS and a.value else None
    if pod is None or (b is not None and b.start < pod.end()):
        return None
    code = lex.day_parts[pod.group("p").lower()]
    plural = text[pod.end() : pod.end() + 1].lower() == "s" and a.gran == "wd"
    end = pod.end() + (1 if plural else 0)
    if plural:
        wd = a.begin.isoweekday() if a.begin else 0
        return Chunk(a.start, end, "SET", f"XXXX-WXX-{wd}T{code}", gran="set")
    return Chunk(a.start, end, "TIME", f"{a.value}T{code}", a.begin, a.finish, "daypod", clock=code)


def _merge_day_and_time(a: Chunk, b: Chunk, gap: str) -> Chunk | None:
    """A weekday and its date ("Friday, March 7"), a date and a time either way round, a day and a
    part of day, a set and its clock time, a clock time and its part of day; None for other pairs."""
    if a.gran == "wd" and b.gran == "day" and re.fullmatch(r"\s*,?\s*", gap):
        return Chunk(a.start, b.end, b.type, b.value, b.begin, b.finish, "day", b.y, b.m, b.d, b.y_explicit)
    if a.gran in _DAY_GRANS | {"daypod"} and b.gran in ("clock", "clockrange") and _DT_SEP.fullmatch(gap):
        return _merge_datetime(a, b, a.start, b.end)
    if a.gran in ("clock", "clockrange") and b.gran in _DAY_GRANS | {"daypod"} and _TD_SEP.fullmatch(gap):
        return _merge_datetime(b, a, a.start, b.end)
    if a.gran in _DAY_GRANS and b.gran == "pod" and re.fullmatch(r"\s+", gap):
        return _merge_datetime(a, b, a.start, b.end)
    if a.gran == "set" and b.gran == "clock" and re.fullmatch(r"\s+at\s+|\s+", gap):
        value = f"{a.value}{b.value}" if a.value and "W" in a.value else b.value
        return Chunk(a.start, b.end, "SET", value, gran="set")
    if a.gran == "clock" and b.gran == "set" and re.fullmatch(r"\s+", gap):
        return Chunk(a.start, b.end, "SET", a.value, gran="set")
    if a.gran == "pod" and b.gran in _DAY_GRANS and re.fullmatch(r"\s+of\s+", gap):
        return _merge_datetime(b, a, a.start, b.end)  # "the morning of March 3"
    if a.gran == "clock" and b.gran == "pod" and re.fullmatch(r"\s+", gap) and a.clock:
        hh = int(a.clock[:2])
        if b.clock in ("AF", "EV", "NI") and hh < 12 and not a.ampm_known:
            hh += 12
        clock = f"{hh:02d}{a.clock[2:]}"
        return Chunk(a.start, b.end, "TIME", f"T{clock}", gran="clock", clock=clock)
    return None


def _merge_date_and_year(
    a: Chunk, b: Chunk, gap: str, text: str, ref: date | None, lex: Lexicon
) -> Chunk | None:
    """A day or month without a year and the relative year after it ("October last year",
    "January 1 next year"): one date in that year."""
    if not (a.gran in ("day", "month") and a.m and not a.y_explicit and b.gran == "year" and b.y):
        return None
    if not b.value or not re.fullmatch(r"\s*,?\s*", gap) or text[b.start : b.end][:1].isdigit():
        return None
    ctx = g.Ctx(text, ref, lex)
    if a.gran == "month":
        return ctx.month(a.start, b.end, b.y, a.m, True)
    return ctx.day(a.start, b.end, b.y, a.m, a.d or 1, True)


def _merge_range_ends(
    a: Chunk, b: Chunk, gap: str, text: str, ref: date | None, lex: Lexicon
) -> Chunk | None:
    """Two dates or times joined by "to", "-", "until" (or "and" after "between"): one range
    ("March 5 to 10", "Nov 18 - Dec 19, 2015", "2014 to 2016", "4pm to 5pm")."""
    if not (_RANGE_SEP.fullmatch(gap) and a.type == b.type and a.type in ("DATE", "TIME")):
        return None
    pre = _prefix_res(lex)["between"].search(text[max(0, a.start - 10) : a.start])
    if gap.strip().lower() == "and" and not (pre and pre.group("w").lower() == "between"):
        return None
    start = a.start - len(pre.group(0)) if pre else a.start
    return _merge_range(a, b, ref, start)


def _merge_durations(a: Chunk, b: Chunk, gap: str, text: str, ref: date | None, lex: Lexicon) -> Chunk | None:
    """Two durations joined by "and": one ("3 months and 2 weeks"), counted back from ``ref`` when
    the first one was."""
    if not (
        a.type == "DURATION"
        and b.type == "DURATION"
        and a.dur
        and b.dur
        and re.fullmatch(r"\s*(?:and|,\s*and)\s*", gap)
    ):
        return None
    parts = dict(a.dur)
    for k, v in b.dur.items():
        parts[k] = parts.get(k, 0) + v
    merged = g.Ctx(text, ref, lex).duration(a.start, b.end, parts)
    merged.begin, merged.finish = a.begin, a.finish
    if a.begin and a.finish and ref:
        d = ref
        for k, v in parts.items():
            d = g.shift(d, -v, k)
        merged.begin = d
    return merged


def _since_clause(ch: Chunk, text: str, ref: date | None, res: dict[str, re.Pattern[str]]) -> bool:
    """A date in a clause opened by "since" ("since the conflict broke out on October 7, 2023")
    starts a period that runs to ``ref``; True when the chunk was made that period."""
    if ch.type != "DATE" or not (ch.begin and ch.finish):
        return False
    if not res["since_clause"].search(text[max(0, ch.start - 90) : ch.start]):
        return False
    ch.finish = ref if ref and ref >= ch.begin else None
    return True


def _prefixes(ch: Chunk, text: str, ref: date | None, lex: Lexicon) -> Chunk:
    """Words before a chunk that narrow it ("early", "mid-", "later") or make it a range ("since")."""
    res = _prefix_res(lex)
    window = text[max(0, ch.start - 40) : ch.start]
    m = res["parts"].search(window)
    if (
        m
        and ch.gran in ("month", "year", "week", "quarter", "decade", "season", "half")
        and ch.begin
        and ch.finish
    ):
        lo, hi = lex.parts[re.sub(r"[\s\-]+", " ", m.group("w").lower()).strip()]
        ch.begin, ch.finish = narrow(ch.begin, ch.finish, lo, hi)
        ch.start -= len(m.group(0))
        window = text[max(0, ch.start - 40) : ch.start]
    elif m and ch.gran in ("month", "daypod", "day", "wd", "relday") and ch.value:
        ch.start -= len(m.group(0))
        window = text[max(0, ch.start - 40) : ch.start]
    m = res["beforeafter"].search(window)
    if m and ch.gran in ("month", "year", "week", "quarter") and ch.begin and ch.finish and ref:
        if m.group("w").lower() in lex.before_ref:
            ch.finish = max(ch.begin, min(ch.finish, ref))
        else:
            ch.begin = min(ch.finish, max(ch.begin, ref))
        ch.start -= len(m.group(0))
        window = text[max(0, ch.start - 40) : ch.start]
    elif m and ch.gran in ("wd", "relday", "daypod") and "in" not in m.group(0).lower().split():
        ch.start -= len(m.group(0))  # "earlier Thursday", "later today": the same day, in the span
        window = text[max(0, ch.start - 40) : ch.start]
    m = res["weekof"].search(window)
    if m and ch.gran == "day" and ch.begin:
        ch.start -= len(m.group(0))
        b, f = week_bounds(ch.begin)
        ch.value, ch.begin, ch.finish, ch.gran = week_value(ch.begin), b, f, "week"
        return ch
    if _since_clause(ch, text, ref, res):
        return ch
    m = res["cue"].search(window)
    if m and ch.type == "TIME" and ch.gran in ("clock", "datetime"):
        ch.start -= len(m.group(0))
    elif m and ch.type == "DATE":
        cue = re.sub(r"\s+", " ", m.group("w").lower())
        ch.start -= len(m.group(0))
        if ch.begin and ch.finish:
            if cue.startswith(
                ("since", "after", "starting", "beginning", "later than", "greater than", "as early")
            ):
                if cue.startswith(("after", "later", "greater")):
                    ch.begin = ch.finish + timedelta(days=1)
                ch.finish = ref if ref and ref >= ch.begin else None
            else:
                if cue.startswith(("before", "prior", "earlier")):
                    ch.finish = ch.begin - timedelta(days=1)
                ch.begin = None
    return ch


_SEQ_SEP = re.compile(r"\s*(?:,|-|–|and|or|to|through|until|till)?\s*(?:on\s+)?", re.I)


def _weekdays_in_sequence(chunks: list[Chunk], text: str, lex: Lexicon) -> list[Chunk]:
    """A bare weekday written right after another ("Wednesday and Thursday", "Monday to Friday") is
    the first one on or after it, not a week earlier: the pair is read as one stretch of days."""
    out = sorted(chunks, key=lambda c: c.start)
    for a, b in pairwise(out):
        if a.gran != "wd" or b.gran != "wd" or not (a.begin and b.begin) or b.begin >= a.begin:
            continue
        if lex.weekday_of(text[b.start : b.end]) is None:
            continue  # "next Monday or previous Monday": each has its own word
        if not _SEQ_SEP.fullmatch(text[a.end : b.start]):
            continue
        d = a.begin + timedelta(days=(b.begin.weekday() - a.begin.weekday()) % 7)
        b.value, b.begin, b.finish, b.y, b.m, b.d = d.isoformat(), d, d, d.year, d.month, d.day
    return out


def _parts_of_day_on(chunks: list[Chunk], text: str) -> list[Chunk]:
    """A part of day followed by "on" and a day ("the night on Saturday") is on that day; TimeML
    keeps the two expressions apart."""
    for a, b in pairwise(chunks):
        if (
            a.gran == "pod"
            and b.gran in _DAY_GRANS
            and b.value
            and re.fullmatch(r"\s+on\s+", text[a.end : b.start])
        ):
            a.value, a.begin, a.finish, a.gran = f"{b.value}T{a.clock}", b.begin, b.finish, "daypod"
    return chunks


_THE_BEFORE = re.compile(r"(?<!\w)the\s+$", re.I)


def _with_article(ch: Chunk, text: str) -> Chunk:
    """ "the late 1980s": a decade or century keeps its article in the span, as TimeML does."""
    m = (
        _THE_BEFORE.search(text[max(0, ch.start - 6) : ch.start])
        if ch.gran in ("decade", "century")
        else None
    )
    if m:
        ch.start -= len(m.group(0))
    return ch


def _with_modifier(ch: Chunk, text: str, lex: Lexicon) -> Chunk:
    """ "at least two months", "another 48 hours": TimeML keeps a duration's modifier in the span."""
    if text[ch.start : ch.start + 4].lower() == "the ":
        return ch
    m = _prefix_res(lex)["durmod"].search(text[max(0, ch.start - 30) : ch.start])
    if m:
        ch.start -= len(m.group(0))
    return ch


def _overlap_free(cands: list[Chunk]) -> list[Chunk]:
    cands.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    taken: list[Chunk] = []
    for c in cands:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return taken


_TRAIL = re.compile(r"(?:[.,;:])$")


def _trim(ch: Chunk, text: str) -> None:
    while ch.end > ch.start and text[ch.end - 1] in " \t\n,;:":
        ch.end -= 1
    if text[ch.end - 1 : ch.end] == "." and not re.search(
        r"[ap]\s?\.?\s?m\s?\.$", text[ch.start : ch.end], re.I
    ):
        rest = text[ch.end : ch.end + 3]
        if not rest or re.match(r"\s*(?:$|[A-Z\n\"”])", rest):
            ch.end -= 1


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _lead_words(lex: Lexicon) -> frozenset[str]:
    """Every word some time pattern may start at: only their positions are worth recording."""
    return frozenset().union(*(leads for _, _, _, leads, _ in compiled(lex)))


def _word_starts(text: str, wanted: frozenset[str]) -> tuple[list[int], dict[str, list[int]]]:
    """Positions of words starting with a digit, and of the ``wanted`` words by their lowercase
    letters (a word with digits after its letters also under the letters alone)."""
    digits: list[int] = []
    words: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if w[0].isdigit():
            digits.append(m.start())
            continue
        if w in wanted:
            words.setdefault(w, []).append(m.start())
        alpha = w.rstrip("0123456789")
        if alpha != w and alpha in wanted:
            words.setdefault(alpha, []).append(m.start())
    return digits, words


def _handle(handler: g.Handler, m: re.Match[str], ctx: g.Ctx) -> Chunk | None:
    """Run one pattern handler; a date outside the calendar ("9000 years ago") is no mention."""
    try:
        return handler(m, ctx)
    except (ValueError, OverflowError):
        return None


def find_chunks(text: str, reference: date | None, lex: Lexicon | None = None) -> list[Chunk]:
    """All time expressions of ``text`` as resolved chunks, sorted by start."""
    lex = lex or lexicon()
    ctx = g.Ctx(text, reference, lex)
    cands: list[Chunk] = []
    digits, words = _word_starts(text, _lead_words(lex))
    present = words.keys()
    for rx, handler, prio, leads, digit_lead in compiled(lex):
        starts = set(digits) if digit_lead else set()
        for w in leads & present:  # only the lead words this text has (most patterns: none)
            starts.update(words[w])
        for pos in sorted(starts):
            m = rx.match(text, pos)
            if m is not None:
                ch = _handle(handler, m, ctx)
                if ch is not None:
                    ch.priority = prio
                    cands.append(ch)
    chunks = _join(_weekdays_in_sequence(_overlap_free(cands), text, lex), text, reference, lex)
    chunks = _parts_of_day_on(chunks, text)
    out = []
    for ch in chunks:
        if ch.type in ("DATE", "TIME"):
            ch = _with_article(_prefixes(ch, text, reference, lex), text)
        elif ch.type == "DURATION":
            ch = _with_modifier(ch, text, lex)
        _trim(ch, text)
        out.append(ch)
    out.sort(key=lambda c: c.start)
    # a prefix can swallow the end of the previous chunk: keep the first
    kept: list[Chunk] = []
    for ch in out:
        if kept and ch.start < kept[-1].end:
            continue
        kept.append(ch)
    return _anchor_to_story(kept, text, reference, lex)


_DAY_LEVEL = {"day", "wd", "relday", "datetime", "daypod"}
_NEEDS = {  # which last mention can anchor a unit: days and weeks need a day, months a month...
    "D": _DAY_LEVEL,
    "W": _DAY_LEVEL | {"week"},
    "M": _DAY_LEVEL | {"week", "month"},
    "Y": _DAY_LEVEL | {"week", "month", "year", "quarter", "half", "season", "relperiod"},
}


def _story_date(ch: Chunk) -> date | None:
    """The date a later "the next day" would count from, if ``ch`` names one."""
    if ch.type not in ("DATE", "TIME") or ch.begin is None or ch.finish is None:
        return None
    if ch.gran in ("present", "pastref", "futureref", "range") or ch.value is None:
        return ch.finish if ch.gran == "range" and ch.value else None
    return ch.begin


def _anchor_to_story(chunks: list[Chunk], text: str, ref: date | None, lex: Lexicon) -> list[Chunk]:
    """Resolve "the next day", "two days later", "that year" from the last date the story named.

    News reports the publication date's news with "yesterday" and "last week", but narrates with
    "the next day" and "a week later", which count from the date just mentioned (TimeML and
    HeidelTime read them so). With no earlier date of a fitting granularity the publication date
    stays the anchor.
    """
    last: Chunk | None = None
    ctx = g.Ctx(text, ref, lex)
    for ch in chunks:
        if ch.type == "TIME" and ch.gran in ("clock", "clockrange", "pod") and ch.value:
            _date_the_clock(ch, last, ref)
        if ch.anchor is not None and last is not None:
            letter, amount = ch.anchor
            if ch.gran == "yearago" and _same_period_a_year_before(ch, last, ctx):
                pass
            elif _granularity(last) in _NEEDS[letter] and (base := _story_date(last)) is not None:
                day_level = _granularity(last) in _DAY_LEVEL
                try:
                    _reanchor(ch, ctx, shift(base, amount, letter), letter, day_level)
                except (ValueError, OverflowError):
                    pass  # out of the calendar: keep the publication-date reading
        if _story_date(ch) is not None:
            last = ch
    return chunks


def _same_period_a_year_before(ch: Chunk, last: Chunk, ctx: g.Ctx) -> bool:
    """ "the third quarter ... the year-earlier quarter": the quarter, half or month the story last
    named, a year before (True when done)."""
    if last.y is None or last.value is None or last.gran not in ("quarter", "half", "month"):
        return False
    y = last.y - 1
    if last.gran == "month" and last.m is not None:
        new = ctx.month(ch.start, ch.end, y, last.m, True)
    elif last.gran == "quarter":
        new = ctx.quarter(ch.start, ch.end, y, int(last.value[-1]))
    else:
        new = ctx.half(ch.start, ch.end, y, int(last.value[-1]))
    ch.value, ch.begin, ch.finish, ch.y = new.value, new.begin, new.finish, y
    return True


def _date_the_clock(ch: Chunk, last: Chunk | None, ref: date | None) -> None:
    """A clock time on its own ("at 10:30 p.m.") is on the story's day: the last day it named, else
    the publication date (TimeML writes "2025-03-06T22:30", not "T22:30")."""
    day = _story_date(last) if last is not None and _granularity(last) in _DAY_LEVEL else None
    day = day or ref
    if day is None or ch.value is None or not ch.value.startswith("T"):
        return
    base = day.isoformat()
    ch.value = "/".join(base + part for part in ch.value.split("/"))


def _granularity(ch: Chunk) -> str:
    """The chunk's granularity; a range of days counts as a day (its last one)."""
    if ch.gran == "range" and ch.value and len(ch.value.split("/")[-1]) == 10:
        return "day"
    return ch.gran


def _reanchor(ch: Chunk, ctx: g.Ctx, d: date, letter: str, day_level: bool) -> None:
    """Give ``ch`` the value and calendar range of the period ``letter`` holding ``d``.

    A point ("two days later", begin == finish) stays a day when counted from a day; counted from
    a coarser date ("a year later" after "in 2022") it covers the whole period.
    """
    point = ch.begin is not None and ch.begin == ch.finish and day_level
    new = g.period_around(ctx, ch.start, ch.end, d, letter)
    if new is None:
        return
    ch.value = new.value
    if ch.part is not None and new.begin is not None and new.finish is not None:
        # a part of the period ("by the end of the year"): narrowed again, open ends kept open
        begin, finish = narrow(new.begin, new.finish, *ch.part)
        ch.begin = begin if ch.begin is not None else None
        ch.finish = finish if ch.finish is not None else None
    else:
        ch.begin, ch.finish = (d, d) if point or ch.begin is None else (new.begin, new.finish)
    if ch.type == "TIME" and ch.clock:
        ch.value = f"{d.isoformat()}T{ch.clock}"  # "that night": the story's day, part of day kept
    ch.y, ch.m, ch.d = d.year, d.month, d.day


def resolve_times(text: str, reference: date | None, lex: Lexicon | None = None) -> list[TimeMention]:
    """Time mentions of a text resolved against a reference date (no spaCy needed); ``lex`` is the
    vocabulary (the default files when None)."""
    return [
        TimeMention(c.start, c.end, text[c.start : c.end], c.type, c.value, c.begin, c.finish)
        for c in find_chunks(text, reference, lex)
    ]


_FULL = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def latest_full_date(text: str) -> date | None:
    """The latest calendar date written in full (day, month and year) in a text.

    Used to infer an article's publication date when it has no metadata: relative expressions and
    dates without a year are ignored, and so are dates in the future of today.
    """
    best: date | None = None
    today = date.today()
    for c in find_chunks(text, None):
        ends: list[date] = []
        if c.gran in ("day", "datetime") and c.value and _FULL.match(c.value[:10]) and c.begin:
            ends.append(c.begin)
        elif c.gran == "range" and c.value and all(_FULL.match(v) for v in c.value.split("/")):
            ends.extend(d for d in (c.begin, c.finish) if d)
        for d in ends:
            if d <= today and (best is None or d > best):
                best = d
    return best


# ---------------------------------------------------------------------------------------------
# The spaCy component


@Language.factory(
    "claimtrail_times",
    assigns=["doc._.times"],
    requires=[],  # reads the text and doc._.published, which make_doc sets before the pipeline
    default_config={"resource": TEMPORAL_RESOURCE, "numbers": NUMBERS_RESOURCE},
)
def make_component(nlp: Language, name: str, resource: str, numbers: str) -> Component:
    """The time component: time words from ``resource``, number words from ``numbers``."""
    return Component(resource, numbers)


class Component:
    """Sets ``doc._.times`` from the Doc's text and ``doc._.published``."""

    def __init__(self, resource: str = TEMPORAL_RESOURCE, numbers: str = NUMBERS_RESOURCE) -> None:
        self.lex = lexicon(resource, numbers)
        compiled(self.lex)  # compile the patterns once, at pipeline load

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = resolve_times(doc_text(doc), doc._.published, self.lex)
        return doc
