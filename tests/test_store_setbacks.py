"""The store's setback notes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.store_rows import DAY
from tracker.errors import InvalidEntry


def test_setbacks_are_kept_edited_and_deleted(journal):
    first = journal.add_setback(DAY, " A rough night ", "Tea", "")
    second = journal.add_setback(DAY + dt.timedelta(days=3), "Argument", try_next="Walk first")
    assert (first.what_happened, first.what_helped, first.try_next) == (
        "A rough night",
        "Tea",
        None,
    )
    assert [s.id for s in journal.setbacks()] == [second.id, first.id]  # newest first
    edited = journal.update_setback(first.id, "A rough night", "Tea and a friend")
    assert edited.what_helped == "Tea and a friend" and edited.day == DAY
    with pytest.raises(InvalidEntry):
        journal.update_setback(first.id, "")
    journal.delete_setback(second.id)
    assert [s.id for s in journal.setbacks()] == [first.id]
    assert journal.frames().setbacks["what_helped"].tolist() == ["Tea and a friend"]


def test_a_setback_can_move_to_another_day_but_never_into_the_future(journal):
    note = journal.add_setback("2024-03-01", "A rough night", "My sister")
    moved = journal.update_setback(note.id, "A rough night", "My sister", day="2024-03-03")
    assert (moved.day, moved.what_helped) == (dt.date(2024, 3, 3), "My sister")
    kept = journal.update_setback(note.id, "A rough night, then a walk")
    assert kept.day == dt.date(2024, 3, 3)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(InvalidEntry):
        journal.update_setback(note.id, "A rough night", day=tomorrow)
    assert journal.setback(note.id).day == dt.date(2024, 3, 3)
