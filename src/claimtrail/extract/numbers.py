"""Numbers in English text: digits and number words, fractions, ordinals, vague amounts.

Pure functions over a string, no spaCy. ``lex`` cuts the text into tokens (digit numbers, words,
punctuation) with character offsets; ``find_numbers`` runs a small grammar over those tokens and
returns every number it can read ("1,500", "twenty-five", "two hundred and six", "1.5 million",
"4k", "two-thirds", "half a million", "21st", "several hundred"); ``parse_number`` reads one whole
string as a number. The quantities extractor adds units, ranges and approximations on top.

The words are data: the number words in ``resources/numbers.yaml`` (schema ``NumberWords``, shared
with the time grammar), the grammar's other words (negators, "dozen" spellings, denominators,
multiplier suffixes, vague amounts) in ``resources/quantities.yaml``; ``vocabulary()`` reads and
indexes them once per pair of files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import ConfigDict
from typing_extensions import TypedDict

from .. import resources
from . import quantity_words


class NumberWords(TypedDict):
    """The schema of ``resources/numbers.yaml``: English number words and what each is worth alone
    (also read by the time grammar, so these five keys keep their meaning)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    ones: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    ordinals: dict[str, int]


NUMBERS_RESOURCE = "numbers.yaml"
# The grammar's own multipliers besides the scales of numbers.yaml ("a hundred", "half a dozen").
HUNDRED = "hundred"
DOZEN = "dozen"
MULTIPLIERS: dict[str, float] = {HUNDRED: 100, DOZEN: 12}
ARTICLES = frozenset({"a", "an"})
ORDINAL_SUFFIX = {"st", "nd", "rd", "th", "ST", "ND", "RD", "TH"}


@dataclass(frozen=True)
class Vocabulary:
    """The words the number grammar reads, from ``numbers.yaml`` and the number sections of
    ``quantities.yaml``, indexed once for lookup."""

    ones: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, float]
    ordinals: dict[str, int]
    denominators: dict[str, int]  # "third": 3, "quarter": 4 ("second" is never one)
    plural_denominators: dict[str, int]  # "thirds": 3, "halves": 2
    fraction_words: dict[str, int]  # words that are a fraction alone: "half": 2, "quarter": 4
    dozens: frozenset[str]
    negators: frozenset[str]
    one_pronoun_before: frozenset[str]
    one_pronoun_after: frozenset[str]
    fraction_followers: frozenset[str]
    suffixes: dict[str, float]
    money_only: frozenset[str]
    spaced: frozenset[str]
    vague_multipliers: tuple[tuple[str, tuple[int, int]], ...]  # longest phrase first
    vague_first: frozenset[str]
    vague_plurals: dict[str, tuple[int, int]]
    start_words: frozenset[str]

    def scale_of(self, word: str) -> float:
        """The multiplier of a scale word, "hundred" or "dozen" (the caller has checked the word)."""
        return self.scales[word] if word in self.scales else MULTIPLIERS[word]

    def plural_scale(self, word: str) -> float | None:
        """The scale of a plural amount that multiplies ("hundreds", "thousands"), else None
        ("dozens", "scores" and "tens" are amounts of their own)."""
        if word == HUNDRED + "s":
            return float(MULTIPLIERS[HUNDRED])
        return self.scales.get(word[:-1]) if word.endswith("s") else None


