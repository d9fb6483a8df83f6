"""Importing from Loop Habit Tracker: its CSV zip (new and old) and its SQLite backup."""

from __future__ import annotations

import datetime as dt
import functools
import io
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import InvalidEntry
from tracker.importers import apply_import, preview_loop
from tracker.store import Journal, open_store

FIXTURES = Path(__file__).parent / "fixtures"


def zip_folder(name: str, prefix: str = "") -> bytes:
    """A fixture folder as Loop ships it: a zip of Habits.csv and NNN Name/ folders."""
    folder = FIXTURES / name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*.csv")):
            archive.write(path, prefix + path.relative_to(folder).as_posix())
    return buffer.getvalue()


def snapshot(journal: Journal) -> list[str]:
    return list(journal.db.conn.iterdump())


def goal_named(journal: Journal, title: str):
    return next(g for g in journal.goals() if g.title == title)


def days_of(journal: Journal, title: str) -> dict[str, tuple]:
    goal = goal_named(journal, title)
    return {
        log.day.isoformat(): (log.status, log.amount, log.reason)
        for log in journal.goal_logs(goal.id)
    }


def test_csv_zip_becomes_recurring_goals_with_cadence_and_targets(journal):
    preview = preview_loop(zip_folder("loop_csv"), journal)
    assert preview.problems == []
    assert preview.new_goals == ["Meditate", "Run", "Water", "Old habit"]
    assert preview.counts == {"goals": 4, "goal_days": 8}
    apply_import(journal, preview)

    meditate = goal_named(journal, "Meditate")
    assert (meditate.kind, meditate.times, meditate.per_days) == ("habit", 1, 1)
    assert meditate.why == "Ten quiet minutes"
    run = goal_named(journal, "Run")
    assert (run.times, run.per_days, run.is_measurable) == (3, 7, False)
    water = goal_named(journal, "Water")
    assert (water.unit, water.target_type, water.target_value) == ("glasses", "at_least", 8.0)
    assert goal_named(journal, "Old habit").status == "archived"
    assert meditate.status == "active"


def test_loop_values_map_to_done_skipped_or_not_logged(journal):
    apply_import(journal, preview_loop(zip_folder("loop_csv"), journal))
    # Words: YES_MANUAL done, SKIP skipped (its note is the reason); YES_AUTO/NO/UNKNOWN nothing.
    assert days_of(journal, "Meditate") == {
        "2024-03-05": ("done", None, None),
        "2024-03-04": ("skipped", None, "Travelling"),
    }
    # The same as integers: 2 done, 3 skipped; 1, 0 and -1 nothing.
    assert days_of(journal, "Run") == {
        "2024-03-05": ("done", None, None),
        "2024-03-04": ("skipped", None, None),
    }
    # Numerical habits store amounts × 1000; -1 is "no entry", 0 is a real zero.
    assert days_of(journal, "Water") == {
        "2024-03-05": ("amount", 8.0, None),
        "2024-03-04": ("amount", 6.5, None),
        "2024-03-02": ("amount", 0.0, None),
    }


def test_old_csv_zip_without_headers_or_notes(journal):
    apply_import(journal, preview_loop(zip_folder("loop_csv_old", "Loop Habits CSV/"), journal))
    yoga = goal_named(journal, "Yoga")
    assert (yoga.times, yoga.per_days, yoga.why) == (2, 7, "Stretch it out")
    assert days_of(journal, "Floss") == {
        "2016-03-03": ("done", None, None),
        "2016-03-01": ("done", None, None),
    }
    assert days_of(journal, "Yoga") == {"2016-03-02": ("done", None, None)}


def test_importing_the_same_zip_twice_adds_nothing(journal):
    data = zip_folder("loop_csv")
    apply_import(journal, preview_loop(data, journal))
    before = snapshot(journal)
    again = preview_loop(data, journal)
    assert again.new_goals == []
    result = apply_import(journal, again)
    assert result.added["goals"] == 0 and result.added["goal_days"] == 0
    assert snapshot(journal) == before


def test_an_existing_goal_of_the_same_name_gets_the_days(journal):
    run = journal.add_goal("run", times=3, per_days=7)
    journal.log_goal(run.id, "2024-03-05", "skipped", reason="rest day")
    apply_import(journal, preview_loop(zip_folder("loop_csv"), journal))
    assert len([g for g in journal.goals() if g.title.casefold() == "run"]) == 1
    # What the person logged themselves stays as it is.
    assert days_of(journal, "run")["2024-03-05"] == ("skipped", None, "rest day")
    assert days_of(journal, "run")["2024-03-04"] == ("skipped", None, None)


def test_a_yes_no_goal_and_a_numerical_habit_of_one_name_are_refused(journal):
    journal.add_goal("Water", times=1, per_days=1)
    before = snapshot(journal)
    preview = preview_loop(zip_folder("loop_csv"), journal)
    assert [p.where for p in preview.problems] == ["habit “Water”"]
    with pytest.raises(InvalidEntry, match="Water"):
        apply_import(journal, preview)
    assert snapshot(journal) == before


