"""The store's check-ins, as a person keeping a journal expects them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.store_rows import DAY, TODAY
from tracker.errors import InvalidEntry, NotFound


def test_several_checkins_a_day_are_all_kept(journal):
    morning = journal.add_checkin(DAY, 2, "morning", logged_at="2024-03-01T08:00:00")
    evening = journal.add_checkin(DAY, 4, "evening", logged_at="2024-03-01T20:00:00")
    journal.add_checkin(DAY - dt.timedelta(days=1), 3)
    assert [c.id for c in journal.checkins(DAY, DAY)] == [evening.id, morning.id]
    assert [c.id for c in journal.checkins(DAY, DAY, newest_first=False)] == [
        morning.id,
        evening.id,
    ]
    assert len(journal.checkins()) == 3
    assert [c.day for c in journal.checkins(limit=1)] == [DAY]
    day_moods = journal.frames().checkins.groupby("day")["mood"].mean()
    assert day_moods[pd.Timestamp(DAY)] == 3


def test_a_past_checkin_is_logged_at_noon_of_that_day(journal):
    assert journal.add_checkin(DAY, 3).logged_at == "2024-03-01T12:00:00"
    assert journal.add_checkin(TODAY, 3).logged_at.startswith(TODAY.isoformat())


def test_text_is_stripped_and_an_empty_note_is_no_note(journal):
    assert journal.add_checkin(DAY, 3, "  felt calm \n").note == "felt calm"
    assert journal.add_checkin(DAY, 3, "   ").note is None


def test_editing_a_checkin(journal):
    checkin = journal.add_checkin(DAY, 2, "rough", logged_at="2024-03-01T08:30:00")
    edited = journal.update_checkin(checkin.id, mood=3, note="better than I thought")
    assert (edited.mood, edited.note, edited.day) == (3, "better than I thought", DAY)
    assert journal.update_checkin(checkin.id, mood=3, note="").note is None
    with pytest.raises(InvalidEntry):
        journal.update_checkin(checkin.id, mood=0, note="x")
    assert journal.checkin(checkin.id).mood == 3


def test_moving_a_checkin_to_another_day_keeps_its_time(journal):
    checkin = journal.add_checkin(DAY, 2, logged_at="2024-03-01T08:30:00")
    moved = journal.update_checkin(checkin.id, mood=2, note=None, day="2024-02-27")
    assert moved.day == dt.date(2024, 2, 27)
    assert moved.logged_at == "2024-02-27T08:30:00"
    with pytest.raises(InvalidEntry):
        journal.update_checkin(checkin.id, mood=2, note=None, day=TODAY + dt.timedelta(days=1))
    assert journal.checkin(checkin.id).day == dt.date(2024, 2, 27)


def test_deleting_a_checkin(journal):
    kept = journal.add_checkin(DAY, 4)
    gone = journal.add_checkin(DAY, 1)
    journal.delete_checkin(gone.id)
    assert [c.id for c in journal.checkins()] == [kept.id]
    with pytest.raises(NotFound):
        journal.checkin(gone.id)
    with pytest.raises(NotFound):
        journal.delete_checkin(gone.id)


def test_a_checkin_brings_its_selfcare_and_goals(journal):
    walk = journal.add_activity("Walk")
    stretch = journal.add_goal("Stretch")
    water = journal.add_goal(
        "Water", times=1, per_days=1, unit="glasses", target_type="at_least", target_value=8
    )
    journal.add_checkin(
        DAY,
        4,
        activities=[walk.id, "call a friend"],
        goals_done=[stretch.id],
        goal_amounts={water.id: 6},
    )
    friend = journal.activity_named("Call a friend")
    assert friend is not None
    assert journal.day_activities(DAY) == {walk.id, friend.id}
    logs = {log.goal_id: log for log in journal.goal_logs(start=DAY, end=DAY)}
    assert logs[stretch.id].status == "done"
    assert (logs[water.id].status, logs[water.id].amount) == ("amount", 6.0)
