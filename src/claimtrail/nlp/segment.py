"""Line breaks and datelines as sentence boundaries, set before the parser runs.

News text puts headlines, datelines, captions and paragraphs on lines of their own, often without a
closing full stop ("Satellite study backs estimates of North Korean force in Russia"). The parser then
glues the headline to the first sentence, and the headline's words become the speaker of the lede.
A blank line always ends a sentence; a single line break does when the next line starts like a
sentence (a capital, a digit or a quote) and the line before does not end mid-phrase.

Long texts are parsed in pieces (``piece_bounds``): spaCy refuses a text over ``nlp.max_length``
(1,000,000 characters), and its time and memory per character grow with the length of one Doc. A
piece ends at a paragraph break where one is near the limit, else at a line break, a sentence end or
a space; every Doc of a piece carries where it starts in the article (``doc._.piece_start``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..datelines import is_dateline_prefix
from .extensions import doc_text

# Where a Doc's text starts in its article: 0 for a whole article or its first piece. Claims and
# annotations add it to their offsets, so they index the full article text.
if not Doc.has_extension("piece_start"):
    Doc.set_extension("piece_start", default=0)

# The longest piece of text parsed as one Doc: far under spaCy's 1,000,000-character limit, and
# small enough that the per-claim scans over a Doc's mentions (claims, attribution, modality) stay
# cheap: CPU time per character is flat up to ~50,000 characters and 1.4x at 100,000
# (bench/long_docs.py). A news article, even a long read, is one piece.
MAX_PIECE_CHARS = 50_000

# Where a piece may end, best first: after a blank line, a line break, a sentence end, a space.
PIECE_CUTS = ("\n\n", "\n", ". ", " ")


def piece_bounds(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) ranges covering ``text`` exactly, in order, each at most ``limit`` characters
    (default ``MAX_PIECE_CHARS``, read at call time so a test can lower it).

    A text up to ``limit`` is one piece. Otherwise each piece ends at the last paragraph break in the
    second half of its window (else a line break, a sentence end, a space; a hard cut only for a
    run of ``limit / 2`` characters without any space). Each window is searched once: linear time.
    """
    limit = limit or MAX_PIECE_CHARS
    if limit < 2:
        raise ValueError(f"a piece limit of {limit} characters is too small")
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        end = _piece_end(text, start, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, n))
    return bounds


def _piece_end(text: str, start: int, hard_end: int) -> int:
    """The best place to end a piece that starts at ``start`` and may run to ``hard_end``."""
    floor = start + (hard_end - start) // 2
    for cut in PIECE_CUTS:
        at = text.rfind(cut, floor, hard_end)
        if at >= 0:
            return at + len(cut)
    return hard_end


# A dateline opens a paragraph near the top: "SEOUL, March 6, 2025 (Harbour Wire) — ...",
# "KYIV (Reuters) -", "Seoul, Jan. 13 —": a capitalised place, then a date or an outlet, then a dash.
DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][^\n!?—–]{1,90}?)[ \t](?:—|–|--|-)[ \t]")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of datelines in the first lines of an article (they date the article, and
    they are not part of the first sentence's grammar). The place is in capitals ("SEOUL") or a date
    follows it, so "The attack — the third this week — ..." is no dateline."""
    spans = []
    for m in DATELINE.finditer(text[:1200]):
        if is_dateline_prefix(m.group(1)):
            spans.append((m.start(1), m.end()))
    return spans


def doc_datelines(doc: Doc) -> list[tuple[int, int]]:
    """The dateline ranges of a Doc: only the article's first piece can open with a dateline."""
    return dateline_spans(doc_text(doc)) if doc._.piece_start == 0 else []


OPENERS = ('"', "“", "‘", "'", "(", "«")
CONTINUES = {",", ";", ":", "-", "–", "and", "or", "but", "the", "a", "an", "of", "to", "in", "by"}


@Language.component("claimtrail_lines", assigns=["token.is_sent_start"])
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
    for _start, end in doc_datelines(doc):
        span = doc.char_span(end, end + 1, alignment_mode="expand")
        if span is not None and span[0].i > 0 and not span[0].is_space:
            span[0].is_sent_start = True
    return doc