def test_a_bad_value_imports_nothing_and_says_where(journal, tmp_path):
    data = zip_folder("loop_csv")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "002 Run/Checkmarks.csv":
                content = content.replace(b"2024-03-03,0", b"2024-02-30,0").replace(
                    b"2024-03-02,1", b"2024-03-02,MAYBE"
                )
            target.writestr(info, content)
    before = snapshot(journal)
    preview = preview_loop(buffer.getvalue(), journal)
    assert [str(p).split(":")[0] for p in preview.problems] == [
        "002 Run/Checkmarks.csv row 4",
        "002 Run/Checkmarks.csv row 5",
    ]
    assert "MAYBE" in preview.problems[1].why
    with pytest.raises(InvalidEntry, match="Nothing was imported"):
        apply_import(journal, preview)
    assert snapshot(journal) == before


def _loop_habits_zip(*rows: str) -> bytes:
    habits = (
        "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
        "Color,Unit,Target Type,Target Value,Archived?\n" + "".join(rows)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Habits.csv", habits)
    return buffer.getvalue()


def test_an_at_most_0_habit_comes_in_as_the_app_would_keep_it(journal):
    """ "No cigarettes" is at most 0 in Loop, and a goal the app itself allows."""
    data = _loop_habits_zip("001,Cigarettes,NUMERICAL,,,1,1,#000,cigarettes,AT_MOST,0.0,false\n")
    preview = preview_loop(data, journal)
    assert preview.problems == []
    apply_import(journal, preview)
    [goal] = journal.goals()
    assert (goal.title, goal.target_type, goal.target_value) == ("Cigarettes", "at_most", 0.0)


def test_an_at_least_0_target_is_explained(journal):
    data = _loop_habits_zip("001,Steps,NUMERICAL,,,1,1,#000,steps,AT_LEAST,0.0,false\n")
    preview = preview_loop(data, journal)
    assert (
        str(preview.problems[0].why)
        == "“Steps” has a target of “0.0”. The target should be a number above zero."
    )


# --- the SQLite backup -----------------------------------------------------------------


def utc_ms(day: str) -> int:
    return int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp() * 1000)


def loop_backup(tmp_path: Path, *, wal: bool = False) -> bytes:
    """A small Loop backup (.db) with the tables and columns Loop writes."""
    path = tmp_path / "Loop Habits Backup.db"
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
    con.executescript(
        """
        CREATE TABLE Habits (id INTEGER PRIMARY KEY AUTOINCREMENT, archived INTEGER,
            color INTEGER, description TEXT, freq_den INTEGER, freq_num INTEGER,
            highlight INTEGER, name TEXT, position INTEGER, reminder_hour INTEGER,
            reminder_min INTEGER, reminder_days INTEGER NOT NULL DEFAULT 127,
            type INTEGER NOT NULL DEFAULT 0, target_type INTEGER NOT NULL DEFAULT 0,
            target_value REAL NOT NULL DEFAULT 0, unit TEXT NOT NULL DEFAULT '',
            question TEXT, uuid TEXT);
        CREATE TABLE Repetitions (id INTEGER PRIMARY KEY AUTOINCREMENT,
            habit INTEGER NOT NULL REFERENCES Habits(id), timestamp INTEGER NOT NULL,
            value INTEGER NOT NULL, notes TEXT);
        """
    )
    con.executemany(
        "INSERT INTO Habits (id, archived, description, freq_den, freq_num, name, position, "
        "type, target_type, target_value, unit, question) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (1, 0, "Morning pages", 7, 5, "Journal", 0, 0, 0, 0, "", "Did you write?"),
            (2, 0, "", 1, 1, "Drinks", 1, 1, 1, 2.0, "drinks", ""),
            (3, 1, "", 1, 1, "Gone", 2, 0, 0, 0, "", ""),
        ],
    )
    con.executemany(
        "INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?,?,?,?)",
        [
            (1, utc_ms("2023-06-01"), 2, None),
            (1, utc_ms("2023-06-02"), 3, "Sick"),
            (1, utc_ms("2023-06-03"), 0, None),
            (1, utc_ms("2023-06-04"), 1, None),
            (2, utc_ms("2023-06-01"), 1500, None),
            (2, utc_ms("2023-06-02"), 0, None),
            (2, utc_ms("2023-06-03"), -1, None),
            (3, utc_ms("2022-01-01"), 2, None),
        ],
    )
    con.commit()
    con.close()
    data = path.read_bytes()
    assert data[18:20] == (b"\x02\x02" if wal else b"\x01\x01")
    return data


@pytest.mark.parametrize("wal", [False, True])
def test_sqlite_backup_becomes_goals_and_days(journal, tmp_path, wal):
    preview = preview_loop(loop_backup(tmp_path, wal=wal), journal)
    assert preview.problems == []
    assert (preview.first_day.isoformat(), preview.last_day.isoformat()) == (
        "2022-01-01",
        "2023-06-02",
    )
    apply_import(journal, preview)
    habit = goal_named(journal, "Journal")
    assert (habit.times, habit.per_days, habit.why) == (5, 7, "Morning pages")
    drinks = goal_named(journal, "Drinks")
    assert (drinks.unit, drinks.target_type, drinks.target_value) == ("drinks", "at_most", 2.0)
    assert goal_named(journal, "Gone").status == "archived"
    assert days_of(journal, "Journal") == {
        "2023-06-01": ("done", None, None),
        "2023-06-02": ("skipped", None, "Sick"),
    }
    assert days_of(journal, "Drinks") == {
        "2023-06-01": ("amount", 1.5, None),
        "2023-06-02": ("amount", 0.0, None),
    }


