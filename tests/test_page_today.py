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
    at.segmented_control(key="today_mood_0").set_value(4)  # the fourth face: good
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
    at.segmented_control(key="today_mood_0").set_value(3)
    at.text_input(key="today_new_activity_0").input("Stretching")
    at.button(key="today_save").click().run()

    with open_store(db_path) as store:
        journal = store.journal(person.id)
        stretching = journal.activity_named("Stretching")
        assert stretching is not None
        assert journal.day_activities(dt.date.today()) == {stretching.id}
    # Another check-in starts from a fresh form, and the new activity is offered.
    at.button(key="today_add_another").click().run()
    assert at.segmented_control(key="today_mood_1").value is None
    assert {"Walk", "Stretching"} <= set(
        at.pills(key=f"today_activities_1_{dt.date.today()}").options
    )


def test_saving_without_a_mood_asks_kindly_and_stores_nothing(person, db_path):
    at = today_page()
    at.text_area(key="today_note_0").input("no face picked")
    at.button(key="today_save").click().run()

    assert any("Pick a face" in w.value for w in at.warning)
    with open_store(db_path) as store:
        assert store.journal(person.id).checkins() == []


def test_typing_an_existing_activity_in_another_case_reuses_it(person, db_path):
    at = today_page()
    at.segmented_control(key="today_mood_0").set_value(5)
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
    at.segmented_control(key="today_mood_0").set_value(2)
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


def test_todays_check_in_shows_once_above_the_earlier_days(person, db_path):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    with open_store(db_path) as store:
        journal = store.journal(person.id)
        earlier = journal.add_checkin(yesterday, 3, "yesterday")
        now = journal.add_checkin(dt.date.today(), 4, "today")
    at = today_page()
    edit_keys = [b.key for b in at.button if b.key and "_edit_" in b.key]
    assert edit_keys == [f"today_entry_edit_{now.id}", f"today_recent_edit_{earlier.id}"]
    assert [h.value for h in at.subheader if "entries" in h.value] == ["Earlier entries"]


def test_recent_entries_can_be_edited_and_deleted(person, db_path):
    with open_store(db_path) as store:
        day = dt.date.today() - dt.timedelta(days=1)
        entry = store.journal(person.id).add_checkin(day, 2, "first try")
    at = today_page()
    at.button(key=f"today_recent_edit_{entry.id}").click().run()
    at.segmented_control(key=f"today_edit_{entry.id}_mood").set_value(5)
    at.text_area(key=f"today_edit_{entry.id}_note").input("better now")
    at.button(key=f"today_edit_{entry.id}_save").click().run()
    with open_store(db_path) as store:
        edited = store.journal(person.id).checkin(entry.id)
    assert (edited.mood, edited.note) == (5, "better now")

    at.button(key=f"today_recent_edit_{entry.id}").click().run()
    at.button(key=f"today_edit_{entry.id}_delete").click().run()
    at.button(key=f"today_delete_{entry.id}_yes").click().run()
    with open_store(db_path) as store:
        assert store.journal(person.id).checkins() == []


def test_without_a_journal_the_page_points_to_the_welcome(db_path):
    at = today_page()
    assert not at.exception
    assert any("start your journal" in i.value for i in at.info)


def test_a_busy_journal_says_so_kindly_and_keeps_what_was_typed(person, db_path, monkeypatch):
    import sqlite3

    import tracker.store.connection

    monkeypatch.setattr(tracker.store.connection, "BUSY_TIMEOUT_MS", 200)
    at = today_page()
    at.segmented_control(key="today_mood_0").set_value(4)
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


# --- Today knows where you are (issue 13) ------------------------------------------------


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_before_the_check_in_the_form_after_it_todays_entry_with_edit(person, db_path):
    at = today_page()
    assert at.button(key="today_save")  # before: the form
    assert not [b for b in at.button if b.key == "today_add_another"]

    at.segmented_control(key="today_mood_0").set_value(4)
    at.pills(key=f"today_activities_0_{dt.date.today()}").set_value([1])
    at.text_area(key="today_note_0").input("Coffee with Ana")
    at.button(key="today_save").click().run()

    # After: today's entry (mood, note, self-care, goals) with Edit; no form, no second save.
    assert "You checked in today" in [h.value.split(" 🌱")[0] for h in at.subheader]
    assert not [b for b in at.button if b.key == "today_save"]
    shown = markdown_text(at)
    assert "🙂 good" in shown and "Coffee with Ana" in shown and "🚶 Walk" in shown
    with open_store(db_path) as store:
        [entry] = store.journal(person.id).checkins()
    assert at.button(key=f"today_entry_edit_{entry.id}").label == "Edit"
    add = at.button(key="today_add_another")
    assert add.proto.type == "tertiary"  # quieter than Edit

    # Several a day stay possible; then each shows its time.
    add.click().run()
    at.segmented_control(key="today_mood_1").set_value(5)
    at.button(key="today_save").click().run()
    with open_store(db_path) as store:
        entries = store.journal(person.id).day_checkins(dt.date.today())
    assert len(entries) == 2
    assert all(e.logged_at[11:16] in markdown_text(at) for e in entries)


