"""A daily check-in reminder as a calendar file (iCalendar, RFC 5545).

The file holds one recurring event with an alarm at the chosen time, in the
person's time zone, whose link opens the Today page. Every phone and desktop
calendar imports it; nothing is sent anywhere. Its UID is the same for a person
every time, and its SEQUENCE and DTSTAMP grow with each new file, so importing a
file with another time replaces the reminder instead of adding a second one.
The text is the person's own few words, never anything from the journal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import icalendar

from tracker import records as r
from tracker.errors import InvalidEntry

DEFAULT_TEXT = "How was today?"
MAX_TEXT = 80
LOCAL_ADDRESS = "http://127.0.0.1:8501"
TODAY_PATH = "/today"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_UID_NAMESPACE = uuid.UUID("5d1f8a52-3c1e-4f7e-9b8e-7a2f0c6d4e10")
_SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
FILE_NAME = "check-in-reminder.ics"


@dataclass(frozen=True)
class Reminder:
    """When to remind: a time of day, weekdays (0 = Monday) and the person's own words."""

    at: dt.time
    weekdays: tuple[int, ...] = tuple(range(7))
    text: str = DEFAULT_TEXT
    timezone: str = "UTC"

    @property
    def every_day(self) -> bool:
        return len(self.weekdays) == 7


def parse_time(value: str) -> dt.time:
    """ "20:30" or "8:05" → a time of day; a kind message otherwise."""
    text = (value or "").strip()
    try:
        hours, minutes = text.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise InvalidEntry(
            f"“{text[:20]}” isn't a time we can read. Use hours and minutes, like 20:30."
        ) from None


def parse_days(value: str | Iterable[str] | None) -> tuple[int, ...]:
    """ "mon,wed,fri" (or a list of such names) → weekday numbers; nothing means every day."""
    if value is None:
        return tuple(range(7))
    names = value.split(",") if isinstance(value, str) else list(value)
    days = set()
    for name in names:
        key = name.strip().lower()[:3]
        if not key:
            continue
        if key not in WEEKDAYS:
            raise InvalidEntry(
                f"“{name.strip()[:20]}” isn't a day we know. Use mon, tue, wed, thu, fri, "
                "sat or sun, separated by commas."
            )
        days.add(WEEKDAYS.index(key))
    if not days:
        raise InvalidEntry("Pick at least one day for the reminder.")
    return tuple(sorted(days))


def check_timezone(name: str | None) -> str:
    """An IANA time zone name ("Europe/Berlin"); a kind message when it isn't one."""
    if not name:
        return local_timezone()
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidEntry(
            f"“{name[:40]}” isn't a time zone we know. Use a name like Europe/London."
        ) from None
    return name


def timezone_or_local(name: str | None) -> str:
    """``name`` when it is a time zone we know (a browser's), else this computer's."""
    try:
        return check_timezone(name)
    except InvalidEntry:
        return local_timezone()


def local_timezone() -> str:
    """This computer's time zone name (from TZ or /etc/localtime), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(str(Path("/etc/localtime").resolve()).partition("zoneinfo/")[2])
    for name in candidates:
        with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
            if name:
                zoneinfo.ZoneInfo(name)
                return name
    return "UTC"


def make_reminder(
    at: str | dt.time,
    days: str | Iterable[str] | None = None,
    text: str | None = None,
    timezone: str | None = None,
) -> Reminder:
    """A :class:`Reminder` from what a person typed or picked, checked."""
    words = r.clean_text(text, what="reminder text", limit=MAX_TEXT) or DEFAULT_TEXT
    return Reminder(
        at=at if isinstance(at, dt.time) else parse_time(at),
        weekdays=parse_days(days),
        text=" ".join(words.split()),  # one line: calendars show it as a title
        timezone=check_timezone(timezone),
    )


def public_address() -> str:
    """Where a person's calendar link should point: TRACKER_PUBLIC_URL, else this computer."""
    return os.environ.get("TRACKER_PUBLIC_URL", "").strip().rstrip("/") or LOCAL_ADDRESS


def today_link(base: str | None = None) -> str:
    return (base or public_address()).rstrip("/") + TODAY_PATH


def reminder_uid(person: r.Person) -> str:
    """The same for a person every time (so a new file replaces the old reminder), and
    different for every journal; it says nothing about who they are."""
    return f"{uuid.uuid5(_UID_NAMESPACE, f'{person.id}:{person.created}')}@resilience-tracker"


def _first_day(reminder: Reminder, now: dt.datetime) -> dt.date:
    """The first chosen weekday from today on (RFC 5545 wants DTSTART to be an occurrence)."""
    today = now.astimezone(zoneinfo.ZoneInfo(reminder.timezone)).date()
    for ahead in range(7):
        day = today + dt.timedelta(days=ahead)
        if day.weekday() in reminder.weekdays:
            return day
    return today  # unreachable: a reminder always has at least one day


def reminder_calendar(
    reminder: Reminder,
    person: r.Person,
    *,
    link: str | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The .ics file for a reminder: a recurring event with an alarm at its time."""
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    link = link or today_link()
    zone = zoneinfo.ZoneInfo(reminder.timezone)
    start = dt.datetime.combine(_first_day(reminder, now), reminder.at, tzinfo=zone)

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Resilience Tracker//Check-in reminder//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")

    event = icalendar.Event()
    event.add("uid", reminder_uid(person))
    # Calendars keep the newest version of an event by SEQUENCE, then DTSTAMP.
    event.add("sequence", int((now - _SEQUENCE_EPOCH).total_seconds() // 60))
    event.add("dtstamp", now)
    event.add("summary", reminder.text)
    event.add("dtstart", start)
    event.add("duration", dt.timedelta(minutes=5))
    if reminder.every_day:
        event.add("rrule", {"freq": "daily"})
    else:
        days = [_RRULE_DAYS[day] for day in reminder.weekdays]
        event.add("rrule", {"freq": "weekly", "byday": days})
    event.add("url", link)
    event.add("description", f"{reminder.text}\nOpen your journal: {link}")
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.text)
    alarm.add("trigger", dt.timedelta(0))  # at the event's start
    event.add_component(alarm)

    calendar.add_component(event)
    # The zone's rules from this week on, for as long as a reminder could reasonably live.
    first = start.date() - dt.timedelta(days=7)
    calendar.add_missing_timezones(first, first.replace(year=first.year + 30))
    return calendar.to_ical()
