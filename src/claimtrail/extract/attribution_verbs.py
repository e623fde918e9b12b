"""Attribution cues that are verbs ("said", "estimated", "denied", "accused X of"), stance
adjectives ("was confident that"), source prepositions ("according to X") and cite verbs ("citing
X", "quoted X as saying"): the source, the cue and what each says."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Token

from .attribution_interrupted import interrupted_clause
from .attribution_nouns import NounCues, that_clause
from .attribution_spans import CLAUSE_DEPS, SUBJECT_DEPS, Draft, opens_sentence, trailing_speakers

#: Verbs of saying whose said clause the parser may hang on them as an adverbial clause when a
#: phrase of time or place comes between ("said after the talks the convoy would leave").
SAYING_LEMMAS = frozenset(
    "say tell write tweet post add announce claim state report insist warn explain confirm argue "
    "note declare acknowledge admit stress predict estimate assert allege reveal disclose".split()
)

#: Verbs of depiction that a person telling of something uses with a bare object ("witnesses
#: described chaotic scenes"); a depicting thing says nothing by it.
TELLING_VERBS = frozenset({"describe"})

#: Verbs of promise whose bare object is what is promised ("vowed revenge", "promised reforms").
PROMISES = frozenset({"vow", "pledge", "promise"})

#: Prepositions of what a taken stance is about ("took issue with", "took credit for").
TAKEN_PREPS = frozenset({"with", "for", "at", "to"})

#: What "make it ..." says of a clause that makes it a statement ("made it clear that ...").
MADE_PLAIN = frozenset({"clear", "plain", "known"})

#: Verbs of persuasion: a stance of the persuader ("set about persuading Xi to join"), never of the
#: one persuaded in the passive ("if he can be convinced that ...").
PERSUASION = frozenset({"persuade", "convince"})


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


class VerbCues(NounCues):
    """The cue verbs, stance adjectives, source prepositions and cite verbs of one Doc."""

    _idioms_found: tuple[str, ...] | None = None  # see _idioms_in_doc

    def _verb(self, v: Token) -> None:
        """A speech verb: source = its subject, content = its clause, quote or object."""
        if v.i in self.by_cue or _negated(v, self.lex.negating):
            return  # "did not confirm": the subject does not say the content
        if self._writer_idiom(v):
            return  # "it goes without saying that ...": the writer's aside, no one's statement
        if v.lemma_ == "claim" and any(c.dep_ == "dobj" and c.lemma_ in ("life", "live") for c in v.children):
            return  # "the cyclone has claimed 334 lives": a toll, not a claim
        if (
            v.lemma_ in self.lex.naming
            and (
                (v.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in v.children))
                or (v.i > 1 and v.nbor(-1).text == "," and any(c.i == v.i - 2 for c in v.lefts))
            )
            and not any(c.dep_ in ("aux", "auxpass", "agent") for c in v.children)
        ):
            return  # "His group, called the Relief Fund, will ...": a name given, not a statement
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
        if v.lemma_ in self.lex.act_stances and (
            self._purpose_infinitive(v) or _act_of_aid_or_arms(v, src) or _gerund_of_preposition(v)
        ):
            return  # "deployed troops to support Russia's war": the purpose of an act, not a stance
        if not self._class_allows(v, src):
            return
        if v.lemma_ in self.lex.needs_speaker and not asked and not self._held(v, src):
            return  # "it was decided to ...", "the plan calls for ...": stances need someone holding them
        self._add(Draft(v.i, self._cue_end(v), content, src, direct=self._is_quote(content)))

    def _particle(self, v: Token) -> Token | None:
        """The particle a verb needs to be a cue ("weighed in", "summed up"), if it has it; the parser
        may take it for a preposition ("weighed in Friday")."""
        particle = self.lex.particles.get(v.lemma_)
        return next(
            (c for c in v.children if c.lower_ == particle and (c.dep_ == "prt" or c.i == v.i + 1)), None
        )

    def _class_allows(self, v: Token, src: Token | None) -> bool:
        """Whether a verb of a class with conditions of its own meets them: a verb that needs its
        particle has it ("the sanctions weighed on the economy" is no "weighed in"), persuasion is not
        passive ("if he can be convinced that ...": the one persuaded holds nothing yet), a verb
        that ties things together has a source and a "to" phrase ("the bridge links the two towns")."""
        if v.lemma_ in self.lex.particles and self._particle(v) is None:
            return False
        if v.lemma_ in PERSUASION and any(c.dep_ == "auxpass" for c in v.children):
            return False
        return v.lemma_ not in self.lex.linking or self._links_to(v, src)

    def _cue_end(self, v: Token) -> int:
        """The token after a cue verb's cue: with the addressee of "told reporters", the topic
        preposition of "spoke of", the request of "called for", the particle of "summed up" and
        "pointed out"."""
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
        prt = self._particle(v) if v.lemma_ in self.lex.particles else None
        if prt is not None:  # "summed up", "weighed in"
            cue_end = max(cue_end, prt.i + 1)
        if v.lemma_ == "point" and any(c.lower_ == "out" for c in v.children):
            cue_end = max(cue_end, max(c.i for c in v.children if c.lower_ == "out") + 1)
        return cue_end

    def _said_object(self, v: Token) -> None:
        """'made the case for a truce', 'issued a warning that ...', 'raised concerns about the toll',
        'voiced support for the plan': a making verb whose object is a statement; the subject makes
        it, what the statement is about (its clause or preposition), else the statement, is said."""
        if self._made_plain(v):
            return
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        said = self.lex.taken_objects if v.lemma_ == "take" else self.lex.said_objects
        if obj is None or obj.lemma_ not in said or _negated(v, self.lex.negating):
            return
        src = self._subject(v)
        if (
            src is None
            or src.lower_ in self.lex.expletives
            or not (src.pos_ in ("PROPN", "PRON") or self.actor_of[src.i] is not None)
        ):
            return  # "the findings raised questions": no one makes them
        if _temporal(v, self.lex.temporal_marks) or self._quote_at(v.idx) is not None:
            return
        content = self._statement_content(v, obj)
        if content is not None and content[1] > content[0]:
            self._add(Draft(v.i, obj.i + 1, content, src, direct=self._is_quote(content)))

    def _made_plain(self, v: Token) -> bool:
        """'Kyiv has made it plain it will not cede the town', 'the ministry made it clear that
        ...': "make it clear" with a clause is a statement of the subject (a name, pronoun or
        actor); the cue runs from "made" to the adjective. Whether one was added."""
        adj = next((c for c in v.children if c.i > v.i and c.lower_ in MADE_PLAIN), None)
        if (
            adj is None
            or adj.dep_ not in ("ccomp", "oprd", "acomp", "xcomp")
            or _negated(v, self.lex.negating)
        ):
            return False
        it = [t for t in v.doc[v.i + 1 : adj.i] if t.lower_ == "it"]
        clause = next((g for g in adj.children if g.i > adj.i and g.dep_ in ("ccomp", "advcl")), None)
        src = self._subject(v)
        if not it or clause is None or src is None or src.lower_ in self.lex.expletives:
            return False
        if not (src.pos_ in ("PROPN", "PRON") or self.actor_of[src.i] is not None):
            return False
        if _temporal(v, self.lex.temporal_marks) or self._quote_at(v.idx) is not None:
            return False
        start = next(
            (g.i + 1 for g in clause.children if g.dep_ == "mark" and g.lower_ == "that"), clause.left_edge.i
        )
        content = self._span_chars(start, self._tail_trim(v, clause.right_edge.i + 1))
        if content[1] <= content[0]:
            return False
        self._add(Draft(v.i, adj.i + 1, content, src, direct=self._is_quote(content)))
        return True

    def _statement_content(self, v: Token, obj: Token) -> tuple[int, int] | None:
        """What a made statement says: a quote after a colon ("made the following comment: ..."), its
        clause, what its preposition is about, else the statement itself; None where the statement
        points back to one already reported ("Trump made the comments on Friday") or is still to
        come ("would publish a statement next week")."""
        if v.lemma_ == "take":  # "took issue with the report", "took credit for the attack": what it is about
            prep = next(
                (
                    c
                    for c in list(obj.children) + list(v.children)
                    if c.dep_ == "prep" and c.lower_ in TAKEN_PREPS
                ),
                None,
            )
            if prep is None or prep.right_edge.i <= prep.i:
                return None
            return self._span_chars(prep.i + 1, self._tail_trim(v, prep.right_edge.i + 1))
        colon = self._colon_content(v)
        if colon is not None:
            return colon
        about = that_clause(obj)
        if about is not None:
            return self._content_of(about, v)
        prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in self.lex.object_preps), None)
        if prep is not None:
            return self._span_chars(prep.i + 1, self._tail_trim(v, obj.right_edge.i + 1))
        if any(c.dep_ in ("det", "poss") and c.lower_ in self.lex.anaphoric for c in obj.children):
            return None
        if v.tag_ in ("VB", "VBG"):
            return None  # "would publish a statement next week": a plan, nothing said yet
        return self._span_chars(obj.left_edge.i, self._tail_trim(v, obj.right_edge.i + 1))

    def _held(self, v: Token, src: Token | None) -> bool:
        """Whether someone holds a stance: a noun, name or pronoun speaker, or, with no one named,
        the bearer of a passive stance or naming ("was accused of hiding losses", "has been
        criticized for", "was dubbed the winner": someone unnamed accuses, criticizes, names)."""
        if src is not None:
            return src.pos_ in ("NOUN", "PROPN", "PRON")
        return (
            v.lemma_ in self.lex.stance | self.lex.naming
            and v.lemma_ not in self.lex.intent
            and any(c.dep_ == "nsubjpass" and c.lower_ not in self.lex.expletives for c in v.children)
            and not any(c.dep_ == "agent" for c in v.children)
        )

    def _adjective(self, adj: Token) -> None:
        """'The mayor was confident that the bridge would hold', 'Graham has been critical of the
        plan', 'officials are worried about shortages': a stance or belief adjective after a linking
        verb; the subject holds it, the clause or the object of its preposition is the content."""
        link = adj.head if adj.dep_ == "acomp" else adj  # "were worried about" parsed as a passive
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
            self._add(Draft(adj.i, adj.i + 1, content, src, kind="verb"))

    def _verb_content(self, v: Token) -> tuple[int, int] | None:
        """The said clause of a cue verb, as char offsets, or None where it says nothing here: the
        first rule that applies decides, from the framings of the cue (a colon, "as", a
        parenthetical) to its verb class, its complement and, last, its object."""
        rules = (
            self._pro_form_content,
            self._framed_content,
            self._figure_content,
            self._verb_class_content,
            self._complement_content,
            self._misparsed_content,
            self._object_of_speech,
        )
        for rule in rules:
            verdict = rule(v)
            if verdict is not None:
                return verdict.content
        return None

    def _told_object(self, v: Token) -> tuple[int, int] | None:
        """The object of "described" when a person, a group or a pronoun describes it, with what
        the object phrase tells ("described chaotic scenes at the crossing"; not "described the
        retreat", a bare event named)."""
        obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if obj is None or subj is None or obj.pos_ == "PRON":
            return None
        if not any(c.dep_ not in ("det", "poss", "punct") for c in obj.children):
            return None  # "described the retreat": a bare event named, nothing told of it
        actor = self.actor_of[subj.i]
        if not (
            (actor is not None and actor.type not in ("country", "document", "media"))
            or subj.lower_ in self.lex.singular
            or subj.lower_ in self.lex.plural
        ):
            return None
        return self._span_chars(obj.left_edge.i, self._tail_trim(v, obj.right_edge.i + 1))

    def _pro_form_content(self, v: Token) -> _Verdict | None:
        """'The mayor said as much', '30 percent said the same of the governor': a speech verb whose
        object stands for something said before; what it says is that word (with its "of"
        phrase), not a clause the parser hung on the cue after it."""
        if v.lemma_ not in SAYING_LEMMAS:
            return None
        for c in v.children:
            if c.i <= v.i or c.i > v.i + 3:
                continue
            same = c.dep_ == "dobj" and c.lower_ == "same" and any(d.lower_ == "the" for d in c.children)
            much = c.lower_ == "much" and any(d.lower_ == "as" and d.i == c.i - 1 for d in c.children)
            if same or much:
                end = max(
                    (p.right_edge.i for p in c.children if p.dep_ == "prep" and p.lower_ == "of"), default=c.i
                )
                return _Verdict(self._span_chars(c.left_edge.i, end + 1))
        return None

    def _framed_content(self, v: Token) -> _Verdict | None:
        """A colon after the cue ("he said: '...'"), an "as" clause ("as Yu said"), a parenthetical
        cue ("..., the governor said, and ...") or a sentence-final cue parsed as a conjunct."""
        colon = self._colon_content(v)
        if colon is not None:
            return _Verdict(colon)
        if v.lemma_ in SAYING_LEMMAS or v.lemma_ in self.lex.clause_only:
            split = interrupted_clause(v)  # "Forty soldiers, the ministry said, were killed"
            if split is not None:
                return _Verdict(self._span_chars(*split))
        # "as Yu said" / "as reported by ISW": the content is the clause it modifies
        if (
            any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)
            and v.dep_ == "advcl"
            and not _has_clause(v)
            and not _has_object(v)  # "as she called for a truce": the request is what she says
        ):
            head = v.head
            while head.pos_ not in ("VERB", "AUX") and head.dep_ in SUBJECT_DEPS and head.head.i != head.i:
                head = head.head  # "The bridge, as officials pointed out, was hit": the whole clause
            return _Verdict(self._clause_without(head, v))
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
            or any(
                c.dep_ in CLAUSE_DEPS or (c.dep_ == "dobj" and v.lemma_ != "tell") or c.dep_ == "xcomp"
                for c in v.children
            )  # "told Newswire": the hearer, not what was said
            or v.nbor(-1).dep_ == "cc"
        ):
            return None
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None) or trailing_speakers(v)
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
        if v.lemma_ in PROMISES and not _has_clause(v) and not any(c.dep_ == "xcomp" for c in v.children):
            obj = next((c for c in v.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i > v.i), None)
            if obj is not None:  # "vowed revenge for the attack", "is promising lower taxes"
                return _Verdict(self._span_chars(obj.left_edge.i, self._tail_trim(v, obj.right_edge.i + 1)))
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
            # "described it as ..." is a statement; "described the retreat" only from someone who
            # tells of it ("witnesses described chaotic scenes at the crossing"), not a thing that
            # depicts ("the mural depicts the siege")
            quote = self._adjacent_quote(v)
            if quote is None and v.lemma_ in TELLING_VERBS:
                return _Verdict(self._told_object(v))
            return _Verdict(quote)
        if v.lemma_ in lex.amount_verbs and not any(c.dep_ in ("dobj", "xcomp") for c in v.children):
            return _Verdict(
                None
            )  # "the regiment's strength declined to about 600 men": an amount, not a stance
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
                and t.dep_ in ("mark", "dobj", "nsubj", "advmod")
                and t.head.pos_ in ("VERB", "AUX")
                and t.head.i > t.i
            ):
                return _Verdict(self._span_chars(t.i + 1, max(t.head.right_edge.i + 1, v.sent.end)))
        hung = self._hung_clause(v) or self._fragment_before(v)
        if hung is not None:
            return _Verdict(hung)
        if any(c.dep_ == "agent" for c in v.children) and (
            v.lemma_ not in self.lex.intent or v.lemma_ in self.lex.stance
        ):
            # "the figure was confirmed by the ministry"; never a wish or a hearing ("the case will be heard by three judges")
            subj = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
            if subj is not None and subj.lower_ not in self.lex.relative_pronouns and subj.pos_ != "PRON":
                return _Verdict(self._span_chars(subj.left_edge.i, subj.right_edge.i + 1))
        return None

    def _hung_clause(self, v: Token) -> tuple[int, int] | None:
        """ "said after the meeting the army would hold the line", "tweeted overnight Kyiv had
        lost power": a said clause with its own subject that the parser hung on the speech verb as
        an adverbial clause (it took the phrase before the subject, "after the meeting", for the
        clause's opener). Only with no subordinating word ("if", "when", "because" ...) and no
        object or clause of the cue's own; the content starts at the clause's subject."""
        if v.lemma_ not in SAYING_LEMMAS or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in v.children):
            return None
        for c in v.children:
            if c.dep_ != "advcl" or c.i <= v.i or c.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((s for s in c.children if s.dep_ in SUBJECT_DEPS and s.i < c.i), None)
            if subj is None or subj.lower_ in self.lex.relative_pronouns:
                continue
            before = [s for s in c.children if s.i < subj.left_edge.i]
            if not before or not all(_opening_phrase(s) for s in before):
                continue
            return self._span_chars(subj.left_edge.i, c.right_edge.i + 1)
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
                for c in v.children:  # "reported 152 dead and 2,100 wounded": the figure joined to it
                    if c.dep_ == "conj" and c.i > obj.i and any(t.like_num for t in c.subtree):
                        end = max(end, c.right_edge.i + 1)
                return _Verdict(self._span_chars(obj.left_edge.i, end))
        if v.lemma_ in self.lex.evidence_objects and (
            self._evidence_subject(v) or self._counting_body(v, obj)
        ):
            return _Verdict(self._span_chars(obj.left_edge.i, self._tail_trim(v, v.right_edge.i + 1)))
        return None

    def _counting_body(self, v: Token, obj: Token) -> bool:
        """'The UN has documented at least 10,000 civilian deaths': a body (not a person: "photographers
        documented the destruction" report nothing by it) that documents or records a figure."""
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        actor = self.actor_of[subj.i] if subj is not None else None
        return (
            actor is not None
            and actor.type not in ("person", "anonymous", "country")
            and any(t.like_num for t in obj.subtree)
        )

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

    def _writer_idiom(self, v: Token) -> bool:
        """Whether the cue word sits in a phrase of the writer's own ("it is worth noting that",
        "needless to say", "let's say")."""
        idioms = self._idioms_in_doc()
        if not idioms:  # the common case: no idiom anywhere in the text, no sentence to lower-case
            return False
        sent = v.sent
        low = sent.text.lower()
        at = v.idx - sent.start_char
        for idiom in idioms:
            start = low.find(idiom)
            while start != -1:
                if start <= at < start + len(idiom):
                    return True
                start = low.find(idiom, start + 1)
        return False

    def _idioms_in_doc(self) -> tuple[str, ...]:
        """The writer's idioms that occur anywhere in the lower-cased text (computed once per Doc):
        an idiom absent there is absent from every sentence (lower-casing is letter by letter but
        for the Greek final sigma, so an idiom holding a sigma is always kept)."""
        found = self._idioms_found
        if found is None:
            low = self.text.lower()
            found = tuple(i for i in self.lex.writer_idioms if i in low or "σ" in i or "ς" in i)
            self._idioms_found = found
        return found

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
            any(c.dep_ == "dobj" and (_split_object(c) or self._adjacent_quote(v) is not None) for c in kids)
        ):
            return self._object_content(v)
        return None

    def _preposition(self, cue: Token, prep: Token) -> None:
        """'according to X' / 'per X': content = the clause the phrase modifies."""
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = self._misparsed_object(prep)
        if pobj is None:
            return
        if (
            cue.lower_ == "per"
            and self.actor_of[pobj.i] is None
            and pobj.lower_ not in self.lex.singular | self.lex.plural
        ):
            return
        if (
            pobj.lemma_ in self.lex.conformity
            and self.actor_of[pobj.i] is None
            and self._noun_author(pobj) is None
        ):
            return  # "exchanged according to the agreement", "according to plan": in keeping with, no source
        head = cue.head
        while head.dep_ in ("prep", "pcomp") and head.pos_ == "ADP":
            head = head.head
        if head.i == cue.i:
            content = self._after_source_phrase(cue, pobj)
        else:
            clause = self._sentence_final_clause(cue, pobj, self._clause_head(head))
            content = self._clause_without(clause, cue)
            if content is not None:
                content = self._before_other_speaker(clause, cue, content)
        if content is None:
            return
        self._add(Draft(cue.i, prep.i + 1, content, self._agent(pobj), kind="prep"))

    def _sentence_final_clause(self, cue: Token, pobj: Token, clause: Token) -> Token:
        """A sentence-final ", according to X." says the whole sentence, not the subordinate or
        coordinated clause the parse hangs it on ("At least 57 people were killed after the RSF
        attacked a shelter, according to local reports"; "28 were killed and hundreds of munitions
        seized, according to the police"); a clause of saying above stays apart."""
        sent = cue.sent
        before = self.doc[cue.i - 1] if cue.i > sent.start else None
        tail = [t for t in self.doc[pobj.right_edge.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
        if before is None or before.text != "," or tail:
            return clause
        top = clause
        while top.dep_ in ("advcl", "conj", "relcl", "acl", "pcomp") and top.head.i != top.i:
            top = self._clause_head(top.head)
        if top.i == clause.i or top.lemma_ in self.lex.speech:
            return clause
        return top

    def _before_other_speaker(self, clause: Token, cue: Token, content: tuple[int, int]) -> tuple[int, int]:
        """A clause's content up to a second speaker's own clause after it ("According to a monitor,
        20,000 have been killed, while the UN says 9 million have fled": the monitor says the first
        figure only; the UN is not cited by it)."""
        for c in clause.children:
            if (
                c.dep_ in ("advcl", "conj")
                and c.i > cue.i
                and c.lemma_ in self.lex.speech
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            ):
                end = c.left_edge.i
                while end > 0 and (self.doc[end - 1].is_punct or self.doc[end - 1].lower_ in ("and", "but")):
                    end -= 1
                cut = self.doc[end - 1].idx + len(self.doc[end - 1].text) if end > 0 else content[0]
                if content[0] < cut < content[1]:
                    return (content[0], cut)
        return content

    def _stance_holders(self, nouns: list[Token]) -> None:
        """ "Kaine is a staunch opponent of the death penalty", "Navalny, a vocal critic of the
        Kremlin, ...": a noun naming one who holds a stance (critic, supporter, opponent ...) said
        of its subject or given as an apposition; what follows "of" is the content. Not when
        negated ("is no fan of" is still a stance, but "is not a supporter of" denies it)."""
        for n in nouns:
            if n.lemma_ not in self.lex.stance_holder_nouns or n.i in self.by_cue:
                continue
            of = next((c for c in n.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > n.i), None)
            obj = (
                next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None)
                if of is not None
                else None
            )
            if of is None or obj is None:
                continue
            if n.dep_ == "attr" and n.head.lemma_ == "be":
                link = n.head
                if any(c.dep_ == "neg" for c in link.children):
                    continue
                src = self._subject(link)
                first = link.i
                while (
                    first > 0
                    and self.doc[first - 1].head.i == link.i
                    and self.doc[first - 1].dep_
                    in (
                        "aux",
                        "advmod",
                    )
                ):
                    first -= 1
            elif n.dep_ == "appos" and n.head.pos_ in ("PROPN", "NOUN"):
                src, first = n.head, n.left_edge.i
            else:
                continue
            if src is None or src.pos_ not in ("NOUN", "PROPN", "PRON") or src.lower_ in self.lex.expletives:
                continue
            content = self._span_chars(of.i + 1, of.right_edge.i + 1)
            if content[1] > content[0]:
                self._add(Draft(first, of.i + 1, content, src, kind="noun"))

    def _fragment_before(self, v: Token) -> tuple[int, int] | None:
        """ "Officers like Petrenko, he said.", "Not one shell, the colonel added.": a phrase with
        no verb of its own before a sentence-final cue and its subject, set off by a comma, which
        the parser hangs on the cue as a loose dependent. Never a time or a date ("On Monday, he
        said." says nothing)."""
        if v.lemma_ not in SAYING_LEMMAS or any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "advcl") for c in v.children
        ):
            return None
        subj = max(
            (c for c in v.children if c.dep_ in SUBJECT_DEPS and c.i < v.i), key=lambda c: c.i, default=None
        )
        if subj is None or subj.left_edge.i < 2 or self.doc[subj.left_edge.i - 1].text != ",":
            return None
        frag = next(
            (c for c in v.children if c.dep_ in ("dep", "npadvmod", "nsubj") and c.i < subj.left_edge.i), None
        )  # the parser may give the cue two subjects
        if (
            frag is None
            or frag.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ", "PRON")
            or frag.ent_type_ in ("DATE", "TIME")
        ):
            return None
        start = frag.left_edge.i
        if start != v.sent.start and not self.doc[start - 1].is_quote:
            return None
        return self._span_chars(start, subj.left_edge.i - 1)

    def _by_reckoning(self, by: Token) -> None:
        """ "By the ministry's count, 300 people died", "by all accounts": the possessor of the
        reckoning (none where it has none) says the clause the phrase modifies. Not a vote ("passed
        by a count of 230 to 190"), nor an owner-less figure noun ("by one estimate", a hedge)."""
        pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lower_ not in self.lex.reckoning_nouns or pobj.i - by.i > 5:
            return
        owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
        if owner is None and (
            any(c.dep_ == "prep" and c.lower_ == "of" for c in pobj.children)
            or pobj.lemma_ in self.lex.figure_nouns
        ):
            # "by a count of 230 to 190": a margin; "by one estimate": a hedge on the figure (the
            # modality component's), with no one to name
            return
        clause = self._clause_head(by.head)
        if clause.i == by.i or clause.pos_ not in ("VERB", "AUX"):
            return
        content = self._clause_without(clause, by)
        if content is None:
            return
        self._add(Draft(by.i, pobj.i + 1, content, owner, kind="prep"))

    def _misparsed_object(self, prep: Token) -> Token | None:
        """The source of "according to" where the parser read a noun as a verb ("according to show
        insiders": "show" a verb, "insiders" its object): an actor in the phrase."""
        for c in prep.children:
            if c.dep_ == "pcomp":
                for t in c.subtree:
                    if t.i > c.i and self.actor_of[t.i] is not None:
                        return t
        return None

    def _after_source_phrase(self, cue: Token, pobj: Token) -> tuple[int, int] | None:
        """ "According to X, the move reeks of fear", where the parser hung the clause inside X's
        phrase (the cue heads the sentence): what follows the comma closing X's name."""
        if not opens_sentence(cue):
            return None
        sent_end = cue.sent.end
        for t in self.doc[pobj.i + 1 : sent_end]:
            if t.text == ",":
                if t.i + 1 >= sent_end:
                    return None
                span = self._span_chars(t.i + 1, sent_end)
                return span if span[1] > span[0] else None
            if t.is_punct and t.text not in ("-", "'", "’"):
                return None
        return None

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
            clause = that_clause(obj)  # "cited reports by X that 40 drones were downed"
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
        quoted = self._quoted_subject(v) if inner_is_cited and cited_tok is None else None
        if quoted is not None:  # "X was quoted (by Y) as saying ...": X speaks, Y (or no one named) quotes
            cited_tok = quoted
        if quoted is not None and not any(c.dep_ == "agent" for c in v.children):
            speaker = None
        elif speaker is None and not frame.relayed:
            speaker = self._cite_speaker(v, inner, inner_is_cited, content, cited_person)
        if cited_tok is None and obj is not None and inner is None and v.tag_ == "VBG" and v.dep_ != "relcl":
            self._cite_thing(v, obj, speaker)
        if cited_tok is not None and cited_person is None:
            cue = inner if inner_is_cited and inner is not None else v
            cited = self._add(
                Draft(cue.i, cue.i + 1, content, cited_tok, kind="cite", direct=self._is_quote(content)),
                key=-1,
            )
            if inner_is_cited and inner is not None:
                self.by_cue.setdefault(inner.i, cited)
            if speaker is not None:
                self.attrs[speaker].cites.append(cited)

    def _quoted_subject(self, v: Token) -> Token | None:
        """The one quoted by a passive cite verb ("The envoy was quoted as saying ...", "Kim, who
        was quoted by the agency as saying ..."): its passive subject (a relative pronoun's
        antecedent), else None."""
        subj = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
        if subj is None or subj.lower_ in self.lex.expletives:
            return None
        if subj.lower_ in self.lex.relative_pronouns and v.dep_ == "relcl":
            subj = v.head
        return self._agent(subj)

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
        speaker = self._add(Draft(cue.i, cue.i + 1, content, src, kind="verb"))
        self.attrs[speaker].cited_person = cited_person
        return speaker

    def _cite_thing(self, v: Token, obj: Token, speaker: int | None) -> None:
        """'The senators backed the bill, citing its cost': a thing cited, not a source; what the
        one who cites puts forward is the thing cited (cue 'citing'). That one is the speaker of the
        speech cue above ("The ministry said the port would close, citing security concerns"),
        never the subject of the said clause, else the subject of the clause the participle ends."""
        src = self.attrs[speaker].source_tok if speaker is not None else self._subject(v)
        if src is None or src.pos_ not in ("NOUN", "PROPN", "PRON"):
            return
        content = self._span_chars(
            obj.left_edge.i, self._tail_trim(v, max(obj.right_edge.i, v.right_edge.i) + 1)
        )
        if content[1] > content[0]:
            self._add(Draft(v.i, v.i + 1, content, src, kind="verb"))

    def _cited_documents(self, nouns: list[Token]) -> None:
        """'X told reporters after a briefing by Y that ...', 'X said, based on a report by Y, ...':
        a cue noun with an author below a speech verb, outside its content, is what the speaker cites.
        ``nouns``: the Doc's NOUN tokens in order; a verb with no cue noun between its subtree's
        edges (which bound the subtree) is skipped without walking it."""
        doc = self.doc
        cue_nouns = [n.i for n in nouns if n.lemma_ in self.lex.nouns]
        known = {a.source_tok.i for a in self.attrs if a.source_tok is not None}
        for idx in range(len(self.attrs)):
            a = self.attrs[idx]
            if a.kind != "verb" or a.source_tok is None:
                continue
            v = doc[a.cue_start]
            at = bisect_left(cue_nouns, v.left_edge.i)
            if at == len(cue_nouns) or cue_nouns[at] > v.right_edge.i:
                continue
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
                cited = self._add(Draft(start, end, a.content, author, kind="cite"), key=-1)
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
            self._add(Draft(n.i, n.i + 1, content, author, kind="noun"))

    def _links_to(self, v: Token, src: Token | None) -> bool:
        """'officials linked the blast to a gas leak': a verb that ties one thing to another is a
        claim only with its "to" phrase and a subject that can be a source."""
        return (
            src is not None
            and self._is_source(src)
            and any(c.dep_ == "prep" and c.lower_ == "to" and c.i > v.i for c in v.children)
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


#: Subjects that name armed forces: their "defended the town", "backed the assault" are acts of war.
ARMED_SUBJECTS = frozenset(
    "force forces troop troops army armies military brigade brigades battalion battalions unit units "
    "regiment regiments division divisions soldier soldiers fighter fighters militia militias rebel "
    "rebels defender defenders navy artillery".split()
)


def _gerund_of_preposition(v: Token) -> bool:
    """'was investigated for promoting weight-loss pills', 'his role in supporting the militia': a
    stance verb that also names an act, as a gerund after a preposition, is the act someone is
    charged with or known for (the charge is the cue), not a stance the gerund's holder states."""
    return (
        v.tag_ == "VBG"
        and v.dep_ == "pcomp"
        and v.head.pos_ == "ADP"
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "poss" for c in v.children)
    )


