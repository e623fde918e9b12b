"""Actors: people, organisations, governments, militaries, intelligence bodies, media, countries and
unnamed sources, with roles, countries and one normalised name per actor within an article.

Candidates come from three places, in priority order: the alias list of ``resources/actors.yaml``
("Pyongyang" -> North Korea, "HUR"), spaCy's PERSON/ORG/GPE entities, and noun phrases headed by a
source noun ("a senior South Korean government official", "intelligence assessments"). Then the
dependency parse links mentions of one actor (appositions, parentheses, "identified as"), short
names are merged with earlier full names ("Yu" -> "Yu Yong-weon"), and each actor's role and
country are shared by all its mentions. Countries come from ``doc._.places`` (demonyms and country
names), with a small fallback list in the YAML for when places found nothing.

The linking step is ``actors_linking``; the schema of ``resources/actors.yaml`` is
``actors_resource`` (shared with the institutions table, ``institutions``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..model import ActorMention
from . import institutions
from .actors_linking import Candidate, LinkWords, link
from .actors_resource import SourceNoun, load
from .attribution_lexicon import lexicon as attribution_lexicon

BREAKS = frozenset({",", ";", ":", "(", ")", "“", "”", '"', "—", "–"})
NP_DEPS = frozenset(
    {"det", "amod", "compound", "nmod", "poss", "case", "quantmod", "advmod", "nummod", "npadvmod"}
)
ROLE_SKIP_TAGS = frozenset({"VBN", "VBG", "DT", "PRP$", "POS", "CD"})


@dataclass(frozen=True)
class _Alias:
    """Names matched as written for one actor; a metonym is an actor only where it acts."""

    normalized: str
    type: str
    country: str | None
    names: list[str]
    metonym: bool = False


@dataclass
class Lexicon:
    """The actors resource, compiled once."""

    aliases: list[_Alias]
    place_preps: frozenset[str]
    origin_preps: frozenset[str]
    source_preps: frozenset[str]
    source_nouns: dict[str, SourceNoun]
    modifier_types: dict[str, str]
    org_keywords: list[tuple[str, list[str]]]
    titles: frozenset[str]
    honorifics: frozenset[str]
    naming_verbs: frozenset[str]
    place_offices: frozenset[str]
    demonyms: dict[str, str | None]
    countries: dict[str, str | None]


@lru_cache(maxsize=4)
def lexicon(resource: str = "actors.yaml") -> Lexicon:
    """The parsed actors resource (cached per process)."""
    data = load(resource)
    return Lexicon(
        aliases=[
            _Alias(a["normalized"], a["type"], a["country"], a["names"], a.get("metonym", False))
            for a in data["aliases"]
        ]
        + _institution_aliases(institutions.table(resource)),
        place_preps=frozenset(data["place_prepositions"]),
        origin_preps=frozenset(data["origin_prepositions"]),
        source_preps=frozenset(data["source_prepositions"]),
        source_nouns={k.lower(): v for k, v in data["source_nouns"].items()},
        modifier_types={k.lower(): v for k, v in data["modifier_types"].items()},
        org_keywords=[(k, list(v)) for k, v in data["org_keywords"].items()],
        titles=frozenset(data["titles"]),
        honorifics=frozenset(data["honorifics"]),
        naming_verbs=frozenset(data["naming_verbs"]),
        place_offices=frozenset(data["place_offices"]),
        demonyms=dict(data["demonyms"]),
        countries=dict(data["countries"]),
    )


def _institution_aliases(table: institutions.Table) -> list[_Alias]:
    """The institutions table as alias entries for the matcher (people are left to the entity
    tagger, which also finds their titles and roles)."""
    return [
        _Alias(i.name, i.type, i.country, list(i.names) or [i.name])
        for i in table.institutions
        if i.type != "person"
    ]


@dataclass
class _Geo:
    """Token -> country code for demonyms and country names, and the token sets of each."""

    country_of: dict[int, str | None] = field(default_factory=dict)
    demonyms: set[int] = field(default_factory=set)
    countries: set[int] = field(default_factory=set)

    def mark(self, i: int, code: str | None, is_demonym: bool) -> None:
        """Record token ``i`` as (part of) a demonym or a country name of ``code``."""
        self.country_of[i] = code
        (self.demonyms if is_demonym else self.countries).add(i)

    def first(self, tokens: Iterable[Token]) -> str | None:
        """The first country code given by one of ``tokens``."""
        for t in tokens:
            code = self.country_of.get(t.i)
            if code:
                return code
        return None


class _Found:
    """The candidates of one Doc and the candidate holding each token."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.taken: list[Candidate | None] = [None] * len(doc)
        self.cands: list[Candidate] = []

    def free(self, s: int, e: int) -> bool:
        """Whether no candidate holds a token of [s, e)."""
        return all(t is None for t in self.taken[s:e])

    def take(self, c: Candidate) -> None:
        """Add ``c``, dropping the country mentions it absorbs."""
        if c.absorbed:
            self.cands[:] = [o for o in self.cands if o.start not in c.absorbed or o.kind != "country"]
        for i in range(c.start, c.end):
            self.taken[i] = c
        self.cands.append(c)

    def extend_left(self, s: int) -> int:
        """The start of a proper name ending at token ``s``, over the free compound names before it."""
        doc = self.doc
        while s > 0 and doc[s - 1].dep_ == "compound" and doc[s - 1].pos_ == "PROPN" and self.free(s - 1, s):
            s -= 1
        return s


