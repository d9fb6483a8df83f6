"""Backups whose times carry UTC offsets, or are written oddly, restore into working pages.

Every time in a backup (a check-in's time, when a goal was set, a share's views...) is
stored the app's way: local time, ``YYYY-MM-DDTHH:MM:SS``. A file edited by hand or
written by another tool may say ``2024-03-01T09:00:00+02:00``, ``...Z``, ``2024-03-01
09:00`` or just ``2024-03-01``; stored as written, one offset among naive times made
Journey, Goals, Self-care and Share crash ("Mixed timezones detected").
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import analytics, sharing
from tracker.backup import make_backup, restore_backup
from tracker.errors import InvalidEntry
from tracker.store import Journal, Store, open_store

STORED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$")
PAGES = ["today", "journey", "goals", "selfcare", "share", "data", "peers"]


def _base_backup() -> dict:
    """A small journal with one of everything that has a time, as a backup."""
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "b.db") as store:
        journal = store.journal(store.add_person("Robin").id)
        day = dt.date(2024, 3, 1)
        journal.add_checkin(day, 4, "a calm morning")
        journal.add_checkin(day + dt.timedelta(days=1), 2)
        walk = journal.add_activity("Walk")
        journal.log_activity(walk.id, day)
        read = journal.add_goal("Read", times=1, per_days=1)
        journal.log_goal(read.id, day, "done")
        journal.add_goal("Call my sister", kind="oneoff")
        journal.add_setback(day, "a hard evening", "tea", "rest early")
        share, token = sharing.create_share(
            journal, "Group", ["mood", "goals"], dt.timedelta(days=30)
        )
        view = sharing.open_share(store, token)
        assert view is not None
        sharing.leave_encouragement(store, view, "Sam", "proud of you")
        sharing.create_share(journal, "Old link", ["mood"])
        sharing.revoke_share(journal, sharing.list_shares(journal)[-1].id)
        backup = make_backup(journal)
    backup["celebrations"] = [
        {
            "key": "first",
            "day": "2024-03-01",
            "text": "First check-in",
            "celebrated_at": "2024-03-01T08:00:00",
        }
    ]
    return backup


BASE = _base_backup()


def _stamp_fields(backup: dict) -> list[tuple[dict | list, str | int]]:
    """(container, key) of every time in a backup."""
    places: list[tuple[dict | list, str | int]] = []
    places += [(c, "logged_at") for c in backup["checkins"]]
    places += [(a, "created") for a in backup["activities"]]
    places += [(g, "created") for g in backup["goals"]]
    places += [(s, "created") for s in backup["setbacks"]]
    places += [(c, "celebrated_at") for c in backup["celebrations"]]
    places += [(c, "created") for c in backup["encouragements"]]
    for share in backup["shares"]:
        places += [(share, key) for key in ("created", "expires", "revoked") if share[key]]
        places += [(share["views"], index) for index in range(len(share["views"]))]
        places += [(c, "created") for c in share["encouragements"]]
    return places


moments = st.datetimes(min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2025, 12, 31))
offsets = st.integers(min_value=-12 * 4, max_value=14 * 4).map(
    lambda q: dt.timedelta(minutes=15 * q)
)


@st.composite
def stamp_text(draw) -> str:
    moment = draw(moments)
    form = draw(st.sampled_from(["naive", "micro", "space", "date", "z", "offset", "minutes"]))
    if form == "naive":
        return moment.replace(microsecond=0).isoformat()
    if form == "micro":
        return moment.isoformat(timespec="microseconds")
    if form == "space":
        return moment.isoformat(sep=" ", timespec="seconds")
    if form == "date":
        return moment.date().isoformat()
    if form == "minutes":
        return moment.isoformat(timespec="minutes")
    if form == "z":
        return moment.replace(microsecond=0).isoformat() + "Z"
    zone = dt.timezone(draw(offsets))
    return moment.replace(tzinfo=zone).isoformat(timespec="seconds")


@st.composite
def odd_backups(draw) -> dict:
    backup = _copy(BASE)
    for container, key in _stamp_fields(backup):
        container[key] = draw(stamp_text())  # type: ignore[index]
    return backup


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _every_stored_time(store: Store) -> list[str]:
    columns = {
        "checkins": ["logged_at"],
        "activities": ["created"],
        "goals": ["created"],
        "setbacks": ["created"],
        "celebrations": ["celebrated_at"],
        "shares": ["created", "expires", "revoked"],
        "share_views": ["viewed_at"],
        "encouragements": ["created"],
    }
    found = []
    for table, names in columns.items():
        for name in names:
            rows = store.db.execute(f"SELECT {name} FROM {table} WHERE {name} IS NOT NULL")
            found += [row[0] for row in rows.fetchall()]
    return found


def _everything_loads(journal: Journal) -> None:
    frames = journal.frames()
    result = analytics.journey(frames, dt.date(2026, 1, 1))
    assert result.daily is not None
    analytics.small_wins(frames, dt.date(2026, 1, 1))
    analytics.selfcare_week(frames, dt.date(2026, 1, 1))
    for share in sharing.list_shares(journal):
        sharing.share_views(journal, share.id)
    sharing.encouragements(journal, include_hidden=True)
    make_backup(journal)


def test_a_backup_with_utc_offsets_restores_into_pages_that_work(app_db):
    backup = _copy(BASE)
    read = next(goal for goal in backup["goals"] if goal["title"] == "Read")
    read["created"] = "2024-03-01T09:00:00+02:00"
    backup["activities"][0]["created"] = "2024-03-01T07:00:00Z"
    backup["shares"][0]["created"] = "2024-03-01T10:00:00-05:00"
    backup["setbacks"][0]["created"] = "2024-03-01 21:30"

    with open_store(app_db) as store:
        journal = restore_backup(store, backup)
        assert all(STORED.match(moment) for moment in _every_stored_time(store))
        goal_created = store.db.execute("SELECT created FROM goals WHERE title = 'Read'")
        expected = dt.datetime(2024, 3, 1, 7, tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
        assert goal_created.fetchone()[0] == expected.isoformat()
        _everything_loads(journal)
        person_id = journal.person.id
    _pages_run(person_id)


def _pages_run(person_id: int) -> None:
    import streamlit

    from tests.conftest import run_page

    for page in PAGES:
        streamlit.cache_data.clear()
        streamlit.cache_resource.clear()
        at = run_page(page, person_id=person_id)
        assert not at.exception, (page, [e.value for e in at.exception])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_backups())
def test_after_any_successful_restore_every_time_is_stored_the_apps_way(backup):
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "t.db") as store:
        try:
            journal = restore_backup(store, backup)
        except InvalidEntry:
            return  # refused kindly, nothing written
        assert all(STORED.match(moment) for moment in _every_stored_time(store))
        _everything_loads(journal)


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(odd_backups())
def test_after_any_successful_restore_every_page_runs(app_db, backup):
    path = Path(tempfile.mkdtemp()) / "pages.db"
    old = os.environ.get("TRACKER_DB")
    os.environ["TRACKER_DB"] = str(path)
    try:
        with open_store(path) as store:
            person_id = restore_backup(store, backup).person.id
        _pages_run(person_id)
    finally:
        os.environ["TRACKER_DB"] = old or str(app_db)


@pytest.mark.parametrize(
    "moment", ["soon", "1969-12-31T23:59:59", "2400-01-01T00:00:00", "2024-02-30T10:00:00"]
)
def test_a_time_that_isnt_one_is_refused_with_a_message(store, moment):
    backup = _copy(BASE)
    backup["goals"][0]["created"] = moment
    with pytest.raises(InvalidEntry, match="isn't a time we can read"):
        restore_backup(store, backup)
    assert store.people() == []
