"""The schema: built from nothing, upgraded in place from every older version,
and never touched when the file is unreadable or from a newer version."""

from __future__ import annotations

import inspect
import random
import sqlite3
from collections.abc import Callable

import pytest
from sqlite_utils import Database

from tracker import schema
from tracker.errors import DatabaseProblem
from tracker.schema import LOG_TABLES, VERSIONED_TABLES, migration_names, migrations
from tracker.store import open_store

MIGRATION_NAMES = migration_names()


# Rows put into the tables each migration creates, written with the SQL of that
# time. A new migration needs an entry here (test_every_migration_has_seed_rows).


def _seed_m001(db: Database) -> None:
    db.execute(
        "INSERT INTO people (id, name, created, login, is_demo) "
        "VALUES (1, 'Robin', '2024-01-01T09:00:00', NULL, 0)"
    )
    db.execute(
        "INSERT INTO checkins (id, person_id, day, logged_at, mood, note) VALUES "
        "(1, 1, '2024-01-02', '2024-01-02T08:00:00', 2, 'slow start'), "
        "(2, 1, '2024-01-02', '2024-01-02T20:00:00', 4, NULL)"
    )
    db.execute(
        "INSERT INTO activities (id, person_id, name, emoji, category, created) "
        "VALUES (1, 1, 'Walk', '🚶', 'body', '2024-01-01T09:00:00')"
    )
    db.execute(
        "INSERT INTO activity_logs (person_id, activity_id, day) VALUES (1, 1, '2024-01-02')"
    )
    db.execute(
        "INSERT INTO goals (id, person_id, title, kind, times, per_days, status, created) "
        "VALUES (1, 1, 'Stretch', 'habit', 3, 7, 'active', '2024-01-01T09:00:00')"
    )
    db.execute(
        "INSERT INTO goal_steps (id, person_id, goal_id, title, done, position) "
        "VALUES (1, 1, 1, 'Find a mat', 1, 0)"
    )
    db.execute(
        "INSERT INTO goal_logs (person_id, goal_id, day, status) VALUES "
        "(1, 1, '2024-01-02', 'lapsed')"
    )
    db.execute(
        "INSERT INTO setbacks (id, person_id, day, what_happened, what_helped, try_next, created) "
        "VALUES (1, 1, '2024-01-03', 'Bad night', 'Tea', 'Sleep earlier', '2024-01-03T10:00:00')"
    )


def _seed_m002(db: Database) -> None:
    db.execute(
        "INSERT INTO goal_pauses (person_id, goal_id, start, end) "
        "VALUES (1, 1, '2024-01-04', '2024-01-06')"
    )
    db.execute(
        "INSERT INTO celebrations (person_id, key, day, text, celebrated_at) "
        "VALUES (1, 'first-week', '2024-01-08', 'A first week', '2024-01-08T09:00:00')"
    )


def _seed_m003(db: Database) -> None:
    db.execute(
        "INSERT INTO shares (id, person_id, label, token_hash, scopes, created) "
        "VALUES (1, 1, 'Jo', 'ab12', 'mood', '2024-01-09T09:00:00')"
    )
    db.execute(
        "INSERT INTO share_views (person_id, share_id, viewed_at) "
        "VALUES (1, 1, '2024-01-09T10:00:00')"
    )
    db.execute(
        "INSERT INTO encouragements (person_id, share_id, author, message, created) "
        "VALUES (1, 1, 'Jo', 'Proud of you', '2024-01-09T11:00:00')"
    )
    db.execute(
        "INSERT INTO saved_links (person_id, token, label, created) "
        "VALUES (1, 'tok', 'Robin', '2024-01-09T12:00:00')"
    )


def _seed_m004(db: Database) -> None:
    pass  # m004 adds a column and triggers, no table: its tests are below


def _seed_m005(db: Database) -> None:
    pass  # m005 adds columns and triggers, no table: its tests are below


def _seed_m006(db: Database) -> None:
    pass  # m006 adds columns and an index, no table: tests/test_identities.py


def _seed_m007(db: Database) -> None:
    pass  # m007 adds a column, no table: its tests are below


