"""Attributions shown in the annotate contract only: withheld speech and verbal attacks.

Clause-level attribution gold (PolNeAR) marks two kinds of cue that the ledger must not use as the
origin of a figure:

- withheld or negated speech: "did not say whether", "declined to comment", "would not say",
  "refused to disclose", "did not immediately respond to": the holder says nothing of the content;
- verbal attacks of one person or party on another: "attacked Machado in early-morning tweets",
  "went after Trump as a con artist", "painted Romney as ...", "unleashed a flurry of tweets":
  stances, but the same verbs in war news name acts of war ("attacked the convoy"), so they are
  taken only with a person as object, or a characterisation ("as", "for") or words as object.

Both are found here from the parsed Doc when the annotate output is written, after the
attribution component has run; they are never put in ``doc._.attributions``, so no claim, chain
or fusion origin is made of them (negated confirmations become statements in ``stances``, which
reads the Doc on its own). A cue inside another attribution's content or at its cue is left out:
the gold never nests one attribution inside another.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from ..model import AttributionMention, TextSpan
from .attribution_lexicon import lexicon
from .attribution_spans import quote_spans

#: Speech verbs whose negation or refusal withholds what would be said.
WITHHELD_SPEECH = frozenset(
    "say comment respond reply answer address confirm disclose discuss elaborate specify reveal "
    "identify mention explain endorse pledge acknowledge return release detail".split()
)
#: Verbs of belief, wish and stance whose negation is still a stance of the subject ("did not
#: expect him to", "didn't know what to make of", "does not defend it"): no origin of the content.
NEGATED_STANCE = frozenset(
    "think believe expect know consider want plan intend fathom blame defend support understand "
    "remember recall accept agree doubt deny dispute supply provide".split()
)
#: Verbs that withhold the act of the infinitive they govern ("refused to endorse").
REFUSING = frozenset({"refuse", "decline"})
#: Verbs of verbal attack, taken only under the object rules in ``_attacks``.
ATTACK_VERBS = frozenset({"attack", "pound", "hit", "paint", "go", "unleash"})
#: Words as an object of "unleash": a barrage of words, not of missiles.
WORD_NOUNS = frozenset(
    "tweet tirade criticism insult broadside attack diatribe rant statement post message".split()
)
#: Subjects that name armed forces or weapons: their attacks are acts of war.
ARMED_NOUNS = frozenset(
    "force forces troop troops army military militant militants fighter fighters soldier soldiers "
    "drone drones missile missiles rocket rockets jet jets aircraft artillery unit units rebel "
    "rebels insurgent insurgents gunman gunmen police navy warship warships tank tanks".split()
)
#: Verbs of choosing and approving that a share of poll respondents holds ("would choose", "prefer").
CHOICE_VERBS = frozenset(
    "choose prefer pick select approve disapprove trust distrust like dislike favor favour".split()
)
#: Verbs of feeling whose object holds the feeling ("That worries environmentalists").
EXPERIENCER_VERBS = frozenset(
    "worry concern anger alarm frustrate trouble upset infuriate outrage dismay disappoint irk annoy "
    "rankle bother unnerve enrage anger dismay exasperate delight please reassure".split()
)
#: Plural nouns of people who can hold a feeling as an object ("angered officials").
FEELING_HOLDERS = frozenset(
    "official officials critic critics voter voters resident residents leader leaders member members "
    "lawmaker lawmakers environmentalist environmentalists activist activists democrat democrats "
    "republican republicans ally allies investor investors family families diplomat diplomats minister "
    "ministers supporter supporters".split()
)
#: Subjects that name a share of people in a poll.
SHARE_WORDS = frozenset("percent % majority plurality minority half third thirds quarter share".split())
#: People counted by a share ("most voters", "half of respondents" read with the share on the noun).
SHARE_OWNERS = frozenset("voters respondents people americans residents adults".split())
PERSON_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you"})
SOURCE_MODIFIERS = frozenset({"det", "compound", "amod", "poss", "nmod", "nummod"})
TIME_WORDS = frozenset("time times day days week weeks hour hours month months year years night".split())


def tail_attributions(doc: Doc, known: list[AttributionMention]) -> list[AttributionMention]:
    """Withheld-speech and verbal-attack attributions of ``doc`` that ``known`` (the component's
    attributions) does not hold, in text order. For the annotate contract only."""
    out: list[AttributionMention] = []
    taken = [(a.cue.start, a.cue.end) for a in known] + [(a.content_start, a.content_end) for a in known]
    taken += quote_spans(doc.text)  # words inside a quote are the quoted speaker's content
    known_cues = [a.cue.start for a in known]
    for v in doc:
        felt = _experienced(v)
        if felt is not None:  # "That worries environmentalists": the ones worried hold the stance
            if not any(s < felt[0][1] and felt[0][0] < e for s, e in taken):
                out.append(_mention(doc, felt[2], felt[0], felt[1]))
                taken += [felt[0], felt[1]]
            continue
        attack = None
        found = _withheld(v) or _share_choice(v)
        if found is None:
            found = attack = _attack(v)
        if found is None:
            continue
        cue, content = found
        if any(s < cue[1] and cue[0] < e for s, e in taken):
            continue
        phrase = _chars(v.left_edge, v.right_edge)
        if v.lemma_ == "unleash" and any(phrase[0] <= c < phrase[1] for c in known_cues):
            continue  # "unleashed a series of tweets saying ...": the tweets' saying is the cue
        subj = _subject(v.head if v.dep_ == "acomp" else v, armed=attack is None)
        if subj is None:
            continue
        out.append(_mention(doc, subj, cue, content))
        taken += [cue, content]
    return out


def _withheld(v: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Cue and content character spans of "did not say whether ...", "did not expect him to ...",
    "declined to comment", "refused to endorse Trump", or None."""
    if v.pos_ == "ADJ" and v.dep_ == "acomp":
        return _negated_feeling(v)
    if v.pos_ != "VERB":
        return None
    first = lead_start(v)
    negated = any(c.dep_ == "neg" and first <= c.i < v.i for c in v.children)  # "did not say", not "not that"
    head = v.head
    if v.dep_ == "xcomp" and head.lemma_ in ("have", "be") and any(c.lower_ == "yet" for c in head.children):
        if v.lemma_ in WITHHELD_SPEECH:  # "has yet to explain why ...": nothing said so far
            content = _right_content(v)
            return ((v.doc[lead_start(head)].idx, v.idx + len(v)), content) if content is not None else None
    if negated and (v.lemma_ in WITHHELD_SPEECH or v.lemma_ in NEGATED_STANCE):
        content = _right_content(v)
        if content is None:
            return None
        return (v.doc[first].idx, v.idx + len(v)), content
    if v.lemma_ in REFUSING and v.dep_ != "xcomp":
        inner = next((c for c in v.children if c.dep_ == "xcomp" and c.i > v.i), None)
        if inner is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in inner.children):
            return None
        if inner.lemma_ in WITHHELD_SPEECH:
            content = _right_content(inner) or _chars(inner.left_edge, inner)
            return (v.idx, inner.idx + len(inner)), content
        return (v.idx, v.idx + len(v)), _chars(inner.left_edge, inner.right_edge)
    return None


