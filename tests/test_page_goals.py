"""The Goals page under AppTest: create, log, pause, achieve, archive and restore goals."""

import datetime as dt

from tests.conftest import run_page
from tracker import open_store

TODAY = dt.date.today()


def stored_goals(db_path, person_id):
    with open_store(db_path) as store:
        return store.journal(person_id).goals()


def test_creating_a_habit_goal_with_a_cadence(app_journal, app_db):
    at = run_page("goals")
    at.text_input(key="goals_new_title").input("Walk 20 minutes")
    at.text_area(key="goals_new_why").input("It clears my head.")
    at.number_input(key="goals_new_times").set_value(3)
    at.number_input(key="goals_new_per_days").set_value(7)
    at.button(key="goals_new_add").click().run()

    assert not at.exception
    [goal] = stored_goals(app_db, app_journal.person_id)
    assert (goal.title, goal.why, goal.kind, goal.times, goal.per_days) == (
        "Walk 20 minutes",
        "It clears my head.",
        "habit",
        3,
        7,
    )
    assert "Goal added. One small step at a time." in [t.value for t in at.toast]


def test_creating_a_measurable_at_most_goal(app_journal, app_db):
    at = run_page("goals")
    at.text_input(key="goals_new_title").input("Drinks")
    at.number_input(key="goals_new_times").set_value(1)
    at.number_input(key="goals_new_per_days").set_value(1)
    at.toggle(key="goals_new_measurable").set_value(True).run()
    at.selectbox(key="goals_new_target_type").set_value("at_most")
    at.number_input(key="goals_new_target_value").set_value(2.0)
    at.text_input(key="goals_new_unit").input("drinks")
    at.button(key="goals_new_add").click().run()

    [goal] = stored_goals(app_db, app_journal.person_id)
    assert (goal.target_type, goal.target_value, goal.unit) == ("at_most", 2.0, "drinks")
    assert goal.cadence_text == "at most 2 drinks, every day"


def test_a_goal_without_a_title_is_refused_kindly(app_journal, app_db):
    at = run_page("goals")
    at.button(key="goals_new_add").click().run()

    assert any("few words" in w.value for w in at.warning)
    assert stored_goals(app_db, app_journal.person_id) == []


def test_a_one_off_goal_with_steps_and_ticking_a_step(app_journal, app_db):
    at = run_page("goals")
    at.text_input(key="goals_new_title").input("Sign up for a class")
    at.radio(key="goals_new_kind").set_value("oneoff").run()
    at.text_area(key="goals_new_steps").input("Find a studio\nBook a first class")
    at.button(key="goals_new_add").click().run()

    [goal] = stored_goals(app_db, app_journal.person_id)
    assert [s.title for s in goal.steps] == ["Find a studio", "Book a first class"]
    at.checkbox(key=f"goals_step_{goal.steps[0].id}").check().run()
    [goal] = stored_goals(app_db, app_journal.person_id)
    assert [s.done for s in goal.steps] == [True, False]


def test_logging_a_past_day_from_the_history_strip(app_journal, app_db):
    goal = app_journal.add_goal("Stretch", times=1, per_days=1)
    three_days_ago = TODAY - dt.timedelta(days=3)
    at = run_page("goals")
    at.pills(key=f"goals_strip_{goal.id}").set_value(three_days_ago).run()
    at.button(key=f"goals_log_{goal.id}_{three_days_ago}_done").click().run()

    logs = app_journal.goal_logs(goal.id)
    assert [(log.day, log.status) for log in logs] == [(three_days_ago, "done")]
    # The strip now shows that day as done.
    strip = at.pills(key=f"goals_strip_{goal.id}")
    assert strip.format_func(three_days_ago).endswith("✅")


def test_a_skip_keeps_its_reason_and_a_lapse_is_stored_as_a_lapse(app_journal, app_db):
    goal = app_journal.add_goal("Stretch", times=1, per_days=1)
    yesterday = TODAY - dt.timedelta(days=1)
    at = run_page("goals")
    at.pills(key=f"goals_strip_{goal.id}").set_value(yesterday).run()
    at.text_input(key=f"goals_log_{goal.id}_{yesterday}_reason").input("Sick")
    at.button(key=f"goals_log_{goal.id}_{yesterday}_skip").click().run()
    at.pills(key=f"goals_strip_{goal.id}").set_value(TODAY).run()
    at.button(key=f"goals_log_{goal.id}_{TODAY}_lapsed").click().run()

    logs = {log.day: log for log in app_journal.goal_logs(goal.id)}
    assert (logs[yesterday].status, logs[yesterday].reason) == ("skipped", "Sick")
    assert logs[TODAY].status == "lapsed"
    assert "Coming back is the skill" in " ".join(t.value for t in at.toast)


