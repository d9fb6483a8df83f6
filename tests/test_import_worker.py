"""Previews and imports done in a worker process come back whole, refusals included."""

from pathlib import Path

import pytest

from tests.hostile_files import loop_db_endless_view
from tracker.errors import InvalidEntry
from tracker.importers import worker
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


def test_a_new_worker_never_runs_the_page_script_that_started_it(journal, store, tmp_path):
    """Streamlit runs a page as a stand-in __main__ whose __file__ is the script: a new
    "spawn" worker must not run that script again (it would open the journal, draw...)."""
    import sys
    import types

    ran = tmp_path / "the page ran in the worker"
    page = tmp_path / "page.py"
    page.write_text(f"open({str(ran)!r}, 'w').close()\n")
    script_main = types.ModuleType("__main__")
    script_main.__file__ = str(page)  # what Streamlit's script runner installs
    real_main = sys.modules["__main__"]
    worker._forget_pool()  # new worker processes, started while the page is __main__
    sys.modules["__main__"] = script_main
    try:
        data = (FIXTURES / "daylio_v2_full_date.csv").read_bytes()
        preview = preview_upload("daylio", data, str(store.path), journal.person.id)
        assert sys.modules["__main__"] is script_main  # the page's own stays in place
    finally:
        sys.modules["__main__"] = real_main
        worker._forget_pool()
    assert preview.summary() == preview_daylio(data, journal).summary()
    assert not ran.exists()
