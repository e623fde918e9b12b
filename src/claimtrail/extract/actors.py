"""Actors: people, organisations, governments, militaries, intelligence bodies, media, countries and
unnamed sources, with roles, countries and one normalised name per actor within an article.

Candidates come from three places, in priority order: the alias list of ``resources/actors.yaml``
("Pyongyang" -> North Korea, "HUR"), spaCy's PERSON/ORG/GPE entities, and noun phrases headed by a
source noun ("a senior South Korean government official", "intelligence assessments"). Then the
dependency parse links mentions of one actor (appositions, parentheses, "identified as"), short
names are merged with earlier full names ("Yu" -> "Yu Yong-weon"), and each actor's role and
country are shared by all its mentions. Countries come from ``doc._.places`` (demonyms and country
names), with a small fallback list in the YAML for when places found nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from .. import resources
from ..model import ActorMention
from . import institutions

NAMED_KINDS = ("alias", "entity")
POSSESSIVE_TAGS = ("POS",)
BREAKS = frozenset({",", ";", ":", "(", ")", "“", "”", '"', "—", "–"})
NP_DEPS = frozenset(
    {"det", "amod", "compound", "nmod", "poss", "case", "quantmod", "advmod", "nummod", "npadvmod"}
)
ROLE_SKIP_TAGS = frozenset({"VBN", "VBG", "DT", "PRP$", "POS", "CD"})


@dataclass
class Lexicon:
    """The actors resource, compiled once."""

    aliases: list[dict[str, Any]]
    place_preps: frozenset[str]
    source_nouns: dict[str, dict[str, Any]]
    modifier_types: dict[str, str]
    org_keywords: list[tuple[str, list[str]]]
    titles: frozenset[str]
    honorifics: frozenset[str]
    naming_verbs: frozenset[str]
    demonyms: dict[str, str | None]
    countries: dict[str, str | None]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The parsed ``actors.yaml`` (cached per process)."""
    data = resources.load("actors.yaml")
    return Lexicon(
        aliases=list(data["aliases"]) + _institution_aliases(),
        place_preps=frozenset(data["place_prepositions"]),
        source_nouns={k.lower(): v for k, v in data["source_nouns"].items()},
        modifier_types={k.lower(): v for k, v in data["modifier_types"].items()},
        org_keywords=[(k, list(v)) for k, v in data["org_keywords"].items()],
        titles=frozenset(data["titles"]),
        honorifics=frozenset(data["honorifics"]),
        naming_verbs=frozenset(data["naming_verbs"]),
        demonyms=dict(data["demonyms"]),
        countries=dict(data["countries"]),
    )


def _institution_aliases() -> list[dict[str, Any]]:
    """The institutions table as alias entries for the matcher (people are left to the entity
    tagger, which also finds their titles and roles)."""
    return [
        {"normalized": i.name, "type": i.type, "country": i.country, "names": list(i.names) or [i.name]}
        for i in institutions.table().institutions
        if i.type != "person"
    ]


@dataclass
class _Cand:
    """A mention being built: token span [start, end), head token, provenance."""

    start: int
    end: int
    head: int
    kind: str  # alias | entity | nominal | country
    type: str
    normalized: str
    country: str | None = None
    role: str | None = None
    rank: int = 0  # how good a name this is when linked mentions pick one normalised name
    links: list[_Cand] = field(default_factory=list)  # mentions of the same actor
    definite: bool = False
    absorbed: list[int] = field(default_factory=list)  # starts of country mentions inside this phrase


@Language.factory("claimtrail_actors")
def make_component(nlp: Language, name: str) -> Component:
    return Component(nlp)


