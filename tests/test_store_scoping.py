"""The store: one person's journal stays theirs; nothing of another person can be read
or changed through it."""

from __future__ import annotations

import inspect

import pytest

from tests.store_rows import DAY, rows_of
from tracker.errors import NotFound
from tracker.store import Journal, Store


@pytest.fixture
def other(store: Store) -> dict:
    """A second person, Sam, with one of everything; returns their ids."""
    journal = store.journal(store.add_person("Sam").id)
    activity = journal.add_activity("Swim")
    goal = journal.add_goal("Read", kind="oneoff", steps=["Pick a book"])
    measured = journal.add_goal(
        "Water", times=1, per_days=1, unit="glasses", target_type="at_least", target_value=8
    )
    checkin = journal.add_checkin(DAY, 2, "Sam's private note", activities=[activity.id])
    journal.log_goal(goal.id, DAY, "done")
    journal.set_goal_status(measured.id, "paused", on=DAY)
    setback = journal.add_setback(DAY, "Sam's hard day", "Sam's help", "Sam's plan")
    journal.mark_all_celebrated([("first-week", DAY, "A first week")])
    return {
        "journal": journal,
        "checkin": checkin.id,
        "activity": activity.id,
        "goal": goal.id,
        "measured": measured.id,
        "step": goal.steps[0].id,
        "setback": setback.id,
    }


def attempts_on_others(mine: Journal, theirs: dict) -> dict[str, object]:
    """Every public Journal call that takes an id, aimed at the other person's ids."""
    own_activity = mine.add_activity("Walk").id
    c, a, g, s, st = (theirs[k] for k in ("checkin", "activity", "goal", "setback", "step"))
    return {
        "checkin": lambda: mine.checkin(c),
        "update_checkin": lambda: mine.update_checkin(c, mood=5, note="changed"),
        "delete_checkin": lambda: mine.delete_checkin(c),
        "activity": lambda: mine.activity(a),
        "update_activity": lambda: mine.update_activity(a, name="Mine now"),
        "merge_activities (theirs into mine)": lambda: mine.merge_activities(own_activity, a),
        "merge_activities (mine into theirs)": lambda: mine.merge_activities(a, own_activity),
        "archive_activity": lambda: mine.archive_activity(a),
        "set_activity_kind": lambda: mine.set_activity_kind(a, "watch"),
        "log_activity": lambda: mine.log_activity(a, DAY),
        "log_activity (a day they did not log)": lambda: mine.log_activity(a, DAY.replace(day=2)),
        "set_day_activities": lambda: mine.set_day_activities(DAY, [a]),
        "add_checkin with their activity": lambda: mine.add_checkin(DAY, 3, activities=[a]),
        "add_checkin with their goal": lambda: mine.add_checkin(DAY, 3, goals_done=[g]),
        "add_checkin with their amount": lambda: mine.add_checkin(
            DAY, 3, goal_amounts={theirs["measured"]: 4}
        ),
        "save_day_checkin with their activity": lambda: mine.save_day_checkin(
            DAY, 3, activity_ids=[a]
        ),
        "save_day_checkin with their goal": lambda: mine.save_day_checkin(
            DAY, 3, goals_shown=[g], goals_done=[g]
        ),
        "goal": lambda: mine.goal(g),
        "update_goal": lambda: mine.update_goal(g, title="Mine now"),
        "set_goal_status": lambda: mine.set_goal_status(theirs["measured"], "active", on=DAY),
        "goal_pauses": lambda: mine.goal_pauses(theirs["measured"]),
        "log_goal": lambda: mine.log_goal(g, DAY, "lapsed"),
        "clear_goal_log": lambda: mine.clear_goal_log(g, DAY),
        "goal_logs": lambda: mine.goal_logs(g),
        "add_step": lambda: mine.add_step(g, "Mine now"),
        "set_step_done": lambda: mine.set_step_done(st, False),
        "setback": lambda: mine.setback(s),
        "update_setback": lambda: mine.update_setback(s, "changed"),
        "delete_setback": lambda: mine.delete_setback(s),
        "delete_checkin (with the day's logs)": lambda: mine.delete_checkin(c, with_day_logs=True),
        "edit_checkin": lambda: mine.edit_checkin(c, day=DAY, mood=5, note="x", activity_ids=[]),
        "checkins_by_id": lambda: mine.checkins_by_id([c]),
        "search_checkins": lambda: mine.search_checkins("Sam's private", activity_id=a),
        "save_day_checkin with their amount": lambda: mine.save_day_checkin(
            DAY, 3, goal_amounts={theirs["measured"]: 4}
        ),
    }


def test_nothing_of_one_person_is_reachable_through_anothers_journal(store, journal, other):
    before = rows_of(store, other["journal"].person_id)
    for name, attempt in attempts_on_others(journal, other).items():
        try:
            result = attempt()
        except NotFound:
            continue
        # A call that does not refuse must at least show and change nothing.
        assert result in (None, []), f"{name} returned {result!r}"
    assert rows_of(store, other["journal"].person_id) == before
    mine = rows_of(store, journal.person_id)
    assert mine["checkins"] == [] and mine["goal_logs"] == [] and mine["activity_logs"] == []


def test_the_scoping_test_covers_every_journal_method_that_takes_an_id(store, journal, other):
    covered = {name.split(" ")[0] for name in attempts_on_others(journal, other)}
    takes_an_id = {
        name
        for name, method in inspect.getmembers(Journal, inspect.isfunction)
        if not name.startswith("_")
        and any(p.endswith(("_id", "_ids")) for p in inspect.signature(method).parameters)
    }
    # Sharing's own scoping is tested in tests/test_sharing.py.
    takes_an_id -= {n for n in takes_an_id if "share" in n or "encouragement" in n or "link" in n}
    assert takes_an_id <= covered, f"add a scoping check for {sorted(takes_an_id - covered)}"


def test_lists_and_frames_show_only_ones_own_journal(store, journal, other):
    journal.add_checkin(DAY, 4, "mine")
    assert [c.note for c in journal.checkins()] == ["mine"]
    assert journal.activities() == [] and journal.goals() == [] and journal.setbacks() == []
    assert journal.goal_logs() == [] and journal.day_activities(DAY) == set()
    assert journal.celebrated_keys() == set()
    frames = journal.frames()
    assert frames.checkins["note"].tolist() == ["mine"]
    for name in ("activities", "activity_logs", "goals", "goal_logs", "goal_pauses", "setbacks"):
        assert getattr(frames, name).empty, name


def test_a_journal_for_an_unknown_person_is_refused(store):
    with pytest.raises(NotFound):
        store.journal(12345)
