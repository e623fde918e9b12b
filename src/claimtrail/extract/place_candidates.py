"""Place candidates in a Doc: the spans that may name a place, before any is resolved.

Candidates come from spaCy's entities (GPE, LOC, NORP; PERSON and ORG only where the text plainly
uses them as places, since the small model often mislabels towns), from capitalised names after a
locative preposition ("near Pokrovsk") or before a region word ("Kursk region"), from datelines
("BEIRUT —"), from state abbreviations after a town ("Edmonton, Ky.") and from demonyms
("Ukrainian", "North Korean"). ``places.py`` resolves them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from spacy.tokens import Doc, Span, Token

from ..geo.gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_CITY,
    FEATURE_COUNTRY,
    FEATURE_REGION,
    KIND_ALIAS,
    KIND_ALTERNATE,
    KIND_PRIMARY,
    Candidate,
    Gazetteer,
    GazetteerEntry,
    get_gazetteer,
)
from ..geo.text import normalize
from ..geo.words import RESOURCE, region_words
from ..geo.words import load as load_words
from ..nlp.extensions import span_text
from .timeparse import TEMPORAL_RESOURCE, calendar_names

PLACE_LABELS = {"GPE", "LOC"}
ORG_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART", "LAW"}
SKIP_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
POSSESSIVE = {"'s", "’s", "'", "’"}
STRONG_FEATURES = (FEATURE_COUNTRY, FEATURE_REGION, FEATURE_ADMIN1)

WeakTest = Callable[[tuple[Candidate, ...]], bool]


@dataclass
class Cand:
    """A stretch of tokens that may name a place."""

    start: int  # token index
    end: int  # token index, exclusive (includes a trailing region word)
    name: str  # the name to look up (without "the", region word, possessive)
    region_word: bool
    strong: bool  # tagged GPE/LOC by spaCy
    entry: GazetteerEntry | None = None
    demonym: bool = False
    fixed: bool = False  # resolved where it was found (a state abbreviation and its town)
    unresolved: bool = False  # tagged as a place, unknown to the gazetteer: no point is guessed


@dataclass
class _Scan:
    """The candidates found so far in a Doc, and which tokens they hold."""

    doc: Doc
    texts: list[str]  # each token's text, read once: the scans below test every token
    taken: list[bool]
    org_keys: set[str]  # names tagged as bodies somewhere in the article and never as places
    surnames: set[str]  # last names of the article's people ("Evo Morales" ... "Morales said")
    persons: set[int]  # tokens of people's names
    cands: list[Cand] = field(default_factory=list)
    pending: list[Cand] = field(default_factory=list)  # places only if the article's places are near

    @classmethod
    def of(cls, doc: Doc) -> _Scan:
        """An empty scan of ``doc``, with what its entities say about names."""
        ents = doc.ents  # spaCy builds the tuple of spans on every access: once per Doc
        org_keys = {normalize(e.text) for e in ents if e.label_ in ORG_LABELS} - {
            normalize(e.text) for e in ents if e.label_ in PLACE_LABELS
        }
        surnames = {normalize(e[-1].text) for e in ents if e.label_ == "PERSON" and len(e) >= 2}
        persons = {i for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
        return cls(doc, [t.text for t in doc], [False] * len(doc), org_keys, surnames, persons)

    def take(self, cand: Cand) -> None:
        """Keep a candidate; its tokens are no longer free."""
        for i in range(cand.start, cand.end):
            self.taken[i] = True
        self.cands.append(cand)

    def joined(self, start: int, end: int) -> bool:
        """Is the span joined by "and"/"or" to a place already found ("Kharkiv and Odesa")?"""
        root = self.doc[start:end].root
        return root.dep_ == "conj" and self.taken[root.head.i]


class CandidateFinder:
    """Finds place candidates with the word lists of a places resource and the gazetteer."""

    def __init__(
        self, gazetteer: Gazetteer | None = None, resource: str = RESOURCE, calendar: str = TEMPORAL_RESOURCE
    ) -> None:
        words = load_words(resource)
        self._gaz = gazetteer
        self.region_words, self.modifiers = region_words(resource)
        self.locative = {w.lower() for w in words["locative_prepositions"]}
        self.spatial = {w.lower() for w in words["spatial_prepositions"]}
        self.settlement = {w.lower() for w in words["settlement_words"]}
        self.agentive = {w.lower() for w in words["agentive_verbs"]}
        self.unit_of = self.settlement | {w.lower() for w in words["unit_words"]}
        self.not_places = {normalize(w) for w in words["not_places"] + calendar_names(calendar)}
        self.directions = {w.lower() for w in words["direction_words"]}
        self.region_adjectives = set(words["region_adjectives"])
        self.abbreviations = {
            abbr: (cc, unit)
            for cc, table in words["admin1_abbreviations"].items()
            for abbr, unit in table.items()
        }

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:  # opened on the first document, not when the pipeline loads
            self._gaz = get_gazetteer()
        return self._gaz

    def _extend(self, doc: Doc, start: int, end: int) -> tuple[int, int, bool]:
        """Trim "the"/possessives; take in a following region word ("Kursk (border) region")."""
        while start < end and doc[start].lower_ in ("the",):
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        if (
            end - start >= 2
            and normalize(doc[end - 1].text) in self.region_words
            and not self._whole_name(span_text(doc, start, end))  # "United States", "Northern Territory"
        ):
            inner = end - 1
            while inner - start >= 2 and normalize(doc[inner - 1].text) in self.modifiers:
                inner -= 1
            return start, end, True
        i = end
        while i < len(doc) and i - end < 2 and doc[i].lower_ in self.modifiers:
            i += 1
        if (
            i < len(doc)
            and doc[i].lower_ in self.region_words
            and not self._country_name(span_text(doc, start, end))
        ):
            return start, i + 1, True
        # "the Donetsk and Luhansk regions"
        if end + 2 < len(doc) and doc[end].lower_ in ("and", "or", ","):
            j = end + 1
            while j < len(doc) and j - end <= 4 and (doc[j].is_title or doc[j].text == "-"):
                j += 1
            if (
                j > end + 1
                and j < len(doc)
                and doc[j].lower_ in self.region_words
                and doc[j].lower_.endswith("s")
            ):
                return start, end, True
        return start, end, False

    def _name(self, doc: Doc, start: int, end: int, region_word: bool) -> str:
        if region_word:
            stop = end - 1 if normalize(doc[end - 1].text) in self.region_words else end
            while stop - start >= 2 and normalize(doc[stop - 1].text) in self.modifiers:
                stop -= 1
            end = max(stop, start + 1)
        return span_text(doc, start, end)

    def find(self, doc: Doc) -> tuple[list[Cand], list[Cand]]:
        """Place candidates, and names that are places only if a place of the article lies near them."""
        scan = _Scan.of(doc)
        self._scan_entities(scan)
        self._scan_datelines(scan)
        self._scan_capitalised(scan)
        # "Edmonton, Ky.", "BARRIE, Ont.": a state or province abbreviation and the town before it
        self._abbreviated_units(doc, scan.cands, scan.taken, scan.texts)
        self._drop_direction_adjectives(scan)
        self._scan_demonyms(scan)
        scan.cands.sort(key=lambda c: c.start)
        pending = [c for c in scan.pending if not any(scan.taken[c.start : c.end])]
        return scan.cands, pending

    def _add(
        self,
        scan: _Scan,
        start: int,
        end: int,
        strong: bool,
        weak_ok: WeakTest | None = None,
        loc: bool = False,
    ) -> None:
        """Keep the span as a candidate if its name may be a place.

        ``strong``: spaCy tagged it as a place; otherwise ``weak_ok`` says whether its readings may
        be one, and ``loc`` whether a spatial preposition or a place joined by "and" vouches for it.
        """
        doc = scan.doc
        if end - start >= 3 and doc[start].lower_ in self.unit_of and doc[start + 1].lower_ == "of":
            start += 2  # "the City of Turkey", "County of Brant": the name after "of"
        start, end, region = self._extend(doc, start, end)
        if start >= end or any(scan.taken[start:end]):
            return
        name = self._name(doc, start, end, region)
        key = normalize(name)
        if not key or not any(ch.isalpha() for ch in key) or key in self.not_places:
            return
        if not region and key in scan.surnames and not self._strong_name(key):
            return  # "Morales" after "Evo Morales": a person's name, not a town (even if tagged one)
        found = self.gaz.candidates_for_key(key)
        if not found:
            self._add_unknown(scan, start, end, name, region, strong)
            return
        if not strong and not region and not self._weak_place(scan, key, found, weak_ok, loc):
            if end - start == 1 and any(
                c.kind == KIND_PRIMARY and c.entry.feature == FEATURE_CITY for c in found
            ):
                scan.pending.append(Cand(start, end, name, False, False))
            return
        scan.take(Cand(start, end, name, region, strong))

    def _add_unknown(self, scan: _Scan, start: int, end: int, name: str, region: bool, strong: bool) -> None:
        """A name tagged as a place that the gazetteer lacks: the place after a direction word
        ("Southern California", "North London", the span kept whole), else reported with no point
        rather than dropped. An untagged name counts only after "the village/town/city of"."""
        if not strong and not self._settlement_cue(scan.doc, start):
            return
        if not region:
            rest = self._after_direction(scan.doc, start, end)
            if rest is not None and self.gaz.candidates_for_key(normalize(rest)):
                scan.take(Cand(start, end, rest, False, True))
                return
        if self._plausible_unknown(scan.doc, start, end):
            scan.take(Cand(start, end, name, region, strong, unresolved=True))

    def _weak_place(
        self, scan: _Scan, key: str, found: tuple[Candidate, ...], weak_ok: WeakTest | None, loc: bool
    ) -> bool:
        """May a name spaCy did not tag as a place be one here? A name the article tags as a company
        or body and never as a place ("Toyota", "Nissan") is one only after "in"/"near" or beside
        other places, or when it is a country or region."""
        org_name = (
            key in scan.org_keys and not loc and not any(c.entry.feature in STRONG_FEATURES for c in found)
        )
        return not org_name and weak_ok is not None and weak_ok(found)

    def _scan_entities(self, scan: _Scan) -> None:
        """spaCy's entities: places, peoples that are big places ("Aleppo"), and other names where
        the text uses them as places."""
        doc = scan.doc
        for ent in doc.ents:
            for s, e in self._split_possessive(ent):
                if ent.label_ in PLACE_LABELS or (
                    ent.label_ == "NORP" and self._place_not_people(span_text(doc, s, e))
                ):
                    self._add(scan, s, e, True)
                elif ent.label_ in SKIP_LABELS or ent.label_ == "NORP":
                    continue
                elif self._settlement_cue(doc, s):
                    self._add(scan, s, e, True)  # "the town of Vuhledar" tagged FAC or ORG
                elif ent.label_ != "PERSON" and not self._known(doc, s, e):
                    self._scan_body_name(scan, s, e)
                elif ent.label_ == "PERSON" and self._acting_person(doc[s:e]):
                    continue  # "Jackson said ...": a person, even where a town of that name lies near
                else:
                    locative = (s > 0 and doc[s - 1].lower_ in self.locative) or scan.joined(s, e)
                    obj = e - s == 1 and doc[s].dep_ in ("dobj", "pobj")
                    weak = partial(self._weak_ok, locative=locative, label=ent.label_, obj=obj)
                    spatial = (s > 0 and doc[s - 1].lower_ in self.spatial) or scan.joined(s, e)
                    self._add(scan, s, e, False, weak, spatial)

    def _scan_body_name(self, scan: _Scan, s: int, e: int) -> None:
        """An unknown name tagged as a body: a place after direction words ("Far North Queensland"),
        a place inside it ("Kentucky State Police"), or a town opening it ("Bantam Superior Court",
        a town if the article's places are near it)."""
        doc = scan.doc
        first = s + 1 if doc[s].lower_ == "the" else s
        rest = self._after_direction(doc, first, e)
        if rest is not None and self._strong_name(rest):
            self._add(scan, first, e, True)
            return
        inner = self._inner_place(doc, s, e)
        if inner is not None:
            self._add(scan, inner[0], inner[1], True)
            return
        town = self._town_opening(doc, first, e)
        if town is not None:
            scan.pending.append(Cand(town[0], town[1], doc[town[0] : town[1]].text, False, False))

    def _scan_datelines(self, scan: _Scan) -> None:
        """Datelines ("BEIRUT —", "TORRINGTON -") at the start of a line or sentence."""
        for start, end in self._datelines(scan.doc, scan.texts):
            key = normalize(span_text(scan.doc, start, end))
            if any(c.kind <= KIND_ALIAS for c in self.gaz.candidates_for_key(key)):
                self._add(scan, start, end, True)

    def _scan_capitalised(self, scan: _Scan) -> None:
        """Runs of capitalised words spaCy did not tag."""
        doc, texts, i = scan.doc, scan.texts, 0
        while i < len(doc):
            if not texts[i][:1].isupper():  # the cheapest test of ``_capitalised`` first
                i += 1
                continue
            tok = doc[i]
            if (
                scan.taken[i]
                or tok.ent_type_ in SKIP_LABELS
                or not self._capitalised(tok)
                or i in scan.persons
            ):
                i += 1
                continue
            j = self._capitalised_end(scan, i)
            if tok.ent_type_ != "NORP" and normalize(span_text(doc, i, j)) not in self.not_places:
                self._add_capitalised(scan, i, j)
            i = j

    def _capitalised_end(self, scan: _Scan, i: int) -> int:
        """The end of the run of capitalised words (and inner hyphens) that starts at token ``i``."""
        doc, j = scan.doc, i + 1
        while (
            j < len(doc)
            and not scan.taken[j]
            and j not in scan.persons
            and (self._capitalised(doc[j]) or (doc[j].text == "-" and not doc[j - 1].whitespace_))
        ):
            j += 1
        while j > i + 1 and doc[j - 1].text == "-":
            j -= 1
        return j

    def _add_capitalised(self, scan: _Scan, i: int, j: int) -> None:
        """A run of capitalised words as a candidate: "in Kharkiv", and "Kharkiv and Odesa" once
        Kharkiv is a place; else a unit or country opening a longer unknown name."""
        doc = scan.doc
        locative = (i > 0 and doc[i - 1].lower_ in self.locative) or scan.joined(i, j)
        obj = doc[i:j].root.dep_ in ("dobj", "pobj", "conj")
        weak = partial(self._weak_ok, locative=locative, label="", obj=obj, min_pop=100_000)
        spatial = (i > 0 and doc[i - 1].lower_ in self.spatial) or scan.joined(i, j)
        before = len(scan.cands)
        self._add(scan, i, j, False, weak, spatial)
        if len(scan.cands) == before and j - i >= 2 and not self._known(doc, i, j):
            # "Queensland Amber Alert": a unit or country opening a longer unknown name
            inner = self._inner_place(doc, i, j, prefix_only=True)
            if inner is not None:
                self._add(scan, inner[0], inner[1], True)

    def _drop_direction_adjectives(self, scan: _Scan) -> None:
        """ "South East Asian", "West African": direction words cut short before an adjective are no
        place, nor a demonym inside them."""
        doc = scan.doc
        for c in [
            c
            for c in scan.cands
            if c.end < len(doc)
            and doc[c.start].lower_ in self.directions
            and self._adjective_after(doc, c.end)
        ]:
            scan.cands.remove(c)
            for k in range(c.start, c.end):
                scan.taken[k] = True

    def _scan_demonyms(self, scan: _Scan) -> None:
        """Demonyms ("Ukrainian", "North Korean"), where no place was found."""
        doc, gaz, texts = scan.doc, self.gaz, scan.texts
        for i, text in enumerate(texts):
            if (
                scan.taken[i]
                or i in scan.persons
                or not text[:1].isupper()
                or text.lower() in ("the", "a", "an")
            ):
                continue  # "The German carmaker": the demonym is "German"
            for width in (2, 1):
                if i + width > len(texts) or any(scan.taken[i : i + width]):
                    continue
                # the text of doc[i : i + width], without making the span
                name = text + doc[i].whitespace_ + texts[i + 1] if width == 2 else text
                code = gaz.country_of_demonym(name)
                country = gaz.country(code) if code else None
                if country is not None:
                    scan.take(Cand(i, i + width, name, False, True, country, True))
                    break

    @staticmethod
    def _datelines(doc: Doc, texts: list[str]) -> list[tuple[int, int]]:
        """Spans of one to three words in capitals that open a line or sentence and stand before a
        dash: the place a news story was filed from (``texts``: the tokens' texts)."""
        out = []
        for i, text in enumerate(texts):
            if not (len(text) >= 3 and text.isupper() and text.isalpha()):  # cheap tests first
                continue
            tok = doc[i]
            if not (i == 0 or tok.is_sent_start or "\n" in doc[i - 1].text or doc[i - 1].is_space):
                continue
            j = i + 1
            while j < len(doc) and j - i < 3 and doc[j].is_alpha and doc[j].is_upper:
                j += 1
            if j < len(doc) and doc[j].text in ("—", "–", "-", "--", "―"):
                out.append((i, j))
        return out

    def _place_not_people(self, text: str) -> bool:
        """A name tagged as a people that is no demonym but a big place ("Aleppo")."""
        if self.gaz.country_of_demonym(text):
            return False
        return any(
            c.kind == KIND_PRIMARY
            and (
                c.entry.feature in STRONG_FEATURES
                or (c.entry.feature == FEATURE_CITY and c.entry.population >= 100_000)
            )
            for c in self.gaz.candidates_for_key(normalize(text))
        )

    def _acting_person(self, span: Span) -> bool:
        """A name the model tags as a person that is the subject of a verb people do ("Jackson
        said", "Tyler warned"); "Sudzha fell" is left to the place rules."""
        root = span.root
        return root.dep_ == "nsubj" and root.head.lemma_.lower() in self.agentive

    def _settlement_cue(self, doc: Doc, start: int) -> bool:
        """Whether "the village of", "the town of"... comes right before token ``start``."""
        return start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in self.settlement

    def _plausible_unknown(self, doc: Doc, start: int, end: int) -> bool:
        """May a name spaCy tags as a place but the gazetteer lacks be reported unresolved? Only a
        capitalised name of letters (no numbers, no known non-place word, no demonym) after "in",
        "near", "the village of"..., or joined to another place ("Foua and Kfraya")."""
        span = doc[start:end]
        if any(not (t.is_alpha or t.text in ("-", ".", "'")) for t in span) or not span[0].text[:1].isupper():
            return False
        before = doc[start - 1].lower_ if start > 0 else ""
        cue = before in self.spatial or self._settlement_cue(doc, start)
        root = span.root
        if not cue and not (root.dep_ == "conj" and doc[root.head.i].ent_type_ in PLACE_LABELS):
            return False  # only "in X", "near X", "the village of X", "Foua and X"
        if span.text.isupper() and len(span.text) <= 4:
            return False  # "NATO", "ISIS": acronyms tagged GPE are bodies more often than places
        words = {normalize(t.text) for t in span}
        return not (words & self.not_places) and not self.gaz.country_of_demonym(span.text)

    def _adjective_after(self, doc: Doc, i: int) -> bool:
        """Is token ``i`` an adjective of a region or people, written on with the name before it?"""
        tok = doc[i]
        return tok.text in self.region_adjectives and doc[i - 1].whitespace_ == " " and tok.text[:1].isupper()

    def _after_direction(self, doc: Doc, start: int, end: int) -> str | None:
        """ "Southern California" -> "California", "Far North Queensland" -> "Queensland"; None when
        the name does not open with direction words."""
        i = start
        while i < end - 1 and doc[i].lower_ in self.directions:
            i += 1
        return span_text(doc, i, end) if i > start else None

    def _town_opening(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """One or two capitalised words opening a longer name that are a town's own name."""
        for n in (2, 1):
            if start + n >= end or not all(
                t.is_alpha and t.text[:1].isupper() for t in doc[start : start + n]
            ):
                continue
            key = normalize(span_text(doc, start, start + n))
            if key in self.not_places:
                continue
            if any(
                c.kind == KIND_PRIMARY and c.entry.feature == FEATURE_CITY
                for c in self.gaz.candidates_for_key(key)
            ):
                return start, start + n
        return None

    def _strong_name(self, text: str) -> bool:
        """Is the text the name of a country, first-level unit or region?"""
        return any(
            c.kind <= KIND_ALIAS and c.entry.feature in STRONG_FEATURES
            for c in self.gaz.candidates_for_key(normalize(text))
        )

    def _country_name(self, text: str) -> bool:
        """Is the text a country's name ("U.S." of "the U.S. Department")? No unit word follows it."""
        return any(
            c.kind <= KIND_ALIAS and c.entry.feature == FEATURE_COUNTRY
            for c in self.gaz.candidates_for_key(normalize(text))
        )

    def _whole_name(self, text: str) -> bool:
        """Is the text, region word and all, itself a name of a place ("United States")?"""
        return any(c.kind <= KIND_ALIAS for c in self.gaz.candidates_for_key(normalize(text)))

    def _known(self, doc: Doc, start: int, end: int) -> bool:
        """Does the gazetteer know the name of these tokens (read as a candidate would be)?"""
        start, end, region = self._extend(doc, start, end)
        return start < end and bool(
            self.gaz.candidates_for_key(normalize(self._name(doc, start, end, region)))
        )

    def _inner_place(
        self, doc: Doc, start: int, end: int, prefix_only: bool = False
    ) -> tuple[int, int] | None:
        """A place named inside an organisation's name: "Kentucky State Police", "University of
        Michigan", "CTV Winnipeg". Only a country, first-level unit or region, or a city of over
        100,000 people, at the start, after "of", or as the last word."""
        while start < end and doc[start].lower_ == "the":
            start += 1
        spans = [(start, start + n) for n in (3, 2, 1) if start + n < end]
        if not prefix_only:
            for i in range(start, end - 1):
                if doc[i].lower_ == "of":
                    spans += [(i + 1, i + 1 + n) for n in (3, 2, 1) if i + 1 + n <= end]
            if end - start >= 2:
                spans.append((end - 1, end))
        for s, e in spans:
            if not all(t.text[:1].isupper() or t.text == "-" for t in doc[s:e]):
                continue
            key = normalize(span_text(doc, s, e))
            if (
                key in self.not_places
                or len(key) < 2
                or (len(key) == 2 and not span_text(doc, s, e).isupper())
            ):
                continue  # "U.S." and "UK" yes, "Ai" no
            for cand in self.gaz.candidates_for_key(key):
                entry = cand.entry
                if cand.kind <= KIND_ALIAS and (
                    entry.feature in STRONG_FEATURES
                    or (entry.feature == FEATURE_ADMIN2 and cand.kind == KIND_PRIMARY and " " in key)
                    or (entry.feature == FEATURE_CITY and entry.population >= 100_000)
                ):
                    return s, e
        return None

    def _abbreviation_at(self, doc: Doc, i: int) -> tuple[int, GazetteerEntry] | None:
        """The unit an abbreviation at token ``i`` names ("Ky.", "Ont" "." , "N.J.", "KY"), and the
        token after it; None when the text there is not one."""
        tok = doc[i]
        forms = [(tok.text, i + 1)]
        if i + 1 < len(doc) and doc[i + 1].text == "." and not tok.whitespace_:
            forms.insert(0, (tok.text + ".", i + 2))
        elif not tok.text.endswith("."):
            forms.append((tok.text + ".", i + 1))
        for form, end in forms:
            hit = self.abbreviations.get(form)
            if hit is None or (form.isupper() and "." not in form and not tok.is_upper):
                continue
            cc, unit = hit
            units = [
                c.entry
                for c in self.gaz.candidates_for_key(normalize(unit))
                if c.entry.feature == FEATURE_ADMIN1 and c.entry.country == cc
            ]
            if units:
                return end, max(units, key=lambda u: u.population)
        return None

    def _abbreviated_units(self, doc: Doc, cands: list[Cand], taken: list[bool], texts: list[str]) -> None:
        """Read "Town, St." where St. abbreviates a state or province: the unit, and the town in it
        (``texts``: the tokens' texts).

        A bare two-letter code ("KY") counts only when the town before it lies in that state."""
        for i in [k + 1 for k in range(1, len(texts) - 1) if texts[k] == ","]:  # the words after a comma
            found = self._abbreviation_at(doc, i)
            if found is None:
                continue
            end, unit = found
            if end < len(doc) and doc[end].is_alpha and doc[end].is_lower and doc[end].lower_ != "and":
                continue  # "..., Va. said" is fine; "..., in ..." after a bare code is not a dateline
            town_end = i - 1
            town_start = town_end
            while (
                town_start > 0
                and town_end - town_start < 4
                and (doc[town_start - 1].text[:1].isupper() or doc[town_start - 1].text in (".", "-"))
                and not doc[town_start - 1].is_sent_end
                and doc[town_start - 1].text != ","
            ):
                town_start -= 1
            while town_start < town_end and not doc[town_start].text[:1].isalpha():
                town_start += 1
            town = (
                self._town_in(span_text(doc, town_start, town_end), unit) if town_start < town_end else None
            )
            dotted = "." in span_text(doc, i, end)
            if town is None and not dotted:
                continue
            spans = [(i, end, unit)]
            if town is not None:
                spans.append((town_start, town_end, town))
            for s, e, entry in spans:
                cands[:] = [c for c in cands if c.end <= s or c.start >= e]
                for k in range(s, e):
                    taken[k] = True
                cands.append(Cand(s, e, span_text(doc, s, e), False, True, entry, fixed=True))

    def _town_in(self, name: str, unit: GazetteerEntry) -> GazetteerEntry | None:
        """The best-known town or county of that name within a first-level unit."""
        base, county = name, False
        parts = name.split()
        if len(parts) >= 2 and normalize(parts[-1]) in self.region_words:
            base, county = " ".join(parts[:-1]), True
        best: GazetteerEntry | None = None
        for key in dict.fromkeys((normalize(name), normalize(base))):
            for cand in self.gaz.candidates_for_key(key):
                e = cand.entry
                if e.admin1 != unit.admin1 or e.feature not in (FEATURE_CITY, FEATURE_ADMIN2):
                    continue
                if county and e.feature != FEATURE_ADMIN2:
                    continue
                if best is None or e.population > best.population:
                    best = e
        return best

    @staticmethod
    def _capitalised(tok: Token) -> bool:
        return (
            tok.is_alpha
            and tok.text[:1].isupper()
            and tok.pos_ in ("PROPN", "NOUN", "ADJ", "X")
            and (not tok.is_sent_start or tok.pos_ == "PROPN")
        )

    @staticmethod
    def _split_possessive(ent: Span) -> list[tuple[int, int]]:
        """ "Russia's Kursk" tagged as one entity -> the two names."""
        parts, start = [], ent.start
        for tok in ent:
            if tok.text in POSSESSIVE and tok.i > start:
                parts.append((start, tok.i))
                start = tok.i + 1
        if start < ent.end:
            parts.append((start, ent.end))
        return parts

    def _weak_ok(self, found, locative: bool, label: str, obj: bool = False, min_pop: int = 500_000) -> bool:
        """May a name spaCy did not tag as a place be one?

        Countries, units and regions yes (unless tagged as a person); towns after "in", "near"...;
        a big city as the object of a verb or preposition ("missiles struck Kiev").
        """
        strong = any(c.entry.feature in STRONG_FEATURES and c.kind <= KIND_ALIAS for c in found)
        if strong and label != "PERSON":
            return True
        if locative:
            return any(c.kind <= KIND_ALTERNATE for c in found)
        if obj:
            return any(c.entry.feature == FEATURE_CITY and c.entry.population >= min_pop for c in found)
        return False
