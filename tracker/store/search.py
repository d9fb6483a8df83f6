"""Finding entries again (the journal page): search, and what a day holds besides its check-ins."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker import records as r
from tracker import words
from tracker.store.base import JournalPart
from tracker.store.checkins import checkin_record
from tracker.store.setbacks import setback_record


class JournalSearch(JournalPart):
    """Search over a person's notes and reflections, and the details of a page of days."""

    def search_checkins(
        self,
        text: str = "",
        *,
        moods: Iterable[int] = (),
        activity_id: int | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> list[tuple[int, dt.date]]:
        """(id, day) of every check-in matching, newest first.

        ``text``: words in the note, any case, accents or not; each word also finds
        longer ones it begins ("walk" finds "walking"). ``moods``: any of these moods.
        ``activity_id``: on a day with that self-care.
        """
        sql = "SELECT c.id, c.day FROM checkins AS c"
        params: list = []
        query = search_query(text)
        if query:
            sql += " JOIN checkin_search AS s ON s.rowid = c.id AND checkin_search MATCH ?"
            params.append(query)
        sql += " WHERE c.person_id = ? AND c.day >= ? AND c.day <= ?"
        params += [
            self.person_id,
            (start or r.EARLIEST_DAY).isoformat(),
            (end or dt.date.max).isoformat(),
        ]
        wanted_moods = sorted({r.check_mood(m) for m in moods})
        if wanted_moods:
            sql += f" AND c.mood IN ({', '.join('?' for _ in wanted_moods)})"
            params += wanted_moods
        if activity_id is not None:
            sql += (
                " AND EXISTS (SELECT 1 FROM activity_logs AS a WHERE a.person_id = c.person_id "
                "AND a.day = c.day AND a.activity_id = ?)"
            )
            params.append(activity_id)
        sql += " ORDER BY c.day DESC, c.logged_at DESC, c.id DESC"
        rows = self.db.execute(sql, params).fetchall()
        return [(row[0], dt.date.fromisoformat(row[1])) for row in rows]

    def checkins_by_id(self, ids: Iterable[int]) -> list[r.CheckIn]:
        """These check-ins of this person, newest first."""
        wanted = list(ids)
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        rows = self._rows(
            f"SELECT * FROM checkins WHERE person_id = ? AND id IN ({marks}) "
            "ORDER BY day DESC, logged_at DESC, id DESC",
            wanted,
        )
        return [checkin_record(row) for row in rows]

    def days_details(self, days: Iterable[dt.date]) -> dict[dt.date, DayDetails]:
        """Self-care, goal logs and setback notes of a few days (a page of the journal)."""
        wanted = sorted({day.isoformat() for day in days})
        details = {dt.date.fromisoformat(day): DayDetails() for day in wanted}
        if not wanted:
            return details
        marks = ", ".join("?" for _ in wanted)
        for row in self._rows(
            "SELECT l.day, a.name, a.emoji FROM activity_logs AS l JOIN activities AS a "
            "ON a.id = l.activity_id AND a.person_id = l.person_id "
            f"WHERE l.person_id = ? AND l.day IN ({marks}) ORDER BY a.name COLLATE NOCASE",
            wanted,
        ):
            label = f"{row['emoji']} {row['name']}" if row["emoji"] else row["name"]
            details[dt.date.fromisoformat(row["day"])].selfcare.append(label)
        for row in self._rows(
            "SELECT l.day, l.status, l.amount, g.title, g.unit FROM goal_logs AS l "
            "JOIN goals AS g ON g.id = l.goal_id AND g.person_id = l.person_id "
            f"WHERE l.person_id = ? AND l.day IN ({marks}) ORDER BY g.title COLLATE NOCASE",
            wanted,
        ):
            details[dt.date.fromisoformat(row["day"])].goals.append(_goal_log_words(row))
        for row in self._rows(
            f"SELECT * FROM setbacks WHERE person_id = ? AND day IN ({marks}) ORDER BY id",
            wanted,
        ):
            details[dt.date.fromisoformat(row["day"])].setbacks.append(setback_record(row))
        for row in self._rows(
            f"SELECT day, count(*) AS n FROM checkins WHERE person_id = ? AND day IN ({marks}) "
            "GROUP BY day",
            wanted,
        ):
            details[dt.date.fromisoformat(row["day"])].checkins = row["n"]
        return details

    def search_setbacks(self, text: str) -> list[r.Setback]:
        """Setback notes whose reflections hold every word typed (any case, accents or
        not, word beginnings), newest first. A person has a few hundred at most."""
        wanted = [_folded(w) for w in (text or "").split() if any(ch.isalnum() for ch in w)]
        if not wanted:
            return []
        found = []
        for setback in self.setbacks():
            said = " ".join(
                t for t in (setback.what_happened, setback.what_helped, setback.try_next) if t
            )
            starts = {_folded(word) for word in _WORD.findall(said)}
            if all(any(s.startswith(w) for s in starts) for w in wanted):
                found.append(setback)
        return found


@dataclass
class DayDetails:
    """What a day holds besides its check-ins, in words (the journal page)."""

    selfcare: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    setbacks: list[r.Setback] = field(default_factory=list)
    checkins: int = 0  # how many check-ins the day has (all of them, whatever the search)


def _goal_log_words(row: dict) -> str:
    if row["status"] == "amount":
        return f"{row['title']}: {words.amount(row['amount'], row['unit'])}"
    said = {"done": "done", "skipped": "skipped", "lapsed": "a lapse"}
    return f"{row['title']}: {said.get(row['status'], row['status'])}"


def search_query(text: str | None) -> str:
    """What a person typed as an FTS5 query: each word a quoted prefix, all of them
    needed. Quoting keeps FTS5's own syntax (AND, NEAR, *, quotes) from breaking it."""
    # A NUL ends SQLite's reading of the query ("unterminated string"): never part of a word.
    words = [w for w in (text or "").replace("\x00", " ").split() if any(ch.isalnum() for ch in w)]
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


_WORD = re.compile(r"\w+")


def _folded(text: str) -> str:
    """Case and accents dropped, as the notes' search index does ("Café" -> "cafe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip(
        "\"'.,;:!?()[]{}*"
    )
