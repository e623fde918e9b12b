"""Events: what happened to the counted thing.

For every number in ``doc._.quantities`` this component reads the dependency parse around it and
fills, on the :class:`~claimtrail.model.QuantityMention` itself:

- ``counted`` / ``counted_lemma``: the noun being counted ("1,500 *troops*", "40 of the *drones*",
  "4,000 of *them*" -> the antecedent "troops"); ``kind`` becomes "count" when one is found and
  the number has no measurement unit;
- ``owner`` / ``owner_country``: whose the counted thing is ("*North Korean* troops",
  "*Pyongyang's* troops", "*North Korea* has deployed 1,500 troops"), the country taken from the
  places and actors found before this component ran;
- ``event`` / ``event_trigger``: one of ``claimtrail.model.EVENTS`` (from deployed and killed to
  launched, intercepted and strength, or other), with the words that say so ("killed or
  wounded", "deployment of", "lost their lives", "shot down"); some settle by the class of what
  they count (``subjects.yaml``: "lost 3 tanks" is destroyed, "lost 300 men" casualties);
- ``qualifiers``: batch, ordinals, additional, initial, total.

It works like a spaCy component: :meth:`EventsComponent.match` computes one :class:`EventMatch`
per quantity from rules over lemmas and dependency relations, :meth:`EventsComponent.set_annotations`
writes them. Word lists live in ``resources/events.yaml``; the rules here only say where in the
parse to look. No re-parsing: everything is read from the Doc the base model produced.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import AfterValidator, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from typing_extensions import TypedDict

from .. import resources
from ..model import EVENTS, QuantityMention, SubjectClass, TextSpan
from ..nlp.extensions import doc_text
from .subjects import RESOURCE as SUBJECTS_RESOURCE
from .subjects import SubjectClasses, load_subject_classes

RESOURCE = "events.yaml"

NOUNS = frozenset({"NOUN", "PROPN"})
VERBS = frozenset({"VERB", "AUX"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Relations along which a number or a noun hands the search over to its head.
CLIMB = frozenset({"nummod", "quantmod", "compound", "appos", "conj", "nmod", "npadvmod", "amod", "advmod"})
OWNER_LABELS = frozenset({"NORP", "GPE", "ORG"})
MAX_STEPS = 8
# Qualifiers (names of the ``qualifiers`` section) whose nouns hold a count of something else.
CONTAINER_QUALIFIERS = ("batch", "total")
# What befalls people in a toll: a noun naming one of these keeps it against a verb said of a
# coordinated figure (``_keep_own_outcome``), and a set named by one passes it to its members.
OUTCOMES = frozenset({"killed", "wounded", "missing", "casualties"})
#: What befalls a set of people that its members share ("the freed Ukrainians included two civilians").
MEMBER_EVENTS = OUTCOMES | {"released", "evacuated", "displaced", "detained", "captured"}


# ---------------------------------------------------------------------------------------------
# Lexicon


def _known_event(value: str) -> str:
    """An event name of ``claimtrail.model.EVENTS``; a ValueError names the choices."""
    if value not in EVENTS:
        raise ValueError(f"unknown event {value!r} (expected one of {', '.join(EVENTS)})")
    return value


EventName = Annotated[str, AfterValidator(_known_event)]


class EventWords(TypedDict):
    """The words that say one event (see ``events.yaml``)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    verbs: list[str]
    nouns: list[str]
    adjectives: list[str]
    phrases: list[str]


class AgentRule(TypedDict):
    """An event that becomes another when its subject or agent is one of some words."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    event: EventName
    becomes: EventName
    agents: list[str]


class Presence(TypedDict):
    """Forces said to be in a place: the event, the verbs and the prepositions before the place."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    event: EventName
    verbs: list[str]
    preps: list[str]