@cache
def vocabulary(numbers: str = NUMBERS_RESOURCE, words: str = quantity_words.RESOURCE) -> Vocabulary:
    """The number grammar's words from resource files ``numbers`` and ``words``, built once."""
    nw = resources.load_checked(numbers, NumberWords)
    qw = quantity_words.load(words)
    not_denominators = set(qw["not_denominators"])
    denominators = {k: v for k, v in nw["ordinals"].items() if k not in not_denominators}
    denominators.update(qw["denominator_words"])
    irregular = qw["irregular_plurals"]
    plural_denominators = {irregular.get(k, k + "s"): v for k, v in denominators.items()}
    vague = {str(k): (v[0], v[1]) for k, v in qw["vague_multipliers"].items()}
    vague_plurals = {str(k): (v[0], v[1]) for k, v in qw["vague_plurals"].items()}
    vague_first = frozenset(k.split()[0] for k in vague)
    fraction_words = dict(qw["denominator_words"])
    return Vocabulary(
        ones=dict(nw["ones"]),
        teens=dict(nw["teens"]),
        tens=dict(nw["tens"]),
        scales={k: float(v) for k, v in nw["scales"].items()},
        ordinals=dict(nw["ordinals"]),
        denominators=denominators,
        plural_denominators=plural_denominators,
        fraction_words=fraction_words,
        dozens=frozenset(qw["dozen_words"]),
        negators=frozenset(qw["negators"]),
        one_pronoun_before=frozenset(qw["one_pronoun_before"]),
        one_pronoun_after=frozenset(qw["one_pronoun_after"]),
        fraction_followers=frozenset(qw["fraction_followers"]),
        suffixes={str(k): float(v) for k, v in qw["multiplier_suffixes"].items()},
        money_only=frozenset(qw["money_only_suffixes"]),
        spaced=frozenset(qw["spaced_suffixes"]),
        vague_multipliers=tuple(sorted(vague.items(), key=lambda kv: -len(kv[0]))),
        vague_first=vague_first,
        vague_plurals=vague_plurals,
        start_words=frozenset(
            {*nw["ones"], *nw["teens"], *nw["tens"], *nw["ordinals"], *vague_first, *vague_plurals}
            | ARTICLES
            | set(fraction_words)
        ),
    )


