"""The report shows the app's numbers: for several windows, what it says equals what the
app computes on the window's last day from the whole journal. And it is small, one file,
drawn by the small plotly.js bundle."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from html.parser import HTMLParser

import numpy as np
import pytest

from tracker import analytics, plotly_bundle
from tracker.report import build_report
from tracker.voice import about

START = dt.date(2025, 1, 1)
MADE_ON = dt.date(2025, 12, 31)
WALK = "Evening walk"
READ = "Read a chapter"
# (first day, last day) of the windows checked: late in a long run, across a gap and a
# setback, a single week, and the whole year.
WINDOWS = [
    (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    (dt.date(2025, 5, 20), dt.date(2025, 7, 10)),
    (dt.date(2025, 9, 1), dt.date(2025, 9, 7)),
    (START, MADE_ON),
]


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    """A year: daily check-ins with a three-week gap in June, two hard stretches (one
    noted as a setback), a daily reading goal kept most days, a walk 3 times a week, and a
    one-off goal achieved in March."""
    from tracker.store import open_store

    with open_store(tmp_path_factory.mktemp("numbers") / "t.db") as store:
        journal = store.journal(store.add_person("Sam").id)
        with store.transaction():
            walk = journal.add_activity(WALK, times=3, per_days=7).id
            read = journal.add_goal(READ, kind="habit", times=1, per_days=1).id
            day = START
            while day <= MADE_ON:
                n = (day - START).days
                gap = dt.date(2025, 6, 1) <= day <= dt.date(2025, 6, 21)
                if not gap:
                    hard = dt.date(2025, 4, 10) <= day <= dt.date(2025, 4, 13) or (
                        dt.date(2025, 9, 3) <= day <= dt.date(2025, 9, 5)
                    )
                    mood = 1 if hard else 3 + (n % 3 == 0) + (n > 200 and n % 2 == 0)
                    journal.add_checkin(day, min(mood, 5))
                    if n % 7 not in (1, 4):
                        journal.log_goal(read, day, "done")
                    if n % 2 == 0:
                        journal.log_activity(walk, day)
                day += dt.timedelta(days=1)
            journal.add_setback(dt.date(2025, 9, 3), "A hard week at work.")
            pottery = journal.add_goal("Sign up for pottery", kind="oneoff")
            journal.set_goal_status(pottery.id, "achieved", on=dt.date(2025, 3, 12))
        return journal.frames()


class Report(HTMLParser):
    """A report's visible text, its list items and its figures' data."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.items: list[str] = []
        self.text: list[str] = []
        self._item: list[str] | None = None
        self._script = False
        self.feed(document)

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self._item = []
        self._script = tag in ("script", "style")

    def handle_endtag(self, tag):
        if tag == "li" and self._item is not None:
            self.items.append("".join(self._item).strip())
            self._item = None
        self._script = False

    def handle_data(self, data):
        if not self._script:
            self.text.append(data)
            if self._item is not None:
                self._item.append(data)

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())

    def traces(self) -> list[dict]:
        found = []
        decoder = json.JSONDecoder()
        for match in re.finditer(r'Plotly\.newPlot\(\s*"chart-\d+",\s*', self.document):
            data, _ = decoder.raw_decode(self.document, match.end())
            found.extend(data)
        return found

    def trace(self, name: str) -> tuple[list[str], np.ndarray]:
        [found] = [t for t in self.traces() if t.get("name") == name]
        # A long pause is drawn as a gap: a point without a day breaks the line.
        xs, ys = list(found["x"]), values(found["y"])
        drawn = [i for i, x in enumerate(xs) if x is not None]
        return [xs[i] for i in drawn], ys[drawn]


def values(data) -> np.ndarray:
    if isinstance(data, dict):  # plotly sends numbers as typed arrays
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"]))
    return np.asarray(data, dtype=float)


