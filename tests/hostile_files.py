"""Hostile and oversized uploads, made at test time, and one real attempt to preview each.

Each attempt runs in a child process (so a file that would freeze or eat the machine can
be stopped), through ``preview_file`` (which picks the importer from the file itself),
against a fresh journal. The child reports how long the preview took, how much its peak memory
grew (``VmHWM``, which counts SQLite's and zlib's memory too), what it answered, and
whether the journal still holds nothing. Used by tests/test_hostile_files.py and
bench/bench_hostile.py.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The parent stops a child past these: today's code would run for minutes and take GBs.
KILL_AFTER_SECONDS = 40
KILL_ABOVE_MB = 1500


# --- the files -----------------------------------------------------------------------


def _sqlite_bytes(*statements: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "loop.db"
        connection = sqlite3.connect(path)
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.close()
        return path.read_bytes()


_REPETITIONS = (
    "CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER, "
    "value INTEGER)"
)
_HABITS = (
    "CREATE TABLE Habits (id INTEGER PRIMARY KEY, name TEXT, freq_num INTEGER, "
    "freq_den INTEGER, type INTEGER, archived INTEGER)"
)


def loop_db_endless_view() -> bytes:
    """``Habits`` is a view whose recursive query never ends."""
    return _sqlite_bytes(
        _REPETITIONS,
        "CREATE VIEW Habits AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
        "SELECT x AS id, 'Walk ' || x AS name, 1 AS freq_num, 1 AS freq_den FROM n",
    )


def loop_db_800mb_view() -> bytes:
    """``Habits`` is a view that builds one 800 MB name."""
    return _sqlite_bytes(
        _REPETITIONS,
        "CREATE VIEW Habits AS SELECT 1 AS id, printf('%.*c', 800000000, 'x') AS name, "
        "1 AS freq_num, 1 AS freq_den",
    )


def loop_db_800mb_generated_column() -> bytes:
    """``Habits`` is a real table, but its name is computed: 800 MB on every read."""
    return _sqlite_bytes(
        _REPETITIONS,
        "CREATE TABLE Habits (id INTEGER PRIMARY KEY, freq_num INTEGER, freq_den INTEGER)",
        "INSERT INTO Habits VALUES (1, 1, 1)",
        # Added after the row, so making the file doesn't compute it.
        "ALTER TABLE Habits ADD COLUMN name TEXT "
        "GENERATED ALWAYS AS (printf('%.*c', 800000000, 'x')) VIRTUAL",
    )


def loop_db_endless_repetitions() -> bytes:
    """Real ``Habits``; ``Repetitions`` is an endless view."""
    return _sqlite_bytes(
        _HABITS,
        "INSERT INTO Habits VALUES (1, 'Walk', 1, 1, 0, 0)",
        "CREATE VIEW Repetitions AS WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL "
        "SELECT x + 1 FROM n) SELECT 1 AS habit, 1700000000000 AS timestamp, 2 AS value FROM n",
    )


_HABITS_CSV = "Position,Name,Question,Description,FrequencyNumerator,FrequencyDenominator\n"


def loop_zip_bomb() -> bytes:
    """About half a MB that unpacks to 190 MB: one habit with a Checkmarks.csv of the same day."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("Habits.csv", _HABITS_CSV + "001,Walk,,,1,1\n")
        line = b"2024-01-01,YES_MANUAL\n" * 50_000  # about 1 MB
        with archive.open("001 Walk/Checkmarks.csv", "w") as member:
            for _ in range(172):  # 189 MB, under the old guard of 200 MB
                member.write(line)
    return buffer.getvalue()


def loop_zip_one_member_for_40_habits() -> bytes:
    """40 habits in Habits.csv all at position 1: one 4 MB member read 40 times."""
    buffer = io.BytesIO()
    rows = "".join(f"001,Habit {n},,,1,1\n" for n in range(1, 41))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("Habits.csv", _HABITS_CSV + rows)
        archive.writestr("001 Walk/Checkmarks.csv", b"2024-01-01,YES_MANUAL\n" * 200_000)
    return buffer.getvalue()


