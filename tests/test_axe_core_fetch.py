"""axe-core, fetched for the accessibility browser tests, is kept only when it is the
pinned package (its sha512 matches), and whole or not at all."""

import io
import os
import tarfile

import pytest

from tests.browser import axe_core


def fake_npm(tmp_path, monkeypatch, script_text: str) -> bytes:
    """An `npm` on PATH whose `pack` hands over a tarball holding ``script_text`` as
    axe.min.js; returns the tarball's bytes."""
    data = script_text.encode()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        member = tarfile.TarInfo("package/axe.min.js")
        member.size = len(data)
        archive.addfile(member, io.BytesIO(data))
    tarball = tmp_path / "packed.tgz"
    tarball.write_bytes(buffer.getvalue())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text(f"#!/bin/sh\ncp {tarball} ./{axe_core.PACKAGE}-{axe_core.VERSION}.tgz\n")
    npm.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return buffer.getvalue()


def test_an_axe_core_that_does_not_match_its_pinned_hash_is_refused_and_not_kept(
    tmp_path, monkeypatch
):
    fake_npm(tmp_path, monkeypatch, "window.axe = {run: () => Promise.resolve({violations: []})}")
    destination = tmp_path / "vendor" / "axe.js"
    with pytest.raises(RuntimeError, match="does not match its pinned sha512"):
        axe_core.fetch(destination)
    assert not destination.exists()


def test_an_axe_core_matching_its_hash_is_kept_whole(tmp_path, monkeypatch):
    text = "/*! axe v4.14.1 */ window.axe = {};"
    packed = fake_npm(tmp_path, monkeypatch, text)
    monkeypatch.setattr(axe_core, "INTEGRITY", axe_core.integrity(packed))
    destination = tmp_path / "vendor" / "axe.js"
    assert axe_core.fetch(destination) == destination
    assert destination.read_text() == text
