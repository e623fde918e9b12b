"""Relations between the figures of one sentence: a figure that is a part of another.

"Air defences shot down 31 of 35 drones" (31 intercepted of 35 launched), "31 drones out of 35",
"40 people, of whom 12 were children", "9 civilians, including 4 journalists", "337 drones, 126 of
them over Kursk and 91 over Moscow", "Of the 35 drones, 31 were intercepted": the part is a part
of the whole. ``part_whole`` reads them from the tokens and the dependency parse of a processed
Doc, after the quantities and events components have run (a counted noun may stand between a part
and its "out of"); ``claims.build_claims`` turns each relation into ``Claim.part_of`` (the claim id
of the whole), which fusion checks (part <= whole) and shows as a rate. Only counts relate (a share, a distance or a sum of money is not a part
of a count). The words are in ``resources/relations.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import ConfigDict
from spacy.tokens import Doc, Span, Token
from typing_extensions import TypedDict

from .. import resources
from ..model import QuantityMention

RESOURCE = "relations.yaml"

#: Quantity kinds that count things (``QuantityMention.kind``): only they are parts and wholes.
COUNT_KINDS = frozenset({"count", "number"})
#: Dependency relations of the words that modify a number ("about", "at least") and may stand
#: between a part phrase and the figure.
MODIFIERS = frozenset({"advmod", "quantmod"})


class RelationsFile(TypedDict):
    """The schema of ``relations.yaml`` (each list is described in the file)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    fraction_words: list[str]
    part_words: list[str]
    part_words_after: list[str]
    fronted_words: list[str]


@dataclass(frozen=True)
class Words:
    """The phrases of ``relations.yaml`` as tuples of lower-case tokens, longest first."""

    fraction: frozenset[tuple[str, ...]]
    part: tuple[tuple[str, ...], ...]
    part_after: tuple[tuple[str, ...], ...]
    fronted: frozenset[tuple[str, ...]]


@cache
def load_words(name: str = RESOURCE) -> Words:
    """The checked word lists of a relations file (read once per process)."""
    data = resources.load_checked(name, RelationsFile)
    return Words(
        fraction=frozenset(_phrases(data["fraction_words"])),
        part=tuple(sorted(_phrases(data["part_words"]), key=len, reverse=True)),
        part_after=tuple(_phrases(data["part_words_after"])),
        fronted=frozenset(_phrases(data["fronted_words"])),
    )


def _phrases(values: list[str]) -> list[tuple[str, ...]]:
    """Phrases as tuples of lower-case words ("of whom" -> ("of", "whom"))."""
    return [tuple(v.lower().split()) for v in values]


@dataclass(frozen=True)
class PartWhole:
    """Two figures of one sentence, by their character spans: ``part`` is a part of ``whole``."""

    part: tuple[int, int]
    whole: tuple[int, int]


@dataclass(frozen=True)
class _Figure:
    """A count of the sentence: its mention, its tokens and the tokens that stand for it in the
    parse (its numbers and its counted noun)."""

    q: QuantityMention
    first: int  # index of its first token
    end: int  # one past its last token
    counted: Span | None  # its counted noun phrase, where it has one

    @property
    def span(self) -> tuple[int, int]:
        return self.q.start, self.q.end

    def anchors(self) -> set[int]:
        """Token indices that stand for the figure: its own tokens and its counted noun's root."""
        out = set(range(self.first, self.end))
        if self.counted is not None:
            out.add(self.counted.root.i)
        return out


def part_whole(doc: Doc, words: Words | None = None) -> list[PartWhole]:
    """Every part-whole relation between the counts of each sentence of ``doc``, in text order
    (a figure is a part of one whole at most)."""
    words = words or load_words()
    by_sentence: dict[int, list[_Figure]] = {}
    for q in doc._.quantities or []:
        figure = _figure(doc, q)
        if figure is not None:
            by_sentence.setdefault(doc[figure.first].sent.start, []).append(figure)
    out: list[PartWhole] = []
    for figures in by_sentence.values():
        figures.sort(key=lambda f: f.first)
        found: dict[tuple[int, int], PartWhole] = {}
        for relation in (
            *_fractions(doc, figures, words),
            *_led_by_marker(doc, figures, words),
            *_followed_by_marker(doc, figures, words),
            *_fronted(doc, figures, words),
        ):
            _add(found, relation)
        for relation in _conjoined(doc, figures, list(found.values())):
            _add(found, relation)
        out.extend(sorted(found.values(), key=lambda r: r.part))
    return out


def _add(found: dict[tuple[int, int], PartWhole], relation: PartWhole) -> None:
    """Keep a relation unless its part already has a whole or its whole is a part of its part."""
    mine = found.get(relation.whole)
    if relation.part not in found and (mine is None or mine.whole != relation.part):
        found[relation.part] = relation