def _seed_m008(db: Database) -> None:
    db.execute(
        "INSERT INTO support_plans (person_id, contacts, helps, crisis_line, updated) VALUES "
        '(1, \'[{"name": "Ana", "how": "call"}]\', \'Tea\', NULL, \'2024-01-04T10:00:00\')'
    )


def _seed_m009(db: Database) -> None:
    pass  # m009 adds indexes only: tests/test_encouragement_limits.py upgrades a filled file


def _seed_m010(db: Database) -> None:
    db.execute("UPDATE saved_links SET last_looked = '2024-01-10T09:00:00' WHERE token = 'tok'")
    db.execute("UPDATE shares SET shown_name = 'Rob' WHERE id = 1")


SEEDS: dict[str, Callable[[Database], None]] = {
    "m001_core": _seed_m001,
    "m002_pauses_and_celebrations": _seed_m002,
    "m003_sharing": _seed_m003,
    "m004_data_versions": _seed_m004,
    "m005_log_versions": _seed_m005,
    "m006_identities": _seed_m006,
    "m007_activity_kinds": _seed_m007,
    "m008_journal_search_and_support_plan": _seed_m008,
    "m009_encouragement_limits": _seed_m009,
    "m010_peer_overview": _seed_m010,
}


def _snapshot(db: Database) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows, in rowid order."""
    tables: dict[str, tuple[list[str], list[tuple]]] = {}
    # A search index (FTS5) is derived from other tables: it and its shadow tables are
    # checked by their own tests (tests/test_journal_search.py).
    indexes = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
        ).fetchall()
    ]
    for table in db.table_names():
        if table.startswith("sqlite_") or table == migrations.migrations_table:
            continue
        if any(table == index or table.startswith(index + "_") for index in indexes):
            continue
        columns = db[table].columns_dict.keys()
        rows = db.execute(f"SELECT * FROM [{table}] ORDER BY rowid").fetchall()
        tables[table] = (list(columns), rows)
    return tables


def test_every_migration_has_seed_rows():
    assert set(SEEDS) == set(MIGRATION_NAMES)


def test_a_new_file_gets_the_whole_schema(tmp_path):
    path = tmp_path / "fresh" / "tracker.db"
    with open_store(path) as store:
        applied = [m.name for m in migrations.applied(store.db)]
        assert applied == MIGRATION_NAMES
        tables = set(store.db.table_names())
    assert {
        "people",
        "checkins",
        "activities",
        "activity_logs",
        "goals",
        "goal_steps",
        "goal_logs",
        "goal_pauses",
        "celebrations",
        "setbacks",
        "shares",
        "share_views",
        "encouragements",
        "saved_links",
    } <= tables


def test_an_empty_file_is_set_up_like_a_new_one(tmp_path):
    path = tmp_path / "tracker.db"
    path.touch()
    with open_store(path) as store:
        assert [m.name for m in migrations.applied(store.db)] == MIGRATION_NAMES
        assert store.people() == []


def test_opening_again_keeps_everything_and_applies_nothing_twice(tmp_path):
    path = tmp_path / "tracker.db"
    with open_store(path) as store:
        journal = store.journal(store.add_person("Robin").id)
        journal.add_checkin("2024-05-01", 4, "a good day")
        first = [(m.name, m.applied_at) for m in migrations.applied(store.db)]
    with open_store(path) as store:
        assert [(m.name, m.applied_at) for m in migrations.applied(store.db)] == first
        [checkin] = store.journal(store.people()[0].id).checkins()
        assert (checkin.mood, checkin.note) == (4, "a good day")


@pytest.mark.parametrize("migration", MIGRATION_NAMES)
def test_upgrade_in_place_from_the_schema_before(tmp_path, migration):
    """Build the schema as it was before ``migration``, fill it, then open it."""
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before=migration)
    for earlier in MIGRATION_NAMES[: MIGRATION_NAMES.index(migration)]:
        SEEDS[earlier](old)
    before = _snapshot(old)
    old.close()

    with open_store(path) as store:
        assert [m.name for m in migrations.applied(store.db)] == MIGRATION_NAMES
        after = _snapshot(store.db)
        for table, (columns, rows) in before.items():
            kept = after[table][0]
            assert kept[: len(columns)] == columns
            assert [row[: len(columns)] for row in after[table][1]] == rows
        assert list(store.db.query("PRAGMA foreign_key_check")) == []
        assert next(store.db.query("PRAGMA integrity_check"))["integrity_check"] == "ok"
        if before:  # the person made before the upgrade still has their journal
            journal = store.journal(1)
            assert [c.mood for c in journal.checkins(newest_first=False)] == [2, 4]
            assert journal.goal(1).steps[0].title == "Find a mat"
            assert journal.goal_logs(1)[0].status == "lapsed"
            # ... and can keep writing into the upgraded file.
            journal.add_checkin("2024-02-01", 5)
            assert len(journal.checkins()) == 3


def _add_future_migration(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('tracker', 'm999_from_a_newer_app', '2099-01-01 00:00:00')"
    )
    conn.commit()
    conn.close()


def test_a_file_from_a_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "tracker.db"
    with open_store(path) as store:
        store.journal(store.add_person("Robin").id).add_checkin("2024-05-01", 3)
    _add_future_migration(path)
    before = path.read_bytes()

    with pytest.raises(DatabaseProblem) as problem:
        open_store(path)

    message = str(problem.value)
    assert "newer version" in message
    assert "m999_from_a_newer_app" in message
    assert "Nothing was changed" in message
    assert path.read_bytes() == before


def _random_bytes(size: int) -> bytes:
    return random.Random(20240501).randbytes(size)


@pytest.mark.parametrize(
    "content",
    [
        _random_bytes(8192),
        "My journal – day 1: felt okay 🙂\n".encode() * 50,
        b"SQLite format 3\x00" + _random_bytes(4080),  # right header, broken body
    ],
    ids=["random-bytes", "text-file", "broken-database"],
)
def test_an_unreadable_file_is_refused_and_untouched(tmp_path, content):
    path = tmp_path / "tracker.db"
    path.write_bytes(content)

    with pytest.raises(DatabaseProblem) as problem:
        open_store(path)

    assert "can't be read" in str(problem.value)
    assert "Nothing was changed" in str(problem.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tracker.db"]


def test_wal_foreign_keys_and_busy_timeout_are_on(store):
    def pragma(name: str) -> object:
        return next(iter(next(store.db.query(f"PRAGMA {name}")).values()))

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 5000


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            "INSERT INTO checkins (person_id, day, logged_at, mood) "
            "VALUES (999, '2024-01-01', '2024-01-01T12:00:00', 3)"
        )
    assert store.db.execute("SELECT count(*) FROM checkins").fetchone() == (0,)


def test_deleting_a_person_removes_all_of_theirs(store):
    person = store.add_person("Robin")
    journal = store.journal(person.id)
    goal = journal.add_goal("Stretch", steps=["Find a mat"])
    journal.add_checkin("2024-05-01", 3, "note", activities=["Walk"], goals_done=[goal.id])
    journal.add_setback("2024-05-01", "A hard day")
    other = store.journal(store.add_person("Sam").id)
    other.add_checkin("2024-05-01", 5)

    store.delete_person(person.id)

    for table in ("checkins", "activities", "activity_logs", "goals", "goal_logs", "setbacks"):
        count = store.db.execute(f"SELECT count(*) FROM {table} WHERE person_id = ?", [person.id])
        assert count.fetchone() == (0,), table
    assert len(other.checkins()) == 1


# --- m004: data versions ---------------------------------------------------------------


def _robin_and_sam_before(path, migration: str) -> Database:
    """A file from before ``migration`` with Robin's journal (id 1) and Sam (id 2)."""
    old = Database(path)
    migrations.apply(old, stop_before=migration)
    _seed_m001(old)
    old.execute("INSERT INTO people (id, name, created) VALUES (2, 'Sam', '2024-01-01T09:00:00')")
    return old


