"""The store's tables, each with its columns declared once: the declarations match the
database, and the raw-row reads and writes of imports and backups keep to them."""

from __future__ import annotations

import pytest

from tests.store_rows import DAY
from tracker.backup import make_backup
from tracker.store import TABLES

# Columns in the database that imports and backups don't carry (yet): the name a shared
# link calls its owner by (schema m010).
NOT_DECLARED = {"shares": {"shown_name"}}


def test_every_table_declares_exactly_the_columns_the_database_has(store):
    for name, table in TABLES.items():
        in_database = {column.name for column in store.db[name].columns}
        declared = {"person_id", *table.stored} | NOT_DECLARED.get(name, set())
        assert in_database == declared, name


def test_a_journal_written_row_by_row_reads_back_with_every_declared_column(journal):
    walk = journal.add_activity("Walk", emoji="🚶", category="body", times=3, per_days=7)
    goal = journal.add_goal("Water", unit="glasses", target_type="at_least", target_value=8)
    journal.add_checkin(DAY, 4, "a calm day", activities=[walk.id], goal_amounts={goal.id: 6})
    journal.add_setback(DAY, "a hard evening", "tea", "rest early")
    for name in ("checkins", "activities", "activity_logs", "goals", "goal_logs", "setbacks"):
        [row] = journal.rows(name)
        assert tuple(row) == TABLES[name].stored, name
    assert journal.rows("goals")[0]["target_value"] == 8
    assert journal.rows("activities")[0]["emoji"] == "🚶"


def test_a_share_never_leaves_the_database_with_its_token_hash(journal):
    from tracker import sharing

    sharing.create_share(journal, "Group", ["mood"])
    [row] = journal.rows("shares")
    assert "token_hash" not in row
    assert "token_hash" not in str(make_backup(journal))


def test_bulk_rows_go_only_into_declared_tables_and_columns(store, journal):
    sam = store.journal(store.add_person("Sam").id)
    with pytest.raises(ValueError):
        journal.rows("people")
    with pytest.raises(ValueError):
        journal.insert_rows("saved_links", [{"token": "x"}])
    # A row naming another person (or a column nobody declared) is still this person's.
    journal.insert_rows(
        "checkins",
        [
            {
                "day": DAY.isoformat(),
                "logged_at": "2024-03-01T12:00:00",
                "mood": 3,
                "person_id": sam.person_id,
                "secret": "x",
            }
        ],
    )
    assert len(journal.rows("checkins")) == 1
    assert sam.rows("checkins") == []
