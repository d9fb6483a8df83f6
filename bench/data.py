"""Benchmark data: a person with N years of daily entries, ~10,000 activity logs a decade,
and 20 goals, built with the app's own write path."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from tracker import open_store
from tracker.demo import create_demo_person


def build_person_db(path: Path, years: int, *, goals: int = 20, seed: int = 11) -> int:
    """Create ``path`` with one demo person of ``years`` years; returns the person id."""
    rng = random.Random(seed)
    today = dt.date.today()
    with open_store(path) as store:
        journal = create_demo_person(store, years=years, today=today)
        existing = len(journal.goals())
        start = today - dt.timedelta(days=365 * years - 1)
        with store.transaction():
            for number in range(goals - existing):
                goal = journal.add_goal(f"Goal {number + 1}", times=rng.randint(1, 7), per_days=7)
                for offset in range(0, 365 * years, rng.randint(1, 4)):
                    journal.log_goal(goal.id, start + dt.timedelta(days=offset), "done")
        return journal.person_id
