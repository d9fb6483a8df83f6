"""Tidy CSV files of one person's journal: one file per kind of record.

One row per record, one column per field, days as ``YYYY-MM-DD``, and names
instead of database ids (``activity_logs.csv`` says which activity, by name), so
the files open as they are in a spreadsheet or ``pandas.read_csv``. Written as
UTF-8 with a byte-order mark, which spreadsheets need to show accents right.

A text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a leading ``'``, as OWASP advises, so a
name such as ``=HYPERLINK(...)`` opens as the text it is. Numbers stay numbers, and
the JSON backup (tracker/backup.py) keeps every text exactly as written.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pandas as pd

from tracker.store import Journal

ENCODING = "utf-8-sig"

# What a spreadsheet takes as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """A text cell that would start a formula, with a ``'`` in front; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell made inert; numeric columns (a negative amount is
    a number, not a formula) are left untouched."""
    text_columns = [
        column
        for column in frame.columns
        if not pd.api.types.is_numeric_dtype(frame[column])
        and not pd.api.types.is_datetime64_any_dtype(frame[column])
    ]
    if not text_columns:
        return frame
    return frame.assign(
        **{column: frame[column].map(neutralise_formula) for column in text_columns}
    )


def export_frames(journal: Journal) -> dict[str, pd.DataFrame]:
    """The tidy tables, by file name."""
    f = journal.frames()
    activity_names = dict(zip(f.activities["id"], f.activities["name"], strict=True))
    goal_titles = dict(zip(f.goals["id"], f.goals["title"], strict=True))

    activities = f.activities.drop(columns="id").assign(
        times=f.activities["times"].astype("Int64"),
        per_days=f.activities["per_days"].astype("Int64"),
        archived=f.activities["archived"].astype(bool),
    )
    activity_logs = pd.DataFrame(
        {
            "day": _days(f.activity_logs["day"]),
            "activity": f.activity_logs["activity_id"].map(activity_names),
        }
    ).sort_values(["day", "activity"], kind="stable")
    goals = f.goals.drop(columns="id").assign(
        times=f.goals["times"].astype("Int64"),
        per_days=f.goals["per_days"].astype("Int64"),
        target_date=_days(f.goals["target_date"]),
        achieved_on=_days(f.goals["achieved_on"]),
        created=_days(f.goals["created"]),
    )
    goal_logs = pd.DataFrame(
        {
            "day": _days(f.goal_logs["day"]),
            "goal": f.goal_logs["goal_id"].map(goal_titles),
            "status": f.goal_logs["status"],
            "amount": f.goal_logs["amount"],
            "reason": f.goal_logs["reason"],
        }
    ).sort_values(["day", "goal"], kind="stable")
    return {
        "checkins.csv": f.checkins.drop(columns="id").assign(day=_days(f.checkins["day"])),
        "activities.csv": activities,
        "activity_logs.csv": activity_logs,
        "goals.csv": goals,
        "goal_logs.csv": goal_logs,
        "setbacks.csv": f.setbacks.drop(columns="id").assign(day=_days(f.setbacks["day"])),
    }


def export_csv(journal: Journal) -> dict[str, bytes]:
    """``{file name: CSV bytes}``, e.g. for one download button per file."""
    return {
        name: neutralise_formulas(frame).to_csv(index=False, lineterminator="\n").encode(ENCODING)
        for name, frame in export_frames(journal).items()
    }


def csv_zip(journal: Journal) -> bytes:
    """All the CSV files in one zip, for a single download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in export_csv(journal).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_csv(journal: Journal, directory: str | os.PathLike[str]) -> list[Path]:
    """Write the CSV files into ``directory`` (made if needed); returns their paths.

    Each file appears whole or not at all: it is written aside, then moved in place.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in export_csv(journal).items():
        written.append(write_atomically(folder / name, data))
    return written


def csv_dirname(today: dt.date | None = None) -> str:
    return f"resilience-csv-{(today or dt.date.today()).isoformat()}"


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never half."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _days(column: pd.Series) -> pd.Series:
    return column.dt.strftime("%Y-%m-%d")
