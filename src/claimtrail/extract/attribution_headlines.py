"""Attribution in headlines written in Title Case ("Kremlin Denies Troops Crossed Border", "Railing
Against the Plan, Mayor Vows To Rebuild Bridge"): the parser reads such lines badly (the cue is
often tagged a noun, the speaker a compound), so the cue is found by its word form instead: a
speech, stance or intention verb in the headline present ("Says", "Denies", "Vows") right after a
capitalised name, which is the speaker; the rest of the line is what is said."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .attribution_sources import SourceReader
from .attribution_spans import Draft

#: Share of the longer words of a line that must be capitalised for it to count as Title Case.
TITLE_CASE_SHARE = 0.8
#: Fewest words a headline needs (shorter lines are labels, bylines, captions).
MIN_HEADLINE_WORDS = 4


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
                self._add(Draft(cue.i, cue.i + 1, content, speaker, kind="verb"))

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
            if not (t.text[:1].isupper() and self._headline_lemma(t.lower_) is not None):
                continue
            speaker = t.nbor(-1)
            if speaker.pos_ != "PROPN" or not speaker.text[:1].isupper():
                return None
            actor = self.actor_of[speaker.i]
            if actor is not None and actor.end > t.idx:
                return None  # the tagger took the cue into the name ("Obama Seeks")
            last = sent[-1]
            while last.i > t.i and (last.is_punct or last.is_space):
                last = last.nbor(-1)
            if last.i <= t.i:
                return None
            first = t.i + 1
            if self.doc[first].lower_ == "that" or self.doc[first].lower_ in self.lex.topic_preps:
                first += 1  # "Says That ...", "Warns Of Famine": what is said without its linking word
            content = self._span_chars(first, last.i + 1)
            return (speaker, t, content) if content[1] > content[0] else None
        return None

    def _headline_lemma(self, word: str) -> str | None:
        """The cue verb of a headline-present form ("says" -> say, "denies" -> deny, "vows" ->
        vow), or None."""
        if not word.endswith("s") or len(word) < 4:
            return None
        stems = [word[:-1], word[:-2]] + ([word[:-3] + "y"] if word.endswith("ies") else [])
        return next((s for s in stems if s in self.lex.speech), None)
