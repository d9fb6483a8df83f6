"""The Peers dashboard under AppTest: one card per person who shared with you."""

import datetime as dt

from tests.conftest import run_page
from tracker import peer_overview, sharing


def test_a_saved_link_shows_a_card_without_counting_a_visit(app_journal, app_db):
    store = app_journal.store
    friend = store.journal(store.add_person("Casey").id)
    friend.add_checkin(dt.date.today() - dt.timedelta(days=2), 4)
    _, token = sharing.create_share(friend, "Robin", ["mood", "wins"])

    at = run_page("peers", person_id=app_journal.person_id)
    at.text_input(key="peers_link").input(f"http://127.0.0.1:8501/shared?t={token}")
    at.button(key="peers_save").click().run()

    assert not at.exception
    assert any(m.value.startswith("**Casey**") for m in at.markdown)
    assert any("Last check-in 2 days ago" in c.value for c in at.caption)
    assert sharing.list_shares(friend)[0].view_count == 0


def test_a_revoked_link_says_so_and_can_be_removed(app_journal, app_db):
    store = app_journal.store
    friend = store.journal(store.add_person("Casey").id)
    share, token = sharing.create_share(friend, "Robin", ["mood"])
    sharing.revoke_share(friend, share.id)
    link = sharing.save_link(app_journal, token, "Casey")

    at = run_page("peers", person_id=app_journal.person_id)
    assert any("This link has ended" in c.value for c in at.caption)
    at.button(key=f"peers_remove_{link.id}").click().run()
    assert sharing.saved_links(app_journal) == []


def test_pasting_something_that_is_not_a_link_is_refused_kindly(app_journal):
    at = run_page("peers", person_id=app_journal.person_id)
    at.text_input(key="peers_link").input("hello")
    at.button(key="peers_save").click().run()
    assert any("doesn't look like a share link" in w.value for w in at.warning)
    assert sharing.saved_links(app_journal) == []


def add_friend(store, name, moods, *, setback_on=None, scopes=("mood", "wins")):
    """A person with one check-in per day ending ``len(moods)`` days ago or later, and a
    link to them saved in the supporter's list (keyed by name)."""
    friend = store.journal(store.add_person(name).id)
    today = dt.date.today()
    for back, mood in moods.items():
        friend.add_checkin(today - dt.timedelta(days=back), mood)
    if setback_on is not None:
        friend.add_setback(today - dt.timedelta(days=setback_on), "A hard day.")
    _, token = sharing.create_share(friend, "My supporter", list(scopes))
    return friend, token


def steady(days, *, until=0, mood=4):
    return {back: mood for back in range(days, until - 1, -1)}


def test_three_people_in_the_order_a_supporter_would_reach_out(app_journal, app_db):
    store = app_journal.store
    # Dana: checking in every day, doing well. Eli: quiet for 9 days. Casey: in a setback
    # since 3 days ago, still finding the way back. Fay: a link that was revoked.
    _, dana = add_friend(store, "Dana", steady(40))
    _, eli = add_friend(store, "Eli", steady(40, until=9))
    casey_moods = {**steady(40, until=4), 3: 1, 2: 1, 1: 2, 0: 2}
    _, casey = add_friend(store, "Casey", casey_moods, setback_on=3)
    fay, fay_token = add_friend(store, "Fay", steady(20))
    sharing.revoke_share(fay, sharing.list_shares(fay)[0].id)
    for token, label in ((dana, "Dana"), (eli, "Eli"), (casey, "Casey"), (fay_token, "Fay")):
        sharing.save_link(app_journal, token, label)

    at = run_page("peers", person_id=app_journal.person_id)
    assert not at.exception
    names = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")]
    assert names == ["Casey", "Eli", "Dana", "Fay"]
    said = " ".join(str(e.value) for e in [*at.markdown, *at.caption])
    assert "finding their way back from a setback" in said
    assert "no check-in for 9 days" in said
    assert "Last check-in 9 days ago" in said and "Checked in today" in said
    assert "Latest setback" in said
    # The ended link shows as ended, and nothing of Fay's.
    assert "Fay** · :gray[ended]" in said
    assert "Fay's" not in said

    # One tap sends a word to Casey, as the supporter, and the button says it was sent.
    [link] = [x for x in sharing.saved_links(app_journal) if x.label == "Casey"]
    at.button(key=f"peers_send_{link.id}").click().run()
    casey_journal = store.journal(next(p.id for p in store.people() if p.name == "Casey"))
    [note] = sharing.encouragements(casey_journal)
    assert (note.author, note.message) == ("Robin", "Thinking of you and cheering you on.")
    assert at.button(key=f"peers_send_{link.id}").disabled


def test_only_what_each_link_shows_and_what_is_new_since_the_last_look(app_journal, app_db):
    store = app_journal.store
    wins_only, token = add_friend(store, "Gus", steady(10, until=1), scopes=("wins",))
    sharing.save_link(app_journal, token, "Gus")
    first = run_page("peers", person_id=app_journal.person_id)
    said = " ".join(str(e.value) for e in [*first.markdown, *first.caption])
    # Wins only: no trend, no check-in days, no setbacks.
    assert "Gus" in said and "Last check-in" not in said
    assert not set(peer_overview.SPARK_MARKS) & set(said)
    assert "New since" not in said  # a first look has nothing to compare with

    mood_too, token = add_friend(store, "Hal", steady(10, until=2))
    link = sharing.save_link(app_journal, token, "Hal")
    sharing.mark_looked(app_journal, [link.id], dt.datetime.now() - dt.timedelta(days=2))
    mood_too.add_checkin(dt.date.today() - dt.timedelta(days=1), 4)
    mood_too.add_checkin(dt.date.today(), 5)
    at = run_page("peers", person_id=app_journal.person_id)
    new = [m.value for m in at.markdown if "New since you last looked" in m.value]
    assert new == [":small[:blue[New since you last looked: 2 check-ins]]"]
    # Seen now: the next visit has nothing new.
    again = run_page("peers", person_id=app_journal.person_id)
    assert not [m.value for m in again.markdown if "New since" in m.value]
