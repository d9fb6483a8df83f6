"""Streamlit glue shared by the pages: who is journaling, their data, and kind messages.

Every page calls :func:`page_setup` at its top. It works the same whether the
page runs under ``app.py``'s navigation or alone under ``AppTest`` (which runs
a page file without the entrypoint: whatever ``app.py`` sets up before
``pg.run()`` is missing there).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
import re
import sqlite3
import threading
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from tracker import (
    DatabaseProblem,
    InvalidEntry,
    Journal,
    JournalFrames,
    NotFound,
    Store,
    analytics,
    charts,
    reminders,
    sharing,
    words,
)
from tracker.records import MAX_NOTE, MOOD_FACES, MOOD_LABELS, CheckIn, Person, SupportPlan
from tracker.schema import LOG_TABLES
from tracker.store import READ_ONLY, DataVersions, default_db_path, fault_message, open_store
from tracker.voice import YOU, Voice, about

# How many entries each cache keeps (a shared server evicts the least recently used). An
# entry is one person's numbers at their newest data version (see forget_older): about
# one per journal in use, with room for the moment a write makes a newer one.
CACHED_PEOPLE = 128

# Python runs one thread at a time. With dozens of visitors, dozens of script threads
# fighting over the GIL spent more time switching than working (bench/README.md, load);
# letting a few run at once and the rest wait their turn makes every run finish sooner.
SCRIPTS_AT_ONCE = 2
_script_turns = threading.BoundedSemaphore(SCRIPTS_AT_ONCE)


_log = logging.getLogger("tracker")

_app_run = threading.local()  # .active: this thread's script run was started by app.py


@contextlib.contextmanager
def script_turn() -> Iterator[None]:
    """Hold one of the server's few script turns for a whole script run (app.py)."""
    with _script_turns:
        _app_run.active = True
        try:
            yield
        finally:
            _app_run.active = False


# A big import gives its script turn back while it reads and writes (see heavy_work), so
# it never keeps other visitors' pages waiting; this many may run at once (memory).
HEAVY_AT_ONCE = 2
_heavy_turns = threading.BoundedSemaphore(HEAVY_AT_ONCE)


@contextlib.contextmanager
def heavy_work() -> Iterator[None]:
    """Slow work of one visitor (previewing or importing years of data) without holding
    one of the few script turns every page needs; its turn is taken back afterwards."""
    holding = getattr(_app_run, "active", False)
    if holding:
        _script_turns.release()
    try:
        with _heavy_turns:
            yield
    finally:
        if holding:
            _script_turns.acquire()


PAGES = {
    "home": "pages/home.py",
    "welcome": "pages/welcome.py",
    "today": "pages/today.py",
    "journey": "pages/journey.py",
    "goals": "pages/goals.py",
    "selfcare": "pages/selfcare.py",
    "share": "pages/share.py",
    "data": "pages/data.py",
    "shared": "pages/shared.py",
    "peers": "pages/peers.py",
    "journal": "pages/journal.py",
}


@dataclass
class Context:
    store: Store
    person: Person | None

    @functools.cached_property
    def journal(self) -> Journal:
        # Cached: each store.journal() call looks the person up again.
        assert self.person is not None, "page_setup(require_person=True) guarantees a person"
        return self.store.journal(self.person.id)

    @property
    def db_path(self) -> str:
        return str(self.store.path)

    @property
    def data_versions(self) -> DataVersions:
        """The key of this person's cached numbers (read each time: one tiny query, and
        a write earlier in the same run is seen)."""
        assert self.person is not None
        return self.store.data_versions(self.person.id)


def accounts_enabled() -> bool:
    """Sign-in is on when `.streamlit/secrets.toml` has an [auth] section."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False
    except Exception:  # a malformed secrets file: stay local rather than crash
        return False


def db_path() -> Path:
    return default_db_path()


def open_db() -> Store:
    """A connection for this script run (SQLite objects can't cross Streamlit's threads)."""
    try:
        return open_store(db_path())
    except DatabaseProblem as problem:
        # The page says it calmly; the host's log says what SQLite said (never journal text).
        _log.warning("The journal at %s can't be opened: %r", db_path(), problem.__cause__)
        st.error(plain(str(problem)), icon="🛟")
        st.stop()
        raise  # unreachable: st.stop() raises


def page_setup(*, require_person: bool = True) -> Context:
    """Open the database and find the person this visit is for.

    Local use: one person on this machine, chosen in the session (the newest
    non-demo journal by default). With accounts on: the signed-in user.
    """
    run_through_entrypoint()
    show_pending_toast()
    store = open_db()
    if store.read_only:
        st.warning(READ_ONLY, icon="🛟")
    person = _signed_in_person(store) if accounts_enabled() else choose_local_person(store.people())
    if person is None and require_person:
        st.info("Welcome! Let's start your journal first.", icon="🌱")
        if st.button("Start here", type="primary"):
            switch_to("welcome")
        st.stop()
    if person is not None:
        st.session_state["person_id"] = person.id
    sign_out_in_sidebar()
    return Context(store=store, person=person)


def run_through_entrypoint() -> None:
    """Make sure app.py's navigation is in charge.

    Until app.py has called st.navigation once in a server process, Streamlit treats
    `pages/` the old way: a first request for /today (a bookmark, a restored tab, a share
    link, a new worker behind `make serve`) runs the page file alone, without app.py, and
    the session gets the raw file list as navigation. Such a run is told apart by app.py
    not having started it (see script_turn); turning the mode off and rerunning sends it
    through app.py. Per run, not by the mode's flag alone: several first visitors at
    once all start in the old mode, and only the first would see the flag still set.
    Streamlit keeps the mode on a class attribute; the browser test
    test_a_deep_link_opened_first_after_a_restart_gets_the_apps_navigation guards this.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if getattr(_app_run, "active", False):
        return
    run = get_script_run_ctx()
    if run is None or Path(run.main_script_path).name != "app.py":
        return  # a page run as the app itself (AppTest of one page)
    PagesManager.uses_pages_directory = False
    st.rerun()


def shared_view_alone() -> bool:
    """Run the shared view on its own when this run is for it, and say so.

    A peer's link stands alone: a navigation of its own with no menu, no journal picker
    and no way to the owner's pages. (Home is listed, hidden, only so that the shared
    view keeps its own address: the default page's address is "/".)
    """
    shared = st.Page(PAGES["shared"], title="Shared with you", visibility="hidden")
    if not opens_page(shared):
        return False
    home = st.Page(PAGES["home"], title="Home", icon="🌱", default=True, visibility="hidden")
    st.navigation([shared, home], position="hidden").run()
    return True


