"""``JournalFrames``: one person's journal as DataFrames, the input of analytics and charts.

Read from the database by ``Journal.frames()`` (:mod:`tracker.store.frames`); analytics,
charts and reports take it without knowing about the store.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


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
