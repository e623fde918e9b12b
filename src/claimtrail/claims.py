"""Doc -> Claim records: the one place that reads the extractors' Doc attributes.

A *quantity claim* is a figure (a count of troops, a distance, a share) with what happened to it, its
subject, times, places, the attribution chain of the clause holding it and that clause's certainty. A
*statement claim* is an attributed clause without a figure ("intelligence agencies believe the troops
are learning drone warfare"). Each claim points at characters of the article text (``start``/``end``
and ``evidence``), so it can be shown highlighted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from .extract import institutions
from .extract.attribution import attribution_for
from .extract.modality import modality_for
from .extract.relations import PartWhole, part_whole
from .extract.stances import non_confirmations
from .extract.subjects import subject_class
from .model import (
    ACTOR_TYPES,
    EVENTS,
    MODALITIES,
    ActorMention,
    Article,
    AttributionMention,
    Claim,
    Event,
    Evidence,
    Kind,
    Modality,
    PlaceMention,
    PlaceRef,
    Quantity,
    QuantityMention,
    SourceLink,
    Subject,
    TextSpan,
    TimeMention,
    TimeRef,
    one_of,
)
from .nlp.extensions import doc_text
from .nlp.segment import doc_datelines

# Quantity kinds that make a claim on their own; ordinals ("a third deployment") do not.
CLAIM_KINDS = frozenset({"count", "measure", "percent", "money", "number"})


# Verbs of saying: a date on one, outside the figure's own clause, dates the statement.
SPEECH_VERBS = frozenset({"say", "tell", "report", "announce", "state", "add", "confirm", "write"})
# Verbs of keeping a count: a period on one dates what was counted, not the counting ("the UN
# documented 53 deaths between October 5 and 8", "recorded 1,200 cases in March").
RECORDING_VERBS = frozenset({"document", "record", "register", "log", "count", "tally"})

# A country's possessive on these nouns names a part of it, a place ("near Syria's coast").
AREA_NOUNS = frozenset(
    {
        "coast",
        "coastline",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "border",
        "borderland",
        "interior",
        "countryside",
        "heartland",
        "frontier",
        "capital",
        "outskirts",
        "shore",
    }
)

# A country's possessive on these nouns says where the disaster struck, not whose it is.
DISASTER_NOUNS = frozenset(
    {"earthquake", "quake", "flood", "flooding", "landslide", "storm", "cyclone", "typhoon", "hurricane"}
    | {"wildfire", "eruption", "tsunami", "drought", "famine", "epidemic", "outbreak", "heatwave"}
)


def claim_id_for(article_id: str, start: int, end: int, kind: str) -> str:
    """Stable id: the same article, span and kind give the same id on every re-ingest."""
    digest = hashlib.sha1(f"{article_id}:{start}:{end}:{kind}".encode()).hexdigest()
    return digest[:20]


def build_claims(doc: Doc, article: Article) -> list[Claim]:
    """All claims of one processed article (or of one piece of a long article), in text order.

    A piece's claims point at the full article text: its offsets and ids add ``doc._.piece_start``.
    """
    builder = _Builder(doc, article)
    built = (builder.quantity_claim(q) for q in doc._.quantities or [] if q.kind in CLAIM_KINDS)
    claims = [c for c in built if c is not None]
    claims.extend(builder.statement_claims(claims))
    claims.sort(key=lambda c: (c.start, c.end, c.kind))
    offset = doc._.piece_start
    placed = [shift_claim(c, offset) for c in claims] if offset else claims
    return link_parts(placed, part_whole(doc), offset)


def link_parts(claims: list[Claim], relations: list[PartWhole], offset: int = 0) -> list[Claim]:
    """The claims with ``part_of`` set to the claim id of the whole where a relation of the
    sentence names both figures ("31 of 35 drones"); a piece's relations are moved by ``offset``."""
    by_span = {(c.start, c.end): c for c in claims if c.kind == "quantity"}
    whole_of: dict[str, str] = {}
    for r in relations:
        part = by_span.get((r.part[0] + offset, r.part[1] + offset))
        whole = by_span.get((r.whole[0] + offset, r.whole[1] + offset))
        if part is not None and whole is not None:
            whole_of[part.claim_id] = whole.claim_id
    return [
        dataclasses.replace(c, part_of=whole_of[c.claim_id]) if c.claim_id in whole_of else c for c in claims
    ]


