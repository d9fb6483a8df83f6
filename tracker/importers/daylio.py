"""Daylio's CSV export (``daylio_export_*.csv``) → check-ins and self-care days.

Columns are found by their header name, never by position: Daylio has shipped
``year,date,…``, ``full_date,date,…``, ``…,note_title,note`` and a newer header
with ``scales``. ``full_date`` is ISO; ``date``, ``weekday`` and ``time`` follow
the phone's language (``10:04 AM``, ``6:50 pm``, ``14:03``), even mixed in one
file. Moods are the person's own words: the English, Italian and German
defaults are known; any other label must be given a score before import.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import itertools
import re
from collections import Counter
from collections.abc import Mapping

from tracker import records as r
from tracker.errors import InvalidEntry
from tracker.importers import ImportPlan, ImportPreview, RowProblem, existing_activities
from tracker.importers.untrusted import refuse_if_too_big
from tracker.store import Journal

DEFAULT_MOODS: dict[str, int] = {
    # English
    "rad": 5,
    "good": 4,
    "meh": 3,
    "bad": 2,
    "awful": 1,
    # Italian
    "ottimo": 5,
    "buono": 4,
    "così così": 3,
    "male": 2,
    "terribile": 1,
    # German
    "super": 5,
    "gut": 4,
    "ok": 3,
    "schlecht": 2,
    "einfach scheiße": 1,
}

# Rows read at most, so an answer comes in seconds: ten years with 13 entries a day.
MAX_ROWS = 50_000

MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
):
    for _number, _name in enumerate(_names.split(), start=1):
        MONTHS[_name] = _number
MONTHS.update({"jänner": 1, "maerz": 3, "sept": 9})

_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})(?:[:.]\d{2})?\s*(?:([ap])\.?\s*m\.?)?$", re.IGNORECASE)
_BREAK = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_BLOCK_END = re.compile(r"<\s*/\s*(?:p|div|li|h[1-6])\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_BLANK_LINES = re.compile(r"\n{3,}")


def preview_daylio(
    data: bytes | str, journal: Journal, *, mood_map: Mapping[str, int] | None = None
) -> ImportPreview:
    """Read a Daylio export; write nothing. Raises InvalidEntry if it isn't one."""
    moods = {normalize_label(k): v for k, v in DEFAULT_MOODS.items()}
    moods.update({normalize_label(k): r.check_mood(v) for k, v in (mood_map or {}).items()})
    rows = _read_rows(data)
    header = [normalize_header(name) for name in rows[0]]
    column = {name: index for index, name in reversed(list(enumerate(header)))}
    if "mood" not in column or not (
        {"full_date"} <= column.keys() or {"year", "date"} <= column.keys()
    ):
        raise InvalidEntry(
            "This doesn't look like a Daylio export: we couldn't find its date and mood columns. "
            "In Daylio, use More → Export entries → CSV, and choose that file."
        )

    def cell(row: list[str], name: str) -> str:
        index = column.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    plan = ImportPlan()
    problems: list[RowProblem] = []
    unknown: dict[str, str] = {}
    seen_keys: Counter[str] = Counter()
    activity_names: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in row):
            continue  # a blank line, e.g. at the end of the file
        try:
            day = _read_day(cell(row, "full_date"), cell(row, "year"), cell(row, "date"))
            time = _read_time(cell(row, "time"))
            label = cell(row, "mood")
            if not label:
                raise InvalidEntry("there is no mood in this row.")
            note = note_text(cell(row, "note_title"), cell(row, "note"))
            note = r.clean_text(note, what="note", limit=r.MAX_NOTE)
            activities = _read_activities(cell(row, "activities"))
        except InvalidEntry as error:
            problems.append(RowProblem(f"row {number}", _lower_first(str(error))))
            continue
        mood = moods.get(normalize_label(label))
        if mood is None:
            unknown.setdefault(normalize_label(label), label)
        base = f"daylio:{day.isoformat()}T{time}:{normalize_label(label)}:{_digest(note)}"
        seen_keys[base] += 1
        key = base if seen_keys[base] == 1 else f"{base}#{seen_keys[base]}"
        plan.checkins.append(
            {
                "day": day.isoformat(),
                "logged_at": f"{day.isoformat()}T{time}:00",
                "mood": mood,
                "note": note,
                "import_key": key,
            }
        )
        for name in activities:
            activity_names.setdefault(name.casefold(), name)
            plan.activity_days.append((name, day.isoformat()))

    days = [row["day"] for row in plan.checkins]
    known_keys = {row["import_key"] for row in journal.rows("checkins") if row["import_key"]}
    known_activities = existing_activities(journal)
    return ImportPreview(
        source="Daylio",
        counts={
            "checkins": len(plan.checkins),
            "activity_days": len({(n.casefold(), d) for n, d in plan.activity_days}),
        },
        first_day=dt.date.fromisoformat(min(days)) if days else None,
        last_day=dt.date.fromisoformat(max(days)) if days else None,
        new_activities=sorted(
            (name for key, name in activity_names.items() if key not in known_activities),
            key=str.casefold,
        ),
        unknown_moods=sorted(unknown.values(), key=str.casefold),
        problems=problems,
        already_there=sum(row["import_key"] in known_keys for row in plan.checkins),
        plan=plan,
    )


