"""Sign-in for a group's server, walked for real: a local OIDC provider
(`oidc-provider-mock`), Streamlit's own `st.login`, and two people in two browsers who
never see each other's journal, only what one of them chose to share."""

import datetime as dt
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import (
    IDLE,
    Server,
    click,
    create_share_link,
    expect_toast,
    free_port,
    goto,
    headings,
    main,
    nav_to,
    pick_mood,
    serving,
    title,
    trace_points,
    wait_idle,
)
from playwright.sync_api import Page, expect

from bench.server import stop_process_group
from tracker import sharing

pytestmark = pytest.mark.browser

MOCK = Path(sys.executable).with_name("oidc-provider-mock")
ANA_NOTE = "Ana's private note: the hospital visit went badly."


@pytest.fixture(scope="module")
def oidc_provider(tmp_path_factory) -> Iterator[str]:
    """A real OIDC provider on loopback; its metadata URL. Stopped after the module."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("oidc") / "oidc.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(MOCK), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    metadata = f"{url}/.well-known/openid-configuration"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(metadata, timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"oidc-provider-mock did not start:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield metadata
    finally:
        stop_process_group(process, timeout=10)


@pytest.fixture(scope="module")
def accounts_server(tmp_path_factory, browser, oidc_provider) -> Iterator[Server]:
    """The app with sign-in on (an [auth] section in its secrets), on its own database."""
    port = free_port()
    secrets = (
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "browser-tests-only-not-a-secret"\n'
        'client_id = "resilience-tracker"\n'
        'client_secret = "browser-tests-only"\n'
        f'server_metadata_url = "{oidc_provider}"\n'
    )
    with serving(
        tmp_path_factory.mktemp("accounts"), secrets=secrets, port=port, warm=browser
    ) as server:
        yield server


def put_user(metadata_url: str, sub: str, claims: dict) -> None:
    """Give the provider a user with these claims (oidc-provider-mock's PUT /users/<sub>)."""
    base = metadata_url.removesuffix("/.well-known/openid-configuration")
    request = urllib.request.Request(
        f"{base}/users/{sub}",
        data=json.dumps(claims).encode(),
        headers={"Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204


def sign_in(page: Page, server: Server, login: str) -> None:
    """Open the app, press Sign in, and authorize as ``login`` at the provider."""
    goto(page, "/")
    expect(main(page).get_by_text("Sign in to open your journal.")).to_be_visible()
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.locator("input[name=sub]").fill(login)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{server.url}/**")
    page.wait_for_selector("[data-testid='stMain']")
    page.wait_for_selector(IDLE)
    wait_idle(page)


def test_two_people_signed_in_never_see_each_other_and_a_link_shows_only_its_scopes(
    accounts_server, oidc_provider, new_page
):
    today = dt.date.today()
    for name in ("ana", "ben"):
        put_user(oidc_provider, name, {"email": f"{name}@example.org", "email_verified": True})
    ana = new_page(accounts_server)
    sign_in(ana, accounts_server, "ana")
    expect(title(ana)).to_contain_text("Today")
    pick_mood(ana, "good")
    main(ana).get_by_label("A note for yourself (optional)").fill(ANA_NOTE)
    click(ana, "Save check-in")
    expect_toast(ana, "Saved. Thanks for checking in.")
    expect(main(ana).get_by_text("You checked in today")).to_be_visible()
    nav_to(ana, "Share")
    link = create_share_link(ana, "Ben", untick=["selfcare", "goals", "wins"], expiry="1 day")

    ben = new_page(accounts_server)
    sign_in(ben, accounts_server, "ben")
    expect(title(ben)).to_contain_text("Today")
    expect(main(ben).get_by_text("Your check-ins will show up here.")).to_be_visible()
    expect(main(ben).get_by_text("You checked in today")).to_have_count(0)
    expect(main(ben)).not_to_contain_text(ANA_NOTE)
    nav_to(ben, "Journey")
    expect(main(ben).get_by_text("Check in on the Today page")).to_be_visible()
    expect(main(ben).get_by_test_id("trackerChart")).to_have_count(0)

    goto(ben, link)
    expect(title(ben)).to_contain_text("ana's journey")
    assert trace_points(ben, "Daily mood") == [(today.isoformat(), 4)]
    shown = headings(ben)
    assert not {"Small wins", "Self-care", "Habits growing stronger"} & set(shown), shown
    assert "Notes and reflections" not in shown
    expect(main(ben)).not_to_contain_text(ANA_NOTE)

    # A visitor who has not signed in sees the sign-in page and nobody's journal.
    stranger = new_page(accounts_server)
    goto(stranger, "/today")
    expect(stranger.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    expect(main(stranger).get_by_role("radiogroup")).to_have_count(0)
    # The link works for them all the same, with nothing but what it shows.
    goto(stranger, link)
    expect(title(stranger)).to_contain_text("ana's journey")
    assert trace_points(stranger, "Daily mood") == [(today.isoformat(), 4)]
    expect(stranger.get_by_role("button", name="Sign in", exact=True)).to_have_count(0)
    expect(stranger.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(main(stranger)).not_to_contain_text(ANA_NOTE)

    with accounts_server.store() as store:
        issuer = oidc_provider.removesuffix("/.well-known/openid-configuration")
        ana_id = store.person_for_identity(issuer, "ana").id
        ben_id = store.person_for_identity(issuer, "ben").id
        [checkin] = store.journal(ana_id).checkins()
        assert (checkin.day, checkin.mood, checkin.note) == (today, 4, ANA_NOTE)
        assert store.journal(ben_id).checkins() == []
        [share] = sharing.list_shares(store.journal(ana_id))
        assert share.scopes == ("mood",)


CLEO_NOTE = "Cleo's note from before sign-in matched on the provider's subject."


def test_the_same_email_unverified_gets_its_own_journal_and_the_owner_keeps_theirs(
    accounts_server, oidc_provider, new_page
):
    with accounts_server.store() as store:  # a journal linked by e-mail, as before m006
        legacy = store.add_person("Cleo", login="cleo@example.org")
        store.journal(legacy.id).add_checkin(dt.date.today(), 2, CLEO_NOTE)
    put_user(oidc_provider, "impostor", {"email": "cleo@example.org", "email_verified": False})
    put_user(oidc_provider, "cleo", {"email": "cleo@example.org", "email_verified": True})

    impostor = new_page(accounts_server)
    sign_in(impostor, accounts_server, "impostor")
    expect(title(impostor)).to_contain_text("Today")
    expect(main(impostor).get_by_text("Your check-ins will show up here.")).to_be_visible()
    expect(main(impostor).get_by_text("You checked in today")).to_have_count(0)
    expect(main(impostor)).not_to_contain_text(CLEO_NOTE)
    expect(impostor.get_by_test_id("stSidebar")).not_to_contain_text("cleo@example.org")

    cleo = new_page(accounts_server)
    sign_in(cleo, accounts_server, "cleo")
    expect(title(cleo)).to_contain_text("Your journey")  # her journal has check-ins
    sidebar = cleo.get_by_test_id("stSidebar")
    # The e-mail is plain text: a word joiner keeps it from becoming a mailto link.
    expect(sidebar).to_contain_text(re.compile("Signed in as cleo@\u2060?example\\.org"))
    expect(sidebar.get_by_role("button", name="Sign out", exact=True)).to_be_visible()
    nav_to(cleo, "Today")
    expect(main(cleo).get_by_text("You checked in today")).to_be_visible()

    with accounts_server.store() as store:
        issuer = oidc_provider.removesuffix("/.well-known/openid-configuration")
        assert store.person_for_identity(issuer, "cleo").id == legacy.id
        [note] = [c.note for c in store.journal(legacy.id).checkins()]
        assert note == CLEO_NOTE
        stranger = store.person_for_identity(issuer, "impostor")
        assert stranger.id != legacy.id and store.journal(stranger.id).checkins() == []

    # Sign out is on every page, and it ends the session.
    sidebar.get_by_role("button", name="Sign out", exact=True).click()
    # Streamlit also ends the session at the provider, which (this mock) asks first.
    cleo.get_by_role("button", name="End session", exact=True).click()
    cleo.wait_for_url(f"{accounts_server.url}/**")
    expect(main(cleo).get_by_text("Sign in to open your journal.")).to_be_visible()
    goto(cleo, "/today")
    expect(cleo.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    expect(main(cleo)).not_to_contain_text(CLEO_NOTE)
