"""plotly.js for anything that draws the app's charts without a network: the report file
today, the app's own pages later.

The app's charts use only cartesian traces (scatter, bar, heatmap), so the plotly.js
"cartesian" partial bundle (1.5 MB) draws them all, instead of the full 4.7 MB one in
the plotly wheel. It is fetched at setup (`make`, see :func:`fetch`), checked against
its pinned sha512, and never committed. Without it (no npm, no network at setup) the
full bundle from the plotly wheel is used, with a one-line notice: everything still
works, the files are just bigger.

``python -m tracker.plotly_bundle fetch`` fetches it.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tracker.npm_fetch import keep_whole, npm_file

PACKAGE = "plotly.js-cartesian-dist-min"
# The plotly.js inside the pinned Python plotly (a test keeps the two equal).
VERSION = "4.1.1"
# `npm view plotly.js-cartesian-dist-min@4.1.1 dist.integrity`
INTEGRITY = (
    "sha512-o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/"
    "Z6w4P5O0Jus/Qr5EefHVeg=="
)
PARTIAL_PATH = Path(__file__).resolve().parents[1] / "vendor" / f"plotly-cartesian-{VERSION}.min.js"
# The trace types the cartesian bundle can draw (its README); any other draws nothing.
TRACE_TYPES = frozenset(
    {
        "bar",
        "box",
        "contour",
        "heatmap",
        "histogram",
        "histogram2d",
        "histogram2dcontour",
        "image",
        "pie",
        "scatter",
        "scatterternary",
        "violin",
    }
)


@dataclass(frozen=True)
class Bundle:
    text: str
    partial: bool  # True: the cartesian bundle; False: the full one from the plotly wheel

    @property
    def version(self) -> str | None:
        return bundle_version(self.text)


def bundle_version(text: str) -> str | None:
    """The version a plotly.js bundle names in its opening comment ("v4.1.1")."""
    found = re.search(r"plotly\.js[^\n]*?\bv(\d+\.\d+\.\d+)", text[:500])
    return found.group(1) if found else None


@functools.cache
def _partial(path: Path, mtime: float) -> str:
    return path.read_text(encoding="utf-8")


def plotly_js() -> Bundle:
    """The cartesian bundle when it was fetched, else the plotly wheel's full bundle."""
    if PARTIAL_PATH.exists():
        return Bundle(_partial(PARTIAL_PATH, PARTIAL_PATH.stat().st_mtime), partial=True)
    _notice_full_bundle()
    from plotly.offline import get_plotlyjs

    return Bundle(get_plotlyjs(), partial=False)


@functools.cache
def _notice_full_bundle() -> None:
    print(
        f"Note: {PARTIAL_PATH.name} is missing (run `make`), so charts use plotly's full "
        "4.7 MB bundle.",
        file=sys.stderr,
    )


def unsupported_traces(figures: list) -> set[str]:
    """Trace types among ``figures`` (plotly figures) the cartesian bundle can't draw."""
    return {trace.type for figure in figures for trace in figure.data} - TRACE_TYPES


def fetch(destination: Path = PARTIAL_PATH) -> Path:
    """Fetch the pinned cartesian bundle with ``npm pack`` and check it against
    :data:`INTEGRITY` before anything is written. Raises RuntimeError when it can't."""
    text = npm_file(PACKAGE, VERSION, INTEGRITY, "package/plotly-cartesian.min.js")
    if bundle_version(text.decode("utf-8")) != VERSION:
        raise RuntimeError(f"the bundle fetched is not plotly.js {VERSION}")
    return keep_whole(destination, text)


def main(argv: list[str]) -> int:
    if argv != ["fetch"]:
        print("usage: python -m tracker.plotly_bundle fetch", file=sys.stderr)
        return 2
    if PARTIAL_PATH.exists():
        return 0
    try:
        fetch()
    except (RuntimeError, OSError, subprocess.SubprocessError) as problem:
        # Not fatal: the full bundle from the plotly wheel still works, only bigger.
        print(f"Could not fetch {PACKAGE}@{VERSION} ({problem}); using the full bundle.")
        return 0
    print(f"Fetched {PACKAGE}@{VERSION} into {PARTIAL_PATH}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
