"""What the store tests look at: one person's rows, table by table, and row counts."""

from __future__ import annotations

import datetime as dt

from tracker.store import Store

DAY = dt.date(2024, 3, 1)
TODAY = dt.date.today()

PERSON_TABLES = (
    "checkins",
    "activities",
    "activity_logs",
    "goals",
    "goal_steps",
    "goal_logs",
    "goal_pauses",
    "setbacks",
    "celebrations",
)


def rows_of(store: Store, person_id: int) -> dict[str, list[tuple]]:
    """Everything stored for one person, table by table."""
    return {
        table: store.db.execute(
            f"SELECT * FROM {table} WHERE person_id = ? ORDER BY rowid", [person_id]
        ).fetchall()
        for table in PERSON_TABLES
    }


def counts(store: Store) -> dict[str, int]:
    return {
        table: store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("people", *PERSON_TABLES)
    }
