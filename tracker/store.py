"""The one module that owns SQL.

``open_store(path)`` opens (and upgrades) the database. ``Store`` holds what is
not one person's: the list of people. ``Journal`` is one person's journal:
every read and write it makes is scoped to its ``person_id``, so nothing can be
read or changed through another person's journal.

Writes that touch several rows run in one transaction (``Store.transaction``),
started with BEGIN IMMEDIATE so that concurrent writers queue on the busy
timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
import time
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from sqlite_utils import Database

from tracker import records as r
from tracker import words
from tracker.errors import DatabaseProblem, InvalidEntry, NotFound
from tracker.schema import LOG_TABLES, migration_names, migrations

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUSY_TIMEOUT_MS = 30_000


def default_db_path() -> Path:
    """``TRACKER_DB`` if set, else ``data/tracker.db`` in the project folder."""
    return Path(os.environ.get("TRACKER_DB") or PROJECT_ROOT / "data" / "tracker.db")


def now_text() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def open_store(path: str | os.PathLike[str] | None = None) -> Store:
    """Open the database at ``path`` (default: :func:`default_db_path`), upgrading it.

    Raises :class:`DatabaseProblem` when the file is not a database we can read (or is
    damaged), can't be written, or was written by a newer version of the app; in every
    case nothing is written. Messages never name server paths: they are shown on pages.
    """
    path = Path(path) if path is not None else default_db_path()
    read_only = False
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not os.access(path, os.R_OK):
            raise DatabaseProblem(
                "The journal file can't be opened: the app has no permission to read it. "
                "Nothing was changed; the host can check the file's permissions."
            )
        # A file that turned read-only is still opened (read-only) so that every page
        # still shows; a save then fails with a calm message, and the form keeps its text.
        read_only = path.exists() and not os.access(path, os.W_OK)
    target = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, uri=read_only
    )
    try:
        # Read before any write: a file that is not SQLite fails here, untouched.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        _refuse_newer_schema(db)
        to_wal = str(path) != ":memory:" and _journal_mode(db) != "wal"
        if read_only and (to_wal or migrations.pending(db)):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        if to_wal or migrations.pending(db):
            _refuse_damaged(db)  # the switch and the upgrade write: never into a damaged file
        if to_wal:
            _enable_wal(db)
        if migrations.pending(db):
            _upgrade(db)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DatabaseProblem(
            fault_message(error) or "The journal file can't be opened. Nothing was changed."
        ) from error
    except DatabaseProblem:
        conn.close()
        raise
    return Store(db, path, read_only=read_only)


READ_ONLY = (
    "The journal can't be written to right now: its file, or the disk it is on, has "
    "become read-only. Nothing was changed; once the host makes it writable again, it "
    "works again."
)
DAMAGED = (
    "The journal file can't be read as a database: it looks damaged. Nothing was changed, "
    "and the file was left exactly as it is. If you have a backup, it can be restored "
    "into a new file."
)


def fault_message(error: sqlite3.Error) -> str | None:
    """A calm message for a database fault nobody can fix on the page (disk full, a
    read-only or damaged file, a busy journal), or None for any other error."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return (
            "The journal is busy with another task right now. Nothing was changed; "
            "please try again in a moment."
        )
    if "full" in text:
        return (
            "There's no room left on the disk that holds the journal, so nothing could be "
            "saved. Nothing was changed; once the host frees some space, it works again."
        )
    if "readonly" in text or "read-only" in text:
        return READ_ONLY
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DAMAGED
    if "unable to open" in text or "disk i/o" in text:
        return (
            "The journal file can't be opened right now. Nothing was changed; the host "
            "can check that its disk is there and working."
        )
    return None


def _refuse_damaged(db: Database) -> None:
    """Raise :class:`DatabaseProblem` when SQLite finds the file damaged. (Not on every
    open: it reads the whole file. Only before the open writes to it.)"""
    if [row[0] for row in db.execute("PRAGMA quick_check(1)").fetchall()] != ["ok"]:
        raise DatabaseProblem(DAMAGED)


