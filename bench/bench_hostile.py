"""Hostile and oversized uploads: how long each preview takes and how much memory it grows.

Run: ``.venv/bin/python bench/bench_hostile.py`` (this code), or with ``--code DIR`` to
measure another checkout of the app (for a before/after: ``git archive <commit> | tar -x
-C DIR``). Each file is made on the spot (tests/hostile_files.py) and previewed once in a
child process, which is stopped past 40 s or 1.5 GB ("killed"). Not part of ``make
bench``: it is slow on old code by design.

Measured here on 2026-11-23 (2 shared cores, other work running; seconds of the preview,
growth of peak memory; "killed" = stopped by the runner at the RSS it had reached):

| File | Before (f83e893) | After |
| --- | --- | --- |
| Loop .db: Habits is an endless recursive view | killed, 24 s, 1.5 GB | refused, 0.00 s, 0 MB |
| Loop .db: Habits view builds an 800 MB value | killed, 10 s, 1.5 GB | refused, 0.00 s, 0 MB |
| Loop .db: 800 MB generated column | killed, 14 s, 1.5 GB | refused, 0.00 s, 0 MB |
| Loop .db: Repetitions is an endless view | killed, 40 s, 135 MB | refused, 0.00 s, 0 MB |
| Loop zip: 0.46 MB unpacking to 189 MB | killed, 8 s, 1.5 GB | refused, 0.04 s, 5 MB |
| Loop zip: one member named for 40 habits | killed, 40 s, 1.0 GB | refused, 0.00 s, 0 MB |
| Daylio CSV of 25 MB | previewed, 4.1 s, 281 MB | refused, 0.00 s, 0 MB |
| Daylio CSV of 700,000 tiny rows (15 MB) | previewed, 24 s, 492 MB | refused, 0.28 s, 82 MB |
| Backup JSON of 25 MB | previewed, 0.2 s, 53 MB | refused, 0.00 s, 0 MB |

The biggest real files that fit under every limit (tests/hostile_files.py LARGEST), after:
Daylio 49,990 check-ins (19.8 MB) 6.1 s, 152 MB; Loop zip 199,650 days 3.6 s, 50 MB; Loop
.db 199,980 repetitions 4.9 s, 76 MB; backup of 262,800 goal days (16 MB) 2.8 s, 154 MB.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile_files import HOSTILE, LARGEST, ROOT, attempt


def main(argv: list[str] | None = None) -> list[tuple[str, str, float, float]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the app's folder to measure")
    args = parser.parse_args(argv)
    print(f"| File | Size | Answer | Seconds | Peak memory growth |  ({args.code})")
    print("| --- | --- | --- | --- | --- |")
    results = []
    for hostile in [*HOSTILE, *LARGEST]:
        data = hostile.make()
        result = attempt(data, hostile.filename, args.code)
        memory = f"{result.memory_mb:,.0f} MB" + (" (RSS)" if result.outcome == "killed" else "")
        print(
            f"| {hostile.name} | {len(data) / 1e6:.2f} MB | {result.outcome} "
            f"| {result.seconds:.2f} | {memory} |",
            flush=True,
        )
        results.append((hostile.name, result.outcome, result.seconds, result.memory_mb))
    return results


if __name__ == "__main__":
    main()
