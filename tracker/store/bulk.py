"""Raw rows of many entries at once, for imports and backups."""

from __future__ import annotations

from collections.abc import Iterable

from tracker.store.base import JournalPart
from tracker.store.tables import table_named


class BulkRows(JournalPart):
    """Every row of a table, and many rows written at once (imports, backups).

    The callers validate every value with the records helpers first; these methods only
    read and write, always scoped to this person, with executemany so that ten years of
    entries go in at once inside the caller's transaction.
    """

    def rows(self, table: str) -> list[dict]:
        """Every row of this person in one of ``TABLES`` (with ``id``, when it has one).

        Shares come without their token hash: it never leaves the database.
        """
        spec = table_named(table)
        select = ", ".join(f'"{c}"' for c in spec.readable)
        order = "id" if spec.has_id else "rowid"
        return self._rows(f"SELECT {select} FROM {table} WHERE person_id = ? ORDER BY {order}")

    def insert_rows(self, table: str, rows: Iterable[dict]) -> int:
        """Insert many rows; a row whose key is already there is skipped. Returns rows added."""
        columns = table_named(table).columns
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
        spec = table_named(table)
        if not spec.has_id:
            raise ValueError(f"{table} rows have no id of their own; use insert_rows")
        return self._insert(spec, {c: row.get(c) for c in spec.columns})