def days_in(series, start, end) -> list[str]:
    return [d.date().isoformat() for d in series.index if start <= d.date() <= end]


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_the_report_shows_the_apps_numbers_on_each_day_of_any_window(frames, start, end):
    app = analytics.journey(frames, end)  # the app on the window's last day
    app_as_sam = analytics.journey(frames, end, about("Sam"))
    report = Report(
        build_report(frames, "Sam", ["mood", "goals", "selfcare", "wins"], start, end, MADE_ON)
    )

    # The headline is the app's, about Sam, with the same numbers as the owner reads.
    assert app_as_sam.headline in report.visible
    assert re.findall(r"\d+(?:\.\d+)?", app_as_sam.headline) == re.findall(
        r"\d+(?:\.\d+)?", app.headline
    )
    logged = len([d for d in app.daily.index if start <= d.date() <= end])
    assert f"Sam checking in on {logged} day" in report.visible

    # Mood and trend on each day shown are the app's on that day.
    x, y = report.trace("Daily mood")
    assert x == days_in(app.daily, start, end)
    window = app.daily[[d.isoformat() for d in map(dt.date.fromisoformat, x)]]
    assert np.allclose(y, window.to_numpy().round(2))
    x, y = report.trace("Trend")
    smoothed = app.trend.smoothed
    assert x == days_in(smoothed, start, end)
    assert np.allclose(y, smoothed[x].to_numpy().round(2))

    # Each habit: strength on each day is the app's, and so are today's strength and runs.
    for habit in app.habits:
        x, y = report.trace(habit.name)
        assert x[0] == max(start, habit.strength.index[0].date()).isoformat()
        assert x[-1] == end.isoformat()
        step = 1 if len(x) == len(days_in(habit.strength, start, end)) else None
        assert step == 1  # a year or less: every day drawn
        assert np.allclose(y, (habit.strength[x].to_numpy() * 100).round(1))
        line = f"{habit.name} · {habit.strength_now:.0%} ({analytics.describe_runs(habit.runs)})"
        assert line in report.items

    # Small wins: exactly the app's that happened in the window, each on its own day.
    expected = sorted(
        (w for w in app_as_sam.wins if start <= w.day <= end), key=lambda w: (w.day, w.key)
    )
    shown = [item for item in report.items if re.match(r"\d+ \w{3} \d{4} · ", item)]
    assert shown == [f"{w.day.day} {w.day:%b %Y} · {w.text}" for w in reversed(expected)]


def test_a_win_before_the_window_is_not_invented_inside_it(frames):
    march = Report(
        build_report(frames, "Sam", ["wins"], dt.date(2025, 3, 1), dt.date(2025, 3, 31), MADE_ON)
    )
    assert "week of check-ins" not in march.visible and "30 days logged" not in march.visible
    assert "Sam achieved “Sign up for pottery”" in march.visible  # 12 March: inside


def test_the_report_says_what_it_covers_and_how_numbers_are_computed(frames):
    report = Report(
        build_report(
            frames,
            "Sam",
            ["mood", "goals", "wins"],
            dt.date(2025, 3, 1),
            dt.date(2025, 3, 31),
            MADE_ON,
        )
    )
    assert "It covers 1 Mar 2025 to 31 Mar 2025 (31 days)" in report.visible
    assert "worked out from the whole journal up to 31 Mar 2025" in report.visible
    assert "How the numbers are computed" in report.visible
    for term in (
        "Daily mood",
        "Trend",
        "Setbacks and bouncing back",
        "Habit strength",
        "Runs",
        "Small wins",
    ):
        assert f"<dt>{term}</dt>" in report.document
    assert "What seems to help" not in report.visible  # not a section of this report


def test_a_year_is_one_small_file_drawn_by_the_small_bundle(frames, monkeypatch):
    from tracker import report as report_module

    figures: list = []
    real = report_module._Figures.figure

    def keep(self, chart, **kwargs):
        figures.append(chart.figure)
        return real(self, chart, **kwargs)

    monkeypatch.setattr(report_module._Figures, "figure", keep)
    document = build_report(
        frames, "Sam", ["mood", "goals", "selfcare", "wins"], START, MADE_ON, MADE_ON
    )
    assert plotly_bundle.plotly_js().partial, "`make plotly-bundle` builds it (with npm)"
    assert len(document.encode()) < 2.5 * 1024 * 1024
    assert len(figures) >= 4
    assert plotly_bundle.unsupported_traces(figures) == set()
    assert {"scatter", "bar", "heatmap"} <= {t.type for f in figures for t in f.data}


def test_without_the_built_bundle_the_report_still_works_with_a_notice(
    frames, monkeypatch, tmp_path, capsys
):
    from plotly.offline import get_plotlyjs

    monkeypatch.setattr(plotly_bundle, "PARTIAL_PATH", tmp_path / "missing.js")
    plotly_bundle._notice_full_bundle.cache_clear()
    document = build_report(
        frames, "Sam", ["mood"], dt.date(2025, 3, 1), dt.date(2025, 3, 31), MADE_ON
    )
    assert get_plotlyjs() in document
    assert "missing.js is missing" in capsys.readouterr().err
