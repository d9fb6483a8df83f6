"""Import, backup and restore with ten years of data: how many seconds each takes.

Run: ``.venv/bin/python bench/bench_import.py`` (prints one line per step; exits 1 if the
Daylio import misses its target of 2 seconds). ``main()`` returns the timings for a
benchmark runner.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.backup import backup_bytes, restore_backup
from tracker.demo import create_demo_person
from tracker.importers import apply_import, preview_daylio
from tracker.store import open_store

YEARS = 10
TARGET_SECONDS = 2.0
ACTIVITIES = ["walk", "friends", "reading", "gym", "cooking", "music", "sleep early", "work"]
MOODS = ["awful", "bad", "meh", "good", "rad"]


def daylio_export(years: int = YEARS, seed: int = 3) -> bytes:
    """About 365 rows a year, newest first, as Daylio writes them (BOM, 12-hour times)."""
    rng = random.Random(seed)
    today = dt.date.today()
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(["full_date", "date", "weekday", "time", "mood", "activities", "note"])
    for offset in range(1, 365 * years + 1):
        day = today - dt.timedelta(days=offset)
        for _ in range(rng.choice([0, 1, 1, 1, 1, 1, 1, 1, 2])):
            hour, minute = rng.randint(0, 23), rng.randint(0, 59)
            clock = f"{(hour - 1) % 12 + 1}:{minute:02d} {'pm' if hour >= 12 else 'am'}"
            done = rng.sample(ACTIVITIES, rng.randint(0, 4))
            note = "" if rng.random() < 0.6 else f'Day {offset}, <b>okay</b><br>more, "quoted"'
            writer.writerow(
                [
                    day.isoformat(),
                    f"{day:%B} {day.day}",
                    f"{day:%A}",
                    clock,
                    rng.choice(MOODS),
                    " | ".join(done),
                    note,
                ]
            )
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def timed(step):
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


def main() -> dict[str, float]:
    data = daylio_export()
    rows = data.count(b"\n") - 1
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "import.db")
        journal = store.journal(store.add_person("Bench").id)

        def import_daylio():
            return apply_import(journal, preview_daylio(data, journal))

        result, timings["daylio_import"] = timed(import_daylio)
        assert result.added["checkins"] == rows, result.added
        store.close()

        store = open_store(Path(folder) / "demo.db")
        demo = create_demo_person(store, years=YEARS)
        backup, timings["backup"] = timed(lambda: backup_bytes(demo))
        store.close()

        store = open_store(Path(folder) / "restore.db")
        restored, timings["restore"] = timed(lambda: restore_backup(store, backup))
        assert backup_bytes(restored) == backup  # the round trip is exact
        store.close()

    print(f"Daylio import, {rows:,} rows ({YEARS} years): {timings['daylio_import']:.2f} s")
    print(f"Backup of {YEARS} years ({len(backup) / 1e6:.1f} MB): {timings['backup']:.2f} s")
    print(f"Restore of {YEARS} years into a new database: {timings['restore']:.2f} s")
    return timings


if __name__ == "__main__":
    seconds = main()
    sys.exit(0 if seconds["daylio_import"] < TARGET_SECONDS else 1)
