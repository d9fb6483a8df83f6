"""One builder for what a share shows: the peer's page and the downloaded report show the
same sections, numbers and texts for the same share, because both are drawn from
``sharing.shared_content``."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.page_charts import chart_elements
from tracker import sharing
from tracker.analytics import wins_feed
from tracker.report import build_report
from tracker.voice import about

TODAY = dt.date.today()
SCOPE_CHOICES = [
    ("mood",),
    ("mood", "selfcare"),
    ("goals", "wins"),
    ("mood", "selfcare", "goals", "wins", "notes"),
]


def _two_months(journal) -> None:
    """Nine weeks: daily check-ins (some with notes), a hard patch with a setback written
    down, a walk three times a week, neutral night shifts, a daily reading goal kept most
    days, a limit of at most 2 drinks, and a stretching goal begun yesterday."""
    walk = journal.add_activity("Evening walk", times=3, per_days=7)
    shift = journal.add_activity("Night shift", kind="neutral")
    read = journal.add_goal("Read a chapter", kind="habit", times=1, per_days=1)
    stretch = journal.add_goal("Stretch", kind="habit", times=1, per_days=1)
    drinks = journal.add_goal(
        "Drinks", times=1, per_days=1, unit="drinks", target_type="at_most", target_value=2
    )
    for back in range(63, -1, -1):
        day = TODAY - dt.timedelta(days=back)
        hard = 20 <= back <= 22
        mood = 1 if hard else 3 + (back % 3 == 0) + (back < 30 and back % 2 == 0)
        done = [walk.id] if back % 2 else [shift.id]
        note = f"day {back}: made tea" if back % 9 == 0 else None
        journal.add_checkin(day, min(mood, 5), note, activities=done)
        if back % 7 != 3:
            journal.log_goal(read.id, day, "done")
        journal.log_goal(drinks.id, day, "amount", amount=back % 4)
    journal.add_setback(TODAY - dt.timedelta(days=21), "a rough week", what_helped="my sister")
    journal.log_goal(stretch.id, TODAY - dt.timedelta(days=1), "done")


def _page(token: str) -> AppTest:
    at = AppTest.from_file("../pages/shared.py", default_timeout=30)
    at.query_params["t"] = token
    return at.run()


def _unescaped(text: str) -> str:
    return str(text).replace("\\", "")  # as read: without markdown's escapes


def _page_says(at: AppTest) -> dict:
    subheaders = [h.value for h in at.subheader]
    markdown = [_unescaped(m.value) for m in at.markdown]
    habit_lines = [
        (name, strength, runs)
        for block in markdown
        for name, strength, runs in re.findall(
            r"\*\*(.+?)\*\*(?: · (.+?))?  \n:small\[:gray\[(.+?)\]\]", block
        )
    ]
    bullets = [m[2:] for m in markdown if m.startswith("• ")]
    return {
        # The encouragement form after the sections has a heading of its own.
        "sections": subheaders[: next(i for i, h in enumerate(subheaders) if "Leave" in h)],
        "headline": [m[5:] for m in markdown if m.startswith("#### ")],
        "habits": [(n, s or None, r) for n, s, r in habit_lines],
        "bullets": bullets,
        "wins": [
            text for block in markdown for text in re.findall(r"🎉 \*\*.+?\*\* · (.+)", block)
        ],
        "notes": [t.value for t in at.text],
        "captions": [_unescaped(c.value) for c in at.caption],
        "charts": len(chart_elements(at)),
    }


def _section(document: str, key: str) -> str:
    found = re.search(rf'<section id="{key}">(.*?)</section>', document, re.S)
    return found.group(1) if found else ""


def _report_says(document: str) -> dict:
    def items(key: str) -> list[str]:
        return [html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", _section(document, key))]

    return {
        "sections": [
            html.unescape(h)
            for h in re.findall(r"<h2>(.*?)</h2>", document)
            if h != "How the numbers are computed"
        ],
        "headline": [html.unescape(h) for h in re.findall(r'class="headline">(.*?)</p>', document)],
        "habits": [
            (html.unescape(n), s or None, html.unescape(r))
            for n, s, r in re.findall(
                r'<li><strong>(.*?)</strong>(?: · (.*?))? <span class="quiet">\((.*)\)</span></li>',
                _section(document, "habits"),
            )
        ],
        "selfcare": items("selfcare"),
        "helps": items("helps"),
        "wins": [i.split("</strong> · ", 1)[1] for i in items("wins")],
        "notes": [
            html.unescape(n)
            for n in re.findall(r"<p>(.*?)</p></div>", _section(document, "notes"), re.S)
        ],
        "captions": [
            html.unescape(c) for c in re.findall(r"<figcaption>(.*?)</figcaption>", document)
        ],
    }


@pytest.mark.parametrize("scopes", SCOPE_CHOICES, ids="+".join)
def test_the_shared_page_and_the_report_show_the_same_for_the_same_share(
    app_journal, app_db, scopes
):
    _two_months(app_journal)
    _, token = sharing.create_share(app_journal, "Jordan", scopes)
    frames = app_journal.frames()
    content = sharing.shared_content(frames, scopes, about("Robin"), end=TODAY)
    page = _page_says(_page(token))
    report = _report_says(build_report(frames, "Robin", scopes, None, TODAY, as_of=TODAY))

    titles = [sharing.SECTION_TITLES[key] for key in content.sections]
    assert page["sections"] == report["sections"] == titles
    # Every section a scope allows and nothing else.
    assert ("Mood and setbacks" in titles) == ("mood" in scopes)
    assert ("Habits growing stronger" in titles) == bool({"goals", "selfcare"} & set(scopes))
    assert ("What seems to help" in titles) == bool(content.helps)

    if "mood" in scopes:
        assert page["headline"] == report["headline"] == [content.journey.headline]
        assert "Robin's mood" in content.journey.headline
    else:
        assert page["headline"] == report["headline"] == []

    # Habits: each name, its strength and its runs, in the same words.
    assert page["habits"] == report["habits"] == list(content.habit_lines)
    if "goals" in scopes:
        lines = {name: (strength, runs) for name, strength, runs in content.habit_lines}
        assert lines["Read a chapter"][0].endswith("%")
        assert lines["Stretch"][0] is None  # begun yesterday: no strength yet, in both
        assert lines["Drinks"][1].startswith("Within their limit: ")
    # Told about Robin, never to the reader: a limit is "their limit", not "your limit".
    for _, _, runs in content.habit_lines:
        assert not re.search(r"\b(you|your|log)\b", runs, re.IGNORECASE), runs

    shown_days = [f"{name}: {n} day{'s' if n != 1 else ''}" for name, n in content.selfcare_days]
    assert report["selfcare"] == shown_days
    assert [b for b in page["bullets"] if b in shown_days] == shown_days[:10]
    if "selfcare" in scopes:
        assert [name for name, _ in content.selfcare_days] == ["Evening walk"]  # never shifts
    assert report["helps"] == list(content.helps)
    assert [b for b in page["bullets"] if b in content.helps] == list(content.helps)

    assert report["wins"] == [win.text for win in content.wins]
    assert page["wins"] == [win.text for win in wins_feed(content.wins)]
    if "wins" in scopes:
        assert content.wins  # nine weeks of check-ins have some

    assert report["notes"] == [text for _, text in content.notes]
    assert page["notes"] == [text for _, text in content.notes[:15]]
    if "notes" in scopes:
        assert "What happened: a rough week\nWhat helped: my sister" in page["notes"]
    else:
        assert not content.notes

    # The same charts, saying the same about them.
    summaries = [chart.summary for chart in sharing.shared_charts(content).values()]
    assert page["charts"] == len(content.charts) == len(summaries)
    for summary in summaries:
        assert summary in page["captions"] and summary in report["captions"]


def test_a_report_of_a_window_counts_from_the_whole_journal_like_the_page_did_that_day(
    app_journal, app_db
):
    """The report of the first four weeks says what the shared page said on their last
    day: the builder's numbers for a window are those of the whole journal up to it."""
    _two_months(app_journal)
    frames = app_journal.frames()
    scopes = ("mood", "selfcare", "goals", "wins")
    end = TODAY - dt.timedelta(days=36)
    window = sharing.shared_content(frames, scopes, about("Robin"), None, end, as_of=TODAY)
    that_day = sharing.shared_content(frames, scopes, about("Robin"), end=end, as_of=end)
    assert window.start == that_day.start == TODAY - dt.timedelta(days=63)
    assert window.journey.headline == that_day.journey.headline
    assert window.habit_lines == that_day.habit_lines
    assert window.selfcare_days == that_day.selfcare_days
    assert [w.text for w in window.wins] == [w.text for w in that_day.wins]
