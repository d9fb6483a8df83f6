"""The store's DataFrames: the same columns and types whether a journal is empty or not."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.store_rows import DAY
from tracker.store import Journal

COLUMNS = {
    "checkins": ["id", "day", "logged_at", "mood", "note"],
    "activities": ["id", "name", "emoji", "category", "times", "per_days", "archived", "kind"],
    "activity_logs": ["activity_id", "day"],
    "goals": [
        "id",
        "title",
        "why",
        "kind",
        "status",
        "times",
        "per_days",
        "unit",
        "target_type",
        "target_value",
        "target_date",
        "achieved_on",
        "created",
    ],
    "goal_logs": ["goal_id", "day", "status", "amount", "reason"],
    "goal_pauses": ["goal_id", "start", "end"],
    "setbacks": ["id", "day", "what_happened", "what_helped", "try_next"],
}
DATE_COLUMNS = {
    "checkins": ["day"],
    "activity_logs": ["day"],
    "goals": ["target_date", "achieved_on", "created"],
    "goal_logs": ["day"],
    "goal_pauses": ["start", "end"],
    "setbacks": ["day"],
}
INT_COLUMNS = {
    "checkins": ["id", "mood"],
    "activities": ["id"],
    "activity_logs": ["activity_id"],
    "goals": ["id"],
    "goal_logs": ["goal_id"],
    "goal_pauses": ["goal_id"],
    "setbacks": ["id"],
}


def fill(journal: Journal) -> None:
    walk = journal.add_activity("Walk", times=3, per_days=7)
    goal = journal.add_goal("Stretch")
    journal.add_checkin(DAY, 4, "note", activities=[walk.id], goals_done=[goal.id])
    journal.add_checkin(DAY - dt.timedelta(days=2), 2)
    journal.set_goal_status(goal.id, "paused", on=DAY)
    journal.add_setback(DAY, "A hard day")


@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled"])
def test_frames_have_the_same_columns_and_dtypes_empty_or_not(journal, filled):
    if filled:
        fill(journal)
    frames = journal.frames()
    for name, columns in COLUMNS.items():
        frame = getattr(frames, name)
        assert frame.columns.tolist() == columns, name
        assert frame.empty is not filled, name
        for column in DATE_COLUMNS.get(name, []):
            assert pd.api.types.is_datetime64_dtype(frame[column]), (name, column)
        for column in INT_COLUMNS.get(name, []):
            assert pd.api.types.is_integer_dtype(frame[column]), (name, column)


def test_frames_are_sorted_by_day_at_midnight(journal):
    fill(journal)
    journal.add_checkin(DAY - dt.timedelta(days=5), 3)
    checkins = journal.frames().checkins
    assert checkins["day"].is_monotonic_increasing
    assert (checkins["day"] == checkins["day"].dt.normalize()).all()
    assert checkins["mood"].tolist() == [3, 2, 4]