def test_upgraded_people_get_distinct_versions_that_their_writes_change(tmp_path):
    path = tmp_path / "old.db"
    _robin_and_sam_before(path, "m004_data_versions").close()
    with open_store(path) as store:
        robin, sam = store.data_version(1), store.data_version(2)
        assert robin != sam
        store.journal(1).add_checkin("2024-02-01", 5)
        assert store.data_version(1) > max(robin, sam)
        assert store.data_version(2) == sam


WRITES_TO_EACH_TABLE = {
    "checkins": "UPDATE checkins SET mood = 5 WHERE person_id = 1",
    "activities": "UPDATE activities SET name = 'Walk outside' WHERE person_id = 1",
    "activity_logs": "DELETE FROM activity_logs WHERE person_id = 1",
    "goals": "UPDATE goals SET title = 'Stretch daily' WHERE person_id = 1",
    "goal_logs": "INSERT INTO goal_logs (person_id, goal_id, day, status) "
    "VALUES (1, 1, '2024-01-05', 'done')",
    "goal_pauses": "DELETE FROM goal_pauses WHERE person_id = 1",
    "setbacks": "UPDATE setbacks SET what_helped = 'A walk' WHERE person_id = 1",
}


@pytest.mark.parametrize("table", sorted(WRITES_TO_EACH_TABLE))
def test_any_write_to_a_journals_tables_changes_its_version(tmp_path, table):
    assert set(WRITES_TO_EACH_TABLE) == set(VERSIONED_TABLES)
    path = tmp_path / "tracker.db"
    with open_store(path) as store:
        for seed in (_seed_m001, _seed_m002, _seed_m003):
            seed(store.db)
        sam = store.add_person("Sam").id
        before, sams = store.data_versions(1), store.data_versions(sam)
        store.db.execute(WRITES_TO_EACH_TABLE[table])
        after = store.data_versions(1)
        assert after.journal > before.journal
        assert store.data_versions(sam) == sams  # only the writer's journal
        # A long log table's own version moves with writes to it, and only to it.
        for log_table in LOG_TABLES:
            moved = getattr(after, log_table) != getattr(before, log_table)
            assert moved == (table == log_table), log_table


