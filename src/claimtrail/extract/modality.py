"""Modality: how sure each clause is, and which words make it so.

The component finds cues — modal verbs ("may send"), adverbs ("reportedly"), verbs ("estimate",
"believe", "plans to", "denied", "did not confirm"), nouns ("a possibility"), adjectives ("an
estimated 3,000") — each with ``scope_head``, the token the cue governs (the head of its clause or
the noun it modifies), negation applied ("did not confirm" is not confirmed). It also marks
statements whose source is an unnamed report ("Reports indicate ...", "according to reports") as
reported. ``modality_for(doc, token)`` answers for one token (the claims builder passes a
quantity's head): the cues on the token's path up the parse decide, the nearest first, a denial
wins; with no cue, the cue of the attribution covering the token; else asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NotRequired

from pydantic import ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Token
from typing_extensions import TypedDict

from .. import resources
from ..model import AttributionMention, ModalityCue
from ..nlp.extensions import doc_text
from .attribution import attribution_for
from .attribution_lexicon import lexicon as attribution_lexicon
from .vocabularies import ActorTypeName, ModalityName

COMPLEMENT_DEPS = ("ccomp", "xcomp", "oprd")


class VerbEntry(TypedDict):
    """A cue verb of ``modality.yaml``: its modality and the conditions it needs."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    modality: ModalityName
    needs_complement: NotRequired[bool]
    needs_object: NotRequired[bool]
    passive_only: NotRequired[bool]
    needs_infinitive: NotRequired[bool]
    except_objects: NotRequired[list[str]]
    negated_only: NotRequired[bool]


class HedgedCertainty(TypedDict):
    """Words of certainty that are a cue only under an adverb of degree ("almost certainly")."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    words: list[str]
    degrees: list[str]
    modality: ModalityName


class ModalityResource(TypedDict):
    """The schema of ``resources/modality.yaml``."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    modal_verbs: dict[str, ModalityName]
    ability_modals: list[str]
    reported_speech_modals: dict[str, ModalityName]
    marks: dict[str, ModalityName]
    adverbs: dict[str, ModalityName]
    verbs: dict[str, VerbEntry]
    nouns: dict[str, ModalityName]
    adjectives: dict[str, ModalityName]
    predicative_adjectives: dict[str, ModalityName]
    clause_nouns: dict[str, ModalityName]
    figure_nouns: list[str]
    hedged_certainty: HedgedCertainty
    not_cues: list[str]
    negated_phrasal: dict[str, ModalityName]
    negating_heads: list[str]
    noun_negators: list[str]
    negating_subjects: list[str]
    calling_verbs: list[str]
    calling_nouns: list[str]
    conditional_marks: list[str]
    claim_nouns: list[str]
    negation: dict[ModalityName, ModalityName]
    reported_source_types: list[ActorTypeName]
    precedence: list[ModalityName]


@dataclass
class Lexicon:
    """The modality resource, compiled once."""

    modals: dict[str, str]
    ability_modals: frozenset[str]
    adverbs: dict[str, str]
    verbs: dict[str, VerbEntry]
    nouns: dict[str, str]
    adjectives: dict[str, str]
    predicative: dict[str, str]
    clause_nouns: dict[str, str]
    figure_nouns: frozenset[str]
    hedged_certainty: HedgedCertainty
    not_cues: tuple[tuple[str, ...], ...]
    negated_phrasal: dict[tuple[str, str], str]
    negating_heads: frozenset[str]
    noun_negators: frozenset[str]
    negating_subjects: frozenset[str]
    calling_verbs: frozenset[str]
    calling_nouns: frozenset[str]
    conditional_marks: frozenset[str]
    claim_nouns: frozenset[str]
    negation: dict[str, str]
    reported_source_types: frozenset[str]
    precedence: dict[str, int]
    reported_modals: dict[str, str]
    marks: dict[str, str]


