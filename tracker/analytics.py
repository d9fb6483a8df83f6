"""Resilience analytics: pure functions over one person's journal as DataFrames.

Input is :class:`tracker.frames.JournalFrames` (or its DataFrames); output is
plain numbers, Series, DataFrames and small dataclasses. No SQL, no Streamlit.
Each rule is written out in the docstrings, and in plain words in the README
("How the numbers are computed").

Everything takes an ``as_of`` day (default today): nothing after it is used, so
the numbers for a past day can be reproduced exactly. Days are handled as
integer day numbers internally so every pass is linear in the number of days.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tracker.frames import JournalFrames
from tracker.records import MOOD_LABELS
from tracker.voice import YOU, Voice, capital

DayLike = dt.date | str | pd.Timestamp | np.datetime64 | None

TREND_HALFLIFE_DAYS = 14
RECENT_DAYS = 90  # "the last 3 months" of the trend and the headline
BASELINE_DAYS = 28  # the window a day's mood is compared with
BASELINE_MIN_LOGGED = 7  # logged days that window needs before a drop can count
SETBACK_DROP = 1.5  # at least this far below the baseline is a setback day
RECOVERY_MARGIN = 0.5  # back within this of the pre-episode baseline is recovered
FALLBACK_BASELINE = 3.5  # no history at all: being back at "okay" (3) is recovered
# No entry for longer than this is a pause: charts draw it as a gap, and a way back that
# spans one isn't counted in days (months away were not months of struggling).
PAUSE_DAYS = 14
BEST_MONTH_MIN_DAYS = 10
MIN_DAYS_EACH_SIDE = 3  # what-helps needs this many days with and without
EPS = 1e-9

# Two-sided 95% critical values of Student's t (df: value). We use the row at or
# below the Welch degrees of freedom, which errs on the side of a wider interval.
T_975 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    12: 2.179,
    15: 2.131,
    20: 2.086,
    25: 2.060,
    30: 2.042,
    40: 2.021,
    60: 2.000,
    120: 1.980,
}
Z_975 = 1.960


# --- days ---------------------------------------------------------------------


def to_day(value: DayLike = None) -> pd.Timestamp:
    """A day as a midnight Timestamp; None means today."""
    if value is None:
        return pd.Timestamp(dt.date.today())
    return pd.Timestamp(value).normalize()


def _day_number(value: DayLike) -> int:
    return int(np.datetime64(to_day(value).date(), "D").astype(np.int64))


def _day_numbers(values: pd.Series | pd.Index | np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 as int64, whatever the datetime64 resolution."""
    return np.asarray(values, dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)


def _date(number: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(number))


def _calendar(first: int, days: int) -> pd.DatetimeIndex:
    return pd.date_range(pd.Timestamp(_date(first)), periods=days, freq="D", name="day")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# --- daily mood and trend -----------------------------------------------------------


def daily_mood(checkins: pd.DataFrame, as_of: DayLike = None) -> pd.Series:
    """Mean mood of each logged day, indexed by day; a day without check-ins is absent.

    ``as_of`` (optional here) drops days after it.
    """
    if checkins.empty:
        return pd.Series([], index=pd.DatetimeIndex([], name="day"), name="mood", dtype=float)
    days = pd.DatetimeIndex(checkins["day"]).normalize()
    daily = checkins["mood"].astype(float).groupby(days).mean()
    daily.index = pd.DatetimeIndex(daily.index, name="day")
    daily.name = "mood"
    if as_of is not None:
        daily = daily[daily.index <= to_day(as_of)]
    return daily


@dataclass(frozen=True, eq=False)
class Trend:
    """The smoothed line and the slopes of daily mood.

    ``slope_per_30_days`` covers the last 90 days up to ``as_of``; ``recent_change``
    is the fitted rise (or fall) across the logged span of those 90 days, which
    is ``recent_span_days`` long. Slopes are None with fewer than 2 logged days.
    """

    smoothed: pd.Series
    slope_per_30_days: float | None
    slope_per_30_days_all_time: float | None
    recent_change: float | None
    recent_span_days: int


def _slope_per_day(daily: pd.Series) -> float | None:
    """Least-squares slope of mood against the day, in mood points per day."""
    if len(daily) < 2:
        return None
    x = _day_numbers(daily.index).astype(float)
    y = daily.to_numpy(dtype=float)
    x -= x.mean()
    return float((x * (y - y.mean())).sum() / (x * x).sum())


def trend(daily: pd.Series, as_of: DayLike = None) -> Trend:
    """Exponentially weighted mean (half-life 14 days, gaps count as time) and slopes.

    The slopes are least-squares fits over the last 90 days and over all time,
    reported per 30 days (slope per day × 30).
    """
    as_of = to_day(as_of)
    daily = daily[daily.index <= as_of]
    if len(daily):
        smoothed = daily.ewm(
            halflife=pd.Timedelta(days=TREND_HALFLIFE_DAYS), times=daily.index
        ).mean()
    else:
        smoothed = daily.copy()
    smoothed.name = "trend"
    recent = daily[daily.index > as_of - pd.Timedelta(days=RECENT_DAYS)]
    recent_slope = _slope_per_day(recent)
    all_slope = _slope_per_day(daily)
    span = int((recent.index[-1] - recent.index[0]).days) if len(recent) >= 2 else 0
    return Trend(
        smoothed=smoothed,
        slope_per_30_days=None if recent_slope is None else recent_slope * 30,
        slope_per_30_days_all_time=None if all_slope is None else all_slope * 30,
        recent_change=None if recent_slope is None else recent_slope * span,
        recent_span_days=span,
    )


# --- setbacks -------------------------------------------------------------------------


@dataclass(frozen=True)
class Episode:
    """A stretch of setback days and the way back.

    ``lowest`` is the lowest daily mood inside ``start``..``end`` (None when only
    logged setbacks without a check-in), on ``lowest_day``. ``recovered`` is the
    first later day with mood ≥ ``baseline`` − 0.5; ``bounce_back_days`` =
    recovered − start, both None while the way back is still going on. When the journal
    paused (no entry for more than PAUSE_DAYS) between the start and the day back,
    ``recovered`` is that day and ``bounce_back_days`` is None: back after a break, in
    an unknown number of days.
    ``logged`` is True when the person wrote a setback down inside it.
    """

    start: dt.date
    end: dt.date
    lowest: float | None
    lowest_day: dt.date | None
    recovered: dt.date | None
    bounce_back_days: int | None
    baseline: float
    logged: bool

    @property
    def back_after_a_break(self) -> bool:
        return self.recovered is not None and self.bounce_back_days is None