def opens_page(page: st.Page) -> bool:
    """Whether this script run is for ``page``, known before ``st.navigation`` is built
    (so the shared view can get a navigation of its own). Resolved as st.navigation
    resolves it: the page asked for by hash (a rerun, a switch), else by URL path."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    run = get_script_run_ctx()
    if run is None:
        return False
    manager = run.pages_manager
    if manager.intended_page_script_hash:
        return manager.intended_page_script_hash == page._script_hash
    return manager.intended_page_name == page.url_path


def choose_local_person(people: list[Person]) -> Person | None:
    """The journal this browser session is on; the newest own (non-demo) one by default."""
    if not people:
        return None
    wanted = st.session_state.get("person_id")
    for person in people:
        if person.id == wanted:
            return person
    own = [p for p in people if not p.is_demo]
    return (own or people)[-1]


def _signed_in_person(store: Store) -> Person | None:
    if not st.user.is_logged_in:
        st.title("Resilience Tracker", anchor=False)
        st.write("Sign in to open your journal. Only you can see it unless you share a chart.")
        st.button("Sign in", type="primary", on_click=st.login)
        st.stop()
    # Who you are is the provider's issuer + subject; an e-mail can be claimed unverified.
    issuer, subject = str(st.user.get("iss") or ""), str(st.user.get("sub") or "")
    if not issuer or not subject:
        st.warning(
            "Your sign-in didn't say who you are, so no journal was opened. Please sign out "
            "and in again; if this keeps happening, the host's sign-in settings need a look.",
            icon="🔑",
        )
        sign_out_in_sidebar()
        st.stop()
    email = verified_email()
    name = str(st.user.get("name") or (email or "").split("@")[0] or "me")[:60]
    return store.person_for_identity(issuer, subject, verified_email=email, name=name)


def verified_email() -> str | None:
    """The signed-in person's e-mail, only when their provider says it verified it."""
    verified = st.user.get("email_verified")
    # Some providers send the claim as the string "true".
    if verified is True or str(verified).lower() == "true":
        return str(st.user.get("email") or "") or None
    return None


def sign_out_in_sidebar() -> None:
    """With sign-in on, who is signed in and a "Sign out" button, on every page."""
    if not accounts_enabled() or not st.user.is_logged_in:
        return
    with st.sidebar:
        shown = st.user.get("name") or verified_email()
        if shown:
            st.caption(f"Signed in as {plain(str(shown))}")
        st.button("Sign out", key="sign_out", icon=":material/logout:", on_click=st.logout)


def switch_to(page: str) -> None:
    st.switch_page(PAGES[page])


# --- cached reads, renewed on every write ------------------------------------------------
# st.cache_resource hands back the same objects (no pickling or copying, which cost more
# than building them at ten years of data). Nothing may change what it returns: frames and
# figures are only read and drawn. Every loader is keyed by database, person and that
# person's data versions, which every write to their journal changes in the database
# (schema.m004, m005), whichever process made it: one person's check-in renews only their
# own cached numbers, and a server's other workers and the command line are seen at once.


# Versions only go up: once a loader has computed a person's newer data, what it holds for
# their older data is dead weight (a decade of frames and figures each), so it goes.
_newest: dict[tuple, tuple[tuple, tuple]] = {}
_newest_lock = threading.Lock()


def forget_older(loader: Any, key: tuple, rank: tuple, args: tuple) -> None:
    """Called by a cached ``loader`` while it computes ``args``: drop its value for the
    same ``key`` (person, and what else tells values apart) at a lower ``rank``."""
    with _newest_lock:
        previous = _newest.get((loader.__qualname__, key))
        if previous is not None and previous[0] >= rank:
            return  # a run still on older data: keep the newer value
        _newest[(loader.__qualname__, key)] = (rank, args)
    if previous is not None:
        loader.clear(*previous[1])


@st.cache_resource(show_spinner=False, max_entries=len(LOG_TABLES) * CACHED_PEOPLE)
def load_log_frame(db: str, person_id: int, table: str, version: int) -> pd.DataFrame:
    """A long log table, read again only when it changed (a check-in alone leaves a
    decade of goal logs as they were)."""
    forget_older(
        load_log_frame, (db, person_id, table), (version,), (db, person_id, table, version)
    )
    with open_store(db) as store:
        return store.journal(person_id).log_frame(table)


@st.cache_resource(show_spinner=False, max_entries=CACHED_PEOPLE)
def load_frames(db: str, person_id: int, versions: DataVersions) -> JournalFrames:
    """The person's journal as frames, once per data version."""
    forget_older(load_frames, (db, person_id), (versions.journal,), (db, person_id, versions))
    logs = {
        table: load_log_frame(db, person_id, table, getattr(versions, table))
        for table in LOG_TABLES
    }
    with open_store(db) as store:
        return store.journal(person_id).frames(logs=logs)


def frames(ctx: Context) -> JournalFrames:
    assert ctx.person is not None
    db = ctx.db_path
    return load_frames(db, ctx.person.id, ctx.data_versions)


@st.cache_resource(show_spinner=False, max_entries=CACHED_PEOPLE)
def load_journey(
    db: str, person_id: int, as_of: dt.date, versions: DataVersions
) -> analytics.Journey:
    """Every number of the Journey page, computed once per person, day and data version."""
    forget_older(
        load_journey, (db, person_id), (as_of, versions.journal), (db, person_id, as_of, versions)
    )
    return analytics.journey(load_frames(db, person_id, versions), as_of)


def journey(ctx: Context) -> analytics.Journey:
    assert ctx.person is not None
    db = ctx.db_path
    return load_journey(db, ctx.person.id, dt.date.today(), ctx.data_versions)


def build_charts(result: analytics.Journey, voice: Voice = YOU) -> dict[str, charts.Chart]:
    """The Journey figures for one result: main chart, bounce-back, strength, calendars."""
    names = charts.habit_names(result.habits)
    built = {
        "journey": charts.journey_chart(
            result.daily, result.trend, result.episodes, result.setback_days, result.as_of, voice
        ),
        "bounce_back": charts.bounce_back_chart(
            result.bounce_back,
            voice,
            finding_way_back=any(e.recovered is None for e in result.episodes),
        ),
        "strength": charts.strength_chart(
            # A habit that has only just started has no strength to show yet.
            # Keyed by who each habit is: a goal and an activity may share a name.
            {names[h.key]: h.strength for h in result.habits if not h.just_started},
            last_day=charts.last_entry_day(result),
            voice=voice,
        ),
    }
    years = charts.calendar_years(result.daily)
    if years:  # the latest year; others are built when picked (see mood_calendar)
        built[f"calendar:{years[0]}"] = charts.mood_calendar(result.daily, years[0], voice)
    return built


@st.cache_resource(show_spinner=False, max_entries=CACHED_PEOPLE)
def load_journey_charts(
    db: str, person_id: int, as_of: dt.date, versions: DataVersions
) -> dict[str, charts.Chart]:
    """The Journey page's figures, built once per person, day and data version (plotly
    figures take longer to build than the numbers behind them)."""
    args = (db, person_id, as_of, versions)
    forget_older(load_journey_charts, (db, person_id), (as_of, versions.journal), args)
    return build_charts(load_journey(db, person_id, as_of, versions))


