"""Accounts mode (a group hosting one server): each signed-in user is their own person.

These run the pages under AppTest with `[auth]` secrets and a seeded `st.user`; the full
sign-in flow against a real OIDC provider is in tests/browser/.
"""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tracker import open_store, sharing

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "test-only-secret",
    "client_id": "tracker",
    "client_secret": "test-only",
    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration",
}


ISSUER = "https://id.example.org"


def user(sub: str, email: str | None = None, *, verified: bool = True, **claims) -> dict:
    """Claims as a provider gives them (st.user): issuer, subject, maybe an e-mail."""
    found = {"is_logged_in": True, "iss": ISSUER, "sub": sub, **claims}
    if email is not None:
        found |= {"email": email, "email_verified": verified}
    return found


def page_as(name: str, claims: dict | None) -> AppTest:
    at = AppTest.from_file(f"../pages/{name}.py", default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False} if claims is None else claims
    return at.run()


ANA = user("ana-0001", "ana@example.org")
BEN = user("ben-0002", "ben@example.org")


def test_signed_out_visitors_are_asked_to_sign_in_and_see_no_journal(app_db):
    at = page_as("today", None)
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert "Today" not in " ".join(t.value for t in at.title)


def test_two_users_each_get_their_own_journal_and_never_see_the_other(app_db):
    first = page_as("today", ANA)
    first.segmented_control(key="today_mood_0").set_value(5)
    first.text_area(key="today_note_0").input("Ana's private note")
    first.button(key="today_save").click().run()

    second = page_as("today", BEN)
    assert not second.exception
    assert second.expander == [] or all("Ana" not in e.label for e in second.expander)
    shown = " ".join(t.value for t in [*second.text, *second.markdown])
    assert "Ana" not in shown and "private note" not in shown

    with open_store(app_db) as store:
        ana = store.person_for_identity(ISSUER, "ana-0001")
        ben = store.person_for_identity(ISSUER, "ben-0002")
        assert len(store.people()) == 2 and ana.id != ben.id
        assert len(store.journal(ana.id).checkins()) == 1
        assert store.journal(ben.id).checkins() == []


def test_a_session_cannot_pick_another_persons_journal(app_db):
    with open_store(app_db) as store:
        ana = store.add_person("Ana", login="ana@example.org")
        store.journal(ana.id).add_checkin(dt.date.today(), 2, "Ana only")
    at = AppTest.from_file("../pages/today.py", default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = BEN
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
    at.user = BEN
    at.query_params["t"] = token
    at.run()
    at.button(key="shared_save_link").click().run()

    with open_store(app_db) as store:
        ben = store.person_for_identity(ISSUER, "ben-0002")
        [saved] = sharing.saved_links(store.journal(ben.id))
    assert saved.token == token


def test_with_accounts_the_welcome_page_makes_no_extra_journals(app_db):
    at = page_as("welcome", ANA)
    assert not at.exception
    assert "welcome_start" not in [b.key for b in at.button]
    with open_store(app_db) as store:
        assert [(p.name, p.login) for p in store.people()] == [("ana", None)]


# --- who a person is: issuer + subject, never an e-mail alone -------------------------


def _legacy_journal(app_db, login: str, note: str) -> int:
    """A journal made before m006: linked to its owner by e-mail in people.login."""
    with open_store(app_db) as store:
        person = store.add_person("Ana", login=login)
        store.journal(person.id).add_checkin(dt.date.today(), 2, note)
        return person.id


def _shown(at: AppTest) -> str:
    shown = [*at.text, *at.markdown, *at.caption, *at.text_area]
    return " ".join(str(e.value) for e in shown).replace("\\", "").replace("\u2060", "")  # escapes


def test_an_unverified_account_with_the_same_email_gets_a_new_empty_journal(app_db):
    legacy = _legacy_journal(app_db, "ana@example.org", "Ana's legacy note")

    at = page_as("today", user("mallory-9", "ana@example.org", verified=False))

    assert not at.exception
    assert "Ana's legacy note" not in _shown(at)
    assert all("Ana" not in e.label for e in at.expander)
    assert "ana@example.org" not in _shown(at)  # an unverified e-mail is never shown
    with open_store(app_db) as store:
        mallory = store.person_for_identity(ISSUER, "mallory-9")
        assert mallory.id != legacy
        assert store.journal(mallory.id).checkins() == []
        assert store.person(legacy).login == "ana@example.org"  # still waiting for Ana


def test_the_owner_signing_in_with_a_verified_email_keeps_their_legacy_journal(app_db):
    legacy = _legacy_journal(app_db, "ana@example.org", "Ana's legacy note")

    at = page_as("today", ANA)

    assert not at.exception
    assert "Ana's legacy note" in _everything_shown(at)
    with open_store(app_db) as store:
        assert [p.id for p in store.people()] == [legacy]
        assert store.person_for_identity(ISSUER, "ana-0001").id == legacy
    # Taken over once: the same e-mail, verified, on another account is someone else.
    other = page_as("today", user("ana-second-account", "ana@example.org"))
    assert not other.exception
    assert "Ana's legacy note" not in _everything_shown(other)


def _everything_shown(at) -> str:
    """The text of the page's markdown, text and text areas, without markdown escapes."""
    parts = [m.value for m in at.markdown] + [t.value for t in at.text]
    parts += [t.value or "" for t in at.text_area]
    return " ".join(parts).replace("\\", "").replace("\u2060", "")


def test_a_sign_in_without_a_subject_opens_no_journal(app_db):
    at = page_as("today", {"is_logged_in": True, "email": "ana@example.org"})
    assert not at.exception
    assert "didn't say who you are" in at.warning[0].value
    assert at.button(key="sign_out").label == "Sign out"
    with open_store(app_db) as store:
        assert store.people() == []


@pytest.mark.parametrize(
    "page", ["today", "journey", "goals", "selfcare", "share", "peers", "data", "welcome"]
)
def test_with_sign_in_every_page_has_a_sign_out_button(app_db, page):
    at = page_as(page, ANA)
    assert not at.exception
    [sign_out] = [b for b in at.sidebar.button if b.key == "sign_out"]
    assert sign_out.label == "Sign out"
    shown = (
        " ".join(c.value for c in at.sidebar.caption).replace("\\", "").replace("\u2060", "")
    )  # escapes
    assert "Signed in as ana@example.org" in shown


def test_the_shared_page_has_sign_out_for_a_signed_in_peer(app_db):
    with open_store(app_db) as store:
        ana = store.journal(store.add_person("Ana").id)
        _, token = sharing.create_share(ana, "Ben", ["mood"])
    at = AppTest.from_file("../pages/shared.py", default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = BEN
    at.query_params["t"] = token
    at.run()
    assert not at.exception
    assert [b.label for b in at.sidebar.button if b.key == "sign_out"] == ["Sign out"]


def test_without_sign_in_there_is_nothing_to_sign_out_of(app_journal):
    at = AppTest.from_file("../pages/today.py", default_timeout=30).run()
    assert not at.exception
    assert "sign_out" not in [b.key for b in at.button]
