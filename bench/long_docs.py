"""Long documents: time per character and peak memory against text length.

Builds one long text per size by concatenating the example articles (examples/kursk, all formats)
with paragraph breaks, then extracts its claims (``worker.extract_article``) in a fresh process per
size, so each size's peak resident memory is its own. The pipeline is loaded and warmed before the
clock starts. Printed per size: characters, pieces, seconds, microseconds per character, claims,
peak RSS. The last line gives the ratios ``long/short=R mid/short=R peak_mb=N`` (time per character
of the longest and the middle text over the shortest; the largest peak).

``--whole`` parses each text as one Doc (as before long texts were cut into pieces), for comparison;
it raises spaCy's ``nlp.max_length`` to fit.

    python bench/long_docs.py [--sizes 32000,256000,1000000] [--whole]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts() -> list[str]:
    from claimtrail.ingest.read import iter_inputs
    from claimtrail.model import Article

    items = iter_inputs([str(ROOT / "examples" / "kursk")])
    return [a.text.strip() for a in items if isinstance(a, Article)]


def long_text(size: int) -> str:
    """About ``size`` characters of varied news paragraphs: the example articles in turn, each
    copy closed by a line of its own so no two stretches of the text are alike."""
    texts = corpus_texts()
    parts: list[str] = []
    length, i = 0, 0
    while length < size:
        part = f"{texts[i % len(texts)]}\n\nArchive copy {i} of the wire feed.\n\n"
        parts.append(part)
        length += len(part)
        i += 1
    return "".join(parts)[:size]


def measure(size: int, whole: bool) -> dict:
    """One size, in this process: build, warm up, time the extraction, read the peak RSS."""
    from claimtrail.model import Article
    from claimtrail.nlp import segment
    from claimtrail.nlp.pipeline import load_pipeline
    from claimtrail.worker import extract_article

    text = long_text(size)
    nlp = load_pipeline()
    extract_article(Article(article_id="w" * 16, text=corpus_texts()[0]), nlp)  # warm up
    if whole:
        segment.MAX_PIECE_CHARS = len(text) + 1
        nlp.max_length = max(nlp.max_length, len(text) + 1)
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start, cpu_start = time.perf_counter(), time.process_time()
    claims = extract_article(Article(article_id="b" * 16, text=text), nlp)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "chars": len(text),
        "pieces": len(segment.piece_bounds(text)),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "us_per_char": cpu / len(text) * 1e6,
        "claims": len(claims),
        "base_mb": base_mb,
        "peak_mb": peak_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="32000,256000,1000000", help="comma-separated character counts")
    parser.add_argument("--whole", action="store_true", help="one Doc per text (no pieces), to compare")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.whole)))
        return
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    # a first run builds what is cached on disk (the gazetteer index), so no size pays for it
    subprocess.run([sys.executable, __file__, "--one", "2000"], capture_output=True, check=True)
    rows = []
    print(
        f"{'chars':>9} {'pieces':>6} {'wall s':>8} {'cpu s':>8} {'cpu us/char':>11} {'claims':>7} "
        f"{'base MB':>8} {'peak MB':>8}"
    )
    for size in sizes:
        command = [sys.executable, __file__, "--one", str(size)] + (["--whole"] if args.whole else [])
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{row['chars']:>9} {row['pieces']:>6} {row['seconds']:>8.1f} {row['cpu_seconds']:>8.1f} "
            f"{row['us_per_char']:>11.1f} "
            f"{row['claims']:>7} {row['base_mb']:>8.0f} {row['peak_mb']:>8.0f}",
            flush=True,
        )
    short, mid, long = rows[0], rows[len(rows) // 2], rows[-1]
    print(
        f"long/short={long['us_per_char'] / short['us_per_char']:.2f} "
        f"mid/short={mid['us_per_char'] / short['us_per_char']:.2f} "
        f"peak_mb={max(r['peak_mb'] for r in rows):.0f}"
    )


if __name__ == "__main__":
    main()
