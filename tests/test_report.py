"""The downloadable report: one self-contained HTML file with only the chosen sections
and dates, every written word escaped, and the ``report html`` command."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from html.parser import HTMLParser

import pandas as pd
import plotly.graph_objects as go
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import charts
from tracker.cli import main
from tracker.errors import InvalidEntry
from tracker.frames import JournalFrames
from tracker.plotly_bundle import plotly_js
from tracker.report import _Figures, build_report, report_dates, report_filename
from tracker.sharing import DEFAULT_SCOPES, SCOPES

FIRST = dt.date(2025, 1, 1)
LAST = dt.date(2025, 3, 31)
AS_OF = dt.date(2025, 4, 15)
JAN_NOTE = "January felt heavy, but I kept going."
MARCH_NOTE = "March: the walks are really helping."
REFLECTION = "Lost my temper at work."
WHY = "Books calm me down."
# Words that appear nowhere in plotly.js, so their absence from a file means something.
WALK = "Sunset stroll"
READ = "Bedtime chapters"
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
]


def fill(
    journal,
    *,
    walk: str = WALK,
    read: str = READ,
    jan_note: str = JAN_NOTE,
    march_note: str = MARCH_NOTE,
    reflection: str = REFLECTION,
) -> None:
    """Daily check-ins from January to March 2025, a walk every other day (3 a week),
    a daily reading goal with most days done, one setback in February, two notes."""
    with journal.store.transaction():
        walk_id = journal.add_activity(walk, times=3, per_days=7).id
        read_id = journal.add_goal(read, why=WHY, kind="habit", times=1, per_days=1).id
        day = FIRST
        while day <= LAST:
            number = (day - FIRST).days
            mood = 2 if dt.date(2025, 2, 10) <= day <= dt.date(2025, 2, 12) else 3 + number % 2
            note = {dt.date(2025, 1, 10): jan_note, dt.date(2025, 3, 15): march_note}.get(day)
            journal.add_checkin(day, mood, note)
            if number % 2 == 0:
                journal.log_activity(walk_id, day)
            if number % 5:
                journal.log_goal(read_id, day, "done")
            day += dt.timedelta(days=1)
        journal.add_setback(dt.date(2025, 2, 10), reflection, "A long walk.", "Breathe first.")


@pytest.fixture
def frames(journal) -> JournalFrames:
    fill(journal)
    return journal.frames()


def report(frames, scopes=DEFAULT_SCOPES, start=FIRST, end=LAST, name="Alex") -> str:
    return build_report(frames, name, scopes, start, end, as_of=AS_OF)


class Page(HTMLParser):
    """The elements of a document and the text a reader sees (outside scripts and styles)."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._inside: str | None = None
        self.feed(document)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._inside = tag

    def handle_endtag(self, tag):
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data):
        {"script": self.scripts, "style": self.styles}.get(self._inside, self.text).append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)

    def section_ids(self) -> set[str]:
        """The sections shown, besides the legend every report ends with."""
        ids = {dict(attrs).get("id") for tag, attrs in self.tags if tag == "section"}
        return ids - {"legend"}


# --- sections and scopes ------------------------------------------------------------------


def test_the_default_report_shows_the_charts_and_lists_but_no_private_words(frames):
    page = Page(report(frames))
    assert page.section_ids() == {"mood", "habits", "selfcare", "helps", "wins"}
    assert "Alex's journey, 1 Jan 2025 to 31 Mar 2025" in page.visible
    assert "Made on 15 Apr 2025" in page.visible
    assert "Alex chose to share this report" in page.visible
    for private in (JAN_NOTE, MARCH_NOTE, REFLECTION, "A long walk.", "Breathe first.", WHY):
        assert private not in page.visible
        assert html.escape(private) not in "".join(page.scripts)
    # Each chart comes with its summary in words.
    figures = [attrs for tag, attrs in page.tags if tag == "figure"]
    captions = [tag for tag, _ in page.tags if tag == "figcaption"]
    assert figures and len(captions) == len(figures)
    assert "Each dot is one of Alex's 90 logged days." in page.visible
    assert "your" not in page.visible.replace("Please treat it", "")  # about Alex, to a peer


def test_notes_and_reflections_appear_only_when_chosen(frames):
    without = Page(report(frames, ("mood", "goals")))
    with_notes = Page(report(frames, ("mood", "goals", "notes")))
    assert "notes" not in without.section_ids()
    assert "notes" in with_notes.section_ids()
    for text in (JAN_NOTE, MARCH_NOTE, REFLECTION, "A long walk.", "Breathe first."):
        assert text not in without.visible
        assert text in with_notes.visible
    # Newest first, like the shared view.
    assert with_notes.visible.index(MARCH_NOTE) < with_notes.visible.index(JAN_NOTE)