@lru_cache(maxsize=4)
def lexicon(resource: str = "modality.yaml") -> Lexicon:
    """The parsed modality resource (cached per process)."""
    data = resources.load_checked(resource, ModalityResource)
    phrasal = {}
    for phrase, modality in data["negated_phrasal"].items():
        verb, particle = phrase.split()
        phrasal[(verb, particle)] = modality
    return Lexicon(
        modals=dict(data["modal_verbs"]),
        ability_modals=frozenset(data["ability_modals"]),
        adverbs=dict(data["adverbs"]),
        verbs=dict(data["verbs"]),
        nouns=dict(data["nouns"]),
        adjectives=dict(data["adjectives"]),
        predicative=dict(data["predicative_adjectives"]),
        clause_nouns=dict(data["clause_nouns"]),
        figure_nouns=frozenset(data["figure_nouns"]),
        hedged_certainty=data["hedged_certainty"],
        not_cues=tuple(tuple(phrase.split()) for phrase in data["not_cues"]),
        negated_phrasal=phrasal,
        negating_heads=frozenset(data["negating_heads"]),
        noun_negators=frozenset(data["noun_negators"]),
        negating_subjects=frozenset(data["negating_subjects"]),
        calling_verbs=frozenset(data["calling_verbs"]),
        calling_nouns=frozenset(data["calling_nouns"]),
        conditional_marks=frozenset(data["conditional_marks"]),
        claim_nouns=frozenset(data["claim_nouns"]),
        negation=dict(data["negation"]),
        reported_source_types=frozenset(data["reported_source_types"]),
        precedence={m: i for i, m in enumerate(data["precedence"])},
        reported_modals=dict(data["reported_speech_modals"]),
        marks=dict(data["marks"]),
    )


@Language.factory(
    "claimtrail_modality",
    assigns=["doc._.modality_cues"],
    requires=["doc._.attributions", "token.lemma", "token.pos", "token.tag", "token.dep", "token.head"],
    default_config={"resource": "modality.yaml", "attribution": "attribution.yaml"},
)
def make_component(nlp: Language, name: str, resource: str, attribution: str) -> Component:
    """The modality component: cues from ``resource``; speech and negating verbs from
    ``attribution`` (the attribution lexicon, so each verb list is defined once)."""
    return Component(resource, attribution)


@dataclass
class _Found:
    """The cues of one Doc by char span; the first cue found for a span wins."""

    text: str
    cues: dict[tuple[int, int], ModalityCue] = field(default_factory=dict)

    def add(self, first: Token, last: Token, modality: str, scope: Token) -> None:
        """Record the cue spanning tokens ``first``..``last`` that governs ``scope``."""
        start, end = first.idx, last.idx + len(last)
        if (start, end) not in self.cues:
            self.cues[(start, end)] = ModalityCue(start, end, self.text[start:end], modality, scope.i)


