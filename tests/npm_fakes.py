"""A stand-in `npm` for the tests of fetched assets (plotly.js, axe-core): its `pack`
hands over a tarball of our own, so the pinned-hash check is tried for real."""

from __future__ import annotations

import io
import os
import tarfile


def fake_npm(tmp_path, monkeypatch, member: str, text: str, tarball_name: str) -> bytes:
    """Put an `npm` on PATH whose `pack` writes ``tarball_name`` holding ``text`` as
    ``member``; returns the tarball's bytes (for its sha512)."""
    data = text.encode()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        entry = tarfile.TarInfo(member)
        entry.size = len(data)
        archive.addfile(entry, io.BytesIO(data))
    tarball = tmp_path / "packed.tgz"
    tarball.write_bytes(buffer.getvalue())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text(f"#!/bin/sh\ncp {tarball} ./{tarball_name}\n")
    npm.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return buffer.getvalue()
