"""Attribution, the source side: the speaker of a cue (subject, agent, the author of a cue noun),
pronouns resolved to the people and bodies named before them, and the finished mentions."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import ActorMention, AttributionMention, TextSpan
from .attribution_spans import SUBJECT_DEPS, Draft, TextReader, opens_sentence, trailing_speakers

#: Adjectives of manner whose infinitive is the subject's own act ("was quick to blame the
#: militia", "was careful to say"): the subject of the linking verb speaks.
MANNER_ADJECTIVES = frozenset({"quick", "swift", "fast", "careful", "slow", "first", "last"})

ACTOR_TYPE_FOR_SOURCE = {"country": "government"}


#: Pronouns and the words of a person mention that give a gender ("she" is never "the spokesman").
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_WORDS = frozenset(
    {
        "ms",
        "ms.",
        "mrs",
        "mrs.",
        "miss",
        "madam",
        "woman",
        "spokeswoman",
        "chairwoman",
        "congresswoman",
        "businesswoman",
        "mother",
        "wife",
        "daughter",
        "sister",
        "girl",
        "grandmother",
        "queen",
        "princess",
    }
)
_MALE_WORDS = frozenset(
    {
        "mr",
        "mr.",
        "man",
        "spokesman",
        "chairman",
        "congressman",
        "businessman",
        "father",
        "husband",
        "son",
        "brother",
        "boy",
        "grandfather",
        "king",
        "prince",
    }
)


def _gender_clash(pronoun: Token, mention: Span) -> bool:
    """Whether a person mention (with the word before it, a title: "Ms Nakamura") says a gender
    the pronoun does not: "she" is not "the spokesman", "he" is not "Mrs Okafor"."""
    p = pronoun.lower_
    words = {w.lower_ for w in mention}
    if mention.start > 0:
        words.add(mention.doc[mention.start - 1].lower_)
    if p in _MALE_PRONOUNS:
        return bool(words & _FEMALE_WORDS)
    if p in _FEMALE_PRONOUNS:
        return bool(words & _MALE_WORDS)
    return False


class SourceReader(TextReader):
    """Who speaks: the source of each attribution, resolved to actors."""

    def _subject(self, v: Token) -> Token | None:
        """The speaker of a cue verb: its subject, a passive agent, or the subject it shares."""
        t = v
        for _ in range(4):
            for c in self._subjects(t):
                if c.dep_ == "nsubjpass" and c.lower_ in self.lex.expletives:
                    return None
                if c.dep_ == "nsubjpass" and t.lemma_ in self.lex.speech:
                    return self._passive_agent(t)  # "troops were reported killed": not the speaker
                if c.lower_ in self.lex.relative_pronouns and t.dep_ == "relcl":
                    # "Choi, who said ...": the relative's head
                    return self._agent(self._antecedent(t.head))
                if c.tag_ in ("WP", "WDT"):
                    return None  # '"Who would have believed it?"': a question, no one speaks
                return self._agent(c)
            for c in t.children:
                if c.dep_ == "agent":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    return self._agent(pobj) if pobj is not None else None
            if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return self._agent(t.head)
            if t is v and trailing_speakers(v) is not None:
                return self._agent(trailing_speakers(v))  # "..., residents and a group told Newswire"
            if t is v and self._misread_main_verb(v):
                return self._agent(v.head)  # "The agency estimated on Friday that ...", parsed as
                # "the agency (that was) estimated": the sentence's only verb is the cue
            if t is v and v.tag_ != "VBG" and opens_sentence(v):  # "Said the governor: ..." (inverted)
                obj = next((c for c in v.children if c.dep_ == "dobj" and c.i <= v.i + 4), None)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
            if t.dep_ in ("conj", "xcomp", "advcl") and t.head.pos_ in ("VERB", "AUX"):
                upper = self._reporter_of_conjunct(t) if t.dep_ == "conj" and t is v else None
                if upper is not None:
                    return upper
                t = t.head
                continue
            if t.dep_ == "xcomp" and t.head.dep_ == "acomp" and t.head.lower_ in MANNER_ADJECTIVES:
                t = t.head.head  # "was quick to blame the militia": the subject of "was"
                continue
            if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX"):
                t = t.head.head  # "She opened by saying that ...": the speaker of the verb above
                continue
            if (
                t is v
                and v.tag_ == "VBG"
                and t.dep_ == "pcomp"
                and t.head.dep_ == "prep"
                and t.head.head.pos_ == "NOUN"
                and t.head.head.dep_ in ("dobj", "pobj", "attr")
                and t.head.head.head.pos_ in ("VERB", "AUX", "ADP")
            ):
                # "appeared at a hearing for his role in promoting ... and for saying that ...": the
                # gerund's speaker is the one whose role or remarks the noun names, the verb's subject
                up = t.head.head.head
                t = up.head if up.pos_ == "ADP" and up.head.pos_ in ("VERB", "AUX") else up
                continue
            return None
        return None

    @staticmethod
    def _misread_main_verb(v: Token) -> bool:
        """A cue the parser reads as a participle on the sentence's head noun although it is the
        sentence's verb: "Britain's defence intelligence estimated last week that ..." (a noun as
        the root, the cue a VBN ``acl`` with a that-clause of its own)."""
        head = v.head
        return (
            v.dep_ == "acl"
            and v.tag_ == "VBN"
            and head.dep_ == "ROOT"
            and head.pos_ in ("NOUN", "PROPN")
            and head.i < v.i
            and any(c.dep_ == "ccomp" for c in v.children)
        )

    def _reporter_of_conjunct(self, v: Token) -> Token | None:
        """ "Zelensky said the attack showed ..., and accused Moscow of ...": a cue joined to the
        verb of a said clause whose subject cannot speak ("the attack") is the reporter's second
        act, so its speaker is the reporter's; None where the joined verb's subject can speak ("She
        said the minister praised the troops and criticized the plan": the minister)."""
        h = v.head
        subj = next((c for c in h.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None or subj.pos_ == "PRON" or self._is_source(subj):
            return None
        for _ in range(3):  # up through the said clause ("said the blast showed why X needed ...")
            if h.dep_ != "ccomp":
                return None
            h = h.head
            speaker = self._subject(h) if h.lemma_ in self.lex.speech_verbs else None
            if speaker is not None and (speaker.pos_ == "PRON" or self._is_source(speaker)):
                return speaker
        return None

    def _subjects(self, t: Token) -> list[Token]:
        """The subjects of ``t``, the speaker's first: where the parser gives a verb after a quote
        two subjects ('"Full retreat," said the commander'; '"My reaction, that was outrageous,"
        the aide said'), the one inside the quote is part of what is said, not who says it; of the
        rest, the nearest ("The Latest: Trump urges ...")."""
        subjects = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if len(subjects) < 2:
            return subjects
        outside = [c for c in subjects if self._quote_at(c.idx) is None]
        return sorted(outside or subjects, key=lambda c: abs(c.i - t.i))

    @staticmethod
    def _antecedent(head: Token) -> Token | None:
        """What a relative pronoun stands for: its head, except a date, which never speaks ("released
        video on Jan. 11 that showed ...": the video, the object of the verb the date hangs on)."""
        if head.ent_type_ not in ("DATE", "TIME"):
            return head
        prep = head.head
        if prep.dep_ != "prep" or prep.head is prep:
            return None
        gov = prep.head
        if gov.pos_ in ("NOUN", "PROPN"):
            return gov
        return next((c for c in gov.children if c.dep_ == "dobj" and c.i < prep.i), None)

    def _passive_agent(self, v: Token) -> Token | None:
        """The speaker in a passive cue's "by" phrase ("was reported by ISW"), if any."""
        for c in v.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                return self._agent(pobj) if pobj is not None else None
        return None

    def _is_source(self, tok: Token) -> bool:
        """Whether a word can be a source: an actor, a document or evidence noun, a pronoun."""
        return (
            self.actor_of[tok.i] is not None
            or tok.lemma_ in self.lex.nouns
            or tok.lower_ in self.lex.nouns
            or tok.lower_ in self.lex.evidence_nouns
            or tok.lemma_ in self.lex.evidence_nouns
            or tok.lower_ in self.lex.singular | self.lex.plural
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
        if self.actor_of[tok.i] is None and (
            tok.lemma_ in self.lex.evidence_nouns or tok.lower_ in self.lex.evidence_nouns
        ):
            gatherer = self._gatherer(tok)
            if gatherer is not None:
                return gatherer
        if (tok.lemma_ in self.lex.nouns or tok.lower_ in self.lex.nouns) and (
            actor is None or actor.type in ("media", "document")
        ):
            author = self._noun_author(tok)
            if author is not None:
                return author
        return tok

    def _gatherer(self, n: Token) -> Token | None:
        """Who gathered a body of evidence that speaks ("evidence gathered by investigators", "figures
        compiled by the UN"), unless it is a body that finds for itself ("a panel appointed by")."""
        if n.lemma_ in self.lex.evidence_bodies or n.lower_ in self.lex.evidence_bodies:
            return None
        for c in n.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                agent = next((g for g in c.children if g.dep_ == "agent"), None)
                pobj = (
                    next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                )
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                    return pobj
        return None

    def _noun_author(self, n: Token) -> Token | None:
        """The author of a cue noun: "ISW's report", "a report by ISW", "Pentagon data". An outlet
        that hosts an interview ("in a BBC interview", "CNN's interview with the minister") is not
        its author: the one interviewed speaks."""
        hosted = n.lemma_ in self.lex.hosted_nouns
        for c in n.children:
            if c.dep_ == "compound" and c.i < n.i and self.actor_of[c.i] is not None:
                if hosted and self._is_outlet(c):
                    continue
                return c
        for c in n.children:
            if c.dep_ == "poss" and c.tag_ != "PRP$":
                if hosted and self._is_outlet(c):
                    continue
                return c
            if c.dep_ == "prep" and c.lower_ in self.lex.agent_preps:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and (self.actor_of[pobj.i] is not None or pobj.pos_ == "PROPN"):
                    return pobj
        if n.dep_ == "dobj" and n.head.lemma_ in self.lex.making:  # "the office released video"
            subj = next((g for g in n.head.children if g.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return subj
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

    def _is_outlet(self, tok: Token) -> bool:
        """Whether a word names a news outlet (an actor of type media)."""
        actor = self.actor_of[tok.i]
        return actor is not None and actor.type == "media"

    def _resolve(self, a: Draft) -> list[ActorMention]:
        """The actors behind an attribution's source word and its conjuncts (memoised on ``a``)."""
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

    def _interviewed(self, sent: Span) -> list[ActorMention]:
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
        """The last body (not a person) named before ``t`` in its sentence or the one before; of
        those, the last one that spoke first ("the air force said in a statement on its Telegram
        channel. It said ...": the air force, not the channel's platform)."""
        sents = [s for s in self.doc.sents if s.end <= t.i or s.start <= t.i < s.end][-2:]
        if not sents:
            return []
        first = sents[0].start_char
        bodies = [
            a
            for a in reversed(self.actors)
            if first <= a.start < t.idx
            and a.type not in ("person", "anonymous")
            and self._quote_at(a.start) is None
        ]
        spoke = {d.source_tok.idx for d in self.attrs if d.source_tok is not None and d.source_tok.i < t.i}
        speakers = [a for a in bodies if any(a.start <= idx < a.end for idx in spoke)]
        return (speakers or bodies)[:1]

    def _last_person(self, t: Token) -> list[ActorMention]:
        """The last named person before ``t`` (outside quotes); where that name only owns a thing
        or sits in a phrase ("Machado's courage", "with Machado") and a person is the subject of a
        clause above ``t``, that subject ("Clinton says she admired Machado's courage through what
        she calls ...": Clinton)."""
        doc = self.doc
        for a in reversed(self.actors):
            if a.start >= t.idx or a.type != "person":
                continue
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None or span[0].pos_ != "PROPN" or self._quote_at(a.start) is not None:
                continue
            if _gender_clash(t, span):
                continue
            if span.root.dep_ in ("poss", "pobj") and span.root.sent.start <= t.i:
                binder = self._binding_subject(t)
                if binder is not None:
                    return [binder]
            return [a]
        for a in reversed(self.actors):  # no named person before: "The minister said ... he expects"
            if a.start >= t.idx or self._quote_at(a.start) is not None:
                continue
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is not None and _gender_clash(t, span):
                continue
            if a.type == "person" or (a.type == "anonymous" and span is not None and span.root.tag_ == "NN"):
                # an unnamed person too: "according to a township spokesman ... 'Ten died,' he said"
                return [a]
        return self._surname_as_body(t)

    def _binding_subject(self, t: Token) -> ActorMention | None:
        """The named person (outside quotes) who is the subject of a clause that holds ``t``."""
        for anc in t.ancestors:
            for c in anc.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i and c.i not in (x.i for x in t.ancestors):
                    actor = self.actor_of[c.i]
                    if actor is not None and actor.type == "person" and self._quote_at(actor.start) is None:
                        return actor
        return None

    def _surname_as_body(self, t: Token) -> list[ActorMention]:
        """With no person before ``t``, a one-word name the entity tagger called an organisation, in
        its sentence or the one before ("Kozak visited the site. He said ..."); never an acronym,
        a known body or a name with a body's keyword (those are typed apart from "organization")."""
        sents = [s for s in self.doc.sents if s.end <= t.i or s.start <= t.i < s.end][-2:]
        if not sents:
            return []
        first = sents[0].start_char
        for a in reversed(self.actors):
            if (
                not (first <= a.start < t.idx)
                or a.type != "organization"
                or self._quote_at(a.start) is not None
            ):
                continue
            span = self.doc.char_span(a.start, a.end, alignment_mode="expand")
            if (
                span is not None
                and len(span) == 1
                and span[0].pos_ == "PROPN"
                and span[0].is_title
                and a.normalized == a.text
            ):
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
        speaker's words; a stance or intention inside another's report ("X said Russia plans to send
        ...", "X said the minister supports the plan") is part of what X says (its modality, or the
        stance X ascribes), not a further source, unless it makes a charge ("X said the NIS blamed
        ...": ``charge_verbs``). The reporter's own next act ("X said ... and accused Y") stays."""
        a = self.attrs[i]
        cue = self.doc[a.cue_start]
        if not self._stance_cue(a):
            return False
        if self._quote_at(cue.idx) is not None:
            return True
        return cue.lemma_ not in self.lex.charge and any(
            j != i
            and b.content[0] <= cue.idx < b.content[1]
            and b.source_tok is not None
            and not self._own_conjunct(a, b)
            for j, b in enumerate(self.attrs)
        )

    def _stance_cue(self, a: Draft) -> bool:
        """Whether an attribution's cue is a stance or an intention: a verb that needs a speaker, a
        stance adjective or feeling ("was concerned about"), a holder of a stance ("is a critic
        of") or a noun of stance ("the ministry's decision to ...", ``stance_nouns``)."""
        cue = self.doc[a.cue_start]
        if a.kind == "verb" and cue.lemma_ in self.lex.needs_speaker:
            return True
        words = self.doc[a.cue_start : a.cue_end]
        return a.kind in ("verb", "noun") and any(
            w.lower_ in self.lex.stance_adjectives
            or w.lower_ in self.lex.feeling_participles
            or (
                a.kind == "noun"
                and (w.lemma_ in self.lex.stance_holder_nouns or w.lemma_ in self.lex.stance_nouns)
            )
            for w in words
        )

    def _own_conjunct(self, a: Draft, b: Draft) -> bool:
        """Whether cue ``a``, joined inside what ``b`` says, is ``b``'s speaker's own next act
        ("X said ..., and accused Y of ...", see ``_reporter_of_conjunct``)."""
        return (
            a.source_tok is not None
            and b.source_tok is not None
            and a.source_tok.i == b.source_tok.i
            and self.doc[a.cue_start].dep_ == "conj"
            and self.doc[b.cue_start].lemma_ in self.lex.speech_verbs
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
        self._cut_own_conjuncts(order)
        new_index = {old: new for new, old in enumerate(order)}
        return [self._mention(i, new_index) for i in order]

    def _cut_own_conjuncts(self, order: list[int]) -> None:
        """ "X said the attack showed ..., and accused Y of ...": what X said ends before X's own
        next cue joined to it (the parser hangs that cue inside the said clause)."""
        doc = self.doc
        for i in order:
            a = self.attrs[i]
            if a.source_tok is None:
                continue
            cue = doc[a.cue_start]
            for j in order:
                b = self.attrs[j]
                if (
                    j == i
                    or not self._own_conjunct(a, b)
                    or not b.content[0] < cue.idx < b.content[1]
                    or b.cue_start >= a.cue_start
                ):
                    continue
                k = cue.left_edge.i - 1
                while k > 0 and doc[k].dep_ in ("cc", "punct"):
                    k -= 1
                end = doc[k].idx + len(doc[k])
                if b.content[0] < end < b.content[1]:
                    b.content = (b.content[0], end)
                    if i in b.cites:
                        b.cites.remove(i)

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
            source_word=self._relative_word(a) if source is not None else None,
        )
        actors = self._resolve(a)
        if actors:
            first = actors[0]
            m.source_name = " and ".join(dict.fromkeys(x.normalized for x in actors))
            types = {x.type for x in actors}
            typ = first.type if len(types) > 1 else types.pop()
            m.source_type = ACTOR_TYPE_FOR_SOURCE.get(typ, typ)
            if typ == "organization" and a.source_tok is not None and a.source_tok.lower_ in ("he", "she"):
                m.source_type = (
                    "person"  # "Kozak visited ... He said": the tagger's "organisation" is a person
                )
            m.source_role = first.role if len(actors) == 1 else None
            m.source_country = first.country if len({x.country for x in actors}) == 1 else None
        elif source is not None and a.source_tok is not None:
            m.source_name = source.text
            m.source_type = "document" if a.source_tok.lemma_ in self.lex.document_nouns else "unknown"
        return m

    def _relative_word(self, a: Draft) -> TextSpan | None:
        """The relative pronoun that is the subject of the cue's clause, where the source is its
        antecedent ("Choi, who said ..." -> "who"; also through a shared subject: "who cited HUR
        and said"), else None."""
        t = self.doc[a.cue_start]
        for _ in range(4):
            subjects = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                c = subjects[0]
                if t.dep_ == "relcl" and c.lower_ in self.lex.relative_pronouns and a.source_tok is not None:
                    if a.source_tok.i < c.i:  # the antecedent, or the author of a document antecedent
                        return TextSpan(c.idx, c.idx + len(c), c.text)
                return None
            if t.dep_ not in ("conj", "xcomp", "advcl") or t.head.pos_ not in ("VERB", "AUX"):
                return None
            t = t.head
        return None

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
