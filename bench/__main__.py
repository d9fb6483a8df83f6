"""`python -m bench`: run the benchmarks, print the report, and write bench/README.md.

Databases, server logs and profiles go to bench/results/ (git-ignored); the databases
are removed at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

from streamlit import config as streamlit_config
from streamlit import logger as streamlit_logger

from bench import bench_browser, bench_checkin, bench_load, bench_pages, report
from bench.data import build_group_db, build_person_db, copy_db

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
RESULTS = HERE / "results"
BENCHMARKS = ("pages", "browser", "checkin", "import", "load")


def data_table(paths: dict[int, Path]) -> report.Table:
    """How many rows each benchmark database holds, so the numbers can be compared."""
    tables = ["checkins", "activity_logs", "goals", "goal_logs", "setbacks"]
    table = report.Table(["Years", *tables])
    for years, path in sorted(paths.items()):
        with sqlite3.connect(path) as conn:
            counts = [conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in tables]
        table.add(years, *(f"{count:,}" for count in counts))
    return table


def _say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _load_average() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: fewer repeats and visitors; prints the report, keeps README.md",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=BENCHMARKS,
        help="run only these (`--only browser` rewrites just its section of README.md)",
    )
    parser.add_argument("--pages", nargs="+", metavar="PAGE", help="page benchmark: only these")
    parser.add_argument("--keep", action="store_true", help="keep the databases in bench/results")
    args = parser.parse_args(argv)
    chosen = set(args.only or BENCHMARKS)
    full = not args.quick and not args.only and not args.pages
    runs, loads, saves = (5, 2, 5) if args.quick else (20, 5, 20)
    visitors = (1, 3) if args.quick else bench_load.VISITORS

    # AppTest runs pages in this process without a server: Streamlit warns about that
    # on every run. The warnings say nothing about the app.
    streamlit_config.set_option("logger.level", "error")
    streamlit_logger.set_log_level("error")
    shutil.rmtree(RESULTS, ignore_errors=True)
    RESULTS.mkdir(parents=True)
    started = time.perf_counter()
    machine = report.machine()
    machine.add("Load average at start (1 / 5 / 15 min)", _load_average())

    _say("building databases: 1 and 10 years of daily data")
    people = {}
    for years in (1, 10):
        people[years] = build_person_db(RESULTS / f"person-{years}y.db", years)

    def group_db(path: Path, visitors: tuple[int, ...]) -> Path:
        # One journal for each visitor of every load run, and one more to land on.
        _say(f"building the load database: {sum(visitors) + 1} people with a year each")
        build_group_db(path, sum(visitors) + 1)
        return path

    def db(years: int, use: str) -> Path:
        return copy_db(RESULTS / f"person-{years}y.db", RESULTS / f"{use}-{years}y.db")

    steps: list[tuple[str, str, Callable[[], report.Section]]] = [
        (
            "pages",
            "1. Page script time (AppTest)",
            lambda: bench_pages.run(
                {y: (db(y, "pages"), people[y]) for y in (1, 10)},
                runs,
                only=set(args.pages) if args.pages else None,
                profile_dir=RESULTS,
            ),
        ),
        (
            "browser",
            "2. Browser: navigation to the Journey chart drawn",
            lambda: bench_browser.run(db(10, "browser"), RESULTS, loads),
        ),
        (
            "checkin",
            "3. Check-in save to confirmation (AppTest)",
            lambda: bench_checkin.run(db(10, "checkin"), people[10], saves),
        ),
        ("import", "3b. Import, backup and restore", bench_checkin.run_import_bench),
        (
            "load",
            "4. Load: simulated visitors on one server",
            lambda: bench_load.run(
                db(10, "load"), group_db(RESULTS / "load-group.db", visitors), RESULTS, visitors
            ),
        ),
    ]
    sections = []
    for name, title, step in steps:
        if name not in chosen:
            continue
        _say(f"running: {title}")
        try:
            sections.append(step())
        except Exception as error:  # one broken benchmark must not hide the others
            section = report.Section(title, f"Could not run: `{type(error).__name__}: {error}`")
            section.misses.append(f"{name} benchmark (could not run)")
            sections.append(section)
    machine.add("Load average at end (1 / 5 / 15 min)", _load_average())

    data = data_table({years: RESULTS / f"person-{years}y.db" for years in people})
    text = report.render(machine, data, sections, time.perf_counter() - started)
    print(text)
    if full:
        README.write_text(text, encoding="utf-8")
        _say(f"wrote {README.relative_to(HERE.parent)}")
    elif not args.quick and chosen == {"browser"} and README.exists():
        # The browser section alone (issue 16): put in place of its section of the last run.
        note = (
            f"*This section was run on its own ({time.strftime('%Y-%m-%d %H:%M %Z')}, "
            "`python -m bench --only browser`; load average at start and end: "
            f"{machine.rows[-2][1]} and {machine.rows[-1][1]}); the rest of this file is "
            "from the last full run.*"
        )
        spliced = report.splice(README.read_text(encoding="utf-8"), sections[0], "browser", note)
        README.write_text(spliced, encoding="utf-8")
        _say(f"wrote the browser section into {README.relative_to(HERE.parent)}")
    else:
        _say("partial or quick run: bench/README.md left as it was")
    if not args.keep:
        for path in RESULTS.glob("*.db*"):
            path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
