"""Many writers at once, in threads and in separate processes: every check-in is
stored exactly once, and nobody sees "database is locked"."""

from __future__ import annotations

import collections
import datetime as dt
import multiprocessing
import threading
import traceback

import pytest

from tracker.store import open_store

WRITERS = 20
PER_WRITER = 20
DAY = dt.date(2024, 3, 1)


def _prepare(path) -> tuple[int, int]:
    """A database with one person and a goal, closed again before anyone forks."""
    with open_store(path) as store:
        person = store.add_person("Robin")
        goal = store.journal(person.id).add_goal("Stretch")
    return person.id, goal.id


def _write(path, person_id: int, goal_id: int, writer: int) -> None:
    """What one visitor does: save check-ins (multi-row, in a transaction), log a goal
    and a setback (single statements), edit a check-in, and read the journal back."""
    with open_store(path) as store:
        journal = store.journal(person_id)
        for i in range(PER_WRITER):
            day = DAY + dt.timedelta(days=i)
            checkin = journal.add_checkin(
                day, 1 + (writer + i) % 5, f"writer {writer} entry {i}", activities=["Walk"]
            )
            journal.log_goal(goal_id, day, "done")
            if i % 4 == 0:
                journal.add_setback(day, f"writer {writer} setback {i}")
            journal.update_checkin(checkin.id, mood=checkin.mood, note=checkin.note)
            journal.checkins(day, day)


def _check_everything_stored_once(path, person_id: int) -> None:
    with open_store(path) as store:
        journal = store.journal(person_id)
        notes = collections.Counter(c.note for c in journal.checkins())
        expected = {f"writer {w} entry {i}" for w in range(WRITERS) for i in range(PER_WRITER)}
        assert set(notes) == expected
        assert set(notes.values()) == {1}
        assert [a.name for a in journal.activities()] == ["Walk"]  # added once, not 20 times
        assert len(journal.frames().activity_logs) == PER_WRITER
        assert len(journal.goal_logs()) == PER_WRITER
        assert len(journal.setbacks()) == WRITERS * len(range(0, PER_WRITER, 4))


def test_twenty_threads_each_with_their_own_connection(tmp_path):
    path = tmp_path / "tracker.db"
    person_id, goal_id = _prepare(path)
    start = threading.Barrier(WRITERS)
    errors: list[str] = []

    def run(writer: int) -> None:
        try:
            start.wait(timeout=60)
            _write(path, person_id, goal_id, writer)
        except BaseException:
            errors.append(traceback.format_exc())

    threads = [threading.Thread(target=run, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert errors == []
    _check_everything_stored_once(path, person_id)


def _process_main(path, person_id, goal_id, writer, start, results) -> None:
    try:
        start.wait(timeout=120)
        _write(path, person_id, goal_id, writer)
        results.put((writer, None))
    except BaseException:
        results.put((writer, traceback.format_exc()))


def _run_processes(target, args_for) -> list[str]:
    """Start WRITERS processes released together; return what went wrong in them."""
    # fork: the children start at once; nothing SQLite is open in the parent by then.
    context = multiprocessing.get_context("fork")
    start = context.Barrier(WRITERS)
    results = context.Queue()
    processes = [
        context.Process(target=target, args=(*args_for(w), w, start, results))
        for w in range(WRITERS)
    ]
    for process in processes:
        process.start()
    outcomes = dict(results.get(timeout=300) for _ in processes)
    for process in processes:
        process.join(timeout=60)
    assert sorted(outcomes) == list(range(WRITERS))
    assert all(process.exitcode == 0 for process in processes)
    return [error for error in outcomes.values() if error]


def test_twenty_processes_writing_into_one_file(tmp_path):
    path = tmp_path / "tracker.db"
    person_id, goal_id = _prepare(path)

    errors = _run_processes(_process_main, lambda w: (path, person_id, goal_id))

    assert errors == []
    _check_everything_stored_once(path, person_id)


def _first_open_main(path, writer, start, results) -> None:
    try:
        start.wait(timeout=120)
        with open_store(path) as store:
            person = store.add_person(f"Visitor {writer}")
            store.journal(person.id).add_checkin(DAY, 3, f"visitor {writer}")
        results.put((writer, None))
    except BaseException:
        results.put((writer, traceback.format_exc()))


@pytest.mark.parametrize("exists", [False, True], ids=["new-file", "existing-file"])
def test_twenty_processes_opening_the_database_at_the_same_time(tmp_path, exists):
    """The first start of a shared server: everyone creates or upgrades the file at once."""
    path = tmp_path / "tracker.db"
    if exists:
        open_store(path).close()

    errors = _run_processes(_first_open_main, lambda w: (path,))

    assert errors == []
    with open_store(path) as store:
        assert sorted(p.name for p in store.people()) == sorted(
            f"Visitor {w}" for w in range(WRITERS)
        )
        rows = store.db.execute("SELECT count(*) FROM checkins").fetchone()
        assert rows == (WRITERS,)
