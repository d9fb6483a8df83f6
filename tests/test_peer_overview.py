"""The supporter overview's rows: the trend as marks, kind reasons to reach out, and the
order a supporter would go in."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tracker import analytics
from tracker.peer_overview import ended_row, in_order, person_row, sparkline
from tracker.store import open_store

TODAY = dt.date(2026, 3, 31)


def smoothed(values: dict[int, float]) -> pd.Series:
    """A trend series from {days back: value}."""
    index = pd.DatetimeIndex([pd.Timestamp(TODAY - dt.timedelta(days=b)) for b in values])
    return pd.Series(list(values.values()), index=index).sort_index()


def test_the_sparkline_follows_the_trend_week_by_week():
    rising = smoothed({7 * week: 5 - week * 4 / 7 for week in range(8)})
    assert sparkline(rising, TODAY) == "▁▂▃▄▅▆▇█"
    started_late = smoothed({7: 3.0, 0: 3.0})
    assert sparkline(started_late, TODAY) == "      ▅▅"  # weeks before the first check-in
    assert sparkline(smoothed({}), TODAY) == ""


def journey_of(tmp_path, moods: dict[int, int], setback_back: int | None = None):
    tmp_path.mkdir(exist_ok=True)
    with open_store(tmp_path / "t.db") as store:
        journal = store.journal(store.add_person("Sam").id)
        for back, mood in moods.items():
            journal.add_checkin(TODAY - dt.timedelta(days=back), mood)
        if setback_back is not None:
            journal.add_setback(TODAY - dt.timedelta(days=setback_back), "Hard.")
        return analytics.journey(journal.frames(), TODAY)


def test_a_quiet_week_and_a_setback_come_before_a_good_stretch(tmp_path):
    doing_well = journey_of(tmp_path / "a", {b: 4 for b in range(30, -1, -1)})
    quiet = journey_of(tmp_path / "b", {b: 4 for b in range(30, 7, -1)})
    struggling = journey_of(
        tmp_path / "c", {**{b: 4 for b in range(30, 3, -1)}, 3: 1, 2: 1, 1: 1}, setback_back=3
    )
    rows = [
        person_row(1, "Dana", ["mood"], doing_well, [], None, TODAY),
        person_row(2, "Eli", ["mood"], quiet, [], None, TODAY),
        person_row(3, "Casey", ["mood"], struggling, [], None, TODAY),
        ended_row(4, "Fay"),
    ]
    assert [row.name for row in in_order(rows)] == ["Casey", "Eli", "Dana", "Fay"]
    casey, eli, dana, fay = rows[2], rows[1], rows[0], rows[3]
    assert "finding their way back from a setback" in casey.reasons
    assert casey.setback_words.endswith("finding their way back")
    assert eli.reasons == ("no check-in for 8 days",) and eli.checkin_words.endswith("8 days ago")
    assert dana.reasons == () and dana.checkin_words == "Checked in today"
    assert (fay.active, fay.sparkline, fay.days_since_checkin) == (False, "", None)


def test_a_link_without_mood_shows_no_mood_numbers(tmp_path):
    result = journey_of(tmp_path, {b: 4 for b in range(10, -1, -1)})
    row = person_row(1, "Gus", ["wins"], result, [], None, TODAY)
    assert (row.sparkline, row.days_since_checkin, row.latest_setback) == ("", None, None)
    assert row.reasons == ()