def test_sqlite_backup_imported_twice_adds_nothing(journal, tmp_path):
    data = loop_backup(tmp_path)
    apply_import(journal, preview_loop(data, journal))
    before = snapshot(journal)
    apply_import(journal, preview_loop(data, journal))
    assert snapshot(journal) == before


def test_a_file_that_is_not_from_loop_is_refused(journal, tmp_path):
    with pytest.raises(InvalidEntry, match="isn't a Loop Habit Tracker export"):
        preview_loop(b"Date,Value\n2024-01-01,2\n", journal)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(InvalidEntry, match="isn't a Loop Habit Tracker backup"):
        preview_loop(other.read_bytes(), journal)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.txt", "hello")
    with pytest.raises(InvalidEntry, match="no Habits.csv"):
        preview_loop(buffer.getvalue(), journal)


# --- fuzzing ---------------------------------------------------------------------------

VALID_ZIP = zip_folder("loop_csv", "Loop Habits CSV 2024-03-05/")


CSV_BITS = st.text(alphabet='0123456789-,"\n :YESNOKIPUMAL_', min_size=1, max_size=4).map(
    str.encode
)


BYTE_BITS = st.binary(min_size=1, max_size=4)


def mutate(data: bytes, draw, pieces=BYTE_BITS) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(out)))
        piece = draw(pieces)
        if draw(st.booleans()):
            out[at : at + len(piece)] = piece
        else:
            out[at:at] = piece
    return bytes(out)


@st.composite
def garbled_zip(draw) -> bytes:
    return mutate(VALID_ZIP, draw)


@st.composite
def garbled_zip_contents(draw) -> bytes:
    """A well-formed zip whose CSV text is damaged: exercises the row checks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(VALID_ZIP)) as source, zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            content = source.read(info)
            if draw(st.booleans()):
                content = mutate(content, draw, CSV_BITS)
            out.writestr(info.filename, content)
    return buffer.getvalue()


def check_imported_or_refused(data: bytes) -> None:
    store = open_store(":memory:")
    journal = store.journal(store.add_person("Fuzz").id)
    journal.add_goal("Meditate", times=1, per_days=1)
    before = snapshot(journal)
    try:
        apply_import(journal, preview_loop(data, journal))
    except InvalidEntry as refused:
        assert str(refused).strip()
        assert snapshot(journal) == before
    finally:
        store.close()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), garbled_zip(), garbled_zip_contents()))
def test_garbled_zips_are_imported_or_refused_kindly(data):
    check_imported_or_refused(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_garbled_sqlite_backups_are_imported_or_refused_kindly(data):
    check_imported_or_refused(mutate(valid_backup(), data.draw))


@functools.cache
def valid_backup() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return loop_backup(Path(folder))


# --- strengths as Loop shows them -----------------------------------------------------


def loop_scores(habit_folder: str) -> dict[dt.date, float]:
    """A habit's Scores.csv as Loop writes it: one line per day, newest first, 4 decimals."""
    text = (FIXTURES / "loop_csv_at_most" / habit_folder / "Scores.csv").read_text()
    return {
        dt.date.fromisoformat(day): float(score)
        for day, score in (line.split(",") for line in text.splitlines())
    }


@pytest.mark.parametrize(("folder", "title"), [("001 Drinks", "Drinks"), ("002 Sweets", "Sweets")])
def test_imported_at_most_habits_keep_the_strengths_loop_showed(journal, folder, title):
    from tracker import analytics

    apply_import(journal, preview_loop(zip_folder("loop_csv_at_most"), journal))
    expected = loop_scores(folder)
    export_day = max(expected)
    [summary] = [
        analytics.summarize_habit(habit)
        for habit in analytics.habits(journal.frames(), export_day)
        if habit.name == title
    ]
    shown = {stamp.date(): value for stamp, value in summary.strength.items()}
    for day, score in expected.items():
        assert shown[day] == pytest.approx(score, abs=0.00005), day  # Loop prints 4 decimals
    assert not summary.just_started
    stats = analytics.stats(journal.frames(), export_day)["habits"][title]
    assert stats["strength"] == pytest.approx(expected[export_day], abs=0.0006)


def test_a_numerical_skip_from_loop_is_a_skipped_day(journal):
    apply_import(journal, preview_loop(zip_folder("loop_csv_at_most"), journal))
    assert days_of(journal, "Sweets") == {
        "2024-03-18": ("amount", 0.0, None),
        "2024-03-19": ("skipped", None, None),
        "2024-03-20": ("amount", 2.0, None),
        "2024-03-21": ("amount", 1.5, None),
    }
