"""Check-in save to confirmation (AppTest), and the import/backup/restore benchmark.

A save is: pick a face, press "Save check-in", and the run that shows the thank-you
toast (the save run plus the st.rerun after it; AppTest's ``run()`` covers both).
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.bench_pages import PAGES_DIR, TIMEOUT_S, clear_caches, compiling_once
from bench.report import INFO, Section, Table, median, ms, p95, secs
from tracker import open_store

SAVE_TARGET_S = 0.150  # our own choice: a save should feel as quick as any page (150 ms)
IMPORT_BENCH = Path(__file__).resolve().parent / "bench_import.py"


def _count(db_path: Path, person_id: int) -> int:
    with open_store(db_path) as store:
        return len(store.journal(person_id).checkins())


def time_saves(db_path: Path, person_id: int, saves: int) -> tuple[list[float], int, int, str]:
    """Times of ``saves`` check-ins, how many were confirmed, how many rows appeared."""
    os.environ["TRACKER_DB"] = str(db_path)
    clear_caches()
    before = _count(db_path, person_id)
    at = AppTest.from_file(str(PAGES_DIR / "today.py"), default_timeout=TIMEOUT_S)
    at.run()
    samples, confirmed, problem = [], 0, ""
    for number in range(saves):
        at.feedback[0].set_value(number % 5)
        at.button(key="today_save").click()
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
        if at.exception:
            problem = at.exception[0].message.splitlines()[0][:200]
            break
        if at.toast:  # the confirmation a person sees
            confirmed += 1
    return samples, confirmed, _count(db_path, person_id) - before, problem


def time_journey_after_write(db_path: Path, loads: int) -> list[float]:
    """The Journey page's first run after a write: every write clears Streamlit's caches,
    so frames, analytics and figures are all computed again."""
    os.environ["TRACKER_DB"] = str(db_path)
    at = AppTest.from_file(str(PAGES_DIR / "journey.py"), default_timeout=TIMEOUT_S)
    at.run()
    samples = []
    for _ in range(loads):
        clear_caches()  # what the data versions do does
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
    return samples


def run(db_path: Path, person_id: int, saves: int = 20, journey_loads: int = 5) -> Section:
    section = Section(
        "3. Check-in save to confirmation (AppTest)",
        f"A person with 10 years of data: pick a face and press *Save check-in* on the "
        f"Today page, {saves} times; timed from the click to the end of the run that shows "
        "the thank-you toast. Issue 7 sets no number for this; the target here is the page "
        f"budget, {SAVE_TARGET_S * 1000:.0f} ms. Below it, for information: the Journey "
        "page's first run after a write, when that person's cached numbers are renewed.",
    )
    table = Table(["Action", "Runs", "Median", "p95", "Target", "Result"])
    section.tables.append(table)
    with compiling_once():
        samples, confirmed, stored, problem = time_saves(db_path, person_id, saves)
        ok = not problem and confirmed == saves and stored == saves
        table.add(
            "Save a check-in → thank-you toast",
            len(samples),
            ms(median(samples)) if samples else "—",
            ms(p95(samples)) if samples else "—",
            f"< {SAVE_TARGET_S * 1000:.0f} ms, all confirmed and stored",
            section.verdict(ok and median(samples) < SAVE_TARGET_S, "check-in save"),
        )
        section.notes.append(
            f"{confirmed} of {saves} saves showed the toast; {stored} new rows in the database."
            + (f" Failed: {problem}" if problem else "")
        )
        journey = time_journey_after_write(db_path, journey_loads)
        table.add(
            "Journey page right after a write (caches empty)",
            len(journey),
            ms(median(journey)),
            ms(p95(journey)),
            "—",
            INFO,
        )
    clear_caches()
    return section


IMPORT_STEPS = {
    "daylio_import": "Daylio import of 10 years (one transaction)",
    "backup": "Backup of 10 years (JSON)",
    "restore": "Restore of 10 years into a new database",
}


def run_import_bench() -> Section:
    """bench/bench_import.py, written separately: its ``main()`` times each step and returns
    {step: seconds}; what it prints (rows, sizes) goes under the table."""
    section = Section(
        "3b. Import, backup and restore (bench/bench_import.py)",
        "One run of each step with 10 years of data. Target from issue 6: the Daylio import "
        "of about 3,650 rows under 2 s; backup and restore have no target in the issues.",
    )
    if not IMPORT_BENCH.exists():
        section.intro += "\n\nNot run: `bench/bench_import.py` does not exist yet."
        return section
    from bench import bench_import

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        timings = bench_import.main()
    table = Table(["Step", "Time", "Target", "Result"])
    target = getattr(bench_import, "TARGET_SECONDS", 2.0)
    for step, seconds in timings.items():
        if step == "daylio_import":
            verdict = section.verdict(seconds < target, "Daylio import")
            table.add(IMPORT_STEPS[step], secs(seconds), f"< {target:g} s", verdict)
        else:
            table.add(IMPORT_STEPS.get(step, step), secs(seconds), "—", INFO)
    section.tables.append(table)
    lines = [line for line in printed.getvalue().splitlines() if line.strip()]
    if lines:
        section.notes.append(
            "As printed by `bench_import.py`:\n\n" + "\n".join(f"- {x}" for x in lines)
        )
    return section