class ArmedAttacks(TypedDict):
    """Attacks made with weapons: the event, the verbs, the prepositions and the class counted."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    event: EventName
    verbs: list[str]
    preps: list[str]
    counts: SubjectClass


class EventsFile(TypedDict):
    """The schema of ``events.yaml`` (each section is described in the file)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    events: dict[EventName, EventWords]
    combinations: list[list[EventName]]
    weak_events: list[EventName]
    harmed_nouns: list[str]
    people_only_events: list[EventName]
    by_class: dict[str, dict[SubjectClass, EventName]]
    grounded: list[str]
    by_agent: list[AgentRule]
    presence: Presence
    armed_attacks: ArmedAttacks
    exchange_words: list[str]
    event_preps: list[str]
    ellipsis_events: list[EventName]
    area_nouns: list[str]
    area_events: list[EventName]
    done_to_object: list[EventName]
    patient_subject_verbs: list[str]
    owner_is_subject: list[str]
    ambiguous_triggers: list[str]
    tally_verbs: list[str]
    tally_nouns: list[str]
    reach_verbs: list[str]
    inclusion_verbs: list[str]
    attack_nouns: list[str]
    tally_preps: list[str]
    member_preps: list[str]
    owner_preps: list[str]
    unit_of_count_nouns: list[str]
    not_counted_nouns: list[str]
    number_nouns: list[str]
    reference_words: list[str]
    relative_pronouns: list[str]
    pronouns: list[str]
    definite_determiners: list[str]
    qualifiers: dict[str, list[str]]
    qualifier_preps: list[str]
    not_before_than: list[str]
    ordinals: list[str]


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``events.yaml`` (and the subject classes of ``subjects.yaml``), indexed
    for lookup by lemma."""

    verbs: dict[str, str]
    nouns: dict[str, str]
    adjectives: dict[str, str]
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]
    combinations: list[tuple[frozenset[str], str]]
    weak_events: frozenset[str]
    harmed_nouns: frozenset[str]
    people_only: frozenset[str]
    by_class: dict[str, dict[SubjectClass, str]]
    grounded: frozenset[str]
    by_agent: list[tuple[str, str, frozenset[str]]]
    presence: tuple[str, frozenset[str], frozenset[str]]
    armed_attacks: ArmedAttacks
    exchange_words: frozenset[str]
    event_preps: frozenset[str]
    classes: SubjectClasses
    ellipsis_events: frozenset[str]
    area_nouns: frozenset[str]
    area_events: frozenset[str]
    done_to_object: frozenset[str]
    patient_subject: frozenset[str]
    owner_is_subject: frozenset[str]
    tally_verbs: frozenset[str]
    tally_nouns: frozenset[str]
    reach_verbs: frozenset[str]
    inclusion_verbs: frozenset[str]
    attack_nouns: frozenset[str]
    tally_preps: frozenset[str]
    member_preps: frozenset[str]
    owner_preps: frozenset[str]
    counted_nouns: frozenset[str]
    unit_of_count: frozenset[str]
    not_counted: frozenset[str]
    references: frozenset[str]
    relative_pronouns: frozenset[str]
    pronouns: frozenset[str]
    definite: frozenset[str]
    number_nouns: frozenset[str]
    ambiguous: frozenset[str]
    qualifier_words: dict[str, str]
    qualifier_phrases: list[tuple[tuple[str, ...], str]]
    qualifier_order: tuple[str, ...]
    qualifier_preps: frozenset[str]
    not_before_than: frozenset[str]
    ordinals: frozenset[str]


def _words(values: list[str]) -> list[str]:
    """The entries of a word list, trimmed and in lower case (empty entries left out)."""
    return [v.strip().lower() for v in values if v.strip()]


def _word_set(values: list[str]) -> frozenset[str]:
    """A plain word list of ``events.yaml`` as a set."""
    return frozenset(_words(values))


def _event_words(
    events: dict[str, EventWords],
) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, list[tuple[tuple[str, ...], str]]]]:
    """Verbs, nouns, adjectives and phrases (by head word) to their event; the first event that
    lists a word keeps it."""
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for event, lists in events.items():
        for word in _words(lists["verbs"]):
            verbs.setdefault(word, event)
        for word in _words(lists["nouns"]):
            nouns.setdefault(word, event)
        for word in _words(lists["adjectives"]):
            adjectives.setdefault(word, event)
        for phrase in _words(lists["phrases"]):
            head, *rest = phrase.split()
            if rest:
                phrases.setdefault(head, []).append((tuple(rest), event))
    return verbs, nouns, adjectives, phrases


def _qualifier_words(
    qualifiers: dict[str, list[str]],
) -> tuple[dict[str, str], list[tuple[tuple[str, ...], str]]]:
    """Qualifier words and phrases to the qualifier they set ("further" -> additional)."""
    words: dict[str, str] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for qualifier, entries in qualifiers.items():
        for word in _words(entries):
            if " " in word:
                phrases.append((tuple(word.split()), qualifier))
            else:
                words.setdefault(word, qualifier)
    return words, phrases


def load_lexicon(name: str = RESOURCE, subject_classes: str = SUBJECTS_RESOURCE) -> Lexicon:
    """Read, check and index the events word lists of resource ``name`` and the subject classes
    (the counted nouns) of resource ``subject_classes``; a ResourceError names the file and the
    key when one does not fit (an unknown event or class, a missing section)."""
    data = resources.load_checked(name, EventsFile)
    classes = load_subject_classes(subject_classes)
    verbs, nouns, adjectives, phrases = _event_words(data["events"])
    qualifier_words, qualifier_phrases = _qualifier_words(data["qualifiers"])
    combinations = [(frozenset(_words(parts)), result) for *parts, result in data["combinations"]]
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        adjectives=adjectives,
        phrases=phrases,
        combinations=combinations,
        weak_events=frozenset(data["weak_events"]),
        harmed_nouns=_word_set(data["harmed_nouns"]),
        people_only=frozenset(data["people_only_events"]),
        by_class={word.strip().lower(): dict(events) for word, events in data["by_class"].items()},
        grounded=_word_set(data["grounded"]),
        by_agent=[(r["event"], r["becomes"], _word_set(r["agents"])) for r in data["by_agent"]],
        presence=(
            data["presence"]["event"],
            _word_set(data["presence"]["verbs"]),
            _word_set(data["presence"]["preps"]),
        ),
        armed_attacks=data["armed_attacks"],
        exchange_words=_word_set(data["exchange_words"]),
        event_preps=_word_set(data["event_preps"]),
        classes=classes,
        ellipsis_events=frozenset(data["ellipsis_events"]),
        area_nouns=_word_set(data["area_nouns"]),
        area_events=frozenset(data["area_events"]),
        done_to_object=frozenset(data["done_to_object"]),
        patient_subject=_word_set(data["patient_subject_verbs"]),
        owner_is_subject=_word_set(data["owner_is_subject"]),
        tally_verbs=_word_set(data["tally_verbs"]),
        tally_nouns=_word_set(data["tally_nouns"]),
        reach_verbs=_word_set(data["reach_verbs"]),
        inclusion_verbs=_word_set(data["inclusion_verbs"]),
        attack_nouns=_word_set(data["attack_nouns"]),
        tally_preps=_word_set(data["tally_preps"]),
        member_preps=_word_set(data["member_preps"]),
        owner_preps=_word_set(data["owner_preps"]),
        counted_nouns=classes.counted_nouns,
        unit_of_count=_word_set(data["unit_of_count_nouns"]),
        not_counted=_word_set(data["not_counted_nouns"]),
        references=_word_set(data["reference_words"]),
        relative_pronouns=_word_set(data["relative_pronouns"]),
        pronouns=_word_set(data["pronouns"]),
        definite=_word_set(data["definite_determiners"]),
        number_nouns=_word_set(data["number_nouns"]),
        ambiguous=_word_set(data["ambiguous_triggers"]),
        qualifier_words=qualifier_words,
        qualifier_phrases=qualifier_phrases,
        qualifier_order=tuple(data["qualifiers"]),
        qualifier_preps=_word_set(data["qualifier_preps"]),
        not_before_than=_word_set(data["not_before_than"]),
        ordinals=_word_set(data["ordinals"]),
    )


# ---------------------------------------------------------------------------------------------
# Matches


@dataclass
class Owner:
    """Whose the counted thing is: the words that say it and its country code, if known."""

    span: TextSpan
    country: str | None


@dataclass
class EventMatch:
    """What the rules found for one quantity, before it is written onto the mention."""

    quantity: QuantityMention
    anchor: Token
    first: int  # the quantity's tokens: first, one past the last
    last: int
    counted: Token | None = None
    counted_how: str | None = None  # head | partitive | appos | self | reference | ellipsis
    reference: Token | None = None  # the pronoun or number that stands for the counted noun
    owner: Owner | None = None
    event: str | None = None
    trigger: list[Token] = field(default_factory=list)
    verb: Token | None = None  # the verb that governs the figure
    via: Token | None = None  # the token through which the search reached ``verb``
    path: list[Token] = field(default_factory=list)  # nouns passed on the way up
    qualifiers: list[str] = field(default_factory=list)


@dataclass
class _Qualifiers:
    """Qualifiers found for one figure so far: names in order of finding, ordinals as written, and
    the tokens (number, nouns, verb) that multi-word qualifiers may hang off."""

    numbers: list[Token]
    found: list[str] = field(default_factory=list)
    ordinals: list[str] = field(default_factory=list)
    anchors: list[Token] = field(default_factory=list)


@dataclass
class _Hit:
    """An event found, with the words that say it."""

    event: str
    tokens: list[Token]


def _lemma_guesses(word: str) -> list[str]:
    """Dictionary forms a lower-cased word may have, for words the tagger read as names ("Kills",
    "Killing", "Sinks", "Dropped", "Injured"): the word, then the word less an inflection."""
    out = [word]
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        out += [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        out += [stem, word[:-1]] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    return out


def lemma(token: Token) -> str:
    """The lower-case lemma of a token (the word lists are lemmas)."""
    return token.lemma_.lower()


def token_span(doc: Doc, first: int, last: int, text: str | None = None) -> TextSpan:
    """TextSpan covering tokens ``first``..``last`` inclusive (``text``: ``doc.text``, if at hand)."""
    start = doc[first].idx
    end = doc[last].idx + len(doc[last].text)
    if text is None:
        text = doc_text(doc)  # O(length of the Doc): callers in loops pass it
    return TextSpan(start, end, text[start:end])


class EventsComponent:
    """The ``claimtrail_events`` pipeline component (see the module docstring)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.quantities and doc.has_annotation("DEP"):
            self.set_annotations(doc, self.match(doc))
        return doc

    # -- match ------------------------------------------------------------------------------

    def match(self, doc: Doc) -> list[EventMatch]:
        """One EventMatch per quantity that can be placed in the parse (ordinals are skipped)."""
        ctx = _DocContext(doc, self.lex.pronouns)
        matches: list[EventMatch] = []
        for q in doc._.quantities or []:
            if q.kind == "ordinal":
                continue
            placed = self._anchor(doc, q)
            if placed is None:
                continue
            anchor, first, last = placed
            m = EventMatch(quantity=q, anchor=anchor, first=first, last=last)
            if self._difference(anchor):
                matches.append(m)  # "three more than the official count": no count of its own
                continue
            start = self._find_counted(m)
            self._find_event(m, start)
            if m.event is None:
                self._headline_event(m)
            matches.append(m)
        # Second pass: pronouns and bare numbers borrow the counted noun said before them.
        for m in matches:
            if m.counted is None:
                self._resolve_reference(m, matches, ctx)
                self._share_gapped(m, matches)
                self._share_event(m, matches)
        for m in matches:
            if m.counted is None and m.event is None and self._tally_valued(m):
                self._restate(m, matches, ctx)
        for m in matches:
            self._find_owner(m, matches, ctx)
            if m.owner is None:
                m.owner = self._owner_of_partitive(m, matches) or self._owner_said_before(m, matches)
            m.qualifiers = self._find_qualifiers(m, ctx)
            self._settle_event(m)
        return matches

    def _headline_event(self, m: EventMatch) -> None:
        """The event of a figure in a Title Case headline, which the parser reads as names ("US
        Military Sinks Three Houthi Boats in Red Sea, Killing 10", "Junta Airstrikes Kill 11
        Sagaing Civilians", "Flash Floods Leave 19 Dead"): the event word right before the figure
        (a verb) or right after it and its noun (a verb, adjective or noun), read in lower case."""
        sent = m.anchor.sent
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        if len(sent) > 30 or len(words) < 3 or sum(t.text[:1].isupper() for t in words) < 0.75 * len(words):
            return
        doc = m.anchor.doc
        before: list[Token] = []
        for t in reversed(doc[max(sent.start, m.first - 3) : m.first]):
            if t.is_punct:
                break
            before.append(t)
        after: list[Token] = []
        for t in doc[m.last : min(sent.end, m.last + 4)]:
            if t.is_punct or t.lower_ in ("in", "on", "at", "as", "after", "from", "by", "of"):
                break
            after.append(t)
        lex = self.lex
        for t in before:
            event = next((lex.verbs[w] for w in _lemma_guesses(t.lower_) if w in lex.verbs), None)
            if event is not None:
                self._accept(m, _Hit(event, [t]))
                return
        for t in after:
            for w in _lemma_guesses(t.lower_):
                event = lex.adjectives.get(w) or lex.verbs.get(w) or lex.nouns.get(w)
                if event is not None:
                    self._accept(m, _Hit(event, [t]))
                    return

    def _difference(self, anchor: Token) -> bool:
        """A number that says by how much one figure exceeds another named in words ("35 killed,
        three more than the official count", "two fewer than the army's tally"): a difference,
        not a count of anything. "more than 300 people" and "10 more than 40" are not."""
        for word in anchor.children:
            if word.lower_ not in ("more", "fewer", "less") or word.i < anchor.i:
                continue
            for prep in word.children:
                if prep.dep_ == "prep" and prep.lower_ == "than":
                    objects = [c for c in prep.children if c.dep_ == "pobj"]
                    return bool(objects) and not any(self._numeric(o) for o in objects)
        return False

    def _settle_event(self, m: EventMatch) -> None:
        """Final event rules that depend on the counted noun.

        A measure ("40 km", "500 tonnes") gets no event; a share of something ("30% of the troops")
        keeps the event of what it counts. Ambiguous triggers need a listed counted noun: "sent 2
        million letters" is "other", "the index lost 1.85 points" has no event. A listed counted
        noun with no trigger gets "other".
        """
        own = self._adjective_after(m)
        if own is not None and own.event != m.event:
            m.event, m.trigger = own.event, list(own.tokens)  # "with 334 dead and nearly 400 missing"
        if m.quantity.unit and m.counted is None:
            m.event, m.trigger = None, []
            return
        listed = m.counted is not None and (m.counted_how == "named" or self._is_counted_noun(m.counted))
        phrase = len(m.trigger) > 1 and lemma(m.trigger[0]) in self.lex.phrases  # "lives were lost"
        if (
            m.event is not None
            and not listed
            and not phrase
            and any(lemma(t) in self.lex.ambiguous for t in m.trigger)
        ):
            if m.counted is None:
                m.event, m.trigger = None, []
            else:
                m.event = "other"
        if m.event is None and listed and not m.quantity.unit:
            m.event = "other"
        if m.event is not None and len(m.trigger) == 1:
            m.event = self._event_by_class(m, m.trigger[0], m.event)
        if m.event in self.lex.people_only and m.counted is not None:
            if self.lex.classes.of(self._counted_lemma(m.counted), m.event) != "people":
                m.event = "other"  # "105 drones vanished from radar": not missing people
        if m.event is not None and m.trigger:
            m.event = self._event_by_agent(m.trigger[0], m.event)
        if m.event in ("deployed", "other") and self._weapons_of_an_attack(m):
            m.event = self.lex.armed_attacks["event"]  # "attacked Ukraine overnight, deploying 728 drones"
        if m.event in self.lex.done_to_object and self._acting_subject(m):
            weapons = (
                m.counted is not None
                and self.lex.classes.of(self._counted_lemma(m.counted), None) == "weapons"
            )
            m.event = self.lex.armed_attacks["event"] if weapons else "other"

    def _adjective_after(self, m: EventMatch) -> _Hit | None:
        """The event of an adjective written right after a bare number ("334 dead", "400 missing",
        "40 wounded"): the number's own, whatever the parse joins it to."""
        doc = m.anchor.doc
        borrowed = m.counted is not None and m.counted_how in ("reference", "ellipsis")
        if (m.counted is not None and not borrowed) or m.quantity.unit or m.last >= len(doc):
            return None
        nxt = doc[m.last]
        if nxt.pos_ not in ("ADJ", "VERB") or nxt.lower_ not in self.lex.adjectives:
            return None
        after = doc[m.last + 1] if m.last + 1 < len(doc) else None
        if after is not None and after.pos_ in NOUNS:
            return None  # "40 wounded soldiers": the noun counts, its adjective is read with it
        return _Hit(self.lex.adjectives[nxt.lower_], [nxt])

    def _weapons_of_an_attack(self, m: EventMatch) -> bool:
        """Weapons a participle of an attack verb puts to use were launched: "Russia attacked Ukraine
        overnight, deploying 728 drones and 13 missiles" ("using", "sending", "firing" alike)."""
        verb = m.trigger[0] if len(m.trigger) == 1 else m.verb
        if verb is None or m.counted is None or verb.tag_ != "VBG" or verb.dep_ != "advcl":
            return False
        if lemma(verb.head) not in self.lex.armed_attacks["verbs"]:
            return False
        return self.lex.classes.of(self._counted_lemma(m.counted)) == self.lex.armed_attacks["counts"]

    def _acting_subject(self, m: EventMatch) -> bool:
        """Whether the figure is the doer of its trigger, not what befell: the active subject of a
        verb with an object ("200 aircraft struck 100 targets", "75 gunmen killed 20 villagers",
        "three missiles hit the city": launched, or no event of theirs); not "300 soldiers lost
        their lives" or "suffered wounds", whose subject is what befell."""
        verb = m.trigger[0] if len(m.trigger) == 1 else None
        if (
            verb is None
            or verb.pos_ != "VERB"
            or m.via is None
            or m.via.dep_ != "nsubj"
            or m.via.head.i != verb.i
        ):
            return False
        if lemma(verb) in self.lex.patient_subject:
            return False
        return any(c.dep_ == "dobj" for c in verb.children)

    def _event_by_class(self, m: EventMatch, trigger: Token, event: str) -> str:
        """The event a one-word trigger takes from the class of what it counts ("lost 3 tanks" is
        destroyed); weapons destroyed on the ground stay destroyed."""
        by_class = self.lex.by_class.get(lemma(trigger))
        if by_class is None or m.counted is None:
            return event
        category = self.lex.classes.of(self._counted_lemma(m.counted), event)
        if category not in by_class:
            return event
        for word in (trigger, m.counted):
            for prep in word.children:
                if prep.dep_ == "prep" and any(lemma(p) in self.lex.grounded for p in prep.children):
                    return event
        return by_class[category]

    def _event_by_agent(self, trigger: Token, event: str) -> str:
        """The event a trigger's doer changes ("police seized 12 suspects" is detained)."""
        doers = [c for c in trigger.children if c.dep_ == "nsubj"]
        doers += [p for c in trigger.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        words = {word for doer in doers for t in doer.subtree for word in (lemma(t), t.lower_)}
        for before, after, agents in self.lex.by_agent:
            if event == before and not words.isdisjoint(agents):
                return after
        return event

    def set_annotations(self, doc: Doc, matches: list[EventMatch]) -> None:
        """Write counted, owner, event and qualifiers onto each QuantityMention."""
        text = doc_text(doc)
        for m in matches:
            q = m.quantity
            if m.counted is not None:
                q.counted = self._counted_span(doc, m.counted, text)
                q.counted_lemma = self._counted_lemma(m.counted)
                if not q.unit and q.kind in ("number", "count"):
                    q.kind = "count"
            if m.owner is not None:
                q.owner = m.owner.span
                q.owner_country = m.owner.country
            if m.event is not None:
                q.event = m.event
                if m.trigger:
                    first, last = min(t.i for t in m.trigger), max(t.i for t in m.trigger)
                    q.event_trigger = token_span(doc, first, last, text)
            q.qualifiers = list(m.qualifiers)

    # -- the number and its counted noun ----------------------------------------------------

    def _anchor(self, doc: Doc, q: QuantityMention) -> tuple[Token, int, int] | None:
        """The token of the quantity whose head lies outside it: where the parse joins the rest.

        Returns it with the quantity's token range (from ``token_start``/``token_end``, or from
        the character offsets where those are not set).
        """
        first, last = q.token_start, q.token_end
        if first < 0 or last <= first:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None or not len(span):
                return None
            first, last = span.start, span.end
        tokens = list(doc[first:last])
        outside = [t for t in tokens if not first <= t.head.i < last or t.head.i == t.i]
        numeric = [t for t in outside if self._numeric(t)]
        pick = numeric or outside or tokens
        return (pick[-1], first, last) if pick else None

    def _numeric(self, token: Token) -> bool:
        """A number, digits or words, including number nouns ("dozens", "thousands")."""
        return token.like_num or token.pos_ == "NUM" or lemma(token) in self.lex.number_nouns

    @staticmethod
    def _in_quantity(m: EventMatch, token: Token) -> bool:
        """Whether the token is part of the quantity itself."""
        return m.first <= token.i < m.last

    def _is_counted_noun(self, token: Token) -> bool:
        """Whether events happen to this noun (people, weapons, vehicles), by the word lists."""
        if token.ent_type_ == "NORP" and token.pos_ in NOUNS:
            return True  # "25 Palestinians", "13 Israelis"
        lem = self._counted_lemma(token)
        if lem in self.lex.counted_nouns:
            return True
        compound = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        return bool(compound) and f"{lemma(compound[-1])} {lem}" in self.lex.counted_nouns

    @staticmethod
    def _counted_lemma(token: Token) -> str:
        """The lemma of a counted noun (the word itself for other parts of speech: "dead")."""
        return token.lemma_.lower() if token.pos_ in NOUNS else token.lower_

    def _counted_span(self, doc: Doc, token: Token, text: str) -> TextSpan:
        """The counted noun with the noun compounds right before it ("combat engineers")."""
        first = token.i
        while (
            first > 0
            and doc[first - 1].dep_ == "compound"
            and doc[first - 1].head.i in range(first, token.i + 1)
        ):
            if doc[first - 1].pos_ != "NOUN":
                break
            first -= 1
        return token_span(doc, first, token.i, text)

    def _find_counted(self, m: EventMatch) -> Token:
        """Fill ``m.counted`` where the parse names it; return where the event search starts."""
        n = m.anchor
        lex = self.lex
        if m.quantity.unit:
            # A measure ("39.3 km") counts nothing; only a share of something can name it.
            if m.quantity.unit in ("percent", "%"):
                pobj = self._partitive(n)
                if pobj is not None and pobj.pos_ in NOUNS and lemma(pobj) not in lex.references:
                    m.counted, m.counted_how = pobj, "partitive"
            return n
        if n.pos_ in NOUNS and not self._numeric(n):
            if lemma(n) not in lex.not_counted:
                m.counted, m.counted_how = n, "self"
            return n
        head = n.head
        if n.dep_ in ("nummod", "quantmod", "compound") and head.i != n.i and not self._in_quantity(m, head):
            if head.pos_ in NOUNS and not self._numeric(head):
                hl = lemma(head)
                if hl in lex.not_counted:
                    return head
                if hl in lex.unit_of_count:
                    pobj = self._partitive(head)
                    if pobj is not None and pobj.pos_ in NOUNS:
                        m.counted, m.counted_how = pobj, "head"
                        return head
                if hl in lex.references or head.lower_ in lex.references:
                    m.reference = head
                    return head
                m.counted, m.counted_how = head, "head"
                return head
            if head.pos_ in ("ADJ", "VERB") and (
                lemma(head) in lex.adjectives or head.lower_ in lex.adjectives
            ):
                m.counted, m.counted_how = head, "head"  # "14 dead", "30 injured"
                return head
        noun = self._hyphen_adjective_noun(m, n) or self._sized_noun(n)
        if noun is not None:
            m.counted, m.counted_how = noun, "head"  # "a 12,000-strong contingent", "a force of 5,000"
            return noun
        pobj = self._partitive(n)
        if pobj is not None and lemma(pobj) not in lex.number_nouns and lemma(pobj) not in lex.not_counted:
            if pobj.pos_ == "PRON" or pobj.lower_ in lex.references or pobj.like_num:
                m.reference = pobj
            elif pobj.pos_ in NOUNS or any(c.dep_ == "det" for c in pobj.children):
                m.counted, m.counted_how = pobj, "partitive"  # "40 of the drones", "800 of the wounded"
            return n
        if n.dep_ == "appos" and head.pos_ in NOUNS and lemma(head) not in lex.not_counted:
            m.counted, m.counted_how = head, "appos"  # "North Korean troops, some 12,000, ..."
        fronted = list(n.lefts)  # "2,100 evacuees, of whom about 600 are children"
        if n.dep_ in SUBJECTS:  # the same with "of whom" on the verb
            fronted += [c for c in n.head.children if c.i < n.i]
        for prep in fronted:
            if prep.lower_ == "of" and prep.dep_ in ("prep", "dep"):
                m.reference = next((p for p in prep.children if p.lower_ in lex.references), m.reference)
        return n

    def _hyphen_adjective_noun(self, m: EventMatch, n: Token) -> Token | None:
        """The noun an event adjective joined to the number describes: "a 12,000-strong
        *contingent*" (the number hangs off the adjective, the adjective off the noun)."""
        adjective = n.head
        if n.dep_ not in ("advmod", "npadvmod", "nummod") or adjective.pos_ != "ADJ":
            return None
        if self._in_quantity(m, adjective) or lemma(adjective) not in self.lex.adjectives:
            return None
        noun = adjective.head
        if adjective.dep_ != "amod" or noun.pos_ not in NOUNS or lemma(noun) in self.lex.not_counted:
            return None
        return noun

    def _sized_noun(self, n: Token) -> Token | None:
        """The force a bare number gives the size of: "an army of *200,000*" counts the army (a
        listed counted noun whose own event is weak)."""
        prep = n.head
        if n.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ not in NOUNS:
            return None
        noun = prep.head
        if self.lex.nouns.get(lemma(noun)) in self.lex.weak_events and self._is_counted_noun(noun):
            return noun
        return None

    def _partitive(self, token: Token, depth: int = 0) -> Token | None:
        """The object of "of" after a number or a unit-of-count noun ("40 of the drones").

        Number nouns pass it on: "tens of thousands of people" -> people.
        """
        for prep in token.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        if depth < 3 and lemma(pobj) in self.lex.number_nouns:
                            return self._partitive(pobj, depth + 1) or pobj
                        return pobj
        return None

    # -- the event ---------------------------------------------------------------------------

    def _find_event(self, m: EventMatch, start: Token) -> None:
        """Walk up from the counted noun (or the number) to the first word that names an event.

        What only describes the figure gives way to a word above it that names an event: a
        participle or relative clause on a noun ("14 people killed", "handed over 22 badly
        wounded soldiers", "intercepted 45 rockets fired from Gaza"), then a counted noun that
        names an event itself ("1,000 POWs", "dozens of detainees"; "Hamas released 24 hostages"),
        then a weak event ("a force of 5,000" is strength, "deployed a force of 5,000" deployed).
        """
        if m.counted is None:
            for word in m.anchor.rights:
                own = self._word_event(word) if word.dep_ == "amod" and word.pos_ in ("ADJ", "VERB") else None
                if own is not None:  # "left nine dead and 15 wounded": the word on the number is its own
                    self._accept(m, own)
                    return
        t = start
        prev: Token | None = None
        described: _Hit | None = None
        fallback: _Hit | None = None
        members = False  # reached through "including"/"among": the noun above is the same set
        for _ in range(MAX_STEPS):
            is_counted = members or (m.counted is not None and t.i == m.counted.i)
            hit = self._event_on_word(m, t, is_counted)
            if (
                hit is not None
                and hit.event not in self.lex.weak_events
                and (not is_counted or (t.pos_ in ("VERB", "ADJ") and t.i == m.anchor.head.i))
            ):
                # a participle the number hangs on names its own figure: "left 14 dead and 40
                # wounded" (the parse makes "wounded" a verb coordinated with "left")
                self._accept(m, hit)
                return
            fallback = fallback or hit
            hit = self._event_on_modifiers(m, t, prev)
            if hit is not None and hit.event not in self.lex.weak_events:
                described = described or hit
            fallback = fallback or hit
            step = self._climb(m, t)
            if step is None:
                break
            prev, (t, members) = t, step
            if members and described is not None and m.event is None:
                break  # "losses among the 12,000 soldiers North Korea sent": the clause names the set
        if (
            described is not None
            and m.via is not None
            and (m.via.lower_ in self.lex.member_preps or m.via.dep_ == "conj")
        ):
            # the same where "among" hangs off the verb ("replace losses among ..."), and a figure
            # only coordinated to a verb keeps its own participle ("600 were destroyed and a
            # further 2,000 damaged")
            m.event = None
        if m.event is None and m.counted is not None:
            fallback = fallback or self._word_event(m.counted)  # "dozens of detainees"
        chosen = described or fallback
        if m.event is None and chosen is not None:
            self._accept(m, chosen)
            self._harmed_but_alive(m)
        self._keep_own_outcome(m)

    def _keep_own_outcome(self, m: EventMatch) -> None:
        """A counted noun that names what befell people keeps it against a verb said of the figure
        coordinated with it: in "120 deaths and 60 people still unaccounted for" only the 60 are
        missing (the parse hangs both on "unaccounted")."""
        if (
            m.counted is None
            or m.event is None
            or m.verb is None
            or not m.trigger
            or m.trigger[0].i != m.verb.i
        ):
            return
        own = self._word_event(m.counted)
        if own is None or own.event == m.event or own.event not in OUTCOMES or m.event not in OUTCOMES:
            return
        siblings = [c for c in m.counted.children if c.dep_ == "conj" and c.pos_ in NOUNS]
        if any(self._counted_apart(m, c) and self._word_event(c) is None for c in siblings):
            self._accept(m, own)

    def _harmed_but_alive(self, m: EventMatch) -> None:
        """A noun of ``harmed_nouns`` ("victims") names the dead unless its sentence speaks of
        injuries: "the floods claimed 80 victims" (killed), "12 victims were treated for wounds"
        (wounded)."""
        if m.event != "killed" or not m.trigger or lemma(m.trigger[0]) not in self.lex.harmed_nouns:
            return
        lex = self.lex
        for tok in m.trigger[0].sent:
            lem = lemma(tok)
            if "wounded" in (lex.verbs.get(lem), lex.nouns.get(lem), lex.adjectives.get(lem)):
                m.event = "wounded"
                return

    def _event_on_word(self, m: EventMatch, t: Token, is_counted: bool) -> _Hit | None:
        """The event a noun or adjective on the way names ("deployment", "dead"); the nouns passed
        are kept in ``m.path`` (their owner and qualifiers count for the figure)."""
        if not (t.pos_ in NOUNS or t.pos_ == "ADJ" or is_counted):
            return None
        if t.i != m.anchor.i and t.i not in [p.i for p in m.path]:
            m.path.append(t)
        hit = self._word_event(t)
        if hit is not None and (t.i != m.anchor.i or t.pos_ in NOUNS):
            return hit
        return None

    def _event_on_modifiers(self, m: EventMatch, t: Token, prev: Token | None) -> _Hit | None:
        """The event a participle, adjective or relative clause on the word names ("troops
        deployed", "14 people killed", "soldiers who were wounded", "a 12,000-strong force")."""
        for child in t.children:
            if (prev is not None and child.i == prev.i) or self._in_quantity(m, child):
                continue
            if child.dep_ in ("amod", "acl", "relcl"):
                if child.dep_ == "relcl" and self._part_subject(child):
                    continue  # "12,000 troops, 4,000 of whom were killed": not all 12,000
                hit = self._modifier_event(child)
                if hit is not None:
                    return hit
        return None

    def _climb(self, m: EventMatch, t: Token) -> tuple[Token, bool] | None:
        """One step up the parse from ``t``: (the head, whether it names the same set), or None
        where the walk ends (at a verb, whose event is then looked for)."""
        head = t.head
        if head.i == t.i:
            if t.pos_ in VERBS:
                self._verb_event(m, t, None)
            return None
        if t.dep_ == "pobj":
            return head, False
        if t.dep_ == "prep" or t.pos_ == "ADP":
            return self._climb_preposition(m, t)
        if head.pos_ in VERBS:
            self._verb_event(m, head, t)
            return None
        if t.dep_ == "conj" and t.pos_ in NOUNS and head.pos_ in NOUNS and self._counted_apart(m, head):
            # "200 casualties and 45 fatalities", "caused 30 injuries and 12 deaths": the noun
            # before counts its own figure and its event is not said of this one; a counted noun
            # that names an event keeps it, another takes what governs both ("killed 9 soldiers
            # and 4 civilians")
            # a noun with its own describing word keeps it ("773 bodies and 2,880 injured
            # individuals": the injured are not bodies)
            if self._word_event(t) is not None or self._event_on_modifiers(m, t, None) is not None:
                return None
            return self._climb(m, head)
        if t.dep_ in CLIMB or (t.dep_ == "nsubj" and head.pos_ in NOUNS):
            return head, False
        if (
            t.dep_ == "nsubj"
            and head.pos_ == "ADJ"
            and head.dep_ in ("oprd", "ccomp", "xcomp", "advcl", "appos", "ROOT")
            and self._word_event(head) is not None
        ):
            # "left at least 900 people dead" (also where the parse makes "people dead" a clause of
            # its own: "leaving more than 900 people dead"): the predicate adjective names the event
            return head, False
        return None

    def _counted_apart(self, m: EventMatch, noun: Token) -> bool:
        """Whether ``noun`` carries a number of its own, outside the figure ``m``."""
        return any(c.dep_ == "nummod" and not self._in_quantity(m, c) for c in noun.children)

    def _climb_preposition(self, m: EventMatch, prep: Token) -> tuple[Token, bool] | None:
        """Up through a preposition: to a verb (the walk ends there), or to a noun through "of"
        ("a deployment of 12,000 troops") or a member preposition ("40 people, including 12 children")."""
        head = prep.head
        if head.pos_ in VERBS:
            self._verb_event(m, head, prep)
            return None
        if head.pos_ in NOUNS and self._exchanged(prep):
            hit = self._exchange_hit(head)  # "in an exchange for 150 Russian servicemen"
            if hit is not None:
                self._accept(m, hit)
            return None
        if prep.lower_ != "of" and prep.lower_ not in self.lex.member_preps:
            return None
        if prep.lower_ == "of" and self._numeric(head):
            return None  # "31 of 35 drones": what happened to the part is not said of the whole
        if head.pos_ in NOUNS and not self._container(head) and prep.lower_ == "of":
            # "the commander of 1,500 troops" says nothing about the troops
            if self._word_event(head) is None:
                return None
        return head, prep.lower_ != "of"

    def _container(self, noun: Token) -> bool:
        """A noun that holds a count of something else: "a batch of", "a total of", "a number of"."""
        lem = lemma(noun)
        lex = self.lex
        return (
            lex.qualifier_words.get(lem) in CONTAINER_QUALIFIERS
            or lem in lex.tally_nouns
            or lem in lex.unit_of_count
        )

    def _accept(self, m: EventMatch, hit: _Hit) -> None:
        """Take the event and its trigger words for the figure."""
        m.event = hit.event
        m.trigger = hit.tokens

    def _word_event(self, token: Token) -> _Hit | None:
        """A noun or adjective that names an event ("casualties", "deployment", "dead", "death toll")."""
        lex = self.lex
        lem = lemma(token)
        if token.pos_ in NOUNS:
            event = lex.nouns.get(lem)
            if event is None and token.lower_ in lex.nouns:
                event = lex.nouns[token.lower_]
            if event is None:
                return None
            tokens = [token]
            tokens += [c for c in token.children if c.dep_ == "compound" and lemma(c) in lex.nouns]
            return self._combine(token, _Hit(event, tokens))
        if token.pos_ in ("ADJ", "VERB"):
            event = lex.adjectives.get(lem) or lex.adjectives.get(token.lower_)
            if event is not None:
                return self._combine(token, _Hit(event, [token]))
        return None

    def _modifier_event(self, token: Token) -> _Hit | None:
        """A participle or relative clause on the counted noun: "deployed troops", "14 people killed"."""
        if token.pos_ in ("VERB", "AUX"):
            return self._verb_hit(token)
        if token.pos_ == "ADJ":
            return self._word_event(token) or self._verb_hit(token)
        return None

    def _verb_hit(self, verb: Token) -> _Hit | None:
        """The event a verb names by itself, by a phrase it heads, or with its coordinated verbs."""
        lex = self.lex
        lem = lemma(verb)
        hit: _Hit | None = None
        for rest, event in lex.phrases.get(lem, ()):
            found = self._phrase_tokens(verb, rest)
            if found is not None:
                hit = _Hit(event, [verb, *found])
                break
        if hit is None and verb.pos_ in ("VERB", "ADJ"):
            # a verb, or an adjective or participle: "were missing", "injured"
            said = lex.verbs.get(lem) or lex.adjectives.get(lem) or lex.adjectives.get(verb.lower_)
            if said is not None:
                hit = _Hit(said, [verb])
        if hit is None:
            for child in verb.children:
                if child.dep_ in ("dobj", "attr", "acomp", "oprd") and child.pos_ in NOUNS | {"ADJ", "VERB"}:
                    # light verbs: "undergoing training", "suffered losses", "were dead"
                    if lem in lex.owner_is_subject and lem in lex.verbs:
                        continue
                    hit = self._word_event(child)
                    if hit is not None:
                        break
        if hit is None:
            return None
        return self._combine(verb, hit)

    def _prep_event(self, verb: Token) -> _Hit | None:
        """The event of a noun after a preposition on a verb that names none itself: "1,200
        prisoners were returned *in a swap*", "2,000 troops took part *in the exercise*"."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in self.lex.event_preps:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or not (pobj.pos_ in NOUNS or self._nominal_adjective(pobj)):
                    continue
                nouns = [pobj, *(c for c in pobj.children if c.dep_ == "compound")]  # "evacuation operation"
                for noun in nouns:
                    hit = self._word_event(noun)
                    if hit is not None and hit.event not in self.lex.weak_events:
                        return hit
        return None

    def _nominal_adjective(self, word: Token) -> bool:
        """An adjective used as a noun for the people it describes: "among *the dead*", "among the
        injured" (a determiner and no noun after it)."""
        return word.pos_ == "ADJ" and any(c.dep_ == "det" for c in word.children)

    def _phrase_tokens(self, head: Token, rest: tuple[str, ...]) -> list[Token] | None:
        """The other words of a phrase among the children and grandchildren of its head, or None."""
        found: list[Token] = []
        pool = [c for c in head.children if c.dep_ != "conj"]  # a coordinated verb's words are its own
        pool += [g for c in pool for g in c.children]
        pool.sort(key=lambda t: (t.i < head.i, abs(t.i - head.i)))  # words after the head first
        for word in rest:
            tok = next((t for t in pool if lemma(t) == word or t.lower_ == word), None)
            if tok is None:
                return None
            found.append(tok)
        return found

    def _combine(self, token: Token, hit: _Hit) -> _Hit:
        """Coordinated events that share their argument: "killed or wounded" -> casualties."""
        events = {hit.event}
        tokens = list(hit.tokens)
        for conj in token.conjuncts:
            if (
                conj.i < token.i
                and token.dep_ == "conj"
                and self._own_arguments(token)
                and (self._own_figure(conj) or not self._object_only(token))
            ):
                continue
            if conj.i > token.i and self._own_arguments(conj):
                continue
            other = self._single_event(conj)
            if other is not None:
                events.add(other.event)
                tokens += other.tokens
        if len(events) > 1:
            for parts, result in self.lex.combinations:
                if parts <= events:
                    return _Hit(result, tokens)
        return hit

    def _single_event(self, token: Token) -> _Hit | None:
        """The event a coordinated word names alone (no combination): "killed", "wounded"."""
        lex = self.lex
        lem = lemma(token)
        if token.pos_ in NOUNS and lem in lex.nouns:
            return _Hit(lex.nouns[lem], [token])
        if token.pos_ == "VERB" and lem in lex.verbs:
            return _Hit(lex.verbs[lem], [token])
        event = lex.adjectives.get(lem) or lex.adjectives.get(token.lower_)
        if event is not None and token.pos_ in ("ADJ", "VERB", "NOUN"):
            return _Hit(event, [token])
        return None

    def _part_subject(self, clause: Token) -> bool:
        """A relative clause whose subject is a part of the noun's set ("4,000 of whom were
        killed"), not the set itself ("who were killed") nor another actor ("the soldiers North
        Korea sent")."""
        for c in clause.children:
            if c.dep_ in SUBJECTS and c.lower_ not in self.lex.relative_pronouns:
                if self._numeric(c) or any(
                    p.lower_ == "of" and any(w.lower_ in self.lex.references for w in p.children)
                    for p in c.children
                ):
                    return True
        return False

    def _own_figure(self, verb: Token) -> bool:
        """Whether a word coordinated before another has a figure or object of its own ("killing 14
        and wounding 30", "600 homes were destroyed and 2,000 damaged"); "have killed or injured
        300 people" shares its object."""
        for c in verb.children:
            if c.dep_ in ("dobj", "nummod") or c.like_num:
                return True
            if c.dep_ in SUBJECTS and (c.like_num or any(g.dep_ == "nummod" for g in c.children)):
                return True
        return False

    @staticmethod
    def _object_only(verb: Token) -> bool:
        """Whether a verb's own arguments are objects only, its subject shared ("have killed or
        injured 300 people"), not a figure of its own ("seven wounded and five killed")."""
        return not any(c.dep_ in SUBJECTS for c in verb.children)

    @staticmethod
    def _own_arguments(verb: Token) -> bool:
        """Whether a coordinated word has its own subject, object or figure ("killing 14 and wounding
        30", "600 homes were destroyed and a further 2,000 damaged")."""
        own = any(c.dep_ in SUBJECTS or c.dep_ in ("dobj", "nummod") or c.like_num for c in verb.children)
        # "193 have died and 228 are missing": the parser may hang the subject on the auxiliary
        return own or any(
            c.dep_ in ("aux", "auxpass") and any(g.dep_ in SUBJECTS or g.like_num for g in c.children)
            for c in verb.children
        )

    def _verb_event(self, m: EventMatch, verb: Token, via: Token | None) -> None:
        """The event of the verb that governs the figure, or of words hanging off that verb."""
        verb = self._coordinated_clause(verb, via)
        m.verb, m.via = verb, via
        lex = self.lex
        via_dep = via.dep_ if via is not None else ""
        if self._reached_by_tally(m, verb, via):
            return
        hit = self._members_of(m, verb, via)
        if hit is not None:
            self._accept(m, hit)
            return
        via_prep = via is not None and (via.dep_ == "prep" or via.pos_ == "ADP")
        if not via_prep or (via is not None and (via.lower_ in lex.member_preps or self._exchanged(via))):
            hit = self._clause_hit(m, verb)
            if hit is not None:
                self._accept(m, hit)
                return
        if via is not None and via_prep and self._armed_attack(m, verb, via):
            return
        if (
            (m.counted is None or self._tally_people(m, verb, via))
            and via_dep not in SUBJECTS
            and (via is None or not via_prep or via.lower_ in lex.tally_preps)
        ):
            if self._figure_noun_event(m, verb, via_prep, via) or (
                via_prep and self._tally_participle(m, verb)
            ):
                return
        if lemma(verb) in lex.tally_verbs and verb.head.i != verb.i:
            # "..., bringing the total to 1,200": the event is that of the clause above
            if any(c.dep_ == "dobj" and lemma(c) in lex.tally_nouns for c in verb.children):
                hit = self._verb_hit(verb.head)
                if hit is not None:
                    self._accept(m, hit)

    def _reached_by_tally(self, m: EventMatch, verb: Token, via: Token | None) -> bool:
        """A figure a tally reaches names the tally's event, not the verb's: "the death toll ...
        has exceeded 42,600 people", "the death toll from Monday's earthquake hit 94" (no damage),
        "the toll topped 1,000". The verb is one of ``reach_verbs``, its subject a tally noun
        (``tally_nouns``) and the figure its object; True when the event was taken."""
        lex = self.lex
        if (
            via is None
            or via.dep_ not in ("dobj", "attr", "npadvmod", "xcomp")
            or lemma(verb) not in lex.reach_verbs
        ):
            return False
        if any(c.dep_ in SUBJECTS and lemma(c) in lex.tally_nouns for c in verb.children):
            return self._figure_noun_event(m, verb, False)
        tally = verb.head
        if (
            verb.dep_ in ("advcl", "relcl", "acl", "parataxis")
            and lemma(tally) in lex.tally_nouns
            and tally.pos_ in NOUNS
        ):
            # the parse hangs the verb on its tally ("the death toll ... since the escalation of
            # the conflict has exceeded 42,600 people")
            hit = self._word_event(tally)
            if hit is not None:
                self._accept(m, hit)
                return True
        return False

    def _coordinated_clause(self, verb: Token, via: Token | None) -> Token:
        """The predicate of a figure the parse coordinates with a clause about another figure:
        in "109 people were dead and over 160 are still missing" the 160 hangs on "were" (whose
        subject is the 109) as a conjunct, and "missing", the head of "were", is its predicate."""
        if (
            via is not None
            and via.dep_ in SUBJECTS
            and verb.dep_ in ("aux", "auxpass")
            and verb.head.i > verb.i
        ):
            return (
                verb.head
            )  # "193 have died and 228 are missing": 228 hangs on "are", its predicate "missing"
        if via is None or via.dep_ != "conj" or not self._numeric(via):
            return verb
        head = verb.head
        own = any(
            c.dep_ in SUBJECTS and (self._numeric(c) or any(g.dep_ == "nummod" for g in c.children))
            for c in verb.children
        )
        if own and head.i != verb.i and head.pos_ in VERBS and head.i > via.i:
            return head
        return verb

    def _members_of(self, m: EventMatch, verb: Token, via: Token | None) -> _Hit | None:
        """The event of a set the figure is said to be part of: "the deaths included 2,550 women",
        "of the fatalities, 87 occurred in Kerr County", "among the victims were 10 children".
        Only for a figure whose own noun names no event, and only for what befalls people."""
        if via is None or (m.counted is not None and self._word_event(m.counted) is not None):
            return None
        sets: list[Token] = []
        if lemma(verb) in self.lex.inclusion_verbs and via.dep_ in ("dobj", "conj"):
            sets += [c for c in verb.children if c.dep_ in SUBJECTS]
        if via.dep_ in SUBJECTS | {"attr"}:
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.i < verb.i and prep.lower_ in ("of", "among"):
                    sets += [c for c in prep.children if c.dep_ == "pobj"]
        for noun in sets:
            # "the freed prisoners included ...": a participle on the set says what befell it, before
            # what its noun says ("prisoners" are captured)
            modified = next(
                (h for c in noun.children if c.dep_ == "amod" for h in [self._modifier_event(c)] if h), None
            )
            hit = modified
            if hit is None:
                hit = (
                    self._word_event(noun) if noun.pos_ in NOUNS else self._single_event(noun)
                )  # "the injured"
            if hit is None and noun.pos_ in NOUNS:
                hit = next(  # "of the 558 people who have died, 50 are children"
                    (
                        h
                        for c in noun.children
                        if c.dep_ in ("relcl", "acl")
                        for h in [self._modifier_event(c)]
                        if h
                    ),
                    None,
                )
            if hit is not None and hit.event in MEMBER_EVENTS:
                return hit
        return None

    def _clause_hit(self, m: EventMatch, verb: Token) -> _Hit | None:
        """The event of a verb whose argument the figure is: the verb's own ("killing 14"), else a
        noun after a preposition on it ("returned in a swap"), a verb it governs ("are expected
        to arrive"), or the presence of forces in a place ("troops are in Kursk")."""
        hit = self._verb_hit(verb)
        if hit is None or hit.event == "other":
            hit = self._prep_event(verb) or hit
        if hit is not None:
            return hit
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB":  # "are expected to arrive"
                hit = self._verb_hit(child)
                if hit is not None:
                    return hit
        return self._presence_hit(m, verb)

    def _presence_hit(self, m: EventMatch, verb: Token) -> _Hit | None:
        """Forces said to be in a named place are deployed there ("11,000 troops are now in
        Russia's Kursk region"); the place is a GPE, LOC or FAC entity after a listed preposition."""
        event, verbs, preps = self.lex.presence
        if m.counted is None or lemma(verb) not in verbs:
            return None
        if self._counted_lemma(m.counted) not in self.lex.classes.forces:
            return None
        places = verb.doc._.places or []
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            start, end = prep.idx, prep.right_edge.idx + len(prep.right_edge)
            if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in prep.subtree) or any(
                p.start < end and start < p.end for p in places
            ):
                return _Hit(event, [verb, prep])
        return None

    def _armed_attack(self, m: EventMatch, verb: Token, prep: Token) -> bool:
        """Weapons an attack is made with are launched ("Russia attacked Ukraine with 70 drones");
        True when accepted."""
        attacks = self.lex.armed_attacks
        if m.counted is None or prep.lower_ not in attacks["preps"] or lemma(verb) not in attacks["verbs"]:
            return False
        if self.lex.classes.of(self._counted_lemma(m.counted)) != attacks["counts"]:
            return False
        self._accept(m, _Hit(attacks["event"], [verb, prep]))
        return True

    def _exchanged(self, prep: Token) -> bool:
        """Whether a preposition joins what is given in return to an exchange ("swapped 95
        Ukrainians *for* 95 Russians", "in return *for* 175 soldiers")."""
        return prep.lower_ == "for" and lemma(prep.head) in self.lex.exchange_words

    def _exchange_hit(self, noun: Token) -> _Hit | None:
        """The event of an exchange noun: its own ("exchange"), else that of the verb of its clause
        ("freed 175 prisoners in return for ...")."""
        hit = self._word_event(noun)
        if hit is not None:
            return hit
        prep = noun.head
        if noun.dep_ == "pobj" and prep.head.pos_ in VERBS:
            return self._verb_hit(prep.head)
        return None

    def _figure_noun_event(
        self, m: EventMatch, verb: Token, via_prep: bool, via: Token | None = None
    ) -> bool:
        """For a bare number, the subject (or with a preposition the object) that names the figure:
        "the death toll rose to 50", "officials put the number of dead at 120", "the number of
        people evacuated has risen to 121,000"; True when found. Objects and preposition phrases
        in the same order pair up: "brings the number of deaths to 23,084 and injuries to 58,926"."""
        roles = SUBJECTS | {"dobj"} if via_prep else SUBJECTS
        children = list(verb.children)
        paired = self._paired_object(verb, via) if via_prep else None
        if paired is not None:
            children = [paired]
        if verb.dep_ == "xcomp" and verb.head.pos_ in VERBS:
            # "the number of the dead is expected to exceed 3,000"
            children += [c for c in verb.head.children if c.dep_ in SUBJECTS]
        for child in children:
            if (child.dep_ not in roles and child is not paired) or child.pos_ not in NOUNS:
                continue
            for noun in (child, self._partitive(child)):
                if noun is None:
                    continue
                hit = self._word_event(noun) or self._participle_event(noun)
                if hit is None:
                    continue
                self._accept(m, hit)
                if noun.i not in [p.i for p in m.path]:
                    m.path.append(noun)
                if m.counted is None and m.reference is None and self._is_counted_noun(noun):
                    m.counted, m.counted_how = noun, "named"  # "casualties ... reached 700,000"
                return True
        return False

    @staticmethod
    def _paired_object(verb: Token, via: Token | None) -> Token | None:
        """The coordinated object a repeated preposition phrase goes with, by order ("brings the
        number of deaths to 23,084 and injuries to 58,926": the second "to" is the injuries'),
        or None where the verb has one such phrase or the counts differ."""
        if via is None:
            return None
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == via.lower_]
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if len(preps) < 2 or obj is None:
            return None
        # the parse's other readings: the second object coordinated with the verb or with the
        # first figure ("to 7,310 and injuries")
        heads = {obj.i, verb.i, *(o.i for p in preps for o in p.children if o.dep_ == "pobj")}
        objs = [obj, *(t for t in verb.subtree if t.dep_ == "conj" and t.pos_ in NOUNS and t.head.i in heads)]
        objs = sorted({t.i: t for t in objs}.values(), key=lambda t: t.i)
        if len(objs) != len(preps):
            return None
        return objs[[p.i for p in preps].index(via.i)]

    def _tally_people(self, m: EventMatch, verb: Token, via: Token | None) -> bool:
        """A figure whose counted noun names no event, said after a tally subject: "the number of
        victims has grown to 15,523 people" (the tally names what befell them)."""
        if m.counted is None or via is None or self._word_event(m.counted) is not None:
            return False
        if via.dep_ == "attr" and lemma(verb) == "be":
            # "the death toll is estimated to be 2,000 people": the subject of the verb above
            verbs = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
            return any(
                c.dep_ in SUBJECTS and lemma(c) in self.lex.tally_nouns for v in verbs for c in v.children
            )
        if not (via.dep_ == "prep" or via.pos_ == "ADP"):
            return False
        return any(c.dep_ in SUBJECTS and lemma(c) in self.lex.tally_nouns for c in verb.children)

    def _tally_participle(self, m: EventMatch, verb: Token) -> bool:
        """A number the parse hangs on the participle of a tally: "put the number killed or wounded
        at some 4,000", "corrected its tally of drones destroyed in the air to 85"; True when the
        participle names the event (the noun it describes is then the counted one, if listed)."""
        node = verb
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ != "acl" or node.head.pos_ not in NOUNS:
            return False
        noun = node.head
        tally = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of":
            tally = noun.head.head  # "its tally of drones destroyed"
        if lemma(tally) not in self.lex.tally_nouns:
            return False
        hit = self._modifier_event(node)
        if hit is None:
            return False
        self._accept(m, hit)
        if noun is not tally and m.reference is None and self._is_counted_noun(noun):
            m.counted, m.counted_how = noun, "named"
        return True

    def _participle_event(self, noun: Token) -> _Hit | None:
        """The event a participle after a noun names: "the number *killed or wounded*", "its tally
        of drones *destroyed in the air*"."""
        for child in noun.children:
            if child.dep_ == "acl":
                hit = self._modifier_event(child)
                if hit is not None:
                    return hit
        tally = lemma(noun) in self.lex.tally_nouns or (
            noun.dep_ == "pobj" and noun.head.lower_ == "of" and lemma(noun.head.head) in self.lex.tally_nouns
        )
        if tally:
            for child in noun.children:
                if child.dep_ == "amod":  # "the missing figure rose to 139", "the number of missing persons"
                    hit = self._word_event(child)
                    if hit is not None:
                        return hit
        return None

    # -- references: "4,000 of them", "30 others", "30 were wounded" ---------------------------

    def _resolve_reference(self, m: EventMatch, matches: list[EventMatch], ctx: _DocContext) -> None:
        """The counted noun of a pronoun, a number or a bare figure: the one said before it."""
        lex = self.lex
        ref = m.reference
        if ref is not None and ref.like_num:
            # "4,000 of the 12,000": the counted noun of the other figure
            for other in matches:
                if other is not m and other.anchor.i == ref.i and other.counted is not None:
                    m.counted, m.counted_how = other.counted, "reference"
                    return
        if ref is None and (m.event not in lex.ellipsis_events or m.quantity.unit):
            return
        if ref is None and any(lemma(p) in lex.tally_nouns for p in m.path):
            return  # "the toll ... has risen to 670": the tally counts what its event befell, no noun before
        lo = ctx.window_start(m.anchor.i)
        best: Token | None = None
        counted_by_match = {
            o.counted.i: o for o in matches if o.counted is not None and o.counted_how != "reference"
        }
        for i in range(m.anchor.i - 1, lo - 1, -1):
            tok = m.anchor.doc[i]
            if tok.pos_ not in NOUNS or lemma(tok) in lex.references:
                continue
            if m.event is not None and m.event not in lex.area_events and lemma(tok) in lex.area_nouns:
                continue  # "58 drones over seven regions. Of those, 21 were downed ...": the drones
            if (
                ref is not None
                and ref.lower_ in ("other", "others")
                and tok.head.lower_ in ("including", "among")
            ):
                continue  # "killed 18 civilians, including five children, and wounded 30 others": civilians
            if i in counted_by_match and counted_by_match[i] is not m:
                best = tok
                break
            if ref is not None and self._is_counted_noun(tok) and lemma(tok) not in lex.nouns:
                best = tok
                break
        if best is not None:
            m.counted, m.counted_how = best, "reference" if ref is not None else "ellipsis"

    @staticmethod
    def _share_gapped(m: EventMatch, matches: list[EventMatch]) -> None:
        """A number of a gapped list counts what the list's first figure counts ("21 were downed
        over Bryansk, 12 over Kursk and nine over the Moscow region": drones all three): a number
        joined to another figure's number, or hanging on the verb whose subject is that number."""
        if m.counted is not None or m.quantity.unit:
            return
        a = m.anchor
        for other in matches:
            o = other.anchor
            if other is m or other.counted is None or o.i > a.i or o.sent != a.sent:
                continue
            joined = a.dep_ == "conj" and a.head.i == o.i
            gapped = a.dep_ in ("npadvmod", "dobj") and o.dep_ in SUBJECTS and a.head.i == o.head.i
            if joined or gapped:
                m.counted, m.counted_how = other.counted, "reference"
                return

    def _tally_valued(self, m: EventMatch) -> bool:
        """Whether a bare number is the value of a figure noun that names no event ("a figure
        close to the Pentagon's estimate of roughly 11,000", "had put the figure at 76,000")."""
        if any(lemma(p) in self.lex.tally_nouns for p in m.path):
            return True
        via, verb = m.via, m.verb
        if via is None or verb is None or via.lower_ not in self.lex.tally_preps:
            return False
        return any(c.dep_ in SUBJECTS | {"dobj"} and lemma(c) in self.lex.tally_nouns for c in verb.children)

    @staticmethod
    def _restate(m: EventMatch, matches: list[EventMatch], ctx: _DocContext) -> None:
        """A figure noun restates the figure said just before (in this or the previous sentence):
        its counted noun and event hold for this value too."""
        lo = ctx.window_start(m.anchor.i)
        before = [o for o in matches if lo <= o.anchor.i < m.anchor.i and o.counted is not None]
        before = [o for o in before if o.event is not None]
        if before:
            last = max(before, key=lambda o: o.anchor.i)
            m.counted, m.counted_how = last.counted, "reference"
            m.event, m.trigger = last.event, list(last.trigger)
            m.path = []  # "the Pentagon's estimate": whose figure it is, not whose troops

    @staticmethod
    def _share_event(m: EventMatch, matches: list[EventMatch]) -> None:
        """A part with no event of its own shares that of its whole ("2,100 evacuees, of whom
        about 600 are children": evacuated too)."""
        if m.event is not None or m.counted_how != "reference" or m.counted is None:
            return
        for other in matches:
            if other is not m and other.counted is not None and other.counted.i == m.counted.i:
                if other.counted_how != "reference" and other.event is not None:
                    m.event, m.trigger = other.event, list(other.trigger)
                    return

    # -- the owner ---------------------------------------------------------------------------

    def _find_owner(self, m: EventMatch, matches: list[EventMatch], ctx: _DocContext) -> None:
        """Fill ``m.owner``: from the counted noun and nouns passed, a reference's antecedent, or the subject of an owning verb."""
        if m.quantity.unit and m.counted is None:
            return
        nouns: list[Token] = []
        if m.counted is not None and m.counted_how not in ("reference", "ellipsis"):
            nouns.append(m.counted)
        nouns += [p for p in m.path if p not in nouns]
        for noun in nouns:
            owner = self._noun_owner(noun, ctx)
            if owner is None and m.counted is not None and noun.i == m.counted.i and noun.ent_type_ == "NORP":
                owner = ctx.country_like(noun)  # "25 Palestinians": the counted people name their nation
            if owner is not None:
                m.owner = owner
                return
        if m.counted is not None and m.counted_how in ("reference", "ellipsis"):
            for other in matches:
                if (
                    other is not m
                    and other.counted is not None
                    and other.counted.i == m.counted.i
                    and other.owner
                ):
                    m.owner = other.owner
                    return
            owner = self._noun_owner(m.counted, ctx)
            if owner is not None:
                m.owner = owner
                return
        verb = m.verb
        if verb is None or m.via is None:
            return
        if m.via.dep_ in SUBJECTS:
            return
        if lemma(verb) not in self.lex.owner_is_subject:
            return
        subject = self._subject(verb)
        if subject is not None:
            m.owner = self._owner_of_actor(subject, ctx)
            return
        for child in verb.children:  # "troops were sent by North Korea"
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        m.owner = self._owner_of_actor(pobj, ctx)
                        return

    def _owner_said_before(self, m: EventMatch, matches: list[EventMatch]) -> Owner | None:
        """The owner of a definite counted noun ("83 of the 117 drones", "80 of the drones were shot
        down"): that of the nearest earlier figure of the same noun whose owner is known, since
        "the drones" are those said before (the attacker's, never the interceptor's)."""
        noun = m.counted
        if noun is None or not any(c.dep_ == "det" and c.lower_ in self.lex.definite for c in noun.children):
            return None
        noun_lemma = self._counted_lemma(noun)
        earlier = [
            other
            for other in matches
            if other.owner is not None
            and other.counted is not None
            and other.anchor.i < m.anchor.i
            and self._counted_lemma(other.counted) == noun_lemma
        ]
        return max(earlier, key=lambda other: other.anchor.i).owner if earlier else None

    @staticmethod
    def _owner_of_partitive(m: EventMatch, matches: list[EventMatch]) -> Owner | None:
        """The owner of a part told in a relative clause of its whole ("Russia launched 112 drones
        and four missiles, of which 87 drones were shot down": Russia's drones, not whoever shot
        them down): that of the figure the clause hangs on."""
        noun = m.counted
        if noun is None:
            return None
        verb = noun.head
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head
        if verb.dep_ != "relcl":
            return None
        clause = [verb, *verb.conjuncts]  # "of which 87 were shot down or jammed": "of" on either
        partitive = any(
            p.dep_ == "prep" and p.lower_ == "of" and any(w.lower_ in ("which", "whom") for w in p.children)
            for v in clause
            for p in v.children
        )
        if not partitive:
            return None
        whole = verb.head
        group = {whole.i} | {c.i for c in whole.conjuncts}
        for other in matches:
            if (
                other is not m
                and other.owner is not None
                and other.counted is not None
                and other.counted.i in group
            ):
                return other.owner
        return None

    @staticmethod
    def _subject(verb: Token) -> Token | None:
        """The active subject of a verb, looking through "plans to send" and "and sent"."""
        roles = {"nsubj"}
        for _ in range(3):
            for child in verb.children:
                if child.dep_ in roles:
                    return child
            participle = (
                verb.dep_ == "advcl" and verb.tag_ == "VBG"
            )  # "Russia attacked ..., deploying 728 drones"
            if (verb.dep_ in ("xcomp", "conj") or participle) and verb.head.i != verb.i:
                if verb.dep_ == "xcomp":
                    roles = {"nsubj", "nsubjpass"}  # "North Korea is believed to have sent ..."
                verb = verb.head
            else:
                return None
        return None

    def _owner_of_actor(self, token: Token, ctx: _DocContext) -> Owner | None:
        """The owner named by a subject: a country itself, or a noun with a national modifier."""
        named = ctx.resolve_pronoun(token) if token.lower_ in self.lex.pronouns else token
        if named is None:
            return None
        found = ctx.country_like(named)
        if found is not None:
            return found
        return self._noun_owner(named, ctx)

    def _noun_owner(self, noun: Token, ctx: _DocContext, depth: int = 0) -> Owner | None:
        """ "Pyongyang's troops", "North Korean troops", "troops from North Korea"."""
        for child in noun.children:
            if child.dep_ == "poss":
                if child.lower_ in self.lex.pronouns:
                    target = ctx.resolve_pronoun(child)
                    return ctx.country_like(target) if target is not None else None
                found = ctx.country_like(child, whole_subtree=True)
                if found is not None:
                    return found
        for child in noun.lefts:
            if child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                found = ctx.country_like(child)
                if found is None and child.dep_ == "compound":  # "Russian fighter jets"
                    found = next(
                        (o for o in (ctx.country_like(g) for g in child.lefts if g.dep_ == "amod") if o), None
                    )
                if found is not None:
                    return found
        if depth > 0:
            return None
        for prep in noun.rights:
            if prep.dep_ == "prep" and prep.lower_ in self.lex.owner_preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        if lemma(pobj) in self.lex.attack_nouns or pobj.lower_ in self.lex.attack_nouns:
                            continue  # "the toll from Israeli bombing": the attacker, not whose dead
                        found = ctx.country_like(pobj) or self._noun_owner(pobj, ctx, depth + 1)
                        if found is not None:
                            return found
        return None

    # -- qualifiers --------------------------------------------------------------------------

    def _find_qualifiers(self, m: EventMatch, ctx: _DocContext) -> list[str]:
        """The qualifiers of a figure (batch, additional, initial, total, ordinals) from the words on
        the number, on its counted noun and the nouns passed on the way up, and on its verb; then
        the phrases ("so far") headed by any of them. Batch first, then ordinals, then the others."""
        q = _Qualifiers(numbers=list(m.anchor.doc[m.first : m.last]))
        for tok in q.numbers:
            for child in tok.children:
                if child.dep_ in ("amod", "advmod", "quantmod", "det", "npadvmod") and child not in q.numbers:
                    self._add_qualifier(m, q, child, tok)
            q.anchors.append(tok)
        nouns = self._qualifier_nouns(m, q)
        if m.verb is not None:
            self._verb_qualifiers(m, q, m.verb, nouns)
        anchor_ids = {t.i for t in q.anchors}
        for heads, name in ctx.qualifier_phrases(self.lex):
            if name not in q.found and not heads.isdisjoint(anchor_ids):
                q.found.append(name)
        order = self.lex.qualifier_order
        head = [name for name in order[:1] if name in q.found]
        tail = [name for name in order[1:] if name in q.found]
        rest = [name for name in q.found if name not in order]
        return head + q.ordinals + tail + rest

    def _qualifier_nouns(self, m: EventMatch, q: _Qualifiers) -> list[Token]:
        """Qualifiers on the counted noun and the nouns passed ("a second batch of 1,500 troops");
        returns those nouns."""
        nouns: list[Token] = []
        if m.counted is not None and m.counted_how not in ("reference", "ellipsis"):
            nouns.append(m.counted)
        nouns += [p for p in m.path if p not in nouns]
        for noun in nouns:
            if self._container(noun) or lemma(noun) in self.lex.nouns:
                self._add_qualifier(m, q, noun, noun)
            for child in noun.children:
                if child.dep_ in ("amod", "det", "advmod", "nummod", "compound") and child not in q.numbers:
                    self._add_qualifier(m, q, child, noun)
            q.anchors.append(noun)
        return nouns

    def _verb_qualifiers(self, m: EventMatch, q: _Qualifiers, verb: Token, nouns: list[Token]) -> None:
        """Qualifiers on the verb: adverbs ("sent 500 more"), a tally noun ("bringing the total to"),
        and an event or container noun after a qualifier preposition ("send 3,500 troops in a third
        deployment"; not "of the initial contingent, ...")."""
        q.anchors.append(verb)
        for child in verb.children:
            if child.dep_ in ("advmod", "npadvmod"):
                self._add_qualifier(m, q, child, verb)
            elif child.dep_ == "dobj" and lemma(child) in self.lex.tally_nouns:
                self._add_qualifier(m, q, child, verb)
            elif child.dep_ == "prep" and child.lower_ in self.lex.qualifier_preps:
                for pobj in child.children:
                    if pobj.dep_ != "pobj" or pobj in nouns:
                        continue
                    if self._container(pobj) or self.lex.nouns.get(lemma(pobj)) == m.event:
                        self._add_qualifier(m, q, pobj, pobj)
                        for grand in pobj.children:
                            if grand.dep_ == "amod":
                                self._add_qualifier(m, q, grand, pobj)

    def _add_qualifier(self, m: EventMatch, q: _Qualifiers, word: Token, owner: Token) -> None:
        """The qualifier a word sets, if any: an ordinal as itself ("second"), else the qualifier it
        is listed under; "more than" and a "more" before the number ("more 500") set nothing."""
        lex = self.lex
        low = word.lower_
        if low in lex.ordinals:
            if low not in q.ordinals:
                q.ordinals.append(low)
            return
        name = lex.qualifier_words.get(low) or lex.qualifier_words.get(lemma(word))
        if name is None:
            return
        if low in lex.not_before_than:
            nxt = word.nbor(1) if word.i + 1 < len(word.doc) else None
            if nxt is not None and nxt.lower_ == "than":
                return
            if low == "more" and word.i < m.anchor.i and owner.i == m.anchor.i:
                return
        if name not in q.found:
            q.found.append(name)