def test_an_awful_check_in_gets_kind_words_a_reflection_and_the_support_plan(
    person, db_path, monkeypatch
):
    monkeypatch.delenv("TRACKER_CRISIS_LINE", raising=False)
    with open_store(db_path) as store:
        journal = store.journal(person.id)
        journal.add_setback("2024-01-05", "Rough week", "Talking to my sister")
        journal.save_support_plan([{"name": "Ana", "how": "call 0123"}], "Tea", None)
    at = today_page()
    at.segmented_control(key="today_mood_0").set_value(1)
    at.button(key="today_save").click().run()

    shown = markdown_text(at)
    assert "Go gently today" in shown
    assert "Talking to my sister" in shown  # what helped before, their own words
    assert "Ana" in shown and "call 0123" in shown and "Tea" in shown
    assert "call your local emergency number" in shown  # no number assumed
    assert [t.value for t in at.toast] == ["Saved. Thank you for checking in on a hard day."]

    # One tap to a setback reflection.
    at.button(key="hard_day_reflect").click().run()
    at.text_area(key="today_setback_happened").input("Everything at once.")
    at.button(key="today_setback_save").click().run()
    with open_store(db_path) as store:
        assert [s.what_happened for s in store.journal(person.id).setbacks()][0] == (
            "Everything at once."
        )


def test_a_good_check_in_gets_no_hard_day_panel(person, db_path):
    at = today_page()
    at.segmented_control(key="today_mood_0").set_value(4)
    at.button(key="today_save").click().run()
    assert "Go gently today" not in markdown_text(at)


def test_the_support_plan_is_made_from_the_hard_day_panel(person, db_path, monkeypatch):
    monkeypatch.setenv("TRACKER_CRISIS_LINE", "Host line 116 123")
    with open_store(db_path) as store:
        store.journal(person.id).add_setback("2024-01-05", "Rough week", "A long walk")
    at = today_page()
    at.button(key="today_setback_open").click().run()
    assert any("A long walk" in i.value for i in at.info)  # shown gently while logging
    at.text_area(key="today_setback_happened").input("Bad news")
    at.button(key="today_setback_save").click().run()
    assert "Host line 116 123" in markdown_text(at)  # the host's line, until one's own

    at.button(key="hard_day_plan").click().run()
    assert at.text_area(key="plan_dialog_helps").value == "A long walk"  # pre-filled
    at.text_input(key="plan_dialog_name_0").input("Ana")
    at.text_input(key="plan_dialog_how_0").input("text 0123")
    at.text_input(key="plan_dialog_crisis").input("My line 555")
    at.button(key="plan_dialog_save").click().run()
    assert not at.exception
    with open_store(db_path) as store:
        plan = store.journal(person.id).support_plan()
    assert [(c.name, c.how) for c in plan.contacts] == [("Ana", "text 0123")]
    assert plan.crisis_line == "My line 555" and plan.help_lines == ["A long walk"]


def test_goals_with_amounts_and_one_offs_are_logged_on_today(person, db_path):
    with open_store(db_path) as store:
        journal = store.journal(person.id)
        drinks = journal.add_goal(
            "Drinks", times=1, per_days=1, unit="drinks", target_type="at_most", target_value=2
        )
        class_ = journal.add_goal("Sign up for a class", kind="oneoff")
    day = dt.date.today()
    at = today_page()
    assert at.number_input(key=f"today_amount_0_{day}_{drinks.id}").label == (
        "Drinks (at most 2 drinks)"
    )
    at.segmented_control(key="today_mood_0").set_value(3)
    at.number_input(key=f"today_amount_0_{day}_{drinks.id}").set_value(1)
    at.pills(key=f"today_goals_0_{day}").set_value([class_.id])
    at.button(key="today_save").click().run()
    with open_store(db_path) as store:
        journal = store.journal(person.id)
        [log] = journal.goal_logs(drinks.id)
        assert (log.status, log.amount) == ("amount", 1)
        assert journal.goal(class_.id).status == "achieved"


