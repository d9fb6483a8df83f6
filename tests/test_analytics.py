"""Analytics: worked examples for each definition, Loop's known values, and invariants."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import analytics as a

D0 = dt.date(2024, 1, 1)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def series(moods: dict[int, float]) -> pd.Series:
    """Daily mood from {day number: mood}."""
    index = pd.DatetimeIndex([pd.Timestamp(day(n)) for n in sorted(moods)], name="day")
    return pd.Series([float(moods[n]) for n in sorted(moods)], index=index, name="mood")


M_DAILY = 0.5 ** (1 / 13)  # Loop's multiplier for a daily habit


# --- daily mood -----------------------------------------------------------------------


def test_daily_mood_is_the_mean_of_the_day_and_leaves_unlogged_days_out(journal):
    journal.add_checkin(day(0), 2)
    journal.add_checkin(day(0), 5)
    journal.add_checkin(day(3), 4)

    daily = a.daily_mood(journal.frames().checkins)

    assert list(daily.index.date) == [day(0), day(3)]  # days 1 and 2 are absent, not zero
    assert daily.tolist() == [3.5, 4.0]


def test_daily_mood_of_an_empty_journal_is_empty(journal):
    daily = a.daily_mood(journal.frames().checkins)
    assert daily.empty and isinstance(daily.index, pd.DatetimeIndex)


# --- trend -------------------------------------------------------------------------------


def test_trend_smoothing_counts_the_days_between_entries():
    # One half-life (14 days) later, the first day weighs half: (1·½ + 3·1) / 1.5.
    assert a.trend(series({0: 1, 14: 3}), day(14)).smoothed.iloc[-1] == pytest.approx(3.5 / 1.5)
    # Two half-lives later it weighs a quarter: (1·¼ + 3·1) / 1.25.
    assert a.trend(series({0: 1, 28: 3}), day(28)).smoothed.iloc[-1] == pytest.approx(3.25 / 1.25)


def test_trend_slopes_are_per_30_days_over_90_days_and_all_time():
    # Flat at 2 for a year, then rising one point per 30 days for the last 90 days.
    moods = {n: 2.0 for n in range(0, 300)}
    moods.update({n: 2.0 + (n - 300) / 30 for n in range(300, 390)})
    result = a.trend(series(moods), day(389))

    assert result.slope_per_30_days == pytest.approx(1.0)
    assert 0 < result.slope_per_30_days_all_time < 1.0
    assert result.recent_change == pytest.approx(89 / 30)
    assert result.recent_span_days == 89


def test_trend_needs_two_days_for_a_slope_and_ignores_days_after_as_of():
    assert a.trend(series({0: 3}), day(0)).slope_per_30_days is None
    result = a.trend(series({0: 3, 10: 1, 20: 5}), day(10))
    assert result.slope_per_30_days == pytest.approx(-2 / 10 * 30)
    assert result.smoothed.index.max().date() == day(10)


# --- setbacks ----------------------------------------------------------------------------


def steady(days: int = 10, mood: float = 4) -> dict[int, float]:
    return {n: mood for n in range(days)}


def test_a_way_back_across_a_pause_in_the_journal_is_not_counted_in_days():
    """A hard day, then two months without entries, then a good day: back after a break,
    not "bounced back in 61 days" (months away were not months of struggling)."""
    moods = steady(20) | {20: 1, 81: 4}
    [episode] = a.setback_episodes(series(moods), as_of=day(81))
    assert episode.recovered == day(81)
    assert episode.bounce_back_days is None and episode.back_after_a_break
    assert a.bounce_back_by_quarter([episode]).empty  # left out of the medians

    # Daily entries through the same dip are counted as usual.
    daily = steady(20) | {n: 2 for n in range(20, 30)} | {30: 4}
    [counted] = a.setback_episodes(series(daily), as_of=day(30))
    assert counted.bounce_back_days == 10 and not counted.back_after_a_break


def test_the_headline_chart_and_peers_say_back_after_a_break_without_days(journal):
    from tracker import charts
    from tracker.peer_overview import person_row
    from tracker.voice import about

    as_of = dt.date.today()
    start = as_of - dt.timedelta(days=80)
    for n in range(30):
        journal.add_checkin(start + dt.timedelta(days=n), 4)
    journal.add_checkin(start + dt.timedelta(days=30), 1)
    for n in range(70, 81):  # back after 39 days without entries
        journal.add_checkin(start + dt.timedelta(days=n), 4)

    result = a.journey(journal.frames(), as_of)
    [episode] = result.episodes
    assert episode.back_after_a_break
    assert "came back after a break" in result.headline
    assert "40 days" not in result.headline and "bounced back" not in result.headline
    assert charts.back_label(episode) == "back after a break"
    peers_see = a.journey(journal.frames(), as_of, about("Sam"))
    row = person_row(1, "Sam", {"mood"}, peers_see, [], None, as_of)
    assert row.setback_words.endswith("back after a break")


def test_a_drop_of_one_and_a_half_below_the_28_day_mean_is_a_setback_and_recovery_is_measured():
    moods = steady() | {10: 2, 12: 2, 13: 3, 14: 4}  # day 11 unlogged
    [episode] = a.setback_episodes(series(moods), as_of=day(20))

    # Day 10: 2 ≤ 4 − 1.5. Day 12: 2 ≤ (4·10 + 2)/11 − 1.5, one unlogged day between.
    assert (episode.start, episode.end) == (day(10), day(12))
    assert (episode.lowest, episode.lowest_day) == (2.0, day(10))
    assert episode.baseline == 4.0
    # Day 13 (3) is not back within 0.5 of 4; day 14 (4) is.
    assert episode.recovered == day(14)
    assert episode.bounce_back_days == 4
    assert not episode.logged


def test_a_drop_of_less_than_one_and_a_half_is_not_a_setback():
    assert a.setback_episodes(series(steady() | {10: 2.6}), as_of=day(12)) == []
    [episode] = a.setback_episodes(series(steady() | {10: 2.5}), as_of=day(12))
    assert episode.start == day(10)


def test_the_baseline_is_the_previous_28_days():
    # Days 12–39 hold eight 4.4s and twenty 3s: mean 3.4, so 1.8 on day 40 is a setback
    # (the last 14 days alone, all 3s, would not make it one).
    moods = {n: 4.4 for n in range(20)} | {n: 3 for n in range(20, 40)} | {40: 1.8}
    [episode] = a.setback_episodes(series(moods), as_of=day(41))
    assert episode.start == day(40) and episode.baseline == pytest.approx(3.4)
    # Days older than 28 days don't count towards the 7 logged days a drop needs.
    assert a.setback_episodes(series(steady() | {40: 1}), as_of=day(41)) == []


def test_a_drop_needs_seven_logged_days_before_it():
    assert a.setback_episodes(series(steady(6, 5) | {6: 1}), as_of=day(10)) == []
    assert len(a.setback_episodes(series(steady(7, 5) | {7: 1}), as_of=day(10))) == 1


def test_back_to_baseline_then_down_again_is_two_episodes():
    moods = steady() | {10: 2, 11: 4, 12: 2, 13: 4}
    episodes = a.setback_episodes(series(moods), as_of=day(20))
    assert [(e.start, e.recovered, e.bounce_back_days) for e in episodes] == [
        (day(10), day(11), 1),
        (day(12), day(13), 1),
    ]


def test_a_new_drop_before_recovering_continues_the_same_episode():
    # Day 11 (3) is no setback but not back either (< 3.5), so day 12 is the same dip.
    moods = steady() | {10: 2, 11: 3, 12: 2, 13: 4}
    [episode] = a.setback_episodes(series(moods), as_of=day(20))
    assert (episode.start, episode.end, episode.recovered) == (day(10), day(12), day(13))


def test_a_logged_setback_counts_even_when_the_mood_is_fine():
    moods = steady() | {10: 4, 11: 4}
    [episode] = a.setback_episodes(series(moods), [day(10)], as_of=day(20))
    assert episode.logged
    assert (episode.start, episode.end, episode.lowest) == (day(10), day(10), 4.0)
    assert (episode.recovered, episode.bounce_back_days) == (day(11), 1)


def test_a_logged_setback_without_history_is_back_at_okay():
    [episode] = a.setback_episodes(series({1: 2, 2: 3}), [day(0)], as_of=day(5))
    assert episode.baseline == a.FALLBACK_BASELINE
    assert (episode.lowest, episode.lowest_day) == (None, None)  # no mood on day 0
    assert (episode.recovered, episode.bounce_back_days) == (day(2), 2)


def test_an_episode_not_yet_recovered_has_no_bounce_back_and_respects_as_of():
    moods = steady() | {10: 1, 11: 2, 15: 4}
    [ongoing] = a.setback_episodes(series(moods), as_of=day(12))
    assert (ongoing.end, ongoing.recovered, ongoing.bounce_back_days) == (day(11), None, None)
    [later] = a.setback_episodes(series(moods), as_of=day(15))
    assert (later.recovered, later.bounce_back_days) == (day(15), 5)


def episode(start: dt.date, back: int | None) -> a.Episode:
    return a.Episode(
        start=start,
        end=start,
        lowest=1.0,
        lowest_day=start,
        recovered=None if back is None else start + dt.timedelta(days=back),
        bounce_back_days=back,
        baseline=4.0,
        logged=False,
    )


def test_bounce_back_by_quarter_is_the_median_of_recovered_episodes():
    episodes = [
        episode(dt.date(2024, 1, 5), 2),
        episode(dt.date(2024, 2, 5), 9),
        episode(dt.date(2024, 3, 30), 4),
        episode(dt.date(2024, 5, 1), 3),
        episode(dt.date(2024, 6, 1), None),  # still finding the way back: not counted
    ]
    table = a.bounce_back_by_quarter(episodes)
    assert table["quarter"].tolist() == ["2024 Q1", "2024 Q2"]
    assert table["median_days"].tolist() == [4.0, 3.0]
    assert table["setbacks"].tolist() == [3, 1]
    assert table["quarter_start"].dt.date.tolist() == [dt.date(2024, 1, 1), dt.date(2024, 4, 1)]
    assert a.bounce_back_by_quarter([]).empty


# --- habit strength -------------------------------------------------------------------


def daily_habit(done_days: int, as_of: int | None = None, **extra) -> a.Habit:
    return a.make_habit(
        day(0),
        day(done_days - 1 if as_of is None else as_of),
        done=map(day, range(done_days)),
        **extra,
    )


def test_a_perfect_daily_habit_reaches_80_percent_in_30_days_and_96_in_60():
    strength = a.habit_strength(daily_habit(60))
    assert strength.iloc[29] == pytest.approx(0.798, abs=0.001)
    assert strength.iloc[59] == pytest.approx(0.959, abs=0.001)
    assert strength.index[0].date() == day(0) and len(strength) == 60


def test_one_miss_from_100_percent_leaves_94_8():
    strength = a.habit_strength(daily_habit(1000, as_of=1000))  # day 1000 not done
    assert strength.iloc[999] == pytest.approx(1.0, abs=1e-9)
    assert strength.iloc[1000] == pytest.approx(0.948, abs=0.0005)


def test_a_three_times_a_week_habit_uses_six_in_fourteen_days():
    habit = a.make_habit(day(0), day(1), times=3, per_days=7, done=[day(0)])
    m = 0.5 ** (math.sqrt(3 / 7) / 13)
    first = (1 / 6) * (1 - m)
    assert a.habit_strength(habit).tolist() == pytest.approx([first, first * m + (1 / 6) * (1 - m)])


def test_measurable_goals_get_partial_credit():
    at_least = a.make_habit(
        day(0), day(0), target_type="at_least", target_value=10, amounts={day(0): 5}
    )
    assert a.habit_strength(at_least).iloc[0] == pytest.approx(0.5 * (1 - M_DAILY))

    # "At most 2": a limit starts full; 3 is half credit, 5 is none; nothing logged is none taken.
    at_most = a.make_habit(
        day(0),
        day(2),
        target_type="at_most",
        target_value=2,
        amounts={day(0): 3, day(1): 5},
    )
    first = M_DAILY + 0.5 * (1 - M_DAILY)
    assert a.habit_strength(at_most).tolist() == pytest.approx(
        [first, first * M_DAILY, first * M_DAILY**2 + (1 - M_DAILY)]
    )


# Loop Habit Tracker's own expectations for "at most" habits (uhabits-core,
# NumericalAtMostScoreListTest), with its tolerance. Loop lists days newest first.
LOOP_TOLERANCE = 1e-6
LOOP_AT_MOST_NEWEST_FIRST = [
    0.344253, 0.363106, 0.382992, 0.403967, 0.426090, 0.449426, 0.474039,
    0.500000, 0.527383, 0.556266, 0.586730, 0.618863, 0.652756, 0.688505,
    0.726212, 0.765983, 0.807933, 0.852180, 0.898851, 0.948078, 1.0,
]  # fmt: skip


def at_most_two(first_day: int, last_day: int, amounts: dict[int, float], **extra) -> a.Habit:
    return a.make_habit(
        day(first_day),
        day(last_day),
        target_type="at_most",
        target_value=2,
        amounts={day(n): amount for n, amount in amounts.items()},
        **extra,
    )


def test_an_at_most_habit_scores_as_in_loop():
    # Created two days before its first entry: 1 on day 2 (within 2), then 5 for 20 days.
    habit = at_most_two(0, 22, {2: 1.0, **{n: 5.0 for n in range(3, 23)}})
    newest_first = a.habit_strength(habit).tolist()[::-1]
    assert newest_first[:21] == pytest.approx(LOOP_AT_MOST_NEWEST_FIRST, abs=LOOP_TOLERANCE)
    assert newest_first[21:] == [0.0, 0.0]  # before the habit had any entry


def test_an_at_most_habit_recomputes_as_in_loop():
    two_days_over = {0: 5.0, 1: 5.0}
    strength = a.habit_strength(at_most_two(0, 1, two_days_over))
    assert strength.iloc[-1] == pytest.approx(0.898850, abs=LOOP_TOLERANCE)
    every_other_day = at_most_two(0, 1, two_days_over, per_days=2)
    assert a.habit_strength(every_other_day).iloc[-1] == pytest.approx(0.927369, abs=LOOP_TOLERANCE)


def test_an_at_most_habit_converges_to_its_share_of_the_limit_as_in_loop():
    half_over = at_most_two(0, 499, {n: 3.0 for n in range(500)})
    assert a.habit_strength(half_over).iloc[-1] == pytest.approx(0.5, abs=LOOP_TOLERANCE)
    three_quarters_over = at_most_two(0, 499, {n: 3.5 for n in range(500)})
    assert a.habit_strength(three_quarters_over).iloc[-1] == pytest.approx(0.25, abs=LOOP_TOLERANCE)


def test_an_at_most_habit_under_achieving_is_not_relevant_as_in_loop():
    # Far over the limit yesterday, nothing logged today (counts as none taken).
    habit = at_most_two(0, 1, {0: 10000.0})
    assert a.habit_strength(habit).iloc[-1] == pytest.approx(0.950773, abs=LOOP_TOLERANCE)


def test_an_at_most_habit_over_achieving_is_not_relevant_as_in_loop():
    # Yesterday 0 or 1 (both within the limit of 2) gives the same score after today's 5.
    for yesterday in (0.0, 1.0):
        habit = at_most_two(0, 1, {0: yesterday, 1: 5.0})
        assert a.habit_strength(habit).iloc[-1] == pytest.approx(0.948077, abs=LOOP_TOLERANCE)


def test_an_at_most_habit_with_a_zero_limit_stays_finite_as_in_loop():
    habit = a.make_habit(
        day(0), day(3), target_type="at_most", target_value=0, amounts={day(0): 0.0}, done=[day(0)]
    )
    assert np.isfinite(a.habit_strength(habit).to_numpy()).all()


def test_a_skipped_day_leaves_an_at_most_strength_unchanged():
    habit = at_most_two(0, 3, {0: 5.0, 2: 5.0, 3: 0.0}, skipped=[day(1)])
    strength = a.habit_strength(habit).tolist()
    assert strength[0] == pytest.approx(M_DAILY)
    assert strength[1] == strength[0]
    assert strength[2] == pytest.approx(M_DAILY**2)
    assert strength[3] == pytest.approx(M_DAILY**3 + (1 - M_DAILY))


def test_a_habit_with_no_days_yet_says_so_rather_than_a_strength():
    for extra in ({}, {"target_type": "at_most", "target_value": 2}):
        fresh = a.summarize_habit(a.make_habit(day(0), day(5), **extra))
        assert fresh.just_started and fresh.strength_so_far is None
        assert fresh.strength_now == 0.0  # callers that format a number still get one
    begun = a.summarize_habit(at_most_two(0, 5, {5: 1.0}))
    assert not begun.just_started and begun.strength_so_far == pytest.approx(1.0)


def test_days_of_none_kept_under_an_at_most_0_goal_grow_its_strength(journal):
    """ "No cigarettes" logged as 0 each day is a goal kept, not a goal never started."""
    goal = journal.add_goal(
        "No cigarettes", kind="habit", target_type="at_most", target_value=0, unit="cigarettes"
    )
    for n in range(10):
        journal.log_goal(goal.id, day(n), "amount", amount=0)
    [summary] = [a.summarize_habit(h) for h in a.habits(journal.frames(), day(9))]
    assert not summary.just_started
    assert summary.strength_so_far == pytest.approx(1.0)
    assert a.stats(journal.frames(), day(9))["habits"]["No cigarettes"]["strength"] == 1.0


def test_a_skipped_day_leaves_the_strength_unchanged():
    habit = a.make_habit(day(0), day(3), done=[day(0), day(1), day(3)], skipped=[day(2)])
    strength = a.habit_strength(habit)
    assert strength.iloc[2] == strength.iloc[1]
    assert strength.iloc[3] > strength.iloc[2]


def test_goals_and_activities_with_a_rhythm_become_habits(journal):
    walk = journal.add_goal("Walk", kind="habit", times=1, per_days=1)
    journal.add_goal("Book a class", kind="oneoff")
    stretch = journal.add_activity("Stretch", times=3, per_days=7)
    journal.add_activity("Tea")  # no rhythm: not a habit
    for n in range(6):
        journal.log_goal(walk.id, day(n), "done")
        journal.log_activity(stretch.id, day(n))
    journal.log_goal(walk.id, day(6), "skipped", reason="Rest day")
    journal.log_goal(walk.id, day(7), "lapsed")

    found = {habit.key: habit for habit in a.habits(journal.frames(), day(7))}

    assert set(found) == {f"goal:{walk.id}", f"activity:{stretch.id}"}
    goal = found[f"goal:{walk.id}"]
    assert goal.first_day == day(0)  # the first log, before the goal's creation today
    assert (goal.done.sum(), goal.skipped.sum(), goal.lapsed.sum(), goal.days) == (6, 1, 1, 8)
    assert (found[f"activity:{stretch.id}"].times, found[f"activity:{stretch.id}"].per_days) == (
        3,
        7,
    )


def test_paused_days_count_as_skipped(journal):
    walk = journal.add_goal("Walk", kind="habit", times=1, per_days=1)
    for n in (0, 1, 2, 6):
        journal.log_goal(walk.id, day(n), "done")
    journal.set_goal_status(walk.id, "paused", on=day(3))
    journal.set_goal_status(walk.id, "active", on=day(6))  # paused days 3, 4 and 5

    [habit] = a.habits(journal.frames(), day(6))
    strength = a.habit_strength(habit)

    assert habit.skipped.tolist() == [False, False, False, True, True, True, False]
    assert strength.iloc[3] == strength.iloc[4] == strength.iloc[5] == strength.iloc[2]


# --- runs ------------------------------------------------------------------------------


def test_runs_of_a_daily_habit_a_skip_continues_and_a_miss_ends():
    done = [0, 1, 2, 3, 4, 6, 7, 9, 10]  # skip on day 5, nothing on day 8
    habit = a.make_habit(day(0), day(10), done=map(day, done), skipped=[day(5)])
    result = a.runs(habit)
    assert (result.best, result.current, result.comebacks) == (7, 2, 1)
    assert result.never_miss_twice is True
    assert result.period_days == 1


def test_a_lapse_ends_a_run_and_two_misses_in_a_row_clear_never_miss_twice():
    lapse = a.make_habit(day(0), day(4), done=map(day, [0, 1, 3, 4]), lapsed=[day(2)])
    assert (a.runs(lapse).best, a.runs(lapse).current, a.runs(lapse).comebacks) == (2, 2, 1)
    twice = a.make_habit(day(0), day(5), done=map(day, [0, 1, 4, 5]))
    assert a.runs(twice).never_miss_twice is False


def test_weekly_runs_count_weeks_and_the_week_in_progress_only_helps():
    week = [day(n) for n in (0, 2, 4)]  # kept
    short = [day(n) for n in (8, 10)]  # 2 of 3: missed
    again = [day(n) for n in (14, 16, 18)]  # kept
    started = [day(21)]  # the current week, still going on
    habit = a.make_habit(day(0), day(22), times=3, per_days=7, done=week + short + again + started)
    result = a.runs(habit)
    assert (result.current, result.best, result.comebacks) == (1, 1, 1)
    assert result.never_miss_twice is True

    kept_now = a.make_habit(
        day(0),
        day(23),
        times=3,
        per_days=7,
        done=week + short + again + [day(21), day(22), day(23)],
    )
    assert a.runs(kept_now).current == 2


def test_skipped_days_lower_what_a_week_needs():
    # 3 times a week with 3 days skipped: 4 active days need ceil(3·4/7) = 2.
    habit = a.make_habit(
        day(0),
        day(6),
        times=3,
        per_days=7,
        done=[day(0), day(1)],
        skipped=[day(2), day(3), day(4)],
    )
    assert a.runs(habit).current == 1


def test_describe_runs_speaks_in_days_or_weeks():
    assert a.describe_runs(a.Runs(3, 9, 2, True, 7)) == (
        "Current run: 3 weeks · best: 9 weeks · 2 comebacks"
    )
    assert a.describe_runs(a.Runs(1, 1, 0, None, 1)) == "Current run: 1 day · best: 1 day"


# --- small wins ------------------------------------------------------------------------


def test_small_wins_for_days_logged_strength_and_goals(journal):
    walk = journal.add_goal("Walk", kind="habit", times=1, per_days=1)
    for n in range(35):
        journal.add_checkin(day(n), 3, goals_done=[walk.id])
    trip = journal.add_goal("Plan a trip", kind="oneoff")
    journal.set_goal_status(trip.id, "achieved", on=day(20))
    frames = journal.frames()

    wins = {win.key: win for win in a.small_wins(frames, day(34))}

    assert wins["days_logged:7"].day == day(6)
    assert wins["days_logged:30"].day == day(29)
    assert "days_logged:100" not in wins
    assert wins[f"achieved:goal:{trip.id}"].day == day(20)
    assert "Plan a trip" in wins[f"achieved:goal:{trip.id}"].text
    strength = a.habit_strength(a.habits(frames, day(34))[0])
    for level in (50, 80):
        crossed = wins[f"strength{level}:goal:{walk.id}"].day
        position = (crossed - day(0)).days
        assert strength.iloc[position - 1] < level / 100 <= strength.iloc[position]
    # 1 − m^31 is the first value at or above 0.8.
    assert wins[f"strength80:goal:{walk.id}"].day == day(30)
    # Before the achievement day, it isn't a win yet.
    assert f"achieved:goal:{trip.id}" not in {w.key for w in a.small_wins(frames, day(19))}


def test_a_limit_kept_from_its_first_day_is_not_a_strength_milestone(journal):
    drinks = journal.add_goal(
        "Drinks", times=1, per_days=1, target_type="at_most", target_value=2, unit="drinks"
    )
    for n in range(5):
        journal.log_goal(drinks.id, day(n), "amount", amount=1)
    keys = {win.key for win in a.small_wins(journal.frames(), day(4))}
    assert not {f"strength50:goal:{drinks.id}", f"strength80:goal:{drinks.id}"} & keys


def test_a_brightest_month_needs_ten_days_and_must_beat_every_earlier_month(journal):
    for n in range(10):
        journal.add_checkin(dt.date(2024, 1, 1 + n), 3)
        journal.add_checkin(dt.date(2024, 2, 1 + n), 4)
        journal.add_checkin(dt.date(2024, 3, 1 + n), 3)
    for n in range(9):  # only 9 days: doesn't count, however bright
        journal.add_checkin(dt.date(2024, 4, 1 + n), 5)

    wins = [w for w in a.small_wins(journal.frames(), dt.date(2024, 6, 1)) if "month" in w.key]

    assert [(w.key, w.day) for w in wins] == [("best_month:2024-02", dt.date(2024, 2, 29))]
    assert wins[0].text == "February 2024 was your brightest month so far (average mood 4.0)."


def test_a_faster_bounce_back_is_a_win():
    moods = steady(10, 4) | {10: 1} | {n: 3 for n in range(11, 16)} | {16: 4}
    moods |= {n: 4 for n in range(17, 40)} | {40: 1, 41: 3, 42: 3, 43: 4}
    episodes = a.setback_episodes(series(moods), as_of=day(50))
    assert [e.bounce_back_days for e in episodes] == [6, 3]

    wins = a._wins(series(moods), episodes, [], pd.DataFrame(), pd.Timestamp(day(50)))
    [faster] = [w for w in wins if w.key.startswith("faster_bounce")]
    assert faster.text == "You came back faster than last time: 3 days instead of 6."
    assert faster.day == day(43)


# --- what helps ------------------------------------------------------------------------


def test_what_helps_compares_days_with_and_without_with_a_welch_interval(journal):
    walk = journal.add_activity("Walk")
    tea = journal.add_activity("Tea")
    for n, mood in enumerate([4, 4, 5]):
        journal.add_checkin(day(n), mood, activities=[walk.id])
    for n, mood in enumerate([2, 3, 2, 3], start=3):
        journal.add_checkin(day(n), mood, activities=[tea.id] if n < 5 else [])
    journal.log_activity(walk.id, day(30))  # no mood that day: left out

    table = a.what_helps(journal.frames())

    assert table["activity"].tolist() == ["Walk"]  # tea has only 2 days with
    row = table.iloc[0]
    assert (row.days_with, row.days_without) == (3, 4)
    assert row.mood_with == pytest.approx(13 / 3) and row.mood_without == pytest.approx(2.5)
    # Welch: se² = (1/3)/3 + (1/3)/4; df ≈ 4.45 → t(4) = 2.776 from the table.
    se = math.sqrt((1 / 3) / 3 + (1 / 3) / 4)
    assert row.difference == pytest.approx(13 / 3 - 2.5)
    assert (row.low, row.high) == pytest.approx(
        (row.difference - 2.776 * se, row.difference + 2.776 * se)
    )
    assert row.sentence == (
        "On days with “Walk”, your mood was 1.8 higher on average (a pattern, not proof of cause)."
    )


def test_what_helps_says_when_it_could_be_chance():
    sentence = a.helps_sentence("Tea", -0.3, -0.9, 0.3)
    assert "0.3 lower" in sentence and "could still be chance" in sentence


# --- headline ----------------------------------------------------------------------------


def test_headline_for_no_data_and_little_data(journal):
    assert "first check-in" in a.headline(journal.frames(), day(0))
    journal.add_checkin(day(0), 3)
    journal.add_checkin(day(1), 3)
    assert a.headline(journal.frames(), day(1)).startswith("You've checked in on 2 days so far.")


def test_a_first_week_every_day_is_not_welcomed_back(journal):
    """Seven days in a row from day one: a newcomer, not someone returning."""
    for n in range(7):
        journal.add_checkin(day(n), 3)
    headline = a.headline(journal.frames(), day(6))
    assert headline.startswith("You've checked in on 7 days so far.")
    assert "Welcome back" not in headline


def test_headline_after_a_long_break_welcomes_back(journal):
    for n in range(20):
        journal.add_checkin(day(n), 3)
    assert a.headline(journal.frames(), day(200)) == (
        "Welcome back. You've logged 20 days so far, the latest on 20 January 2024. "
        "Picking it up again is part of the path."
    )


def test_headline_for_a_rising_mood_through_setbacks(journal):
    for n in range(90):
        journal.add_checkin(day(n), 2 + n // 30)  # 2, then 3, then 4
    journal.add_setback(day(40), "A hard week")
    journal.add_checkin(day(90), 4)
    text = a.headline(journal.frames(), day(90))
    assert text.startswith("Over the last 3 months your mood rose ")
    assert "through 1 setback; you bounced back in 1 day on average." in text


def test_headline_for_a_falling_mood_is_kind(journal):
    for n in range(60):
        journal.add_checkin(day(n), 4 if n < 30 else 3)
    text = a.headline(journal.frames(), day(59))
    assert text.startswith("Your mood dipped a little lately — that's part of the path too.")


def test_headline_for_a_steady_mood_without_setbacks(journal):
    for n in range(60):
        journal.add_checkin(day(n), 3)
    assert a.headline(journal.frames(), day(59)) == "Over the last 2 months your mood held steady."


# --- stats ---------------------------------------------------------------------------------


def test_stats_has_the_documented_keys_and_is_json(journal):
    walk = journal.add_goal("Walk", kind="habit", times=1, per_days=1)
    journal.add_activity("Tea")
    for n in range(12):
        journal.add_checkin(day(n), 4, activities=["Tea"] if n % 2 else [], goals_done=[walk.id])
    journal.add_checkin(day(12), 1)
    journal.add_checkin(day(12), 2)
    journal.log_goal(walk.id, day(12), "skipped")

    result = a.stats(journal.frames(), day(14))
    text = json.dumps(result)  # everything is plain JSON

    assert json.loads(text) == result
    assert {
        "days_logged",
        "entries",
        "first_day",
        "last_day",
        "daily_mood",
        "activities",
        "habits",
        "setbacks",
        "trend",
        "wins",
    } <= set(result)
    assert (result["days_logged"], result["entries"]) == (13, 14)
    assert (result["first_day"], result["last_day"]) == (day(0).isoformat(), day(12).isoformat())
    assert result["daily_mood"][day(12).isoformat()] == 1.5
    assert result["activities"] == {"Tea": {"days": 6}}
    walk_stats = result["habits"]["Walk"]
    assert {k: walk_stats[k] for k in ("times", "per_days", "done", "skipped", "total")} == {
        "times": 1,
        "per_days": 1,
        "done": 12,
        "skipped": 1,
        "total": 15,
    }
    assert walk_stats["best_streak"] == 12 and walk_stats["current_streak"] == 0
    assert 0 < walk_stats["strength"] < 1
    [setback] = result["setbacks"]
    assert setback == setback | {
        "start": day(12).isoformat(),
        "lowest": 1.5,
        "recovered": None,
        "bounce_back_days": None,
    }
    assert set(result["trend"]) >= {"slope_per_30_days", "slope_per_30_days_all_time"}
    assert all({"day", "text"} <= set(win) for win in result["wins"])


def test_stats_of_an_empty_journal(journal):
    result = a.stats(journal.frames(), day(0))
    assert result["days_logged"] == 0 and result["first_day"] is None
    assert result["trend"] == {"slope_per_30_days": None, "slope_per_30_days_all_time": None}
    json.dumps(result)


# --- invariants ------------------------------------------------------------------------------

cadences = st.sampled_from([(1, 1), (3, 7), (1, 7), (2, 3), (5, 7), (1, 30)])
day_flags = st.lists(st.sampled_from("dsl."), min_size=1, max_size=120)  # done/skip/lapse/none


def habit_from(flags: list[str], cadence: tuple[int, int], **extra) -> a.Habit:
    n, d = cadence
    pick = {flag: [day(i) for i, f in enumerate(flags) if f == flag] for flag in "dsl"}
    return a.make_habit(
        day(0),
        day(len(flags) - 1),
        times=n,
        per_days=d,
        done=pick["d"],
        skipped=pick["s"],
        lapsed=pick["l"],
        **extra,
    )


@settings(max_examples=60, deadline=None)
@given(
    flags=day_flags,
    cadence=cadences,
    measure=st.sampled_from([None, "at_least", "at_most"]),
    amounts=st.lists(st.floats(0, 20), min_size=120, max_size=120),
)
def test_strength_stays_between_0_and_1(flags, cadence, measure, amounts):
    extra = {}
    if measure:
        extra = {
            "target_type": measure,
            "target_value": 4.0,
            "amounts": {day(i): amounts[i] for i, f in enumerate(flags) if f == "d"},
        }
    strength = a.habit_strength(habit_from(flags, cadence, **extra)).to_numpy()
    assert len(strength) == len(flags)
    assert ((strength >= 0) & (strength <= 1)).all()


@settings(max_examples=60, deadline=None)
@given(flags=day_flags, cadence=cadences)
def test_a_skipped_day_never_changes_strength(flags, cadence):
    habit = habit_from(flags, cadence)
    strength = a.habit_strength(habit).to_numpy()
    before = np.concatenate([[0.0], strength[:-1]])
    assert (strength[habit.skipped] == before[habit.skipped]).all()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(flags=day_flags, cadence=cadences, data=st.data())
def test_adding_a_done_day_never_lowers_strength(flags, cadence, data):
    empty = [i for i, f in enumerate(flags) if f == "."]
    if not empty:
        return
    extra_day = data.draw(st.sampled_from(empty))
    more = [*flags]
    more[extra_day] = "d"
    before = a.habit_strength(habit_from(flags, cadence)).to_numpy()
    after = a.habit_strength(habit_from(more, cadence)).to_numpy()
    assert (after >= before - 1e-12).all()


@settings(max_examples=60, deadline=None)
@given(
    moods=st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=1, max_size=150),
    noted=st.lists(st.integers(0, 149), max_size=5),
)
def test_a_setback_episode_never_ends_before_it_starts(moods, noted):
    daily = series({i: m for i, m in enumerate(moods) if m is not None})
    as_of = day(len(moods) - 1)
    episodes = a.setback_episodes(daily, [day(n) for n in noted], as_of)
    for e in episodes:
        assert e.start <= e.end <= as_of
        if e.recovered is not None:
            assert e.end < e.recovered <= as_of
            assert e.bounce_back_days == (e.recovered - e.start).days
    for earlier, later in zip(episodes, episodes[1:], strict=False):
        assert earlier.recovered is not None and earlier.recovered <= later.start


def test_an_at_most_zero_goal_stays_full_on_clean_days_and_a_slip_dips_it(journal):
    import datetime as dt

    from tracker import analytics

    start = dt.date(2026, 1, 1)
    goal = journal.add_goal(
        "Cigarettes", times=1, per_days=1, target_type="at_most", target_value=0, unit="cigs"
    )
    for offset in range(10):
        journal.log_goal(goal.id, start + dt.timedelta(days=offset), "amount", amount=0)
    journal.log_goal(goal.id, start + dt.timedelta(days=10), "amount", amount=3)
    [habit] = [h for h in analytics.habits(journal.frames(), start + dt.timedelta(days=10))]
    strength = analytics.habit_strength(habit)
    assert strength.iloc[:10].tolist() == pytest.approx([1.0] * 10)  # a limit starts full
    assert strength.iloc[10] < strength.iloc[9]  # a slip dips it, never resets it
    assert strength.iloc[10] > 0.5 * strength.iloc[9]


def test_runs_of_a_week_and_a_month_and_a_comeback_are_small_wins(journal):
    import datetime as dt

    from tracker import analytics

    start = dt.date(2026, 1, 1)
    goal = journal.add_goal("Stretch", times=1, per_days=1)
    done = [*range(0, 35), *range(38, 45)]  # 35 days, a 3-day break, then back for a week
    for offset in done:
        journal.log_goal(goal.id, start + dt.timedelta(days=offset), "done")
    as_of = start + dt.timedelta(days=44)
    wins = {w.key: w for w in analytics.small_wins(journal.frames(), as_of)}

    assert wins[f"run7:goal:{goal.id}"].day == start + dt.timedelta(days=6)
    assert wins[f"run30:goal:{goal.id}"].day == start + dt.timedelta(days=29)
    comebacks = [w for k, w in wins.items() if k.startswith(f"comeback:goal:{goal.id}")]
    assert [w.day for w in comebacks] == [start + dt.timedelta(days=40)]
    assert "Coming back is the skill" in comebacks[0].text
    # A run of a week is celebrated once, not again on the second run.
    assert sum(k.startswith(f"run7:goal:{goal.id}") for k in wins) == 1


def test_the_wins_feed_keeps_only_the_latest_comeback_of_each_habit():
    import datetime as dt

    from tracker.analytics import Win, wins_feed

    day = dt.date(2026, 3, 1)
    wins = [
        Win(day, "old comeback", "comeback:goal:1:2026-03-01"),
        Win(day + dt.timedelta(days=9), "new comeback", "comeback:goal:1:2026-03-10"),
        Win(day + dt.timedelta(days=5), "other habit", "comeback:goal:2:2026-03-06"),
        Win(day + dt.timedelta(days=2), "a week", "days_logged:7"),
    ]
    assert [w.text for w in wins_feed(wins)] == ["new comeback", "other habit", "a week"]
    assert len(wins_feed(wins, limit=2)) == 2


def test_selfcare_week_and_category_balance(journal):
    import datetime as dt

    from tracker import analytics

    today = dt.date(2026, 5, 20)
    walk = journal.add_activity("Walk", category="body")
    call = journal.add_activity("Call", category="connection")
    nap = journal.add_activity("Nap")  # no category: counted as "other"
    for offset in (0, 1, 3, 8):
        journal.log_activity(walk.id, today - dt.timedelta(days=offset))
    journal.log_activity(call.id, today)
    journal.log_activity(nap.id, today - dt.timedelta(days=40))  # outside 30 days
    frames = journal.frames()

    week = analytics.selfcare_week(frames, today)
    assert list(week) == [today - dt.timedelta(days=n) for n in range(7)]  # newest first
    assert week[today] == sorted([walk.id, call.id])
    assert week[today - dt.timedelta(days=2)] == []
    assert sum(len(ids) for ids in week.values()) == 4  # day 8 is last week

    balance = analytics.category_balance(frames, today)
    assert balance.to_dict() == {"body": 4, "connection": 1}


def test_stats_give_no_strength_for_a_goal_with_no_days_yet(journal):
    today = dt.date.today()
    journal.add_goal("Drinks", times=1, per_days=1, target_type="at_most", target_value=2)
    walk = journal.add_goal("Walk", kind="habit", times=1, per_days=1)
    journal.log_goal(walk.id, today, "done")
    habits = a.stats(journal.frames(), today + dt.timedelta(days=3))["habits"]
    assert habits["Drinks"]["strength"] is None  # just started: no number yet
    assert habits["Walk"]["strength"] == pytest.approx(M_DAILY**3 * (1 - M_DAILY), abs=0.001)
