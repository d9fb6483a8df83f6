"""Answer only requests made to the hosts this app is served on (DNS rebinding).

A page on another site can point its own name at 127.0.0.1 and then talk to the app
from the visitor's browser as if it were that site: its requests carry its own name in
the Host header. Streamlit's ``server.allowedHosts`` guards only the websocket, so this
ASGI middleware (see asgi.py) checks every HTTP request and websocket before Streamlit
sees it. Allowed: this machine's loopback names, the host of ``TRACKER_PUBLIC_URL``, of
the sign-in ``redirect_uri`` in ``[auth]``, and any in ``TRACKER_ALLOWED_HOSTS``
(comma-separated, for a proxy in front that passes another name). Ports are not compared:
a rebinding page can use any port, but never a name it does not own.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
REFUSED = b"This journal is not served at this address.\n"

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def host_name(header: str | None) -> str | None:
    """The name in a Host header ("Example.org:8501" -> "example.org"), or None when it
    is not a plain host[:port]."""
    if not header:
        return None
    try:
        parts = urllib.parse.urlsplit(f"//{header}")
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return None
    if parts.username or parts.password or parts.path or parts.query or parts.fragment:
        return None
    return (parts.hostname or "").rstrip(".") or None


def allowed_hosts(
    environ: Mapping[str, str] = os.environ, urls: Iterable[str | None] = ()
) -> frozenset[str]:
    """The host names the app answers to (see the module's docstring)."""
    hosts = set(LOOPBACK_HOSTS)
    for url in [environ.get("TRACKER_PUBLIC_URL"), *urls]:
        if url:
            hosts.add(urllib.parse.urlsplit(url).hostname or "")
    hosts.update(environ.get("TRACKER_ALLOWED_HOSTS", "").split(","))
    return frozenset(h.strip().lower().rstrip(".") for h in hosts if h.strip())


def sign_in_redirect_uri() -> str | None:
    """``[auth] redirect_uri`` from the app's secrets: where people come back signed in."""
    import streamlit as st

    try:
        return str(st.secrets["auth"]["redirect_uri"])
    except Exception:  # no secrets file, no [auth], or a malformed one: nothing to add
        return None


class AllowedHostsMiddleware:
    """Refuses HTTP requests (421) and websockets (closed before they open, which the
    server answers with 403) whose Host header is not an allowed host."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app
        self._hosts: frozenset[str] | None = None

    @property
    def hosts(self) -> frozenset[str]:
        if self._hosts is None:  # on the first request: the secrets are loaded by then
            self._hosts = allowed_hosts(urls=[sign_in_redirect_uri()])
        return self._hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            name = host_name(header)
            if name is None or name.lower() not in self.hosts:
                await self._refuse(scope, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send(
            {
                "type": "http.response.start",
                "status": 421,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(REFUSED)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": REFUSED})