@st.cache_resource(show_spinner=False, max_entries=CACHED_PEOPLE)
def load_mood_calendar(
    db: str, person_id: int, as_of: dt.date, versions: DataVersions, year: int
) -> charts.Chart:
    args = (db, person_id, as_of, versions, year)
    forget_older(load_mood_calendar, (db, person_id, year), (as_of, versions.journal), args)
    return charts.mood_calendar(load_journey(db, person_id, as_of, versions).daily, year)


def mood_calendar(ctx: Context, year: int) -> charts.Chart:
    assert ctx.person is not None
    built = journey_charts(ctx).get(f"calendar:{year}")
    db, person_id = ctx.db_path, ctx.person.id
    return built or load_mood_calendar(db, person_id, dt.date.today(), ctx.data_versions, year)


def journey_charts(ctx: Context) -> dict[str, charts.Chart]:
    assert ctx.person is not None
    db = ctx.db_path
    return load_journey_charts(db, ctx.person.id, dt.date.today(), ctx.data_versions)


@dataclass(frozen=True)
class SelfCareGlance:
    week: dict[dt.date, list[int]]
    balance: pd.Series


@st.cache_resource(show_spinner=False, max_entries=CACHED_PEOPLE)
def load_selfcare_glance(
    db: str, person_id: int, as_of: dt.date, versions: DataVersions
) -> SelfCareGlance:
    args = (db, person_id, as_of, versions)
    forget_older(load_selfcare_glance, (db, person_id), (as_of, versions.journal), args)
    found = load_frames(db, person_id, versions)
    return SelfCareGlance(
        analytics.selfcare_week(found, as_of), analytics.category_balance(found, as_of)
    )


def selfcare_glance(ctx: Context) -> SelfCareGlance:
    """This week's self-care and the last 30 days' balance, once per data version."""
    assert ctx.person is not None
    db = ctx.db_path
    return load_selfcare_glance(db, ctx.person.id, dt.date.today(), ctx.data_versions)


def habit_summaries(ctx: Context) -> dict[str, analytics.HabitSummary]:
    """Strength and runs of each habit, keyed "goal:<id>" or "activity:<id>"."""
    return {summary.key: summary for summary in journey(ctx).habits}


def celebrate(ctx: Context) -> None:
    """Celebrate each new small win once: a kind toast for recent ones.

    Wins older than a week (say, after an import or on the demo) are recorded
    quietly: they show in the small-wins feed without a toast. No balloons: they fly
    as images a screen reader can't name (issue 20); the toast says it in words.
    """
    journal = ctx.journal
    seen = journal.celebrated_keys()
    fresh = [win for win in journey(ctx).wins if win.key not in seen]
    recent_enough = dt.date.today() - dt.timedelta(days=7)
    if not fresh:
        return
    # A win another open tab celebrated a moment ago is not newly marked: stay quiet here.
    marked = journal.mark_all_celebrated((win.key, win.day, win.text) for win in fresh)
    cheer = [win for win in fresh if win.key in marked and win.day >= recent_enough]
    for win in cheer[:3]:
        st.toast(plain(win.text), icon="🎉")


def chart(item: charts.Chart) -> None:
    """A figure with its short text summary beside it (every chart has one), drawn by
    the app's own chart component (chart_view.py: one draw, the small plotly.js)."""
    import chart_view  # the lead moves it to ui/chart.py

    chart_view.draw(item)
    st.caption(plain(item.summary))


def small_wins_feed(ctx: Context, limit: int = 8) -> None:
    st.subheader("Small wins")
    wins = analytics.wins_feed(journey(ctx).wins, limit)
    if not wins:
        st.caption("Your small wins will collect here: a first week, a habit growing, a comeback.")
    wins_list(wins)


# Lists are one markdown element each, not one per line: each element costs the browser
# a few milliseconds, and a decade of habits made dozens.


def wins_list(wins: Sequence[analytics.Win]) -> None:
    """Small wins, newest first, one line each."""
    if wins:
        st.markdown("\n\n".join(f"🎉 **{w.day:%-d %b %Y}** · {plain(w.text)}" for w in wins))


def habit_list(habits: Sequence[analytics.HabitSummary]) -> None:
    """Each habit's strength now, with its runs in small print below."""
    names = charts.habit_names(habits)
    st.markdown(
        "\n\n".join(
            f"**{plain(names[habit.key])}** · {percent(habit.strength_now)}  \n"
            f":small[:gray[{plain(analytics.describe_habit(habit))}]]"
            if not habit.just_started
            else f"**{plain(names[habit.key])}**  \n:small[:gray[{plain(analytics.JUST_STARTED)}]]"
            for habit in habits
        )
    )


ENCOURAGEMENT_DAYS = 14  # how long a peer's words stay on the Journey page


def encouragement_inbox(ctx: Context) -> None:
    """Words of encouragement from peers in the last two weeks, new ones marked, each
    with a way to hide it (all of them stay listed on the Share page)."""
    journal = ctx.journal
    since = dt.datetime.now() - dt.timedelta(days=ENCOURAGEMENT_DAYS)
    recent = sharing.encouragements(journal, limit=5, unseen_or_since=since)
    if not recent:
        return
    st.subheader("💌 You are not alone")
    for note in recent:
        with st.container(border=True):
            st.text(note.message)  # a peer's words: plain text, never markup
            new = "" if note.seen else " · new"
            st.caption(f"— {plain(note.author)}, {note.created:%-d %b %Y}{new}")
            if st.button("Hide", key=f"journey_hide_{note.id}"):
                sharing.hide_encouragement(journal, note.id)
                st.rerun()
    sharing.mark_encouragements_seen(journal)


# --- sharing ----------------------------------------------------------------------------


def share_link(token: str) -> str:
    """The full link to the shared view. ``TRACKER_PUBLIC_URL`` wins when the app sits
    behind a proxy; otherwise the address this browser used."""
    base = os.environ.get("TRACKER_PUBLIC_URL", "").rstrip("/")
    if not base:
        parts = urllib.parse.urlsplit(st.context.url or "http://127.0.0.1:8501/")
        base = f"{parts.scheme}://{parts.netloc}"
    return f"{base}/shared?t={token}"


# --- a daily reminder --------------------------------------------------------------------


def app_address() -> str:
    """The app's address for links: ``TRACKER_PUBLIC_URL`` when set, else this browser's."""
    base = os.environ.get("TRACKER_PUBLIC_URL", "").strip().rstrip("/")
    if not base:
        parts = urllib.parse.urlsplit(st.context.url or reminders.LOCAL_ADDRESS)
        base = f"{parts.scheme}://{parts.netloc}"
    return base


