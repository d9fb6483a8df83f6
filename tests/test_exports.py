"""CSV export: one tidy file per kind of record, readable as it is by pandas and spreadsheets."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from tracker.exports import csv_zip, export_csv, write_csv

FILES = [
    "checkins.csv",
    "activities.csv",
    "activity_logs.csv",
    "goals.csv",
    "goal_logs.csv",
    "setbacks.csv",
]


def read(files: dict[str, bytes], name: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(files[name]), keep_default_na=False, dtype=str)


def fill(journal) -> None:
    walk = journal.add_activity("Walk", emoji="🚶", category="body", times=3, per_days=7)
    journal.add_checkin("2025-03-02", 4, 'Busy, but "fine"\nTwo lines', activities=[walk.id])
    journal.add_checkin("2025-03-01", 2, None, activities=["Called Mum"])
    drinks = journal.add_goal(
        "Drinks", unit="drinks", target_type="at_most", target_value=2, times=1, per_days=1
    )
    journal.log_goal(drinks.id, "2025-03-01", "amount", amount=3)
    journal.log_goal(drinks.id, "2025-03-02", "skipped", reason="party, sorry")
    journal.add_setback("2025-03-01", "Hard day", "A walk")


def test_one_file_per_kind_of_record(journal):
    assert list(export_csv(journal)) == FILES


def test_checkins_with_awkward_notes_read_back_exactly(journal):
    fill(journal)
    checkins = read(export_csv(journal), "checkins.csv")
    assert list(checkins.columns) == ["day", "logged_at", "mood", "note"]
    assert checkins.values.tolist() == [
        ["2025-03-01", "2025-03-01T12:00:00", "2", ""],
        ["2025-03-02", "2025-03-02T12:00:00", "4", 'Busy, but "fine"\nTwo lines'],
    ]


def test_logs_name_their_activity_and_goal_instead_of_ids(journal):
    fill(journal)
    files = export_csv(journal)
    assert read(files, "activity_logs.csv").values.tolist() == [
        ["2025-03-01", "Called Mum"],
        ["2025-03-02", "Walk"],
    ]
    assert read(files, "goal_logs.csv").values.tolist() == [
        ["2025-03-01", "Drinks", "amount", "3.0", ""],
        ["2025-03-02", "Drinks", "skipped", "", "party, sorry"],
    ]


def test_activities_goals_and_setbacks_are_tidy(journal):
    fill(journal)
    files = export_csv(journal)
    activities = read(files, "activities.csv")
    walk = activities[activities["name"] == "Walk"].iloc[0].to_dict()
    assert walk == {
        "name": "Walk",
        "emoji": "🚶",
        "category": "body",
        "times": "3",  # a whole number, not 3.0
        "per_days": "7",
        "archived": "False",
        "kind": "selfcare",
    }
    goal = read(files, "goals.csv").iloc[0]
    assert (goal["title"], goal["target_type"], goal["target_value"], goal["unit"]) == (
        "Drinks",
        "at_most",
        "2.0",
        "drinks",
    )
    setbacks = read(files, "setbacks.csv")
    assert setbacks.values.tolist() == [["2025-03-01", "Hard day", "A walk", ""]]


def test_files_start_with_a_byte_order_mark_for_spreadsheets(journal):
    for data in export_csv(journal).values():
        assert data.startswith(b"\xef\xbb\xbf")


def test_an_empty_journal_gives_headers_only(journal):
    files = export_csv(journal)
    assert all(read(files, name).empty for name in FILES)
    assert list(read(files, "goal_logs.csv").columns) == [
        "day",
        "goal",
        "status",
        "amount",
        "reason",
    ]


def test_write_csv_writes_the_files_into_a_folder(journal, tmp_path):
    fill(journal)
    written = write_csv(journal, tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(FILES)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)  # no leftovers
    assert len(pd.read_csv(tmp_path / "out" / "checkins.csv")) == 2


def test_csv_zip_holds_the_same_files(journal):
    fill(journal)
    with zipfile.ZipFile(io.BytesIO(csv_zip(journal))) as archive:
        assert archive.namelist() == FILES
        assert archive.read("goal_logs.csv") == export_csv(journal)["goal_logs.csv"]
