"""Long texts (issue 13, item 1): time per character of a long text over a short one, and the peak
resident memory, each size extracted in a fresh process (``bench/long_docs.py`` does the work).

Default sizes are 32 KB, 1 MB and 5 MB of varied news paragraphs (the example articles in turn).
The last line is ``long/short=R peak_mb=N``: CPU time per character of the longest text over the
shortest (the goal is at most 1.1) and the largest peak RSS of any size.

    python bench/long_text.py [--sizes 32000,1000000,5000000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

LONG_DOCS = Path(__file__).resolve().parent / "long_docs.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="32000,1000000,5000000", help="comma-separated character counts")
    args = parser.parse_args()
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    # a first run builds what is cached on disk (the gazetteer index), so no size pays for it
    subprocess.run([sys.executable, str(LONG_DOCS), "--one", "2000"], capture_output=True, check=True)
    rows = []
    print(f"{'chars':>9} {'pieces':>6} {'cpu s':>8} {'cpu us/char':>11} {'claims':>7} {'peak MB':>8}")
    for size in sizes:
        out = subprocess.run(
            [sys.executable, str(LONG_DOCS), "--one", str(size)], capture_output=True, text=True, check=True
        ).stdout
        row = json.loads(out.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{row['chars']:>9} {row['pieces']:>6} {row['cpu_seconds']:>8.1f} {row['us_per_char']:>11.1f} "
            f"{row['claims']:>7} {row['peak_mb']:>8.0f}",
            flush=True,
        )
    short, long = rows[0], rows[-1]
    print(
        f"long/short={long['us_per_char'] / short['us_per_char']:.2f} peak_mb={max(r['peak_mb'] for r in rows):.0f}"
    )


if __name__ == "__main__":
    main()