def test_a_peer_viewing_a_share_leaves_the_version_alone(tmp_path):
    with open_store(tmp_path / "tracker.db") as store:
        for seed in (_seed_m001, _seed_m002, _seed_m003):
            seed(store.db)
        before = store.data_version(1)
        store.db.execute(
            "INSERT INTO share_views (person_id, share_id, viewed_at) "
            "VALUES (1, 1, '2024-01-10T10:00:00')"
        )
        assert store.data_version(1) == before


def test_a_journal_that_reuses_a_deleted_id_never_meets_its_old_versions(tmp_path):
    with open_store(tmp_path / "tracker.db") as store:
        store.add_person("Sam")  # stays, with the older, smaller versions
        robin = store.add_person("Robin").id
        journal = store.journal(robin)
        seen = set(store.data_versions(robin))
        for day in ("2024-02-01", "2024-02-02", "2024-02-03"):
            journal.add_checkin(day, 2, "private")
            journal.log_activity(journal.add_activity(f"Walk {day}").id, day)
            seen |= set(store.data_versions(robin))
        store.delete_person(robin)
        again = store.add_person("Alex").id
        assert again == robin  # SQLite hands the id out again...
        alex = store.journal(again)
        for day in ("2024-03-01", "2024-03-02"):
            assert not seen & set(store.data_versions(again))  # ...but never a version
            alex.add_checkin(day, 4)
        assert not seen & set(store.data_versions(again))


def test_upgraded_people_keep_their_version_and_get_log_versions_of_their_own(tmp_path):
    path = tmp_path / "old.db"
    old = _robin_and_sam_before(path, "m005_log_versions")
    before = dict(old.execute("SELECT id, data_version FROM people").fetchall())
    old.close()
    with open_store(path) as store:
        robin = store.data_versions(1)
        assert robin.journal == before[1] and store.data_versions(2).journal == before[2]
        store.journal(1).add_checkin("2024-02-01", 5)  # no log written: logs keep theirs
        after = store.data_versions(1)
        assert after.journal > robin.journal
        assert (after.activity_logs, after.goal_logs) == (robin.activity_logs, robin.goal_logs)


