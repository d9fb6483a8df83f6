"""A report to download: one self-contained HTML file for a peer or clinician.

For people who would rather email a file than share a link. The report shows the
chosen sections for the chosen dates, and is drawn from
:func:`tracker.sharing.shared_content`, exactly like the shared view: the same
sections, numbers and texts, and nothing a share with those sections could not show
(a section that was not picked, or private notes without "notes").

Its numbers are the app's: worked out from the whole journal up to the report's last
day (as the app showed them that day), then shown for the chosen dates. A habit's
strength on each day is its strength in the app on that day, runs are the app's runs,
and a small win appears only if it happened within the dates, on the day it happened.
It speaks about the person by the name chosen for it ("Sam's mood rose").

The file needs no network to open: plotly.js (the small bundle, see
:mod:`tracker.plotly_bundle`) is embedded once, inline, and a Content-Security-Policy
refuses anything that would load from elsewhere. Every piece of text a person wrote
goes through :func:`html.escape`; inside the figures plotly's JSON encoder turns
``<``, ``>`` and ``/`` into ``\\u003c``-style escapes, so a name can never close the
script it sits in.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterable

from tracker import charts, sharing
from tracker.errors import InvalidEntry
from tracker.frames import JournalFrames
from tracker.plotly_bundle import plotly_js
from tracker.voice import about

# No network at all: scripts and styles only from the file itself, images only inline.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}

STYLE = """
:root { color-scheme: light; }
body {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #222; background: #fff; line-height: 1.55;
  /* 680 px (180 mm): the charts, drawn at this width, fit an A4 or a Letter page. */
  max-width: 680px; margin: 2rem auto; padding: 0 1.25rem;
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
dt { font-weight: 600; margin-top: 0.5rem; }
dd { margin: 0 0 0 1rem; }
.note { border-left: 3px solid #d9e6ef; padding: 0.1rem 0 0.1rem 0.75rem; margin: 0.75rem 0; }
.note time { color: #555; font-size: 0.9rem; display: block; }
.note p { white-space: pre-wrap; margin: 0.15rem 0 0; }
footer { border-top: 1px solid #ddd; margin-top: 2.5rem; padding-top: 0.75rem; }
@page { size: auto; margin: 15mm 14mm; }
@media print {
  /* A4, the narrower paper, less its margins is 182 mm: the 180 mm column fits both. */
  body { margin: 0; max-width: 180mm; padding: 0; font-size: 10.5pt; }
  figure, .note, dl > div, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
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
    ``end`` (both included), about them by ``owner_name`` (the name chosen for it).

    ``scopes`` are :data:`tracker.sharing.SCOPES` keys, checked like a share link's.
    ``as_of`` is the day the report is made (default today). ``start`` defaults to the
    first day with something to show, ``end`` to ``as_of``; an end after ``as_of`` is
    brought back to it. Every number is the app's on ``end``, worked out from the whole
    journal up to that day, and shown for the chosen days (see the module's docstring).
    Raises :class:`InvalidEntry` for unknown or no sections and a start after the end.
    """
    made_on = as_of or dt.date.today()
    voice = about(owner_name)
    content = sharing.shared_content(frames, scopes, voice, start, end, made_on)
    chosen, start, end = content.scopes, content.start, content.end
    drawn = sharing.shared_charts(content)
    figures = _Figures()
    render = {
        "mood": lambda: _mood_section(content, drawn, figures),
        "habits": lambda: _habits_section(content, drawn, figures),
        "selfcare": lambda: _selfcare_section(content),
        "helps": lambda: _helps_section(content),
        "wins": lambda: _wins_section(content),
        "notes": lambda: _notes_section(content),
    }
    sections = [render[key]() for key in content.sections]
    sections.append(_legend_section(content.sections, end))

    owner = html.escape(owner_name)
    title = f"{owner}'s journey, {_day(start)} to {_day(end)}"
    shown = ", ".join(sharing.SCOPES[scope] for scope in chosen)
    logged = content.days_logged
    covers = (
        f"It covers {_day(start)} to {_day(end)} ({_plural((end - start).days + 1, 'day')}), "
        f"with {owner} checking in on {_plural(logged, 'day')} of them. "
        f"It shows: {html.escape(shown)}. Every number is worked out from the whole journal "
        f"up to {_day(end)}, as the app showed it that day (see how the numbers are "
        "computed, at the end)."
        if "mood" in chosen
        else f"It covers {_day(start)} to {_day(end)} and shows: {html.escape(shown)}. "
        f"Every number is worked out from the whole journal up to {_day(end)}, as the app "
        "showed it that day (see how the numbers are computed, at the end)."
    )
    bundle = plotly_js() if figures.count else None
    plotly_script = (
        "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n"
        f"<script>{bundle.text}</script>\n"
        if bundle is not None
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
{plotly_script}</head>
<body>
<header>
<h1>{title}</h1>
<p class="meta">Made on {_day(made_on)}. {covers}</p>
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
    window = sharing.shared_window(frames, scopes, start, end, as_of)
    return window.start, window.end


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


# --- sections ------------------------------------------------------------------------


class _Figures:
    """Turns charts into HTML divs; plotly.js itself goes once into the head."""

    def __init__(self) -> None:
        self.count = 0

    def figure(self, chart: charts.Chart) -> str:
        self.count += 1
        # A printed page is narrower than a screen: the chart follows the page's width.
        chart.figure.update_layout(autosize=True, width=None)
        div = chart.figure.to_html(
            full_html=False,
            include_plotlyjs=False,
            include_mathjax=False,
            config=PLOTLY_CONFIG,
            div_id=f"chart-{self.count}",  # stable ids: the same data gives the same file
            default_width="100%",
        )
        text = html.escape(chart.summary)
        return f'<figure class="chart">{div}<figcaption>{text}</figcaption></figure>\n'


def _mood_section(content: sharing.SharedContent, drawn: dict, figures: _Figures) -> str:
    parts = [_heading("mood"), f'<p class="headline">{html.escape(content.journey.headline)}</p>\n']
    if "journey" not in content.charts:
        parts.append('<p class="quiet">No check-ins in these dates.</p>\n')
        return "".join(parts) + "</section>\n"
    chart = drawn["journey"]
    # Open on the dates the person chose, not the app's "last year" view; the app's range
    # buttons (1M, 3M...) mean nothing on paper.
    chart.figure.update_xaxes(
        rangeselector={"visible": False},
        range=[
            (content.start - dt.timedelta(days=1)).isoformat(),
            (content.end + dt.timedelta(days=1)).isoformat(),
        ],
    )
    parts.append(figures.figure(chart))
    parts.append("<h3>Bouncing back</h3>\n")
    parts.append(figures.figure(drawn["bounce_back"]))
    if content.days_logged:
        parts.append("<h3>Year in pixels</h3>\n")
        # Paper can't pick a year as the app does: every year, oldest first, like a diary.
        for year in sorted(charts.calendar_years(content.daily)):
            parts.append(figures.figure(charts.mood_calendar(content.daily, year, content.voice)))
    return "".join(parts) + "</section>\n"


def _habits_section(content: sharing.SharedContent, drawn: dict, figures: _Figures) -> str:
    parts = [_heading("habits")]
    if not content.habit_lines:
        parts.append('<p class="quiet">No habits with a rhythm in these dates.</p>\n')
        return "".join(parts) + "</section>\n"
    parts.append(figures.figure(drawn["strength"]))  # names escaped for plotly there
    parts.append(f'<p class="quiet">Strength and runs on {_day(content.end)}:</p>\n<ul>\n')
    for name, strength, runs in content.habit_lines:
        shown = f" · {strength}" if strength is not None else ""
        parts.append(
            f"<li><strong>{html.escape(name)}</strong>{shown}"
            f' <span class="quiet">({html.escape(runs)})</span></li>\n'
        )
    return "".join(parts) + "</ul>\n</section>\n"


def _selfcare_section(content: sharing.SharedContent) -> str:
    parts = [_heading("selfcare")]
    if not content.selfcare_days:
        parts.append('<p class="quiet">No self-care logged in these dates.</p>\n')
        return "".join(parts) + "</section>\n"
    parts.append('<p class="quiet">Days with each, in these dates:</p>\n<ul>\n')
    for name, count in content.selfcare_days:
        parts.append(f"<li>{html.escape(name)}: {_plural(count, 'day')}</li>\n")
    return "".join(parts) + "</ul>\n</section>\n"


LEGEND = {
    "mood": [
        (
            "Daily mood",
            "The average of the day's check-ins, from 1 (awful) to 5 (great). Days without "
            "a check-in are left out, never counted as zero.",
        ),
        (
            "Trend",
            "A moving average that gives recent days more weight (a day two weeks old counts "
            "half). The headline's rise or fall is the straight line that best fits the "
            "3 months up to the last day of the report.",
        ),
        (
            "Setbacks and bouncing back",
            "A setback is a day at least 1.5 points below the average of the 4 weeks before "
            "it, or a day a setback was written down; days close together form one setback. "
            "Bounce-back days run from its start to the first day back within half a point "
            "of the earlier average. Per quarter: the middle value (median).",
        ),
    ],
    "habits": [
        (
            "Habit strength",
            "The Loop Habit Tracker score: each day it moves a small step towards how well "
            "the habit was kept lately (for \u201c3 times a week\u201d, how many of those "
            "times in the last week). It starts at 0% when the habit starts, not when the "
            "report does; skipped or paused days leave it as it was.",
        ),
        (
            "Runs",
            "Periods in a row the habit was kept (days, or weeks for a weekly habit), "
            "counted from its start. Skipped days never break a run; a comeback is each new "
            "run after a break.",
        ),
    ],
    "selfcare": [("Self-care days", "The number of days in the report's dates with each.")],
    "helps": [
        (
            "What seems to help",
            "Average mood on days with an activity against days without, over the whole "
            "journal up to the report's last day (at least 3 days of each). A pattern, not "
            "proof of cause.",
        )
    ],
    "wins": [
        (
            "Small wins",
            "Milestones found in the entries (a first week, 30 and 100 days of check-ins, a "
            "habit passing 50% and 80%, a goal achieved, a brightest month, a faster "
            "comeback), each on the day it happened, counted from the journal's first day. "
            "Only those that happened in the report's dates are listed.",
        )
    ],
}


def _legend_section(sections: tuple[str, ...], end: dt.date) -> str:
    items = "".join(
        f"<div><dt>{html.escape(term)}</dt><dd>{html.escape(meaning)}</dd></div>\n"
        for key in sections
        for term, meaning in LEGEND.get(key, ())
    )
    if not items:
        return ""
    return (
        '<section id="legend">\n<h2>How the numbers are computed</h2>\n'
        f'<p class="quiet">As in the app, from the whole journal up to {_day(end)}; the '
        "charts and lists show the report's dates.</p>\n"
        f"<dl>\n{items}</dl>\n</section>\n"
    )


def _helps_section(content: sharing.SharedContent) -> str:
    if not content.helps:
        return ""
    items = "".join(f"<li>{html.escape(sentence)}</li>\n" for sentence in content.helps)
    return (
        f"{_heading('helps')}<ul>\n{items}</ul>\n"
        '<p class="quiet">Patterns in these entries, not proof of cause.</p>\n</section>\n'
    )


def _wins_section(content: sharing.SharedContent) -> str:
    parts = [_heading("wins")]
    if not content.wins:
        parts.append('<p class="quiet">No small wins in these dates yet.</p>\n')
        return "".join(parts) + "</section>\n"
    parts.append("<ul>\n")
    for win in content.wins:
        parts.append(f"<li><strong>{_day(win.day)}</strong> · {html.escape(win.text)}</li>\n")
    return "".join(parts) + "</ul>\n</section>\n"


def _notes_section(content: sharing.SharedContent) -> str:
    """Check-in notes and setback reflections, newest first (the shared view's notes)."""
    parts = [_heading("notes")]
    if not content.notes:
        parts.append('<p class="quiet">No notes in these dates.</p>\n')
    for day, text in content.notes:
        parts.append(
            f'<div class="note"><time datetime="{day.isoformat()}">{_day(day)}</time>'
            f"<p>{html.escape(text)}</p></div>\n"
        )
    return "".join(parts) + "</section>\n"


def _heading(section: str) -> str:
    return f'<section id="{section}">\n<h2>{sharing.SECTION_TITLES[section]}</h2>\n'


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"
