"""What proposition a statement is about, read from its attributed clause.

A statement claim has no figure and, mostly, no event: "Russia denied that North Korean soldiers
were sent to the front" carries its subject, event and place only in the words of its clause. This
module reads them with the word lists fusion and the extractors already keep, so a statement keys
like a figure: the subject word merged over ``fusion.yaml`` synonyms (soldiers -> troop), its
owner country (a demonym or country name just before it, "its"/"their" standing for the speaker),
the event from the events lexicon's verbs (inflected), nouns and adjectives, and the countries of
its places. Pure functions of the claim; no parse is needed (claims are read back from the ledger).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..extract import institutions
from ..extract.events import load_lexicon
from ..model import Claim
from .cluster import canonical_subject
from .config import subject_events, synonyms

#: Irregular past forms of event verbs (the regular ones are made by ``_verb_forms``).
IRREGULAR = {
    "send": ("sent",),
    "fight": ("fought",),
    "lose": ("lost",),
    "slay": ("slew", "slain"),
    "flee": ("fled",),
    "seize": ("seized",),
    "shoot": ("shot",),
    "take": ("took", "taken"),
    "hold": ("held",),
    "drive": ("drove", "driven"),
    "leave": ("left",),
    "seek": ("sought",),
    "withdraw": ("withdrew", "withdrawn"),
    "bring": ("brought",),
    "strike": ("struck",),
    "hit": ("hit",),
    "shoot down": ("shot down",),
}
#: Possessives that stand for the speaker ("North Korea confirmed its troops fought").
SPEAKER_POSSESSIVES = frozenset(("its", "their", "our"))
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.-]*")


@dataclass(frozen=True)
class Reading:
    """What a claim is about: subject head word and owner country, event, and the countries (with a
    place name each, where one is given) of its places, in text order."""

    subject: str | None
    country: str | None
    event: str | None
    places: tuple[tuple[str, str], ...]  # (country code, place name as resolved)
    event_is_noun: bool = False  # "the deployment": a reference to the event, no subject named
    speaker: str | None = None  # the country of the first source (its capital is no place of the event)
    other_predicate: bool = False  # the subject's own verb is no event ("troops were not surrounded")


def _verb_forms(verb: str) -> set[str]:
    """A verb's inflected forms: deploy -> deploys, deployed, deploying; die -> died, dying."""
    forms = {verb, verb + "s", verb + "es", verb + "ed", verb + "ing", *IRREGULAR.get(verb, ())}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    if verb.endswith("ie"):
        forms.add(verb[:-2] + "ying")
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms |= {verb[:-1] + "ied", verb[:-1] + "ies"}
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # ship -> shipped
    return forms


def _noun_forms(noun: str) -> set[str]:
    """A noun and its plural ("casualty" -> "casualties")."""
    forms = {noun, noun + "s", noun + "es"}
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        forms.add(noun[:-1] + "ies")
    return forms


@cache
def event_words() -> dict[str, tuple[str, bool, bool]]:
    """Every written form of an event word -> (event, whether it is a noun, whether it is an
    ambiguous trigger: "send", "move"), from the events lexicon (``resources/events.yaml``); the
    first event that lists a word keeps it."""
    lex = load_lexicon()
    out: dict[str, tuple[str, bool, bool]] = {}
    for verb, event in lex.verbs.items():
        for form in _verb_forms(verb):
            out.setdefault(form, (event, False, verb in lex.ambiguous))
    for adjective, event in lex.adjectives.items():
        out.setdefault(adjective, (event, False, False))
    for noun, event in lex.nouns.items():
        for form in _noun_forms(noun):
            out.setdefault(form, (event, True, False))
    return out


def _subject_word(word: str) -> tuple[str, str | None] | None:
    """(subject head, implied event) of a counted noun as written, or None ("soldiers" -> troop;
    "casualties" -> person, casualties)."""
    low = word.lower()
    for form in (low, low[:-1] if low.endswith("s") else low, low[:-3] + "y" if low.endswith("ies") else low):
        if form in subject_events():
            return subject_events()[form]
        if form in synonyms():
            return synonyms()[form], None
    return None