def normalize_header(name: str) -> str:
    return name.replace("\ufeff", "").strip().strip('"').strip().lower()


def normalize_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def note_text(title: str, note: str) -> str:
    """Daylio's HTML note (and its title, first on its own line) as plain text."""
    parts = [_plain(title), _plain(note)]
    return "\n".join(part for part in parts if part)


def _plain(value: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAK.sub("\n", text)
    text = _BLOCK_END.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _read_rows(data: bytes | str) -> list[list[str]]:
    refuse_if_too_big(data)
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:  # a file re-saved by a spreadsheet on Windows
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise InvalidEntry(
                    "This file isn't text we can read, so it can't be a Daylio export. "
                    "Nothing was imported."
                ) from None
    else:
        text = data.removeprefix("\ufeff")
    if "\x00" in text:
        raise InvalidEntry(
            "This file isn't a Daylio CSV export (it holds binary data). Nothing was imported."
        )
    try:
        # Stop at MAX_ROWS: a file of a million tiny rows is small but costs gigabytes.
        rows = list(itertools.islice(csv.reader(io.StringIO(text, newline="")), MAX_ROWS + 1))
    except csv.Error as error:
        raise InvalidEntry(
            f"This file isn't a CSV file we can read ({error}). Nothing was imported."
        ) from None
    if not rows:
        raise InvalidEntry("This file is empty. Nothing was imported.")
    if len(rows) > MAX_ROWS:
        raise InvalidEntry(
            f"This file has more than {MAX_ROWS:,} rows, far more than years of Daylio "
            "entries, so we stopped reading it. Nothing was imported."
        )
    return rows


def _read_day(full_date: str, year: str, date: str) -> dt.date:
    if full_date:
        return r.parse_day(full_date)
    if not (year and date):
        raise InvalidEntry("there is no date in this row.")
    if not re.fullmatch(r"\d{4}", year):
        raise InvalidEntry(f"“{year}” isn't a year we can read.")
    numbers = [int(n) for n in re.findall(r"\d+", date)]
    words = [w.casefold().rstrip(".") for w in re.findall(r"[^\W\d_]+\.?", date)]
    months = [m for m in (_month(word) for word in words) if m]
    try:
        if len(numbers) == 1 and len(months) == 1:
            return r.parse_day(dt.date(int(year), months[0], numbers[0]))
        if len(numbers) == 2 and not months:
            first, second = numbers
            if first > 12 >= second:  # 31/12
                return r.parse_day(dt.date(int(year), second, first))
            if second > 12 >= first:  # 12/31
                return r.parse_day(dt.date(int(year), first, second))
            if first == second:
                return r.parse_day(dt.date(int(year), first, first))
            raise InvalidEntry(
                f"“{date}” could be day {first} or day {second} of the month. "
                "A newer Daylio export (with the full_date column) avoids this."
            )
    except InvalidEntry:
        raise
    except ValueError:  # dt.date() of a day that doesn't exist, like 30 February
        raise InvalidEntry(f"“{date} {year}” isn't a real day.") from None
    raise InvalidEntry(f"“{date}” isn't a date we can read.")


def _month(word: str) -> int | None:
    if word in MONTHS:
        return MONTHS[word]
    if len(word) < 3:
        return None
    found = {number for name, number in MONTHS.items() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _read_time(value: str) -> str:
    """``10:04 AM``, ``6:50 pm``, ``14:03`` → ``HH:MM``; no time at all → noon."""
    if not value:
        return "12:00"
    match = _TIME.match(" ".join(value.split()))
    if not match:
        raise InvalidEntry(f"“{value}” isn't a time we can read.")
    hour, minute, half = int(match[1]), int(match[2]), (match[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise InvalidEntry(f"“{value}” isn't a real time.")
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        raise InvalidEntry(f"“{value}” isn't a real time.")
    return f"{hour:02d}:{minute:02d}"


def _read_activities(value: str) -> list[str]:
    names: dict[str, str] = {}
    for part in value.split("|"):
        name = " ".join(html.unescape(part).split())
        if name:
            clean = r.clean_text(name, what="activity name", limit=r.MAX_NAME, required=True)
            names.setdefault(clean.casefold(), clean)
    return list(names.values())


def _digest(note: str | None) -> str:
    return hashlib.sha1((note or "").encode()).hexdigest()[:12]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
