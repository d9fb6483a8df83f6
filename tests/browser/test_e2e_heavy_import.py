"""Two people preview years of Daylio on a real server; a third person's page still draws.

The server runs only ui.SCRIPTS_AT_ONCE scripts at a time. Two big previews used to hold
both turns, so every other visitor's page waited for one of them to end.
"""

import pytest
from e2e_support import IDLE, goto, main, wait_idle
from playwright.sync_api import expect

import ui

pytestmark = pytest.mark.browser

RUNNING = "[data-testid='stApp'][data-test-script-state='running']"


def _years_of_daylio() -> bytes:
    from bench.bench_import import daylio_export

    lines = daylio_export(10).splitlines(keepends=True)
    return lines[0] + b"".join(lines[1:]) * 8  # eight entries a day for ten years


def test_a_page_draws_while_two_people_preview_years_of_daylio(
    app_server, new_page, person, tmp_path
):
    assert ui.SCRIPTS_AT_ONCE == 2  # two previews are enough to take every turn
    upload = tmp_path / "daylio_export.csv"
    upload.write_bytes(_years_of_daylio())
    importers = [new_page(), new_page()]
    for page in importers:
        goto(page, "/data")
    for page in importers:
        page.locator(".st-key-data_upload_daylio input[type=file]").set_input_files(upload)
    for page in importers:
        page.wait_for_selector(RUNNING, timeout=30_000)  # both previews are under way

    other = new_page()
    goto(other, "/today")
    # The page is drawn and its script run is over ...
    expect(main(other).get_by_role("heading", level=1)).to_be_visible()
    # ... while both previews were still running: it didn't wait for their turns.
    still_running = [page.locator(IDLE).count() == 0 for page in importers]
    assert still_running == [True, True]

    for page in importers:
        wait_idle(page, timeout=120_000)
        preview = main(page).get_by_test_id("stAlert").filter(has_text="This Daylio file holds")
        expect(preview).to_be_visible()
    with app_server.store() as store:
        assert store.journal(person.id).checkins() == []  # previews write nothing
