"""The store's celebrations: each milestone is cheered once."""

from __future__ import annotations

import pytest

from tests.store_rows import DAY


def test_a_celebration_fires_once_per_person(store, journal):
    win = [("run-7", DAY, "Seven days in a row")]
    assert journal.mark_all_celebrated(win) == {"run-7"}
    assert journal.mark_all_celebrated(win) == set()
    assert journal.celebrated_keys() == {"run-7"}
    sam = store.journal(store.add_person("Sam").id)
    assert sam.celebrated_keys() == set()
    assert sam.mark_all_celebrated(win) == {"run-7"}


def test_many_wins_are_recorded_together_and_only_new_keys_come_back(journal):
    journal.mark_all_celebrated([("run-7", DAY, "Seven days in a row")])
    wins = [("run-7", DAY, "Seven days in a row"), ("days-30", DAY, "Thirty days logged")]
    assert journal.mark_all_celebrated(wins) == {"days-30"}
    assert journal.mark_all_celebrated(wins) == set()
    assert journal.celebrated_keys() == {"run-7", "days-30"}


def test_wins_recorded_together_are_all_or_nothing(journal):
    broken = [("first-week", DAY, "A first week"), ("comeback", "not a day", "Back again")]
    with pytest.raises(AttributeError):
        journal.mark_all_celebrated(broken)
    assert journal.celebrated_keys() == set()
