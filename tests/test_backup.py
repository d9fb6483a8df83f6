"""Backup and restore: everything of one person in one JSON file, and back, exactly."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import sharing
from tracker.backup import FORMAT, backup_bytes, make_backup, preview_backup, restore_backup
from tracker.errors import InvalidEntry
from tracker.importers import apply_import
from tracker.store import Journal, Store, open_store

NOW = dt.datetime(2025, 6, 1, 9, 30)


def fill(journal: Journal) -> str:
    """A journal with one of every kind of record. Returns the live share's token."""
    walk = journal.add_activity("Walk", emoji="🚶", category="body", times=3, per_days=7)
    journal.add_activity("Old hobby")
    journal.archive_activity(journal.activity_named("Old hobby").id)
    journal.add_checkin(
        "2025-05-01", 4, 'Good day, "really"\nsecond line', activities=[walk.id, "Called Mum"]
    )
    journal.add_checkin("2025-05-01", 2, "Evening dip")
    journal.add_checkin("2025-05-02", 3, import_key="daylio:2025-05-02T10:00:meh:x")
    habit = journal.add_goal(
        "Drinks",
        times=1,
        per_days=1,
        unit="drinks",
        target_type="at_most",
        target_value=2,
        why="Mornings",
    )
    journal.log_goal(habit.id, "2025-05-01", "amount", amount=1.5)
    journal.log_goal(habit.id, "2025-05-02", "skipped", reason="Wedding")
    journal.set_goal_status(habit.id, "paused", on="2025-05-03")
    journal.set_goal_status(habit.id, "active", on="2025-05-06")
    oneoff = journal.add_goal(
        "Pottery class", kind="oneoff", target_date="2026-01-01", steps=["Find a studio", "Book"]
    )
    journal.set_step_done(oneoff.steps[0].id)
    journal.set_goal_status(oneoff.id, "achieved", on="2025-05-20")
    journal.add_setback("2025-05-03", "Rough week", "My sister", "Ask sooner")
    journal.mark_celebrated("first-week", dt.date(2025, 5, 7), "A first week of check-ins")
    live, token = sharing.create_share(journal, "Jo", ["mood", "goals"], now=NOW)
    old, old_token = sharing.create_share(journal, "Sam", ["mood"], "1 week", now=NOW)
    view = sharing.open_share(journal.store, token, now=NOW + dt.timedelta(hours=1))
    sharing.leave_encouragement(journal.store, view, "Jo", "Proud of you!", now=NOW)
    sharing.open_share(journal.store, old_token, now=NOW + dt.timedelta(hours=2))
    sharing.revoke_share(journal, old.id, now=NOW + dt.timedelta(days=1))
    return token


def new_person(store: Store, name: str = "Fresh") -> Journal:
    return store.journal(store.add_person(name).id)


def test_the_backup_holds_everything_and_no_secrets(journal):
    token = fill(journal)
    data = backup_bytes(journal)
    backup = json.loads(data)
    assert backup["format"] == FORMAT and backup["version"] == 1
    assert backup["person"] == {"name": "Alex"}
    assert [c["note"] for c in backup["checkins"]] == [
        "Evening dip",  # same day and time: then in a fixed order, by content
        'Good day, "really"\nsecond line',
        None,
    ]
    walk = next(a for a in backup["activities"] if a["name"] == "Walk")
    assert (walk["emoji"], walk["times"], walk["per_days"], walk["days"]) == (
        "🚶",
        3,
        7,
        ["2025-05-01"],
    )
    assert next(a for a in backup["activities"] if a["name"] == "Old hobby")["archived"]
    drinks = next(g for g in backup["goals"] if g["title"] == "Drinks")
    assert drinks["logs"] == [
        {"day": "2025-05-01", "status": "amount", "amount": 1.5, "reason": None},
        {"day": "2025-05-02", "status": "skipped", "amount": None, "reason": "Wedding"},
    ]
    assert drinks["pauses"] == [{"start": "2025-05-03", "end": "2025-05-05"}]
    pottery = next(g for g in backup["goals"] if g["title"] == "Pottery class")
    assert [(s["title"], s["done"]) for s in pottery["steps"]] == [
        ("Find a studio", True),
        ("Book", False),
    ]
    assert backup["setbacks"][0]["what_helped"] == "My sister"
    assert backup["celebrations"][0]["key"] == "first-week"
    jo = next(s for s in backup["shares"] if s["label"] == "Jo")
    assert jo["encouragements"][0]["message"] == "Proud of you!"
    assert len(jo["views"]) == 1
    # No ids and no token hashes anywhere in the file.
    text = data.decode()
    assert '"id"' not in text and "token_hash" not in text
    assert sharing.hash_token(token) not in text