def _figure(doc: Doc, q: QuantityMention) -> _Figure | None:
    """A count as a figure of the parse, or None for other quantities and unaligned spans."""
    if q.kind not in COUNT_KINDS:
        return None
    if q.token_start >= 0:
        first, end = q.token_start, q.token_end
    else:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        first, end = span.start, span.end
    counted = None
    if q.counted is not None:
        counted = doc.char_span(q.counted.start, q.counted.end, alignment_mode="expand")
    return _Figure(q, first, end, counted)


def _lower(tokens: Span) -> tuple[str, ...]:
    """The lower-case words of a stretch of tokens."""
    return tuple(t.lower_ for t in tokens)


def _fractions(doc: Doc, figures: list[_Figure], words: Words) -> list[PartWhole]:
    """ "31 of 35", "31 drones out of 35", "12 of the 40": the words between two neighbouring
    figures (after the first one's counted noun, where it stands between) are a fraction phrase."""
    out = []
    for a, b in zip(figures, figures[1:], strict=False):
        start = a.end
        if a.counted is not None and a.counted.start == start and a.counted.end <= b.first:
            start = a.counted.end  # "31 drones out of 35"
        if _lower(doc[start : b.first]) in words.fraction:
            out.append(PartWhole(a.span, b.span))
    return out


def _led_by_marker(doc: Doc, figures: list[_Figure], words: Words) -> list[PartWhole]:
    """ "40 people, of whom 12 were children", "9 civilians, including 4 journalists": a part
    phrase right before a figure makes it a part of the figure the phrase hangs off in the parse,
    else of the nearest figure before it."""
    out = []
    for n, part in enumerate(figures):
        marker = _marker_before(doc, part.first, words)
        if marker is None or n == 0:
            continue
        whole = _governing(doc[marker], figures[:n]) or figures[n - 1]
        out.append(PartWhole(part.span, whole.span))
    return out


def _followed_by_marker(doc: Doc, figures: list[_Figure], words: Words) -> list[PartWhole]:
    """ "intercepted 337 drones, 126 of them over Kursk": a part phrase right after a figure makes
    it a part of the figure the phrase's pronoun stands for (the one governing it in the parse, else
    the nearest figure before it)."""
    out = []
    for n, part in enumerate(figures[1:], start=1):
        follows = _lower(doc[part.end : part.end + 2])
        if not any(follows[: len(phrase)] == phrase for phrase in words.part_after):
            continue
        whole = _governing(doc[part.first], figures[:n]) or figures[n - 1]
        out.append(PartWhole(part.span, whole.span))
    return out


def _conjoined(doc: Doc, figures: list[_Figure], found: list[PartWhole]) -> list[PartWhole]:
    """ "126 of them over Kursk and 91 over Moscow": a figure joined by a conjunction to a part is a
    part of the same whole."""
    whole_of = {r.part: r.whole for r in found}
    by_token = {i: f for f in figures for i in range(f.first, f.end)}
    out = []
    for figure in figures:
        if figure.span in whole_of:
            continue
        for i in range(figure.first, figure.end):
            head = by_token.get(doc[i].head.i) if doc[i].dep_ == "conj" else None
            if head is not None and head.span in whole_of:
                out.append(PartWhole(figure.span, whole_of[head.span]))
                break
    return out


def _marker_before(doc: Doc, first: int, words: Words) -> int | None:
    """The index of the first token of a part phrase ending right before token ``first`` or before
    the words that modify it ("of whom about 600")."""
    first = min([first] + [t.i for t in doc[first].lefts if t.dep_ in MODIFIERS])
    sent_start = doc[first].sent.start  # once: finding a token's sentence walks the parse
    for phrase in words.part:
        start = first - len(phrase)
        if start >= sent_start and _lower(doc[start:first]) == phrase:
            return start
    return None


def _governing(token: Token, candidates: list[_Figure]) -> _Figure | None:
    """The candidate whose number or counted noun is the nearest head above ``token`` in the
    parse ("of whom" -> the relative clause -> "people", the counted noun of 40)."""
    for head in token.ancestors:
        for figure in reversed(candidates):
            if head.i in figure.anchors():
                return figure
    return None


def _fronted(doc: Doc, figures: list[_Figure], words: Words) -> list[PartWhole]:
    """ "Of the 35 drones, 31 were intercepted": a sentence opening with a fronted phrase and the
    whole, with the part as the first figure after the next comma."""
    if len(figures) < 2:
        return []
    whole, part = figures[0], figures[1]
    sent_start = doc[whole.first].sent.start
    if _lower(doc[sent_start : whole.first]) not in words.fronted:
        return []
    commas = [t.i for t in doc[whole.end : part.first] if t.text == ","]
    if len(commas) != 1 or doc[commas[0] + 1 : part.first].text.strip():
        return []  # the part must open the clause after the comma
    return [PartWhole(part.span, whole.span)]
