"""A journal file the app can't use: a clear, kind message on the page, and the file is
left exactly as it was."""

import contextlib
import os
import sqlite3
import subprocess

import pytest

from tests.conftest import run_page
from tests.page_charts import chart_elements
from tracker import open_store


def test_a_file_that_is_not_a_database_gets_a_message_and_is_untouched(app_db):
    app_db.write_bytes(b"these are not the bytes of a database" * 100)
    before = app_db.read_bytes()

    at = run_page("today")

    assert not at.exception
    [error] = at.error
    assert "can't be read as a database" in error.value and "Nothing was changed" in error.value
    assert app_db.read_bytes() == before


@pytest.mark.parametrize("page", ["today", "journey", "data"])
def test_a_file_from_a_newer_version_gets_a_message_and_is_untouched(app_db, page):
    open_store(app_db).close()
    conn = sqlite3.connect(app_db)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('tracker', 'm999_from_the_future', '2030-01-01')"
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    conn.close()
    before = app_db.read_bytes()

    at = run_page(page)

    assert not at.exception
    assert any("newer version" in e.value for e in at.error)
    assert app_db.read_bytes() == before


# --- faults: a damaged file, a full disk, a file that turns read-only -------------------

PAGE_SIZE = 4096


def _damaged_database(path, *, wal: bool) -> None:
    """A real journal whose check-ins table has been overwritten with junk on disk (the
    schema and the first page are intact, as after a half-written copy or a bad disk)."""
    with open_store(path) as store:
        journal = store.journal(store.add_person("Robin").id)
        for day in range(1, 200):
            journal.add_checkin(f"2024-{1 + day // 28:02}-{1 + day % 28:02}", 3, "x" * 200)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if not wal:
            store.db.execute("PRAGMA journal_mode = DELETE")
        leaves = [
            row[0]
            for row in store.db.execute(
                "SELECT pageno FROM dbstat WHERE name = 'checkins' AND pagetype = 'leaf'"
            )
        ]
    with open(path, "r+b") as file:
        for page in leaves[2:8]:
            file.seek((page - 1) * PAGE_SIZE)
            file.write(b"\xde\xad\xbe\xef" * (PAGE_SIZE // 4))


def _no_traceback_or_path(at, path) -> None:
    assert not at.exception
    shown = " ".join(e.value for e in [*at.error, *at.warning])
    assert str(path.parent) not in shown and "Traceback" not in shown


def test_a_damaged_file_is_never_rewritten_when_opened(app_db):
    _damaged_database(app_db, wal=False)
    before = app_db.read_bytes()

    at = run_page("today")

    _no_traceback_or_path(at, app_db)
    [error] = at.error
    assert "looks damaged" in error.value and "Nothing was changed" in error.value
    assert app_db.read_bytes() == before  # not even switched to WAL
    assert not app_db.with_name(app_db.name + "-wal").exists()


def faulty_connections(monkeypatch, pragma: str) -> None:
    """Make the app's connections hit a real SQLite fault on their first write: a full
    disk (``max_page_count``: the file may not grow) or a read-only file
    (``query_only``). The test's own connections are left alone."""
    from ui import session

    real_open = session.open_store

    def open_with_fault(*args, **kwargs):
        store = real_open(*args, **kwargs)
        store.db.execute(pragma)
        return store

    monkeypatch.setattr(session, "open_store", open_with_fault)


TYPED = "A long note about a hard evening. " * 200  # larger than a page: the file must grow


@pytest.mark.parametrize(
    "pragma, said",
    [
        ("PRAGMA max_page_count = 1", "no room left on the disk"),
        ("PRAGMA query_only = 1", "has become read-only"),
    ],
    ids=["disk-full", "read-only"],
)
def test_a_save_that_hits_a_fault_says_so_calmly_and_keeps_what_was_typed(
    app_journal, app_db, monkeypatch, pragma, said
):
    at = run_page("today")
    at.segmented_control(key="today_mood_0").set_value(2)
    at.text_area(key="today_note_0").input(TYPED)
    at.run()

    with monkeypatch.context() as patch:  # mid-session: the page was fine a moment ago
        faulty_connections(patch, pragma)
        at.button(key="today_save").click().run()

    _no_traceback_or_path(at, app_db)
    [warning] = [w for w in at.warning if said in w.value]
    assert "Nothing was changed" in warning.value and "still here" in warning.value
    assert at.text_area(key="today_note_0").value == TYPED
    assert app_journal.checkins() == []

    # The host frees space / makes the file writable again: the same press saves it.
    at.button(key="today_save").click().run()
    assert not at.exception
    [checkin] = app_journal.checkins()
    assert checkin.note == TYPED.strip()


@contextlib.contextmanager
def read_only_file(path):
    """Make ``path`` read-only for real: its mode, and for root (whom modes don't stop)
    the immutable flag, which refuses writes to everyone."""
    path.chmod(0o444)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o644)


def test_a_file_that_turns_read_only_still_shows_and_a_save_keeps_the_note(app_journal, app_db):
    app_journal.add_checkin("2024-05-01", 4, "an older entry")
    at = run_page("today")
    at.segmented_control(key="today_mood_0").set_value(3)
    at.text_area(key="today_note_0").input("Written while the disk was read-only.")
    at.run()

    with read_only_file(app_db):
        at.button(key="today_save").click().run()
        _no_traceback_or_path(at, app_db)
        said = [w.value for w in at.warning]
        assert any("has become read-only" in w and "still here" in w for w in said), said
        assert at.text_area(key="today_note_0").value == "Written while the disk was read-only."
        journey = run_page("journey")  # other pages still show the journal, read-only
        _no_traceback_or_path(journey, app_db)
        assert "has become read-only" in journey.warning[0].value
        assert chart_elements(journey)

    at.button(key="today_save").click().run()
    assert not at.exception
    assert [c.note for c in app_journal.checkins()][0] == "Written while the disk was read-only."
