"""A journal file damaged in the middle of a visit, for real: the server (asgi.py) shows a
calm message instead of a traceback with server paths, the check-in form keeps what the
person typed, and once the file is whole again the same press of Save saves it."""

import datetime as dt
import sqlite3

import pytest
from e2e_support import click, expect_toast, goto, main, pick_mood, serving
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTE = "Typed on a hard evening; it must not be lost."
PAGE_SIZE = 4096


def _seed(store) -> None:
    journal = store.journal(store.add_person("Robin").id)
    for back in range(1, 120):
        journal.add_checkin(dt.date.today() - dt.timedelta(days=back), 3, "an ordinary day")


def _still_damaged(path) -> bool:
    conn = sqlite3.connect(path)
    try:
        conn.execute("SELECT max(note) FROM checkins").fetchone()
    except sqlite3.DatabaseError as error:
        return "malformed" in str(error)
    finally:
        conn.close()
    return False


def test_a_file_damaged_mid_visit_ends_in_a_calm_message_and_keeps_the_note(
    tmp_path, browser, new_page
):
    with serving(tmp_path, seed=_seed, warm=browser) as server:
        page = new_page(server)
        goto(page, "/today")
        pick_mood(page, "okay")
        note = main(page).get_by_label("A note for yourself (optional)")
        note.fill(NOTE)

        # The disk goes bad under the check-ins: their table's root page turns to junk.
        conn = sqlite3.connect(server.db_path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        [[root]] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'checkins'")
        conn.close()
        whole = server.db_path.read_bytes()
        with open(server.db_path, "r+b") as file:
            file.seek((root - 1) * PAGE_SIZE)
            file.write(b"\xde\xad\xbe\xef" * (PAGE_SIZE // 4))

        click(page, "Save check-in")  # fails the test if a traceback shows

        # Twice: the save's own warning, and (asgi.py) the page that could not read on.
        expect(main(page).get_by_test_id("stAlertContentWarning")).to_contain_text("damaged")
        expect(main(page).get_by_test_id("stAlertContentError")).to_contain_text("damaged")
        expect(main(page)).to_contain_text("Everything you typed is still here.")
        expect(main(page)).not_to_contain_text(str(tmp_path))
        expect(note).to_have_value(NOTE)
        assert _still_damaged(server.db_path)  # the app did not write into it

        server.db_path.write_bytes(whole)  # the host restores the file
        click(page, "Save check-in")
        expect_toast(page, "Saved. Thanks for checking in.")
        with server.store() as store:
            [robin] = store.people()
            [today] = store.journal(robin.id).checkins(start=dt.date.today())
            assert today.note == NOTE
