"""The model's attribute ruler and lemmatizer, applied with array operations: the same values,
less CPU.

en_core_web_sm's ``attribute_ruler`` sets each token's coarse part of speech, morphology and a few
lemmas from its fine tag, lower-cased form and dependency label: 179 patterns, one or two tokens
long, each an exact value, an IN / NOT_IN set of values or a regular expression. spaCy runs them
through its general ``Matcher`` and sets every match through a ``Span``: about 12% of the whole
parse's CPU, the most expensive step after the neural network. Here the same patterns are applied
as lookups on ``Doc.to_array`` columns and the results written back with one ``Doc.from_array``:
the same values on every token (tests/nlp/test_ruler.py compares both), about a third of the CPU.

Same semantics as ``AttributeRuler``: every pattern is matched against the tokens as they were
before the ruler ran, and matches are applied in the order of the patterns (a later pattern's
attributes win), a multi-token pattern setting the token at its ``index``. A ruler whose patterns
use anything else (operators, other attributes or predicates, extension attributes) is left as
spaCy made it.

The rule lemmatizer (``ArrayLemmatizer``) computes a lemma once per distinct (orth, part of
speech, morphology), spaCy's own cache key, and writes a Doc's lemmas at once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import product
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

#: Token attributes a pattern may test, whose ``Doc.to_array`` value is what the Matcher compares:
#: the hash of the string (ORTH, LOWER, NORM, TAG, DEP, LEMMA) or a boolean flag (IS_*).
HASHED = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "LEMMA"})
FLAGS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE"})
#: Attributes the ruler may set that ``Doc.from_array`` writes as ``set_token_attrs`` does.
SETTABLE = frozenset({POS, TAG, MORPH, LEMMA, DEP})

#: Distinct (orth, pos, morphology) lemmas an ``ArrayLemmatizer`` keeps (emptied when full).
LEMMA_TABLE = 100_000

#: One test of a pattern token: (column, predicate, values): "==" (one value), "IN", "NOT_IN" (a
#: set of values) or "REGEX" (a compiled expression searched in the attribute's string).
Test = tuple[int, str, Any]


class Unsupported(Exception):
    """A pattern this module does not apply: the ruler is left to spaCy."""


@dataclass
class _Plan:
    """The compiled patterns of one ruler."""

    columns: list[int] = field(default_factory=list)  # attribute ids read with to_array
    # single-token patterns of exact values, by the columns they test: column indices -> (the
    # values of those columns -> pattern numbers); most patterns are these
    exact: dict[tuple[int, ...], dict[tuple[int, ...], list[int]]] = field(default_factory=dict)
    # any other pattern: (pattern number, its tokens' tests, index of the token it sets)
    other: list[tuple[int, list[list[Test]], int]] = field(default_factory=list)
    sets: list[list[tuple[int, int]]] = field(default_factory=list)  # per pattern: (column, value)
    out_columns: list[int] = field(default_factory=list)  # attribute ids the patterns set

    def column(self, attr: int) -> int:
        if attr not in self.columns:
            self.columns.append(attr)
        return self.columns.index(attr)


def _value(vocab: Any, name: str, value: Any) -> int:
    """A pattern value as the integer ``Doc.to_array`` gives for a matching token."""
    if name in FLAGS:
        if not isinstance(value, bool | int):
            raise Unsupported(f"{name} value {value!r}")
        return int(bool(value))
    if not isinstance(value, str):
        raise Unsupported(f"{name} value {value!r}")
    return int(vocab.strings.add(value))


def _tests(vocab: Any, plan: _Plan, spec: Mapping[str, Any]) -> list[Test]:
    """The tests of one pattern token."""
    tests: list[Test] = []
    for key, value in spec.items():
        name = "ORTH" if key.upper() == "TEXT" else key.upper()
        if name not in HASHED and name not in FLAGS:
            raise Unsupported(f"attribute {key}")
        col = plan.column(IDS[name])
        if isinstance(value, Mapping):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                raise Unsupported(f"predicate {value!r}")
            predicate, values = next(iter(value.items()))
            if predicate == "REGEX":
                if name not in HASHED or not isinstance(values, str):
                    raise Unsupported(f"{name} REGEX {values!r}")
                tests.append((col, predicate, re.compile(values)))
            else:
                tests.append((col, predicate, frozenset(_value(vocab, name, v) for v in values)))
        else:
            tests.append((col, "==", frozenset({_value(vocab, name, value)})))
    return tests


def compile_ruler(ruler: AttributeRuler) -> _Plan:
    """The ruler's patterns as a plan for ``apply``; raises Unsupported for any pattern it cannot
    apply exactly as the Matcher does."""
    plan = _Plan()
    out: set[int] = set()
    for number, pattern in enumerate(ruler.patterns):
        attrs = ruler.attrs[number]
        if not all(isinstance(a, int) and a in SETTABLE for a in attrs):
            raise Unsupported(f"sets {sorted(map(str, attrs))}")
        out.update(attrs)
        index = ruler.indices[number]
        alternatives: list[Any] = list(cast(Any, pattern["patterns"]))
        for tokens in alternatives:
            if (
                not isinstance(tokens, list)
                or not tokens
                or any(not isinstance(t, Mapping) or "OP" in t for t in tokens)
            ):
                raise Unsupported("an empty pattern or an operator")
            if not -len(tokens) <= index < len(tokens):
                raise Unsupported("index outside the pattern")
            tests = [_tests(ruler.vocab, plan, t) for t in tokens]
            if len(tests) == 1 and _add_exact(plan, number, tests[0]):
                continue
            plan.other.append((number, tests, index))
    plan.out_columns = sorted(out)
    for attr in plan.out_columns:
        plan.column(attr)
    plan.sets = [[(plan.columns.index(a), int(v)) for a, v in attrs.items()] for attrs in ruler.attrs]
    return plan


def _add_exact(plan: _Plan, number: int, tests: list[Test]) -> bool:
    """File a one-token pattern of exact values and IN sets under ``plan.exact``: an IN set is
    one key per value (a token has one value, so it matches one key at most). False for a pattern
    with other predicates, or testing a column twice."""
    cols = [col for col, _, _ in tests]
    if not tests or len(set(cols)) != len(cols) or any(p not in ("==", "IN") for _, p, _ in tests):
        return False
    ordered = sorted(tests, key=lambda test: test[0])
    lookup = plan.exact.setdefault(tuple(col for col, _, _ in ordered), {})
    for key in product(*(sorted(values) for _, _, values in ordered)):
        lookup.setdefault(key, []).append(number)
    return True


def _mask(table: np.ndarray, tests: list[Test], strings: Any) -> np.ndarray:
    """Which tokens pass all of one pattern token's tests."""
    mask = np.ones(len(table), dtype=bool)
    for col, predicate, values in tests:
        if predicate == "==":
            mask &= table[:, col] == next(iter(values))
        elif predicate == "REGEX":  # searched in each distinct string once
            distinct, inverse = np.unique(table[:, col], return_inverse=True)
            hits = np.array([values.search(strings[h]) is not None for h in distinct.tolist()], dtype=bool)
            mask &= hits[inverse]
        else:
            found = np.isin(table[:, col], np.fromiter(values, dtype=np.uint64, count=len(values)))
            mask &= found if predicate == "IN" else ~found
    return mask


