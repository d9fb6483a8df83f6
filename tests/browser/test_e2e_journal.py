"""Issue 13 in a real browser, at desktop width and on a 390 px phone: Today before and
after the check-in, hard days with a support plan, and Your journal (search, editing,
deleting, setbacks reread). Screenshots of each state land in tests/screenshots/."""

import datetime as dt

import pytest
from e2e_support import (
    PHONE,
    click,
    expect_toast,
    goto,
    main,
    nav_to,
    pick_mood,
    screenshot,
    set_date,
    sideways_overflow,
    title,
    wait_idle,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TODAY = dt.date.today()
WIDTHS = ["desktop", "phone"]


@pytest.fixture(params=WIDTHS)
def width(request) -> str:
    return request.param


@pytest.fixture
def visitor(new_page, width):
    return new_page(phone=width == "phone")


def dialog(page):
    return page.get_by_test_id("stDialog")


def test_today_before_and_after_the_check_in(app_server, visitor, person, width):
    page = visitor
    with app_server.store() as store:
        store.journal(person.id).add_activity("Walk", emoji="🚶")
    goto(page, "/")  # no check-in today: "/" opens Today
    expect(title(page)).to_contain_text("Today")
    faces = main(page).get_by_role("radiogroup", name="How are you feeling?")
    words = ["awful", "bad", "okay", "good", "great"]
    for word in words:  # read by the word, at least 44 × 44 px, all on screen
        box = faces.get_by_role("radio", name=word, exact=True).bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (word, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    screenshot(page, f"today-before-{width}")

    pick_mood(page, "good")
    main(page).get_by_role("toolbar", name="Self-care").get_by_role("button", name="Walk").click()
    main(page).get_by_label("A note for yourself (optional)").fill("Tea with Ana")
    click(page, "Save check-in")
    expect_toast(page, "Saved. Thanks for checking in.")
    expect(main(page).get_by_text("You checked in today")).to_be_visible()
    expect(page.get_by_role("button", name="Save check-in")).to_have_count(0)
    expect(main(page).get_by_text("Tea with Ana").first).to_be_visible()
    expect(page.get_by_role("button", name="Add another check-in")).to_be_visible()
    assert not sideways_overflow(page)
    screenshot(page, f"today-after-{width}")

    # Several a day stay possible.
    click(page, "Add another check-in")
    pick_mood(page, "great")
    click(page, "Save check-in")
    expect(main(page).get_by_text("You checked in today")).to_be_visible()
    with app_server.store() as store:
        assert [c.mood for c in store.journal(person.id).day_checkins(TODAY)] == [4, 5]

    # Checked in today: "/" now opens the Journey.
    goto(page, "/")
    expect(title(page)).to_contain_text("Your journey")


def test_a_hard_day_shows_kind_words_and_the_support_plan(
    app_server, visitor, person, width, monkeypatch
):
    page = visitor
    with app_server.store() as store:
        store.journal(person.id).add_setback(
            TODAY - dt.timedelta(days=30), "Rough week", "Talking to my sister"
        )
    goto(page, "/today")
    pick_mood(page, "awful")
    click(page, "Save check-in")
    panel = main(page).locator(".st-key-hard_day_panel")
    expect(panel).to_contain_text("Go gently today")
    expect(panel).to_contain_text("Talking to my sister")
    expect(panel).to_contain_text("call your local emergency number")

    click(page, "Make my support plan")
    plan = dialog(page)
    expect(plan.get_by_role("textbox", name="Things that help (one a line)")).to_have_value(
        "Talking to my sister"
    )
    plan.get_by_placeholder("Name").first.fill("Ana")
    plan.get_by_placeholder("Call, text, visit…").first.fill("call 0123")
    plan.get_by_role("textbox", name="Crisis line").fill("My local line 555")
    plan.get_by_role("button", name="Save my plan").click()
    wait_idle(page)
    expect(panel).to_contain_text("Ana")
    expect(panel).to_contain_text("call 0123")
    expect(panel).to_contain_text("My local line 555")
    assert not sideways_overflow(page)
    screenshot(page, f"today-hard-day-{width}")

    click(page, "Write a setback reflection")
    dialog(page).get_by_label("What happened?").fill("Bad news from home")
    dialog(page).get_by_role("button", name="Save this note").click()
    expect_toast(page, "Being honest about a hard day")
    with app_server.store() as store:
        journal = store.journal(person.id)
        assert journal.setbacks()[0].what_happened == "Bad news from home"
        assert journal.support_plan().contacts[0].name == "Ana"


@pytest.fixture
def written(app_server, person):
    """Three days of Robin's journal: notes, a walk, a goal done, a setback."""
    with app_server.store() as store:
        journal = store.journal(person.id)
        walk = journal.add_activity("Walk", emoji="🚶")
        read = journal.add_activity("Read", emoji="📖")
        goal = journal.add_goal("Stretch")
        days = [TODAY - dt.timedelta(days=n) for n in (9, 6, 2)]
        ids = [
            journal.add_checkin(days[0], 4, "Coffee at the Café with Zoë", activities=[walk.id]).id,
            journal.add_checkin(days[1], 2, "A slow grey day", goals_done=[goal.id]).id,
            journal.add_checkin(days[2], 5, "Swimming with friends").id,
        ]
        journal.add_setback(days[1], "An argument at work", "A long bath", "Pause first")
    return {"ids": ids, "days": days, "walk": walk.id, "read": read.id}


def open_journal(page) -> None:
    if page.viewport_size == PHONE:
        goto(page, "/journal")  # a bookmark: the phone's sidebar is folded away
    else:
        goto(page, "/")
        nav_to(page, "Your journal")
    expect(title(page)).to_contain_text("Your journal")


def test_search_narrows_the_journal_to_one_entry(visitor, person, written, width):
    page = visitor
    open_journal(page)
    opens = main(page).get_by_role("button", name="Open", exact=True)
    expect(opens).to_have_count(3)
    search = main(page).get_by_role("textbox", name="Search your journal")
    search.fill("cafe zoe")  # no accents, any case
    search.press("Enter")
    wait_idle(page)
    expect(opens).to_have_count(1)
    expect(main(page).get_by_text("Coffee at the Café with Zoë")).to_be_visible()
    expect(main(page).get_by_text("Found 1 check-in on 1 day.")).to_be_visible()
    assert not sideways_overflow(page)
    screenshot(page, f"journal-search-{width}")


def test_an_entrys_day_and_self_care_are_edited_from_the_journal(
    app_server, visitor, person, written, width
):
    page = visitor
    open_journal(page)
    first = main(page).get_by_role("button", name="Open", exact=True).first  # the newest
    first.click()
    wait_idle(page)
    edit = dialog(page)
    new_day = written["days"][2] - dt.timedelta(days=1)
    set_date(edit.get_by_test_id("stDateInput"), new_day)
    edit.get_by_role("heading", name="Edit this check-in").click()  # close the calendar
    wait_idle(page)
    edit.get_by_role("toolbar", name="What you did that day").get_by_role(
        "button", name="Read"
    ).click()
    wait_idle(page)
    screenshot(page, f"journal-edit-{width}")
    edit.get_by_role("button", name="Save changes").click()
    expect_toast(page, "Updated.")
    expect(dialog(page)).to_have_count(0)
    expect(main(page).get_by_text(f"{new_day:%A %-d %B %Y}")).to_be_visible()
    with app_server.store() as store:
        journal = store.journal(person.id)
        moved = journal.checkin(written["ids"][2])
        assert moved.day == new_day
        assert journal.day_activities(new_day) == {written["read"]}


def test_deleting_a_days_last_entry_with_and_without_its_logs(
    app_server, visitor, person, written, width
):
    page = visitor
    open_journal(page)
    opens = main(page).get_by_role("button", name="Open", exact=True)
    # The oldest day (a walk logged): keep its logs.
    opens.last.click()
    wait_idle(page)
    dialog(page).get_by_role("button", name="Delete…").click()
    wait_idle(page)
    expect(dialog(page)).to_contain_text("That day also has 1 self-care log.")
    screenshot(page, f"journal-delete-{width}")
    dialog(page).get_by_role("button", name="Delete the check-in, keep the day's logs").click()
    expect_toast(page, "Deleted.")
    expect(opens).to_have_count(2)
    # The middle day (a goal done): remove its logs too.
    opens.last.click()
    wait_idle(page)
    dialog(page).get_by_role("button", name="Delete…").click()
    wait_idle(page)
    dialog(page).get_by_role("button", name="Delete the check-in and the day's logs").click()
    expect(opens).to_have_count(1)
    with app_server.store() as store:
        journal = store.journal(person.id)
        assert journal.day_log_counts(written["days"][0]) == (1, 0)
        assert journal.day_log_counts(written["days"][1]) == (0, 0)


def test_a_past_setback_is_reread_with_its_three_reflections(visitor, person, written, width):
    page = visitor
    open_journal(page)
    main(page).get_by_role("radio", name="Setbacks", exact=True).click()
    wait_idle(page)
    panel = main(page)
    for words in ("An argument at work", "A long bath", "Pause first", "1 setback note."):
        expect(panel.get_by_text(words, exact=False).first).to_be_visible()
    assert not sideways_overflow(page)
    screenshot(page, f"journal-setbacks-{width}")


def test_the_phone_width_is_390(visitor, width):
    # The phone runs of this file are at the width people journal on.
    if width == "phone":
        assert visitor.viewport_size == PHONE
