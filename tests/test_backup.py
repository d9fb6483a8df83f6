"""Backup and restore: everything of one person in one JSON file, and back, exactly."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import records, sharing
from tracker.backup import FORMAT, backup_bytes, make_backup, preview_backup, restore_backup
from tracker.errors import InvalidEntry
from tracker.importers import apply_import, preview_daylio
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
    journal.mark_all_celebrated([("first-week", dt.date(2025, 5, 7), "A first week of check-ins")])
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


def test_a_limit_of_none_at_all_comes_back(store, journal):
    # "At most 0 cigarettes" is a goal the goal form allows; its backup must restore.
    smoke = journal.add_goal(
        "No cigarettes",
        times=1,
        per_days=1,
        unit="cigarettes",
        target_type="at_most",
        target_value=0,
    )
    journal.log_goal(smoke.id, "2025-05-01", "amount", amount=0)
    data = backup_bytes(journal)
    restored = restore_backup(store, data)
    (goal,) = restored.goals()
    assert (goal.target_type, goal.target_value, goal.unit) == ("at_most", 0.0, "cigarettes")
    assert backup_bytes(restored) == data


def test_a_daylio_import_with_a_long_custom_mood_comes_back(store, journal):
    # The import's key holds the mood's name, here longer than any other field.
    label = "calm but tired " * 30
    csv = (
        "full_date,date,weekday,time,mood,activities,note\n"
        f'2024-06-03,June 3,Monday,9:00 pm,{label},"",""\n'
    )
    apply_import(journal, preview_daylio(csv.encode(), journal, mood_map={label: 3}))
    data = backup_bytes(journal)
    restored = restore_backup(store, data)
    assert [c.mood for c in restored.checkins()] == [3]
    assert backup_bytes(restored) == data


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


def texts(limit: int) -> st.SearchStrategy[str]:
    """Short words, and text right at the app's limit for that field (wide characters too)."""
    return st.one_of(
        words.map(lambda w: w[:limit]).filter(str.strip),
        st.sampled_from(["x", "é", "🚶", "👍🏽"]).map(lambda c: (c * limit)[:limit]),
    )


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


notes = st.one_of(optional(words), st.just('a, "b"\nc'), texts(records.MAX_NOTE))
# The first day the journal goes back to, ordinary days, and today.
days = st.one_of(
    st.integers(0, 60).map(lambda n: BASE + dt.timedelta(days=n)),
    st.sampled_from([records.EARLIEST_DAY, dt.date.today()]),
)
cadences = st.one_of(
    st.none(),
    st.sampled_from([(1, 1), (1, 365), (365, 365), (3, 7)]),
    st.integers(1, 365).flatmap(lambda d: st.tuples(st.integers(1, d), st.just(d))),
)
# Every target the goal form allows: "at most 0" (none at all) is a real goal.
below_a_billion = st.floats(0, 1e9, exclude_max=True)
targets = st.one_of(
    st.none(),
    st.tuples(
        st.just("at_least"),
        st.sampled_from([5e-324, 2.5, 1e9 - 1]) | below_a_billion.filter(lambda x: x > 0),
    ),
    st.tuples(st.just("at_most"), st.sampled_from([0.0, 0.5, 1e9 - 1]) | below_a_billion),
)
amounts = st.sampled_from([0.0, 0.001, 1.25, 1e9 - 1]) | below_a_billion
# Changes the app can make after a goal was set, when days are already logged.
goal_edits = st.sampled_from([None, "retitle", "clear target", "to one-off", "to habit"])

# Any sections a link can show; notes go with the mood trend or the goals.
share_scopes = st.lists(st.sampled_from(list(sharing.SCOPES)), unique=True).map(
    lambda chosen: chosen if {"mood", "goals"} & set(chosen) else ["mood", *chosen]
)

