"""axe-core, fetched for the accessibility browser tests, is kept only when it is the
pinned package (its sha512 matches), and whole or not at all."""

import pytest

from tests import npm_fakes
from tests.browser import axe_core
from tracker.npm_fetch import integrity


def fake_npm(tmp_path, monkeypatch, script_text: str) -> bytes:
    """An `npm` whose `pack` hands over ``script_text`` as axe.min.js."""
    tarball = f"{axe_core.PACKAGE}-{axe_core.VERSION}.tgz"
    return npm_fakes.fake_npm(tmp_path, monkeypatch, "package/axe.min.js", script_text, tarball)


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
    monkeypatch.setattr(axe_core, "INTEGRITY", integrity(packed))
    destination = tmp_path / "vendor" / "axe.js"
    assert axe_core.fetch(destination) == destination
    assert destination.read_text() == text
