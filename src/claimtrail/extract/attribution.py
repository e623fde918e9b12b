"""Attribution: who says each stretch of text, with which cue, and whom they cite.

For every speech or report cue — verbs ("said", "told reporters", "estimated", "denied"), cue
nouns ("a report by X"), prepositions ("according to X", "per X") and participles ("citing X",
"quoting X") — the component finds the source (the speaker), the cue, and the content (the clause
said, or the quote). Sources are resolved to the actors of ``doc._.actors``; pronouns resolve to the
last named person ("he said") or to the sources named just before ("according to them"). Quotes that
run over several sentences keep their speaker. ``cites`` links a speaker's attribution to the ones it
relays: "X said, citing Y" and "According to X, Y estimates ..." give X -> Y (speaker first, origin
last). Everything comes from the one dependency parse; nothing is re-parsed.

``attribution_for(doc, start, end)`` gives the chain behind a stretch of text; the claims builder
uses it for each quantity.

The steps live in modules by concern, each a layer of the per-Doc reader: ``attribution_spans``
(the Doc's state, clause and quote spans), ``attribution_sources`` (speakers, pronouns, the finished
mentions), ``attribution_nouns`` (cue nouns, colons, signatures), ``attribution_verbs`` (cue verbs,
prepositions, cite verbs); this module holds the factory, the driver and the links between
attributions. The vocabulary is ``resources/attribution.yaml`` (``attribution_lexicon``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import AttributionMention, TextSpan
from .attribution_headlines import HeadlineCues
from .attribution_lexicon import lexicon
from .attribution_spans import CLOSE_QUOTES, OPEN_QUOTES, STRAIGHT_QUOTE, Draft
from .attribution_verbs import VerbCues


@Language.factory(
    "claimtrail_attribution",
    assigns=["doc._.attributions"],
    requires=[
        "doc._.actors",
        "doc._.places",
        "doc.sents",
        "token.lemma",
        "token.pos",
        "token.tag",
        "token.dep",
        "token.head",
        "token.ent_type",
    ],
    default_config={"resource": "attribution.yaml"},
)
def make_component(nlp: Language, name: str, resource: str) -> Component:
    """The attribution component, with the cue words of ``resource``."""
    return Component(resource)


class Component:
    """spaCy component setting ``doc._.attributions`` (ordered by cue position)."""

    def __init__(self, resource: str = "attribution.yaml") -> None:
        self.lex = lexicon(resource)

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.attributions``."""
        ctx = _Context(doc, self.lex)
        doc._.attributions = ctx.run()
        return doc


