"""Importing a Daylio CSV export: every header Daylio shipped, the awkward cases, refusals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import InvalidEntry
from tracker.importers import apply_import, preview_daylio
from tracker.store import Journal, open_store

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def snapshot(journal: Journal) -> list[str]:
    """Every row of the whole database, to show that nothing changed."""
    return list(journal.db.conn.iterdump())


def entries(journal: Journal) -> list[tuple[str, int, str | None]]:
    return [(c.logged_at, c.mood, c.note) for c in journal.checkins(newest_first=False)]


def day_activities(journal: Journal) -> dict[str, set[str]]:
    names = {a.id: a.name for a in journal.activities(include_archived=True)}
    found: dict[str, set[str]] = {}
    for row in journal.rows("activity_logs"):
        found.setdefault(row["day"], set()).add(names[row["activity_id"]])
    return found


def import_file(journal: Journal, name: str, **options) -> None:
    apply_import(journal, preview_daylio(fixture(name), journal, **options))


def test_oldest_header_with_year_and_locale_dates(journal):
    import_file(journal, "daylio_v1_year.csv")
    assert entries(journal) == [
        ("2017-12-31T12:00:00", 4, None),
        ("2018-05-16T00:05:00", 1, "Did nothing today."),
        ("2018-05-17T22:21:00", 3, None),
        ("2018-05-18T23:54:00", 5, "Went to a party"),
    ]
    assert day_activities(journal)["2018-05-17"] == {"cook", "stressed"}


def test_full_date_header_with_bom_mixed_times_and_html_notes(journal):
    preview = preview_daylio(fixture("daylio_v2_full_date.csv"), journal)
    assert preview.problems == []
    assert (preview.first_day.isoformat(), preview.last_day.isoformat()) == (
        "2024-02-29",
        "2024-03-03",
    )
    assert preview.new_activities == ["bad sleep", "friends", "walk", "work"]
    apply_import(journal, preview)
    assert entries(journal) == [
        ("2024-02-29T23:59:00", 2, None),
        ("2024-03-01T14:03:00", 1, "Hard day; 3 < 5 but ok"),
        ("2024-03-02T18:50:00", 4, "Para one\nPara two"),
        ("2024-03-03T10:04:00", 3, "Slow morning & rain"),
        ("2024-03-03T22:00:00", 5, 'Lunch with Sam, then a long walk.\nFelt "light" again.'),
    ]
    # "walk" and "Walk" are one activity; stray spaces and empty pieces are dropped.
    assert sorted(a.name for a in journal.activities()) == ["bad sleep", "friends", "walk", "work"]
    assert day_activities(journal) == {
        "2024-03-03": {"friends", "walk"},
        "2024-03-02": {"walk"},
        "2024-03-01": {"work", "bad sleep"},
    }


def test_note_title_header_and_italian_moods(journal):
    import_file(journal, "daylio_v3_note_title.csv")
    assert entries(journal) == [
        ("2024-04-29T23:05:00", 1, "Giornata dura"),
        ("2024-04-30T22:40:00", 2, None),
        ("2024-05-01T19:00:00", 4, "Riga uno\nRiga due"),
        ("2024-05-02T08:30:00", 3, None),
        ("2024-05-02T21:15:00", 5, "Una bella giornata\nCena con gli amici\nPoi una passeggiata"),
    ]


def test_newest_header_with_scales_and_german_moods(journal):
    import_file(journal, "daylio_v4_scales.csv")
    assert [mood for _, mood, _ in entries(journal)] == [1, 2, 3, 4, 5]
    assert day_activities(journal)["2025-01-10"] == {"Sport", "Freunde"}
    assert entries(journal)[1] == ("2025-01-07T22:10:00", 2, "Müde")


def test_existing_activity_is_matched_whatever_its_case(journal):
    walk = journal.add_activity("WALK")
    import_file(journal, "daylio_v2_full_date.csv")
    assert walk.id in journal.day_activities("2024-03-02")
    assert [a.name for a in journal.activities()].count("WALK") == 1


def test_preview_writes_nothing(journal):
    before = snapshot(journal)
    preview = preview_daylio(fixture("daylio_v2_full_date.csv"), journal)
    assert preview.counts["checkins"] == 5
    assert "5 check-ins" in preview.summary()
    assert snapshot(journal) == before


def test_importing_the_same_file_twice_adds_nothing(journal):
    import_file(journal, "daylio_v2_full_date.csv")
    before = snapshot(journal)
    again = preview_daylio(fixture("daylio_v2_full_date.csv"), journal)
    assert again.already_there == 5
    result = apply_import(journal, again)
    assert result.added == {"checkins": 0, "activity_days": 0, "goals": 0, "goal_days": 0}
    assert snapshot(journal) == before


def test_two_identical_rows_are_two_entries_and_still_import_once(journal):
    row = "2024-01-05,,,9:00 pm,good,,same words\n"
    data = ("full_date,date,weekday,time,mood,activities,note\n" + row + row).encode()
    apply_import(journal, preview_daylio(data, journal))
    apply_import(journal, preview_daylio(data, journal))
    assert len(journal.checkins()) == 2


def test_unknown_mood_labels_are_listed_and_nothing_is_written(journal):
    before = snapshot(journal)
    preview = preview_daylio(fixture("daylio_custom_moods.csv"), journal)
    assert preview.unknown_moods == ["fine", "so-so"]
    assert not preview.ready
    with pytest.raises(InvalidEntry, match="“fine”, “so-so”"):
        apply_import(journal, preview)
    assert snapshot(journal) == before


def test_a_mood_map_covers_unknown_labels(journal):
    import_file(journal, "daylio_custom_moods.csv", mood_map={"Fine": 4, " so-so ": 3})
    assert [mood for _, mood, _ in entries(journal)] == [4, 3, 4]


def test_a_mood_map_must_give_a_score_from_1_to_5(journal):
    with pytest.raises(InvalidEntry, match="1 .awful. to 5"):
        preview_daylio(fixture("daylio_custom_moods.csv"), journal, mood_map={"fine": 7})


def test_a_bad_row_imports_nothing_and_says_which_row_and_why(journal):
    journal.add_checkin("2024-01-01", 3)
    before = snapshot(journal)
    preview = preview_daylio(fixture("daylio_bad_rows.csv"), journal)
    assert [p.where for p in preview.problems] == ["row 3", "row 4", "row 5"]
    assert "isn't a date" in preview.problems[0].why
    assert "25:00" in preview.problems[1].why
    assert "no mood" in preview.problems[2].why
    with pytest.raises(InvalidEntry) as refused:
        apply_import(journal, preview)
    message = str(refused.value)
    assert "Nothing was imported" in message and "row 3:" in message and "row 5:" in message
    assert snapshot(journal) == before


def test_a_day_in_the_future_is_a_row_problem(journal):
    data = b"full_date,time,mood\n2999-01-01,10:00,good\n"
    preview = preview_daylio(data, journal)
    assert [str(p) for p in preview.problems] == [
        "row 2: that day hasn't happened yet. You can log today or any day before it."
    ]


def test_a_file_that_is_not_a_daylio_export_is_refused(journal):
    with pytest.raises(InvalidEntry, match="doesn't look like a Daylio export"):
        preview_daylio(b"name,score\nsam,3\n", journal)
    with pytest.raises(InvalidEntry, match="empty"):
        preview_daylio(b"", journal)


def test_progress_is_reported_from_0_to_1(journal):
    seen: list[float] = []
    preview = preview_daylio(fixture("daylio_v2_full_date.csv"), journal)
    apply_import(journal, preview, progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) > 2


def test_an_ambiguous_old_style_date_is_a_row_problem(journal):
    data = b"year,date,weekday,time,mood,activities,note\n2018,05/06,,9:00 pm,good,,\n"
    preview = preview_daylio(data, journal)
    assert "could be day 5 or day 6" in str(preview.problems[0])
    unambiguous = b"year,date,weekday,time,mood,activities,note\n2018,25/06,,9:00 pm,good,,\n"
    apply_import(journal, preview_daylio(unambiguous, journal))
    assert journal.checkins()[0].day.isoformat() == "2018-06-25"


# --- fuzzing: anything is imported, or refused kindly, and never half-written -----------

VALID = fixture("daylio_v2_full_date.csv")


@st.composite
def garbled(draw) -> bytes:
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        piece = draw(st.binary(min_size=1, max_size=6))
        if action == "insert":
            data[at:at] = piece
        elif action == "replace":
            data[at : at + len(piece)] = piece
        else:
            del data[at : at + len(piece)]
    return bytes(data)


rows = st.lists(
    st.tuples(
        st.text(max_size=12),
        st.sampled_from(["10:00 pm", "14:03", "", "25:61", "7.15 a.m."]),
        st.sampled_from(["rad", "meh", "Gut", "odd", ""]),
        st.text(max_size=30),
        st.text(max_size=60),
    ),
    max_size=6,
)


def check_imported_or_refused(data: bytes) -> None:
    store = open_store(":memory:")
    journal = store.journal(store.add_person("Fuzz").id)
    journal.add_checkin("2020-01-01", 3, "already here")
    before = snapshot(journal)
    try:
        preview = preview_daylio(data, journal)
        result = apply_import(journal, preview)
    except InvalidEntry as refused:
        assert str(refused).strip()
        assert snapshot(journal) == before
    else:
        assert len(journal.checkins()) == 1 + result.added["checkins"]
    finally:
        store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=600), garbled()))
def test_random_bytes_are_imported_or_refused_kindly(data):
    check_imported_or_refused(data)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_random_rows_are_imported_or_refused_kindly(values):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["full_date", "date", "weekday", "time", "mood", "activities", "note"])
    for day, clock, mood, activities, note in values:
        writer.writerow([day, "", "", clock, mood, activities, note])
    check_imported_or_refused(out.getvalue().encode("utf-8", "surrogatepass"))


# --- a crash in the middle of an import ------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tracker.importers import apply_import, preview_daylio
    from tracker.store import open_store

    db, marker = sys.argv[1], Path(sys.argv[2])
    store = open_store(db)
    journal = store.journal(store.people()[0].id)
    header = "full_date,date,weekday,time,mood,activities,note\\n"
    rows = "".join(
        f"{1990 + i // 700}-01-{i % 28 + 1:02d},,,{i % 24}:{i % 60:02d},good,walk,n{i}\\n"
        for i in range(20000)
    )
    preview = preview_daylio((header + rows).encode(), journal)

    def progress(fraction):
        if fraction > 0 and not marker.exists():
            # Rows are in the open transaction now: say so, then wait to be killed.
            count = store.db.execute("SELECT count(*) FROM checkins").fetchone()[0]
            marker.write_text(str(count))
            time.sleep(120)

    apply_import(journal, preview, progress=progress)
    """
)


def test_a_killed_import_leaves_the_database_as_it_was(tmp_path):
    path = tmp_path / "journal.db"
    store = open_store(path)
    journal = store.journal(store.add_person("Kim").id)
    journal.add_checkin("2024-01-01", 4, "before the import", activities=["walk"])
    before = snapshot(journal)
    store.close()

    marker = tmp_path / "writing"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(marker)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the child never started writing"
        assert int(marker.read_text()) > 1  # the import's rows were in its transaction
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    reopened = open_store(path)
    try:
        assert snapshot(reopened.journal(reopened.people()[0].id)) == before
    finally:
        reopened.close()


def test_an_uploaded_file_is_recognised_by_its_name_and_content(journal):
    from tracker.importers.any_file import preview_file

    assert preview_file("daylio_export_2024.csv", VALID, journal).source == "Daylio"
    backup = b'{"format": "resilience-tracker-backup", "version": 1, "person": {"name": "A"}}'
    assert preview_file("mine.json", backup, journal).source == "backup"
    with pytest.raises(InvalidEntry, match="Loop"):
        preview_file("Loop Habits.zip", b"not a zip", journal)
