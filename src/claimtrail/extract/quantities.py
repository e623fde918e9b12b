"""Quantities: numbers with their range, approximation and unit, normalised with pint.

The spaCy component ``claimtrail_quantities`` sets ``doc._.quantities`` to a list of
:class:`~claimtrail.model.QuantityMention` sorted by start. It works on the surface of the text: the
number grammar of :mod:`claimtrail.extract.numbers` finds the numbers, then each number is widened
over a currency sign before it ("$2.3bn"), a second number that makes a range ("20–25 kg",
"between 11,000 and 12,000"), a unit after it ("kg", "per cent", "square kilometres", "ri"), and the
words before it that make it approximate or a bound ("about", "more than", "up to"); those words are
flags and stay outside the span. Numbers inside dates and clock times are skipped (``doc._.times``
entries of type DATE/TIME/SET, and spaCy's DATE/TIME entities as a fallback), except durations
("four hours"), which are quantities with unit "hour". The counted noun, owner and event are left to
the events component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import resources
from ..model import QuantityMention
from ..nlp.extensions import doc_text
from . import quantity_words
from . import units as unitlib
from .numbers import (
    ARTICLES,
    HYPHENS,
    MULTIPLIERS,
    NUMBERS_RESOURCE,
    NumberMatch,
    Tok,
    Vocabulary,
    find_numbers,
    lex,
    parse_number,
    vocabulary,
)
from .quantity_words import QuantityWords
from .timeparse import TEMPORAL_RESOURCE, TemporalWords

__all__ = ["extract_quantities", "find_quantities", "normalize", "parse_number", "make_component"]

URL_RE = re.compile(r"\S*(?:://|www\.)\S*|\S+@\S+\.\S+|(?<![\w.])10\.\d{4,9}/\S+")
Phrases = set[tuple[str, ...]]


@dataclass(frozen=True)
class UnitInfo:
    """A unit as matched in the text: its short name, pint expression, and kind."""

    name: str
    pint: str | None
    kind: str  # measure | percent | money | ordinal


def _form_key(form: str) -> tuple[str, ...]:
    """A written form as the tokens the lexer cuts it into (how the text is matched)."""
    return tuple(t.text for t in lex(form))


def _phrases(items: list[str]) -> Phrases:
    """Phrases as lower-case token tuples, the way the text is matched."""
    return {tuple(x.lower() for x in _form_key(p)) for p in items}


@dataclass
class _UnitTables:
    """Units by their written forms: case-insensitive (forms, percent and currency words) and
    case-sensitive (symbols)."""

    ci: dict[tuple[str, ...], UnitInfo] = field(default_factory=dict)
    cs: dict[tuple[str, ...], UnitInfo] = field(default_factory=dict)
    percent_forms: Phrases = field(default_factory=set)


def _unit_tables(cfg: QuantityWords) -> _UnitTables:
    """Index the units, percent words and currency words of ``quantities.yaml`` by written form."""
    tables = _UnitTables()
    for name, spec in cfg["units"].items():
        info = UnitInfo(name, spec.get("pint") or name, "measure")
        for form in spec["forms"]:
            tables.ci[tuple(x.lower() for x in _form_key(form))] = info
        for form in spec.get("symbols", []):
            tables.cs[_form_key(form)] = info
    for form in cfg["percent_words"]:
        key = tuple(x.lower() for x in _form_key(form))
        tables.ci[key] = UnitInfo("percent", None, "percent")
        tables.percent_forms.add(key)
    for form, code in cfg["currency_words"].items():
        tables.ci[tuple(x.lower() for x in _form_key(form))] = UnitInfo(code, None, "money")
    return tables


def _date_like_re(calendar: TemporalWords, words: list[str]) -> re.Pattern[str]:
    """What makes a spaCy DATE/TIME entity a date rather than a bare number: a month (a word
    starting with its first three letters: "Jan.", "March"), a weekday, a date word ("today",
    "noon"), a year ("1990s"), "5/17", "5.3.2022" (not a decimal: spaCy tags "CI 1.4–3.8" DATE),
    "a.m.", "o'clock", a day ordinal ("21st") or "'99"."""

    def alternatives(ws: set[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(ws))

    months = {spellings[0][:3] for spellings in calendar["months"].values()}
    weekdays = {spellings[0] for spellings in calendar["weekdays"].values()}
    return re.compile(
        rf"(?i)\b(?:{alternatives(months)})[a-z]*\.?\b|\b(?:{alternatives(weekdays)})\b"
        rf"|\b(?:{alternatives(set(words))})\b"
        r"|\b(?:1[5-9]|20)\d\d(?:s|'s)?\b|\b\d{1,2}[/:]\d{1,2}\b|\b\d{1,2}\.\d{1,2}\.|[ap]\.?m\b|o'clock"
        r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b'\d\d\b"
    )


def _one_of_re(words: list[str]) -> re.Pattern[str]:
    """ "one of" + a word of ``words`` ("one of many"), a superlative ("one of the deadliest") or a
    figure ("one of the 300 soldiers")."""
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(
        r"\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+)?(?:(?:"
        + alternatives
        + r")\b|most\b|[a-z]{3,}est\b|\d)",
        re.I,
    )


class Lexicon:
    """The word lists of ``quantities.yaml``, the number words of ``numbers.yaml`` and the month
    names of ``temporal.yaml`` (a bare year after one is a date), compiled once."""

    def __init__(
        self,
        resource: str = quantity_words.RESOURCE,
        numbers: str = NUMBERS_RESOURCE,
        calendar: str = TEMPORAL_RESOURCE,
    ) -> None:
        cfg = quantity_words.load(resource)
        names = resources.load_checked(calendar, TemporalWords)
        self.months = {w for spellings in names["months"].values() for w in spellings if w.isalpha()}
        self.date_like_re = _date_like_re(names, cfg["date_words"])
        self.numbers: Vocabulary = vocabulary(numbers, resource)
        tables = _unit_tables(cfg)
        self.units_ci, self.units_cs, self.percent_forms = tables.ci, tables.cs, tables.percent_forms
        self.max_len = max(len(k) for k in list(self.units_ci) + list(self.units_cs))
        self.guarded = {k: {x.lower() for x in v} for k, v in cfg["guarded_units"].items()}
        prefixes = sorted(cfg["currency_prefixes"].items(), key=lambda kv: -len(kv[0]))
        alts = "|".join(r"\s?".join(re.escape(ch) for ch in k.replace(" ", "")) for k, _ in prefixes)
        self.currency_prefix_re = re.compile(rf"(?:(?<=[^A-Za-z])|^)(?:{alts})\s?$")
        self.currency_map = {k.replace(" ", ""): v for k, v in prefixes}
        self.article_units = _phrases(cfg["article_units"])
        self.approx = _phrases(cfg["approximators"])
        self.lower_b = _phrases(cfg["lower_bounds"])
        self.upper_b = _phrases(cfg["upper_bounds"])
        self.post_lower = _phrases(cfg["post_lower_bounds"])
        self.post_upper = _phrases(cfg["post_upper_bounds"])
        self.post_approx = _phrases(cfg["post_approximators"])
        self.age_suffixes = _phrases(cfg["age_suffixes"])
        self.range_openers = _phrases(cfg["range_openers"])
        self.label_words = {x.lower() for x in cfg["label_words"]}
        self.pint_deny = {x.lower() for x in cfg["pint_denylist"]} | set(STOP_WORDS)
        self.power_words = dict(cfg["power_words"])
        self.area_words, self.volume_words = set(cfg["area_words"]), set(cfg["volume_words"])
        self.range_words, self.hanging_range_words = set(cfg["range_words"]), set(cfg["hanging_range_words"])
        self.money_scales = set(cfg["money_scales"])
        self.year_cues, self.clock_words = set(cfg["year_cues"]), set(cfg["clock_words"])
        self.idioms = tuple(w.lower() for w in cfg["not_numbers"])
        self.one_of_re = _one_of_re(cfg["one_of_a_set"])
        v = self.numbers
        self.number_words = {*v.ones, *v.teens, *v.tens, *v.scales, *MULTIPLIERS}
        self.time_units = {
            n for n, spec in cfg["units"].items() if unitlib.dimension(n, spec.get("pint")) == "time"
        }


@cache
def lexicon(
    resource: str = quantity_words.RESOURCE,
    numbers: str = NUMBERS_RESOURCE,
    calendar: str = TEMPORAL_RESOURCE,
) -> Lexicon:
    """The compiled word lists of resource files ``resource``, ``numbers`` and ``calendar`` (built
    once per process)."""
    return Lexicon(resource, numbers, calendar)


def normalize(
    value: float | None, unit: str | None, pint_expr: str | None = None
) -> tuple[float | None, str | None]:
    """``value`` in ``unit`` converted to claimtrail's unit for its dimension (see units.normalize):
    ``normalize(100, "ri") == (39.27, "km")``; currencies and percent stay as they are."""
    return unitlib.normalize(value, unit, pint_expr)


class _Finder:
    """Builds quantities from the numbers of one text."""

    def __init__(self, text: str, toks: list[Tok], lexicon: Lexicon) -> None:
        self.text = text
        self.toks = toks
        self.n = len(toks)
        self.lx = lexicon
        # the tokens' texts, lower-cased: the phrase and unit tables are looked up by slices of them
        self.lowers = [t.lower for t in toks]

    def low(self, i: int) -> str:
        """The lower-case text of token i, or "" outside the text."""
        return self.toks[i].lower if 0 <= i < self.n else ""

    def _close(self, a: int, b: int) -> bool:
        """Tokens a and b are separated by at most spaces on one line."""
        gap = self.text[self.toks[a].end : self.toks[b].start]
        return len(gap) <= 3 and "\n" not in gap

    # -- units ------------------------------------------------------------------------------
    def unit_at(self, k: int) -> tuple[int, UnitInfo] | None:
        """The longest unit starting at token k: (end index, unit), with a power after it ("km²",
        "feet squared") and a "per" part ("km per hour", "km/h")."""
        if k >= self.n:
            return None
        best = self._table_unit(k) or self._square_or_cubic(k) or self._pint_fallback(k)
        if best is None:
            return None
        end, info = self._power_after(*best)
        return self._per_compound(end, info)

    def _table_unit(self, k: int) -> tuple[int, UnitInfo] | None:
        """The longest written form of the unit table at k; a guarded short form ("in", "t") only
        before one of its listed words."""
        for length in range(min(self.lx.max_len, self.n - k), 0, -1):
            if length > 1 and not all(self._close(k + x, k + x + 1) for x in range(length - 1)):
                continue
            key_cs = tuple(t.text for t in self.toks[k : k + length])
            info = self.lx.units_cs.get(key_cs) or self.lx.units_ci.get(tuple(self.lowers[k : k + length]))
            if info is None:
                continue
            first = key_cs[0].lower()
            if length == 1 and first in self.lx.guarded:
                nxt = self.low(k + 1) if k + 1 < self.n else "<end>"
                if nxt not in self.lx.guarded[first]:
                    continue
            return k + length, info
        return None

    def _square_or_cubic(self, k: int) -> tuple[int, UnitInfo] | None:
        """ "square miles", "cubic metres", "sq ft": a unit of length raised to a power."""
        word = self.low(k)
        if (word not in self.lx.area_words and word not in self.lx.volume_words) or k + 1 >= self.n:
            return None
        sub = self.unit_at(k + 1)
        if sub and sub[1].kind == "measure" and unitlib.dimension(sub[1].name, sub[1].pint) == "length":
            power = 2 if word in self.lx.area_words else 3
            return sub[0], UnitInfo(f"{sub[1].name}{power}", f"({sub[1].pint}) ** {power}", "measure")
        return None

    def _power_after(self, end: int, info: UnitInfo) -> tuple[int, UnitInfo]:
        """A power after a unit of length: "km²", "m^3", "km squared"."""
        if info.kind != "measure" or end >= self.n:
            return end, info
        t = self.toks[end]
        power, end2 = 0, end + 1
        if t.text in ("²", "³") and self.toks[end - 1].end == t.start:
            power = 2 if t.text == "²" else 3
        elif t.text == "^" and end + 1 < self.n and self.toks[end + 1].text in ("2", "3"):
            power, end2 = int(self.toks[end + 1].text), end + 2
        elif t.lower in self.lx.power_words:
            power = self.lx.power_words[t.lower]
        if power and unitlib.dimension(info.name, info.pint) == "length":
            return end2, UnitInfo(f"{info.name}{power}", f"({info.pint}) ** {power}", "measure")
        return end, info

    def _per_compound(self, end: int, info: UnitInfo) -> tuple[int, UnitInfo]:
        """A compound unit: "per hour", "/min" after the unit ("km per hour", "$/kg")."""
        if (
            end + 1 < self.n
            and (self.low(end) == "per" or self.toks[end].text == "/")
            and self._close(end - 1, end)
        ):
            sub = self.unit_at(end + 1)
            if sub and sub[1].kind == "measure":
                d_end, den = sub
                expr = None if info.kind == "money" else f"({info.pint}) / ({den.pint})"
                return d_end, UnitInfo(f"{info.name}/{den.name}", expr, info.kind)
        return end, info

    def _pint_fallback(self, k: int) -> tuple[int, UnitInfo] | None:
        """A unit pint knows from a bare word ("5 furlongs"), unless the word is also an ordinary word."""
        t = self.toks[k]
        if t.kind != "word" or t.lower in self.lx.pint_deny or not 2 <= len(t.text) <= 14:
            return None
        if t.text.isupper() and len(t.text) > 3:
            return None  # acronyms
        u = unitlib.parse_unit(t.text)
        if u is None or u.dimensionless:
            return None
        return k + 1, UnitInfo(t.text, t.text, "measure")

    # -- prefixes ---------------------------------------------------------------------------
    def currency_before(self, start: int) -> tuple[int, str] | None:
        """A currency sign or code right before ``start``: (its start, ISO code)."""
        window = self.text[max(0, start - 6) : start]
        m = self.lx.currency_prefix_re.search(window)
        if not m:
            return None
        key = re.sub(r"\s", "", m.group())
        code = self.lx.currency_map.get(key)
        if code is None:
            return None
        return max(0, start - 6) + m.start(), code

    def phrase_before(self, i: int, phrases: set[tuple[str, ...]]) -> int | None:
        """The start token of the longest phrase of ``phrases`` ending right before token i."""
        best = None
        for length in range(1, 5):
            s = i - length
            if s < 0:
                break
            if tuple(self.lowers[s:i]) in phrases:
                best = s
        return best

    def phrase_after(self, j: int, phrases: set[tuple[str, ...]]) -> int | None:
        """One past the end of the longest phrase of ``phrases`` starting at token j, right after the number."""
        best = None
        for length in range(1, 4):
            if j + length > self.n:
                break
            if tuple(self.lowers[j : j + length]) in phrases and self._close(j - 1, j):
                best = j + length
        return best

    def token_index_at(self, char: int) -> int:
        """The index of the first token that starts at or after character ``char``."""
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            if self.toks[mid].start < char:
                lo = mid + 1
            else:
                hi = mid
        return lo


_LOCANTS = re.compile(r"\(?\d{1,2}'?(?:,\d{1,2}'?)+-[A-Za-z]")


def _chunk_start(text: str, i: int) -> int:
    """Where the run of non-space characters holding character ``i`` starts."""
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _skip_number(f: _Finder, m: NumberMatch) -> bool:
    """Numbers that are not quantities: model names ("F-16"), clock times, glued codes ("5G"), the
    locants of chemical names ("2,4-dichlorophenol")."""
    toks, i, j = f.toks, m.i, m.j
    first = toks[i]
    if first.kind == "num" and i >= 1:
        prev = toks[i - 1]
        if prev.end == first.start and prev.kind == "word":
            return True  # "G7", "MH17"
        if prev.end == first.start and prev.text in HYPHENS and i >= 2:
            pp = toks[i - 2]
            if pp.end == prev.start and pp.kind == "word" and pp.text.isalpha():
                return True  # "F-16", "Su-34", "COVID-19", "omega-3"
            if pp.end == prev.start and pp.kind == "num" and _glued_to_code(toks, i - 2):
                return True  # "MD01-2444", "A3-12": a code of letters and digits
        if prev.text == ":" and prev.end == first.start and i >= 2 and toks[i - 2].kind == "num":
            return True
    if _LOCANTS.match(f.text, _chunk_start(f.text, m.start)):
        return True  # "2,4-dichlorophenol", "1,3-butadiene"
    last = toks[j - 1]
    if j < f.n:
        nxt = toks[j]
        if nxt.text == ":" and nxt.end == last.end + 1 and j + 1 < f.n and toks[j + 1].kind == "num":
            return True  # 10:30
        if f.low(j) in f.lx.clock_words or (
            f.low(j) in ("a", "p") and f.low(j + 1) == "." and f.low(j + 2) == "m"
        ):
            return True
    return False


def _ratio(f: _Finder, m: NumberMatch) -> QuantityMention | None:
    """A ratio written with a colon that cannot be a clock time: "12:1", "1:100", "3:2" (a clock's
    minutes have two digits and its hours are at most 24). Its value is the quotient."""
    toks, i = f.toks, m.i
    if m.j != i + 1 or i + 2 >= f.n or toks[i].kind != "num" or toks[i + 1].text != ":":
        return None
    a, colon, b = toks[i], toks[i + 1], toks[i + 2]
    if b.kind != "num" or a.end != colon.start or colon.end != b.start or not (a.text + b.text).isdigit():
        return None
    if (len(b.text) == 2 and int(a.text) <= 24) or int(b.text) == 0:
        return None
    if i >= 1 and toks[i - 1].end == a.start and toks[i - 1].text in (":", "."):
        return None  # "10:30:15", "1.2:3"
    if i + 3 < f.n and toks[i + 3].start == b.end and toks[i + 3].text in (":", "."):
        return None
    q = QuantityMention(
        start=a.start, end=b.end, text=f.text[a.start : b.end], value=_clean(int(a.text) / int(b.text))
    )
    q.number_start, q.number_end = q.start, q.end
    return q


def _glued_to_code(toks: list[Tok], k: int) -> bool:
    """Whether number token ``k`` is glued to a word with a capital before it ("MD01", "A3")."""
    while k >= 1 and toks[k - 1].end == toks[k].start and toks[k - 1].kind in ("num", "word"):
        k -= 1
        if toks[k].kind == "word" and any(c.isupper() for c in toks[k].text):
            return True
    return False


def _label_number(f: _Finder, q: QuantityMention) -> bool:
    """Numbers that name rather than measure: "Figure 3", "Section 2.3", "Eq. (5)", "[12]", a list's "1.",
    "ATCC 25922". Scientific text is full of them; they carry no unit and count nothing."""
    i = f.token_index_at(q.start)
    if f.toks[i].kind != "num":
        return False  # labels are written in digits ("Figure 3"); "version two" is read as a number
    i = _label_start(f, i)
    k = i - 1
    while k >= 0 and f.toks[k].text in ("(", ".", "#", ":") and i - k <= 3:
        k -= 1
    if k >= 0 and f.toks[k].kind == "word" and f.toks[k].lower in f.lx.label_words:
        return True
    if k >= 0 and k == i - 1 and _acronym_code(f, k, q):
        return True
    return _bracket_citation(f.text, q.start, q.end) or _list_number(f.text, q)


_LABEL_JOINERS = frozenset({"and", "or", "&", "to", *HYPHENS})


def _label_start(f: _Finder, i: int) -> int:
    """The first token of the label a number may belong to: the first part of a dotted version
    ("4.1.0" read as 4, 1, 0) and the first of coordinated labels ("Figures 6 and 7", "Tables 2-4",
    "Figs. 2, 3 and 5"). A comma joins only when the number ends the list (something other than a
    word follows), so "in Section 3, 45 samples" leaves 45 a count."""
    toks = f.toks
    while True:
        if (
            i >= 2
            and toks[i - 1].text == "."
            and toks[i - 2].kind == "num"
            and toks[i - 2].end == toks[i].start - 1
        ):
            i -= 2  # "4.1.0": the parts after the first dot
            continue
        if i >= 2 and toks[i - 2].kind == "num" and _joins_labels(f, i - 1):
            i -= 2
            continue
        return i


def _joins_labels(f: _Finder, k: int) -> bool:
    """Whether token ``k`` joins two labels: "and"/"or"/"to"/a dash, or a comma when the number after
    it is not followed by a word (it ends the list, or "and" goes on: "Figs. 2, 3 and 5")."""
    word = f.toks[k].lower
    if word in _LABEL_JOINERS:
        return True
    if word != ",":
        return False
    after = k + 2
    return after >= f.n or f.toks[after].kind != "word" or f.toks[after].lower in ("and", "or")


def _acronym_code(f: _Finder, k: int, q: QuantityMention) -> bool:
    """ "ATCC 25922", "ISO 9001": a long bare integer right after an all-capitals name is a code."""
    word = f.toks[k].text
    return (
        len(word) >= 2
        and word.isupper()
        and word.isalpha()
        and re.fullmatch(r"\d{4,}", q.text) is not None
        and not re.fullmatch(r"(1[5-9]|20)\d\d", q.text)
    )


_CITE_INSIDE = re.compile(r"[\d\s,;–-]*")


def _bracket_citation(text: str, start: int, end: int) -> bool:
    """A reference number in square brackets: "[12]", "[3, 7-9]"."""
    left = text.rfind("[", max(0, start - 20), start)
    if left < 0 or not _CITE_INSIDE.fullmatch(text, left + 1, start):
        return False
    right = text.find("]", end, end + 20)
    return right >= 0 and _CITE_INSIDE.fullmatch(text, end, right) is not None


def _list_number(text: str, q: QuantityMention) -> bool:
    """An item number at the start of a line: "1. Samples were...", "2) Each site..."."""
    line_start = text.rfind("\n", 0, q.start) + 1
    if text[line_start : q.start].strip() or not re.fullmatch(r"\d{1,2}", q.text):
        return False
    return re.match(r"[.)]\s", text[q.end : q.end + 2]) is not None


def find_quantities(
    text: str, toks: list[Tok] | None = None, lx: Lexicon | None = None
) -> list[QuantityMention]:
    """All quantities in ``text`` (no date guard: see ``extract_quantities`` for a Doc); ``lx``: the
    word lists of ``lexicon()`` unless given."""
    lx = lx or lexicon()
    toks = lex(text) if toks is None else toks
    f = _Finder(text, toks, lx)
    numbers = find_numbers(text, toks, lx.numbers)
    url_spans = (
        [(m.start(), m.end()) for m in URL_RE.finditer(text)]
        if ("://" in text or "www." in text or "@" in text or "10." in text)
        else []
    )
    out: list[QuantityMention] = []
    used_until = -1
    k = 0
    while k < len(numbers):
        m = numbers[k]
        k += 1
        if m.start < used_until:
            continue
        if any(s <= m.start < e for s, e in url_spans):
            continue
        ratio = _ratio(f, m)
        if ratio is not None:
            used_until = ratio.end
            out.append(ratio)
            continue
        if _skip_number(f, m):
            continue
        q, consumed = _build(f, m, numbers, k)
        k += consumed
        if q is None:
            continue
        if q.unit is None and q.kind in ("number", "count") and _label_number(f, q):
            continue
        used_until = q.end
        out.append(q)
    if lx.article_units:
        out = _article_units(f, out)
    return _join_dimensions(f, out)


_TIMES_SIGN = re.compile(r"\s*×\s*")


def _join_dimensions(f: _Finder, found: list[QuantityMention]) -> list[QuantityMention]:
    """Sizes written as a product with the multiplication sign are one quantity: "10 m × 10 m",
    "3 × 3", "2 × 4 cm" (the value and unit of the first side, the unit of the last where the first
    has none). A letter x ("1 m x 1 m") is left as two quantities, as the Recognizers specs want."""
    out: list[QuantityMention] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("number", "measure")
            and q.kind in ("number", "measure")
            and (prev.unit is None or prev.unit == q.unit)
            and _TIMES_SIGN.fullmatch(f.text, prev.end, q.start)
        ):
            prev.end, prev.text = q.end, f.text[prev.start : q.end]
            prev.number_end = q.number_end
            if prev.unit is None and q.unit is not None:
                prev.unit, prev.kind = q.unit, q.kind
                prev.normalized_value, prev.normalized_unit = unitlib.normalize(prev.value, q.unit)
            continue
        out.append(q)
    return out


def _article_units(f: _Finder, found: list[QuantityMention]) -> list[QuantityMention]:
    """ "a gallon of fuel", "an acre", "a barrel": "a"/"an" + a unit of the article_units list = 1 unit."""
    extra = []
    for i in [k for k, low in enumerate(f.lowers[:-1]) if low in ARTICLES]:
        t = f.toks[i]
        if t.kind != "word":
            continue
        got = f.unit_at(i + 1)
        if got is None or tuple(f.lowers[i + 1 : got[0]]) not in f.lx.article_units:
            continue
        end_tok, info = got
        if (
            end_tok < f.n
            and f.toks[end_tok].start == f.toks[end_tok - 1].end
            and f.toks[end_tok].kind != "punct"
        ):
            continue
        start, end = t.start, f.toks[end_tok - 1].end
        if any(q.start < end and start < q.end for q in found):
            continue
        if any(0 <= start - q.end <= 2 and not f.text[q.end : start].strip() for q in found):
            continue  # "$4 a gallon", "35 cents a litre": "a" means "per" here
        kind = {"money": "money", "percent": "percent"}.get(info.kind, "measure")
        nv: float | None
        nu: str | None
        if kind == "money" and "_" in info.name:
            nv, nu = 0.01, info.name.split("_")[0]
        else:
            nv, nu = unitlib.normalize(1.0, info.name, info.pint)
        q = QuantityMention(
            start=start,
            end=end,
            text=f.text[start:end],
            value=1.0,
            unit=info.name,
            normalized_value=_clean(nv),
            normalized_unit=nu,
            kind=kind,
        )
        q.number_start, q.number_end = t.start, t.end
        extra.append(q)
    if not extra:
        return found
    return sorted(found + extra, key=lambda q: q.start)


@dataclass
class _Draft:
    """A quantity being built from one number by the steps of ``_build``.

    ``start``/``end`` are its character span so far, ``first_tok``/``j`` its first token and one
    past its last token read; ``num_start``/``num_end`` the span of the number part alone;
    ``consumed`` the further numbers it swallowed (the high end of a range, an uncertainty).
    """

    m: NumberMatch
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    approximate: bool
    kind: str
    first_tok: int
    j: int
    num_start: int
    num_end: int
    unit: UnitInfo | None = None
    consumed: int = 0
    age: bool = False


def _build(
    f: _Finder, m: NumberMatch, numbers: list[NumberMatch], k: int
) -> tuple[QuantityMention | None, int]:
    """One quantity from number m (numbers[k] is the next one): returns it and how many further
    numbers it swallowed (the high end of a range). Read number, then attach currency and unit,
    widen to a range, attach age, bounds and approximation."""
    d = _read_number(m)
    _attach_currency(f, d)
    if d.kind == "ordinal":
        d.unit = UnitInfo("ordinal", None, "ordinal")
    if _glued_name(f, d):
        return None, 0
    _attach_unit(f, d, numbers, k)
    _attach_percent_of(f, d)
    _widen_to_range(f, d, numbers, k)
    _attach_uncertainty(f, d, numbers, k)
    _attach_age(f, d)
    _attach_bounds(f, d)
    _attach_approximation(f, d)
    return _mention(f, d), d.consumed


def _read_number(m: NumberMatch) -> _Draft:
    """The draft of a bare number: its span, value and vague range ("several hundred" is approximate)."""
    return _Draft(
        m=m,
        start=m.start,
        end=m.end,
        value=m.value,
        low=m.low,
        high=m.high,
        approximate=m.kind == "vague",
        kind="ordinal" if m.kind == "ordinal" else "number",
        first_tok=m.i,
        j=m.j,
        num_start=m.start,
        num_end=m.end,
    )


def _currency_sign(f: _Finder, d: _Draft) -> tuple[int, str] | None:
    """A currency sign or code before the number ("$", "US$", "€"), also with a minus sign between
    them ("$-99.99": the value turns negative)."""
    toks, m = f.toks, d.m
    cur = f.currency_before(d.start) if toks[m.i].kind == "num" or m.words else None
    if (
        cur is None
        and toks[m.i].kind == "num"
        and m.i >= 1
        and toks[m.i - 1].text in ("-", "−")
        and toks[m.i - 1].end == m.start
        and d.value > 0
    ):
        cur = f.currency_before(toks[m.i - 1].start)
        if cur:
            d.value = -d.value
            d.num_start = toks[m.i - 1].start
    return cur


def _attach_currency(f: _Finder, d: _Draft) -> None:
    """Money: the currency sign before, a money-only suffix ("$10m", "$2.174T") and "per kg"."""
    cur = _currency_sign(f, d)
    if not cur or d.kind == "ordinal":
        return
    toks, numbers = f.toks, f.lx.numbers
    d.start, code = cur
    d.unit = UnitInfo(code, None, "money")
    d.first_tok = f.token_index_at(d.start)
    j = d.j
    if j < f.n and toks[j].text in numbers.money_only and (toks[j].start == toks[j - 1].end):
        d.value *= numbers.suffixes[toks[j].text]
        d.end, d.j = toks[j].end, j + 1
        d.num_end = d.end
    per = _per_unit(f, d.j)
    if per:
        d.j, den = per
        d.unit = UnitInfo(f"{code}/{den.name}", None, "money")
        d.end = toks[d.j - 1].end


def _glued_name(f: _Finder, d: _Draft) -> bool:
    """Glued letters that are not a unit: "5G", "3D" are names, not quantities."""
    j = d.j
    return (
        d.unit is None
        and j < f.n
        and f.toks[j].kind == "word"
        and f.toks[j].start == f.toks[j - 1].end
        and f.unit_at(j) is None
    )


def _attach_unit(f: _Finder, d: _Draft, numbers: list[NumberMatch], k: int) -> None:
    """A unit right after the first number ("20 km to 25 km", "3-inch", "5 dollars")."""
    u1 = _unit_after(f, d.j) if d.unit is None else None
    if not u1:
        return
    d.j, d.unit = u1
    d.end = f.toks[d.j - 1].end
    # "361 million pounds" is money; "2,000 pounds of explosives", "500 pounds" are weights
    if d.unit.name == "lb" and f.low(d.m.j - 1) in f.lx.money_scales and f.low(d.j) != "of":
        d.unit = UnitInfo("GBP", None, "money")
    if d.unit.kind == "money" and "_" not in d.unit.name and k < len(numbers):
        _attach_minor_money(f, d, numbers[k])


def _attach_minor_money(f: _Finder, d: _Draft, nxt: NumberMatch) -> None:
    """The minor unit after the main one: "3 dollars 50 cents", "thirteen dollars and forty-five cents"."""
    assert d.unit is not None
    j = d.j
    at = j + 1 if f.low(j) == "and" else j
    if nxt.i == at and nxt.kind == "number" and nxt.value < 100 and f._close(j - 1, j):
        minor = _unit_after(f, nxt.j) if f._close(at - 1, at) else None
        if minor and minor[1].kind == "money" and minor[1].name.startswith(d.unit.name + "_"):
            d.value += nxt.value / 100
            d.j = minor[0]
            d.end = f.toks[d.j - 1].end
            d.consumed = 1


def _attach_percent_of(f: _Finder, d: _Draft) -> None:
    """ "per cent of 210": a percent word with no number before it, then "of" and the number."""
    if d.unit is not None or d.kind != "number" or f.low(d.first_tok - 1) != "of":
        return
    p0 = f.phrase_before(d.first_tok - 1, f.lx.percent_forms)
    if p0 is not None and (
        p0 == 0 or f.toks[p0 - 1].kind != "num" and f.low(p0 - 1) not in f.lx.number_words
    ):
        d.unit = UnitInfo("percent", None, "percent")
        d.start = f.toks[p0].start
        d.first_tok = p0


def _range_start(f: _Finder, d: _Draft, nxt: NumberMatch) -> int | None:
    """The token where the high end of a range must start, if a range word or a hyphen follows the
    number: "20–25 kg", "10,000 to 12,000", "between 11,000 and 12,000", "two or three"."""
    toks, lx = f.toks, f.lx
    sep = d.j
    if (
        sep + 1 < f.n
        and toks[sep].text in HYPHENS
        and toks[sep].start == toks[sep - 1].end
        and toks[sep + 1].lower in lx.hanging_range_words
    ):
        sep += 1  # "8- to 16-metre": a hanging hyphen before the range word
    if sep >= f.n:
        return None
    word = toks[sep].lower
    between = f.phrase_before(d.first_tok, lx.range_openers) is not None
    ok = (toks[sep].text in HYPHENS and not _looks_like_year_span(f, d.m, nxt)) or (
        word in lx.range_words and (word != "and" or between)
    )
    if word == "or":
        ok = ok and d.m.words and nxt.words
    if not ok or sep + 1 >= f.n:
        return None
    cur2 = f.currency_before(nxt.start)
    if cur2 and d.unit and d.unit.kind == "money" and f.token_index_at(cur2[0]) == sep + 1:
        return nxt.i  # "$350 to $680": the sign of the second number belongs to it
    return sep + 1


def _range_high(f: _Finder, d: _Draft, nxt: NumberMatch) -> tuple[int, float, int]:
    """The high end of a range: (one past its last token, its value, where its number ends), over
    a money suffix ("$3m to $5m") and the same "per" unit as the low end ("$2/kg to $3/kg")."""
    toks = f.toks
    j2, v2, n2_end = nxt.j, nxt.value, nxt.end
    money = d.unit is not None and d.unit.kind == "money"
    if money and j2 < f.n and toks[j2].text in f.lx.numbers.money_only:
        v2 *= f.lx.numbers.suffixes[toks[j2].text]
        n2_end = toks[j2].end
        j2 += 1
    if money and d.unit is not None and "/" in d.unit.name:
        per2 = _per_unit(f, j2)
        if per2 and d.unit.name.endswith("/" + per2[1].name):
            j2 = per2[0]
    return j2, v2, n2_end


def _widen_to_range(f: _Finder, d: _Draft, numbers: list[NumberMatch], k: int) -> None:
    """A range: the next number joined by a range word or a hyphen, with a unit of the same
    dimension if any; the value becomes the midpoint."""
    if d.consumed or k >= len(numbers) or d.kind == "ordinal" or d.m.kind == "vague":
        return
    nxt = numbers[k]
    start_tok = _range_start(f, d, nxt)
    neg_pair = d.value < 0 and nxt.value < 0
    if start_tok is None or nxt.i != start_tok or nxt.kind not in ("number", "fraction"):
        return
    if not (nxt.value >= d.value or neg_pair):
        return
    j2, v2, n2_end = _range_high(f, d, nxt)
    unit = d.unit
    u2 = _unit_after(f, j2) if not (unit and unit.kind == "money") else None
    if u2 is not None and unit is not None:
        if unitlib.dimension(u2[1].name, u2[1].pint) != unitlib.dimension(unit.name, unit.pint):
            return
    if v2 == d.value and not (u2 and unit and u2[1] != unit):
        return
    d.num_end = n2_end
    if u2:
        j2, d.unit = u2
    d.low, d.high = min(d.value, v2), max(d.value, v2)
    d.value = (d.low + d.high) / 2
    d.end = f.toks[j2 - 1].end
    d.j = j2
    d.consumed = 1


def _attach_uncertainty(f: _Finder, d: _Draft, numbers: list[NumberMatch], k: int) -> None:
    """A value with its uncertainty: "9.83 +/- 0.05 km", "12 ± 3 %" (low and high around it)."""
    if d.consumed or k >= len(numbers) or d.kind == "ordinal" or d.m.kind == "vague" or d.low is not None:
        return
    nxt = numbers[k]
    pm = _plus_minus(f, d.j)
    if not (pm and nxt.i == pm and nxt.kind == "number" and nxt.value is not None and nxt.value > 0):
        return
    u2 = _unit_after(f, nxt.j) if d.unit is None else None
    j2 = nxt.j
    if u2:
        j2, d.unit = u2
    d.low, d.high = d.value - nxt.value, d.value + nxt.value
    d.num_end = nxt.end
    d.end = f.toks[j2 - 1].end
    d.j = j2
    d.consumed = 1


def _attach_age(f: _Finder, d: _Draft) -> None:
    """Words after a time unit that make an age: "five years old", "a 49-year-old", "two-year-old",
    "18-year-olds"; a bare number after "aged" ("aged 12") is an age in years."""
    if d.unit is None and d.kind == "number" and d.first_tok >= 1 and f.low(d.first_tok - 1) == "aged":
        d.unit, d.age = UnitInfo("year", None, "measure"), True
        return
    if not (d.unit and d.unit.name in f.lx.time_units):
        return
    toks, j = f.toks, d.j
    after = f.phrase_after(j, f.lx.age_suffixes)
    if after is None and j < f.n and toks[j].text in HYPHENS and toks[j].start == toks[j - 1].end:
        after = f.phrase_after(j + 1, f.lx.age_suffixes)
    if after:
        d.j = after
        d.end = toks[d.j - 1].end
        d.age = True


def _attach_bounds(f: _Finder, d: _Draft) -> None:
    """Bounds: "more than 3,000" (low), "up to 500" (high), "3,000 or more", "50+", "100 or fewer".
    The longer phrase wins: "no more than 3,000" is an upper bound although it ends in "more than"."""
    lx, toks = f.lx, f.toks
    lower_at = f.phrase_before(d.first_tok, lx.lower_b)
    upper_at = f.phrase_before(d.first_tok, lx.upper_b)
    if lower_at is not None and upper_at is not None:
        if upper_at < lower_at:
            lower_at = None
        else:
            upper_at = None
    if lower_at is not None and d.high is None:
        d.low = d.value
    if upper_at is not None and d.low is None:
        d.high = d.value
    if f.phrase_after(d.j, lx.post_lower) and d.high is None:
        d.low = d.value
        if toks[d.j].text == "+":
            d.end, d.j = toks[d.j].end, d.j + 1
    elif f.phrase_after(d.j, lx.post_upper) and d.low is None:
        d.high = d.value


def _attach_approximation(f: _Finder, d: _Draft) -> None:
    """Approximation words before ("about", "nearly") or after ("or so", "odd") the number."""
    if f.phrase_before(d.first_tok, f.lx.approx) is not None or f.phrase_after(d.j, f.lx.post_approx):
        d.approximate = True


def _mention(f: _Finder, d: _Draft) -> QuantityMention:
    """The finished quantity: its kind from its unit, its value normalised with pint (a minor
    currency unit such as "USD_cent" to the main currency)."""
    unit, kind = d.unit, d.kind
    if unit is not None and unit.kind in ("money", "percent", "measure"):
        kind = unit.kind
    if d.age:
        kind = "age"  # a person's age describes someone; it counts nothing (no claim of its own)
    uname = unit.name if unit else None
    nv: float | None
    nu: str | None
    if kind == "ordinal":
        nv, nu = d.value, "ordinal"
    elif kind == "money" and uname and "_" in uname:
        nv, nu = d.value / 100, uname.split("_")[0]
    else:
        nv, nu = unitlib.normalize(d.value, uname, unit.pint if unit else None)
    q = QuantityMention(
        start=d.start,
        end=d.end,
        text=f.text[d.start : d.end],
        value=_clean(d.value),
        low=_clean(d.low),
        high=_clean(d.high),
        approximate=d.approximate,
        unit=uname,
        normalized_value=_clean(nv) if uname else None,
        normalized_unit=nu if uname else None,
        kind=kind,
    )
    q.number_start, q.number_end = d.num_start, d.num_end
    return q


def _unit_after(f: _Finder, j: int) -> tuple[int, UnitInfo] | None:
    """A unit after token j-1: glued ("39.3km"), spaced ("39.3 km") or hyphenated ("3-inch")."""
    got = _unit_after_raw(f, j)
    if got and got[0] < f.n:
        nxt = f.toks[got[0]]
        if nxt.start == f.toks[got[0] - 1].end and nxt.kind in ("num", "word"):
            return None  # "24703m212" is a code, not 24703 metres
    return got


BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}


def _unit_after_raw(f: _Finder, j: int) -> tuple[int, UnitInfo] | None:
    """A unit at token j after a number, spaced, hyphenated ("3-inch") or in brackets ("20 (kg)")."""
    if j >= f.n or not f._close(j - 1, j):
        return None
    t = f.toks[j]
    if t.text in HYPHENS and t.start == f.toks[j - 1].end and j + 1 < f.n and f.toks[j + 1].start == t.end:
        # "3-inch", "a 12-cent dividend", "a one-yen bid"
        got = _longest(f.unit_at(j + 1), _sci_unit(f, j + 1))
        if got and got[1].kind in ("measure", "money"):
            return got
        return None
    if t.text in BRACKETS and j + 2 < f.n:
        # a unit alone in brackets: "20 (kg)", "4 [m]"
        got = f.unit_at(j + 1)
        if got and got[0] < f.n and f.toks[got[0]].text == BRACKETS[t.text] and got[1].kind != "percent":
            return got[0] + 1, got[1]
        return None
    return _longest(f.unit_at(j), _sci_unit(f, j))


def _longest(a: tuple[int, UnitInfo] | None, b: tuple[int, UnitInfo] | None) -> tuple[int, UnitInfo] | None:
    """The longer of two unit readings (on a tie the formula one)."""
    if a is None:
        return b
    if b is None or a[0] > b[0]:
        return a
    return b  # on a tie the formula reading wins: its name is one pint can read ("J/m^2")


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
SUPER_CHARS = set("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")


def _exponent(f: _Finder, k: int) -> tuple[int, int] | None:
    """An exponent written right after a unit symbol at token k-1: "^2", "^-1", "-1", "−1", "2", "⁻¹".
    Returns (end index, power)."""
    toks = f.toks
    if k >= f.n or toks[k].start != toks[k - 1].end:
        return None
    t = toks[k]
    if t.text in SUPER_CHARS:
        e = k
        chars = ""
        while e < f.n and toks[e].text in SUPER_CHARS and toks[e].start == toks[e - 1].end:
            chars += toks[e].text
            e += 1
        try:
            return e, int(chars.translate(SUPERSCRIPTS))
        except ValueError:
            return None
    sign = 1
    e = k
    if t.text in ("^",) or t.text == "*" and e + 1 < f.n and toks[e + 1].text == "*":
        e += 1 if t.text == "^" else 2
    if e < f.n and toks[e].text in ("-", "−", "+") and toks[e].start == toks[e - 1].end:
        sign = -1 if toks[e].text != "+" else 1
        e += 1
    if e < f.n and toks[e].kind == "num" and toks[e].start == toks[e - 1].end and toks[e].text.isdigit():
        if e == k and toks[e].text not in ("2", "3"):
            return None  # a bare glued digit is a power only for 2 and 3 ("s2", "m3")
        if sign == -1 and e == k + 1 and toks[e].text not in ("1", "2", "3"):
            return None
        return e + 1, sign * int(toks[e].text)
    return None


def _sci_term(f: _Finder, k: int) -> tuple[int, str, str] | None:
    """One unit symbol with its power at token k: (end, written name, pint expression)."""
    if k >= f.n or f.toks[k].kind != "word":
        return None
    t = f.toks[k]
    info = f.lx.units_cs.get((t.text,)) or f.lx.units_ci.get((t.lower,))
    if info is not None and info.kind == "measure":
        expr = info.pint or info.name
        name = t.text
    else:
        if t.lower in STOP_WORDS or len(t.text) > 6 or (t.text.isupper() and len(t.text) > 2):
            return None
        u = unitlib.parse_unit(t.text)
        if u is None:
            return None
        expr, name = t.text, t.text
    ex = _exponent(f, k + 1)
    if ex is not None:
        if len(t.text) > 2 and ex[1] in (2, 3) and f.toks[k + 1].kind == "num":
            ex = None  # "CO2", "NO2": a glued digit after a longer word is not a power
        elif t.text[:1].isupper() and len(t.text) == 2 and f.toks[k + 1].kind == "num":
            ex = None
    if ex is None:
        return k + 1, name, f"({expr})"
    return ex[0], f"{name}^{ex[1]}", f"({expr}) ** {ex[1]}"


def _sci_unit(f: _Finder, k: int) -> tuple[int, UnitInfo] | None:
    """A unit written as a formula: "J/m^2 per year", "s-1", "fb−1", "km/s2", "W/min", "kg·m/s^2".
    Read only when it has an explicit power or operator, so single letters stay ordinary words."""
    first = _sci_term(f, k)
    if first is None:
        return None
    end, name, expr = first
    marked = "^" in name
    parts = 1
    while end < f.n:
        t = f.toks[end]
        glued = t.start == f.toks[end - 1].end
        if t.text in ("/", "·", "⋅", "*") and glued and end + 1 < f.n and f.toks[end + 1].start == t.end:
            op = "/" if t.text == "/" else "*"
            nxt = _sci_term(f, end + 1)
            if nxt is None:
                break
            end, name, expr = nxt[0], f"{name}{'/' if op == '/' else '·'}{nxt[1]}", f"{expr} {op} {nxt[2]}"
            marked = True
            parts += 1
            continue
        if t.lower == "per" and parts > 1 or t.lower == "per" and marked:
            nxt = _sci_term(f, end + 1)
            if nxt is None or not f._close(end - 1, end):
                break
            end, name, expr = nxt[0], f"{name}/{nxt[1]}", f"{expr} / {nxt[2]}"
            parts += 1
            continue
        break
    if not marked:
        return None
    u = unitlib.parse_unit(expr)
    if u is None or u.dimensionless:
        return None
    return end, UnitInfo(name, expr, "measure")


def _per_unit(f: _Finder, j: int) -> tuple[int, UnitInfo] | None:
    """ "per kg", "/hour" after a price: (end index, the unit)."""
    if j + 1 < f.n and (f.low(j) == "per" or f.toks[j].text == "/") and f._close(j - 1, j):
        sub = f.unit_at(j + 1)
        if sub and sub[1].kind == "measure":
            return sub
    return None


def _plus_minus(f: _Finder, j: int) -> int | None:
    """The token index after a "±" / "+/-" / "+-" written at token j, or None."""
    if j >= f.n:
        return None
    if f.toks[j].text == "±":
        return j + 1
    if (
        j + 1 < f.n
        and f.toks[j].text == "+"
        and f.toks[j + 1].text in ("-", "−")
        and f.toks[j + 1].start == f.toks[j].end
    ):
        return j + 2
    if (
        j + 2 < f.n
        and f.toks[j].text == "+"
        and f.toks[j + 1].text == "/"
        and f.toks[j + 2].text in ("-", "−")
        and f.toks[j + 2].start - f.toks[j].end == 1
    ):
        return j + 3
    return None


def _looks_like_year_span(f: _Finder, a: NumberMatch, b: NumberMatch) -> bool:
    """ "2013-14", "1939-1945": two years, not a range of quantities."""
    ta, tb = f.toks[a.i], f.toks[b.i]
    return bool(re.fullmatch(r"(1[6-9]|20)\d\d", ta.text) and re.fullmatch(r"\d{2}|\d{4}", tb.text))


def _clean(x: float | None) -> float | None:
    """A value rid of float noise (15 significant digits); None for NaN and infinities."""
    if x is None:
        return None
    if x != x or x in (float("inf"), float("-inf")):
        return None
    return float(f"{x:.15g}")


# ---------------------------------------------------------------------------------------------
# On a Doc


def _blocked_spans(doc: Doc, lx: Lexicon) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of dates and clock times: (from doc._.times, from spaCy entities)."""
    times = []
    for t in doc._.times or []:
        if getattr(t, "type", None) in ("DATE", "TIME", "SET"):
            times.append((t.start, t.end))
    # spaCy tags many bare numbers DATE ("10k", "one fifth"): keep only entities that look like dates
    ents = [
        (e.start_char, e.end_char)
        for e in doc.ents
        if e.label_ in ("DATE", "TIME") and lx.date_like_re.search(e.text)
    ]
    return times, ents


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    """Whether characters a..b overlap one of ``spans``."""
    return any(s < b and a < e for s, e in spans)


