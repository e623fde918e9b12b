"""``claimtrail watch``: poll feeds and pages on a schedule, ingest what is new, digest what changed.

``targets`` reads what to watch and how often, ``poll`` fetches one URL with conditional requests,
``rounds`` runs the rounds and keeps their state in the ledger; ``fusion.digest`` says what a round
changed.
"""

from __future__ import annotations

from ..fusion.digest import Digest, Snapshot, digest
from .rounds import PollResult, Round, run_round, snapshot, watch
from .targets import parse_every, read_targets

__all__ = [
    "Digest",
    "PollResult",
    "Round",
    "Snapshot",
    "digest",
    "parse_every",
    "read_targets",
    "run_round",
    "snapshot",
    "watch",
]
