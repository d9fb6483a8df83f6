"""Accounts mode (a group hosting one server): each signed-in user is their own person.

These run the pages under AppTest with `[auth]` secrets and a seeded `st.user`; the full
sign-in flow against a real OIDC provider is in tests/browser/.
"""

import datetime as dt

from streamlit.testing.v1 import AppTest

from tracker import open_store, sharing

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "test-only-secret",
    "client_id": "tracker",
    "client_secret": "test-only",
    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration",
}


def page_as(name: str, email: str | None) -> AppTest:
    at = AppTest.from_file(f"../pages/{name}.py", default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email}
    return at.run()


def test_signed_out_visitors_are_asked_to_sign_in_and_see_no_journal(app_db):
    at = page_as("today", None)
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert "Today" not in " ".join(t.value for t in at.title)


def test_two_users_each_get_their_own_journal_and_never_see_the_other(app_db):
    first = page_as("today", "ana@example.org")
    first.segmented_control(key="today_mood_0").set_value(5)
    first.text_area(key="today_note_0").input("Ana's private note")
    first.button(key="today_save").click().run()

    second = page_as("today", "ben@example.org")
    assert not second.exception
    assert second.expander == [] or all("Ana" not in e.label for e in second.expander)
    shown = " ".join(t.value for t in [*second.text, *second.markdown])
    assert "Ana" not in shown and "private note" not in shown

    with open_store(app_db) as store:
        people = {p.login: p for p in store.people()}
        assert set(people) == {"ana@example.org", "ben@example.org"}
        assert len(store.journal(people["ana@example.org"].id).checkins()) == 1
        assert store.journal(people["ben@example.org"].id).checkins() == []


def test_a_session_cannot_pick_another_persons_journal(app_db):
    with open_store(app_db) as store:
        ana = store.add_person("Ana", login="ana@example.org")
        store.journal(ana.id).add_checkin(dt.date.today(), 2, "Ana only")
    at = AppTest.from_file("../pages/today.py", default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "ben@example.org"}
    at.session_state["person_id"] = ana.id  # a forged session value
    at.run()
    assert "Ana only" not in " ".join(t.value for t in at.text)
    assert all("Ana" not in e.label for e in at.expander)


def test_a_signed_in_peer_can_save_a_shared_link(app_db):
    with open_store(app_db) as store:
        ana = store.journal(store.add_person("Ana", login="ana@example.org").id)
        _, token = sharing.create_share(ana, "Ben", ["mood"])
    at = AppTest.from_file("../pages/shared.py", default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "ben@example.org"}
    at.query_params["t"] = token
    at.run()
    at.button(key="shared_save_link").click().run()

    with open_store(app_db) as store:
        ben = store.person_by_login("ben@example.org")
        [saved] = sharing.saved_links(store.journal(ben.id))
    assert saved.token == token


def test_with_accounts_the_welcome_page_makes_no_extra_journals(app_db):
    at = page_as("welcome", "ana@example.org")
    assert not at.exception
    assert "welcome_start" not in [b.key for b in at.button]
    with open_store(app_db) as store:
        assert [p.login for p in store.people()] == ["ana@example.org"]
