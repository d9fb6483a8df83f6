"""Your data in a real browser: bring a Daylio history in, and take a backup away."""

import json
from pathlib import Path

import pytest
from e2e_support import click, expect_toast, goto, main, nav_to, trace_points, wait_idle
from playwright.sync_api import expect

from tracker.backup import FORMAT

pytestmark = pytest.mark.browser

DAYLIO = Path(__file__).resolve().parents[1] / "fixtures" / "daylio_v2_full_date.csv"


def test_a_daylio_import_draws_on_the_journey_and_lands_in_the_backup(app_server, page, person):
    goto(page, "/data")
    page.locator(".st-key-data_upload_daylio input[type=file]").set_input_files(DAYLIO)
    wait_idle(page)
    preview = main(page).get_by_test_id("stAlert").filter(has_text="This Daylio file holds")
    expect(preview).to_contain_text("5 check-ins")
    expect(preview).to_contain_text("It runs from 29 Feb 2024 to 3 Mar 2024.")
    with app_server.store() as store:
        assert store.journal(person.id).checkins() == []  # a preview writes nothing

    click(page, "Import")
    expect_toast(page, "Added 5 check-ins")
    expect(main(page).get_by_text("Added 5 check-ins")).to_be_visible()

    nav_to(page, "Journey")
    # Two entries on 3 March (rad and meh) make one day: their mean, 4.
    assert trace_points(page, "Daily mood") == [
        ("2024-02-29", 2),
        ("2024-03-01", 1),
        ("2024-03-02", 4),
        ("2024-03-03", 4),
    ]

    nav_to(page, "Data")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a backup (.json)").click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["format"] == FORMAT
    assert sorted((c["day"], c["mood"]) for c in saved["checkins"]) == [
        ("2024-02-29", 2),
        ("2024-03-01", 1),
        ("2024-03-02", 4),
        ("2024-03-03", 3),
        ("2024-03-03", 5),
    ]
    notes = {c["note"] for c in saved["checkins"]}
    assert 'Lunch with Sam, then a long walk.\nFelt "light" again.' in notes
    assert download.value.suggested_filename.endswith(".json")
