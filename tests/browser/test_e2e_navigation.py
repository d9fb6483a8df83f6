"""Getting around: the sidebar shows the app's pages, and a bookmarked page opens,
however a person arrives."""

import datetime as dt

import pytest
from e2e_support import goto, nav_to, title
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HIDDEN = {"app", "welcome", "shared"}  # the entry script and pages reached only by link


def sidebar_titles(page) -> list[str]:
    links = page.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()
    return [text.split()[-1] for text in links]  # drop the icon


def test_the_sidebar_leads_from_today_to_the_journey_and_back(page, person):
    goto(page, "/")
    expect(title(page)).to_contain_text("Today")
    titles = sidebar_titles(page)
    assert {"Today", "Journey"} <= set(titles)
    assert not HIDDEN & {t.lower() for t in titles}, titles
    nav_to(page, "Journey")
    expect(title(page)).to_contain_text("Your journey")
    nav_to(page, "Today")
    expect(title(page)).to_contain_text("Today")


def test_a_deep_link_opened_first_after_a_restart_gets_the_apps_navigation(empty_server, new_page):
    # A bookmark, a restored tab or a share link is often the first request a freshly
    # started server gets. It must run app.py, not the page file on its own.
    with empty_server.store() as store:
        store.journal(store.add_person("Robin").id).add_checkin(dt.date.today(), 4)
    page = new_page(empty_server)
    goto(page, "/today")
    expect(title(page)).to_contain_text("Today")
    titles = sidebar_titles(page)
    assert {"Today", "Journey"} <= set(titles) and not HIDDEN & {t.lower() for t in titles}, (
        f"The sidebar shows {titles}: Streamlit ran pages/today.py on its own, not app.py"
    )


@pytest.mark.parametrize("entries", [0, 1], ids=["new journal", "with entries"])
def test_bookmarked_today_and_journey_open_whatever_the_journal_holds(
    app_server, new_page, person, entries
):
    if entries:
        with app_server.store() as store:
            store.journal(person.id).add_checkin(dt.date.today(), 4)
    for path, heading in [("/today", "Today"), ("/journey", "Your journey")]:
        page = new_page()
        goto(page, path)  # fails on Streamlit's "Page not found"
        expect(title(page)).to_contain_text(heading)
