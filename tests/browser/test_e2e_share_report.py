"""On a personal install (the default `make run`), sharing is a file: the Share page says
links open only where the app is reachable, offers the report first, and the report it
downloads speaks about the person by the name chosen for it."""

import datetime as dt
import html

import pytest
from e2e_support import goto, main, screenshot, wait_idle
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def owner(app_server, person):
    today = dt.date.today()
    with app_server.store() as store:
        journal = store.journal(person.id)
        for back in range(40, 0, -1):
            journal.add_checkin(today - dt.timedelta(days=back), 2 + back % 3)
    return person


def test_a_personal_install_offers_the_report_first_and_it_speaks_in_the_chosen_name(
    new_page, owner, tmp_path
):
    page = new_page(phone=True)
    goto(page, "/share")
    expect(main(page).get_by_text("the way to share it is a report")).to_be_visible()
    expect(main(page).get_by_text("Links open only where this app can be reached")).to_be_visible()
    report = main(page).get_by_role("heading", name="Download a report")
    link = main(page).get_by_role("heading", name="New link")
    assert report.bounding_box()["y"] < link.bounding_box()["y"]
    screenshot(page, "share-personal-install-phone")

    name = main(page).get_by_role("textbox", name="Your name on the report")
    expect(name).to_have_value(owner.name)
    name.fill("Sam")
    name.press("Enter")
    wait_idle(page)  # the download is made by the run that has the new name
    with page.expect_download() as download:
        main(page).get_by_role("button", name="Download report").click()
    assert download.value.suggested_filename.startswith("sam-journey-report-")
    path = tmp_path / "report.html"
    download.value.save_as(path)
    document = html.unescape(path.read_text())
    assert "Sam's journey" in document
    assert "Each dot is one of Sam's 40 logged days." in document
    assert "your mood" not in document.lower()
    assert owner.name not in document
    assert path.stat().st_size < 2.5 * 1024 * 1024
