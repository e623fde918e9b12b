"""claimtrail: a ledger of sourced claims from war and crisis reporting.

The Python API mirrors the CLI: ``extract`` turns a text into claims without a ledger;
``open_ledger`` opens (and migrates) a ledger; ``ingest`` reads files into it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

# The extractor subpackage is imported first, so that the function ``extract`` defined below (the
# public API) stays the package attribute: importing ``claimtrail.extract.<module>`` later only
# touches the subpackage entry in sys.modules, never this attribute again.
from . import extract as _extractors  # noqa: F401
from .errors import ClaimtrailError, InputError, LedgerError
from .model import Article, Claim, Failure
from .store.filters import ClaimFilter

if TYPE_CHECKING:
    from .run import IngestReport
    from .store.ledger import Ledger

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "ClaimFilter",
    "ClaimtrailError",
    "Failure",
    "InputError",
    "LedgerError",
    "annotate",
    "extract",
    "ingest",
    "open_ledger",
]


def extract(text: str, published: date | None = None, *, url: str | None = None) -> list[Claim]:
    """The claims of one article text, without a ledger."""
    from .ingest.ids import article_id_for
    from .worker import extract_article

    article = Article(text=text, article_id=article_id_for(url, text), url=url, published=published)
    return extract_article(article)


def annotate(text: str, published: date | None = None) -> dict[str, Any]:
    """Everything the extractors find in a text (the ``annotate`` contract object)."""
    from .annotate import annotate_text

    return annotate_text(text, published)


def open_ledger(target: str = "claimtrail.db") -> Ledger:
    """Open (creating and migrating) a ledger: an SQLite path or an SQLAlchemy URL."""
    from .store.ledger import open_ledger as _open

    return _open(target)


def ingest(paths: list[str], ledger: Ledger | None = None, **options: Any) -> IngestReport:
    """Ingest files, directories or URLs into a ledger (default: ``claimtrail.db``)."""
    from .run import ingest as _ingest

    own = ledger is None
    ledger = ledger or open_ledger()
    try:
        return _ingest(list(paths), ledger, **options)
    finally:
        if own:
            ledger.close()
