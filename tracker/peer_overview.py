"""The supporter's overview: one compact row per person who shared with them.

A peer-support specialist following a dozen people wants, at a glance, who might welcome
a word today: someone still finding their way back from a setback, someone who hasn't
checked in for a while, someone whose mood dipped. Each row is built only from what that
person's link shows (its scopes), from the same numbers as their shared view; a link
that ended shows as ended, with nothing of theirs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from tracker.analytics import Episode, Journey, Win

SPARK_MARKS = "▁▂▃▄▅▆▇█"
SPARK_WEEKS = 8
QUIET_DAYS = 3  # this long without a check-in, a word might be welcome
LONG_QUIET_DAYS = 7


@dataclass(frozen=True)
class PersonRow:
    link_id: int
    name: str
    active: bool
    scopes: tuple[str, ...] = ()
    sparkline: str = ""  # the trend at the end of each of the last 8 weeks, one mark each
    trend_words: str = ""
    days_since_checkin: int | None = None
    latest_setback: Episode | None = None
    new: tuple[str, ...] = ()  # what happened since the supporter last looked
    reasons: tuple[str, ...] = ()  # why a word might be welcome now
    welcome: float = 0.0  # how much a word might be welcome: higher comes first

    @property
    def setback_words(self) -> str:
        episode = self.latest_setback
        if episode is None:
            return ""
        when = f"{episode.start.day} {episode.start:%b}"
        if episode.recovered is None:
            return f"Latest setback {when}: finding their way back"
        if episode.bounce_back_days is None:
            return f"Latest setback {when}: back after a break"
        days = episode.bounce_back_days
        return f"Latest setback {when}: bounced back in {days} day{'s' if days != 1 else ''}"

    @property
    def checkin_words(self) -> str:
        gap = self.days_since_checkin
        if gap is None:
            return ""
        if gap == 0:
            return "Checked in today"
        return f"Last check-in {gap} day{'s' if gap != 1 else ''} ago"


def ended_row(link_id: int, label: str | None) -> PersonRow:
    """A link that was revoked or ran out: its label as the supporter saved it, no data."""
    return PersonRow(link_id=link_id, name=label or "A shared link", active=False)


def person_row(
    link_id: int,
    name: str,
    scopes: Iterable[str],
    journey: Journey,
    wins: list[Win],
    last_looked: dt.datetime | None,
    today: dt.date,
) -> PersonRow:
    """One person's row from their shared view's numbers (``journey`` from the frames
    their link's scopes allow, ``wins`` its small wins). ``last_looked`` is when the
    supporter last saw this row (None: never); what came after is "new"."""
    scopes = tuple(sorted(scopes))
    mood = "mood" in scopes and journey.days_logged > 0
    since = last_looked.date() if last_looked is not None else None
    reasons: list[str] = []
    welcome = 0.0
    spark = words = ""
    gap = None
    latest = None
    new: list[str] = []
    if mood:
        spark = sparkline(journey.trend.smoothed, today)
        change = journey.trend.recent_change
        if change is not None and journey.trend.recent_span_days >= 7:
            words = "rising" if change >= 0.1 else "steady" if change > -0.1 else "dipping a little"
        gap = (today - journey.daily.index.max().date()).days
        latest = journey.episodes[-1] if journey.episodes else None
        if latest is not None and latest.recovered is None:
            reasons.append("finding their way back from a setback")
            welcome += 3
        if gap >= QUIET_DAYS:
            reasons.append(f"no check-in for {gap} days")
            welcome += 2 if gap >= LONG_QUIET_DAYS else 1
            welcome += min(gap, 60) / 100  # the longer the quiet, the sooner
        if words == "dipping a little":
            reasons.append("mood dipping a little")
            welcome += 1
        if since is not None:
            fresh = int((journey.daily.index.date > since).sum())
            if fresh:
                new.append(f"{fresh} check-in{'s' if fresh != 1 else ''}")
            setbacks = sum(1 for e in journey.episodes if e.start > since)
            if setbacks:
                new.append(f"{setbacks} setback{'s' if setbacks != 1 else ''}")
    if "wins" in scopes and since is not None:
        fresh_wins = sum(1 for win in wins if win.day > since)
        if fresh_wins:
            new.append(f"{fresh_wins} small win{'s' if fresh_wins != 1 else ''}")
    return PersonRow(
        link_id=link_id,
        name=name,
        active=True,
        scopes=scopes,
        sparkline=spark,
        trend_words=words,
        days_since_checkin=gap,
        latest_setback=latest,
        new=tuple(new),
        reasons=tuple(reasons),
        welcome=welcome,
    )


def sparkline(smoothed: pd.Series, today: dt.date, weeks: int = SPARK_WEEKS) -> str:
    """The trend at the end of each of the last ``weeks`` weeks, as marks ▁ (awful) to
    █ (great); a space for a week before the first check-in."""
    if smoothed.empty:
        return ""
    marks = []
    for back in range(weeks - 1, -1, -1):
        value = smoothed.asof(pd.Timestamp(today - dt.timedelta(days=7 * back)))
        if pd.isna(value):
            marks.append(" ")
            continue
        step = round((float(value) - 1) / 4 * (len(SPARK_MARKS) - 1))
        marks.append(SPARK_MARKS[min(max(step, 0), len(SPARK_MARKS) - 1)])
    line = "".join(marks)
    return line if line.strip() else ""


def in_order(rows: Iterable[PersonRow]) -> list[PersonRow]:
    """People who might welcome a word first; then by name; ended links last."""
    return sorted(rows, key=lambda row: (not row.active, -row.welcome, row.name.casefold()))
