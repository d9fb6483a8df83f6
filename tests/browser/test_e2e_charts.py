"""The app's own chart component (chart_view.py, issue 16) in a real browser, on ten
years of demo data: plotly.js comes once from the app itself with a year-long cache,
each chart is drawn once (and again only when its figure changes), charts fill a 390 px
phone and a desktop with no label cut off, hover and the range buttons work.
"""

from __future__ import annotations

import pytest
from e2e_support import (
    CHART,
    DESKTOP,
    PHONE,
    chart_draws,
    clipped_chart_text,
    goto,
    nav_to,
    serving,
    wait_charts,
    wait_idle,
)
from playwright.sync_api import Page, expect

from tracker.demo import create_demo_person
from ui import chart_view

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def decade_server(tmp_path_factory, browser):
    """A server whose only journal is ten years of demo data (daily check-ins, habits)."""
    with serving(
        tmp_path_factory.mktemp("decade"),
        seed=lambda store: create_demo_person(store, years=10),
        warm=browser,
    ) as server:
        yield server


def plotly_scripts(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "script[src]", "scripts => scripts.map(s => s.src).filter(src => /plotly/.test(src))"
    )


def chart_boxes(page: Page) -> list[dict]:
    """Each chart's width, and the width and height of the SVG plotly drew in it."""
    wait_charts(page)
    return page.eval_on_selector_all(
        CHART,
        """charts => charts.map(chart => {
            const svg = chart.querySelector(".main-svg").getBoundingClientRect();
            return {chart: chart.getBoundingClientRect().width, svg: svg.width,
                    height: svg.height, right: svg.right};
        })""",
    )


def expect_fully_drawn(page: Page, width: str) -> None:
    """Every chart fills its column, fits the window and has no label cut off."""
    window = page.viewport_size["width"]
    for box in chart_boxes(page):
        assert abs(box["svg"] - box["chart"]) <= 1, f"{width}: a chart is not redrawn to fit: {box}"
        assert box["right"] <= window + 1 and box["height"] > 150, f"{width}: {box}"
    cut_off = clipped_chart_text(page)
    assert not cut_off, f"At {width}, chart labels are cut off: {cut_off}"


def test_ten_years_of_journey_draw_each_chart_once_with_the_apps_own_plotly(
    decade_server, new_page
):
    page = new_page(decade_server)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    goto(page, "/journey")
    assert chart_draws(page) == [1, 1, 1, 1]  # journey, bounce-back, year in pixels, strength

    # plotly.js once, from this server under its versioned name; nothing from elsewhere.
    [script] = plotly_scripts(page)
    assert script == decade_server.url + chart_view.served_bundle().path
    assert "-4.1.1-" in script and script.endswith(".min.js")
    assert [url for url in requests if "plotly" in url] == [script]
    elsewhere = [url for url in requests if url.startswith("http") and decade_server.url not in url]
    assert not elsewhere, elsewhere
    response = page.request.get(script)
    assert response.ok
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["content-type"].startswith("text/javascript")
    assert "plotly.js (bar, heatmap, scatter" in response.text()[:300]  # the small one (make)

    expect_fully_drawn(page, "desktop")
    page.set_viewport_size(PHONE)
    wait_idle(page)
    expect_fully_drawn(page, "390 px")
    page.set_viewport_size(DESKTOP)
    wait_idle(page)
    expect_fully_drawn(page, "desktop again")
    # Resizing re-lays the charts out; nothing is drawn from scratch.
    assert chart_draws(page) == [1, 1, 1, 1]


def test_a_new_year_in_pixels_redraws_that_chart_only(decade_server, new_page):
    page = new_page(decade_server)
    goto(page, "/journey")
    assert chart_draws(page) == [1, 1, 1, 1]
    calendar = page.locator(CHART).nth(2)
    shown = page.evaluate(f"() => document.querySelectorAll(`{CHART}`)[2].data[0].name")
    earlier = str(int(shown) - 1)
    years = page.get_by_test_id("stSelectbox").filter(has_text="Year")
    years.scroll_into_view_if_needed()  # scrolling while it opens closes it again
    years.click()
    page.wait_for_selector("[role=option]")
    page.keyboard.press("ArrowDown")  # the year before the one shown (newest first)
    page.keyboard.press("Enter")
    wait_idle(page)
    page.wait_for_function(
        "([selector, year]) => document.querySelectorAll(selector)[2].data[0].name === year",
        arg=[CHART, earlier],
    )
    expect(calendar).to_be_visible()
    assert chart_draws(page) == [1, 1, 1, 1]  # the new calendar drawn once, the rest kept
    # Walking to another page and back loads plotly.js no second time.
    nav_to(page, "Today")
    nav_to(page, "Journey")
    assert chart_draws(page) == [1, 1, 1, 1]
    assert len(plotly_scripts(page)) == 1


