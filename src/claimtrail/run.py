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
from .model import Article, Claim, Failure
from .nlp.pipeline import load_pipeline, make_doc
from .settings import Settings, load_settings


@dataclass
class IngestReport:
    """What one ingest run did; the CLI prints it as the closing summary."""

    articles_added: int = 0
    articles_skipped: int = 0
    claims_added: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def articles_seen(self) -> int:
        return self.articles_added + self.articles_skipped + len(self.failures)


def extract_article(article: Article, nlp: Language | None = None) -> list[Claim]:
    """Claims of one article (no ledger involved)."""
    nlp = nlp or load_pipeline()
    doc = nlp(make_doc(nlp, article.text, article.published))
    return build_claims(doc, article)


def extract_batch(
    articles: list[Article], nlp: Language, batch_size: int = 32
) -> Iterator[tuple[Article, list[Claim]]]:
    """Claims of many articles with one batched ``nlp.pipe`` pass."""
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
) -> IngestReport:
    """Read every input, extract claims, store each article in its own transaction.

    ``on_item(status, item)`` is called per input (status: "added", "skipped", "failed") so a CLI can
    advance a progress bar. A bad input is recorded as a failure and the batch goes on.
    """
    from .ingest.read import iter_inputs

    settings = settings or load_settings()
    report = IngestReport()
    nlp: Language | None = None
    writer = _Writer(ledger, report, on_item)
    try:
        inputs = iter_inputs(paths, published=published, url=url, outlet=outlet, settings=settings)
        for chunk in _chunks(inputs, settings.batch_size):
            todo: list[Article] = []
            for item in chunk:
                if isinstance(item, Failure):
                    writer.fail(item)
                elif ledger.has_article(item.article_id) or any(
                    a.article_id == item.article_id for a in todo
                ):
                    writer.skip(item)
                else:
                    todo.append(item)
            if not todo:
                continue
            nlp = nlp or load_pipeline(settings.model)
            for article, claims in _safe_batch(todo, nlp, settings.batch_size, writer):
                writer.store(article, claims)
    finally:
        writer.close()
    return report


class _Writer:
    """Stores articles on a thread of its own, so the next batch is parsed while this one is written.

    Every write (articles, failures, report counts, progress callbacks) goes through this one thread,
    in order; each article is still its own transaction. An error in a write is raised on ``close``.
    """

    def __init__(self, ledger, report: IngestReport, on_item) -> None:
        self.ledger = ledger
        self.report = report
        self.on_item = on_item
        self.tasks: queue.Queue = queue.Queue(maxsize=64)
        self.error: BaseException | None = None
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

    def fail(self, failure: Failure) -> None:
        def task() -> None:
            self.report.failures.append(failure)
            self.ledger.record_failure(failure.source, failure.reason)
            self._done("failed", failure)

        self._put(task)

    def skip(self, article: Article) -> None:
        def task() -> None:
            self.report.articles_skipped += 1
            self._done("skipped", article)

        self._put(task)

    def store(self, article: Article, claims: list[Claim]) -> None:
        def task() -> None:
            if self.ledger.add_article(article, claims):
                self.report.articles_added += 1
                self.report.claims_added += len(claims)
                self._done("added", article)
            else:
                self.report.articles_skipped += 1
                self._done("skipped", article)

        self._put(task)

    def close(self) -> None:
        self.tasks.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


def _safe_batch(
    articles: list[Article], nlp: Language, batch_size: int, writer: _Writer
) -> Iterator[tuple[Article, list[Claim]]]:
    """``extract_batch``, falling back to one article at a time so one bad article fails alone."""
    try:
        results = list(extract_batch(articles, nlp, batch_size))
    except Exception:  # noqa: BLE001 - isolate the failing article below
        results = []
        for article in articles:
            try:
                results.append((article, extract_article(article, nlp)))
            except Exception as exc:  # noqa: BLE001 - reported as a failure, the batch goes on
                source = article.source_path or article.url or article.article_id
                writer.fail(Failure(source, f"extraction failed: {exc}"))
    yield from results
