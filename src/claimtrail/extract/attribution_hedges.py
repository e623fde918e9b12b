"""Hedges shown in the annotate contract only: seeming, sourceless raising, knowledge frames,
beliefs that "there are" and criticism someone faces.

Clause-level attribution gold (PolNeAR) marks as attributions the impressions and expectations that
no one in the text is said to hold: "RT can seem like just another entrant", "the losing side
could be expected to take the case to the Supreme Court", "it was unclear whether the judges would
rule ...", "there has been much speculation as to whether ...", "Trump has faced questions about ...". In war
news the same shapes are the reporter's hedges ("7,000 troops are expected to
arrive", "the dam appears to have held", "it was unclear how many died"): the modality component
already sets the certainty they give (believed, possible), and no one is their origin. So they are
found here, with no source, when the annotate output is written, and never enter
``doc._.attributions``: no claim, chain link or fusion origin comes of them. A hedge inside a quote,
or inside another attribution's content or cue, is left to that speaker (the gold never nests).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import AttributionMention, TextSpan
from .attribution_lexicon import Lexicon, lexicon
from .attribution_spans import quote_spans
from .attribution_tail import lead_start

#: Dependents of a verb of seeming that say what seems so ("seems to", "seems too risky",
#: "seems confident", "seems like", "it seems that").
SEEMING_COMPLEMENTS = frozenset({"xcomp", "acomp", "oprd", "ccomp", "attr"})
#: Prepositions that open what seems so ("can seem like just another entrant").
SEEMING_PREPOSITIONS = frozenset({"like", "as"})
#: Verbs that make something seem so ("made the column seem smaller"): no one's impression.
CAUSATIVES = frozenset({"make", "let", "have"})
#: Clause dependents that hold what is (un)known ("it was unclear whether ...").
KNOWLEDGE_CLAUSES = frozenset({"ccomp", "csubj", "advcl"})
#: Words that open what a belief or talk after "there" is about.
TOPIC_WORDS = frozenset({"about", "over", "on", "regarding", "concerning", "whether", "that"})
#: Prepositions that give what faced words are about ("criticism over the evacuation").
FACED_TOPICS = frozenset({"over", "about", "for", "on", "regarding", "concerning"})
#: Linking verbs of a knowledge frame.
KNOWLEDGE_LINKS = frozenset({"be", "remain", "seem", "appear", "become"})


def hedge_attributions(doc: Doc, known: list[AttributionMention]) -> list[AttributionMention]:
    """The sourceless hedges of ``doc`` that ``known`` (the attributions already shown) does not
    cover, in text order. For the annotate contract only."""
    lex = lexicon()
    taken = [(a.cue.start, a.cue.end) for a in known] + [(a.content_start, a.content_end) for a in known]
    taken += quote_spans(doc.text)
    out: list[AttributionMention] = []
    for v in doc:
        source = None
        found = _seeming(v, lex) or _raised(v, lex) or _knowledge_frame(v, lex) or _there_is(v, lex)
        if found is None:
            faced = _faced(v, lex)
            if faced is None:
                continue
            found, source = faced[:2], faced[2]
        cue, content = found
        if content[1] <= content[0] or any(s < cue[1] and cue[0] < e for s, e in taken):
            continue
        out.append(
            AttributionMention(
                cue=TextSpan(cue[0], cue[1], doc.text[cue[0] : cue[1]]),
                content_start=content[0],
                content_end=content[1],
                source=TextSpan(source.start_char, source.end_char, source.text)
                if source is not None
                else None,
            )
        )
        taken += [cue, content]
    return out


Spans = tuple[tuple[int, int], tuple[int, int]]


def _seeming(v: Token, lex: Lexicon) -> Spans | None:
    """ "RT can seem like just another entrant", "drawing on home equity seems too risky", "it
    appeared that ...": the verb of seeming (with its auxiliaries) and what seems so (the
    content is one span, so the subject before the cue is left out).
    Not where the complement is itself a cue verb ("appeared to blame the workers": the subject's
    own stance, found by the attribution component), nor without a complement ("appeared at a
    hearing", "a study that appeared in the journal")."""
    if v.lemma_ not in lex.seeming or v.pos_ not in ("VERB", "AUX") or v.dep_ in ("amod", "acl", "relcl"):
        return None
    comps = [
        c
        for c in v.children
        if c.i > v.i
        and (c.dep_ in SEEMING_COMPLEMENTS or (c.dep_ == "prep" and c.lower_ in SEEMING_PREPOSITIONS))
    ]
    if not comps:
        return None
    comp = comps[0]
    if comp.dep_ == "xcomp" and comp.lemma_ in lex.speech:
        return None
    bare = not any(c.dep_ == "aux" for c in v.children)
    if bare and (v.tag_ == "VB" or (v.dep_ in ("ccomp", "xcomp") and v.head.lemma_ in CAUSATIVES)):
        return None  # "makes him seem kinder": what someone is made to seem, no hedge
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT") for c in v.children):
        return None  # "what appeared to be a reference to ...": a description, no hedge
    return _cue(v), _chars(comp.left_edge, comps[-1].right_edge)


def _raised(v: Token, lex: Lexicon) -> Spans | None:
    """ "The losing side could be expected to take the case to the Supreme Court": a passive of
    belief with no agent whose subject is raised to an infinitive; the infinitive is the content."""
    if v.lemma_ not in lex.raising_passives or v.tag_ != "VBN":
        return None
    kids = list(v.children)
    if not any(c.dep_ == "auxpass" for c in kids) or any(c.dep_ == "agent" for c in kids):
        return None
    subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    inf = next(
        (c for c in kids if c.dep_ == "xcomp" and c.i > v.i and any(g.lower_ == "to" for g in c.children)),
        None,
    )
    if subj is None or inf is None or subj.lower_ in lex.expletives:
        return None
    return _cue(v), _chars(inf.left_edge, inf.right_edge)


def _knowledge_frame(adj: Token, lex: Lexicon) -> Spans | None:
    """ "it was unclear whether the bridge still stood", "It is apparent that ...": an adjective
    of knowledge after a linking verb whose subject is the expletive "it"; the clause is the
    content, the linking verb with the adjective the cue."""
    if adj.lower_ not in lex.knowledge_adjectives or adj.dep_ != "acomp":
        return None
    link = adj.head
    if link.lemma_ not in KNOWLEDGE_LINKS:
        return None
    if not any(c.dep_ in ("nsubj", "expl") and c.lower_ in lex.expletives for c in link.children):
        return None
    clause = next(
        (c for c in list(adj.children) + list(link.children) if c.dep_ in KNOWLEDGE_CLAUSES and c.i > adj.i),
        None,
    )
    if clause is None:
        return None
    start = link.doc[lead_start(link)].idx
    return (start, adj.idx + len(adj)), _chars(clause.left_edge, clause.right_edge)


def _there_is(noun: Token, lex: Lexicon) -> Spans | None:
    """ "There were fears that the dam could fail", "there has been much speculation as to whether
    ...": a noun of belief or talk after an expletive "there"; the cue runs from "there" to the
    noun, what follows the noun in its phrase is the content."""
    if noun.lower_ not in lex.there_nouns or noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return None
    there = next((c for c in noun.head.children if c.dep_ == "expl" and c.i < noun.i), None)
    if there is None or noun.right_edge.i <= noun.i:
        return None
    held = any(c.i > noun.i and c.dep_ in ("acl", "ccomp") for c in noun.children) or any(
        t.i > noun.i and t.lower_ in TOPIC_WORDS for t in noun.subtree
    )
    if not held:
        return None  # "there were questions in the hall": nothing asked about
    return (there.idx, noun.idx + len(noun)), _chars(noun.doc[noun.i + 1], noun.right_edge)


def _faced(v: Token, lex: Lexicon) -> tuple[tuple[int, int], tuple[int, int], Span | None] | None:
    """ "The ministry has faced criticism over the evacuation", "is drawing criticism after ...",
    "faced heavy criticism from rights groups": others' words that someone faces or draws. The cue
    runs from the verb (with its auxiliaries) to the noun; the content is what the words are about
    ("over", "about", "for" ...), else the one who faces them; "from X" is the source."""
    if v.lemma_ not in lex.facing_verbs or v.pos_ != "VERB":
        return None
    noun = next((c for c in v.children if c.dep_ == "dobj" and c.lower_ in lex.faced_nouns), None)
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if noun is None or subj is None or subj.lower_ in lex.expletives:
        return None
    source = None
    topic = None
    for p in list(noun.children) + [c for c in v.children if c.i > noun.i]:
        if p.dep_ != "prep":
            continue
        if p.lower_ == "from" and source is None:
            pobj = next((g for g in p.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                source = v.doc[pobj.left_edge.i : pobj.right_edge.i + 1]
        elif p.lower_ in FACED_TOPICS and topic is None:
            topic = p
    if topic is not None and topic.right_edge.i > topic.i:
        content = _chars(topic.doc[topic.i + 1], topic.right_edge)
    else:
        content = _chars(subj.left_edge, subj.right_edge)
    return (v.doc[lead_start(v)].idx, noun.idx + len(noun)), content, source


def _cue(v: Token) -> tuple[int, int]:
    """The cue verb with the auxiliaries, negation and adverbs right before it ("could be
    expected", "may once have seemed")."""
    return v.doc[lead_start(v)].idx, v.idx + len(v)


def _chars(first: Token, last: Token) -> tuple[int, int]:
    """Character span from ``first`` to ``last`` inclusive, without closing punctuation."""
    while last.i > first.i and last.is_punct:
        last = last.doc[last.i - 1]
    return first.idx, last.idx + len(last)
