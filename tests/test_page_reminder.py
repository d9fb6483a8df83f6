"""The reminder on the Today page: the file its download button gives, read back."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest


@pytest.fixture
def downloads(monkeypatch) -> dict[str, tuple[bytes, str | None]]:
    """Every file a page offers, by the id in its download URL (AppTest keeps no runtime)."""
    files: dict[str, tuple[bytes, str | None]] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def remember(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        files[file_id] = (path_or_data, filename)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", remember)
    return files


def offered(at: AppTest, downloads: dict) -> tuple[icalendar.Event, str | None]:
    [button] = [b for b in at.get("download_button") if b.proto.id.endswith("reminder_download")]
    data, name = downloads[button.proto.url.rsplit("/", 1)[-1].split(".")[0]]
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event, name


def today_page(timezone: str = "Asia/Tokyo") -> AppTest:
    at = AppTest.from_file("../pages/today.py", default_timeout=30)
    at.context = {"timezone": timezone, "url": "http://192.168.1.20:8501/today"}
    return at


def test_the_reminder_download_is_a_daily_alarm_in_the_browsers_zone_linking_to_today(
    app_journal, downloads, monkeypatch
):
    monkeypatch.delenv("TRACKER_PUBLIC_URL", raising=False)
    app_journal.add_checkin(dt.date.today(), 1, note="A private, painful note")
    at = today_page().run()
    assert not at.exception

    event, name = offered(at, downloads)
    assert name == "check-in-reminder.ics"
    assert event["rrule"]["FREQ"] == ["DAILY"]
    assert event["dtstart"].params["TZID"] == "Asia/Tokyo"
    assert event.decoded("dtstart").time() == dt.time(20, 30)
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(0)
    assert str(event["summary"]) == "How was today?"
    # The address this browser used, so a phone on the same network gets there too.
    assert str(event["url"]) == "http://192.168.1.20:8501/today"
    assert "painful" not in event.to_ical().decode()


def test_a_new_time_days_and_words_make_a_file_that_replaces_the_old_reminder(
    app_journal, downloads, monkeypatch
):
    monkeypatch.setenv("TRACKER_PUBLIC_URL", "https://journal.example.org")
    at = today_page("Europe/Lisbon").run()
    first, _ = offered(at, downloads)

    at.time_input(key="reminder_time").set_value(dt.time(7, 45))
    at.pills(key="reminder_days").set_value(["Mon", "Thu"])
    at.text_input(key="reminder_text").input("A minute for me")
    at.run()
    assert not at.exception

    second, _ = offered(at, downloads)
    assert second["uid"] == first["uid"]
    assert second["rrule"]["FREQ"] == ["WEEKLY"] and second["rrule"]["BYDAY"] == ["MO", "TH"]
    assert second.decoded("dtstart").time() == dt.time(7, 45)
    assert second["dtstart"].params["TZID"] == "Europe/Lisbon"
    assert second.decoded("dtstart").weekday() in (0, 3)
    assert str(second["summary"]) == "A minute for me"
    assert str(second["url"]) == "https://journal.example.org/today"
    assert "07:45 Mon, Thu (Europe/Lisbon)" in " ".join(c.value for c in at.caption)


def test_no_days_chosen_asks_kindly_and_offers_no_file(app_journal, downloads):
    at = today_page().run()
    at.pills(key="reminder_days").set_value([])
    at.run()
    assert not at.exception
    assert not [b for b in at.get("download_button") if b.proto.id.endswith("reminder_download")]
    assert "Pick at least one day" in " ".join(i.value for i in at.info)
