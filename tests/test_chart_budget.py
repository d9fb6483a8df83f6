"""Every figure the app draws, built on every test journal (tests/journals.py) and on ten
years of demo data with habits: the small plotly.js bundle the app serves can draw
each of them, and none carries more points than a chart's pixels can show (issue 16).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.journals import JOURNALS, seed
from tracker import analytics, charts, plotly_bundle, sharing
from tracker.demo import create_demo_person
from tracker.voice import about

TODAY = dt.date(2026, 6, 15)
HISTORIES = [*JOURNALS, "demo_ten_years"]


def every_figure(store, name: str) -> dict[str, charts.Chart]:
    """The figures the app makes for this history: the Journey's (and the shared view's,
    in a peer's voice), a year in pixels for every year, the self-care balance."""
    if name == "demo_ten_years":
        journal = create_demo_person(store, years=10, today=TODAY)
    else:
        journal = store.journal(seed(store, name, TODAY)[0])
    frames = journal.frames()
    result = analytics.journey(frames, TODAY)
    built = dict(charts.journey_figures(result))
    shared = sharing.shared_content(frames, sharing.SCOPES, about("Sam"), end=TODAY, as_of=TODAY)
    built.update({f"shared {key}": chart for key, chart in sharing.shared_charts(shared).items()})
    for year in charts.calendar_years(result.daily):
        built[f"calendar {year}"] = charts.mood_calendar(result.daily, year)
    built["balance"] = charts.balance_chart(analytics.category_balance(frames, TODAY))
    return built


def points_in_view(figure, trace) -> int:
    """How many points of ``trace`` the chart shows when it opens: those inside the
    x-axis range it opens on (all of them when it sets none); a heatmap's columns."""
    if trace.type == "heatmap":
        return len(trace.x)
    xs = [x for x in trace.x if x is not None]
    view = figure.layout.xaxis.range
    if view is None or figure.layout.xaxis.type != "date":
        return len(xs)
    start, end = (pd.Timestamp(edge) for edge in view)
    return sum(start <= pd.Timestamp(x) <= end for x in xs)


@pytest.mark.parametrize("name", HISTORIES)
def test_every_figure_is_drawable_by_the_small_bundle_and_light(store, name):
    figures = every_figure(store, name)
    assert plotly_bundle.unsupported_traces([c.figure for c in figures.values()]) == set()
    for key, (figure, summary) in figures.items():
        assert summary.strip(), f"{name}: {key} has a summary to show beside it"
        for trace in figure.data:
            shown = points_in_view(figure, trace)
            assert shown <= charts.PLOT_PIXELS, (
                f"{name}: {key}'s {trace.name!r} opens with {shown} points, more than a "
                f"{charts.PLOT_PIXELS} px plot can show"
            )


def test_ten_years_of_habits_stay_within_the_pixels(store):
    figures = every_figure(store, "demo_ten_years")
    strength = figures["strength"].figure
    assert len(strength.data) >= 5  # the demo's habits, each a line over ten years
    first = min(pd.Timestamp(trace.x[0]) for trace in strength.data)
    assert (TODAY - first.date()).days > 9 * 365
    for trace in strength.data:
        assert 52 * 9 <= len(trace.x) <= charts.PLOT_PIXELS  # a point a week, at least
    journey = figures["journey"].figure
    weekly = next(t for t in journey.data if t.name == "Weekly average (older days)")
    daily = next(t for t in journey.data if t.name == "Daily mood")
    assert len(daily.x) <= 366 and 52 * 8 <= len(weekly.x) <= 53 * 10