def speaker_country(claim: Claim) -> str | None:
    """The country of a claim's first source, where the institutions table knows it ("the
    Kremlin" -> RU, "Seoul" -> KR)."""
    if not claim.attribution or not claim.attribution[0].name:
        return None
    table = institutions.table()
    name = claim.attribution[0].name
    inst = table.named(name)
    return inst.country if inst is not None else table.country_named(name)


def content_of(claim: Claim) -> str:
    """The claim's own stretch of its sentence (the attributed clause, or the figure)."""
    start = claim.start - claim.sentence_start
    text = claim.sentence[max(start, 0) : max(claim.end - claim.sentence_start, 0)]
    return text if text.strip() else claim.sentence


def read_statement(claim: Claim) -> Reading:
    """The subject, owner, event and place countries of a statement's clause."""
    words = [w.strip(".'\u2019") for w in _WORD.findall(content_of(claim))]
    subject = event = country = None
    event_is_noun = False
    at = -1
    for i, word in enumerate(words):
        found = _subject_word(word)
        if found is not None:
            subject, event = found
            at = i
            country = _owner(words[max(0, i - 3) : i], claim)
            break
    if event is None:
        event, event_is_noun = _event_of(words[at + 1 :] + words[: max(at, 0)], subject)
    other = event is None and subject is not None and _other_predicate(words[at + 1 : at + 5])
    canon, event = canonical_subject(subject, event)
    if other:  # not the subject's default event either ("troops" alone are deployed)
        event = None
    if country is None and canon is not None:
        country = claim.subject.country
    places = _places(claim, country)
    noun_only = event_is_noun and canon is None
    return Reading(canon, country, event, places, noun_only, speaker_country(claim), other)


#: Words between a subject and its verb ("were not", "had already been").
AUXILIARIES = frozenset(
    "is are was were be been being has have had do does did will would could can may might must shall "
    "should not n't never still also already all both each only just reportedly allegedly".split()
)
#: Common irregular past forms that are no event ("neither man spoke Ukrainian").
IRREGULAR_PAST = frozenset(
    "spoke said told knew saw went came ran gave made wrote thought felt found became began kept met "
    "paid stood understood won wore ate drank slept sang swam got".split()
)


def _other_predicate(after: list[str]) -> bool:
    """Whether the words after a subject start with a verb that is no event: a past participle or
    past form ("were not surrounded", "had stopped", "spoke"), so the clause is about something
    else than the event the article's figures give that subject; "were there", "were in Russia"
    (no verb) and the progressive "are fighting", "are using their time in Russia" (they are
    there) are not."""
    for word in after:
        low = word.lower()
        if low in AUXILIARIES:
            continue
        if low in event_words():
            return False
        return low in IRREGULAR_PAST or (len(low) > 4 and low.endswith("ed"))
    return False


def _event_of(words: list[str], subject: str | None) -> tuple[str | None, bool]:
    """The first event word of a clause (the words after its subject first) and whether it is a
    noun; an ambiguous trigger ("send", "move", "post") counts only for armed forces, as in the
    events component ("sent troops", not "sent a letter" nor "move people out")."""
    for word in words:
        hit = event_words().get(word.lower())
        if hit is not None and (not hit[2] or subject == "troop"):
            return hit[0], hit[1]
    return None, False


def _owner(before: list[str], claim: Claim) -> str | None:
    """The owner country the words before a subject give: a demonym or country ("North Korean
    troops", "Russia's soldiers"), or the speaker's for "its"/"their"."""
    if before and before[-1].lower() in SPEAKER_POSSESSIVES:
        return speaker_country(claim)
    found = institutions.table().countries_in(" ".join(before))
    return found[-1] if found else None


def _places(claim: Claim, owner: str | None) -> tuple[tuple[str, str], ...]:
    """The countries of a claim's places (resolved places first, then demonyms and country names of
    its clause: "on Russian soil"), without the subject's own country, as fusion places a tracked
    quantity outside its subject's country."""
    out: list[tuple[str, str]] = [(p.country, p.name) for p in claim.places if p.country]
    for code in institutions.table().countries_in(content_of(claim)):
        if code and all(code != c for c, _ in out):
            out.append((code, ""))
    return tuple((c, n) for c, n in out if c != owner)
