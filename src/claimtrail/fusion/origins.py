"""Origins: the end of each claim's attribution chain, merged across articles and outlets.

Two claims with the same origin are one piece of evidence however many outlets repeat them, so the
origin, not the article or the outlet, is what ``independent_origins`` counts. Names merge by their
casefolded form, by the institutions table of ``resources/actors.yaml`` (the one the extractor
uses: "NIS", "National Intelligence Service (NIS)", "South Korea's spy agency" and, in an article
that names the NIS, "the country's intelligence agency" or "intelligence data" are one origin), by an acronym in parentheses, and by a
close spelling (rapidfuzz). A generic name ("it", "the agency") is resolved to the source it stands
for: a pronoun to the source before it in the chain, a noun to the named source of that kind in the
same article; failing both it stays an origin of its own article, so it never merges across articles.
A claim with no attribution is asserted by its outlet, which is then its origin.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..extract import institutions
from ..extract.institutions import Institution
from ..model import SourceLink
from ..store.rows import name_key as _name_key
from .config import config

_PAREN = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


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
        self._in_article_memo: dict[tuple[str, str, str], Origin] = {}

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
        return origin

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

    def origin_of(
        self,
        chain: tuple[SourceLink, ...],
        article_id: str,
        outlet: str | None,
        bodies: list[Origin] | None = None,
    ) -> Origin:
        """The origin of one claim: the last named source of its chain (generic names resolved)."""
        if not chain:
            if outlet:
                return Origin("outlet:" + name_key(outlet), outlet, "media")
            return Origin("article:" + article_id, "the article itself", "media")
        for position in range(len(chain) - 1, -1, -1):
            entry = chain[position]
            name = self.publisher(entry.name or entry.text)
            type_ = entry.type
            if name and not self.is_generic(name):
                return self._in_article(name, type_, bodies or [], article_id)
            key = name_key(name or "")
            if key in self.pronouns and position > 0:
                continue  # "it", "he": the source named before it in the chain
            head = key.split()[-1] if key else ""
            fitting = [b for b in bodies or [] if type_ in ("unknown", b.type) or b.type in self.body_types]
            # "the ministry" is the article's ministry before any other body it cites
            for body in [b for b in fitting if head and head in name_key(b.name).split()] + fitting:
                return body
            if position > 0:
                continue
            return Origin(f"article:{article_id}:{key}", name or "unnamed source", type_)
        return Origin(f"article:{article_id}", "unnamed source", "unknown")

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

    def _in_article(self, name: str, type_: str, bodies: list[Origin], article_id: str) -> Origin:
        """A source name resolved with its article: a description that names no country ("the
        country's intelligence agency", "intelligence data") is the body of the article it
        describes, when exactly one of the article's known bodies fits it; "the country's ..."
        that fits none stays an origin of its article (the country is only known there)."""
        memo = (name, type_, article_id)
        found = self._in_article_memo.get(memo)
        if found is None:
            found = self._resolve_in_article(name, type_, bodies, article_id)
            self._in_article_memo[memo] = found
        return found

    def _resolve_in_article(self, name: str, type_: str, bodies: list[Origin], article_id: str) -> Origin:
        if type_ == "person":
            return self.named(name, type_)
        stated, _rest = self.table.split_country(name)
        if stated != institutions.CONTEXT:
            origin = self.named(name, type_)
            if origin in self._institution_of:
                return origin
        fits = [
            b
            for b in bodies
            if b in self._institution_of and self.table.describes(self._institution_of[b], name)
        ]
        if len(fits) == 1:
            return fits[0]
        if stated == institutions.CONTEXT:
            return Origin(f"article:{article_id}:{name_key(name)}", name, type_)
        return self.named(name, type_)

    def grading_keys(self) -> dict[Origin, set[str]]:
        """Each origin seen so far with the name keys under which a user's grade applies to it:
        every spelling that resolved to it and every alias of its institution."""
        keys: dict[Origin, set[str]] = {}
        for raw, origin in self._names.items():
            keys.setdefault(origin, set()).add(name_key(raw[0]))
        for alias, origin in self.alias.items():
            keys.setdefault(origin, set()).add(alias)
        return keys
