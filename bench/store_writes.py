"""Store writes: one transaction per article (``Ledger.add_article``) against one transaction per
batch with a savepoint per article (``Ledger.add_articles``, what the ingest writer does).

Extracts N distinct articles from the example corpus once, then stores them into fresh SQLite
ledgers both ways, alternating over several rounds and keeping each way's best time, in the same
process. The last line is ``batched/single=R`` (lower is better).

    python bench/store_writes.py [--articles 200] [--batch-size 32] [--rounds 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from claimtrail.ingest.ids import article_id_for
from claimtrail.ingest.read import iter_inputs
from claimtrail.model import Article, Claim
from claimtrail.store.ledger import open_ledger
from claimtrail.worker import extract_chunk

ROOT = Path(__file__).resolve().parent.parent


def articles(n: int) -> list[Article]:
    base = [a for a in iter_inputs([str(ROOT / "examples" / "kursk")]) if isinstance(a, Article)]
    out = []
    for i in range(n):
        a = base[i % len(base)]
        text = f"{a.text}\n\nArchive copy {i} of the wire feed."
        out.append(replace(a, text=text, article_id=article_id_for(None, text), source_path=f"copy{i}.txt"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pairs: list[tuple[Article, list[Claim]]] = [
        r for r in extract_chunk(articles(args.articles), "en_core_web_sm", 32) if isinstance(r, tuple)
    ]
    n_claims = sum(len(c) for _, c in pairs)
    single: list[float] = []
    batched: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            with open_ledger(str(Path(tmp) / f"single{r}.db")) as ledger:
                t0 = time.perf_counter()
                for article, claims in pairs:
                    ledger.add_article(article, claims)
                single.append(time.perf_counter() - t0)
            with open_ledger(str(Path(tmp) / f"batched{r}.db")) as ledger:
                t0 = time.perf_counter()
                for i in range(0, len(pairs), args.batch_size):
                    ledger.add_articles(pairs[i : i + args.batch_size])
                batched.append(time.perf_counter() - t0)
    s, b = min(single), min(batched)
    print(f"articles={len(pairs)} claims={n_claims} batch={args.batch_size} rounds={args.rounds}")
    print(
        f"single  {s:7.2f} s  {1000 * s / len(pairs):6.2f} ms/article  runs={[round(x, 2) for x in single]}"
    )
    print(
        f"batched {b:7.2f} s  {1000 * b / len(pairs):6.2f} ms/article  runs={[round(x, 2) for x in batched]}"
    )
    print(f"batched/single={b / s:.2f}")


if __name__ == "__main__":
    main()
