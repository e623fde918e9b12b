"""The batch runner: inputs -> articles -> one spaCy pass in batches -> claims -> ledger.

Per-article work (``extract_article``) is a pure function of the article and the pipeline, so the same
code runs in-process or mapped over workers. Articles already in the ledger are skipped before any
parsing (re-ingest changes nothing and costs little); each article is stored in its own transaction.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from spacy.language import Language

from .claims import build_claims
from .errors import LedgerError
from .model import Article, Claim, Failure
from .nlp import segment
from .nlp.pipeline import load_pipeline, make_doc, make_docs
from .settings import Settings, load_settings


@dataclass
class IngestReport:
    """What one ingest run did; the CLI prints it as the closing summary."""

    articles_added: int = 0
    articles_skipped: int = 0  # already stored, including the duplicates below
    claims_added: int = 0
    failures: list[Failure] = field(default_factory=list)
    # (source, id of the stored article): inputs skipped because their text is already stored
    duplicates: list[tuple[str, str]] = field(default_factory=list)

    @property
    def articles_seen(self) -> int:
        return self.articles_added + self.articles_skipped + len(self.failures)


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


def _chunks(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ingest(
    paths: list[str],
    ledger,  # store.ledger.Ledger
    *,
    published: date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
    on_item: Callable[[str, Article | Failure], None] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> IngestReport:
    """Read every input, extract claims, store each article in its own transaction.

    ``on_item(status, item)`` is called per input (status: "added", "skipped", "failed") so a CLI can
    advance a progress bar. A bad input is recorded as a failure and the batch goes on.
    """
    from .ingest.read import iter_inputs

    settings = settings or load_settings()
    report = IngestReport()
    writer = _Writer(ledger, report, on_item)
    try:
        inputs = iter_inputs(paths, published=published, url=url, outlet=outlet, settings=settings)
        batches = _new_articles(inputs, ledger, writer, settings.batch_size)
        for result in extract_batches(batches, settings, workers=workers, scheduler=scheduler):
            if isinstance(result, Failure):
                writer.fail(result)
            else:
                writer.store(*result)
    finally:
        writer.close()
    return report


def _new_articles(
    inputs: Iterable[Article | Failure], ledger, writer: _Writer, size: int
) -> Iterator[list[Article]]:
    """Batches of articles not yet in the ledger; failures, unchanged articles and text duplicates
    (the same text already stored, or earlier in this batch, under another id) go to the writer."""
    from .ingest.ids import text_hash

    for chunk in _chunks(inputs, size):
        todo: list[Article] = []
        batch_ids: set[str] = set()
        batch_texts: dict[str, str] = {}  # text hash -> article id, for the articles in ``todo``
        for item in chunk:
            if isinstance(item, Failure):
                writer.fail(item)
                continue
            key = text_hash(item.text)
            stored = ledger.find_stored(item, key)
            if stored is None:
                stored = item.article_id if item.article_id in batch_ids else batch_texts.get(key)
            if stored == item.article_id:
                writer.skip(item)
            elif stored is not None:
                writer.duplicate(item, stored)
            else:
                todo.append(item)
                batch_ids.add(item.article_id)
                batch_texts[key] = item.article_id
        if todo:
            yield todo


def extract_batches(
    batches: Iterable[list[Article]],
    settings: Settings,
    *,
    workers: int = 1,
    scheduler: str | None = None,
) -> Iterator[tuple[Article, list[Claim]] | Failure]:
    """Claims of each batch, in order: in this process, in a local process pool (``workers`` > 1) or
    on a Dask cluster (``scheduler``: "local" or a scheduler address such as tcp://10.0.0.5:8786)."""
    if scheduler:
        from .parallel import dask_map

        yield from dask_map(batches, settings, scheduler=scheduler, workers=workers)
    elif workers > 1:
        from .parallel import pool_map

        yield from pool_map(batches, settings, workers=workers)
    else:
        for batch in batches:
            yield from extract_chunk(batch, settings.model, settings.batch_size)


def extract_chunk(
    articles: list[Article], model: str = "en_core_web_sm", batch_size: int = 32
) -> list[tuple[Article, list[Claim]] | Failure]:
    """Claims of a batch of articles: one batched parse, then article by article if that fails, so
    one bad article fails alone. A pure function of its inputs: it runs the same in a worker process."""
    nlp = load_pipeline(model)
    try:
        return list(extract_batch(articles, nlp, batch_size))
    except Exception:  # noqa: BLE001 - isolate the failing article below
        pass
    results: list[tuple[Article, list[Claim]] | Failure] = []
    for article in articles:
        try:
            results.append((article, extract_article(article, nlp)))
        except Exception as exc:  # noqa: BLE001 - reported as a failure, the batch goes on
            source = article.source_path or article.url or article.article_id
            results.append(Failure(source, f"extraction failed: {exc}"))
    return results


class _Writer:
    """Stores articles on a thread of its own, so the next batch is parsed while this one is written.

    Every write (articles, failures, report counts, progress callbacks) goes through this one thread,
    in order; each article is still its own transaction. An article the ledger refuses
    (``LedgerError``: a value the database rejects) is recorded as a failure and the run goes on; an
    error recording a failure (the ledger itself is unusable) is raised on ``close``.
    """

    def __init__(self, ledger, report: IngestReport, on_item) -> None:
        self.ledger = ledger
        self.report = report
        self.on_item = on_item
        self.tasks: queue.Queue = queue.Queue(maxsize=64)
        self.error: BaseException | None = None
        self.failed_sources: set[str] | None = None  # loaded on the first skip
        self.thread = threading.Thread(target=self._loop, name="claimtrail-writer", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while (task := self.tasks.get()) is not None:
            if self.error is None:
                try:
                    task()
                except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                    self.error = exc

    def _put(self, task: Callable[[], None]) -> None:
        if self.error is not None:
            raise self.error
        self.tasks.put(task)

    def _done(self, status: str, item: Article | Failure) -> None:
        if self.on_item:
            self.on_item(status, item)

    def _record_failure(self, failure: Failure) -> None:
        from .ingest.boundary import safe_failure

        failure = safe_failure(failure)  # e.g. an extraction error quoting the text: one safe line
        self.report.failures.append(failure)
        self.ledger.record_failure(failure.source, failure.reason)
        if self.failed_sources is not None:
            self.failed_sources.add(failure.source)
        self._done("failed", failure)

    def _clear_stale_failures(self, article: Article) -> None:
        """A skipped article is in the ledger: a failure still listed for its input is stale."""
        from .store.rows import input_sources

        if self.failed_sources is None:
            self.failed_sources = self.ledger.failed_sources()
        stale = [s for s in input_sources(article) if s in self.failed_sources]
        if stale:
            self.ledger.clear_failures(*stale)
            self.failed_sources.difference_update(stale)

    def fail(self, failure: Failure) -> None:
        self._put(lambda: self._record_failure(failure))

    def skip(self, article: Article) -> None:
        def task() -> None:
            self._clear_stale_failures(article)
            self.report.articles_skipped += 1
            self._done("skipped", article)

        self._put(task)

    def duplicate(self, article: Article, stored_id: str) -> None:
        """``article`` has the text of the stored article ``stored_id``: reported, not stored."""
        self._put(lambda: self._record_duplicate(article, stored_id))

    def _record_duplicate(self, article: Article, stored_id: str) -> None:
        self._clear_stale_failures(article)
        self.report.articles_skipped += 1
        source = article.source_path or article.url or article.article_id
        self.report.duplicates.append((source, stored_id))
        self._done("skipped", article)

    def store(self, article: Article, claims: list[Claim]) -> None:
        def task() -> None:
            try:
                # Checked again here, after every earlier write: a text seen in an earlier batch of
                # this run may have been committed only after that batch was screened.
                stored = self.ledger.find_stored(article)
                if stored is not None and stored != article.article_id:
                    self._record_duplicate(article, stored)
                    return
                added = self.ledger.add_article(article, claims)
            except LedgerError as exc:
                source = article.source_path or article.url or article.article_id
                self._record_failure(Failure(source, f"could not be stored: {exc}"))
                return
            if added:
                self.report.articles_added += 1
                self.report.claims_added += len(claims)
                self._done("added", article)
            else:
                self._clear_stale_failures(article)
                self.report.articles_skipped += 1
                self._done("skipped", article)

        self._put(task)

    def close(self) -> None:
        self.tasks.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
