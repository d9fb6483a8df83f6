"""Issue 12, "Markdown in user text", as an attacker would try it: every name in a journal
(activities, categories, goals, steps, units, the person, share labels, a peer's name,
an encouragement, notes, an imported Daylio file's activities and moods) is markdown or
HTML pointing at a second local server. Chromium walks every page, the shared view, an
import preview and a toast, recording every request: none may leave for another host,
and the second server must never be hit.
"""

from __future__ import annotations

import http.server
import threading
import urllib.parse
from collections.abc import Iterator

import pytest
from e2e_support import (
    RECORD_TOASTS,
    Server,
    assert_inert,
    click,
    goto,
    main,
    nav_to,
    serving,
    wait_charts,
    wait_idle,
)
from playwright.sync_api import Browser, Page

from bench.server import free_port
from tests.hostile_text import image, rich, seed

pytestmark = pytest.mark.browser


class Trap:
    """A second HTTP server: the host every hostile name points at. Any hit is a leak."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        trap = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                trap.hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.host = f"127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Trap:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def trap() -> Iterator[Trap]:
    with Trap() as running:
        yield running


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, browser: Browser, trap: Trap) -> Iterator[Server]:
    seeded: dict = {}
    with serving(
        tmp_path_factory.mktemp("hostile"),
        seed=lambda store: seeded.update(seed(store, trap.host)),
        warm=browser,
    ) as server:
        server.seeded = seeded  # type: ignore[attr-defined]
        yield server


def watched_page(browser: Browser, server: Server, requests: list[str]) -> Page:
    """A new visitor whose every request (images, links followed, scripts, fonts,
    websockets) is recorded."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    context.add_init_script(RECORD_TOASTS)
    context.on("request", lambda request: requests.append(request.url))
    context.on("websocket", lambda socket: requests.append(socket.url))
    return context.new_page()


def foreign(requests: list[str], server: Server) -> list[str]:
    own = urllib.parse.urlsplit(server.url).netloc
    return [
        url
        for url in requests
        if urllib.parse.urlsplit(url).scheme not in ("data", "blob", "about")
        and urllib.parse.urlsplit(url).netloc != own
    ]


def text_of(locator) -> str:
    """What a person reads: the text without the invisible word joiners ui.text.plain puts
    after ":" and "@" to keep links and shortcodes from coming alive."""
    return locator.inner_text().replace("\u2060", "")


def expect_plain_toast(page: Page, text: str) -> None:
    page.wait_for_function(
        "text => (window.__toasts || []).some(t => t.replaceAll('\u2060', '').includes(text))",
        arg=text,
    )


def daylio_file(host: str) -> bytes:
    """A Daylio export whose activities and own mood name are hostile."""
    activity = image(host, "da").replace('"', "")
    mood = image(host, "dm")
    rows = [
        "full_date,date,weekday,time,mood,activities,note",
        f'2024-03-01,March 1,Friday,20:00,{mood},"{activity} | <img src=http://{host}/db>",'
        f'"{rich(host, "dn")}"',
        "2024-03-02,March 2,Saturday,20:00,good,,",
    ]
    return ("\n".join(rows) + "\n").encode()


def test_no_page_of_a_hostile_journal_makes_a_request_to_another_host(
    browser: Browser, hostile_server: Server, trap: Trap
):
    requests: list[str] = []
    peer_requests: list[str] = []
    page = watched_page(browser, hostile_server, requests)

    def no_leak(where: str) -> None:
        leaks = foreign(requests + peer_requests, hostile_server)
        assert (leaks, trap.hits) == ([], []), f"{where}: requests left for another host"

    goto(page, "/")
    seen_text = []
    for link in ["Today", "Journey", "Goals", "Self-care", "Share", "Peers", "Data"]:
        nav_to(page, link)
        if main(page).get_by_test_id("trackerChart").count():
            wait_charts(page)
        # Open every expander, so what it holds is drawn too.
        for summary in main(page).locator("[data-testid='stExpander'] summary").all():
            summary.click()
        wait_idle(page)
        no_leak(link)
        assert_inert(page)
        seen_text.append(text_of(main(page)))
    # The hostile names were on the pages, as text.
    assert all(trap.host in text for text in seen_text), "a page showed no hostile name"

    # An import preview of a hostile Daylio file (activities and a mood named with markup).
    page.locator(".st-key-data_upload_daylio input[type=file]").set_input_files(
        {"name": "daylio.csv", "mimeType": "text/csv", "buffer": daylio_file(trap.host)}
    )
    wait_idle(page)
    preview = main(page).get_by_test_id("stAlert").filter(has_text="This Daylio file holds")
    assert trap.host in text_of(preview)
    assert image(trap.host, "dm") in text_of(main(page))  # the mood's own name, as a label
    no_leak("import preview")

    # A toast with a hostile share label.
    nav_to(page, "Share")
    label = image(trap.host, "t")
    main(page).get_by_label("Who is it for?").fill(label)
    click(page, "Create link")
    expect_plain_toast(page, f"Link for {label} is ready.")
    no_leak("toast")
    assert_inert(page)

    # The peer's side: the shared view, and an encouragement with a hostile name.
    peer = watched_page(browser, hostile_server, peer_requests)
    goto(peer, f"/shared?t={hostile_server.seeded['token']}")  # type: ignore[attr-defined]
    wait_charts(peer)
    no_leak("shared view")
    assert trap.host in text_of(main(peer))
    main(peer).get_by_label("Your name").fill(image(trap.host, "y"))
    main(peer).get_by_label("Message").fill(rich(trap.host, "z"))
    click(peer, "Send")
    assert "Sent." in text_of(main(peer))
    assert_inert(peer)

    # The owner sees it on Share and Journey.
    nav_to(page, "Journey")
    wait_charts(page)
    nav_to(page, "Share")
    assert image(trap.host, "y") in text_of(main(page))

    for shown in (page, peer):  # anything the pages would fetch has been asked for by now
        shown.wait_for_load_state("networkidle")
    no_leak("owner's pages with the encouragement")
    page.context.close()
    peer.context.close()