def shift_claim(claim: Claim, offset: int) -> Claim:
    """The claim with every character offset moved by ``offset`` and its id computed from the
    moved span (a claim of a piece of a long article, placed in the full text)."""
    start, end = claim.start + offset, claim.end + offset
    return dataclasses.replace(
        claim,
        claim_id=claim_id_for(claim.article_id, start, end, claim.kind),
        start=start,
        end=end,
        sentence_start=claim.sentence_start + offset,
        evidence=tuple(
            dataclasses.replace(e, start=e.start + offset, end=e.end + offset) for e in claim.evidence
        ),
    )


# Source types that say less than another description of the same body would ("the agency").
_GENERIC_TYPES = frozenset({"organization", "unknown"})


def _merged(speaker: SourceLink, cited: SourceLink) -> SourceLink:
    """One link for a body named twice in its own chain: the speaker's cue, the fuller of the two
    descriptions ("National Intelligence Service" over "the agency", "Kremlin" over "it") and the
    more specific type."""
    text = cited.text if len(cited.text or "") > len(speaker.text or "") else speaker.text
    kind = cited.type if speaker.type in _GENERIC_TYPES and cited.type not in _GENERIC_TYPES else speaker.type
    role = speaker.role or cited.role
    return dataclasses.replace(speaker, text=text, type=kind, role=role)


#: A document named by its kind alone ("a statement", "the press release"): its author is the body
#: that speaks beside it in the same chain.
_UNNAMED_DOCUMENT = re.compile(
    r"^(?:a|an|the|its|their|his|her)\s+(?:\w+\s+)?(?:statement|release|communique|communiqué)$", re.I
)


def _unnamed_document(link: SourceLink) -> bool:
    """Whether a source link is a statement with no author of its own ("a statement")."""
    return link.type == "document" and bool(_UNNAMED_DOCUMENT.match((link.text or "").strip()))


def _same_name(a: str | None, b: str | None) -> bool:
    """Whether two resolved source names are the same, ignoring case and spacing."""
    if not a or not b:
        return False
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


#: Events whose figures happen somewhere: with no place in their sentence, the article's country
#: (people of another country only for tolls: North Korean troops killed in a report on Kursk; the
#: missing or displaced of another country are likely in their own).
HOME_EVENTS = frozenset(("killed", "wounded", "casualties", "missing", "displaced", "evacuated"))
HOME_TOLLS = frozenset(("killed", "wounded", "casualties"))
#: Events of structures that happen where the article is ("5,700 houses collapsed" in a report on a
#: quake in Gansu): with no place of their own, the article's country too.
HOME_DAMAGE = frozenset(("destroyed", "damaged"))
#: Words that place a figure in a country the sentence does not name ("across the country",
#: "nationwide"); "the country's south" or "swathes of the country" name no such place (the
#: article's own country, where its toll is placed).
ELSEWHERE = re.compile(
    r"\b((?:across|inside|in|throughout|around|outside|all over) the (?:country|nation)(?!['\u2019]s)"
    r"|nationwide|abroad|overseas|elsewhere)\b",
    re.IGNORECASE,
)
#: Nouns of forces and bodies that act: a country naming the one that is a clause's subject ("the
#: US military sank three vessels") says whose it is, not where it happened ("the Ukraine war
#: killed 12" keeps Ukraine).
ACTING_BODIES = frozenset(
    {
        "military",
        "army",
        "force",
        "forces",
        "troop",
        "navy",
        "government",
        "official",
        "police",
        "ministry",
        "jet",
        "warplane",
        "aircraft",
        "drone",
        "missile",
        "helicopter",
        "warship",
        "coalition",
    }
)
#: Kinds of state body that count the dead and hurt of their own country: a toll with no place
#: whose speaker is one ("the Lebanese health ministry said three people were killed") happened in
#: that country, whatever the article names most (the attacker, in a report of an Israeli strike).
HOME_BODIES = frozenset(("Ministry of Health", "Civil defence", "Police", "Ministry of the Interior"))


#: Cues that name where a speaker's figure comes from ("..., Yu said, citing Ukrainian intelligence").
CITING_CUES = frozenset({"citing", "quoting", "according"})


def _reporter_first(
    chain: list[AttributionMention], figure_start: int, figure_end: int, sentence_end: int
) -> list[AttributionMention]:
    """A chain whose innermost cue closes the sentence after the figure while every other cue opens
    it ("Iran's health ministry said 78 were killed ..., state media reported", which the parser
    reads as the ministry saying what state media reported): the closing cue is the reporter, first;
    the rest is what it relayed. A closing "citing X" names the origin and stays last."""
    if len(chain) < 2:
        return chain
    last = chain[-1]
    closing = (
        last.cue.start > figure_end
        and 0 <= sentence_end - last.cue.end <= 25  # "..., state media reported (on Friday)."
        and (last.source is None or last.source.end <= last.cue.start)
        and last.cue.text.split()[0].lower() not in CITING_CUES
    )
    if closing and all(a.cue.end <= figure_start for a in chain[:-1]):
        return [last, *chain[:-1]]
    return chain


