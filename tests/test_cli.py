"""The command line, ``python -m tracker``: every command, and its refusals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "journal.db"


def run(db: Path, *args: str, person: str | None = None):
    options = ["--db", str(db)] + (["--person", person] if person else [])
    return CliRunner().invoke(main, [*options, *args], catch_exceptions=False)


def dump(db: Path) -> list[str]:
    store = open_store(db)
    try:
        return list(store.db.conn.iterdump())
    finally:
        store.close()


def test_init_creates_a_first_journal_and_is_safe_twice(db):
    first = run(db, "init")
    assert first.exit_code == 0 and "Started a journal for “me”" in first.stdout
    second = run(db, "init")
    assert second.exit_code == 0 and "already set up" in second.stdout
    assert [p.name for p in open_store(db).people()] == ["me"]


def test_init_with_a_name(db):
    assert run(db, "init", "--name", "Ana").exit_code == 0
    assert run(db, "init", "--name", "Ana").exit_code == 0
    assert [p.name for p in open_store(db).people()] == ["Ana"]


def test_checkin_with_day_note_and_activities(db):
    run(db, "init")
    result = run(
        db,
        "checkin",
        "--mood",
        "4",
        "--day",
        "2025-02-03",
        "--note",
        "Better",
        "--did",
        "Walk",
        "--did",
        "Read",
    )
    assert result.exit_code == 0, result.output
    assert "3 Feb 2025" in result.stdout
    store = open_store(db)
    journal = store.journal(store.people()[0].id)
    (entry,) = journal.checkins()
    assert (entry.day.isoformat(), entry.mood, entry.note) == ("2025-02-03", 4, "Better")
    assert {a.name for a in journal.activities()} == {"Walk", "Read"}


def test_errors_go_to_stderr_with_a_non_zero_exit_and_write_nothing(db):
    run(db, "init")
    before = dump(db)
    result = run(db, "checkin", "--mood", "9")
    assert result.exit_code == 1
    assert "Mood is a number from 1 (awful) to 5 (great)." in result.stderr
    assert result.stdout == ""
    assert dump(db) == before


def test_a_command_before_init_says_how_to_start_and_leaves_no_file(db):
    result = run(db, "checkin", "--mood", "3")
    assert result.exit_code == 1
    assert "python -m tracker init" in result.stderr
    assert not db.exists()


def test_several_people_need_person_and_the_error_names_them(db):
    run(db, "init", "--name", "Ana")
    run(db, "init", "--name", "Ben")
    result = run(db, "checkin", "--mood", "3")
    assert result.exit_code == 1
    assert "“Ana”, “Ben”" in result.stderr and "--person" in result.stderr
    assert run(db, "checkin", "--mood", "3", person="Ben").exit_code == 0
    unknown = run(db, "checkin", "--mood", "3", person="Cy")
    assert unknown.exit_code == 1 and "Ana, Ben" in unknown.stderr


def test_import_daylio_refuses_unknown_moods_until_mapped(db):
    run(db, "init")
    before = dump(db)
    file = str(FIXTURES / "daylio_custom_moods.csv")
    refused = run(db, "import", "daylio", file)
    assert refused.exit_code == 1
    assert "“fine”, “so-so”" in refused.stderr and "--mood-map" in refused.stderr
    assert dump(db) == before
    done = run(db, "import", "daylio", file, "--mood-map", "fine=4", "--mood-map", "so-so=3")
    assert done.exit_code == 0, done.output
    assert "Added 3 check-ins from Daylio." in done.stdout
    again = run(db, "import", "daylio", file, "--mood-map", "fine=4", "--mood-map", "so-so=3")
    assert "already in your journal" in again.stdout


def test_import_daylio_with_a_bad_row_names_the_row(db):
    run(db, "init")
    before = dump(db)
    result = run(db, "import", "daylio", str(FIXTURES / "daylio_bad_rows.csv"))
    assert result.exit_code == 1
    assert "row 3:" in result.stderr and "Nothing was imported" in result.stderr
    assert dump(db) == before


def test_a_bad_mood_map_is_explained(db):
    run(db, "init")
    result = run(
        db, "import", "daylio", str(FIXTURES / "daylio_custom_moods.csv"), "--mood-map", "fine"
    )
    assert result.exit_code == 1 and "LABEL=SCORE" in result.stderr


def test_import_loop_zip(db, tmp_path):
    import zipfile

    archive = tmp_path / "Loop Habits CSV 2024-03-05.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in (FIXTURES / "loop_csv").rglob("*.csv"):
            out.write(path, path.relative_to(FIXTURES / "loop_csv").as_posix())
    run(db, "init")
    result = run(db, "import", "loop", str(archive))
    assert result.exit_code == 0, result.output
    assert "Added 4 goals and 8 goal days from Loop Habit Tracker." in result.stdout


def test_export_backup_then_import_it_into_a_new_database(db, tmp_path):
    run(db, "init", "--name", "Ana")
    run(db, "checkin", "--mood", "4", "--day", "2025-01-02", "--note", "Hello", "--did", "Walk")
    out = tmp_path / "backup.json"
    exported = run(db, "export", "backup", "-o", str(out))
    assert exported.exit_code == 0 and str(out) in exported.stdout
    other = tmp_path / "other.db"
    restored = run(other, "import", "backup", str(out))
    assert restored.exit_code == 0, restored.output
    assert "Restored the journal of “Ana”" in restored.stdout
    again = tmp_path / "again.json"
    run(other, "export", "backup", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()
    # Into an existing journal, twice: nothing is duplicated.
    twice = run(other, "import", "backup", str(out))
    assert twice.exit_code == 0 and "already in your journal" in twice.stdout


def test_a_broken_backup_is_refused_before_any_database_is_made(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    db = tmp_path / "new.db"
    result = run(db, "import", "backup", str(broken))
    assert result.exit_code == 1 and "isn't JSON" in result.stderr
    assert not db.exists()


def test_export_backup_to_stdout(db):
    run(db, "init")
    result = run(db, "export", "backup", "-o", "-")
    assert json.loads(result.stdout)["format"] == "resilience-tracker-backup"


def test_export_csv_into_a_folder(db, tmp_path):
    run(db, "init")
    run(db, "checkin", "--mood", "3", "--day", "2025-01-02")
    folder = tmp_path / "csv"
    result = run(db, "export", "csv", "-o", str(folder))
    assert result.exit_code == 0 and "6 CSV files" in result.stdout
    assert (folder / "checkins.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "day,logged_at,mood,note",
        "2025-01-02,2025-01-02T12:00:00,3,",
    ]


def test_stats_json_as_of_a_day(db):
    run(db, "init")
    for day, mood in [("2025-01-01", 2), ("2025-01-02", 4), ("2025-01-03", 5)]:
        run(db, "checkin", "--mood", str(mood), "--day", day)
    result = run(db, "stats", "--json", "--as-of", "2025-01-10")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["days_logged"] == 3
    assert (stats["first_day"], stats["last_day"]) == ("2025-01-01", "2025-01-03")
    assert stats["daily_mood"] == {"2025-01-01": 2.0, "2025-01-02": 4.0, "2025-01-03": 5.0}
    for key in ("entries", "activities", "habits", "setbacks", "trend", "wins"):
        assert key in stats
    bad = run(db, "stats", "--json", "--as-of", "soon")
    assert bad.exit_code == 1 and "isn't a date" in bad.stderr


def test_report_html_writes_one_self_contained_file(db, tmp_path):
    run(db, "init", "--name", "Ana")
    run(db, "checkin", "--mood", "4", "--day", "2025-01-02", "--note", "private words")
    out = tmp_path / "report.html"
    result = run(db, "report", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Ana" in html and "</html>" in html.lower()
    assert "private words" not in html  # notes only with --scope notes


def test_demo_adds_a_demo_journal_once(db):
    result = run(db, "demo", "--years", "0.1")
    assert result.exit_code == 0, result.output
    store = open_store(db)
    (person,) = store.people()
    assert person.is_demo and len(store.journal(person.id).checkins()) > 20
    assert "already here" in run(db, "demo").stdout


def test_python_dash_m_tracker_runs_for_real(tmp_path):
    db = tmp_path / "real.db"
    env = {**os.environ, "TRACKER_DB": str(db), "PYTHONPATH": str(ROOT)}

    def tracker(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "tracker", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )

    assert tracker("init").returncode == 0
    saved = tracker("checkin", "--mood", "5", "--day", "2025-01-01", "--note", "From a shell")
    assert saved.returncode == 0, saved.stderr
    backup = json.loads(tracker("export", "backup", "-o", "-").stdout)
    assert backup["checkins"][0]["note"] == "From a shell"
    refused = tracker("checkin", "--mood", "0")
    assert refused.returncode == 1 and "Mood is a number" in refused.stderr
    assert "Usage: python -m tracker" in tracker("--help").stdout


def test_a_file_that_cannot_be_written_is_explained(db, tmp_path):
    run(db, "init")
    result = run(db, "export", "backup", "-o", str(tmp_path / "no-such-folder" / "b.json"))
    assert result.exit_code == 1
    assert "Couldn't use the file" in result.stderr and "No such file" in result.stderr


def test_import_daylio_sorts_activities_and_asks_before_a_headerless_file(db, tmp_path):
    file = str(FIXTURES / "daylio_no_header.csv")
    run(db, "init", "--name", "Sam")
    refused = run(db, "import", "daylio", file)
    assert refused.exit_code != 0 and "--no-header-ok" in refused.output
    done = run(db, "import", "daylio", file, "--no-header-ok", "--selfcare", "walk")
    assert done.exit_code == 0, done.output
    with open_store(db) as store:
        [person] = store.people()
        kinds = {a.name: a.kind for a in store.journal(person.id).activities()}
    assert kinds == {"Walk": "selfcare", "work": "neutral"}