def _matches(plan: _Plan, table: np.ndarray, strings: Any) -> dict[int, list[np.ndarray]]:
    """Pattern number -> the positions of the tokens it sets (arrays of token indices)."""
    found: dict[int, list[np.ndarray]] = defaultdict(list)
    n = len(table)
    for cols, lookup in plan.exact.items():
        if len(cols) == 1:
            # tokens grouped by their value: one sort, then each value's run of positions
            column = table[:, cols[0]]
            order = np.argsort(column, kind="stable")
            ordered = column[order]
            starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
            ends = np.append(starts[1:], n)
            for value, start, end in zip(
                ordered[starts].tolist(), starts.tolist(), ends.tolist(), strict=True
            ):
                for number in lookup.get((value,), ()):
                    found[number].append(order[start:end])
            continue
        # several columns: first narrow down to tokens whose most varied column has a value of
        # some pattern, then look the rest up token by token
        pivot = max(range(len(cols)), key=lambda i: len({key[i] for key in lookup}))
        wanted = np.fromiter({key[pivot] for key in lookup}, dtype=np.uint64)
        candidates = np.flatnonzero(np.isin(table[:, cols[pivot]], wanted))
        if not len(candidates):
            continue
        hits: dict[int, list[int]] = defaultdict(list)
        for i, row in zip(candidates.tolist(), table[candidates][:, list(cols)].tolist(), strict=True):
            for number in lookup.get(tuple(row), ()):
                hits[number].append(i)
        for number, positions in hits.items():
            found[number].append(np.array(positions, dtype=np.intp))
    for number, tests, index in plan.other:
        size = len(tests)
        if size > n:
            continue
        mask = np.ones(n - size + 1, dtype=bool)
        for offset, token_tests in enumerate(tests):
            mask &= _mask(table, token_tests, strings)[offset : offset + n - size + 1]
        starts = np.flatnonzero(mask)
        if len(starts):
            found[number].append(starts + (index if index >= 0 else size + index))
    return found


