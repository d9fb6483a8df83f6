"""Sharing in a real browser: a link for one peer shows only what was chosen, carries a
word of encouragement back, and stops working the moment it is revoked. Text one person
wrote reaches another only as text, never as markup that runs or loads anything."""

import datetime as dt
import secrets

import pytest
from e2e_support import (
    assert_inert,
    click,
    create_share_link,
    expect_toast,
    goto,
    headings,
    main,
    nav_to,
    refuse_dialogs,
    title,
    trace_points,
)
from playwright.sync_api import expect

from tracker import sharing

pytestmark = pytest.mark.browser

PRIVATE_NOTE = "Argued with my sister; nobody else needs to know."
HOSTILE = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"
NOT_ACTIVE = "This link is no longer active"


@pytest.fixture
def owner(app_server, person):
    """Ten days of check-ins (one with a private note), a self-care activity and a goal."""
    today = dt.date.today()
    with app_server.store() as store:
        journal = store.journal(person.id)
        journal.add_activity("Walk")
        for back in range(10, 0, -1):
            day = today - dt.timedelta(days=back)
            note = PRIVATE_NOTE if back == 3 else None
            journal.add_checkin(day, 2 + back % 3, note, activities=["Walk"] if back < 4 else [])
        journal.add_goal("Stretch every morning", times=5, per_days=7)
    return person


def test_a_link_shows_only_its_sections_carries_encouragement_and_ends_when_revoked(
    app_server, page, new_page, owner
):
    today = dt.date.today()
    goto(page, "/share")
    link = create_share_link(page, "Jordan", untick=["selfcare", "goals"], expiry="1 week")
    assert link.startswith(f"{app_server.url}/shared?t=")
    with app_server.store() as store:
        [share] = sharing.list_shares(store.journal(owner.id))
    assert (share.label, share.scopes) == ("Jordan", ("mood", "wins"))
    assert share.expires is not None
    assert dt.timedelta(days=7) - (share.expires - share.created) < dt.timedelta(minutes=1)

    peer = new_page()
    goto(peer, link)
    expect(title(peer)).to_contain_text(f"{owner.name}'s journey")
    shown = headings(peer)
    assert "Small wins" in shown
    assert not {"Self-care", "Habits growing stronger", "Notes and reflections"} & set(shown)
    days = [(today - dt.timedelta(days=back)).isoformat() for back in range(10, 0, -1)]
    assert [x for x, _ in trace_points(peer, "Daily mood")] == days
    expect(main(peer)).to_contain_text("A whole week of check-ins")
    for private in (PRIVATE_NOTE, "Walk", "Stretch every morning"):
        expect(main(peer)).not_to_contain_text(private)

    main(peer).get_by_label("Your name").fill("Jordan")
    main(peer).get_by_label("Message").fill("Ten days in a row. Proud of you!")
    click(peer, "Send")
    expect(main(peer).get_by_text("Sent. Thank you for cheering them on.")).to_be_visible()

    nav_to(page, "Journey")
    expect(main(page).get_by_text("You are not alone")).to_be_visible()
    expect(main(page).get_by_text("Ten days in a row. Proud of you!")).to_be_visible()
    expect(main(page).get_by_text("— Jordan")).to_be_visible()

    nav_to(page, "Share")
    entry = main(page).get_by_test_id("stExpander").filter(has_text="Jordan")
    expect(entry).to_contain_text("active")
    entry.locator("summary").click()
    expect(entry).to_contain_text("viewed 1 time")
    click(page, "Revoke now")
    expect_toast(page, "The link for Jordan no longer works.")
    expect(entry).to_contain_text("revoked")

    goto(peer, link)
    expect(title(peer)).to_contain_text(NOT_ACTIVE)
    revoked_page = main(peer).inner_text()
    assert owner.name not in revoked_page
    expect(main(peer).get_by_test_id("trackerChart")).to_have_count(0)
    goto(peer, f"/shared?t={secrets.token_urlsafe(32)}")
    assert main(peer).inner_text() == revoked_page  # nothing tells the two apart


@pytest.fixture
def hostile_link(app_server) -> str:
    """A person whose name, activity, goal and notes are all hostile markup, and a link
    (made in the store: making one in the browser is walked above) showing everything."""
    today = dt.date.today()
    with app_server.store() as store:
        person = store.add_person(HOSTILE)
        journal = store.journal(person.id)
        journal.add_activity(f"Walk {HOSTILE}", times=3, per_days=7)
        goal = journal.add_goal(f"Stretch {HOSTILE}", times=3, per_days=7)
        for back in range(8, -1, -1):
            day = today - dt.timedelta(days=back)
            journal.add_checkin(
                day,
                3 + back % 2,
                f"Note {HOSTILE}" if back == 1 else None,
                activities=[f"Walk {HOSTILE}"] if back % 2 else [],
                goals_done=[goal.id] if back % 3 == 0 else [],
            )
        _, token = sharing.create_share(journal, "Sam", list(sharing.SCOPES), "1 day")
    return f"{app_server.url}/shared?t={token}"


def test_hostile_text_is_shown_as_text_in_the_shared_view_and_back_home(new_page, hostile_link):
    peer = new_page()
    peer_alerts = refuse_dialogs(peer)
    goto(peer, hostile_link)
    expect(title(peer)).to_contain_text(f"{HOSTILE}'s journey")
    expect(main(peer).get_by_text(f"Leave {HOSTILE} a word of encouragement")).to_be_visible()
    for text in (f"Walk {HOSTILE}", f"Stretch {HOSTILE}", f"Note {HOSTILE}"):
        expect(main(peer).get_by_text(text).first).to_be_visible()
    assert_inert(peer)

    main(peer).get_by_label("Your name").fill(f"Kit {HOSTILE}")
    main(peer).get_by_label("Message").fill(f"You've got this {HOSTILE}")
    click(peer, "Send")
    expect(main(peer).get_by_text("Sent. Thank you for cheering them on.")).to_be_visible()
    assert_inert(peer)

    owner = new_page()
    owner_alerts = refuse_dialogs(owner)
    goto(owner, "/journey")
    expect(main(owner).get_by_text(f"You've got this {HOSTILE}")).to_be_visible()
    expect(main(owner).get_by_text(f"— Kit {HOSTILE}")).to_be_visible()
    expect(main(owner).get_by_text(f"Stretch {HOSTILE}").first).to_be_visible()
    assert_inert(owner)
    nav_to(owner, "Share")
    expect(main(owner).get_by_text(f"You've got this {HOSTILE}")).to_be_visible()
    expect(main(owner).get_by_text(f"— Kit {HOSTILE}")).to_be_visible()
    assert_inert(owner)
    assert peer_alerts == [] and owner_alerts == []
