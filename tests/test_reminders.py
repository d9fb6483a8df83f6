"""The daily reminder: a calendar file, read back the way a calendar app reads it."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from dateutil.rrule import rrulestr

from tracker import reminders
from tracker.cli import main
from tracker.errors import InvalidEntry
from tracker.records import Person

MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SAM = Person(id=1, name="Sam", created="2026-01-05 08:00:00")


def read_event(data: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    return event


def occurrences(event: icalendar.Event, count: int) -> list[dt.datetime]:
    """The event's next ``count`` times, expanded from its RRULE as a calendar would."""
    start = event.decoded("dtstart")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    return list(rule[:count])


def test_a_daily_reminder_recurs_every_day_with_an_alarm_at_its_time_in_its_zone():
    reminder = reminders.make_reminder("20:30", timezone="Europe/Berlin")
    data = reminders.reminder_calendar(
        reminder, SAM, link="https://j.example.org/today", now=MONDAY
    )
    calendar = icalendar.Calendar.from_ical(data)
    event = read_event(data)

    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    times = occurrences(event, 40)
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    assert [t.date() for t in times] == [
        dt.date(2026, 3, 2) + dt.timedelta(days=n) for n in range(40)
    ]
    # 20:30 on the wall clock before and after the clocks change (29 March 2026).
    assert {t.astimezone(berlin).time() for t in times} == {dt.time(20, 30)}
    assert {t.utcoffset() for t in times} == {dt.timedelta(hours=1), dt.timedelta(hours=2)}

    [alarm] = event.walk("VALARM")
    assert alarm["action"] == "DISPLAY"
    assert alarm.decoded("trigger") == dt.timedelta(0)  # at the reminder's time
    assert str(alarm["description"]) == "How was today?"
    assert str(event["summary"]) == "How was today?"
    assert str(event["url"]) == "https://j.example.org/today"
    assert "https://j.example.org/today" in str(event["description"])


def test_chosen_days_recur_weekly_on_those_days_from_the_first_one_ahead():
    reminder = reminders.make_reminder("7:05", "wed,sat", "Breathe, then write", "Asia/Tokyo")
    event = read_event(reminders.reminder_calendar(reminder, SAM, now=MONDAY))
    rule = event["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["WE", "SA"]
    times = occurrences(event, 4)
    assert [t.strftime("%a %d %H:%M") for t in times] == [
        "Wed 04 07:05",
        "Sat 07 07:05",
        "Wed 11 07:05",
        "Sat 14 07:05",
    ]
    assert str(event["summary"]) == "Breathe, then write"


def test_a_new_time_replaces_the_old_reminder_it_is_not_a_second_one():
    first = read_event(
        reminders.reminder_calendar(reminders.make_reminder("20:30"), SAM, now=MONDAY)
    )
    later = MONDAY + dt.timedelta(days=3, minutes=7)
    second = read_event(
        reminders.reminder_calendar(reminders.make_reminder("21:15"), SAM, now=later)
    )
    assert first["uid"] == second["uid"]
    assert second["sequence"] > first["sequence"]
    assert second.decoded("dtstamp") > first.decoded("dtstamp")
    # Another person (or another journal with a person 1) gets a reminder of their own.
    other = Person(id=2, name="Alex", created="2026-01-05 08:00:00")
    elsewhere = Person(id=1, name="Sam", created="2025-07-01 10:00:00")
    uids = {reminders.reminder_uid(p) for p in (SAM, other, elsewhere)}
    assert len(uids) == 3
    assert all("Sam" not in uid and "Alex" not in uid for uid in uids)


def test_the_link_is_the_public_address_when_hosted_else_this_computer(monkeypatch):
    monkeypatch.delenv("TRACKER_PUBLIC_URL", raising=False)
    assert reminders.today_link() == "http://127.0.0.1:8501/today"
    monkeypatch.setenv("TRACKER_PUBLIC_URL", "https://journal.example.org/")
    assert reminders.today_link() == "https://journal.example.org/today"


@pytest.mark.parametrize(
    ("at", "days", "text", "zone", "message"),
    [
        ("25:00", None, None, "UTC", "isn't a time we can read"),
        ("half past eight", None, None, "UTC", "isn't a time we can read"),
        ("20:30", "mon,funday", None, "UTC", "isn't a day we know"),
        ("20:30", " , ", None, "UTC", "at least one day"),
        ("20:30", None, "x" * 81, "UTC", "Could you shorten it"),
        ("20:30", None, None, "Mars/Olympus", "isn't a time zone we know"),
    ],
)
def test_bad_choices_get_a_kind_message(at, days, text, zone, message):
    with pytest.raises(InvalidEntry, match=message):
        reminders.make_reminder(at, days, text, zone)


# --- the command line -------------------------------------------------------------------


def cli(db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def test_the_remind_command_writes_a_calendar_file_without_journal_words(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_PUBLIC_URL", "https://journal.example.org")
    db = tmp_path / "journal.db"
    assert cli(db, "init", "--name", "Sam").exit_code == 0
    assert cli(db, "checkin", "--mood", "2", "--note", "Awful day at work").exit_code == 0
    out = tmp_path / "remind.ics"

    result = cli(
        db, "remind", "--at", "20:30", "--days", "mon,tue,fri", "--text", "Hi you",
        "--tz", "America/New_York", "-o", str(out),
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "replaces" in result.output
    data = out.read_bytes()
    assert b"Awful" not in data and b"Sam" not in data
    event = read_event(data)
    assert event["rrule"]["BYDAY"] == ["MO", "TU", "FR"]
    assert event["dtstart"].params["TZID"] == "America/New_York"
    assert event.decoded("dtstart").time() == dt.time(20, 30)
    assert str(event["url"]) == "https://journal.example.org/today"
    assert str(event["summary"]) == "Hi you"
    assert event.walk("VALARM")

    again = tmp_path / "again.ics"
    assert cli(db, "remind", "--at", "7:00", "-o", str(again)).exit_code == 0
    assert read_event(again.read_bytes())["uid"] == event["uid"]


def test_the_remind_command_refuses_a_bad_time_and_writes_nothing(tmp_path):
    db = tmp_path / "journal.db"
    cli(db, "init")
    out = tmp_path / "remind.ics"
    result = CliRunner().invoke(main, ["--db", str(db), "remind", "--at", "8pm", "-o", str(out)])
    assert result.exit_code == 1
    assert "isn't a time we can read" in result.output
    assert not out.exists()


def test_the_remind_command_prints_to_stdout_with_a_dash(tmp_path):
    db = tmp_path / "journal.db"
    cli(db, "init")
    result = cli(db, "remind", "--at", "08:00", "--tz", "UTC", "-o", "-")
    assert read_event(result.output.encode()).decoded("dtstart").time() == dt.time(8, 0)


def test_without_tz_the_reminder_uses_this_computers_zone(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Australia/Sydney")
    db = tmp_path / "journal.db"
    cli(db, "init")
    result = cli(db, "remind", "--at", "21:00", "-o", "-")
    assert read_event(result.output.encode())["dtstart"].params["TZID"] == "Australia/Sydney"
