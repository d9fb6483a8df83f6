"""Benchmark data: a person with N years of daily entries, ~10,000 activity logs a decade,
and 20 goals, built with the app's own write path."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
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


def build_group_db(path: Path, people: int, *, years: float = 1) -> list[tuple[int, str]]:
    """Create ``path`` with ``people`` demo people of ``years`` years each, named apart.

    Returns ``(person_id, name)`` in id order. The journal picker shows names, so each
    needs its own (the demo's name is the same for everyone).
    """
    today = dt.date.today()
    journals = []
    with open_store(path) as store:
        for number in range(people):
            journal = create_demo_person(store, years=years, seed=number, today=today)
            person = store.rename_person(journal.person_id, f"Visitor {number + 1:02d}")
            journals.append((person.id, person.name))
    return journals


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy of a database (SQLite's backup API, so WAL content comes along)."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target