def _year_like(f: _Finder, q: QuantityMention) -> bool:
    """A bare year ("in 2025", "March 2024", the end of "the 1991–2020 average") with no spaCy DATE
    around it."""
    if q.unit is not None or q.kind != "number" or not re.fullmatch(r"(1[5-9]|20)\d\d", q.text):
        return False
    i = f.token_index_at(q.start)
    prev = f.low(i - 1)
    if prev in HYPHENS and i >= 2 and re.fullmatch(r"(1[5-9]|20)\d\d", f.toks[i - 2].text):
        return f.toks[i - 2].end == f.toks[i - 1].start  # the end of "1991–2020"
    return prev in f.lx.year_cues or prev in f.lx.months or prev == ","


def extract_quantities(doc: Doc, lx: Lexicon | None = None) -> list[QuantityMention]:
    """The quantities of a Doc, sorted by start, without those inside dates and clock times, idioms
    ("a one-off") and members of a set ("one of many"); ``lx``: the word lists of ``lexicon()``
    unless given."""
    lx = lx or lexicon()
    text = doc_text(doc)
    toks = lex(text)
    f = _Finder(text, toks, lx)
    times, ents = _blocked_spans(doc, lx)
    out = []
    for q in find_quantities(text, toks, lx):
        if _in_date(f, q, times, ents) or _not_a_figure(f, q):
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None and _name_number(doc, q, span):
            continue
        if span is not None:
            q.token_start, q.token_end = span.start, span.end
        out.append(q)
    out.sort(key=lambda q: q.start)
    return out