def test_restore_into_a_fresh_person_gives_the_same_file(store, journal):
    fill(journal)
    for share in sharing.list_shares(journal):
        sharing.revoke_share(journal, share.id, now=NOW)
    first = backup_bytes(journal)
    restored = restore_backup(store, first)
    assert restored.person_id != journal.person_id
    assert restored.person.name == "Alex"
    assert backup_bytes(restored) == first


def test_restoring_twice_changes_nothing(store, journal):
    fill(journal)
    data = backup_bytes(journal)
    target = new_person(store)
    restore_backup(store, data, target.person_id)
    once = list(store.db.conn.iterdump())
    result = apply_import(target, preview_backup(data, target))
    assert sum(result.added.values()) == 0
    assert list(store.db.conn.iterdump()) == once


def test_restoring_into_the_same_person_changes_nothing(store, journal):
    fill(journal)
    before = list(store.db.conn.iterdump())
    preview = preview_backup(backup_bytes(journal), journal)
    assert preview.already_there == 3 and preview.new_goals == [] and preview.new_activities == []
    apply_import(journal, preview)
    assert list(store.db.conn.iterdump()) == before


def test_restore_into_an_existing_person_keeps_what_is_there(store, journal):
    fill(journal)
    data = backup_bytes(journal)
    other = new_person(store, "Robin")
    mine = other.add_checkin("2025-04-01", 5, "Mine")
    other.add_activity("walk")  # the same activity, by name, whatever its case
    restore_backup(store, data, other.person_id)
    assert other.checkin(mine.id).note == "Mine"
    assert len(other.checkins()) == 4
    assert [a.name for a in other.activities(include_archived=True)] == [
        "Called Mum",
        "Old hobby",
        "walk",
    ]
    assert other.person.name == "Robin"


def test_restored_shares_are_revoked_and_cannot_be_opened(store, journal):
    token = fill(journal)
    data = backup_bytes(journal)
    store.delete_person(journal.person_id)
    restored = restore_backup(store, data)
    assert sharing.open_share(store, token, now=NOW) is None
    shares = {s.label: s for s in sharing.list_shares(restored)}
    assert shares["Jo"].status(NOW) == "revoked"
    assert shares["Jo"].view_count == 1
    assert [e.message for e in sharing.encouragements(restored)] == ["Proud of you!"]


def test_a_backup_from_a_newer_app_is_refused(journal):
    data = json.dumps({"format": FORMAT, "version": 2, "person": {"name": "A"}}).encode()
    with pytest.raises(InvalidEntry, match="newer version"):
        preview_backup(data, journal)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n", "isn't JSON"),
        (b'{"format": "something-else", "version": 1}', "isn't a Resilience Tracker backup"),
        (b'{"format": "resilience-tracker-backup"}', "no version"),
        (b"[" * 100_000, "isn't JSON"),
    ],
)
def test_files_that_are_not_backups_are_refused(journal, data, message):
    with pytest.raises(InvalidEntry, match=message):
        preview_backup(data, journal)


def test_a_bad_record_restores_nothing_and_says_which(store, journal):
    fill(journal)
    backup = make_backup(journal)
    backup["checkins"][1]["mood"] = 9
    backup["goals"][0]["logs"][0]["day"] = "2025-02-30"
    target = new_person(store)
    before = list(store.db.conn.iterdump())
    preview = preview_backup(json.dumps(backup).encode(), target)
    assert [p.where for p in preview.problems] == ["check-in 2", "goal 1"]
    with pytest.raises(InvalidEntry, match="check-in 2: mood is a number from 1"):
        apply_import(target, preview)
    with pytest.raises(InvalidEntry):
        restore_backup(store, json.dumps(backup).encode())
    assert list(store.db.conn.iterdump()) == before


# --- the round trip on random journals -----------------------------------------------

BASE = dt.date(2024, 1, 1)
words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(str.strip)
notes = st.one_of(st.none(), words, st.just('a, "b"\nc'))
days = st.integers(0, 60).map(lambda n: BASE + dt.timedelta(days=n))

