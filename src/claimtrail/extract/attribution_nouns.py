"""Attribution cues that are no verb: nouns of saying ("Kyiv's claim that ...", "a report by X"),
speaker labels before a colon ("PENCE: ...") and signatures after a quote ('"..." ― Olena')."""

from __future__ import annotations

from spacy.tokens import Token

from .attribution_sources import SourceReader
from .attribution_spans import CLOSE_QUOTES, OPEN_QUOTES, STRAIGHT_QUOTE, Draft, strip_span

#: People a city must have for its bare name before a colon to be a dateline, not a speaker.
BIG_CITY = 500_000

#: Pronouns that point at what was just told, never at someone who tells it.
DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "which", "what"})


class NounCues(SourceReader):
    """The cue nouns, colons and signature dashes of one Doc."""

    def _noun_clauses(self, nouns: list[Token]) -> None:
        """ "Kyiv's claim that 12 jets were destroyed", "reports that 40 soldiers died", "the
        general's warning that ...": a noun of saying with a that-clause; the author (a possessive
        or "by X") is the source, or no one (an unnamed report)."""
        for n in nouns:
            if n.lemma_ not in self.lex.clause_nouns or n.i in self.by_cue:
                continue
            clause = that_clause(n)
            if clause is None or any(a.cue_start <= n.i < a.cue_end for a in self.attrs):
                continue
            gov = n.head.head if n.dep_ == "pobj" else n.head
            if gov.pos_ == "VERB" and gov.lemma_ in self.lex.speech and n.dep_ not in ("nsubj", "nsubjpass"):
                continue  # "denied reports that ...", "said in a statement that ...": the verb's own content
            content = self._content_of(clause, n)
            if any(a.content == content for a in self.attrs):
                continue
            self._add(Draft(n.i, n.i + 1, content, self._noun_author(n), kind="noun"))

    def _possessive_nouns(self, nouns: list[Token]) -> None:
        """'Kyiv's estimate of 5,000 casualties', 'the senator's criticism of the plan', 'his
        comments about the strike', 'the ministry's decision to close the port': a noun of saying or
        stance with a possessive holder says what its preposition or infinitive holds."""
        for n in nouns:
            if n.lemma_ not in self.lex.clause_nouns and n.lemma_ not in self.lex.possessive_nouns:
                continue
            if n.i in self.by_cue or any(a.cue_start <= n.i < a.cue_end for a in self.attrs):
                continue
            holder = next((c for c in n.children if c.dep_ == "poss"), None)
            if holder is None or that_clause(n) is not None:
                continue
            if self._whose_figure(n, holder):
                self._acted_figure(n)
                continue
            gov = n.head.head if n.dep_ == "pobj" else n.head
            if gov.pos_ == "VERB" and gov.lemma_ in self.lex.speech and n.dep_ in ("dobj", "pobj"):
                continue  # "denied Kyiv's claim of ...": the verb's own content
            content = self._possessive_content(n)
            if content is None or content[1] <= content[0]:
                continue
            self._add(Draft(n.i, n.i + 1, content, holder, kind="noun"))

    def _revised_figures(self, nouns: list[Token]) -> None:
        """ "The administration revised the death toll to 34 on Wednesday", "officials lowered the
        figure to 19": a figure noun with no holder, object of a verb that changes it, gives the
        figure of the verb's subject (see ``_acted_figure``)."""
        for n in nouns:
            if n.lemma_ not in self.lex.revised_figures or n.dep_ != "dobj" or n.i in self.by_cue:
                continue
            if n.head.lemma_ in self.lex.revising_verbs and not any(c.dep_ == "poss" for c in n.children):
                if not any(a.cue_start <= n.head.i < a.cue_end for a in self.attrs):
                    self._acted_figure(n)

    def _whose_figure(self, n: Token, holder: Token) -> bool:
        """ "Ukraine corrects its count of drones downed", "medics raised their estimate": a figure
        noun held by a pronoun as an object is what the clause's subject acts on; the pronoun only
        says whose figure it is, no speaker of a statement."""
        return holder.tag_ == "PRP$" and n.lemma_ in self.lex.figure_nouns and n.dep_ in ("dobj", "pobj")

    def _acted_figure(self, n: Token) -> None:
        """ "On Saturday it corrected its tally of drones downed to 85": the figure the subject of the
        verb acting on its own figure noun gives is that subject's (cue: the verb to the noun); with
        no number in what the noun and the verb's phrases hold ("corrects its count of drones
        downed in Friday's attack") there is no statement."""
        gov = n.head if n.dep_ == "dobj" else n.head.head
        if gov.pos_ not in ("VERB", "AUX") or gov.i > n.i:
            return
        src = self._subject(gov)
        if src is None or src.lower_ in DEMONSTRATIVES:
            return  # "This brings the total number of deaths to 23,084": the news, no speaker
        first = n.i + 1
        if first < len(self.doc) and self.doc[first].dep_ == "prep" and self.doc[first].head.i == n.i:
            first += 1  # "its tally of drones": what is counted, without its preposition
        last = n.right_edge.i
        for c in gov.children:  # the verb's phrases right after the noun ("to 85"), up to a comma
            if c.i > n.i and c.left_edge.i == last + 1 and not c.is_punct and c.dep_ not in ("cc", "conj"):
                last = c.right_edge.i
        if not any(t.like_num for t in self.doc[first : last + 1]):
            return
        content = self._span_chars(first, last + 1)
        if content[1] > content[0]:
            self._add(Draft(gov.i, n.i + 1, content, src, kind="noun"))

    def _possessive_content(self, n: Token) -> tuple[int, int] | None:
        """What a possessed noun of saying holds: its 'of/about/on/for/against' object or its
        infinitive ('decision to close the port')."""
        for c in n.children:
            if c.i < n.i:
                continue
            if c.dep_ == "prep" and c.lower_ in self.lex.object_preps and c.lower_ != "to":
                if any(g.dep_ in ("pobj", "pcomp") for g in c.children):
                    return self._span_chars(c.i + 1, c.right_edge.i + 1)
            if c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                return self._span_chars(c.left_edge.i, c.right_edge.i + 1)
        return None

    def _document_phrases(self, nouns: list[Token]) -> None:
        """ "In a report by the UN agency, 1.2 million people were said to have fled": a cue noun
        with an author in a phrase of the clause says the clause; so does a survey or study with no
        author ("In the latest poll, the mayor led by 5 points"). A sourceless cue verb of that
        clause ("were said") takes the author as its source instead."""
        for n in nouns:
            if n.lemma_ not in self.lex.nouns or n.dep_ != "pobj":
                continue
            prep = n.head
            if prep.lower_ not in self.lex.document_preps or prep.head.pos_ not in ("VERB", "AUX"):
                continue
            author = self._noun_author(n)
            if author is None and n.lemma_ in self.lex.survey_nouns:
                author = n  # "In the latest poll, Clinton led by 5 points": the poll itself says it
            if author is None:
                continue
            verb = prep.head
            own = self.by_cue.get(verb.i)
            if own is not None:
                a = self.attrs[own]
                if a.source_tok is None:
                    a.source_tok = author
                    subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
                    if subj is not None and subj.pos_ != "PRON":  # "1.2 million were said to have fled"
                        a.content = (min(a.content[0], subj.left_edge.idx), a.content[1])
                continue
            if verb.lemma_ in self.lex.speech and self._subject(verb) is not None:
                continue  # "X said in a report by Y": the cited document (see _cited_documents)
            content = self._clause_without(self._clause_head(verb), prep)
            if content is not None:  # the cue: "In a report", or "In" where the survey is the source
                self._add(
                    Draft(prep.i, n.i + 1 if author is not n else prep.i + 1, content, author, kind="noun")
                )

    def _colon_content(self, v: Token) -> tuple[int, int] | None:
        """What follows a colon right after a cue (only its subject, addressee or adverbs between):
        the quote that opens after it, even in the next paragraph, else the rest of the sentence."""
        doc = self.doc
        for k in range(v.i + 1, min(v.i + 8, len(doc))):
            t = doc[k]
            if t.text == ":":
                return self._after_colon(t)
            if (t.is_punct and t.text != ",") or t.pos_ in ("VERB", "AUX") or "\n" in t.text:
                return None
        return None

    def _after_colon(self, colon: Token) -> tuple[int, int] | None:
        """The quote opening right after a colon, else the rest of its sentence on the same line, or
        the next paragraph where the colon ends its line."""
        after = colon.idx + 1
        junk = " \n\t\xa0" + OPEN_QUOTES + STRAIGHT_QUOTE + "‘'"
        for q in self.quotes:
            if q[0] >= after:
                if not self.text[after : q[0]].strip(junk):
                    return q
                break
        if colon.i + 1 >= len(self.doc):
            return None
        nxt = self.doc[colon.i + 1]
        if "\n" in self.text[after : nxt.idx] or (nxt.is_space and "\n" in nxt.text):
            return self._block_after(nxt)
        span = self._span_chars(nxt.i, nxt.sent.end)
        return span if span[1] > span[0] else None

    def _block_after(self, first: Token) -> tuple[int, int] | None:
        """ "The governor added:" ending its line, then a paragraph without quote marks: the
        paragraph is what was said (a block quotation)."""
        while first.i + 1 < len(self.doc) and first.is_space:
            first = self.doc[first.i + 1]
        end = self.text.find("\n", first.idx)
        end = len(self.text) if end < 0 else end
        span = self.doc.char_span(first.idx, end, alignment_mode="expand")
        if span is None or len(span) < 3:
            return None
        chars = self._span_chars(span.start, span.end)
        return chars if chars[1] > chars[0] else None

    def _colon_speakers(self, colons: list[Token]) -> None:
        """ "PENCE: Well, look ..." (a transcript), "Minister: 40 drones downed" (a headline): a
        speaker's name opening a paragraph before a colon says the rest of the paragraph. The name
        is an actor, a name in capitals or a report noun ("Poll: ..."), never a place (a dateline)
        or a label ("UPDATE:")."""
        doc, text = self.doc, self.text
        found = []
        for t in colons:
            if t.i in self.by_cue:
                continue
            label = self._label_before(t)
            # "Said Ellis: ..." where the parser made the inverted verb part of the name: the verb is the cue
            inverted = len(label) > 1 and label[0].is_title and label[0].lower_ in self.lex.inverted_verbs
            cue = label[0] if inverted else t
            label = label[1:] if inverted else label
            topic = None if inverted else self._topic_label(label)
            if topic is not None:  # "Obama on Climate Change: ...": the name speaks on the topic
                cue, label = topic, label[: topic.i - label[0].i]
            elif not 1 <= len(label) <= 5 or not self._speaker_label(label):
                continue
            end = text.find("\n", t.idx)
            end = len(text) if end < 0 else end
            last = doc.char_span(t.idx, end, alignment_mode="expand")
            if last is None or len(last) < 3:
                continue
            content = self._span_chars(t.i + 1, last.end)
            if content[1] <= content[0]:
                continue
            src = max(label, key=lambda w: (w.pos_ in ("PROPN", "NOUN"), w.i))
            cue_end = t.i + 1 if topic is not None else cue.i + 1
            found.append(
                (Draft(cue.i, cue_end, content, src, direct=self._is_quote(content), kind="colon"), label)
            )
        capitals = sum(1 for _, label in found if _in_capitals(label))
        for a, label in found:
            # a name in capitals speaks only in a transcript (two such turns at least): one is a dateline
            if capitals >= 2 or not _in_capitals(label) or self.actor_of[label[-1].i] is not None:
                self._add(a)

    def _label_before(self, colon: Token) -> list[Token]:
        """The words from the start of a colon's paragraph to the colon, without spaces and quotes."""
        para = self.text.rfind("\n", 0, colon.idx) + 1
        span = self.doc.char_span(para, colon.idx, alignment_mode="expand") if para < colon.idx else None
        if span is None:
            return []
        return [w for w in self.doc[span.start : colon.i] if not (w.is_space or w.is_quote)]

    def _topic_label(self, label: list[Token]) -> Token | None:
        """The "on" of a headline label "Name on Topic" ("Obama on Climate Change: ...", "Governor on
        the Dam: ..."): a name of at most three words that is an actor or named elsewhere in the
        text (not a country, never a bare capitalised noun: "Sanctions on Russia: ..." is a topic),
        then "on" and a topic of at most five words. The cue is "on" up to the colon."""
        on = next((w for w in label[1:4] if w.lower_ == "on"), None)
        if on is None:
            return None
        name, rest = label[: on.i - label[0].i], label[on.i - label[0].i + 1 :]
        if not 1 <= len(rest) <= 5 or any(w.is_digit or w.like_num for w in name):
            return None
        if any(w.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") for w in name):
            return None
        actor = self.actor_of[name[-1].i]
        if actor is not None and actor.type != "country" and all(self.actor_of[w.i] is actor for w in name):
            return on
        if all(w.pos_ == "PROPN" for w in name) and self._named_elsewhere(name):
            # a person named in the article wins over a gazetteer's homonym ("Obama", a town in Japan)
            return on if self._person_elsewhere(name) or not self._place_at(name) else None
        return None

    def _person_elsewhere(self, label: list[Token]) -> bool:
        """Whether the label's last word ends the name of a person named in the text."""
        last = label[-1].text
        return any(a.type == "person" and a.text.split()[-1] == last for a in self.actors)

    def _speaker_label(self, label: list[Token]) -> bool:
        """Whether the words before a colon name a speaker, not a label, a number or a place."""
        low = " ".join(w.lower_ for w in label)
        if low in self.lex.colon_labels or any(w.is_digit or w.like_num for w in label):
            return False
        if any(w.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") for w in label) or self._place_at(label):
            return False
        actor = self.actor_of[label[-1].i]
        if actor is not None and all(self.actor_of[w.i] is actor for w in label if w.is_alpha):
            return True
        if _in_capitals(label):
            return True
        if all(w.pos_ == "PROPN" for w in label) and self._named_elsewhere(label):
            return True  # "Sanders: Clinton needs to ..." (a headline) where Sanders speaks in the article
        if (
            all((w.pos_ == "PROPN" or (w.pos_ == "NOUN" and w.is_title)) and not w.is_stop for w in label)
            and len(label) <= 3
            and "\n" not in self.text[: label[0].idx]
        ):
            return True  # the title line "Zelensky: 40 drones downed overnight" (places were ruled out above)
        froms = [w for w in label if w.lower_ == "from"]
        if froms and len(label) - froms[-1].i + label[0].i <= 5:
            rest = [w for w in label if w.i > froms[-1].i and w.is_alpha]
            owner = self.actor_of[rest[-1].i] if rest else None
            if (
                owner is not None
                and owner.type != "country"
                and all(self.actor_of[w.i] is owner for w in rest)
            ):
                return True  # "A warning from the governor: ...", "A lesson from Loretta Lynch: ..."
        return len(label) <= 2 and label[-1].lemma_.lower() in self.lex.nouns

    def _named_elsewhere(self, label: list[Token]) -> bool:
        """Whether the label's last word is the last word of a person or body named in the text."""
        last = label[-1].text
        return any(
            a.type not in ("country",)
            and a.text.split()[-1] == last
            and not (a.start <= label[-1].idx < a.end)
            for a in self.actors
        )

    def _place_at(self, label: list[Token]) -> bool:
        """Whether a place mention overlaps the label, or the label alone is a capital or a big city
        the tagger took for a person (a dateline: "Beirut: A Syrian war monitor says ...")."""
        start, end = label[0].idx, label[-1].idx + len(label[-1])
        if any(p.start < end and start < p.end for p in self.doc._.places or []):
            return True
        actor = self.actor_of[label[-1].i]
        if len(label) > 2 or (actor is not None and actor.type != "person"):
            return False
        from .. import geo  # the gazetteer, only for a label at a paragraph's start

        entry = geo.lookup(self.text[start:end])
        return entry is not None and entry.feature == "city" and entry.population >= BIG_CITY

    def _signatures(self, dashes: list[Token]) -> None:
        """'"We will rebuild." ― Olena, a teacher': a dash and a name after a quote sign it."""
        doc, text = self.doc, self.text
        for t in dashes:
            if t.i in self.by_cue:
                continue
            q = self._signed_quote(t)
            if q is None:
                continue
            name = []
            for w in doc[t.i + 1 :]:
                if w.is_space and "\n" in w.text or w.is_punct:
                    break
                if w.is_space:
                    continue
                name.append(w)
            if not 1 <= len(name) <= 5 or not all(w.pos_ == "PROPN" or w.is_title for w in name):
                continue
            end = name[-1].idx + len(name[-1])
            rest = text[end : (text.find("\n", end) + 1 or len(text) + 1) - 1]
            if rest.strip(" .\xa0") and not rest.lstrip().startswith(","):
                continue
            self._add(Draft(t.i, t.i + 1, q, name[-1], direct=True, kind="signature"))

    def _signed_quote(self, dash: Token) -> tuple[int, int] | None:
        """The quote a signature dash closes: the quote ending right before it, else the paragraph
        before it where that paragraph is one quotation (its marks need not pair up)."""
        text = self.text
        before = text[: dash.idx].rstrip(" \t\xa0\n")
        junk = " \t\xa0\n.,;" + CLOSE_QUOTES + STRAIGHT_QUOTE + "’"
        q = next((q for q in reversed(self.quotes) if q[1] <= dash.idx), None)
        if q is not None and not before[q[1] :].strip(junk):
            return q
        para_start = before.rfind("\n") + 1
        para = before[para_start:]
        marks = OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT_QUOTE
        if len(para) < 20 or para.lstrip()[:1] not in marks or before[-1:] not in marks + ".!?":
            return None
        return strip_span(text, para_start + len(para) - len(para.lstrip(" \xa0" + marks)), len(before))


def _in_capitals(label: list[Token]) -> bool:
    """ "KOVAL", "SEN. MARSH": a label written in capitals (a transcript turn or a dateline)."""
    words = [w for w in label if w.is_alpha]
    return bool(words) and all(w.text.isupper() for w in words) and max(len(w) for w in words) >= 2


def that_clause(n: Token) -> Token | None:
    """The that-clause a noun governs ("reports that 40 drones were downed"), if any."""
    for c in n.children:
        if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX"):
            if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                return c
    return None