def _share_choice(v: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Cue and content of the choice of a share of people in a poll ("52 percent would choose the
    mayor", "a majority of respondents approve of the truce", "4 percent prefer a third
    candidate"): the respondents' stance, held by the share named as subject. The cue is the verb
    with its auxiliaries; the content its object or its "of" phrase."""
    if v.pos_ != "VERB" or v.lemma_ not in CHOICE_VERBS:
        return None
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subj is None and v.dep_ == "conj":
        subj = next((c for c in v.head.children if c.dep_ == "nsubj"), None)
    if subj is None or not _is_share(subj):
        return None
    what = next((c for c in v.children if c.dep_ in ("dobj", "xcomp") and c.i > v.i), None)
    if what is None:
        prep = next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > v.i), None)
        what = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if what is None:
        return None
    last = what.right_edge
    while last.i > what.i and (last.dep_ == "cc" or last.is_punct):
        last = v.doc[last.i - 1]  # "would choose the mayor and 41 percent would back ...": not the "and"
    return (v.doc[lead_start(v)].idx, v.idx + len(v)), _chars(what.left_edge, last)


def _experienced(v: Token) -> tuple[tuple[int, int], tuple[int, int], Token] | None:
    """Cue, content and holder of a feeling whose holder is the object ("That worries
    environmentalists", "The plan has angered local officials"): the people who feel it hold a
    stance on the subject, which is the content. Only a finite verb with a subject, and an object
    that names people (a person, a pronoun, a plural noun of people or officials)."""
    if v.pos_ != "VERB" or v.lemma_ not in EXPERIENCER_VERBS or v.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return None
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
    if subj is None or obj is None or subj.lower_ in ("who", "which"):
        return None
    if not (_is_person(obj) or obj.ent_type_ in ("ORG", "NORP") or obj.lemma_.lower() in FEELING_HOLDERS):
        return None
    return (v.doc[lead_start(v)].idx, v.idx + len(v)), _chars(subj.left_edge, subj.right_edge), obj


def _is_share(t: Token) -> bool:
    """Whether a subject names a share of people ("52 percent", "a majority of voters", "most
    respondents", "two-thirds")."""
    if t.lower_ in SHARE_WORDS:
        return True
    return t.lower_ in SHARE_OWNERS and any(c.lower_ in ("most", "half") or c.like_num for c in t.children)


def _negated_feeling(adj: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Cue and content of a negated stance adjective ("weren't too concerned about the shift",
    "is not sure whether ..."): the linking verb with its negation to the adjective, and what
    follows the adjective."""
    link = adj.head
    if adj.lower_ not in lexicon().stance_adjectives or not any(c.dep_ == "neg" for c in link.children):
        return None
    kids = [c for c in adj.children if c.i > adj.i and c.dep_ in ("prep", "ccomp", "xcomp")]
    if not kids:
        return None
    return (link.doc[lead_start(link)].idx, adj.idx + len(adj)), _chars(
        kids[0].left_edge, kids[-1].right_edge
    )


def lead_start(v: Token) -> int:
    """The index of the first of the auxiliaries, negation and adverbs right before ``v`` that
    belong to it ("did not immediately respond"), not a fronted adverb ("Initially, they did not")."""
    first = v.i
    while first > 0:
        t = v.doc[first - 1]
        if t.head.i != v.i or t.dep_ not in CUE_LEAD_DEPS or t.is_punct or t.tag_ == "WRB":
            break
        first -= 1
    return first


def _attack(v: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Cue and content spans of a verbal attack ("attacked Machado", "went after Trump as ...",
    "painted Romney as ...", "unleashed a flurry of tweets"), or None."""
    if v.pos_ != "VERB" or v.lemma_ not in ATTACK_VERBS or v.dep_ in ("amod", "acl", "relcl"):
        return None
    if v.lemma_ == "go":
        obj = next(
            (
                c
                for p in v.children
                if p.dep_ == "prep" and p.lower_ == "after"
                for c in p.children
                if c.dep_ == "pobj"
            ),
            None,
        )
    else:
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    framing = _framing(v)
    if v.lemma_ == "unleash":
        ok = any(t.lemma_.lower() in WORD_NOUNS for t in obj.subtree)
    elif v.lemma_ in ("paint", "pound", "hit"):
        ok = framing is not None
    else:  # attack, go after
        ok = framing is not None or _is_person(obj)
    if not ok:
        return None
    end = framing.right_edge if framing is not None else obj.right_edge
    return (v.idx, v.idx + len(v)), _chars(obj.left_edge, end)


def _framing(v: Token) -> Token | None:
    """The "as ..." or "for ..." phrase that characterises an attack's object ("as a fraud",
    "for not paying taxes"), never a time ("for the third time")."""
    for p in v.children:
        if p.dep_ == "prep" and p.lower_ in ("as", "for") and p.i > v.i:
            objs = [c for c in p.children if c.dep_ in ("pobj", "pcomp")]
            if objs and not any(o.lemma_.lower() in TIME_WORDS for o in objs):
                return p
    return None


def _is_person(t: Token) -> bool:
    """Whether an object names a person ("Machado", "him", "other candidates")."""
    return (
        t.ent_type_ == "PERSON"
        or t.lower_ in PERSON_PRONOUNS
        or t.lemma_ in ("candidate", "opponent", "rival")
    )


def _subject(v: Token, armed: bool) -> Token | None:
    """The speaking subject of the cue verb or of the verb it is the infinitive, conjunct or
    participle ("..., painting Romney as ...") of, unless it is a
    place or "it", or (``armed`` False: an attack) an armed force or a weapon, whose attacks are
    acts of war."""
    t = v
    while True:
        subj = next((c for c in t.children if c.dep_ in ("nsubj",)), None)
        participle = t.dep_ == "advcl" and t.tag_ == "VBG"  # "..., painting Romney as ...": the main subject
        if subj is not None or not (t.dep_ in ("xcomp", "conj") or participle) or t.head.i == t.i:
            break
        t = t.head
    if subj is None or subj.lower_ == "it" or subj.ent_type_ in ("GPE", "LOC", "FAC"):
        return None
    if not armed and (subj.lower_ in ARMED_NOUNS or subj.lemma_.lower() in ARMED_NOUNS):
        return None
    return subj


def _right_content(v: Token) -> tuple[int, int] | None:
    """The span of what a speech verb is about: its objects, clauses and phrases after it."""
    kids = [
        c for c in v.children if c.i > v.i and c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "advcl", "attr")
    ]
    if not kids:
        return None
    return _chars(kids[0].left_edge, kids[-1].right_edge)


def _chars(first: Token, last: Token) -> tuple[int, int]:
    """Character span from ``first`` to ``last`` inclusive, without closing punctuation."""
    while last.i > first.i and last.is_punct:
        last = last.doc[last.i - 1]
    return first.idx, last.idx + len(last)


def _mention(doc: Doc, subj: Token, cue: tuple[int, int], content: tuple[int, int]) -> AttributionMention:
    """An attribution with the subject (its compound and determiners) as the source."""
    left = min([subj.i] + [c.i for c in subj.children if c.i < subj.i and c.dep_ in SOURCE_MODIFIERS])
    source = doc[left : subj.i + 1]
    return AttributionMention(
        cue=TextSpan(cue[0], cue[1], doc.text[cue[0] : cue[1]]),
        content_start=content[0],
        content_end=content[1],
        source=TextSpan(source.start_char, source.end_char, source.text),
    )


#: Words before a cue verb that clause-level gold counts as part of the cue ("has said", "is
#: promising", "also noted", "to attack"): its auxiliaries, negation and the adverbs between them.
CUE_LEAD_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def shown_cue(doc: Doc, cue: TextSpan) -> TextSpan:
    """The cue as the annotate contract shows it: a cue verb with the auxiliaries, negation and
    adverbs right before it ("has also said") and a colon right after it ("said:"), as
    clause-level gold marks cues. Claims keep the
    bare cue ("said"); only the span shown changes."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or not len(span) or span[0].pos_ not in ("VERB", "AUX"):
        return cue
    v = span[0]
    first = lead_start(v)
    end = cue.end + 1 if doc.text[cue.end : cue.end + 1] == ":" else cue.end  # "said:" before a quote
    if first == v.i and end == cue.end:
        return cue
    start = doc[first].idx
    return TextSpan(start, end, doc.text[start:end])


def _participle(doc: Doc, cue: TextSpan) -> bool:
    """Whether a cue is a participle joined to a clause ("..., arguing that ...")."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].tag_ == "VBG" and span[0].dep_ in ("advcl", "conj")


def _name_key(name: str | None) -> str:
    """A resolved source name compared case- and spacing-blind."""
    return " ".join((name or "").lower().split())


def without_self_citations(doc: Doc, attrs: list[AttributionMention]) -> list[AttributionMention]:
    """The list less each attribution that only repeats its citer's own voice inside what the
    citer says ("Ditto said she expects the campaign to ...", "He says he raised $18 million":
    one speaker, one statement), the citer taking over its citations; ``cites`` re-indexed.

    Claims already merge such a pair into one link (``claims._links``); the annotate contract shows
    it as one attribution, as clause-level gold does. ``doc._.attributions`` keeps both (the
    inner cue still sets the content's certainty through ``modality``). A participle that adds a
    second act of the speaker ("said he doubted it would work, arguing that ...") stays apart."""
    citer: dict[int, int] = {}
    for j, a in enumerate(attrs):
        for i in a.cites:
            citer.setdefault(i, j)
    dropped: dict[int, int] = {}  # dropped index -> the citer that takes its place
    for i, a in enumerate(attrs):
        up = citer.get(i)
        if up is None or up == i or not a.source_name:
            continue
        outer = attrs[up]
        inside = outer.content_start <= a.cue.start and a.content_end <= outer.content_end
        if (
            inside
            and _name_key(a.source_name) == _name_key(outer.source_name)
            and not _participle(doc, a.cue)
        ):
            dropped[i] = up
    if not dropped:
        return attrs

    def kept(i: int) -> int:
        seen = set()
        while i in dropped and i not in seen:
            seen.add(i)
            i = dropped[i]
        return i

    new_index: dict[int, int] = {}
    for i in range(len(attrs)):
        if i not in dropped:
            new_index[i] = len(new_index)
    out: list[AttributionMention] = []
    for j, a in enumerate(attrs):
        if j in dropped:
            continue
        cites: list[int] = []
        todo = list(a.cites)
        seen: set[int] = set()
        while todo:
            c = todo.pop(0)
            if c in seen:
                continue
            seen.add(c)
            if c in dropped and kept(c) == j:
                todo.extend(attrs[c].cites)  # the inner voice's own citations pass to its speaker
            elif kept(c) != j and new_index.get(kept(c)) not in cites:
                cites.append(new_index[kept(c)])
        out.append(dataclasses.replace(a, cites=cites))
    return out
