"""A page opened at its own address (a bookmark, a reload, a peer's link) is told where
the server is (hosting/page_head.py): Streamlit connects at once instead of first asking
an address that isn't the server's, also when the app is hosted below a prefix."""

from __future__ import annotations

import pytest
from e2e_support import COUNT_DRAWS, chart_draws, goto, run_server, wait_idle
from playwright.sync_api import expect

from tracker import open_store
from tracker.demo import create_demo_person

pytestmark = pytest.mark.browser


def health_checks(page, path: str) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "_stcore/health" in r.url else None)
    goto(page, path)
    wait_idle(page)
    return asked


def test_pages_at_their_own_address_ask_the_server_where_it_is(app_server, new_page):
    for path in ("/today", "/journal", "/"):
        page = new_page()
        assert health_checks(page, path) == [f"{app_server.url}/_stcore/health"], path


def test_below_a_prefix_the_journey_connects_there_and_draws_its_charts(tmp_path, browser):
    db_path = tmp_path / "tracker.db"
    with open_store(db_path) as store:
        create_demo_person(store, years=1)
    with run_server(db_path, tmp_path / "server.log", base="tracker") as server:
        context = browser.new_context(base_url=server.url.rsplit("/tracker", 1)[0])
        context.add_init_script(COUNT_DRAWS)
        try:
            goto(context.new_page(), "/tracker/")  # the server learns its navigation
            page = context.new_page()
            assert health_checks(page, "/tracker/journey") == [f"{server.url}/_stcore/health"]
            expect(page.locator("h1", has_text="Your journey")).to_be_visible()
            assert chart_draws(page) == [1, 1, 1, 1]
        finally:
            context.close()
