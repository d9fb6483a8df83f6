"""The database as a whole: opening (and upgrading) it, transactions, faults, and ``Store``.

``open_store(path)`` opens (and upgrades) the database. ``Store`` holds what is
not one person's: the list of people. ``Store.journal(person_id)`` is one person's
journal (:mod:`tracker.store.journal`): every read and write it makes is scoped to
its ``person_id``, so nothing can be read or changed through another person's journal.

Writes that touch several rows run in one transaction (``Store.transaction``),
started with BEGIN IMMEDIATE so that concurrent writers queue on the busy
timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from tracker.errors import DatabaseProblem
from tracker.schema import migration_names, migrations
from tracker.store.journal import Journal
from tracker.store.people import People
from tracker.store.shares import ShareLinks

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
BUSY_TIMEOUT_MS = 30_000


def default_db_path() -> Path:
    """``TRACKER_DB`` if set, else ``data/tracker.db`` in the project folder."""
    return Path(os.environ.get("TRACKER_DB") or PROJECT_ROOT / "data" / "tracker.db")


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


class Store(People, ShareLinks):
    """The database as a whole: people (:class:`People`), the token side of shared links
    (:class:`ShareLinks`), and a journal per person."""

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

    def journal(self, person_id: int) -> Journal:
        self.person(person_id)
        return Journal(self, person_id)


class DataVersions(NamedTuple):
    """Numbers that change with writes to a journal, from any process: ``journal`` with
    every write, the others with writes to that log table (schema.m004, m005)."""

    journal: int
    activity_logs: int
    goal_logs: int
