"""DNS rebinding, tried for real: a page on another site whose name now points at this
machine must not reach the app. Only the hosts the app is served on are answered, for
`make run` (asgi.py) and `make serve` (nginx in front of workers) alike."""

import shutil
import socket
from pathlib import Path

import pytest
from e2e_support import run_server
from playwright.sync_api import Browser

from bench.server import CHROMIUM, CHROMIUM_ARGS
from ui import chart_view

pytestmark = pytest.mark.browser

PUBLIC_URL = "https://journal.example.org"
UPGRADE = (
    "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
)


def status(port: int, host: str, path: str = "/", *, websocket: bool = False) -> int:
    """The status line's code for one raw request to the app with this Host header."""
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
    request += UPGRADE if websocket else "Connection: close\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"{request}\r\n".encode())
        first_line = sock.makefile("rb").readline().decode()
    return int(first_line.split()[1])


@pytest.fixture(scope="module", params=["make run", "make serve"])
def served(request, tmp_path_factory):
    """The app as `make run` serves it, and as `make serve` does (nginx, one worker)."""
    if request.param == "make serve" and not (
        shutil.which("nginx") or Path("/usr/sbin/nginx").exists()
    ):
        pytest.fail("Group hosting needs nginx: run 'sudo apt-get install nginx'.", pytrace=False)
    folder = tmp_path_factory.mktemp("hosts")
    workers = 1 if request.param == "make serve" else 0
    with run_server(
        folder / "tracker.db",
        folder / "server.log",
        env={"TRACKER_PUBLIC_URL": PUBLIC_URL},
        workers=workers,
    ) as server:
        yield server


def port_of(server) -> int:
    return int(server.url.rsplit(":", 1)[1])


def test_requests_naming_another_host_are_refused(served):
    port = port_of(served)
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        assert status(port, host) == 421, host
        assert status(port, host, "/_stcore/health") == 421, host
        assert status(port, host, chart_view.served_bundle().path) == 421, host
        assert status(port, host, "/_stcore/stream", websocket=True) == 403, host


def test_the_hosts_the_app_is_served_on_work(served):
    port = port_of(served)
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "journal.example.org"):
        assert status(port, host) == 200, host
        assert status(port, host, chart_view.served_bundle().path) == 200, host
        assert status(port, host, "/_stcore/stream", websocket=True) == 101, host


OPEN_WEBSOCKET = """() => new Promise((resolve) => {
  const socket = new WebSocket(`ws://${location.host}/_stcore/stream`);
  socket.onopen = () => { socket.close(); resolve("open"); };
  socket.onerror = () => resolve("refused");
})"""


def test_a_rebinding_page_in_a_browser_cannot_read_or_talk_to_the_app(browser: Browser, served):
    """Chromium resolves evil.example to this machine, as a rebinding attack makes it do."""
    port = port_of(served)
    rebound = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"],
    )
    try:
        page = rebound.new_page()
        answer = page.goto(f"http://evil.example:{port}/")
        assert answer is not None and answer.status == 421
        assert page.get_by_test_id("stApp").count() == 0
        health = page.evaluate("() => fetch('/_stcore/health').then(r => r.status)")
        assert health == 421
        assert page.evaluate(OPEN_WEBSOCKET) == "refused"

        # The same browser on the app's own address: everything works.
        own = page.goto(f"http://localhost:{port}/")
        assert own is not None and own.status == 200
        page.wait_for_selector("[data-testid='stApp']")
        assert page.evaluate(OPEN_WEBSOCKET) == "open"
    finally:
        rebound.close()
