"""The store: one person's journal stays theirs, bad input writes nothing,
multi-row writes are all or nothing, and each part of the journal behaves as a
person keeping it would expect."""

from __future__ import annotations

import datetime as dt
import inspect

import pandas as pd
import pytest

from tracker import records as r
from tracker.errors import InvalidEntry, NotFound
from tracker.store import Journal, Store

DAY = dt.date(2024, 3, 1)
TODAY = dt.date.today()

PERSON_TABLES = (
    "checkins",
    "activities",
    "activity_logs",
    "goals",
    "goal_steps",
    "goal_logs",
    "goal_pauses",
    "setbacks",
    "celebrations",
)


def rows_of(store: Store, person_id: int) -> dict[str, list[tuple]]:
    """Everything stored for one person, table by table."""
    return {
        table: store.db.execute(
            f"SELECT * FROM {table} WHERE person_id = ? ORDER BY rowid", [person_id]
        ).fetchall()
        for table in PERSON_TABLES
    }


def counts(store: Store) -> dict[str, int]:
    return {
        table: store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("people", *PERSON_TABLES)
    }


# --- scoping --------------------------------------------------------------------


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


# --- validation ------------------------------------------------------------------


@pytest.mark.parametrize("mood", [0, 6, -1, 2.5, "3", None, True, float("nan")])
def test_a_mood_outside_one_to_five_is_refused_and_nothing_written(store, journal, mood):
    before = counts(store)
    with pytest.raises(InvalidEntry):
        journal.add_checkin(DAY, mood, "note", activities=["Walk"])
    assert counts(store) == before


@pytest.mark.parametrize(
    "day",
    ["2026-02-30", "2023-02-29", "2024-13-01", "yesterday", "", "1969-12-31", 20240301],
)
def test_an_impossible_day_is_refused_and_nothing_written(store, journal, day):
    before = counts(store)
    with pytest.raises(InvalidEntry):
        journal.add_checkin(day, 3)
    with pytest.raises(InvalidEntry):
        journal.add_setback(day, "A hard day")
    assert counts(store) == before


def test_a_future_day_is_refused_but_today_is_fine(store, journal):
    before = counts(store)
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(InvalidEntry, match="hasn't happened yet"):
        journal.add_checkin(tomorrow, 3)
    with pytest.raises(InvalidEntry):
        journal.add_checkin(tomorrow.isoformat(), 3)
    assert counts(store) == before
    assert journal.add_checkin(TODAY, 3).day == TODAY
    assert journal.add_checkin("2024-02-29", 3).day == dt.date(2024, 2, 29)


@pytest.mark.parametrize("name", ["", "   ", "\n\t", None])
def test_empty_names_are_refused_and_nothing_written(store, journal, name):
    before = counts(store)
    with pytest.raises(InvalidEntry):
        store.add_person(name)
    with pytest.raises(InvalidEntry):
        journal.add_activity(name)
    with pytest.raises(InvalidEntry):
        journal.add_goal(name)
    with pytest.raises(InvalidEntry):
        journal.add_setback(DAY, name)
    assert counts(store) == before


def test_over_long_text_is_refused_and_nothing_written(store, journal):
    goal = journal.add_goal("Stretch")
    before = counts(store)
    attempts = [
        lambda: store.add_person("n" * (r.MAX_NAME + 1)),
        lambda: journal.add_activity("a" * (r.MAX_NAME + 1)),
        lambda: journal.add_goal("g" * (r.MAX_TITLE + 1)),
        lambda: journal.add_goal("Fine", why="w" * (r.MAX_REFLECTION + 1)),
        lambda: journal.add_goal("Fine", kind="oneoff", steps=["s" * (r.MAX_TITLE + 1)]),
        lambda: journal.add_checkin(DAY, 3, "x" * (r.MAX_NOTE + 1)),
        lambda: journal.add_setback(DAY, "x" * (r.MAX_REFLECTION + 1)),
        lambda: journal.add_setback(DAY, "ok", try_next="x" * (r.MAX_REFLECTION + 1)),
        lambda: journal.log_goal(goal.id, DAY, "skipped", reason="x" * (r.MAX_REASON + 1)),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidEntry, match="limit"):
            attempt()
    assert counts(store) == before
    # Right at the limit is fine.
    assert len(journal.add_checkin(DAY, 3, "x" * r.MAX_NOTE).note) == r.MAX_NOTE


def test_error_messages_are_kind_sentences(journal):
    for attempt in (
        lambda: journal.add_checkin(DAY, 9),
        lambda: journal.add_checkin("2026-02-30", 3),
        lambda: journal.add_activity(""),
    ):
        with pytest.raises(InvalidEntry) as error:
            attempt()
        message = str(error.value)
        assert len(message.split()) >= 5 and message.rstrip().endswith((".", "?", ")"))
        assert "Error" not in message and "Traceback" not in message and "sqlite" not in message


