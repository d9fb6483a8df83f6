"""Two hints in the head of the app's HTML page, when it is opened at a page's own address
(a bookmark, a reload, a peer's link: /journey, /today, /shared?t=...).

- **Where the server is.** Streamlit's page does not know which part of the address is
  the app and which the page, so at /journey it first asks /journey/_stcore/health, gets
  a 404, waits, and only then asks /_stcore/health: about 0.2 s lost on every page opened
  at its own address (bench/README.md). Here the page is told (``window.__streamlit``'s
  ``BACKEND_BASE_URL``, which Streamlit reads before it connects): the address without its
  last part, worked out in the browser, so a proxy's prefix stays right.
- **plotly.js, fetched early.** A page with charts gets a ``<link rel=preload>`` for the
  bundle (ui/chart_view.py), and ``modulepreload`` links for the parts of Streamlit's own
  page that draw a component (which Streamlit loads only once the first chart arrives):
  the browser fetches them while Streamlit starts, and they are there when the first
  chart needs them. plotly.js is evaluated only then, not while Streamlit starts
  (measured both ways: evaluating it with the page made the Journey slower on a slow
  CPU). Today and the other pages never fetch them.

asgi.py puts this ASGI middleware around the app, behind the host check.
"""

from __future__ import annotations

import gzip
from collections.abc import Awaitable, Callable, Collection
from typing import Any

import streamlit as st

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# The app lives at the address without its last part ("/tracker/journey" -> "/tracker/").
SERVER_HINT = (
    b"<script>window.__streamlit = window.__streamlit || {BACKEND_BASE_URL: "
    b'location.origin + location.pathname.replace(/\\/[^/]*\\/?$/, "") + "/"};</script>'
)
# Its length changes, and its validators would let a browser keep a page naming an older
# bundle; the page is 8 kB, sent whole.
DROPPED = {b"content-length", b"etag", b"last-modified", b"content-encoding", b"vary"}


def preload_tag(path: str) -> bytes:
    return f'<link rel="preload" as="script" href="{path}">'.encode()


class PageHeadMiddleware:
    """Adds :data:`SERVER_HINT` to the head of the HTML page served at any of ``pages``'
    addresses, and at those of ``chart_pages`` a preload of ``bundle_path()`` and of the
    ``chart_modules()``."""

    def __init__(
        self,
        app: App,
        pages: Collection[str],
        chart_pages: Collection[str],
        bundle_path: Callable[[], str],
        chart_modules: Callable[[], Collection[str]] = tuple,
    ) -> None:
        self.app = app
        self.pages = frozenset(pages)
        self.chart_pages = frozenset(chart_pages)
        self.bundle_path = bundle_path
        self.chart_modules = chart_modules

    def page_asked_for(self, scope: Scope) -> str | None:
        """The page whose address a GET asks for ("journey"), or None."""
        if scope["type"] != "http" or scope.get("method") != "GET":
            return None
        base = (st.get_option("server.baseUrlPath") or "").strip("/")
        path = scope.get("path", "").strip("/")
        if base:
            if path != base and not path.startswith(base + "/"):
                return None
            path = path[len(base) :].strip("/")
        return path if path in self.pages else None

    def head(self, page: str) -> bytes:
        tags = SERVER_HINT
        if page in self.chart_pages:
            tags += preload_tag(self.bundle_path())
            for module in self.chart_modules():
                tags += f'<link rel="modulepreload" crossorigin href="{module}">'.encode()
        return tags

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = self.page_asked_for(scope)
        if page is None:
            await self.app(scope, receive, send)
            return
        # Asked for uncompressed, so the head can be read; compressed here again below.
        headers = scope.get("headers") or []
        gzip_ok = b"gzip" in dict(headers).get(b"accept-encoding", b"")
        scope = {**scope, "headers": [(k, v) for k, v in headers if k != b"accept-encoding"]}
        start: dict[str, Any] = {}
        body: list[bytes] = []

        async def collect(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body" or not start:
                await send(message)
                return
            body.append(message.get("body", b""))
            if not message.get("more_body"):
                await self._send_edited(send, start, b"".join(body), page, gzip_ok)

        await self.app(scope, receive, collect)

    async def _send_edited(
        self, send: Send, start: dict[str, Any], page_html: bytes, page: str, gzip_ok: bool
    ) -> None:
        given = {k.lower(): v for k, v in start.get("headers", [])}
        html = given.get(b"content-type", b"").startswith(b"text/html")
        if not html or b"content-encoding" in given or b"<head>" not in page_html:
            await send(start)  # not the page itself (an error, a redirect): as it was
            await send({"type": "http.response.body", "body": page_html})
            return
        page_html = page_html.replace(b"<head>", b"<head>" + self.head(page), 1)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in DROPPED]
        if gzip_ok:
            page_html = gzip.compress(page_html, mtime=0)
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(page_html)).encode()))
        headers.append((b"vary", b"Accept-Encoding"))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": page_html})