def apply(plan: _Plan, doc: Doc) -> Doc:
    """Set the attributes of every pattern matching ``doc``, later patterns last (as the ruler)."""
    if not len(doc):
        return doc
    table = doc.to_array(cast(Any, plan.columns))
    if table.ndim == 1:
        table = table.reshape(-1, 1)
    result = table.copy()
    found = _matches(plan, table, doc.vocab.strings)
    for number in sorted(found):
        where = np.concatenate(found[number]) if len(found[number]) > 1 else found[number][0]
        for col, value in plan.sets[number]:
            result[where, col] = value
    cols = [plan.columns.index(a) for a in plan.out_columns]
    doc.from_array(cast(Any, plan.out_columns), cast(Any, np.ascontiguousarray(result[:, cols])))
    return doc


class ArrayAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` that applies its patterns with ``apply`` (the same results, less
    CPU); it compiles them on first use and again whenever patterns were added."""

    _plan: _Plan | None
    _plan_size: int

    def __call__(self, doc: Doc) -> Doc:
        if getattr(self, "_plan_size", -1) != len(self.attrs):
            try:
                self._plan = compile_ruler(self)
            except Unsupported:  # a pattern added since that only the Matcher applies
                self._plan = None
            self._plan_size = len(self.attrs)
        plan = self._plan
        if plan is None:
            return super().__call__(doc)
        try:
            return apply(plan, doc)
        except Exception as e:  # noqa: BLE001 - reported through spaCy's error handler, as the ruler does
            return self.get_error_handler()(self.name, self, [doc], e)


def use_array_ruler(nlp: Language) -> bool:
    """Make the pipeline's attribute rulers apply their patterns with ``apply``, where every
    pattern is one it applies exactly; returns whether any ruler was changed."""
    changed = False
    for _name, component in nlp.pipeline:
        if type(component) is not AttributeRuler:
            continue
        try:
            compile_ruler(component)
        except Unsupported:
            continue
        component.__class__ = ArrayAttributeRuler
        changed = True
    return changed


class ArrayLemmatizer(Lemmatizer):
    """A rule-mode ``Lemmatizer`` that looks each token's lemma up by (orth, pos, morphology) in a
    table of its own: the rule lemmatizer's result depends on those three alone (its own cache key),
    so each distinct triple is lemmatized once, by spaCy's ``lemmatize``, and every lemma of the
    Doc is written with one ``Doc.from_array``. The same lemmas, a fraction of the per-token Python."""

    _lemmas: dict[tuple[int, int, int], int]

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        try:
            return self._lemmatize_doc(doc)
        except Exception as e:  # noqa: BLE001 - reported through spaCy's error handler, as spaCy does
            return self.get_error_handler()(self.name, self, [doc], e)

    def _lemmatize_doc(self, doc: Doc) -> Doc:
        lemmas = getattr(self, "_lemmas", None)
        if lemmas is None or len(lemmas) > LEMMA_TABLE:
            lemmas = self._lemmas = {}
        table = doc.to_array(cast(Any, [ORTH, POS, MORPH, LEMMA]))
        result = table[:, 3].copy()
        strings = doc.vocab.strings
        for i, key in enumerate(map(tuple, table[:, :3].tolist())):
            if not self.overwrite and result[i] != 0:
                continue
            lemma = lemmas.get(key)
            if lemma is None:
                lemma = lemmas[key] = int(strings.add(self.lemmatize(doc[i])[0]))
            result[i] = lemma
        doc.from_array(cast(Any, [LEMMA]), cast(Any, result.reshape(-1, 1)))
        return doc


_ARRAY_CLASSES: dict[type[Lemmatizer], type[Lemmatizer]] = {}


def _array_lemmatizer_class(cls: type[Lemmatizer]) -> type[Lemmatizer]:
    """``ArrayLemmatizer`` over a language's own lemmatizer class (English has its own
    ``is_base_form``): its methods compute each lemma, ``ArrayLemmatizer`` applies them."""
    if cls not in _ARRAY_CLASSES:
        _ARRAY_CLASSES[cls] = cast(type[Lemmatizer], type(f"Array{cls.__name__}", (ArrayLemmatizer, cls), {}))
    return _ARRAY_CLASSES[cls]


def use_array_lemmatizer(nlp: Language) -> bool:
    """Make the pipeline's rule-mode lemmatizers look lemmas up per distinct (orth, pos, morphology)
    (``ArrayLemmatizer``); returns whether any was changed."""
    changed = False
    for _name, component in nlp.pipeline:
        if isinstance(component, Lemmatizer) and not isinstance(component, ArrayLemmatizer):
            if component.mode == "rule":
                component.__class__ = _array_lemmatizer_class(type(component))
                changed = True
    return changed
