"""Streamlit glue shared by the pages: who is journaling, their data, and kind messages.

Every page calls :func:`page_setup` at its top. It works the same whether the
page runs under ``app.py``'s navigation or alone under ``AppTest`` (which runs
a page file without the entrypoint, see shared/NOTES.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
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
    sharing,
)
from tracker.records import Person
from tracker.schema import LOG_TABLES
from tracker.store import DataVersions, default_db_path, open_store

# How many entries each cache keeps (a shared server evicts the least recently used). An
# entry is one person's numbers at their newest data version (see forget_older): about
# one per journal in use, with room for the moment a write makes a newer one.
CACHED_PEOPLE = 128

# Python runs one thread at a time. With dozens of visitors, dozens of script threads
# fighting over the GIL spent more time switching than working (bench/README.md, load);
# letting a few run at once and the rest wait their turn makes every run finish sooner.
SCRIPTS_AT_ONCE = 2
_script_turns = threading.BoundedSemaphore(SCRIPTS_AT_ONCE)


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
        st.error(str(problem), icon="🛟")
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
    person = _signed_in_person(store) if accounts_enabled() else choose_local_person(store.people())
    if person is None and require_person:
        st.info("Welcome! Let's start your journal first.", icon="🌱")
        if st.button("Start here", type="primary"):
            switch_to("welcome")
        st.stop()
    if person is not None:
        st.session_state["person_id"] = person.id
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
    login = str(st.user.get("email") or st.user.get("sub") or "")
    person = store.person_by_login(login)
    if person is None:
        name = str(st.user.get("name") or login.split("@")[0] or "me")[:60]
        person = store.add_person(name, login=login)
    return person


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


def build_charts(result: analytics.Journey) -> dict[str, charts.Chart]:
    """The Journey figures for one result: main chart, bounce-back, strength, calendars."""
    built = {
        "journey": charts.journey_chart(
            result.daily, result.trend, result.episodes, result.setback_days, result.as_of
        ),
        "bounce_back": charts.bounce_back_chart(
            result.bounce_back,
            finding_way_back=any(e.recovered is None for e in result.episodes),
        ),
        "strength": charts.strength_chart(
            # A habit that has only just started has no strength to show yet.
            {h.name: h.strength for h in result.habits if not h.just_started},
            last_day=charts.last_entry_day(result),
        ),
    }
    years = charts.calendar_years(result.daily)
    if years:  # the latest year; others are built when picked (see mood_calendar)
        built[f"calendar:{years[0]}"] = charts.mood_calendar(result.daily, years[0])
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
    """Celebrate each new small win once: balloons and a kind toast for recent ones.

    Wins older than a week (say, after an import or on the demo) are recorded
    quietly: they show in the small-wins feed without a burst of balloons.
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
        st.toast(win.text, icon="🎉")
    if cheer:
        st.balloons()


def chart(item: charts.Chart) -> None:
    """A figure with its short text summary beside it (every chart has one).

    theme=None: the figures carry the app's style themselves (tracker/charts.py).
    Streamlit's theme turns on automargin for every axis, and plotly then draws each
    chart twice; on the Journey page that was a third of the browser's work.
    """
    st.plotly_chart(item.figure, width="stretch", config={"displayModeBar": False}, theme=None)
    st.caption(item.summary)


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
    st.markdown(
        "\n\n".join(
            f"**{plain(habit.name)}** · {percent(habit.strength_now)}  \n"
            f":small[:gray[{plain(analytics.describe_habit(habit))}]]"
            if not habit.just_started
            else f"**{plain(habit.name)}**  \n:small[:gray[{plain(analytics.JUST_STARTED)}]]"
            for habit in habits
        )
    )


ENCOURAGEMENT_DAYS = 14  # how long a peer's words stay on the Journey page


def encouragement_inbox(ctx: Context) -> None:
    """Words of encouragement from peers in the last two weeks, new ones marked, each
    with a way to hide it (all of them stay listed on the Share page)."""
    journal = ctx.journal
    since = dt.datetime.now() - dt.timedelta(days=ENCOURAGEMENT_DAYS)
    recent = [n for n in sharing.encouragements(journal) if not n.seen or n.created >= since]
    if not recent:
        return
    st.subheader("💌 You are not alone")
    for note in recent[:5]:
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


@dataclass(frozen=True)
class SharedResult:
    journey: analytics.Journey
    charts: dict[str, charts.Chart]
    wins: list[analytics.Win]
    notes: list[tuple[dt.date, str]]


@st.cache_resource(show_spinner=False, max_entries=CACHED_PEOPLE)
def load_shared(
    db: str, person_id: int, scopes: tuple[str, ...], as_of: dt.date, versions: DataVersions
) -> SharedResult:
    """What a share link shows, computed only from the frames its scopes allow."""
    args = (db, person_id, scopes, as_of, versions)
    forget_older(load_shared, (db, person_id, scopes), (as_of, versions.journal), args)
    full = load_frames(db, person_id, versions)
    scoped = sharing.scoped_frames(full, scopes)
    result = analytics.journey(scoped, as_of)
    wins = (
        analytics.small_wins(sharing.wins_frames(full, scopes), as_of) if "wins" in scopes else []
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
    return SharedResult(result, build_charts(result), wins, notes)


def shared_journey(store: Store, view: sharing.SharedView) -> SharedResult:
    return load_shared(
        str(store.path),
        view.person_id,
        tuple(sorted(view.scopes)),
        dt.date.today(),
        store.data_versions(view.person_id),
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
    if not (isinstance(picked, tuple) and len(picked) == 2) or not scopes:
        st.caption("Pick a start and end date and at least one section.")
        return
    assert ctx.person is not None
    name = ctx.person.name
    try:  # check the choice here, where a kind message can be shown
        start, end = report.report_dates(all_frames, scopes, picked[0], picked[1])
    except InvalidEntry as problem:
        st.caption(str(problem))
        return

    def document() -> str:
        # Built only when clicked (on its own thread): the page stays fast.
        return report.build_report(all_frames, name, scopes, start, end)

    st.download_button(
        "Download report",
        document,
        file_name=report.report_filename(ctx.person.name, start, end),
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
        st.toast(pending[0], icon=pending[1])


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
            raise
        _warn(
            "The journal is busy for a moment, so this wasn't saved yet. "
            "Everything you typed is still here: please press the button again.",
            "⏳",
            later,
        )


def _warn(text: str, icon: str, later: str | None) -> None:
    if later:
        st.session_state[later] = (text, icon)
    else:
        st.warning(text, icon=icon)


def show_later(key: str) -> None:
    """The gentle message a callback left under ``key`` (see :func:`kindly`), once."""
    waiting = st.session_state.pop(key, None)
    if waiting:
        st.warning(waiting[0], icon=waiting[1])


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


STRENGTH_HELP = (
    "Strength grows a little with every done day and fades slowly with misses, like a real "
    "habit. One missed day barely dents it; a skip or a pause leaves it as it was."
)


def percent(strength: float) -> str:
    """A strength as a percentage; a habit just started reads as growing, not as 0%."""
    if 0 < strength < 0.005:
        return "under 1%, growing"
    return f"{strength:.0%}"


_MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:"


def plain(text: str | None) -> str:
    """Text a person typed, made safe to place inside st.markdown: every markdown character
    is escaped, so it shows as written and can never become a link, image or HTML."""
    if not text:
        return ""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in text).replace(
        "\n", "  \n"
    )