def _act_of_aid_or_arms(v: Token, src: Token | None) -> bool:
    """Whether a verb that names a stance or an act (support, back, defend, welcome ...) names the
    act here: with a counted object ("Poland welcomed 2 million refugees", "the charity supported
    5,000 families": hosting and aid, which the reporter states, not a stance of the subject's) or
    with an armed subject ("troops defended the town", "the brigade backed the assault")."""
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if obj is not None and any(
        (c.dep_ == "nummod" or c.like_num)
        and c.ent_type_ not in ("DATE", "TIME", "EVENT")
        and "/" not in c.text
        for c in obj.children
    ):
        return True
    return src is not None and src.lemma_.lower() in ARMED_SUBJECTS


def _split_object(obj: Token) -> bool:
    """ "called the rebels bandits", "calls the rebels \"bandits\"": the parser makes the named
    thing a modifier of the name it is given, so the object holds two nouns, the first with its own
    determiner and the second with none ("the rebels" + "bandits"), or a quoted name."""
    if any(c.is_quote for c in obj.children if c.i < obj.i):
        return True
    if any(c.dep_ == "det" for c in obj.children if c.i < obj.i and c.head.i == obj.i and c.i == obj.i - 1):
        return False
    for c in obj.children:
        if c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN") and c.i < obj.i:
            if any(d.dep_ in ("det", "poss") for d in c.children) or (
                c.i > 0 and obj.doc[c.i - 1].dep_ == "det" and obj.doc[c.i - 1].head.i == obj.i
            ):
                return c.i < obj.i - 1 or c.tag_ in ("NNS", "NNPS")
    return False