@dataclass(frozen=True, slots=True)
class _Clause:
    """What every claim of one attributed clause shares: its chain, times, certainty and places."""

    chain: list[AttributionMention]
    event_time: TimeMention | None
    statement_time: TimeMention | None
    modality: Modality
    cues: tuple[str, ...]
    places: list[PlaceMention]

    def evidence(self) -> list[Evidence]:
        """The clause's evidence spans: each source and cue of the chain, the times, the places."""
        out: list[Evidence] = []
        for a in self.chain:
            if a.source is not None:
                out.append(Evidence("source", a.source.start, a.source.end))
            out.append(Evidence("cue", a.cue.start, a.cue.end))
        for tm in (self.event_time, self.statement_time):
            if tm is not None:
                out.append(Evidence("time", tm.start, tm.end))
        out.extend(Evidence("place", p.start, p.end) for p in self.places)
        return out


class _Builder:
    """Holds one Doc's mentions, indexed by token, while its claims are built."""

    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # spaCy rebuilds doc.text on every access: read it once
        self.article = article
        self.published: date | None = doc._.published or article.published
        # a dateline ("SEOUL, March 6, 2025 (Wire) —") dates the article, not the claims after it
        datelines = doc_datelines(doc)
        self.times: list[TimeMention] = [
            t for t in doc._.times or [] if not any(s <= t.start < e for s, e in datelines)
        ]
        self.places: list[PlaceMention] = [p for p in doc._.places or [] if not p.demonym]
        self.actors: list[ActorMention] = list(doc._.actors or [])
        self.attributions: list[AttributionMention] = list(doc._.attributions or [])
        # spans naming sources and bodies (not countries as such): places inside them are not scopes
        speaker_spans = [(a.source.start, a.source.end) for a in self.attributions if a.source] + [
            (a.start, a.end) for a in self.actors if a.type not in ("country", "unknown")
        ]
        self.scope_places = [
            p
            for p in self.places
            if not any(p.start < e and s < p.end for s, e in speaker_spans) and not self._acting(p)
        ]
        self._home: tuple[PlaceMention | None] | None = None
        self.cue_tokens: dict[int, AttributionMention] = {}
        for a in self.attributions:
            token = self._token_at(a.cue.start)
            if token is not None:
                self.cue_tokens[token.i] = a

    # -- helpers ---------------------------------------------------------------------------------
    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def _clause_head(self, token: Token) -> Token:
        """The verb (or root) that governs a token's clause."""
        t = token
        for _ in range(20):
            if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
                return t
            if t.head is t:
                return t
            t = t.head
        return t

    def _ancestors_and_self(self, token: Token) -> list[Token]:
        return [token, *token.ancestors]

    # -- times -----------------------------------------------------------------------------------
    @staticmethod
    def _time_ref(t: TimeMention | None) -> TimeRef | None:
        """A date of the sentence as the claim's time: its first and last day (a day: the same)."""
        if t is None:
            return None
        last = t.finish or t.begin
        return TimeRef(
            text=t.text,
            start=t.begin.isoformat() if t.begin else None,
            end=last.isoformat() if last else None,
        )

    def _times_in(self, sent: Span) -> list[TimeMention]:
        """The dates of a sentence, and its times of day on a known day ("on Friday evening")."""
        return [
            t
            for t in self.times
            if t.start >= sent.start_char
            and t.end <= sent.end_char
            and (t.type == "DATE" or (t.type == "TIME" and t.begin is not None))
        ]

    def _split_times(
        self, sent: Span, anchor: Token, cue_tokens: set[int], nearest: bool = False
    ) -> tuple[TimeMention | None, TimeMention | None]:
        """(event time, statement time) among the dates of a sentence.

        A date whose governing verb is an attribution cue ("said on March 5") dates the statement;
        a date under the event's clause dates the event; a date elsewhere in the sentence dates the
        event only if no cue claims it. For a figure (``nearest``) the date nearest it in the parse
        wins; a statement keeps the first date of its clause.
        """
        event_time = statement_time = None
        chain_order = [t.i for t in self._ancestors_and_self(anchor)]
        anchor_chain = set(chain_order)
        event_rank = len(chain_order)
        for tm in self._times_in(sent):
            tok = self._token_at(tm.start)
            if tok is None:
                continue
            head = self._clause_head(tok.head if tok.dep_ in ("pobj", "npadvmod", "nmod") else tok)
            counting = (
                head.lemma_.lower() in RECORDING_VERBS and head.i in anchor_chain and tm.begin != tm.finish
            )
            if not counting and (
                head.i in cue_tokens
                or any(a.i in cue_tokens for a in head.ancestors if a.i not in anchor_chain)
                or (head.i > anchor.i and head.i not in anchor_chain and head.lemma_.lower() in SPEECH_VERBS)
            ):
                # "..., a rights group said on Monday": the statement's day, even where the chain
                # of who said it was not found
                statement_time = statement_time or tm
            elif not nearest:
                if head.i in anchor_chain or event_time is None:
                    event_time = event_time or tm
            elif head.i in anchor_chain:
                # the date nearest the figure in the parse dates it: "as the death toll from
                # Monday's earthquake hit 94" under "... Tuesday gripped residents" is Monday's
                rank = chain_order.index(head.i)
                if event_time is None or rank < event_rank:
                    event_time, event_rank = tm, rank
            elif event_time is None:
                event_time = tm
        return event_time, statement_time

    # -- attribution -----------------------------------------------------------------------------
    def _chain(self, start: int, end: int) -> list[AttributionMention]:
        return list(attribution_for(self.doc, start, end))

    @staticmethod
    def _links(chain: list[AttributionMention]) -> tuple[SourceLink, ...]:
        """An attribution chain as the claim's source links, speaker first. A source that cites
        itself ("the NIS estimates that ..., the agency told lawmakers"; "X said ..., it said in a
        statement": two cues, one body) is one link (``_merged``)."""
        links: list[SourceLink] = []
        for a in chain:
            link = SourceLink(
                text=a.source.text if a.source else None,
                name=a.source_name or (a.source.text if a.source else None),
                type=one_of(a.source_type, ACTOR_TYPES, "source type"),
                role=a.source_role,
                cue=a.cue.text,
            )
            last = links[-1] if links else None
            if last is not None and link.name and _same_name(last.name, link.name):
                links[-1] = _merged(last, link)
                continue
            links.append(link)
        if (
            len(links) == 2
            and any(_unnamed_document(x) for x in links)
            and not all(map(_unnamed_document, links))
        ):
            # "The health ministry said 12 had died, according to a statement carried by the news
            # agency": the statement is the ministry's, one source
            return tuple(x for x in links if not _unnamed_document(x))
        return tuple(links)

    def _modality(self, token: Token) -> tuple[Modality, tuple[str, ...]]:
        modality, cues = modality_for(self.doc, token.i)
        return one_of(modality, MODALITIES, "modality"), tuple(c.text for c in cues)

    # -- places ----------------------------------------------------------------------------------
    def _acting(self, place: PlaceMention) -> bool:
        """A place named as an actor, not a location: a country as the subject of a clause ("North
        Korea has sent troops"), the doer after a passive's "by" ("a swap brokered by the United
        Arab Emirates", "mediated by Washington": the mediator, not where it happened), a country in
        a person's title ("U.S. President Donald Trump"; "Kharkiv Governor ..." stays) or the owner
        of a body ("South Korea's spy agency"); "Russia's Kursk region" stays."""
        span = self._span(place.start, place.end)
        if span is None:
            return False
        if self._hyphen_modifier(place):
            return True
        root = span.root
        if self._party_between(root):
            return True
        while root.dep_ == "conj" and root.head is not root:
            root = root.head  # "Ukraine and Russia each released 150 prisoners": both subjects
        if root.dep_ in ("nsubj", "nsubjpass", "agent"):
            return place.feature == "country"  # "Kursk region received 200 more" is still a place
        if (
            root.dep_ == "compound"
            and root.head.dep_ in ("nsubj", "agent")
            and root.head.lemma_.lower() in ACTING_BODIES
            and place.feature == "country"
        ):
            return True  # "The US military sank three vessels": whose forces acted, not where
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return True
        if place.feature == "country" and self._titles_person(root):
            return True  # "Kharkiv Governor ..." names the governor's region, which stays a place
        if root.dep_ == "poss":
            head = root.head
            if head.lemma_.lower() in DISASTER_NOUNS | AREA_NOUNS:
                return False  # "Myanmar's quakes", "Libya's floods", "Syria's coast": where it struck
            return not any(p.start <= head.idx < p.end for p in self.places) and head.ent_type_ not in (
                "GPE",
                "LOC",
            )
        return False

    def _party_between(self, root: Token) -> bool:
        """A country named with a group that is no place after "between" is a party to a fight, not
        where it happened: "exchanges of fire between Israel and Hezbollah" ("the border between
        Lebanon and Israel" names two places and stays)."""
        first = root
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        if first.dep_ != "pobj" or first.head.lower_ != "between":
            return False
        members = [first, *first.conjuncts]
        return any(
            m.i != root.i
            and m.ent_type_ in ("ORG", "NORP", "PERSON")
            and not any(p.start <= m.idx < p.end for p in self.places)
            for m in members
        )

    def _hyphen_modifier(self, place: PlaceMention) -> bool:
        """A name glued by a hyphen into a modifier names a backer or a party, not where it
        happened: "Rwanda-backed rebels", "the Israel-Hamas war", "Israeli-US aggression",
        "Saudi-led coalition" ("Port-au-Prince" is one name: its hyphens are inside the mention)."""
        after = self.text[place.end : place.end + 1]
        before = self.text[place.start - 1 : place.start] if place.start > 0 else ""
        return after in ("-", "\u2010", "\u2011") or before in ("-", "\u2010", "\u2011")

    @staticmethod
    def _titles_person(token: Token) -> bool:
        """Whether a word modifies a person's name through the compounds of a title ("U.S. President
        Donald Trump"): a country there names who the person is, not where anything happened."""
        for _ in range(4):
            if token.dep_ not in ("compound", "amod", "nmod") or token.head is token:
                return False
            token = token.head
            if token.ent_type_ == "PERSON":
                return True
        return False

    def _places_in(self, sent: Span, exclude: list[tuple[int, int]]) -> list[PlaceMention]:
        """The sentence's places, less those that name a speaker or a body rather than where it
        happened ("Seoul's spy agency", "a Kyiv official") and those in ``exclude`` (the owner)."""
        seen: set[str] = set()
        out = []
        for p in self.scope_places:
            if any(p.start < e and s < p.end for s, e in exclude):
                continue
            if p.start >= sent.start_char and p.end <= sent.end_char:
                key = p.gazetteer_id or p.name
                if key not in seen:
                    seen.add(key)
                    out.append(p)
        return out

    # -- claims ----------------------------------------------------------------------------------
    def _subject(self, q: QuantityMention) -> Subject:
        """The counted noun phrase with its owner where the owner sits inside it, and its class."""
        if q.counted is None:
            return Subject(country=q.owner_country, category=subject_class(None, q.event))
        start, end = q.counted.start, q.counted.end
        if q.owner is not None and q.owner.start < start:
            # "North Korean troops", "Pyongyang's 1,500 soldiers": the owner inside the noun phrase
            noun = self._token_at(q.counted.start)
            owner = self._token_at(q.owner.start)
            if noun is not None and owner is not None and noun.left_edge.i <= owner.i < noun.i:
                start = q.owner.start
        normalized = (q.counted_lemma or q.counted.text).lower()
        return Subject(
            text=self.text[start:end],
            normalized=normalized,
            country=q.owner_country,
            category=subject_class(normalized, q.event),
        )

    def _clause(
        self,
        *,
        start: int,
        end: int,
        sent: Span,
        anchor: Token,
        owner: TextSpan | None = None,
        figure: Token | None = None,
        nearest: bool = False,
    ) -> _Clause:
        """The chain, times, certainty and places of the clause holding ``start..end`` (``figure``:
        the number's own token, whose own places win over the sentence's, ``_figure_places``;
        ``nearest``: a figure's, dated by the date nearest it, ``_split_times``)."""
        chain = self._chain(start, end)
        if len(chain) > 1 and self._is_verb(chain[-1].cue.start):
            chain = _reporter_first(chain, start, end, sent.end_char)
        if not chain and figure is not None:
            chain = self._trailing_with(figure)
        cue_tokens = set()
        for a in chain:
            tok = self._token_at(a.cue.start)
            if tok is not None:
                cue_tokens.add(tok.i)
        cue_tokens |= {
            i for i, a in self.cue_tokens.items() if a.content_start <= start and end <= a.content_end
        }
        event_time, statement_time = self._split_times(sent, anchor, cue_tokens, nearest)
        if statement_time is None and chain:
            # a statement dated elsewhere in the sentence ("..., he said on Tuesday")
            for a in chain:
                for tm in self._times_in(sent):
                    if tm.start >= a.cue.end and tm.start - a.cue.end <= 12:
                        statement_time = tm
        modality, cues = self._modality(anchor)
        places = self._places_in(sent, [(owner.start, owner.end)] if owner is not None else [])
        if figure is not None and len(places) > 1:
            places = self._figure_places(places, figure)
        if not places and not chain:
            places = self._doer_places(anchor)
        return _Clause(chain, event_time, statement_time, modality, cues, places)

    def _is_verb(self, char: int) -> bool:
        """Whether the word at ``char`` is a verb ("reported", not "the Pentagon's estimate")."""
        tok = self._token_at(char)
        return tok is not None and tok.pos_ in ("VERB", "AUX")

    def _trailing_with(self, figure: Token) -> list[AttributionMention]:
        """The chain of a cue whose report goes on in a "with" phrase after it ("The toll has risen
        to 2,205, the spokesman said on Thursday, with more than 3,600 people injured"): the wire's
        way of adding figures to what the speaker said; [] where the figure is in no such phrase."""
        tok = figure
        for _ in range(6):
            head = tok.head
            if head is tok:
                return []
            with_phrase = (tok.lower_ == "with" and tok.dep_ == "prep") or (
                tok.dep_ == "advcl" and any(c.lower_ == "with" and c.dep_ == "mark" for c in tok.children)
            )
            if with_phrase and head.i in self.cue_tokens and tok.i > head.i:
                a = self.cue_tokens[head.i]
                return self._chain(a.content_start, a.content_end)
            tok = head
        return []

    def _figure_places(self, places: list[PlaceMention], figure: Token) -> list[PlaceMention]:
        """Of a sentence's places, those of one figure where the sentence gives figures places of
        their own ("21 were downed over the Bryansk region, 12 over Kursk and nine over the Moscow
        region"): a place whose phrase hangs on a number belongs to that number's figure alone, so
        the figure takes its own places where it has any, and never another number's, unless all
        are its parts' ("337 drones, 126 of them over the Kursk region and 91 over the Moscow
        region": the whole was downed over both)."""
        hosts = [self._place_host(p) for p in places]
        own = [p for p, h in zip(places, hosts, strict=True) if h is not None and h.i == figure.i]
        if own:
            return own
        shared = [p for p, h in zip(places, hosts, strict=True) if h is None or not h.like_num]
        return shared or places

    def _place_host(self, place: PlaceMention) -> Token | None:
        """The word a place's phrase hangs on, through its noun phrase and preposition ("over the
        Bryansk region" -> "downed", "12 over Kursk" -> "12")."""
        span = self._span(place.start, place.end)
        if span is None:
            return None
        tok = span.root
        for _ in range(6):
            if tok.dep_ not in ("compound", "pobj", "prep") or tok.head is tok:
                break
            tok = tok.head
        return tok if tok.i != span.root.i else None

    def _speaker_country(self, chain: list[AttributionMention]) -> str | None:
        """The country of a chain's first speaker where it is a state or its own body ("Iran says", a
        health ministry, an emergency service, an army): such a speaker counts its own country's dead."""
        if not chain or chain[0].source is None:
            return None
        src = chain[0].source
        for actor in self.actors:
            if (
                actor.start <= src.start
                and src.end <= actor.end
                and actor.type in ("government", "military", "country")
            ):
                return actor.country
        return None

    def _home_place(self) -> PlaceMention | None:
        """The country an article is about, where its sentences name one more than any other (each
        sentence counted once): its first mention as a country, else its first place. A toll with no
        place of its own happened there; None for an article that names two countries equally."""
        if self._home is not None:
            return self._home[0]
        by_sentence: dict[str, set[int]] = {}
        for p in self.scope_places:
            if p.country:
                by_sentence.setdefault(p.country, set()).add(self._sentence_of(p.start))
        ranked = sorted(by_sentence.items(), key=lambda kv: -len(kv[1]))
        home = None
        if ranked and (len(ranked) == 1 or len(ranked[0][1]) > len(ranked[1][1])):
            of_it = [p for p in self.scope_places if p.country == ranked[0][0]]
            home = next((p for p in of_it if p.feature == "country"), of_it[0])
        self._home = (home,)
        return home

    def _speaker_home(self, links: tuple[SourceLink, ...], owner: str | None) -> PlaceMention | None:
        """The country of a state body that counts its own dead and hurt speaking for the figure
        (``HOME_BODIES`` and the health ministries and civil defences of the institutions table, or
        a country's "authorities": "Israeli authorities say about 1,200 people were killed"), as
        the article names it (a country, else a demonym: "the Lebanese health ministry"); never for
        a figure of another country's people ("Russian officials said 300 Ukrainian soldiers ...")."""
        table = institutions.table()
        for link in links:
            code = self._home_body_country(table, link)
            if code is None or (owner is not None and owner != code):
                continue
            mentions = [p for p in self.doc._.places or [] if p.country == code and p.feature == "country"]
            if mentions:
                return next((p for p in mentions if not p.demonym), mentions[0])
        return None

    @staticmethod
    def _home_body_country(table: institutions.Table, link: SourceLink) -> str | None:
        """The country of a source that counts its own country's dead, else None."""
        inst = table.named(link.name) if link.name else None
        if inst is not None:
            if inst.country is None or inst.type != "government":
                return None
            kind = re.sub(r" \(.*\)$", "", inst.name)
            if kind in HOME_BODIES or any(
                d in inst.descriptions for d in ("health ministry", "civil defence")
            ):
                return inst.country
            return None
        text = (link.text or "").lower()
        if link.type == "government" and re.search(r"\bauthorities\b", text):
            codes = set(table.countries_in(link.text or ""))
            return codes.pop() if len(codes) == 1 else None
        return None

    def _sentence_of(self, char: int) -> int:
        """The index of the sentence start at or before ``char`` (a sentence's identity)."""
        tok = self._token_at(char)
        return tok.sent.start if tok is not None else -1

    def _doer_places(self, anchor: Token) -> list[PlaceMention]:
        """The places named in the subject of a figure's own clause where no one is cited for it and
        the sentence names no other place: "authorities in the Sumy region ordered the evacuation of
        20,000 residents" happens in the Sumy region (a speaker's place, "a Kyiv official said",
        still never places a figure)."""
        head = self._clause_head(anchor)
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i == anchor.i:
            return []
        first, last = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
        return [p for p in self.places if first <= p.start and p.end <= last and not self._acting(p)]

    def _claim(
        self,
        *,
        kind: Kind,
        start: int,
        end: int,
        sent: Span,
        clause: _Clause,
        links: tuple[SourceLink, ...],
        subject: Subject,
        evidence: list[Evidence],
        event: Event | None = None,
        quantity: Quantity | None = None,
        qualifiers: tuple[str, ...] = (),
    ) -> Claim:
        """A claim of this article from its span, its clause and its own parts."""
        return Claim(
            claim_id=claim_id_for(self.article.article_id, start, end, kind),
            article_id=self.article.article_id,
            article_url=self.article.url,
            published=self.published.isoformat() if self.published else None,
            sentence=self.text[sent.start_char : sent.end_char],  # sent.text, without a token walk
            start=start,
            end=end,
            kind=kind,
            event=event,
            subject=subject,
            quantity=quantity,
            event_time=self._time_ref(clause.event_time),
            statement_time=self._time_ref(clause.statement_time),
            places=tuple(
                PlaceRef(p.text, p.name, p.country, p.lat, p.lon, p.gazetteer_id) for p in clause.places
            ),
            attribution=links,
            modality=clause.modality,
            cues=clause.cues,
            qualifiers=qualifiers,
            sentence_start=sent.start_char,
            evidence=tuple(evidence),
        )

    def quantity_claim(self, q: QuantityMention) -> Claim | None:
        """The claim of one figure, or None where its span does not align with the Doc's tokens."""
        if q.token_start < 0:
            span = self._span(q.start, q.end)
            if span is None:
                return None
            first = span[0]
        else:
            first = self.doc[q.token_start]
        sent = first.sent
        anchor = first
        if q.event_trigger is not None:
            trig = self._token_at(q.event_trigger.start)
            if trig is not None and trig.sent == sent:
                anchor = trig
        clause = self._clause(
            start=q.start, end=q.end, sent=sent, anchor=anchor, owner=q.owner, figure=first, nearest=True
        )
        links = self._links(clause.chain)
        if len(links) == 1:
            origin = self._restated_origin(q, links[0].name)
            if origin is not None:
                links += self._links([origin])
        evidence = [Evidence("quantity", q.start, q.end), *clause.evidence()]
        home = self._home_of(q, clause, links, sent)
        if home is not None:
            clause = replace(clause, places=[home])  # "the toll rose to 47" in a report from El Fasher
        if q.counted is not None:
            evidence.append(Evidence("subject", q.counted.start, q.counted.end))
        if q.event_trigger is not None:
            evidence.append(Evidence("trigger", q.event_trigger.start, q.event_trigger.end))
        return self._claim(
            kind="quantity",
            start=q.start,
            end=q.end,
            sent=sent,
            clause=clause,
            links=links,
            subject=self._subject(q),
            evidence=evidence,
            event=None if q.event is None else one_of(q.event, EVENTS, "event"),
            quantity=Quantity(
                text=q.text,
                value=q.value,
                low=q.low,
                high=q.high,
                approximate=q.approximate,
                unit=q.unit,
                normalized_value=q.normalized_value,
                normalized_unit=q.normalized_unit,
            ),
            qualifiers=tuple(q.qualifiers),
        )

    def _home_of(
        self, q: QuantityMention, clause: _Clause, links: tuple[SourceLink, ...], sent: Span
    ) -> PlaceMention | None:
        """The place a figure with none of its own takes: its speaker's country or its article's
        (``HOME_EVENTS``), never another country's than its state speaker's ("Iran's health ministry
        said 78 were killed" in a story told from Israel) nor, but for tolls, than its owner's."""
        home_event = q.event in HOME_EVENTS or (
            q.event in HOME_DAMAGE and subject_class(q.counted_lemma, q.event) == "structures"
        )
        if clause.places or not home_event or ELSEWHERE.search(sent.text):
            return None
        owner = self._subject(q).country
        home = self._speaker_home(links, owner) or self._home_place()
        if home is None:
            return None
        speaker = self._speaker_country(clause.chain)
        if speaker is not None and speaker != home.country:
            return None
        foreign = owner is not None and owner != home.country
        return None if foreign and q.event not in HOME_TOLLS else home

    def _restated_origin(self, q: QuantityMention, speaker: str | None) -> AttributionMention | None:
        """The source a speaker cites where the article later restates the same event.

        A lede gives the figure ("North Korea has deployed 1,500 troops near Kursk, a lawmaker said");
        a later paragraph names where the speaker had it from ("According to them [HUR], the newly
        deployed troops were near Kursk"). When a later cited statement by the same speaker mentions
        the same counted thing and the same event word, its source is the figure's origin.
        """
        if not speaker or q.counted_lemma is None or q.event_trigger is None:
            return None
        trigger = self._token_at(q.event_trigger.start)
        if trigger is None:
            return None
        want = {q.counted_lemma.lower(), trigger.lemma_.lower()}
        for a in self.attributions:
            if a.source_name != speaker or a.cue.start <= q.end:
                continue
            for i in a.cites:
                cited = self.attributions[i]
                if not cited.source_name or cited.source_name == speaker:
                    continue
                span = self._span(cited.content_start, cited.content_end)
                if span is not None and want <= {t.lemma_.lower() for t in span}:
                    return cited
        return None

    def statement_claims(self, quantity_claims: Iterable[Claim]) -> list[Claim]:
        """One claim per attributed clause that holds no figure."""
        covered = [(c.start, c.end) for c in quantity_claims]
        out: list[Claim] = []
        seen: set[tuple[int, int]] = set()
        cited = {i for a in self.attributions for i in a.cites}
        stances = non_confirmations(self.doc, self.doc._.modality_cues or [], self.actors, self.attributions)
        for index, a in enumerate([*self.attributions, *stances]):
            start, end = a.content_start, a.content_end
            if end <= start or (start, end) in seen:
                continue
            if any(start <= s and e <= end for s, e in covered):
                continue
            if index in cited:  # a cited source's clause belongs to its citer's statement
                continue
            seen.add((start, end))
            span = self._span(start, end)
            if span is None or not self.text[span.start_char : span.end_char].strip():  # span.text, uncut
                continue
            sent = span[0].sent
            anchor = span.root
            clause = self._clause(start=start, end=end, sent=sent, anchor=anchor)
            if index >= len(self.attributions):  # a non-confirmation (extract/stances.py): its subject speaks
                clause = dataclasses.replace(clause, chain=[*clause.chain, a])
            out.append(
                self._claim(
                    kind="statement",
                    start=start,
                    end=end,
                    sent=sent,
                    clause=clause,
                    links=self._links(clause.chain),
                    subject=self._statement_subject(span),
                    evidence=[Evidence("content", start, end), *clause.evidence()],
                )
            )
        return out

    def _statement_subject(self, span: Span) -> Subject:
        """The grammatical subject of the attributed clause, resolved to an actor where one matches."""
        subj = next((t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.head == span.root), None)
        if subj is None:
            return Subject()
        sub = self.doc[subj.left_edge.i : subj.right_edge.i + 1]
        for actor in self.actors:
            if actor.start < sub.end_char and sub.start_char < actor.end:
                return Subject(text=sub.text, normalized=actor.normalized, country=actor.country)
        normalized = subj.lemma_.lower()
        return Subject(text=sub.text, normalized=normalized, category=subject_class(normalized))
