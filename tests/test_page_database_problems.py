"""A journal file the app can't use: a clear, kind message on the page, and the file is
left exactly as it was."""

import sqlite3

import pytest

from tests.conftest import run_page
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