def _daylio_row(day: int, note: str) -> str:
    return f"2024-01-{day:02d},January {day},Monday,10:04 am,good,walk | friends,{note}\n"


DAYLIO_HEADER = "full_date,date,weekday,time,mood,activities,note\n"


def daylio_25mb() -> bytes:
    """A Daylio-shaped CSV of 25 MB (the same few days, each with a long note)."""
    note = "a long day, " * 80
    rows = "".join(_daylio_row(day, note) for day in range(1, 29))
    return (DAYLIO_HEADER + rows * (25 * 1024 * 1024 // len(rows) + 1)).encode()


def daylio_many_rows() -> bytes:
    """Under the size cap, but 700,000 tiny rows."""
    row = "2024-01-01,,,,good,,\n"
    return (DAYLIO_HEADER + row * 700_000).encode()


def backup_25mb() -> bytes:
    """A backup of 25 MB: one check-in, repeated."""
    checkin = {"day": "2024-01-01", "logged_at": "2024-01-01T10:00:00", "mood": 4}
    checkin["note"] = "x" * 2000
    body = {
        "format": "resilience-tracker-backup",
        "version": 1,
        "person": {"name": "Robin"},
        "checkins": [checkin] * (25 * 1024 * 1024 // 2100),
    }
    return json.dumps(body).encode()


@dataclass(frozen=True)
class Hostile:
    name: str
    filename: str
    make: Callable[[], bytes]


HOSTILE = [
    Hostile("Loop .db: Habits is an endless recursive view", "loop.db", loop_db_endless_view),
    Hostile("Loop .db: Habits view builds an 800 MB value", "loop.db", loop_db_800mb_view),
    Hostile("Loop .db: 800 MB generated column", "loop.db", loop_db_800mb_generated_column),
    Hostile("Loop .db: Repetitions is an endless view", "loop.db", loop_db_endless_repetitions),
    Hostile("Loop zip: 0.5 MB unpacking to 190 MB", "loop.zip", loop_zip_bomb),
    Hostile(
        "Loop zip: one member named for 40 habits", "loop.zip", loop_zip_one_member_for_40_habits
    ),
    Hostile("Daylio CSV of 25 MB", "daylio.csv", daylio_25mb),
    Hostile("Daylio CSV of 700,000 tiny rows", "daylio.csv", daylio_many_rows),
    Hostile("Backup JSON of 25 MB", "backup.json", backup_25mb),
]


# --- the biggest files a real person could have, just under every limit -------------

_DAY0 = dt.date(1990, 1, 1)


def daylio_largest() -> bytes:
    """49,990 check-ins with notes, about 19 MB (ten years at 13 entries a day)."""
    rows = [DAYLIO_HEADER]
    for n in range(49_990):
        day = _DAY0 + dt.timedelta(days=n // 13)
        note = "Went for a walk with Sam, then cooked soup. Slept well. " * 6
        rows.append(f"{day},x,x,10:04 am,good,walk | friends | cooking,{note}{n}\n")
    return "".join(rows).encode()


def loop_zip_largest() -> bytes:
    """55 daily habits over ten years: 199,650 days."""
    buffer = io.BytesIO()
    days = "".join(f"{_DAY0 + dt.timedelta(days=n)},YES_MANUAL,\n" for n in range(3630))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        rows = "".join(f"{n:03d},Habit {n},,,1,1\n" for n in range(1, 56))
        archive.writestr("Habits.csv", _HABITS_CSV + rows)
        for n in range(1, 56):
            archive.writestr(f"{n:03d} Habit {n}/Checkmarks.csv", "Date,Value,Notes\n" + days)
    return buffer.getvalue()


def loop_db_largest() -> bytes:
    """55 daily habits over ten years in a Loop backup: 199,980 repetitions."""
    start = int(dt.datetime(1990, 1, 1, tzinfo=dt.UTC).timestamp() * 1000)
    statements = [_HABITS, _REPETITIONS]
    statements += [
        f"INSERT INTO Habits VALUES ({n}, 'Habit {n}', 1, 1, 0, 0)" for n in range(1, 56)
    ]
    statements.append(
        "INSERT INTO Repetitions (habit, timestamp, value) "
        "WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n LIMIT 3636) "
        f"SELECT h.id, {start} + x * 86400000, 2 FROM n, Habits h"
    )
    return _sqlite_bytes(*statements)


def backup_largest() -> bytes:
    """A backup of 19 MB: 60 daily goals over twelve years (262,800 goal days)."""
    logs = [{"day": str(_DAY0 + dt.timedelta(days=n)), "status": "done"} for n in range(4380)]
    goal = {"kind": "habit", "status": "active", "times": 1, "per_days": 1}
    goal["created"] = "1990-01-01T08:00:00"
    body = {
        "format": "resilience-tracker-backup",
        "version": 1,
        "person": {"name": "Robin"},
        "goals": [{**goal, "title": f"Goal {n}", "logs": logs} for n in range(60)],
    }
    return json.dumps(body, indent=1).encode()


LARGEST = [
    Hostile("Daylio CSV: 49,990 check-ins", "daylio.csv", daylio_largest),
    Hostile("Loop zip: 199,650 habit days", "loop.zip", loop_zip_largest),
    Hostile("Loop .db: 199,980 repetitions", "loop.db", loop_db_largest),
    Hostile("Backup JSON: 262,800 goal days", "backup.json", backup_largest),
]


# --- one attempt ---------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    outcome: str  # "refused", "previewed", "crashed", "killed"
    message: str
    seconds: float  # the preview alone, in the child
    memory_mb: float  # growth of the child's peak memory during the preview
    rows_written: int  # what the journal holds after (must stay 0)


_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])

def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

from tracker.errors import InvalidEntry
from tracker.importers.any_file import preview_file
from tracker.store import open_store

store = open_store(sys.argv[2])
journal = store.journal(store.add_person("Robin").id)
data = open(sys.argv[3], "rb").read()
filename = sys.argv[4]
before = peak_mb()
start = time.perf_counter()
try:
    preview = preview_file(filename, data, journal)
    problems = "; ".join(map(str, preview.problems[:3]))
    outcome, message = "previewed", preview.summary() + " " + problems
except InvalidEntry as error:
    outcome, message = "refused", str(error)
except Exception as error:
    outcome, message = "crashed", repr(error)[:500]
seconds = time.perf_counter() - start
grown = peak_mb() - before
rows = sum(
    store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    for table in ("checkins", "activities", "activity_logs", "goals", "goal_logs")
)
print(json.dumps({"outcome": outcome, "message": message, "seconds": seconds,
                  "memory_mb": grown, "rows_written": rows}))
"""


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def attempt(data: bytes, filename: str, root: Path = ROOT) -> Attempt:
    """Preview ``data`` in a child process (with the code at ``root``); stop it if it runs
    away."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        upload = Path(folder) / filename
        upload.write_bytes(data)
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _CHILD,
                str(root),
                str(Path(folder) / "t.db"),
                str(upload),
                filename,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        started = time.monotonic()
        peak = 0.0
        while child.poll() is None:
            peak = max(peak, _rss_mb(child.pid))
            elapsed = time.monotonic() - started
            if peak > KILL_ABOVE_MB or elapsed > KILL_AFTER_SECONDS:
                child.kill()
                child.wait()
                why = f"stopped after {elapsed:.0f} s at {peak:.0f} MB"
                return Attempt("killed", why, elapsed, peak, -1)
            time.sleep(0.05)
        out, err = child.communicate()
        if child.returncode != 0 or not out.strip():
            return Attempt("crashed", err[-2000:], time.monotonic() - started, peak, -1)
        return Attempt(**json.loads(out.strip().splitlines()[-1]))
