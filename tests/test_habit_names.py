"""Habits are who they are, not what they are called: a goal and an activity both called
"Walk" stay two lines, told apart, on the Journey, the shared view and the report; and a
habit's name in the strength summary is text, never markdown, on the owner's page and
on the peer's."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from tests.conftest import run_page
from tests.page_charts import figures
from tracker import charts, sharing
from tracker.report import build_report
from ui.text import plain

TODAY = dt.date.today()
MARKDOWN_NAME = "**Walk** [here](http://evil.test) :red[now]"


def two_walks(journal, *, goal_title: str = "Walk") -> None:
    """A goal and a self-care activity of the same name, each logged for ten days."""
    goal = journal.add_goal(goal_title, times=1, per_days=1)
    walk = journal.add_activity("Walk", times=3, per_days=7)
    for back in range(10):
        day = TODAY - dt.timedelta(days=back)
        journal.log_goal(goal.id, day, "done")
        if back % 2:
            journal.log_activity(walk.id, day)
    journal.add_checkin(TODAY, 4)


def strength_lines(at: AppTest) -> list[str]:
    (strength,) = [f for f in figures(at) if f["layout"].get("yaxis", {}).get("ticksuffix") == "%"]
    return [trace["name"] for trace in strength["data"]]


def shared_page(token: str) -> AppTest:
    at = AppTest.from_file("../pages/shared.py", default_timeout=30)
    at.query_params["t"] = token
    return at.run()


def test_a_goal_and_an_activity_of_one_name_are_two_lines_on_the_journey(app_journal):
    two_walks(app_journal)
    at = run_page("journey")
    assert not at.exception
    assert sorted(strength_lines(at)) == ["Walk (activity)", "Walk (goal)"]
    habits = next(m.value for m in at.markdown if "Current run" in m.value)
    assert "**Walk (goal)** · " in habits and "**Walk (activity)** · " in habits


def test_a_goal_and_an_activity_of_one_name_are_two_lines_for_a_peer(app_journal, app_db):
    two_walks(app_journal)
    _, token = sharing.create_share(app_journal, "Jo", ["goals", "selfcare"])
    at = shared_page(token)
    assert not at.exception
    assert sorted(strength_lines(at)) == ["Walk (activity)", "Walk (goal)"]


def test_a_goal_and_an_activity_of_one_name_are_two_lines_in_the_report(journal):
    two_walks(journal)
    page = build_report(journal.frames(), "Alex", ["goals", "selfcare"], None, TODAY, TODAY)
    assert "<strong>Walk (goal)</strong>" in page
    assert "<strong>Walk (activity)</strong>" in page
    assert '"name":"Walk (goal)"' in page and '"name":"Walk (activity)"' in page


def test_habit_names_tell_apart_only_what_is_shared():
    class Habit:
        def __init__(self, key, name):
            self.key, self.name = key, name

    names = charts.habit_names(
        [
            Habit("goal:1", "Walk"),
            Habit("goal:2", "Walk"),
            Habit("activity:3", "Walk"),
            Habit("goal:4", "Read"),
            Habit("activity:5", "Walk (goal 2)"),  # a name typed like a label
        ]
    )
    assert names == {
        "goal:1": "Walk (goal)",
        "goal:2": "Walk (goal 3)",
        "activity:3": "Walk (activity)",
        "goal:4": "Read",
        "activity:5": "Walk (goal 2)",
    }
    assert len(set(names.values())) == len(names)


def strength_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Strongest now:"))


def test_the_strength_summary_shows_a_name_as_typed_on_both_pages(app_journal, app_db):
    goal = app_journal.add_goal(MARKDOWN_NAME, times=1, per_days=1)
    for back in range(10):
        app_journal.log_goal(goal.id, TODAY - dt.timedelta(days=back), "done")
    app_journal.add_checkin(TODAY, 4)
    _, token = sharing.create_share(app_journal, "Jo", ["goals"])
    owner = run_page("journey")
    peer = shared_page(token)
    for at in (owner, peer):
        assert not at.exception
        caption = strength_caption(at)
        assert caption.startswith(f"Strongest now: {plain(MARKDOWN_NAME)} at ")
        assert "**Walk**" not in caption and "[here](" not in caption and ":red[" not in caption