def test_pausing_and_resuming_a_goal_records_the_pause(app_journal, app_db):
    goal = app_journal.add_goal("Run", times=2, per_days=7)
    at = run_page("goals")
    at.button(key=f"goals_pause_{goal.id}").click().run()
    assert app_journal.goal(goal.id).status == "paused"
    assert app_journal.goal_pauses(goal.id) == [(TODAY, None)]

    at.button(key=f"goals_resume_{goal.id}").click().run()
    assert app_journal.goal(goal.id).status == "active"
    assert app_journal.goal_pauses(goal.id)[0][1] is not None


def test_achieving_moves_a_goal_to_the_done_shelf_with_its_date(app_journal, app_db):
    goal = app_journal.add_goal("Call the clinic", kind="oneoff")
    at = run_page("goals")
    at.button(key=f"goals_achieved_{goal.id}").click().run()

    assert app_journal.goal(goal.id).achieved_on == TODAY
    assert any("Done shelf" in h.value for h in at.subheader)
    assert any("Call the clinic" in m.value and "achieved" in m.value for m in at.markdown)


def test_archiving_and_restoring_a_goal(app_journal, app_db):
    goal = app_journal.add_goal("Journal at night")
    at = run_page("goals")
    at.button(key=f"goals_archive_{goal.id}").click().run()
    assert app_journal.goal(goal.id).status == "archived"
    assert f"goals_pause_{goal.id}" not in [b.key for b in at.button]

    at.button(key=f"goals_restore_{goal.id}").click().run()
    assert app_journal.goal(goal.id).status == "active"


def test_a_goal_title_is_shown_as_text_not_markup(app_journal, app_db):
    app_journal.add_goal("[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
    at = run_page("goals")
    shown = [m.value for m in at.markdown if "alert" in m.value]
    assert shown and all("\\[x\\](javascript" in m for m in shown)  # no link: [ ] escaped
    assert all("\\<img" in m for m in shown)


def test_editing_a_goal_in_its_dialog(app_journal, app_db):
    goal = app_journal.add_goal("Walk", times=2, per_days=7)
    other = app_journal.add_goal("Read")
    at = run_page("goals")
    assert f"goals_edit_{goal.id}_title" not in [t.key for t in at.text_input]  # closed

    at.button(key=f"goals_edit_open_{goal.id}").click().run()
    assert f"goals_edit_{other.id}_title" not in [t.key for t in at.text_input]
    at.text_input(key=f"goals_edit_{goal.id}_title").input("Walk after lunch")
    at.number_input(key=f"goals_edit_{goal.id}_times").set_value(3)
    at.button(key=f"goals_edit_{goal.id}_save").click().run()

    edited = app_journal.goal(goal.id)
    assert (edited.title, edited.times, edited.per_days) == ("Walk after lunch", 3, 7)
    assert "Goal updated." in " ".join(t.value for t in at.toast)
    assert f"goals_edit_{goal.id}_title" not in [t.key for t in at.text_input]  # closed again
    assert app_journal.goal(other.id).title == "Read"


def test_an_edit_that_empties_the_title_is_refused_kindly(app_journal, app_db):
    goal = app_journal.add_goal("Walk")
    at = run_page("goals")
    at.button(key=f"goals_edit_open_{goal.id}").click().run()
    at.text_input(key=f"goals_edit_{goal.id}_title").input("   ")
    at.button(key=f"goals_edit_{goal.id}_save").click().run()
    assert not at.exception
    assert at.warning, "a kind word about what to fix"
    assert app_journal.goal(goal.id).title == "Walk"


def test_a_limit_speaks_of_being_within_it_and_a_new_goal_has_just_started(app_journal):
    drinks = app_journal.add_goal(
        "Drinks",
        kind="habit",
        times=1,
        per_days=1,
        unit="drinks",
        target_type="at_most",
        target_value=2,
    )
    for back, amount in enumerate([1, 1, 4, 5, 1, 1, 1, 0, 1, 1]):
        app_journal.log_goal(drinks.id, TODAY - dt.timedelta(days=back), "amount", amount=amount)
    app_journal.add_goal("Stretch", kind="habit", times=3, per_days=7)
    at = run_page("goals")
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Within your limit:" in captions and "over your limit" in captions
    assert "partly there" not in captions and "comeback" not in captions
    assert "Just started: log a few days and its strength will show." in captions
    progress_texts = [p.proto.text for p in at.get("progress")]
    assert len(progress_texts) == 1  # only the limit, which has days, shows a strength
