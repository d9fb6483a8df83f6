"""The journal's search index and support plan (schema m008), and complete editing:
an old file's notes become searchable, the index follows every write, and every
search stays inside one person's journal."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies
from sqlite_utils import Database

from tracker.errors import InvalidEntry
from tracker.records import SupportContact
from tracker.schema import migrations
from tracker.store import open_store, search_query

M008 = "m008_journal_search_and_support_plan"


def _old_file_with_notes(path) -> None:
    """A file from before m008: Robin and Sam, each with notes, no index yet."""
    old = Database(path)
    migrations.apply(old, stop_before=M008)
    old.execute("INSERT INTO people (id, name, created) VALUES (1, 'Robin', '2024-01-01')")
    old.execute("INSERT INTO people (id, name, created) VALUES (2, 'Sam', '2024-01-01')")
    old.execute(
        "INSERT INTO checkins (id, person_id, day, logged_at, mood, note) VALUES "
        "(1, 1, '2024-01-02', '2024-01-02T08:00:00', 2, 'Coffee at the Café with Zoë'), "
        "(2, 1, '2024-01-03', '2024-01-03T08:00:00', 4, NULL), "
        "(3, 2, '2024-01-02', '2024-01-02T09:00:00', 3, 'cafe on my own')"
    )
    old.close()


def test_upgrading_an_old_file_makes_its_existing_notes_searchable(tmp_path):
    path = tmp_path / "old.db"
    _old_file_with_notes(path)
    with open_store(path) as store:
        robin, sam = store.journal(1), store.journal(2)
        # Case- and accent-insensitive, both ways round.
        assert robin.search_checkins("cafe") == [(1, dt.date(2024, 1, 2))]
        assert robin.search_checkins("ZOE") == [(1, dt.date(2024, 1, 2))]
        assert sam.search_checkins("CAFÉ") == [(3, dt.date(2024, 1, 2))]
        # Each person finds only their own words.
        assert robin.search_checkins("own") == []
        assert store.journal(1).support_plan().contacts == ()


def test_the_index_follows_new_edited_and_deleted_notes(journal):
    first = journal.add_checkin("2024-03-01", 3, "Walked by the river")
    assert journal.search_checkins("river") == [(first.id, first.day)]
    journal.update_checkin(first.id, mood=3, note="Stayed in and read")
    assert journal.search_checkins("river") == []
    assert journal.search_checkins("read") == [(first.id, first.day)]
    journal.update_checkin(first.id, mood=3, note=None)
    assert journal.search_checkins("read") == []
    second = journal.add_checkin("2024-03-02", 4, "Read again")
    journal.delete_checkin(second.id)
    assert journal.search_checkins("read") == []


def test_deleting_a_person_takes_their_notes_out_of_the_index(store):
    robin = store.journal(store.add_person("Robin").id)
    sam = store.journal(store.add_person("Sam").id)
    robin.add_checkin("2024-03-01", 3, "secret garden")
    robin.save_support_plan([{"name": "Ana"}], None, None)
    sam.add_checkin("2024-03-01", 3, "garden party")
    store.delete_person(robin.person_id)
    assert store.db.execute("SELECT count(*) FROM support_plans").fetchone() == (0,)
    hits = store.db.execute(
        "SELECT rowid FROM checkin_search WHERE checkin_search MATCH 'secret'"
    ).fetchall()
    assert hits == []
    assert [day for _, day in sam.search_checkins("garden")] == [dt.date(2024, 3, 1)]


def test_search_filters_combine_and_come_newest_first(journal):
    walk = journal.add_activity("Walk")
    a = journal.add_checkin("2024-03-01", 2, "tired, walked anyway", activities=[walk.id])
    b = journal.add_checkin("2024-03-05", 2, "tired again")
    c = journal.add_checkin("2024-03-09", 5, "walking in the sun", activities=[walk.id])
    assert [i for i, _ in journal.search_checkins("walk")] == [c.id, a.id]  # prefixes
    assert [i for i, _ in journal.search_checkins("tired", moods=[2])] == [b.id, a.id]
    assert [i for i, _ in journal.search_checkins("", activity_id=walk.id)] == [c.id, a.id]
    assert [
        i
        for i, _ in journal.search_checkins("", start=dt.date(2024, 3, 2), end=dt.date(2024, 3, 8))
    ] == [b.id]
    assert journal.search_checkins("tired walk") == [(a.id, a.day)]  # every word needed


@pytest.mark.parametrize("typed", ['"', "AND", "NEAR(", "*", "a OR", "-", "col:x", "'); DROP"])
def test_search_never_fails_on_what_a_person_types(journal, typed):
    journal.add_checkin("2024-03-01", 3, "AND then a OR b, col:x")
    journal.search_checkins(typed)  # no error, whatever the words
    assert search_query("(*)") == ""


def test_moving_a_days_only_check_in_moves_its_self_care_and_goals(journal):
    goal = journal.add_goal("Stretch")
    entry = journal.add_checkin("2024-03-01", 3, "x", activities=["Walk"], goals_done=[goal.id])
    walk = journal.activity_named("Walk")
    read = journal.add_activity("Read")
    journal.edit_checkin(
        entry.id, day="2024-02-28", mood=4, note="moved", activity_ids=[walk.id, read.id]
    )
    assert journal.day_log_counts(dt.date(2024, 3, 1)) == (0, 0)
    assert journal.day_activities(dt.date(2024, 2, 28)) == {walk.id, read.id}
    assert [(g.day, g.status) for g in journal.goal_logs(goal.id)] == [
        (dt.date(2024, 2, 28), "done")
    ]
    assert journal.checkin(entry.id).note == "moved"


def test_an_edit_that_fails_changes_nothing(journal):
    entry = journal.add_checkin("2024-03-01", 3, "x", activities=["Walk"])
    with pytest.raises(InvalidEntry):
        journal.edit_checkin(entry.id, day="2024-02-28", mood=9, note="y", activity_ids=[])
    assert journal.checkin(entry.id) == entry
    assert journal.day_log_counts(dt.date(2024, 3, 1)) == (1, 0)


def test_deleting_the_last_check_in_keeps_or_removes_the_days_logs_as_asked(journal):
    goal = journal.add_goal("Stretch")
    kept = journal.add_checkin("2024-03-01", 3, activities=["Walk"], goals_done=[goal.id])
    journal.delete_checkin(kept.id)
    assert journal.day_log_counts(dt.date(2024, 3, 1)) == (1, 1)

    morning = journal.add_checkin("2024-03-02", 3, activities=["Walk"], goals_done=[goal.id])
    evening = journal.add_checkin("2024-03-02", 4)
    journal.delete_checkin(morning.id, with_day_logs=True)  # not the last: logs stay
    assert journal.day_log_counts(dt.date(2024, 3, 2)) == (1, 1)
    journal.delete_checkin(evening.id, with_day_logs=True)
    assert journal.day_log_counts(dt.date(2024, 3, 2)) == (0, 0)


def test_a_support_plan_is_saved_checked_and_kept_per_person(store):
    robin = store.journal(store.add_person("Robin").id)
    sam = store.journal(store.add_person("Sam").id)
    plan = robin.save_support_plan(
        [{"name": " Ana ", "how": "call 0123"}, {"name": "", "how": ""}], "Tea\n\nA walk", "116 123"
    )
    assert plan.contacts == (SupportContact("Ana", "call 0123"),)
    assert plan.help_lines == ["Tea", "A walk"]
    assert plan.crisis_line == "116 123"
    assert sam.support_plan().contacts == ()
    with pytest.raises(InvalidEntry, match="name"):
        robin.save_support_plan([{"name": "", "how": "text me"}], None, None)
    assert robin.support_plan().contacts == plan.contacts


def test_what_helped_before_comes_from_the_persons_own_setbacks(store):
    robin = store.journal(store.add_person("Robin").id)
    sam = store.journal(store.add_person("Sam").id)
    robin.add_setback("2024-01-01", "Rough week", "Talking to my sister")
    robin.add_setback("2024-02-01", "Bad night")
    sam.add_setback("2024-03-01", "Hard day", "Sam's secret")
    assert [s.what_helped for s in robin.what_helped_before()] == ["Talking to my sister"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=strategies.text(max_size=80))
def test_any_text_searched_is_a_search_never_an_error(typed):
    with open_store(":memory:") as store:
        journal = store.journal(store.add_person("Robin").id)
        entry = journal.add_checkin("2024-03-01", 3, 'AND then a OR b, col:x NEAR("q")')
        found = journal.search_checkins(typed)
        assert found in ([], [(entry.id, entry.day)])


def test_setback_notes_are_searched_by_word_beginnings_any_case_and_accent(store):
    robin = store.journal(store.add_person("Robin").id)
    sam = store.journal(store.add_person("Sam").id)
    note = robin.add_setback("2024-01-01", "Rough week", "Talking to my sister at the café")
    sam.add_setback("2024-01-01", "Sister trouble")
    assert robin.search_setbacks("SIST cafe") == [note]
    assert robin.search_setbacks("brother") == [] and robin.search_setbacks("  ") == []