def _upgrade(db: Database) -> None:
    """Apply pending migrations holding the write lock from the start: when several
    processes open a new file at once, one upgrades and the others wait and find it done
    (without the lock they race to create the same tables)."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)  # each migration becomes a savepoint inside this transaction
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")


def _enable_wal(db: Database, attempts: int = 50) -> None:
    """Switch a new file to WAL. The switch needs the file to itself and SQLite does not
    wait on the busy timeout for it, so when many processes open a new file at once,
    retry briefly."""
    for attempt in range(attempts):
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.05 + 0.01 * attempt)
            if _journal_mode(db) == "wal":
                return


def _journal_mode(db: Database) -> str:
    return next(db.query("PRAGMA journal_mode"))["journal_mode"]


def _refuse_newer_schema(db: Database) -> None:
    known = set(migration_names())
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - known
    if unknown:
        raise DatabaseProblem(
            "The journal file was written by a newer version of this app "
            f"(it has changes named {', '.join(sorted(unknown))}). Nothing was changed. "
            "Please update the app to open it."
        )


class Store:
    """The database as a whole: people, and a journal per person."""

    def __init__(self, db: Database, path: Path | None = None, *, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only  # the file can't be written now: saves fail calmly

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One transaction; nested calls become savepoints."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            conn.rollback()
            raise
        conn.execute("COMMIT")

    # --- people ---------------------------------------------------------------

    def people(self) -> list[r.Person]:
        return [_person(row) for row in self.db.query("SELECT * FROM people ORDER BY id")]

    def data_version(self, person_id: int) -> int:
        """A number that changes with every write to this person's journal (from any
        process); caches of their numbers are keyed by it (see schema.m004)."""
        return self.data_versions(person_id).journal

    def data_versions(self, person_id: int) -> DataVersions:
        """The journal's data version and those of its long log tables (schema.m005)."""
        rows = self.db.execute(
            "SELECT data_version, activity_logs_version, goal_logs_version FROM people "
            "WHERE id = ?",
            [person_id],
        )
        return DataVersions(*(rows.fetchone() or (0, 0, 0)))

    def person(self, person_id: int) -> r.Person:
        rows = list(self.db.query("SELECT * FROM people WHERE id = ?", [person_id]))
        if not rows:
            raise NotFound("We couldn't find that journal.")
        return _person(rows[0])

    def person_for_identity(
        self, issuer: str, subject: str, *, verified_email: str | None = None, name: str = "me"
    ) -> r.Person:
        """The journal of the person a sign-in provider vouches for, made on first sign-in.

        Matched on ``issuer`` + ``subject`` only (schema.m006). A journal from before, linked
        by ``people.login``, is taken over once: by a sign-in whose e-mail the provider has
        verified and equals that login, or whose subject equals it (older sign-ins without
        an e-mail). An unverified e-mail never opens a journal: it gets a new one.
        """
        if not issuer or not subject:
            raise InvalidEntry("The sign-in didn't say who you are, so no journal was opened.")
        with self.transaction():
            found = self._person_by_identity(issuer, subject)
            if found is not None:
                return found
            logins = [subject, *([verified_email] if verified_email else [])]
            legacy = list(
                self.db.query(
                    "SELECT id FROM people WHERE issuer IS NULL AND is_demo = 0 AND login IN "
                    f"({', '.join('?' for _ in logins)}) ORDER BY login = ? DESC, id LIMIT 1",
                    [*logins, verified_email or subject],  # an e-mail login first, as before
                )
            )
            if legacy:
                self.db.execute(
                    "UPDATE people SET issuer = ?, subject = ?, login = NULL WHERE id = ?",
                    [issuer, subject, legacy[0]["id"]],
                )
            else:
                try:
                    clean = r.clean_text(name, what="name", limit=r.MAX_NAME, required=True)
                except InvalidEntry:
                    clean = "me"
                self.db.execute(
                    "INSERT INTO people (name, created, issuer, subject) VALUES (?, ?, ?, ?)",
                    [clean, now_text(), issuer, subject],
                )
            found = self._person_by_identity(issuer, subject)
        assert found is not None
        return found

    def _person_by_identity(self, issuer: str, subject: str) -> r.Person | None:
        rows = list(
            self.db.query(
                "SELECT * FROM people WHERE issuer = ? AND subject = ?", [issuer, subject]
            )
        )
        return _person(rows[0]) if rows else None

    def person_by_name(self, name: str) -> r.Person | None:
        rows = list(
            self.db.query("SELECT * FROM people WHERE name = ? COLLATE NOCASE ORDER BY id", [name])
        )
        return _person(rows[0]) if rows else None

    def add_person(self, name: str, *, login: str | None = None, is_demo: bool = False) -> r.Person:
        clean = r.clean_text(name, what="name", limit=r.MAX_NAME, required=True)
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO people (name, created, login, is_demo) VALUES (?, ?, ?, ?)",
                [clean, now_text(), login, int(is_demo)],
            )
        return self.person(cursor.lastrowid)

    def rename_person(self, person_id: int, name: str) -> r.Person:
        clean = r.clean_text(name, what="name", limit=r.MAX_NAME, required=True)
        self.person(person_id)
        self.db.execute("UPDATE people SET name = ? WHERE id = ?", [clean, person_id])
        return self.person(person_id)

    def delete_person(self, person_id: int) -> None:
        """Delete a person and everything of theirs (cascades), in one transaction."""
        self.person(person_id)
        with self.transaction():
            self.db.execute("DELETE FROM people WHERE id = ?", [person_id])

    def journal(self, person_id: int) -> Journal:
        self.person(person_id)
        return Journal(self, person_id)

    # --- sharing: the token side (see tracker/sharing.py) ---------------------------------
    # A visitor with a link is nobody's journal: these find a share by its token's hash.

    def share_by_token_hash(self, token_hash: str) -> dict | None:
        """The share with this token hash (via its unique index), with its owner's name."""
        rows = list(
            self.db.query(
                "SELECT shares.*, coalesce(shares.shown_name, people.name) AS owner_name "
                "FROM shares "
                "JOIN people ON people.id = shares.person_id WHERE shares.token_hash = ?",
                [token_hash],
            )
        )
        return rows[0] if rows else None

    def set_share_shown_name(self, person_id: int, share_id: int, name: str | None) -> None:
        """The name a link calls its owner by (schema m010); None: their journal's name."""
        self.db.execute(
            "UPDATE shares SET shown_name = ? WHERE person_id = ? AND id = ?",
            [name, person_id, share_id],
        )

    def record_share_view(
        self, share_id: int, person_id: int, viewed_at: str, *, unless_since: str | None = None
    ) -> bool:
        """Record a view of a link, unless it was already viewed between ``unless_since``
        and ``viewed_at`` (a reload is the same visit). True when a view was recorded."""
        cursor = self.db.execute(
            "INSERT INTO share_views (person_id, share_id, viewed_at) SELECT ?, ?, ? "
            "WHERE ? IS NULL OR NOT EXISTS (SELECT 1 FROM share_views "
            "WHERE share_id = ? AND person_id = ? AND viewed_at > ? AND viewed_at <= ?)",
            [
                *(person_id, share_id, viewed_at, unless_since),
                *(share_id, person_id, unless_since, viewed_at),
            ],
        )
        return cursor.rowcount == 1

    def add_encouragement(
        self,
        share_id: int,
        person_id: int,
        author: str,
        message: str,
        created: str,
        *,
        limits: Iterable[tuple[str | None, int]] = (),
    ) -> int | None:
        """Store an encouragement if its share is still active at ``created`` and the link
        has carried fewer than ``n`` messages since ``since`` for each ``(since, n)`` in
        ``limits`` (``since`` None: ever); else None. One statement: two peers sending at
        once cannot both slip under a limit."""
        under_limits = "".join(
            " AND (SELECT count(*) FROM encouragements WHERE share_id = ? "
            "AND person_id = ? AND (? IS NULL OR created > ?)) < ?"
            for _ in limits
        )
        limit_params: list = []
        for since, most in limits:
            limit_params += [share_id, person_id, since, since, most]
        cursor = self.db.execute(
            "INSERT INTO encouragements (person_id, share_id, author, message, created) "
            "SELECT person_id, id, ?, ?, ? FROM shares WHERE id = ? AND person_id = ? "
            "AND revoked IS NULL AND (expires IS NULL OR expires > ?)" + under_limits,
            [author, message, created, share_id, person_id, created, *limit_params],
        )
        return cursor.lastrowid if cursor.rowcount == 1 else None

    def share_is_active(self, share_id: int, person_id: int, moment: str) -> bool:
        return bool(
            list(
                self.db.query(
                    "SELECT 1 FROM shares WHERE id = ? AND person_id = ? AND revoked IS NULL "
                    "AND (expires IS NULL OR expires > ?)",
                    [share_id, person_id, moment],
                )
            )
        )

    def count_link_encouragements(
        self, share_id: int, person_id: int, since: str | None = None
    ) -> int:
        """How many messages one link of ``person_id`` carried (since ``since``, if given)."""
        return next(
            self.db.query(
                "SELECT count(*) AS n FROM encouragements WHERE share_id = ? AND person_id = ? "
                "AND (? IS NULL OR created > ?)",
                [share_id, person_id, since, since],
            )
        )["n"]


def _person(row: dict) -> r.Person:
    return r.Person(
        id=row["id"],
        name=row["name"],
        created=row["created"],
        login=row["login"],
        is_demo=bool(row["is_demo"]),
    )


class DataVersions(NamedTuple):
    """Numbers that change with writes to a journal, from any process: ``journal`` with
    every write, the others with writes to that log table (schema.m004, m005)."""

    journal: int
    activity_logs: int
    goal_logs: int


@dataclass(frozen=True)
class JournalFrames:
    """One person's journal as DataFrames, the input of analytics and charts.

    ``day`` columns are ``datetime64`` at midnight; everything is sorted by day.
    """

    checkins: pd.DataFrame  # id, day, logged_at, mood, note
    activities: pd.DataFrame  # id, name, emoji, category, times, per_days, archived
    activity_logs: pd.DataFrame  # activity_id, day
    goals: pd.DataFrame  # id, title, kind, status, times, per_days, unit, target_*, ...
    goal_logs: pd.DataFrame  # goal_id, day, status, amount, reason
    goal_pauses: pd.DataFrame  # goal_id, start, end
    setbacks: pd.DataFrame  # id, day, what_happened, what_helped, try_next