def reminder_form(ctx: Context) -> None:
    """ "Remind me every day": a calendar file with an alarm that links back to Today."""
    if ctx.person is None:
        return
    with st.expander("🔔 Remind me every day"):
        st.caption(
            "Pick a time and a few words of your own. You get a calendar file: open it on "
            "your phone or computer and your calendar reminds you, with a link back here. "
            "Nothing is sent anywhere. Changed your mind? A new file replaces the old reminder."
        )
        at = st.time_input(
            "Time", value=dt.time(20, 30), step=dt.timedelta(minutes=5), key="reminder_time"
        )
        names = [name.capitalize() for name in reminders.WEEKDAYS]
        days = st.pills("Days", names, default=names, selection_mode="multi", key="reminder_days")
        text = st.text_input(
            "Your words",
            value=reminders.DEFAULT_TEXT,
            max_chars=reminders.MAX_TEXT,
            key="reminder_text",
            help="Only these words go in the calendar, never anything from your journal.",
        )
        if not days:
            st.info("Pick at least one day, and your reminder is ready.", icon="📅")
            return
        with kindly():
            zone = reminders.timezone_or_local(st.context.timezone)
            reminder = reminders.make_reminder(at, days, text, zone)
            link = reminders.today_link(app_address())
            st.download_button(
                "Download the reminder",
                reminders.reminder_calendar(reminder, ctx.person, link=link),
                file_name=reminders.FILE_NAME,
                mime="text/calendar",
                icon="📅",
                key="reminder_download",
                on_click="ignore",
            )
            when = "every day" if reminder.every_day else ", ".join(days)
            # The address without its scheme: shown, not a link (the calendar event holds it).
            where = urllib.parse.urlsplit(link).netloc
            st.caption(f"{reminder.at:%H:%M} {when} ({reminder.timezone}) · opens Today at {where}")


# --- on the phone's home screen -----------------------------------------------------------

# Streamlit has no API for the document head: this adds the manifest link (and the icon and
# colour phones read) once per browser tab. Paths are relative to the page, so they work
# under a base path too; static/ is served at app/static/ (.streamlit/config.toml).
_APP_HEAD_JS = """
export default function () {
  if (document.querySelector('link[rel="manifest"]')) return;
  const add = (tag, attributes) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    document.head.appendChild(element);
  };
  const base = new URL("app/static/", document.baseURI).href;
  add("link", { rel: "manifest", href: base + "manifest.json" });
  add("link", { rel: "apple-touch-icon", href: base + "apple-touch-icon.png" });
  add("meta", { name: "theme-color", content: "#4a7c8c" });
  add("meta", { name: "mobile-web-app-capable", content: "yes" });
  add("meta", { name: "apple-mobile-web-app-capable", content: "yes" });
  add("meta", { name: "apple-mobile-web-app-title", content: "Journal" });
}
"""


