"""Actors, the linking step: mentions of one actor joined (explicit links, the same name, a
repeated description, the news lede's described speaker named next, a role, a named body) and given
one normalised name, type, role and country. ``Candidate`` is the mention the actor extractor builds."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

NAMED_KINDS = ("alias", "entity")


@dataclass
class Candidate:
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
    links: list[Candidate] = field(default_factory=list)  # mentions of the same actor
    definite: bool = False
    absorbed: list[int] = field(default_factory=list)  # starts of country mentions inside this phrase


@dataclass(frozen=True)
class LinkWords:
    """The words linking reads: the source nouns typed by their modifier ("sources"), whose repeat
    takes the earlier mention's type, and the speech verbs of a speaking description."""

    by_modifier: frozenset[str]
    speech: frozenset[str]


class _Groups:
    """Union-find over candidate indices: the mentions of one actor."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        """The representative of ``x``'s group."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        """Join the groups of ``a`` and ``b`` (the lower index represents them)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        """The groups, each in index order."""
        out: dict[int, list[int]] = {}
        for n in range(len(self.parent)):
            out.setdefault(self.find(n), []).append(n)
        return list(out.values())


def link(doc: Doc, cands: list[Candidate], lex: LinkWords) -> None:
    """Give linked mentions and short names one normalised name; share type, role and country."""
    groups = _Groups(len(cands))
    _link_explicit(cands, groups)
    _link_same_name(cands, groups)
    _link_repeated_description(doc, cands, groups, lex.by_modifier)
    _link_lede(doc, cands, groups, lex.speech)
    _link_by_role(doc, cands, groups)
    _link_named_body(doc, cands, groups)
    for members in groups.groups():
        if len(members) > 1:
            _share([cands[m] for m in members])


def _link_repeated_description(
    doc: Doc, cands: list[Candidate], groups: _Groups, by_modifier: frozenset[str]
) -> None:
    """A definite description repeating an earlier description's head: "a lawmaker" ... "the
    lawmaker", "the spy agency" ... "the agency" (the later one takes the earlier one's type
    where its noun is typed by its modifier)."""
    for n, c in enumerate(cands):
        if c.kind != "nominal" or not c.definite or doc[c.head].tag_ not in ("NN", "NNS"):
            continue
        lemma = doc[c.head].lemma_
        prev = [
            m
            for m in range(n)
            if cands[m].kind == "nominal"
            and doc[cands[m].head].lemma_ == lemma
            and not (
                c.country and cands[m].country and c.country != cands[m].country
            )  # "In Lebanon, the ..."
        ]
        if prev:
            m = prev[-1]
            groups.union(n, m)
            if c.type != cands[m].type and doc[c.head].lower_ in by_modifier:
                c.type = cands[m].type


def _link_lede(doc: Doc, cands: list[Candidate], groups: _Groups, speech: frozenset[str]) -> None:
    """The news lede: "..., a South Korean lawmaker said." then "Yu Yong-weon, a member of
    ...": an indefinite person description speaking, named as the subject of the next sentence."""
    for n, c in enumerate(cands):
        head = doc[c.head]
        if c.kind != "nominal" or c.type != "person" or c.definite or head.tag_ != "NN":
            continue
        if not (head.dep_ == "nsubj" and head.head.lemma_ in speech):
            continue
        nxt = head.sent.end
        if nxt >= len(doc):
            continue
        m = _first_person_of(doc, cands, n, doc[nxt].sent)
        if m is not None and _names_next_subject(doc, cands, c, m):
            groups.union(n, m)


def _link_explicit(cands: list[Candidate], groups: _Groups) -> None:
    """Join the links found while reading (acronyms, appositions, "identified as")."""
    index = {id(c): n for n, c in enumerate(cands)}
    for n, c in enumerate(cands):
        for other in c.links:
            if id(other) in index:
                groups.union(n, index[id(other)])


