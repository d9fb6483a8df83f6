"""Your journal page's script time at ten years of data (issue 13: median under 150 ms).

Builds a person with ten years of daily entries (tracker.demo, through bench.data), then
runs ``pages/journal.py`` under AppTest: one run to warm up, then timed reruns of the
first page, of a search, of a filter by mood and of a page far back. Prints the medians.

    .venv/bin/python -m bench.bench_journal [--years 10] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as a file too: python bench/bench_journal.py
    sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.data import build_person_db  # noqa: E402

TARGET_S = 0.150


def timed_runs(at: AppTest, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
        if at.exception:
            raise SystemExit(f"The journal page failed: {at.exception[0].message}")
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        person_id = build_person_db(db, args.years)
        os.environ["TRACKER_DB"] = str(db)
        at = AppTest.from_file(str(ROOT / "pages" / "journal.py"), default_timeout=120)
        at.session_state["person_id"] = person_id
        at.run()  # warm up: imports, the first connection
        results: dict[str, list[float]] = {"first page": timed_runs(at, args.runs)}
        at.text_input(key="journal_search").input("sister")
        results["search 'sister'"] = timed_runs(at, args.runs)
        at.text_input(key="journal_search").input("")
        at.pills(key="journal_moods").set_value([1, 2])
        results["filter: awful or bad"] = timed_runs(at, args.runs)
        at.pills(key="journal_moods").set_value([])
        at.run()
        [pages] = at.pagination
        pages.set_value(pages.proto.num_pages)  # the oldest days
        results["a page far back"] = timed_runs(at, args.runs)

    print(f"Your journal, {args.years} years of data, script time per run (AppTest):")
    worst = 0.0
    for name, samples in results.items():
        middle = statistics.median(samples)
        worst = max(worst, middle)
        print(f"  {name:<22} median {middle * 1000:6.1f} ms   max {max(samples) * 1000:6.1f} ms")
    verdict = "under" if worst < TARGET_S else "OVER"
    print(f"Slowest median {worst * 1000:.1f} ms: {verdict} the {TARGET_S * 1000:.0f} ms target.")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
