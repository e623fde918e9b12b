"""Attribution: a cue that interrupts the clause it reports.

"Forty soldiers, the ministry said, were killed in the strike", "These recruits, the commander
explained at the hearing, were well paid": the speaker's clause sits between the subject of what
was said and its verb, set off by commas. The parser reads the shape in several ways (the cue as a
parenthetical, as the clause's complement, as the root with the predicate a conjunct), and each
reading alone gives only one half of the statement, so a figure in the other half lost its
speaker. The shape is read here from the surface: a noun phrase opening the sentence, a comma, the
cue's subject and the cue with at most its addressee and adverbials, a comma, then a finite verb.
What was said is the whole sentence (the content is one span, so it holds the cue too, as an
"as X noted" clause does).
"""

from __future__ import annotations

from spacy.tokens import Token

#: Finite verb tags: the predicate that resumes the interrupted clause.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})

#: Parts of speech that may open the fronted noun phrase ("Forty soldiers", "The losses", "Most of
#: the recruits", "Smith's aides"); a preposition, adverb or subordinator opens an adverbial
#: ("In Kyiv, officials said ...", "Meanwhile, ...") whose own clause follows the cue.
NP_OPENERS = frozenset({"DET", "NUM", "NOUN", "PROPN", "ADJ", "PRON"})

#: Words between the closing comma and the resumed verb ("were", "probably died", "also have").
RESUME_SKIPS = frozenset({"ADV", "PART"})

#: The longest stretch (tokens) the cue's own phrase may run between the two commas.
MAX_CUE_PHRASE = 12


def interrupted_clause(v: Token) -> tuple[int, int] | None:
    """Token range [start, end) of the sentence whose clause ``v``'s cue interrupts, or None.

    ``v`` must have a subject before it that directly follows the comma after the fronted noun
    phrase; the fronted phrase has no finite verb, no quote, no date; the cue's phrase ends at the
    next comma within a few tokens, with no finite verb, quote or "that"; and a finite verb (after
    adverbs) follows that comma."""
    subj = next((c for c in v.children if c.dep_ == "nsubj" and c.i < v.i), None)
    if subj is None or subj.lower_ in ("who", "which", "that"):
        return None
    sent = v.sent
    comma = subj.left_edge.i - 1
    if comma <= sent.start or v.doc[comma].text != ",":
        return None
    if not _fronted_noun_phrase(v.doc[sent.start : comma]):
        return None
    close = _closing_comma(v, sent.end)
    if close is None:
        return None
    nxt = close + 1
    while nxt < sent.end and v.doc[nxt].pos_ in RESUME_SKIPS:
        nxt += 1
    if nxt >= sent.end or v.doc[nxt].tag_ not in FINITE_TAGS:
        return None
    return sent.start, sent.end


def _fronted_noun_phrase(span: object) -> bool:
    """Whether the tokens before the first comma read as a noun phrase opening the sentence."""
    toks = list(span)  # type: ignore[call-overload]
    if not toks or toks[0].pos_ not in NP_OPENERS or toks[0].lower_ in ("it", "there"):
        return False
    if all(t.ent_type_ in ("DATE", "TIME") for t in toks):
        return False  # "Last week, officials said ...": a time opens the sentence
    for t in toks:
        if t.tag_ in FINITE_TAGS or t.is_quote or t.text in (",", ";", ":"):
            return False
    return any(
        t.pos_ in ("NOUN", "PROPN", "NUM", "PRON") or t.lower_ in ("most", "many", "some") for t in toks
    )


def _closing_comma(v: Token, sent_end: int) -> int | None:
    """The comma closing the cue's phrase ("said on Monday," / "told the panel,"), if near."""
    doc = v.doc
    for i in range(v.i + 1, min(sent_end, v.i + 1 + MAX_CUE_PHRASE)):
        t = doc[i]
        if t.text == ",":
            return i
        if t.tag_ in FINITE_TAGS or t.is_quote or t.lower_ == "that" or t.text in (";", ":"):
            return None
    return None
