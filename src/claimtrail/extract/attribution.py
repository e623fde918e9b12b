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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import ActorMention, AttributionMention, TextSpan
from ..nlp.extensions import doc_text
from .attribution_lexicon import Lexicon, lexicon

OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
CLAUSE_DEPS = ("ccomp",)
SUBJECT_DEPS = ("nsubj", "nsubjpass")
TRIM_TAGS = frozenset({"``", "''", ",", ".", ":", "-LRB-", "-RRB-", "HYPH", "_SP"})
ACTOR_TYPE_FOR_SOURCE = {"country": "government"}


@dataclass(frozen=True)
class _Verdict:
    """A rule's decision on what a cue verb says: ``content`` (None: nothing here)."""

    content: tuple[int, int] | None


@dataclass(frozen=True)
class _CiteFrame:
    """What a cite verb relays (``content``, None: not known yet) and the attribution of the one who
    relays it (``speaker``); ``relayed``: the cite shares a speech cue's content ("X said, citing
    Y") and makes no speaker attribution of its own."""

    content: tuple[int, int] | None
    speaker: int | None = None
    relayed: bool = False


@dataclass
class _Attr:
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
        ctx = _Context(doc, self.lex)
        doc._.attributions = ctx.run()
        return doc


class _Context:
    """Per-document state: quote spans, actor lookup, the attributions found so far."""

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
        self.quotes = _quote_spans(self.text)
        self.attrs: list[_Attr] = []
        self.by_cue: dict[int, int] = {}  # cue token -> index in attrs

    # ------------------------------------------------------------------ driver
    def run(self) -> list[AttributionMention]:
        doc, lex = self.doc, self.lex
        nouns: list[Token] = []  # cue nouns, for the document phrases and the noun clauses
        marks: list[Token] = []  # colons and dashes, for transcripts and signatures
        for tok in doc:
            low = tok.lower_
            pos = tok.pos_
            if pos == "NOUN":
                nouns.append(tok)
            elif low == ":" or low in lex.signature_dashes:
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
            elif pos == "ADJ" and tok.dep_ == "acomp" and tok.lower_ in lex.stance_adjectives:
                self._adjective(tok)
        self._document_phrases(nouns)
        self._noun_clauses(nouns)
        self._possessive_nouns(nouns)
        self._colon_speakers([t for t in marks if t.text == ":"])
        self._signatures([t for t in marks if t.text != ":"])
        self._cited_documents()
        self._quote_continuations()
        self._nest()
        self._cited_quotes()
        return self._finish()

    # ------------------------------------------------------------------ cue kinds
    def _verb(self, v: Token) -> None:
        """A speech verb: source = its subject, content = its clause, quote or object."""
        if v.i in self.by_cue or _negated(v, self.lex.negating):
            return  # "did not confirm": the subject does not say the content
        content = self._verb_content(v)
        if content is None:
            return
        src = self._subject(v)
        if src is None and v.lemma_ in self.lex.clause_only and any(c.dep_ == "auxpass" for c in v.children):
            return  # "2,000 are thought to have joined": a hedge (modality), not a report by no one
        asked = (
            v.tag_ == "VBN"
            and v.dep_ == "advcl"
            and not any(c.dep_ in ("nsubj", "agent") for c in v.children)
        )
        if asked:  # "Asked about the toll, the mayor said ...": the mayor was asked; the asker is not named
            src = None
        if (
            v.lemma_ in self.lex.evidential
            and (src is None or not self._is_source(src))
            and not (src is not None and src.pos_ in ("NOUN", "PROPN") and self._puts_at(v))
            and not self._finder_with_clause(v, src)
        ):
            return  # "this image shows ...": only reports, documents and actors are sources
        if _temporal(v, self.lex.temporal_marks):
            return  # "since Russia declared war", "after the army announced its withdrawal": a time, not a source
        if self._authored_subject(v):
            return  # "A report by ISW put the toll at 4,000": the cue noun with its author (see _noun_subject)
        if v.lemma_ in self.lex.act_stances and self._purpose_infinitive(v):
            return  # "deployed troops to support Russia's war": the purpose of an act, not a stance
        if (
            v.lemma_ in self.lex.needs_speaker
            and not asked
            and (src is None or src.pos_ not in ("NOUN", "PROPN", "PRON"))
        ):
            return  # "it was decided to ...", "the plan calls for ...": stances need someone holding them
        cue_end = v.i + 1
        for c in v.children:  # "told reporters"
            if c.dep_ in ("dobj", "dative") and c.lower_ in self.lex.tell_objects and c.i == cue_end:
                cue_end = c.i + 1
        topic = self._topic_prep(v) if v.lemma_ in self.lex.prep_verbs else None
        if topic is not None and topic.i <= v.i + 3:  # "spoke of", "spoke out about"
            cue_end = max(cue_end, topic.i + 1)
        if v.lemma_ in self.lex.naming:  # "called for", "called on"
            prep = next((c for c in v.children if c.dep_ == "prep" and c.i == v.i + 1), None)
            if prep is not None and prep.lower_ in self.lex.request_preps:
                cue_end = max(cue_end, prep.i + 1)
        if v.lemma_ == "point" and any(c.lower_ == "out" for c in v.children):
            cue_end = max(cue_end, max(c.i for c in v.children if c.lower_ == "out") + 1)
        self._add(_Attr(v.i, cue_end, content, src, direct=self._is_quote(content)))

    def _adjective(self, adj: Token) -> None:
        """'The mayor was confident that the bridge would hold', 'Graham has been critical of the
        plan', 'officials are worried about shortages': a stance or belief adjective after a linking
        verb; the subject holds it, the clause or the object of its preposition is the content."""
        link = adj.head
        if adj.i in self.by_cue or _negated(link, self.lex.negating) or _negated(adj, self.lex.negating):
            return
        src = self._subject(link)
        if src is None or src.pos_ not in ("NOUN", "PROPN", "PRON") or src.lower_ in self.lex.expletives:
            return  # "it is clear that ...": the writer's own frame, no holder
        content = None
        for c in list(adj.children) + [c for c in link.children if c.i > adj.i]:
            infinitive = (
                c.dep_ == "xcomp"
                and c.head.i == adj.i
                and c.pos_ in ("VERB", "AUX")
                and adj.lower_ not in self.lex.raising_adjectives  # "troops are sure to arrive"
            )
            if c.dep_ == "ccomp" or infinitive:
                content = self._content_of(c, link)
            elif c.dep_ == "prep" and c.head.i == adj.i and c.lower_ in self.lex.object_preps:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    content = self._span_chars(c.i + 1, self._tail_trim(adj, c.right_edge.i + 1))
            if content is not None:
                break
        if content is not None and content[1] > content[0]:
            self._add(_Attr(adj.i, adj.i + 1, content, src, kind="verb"))

    def _verb_content(self, v: Token) -> tuple[int, int] | None:
        """The said clause of a cue verb, as char offsets, or None where it says nothing here: the
        first rule that applies decides, from the framings of the cue (a colon, "as", a
        parenthetical) to its verb class, its complement and, last, its object."""
        rules = (
            self._framed_content,
            self._verb_class_content,
            self._complement_content,
            self._misparsed_content,
            self._figure_content,
            self._object_of_speech,
        )
        for rule in rules:
            verdict = rule(v)
            if verdict is not None:
                return verdict.content
        return None

    def _framed_content(self, v: Token) -> _Verdict | None:
        """A colon after the cue ("he said: '...'"), an "as" clause ("as Yu said"), a parenthetical
        cue ("..., the governor said, and ...") or a sentence-final cue parsed as a conjunct."""
        colon = self._colon_content(v)
        if colon is not None:
            return _Verdict(colon)
        # "as Yu said" / "as reported by ISW": the content is the clause it modifies
        if (
            any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)
            and v.dep_ == "advcl"
            and not _has_clause(v)
        ):
            return _Verdict(self._clause_without(v.head, v))
        if v.dep_ == "parataxis" and not _has_clause(v):
            return _Verdict(self._parenthetical_content(v))
        conjunct = self._conjunct_content(v)
        return _Verdict(conjunct) if conjunct is not None else None

    def _parenthetical_content(self, v: Token) -> tuple[int, int]:
        """ "1,200 civilians have fled, the governor said, and ...": the part before the
        parenthetical cue (or after a cue that opens its own clause after a semicolon)."""
        head = v.head
        if v.i > head.i and v.left_edge.i > 0 and self.doc[v.left_edge.i - 1].text in (";", ":"):
            # "It is unlikely; the team says she will go on": the cue opens its own clause
            if v.right_edge.i > v.i:
                span = self._span_chars(v.i + 1, v.right_edge.i + 1)
                if span[1] > span[0]:
                    return span
        if v.i > head.i:
            return self._span_chars(head.left_edge.i, v.left_edge.i)
        return self._span_chars(v.right_edge.i + 1, head.right_edge.i + 1)

    def _conjunct_content(self, v: Token) -> tuple[int, int] | None:
        """ "X has sent ..., and Y are ..., the lawmaker said": the parser often makes a
        sentence-final cue a conjunct of the first clause; everything before the cue's subject is
        what was said."""
        if (
            v.dep_ != "conj"
            or v.i <= v.head.i
            or any(c.dep_ in CLAUSE_DEPS or c.dep_ in ("dobj", "xcomp") for c in v.children)
            or v.nbor(-1).dep_ == "cc"
        ):
            return None
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None:
            return None
        start = v.head.left_edge.i
        if subj.left_edge.i > start and self.doc[subj.left_edge.i - 1].is_punct:
            return self._span_chars(start, subj.left_edge.i)
        return None

    def _verb_class_content(self, v: Token) -> _Verdict | None:
        """What verbs of a class say: quote-only verbs their quote, deferring verbs nothing ("declined
        to say"), naming verbs their predicate, verbs of talk their topic, "describe"-like verbs a
        predicate or quote, stance verbs their object."""
        lex = self.lex
        if v.lemma_ in lex.quote_only:
            return _Verdict(self._adjacent_quote(v))
        if v.lemma_ in lex.needs_speaker and self._defers(v):
            return _Verdict(None)
        if v.lemma_ in lex.naming:
            return _Verdict(self._naming_content(v))
        if v.lemma_ in lex.prep_verbs and not _has_clause(v):
            prep = self._topic_prep(v)
            if prep is None:
                return _Verdict(None)
            return _Verdict(self._span_chars(prep.i + 1, self._tail_trim(v, prep.right_edge.i + 1)))
        if v.lemma_ in lex.as_verbs and not any(
            c.dep_ in CLAUSE_DEPS or c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "as")
            for c in v.children
        ):
            # "described the retreat" is no statement; "described it as ..." is
            return _Verdict(self._adjacent_quote(v))
        if v.lemma_ in lex.stance and not _has_clause(v):
            content = self._object_content(v)
            if content is not None:
                return _Verdict(content)
        return None

    def _complement_content(self, v: Token) -> _Verdict | None:
        """The cue's complement clause or infinitive ("said that ...", "plans to"), else a direct
        quote before or after the cue in the same sentence."""
        clauses = [c for c in v.children if c.dep_ in CLAUSE_DEPS and not c.is_quote]
        if len(clauses) > 1 and clauses[0].i < v.i < clauses[-1].i and self._break_before(v, clauses[0]):
            clauses = clauses[1:]  # "It is unlikely; the team says she will go on": the clause after the cue
        if clauses:
            return _Verdict(self._content_of(clauses[0], v))
        for c in v.children:  # "is believed to have sent", "plans to"
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                return _Verdict(self._content_of(c, v))
        q = self._adjacent_quote(v)
        return _Verdict(q) if q is not None else None

    def _misparsed_content(self, v: Token) -> _Verdict | None:
        """A that-clause the parser hung elsewhere ("said in a statement that ..."), else the
        passive subject where an agent speaks ("the figure was confirmed by the ministry")."""
        # the first that-clause to the right, not in a conjoined verb ("confirmed the deaths but
        # denied that ...")
        conj_toks = {
            t.i for c in v.children if c.dep_ == "conj" and c.lemma_ in self.lex.speech for t in c.subtree
        }
        for t in v.subtree:
            if (
                t.i > v.i
                and t.i not in conj_toks
                and t.lower_ == "that"
                and t.dep_ in ("mark", "dobj", "nsubj")
                and t.head.pos_ in ("VERB", "AUX")
                and t.head.i > t.i
            ):
                return _Verdict(self._span_chars(t.i + 1, max(t.head.right_edge.i + 1, v.sent.end)))
        if any(c.dep_ == "agent" for c in v.children):
            subj = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
            if subj is not None and subj.lower_ not in self.lex.relative_pronouns and subj.pos_ != "PRON":
                return _Verdict(self._span_chars(subj.left_edge.i, subj.right_edge.i + 1))
        return None

    def _figure_content(self, v: Token) -> _Verdict | None:
        """A figure a verb puts forward ("put the toll at 23", "the data show 1,100 cases"), or the
        object of an evidential verb with a document as subject ("the polls show Clinton ahead")."""
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        if v.lemma_ in self.lex.figure_verbs:
            at = next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "at"), None)
            if at is not None or any(t.like_num for t in obj.subtree):
                end = max(obj.right_edge.i, at.right_edge.i if at is not None else obj.right_edge.i) + 1
                return _Verdict(self._span_chars(obj.left_edge.i, end))
        if v.lemma_ in self.lex.evidence_objects and self._evidence_subject(v):
            return _Verdict(self._span_chars(obj.left_edge.i, self._tail_trim(v, v.right_edge.i + 1)))
        return None

    def _object_of_speech(self, v: Token) -> _Verdict | None:
        """The object said ("denied the report", "confirmed the capture of two soldiers") or the
        topic of a verb of telling ("warned of shortages"); verbs that need a clause say nothing."""
        if v.lemma_ in self.lex.clause_only:
            return _Verdict(None)
        for c in v.children:
            if (
                c.dep_ == "dobj"
                and v.lemma_ not in self.lex.addressee
                and c.lower_ not in self.lex.tell_objects
                and c.pos_ in ("NOUN", "PROPN", "NUM")
            ):
                return _Verdict(self._span_chars(c.left_edge.i, c.right_edge.i + 1))
            if c.dep_ == "prep" and c.lower_ in self.lex.topic_preps and v.lemma_ in self.lex.topic_verbs:
                return _Verdict(self._span_chars(c.i + 1, c.right_edge.i + 1))
        return _Verdict(None)

    def _noun_clauses(self, nouns: list[Token]) -> None:
        """ "Kyiv's claim that 12 jets were destroyed", "reports that 40 soldiers died", "the
        general's warning that ...": a noun of saying with a that-clause; the author (a possessive
        or "by X") is the source, or no one (an unnamed report)."""
        for n in nouns:
            if n.lemma_ not in self.lex.clause_nouns or n.i in self.by_cue:
                continue
            clause = _that_clause(n)
            if clause is None or any(a.cue_start <= n.i < a.cue_end for a in self.attrs):
                continue
            gov = n.head.head if n.dep_ == "pobj" else n.head
            if gov.pos_ == "VERB" and gov.lemma_ in self.lex.speech:
                continue  # "denied reports that ...", "said in a statement that ...": the verb's own content
            content = self._content_of(clause, n)
            if any(a.content == content for a in self.attrs):
                continue
            self._add(_Attr(n.i, n.i + 1, content, self._noun_author(n), kind="noun"))

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
            if holder is None or _that_clause(n) is not None:
                continue
            gov = n.head.head if n.dep_ == "pobj" else n.head
            if gov.pos_ == "VERB" and gov.lemma_ in self.lex.speech and n.dep_ in ("dobj", "pobj"):
                continue  # "denied Kyiv's claim of ...": the verb's own content
            content = self._possessive_content(n)
            if content is None or content[1] <= content[0]:
                continue
            self._add(_Attr(n.i, n.i + 1, content, holder, kind="noun"))

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
        with an author in a phrase of the clause says the clause. A sourceless cue verb of that
        clause ("were said") takes the author as its source instead."""
        for n in nouns:
            if n.lemma_ not in self.lex.nouns or n.dep_ != "pobj":
                continue
            prep = n.head
            if prep.lower_ not in self.lex.document_preps or prep.head.pos_ not in ("VERB", "AUX"):
                continue
            author = self._noun_author(n)
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
            if content is not None:
                self._add(_Attr(prep.i, n.i + 1, content, author, kind="noun"))

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
        after = colon.idx + 1
        junk = " \n\t\xa0" + OPEN_QUOTES + STRAIGHT_QUOTE + "‘'"
        for q in self.quotes:
            if q[0] >= after:
                if not self.text[after : q[0]].strip(junk):
                    return q
                break
        if colon.i + 1 >= len(self.doc) or "\n" in self.text[after : self.doc[colon.i + 1].idx]:
            return None
        nxt = self.doc[colon.i + 1]
        span = self._span_chars(nxt.i, nxt.sent.end)
        return span if span[1] > span[0] else None

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
            if not 1 <= len(label) <= 5 or not self._speaker_label(label):
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
            found.append(
                (_Attr(t.i, t.i + 1, content, src, direct=self._is_quote(content), kind="colon"), label)
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

    def _speaker_label(self, label: list[Token]) -> bool:
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
        start, end = label[0].idx, label[-1].idx + len(label[-1])
        return any(p.start < end and start < p.end for p in self.doc._.places or [])

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
            self._add(_Attr(t.i, t.i + 1, q, name[-1], direct=True, kind="signature"))

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
        return _strip(text, para_start + len(para) - len(para.lstrip(" \xa0" + marks)), len(before))

    def _defers(self, v: Token) -> bool:
        """ "refused to confirm", "declined to say": the inner speech verb is the cue (negated);
        "asked not to be named": a request for anonymity, not a statement."""
        for c in v.children:
            if c.dep_ not in ("xcomp", "ccomp"):
                continue
            if c.lemma_ in self.lex.speech and (
                v.lemma_ in self.lex.negating or c.lemma_ not in self.lex.needs_speaker
            ):
                # "declined to comment": nothing said inside; the refusal itself is the statement
                return v.lemma_ not in self.lex.negating or _says_something(c)
            if c.lemma_ in self.lex.anonymity and any(g.dep_ == "auxpass" for g in c.children):
                return True
        return False

    def _puts_at(self, v: Token) -> bool:
        """ "put the toll at 17": a figure verb with an object and an "at" phrase states a figure,
        whoever its subject is ("local television channels")."""
        return (
            v.lemma_ in self.lex.figure_verbs
            and any(c.dep_ == "dobj" for c in v.children)
            and any(c.dep_ == "prep" and c.lower_ == "at" for c in v.children)
        )

    def _authored_subject(self, v: Token) -> bool:
        """Whether a figure verb with no said clause has a cue noun with an author as subject."""
        if v.lemma_ not in self.lex.figure_verbs or any(c.dep_ in CLAUSE_DEPS for c in v.children):
            return False
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.lemma_ in self.lex.nouns and self._noun_author(subj) is not None

    def _topic_prep(self, v: Token) -> Token | None:
        """The preposition that gives what a verb of talk is about ("spoke of", "complained about")."""
        preps = self.lex.prep_verbs.get(v.lemma_, frozenset())
        return next((c for c in v.children if c.dep_ == "prep" and c.lower_ in preps and c.i > v.i), None)

    def _object_content(self, v: Token) -> tuple[int, int] | None:
        """What a stance verb takes a stand on: its object with the phrases that complete it
        ("accused the ministry of hiding losses", "urged residents to leave", "blasted him for ...")."""
        parts = []
        for c in sorted((c for c in v.children if c.i > v.i), key=lambda c: c.i):
            if c.dep_ in ("dobj", "dative", "xcomp", "oprd", "ccomp") or (
                c.dep_ == "prep" and c.lower_ in self.lex.object_preps and not _is_time_phrase(c)
            ):
                parts.append(c)
            elif parts and not c.is_punct:
                break
        if not parts:
            return None
        start = min(c.left_edge.i for c in parts)
        end = max(c.right_edge.i for c in parts) + 1
        end = self._tail_trim(v, end)
        span = self._span_chars(start, end)
        return span if span[1] > span[0] else None

    def _naming_content(self, v: Token) -> tuple[int, int] | None:
        """ "called the strike a war crime" (object and predicate), "called for a truce", "called on
        Russia to withdraw": what was named or asked for; any other "call" (a phone call, a place
        called X) is no cue."""
        kids = [c for c in v.children if c.i > v.i]
        prep = next((c for c in kids if c.dep_ == "prep" and c.i == v.i + 1), None)
        if prep is not None and prep.lower_ in self.lex.request_preps:
            end = self._tail_trim(v, prep.right_edge.i + 1)
            for c in kids:  # "called on Russia to withdraw": the request runs on
                if c.i > prep.i and c.dep_ in ("xcomp", "ccomp"):
                    end = max(end, c.right_edge.i + 1)
            span = self._span_chars(prep.i + 1, end)
            return span if span[1] > span[0] else None
        if any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in kids) or (
            any(c.dep_ == "dobj" for c in kids) and self._adjacent_quote(v) is not None
        ):
            return self._object_content(v)
        return None

    def _preposition(self, cue: Token, prep: Token) -> None:
        """'according to X' / 'per X': content = the clause the phrase modifies."""
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return
        if (
            cue.lower_ == "per"
            and self.actor_of[pobj.i] is None
            and pobj.lower_ not in self.lex.singular | self.lex.plural
        ):
            return
        head = cue.head
        while head.dep_ in ("prep", "pcomp") and head.pos_ == "ADP":
            head = head.head
        if head.i == cue.i:
            return
        clause = self._clause_head(head)
        content = self._clause_without(clause, cue)
        if content is None:
            return
        self._add(_Attr(cue.i, prep.i + 1, content, self._agent(pobj), kind="prep"))

    def _cite(self, v: Token) -> None:
        """'X cited Y (in reporting that Z)', 'X said, citing Y', 'X, who cited Y, said ...',
        'X quoted Y as saying that Z', 'According to X, citing Y, Z'."""
        if _negated(v, self.lex.negating):
            return
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        cited_tok = self._cited_source(obj)
        inner = self._inner_speech(v)
        frame = self._cite_frame(v, inner)
        if frame is None:
            return
        content, cited_person = frame.content, None
        if content is None:
            if obj is None:
                return
            clause = _that_clause(obj)  # "cited reports by X that 40 drones were downed"
            if clause is not None:
                content = self._content_of(clause, v)
            else:  # "He also cited testimony from a soldier": the quotes that follow
                content = self._span_chars(obj.left_edge.i, obj.right_edge.i + 1)
                a = self.actor_of[cited_tok.i] if cited_tok is not None else None
                cited_person = a.normalized if a is not None else None
        # "quoted Y as saying that Z": the inner verb is Y's cue, the cite verb is X's
        inner_is_cited = inner is not None and (
            inner.head.lower_ == "as" or any(c.dep_ == "mark" and c.lower_ == "as" for c in inner.children)
        )
        speaker = frame.speaker
        if speaker is None and not frame.relayed:
            speaker = self._cite_speaker(v, inner, inner_is_cited, content, cited_person)
        if cited_tok is None and obj is not None and inner is None and v.tag_ == "VBG" and v.dep_ != "relcl":
            self._cite_thing(v, obj)
        if cited_tok is not None and cited_person is None:
            cue = inner if inner_is_cited and inner is not None else v
            cited = self._add(
                _Attr(cue.i, cue.i + 1, content, cited_tok, kind="cite", direct=self._is_quote(content)),
                key=-1,
            )
            if inner_is_cited and inner is not None:
                self.by_cue.setdefault(inner.i, cited)
            if speaker is not None:
                self.attrs[speaker].cites.append(cited)

    def _cited_source(self, obj: Token | None) -> Token | None:
        """Who a cite verb's object names as a source ("cited Ukrainian intelligence"), or None
        where it names a thing ("cited derogatory comments", "cited remarks about ...")."""
        cited = self._agent(obj) if obj is not None else None
        if cited is None or obj is None:
            return None
        if cited.pos_ != "PROPN" and not self._is_source(cited):
            return None  # "cited derogatory comments": what was cited, not who
        if cited.i == obj.i and obj.lower_ in self.lex.said_things:
            return None  # "cited remarks about ...": a statement with no author is no origin
        return cited

    def _inner_speech(self, v: Token) -> Token | None:
        """A speech verb with a clause under a cite verb: "in reporting that", "as saying that"."""
        for t in v.subtree:
            if (
                t.i != v.i
                and t.pos_ == "VERB"
                and t.lemma_ in self.lex.speech
                and t.lemma_ not in self.lex.cite
                and any(c.dep_ == "ccomp" for c in t.children)
            ):
                return t
        return None

    def _cite_frame(self, v: Token, inner: Token | None) -> _CiteFrame | None:
        """What a cite verb relays and who relays it: the inner verb's content, the content of the
        speaker's own attribution ("Yu, who cited HUR, said ...", "X said, citing Y"), or nothing
        known yet; None where a relayed cite finds no content."""
        if inner is not None:
            return _CiteFrame(self._verb_content(inner))
        if v.dep_ == "relcl":
            speaker = self._relative_speaker(v)
            content = self.attrs[speaker].content if speaker is not None else None
            return _CiteFrame(content, speaker) if content is not None else None
        if v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp", "conj", "acl", "dep", "pcomp"):
            speaker = self._participle_speaker(v)
            content = self.attrs[speaker].content if speaker is not None else None
            if content is None:
                content = self._clause_without(self._clause_head(v.head), v)
            return _CiteFrame(content, speaker, relayed=True) if content is not None else None
        return _CiteFrame(None)

    def _relative_speaker(self, v: Token) -> int | None:
        """ "Yu, who cited HUR, said that ...", "according to Kim, who cited the NIS, ...": the
        attribution whose source is the relative's head."""
        h = v.head
        gov = h.head
        speaker = None
        if h.dep_ in SUBJECT_DEPS and gov.pos_ == "VERB" and gov.lemma_ in self.lex.speech:
            self._verb(gov)
            speaker = self.by_cue.get(gov.i)
        if speaker is None:
            speaker = next(
                (n for n, a in enumerate(self.attrs) if a.source_tok is not None and a.source_tok.i == h.i),
                None,
            )
        return speaker

    def _participle_speaker(self, v: Token) -> int | None:
        """ "X said, citing Y": the speech cue above the participle; "According to X, citing Y, ...":
        the preposition cue of the same clause."""
        gov = next(
            (
                a
                for a in v.ancestors
                if a.pos_ == "VERB" and a.lemma_ in self.lex.speech and a.lemma_ not in self.lex.cite
            ),
            None,
        )
        if gov is not None:
            self._verb(gov)
            speaker = self.by_cue.get(gov.i)
            if speaker is not None:
                return speaker
        clause = self._clause_head(v.head)
        return next(
            (
                n
                for n, a in enumerate(self.attrs)
                if a.kind == "prep" and self._clause_head(self.doc[a.cue_start].head).i == clause.i
            ),
            None,
        )

    def _cite_speaker(
        self,
        v: Token,
        inner: Token | None,
        inner_is_cited: bool,
        content: tuple[int, int],
        cited_person: str | None,
    ) -> int | None:
        """The attribution of the one who cites, made from the cite verb's subject (or the inner
        verb, when that is the speaker's cue: "X cited Y in reporting that Z")."""
        src = self._subject(v)
        if src is None and inner is None and cited_person is None:
            return None
        cue = v if inner_is_cited or inner is None else inner
        speaker = self._add(_Attr(cue.i, cue.i + 1, content, src, kind="verb"))
        self.attrs[speaker].cited_person = cited_person
        return speaker

    def _cite_thing(self, v: Token, obj: Token) -> None:
        """'The senators backed the bill, citing its cost': no speech cue above and a thing cited,
        not a source; what the subject puts forward is the thing cited (cue 'citing')."""
        src = self._subject(v)
        if src is None or src.pos_ not in ("NOUN", "PROPN", "PRON"):
            return
        content = self._span_chars(
            obj.left_edge.i, self._tail_trim(v, max(obj.right_edge.i, v.right_edge.i) + 1)
        )
        if content[1] > content[0]:
            self._add(_Attr(v.i, v.i + 1, content, src, kind="verb"))

    def _cited_documents(self) -> None:
        """'X told reporters after a briefing by Y that ...', 'X said, based on a report by Y, ...':
        a cue noun with an author below a speech verb, outside its content, is what the speaker cites."""
        doc = self.doc
        known = {a.source_tok.i for a in self.attrs if a.source_tok is not None}
        for idx in range(len(self.attrs)):
            a = self.attrs[idx]
            if a.kind != "verb" or a.source_tok is None:
                continue
            v = doc[a.cue_start]
            src = a.source_tok
            for t in v.subtree:
                if t.pos_ != "NOUN" or t.lemma_ not in self.lex.nouns or a.content[0] <= t.idx < a.content[1]:
                    continue
                if src.left_edge.i <= t.i <= src.right_edge.i:
                    continue
                author = self._noun_author(t)
                if (
                    author is None
                    or author.tag_ == "PRP$"  # "repeated his claim that ...": the speaker's own claim
                    or author.i in known
                    or (
                        self.actor_of[author.i] is not None
                        and self.actor_of[author.i] is self.actor_of[src.i]
                    )
                ):
                    continue
                start, end = t.i, t.i + 1
                for anc in t.ancestors:  # "based on a briefing by": the whole phrase is the cue
                    if anc.i == v.i:
                        break
                    if anc.lower_ in self.lex.cited_phrase_words:
                        start = min(start, anc.i)
                by = next((c for c in t.children if c.dep_ == "prep" and c.i == t.i + 1), None)
                if by is not None and start < t.i:
                    end = by.i + 1
                cited = self._add(_Attr(start, end, a.content, author, kind="cite"), key=-1)
                self.attrs[idx].cites.append(cited)

    def _noun_subject(self, n: Token) -> None:
        """'A report by ISW put the toll at 4,000': a cue noun with an author, as subject."""
        v = n.head
        if v.pos_ == "VERB" and v.lemma_ in self.lex.speech:
            self._verb(v)
            if v.i in self.by_cue:
                return  # the verb cue handles it, with the author as source
        author = self._noun_author(n)
        if author is None:
            return
        content = self._clause_without(self._clause_head(v), n)
        if content is not None:
            self._add(_Attr(n.i, n.i + 1, content, author, kind="noun"))

    # ------------------------------------------------------------------ pieces
    def _add(self, a: _Attr, key: int | None = None) -> int:
        self.attrs.append(a)
        idx = len(self.attrs) - 1
        if key is None:
            self.by_cue.setdefault(a.cue_start, idx)
        return idx

    def _subject(self, v: Token) -> Token | None:
        """The speaker of a cue verb: its subject, a passive agent, or the subject it shares."""
        t = v
        for _ in range(4):
            for c in t.children:
                if c.dep_ in SUBJECT_DEPS:
                    if c.dep_ == "nsubjpass" and c.lower_ in self.lex.expletives:
                        return None
                    if c.dep_ == "nsubjpass" and t.lemma_ in self.lex.speech:
                        return self._passive_agent(t)  # "troops were reported killed": not the speaker
                    if c.lower_ in self.lex.relative_pronouns and t.dep_ == "relcl":
                        return self._agent(t.head)  # "Choi, who said ...": the relative's head
                    return self._agent(c)
            for c in t.children:
                if c.dep_ == "agent":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    return self._agent(pobj) if pobj is not None else None
            if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return self._agent(t.head)
            if t is v and _opens_sentence(v):  # "Said the governor: ..." (inverted)
                obj = next((c for c in v.children if c.dep_ == "dobj" and c.i <= v.i + 4), None)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
            if t.dep_ in ("conj", "xcomp", "advcl") and t.head.pos_ in ("VERB", "AUX"):
                t = t.head
                continue
            if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX"):
                t = t.head.head  # "She opened by saying that ...": the speaker of the verb above
                continue
            return None
        return None

    def _passive_agent(self, v: Token) -> Token | None:
        for c in v.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                return self._agent(pobj) if pobj is not None else None
        return None

    def _is_source(self, tok: Token) -> bool:
        return (
            self.actor_of[tok.i] is not None
            or tok.lemma_ in self.lex.nouns
            or tok.lower_ in self.lex.nouns
            or tok.lower_ in self.lex.evidence_nouns
            or tok.lemma_ in self.lex.evidence_nouns
            or tok.lower_ in self.lex.singular | self.lex.plural
        )

    def _purpose_infinitive(self, v: Token) -> bool:
        """'sent 1,500 troops to support the offensive': an infinitive of a stance that also names an
        act (support, back, defend), with no subject of its own, is the purpose of the act above or
        part of what the verb above says ('vowed to support the bill' is the vow)."""
        return (
            v.dep_ in ("advcl", "xcomp", "acl", "relcl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
            and not any(c.dep_ in SUBJECT_DEPS for c in v.children)
        )

    def _finder_with_clause(self, v: Token, src: Token | None) -> bool:
        """'A federal judge found that ...', 'twelve percent indicated that ...', 'the study suggests
        the plan failed': a noun subject with a said clause stands behind it, unless it is an image
        ('this image shows that ...' is what the picture holds) or an event ('the strike suggests
        that ...' is the writer's inference, not an origin)."""
        return (
            src is not None
            and src.pos_ in ("NOUN", "PROPN")
            and src.lemma_ not in self.lex.image_nouns
            and src.lower_ not in self.lex.image_nouns
            and src.lemma_ not in self.lex.event_nouns
            and any(c.dep_ == "ccomp" for c in v.children)
        )

    def _evidence_subject(self, v: Token) -> bool:
        """Whether the subject of an evidential verb is a document or a body of evidence
        ("the polls", "data from the survey", "another slide"), not an actor or an image."""
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        return subj is not None and (
            subj.lemma_ in self.lex.nouns
            or subj.lower_ in self.lex.nouns
            or subj.lower_ in self.lex.evidence_nouns
            or subj.lemma_ in self.lex.evidence_nouns
        )

    def _agent(self, tok: Token | None) -> Token | None:
        """The author behind a source word: 'a report by ISW' -> ISW; 'testimony from X' -> X."""
        if tok is None:
            return None
        actor = self.actor_of[tok.i]
        if (tok.lemma_ in self.lex.nouns or tok.lower_ in self.lex.nouns) and (
            actor is None or actor.type in ("media", "document")
        ):
            author = self._noun_author(tok)
            if author is not None:
                return author
        return tok

    def _noun_author(self, n: Token) -> Token | None:
        """The author of a cue noun: "ISW's report", "a report by ISW", "Pentagon data"."""
        for c in n.children:
            if c.dep_ == "compound" and c.i < n.i and self.actor_of[c.i] is not None:
                return c
        for c in n.children:
            if c.dep_ == "poss" and c.tag_ != "PRP$":
                return c
            if c.dep_ == "prep" and c.lower_ in self.lex.agent_preps:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and (self.actor_of[pobj.i] is not None or pobj.pos_ == "PROPN"):
                    return pobj
        for c in n.children:  # "the comments Trump had made", "the report that ISW published"
            if c.dep_ == "relcl" and c.lemma_ in self.lex.making | self.lex.speech:
                subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if (
                    subj is not None
                    and subj.lower_ not in self.lex.relative_pronouns
                    and subj.pos_ in ("NOUN", "PROPN")
                ):
                    return subj
        return None

    def _clause_head(self, t: Token) -> Token:
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

    # ------------------------------------------------------------------ quotes
    def _quote_at(self, char: int) -> tuple[int, int] | None:
        for q in self.quotes:
            if q[0] <= char < q[1]:
                return q
            if q[0] > char:
                break
        return None

    def _is_quote(self, content: tuple[int, int]) -> bool:
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
            elif q[0] > v.idx and q[0] - (v.idx + len(v)) < 4 and "\n" not in text[v.idx : q[0]]:
                return q
        return None

    def _break_before(self, v: Token, left: Token) -> bool:
        """Whether a semicolon or colon stands between a clause left of the cue and the cue."""
        return any(t.text in (";", ":") for t in self.doc[left.right_edge.i + 1 : v.i])

    def _sentence_between(self, start: int, end: int) -> bool:
        """Whether a new sentence opens between two offsets ("Ms. Moore" has a period, no new sentence)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return any(t.is_sent_start and not (t.is_punct or t.is_space) for t in span if t.idx > start)

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
        last: _Attr | None = None
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
            a = _Attr(
                last.cue_start, last.cue_end, q, last.source_tok, last.source_actors, True, kind="quote"
            )
            self.attrs.append(a)
            last, last_end = a, q[1]

    def _opens_statement(self, start: int) -> bool:
        """Whether the quote starting at char ``start`` opens a sentence or follows a comma or colon."""
        before = self.text[:start].rstrip().rstrip(OPEN_QUOTES + STRAIGHT_QUOTE + "'‘").rstrip()
        return not before or before[-1] in ".!?:,;\n" + CLOSE_QUOTES + STRAIGHT_QUOTE + "’"

    def _splits_cue_sentence(self, a: _Attr, start: int) -> bool:
        """Whether a quote starting at ``start`` lies in the sentence of ``a``'s cue, after it
        ('"A," she said, "B."'): the two halves are one statement."""
        cue = self.doc[a.cue_start]
        return cue.sent.start_char <= start < cue.sent.end_char and start > cue.idx

    def _cue_between(self, start: int, end: int, own_cue: int) -> bool:
        for a in self.attrs:
            if a.cue_start == own_cue:
                continue
            cue = self.doc[a.cue_start]
            if start <= cue.idx < end:
                return True
        return False

    # ------------------------------------------------------------------ links
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

    # ------------------------------------------------------------------ sources
    def _resolve(self, a: _Attr) -> list[ActorMention]:
        if a.source_actors:
            return a.source_actors
        t = a.source_tok
        if t is None:
            return []
        a.source_actors = self._resolve_tok(t)
        for c in t.children:  # "He and Petro Andriyenko told Reuters": both speak
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "PRON", "NOUN"):
                a.source_actors = a.source_actors + [
                    x for x in self._resolve_tok(c) if x not in a.source_actors
                ]
        return a.source_actors

    def _resolve_tok(self, t: Token) -> list[ActorMention]:
        """The actors one source word stands for: its own mention, or a pronoun's referent."""
        actor = self.actor_of[t.i]
        if actor is not None:
            return [actor]
        if t.lower_ in self.lex.singular:
            return self._last_person(t)
        if t.lower_ in self.lex.plural:
            return self._last_group(t)
        if t.lower_ in self.lex.inanimate:
            return self._last_body(t)
        return []

    def _interviewed(self, sent: Any) -> list[ActorMention]:
        """ "Researchers interviewed 40 defectors and two officers. According to them, ...": the
        people heard by an interview verb, not its subject."""
        root = sent.root
        if root.lemma_ not in self.lex.interview:
            return []
        objs = [c for c in root.children if c.dep_ == "dobj"]
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in self.lex.interview_preps):
            objs += [g for g in prep.children if g.dep_ == "pobj"]
        for o in list(objs):
            objs += [c for c in o.conjuncts if c.pos_ in ("NOUN", "PROPN")]
        out = []
        for o in objs:
            actor = self.actor_of[o.i]
            if actor is not None:
                out.append(actor)
                continue
            words = [w for w in o.subtree if w.i <= o.i and w.dep_ not in ("det", "nummod", "cc", "punct")]
            words = [w for w in words if w.i >= words[-1].left_edge.i] if words else []
            if words:
                sp = self.doc[words[0].i : o.i + 1]
                out.append(ActorMention(sp.start_char, sp.end_char, sp.text, sp.text, "anonymous"))
        return out

    def _last_body(self, t: Token) -> list[ActorMention]:
        """The last body (not a person) named before ``t`` in its sentence or the one before."""
        sents = [s for s in self.doc.sents if s.end <= t.i or s.start <= t.i < s.end][-2:]
        if not sents:
            return []
        first = sents[0].start_char
        for a in reversed(self.actors):
            if a.start >= t.idx or a.start < first:
                continue
            if a.type in ("person", "anonymous") or self._quote_at(a.start) is not None:
                continue
            return [a]
        return []

    def _last_person(self, t: Token) -> list[ActorMention]:
        """The last named person before ``t`` (outside quotes)."""
        doc = self.doc
        for a in reversed(self.actors):
            if a.start >= t.idx or a.type != "person":
                continue
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None or span[0].pos_ != "PROPN" or self._quote_at(a.start) is not None:
                continue
            return [a]
        for a in reversed(self.actors):  # no named person before: "The minister said ... he expects"
            if a.start < t.idx and a.type == "person" and self._quote_at(a.start) is None:
                return [a]
        return []

    def _last_group(self, t: Token) -> list[ActorMention]:
        """The sources named just before a plural pronoun: the non-country actors of the sentence
        before it that are not the speaker and not a modifier of another of them."""
        doc = self.doc
        sents = [s for s in doc.sents if s.end <= t.i or s.start <= t.i < s.end]
        for sent in reversed(sents):
            if not (sent.start <= t.i < sent.end):
                heard = self._interviewed(sent)
                if heard:
                    return heard
            cands = []
            for a in self.actors:
                if not (sent.start_char <= a.start < min(sent.end_char, t.idx)) or a.type == "country":
                    continue
                span = doc.char_span(a.start, a.end, alignment_mode="expand")
                if span is not None:
                    cands.append((a, span.root))
            heads = {r.i for _, r in cands}
            speakers = {self.doc[x.cue_start].i for x in self.attrs}
            group = []
            for a, root in cands:
                if root.dep_ in SUBJECT_DEPS and root.head.i in speakers:
                    continue
                if (
                    root.dep_ == "pobj"
                    and root.head.lower_ in self.lex.place_preps
                    and root.head.head.pos_ == "VERB"
                ):
                    continue  # "returned from Mariupol": a place, whatever the entity tagger says
                if _modifies(root, heads):
                    continue
                group.append(a)
            if group:
                return group
            if sent.start <= t.i < sent.end:
                continue
            # "Two aid workers returned ... They said": the plural subject of the sentence before
            subj = next(
                (c for c in sent.root.children if c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS")), None
            )
            if subj is not None:
                words = [w for w in subj.subtree if w.i <= subj.i and w.dep_ not in ("det", "nummod")]
                if words:
                    sp = doc[words[0].i : subj.i + 1]
                    return [ActorMention(sp.start_char, sp.end_char, sp.text, sp.text, "anonymous")]
            break
        return []

    def _embedded_sourceless(self, i: int) -> bool:
        """A cue with no source inside a quote or another attribution's content ("we were told",
        "troops were expected to"): the covering speaker says it; modality keeps the cue."""
        a = self.attrs[i]
        if a.source_tok is not None or a.kind != "verb":
            return False
        char = self.doc[a.cue_start].idx
        if self._quote_at(char) is not None:
            return True
        return any(
            j != i and b.content[0] <= char < b.content[1] and b.source_tok is not None
            for j, b in enumerate(self.attrs)
        )

    def _quoted_self(self, i: int) -> bool:
        """ "'I think 40 died,' the mayor said": a quoted speaker's "I think" / "we believe" is part
        of the quote (a hedge for modality), not a further source in the chain."""
        a = self.attrs[i]
        t = a.source_tok
        return (
            t is not None
            and t.lower_ in self.lex.speaker_pronouns
            and self._quote_at(self.doc[a.cue_start].idx) is not None
        )

    def _embedded_stance(self, i: int) -> bool:
        """A stance or intention inside a quote ('"we want to rebuild"') belongs to the quoted
        speaker's words; an intention inside another's report ("X said Russia plans to send ...") is
        the modality of what X says (planned), not a further source."""
        a = self.attrs[i]
        cue = self.doc[a.cue_start]
        if a.kind != "verb" or cue.lemma_ not in self.lex.needs_speaker:
            return False
        if self._quote_at(cue.idx) is not None:
            return True
        return cue.lemma_ in self.lex.intent and any(
            j != i and b.content[0] <= cue.idx < b.content[1] and b.source_tok is not None
            for j, b in enumerate(self.attrs)
        )

    def _finish(self) -> list[AttributionMention]:
        """The attributions found, in cue order, without the cues that are no further source
        (embedded, quoted or stance cues), as mentions with resolved sources and citations."""
        doc = self.doc
        order = sorted(
            (
                i
                for i in range(len(self.attrs))
                if not self._embedded_sourceless(i)
                and not self._quoted_self(i)
                and not self._embedded_stance(i)
            ),
            key=lambda i: (doc[self.attrs[i].cue_start].idx, self.attrs[i].content[0], i),
        )
        self._link_plural_pronouns(order)
        new_index = {old: new for new, old in enumerate(order)}
        return [self._mention(i, new_index) for i in order]

    def _link_plural_pronouns(self, order: list[int]) -> None:
        """Pronouns resolved through the sentences before them ("they said"): the attribution
        holding the referents cites the pronoun's."""
        for i in order:
            a = self.attrs[i]
            actors = self._resolve(a)
            if a.source_tok is not None and a.source_tok.lower_ in self.lex.plural and actors:
                for p in self.attrs:
                    if p is not a and p.content[0] <= actors[0].start < p.content[1] and i not in p.cites:
                        p.cites.append(i)
                        break

    def _mention(self, i: int, new_index: dict[int, int]) -> AttributionMention:
        """Attribution ``i`` as a mention: cue, content, source span and the resolved source."""
        a = self.attrs[i]
        cue_span = self.doc[a.cue_start : a.cue_end]
        source = self._source_span(a.source_tok) if a.source_tok is not None else None
        m = AttributionMention(
            cue=TextSpan(cue_span.start_char, cue_span.end_char, cue_span.text),
            content_start=a.content[0],
            content_end=a.content[1],
            source=source,
            cites=sorted({new_index[c] for c in a.cites if c != i and c in new_index}),
            direct=a.direct,
        )
        actors = self._resolve(a)
        if actors:
            first = actors[0]
            m.source_name = " and ".join(dict.fromkeys(x.normalized for x in actors))
            types = {x.type for x in actors}
            typ = first.type if len(types) > 1 else types.pop()
            m.source_type = ACTOR_TYPE_FOR_SOURCE.get(typ, typ)
            m.source_role = first.role if len(actors) == 1 else None
            m.source_country = first.country if len({x.country for x in actors}) == 1 else None
        elif source is not None and a.source_tok is not None:
            m.source_name = source.text
            m.source_type = "document" if a.source_tok.lemma_ in self.lex.document_nouns else "unknown"
        return m

    def _source_span(self, t: Token) -> TextSpan | None:
        """The text of a source: its actor mention, widened over conjoined names ("Colonel X and
        Major Y"), else the source word's noun phrase."""
        doc = self.doc
        actor = self.actor_of[t.i]
        conj_end = max((c.right_edge.i for c in t.children if c.dep_ == "conj"), default=-1)
        if actor is not None and conj_end > t.i:  # "Colonel X and Major Y"
            sp = doc.char_span(min(actor.start, t.left_edge.idx), doc[conj_end].idx + len(doc[conj_end]))
            if sp is not None:
                return TextSpan(sp.start_char, sp.end_char, sp.text)
        if actor is not None:
            return TextSpan(actor.start, actor.end, actor.text)
        left = min(
            (c.i for c in t.lefts if c.dep_ in ("det", "amod", "compound", "poss", "nmod")),
            default=t.i,
        )
        left = min(left, t.left_edge.i) if t.left_edge.i >= left - 3 else left
        right = max((c.right_edge.i for c in t.children if c.dep_ == "conj"), default=t.i)
        sp = doc[left : right + 1]
        return TextSpan(sp.start_char, sp.end_char, sp.text)


def _modifies(tok: Token, heads: set[int]) -> bool:
    """Whether ``tok`` hangs below another mention's head other than through a coordination."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ == "conj":
            return False
        t = t.head
        if t.i in heads:
            return True
    return False


def _in_capitals(label: list[Token]) -> bool:
    """ "KOVAL", "SEN. MARSH": a label written in capitals (a transcript turn or a dateline)."""
    words = [w for w in label if w.is_alpha]
    return bool(words) and all(w.text.isupper() for w in words) and max(len(w) for w in words) >= 2


def _opens_sentence(t: Token) -> bool:
    """Whether only quote marks or spaces stand before ``t`` in its sentence."""
    return all(w.is_quote or w.is_space or w.is_punct for w in t.sent if w.i < t.i)


def _temporal(v: Token, marks: frozenset[str]) -> bool:
    """A cue verb in a clause of time with no said clause ("since Russia declared war")."""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in v.children) and not any(
        c.dep_ in CLAUSE_DEPS for c in v.children
    )


def _that_clause(n: Token) -> Token | None:
    """The that-clause a noun governs ("reports that 40 drones were downed"), if any."""
    for c in n.children:
        if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX"):
            if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                return c
    return None


def _is_time_phrase(prep: Token) -> bool:
    """ "on Tuesday", "for weeks": a prepositional phrase that only dates the act."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.ent_type_ in ("DATE", "TIME")


def _says_something(v: Token) -> bool:
    """Whether a speech verb has a said object, clause or topic ("confirm the toll", "say that ...",
    "comment on reports that 9 tanks were lost"), unlike a bare "comment", which says nothing."""
    return any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep") for c in v.children)


def _negated(t: Token, negating: frozenset[str]) -> bool:
    """ "did not confirm", "refused to confirm": the subject does not say the content."""
    if t.dep_ == "xcomp" and t.head.lemma_ in negating:
        return True
    return any(c.dep_ == "neg" and _next_to(c, t) for c in t.children)


def _next_to(neg: Token, t: Token) -> bool:
    """Whether a negation belongs to ``t`` itself: no punctuation between them ("did not say"),
    unlike a quote's own last word ('"... Probably not," she said')."""
    lo, hi = sorted((neg.i, t.i))
    return not any(w.is_punct for w in t.doc[lo + 1 : hi])


def _has_clause(v: Token) -> bool:
    """Whether a cue verb has a said clause of its own."""
    return any(c.dep_ in CLAUSE_DEPS for c in v.children)


def _quote_spans(text: str) -> list[tuple[int, int]]:
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
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in spans) if e > s]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;."):
        e -= 1
    return s, e


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
        if nxt in seen:
            break
        chain.append(nxt)
        seen.add(nxt)
        down = attrs[nxt].cites
    return [attrs[i] for i in chain]
