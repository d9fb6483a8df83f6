"""Previews and imports done in a worker process come back whole, refusals included."""

from pathlib import Path

import pytest

from tests.hostile_files import loop_db_endless_view
from tracker.errors import InvalidEntry
from tracker.importers.daylio import preview_daylio
from tracker.importers.worker import apply_upload, preview_upload

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_worker_previews_and_imports_like_the_page_did_in_its_own_thread(journal, store):
    data = (FIXTURES / "daylio_v2_full_date.csv").read_bytes()
    preview = preview_upload("daylio", data, str(store.path), journal.person.id)
    assert preview.summary() == preview_daylio(data, journal).summary()
    assert journal.checkins() == []

    result = apply_upload(preview, str(store.path), journal.person.id)
    assert result.summary().startswith("Added 5 check-ins")
    assert len(journal.checkins()) == 5


def test_a_refusal_in_a_worker_reaches_the_page_as_a_kind_message(journal, store):
    with pytest.raises(InvalidEntry, match="isn't a plain table"):
        preview_upload("loop", loop_db_endless_view(), str(store.path), journal.person.id)
