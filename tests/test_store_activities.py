"""The store's self-care activities and their days."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.store_rows import DAY
from tracker.errors import InvalidEntry, NotFound


def test_renaming_an_activity_keeps_its_history(journal):
    walk = journal.add_activity("Walk", emoji="🚶", category="body", times=3, per_days=7)
    journal.log_activity(walk.id, DAY)
    renamed = journal.update_activity(walk.id, name="Walk outside")  # only the name is given
    assert renamed.id == walk.id and renamed.name == "Walk outside"
    assert (renamed.emoji, renamed.category, renamed.times, renamed.per_days) == (
        "🚶",
        "body",
        3,
        7,
    )
    assert journal.day_activities(DAY) == {walk.id}
    frames = journal.frames()
    logged = frames.activity_logs.merge(frames.activities, left_on="activity_id", right_on="id")
    assert logged["name"].tolist() == ["Walk outside"]


def test_renaming_onto_another_activitys_name_is_refused(journal):
    walk = journal.add_activity("Walk")
    journal.add_activity("Run")
    with pytest.raises(InvalidEntry, match="merge"):
        journal.update_activity(walk.id, name="RUN")
    assert journal.update_activity(walk.id, name="walk").name == "walk"  # only the case changes


def test_an_activity_keeps_what_an_edit_leaves_out_and_clears_what_it_empties(journal):
    # The same rule as goals: fields not given are kept; None or empty text clears one.
    walk = journal.add_activity("Walk", emoji="🚶", category="body", times=3, per_days=7)
    weekly = journal.update_activity(walk.id, times=1)
    assert (weekly.name, weekly.emoji, weekly.category, weekly.times, weekly.per_days) == (
        "Walk",
        "🚶",
        "body",
        1,
        7,
    )
    # What the Self-care page sends when the emoji, kind and cadence were emptied.
    plain = journal.update_activity(
        walk.id, name="Walk", emoji="", category=None, times=None, per_days=None
    )
    assert (plain.emoji, plain.category, plain.times, plain.per_days) == (None, None, None, None)
    with pytest.raises(TypeError):
        journal.update_activity(walk.id, colour="blue")


def test_merging_moves_the_days_without_duplicates(journal):
    walk = journal.add_activity("Walk")
    stroll = journal.add_activity("Stroll")
    days = [DAY + dt.timedelta(days=i) for i in range(3)]
    journal.log_activity(walk.id, days[0])
    journal.log_activity(walk.id, days[1])
    journal.log_activity(stroll.id, days[1])
    journal.log_activity(stroll.id, days[2])

    kept = journal.merge_activities(walk.id, stroll.id)

    assert kept.id == walk.id
    assert [a.name for a in journal.activities(include_archived=True)] == ["Walk"]
    logs = journal.frames().activity_logs
    assert logs["activity_id"].tolist() == [walk.id] * 3
    assert [d.date() for d in logs["day"]] == days
    with pytest.raises(NotFound):
        journal.activity(stroll.id)
    with pytest.raises(InvalidEntry):
        journal.merge_activities(walk.id, walk.id)


def test_archiving_and_restoring_an_activity(journal):
    walk = journal.add_activity("Walk")
    journal.log_activity(walk.id, DAY)
    journal.archive_activity(walk.id)
    assert journal.activities() == []
    assert [a.archived for a in journal.activities(include_archived=True)] == [True]
    assert journal.day_activities(DAY) == {walk.id}  # history stays
    journal.archive_activity(walk.id, archived=False)
    assert [a.name for a in journal.activities()] == ["Walk"]
    journal.archive_activity(walk.id)
    assert journal.ensure_activity("walk").archived is False  # using it again brings it back


def test_activity_names_ignore_case(journal):
    walk = journal.add_activity("Walk")
    with pytest.raises(InvalidEntry, match="already"):
        journal.add_activity("  WALK ")
    assert journal.ensure_activity("wAlK").id == walk.id
    assert journal.activity_named("walk").id == walk.id
    journal.add_checkin(DAY, 3, activities=["walk"])
    assert len(journal.activities()) == 1
    assert journal.day_activities(DAY) == {walk.id}


def test_activity_cadence_and_category_are_checked(journal):
    with pytest.raises(InvalidEntry):
        journal.add_activity("Walk", times=8, per_days=7)
    with pytest.raises(InvalidEntry):
        journal.add_activity("Walk", times=1, per_days=0)
    with pytest.raises(InvalidEntry):
        journal.add_activity("Walk", category="c" * 31)
    assert journal.activities() == []
    assert journal.add_activity("Walk", category="  my own  ").category == "my own"


def test_unlogging_and_setting_a_days_selfcare(journal):
    walk, read, rest = (journal.add_activity(n) for n in ("Walk", "Read", "Rest"))
    journal.log_activity(walk.id, DAY)
    journal.log_activity(walk.id, DAY)  # twice is still once
    journal.set_day_activities(DAY, [read.id, rest.id])
    assert journal.day_activities(DAY) == {read.id, rest.id}
    journal.set_day_activities(DAY, [read.id])  # unticking one on the day's check-in
    assert journal.day_activities(DAY) == {read.id}
    assert len(journal.frames().activity_logs) == 1
