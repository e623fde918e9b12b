"""Old against new code: the stored fusion state of one synthetic ledger after a full run of each.

The synthetic claims of ``fusion_speed.py`` are stored by the OLD code (a checkout of another
commit, ``--old SRC``: its ``src`` folder) in an SQLite ledger, copied twice; the old code runs a
full run (``incremental.rebuild``) on one copy in its own process, this tree's code on the other
(which migrates it and finds the missing topics), and this tree's code also stores the same
claims itself (its writer storing the topics) and runs a full run on that. Every row of
``fusion_topics``, ``fusion_articles``, ``fusion_components`` (without its build time) and
``fusion_tracked`` must be equal, and the ``track`` contract (``fusion.track``) too.

    python bench/fusion_state_compare.py --old /tmp/base/src [--claims 30000] [--articles 1500]
                                         [--stories 50] [--no-tolls] [--workers 2]

``--no-tolls`` leaves out killed, wounded and casualties figures (every such figure counts people,
one topic, so with them the stories are one component): the ledger then has one component per
story, which the workers fuse in parallel. Prints one line per table and ``equal=True|False``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLES = {
    "fusion_topics": "SELECT topic, article_id FROM fusion_topics ORDER BY topic, article_id",
    "fusion_articles": "SELECT article_id, component FROM fusion_articles ORDER BY article_id",
    "fusion_components": "SELECT component, articles, claims, state FROM fusion_components ORDER BY component",
    "fusion_tracked": "SELECT tracked_id, component, label, claims, data FROM fusion_tracked ORDER BY tracked_id",
}


def store(path: str, claims: int, articles: int, stories: int, no_tolls: bool) -> None:
    """In this process (whatever code PYTHONPATH gives): the synthetic ledger stored at ``path``."""
    sys.path.insert(0, str(HERE))
    import fusion_speed as fs

    from claimtrail.store.ledger import open_ledger

    if no_tolls:
        fs.EVENTS[:] = [e for e in fs.EVENTS if e not in ("killed", "wounded", "casualties")]
    lines, metas = fs.synthetic(claims, articles, stories=stories)
    with open_ledger(path) as ledger:
        fs.store(ledger, fs.load(lines), metas)


def rebuild(path: str, workers: int) -> None:
    """In this process: a full run of the ledger at ``path``; prints a digest of its track contract."""
    from claimtrail import fusion
    from claimtrail.contract.track import check_to_json, grade_to_json, ledger_origin_to_json, tracked_to_json
    from claimtrail.fusion import incremental
    from claimtrail.store.ledger import open_ledger

    steps: dict[str, float] = {}
    with open_ledger(path) as ledger:
        try:
            incremental.rebuild(ledger, steps, workers=workers)  # type: ignore[call-arg]
        except TypeError:  # the old code has no workers
            incremental.rebuild(ledger, steps)
        result = fusion.run(ledger)
        contract = json.dumps(
            {
                "tracked": [tracked_to_json(t) for t in result.tracked],
                "checks": [check_to_json(c) for c in result.checks],
                "origins": [ledger_origin_to_json(o) for o in result.origins],
                "grades": {k: grade_to_json(g) for k, g in sorted(result.grades.items())},
            },
            sort_keys=True,
        )
    in_workers = "read+fuse" in steps  # the components were fused in worker processes
    print(hashlib.sha256(contract.encode()).hexdigest() + ("+workers" if in_workers else ""))


def _run(src: str, *args: str) -> str:
    env = dict(os.environ, PYTHONPATH=src)
    out = subprocess.run(
        [sys.executable, __file__, *args], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", help="the old code's src folder")
    parser.add_argument("--claims", type=int, default=30_000)
    parser.add_argument("--articles", type=int, default=1_500)
    parser.add_argument("--stories", type=int, default=50)
    parser.add_argument("--no-tolls", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--rebuild", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store:
        return store(args.store, args.claims, args.articles, args.stories, args.no_tolls)
    if args.rebuild:
        return rebuild(args.rebuild, args.workers)
    new = str(HERE.parent / "src")
    sizes = ["--claims", str(args.claims), "--articles", str(args.articles), "--stories", str(args.stories)]
    sizes += ["--no-tolls"] if args.no_tolls else []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _run(args.old, "--store", str(folder / "old.db"), *sizes)
        shutil.copy(folder / "old.db", folder / "migrated.db")
        _run(new, "--store", str(folder / "new.db"), *sizes)
        digests = {
            "old": _run(args.old, "--rebuild", str(folder / "old.db")),
            "migrated": _run(new, "--rebuild", str(folder / "migrated.db"), "--workers", str(args.workers)),
            "new": _run(new, "--rebuild", str(folder / "new.db"), "--workers", str(args.workers)),
        }
        states = {name: _rows(folder / f"{name}.db") for name in digests}
    equal = True
    for table in TABLES:
        same = all(states[name][table] == states["old"][table] for name in states)
        equal &= same
        print(f"{table}: {len(states['old'][table])} rows, equal={same}")
    print(
        "track contract:",
        {k: v[:12] + ("(workers)" if v.endswith("+workers") else "") for k, v in digests.items()},
    )
    equal &= len({d.split("+")[0] for d in digests.values()}) == 1
    components = len({r[1] for r in states["old"]["fusion_articles"]})
    print(f"components={components} equal={equal}")


if __name__ == "__main__":
    main()
