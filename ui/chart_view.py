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
address fetches it while Streamlit starts (hosting/page_head.py).
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

# For the browser benchmark only (bench/bench_browser.py), which measures the designs side
# by side: "all-at-once" draws every chart of a page in one go once plotly.js is there,
# "streamlit-head" serves Streamlit's page without hosting/page_head.py's hints (asgi.py),
# "st.plotly_chart" draws as the app did before issue 16. People get the default.
DESIGN = os.environ.get("TRACKER_CHART_DESIGN", "one-at-a-time")


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


# Pages whose first view has a chart, by their address (ui/session.PAGES): opened at
# their own address, they fetch plotly.js while Streamlit starts (hosting/page_head.py).
PAGES_WITH_CHARTS = frozenset({"journey", "selfcare", "shared"})


def bundle_path() -> str:
    return served_bundle().path


# The parts of Streamlit's own page that draw a custom component, loaded by Streamlit only
# once the first chart arrives; a page with charts fetches them early too.
STREAMLIT_COMPONENT_CHUNKS = ("BidiComponent", "serialization", "recordbatch", "_arrayReduce")


@functools.cache
def component_chunks() -> tuple[str, ...]:
    """Those chunks' addresses in this Streamlit's page ("./static/js/BidiComponent.<hash>.js");
    none when a Streamlit version names them otherwise (they then load as before)."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    found = []
    for chunk in STREAMLIT_COMPONENT_CHUNKS:
        files = sorted(folder.glob(f"{chunk}.*.js"))
        if len(files) == 1:
            found.append(f"./static/js/{files[0].name}")
    return tuple(found)


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
