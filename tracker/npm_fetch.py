"""Files from pinned npm packages, checked before they are kept.

axe-core (the accessibility tests) and the published plotly.js bundles the benchmark
compares (bench/bench_bundles.py) come from the npm registry, never from a CDN at run time
and never committed. ``npm pack`` fetches the exact version; the tarball must match the
registry's pinned ``sha512`` (`npm view PACKAGE@VERSION dist.integrity`) before anything of
it is written. The app's own plotly.js is built instead (tracker/plotly_bundle.py), and
written with :func:`keep_whole`.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path


def integrity(data: bytes) -> str:
    """npm's ``dist.integrity`` form of ``data``: "sha512-" and the base64 digest."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def npm_file(package: str, version: str, expected: str, member: str) -> bytes:
    """``member`` of ``package@version`` as ``npm pack`` fetches it, once the tarball is
    known to be the pinned one (``expected``). Raises RuntimeError when it can't be."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed (Debian: apt-get install npm)")
    with tempfile.TemporaryDirectory() as folder:
        packed = subprocess.run(
            [npm, "pack", "--silent", f"{package}@{version}"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
        )
        tarballs = list(Path(folder).glob("*.tgz"))
        if packed.returncode != 0 or len(tarballs) != 1:
            raise RuntimeError(f"npm pack failed: {packed.stderr.strip()[-300:]}")
        data = tarballs[0].read_bytes()
        if integrity(data) != expected:
            raise RuntimeError(f"{tarballs[0].name} does not match its pinned sha512")
        with tarfile.open(tarballs[0]) as archive:
            found = archive.extractfile(member)
            if found is None:
                raise RuntimeError(f"{package}@{version} has no {member}")
            return found.read()


def keep_whole(destination: Path, data: bytes) -> Path:
    """Write ``data`` to ``destination`` whole or not at all (a stopped setup leaves none)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(destination)
    return destination