# Streamlit draws captions (and help text such as an uploader's limits) in the body text
# at 60 % opacity, 3.5:1 on this background; WCAG AA asks 4.5:1 for small text. No theme
# option sets it, so one app-wide rule does (issue 20), on every page and the shared view.
READABLE_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stFileUploaderDropzoneInstructions"] span {
  color: #566063; opacity: 1;
}
.st-key-chart_descriptions { display: none; }
</style>
"""

# A plotly chart is a drawing a screen reader can't read. Each chart here (ui.chart) is
# followed by the caption that says what it shows: the chart becomes one image, named by
# the heading above it, whose description is that caption. Streamlit has no API for ARIA attributes,
# so one observer per browser tab sets them on every chart as it is drawn.
_CHART_DESCRIPTIONS_JS = """
export default function () {
  if (window.__chartDescriptions) return;
  window.__chartDescriptions = true;
  let summaries = 0;
  // The chart's name: the nearest heading above it ("Bouncing back").
  const heading = holder => {
    let before = holder.previousElementSibling;
    for (; before; before = before.previousElementSibling) {
      const found = before.querySelectorAll("h1, h2, h3, h4");
      if (found.length) return found[found.length - 1].textContent.trim();
    }
    return "";
  };
  const describe = () => {
    for (const chart of document.querySelectorAll("[data-testid='stPlotlyChart']")) {
      const holder = chart.closest("[data-testid='stElementContainer']") || chart;
      const next = holder.nextElementSibling;
      const caption = next && next.querySelector("[data-testid='stCaptionContainer']");
      if (!caption) continue;
      if (!caption.id) caption.id = `chart-summary-${++summaries}`;
      const name = `Chart: ${heading(holder) || "what it shows is below"}`;
      if (chart.getAttribute("aria-describedby") !== caption.id)
        chart.setAttribute("aria-describedby", caption.id);
      if (chart.getAttribute("aria-label") !== name) chart.setAttribute("aria-label", name);
      if (chart.getAttribute("role") !== "img") chart.setAttribute("role", "img");
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; describe(); });
  }).observe(document.body, { childList: true, subtree: true });
  describe();
}
"""


def accessible_page() -> None:
    """The app's own WCAG 2.1 AA aids, on every page: readable caption colours, and each
    chart described by its summary for screen readers. Takes no room on the page."""
    st.html(READABLE_CSS)
    describe = st.components.v2.component(
        "chart_descriptions", js=_CHART_DESCRIPTIONS_JS, isolate_styles=False
    )
    describe(key="chart_descriptions")


def app_head() -> None:
    """Link the web app manifest from the page head, so "Add to Home Screen" gives an app
    icon that opens Today full screen. Takes no room on the page."""
    st.html("<style>.st-key-app_head { display: none; }</style>")
    head = st.components.v2.component("app_head", js=_APP_HEAD_JS, isolate_styles=False)
    head(key="app_head")


_LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0", ""}


def links_reach_others() -> bool:
    """Whether a share link made here opens on someone else's device: the app has a public
    address (``TRACKER_PUBLIC_URL``) or was reached on one. A personal install (`make run`)
    listens on 127.0.0.1 only, so its links open on this computer alone."""
    host = urllib.parse.urlsplit(share_link("x")).hostname or ""
    return host not in _LOOPBACK and not host.startswith("127.")


@dataclass(frozen=True)
class SharedResult:
    journey: analytics.Journey
    charts: dict[str, charts.Chart]
    wins: list[analytics.Win]
    notes: list[tuple[dt.date, str]]


@st.cache_resource(show_spinner=False, max_entries=CACHED_PEOPLE)
def load_shared(
    db: str,
    person_id: int,
    scopes: tuple[str, ...],
    as_of: dt.date,
    versions: DataVersions,
    name: str,
) -> SharedResult:
    """What a share link shows, computed only from the frames its scopes allow, and told
    about the person by ``name`` (a peer reads "Sam's mood rose", not "your mood")."""
    args = (db, person_id, scopes, as_of, versions, name)
    forget_older(load_shared, (db, person_id, scopes, name), (as_of, versions.journal), args)
    voice = about(name)
    full = load_frames(db, person_id, versions)
    scoped = sharing.scoped_frames(full, scopes)
    result = analytics.journey(scoped, as_of, voice)
    wins = (
        analytics.journey(sharing.wins_frames(full, scopes), as_of, voice).wins
        if "wins" in scopes
        else []
    )
    notes: list[tuple[dt.date, str]] = []
    if "notes" in scopes:
        for day, note in zip(scoped.checkins["day"], scoped.checkins["note"], strict=True):
            if isinstance(note, str) and note:
                notes.append((day.date(), note))
        for row in scoped.setbacks.itertuples():
            parts = [
                f"What happened: {row.what_happened}",
                f"What helped: {row.what_helped}" if row.what_helped else "",
                f"Next time: {row.try_next}" if row.try_next else "",
            ]
            notes.append((row.day.date(), "\n".join(p for p in parts if p)))
        notes.sort(key=lambda item: item[0], reverse=True)
    return SharedResult(result, build_charts(result, voice), wins, notes)


def shared_journey(store: Store, view: sharing.SharedView) -> SharedResult:
    return load_shared(
        str(store.path),
        view.person_id,
        tuple(sorted(view.scopes)),
        dt.date.today(),
        store.data_versions(view.person_id),
        view.owner_name,
    )


def offer_to_save_link(store: Store, token: str, view: sharing.SharedView) -> None:
    """With accounts on, a signed-in peer can keep the link on their dashboard."""
    if not accounts_enabled() or not st.user.is_logged_in:
        return
    me = _signed_in_person(store)
    if me is None or me.id == view.person_id:
        return
    if st.button("Save to my dashboard", key="shared_save_link"):
        with kindly():
            sharing.save_link(store.journal(me.id), token, view.owner_name)
            st.success("Saved. You'll find it on your Peers page.")


def report_download(ctx: Context) -> None:
    """A self-contained HTML report of the chosen sections and dates, for people who would
    rather email a file than share a link."""
    from tracker import report  # imported here: only this section needs it

    st.subheader("Download a report")
    st.caption("One HTML file with your charts, for a peer or clinician. It opens offline.")
    all_frames = frames(ctx)
    days = all_frames.checkins["day"]
    today = dt.date.today()
    first = days.min().date() if len(days) else today
    picked = st.date_input(
        "Dates", value=(max(first, today - dt.timedelta(days=90)), today), key="report_dates"
    )
    scopes = st.multiselect(
        "Sections",
        list(sharing.SCOPES),
        default=list(sharing.DEFAULT_SCOPES),
        format_func=sharing.SCOPES.get,
        key="report_scopes",
    )
    assert ctx.person is not None
    shown_name = st.text_input(
        "Your name on the report",
        value=ctx.person.name,
        max_chars=60,
        key="report_name",
        help='The report speaks about you by this name: "Sam\'s mood rose…"',
    )
    if not (isinstance(picked, tuple) and len(picked) == 2) or not scopes:
        st.caption("Pick a start and end date and at least one section.")
        return
    name = shown_name.strip() or ctx.person.name
    try:  # check the choice here, where a kind message can be shown
        start, end = report.report_dates(all_frames, scopes, picked[0], picked[1])
    except InvalidEntry as problem:
        st.caption(plain(str(problem)))
        return

    def document() -> str:
        # Built only when clicked (on its own thread): the page stays fast.
        return report.build_report(all_frames, name, scopes, start, end)

    st.download_button(
        "Download report",
        document,
        file_name=report.report_filename(name, start, end),
        mime="text/html",
        key="report_download",
        on_click="ignore",
    )


def what_helps_section(ctx: Context) -> None:
    st.subheader("What seems to help")
    helps = journey(ctx).helps
    if helps.empty:
        st.caption(
            "Once a self-care activity has at least 3 days with it and 3 without, you'll see "
            "how your mood compared on those days."
        )
        neutral_activities_note(ctx)
        harder_section(ctx)
        return
    st.markdown("\n".join(f"- {plain(sentence)}" for sentence in helps["sentence"].head(5)))
    st.caption("Patterns in your own entries, not proof of cause. You know your life best.")
    neutral_activities_note(ctx)
    harder_section(ctx)


def neutral_activities_note(ctx: Context) -> None:
    """Neutral activities are only described (how many days), never said to help."""
    activities = frames(ctx).activities
    neutral = activities.loc[
        (activities["kind"] == "neutral") & (activities["archived"] == 0), "name"
    ].tolist()
    days = journey(ctx).activity_days
    listed = sorted(
        ((name, days.get(name, 0)) for name in neutral if days.get(name)),
        key=lambda item: -item[1],
    )
    if listed:
        shown = ", ".join(
            f"{name} ({count} {'day' if count == 1 else 'days'})" for name, count in listed[:8]
        )
        more = f", and {len(listed) - 8} more" if len(listed) > 8 else ""
        st.caption(plain(f"Also in your journal, just as part of life: {shown}{more}."))


def harder_section(ctx: Context) -> None:
    """Gently, what seems to make days harder: only the things the person marked to watch."""
    harder = journey(ctx).harder
    if harder.empty:
        return
    st.subheader("What seems to make days harder")
    st.markdown("\n".join(f"- {plain(sentence)}" for sentence in harder["sentence"].head(5)))
    st.caption(
        "Only the things you marked to watch. Noticing a pattern is a strength, not a verdict."
    )


def sort_new_activities(names: Sequence[str]) -> dict[str, str]:
    """Let the person sort an import's new activities (or skip it: they come in neutral).

    Returns name → kind for those they picked as self-care or to watch.
    """
    if not names:
        return {}
    with st.expander(f"Sort the {len(names)} new activities (optional)"):
        st.caption(
            "Another app's activities are whatever you tracked there, so none is counted as "
            "self-care unless you say so. Anything you leave out comes in as neutral, and "
            "you can sort it later on the Self-care page."
        )
        selfcare = st.multiselect(
            "Self-care (what you do to look after yourself)",
            names,
            key="data_kinds_selfcare",
        )
        watch = st.multiselect(
            "Something to watch (a trigger or a risk)",
            [name for name in names if name not in selfcare],
            key="data_kinds_watch",
        )
    return {**dict.fromkeys(selfcare, "selfcare"), **dict.fromkeys(watch, "watch")}


def after_write(message: str | None = None, *, icon: str = "🌿") -> None:
    """Queue a toast for the next run. (Cached numbers need no renewal: the write changed
    the person's data versions, see ``Context.data_versions``.)"""
    if message:
        st.session_state["pending_toast"] = (message, icon)


def show_pending_toast() -> None:
    # A toast shown just before st.rerun() is often lost; show it on the next run.
    pending = st.session_state.pop("pending_toast", None)
    if pending:
        st.toast(plain(pending[0]), icon=pending[1])  # may hold names: plain text


@contextlib.contextmanager
def kindly(later: str | None = None) -> Iterator[None]:
    """Show a domain error as a gentle message instead of a traceback; nothing was saved.

    In a button callback (it runs before the page draws) pass ``later``, a session-state
    key: the message waits there for :func:`show_later` at the right spot on the page.
    """
    try:
        yield
    except (InvalidEntry, NotFound) as problem:
        _warn(str(problem), "💬", later)
    except sqlite3.OperationalError as error:
        # Another writer held the journal past the busy timeout (a very busy shared
        # server). The transaction rolled back; what the person typed is still on screen.
        if "locked" not in str(error) and "busy" not in str(error):
            _warn(_fault_text(error), "🛟", later)
            return
        _warn(
            "The journal is busy for a moment, so this wasn't saved yet. "
            "Everything you typed is still here: please press the button again.",
            "⏳",
            later,
        )
    except sqlite3.DatabaseError as error:  # a damaged file
        _warn(_fault_text(error), "🛟", later)
    except DatabaseProblem as problem:  # the file could not be opened for this write
        _warn(f"{problem} {KEPT}", "🛟", later)


KEPT = "Everything you typed is still here."


def _fault_text(error: sqlite3.DatabaseError) -> str:
    """A calm message for a disk that is full or a file that is read-only or damaged:
    the write rolled back, and the form keeps what was typed. Other errors go on up."""
    message = fault_message(error)
    if message is None:
        raise error
    return f"{message} {KEPT}"


def calm_database_fault(error: Exception) -> bool:
    """Streamlit's ``on_script_error`` (asgi.py): a database fault in the middle of a page
    (disk full, a read-only or damaged file) shows a calm message instead of a traceback
    naming server paths. The run stops there, and Streamlit keeps every widget's value
    for the next run. Other errors are shown as usual."""
    if isinstance(error, DatabaseProblem):
        message = str(error)
    elif isinstance(error, sqlite3.Error):
        message = fault_message(error)
    else:
        message = None
    if message is None:
        return False
    _log.warning("A page stopped on a database fault: %r", error)
    st.error(f"{message} {KEPT}", icon="🛟")
    return True


def _warn(text: str, icon: str, later: str | None) -> None:
    if later:
        st.session_state[later] = (text, icon)
    else:
        st.warning(plain(text), icon=icon)  # may quote what was typed: plain text


def show_later(key: str) -> None:
    """The gentle message a callback left under ``key`` (see :func:`kindly`), once."""
    waiting = st.session_state.pop(key, None)
    if waiting:
        st.warning(plain(waiting[0]), icon=waiting[1])


def sidebar_person_picker(people: list[Person]) -> None:
    """Local mode with several journals on this machine (say, yours and the demo): switch."""
    if people and all(p.is_demo for p in people):
        st.sidebar.page_link(PAGES["welcome"], label="Start my own journal", icon="🌱")
    if len(people) < 2:
        return
    current = choose_local_person(people)
    assert current is not None
    ids = [p.id for p in people]
    names = {p.id: p.name for p in people}
    with st.sidebar:
        chosen = st.selectbox(
            "Whose journal",
            ids,
            index=ids.index(current.id),
            format_func=names.__getitem__,
            key="nav_person",
        )
    if chosen != current.id:
        st.session_state["person_id"] = chosen
        st.rerun()


# --- journal entries: moods, entries, editing, hard days (issue 13) ------------------------
# Shared by Today and Your journal. Text a person wrote is shown with plain() or st.text.

FACES_CSS = """
<style>
/* The five faces: big enough to hit on a phone (44 px), one row at 390 px (in a dialog
   too), each face above its word. */
[class*="st-key-faces_"] [data-testid="stButtonGroup"] > div { flex-wrap: nowrap; width: 100%; }
[class*="st-key-faces_"] [data-testid="stButtonGroup"] button {
  min-height: 44px; min-width: 44px; flex: 1 1 0; padding: 0.25rem 0.2rem;
}
[class*="st-key-faces_"] [data-testid="stButtonGroup"] button span[data-has-shortcut] {
  flex-direction: column; gap: 0; line-height: 1.2;
}
[class*="st-key-faces_"] [data-testid="stButtonGroup"] button p { font-size: 0.85rem; }
</style>
"""


def mood_word(mood: int) -> str:
    return f"{MOOD_FACES[mood]} {MOOD_LABELS[mood]}"


def mood_picker(key: str, *, default: int | None = None, label: str = "Mood") -> int | None:
    """Five faces with their words, awful to great; the chosen mood 1-5, or None.

    A segmented control, not st.feedback: its buttons carry the word, so a screen reader
    says "awful" rather than "very dissatisfied", and the faces wear the app's colours.
    """
    st.html(FACES_CSS)
    with st.container(key=f"faces_{key}"):
        return st.segmented_control(
            label,
            options=[1, 2, 3, 4, 5],
            default=default,
            format_func=mood_word,
            key=key,
            width="stretch",
        )


def entry_time(entry: CheckIn) -> str:
    """The time of day a check-in was made ("08:14"), from its logged_at stamp."""
    return entry.logged_at[11:16] if len(entry.logged_at) >= 16 else ""


def entry_markdown(
    entry: CheckIn, *, with_day: bool = False, with_time: bool = False, details: Any = None
) -> str:
    """One check-in as markdown: mood (and day/time), note, the day's self-care and goals."""
    head = f"**{mood_word(entry.mood)}**"
    if with_day:
        head = f"**{entry.day:%a %-d %b %Y}** · " + head
    if with_time and entry_time(entry):
        head += f" · {entry_time(entry)}"
    lines = [head]
    if entry.note:
        lines.append(plain(entry.note))
    if details is not None and details.selfcare:
        lines.append(":small[🌿 " + plain(" · ".join(details.selfcare)) + "]")
    if details is not None and details.goals:
        lines.append(":small[🎯 " + plain(" · ".join(details.goals)) + "]")
    return "  \n".join(lines)


def day_details_markdown(details: Any) -> str:
    """A day's self-care, goals and setback notes (store.DayDetails) as markdown."""
    lines = []
    if details.selfcare:
        lines.append("🌿 " + plain(" · ".join(details.selfcare)))
    if details.goals:
        lines.append("🎯 " + plain(" · ".join(details.goals)))
    for setback in details.setbacks:
        lines.append(setback_markdown(setback))
    return "\n\n".join(lines)


def setback_markdown(setback: Any) -> str:
    """A setback note with its three reflections."""
    parts = [f"💙 **Setback** · what happened: {plain(setback.what_happened)}"]
    if setback.what_helped:
        parts.append(f"What helped: {plain(setback.what_helped)}")
    if setback.try_next:
        parts.append(f"Next time: {plain(setback.try_next)}")
    return "  \n".join(parts)


def entry_row(text: str, label: str, key: str, on_click: Any, args: tuple) -> None:
    """Markdown and its button on one line, at phone width too (columns would stack)."""
    with st.container(horizontal=True, wrap=False, vertical_alignment="center", gap="small"):
        st.markdown(text, width="stretch")
        st.button(label, key=key, on_click=on_click, args=args, width="content")


def open_entry_editor(prefix: str, checkin_id: int) -> None:
    st.session_state[f"{prefix}_editing"] = checkin_id
    st.session_state.pop(f"{prefix}_deleting", None)


def _close_entry_editor(prefix: str) -> None:
    st.session_state.pop(f"{prefix}_editing", None)
    st.session_state.pop(f"{prefix}_deleting", None)


def entry_editor(ctx: Context, prefix: str) -> None:
    """The edit dialog of the check-in whose Edit button was pressed (if any)."""
    checkin_id = st.session_state.get(f"{prefix}_editing")
    if checkin_id is None:
        return
    try:
        entry = ctx.journal.checkin(checkin_id)
    except NotFound:
        _close_entry_editor(prefix)
        return
    _entry_dialog(ctx, prefix, entry)


def _dismiss_entry_editors() -> None:
    for key in [k for k in st.session_state if str(k).endswith(("_editing", "_deleting"))]:
        del st.session_state[key]


@st.dialog("Edit this check-in", on_dismiss=_dismiss_entry_editors)
def _entry_dialog(ctx: Context, prefix: str, entry: CheckIn) -> None:
    journal = ctx.journal
    key = f"{prefix}_edit_{entry.id}"
    today = dt.date.today()
    day = st.date_input(
        "Day",
        value=entry.day,
        max_value=today,
        min_value=dt.date(1970, 1, 1),
        format="YYYY-MM-DD",
        key=f"{key}_day",
    )
    mood = mood_picker(f"{key}_mood", default=entry.mood)
    labels = {a.id: a.label for a in journal.activities()}
    logged = journal.day_activities(entry.day)
    labels.update({a: journal.activity(a).label for a in logged if a not in labels})
    chosen: list[int] | None = None  # None: the day's self-care stays as it is
    if labels:
        chosen = (
            st.pills(
                "What you did that day",
                options=list(labels),
                default=[a for a in labels if a in logged],
                format_func=lambda activity_id: plain(labels[activity_id]),
                selection_mode="multi",
                key=f"{key}_selfcare",
            )
            or []
        )
    note = st.text_area("Note", value=entry.note or "", max_chars=MAX_NOTE, key=f"{key}_note")
    save, delete = st.columns(2)
    if save.button("Save changes", type="primary", key=f"{key}_save", width="stretch"):
        if mood is None:
            st.warning("Pick a face for how you felt, then save.", icon="💬")
            return
        with kindly():
            journal.edit_checkin(entry.id, day=day, mood=mood, note=note, activity_ids=chosen)
            _close_entry_editor(prefix)
            after_write("Updated.")
            st.rerun()
    if delete.button("Delete…", key=f"{key}_delete", width="stretch"):
        st.session_state[f"{prefix}_deleting"] = entry.id
    if st.session_state.get(f"{prefix}_deleting") == entry.id:
        _confirm_delete(journal, prefix, entry)


def _confirm_delete(journal: Journal, prefix: str, entry: CheckIn) -> None:
    """Ask before deleting; on a day's last check-in, ask about that day's logs too."""
    key = f"{prefix}_delete_{entry.id}"
    last_of_day = len(journal.day_checkins(entry.day)) == 1
    selfcare, goals = journal.day_log_counts(entry.day)
    with_logs: bool | None = None
    if last_of_day and (selfcare or goals):
        logs = " and ".join(
            part
            for part in (
                words.count(selfcare, "self-care log") if selfcare else "",
                words.count(goals, "goal log") if goals else "",
            )
            if part
        )
        st.warning(
            f"This is the only check-in of {entry.day:%A %-d %B}. That day also has {logs}. "
            "Remove those too, or keep them?",
            icon="🗂️",
        )
        if st.button("Delete the check-in, keep the day's logs", key=f"{key}_keep"):
            with_logs = False
        if st.button("Delete the check-in and the day's logs", key=f"{key}_all"):
            with_logs = True
    else:
        st.warning("Delete this check-in? This can't be undone.", icon="🗂️")
        if st.button("Yes, delete it", key=f"{key}_yes"):
            with_logs = False
    if st.button("Keep it", type="tertiary", key=f"{key}_cancel"):
        st.session_state.pop(f"{prefix}_deleting", None)
        st.rerun()
    if with_logs is not None:
        with kindly():
            journal.delete_checkin(entry.id, with_day_logs=with_logs)
            _close_entry_editor(prefix)
            after_write("Deleted.")
            st.rerun()


# --- hard days -----------------------------------------------------------------------------

CRISIS_LINE_ENV = "TRACKER_CRISIS_LINE"  # a host may set the crisis line for everyone
IN_DANGER = "If you are in danger, call your local emergency number."


def crisis_line(plan: SupportPlan) -> str | None:
    """The person's own crisis line, else the host's; never a number we assumed."""
    return plan.crisis_line or (os.environ.get(CRISIS_LINE_ENV, "").strip() or None)


def helped_before_lines(journal: Journal) -> list[str]:
    """'Last time, talking to my sister helped.' from the person's own setback notes."""
    lines = []
    for index, setback in enumerate(journal.what_helped_before(3)):
        when = "Last time" if index == 0 else f"On {setback.day:%-d %B %Y}"
        helped = (setback.what_helped or "").strip().rstrip(".")
        lines.append(f"{when}, this helped: *{plain(helped)}*")
    return lines


def support_plan_markdown(plan: SupportPlan) -> str:
    parts = []
    if plan.contacts:
        people = "\n".join(
            f"- **{plain(c.name)}**" + (f" · {plain(c.how)}" if c.how else "")
            for c in plan.contacts
        )
        parts.append("**People you can reach out to**\n\n" + people)
    if plan.help_lines:
        parts.append(
            "**Things that help you**\n\n" + "\n".join(f"- {plain(h)}" for h in plan.help_lines)
        )
    line = crisis_line(plan)
    if line:
        parts.append(f"**Crisis line:** {plain(line)}  \n{IN_DANGER}")
    else:
        parts.append(IN_DANGER)
    return "\n\n".join(parts)


def open_hard_day(reason: str) -> None:
    """After an awful check-in ("awful") or a setback note ("setback")."""
    st.session_state["hard_day"] = reason


def hard_day_panel(ctx: Context, *, open_setback: Any = None) -> None:
    """Kind words, a one-tap setback reflection and the person's support plan, shown after
    an awful check-in or a setback note, until closed."""
    reason = st.session_state.get("hard_day")
    if not reason:
        return
    journal = ctx.journal
    plan = journal.support_plan()
    with st.container(border=True, key="hard_day_panel"):
        st.markdown("### 💙 Go gently today")
        if reason == "awful":
            st.write(
                "Thank you for checking in on a day like this. That took something. "
                "A hard day is not a step back: it's part of the path, and it will pass."
            )
        else:
            st.write(
                "Thank you for writing that down. Being honest about a hard day takes "
                "courage, and what you noted will help future you."
            )
        helped = helped_before_lines(journal)
        if helped:
            st.markdown("  \n".join(helped))
        st.markdown(support_plan_markdown(plan))
        write, edit, close = st.columns(3)
        if open_setback is not None and reason == "awful":
            write.button(
                "Write a setback reflection",
                key="hard_day_reflect",
                on_click=open_setback,
                width="stretch",
            )
        label = "Edit my support plan" if plan.updated else "Make my support plan"
        if edit.button(label, key="hard_day_plan", width="stretch"):
            st.session_state["support_plan_open"] = True
        if close.button("Close", type="tertiary", key="hard_day_close", width="stretch"):
            st.session_state.pop("hard_day", None)
            st.rerun()
    if st.session_state.get("support_plan_open"):
        support_plan_dialog(ctx)


def _close_support_plan() -> None:
    st.session_state["support_plan_open"] = False


@st.dialog("My support plan", on_dismiss=_close_support_plan)
def support_plan_dialog(ctx: Context) -> None:
    support_plan_form(ctx, "plan_dialog")


SUPPORT_ROWS = 3  # empty rows for people to reach out to, beyond those already there


def support_plan_form(ctx: Context, key: str) -> None:
    """The support plan's fields: people (name and how), things that help, crisis line."""
    journal = ctx.journal
    plan = journal.support_plan()
    st.caption(
        "Your own short list for hard days. It stays in your journal and your backups, "
        "and is never shown to a peer."
    )
    st.markdown("**People to reach out to**")
    rows = max(SUPPORT_ROWS, len(plan.contacts) + 1)
    contacts = []
    for index in range(rows):
        known = plan.contacts[index] if index < len(plan.contacts) else None
        name_col, how_col = st.columns(2)
        name = name_col.text_input(
            "Name",
            value=known.name if known else "",
            max_chars=60,
            key=f"{key}_name_{index}",
            placeholder="Name",
            label_visibility="visible" if index == 0 else "collapsed",
        )
        how = how_col.text_input(
            "How to reach them",
            value=(known.how or "") if known else "",
            max_chars=120,
            key=f"{key}_how_{index}",
            placeholder="Call, text, visit…",
            label_visibility="visible" if index == 0 else "collapsed",
        )
        contacts.append({"name": name, "how": how})
    suggested = "\n".join(
        s.what_helped.strip() for s in journal.what_helped_before(5) if s.what_helped
    )
    helps = st.text_area(
        "Things that help (one a line)",
        value=plan.helps if plan.helps is not None else suggested,
        max_chars=2000,
        key=f"{key}_helps",
        help="Filled in from what helped you before; change it freely.",
    )
    line = st.text_input(
        "Crisis line",
        value=plan.crisis_line or "",
        max_chars=120,
        key=f"{key}_crisis",
        placeholder=os.environ.get(CRISIS_LINE_ENV, "") or "A number or service where you live",
        help="No number is filled in for you: enter the one for where you live. " + IN_DANGER,
    )
    if st.button("Save my plan", type="primary", key=f"{key}_save"):
        with kindly():
            journal.save_support_plan(contacts, helps, line)
            _close_support_plan()
            after_write("Your support plan is saved.", icon="💙")
            st.rerun()


# --- a warm welcome back after a gap -------------------------------------------------------

WELCOME_BACK_DAYS = 7


def back_after_a_gap(journal: Journal, today: dt.date) -> bool:
    """No check-in for a week or more (and none yet today): welcome the person back."""
    last = journal.last_checkin_day()
    return last is not None and (today - last).days >= WELCOME_BACK_DAYS


STRENGTH_HELP = (
    "Strength grows a little with every done day and fades slowly with misses, like a real "
    "habit. One missed day barely dents it; a skip or a pause leaves it as it was."
)


def percent(strength: float) -> str:
    """A strength as a percentage; a habit just started reads as growing, not as 0%."""
    if 0 < strength < 0.005:
        return "under 1%, growing"
    return f"{strength:.0%}"


# What markdown reads anywhere in a line (links, images, HTML, entities, emphasis, code,
# tables, LaTeX), escaped wherever it is; prose punctuation (. , ! ? : ( )) is left as
# it is unless it starts a line, so the app's own sentences read the same in tests.
_MARKDOWN_INLINE = "\\`*_[]<>|~$&"
# What makes a line a list, heading, quote or rule when it starts it.
_BLOCK_START = re.compile(r"^(\s*)([-+#=])", re.MULTILINE)
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
# ":" and a letter start a directive (:red[...], or :word alone, which then vanishes).
_DIRECTIVE_START = re.compile(r":(?=[A-Za-z])")
# U+2060 WORD JOINER: invisible, and it keeps the line from breaking there.
_WORD_JOINER = "\u2060"
# Streamlit finds bare links (http://..., www.x, me@x.org), emoji and icon shortcodes
# (:smile:, :material/home:) in the text after markdown's escapes are undone, so
# escaping leaves them live; an invisible word joiner after the ":", "@" or "www" that
# starts one breaks the pattern while the text reads the same.
_LIVE_AFTER_ESCAPES = re.compile(r":(?=//|material/|[\w+-]+:)|(?i:\bwww)(?=\.)|@(?=[\w-]+\.\w)")


def plain(text: object) -> str:
    """Text a person typed or a file brought in, made safe for anything Streamlit reads
    as markdown: st.markdown, st.caption, st.write, st.table cells, toasts, alerts,
    widget labels (checkbox, expander, button, text_input, selectbox's label...) and the
    options of st.radio, st.pills and st.segmented_control (their format_func). The text
    shows as written and can never become an image, a link, HTML, colour, LaTeX, an
    icon or a heading.

    Not for st.selectbox or st.multiselect *options*, st.text, st.code or dataframes:
    those show text as it is (backslashes would show).
    """
    if text is None or text == "":
        return ""
    escaped = "".join(
        "\\" + ch if ch in _MARKDOWN_INLINE else ch
        for ch in str(text).replace("\r\n", "\n").replace("\r", "\n")
    )
    escaped = _ORDERED_START.sub(r"\1\\\2", escaped)
    escaped = _BLOCK_START.sub(r"\1\\\2", escaped)
    escaped = _LIVE_AFTER_ESCAPES.sub(lambda found: found.group(0) + _WORD_JOINER, escaped)
    escaped = _DIRECTIVE_START.sub(r"\\:", escaped)
    return escaped.replace("\n", "  \n")
