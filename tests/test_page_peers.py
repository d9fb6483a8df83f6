"""The Peers dashboard under AppTest: one card per person who shared with you."""

import datetime as dt

from tests.conftest import run_page
from tracker import sharing


def test_a_saved_link_shows_a_card_without_counting_a_visit(app_journal, app_db):
    store = app_journal.store
    friend = store.journal(store.add_person("Casey").id)
    friend.add_checkin(dt.date.today() - dt.timedelta(days=2), 4)
    _, token = sharing.create_share(friend, "Robin", ["mood", "wins"])

    at = run_page("peers", person_id=app_journal.person_id)
    at.text_input(key="peers_link").input(f"http://127.0.0.1:8501/shared?t={token}")
    at.button(key="peers_save").click().run()

    assert not at.exception
    assert "**Casey**" in [m.value for m in at.markdown]
    assert any("Last check-in 2 days ago" in c.value for c in at.caption)
    assert sharing.list_shares(friend)[0].view_count == 0


def test_a_revoked_link_says_so_and_can_be_removed(app_journal, app_db):
    store = app_journal.store
    friend = store.journal(store.add_person("Casey").id)
    share, token = sharing.create_share(friend, "Robin", ["mood"])
    sharing.revoke_share(friend, share.id)
    link = sharing.save_link(app_journal, token, "Casey")

    at = run_page("peers", person_id=app_journal.person_id)
    assert any("no longer active" in c.value for c in at.caption)
    at.button(key=f"peers_remove_{link.id}").click().run()
    assert sharing.saved_links(app_journal) == []


def test_pasting_something_that_is_not_a_link_is_refused_kindly(app_journal):
    at = run_page("peers", person_id=app_journal.person_id)
    at.text_input(key="peers_link").input("hello")
    at.button(key="peers_save").click().run()
    assert any("doesn't look like a share link" in w.value for w in at.warning)
    assert sharing.saved_links(app_journal) == []
