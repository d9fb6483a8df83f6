"""Browser time: from navigation to the Journey chart drawn, next to a bare Streamlit page.

Both apps run as real `streamlit run` servers in the same run. Each load opens a fresh
browser context (no cookies, no HTTP cache) in Debian's headless Chromium, and loads
alternate between the two apps so that both see the same machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bench.report import Section, Table, median, secs
from bench.server import CHROMIUM, CHROMIUM_ARGS, ROOT, serve

BARE_APP = Path(__file__).resolve().parent / "bare_app.py"
PLOTLY_APP = Path(__file__).resolve().parent / "bare_plotly_app.py"
NAMES = {"bare": "Bare", "plotly": "Bare + one tiny plotly chart", "journey": "Journey"}
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHART = "[data-testid='stPlotlyChart']"
# Drawn, not just placed: plotly has put its SVG into the first chart.
CHART_DRAWN = f"{CHART} .main-svg"
BARE_READY = "[data-testid='stMain'] h1"
RATIO = 2.0
LOAD_TIMEOUT_MS = 60_000


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
    seconds: float
    marks: dict[str, float]
    reload_seconds: float


def _wait_ready(page, ready: list[str]) -> None:
    for selector in ready:
        page.locator(selector).first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    page.locator(IDLE).wait_for(state="attached", timeout=LOAD_TIMEOUT_MS)


def load(browser, url: str, ready: list[str]) -> Load:
    """Navigation until every ``ready`` selector is visible and the script is idle, in a
    fresh context; then a reload in the same context (its browser cache now warm)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(MILESTONES)
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        _wait_ready(page, ready)
        seconds = time.perf_counter() - start
        marks = page.evaluate("window.__marks")
        start = time.perf_counter()
        page.reload(wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        _wait_ready(page, ready)
        return Load(seconds, marks, time.perf_counter() - start)
    finally:
        context.close()


def run(db_path: Path, workdir: Path, loads: int = 5) -> Section:
    section = Section(
        "2. Browser: navigation to the Journey chart drawn",
        f"Headless Chromium (Playwright), median of {loads} loads, each in a fresh context "
        "(empty browser cache), taking turns between the three apps, after one warm-up load "
        "per app (so the server has imported everything and filled its caches, as for any "
        "visitor after the first). *Journey*: `/journey` of `app.py` for a person with 10 "
        "years of data, until the first plotly chart has drawn its SVG and the script is "
        "idle. *Bare*: `bench/bare_app.py` (a title and a line), until its title shows and "
        "the script is idle. *Bare + one tiny plotly chart*: `bench/bare_plotly_app.py`, a "
        "title and a two-point chart, timed like Journey: the least any page with a plotly "
        "chart can take here, since Streamlit loads plotly.js (4.7 MB) when a page first "
        f"shows a chart. Target: Journey within {RATIO:g}× of bare. *× one-chart page*: "
        "compared with that least, the part of the time the app's own page adds. "
        "For information: "
        "the same page reloaded in its context (browser cache warm), and when each "
        "milestone was reached during the fresh loads.",
    )
    if not CHROMIUM.exists():
        section.intro += "\n\nNot run: `/usr/bin/chromium` is missing (`make bench` installs it)."
        section.misses.append("browser benchmark (no chromium)")
        return section
    from playwright.sync_api import sync_playwright

    results: dict[str, list[Load]] = {name: [] for name in NAMES}
    with (
        serve(ROOT / "app.py", db_path, workdir / "browser-app.log") as app,
        serve(BARE_APP, db_path, workdir / "browser-bare.log") as bare,
        serve(PLOTLY_APP, db_path, workdir / "browser-plotly.log") as plotly_page,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            targets = {
                "bare": (bare.url + "/", [BARE_READY]),
                "plotly": (plotly_page.url + "/", [CHART, CHART_DRAWN]),
                "journey": (app.url + "/journey", [CHART, CHART_DRAWN]),
            }
            warmup = {name: load(browser, url, ready) for name, (url, ready) in targets.items()}
            for _ in range(loads):
                for name, (url, ready) in targets.items():
                    results[name].append(load(browser, url, ready))
        finally:
            browser.close()
    _tables(section, results, warmup)
    return section


def _tables(section: Section, results: dict[str, list[Load]], warmup: dict[str, Load]) -> None:
    table = Table(
        [
            "Page",
            "Warm-up",
            "Median",
            "Fastest",
            "Slowest",
            "× bare",
            "× one-chart page",
            "Reload (warm cache)",
            "Result",
        ]
    )
    bare = median([r.seconds for r in results["bare"]])
    one_chart = median([r.seconds for r in results["plotly"]])
    for name in NAMES:
        seconds = [r.seconds for r in results[name]]
        ratio = median(seconds) / bare
        table.add(
            NAMES[name],
            secs(warmup[name].seconds),
            secs(median(seconds)),
            secs(min(seconds)),
            secs(max(seconds)),
            f"{ratio:.1f}×",
            f"{median(seconds) / one_chart:.2f}×" if name != "bare" else "—",
            secs(median([r.reload_seconds for r in results[name]])),
            section.verdict(ratio <= RATIO, "browser Journey") if name == "journey" else "—",
        )
    steps = Table(
        ["Page", "Title shown", "Script idle", "First chart placed", "First chart drawn"],
        title="Milestones (median, seconds since navigation started, fresh loads)",
    )
    for name in NAMES:
        cells = []
        for mark in ("title", "idle", "chart", "drawn"):
            values = [r.marks[mark] / 1000 for r in results[name] if mark in r.marks]
            cells.append(secs(median(values)) if values else "—")
        steps.add(NAMES[name], *cells)
    section.tables += [table, steps]
