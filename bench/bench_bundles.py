"""plotly.js bundles side by side, apart from Streamlit: a plain page that loads one bundle
and draws a two-point chart, in a fresh browser context, at full speed and with the CPU
slowed 4×. It shows what the bundle alone costs: the app's own build (scatter, bar and
heatmap; tracker/plotly_bundle.py) against plotly's published bundles of the same
plotly.js version, fetched with npm and checked against their pinned sha512.
"""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.report import Table, median, secs
from tracker import plotly_bundle
from tracker.npm_fetch import npm_file

# name, npm package, its sha512 (`npm view NAME@4.1.1 dist.integrity`), file in it
PUBLISHED = (
    (
        "plotly's cartesian bundle (the app's before this build)",
        "plotly.js-cartesian-dist-min",
        "sha512-o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/"
        "Z6w4P5O0Jus/Qr5EefHVeg==",
        "package/plotly-cartesian.min.js",
    ),
    (
        "plotly's basic bundle (scatter, bar, pie: no heatmap)",
        "plotly.js-basic-dist-min",
        "sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ==",
        "package/plotly-basic.min.js",
    ),
)

PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="chart" style="width:600px;height:300px"></div>
<script>
const script = document.createElement("script");
script.src = new URLSearchParams(location.search).get("bundle");
script.onload = () => {
  window.__loaded = performance.now();
  Plotly.newPlot("chart", [{x: [1, 2], y: [1, 3], type: "scatter"}], {margin: {t: 10}},
                 {displayModeBar: false}).then(() => { window.__drawn = performance.now(); });
};
document.head.appendChild(script);
</script></body></html>"""


def _bundles(folder: Path) -> dict[str, str | None]:
    """Each bundle's file name in ``folder`` (None: could not be had here)."""
    from plotly.offline import get_plotlyjs

    found: dict[str, str | None] = {}
    app = plotly_bundle.plotly_js()
    if app.partial:
        (folder / "app.js").write_text(app.text, encoding="utf-8")
        found["The app's own build (scatter, bar, heatmap)"] = "app.js"
    else:
        found["The app's own build (scatter, bar, heatmap)"] = None
    for number, (name, package, integrity, member) in enumerate(PUBLISHED):
        try:
            data = npm_file(package, plotly_bundle.VERSION, integrity, member)
        except (RuntimeError, OSError) as problem:
            print(f"bench: {package} not measured: {problem}")
            found[name] = None
            continue
        (folder / f"published{number}.js").write_bytes(data)
        found[name] = f"published{number}.js"
    (folder / "full.js").write_text(get_plotlyjs(), encoding="utf-8")
    found["plotly's full bundle (in the plotly wheel)"] = "full.js"
    return found


@contextmanager
def _static(folder: Path) -> Iterator[str]:
    """A plain local web server for ``folder``; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # a line per request would drown the bench's
        pass


def _load(browser, url: str, slowdown: int) -> tuple[float, float]:
    """Seconds from navigation to plotly.js evaluated, and to the chart drawn."""
    context = browser.new_context()
    try:
        page = context.new_page()
        if slowdown != 1:
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        page.goto(url)
        page.wait_for_function("window.__drawn", timeout=120_000)
        loaded, drawn = page.evaluate("[window.__loaded, window.__drawn]")
        return loaded / 1000, drawn / 1000
    finally:
        context.close()


def compare(browser, slowdowns: tuple[int, ...], loads: int) -> Table:
    """The bundles' table: size, and median times at each speed."""
    columns = ["Bundle", "Size"]
    for slowdown in slowdowns:
        speed = "full speed" if slowdown == 1 else f"CPU {slowdown}× slower"
        columns += [f"Evaluated, {speed}", f"Chart drawn, {speed}"]
    table = Table(
        columns,
        title="plotly.js bundles alone (a plain page, a two-point chart; median, seconds "
        f"since navigation, {loads} fresh contexts each after one warm-up)",
    )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "page.html").write_text(PAGE, encoding="utf-8")
        bundles = _bundles(folder)
        with _static(folder) as address:
            times: dict[tuple[str, int], list[tuple[float, float]]] = {}
            for slowdown in slowdowns:
                for bundle, file in bundles.items():
                    if file is None:
                        continue
                    url = f"{address}/page.html?bundle={file}"
                    _load(browser, url, slowdown)  # warm-up
                    times[bundle, slowdown] = [_load(browser, url, slowdown) for _ in range(loads)]
            for bundle, file in bundles.items():
                if file is None:
                    table.add(bundle, "not had here", *["—"] * (2 * len(slowdowns)))
                    continue
                size = (folder / file).stat().st_size / 1024 / 1024
                cells = []
                for slowdown in slowdowns:
                    runs = times[bundle, slowdown]
                    cells += [
                        secs(median([r[0] for r in runs])),
                        secs(median([r[1] for r in runs])),
                    ]
                table.add(bundle, f"{size:.2f} MB", *cells)
    return table
