"""Every count the app prints reads right: "1 day", "2 days", "1 setback note"."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from tests.conftest import run_page
from tracker import analytics, charts
from tracker.importers import apply_import, preview_daylio
from tracker.words import amount, count, plural

TODAY = dt.date.today()


@pytest.mark.parametrize(
    ("number", "word", "expected"),
    [
        (0, "day", "0 days"),
        (1, "day", "1 day"),
        (2, "day", "2 days"),
        (1, "setback note", "1 setback note"),
        (3, "setback note", "3 setback notes"),
        (1, "check-in", "1 check-in"),
        (2, "check-in", "2 check-ins"),
        (2, "entry", "2 entries"),
        (1_234, "logged day", "1,234 logged days"),
    ],
)
def test_count_reads_right(number, word, expected):
    assert count(number, word) == expected


@pytest.mark.parametrize(
    ("number", "unit", "expected"),
    [
        (1, "drinks", "1 drink"),
        (2, "drinks", "2 drinks"),
        (1, "glasses", "1 glass"),
        (1, "minutes", "1 minute"),
        (20, "minutes", "20 minutes"),
        (1, "km", "1 km"),
        (1.5, "hours", "1.5 hours"),
        (3, None, "3"),
    ],
)
def test_an_amount_in_the_persons_unit_reads_right(number, unit, expected):
    assert amount(number, unit) == expected


def test_a_days_goal_amount_of_one_reads_right(journal):
    goal = journal.add_goal(
        "Drinks", times=1, per_days=1, unit="drinks", target_type="at_most", target_value=2
    )
    journal.log_goal(goal.id, TODAY, "amount", amount=1)
    assert journal.days_details([TODAY])[TODAY].goals == ["Drinks: 1 drink"]


def test_plural_only_changes_the_last_word():
    assert plural("self-care moment", 2) == "self-care moments"
    assert plural("self-care moment", 1) == "self-care moment"


def _daily(days: int) -> pd.Series:
    index = pd.DatetimeIndex([pd.Timestamp(TODAY) - pd.Timedelta(days=n) for n in range(days)])
    return pd.Series(3.0, index=index.sort_values())


def test_chart_summaries_count_one_day_and_one_setback(journal):
    one = _daily(1)
    text = charts.journey_summary(one, analytics.trend(one, TODAY), [], [])
    assert "1 logged days" not in text and "the one day you've logged so far" in text
    empty = pd.Series(dtype=float, index=pd.DatetimeIndex([]))
    text = charts.journey_summary(empty, analytics.trend(empty, TODAY), [], [TODAY])
    assert "You noted 1 setback;" in text
    assert "you logged 1 day;" in charts.calendar_summary(one, TODAY.year)
    assert "you logged 2 days;" in charts.calendar_summary(_daily(2), TODAY.year) or (
        TODAY.month == 1 and TODAY.day == 1  # the second day fell in last year
    )


def test_an_import_preview_counts_one_check_in_right(journal):
    csv = (
        "full_date,date,weekday,time,mood,activities,note\n"
        "2024-03-01,March 1,Friday,20:00,good,,hi\n"
    )
    first = preview_daylio(csv, journal)
    assert "holds 1 check-in." in first.summary()
    apply_import(journal, first)
    again = preview_daylio(csv, journal)
    assert "1 check-in is already in your journal." in again.summary()


def test_pages_count_one_right(app_journal):
    walk = app_journal.add_activity("Walk", category="body")
    app_journal.add_checkin(TODAY, 4, "x", activities=[walk.id])
    app_journal.add_setback(TODAY, "A hard day")
    selfcare = run_page("selfcare")
    captions = [c.value for c in selfcare.caption]
    assert any("1 self-care moment in the last 7 days." in c for c in captions), captions
    assert any("(1 time)" in c for c in captions), captions
    today = run_page("today")
    assert any(b.label.endswith("(1 check-in)") for b in today.button)
    journal = run_page("journal")
    assert "1 check-in on 1 day." in [c.value for c in journal.caption]
    journal.segmented_control(key="journal_section").set_value("Setbacks").run()
    assert any(c.value.startswith("1 setback note.") for c in journal.caption)


def test_the_command_line_says_one_year_of_demo_entries(tmp_path):
    from click.testing import CliRunner

    from tracker.cli import main

    result = CliRunner().invoke(main, ["--db", str(tmp_path / "t.db"), "demo", "--years", "1"])
    assert result.exit_code == 0, result.output
    assert "with 1 year of entries." in result.output


def test_a_self_care_rhythm_of_once_a_day_reads_right(app_journal):
    app_journal.add_activity("Stretch", times=1, per_days=1)
    at = run_page("selfcare")
    shown = " ".join(str(e.value) for e in [*at.markdown, *at.caption])
    assert "1× in 1 day" in shown
    assert not re.search(r"(?<![\d,])1 days", shown)  # "1 days" alone; "11 days" is fine
