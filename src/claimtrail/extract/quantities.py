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
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from .. import resources
from ..model import QuantityMention
from ..nlp.extensions import doc_text
from . import units as unitlib
from .numbers import HYPHENS, TEENS, TENS, UNITS, NumberMatch, Tok, find_numbers, lex, parse_number

__all__ = ["extract_quantities", "find_quantities", "normalize", "parse_number", "make_component"]

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
}  # fmt: skip
YEAR_CUES = {"in", "since", "until", "till", "by", "from", "during", "of", "early", "late", "mid", "before",
             "after", "spring", "summer", "autumn", "fall", "winter", "year", "the"}  # fmt: skip
CLOCK_AFTER = {
    "a.m",
    "p.m",
    "am",
    "pm",
    "gmt",
    "utc",
    "cet",
    "est",
    "edt",
    "bst",
    "kst",
    "msk",
    "eet",
    "eest",
}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
URL_RE = re.compile(r"\S*(?:://|www\.)\S*|\S+@\S+\.\S+|(?<![\w.])10\.\d{4,9}/\S+")
RANGE_WORDS = {"to", "through", "thru", "~", "and", "or"}
MONEY_SCALES = {"million", "billion", "trillion", "bn", "mn", "mln", "bln", "m", "tn"}
NUMBER_WORDS = set(UNITS) | set(TEENS) | set(TENS) | {"hundred", "thousand", "million", "billion", "dozen"}


@dataclass(frozen=True)
class UnitInfo:
    """A unit as matched in the text: its short name, pint expression, and kind."""

    name: str
    pint: str | None
    kind: str  # measure | percent | money


def _form_key(form: str) -> tuple[str, ...]:
    return tuple(t.text for t in lex(form))


