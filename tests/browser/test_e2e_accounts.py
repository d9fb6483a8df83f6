"""Sign-in for a group's server, walked for real: a local OIDC provider
(`oidc-provider-mock`), Streamlit's own `st.login`, and two people in two browsers who
never see each other's journal, only what one of them chose to share."""

import datetime as dt
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
    accounts_server, new_page
):
    today = dt.date.today()
    ana = new_page(accounts_server)
    sign_in(ana, accounts_server, "ana@example.org")
    expect(title(ana)).to_contain_text("Today")
    pick_mood(ana, "good")
    main(ana).get_by_label("A note for yourself (optional)").fill(ANA_NOTE)
    click(ana, "Save check-in")
    expect_toast(ana, "Saved. Thanks for checking in.")
    expect(main(ana).get_by_text("You checked in today")).to_be_visible()
    nav_to(ana, "Share")
    link = create_share_link(ana, "Ben", untick=["selfcare", "goals", "wins"], expiry="1 day")

    ben = new_page(accounts_server)
    sign_in(ben, accounts_server, "ben@example.org")
    expect(title(ben)).to_contain_text("Today")
    expect(main(ben).get_by_text("Your check-ins will show up here.")).to_be_visible()
    expect(main(ben).get_by_text("You checked in today")).to_have_count(0)
    expect(main(ben)).not_to_contain_text(ANA_NOTE)
    nav_to(ben, "Journey")
    expect(main(ben).get_by_text("Check in on the Today page")).to_be_visible()
    expect(main(ben).get_by_test_id("stPlotlyChart")).to_have_count(0)

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

    with accounts_server.store() as store:
        people = {person.login: person for person in store.people()}
        assert set(people) == {"ana@example.org", "ben@example.org"}
        [checkin] = store.journal(people["ana@example.org"].id).checkins()
        assert (checkin.day, checkin.mood, checkin.note) == (today, 4, ANA_NOTE)
        assert store.journal(people["ben@example.org"].id).checkins() == []
        [share] = sharing.list_shares(store.journal(people["ana@example.org"].id))
        assert share.scopes == ("mood",)
