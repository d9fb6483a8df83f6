"""The store's goals: cadences, amounts, steps, pauses, and days logged."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.store_rows import DAY
from tracker.errors import InvalidEntry


def test_a_habit_goal_with_a_cadence(journal):
    goal = journal.add_goal("Walk", why="  It clears my head  ", times=3, per_days=7)
    assert (goal.kind, goal.status, goal.times, goal.per_days) == ("habit", "active", 3, 7)
    assert goal.why == "It clears my head"
    assert goal.cadence_text == "3× a week"
    assert not goal.is_measurable
    assert journal.add_goal("Floss").cadence_text == "every day"
    with pytest.raises(InvalidEntry):
        journal.add_goal("Walk", times=8, per_days=7)
    with pytest.raises(InvalidEntry):
        journal.add_goal("Walk", kind="sometimes")


def test_a_measurable_goal_takes_amounts(journal):
    goal = journal.add_goal(
        "Drinks", times=1, per_days=1, unit="drinks", target_type="at_most", target_value=2
    )
    assert goal.is_measurable
    assert goal.cadence_text == "at most 2 drinks, every day"
    log = journal.log_goal(goal.id, DAY, "amount", amount=1)
    assert (log.status, log.amount) == ("amount", 1.0)
    for bad in (-1, "two", None, float("nan")):
        with pytest.raises(InvalidEntry):
            journal.log_goal(goal.id, DAY, "amount", amount=bad)
    assert [log.amount for log in journal.goal_logs(goal.id)] == [1.0]
    for target_type, value in (("about", 2), ("at_least", 0), ("at_least", "lots")):
        with pytest.raises(InvalidEntry):
            journal.add_goal("Bad", target_type=target_type, target_value=value)


def test_an_amount_on_a_yes_no_goal_is_refused(journal):
    goal = journal.add_goal("Stretch")
    with pytest.raises(InvalidEntry, match="yes/no"):
        journal.log_goal(goal.id, DAY, "amount", amount=3)
    assert journal.goal_logs() == []


def test_a_one_off_goal_with_steps(journal):
    goal = journal.add_goal(
        "Book a check-up", kind="oneoff", target_date="2026-09-01", steps=["Find a GP", " ", "Call"]
    )
    assert goal.target_date == dt.date(2026, 9, 1)
    assert goal.times is None and goal.cadence_text == "by 1 Sep 2026"
    assert [(s.title, s.position, s.done) for s in goal.steps] == [
        ("Find a GP", 0, False),
        ("Call", 1, False),
    ]
    added = journal.add_step(goal.id, "Go")
    assert added.position == 2
    journal.set_step_done(goal.steps[0].id)
    assert [s.done for s in journal.goal(goal.id).steps] == [True, False, False]
    journal.set_step_done(goal.steps[0].id, False)
    assert not journal.goal(goal.id).steps[0].done
    with pytest.raises(InvalidEntry):
        journal.add_goal("Later", kind="oneoff", target_date="2026-02-30")
    with pytest.raises(InvalidEntry):
        journal.add_step(goal.id, "  ")


def test_editing_a_goal_keeps_what_was_not_changed(journal):
    goal = journal.add_goal("Walk", why="fresh air", times=3, per_days=7)
    edited = journal.update_goal(goal.id, title="Walk outside")
    assert (edited.title, edited.why, edited.times, edited.per_days) == (
        "Walk outside",
        "fresh air",
        3,
        7,
    )
    with pytest.raises(InvalidEntry):
        journal.update_goal(goal.id, title="")
    with pytest.raises(TypeError):
        journal.update_goal(goal.id, colour="blue")
    assert journal.goal(goal.id).title == "Walk outside"


def test_pausing_and_resuming_records_each_pause(journal):
    goal = journal.add_goal("Walk", times=3, per_days=7)
    journal.set_goal_status(goal.id, "paused", on="2024-03-01")
    journal.set_goal_status(goal.id, "paused", on="2024-03-02")  # already paused: one pause
    assert journal.goal_pauses(goal.id) == [(dt.date(2024, 3, 1), None)]
    resumed = journal.set_goal_status(goal.id, "active", on="2024-03-05")
    assert resumed.status == "active"
    journal.set_goal_status(goal.id, "paused", on="2024-03-10")
    achieved = journal.set_goal_status(goal.id, "achieved", on="2024-03-20")
    assert (achieved.status, achieved.achieved_on) == ("achieved", dt.date(2024, 3, 20))
    assert journal.goal_pauses(goal.id) == [
        (dt.date(2024, 3, 1), dt.date(2024, 3, 4)),
        (dt.date(2024, 3, 10), dt.date(2024, 3, 19)),
    ]
    assert journal.set_goal_status(goal.id, "archived").achieved_on is None
    assert [g.id for g in journal.goals(["archived"])] == [goal.id]
    assert journal.goals(["active", "paused"]) == []
    with pytest.raises(InvalidEntry):
        journal.set_goal_status(goal.id, "finished")


def test_lapsed_and_not_logged_stay_different(journal):
    goal = journal.add_goal("No smoking")
    days = [DAY + dt.timedelta(days=i) for i in range(4)]
    journal.log_goal(goal.id, days[0], "lapsed", reason="ignored for a lapse")
    journal.log_goal(goal.id, days[1], "skipped", reason="  ill  ")
    # days[2] not logged at all
    journal.log_goal(goal.id, days[3], "done")

    logs = journal.goal_logs(goal.id)
    assert [(log.day, log.status, log.reason) for log in logs] == [
        (days[0], "lapsed", None),
        (days[1], "skipped", "ill"),
        (days[3], "done", None),
    ]
    frame = journal.frames().goal_logs
    assert pd.Timestamp(days[2]) not in set(frame["day"])
    assert frame["status"].tolist() == ["lapsed", "skipped", "done"]

    journal.log_goal(goal.id, days[0], "done")  # a day has one status: the latest
    journal.clear_goal_log(goal.id, days[3])  # back to "not logged"
    assert [(log.day, log.status) for log in journal.goal_logs(goal.id)] == [
        (days[0], "done"),
        (days[1], "skipped"),
    ]
    with pytest.raises(InvalidEntry):
        journal.log_goal(goal.id, days[2], "forgot")
