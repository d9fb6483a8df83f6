"""A shared link stands alone: a peer who opens it (another browser, a phone) sees only
what the link shows, with no menu, no journal picker and no link into the owner's pages,
before and after sending a word of encouragement."""

import datetime as dt

import pytest
from e2e_support import click, goto, main, title, wait_charts
from playwright.sync_api import Page, expect

from tracker import sharing

pytestmark = pytest.mark.browser

OTHER_PAGES = ("today", "journey", "goals", "selfcare", "share", "peers", "data", "welcome")


@pytest.fixture
def link(app_server, person) -> str:
    """A month of check-ins shared for mood and wins, on a machine with a second journal
    (the case where the owner's sidebar used to offer a journal picker)."""
    today = dt.date.today()
    with app_server.store() as store:
        store.add_person("Second journal on this machine")
        journal = store.journal(person.id)
        for back in range(30, 0, -1):
            journal.add_checkin(today - dt.timedelta(days=back), 2 + back % 3)
        _, token = sharing.create_share(journal, "Jordan", ["mood", "wins"], "1 week")
    return f"/shared?t={token}"


def ways_out(peer: Page) -> list[str]:
    """Everything on the page that could take the peer elsewhere in the app: navigation,
    a sidebar, a journal picker, links to the app's own pages."""
    found = []
    for test_id in ("stSidebar", "stSidebarNav", "stSidebarCollapsedControl", "stTopNavLink"):
        if peer.get_by_test_id(test_id).count():
            found.append(test_id)
    if peer.get_by_test_id("stSelectbox").count():
        found.append("a picker")
    origin = peer.evaluate("location.origin")
    for href in peer.locator("a[href]").evaluate_all("links => links.map(a => a.href)"):
        path = href.removeprefix(origin).split("?")[0].strip("/")
        if href.startswith(origin) and path != "shared" or path in OTHER_PAGES:
            found.append(href)
    return found


def test_a_link_opened_on_a_phone_in_another_browser_has_no_way_into_other_pages(
    new_page, person, link
):
    peer = new_page(phone=True)
    goto(peer, link)
    expect(title(peer)).to_contain_text(f"{person.name}'s journey")
    wait_charts(peer)
    # Spoken about by name, never as if it were the peer's own journal.
    expect(main(peer)).to_contain_text(f"Each dot is one of {person.name}'s 30 logged days.")
    for owners_words in ("your mood", "your way back", "you bounced"):
        expect(main(peer)).not_to_contain_text(owners_words, ignore_case=True)
    assert ways_out(peer) == []
    for elsewhere in ("Second journal on this machine", "Today", "Data", "Peers"):
        expect(peer.get_by_text(elsewhere, exact=True)).to_have_count(0)

    main(peer).get_by_label("Your name").fill("Jordan")
    main(peer).get_by_label("Message").fill("A month of showing up. Proud of you.")
    click(peer, "Send")
    expect(main(peer).get_by_text("Sent. Thank you for cheering them on.")).to_be_visible()
    assert ways_out(peer) == []  # still alone after a rerun


def test_an_ended_link_stands_alone_too(app_server, new_page, person):
    with app_server.store() as store:
        share, token = sharing.create_share(store.journal(person.id), "Jordan", ["mood"])
        sharing.revoke_share(store.journal(person.id), share.id)
    peer = new_page(phone=True)
    goto(peer, f"/shared?t={token}")
    expect(title(peer)).to_contain_text("This link is no longer active")
    assert ways_out(peer) == []