class Component:
    """spaCy component setting ``doc._.actors`` (a list of ActorMention in text order)."""

    def __init__(self, nlp: Language) -> None:
        lex = lexicon()
        self.lex = lex
        self.speech = frozenset(resources.load("attribution.yaml")["speech_verbs"])
        self.alias_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.alias_info: dict[str, dict[str, Any]] = {}
        for i, entry in enumerate(lex.aliases):
            key = f"alias{i}"
            self.alias_info[key] = entry
            self.alias_matcher.add(key, [nlp.make_doc(n) for n in entry["names"]])
        self.geo_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.geo_info: dict[str, tuple[str | None, bool]] = {}
        for table, is_demonym in ((lex.demonyms, True), (lex.countries, False)):
            for i, (name, code) in enumerate(table.items()):
                key = f"{'dem' if is_demonym else 'cty'}{i}"
                self.geo_info[key] = (code, is_demonym)
                self.geo_matcher.add(key, [nlp.make_doc(name)])

    # ------------------------------------------------------------------ geography
    def _geo(self, doc: Doc) -> tuple[dict[int, str | None], set[int], set[int]]:
        """Token -> country code for demonyms and country names; the token sets of each."""
        country_of: dict[int, str | None] = {}
        demonym_toks: set[int] = set()
        country_toks: set[int] = set()
        for p in doc._.places or []:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None:
                continue
            if p.demonym or p.feature == "country":
                for t in span:
                    country_of[t.i] = p.country
                    (demonym_toks if p.demonym else country_toks).add(t.i)
        for key, s, e in self.geo_matcher(doc):
            if any(i in country_of for i in range(s, e)):
                continue
            code, is_dem = self.geo_info[doc.vocab.strings[key]]
            for i in range(s, e):
                country_of[i] = code
                (demonym_toks if is_dem else country_toks).add(i)
        return country_of, demonym_toks, country_toks

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        country_of, demonym_toks, country_toks = self._geo(doc)
        taken: list[Any] = [False] * len(doc)  # the candidate holding each token
        cands: list[_Cand] = []

        def free(s: int, e: int) -> bool:
            return not any(t is not False for t in taken[s:e])

        def take(c: _Cand) -> None:
            if c.absorbed:
                cands[:] = [o for o in cands if o.start not in c.absorbed or o.kind != "country"]
            for i in range(c.start, c.end):
                taken[i] = c
            cands.append(c)

        # 1. aliases (longest first)
        matches = sorted(self.alias_matcher(doc), key=lambda m: (m[1] - m[2], m[1]))
        for key, s, e in matches:
            if not free(s, e):
                continue
            info = self.alias_info[doc.vocab.strings[key]]
            if info.get("metonym") and self._is_place_use(doc, s, e):
                continue
            if doc[s:e].root.ent_type_ == "PERSON" and e - s == 1 and _ent_len(doc[s]) > 1:
                continue
            take(
                _Cand(
                    s,
                    e,
                    doc[s:e].root.i,
                    "alias",
                    info["type"],
                    info["normalized"],
                    info.get("country"),
                    rank=3,
                )
            )

        # 2. entities
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            s, e = ent.start, ent.end
            while s < e and doc[s].tag_ in ("DT",):
                s += 1
            while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct):
                e -= 1
            if s >= e or not free(s, e):
                continue
            span = doc[s:e]
            text = span.text
            if ent.label_ == "GPE":
                if all(i in country_toks for i in range(s, e)):
                    take(_Cand(s, e, span.root.i, "country", "country", text, country_of.get(s), rank=2))
                continue
            if ent.label_ == "NORP":
                continue
            if ent.label_ == "PERSON":
                # "Defense Minister Rustem Umerov" where the model tagged only "Umerov"
                while (
                    s > 0
                    and doc[s - 1].pos_ == "PROPN"
                    and doc[s - 1].dep_ == "compound"
                    and doc[s - 1].text not in self.lex.titles
                    and (s - 1) not in country_of
                    and doc[s - 1].ent_type_ in ("", "PERSON")
                    and free(s - 1, s)
                ):
                    s -= 1
                span = doc[s:e]
                text = span.text
                name = text
                if span[0].text in self.lex.honorifics and len(span) > 1:
                    name = doc[s + 1 : e].text
                take(_Cand(s, e, span.root.i, "entity", "person", name, rank=2))
            else:
                take(_Cand(s, e, span.root.i, "entity", self._org_type(text), text, rank=2))

        # 2a. a proper name the entity tagger missed or called a place, speaking: a person
        # ("Natalia Sorokina, who heads the hospital, said")
        propns = [t for t in doc if t.pos_ == "PROPN"]  # one pass: Token objects are costly to make
        for tok in propns:
            if taken[tok.i] is False and _speaking(tok, self.speech):
                s = tok.i
                while (
                    s > 0 and doc[s - 1].dep_ == "compound" and doc[s - 1].pos_ == "PROPN" and free(s - 1, s)
                ):
                    s -= 1
                if self._speaking_name(doc, s, tok.i + 1, country_of):
                    take(_Cand(s, tok.i + 1, tok.i, "entity", "person", doc[s : tok.i + 1].text, rank=2))
        # 2a. a name given by a naming verb that the model missed: "a soldier, identified only as Ri"
        for tok in propns:
            if (
                taken[tok.i] is False
                and tok.is_title
                and _naming_verb(tok, self.lex.naming_verbs) is not None
            ):
                s = tok.i
                while (
                    s > 0 and doc[s - 1].dep_ == "compound" and doc[s - 1].pos_ == "PROPN" and free(s - 1, s)
                ):
                    s -= 1
                take(_Cand(s, tok.i + 1, tok.i, "entity", "person", doc[s : tok.i + 1].text, rank=2))
        # 2b. parenthetical acronyms ("the Korea Institute for National Unification (KINU)")
        for c in list(cands):
            e = c.end
            if c.type == "person" or e + 2 >= len(doc) or doc[e].text != "(" or doc[e + 2].text != ")":
                continue
            acro = doc[e + 1]
            if acro.is_upper and len(acro) >= 2 and free(e + 1, e + 2):
                new = _Cand(e + 1, e + 2, e + 1, "entity", c.type, acro.text, c.country, rank=2)
                new.links.append(c)
                take(new)
        # 2c. later short forms the model missed: "Umerov" after "Rustem Umerov", "KINU"
        short: dict[str, _Cand] = {}
        for c in cands:
            if c.kind != "entity":
                continue
            if c.type == "person" and c.end - c.start > 1:
                for t in (doc[c.start], doc[c.end - 1]):
                    short.setdefault(t.text, c)
            elif c.type == "person":
                short.setdefault(doc[c.start].text, c)  # "Ri" named once, then repeated
            elif c.end - c.start == 1 and doc[c.start].is_upper:
                short.setdefault(doc[c.start].text, c)
        if short:
            for tok in propns:
                c = short.get(tok.text)
                if c is not None and taken[tok.i] is False and tok.pos_ == "PROPN" and tok.i >= c.end:
                    take(_Cand(tok.i, tok.i + 1, tok.i, "entity", c.type, tok.text, c.country, rank=2))

        # 3. nominal sources
        for tok in doc:
            if taken[tok.i] is not False or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            entry = self.lex.source_nouns.get(tok.lower_)
            if entry is None:
                continue
            cand = self._nominal(doc, tok, entry, country_of, demonym_toks, country_toks, taken)
            if cand is not None:
                take(cand)

        cands.sort(key=lambda c: c.start)
        self._roles_and_countries(doc, cands, country_of, demonym_toks, country_toks)
        self._known_bodies(doc, cands)
        self._link(doc, cands)
        doc._.actors = [
            ActorMention(
                start=doc[c.start].idx,
                end=doc[c.end - 1].idx + len(doc[c.end - 1]),
                text=doc[c.start : c.end].text,
                normalized=c.normalized,
                type=c.type,
                country=c.country,
                role=c.role,
            )
            for c in cands
        ]
        return doc

    # ------------------------------------------------------------------ helpers
    def _speaking_name(self, doc: Doc, s: int, e: int, country_of: dict[int, str | None]) -> bool:
        """A two- or three-word proper name the entity tagger called a place, speaking: a person
        ("Natalia Sorokina, who heads the hospital, said")."""
        span = doc[s:e]
        if not 2 <= len(span) <= 3 or not all(t.is_title and t.pos_ == "PROPN" for t in span):
            return False
        if any(t.i in country_of for t in span) or any(t.text in self.lex.titles for t in span):
            return False
        places = doc._.places or []
        return not any(p.start <= span.start_char and span.end_char <= p.end for p in places)

    def _is_place_use(self, doc: Doc, s: int, e: int) -> bool:
        """A metonym used as a location ("in Moscow"), or part of a longer place/person name."""
        root = doc[s:e].root
        if root.dep_ == "pobj" and root.head.lower_ in self.lex.place_preps:
            return True
        prev = doc[s - 1] if s > 0 else None
        if prev is not None and prev.lower_ in self.lex.place_preps and prev.lower_ != "of":
            return True
        return root.dep_ == "compound" and root.head.pos_ in ("PROPN", "NOUN") and root.head.i >= e

    def _org_type(self, text: str) -> str:
        """The type of an organisation's name: keywords ("Intelligence", "Forces"), else a generic
        head noun typed by its modifiers ("the foreign ministry" -> government)."""
        for typ, words in self.lex.org_keywords:
            for w in words:
                if f" {w} " in f" {text} ":
                    return typ
        words = text.lower().split()
        entry = self.lex.source_nouns.get(words[-1]) if words else None
        if entry is not None and entry["type"] in ("government", "military", "intelligence", "media"):
            typ = entry["type"]
            if entry.get("by_modifier"):
                for w in words[:-1]:
                    typ = self.lex.modifier_types.get(w, typ) if w in self.lex.modifier_types else typ
            return typ
        return "organization"

    def _nominal(
        self,
        doc: Doc,
        tok: Token,
        entry: dict[str, Any],
        country_of: dict[int, str | None],
        demonym_toks: set[int],
        country_toks: set[int],
        taken: list[bool],
    ) -> _Cand | None:
        """An unnamed source noun phrase headed by ``tok``, typed from its head and modifiers."""
        if tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
            return None  # "intelligence" in "intelligence assessments": the head decides
        if any(c.dep_ == "nummod" for c in tok.children) and not _speaking(tok, self.speech):
            return None  # a counted group ("3 officers") is a quantity's subject, not a source
        if entry.get("needs_source_use") and not _source_use(tok):
            return None
        mods: set[int] = set()
        for child in tok.lefts:
            if child.dep_ in NP_DEPS:
                mods.update(t.i for t in child.subtree)
        start = tok.i
        while start - 1 in mods and not doc[start - 1].is_space and doc[start - 1].text not in BREAKS:
            start -= 1
        while start < tok.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
            start += 1
        absorbed: list[int] = []
        inherited_country = None
        inherited_type = None
        if any(taken[start : tok.i + 1]):
            # a possessive country is absorbed ("Ukraine's forces"); other names cut the phrase
            inner = {
                id(taken[i]): taken[i] for i in range(start, tok.i + 1) if taken[i] is not False
            }.values()
            if all(c.kind == "country" for c in inner):
                absorbed = [c.start for c in inner]
            else:
                last = max(i for i in range(start, tok.i + 1) if taken[i] is not False)
                if last == tok.i:
                    return None
                cutter = taken[last]
                if cutter.type not in ("person", "country") and cutter.country:
                    inherited_country = cutter.country  # "a senior Pentagon official" -> US
                if cutter.type not in ("person", "country", "anonymous") and doc[last + 1].tag_ == "POS":
                    inherited_type = cutter.type  # "the UN's humanitarian office" -> organization
                start = last + 1
                while start < tok.i and (doc[start].tag_ == "POS" or doc[start].is_punct):
                    start += 1
        words = [doc[i] for i in range(start, tok.i)]
        typ = entry["type"]
        mod_type = None
        for w in words:
            mt = self.lex.modifier_types.get(w.lower_)
            if mt is not None:
                mod_type = mt
        if entry.get("needs_modifier") and mod_type is None:
            return None
        if entry.get("by_modifier") and mod_type is not None:
            typ = mod_type
        elif entry.get("by_modifier") and inherited_type is not None and typ not in ("media", "document"):
            typ = inherited_type
        country = inherited_country
        for i in range(start, tok.i):
            if i in country_of and country_of[i]:
                country = country_of[i]
        for child in tok.children:  # "officials from Ukraine", "forces of Russia"
            if child.dep_ == "prep" and child.lower_ in ("from", "of", "in") and country is None:
                for g in child.children:
                    country = country or _first_country(
                        (t for t in g.subtree if t.i <= g.i and t.dep_ != "relcl"), country_of
                    )
        geo = demonym_toks | country_toks
        role_words = [
            w.text
            for w in words
            if w.i not in geo
            and w.tag_ not in ROLE_SKIP_TAGS
            and w.dep_ not in ("poss", "case", "det")
            and not w.is_punct
            and w.ent_type_ not in ("NORP", "GPE", "CARDINAL", "ORDINAL")
        ]
        head_word = tok.lower_ if tok.is_sent_start and not role_words else tok.text
        role = (
            " ".join(role_words + [head_word])
            if typ in ("person", "anonymous") or entry.get("role")
            else None
        )
        first = next((w.i for w in words if w.tag_ not in ("DT", "PRP$")), tok.i)
        normalized = doc[first : tok.i + 1].text
        if normalized == tok.text and country is None:
            normalized = tok.lower_
        definite = any(w.lower_ == "the" or w.tag_ in ("POS", "PRP$") for w in words)
        cand = _Cand(
            start, tok.i + 1, tok.i, "nominal", typ, normalized, country, role, rank=1, definite=definite
        )
        cand.absorbed = absorbed
        return cand

    def _roles_and_countries(
        self,
        doc: Doc,
        cands: list[_Cand],
        country_of: dict[int, str | None],
        demonym_toks: set[int],
        country_toks: set[int],
    ) -> None:
        """Roles from appositions, titles and "identified as"; countries from demonyms; links."""
        by_head = {c.head: n for n, c in enumerate(cands)}
        drop: set[int] = set()
        for c in cands:
            head = doc[c.head]
            if c.kind == "entity":
                # apposition: "Kyrylo Budanov, head of Ukraine's military intelligence agency"
                for child in head.children:
                    if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > head.i:
                        other = by_head.get(child.i)
                        if other is not None and cands[other].kind == "nominal":
                            if cands[other].type in ("person", "anonymous", "military"):
                                drop.add(other)
                            else:
                                continue
                        c.role = _role_text(doc, child)
                        c.type = "person" if c.type in ("organization", "person") else c.type
                        if c.country is None:
                            c.country = _first_country(child.subtree, country_of)
                # title before the name: "Ukrainian President Volodymyr Zelensky"
                if c.type == "person":
                    titles = []
                    i = c.start - 1
                    while i >= 0 and i < doc[i].head.i < c.end and doc[i].dep_ in ("compound", "amod"):
                        titles.append(doc[i])
                        i -= 1
                    titles.reverse()
                    if any(t.text in self.lex.titles for t in titles):
                        geo = demonym_toks | country_toks
                        role = " ".join(t.text for t in titles if t.i not in geo)
                        c.role = c.role or role or None
                        if c.country is None:
                            c.country = _first_country(titles, country_of)
                # "a soldier, identified only as Baek"
                verb = _naming_verb(head, self.lex.naming_verbs)
                if verb is not None:
                    prior = [m for m, o in enumerate(cands) if o.end <= verb.i and o.kind == "nominal"]
                    if prior:
                        m = prior[-1]
                        gap = doc[cands[m].end : verb.i]
                        if all(t.is_punct or t.dep_ == "cc" for t in gap) and cands[m].type in (
                            "person",
                            "anonymous",
                        ):
                            c.type = "person"
                            c.role = c.role or cands[m].role
                            c.country = c.country or cands[m].country
                            c.links.append(cands[m])
                    elif c.type == "organization":
                        c.type = "person"
            # links by apposition / parentheses: "the spy agency, the National Intelligence Service"
            for child in head.children:
                if child.dep_ == "appos" and child.i in by_head:
                    other = cands[by_head[child.i]]
                    if "country" not in (c.kind, other.kind):  # "to Russia, Seoul's spy agency said"
                        c.links.append(other)
            if c.country is None and c.kind == "entity" and c.type != "person":
                c.country = _first_country(doc[c.start : c.end], country_of)
        if drop:
            cands[:] = [c for n, c in enumerate(cands) if n not in drop]

    def _known_bodies(self, doc: Doc, cands: list[_Cand]) -> None:
        """Descriptions of a known institution take its name, type and country: "South Korea's spy
        agency", "Seoul's intelligence service" -> the NIS; "the country's intelligence agency" ->
        the body of that kind of the country in context (the country of the last body of the same
        type, else the last country named before it)."""
        table = institutions.table()
        known: list[institutions.Institution] = []
        for n, c in enumerate(cands):
            if c.kind not in ("nominal", "entity") or c.type in ("person", "anonymous", "country"):
                continue
            if self.lex.source_nouns.get(doc[c.head].lower_, {}).get("type") == "anonymous":
                continue  # "Ukrainian intelligence sources": people inside the body, kept as said
            context = self._context_countries(cands[:n], c.type)
            same_type = self._context_countries([o for o in cands[:n] if o.type == c.type], c.type)
            # "intelligence data" needs a body of its kind before it; "the spy agency" (definite)
            # may also be that of the country in context
            unstated = same_type[:1] + (context if c.definite else [])
            country = c.country or self._of_country(doc, c.end)  # "the ministry of health of Ukraine"
            inst = table.find(doc[c.start : c.end].text, country, context, unstated)
            if inst is None and c.kind == "nominal" and c.definite:
                inst = self._named_before(doc[c.head].lower_, known)  # "the ministry" after it was named
            if inst is None or inst.type == "person":
                continue
            c.normalized, c.type, c.country, c.rank = inst.name, inst.type, inst.country, 3
            known.append(inst)

    def _of_country(self, doc: Doc, end: int) -> str | None:
        """The country of an "of <country>" right after a mention, if any."""
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            key = doc[end + 1 : end + 3].text if end + 2 < len(doc) else doc[end + 1].text
            for text in (key, doc[end + 1].text):
                if self.lex.countries.get(text):
                    return self.lex.countries[text]
        return None

    @staticmethod
    def _named_before(noun: str, known: list[institutions.Institution]) -> institutions.Institution | None:
        """The one institution named before whose name or descriptions hold ``noun`` ("ministry")."""
        fits = {
            i.name: i
            for i in known
            if noun in i.name.casefold().split() or any(noun in d.split() for d in i.descriptions)
        }
        return next(iter(fits.values())) if len(fits) == 1 else None

    @staticmethod
    def _context_countries(before: list[_Cand], typ: str) -> list[str]:
        """Countries in context, most salient first: those of earlier bodies of the same type (most
        recent first), then of every earlier mention."""
        out: list[str] = []
        for group in ([c for c in before if c.type == typ], before):
            for c in reversed(group):
                if c.country and c.country not in out:
                    out.append(c.country)
        return out

    @staticmethod
    def _link_by_role(doc: Doc, cands: list[_Cand], union: Any) -> None:
        """Union an indefinite person description ("a South Korean lawmaker") with the one named
        person of the article whose role or title holds its head noun and whose country fits."""
        for n, c in enumerate(cands):
            head = doc[c.head]
            if c.kind != "nominal" or c.type != "person" or c.definite or head.tag_ != "NN":
                continue
            noun = head.lower_
            named = [
                m
                for m, o in enumerate(cands)
                if o.kind == "entity"
                and o.type == "person"
                and noun in _role_heads(o.role)
                and (o.country is None or c.country is None or o.country == c.country)
            ]
            people = {cands[m].normalized for m in named}
            if len(people) == 1:
                for m in named:
                    union(n, m)

    def _link(self, doc: Doc, cands: list[_Cand]) -> None:
        """Give linked mentions and short names one normalised name; share type, role and country."""
        parent = list(range(len(cands)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(a: int, b: int) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        index = {id(c): n for n, c in enumerate(cands)}
        for n, c in enumerate(cands):
            for other in c.links:
                if id(other) in index:
                    union(n, index[id(other)])
        # same alias normalisation or same surface
        seen: dict[str, int] = {}
        persons: dict[str, int] = {}
        for n, c in enumerate(cands):
            key = c.normalized.lower() if c.kind != "nominal" else ""
            if key and key in seen:
                union(n, seen[key])
            elif key:
                seen[key] = n
            if c.kind == "entity" and c.type in ("person", "organization"):
                parts = c.normalized.split()
                short = c.normalized.lower()
                if len(parts) == 1 and short in persons and c.type in ("person", "organization"):
                    union(n, persons[short])
                    continue
                if c.type == "person" and len(parts) > 1:
                    for p in (parts[0], parts[-1], parts[-1].split("-")[0]):
                        persons.setdefault(p.lower(), n)
        # a definite description repeating an earlier description's head: "a lawmaker" ... "the
        # lawmaker", "the spy agency" ... "the agency"
        for n, c in enumerate(cands):
            if c.kind != "nominal" or not c.definite or doc[c.head].tag_ not in ("NN", "NNS"):
                continue
            lemma = doc[c.head].lemma_
            prev = [m for m in range(n) if cands[m].kind == "nominal" and doc[cands[m].head].lemma_ == lemma]
            if prev:
                m = prev[-1]
                union(n, m)
                if c.type != cands[m].type and self.lex.source_nouns.get(doc[c.head].lower_, {}).get(
                    "by_modifier"
                ):
                    c.type = cands[m].type
        # the news lede: "..., a South Korean lawmaker said." then "Yu Yong-weon, a member of ...":
        # an indefinite person description speaking, named as the subject of the next sentence
        for n, c in enumerate(cands):
            head = doc[c.head]
            if c.kind != "nominal" or c.type != "person" or c.definite or head.tag_ != "NN":
                continue
            if not (head.dep_ == "nsubj" and head.head.lemma_ in self.speech):
                continue
            nxt = head.sent.end
            if nxt >= len(doc):
                continue
            sent = doc[nxt].sent
            for m in range(n + 1, len(cands)):
                o = cands[m]
                if o.start >= sent.end:
                    break
                if o.start < sent.start or o.kind != "entity" or o.type != "person":
                    continue
                first_mention = not any(
                    cands[k].normalized == o.normalized for k in range(m) if cands[k].kind == "entity"
                )
                fits = o.country is None or c.country is None or o.country == c.country
                if doc[o.head].dep_ == "nsubj" and first_mention and o.end - o.start > 1 and fits:
                    union(n, m)
                break
        # "a South Korean lawmaker" ... "Yu Yong-weon, a lawmaker of the ruling party": an indefinite
        # person description and the one named person whose apposition or title has the same noun
        self._link_by_role(doc, cands, union)
        # definite descriptions of a named body: "the spy agency" after "NIS" (or before it)
        for n, c in enumerate(cands):
            if (
                c.kind != "nominal"
                or not c.definite
                or c.type not in ("intelligence", "government", "military")
            ):
                continue
            if doc[c.head].tag_ != "NN" or c.country is None:
                continue
            named = {
                find(m)
                for m in range(n)
                if cands[m].kind in NAMED_KINDS and cands[m].type == c.type and cands[m].country == c.country
            } or {
                find(m)
                for m in range(n + 1, len(cands))
                if cands[m].kind in NAMED_KINDS and cands[m].type == c.type and cands[m].country == c.country
            }
            if len(named) == 1:
                union(n, named.pop())
        groups: dict[int, list[int]] = {}
        for n in range(len(cands)):
            groups.setdefault(find(n), []).append(n)
        for members in groups.values():
            if len(members) == 1:
                continue
            best = max(members, key=lambda m: (cands[m].rank, len(cands[m].normalized), -m))
            rep = cands[best]
            is_person = any(cands[m].type == "person" for m in members if cands[m].kind != "nominal")
            role = next(
                (cands[m].role for m in members if cands[m].role and cands[m].kind != "nominal"), None
            )
            role = role or next((cands[m].role for m in members if cands[m].role), None)
            country = rep.country or next((cands[m].country for m in members if cands[m].country), None)
            for m in members:
                c = cands[m]
                c.normalized = rep.normalized
                if is_person and c.kind == "entity":
                    c.type = "person"
                if c.type == rep.type or c.kind == "entity":
                    c.role = c.role or role
                c.country = c.country or country


def _role_heads(role: str | None) -> set[str]:
    """The nouns of a role ("a lawmaker of the ruling party" -> {"lawmaker", "party", ...}), casefolded."""
    return {w.strip(",.").casefold() for w in (role or "").split()}


def _ent_len(tok: Token) -> int:
    if not tok.ent_type_:
        return 0
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return len(ent)
    return 0


def _source_use(tok: Token) -> bool:
    """Whether a noun like "reports" is used as a source (subject, "according to", "citing")."""
    if tok.dep_ == "nsubj":
        return True
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ == "to" and prep.head.lower_ == "according":
            return True
        if prep.lower_ in ("per", "by"):
            return True
    if tok.dep_ == "dobj" and tok.head.lemma_ in ("cite", "quote"):
        return True
    return False


def _speaking(tok: Token, speech: frozenset[str]) -> bool:
    """Whether a counted noun is a source: subject of a speech verb ("two officials said"),
    object of "citing"/"quoting", or after "according to"."""
    if tok.dep_ == "nsubj" and tok.head.lemma_ in speech:
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_ in ("cite", "quote"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _first_country(tokens: Any, country_of: dict[int, str | None]) -> str | None:
    for t in tokens:
        code = country_of.get(t.i)
        if code:
            return code
    return None


def _role_text(doc: Doc, tok: Token) -> str:
    """The text of an apposition, without a trailing parenthesis, comma or relative clause."""
    cut = {c.i for c in tok.children if c.dep_ in ("relcl", "conj", "cc", "acl") and c.i > tok.i}
    end = min([tok.right_edge.i + 1] + [min(t.i for t in doc[c].subtree) for c in cut])
    start = tok.left_edge.i
    span = doc[start:end]
    text = span.text
    cut = text.find(" (")
    if cut > 0:
        text = text[:cut]
    return text.strip(" ,;")


def _naming_verb(head: Token, verbs: frozenset[str]) -> Token | None:
    """The verb of "identified (only) as X" / "named X" governing the name, if any."""
    t = head
    if t.dep_ == "pobj" and t.head.lower_ == "as":
        t = t.head
    if t.dep_ in ("prep", "oprd", "dobj", "attr") and t.head.lemma_ in verbs and t.head.tag_ == "VBN":
        return t.head
    return None