class _Context(VerbCues, HeadlineCues):
    """One Doc's attributions: every cue read, quotes continued, citations linked."""

    def run(self) -> list[AttributionMention]:
        """Read every cue in one pass, then the cues over several tokens, then link the attributions."""
        doc, lex = self.doc, self.lex
        nouns: list[Token] = []  # cue nouns, for the document phrases and the noun clauses
        marks: list[Token] = []  # colons and dashes, for transcripts and signatures
        for tok in doc:
            low = tok.lower_
            pos = tok.pos_
            if pos == "NOUN":
                nouns.append(tok)
            elif low == ":" or low in lex.signature_dashes or _closing_dash(low, lex.signature_dashes):
                marks.append(tok)
            if low == "according" and any(c.lower_ == "to" for c in tok.children):
                self._preposition(tok, next(c for c in tok.children if c.lower_ == "to"))
            elif low == "per" and tok.pos_ == "ADP":
                self._preposition(tok, tok)
            elif tok.pos_ == "VERB" and tok.lemma_ in lex.speech and tok.dep_ not in ("amod", "compound"):
                if tok.lemma_ in lex.cite:
                    self._cite(tok)
                else:
                    self._verb(tok)
            elif tok.pos_ == "NOUN" and tok.lemma_ in lex.nouns and tok.dep_ == "nsubj":
                self._noun_subject(tok)
            elif (pos == "ADJ" and tok.dep_ == "acomp" and tok.lower_ in lex.stance_adjectives) or (
                _passive_feeling(tok, lex.feeling_participles)
                or (pos == "VERB" and tok.dep_ == "acomp" and tok.lower_ in lex.feeling_participles)
            ):
                self._adjective(tok)
            if low == "by" and tok.dep_ in ("prep", "agent"):
                self._by_reckoning(tok)
            if pos == "VERB" and tok.lemma_ in lex.making and tok.i not in self.by_cue:
                self._said_object(tok)
        self._document_phrases(nouns)
        self._noun_clauses(nouns)
        self._possessive_nouns(nouns)
        self._revised_figures(nouns)
        self._stance_holders(nouns)
        self._colon_speakers([t for t in marks if t.text == ":"])
        self._signatures([t for t in marks if t.text != ":"])
        self._cited_documents(nouns)
        self._headlines()
        self._suffix_headlines()
        self._quote_continuations()
        self._nest()
        self._cited_quotes()
        return self._finish()

    def _quote_continuations(self) -> None:
        """Quotes with no cue that follow a direct quote keep its speaker ('...,' Baek said. '...').

        A quote right after the cue's own sentence (or split by the cue: '"A," she said, "B."')
        widens that attribution's content to cover it: one statement, one attribution. A quote
        after other narrative text gets its own attribution with the same speaker and cue. Only
        quotes that open a sentence or follow a comma or colon continue a speaker; a word quoted
        inside narrative ('the drive to "cross-sell"') does not. A cue inside a quote (the quoted
        person's own "I think") never lends its speaker to the quotes after it."""
        covered = [False] * len(self.quotes)
        for a in self.attrs:
            for n, q in enumerate(self.quotes):
                if a.content[0] >= q[0] and a.content[1] <= q[1] or a.content == q:
                    covered[n] = True
        last: Draft | None = None
        last_end = -1
        for n, q in enumerate(self.quotes):
            direct = [
                a
                for a in self.attrs
                if a.direct
                and q[0] <= a.content[0] < q[1]
                and self._quote_at(self.doc[a.cue_start].idx) is None
            ]
            if covered[n] and direct:
                last, last_end = direct[0], q[1]
                continue
            if covered[n] or last is None:
                continue
            between = self.text[last_end : q[0]]
            if len(between) >= 200 or self._cue_between(last_end, q[0], last.cue_start):
                continue
            if not self._opens_statement(q[0]):
                continue
            if self._splits_cue_sentence(last, q[0]):
                last.content = (min(last.content[0], q[0]), q[1])
                last_end = q[1]
                continue
            a = Draft(
                last.cue_start, last.cue_end, q, last.source_tok, last.source_actors, True, kind="quote"
            )
            self.attrs.append(a)
            last, last_end = a, q[1]

    def _opens_statement(self, start: int) -> bool:
        """Whether the quote starting at char ``start`` opens a sentence or follows a comma or colon."""
        before = self.text[:start].rstrip().rstrip(OPEN_QUOTES + STRAIGHT_QUOTE + "'‘").rstrip()
        return not before or before[-1] in ".!?:,;\n" + CLOSE_QUOTES + STRAIGHT_QUOTE + "’"

    def _splits_cue_sentence(self, a: Draft, start: int) -> bool:
        """Whether a quote starting at ``start`` lies in the sentence of ``a``'s cue, after it
        ('"A," she said, "B."'): the two halves are one statement."""
        cue = self.doc[a.cue_start]
        return cue.sent.start_char <= start < cue.sent.end_char and start > cue.idx

    def _cue_between(self, start: int, end: int, own_cue: int) -> bool:
        """Whether another attribution's cue lies between two offsets."""
        for a in self.attrs:
            if a.cue_start == own_cue:
                continue
            cue = self.doc[a.cue_start]
            if start <= cue.idx < end:
                return True
        return False

    def _nest(self) -> None:
        """A cue inside another attribution's content is cited by it (innermost container)."""
        doc = self.doc
        for b_idx, b in enumerate(self.attrs):
            if b.kind in ("cite", "quote"):
                continue
            cue_char = doc[b.cue_start].idx
            best = None
            for a_idx, a in enumerate(self.attrs):
                if a_idx == b_idx or a.kind == "cite" or a.cue_start == b.cue_start:
                    continue
                if a.content[0] <= cue_char < a.content[1] and (
                    best is None
                    or a.content[1] - a.content[0] < self.attrs[best].content[1] - self.attrs[best].content[0]
                ):
                    best = a_idx
            if best is not None and b_idx not in self.attrs[best].cites:
                self.attrs[best].cites.append(b_idx)

    def _cited_quotes(self) -> None:
        """'He cited testimony from a soldier, Baek': Baek's following attributions are cited by him."""
        for a_idx, a in enumerate(self.attrs):
            if not a.cited_person:
                continue
            cue_char = self.doc[a.cue_start].idx
            later = sorted(
                (
                    b_idx
                    for b_idx, b in enumerate(self.attrs)
                    if self.doc[b.cue_start].idx > cue_char or b.content[0] > cue_char
                ),
                key=lambda i: self.attrs[i].content[0],
            )
            for b_idx in later:
                if b_idx == a_idx:
                    continue
                names = {x.normalized for x in self._resolve(self.attrs[b_idx])}
                if a.cited_person in names:
                    if b_idx not in a.cites:
                        a.cites.append(b_idx)
                elif names:
                    break


