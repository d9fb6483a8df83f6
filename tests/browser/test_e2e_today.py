"""The Today page in a real browser: a check-in, a missed day, a setback on a hard day."""

import datetime as dt

import pytest
from e2e_support import (
    click,
    expect_toast,
    main,
    nav_to,
    open_page,
    pick_mood,
    set_date,
    title,
    trace_points,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def walker(app_server, person):
    """A person with one self-care activity, Walk; the page opens on their journal."""
    with app_server.store() as store:
        store.journal(person.id).add_activity("Walk", emoji="🚶")
    return person


def test_a_check_in_shows_as_todays_entry_and_on_the_journey(app_server, page, walker):
    today = dt.date.today()
    open_page(page, "Today")
    pick_mood(page, "good")
    main(page).get_by_role("toolbar", name="Self-care").get_by_role("button", name="Walk").click()
    main(page).get_by_label("A note for yourself (optional)").fill("Went out in the rain.")
    click(page, "Save check-in")

    expect_toast(page, "Saved. Thanks for checking in.")
    # After: today's entry, with Edit, and no second form.
    today_card = (
        main(page)
        .get_by_test_id("stVerticalBlock")
        .filter(has=page.get_by_role("button", name="Edit", exact=True))
    )
    expect(main(page).get_by_text("You checked in today")).to_be_visible()
    expect(today_card.get_by_text("Went out in the rain.").first).to_be_visible()
    expect(page.get_by_role("button", name="Save check-in")).to_have_count(0)
    # Once: in today's card, not again in the list of earlier entries below it.
    expect(main(page).get_by_text("Went out in the rain.")).to_have_count(1)

    with app_server.store() as store:
        journal = store.journal(walker.id)
        [saved] = journal.checkins()
        walk = journal.activity_named("Walk")
        assert (saved.day, saved.mood, saved.note) == (today, 4, "Went out in the rain.")
        assert walk is not None and journal.day_activities(today) == {walk.id}

    nav_to(page, "Journey")
    expect(title(page)).to_contain_text("Your journey")
    expect(main(page).get_by_test_id("trackerChart").first).to_be_visible()
    assert trace_points(page, "Daily mood") == [(today.isoformat(), 4)]


def test_a_missed_day_can_be_filled_in_later(app_server, page, person):
    earlier = dt.date.today() - dt.timedelta(days=3)
    open_page(page, "Today")
    set_date(main(page).get_by_test_id("stDateInput"), earlier)
    expect(main(page).get_by_text(f"Filling in {earlier:%A %-d %B}")).to_be_visible()
    pick_mood(page, "okay")
    click(page, "Save check-in")

    expect_toast(page, "Saved")
    expect(main(page).get_by_text(f"{earlier:%a %-d %b %Y}")).to_be_visible()
    # A past day filled in: today still waits for its own check-in.
    expect(page.get_by_role("button", name="Save check-in")).to_be_visible()
    with app_server.store() as store:
        assert [(c.day, c.mood) for c in store.journal(person.id).checkins()] == [(earlier, 3)]


def test_saving_without_a_face_asks_kindly_and_stores_nothing(app_server, page, person):
    open_page(page, "Today")
    main(page).get_by_label("A note for yourself (optional)").fill("Not sure how I feel.")
    click(page, "Save check-in")
    expect(main(page).get_by_text("Pick a face for how you feel")).to_be_visible()
    # What was typed is still there, ready to save once a face is picked.
    expect(main(page).get_by_label("A note for yourself (optional)")).to_have_value(
        "Not sure how I feel."
    )
    with app_server.store() as store:
        assert store.journal(person.id).checkins() == []


def test_a_setback_is_logged_through_the_dialog_and_marked_on_the_journey(app_server, page, person):
    today = dt.date.today()
    with app_server.store() as store:
        store.journal(person.id).add_checkin(today, 2)
    open_page(page, "Today")
    click(page, "Having a hard day? Log a setback")
    dialog = page.get_by_test_id("stDialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("What happened?").fill("Skipped the gym and snapped at a friend.")
    dialog.get_by_label("What helped, even a little?").fill("A walk and an apology.")
    dialog.get_by_label("What might you try next time?").fill("Eat lunch before noon.")
    dialog.get_by_role("button", name="Save this note").click()

    expect_toast(page, "Being honest about a hard day")
    expect(dialog).to_have_count(0)
    with app_server.store() as store:
        [setback] = store.journal(person.id).setbacks()
    assert setback.day == today
    assert setback.what_happened == "Skipped the gym and snapped at a friend."
    assert setback.what_helped == "A walk and an apology."
    assert setback.try_next == "Eat lunch before noon."

    nav_to(page, "Journey")
    # Marked on its day, along the bottom under the day's mood dot.
    assert [day for day, _ in trace_points(page, "Setback you noted")] == [today.isoformat()]