# ---------------------------------------------------------------------------------------------
# Per-document lookups: sentences, entities, places and actors by character offset


class _DocContext:
    """What the rules look up in one Doc: sentence starts, owner entities, places and actors with
    a country, multi-word qualifiers; ``pronouns`` are those that stand for a country or a force."""

    def __init__(self, doc: Doc, pronouns: frozenset[str]) -> None:
        self.doc = doc
        self.pronouns = pronouns
        self.text = doc_text(doc)
        self._phrases: list[tuple[frozenset[int], str]] | None = None
        self.sent_starts = [s.start for s in doc.sents]
        self.places = [p for p in (doc._.places or []) if p.country]
        self.actors = [a for a in (doc._.actors or []) if a.country]
        self.ents: dict[int, Span] = {}  # named entities that can own things, by token
        for ent in doc.ents:
            if ent.label_ in OWNER_LABELS:
                for i in range(ent.start, ent.end):
                    self.ents[i] = ent

    def window_start(self, i: int) -> int:
        """First token of the sentence before the one holding token ``i``."""
        if not self.sent_starts:
            return 0
        idx = max(0, bisect_right(self.sent_starts, i) - 1)
        return self.sent_starts[max(0, idx - 1)]

    def qualifier_phrases(self, lex: Lexicon) -> list[tuple[frozenset[int], str]]:
        """Multi-word qualifiers in the Doc ("so far", "in total"), with the heads of their words."""
        if self._phrases is None:
            self._phrases = []
            if lex.qualifier_phrases:
                words = [t.lower_ for t in self.doc]
                firsts = {phrase[0] for phrase, _ in lex.qualifier_phrases}
                for k, word in enumerate(words):
                    if word not in firsts:
                        continue
                    for phrase, name in lex.qualifier_phrases:
                        if tuple(words[k : k + len(phrase)]) == phrase:
                            heads = frozenset(self.doc[j].head.i for j in range(k, k + len(phrase)))
                            self._phrases.append((heads, name))
        return self._phrases

    def country_like(self, token: Token, whole_subtree: bool = False) -> Owner | None:
        """An owner if ``token`` names a country, nation or organisation, with its country code."""
        doc = self.doc
        if whole_subtree:
            first, last = token.left_edge.i, token.right_edge.i
        else:
            ent = self.ents.get(token.i)
            first, last = (ent.start, ent.end - 1) if ent is not None else (token.i, token.i)
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        for mention in (*self.places, *self.actors):
            if mention.start < end and start < mention.end:
                if whole_subtree:  # "Pyongyang's": the possessive as written
                    s, e = min(start, mention.start), max(end, mention.end)
                elif token.i in self.ents:  # the named entity: "North Korean", "Israelis"
                    s, e = start, end
                else:  # a noun inside a longer mention: "Ukrainian forces"
                    s, e = mention.start, mention.end
                return Owner(TextSpan(s, e, self.text[s:e]), mention.country)
        if token.i in self.ents:
            return Owner(TextSpan(start, end, self.text[start:end]), None)
        return None

    def resolve_pronoun(self, token: Token) -> Token | None:
        """The nearest subject above a pronoun that names a country ("its deployment" -> North Korea)."""
        seen = 0
        node = token
        while node.head.i != node.i and seen < 12:
            node = node.head
            seen += 1
            if node.pos_ in VERBS:
                for child in node.children:
                    if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in self.pronouns:
                        if self.country_like(child) is not None:
                            return child
        return None


@Language.factory(
    "claimtrail_events",
    assigns=["doc._.quantities"],
    requires=[
        "doc._.quantities",
        "doc._.places",
        "doc._.actors",
        "doc.ents",
        "doc.sents",
        "token.pos",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.ent_type",
    ],
    default_config={"resource": RESOURCE, "subjects": SUBJECTS_RESOURCE},
)
def make_component(nlp: Language, name: str, resource: str, subjects: str) -> EventsComponent:
    """Factory registered with spaCy: fills counted noun, owner, event and qualifiers on the
    quantities; the word lists of resource file ``resource`` and the subject classes of
    ``subjects`` are read and checked once here."""
    return EventsComponent(load_lexicon(resource, subjects))
