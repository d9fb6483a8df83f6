"""Helpers for the end-to-end tests: a real `streamlit run` server and Debian's Chromium.

The fixtures in ``conftest.py`` build on these; tests import the page helpers
(``goto``, ``open_page``, ``wait_idle``, ``expect_toast``, ``screenshots``...) from here.
Why: Playwright's own browser download does not work here, so Debian's
``/usr/bin/chromium`` is launched headless with the flags in ``CHROMIUM_ARGS``; a
page is ready when ``/_stcore/health`` answers and the app's script state is
``notRunning``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.server import CHROMIUM, CHROMIUM_ARGS, free_port, is_healthy, stop_process_group
from tracker import Store, open_store

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
STARTUP_TIMEOUT_S = 60.0
# One chart of the app (chart_view.py): the element plotly draws in (it is also plotly's
# ".js-plotly-plot" once drawn).
CHART = "[data-testid='trackerChart']"


# Toasts vanish after a few seconds, sometimes before a slow page is drawn: record every
# toast's text as it appears, so a test can ask "was this said?" without racing the clock.
RECORD_TOASTS = """
window.__toasts = [];
const seen = new WeakMap();
new MutationObserver(() => {
  for (const toast of document.querySelectorAll("[data-testid='stToast']")) {
    if (!seen.has(toast)) seen.set(toast, window.__toasts.push("") - 1);
    window.__toasts[seen.get(toast)] = toast.innerText;
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


# Every Plotly.react / Plotly.newPlot call, counted on the element it draws in
# (``element.__draws``): the bundle sets ``window.Plotly`` when it loads, and this wraps
# what it sets. Plotly's own redraws (a resize) don't go through these and aren't counted.
COUNT_DRAWS = """
(() => {
  let plotly;
  Object.defineProperty(window, "Plotly", {
    configurable: true,
    get() { return plotly; },
    set(loaded) {
      plotly = loaded;
      for (const name of ["react", "newPlot"]) {
        const real = loaded[name];
        loaded[name] = function (element, ...rest) {
          element.__draws = (element.__draws || 0) + 1;
          return real.call(this, element, ...rest);
        };
      }
    },
  });
})();
"""


class BrowserMissing(RuntimeError):
    """Debian's chromium is not installed; the message says how to install it."""


@dataclass
class Server:
    """A `streamlit run asgi.py` (app.py as `make run` serves it) subprocess on a loopback
    port, with its own database."""

    url: str
    db_path: Path
    process: subprocess.Popen
    log_path: Path

    def store(self) -> Store:
        """The server's database: to seed data, or to check what a page stored. The
        server's cached numbers follow any write to it (schema.m004)."""
        return open_store(self.db_path)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextlib.contextmanager
def run_server(
    db_path: Path,
    log_path: Path,
    *,
    secrets: str = "",
    extra_args: Sequence[str] = (),
    env: dict[str, str] | None = None,
    timeout: float = STARTUP_TIMEOUT_S,
    port: int | None = None,
    workers: int = 0,
    base: str = "",
) -> Iterator[Server]:
    """Start the app against ``db_path``, wait for ``/_stcore/health``, stop it after.
    With ``workers``, as hosted for a group (``python -m hosting``: nginx in front).

    ``secrets`` is the TOML the server sees as its only secrets file (say, an ``[auth]``
    section for sign-in tests); by default none, so a developer's own
    ``.streamlit/secrets.toml`` never changes what the tests see.
    The server runs in its own process group so that stopping it leaves nothing behind.
    ``port`` is a free port to use (say, one already named in ``secrets``); by default
    one is picked. ``base`` serves the app below that address (``server.baseUrlPath``),
    as a host may put it behind a prefix.
    Raises ``RuntimeError`` with the server's output when it does not come up in time.
    """
    secrets_path = log_path.with_name("secrets.toml")
    secrets_path.write_text(secrets)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}" + (f"/{base}" if base else "")
    streamlit_args = [
        *(["--server.baseUrlPath", base] if base else []),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--secrets.files",
        str(secrets_path),
        *extra_args,
    ]
    if workers:
        command = [sys.executable, "-m", "hosting", "--port", str(port)]
        command += ["--workers", str(workers), "--", *streamlit_args]
    else:
        command = [sys.executable, "-m", "streamlit", "run", "asgi.py", "--server.headless"]
        command += ["true", "--server.port", str(port), "--server.address", "127.0.0.1"]
        command += streamlit_args
    full_env = {**os.environ, "TRACKER_DB": str(db_path), **(env or {})}
    # A log file, not a pipe: a pipe nobody reads fills up and stalls the server.
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(url=url, db_path=db_path, process=process, log_path=log_path)
    try:
        deadline = time.monotonic() + timeout
        while not is_healthy(url):
            if process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with code {process.returncode} before it was healthy:\n"
                    + server.log()
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"streamlit did not answer {url}/_stcore/health within {timeout:.0f} s:\n"
                    + server.log()
                )
            time.sleep(0.1)
        yield server
    finally:
        stop_process_group(process, timeout=10)


@contextlib.contextmanager
def serving(
    folder: Path,
    *,
    seed: Callable[[Store], object] | None = None,
    secrets: str = "",
    warm: Browser | None = None,
    port: int | None = None,
    workers: int = 0,
) -> Iterator[Server]:
    """A server on a new database in ``folder``: seeded first, opened once at "/" with
    the ``warm`` browser if given (see :func:`warm_up`). Fails the test with the
    server's log when it does not come up."""
    db_path = folder / "tracker.db"
    if seed is not None:
        with open_store(db_path) as store:
            seed(store)
    try:
        with run_server(
            db_path, folder / "server.log", secrets=secrets, port=port, workers=workers
        ) as server:
            if warm is not None:
                warm_up(warm, server)
            yield server
    except RuntimeError as problem:
        pytest.fail(str(problem), pytrace=False)


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's chromium, headless. Never downloads a browser.

    Raises :class:`BrowserMissing` with install instructions when it is not there.
    """
    if not CHROMIUM.exists():
        raise BrowserMissing(
            f"The browser tests need Debian's chromium at {CHROMIUM}, and it is not installed. "
            "Install it with 'sudo apt-get update && sudo apt-get install -y chromium' "
            "(or run 'make browser' as root; 'make test' does this for you)."
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


# --- page helpers -------------------------------------------------------------------


def wait_idle(page: Page, *, timeout: float = 30_000, settle: float = 200) -> None:
    """Wait until the script run is over (``notRunning``), then a short settle.

    Right after a click, Streamlit may not have flipped to ``running`` yet; the
    settle before and after the wait covers that gap and lets the DOM catch up.
    """
    page.wait_for_timeout(settle)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_timeout(settle)
    page.wait_for_selector(IDLE, timeout=timeout)
    fail_on_exception(page)


def fail_on_exception(page: Page) -> None:
    """A traceback, or Streamlit's "Page not found", is always a bug: fail now with its text,
    rather than with a timeout later."""
    shown = page.get_by_test_id("stException")
    if shown.count():
        raise AssertionError(f"The page at {page.url} shows an error:\n{shown.first.inner_text()}")
    lost = page.get_by_test_id("stDialog").filter(has_text="Page not found")
    if lost.count():
        raise AssertionError(
            f"Streamlit says {page.url} does not exist:\n{lost.first.inner_text()}"
        )


def goto(page: Page, path: str = "/") -> None:
    """Open ``path`` (relative to the context's base URL) and wait for the page to be drawn."""
    page.goto(path)
    page.wait_for_selector("[data-testid='stMain']")
    try:
        wait_idle(page)
    except AssertionError as problem:
        raise AssertionError(f"Opening {path}: {problem}") from None


def toasts(page: Page) -> list[str]:
    """Every toast this page has shown so far (recorded by :data:`RECORD_TOASTS`)."""
    return page.evaluate("window.__toasts || []")


def expect_toast(page: Page, text: str, *, timeout: float = 10_000) -> None:
    """Wait until a toast containing ``text`` has been shown (even if it is gone again)."""
    try:
        page.wait_for_function(
            "text => (window.__toasts || []).some(shown => shown.includes(text))",
            arg=text,
            timeout=timeout,
        )
    except PlaywrightTimeout:
        raise AssertionError(f"No toast said {text!r}; toasts shown: {toasts(page)}") from None


def open_page(page: Page, link: str) -> None:
    """Open the app at "/" and follow the sidebar link ``link``, as a person would.

    Independent of which page is the default (whose URL is "/", not its own path).
    """
    goto(page, "/")
    nav_to(page, link)


def main(page: Page) -> Locator:
    """The page's main area (not the sidebar)."""
    return page.get_by_test_id("stMain")


def title(page: Page) -> Locator:
    """The page's title (its one ``st.title``, an h1)."""
    return main(page).get_by_role("heading", level=1)


def click(page: Page, name: str) -> None:
    """Click the button labelled ``name`` (exactly) and wait for the rerun it starts."""
    page.get_by_role("button", name=name, exact=True).click()
    wait_idle(page)


def warm_up(browser: Browser, server: Server) -> None:
    """Open "/" once, so the server has run app.py and knows its navigation.

    Until then, Streamlit serves `pages/` files on their own (its old multipage mode) to
    a visitor who opens a deep link such as /today first.
    """
    context = browser.new_context(base_url=server.url)
    try:
        goto(context.new_page(), "/")
    finally:
        context.close()


def wait_charts(page: Page, *, timeout: float = 30_000) -> None:
    """Wait until every chart on the page has drawn its SVG. A chart is drawn when it
    comes near the screen (chart_view.js), so each is scrolled to in turn; the page is
    scrolled back to the top after."""
    for chart in page.locator(CHART).all():
        chart.scroll_into_view_if_needed()
        chart.locator(".main-svg").first.wait_for(timeout=timeout)
    page.evaluate(
        """() => document.querySelectorAll("[data-testid='stMain'], "
            + "[data-testid='stAppViewContainer']").forEach(area => area.scrollTo(0, 0))"""
    )
    page.wait_for_function(
        """selector => Array.from(document.querySelectorAll(selector))
            .every(chart => chart.querySelector(".main-svg"))""",
        arg=CHART,
        timeout=timeout,
    )


def chart_draws(page: Page) -> list[int]:
    """How many times each chart on the page was drawn (Plotly.react or newPlot), in page
    order; needs :data:`COUNT_DRAWS` (every ``new_page`` has it)."""
    wait_charts(page)
    return page.eval_on_selector_all(CHART, "charts => charts.map(c => c.__draws || 0)")


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page as ``tests/screenshots/<name>.png``.

    Streamlit scrolls inside its main area, not the document, so Playwright's full_page
    sees one screen only: grow the window to the content's height for the shot instead.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size or DESKTOP
    height = page.evaluate(
        """() => Math.max(...["stAppViewContainer", "stMain"]
            .map(id => document.querySelector(`[data-testid='${id}']`))
            .filter(Boolean).map(el => el.scrollHeight))"""
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    wait_charts(page)
    page.wait_for_timeout(200)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def sideways_overflow(page: Page) -> list[str]:
    """What sticks out past the right edge of the window, unclipped (the page would scroll
    sideways): up to 8 descriptions. Content that scrolls inside its own box is fine."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const clipped = el => {
                for (let up = el.parentElement; up; up = up.parentElement) {
                    if (up.getBoundingClientRect().right > width + 1) continue;
                    if (getComputedStyle(up).overflowX !== "visible") return true;
                }
                return false;
            };
            return Array.from(document.querySelectorAll("[data-testid='stMain'] *"))
                .filter(el => {
                    const box = el.getBoundingClientRect();
                    const style = getComputedStyle(el);
                    return box.right > width + 1 && box.width > 0 && box.height > 0
                        && style.visibility !== "hidden" && !clipped(el);
                })
                .slice(0, 8)
                .map(el => `${el.getAttribute("data-testid") || el.tagName.toLowerCase()}`
                    + ` "${(el.innerText || "").slice(0, 40)}"`
                    + ` ${Math.round(el.getBoundingClientRect().right - width)}px`);
        }"""
    )


def clipped_chart_text(page: Page) -> list[str]:
    """Text in a chart (tick labels, legend, notes) cut off at the chart's left or right
    edge, as when a margin is too narrow for the labels: up to 8 descriptions."""
    return page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector))
            .flatMap(chart => {
                const edge = chart.getBoundingClientRect();
                return Array.from(chart.querySelectorAll(".main-svg text"))
                    .filter(text => {
                        const box = text.getBoundingClientRect();
                        return box.width > 0 && text.textContent.trim() !== ""
                            && (box.left < edge.left - 1 || box.right > edge.right + 1);
                    })
                    .map(text => `"${text.textContent.slice(0, 30)}"`);
            })
            .slice(0, 8)""",
        CHART,
    )


def screenshots(page: Page, name: str) -> tuple[Path, Path]:
    """``<name>-desktop.png`` at 1280 px and ``<name>-phone.png`` at 390 px wide.

    Leaves the page at phone width.
    """
    page.set_viewport_size(DESKTOP)
    wait_charts(page)
    desktop = screenshot(page, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    wait_idle(page)  # charts re-measure themselves after a resize
    phone = screenshot(page, f"{name}-phone")
    return desktop, phone


def set_date(field: Locator, day: dt.date) -> None:
    """Type ``day`` into a ``st.date_input`` (its ``stDateInput`` locator) and commit it.

    The field is three spin buttons (year, month, day) with a calendar that pops up on
    click; it commits on blur, not on Enter. So: type, close the calendar, blur.
    """
    field.get_by_role("spinbutton", name="year").click()
    field.page.keyboard.type(f"{day:%Y%m%d}")
    field.page.keyboard.press("Escape")
    field.page.evaluate("document.activeElement && document.activeElement.blur()")
    wait_idle(field.page)


def nav_to(page: Page, link: str) -> None:
    """Follow the sidebar link ``link``, in the same session (as a person would)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    wait_idle(page)


