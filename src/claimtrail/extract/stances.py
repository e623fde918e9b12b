"""Non-confirmations as statements: "Moscow has not confirmed the deployment", "The ministry declined
to confirm that ...", "A spokesman would not comment on reports that ...".

Attribution makes no statement of a negated speech verb (the subject does not say the content), yet
an analyst following a proposition needs exactly this: who, on which day, would not confirm it. The
modality component already reads such a cue as "not confirmed" (modality ``reported``); this module
turns each one whose verb is a verb of confirming, with a subject, into an ``AttributionMention``
the claims builder makes a statement claim of: the subject as its source (resolved to an actor where
one matches), the cue as its cue, the verb's clause or object ("the deployment", "that its troops
...", "reports that ...") as its content. Nothing is added where an attribution already has that
cue. The annotate contract's attributions are left as they are: these mentions only become claims.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..model import ActorMention, AttributionMention, ModalityCue, TextSpan
from .attribution_sources import ACTOR_TYPE_FOR_SOURCE

#: Verbs whose negation withholds a confirmation ("not confirm", "declined to acknowledge").
CONFIRMING = frozenset(("confirm", "acknowledge", "verify", "admit", "comment", "corroborate"))
#: Subjects whose non-confirmation is the reporter's own hedge, not a party's stance.
WRITERS = frozenset(("reporter", "journalist", "correspondent"))
#: Prepositions that give "comment" its topic ("would not comment on reports that ...").
TOPIC_PREPS = frozenset(("on", "about"))
_NEGATED = re.compile(
    r"\b(not|never|neither|nobody|no|declined?|refused?|failed|unable|yet)\b|n't\b", re.IGNORECASE
)


def non_confirmations(
    doc: Doc, cues: list[ModalityCue], actors: list[ActorMention], attributions: list[AttributionMention]
) -> list[AttributionMention]:
    """An attribution-like mention for every negated verb of confirming with a subject and a
    content, in text order, unless an attribution already has that cue."""
    out: list[AttributionMention] = []
    for cue in cues:
        if cue.modality != "reported" or not _NEGATED.search(cue.text):
            continue
        span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        verb = span[-1] if span is not None and len(span) else None
        if verb is None or verb.lemma_ not in CONFIRMING:
            continue
        if any(a.cue.start <= verb.idx < a.cue.end for a in attributions):
            continue  # "Neither Moscow nor Kyiv has confirmed": attribution has it already
        subject = _subject(verb)
        content = _content(verb)
        if (
            subject is None
            or content is None
            or subject.tag_ in ("PRP", "PRP$", "EX")
            or subject.lemma_ in WRITERS
        ):
            continue
        out.append(_mention(cue, subject, content, actors))
    return out


def _subject(verb: Token) -> Token | None:
    """The subject of the verb, or of the verb it is the infinitive of ("declined to confirm")."""
    for head in (verb, verb.head) if verb.dep_ == "xcomp" else (verb,):
        found = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None and found.dep_ == "nsubj":
            return found
    return None


def _content(verb: Token) -> tuple[int, int] | None:
    """The characters of what is not confirmed: the verb's clause or object, or the topic of
    "comment on"."""
    part = next((c for c in verb.children if c.dep_ in ("ccomp", "dobj")), None)
    if part is None:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS), None)
        part = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if part is None or part.ent_type_ in ("DATE", "TIME"):
        return None  # "did not comment on Saturday": no topic
    first, last = part.left_edge, part.right_edge
    while last.i > first.i and last.is_punct:
        last = last.doc[last.i - 1]
    return first.idx, last.idx + len(last)


def _mention(
    cue: ModalityCue, subject: Token, content: tuple[int, int], actors: list[ActorMention]
) -> AttributionMention:
    """The mention: the subject's noun phrase, resolved to the actors inside it."""
    phrase = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    inside = [a for a in actors if phrase.start_char <= a.start and a.end <= phrase.end_char]
    words = [subject, *subject.conjuncts]  # "Russia and North Korea have not confirmed": both
    heads = [a for a in inside if any(a.start <= w.idx < a.end for w in words)]
    inside = heads or inside  # "Russia's defence ministry": the ministry, not Russia as well
    mention = AttributionMention(
        cue=TextSpan(cue.start, cue.end, cue.text),
        content_start=content[0],
        content_end=content[1],
        source=TextSpan(phrase.start_char, phrase.end_char, phrase.text),
    )
    if (
        len(inside) == 1
        and any(c.dep_ == "poss" for c in subject.children)
        and inside[0].start > phrase.start_char
    ):
        mention.source_name = phrase.text  # "Belarus's defence ministry": fusion resolves the description
        mention.source_type = ACTOR_TYPE_FOR_SOURCE.get(inside[0].type, inside[0].type)
        mention.source_country = inside[0].country
    elif inside:
        mention.source_name = " and ".join(dict.fromkeys(a.normalized for a in inside))
        kind = inside[0].type
        mention.source_type = ACTOR_TYPE_FOR_SOURCE.get(kind, kind)
        mention.source_country = inside[0].country if len({a.country for a in inside}) == 1 else None
    else:
        mention.source_name = phrase.text
    return mention
