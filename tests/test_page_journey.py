"""The Journey page under AppTest: charts placed with their summaries, warm headline."""

import base64
import datetime as dt

import numpy as np

from tests.conftest import run_page
from tests.page_charts import figures
from tracker.demo import create_demo_person


def values(array):
    """Plotly sends numeric arrays base64-encoded ({"dtype", "bdata"}); read them back."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def plotly_specs(at):
    return figures(at)


def test_an_empty_journal_points_to_today(app_journal):
    at = run_page("journey")
    assert not at.exception
    assert any("Check in on the Today page" in i.value for i in at.info)
    assert plotly_specs(at) == []


def test_a_year_of_entries_draws_every_chart_with_a_summary(app_db):
    from tracker import open_store

    with open_store(app_db) as store:
        create_demo_person(store, years=1)
    at = run_page("journey")

    assert not at.exception
    specs = plotly_specs(at)
    assert len(specs) == 4  # mood journey, bounce-back, year in pixels, strength
    journey = specs[0]
    shaded = [s for s in journey["layout"].get("shapes", []) if s.get("type") == "rect"]
    assert shaded, "setback episodes are shaded on the main chart"
    headline = at.markdown[0].value
    assert headline.startswith("#### Over the last")
    captions = " ".join(c.value for c in at.caption)
    assert "logged days" in captions and "setback" in captions


def test_a_check_in_shows_up_on_the_journey(app_journal):
    app_journal.add_checkin(dt.date.today() - dt.timedelta(days=1), 2)
    app_journal.add_checkin(dt.date.today(), 5)
    at = run_page("journey")
    journey = plotly_specs(at)[0]
    daily = next(trace for trace in journey["data"] if trace.get("name") == "Daily mood")
    assert values(daily["y"]) == [2, 5]


def test_an_entry_written_elsewhere_shows_on_the_next_run(app_journal):
    # Another process (a second server worker, the command line, an import) writes; the
    # page's cached numbers must not hide it.
    app_journal.add_checkin(dt.date.today() - dt.timedelta(days=1), 2)
    at = run_page("journey")
    app_journal.add_checkin(dt.date.today(), 5)  # its own connection, not the page's
    at.run()
    journey = plotly_specs(at)[0]
    daily = next(trace for trace in journey["data"] if trace.get("name") == "Daily mood")
    assert values(daily["y"]) == [2, 5]


def test_a_check_in_alone_leaves_the_long_logs_unread_and_a_logged_walk_shows(
    app_journal, monkeypatch
):
    from tracker.store import Journal

    walk = app_journal.add_activity("Walk", times=3, per_days=7)
    # Logged three days ago: old enough to have a strength (not "just started").
    app_journal.log_activity(walk.id, dt.date.today() - dt.timedelta(days=3))
    app_journal.add_checkin(dt.date.today() - dt.timedelta(days=1), 3)
    reads: list[str] = []
    real = Journal.log_frame
    monkeypatch.setattr(
        Journal, "log_frame", lambda self, table: reads.append(table) or real(self, table)
    )
    at = run_page("journey")
    assert sorted(reads) == ["activity_logs", "goal_logs"]

    reads.clear()
    app_journal.add_checkin(dt.date.today(), 5)
    at.run()
    assert reads == []  # the logs didn't change: their frames are reused...
    daily = next(t for t in plotly_specs(at)[0]["data"] if t.get("name") == "Daily mood")
    assert values(daily["y"]) == [3, 5]  # ...and the new check-in is there

    app_journal.log_activity(walk.id, dt.date.today())
    at.run()
    assert reads == ["activity_logs"]  # only the table that changed is read again
    strength = plotly_specs(at)[3]
    assert values(strength["data"][0]["y"])[-1] > values(strength["data"][0]["y"])[-2]


def test_each_habit_shows_its_strength_and_runs_and_a_typed_name_stays_text(app_journal):
    goal = app_journal.add_goal("Walk *daily* [here](http://x)", times=1, per_days=1)
    for back in range(10):
        app_journal.log_goal(goal.id, dt.date.today() - dt.timedelta(days=back), "done")
    app_journal.add_checkin(dt.date.today(), 4)
    at = run_page("journey")

    assert not at.exception
    habits = next(m.value for m in at.markdown if "Current run" in m.value)
    # The name is escaped markdown: shown as typed, never a link or emphasis.
    assert "**Walk \\*daily\\* \\[here\\](http:\u2060//x)** · " in habits  # no link, no bold
    assert "Current run: 10 days" in habits