_NAMED = frozenset({"PRODUCT", "EVENT", "FAC", "LAW", "WORK_OF_ART", "ORG"})
_PEOPLE_AND_PLACES = frozenset({"GPE", "NORP", "LOC", "PERSON", "ORG"})


def _name_number(doc: Doc, q: QuantityMention, span: Span) -> bool:
    """A bare integer that is part of a name: "Boeing 737", "Route 66", "Expedition 339" (inside a
    named entity of a non-numeric kind, after its first word), "Landsat 8", "Unit 3" (a number
    modifying the capitalised word right before it). A number after a place, people or organisation
    stays a figure: "Russia lost 1,200 soldiers, and Ukraine 800"."""
    if q.unit is not None or q.kind not in ("number", "count") or len(span) != 1 or not q.text.isdigit():
        return False
    tok = span[0]
    if (tok.ent_type_ in _NAMED and tok.ent_iob_ == "I") or tok.ent_type_ == "PRODUCT":
        return True
    if tok.i == 0:
        return False
    prev = doc[tok.i - 1]
    return (
        tok.dep_ == "nummod"
        and tok.head.i == prev.i
        and prev.text[:1].isupper()
        and prev.is_alpha
        and prev.ent_type_ not in _PEOPLE_AND_PLACES
        and prev.lower_ not in STOP_WORDS
        and not _headline_participle(prev)
    )


