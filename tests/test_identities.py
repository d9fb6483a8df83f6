"""Who a signed-in person is: the provider's issuer + subject, never an e-mail alone
(Store.person_for_identity, schema.m006). Journals linked by e-mail before move over
once, to their owner signing in with that e-mail verified."""

import pytest
from sqlite_utils import Database

from tracker import InvalidEntry
from tracker.schema import migrations
from tracker.store import open_store

GOOGLE = "https://accounts.google.com"
KEYCLOAK = "https://sso.example.org/realms/peers"


def test_the_same_issuer_and_subject_always_open_the_same_journal(store):
    first = store.person_for_identity(GOOGLE, "1001", verified_email="ana@example.org")
    again = store.person_for_identity(GOOGLE, "1001", verified_email="new@example.org")
    assert again.id == first.id
    assert len(store.people()) == 1


def test_the_same_subject_at_another_provider_is_someone_else(store):
    ana = store.person_for_identity(GOOGLE, "1001")
    stranger = store.person_for_identity(KEYCLOAK, "1001")
    assert stranger.id != ana.id


def test_the_same_verified_email_on_two_accounts_gives_two_journals(store):
    ana = store.person_for_identity(GOOGLE, "1001", verified_email="ana@example.org")
    other = store.person_for_identity(KEYCLOAK, "77", verified_email="ana@example.org")
    assert other.id != ana.id


def test_a_new_journal_is_named_from_the_name_given(store):
    person = store.person_for_identity(GOOGLE, "1001", name="Ana")
    assert (person.name, person.login) == ("Ana", None)
    assert store.person_for_identity(GOOGLE, "1002", name="   ").name == "me"


def _legacy(store, login: str, *, is_demo: bool = False) -> int:
    person = store.add_person("Ana", login=login, is_demo=is_demo)
    store.journal(person.id).add_checkin("2024-05-01", 3, "before sign-in changed")
    return person.id


def test_an_unverified_email_never_opens_a_legacy_journal(store):
    legacy = _legacy(store, "ana@example.org")
    mallory = store.person_for_identity(KEYCLOAK, "mallory", verified_email=None)
    assert mallory.id != legacy
    assert store.journal(mallory.id).checkins() == []
    assert store.person(legacy).login == "ana@example.org"


def test_a_verified_email_takes_over_its_legacy_journal_once(store):
    legacy = _legacy(store, "Ana@Example.org".lower())
    ana = store.person_for_identity(GOOGLE, "1001", verified_email="ana@example.org")
    assert ana.id == legacy
    assert ana.login is None  # nobody can take it over by e-mail again
    [checkin] = store.journal(ana.id).checkins()
    assert checkin.note == "before sign-in changed"
    assert store.person_for_identity(GOOGLE, "1001").id == legacy
    second = store.person_for_identity(KEYCLOAK, "2", verified_email="ana@example.org")
    assert second.id != legacy


def test_a_legacy_journal_linked_by_subject_is_taken_over_by_that_subject(store):
    legacy = _legacy(store, "1001")  # the old code stored the subject when no e-mail came
    assert store.person_for_identity(GOOGLE, "1001").id == legacy


def test_demo_journals_are_never_taken_over(store):
    demo = _legacy(store, "ana@example.org", is_demo=True)
    ana = store.person_for_identity(GOOGLE, "1001", verified_email="ana@example.org")
    assert ana.id != demo


@pytest.mark.parametrize("issuer, subject", [("", "1001"), (GOOGLE, "")])
def test_a_sign_in_without_issuer_or_subject_is_refused(store, issuer, subject):
    with pytest.raises(InvalidEntry):
        store.person_for_identity(issuer, subject, verified_email="ana@example.org")
    assert store.people() == []


def test_m006_keeps_legacy_logins_for_their_owners_next_sign_in(tmp_path):
    path = tmp_path / "before.db"
    old = Database(path)  # the file as it was before m006: a journal linked by e-mail
    migrations.apply(old, stop_before="m006_identities")
    old.execute(
        "INSERT INTO people (id, name, created, login, is_demo) "
        "VALUES (1, 'Ana', '2024-01-01T09:00:00', 'ana@example.org', 0)"
    )
    old.execute(
        "INSERT INTO checkins (person_id, day, logged_at, mood, note) "
        "VALUES (1, '2024-01-02', '2024-01-02T08:00:00', 4, 'kept')"
    )
    old.conn.commit()
    old.close()

    with open_store(path) as store:
        assert "m006_identities" in [m.name for m in migrations.applied(store.db)]
        assert store.person(1).login == "ana@example.org"
        unverified = store.person_for_identity(GOOGLE, "9", verified_email=None)
        assert unverified.id != 1
        ana = store.person_for_identity(GOOGLE, "1001", verified_email="ana@example.org")
        assert ana.id == 1
        assert [c.note for c in store.journal(1).checkins()] == ["kept"]