# --- transactions -----------------------------------------------------------------


def test_a_checkin_whose_goal_is_unknown_leaves_nothing_behind(store, journal):
    before = counts(store)
    with pytest.raises(NotFound):
        journal.add_checkin(DAY, 4, "a note", activities=["Brand new walk"], goals_done=[999])
    assert counts(store) == before
    assert journal.activity_named("Brand new walk") is None
    assert not store.db.conn.in_transaction
    # The connection is still usable afterwards.
    assert journal.add_checkin(DAY, 4).mood == 4


def test_a_checkin_with_a_bad_amount_leaves_nothing_behind(store, journal):
    yes_no = journal.add_goal("Stretch")
    before = counts(store)
    with pytest.raises(InvalidEntry):
        journal.add_checkin(DAY, 4, activities=["Walk"], goal_amounts={yes_no.id: 3})
    assert counts(store) == before


def test_a_failure_inside_a_transaction_rolls_everything_back(store, journal):
    journal.add_checkin(DAY, 1, "kept")
    with pytest.raises(RuntimeError), store.transaction():
        journal.add_checkin(DAY, 5, "not kept", activities=["Walk"])
        journal.add_setback(DAY, "not kept either")
        raise RuntimeError("power cut")
    assert [c.note for c in journal.checkins()] == ["kept"]
    assert journal.activities() == [] and journal.setbacks() == []


def test_set_day_activities_with_an_unknown_id_keeps_the_day(journal):
    walk = journal.add_activity("Walk")
    journal.set_day_activities(DAY, [walk.id])
    with pytest.raises(NotFound):
        journal.set_day_activities(DAY, [999])
    assert journal.day_activities(DAY) == {walk.id}


# --- check-ins ---------------------------------------------------------------------


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


# --- activities ----------------------------------------------------------------------


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


# --- goals ---------------------------------------------------------------------------


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


# --- setbacks ------------------------------------------------------------------------


def test_setbacks_are_kept_edited_and_deleted(journal):
    first = journal.add_setback(DAY, " A rough night ", "Tea", "")
    second = journal.add_setback(DAY + dt.timedelta(days=3), "Argument", try_next="Walk first")
    assert (first.what_happened, first.what_helped, first.try_next) == (
        "A rough night",
        "Tea",
        None,
    )
    assert [s.id for s in journal.setbacks()] == [second.id, first.id]  # newest first
    edited = journal.update_setback(first.id, "A rough night", "Tea and a friend")
    assert edited.what_helped == "Tea and a friend" and edited.day == DAY
    with pytest.raises(InvalidEntry):
        journal.update_setback(first.id, "")
    journal.delete_setback(second.id)
    assert [s.id for s in journal.setbacks()] == [first.id]
    assert journal.frames().setbacks["what_helped"].tolist() == ["Tea and a friend"]


# --- celebrations ----------------------------------------------------------------------


def test_a_celebration_fires_once_per_person(store, journal):
    win = [("run-7", DAY, "Seven days in a row")]
    assert journal.mark_all_celebrated(win) == {"run-7"}
    assert journal.mark_all_celebrated(win) == set()
    assert journal.celebrated_keys() == {"run-7"}
    sam = store.journal(store.add_person("Sam").id)
    assert sam.celebrated_keys() == set()
    assert sam.mark_all_celebrated(win) == {"run-7"}


def test_many_wins_are_recorded_together_and_only_new_keys_come_back(journal):
    journal.mark_all_celebrated([("run-7", DAY, "Seven days in a row")])
    wins = [("run-7", DAY, "Seven days in a row"), ("days-30", DAY, "Thirty days logged")]
    assert journal.mark_all_celebrated(wins) == {"days-30"}
    assert journal.mark_all_celebrated(wins) == set()
    assert journal.celebrated_keys() == {"run-7", "days-30"}


def test_wins_recorded_together_are_all_or_nothing(journal):
    broken = [("first-week", DAY, "A first week"), ("comeback", "not a day", "Back again")]
    with pytest.raises(AttributeError):
        journal.mark_all_celebrated(broken)
    assert journal.celebrated_keys() == set()


# --- frames ----------------------------------------------------------------------------

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


def test_a_setback_can_move_to_another_day_but_never_into_the_future(journal):
    note = journal.add_setback("2024-03-01", "A rough night", "My sister")
    moved = journal.update_setback(note.id, "A rough night", "My sister", day="2024-03-03")
    assert (moved.day, moved.what_helped) == (dt.date(2024, 3, 3), "My sister")
    kept = journal.update_setback(note.id, "A rough night, then a walk")
    assert kept.day == dt.date(2024, 3, 3)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(InvalidEntry):
        journal.update_setback(note.id, "A rough night", day=tomorrow)
    assert journal.setback(note.id).day == dt.date(2024, 3, 3)
