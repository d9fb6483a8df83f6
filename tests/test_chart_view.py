"""The app's chart component (chart_view.py) without a browser: plotly.js served under a
versioned name with a year-long cache and only to the hosts the app is served on, and
each page's charts handed to the component with their summaries beside them."""

from __future__ import annotations

import datetime as dt
import gzip

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient

from hosting.allowed_hosts import AllowedHostsMiddleware
from tests.conftest import run_page
from tests.page_charts import figures
from tracker import plotly_bundle
from ui import chart_view


def served() -> TestClient:
    """The bundle's route behind the host check, as asgi.py puts them together."""
    app = Starlette(
        routes=[chart_view.bundle_route()], middleware=[Middleware(AllowedHostsMiddleware)]
    )
    return TestClient(app, base_url="http://127.0.0.1:8501")


def test_plotly_js_is_served_under_its_version_and_hash_cached_for_a_year():
    bundle = chart_view.served_bundle()
    expected = plotly_bundle.plotly_js()
    kind = "plotly-partial" if expected.partial else "plotly"
    assert bundle.path.startswith(f"/assets/{kind}-{plotly_bundle.VERSION}-")
    with served() as client:
        response = client.get(bundle.path, headers={"Accept-Encoding": "identity"})
        assert response.status_code == 200
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["content-type"].startswith("text/javascript")
        assert response.content == expected.text.encode()
        # A phone that takes gzip gets a third of the bytes, the same script.
        squeezed = client.get(bundle.path, headers={"Accept-Encoding": "gzip, br"})
        assert squeezed.headers["content-encoding"] == "gzip"
        assert int(squeezed.headers["content-length"]) < len(expected.text) / 2
        assert squeezed.content == expected.text.encode()  # httpx unpacks it
        assert gzip.decompress(bundle.gzipped) == bundle.body
        # Another name (an old version, a guess) is not this file.
        assert client.get("/assets/plotly-0.0.0.min.js").status_code == 404


def test_the_bundle_answers_only_the_hosts_the_app_is_served_on():
    with served() as client:
        path = chart_view.served_bundle().path
        assert client.get(path, headers={"Host": "evil.example"}).status_code == 421
        assert client.get(path, headers={"Host": "localhost:8501"}).status_code == 200


def test_a_new_bundle_gets_a_new_name(monkeypatch, tmp_path):
    fetched = chart_view.served_bundle().name
    changed = tmp_path / "plotly-partial-4.1.1.min.js"
    changed.write_text("/*! plotly.js (bar - minified) v4.1.1 */ window.Plotly = {};")
    monkeypatch.setattr(plotly_bundle, "PARTIAL_PATH", changed)
    chart_view.served_bundle.cache_clear()
    try:
        other = chart_view.served_bundle().name
    finally:
        chart_view.served_bundle.cache_clear()
    assert other.startswith("plotly-partial-4.1.1-") and other != fetched


def test_self_care_balance_is_an_app_chart_with_its_summary(app_journal):
    app_journal.add_activity("Walk", category="body")
    app_journal.add_activity("Call a friend", category="connection")
    today = dt.date.today()
    for back in range(6):
        app_journal.add_checkin(
            today - dt.timedelta(days=back), 4, activities=["Walk", "Call a friend"][: 1 + back % 2]
        )
    at = run_page("selfcare")
    assert not at.exception
    [balance] = figures(at)
    [bars] = balance["data"]
    assert bars["type"] == "bar" and bars["orientation"] == "h"
    assert bars["y"] == ["Body", "Connection"]
    assert at.get("vega_lite_chart") == [] and at.get("arrow_vega_lite_chart") == []
    captions = [c.value for c in at.caption]
    assert any(text.startswith("Most of your self-care was body (6 times).") for text in captions)


def test_a_cached_figure_is_turned_into_json_once_and_forgotten_with_it(monkeypatch):
    import gc

    import plotly.graph_objects as go

    calls = []
    real = chart_view.plotly.io.to_json
    monkeypatch.setattr(
        chart_view.plotly.io, "to_json", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    figure = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    first = chart_view.figure_json(figure)
    assert chart_view.figure_json(figure) == first  # a rerun drawing the cached figure
    assert len(calls) == 1
    key = id(figure)
    assert key in chart_view._json_of_figure
    del figure
    gc.collect()
    assert key not in chart_view._json_of_figure  # forgotten before its id can be reused
    other = go.Figure(go.Bar(x=[1], y=[2]))  # a new figure is never given another's JSON
    assert '"bar"' in chart_view.figure_json(other) and len(calls) == 2
