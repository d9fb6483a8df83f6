"""A demo person: about a year of entries that rise over time, with a few setbacks."""

from __future__ import annotations

import datetime as dt
import math
import random

from tracker.store import Journal, Store

DEMO_NAME = "Sam (demo)"

DEMO_ACTIVITIES = [
    ("Walk outside", "🚶", "body", 3, 7),
    ("Called a friend", "📞", "connection", None, None),
    ("Meditation", "🧘", "mind", 5, 7),
    ("Slept 8 hours", "😴", "rest", None, None),
    ("Cooked a meal", "🍲", "body", None, None),
    ("Journaling", "📓", "mind", None, None),
    ("Support group", "🤝", "connection", 1, 7),
]

SETBACK_NOTES = [
    (
        "A rough week at work and I stopped sleeping well.",
        "Talking to my sister.",
        "Ask for help sooner.",
    ),
    (
        "Old habits came back after an argument.",
        "Going to my group.",
        "Take a walk before reacting.",
    ),
    (
        "Felt low for no clear reason.",
        "Being gentle with myself.",
        "Keep the morning routine even on bad days.",
    ),
]


def create_demo_person(
    store: Store, *, years: float = 1.0, seed: int = 7, today: dt.date | None = None
) -> Journal:
    """Add a demo person with ``years`` of daily entries ending ``today``; one transaction."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    days = max(14, int(365 * years))
    start = today - dt.timedelta(days=days - 1)
    with store.transaction():
        person = store.add_person(DEMO_NAME, is_demo=True)
        journal = store.journal(person.id)
        activity_ids = {
            name: journal.add_activity(
                name, emoji=emoji, category=category, times=times, per_days=per_days
            ).id
            for name, emoji, category, times, per_days in DEMO_ACTIVITIES
        }
        walk = journal.add_goal(
            "Walk 20 minutes", why="Clears my head.", kind="habit", times=3, per_days=7
        )
        # A limit, framed as one: its wins are days within it, never "coming back to" drinks.
        drink_limit = journal.add_goal(
            "Drinks, at most 2 a day",
            why="I feel better the next morning.",
            kind="habit",
            times=1,
            per_days=1,
            unit="drinks",
            target_type="at_most",
            target_value=2,
        )
        journal.add_goal(
            "Sign up for a pottery class",
            why="Something just for me.",
            kind="oneoff",
            target_date=today + dt.timedelta(days=30),
            steps=["Find a studio nearby", "Ask about beginner evenings", "Book a first class"],
        )
        # Setbacks roughly every few months, deeper early on, shorter later.
        setback_days = sorted(
            {start + dt.timedelta(days=int(days * f)) for f in (0.18, 0.42, 0.63, 0.85)}
        )
        for index in range(days):
            day = start + dt.timedelta(days=index)
            progress = index / days
            base = 2.4 + 1.5 * progress + 0.3 * math.sin(index / 9)
            dip = 0.0
            for number, setback_day in enumerate(setback_days):
                since = (day - setback_day).days
                length = max(2, 7 - number * 2)
                if 0 <= since < length:
                    dip = max(dip, 2.0 * (1 - since / length) + 0.4)
            if rng.random() < 0.12 and dip == 0:
                continue  # a day without a check-in, as in real life
            mood = int(round(min(5, max(1, base - dip + rng.gauss(0, 0.55)))))
            done = [
                activity_ids[name]
                for name, *_ in DEMO_ACTIVITIES
                if rng.random() < 0.25 + 0.35 * progress + (0.15 if mood >= 4 else 0)
            ]
            journal.add_checkin(day, mood, activities=done)
            if rng.random() < 0.3 + 0.3 * progress:
                journal.log_goal(walk.id, day, "done")
            drinks = max(0, int(round(rng.gauss(3.5 - 2.5 * progress + dip, 1))))
            journal.log_goal(drink_limit.id, day, "amount", amount=drinks)
        for setback_day, (happened, helped, next_time) in zip(
            setback_days, SETBACK_NOTES * 2, strict=False
        ):
            journal.add_setback(setback_day, happened, helped, next_time)
    return journal
