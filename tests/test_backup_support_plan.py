"""The support plan for hard days travels in backups (issue 13): kept, restored once,
never overwriting the plan a journal already has, and checked like everything else."""

from __future__ import annotations

import json

import pytest

from tracker.backup import backup_bytes, make_backup, restore_backup
from tracker.errors import InvalidEntry
from tracker.records import SupportContact


def test_a_support_plan_is_backed_up_and_restored(store, journal):
    journal.save_support_plan([{"name": "Ana", "how": "call 0123"}], "Tea\nA walk", "555 0100")
    data = backup_bytes(journal)
    assert json.loads(data)["support_plan"]["contacts"] == [{"name": "Ana", "how": "call 0123"}]

    restored = restore_backup(store, data)
    plan = restored.support_plan()
    assert plan.contacts == (SupportContact("Ana", "call 0123"),)
    assert plan.help_lines == ["Tea", "A walk"] and plan.crisis_line == "555 0100"
    assert backup_bytes(restored) == data  # the same plan gives the same file
    restore_backup(store, data, restored.person_id)  # again: nothing changes
    assert restored.support_plan() == plan


def test_restoring_keeps_the_plan_a_journal_already_has(store, journal):
    journal.save_support_plan([{"name": "Ana"}], None, None)
    data = make_backup(journal)
    other = store.journal(store.add_person("Sam").id)
    other.save_support_plan([{"name": "Lee", "how": "text"}], None, None)
    restore_backup(store, data, other.person_id)
    assert other.support_plan().contacts == (SupportContact("Lee", "text"),)


def test_a_journal_without_a_plan_backs_up_none(journal):
    assert make_backup(journal)["support_plan"] is None


def test_a_bad_support_plan_restores_nothing_and_says_so(store, journal):
    journal.add_checkin("2024-01-02", 3)
    data = make_backup(journal)
    data["support_plan"] = {"contacts": [{"name": "", "how": "text me"}], "updated": "2024-01-01"}
    before = len(store.people())
    with pytest.raises(InvalidEntry, match="support plan"):
        restore_backup(store, data)
    assert len(store.people()) == before


def test_restoring_a_plan_says_so_in_words(store, journal):
    from tracker.backup import preview_backup
    from tracker.importers import apply_import

    journal.save_support_plan([{"name": "Ana"}], None, None)
    other = store.journal(store.add_person("Sam").id)
    result = apply_import(other, preview_backup(make_backup(journal), other))
    assert "1 support plan" in result.summary()