def _opening_phrase(t: Token) -> bool:
    """Whether a word before a hung clause's subject is a phrase of the cue's own ("after the
    talks", "overnight", a comma), not a subordinating word ("if", "when"); a "mark" with an object
    of its own is a preposition the parser mislabelled."""
    if t.tag_ in ("WRB", "WDT", "WP"):
        return False
    if t.dep_ == "mark":
        return any(o.dep_ == "pobj" for o in t.children)
    return t.dep_ in ("prep", "npadvmod", "advmod", "punct")


def _temporal(v: Token, marks: frozenset[str]) -> bool:
    """A cue verb in a clause of time with no said clause ("since Russia declared war")."""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in v.children) and not any(
        c.dep_ in CLAUSE_DEPS for c in v.children
    )


def _is_time_phrase(prep: Token) -> bool:
    """ "on Tuesday", "for weeks": a prepositional phrase that only dates the act."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.ent_type_ in ("DATE", "TIME")


def _says_something(v: Token) -> bool:
    """Whether a speech verb has a said object, clause or topic ("confirm the toll", "say that ...",
    "comment on reports that 9 tanks were lost"), unlike a bare "comment", which says nothing."""
    return any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep") for c in v.children)


def _negated(t: Token, negating: frozenset[str]) -> bool:
    """ "did not confirm", "refused to confirm", "has yet to confirm": the subject does not say the
    content."""
    if t.dep_ == "xcomp" and t.head.lemma_ in negating:
        return True
    if (
        t.dep_ == "xcomp"
        and t.head.lemma_ in ("have", "be")
        and any(c.lower_ == "yet" for c in t.head.children)
    ):
        return True  # "Moscow has yet to comment on the report": nothing said so far
    return any(c.dep_ == "neg" and _next_to(c, t) for c in t.children)


def _next_to(neg: Token, t: Token) -> bool:
    """Whether a negation belongs to ``t`` itself: no punctuation between them ("did not say"),
    unlike a quote's own last word ('"... Probably not," she said')."""
    lo, hi = sorted((neg.i, t.i))
    return not any(w.is_punct for w in t.doc[lo + 1 : hi])


def _has_object(v: Token) -> bool:
    """Whether a cue verb has an object or a phrase of its own that says what it is about ("called
    for a truce", "discussed the plan"), beyond an agent or a time ("as reported by ISW on Monday")
    or the "it" of "as one officer put it", which points at the clause it frames."""
    return any(
        (c.dep_ in ("dobj", "dative", "oprd", "xcomp") and not (c.dep_ == "dobj" and c.lower_ == "it"))
        or (c.dep_ == "prep" and c.lower_ != "by" and not _is_time_phrase(c) and c.i == v.i + 1)
        for c in v.children
    )


def _has_clause(v: Token) -> bool:
    """Whether a cue verb has a said clause of its own."""
    return any(c.dep_ in CLAUSE_DEPS for c in v.children)
