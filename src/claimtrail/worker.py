"""Per-article extraction: the work a worker does, whichever runs it.

``extract_chunk`` is a pure function of a batch of articles and the pipeline's settings, so the
same code runs in the calling process (``run.py``), in a local process pool or on a Dask cluster
(``parallel.py``); both import it from here. No ledger is involved: results go back to the caller,
which alone writes.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language

from .claims import build_claims
from .model import Article, Claim, Failure
from .nlp import segment
from .nlp.pipeline import load_pipeline, make_doc, make_docs

#: What extraction gives for one article: the article with its claims, or why it failed.
Result = tuple[Article, list[Claim]] | Failure
#: What a worker process sends back for one article: its claims, or why it failed. The caller
#: already holds the article, so its text does not travel back (``rejoin`` pairs them again).
Compact = list[Claim] | Failure


def extract_chunk(
    articles: list[Article], model: str = "en_core_web_sm", batch_size: int = 32
) -> list[Result]:
    """Claims of a batch of articles: one batched parse, then article by article if that fails, so
    one bad article fails alone. A pure function of its inputs: it runs the same in a worker process."""
    nlp = load_pipeline(model)
    try:
        return list(extract_batch(articles, nlp, batch_size))
    except Exception:  # noqa: BLE001 - an article broke the joint parse: each one alone below
        return [_extract_alone(article, nlp) for article in articles]


def extract_compact(
    articles: list[Article], model: str = "en_core_web_sm", batch_size: int = 32
) -> list[Compact]:
    """``extract_chunk`` for a worker process: one entry per article, claims without the article,
    so only the claims are pickled back to the caller."""
    return [r if isinstance(r, Failure) else r[1] for r in extract_chunk(articles, model, batch_size)]


def rejoin(articles: list[Article], compact: list[Compact] | list[Result]) -> list[Result]:
    """The results of ``articles`` from what a worker sent back (``extract_compact``; full results
    pass through unchanged)."""
    out: list[Result] = []
    for article, entry in zip(articles, compact, strict=True):
        out.append((article, entry) if isinstance(entry, list) else entry)
    return out


def _extract_alone(article: Article, nlp: Language) -> Result:
    """Claims of one article, or a Failure saying why extraction failed (the batch goes on)."""
    try:
        return article, extract_article(article, nlp)
    except Exception as exc:  # noqa: BLE001 - reported as a failure, the batch goes on
        source = article.source_path or article.url or article.article_id
        return Failure(source, f"extraction failed: {exc}")


def extract_article(article: Article, nlp: Language | None = None) -> list[Claim]:
    """Claims of one article (no ledger involved). A long article is parsed piece by piece
    (``nlp.pipeline.make_docs``); each piece's Doc is dropped once its claims are built."""
    nlp = nlp or load_pipeline()
    claims: list[Claim] = []
    for piece in make_docs(nlp, article.text, article.published):
        claims.extend(build_claims(nlp(piece), article))
    return claims


def extract_batch(
    articles: list[Article], nlp: Language, batch_size: int = 32
) -> Iterator[tuple[Article, list[Claim]]]:
    """Claims of many articles, in order: runs of articles of one piece share a batched
    ``nlp.pipe`` pass; a long article is parsed on its own, piece by piece (bounded memory)."""
    run: list[Article] = []
    for article in articles:
        if len(article.text) <= segment.MAX_PIECE_CHARS:
            run.append(article)
            continue
        yield from _extract_run(run, nlp, batch_size)
        run = []
        yield article, extract_article(article, nlp)
    yield from _extract_run(run, nlp, batch_size)


def _extract_run(
    articles: list[Article], nlp: Language, batch_size: int
) -> Iterator[tuple[Article, list[Claim]]]:
    """Claims of articles of one piece each, with one batched ``nlp.pipe`` pass."""
    if not articles:
        return
    docs = nlp.pipe((make_doc(nlp, a.text, a.published) for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        yield article, build_claims(doc, article)
