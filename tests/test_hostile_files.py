"""Hostile and oversized uploads get a kind answer fast, in little memory, writing nothing.

Each file is made at test time (tests/hostile_files.py) and previewed for real in a child
process, as the Data page would. The bounds are loose enough for a busy two-core machine
and tight enough to catch what these files did before: minutes, and gigabytes.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.hostile_files import HOSTILE, LARGEST, ROOT, Hostile, attempt
from tracker.errors import InvalidEntry
from tracker.importers import apply_import
from tracker.importers.any_file import preview_file
from tracker.importers.loop import preview_loop
from tracker.importers.untrusted import (
    MAX_UPLOAD_MB,
    SQLITE_QUERY_SECONDS,
    SQLiteTooSlow,
    open_untrusted_sqlite,
)

SECONDS = 5
MEMORY_MB = 300


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: h.name)
def test_a_hostile_file_is_refused_quickly_kindly_and_writes_nothing(hostile: Hostile):
    data = hostile.make()
    result = attempt(data, hostile.filename)

    assert result.outcome == "refused", (result.outcome, result.message[:300])
    assert "Nothing was imported" in result.message
    assert "Traceback" not in result.message  # and no server path, no raw error
    assert str(ROOT) not in result.message and "/tmp" not in result.message
    assert result.seconds < SECONDS
    assert result.memory_mb < MEMORY_MB
    assert result.rows_written == 0


def test_the_upload_cap_is_the_same_in_the_server_the_proxy_the_importers_and_readme():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    nginx = (ROOT / "hosting" / "nginx.conf").read_text()
    assert f"client_max_body_size {MAX_UPLOAD_MB + 1}m;" in nginx
    assert f"Files up to {MAX_UPLOAD_MB} MB" in (ROOT / "README.md").read_text()


def test_the_data_page_says_how_big_a_file_can_be(app_journal):
    from tests.conftest import run_page

    at = run_page("data")
    assert not at.exception
    assert at.file_uploader[0].proto.max_upload_size_mb == MAX_UPLOAD_MB
    assert any(f"{MAX_UPLOAD_MB} MB" in caption.value for caption in at.caption)


def test_the_data_page_answers_an_oversized_file_kindly_and_writes_nothing(app_journal):
    from tests.conftest import run_page
    from tests.hostile_files import daylio_25mb

    at = run_page("data")
    at.file_uploader[0].set_value(("daylio_export.csv", daylio_25mb(), "text/csv"))
    at.run()
    assert not at.exception
    assert any(f"bigger than {MAX_UPLOAD_MB} MB" in warning.value for warning in at.warning)
    assert "data_import" not in [button.key for button in at.button]
    assert app_journal.checkins() == []


# --- real exports still fit under every limit ----------------------------------------


@pytest.mark.parametrize("largest", LARGEST, ids=lambda h: h.name)
def test_the_biggest_file_a_person_could_have_is_previewed_in_bounded_memory(largest: Hostile):
    result = attempt(largest.make(), largest.filename)
    assert result.outcome == "previewed", result.message[:300]
    assert result.seconds < 20  # about 5 s on a busy two-core machine
    assert result.memory_mb < 400  # about 150 MB
    assert result.rows_written == 0


def test_ten_years_of_daylio_fits_every_limit(journal):
    from bench.bench_import import daylio_export

    lines = daylio_export(10).splitlines(keepends=True)
    data = lines[0] + b"".join(lines[1:]) * 3  # three entries a day for ten years
    preview = preview_file("daylio_export.csv", data, journal)
    assert preview.ready and preview.counts["checkins"] > 9000


def _loop_backup(path: Path, habits: int, days: int) -> bytes:
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE Habits (id INTEGER PRIMARY KEY, archived INTEGER, color INTEGER, "
        "description TEXT, freq_den INTEGER, freq_num INTEGER, highlight INTEGER, name TEXT, "
        "position INTEGER, reminder_hour INTEGER, reminder_min INTEGER, reminder_days "
        "INTEGER NOT NULL DEFAULT 127, type INTEGER NOT NULL DEFAULT 0, target_type INTEGER "
        "NOT NULL DEFAULT 0, target_value REAL NOT NULL DEFAULT 0, unit TEXT NOT NULL "
        "DEFAULT '', question TEXT, uuid TEXT);"
        "CREATE TABLE Repetitions (id INTEGER PRIMARY KEY AUTOINCREMENT, habit INTEGER NOT "
        "NULL REFERENCES Habits(id), timestamp INTEGER NOT NULL, value INTEGER NOT NULL, "
        "notes TEXT);"
        "CREATE UNIQUE INDEX idx_repetitions_habit_timestamp ON Repetitions(habit, timestamp);"
        # Loop's own backups carry a view and triggers: they must simply never run.
        "CREATE VIEW habit_names AS SELECT name FROM Habits;"
        "CREATE TRIGGER no_delete BEFORE DELETE ON Habits BEGIN SELECT 1; END;"
    )
    start = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
    for habit in range(1, habits + 1):
        connection.execute(
            "INSERT INTO Habits (id, archived, freq_den, freq_num, name, position) "
            "VALUES (?, 0, 1, 1, ?, ?)",
            (habit, f"Habit {habit}", habit),
        )
        connection.executemany(
            "INSERT INTO Repetitions (habit, timestamp, value) VALUES (?, ?, 2)",
            [
                (habit, int((start + dt.timedelta(days=n)).timestamp() * 1000))
                for n in range(0, days, 2)
            ],
        )
    connection.commit()
    connection.close()
    return path.read_bytes()


def test_ten_years_of_forty_loop_habits_fits_every_limit(journal, tmp_path):
    data = _loop_backup(tmp_path / "loop.db", habits=40, days=3650)
    started = time.perf_counter()
    preview = preview_loop(data, journal)
    assert time.perf_counter() - started < SECONDS
    assert preview.ready and preview.counts == {"goals": 40, "goal_days": 40 * 1825}
    apply_import(journal, preview)
    assert journal.store.db.execute("SELECT count(*) FROM goal_logs").fetchone()[0] == 40 * 1825


def test_a_loop_zip_of_forty_habits_over_ten_years_fits_every_limit(journal):
    buffer = io.BytesIO()
    header = "Position,Name,Question,Description,FrequencyNumerator,FrequencyDenominator\n"
    rows = "".join(f"{n:03d},Habit {n},,,1,1\n" for n in range(1, 41))
    days = [dt.date(2016, 1, 1) + dt.timedelta(days=n) for n in range(3650)]
    checkmarks = "Date,Value,Notes\n" + "".join(f"{d},YES_MANUAL,\n" for d in days)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Habits.csv", header + rows)
        for n in range(1, 41):
            archive.writestr(f"{n:03d} Habit {n}/Checkmarks.csv", checkmarks)
            archive.writestr(f"{n:03d} Habit {n}/Scores.csv", "Date,Score\n")
    preview = preview_loop(buffer.getvalue(), journal)
    assert preview.ready and preview.counts == {"goals": 40, "goal_days": 40 * 3650}


# --- the guards themselves -----------------------------------------------------------


def test_a_query_of_an_uploaded_database_stops_at_its_time_limit(tmp_path):
    path = tmp_path / "any.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    with open_untrusted_sqlite(path.read_bytes()) as database:
        started = time.monotonic()
        with pytest.raises(SQLiteTooSlow):
            database.execute(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
                "SELECT count(*) FROM n"
            )
        assert time.monotonic() - started < SQLITE_QUERY_SECONDS + 3


def test_an_uploaded_database_is_never_written(tmp_path, journal):
    data = _loop_backup(tmp_path / "loop.db", habits=1, days=10)
    with open_untrusted_sqlite(data) as database:
        with pytest.raises(sqlite3.OperationalError):
            database.execute("DELETE FROM Habits")
        with pytest.raises(InvalidEntry, match="isn't a plain table"):
            database.table_columns("habit_names")  # a view is never read
    assert preview_loop(data, journal).counts["goals"] == 1


def test_a_stored_value_bigger_than_the_limit_is_refused(tmp_path, journal):
    path = tmp_path / "loop.db"
    _loop_backup(path, habits=1, days=10)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE Habits SET description = ?", ("x" * 3_000_000,))
    connection.commit()
    connection.close()
    with pytest.raises(InvalidEntry, match="far bigger"):
        preview_loop(path.read_bytes(), journal)


def test_a_zip_with_too_many_members_or_path_tricks_is_refused(journal):
    for names in (
        ["Habits.csv", *(f"{n:04d} x/Checkmarks.csv" for n in range(2500))],
        ["Habits.csv", "../001 Walk/Checkmarks.csv"],
        ["Habits.csv", "/etc/001 Walk/Checkmarks.csv"],
    ):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                archive.writestr(name, "Position,Name\n001,Walk\n")
        with pytest.raises(InvalidEntry, match="Nothing was imported"):
            preview_loop(buffer.getvalue(), journal)
