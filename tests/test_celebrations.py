"""Milestones are celebrated once: a toast the first time, never on reruns."""

import datetime as dt

from tests.conftest import run_page

TODAY = dt.date.today()


def toasts(at) -> list[str]:
    return [t.value for t in at.toast]


def test_a_fresh_milestone_is_celebrated_once_and_stays_in_the_feed(app_journal):
    for offset in range(6, -1, -1):
        app_journal.add_checkin(TODAY - dt.timedelta(days=offset), 4)

    first = run_page("journey")
    week = "A whole week of check-ins. Showing up for yourself counts."
    assert week in toasts(first)
    first.run()
    assert week not in toasts(first)  # a rerun does not repeat it
    assert week not in toasts(run_page("goals"))  # nor does another page
    feed = " ".join(m.value for m in run_page("journey").markdown)
    assert "A whole week of check-ins" in feed.replace("\\", "")


def test_old_milestones_from_an_import_are_recorded_quietly(app_journal):
    long_ago = TODAY - dt.timedelta(days=400)
    for offset in range(30):
        app_journal.add_checkin(long_ago + dt.timedelta(days=offset), 3)

    at = run_page("journey")
    assert toasts(at) == []
    assert {"days_logged:7", "days_logged:30"} <= app_journal.celebrated_keys()
