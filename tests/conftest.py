"""Shared fixtures: a fresh database per test, and one person's journal in it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tracker.store import Journal, Store, open_store


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    """A new, empty database file for this test only."""
    opened = open_store(tmp_path / "tracker.db")
    yield opened
    opened.close()


@pytest.fixture
def journal(store: Store) -> Journal:
    """The journal of one person, Alex, in ``store``."""
    return store.journal(store.add_person("Alex").id)


# --- page tests (Streamlit AppTest) ---------------------------------------------------


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """TRACKER_DB for pages under AppTest, with Streamlit's caches cleared (they are
    per process and would leak from one test to the next)."""
    import streamlit as st

    path = tmp_path / "app.db"
    monkeypatch.setenv("TRACKER_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app_journal(app_db) -> Iterator[Journal]:
    """A person, Robin, in the pages' database; the page will pick them as the journal."""
    with open_store(app_db) as opened:
        yield opened.journal(opened.add_person("Robin").id)


def run_page(name: str, timeout: float = 30, *, person_id: int | None = None):
    """Run ``pages/<name>.py`` once under AppTest (as ``person_id``, when given)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(f"../pages/{name}.py", default_timeout=timeout)
    if person_id is not None:
        at.session_state["person_id"] = person_id
    return at.run()