@pytest.mark.parametrize(
    ("scope", "shown", "hidden"),
    [
        ("mood", {"Daily mood", "Year in pixels"}, {WALK, READ}),
        ("selfcare", {WALK}, {READ, "Daily mood", "Year in pixels"}),
        ("goals", {READ}, {WALK, "Daily mood", "Year in pixels"}),
    ],
)
def test_one_section_shows_only_its_own_things(frames, scope, shown, hidden):
    document = report(frames, [scope])
    page = Page(document)
    expected = {"mood": {"mood"}, "selfcare": {"habits", "selfcare"}, "goals": {"habits"}}
    assert page.section_ids() == expected[scope]
    for word in shown:
        assert word in document
    for word in hidden:  # not in the text, nor in any figure's data
        assert word not in document


def test_small_wins_alone_need_no_charts_and_no_plotly(frames):
    document = report(frames, ["wins"])
    page = Page(document)
    assert page.section_ids() == {"wins"}
    assert "A whole week of check-ins" in page.visible
    assert not [tag for tag, _ in page.tags if tag == "script"]
    assert JAN_NOTE not in document


def test_notes_need_mood_or_goals_and_unknown_sections_are_refused(frames):
    with pytest.raises(InvalidEntry, match="Notes are shown alongside"):
        report(frames, ["notes"])
    with pytest.raises(InvalidEntry, match="at least one"):
        report(frames, [])
    with pytest.raises(InvalidEntry, match="isn't something"):
        report(frames, ["mood", "passwords"])


# --- dates ---------------------------------------------------------------------------------


def test_only_the_chosen_dates_are_shown_and_counted(frames):
    march = Page(report(frames, ("mood", "wins", "notes"), dt.date(2025, 3, 1), LAST))
    assert "Alex's journey, 1 Mar 2025 to 31 Mar 2025" in march.visible
    assert MARCH_NOTE in march.visible
    assert JAN_NOTE not in march.visible and REFLECTION not in march.visible
    assert "Each dot is one of Alex's 31 logged days." in march.visible
    # Wins happened when they happened: the first week ended on 7 January, not in March.
    assert "A whole week of check-ins" not in march.visible
    assert "7 Jan 2025 · A whole week of check-ins" in Page(report(frames, ("wins",))).visible
    assert "Jan 2025" not in march.visible
    # The February setback is outside March: no setback marks in the chart either.
    assert "Setback they noted" not in "".join(march.scripts)
    assert "Setback they noted" in "".join(Page(report(frames, ("mood",))).scripts)


def test_habit_strength_keeps_growing_from_before_the_range(frames):
    whole = report(frames, ("selfcare",))
    late = report(frames, ("selfcare",), dt.date(2025, 3, 20), LAST)
    # 12 days of a walk begun in January: as strong as in the whole report, not young again.
    young = int(re.search(rf"<strong>{WALK}</strong> · (\d+)%", late).group(1))
    grown = int(re.search(rf"<strong>{WALK}</strong> · (\d+)%", whole).group(1))
    assert young == grown > 50
    assert f"{WALK}: 6 days" in Page(late).visible


def test_goals_show_as_they_were_in_those_dates(journal):
    fill(journal)
    pottery = journal.add_goal("Sign up for pottery", kind="oneoff")
    journal.set_goal_status(pottery.id, "achieved", on=dt.date(2025, 1, 20))
    journal.add_goal("Learn the guitar", kind="habit", times=2, per_days=7)  # made later
    frames = journal.frames()
    # A goal made today, with nothing logged back then, didn't exist in 2025.
    assert "Learn the guitar" not in report(frames, ("goals",))
    # An achievement counts as a win only in a range that holds its day.
    achieved = "Alex achieved “Sign up for pottery”"
    assert achieved in Page(report(frames, ("wins",))).visible
    assert achieved not in Page(report(frames, ("wins",), dt.date(2025, 3, 1), LAST)).visible
    # A goal set before the range starts its line on the range's first day.
    goals = frames.goals.copy()
    goals["created"] = pd.Timestamp("2024-12-01 09:00")
    older = dataclasses.replace(frames, goals=goals)
    march = report(older, ("goals",), dt.date(2025, 3, 1), LAST)
    assert f'"name":"{READ}","x":["2025-03-01",' in march


def test_dates_default_to_the_first_entry_and_the_day_it_is_made(frames):
    assert report_dates(frames, DEFAULT_SCOPES, None, None, AS_OF) == (FIRST, AS_OF)
    page = Page(build_report(frames, "Alex", DEFAULT_SCOPES, None, None, as_of=AS_OF))
    assert "Alex's journey, 1 Jan 2025 to 15 Apr 2025" in page.visible
    # An end after the day it is made stops at that day.
    assert report_dates(frames, ["mood"], None, dt.date(2030, 1, 1), AS_OF)[1] == AS_OF
    # An end before the first entry gives that one quiet day, not an error.
    before = dt.date(2024, 12, 31)
    assert report_dates(frames, ["mood"], None, before, AS_OF) == (before, before)


