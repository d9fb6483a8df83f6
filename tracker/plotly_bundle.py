"""plotly.js for everything that draws the app's charts: the app's pages
(ui/chart_view.py) and the report file.

The app's charts use three trace types: scatter, bar and heatmap (a test holds every
figure the app makes to :data:`TRACE_TYPES`). So plotly.js is built with only those
(``plotly-js/index.js``): 1.2 MB, against 1.5 MB for plotly's smallest published bundle
that has all three ("cartesian") and 4.7 MB for the full one. On a CPU slowed 4× (a
phone) it is ready about a second sooner than the cartesian bundle (bench/README.md).

It is built at setup (`make`, :func:`build`): ``npm ci`` installs the pinned plotly.js and
esbuild from ``plotly-js/package-lock.json`` (npm checks every package against its
sha512 there) in a temporary folder, and esbuild bundles ``plotly-js/index.js``. The
result is never committed. Without it (no npm, no network at setup) the full bundle from
the plotly wheel is used, with a one-line notice: everything still works, the files are
just bigger.

``python -m tracker.plotly_bundle build`` builds it.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tracker.npm_fetch import keep_whole

ROOT = Path(__file__).resolve().parents[1]
# package.json, package-lock.json (exact versions and their sha512s) and index.js.
SOURCE = ROOT / "plotly-js"
# The plotly.js inside the pinned Python plotly (a test keeps the two, and
# plotly-js/package.json, equal).
VERSION = "4.1.1"
PARTIAL_PATH = ROOT / "vendor" / f"plotly-partial-{VERSION}.min.js"
# The trace types plotly-js/index.js registers (scatter is in plotly's core); any other
# would draw nothing.
TRACE_TYPES = frozenset({"scatter", "bar", "heatmap"})
BUILD_TIMEOUT_S = 600


@dataclass(frozen=True)
class Bundle:
    text: str
    partial: bool  # True: built with TRACE_TYPES only; False: the plotly wheel's full one

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
    """The bundle built at setup, else the plotly wheel's full bundle."""
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
    """Trace types among ``figures`` (plotly figures) the built bundle can't draw."""
    return {trace.type for figure in figures for trace in figure.data} - TRACE_TYPES


def _run(command: list[str], folder: Path, step: str) -> None:
    done = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S
    )
    if done.returncode != 0:
        raise RuntimeError(f"{step} failed: {(done.stderr or done.stdout).strip()[-300:]}")


def build(destination: Path | None = None) -> Path:
    """Build plotly.js with :data:`TRACE_TYPES` only, from the pinned packages, into
    ``destination`` (:data:`PARTIAL_PATH` by default; whole or not at all). Raises
    RuntimeError when it can't."""
    destination = destination or PARTIAL_PATH
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed (Debian: apt-get install npm)")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for part in ("package.json", "package-lock.json", "index.js"):
            shutil.copy(SOURCE / part, folder / part)
        # Exactly the locked packages, each checked against its sha512; no install
        # scripts run (esbuild's binary comes as a package of its own).
        _run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], folder, "npm ci")
        installed = json.loads(
            (folder / "node_modules" / "plotly.js" / "package.json").read_text()
        )["version"]
        if installed != VERSION:
            raise RuntimeError(f"plotly-js/ installs plotly.js {installed}, not {VERSION}")
        traces = ", ".join(sorted(TRACE_TYPES))
        banner = (
            f"/*! plotly.js ({traces} - minified) v{installed} | MIT License | "
            "built from plotly-js/index.js */"
        )
        esbuild = [
            str(folder / "node_modules" / ".bin" / "esbuild"),
            "index.js",
            "--bundle",
            "--minify",
            "--format=iife",
            "--global-name=Plotly",  # window.Plotly, as plotly's own bundles
            "--target=es2016",
            "--define:global=window",
            "--define:define.amd=false",
            "--loader:.css=empty",  # a map style sheet that traces we leave out would use
            f"--banner:js={banner}",
            "--outfile=plotly.min.js",
            "--log-level=error",
        ]
        _run(esbuild, folder, "esbuild")
        return keep_whole(destination, (folder / "plotly.min.js").read_bytes())


def main(argv: list[str]) -> int:
    if argv != ["build"]:
        print("usage: python -m tracker.plotly_bundle build", file=sys.stderr)
        return 2
    try:
        build()
    except (RuntimeError, OSError, subprocess.SubprocessError, ValueError) as problem:
        # Not fatal: the full bundle from the plotly wheel still works, only bigger.
        print(f"Could not build plotly.js ({problem}); using plotly's full bundle.")
        return 0
    print(f"Built plotly.js ({', '.join(sorted(TRACE_TYPES))}) into {PARTIAL_PATH}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