#: Words in -ing that do name things ("Building 7", "Wing 3").
_ING_NOUNS = frozenset(
    {"building", "wing", "ring", "king", "spring", "string", "thing", "morning", "evening", "ceiling"}
)


def _headline_participle(word: Token) -> bool:
    """A capitalised participle before a number is a verb of a Title Case headline, not a name:
    "US Military Sinks Three Houthi Boats in Red Sea, Killing 10"."""
    low = word.lower_
    return len(low) > 5 and low.endswith("ing") and low not in _ING_NOUNS


def _in_date(
    f: _Finder, q: QuantityMention, times: list[tuple[int, int]], ents: list[tuple[int, int]]
) -> bool:
    """A number inside a date or a clock time (a duration such as "four hours" is kept; a number
    with a unit of length, mass, money... is never a date), or a bare year."""
    time_unit = q.unit in f.lx.time_units
    if (q.unit is None or time_unit or q.kind == "ordinal") and _overlaps(q.start, q.end, times):
        return True
    if not time_unit and q.kind in ("number", "ordinal") and _overlaps(q.start, q.end, ents):
        return True
    return _year_like(f, q)


def _not_a_figure(f: _Finder, q: QuantityMention) -> bool:
    """Number words that are words, not figures: idioms ("a one-off dispatch", "a two-way street")
    and "one of many soldiers", "one of the deadliest strikes" (a member of a set, not a count of 1)."""
    if q.kind != "number":
        return False
    if f.text[q.start : q.start + 20].lower().startswith(f.lx.idioms):
        return True
    return (
        q.unit is None
        and q.value == 1
        and q.text.lower() == "one"
        and f.lx.one_of_re.match(f.text, q.end) is not None
    )


@Language.factory(
    "claimtrail_quantities",
    assigns=["doc._.quantities"],
    requires=["doc._.times", "doc.ents"],
    default_config={
        "resource": quantity_words.RESOURCE,
        "numbers": NUMBERS_RESOURCE,
        "calendar": TEMPORAL_RESOURCE,
    },
)
def make_component(nlp: Language, name: str, resource: str, numbers: str, calendar: str) -> Component:
    """spaCy factory: the quantities component, with the word lists of resource files ``resource``
    (units, currencies, bounds...), ``numbers`` (number words) and ``calendar`` (month names),
    read once here."""
    unitlib.registry()
    return Component(lexicon(resource, numbers, calendar))


class Component:
    """Sets ``doc._.quantities`` (reads ``doc._.times`` and spaCy's DATE/TIME entities, if set, to
    leave out the numbers inside dates)."""

    def __init__(self, lx: Lexicon) -> None:
        self.lexicon = lx

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = extract_quantities(doc, self.lexicon)
        return doc