class Component:
    """spaCy component setting ``doc._.modality_cues`` (in text order)."""

    def __init__(self, resource: str = "modality.yaml", attribution: str = "attribution.yaml") -> None:
        self.lex = lex = lexicon(resource)
        self.words = (
            frozenset(lex.modals) | frozenset(lex.adverbs) | frozenset(lex.nouns) | frozenset(lex.adjectives)
        )
        self.words = self.words | frozenset(lex.reported_modals) | frozenset(lex.marks)
        self.words = self.words | frozenset(lex.predicative) | frozenset(lex.clause_nouns)
        self.words = self.words | frozenset(lex.hedged_certainty["words"]) | lex.calling_nouns
        self.lemmas = frozenset(lex.verbs) | frozenset(v for v, _ in lex.negated_phrasal)
        said = attribution_lexicon(attribution)
        self.speech = said.speech
        self.negating_verbs = said.negating

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.modality_cues``: the word cues, then the statements of unnamed reports."""
        found = _Found(doc_text(doc))  # the text is built from the tokens on each access: read it once
        for tok in doc:
            if (tok.lower_ in self.words or tok.lemma_ in self.lemmas) and not self._in_set_phrase(tok):
                self._word_cue(tok, found)
                self._modifier_cue(tok, found)
        self._reported_statements(doc, found)
        doc._.modality_cues = sorted(found.cues.values(), key=lambda c: (c.start, c.end))
        return doc

    def _word_cue(self, tok: Token, found: _Found) -> None:
        """The cue a modal, subordinator, adverb or verb makes (at most one per token)."""
        low, lex = tok.lower_, self.lex
        if tok.tag_ == "MD" and low in lex.modals:
            if low in lex.ability_modals and _negation(tok.head) is not None:
                return  # "could not confirm", "could no longer treat": ability, no possibility
            found.add(tok, tok, lex.modals[low], tok.head)
        elif tok.dep_ == "mark" and low in lex.marks:
            found.add(tok, tok, lex.marks[low], tok.head)  # "whether 14 sailors were alive": open
        elif tok.tag_ == "MD" and low in lex.reported_modals:
            if self._in_reported_speech(tok.head):
                found.add(tok, tok, lex.reported_modals[low], tok.head)
        elif tok.pos_ == "ADV" and low in lex.adverbs:
            if lex.adverbs[low] == "confirmed" and _negation(tok.head) is not None:
                return  # "have not officially acknowledged": the negated verb speaks, not the adverb
            found.add(tok, tok, lex.adverbs[low], _clause_head(tok.head))
        elif tok.pos_ in ("VERB", "AUX") and tok.lemma_ in lex.verbs and tok.dep_ not in ("amod", "compound"):
            self._verb(tok, found)
        elif tok.pos_ == "VERB":
            self._negated_phrasal(tok, found)
        else:
            self._hedged_certainty(tok, found)

    def _in_set_phrase(self, tok: Token) -> bool:
        """Whether ``tok`` is inside a set phrase that hedges nothing ("as soon as possible")."""
        for phrase in self.lex.not_cues:
            for k, word in enumerate(phrase):
                start = tok.i - k
                if word != tok.lower_ or start < 0 or start + len(phrase) > len(tok.doc):
                    continue
                if tuple(t.lower_ for t in tok.doc[start : start + len(phrase)]) == phrase:
                    return True
        return False

    def _hedged_certainty(self, tok: Token, found: _Found) -> None:
        """A word of certainty under an adverb of degree ("almost certainly", "all but certain")."""
        hedge = self.lex.hedged_certainty
        if tok.lower_ not in hedge["words"]:
            return
        degree = next((c for c in tok.children if c.dep_ == "advmod" and c.lower_ in hedge["degrees"]), None)
        if degree is not None:
            scope = _clause_head(tok.head) if tok.pos_ == "ADV" else _adjective_scope(tok)
            found.add(min(degree, tok, key=lambda t: t.i), tok, hedge["modality"], scope)

    def _in_reported_speech(self, head: Token) -> bool:
        """Whether a modal's verb is the complement of a speech verb, not in "would have" (a
        counterfactual): "said it would send" is the backshifted "will"."""
        return (
            head.dep_ == "ccomp"
            and head.head.lemma_ in self.speech
            and not any(c.lower_ == "have" for c in head.children if c.dep_ == "aux")
        )

    def _negated_phrasal(self, tok: Token, found: _Found) -> None:
        """A phrasal verb that is a cue only when negated: "did not rule out"."""
        particle = _particle(tok)
        if particle is None:
            return
        key = (tok.lemma_, particle.lower_)
        neg = _neg(tok)
        if key in self.lex.negated_phrasal and neg is not None:
            found.add(min(neg, tok, key=lambda t: t.i), particle, self.lex.negated_phrasal[key], _scope(tok))

    def _modifier_cue(self, tok: Token, found: _Found) -> None:
        """The cue a noun ("a possibility", "the claim that") or an adjective ("an estimated
        3,000", "were exaggerated") makes; none on a word quoted as a word ("'likely losses'")."""
        low, lex = tok.lower_, self.lex
        if _quoted_mention(tok) or self._called(tok, found):
            return
        if tok.pos_ == "NOUN" and low in lex.nouns:
            self._noun_cue(tok, found)
        elif tok.pos_ == "NOUN" and low in lex.clause_nouns and _that_clause(tok) is not None:
            found.add(tok, tok, lex.clause_nouns[low], _that_clause(tok) or tok)
        elif low in lex.adjectives and _adjective_cue_position(tok):
            if lex.adjectives[low] != "estimated" or tok.dep_ != "amod" or self._is_figure(tok.head):
                scope = _adjective_scope(tok)
                if lex.adjectives[low] == "estimated" and tok.dep_ == "amod":
                    scope = _figure_clause(scope)  # "An estimated 300 others were captured"
                found.add(tok, tok, lex.adjectives[low], scope)
        elif tok.pos_ in ("ADJ", "VERB") and low in lex.predicative and _predicative(tok):
            scope = tok.head if tok.dep_ == "oprd" else _adjective_scope(tok)  # "called the reports false"
            found.add(tok, tok, lex.predicative[low], scope)
        elif low in lex.predicative and tok.dep_ == "ccomp" and tok.head.lemma_ in lex.calling_verbs:
            found.add(
                tok, tok, lex.predicative[low], tok.head
            )  # "called the claims fabricated" (as a clause)

    def _called(self, tok: Token, found: _Found) -> bool:
        """A denial said of a calling verb's object: "called the reports propaganda", "called the
        accounts groundless rumours", "described the account as a fabrication"."""
        lex = self.lex
        if tok.dep_ == "amod" and tok.lower_ in lex.predicative:
            noun = tok.head
        elif tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.lower_ in lex.calling_nouns:
            noun = tok
        else:
            return False
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "as":
            verb = verb.head
        elif noun.dep_ not in ("oprd", "attr", "ccomp", "xcomp"):
            return False
        if verb.lemma_ not in lex.calling_verbs or not any(c.dep_ == "dobj" for c in verb.children):
            return False
        found.add(tok, tok, "denied", verb)
        return True

    def _noun_cue(self, tok: Token, found: _Found) -> None:
        """A cue noun, negation applied ("no plans to send" is a denial, "without confirmation"
        is not confirmed)."""
        modality = self.lex.nouns[tok.lower_]
        neg = next(
            (c for c in tok.children if c.dep_ in ("det", "neg") and c.lower_ in self.lex.noun_negators), None
        )
        if neg is None and tok.dep_ == "pobj" and tok.head.lower_ in self.lex.noun_negators:
            neg = tok.head
        if neg is not None:
            modality = self.lex.negation.get(modality, modality)
        found.add(min(neg or tok, tok, key=lambda t: t.i), tok, modality, self._noun_scope(tok))

    def _is_figure(self, noun: Token) -> bool:
        """Whether ``noun`` is a figure an estimate can be of: a number, a noun counted by one, or
        a figure noun ("toll", "cost")."""
        return (
            noun.like_num
            or noun.pos_ == "NUM"
            or noun.lower_ in self.lex.figure_nouns
            or any(c.dep_ == "nummod" for c in noun.children)
        )

    def _reported_statements(self, doc: Doc, found: _Found) -> None:
        """Statements of unnamed reports and of no one ("Reports indicate ...", "it was reported
        that") are reported: a cue on the attribution's cue word, scoped on its content."""
        for a in doc._.attributions or []:
            if a.source is not None and (
                _named(doc, a) or a.source_type not in self.lex.reported_source_types
            ):
                continue
            if a.source is not None and _is_pronoun(doc, a.source.start, a.source.end):
                continue  # "he said": a person named elsewhere, not an unnamed report
            span = doc.char_span(a.content_start, a.content_end, alignment_mode="expand")
            cue = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
            if span is not None and cue is not None and (a.cue.start, a.cue.end) not in found.cues:
                found.cues[(a.cue.start, a.cue.end)] = ModalityCue(
                    a.cue.start, a.cue.end, a.cue.text, "reported", span.root.i
                )

    def _verb(self, tok: Token, found: _Found) -> None:
        """A cue verb ("estimate", "plans to", "denied"), negation applied, unless a condition of
        its entry is unmet."""
        entry = self.lex.verbs[tok.lemma_]
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        if not _verb_fits(tok, entry, passive):
            return
        modality = entry["modality"]
        neg = self._negator(tok)
        if neg is None and entry.get("negated_only"):
            return  # "commented on the report" confirms nothing; "would not comment on" withholds
        first = tok
        if neg is not None:
            modality = self.lex.negation.get(modality, modality)
            aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
            first = min([neg, *aux], key=lambda t: t.i)
        scope = _scope(tok)
        if passive and any(c.dep_ in ("xcomp", "oprd") for c in tok.children):
            scope = tok  # "troops are expected to arrive", "600 are feared dead": the subject too
        if neg is not None and not any(c.dep_ == "agent" for c in tok.children):
            scope = self._hedged_claim(tok) or scope
        found.add(first, tok, modality, scope)

    def _negator(self, tok: Token) -> Token | None:
        """The word that negates cue verb ``tok``: "not"; a negating head of its infinitive
        ("refused to", "unable to", "have yet to"); a condition ("if confirmed")."""
        neg = _neg(tok)
        if neg is None and tok.dep_ == "xcomp":
            head = tok.head
            if head.lemma_ in self.negating_verbs or head.lemma_ in self.lex.negating_heads:
                neg = head  # "refused to confirm", "unable to verify" are "did not confirm"
            elif any(
                c.dep_ in ("advmod", "acomp") and c.lemma_ in self.lex.negating_heads for c in head.children
            ):
                neg = head  # "have yet to confirm", "it was impossible to verify"
        if neg is None:
            neg = next(
                (c for c in tok.children if c.dep_ == "mark" and c.lower_ in self.lex.conditional_marks), None
            )
        return neg if neg is not None else self._negating_subject(tok)

    def _negating_subject(self, tok: Token) -> Token | None:
        """The word of a negating subject of cue verb ``tok`` ("Neither Moscow nor Kyiv has
        confirmed", "Nobody has verified", "No official would confirm"): the subject itself or a
        determiner of it (a pre-conjunction "neither" too)."""
        words = self.lex.negating_subjects
        for subj in (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")):
            if subj.lower_ in words:
                return subj
            found = next(
                (d for d in subj.children if d.dep_ in ("det", "preconj") and d.lower_ in words), None
            )
            if found is not None:
                return found
        return None

    def _hedged_claim(self, tok: Token) -> Token | None:
        """The claim a negated confirmation covers when what it is about stands for a claim made
        before it: the clause a noun is set beside ("130 were killed, a figure that could not be
        confirmed") or the sentence before ("... The claim could not be independently verified.",
        "... Reporters could not verify the toll.")."""
        nouns = self.lex.claim_nouns
        noun = tok.head
        if tok.dep_ == "relcl" and noun.lower_ in nouns and noun.left_edge.i > 0:
            if tok.doc[noun.left_edge.i - 1].text == ",":
                return noun.head  # the noun phrase is set off by a comma after the claim
        about = next((c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if tok.dep_ != "ROOT" or about is None or about.lower_ not in nouns:
            return None
        if any(t.like_num for t in tok.sent):
            return None  # "Reports of 40 deaths could not be verified": the claim is its own
        start = tok.sent.start
        return tok.doc[start - 1].sent.root if start > 0 else None

    def _noun_scope(self, tok: Token) -> Token:
        """The clause a cue noun governs: its own clause ("the possibility that ...") or the
        clause it belongs to."""
        for c in tok.children:  # "the possibility that ...", "plans to send"
            if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX"):
                return c
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
            return _clause_head(tok.head.head.head)
        return _clause_head(tok.head if tok.dep_ not in ("ROOT",) else tok)


def _verb_fits(tok: Token, entry: VerbEntry, passive: bool) -> bool:
    """Whether a cue verb meets its entry's conditions ("officers were dismissed" is fired, not a
    denial; "prepare food" is no plan)."""
    if entry.get("needs_object") and passive and not any(c.dep_ == "agent" for c in tok.children):
        return False
    if entry.get("passive_only") and not passive:
        return False
    if entry.get("needs_complement") and not _has_complement(tok):
        return False
    if entry.get("needs_infinitive") and not any(c.dep_ == "xcomp" for c in tok.children):
        return False
    if any(c.dep_ == "dobj" and c.lower_ in entry.get("except_objects", ()) for c in tok.children):
        return False
    return (
        not entry.get("needs_object")
        or any(c.dep_ in ("dobj", "ccomp", "nsubjpass") for c in tok.children)
        or _object_relative(tok)
    )


def _object_relative(tok: Token) -> bool:
    """Whether ``tok`` heads a relative clause whose object is the noun it modifies ("an account
    the army contested")."""
    deps = {c.dep_ for c in tok.children}
    return tok.dep_ == "relcl" and "nsubj" in deps and not deps & {"dobj", "ccomp", "xcomp"}


def _adjective_scope(tok: Token) -> Token:
    """What a cue adjective governs: the noun it modifies, else its complement, else its clause."""
    if tok.dep_ == "amod":
        return tok.head
    return _scope(tok) if _has_complement(tok) else _scope(tok.head)


def _figure_clause(noun: Token) -> Token:
    """The clause a hedged figure's noun is the subject or object of ("An estimated 300 others were
    captured": the capture is estimated, so the figure's event word finds the cue on its path),
    else the noun itself."""
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    return noun


def _neg(tok: Token) -> Token | None:
    """The negation of ``tok`` ("not", "never"), if any."""
    return next((c for c in tok.children if c.dep_ == "neg"), None)


def _negation(tok: Token) -> Token | None:
    """The negation of ``tok``, also through an adverb ("no" of "no longer"), if any."""
    neg = _neg(tok)
    if neg is None:
        neg = next(
            (n for c in tok.children if c.dep_ == "advmod" for n in c.children if n.dep_ == "neg"), None
        )
    return neg


def _adjective_cue_position(tok: Token) -> bool:
    """Whether an adjective or participle stands where it hedges: before its noun, after "be", or
    (an adjective) as what a verb makes of its object ("making a higher toll likely")."""
    if tok.pos_ in ("ADJ", "VERB") and tok.dep_ in ("amod", "acomp", "attr"):
        return True
    return tok.pos_ == "ADJ" and tok.dep_ in ("oprd", "ccomp")


def _predicative(tok: Token) -> bool:
    """Whether an adjective says something of its subject or object ("were exaggerated", "called
    it false"), not of the noun it precedes ("unknown gunmen")."""
    return tok.dep_ in ("acomp", "oprd", "attr") or (tok.dep_ == "amod" and tok.i > tok.head.i)


def _that_clause(noun: Token) -> Token | None:
    """The "that" clause of a noun ("the claim that 50,000 died"), if any."""
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children):
            return c
    return None


QUOTES = frozenset("'\"\u2018\u2019\u201c\u201d")


def _quoted_mention(tok: Token) -> bool:
    """Whether ``tok`` opens a short quoted phrase with no verb ("the 'likely losses' chart"): a
    word cited, not a hedge of the writer."""
    if tok.i == 0 or tok.doc[tok.i - 1].text not in QUOTES:
        return False
    for t in tok.doc[tok.i + 1 : tok.i + 4]:
        if t.text in QUOTES:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _named(doc: Doc, a: AttributionMention) -> bool:
    """Whether an attribution's source is named: media and documents by a proper noun ("Initial
    reports" is no name though capitalised), other sources by a capitalised name."""
    if a.source is not None and a.source_type in ("media", "document"):
        span = doc.char_span(a.source.start, a.source.end, alignment_mode="expand")
        return span is not None and any(t.pos_ == "PROPN" for t in span)
    return a.source_name is not None and a.source_name[:1].isupper()


def _is_pronoun(doc: Doc, start: int, end: int) -> bool:
    """Whether the text from ``start`` to ``end`` is a personal pronoun ("he", "their"; not "some")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.tag_ in ("PRP", "PRP$")


def _particle(tok: Token) -> Token | None:
    """The particle of a phrasal verb ("out" in "rule out"), if any."""
    return next((c for c in tok.children if c.dep_ == "prt"), None)


def _has_complement(tok: Token) -> bool:
    """Whether ``tok`` has a complement clause or infinitive."""
    return any(c.dep_ in COMPLEMENT_DEPS for c in tok.children)


def _scope(tok: Token) -> Token:
    """The clause a cue verb governs: its complement clause, else its object, else itself."""
    for c in tok.children:
        if c.dep_ in COMPLEMENT_DEPS:
            return c
    for c in tok.children:
        if c.dep_ == "dobj":
            return c
    return tok


def _clause_head(tok: Token) -> Token:
    """The verb of the clause holding ``tok`` (``tok`` itself when no verb is above it)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t if t.pos_ in ("VERB", "AUX") else tok


def _other_clause(doc: Doc, cue: ModalityCue, entry: dict[int, Token]) -> bool:
    """Whether ``cue`` belongs to its head's own clause while the path comes up from a clause with
    its own subject joined to it ("At least 20 are believed to have drowned, while 14 were
    rescued": the 14 are not believed). A cue over a complement clause ("believe that 40 died and
    30 were hurt") covers all of it."""
    via = entry.get(cue.scope_head)
    if via is None or via.dep_ not in ("conj", "advcl", "parataxis"):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in via.children):
        return False
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None:
        return False
    head = doc[cue.scope_head]
    return any(t.i == head.i or t.head.i == head.i for t in span)


def modality_for(doc: Doc, token_index: int) -> tuple[str, list[ModalityCue]]:
    """The modality of the clause holding token ``token_index``, with the cues that set it.

    Cues whose scope is the token or one of its heads count, the nearest first; a denial anywhere
    on that path wins, and a cue of the content's own certainty (estimated, planned, possible ...)
    wins over a reporting cue further up ("a study backs estimates of ...": estimated; the source
    is in the chain). With no such cue, a cue on the attribution that covers the token decides
    (its cue word: "estimate" -> estimated; unnamed "reports" -> reported). Otherwise "asserted".
    """
    lex = lexicon()
    cues: list[ModalityCue] = doc._.modality_cues or []
    tok = doc[token_index]
    depth = {tok.i: 0}
    entry: dict[int, Token] = {}  # ancestor -> the token through which the path reaches it
    child = tok
    for d, anc in enumerate(tok.ancestors, start=1):
        depth[anc.i] = d
        entry[anc.i] = child
        child = anc
    on_path = [c for c in cues if c.scope_head in depth and not _other_clause(doc, c, entry)]
    if on_path:
        denied = [c for c in on_path if c.modality == "denied"]
        if denied:
            return "denied", denied
        own = [c for c in on_path if c.modality != "reported"] or on_path  # a reported estimate stays one
        best = min(own, key=lambda c: (depth[c.scope_head], lex.precedence.get(c.modality, 99)))
        same = [
            c
            for c in on_path
            if c.modality in (best.modality, "reported") and depth[c.scope_head] == depth[best.scope_head]
        ]
        return best.modality, same
    chain = attribution_for(doc, tok.idx, tok.idx + len(tok))
    for a in reversed(chain):
        hits = [c for c in cues if c.start == a.cue.start and c.end == a.cue.end]
        if hits:
            return hits[0].modality, hits
    return "asserted", []