def test_a_first_journal_offers_starter_self_care_adopted_with_one_tap(app_journal, db_path):
    at = run_page("today")
    starters = at.pills(key="today_starter_5")
    assert "📞 Reaching out to someone" in [starters.format_func(o) for o in starters.options]
    starters.set_value("A walk").run()
    assert not at.exception
    with open_store(db_path) as store:
        assert [a.label for a in store.journal(app_journal.person_id).activities()] == ["🚶 A walk"]
    assert "A walk" not in at.pills(key="today_starter_4").options
    at.button(key="today_starters_skip").click().run()
    assert not [p for p in at.pills if p.key and p.key.startswith("today_starter_")]


def test_after_a_gap_the_first_words_are_a_welcome_back(person, db_path):
    with open_store(db_path) as store:
        store.journal(person.id).add_checkin(dt.date.today() - dt.timedelta(days=12), 3)
    at = today_page()
    assert at.title[0].value == "🌱 Welcome back"
    first_words = at.markdown[0].value
    assert "good to see you" in first_words
    assert "12" not in first_words and "missed" not in first_words


def test_a_few_days_away_is_not_a_gap(person, db_path):
    with open_store(db_path) as store:
        store.journal(person.id).add_checkin(dt.date.today() - dt.timedelta(days=3), 3)
    assert today_page().title[0].value == "✏️ Today"


def test_deleting_a_days_last_check_in_asks_about_its_logs(person, db_path):
    day = dt.date.today() - dt.timedelta(days=2)
    with open_store(db_path) as store:
        journal = store.journal(person.id)
        kept = journal.add_checkin(day, 3, activities=[1], goals_done=[1])
    at = today_page()
    at.button(key=f"today_recent_edit_{kept.id}").click().run()
    at.button(key=f"today_edit_{kept.id}_delete").click().run()
    assert any("1 self-care log and 1 goal log" in w.value for w in at.warning)
    at.button(key=f"today_delete_{kept.id}_keep").click().run()
    with open_store(db_path) as store:
        journal = store.journal(person.id)
        assert journal.checkins() == []
        assert journal.day_log_counts(day) == (1, 1)
        gone = journal.add_checkin(day, 3)
    at = today_page()
    at.button(key=f"today_recent_edit_{gone.id}").click().run()
    at.button(key=f"today_edit_{gone.id}_delete").click().run()
    at.button(key=f"today_delete_{gone.id}_all").click().run()
    with open_store(db_path) as store:
        assert store.journal(person.id).day_log_counts(day) == (0, 0)


def test_an_entrys_day_and_self_care_are_edited(person, db_path):
    day = dt.date.today() - dt.timedelta(days=1)
    with open_store(db_path) as store:
        journal = store.journal(person.id)
        entry = journal.add_checkin(day, 3, "x")
        read = journal.add_activity("Read")
    at = today_page()
    at.button(key=f"today_recent_edit_{entry.id}").click().run()
    at.date_input(key=f"today_edit_{entry.id}_day").set_value(day - dt.timedelta(days=1))
    at.pills(key=f"today_edit_{entry.id}_selfcare").set_value([read.id])
    at.button(key=f"today_edit_{entry.id}_save").click().run()
    assert not at.exception
    with open_store(db_path) as store:
        journal = store.journal(person.id)
        assert journal.checkin(entry.id).day == day - dt.timedelta(days=1)
        assert journal.day_activities(day - dt.timedelta(days=1)) == {read.id}


def test_things_to_watch_and_neutral_ones_are_noted_apart_from_self_care(app_journal, db_path):
    walk = app_journal.add_activity("Walk", emoji="🚶")
    beer = app_journal.add_activity("Beer", kind="watch")
    work = app_journal.add_activity("![x](http://tracker.invalid/p.png) shift", kind="neutral")
    today = str(dt.date.today())
    at = today_page()
    care = at.pills(key=f"today_activities_0_{today}")
    other = at.pills(key=f"today_other_0_{today}")
    assert care.label == "Self-care" and len(care.options) == 1 and "Walk" in care.options[0]
    assert other.label == "Anything else today"
    assert "Beer" in other.options
    assert not any("](" in option.replace("\\](", "") for option in other.options)

    at.segmented_control(key="today_mood_0").set_value(3)
    care.set_value([walk.id])
    other.set_value([beer.id, work.id])
    at.button(key="today_save").click().run()
    assert not at.exception
    assert app_journal.day_activities(dt.date.today()) == {walk.id, beer.id, work.id}
