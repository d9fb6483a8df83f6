"""Encouragement flooding: one link carries a few messages an hour and a bounded number in
all, a reload is not a new view, and the owner's pages stay small however many arrived."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlite_utils import Database
from streamlit.testing.v1 import AppTest

from tests.conftest import run_page
from tracker import InvalidEntry, NotFound, open_store, sharing
from tracker.schema import migrations

T0 = dt.datetime(2026, 1, 10, 9, 0)
MINUTE = dt.timedelta(minutes=1)
PER_HOUR = sharing.ENCOURAGEMENTS_PER_HOUR
IN_ALL = sharing.ENCOURAGEMENTS_PER_LINK


def open_link(store, journal, label="Jo"):
    _, token = sharing.create_share(journal, label, ["mood"], None, now=T0 - MINUTE)
    view = sharing.open_share(store, token, now=T0, record_view=False)
    assert view is not None
    return view, token


def send(store, view, moment, text="Proud of you"):
    return sharing.leave_encouragement(store, view, "Jo", text, now=moment)


def test_a_link_carries_a_few_messages_an_hour_then_kindly_asks_to_wait(store, journal):
    view, _ = open_link(store, journal)
    for n in range(PER_HOUR):
        send(store, view, T0 + n * MINUTE)
    with pytest.raises(InvalidEntry, match="last hour") as refused:
        send(store, view, T0 + 10 * MINUTE, "one more")
    assert "later" in str(refused.value)
    assert len(sharing.encouragements(journal)) == PER_HOUR
    # An hour after the first, there is room again.
    send(store, view, T0 + 61 * MINUTE, "an hour on")
    assert sharing.encouragements(journal)[0].message == "an hour on"


def test_a_revoked_link_at_its_limit_says_it_is_no_longer_active(store, journal):
    view, _ = open_link(store, journal)
    for n in range(PER_HOUR):
        send(store, view, T0 + n * MINUTE)
    sharing.revoke_share(journal, view.share_id, now=T0 + 6 * MINUTE)
    with pytest.raises(NotFound, match="no longer active"):
        send(store, view, T0 + 7 * MINUTE, "one more")


def test_each_link_has_its_own_hourly_room(store, journal):
    jo, _ = open_link(store, journal, "Jo")
    sam, _ = open_link(store, journal, "Sam")
    for n in range(PER_HOUR):
        send(store, jo, T0 + n * MINUTE)
    send(store, sam, T0 + 6 * MINUTE, "from Sam")
    assert len(sharing.encouragements(journal)) == PER_HOUR + 1


def test_a_link_carries_a_bounded_number_in_all(store, journal):
    view, _ = open_link(store, journal)
    with store.transaction():
        for n in range(IN_ALL):
            send(store, view, T0 + n * 13 * MINUTE)  # under the hourly limit
    later = T0 + dt.timedelta(days=60)
    with pytest.raises(InvalidEntry, match="new link"):
        send(store, view, later, "still here")
    assert sharing.encouragement_counts(journal).all == IN_ALL
    # A new link from the owner starts afresh.
    fresh, _ = open_link(store, journal, "Jo again")
    send(store, fresh, later, "still here")
    assert sharing.encouragement_counts(journal).all == IN_ALL + 1


def test_peers_sending_at_once_cannot_slip_past_the_limit(tmp_path):
    path = tmp_path / "race.db"
    with open_store(path) as store:
        journal = store.journal(store.add_person("Robin").id)
        _, token = sharing.create_share(journal, "Group", ["mood"], None)
    outcomes: list[str] = []
    start = threading.Barrier(12)

    def peer(n: int) -> None:
        with open_store(path) as own:
            view = sharing.open_share(own, token, record_view=False)
            start.wait()
            try:
                sharing.leave_encouragement(own, view, f"Peer {n}", "You've got this")
                outcomes.append("sent")
            except InvalidEntry:
                outcomes.append("refused")

    threads = [threading.Thread(target=peer, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("sent") == PER_HOUR
    with open_store(path) as store:
        assert sharing.encouragement_counts(store.journal(1)).all == PER_HOUR


def test_a_reload_within_half_an_hour_is_the_same_visit(store, journal):
    share, token = sharing.create_share(journal, "Jo", ["mood"], None, now=T0 - MINUTE)
    for minutes in (0, 1, 5, 29):  # reloads
        sharing.open_share(store, token, now=T0 + minutes * MINUTE)
    sharing.open_share(store, token, now=T0 + 45 * MINUTE)  # a new visit
    for _ in range(50):  # a script reloading in a loop
        sharing.open_share(store, token, now=T0 + 50 * MINUTE)
    assert sharing.share_views(journal, share.id) == [T0 + 45 * MINUTE, T0]
    assert sharing.list_shares(journal)[0].view_count == 2


def test_counts_and_pages_of_encouragement_come_from_sql(store, journal):
    view, _ = open_link(store, journal)
    with store.transaction():
        for n in range(30):
            send(store, view, T0 + n * 13 * MINUTE, f"note {n}")
    newest = sharing.encouragements(journal)[0]
    sharing.hide_encouragement(journal, newest.id)
    counts = sharing.encouragement_counts(journal)
    assert (counts.all, counts.hidden, counts.new) == (30, 1, 29)
    page = sharing.encouragements(journal, include_hidden=True, limit=10, offset=10)
    assert [n.message for n in page] == [f"note {n}" for n in range(19, 9, -1)]
    sharing.mark_encouragements_seen(journal)
    since = T0 + 27 * 13 * MINUTE
    recent = sharing.encouragements(journal, limit=5, unseen_or_since=since)
    assert [n.message for n in recent] == ["note 28", "note 27"]  # note 29 is hidden


# --- the pages ----------------------------------------------------------------------------


def shared_page(token: str) -> AppTest:
    at = AppTest.from_file("../pages/shared.py", default_timeout=30)
    at.query_params["t"] = token
    return at.run()


def send_from_page(at: AppTest, message: str) -> AppTest:
    at.text_input(key="shared_author").input("Jo")
    at.text_area(key="shared_message").input(message)
    return at.button(key="shared_send").click().run()


def test_the_shared_page_says_kindly_when_the_link_rests(app_journal, app_db):
    _, token = sharing.create_share(app_journal, "Jo", ["mood"], None)
    for n in range(PER_HOUR):
        send_from_page(shared_page(token), f"note {n}")  # a fresh visitor each time
    at = send_from_page(shared_page(token), "one too many")
    assert not at.exception
    [warning] = at.warning
    assert "last hour" in warning.value and "later" in warning.value
    assert at.text_area(key="shared_message").value == "one too many"  # kept for later
    assert sharing.encouragement_counts(app_journal).all == PER_HOUR


def test_reloading_the_shared_page_counts_one_view(app_journal, app_db):
    share, token = sharing.create_share(app_journal, "Jo", ["mood"], None)
    for _ in range(4):
        shared_page(token)  # each is a new browser session: a reload
    assert sharing.list_shares(app_journal)[0].view_count == 1
    assert sharing.share_views(app_journal, share.id) != []


def test_the_owners_share_page_shows_one_page_of_thousands(app_journal, app_db):
    with open_store(app_db) as store:
        journal = store.journal(app_journal.person_id)
        with store.transaction():
            for link in range(15):
                view, _ = open_link(store, journal, f"Peer {link}")
                for n in range(IN_ALL):
                    send(store, view, T0 + n * 13 * MINUTE, f"Peer {link} note {n}")
    at = run_page("share")
    assert not at.exception
    assert len(at.text) == 20  # one page of messages, not 3,000
    assert any("of 3,000 messages" in c.value for c in at.caption)
    at.button(key="share_notes_more").click().run()
    assert len(at.text) == 40
    assert len(at.get("button")) < 60  # hide buttons for what is shown, not for all


def test_m009_upgrades_a_filled_database_and_keeps_every_message(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m009_encouragement_limits")
    old.execute("INSERT INTO people (id, name, created) VALUES (1, 'Robin', '2024-01-01')")
    old.execute(
        "INSERT INTO shares (id, person_id, label, token_hash, scopes, created) "
        "VALUES (1, 1, 'Jo', 'ab12', 'mood', '2024-01-09T09:00:00')"
    )
    for n in range(3):
        old.execute(
            "INSERT INTO encouragements (person_id, share_id, author, message, created) "
            "VALUES (1, 1, 'Jo', ?, ?)",
            [f"note {n}", f"2024-01-09T1{n}:00:00"],
        )
    old.conn.commit()
    old.close()
    with open_store(path) as store:
        journal = store.journal(1)
        assert [n.message for n in sharing.encouragements(journal)] == [
            "note 2",
            "note 1",
            "note 0",
        ]
        plan = " ".join(
            row["detail"]
            for row in store.db.query(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM encouragements "
                "WHERE share_id = 1 AND person_id = 1 AND created > '2024'"
            )
        )
        assert "encouragements_by_link" in plan
