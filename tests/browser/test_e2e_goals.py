"""Goals in a real browser: make one, check it off with a check-in, fill in a past day."""

import datetime as dt

import pytest
from e2e_support import click, expect_toast, goto, main, nav_to, pick_mood, wait_idle
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def goal_card(page, goal_id: int):
    """The goal's bordered card: the innermost block holding its two-week strip."""
    strip = page.locator(f".st-key-goals_strip_{goal_id}")
    return main(page).get_by_test_id("stVerticalBlock").filter(has=strip).last


def test_a_goal_is_made_checked_off_today_and_filled_in_for_a_past_day(app_server, page, person):
    today = dt.date.today()
    earlier = today - dt.timedelta(days=3)
    goto(page, "/goals")
    main(page).get_by_label("What do you want to do?").fill("Walk 20 minutes")
    main(page).get_by_label("Why does it matter to you?").fill("Clears my head.")
    times = main(page).get_by_label("How many times")
    times.fill("4")
    times.press("Enter")
    wait_idle(page)
    click(page, "Add goal")

    expect_toast(page, "Goal added.")
    with app_server.store() as store:
        [goal] = store.journal(person.id).goals()
    assert (goal.title, goal.kind, goal.times, goal.per_days) == ("Walk 20 minutes", "habit", 4, 7)
    card = goal_card(page, goal.id)
    expect(card).to_contain_text("Walk 20 minutes")
    expect(card).to_contain_text("Why: Clears my head.")
    # A goal made a moment ago has no strength to show yet, only kind words.
    expect(card).to_contain_text("Just started: log a few days and its strength will show.")
    expect(card.get_by_test_id("stProgress")).to_have_count(0)

    nav_to(page, "Today")
    pick_mood(page, "good")
    done = main(page).get_by_role("toolbar", name="Goals done")
    done.get_by_role("button", name="Walk 20 minutes").click()
    click(page, "Save check-in")
    expect_toast(page, "Saved. Thanks for checking in.")
    with app_server.store() as store:
        logs = store.journal(person.id).goal_logs(goal.id)
    assert [(log.day, log.status) for log in logs] == [(today, "done")]

    nav_to(page, "Goals")
    card = goal_card(page, goal.id)
    strip = card.get_by_role("radiogroup", name="Last two weeks")
    expect(strip.get_by_role("radio", name=f"{today:%a %-d} ✅")).to_be_visible()
    strip.get_by_role("radio", name=f"{earlier:%a %-d} ·").click()
    wait_idle(page)
    expect(card.get_by_text(f"{earlier:%A %-d %B}")).to_be_visible()
    click(page, "Done ✅")

    expect_toast(page, "Nice. That counts.")
    expect(strip.get_by_role("radio", name=f"{earlier:%a %-d} ✅")).to_be_visible()
    # One done day barely moves a 4-a-week habit (under 1%); two show on the bar.
    expect(card.get_by_test_id("stProgress")).not_to_contain_text("Strength 0%")
    with app_server.store() as store:
        logs = store.journal(person.id).goal_logs(goal.id)
    assert [(log.day, log.status) for log in logs] == [(earlier, "done"), (today, "done")]

    # A small change of plan: edit the goal in its dialog.
    card.get_by_role("button", name="Edit", exact=True).click()
    dialog = page.get_by_test_id("stDialog")
    dialog.get_by_label("What").fill("Walk 15 minutes")
    dialog.get_by_role("button", name="Save changes").click()
    wait_idle(page)
    expect_toast(page, "Goal updated.")
    expect(page.get_by_test_id("stDialog")).to_have_count(0)
    expect(goal_card(page, goal.id)).to_contain_text("Walk 15 minutes")
    with app_server.store() as store:
        assert store.journal(person.id).goal(goal.id).title == "Walk 15 minutes"
