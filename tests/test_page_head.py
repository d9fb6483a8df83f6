"""The hints in the head of the app's page (hosting/page_head.py): at a page's own address
the page is told where the server is, and a page with charts fetches plotly.js early;
the rest of what the server sends is as Streamlit sent it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from asgi import page_head
from hosting.allowed_hosts import AllowedHostsMiddleware
from hosting.page_head import SERVER_HINT
from ui import chart_view

PAGE = b"<!DOCTYPE html><html><head><script type=module src=./static/index.js></script></head>"


def page_server() -> TestClient:
    """A stand-in for Streamlit's page route (index.html at every address, gzipped when the
    browser takes it) behind the page head middleware, as asgi.py has it."""

    async def index(request):
        if request.url.path.endswith(".txt"):
            return PlainTextResponse("no", status_code=404)
        return HTMLResponse(PAGE + b" " * 600, headers={"ETag": '"abc"'})  # 600: gzip's floor

    app = Starlette(
        routes=[Route("/{path:path}", index)],
        middleware=[
            Middleware(AllowedHostsMiddleware),
            page_head(),
            Middleware(GZipMiddleware, minimum_size=500),
        ],
    )
    return TestClient(app, base_url="http://127.0.0.1:8501")


def head(response) -> str:
    return response.text.split("</head>")[0]


def test_every_page_opened_at_its_address_is_told_where_the_server_is():
    with page_server() as client:
        for page in ("today", "journey", "journal", "shared", "goals"):
            shown = head(client.get(f"/{page}"))
            # Before Streamlit's own script, which reads it when it starts.
            assert shown.index(SERVER_HINT.decode()) < shown.index("type=module"), page
        assert SERVER_HINT.decode() in client.get("/shared?t=abc").text
        # "/" needs no hint (Streamlit asks there first); other addresses are left alone.
        for other in ("", "nothing-here", "journey/_stcore/health"):
            assert "__streamlit" not in client.get(f"/{other}").text, other
        assert client.get("/missing.txt").text == "no"


def test_pages_with_charts_fetch_plotly_early_and_today_never_does():
    preload = f'<link rel="preload" as="script" href="{chart_view.served_bundle().path}">'
    with page_server() as client:
        for encoding in ("gzip, br", "identity"):
            for page in ("journey", "selfcare", "shared"):
                response = client.get(f"/{page}", headers={"Accept-Encoding": encoding})
                assert response.status_code == 200
                assert preload in head(response), (page, encoding)
                assert "etag" not in response.headers  # no old page naming an old bundle
                sent = int(response.headers["content-length"])
                if encoding == "identity":
                    assert "content-encoding" not in response.headers
                    assert sent == len(response.content)
                else:  # compressed again after the tags went in (httpx unpacks it)
                    assert response.headers["content-encoding"] == "gzip"
                    assert sent < len(response.content)
            # Streamlit's own code for drawing a component, fetched early too.
            for chunk in chart_view.component_chunks():
                assert f'<link rel="modulepreload" crossorigin href="{chunk}">' in head(response)
        for page in ("today", "goals", "journal", ""):
            assert "preload" not in client.get(f"/{page}").text, page
        assert client.get("/").headers["etag"] == '"abc"'  # untouched pages keep theirs


def test_under_a_base_address_the_pages_are_found_below_it(monkeypatch):
    real = st.get_option
    monkeypatch.setattr(
        st, "get_option", lambda key: "tracker" if key == "server.baseUrlPath" else real(key)
    )
    with page_server() as client:
        assert SERVER_HINT.decode() in client.get("/tracker/journey").text
        assert "__streamlit" not in client.get("/journey").text  # not this app's address
        assert "__streamlit" not in client.get("/trackers/journey").text


def test_streamlits_component_chunks_are_found_in_this_streamlit():
    """If a Streamlit upgrade renames them, this says so (they'd only load later)."""
    chunks = chart_view.component_chunks()
    assert len(chunks) == len(chart_view.STREAMLIT_COMPONENT_CHUNKS)
    for chunk in chunks:
        assert (Path(st.__file__).parent / "static" / chunk).is_file(), chunk


def test_the_pages_that_fetch_plotly_early_are_the_pages_that_draw_charts():
    """PAGES_WITH_CHARTS is written out for the page head: a chart added to another page
    would draw without the early fetch, so this keeps the list true."""
    from ui import session

    root = Path(__file__).resolve().parents[1]
    drawing = {
        name
        for name, file in session.PAGES.items()
        if "widgets.chart(" in (root / file).read_text(encoding="utf-8")
    }
    assert drawing == chart_view.PAGES_WITH_CHARTS