def _link_same_name(cands: list[Candidate], groups: _Groups) -> None:
    """Join named mentions with the same normalised name, and a one-word name with an earlier
    person's first or last name ("Yu" -> "Yu Yong-weon")."""
    seen: dict[str, int] = {}
    persons: dict[str, int] = {}
    for n, c in enumerate(cands):
        key = c.normalized.lower() if c.kind != "nominal" else ""
        if key and key in seen:
            groups.union(n, seen[key])
        elif key:
            seen[key] = n
        if c.kind != "entity" or c.type not in ("person", "organization"):
            continue
        parts = c.normalized.split()
        short = c.normalized.lower()
        if len(parts) == 1 and short in persons:
            groups.union(n, persons[short])
            continue
        if c.type == "person" and len(parts) > 1:
            for p in (parts[0], parts[-1], parts[-1].split("-")[0]):
                persons.setdefault(p.lower(), n)


def _first_person_of(doc: Doc, cands: list[Candidate], n: int, sent: Span) -> int | None:
    """The index of the first named person after candidate ``n`` in ``sent``, if any."""
    for m in range(n + 1, len(cands)):
        o = cands[m]
        if o.start >= sent.end:
            return None
        if o.start < sent.start or o.kind != "entity" or o.type != "person":
            continue
        return m
    return None


def _names_next_subject(doc: Doc, cands: list[Candidate], c: Candidate, m: int) -> bool:
    """Whether person ``m`` (first named person of the next sentence) names description ``c``: the
    subject, a full name mentioned for the first time, of a fitting country."""
    o = cands[m]
    first_mention = not any(
        cands[k].normalized == o.normalized for k in range(m) if cands[k].kind == "entity"
    )
    fits = o.country is None or c.country is None or o.country == c.country
    return doc[o.head].dep_ == "nsubj" and first_mention and o.end - o.start > 1 and fits


def _link_by_role(doc: Doc, cands: list[Candidate], groups: _Groups) -> None:
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
                groups.union(n, m)


def _link_named_body(doc: Doc, cands: list[Candidate], groups: _Groups) -> None:
    """Definite descriptions of a named body: "the spy agency" after "NIS" (or before it), where
    one named body of that type and country is in the article."""
    for n, c in enumerate(cands):
        if c.kind != "nominal" or not c.definite or c.type not in ("intelligence", "government", "military"):
            continue
        if doc[c.head].tag_ != "NN" or c.country is None:
            continue

        def same_body(m: int, c: Candidate = c) -> bool:
            """Whether candidate ``m`` names a body of ``c``'s type and country."""
            o = cands[m]
            return o.kind in NAMED_KINDS and o.type == c.type and o.country == c.country

        named = {groups.find(m) for m in range(n) if same_body(m)} or {
            groups.find(m) for m in range(n + 1, len(cands)) if same_body(m)
        }
        if len(named) == 1:
            groups.union(n, named.pop())


def _share(members: list[Candidate]) -> None:
    """Give the mentions of one actor the best name among them, and share type, role and country."""
    best = max(range(len(members)), key=lambda k: (members[k].rank, len(members[k].normalized), -k))
    rep = members[best]
    is_person = any(o.type == "person" for o in members if o.kind != "nominal")
    role = next((o.role for o in members if o.role and o.kind != "nominal"), None)
    role = role or next((o.role for o in members if o.role), None)
    country = rep.country or next((o.country for o in members if o.country), None)
    for c in members:
        c.normalized = rep.normalized
        if is_person and c.kind == "entity":
            c.type = "person"
        if c.type == rep.type or c.kind == "entity":
            c.role = c.role or role
        c.country = c.country or country


def _role_heads(role: str | None) -> set[str]:
    """The nouns of a role ("a lawmaker of the ruling party" -> {"lawmaker", "party", ...}), casefolded."""
    return {w.strip(",.").casefold() for w in (role or "").split()}