def setback_episodes(
    daily: pd.Series, logged_setback_days: Iterable[DayLike] = (), as_of: DayLike = None
) -> list[Episode]:
    """Setback episodes, oldest first.

    A day is a setback day when its mood is at least 1.5 below the mean of the
    previous 28 days (which needs at least 7 logged days), or when the person
    logged a setback that day. Consecutive setback days form one episode, and up
    to 2 unlogged days between them do not split it. A new setback day that
    comes before the episode has recovered continues that episode as well (still
    the same dip, so episodes never overlap). The baseline is the 28-day mean
    before the episode's first day; an episode that starts with a logged setback
    and fewer than 7 logged days before it uses the mean of whatever days there
    are, or 3.5 without any (so "okay", 3, counts as back).
    """
    end_number = _day_number(as_of)
    daily = daily[daily.index <= to_day(as_of)]
    logged = sorted({_day_number(day) for day in logged_setback_days})
    logged = [day for day in logged if day <= end_number]
    if daily.empty and not logged:
        return []
    mood_days = _day_numbers(daily.index)
    first = min([*mood_days[:1], *logged[:1]])
    size = end_number - first + 1
    mood = np.full(size, np.nan)
    mood[mood_days - first] = daily.to_numpy(dtype=float)
    has = ~np.isnan(mood)
    noted = np.zeros(size, dtype=bool)
    noted[np.asarray(logged, dtype=np.int64) - first] = True

    # Mean and count of the previous 28 days (not the day itself), for every day.
    sums = np.concatenate([[0.0], np.cumsum(np.where(has, mood, 0.0))])
    counts = np.concatenate([[0], np.cumsum(has)])
    index = np.arange(size)
    low = np.maximum(index - BASELINE_DAYS, 0)
    window_sum = sums[index] - sums[low]
    window_count = counts[index] - counts[low]
    with np.errstate(invalid="ignore", divide="ignore"):
        window_mean = window_sum / window_count
    enough = window_count >= BASELINE_MIN_LOGGED
    dropped = has & enough & (mood <= window_mean - SETBACK_DROP + EPS)
    setback_days = np.flatnonzero(dropped | noted)
    entry_days = np.flatnonzero(has | noted)

    episodes: list[Episode] = []
    k = 0
    while k < len(setback_days):
        start = end = int(setback_days[k])
        k += 1
        has_history = window_count[start] >= 1
        baseline = float(window_mean[start]) if has_history else FALLBACK_BASELINE
        back = has & (mood >= baseline - RECOVERY_MARGIN - EPS)
        while True:
            later = np.flatnonzero(back[end + 1 :])
            recovered = end + 1 + int(later[0]) if len(later) else None
            if k < len(setback_days) and (recovered is None or setback_days[k] < recovered):
                end = int(setback_days[k])  # the dip goes on: a short gap, or not back yet
                k += 1
                continue
            break
        inside = mood[start : end + 1]
        if np.isnan(inside).all():
            lowest, lowest_day = None, None
        else:
            at = int(np.nanargmin(inside))
            lowest, lowest_day = float(inside[at]), _date(first + start + at)
        episodes.append(
            Episode(
                start=_date(first + start),
                end=_date(first + end),
                lowest=lowest,
                lowest_day=lowest_day,
                recovered=None if recovered is None else _date(first + recovered),
                bounce_back_days=(
                    None
                    if recovered is None or _paused(entry_days, start, recovered)
                    else recovered - start
                ),
                baseline=baseline,
                logged=bool(noted[start : end + 1].any()),
            )
        )
    return episodes


def _paused(entry_days: np.ndarray, start: int, stop: int) -> bool:
    """Whether the entries from ``start`` to ``stop`` (day positions) have a pause."""
    inside = entry_days[(entry_days >= start) & (entry_days <= stop)]
    return bool((np.diff(inside) > PAUSE_DAYS).any())


