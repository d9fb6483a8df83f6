"""Chart builders: analytics results in, a plotly figure and a short summary out.

Every builder returns a :class:`Chart` ``(figure, summary)``: the summary is
one or two plain sentences to show beside the chart, for people who'd rather
read than look (and for screen readers). No Streamlit here; pages place these.

Colours come from the Okabe-Ito palette and viridis, which stay distinct for
the common kinds of colour blindness. Layouts are calm and phone-friendly:
margins set per chart, legend under the plot.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from tracker import words
from tracker.analytics import PAUSE_DAYS, Episode, Journey, Trend, mood_word, to_day
from tracker.records import MOOD_FACES, MOOD_LABELS
from tracker.voice import YOU, Voice, capital

# Okabe-Ito, minus black and yellow (too strong / too faint on white).
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
LINE_COLOURS = [
    OKABE_ITO[name] for name in ("blue", "orange", "green", "vermillion", "purple", "sky", "grey")
]
DASHES = ["solid", "dash", "dot", "dashdot"]
# Viridis spelled out: plotly.js has its own, slightly different, "Viridis".
MOOD_SCALE = plotly.colors.get_colorscale("Viridis")
MOOD_TICKS = [f"{MOOD_FACES[mood]} {MOOD_LABELS[mood]}" for mood in range(1, 6)]
HALF_DAY = pd.Timedelta(hours=12)


class Chart(NamedTuple):
    """A figure and the sentence or two that says what it shows."""

    figure: go.Figure
    summary: str


# The app's own font and colours (Streamlit's default font, .streamlit/config.toml's text
# colour): the figures carry their whole style, so pages draw them with theme=None.
FONT = '"Source Sans", sans-serif'
TEXT_COLOUR = "#2f3b3f"
TICK_COLOUR = "#5f6b6e"
GRID_COLOUR = "#eeeeee"


def _axis(**properties: object) -> dict:
    """An axis without automargin: margins are set per chart, wide enough for its labels,
    because an axis that pushes its margins makes plotly draw the whole chart twice."""
    return {
        "gridcolor": GRID_COLOUR,
        "zeroline": False,
        "automargin": False,
        "tickfont": {"size": 12, "color": TICK_COLOUR},
        **properties,
    }


def _figure(traces: list, *, height: int = 340, legend: bool = True, **layout: object) -> go.Figure:
    """One figure, its layout given at once (plotly re-validates on every update).

    ``layout`` entries that are dicts are merged into the defaults below. Each chart's
    ``margin`` (pixels) leaves room for its tick labels, range buttons and legend: a
    legend that needs more (wrapping on a phone) still widens it; axes don't (_axis).
    """
    base: dict = {
        # No template: plotly's or Streamlit's would be sent with every figure and
        # re-applied in the browser; the few styles the charts need are set here.
        "template": {},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"family": FONT, "size": 13, "color": TEXT_COLOUR},
        "hoverlabel": {"font": {"family": FONT, "size": 13}},
        "xaxis": _axis(showgrid=False),
        "yaxis": _axis(),
        "height": height,
        "margin": {"l": 40, "r": 8, "t": 24, "b": 32, "pad": 4},
        "showlegend": legend,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "xanchor": "left"},
        "hovermode": "closest",
        "dragmode": False,  # a swipe on a phone scrolls the page instead of zooming
    }
    for key, value in layout.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    # Built from plain dicts without plotly's validation, which cost more than the rest
    # of the Journey page; tests/test_charts.py checks each figure against the validated one.
    return go.Figure(data=traces, layout=base, _validate=False)


def _trace(kind: str, **properties: object) -> dict:
    """A plotly trace as a plain dict (see _figure)."""
    return {"type": kind, **properties}


def _empty(text: str, *, height: int = 240) -> go.Figure:
    note = {"text": text, "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper"}
    return _figure(
        [],
        height=height,
        legend=False,
        annotations=[{**note, "font": {"size": 15}}],
        xaxis={"visible": False},
        yaxis={"visible": False},
    )


def _dates(index: pd.Index) -> np.ndarray:
    """Days as datetime64[D]: plotly sends them as short "2026-03-14" strings."""
    return np.asarray(index, dtype="datetime64[ns]").astype("datetime64[D]")


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count:g} days"


def back_label(episode: Episode, voice: Voice = YOU) -> str:
    """The label on a shaded setback: "back in 3 days" or, while ongoing, kind words."""
    if episode.recovered is None:
        return f"finding {voice.their} way back"
    if episode.bounce_back_days is None:
        return "back after a break"
    return f"back in {_days(episode.bounce_back_days)}"


# --- the journey ------------------------------------------------------------------------


DAILY_DETAIL_DAYS = 366  # the journey chart shows single days within the last year
MIN_TREND_DAYS = 7  # fewer logged days than this: just the days, no smoothed line
GAP_DAYS = PAUSE_DAYS  # no check-in for longer than this: the line breaks, drawn as a gap
MIN_VIEW_DAYS = 7  # the narrowest view: a week, so one day is a day, not 24 hours
MAX_SETBACK_LABELS = 3  # upright "back in N days" labels in view at once (more: on hover)
DAY_MS = 86_400_000
# Tick labels for every zoom: never a time of day (the journal is kept in days).
DAY_TICK_FORMATS = [
    {"dtickrange": [None, "M1"], "value": "%-d %b"},
    {"dtickrange": ["M1", "M12"], "value": "%b %Y"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]


def day_axis(start: pd.Timestamp, end: pd.Timestamp) -> dict:
    """A date axis over whole days from ``start`` to ``end`` (inclusive), never in hours.

    Short views get explicit ticks a day (or two, or a week) apart, so plotly never
    picks 12-hour steps; longer views let plotly choose, with day-or-longer formats.
    """
    shown = max(MIN_VIEW_DAYS, (end - start).days + 1)
    start = end - pd.Timedelta(days=shown - 1)
    pad = _edge(shown)
    axis: dict = {
        "type": "date",
        "range": [(start - pad).isoformat(), (end + pad).isoformat()],
        "tickformatstops": DAY_TICK_FORMATS,
        "hoverformat": "%-d %b %Y",
    }
    if shown <= 45:
        step = 1 if shown <= 7 else 2 if shown <= 14 else 7
        del axis["tickformatstops"]
        axis.update(tick0=start.date().isoformat(), dtick=step * DAY_MS, tickformat="%-d %b")
    return axis


def _edge(days: int) -> pd.Timedelta:
    """Room at each end of a view of ``days`` days: half a day, or 1% of a long view, so
    the first and last dots show whole."""
    return max(HALF_DAY, pd.Timedelta(days=days) * 0.01)


def _pause_inside(
    logged: pd.DatetimeIndex, begin: pd.Timestamp, stop: pd.Timestamp
) -> pd.Timestamp | None:
    """The last logged day before a pause longer than GAP_DAYS between ``begin`` and
    ``stop`` (a dip that "lasted" through months without entries), or None."""
    inside = logged[(logged >= begin) & (logged < stop)]
    following = logged[logged >= stop][:1]
    days = inside.append(following) if len(following) else inside
    if len(days) < 2:
        return None
    gaps = np.flatnonzero(np.diff(days.to_numpy()) > np.timedelta64(GAP_DAYS, "D"))
    return days[gaps[0]] if len(gaps) else None


def _milliseconds(stamp: pd.Timestamp) -> int:
    return int((stamp - pd.Timestamp(0)) // pd.Timedelta(milliseconds=1))


def _with_gaps(series: pd.Series, gap_days: int = GAP_DAYS) -> tuple[list, list]:
    """x and y of a line that breaks (a None) wherever days are more than ``gap_days``
    apart: a long pause is drawn as a pause, not a line straight across it."""
    if series.empty:
        return [], []
    index = pd.DatetimeIndex(series.index)
    values = series.to_numpy().round(2).tolist()
    day_numbers = np.asarray(index, dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)
    jumps = np.flatnonzero(np.diff(day_numbers) > gap_days)
    x: list = [day.date().isoformat() for day in index]
    for position in jumps[::-1]:
        x.insert(position + 1, None)
        values.insert(position + 1, None)
    return x, values


def last_entry_day(result: Journey) -> dt.date | None:
    """The day of the person's last entry: a check-in, a noted setback or a habit's log."""
    days = [*result.daily.index[-1:].date, *result.setback_days[-1:]]
    for summary in result.habits:
        habit = summary.habit
        logged = np.flatnonzero(habit.done | habit.skipped | habit.lapsed)
        if len(logged):
            days.append(habit.first_day + dt.timedelta(days=int(logged[-1])))
    return max(days) if days else None


def welcome_back_note(
    last_day: dt.date | None,
    today: dt.date,
    *,
    who: str | None = None,
    long_ago: int = 30,
    greet: bool = True,
) -> str | None:
    """A kind word when the last entry is long ago (None when it isn't): the charts end
    at the last entry, and nothing scolds. ``who``: a name, for a peer reading it.
    ``greet=False`` leaves out "Welcome back." (when the headline has said it)."""
    if last_day is None or (today - last_day).days <= long_ago:
        return None
    if who:
        return (
            f"{who}'s last entry was on {last_day:%-d %B %Y}, so the charts end there. "
            "Every entry before it still counts."
        )
    return ("Welcome back. " if greet else "") + (
        f"Your last entry was on {last_day:%-d %B %Y}, so your charts end "
        "there, with everything you logged before it. Whenever you're ready, one check-in "
        "picks the line up again. There's no catching up to do."
    )


def _label_choice(
    middles: list[pd.Timestamp], start: pd.Timestamp, end: pd.Timestamp, first: pd.Timestamp
) -> set:
    """Which setbacks in the opening view (``start``..``end``) get an upright label: the
    newest first, at most MAX_SETBACK_LABELS, each at least a sixth of all the entries'
    span (from ``first``) away from the others, so they stay apart when zoomed out to
    "All" too (a sixth of a phone-wide plot is about 45 px, wider than a label)."""
    spacing = (end - min(first, start)) / 6
    chosen: list[pd.Timestamp] = []
    for middle in sorted((m for m in middles if start <= m <= end), reverse=True):
        if len(chosen) == MAX_SETBACK_LABELS:
            break
        if all(abs(middle - other) >= spacing for other in chosen):
            chosen.append(middle)
    return set(chosen)


def journey_chart(
    daily: pd.Series,
    trend: Trend,
    episodes: Iterable[Episode] = (),
    setback_days: Iterable[dt.date] = (),
    as_of: dt.date | None = None,
    voice: Voice = YOU,
) -> Chart:
    """Daily mood dots, the smoothed trend, shaded setbacks with "back in N days", and
    the setbacks the person noted; range buttons 1M / 3M / 1Y / All where the entries
    span more than the button.

    The view frames the entries and ends at the last one (not today: an old journal
    isn't squeezed into a corner); with more than a year, it opens on the last year.
    The axis is in days, a long pause is drawn as a gap, and at most a few setback
    labels show at once (the rest on hover).
    """
    episodes = list(episodes)
    setback_days = sorted(setback_days)
    if as_of is not None:
        setback_days = [day for day in setback_days if to_day(day) <= to_day(as_of)]
    if daily.empty and not setback_days:
        return Chart(
            _empty(f"{capital(voice.your)} first check-in will appear here."),
            f"No check-ins yet. Once {voice.they} log a few days, {voice.their} mood and its "
            "trend show up here.",
        )
    stamps = [pd.Timestamp(day) for day in setback_days]
    first = min([*daily.index[:1], *stamps[:1]])
    last = max([*daily.index[-1:], *stamps[-1:]])
    # Days more than a year back are drawn as weekly means: a decade of daily dots is
    # slow to send and to draw, and at that zoom a week is all the eye can tell apart.
    # The latest year of entries keeps its single days (and the view opens on it), even
    # for someone coming back after a long pause or importing an old journal.
    cutoff = last - pd.Timedelta(days=DAILY_DETAIL_DAYS)
    older, recent = daily[daily.index < cutoff], daily[daily.index >= cutoff]
    traces = []
    if len(older):
        weekly = older.resample("W").mean().dropna()
        traces.append(
            _trace(
                "scatter",
                x=_dates(weekly.index),
                y=weekly.to_numpy().round(2),
                mode="markers",
                name="Weekly average (older days)",
                marker={"color": OKABE_ITO["sky"], "size": 6, "opacity": 0.6, "symbol": "square"},
                hovertemplate="week to %{x|%-d %b %Y}<br>mood %{y:.1f}<extra></extra>",
            )
        )
    few = len(daily) < MIN_TREND_DAYS
    traces.append(
        _trace(
            "scatter",
            x=_dates(recent.index),
            y=recent.to_numpy().round(2),
            mode="markers",
            name="Daily mood",
            # A handful of days: bigger, plain dots, one a day.
            marker={
                "color": OKABE_ITO["sky"] if not few else OKABE_ITO["blue"],
                "size": 6 if not few else 11,
                "opacity": 0.6 if not few else 0.9,
            },
            hovertemplate="%{x|%a %-d %b %Y}<br>mood %{y:.1f}<extra></extra>",
        )
    )
    if len(trend.smoothed) and not few:
        smoothed = trend.smoothed
        smoothed = pd.concat(
            [
                smoothed[smoothed.index < cutoff].iloc[::7],
                smoothed[smoothed.index >= cutoff],
            ]
        )
        line_x, line_y = _with_gaps(smoothed)
        traces.append(
            _trace(
                "scatter",
                x=line_x,
                y=line_y,
                mode="lines",
                name="Trend",
                connectgaps=False,
                line={"color": OKABE_ITO["blue"], "width": 3},
                hovertemplate="%{x|%-d %b %Y}<br>trend %{y:.1f}<extra></extra>",
            )
        )
    if stamps:
        traces.append(
            _trace(
                "scatter",
                x=_dates(pd.DatetimeIndex(stamps)),
                # Along the bottom, under the day's mood dot rather than on top of it.
                y=[0.72] * len(stamps),
                mode="markers",
                name=f"Setback {voice.they} noted",
                marker={
                    "color": OKABE_ITO["vermillion"],
                    "symbol": "triangle-up",
                    "size": 11,
                    "line": {"color": "white", "width": 1},
                },
                hovertemplate=f"%{{x|%a %-d %b %Y}}<br>{voice.they} noted a setback<extra></extra>",
            )
        )
    start = first
    if last - first > pd.Timedelta(days=366):
        start = last - pd.Timedelta(days=365)
    axis = day_axis(start, last)
    view_start = pd.Timestamp(axis["range"][0])
    view_end = pd.Timestamp(axis["range"][1])
    shapes = []
    spans = []
    logged_days = pd.DatetimeIndex(sorted({*daily.index, *stamps}))
    for episode in episodes:
        begin = to_day(episode.start)
        # Still finding the way back: the shading stops at the last entry, not today.
        stop = to_day(episode.recovered) if episode.recovered else last + pd.Timedelta(days=1)
        label = back_label(episode, voice)
        pause = _pause_inside(logged_days, begin, stop)
        if pause is not None:
            # A long pause inside the dip: shade up to it, not across months of nothing.
            stop = pause + pd.Timedelta(days=1)
            label = "back after a break" if episode.recovered else label
        middle = begin - HALF_DAY + (stop - begin) / 2
        spans.append((middle, label))
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": (begin - HALF_DAY).isoformat(),
                "x1": (stop - HALF_DAY).isoformat(),
                "y0": 0,
                "y1": 1,
                "fillcolor": OKABE_ITO["orange"],
                "opacity": 0.2,
                "line": {"width": 0},
                "layer": "below",
            }
        )
    labelled = _label_choice([middle for middle, _ in spans], view_start, view_end, first)
    # Upright labels hanging from the top, inside the plot, clear of the range buttons
    # above; every other setback says "back in N days" on hover at the same spot.
    labels = [
        {
            "x": middle.isoformat(),
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "xanchor": "center",
            "yanchor": "top",
            "text": text,
            "textangle": -90,
            "showarrow": False,
            "font": {"size": 10, "color": "#6b4700"},
        }
        for middle, text in spans
        if middle in labelled
    ]
    hover_only = [(middle, text) for middle, text in spans if middle not in labelled]
    if hover_only:
        traces.append(
            _trace(
                "scatter",
                x=[middle.isoformat() for middle, _ in hover_only],
                y=[5.2] * len(hover_only),
                mode="markers",
                name="Other setbacks",
                showlegend=False,
                marker={"color": OKABE_ITO["orange"], "size": 14, "opacity": 0},
                text=[text for _, text in hover_only],
                hovertemplate="%{x|%-d %b %Y}: %{text}<extra></extra>",
            )
        )
    span_days = (last - first).days + 1
    buttons = [
        {"count": count, "label": label, "step": step, "stepmode": "backward"}
        for count, label, step, days in (
            (1, "1M", "month", 31),
            (3, "3M", "month", 92),
            (1, "1Y", "year", 366),
        )
        if span_days > days
    ]
    if buttons:
        # Each counts back from the end of the view, which is the last entry; "All" is
        # kept to the entries too (plotly's own padding would run months past them).
        edge = _edge(span_days)
        # In milliseconds: plotly.js 4.1 ignores date strings here (the range went blank).
        axis["autorangeoptions"] = {
            "minallowed": _milliseconds(first - edge),
            "maxallowed": _milliseconds(last + edge),
        }
        axis["rangeselector"] = {
            "buttons": [*buttons, {"label": "All", "step": "all"}],
            "x": 0,
            "y": 1.08,
        }
    figure = _figure(
        traces,
        height=380,
        shapes=shapes,
        annotations=labels,
        # Room for the mood faces on the left, the range buttons above, the legend below.
        margin={"l": 76, "t": 56 if buttons else 24, "b": 64},
        xaxis=axis,
        yaxis={
            "range": [0.5, 5.4],
            "tickvals": [1, 2, 3, 4, 5],
            "ticktext": MOOD_TICKS,
            "fixedrange": True,
        },
    )
    return Chart(figure, journey_summary(daily, trend, episodes, setback_days, voice))


def journey_summary(
    daily: pd.Series,
    trend: Trend,
    episodes: list[Episode],
    setback_days: list[dt.date],
    voice: Voice = YOU,
) -> str:
    if daily.empty:
        return (
            f"{capital(voice.you)} noted {words.count(len(setback_days), 'setback')}; "
            f"{voice.their} mood will show here once {voice.they} log it."
        )
    parts = (
        [f"The dot is the one day {voice.you_have} logged so far."]
        if len(daily) == 1
        else [f"Each dot is one of {voice.your} {words.count(len(daily), 'logged day')}."]
    )
    if len(daily) and (daily.index.max() - daily.index.min()).days > DAILY_DETAIL_DAYS:
        parts = [
            f"{capital(voice.you)} {voice.have} {words.count(len(daily), 'logged day')}: each "
            "dot in the last year is one day, and each square before it a week's average."
        ]
    if len(daily) < MIN_TREND_DAYS:
        parts.append("After a week of check-ins, a smoothed line will join the dots.")
    elif len(trend.smoothed):
        now = float(trend.smoothed.iloc[-1])
        parts.append(
            f"The line is {voice.their} smoothed trend, now at {now:.1f} ({mood_word(now)})."
        )
    recovered = [e.bounce_back_days for e in episodes if e.bounce_back_days is not None]
    ongoing = any(e.recovered is None for e in episodes)
    after_a_break = sum(e.back_after_a_break for e in episodes)
    if episodes:
        if len(episodes) == 1:
            text = "The shaded stretch is a setback"
            if recovered:
                text += f"; {voice.they} came back in {_days(recovered[0])}"
            elif ongoing:  # one setback: "the latest" would hint at more
                text += f" {voice.they_are} finding {voice.their} way back from"
            else:
                text += f"; {voice.they} came back after a break from the journal"
        else:
            text = f"The shaded stretches are {len(episodes)} setbacks"
            if recovered:
                average = round(sum(recovered) / len(recovered))
                which = "all of them" if len(recovered) == len(episodes) else len(recovered)
                text += f"; {voice.they} came back from {which}, in {_days(average)} on average"
            if after_a_break:
                text += f"; {after_a_break} ended after a break from the journal"
            if ongoing:
                text += f"; {voice.they_are} finding {voice.their} way back from the latest"
        parts.append(text + ".")
    else:
        parts.append("No setbacks so far in this view.")
    return " ".join(parts)


# --- bounce-back per quarter --------------------------------------------------------------


QUARTER_LABELS_MAX = 4  # more quarters than this go on a time axis (fits 390 px)


def bounce_back_chart(
    by_quarter: pd.DataFrame, voice: Voice = YOU, *, finding_way_back: bool = False
) -> Chart:
    """Bars of the median bounce-back days per quarter (from ``bounce_back_by_quarter``).

    ``finding_way_back``: a setback is still going on (say, on day one), so the empty
    chart doesn't say "if one comes"."""
    if by_quarter.empty and finding_way_back:
        return Chart(
            _empty("Finding the way back takes the time it takes.", height=200),
            f"{capital(voice.they_are)} finding {voice.their} way back from a setback. Once "
            f"{voice.they_are} back, this chart shows how many days it took, and later, "
            f"whether {voice.they} come back faster.",
        )
    if by_quarter.empty:
        return Chart(
            _empty("No setbacks to bounce back from yet.", height=200),
            "No setbacks to bounce back from yet. If one comes, this chart shows how "
            f"quickly {voice.they} find {voice.their} way back.",
        )
    days = by_quarter["median_days"].to_numpy(dtype=float)
    few = len(by_quarter) <= QUARTER_LABELS_MAX
    if few:
        # A few quarters: one labelled bar each, side by side.
        x: list = by_quarter["quarter"].tolist()
        xaxis: dict = {"type": "category", "fixedrange": True}
    else:
        # Many: bars on a time axis (years on the ticks, never tilted or crowded), so a
        # quarter without a setback is an honest gap, not squeezed out.
        middles = pd.DatetimeIndex(by_quarter["quarter_start"]) + pd.Timedelta(days=45)
        x = [day.date().isoformat() for day in middles]
        room = pd.Timedelta(days=45)
        # Years in the middle of each year (every other one past six), so no label
        # sits at an edge under the "0" or crowds a phone.
        years = list(range(middles[0].year, middles[-1].year + 1))
        step = -(-len(years) // 6)
        xaxis = {
            **day_axis(middles[0] - room, middles[-1] + room),
            "tickvals": [f"{year}-07-02" for year in years[::step]],
            "ticktext": [str(year) for year in years[::step]],
            "fixedrange": True,
        }
    bars = _trace(
        "bar",
        x=x,
        y=days,
        name="Median days to bounce back",
        marker={"color": OKABE_ITO["green"]},
        customdata=np.stack(
            [by_quarter["quarter"].to_numpy(), by_quarter["setbacks"].to_numpy()], axis=1
        ),
        hovertemplate="%{customdata[0]}: %{y:g} days (middle of %{customdata[1]})<extra></extra>",
    )
    if few:
        bars.update(text=[f"{value:g} d" for value in days], textposition="outside")
    else:
        bars["width"] = 80 * DAY_MS  # most of a quarter: bars with a little space between
    figure = _figure(
        [bars],
        height=240,
        legend=False,
        margin={"l": 56, "t": 16, "b": 40},
        yaxis={"title": {"text": "days"}, "rangemode": "tozero", "fixedrange": True},
        xaxis=xaxis,
    )
    return Chart(figure, bounce_back_summary(by_quarter, voice))


def bounce_back_summary(by_quarter: pd.DataFrame, voice: Voice = YOU) -> str:
    first, last = by_quarter.iloc[0], by_quarter.iloc[-1]
    if len(by_quarter) == 1:
        return (
            f"In {last['quarter']} {voice.you} bounced back in {_days(last['median_days'])} "
            f"(the middle value of {voice.their} setbacks then)."
        )
    text = (
        f"{capital(voice.your)} typical bounce-back went from {_days(first['median_days'])} in "
        f"{first['quarter']} to {_days(last['median_days'])} in {last['quarter']}"
    )
    if last["median_days"] < first["median_days"]:
        return (
            text + f": {voice.they_are} finding {voice.their} way back faster than "
            f"{voice.they} used to."
        )
    if last["median_days"] == first["median_days"]:
        return text + f": steady, and {voice.they} came back every time."
    return text + ". Some dips take longer; coming back at all is what counts."


# --- self-care balance ------------------------------------------------------------------------

BALANCE_LABEL_CHARS = 18  # longer kinds are shortened on the axis (whole on hover)


def balance_chart(balance: pd.Series) -> Chart:
    """Self-care moments of each kind in the last 30 days (``category_balance``), as
    horizontal bars, most first, the count at the end of each bar."""
    if balance.empty:
        return Chart(
            _empty("Nothing logged in the last 30 days yet.", height=160),
            "Nothing logged in the last 30 days yet. Any small thing counts.",
        )
    names = [str(name) for name in balance.index]
    shown = [
        name if len(name) <= BALANCE_LABEL_CHARS else name[: BALANCE_LABEL_CHARS - 1] + "…"
        for name in names
    ]
    counts = balance.to_numpy(dtype=int)
    bars = _trace(
        "bar",
        orientation="h",
        # Plotly reads tags in text: escaped, a kind someone named shows as typed.
        y=[html.escape(name.capitalize(), quote=False) for name in shown],
        x=counts,
        text=[str(count) for count in counts],
        textposition="outside",
        cliponaxis=False,
        customdata=[html.escape(name, quote=False) for name in names],
        marker={"color": OKABE_ITO["green"]},
        hovertemplate="%{customdata}: %{x}<extra></extra>",
    )
    longest = max(len(name) for name in shown)
    figure = _figure(
        [bars],
        height=60 + 34 * len(names),
        legend=False,
        # Room for the kinds on the left (about 7 px a letter) and the counts on the right.
        margin={"l": 16 + 7 * longest, "r": 32, "t": 8, "b": 28},
        xaxis={"rangemode": "tozero", "fixedrange": True, "showgrid": True},
        yaxis={"autorange": "reversed", "fixedrange": True, "showgrid": False},
    )
    return Chart(figure, balance_summary(balance))


def balance_summary(balance: pd.Series) -> str:
    top = str(balance.idxmax())
    text = f"Most of your self-care was {top} ({words.count(int(balance.max()), 'time')}). "
    if len(balance) >= 4:
        return text + "All four kinds showed up: nice balance."
    return text + "Is there a kind you miss? Rest and connection count too."


# --- year in pixels ----------------------------------------------------------------------


def calendar_years(daily: pd.Series) -> list[int]:
    """The years that have at least one logged day, newest first (for a year picker)."""
    return sorted({int(year) for year in daily.index.year}, reverse=True)


def mood_calendar(daily: pd.Series, year: int | None = None, voice: Voice = YOU) -> Chart:
    """A year in pixels: months down, days across, coloured by the day's mean mood.

    Days without a check-in stay blank. ``year`` defaults to the latest logged year.
    """
    if daily.empty:
        return Chart(
            _empty(
                f"{capital(voice.your)} year in pixels fills in as {voice.they} check in.",
                height=200,
            ),
            f"No check-ins yet. Each day {voice.they} log becomes one coloured square here.",
        )
    year = year or int(daily.index.max().year)
    days = pd.date_range(f"{year}-01-01", f"{year}-12-31", freq="D")
    values = daily.reindex(days).to_numpy(dtype=float)
    grid = np.full((12, 31), np.nan)
    grid[days.month - 1, days.day - 1] = values
    labels = np.full((12, 31), "", dtype=object)
    labels[days.month - 1, days.day - 1] = days.strftime("%a %-d %b %Y").to_numpy()
    heatmap = _trace(
        "heatmap",
        z=grid.round(2),
        x=list(range(1, 32)),
        y=[dt.date(2000, month, 1).strftime("%b") for month in range(1, 13)],
        zmin=1,
        zmax=5,
        colorscale=MOOD_SCALE,
        xgap=2,
        ygap=2,
        hoverongaps=False,
        text=labels,
        hovertemplate="%{text}: mood %{z:.1f}<extra></extra>",
        colorbar={
            "tickvals": [1, 2, 3, 4, 5],
            "ticktext": MOOD_TICKS,
            "thickness": 10,
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": -0.08,
            "yanchor": "top",
            "len": 0.85,
        },
        name=str(year),
    )
    figure = _figure(
        [heatmap],
        height=380,
        legend=False,
        margin={"l": 40, "t": 30, "b": 60},
        yaxis={"autorange": "reversed", "fixedrange": True, "showgrid": False},
        xaxis={"fixedrange": True, "dtick": 5, "side": "top"},
    )
    return Chart(figure, calendar_summary(daily, year, voice))


def calendar_summary(daily: pd.Series, year: int, voice: Voice = YOU) -> str:
    days = daily[daily.index.year == year]
    if days.empty:
        return f"No check-ins in {year}. Blank squares are days without a check-in."
    by_month = days.groupby(days.index.month).agg(["mean", "size"])
    full = by_month[by_month["size"] >= 5]
    text = (
        f"In {year} {voice.you} logged {words.count(len(days), 'day')}; "
        "blank squares are days without a check-in."
    )
    if len(full) >= 2:
        best = int(full["mean"].idxmax())
        text += (
            f" {capital(voice.their)} brightest month was {dt.date(2000, best, 1):%B} "
            f"(average {full['mean'].max():.1f})."
        )
    return text


# --- habit strength --------------------------------------------------------------------------


def strength_chart(
    strengths: Mapping[str, pd.Series], last_day: dt.date | None = None, *, voice: Voice = YOU
) -> Chart:
    """Habit strength over time, one line per habit, in percent.

    Kept light (:func:`_thinned_strength`): days more than a year back are drawn as
    weekly means, and no line has more points than the plot has pixels across. With
    ``last_day`` (the journal's last entry) the lines and the view end there, so an
    old journal isn't drawn fading away up to today. The axis is in days (day_axis).
    """
    if last_day is not None:
        stop = pd.Timestamp(last_day)
        strengths = {name: series[series.index <= stop] for name, series in strengths.items()}
    strengths = {name: series for name, series in strengths.items() if len(series)}
    if not strengths:
        return Chart(
            _empty("Give a goal or an activity a rhythm to see its strength grow.", height=200),
            "No habits with a rhythm yet. Give a goal or an activity a rhythm (like 3 times "
            "a week) and its strength will grow here.",
        )
    first = min(series.index[0] for series in strengths.values())
    last = max(series.index[-1] for series in strengths.values())
    traces = []
    for number, (name, series) in enumerate(strengths.items()):
        shown = _thinned_strength(series, last, (last - first).days + 1)
        traces.append(
            _trace(
                "scatter",
                x=_dates(shown.index),
                y=(shown.to_numpy() * 100).round(1),
                mode="lines",
                # Plotly reads tags such as <b> or <a href> in trace names: escaped, a
                # habit's name shows as written (the summary uses the names as written).
                name=html.escape(name, quote=False),
                line={
                    "color": LINE_COLOURS[number % len(LINE_COLOURS)],
                    "dash": DASHES[(number // len(LINE_COLOURS)) % len(DASHES)],
                    "width": 2.5,
                },
                hovertemplate="%{fullData.name}<br>%{x|%-d %b %Y}: %{y:.0f}%<extra></extra>",
            )
        )
    guides = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": level,
            "y1": level,
            "line": {"color": "#bbbbbb", "width": 1, "dash": "dot"},
        }
        for level in (50, 80)
    ]
    figure = _figure(
        traces,
        height=320,
        shapes=guides,
        margin={"l": 48, "t": 16, "b": 40},
        xaxis={**day_axis(first, last), "fixedrange": True},
        yaxis={"range": [-2, 102], "ticksuffix": "%", "fixedrange": True},
    )
    return Chart(figure, strength_summary(strengths, voice))


# The widest a chart's plot gets: Streamlit's centered layout is 704 px, less margins. A
# chart that shows its whole span at once needs no more points than that (see
# _thinned_strength); the Journey opens on its last year, a day a point.
PLOT_PIXELS = 640


def _thinned_strength(series: pd.Series, last: pd.Timestamp, span_days: int) -> pd.Series:
    """One habit's daily strength as drawn: each point the mean of a few days, counted
    back from ``last`` (the latest day of any line; that day alone is a point, so lines
    end on the strength "now"). Within the last year a point covers
    ``span_days / PLOT_PIXELS`` days (one day, under 640 days); before it, at least a
    week, like the journey's older days."""
    index = pd.DatetimeIndex(series.index)
    back = np.asarray((last - index).days)
    recent = -(-span_days // PLOT_PIXELS)
    weekly = max(7, recent)
    first_older = -(-DAILY_DETAIL_DAYS // recent) + 1
    bucket = np.where(
        back <= DAILY_DETAIL_DAYS,
        -(-back // recent),
        first_older + (back - DAILY_DETAIL_DAYS - 1) // weekly,
    )
    means = series.groupby(bucket).mean()
    ends = pd.Series(index, index=series.index).groupby(bucket).max()
    return pd.Series(means.to_numpy(), index=pd.DatetimeIndex(ends[means.index])).sort_index()


def strength_summary(strengths: Mapping[str, pd.Series], voice: Voice = YOU) -> str:
    latest = {name: float(series.iloc[-1]) for name, series in strengths.items()}
    name = max(latest, key=latest.get)  # type: ignore[arg-type]
    text = f"Strongest now: {name} at {latest[name] * 100:.0f}%."
    if len(latest) > 1:
        text += f" {sum(value >= 0.5 for value in latest.values())} of {len(latest)} are above 50%."
    return (
        text + f" Strength grows each time {voice.they} show up and fades slowly, "
        "so one missed day barely moves it."
    )


class NamedHabit(Protocol):
    key: str  # "goal:3", "activity:5": who the habit is
    name: str


def habit_names(habits: Iterable[NamedHabit]) -> dict[str, str]:
    """Each habit's name as shown, by its key. A goal and an activity may share a name
    (both "Walk"), and so may two goals: those say which is which, "Walk (goal)" and
    "Walk (activity)", and count on from the second of one kind ("Walk (goal 2)"), so
    charts keyed by these names never fold two habits into one line."""
    habits = list(habits)
    shared = {name for name, n in Counter(h.name for h in habits).items() if n > 1}
    names: dict[str, str] = {}
    taken = {h.name for h in habits if h.name not in shared}
    for habit in habits:
        if habit.name not in shared:
            names[habit.key] = habit.name
            continue
        word = habit.key.partition(":")[0]  # "goal" or "activity"
        label, number = f"{habit.name} ({word})", 1
        while label in taken:
            number += 1
            label = f"{habit.name} ({word} {number})"
        taken.add(label)
        names[habit.key] = label
    return names


def journey_figures(result: Journey, voice: Voice = YOU) -> dict[str, Chart]:
    """The Journey page's figures for one result: main chart, bounce-back, strength, and
    the latest year's calendar (``calendar:<year>``)."""
    names = habit_names(result.habits)
    built = {
        "journey": journey_chart(
            result.daily, result.trend, result.episodes, result.setback_days, result.as_of, voice
        ),
        "bounce_back": bounce_back_chart(
            result.bounce_back,
            voice,
            finding_way_back=any(e.recovered is None for e in result.episodes),
        ),
        "strength": strength_chart(
            # A habit that has only just started has no strength to show yet.
            # Keyed by who each habit is: a goal and an activity may share a name.
            {names[h.key]: h.strength for h in result.habits if not h.just_started},
            last_day=last_entry_day(result),
            voice=voice,
        ),
    }
    years = calendar_years(result.daily)
    if years:  # the latest year; others are built when picked (see mood_calendar)
        built[f"calendar:{years[0]}"] = mood_calendar(result.daily, years[0], voice)
    return built
