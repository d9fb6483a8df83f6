"""Loop Habit Tracker → recurring goals and their days.

Two formats: the CSV zip (``Habits.csv`` plus one ``NNN Name/Checkmarks.csv`` per
habit, values as ``YES_MANUAL``/``YES_AUTO``/``NO``/``SKIP``/``UNKNOWN`` or as the
integers 2/1/0/3/-1; older exports have no header row and no notes column) and
the SQLite backup (``Habits`` and ``Repetitions``, timestamps in milliseconds at
00:00 UTC). Numerical habits store amounts × 1000. A day marked by hand is done,
a skip is skipped; automatic, "no" and unknown days are simply not logged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass, field, replace

from tracker import records as r
from tracker.errors import InvalidEntry
from tracker.importers.base import (
    GoalSpec,
    ImportPlan,
    ImportPreview,
    RowProblem,
    existing_goals,
    goal_clashes,
)
from tracker.importers.untrusted import (
    MAX_HABIT_DAYS,
    TOO_MANY_DAYS,
    SQLiteTooSlow,
    UntrustedDatabase,
    ZipReader,
    open_untrusted_sqlite,
    refuse_if_too_big,
)
from tracker.store import Journal

WORDS = {"YES_MANUAL": 2, "YES_AUTO": 1, "NO": 0, "SKIP": 3, "UNKNOWN": -1}
DONE, SKIPPED = 2, 3
NOT_LOGGED = {1, 0, -1}
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError)

_CHECKMARKS = re.compile(r"^(?P<root>.*?)(?P<position>\d+) [^/]*/Checkmarks\.csv$")


@dataclass
class _Habit:
    where: str
    position: int
    spec: GoalSpec
    days: list[tuple[str, str, float | None, str | None]] = field(default_factory=list)


def preview_loop(data: bytes, journal: Journal) -> ImportPreview:
    """Read a Loop CSV zip or SQLite backup; write nothing."""
    refuse_if_too_big(data)
    problems: list[RowProblem] = []
    if data.startswith(b"SQLite format 3\x00"):
        habits = _read_sqlite(data, problems)
    elif data.startswith(b"PK"):
        habits = _read_zip(data, problems)
    else:
        raise InvalidEntry(
            "This isn't a Loop Habit Tracker export we can read. In Loop, use Settings → "
            "Export as CSV (a .zip file) or Export full backup (a .db file)."
        )
    _rename_twins(habits)
    plan = ImportPlan(goals=[habit.spec for habit in habits])
    for habit in habits:
        for day, status, amount, reason in habit.days:
            plan.goal_days.append((habit.spec.title, day, status, amount, reason))
    problems.extend(goal_clashes(journal, plan.goals))
    known = existing_goals(journal)
    days = [day for _, day, *_ in plan.goal_days]
    return ImportPreview(
        source="Loop Habit Tracker",
        counts={"goals": len(plan.goals), "goal_days": len(plan.goal_days)},
        first_day=dt.date.fromisoformat(min(days)) if days else None,
        last_day=dt.date.fromisoformat(max(days)) if days else None,
        new_goals=[spec.title for spec in plan.goals if spec.title.casefold() not in known],
        problems=problems,
        plan=plan,
    )


# --- the CSV zip ---------------------------------------------------------------------


def _read_zip(data: bytes, problems: list[RowProblem]) -> list[_Habit]:
    try:
        opened = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        raise InvalidEntry(
            "This zip file is damaged or incomplete, so we couldn't read it. Nothing was imported."
        ) from None
    archive = ZipReader(opened)
    names = archive.names
    habits_files = sorted((n for n in names if n.rsplit("/", 1)[-1] == "Habits.csv"), key=len)
    if not habits_files:
        raise InvalidEntry(
            "This zip has no Habits.csv, so it isn't a Loop CSV export. Nothing was imported."
        )
    root = habits_files[0][: -len("Habits.csv")]
    rows = _csv_rows(_read_member(archive, habits_files[0]), "Habits.csv")
    header = [name.strip().lower() for name in rows[0]] if rows else []
    if "name" not in header:
        raise InvalidEntry(
            "Habits.csv in this zip has no Name column, so it isn't a Loop export we can read."
        )
    column = {name: index for index, name in reversed(list(enumerate(header)))}

    def cell(row: list[str], *names: str) -> str:
        for name in names:
            index = column.get(name)
            if index is not None and index < len(row):
                return row[index].strip()
        return ""

    checkmarks: dict[int, str] = {}
    for name in names:
        match = _CHECKMARKS.match(name)
        if match and match["root"] == root:
            checkmarks.setdefault(int(match["position"]), name)

    habits: list[_Habit] = []
    with_days: list[tuple[_Habit, str]] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in row):
            continue
        where = f"Habits.csv row {number}"
        try:
            position_text = cell(row, "position")
            position = int(position_text) if position_text else number - 1
            spec = _goal_spec(
                title=cell(row, "name"),
                why=cell(row, "description") or cell(row, "question"),
                times=cell(row, "frequencynumerator", "numrepetitions") or "1",
                per_days=cell(row, "frequencydenominator", "interval") or "1",
                numerical=cell(row, "type").upper() in {"NUMERICAL", "NUMERIC", "1"},
                unit=cell(row, "unit"),
                target_type=cell(row, "target type"),
                target_value=cell(row, "target value"),
                archived=cell(row, "archived?").lower() in {"true", "1", "yes"},
            )
        except (InvalidEntry, ValueError) as error:
            problems.append(RowProblem(where, _why(error)))
            continue
        habit = _Habit(where=where, position=position, spec=spec)
        member = checkmarks.get(position)
        if member is not None:
            with_days.append((habit, member))
        habits.append(habit)
    archive.refuse_shared([member for _, member in with_days])  # before reading any
    texts = [(habit, member, _read_member(archive, member)) for habit, member in with_days]
    if sum(text.count("\n") for *_, text in texts) > MAX_HABIT_DAYS:
        raise InvalidEntry(TOO_MANY_DAYS)  # before the slow part: reading every day
    for habit, member, text in texts:
        _read_checkmarks(habit, _csv_rows(text, member), member, problems)
    return habits


def _read_member(archive: ZipReader, name: str) -> str:
    try:
        raw = archive.read(name)
    except InvalidEntry:  # a ValueError too: it says why on its own
        raise
    except (*ZIP_ERRORS, NotImplementedError, RuntimeError):
        # RuntimeError: a password-protected zip, which Loop never writes.
        raise InvalidEntry(
            f"{name} in this zip is damaged or locked, so nothing was imported."
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidEntry(
            f"{name} in this zip isn't text we can read. Nothing was imported."
        ) from None


def _csv_rows(text: str, name: str) -> list[list[str]]:
    if "\x00" in text:
        raise InvalidEntry(f"{name} in this zip holds binary data. Nothing was imported.")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InvalidEntry(f"{name} isn't a CSV file we can read ({error}).") from None


def _read_checkmarks(
    habit: _Habit, rows: list[list[str]], name: str, problems: list[RowProblem]
) -> None:
    start = 1
    if rows and rows[0] and rows[0][0].strip().lower() == "date":
        start = 2
    for number, row in enumerate(rows[start - 1 :], start=start):
        if not any(value.strip() for value in row):
            continue
        where = f"{name} row {number}"
        try:
            if len(row) < 2:
                raise InvalidEntry("it needs a date and a value.")
            day = r.parse_day(row[0].strip())
            notes = row[2] if len(row) > 2 else ""
            entry = _entry(habit.spec, row[1].strip(), notes)
        except InvalidEntry as error:
            problems.append(RowProblem(where, _why(error)))
            continue
        if entry is not None:
            habit.days.append((day.isoformat(), *entry))


# --- the SQLite backup ---------------------------------------------------------------


# The columns of a Loop backup we use; nothing else of the file is read.
_HABIT_COLUMNS = (
    "id",
    "name",
    "description",
    "question",
    "freq_num",
    "freq_den",
    "type",
    "unit",
    "target_type",
    "target_value",
    "archived",
)
_NOT_LOOP = (
    "This file isn't a Loop Habit Tracker backup we can read (it's damaged, or from "
    "another app). Nothing was imported."
)


def _read_sqlite(data: bytes, problems: list[RowProblem]) -> list[_Habit]:
    try:
        with open_untrusted_sqlite(data) as database:
            habit_columns = database.table_columns("Habits")
            repetition_columns = database.table_columns("Repetitions")
            if habit_columns is None or repetition_columns is None:
                raise InvalidEntry(_NOT_LOOP)
            wanted = [c for c in _HABIT_COLUMNS if c in {n.lower() for n in habit_columns}]
            habit_rows = [
                dict(zip(wanted, row, strict=True))
                for row in database.execute(
                    f"SELECT {', '.join(wanted)} FROM Habits" if wanted else "SELECT 1 LIMIT 0"
                )
            ]
            repetitions = [
                {"habit": habit, "timestamp": timestamp, "value": value}
                for habit, timestamp, value in database.execute(
                    "SELECT habit, timestamp, value FROM Repetitions ORDER BY habit, timestamp"
                )
            ]
            notes = _repetition_notes(database, repetition_columns)
    except InvalidEntry:  # a ValueError too: it says why on its own
        raise
    except SQLiteTooSlow:
        raise InvalidEntry(
            "Reading this file took far longer than a Loop backup ever takes, so we stopped. "
            "Nothing was imported."
        ) from None
    except sqlite3.Error as error:
        if "too big" in str(error):
            raise InvalidEntry(
                "This file holds a value far bigger than a Loop backup has, so we stopped "
                "reading it. Nothing was imported."
            ) from None
        raise InvalidEntry(_NOT_LOOP) from None
    except (OverflowError, ValueError, MemoryError, OSError):
        raise InvalidEntry(_NOT_LOOP) from None

    habits: dict[object, _Habit] = {}
    for number, row in enumerate(habit_rows, start=1):
        where = f"habit {number}"
        try:
            spec = _goal_spec(
                title=_text(row.get("name")),
                why=_text(row.get("description")) or _text(row.get("question")),
                times=row.get("freq_num") or 1,
                per_days=row.get("freq_den") or 1,
                numerical=_int(row.get("type"), 0) == 1,
                unit=_text(row.get("unit")),
                target_type={0: "AT_LEAST", 1: "AT_MOST"}.get(_int(row.get("target_type"), 0)),
                target_value=row.get("target_value"),
                archived=_int(row.get("archived"), 0) == 1,
            )
        except (InvalidEntry, ValueError, TypeError) as error:
            problems.append(RowProblem(where, _why(error)))
            continue
        habits[row.get("id")] = _Habit(where=where, position=number, spec=spec)

    for index, row in enumerate(repetitions, start=1):
        habit = habits.get(row["habit"])
        if habit is None:
            continue  # a repetition of a habit that was deleted, or that had a problem
        where = f"repetition {index} of “{habit.spec.title}”"
        try:
            day = r.parse_day(_utc_day(row["timestamp"]))
            value = row["value"]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            entry = _entry(habit.spec, str(value), notes.get((row["habit"], row["timestamp"]), ""))
        except InvalidEntry as error:
            problems.append(RowProblem(where, _why(error)))
            continue
        if entry is not None:
            habit.days.append((day.isoformat(), *entry))
    return list(habits.values())


def _repetition_notes(database: UntrustedDatabase, columns: list[str]) -> dict[tuple, str]:
    if "notes" not in {name.lower() for name in columns}:
        return {}
    return {
        (row[0], row[1]): row[2]
        for row in database.execute(
            "SELECT habit, timestamp, notes FROM Repetitions WHERE notes IS NOT NULL"
        )
        if isinstance(row[2], str)
    }


def _utc_day(timestamp: object) -> dt.date:
    if isinstance(timestamp, bool) or not isinstance(timestamp, int | float):
        raise InvalidEntry(f"“{timestamp}” isn't a timestamp we can read.")
    try:
        return dt.datetime.fromtimestamp(timestamp / 1000, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        raise InvalidEntry(f"“{timestamp}” isn't a real day.") from None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return default


# --- shared by both formats ----------------------------------------------------------


def _goal_spec(
    *,
    title: str,
    why: str,
    times: object,
    per_days: object,
    numerical: bool,
    unit: str,
    target_type: str | None,
    target_value: object,
    archived: bool,
) -> GoalSpec:
    clean_title = r.clean_text(title, what="habit name", limit=r.MAX_TITLE, required=True)
    assert clean_title is not None
    n, d = r.check_cadence(times, per_days)
    spec = GoalSpec(
        title=clean_title,
        why=r.clean_text(why, what="habit description", limit=r.MAX_REFLECTION),
        times=n,
        per_days=d,
        archived=archived,
    )
    if not numerical:
        return spec
    kind = {"AT_LEAST": "at_least", "AT_MOST": "at_most"}.get((target_type or "").upper())
    if kind is None:
        raise InvalidEntry(f"“{target_type}” isn't a target type we know (at least / at most).")
    try:
        kind, value = r.check_target(kind, target_value)  # as the app checks a goal
    except InvalidEntry as problem:
        raise InvalidEntry(f"“{clean_title}” has a target of “{target_value}”. {problem}") from None
    return GoalSpec(
        title=spec.title,
        why=spec.why,
        times=n,
        per_days=d,
        unit=r.clean_text(unit, what="unit", limit=30),
        target_type=kind,
        target_value=value,
        archived=archived,
    )


def _entry(spec: GoalSpec, value: str, notes: str) -> tuple[str, float | None, str | None] | None:
    """One Loop value → (status, amount, reason), or None when the day isn't logged."""
    word = value.upper()
    if word in WORDS:
        number = WORDS[word]
    elif re.fullmatch(r"-?\d+", value):
        number = int(value)
    else:
        raise InvalidEntry(f"“{value[:40]}” isn't a value we can read.")
    # Loop stores a skip as 3 in numerical habits too (and reads a 3 back as a skip).
    if number == SKIPPED:
        reason = r.clean_text(notes, what="reason for the skip", limit=r.MAX_REASON)
        return ("skipped", None, reason)
    if spec.measurable:
        if word in WORDS or number == -1:
            return ("done", None, None) if number == DONE else None
        if not 0 <= number < 1e12:
            raise InvalidEntry(f"“{value}” isn't an amount we can read.")
        return ("amount", number / 1000, None)
    if number == DONE:
        return ("done", None, None)
    if number in NOT_LOGGED:
        return None
    raise InvalidEntry(f"“{value}” isn't a value we can read (Loop uses 2, 1, 0, 3 and -1).")


def _rename_twins(habits: list[_Habit]) -> None:
    """Two Loop habits with the same name become "Name" and "Name (2)"."""
    seen: dict[str, int] = {}
    for habit in habits:
        key = habit.spec.title.casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            title = f"{habit.spec.title} ({seen[key]})"
            habit.spec = replace(habit.spec, title=title)


def _why(error: Exception) -> str:
    text = str(error)
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