class Journal:
    """One person's journal. Every query carries ``person_id``."""

    def __init__(self, store: Store, person_id: int) -> None:
        self.store = store
        self.db = store.db
        self.person_id = person_id

    @property
    def person(self) -> r.Person:
        return self.store.person(self.person_id)

    def _rows(self, sql: str, params: Iterable = ()) -> list[dict]:
        return list(self.db.query(sql, [self.person_id, *params]))

    # --- check-ins --------------------------------------------------------------

    def add_checkin(
        self,
        day: dt.date | str,
        mood: int,
        note: str | None = None,
        *,
        activities: Iterable[str | int] = (),
        goals_done: Iterable[int] = (),
        goal_amounts: dict[int, float] | None = None,
        logged_at: str | None = None,
        import_key: str | None = None,
    ) -> r.CheckIn:
        """Save a check-in with the day's self-care and goal check-offs, all or nothing.

        ``activities`` are activity ids or names; a new name is added to the catalogue.
        """
        day = r.parse_day(day)
        mood = r.check_mood(mood)
        note = r.clean_text(note, what="note", limit=r.MAX_NOTE)
        logged_at = logged_at or _logged_at_for(day)
        with self.store.transaction():
            cursor = self.db.execute(
                "INSERT INTO checkins (person_id, day, logged_at, mood, note, import_key) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [self.person_id, day.isoformat(), logged_at, mood, note, import_key],
            )
            for activity in activities:
                activity_id = (
                    self.ensure_activity(activity).id
                    if isinstance(activity, str)
                    else self.activity(activity).id
                )
                self.log_activity(activity_id, day)
            for goal_id in goals_done:
                self.log_goal(goal_id, day, "done")
            for goal_id, amount in (goal_amounts or {}).items():
                self.log_goal(goal_id, day, "amount", amount=amount)
        return self.checkin(cursor.lastrowid)

    def save_day_checkin(
        self,
        day: dt.date | str,
        mood: int,
        note: str | None = None,
        *,
        activity_ids: Iterable[int] = (),
        new_activities: Iterable[str] = (),
        goals_shown: Iterable[int] = (),
        goals_done: Iterable[int] = (),
        goal_amounts: Mapping[int, float | None] | None = None,
    ) -> r.CheckIn:
        """The Today form, all or nothing: a new check-in, and the day's self-care and
        goal check-offs made exactly what was ticked (unticking a goal that was done
        clears it; a skip or lapse on an unticked goal stays)."""
        day = r.parse_day(day)
        done = set(goals_done)
        with self.store.transaction():
            checkin = self.add_checkin(day, mood, note)
            names = [n for n in new_activities if n and n.strip()]
            added = [self.ensure_activity(name).id for name in names]
            self.set_day_activities(day, [*activity_ids, *added])
            logged = {log.goal_id: log.status for log in self.goal_logs(start=day, end=day)}
            for goal_id in goals_shown:
                if goal_id in done:
                    self.log_goal(goal_id, day, "done")
                elif logged.get(goal_id) == "done":
                    self.clear_goal_log(goal_id, day)
            # Goals with an amount ("at most 2 drinks"): a number sets the day's amount;
            # left empty, whatever was logged stays.
            for goal_id, amount in (goal_amounts or {}).items():
                if amount is not None:
                    self.log_goal(goal_id, day, "amount", amount=amount)
        return checkin

    def has_checkins(self) -> bool:
        return bool(self._rows("SELECT 1 FROM checkins WHERE person_id = ? LIMIT 1"))

    def checkin(self, checkin_id: int) -> r.CheckIn:
        rows = self._rows("SELECT * FROM checkins WHERE person_id = ? AND id = ?", [checkin_id])
        if not rows:
            raise NotFound("That check-in isn't in your journal any more.")
        return _checkin(rows[0])

    def checkins(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        *,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[r.CheckIn]:
        sql = "SELECT * FROM checkins WHERE person_id = ? AND day >= ? AND day <= ?"
        sql += (
            " ORDER BY day DESC, logged_at DESC, id DESC"
            if newest_first
            else " ORDER BY day, logged_at, id"
        )
        params: list = [(start or r.EARLIEST_DAY).isoformat(), (end or dt.date.max).isoformat()]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_checkin(row) for row in self._rows(sql, params)]

    def update_checkin(
        self, checkin_id: int, *, mood: int, note: str | None, day: dt.date | str | None = None
    ) -> r.CheckIn:
        current = self.checkin(checkin_id)
        mood = r.check_mood(mood)
        note = r.clean_text(note, what="note", limit=r.MAX_NOTE)
        new_day = r.parse_day(day) if day is not None else current.day
        logged_at = current.logged_at
        if new_day != current.day:
            logged_at = new_day.isoformat() + logged_at[10:]
        self.db.execute(
            "UPDATE checkins SET mood = ?, note = ?, day = ?, logged_at = ? "
            "WHERE person_id = ? AND id = ?",
            [mood, note, new_day.isoformat(), logged_at, self.person_id, checkin_id],
        )
        return self.checkin(checkin_id)

    def delete_checkin(self, checkin_id: int, *, with_day_logs: bool = False) -> None:
        """Delete a check-in. ``with_day_logs``: when it was the day's last check-in, the
        day's self-care and goal logs go too (the page asks the person first)."""
        entry = self.checkin(checkin_id)
        with self.store.transaction():
            self.db.execute(
                "DELETE FROM checkins WHERE person_id = ? AND id = ?", [self.person_id, checkin_id]
            )
            if with_day_logs and not self.day_checkins(entry.day):
                for table in ("activity_logs", "goal_logs"):
                    self.db.execute(
                        f"DELETE FROM {table} WHERE person_id = ? AND day = ?",
                        [self.person_id, entry.day.isoformat()],
                    )

    # --- self-care activities ------------------------------------------------------

    def add_activity(
        self,
        name: str,
        *,
        emoji: str | None = None,
        category: str | None = None,
        times: int | None = None,
        per_days: int | None = None,
        kind: str = "selfcare",
    ) -> r.Activity:
        clean = r.clean_text(name, what="activity name", limit=r.MAX_NAME, required=True)
        emoji = r.clean_text(emoji, what="emoji", limit=8)
        category = r.check_category(category)
        kind = r.check_activity_kind(kind)
        if times is not None or per_days is not None:
            times, per_days = r.check_cadence(times, per_days)
        if self.activity_named(clean) is not None:
            raise InvalidEntry(f"You already have an activity called “{clean}”.")
        cursor = self.db.execute(
            "INSERT INTO activities "
            "(person_id, name, emoji, category, times, per_days, kind, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [self.person_id, clean, emoji, category, times, per_days, kind, now_text()],
        )
        return self.activity(cursor.lastrowid)

    def ensure_activity(self, name: str) -> r.Activity:
        """The activity with this name (any case), added if new; an archived one comes back."""
        clean = r.clean_text(name, what="activity name", limit=r.MAX_NAME, required=True)
        found = self.activity_named(clean)
        if found is None:
            return self.add_activity(clean)
        if found.archived:
            self.archive_activity(found.id, archived=False)
            return self.activity(found.id)
        return found

    def activity(self, activity_id: int) -> r.Activity:
        rows = self._rows("SELECT * FROM activities WHERE person_id = ? AND id = ?", [activity_id])
        if not rows:
            raise NotFound("That activity isn't in your list any more.")
        return _activity(rows[0])

    def activity_named(self, name: str) -> r.Activity | None:
        rows = self._rows(
            "SELECT * FROM activities WHERE person_id = ? AND name = ? COLLATE NOCASE",
            [name.strip()],
        )
        return _activity(rows[0]) if rows else None

    def activities(self, *, include_archived: bool = False) -> list[r.Activity]:
        sql = "SELECT * FROM activities WHERE person_id = ?"
        if not include_archived:
            sql += " AND archived = 0"
        return [_activity(row) for row in self._rows(sql + " ORDER BY name COLLATE NOCASE")]

    def update_activity(self, activity_id: int, **changes: object) -> r.Activity:
        """Change an activity's name, emoji, category or cadence (times, per_days); fields
        not given stay as they are, as in :meth:`update_goal`. Give ``None`` (or empty
        text) to clear one. History follows a rename: logs point at the id."""
        current = self.activity(activity_id)
        merged = {
            "name": current.name,
            "emoji": current.emoji,
            "category": current.category,
            "times": current.times,
            "per_days": current.per_days,
        }
        unknown = set(changes) - set(merged)
        if unknown:
            raise TypeError(f"update_activity() got unexpected fields {sorted(unknown)}")
        merged.update(changes)
        clean = r.clean_text(merged["name"], what="activity name", limit=r.MAX_NAME, required=True)
        other = self.activity_named(clean)
        if other is not None and other.id != activity_id:
            raise InvalidEntry(
                f"You already have an activity called “{clean}”. To join them, use merge."
            )
        times, per_days = merged["times"], merged["per_days"]
        if times is not None or per_days is not None:
            times, per_days = r.check_cadence(times, per_days)
        self.db.execute(
            "UPDATE activities SET name = ?, emoji = ?, category = ?, times = ?, per_days = ? "
            "WHERE person_id = ? AND id = ?",
            [
                clean,
                r.clean_text(merged["emoji"], what="emoji", limit=8),
                r.check_category(merged["category"]),
                times,
                per_days,
                self.person_id,
                activity_id,
            ],
        )
        return self.activity(activity_id)

    def merge_activities(self, keep_id: int, merge_id: int) -> r.Activity:
        """Fold ``merge_id`` into ``keep_id``: its days move over, then it is removed."""
        if keep_id == merge_id:
            raise InvalidEntry("Pick two different activities to merge.")
        self.activity(keep_id)
        self.activity(merge_id)
        with self.store.transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO activity_logs (person_id, activity_id, day) "
                "SELECT person_id, ?, day FROM activity_logs "
                "WHERE person_id = ? AND activity_id = ?",
                [keep_id, self.person_id, merge_id],
            )
            self.db.execute(
                "DELETE FROM activities WHERE person_id = ? AND id = ?", [self.person_id, merge_id]
            )
        return self.activity(keep_id)

    def set_activity_kind(self, activity_id: int, kind: str) -> r.Activity:
        """Self-care, neutral or something to watch; its history stays as it is."""
        self.activity(activity_id)
        self.db.execute(
            "UPDATE activities SET kind = ? WHERE person_id = ? AND id = ?",
            [r.check_activity_kind(kind), self.person_id, activity_id],
        )
        return self.activity(activity_id)

    def archive_activity(self, activity_id: int, *, archived: bool = True) -> None:
        self.activity(activity_id)
        self.db.execute(
            "UPDATE activities SET archived = ? WHERE person_id = ? AND id = ?",
            [int(archived), self.person_id, activity_id],
        )

    def log_activity(self, activity_id: int, day: dt.date | str) -> None:
        day = r.parse_day(day)
        # Insert only an activity of this person's; nothing inserted means it was already
        # logged, or it is not theirs (NotFound, rather than a foreign-key error).
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO activity_logs (person_id, activity_id, day) "
            "SELECT person_id, id, ? FROM activities WHERE person_id = ? AND id = ?",
            [day.isoformat(), self.person_id, activity_id],
        )
        if cursor.rowcount == 0:
            self.activity(activity_id)

    def day_activities(self, day: dt.date | str) -> set[int]:
        day = r.parse_day(day)
        rows = self._rows(
            "SELECT activity_id FROM activity_logs WHERE person_id = ? AND day = ?",
            [day.isoformat()],
        )
        return {row["activity_id"] for row in rows}

    def set_day_activities(self, day: dt.date | str, activity_ids: Iterable[int]) -> None:
        """Make the day's self-care exactly ``activity_ids``, in one transaction."""
        day = r.parse_day(day)
        wanted = set(activity_ids)
        for activity_id in wanted:
            self.activity(activity_id)
        with self.store.transaction():
            self.db.execute(
                "DELETE FROM activity_logs WHERE person_id = ? AND day = ?",
                [self.person_id, day.isoformat()],
            )
            for activity_id in sorted(wanted):
                self.log_activity(activity_id, day)

    # --- goals ---------------------------------------------------------------------

    def add_goal(
        self,
        title: str,
        *,
        kind: str = "habit",
        why: str | None = None,
        times: int | None = None,
        per_days: int | None = None,
        unit: str | None = None,
        target_type: str | None = None,
        target_value: float | None = None,
        target_date: dt.date | str | None = None,
        steps: Iterable[str] = (),
    ) -> r.Goal:
        fields = _goal_fields(
            title=title,
            kind=kind,
            why=why,
            times=times,
            per_days=per_days,
            unit=unit,
            target_type=target_type,
            target_value=target_value,
            target_date=target_date,
        )
        step_titles = [
            r.clean_text(step, what="step", limit=r.MAX_TITLE)
            for step in steps
            if step and step.strip()
        ]
        with self.store.transaction():
            cursor = self.db.execute(
                "INSERT INTO goals (person_id, title, why, kind, times, per_days, unit, "
                "target_type, target_value, target_date, status, created) "
                "VALUES (:person_id, :title, :why, :kind, :times, :per_days, :unit, "
                ":target_type, :target_value, :target_date, 'active', :created)",
                {**fields, "person_id": self.person_id, "created": now_text()},
            )
            goal_id = cursor.lastrowid
            for step in step_titles:
                self.add_step(goal_id, step)
        return self.goal(goal_id)

    def update_goal(self, goal_id: int, **changes: object) -> r.Goal:
        """Change a goal's what/why/cadence/target; fields not given stay as they are."""
        current = self.goal(goal_id)
        merged = {
            "title": current.title,
            "kind": current.kind,
            "why": current.why,
            "times": current.times,
            "per_days": current.per_days,
            "unit": current.unit,
            "target_type": current.target_type,
            "target_value": current.target_value,
            "target_date": current.target_date,
        }
        unknown = set(changes) - set(merged)
        if unknown:
            raise TypeError(f"update_goal() got unexpected fields {sorted(unknown)}")
        merged.update(changes)
        fields = _goal_fields(**merged)  # type: ignore[arg-type]
        self.db.execute(
            "UPDATE goals SET title = :title, why = :why, kind = :kind, times = :times, "
            "per_days = :per_days, unit = :unit, target_type = :target_type, "
            "target_value = :target_value, target_date = :target_date "
            "WHERE person_id = :person_id AND id = :id",
            {**fields, "person_id": self.person_id, "id": goal_id},
        )
        return self.goal(goal_id)

    def goal(self, goal_id: int) -> r.Goal:
        rows = self._rows("SELECT * FROM goals WHERE person_id = ? AND id = ?", [goal_id])
        if not rows:
            raise NotFound("That goal isn't in your journal any more.")
        return _goal(rows[0], self._steps(goal_id))

    def goals(self, statuses: Iterable[str] | None = None) -> list[r.Goal]:
        rows = self._rows("SELECT * FROM goals WHERE person_id = ? ORDER BY created, id")
        wanted = set(statuses) if statuses is not None else None
        steps = self._all_steps()
        return [
            _goal(row, steps.get(row["id"], ()))
            for row in rows
            if wanted is None or row["status"] in wanted
        ]

    def set_goal_status(
        self, goal_id: int, status: str, *, on: dt.date | str | None = None
    ) -> r.Goal:
        """Move a goal between active, paused, achieved and archived.

        Pausing opens a pause from ``on`` (default today); resuming closes it the
        day before, so paused days count as skipped in the analytics.
        """
        if status not in r.GOAL_STATUSES:
            raise InvalidEntry("A goal can be active, paused, achieved or archived.")
        current = self.goal(goal_id)
        day = r.parse_day(on) if on is not None else dt.date.today()
        with self.store.transaction():
            open_pause = self._rows(
                "SELECT id, start FROM goal_pauses WHERE person_id = ? AND goal_id = ? "
                "AND end IS NULL",
                [goal_id],
            )
            if status == "paused" and not open_pause:
                self.db.execute(
                    "INSERT INTO goal_pauses (person_id, goal_id, start) VALUES (?, ?, ?)",
                    [self.person_id, goal_id, day.isoformat()],
                )
            elif status != "paused" and open_pause:
                start = dt.date.fromisoformat(open_pause[0]["start"])
                end = max(start, day - dt.timedelta(days=1))
                self.db.execute(
                    "UPDATE goal_pauses SET end = ? WHERE person_id = ? AND id = ?",
                    [end.isoformat(), self.person_id, open_pause[0]["id"]],
                )
            achieved_on = (current.achieved_on or day).isoformat() if status == "achieved" else None
            self.db.execute(
                "UPDATE goals SET status = ?, achieved_on = ? WHERE person_id = ? AND id = ?",
                [status, achieved_on, self.person_id, goal_id],
            )
        return self.goal(goal_id)

    def goal_pauses(self, goal_id: int) -> list[tuple[dt.date, dt.date | None]]:
        rows = self._rows(
            "SELECT start, end FROM goal_pauses WHERE person_id = ? AND goal_id = ? ORDER BY start",
            [goal_id],
        )
        return [(dt.date.fromisoformat(row["start"]), _day(row["end"])) for row in rows]

    def log_goal(
        self,
        goal_id: int,
        day: dt.date | str,
        status: str,
        *,
        amount: float | None = None,
        reason: str | None = None,
    ) -> r.GoalLog:
        """Record one day of a goal: done, an amount, skipped (with a reason) or lapsed.

        Replaces what was logged for that day; "not logged" is the absence of a row.
        """
        goal = self.goal(goal_id)
        day = r.parse_day(day)
        if status not in r.GOAL_LOG_STATUSES:
            raise InvalidEntry("A day of a goal is done, an amount, skipped, or lapsed.")
        if status == "amount":
            try:
                amount = float(amount)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise InvalidEntry("Please give the amount as a number.") from None
            if not (0 <= amount < 1e9) or amount != amount:
                raise InvalidEntry("The amount should be zero or more.")
            if not goal.is_measurable:
                raise InvalidEntry(f"“{goal.title}” is a yes/no goal; mark it done instead.")
        else:
            amount = None
        reason = r.clean_text(reason, what="reason", limit=r.MAX_REASON)
        if status != "skipped":
            reason = None
        self.db.execute(
            "INSERT OR REPLACE INTO goal_logs (person_id, goal_id, day, status, amount, reason) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [self.person_id, goal_id, day.isoformat(), status, amount, reason],
        )
        return r.GoalLog(goal_id=goal_id, day=day, status=status, amount=amount, reason=reason)  # type: ignore[arg-type]

    def clear_goal_log(self, goal_id: int, day: dt.date | str) -> None:
        """Back to "not logged" for that day."""
        day = r.parse_day(day)
        self.db.execute(
            "DELETE FROM goal_logs WHERE person_id = ? AND goal_id = ? AND day = ?",
            [self.person_id, goal_id, day.isoformat()],
        )

    def goal_logs(
        self, goal_id: int | None = None, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[r.GoalLog]:
        sql = "SELECT * FROM goal_logs WHERE person_id = ? AND day >= ? AND day <= ?"
        params: list = [(start or r.EARLIEST_DAY).isoformat(), (end or dt.date.max).isoformat()]
        if goal_id is not None:
            sql += " AND goal_id = ?"
            params.append(goal_id)
        return [
            r.GoalLog(
                goal_id=row["goal_id"],
                day=dt.date.fromisoformat(row["day"]),
                status=row["status"],
                amount=row["amount"],
                reason=row["reason"],
            )
            for row in self._rows(sql + " ORDER BY day", params)
        ]

    def add_step(self, goal_id: int, title: str) -> r.GoalStep:
        self.goal(goal_id)
        clean = r.clean_text(title, what="step", limit=r.MAX_TITLE, required=True)
        position = self._rows(
            "SELECT coalesce(max(position), -1) + 1 AS next FROM goal_steps "
            "WHERE person_id = ? AND goal_id = ?",
            [goal_id],
        )[0]["next"]
        cursor = self.db.execute(
            "INSERT INTO goal_steps (person_id, goal_id, title, position) VALUES (?, ?, ?, ?)",
            [self.person_id, goal_id, clean, position],
        )
        return r.GoalStep(
            id=cursor.lastrowid, goal_id=goal_id, title=clean, done=False, position=position
        )

    def set_step_done(self, step_id: int, done: bool = True) -> None:
        cursor = self.db.execute(
            "UPDATE goal_steps SET done = ? WHERE person_id = ? AND id = ?",
            [int(done), self.person_id, step_id],
        )
        if cursor.rowcount == 0:
            raise NotFound("That step isn't part of your goals any more.")

    def _steps(self, goal_id: int) -> tuple[r.GoalStep, ...]:
        return tuple(
            _step(row)
            for row in self._rows(
                "SELECT * FROM goal_steps WHERE person_id = ? AND goal_id = ? "
                "ORDER BY position, id",
                [goal_id],
            )
        )

    def _all_steps(self) -> dict[int, tuple[r.GoalStep, ...]]:
        grouped: dict[int, list[r.GoalStep]] = {}
        for row in self._rows(
            "SELECT * FROM goal_steps WHERE person_id = ? ORDER BY goal_id, position, id"
        ):
            grouped.setdefault(row["goal_id"], []).append(_step(row))
        return {goal_id: tuple(steps) for goal_id, steps in grouped.items()}

    # --- setbacks ------------------------------------------------------------------

    def add_setback(
        self,
        day: dt.date | str,
        what_happened: str,
        what_helped: str | None = None,
        try_next: str | None = None,
        *,
        import_key: str | None = None,
    ) -> r.Setback:
        day = r.parse_day(day)
        fields = _setback_fields(what_happened, what_helped, try_next)
        cursor = self.db.execute(
            "INSERT INTO setbacks (person_id, day, what_happened, what_helped, try_next, "
            "created, import_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self.person_id, day.isoformat(), *fields, now_text(), import_key],
        )
        return self.setback(cursor.lastrowid)

    def setback(self, setback_id: int) -> r.Setback:
        rows = self._rows("SELECT * FROM setbacks WHERE person_id = ? AND id = ?", [setback_id])
        if not rows:
            raise NotFound("That setback note isn't in your journal any more.")
        return _setback(rows[0])

    def setbacks(self) -> list[r.Setback]:
        rows = self._rows("SELECT * FROM setbacks WHERE person_id = ? ORDER BY day DESC, id DESC")
        return [_setback(row) for row in rows]

    def update_setback(
        self,
        setback_id: int,
        what_happened: str,
        what_helped: str | None = None,
        try_next: str | None = None,
        *,
        day: dt.date | str | None = None,
    ) -> r.Setback:
        """Its words, and its day when ``day`` is given (None keeps the day)."""
        current = self.setback(setback_id)
        moved = r.parse_day(day) if day is not None else current.day
        fields = _setback_fields(what_happened, what_helped, try_next)
        self.db.execute(
            "UPDATE setbacks SET day = ?, what_happened = ?, what_helped = ?, try_next = ? "
            "WHERE person_id = ? AND id = ?",
            [moved.isoformat(), *fields, self.person_id, setback_id],
        )
        return self.setback(setback_id)

    def delete_setback(self, setback_id: int) -> None:
        self.setback(setback_id)
        self.db.execute(
            "DELETE FROM setbacks WHERE person_id = ? AND id = ?", [self.person_id, setback_id]
        )

    # --- the journal page: days, search, complete editing (issue 13) ------------------

    def day_checkins(self, day: dt.date | str) -> list[r.CheckIn]:
        """The check-ins of one day, in the order they were made."""
        day = r.parse_day(day)
        rows = self._rows(
            "SELECT * FROM checkins WHERE person_id = ? AND day = ? ORDER BY logged_at, id",
            [day.isoformat()],
        )
        return [_checkin(row) for row in rows]

    def last_checkin_day(self) -> dt.date | None:
        rows = self._rows("SELECT max(day) AS day FROM checkins WHERE person_id = ?")
        return _day(rows[0]["day"])

    def day_log_counts(self, day: dt.date | str) -> tuple[int, int]:
        """How many self-care and goal logs the day holds."""
        day = r.parse_day(day)
        [row] = self._rows(
            "SELECT (SELECT count(*) FROM activity_logs WHERE person_id = ?1 AND day = ?2) AS a, "
            "(SELECT count(*) FROM goal_logs WHERE person_id = ?1 AND day = ?2) AS g",
            [day.isoformat()],
        )
        return row["a"], row["g"]

    def edit_checkin(
        self,
        checkin_id: int,
        *,
        day: dt.date | str,
        mood: int,
        note: str | None,
        activity_ids: Iterable[int] | None = None,
    ) -> r.CheckIn:
        """Change a check-in's day, mood, note and that day's self-care, all or nothing.

        Self-care and goal logs belong to a day. Moving a day's only check-in to another
        day moves that day's logs with it (a log already on the new day stays), so nothing
        is left behind on a day without a check-in.
        """
        current = self.checkin(checkin_id)
        new_day = r.parse_day(day)
        with self.store.transaction():
            alone = len(self.day_checkins(current.day)) == 1
            updated = self.update_checkin(checkin_id, mood=mood, note=note, day=new_day)
            if new_day != current.day and alone:
                self._move_day_logs(current.day, new_day)
            if activity_ids is not None:
                self.set_day_activities(new_day, activity_ids)
        return updated

    def _move_day_logs(self, old: dt.date, new: dt.date) -> None:
        for table, columns in (
            ("activity_logs", "activity_id"),
            ("goal_logs", "goal_id, status, amount, reason"),
        ):
            self.db.execute(
                f"INSERT OR IGNORE INTO {table} (person_id, day, {columns}) "
                f"SELECT person_id, ?, {columns} FROM {table} WHERE person_id = ? AND day = ?",
                [new.isoformat(), self.person_id, old.isoformat()],
            )
            self.db.execute(
                f"DELETE FROM {table} WHERE person_id = ? AND day = ?",
                [self.person_id, old.isoformat()],
            )

    def search_checkins(
        self,
        text: str = "",
        *,
        moods: Iterable[int] = (),
        activity_id: int | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> list[tuple[int, dt.date]]:
        """(id, day) of every check-in matching, newest first.

        ``text``: words in the note, any case, accents or not; each word also finds
        longer ones it begins ("walk" finds "walking"). ``moods``: any of these moods.
        ``activity_id``: on a day with that self-care.
        """
        sql = "SELECT c.id, c.day FROM checkins AS c"
        params: list = []
        query = search_query(text)
        if query:
            sql += " JOIN checkin_search AS s ON s.rowid = c.id AND checkin_search MATCH ?"
            params.append(query)
        sql += " WHERE c.person_id = ? AND c.day >= ? AND c.day <= ?"
        params += [
            self.person_id,
            (start or r.EARLIEST_DAY).isoformat(),
            (end or dt.date.max).isoformat(),
        ]
        wanted_moods = sorted({r.check_mood(m) for m in moods})
        if wanted_moods:
            sql += f" AND c.mood IN ({', '.join('?' for _ in wanted_moods)})"
            params += wanted_moods
        if activity_id is not None:
            sql += (
                " AND EXISTS (SELECT 1 FROM activity_logs AS a WHERE a.person_id = c.person_id "
                "AND a.day = c.day AND a.activity_id = ?)"
            )
            params.append(activity_id)
        sql += " ORDER BY c.day DESC, c.logged_at DESC, c.id DESC"
        rows = self.db.execute(sql, params).fetchall()
        return [(row[0], dt.date.fromisoformat(row[1])) for row in rows]

    def checkins_by_id(self, ids: Iterable[int]) -> list[r.CheckIn]:
        """These check-ins of this person, newest first."""
        wanted = list(ids)
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        rows = self._rows(
            f"SELECT * FROM checkins WHERE person_id = ? AND id IN ({marks}) "
            "ORDER BY day DESC, logged_at DESC, id DESC",
            wanted,
        )
        return [_checkin(row) for row in rows]

    def days_details(self, days: Iterable[dt.date]) -> dict[dt.date, DayDetails]:
        """Self-care, goal logs and setback notes of a few days (a page of the journal)."""
        wanted = sorted({day.isoformat() for day in days})
        details = {dt.date.fromisoformat(day): DayDetails() for day in wanted}
        if not wanted:
            return details
        marks = ", ".join("?" for _ in wanted)
        for row in self._rows(
            "SELECT l.day, a.name, a.emoji FROM activity_logs AS l JOIN activities AS a "
            "ON a.id = l.activity_id AND a.person_id = l.person_id "
            f"WHERE l.person_id = ? AND l.day IN ({marks}) ORDER BY a.name COLLATE NOCASE",
            wanted,
        ):
            label = f"{row['emoji']} {row['name']}" if row["emoji"] else row["name"]
            details[dt.date.fromisoformat(row["day"])].selfcare.append(label)
        for row in self._rows(
            "SELECT l.day, l.status, l.amount, g.title, g.unit FROM goal_logs AS l "
            "JOIN goals AS g ON g.id = l.goal_id AND g.person_id = l.person_id "
            f"WHERE l.person_id = ? AND l.day IN ({marks}) ORDER BY g.title COLLATE NOCASE",
            wanted,
        ):
            details[dt.date.fromisoformat(row["day"])].goals.append(_goal_log_words(row))
        for row in self._rows(
            f"SELECT * FROM setbacks WHERE person_id = ? AND day IN ({marks}) ORDER BY id",
            wanted,
        ):
            details[dt.date.fromisoformat(row["day"])].setbacks.append(_setback(row))
        for row in self._rows(
            f"SELECT day, count(*) AS n FROM checkins WHERE person_id = ? AND day IN ({marks}) "
            "GROUP BY day",
            wanted,
        ):
            details[dt.date.fromisoformat(row["day"])].checkins = row["n"]
        return details

    def checkin_count(self) -> int:
        return self._rows("SELECT count(*) AS n FROM checkins WHERE person_id = ?")[0]["n"]

    def search_setbacks(self, text: str) -> list[r.Setback]:
        """Setback notes whose reflections hold every word typed (any case, accents or
        not, word beginnings), newest first. A person has a few hundred at most."""
        wanted = [_folded(w) for w in (text or "").split() if any(ch.isalnum() for ch in w)]
        if not wanted:
            return []
        found = []
        for setback in self.setbacks():
            said = " ".join(
                t for t in (setback.what_happened, setback.what_helped, setback.try_next) if t
            )
            starts = {_folded(word) for word in _WORD.findall(said)}
            if all(any(s.startswith(w) for s in starts) for w in wanted):
                found.append(setback)
        return found

    def what_helped_before(self, limit: int = 3) -> list[r.Setback]:
        """The newest setback notes that say what helped: to remind a person on a hard day."""
        rows = self._rows(
            "SELECT * FROM setbacks WHERE person_id = ? AND coalesce(what_helped, '') != '' "
            "ORDER BY day DESC, id DESC LIMIT ?",
            [limit],
        )
        return [_setback(row) for row in rows]

    # --- the support plan for hard days ----------------------------------------------

    def support_plan(self) -> r.SupportPlan:
        rows = self._rows("SELECT * FROM support_plans WHERE person_id = ?")
        if not rows:
            return r.SupportPlan()
        row = rows[0]
        contacts = tuple(
            r.SupportContact(item.get("name", ""), item.get("how"))
            for item in json.loads(row["contacts"] or "[]")
        )
        return r.SupportPlan(contacts, row["helps"], row["crisis_line"], row["updated"])

    def save_support_plan(
        self,
        contacts: Iterable[r.SupportContact | dict],
        helps: str | None,
        crisis_line: str | None,
        *,
        updated: str | None = None,
    ) -> r.SupportPlan:
        plan = r.check_support_plan(list(contacts), helps, crisis_line)
        people = json.dumps(
            [{"name": c.name, "how": c.how} for c in plan.contacts], ensure_ascii=False
        )
        self.db.execute(
            "INSERT INTO support_plans (person_id, contacts, helps, crisis_line, updated) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET "
            "contacts = excluded.contacts, helps = excluded.helps, "
            "crisis_line = excluded.crisis_line, updated = excluded.updated",
            [self.person_id, people, plan.helps, plan.crisis_line, updated or now_text()],
        )
        return self.support_plan()

    # --- celebrations (milestones shown once) -----------------------------------------

    def celebrated_keys(self) -> set[str]:
        return {
            row["key"] for row in self._rows("SELECT key FROM celebrations WHERE person_id = ?")
        }

    def mark_all_celebrated(self, wins: Iterable[tuple[str, dt.date, str]]) -> set[str]:
        """Record ``(key, day, text)`` milestones as celebrated, in one transaction.

        Returns the keys newly recorded: a key another tab recorded first is left out,
        so that tab's cheer is not repeated. One transaction, because a journal opened
        for the first time (an import, the demo) can have dozens of wins at once.
        """
        marked = set()
        with self.store.transaction():
            for key, day, text in wins:
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO celebrations (person_id, key, day, text, celebrated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [self.person_id, key, day.isoformat(), text, now_text()],
                )
                if cursor.rowcount == 1:
                    marked.add(key)
        return marked

    # --- sharing: the owner side (see tracker/sharing.py) ------------------------------------

    def insert_share(
        self, label: str, token_hash: str, scopes: str, created: str, expires: str | None
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO shares (person_id, label, token_hash, scopes, created, expires) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [self.person_id, label, token_hash, scopes, created, expires],
        )
        return cursor.lastrowid

    def share_rows(self, share_id: int | None = None) -> list[dict]:
        """This person's shares (no token hash), newest first, with views counted."""
        sql = (
            "SELECT s.id, s.person_id, s.label, s.scopes, s.created, s.expires, s.revoked, "
            "count(v.id) AS view_count, max(v.viewed_at) AS last_viewed FROM shares s "
            "LEFT JOIN share_views v ON v.share_id = s.id AND v.person_id = s.person_id "
            "WHERE s.person_id = ?"
        )
        params: list = []
        if share_id is not None:
            sql += " AND s.id = ?"
            params.append(share_id)
        return self._rows(sql + " GROUP BY s.id ORDER BY s.created DESC, s.id DESC", params)

    def _own_share(self, share_id: int) -> None:
        if not self._rows("SELECT 1 FROM shares WHERE person_id = ? AND id = ?", [share_id]):
            raise NotFound("That link isn't one of yours any more.")

    def revoke_share(self, share_id: int, revoked: str) -> None:
        """Revoke at once; revoking again keeps the first time."""
        self._own_share(share_id)
        self.db.execute(
            "UPDATE shares SET revoked = coalesce(revoked, ?) WHERE person_id = ? AND id = ?",
            [revoked, self.person_id, share_id],
        )

    def share_view_times(self, share_id: int, limit: int = -1) -> list[str]:
        """When the link was opened, newest first (the newest ``limit``; -1: all)."""
        self._own_share(share_id)
        rows = self._rows(
            "SELECT viewed_at FROM share_views WHERE person_id = ? AND share_id = ? "
            "ORDER BY viewed_at DESC, id DESC LIMIT ?",
            [share_id, limit],
        )
        return [row["viewed_at"] for row in rows]

    def encouragement_rows(
        self,
        *,
        include_hidden: bool = False,
        limit: int | None = None,
        offset: int = 0,
        unseen_or_since: str | None = None,
    ) -> list[dict]:
        """Encouragements left for this person, newest first, with their link's label:
        ``limit`` of them from ``offset``, or all; with ``unseen_or_since``, only those
        not seen yet or left after that time."""
        sql = (
            "SELECT e.id, e.share_id, e.author, e.message, e.created, e.hidden, e.seen, "
            "s.label AS share_label FROM encouragements e "
            "LEFT JOIN shares s ON s.id = e.share_id AND s.person_id = e.person_id "
            "WHERE e.person_id = ?"
        )
        params: list = []
        if not include_hidden:
            sql += " AND e.hidden = 0"
        if unseen_or_since is not None:
            sql += " AND (e.seen = 0 OR e.created >= ?)"
            params.append(unseen_or_since)
        sql += " ORDER BY e.created DESC, e.id DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return self._rows(sql, params)

    def count_encouragements(self) -> dict[str, int]:
        """``{"all": n, "hidden": n, "new": n}`` for this person, counted by SQL."""
        return self._rows(
            'SELECT count(*) AS "all", coalesce(sum(hidden), 0) AS hidden, '
            "coalesce(sum(seen = 0 AND hidden = 0), 0) AS new "
            "FROM encouragements WHERE person_id = ?"
        )[0]

    def hide_encouragement(self, encouragement_id: int, hidden: bool = True) -> None:
        cursor = self.db.execute(
            "UPDATE encouragements SET hidden = ? WHERE person_id = ? AND id = ?",
            [int(hidden), self.person_id, encouragement_id],
        )
        if cursor.rowcount == 0:
            raise NotFound("That message isn't in your journal any more.")

    def mark_encouragements_seen(self) -> int:
        cursor = self.db.execute(
            "UPDATE encouragements SET seen = 1 WHERE person_id = ? AND seen = 0",
            [self.person_id],
        )
        return cursor.rowcount

    def count_new_encouragements(self) -> int:
        return self._rows(
            "SELECT count(*) AS n FROM encouragements WHERE person_id = ? AND seen = 0 "
            "AND hidden = 0"
        )[0]["n"]

    def save_link(self, token: str, label: str | None, created: str) -> int:
        """Keep a link shared with this person; saving it again only updates the label."""
        self.db.execute(
            "INSERT INTO saved_links (person_id, token, label, created) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (person_id, token) DO UPDATE SET label = excluded.label",
            [self.person_id, token, label, created],
        )
        rows = self._rows("SELECT id FROM saved_links WHERE person_id = ? AND token = ?", [token])
        return rows[0]["id"]

    def saved_link_rows(self) -> list[dict]:
        return self._rows(
            "SELECT id, token, label, created FROM saved_links WHERE person_id = ? "
            "ORDER BY label COLLATE NOCASE, id"
        )

    def saved_link_looks(self) -> dict[int, str | None]:
        """When this supporter last looked at each saved link (schema m010)."""
        rows = self._rows("SELECT id, last_looked FROM saved_links WHERE person_id = ?")
        return {row["id"]: row["last_looked"] for row in rows}

    def mark_saved_links_looked(self, link_ids: Iterable[int], moment: str) -> None:
        ids = list(link_ids)
        if not ids:
            return
        marks = ", ".join("?" * len(ids))
        self.db.execute(
            f"UPDATE saved_links SET last_looked = ? WHERE person_id = ? AND id IN ({marks})",
            [moment, self.person_id, *ids],
        )

    def remove_saved_link(self, link_id: int) -> None:
        cursor = self.db.execute(
            "DELETE FROM saved_links WHERE person_id = ? AND id = ?", [self.person_id, link_id]
        )
        if cursor.rowcount == 0:
            raise NotFound("That saved link isn't in your list any more.")

    # --- raw rows, for imports and backups (tracker.importers, tracker.backup) -----------
    # The callers validate every value with the records helpers first; these methods only
    # read and write, always scoped to this person, with executemany so that ten years of
    # entries go in at once inside the caller's transaction.

    def rows(self, table: str) -> list[dict]:
        """Every row of this person in one of ``BULK_COLUMNS``' tables (plus ``id``).

        Shares come without their token hash: it never leaves the database.
        """
        columns = _bulk_columns(table)
        if table in _TABLES_WITH_ID:
            columns = ("id", *columns)
        if table == "shares":
            columns = tuple(c for c in columns if c != "token_hash")
        select = ", ".join(f'"{c}"' for c in columns)
        order = "id" if table in _TABLES_WITH_ID else "rowid"
        return self._rows(f"SELECT {select} FROM {table} WHERE person_id = ? ORDER BY {order}")

    def insert_rows(self, table: str, rows: Iterable[dict]) -> int:
        """Insert many rows; a row whose key is already there is skipped. Returns rows added."""
        columns = _bulk_columns(table)
        names = ", ".join(f'"{c}"' for c in ("person_id", *columns))
        marks = ", ".join("?" for _ in range(len(columns) + 1))
        with self.store.transaction():
            cursor = self.db.conn.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING",
                ([self.person_id, *(row.get(c) for c in columns)] for row in rows),
            )
        return max(cursor.rowcount, 0)

    def insert_row(self, table: str, row: dict) -> int:
        """Insert one row (a parent such as a goal or a share) and return its new id."""
        if table not in _TABLES_WITH_ID:
            raise ValueError(f"{table} rows have no id of their own; use insert_rows")
        columns = _bulk_columns(table)
        names = ", ".join(f'"{c}"' for c in ("person_id", *columns))
        marks = ", ".join("?" for _ in range(len(columns) + 1))
        cursor = self.db.execute(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",
            [self.person_id, *(row.get(c) for c in columns)],
        )
        return cursor.lastrowid

    # --- everything, for analytics -----------------------------------------------------

    def _frame(
        self, sql: str, columns: list[str], day_columns: Iterable[str] = ("day",)
    ) -> pd.DataFrame:
        # Straight from the cursor into pandas: no dict per row (40,000 goal logs over
        # ten years made that the slowest part of opening the Journey).
        cursor = self.db.conn.execute(sql, [self.person_id])
        df = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
        for column in day_columns:
            # Days are plain YYYY-MM-DD (fast to parse); "created" carries a time.
            exact = "ISO8601" if column == "created" else "%Y-%m-%d"
            df[column] = pd.to_datetime(df[column], format=exact)
        # An empty frame would have object columns; keep NOT NULL ids and mood int64.
        ints = [c for c in ("id", "mood", "activity_id", "goal_id") if c in df.columns]
        loose = [c for c in ints if df[c].dtype != "int64"]
        return df.astype(dict.fromkeys(loose, "int64")) if loose else df

    def log_frame(self, table: str) -> pd.DataFrame:
        """One of the long log tables (schema.LOG_TABLES) as a frame, sorted by day."""
        if table == "activity_logs":
            return self._frame(
                "SELECT activity_id, day FROM activity_logs WHERE person_id = ? ORDER BY day",
                ["activity_id", "day"],
            )
        if table == "goal_logs":
            return self._frame(
                "SELECT goal_id, day, status, amount, reason FROM goal_logs WHERE person_id = ? "
                "ORDER BY day",
                ["goal_id", "day", "status", "amount", "reason"],
            )
        raise ValueError(f"not a log table: {table}")

    def frames(self, logs: Mapping[str, pd.DataFrame] | None = None) -> JournalFrames:
        """The whole journal as DataFrames (a handful of queries, no per-row work).

        ``logs``: frames of log tables read before (from :meth:`log_frame`, at the
        table's current version), used instead of reading those tables again.
        """
        given = logs or {}
        log_frames = {
            table: given[table] if table in given else self.log_frame(table) for table in LOG_TABLES
        }
        frame = self._frame
        return JournalFrames(
            checkins=frame(
                "SELECT id, day, logged_at, mood, note FROM checkins WHERE person_id = ? "
                "ORDER BY day, logged_at, id",
                ["id", "day", "logged_at", "mood", "note"],
            ),
            activities=frame(
                "SELECT id, name, emoji, category, times, per_days, archived, kind "
                "FROM activities WHERE person_id = ? ORDER BY name COLLATE NOCASE",
                ["id", "name", "emoji", "category", "times", "per_days", "archived", "kind"],
                day_columns=(),
            ),
            activity_logs=log_frames["activity_logs"],
            goals=frame(
                "SELECT id, title, why, kind, status, times, per_days, unit, target_type, "
                "target_value, target_date, achieved_on, created FROM goals WHERE person_id = ? "
                "ORDER BY created, id",
                [
                    "id",
                    "title",
                    "why",
                    "kind",
                    "status",
                    "times",
                    "per_days",
                    "unit",
                    "target_type",
                    "target_value",
                    "target_date",
                    "achieved_on",
                    "created",
                ],
                day_columns=("target_date", "achieved_on", "created"),
            ),
            goal_logs=log_frames["goal_logs"],
            goal_pauses=frame(
                "SELECT goal_id, start, end FROM goal_pauses WHERE person_id = ? ORDER BY start",
                ["goal_id", "start", "end"],
                day_columns=("start", "end"),
            ),
            setbacks=frame(
                "SELECT id, day, what_happened, what_helped, try_next FROM setbacks "
                "WHERE person_id = ? ORDER BY day, id",
                ["id", "day", "what_happened", "what_helped", "try_next"],
            ),
        )


# The columns that imports and backups may write, per table (person_id is always added).
BULK_COLUMNS: dict[str, tuple[str, ...]] = {
    "checkins": ("day", "logged_at", "mood", "note", "import_key"),
    "activities": (
        "name",
        "emoji",
        "category",
        "times",
        "per_days",
        "archived",
        "created",
        "kind",
    ),
    "activity_logs": ("activity_id", "day"),
    "goals": (
        "title",
        "why",
        "kind",
        "times",
        "per_days",
        "unit",
        "target_type",
        "target_value",
        "target_date",
        "status",
        "achieved_on",
        "created",
    ),
    "goal_steps": ("goal_id", "title", "done", "position"),
    "goal_logs": ("goal_id", "day", "status", "amount", "reason"),
    "goal_pauses": ("goal_id", "start", "end"),
    "setbacks": ("day", "what_happened", "what_helped", "try_next", "created", "import_key"),
    "celebrations": ("key", "day", "text", "celebrated_at"),
    "shares": ("label", "token_hash", "scopes", "created", "expires", "revoked"),
    "share_views": ("share_id", "viewed_at"),
    "encouragements": ("share_id", "author", "message", "created", "hidden", "seen"),
}
_TABLES_WITH_ID = {
    "checkins",
    "activities",
    "goals",
    "goal_steps",
    "goal_pauses",
    "setbacks",
    "shares",
    "share_views",
    "encouragements",
}


def _bulk_columns(table: str) -> tuple[str, ...]:
    # Table and column names go into SQL text, so only these known names are allowed.
    try:
        return BULK_COLUMNS[table]
    except KeyError:
        raise ValueError(f"{table} is not a table that imports and backups write") from None


def _logged_at_for(day: dt.date) -> str:
    """Now, if the entry is for today; else noon of that day (time unknown)."""
    now = dt.datetime.now().replace(microsecond=0)
    if day == now.date():
        return now.isoformat()
    return dt.datetime.combine(day, dt.time(12, 0)).isoformat()


def _goal_fields(
    *,
    title: str,
    kind: str,
    why: str | None,
    times: int | None,
    per_days: int | None,
    unit: str | None,
    target_type: str | None,
    target_value: float | None,
    target_date: dt.date | str | None,
) -> dict:
    clean_title = r.clean_text(title, what="goal", limit=r.MAX_TITLE, required=True)
    if kind not in r.GOAL_KINDS:
        raise InvalidEntry("A goal is either a habit (how often) or a one-off (by when).")
    fields: dict = {
        "title": clean_title,
        "kind": kind,
        "why": r.clean_text(why, what="reason why it matters", limit=r.MAX_REFLECTION),
        "times": None,
        "per_days": None,
        "unit": None,
        "target_type": None,
        "target_value": None,
        "target_date": None,
    }
    if kind == "habit":
        fields["times"], fields["per_days"] = r.check_cadence(times or 1, per_days or 1)
        if target_type is not None or target_value is not None:
            fields["target_type"], fields["target_value"] = r.check_target(
                target_type, target_value
            )
            fields["unit"] = r.clean_text(unit, what="unit", limit=30)
    elif target_date is not None and target_date != "":
        if isinstance(target_date, str):
            try:
                target_date = dt.date.fromisoformat(target_date)
            except ValueError:
                raise InvalidEntry("Please pick a real date for the goal.") from None
        fields["target_date"] = target_date.isoformat()
    return fields


def _setback_fields(
    what_happened: str, what_helped: str | None, try_next: str | None
) -> list[str | None]:
    return [
        r.clean_text(
            what_happened, what="note on what happened", limit=r.MAX_REFLECTION, required=True
        ),
        r.clean_text(what_helped, what="note on what helped", limit=r.MAX_REFLECTION),
        r.clean_text(try_next, what="note on what to try next time", limit=r.MAX_REFLECTION),
    ]


def _checkin(row: dict) -> r.CheckIn:
    return r.CheckIn(
        id=row["id"],
        person_id=row["person_id"],
        day=dt.date.fromisoformat(row["day"]),
        logged_at=row["logged_at"],
        mood=row["mood"],
        note=row["note"],
    )


def _activity(row: dict) -> r.Activity:
    return r.Activity(
        id=row["id"],
        person_id=row["person_id"],
        name=row["name"],
        emoji=row["emoji"],
        category=row["category"],
        times=row["times"],
        per_days=row["per_days"],
        archived=bool(row["archived"]),
        kind=row["kind"],
    )


def _goal(row: dict, steps: tuple[r.GoalStep, ...]) -> r.Goal:
    return r.Goal(
        id=row["id"],
        person_id=row["person_id"],
        title=row["title"],
        why=row["why"],
        kind=row["kind"],
        status=row["status"],
        created=row["created"],
        times=row["times"],
        per_days=row["per_days"],
        unit=row["unit"],
        target_type=row["target_type"],
        target_value=row["target_value"],
        target_date=_day(row["target_date"]),
        achieved_on=_day(row["achieved_on"]),
        steps=steps,
    )


def _step(row: dict) -> r.GoalStep:
    return r.GoalStep(
        id=row["id"],
        goal_id=row["goal_id"],
        title=row["title"],
        done=bool(row["done"]),
        position=row["position"],
    )


def _setback(row: dict) -> r.Setback:
    return r.Setback(
        id=row["id"],
        person_id=row["person_id"],
        day=dt.date.fromisoformat(row["day"]),
        what_happened=row["what_happened"],
        what_helped=row["what_helped"],
        try_next=row["try_next"],
        created=row["created"],
    )


@dataclass
class DayDetails:
    """What a day holds besides its check-ins, in words (the journal page)."""

    selfcare: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    setbacks: list[r.Setback] = field(default_factory=list)
    checkins: int = 0  # how many check-ins the day has (all of them, whatever the search)


def _goal_log_words(row: dict) -> str:
    if row["status"] == "amount":
        return f"{row['title']}: {words.amount(row['amount'], row['unit'])}"
    said = {"done": "done", "skipped": "skipped", "lapsed": "a lapse"}
    return f"{row['title']}: {said.get(row['status'], row['status'])}"


def search_query(text: str | None) -> str:
    """What a person typed as an FTS5 query: each word a quoted prefix, all of them
    needed. Quoting keeps FTS5's own syntax (AND, NEAR, *, quotes) from breaking it."""
    # A NUL ends SQLite's reading of the query ("unterminated string"): never part of a word.
    words = [w for w in (text or "").replace("\x00", " ").split() if any(ch.isalnum() for ch in w)]
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


_WORD = re.compile(r"\w+")


def _folded(text: str) -> str:
    """Case and accents dropped, as the notes' search index does ("Café" -> "cafe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip(
        "\"'.,;:!?()[]{}*"
    )
