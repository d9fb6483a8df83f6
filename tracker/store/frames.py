"""The whole journal as DataFrames for analytics and charts (:mod:`tracker.frames`)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from tracker.frames import JournalFrames
from tracker.schema import LOG_TABLES
from tracker.store.base import JournalPart
from tracker.store.tables import (
    ACTIVITIES,
    CHECKINS,
    GOAL_PAUSES,
    GOALS,
    SETBACKS,
    Table,
    table_named,
)


class Frames(JournalPart):
    """A person's journal read into DataFrames."""

    def _frame(self, table: Table) -> pd.DataFrame:
        """The table's :attr:`Table.frame_columns`, in its frame order, its days as datetimes."""
        columns = list(table.frame_columns)
        # Straight from the cursor into pandas: no dict per row (40,000 goal logs over
        # ten years made that the slowest part of opening the Journey).
        cursor = self.db.conn.execute(
            f"SELECT {', '.join(columns)} FROM {table.name} WHERE person_id = ? "
            f"ORDER BY {table.frame_order}",
            [self.person_id],
        )
        df = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
        for column in table.frame_dates:
            # Days are plain YYYY-MM-DD (fast to parse); timestamps carry a time.
            exact = "ISO8601" if column in table.frame_times else "%Y-%m-%d"
            df[column] = pd.to_datetime(df[column], format=exact)
        # An empty frame would have object columns; keep NOT NULL ids and mood int64.
        ints = [c for c in ("id", "mood", "activity_id", "goal_id") if c in df.columns]
        loose = [c for c in ints if df[c].dtype != "int64"]
        return df.astype(dict.fromkeys(loose, "int64")) if loose else df

    def log_frame(self, table: str) -> pd.DataFrame:
        """One of the long log tables (schema.LOG_TABLES) as a frame, sorted by day."""
        if table not in LOG_TABLES:
            raise ValueError(f"not a log table: {table}")
        return self._frame(table_named(table))

    def frames(self, logs: Mapping[str, pd.DataFrame] | None = None) -> JournalFrames:
        """The whole journal as DataFrames (a handful of queries, no per-row work).

        ``logs``: frames of log tables read before (from :meth:`log_frame`, at the
        table's current version), used instead of reading those tables again.
        """
        given = logs or {}
        log_frames = {
            table: given[table] if table in given else self.log_frame(table) for table in LOG_TABLES
        }
        return JournalFrames(
            checkins=self._frame(CHECKINS),
            activities=self._frame(ACTIVITIES),
            activity_logs=log_frames["activity_logs"],
            goals=self._frame(GOALS),
            goal_logs=log_frames["goal_logs"],
            goal_pauses=self._frame(GOAL_PAUSES),
            setbacks=self._frame(SETBACKS),
        )