class Lexicon:
    """The word lists of resources/quantities.yaml, compiled once."""

    def __init__(self) -> None:
        cfg = resources.load("quantities.yaml")
        self.units_ci: dict[tuple[str, ...], UnitInfo] = {}
        self.units_cs: dict[tuple[str, ...], UnitInfo] = {}
        for name, spec in cfg["units"].items():
            info = UnitInfo(str(name), spec.get("pint") or str(name), "measure")
            for form in spec.get("forms", []):
                self.units_ci[tuple(x.lower() for x in _form_key(str(form)))] = info
            for form in spec.get("symbols", []):
                self.units_cs[_form_key(str(form))] = info
        self.percent_forms: set[tuple[str, ...]] = set()
        for form in cfg["percent_words"]:
            key = tuple(x.lower() for x in _form_key(str(form)))
            self.units_ci[key] = UnitInfo("percent", None, "percent")
            self.percent_forms.add(key)
        self.article_units = self._phrases(cfg.get("article_units", []))
        for form, code in cfg["currency_words"].items():
            self.units_ci[tuple(x.lower() for x in _form_key(str(form)))] = UnitInfo(str(code), None, "money")
        self.max_len = max(len(k) for k in list(self.units_ci) + list(self.units_cs))
        self.guarded = {str(k): {str(x).lower() for x in v} for k, v in cfg["guarded_units"].items()}
        prefixes = sorted(cfg["currency_prefixes"].items(), key=lambda kv: -len(kv[0]))
        self.currency_prefix = [(k, v) for k, v in prefixes]
        alts = "|".join(r"\s?".join(re.escape(ch) for ch in k.replace(" ", "")) for k, _ in prefixes)
        self.currency_prefix_re = re.compile(rf"(?:(?<=[^A-Za-z])|^)(?:{alts})\s?$")
        self.currency_map = {k.replace(" ", ""): v for k, v in prefixes}
        self.approx = self._phrases(cfg["approximators"])
        self.lower_b = self._phrases(cfg["lower_bounds"])
        self.upper_b = self._phrases(cfg["upper_bounds"])
        self.post_lower = self._phrases(cfg["post_lower_bounds"])
        self.post_upper = self._phrases(cfg["post_upper_bounds"])
        self.post_approx = self._phrases(cfg["post_approximators"])
        self.age_suffixes = self._phrases(cfg["age_suffixes"])
        self.label_words = {str(x).lower() for x in cfg.get("label_words", [])}
        self.pint_deny = {str(x).lower() for x in cfg["pint_denylist"]} | set(STOP_WORDS)
        self.suffixes = {str(k): float(v) for k, v in cfg["multiplier_suffixes"].items()}
        self.money_only = {str(x) for x in cfg["money_only_suffixes"]}

    @staticmethod
    def _phrases(items: list) -> set[tuple[str, ...]]:
        return {tuple(x.lower() for x in _form_key(str(p))) for p in items}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The compiled word lists (built once per process)."""
    return Lexicon()


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

    def low(self, i: int) -> str:
        return self.toks[i].lower if 0 <= i < self.n else ""

    def _close(self, a: int, b: int) -> bool:
        """Tokens a and b are separated by at most spaces on one line."""
        gap = self.text[self.toks[a].end : self.toks[b].start]
        return len(gap) <= 3 and "\n" not in gap

    # -- units ------------------------------------------------------------------------------
    def unit_at(self, k: int, glued_ok: bool = True) -> tuple[int, UnitInfo] | None:
        """The longest unit starting at token k: (end index, unit)."""
        if k >= self.n:
            return None
        best: tuple[int, UnitInfo] | None = None
        for length in range(min(self.lx.max_len, self.n - k), 0, -1):
            if length > 1 and not all(self._close(k + x, k + x + 1) for x in range(length - 1)):
                continue
            seq = self.toks[k : k + length]
            key_cs = tuple(t.text for t in seq)
            info = self.lx.units_cs.get(key_cs) or self.lx.units_ci.get(tuple(t.lower for t in seq))
            if info is None:
                continue
            guard = self.lx.guarded.get(key_cs[0].lower()) if length == 1 else None
            if (
                guard is not None
                and info.name in (key_cs[0].lower(),)
                or (length == 1 and key_cs[0].lower() in self.lx.guarded)
            ):
                nxt = self.low(k + 1) if k + 1 < self.n else "<end>"
                if nxt not in self.lx.guarded[key_cs[0].lower()]:
                    continue
            # a unit word ending with a letter must not run into more letters ("km" in "kmart")
            best = (k + length, info)
            break
        if best is None and self.low(k) in ("square", "sq", "cubic", "cu") and k + 1 < self.n:
            sub = self.unit_at(k + 1)
            if sub and sub[1].kind == "measure" and unitlib.dimension(sub[1].name, sub[1].pint) == "length":
                power = 2 if self.low(k) in ("square", "sq") else 3
                best = (sub[0], UnitInfo(f"{sub[1].name}{power}", f"({sub[1].pint}) ** {power}", "measure"))
        if best is None:
            best = self._pint_fallback(k)
        if best is None:
            return None
        end, info = best
        # powers: "km^2", "km squared", "square kilometres" handled in the table; generic "^2"
        if info.kind == "measure" and end < self.n:
            t = self.toks[end]
            power = None
            if t.text in ("²", "³") and self.toks[end - 1].end == t.start:
                power, end2 = (2 if t.text == "²" else 3), end + 1
            elif t.text == "^" and end + 1 < self.n and self.toks[end + 1].text in ("2", "3"):
                power, end2 = int(self.toks[end + 1].text), end + 2
            elif t.lower == "squared":
                power, end2 = 2, end + 1
            elif t.lower == "cubed":
                power, end2 = 3, end + 1
            if power and unitlib.dimension(info.name, info.pint) == "length":
                info = UnitInfo(f"{info.name}{power}", f"({info.pint}) ** {power}", "measure")
                end = end2
        # compound "per hour", "/min"
        if (
            end + 1 < self.n
            and (self.low(end) == "per" or self.toks[end].text == "/")
            and self._close(end - 1, end)
        ):
            sub = self.unit_at(end + 1)
            if sub and sub[1].kind == "measure":
                d_end, den = sub
                name = f"{info.name}/{den.name}"
                expr = None if info.kind == "money" else f"({info.pint}) / ({den.pint})"
                info = UnitInfo(name, expr, info.kind)
                end = d_end
        return end, info

    def _pint_fallback(self, k: int) -> tuple[int, UnitInfo] | None:
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
            if tuple(t.lower for t in self.toks[s:i]) in phrases:
                best = s
        return best

    def phrase_after(self, j: int, phrases: set[tuple[str, ...]]) -> int | None:
        best = None
        for length in range(1, 4):
            if j + length > self.n:
                break
            if tuple(t.lower for t in self.toks[j : j + length]) in phrases and self._close(j - 1, j):
                best = j + length
        return best

    def token_index_at(self, char: int) -> int:
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            if self.toks[mid].start < char:
                lo = mid + 1
            else:
                hi = mid
        return lo


def _skip_number(f: _Finder, m: NumberMatch) -> bool:
    """Numbers that are not quantities: model names ("F-16"), clock times, glued codes ("5G")."""
    toks, i, j = f.toks, m.i, m.j
    first = toks[i]
    if first.kind == "num" and i >= 1:
        prev = toks[i - 1]
        if prev.end == first.start and prev.kind == "word":
            return True  # "G7", "MH17"
        if prev.end == first.start and prev.text in HYPHENS and i >= 2:
            pp = toks[i - 2]
            if pp.end == prev.start and pp.kind == "word" and any(c.isupper() for c in pp.text):
                return True  # "F-16", "Su-34", "COVID-19"
        if prev.text == ":" and prev.end == first.start and i >= 2 and toks[i - 2].kind == "num":
            return True
    last = toks[j - 1]
    if j < f.n:
        nxt = toks[j]
        if nxt.text == ":" and nxt.end == last.end + 1 and j + 1 < f.n and toks[j + 1].kind == "num":
            return True  # 10:30
        if f.low(j) in CLOCK_AFTER or (
            f.low(j) in ("a", "p") and f.low(j + 1) == "." and f.low(j + 2) == "m"
        ):
            return True
    return False


def _label_number(f: _Finder, q: QuantityMention) -> bool:
    """Numbers that name rather than measure: "Figure 3", "Section 2.3", "Eq. (5)", "[12]", a list's "1.",
    "ATCC 25922". Scientific text is full of them; they carry no unit and count nothing."""
    i = f.token_index_at(q.start)
    if f.toks[i].kind != "num":
        return False  # labels are written in digits ("Figure 3"); "version two" is read as a number
    k = i - 1
    while k >= 0 and f.toks[k].text in ("(", ".", "#", ":") and i - k <= 3:
        k -= 1
    if k >= 0 and f.toks[k].kind == "word" and f.toks[k].lower in lexicon().label_words:
        return True
    if k >= 0 and k == i - 1 and _acronym_code(f, k, q):
        return True
    return _bracket_citation(f.text, q.start, q.end) or _list_number(f.text, q)


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


def find_quantities(text: str, toks: list[Tok] | None = None) -> list[QuantityMention]:
    """All quantities in ``text`` (no date guard: see ``extract_quantities`` for a Doc)."""
    lx = lexicon()
    toks = lex(text) if toks is None else toks
    f = _Finder(text, toks, lx)
    numbers = find_numbers(text, toks)
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
    return out


def _article_units(f: _Finder, found: list[QuantityMention]) -> list[QuantityMention]:
    """ "a gallon of fuel", "an acre", "a barrel": "a"/"an" + a unit of the article_units list = 1 unit."""
    extra = []
    for i, t in enumerate(f.toks[:-1]):
        if t.lower not in ("a", "an") or t.kind != "word":
            continue
        got = f.unit_at(i + 1)
        if got is None or tuple(x.lower for x in f.toks[i + 1 : got[0]]) not in f.lx.article_units:
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


def _build(
    f: _Finder, m: NumberMatch, numbers: list[NumberMatch], k: int
) -> tuple[QuantityMention | None, int]:
    """One quantity from number m (numbers[k] is the next one): returns it and how many further
    numbers it swallowed (the high end of a range)."""
    lx = f.lx
    toks = f.toks
    start, end = m.start, m.end
    value, low, high = m.value, m.low, m.high
    approximate = m.kind == "vague"
    kind = "ordinal" if m.kind == "ordinal" else "number"
    unit: UnitInfo | None = None
    first_tok = m.i
    j = m.j
    consumed = 0
    num_start, num_end = m.start, m.end
    # currency before ("$", "US$", "€"), also with the sign after it ("$-99.99")
    cur = f.currency_before(start) if toks[m.i].kind == "num" or m.words else None
    if (
        cur is None
        and toks[m.i].kind == "num"
        and m.i >= 1
        and toks[m.i - 1].text in ("-", "−")
        and toks[m.i - 1].end == m.start
        and value > 0
    ):
        cur = f.currency_before(toks[m.i - 1].start)
        if cur:
            value = -value
            num_start = toks[m.i - 1].start
    if cur and kind != "ordinal":
        start, code = cur
        unit = UnitInfo(code, None, "money")
        first_tok = f.token_index_at(start)
        # "$10m", "$2.174T": suffixes that multiply only money
        if j < f.n and toks[j].text in lx.money_only and (toks[j].start == toks[j - 1].end):
            value *= lx.suffixes[toks[j].text]
            end, j = toks[j].end, j + 1
            num_end = end
        per = _per_unit(f, j)
        if per:
            j, den = per
            unit = UnitInfo(f"{code}/{den.name}", None, "money")
            end = toks[j - 1].end
    if kind == "ordinal":
        unit = UnitInfo("ordinal", None, "ordinal")
    # glued letters that are not a unit: "5G", "3D" are names, not quantities
    if unit is None and j < f.n and toks[j].kind == "word" and toks[j].start == toks[j - 1].end:
        if f.unit_at(j) is None:
            return None, 0
    # a unit right after the first number ("20 km to 25 km", "3-inch")
    u1 = _unit_after(f, j) if unit is None else None
    if u1:
        j, unit = u1
        end = toks[j - 1].end
        # "361 million pounds" is money; "2,000 pounds of explosives", "500 pounds" are weights
        if unit.name == "lb" and f.low(m.j - 1) in MONEY_SCALES and f.low(j) != "of":
            unit = UnitInfo("GBP", None, "money")
        # "3 dollars 50 cents", "thirteen dollars and forty-five cents"
        if unit.kind == "money" and "_" not in unit.name and k < len(numbers):
            nxt = numbers[k]
            at = j + 1 if f.low(j) == "and" else j
            if nxt.i == at and nxt.kind == "number" and nxt.value < 100 and f._close(j - 1, j):
                minor = _unit_after(f, nxt.j) if f._close(at - 1, at) else None
                if minor and minor[1].kind == "money" and minor[1].name.startswith(unit.name + "_"):
                    value += nxt.value / 100
                    j = minor[0]
                    end = toks[j - 1].end
                    consumed = 1
    # "per cent of 210": a percent word with no number before it, then "of" and the number
    if unit is None and kind == "number" and f.low(first_tok - 1) == "of":
        p0 = f.phrase_before(first_tok - 1, lx.percent_forms)
        if p0 is not None and (p0 == 0 or f.toks[p0 - 1].kind != "num" and f.low(p0 - 1) not in NUMBER_WORDS):
            unit = UnitInfo("percent", None, "percent")
            start = toks[p0].start
            first_tok = p0
    # a range: "20–25 kg", "10,000 to 12,000", "between 11,000 and 12,000"
    if consumed == 0 and k < len(numbers) and kind != "ordinal" and m.kind != "vague":
        nxt = numbers[k]
        sep = j
        # "8- to 16-metre": a hanging hyphen before the range word
        if (
            sep + 1 < f.n
            and toks[sep].text in HYPHENS
            and toks[sep].start == toks[sep - 1].end
            and toks[sep + 1].lower in ("to", "and", "or")
        ):
            sep += 1
        between = f.phrase_before(first_tok, {("between",)}) is not None
        ok_sep = sep < f.n and (
            (toks[sep].text in HYPHENS and not _looks_like_year_span(f, m, nxt))
            or (toks[sep].lower in RANGE_WORDS and (toks[sep].lower != "and" or between))
            or (toks[sep].lower in ("to",))
        )
        if sep < f.n and toks[sep].lower == "or":
            ok_sep = ok_sep and m.words and nxt.words
        nstart_tok = sep + 1
        if ok_sep and nstart_tok < f.n:
            cur2 = f.currency_before(nxt.start)
            if cur2 and unit and unit.kind == "money" and f.token_index_at(cur2[0]) == nstart_tok:
                nstart_tok = nxt.i  # "$350 to $680": the sign of the second number belongs to it
            neg_pair = value < 0 and nxt.value < 0
            if neg_pair:
                value_lo, value_hi = sorted((value, nxt.value))
            if (
                nxt.i == nstart_tok
                and nxt.kind in ("number", "fraction")
                and (nxt.value >= value or neg_pair)
            ):
                j2 = nxt.j
                v2 = nxt.value
                n2_end = nxt.end
                if unit and unit.kind == "money" and j2 < f.n and toks[j2].text in lx.money_only:
                    v2 *= lx.suffixes[toks[j2].text]
                    n2_end = toks[j2].end
                    j2 += 1
                if unit and unit.kind == "money" and "/" in unit.name:
                    per2 = _per_unit(f, j2)
                    if per2 and unit.name.endswith("/" + per2[1].name):
                        j2 = per2[0]
                u2 = _unit_after(f, j2) if not (unit and unit.kind == "money") else None
                if (
                    u2 is None
                    or unit is None
                    or unitlib.dimension(u2[1].name, u2[1].pint) == unitlib.dimension(unit.name, unit.pint)
                ):
                    if v2 != value or (u2 and unit and u2[1] != unit):
                        num_end = n2_end
                        if u2:
                            j2, unit = u2
                        low, high = min(value, v2), max(value, v2)
                        value = (low + high) / 2
                        end = toks[j2 - 1].end
                        j = j2
                        consumed = 1
    # a value with its uncertainty: "9.83 +/- 0.05 km", "12 ± 3 %"
    if consumed == 0 and k < len(numbers) and kind != "ordinal" and m.kind != "vague" and low is None:
        nxt = numbers[k]
        pm = _plus_minus(f, j)
        if pm and nxt.i == pm and nxt.kind == "number" and nxt.value is not None and nxt.value > 0:
            u2 = _unit_after(f, nxt.j) if unit is None else None
            j2 = nxt.j
            if u2:
                j2, unit = u2
            low, high = value - nxt.value, value + nxt.value
            num_end = nxt.end
            end = toks[j2 - 1].end
            j = j2
            consumed = 1
    # words after a time unit that make an age: "five years old", "a 49-year-old", "two-year-old"
    age = False
    if unit and unit.name in TIME_UNITS:
        after = f.phrase_after(j, lx.age_suffixes)
        if after is None and j < f.n and toks[j].text in HYPHENS and toks[j].start == toks[j - 1].end:
            after = f.phrase_after(j + 1, lx.age_suffixes)
        if after:
            j = after
            end = toks[j - 1].end
            age = True
    # approximation and bounds
    if f.phrase_before(first_tok, lx.approx) is not None:
        approximate = True
    # the longer phrase wins: "no more than 3,000" is an upper bound although it ends in "more than"
    lower_at = f.phrase_before(first_tok, lx.lower_b)
    upper_at = f.phrase_before(first_tok, lx.upper_b)
    if lower_at is not None and upper_at is not None:
        if upper_at < lower_at:
            lower_at = None
        else:
            upper_at = None
    if lower_at is not None and high is None:
        low = value
    if upper_at is not None and low is None:
        high = value
    pa = f.phrase_after(j, lx.post_lower)
    if pa and high is None:
        low = value
        if toks[j].text == "+":
            end, j = toks[j].end, j + 1
    elif f.phrase_after(j, lx.post_upper) and low is None:
        high = value
    if f.phrase_after(j, lx.post_approx):
        approximate = True
    if unit is not None:
        if unit.kind == "money":
            kind = "money"
        elif unit.kind == "percent":
            kind = "percent"
        elif unit.kind == "measure":
            kind = "measure"
    if age:
        kind = "age"  # a person's age describes someone; it counts nothing (no claim of its own)
    uname = unit.name if unit else None
    if kind == "ordinal":
        nv, nu = value, "ordinal"
    elif kind == "money" and uname and "_" in uname:
        # a minor unit ("USD_cent", "GBP_penny"): normalised to the main currency
        nv, nu = value / 100, uname.split("_")[0]
    else:
        nv, nu = unitlib.normalize(value, uname, unit.pint if unit else None)
    text = f.text[start:end]
    q = QuantityMention(
        start=start,
        end=end,
        text=text,
        value=_clean(value),
        low=_clean(low),
        high=_clean(high),
        approximate=approximate,
        unit=uname,
        normalized_value=_clean(nv) if uname else None,
        normalized_unit=nu if uname else None,
        kind=kind,
    )
    q.number_start, q.number_end = num_start, num_end
    return q, consumed


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


def _sci_term(f: _Finder, k: int, need_strong: bool) -> tuple[int, str, str, bool] | None:
    """One unit symbol with its power at token k: (end, written name, pint expression, strong).
    ``strong`` means it carries an explicit power, so even a one-letter symbol ("s-1") is a unit."""
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
        return (k + 1, name, f"({expr})", info is not None and info.kind == "measure" and not need_strong)
    return ex[0], f"{name}^{ex[1]}", f"({expr}) ** {ex[1]}", True


def _sci_unit(f: _Finder, k: int) -> tuple[int, UnitInfo] | None:
    """A unit written as a formula: "J/m^2 per year", "s-1", "fb−1", "km/s2", "W/min", "kg·m/s^2".
    Read only when it has an explicit power or operator, so single letters stay ordinary words."""
    first = _sci_term(f, k, need_strong=False)
    if first is None:
        return None
    end, name, expr, strong = first
    marked = "^" in name
    parts = 1
    while end < f.n:
        t = f.toks[end]
        glued = t.start == f.toks[end - 1].end
        if t.text in ("/", "·", "⋅", "*") and glued and end + 1 < f.n and f.toks[end + 1].start == t.end:
            op = "/" if t.text == "/" else "*"
            nxt = _sci_term(f, end + 1, need_strong=False)
            if nxt is None:
                break
            end, name, expr = nxt[0], f"{name}{'/' if op == '/' else '·'}{nxt[1]}", f"{expr} {op} {nxt[2]}"
            marked = True
            parts += 1
            continue
        if t.lower == "per" and parts > 1 or t.lower == "per" and marked:
            nxt = _sci_term(f, end + 1, need_strong=False)
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
    del strong
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
    if x is None:
        return None
    if x != x or x in (float("inf"), float("-inf")):
        return None
    return float(f"{x:.15g}")


# ---------------------------------------------------------------------------------------------
# On a Doc


def _blocked_spans(doc: Doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of dates and clock times: (from doc._.times, from spaCy entities)."""
    times = []
    for t in doc._.times or []:
        if getattr(t, "type", None) in ("DATE", "TIME", "SET"):
            times.append((t.start, t.end))
    # spaCy tags many bare numbers DATE ("10k", "one fifth"): keep only entities that look like dates
    ents = [
        (e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME") and _date_like(e.text)
    ]
    return times, ents


DATE_LIKE_RE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:1[5-9]|20)\d\d(?:s|'s)?\b|\b\d{1,2}[/.:]\d{1,2}\b"
    r"|[ap]\.?m\b|o'clock|\bnoon\b|\bmidnight\b|\bago\b|\btoday\b|\btomorrow\b|\byesterday\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b|\bcentury\b|\bweekend\b|\b'\d\d\b"
)


