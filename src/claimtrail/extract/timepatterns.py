"""The pattern table of the time grammar: each regular expression, its handler and priority, and
the words a match can start with; compiled once per lexicon.

``temporal`` tries each compiled pattern at the words it can start with and keeps the longest
non-overlapping matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from . import timegrammar as g
from . import timeperiods as pr
from . import timeunits as u
from .timeparse import Lexicon

# ---------------------------------------------------------------------------------------------
# The pattern table: (regex template, handler, priority). Templates use {NAME} for the word
# alternations of timeparse.Lexicon.rx. Longer matches win; on equal length, lower priority wins.

_SEP_DY = r"(?:\s*,\s*|\s+|\s*[/-]\s*|\s+of\s+|\s+in\s+)"
_WK = r"(?:this|next|last|previous|the\s+following|following)\s+week"

PATTERNS: list[tuple[str, g.Handler, int]] = [
    (r"(?<![\d/.-])(?P<y>{YEAR})(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d])",
     g.h_iso, 0),
    (r"(?<![\d.,])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)", g.h_iso, 1),
    (r"(?<![\d.,])(?P<y>(?:19|20)\d\d) (?P<m>0[1-9]|1[0-2]) (?P<d>0[1-9]|[12]\d|3[01])(?!\d|,\d)", g.h_iso, 1),
    (r"(?<![\d/.,])(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)", g.h_mdy, 0),
    (r"(?<![\d/.,:])(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?:\s*,\s*(?P<y>{YEAR}))?(?![\d/:]|[.,]\d|\s*(?:%|percent))",
     g.h_md, 3),
    (r"(?P<y>{YEAR})\s*[-/.\s]\s*(?P<mon>{MON})\s*[-/.\s]\s*(?P<d>{DAYNUM})", g.h_mon_day, 0),
    (r"(?:(?P<wd>{WD})\s*,?\s*)?(?P<mon>{MON})(?:\s*[/-]\s*|\s+the\s+|\s*,\s*|\s*)(?P<d>{DAY})"
     r"(?:" + _SEP_DY + r"(?P<y>{YEAR}))?", g.h_mon_day, 0),
    (r"(?:(?P<wd>{WD})\s*,?\s*)?(?:the\s+)?(?P<d>{DAY})(?:\s+day)?(?:\s+of\s+|\s*[/-]\s*|\s+)(?P<mon>{MON})"
     r"(?:" + _SEP_DY + r"(?P<y>{YEAR}))?", g.h_day_mon, 0),
    (r"(?:(?P<pre>from|between)\s+)?(?P<mon>{MON})\s*(?P<d1>{DAY})(?P<sep>\s*(?:-|–|—|to|through|thru|until|till|and)\s*)"
     r"(?P<d2>{DAY})(?:(?:\s*,\s*|\s+)(?P<y>{YEAR}))?(?!\s*(?:{MON}|[/:.]\d))", g.h_day_range, 0),
    (r"(?:(?P<pre>from|between)\s+)?(?:the\s+)?(?P<d1>{DAY})(?P<sep>\s*(?:-|–|—|to|through|thru|until|till|and)\s*)"
     r"(?:the\s+)?(?P<d2>{DAY})\s+(?:of\s+)?(?P<mon>{MON})(?:(?:\s*,\s*|\s+)(?P<y>{YEAR}))?", g.h_day_range, 0),
    (r"(?P<mon>{MON})(?:\s*,\s*|\s+of\s+|\s+in\s+|\s*[/-]\s*|\s+)(?P<y>{YEAR})", g.h_mon_year, 1),
    (r"(?P<y>{YEAR})\s+(?P<mon>{MON})(?P<m>)", g.h_mon_year, 2),
    (r"(?P<y>{YEAR})[-/](?P<m>0?[1-9]|1[0-2])(?![\d/.-])(?P<mon>)", g.h_mon_year, 2),
    (r"(?P<mon>{MON})", g.h_month, 5),
    (r"(?P<rel>{REL})\s+(?P<mon>{MON})", g.h_rel_month, 1),
    (r"(?P<y>{YEAR})", g.h_year, 6),
    (r"(?P<y>{YEAR})\s*[-–]\s*(?P<y2>{YEAR}|\d\d)(?![\d])", g.h_year_range, 1),
    (r"(?:the\s+)?(?:(?P<y>(?:1[6-9]|20)\d0)['’]?|['’](?P<yy>\d0))s", g.h_decade, 1),
    (r"(?P<w>{RELDAY}|{NOW}|{STORYDAY})", g.h_rel_day, 0),
    (r"(?P<w>{REFWORD})", g.h_ref_word, 3),
    (r"(?P<rel>{STORYREL})\s+(?P<p>week|month|year)", g.h_story_period, 0),
    (r"(?P<rel>{STORYPOD})\s+(?P<p>morning|afternoon|evening|night)",
     g.h_story_pod, 0),
    (r"(?P<w>tonight|tonite)(?P<p>)", g.h_day_pod, 1),
    (r"(?P<w>yesterday|today|tomorrow|this|last|next)\s+(?P<p>morning|afternoon|evening|night)", g.h_day_pod, 0),
    (r"(?:(?P<rel>{REL})\s+)?(?:(?P<wk>" + _WK + r")\s*[-,]?\s*)?(?P<wd>{WD})(?:\s+of\s+(?:the\s+)?"
     r"(?P<wk2>" + _WK + r"))?", g.h_weekday, 3),
    (r"(?P<wd>{WD})\s*,?\s+(?:the\s+)?(?P<d>{DAY})(?!\s*(?:{MON})|\s*[/.:-]\s*\d|\s*(?:{AMPM})|\s*o['’]?\s?clock|\w)",
     g.h_weekday_day, 1),
    (r"the\s+(?P<d>{DAY})(?:\s+day\s+of\s+(?:the\s+month|(?P<rel>{REL})\s+month))?(?!\s+(?:of|day|{MON}"
     r"|(?!(?:and|or|to|through|until|till)\b)\w+)\b)", g.h_day_of_month, 7),
    (r"(?P<rel>{REL})\s+(?P<p>{PERIOD})", pr.h_rel_period, 1),
    (r"(?P<the>the\s+)?(?P<p>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?", pr.h_season, 4),
    (r"(?:the\s+)?(?P<q>first|second|third|fourth|last|final|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?:(?P<y>{YEAR})"
     r"|(?P<yrel>this|last|next|the\s+previous)\s+year|the\s+year|the\s+current\s+year))?", pr.h_quarter, 1),
    (r"(?P<y>{YEAR})\s*[-\s]?\s*(?P<q>[QH][1-4])(?!\w)", pr.h_qcode, 1),
    (r"(?P<q>[QH][1-4])(?:\s*[-\s]?\s*(?P<y>{YEAR}))?(?!\w)", pr.h_qcode, 2),
    (r"(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<y>{YEAR})|(?P<yrel>this|last|next)\s+year"
     r"|the\s+year)", pr.h_half, 0),
    (r"(?:(?P<y>{YEAR})|(?P<yrel>this|last|next)\s+year)['’]s\s+(?P<h>first|second|1st|2nd)\s+half", pr.h_half, 0),
    (r"(?:(?P<y>{YEAR})|(?P<yrel>this|last|next)\s+year)['’]s\s+(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
     r"[\s-]+quarter", pr.h_quarter, 0),
    (r"(?:the\s+)?week\s+(?P<n>\d{1,2})(?:\s+of\s+(?P<y>{YEAR}))?", pr.h_weeknum, 2),
    (r"(?:the\s+)?(?P<o>first|1st|last)\s+week\s+of\s+(?P<y>{YEAR})", pr.h_ordweek, 1),
    (r"(?P<n>{NUM})(?:\s+and\s+(?:a\s+)?(?P<f1>half|quarter))?\s*-?\s*(?P<u>{UNIT})"
     r"(?:\s*(?:and|,\s*and)\s*(?P<n2>{NUM})\s*(?P<u2>{UNIT}))?(?:\s+and\s+(?:a\s+)?(?P<f2>half|quarter))?\s+"
     r"(?P<dir>ago|earlier|later|from\s+now|from\s+(?P<anchor3>today|tomorrow|yesterday)|hence|prior|back|before(?=\s+(?P<anchor>today|now|tomorrow|yesterday))"
     r"|after(?=\s+(?P<anchor2>today|now|tomorrow|yesterday)))(?:\s+(?:today|now|tomorrow|yesterday))?",
     u.h_ago, 0),
    (r"in\s+(?P<n>{NUM})(?:\s+and\s+(?:a\s+)?(?P<f1>half|quarter))?\s+(?P<u>{UNIT})(?:\s+time)?", u.h_in_n, 2),
    (r"(?:the\s+)?(?P<rel>past|last|previous|next|coming|following|recent|first|final)\s+(?P<n>{NUM})"
     r"(?:\s+and\s+(?:a\s+)?(?P<f1>half|quarter))?\s+(?P<u>{UNIT})"
     r"(?:\s*(?:and|,\s*and)\s*(?P<n2>{NUM})\s*(?P<u2>{UNIT}))?", u.h_lastn, 1),
    (r"(?P<n>{NUM})(?:\s+and\s+(?:a\s+)?(?P<f1>half|quarter))?(?:\s*-\s*|\s*)(?:{COUNTADJ}\s+)?(?P<u>{UNIT})"
     r"(?:\s+and\s+(?:a\s+)?(?P<f2>half|quarter))?(?!\s*-\s*old|-)", u.h_duration, 3),
    (r"half\s+(?:an?\s+)?(?P<u>{UNIT})", u.h_half_unit, 3),
    (r"(?P<u>hour|day|week|month|year|decade|century|hours|days|weeks|months|years|decades|centuries)-?long(?!\w)",
     u.h_unit_long, 3),
    (r"(?:all|full|whole|(?:the|an?)\s+(?:whole|entire|full))[\s-]+(?P<u>day|night|week|month|year)", u.h_all_unit, 3),
    (r"(?:{VAGUEPRE})(?P<u>hours|days|weeks|months|years|decades)(?!\s+ago)"
     r"|(?P<u2>hours|days|weeks|months|years|decades)(?P<dir>\s+(?:ago|before|after|later|earlier))(?!\w)",
     u.h_vague_duration, 4),
    (r"(?:recent|(?:the\s+)?coming)\s+(?:days|weeks|months|years)", u.h_recent, 3),
    (r"overnight", u.h_overnight, 3),
    (r"the\s+weekend", g.h_the_weekend, 3),
    (r"(?:the\s+year[\s-]|year-)(?:earlier|ago)(?=\s+[a-z])(?:\s+(?:quarter|period|month|half))?", g.h_year_earlier, 2),
    (r"the\s+year(?![\w-])(?!\s+(?:of|to|ended|ending|before|after|earlier|later|ago|when|that|since)\b)",
     g.h_the_year, 5),
    (r"(?:the\s+)?(?P<n>{DAY})[\s-]+century", g.h_century, 1),
    (r"(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT}|{WD}|{DAYPART}|{SEASON}|weekend|weekday)(?!\w)",
     u.h_every, 1),
    (r"{FREQ}", u.h_freq, 3),
    (r"(?:once|twice|\d+\s+times|{NUMWORD}\s+times)\s+(?:a|an|per|every|each)\s+(?P<u>{UNIT})", u.h_times_per, 1),
    (r"(?<![\d.,:])(?P<h>[01]?\d|2[0-3])(?P<sep>[:.])(?P<mi>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?"
     r"(?:\s*(?P<ap>{AMPM}))?(?![\d]|[.:]\d)", u.h_clock, 1),
    (r"(?<![\d.,:])(?P<h>1[0-2]|0?[1-9])(?P<mi>[0-5]\d)?\s*(?P<ap>{AMPM})", u.h_clock, 1),
    (r"(?P<h>\d{1,2}|{NUMWORD})\s*(?:o['’]?\s?clock|oclock)", u.h_oclock, 1),
    (r"(?:12\s+)?(?:noon|midday|midnight|mid\s+night)(?:ish)?", u.h_noon, 1),
    (r"(?<![\d/.,:])(?P<mn>{NUM}|half|a\s+quarter|quarter)\s+(?P<mins>min(?:ute)?s?\s+)?(?P<dir>past|to|after)\s+"
     r"(?P<h>\d{1,2}|{NUMWORD})(?:\s*o['’]?\s?clock)?(?:\s+in\s+the\s+(?P<p>morning|afternoon|evening|night))?"
     r"(?!\s*(?:{UNIT}|[:./]\d))", u.h_past, 1),
    (r"(?<![\d.,:])(?P<h>\d{1,2}|{NUMWORD})(?:\s*o['’]?\s?clock)?\s+in\s+the\s+(?P<p>morning|afternoon|evening|night)",
     u.h_hour_pod, 2),
    (r"(?:in\s+the\s+(?P<p>morning|afternoon|evening|night)\s+at\s+(?P<h>\d{1,2}|{NUMWORD}))(?!\s*[:.]?\d)",
     u.h_hour_pod, 2),
    (r"(?:(?:early|late|later|earlier)\s+)?(?:(?P<pre>in|on|through|during|spent)\s+the\s+)(?P<p>morning|afternoon|evening|night)s?",
     u.h_pod, 4),
    (r"(?:early|late)\s+(?P<p>morning|afternoon|evening)", u.h_pod, 4),
    (r"(?P<p>dawn|daybreak|dusk|nightfall)(?![\w-])(?!\s+of\b)", u.h_pod, 4),  # not "the dawn of an era"
    (r"(?:(?P<pre>from|between)\s+)?(?P<h1>1[0-2]|0?[1-9])(?::(?P<m1>[0-5]\d))?\s*(?P<ap1>{AMPM})?"
     r"(?P<sep>\s*(?:-|–|to|and|until|till)\s*)(?P<h2>1[0-2]|0?[1-9])(?::(?P<m2>[0-5]\d))?(?:\s*(?P<ap2>{AMPM}))?(?![\d/:.])",
     u.h_time_range, 1),
    (r"(?:the\s+)?(?P<part>end|beginning|start|middle|rest|remainder)\s+of\s+(?:the\s+)?(?P<p>week|month|year)",
     pr.h_part_of_this, 2),
    (r"(?P<part>earlier|later)\s+in\s+the\s+(?P<p>week|month|year)", pr.h_part_of_this, 2),
    (r"(?P<part>year)[\s-]to[\s-](?P<p>date)", pr.h_part_of_this, 2),
    (r"(?P<hol>{HOLIDAY})(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<yrel>this|last|next)\s+year))?", pr.h_holiday, 1),
]  # fmt: skip

# The words a match of each pattern can start with (same order as PATTERNS): patterns are tried only
# at those words, which keeps the component fast on long articles. UPPER = a word class
# (D: starts with a digit, MON, WD, NUMW: number words, ORDW: ordinal words, REL: "last", "this"...).
LEADS: list[str] = [
    "D", "D", "D", "D", "D", "D",
    "WD MON", "WD the D ORDW", "from between MON", "from between the D ORDW",
    "MON", "D", "D", "MON", "REL", "D", "D", "the D",
    "RELDAY NOW STORYDAY", "REFW", "that the", "STORYPOD",
    "tonight tonite",
    "yesterday today tomorrow this last next", "REL WD", "WD", "the", "REL",
    "the SEASON", "the D ORDW last final", "D", "q1 q2 q3 q4 h1 h2",
    "the D ORDW", "D this last next", "D this last next", "the week", "the D ORDW last",
    "D NUMW", "in", "the past last previous next coming following recent first final", "D NUMW",
    "half", "hour day week month year decade century hours days weeks months years decades centuries weeklong yearlong"
    " daylong monthlong hourlong",
    "all full whole the a an", "hours days weeks months years decades", "recent coming the", "overnight", "the", "the year", "the", "the D ORDW",
    "every each", "FREQ", "once twice D NUMW",
    "D", "D", "D NUMW", "D noon midday midnight mid", "D NUMW half a quarter", "D NUMW", "in",
    "early late later earlier in on through during spent", "early late", "dawn daybreak dusk nightfall", "from between D",
    "the end beginning start middle rest remainder", "earlier later", "year", "HOL",
]  # fmt: skip


def _first_words(words: Iterable[str]) -> set[str]:
    """The first word of each phrase ("a couple of" -> "a", "sept." -> "sept")."""
    return {re.split(r"[\s.'-]", w)[0] for w in words}


@lru_cache(maxsize=4)
def _word_classes(lex: Lexicon) -> dict[str, set[str]]:
    """The words of each word class of LEADS."""
    first = _first_words
    return {
        "MON": first(lex.months),
        "WD": first(lex.weekdays),
        "NUMW": first(lex.numbers) | set(lex.tens),
        "ORDW": first(lex.ordinals) | {w for w, v in lex.tens.items() if v <= 30},
        "REL": first(lex.relative),
        "FREQ": set(lex.frequencies),
        "HOL": first(lex.holidays),
        "REFW": first(lex.reference_words),
        "RELDAY": first(lex.relative_days),
        "NOW": first(lex.present_words),
        "STORYDAY": first(lex.story_days),
        "SEASON": first(lex.seasons),
        "STORYPOD": first(lex.story_day_parts),
    }


@lru_cache(maxsize=4)
def compiled(lex: Lexicon) -> list[tuple[re.Pattern[str], g.Handler, int, frozenset[str], bool]]:
    """Each pattern compiled, with the words it may start at (and whether a digit may start it)."""
    if len(LEADS) != len(PATTERNS):
        raise RuntimeError("temporal: LEADS and PATTERNS differ in length")
    rx = lex.rx
    classes = _word_classes(lex)
    out = []
    for (template, handler, prio), lead in zip(PATTERNS, LEADS, strict=True):
        src = re.sub(r"\{([A-Z]+)\}", lambda m: "(?:" + rx[m.group(1)] + ")", template)
        words: set[str] = set()
        for item in lead.split():
            if item == "D":
                continue
            words |= classes.get(item, {item})
        out.append(
            (
                re.compile(r"(?<!\w)" + src + r"(?!\w)", re.I),
                handler,
                prio,
                frozenset(words),
                "D" in lead.split(),
            )
        )
    return out
