"""First visit: the welcome, starting a journal, and looking around with demo data."""

import pytest
from e2e_support import click, expect_toast, goto, main, title
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_first_visit_opens_on_the_welcome(empty_server, new_page):
    page = new_page(empty_server)
    goto(page, "/")
    expect(title(page)).to_contain_text("Welcome")
    expect(page.get_by_role("button", name="Start my journal", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Explore with demo data")).to_be_visible()


def test_start_my_journal_opens_today_for_the_new_person(empty_server, new_page):
    page = new_page(empty_server)
    goto(page, "/")
    main(page).get_by_label("What should we call you?").fill("Sam")
    click(page, "Start my journal")
    expect(title(page)).to_contain_text("Today")
    expect_toast(page, "Welcome, Sam.")
    with empty_server.store() as store:
        assert [(p.name, p.is_demo) for p in store.people()] == [("Sam", False)]


def test_demo_data_opens_the_journey_with_a_chart(empty_server, new_page):
    page = new_page(empty_server)
    goto(page, "/")
    click(page, "Explore with demo data")
    expect(title(page)).to_contain_text("Your journey")
    expect_toast(page, "sample journal")
    expect(main(page).get_by_test_id("trackerChart").first).to_be_visible()
    with empty_server.store() as store:
        assert [p.is_demo for p in store.people()] == [True]
