"""The Journey in a real browser for every test journal (tests/journals.py), at desktop
and at 390 px: axis ticks in days (never a time of day) and no chart label on top of
another. Screenshots land in tests/screenshots/journey-<journal>-desktop.png / -phone.png.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from e2e_support import DESKTOP, PHONE, main, nav_to, screenshots, serving, wait_charts, wait_idle
from playwright.sync_api import Page, expect

from tests.journals import JOURNALS, seed

pytestmark = pytest.mark.browser

TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}|\b[AP]M\b", re.IGNORECASE)

# Every visible text of each chart, with its box on screen.
CHART_TEXTS = """
() => Array.from(document.querySelectorAll("[data-testid='trackerChart']")).map(chart =>
    Array.from(chart.querySelectorAll(".main-svg text"))
        .filter(text => {
            const box = text.getBoundingClientRect();
            const style = getComputedStyle(text);
            return text.textContent.trim() !== "" && box.width > 0 && box.height > 0
                && style.visibility !== "hidden" && style.display !== "none"
                && Number(style.opacity || 1) > 0;
        })
        .map(text => {
            const box = text.getBoundingClientRect();
            const kind = text.closest(".xtick") ? "xtick"
                : text.closest(".ytick") ? "ytick"
                : text.closest(".annotation") ? "annotation"
                : text.getAttribute("class") || "text";
            return {kind, text: text.textContent,
                    left: box.left, right: box.right, top: box.top, bottom: box.bottom};
        }))
"""


def overlaps(texts: list[dict]) -> list[str]:
    """Pairs of labels whose boxes cross by more than a pixel each way."""
    found = []
    for index, one in enumerate(texts):
        for other in texts[index + 1 :]:
            wide = min(one["right"], other["right"]) - max(one["left"], other["left"])
            tall = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
            if wide > 1 and tall > 1:
                found.append(f"{one['kind']} {one['text']!r} / {other['kind']} {other['text']!r}")
    return found


def check_labels(page: Page, name: str, width: str) -> None:
    wait_charts(page)
    charts = page.evaluate(CHART_TEXTS)
    assert charts, f"{name}: the Journey draws its charts"
    journey_ticks = [t["text"] for t in charts[0] if t["kind"] == "xtick"]
    assert journey_ticks, f"{name} at {width}: the journey chart has day labels"
    for number, texts in enumerate(charts):
        ticks = [t["text"] for t in texts if t["kind"] == "xtick"]
        hours = [tick for tick in ticks if TIME_OF_DAY.search(tick)]
        assert not hours, f"{name} at {width}, chart {number}: ticks in hours {hours}"
        # Two ticks with the same label would be hours in disguise (a day drawn twice).
        if number in (0, len(charts) - 1):
            assert len(ticks) == len(set(ticks)), f"{name} at {width}: repeated ticks {ticks}"
        crossed = overlaps(texts)
        assert not crossed, f"{name} at {width}, chart {number}: labels overlap: {crossed}"


@pytest.mark.parametrize("name", list(JOURNALS))
def test_the_journey_fits_each_history_at_desktop_and_phone_width(
    tmp_path, browser, new_page, name
):
    seeded: list[dt.date] = []
    with serving(
        tmp_path, seed=lambda store: seeded.append(seed(store, name)[1]), warm=browser
    ) as server:
        [last] = seeded
        page = new_page(server)
        page.goto("/")
        page.wait_for_selector("[data-testid='stMain']")
        wait_idle(page)
        nav_to(page, "Journey")
        welcome = main(page).get_by_text("Your last entry was on")
        if name == "long_ago":
            expect(welcome).to_be_visible()
        else:
            expect(welcome).to_have_count(0)
        page.set_viewport_size(DESKTOP)
        wait_idle(page)
        check_labels(page, name, "desktop")
        screenshots(page, f"journey-{name}")  # ends at phone width
        assert page.viewport_size == PHONE
        check_labels(page, name, "390 px")
        # Zoomed out to all the years, the labels still keep apart.
        buttons = page.locator("[data-testid='trackerChart'] .rangeselector .button")
        assert (buttons.count() >= 3) == (name in ("year_with_gap", "long_ago", "ten_years"))
        if buttons.count():
            buttons.filter(has_text="All").first.click()
            page.wait_for_function(
                """() => document.querySelector("[data-testid='trackerChart']")
                    .layout.xaxis.autorange === true"""
            )
            check_labels(page, name, "390 px, All")
            # "1M" then counts back from the last entry, not from today.
            buttons.filter(has_text="1M").first.click()
            page.wait_for_function(
                """() => document.querySelector("[data-testid='trackerChart']")
                    .layout.xaxis.autorange === false"""
            )
            start, end = page.evaluate(
                """() => document.querySelector("[data-testid='trackerChart']")
                    .layout.xaxis.range"""
            )
            shown_end = dt.date.fromisoformat(str(end)[:10])
            assert 0 <= (shown_end - last).days <= 40, f"{name}: 1M ends on {end}, not at {last}"
            check_labels(page, name, "390 px, 1M")
