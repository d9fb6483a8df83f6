"""Test journals: the histories real people bring, written straight into a journal.

Each builder fills one person's journal as of ``today`` (default: the real today, as the
pages use it) and returns the day of its last entry:

- ``one_day``: a first check-in on a bad day, with a setback noted.
- ``three_days``: three check-ins, a setback on the second.
- ``two_weeks``: two weeks with a dip, a self-care habit and a limit ("at most 2 drinks").
- ``year_with_gap``: a year ending today with six months missing in the middle.
- ``long_ago``: an imported Daylio history, 2018 to 2020, with over a dozen setbacks,
  ending long before today.
- ``ten_years``: ten years of daily check-ins up to today.

Rows go in with ``insert_rows`` (one transaction each), so ten years take a moment.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable

from tracker.store import Journal, Store


def _moods(days: list[dt.date], *, seed: int, dips_every: int = 0) -> list[int]:
    """Moods that rise slowly with noise and, every ``dips_every`` days, a dip of a few days."""
    rng = random.Random(seed)
    moods = []
    for index, _ in enumerate(days):
        base = 3.2 + 0.6 * math.sin(index / 40)
        if dips_every and index % dips_every < 3 and index >= dips_every:
            base -= 2.2 - 0.6 * (index % dips_every)
        moods.append(int(round(min(5, max(1, base + rng.gauss(0, 0.4))))))
    return moods


def _write(
    journal: Journal,
    days: list[dt.date],
    moods: list[int],
    setbacks: list[dt.date] = (),  # type: ignore[assignment]
    *,
    imported: bool = False,
) -> dt.date:
    rows = [
        {
            "day": day.isoformat(),
            "logged_at": f"{day.isoformat()}T20:00:00",
            "mood": mood,
            "note": None,
            "import_key": f"daylio:{day.isoformat()}T20:00:x:0" if imported else None,
        }
        for day, mood in zip(days, moods, strict=True)
    ]
    journal.insert_rows("checkins", rows)
    for day in setbacks:
        journal.add_setback(day, "A hard day.", "Resting.", "Ask for help sooner.")
    return max([*days, *setbacks])


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def one_day(journal: Journal, today: dt.date) -> dt.date:
    return _write(journal, [today], [2], [today])


def three_days(journal: Journal, today: dt.date) -> dt.date:
    days = _span(today - dt.timedelta(days=2), today)
    return _write(journal, days, [3, 2, 4], [days[1]])


def two_weeks(journal: Journal, today: dt.date) -> dt.date:
    days = _span(today - dt.timedelta(days=13), today)
    moods = [4, 4, 3, 4, 4, 3, 4, 4, 1, 2, 3, 4, 4, 4]
    walk = journal.add_activity("Walk outside", emoji="🚶", times=3, per_days=7)
    drinks = journal.add_goal(
        "Drinks, at most 2 a day",
        kind="habit",
        times=1,
        per_days=1,
        unit="drinks",
        target_type="at_most",
        target_value=2,
    )
    for index, day in enumerate(days):
        if index % 2 == 0:
            journal.log_activity(walk.id, day)
        journal.log_goal(drinks.id, day, "amount", amount=[1, 3][index in (8, 9)])
    return _write(journal, days, moods, [days[8]])


def year_with_gap(journal: Journal, today: dt.date) -> dt.date:
    days = _span(today - dt.timedelta(days=364), today)
    kept = [day for index, day in enumerate(days) if not 90 <= index < 273]  # six months away
    return _write(journal, kept, _moods(kept, seed=4, dips_every=45), [kept[20], kept[-10]])


LONG_AGO_FIRST, LONG_AGO_LAST = dt.date(2018, 1, 1), dt.date(2020, 12, 31)


def long_ago(journal: Journal, today: dt.date) -> dt.date:
    days = _span(LONG_AGO_FIRST, LONG_AGO_LAST)
    moods = _moods(days, seed=18, dips_every=60)
    noted = [days[n] for n in range(60, len(days), 60)]  # a dozen and more setbacks
    for name in ("work", "Smoking weed", "meditation"):
        journal.insert_row(
            "activities",
            {"name": name, "archived": 0, "created": "2021-01-01T09:00:00", "kind": "neutral"},
        )
    return _write(journal, days, moods, noted, imported=True)


def ten_years(journal: Journal, today: dt.date) -> dt.date:
    days = _span(today - dt.timedelta(days=3649), today)
    moods = _moods(days, seed=10, dips_every=75)
    return _write(journal, days, moods, [days[n] for n in range(75, len(days), 150)])


JOURNALS: dict[str, Callable[[Journal, dt.date], dt.date]] = {
    "one_day": one_day,
    "three_days": three_days,
    "two_weeks": two_weeks,
    "year_with_gap": year_with_gap,
    "long_ago": long_ago,
    "ten_years": ten_years,
}


def seed(store: Store, name: str, today: dt.date | None = None) -> tuple[int, dt.date]:
    """A new person called after the journal, filled with it: (person id, last entry day)."""
    journal = store.journal(store.add_person(name.replace("_", " ").title()).id)
    with store.transaction():
        last = JOURNALS[name](journal, today or dt.date.today())
    return journal.person_id, last
