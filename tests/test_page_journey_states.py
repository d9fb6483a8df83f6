"""The Journey page for every history a person brings (tests/journals.py): day one, a few
days, two weeks, a year with a long gap, a journal that ended years ago, ten years.

Each is drawn in days (never hours), framed to the entries, with at most a few setback
labels, and with words that fit: a welcome back for a journal that ended long ago, no
"1 days", no trend line for a handful of days."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from tests.conftest import run_page
from tests.journals import JOURNALS, LONG_AGO_LAST, seed
from tests.test_page_journey import plotly_specs
from tracker import open_store
from tracker.charts import DAY_MS, MAX_SETBACK_LABELS

HOURS = re.compile(r"%[HIMp]")


def _journey_page(app_db, name: str):
    with open_store(app_db) as store:
        person_id, last = seed(store, name)
    at = run_page("journey", person_id=person_id)
    assert not at.exception, at.exception
    return at, last


def _traces(spec: dict) -> dict[str, dict]:
    return {trace.get("name"): trace for trace in spec["data"]}


def _x_days(trace: dict) -> list[pd.Timestamp]:
    return [pd.Timestamp(x) for x in trace["x"] if x is not None]


@pytest.mark.parametrize("name", list(JOURNALS))
def test_every_journal_is_drawn_in_days_and_framed_to_its_entries(app_db, name):
    at, last = _journey_page(app_db, name)
    journey = plotly_specs(at)[0]
    axis = journey["layout"]["xaxis"]
    start, end = (pd.Timestamp(x) for x in axis["range"])
    # The view ends with the last entry (a few hours or days past it), whenever that was.
    assert pd.Timestamp(last) < end <= pd.Timestamp(last) + pd.Timedelta(days=4)
    assert (end - start) >= pd.Timedelta(days=7)
    # Never a time of day: explicit ticks are whole days apart; formats are days or longer.
    if "dtick" in axis:
        assert int(axis["dtick"]) % DAY_MS == 0
    formats = [axis.get("tickformat", "")] + [s["value"] for s in axis.get("tickformatstops", [])]
    assert not any(HOURS.search(f) for f in formats)
    # The dots are all on or before the last entry: nothing is drawn out to today.
    dots = _traces(journey)["Daily mood"]
    assert max(_x_days(dots)) <= pd.Timestamp(last)
    # At most a few upright setback labels; the rest say their words on hover.
    assert len(journey["layout"].get("annotations", [])) <= MAX_SETBACK_LABELS
    # Range buttons only where the entries span more than them.
    span = (pd.Timestamp(last) - min(_x_days(dots))).days
    labels = [b["label"] for b in axis.get("rangeselector", {}).get("buttons", [])]
    if span <= 31:
        assert labels == []
    if span > 366:
        assert labels == ["1M", "3M", "1Y", "All"]
    for spec in plotly_specs(at)[1:]:
        for key in ("xaxis", "yaxis"):
            other = spec["layout"].get(key, {})
            assert not HOURS.search(other.get("tickformat", "")), f"{name}: {key}"
    # "1 days" as its own count; "341 days" is fine.
    assert not re.search(r"(?<![\d,])1 days", " ".join(c.value for c in at.caption))


def test_day_one_draws_the_day_plainly(app_db):
    at, last = _journey_page(app_db, "one_day")
    journey = plotly_specs(at)[0]
    traces = _traces(journey)
    assert "Trend" not in traces  # nothing to smooth yet
    assert traces["Daily mood"]["marker"]["size"] > 6  # a plain, visible dot
    noted = traces["Setback you noted"]
    assert list(noted["y"]) == [0.72]  # under the dot, not on top of it
    assert journey["layout"]["xaxis"]["dtick"] == DAY_MS
    [shade] = [s for s in journey["layout"]["shapes"] if s["type"] == "rect"]
    width = pd.Timestamp(shade["x1"]) - pd.Timestamp(shade["x0"])
    assert width == pd.Timedelta(days=1)  # the whole day, not a giant block
    captions = " ".join(c.value for c in at.caption)
    assert "The dot is the one day you've logged so far." in captions
    assert not at.info  # no welcome back on day one
    assert "If one comes" not in captions  # the setback noted today is not ignored
    assert "You're finding your way back from a setback." in captions


def test_three_days_have_no_trend_line_and_no_range_buttons(app_db):
    at, _ = _journey_page(app_db, "three_days")
    journey = plotly_specs(at)[0]
    assert "Trend" not in _traces(journey)
    assert "rangeselector" not in journey["layout"]["xaxis"]


def test_two_weeks_show_the_limit_in_recovery_words(app_db):
    at, _ = _journey_page(app_db, "two_weeks")
    text = " ".join(m.value for m in at.markdown)
    assert "Drinks, at most 2 a day" in text
    assert "Within your limit" in text
    assert "comeback" not in text.lower()


def test_a_six_month_gap_is_drawn_as_a_gap(app_db):
    at, _ = _journey_page(app_db, "year_with_gap")
    trend = _traces(plotly_specs(at)[0])["Trend"]
    breaks = [i for i, x in enumerate(trend["x"]) if x is None]
    assert len(breaks) == 1
    before, after = (pd.Timestamp(trend["x"][i]) for i in (breaks[0] - 1, breaks[0] + 1))
    assert (after - before).days > 150


def test_a_journal_that_ended_long_ago_is_framed_to_its_years_and_welcomed_back(app_db):
    at, last = _journey_page(app_db, "long_ago")
    assert last == LONG_AGO_LAST
    journey = plotly_specs(at)[0]
    start, end = (pd.Timestamp(x) for x in journey["layout"]["xaxis"]["range"])
    assert start.year == 2019 or start.year == 2020 and end.year == 2020
    [note] = [i.value for i in at.info]
    assert note.startswith("Your last entry was on 31 December 2020")
    assert at.markdown[0].value.startswith("#### Welcome back")  # said once, in the headline
    assert not re.search(r"\b(should|missed|failed|behind)\b", note)
    # The year in pixels offers the journal's own years, never an empty one.
    [year_box] = [s for s in at.selectbox if s.key == "journey_year"]
    assert list(year_box.options) == ["2020", "2019", "2018"]
    # Over a dozen setbacks: only a few labelled, the rest on hover.
    layout = journey["layout"]
    assert len(layout["annotations"]) <= MAX_SETBACK_LABELS
    hover = _traces(journey)["Other setbacks"]
    assert len(hover["x"]) + len(layout["annotations"]) == len(
        [s for s in layout["shapes"] if s["type"] == "rect"]
    )


def test_ten_years_open_on_the_last_year_with_every_range_button(app_db):
    at, last = _journey_page(app_db, "ten_years")
    journey = plotly_specs(at)[0]
    start, end = (pd.Timestamp(x) for x in journey["layout"]["xaxis"]["range"])
    assert 364 <= (end - start).days <= 373  # a year, with 1% of room at each end
    assert last == dt.date.today()
    assert not at.info
