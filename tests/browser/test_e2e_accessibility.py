"""WCAG 2.1 AA in a real browser (issue 20): axe-core's A and AA rules on every page, at
desktop width and on a 390 px phone, in the states people meet: the first visit, a demo
year on each page, a hard day with its support plan, a dialog open, and a peer's shared
view. Any violation of impact serious or critical fails, naming the rule and the element.
"""

import datetime as dt
import re

import pytest
from axe_core import describe, serious_violations
from e2e_support import (
    DESKTOP,
    PHONE,
    click,
    expect_toast,
    goto,
    main,
    nav_to,
    pick_mood,
    title,
    wait_charts,
    wait_idle,
)
from playwright.sync_api import Page, expect

from tracker import sharing

pytestmark = pytest.mark.browser

DEMO_PAGES = ["Today", "Your journal", "Journey", "Goals", "Self-care", "Share", "Peers", "Data"]


class Audit:
    """Runs axe on a page at both widths and gathers every problem, so one run names them all."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def check(self, page: Page, where: str) -> None:
        for name, size in (("desktop", DESKTOP), ("390 px", PHONE)):
            if page.viewport_size != size:
                page.set_viewport_size(size)
                wait_idle(page)  # charts re-measure themselves after a resize
            wait_charts(page)
            found = serious_violations(page)
            if found:
                self.problems.append(f"{where}, {name}:\n{describe(found)}")
        page.set_viewport_size(DESKTOP)

    def assert_clean(self) -> None:
        assert not self.problems, "axe-core (WCAG 2.1 A/AA) found:\n\n" + "\n\n".join(self.problems)


def expect_charts_described(page: Page, count: int) -> None:
    """Each chart is one image for a screen reader, named by the heading above it and
    described by the summary shown under it (readable without hovering anything)."""
    charts = main(page).get_by_test_id("trackerChart")
    expect(charts).to_have_count(count)
    for chart in charts.all():
        expect(chart).to_have_attribute("role", "img")
        expect(chart).to_have_accessible_name(re.compile(r"^Chart: \S"))
        summary = page.locator(f"#{chart.get_attribute('aria-describedby')}")
        expect(summary).to_be_visible()
        expect(summary).to_have_attribute("data-testid", "stCaptionContainer")
        text = summary.inner_text().strip()
        assert len(text) > 20, text
        expect(chart).to_have_accessible_description(text)


def test_the_first_visit_and_every_page_of_a_demo_year(empty_server, new_page):
    audit = Audit()
    page = new_page(empty_server)
    goto(page, "/")
    expect(title(page)).to_contain_text("Welcome")
    audit.check(page, "Welcome (first visit)")

    click(page, "Explore with demo data")
    expect(title(page)).to_contain_text("Your journey")
    for link in DEMO_PAGES:
        nav_to(page, link)
        audit.check(page, f"{link} (demo year)")
        if link == "Journey":
            expect_charts_described(page, 4)

    # A goal achieved is celebrated: checked at once, while any celebration is on screen.
    nav_to(page, "Goals")
    main(page).get_by_role("button", name="Achieved 🎉").first.click()
    wait_idle(page)  # the run that celebrates is over: whatever it shows is on the page
    expect_toast(page, "That's worth celebrating")
    found = serious_violations(page)
    if found:
        audit.problems.append(f"Goals, a goal just achieved:\n{describe(found)}")
    audit.assert_clean()


def test_a_hard_day_its_support_plan_and_dialogs(app_server, page, person):
    audit = Audit()
    with app_server.store() as store:
        journal = store.journal(person.id)
        journal.add_activity("Walk", emoji="🚶")
        journal.add_setback(dt.date.today() - dt.timedelta(days=30), "Rough week", "My sister")
    goto(page, "/today")
    pick_mood(page, "awful")
    main(page).get_by_role("toolbar", name="Self-care").get_by_role("button", name="Walk").click()
    wait_idle(page)
    audit.check(page, "Today (a face and self-care picked)")

    click(page, "Save check-in")
    panel = main(page).locator(".st-key-hard_day_panel")
    expect(panel).to_contain_text("Go gently today")
    audit.check(page, "Today (awful check-in, support plan)")

    click(page, "Make my support plan")
    expect(page.get_by_test_id("stDialog")).to_be_visible()
    audit.check(page, "Support plan dialog")
    page.keyboard.press("Escape")
    wait_idle(page)
    expect(page.get_by_test_id("stDialog")).to_have_count(0)

    click(page, "Write a setback reflection")
    expect(page.get_by_test_id("stDialog")).to_be_visible()
    audit.check(page, "Setback dialog")
    audit.assert_clean()


def test_a_shared_view_opened_by_link(app_server, new_page, person):
    audit = Audit()
    today = dt.date.today()
    with app_server.store() as store:
        journal = store.journal(person.id)
        journal.add_activity("Walk")
        for back in range(20, 0, -1):
            day = today - dt.timedelta(days=back)
            journal.add_checkin(day, 1 + back % 5, activities=["Walk"] if back % 2 else [])
        journal.add_goal("Stretch every morning", times=5, per_days=7)
        _, token = sharing.create_share(journal, "Jordan", list(sharing.SCOPES))
    peer = new_page()
    goto(peer, f"/shared?t={token}")
    expect(main(peer).get_by_test_id("trackerChart").first).to_be_visible()
    audit.check(peer, "Shared view")
    expect_charts_described(peer, 3)
    audit.assert_clean()


# --- keyboard only ---------------------------------------------------------------------

# The focused control's name, as a person hears it: its label, or a button's own text.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "";
    const own = el.matches("button, a, [role=radio], [role=checkbox]") ? el.innerText : "";
    const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
    const name = el.getAttribute("aria-label") || label || own || el.placeholder || el.tagName;
    return name.replace(/\\s+/g, " ").trim();
}"""


def tab_to(page: Page, wanted: str, *, limit: int = 80) -> None:
    """Press Tab until the focused control is the one named ``wanted`` (its
    label starts with it, or its text ends with it after an emoji)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate(FOCUSED)
        if name == wanted or name.startswith(wanted) or name.endswith(f" {wanted}"):
            return
        seen.append(name)
    raise AssertionError(f"Tab never reached {wanted!r}; focus went through: {seen}")


def test_a_check_in_is_saved_with_the_keyboard_alone(app_server, page, person):
    with app_server.store() as store:
        store.journal(person.id).add_activity("Walk", emoji="🚶")
    goto(page, "/today")
    expect(title(page)).to_contain_text("Today")

    # The faces are one radio group: Tab enters it, the arrow keys move between faces.
    tab_to(page, "awful")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.evaluate(FOCUSED).endswith(" good")
    page.keyboard.press("Space")
    wait_idle(page)
    faces = main(page).get_by_role("radiogroup", name="How are you feeling?")
    expect(faces.get_by_role("radio", name="good", exact=True)).to_be_checked()

    tab_to(page, "Walk")
    page.keyboard.press("Space")
    wait_idle(page)
    expect(
        main(page).get_by_role("toolbar", name="Self-care").get_by_role("button", name="Walk")
    ).to_have_attribute("aria-pressed", "true")

    tab_to(page, "A note for yourself")
    page.keyboard.type("Typed without a mouse.")
    tab_to(page, "Save check-in")
    page.keyboard.press("Enter")
    wait_idle(page)

    expect_toast(page, "Saved. Thanks for checking in.")
    with app_server.store() as store:
        journal = store.journal(person.id)
        [saved] = journal.checkins()
        assert (saved.mood, saved.note) == (4, "Typed without a mouse.")
        assert journal.day_activities(saved.day) == {journal.activity_named("Walk").id}