journals = st.fixed_dictionaries(
    {
        "checkins": st.lists(st.tuples(days, st.integers(1, 5), notes), max_size=12),
        "activities": st.lists(st.tuples(words, st.lists(days, max_size=5)), max_size=4),
        "goals": st.lists(
            st.tuples(
                words,
                st.sampled_from(["habit", "measurable", "oneoff"]),
                st.lists(
                    st.tuples(days, st.sampled_from(["done", "amount", "skipped", "lapsed"])),
                    max_size=5,
                ),
                st.lists(words, max_size=3),
                st.sampled_from(["active", "paused", "achieved", "archived"]),
            ),
            max_size=3,
        ),
        "setbacks": st.lists(st.tuples(days, words, notes), max_size=3),
        "shares": st.lists(
            st.tuples(words, st.booleans(), st.lists(words, max_size=2)), max_size=2
        ),
    }
)


def build(store: Store, spec: dict) -> Journal:
    journal = new_person(store, "Rae")
    for day, mood, note in spec["checkins"]:
        journal.add_checkin(day, mood, note)
    for name, logged in spec["activities"]:
        activity = journal.ensure_activity(name[:60])
        for day in logged:
            journal.log_activity(activity.id, day)
    for title, kind, logs, steps, status in spec["goals"]:
        measurable = kind == "measurable"
        goal = journal.add_goal(
            title,
            kind="oneoff" if kind == "oneoff" else "habit",
            times=2,
            per_days=7,
            unit="km" if measurable else None,
            target_type="at_least" if measurable else None,
            target_value=2.5 if measurable else None,
            steps=steps,
        )
        for day, log_status in logs:
            if log_status == "amount" and not measurable:
                log_status = "done"
            journal.log_goal(goal.id, day, log_status, amount=1.25, reason="tired")
        journal.set_goal_status(goal.id, status, on=BASE + dt.timedelta(days=30))
    for day, happened, helped in spec["setbacks"]:
        journal.add_setback(day, happened, helped)
    for number, (label, revoke, messages) in enumerate(spec["shares"]):
        made = NOW + dt.timedelta(minutes=number)
        share, token = sharing.create_share(journal, label[:60], ["mood"], now=made)
        view = sharing.open_share(store, token, now=made)
        for message in messages:
            sharing.leave_encouragement(store, view, "Peer", message, now=made)
        if revoke:
            sharing.revoke_share(journal, share.id, now=made)
    return journal


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals)
def test_backup_restore_backup_round_trips(spec):
    store = open_store(":memory:")
    try:
        original = build(store, spec)
        first = backup_bytes(original)
        copy = restore_backup(store, first)
        second = backup_bytes(copy)
        # The same file, except that live links come back revoked (no token survives).
        expected = json.loads(first)
        restored = json.loads(second)
        for share, again in zip(expected["shares"], restored["shares"], strict=True):
            assert again["revoked"] is not None
            if share["revoked"] is None:
                share["revoked"] = again["revoked"]
        assert restored == expected
        # From then on it is exact, and restoring again changes nothing.
        third = backup_bytes(restore_backup(store, second))
        assert third == second
        before = list(store.db.conn.iterdump())
        restore_backup(store, second, copy.person_id)
        assert list(store.db.conn.iterdump()) == before
    finally:
        store.close()


# --- fuzzing the file ------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**12) | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


@st.composite
def damaged_backups(draw) -> bytes:
    store = open_store(":memory:")
    journal = new_person(store, "Fuzz")
    fill(journal)
    backup = make_backup(journal)
    store.close()
    for _ in range(draw(st.integers(1, 3))):
        section = draw(st.sampled_from(["checkins", "activities", "goals", "shares", "person"]))
        target = backup[section]
        if isinstance(target, list):
            target = target[draw(st.integers(0, len(target) - 1))]
        field = draw(st.sampled_from(sorted(target)))
        target[field] = draw(json_values)
    return json.dumps(backup).encode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        damaged_backups(), st.binary(max_size=200), json_values.map(json.dumps).map(str.encode)
    )
)
def test_damaged_backups_are_restored_or_refused_kindly(data):
    store = open_store(":memory:")
    try:
        journal = new_person(store, "Target")
        journal.add_checkin("2024-01-01", 3)
        before = list(store.db.conn.iterdump())
        try:
            restore_backup(store, data, journal.person_id)
        except InvalidEntry as refused:
            assert str(refused).strip()
            assert list(store.db.conn.iterdump()) == before
    finally:
        store.close()
