"""Places: toponyms and demonyms resolved offline to gazetteer entries (``doc._.places``).

Candidates come from spaCy's entities (GPE, LOC, NORP; PERSON and ORG only where the text plainly
uses them as places, since the small model often mislabels towns), from capitalised names after a
locative preposition ("near Pokrovsk") or before a region word ("Kursk region"), and from demonyms
("Ukrainian", "North Korean"). Each is resolved by ``claimtrail.geo.resolve`` in two passes: first
alone (countries, demonyms and clear units settle which countries the article is about), then with
the article's countries, the places around it and any container named next to it ("Russia's Kursk
region", "Pokrovsk, Ukraine"). A capital city that acts as the subject of a verb such as "send" is its
government, not a place ("Pyongyang may send more troops").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import resources
from ..geo.build import RESOURCE
from ..geo.gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_CITY,
    FEATURE_COUNTRY,
    FEATURE_REGION,
    KIND_ALIAS,
    KIND_ALTERNATE,
    KIND_PRIMARY,
    Gazetteer,
    GazetteerEntry,
    distance_km,
    get_gazetteer,
    prior,
)
from ..geo.resolve import Context, rank, region_words
from ..geo.text import normalize
from ..model import PlaceMention

PLACE_LABELS = {"GPE", "LOC"}
ORG_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART", "LAW"}
# Prepositions that make a company-like name a place ("fighting in Sudzha"); "from"/"of"/"to" do not
# ("a car from Nissan", "according to Toyota").
SPATIAL = {"in", "near", "outside", "around", "inside", "into", "across", "toward", "towards", "outskirts"}
SKIP_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
POSSESSIVE = {"'s", "’s", "'", "’"}
STRONG_FEATURES = (FEATURE_COUNTRY, FEATURE_REGION, FEATURE_ADMIN1)
CITY_CUES = {"city", "town", "village", "township", "hamlet", "villages", "towns"}  # "the town of X": a town
UNIT_OF = CITY_CUES | {"county", "borough", "municipality", "province", "state", "region", "district"}


@dataclass
class _Cand:
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


@Language.factory("claimtrail_places")
def make_component(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


class PlacesComponent:
    """Sets ``doc._.places``: list[PlaceMention] sorted by start."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        cfg = resources.load(RESOURCE) or {}
        self._gaz = gazetteer
        self.region_words, self.modifiers = region_words()
        self.locative = {w.lower() for w in cfg.get("locative_prepositions") or ()}
        self.agentive = {w.lower() for w in cfg.get("agentive_verbs") or ()}
        self.not_places = {normalize(w) for w in cfg.get("not_places") or ()}
        self.directions = {str(w).lower() for w in cfg.get("direction_words") or ()}
        self.region_adjectives = {str(w) for w in cfg.get("region_adjectives") or ()}
        self.abbreviations = {
            str(abbr): (str(cc), str(unit))
            for cc, table in (cfg.get("admin1_abbreviations") or {}).items()
            for abbr, unit in (table or {}).items()
        }

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:  # opened on the first document, not when the pipeline loads
            self._gaz = get_gazetteer()
        return self._gaz

    # -- candidates ------------------------------------------------------------------------------
    def _extend(self, doc: Doc, start: int, end: int) -> tuple[int, int, bool]:
        """Trim "the"/possessives; take in a following region word ("Kursk (border) region")."""
        while start < end and doc[start].lower_ in ("the",):
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        if (
            end - start >= 2
            and normalize(doc[end - 1].text) in self.region_words
            and not self._whole_name(doc[start:end].text)  # "United States", "Northern Territory"
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
            and not self._country_name(doc[start:end].text)
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
        return doc[start:end].text

    def _candidates(self, doc: Doc) -> tuple[list[_Cand], list[_Cand]]:
        """Place candidates, and names that are places only if a place of the article lies near them."""
        gaz = self.gaz
        taken = [False] * len(doc)
        cands: list[_Cand] = []
        pending: list[_Cand] = []

        def add(start: int, end: int, strong: bool, weak_ok, loc: bool = False) -> None:
            if end - start >= 3 and doc[start].lower_ in UNIT_OF and doc[start + 1].lower_ == "of":
                start += 2  # "the City of Turkey", "County of Brant": the name after "of"
            start, end, region = self._extend(doc, start, end)
            if start >= end or any(taken[start:end]):
                return
            name = self._name(doc, start, end, region)
            key = normalize(name)
            if not key or not any(ch.isalpha() for ch in key) or key in self.not_places:
                return
            if (
                not region
                and key in surnames
                and not any(
                    c.kind <= KIND_ALIAS and c.entry.feature in STRONG_FEATURES
                    for c in gaz.candidates_for_key(key)
                )
            ):
                return  # "Morales" after "Evo Morales": a person's name, not a town (even if tagged one)
            found = gaz.candidates_for_key(key)
            if not found and strong and not region:
                # "Southern California", "North London", "Greater Toronto": the place named after the
                # direction word, the span kept whole
                rest = self._after_direction(doc, start, end)
                if rest is not None and gaz.candidates_for_key(normalize(rest)):
                    for i in range(start, end):
                        taken[i] = True
                    cands.append(_Cand(start, end, rest, False, True))
                    return
            if not found:
                if strong and self._plausible_unknown(doc, start, end):
                    # a place the gazetteer lacks: reported, with no point, rather than dropped
                    for i in range(start, end):
                        taken[i] = True
                    cands.append(_Cand(start, end, name, region, strong, unresolved=True))
                return
            # A name the article tags as a company or body and never as a place ("Toyota", "Nissan")
            # is a place only after "in"/"near" or beside other places, or when it is a country/region.
            org_name = (
                key in org_keys and not loc and not any(c.entry.feature in STRONG_FEATURES for c in found)
            )
            if not strong and not region and (org_name or not weak_ok(found)):
                if end - start == 1 and any(
                    c.kind == KIND_PRIMARY and c.entry.feature == FEATURE_CITY for c in found
                ):
                    pending.append(_Cand(start, end, name, False, False))
                return
            for i in range(start, end):
                taken[i] = True
            cands.append(_Cand(start, end, name, region, strong))

        # Names spaCy tags as organisations or products somewhere in the article and never as a place
        # are bodies, not towns, wherever they appear.
        ents = doc.ents  # spaCy builds the tuple of spans on every access: once per Doc
        org_keys = {normalize(e.text) for e in ents if e.label_ in ORG_LABELS} - {
            normalize(e.text) for e in ents if e.label_ in PLACE_LABELS
        }
        # last names of the article's people ("Evo Morales" ... "Morales said")
        surnames = {normalize(e[-1].text) for e in ents if e.label_ == "PERSON" and len(e) >= 2}
        persons = set()
        for ent in ents:
            if ent.label_ == "PERSON":
                persons.update(range(ent.start, ent.end))
        for ent in ents:
            for s, e in self._split_possessive(ent):
                if ent.label_ in PLACE_LABELS or (
                    ent.label_ == "NORP" and self._place_not_people(doc[s:e].text)
                ):
                    add(s, e, True, None)
                elif ent.label_ not in SKIP_LABELS and ent.label_ != "NORP":
                    if ent.label_ != "PERSON" and not self._known(doc, s, e):
                        first = s + 1 if doc[s].lower_ == "the" else s
                        rest = self._after_direction(doc, first, e)
                        if rest is not None and self._strong_name(rest):
                            add(first, e, True, None)  # "Far North Queensland" tagged as a body
                            continue
                        inner = self._inner_place(doc, s, e)
                        if inner is not None:
                            add(inner[0], inner[1], True, None)
                        else:  # "Bantam Superior Court": a town, if the article's places are near it
                            town = self._town_opening(doc, first, e)
                            if town is not None:
                                pending.append(
                                    _Cand(town[0], town[1], doc[town[0] : town[1]].text, False, False)
                                )
                        continue
                    root = doc[s:e].root
                    locative = (s > 0 and doc[s - 1].lower_ in self.locative) or (
                        root.dep_ == "conj" and taken[root.head.i]
                    )
                    obj = e - s == 1 and doc[s].dep_ in ("dobj", "pobj")
                    add(
                        s,
                        e,
                        False,
                        lambda found, loc=locative, label=ent.label_, obj=obj: self._weak_ok(
                            found, loc, label, obj
                        ),
                        (s > 0 and doc[s - 1].lower_ in SPATIAL)
                        or (root.dep_ == "conj" and taken[root.head.i]),
                    )
        # datelines: "BEIRUT —", "TORRINGTON -", at the start of a line or sentence
        for start, end in self._datelines(doc):
            if any(c.kind <= KIND_ALIAS for c in gaz.candidates_for_key(normalize(doc[start:end].text))):
                add(start, end, True, None)
        # capitalised names spaCy did not tag
        i = 0
        while i < len(doc):
            tok = doc[i]
            if taken[i] or tok.ent_type_ in SKIP_LABELS or not self._capitalised(tok) or i in persons:
                i += 1
                continue
            j = i + 1
            while (
                j < len(doc)
                and not taken[j]
                and j not in persons
                and (self._capitalised(doc[j]) or (doc[j].text == "-" and not doc[j - 1].whitespace_))
            ):
                j += 1
            while j > i + 1 and doc[j - 1].text == "-":
                j -= 1
            if tok.ent_type_ != "NORP" and normalize(doc[i:j].text) not in self.not_places:
                root = doc[i:j].root
                # "in Kharkiv", and "Kharkiv and Odesa" once Kharkiv is a place
                locative = (i > 0 and doc[i - 1].lower_ in self.locative) or (
                    root.dep_ == "conj" and taken[root.head.i]
                )
                obj = root.dep_ in ("dobj", "pobj", "conj")
                before = len(cands)
                add(
                    i,
                    j,
                    False,
                    lambda found, loc=locative, obj=obj: self._weak_ok(found, loc, "", obj, 100_000),
                    (i > 0 and doc[i - 1].lower_ in SPATIAL) or (root.dep_ == "conj" and taken[root.head.i]),
                )
                if len(cands) == before and j - i >= 2 and not self._known(doc, i, j):
                    # "Queensland Amber Alert": a unit or country opening a longer unknown name
                    inner = self._inner_place(doc, i, j, prefix_only=True)
                    if inner is not None:
                        add(inner[0], inner[1], True, None)
            i = j
        # "Edmonton, Ky.", "BARRIE, Ont.": a state or province abbreviation and the town before it
        self._abbreviated_units(doc, cands, taken)
        # "South East Asian", "West African": direction words cut short before an adjective: no place
        for c in [
            c
            for c in cands
            if c.end < len(doc)
            and doc[c.start].lower_ in self.directions
            and self._adjective_after(doc, c.end)
        ]:
            cands.remove(c)
            for k in range(c.start, c.end):
                taken[k] = True  # nor a demonym inside it
        # demonyms, where no place was found
        for i, tok in enumerate(doc):
            if taken[i] or i in persons or not tok.text[:1].isupper() or tok.lower_ in ("the", "a", "an"):
                continue  # "The German carmaker": the demonym is "German"
            for width in (2, 1):
                if i + width > len(doc) or any(taken[i : i + width]):
                    continue
                code = gaz.country_of_demonym(doc[i : i + width].text)
                if code and gaz.country(code):
                    for k in range(i, i + width):
                        taken[k] = True
                    cands.append(
                        _Cand(i, i + width, doc[i : i + width].text, False, True, gaz.country(code), True)
                    )
                    break
        cands.sort(key=lambda c: c.start)
        pending = [c for c in pending if not any(taken[c.start : c.end])]
        return cands, pending

    @staticmethod
    def _datelines(doc: Doc) -> list[tuple[int, int]]:
        """Spans of one to three words in capitals that open a line or sentence and stand before a
        dash: the place a news story was filed from."""
        out = []
        for tok in doc:
            if not (tok.is_upper and tok.is_alpha and len(tok) >= 3):  # cheap tests first
                continue
            i = tok.i
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

    def _plausible_unknown(self, doc: Doc, start: int, end: int) -> bool:
        """May a name spaCy tags as a place but the gazetteer lacks be reported unresolved? Only a
        capitalised name of letters (no numbers, no known non-place word, no demonym) after "in",
        "near", "the village of"..., or joined to another place ("Foua and Kfraya")."""
        span = doc[start:end]
        if any(not (t.is_alpha or t.text in ("-", ".", "'")) for t in span) or not span[0].text[:1].isupper():
            return False
        before = doc[start - 1].lower_ if start > 0 else ""
        cue = before in SPATIAL or (before == "of" and start > 1 and doc[start - 2].lower_ in CITY_CUES)
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
        return doc[i:end].text if i > start else None

    def _town_opening(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """One or two capitalised words opening a longer name that are a town's own name."""
        for n in (2, 1):
            if start + n >= end or not all(
                t.is_alpha and t.text[:1].isupper() for t in doc[start : start + n]
            ):
                continue
            key = normalize(doc[start : start + n].text)
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
            key = normalize(doc[s:e].text)
            if key in self.not_places or len(key) < 2 or (len(key) == 2 and not doc[s:e].text.isupper()):
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

    def _abbreviated_units(self, doc: Doc, cands: list[_Cand], taken: list[bool]) -> None:
        """Read "Town, St." where St. abbreviates a state or province: the unit, and the town in it.

        A bare two-letter code ("KY") counts only when the town before it lies in that state."""
        for i in range(2, len(doc)):
            if doc[i - 1].text != ",":
                continue
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
            town = self._town_in(doc[town_start:town_end].text, unit) if town_start < town_end else None
            dotted = "." in doc[i:end].text
            if town is None and not dotted:
                continue
            spans = [(i, end, unit)]
            if town is not None:
                spans.append((town_start, town_end, town))
            for s, e, entry in spans:
                cands[:] = [c for c in cands if c.end <= s or c.start >= e]
                for k in range(s, e):
                    taken[k] = True
                cands.append(_Cand(s, e, doc[s:e].text, False, True, entry, fixed=True))

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

    # -- resolution ------------------------------------------------------------------------------
    def _container(self, doc: Doc, cand: _Cand, by_start: dict[int, _Cand], by_end: dict[int, _Cand]):
        """A country or unit named next to the candidate: "Russia's X", "X, Ukraine", "X of Russia"."""
        s, e = cand.start, cand.end
        if cand.entry is not None and cand.entry.feature == FEATURE_COUNTRY:
            return None  # "in Russia, U.S. officials said": a country is inside no other
        if s >= 2 and doc[s - 1].text in POSSESSIVE and (s - 1) in by_end:
            return by_end[s - 1].entry
        if e < len(doc) and doc[e].text in (",", "of", "in") and (e + 1) in by_start:
            other = by_start[e + 1]
            if other.entry is not None and other.entry.feature in STRONG_FEATURES and not other.demonym:
                return other.entry
        return None

    @staticmethod
    def _sibling_feature(
        doc: Doc, cand: _Cand, by_start: dict[int, _Cand], by_end: dict[int, _Cand]
    ) -> str | None:
        """The kind (country, admin1) of a place joined to this one by "and"/"or", if any."""
        others = []
        if cand.start >= 2 and doc[cand.start - 1].lower_ in ("and", "or"):
            others.append(by_end.get(cand.start - 1))
        if cand.end + 1 < len(doc) and doc[cand.end].lower_ in ("and", "or"):
            others.append(by_start.get(cand.end + 1))
        for other in others:
            if other is not None and other.entry is not None and not other.demonym:
                if other.entry.feature in (FEATURE_COUNTRY, FEATURE_ADMIN1):
                    return other.entry.feature
        return None

    @staticmethod
    def _contained(doc: Doc, cand: _Cand, by_end: dict[int, _Cand]) -> GazetteerEntry | None:
        """The town named right before ", X" ("Atlanta, Georgia"): X is then what holds it."""
        s = cand.start
        if s >= 2 and doc[s - 1].text == "," and (s - 1) in by_end:
            before = by_end[s - 1].entry
            if before is not None and before.feature in (FEATURE_CITY, FEATURE_ADMIN2):
                return before
        return None

    def __call__(self, doc: Doc) -> Doc:
        cands, pending = self._candidates(doc)
        gaz = self.gaz
        # pass 1: alone
        alone: dict[tuple[str, bool], Any] = {}  # a name mentioned ten times is ranked once
        for c in cands:
            if not c.demonym and not c.fixed and not c.unresolved:
                key = (c.name, c.region_word)
                if key not in alone:
                    ranked = rank(gaz, c.name, Context(region_word=c.region_word))
                    alone[key] = ranked[0][1].entry if ranked else None
                c.entry = alone[key]
        countries: Counter[str] = Counter()
        for c in cands:
            if c.entry is not None and (c.demonym or c.entry.feature in STRONG_FEATURES) and c.entry.country:
                countries[c.entry.country] += 1
        weights = {cc: n / max(countries.values()) for cc, n in countries.items()} if countries else {}
        units: Counter[str] = Counter(
            c.entry.admin1
            for c in cands
            if c.entry is not None and c.entry.feature == FEATURE_ADMIN1 and c.entry.admin1 and not c.demonym
        )
        admins = {key: n / max(units.values()) for key, n in units.items()} if units else {}
        # pass 2: in context
        by_start = {c.start: c for c in cands}
        by_end = {c.end: c for c in cands}
        nearby = list(
            {
                c.entry.gazetteer_id: c.entry
                for c in cands
                # a unit's point is the middle of its area: only towns and counties pin a neighbourhood
                if c.entry is not None and c.entry.feature in (FEATURE_CITY, FEATURE_ADMIN2) and not c.demonym
            }.values()
        )
        in_context: dict[tuple, Any] = {}
        anchored: dict[tuple[str, bool], GazetteerEntry] = {}
        for c in cands:
            if c.demonym or c.fixed or c.unresolved:
                continue
            container = self._container(doc, c, by_start, by_end)
            contained = self._contained(doc, c, by_end)
            city_cue = (
                c.start >= 2 and doc[c.start - 1].lower_ == "of" and doc[c.start - 2].lower_ in CITY_CUES
            )
            sibling = self._sibling_feature(doc, c, by_start, by_end)
            key = (
                c.name,
                c.region_word,
                container.gazetteer_id if container is not None else None,
                contained.gazetteer_id if contained is not None else None,
                city_cue,
                sibling,
            )
            if key not in in_context:
                ctx = Context(
                    countries=weights,
                    admins=admins,
                    container=container,
                    contained=contained,
                    city_cue=city_cue,
                    sibling_feature=sibling,
                    nearby=nearby,
                    region_word=c.region_word,
                )
                ranked = rank(gaz, c.name, ctx)
                in_context[key] = ranked[0][1].entry if ranked else None
            c.entry = in_context[key]
            if c.entry is not None and (container is not None or contained is not None):
                anchored.setdefault((normalize(c.name), c.region_word), c.entry)
        # one sense per name per article: a name pinned down once ("Paris, Texas") keeps that sense
        for c in cands:
            if c.fixed and c.entry is not None and c.entry.feature in (FEATURE_CITY, FEATURE_ADMIN2):
                anchored.setdefault((normalize(c.name), False), c.entry)
        for c in cands:
            pinned = anchored.get((normalize(c.name), c.region_word))
            if pinned is not None and not c.demonym and not c.fixed and c.entry is not None:
                if c.entry.feature != FEATURE_COUNTRY and self._container(doc, c, by_start, by_end) is None:
                    c.entry = pinned
        # names the model took for people or organisations: towns close to the article's places
        local = [
            c.entry
            for c in cands
            if c.entry is not None and c.entry.feature in (FEATURE_CITY, FEATURE_ADMIN1, FEATURE_ADMIN2)
        ]
        spans = {(c.start, c.end) for c in cands}
        for c in pending:
            if (c.start, c.end) in spans:
                continue  # the same name found twice (as an organisation and as a capitalised word)
            # in a unit the article names first, then the best known
            ordered = sorted(
                gaz.candidates_for_key(normalize(c.name)),
                key=lambda cand: (cand.entry.admin1 in admins, prior(cand)),
                reverse=True,
            )
            for cand in ordered:
                e = cand.entry
                # villages (under 1,000 people) only with a plainer cue: "in X", "X, Ky."
                if cand.kind == KIND_PRIMARY and e.feature == FEATURE_CITY and e.population >= 1000:
                    if any(distance_km(e, other) < 150 for other in local):
                        c.entry = e
                        cands.append(c)
                        spans.add((c.start, c.end))
                        break
        cands.sort(key=lambda c: c.start)
        places: list[PlaceMention] = []
        for c in cands:
            e = c.entry
            if (e is None and not c.unresolved) or (e is not None and self._metonymy(doc, c, e)):
                continue
            span = doc[c.start : c.end]
            # trim what the tokeniser left on the edges ("Nigerian \n", "Turkish-" of "Turkish-backed")
            raw = span.text
            text = raw.strip().rstrip("-–—").rstrip()
            if not text:
                continue
            first = span.start_char + (len(raw) - len(raw.lstrip()))
            places.append(
                PlaceMention(
                    start=first,
                    end=first + len(text),
                    text=text,
                    name=e.name if e is not None else text,
                    country=e.country if e is not None else None,
                    lat=e.lat if e is not None else None,
                    lon=e.lon if e is not None else None,
                    gazetteer_id=e.gazetteer_id if e is not None else None,
                    feature=e.feature if e is not None else "unresolved",
                    demonym=c.demonym,
                )
            )
        doc._.places = places
        return doc

    def _metonymy(self, doc: Doc, cand: _Cand, entry: GazetteerEntry) -> bool:
        """A capital acting as its government ("Pyongyang may send ..."), not a place."""
        if cand.region_word or not self.gaz.is_capital(entry):
            return False
        span = doc[cand.start : cand.end]
        root = span.root
        return root.dep_ == "nsubj" and root.head.lemma_.lower() in self.agentive