@dataclass
class _Cut:
    """Where a nominal phrase starts once the names inside it are accounted for, and what it takes
    from the name that cuts it ("a senior Pentagon official" -> US)."""

    start: int
    absorbed: list[int] = field(default_factory=list)
    country: str | None = None
    type: str | None = None


@Language.factory(
    "claimtrail_actors",
    assigns=["doc._.actors"],
    requires=[
        "doc._.places",
        "doc.ents",
        "doc.sents",
        "token.pos",
        "token.tag",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.ent_type",
    ],
    default_config={"resource": "actors.yaml", "attribution": "attribution.yaml"},
)
def make_component(nlp: Language, name: str, resource: str, attribution: str) -> Component:
    """The actor component: names and source nouns from ``resource``; the speech and cite verbs
    that make a noun a source from ``attribution`` (the attribution lexicon: defined once)."""
    return Component(nlp, resource, attribution)


class Component:
    """spaCy component setting ``doc._.actors`` (a list of ActorMention in text order)."""

    def __init__(
        self, nlp: Language, resource: str = "actors.yaml", attribution: str = "attribution.yaml"
    ) -> None:
        lex = lexicon(resource)
        self.lex = lex
        self.table = institutions.table(resource)
        said = attribution_lexicon(attribution)
        self.speech = said.speech_verbs
        self.cite = said.cite
        self.inverted = said.inverted_verbs
        by_modifier = frozenset(k for k, v in lex.source_nouns.items() if v.get("by_modifier"))
        self.link_words = LinkWords(by_modifier, self.speech)
        self.alias_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.alias_info: dict[str, _Alias] = {}
        for i, entry in enumerate(lex.aliases):
            key = f"alias{i}"
            self.alias_info[key] = entry
            self.alias_matcher.add(key, [nlp.make_doc(n) for n in entry.names])
        self.geo_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.geo_info: dict[str, tuple[str | None, bool]] = {}
        for table, is_demonym in ((lex.demonyms, True), (lex.countries, False)):
            for i, (name, code) in enumerate(table.items()):
                key = f"{'dem' if is_demonym else 'cty'}{i}"
                self.geo_info[key] = (code, is_demonym)
                self.geo_matcher.add(key, [nlp.make_doc(name)])

    # ------------------------------------------------------------------ geography
    def _geo(self, doc: Doc) -> _Geo:
        """Demonyms and country names: from ``doc._.places``, else from the fallback lists."""
        geo = _Geo()
        for p in doc._.places or []:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None:
                continue
            if p.demonym or p.feature == "country":
                for t in span:
                    geo.mark(t.i, p.country, bool(p.demonym))
        for key, s, e in self.geo_matcher(doc):
            if any(i in geo.country_of for i in range(s, e)):
                continue
            code, is_dem = self.geo_info[doc.vocab.strings[key]]
            for i in range(s, e):
                geo.mark(i, code, is_dem)
        return geo

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        """Find the candidates in priority order, then roles, known bodies and links; set ``doc._.actors``."""
        geo = self._geo(doc)
        found = _Found(doc)
        # one pass: Token objects are costly to make
        nouns = [t for t in doc if t.pos_ in ("NOUN", "PROPN")]
        propns = [t for t in nouns if t.pos_ == "PROPN"]
        self._aliases(found)
        for ent in doc.ents:
            self._entity(found, ent, geo)
        self._speaking_names(found, propns, geo)
        self._named_by_verb(found, propns)
        self._acronyms(found)
        self._short_forms(found, propns)
        self._nominals(found, nouns, geo)
        cands = found.cands
        cands.sort(key=lambda c: c.start)
        self._roles_and_countries(doc, cands, geo)
        self._known_bodies(doc, cands)
        link(doc, cands, self.link_words)
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

    # ------------------------------------------------------------------ candidates
    def _aliases(self, found: _Found) -> None:
        """1. Names of the alias list and the institutions table, longest first."""
        doc = found.doc
        matches = sorted(self.alias_matcher(doc), key=lambda m: (m[1] - m[2], m[1]))
        for key, s, e in matches:
            if not found.free(s, e):
                continue
            info = self.alias_info[doc.vocab.strings[key]]
            if info.metonym and self._is_place_use(doc, s, e):
                continue
            if doc[s:e].root.ent_type_ == "PERSON" and e - s == 1 and _ent_len(doc[s]) > 1:
                continue
            found.take(
                Candidate(s, e, doc[s:e].root.i, "alias", info.type, info.normalized, info.country, rank=3)
            )

    def _entity(self, found: _Found, ent: Span, geo: _Geo) -> None:
        """2. A PERSON, ORG or country GPE entity, without a leading article or punctuation (a dash
        glued to a quote: '”― Olena') or a trailing "'s"."""
        if ent.label_ not in ("PERSON", "ORG", "GPE"):
            return
        doc = found.doc
        s, e = ent.start, ent.end
        while s < e and (doc[s].tag_ in ("DT",) or doc[s].is_punct):
            s += 1
        while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct):
            e -= 1
        if s >= e or not found.free(s, e):
            return
        span = doc[s:e]
        if ent.label_ != "GPE" and self._gazetteer_place(doc, s, e):
            return
        if ent.label_ == "GPE":
            if all(i in geo.countries for i in range(s, e)):
                found.take(
                    Candidate(
                        s, e, span.root.i, "country", "country", span.text, geo.country_of.get(s), rank=2
                    )
                )
        elif ent.label_ == "PERSON":
            self._person(found, s, e, geo)
        else:
            found.take(Candidate(s, e, span.root.i, "entity", self._org_type(span.text), span.text, rank=2))

    def _person(self, found: _Found, s: int, e: int, geo: _Geo) -> None:
        """A PERSON entity, widened to the names the model left out ("Defense Minister Rustem
        Umerov" where it tagged only "Umerov"), its honorific dropped from the name."""
        doc = found.doc
        while s < e - 1 and doc[s].lower_ in self.inverted:
            s += 1  # "Said Ellis: ...": the inverted verb is no part of the name
        while (
            s > 0
            and doc[s - 1].pos_ == "PROPN"
            and doc[s - 1].lower_ not in self.inverted
            and not doc[s - 1].is_punct
            and doc[s - 1].dep_ == "compound"
            and doc[s - 1].text not in self.lex.titles
            and (s - 1) not in geo.country_of
            and doc[s - 1].ent_type_ in ("", "PERSON")
            and found.free(s - 1, s)
        ):
            s -= 1
        span = doc[s:e]
        if self._office_place(span):
            return
        name = span.text
        if span[0].text in self.lex.honorifics and len(span) > 1:
            name = doc[s + 1 : e].text
        found.take(Candidate(s, e, span.root.i, "entity", "person", name, rank=2))

    def _office_place(self, span: Span) -> bool:
        """A name held by an office over a place ("the mayor of Zarichne", "residents of Lukove"):
        the place, not a person."""
        root = span.root
        prep = root.head
        return (
            root.dep_ == "pobj"
            and prep.lower_ == "of"
            and prep.head.pos_ == "NOUN"
            and prep.head.lemma_.lower() in self.lex.place_offices
        )

    def _speaking_names(self, found: _Found, propns: list[Token], geo: _Geo) -> None:
        """2a. A proper name the entity tagger missed or called a place, speaking: a person
        ("Natalia Sorokina, who heads the hospital, said")."""
        doc = found.doc
        for tok in propns:
            if found.taken[tok.i] is None and _speaking(tok, self.speech, self.cite):
                s = found.extend_left(tok.i)
                if self._speaking_name(doc, s, tok.i + 1, geo):
                    found.take(
                        Candidate(s, tok.i + 1, tok.i, "entity", "person", doc[s : tok.i + 1].text, rank=2)
                    )

    def _named_by_verb(self, found: _Found, propns: list[Token]) -> None:
        """2a. A name given by a naming verb that the model missed: "a soldier, identified only as Ri"."""
        doc = found.doc
        for tok in propns:
            if (
                found.taken[tok.i] is None
                and tok.is_title
                and _naming_verb(tok, self.lex.naming_verbs) is not None
            ):
                s = found.extend_left(tok.i)
                found.take(
                    Candidate(s, tok.i + 1, tok.i, "entity", "person", doc[s : tok.i + 1].text, rank=2)
                )

    @staticmethod
    def _acronyms(found: _Found) -> None:
        """2b. Parenthetical acronyms ("the Korea Institute for National Unification (KINU)")."""
        doc = found.doc
        for c in list(found.cands):
            e = c.end
            if c.type == "person" or e + 2 >= len(doc) or doc[e].text != "(" or doc[e + 2].text != ")":
                continue
            acro = doc[e + 1]
            if acro.is_upper and len(acro) >= 2 and found.free(e + 1, e + 2):
                new = Candidate(e + 1, e + 2, e + 1, "entity", c.type, acro.text, c.country, rank=2)
                new.links.append(c)
                found.take(new)

    @staticmethod
    def _short_forms(found: _Found, propns: list[Token]) -> None:
        """2c. Later short forms the model missed: "Umerov" after "Rustem Umerov", "KINU"."""
        doc = found.doc
        short: dict[str, Candidate] = {}
        for c in found.cands:
            if c.kind != "entity":
                continue
            if c.type == "person" and c.end - c.start > 1:
                for t in (doc[c.start], doc[c.end - 1]):
                    short.setdefault(t.text, c)
            elif c.type == "person":
                short.setdefault(doc[c.start].text, c)  # "Ri" named once, then repeated
            elif c.end - c.start == 1 and doc[c.start].is_upper:
                short.setdefault(doc[c.start].text, c)
        if not short:
            return
        for tok in propns:
            s = short.get(tok.text)
            if s is not None and found.taken[tok.i] is None and tok.pos_ == "PROPN" and tok.i >= s.end:
                found.take(Candidate(tok.i, tok.i + 1, tok.i, "entity", s.type, tok.text, s.country, rank=2))

    def _nominals(self, found: _Found, nouns: list[Token], geo: _Geo) -> None:
        """3. Unnamed sources: noun phrases headed by a source noun (``nouns``: the Doc's NOUN and
        PROPN tokens, in order)."""
        for tok in nouns:
            if found.taken[tok.i] is not None:
                continue
            entry = self.lex.source_nouns.get(tok.lower_)
            if entry is None:
                continue
            cand = self._nominal(found, tok, entry, geo)
            if cand is not None:
                found.take(cand)

    # ------------------------------------------------------------------ helpers
    def _speaking_name(self, doc: Doc, s: int, e: int, geo: _Geo) -> bool:
        """A two- or three-word proper name the entity tagger called a place, speaking: a person
        ("Natalia Sorokina, who heads the hospital, said")."""
        span = doc[s:e]
        if not 2 <= len(span) <= 3 or not all(t.is_title and t.pos_ == "PROPN" for t in span):
            return False
        if any(t.i in geo.country_of for t in span) or any(t.text in self.lex.titles for t in span):
            return False
        places = doc._.places or []
        return not any(p.start <= span.start_char and span.end_char <= p.end for p in places)

    def _gazetteer_place(self, doc: Doc, s: int, e: int) -> bool:
        """A name the tagger called an organisation or a person that the places extractor resolved
        to a town or a unit and that is used as a place: "an attack on El Fasher", "Ukraine's
        Poltava region", "the city of Goma". Such a name is no actor, so it stays the claim's place."""
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        for p in doc._.places or []:
            if p.demonym or p.feature in ("country", "unresolved") or not (p.start <= start and end <= p.end):
                continue
            if p.end > end or self._is_place_use(doc, s, e):
                return True  # a unit word after it ("Poltava region") or a place preposition before
            root = doc[s:e].root
            if root.dep_ == "pobj" and root.head.lower_ not in ("by", "to", "with"):
                return True  # "an attack on El Fasher" (not "according to", "said by")
        return False

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

    # ------------------------------------------------------------------ nominal sources
    def _nominal(self, found: _Found, tok: Token, entry: SourceNoun, geo: _Geo) -> Candidate | None:
        """An unnamed source noun phrase headed by ``tok``, typed from its head and modifiers."""
        if not self._nominal_source(tok, entry):
            return None
        doc = found.doc
        cut = _cut_at_names(found, _phrase_start(doc, tok), tok)
        if cut is None:
            return None
        words = [doc[i] for i in range(cut.start, tok.i)]
        typ = self._nominal_type(words, entry, cut.type)
        if typ is None:
            return None
        country = self._nominal_country(tok, cut, geo)
        role = _nominal_role(words, tok, geo) if typ in ("person", "anonymous") or entry.get("role") else None
        first = next((w.i for w in words if w.tag_ not in ("DT", "PRP$")), tok.i)
        normalized = doc[first : tok.i + 1].text
        if normalized == tok.text and country is None:
            normalized = tok.lower_
        definite = any(w.lower_ == "the" or w.tag_ in ("POS", "PRP$") for w in words)
        cand = Candidate(
            cut.start, tok.i + 1, tok.i, "nominal", typ, normalized, country, role, rank=1, definite=definite
        )
        cand.absorbed = cut.absorbed
        return cand

    def _nominal_source(self, tok: Token, entry: SourceNoun) -> bool:
        """Whether a source noun heads a source here: not a modifier of another noun, not a counted
        group, used as a source where its entry needs it."""
        if tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
            return False  # "intelligence" in "intelligence assessments": the head decides
        if any(c.dep_ == "nummod" for c in tok.children) and not _speaking(tok, self.speech, self.cite):
            return False  # a counted group ("3 officers") is a quantity's subject, not a source
        return not entry.get("needs_source_use") or self._source_use(tok)

    def _nominal_type(self, words: list[Token], entry: SourceNoun, inherited: str | None) -> str | None:
        """The type of a nominal source: its head noun's, or its modifier's where the noun is typed
        by its modifier ("military sources"); None where a needed modifier is missing."""
        mod_type = None
        for w in words:
            mt = self.lex.modifier_types.get(w.lower_)
            if mt is not None:
                mod_type = mt
        typ = entry["type"]
        if entry.get("needs_modifier") and mod_type is None:
            return None
        if entry.get("by_modifier") and mod_type is not None:
            return mod_type
        if entry.get("by_modifier") and inherited is not None and typ not in ("media", "document"):
            return inherited
        return typ

    def _source_use(self, tok: Token) -> bool:
        """Whether a noun like "reports" is used as a source (subject, "according to", "citing")."""
        if tok.dep_ == "nsubj":
            return True
        if tok.dep_ == "pobj":
            prep = tok.head
            if prep.lower_ == "to" and prep.head.lower_ == "according":
                return True
            if prep.lower_ in self.lex.source_preps:
                return True
        return tok.dep_ == "dobj" and tok.head.lemma_ in self.cite

    def _nominal_country(self, tok: Token, cut: _Cut, geo: _Geo) -> str | None:
        """The country of a nominal source: a demonym or country inside the phrase, else one after
        an origin preposition ("officials from Ukraine", "forces of Russia"), else the cut name's."""
        country = cut.country
        for i in range(cut.start, tok.i):
            if i in geo.country_of and geo.country_of[i]:
                country = geo.country_of[i]
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in self.lex.origin_preps and country is None:
                for g in child.children:
                    country = country or geo.first(t for t in g.subtree if t.i <= g.i and t.dep_ != "relcl")
        return country or self._fronted_country(tok)

    # ------------------------------------------------------------------ roles and countries
    def _roles_and_countries(self, doc: Doc, cands: list[Candidate], geo: _Geo) -> None:
        """Roles from appositions, titles and "identified as"; countries from demonyms; links."""
        by_head = {c.head: n for n, c in enumerate(cands)}
        drop: set[int] = set()
        for c in cands:
            head = doc[c.head]
            if c.kind == "entity":
                _apposition_role(doc, c, cands, by_head, drop, geo)
                if c.type == "person":
                    self._title_role(doc, c, geo)
                self._named_as(doc, c, cands)
            # links by apposition / parentheses: "the spy agency, the National Intelligence Service"
            for child in head.children:
                if child.dep_ == "appos" and child.i in by_head:
                    other = cands[by_head[child.i]]
                    if "country" not in (c.kind, other.kind):  # "to Russia, Seoul's spy agency said"
                        c.links.append(other)
            if c.country is None and c.kind == "entity" and c.type != "person":
                c.country = geo.first(doc[c.start : c.end])
        if drop:
            cands[:] = [c for n, c in enumerate(cands) if n not in drop]

    def _title_role(self, doc: Doc, c: Candidate, geo: _Geo) -> None:
        """A title before a person's name gives the role and country: "Ukrainian President
        Volodymyr Zelensky"."""
        titles = []
        i = c.start - 1
        while i >= 0 and i < doc[i].head.i < c.end and doc[i].dep_ in ("compound", "amod"):
            titles.append(doc[i])
            i -= 1
        titles.reverse()
        if any(t.text in self.lex.titles for t in titles):
            geo_toks = geo.demonyms | geo.countries
            role = " ".join(t.text for t in titles if t.i not in geo_toks)
            c.role = c.role or role or None
            if c.country is None:
                c.country = geo.first(titles)

    def _named_as(self, doc: Doc, c: Candidate, cands: list[Candidate]) -> None:
        """A name given by a naming verb is a person, the one the description before it names:
        "a soldier, identified only as Baek"."""
        verb = _naming_verb(doc[c.head], self.lex.naming_verbs)
        if verb is None:
            return
        prior = [o for o in cands if o.end <= verb.i and o.kind == "nominal"]
        if not prior:
            if c.type == "organization":
                c.type = "person"
            return
        described = prior[-1]
        gap = doc[described.end : verb.i]
        if all(t.is_punct or t.dep_ == "cc" for t in gap) and described.type in ("person", "anonymous"):
            c.type = "person"
            c.role = c.role or described.role
            c.country = c.country or described.country
            c.links.append(described)

    # ------------------------------------------------------------------ known bodies
    def _known_bodies(self, doc: Doc, cands: list[Candidate]) -> None:
        """Descriptions of a known institution take its name, type and country: "South Korea's spy
        agency", "Seoul's intelligence service" -> the NIS; "the country's intelligence agency" ->
        the body of that kind of the country in context (the country of the last body of the same
        type, else the last country named before it)."""
        table = self.table
        known: list[institutions.Institution] = []
        for n, c in enumerate(cands):
            if c.kind not in ("nominal", "entity") or c.type in ("person", "anonymous", "country"):
                continue
            noun = self.lex.source_nouns.get(doc[c.head].lower_)
            if noun is not None and noun["type"] == "anonymous":
                continue  # "Ukrainian intelligence sources": people inside the body, kept as said
            context = self._context_countries(cands[:n], c.type)
            same_type = self._context_countries([o for o in cands[:n] if o.type == c.type], c.type)
            # "intelligence data" needs a body of its kind before it; "the spy agency" (definite)
            # may also be that of the country in context
            unstated = same_type[:1] + (context if c.definite else [])
            # "the ministry of health of Ukraine", "Russia's defence ministry" (an entity of its own)
            country = (
                c.country
                or self._of_country(doc, c.end)
                or _possessor_country(doc, c.start, cands)
                or self._fronted_country(doc[c.head])
            )
            inst = table.find(doc[c.start : c.end].text, country, context, unstated)
            if inst is None and c.kind == "nominal" and c.definite:
                inst = self._named_before(doc[c.head].lower_, known)  # "the ministry" after it was named
            if inst is None or inst.type == "person":
                continue
            c.normalized, c.type, c.country, c.rank = inst.name, inst.type, inst.country, 3
            known.append(inst)

    def _fronted_country(self, tok: Token) -> str | None:
        """The country a sentence opens on before a description ("In Lebanon, the health ministry
        said ...": Lebanon's ministry, not the one the article named before)."""
        sent = tok.sent
        first = sent[0]
        if first.lower_ != "in" or not 0 < tok.i - first.i <= 8:
            return None
        comma = next((t for t in sent if t.text == "," and t.i < tok.i), None)
        if comma is None or comma.i - first.i > 5:
            return None
        return self.lex.countries.get(sent.doc[first.i + 1 : comma.i].text)

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
    def _context_countries(before: list[Candidate], typ: str) -> list[str]:
        """Countries in context, most salient first: those of earlier bodies of the same type (most
        recent first), then of every earlier mention."""
        out: list[str] = []
        for group in ([c for c in before if c.type == typ], before):
            for c in reversed(group):
                if c.country and c.country not in out:
                    out.append(c.country)
        return out


