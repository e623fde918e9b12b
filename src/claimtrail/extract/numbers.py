"""Numbers in English text: digits and number words, fractions, ordinals, vague amounts.

Pure functions over a string, no spaCy. ``lex`` cuts the text into tokens (digit numbers, words,
punctuation) with character offsets; ``find_numbers`` runs a small grammar over those tokens and
returns every number it can read ("1,500", "twenty-five", "two hundred and six", "1.5 million",
"4k", "two-thirds", "half a million", "21st", "several hundred"); ``parse_number`` reads one whole
string as a number. The quantities extractor adds units, ranges and approximations on top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources

UNITS = {
    "zero": 0, "nil": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5,
    "crore": 1e7, "crores": 1e7,
}  # fmt: skip
ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
}  # fmt: skip
# Denominators in fractions ("three quarters", "two-thirds"): "second" is never one.
DENOMINATORS = {k: v for k, v in ORDINAL_UNITS.items() if k not in ("first", "second")}
DENOMINATORS.update({"quarter": 4, "half": 2})
PLURAL_DENOMINATORS = {k + "s": v for k, v in DENOMINATORS.items() if k != "half"}
PLURAL_DENOMINATORS["halves"] = 2
ORDINAL_SUFFIX = {"st", "nd", "rd", "th", "ST", "ND", "RD", "TH"}
NEGATORS = {"minus", "negative"}
# Words before "one" that make it a pronoun ("which one", "the one"), not a number.
ONE_PRONOUN_BEFORE = {"the", "this", "that", "which", "each", "every", "any", "no", "another", "some"}
ONE_PRONOUN_AFTER = {"another", "'s", "’s"}

_INT = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|,\d)|\d+)"
_NUM = rf"(?:{_INT}(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+(?![A-Za-z])|\^[+-]*\d+)?"
# Scientific notation with a multiplication sign: "2.48×10−5", "3 × 10^8", "6x10⁻³", "8x2^10".
_SCI = (
    r"(?<![\d.])\d+(?:\.\d+)?(?:[ \u00a0]?×[ \u00a0]?|x)"
    r"(?:10(?:\^|\*\*)[−+-]?\d+|10[−-]\d+|10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d+\^\d+)(?![\d.])"
)
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789-+-")
TOKEN_RE = re.compile(
    rf"(?P<sci>{_SCI})|"
    r"(?P<dotted>(?<![\d.])\d+(?:\.\d+){2,}(?![\d]))|"
    rf"(?P<frac>(?<![\d/.,])\d+(?:[ \u00a0]+\d+)?/\d+(?![\d/]))"
    rf"|(?P<num>{_NUM})"
    r"|(?P<word>[A-Za-z]+(?:'[A-Za-z]+)?)"
    r"|(?P<punct>[^\sA-Za-z\d])"
)
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅙": 1 / 6, "⅛": 0.125}
HYPHENS = {"-", "–", "—", "‐", "‑"}


@dataclass(slots=True)
class Tok:
    """A lexed token: kind is "num", "word" or "punct"; ``value`` is set for "num"."""

    start: int
    end: int
    text: str
    kind: str
    lower: str
    value: float | None = None


@dataclass
class NumberMatch:
    """A number read from the text: ``kind`` is "number", "fraction", "ordinal" or "vague".

    ``i``/``j`` are the first and one-past-last token indices into the lexed tokens;
    ``low``/``high`` are set for vague amounts ("several hundred" -> 200..900).
    ``words`` is True when the number is written (partly) in words.
    """

    start: int
    end: int
    value: float
    kind: str = "number"
    i: int = 0
    j: int = 0
    low: float | None = None
    high: float | None = None
    words: bool = False


def _num_value(text: str) -> float | None:
    t = re.sub(r"[,\s\u00a0\u202f]", "", text)
    try:
        if "^" in t:
            base, _, exp = t.partition("^")
            sign = -1 if exp.count("-") % 2 else 1
            return float(base) ** (sign * float(exp.lstrip("+-")))
        return float(t)
    except (ValueError, OverflowError):
        return None


def _sci_value(text: str) -> float | None:
    """The value of "2.48×10−5", "3 × 10^8", "8x2^10"."""
    base, power = re.split(r"[ \u00a0]?[×x][ \u00a0]?", text, maxsplit=1)
    power = power.translate(SUPERSCRIPT_DIGITS).replace("**", "^")
    m = re.fullmatch(r"(\d+)\^?([+-]?\d+)", power) if "^" in power or power[:2] == "10" else None
    if m is None:
        return None
    radix, exp = (m.group(1), m.group(2)) if "^" in power else ("10", power[2:])
    try:
        return float(base) * float(radix) ** int(exp)
    except (ValueError, OverflowError):
        return None


def lex(text: str) -> list[Tok]:
    """Cut ``text`` into number, word and punctuation tokens with character offsets."""
    toks: list[Tok] = []
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup or "punct"
        s = m.group()
        if kind == "dotted":  # "192.168.1.2", "1.2.3": not decimals, a row of integers
            pos = m.start()
            for k, part in enumerate(s.split(".")):
                if k:
                    toks.append(Tok(pos, pos + 1, ".", "punct", "."))
                    pos += 1
                toks.append(Tok(pos, pos + len(part), part, "num", part, float(part)))
                pos += len(part)
        elif kind == "frac":
            parts = s.split()
            whole = float(parts[0]) if len(parts) == 2 else 0.0
            num, _, den = parts[-1].partition("/")
            value = None if float(den) == 0 else whole + float(num) / float(den)
            toks.append(Tok(m.start(), m.end(), s, "num", s.lower(), value))
        elif kind == "num":
            toks.append(Tok(m.start(), m.end(), s, "num", s.lower(), _num_value(s)))
        elif kind == "sci":
            toks.append(Tok(m.start(), m.end(), s, "num", s.lower(), _sci_value(s)))
        elif kind == "punct" and s in VULGAR:
            toks.append(Tok(m.start(), m.end(), s, "num", s, VULGAR[s]))
        else:
            toks.append(Tok(m.start(), m.end(), s, kind, s.lower()))
    return toks


@lru_cache(maxsize=1)
def _config() -> dict:
    return resources.load("quantities.yaml")


def _adjacent(a: Tok, b: Tok) -> bool:
    return a.end == b.start


class _Parser:
    """The number grammar over one lexed text."""

    def __init__(self, text: str, toks: list[Tok]) -> None:
        cfg = _config()
        self.text = text
        self.toks = toks
        self.n = len(toks)
        self.suffixes = {str(k): float(v) for k, v in cfg["multiplier_suffixes"].items()}
        self.money_only = set(cfg["money_only_suffixes"])
        self.spaced = set(cfg["spaced_suffixes"])
        self.vague_mult = {str(k): tuple(v) for k, v in cfg["vague_multipliers"].items()}
        self.vague_plural = {str(k): tuple(v) for k, v in cfg["vague_plurals"].items()}
        self.vague_sorted = sorted(self.vague_mult.items(), key=lambda kv: -len(kv[0]))
        self.vague_first = {k.split()[0] for k in self.vague_mult}
        self.start_words = (
            set(UNITS)
            | set(TEENS)
            | set(TENS)
            | set(ORDINAL_UNITS)
            | self.vague_first
            | set(self.vague_plural)
        ) | {"a", "an", "half", "quarter"}

    def lower(self, i: int) -> str:
        return self.toks[i].lower if 0 <= i < self.n else ""

    def is_word(self, i: int, words) -> bool:
        return 0 <= i < self.n and self.toks[i].kind == "word" and self.toks[i].lower in words

    # -- cardinals --------------------------------------------------------------------------
    def cardinal(self, i: int) -> tuple[int, float, bool] | None:
        """Read a cardinal number at token i: (end index, value, has words) or None."""
        toks, n = self.toks, self.n
        j = i
        total = 0.0
        current = 0.0
        last = None  # "unit" | "teen" | "ten" | "hundred" | "scale" | "num"
        has_words = False
        max_scale = 0.0
        checkpoint: tuple | None = None  # state before an "and"
        seen_hundred = False
        started = False
        self.and_before = None  # value before a kept "and" ("one hundred and three" -> 100)
        if self.is_word(j, {"a", "an"}) and (
            self.is_word(j + 1, {"hundred", "dozen"} | set(SCALES)) or self.lower(j + 1) == "couple"
        ):
            if self.lower(j + 1) == "couple":
                return None
            current = 1.0
            j += 1
            has_words = True
            started = True
            last = "unit"
        while j < n:
            t = toks[j]
            w = t.lower
            if t.kind == "num":
                if t.value is None or last is not None and last not in ("scale", "hundred"):
                    break
                if last == "scale" and t.value >= max_scale or last == "hundred" and t.value >= 100:
                    break
                if last is None and j > i and not started:
                    break
                current += t.value
                last = "num"
                j += 1
                started = True
                # glued multiplier suffix ("4k", "2.3bn")
                if j < n and toks[j].kind == "word" and _adjacent(toks[j - 1], toks[j]):
                    suf = toks[j].text
                    if suf in self.suffixes and suf not in self.money_only:
                        current *= self.suffixes[suf]
                        j += 1
                        last = "scale"
                        max_scale = self.suffixes[suf]
                        break
                elif (
                    j < n
                    and toks[j].kind == "word"
                    and toks[j].text in self.spaced
                    and toks[j].start - toks[j - 1].end <= 2
                ):
                    current *= self.suffixes[toks[j].text]
                    j += 1
                    last = "scale"
                    max_scale = self.suffixes[toks[j - 1].text]
                    break
                continue
            if t.kind != "word":
                # hyphen inside "twenty-five" / "fifty - two"
                if t.text in HYPHENS and last == "ten" and self.is_word(j + 1, UNITS) and w != "zero":
                    j += 1
                    continue
                if self._hyphenated_scale(j, last):
                    j += 1  # "2-million", "three-thousand": the scale word still counts
                    continue
                break
            if w in UNITS or w in TEENS:
                if last in ("unit", "teen", "num"):
                    break
                if last == "ten" and w in TEENS:
                    break
                if w == "one" and self._one_is_pronoun(j):
                    break
                current += UNITS.get(w, TEENS.get(w, 0))
                last = "unit" if w in UNITS else "teen"
            elif w in TENS:
                if last in ("unit", "teen", "ten", "num"):
                    break
                current += TENS[w]
                last = "ten"
            elif w in ("hundred", "dozen", "dozens", "dz", "dzs", "doz", "dozs") and started:
                if last == "hundred" or (w != "hundred" and last not in ("unit", "teen", "ten", "num")):
                    break
                if checkpoint is not None and seen_hundred and w == "hundred":
                    j, total, current, last, max_scale = checkpoint
                    self.and_before = None
                    break
                seen_hundred = True
                current = (current or 1) * (100 if w == "hundred" else 12)
                last = "hundred"
            elif w in SCALES and started:
                s = SCALES[w]
                if checkpoint is not None and s <= max_scale:
                    # "two hundred and three hundred": the "and" joined two numbers
                    j, total, current, last, max_scale = checkpoint
                    self.and_before = None
                    break
                if last == "scale" and current == 0 and s > max_scale:
                    total = total * s
                else:
                    if max_scale and s >= max_scale and total:
                        total = (total + (current or 1)) * s
                    else:
                        total += (current or 1) * s
                current = 0
                max_scale = max(max_scale, s)
                last = "scale"
                seen_hundred = False
            elif w == "and" and last in ("hundred", "scale") and self._number_word_or_num(j + 1):
                if self.is_word(j + 1, {"a", "one"}) and self.is_word(j + 2, {"half", "quarter", "third"}):
                    break
                checkpoint = (j, total, current, last, max_scale)
                self.and_before = total + current
                j += 1
                continue
            else:
                break
            started = True
            has_words = True
            j += 1
        if not started or j == i:
            return None
        self.last_scale = max_scale if last == "scale" and current == 0 else 1.0
        return j, total + current, has_words

    def _hyphenated_scale(self, j: int, last: str | None) -> bool:
        """A hyphen glued between a number and a scale word ("2-million", "three-thousand").

        Some outlets hyphenate the scale; read without it, "more than 2-million" would be 2.
        """
        if j == 0 or j + 1 >= self.n or self.toks[j].text not in HYPHENS:
            return False
        if last not in ("num", "unit", "teen", "ten", "hundred"):
            return False
        nxt = self.toks[j + 1]
        return (
            nxt.kind == "word"
            and (nxt.lower in SCALES or nxt.lower == "hundred")
            and _adjacent(self.toks[j - 1], self.toks[j])
            and _adjacent(self.toks[j], nxt)
        )

    def _number_word_or_num(self, i: int) -> bool:
        if not (0 <= i < self.n):
            return False
        t = self.toks[i]
        return t.kind == "num" or t.lower in UNITS or t.lower in TEENS or t.lower in TENS or t.lower == "a"

    def _one_is_pronoun(self, j: int) -> bool:
        prev = self.lower(j - 1)
        nxt = self.lower(j + 1)
        if prev in ONE_PRONOUN_BEFORE or nxt in ONE_PRONOUN_AFTER:
            return True
        if nxt in ("'", "’") and self.lower(j + 2) == "s":
            return True
        return prev in ("no",) or (prev == "" and nxt in ("of",) and False)

    # -- fractions, ordinals ----------------------------------------------------------------
    def denominator(self, i: int) -> tuple[int, float, bool] | None:
        """An ordinal denominator at i: (end, value, plural) — "fifths", "twenty-firsts", "hundredth"."""
        w = self.lower(i)
        if self.toks[i].kind != "word" if i < self.n else True:
            return None
        if w in TENS and i + 2 < self.n and self.toks[i + 1].text in HYPHENS | {" "}:
            d = self.lower(i + 2)
            if d in DENOMINATORS or d in PLURAL_DENOMINATORS or d in ("first", "firsts", "seconds"):
                sub = self.denominator(i + 2) or (
                    (i + 3, 1.0, d.endswith("s")) if d.startswith("first") else None
                )
                if d == "seconds":
                    sub = (i + 3, 2.0, True)
                if sub:
                    return sub[0], TENS[w] + sub[1], sub[2]
        if w in TENS and self.is_word(
            i + 1, {"first", "firsts"} | set(DENOMINATORS) | set(PLURAL_DENOMINATORS)
        ):
            d = self.lower(i + 1)
            sub = self.denominator(i + 1) or (i + 2, 1.0, d.endswith("s"))
            return sub[0], TENS[w] + sub[1], sub[2]
        if w in PLURAL_DENOMINATORS:
            return i + 1, PLURAL_DENOMINATORS[w], True
        if w in DENOMINATORS:
            return i + 1, DENOMINATORS[w], False
        return None

    def ordinal_word(self, i: int) -> tuple[int, float] | None:
        """An ordinal in words at i: "third", "twenty-first", "hundredth"."""
        w = self.lower(i)
        if (
            w in TENS
            and i + 2 < self.n
            and self.toks[i + 1].text in HYPHENS
            and self.lower(i + 2) in ORDINAL_UNITS
        ):
            if ORDINAL_UNITS[self.lower(i + 2)] < 10:
                return i + 3, TENS[w] + ORDINAL_UNITS[self.lower(i + 2)]
        if w in ORDINAL_UNITS:
            return i + 1, float(ORDINAL_UNITS[w])
        return None

    # -- the whole number at i ----------------------------------------------------------------
    def at(self, i: int) -> NumberMatch | None:
        toks = self.toks
        t = toks[i]
        w = t.lower
        # vague amounts: "several hundred", "dozens", "tens of thousands", "a few dozen"
        vm = self.vague(i)
        if vm:
            return vm
        # "half a million", "half a dozen", "half million", "quarter million"
        if w in ("half", "quarter") or (w in ("a", "one") and self.is_word(i + 1, {"half", "quarter"})):
            k = i + (0 if w in ("half", "quarter") else 1)
            frac = 0.5 if self.lower(k) == "half" else 0.25
            if w == "quarter" and k == i and not self.is_word(k + 1, set(SCALES) | {"hundred", "dozen"}):
                return None
            k += 1
            if self.is_word(k, {"a", "an"}) and self.is_word(k + 1, set(SCALES) | {"hundred", "dozen"}):
                k += 1
            if self.is_word(k, set(SCALES) | {"hundred", "dozen"}):
                sc = SCALES.get(self.lower(k), 100 if self.lower(k) == "hundred" else 12)
                return NumberMatch(t.start, toks[k].end, frac * sc, "number", i, k + 1, words=True)
            if k == i + 1 and w == "half" and self.is_word(k, {"of", "the", "a", "an"} | set()):
                return NumberMatch(t.start, t.end, 0.5, "fraction", i, i + 1, words=True)
            if w in ("a", "one") or w == "half":
                end = k if w != "half" else i + 1
                return NumberMatch(t.start, toks[end - 1].end, frac, "fraction", i, end, words=True)
            return None
        # "a third", "a fifth" (fractions) — only when not followed by a noun ("a third batch")
        if w in ("a", "an") and i + 1 < self.n:
            den = self.denominator(i + 1)
            if den and not den[2] and self._fraction_context(den[0]):
                return NumberMatch(
                    t.start, toks[den[0] - 1].end, 1 / den[1], "fraction", i, den[0], words=True
                )
        # digit ordinals "2nd", "21st"
        if (
            t.kind == "num"
            and i + 1 < self.n
            and toks[i + 1].text in ORDINAL_SUFFIX
            and _adjacent(t, toks[i + 1])
        ):
            if t.value is not None and float(t.value).is_integer():
                return NumberMatch(t.start, toks[i + 1].end, t.value, "ordinal", i, i + 2)
        card = self.cardinal(i)
        if card is None:
            ordw = self.ordinal_word(i)
            if ordw:
                return NumberMatch(t.start, toks[ordw[0] - 1].end, ordw[1], "ordinal", i, ordw[0], words=True)
            return None
        j, value, has_words = card
        and_before = self.and_before
        kind = "number"
        # "and a half", "and three quarters" (+ an optional scale: "five and a half million")
        if self.is_word(j, {"and"}) and j + 1 < self.n:
            k = j + 1
            num = 1.0
            if self.is_word(k, {"a", "an", "one"}):
                k += 1
            else:
                sub = self.cardinal(k)
                if sub and sub[1] < 20:
                    k, num = sub[0], sub[1]
                else:
                    k = -1
            if k > 0 and k < self.n:
                den = self.denominator(k)
                if den and (den[2] or num == 1):
                    value = value + num / den[1] * self.last_scale
                    j = den[0]
                    kind = "fraction"
                    has_words = True
                    if self.is_word(j, set(SCALES)) and value < 1000:
                        value *= SCALES[self.lower(j)]
                        j += 1
                        kind = "number"
                    elif self.is_word(j, set(SCALES) | {"hundred"}) is False and self.is_word(j, {"hundred"}):
                        pass
        # fraction: "two thirds", "two-thirds", "one fifth", "three twenty-firsts"
        if kind == "number" and j < self.n:
            k = j
            hyphen = toks[k].text in HYPHENS and k + 1 < self.n and _adjacent(toks[k], toks[k + 1])
            if toks[k].text in HYPHENS and k + 1 < self.n:
                k += 1
            den = self.denominator(k) if k < self.n else None
            before = and_before
            if den and den[2] and before is not None and value - before < 20 and has_words:
                # "one hundred and three quarters" = 100 + 3/4, not 103/4
                value = before + (value - before) / den[1]
                j, kind = den[0], "fraction"
                den = None
            if den and (den[2] or value == 1) and value and has_words:
                if not (den[1] == 2 and not den[2] and value != 1):
                    frac_val = value / den[1]
                    j2 = den[0]
                    # "two thirds of a million"
                    if (
                        self.is_word(j2, {"of"})
                        and self.is_word(j2 + 1, {"a", "an"})
                        and self.is_word(j2 + 2, set(SCALES))
                    ):
                        frac_val *= SCALES[self.lower(j2 + 2)]
                        j2 += 3
                    if value != 1 or self._fraction_context(den[0]) or den[2] or hyphen:
                        value, j, kind, has_words = frac_val, j2, "fraction", True
        # "point five", "two hundred point zero three"
        if kind == "number" and has_words and self.is_word(j, {"point"}) and j + 1 < self.n:
            digits = ""
            k = j + 1
            while k < self.n and toks[k].kind == "word":
                lw = toks[k].lower
                if lw in UNITS:
                    digits += str(UNITS[lw])
                elif lw in TEENS:
                    digits += str(TEENS[lw])
                elif lw in TENS:
                    if k + 2 < self.n and toks[k + 1].text in HYPHENS and self.lower(k + 2) in UNITS:
                        digits += str(TENS[lw] + UNITS[self.lower(k + 2)])
                        k += 2
                    else:
                        digits += str(TENS[lw])
                else:
                    break
                k += 1
            if digits:
                value = value + float("0." + digits)
                j = k
        # words-only ordinal compound "one hundred and first" is rare: not handled
        return NumberMatch(t.start, toks[j - 1].end, value, kind, i, j, words=has_words)

    def _fraction_context(self, k: int) -> bool:
        """After "a third" / "one fifth": a fraction if nothing noun-like follows."""
        if k >= self.n:
            return True
        t = self.toks[k]
        return t.kind != "word" or t.lower in ("of", "and", "or", "to", "the", "is", "was", "are", "were")

    def vague(self, i: int) -> NumberMatch | None:
        toks = self.toks
        w = self.lower(i)
        low = high = None
        k = i
        # multiplier words: "several", "a few", "a couple of"
        for phrase, (lo, hi) in self.vague_sorted if w in self.vague_first else ():
            parts = phrase.split()
            if all(self.lower(i + p) == part for p, part in enumerate(parts)):
                nxt = i + len(parts)
                if self.is_word(nxt, {"hundred", "dozen"} | set(SCALES)):
                    sc = SCALES.get(self.lower(nxt), 100 if self.lower(nxt) == "hundred" else 12)
                    low, high, k = lo * sc, hi * sc, nxt + 1
                    break
        if low is None and w in self.vague_plural and toks[i].kind == "word":
            lo, hi = self.vague_plural[w]
            low, high, k = float(lo), float(hi), i + 1
            if w == "tens" and not (self.is_word(k, {"of"}) and self.lower(k + 1) in self.vague_plural):
                return None
        if low is None:
            return None
        # further scales: "several hundred thousand", "tens of thousands", "hundreds of millions"
        while k < self.n:
            if self.is_word(k, set(SCALES)):
                sc = SCALES[self.lower(k)]
                low, high, k = low * sc, high * sc, k + 1
            elif (
                self.is_word(k, {"of"})
                and self.lower(k + 1) in self.vague_plural
                and self.lower(k + 1)
                not in (
                    "dozens",
                    "tens",
                    "scores",
                )
            ):
                sc = _plural_scale(self.lower(k + 1))
                low, high, k = low * sc, high * sc, k + 2
            else:
                break
        value = (low + high) / 2
        return NumberMatch(toks[i].start, toks[k - 1].end, value, "vague", i, k, low, high, words=True)

    def over(self, m: NumberMatch) -> NumberMatch:
        """A fraction written "X over Y" ("one over three", "2000 over 3"). Only when nothing word-like
        follows Y, so that "100 drones over two nights" stays two numbers; Y is never a year."""
        j = m.j
        if m.kind != "number" or not self.is_word(j, {"over"}) or j + 1 >= self.n:
            return m
        if self.toks[j + 1].kind == "punct" or self.lower(j + 1) in ("a", "an", "half", "quarter"):
            return m
        d = self.at(j + 1)
        if d is None or d.kind != "number" or not d.value or d.j != j + 1 + (d.j - d.i) or d.i != j + 1:
            return m
        if d.j < self.n and (self.toks[d.j].kind != "punct" or self.toks[d.j].text in ("%", "‰", "-", "–")):
            return m
        if not d.words and re.fullmatch(r"(1[5-9]|20)\d\d", self.toks[d.i].text):
            return m
        return NumberMatch(m.start, d.end, m.value / d.value, "fraction", m.i, d.j, words=m.words or d.words)

    def negate(self, m: NumberMatch) -> NumberMatch:
        """Extend a match over "minus"/"negative" or a leading minus sign."""
        i = m.i
        if i >= 1 and self.toks[i - 1].lower in NEGATORS:
            return NumberMatch(
                self.toks[i - 1].start, m.end, -m.value, m.kind, i - 1, m.j, m.low, m.high, m.words
            )
        if i >= 1 and self.toks[i - 1].text in {"-", "−"} and self.toks[i].kind == "num":
            sign = self.toks[i - 1]
            if sign.end != self.toks[i].start and (
                sign.start > 0 and not self.text[sign.start - 1].isspace()
            ):
                return m
            if sign.end != self.toks[i].start and i >= 2:
                return m  # "20 - 25" is a range, only a sign at the very start is read as minus
            if i >= 2:
                prev = self.toks[i - 2]
                if prev.end == sign.start or prev.kind == "num" or prev.lower in UNITS or prev.lower in TENS:
                    return m
                if prev.text in HYPHENS or prev.text in ("^",):
                    return m
            return NumberMatch(sign.start, m.end, -m.value, m.kind, i - 1, m.j, m.low, m.high, m.words)
        return m


def _plural_scale(word: str) -> float:
    return {"hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}.get(word, 1.0)


def find_numbers(text: str, toks: list[Tok] | None = None) -> list[NumberMatch]:
    """Every number in ``text``, left to right, not overlapping."""
    toks = lex(text) if toks is None else toks
    p = _Parser(text, toks)
    out: list[NumberMatch] = []
    i = 0
    while i < p.n:
        t = toks[i]
        if t.kind == "punct" and t.text not in VULGAR or t.kind == "word" and t.lower not in p.start_words:
            i += 1
            continue
        m = p.at(i)
        if m is None:
            i += 1
            continue
        m = p.negate(m)
        m = p.over(m)
        out.append(m)
        i = m.j
    return out


def parse_number(text: str) -> float | None:
    """The value of ``text`` read as one number ("1,500" -> 1500, "twenty-five" -> 25,
    "1.5 million" -> 1500000, "two-thirds" -> 0.667), or None if it is not exactly one number."""
    text = text.strip()
    found = find_numbers(text)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text):
        return None
    return found[0].value
