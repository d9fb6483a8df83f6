"""Cached reads, renewed on every write: a person's frames, Journey, charts and shared views,
keyed by database, person and that person's data versions."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from tracker import JournalFrames, Store, analytics, charts, sharing
from tracker.schema import LOG_TABLES
from tracker.store import DataVersions, open_store
from tracker.voice import about

if TYPE_CHECKING:
    from ui.session import Context

# How many entries each cache keeps (a shared server evicts the least recently used). An
# entry is one person's numbers at their newest data version (see forget_older): about
# one per journal in use, with room for the moment a write makes a newer one.
CACHED_PEOPLE = 128


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


@st.cache_resource(show_spinner=False, max_entries=CACHED_PEOPLE)
def load_journey_charts(
    db: str, person_id: int, as_of: dt.date, versions: DataVersions
) -> dict[str, charts.Chart]:
    """The Journey page's figures, built once per person, day and data version (plotly
    figures take longer to build than the numbers behind them)."""
    args = (db, person_id, as_of, versions)
    forget_older(load_journey_charts, (db, person_id), (as_of, versions.journal), args)
    return charts.journey_figures(load_journey(db, person_id, as_of, versions))


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


@dataclass(frozen=True)
class SharedResult:
    content: sharing.SharedContent
    charts: dict[str, charts.Chart]


@st.cache_resource(show_spinner=False, max_entries=CACHED_PEOPLE)
def load_shared(
    db: str,
    person_id: int,
    scopes: tuple[str, ...],
    as_of: dt.date,
    versions: DataVersions,
    name: str,
) -> SharedResult:
    """What a share link shows (sharing.shared_content, as the report does), from its
    first day to ``as_of``, told about the person by ``name`` (a peer reads "Sam's mood
    rose", not "your mood")."""
    args = (db, person_id, scopes, as_of, versions, name)
    forget_older(load_shared, (db, person_id, scopes, name), (as_of, versions.journal), args)
    full = load_frames(db, person_id, versions)
    content = sharing.shared_content(full, scopes, about(name), end=as_of, as_of=as_of)
    return SharedResult(content, sharing.shared_charts(content))


def shared_journey(store: Store, view: sharing.SharedView) -> SharedResult:
    return load_shared(
        str(store.path),
        view.person_id,
        tuple(sorted(view.scopes)),
        dt.date.today(),
        store.data_versions(view.person_id),
        view.owner_name,
    )