def _possessor_country(doc: Doc, start: int, cands: list[Candidate]) -> str | None:
    """The country whose possessive stands right before a mention ("Russia's defence ministry"
    where the tagger found "defence ministry" as an entity of its own), if any."""
    if start < 2 or doc[start - 1].lower_ not in ("'s", "’s"):
        return None
    return next((c.country for c in cands if c.type == "country" and c.end == start - 1), None)


def _phrase_start(doc: Doc, tok: Token) -> int:
    """The first token of the noun phrase ``tok`` heads: its modifiers up to a break, without a
    leading punctuation mark or conjunction."""
    mods: set[int] = set()
    for child in tok.lefts:
        if child.dep_ in NP_DEPS:
            mods.update(t.i for t in child.subtree)
    start = tok.i
    while start - 1 in mods and not doc[start - 1].is_space and doc[start - 1].text not in BREAKS:
        start -= 1
    while start < tok.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    return start


def _cut_at_names(found: _Found, start: int, tok: Token) -> _Cut | None:
    """A possessive country inside a nominal phrase is absorbed ("Ukraine's forces"); another name
    cuts the phrase after it, lending its country and type; None where a name holds the head."""
    held = [found.taken[i] for i in range(start, tok.i + 1)]
    inner = list({id(c): c for c in held if c is not None}.values())
    if not inner:
        return _Cut(start)
    if all(c.kind == "country" for c in inner):
        return _Cut(start, absorbed=[c.start for c in inner])
    doc = found.doc
    last = max(i for i in range(start, tok.i + 1) if found.taken[i] is not None)
    cutter = found.taken[last]
    if last == tok.i or cutter is None:
        return None
    cut = _Cut(last + 1)
    if cutter.type not in ("person", "country") and cutter.country:
        cut.country = cutter.country  # "a senior Pentagon official" -> US
    if cutter.type not in ("person", "country", "anonymous") and doc[last + 1].tag_ == "POS":
        cut.type = cutter.type  # "the UN's humanitarian office" -> organization
    while cut.start < tok.i and (doc[cut.start].tag_ == "POS" or doc[cut.start].is_punct):
        cut.start += 1
    return cut


