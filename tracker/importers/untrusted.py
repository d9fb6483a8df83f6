"""Reading a file someone uploaded as if a stranger made it: within limits of size and time.

A real export is small (ten years of Daylio is under 1 MB; a ten-year backup of this app
about 5 MB), so every limit here is far above what a real file needs and far below what
would slow the server for everyone else. Each refusal is an :class:`InvalidEntry` with a
kind message, raised before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterator

from tracker.errors import InvalidEntry

# The biggest file anyone can upload (the Data page and .streamlit/config.toml say the same).
MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024

# A Loop CSV zip: Habits.csv plus two files per habit. What we read from it, unpacked.
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_MEMBER_BYTES = 5 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 20 * 1024 * 1024

TOO_MANY_DAYS = (
    "This file holds far more days than years of Loop habits do, so we stopped reading it. "
    "Nothing was imported."
)
_CHUNK = 64 * 1024

# A Loop SQLite backup: one query may run this long, and no value may be bigger.
SQLITE_QUERY_SECONDS = 2.0
SQLITE_MAX_VALUE_BYTES = 1024 * 1024
# Rows of one table read at most, so that an answer comes in seconds (ten years of 40
# daily habits is about 150,000 repetitions). The CSV zip is held to the same count.
MAX_HABIT_DAYS = 200_000
SQLITE_MAX_ROWS = MAX_HABIT_DAYS


def refuse_if_too_big(data: bytes | str) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidEntry(
            f"This file is bigger than {MAX_UPLOAD_MB} MB, far bigger than an export of "
            "many years, so we didn't open it. Nothing was imported. If it really is your "
            "export, it may hold something else as well: please export again and retry."
        )


# --- zip -----------------------------------------------------------------------------


class ZipReader:
    """Members of a zip, each read at most once, counting what is really unpacked."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise InvalidEntry(
                f"This zip holds {len(infos):,} files, far more than a Loop export. "
                "Nothing was imported."
            )
        names = [info.filename for info in infos]
        if len(set(names)) != len(names):
            raise InvalidEntry(
                "This zip names the same file twice, which a Loop export never does. "
                "Nothing was imported."
            )
        if any(_tricky_path(name) for name in names):
            raise InvalidEntry(
                "This zip has files with names that point outside it, which a Loop export "
                "never has. Nothing was imported."
            )
        self.archive = archive
        self.names = names
        self.unpacked = 0
        self._read: set[str] = set()

    def refuse_shared(self, names: list[str]) -> None:
        """Refuse a file that would have one member read for several habits."""
        seen: set[str] = set()
        for name in names:
            if name in seen or name in self._read:
                raise InvalidEntry(
                    f"This zip uses {name} for more than one habit, which a Loop export never "
                    "does. Nothing was imported."
                )
            seen.add(name)

    def read(self, name: str) -> bytes:
        self.refuse_shared([name])
        self._read.add(name)
        parts: list[bytes] = []
        size = 0
        with self.archive.open(name) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                self.unpacked += len(chunk)
                if size > MAX_ZIP_MEMBER_BYTES or self.unpacked > MAX_ZIP_TOTAL_BYTES:
                    raise InvalidEntry(
                        "This zip unpacks to far more than a Loop export holds, so we stopped "
                        "reading it. Nothing was imported."
                    )
                parts.append(chunk)
        return b"".join(parts)


