"""A report to download: one self-contained HTML file for a peer or clinician.

For people who would rather email a file than share a link. The report shows the
chosen sections for the chosen dates, and is built only from what
:func:`tracker.sharing.scoped_frames` (and, for small wins,
:func:`tracker.sharing.wins_frames`) return, exactly like the shared view: a section
that was not picked, or private notes without "notes", cannot reach it.

The file needs no network to open: plotly.js is embedded once, inline, and a
Content-Security-Policy refuses anything that would load from elsewhere. Every piece
of text a person wrote goes through :func:`html.escape`; inside the figures plotly's
JSON encoder turns ``<``, ``>`` and ``/`` into ``\\u003c``-style escapes, so a name can
never close the script it sits in.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd
from plotly.offline import get_plotlyjs

from tracker import analytics, charts, sharing
from tracker.errors import InvalidEntry
from tracker.store import JournalFrames

# No network at all: scripts and styles only from the file itself, images only inline.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}
MAX_HELPS = 5

STYLE = """
:root { color-scheme: light; }
body {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #222; background: #fff; line-height: 1.55;
  max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem;
}
header { border-bottom: 2px solid #d9e6ef; margin-bottom: 1.5rem; padding-bottom: 0.75rem; }
h1 { font-size: 1.7rem; font-weight: 600; margin: 0 0 0.25rem; color: #1d4e6b; }
h2 { font-size: 1.25rem; font-weight: 600; margin: 2rem 0 0.5rem; color: #1d4e6b; }
h3 { font-size: 1.05rem; font-weight: 600; margin: 1.25rem 0 0.25rem; }
.meta, .quiet, figcaption { color: #555; font-size: 0.95rem; }
.headline { font-size: 1.15rem; margin: 0.5rem 0 1rem; }
figure { margin: 1rem 0 1.5rem; }
figcaption { margin-top: 0.35rem; }
ul { padding-left: 1.2rem; }
li { margin: 0.25rem 0; }
.note { border-left: 3px solid #d9e6ef; padding: 0.1rem 0 0.1rem 0.75rem; margin: 0.75rem 0; }
.note time { color: #555; font-size: 0.9rem; display: block; }
.note p { white-space: pre-wrap; margin: 0.15rem 0 0; }
footer { border-top: 1px solid #ddd; margin-top: 2.5rem; padding-top: 0.75rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section, figure, .note { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def build_report(
    frames: JournalFrames,
    owner_name: str,
    scopes: Iterable[str],
    start: dt.date | None,
    end: dt.date | None,
    as_of: dt.date | None = None,
) -> str:
    """One HTML document with the chosen sections of one person's journal, ``start`` to
    ``end`` (both included).

    ``scopes`` are :data:`tracker.sharing.SCOPES` keys, checked like a share link's.
    ``as_of`` is the day the report is made (default today). ``start`` defaults to the
    first day with something to show, ``end`` to ``as_of``; an end after ``as_of`` is
    brought back to it. Everything (trend, setbacks, habit strength, small wins) is
    computed from the days in the range alone. Raises :class:`InvalidEntry` for
    unknown or no sections and a start after the end.
    """
    chosen = sharing.check_scopes(scopes)
    made_on = as_of or dt.date.today()
    start, end = report_dates(frames, chosen, start, end, made_on)
    scoped = _within(sharing.scoped_frames(frames, chosen), start, end)
    result = analytics.journey(scoped, end)

    figures = _Figures()
    sections: list[str] = []
    if "mood" in chosen:
        sections.append(_mood_section(result, start, end, figures))
    if "goals" in chosen or "selfcare" in chosen:
        sections.append(_habits_section(result, figures))
    if "selfcare" in chosen:
        sections.append(_selfcare_section(result))
    if "mood" in chosen and "selfcare" in chosen:
        sections.append(_helps_section(result))
    if "wins" in chosen:
        win_frames = _within(sharing.wins_frames(frames, chosen), start, end)
        sections.append(_wins_section(analytics.small_wins(win_frames, end)))
    if "notes" in chosen:
        sections.append(_notes_section(scoped))

    owner = html.escape(owner_name)
    title = f"{owner}'s journey, {_day(start)} to {_day(end)}"
    shown = ", ".join(sharing.SCOPES[scope] for scope in chosen)
    plotly_js = (
        "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n"
        f"<script>{get_plotlyjs()}</script>\n"
        if figures.count
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>{STYLE}</style>
{plotly_js}</head>
<body>
<header>
<h1>{title}</h1>
<p class="meta">Made on {_day(made_on)}. It shows: {html.escape(shown)}.</p>
</header>
<main>
{"".join(sections)}
</main>
<footer>
<p class="quiet">{owner} chose to share this report. It shows only the sections they picked,
for {_day(start)} to {_day(end)}. Please treat it with the same care they did in writing it.</p>
</footer>
</body>
</html>
"""


def report_dates(
    frames: JournalFrames,
    scopes: Iterable[str],
    start: dt.date | None,
    end: dt.date | None,
    as_of: dt.date | None = None,
) -> tuple[dt.date, dt.date]:
    """The report's first and last day: ``end`` defaults to (and stops at) ``as_of``,
    ``start`` defaults to the first day with something the chosen sections show."""
    chosen = sharing.check_scopes(scopes)
    made_on = as_of or dt.date.today()
    end = min(end, made_on) if end is not None else made_on
    if start is None:
        shown = [sharing.scoped_frames(frames, chosen)]
        if "wins" in chosen:
            shown.append(sharing.wins_frames(frames, chosen))
        days = [
            frame["day"].min()
            for picked in shown
            for frame in (
                picked.checkins,
                picked.activity_logs,
                picked.goal_logs,
                picked.setbacks,
            )
            if len(frame)
        ]
        start = min(days).date() if days else end
        start = min(start, end)
    if start > end:
        raise InvalidEntry(
            f"The report would start on {_day(start)}, after it ends on {_day(end)}. "
            "Please pick a start on or before the end."
        )
    return start, end


def report_filename(owner_name: str, start: dt.date, end: dt.date) -> str:
    """A safe file name such as ``alex-journey-report-2026-01-01-to-2026-03-31.html``.

    The name is reduced to plain lowercase letters, digits and dashes (and left out
    when nothing of it remains), so the file name is safe on every system.
    """
    ascii_name = unicodedata.normalize("NFKD", owner_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    prefix = f"{slug}-" if slug else ""
    return f"{prefix}journey-report-{start.isoformat()}-to-{end.isoformat()}.html"


def parse_report_day(text: str, *, what: str = "date") -> dt.date:
    """A YYYY-MM-DD day typed for a report (``--from``/``--to``)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidEntry(
            f"“{text}” isn't a {what} we can read. Please use a real day, like 2026-03-14."
        ) from None


# --- the data for the chosen dates -----------------------------------------------------


def _within(frames: JournalFrames, start: dt.date, end: dt.date) -> JournalFrames:
    """Only the days from ``start`` to ``end``: the report's numbers use nothing else.

    Goals keep their titles and cadence, but their start moves into the range (so a
    habit's strength and runs start on the first day shown), and an achievement outside
    the range is left out. Every win is then found within the range too.
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)

    def days(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[(frame["day"] >= first) & (frame["day"] <= last)].copy()

    goal_logs = days(frames.goal_logs)
    goals = frames.goals.copy()
    achieved = goals["achieved_on"]
    goals["achieved_on"] = achieved.where((achieved >= first) & (achieved <= last))
    # A goal belongs in the range if it was set by its end, or shows up in it anyway.
    goals = goals[
        (goals["created"].dt.normalize() <= last)
        | goals["id"].isin(goal_logs["goal_id"])
        | goals["achieved_on"].notna()
    ].copy()
    goals["created"] = goals["created"].dt.normalize().clip(lower=first, upper=last)
    return JournalFrames(
        checkins=days(frames.checkins),
        activities=frames.activities.copy(),
        activity_logs=days(frames.activity_logs),
        goals=goals,
        goal_logs=goal_logs,
        goal_pauses=frames.goal_pauses.copy(),  # analytics cuts them to each habit's days
        setbacks=days(frames.setbacks),
    )


# --- sections ------------------------------------------------------------------------


class _Figures:
    """Turns charts into HTML divs; plotly.js itself goes once into the head."""

    def __init__(self) -> None:
        self.count = 0

    def figure(self, chart: charts.Chart, *, summary: str | None = None) -> str:
        self.count += 1
        div = chart.figure.to_html(
            full_html=False,
            include_plotlyjs=False,
            include_mathjax=False,
            config=PLOTLY_CONFIG,
            div_id=f"chart-{self.count}",  # stable ids: the same data gives the same file
        )
        text = html.escape(summary if summary is not None else chart.summary)
        return f'<figure class="chart">{div}<figcaption>{text}</figcaption></figure>\n'


def _mood_section(
    result: analytics.Journey, start: dt.date, end: dt.date, figures: _Figures
) -> str:
    parts = ['<section id="mood">\n<h2>Mood and setbacks</h2>\n']
    parts.append(f'<p class="headline">{html.escape(result.headline)}</p>\n')
    if not result.days_logged and not result.setback_days:
        parts.append('<p class="quiet">No check-ins in these dates.</p>\n')
        return "".join(parts) + "</section>\n"
    chart = charts.journey_chart(
        result.daily, result.trend, result.episodes, result.setback_days, end
    )
    # Open on the dates the person chose, not the app's "last year" view.
    chart.figure.update_xaxes(
        range=[
            (start - dt.timedelta(days=1)).isoformat(),
            (end + dt.timedelta(days=1)).isoformat(),
        ]
    )
    parts.append(figures.figure(chart))
    parts.append("<h3>Bouncing back</h3>\n")
    if result.bounce_back.empty:
        parts.append('<p class="quiet">No setbacks to bounce back from in these dates.</p>\n')
    else:
        parts.append(figures.figure(charts.bounce_back_chart(result.bounce_back)))
    if result.days_logged:
        parts.append("<h3>Year in pixels</h3>\n")
        for year in sorted(charts.calendar_years(result.daily)):  # oldest first, like a diary
            parts.append(figures.figure(charts.mood_calendar(result.daily, year)))
    return "".join(parts) + "</section>\n"


def _habits_section(result: analytics.Journey, figures: _Figures) -> str:
    parts = ['<section id="habits">\n<h2>Habits growing stronger</h2>\n']
    if not result.habits:
        parts.append('<p class="quiet">No habits with a rhythm in these dates.</p>\n')
        return "".join(parts) + "</section>\n"
    strengths = {habit.name: habit.strength for habit in result.habits}
    # Plotly reads tags such as <b> or <a href> in trace names; escaped, a name shows as
    # written. The caption, plain HTML text, is escaped once from the names as written.
    chart = charts.strength_chart(
        {html.escape(name, quote=False): series for name, series in strengths.items()}
    )
    parts.append(figures.figure(chart, summary=_strength_summary(strengths)))
    parts.append("<ul>\n")
    for habit in result.habits:
        parts.append(
            f"<li><strong>{html.escape(habit.name)}</strong> · {habit.strength_now:.0%}"
            f' <span class="quiet">({html.escape(analytics.describe_runs(habit.runs))})</span>'
            "</li>\n"
        )
    return "".join(parts) + "</ul>\n</section>\n"


def _strength_summary(strengths: dict[str, pd.Series]) -> str:
    shown = {name: series for name, series in strengths.items() if len(series)}
    return charts.strength_summary(shown) if shown else charts.strength_chart({}).summary


def _selfcare_section(result: analytics.Journey) -> str:
    parts = ['<section id="selfcare">\n<h2>Self-care</h2>\n']
    days = sorted(
        ((name, count) for name, count in result.activity_days.items() if count),
        key=lambda item: (-item[1], item[0].casefold()),
    )
    if not days:
        parts.append('<p class="quiet">No self-care logged in these dates.</p>\n')
        return "".join(parts) + "</section>\n"
    parts.append("<ul>\n")
    for name, count in days:
        parts.append(f"<li>{html.escape(name)}: {count} day{'s' if count != 1 else ''}</li>\n")
    return "".join(parts) + "</ul>\n</section>\n"


def _helps_section(result: analytics.Journey) -> str:
    if result.helps.empty:
        return ""
    items = "".join(
        f"<li>{html.escape(sentence)}</li>\n" for sentence in result.helps["sentence"][:MAX_HELPS]
    )
    return (
        '<section id="helps">\n<h2>What seems to help</h2>\n'
        f"<ul>\n{items}</ul>\n"
        '<p class="quiet">Patterns in these entries, not proof of cause.</p>\n</section>\n'
    )


def _wins_section(wins: list[analytics.Win]) -> str:
    parts = ['<section id="wins">\n<h2>Small wins</h2>\n']
    if not wins:
        parts.append('<p class="quiet">No small wins in these dates yet.</p>\n')
        return "".join(parts) + "</section>\n"
    parts.append("<ul>\n")
    for win in sorted(wins, key=lambda w: (w.day, w.key), reverse=True):
        parts.append(f"<li><strong>{_day(win.day)}</strong> · {html.escape(win.text)}</li>\n")
    return "".join(parts) + "</ul>\n</section>\n"


def _notes_section(scoped: JournalFrames) -> str:
    """Check-in notes and setback reflections, newest first (the shared view's notes)."""
    notes: list[tuple[dt.date, str]] = []
    for day, note in zip(scoped.checkins["day"], scoped.checkins["note"], strict=True):
        if isinstance(note, str) and note:
            notes.append((day.date(), note))
    for row in scoped.setbacks.itertuples():
        lines = [
            f"What happened: {row.what_happened}" if row.what_happened else "",
            f"What helped: {row.what_helped}" if row.what_helped else "",
            f"Next time: {row.try_next}" if row.try_next else "",
        ]
        text = "\n".join(line for line in lines if line)
        if text:
            notes.append((row.day.date(), text))
    parts = ['<section id="notes">\n<h2>Notes and reflections</h2>\n']
    if not notes:
        parts.append('<p class="quiet">No notes in these dates.</p>\n')
    for day, text in sorted(notes, key=lambda item: item[0], reverse=True):
        parts.append(
            f'<div class="note"><time datetime="{day.isoformat()}">{_day(day)}</time>'
            f"<p>{html.escape(text)}</p></div>\n"
        )
    return "".join(parts) + "</section>\n"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"
