"""Extraction on a process pool and on a Dask cluster gives exactly the serial result."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrail.cli.main import app
from claimtrail.errors import InputError
from claimtrail.ingest.read import iter_inputs
from claimtrail.model import Article
from claimtrail.parallel import check_scheduler
from claimtrail.run import extract_batches
from claimtrail.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
TXT = ROOT / "examples" / "kursk" / "txt"


@pytest.fixture(scope="module")
def batches() -> list[list[Article]]:
    articles = [a for a in iter_inputs([str(TXT)]) if isinstance(a, Article)][:6]
    assert len(articles) == 6
    return [articles[:3], articles[3:]]


def _ids(results) -> list[tuple[str, list[str]]]:
    return [(article.article_id, [c.claim_id for c in claims]) for article, claims in results]


@pytest.fixture(scope="module")
def serial(batches):
    return _ids(extract_batches(batches, load_settings(batch_size=4)))


def test_process_pool_matches_serial(batches, serial):
    pooled = _ids(extract_batches(batches, load_settings(batch_size=4), workers=2))
    assert pooled == serial
    assert sum(len(ids) for _, ids in serial) > 10


def test_dask_local_cluster_matches_serial(batches, serial):
    on_dask = _ids(extract_batches(batches, load_settings(batch_size=4), scheduler="local", workers=1))
    assert on_dask == serial


def test_bad_scheduler_is_refused(tmp_path):
    with pytest.raises(InputError, match="--scheduler"):
        check_scheduler("10.0.0.5:8786")
    result = CliRunner().invoke(
        app, ["ingest", str(TXT), "--db", str(tmp_path / "l.db"), "--scheduler", "nowhere"]
    )
    assert result.exit_code != 0 and "--scheduler" in result.output
    result = CliRunner().invoke(app, ["ingest", str(TXT), "--db", str(tmp_path / "l.db"), "--workers", "0"])
    assert result.exit_code != 0


def test_unreachable_scheduler_is_a_clear_error(batches):
    with pytest.raises(InputError, match="cannot reach"):
        list(extract_batches(batches, load_settings(), scheduler="tcp://127.0.0.1:9"))
