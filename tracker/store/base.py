"""What every part of a journal shares: its store, its person, and a scoped query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from typing import Protocol

from sqlite_utils import Database

from tracker import records as r
from tracker.errors import NotFound
from tracker.store.tables import Table


def now_text() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


class JournalStore(Protocol):
    """What a journal needs of its store (:class:`tracker.store.Store`)."""

    db: Database

    def transaction(self) -> AbstractContextManager[Database]: ...

    def person(self, person_id: int) -> r.Person: ...


class JournalPart:
    """One kind of record in a person's journal; :class:`tracker.store.Journal` is made of
    these parts. Every query carries ``person_id``. A part may call another's methods
    through ``self`` (a check-in logs the day's self-care): they are one journal."""

    def __init__(self, store: JournalStore, person_id: int) -> None:
        self.store = store
        self.db = store.db
        self.person_id = person_id

    def _rows(self, sql: str, params: Iterable = ()) -> list[dict]:
        return list(self.db.query(sql, [self.person_id, *params]))

    def _one(self, table: Table, row_id: int, missing: str) -> dict:
        """This person's row ``row_id`` of ``table``; :class:`NotFound` with ``missing``."""
        rows = self._rows(f"SELECT * FROM {table.name} WHERE person_id = ? AND id = ?", [row_id])
        if not rows:
            raise NotFound(missing)
        return rows[0]

    def _insert(self, table: Table, values: Mapping[str, object]) -> int:
        """Add a row of this person's with these columns' values; returns its id."""
        table.check_writable(values)
        names = ", ".join(f'"{c}"' for c in ("person_id", *values))
        marks = ", ".join("?" * (len(values) + 1))
        cursor = self.db.execute(
            f"INSERT INTO {table.name} ({names}) VALUES ({marks})",
            [self.person_id, *values.values()],
        )
        return cursor.lastrowid

    def _update(self, table: Table, row_id: int, values: Mapping[str, object]) -> int:
        """Set these columns of this person's row ``row_id``; returns how many rows changed."""
        table.check_writable(values)
        assignments = ", ".join(f'"{c}" = ?' for c in values)
        cursor = self.db.execute(
            f"UPDATE {table.name} SET {assignments} WHERE person_id = ? AND id = ?",
            [*values.values(), self.person_id, row_id],
        )
        return cursor.rowcount

    @staticmethod
    def _with_changes(
        current: object, table: Table, changes: Mapping[str, object], method: str
    ) -> dict[str, object]:
        """``current``'s editable fields with ``changes`` over them: one rule for every
        record, fields not given stay as they are."""
        merged = {column: getattr(current, column) for column in table.edited}
        unknown = set(changes) - set(merged)
        if unknown:
            raise TypeError(f"{method}() got unexpected fields {sorted(unknown)}")
        merged.update(changes)
        return merged