def _nominal_role(words: list[Token], tok: Token, geo: _Geo) -> str:
    """The role an unnamed person's phrase gives ("senior government official"), without its
    country words, determiners and numbers."""
    geo_toks = geo.demonyms | geo.countries
    role_words = [
        w.text
        for w in words
        if w.i not in geo_toks
        and w.tag_ not in ROLE_SKIP_TAGS
        and w.dep_ not in ("poss", "case", "det")
        and not w.is_punct
        and w.ent_type_ not in ("NORP", "GPE", "CARDINAL", "ORDINAL")
    ]
    head_word = tok.lower_ if tok.is_sent_start and not role_words else tok.text
    return " ".join(role_words + [head_word])


def _apposition_role(
    doc: Doc, c: Candidate, cands: list[Candidate], by_head: dict[int, int], drop: set[int], geo: _Geo
) -> None:
    """An apposition gives a named mention its role and makes it a person: "Kyrylo Budanov, head
    of Ukraine's military intelligence agency" (a described person or unit in it is dropped)."""
    head = doc[c.head]
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
                c.country = geo.first(child.subtree)


def _ent_len(tok: Token) -> int:
    """The length of the entity holding ``tok`` (0 if none)."""
    if not tok.ent_type_:
        return 0
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return len(ent)
    return 0


