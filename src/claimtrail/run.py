"""The batch runner: inputs -> articles -> one spaCy pass in batches -> claims -> ledger.

Per-article work (``worker.extract_chunk``) is a pure function of the articles and the pipeline, so
the same code runs in-process or mapped over workers (``parallel.py``). Articles already in the
ledger are skipped before any parsing (re-ingest changes nothing and costs little); each article is
stored in its own transaction, by one writer.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

from .errors import LedgerError
from .ingest.boundary import safe_failure
from .ingest.ids import text_hash
from .ingest.read import iter_inputs
from .model import Article, Claim, Failure
from .parallel import dask_map, pool_map
from .settings import Settings, load_settings
from .store.rows import input_sources
from .worker import Result, extract_chunk
from .workserver import prepare_workers

if TYPE_CHECKING:
    from .store.ledger import Ledger

#: Called once per input with its status ("added", "skipped", "failed"), e.g. to advance a progress bar.
OnItem = Callable[[str, Article | Failure], None]


@dataclass
class IngestReport:
    """What one ingest run did; the CLI prints it as the closing summary."""

    articles_added: int = 0
    articles_skipped: int = 0  # already stored, including the duplicates below
    claims_added: int = 0
    failures: list[Failure] = field(default_factory=list)
    # (source, id of the stored article): inputs skipped because their text is already stored
    duplicates: list[tuple[str, str]] = field(default_factory=list)


def _chunks(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    """The items in lists of ``size`` (the last one shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ingest(
    paths: list[str],
    ledger: Ledger,
    *,
    published: date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
    on_item: OnItem | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> IngestReport:
    """Read every input, extract claims, store each article in its own transaction.

    ``on_item(status, item)`` is called per input (status: "added", "skipped", "failed") so a CLI can
    advance a progress bar. A bad input is recorded as a failure and the batch goes on.
    """
    settings = settings or load_settings()
    inputs = iter_inputs(paths, published=published, url=url, outlet=outlet, settings=settings)
    return ingest_records(inputs, ledger, settings, on_item=on_item, workers=workers, scheduler=scheduler)


def ingest_records(
    inputs: Iterable[Article | Failure],
    ledger: Ledger,
    settings: Settings,
    *,
    on_item: OnItem | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> IngestReport:
    """``ingest`` of records already read and finished (``claimtrail watch`` reads its own feeds)."""
    report = IngestReport()
    # Workers are forked from a server with the model loaded; start it before the writer thread,
    # so that it may be a fork of this process, and so that it loads while the inputs are read.
    prepare_workers(settings.model, workers=workers, scheduler=scheduler)
    writer = _Writer(ledger, report, on_item)
    try:
        batches = _new_articles(inputs, ledger, writer, settings.batch_size)
        pending: list[tuple[Article, list[Claim]]] = []
        for result in extract_batches(batches, settings, workers=workers, scheduler=scheduler):
            if isinstance(result, Failure):
                writer.store_batch(pending)  # in order: the articles before it first
                pending = []
                writer.fail(result)
                continue
            pending.append(result)
            if len(pending) >= settings.batch_size:
                writer.store_batch(pending)
                pending = []
        writer.store_batch(pending)
    finally:
        writer.close()
    return report


def _new_articles(
    inputs: Iterable[Article | Failure], ledger: Ledger, writer: _Writer, size: int
) -> Iterator[list[Article]]:
    """Batches of articles not yet in the ledger; failures, unchanged articles and text duplicates
    (the same text already stored, or earlier in this batch, under another id) go to the writer."""
    for chunk in _chunks(inputs, size):
        todo: list[Article] = []
        batch_ids: set[str] = set()
        batch_texts: dict[str, str] = {}  # text hash -> article id, for the articles in ``todo``
        # one look-up for the whole chunk, then each input in its order (failures included)
        keyed = [(item, text_hash(item.text)) for item in chunk if not isinstance(item, Failure)]
        found = iter(zip(keyed, ledger.find_stored_many(keyed) if keyed else [], strict=True))
        for item in chunk:
            if isinstance(item, Failure):
                writer.fail(item)
                continue
            (_, key), stored = next(found)
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
) -> Iterator[Result]:
    """Claims of each batch, in order: in this process, in a local process pool (``workers`` > 1) or
    on a Dask cluster (``scheduler``: "local" or a scheduler address such as tcp://10.0.0.5:8786)."""
    if scheduler:
        yield from dask_map(batches, settings, scheduler=scheduler, workers=workers)
    elif workers > 1:
        yield from pool_map(batches, settings, workers=workers)
    else:
        for batch in batches:
            yield from extract_chunk(batch, settings.model, settings.batch_size)


class _Writer:
    """Stores articles on a thread of its own, so the next batch is parsed while this one is written.

    Every write (articles, failures, report counts, progress callbacks) goes through this one thread,
    in order; a batch of articles is one transaction, each article in a savepoint of its own. An article the ledger refuses
    (``LedgerError``: a value the database rejects) is recorded as a failure and the run goes on; an
    error recording a failure (the ledger itself is unusable) is raised on ``close``.
    """

    def __init__(self, ledger: Ledger, report: IngestReport, on_item: OnItem | None) -> None:
        # fusion registers the function the ledger finds each written article's topics with
        # (store/topics.py), so a full fusion run reads them instead of every claim
        from . import fusion  # noqa: F401

        self.ledger = ledger
        self.report = report
        self.on_item = on_item
        self.tasks: queue.Queue[Callable[[], None] | None] = queue.Queue(maxsize=64)
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
        failure = safe_failure(failure)  # e.g. an extraction error quoting the text: one safe line
        self.report.failures.append(failure)
        self.ledger.record_failure(failure.source, failure.reason)
        if self.failed_sources is not None:
            self.failed_sources.add(failure.source)
        self._done("failed", failure)

    def _clear_stale_failures(self, article: Article) -> None:
        """A skipped article is in the ledger: a failure still listed for its input is stale."""
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

    def store_batch(self, batch: list[tuple[Article, list[Claim]]]) -> None:
        """Store a batch of articles in one transaction (``Ledger.add_articles``): an article the
        ledger refuses becomes a failure and the rest are stored; if the batch's transaction itself
        fails, each article is tried again in a transaction of its own."""
        if not batch:
            return

        def task() -> None:
            todo: list[tuple[Article, list[Claim]]] = []
            # Checked again here, after every earlier write: a text seen in an earlier batch of
            # this run may have been committed only after that batch was screened.
            found = self.ledger.find_stored_many([(article, None) for article, _ in batch])
            for (article, claims), stored in zip(batch, found, strict=True):
                if stored is not None and stored != article.article_id:
                    self._record_duplicate(article, stored)
                else:
                    todo.append((article, claims))
            try:
                outcomes = self.ledger.add_articles(todo)
            except LedgerError:
                for article, claims in todo:
                    self._store_now(article, claims)
                return
            for (article, claims), outcome in zip(todo, outcomes, strict=True):
                self._stored(article, claims, outcome)

        self._put(task)

    def _store_now(self, article: Article, claims: list[Claim]) -> None:
        try:
            outcome: bool | LedgerError = self.ledger.add_article(article, claims)
        except LedgerError as exc:
            outcome = exc
        self._stored(article, claims, outcome)

    def _stored(self, article: Article, claims: list[Claim], outcome: bool | LedgerError) -> None:
        """Report one article's outcome: added, already stored (skipped) or refused (a failure)."""
        if isinstance(outcome, LedgerError):
            source = article.source_path or article.url or article.article_id
            self._record_failure(Failure(source, f"could not be stored: {outcome}"))
        elif outcome:
            self.report.articles_added += 1
            self.report.claims_added += len(claims)
            self._done("added", article)
        else:
            self._clear_stale_failures(article)
            self.report.articles_skipped += 1
            self._done("skipped", article)

    def store(self, article: Article, claims: list[Claim]) -> None:
        """Store one article (a batch of one)."""
        self.store_batch([(article, claims)])

    def close(self) -> None:
        self.tasks.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
