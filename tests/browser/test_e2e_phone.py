"""On a phone: the home-screen manifest the page links to, its icons, and the reminder file."""

import datetime as dt
import json
import urllib.parse

import icalendar
import pytest
from e2e_support import goto, main, nav_to, serving, title
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def manifest_link(page) -> str:
    """The manifest's URL from the document head, once the app has added it."""
    page.wait_for_function("() => document.head.querySelector('link[rel=manifest]')")
    return page.evaluate("document.head.querySelector('link[rel=manifest]').href")


def image_size(page, url: str) -> list[int]:
    """Load ``url`` as an image in the page; its natural size (fails if it can't load)."""
    return page.evaluate(
        """url => new Promise((resolve, reject) => {
            const image = new Image();
            image.onload = () => resolve([image.naturalWidth, image.naturalHeight]);
            image.onerror = () => reject(new Error("the icon did not load: " + url));
            image.src = url;
        })""",
        url,
    )


def test_the_page_links_a_manifest_that_opens_today_full_screen_with_icons(
    app_server, new_page, person
):
    page = new_page(phone=True)
    goto(page, "/today")
    href = manifest_link(page)
    response = page.request.get(href)
    assert response.ok, href
    manifest = json.loads(response.body())

    assert manifest["name"] == "Resilience Tracker" and manifest["short_name"]
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#365f6c"
    start = urllib.parse.urljoin(href, manifest["start_url"])
    assert start == f"{app_server.url}/today"
    sizes = {icon["sizes"]: urllib.parse.urljoin(href, icon["src"]) for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= set(sizes)
    for size, url in sizes.items():
        assert image_size(page, url) == [int(n) for n in size.split("x")]

    apple = page.evaluate("document.head.querySelector('link[rel=apple-touch-icon]').href")
    assert image_size(page, apple) == [180, 180]
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content") == "#365f6c"
    # Added once, however many pages the person walks through.
    desktop = new_page()
    goto(desktop, "/today")
    manifest_link(desktop)
    nav_to(desktop, "Journey")
    expect(title(desktop)).to_contain_text("journey")
    assert desktop.evaluate("document.querySelectorAll('link[rel=manifest]').length") == 1

    # The home-screen icon's address opens Today.
    opened = new_page(phone=True)
    goto(opened, start)
    expect(title(opened)).to_contain_text("Today")


def test_the_reminder_downloads_from_today_as_a_calendar_file(app_server, new_page, person):
    page = new_page(phone=True)
    goto(page, "/today")
    reminder = main(page).get_by_test_id("stExpander").filter(has_text="Remind me every day")
    reminder.locator("summary").click()
    with page.expect_download() as download:
        reminder.get_by_role("button", name="Download the reminder").click()
    data = download.value.path().read_bytes()
    assert download.value.suggested_filename == "check-in-reminder.ics"

    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert event["rrule"]["FREQ"] == ["DAILY"]
    assert event.decoded("dtstart").time() == dt.time(20, 30)
    assert event.walk("VALARM")
    assert str(event["url"]) == f"{app_server.url}/today"


def test_hosted_for_a_group_the_manifest_and_icons_come_through_nginx(tmp_path, browser, new_page):
    with serving(tmp_path, workers=2, seed=lambda store: store.add_person("Robin")) as server:
        page = new_page(server, phone=True)
        goto(page, "/today")
        href = manifest_link(page)
        manifest = json.loads(page.request.get(href).body())
        assert urllib.parse.urljoin(href, manifest["start_url"]) == f"{server.url}/today"
        icon = next(i for i in manifest["icons"] if i["sizes"] == "512x512")
        assert image_size(page, urllib.parse.urljoin(href, icon["src"])) == [512, 512]
