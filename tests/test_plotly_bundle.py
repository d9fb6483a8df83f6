"""plotly.js as the app builds it at setup (tracker/plotly_bundle.py, plotly-js/): the
pinned version everywhere, exactly the trace types the app's figures use, and a build
that is kept whole or not at all (a stand-in npm and esbuild, so no network is needed)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import plotly
import pytest
from plotly.offline import get_plotlyjs_version

from tracker import plotly_bundle

SOURCE = plotly_bundle.SOURCE


def test_the_bundle_is_the_plotly_js_the_pinned_plotly_ships():
    assert get_plotlyjs_version() == plotly_bundle.VERSION
    assert plotly_bundle.plotly_js().version == get_plotlyjs_version()
    assert plotly_bundle.bundle_version(plotly.offline.get_plotlyjs()) == get_plotlyjs_version()
    # What npm installs is that version too, pinned with its sha512.
    wanted = json.loads((SOURCE / "package.json").read_text())["dependencies"]["plotly.js"]
    assert wanted == plotly_bundle.VERSION
    locked = json.loads((SOURCE / "package-lock.json").read_text())["packages"]
    assert locked["node_modules/plotly.js"]["version"] == plotly_bundle.VERSION
    assert all(
        entry["integrity"].startswith("sha512-")
        for name, entry in locked.items()
        if name and not entry.get("link")
    )


def test_the_build_registers_exactly_the_trace_types_the_app_is_checked_against():
    registered = re.findall(r'require\("plotly\.js/lib/(\w+)"\)', (SOURCE / "index.js").read_text())
    assert registered[0] == "core"  # scatter comes with plotly's core
    assert {"scatter", *registered[1:]} == plotly_bundle.TRACE_TYPES


def test_the_app_serves_the_built_bundle_once_make_has_built_it():
    bundle = plotly_bundle.plotly_js()
    assert bundle.partial, "`make plotly-bundle` builds it (with npm)"
    assert bundle.text.startswith("/*! plotly.js (bar, heatmap, scatter - minified) v4.1.1")
    assert len(bundle.text) < 1.3 * 1024 * 1024  # the wheel's full bundle is 4.7 MB


def fake_tools(tmp_path, monkeypatch, *, version="4.1.1", esbuild_fails=False) -> Path:
    """An `npm` on PATH whose `ci` installs a plotly.js claiming ``version`` and an esbuild
    that writes a bundle (or fails); returns where the build goes."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    esbuild = (
        "#!/bin/sh\necho 'index.js: could not resolve' >&2\nexit 1\n"
        if esbuild_fails
        else "#!/bin/sh\nfor a; do case $a in --outfile=*) out=${a#--outfile=};; "
        "--banner:js=*) banner=${a#--banner:js=};; esac; done\n"
        'printf "%s\\nvar Plotly={};\\n" "$banner" > "$out"\n'
    )
    npm = (
        "#!/bin/sh\n"
        '[ "$1" = ci ] || exit 1\n'
        "mkdir -p node_modules/plotly.js node_modules/.bin\n"
        f'echo \'{{"version": "{version}"}}\' > node_modules/plotly.js/package.json\n'
        f"cat > node_modules/.bin/esbuild <<'EOF'\n{esbuild}EOF\n"
        "chmod +x node_modules/.bin/esbuild\n"
    )
    (bin_dir / "npm").write_text(npm)
    (bin_dir / "npm").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return tmp_path / "vendor" / "plotly.min.js"


def test_a_build_is_kept_whole_and_names_the_version_it_bundled(tmp_path, monkeypatch):
    destination = fake_tools(tmp_path, monkeypatch)
    assert plotly_bundle.build(destination) == destination
    text = destination.read_text()
    assert plotly_bundle.bundle_version(text) == "4.1.1"
    assert "(bar, heatmap, scatter - minified)" in text.splitlines()[0]
    assert not list(destination.parent.glob("*.part"))


def test_a_lock_that_installs_another_plotly_js_is_refused_and_nothing_kept(tmp_path, monkeypatch):
    destination = fake_tools(tmp_path, monkeypatch, version="3.0.0")
    with pytest.raises(RuntimeError, match="installs plotly.js 3.0.0, not 4.1.1"):
        plotly_bundle.build(destination)
    assert not destination.exists()


def test_a_failed_build_keeps_nothing_and_the_app_falls_back_with_a_notice(
    tmp_path, monkeypatch, capsys
):
    destination = fake_tools(tmp_path, monkeypatch, esbuild_fails=True)
    with pytest.raises(RuntimeError, match="esbuild failed: index.js: could not resolve"):
        plotly_bundle.build(destination)
    assert not destination.exists()
    monkeypatch.setattr(plotly_bundle, "PARTIAL_PATH", destination)
    assert plotly_bundle.main(["build"]) == 0  # setup goes on
    assert "using plotly's full bundle" in capsys.readouterr().out
    plotly_bundle._notice_full_bundle.cache_clear()
    assert not plotly_bundle.plotly_js().partial
    assert "plotly.min.js is missing" in capsys.readouterr().err


def test_without_npm_the_build_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="npm is not installed"):
        plotly_bundle.build(tmp_path / "plotly.min.js")
