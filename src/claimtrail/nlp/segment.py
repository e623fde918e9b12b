"""Line breaks and datelines as sentence boundaries, set before the parser runs.

News text puts headlines, datelines, captions and paragraphs on lines of their own, often without a
closing full stop ("Satellite study backs estimates of North Korean force in Russia"). The parser then
glues the headline to the first sentence, and the headline's words become the speaker of the lede.
A blank line always ends a sentence; a single line break does when the next line starts like a
sentence (a capital, a digit or a quote) and the line before does not end mid-phrase.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_text

# A dateline opens a paragraph near the top: "SEOUL, March 6, 2025 (Harbour Wire) — ...",
# "KYIV (Reuters) -", "Seoul, Jan. 13 —": a capitalised place, then a date or an outlet, then a dash.
DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][^\n!?—–]{1,90}?)[ \t](?:—|–|--|-)[ \t]")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of datelines in the first lines of an article (they date the article, and
    they are not part of the first sentence's grammar). The place is in capitals ("SEOUL") or a date
    follows it, so "The attack — the third this week — ..." is no dateline."""
    spans = []
    for m in DATELINE.finditer(text[:1200]):
        prefix = m.group(1)
        first = prefix.split()[0].strip(",")
        if len(prefix.split()) <= 12 and (
            (first.isupper() and len(first) > 1) or any(ch.isdigit() for ch in prefix)
        ):
            spans.append((m.start(1), m.end()))
    return spans


OPENERS = ('"', "“", "‘", "'", "(", "«")
CONTINUES = {",", ";", ":", "-", "–", "and", "or", "but", "the", "a", "an", "of", "to", "in", "by"}


@Language.component("claimtrail_lines")
def mark_line_breaks(doc: Doc) -> Doc:
    """Preset sentence starts after line breaks (the parser keeps them)."""
    n = len(doc)
    for tok in doc:
        if not tok.is_space or "\n" not in tok.text or tok.i + 1 >= n or tok.i == 0:
            continue
        nxt, prev = doc[tok.i + 1], doc[tok.i - 1]
        if "\n\n" in tok.text or (
            (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text.startswith(OPENERS))
            and prev.lower_ not in CONTINUES
        ):
            nxt.is_sent_start = True
    # the lede starts after its dateline: "SEOUL, Jan. 13 (Wire) — North Korean casualties have ..."
    for _start, end in dateline_spans(doc_text(doc)):
        span = doc.char_span(end, end + 1, alignment_mode="expand")
        if span is not None and span[0].i > 0 and not span[0].is_space:
            span[0].is_sent_start = True
    return doc