def _date_like(text: str) -> bool:
    return bool(DATE_LIKE_RE.search(text))


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


def _year_like(f: _Finder, q: QuantityMention) -> bool:
    """A bare year ("in 2025", "March 2024") with no spaCy DATE around it."""
    if q.unit is not None or q.kind != "number" or not re.fullmatch(r"(1[5-9]|20)\d\d", q.text):
        return False
    i = f.token_index_at(q.start)
    prev = f.low(i - 1)
    return prev in YEAR_CUES or prev in MONTHS or prev == ","


def extract_quantities(doc: Doc) -> list[QuantityMention]:
    """The quantities of a Doc, sorted by start, without those inside dates and clock times."""
    text = doc_text(doc)
    toks = lex(text)
    f = _Finder(text, toks, lexicon())
    times, ents = _blocked_spans(doc)
    out = []
    for q in find_quantities(text, toks):
        # a number with a unit of length, mass, money... is never a date or a clock time
        if (q.unit is None or q.unit in TIME_UNITS or q.kind == "ordinal") and _overlaps(
            q.start, q.end, times
        ):
            continue
        if q.unit not in TIME_UNITS and q.kind in ("number", "ordinal") and _overlaps(q.start, q.end, ents):
            continue
        if _year_like(f, q):
            continue
        if q.kind == "number" and text[q.start : q.start + 20].lower().startswith(IDIOMS):
            continue  # "a one-off dispatch", "a two-way street": words, not figures
        if q.kind == "number" and q.unit is None and _one_of_many(text, q):
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            q.token_start, q.token_end = span.start, span.end
        out.append(q)
    out.sort(key=lambda q: q.start)
    return out


def _one_of_many(text: str, q: QuantityMention) -> bool:
    """ "one of many soldiers", "one of the deadliest strikes": a member of a set, not a count of 1."""
    if q.value != 1 or q.text.lower() != "one":
        return False
    m = ONE_OF_RE.match(text, q.end)
    return m is not None


# Number words inside idioms (resources/quantities.yaml: not_numbers), read once.
IDIOMS: tuple[str, ...] = tuple(w.lower() for w in resources.load("quantities.yaml").get("not_numbers") or ())
# "one of" + these words (resources/quantities.yaml: one_of_a_set), or a superlative ("the deadliest").
ONE_OF_RE = re.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+)?(?:(?:"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in resources.load("quantities.yaml").get("one_of_a_set") or ()
    )
    + r")\b|most\b|[a-z]{3,}est\b)",
    re.I,
)


@Language.factory("claimtrail_quantities")
def make_component(nlp: Language, name: str) -> Component:
    """spaCy factory: the quantities component."""
    lexicon()  # load the word lists once, at pipeline build time
    unitlib.registry()
    return Component()


class Component:
    """Sets ``doc._.quantities``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = extract_quantities(doc)
        return doc
