"""The store: bad input gets a kind message and writes nothing; multi-row writes are
all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.store_rows import DAY, TODAY, counts
from tracker import records as r
from tracker.errors import InvalidEntry, NotFound


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
