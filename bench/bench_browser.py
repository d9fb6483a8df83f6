"""Browser time: from navigation to the Journey's first chart drawn, next to a bare
Streamlit page, at full speed and with the CPU slowed 4× (a stand-in for a phone).

Every app runs as a real `streamlit run` server in the same run. Each load opens a fresh
browser context (no cookies, no HTTP cache) in Debian's headless Chromium, then reloads
the page in that context (its cache now warm). Loads take turns between the apps, so
that all of them see the same machine.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench import bench_bundles
from bench.report import Section, Table, median, secs
from bench.server import CHROMIUM, CHROMIUM_ARGS, ROOT, serve

HERE = Path(__file__).resolve().parent
BARE_APP = HERE / "bare_app.py"
CHART_APP = HERE / "bare_chart_app.py"
PLOTLY_APP = HERE / "bare_plotly_app.py"
NAMES = {
    "bare": "Bare",
    "chart": "Bare + one tiny chart (the app's component)",
    "plotly": "Bare + one tiny `st.plotly_chart` (before issue 16)",
    "journey": "**Journey, 10 years** (the app: charts drawn one at a time)",
    "journey_plain_head": "Journey, 10 years, without the hints in its page's head",
    "journey_at_once": "Journey, 10 years, its charts drawn all at once",
    "journey_plotly_chart": "Journey, 10 years, with `st.plotly_chart` (before issue 16)",
}
# The Journey's designs side by side: the same app, served with chart_view.DESIGN set.
DESIGNS = {
    "journey": "one-at-a-time",
    "journey_plain_head": "streamlit-head",
    "journey_at_once": "all-at-once",
    "journey_plotly_chart": "st.plotly_chart",
}
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# A chart drawn the app's way (chart_view.py), or by st.plotly_chart: drawn, not just
# placed, once plotly has put its SVG in.
CHART = "[data-testid='trackerChart'], [data-testid='stPlotlyChart']"
CHART_DRAWN = ".js-plotly-plot .main-svg"
BARE_READY = "[data-testid='stMain'] h1"
RATIO = 2.0  # Journey fresh, within this many times a bare page fresh
RELOAD_RATIO = 3.0  # Journey reloaded (warm cache), within this many times bare reloaded
SLOWDOWNS = (1, 4)  # Chromium's CPU throttling rates (Emulation.setCPUThrottlingRate)
LOAD_TIMEOUT_MS = 120_000


# Milestones, in ms since navigation started, noted by the page itself every 5 ms.
MILESTONES = """
window.__marks = {};
setInterval(() => {
  const marks = window.__marks, now = performance.now();
  const seen = (selector) => document.querySelector(selector) !== null;
  if (!marks.title && seen("[data-testid='stMain'] h1")) marks.title = now;
  if (!marks.idle && marks.title && seen("%(idle)s")) marks.idle = now;
  if (!marks.chart && seen("%(chart)s")) marks.chart = now;
  if (!marks.drawn && seen("%(drawn)s")) marks.drawn = now;
}, 5);
""" % {"idle": IDLE, "chart": CHART, "drawn": CHART_DRAWN}  # noqa: UP031 - JS braces


@dataclass
class Load:
    seconds: float  # navigation start to ready, as the page itself saw it
    marks: dict[str, float]
    reload_seconds: float
    noticed_seconds: float  # the same, as Playwright noticed it from outside
    reload_marks: dict[str, float]


def _wait_ready(page, ready: list[str]) -> dict[str, float]:
    for selector in ready:
        page.locator(selector).first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    page.locator(IDLE).wait_for(state="attached", timeout=LOAD_TIMEOUT_MS)
    return page.evaluate("window.__marks")


def _ready_at(marks: dict[str, float], chart: bool) -> float:
    """Seconds from navigation start until the page was ready: script idle and, for a page
    with charts, its first chart drawn."""
    return max(marks["idle"], marks["drawn"] if chart else 0) / 1000


def load(browser, url: str, ready: list[str], slowdown: int = 1) -> Load:
    """Navigation until every ``ready`` selector is visible and the script is idle, in a
    fresh context with the CPU slowed ``slowdown`` times; then a reload in the same
    context (its browser cache now warm), just as slow.

    Times are the page's own (``performance.now()`` from navigation start, noted every 5
    ms): Playwright polls a busy page late, by up to seconds at 4× slower while later
    charts are drawn, which is its delay and not what a person sees."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(MILESTONES)
    chart = CHART in ready
    try:
        page = context.new_page()
        if slowdown != 1:
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        marks = _wait_ready(page, ready)
        noticed = time.perf_counter() - start
        page.reload(wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        reload_marks = _wait_ready(page, ready)
        return Load(
            _ready_at(marks, chart), marks, _ready_at(reload_marks, chart), noticed, reload_marks
        )
    finally:
        context.close()


@contextlib.contextmanager
def _design(name: str) -> Iterator[None]:
    """chart_view.DESIGN for the servers started inside this block."""
    before = os.environ.get("TRACKER_CHART_DESIGN")
    os.environ["TRACKER_CHART_DESIGN"] = name
    try:
        yield
    finally:
        if before is None:
            del os.environ["TRACKER_CHART_DESIGN"]
        else:
            os.environ["TRACKER_CHART_DESIGN"] = before


def run(db_path: Path, workdir: Path, loads: int = 5) -> Section:
    section = Section(
        "2. Browser: navigation to the Journey chart drawn",
        f"Headless Chromium (Playwright), median of {loads} loads of each page at each speed, "
        f"each in a fresh context (empty browser cache) and then reloaded in that context "
        f"(*warm*: plotly.js and Streamlit's files come from the browser cache), taking turns "
        f"between the apps, after one warm-up load per app and speed (so the servers have "
        f"imported everything and filled their caches, as for any visitor after the first). "
        f"*4× slower*: Chromium's own CPU throttling (`Emulation.setCPUThrottlingRate` 4), a "
        f"common stand-in for a mid-range phone. *Journey*: `/journey` of the app as `make "
        f"run` serves it (asgi.py) for a person with 10 years of data, until its first chart "
        f"has drawn its SVG and the script is idle, timed by the page itself "
        f"(`performance.now()` since navigation started; the last column is when Playwright "
        f"noticed it from outside, later when the page is busy drawing its other charts). The "
        f"same Journey is also served without the hints hosting/page_head.py puts in its "
        f"page's head (where the server is; fetch plotly.js early), with its charts drawn "
        f"all at once, and with "
        f"`st.plotly_chart` as before issue 16 (`TRACKER_CHART_DESIGN`, chart_view.py), side "
        f"by side. *Bare*: `bench/bare_app.py` (a title and a line), until its title shows and"
        f" the script is idle. *One tiny chart*: a title and a two-point chart, timed like "
        f"Journey, drawn the app's way (`bench/bare_chart_app.py`: chart_view.py's component "
        f"and the plotly.js bundle the app serves) and, for comparison, the way the app drew "
        f"charts before issue 16 (`bench/bare_plotly_app.py`: `st.plotly_chart`, which loads "
        f"Streamlit's 4.7 MB plotly.js). Targets (issue 16): Journey fresh within {RATIO:g}× "
        f"of bare fresh at both speeds, and Journey reloaded within {RELOAD_RATIO:g}× of bare "
        f"reloaded. For information: when each milestone was reached during the fresh loads, "
        f"and, last, plotly.js bundles alone on a plain page (`bench/bench_bundles.py`).",
    )
    if not CHROMIUM.exists():
        section.intro += "\n\nNot run: `/usr/bin/chromium` is missing (`make bench` installs it)."
        section.misses.append("browser benchmark (no chromium)")
        return section
    from playwright.sync_api import sync_playwright

    from tracker import plotly_bundle

    if not plotly_bundle.plotly_js().partial:
        section.notes.append(
            "Note: the small bundle was missing (`make plotly-bundle` builds it), so the "
            "charts were drawn with plotly's full bundle."
        )
    results: dict[tuple[str, int], list[Load]] = {
        (name, slowdown): [] for name in NAMES for slowdown in SLOWDOWNS
    }
    warmup: dict[tuple[str, int], Load] = {}
    with contextlib.ExitStack() as servers:
        apps = {}
        for name, design in DESIGNS.items():
            with _design(design):
                log = workdir / f"browser-{name}.log"
                apps[name] = servers.enter_context(serve(ROOT / "asgi.py", db_path, log))
        bare = servers.enter_context(serve(BARE_APP, db_path, workdir / "browser-bare.log"))
        chart_page = servers.enter_context(serve(CHART_APP, db_path, workdir / "browser-chart.log"))
        plotly_page = servers.enter_context(
            serve(PLOTLY_APP, db_path, workdir / "browser-plotly.log")
        )
        playwright = servers.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            drawn = [CHART, f"{CHART} {CHART_DRAWN}"]
            targets = {
                "bare": (bare.url + "/", [BARE_READY]),
                "chart": (chart_page.url + "/", drawn),
                "plotly": (plotly_page.url + "/", drawn),
                **{name: (app.url + "/journey", drawn) for name, app in apps.items()},
            }
            for slowdown in SLOWDOWNS:
                for name, (url, ready) in targets.items():
                    warmup[name, slowdown] = load(browser, url, ready, slowdown)
                for _ in range(loads):
                    for name, (url, ready) in targets.items():
                        results[name, slowdown].append(load(browser, url, ready, slowdown))
            bundles = bench_bundles.compare(browser, SLOWDOWNS, loads)
        finally:
            browser.close()
    _tables(section, results, warmup)
    section.tables.append(bundles)
    _remaining_cost(section, results)
    return section


def _tables(
    section: Section,
    results: dict[tuple[str, int], list[Load]],
    warmup: dict[tuple[str, int], Load],
) -> None:
    for slowdown in SLOWDOWNS:
        speed = "full speed" if slowdown == 1 else f"CPU {slowdown}× slower"
        table = Table(
            [
                "Page",
                "Warm-up",
                "Fresh: median",
                "Fastest",
                "Slowest",
                "× bare",
                "Result",
                "Reload (warm): median",
                "× bare",
                "Result",
                "Fresh, as Playwright noticed it",
            ],
            title=f"Fresh context and warm reload, {speed}",
        )
        bare = median([r.seconds for r in results["bare", slowdown]])
        bare_reload = median([r.reload_seconds for r in results["bare", slowdown]])
        for name in NAMES:
            loads = results[name, slowdown]
            fresh = median([r.seconds for r in loads])
            reload = median([r.reload_seconds for r in loads])
            journey = name == "journey"  # the app as people get it; the rest compare
            fresh_result = reload_result = "—"
            if journey:
                fresh_result = section.verdict(
                    fresh / bare <= RATIO, f"browser Journey fresh, {speed}"
                )
                reload_result = section.verdict(
                    reload / bare_reload <= RELOAD_RATIO, f"browser Journey warm, {speed}"
                )
            table.add(
                NAMES[name],
                secs(warmup[name, slowdown].seconds),
                secs(fresh),
                secs(min(r.seconds for r in loads)),
                secs(max(r.seconds for r in loads)),
                f"{fresh / bare:.2f}×",
                fresh_result,
                secs(reload),
                f"{reload / bare_reload:.2f}×",
                reload_result,
                secs(median([r.noticed_seconds for r in loads])),
            )
        steps = Table(
            ["Page", "Title shown", "Script idle", "First chart placed", "First chart drawn"],
            title=f"Milestones, {speed} (median, seconds since navigation started, fresh loads)",
        )
        for name in NAMES:
            cells = []
            for mark in ("title", "idle", "chart", "drawn"):
                values = [r.marks[mark] / 1000 for r in results[name, slowdown] if mark in r.marks]
                cells.append(secs(median(values)) if values else "—")
            steps.add(NAMES[name], *cells)
        section.tables += [table, steps]


def _mark(loads: list[Load], name: str) -> float:
    """The median of one milestone over fresh loads, in seconds."""
    return median([r.marks[name] / 1000 for r in loads if name in r.marks])


def _remaining_cost(section: Section, results: dict[tuple[str, int], list[Load]]) -> None:
    """Where the Journey's time goes beyond a bare page, from this run's milestones: what
    is left to gain when a target is missed, and what the designs compared gave."""
    lines = []
    for slowdown in SLOWDOWNS:
        speed = "at full speed" if slowdown == 1 else f"with the CPU {slowdown}× slower"
        bare = median([r.seconds for r in results["bare", slowdown]])
        journey = results["journey", slowdown]
        tiny = results["chart", slowdown]
        own = _mark(journey, "idle") - bare
        placing = _mark(journey, "chart") - _mark(journey, "idle")
        drawing = _mark(journey, "drawn") - _mark(journey, "chart")
        tiny_drawing = _mark(tiny, "drawn") - _mark(tiny, "chart")
        at_once = median([r.seconds for r in results["journey_at_once", slowdown]])
        plain = median([r.seconds for r in results["journey_plain_head", slowdown]])
        before = median([r.seconds for r in results["journey_plotly_chart", slowdown]])
        now = median([r.seconds for r in journey])
        reload = median([r.reload_seconds for r in journey])
        bare_reload = median([r.reload_seconds for r in results["bare", slowdown]])
        reload_idle = median([r.reload_marks["idle"] / 1000 for r in journey])
        lines.append(
            f"- {speed[0].upper() + speed[1:]}, fresh: the Journey is ready {now:.2f} s after "
            f"navigation, {now - bare:.2f} s after a bare page. Of that, "
            f"{max(own, 0):.2f} s is the page itself before any chart (its headline, "
            f"sidebar and other elements, until the script is idle), {max(placing, 0):.2f} s "
            f"until the first chart is placed (Streamlit's component code), and "
            f"{drawing:.2f} s from placed to drawn: evaluating plotly.js (fetched early) "
            f"and drawing the journey chart (on the one-tiny-chart page, the same step "
            f"takes {tiny_drawing:.2f} s). Without the hints in the page's head it was "
            f"ready at {plain:.2f} s, drawing all charts at once at {at_once:.2f} s, "
            f"`st.plotly_chart` at {before:.2f} s. Reloaded "
            f"(warm), the Journey is ready at {reload:.2f} s, a bare page at "
            f"{bare_reload:.2f} s; the Journey's script is idle at {reload_idle:.2f} s, "
            "before any chart."
        )
    tiny = [
        median([r.seconds for r in results["chart", slowdown]])
        / median([r.seconds for r in results["bare", slowdown]])
        for slowdown in SLOWDOWNS
    ]
    section.notes.append(
        "**Where the time goes** (medians of this run; the targets above say which are "
        "met):\n\n" + "\n".join(lines) + "\n\n"
        f"A bare page with one two-point chart drawn the app's way takes {tiny[0]:.2f}× a "
        f"bare page at full speed and {tiny[-1]:.2f}× with the CPU 4× slower: the least "
        "any page whose charts plotly.js draws in the browser costs here. Tried and "
        "measured side by side in this run: the page as Streamlit serves it, without the "
        "hints in its head, the charts drawn all at once once plotly.js is "
        "there (the first chart waits for the others), and `st.plotly_chart` (Streamlit's "
        "4.7 MB plotly.js, each chart drawn twice). The bundle itself, plotly's published "
        "bundles against the app's own build, is compared in the last table above. Not tried: "
        "drawing the first chart as a picture made on the server (it needs a headless "
        "browser on the server, through kaleido)."
    )