def _closing_dash(word: str, dashes: frozenset[str]) -> bool:
    """A signature dash the tokenizer glued to the closing quote before it ('"...”― Olena')."""
    return (
        len(word) > 1 and word[-1] in dashes and all(ch in CLOSE_QUOTES + STRAIGHT_QUOTE for ch in word[:-1])
    )


# ---------------------------------------------------------------------------------------------
# Queries used by the claims builder


def attribution_for(doc: Doc, start_char: int, end_char: int) -> list[AttributionMention]:
    """The chain behind the text [start_char, end_char): speaker first, origin last; [] if none.

    The innermost attribution whose content covers the text is found first; the chain then climbs
    to whoever cites it, and descends from it along its own citations to the origin.
    """
    attrs: list[AttributionMention] = doc._.attributions or []
    covering = [i for i, a in enumerate(attrs) if a.content_start <= start_char and end_char <= a.content_end]
    if not covering:
        return []
    cover_set = set(covering)
    inner = [i for i in covering if not any(c in cover_set for c in attrs[i].cites)]
    pick = min(inner or covering, key=lambda i: (attrs[i].content_end - attrs[i].content_start, -i))
    citers: dict[int, int] = {}
    for i, a in enumerate(attrs):
        for c in a.cites:
            citers.setdefault(c, i)
    chain = [pick]
    seen = {pick}
    up = citers.get(pick)
    while up is not None and up not in seen:
        chain.insert(0, up)
        seen.add(up)
        up = citers.get(up)
    down = attrs[pick].cites
    while down:
        nxt = next((c for c in down if c in cover_set), down[0])
        if nxt in seen or _holds(attrs[nxt].source, start_char, end_char):
            break  # "polls showed 62 percent opposed ...": the figure is no source of itself
        chain.append(nxt)
        seen.add(nxt)
        down = attrs[nxt].cites
    return [attrs[i] for i in chain]


def _holds(source: TextSpan | None, start_char: int, end_char: int) -> bool:
    """Whether a source span holds the text [start_char, end_char) (a figure inside the source's
    words, not a statement that spans the source and more)."""
    return source is not None and source.start <= start_char and end_char <= source.end


def _passive_feeling(tok: Token, participles: frozenset[str]) -> bool:
    """ "Officials were worried about the dam", which the parser reads as a passive verb: a
    participle of feeling after "be" with no agent ("were concerned by the reports" has one) and
    no modal ("if he can be convinced that ..." is persuasion to come, not a belief held)."""
    return (
        tok.pos_ == "VERB"
        and tok.tag_ == "VBN"
        and tok.lower_ in participles
        and any(c.dep_ == "auxpass" for c in tok.children)
        and not any(c.dep_ == "agent" or c.tag_ == "MD" for c in tok.children)
    )
