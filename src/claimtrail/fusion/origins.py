"""Origins: the end of each claim's attribution chain, merged across articles and outlets.

Two claims with the same origin are one piece of evidence however many outlets repeat them, so the
origin, not the article or the outlet, is what ``independent_origins`` counts. Names merge by their
casefolded form, by the institutions table of ``resources/actors.yaml`` (the one the extractor
uses: "NIS", "National Intelligence Service (NIS)", "South Korea's spy agency", "the South's
National Intelligence Service"), by an acronym in parentheses, and by a close spelling (rapidfuzz).

A name is also read with its article (``ArticleContext``): "the country's intelligence agency" or
"intelligence data" is the body the article cites or names that it describes, else the body of the
country of the article's sources; "a South Korean lawmaker" is the lawmaker the article names; a
link that restates the one before it ("a memo", "Seoul" after South Korea's spy agency) is skipped.
A generic name ("it", "the agency") is resolved to the source it stands for: a pronoun to the
source before it in the chain, a noun to the named source of that kind in the same article, and
anonymous people ("officials") only to a body their sentence names; failing that it stays an
origin of its own article, so it never merges across articles by name (stages.py may still take
it as the echo of a named origin's figure). A claim with no attribution is asserted by its outlet,
which is then its origin.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..extract import institutions
from ..extract.institutions import Institution
from ..model import Claim, SourceLink
from ..store.rows import name_key as _name_key
from .config import config

_PAREN = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")
_DETERMINERS = frozenset(("a", "an", "the", "its", "their"))


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The ledger's identity of a source name (casefolded, no leading "the"), memoised."""
    return _name_key(name)


@dataclass(frozen=True)
class Origin:
    """One merged origin: a stable key, the name shown and its actor type."""

    key: str
    name: str
    type: str


@dataclass
class Person:
    """A person an article names: the words of the roles it gives them ("lawmaker"), the countries
    those roles or descriptions state, and where in the article they speak."""

    name: str
    roles: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)


@dataclass
class ArticleContext:
    """What an article tells about its sources: the bodies it cites (known ones first, most cited
    first), the known bodies its sentences name without citing them ("the NIS briefed members of
    parliament"), the countries its sources and those bodies belong to (most often first) and the
    people it names."""

    bodies: list[Origin] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    dominant: str | None = None  # the country ahead of all others, for a description with none
    people: dict[str, Person] = field(default_factory=dict)
    mentioned: list[Origin] = field(default_factory=list)


def words_around(sentence: str, mention: str) -> str:
    """The words that introduce a name in its sentence: the few words before it within its clause
    ("South Korean lawmaker Yu Yong-weon") and an appositive after it ("Yu, a lawmaker from ...")."""
    i = sentence.find(mention) if mention else -1
    if i < 0:
        return ""
    before = re.split(r"[,.;:()\"]", sentence[:i])[-1].split()[-4:]
    after = re.match(r"\s*,\s*([^,.;]+)", sentence[i + len(mention) :])
    return " ".join(before) + " " + (after.group(1) if after else "")


#: The kinds of body a state's bare name may stand for (``stages._fold_state_names``).
STATE_SPEAKERS = frozenset({"government", "military"})


#: Words an acronym leaves out ("Office for the Coordination of Humanitarian Affairs" -> OCHA).
_MINOR = frozenset({"of", "the", "for", "and", "on", "in", "to", "de", "des", "du", "la", "le", "at"})