def _speaking(tok: Token, speech: frozenset[str], cite: frozenset[str]) -> bool:
    """Whether a counted noun is a source: subject of a speech verb ("two officials said"),
    object of "citing"/"quoting", or after "according to"."""
    if tok.dep_ == "nsubj" and tok.head.lemma_ in speech:
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_ in cite:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _role_text(doc: Doc, tok: Token) -> str:
    """The text of an apposition, without a trailing parenthesis, comma or relative clause."""
    cut = {c.i for c in tok.children if c.dep_ in ("relcl", "conj", "cc", "acl") and c.i > tok.i}
    end = min([tok.right_edge.i + 1] + [min(t.i for t in doc[c].subtree) for c in cut])
    text = doc[tok.left_edge.i : end].text
    paren = text.find(" (")
    if paren > 0:
        text = text[:paren]
    return text.strip(" ,;")


def _naming_verb(head: Token, verbs: frozenset[str]) -> Token | None:
    """The verb of "identified (only) as X" / "named X" governing the name, if any."""
    t = head
    if t.dep_ == "pobj" and t.head.lower_ == "as":
        t = t.head
    if t.dep_ in ("prep", "oprd", "dobj", "attr") and t.head.lemma_ in verbs and t.head.tag_ == "VBN":
        return t.head
    return None