def test_saved_links_keep_their_rows_and_start_never_looked_at(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m010_peer_overview")
    for earlier in MIGRATION_NAMES[: MIGRATION_NAMES.index("m010_peer_overview")]:
        SEEDS[earlier](old)
    old.close()
    with open_store(path) as store:
        journal = store.journal(1)
        [link] = journal.saved_link_rows()
        assert (link["token"], link["label"]) == ("tok", "Robin")
        assert journal.saved_link_looks() == {link["id"]: None}
        journal.mark_saved_links_looked([link["id"]], "2024-02-01T10:00:00")
        assert journal.saved_link_looks() == {link["id"]: "2024-02-01T10:00:00"}


def test_upgraded_activities_keep_their_days_and_imported_ones_become_neutral(tmp_path):
    """Made in the app: self-care, as before. Brought in by a Daylio import (no emoji,
    kind or rhythm, logged only on imported days): neutral, for the person to sort."""
    path = tmp_path / "old.db"
    old = _robin_and_sam_before(path, "m007_activity_kinds")
    old.execute(
        "INSERT INTO checkins (person_id, day, logged_at, mood, import_key) VALUES "
        "(1, '2019-03-01', '2019-03-01T12:00:00', 3, 'daylio:2019-03-01T12:00:meh:0'), "
        "(1, '2019-03-02', '2019-03-02T12:00:00', 4, 'daylio:2019-03-02T12:00:good:0')"
    )
    old.execute(
        "INSERT INTO activities (id, person_id, name, created) VALUES "
        "(2, 1, 'Smoking weed', '2024-01-05T09:00:00'), "
        "(3, 1, 'gaming', '2024-01-05T09:00:00'), "
        "(4, 1, 'Tea', '2024-01-05T09:00:00')"
    )
    old.execute(
        "INSERT INTO activity_logs (person_id, activity_id, day) VALUES "
        "(1, 2, '2019-03-01'), (1, 3, '2019-03-02'), "
        "(1, 4, '2019-03-01'), (1, 4, '2024-01-02')"  # Tea also logged in the app
    )
    old.close()
    with open_store(path) as store:
        journal = store.journal(1)
        kinds = {a.name: a.kind for a in journal.activities()}
        assert kinds == {
            "Walk": "selfcare",
            "Smoking weed": "neutral",
            "gaming": "neutral",
            "Tea": "selfcare",
        }
        assert len(journal.rows("activity_logs")) == 5
        assert journal.add_activity("Run").kind == "selfcare"


# --- a shipped migration is frozen --------------------------------------------------------


def _names_read(code) -> set[str]:
    """Global names a function's code reads, its comprehensions and inner functions too."""
    names = set(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= _names_read(const)
    return names


@pytest.mark.parametrize("name", MIGRATION_NAMES)
def test_a_migration_reads_no_module_level_values(name):
    # A migration that loops over today's table lists (or reads any other value kept
    # outside it) would do something else on an old database once a table is added.
    function = getattr(schema, name)
    values = {
        global_name
        for global_name in _names_read(function.__code__)
        if global_name in function.__globals__
        and not callable(function.__globals__[global_name])
        and not inspect.ismodule(function.__globals__[global_name])
    }
    assert not values, f"{name} reads {sorted(values)}: spell out the values of its time in it"


def _schema_sql(db: Database) -> list[tuple]:
    return db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def test_adding_a_table_to_todays_lists_changes_no_shipped_migration(monkeypatch):
    shipped = Database(memory=True)
    migrations.apply(shipped)
    monkeypatch.setattr(schema, "VERSIONED_TABLES", (*VERSIONED_TABLES, "celebrations"))
    monkeypatch.setattr(schema, "LOG_TABLES", (*LOG_TABLES, "goal_pauses"))
    later = Database(memory=True)
    migrations.apply(later)
    assert _schema_sql(later) == _schema_sql(shipped)