class OriginResolver:
    """Resolves attribution chains to merged origins; one instance per fusion run (it caches names)."""

    def __init__(self) -> None:
        cfg = config()
        self.pronouns = frozenset(cfg["pronouns"])
        self.body_types = frozenset(cfg["body_types"])
        self.generic = {name_key(g) for g in cfg["generic_sources"]}
        self.titles = sorted((name_key(t) for t in cfg["titles"]), key=len, reverse=True)
        self.fuzzy_score = float(cfg["fuzzy_merge_score"])
        self.document_words = frozenset(str(w).lower() for w in cfg["document_words"])
        self.table = institutions.table()
        self.alias: dict[str, Origin] = {}
        self._institution_of: dict[Origin, Institution] = {}
        for inst in self.table.institutions:
            canon = self._known(inst)
            for spelling in [inst.name, *inst.names]:
                self.alias.setdefault(name_key(spelling), canon)
        self._names: dict[tuple[str, str], Origin] = {}
        self._fuzzy_pool: dict[str, list[str]] = {}  # type group -> keys seen
        self._fuzzy_origin: dict[str, Origin] = {}
        self._initials: dict[str, Origin] = {}  # "dmc" -> the body named "Disaster Management Centre"
        self._rest_country: dict[str, str] = {}  # "disaster management centre" -> "LK", named with it
        self._in_article_memo: dict[tuple[str, str, str], Origin] = {}
        self._prefix_word_set: frozenset[str] | None = None
        self._names_re: re.Pattern[str] | None = None

    def _known(self, inst: Institution) -> Origin:
        """The origin of a known institution (one per institution of the table)."""
        origin = Origin("src:" + name_key(inst.name), inst.name, inst.type)
        self._institution_of[origin] = inst
        return origin

    # -- names ---------------------------------------------------------------------------------
    def is_generic(self, name: str | None) -> bool:
        """True for names that say nothing by themselves ("it", "the agency", "officials")."""
        if not name:
            return True
        return name_key(name) in self.generic

    def _strip_title(self, key: str) -> str:
        for title in self.titles:
            if key.startswith(title + " ") and len(key) > len(title) + 2:
                return key[len(title) + 1 :]
        return key

    def named(self, name: str, type_: str) -> Origin:
        """The merged origin of a (non-generic) source name."""
        cache_key = (name, type_)
        found = self._names.get(cache_key)
        if found is not None:
            return found
        found = self._resolve_name(name, type_)
        self._names[cache_key] = found
        return found

    def _resolve_name(self, name: str, type_: str) -> Origin:
        key = name_key(name)
        candidates = [key]
        m = _PAREN.match(name.strip())
        if m:  # "National Intelligence Service (NIS)": the full name and the acronym
            candidates += [name_key(m.group(1)), name_key(m.group(2))]
        stripped = self._strip_title(key)
        if stripped != key:
            candidates.append(stripped)
        for cand in candidates:
            if cand in self.alias:
                return self.alias[cand]
        inst = self.table.find(name)  # "South Korea's spy agency", "Seoul's intelligence service"
        if inst is not None:
            return self._known(inst)
        base = candidates[1] if m else stripped
        group = "person" if type_ == "person" else "body"
        by_initials = self._by_initials(name, m.group(2) if m else None) if group == "body" else []
        for initials in by_initials:
            if initials in self._initials:
                return self._initials[initials]
        if group == "body":
            stated, rest = self.table.split_country(base)
            same_country = self._rest_country.get(rest) in (None, stated)
            if stated and stated != institutions.CONTEXT and len(rest.split()) >= 2 and same_country:
                if (
                    rest in self._fuzzy_origin
                ):  # "Sri Lanka's Disaster Management Centre": the one named before
                    return self._fuzzy_origin[rest]
        pool = self._fuzzy_pool.setdefault(group, [])
        if pool:
            best = process.extractOne(base, pool, scorer=fuzz.ratio, score_cutoff=self.fuzzy_score)
            if best is not None:
                return self._fuzzy_origin[best[0]]
        # a known canonical spelled a little differently
        best = process.extractOne(base, list(self.alias), scorer=fuzz.ratio, score_cutoff=self.fuzzy_score)
        if best is not None:
            return self.alias[best[0]]
        display = name.strip()
        if stripped != key and not m:
            display = display[len(display) - len(stripped) :] if len(display) >= len(stripped) else display
        origin = Origin("src:" + base, display, type_ or "unknown")
        pool.append(base)
        self._fuzzy_origin[base] = origin
        for initials in by_initials:
            self._initials.setdefault(initials, origin)
        if group == "body":
            stated, rest = self.table.split_country(base)
            if (
                stated
                and stated != institutions.CONTEXT
                and len(rest.split()) >= 2
                and rest not in self._fuzzy_origin
            ):
                pool.append(rest)  # named first with its country: the plain name is the same body
                self._fuzzy_origin[rest] = origin
                self._rest_country[rest] = stated
        return origin

    @staticmethod
    def _by_initials(name: str, acronym: str | None) -> list[str]:
        """The keys under which a body's name and its acronym meet: "DMC" for "Disaster Management
        Centre", "Disaster Management Centre (DMC)" and "DMC" alone (three letters or more, so that
        two bodies rarely share one)."""
        keys = []
        words = [
            w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", _PAREN.sub(r"\1", name)) if w.lower() not in _MINOR
        ]
        if len(words) >= 3 and all(w[0].isupper() for w in words):
            keys.append("".join(w[0] for w in words).lower())
        for candidate in (acronym, name.strip()):
            if candidate and re.fullmatch(r"[A-Z]{3,6}", candidate):
                keys.append(candidate.lower())
        return list(dict.fromkeys(keys))

    # -- chains --------------------------------------------------------------------------------
    def article_bodies(self, chains: list[tuple[SourceLink, ...]]) -> list[Origin]:
        """The named, non-person sources of one article, most cited first (for generic nouns)."""
        counts: Counter[Origin] = Counter()
        for chain in chains:
            for entry in chain:
                name = self.publisher(entry.name or entry.text)
                type_ = entry.type
                if name and not self.is_generic(name) and type_ in self.body_types:
                    counts[self.named(name, type_)] += 1
        known = [o for o, _ in counts.most_common() if o in self._institution_of]
        return known + [o for o, _ in counts.most_common() if o not in self._institution_of]

    def article_context(self, claims: list[Claim]) -> ArticleContext:
        """The context one article gives its sources (see ``ArticleContext``)."""
        countries: Counter[str] = Counter()
        people: dict[str, Person] = {}
        for c in claims:
            for entry in c.attribution:
                countries.update(self._countries_of(entry))
                self._note_person(people, entry, c.start, c.sentence)
        mentioned = self._mentioned([c.sentence for c in claims])
        countries.update(self._institution_of[o].country or "" for o in mentioned)
        countries.pop("", None)
        ranked = countries.most_common()
        lead = len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] > ranked[1][1])
        return ArticleContext(
            self.article_bodies([c.attribution for c in claims]),
            [code for code, _ in ranked],
            ranked[0][0] if ranked and lead else None,
            people,
            list(dict.fromkeys(mentioned)),
        )

    def _mentioned(self, sentences: list[str]) -> list[Origin]:
        """The known bodies the sentences name, by one of their names as the table spells it, once
        per sentence and mention."""
        if self._names_re is None:
            spellings = {n for i in self.table.institutions for n in (i.name, *i.names) if len(n) > 2}
            body = "|".join(re.escape(n) for n in sorted(spellings, key=len, reverse=True))
            self._names_re = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        found = []
        for sentence in dict.fromkeys(sentences):
            for m in self._names_re.finditer(sentence or ""):
                inst = self.table.named(m.group(0))
                if inst is not None:
                    found.append(self._known(inst))
        return found

    def _countries_of(self, entry: SourceLink) -> list[str]:
        """The country a source belongs to: its institution's, the one it is ("Seoul"), or for a
        person the one its description or role states ("a South Korean lawmaker")."""
        name = entry.name or entry.text or ""
        if entry.type == "person":
            return self.table.countries_in(f"{entry.text or ''} {entry.role or ''}")
        if not name:
            return []
        inst = self.table.named(name) or self.table.find(name)
        if inst is not None:
            return [inst.country] if inst.country else []
        code = self.table.country_named(name)
        return [code] if code else []

    def _note_person(self, people: dict[str, Person], entry: SourceLink, at: int, sentence: str) -> None:
        """Record a named person of the article with the roles and countries its mention gives:
        its role, a description the extractor resolved to it, and the words around its name in
        the sentence ("South Korean lawmaker Yu Yong-weon", "Yu Yong-weon, a lawmaker from ...")."""
        name = entry.name or ""
        if entry.type != "person" or not self._is_proper(name) or self.is_generic(name):
            return
        person = people.setdefault(name_key(name), Person(name))
        described = entry.text if entry.text and not self._is_proper(entry.text) else ""
        for text in (entry.role or "", described, words_around(sentence, entry.text or "")):
            person.roles.update(re.findall(r"[a-z]+", text.lower()))
            person.countries.update(self.table.countries_in(text))
        person.positions.append(at)

    def _is_proper(self, name: str) -> bool:
        """Whether a name has a proper noun besides a country and a leading article ("Yu
        Yong-weon"); "a South Korean lawmaker" or "Seoul lawmaker" is a description."""
        words = re.sub(r"['\u2019]s\b", "", name).split()
        known = self._prefix_words()
        return any(w[:1].isupper() and w.lower() not in known for w in words)

    def _prefix_words(self) -> frozenset[str]:
        """The words of country names, demonyms and capitals, and the leading articles."""
        if self._prefix_word_set is None:
            self._prefix_word_set = (
                frozenset(w for key in self.table.prefixes for w in key.split(" ")) | _DETERMINERS
            )
        return self._prefix_word_set

    def described_person(self, entry: SourceLink, context: ArticleContext, at: int) -> Origin | None:
        """The person an article names whom a description of a speaker ("a South Korean lawmaker")
        is: the one whose roles hold its head noun, of the country it states (a stated country must
        be the person's known one), nearest to the claim; None when nobody fits or the source is
        anonymous."""
        name = entry.name or entry.text or ""
        if entry.type != "person" or not name or self._is_proper(name):
            return (
                None  # an anonymous source ("a senior official, speaking on condition ...") is no named one
            )
        if name_key(name) in self.pronouns:
            return None  # "he" is the source before it, not a role
        words = re.findall(r"[a-z]+", name.lower())
        if not words:
            return None
        stated = set(self.table.countries_in(name))
        fits = [
            p
            for p in context.people.values()
            if words[-1] in p.roles and (not stated or stated <= p.countries)
        ]
        if not fits:
            return None
        nearest = min(fits, key=lambda p: min(abs(at - x) for x in p.positions))
        return self.named(nearest.name, "person")

    def origin_of(
        self,
        chain: tuple[SourceLink, ...],
        article_id: str,
        outlet: str | None,
        context: ArticleContext | None = None,
        at: int = 0,
        sentence: str = "",
    ) -> Origin:
        """The origin of one claim (at offset ``at`` of its article, in ``sentence``): the last
        named source of its chain, generic names and descriptions resolved through the article's
        ``context``."""
        context = context or ArticleContext()
        if not chain:
            if outlet:
                return Origin("outlet:" + name_key(outlet), outlet, "media")
            return Origin("article:" + article_id, "the article itself", "media")
        for position in range(len(chain) - 1, -1, -1):
            entry = chain[position]
            if position > 0 and self._stands_for_previous(entry, chain[position - 1]):
                continue
            person = self.described_person(entry, context, at)
            if person is not None:
                return person
            name = self.publisher(entry.name or entry.text)
            type_ = entry.type
            if name and not self.is_generic(name):
                return self._in_article(name, type_, context, article_id)
            key = name_key(name or "")
            if key in self.pronouns and position > 0:
                continue  # "it", "he": the source named before it in the chain
            body = self._generic_body(type_, key, context, sentence)
            if body is not None:
                return body
            if position > 0:
                continue
            return Origin(f"article:{article_id}:{key}", name or "unnamed source", type_)
        return Origin(f"article:{article_id}", "unnamed source", "unknown")

    def _generic_body(self, type_: str, key: str, context: ArticleContext, sentence: str) -> Origin | None:
        """The article's body a generic name stands for: the one whose name has its noun ("the
        ministry" is the article's ministry), else its most cited body. Anonymous people
        ("officials", "a spokesman") stand for a body only where their sentence names it ("a HUR
        spokesman said"): officials quoted in an article are not its most cited body."""
        head = key.split()[-1] if key else ""
        fitting = [b for b in context.bodies if type_ in ("unknown", b.type) or b.type in self.body_types]
        by_noun = [b for b in fitting if head and head in name_key(b.name).split()]
        if type_ == "anonymous":
            named = set(self._mentioned([sentence]))
            fitting = [b for b in fitting if b in named]
        return next(iter(by_noun + fitting), None)

    def _stands_for_previous(self, entry: SourceLink, previous: SourceLink) -> bool:
        """Whether a link only restates the source before it: a bare document nobody is named as
        publishing ("the agency ..., a memo showed"), or a country whose own body spoke before it
        ("South Korea's intelligence agency ..., in Seoul's first estimate")."""
        name = entry.name or entry.text or ""
        if (
            entry.type == "document"
            and len(institutions.norm(name).split()) == 1
            and not self._is_proper(name)
        ):
            return True  # "a memo", "the statement"; not "intelligence data", which describes a body
        code = self.table.country_named(name)
        if code is None:
            return False
        before = self.table.named(previous.name or "") or self.table.find(previous.text or "")
        return before is not None and before.country == code

    def publisher(self, name: str | None) -> str | None:
        """The source behind a document it published: "ministry figures" -> "ministry", "the
        agency's estimate" -> "the agency"; other names unchanged."""
        if not name:
            return name
        words = name.split()
        if len(words) < 2 or words[-1].lower() not in self.document_words:
            return name
        rest = " ".join(words[:-1])
        rest = re.sub(r"['\u2019]s?$", "", rest).strip()
        if not rest or rest.lower() in ("the", "a", "an", "its", "their", "official", "the official"):
            return name
        return rest

    def _in_article(self, name: str, type_: str, context: ArticleContext, article_id: str) -> Origin:
        """A source name resolved with its article: a description that names no country ("the
        country's intelligence agency", "intelligence data") is the body of the article it
        describes, when exactly one of the article's known bodies fits it, else the body of the
        country in context that fits it (the countries of the article's sources for "the
        country's ...", the one ahead of all others for a description with no country); one that
        fits none stays an origin of its article ("the country's ...") or of its own name."""
        memo = (name, type_, article_id)
        found = self._in_article_memo.get(memo)
        if found is None:
            found = self._appositive(name, type_, context, article_id)
            found = found or self._resolve_in_article(name, type_, context, article_id)
            self._in_article_memo[memo] = found
        return found

    def _appositive(self, name: str, type_: str, context: ArticleContext, article_id: str) -> Origin | None:
        """A name with an appositive ("the country's spy agency, the NIS"): the known body either
        part resolves to, the named part first; None when neither is a known body."""
        parts = [p.strip() for p in name.split(",") if p.strip()]
        if len(parts) < 2 or type_ == "person":
            return None
        for part in sorted(parts, key=lambda p: not self._is_proper(p)):
            origin = self._resolve_in_article(part, type_, context, article_id)
            if origin in self._institution_of:
                return origin
        return None

    def _resolve_in_article(self, name: str, type_: str, context: ArticleContext, article_id: str) -> Origin:
        """See ``_in_article``."""
        if type_ == "person":
            return self.named(name, type_)
        stated, _rest = self.table.split_country(name)
        if stated != institutions.CONTEXT:
            origin = self.named(name, type_)
            if origin in self._institution_of:
                return origin
        fits = [
            b
            for b in context.bodies
            if b in self._institution_of and self.table.describes(self._institution_of[b], name)
        ]
        if len(fits) == 1:
            return fits[0]
        named_nearby = {b for b in context.mentioned if self.table.describes(self._institution_of[b], name)}
        if not fits and len(named_nearby) == 1:
            return named_nearby.pop()
        in_context = self._of_context_country(name, stated, context)
        if in_context is not None:
            return in_context
        if stated == institutions.CONTEXT:
            return Origin(f"article:{article_id}:{name_key(name)}", name, type_)
        return self.named(name, type_)

    def _of_context_country(self, name: str, stated: str | None, context: ArticleContext) -> Origin | None:
        """The known body of the country in context that a description with no country fits:
        "the country's spy agency" through the countries of the article's sources, "the spy agency"
        through the one country ahead of all others; None when no single body fits."""
        if stated == institutions.CONTEXT:
            inst = self.table.find(name, context=context.countries)
        elif stated is None and context.dominant:
            inst = self.table.find(name, unstated=[context.dominant])
        else:
            return None
        return self._known(inst) if inst is not None else None

    def state_body(self, origin: Origin) -> str | None:
        """The country whose government or armed forces ``origin`` is (a known body of the table
        or a state body: "Russian Ministry of Defence" -> "RU"), else None."""
        inst = self._institution_of.get(origin)
        if inst is None or inst.type not in STATE_SPEAKERS:
            return None
        return inst.country

    def state_named(self, origin: Origin) -> str | None:
        """The country an origin's name is and nothing more ("Russia", "Kyiv"), else None."""
        return self.table.country_named(origin.name)

    def grading_keys(self) -> dict[Origin, set[str]]:
        """Each origin seen so far with the name keys under which a user's grade applies to it:
        every spelling that resolved to it and every alias of its institution."""
        keys: dict[Origin, set[str]] = {}
        for raw, origin in self._names.items():
            keys.setdefault(origin, set()).add(name_key(raw[0]))
        for alias, origin in self.alias.items():
            keys.setdefault(origin, set()).add(alias)
        return keys