def _tricky_path(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    # Nothing is ever unpacked to disk, but a real export never has such names.
    return name.startswith(("/", "\\")) or ".." in parts or "\x00" in name


# --- SQLite --------------------------------------------------------------------------

_LIMITS = {
    "SQLITE_LIMIT_LENGTH": SQLITE_MAX_VALUE_BYTES,
    "SQLITE_LIMIT_SQL_LENGTH": 100_000,
    "SQLITE_LIMIT_COLUMN": 200,
    "SQLITE_LIMIT_EXPR_DEPTH": 100,
    "SQLITE_LIMIT_COMPOUND_SELECT": 10,
    "SQLITE_LIMIT_VDBE_OP": 100_000,
    "SQLITE_LIMIT_FUNCTION_ARG": 8,
    "SQLITE_LIMIT_ATTACHED": 0,
    "SQLITE_LIMIT_LIKE_PATTERN_LENGTH": 100,
    "SQLITE_LIMIT_VARIABLE_NUMBER": 100,
    "SQLITE_LIMIT_TRIGGER_DEPTH": 1,
}


class SQLiteTooSlow(Exception):
    """A query of an uploaded database ran past its time."""


@contextlib.contextmanager
def open_untrusted_sqlite(data: bytes) -> Iterator[UntrustedDatabase]:
    """The uploaded bytes as a read-only, size- and time-limited database.

    The file goes to a private temporary folder (SQLite reads files, not bytes, when it
    must never write) and is opened ``mode=ro`` and ``immutable``, with the schema not
    trusted: only real tables are read, never views, triggers or generated columns.
    """
    image = bytearray(data)
    if len(image) > 19 and image[18:20] == b"\x02\x02":
        image[18:20] = b"\x01\x01"  # a WAL-mode file: read it as a plain one
    with tempfile.TemporaryDirectory(prefix="upload-") as folder:
        path = os.path.join(folder, "upload.db")
        with open(path, "wb") as file:
            file.write(image)
        del image
        connection = sqlite3.connect(
            f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=True
        )
        try:
            for name, value in _LIMITS.items():
                if hasattr(sqlite3, name):
                    connection.setlimit(getattr(sqlite3, name), value)
            if hasattr(connection, "setconfig"):  # Python 3.12+
                connection.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
                connection.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, False)
                connection.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_VIEW, False)
            database = UntrustedDatabase(connection)
            database.execute("PRAGMA trusted_schema = OFF")
            database.execute("PRAGMA query_only = ON")
            database.execute("PRAGMA cell_size_check = ON")
            yield database
        finally:
            connection.close()


class UntrustedDatabase:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._deadline = 0.0
        connection.set_progress_handler(self._too_slow, 10_000)

    def _too_slow(self) -> int:
        return 1 if time.monotonic() > self._deadline else 0

    def execute(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        """All rows of one query, which has SQLITE_QUERY_SECONDS to finish."""
        self._deadline = time.monotonic() + SQLITE_QUERY_SECONDS
        try:
            cursor = self.connection.execute(sql, parameters)
            rows = cursor.fetchmany(SQLITE_MAX_ROWS + 1)
        except sqlite3.OperationalError as error:
            if "interrupted" in str(error):
                raise SQLiteTooSlow from None
            raise
        if len(rows) > SQLITE_MAX_ROWS:
            raise InvalidEntry(TOO_MANY_DAYS)
        return rows

    def table_columns(self, table: str) -> list[str] | None:
        """The plain columns of a real table called ``table`` (any case), or None.

        A view, a virtual table, or a table with generated columns is refused: reading
        it would run code the file's author wrote.
        """
        found = self.execute(
            "SELECT name, type, sql FROM sqlite_master WHERE lower(name) = lower(?)", (table,)
        )
        if not found:
            return None
        name, kind, sql = found[0]
        if kind != "table" or not isinstance(sql, str) or _virtual(sql):
            raise InvalidEntry(
                f"In this file, {table} isn't a plain table as in a Loop backup, so we didn't "
                "read it. Nothing was imported."
            )
        columns = self.execute("SELECT name, hidden FROM pragma_table_xinfo(?)", (name,))
        if any(hidden for _, hidden in columns):
            raise InvalidEntry(
                f"In this file, {table} has computed columns, which a Loop backup never has. "
                "Nothing was imported."
            )
        return [column for column, _ in columns]


def _virtual(sql: str) -> bool:
    return " ".join(sql.split()[:2]).upper() == "CREATE VIRTUAL"