def test_a_start_after_the_end_is_refused_kindly(frames):
    with pytest.raises(InvalidEntry, match="Please pick a start on or before the end"):
        report(frames, start=dt.date(2025, 3, 2), end=dt.date(2025, 3, 1))


def test_an_empty_journal_gives_a_calm_report(journal):
    page = Page(report(journal.frames(), DEFAULT_SCOPES, None, None))
    assert "Alex's journey, 15 Apr 2025 to 15 Apr 2025" in page.visible
    assert "No check-ins in these dates." in page.visible
    assert "No small wins in these dates yet." in page.visible


# --- self-contained ------------------------------------------------------------------------

LOADING_ATTRIBUTES = {"src", "href", "srcset", "data", "action", "poster", "background"}


def test_the_file_opens_without_any_network(frames):
    document = report(frames, list(SCOPES))
    page = Page(document)
    for tag, attrs in page.tags:
        assert tag not in {"link", "img", "iframe", "object", "embed", "base"}
        for name, value in attrs:
            assert name not in LOADING_ATTRIBUTES, (tag, name, value)
    assert not [attrs for tag, attrs in page.tags if tag == "script" and attrs]
    for style in page.styles:
        assert "url(" not in style and "@import" not in style
    # plotly.js is embedded, once, however many charts there are.
    bundle = plotly_js().text
    assert sum(script == bundle for script in page.scripts) == 1
    assert sum(tag == "figure" for tag, _ in page.tags) >= 4
    # And the browser is told to load nothing from anywhere.
    policy = next(
        dict(attrs)["content"]
        for tag, attrs in page.tags
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in policy


def test_the_same_journal_gives_the_same_file(frames):
    assert report(frames) == report(frames)


# --- escaping ------------------------------------------------------------------------------


def structure(document: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    return Page(document).tags


@pytest.mark.parametrize("hostile", HOSTILE)
def test_words_people_wrote_are_shown_as_text_never_as_markup(store, hostile):
    plain = store.journal(store.add_person("Plain").id)
    fill(plain)
    person = store.add_person(hostile)
    odd = store.journal(person.id)
    fill(
        odd,
        walk=f"{hostile} walk",
        read=f"{hostile} read",
        jan_note=f"{hostile} jan",
        march_note=f"{hostile} march",
        reflection=f"{hostile} setback",
    )
    scopes = list(SCOPES)
    document = report(odd.frames(), scopes, name=person.name)
    assert hostile not in document
    assert html.escape(hostile) in document
    page = Page(document)
    for suffix in ("walk", "read", "jan", "march", "setback"):
        assert f"{hostile} {suffix}" in page.visible
    assert f"{hostile}'s journey" in page.visible
    # The document has exactly the elements of the plain one: nothing became a tag.
    assert structure(document) == structure(report(plain.frames(), scopes, name="Plain"))


def test_a_name_in_a_chart_cannot_close_its_script(store):
    name = "</script><script>alert(1)</script>"
    journal = store.journal(store.add_person("Alex").id)
    fill(journal, walk=name)
    document = report(journal.frames(), ["selfcare"])
    assert name not in document
    # The legend name is HTML-escaped (plotly reads tags in labels) and plotly's JSON
    # escapes the "/" of "</script": the figure's script stays one script.
    assert '"name":"&lt;\\u002fscript&gt;&lt;script&gt;alert(1)' in document
    page = Page(document)
    assert len([tag for tag, _ in page.tags if tag == "script"]) == document.count("<script")
    assert f"{name}: 45 days" in page.visible  # the self-care list shows it as written


def test_plotly_escapes_what_it_embeds_even_when_text_is_raw():
    # A second guard: even a raw name in a figure cannot end the script it sits in.
    name = "</script><script>alert(1)</script>"
    raw = go.Figure(go.Scatter(x=[FIRST.isoformat()], y=[0.5], name=name))
    div = _Figures().figure(charts.Chart(raw, "A line."))
    assert "</script><script>alert" not in div
    assert "\\u003c\\u002fscript\\u003e\\u003cscript\\u003ealert(1)" in div
    assert div.count("<script") == div.count("</script>") == 1


def _renamed(frames: JournalFrames, text: str) -> JournalFrames:
    """The same journal with every written word replaced by ``text`` (kept distinct)."""
    checkins = frames.checkins.copy()
    checkins["note"] = checkins["note"].where(checkins["note"].isna(), f"{text} note")
    activities = frames.activities.copy()
    activities["name"] = [f"{text} {i}" for i in range(len(activities))]
    goals = frames.goals.copy()
    goals["title"] = [f"{text} goal {i}" for i in range(len(goals))]
    setbacks = frames.setbacks.copy()
    setbacks["what_happened"] = f"{text} happened"
    return dataclasses.replace(
        frames, checkins=checkins, activities=activities, goals=goals, setbacks=setbacks
    )


WRITTEN = st.text(
    st.one_of(
        st.sampled_from("<>&\"'/=!-`[](){}:;"),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    ),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip() == text)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=WRITTEN)
def test_any_text_keeps_the_document_structure(frames, text):
    scopes = ("mood", "selfcare", "goals", "notes")
    plain = _renamed(frames, "x")
    written = _renamed(frames, text)
    document = build_report(written, text, scopes, FIRST, LAST, as_of=AS_OF)
    expected = build_report(plain, "x", scopes, FIRST, LAST, as_of=AS_OF)
    assert structure(document) == structure(expected)
    visible = Page(document).visible
    assert f"{text} note" in visible and f"{text} happened" in visible
    assert f"{text} 0" in visible and f"{text} goal 0" in visible


# --- file name -----------------------------------------------------------------------------


def test_the_file_name_is_plain_and_says_the_dates():
    assert (
        report_filename("Alex", FIRST, LAST) == "alex-journey-report-2025-01-01-to-2025-03-31.html"
    )
    assert report_filename("Zoë O'Neil", FIRST, LAST).startswith("zoe-o-neil-journey-report-")
    assert report_filename("山田", FIRST, LAST) == "journey-report-2025-01-01-to-2025-03-31.html"


@settings(max_examples=50, deadline=None)
@given(name=st.text(max_size=80))
def test_any_name_gives_a_safe_file_name(name):
    filename = report_filename(name, FIRST, LAST)
    assert re.fullmatch(
        r"([a-z0-9]+(-[a-z0-9]+)*-)?journey-report-2025-01-01-to-2025-03-31\.html", filename
    )


# --- the command line ----------------------------------------------------------------------


@pytest.fixture
def db(store, journal, tmp_path):
    fill(journal)
    return str(tmp_path / "tracker.db")


def test_report_html_writes_the_chosen_sections_and_dates(db, tmp_path):
    out = tmp_path / "report.html"
    args = ["--db", db, "report", "html", "-o", str(out), "--from", "2025-03-01"]
    result = CliRunner().invoke(main, [*args, "--to", "2025-03-31"])
    assert result.exit_code == 0, result.output
    assert f"Wrote your report to {out}." in result.output
    page = Page(out.read_text(encoding="utf-8"))
    assert "Alex's journey, 1 Mar 2025 to 31 Mar 2025" in page.visible
    assert page.section_ids() == {"mood", "habits", "selfcare", "helps", "wins"}
    assert MARCH_NOTE not in page.visible

    chosen = [*args, "--to", "2025-03-31", "--scope", "mood", "--scope", "notes"]
    assert CliRunner().invoke(main, chosen).exit_code == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert page.section_ids() == {"mood", "notes"}
    assert MARCH_NOTE in page.visible and JAN_NOTE not in page.visible


def test_report_html_names_the_file_after_the_person_and_dates(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ["--db", db, "report", "html", "--from", "2025-02-01", "--to", "2025-02-28"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    written = tmp_path / "alex-journey-report-2025-02-01-to-2025-02-28.html"
    assert "Alex's journey, 1 Feb 2025 to 28 Feb 2025" in written.read_text(encoding="utf-8")


def test_report_html_speaks_by_the_name_chosen_for_it(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ["--db", db, "report", "html", "--from", "2025-03-01", "--to", "2025-03-31"]
    result = CliRunner().invoke(main, [*args, "--name", "Sam"])
    assert result.exit_code == 0, result.output
    page = Page((tmp_path / "sam-journey-report-2025-03-01-to-2025-03-31.html").read_text())
    assert "Sam's journey, 1 Mar 2025 to 31 Mar 2025" in page.visible
    assert "Each dot is one of Sam's 31 logged days." in page.visible
    assert "Alex" not in page.visible


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2025-03-02", "--to", "2025-03-01"], "Please pick a start on or before"),
        (["--from", "2025-02-30"], "isn't a start date we can read"),
        (["--scope", "notes"], "Notes are shown alongside"),
    ],
)
def test_report_html_explains_what_it_cannot_do(db, tmp_path, extra, message):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["--db", db, "report", "html", "-o", str(out), *extra])
    assert result.exit_code == 1
    assert message in result.output
    assert not out.exists()
