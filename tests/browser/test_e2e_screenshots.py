"""Every main page draws without an error on a year of data, at desktop and phone width.

Screenshots land in tests/screenshots/<name>-desktop.png and <name>-phone.png for a
person to look at. A new page: add its sidebar title to MAIN_PAGES.
"""

import pytest
from e2e_support import (
    DESKTOP,
    clipped_chart_text,
    goto,
    nav_to,
    screenshots,
    sideways_overflow,
    title,
    wait_idle,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# (screenshot name, sidebar title; None: open "/welcome", which is not in the sidebar)
MAIN_PAGES = [
    ("welcome", None),
    ("today", "Today"),
    ("journal", "Your journal"),
    ("journey", "Journey"),
    ("goals", "Goals"),
    ("selfcare", "Self-care"),
    ("share", "Share"),
    ("peers", "Peers"),
    ("data", "Data"),
]


@pytest.mark.parametrize(("name", "link"), MAIN_PAGES, ids=[name for name, _ in MAIN_PAGES])
def test_each_main_page_draws_at_desktop_and_phone_width(demo_server, new_page, name, link):
    page = new_page(demo_server)
    # Start from /welcome, which is quick and never the default page, then follow the
    # sidebar: a page's own URL is "/" while it is the default one.
    goto(page, "/welcome")
    if link is not None:
        nav_to(page, link)  # fails with the traceback if the page shows an error
    expect(title(page)).to_be_visible()
    screenshots(page, name)
    # Nothing may stick out sideways on a phone: people journal on their phones.
    too_wide = sideways_overflow(page)
    assert not too_wide, f"On a 390px phone, parts of {name} are wider than the screen: {too_wide}"
    # Charts set their own margins (tracker/charts.py): every label must fit in them.
    cut_off = clipped_chart_text(page)
    assert not cut_off, f"On a phone, chart labels of {name} are cut off: {cut_off}"
    page.set_viewport_size(DESKTOP)
    wait_idle(page)
    cut_off = clipped_chart_text(page)
    assert not cut_off, f"On a desktop, chart labels of {name} are cut off: {cut_off}"
