"""Goal helpers for the pages: what each recent day of a goal looked like."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from tracker.records import Goal, GoalLog

DayState = Literal["done", "partial", "over_limit", "skipped", "lapsed", "paused", "not_logged"]

# Symbols differ in shape, not only colour, so they read without colour vision.
DAY_SYMBOLS: dict[str, str] = {
    "done": "✅",
    "partial": "◐",
    "over_limit": "▲",
    "skipped": "⏭️",
    "lapsed": "↩️",
    "paused": "💤",
    "not_logged": "·",
}
DAY_WORDS: dict[str, str] = {
    "done": "done",
    "partial": "partly there",
    # A limit ("at most 2 drinks") that was passed: plain words, never "partly there".
    "over_limit": "over your limit",
    "skipped": "skipped",
    "lapsed": "lapsed",
    "paused": "paused",
    "not_logged": "not logged",
}


def day_legend(goal: Goal) -> str:
    """The symbols a goal's day strip can show, in words: a limit's days are "within your
    limit" or "over your limit"; other goals' can be "partly there"."""
    limit = goal.target_type == "at_most"
    words = {**DAY_WORDS, "done": "within your limit"} if limit else DAY_WORDS
    hidden = {"partial"} if limit else {"over_limit"}
    if goal.target_type is None:
        hidden = {"partial", "over_limit"}
    return ", ".join(
        f"{DAY_SYMBOLS[state]} {words[state]}" for state in DAY_SYMBOLS if state not in hidden
    )


@dataclass(frozen=True)
class GoalDay:
    day: dt.date
    state: DayState
    log: GoalLog | None

    @property
    def label(self) -> str:
        return f"{self.day:%a %-d} {DAY_SYMBOLS[self.state]}"


def measured_state(goal: Goal, amount: float) -> DayState:
    """An amount against the target: "at least N" is reached at N; "at most N" holds up to N."""
    assert goal.target_value is not None
    if goal.target_type == "at_most":
        return "done" if amount <= goal.target_value else "over_limit"
    return "done" if amount >= goal.target_value else "partial"


def goal_days(
    goal: Goal,
    logs: list[GoalLog],
    pauses: list[tuple[dt.date, dt.date | None]],
    end: dt.date,
    days: int = 14,
) -> list[GoalDay]:
    """The last ``days`` days up to ``end``, oldest first, each with its state."""
    by_day = {log.day: log for log in logs if log.goal_id == goal.id}
    result = []
    for offset in range(days - 1, -1, -1):
        day = end - dt.timedelta(days=offset)
        log = by_day.get(day)
        state: DayState
        if log is None:
            paused = any(start <= day and (stop is None or day <= stop) for start, stop in pauses)
            state = "paused" if paused else "not_logged"
        elif log.status == "amount":
            state = measured_state(goal, log.amount or 0.0)
        else:
            state = log.status  # type: ignore[assignment]
        result.append(GoalDay(day=day, state=state, log=log))
    return result
