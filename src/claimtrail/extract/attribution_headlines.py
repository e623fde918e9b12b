"""Attribution in headlines written in Title Case ("Kremlin Denies Troops Crossed Border", "Railing
Against the Plan, Mayor Vows To Rebuild Bridge"): the parser reads such lines badly (the cue is
often tagged a noun, the speaker a compound), so the cue is found by its word form instead: a
speech, stance or intention verb in the headline present ("Says", "Denies", "Vows") right after a
capitalised name, which is the speaker; the rest of the line is what is said.

Wire headlines also name their source after what is said: "Missile strike kills four in port city -
governor", "Strike kills 12 in northern town: rights group", "Toll climbs past 300, says disaster
agency", "..., officials say". On a document's first lines, a short noun phrase after a dash or a
colon at the end of the line, or after ", says" (or before a final "says"), is the source of the
rest of the line."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from ..model import ActorMention
from .actors_resource import load as load_actors
from .attribution_sources import SourceReader
from .attribution_spans import Draft

#: Share of the longer words of a line that must be capitalised for it to count as Title Case.
TITLE_CASE_SHARE = 0.8
#: Fewest words a headline needs (shorter lines are labels, bylines, captions).
MIN_HEADLINE_WORDS = 4
#: Most words a source after a headline's dash, colon or "says" has ("disaster agency").
MAX_SUFFIX_WORDS = 6
#: Lines from the top of a document read for a suffixed source (the headline, a deck).
SUFFIX_LINES = 3
#: Marks that put a headline's source at its end.
SUFFIX_MARKS = frozenset(("-", "\u2013", "\u2014", ":"))
#: Verbs that end or follow a headline's content ("..., says agency", "..., officials say").
SUFFIX_VERBS = frozenset(("says", "say", "said", "claims", "claim", "reports", "report"))


#: Headline verbs that take a stance only with their particle ("Mayor Breaks With Governor On
#: Dam", "Senator Goes After Rival", "Minister Hits Back At Critics"), by headline-present form.
HEADLINE_PHRASES = {
    "breaks": "with",
    "goes": "after",
    "sides": "with",
    "hits": "back",
    "pushes": "back",
    "lashes": "out",
    "weighs": "in",
    "speaks": "out",
}


def _phrasal_cue(t: Token) -> bool:
    """Whether ``t`` opens a headline phrasal cue ("Breaks With", "Goes After") in Title Case."""
    particle = HEADLINE_PHRASES.get(t.lower_)
    return (
        particle is not None
        and t.i + 1 < len(t.doc)
        and t.nbor(1).lower_ == particle
        and t.nbor(1).text[:1].isupper()
    )


@cache
def _source_nouns() -> frozenset[str]:
    """The head nouns of unnamed sources in the actors table ("governor", "group", "officials")."""
    return frozenset(load_actors()["source_nouns"])


class HeadlineCues(SourceReader):
    """Cues of the Title Case headline lines of one Doc."""

    def _headlines(self) -> None:
        """Every Title Case line with no cue found by the parse: its headline cue, if any."""
        taken = {self.doc[a.cue_start].sent.start for a in self.attrs}
        for sent in self.doc.sents:
            if sent.start in taken or not self._is_headline(sent):
                continue
            found = self._headline_cue(sent)
            if found is not None:
                speaker, cue, content = found
                end = cue.i + 2 if _phrasal_cue(cue) else cue.i + 1
                self._add(Draft(cue.i, end, content, speaker, kind="verb"))

    def _suffix_headlines(self) -> None:
        """A source named at the end of one of the document's first lines, after a dash, a colon or
        ", says", or before a final "says": it says the rest of the line."""
        top = 0
        for _ in range(SUFFIX_LINES):
            end = self.text.find("\n", top)
            end = len(self.text) if end < 0 else end
            if end > top:
                self._suffix_line(top, end)
            top = end + 1
            while top < len(self.text) and self.text[top] == "\n":
                top += 1
            if top >= len(self.text):
                break

    def _suffix_line(self, start: int, end: int) -> None:
        """The suffixed source of one line [start, end), if any (see ``_suffix_headlines``)."""
        line = self.doc.char_span(start, end, alignment_mode="contract")
        if line is None or len(line) < MIN_HEADLINE_WORDS + 2 or line[-1].text in (".", "?", "!"):
            return
        if any(self.doc[a.cue_start].idx >= start and self.doc[a.cue_start].idx < end for a in self.attrs):
            return  # the parse found the line's cue
        for k in range(len(line) - 2, 1, -1):
            t, tail = line[k], line[k + 1 :]
            if t.text in SUFFIX_MARKS and (t.whitespace_ or t.text == ":"):
                cue, source = t, self._suffix_source(list(tail))  # "... - governor", "...: rights group"
            elif t.text == "," and tail[0].lower_ in SUFFIX_VERBS:
                cue, source = tail[0], self._suffix_source(list(tail[1:]))  # "..., says agency"
            elif t.text == "," and tail[-1].lower_ in SUFFIX_VERBS:
                cue, source = tail[-1], self._suffix_source(list(tail[:-1]))  # "..., officials say"
            else:
                continue
            if source is not None:
                kind = "colon" if cue.is_punct else "verb"
                self._add(Draft(cue.i, cue.i + 1, self._span_chars(line.start, t.i), source, kind=kind))
            return

    def _suffix_source(self, tail: list[Token]) -> Token | None:
        """The head of a short noun phrase naming a source ("governor", "rights group", "Ukrainian
        military", "UN"): at most ``MAX_SUFFIX_WORDS`` words, no finite verb and no number, and last a
        word that can be a source (an actor, a document or evidence noun); None otherwise ("Depot Fire
        Kept Quiet" after a column title's colon is no source)."""
        words = [w for w in tail if not (w.is_punct or w.is_space)]
        finite = ("VBD", "VBZ", "VBP", "MD")  # "monitoring group", "armed forces" are noun phrases
        if not 1 <= len(words) <= MAX_SUFFIX_WORDS or any(w.tag_ in finite for w in words):
            return None
        if any(w.like_num for w in words):
            return None
        head = words[-1]
        return head if self._is_source(head) or head.lower_ in _source_nouns() else None

    def _is_headline(self, sent: Span) -> bool:
        """A whole line in Title Case: it starts and ends a line, and most of its longer words are
        capitalised."""
        text = self.text
        start, end = sent.start_char, sent.end_char
        if start > 0 and text[start - 1] != "\n":
            return False
        if end < len(text) and "\n" not in text[sent[-1].idx : end + 1]:
            return False
        if sum(t.is_alpha for t in sent) < MIN_HEADLINE_WORDS:
            return False
        words = [t.text for t in sent if t.is_alpha and len(t.text) > 3]  # not "of", "in", "the"
        return bool(words) and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)

    def _headline_cue(self, sent: Span) -> tuple[Token, Token, tuple[int, int]] | None:
        """The first headline-present cue in ``sent`` right after a capitalised name (not the
        line's first word), as (speaker, cue, content offsets), else None."""
        for t in sent[1:]:
            phrasal = _phrasal_cue(t)
            if not (t.text[:1].isupper() and (self._headline_lemma(t.lower_) is not None or phrasal)):
                continue
            speaker = t.nbor(-1)
            if speaker.pos_ != "PROPN" or not speaker.text[:1].isupper():
                return None
            actor = self.actor_of[speaker.i]
            if actor is not None and actor.end > t.idx:
                if not self._splits_name(actor, t):
                    return None  # the tagger took the cue into the name
                self._trim_actor(actor, t)
            last = sent[-1]
            while last.i > t.i and (last.is_punct or last.is_space):
                last = last.nbor(-1)
            if last.i <= t.i:
                return None
            first = t.i + 2 if phrasal else t.i + 1  # "Breaks With", "Goes After": the particle too
            if self.doc[first].lower_ == "that" or self.doc[first].lower_ in self.lex.topic_preps:
                first += 1  # "Says That ...", "Warns Of Famine": what is said without its linking word
            if first > last.i:
                return None
            content = self._span_chars(first, last.i + 1)
            return (speaker, t, content) if content[1] > content[0] else None
        return None

    def _splits_name(self, actor: ActorMention, cue: Token) -> bool:
        """Whether a name the tagger ran on into a headline cue ("Obama Seeks More Refugees" as one
        name) is a speaker before it: the words before the cue are all capitalised names, and the
        last of them ends the name of a person or body named elsewhere in the text ("Barack Obama");
        "Obama Power Plant Rules Face Test" names no "Plant" elsewhere, so "Rules" is a noun."""
        before = [w for w in self.doc[cue.sent.start : cue.i] if w.idx >= actor.start]
        if not before or not all(w.pos_ == "PROPN" and w.text[:1].isupper() for w in before):
            return False
        last = before[-1].text
        return any(a is not actor and a.type != "country" and a.text.split()[-1] == last for a in self.actors)

    def _trim_actor(self, actor: ActorMention, cue: Token) -> None:
        """This reader's mention of a name cut before the headline cue the tagger ran it into
        ("Obama Seeks More Refugees" -> "Obama"); the tokens from the cue on name no one."""
        end = cue.nbor(-1).idx + len(cue.nbor(-1))
        text = self.text[actor.start : end]
        cut = ActorMention(actor.start, end, text, text, actor.type, actor.country, actor.role)
        for i in range(cue.sent.start, cue.sent.end):
            if self.actor_of[i] is actor:
                self.actor_of[i] = cut if self.doc[i].idx < end else None

    def _headline_lemma(self, word: str) -> str | None:
        """The cue verb of a headline-present form ("says" -> say, "denies" -> deny, "vows" ->
        vow), or None."""
        if not word.endswith("s") or len(word) < 4:
            return None
        stems = [word[:-1], word[:-2]] + ([word[:-3] + "y"] if word.endswith("ies") else [])
        return next((s for s in stems if s in self.lex.speech), None)
