"""Attribution, the text side: the per-Doc state every attribution step shares (actors by token,
quote spans, the attributions found so far) and the char spans of what is said — clauses trimmed of
source phrases, quotes, the edges of a statement."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..model import ActorMention
from ..nlp.extensions import doc_text
from .attribution_lexicon import Lexicon

OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
CLAUSE_DEPS = ("ccomp",)
SUBJECT_DEPS = ("nsubj", "nsubjpass")
TRIM_TAGS = frozenset({"``", "''", ",", ".", ":", "-LRB-", "-RRB-", "HYPH", "_SP"})


@dataclass
class Draft:
    """An attribution being built, with token positions for linking."""

    cue_start: int  # token indices [cue_start, cue_end)
    cue_end: int
    content: tuple[int, int]  # char offsets
    source_tok: Token | None = None
    source_actors: list[ActorMention] = field(default_factory=list)
    direct: bool = False
    cites: list[int] = field(default_factory=list)  # indices into the working list
    kind: str = "verb"  # verb | prep | cite | noun | quote
    cited_person: str | None = None  # a cite with no content: the person whose quotes follow


class TextReader:
    """Per-document state: quote spans, actor lookup, the attributions found so far; and the char
    spans of clauses and quotes."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.actors: list[ActorMention] = list(doc._.actors or [])
        self.actor_of: list[ActorMention | None] = [None] * len(doc)
        for a in self.actors:
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.actor_of[t.i] = a
        self.text = doc_text(doc)  # built from the tokens on each access: read it once
        self.quotes = quote_spans(self.text)
        self.attrs: list[Draft] = []
        self.by_cue: dict[int, int] = {}  # cue token -> index in attrs

    def _add(self, a: Draft, key: int | None = None) -> int:
        """Append ``a``; index it by its cue unless ``key`` is given. Its index in ``attrs``."""
        self.attrs.append(a)
        idx = len(self.attrs) - 1
        if key is None:
            self.by_cue.setdefault(a.cue_start, idx)
        return idx

    def _clause_head(self, t: Token) -> Token:
        """The verb of the clause holding ``t`` (or the root)."""
        while t.pos_ not in ("VERB", "AUX") and t.dep_ != "ROOT" and t.head.i != t.i:
            t = t.head
        return t

    def _lead_trim(self, left: int, right: int) -> int:
        """Skip source phrases at the start of a content span: "citing X, that ...", "according
        to X, ...", "based on a briefing by X, ..." belong to the attribution, not to what is said."""
        doc = self.doc
        changed = True
        while changed and left < right:
            changed = False
            while left < right and (doc[left].is_punct or doc[left].is_space):
                left += 1
            if left >= right:
                break
            t = doc[left]
            lead = None
            if (t.lemma_ in self.lex.cite and t.tag_ == "VBG") or t.lower_ in self.lex.lead_words:
                lead = t
            elif t.dep_ in ("prep", "advcl") and t.head.i > t.i and t.lower_ in self.lex.time_lead_words:
                lead = t
            if lead is not None:
                end = lead.right_edge.i + 1
                if lead.i < end < right and any(doc[k].is_punct for k in range(end, min(end + 1, right))):
                    left = end
                    changed = True
        return left

    def _tail_trim(self, clause: Token, right: int) -> int:
        """Cut source phrases and comments after a comma at the end of a clause: "..., citing
        patient records", "..., according to X", "..., a figure that could not be verified"."""
        doc = self.doc
        for c in sorted((c for c in clause.children if c.i > clause.i), key=lambda c: -c.i):
            if c.right_edge.i + 1 < right - 1 or c.right_edge.i + 1 > right:
                break
            if c.right_edge.i + 1 == right - 1 and not doc[right - 1].is_punct:
                break
            before = doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
            if before is None or before.text not in (",", "—", "–"):
                if not c.is_punct:
                    break
                continue
            lead = c.lower_ in self.lex.lead_words or (c.lemma_ in self.lex.cite and c.tag_ == "VBG")
            comment = c.dep_ == "npadvmod" and c.pos_ == "NOUN" and any(g.dep_ == "relcl" for g in c.children)
            if lead or comment:
                right = c.left_edge.i
        return right

    def _content_of(self, c: Token, v: Token) -> tuple[int, int]:
        """A complement clause's chars, widened to a quote it lies in."""
        left = self._lead_trim(c.left_edge.i, c.right_edge.i + 1)
        right = self._tail_trim(c, c.right_edge.i + 1)
        right = self._rival_cut(v, left, right)
        span = self._span_chars(left, right, skip_mark=True)
        q = self._quote_at(span[0])
        if q is not None and q[0] <= span[0] and v.idx not in range(q[0], q[1]):
            return q
        return span

    def _rival_cut(self, v: Token, left: int, right: int) -> int:
        """ "One group said two fighters died, while another said three did": a second speaker with
        a contrasting clause ends what the first one said; each figure keeps its own speaker."""
        for t in self.doc[left:right]:
            if (
                t.i == v.i
                or t.pos_ != "VERB"
                or t.lemma_ not in self.lex.speech
                or t.dep_ not in ("advcl", "conj")
            ):
                continue
            if not any(c.dep_ in SUBJECT_DEPS for c in t.children):
                continue
            start = t.left_edge.i
            marker = self.doc[start] if self.doc[start].dep_ == "mark" else self.doc[start - 1]
            if marker.lower_ in self.lex.rival_markers and start > left:
                return min(right, marker.i if marker.i < start else start)
        return right

    def _clause_without(self, clause: Token, cut: Token) -> tuple[int, int] | None:
        """The chars of ``clause``'s subtree minus the subtree of ``cut`` at one of its ends."""
        left, right = clause.left_edge.i, clause.right_edge.i + 1
        cl, cr = cut.left_edge.i, cut.right_edge.i + 1
        doc = self.doc
        while right > cr and (doc[right - 1].is_punct or doc[right - 1].is_space):
            right -= 1
        if cl <= left:
            left = cr
        elif cr >= right:
            right = cl
        left = self._lead_trim(left, right)
        if left >= right:
            return None
        span = self._span_chars(left, right, skip_mark=True)
        return span if span[1] > span[0] else None

    def _span_chars(self, start: int, end: int, skip_mark: bool = False) -> tuple[int, int]:
        """Char offsets of tokens [start, end) without edge punctuation, spaces or a leading 'that'."""
        doc = self.doc
        while start < end and (
            doc[start].tag_ in TRIM_TAGS
            or doc[start].is_space
            or doc[start].is_quote
            or (skip_mark and doc[start].lower_ in ("that",) and doc[start].dep_ == "mark")
        ):
            start += 1
        while end > start and (
            doc[end - 1].tag_ in TRIM_TAGS or doc[end - 1].is_space or doc[end - 1].is_quote
        ):
            end -= 1
        if end <= start:
            return (doc[start].idx if start < len(doc) else len(self.text),) * 2
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])

    def _quote_at(self, char: int) -> tuple[int, int] | None:
        """The quote holding char ``char``, if any."""
        for q in self.quotes:
            if q[0] <= char < q[1]:
                return q
            if q[0] > char:
                break
        return None

    def _is_quote(self, content: tuple[int, int]) -> bool:
        """Whether ``content`` lies inside one quote."""
        q = self._quote_at(content[0])
        return q is not None and content[1] <= q[1]

    def _adjacent_quote(self, v: Token) -> tuple[int, int] | None:
        """A quote ending just before the cue ('..." he said') or starting just after ('said: "...')."""
        sent = v.sent
        text = self.text
        for q in self.quotes:
            if q[1] <= v.idx and q[1] >= sent.start_char - 1:
                gap = text[q[1] : v.idx]
                if len(gap) < 80 and "\n" not in gap and not self._sentence_between(q[1], v.idx):
                    return q
            elif q[1] <= v.idx and self._closes_sentence_before(q, v):
                if len(text[q[1] : v.idx]) < 80 and "\n" not in text[q[1] : v.idx]:
                    return q
            elif q[0] > v.idx and q[0] - (v.idx + len(v)) < 4 and "\n" not in text[v.idx : q[0]]:
                return q
        return None

    def _closes_sentence_before(self, q: tuple[int, int], v: Token) -> bool:
        """'"Who would have believed it?" Trump said': a quote ending in a question or exclamation
        closes a sentence of its own; it is the cue's when only quote marks stand between it and the
        cue's sentence, and that sentence holds nothing before the cue but its speaker."""
        sent = v.sent
        if self.text[q[1] : sent.start_char].strip(" " + CLOSE_QUOTES + STRAIGHT_QUOTE + "’'"):
            return False
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        before = [w for w in sent if w.i < v.i and not (w.is_punct or w.is_space)]
        return all(
            subj is not None and subj.left_edge.i <= w.i <= subj.right_edge.i or w.dep_ in ("advmod", "aux")
            for w in before
        )

    def _break_before(self, v: Token, left: Token) -> bool:
        """Whether a semicolon or colon stands between a clause left of the cue and the cue."""
        return any(t.text in (";", ":") for t in self.doc[left.right_edge.i + 1 : v.i])

    def _sentence_between(self, start: int, end: int) -> bool:
        """Whether a new sentence opens between two offsets ("Ms. Moore" has a period, no new sentence)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return any(t.is_sent_start and not (t.is_punct or t.is_space) for t in span if t.idx > start)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Char spans inside quotation marks (without the marks); a quote left open ends with its
    paragraph, as news style reopens it in the next one."""
    spans: list[tuple[int, int]] = []
    start = -1
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if start < 0:
            if ch in OPEN_QUOTES or (ch == STRAIGHT_QUOTE and (i == 0 or not text[i - 1].isalnum())):
                start = i + 1
        elif ch in CLOSE_QUOTES or ch == STRAIGHT_QUOTE:
            if i > start:
                spans.append((start, i))
            start = -1
        elif ch == "\n" and i + 1 < n and text[i + 1] == "\n":
            if i > start:
                spans.append((start, i))
            start = -1
        i += 1
    if start >= 0 and n > start:
        spans.append((start, n))
    return [(s, e) for s, e in (strip_span(text, s, e) for s, e in spans) if e > s]


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) without surrounding spaces and trailing commas, semicolons or periods."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;."):
        e -= 1
    return s, e


def opens_sentence(t: Token) -> bool:
    """Whether only quote marks or spaces stand before ``t`` in its sentence."""
    return all(w.is_quote or w.is_space or w.is_punct for w in t.sent if w.i < t.i)


def trailing_speakers(v: Token) -> Token | None:
    """The first of the nouns that stand, after a comma, right before a sentence-final cue the parser
    joined to the first clause (or made the root) with no subject ("... wounded 30 others, residents and a local group
    told Newswire": "residents", parsed as conjuncts of the object); None where the cue has a
    subject or no such nouns stand before it."""
    joined = v.dep_ == "conj" and v.i > v.head.i
    if not (joined or v.dep_ == "ROOT") or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return None  # "..., officials and witnesses said." may also be parsed with the cue as root
    doc = v.doc
    prev = doc[v.i - 1]
    if prev.pos_ not in ("NOUN", "PROPN") or prev.dep_ != "conj":
        return None
    first = prev
    for _ in range(6):
        before = doc[first.left_edge.i - 1] if first.left_edge.i > 0 else None
        if before is not None and before.text == ",":
            return first if first.pos_ in ("NOUN", "PROPN") and first.dep_ == "conj" else None
        if first.dep_ != "conj" or first.head is first:
            return None
        first = first.head
    return None
