"""The Self-care page under AppTest: the activity catalogue a person keeps."""

import datetime as dt

from tests.conftest import run_page

TODAY = dt.date.today()


def test_adding_an_activity_with_emoji_category_and_cadence(app_journal):
    at = run_page("selfcare")
    at.text_input(key="selfcare_new_name").input("Walk outside")
    at.text_input(key="selfcare_new_emoji").input("🚶")
    at.selectbox(key="selfcare_new_category").set_value("body")
    at.toggle(key="selfcare_new_habit").set_value(True).run()
    at.number_input(key="selfcare_new_times").set_value(3)
    at.number_input(key="selfcare_new_per_days").set_value(7)
    at.button(key="selfcare_new_add").click().run()

    assert not at.exception
    [walk] = app_journal.activities()
    assert (walk.name, walk.emoji, walk.category, walk.times, walk.per_days) == (
        "Walk outside",
        "🚶",
        "body",
        3,
        7,
    )


def test_a_category_of_their_own(app_journal):
    at = run_page("selfcare")
    at.text_input(key="selfcare_new_name").input("Pottery")
    at.selectbox(key="selfcare_new_category").set_value("Something else…").run()
    at.text_input(key="selfcare_new_category_own").input("creative")
    at.button(key="selfcare_new_add").click().run()

    assert app_journal.activity_named("Pottery").category == "creative"


def test_a_duplicate_name_is_refused_kindly(app_journal):
    app_journal.add_activity("Walk")
    at = run_page("selfcare")
    at.text_input(key="selfcare_new_name").input("walk")
    at.button(key="selfcare_new_add").click().run()

    assert any("already have" in w.value for w in at.warning)
    assert len(app_journal.activities()) == 1


def test_renaming_keeps_the_history(app_journal):
    walk = app_journal.add_activity("Walk")
    app_journal.log_activity(walk.id, TODAY)
    at = run_page("selfcare")
    at.text_input(key=f"selfcare_edit_{walk.id}_name").input("Walk outside")
    at.button(key=f"selfcare_edit_{walk.id}_save").click().run()

    assert app_journal.activity(walk.id).name == "Walk outside"
    assert app_journal.day_activities(TODAY) == {walk.id}


def test_merging_two_activities_keeps_every_day(app_journal):
    walk = app_journal.add_activity("Walk")
    stroll = app_journal.add_activity("Stroll")
    app_journal.log_activity(walk.id, TODAY)
    app_journal.log_activity(stroll.id, TODAY - dt.timedelta(days=1))
    at = run_page("selfcare")
    at.selectbox(key=f"selfcare_edit_{stroll.id}_merge_into").set_value(walk.id)
    at.button(key=f"selfcare_edit_{stroll.id}_merge").click().run()

    assert [a.name for a in app_journal.activities(include_archived=True)] == ["Walk"]
    assert app_journal.day_activities(TODAY - dt.timedelta(days=1)) == {walk.id}


def test_archiving_and_restoring(app_journal):
    walk = app_journal.add_activity("Walk")
    at = run_page("selfcare")
    at.button(key=f"selfcare_edit_{walk.id}_archive").click().run()
    assert app_journal.activity(walk.id).archived
    assert app_journal.activities() == []

    at.button(key=f"selfcare_restore_{walk.id}").click().run()
    assert not app_journal.activity(walk.id).archived


def test_the_week_view_lists_each_days_self_care(app_journal):
    walk = app_journal.add_activity("Walk", emoji="🚶")
    call = app_journal.add_activity("Call a friend")
    app_journal.log_activity(walk.id, TODAY)
    app_journal.log_activity(call.id, TODAY)
    app_journal.log_activity(walk.id, TODAY - dt.timedelta(days=2))
    at = run_page("selfcare")
    week = at.table[0].value
    assert len(week) == 7
    assert week.index[0] == f"{TODAY:%a %-d %b}"  # newest first
    assert week.iloc[0, 0] == "Call a friend, 🚶 Walk"
    assert week.iloc[1, 0] == "·"
    assert week.iloc[2, 0] == "🚶 Walk"


def test_other_activities_are_listed_apart_and_can_be_re_sorted(app_journal):
    import datetime as dt

    walk = app_journal.add_activity("Walk")
    work = app_journal.add_activity("Work", kind="neutral")
    beer = app_journal.add_activity("Beer", kind="watch")
    app_journal.add_checkin(dt.date.today(), 3, activities=[walk.id, work.id, beer.id])
    at = run_page("selfcare")
    assert not at.exception
    week = at.table[0].value
    assert "Walk" in week.iloc[0, 0] and "Beer" not in week.iloc[0, 0]
    assert "Other things you track" in [h.value for h in at.subheader]
    described = [c.value for c in at.caption if "just as part of life" in c.value]
    assert len(described) == 1 and "Work" in described[0] and "Beer" not in described[0]
    at.selectbox(key=f"selfcare_sort_{work.id}").set_value("selfcare").run()
    assert app_journal.activity(work.id).kind == "selfcare"
    assert app_journal.activity(beer.id).kind == "watch"