def bounce_back_by_quarter(episodes: Iterable[Episode]) -> pd.DataFrame:
    """Median bounce-back days of the recovered episodes, by the quarter they started in.

    Columns: ``quarter`` ("2026 Q1"), ``quarter_start`` (Timestamp),
    ``median_days`` (float) and ``setbacks`` (how many recovered episodes).
    """
    quarters: dict[tuple[int, int], list[int]] = {}
    for episode in episodes:
        if episode.bounce_back_days is not None:
            quarter = (episode.start.year, (episode.start.month - 1) // 3 + 1)
            quarters.setdefault(quarter, []).append(episode.bounce_back_days)
    ordered = sorted(quarters.items())
    return pd.DataFrame(
        {
            "quarter": [f"{year} Q{q}" for (year, q), _ in ordered],
            "quarter_start": pd.to_datetime(
                [dt.date(year, 3 * q - 2, 1) for (year, q), _ in ordered]
            ),
            "median_days": [float(statistics.median(days)) for _, days in ordered],
            "setbacks": [len(days) for _, days in ordered],
        },
        columns=["quarter", "quarter_start", "median_days", "setbacks"],
    )


# --- habits -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Habit:
    """One habit's days on a calendar from ``first_day`` up to ``as_of``, one slot a day.

    ``key`` is stable ("goal:3", "activity:5"). ``done`` marks days done (or an
    amount logged); ``skipped`` days skipped or paused; ``lapsed`` days lapsed.
    Measurable goals also carry ``amount`` per day (a plain "done" counts as the
    target), ``target_type`` ("at_least"/"at_most") and ``target_value`` (per time).
    ``entered`` marks the days the person logged something (done, an amount, a skip
    or a lapse, but not a pause); when None, every done, skipped or lapsed day counts.
    """

    key: str
    name: str
    times: int
    per_days: int
    first_day: dt.date
    done: np.ndarray
    skipped: np.ndarray
    lapsed: np.ndarray
    amount: np.ndarray | None = None
    target_type: str | None = None
    target_value: float | None = None
    entered: np.ndarray | None = None

    @property
    def days(self) -> int:
        return len(self.done)

    @property
    def first_entry(self) -> int | None:
        """The position of the first day the person logged anything, None before any."""
        entered = self.entered
        if entered is None:
            entered = self.done | self.skipped | self.lapsed
        found = np.flatnonzero(entered)
        return int(found[0]) if len(found) else None

    @property
    def is_measurable(self) -> bool:
        return self.amount is not None and self.target_type in ("at_least", "at_most")

    @property
    def calendar(self) -> pd.DatetimeIndex:
        return _calendar(_day_number(self.first_day), self.days)


def make_habit(
    first_day: DayLike,
    as_of: DayLike,
    *,
    times: int = 1,
    per_days: int = 1,
    done: Iterable[DayLike] = (),
    skipped: Iterable[DayLike] = (),
    lapsed: Iterable[DayLike] = (),
    amounts: dict | None = None,
    target_type: str | None = None,
    target_value: float | None = None,
    key: str = "habit",
    name: str = "Habit",
) -> Habit:
    """A :class:`Habit` from lists of days (handy for small cases and tests)."""
    first = _day_number(first_day)
    size = max(0, _day_number(as_of) - first + 1)

    def mark(days: Iterable[DayLike]) -> np.ndarray:
        flags = np.zeros(size, dtype=bool)
        for day in days:
            position = _day_number(day) - first
            if 0 <= position < size:
                flags[position] = True
        return flags

    amount = None
    logged_amount = mark(amounts or {}) if target_type is not None else mark(())
    if target_type is not None:
        amount = np.zeros(size)
        for day, value in (amounts or {}).items():
            position = _day_number(day) - first
            if 0 <= position < size:
                amount[position] = value
        # A plain "done" counts as meeting the target that day.
        amount[mark(done) & ~logged_amount] = target_value or 0.0
    done_flags = mark(done) | logged_amount
    lapsed_flags = mark(lapsed) & ~done_flags
    return Habit(
        key=key,
        name=name,
        times=times,
        per_days=per_days,
        first_day=_date(first),
        done=done_flags,
        skipped=mark(skipped) & ~done_flags & ~lapsed_flags,
        lapsed=lapsed_flags,
        amount=amount,
        target_type=target_type,
        target_value=target_value,
    )


def _rolling_sum(values: np.ndarray, window: int) -> np.ndarray:
    """Sum of each day and the ``window - 1`` days before it."""
    sums = np.concatenate([[0.0], np.cumsum(values, dtype=float)])
    index = np.arange(1, len(values) + 1)
    return sums[index] - sums[np.maximum(index - window, 0)]


def _smooth(values: np.ndarray, multiplier: float, start: float) -> np.ndarray:
    """s[i] = s[i-1]·m + v[i]·(1−m), in closed form, in blocks so m^-k stays small."""
    out = np.empty(len(values))
    score = start
    # The longest block whose m^-k stays below 1e250 (about 30 years of a daily habit).
    block = max(1, int(250 * math.log(10) / -math.log(multiplier)))
    for low in range(0, len(values), block):
        chunk = values[low : low + block]
        powers = multiplier ** np.arange(1, len(chunk) + 1)
        part = powers * (score + (1 - multiplier) * np.cumsum(chunk / powers))
        out[low : low + len(chunk)] = part
        score = part[-1]
    return out


def habit_strength(habit: Habit) -> pd.Series:
    """Loop Habit Tracker's score for each day, from the habit's first day, in [0, 1].

    With f = times/per_days and m = 0.5^(√f / 13), each day's score is
    previous·m + v·(1−m). For a yes/no habit v = min(1, done in the last D days / N);
    when f < 1 the window is doubled (2N in 2D days) to smooth out uneven
    weeks, as Loop does. For a measurable goal the target T over the last D days
    is N × the target per time, and v = min(1, total/T) for "at least" or
    clamp(1 − (total − T)/T, 0, 1) for "at most" (full credit up to T, none from
    2T; for T = 0 any amount gives none). As in Loop, an unlogged day counts as
    an amount of zero, and the score is 0 until the first day the person logged
    something; from that day it starts at 0, or at 1 for "at most" goals (a
    limit is kept until it isn't). A lapse earns no credit that day. A skipped
    or paused day leaves the score unchanged.
    """
    calendar = habit.calendar
    if habit.days == 0:
        return pd.Series([], index=calendar, name=habit.name, dtype=float)
    scores = np.zeros(habit.days)
    first = habit.first_entry
    if first is None:
        return pd.Series(scores, index=calendar, name=habit.name)
    n, d = habit.times, habit.per_days
    frequency = n / d
    multiplier = 0.5 ** (math.sqrt(frequency) / 13)
    start = 0.0
    if habit.is_measurable:
        target = float(habit.target_value) * n  # type: ignore[arg-type]
        total = _rolling_sum(np.where(habit.lapsed, 0.0, habit.amount), d)  # type: ignore[arg-type]
        if habit.target_type == "at_least":
            credit = np.minimum(1.0, total / target)
        else:
            start = 1.0  # Loop starts a limit at full strength
            if target > 0:
                credit = np.clip(1 - (total - target) / target, 0.0, 1.0)
            else:  # "at most 0" (say, cigarettes): any amount in the window misses it
                credit = np.where(total > 0, 0.0, 1.0)
            credit[habit.lapsed] = 0.0
    else:
        needed, window = (2 * n, 2 * d) if frequency < 1 else (n, d)
        credit = np.minimum(1.0, _rolling_sum(habit.done.astype(float), window) / needed)
    counted = ~habit.skipped[first:]
    smoothed = np.concatenate([[start], _smooth(credit[first:][counted], multiplier, start)])
    # A skipped day keeps the score of the last counted day (or the start value).
    scores[first:] = smoothed[np.cumsum(counted)]
    return pd.Series(np.clip(scores, 0.0, 1.0), index=calendar, name=habit.name)


@dataclass(frozen=True)
class Runs:
    """Runs of a habit, counted in periods of ``period_days`` days (1 for a daily habit).

    The calendar from the habit's first day is cut into periods of D days. A
    period is *kept* when it has enough done days (N, fewer in proportion to the
    days skipped or paused; for measurable goals the total reaches — or for "at
    most" stays within — N × the target) and no lapse; a period that is all
    skipped or paused is a *rest*, which continues a run without adding to it;
    otherwise it is *missed*, which ends the run. The period still going on
    counts once it is kept and never ends a run. ``comebacks`` counts runs that
    started after a missed period (after the first run). ``never_miss_twice`` is
    True when no two missed periods follow each other (rests don't separate them)
    among the last max(2, ⌈28/D⌉) finished periods, None before one is finished.
    """

    current: int
    best: int
    comebacks: int
    never_miss_twice: bool | None
    period_days: int


def _period_states(habit: Habit) -> tuple[np.ndarray, bool]:
    """+1 kept, 0 rest, −1 missed for each period; and whether the last one is finished."""
    n, d = habit.times, habit.per_days
    periods = -(-habit.days // d)
    pad = periods * d - habit.days

    def fold(values: np.ndarray, fill: float = 0) -> np.ndarray:
        padded = np.concatenate([values.astype(float), np.full(pad, fill)])
        return padded.reshape(periods, d).sum(axis=1)

    active = fold(~habit.skipped, fill=1)  # days still to come in the current period count
    lapses = fold(habit.lapsed) > 0
    if habit.is_measurable:
        total = fold(np.where(habit.lapsed, 0.0, habit.amount))  # type: ignore[arg-type]
        limit = float(habit.target_value) * n  # type: ignore[arg-type]
        if habit.target_type == "at_least":
            enough = total >= limit * active / d - EPS
        else:
            enough = total <= limit + EPS
    else:
        needed = np.ceil(n * active / d - EPS)
        enough = fold(habit.done) >= needed
    states = np.where(active == 0, 0, np.where(enough & ~lapses, 1, -1))
    return states, pad == 0


def runs(habit: Habit) -> Runs:
    """Current and best runs, comebacks and the never-miss-twice flag (see :class:`Runs`)."""
    d = habit.per_days
    if habit.days == 0:
        return Runs(0, 0, 0, None, d)
    states, last_finished = _period_states(habit)
    finished = states if last_finished else states[:-1]
    if not last_finished and states[-1] != 1:
        states = states[:-1]  # the current period can still be kept: it ends nothing yet
    kept = states[states != 0] == 1
    edges = np.diff(np.concatenate([[0], kept.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    lengths = ends - starts
    best = int(lengths.max()) if len(lengths) else 0
    current = int(lengths[-1]) if len(lengths) and ends[-1] == len(kept) else 0
    recent = finished[-max(2, math.ceil(28 / d)) :]
    recent = recent[recent != 0]
    if len(recent) == 0:
        never_twice = None
    else:
        missed = recent == -1
        never_twice = not bool((missed[1:] & missed[:-1]).any())
    return Runs(current, best, max(0, len(starts) - 1), never_twice, d)


def _run_span(runs: Runs, count: int) -> str:
    """``count`` periods of a run in words: "3 days", "2 weeks", "4 × 14 days"."""
    if runs.period_days == 1:
        return _plural(count, "day")
    if runs.period_days == 7:
        return _plural(count, "week")
    return f"{count} × {runs.period_days} days"


def describe_runs(runs: Runs) -> str:
    """E.g. "Current run: 3 weeks · best: 9 weeks · 2 comebacks"."""

    def span(count: int) -> str:
        return _run_span(runs, count)

    parts = [f"Current run: {span(runs.current)}", f"best: {span(runs.best)}"]
    if runs.comebacks:
        parts.append(_plural(runs.comebacks, "comeback"))
    return " · ".join(parts)


JUST_STARTED_DAYS = 3  # a habit younger than this shows no strength or runs yet
JUST_STARTED = "Just started: log a few days and its strength will show."


def is_limit(habit: Habit) -> bool:
    """An "at most" goal: the days within it are the good ones, never the thing itself."""
    return habit.is_measurable and habit.target_type == "at_most"


def describe_habit(summary: HabitSummary, voice: Voice = YOU) -> str:
    """The runs line under a habit, in words for what it is, spoken in ``voice``.

    A limit ("at most 2 drinks") counts days *within your limit* and times you got
    *back within your limit*, never comebacks to the thing being limited. A habit
    that has only just started says so instead of "run 1 day · best 0 weeks".
    """
    if summary.just_started:
        return JUST_STARTED if voice.is_owner else "Just started: its strength shows in a few days."
    runs = summary.runs
    if runs.best == 0:  # never "run 0 days · best 0 weeks"
        if is_limit(summary.habit):
            return f"Each day within {voice.their} limit will count here."
        return (
            f"{capital(voice.their)} first run is on its way: "
            f"each time {voice.they} show up counts."
        )
    if not is_limit(summary.habit):
        return describe_runs(runs)

    def span(count: int) -> str:
        return _run_span(runs, count)

    parts = [
        f"Within {voice.their} limit: {span(runs.current)} in a row",
        f"longest: {span(runs.best)}",
    ]
    if runs.comebacks:
        times = "once" if runs.comebacks == 1 else f"{runs.comebacks} times"
        parts.append(f"back within {voice.their} limit {times}")
    return " · ".join(parts)


def _goal_habits(frames: JournalFrames, end: int) -> list[Habit]:
    goals = frames.goals
    if goals.empty:
        return []
    goals = goals[(goals["kind"] == "habit") & (goals["status"] != "archived")]
    logs = frames.goal_logs
    log_days = _day_numbers(logs["day"])
    status = logs["status"]
    log_done = status.isin(["done", "amount"]).to_numpy()
    log_plain_done = (status == "done").to_numpy()
    log_skipped = (status == "skipped").to_numpy()
    log_lapsed = (status == "lapsed").to_numpy()
    log_amount = pd.to_numeric(logs["amount"]).to_numpy(dtype=float)
    groups = logs.groupby("goal_id").indices if len(logs) else {}
    pauses = frames.goal_pauses
    pause_start = _day_numbers(pauses["start"])
    pause_end = _day_numbers(pauses["end"].fillna(pd.Timestamp(_date(end))))
    pause_goal = pauses["goal_id"].to_numpy()
    habits = []
    for goal in goals.itertuples(index=False):
        rows = np.asarray(groups.get(goal.id, []), dtype=np.int64)
        rows = rows[log_days[rows] <= end]
        first = _day_number(goal.created)
        if len(rows):
            first = min(first, int(log_days[rows].min()))
        if first > end:
            continue
        size = end - first + 1
        where = log_days[rows] - first
        done = np.zeros(size, dtype=bool)
        done[where[log_done[rows]]] = True
        skipped = np.zeros(size, dtype=bool)
        for row in np.flatnonzero(pause_goal == goal.id):
            skipped[max(0, pause_start[row] - first) : max(0, pause_end[row] - first + 1)] = True
        skipped[where] = False  # a logged day counts as logged, even while paused
        skipped[where[log_skipped[rows]]] = True
        lapsed = np.zeros(size, dtype=bool)
        lapsed[where[log_lapsed[rows]]] = True
        entered = np.zeros(size, dtype=bool)
        entered[where] = True
        measurable = goal.target_type in ("at_least", "at_most") and pd.notna(goal.target_value)
        amount = None
        if measurable:
            # A plain "done" on a measurable goal counts as meeting the target that day.
            amount = np.zeros(size)
            amount[where] = np.where(
                log_plain_done[rows], float(goal.target_value), np.nan_to_num(log_amount[rows])
            )
            amount[lapsed] = 0.0
        habits.append(
            Habit(
                key=f"goal:{goal.id}",
                name=goal.title,
                times=int(goal.times),
                per_days=int(goal.per_days),
                first_day=_date(first),
                done=done,
                skipped=skipped,
                lapsed=lapsed,
                amount=amount,
                target_type=goal.target_type if measurable else None,
                target_value=float(goal.target_value) if measurable else None,
                entered=entered,
            )
        )
    return habits


def _activity_habits(frames: JournalFrames, end: int) -> list[Habit]:
    activities = frames.activities
    if activities.empty:
        return []
    # Only self-care grows a "strength": for something to watch that would cheer the risk
    # on, and a neutral activity (work, gaming) is described, never framed as a good habit.
    activities = activities[
        activities["times"].notna()
        & activities["per_days"].notna()
        & (activities["archived"] == 0)
        & (activities["kind"] == "selfcare")
    ]
    logs = frames.activity_logs
    log_days = _day_numbers(logs["day"])
    groups = logs.groupby("activity_id").indices if len(logs) else {}
    habits = []
    for activity in activities.itertuples(index=False):
        days = log_days[np.asarray(groups.get(activity.id, []), dtype=np.int64)]
        days = days[days <= end]
        if len(days) == 0:
            continue  # an activity's habit starts with its first logged day
        first = int(days.min())
        size = end - first + 1
        done = np.zeros(size, dtype=bool)
        done[days - first] = True
        nothing = np.zeros(size, dtype=bool)
        habits.append(
            Habit(
                key=f"activity:{activity.id}",
                name=activity.name,
                times=int(activity.times),
                per_days=int(activity.per_days),
                first_day=_date(first),
                done=done,
                skipped=nothing,
                lapsed=nothing,
            )
        )
    return habits


def habits(frames: JournalFrames, as_of: DayLike = None) -> list[Habit]:
    """Every recurring goal (not archived) and every self-care activity with a cadence.

    A goal's habit starts on the day it was created or its first log, whichever is
    earlier; an activity's on its first logged day. Paused stretches count as
    skipped days, unless something was logged that day.
    """
    end = _day_number(as_of)
    return _goal_habits(frames, end) + _activity_habits(frames, end)


@dataclass(frozen=True, eq=False)
class HabitSummary:
    """A habit with its strength over time and its runs."""

    habit: Habit
    strength: pd.Series
    runs: Runs

    @property
    def name(self) -> str:
        return self.habit.name

    @property
    def key(self) -> str:
        return self.habit.key

    @property
    def strength_now(self) -> float:
        return float(self.strength.iloc[-1]) if len(self.strength) else 0.0

    @property
    def strength_so_far(self) -> float | None:
        """The strength now, or None while the habit has just started (as the app shows)."""
        return None if self.just_started else self.strength_now

    @property
    def done(self) -> int:
        return int(self.habit.done.sum())

    @property
    def skipped(self) -> int:
        return int(self.habit.skipped.sum())

    @property
    def total(self) -> int:
        """Days from the habit's first day to as_of."""
        return self.habit.days

    @property
    def just_started(self) -> bool:
        """Too new for a strength or runs to mean anything: under JUST_STARTED_DAYS old, or
        nothing logged yet. A logged amount of 0 counts: "no cigarettes today" is a day
        of an "at most 0" goal kept."""
        return self.habit.days < JUST_STARTED_DAYS or self.habit.first_entry is None


def summarize_habit(habit: Habit) -> HabitSummary:
    return HabitSummary(habit=habit, strength=habit_strength(habit), runs=runs(habit))


# --- self-care at a glance -------------------------------------------------------------


def _selfcare_ids(frames: JournalFrames) -> set[int]:
    activities = frames.activities
    return set(activities.loc[activities["kind"] == "selfcare", "id"].tolist())


def _selfcare_logs(frames: JournalFrames) -> pd.DataFrame:
    """Logs of self-care only: neutral things and things to watch are never counted as it."""
    logs = frames.activity_logs
    return logs[logs["activity_id"].isin(_selfcare_ids(frames))]


def selfcare_week(frames: JournalFrames, as_of: DayLike = None) -> dict[dt.date, list[int]]:
    """The activity ids logged on each of the last 7 days up to ``as_of``, newest first."""
    end = to_day(as_of)
    logs = _selfcare_logs(frames)
    recent = logs[(logs["day"] > end - pd.Timedelta(days=7)) & (logs["day"] <= end)]
    by_day = recent.groupby(recent["day"].dt.date)["activity_id"].agg(list)
    days = [(end - pd.Timedelta(days=offset)).date() for offset in range(7)]
    return {day: sorted(by_day.get(day, [])) for day in days}


def category_balance(frames: JournalFrames, as_of: DayLike = None, days: int = 30) -> pd.Series:
    """How many self-care moments of each kind (category; "other" when none) in the last
    ``days`` days up to ``as_of``, most first."""
    end = to_day(as_of)
    logs = _selfcare_logs(frames)
    window = logs[(logs["day"] > end - pd.Timedelta(days=days)) & (logs["day"] <= end)]
    kinds = frames.activities.set_index("id")["category"].fillna("other")
    return window["activity_id"].map(kinds).value_counts().rename("days")


# --- small wins ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Win:
    """A milestone worth a smile. ``key`` is stable, so each is celebrated once."""

    day: dt.date
    text: str
    key: str


DAYS_LOGGED_WINS = {  # "{yourself}" and such: see tracker.voice.Voice.words
    7: "A whole week of check-ins. Showing up for {yourself} counts.",
    30: "30 days logged. That's a real habit of looking after {yourself}.",
    100: "100 days logged. Look how far {you_have} come.",
    365: "A year of check-ins. Every single one of them counted.",
}


def _wins(
    daily: pd.Series,
    episodes: list[Episode],
    summaries: list[HabitSummary],
    goals: pd.DataFrame,
    as_of: pd.Timestamp,
    voice: Voice = YOU,
) -> list[Win]:
    wins: list[Win] = []
    words = voice.words
    for count, text in DAYS_LOGGED_WINS.items():
        if len(daily) >= count:
            wins.append(
                Win(daily.index[count - 1].date(), text.format(**words), f"days_logged:{count}")
            )

    for summary in summaries:
        values = summary.strength.to_numpy()
        if len(values) == 0:
            continue
        limit = is_limit(summary.habit)
        start = 1.0 if limit else 0.0  # a limit starts full: 100% on its first day is no milestone
        before = np.concatenate([[start], values])
        first = summary.habit.first_entry
        if first is not None:
            before[: first + 1] = start
        strength_texts = (
            (
                (0.5, "Staying within {their} limit for “{}” is taking root: strength passed 50%."),
                (0.8, "Keeping to {their} limit for “{}” is part of {their} life now."),
            )
            if limit
            else (
                (0.5, "“{}” is taking root: its strength passed 50%."),
                (0.8, "“{}” is part of {their} life now: its strength passed 80%."),
            )
        )
        for threshold, text in strength_texts:
            crossed = np.flatnonzero((values >= threshold) & (before[:-1] < threshold))
            if len(crossed):
                day = summary.strength.index[crossed[0]].date()
                key = f"strength{int(threshold * 100)}:{summary.key}"
                wins.append(Win(day, text.format(summary.name, **words), key))

    for summary in summaries:
        wins.extend(_run_wins(summary.habit, as_of.date(), voice))

    if not goals.empty:
        achieved = goals[goals["achieved_on"].notna() & (goals["achieved_on"] <= as_of)]
        for goal in achieved.itertuples(index=False):
            wins.append(
                Win(
                    to_day(goal.achieved_on).date(),
                    f"{capital(voice.you)} achieved “{goal.title}”."
                    + (" Take a moment to enjoy that." if voice.is_owner else ""),
                    f"achieved:goal:{goal.id}",
                )
            )

    # A finished month with enough days whose mean beats every earlier such month.
    if len(daily):
        month_of_day = daily.index.to_numpy().astype("datetime64[M]")
        months, inverse = np.unique(month_of_day, return_inverse=True)
        sizes = np.bincount(inverse)
        means = np.bincount(inverse, weights=daily.to_numpy(dtype=float)) / sizes
        month_ends = (months + 1).astype("datetime64[D]") - 1
        finished = (sizes >= BEST_MONTH_MIN_DAYS) & (month_ends <= as_of.to_datetime64())
        best = -np.inf
        for month, mean, month_end in zip(
            months[finished], means[finished], month_ends[finished], strict=True
        ):
            if best > -np.inf and mean > best + EPS:
                when = month_end.astype(dt.date)
                wins.append(
                    Win(
                        when,
                        f"{when:%B %Y} was {voice.their} brightest month so far "
                        f"(average mood {mean:.1f}).",
                        f"best_month:{str(month)}",
                    )
                )
            best = max(best, mean)

    recovered = [episode for episode in episodes if episode.bounce_back_days is not None]
    for previous, episode in zip(recovered, recovered[1:], strict=False):
        if episode.bounce_back_days < previous.bounce_back_days:  # type: ignore[operator]
            wins.append(
                Win(
                    episode.recovered,  # type: ignore[arg-type]
                    f"{capital(voice.you)} came back faster than last time: "
                    f"{_plural(episode.bounce_back_days, 'day')} instead of "  # type: ignore[arg-type]
                    f"{previous.bounce_back_days}.",
                    f"faster_bounce:{episode.start.isoformat()}",
                )
            )
    return sorted(wins, key=lambda win: (win.day, win.key))


RUN_WINS = {
    7: "“{}”: a run of a whole week. Small steps, adding up.",
    30: "“{}”: a run of 30 days. That's something to be proud of.",
}
LIMIT_RUN_WINS = {
    7: "A whole week within {their} limit for “{}”. Small steps, adding up.",
    30: "30 days within {their} limit for “{}”. That's something to be proud of.",
}
COMEBACK_PERIODS = 3  # a comeback is celebrated once the new run has lasted this long


def comeback_sentence(
    name: str, *, limit: bool = False, break_days: int = 0, voice: Voice = YOU
) -> str:
    """The small win of a new run after a break. For a limit, what is celebrated is being
    back within it, never "coming back to" the thing limited."""
    if limit:
        after = f" after {_plural(break_days, 'day')}" if break_days >= 2 else ""
        be = "are" if voice.is_owner else "is"
        return f"{capital(voice.you)} {be} back within {voice.their} limit for “{name}”{after}."
    return f"{capital(voice.you)} came back to “{name}” after a break. Coming back is the skill."


def _run_wins(habit: Habit, as_of: dt.date, voice: Voice = YOU) -> list[Win]:
    """First runs of 7 and 30 days, and each comeback: a run restarted after a missed
    period that has lasted a few periods (so one good day after a miss isn't a fanfare)."""
    if habit.days == 0:
        return []
    states, last_finished = _period_states(habit)
    d = habit.per_days

    def day_of(period: int) -> dt.date:  # the period's last day, or today while it runs
        return min(habit.first_day + dt.timedelta(days=(period + 1) * d - 1), as_of)

    wins: list[Win] = []
    limit = is_limit(habit)
    runs_to_find = dict(LIMIT_RUN_WINS if limit else RUN_WINS)
    last = len(states) - 1
    length, had_run, after_break, missed_in_row = 0, False, False, 0
    break_days = 0  # how long the last break lasted, for "back within your limit after N"
    # A plain list: a decade of daily periods per habit, read one by one.
    for index, state in enumerate(states.tolist()):
        if state == 1:
            length += 1
            had_run = True
            if after_break and length == COMEBACK_PERIODS:
                after_break = False
                day = day_of(index)
                wins.append(
                    Win(
                        day,
                        comeback_sentence(
                            habit.name, limit=limit, break_days=break_days, voice=voice
                        ),
                        f"comeback:{habit.key}:{day.isoformat()}",
                    )
                )
            if runs_to_find:
                for run_days in [r for r in runs_to_find if length * d >= r > (length - 1) * d]:
                    text = runs_to_find.pop(run_days)  # only the first such run is a win
                    wins.append(
                        Win(
                            day_of(index),
                            text.format(habit.name, **voice.words),
                            f"run{run_days}:{habit.key}",
                        )
                    )
        elif state == -1 and (last_finished or index < last):
            # A break is at least two days missed in a row (one missed week counts).
            missed_in_row = missed_in_row + 1 if length == 0 else 1
            if had_run and missed_in_row * d >= 2 and not after_break:
                after_break = True
            if after_break:
                break_days = missed_in_row * d
            length = 0
    return wins


def wins_feed(wins: Iterable[Win], limit: int = 8) -> list[Win]:
    """The newest wins for a feed, with only the latest comeback of each habit, so that a
    habit with many restarts doesn't crowd out the other good news."""
    shown: list[Win] = []
    comebacks_seen: set[str] = set()
    for win in sorted(wins, key=lambda w: (w.day, w.key), reverse=True):
        if win.key.startswith("comeback:"):
            habit_key = win.key.rsplit(":", 1)[0]
            if habit_key in comebacks_seen:
                continue
            comebacks_seen.add(habit_key)
        shown.append(win)
        if len(shown) == limit:
            break
    return shown


def small_wins(frames: JournalFrames, as_of: DayLike = None) -> list[Win]:
    """Milestones found in the data, oldest first (see :data:`DAYS_LOGGED_WINS` and
    the README): days logged, strength passing 50% and 80%, goals achieved, a
    brightest month (≥10 logged days, beats every earlier such month, finished),
    and a faster bounce-back than the previous recovered setback."""
    return journey(frames, as_of).wins


# --- what helps --------------------------------------------------------------------------


def _t_critical(df: float) -> float:
    if not np.isfinite(df) or df > max(T_975):
        return Z_975
    usable = [row for row in T_975 if row <= df]
    return T_975[max(usable)] if usable else T_975[1]


def _helps(
    daily: pd.Series, frames: JournalFrames, kind: str = "selfcare", voice: Voice = YOU
) -> pd.DataFrame:
    """Mood with vs without each activity of one ``kind`` (see :func:`what_helps`).

    "selfcare": largest difference first, with the "what helps" sentence. "watch":
    only things on whose days the mood was lower, lowest first, said gently.
    """
    columns = [
        "activity_id",
        "activity",
        "days_with",
        "days_without",
        "mood_with",
        "mood_without",
        "difference",
        "low",
        "high",
        "sentence",
    ]
    activities = frames.activities
    of_kind = set(activities.loc[activities["kind"] == kind, "id"].tolist())
    logs = frames.activity_logs
    logs = logs[logs["activity_id"].isin(of_kind)]
    if daily.empty or logs.empty:
        return pd.DataFrame(columns=columns)
    mood_days = _day_numbers(daily.index)
    mood = daily.to_numpy(dtype=float)
    positions = np.searchsorted(mood_days, _day_numbers(logs["day"]))
    positions = np.minimum(positions, len(mood_days) - 1)
    on_mood_day = mood_days[positions] == _day_numbers(logs["day"])
    names = dict(zip(frames.activities["id"], frames.activities["name"], strict=True))
    rows = []
    for activity_id, where in logs[on_mood_day].groupby("activity_id").indices.items():
        with_day = np.zeros(len(mood), dtype=bool)
        with_day[positions[on_mood_day][where]] = True
        a, b = mood[with_day], mood[~with_day]
        if len(a) < MIN_DAYS_EACH_SIDE or len(b) < MIN_DAYS_EACH_SIDE:
            continue
        va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
        difference = a.mean() - b.mean()
        se = math.sqrt(va + vb)
        if se > 0:
            df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
            margin = _t_critical(df) * se
        else:
            margin = 0.0
        name = names.get(activity_id, "an activity")
        if kind == "watch" and difference > -0.05:
            continue  # only "makes days harder" is said about these; never that they help
        sentence = (
            harder_sentence(name, difference, difference - margin, difference + margin, voice)
            if kind == "watch"
            else helps_sentence(name, difference, difference - margin, difference + margin, voice)
        )
        rows.append(
            (
                int(activity_id),
                name,
                len(a),
                len(b),
                float(a.mean()),
                float(b.mean()),
                float(difference),
                float(difference - margin),
                float(difference + margin),
                sentence,
            )
        )
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("difference", ascending=kind == "watch", ignore_index=True)


def helps_sentence(
    name: str, difference: float, low: float, high: float, voice: Voice = YOU
) -> str:
    """What seems to help, for self-care only."""
    if abs(difference) < 0.05:
        text = f"On days with “{name}”, {voice.your} mood was about the same as on other days"
    else:
        word = "higher" if difference > 0 else "lower"
        text = (
            f"On days with “{name}”, {voice.your} mood was {abs(difference):.1f} {word} on average"
        )
    text += " (a pattern, not proof of cause)."
    if abs(difference) >= 0.05 and low <= 0 <= high:
        text += " With the days so far, this could still be chance."
    return text


def harder_sentence(
    name: str, difference: float, low: float, high: float, voice: Voice = YOU
) -> str:
    """What seems to make days harder, for things to watch: noticed, never judged."""
    text = (
        f"Days with “{name}” tended to be harder: {voice.your} mood was "
        f"{abs(difference):.1f} lower on average (a pattern, not proof of cause)."
    )
    if low <= 0 <= high:
        text += " With the days so far, this could still be chance."
    return text


def what_makes_days_harder(frames: JournalFrames, as_of: DayLike = None) -> pd.DataFrame:
    """Like :func:`what_helps`, for the things a person marked to watch, and only those
    whose days had a lower mood, lowest first."""
    return _helps(daily_mood(frames.checkins, as_of), frames, "watch")


def what_helps(frames: JournalFrames, as_of: DayLike = None) -> pd.DataFrame:
    """Mood on days with vs without each activity, among days with a logged mood.

    Only activities with at least 3 days with and 3 days without. ``difference``
    is mean with − mean without; ``low``..``high`` is its 95% Welch interval,
    using Student's t from a small table at the Welch degrees of freedom
    (rounded down, so a little wider than exact; 1.96 beyond 120). Sorted by
    difference, largest first. The sentence calls it a pattern, never a cause.
    Only self-care is compared: neutral activities and things to watch never "help".
    """
    return _helps(daily_mood(frames.checkins, as_of), frames)


# --- the headline ----------------------------------------------------------------------------


def _period_words(span_days: int) -> str:
    if span_days >= 80:
        return "the last 3 months"
    if span_days >= 50:
        return "the last 2 months"
    if span_days >= 14:
        return f"the last {span_days // 7} weeks"
    return f"the last {span_days} days"


def _headline(
    daily: pd.Series,
    tendency: Trend,
    episodes: list[Episode],
    as_of: pd.Timestamp,
    voice: Voice = YOU,
) -> str:
    if daily.empty:
        return (
            f"{capital(voice.your)} journey starts with {voice.their} first check-in. "
            "There's no wrong way to begin."
        )
    # A journal only days old has no trend yet; "welcome back" would greet a newcomer.
    young = (as_of - daily.index[0]).days < 14
    few_lately = tendency.recent_change is None or tendency.recent_span_days < 7
    if len(daily) < 7 or (young and few_lately):
        return (
            f"{capital(voice.you_have)} checked in on {_plural(len(daily), 'day')} so far. "
            f"After a couple of weeks, {voice.their} trend will start to show here."
        )
    if few_lately:
        # Plenty of days, but few lately: a return, not a gap to point at.
        return (
            ("Welcome back. " if voice.is_owner else "")
            + f"{capital(voice.you_have)} logged {len(daily)} days so far, the latest on "
            f"{daily.index[-1]:%-d %B %Y}. Picking it up again is part of the path."
        )
    period = _period_words(tendency.recent_span_days)
    window_start = (as_of - pd.Timedelta(days=RECENT_DAYS - 1)).date()
    recent = [e for e in episodes if e.start >= window_start or e.recovered is None]
    back = [e.bounce_back_days for e in recent if e.bounce_back_days is not None]
    ongoing = any(e.recovered is None for e in recent)
    change = tendency.recent_change
    setbacks = f"through {_plural(len(recent), 'setback')}" if recent else ""
    if back:
        average = round(sum(back) / len(back))
        setbacks += f"; {voice.they} bounced back in {_plural(average, 'day')} on average"
    if ongoing and len(recent) == 1:
        setbacks = f"through a setback {voice.they_are} still finding {voice.their} way back from"
    elif ongoing:
        setbacks += f", and {voice.they_are} finding {voice.their} way back from the latest"
    elif recent and not back:  # every way back spanned a pause in the journal
        setbacks += ", and came back after a break"
    if change >= 0.1:
        text = f"Over {period} {voice.your} mood rose {change:.1f} points"
        return text + (f", {setbacks}." if setbacks else ".")
    if change > -0.1:
        text = f"Over {period} {voice.your} mood held steady"
        return text + (f", {setbacks}." if setbacks else ".")
    text = f"{capital(voice.your)} mood dipped a little lately — that's part of the path too."
    if setbacks:
        text += f" {capital(voice.you_have)} been {setbacks}."
    elif any(e.recovered is not None for e in episodes):
        text += f" {capital(voice.you_have)} found {voice.their} way back from dips before."
    return text


def headline(frames: JournalFrames, as_of: DayLike = None) -> str:
    """One warm sentence about the last 3 months: the mood's rise, setbacks, bounce-back."""
    return journey(frames, as_of).headline


# --- everything at once ----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Journey:
    """Everything the Journey page and ``stats`` need, computed once."""

    as_of: dt.date
    entries: int
    daily: pd.Series
    trend: Trend
    setback_days: list[dt.date]
    episodes: list[Episode]
    bounce_back: pd.DataFrame
    habits: list[HabitSummary]
    wins: list[Win]
    helps: pd.DataFrame
    headline: str
    activity_days: dict[str, int]
    harder: pd.DataFrame  # what seems to make days harder (things to watch)

    @property
    def days_logged(self) -> int:
        return len(self.daily)


def journey(frames: JournalFrames, as_of: DayLike = None, voice: Voice = YOU) -> Journey:
    """All the analytics for one person as of a day. Linear in the number of days.

    ``voice`` says whom its sentences speak about: the owner (default) or, for a peer,
    the person by name (tracker.voice)."""
    day = to_day(as_of)
    checkins = frames.checkins[frames.checkins["day"] <= day]
    daily = daily_mood(checkins)
    tendency = trend(daily, day)
    noted = frames.setbacks["day"][frames.setbacks["day"] <= day]
    setback_days = sorted({stamp.date() for stamp in pd.DatetimeIndex(noted).normalize()})
    episodes = setback_episodes(daily, setback_days, day)
    summaries = [summarize_habit(habit) for habit in habits(frames, day)]
    logs = frames.activity_logs[frames.activity_logs["day"] <= day]
    counts = logs.groupby("activity_id")["day"].nunique()
    activity_days = {
        name: int(counts.get(activity_id, 0))
        for activity_id, name in zip(
            frames.activities["id"], frames.activities["name"], strict=True
        )
    }
    return Journey(
        as_of=day.date(),
        entries=len(checkins),
        daily=daily,
        trend=tendency,
        setback_days=setback_days,
        episodes=episodes,
        bounce_back=bounce_back_by_quarter(episodes),
        habits=summaries,
        wins=_wins(daily, episodes, summaries, frames.goals, day, voice),
        helps=_helps(daily, frames, voice=voice),
        headline=_headline(daily, tendency, episodes, day, voice),
        activity_days=activity_days,
        harder=_helps(daily, frames, "watch", voice),
    )


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), digits)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def journey_stats(result: Journey) -> dict:
    """The ``stats --json`` object for an already computed :class:`Journey`."""
    habit_stats: dict[str, dict] = {}
    for summary in result.habits:
        name = summary.name
        if name in habit_stats:  # a goal and an activity may share a name
            name = f"{name} ({summary.key.split(':')[0]})"
        habit_stats[name] = {
            "kind": summary.key.split(":")[0],
            "times": summary.habit.times,
            "per_days": summary.habit.per_days,
            "strength": _round(summary.strength_so_far),
            "current_streak": summary.runs.current,
            "best_streak": summary.runs.best,
            "streak_unit_days": summary.runs.period_days,
            "comebacks": summary.runs.comebacks,
            "never_miss_twice": summary.runs.never_miss_twice,
            "done": summary.done,
            "skipped": summary.skipped,
            "total": summary.total,
        }
    daily = result.daily
    return {
        "as_of": result.as_of.isoformat(),
        "days_logged": result.days_logged,
        "entries": result.entries,
        "first_day": daily.index[0].date().isoformat() if len(daily) else None,
        "last_day": daily.index[-1].date().isoformat() if len(daily) else None,
        "daily_mood": {
            day.date().isoformat(): round(float(mood), 2) for day, mood in daily.items()
        },
        "activities": {name: {"days": days} for name, days in result.activity_days.items()},
        "habits": habit_stats,
        "setbacks": [
            {
                "start": episode.start.isoformat(),
                "end": episode.end.isoformat(),
                "lowest": _round(episode.lowest, 2),
                "lowest_day": _iso(episode.lowest_day),
                "recovered": _iso(episode.recovered),
                "bounce_back_days": episode.bounce_back_days,
                "baseline": _round(episode.baseline, 2),
                "logged": episode.logged,
            }
            for episode in result.episodes
        ],
        "trend": {
            "slope_per_30_days": _round(result.trend.slope_per_30_days),
            "slope_per_30_days_all_time": _round(result.trend.slope_per_30_days_all_time),
        },
        "wins": [
            {"day": win.day.isoformat(), "text": win.text, "key": win.key} for win in result.wins
        ],
        "headline": result.headline,
    }


def stats(frames: JournalFrames, as_of: DayLike = None) -> dict:
    """One JSON-ready object with the person's numbers as of a day (default today).

    Keys: days_logged, entries, first_day, last_day, daily_mood {day: mean},
    activities {name: {"days"}}, habits {name: {"times", "per_days", "strength"
    (0–1, None while nothing is logged), "current_streak", "best_streak" (in
    periods of per_days days), "done", "skipped", "total", ...}}, setbacks
    [{"start", "lowest", "recovered",
    "bounce_back_days", ...}], trend {"slope_per_30_days",
    "slope_per_30_days_all_time"}, wins [{"day", "text", "key"}], plus as_of and
    headline. Days are ISO strings; unknown values are None.
    """
    return journey_stats(journey(frames, as_of))


def mood_word(mood: float) -> str:
    """The nearest mood word ("okay" for 3.2)."""
    return MOOD_LABELS[int(min(5, max(1, round(mood))))]
