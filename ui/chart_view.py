"""The app's charts in the browser: one small component of our own instead of
``st.plotly_chart`` (issue 16).

Streamlit's plotly element loads its own 4.7 MB plotly.js and draws each chart twice on
mount. Here a ``st.components.v2`` component (no iframe, styles not isolated so plotly's
CSS applies; ``ui/chart_view.js``) draws each figure from ``tracker/charts.py`` with one
``Plotly.react``, and only again when the figure changes; charts are drawn top first,
one at a time, once each is within a screen of being seen. plotly.js is the bundle of
``tracker.plotly_bundle`` (1.2 MB: scatter, bar and heatmap only, once built), loaded
once per browser tab from :func:`bundle_route`, which asgi.py serves under a name that
changes with its content, cached for a year. A page with charts opened at its own
address starts loading it with the page itself (:class:`StartPlotlyEarly`).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import weakref
from dataclasses import dataclass
from pathlib import Path

import plotly.io
import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tracker import charts, plotly_bundle

COMPONENT_JS = (Path(__file__).resolve().parent / "chart_view.js").read_text(encoding="utf-8")
# Under its content's hash: a new bundle is a new name, so browsers may keep each for good.
CACHE_FOREVER = "public, max-age=31536000, immutable"
ASSETS = "/assets/"


@dataclass(frozen=True)
class ServedBundle:
    name: str  # "plotly-partial-4.1.1-<hash>.min.js"
    body: bytes
    gzipped: bytes

    @property
    def path(self) -> str:
        """Its address on this server (under ``server.baseUrlPath`` when one is set)."""
        base = (st.get_option("server.baseUrlPath") or "").strip("/")
        return (f"/{base}" if base else "") + ASSETS + self.name


@functools.cache
def served_bundle() -> ServedBundle:
    """plotly.js as the app serves it: read, named and compressed once per process."""
    bundle = plotly_bundle.plotly_js()
    body = bundle.text.encode("utf-8")
    kind = "plotly-partial" if bundle.partial else "plotly"
    digest = hashlib.sha256(body).hexdigest()[:16]
    name = f"{kind}-{bundle.version or 'unknown'}-{digest}.min.js"
    return ServedBundle(name, body, gzip.compress(body, compresslevel=9, mtime=0))


async def _bundle(request: Request) -> Response:
    bundle = served_bundle()
    headers = {
        "Cache-Control": CACHE_FOREVER,
        "Vary": "Accept-Encoding",
        "X-Content-Type-Options": "nosniff",
    }
    body = bundle.body
    # Compressed once here (a phone fetches a third of the bytes), not on every request.
    if "gzip" in request.headers.get("accept-encoding", ""):
        body = bundle.gzipped
        headers["Content-Encoding"] = "gzip"
    return Response(body, media_type="text/javascript", headers=headers)


# Pages whose first view has a chart, by their address (ui/session.PAGES): opened
# straight from the address bar, a bookmark or a link, they start fetching and evaluating
# plotly.js while Streamlit itself starts and the page's script runs on the server,
# instead of once the first chart is placed. Other pages (Today, the check-in) never load it.
PAGES_WITH_CHARTS = frozenset({"journey", "selfcare", "shared"})


def early_script_tag() -> bytes:
    """The tag that starts plotly.js with the page; chart_view.js waits for it (by its id)
    instead of adding a second one, and tries again itself if it failed."""
    return (
        f'<script id="tracker-plotly" async src="{served_bundle().path}" '
        'onerror="this.dataset.failed=1"></script>'
    ).encode()


class StartPlotlyEarly:
    """ASGI middleware: the app's HTML page (Streamlit's index.html), when it is asked for
    at the address of a page with charts, gets :func:`early_script_tag` in its head."""

    def __init__(self, app) -> None:
        self.app = app

    def _wants_charts(self, scope) -> bool:
        if scope["type"] != "http" or scope.get("method") != "GET":
            return False
        base = (st.get_option("server.baseUrlPath") or "").strip("/")
        path = scope.get("path", "").strip("/")
        if base and path.startswith(base):
            path = path[len(base) :].strip("/")
        return path in PAGES_WITH_CHARTS

    async def __call__(self, scope, receive, send) -> None:
        if not self._wants_charts(scope):
            await self.app(scope, receive, send)
            return
        # Asked for uncompressed, so the head can be read; compressed here again below.
        asked = dict(scope.get("headers") or [])
        gzip_ok = b"gzip" in asked.get(b"accept-encoding", b"")
        headers_in = [(k, v) for k, v in scope.get("headers") or [] if k != b"accept-encoding"]
        scope = {**scope, "headers": headers_in}
        start: dict = {}
        body: list[bytes] = []

        async def edit(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body" or not start:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            await send_edited(b"".join(body))

        async def send_edited(page: bytes) -> None:
            # Its length changes, and its validators would let a browser keep a page naming
            # an older bundle: the page is 8 kB, sent whole.
            dropped = {b"content-length", b"etag", b"last-modified", b"content-encoding", b"vary"}
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in dropped]
            kinds = {k.lower(): v for k, v in start.get("headers", [])}
            html = kinds.get(b"content-type", b"").startswith(b"text/html")
            if not html or b"content-encoding" in kinds or b"</head>" not in page:
                await send(start)  # not the page itself (an error, a redirect): as it was
                await send({"type": "http.response.body", "body": page})
                return
            page = page.replace(b"</head>", early_script_tag() + b"</head>", 1)
            if gzip_ok:
                page = gzip.compress(page, mtime=0)
                headers.append((b"content-encoding", b"gzip"))
            headers += [(b"content-length", str(len(page)).encode()), (b"vary", b"Accept-Encoding")]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, edit)


def bundle_route() -> Route:
    """The route asgi.py adds to ``st.App``: plotly.js under its versioned name."""
    return Route(served_bundle().path, _bundle, methods=["GET"])


_draw = st.components.v2.component("tracker_chart", js=COMPONENT_JS, isolate_styles=False)


# A figure's JSON by the figure's id, for as long as the figure lives: the Journey's
# figures come from the caches (ui/cache.py) and are only read, so each is turned into
# JSON once instead of on every rerun (a quarter of the Journey's script time at ten years).
_json_of_figure: dict[int, str] = {}


def figure_json(figure) -> str:
    """The figure as plotly.js reads it (numpy arrays as compact base64)."""
    key = id(figure)
    found = _json_of_figure.get(key)
    if found is None:
        found = plotly.io.to_json(figure, validate=False)
        _json_of_figure[key] = found
        weakref.finalize(figure, _json_of_figure.pop, key, None)  # before the id is reused
    return found


# For the browser benchmark only (bench/bench_browser.py), which measures the designs side
# by side: "all-at-once" draws every chart of a page in one go once plotly.js is there,
# "st.plotly_chart" draws as the app did before issue 16. People get the default.
DESIGN = os.environ.get("TRACKER_CHART_DESIGN", "one-at-a-time")


def draw(item: charts.Chart) -> None:
    """The figure, drawn in the page; its height kept free while plotly.js loads, so
    nothing below it jumps."""
    if DESIGN == "st.plotly_chart":
        config = {"displayModeBar": False}
        st.plotly_chart(item.figure, width="stretch", config=config, theme=None)
        return
    height = item.figure.layout.height
    _draw(
        data={
            "figure": figure_json(item.figure),
            "bundle": served_bundle().path,
            "allAtOnce": DESIGN == "all-at-once",
        },
        height=int(height) if height else "content",
    )