journals = st.fixed_dictionaries(
    {
        "person": texts(records.MAX_NAME),
        "checkins": st.lists(
            st.tuples(days, st.integers(1, 5), notes, st.lists(words, max_size=2)), max_size=12
        ),
        "activities": st.lists(
            st.tuples(
                texts(records.MAX_NAME),
                optional(texts(8)),
                optional(st.one_of(st.sampled_from(records.CATEGORIES), texts(30))),
                cadences,
                st.sampled_from(records.ACTIVITY_KINDS),
                st.lists(days, max_size=5),
                st.booleans(),
            ),
            max_size=4,
        ),
        "goals": st.lists(
            st.tuples(
                texts(records.MAX_TITLE),
                optional(texts(records.MAX_REFLECTION)),
                st.sampled_from(["habit", "oneoff"]),
                cadences,
                targets,
                optional(texts(30)),
                optional(days),
                st.lists(
                    st.tuples(
                        days,
                        st.sampled_from(["done", "amount", "skipped", "lapsed"]),
                        amounts,
                        optional(texts(records.MAX_REASON)),
                    ),
                    max_size=5,
                ),
                st.lists(st.tuples(texts(records.MAX_TITLE), st.booleans()), max_size=3),
                st.lists(st.tuples(st.sampled_from(records.GOAL_STATUSES), days), max_size=3),
                goal_edits,
            ),
            max_size=3,
        ),
        "setbacks": st.lists(
            st.tuples(
                days,
                texts(records.MAX_REFLECTION),
                optional(texts(records.MAX_REFLECTION)),
                optional(texts(records.MAX_REFLECTION)),
            ),
            max_size=3,
        ),
        "shares": st.lists(
            st.tuples(
                texts(sharing.MAX_LABEL),
                share_scopes,
                st.sampled_from(list(sharing.EXPIRY_CHOICES)),
                st.booleans(),
                st.lists(
                    st.tuples(texts(sharing.MAX_AUTHOR), texts(sharing.MAX_MESSAGE), st.booleans()),
                    max_size=2,
                ),
            ),
            max_size=2,
        ),
        "seen": st.booleans(),
        "celebrations": st.lists(
            st.tuples(
                st.text("abcdefgh-:0123456789", min_size=1, max_size=80), days, words.map(str.strip)
            ),
            max_size=3,
        ),
        "support_plan": optional(
            st.tuples(
                st.lists(
                    st.tuples(texts(records.MAX_NAME), optional(texts(records.MAX_CONTACT_HOW))),
                    max_size=records.MAX_CONTACTS,
                ),
                optional(texts(records.MAX_REFLECTION)),
                optional(texts(records.MAX_CRISIS_LINE)),
            )
        ),
    }
)


def build(store: Store, spec: dict) -> Journal:
    """A journal written only through the app's own calls, as the pages make them."""
    journal = new_person(store, spec["person"])
    for day, mood, note, did in spec["checkins"]:
        journal.add_checkin(day, mood, note, activities=did)
    for name, emoji, category, cadence, kind, logged, archived in spec["activities"]:
        if journal.activity_named(name) is not None:
            continue  # one activity per name, whatever its case
        times, per_days = cadence or (None, None)
        activity = journal.add_activity(
            name, emoji=emoji, category=category, times=times, per_days=per_days, kind=kind
        )
        for day in logged:
            journal.log_activity(activity.id, day)
        journal.archive_activity(activity.id, archived=archived)
    for goal_spec in spec["goals"]:
        title, why, kind, cadence, target, unit, by, logs, steps, statuses, edit = goal_spec
        times, per_days = cadence or (None, None)
        target_type, target_value = target or (None, None)
        goal = journal.add_goal(
            title,
            kind=kind,
            why=why,
            times=times,
            per_days=per_days,
            unit=unit,
            target_type=target_type,
            target_value=target_value,
            target_date=by,
            steps=[title for title, _ in steps],
        )
        for step, (_, done) in zip(goal.steps, steps, strict=True):
            journal.set_step_done(step.id, done)
        for day, log_status, amount, reason in logs:
            if log_status == "amount" and not goal.is_measurable:
                log_status = "done"
            journal.log_goal(goal.id, day, log_status, amount=amount, reason=reason)
        for status, on in statuses:
            journal.set_goal_status(goal.id, status, on=on)
        if edit == "retitle":
            journal.update_goal(goal.id, title=title[::-1].strip() or "Renamed")
        elif edit == "clear target":
            journal.update_goal(goal.id, target_type=None, target_value=None)
        elif edit == "to one-off":
            journal.update_goal(goal.id, kind="oneoff", target_date=by)
        elif edit == "to habit":
            journal.update_goal(goal.id, kind="habit", times=1, per_days=1)
    for day, happened, helped, next_time in spec["setbacks"]:
        journal.add_setback(day, happened, helped, next_time)
    for number, (label, scopes, expires, revoke, messages) in enumerate(spec["shares"]):
        made = NOW + dt.timedelta(minutes=number)
        share, token = sharing.create_share(journal, label, scopes, expires, now=made)
        view = sharing.open_share(store, token, now=made)
        for author, message, hidden in messages:
            cheer = sharing.leave_encouragement(store, view, author, message, now=made)
            sharing.hide_encouragement(journal, cheer.id, hidden)
        if revoke:
            sharing.revoke_share(journal, share.id, now=made)
    if spec["seen"]:
        sharing.mark_encouragements_seen(journal)
    journal.mark_all_celebrated(spec["celebrations"])
    if spec["support_plan"] is not None:
        contacts, helps, crisis_line = spec["support_plan"]
        journal.save_support_plan(
            [{"name": name, "how": how} for name, how in contacts], helps, crisis_line
        )
    return journal


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
