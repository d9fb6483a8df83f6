"""Fuzzed form fields (hypothesis): whatever a person types is either stored or refused
with a kind message, and the page never crashes."""

import datetime as dt

import pytest
import streamlit as st
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as strategies

from tests.conftest import run_page
from tracker import open_store, sharing

# Any text, including control characters, markup, emoji and very long strings.
typed = strategies.text(max_size=300) | strategies.sampled_from(
    [
        "",
        "   ",
        "\x00",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "'; DROP TABLE checkins; --",
        "🙂" * 70,
        "x" * 6000,
    ]
)
FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A new database per example (hypothesis reuses the function's fixtures)."""

    def make():
        path = tmp_path / f"fuzz-{dt.datetime.now().timestamp()}.db"
        monkeypatch.setenv("TRACKER_DB", str(path))
        st.cache_data.clear()
        st.cache_resource.clear()
        store = open_store(path)
        return store, store.journal(store.add_person("Robin").id)

    return make


def refused_kindly(at) -> bool:
    return bool(at.warning) and all(w.value.strip() for w in at.warning)


@FUZZ
@given(note=typed, activity=typed)
def test_today_note_and_new_activity(fresh, note, activity):
    store, journal = fresh()
    at = run_page("today")
    at.segmented_control(key="today_mood_0").set_value(3)
    at.text_input(key="today_new_activity_0").input(activity[:60])
    at.text_area(key="today_note_0").input(note)
    at.button(key="today_save").click().run()
    assert not at.exception
    stored = journal.checkins()
    assert len(stored) == 1 or (stored == [] and refused_kindly(at))
    if stored:
        assert stored[0].note == (note.replace("\x00", "").strip() or None)


@FUZZ
@given(title=typed, why=typed)
def test_goal_title_and_why(fresh, title, why):
    store, journal = fresh()
    at = run_page("goals")
    at.text_input(key="goals_new_title").input(title[:120])
    at.text_area(key="goals_new_why").input(why[:2000])
    at.button(key="goals_new_add").click().run()
    assert not at.exception
    assert len(journal.goals()) == 1 or (journal.goals() == [] and refused_kindly(at))


@FUZZ
@given(name=typed, emoji=typed)
def test_selfcare_name_and_emoji(fresh, name, emoji):
    store, journal = fresh()
    at = run_page("selfcare")
    at.text_input(key="selfcare_new_name").input(name[:60])
    at.text_input(key="selfcare_new_emoji").input(emoji[:8])
    at.button(key="selfcare_new_add").click().run()
    assert not at.exception
    stored = journal.activities()
    assert len(stored) == 1 or (stored == [] and refused_kindly(at))


@FUZZ
@given(label=typed)
def test_share_label(fresh, label):
    store, journal = fresh()
    at = run_page("share")
    at.text_input(key="share_label").input(label[:60])
    at.button(key="share_create").click().run()
    assert not at.exception
    shares = sharing.list_shares(journal)
    assert len(shares) == 1 or (shares == [] and refused_kindly(at))


@FUZZ
@given(author=typed, message=typed)
def test_encouragement_author_and_message(fresh, author, message):
    store, journal = fresh()
    _, token = sharing.create_share(journal, "Peer", ["mood"])
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../pages/shared.py", default_timeout=30)
    at.query_params["t"] = token
    at.run()
    at.text_input(key="shared_author").input(author[:60])
    at.text_area(key="shared_message").input(message[:500])
    at.button(key="shared_send").click().run()
    assert not at.exception
    received = sharing.encouragements(journal)
    assert len(received) == 1 or (received == [] and refused_kindly(at))
    if received:
        assert received[0].message == message[:500].replace("\x00", "").strip()


@FUZZ
@given(link=typed)
def test_peers_pasted_link(fresh, link):
    store, journal = fresh()
    at = run_page("peers", person_id=journal.person_id)
    at.text_input(key="peers_link").input(link)
    at.button(key="peers_save").click().run()
    assert not at.exception
    saved = sharing.saved_links(journal)
    assert len(saved) == 1 or (saved == [] and refused_kindly(at))
