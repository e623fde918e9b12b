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

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import resources
from ..model import ModalityCue
from ..nlp.extensions import doc_text
from .attribution import attribution_for
from .attribution import lexicon as attribution_lexicon

COMPLEMENT_DEPS = ("ccomp", "xcomp", "oprd")
ABILITY_MODALS = frozenset({"could", "can"})


@dataclass
class Lexicon:
    """The modality resource, compiled once."""

    modals: dict[str, str]
    adverbs: dict[str, str]
    verbs: dict[str, dict[str, Any]]
    nouns: dict[str, str]
    adjectives: dict[str, str]
    negated_phrasal: dict[tuple[str, str], str]
    negation: dict[str, str]
    reported_source_types: frozenset[str]
    precedence: dict[str, int]
    reported_modals: dict[str, str]
    marks: dict[str, str]
    negating_verbs: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The parsed ``modality.yaml`` (cached per process)."""
    data = resources.load("modality.yaml")
    phrasal = {}
    for phrase, modality in data["negated_phrasal"].items():
        verb, particle = phrase.split()
        phrasal[(verb, particle)] = modality
    return Lexicon(
        modals=dict(data["modal_verbs"]),
        adverbs=dict(data["adverbs"]),
        verbs=dict(data["verbs"]),
        nouns=dict(data["nouns"]),
        adjectives=dict(data["adjectives"]),
        negated_phrasal=phrasal,
        negation=dict(data["negation"]),
        reported_source_types=frozenset(data["reported_source_types"]),
        precedence={m: i for i, m in enumerate(data["precedence"])},
        reported_modals=dict(data.get("reported_speech_modals", {})),
        marks=dict(data.get("marks", {})),
        negating_verbs=frozenset(data.get("negating_verbs", [])),
    )


@Language.factory("claimtrail_modality")
def make_component(nlp: Language, name: str) -> Component:
    return Component()


class Component:
    """spaCy component setting ``doc._.modality_cues`` (in text order)."""

    def __init__(self) -> None:
        self.lex = lex = lexicon()
        self.words = (
            frozenset(lex.modals) | frozenset(lex.adverbs) | frozenset(lex.nouns) | frozenset(lex.adjectives)
        )
        self.words = self.words | frozenset(lex.reported_modals) | frozenset(lex.marks)
        self.lemmas = frozenset(lex.verbs) | frozenset(v for v, _ in lex.negated_phrasal)
        self.speech = attribution_lexicon().speech

    def __call__(self, doc: Doc) -> Doc:
        found: dict[tuple[int, int], ModalityCue] = {}
        text = doc_text(doc)  # built from the tokens on each access: read it once

        def add(first: Token, last: Token, modality: str, scope: Token) -> None:
            start, end = first.idx, last.idx + len(last)
            if (start, end) not in found:
                found[(start, end)] = ModalityCue(start, end, text[start:end], modality, scope.i)

        lex = self.lex
        words = self.words
        lemmas = self.lemmas
        for tok in doc:
            low = tok.lower_
            if low not in words and tok.lemma_ not in lemmas:
                continue
            if tok.tag_ == "MD" and low in lex.modals:
                head = tok.head
                if low in ABILITY_MODALS and _neg(head) is not None:
                    continue  # "could not confirm": ability, the negated verb is the cue
                add(tok, tok, lex.modals[low], head)
            elif tok.dep_ == "mark" and low in lex.marks:
                add(tok, tok, lex.marks[low], tok.head)  # "whether 14 sailors were alive": open
            elif tok.tag_ == "MD" and low in lex.reported_modals:
                head = tok.head
                if (
                    head.dep_ == "ccomp"
                    and head.head.lemma_ in self.speech
                    and not any(c.lower_ == "have" for c in head.children if c.dep_ == "aux")
                ):
                    add(tok, tok, lex.reported_modals[low], head)
            elif tok.pos_ == "ADV" and low in lex.adverbs:
                add(tok, tok, lex.adverbs[low], _clause_head(tok.head))
            elif (
                tok.pos_ in ("VERB", "AUX")
                and tok.lemma_ in lex.verbs
                and tok.dep_ not in ("amod", "compound")
            ):
                self._verb(tok, add)
            elif tok.pos_ == "VERB" and _particle(tok) is not None:
                key = (tok.lemma_, _particle(tok).lower_)
                neg = _neg(tok)
                if key in lex.negated_phrasal and neg is not None:
                    add(
                        min(neg, tok, key=lambda t: t.i),
                        _particle(tok),
                        lex.negated_phrasal[key],
                        _scope(tok),
                    )
            if tok.pos_ == "NOUN" and low in lex.nouns:
                add(tok, tok, lex.nouns[low], self._noun_scope(tok))
            elif (
                tok.pos_ in ("ADJ", "VERB")
                and low in lex.adjectives
                and tok.dep_ in ("amod", "acomp", "attr")
            ):
                scope = (
                    tok.head
                    if tok.dep_ == "amod"
                    else _scope(tok)
                    if _has_complement(tok)
                    else _scope(tok.head)
                )
                add(tok, tok, lex.adjectives[low], scope)
        # statements of unnamed reports and of no one: "Reports indicate ...", "it was reported that"
        for a in doc._.attributions or []:
            named = a.source_name is not None and a.source_name[:1].isupper()
            if a.source is None or (not named and a.source_type in lex.reported_source_types):
                span = doc.char_span(a.content_start, a.content_end, alignment_mode="expand")
                cue = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
                if span is not None and cue is not None and (a.cue.start, a.cue.end) not in found:
                    found[(a.cue.start, a.cue.end)] = ModalityCue(
                        a.cue.start, a.cue.end, a.cue.text, "reported", span.root.i
                    )
        doc._.modality_cues = sorted(found.values(), key=lambda c: (c.start, c.end))
        return doc

    def _verb(self, tok: Token, add: Any) -> None:
        entry = self.lex.verbs[tok.lemma_]
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        if entry.get("needs_object") and passive and not any(c.dep_ == "agent" for c in tok.children):
            return  # "officers were dismissed": fired, not a denial
        if entry.get("passive_only") and not passive:
            return
        if entry.get("needs_complement") and not _has_complement(tok):
            return
        if entry.get("needs_object") and not any(
            c.dep_ in ("dobj", "ccomp", "nsubjpass") for c in tok.children
        ):
            return
        modality = entry["modality"]
        neg = _neg(tok)
        if neg is None and tok.dep_ == "xcomp" and tok.head.lemma_ in self.lex.negating_verbs:
            neg = tok.head  # "refused to confirm" is "did not confirm"
        first = tok
        if neg is not None:
            modality = self.lex.negation.get(modality, modality)
            aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
            first = min([neg, *aux], key=lambda t: t.i)
        scope = _scope(tok)
        if passive and any(c.dep_ in ("xcomp", "oprd") for c in tok.children):
            scope = tok  # "troops are expected to arrive", "600 are feared dead": the subject too
        add(first, tok, modality, scope)

    def _noun_scope(self, tok: Token) -> Token:
        for c in tok.children:  # "the possibility that ...", "plans to send"
            if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX"):
                return c
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
            return _clause_head(tok.head.head.head)
        return _clause_head(tok.head if tok.dep_ not in ("ROOT",) else tok)


def _neg(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "neg"), None)


def _particle(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "prt"), None)


def _has_complement(tok: Token) -> bool:
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
    on that path wins. With no such cue, a cue on the attribution that covers the token decides
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
        best = min(on_path, key=lambda c: (depth[c.scope_head], lex.precedence.get(c.modality, 99)))
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
