"""Activities are not all self-care: self-care, neutral, and things to watch; and limits
("at most 2 drinks") spoken of in recovery language."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import analytics as a
from tracker.backup import backup_bytes, preview_backup, restore_backup
from tracker.errors import InvalidEntry
from tracker.goals import day_legend, goal_days
from tracker.importers import apply_import, preview_daylio
from tracker.voice import about

START = dt.date(2025, 3, 1)

DAYLIO = "full_date,date,weekday,time,mood,activities,note_title,note\n" + "".join(
    f"2025-03-{day:02d},March {day},Saturday,20:00,{mood},{acts},,\n"
    for day, mood, acts in [
        (1, "good", "walk | work"),
        (2, "bad", "Smoking weed | work"),
        (3, "good", "walk"),
        (4, "awful", "Smoking weed"),
    ]
)


def _days(count: int) -> list[dt.date]:
    return [START + dt.timedelta(days=n) for n in range(count)]


def test_activities_made_in_the_app_are_self_care_and_can_be_re_sorted(journal):
    walk = journal.add_activity("Walk")
    assert walk.kind == "selfcare"
    assert journal.set_activity_kind(walk.id, "watch").kind == "watch"
    with pytest.raises(InvalidEntry):
        journal.set_activity_kind(walk.id, "helps")
    assert journal.activity(walk.id).kind == "watch"
    assert journal.add_activity("Beer", kind="watch").kind == "watch"


def test_an_import_brings_activities_in_as_neutral_unless_the_person_sorts_them(journal):
    preview = preview_daylio(DAYLIO, journal)
    assert "neutral until you sort them" in preview.summary()
    assert "self-care" not in preview.summary()
    preview.sort_activities({"WALK": "selfcare", "smoking weed": "watch"})
    apply_import(journal, preview)
    kinds = {act.name: act.kind for act in journal.activities()}
    assert kinds == {"walk": "selfcare", "work": "neutral", "Smoking weed": "watch"}


def test_skipping_the_sorting_leaves_every_imported_activity_neutral(journal):
    apply_import(journal, preview_daylio(DAYLIO, journal))
    assert {act.kind for act in journal.activities()} == {"neutral"}
    assert a.what_helps(journal.frames(), "2025-03-10").empty


def _mood_days(journal, *, with_watch: set[int], with_care: set[int]) -> None:
    smoking = journal.add_activity("Smoking weed", kind="watch")
    work = journal.add_activity("Work", kind="neutral")
    walk = journal.add_activity("Walk")
    for n, day in enumerate(_days(20)):
        done = [work.id]
        mood = 3
        if n in with_watch:
            done.append(smoking.id)
            mood -= 1
        if n in with_care:
            done.append(walk.id)
            mood += 1
        journal.add_checkin(day, mood, activities=done)


def test_what_helps_compares_only_self_care_and_harder_only_things_to_watch(journal):
    _mood_days(journal, with_watch={1, 4, 7, 10, 13}, with_care={2, 5, 8, 11, 14, 17})
    result = a.journey(journal.frames(), START + dt.timedelta(days=30))
    assert result.helps["activity"].tolist() == ["Walk"]
    assert "higher" in result.helps["sentence"][0]
    assert result.harder["activity"].tolist() == ["Smoking weed"]
    sentence = result.harder["sentence"][0]
    assert sentence.startswith("Days with “Smoking weed” tended to be harder")
    assert "help" not in sentence
    every_sentence = " ".join([*result.helps["sentence"], *result.harder["sentence"]])
    assert "Work" not in every_sentence


def test_a_thing_to_watch_on_better_days_is_never_said_to_help(journal):
    # Smoking on the good days: the app stays quiet rather than call it helpful.
    _mood_days(journal, with_watch={2, 5, 8, 11, 14}, with_care=set())
    for checkin in journal.checkins():
        if checkin.day in {_days(20)[n] for n in (2, 5, 8, 11, 14)}:
            journal.update_checkin(checkin.id, mood=5, note=None)
    result = a.journey(journal.frames(), START + dt.timedelta(days=30))
    assert result.helps.empty and result.harder.empty


def test_sentences_take_a_name_for_someone_else_reading(journal):
    sam = about("Sam")
    assert "Sam's mood" in a.helps_sentence("Walk", 0.8, 0.2, 1.4, sam)
    assert "Sam's mood" in a.harder_sentence("Beer", -0.8, -1.4, -0.2, sam)
    assert a.comeback_sentence("Drinks", limit=True, break_days=3, voice=sam) == (
        "Sam is back within their limit for “Drinks” after 3 days."
    )


def test_the_self_care_glance_counts_only_self_care(journal):
    _mood_days(journal, with_watch={18, 19}, with_care={19})
    frames = journal.frames()
    as_of = START + dt.timedelta(days=19)
    walk = journal.activity_named("Walk").id
    assert a.selfcare_week(frames, as_of)[as_of] == [walk]
    assert a.category_balance(frames, as_of).sum() == 1


def test_only_self_care_grows_a_habit_strength(journal):
    """A rhythm on work or a drink is noted, never a habit that is "taking root"."""
    kinds = {"Walk": "selfcare", "Work": "neutral", "Beer": "watch"}
    made = {
        name: journal.add_activity(name, kind=kind, times=1, per_days=1)
        for name, kind in kinds.items()
    }
    for day in _days(30):
        journal.add_checkin(day, 4, activities=[activity.id for activity in made.values()])
    result = a.journey(journal.frames(), START + dt.timedelta(days=29))
    assert [habit.name for habit in result.habits] == ["Walk"]
    assert not any("Work" in win.text or "Beer" in win.text for win in result.wins)


def test_a_backup_carries_each_activitys_kind(store, journal):
    journal.add_activity("Beer", kind="watch")
    journal.add_activity("Work", kind="neutral")
    journal.add_activity("Walk")
    other = store.journal(store.add_person("Kim").id)
    summary = preview_backup(backup_bytes(journal), other).summary()
    assert "New activities" in summary and "neutral until" not in summary
    restore_backup(store, backup_bytes(journal), other.person_id)
    kinds = {act.name: act.kind for act in other.activities()}
    assert kinds == {"Beer": "watch", "Work": "neutral", "Walk": "selfcare"}


# --- limits in recovery language ---------------------------------------------------------


def _limit(journal, drinks: list[int]):
    goal = journal.add_goal(
        "Drinks",
        kind="habit",
        times=1,
        per_days=1,
        unit="drinks",
        target_type="at_most",
        target_value=2,
    )
    for day, amount in zip(_days(len(drinks)), drinks, strict=True):
        journal.log_goal(goal.id, day, "amount", amount=amount)
    return goal


def test_a_day_over_a_limit_is_over_your_limit_never_partly_there(journal):
    goal = _limit(journal, [1, 4])
    states = [
        d.state
        for d in goal_days(journal.goal(goal.id), journal.goal_logs(goal.id), [], _days(2)[-1], 2)
    ]
    assert states == ["done", "over_limit"]
    legend = day_legend(journal.goal(goal.id))
    assert "over your limit" in legend and "within your limit" in legend
    assert "partly there" not in legend


def test_coming_back_within_a_limit_is_celebrated_as_that(journal):
    _limit(journal, [1, 1, 1, 5, 6, 4, 1, 0, 1, 1])
    result = a.journey(journal.frames(), _days(10)[-1])
    texts = [win.text for win in result.wins]
    comebacks = [t for t in texts if "back within your limit" in t]
    assert comebacks == ["You are back within your limit for “Drinks” after 3 days."]
    assert not any("came back to" in t for t in texts)
    [summary] = result.habits
    line = a.describe_habit(summary)
    assert "back within your limit once" in line and "comeback" not in line


def test_a_goal_just_created_shows_no_strength_or_runs(journal):
    goal = journal.add_goal("Stretch", kind="habit", times=3, per_days=7)
    journal.log_goal(goal.id, dt.date.today(), "done")
    [summary] = a.journey(journal.frames()).habits
    assert summary.just_started
    assert a.describe_habit(summary) == a.JUST_STARTED


def test_the_demo_year_never_celebrates_coming_back_to_drinks(store):
    from tracker.demo import create_demo_person

    journal = create_demo_person(store, today=dt.date(2026, 6, 30))
    result = a.journey(journal.frames(), "2026-06-30")
    texts = [win.text for win in result.wins] + [a.describe_habit(h) for h in result.habits]
    drinks = [t for t in texts if "rinks" in t]
    assert drinks, "the demo's limit should have wins and runs to show"
    assert not any("came back to" in t or "comeback" in t for t in drinks)
    assert any("within your limit" in t for t in drinks)


def test_a_habit_without_a_run_yet_never_says_best_0(journal):
    goal = journal.add_goal("Stretch", kind="habit", times=3, per_days=7)
    for back in (9, 8, 1):
        journal.log_goal(goal.id, dt.date.today() - dt.timedelta(days=back), "lapsed")
    [summary] = a.journey(journal.frames()).habits
    assert not summary.just_started and summary.runs.best == 0
    line = a.describe_habit(summary)
    assert "0 weeks" not in line and "0 days" not in line
    assert line == "Your first run is on its way: each time you show up counts."
