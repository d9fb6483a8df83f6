"""The Today page, driven through Streamlit's AppTest: check-ins a person relies on."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import run_page
from tracker import open_store


@pytest.fixture
def db_path(app_db):
    return app_db


@pytest.fixture
def person(app_journal):
    app_journal.add_activity("Walk", emoji="🚶")
    app_journal.add_goal("Drink water", kind="habit", times=1, per_days=1)
    return app_journal.person


def today_page() -> AppTest:
    return run_page("today")


def test_a_check_in_is_stored_with_its_self_care_goal_and_note(person, db_path):
    at = today_page()
    at.feedback[0].set_value(3)  # the fourth face: good
    at.pills(key="today_activities_0_" + str(dt.date.today())).set_value([1])
    goal_pills = [p for p in at.pills if p.key.startswith("today_goals_")][0]
    goal_pills.set_value([1])
    at.text_area(key="today_note_0").input("Slept badly but went out anyway.")
    at.button(key="today_save").click().run()

    assert not at.exception
    assert "Saved. Thanks for checking in." in [t.value for t in at.toast]
    with open_store(db_path) as store:
        journal = store.journal(person.id)
        [entry] = journal.checkins()
        assert entry.mood == 4
        assert entry.day == dt.date.today()
        assert entry.note == "Slept badly but went out anyway."
        assert journal.day_activities(dt.date.today()) == {1}
        assert [log.status for log in journal.goal_logs()] == ["done"]


def test_a_new_activity_typed_inline_joins_the_catalogue(person, db_path):
    at = today_page()
    at.feedback[0].set_value(2)
    at.text_input(key="today_new_activity_0").input("Stretching")
    at.button(key="today_save").click().run()

    with open_store(db_path) as store:
        journal = store.journal(person.id)
        stretching = journal.activity_named("Stretching")
        assert stretching is not None
        assert journal.day_activities(dt.date.today()) == {stretching.id}
    # The form starts fresh, and the new activity is offered as a pill.
    assert at.feedback[0].value is None
    assert {"Walk", "Stretching"} <= set(at.pills[0].options)


def test_saving_without_a_mood_asks_kindly_and_stores_nothing(person, db_path):
    at = today_page()
    at.text_area(key="today_note_0").input("no face picked")
    at.button(key="today_save").click().run()

    assert any("Pick a face" in w.value for w in at.warning)
    with open_store(db_path) as store:
        assert store.journal(person.id).checkins() == []


def test_typing_an_existing_activity_in_another_case_reuses_it(person, db_path):
    at = today_page()
    at.feedback[0].set_value(4)
    at.text_input(key="today_new_activity_0").input("  walk ")
    at.button(key="today_save").click().run()

    with open_store(db_path) as store:
        journal = store.journal(person.id)
        assert [a.name for a in journal.activities()] == ["Walk"]
        assert journal.day_activities(dt.date.today()) == {journal.activity_named("Walk").id}


def test_a_past_day_can_be_filled_in(person, db_path):
    at = today_page()
    last_week = dt.date.today() - dt.timedelta(days=7)
    at.date_input(key="today_day_0").set_value(last_week).run()
    assert any("Filling in" in c.value for c in at.caption)
    at.feedback[0].set_value(1)
    at.button(key="today_save").click().run()

    with open_store(db_path) as store:
        [entry] = store.journal(person.id).checkins()
    assert entry.day == last_week
    assert entry.mood == 2


def test_a_setback_is_logged_from_the_dialog(person, db_path):
    at = today_page()
    at.button(key="today_setback_open").click().run()
    at.text_area(key="today_setback_happened").input("Argument with a friend.")
    at.text_area(key="today_setback_helped").input("A long walk.")
    at.button(key="today_setback_save").click().run()

    with open_store(db_path) as store:
        [setback] = store.journal(person.id).setbacks()
    assert setback.what_happened == "Argument with a friend."
    assert setback.what_helped == "A long walk."
    assert setback.try_next is None


def test_a_setback_without_words_is_refused_gently(person, db_path):
    at = today_page()
    at.button(key="today_setback_open").click().run()
    at.button(key="today_setback_save").click().run()

    assert any("few words" in w.value for w in at.warning)
    with open_store(db_path) as store:
        assert store.journal(person.id).setbacks() == []


def test_recent_entries_can_be_edited_and_deleted(person, db_path):
    with open_store(db_path) as store:
        entry = store.journal(person.id).add_checkin(dt.date.today(), 2, "first try")
    at = today_page()
    at.select_slider(key=f"today_edit_mood_{entry.id}").set_value(5)
    at.text_area(key=f"today_edit_note_{entry.id}").input("better now")
    at.button(key=f"today_edit_save_{entry.id}").click().run()
    with open_store(db_path) as store:
        edited = store.journal(person.id).checkin(entry.id)
    assert (edited.mood, edited.note) == (5, "better now")

    at.button(key=f"today_delete_{entry.id}").click().run()
    at.button(key=f"today_delete_yes_{entry.id}").click().run()
    with open_store(db_path) as store:
        assert store.journal(person.id).checkins() == []


def test_without_a_journal_the_page_points_to_the_welcome(db_path):
    at = today_page()
    assert not at.exception
    assert any("start your journal" in i.value for i in at.info)


def test_a_busy_journal_says_so_kindly_and_keeps_what_was_typed(person, db_path, monkeypatch):
    import sqlite3

    import tracker.store

    monkeypatch.setattr(tracker.store, "BUSY_TIMEOUT_MS", 200)
    at = today_page()
    at.feedback[0].set_value(3)
    at.text_area(key="today_note_0").input("a hard day, written down")
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")  # someone else is writing and doesn't let go
    try:
        at.button(key="today_save").click().run()
    finally:
        other.rollback()
        other.close()

    assert not at.exception
    assert any("busy for a moment" in w.value for w in at.warning)
    assert at.text_area(key="today_note_0").value == "a hard day, written down"
    at.button(key="today_save").click().run()  # trying again works
    with open_store(db_path) as store:
        assert [c.note for c in store.journal(person.id).checkins()] == ["a hard day, written down"]
