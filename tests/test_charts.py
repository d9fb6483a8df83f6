"""Chart builders: what each figure really contains, and the summary beside it."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tracker import analytics as a
from tracker import charts
from tracker.voice import about

D0 = dt.date(2024, 1, 1)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def series(moods: dict[int, float]) -> pd.Series:
    index = pd.DatetimeIndex([pd.Timestamp(day(n)) for n in sorted(moods)], name="day")
    return pd.Series([float(moods[n]) for n in sorted(moods)], index=index, name="mood")


def trace(figure, name):
    return next(t for t in figure.data if t.name == name)


def journey_of(moods: dict[int, float], noted=(), as_of: int = 30):
    daily = series(moods)
    episodes = a.setback_episodes(daily, [day(n) for n in noted], day(as_of))
    return (
        charts.journey_chart(
            daily, a.trend(daily, day(as_of)), episodes, [day(n) for n in noted], day(as_of)
        ),
        episodes,
    )


# --- journey --------------------------------------------------------------------------


def test_journey_chart_draws_days_trend_and_a_shaded_labelled_setback():
    moods = {n: 4 for n in range(10)} | {10: 2, 11: 3, 12: 4} | {n: 4 for n in range(13, 25)}
    (figure, summary), episodes = journey_of(moods, noted=[20], as_of=30)

    assert [t.name for t in figure.data] == ["Daily mood", "Trend", "Setback you noted"]
    dots = trace(figure, "Daily mood")
    assert list(dots.y) == [moods[n] for n in sorted(moods)]
    assert str(dots.x[0]) == "2024-01-01"
    assert len(trace(figure, "Trend").y) == len(moods)
    noted = trace(figure, "Setback you noted")
    # Along the bottom, so the day's own mood dot stays in sight.
    assert [str(x) for x in noted.x] == ["2024-01-21"] and list(noted.y) == [0.72]

    rects = [s for s in figure.layout.shapes if s.type == "rect"]
    assert len(rects) == len(episodes) == 2
    assert [a.text for a in figure.layout.annotations] == ["back in 2 days", "back in 1 day"]
    # The first dip is shaded from its first day up to the day it was back.
    assert pd.Timestamp(rects[0].x0) < pd.Timestamp(day(10)) < pd.Timestamp(rects[0].x1)
    assert pd.Timestamp(rects[0].x1) < pd.Timestamp(day(12))

    assert "25 logged days" in summary and "2 setbacks" in summary
    assert "in 2 days on average" in summary


def test_journey_chart_has_range_buttons_and_mood_words_on_the_axis():
    (figure, _), _ = journey_of({n: 3 for n in range(400)}, as_of=399)
    buttons = figure.layout.xaxis.rangeselector.buttons
    assert [b.label for b in buttons] == ["1M", "3M", "1Y", "All"]
    assert [(b.count, b.step) for b in buttons[:3]] == [(1, "month"), (3, "month"), (1, "year")]
    assert buttons[3].step == "all"
    assert list(figure.layout.yaxis.tickvals) == [1, 2, 3, 4, 5]
    assert figure.layout.yaxis.ticktext[0].endswith("awful")
    assert figure.layout.yaxis.ticktext[4].endswith("great")
    assert figure.layout.legend.orientation == "h"  # under the plot, fits a phone
    assert (
        "No setbacks so far"
        in charts.journey_chart(
            series({n: 3 for n in range(20)}), a.trend(series({n: 3 for n in range(20)}), day(19))
        ).summary
    )


def test_an_ongoing_setback_is_shaded_up_to_the_last_entry_with_kind_words():
    (figure, summary), [episode] = journey_of({n: 4 for n in range(10)} | {10: 1, 11: 2}, as_of=14)
    assert episode.recovered is None
    [rect] = figure.layout.shapes
    [label] = figure.layout.annotations
    assert label.text == "finding your way back"
    # The whole last day is shaded, and nothing past it (not up to "today").
    assert pd.Timestamp(day(11)) < pd.Timestamp(rect.x1) < pd.Timestamp(day(12))
    assert "The shaded stretch is a setback you're finding your way back from." in summary


def test_a_long_journey_opens_on_the_last_year_and_stays_light():
    moods = {n: 3 + (n % 2) for n in range(3650)}
    (figure, _), _ = journey_of(moods, as_of=3649)
    start, end = (pd.Timestamp(x) for x in figure.layout.xaxis.range)
    assert 364 <= (end - start).days <= 373  # a year, with 1% of room at each end
    assert len(figure.to_json()) < 400_000  # ten years of daily points, compact


def test_setbacks_before_the_opening_view_are_shaded_with_their_words_on_hover():
    dip = {10: 2, 11: 3, 12: 4}  # an early dip, two years before the end
    late = {700: 2, 701: 4}  # a dip within the last year
    moods = {n: 4 for n in range(730)} | dip | late
    (figure, _), episodes = journey_of(moods, as_of=729)
    assert len(episodes) == 2
    assert len([s for s in figure.layout.shapes if s.type == "rect"]) == 2  # both shaded
    # Only the setback inside the opening view (the last year) carries an upright label.
    assert [a.text for a in figure.layout.annotations] == ["back in 1 day"]
    earlier = trace(figure, "Other setbacks")
    assert list(earlier.text) == ["back in 2 days"]
    assert pd.Timestamp(day(10)) <= pd.Timestamp(earlier.x[0]) <= pd.Timestamp(day(12))
    assert "%{text}" in earlier.hovertemplate and earlier.showlegend is False


def test_an_empty_journey_says_where_to_start():
    empty = pd.Series([], index=pd.DatetimeIndex([]), dtype=float)
    figure, summary = charts.journey_chart(empty, a.trend(empty, day(0)))
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "Your first check-in will appear here."
    assert summary.startswith("No check-ins yet.")


# --- bounce-back -------------------------------------------------------------------------


def test_bounce_back_chart_has_one_bar_per_quarter_with_the_median():
    table = pd.DataFrame(
        {
            "quarter": ["2024 Q1", "2024 Q3"],
            "quarter_start": pd.to_datetime(["2024-01-01", "2024-07-01"]),
            "median_days": [6.0, 2.5],
            "setbacks": [3, 2],
        }
    )
    figure, summary = charts.bounce_back_chart(table)
    [bars] = figure.data
    assert bars.type == "bar"
    assert list(bars.x) == ["2024 Q1", "2024 Q3"] and list(bars.y) == [6.0, 2.5]
    assert list(bars.text) == ["6 d", "2.5 d"]
    assert summary == (
        "Your typical bounce-back went from 6 days in 2024 Q1 to 2.5 days in 2024 Q3: "
        "you're finding your way back faster than you used to."
    )


def test_bounce_back_chart_without_setbacks_is_gentle():
    figure, summary = charts.bounce_back_chart(a.bounce_back_by_quarter([]))
    assert len(figure.data) == 0
    assert summary.startswith("No setbacks to bounce back from yet.")


# --- year in pixels --------------------------------------------------------------------------


def test_mood_calendar_colours_logged_days_and_leaves_the_rest_blank():
    daily = pd.Series(
        [2.0, 4.5, 5.0],
        index=pd.to_datetime(["2024-01-01", "2024-02-29", "2025-03-03"]),
    )
    figure, summary = charts.mood_calendar(daily, 2024)
    [heatmap] = figure.data
    z = np.array(heatmap.z, dtype=float)

    assert z.shape == (12, 31)  # months down, days across
    assert z[0, 0] == 2.0 and z[1, 28] == 4.5
    assert np.isnan(z).sum() == 12 * 31 - 2  # every other day blank, Feb 30 included
    assert list(heatmap.y)[:2] == ["Jan", "Feb"] and list(heatmap.x) == list(range(1, 32))
    assert (heatmap.zmin, heatmap.zmax) == (1, 5)
    assert heatmap.colorscale[0][1] == "#440154"  # viridis: readable with colour blindness
    assert heatmap.text[1][28] == "Thu 29 Feb 2024"
    assert summary.startswith("In 2024 you logged 2 days")

    latest, _ = charts.mood_calendar(daily)
    assert latest.data[0].z[2][2] == 5.0  # the latest year by default: 3 March 2025
    assert charts.calendar_years(daily) == [2025, 2024]


def test_mood_calendar_names_the_brightest_month():
    days = pd.date_range("2024-01-01", "2024-02-29", freq="D")
    daily = pd.Series(np.where(days.month == 2, 4.0, 3.0), index=days)
    assert "Your brightest month was February (average 4.0)." in charts.mood_calendar(daily).summary


# --- habit strength ----------------------------------------------------------------------------


def test_strength_chart_has_one_line_per_habit_in_percent():
    walk = a.habit_strength(a.make_habit(day(0), day(59), done=map(day, range(60))))
    read = a.habit_strength(a.make_habit(day(0), day(59), times=3, per_days=7, done=[day(0)]))
    figure, summary = charts.strength_chart({"Walk": walk, "Read": read})

    assert [t.name for t in figure.data] == ["Walk", "Read"]
    assert len(figure.data[0].y) == 60
    assert figure.data[0].y[-1] == round(walk.iloc[-1] * 100, 1)
    assert figure.data[0].line.color != figure.data[1].line.color
    assert figure.layout.yaxis.ticksuffix == "%"
    assert [s.y0 for s in figure.layout.shapes] == [50, 80]
    assert summary.startswith("Strongest now: Walk at 96%. 1 of 2 are above 50%.")


def test_strength_chart_thins_ten_years_and_keeps_the_latest_value():
    habit = a.make_habit(day(0), day(3649), done=map(day, range(0, 3650, 2)))
    strength = a.habit_strength(habit)
    figure, _ = charts.strength_chart({"Walk": strength})
    line = figure.data[0]
    # No more points than a desktop plot has pixels across; the line ends on "now".
    assert len(line.y) <= charts.PLOT_PIXELS
    assert str(line.x[-1]) == str(day(3649)) and line.y[-1] == round(strength.iloc[-1] * 100, 1)
    # Days more than a year back are weekly means, as on the journey chart.
    xs = pd.DatetimeIndex(line.x)
    older = xs[xs < pd.Timestamp(day(3649 - charts.DAILY_DETAIL_DAYS))]
    assert set(np.diff(older[1:]).astype("timedelta64[D]").astype(int)) == {7}
    week = strength[(strength.index > older[-2]) & (strength.index <= older[-1])]
    assert len(week) == 7
    assert line.y[len(older) - 1] == round(week.mean() * 100, 1)
    # Within the last year, a point for each few days: 10 years over 640 pixels is 6.
    recent = xs[xs >= pd.Timestamp(day(3649 - charts.DAILY_DETAIL_DAYS))]
    assert set(np.diff(recent[:-1]).astype("timedelta64[D]").astype(int)) == {6}


def test_strength_chart_tells_how_to_start():
    figure, summary = charts.strength_chart({})
    assert len(figure.data) == 0 and "rhythm" in summary


def test_every_chart_serialises_for_the_browser():
    daily = series({n: 1 + n % 5 for n in range(40)})
    episodes = a.setback_episodes(daily, as_of=day(40))
    built = [
        charts.journey_chart(daily, a.trend(daily, day(40)), episodes, [], day(40)),
        charts.bounce_back_chart(a.bounce_back_by_quarter(episodes)),
        charts.mood_calendar(daily),
        charts.strength_chart({"Walk": a.habit_strength(a.make_habit(day(0), day(40)))}),
    ]
    for figure, summary in built:
        assert json.loads(figure.to_json())["data"]
        assert summary.endswith(".")


def test_every_chart_passes_plotlys_validation_unchanged():
    # The builders skip plotly's validation for speed (charts._figure); here it runs:
    # a misspelt property raises, and a value plotly would coerce shows up as a change.
    daily = series({n: 1 + n % 5 for n in range(500)})
    episodes = a.setback_episodes(daily, as_of=day(500))
    habit = a.make_habit(day(0), day(500))
    built = [
        charts.journey_chart(daily, a.trend(daily, day(500)), episodes, [day(3)], day(500)),
        charts.bounce_back_chart(a.bounce_back_by_quarter(episodes)),
        charts.bounce_back_chart(a.bounce_back_by_quarter([])),
        charts.mood_calendar(daily),
        charts.strength_chart({"Walk": a.habit_strength(habit)}),
    ]
    for figure, _ in built:
        validated = json.loads(go.Figure(figure.to_dict()).to_json())
        sent = json.loads(figure.to_json())
        # No template is sent (the figures carry their own style); validation spells
        # the empty one out as a bare scatter entry, which styles nothing.
        assert sent["layout"].pop("template") == {}
        assert validated["layout"].pop("template") == {"data": {"scatter": [{"type": "scatter"}]}}
        assert validated == sent


def test_days_older_than_a_year_are_drawn_as_weekly_averages():
    moods = {n: (2 if n % 2 else 4) for n in range(2 * 365)}  # alternating: week mean 3
    figure, summary = charts.journey_chart(
        series(moods), a.trend(series(moods), day(729)), as_of=day(729)
    )
    weekly = trace(figure, "Weekly average (older days)")
    daily = trace(figure, "Daily mood")
    assert len(daily.y) == charts.DAILY_DETAIL_DAYS + 1  # the cutoff day itself, to today
    assert 50 <= len(weekly.y) <= 54
    assert all(2.5 <= y <= 3.5 for y in list(weekly.y)[1:-1])  # a week's mean, not a day
    assert len(trace(figure, "Trend").y) < 365 + 60
    assert "each square before it a week's average" in summary


def test_an_old_journal_keeps_its_latest_year_daily_and_opens_on_it():
    moods = {n: 3 for n in range(400)}  # ends long before "today" (as_of)
    figure, _ = charts.journey_chart(
        series(moods), a.trend(series(moods), day(399)), as_of=day(1200)
    )
    assert len(trace(figure, "Daily mood").y) == charts.DAILY_DETAIL_DAYS + 1
    start, _ = figure.layout.xaxis.range
    assert pd.Timestamp(start) < pd.Timestamp(day(399))  # the entries are in view


def test_the_journey_sentences_can_speak_of_someone_by_name():
    moods = {n: 4 for n in range(10)} | {10: 1, 11: 2}
    daily = series(moods)
    episodes = a.setback_episodes(daily, [], day(14))
    mine = charts.journey_summary(daily, a.trend(daily, day(14)), episodes, [])
    theirs = charts.journey_summary(daily, a.trend(daily, day(14)), episodes, [], about("Sam"))
    assert "your 12 logged days" in mine and "you're finding your way back" in mine
    assert "Sam's 12 logged days" in theirs and "they're finding their way back" in theirs
    assert " you" not in theirs and "your" not in theirs
    one = series({0: 2})
    assert charts.journey_summary(one, a.trend(one, day(0)), [], [], about("Sam")).startswith(
        "The dot is the one day Sam has logged so far."
    )
    empty = pd.Series([], index=pd.DatetimeIndex([]), dtype=float)
    assert charts.journey_summary(empty, a.trend(empty, day(0)), [], [day(0)]).startswith(
        "You noted 1 setback;"
    )


def test_a_dip_that_runs_into_a_long_pause_is_shaded_up_to_the_pause():
    # A setback, then no entries for four months, then back.
    moods = {n: 4 for n in range(20)} | {20: 1} | {140: 4, 141: 4}
    (figure, _), [episode] = journey_of(moods, as_of=141)
    assert episode.recovered == day(140)
    [rect] = [s for s in figure.layout.shapes if s.type == "rect"]
    assert pd.Timestamp(rect.x1) < pd.Timestamp(day(22))  # not across the months away
    texts = [a.text for a in figure.layout.annotations]
    assert texts == ["back after a break"]