def plotly_traces(page: Page) -> list[list[dict]]:
    """The traces of each plotly chart on the page as drawn: ``name``, ``x``, ``y``.

    Read from plotly's ``_fullData``, where numpy arrays sent as base64 are decoded.
    """
    page.wait_for_selector(f"{CHART} .main-svg")
    return page.eval_on_selector_all(
        f"{CHART}.js-plotly-plot",
        """plots => plots.map(plot => (plot._fullData || []).map(trace => ({
            name: trace.name,
            x: Array.from(trace.x || []),
            y: Array.from(trace.y || []),
        })))""",
    )


def trace_points(page: Page, name: str) -> list[tuple]:
    """The ``(x, y)`` points of every trace called ``name``, in any chart on the page."""
    return [
        (x, y)
        for chart in plotly_traces(page)
        for trace in chart
        if trace["name"] == name
        for x, y in zip(trace["x"], trace["y"], strict=True)
    ]


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the ``st.selectbox`` labelled ``label`` and wait for the rerun."""
    main(page).get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def refuse_dialogs(page: Page) -> list[str]:
    """Record and dismiss every alert, confirm or prompt the page opens: script that one
    person smuggled into a page must never run there. Returns the (growing) list of messages.
    """
    opened: list[str] = []

    def refuse(dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", refuse)
    return opened


def assert_inert(page: Page) -> None:
    """Fail if the page holds an image, handler or link that typed text could have made:
    an ``<img src=x>``, any ``on*=`` attribute, or a ``javascript:`` link (HTML or SVG)."""
    found = page.evaluate(
        """() => {
            const bad = [];
            for (const el of document.querySelectorAll("*")) {
                const tag = el.tagName.toLowerCase();
                if (tag === "img" && el.getAttribute("src") === "x") bad.push("<img src=x>");
                for (const attr of el.getAttributeNames()) {
                    const value = (el.getAttribute(attr) || "").replace(/[\\u0000-\\u0020]/g, "");
                    if (/^on/i.test(attr)) bad.push(`<${tag} ${attr}=...>`);
                    if (/href$/i.test(attr) && /^javascript:/i.test(value))
                        bad.push(`<${tag} ${attr}=${value}>`);
                }
            }
            return bad.slice(0, 8);
        }"""
    )
    assert not found, f"{page.url} holds markup made from typed text: {found}"


def create_share_link(
    page: Page, label: str, *, untick: Sequence[str] = (), tick: Sequence[str] = (), expiry: str
) -> str:
    """On the Share page (open already): make a link for ``label``, changing the default
    sections (``untick`` / ``tick`` are scope keys such as "goals"), and return the link
    the page shows."""
    main(page).get_by_label("Who is it for?").fill(label)
    for scope in [*untick, *tick]:
        box = page.locator(f".st-key-share_scope_{scope}")
        expect(box.get_by_role("checkbox")).to_be_checked(checked=scope in untick)  # the default
        box.locator("label").click()
        expect(box.get_by_role("checkbox")).to_be_checked(checked=scope in tick)
    choose(page, "Link works for", expiry)
    click(page, "Create link")
    expect_toast(page, f"Link for {label} is ready.")
    return main(page).get_by_test_id("stCode").inner_text().strip()


def headings(page: Page) -> list[str]:
    """The texts of the main area's headings (titles, headers, subheaders)."""
    return main(page).locator("h1, h2, h3, h4").all_inner_texts()


def pick_mood(page: Page, word: str) -> None:
    """Tap the face whose word is ``word`` (awful, bad, okay, good, great) on Today's form:
    each face is a radio a screen reader names by its word."""
    faces = main(page).get_by_role("radiogroup", name="How are you feeling?")
    faces.get_by_role("radio", name=word, exact=True).click()
    wait_idle(page)
