"""Hosting for a group (`make serve`): nginx in front of two Streamlit workers."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from e2e_support import (
    click,
    expect_toast,
    goto,
    main,
    nav_to,
    pick_mood,
    serving,
    trace_points,
    wait_charts,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VISITORS = 4


@pytest.fixture(scope="module")
def group_server(tmp_path_factory, browser):
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        # Fail, never skip: `make test` installs nginx (as root) or says how.
        pytest.fail("Group hosting needs nginx: run 'sudo apt-get install nginx'.", pytrace=False)
    with serving(tmp_path_factory.mktemp("group"), workers=2) as server:
        yield server


def test_a_check_in_saved_on_one_worker_shows_for_visitors_on_every_worker(group_server, new_page):
    today = dt.date.today()
    yesterday = today - dt.timedelta(days=1)
    with group_server.store() as store:
        store.journal(store.add_person("Robin").id).add_checkin(yesterday, 2)
    # Each visitor is a new browser: nginx gives each its own cookie and so a worker at
    # random. With four, both workers have drawn (and cached) the journal but for one run
    # in eight; the checks below hold for any spread.
    visitors = [new_page(group_server) for _ in range(VISITORS)]
    for page in visitors:
        goto(page, "/journey")
        wait_charts(page)
        assert trace_points(page, "Daily mood") == [(yesterday.isoformat(), 2)]
        worker_cookie = [c for c in page.context.cookies() if c["name"] == "tracker_worker"]
        assert len(worker_cookie) == 1, "nginx keeps each visitor on one worker by a cookie"

    writer = visitors[0]
    nav_to(writer, "Today")
    pick_mood(writer, "good")
    click(writer, "Save check-in")
    expect_toast(writer, "Saved. Thanks for checking in.")

    for page in visitors:
        goto(page, "/journey")
        expect(main(page).get_by_test_id("trackerChart").first).to_be_visible()
        wait_charts(page)
        assert trace_points(page, "Daily mood") == [
            (yesterday.isoformat(), 2),
            (today.isoformat(), 4),
        ]