_INT = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|,\d)|\d+)"
_NUM = rf"(?:{_INT}(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+(?![A-Za-z])|\^[+-]*\d+)?"
# Scientific notation with a multiplication sign: "2.48×10−5", "3 × 10^8", "6x10⁻³", "8x2^10".
_SCI = (
    r"(?<![\d.])\d+(?:\.\d+)?(?:[ \u00a0]?×[ \u00a0]?|x)"
    r"(?:10(?:\^|\*\*)[−+-]?\d+|10[−-]\d+|10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d+\^\d+)(?![\d.])"
)
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789-+-")
# Words first, and the number forms only where a digit or a point stands: the forms start with
# disjoint characters, so the order changes no token, and most positions skip four alternatives.
TOKEN_RE = re.compile(
    r"(?P<word>[A-Za-z]+(?:'[A-Za-z]+)?)|"
    r"(?=[\d.])(?:"
    rf"(?P<sci>{_SCI})|"
    r"(?P<dotted>(?<![\d.])\d+(?:\.\d+){2,}(?![\d]))|"
    rf"(?P<frac>(?<![\d/.,])\d+(?:[ \u00a0]+\d+)?/\d+(?![\d/]))"
    rf"|(?P<num>{_NUM}))"
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
    """The value of a number in digits ("1,500", "2.5", "10^3"), None if it cannot be read."""
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
    append = toks.append
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup or "punct"
        s = m.group()
        if kind == "word":  # the commonest, first (no lookups beyond what it needs: ~90% of tokens)
            start, end = m.span()
            append(Tok(start, end, s, "word", s.lower()))
        elif kind == "dotted":  # "192.168.1.2", "1.2.3": not decimals, a row of integers
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


def _adjacent(a: Tok, b: Tok) -> bool:
    """Whether token b starts right where token a ends ("4k", "2-million")."""
    return a.end == b.start


@dataclass
class _CardinalState:
    """A cardinal being read, token by token: the running value and what was read last.

    ``last`` is "unit" | "teen" | "ten" | "hundred" | "scale" | "num"; ``checkpoint`` is the state
    before a kept "and", restored when the "and" turns out to join two numbers.
    """

    j: int
    total: float = 0.0
    current: float = 0.0
    last: str | None = None
    has_words: bool = False
    max_scale: float = 0.0
    checkpoint: tuple[int, float, float, str | None, float] | None = None
    seen_hundred: bool = False
    started: bool = False
    and_before: float | None = None  # value before a kept "and" ("one hundred and three" -> 100)


@dataclass(frozen=True)
class Cardinal:
    """A cardinal read at a token: one past its last token, its value, whether it has words, the
    value before its "and" (if it has one) and the scale it ends on (1.0 if none: "five million"
    -> 1e6, so "five and a half million" scales the half too)."""

    end: int
    value: float
    words: bool
    and_before: float | None
    last_scale: float


@dataclass
class _Draft:
    """A number being widened after its cardinal: "and a half", a fraction, "point five"."""

    i: int
    j: int
    value: float
    kind: str
    words: bool
    and_before: float | None
    last_scale: float


class _Parser:
    """The number grammar over one lexed text."""

    def __init__(self, text: str, toks: list[Tok], vocab: Vocabulary) -> None:
        self.text = text
        self.toks = toks
        self.n = len(toks)
        self.v = vocab
        self.scale_words = frozenset(vocab.scales)
        self.multiplier_words = self.scale_words | frozenset(MULTIPLIERS)

    def lower(self, i: int) -> str:
        """The lower-case text of token i, or "" outside the text (so rules can look past the ends)."""
        return self.toks[i].lower if 0 <= i < self.n else ""

    def is_word(self, i: int, words: frozenset[str] | set[str] | dict[str, int]) -> bool:
        """Whether token i is a word of ``words``."""
        return 0 <= i < self.n and self.toks[i].kind == "word" and self.toks[i].lower in words

    # -- cardinals --------------------------------------------------------------------------
    def cardinal(self, i: int) -> Cardinal | None:
        """Read a cardinal number at token i, or None."""
        s = _CardinalState(j=i)
        self._article_start(s)
        while s.j < self.n and self._cardinal_step(s):
            pass
        if not s.started or s.j == i:
            return None
        last_scale = s.max_scale if s.last == "scale" and s.current == 0 else 1.0
        return Cardinal(s.j, s.total + s.current, s.has_words, s.and_before, last_scale)

    def _article_start(self, s: _CardinalState) -> None:
        """ "a hundred", "a million", "a dozen": the article counts as one."""
        if self.is_word(s.j, ARTICLES) and self.is_word(s.j + 1, self.multiplier_words):
            s.current, s.j, s.has_words, s.started, s.last = 1.0, s.j + 1, True, True, "unit"

    def _cardinal_step(self, s: _CardinalState) -> bool:
        """Read the token at ``s.j`` into the cardinal; False when the cardinal ends before it."""
        t = self.toks[s.j]
        if t.kind == "num":
            return self._read_digits(s, t)
        if t.kind != "word":
            return self._read_joiner(s, t)
        if t.lower == "and" and s.last in (HUNDRED, "scale") and self._number_word_or_num(s.j + 1):
            return self._keep_and(s)
        if not self._read_word(s, t.lower):
            return False
        s.started = s.has_words = True
        s.j += 1
        return True

    def _read_digits(self, s: _CardinalState, t: Tok) -> bool:
        """A number in digits, with a multiplier suffix glued or spaced after it ("4k", "10 bln")."""
        if t.value is None or s.last is not None and s.last not in ("scale", HUNDRED):
            return False
        if s.last == "scale" and t.value >= s.max_scale or s.last == HUNDRED and t.value >= 100:
            return False
        s.current += t.value
        s.last = "num"
        s.j += 1
        s.started = True
        suffix = self._suffix_at(s.j)
        if suffix is None:
            return True
        s.current *= suffix
        s.j += 1
        s.last = "scale"
        s.max_scale = suffix
        return False

    def _suffix_at(self, j: int) -> float | None:
        """The multiplier of a suffix at j after a number: glued ("4k", not "10m": money only) or
        one of the spaced suffixes ("2.33 k")."""
        if j >= self.n or self.toks[j].kind != "word":
            return None
        suf = self.toks[j].text
        if _adjacent(self.toks[j - 1], self.toks[j]):
            return self.v.suffixes[suf] if suf in self.v.suffixes and suf not in self.v.money_only else None
        if suf in self.v.spaced and self.toks[j].start - self.toks[j - 1].end <= 2:
            return self.v.suffixes[suf]
        return None

    def _read_joiner(self, s: _CardinalState, t: Tok) -> bool:
        """A hyphen inside "twenty-five" / "fifty - two", or before a scale ("2-million")."""
        if t.text in HYPHENS and s.last == "ten" and self.is_word(s.j + 1, self.v.ones):
            s.j += 1
            return True
        if self._hyphenated_scale(s.j, s.last):
            s.j += 1  # "2-million", "three-thousand": the scale word still counts
            return True
        return False

    def _read_word(self, s: _CardinalState, w: str) -> bool:
        """A number word; False when the cardinal ends before it."""
        v = self.v
        if w in v.ones or w in v.teens:
            return self._add_small(s, w)
        if w in v.tens:
            if s.last in ("unit", "teen", "ten", "num"):
                return False
            s.current += v.tens[w]
            s.last = "ten"
            return True
        if (w == HUNDRED or w in v.dozens) and s.started:
            return self._multiply(s, w)
        if w in v.scales and s.started:
            return self._add_scale(s, v.scales[w])
        return False

    def _add_small(self, s: _CardinalState, w: str) -> bool:
        """A unit ("five") or a teen ("twelve") after nothing, a ten, a hundred or a scale."""
        if s.last in ("unit", "teen", "num") or s.last == "ten" and w in self.v.teens:
            return False
        if w == "one" and self._one_is_pronoun(s.j):
            return False
        s.current += self.v.ones.get(w, self.v.teens.get(w, 0))
        s.last = "unit" if w in self.v.ones else "teen"
        return True

    def _multiply(self, s: _CardinalState, w: str) -> bool:
        """ "hundred" (x100) or a "dozen" (x12) after the number read so far."""
        if s.last == HUNDRED or (w != HUNDRED and s.last not in ("unit", "teen", "ten", "num")):
            return False
        if s.checkpoint is not None and s.seen_hundred and w == HUNDRED:
            self._restore(s)  # "two hundred and three hundred": two numbers
            return False
        s.seen_hundred = True
        s.current = (s.current or 1) * (100 if w == HUNDRED else 12)
        s.last = HUNDRED
        return True

    def _add_scale(self, s: _CardinalState, scale: float) -> bool:
        """A scale word ("thousand", "million") over the number read so far."""
        if s.checkpoint is not None and scale <= s.max_scale:
            self._restore(
                s
            )  # "two million and three thousand" is one; "two hundred and three hundred" is not
            return False
        if s.last == "scale" and s.current == 0 and scale > s.max_scale:
            s.total = s.total * scale
        elif s.max_scale and scale >= s.max_scale and s.total:
            s.total = (s.total + (s.current or 1)) * scale
        else:
            s.total += (s.current or 1) * scale
        s.current = 0
        s.max_scale = max(s.max_scale, scale)
        s.last = "scale"
        s.seen_hundred = False
        return True

    def _keep_and(self, s: _CardinalState) -> bool:
        """An "and" that may join the parts of one number ("two hundred and six"), remembered so
        that it can be undone; not before "a half" ("one hundred and a half")."""
        if self.is_word(s.j + 1, {"a", "one"}) and self.is_word(s.j + 2, {*self.v.fraction_words, "third"}):
            return False
        s.checkpoint = (s.j, s.total, s.current, s.last, s.max_scale)
        s.and_before = s.total + s.current
        s.j += 1
        return True

    @staticmethod
    def _restore(s: _CardinalState) -> None:
        """Go back to the state before the "and": it joined two numbers, not two parts of one."""
        assert s.checkpoint is not None
        s.j, s.total, s.current, s.last, s.max_scale = s.checkpoint
        s.and_before = None

    def _hyphenated_scale(self, j: int, last: str | None) -> bool:
        """A hyphen glued between a number and a scale word ("2-million", "three-thousand").

        Some outlets hyphenate the scale; read without it, "more than 2-million" would be 2.
        """
        if j == 0 or j + 1 >= self.n or self.toks[j].text not in HYPHENS:
            return False
        if last not in ("num", "unit", "teen", "ten", HUNDRED):
            return False
        nxt = self.toks[j + 1]
        return (
            nxt.kind == "word"
            and (nxt.lower in self.v.scales or nxt.lower == HUNDRED)
            and _adjacent(self.toks[j - 1], self.toks[j])
            and _adjacent(self.toks[j], nxt)
        )

    def _number_word_or_num(self, i: int) -> bool:
        """Whether token i can go on a number after "and" ("hundred and six", "million and 5")."""
        if not (0 <= i < self.n):
            return False
        t = self.toks[i]
        v = self.v
        return (
            t.kind == "num" or t.lower in v.ones or t.lower in v.teens or t.lower in v.tens or t.lower == "a"
        )

    def _one_is_pronoun(self, j: int) -> bool:
        """ "which one", "the one", "one another", "one's": "one" is a pronoun, not a number."""
        prev = self.lower(j - 1)
        nxt = self.lower(j + 1)
        if prev in self.v.one_pronoun_before or nxt in self.v.one_pronoun_after:
            return True
        return nxt in ("'", "’") and self.lower(j + 2) == "s"

    # -- fractions, ordinals ----------------------------------------------------------------
    def denominator(self, i: int) -> tuple[int, float, bool] | None:
        """An ordinal denominator at i: (end, value, plural) — "fifths", "twenty-firsts", "hundredth"."""
        if i >= self.n or self.toks[i].kind != "word":
            return None
        w = self.lower(i)
        v = self.v
        if w in v.tens:
            compound = self._compound_denominator(i, v.tens[w])
            if compound is not None:
                return compound
        if w in v.plural_denominators:
            return i + 1, v.plural_denominators[w], True
        if w in v.denominators:
            return i + 1, v.denominators[w], False
        return None

    def _compound_denominator(self, i: int, tens: int) -> tuple[int, float, bool] | None:
        """A ten and a denominator: "twenty-firsts", "thirty fifths", "forty-seconds"."""
        v = self.v
        if i + 2 < self.n and self.toks[i + 1].text in HYPHENS | {" "}:
            d = self.lower(i + 2)
            if d in v.denominators or d in v.plural_denominators or d in ("first", "firsts", "seconds"):
                sub = self.denominator(i + 2) or (
                    (i + 3, 1.0, d.endswith("s")) if d.startswith("first") else None
                )
                if d == "seconds":
                    sub = (i + 3, 2.0, True)
                if sub:
                    return sub[0], tens + sub[1], sub[2]
        if self.is_word(i + 1, {"first", "firsts", *v.denominators, *v.plural_denominators}):
            d = self.lower(i + 1)
            sub = self.denominator(i + 1) or (i + 2, 1.0, d.endswith("s"))
            return sub[0], tens + sub[1], sub[2]
        return None

    def ordinal_word(self, i: int) -> tuple[int, float] | None:
        """An ordinal in words at i: "third", "twenty-first", "hundredth"."""
        w = self.lower(i)
        v = self.v
        if (
            w in v.tens
            and i + 2 < self.n
            and self.toks[i + 1].text in HYPHENS
            and self.lower(i + 2) in v.ordinals
            and v.ordinals[self.lower(i + 2)] < 10
        ):
            return i + 3, v.tens[w] + v.ordinals[self.lower(i + 2)]
        if w in v.ordinals:
            return i + 1, float(v.ordinals[w])
        return None

    # -- the whole number at i ----------------------------------------------------------------
    def at(self, i: int) -> NumberMatch | None:
        """The number starting at token i: a vague amount, a fraction, an ordinal or a cardinal."""
        w = self.lower(i)
        vm = self.vague(i)  # "several hundred", "dozens", "tens of thousands", "a few dozen"
        if vm:
            return vm
        if w in self.v.fraction_words or (w in ("a", "one") and self.is_word(i + 1, self.v.fraction_words)):
            return self._half_or_quarter(i)
        return self._article_fraction(i) or self._digit_ordinal(i) or self._cardinal_number(i)

    def _half_or_quarter(self, i: int) -> NumberMatch | None:
        """ "half a million", "half a dozen", "quarter million", or the fraction alone ("a half")."""
        toks, w = self.toks, self.lower(i)
        k = i + (0 if w in self.v.fraction_words else 1)
        frac = 1 / self.v.fraction_words[self.lower(k)]
        if w == "quarter" and not self.is_word(k + 1, self.multiplier_words):
            return None
        k += 1
        if self.is_word(k, ARTICLES) and self.is_word(k + 1, self.multiplier_words):
            k += 1
        if self.is_word(k, self.multiplier_words):
            value = frac * self.v.scale_of(self.lower(k))
            return NumberMatch(toks[i].start, toks[k].end, value, "number", i, k + 1, words=True)
        end = k if w != "half" else i + 1
        return NumberMatch(toks[i].start, toks[end - 1].end, frac, "fraction", i, end, words=True)

    def _article_fraction(self, i: int) -> NumberMatch | None:
        """ "a third", "a fifth" — only when no noun follows ("a third batch" is an ordinal use)."""
        if self.lower(i) not in ARTICLES or i + 1 >= self.n:
            return None
        den = self.denominator(i + 1)
        if den and not den[2] and self._fraction_context(den[0]):
            t = self.toks[i]
            return NumberMatch(
                t.start, self.toks[den[0] - 1].end, 1 / den[1], "fraction", i, den[0], words=True
            )
        return None

    def _digit_ordinal(self, i: int) -> NumberMatch | None:
        """ "2nd", "21st"."""
        t = self.toks[i]
        if (
            t.kind == "num"
            and i + 1 < self.n
            and self.toks[i + 1].text in ORDINAL_SUFFIX
            and _adjacent(t, self.toks[i + 1])
            and t.value is not None
            and float(t.value).is_integer()
        ):
            return NumberMatch(t.start, self.toks[i + 1].end, t.value, "ordinal", i, i + 2)
        return None

    def _cardinal_number(self, i: int) -> NumberMatch | None:
        """A cardinal widened over "and a half", a fraction or "point five"; else an ordinal word."""
        t = self.toks[i]
        card = self.cardinal(i)
        if card is None:
            ordw = self.ordinal_word(i)
            if ordw:
                return NumberMatch(
                    t.start, self.toks[ordw[0] - 1].end, ordw[1], "ordinal", i, ordw[0], words=True
                )
            return None
        d = _Draft(i, card.end, card.value, "number", card.words, card.and_before, card.last_scale)
        self._and_a_fraction(d)
        self._fraction_after(d)
        self._decimal_words(d)
        return NumberMatch(t.start, self.toks[d.j - 1].end, d.value, d.kind, i, d.j, words=d.words)

    def _and_a_fraction(self, d: _Draft) -> None:
        """ "and a half", "and three quarters", with a scale after it ("five and a half million")."""
        if not (self.is_word(d.j, {"and"}) and d.j + 1 < self.n):
            return
        k = d.j + 1
        num, scale = 1.0, d.last_scale  # "five million and a half" = 5.5 million
        if self.is_word(k, {"a", "an", "one"}):
            k += 1
        else:
            sub = self.cardinal(k)
            if not (sub and sub.value < 20):
                return
            # a numerator in figures or words takes the scale of its own cardinal: "five million
            # and three quarters" is read as 5,000,000.75
            k, num, scale = sub.end, sub.value, sub.last_scale
        den = self.denominator(k) if k < self.n else None
        if not (den and (den[2] or num == 1)):
            return
        d.value = d.value + num / den[1] * scale
        d.j, d.kind, d.words = den[0], "fraction", True
        if self.is_word(d.j, self.scale_words) and d.value < 1000:
            d.value *= self.v.scales[self.lower(d.j)]
            d.j += 1
            d.kind = "number"

    def _fraction_after(self, d: _Draft) -> None:
        """A fraction in words: "two thirds", "two-thirds", "one fifth", "three twenty-firsts",
        "two thirds of a million"; "one hundred and three quarters" is 100 + 3/4."""
        if d.kind != "number" or d.j >= self.n:
            return
        toks, k = self.toks, d.j
        hyphen = toks[k].text in HYPHENS and k + 1 < self.n and _adjacent(toks[k], toks[k + 1])
        if toks[k].text in HYPHENS and k + 1 < self.n:
            k += 1
        den = self.denominator(k) if k < self.n else None
        before = d.and_before
        if den and den[2] and before is not None and d.value - before < 20 and d.words:
            d.value = before + (d.value - before) / den[1]
            d.j, d.kind = den[0], "fraction"
            return
        if not (den and (den[2] or d.value == 1) and d.value and d.words):
            return
        if den[1] == 2 and not den[2] and d.value != 1:
            return
        frac_val = d.value / den[1]
        j2 = den[0]
        if (
            self.is_word(j2, {"of"})
            and self.is_word(j2 + 1, ARTICLES)
            and self.is_word(j2 + 2, self.scale_words)
        ):
            frac_val *= self.v.scales[self.lower(j2 + 2)]
            j2 += 3
        if d.value != 1 or self._fraction_context(den[0]) or den[2] or hyphen:
            d.value, d.j, d.kind, d.words = frac_val, j2, "fraction", True

    def _decimal_words(self, d: _Draft) -> None:
        """ "point five", "two hundred point zero three": digits in words after "point"."""
        if not (d.kind == "number" and d.words and self.is_word(d.j, {"point"}) and d.j + 1 < self.n):
            return
        v, toks = self.v, self.toks
        digits = ""
        k = d.j + 1
        while k < self.n and toks[k].kind == "word":
            lw = toks[k].lower
            if lw in v.ones:
                digits += str(v.ones[lw])
            elif lw in v.teens:
                digits += str(v.teens[lw])
            elif lw in v.tens:
                if k + 2 < self.n and toks[k + 1].text in HYPHENS and self.lower(k + 2) in v.ones:
                    digits += str(v.tens[lw] + v.ones[self.lower(k + 2)])
                    k += 2
                else:
                    digits += str(v.tens[lw])
            else:
                break
            k += 1
        if digits:
            d.value = d.value + float("0." + digits)
            d.j = k

    def _fraction_context(self, k: int) -> bool:
        """After "a third" / "one fifth": a fraction if nothing noun-like follows."""
        if k >= self.n:
            return True
        t = self.toks[k]
        return t.kind != "word" or t.lower in self.v.fraction_followers

    def vague(self, i: int) -> NumberMatch | None:
        """A vague amount at i ("several hundred", "a few dozen", "dozens", "tens of thousands"),
        with its low and high ends and their midpoint."""
        got = self._vague_multiple(i) or self._vague_plural(i)
        if got is None:
            return None
        low, high, k = got
        low, high, k = self._vague_scales(low, high, k)
        value = (low + high) / 2
        return NumberMatch(
            self.toks[i].start, self.toks[k - 1].end, value, "vague", i, k, low, high, words=True
        )

    def _vague_multiple(self, i: int) -> tuple[float, float, int] | None:
        """ "several hundred", "a few dozen", "a couple of million": the multiplier words times a scale."""
        if self.lower(i) not in self.v.vague_first:
            return None
        for phrase, (lo, hi) in self.v.vague_multipliers:
            parts = phrase.split()
            if all(self.lower(i + p) == part for p, part in enumerate(parts)):
                nxt = i + len(parts)
                if self.is_word(nxt, self.multiplier_words):
                    sc = self.v.scale_of(self.lower(nxt))
                    return lo * sc, hi * sc, nxt + 1
        return None

    def _vague_plural(self, i: int) -> tuple[float, float, int] | None:
        """ "dozens", "hundreds", "tens" (only in "tens of thousands")."""
        w = self.lower(i)
        if w not in self.v.vague_plurals or self.toks[i].kind != "word":
            return None
        lo, hi = self.v.vague_plurals[w]
        k = i + 1
        if w == "tens" and not (self.is_word(k, {"of"}) and self.lower(k + 1) in self.v.vague_plurals):
            return None
        return float(lo), float(hi), k

    def _vague_scales(self, low: float, high: float, k: int) -> tuple[float, float, int]:
        """Further scales: "several hundred thousand", "tens of thousands", "hundreds of millions"."""
        while k < self.n:
            if self.is_word(k, self.scale_words):
                sc = self.v.scales[self.lower(k)]
                low, high, k = low * sc, high * sc, k + 1
                continue
            plural = self.v.plural_scale(self.lower(k + 1)) if self.is_word(k, {"of"}) else None
            if plural is None or self.lower(k + 1) not in self.v.vague_plurals:
                break
            low, high, k = low * plural, high * plural, k + 2
        return low, high, k

    def over(self, m: NumberMatch) -> NumberMatch:
        """A fraction written "X over Y" ("one over three", "2000 over 3"). Only when nothing word-like
        follows Y, so that "100 drones over two nights" stays two numbers; Y is never a year."""
        j = m.j
        if m.kind != "number" or not self.is_word(j, {"over"}) or j + 1 >= self.n:
            return m
        if self.toks[j + 1].kind == "punct" or self.lower(j + 1) in ARTICLES | set(self.v.fraction_words):
            return m
        d = self.at(j + 1)
        if d is None or d.kind != "number" or not d.value or d.i != j + 1:
            return m
        if d.j < self.n and (self.toks[d.j].kind != "punct" or self.toks[d.j].text in ("%", "‰", "-", "–")):
            return m
        if not d.words and re.fullmatch(r"(1[5-9]|20)\d\d", self.toks[d.i].text):
            return m
        return NumberMatch(m.start, d.end, m.value / d.value, "fraction", m.i, d.j, words=m.words or d.words)

    def negate(self, m: NumberMatch) -> NumberMatch:
        """Extend a match over "minus"/"negative" or a leading minus sign."""
        i = m.i
        if i >= 1 and self.toks[i - 1].lower in self.v.negators:
            return NumberMatch(
                self.toks[i - 1].start, m.end, -m.value, m.kind, i - 1, m.j, m.low, m.high, m.words
            )
        if (
            i >= 1
            and self.toks[i - 1].text in {"-", "−"}
            and self.toks[i].kind == "num"
            and self._sign_before(i)
        ):
            sign = self.toks[i - 1]
            return NumberMatch(sign.start, m.end, -m.value, m.kind, i - 1, m.j, m.low, m.high, m.words)
        return m

    def _sign_before(self, i: int) -> bool:
        """Whether the "-" before token i is a minus sign: glued to the number and not the hyphen of
        a range ("20 - 25", "20-25") or of a compound ("twenty-5")."""
        sign = self.toks[i - 1]
        if sign.end != self.toks[i].start:
            if sign.start > 0 and not self.text[sign.start - 1].isspace():
                return False
            if i >= 2:
                return False  # "20 - 25" is a range, only a sign at the very start is read as minus
        if i >= 2:
            prev = self.toks[i - 2]
            v = self.v
            if prev.end == sign.start or prev.kind == "num" or prev.lower in v.ones or prev.lower in v.tens:
                return False
            if prev.text in HYPHENS or prev.text == "^":
                return False
        return True


def find_numbers(
    text: str, toks: list[Tok] | None = None, vocab: Vocabulary | None = None
) -> list[NumberMatch]:
    """Every number in ``text``, left to right, not overlapping (``vocab``: the words of
    ``vocabulary()`` unless given)."""
    toks = lex(text) if toks is None else toks
    p = _Parser(text, toks, vocab or vocabulary())
    out: list[NumberMatch] = []
    i = 0
    while i < p.n:
        t = toks[i]
        if t.kind == "punct" and t.text not in VULGAR or t.kind == "word" and t.lower not in p.v.start_words:
            i += 1
            continue
        m = p.at(i)
        if m is None:
            i += 1
            continue
        m = p.over(p.negate(m))
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
