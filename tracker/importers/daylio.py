"""Daylio's CSV export (``daylio_export_*.csv``) → check-ins and self-care days.

Columns are found by their header name, never by position: Daylio has shipped
``year,date,…``, ``full_date,date,…``, ``…,note_title,note`` and a newer header
with ``scales``. ``full_date`` is ISO; ``date``, ``weekday`` and ``time`` follow
the phone's language (``10:04 AM``, ``6:50 pm``, ``14:03``), even mixed in one
file. Moods are the person's own words: the English, Italian and German
defaults are known, and the default five in the other languages Daylio ships; any other
label must be given a score before import. The old format's ``date`` ("7 września",
"16 de octubre", "5. März", "5月7日") is read with the year column, using CLDR month
names (Babel). A file whose header row was removed is recognised by its shape (an
ISO date first, 7 to 9 columns) and the preview says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import html
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from babel.dates import get_month_names

from tracker import records as r
from tracker.errors import InvalidEntry
from tracker.importers.base import ImportPlan, ImportPreview, RowProblem, existing_activities
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
    # The other languages Daylio ships in, as its default five read in each (best
    # effort: a name not listed here is simply asked about in the preview).
    # Spanish
    "genial": 5,
    "bien": 4,
    "normal": 3,
    "mal": 2,
    "fatal": 1,
    # French
    "bof": 3,
    "horrible": 1,
    # Portuguese
    "radiante": 5,
    "bem": 4,
    "mais ou menos": 3,
    "horrível": 1,
    # Polish
    "dobrze": 4,
    "tak sobie": 3,
    "źle": 2,
    "okropnie": 1,
    # Russian
    "супер": 5,
    "хорошо": 4,
    "так себе": 3,
    "плохо": 2,
    "ужасно": 1,
    # Dutch
    "goed": 4,
    "gaat wel": 3,
    "slecht": 2,
    "verschrikkelijk": 1,
    # Czech
    "skvěle": 5,
    "dobře": 4,
    "nic moc": 3,
    "špatně": 2,
    "hrozně": 1,
}

# Rows read at most, so an answer comes in seconds: ten years with 13 entries a day.
MAX_ROWS = 50_000

# The languages Daylio's app ships in (its phone-language dates end up in the old
# ``year,date,...`` export), as CLDR locales; de_AT for "Jänner", en_GB for "Sept".
DAYLIO_LOCALES = (
    "en", "en_GB", "de", "de_AT", "es", "fr", "it", "pt", "pt_PT", "ru", "pl", "cs", "sk",
    "nl", "sv", "da", "nb", "fi", "hu", "ro", "tr", "uk", "el", "hr", "sl", "bg", "lt",
    "id", "ca",
)  # fmt: skip
# Japanese, Korean and Chinese write the month as a number: "5月7日", "5월 7일".
_CJK_MONTH_DAY = re.compile(r"(\d{1,2})\s*[月월]\s*(\d{1,2})")


def _month_word(name: str) -> str | None:
    """A CLDR month name as it is matched: its last word, casefolded, without a final
    dot ("de gener" → "gener", "janv." → "janv"); None for names written with digits."""
    if any(char.isdigit() for char in name):
        return None
    return name.split()[-1].split("’")[-1].casefold().rstrip(".")


def _month_tables() -> dict[str, dict[str, int]]:
    """Locale → {month word: month number}, from Babel's CLDR data: the wide and short
    names, in running text ("7 września") and on their own ("wrzesień")."""
    tables: dict[str, dict[str, int]] = {}
    for locale in DAYLIO_LOCALES:
        table: dict[str, int] = {}
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    word = _month_word(name)
                    if word:
                        table.setdefault(word, number)
        tables[locale] = table
    return tables


MONTH_TABLES = _month_tables()
# Every language at once, for files that mix them (a phone switched language). A word
# that means different months in two languages (Croatian "listopad" is October, Czech
# November) is settled by the language most of the file's dates are in.
MONTHS: dict[str, set[int]] = {}
for _table in MONTH_TABLES.values():
    for _word, _number in _table.items():
        MONTHS.setdefault(_word, set()).add(_number)
MONTHS.setdefault("maerz", {3})  # German typed without its umlaut

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
    no_header = _headerless(rows)
    if no_header:
        rows = [HEADERLESS_COLUMNS[len(rows[0])], *rows]
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
    language = None
    if "full_date" not in column:
        language = file_language(cell(row, "date") for row in rows[1:])
    for number, row in enumerate(rows[1:], start=1 if no_header else 2):
        if not any(value.strip() for value in row):
            continue  # a blank line, e.g. at the end of the file
        try:
            day = _read_day(cell(row, "full_date"), cell(row, "year"), cell(row, "date"), language)
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
        no_header=no_header,
    )


# Daylio's headers by their number of columns, for a file whose header row is missing.
_BASE = ["full_date", "date", "weekday", "time", "mood", "activities"]
HEADERLESS_COLUMNS = {
    7: [*_BASE, "note"],
    8: [*_BASE, "note_title", "note"],
    9: [*_BASE, "scales", "note_title", "note"],
}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _headerless(rows: list[list[str]]) -> bool:
    """An export without its header row: the first row starts with an ISO date and has
    as many columns as one of Daylio's headers."""
    first = rows[0]
    return (
        len(first) in HEADERLESS_COLUMNS
        and bool(_ISO_DAY.fullmatch(normalize_header(first[0])))
        and normalize_header(first[0]) not in ("full_date", "year")
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


def _date_words(date: str) -> list[str]:
    return [w.casefold().rstrip(".") for w in re.findall(r"[^\W\d_]+\.?", date)]


def file_language(dates: Iterable[str]) -> str | None:
    """The Daylio language (a CLDR locale) in which most of these date cells' month
    words are month names; None when none is."""
    words = Counter(word for date in dates for word in _date_words(date))
    scores = {
        locale: sum(count for word, count in words.items() if _in_table(word, table))
        for locale, table in MONTH_TABLES.items()
    }
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] else None


def _in_table(word: str, table: Mapping[str, int]) -> int | None:
    if word in table:
        return table[word]
    if len(word) < 3:
        return None
    found = {number for name, number in table.items() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _read_day(full_date: str, year: str, date: str, language: str | None = None) -> dt.date:
    if full_date:
        return r.parse_day(full_date)
    if not (year and date):
        raise InvalidEntry("there is no date in this row.")
    if not re.fullmatch(r"\d{4}", year):
        raise InvalidEntry(f"“{year}” isn't a year we can read.")
    cjk = _CJK_MONTH_DAY.search(date)
    if cjk:
        try:
            return r.parse_day(dt.date(int(year), int(cjk[1]), int(cjk[2])))
        except ValueError:
            raise InvalidEntry(f"“{date} {year}” isn't a real day.") from None
    numbers = [int(n) for n in re.findall(r"\d+", date)]
    months = [m for m in (_month(word, language) for word in _date_words(date)) if m]
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


@functools.cache
def _month(word: str, language: str | None = None) -> int | None:
    """The month a word names in any Daylio language (a unique start of a name counts:
    "sept", "mag"); a word two languages read differently goes by ``language``."""
    found = MONTHS.get(word)
    if found is None and len(word) >= 3:
        found = {number for name, numbers in MONTHS.items() if name.startswith(word)
                 for number in numbers}  # fmt: skip
    if not found:
        return None
    if len(found) == 1:
        return next(iter(found))
    return _in_table(word, MONTH_TABLES[language]) if language else None


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
