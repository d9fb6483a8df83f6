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

import base64
import functools
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

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


def integrity(data: bytes) -> str:
    """npm's ``dist.integrity`` form of ``data``: "sha512-" and the base64 digest."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch(destination: Path = PARTIAL_PATH) -> Path:
    """Fetch the pinned cartesian bundle with ``npm pack`` and check it against
    :data:`INTEGRITY` before anything is written. Raises RuntimeError when it can't."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed")
    with tempfile.TemporaryDirectory() as folder:
        packed = subprocess.run(
            [npm, "pack", "--silent", f"{PACKAGE}@{VERSION}"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
        )
        tarballs = list(Path(folder).glob("*.tgz"))
        if packed.returncode != 0 or len(tarballs) != 1:
            raise RuntimeError(f"npm pack failed: {packed.stderr.strip()[-300:]}")
        data = tarballs[0].read_bytes()
        if integrity(data) != INTEGRITY:
            raise RuntimeError(f"{tarballs[0].name} does not match its pinned sha512")
        with tarfile.open(tarballs[0]) as archive:
            member = archive.extractfile("package/plotly-cartesian.min.js")
            assert member is not None
            text = member.read()
    if bundle_version(text.decode("utf-8")) != VERSION:
        raise RuntimeError(f"the bundle fetched is not plotly.js {VERSION}")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".part")
    partial.write_bytes(text)
    partial.replace(destination)  # whole or not at all
    return destination


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
