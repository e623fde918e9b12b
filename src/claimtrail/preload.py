"""What the worker fork server loads before it forks any worker (``parallel.worker_context``).

Imported once, in the fork server process: it loads the pipeline named by ``CLAIMTRAIL_WORKER_MODEL``
(the settings' model) and makes sure the gazetteer index is built, so every worker forked from the
server starts with both, shared copy-on-write, instead of importing spaCy and loading the model
itself (about 2 s of CPU per worker). No document is parsed here: the gazetteer's database is
opened lazily by each worker, never shared across a fork. If loading fails, nothing is kept and
each worker loads (and reports) the pipeline itself.
"""

from __future__ import annotations

import logging
import os

from .errors import ClaimtrailError
from .geo.build import ensure_index
from .nlp.pipeline import load_pipeline
from .workserver import MODEL_ENV


def preload() -> None:
    """Load the pipeline and build the gazetteer index if needed (in the fork server)."""
    try:
        ensure_index()
        load_pipeline(os.environ.get(MODEL_ENV) or "en_core_web_sm")
    except (ClaimtrailError, OSError, ImportError, ValueError) as exc:
        logging.getLogger(__name__).debug("worker preload failed, workers load on their own: %s", exc)


preload()
