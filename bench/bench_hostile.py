"""Hostile and oversized uploads: how long each preview takes and how much memory it grows.

Run: ``.venv/bin/python bench/bench_hostile.py`` (this code), or with ``--code DIR`` to
measure another checkout of the app (for a before/after: ``git archive <commit> | tar -x
-C DIR``). Each file is made on the spot (tests/hostile_files.py) and previewed once in a
child process, which is stopped past 40 s or 1.5 GB ("killed"). Not part of ``make
bench``: it is slow on old code by design.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile_files import HOSTILE, ROOT, attempt


def main(argv: list[str] | None = None) -> list[tuple[str, str, float, float]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the app's folder to measure")
    args = parser.parse_args(argv)
    print(f"| File | Size | Answer | Seconds | Peak memory growth |  ({args.code})")
    print("| --- | --- | --- | --- | --- |")
    results = []
    for hostile in HOSTILE:
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