HOVER_POINT = """([selector, name]) => {
    const chart = document.querySelector(selector);
    const trace = chart._fullData.find(t => t.name === name);
    const xa = chart._fullLayout.xaxis, ya = chart._fullLayout.yaxis;
    const last = trace.x.length - 1;
    const box = chart.getBoundingClientRect();
    return {x: box.left + xa._offset + xa.l2p(xa.d2l(trace.x[last])),
            y: box.top + ya._offset + ya.l2p(ya.d2l(trace.y[last]))};
}"""


def test_hover_and_the_range_buttons_work_on_a_phone(decade_server, new_page):
    page = new_page(decade_server, phone=True)
    goto(page, "/journey")
    wait_charts(page)
    journey = page.locator(CHART).first
    journey.scroll_into_view_if_needed()
    point = page.evaluate(HOVER_POINT, [CHART, "Daily mood"])
    page.mouse.move(point["x"], point["y"])
    label = journey.locator(".hoverlayer .hovertext")
    expect(label).to_contain_text("mood")
    # "1M" narrows the view to the last month, "All" opens all ten years.
    journey.locator(".rangeselector .button").filter(has_text="1M").click()
    page.wait_for_function(
        f"() => document.querySelector(`{CHART}`).layout.xaxis.autorange === false"
    )
    start, end = page.evaluate(f"() => document.querySelector(`{CHART}`).layout.xaxis.range")
    assert (_day(end) - _day(start)).days <= 32
    journey.locator(".rangeselector .button").filter(has_text="All").click()
    page.wait_for_function(
        f"() => document.querySelector(`{CHART}`).layout.xaxis.autorange === true"
    )
    start, end = page.evaluate(f"() => document.querySelector(`{CHART}`)._fullLayout.xaxis.range")
    assert (_day(end) - _day(start)).days > 9 * 365
    assert chart_draws(page)[0] == 1


def _day(value: str):
    import datetime as dt

    return dt.date.fromisoformat(str(value)[:10])


def test_when_plotly_js_cannot_load_the_chart_says_so_kindly_and_tries_again(
    decade_server, new_page
):
    page = new_page(decade_server)
    page.route("**/assets/plotly*", lambda route: route.abort())
    goto(page, "/journey")
    journey = page.locator(CHART).first
    expect(journey).to_contain_text("This chart couldn't load just now.")
    expect(page.get_by_test_id("stCaptionContainer").first).to_be_visible()  # its summary
    # The network is back: the next visit to the page draws it (the chart is one image
    # again, with nothing of the message left).
    page.unroute("**/assets/plotly*")
    nav_to(page, "Today")
    nav_to(page, "Journey")
    wait_charts(page)
    expect(page.locator(CHART).first).not_to_contain_text("couldn't load")
    assert chart_draws(page) == [1, 1, 1, 1]


def test_today_never_loads_plotly_and_journey_loads_it_once_when_walked_to(decade_server, new_page):
    page = new_page(decade_server)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    goto(page, "/today")
    wait_idle(page)
    assert plotly_scripts(page) == []  # the check-in page stays light
    assert not [url for url in requests if "plotly" in url]
    nav_to(page, "Journey")  # no page load: the chart component fetches it
    assert chart_draws(page) == [1, 1, 1, 1]
    assert len(plotly_scripts(page)) == 1
    assert len([url for url in requests if "plotly" in url]) == 1


def test_opened_at_its_address_the_journey_fetches_plotly_early_and_copes_if_that_fails(
    decade_server, new_page
):
    page = new_page(decade_server)
    failed: list[str] = []

    def fail_once(route):
        if failed:
            route.continue_()
        else:
            failed.append(route.request.url)
            route.abort()

    page.route("**/assets/plotly*", fail_once)
    goto(page, "/journey")
    # The page's head asked for it before Streamlit placed any chart (hosting/page_head.py);
    # that failed, so the first chart fetched it itself, and every chart was drawn once.
    assert page.locator("head link[rel=preload][as=script]").count() == 1
    assert chart_draws(page) == [1, 1, 1, 1]
    assert len(failed) == 1 and len(plotly_scripts(page)) == 1
