"""Self-care activities (and others a person tracks) and the days they were done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tracker import records as r
from tracker.errors import InvalidEntry
from tracker.store.base import JournalPart, now_text
from tracker.store.tables import ACTIVITIES


class Activities(JournalPart):
    """A person's activities and their days."""

    def add_activity(
        self,
        name: str,
        *,
        emoji: str | None = None,
        category: str | None = None,
        times: int | None = None,
        per_days: int | None = None,
        kind: str = "selfcare",
    ) -> r.Activity:
        clean = r.clean_text(name, what="activity name", limit=r.MAX_NAME, required=True)
        emoji = r.clean_text(emoji, what="emoji", limit=8)
        category = r.check_category(category)
        kind = r.check_activity_kind(kind)
        if times is not None or per_days is not None:
            times, per_days = r.check_cadence(times, per_days)
        if self.activity_named(clean) is not None:
            raise InvalidEntry(f"You already have an activity called “{clean}”.")
        activity_id = self._insert(
            ACTIVITIES,
            {
                "name": clean,
                "emoji": emoji,
                "category": category,
                "times": times,
                "per_days": per_days,
                "kind": kind,
                "created": now_text(),
            },
        )
        return self.activity(activity_id)

    def ensure_activity(self, name: str) -> r.Activity:
        """The activity with this name (any case), added if new; an archived one comes back."""
        clean = r.clean_text(name, what="activity name", limit=r.MAX_NAME, required=True)
        found = self.activity_named(clean)
        if found is None:
            return self.add_activity(clean)
        if found.archived:
            self.archive_activity(found.id, archived=False)
            return self.activity(found.id)
        return found

    def activity(self, activity_id: int) -> r.Activity:
        missing = "That activity isn't in your list any more."
        return _activity(self._one(ACTIVITIES, activity_id, missing))

    def activity_named(self, name: str) -> r.Activity | None:
        rows = self._rows(
            "SELECT * FROM activities WHERE person_id = ? AND name = ? COLLATE NOCASE",
            [name.strip()],
        )
        return _activity(rows[0]) if rows else None

    def activities(self, *, include_archived: bool = False) -> list[r.Activity]:
        sql = "SELECT * FROM activities WHERE person_id = ?"
        if not include_archived:
            sql += " AND archived = 0"
        return [_activity(row) for row in self._rows(sql + " ORDER BY name COLLATE NOCASE")]

    def update_activity(self, activity_id: int, **changes: object) -> r.Activity:
        """Change an activity's name, emoji, category or cadence (times, per_days); fields
        not given stay as they are, as in :meth:`update_goal`. Give ``None`` (or empty
        text) to clear one. History follows a rename: logs point at the id."""
        current = self.activity(activity_id)
        merged = self._with_changes(current, ACTIVITIES, changes, "update_activity")
        clean = r.clean_text(merged["name"], what="activity name", limit=r.MAX_NAME, required=True)
        other = self.activity_named(clean)
        if other is not None and other.id != activity_id:
            raise InvalidEntry(
                f"You already have an activity called “{clean}”. To join them, use merge."
            )
        times, per_days = merged["times"], merged["per_days"]
        if times is not None or per_days is not None:
            times, per_days = r.check_cadence(times, per_days)
        self._update(
            ACTIVITIES,
            activity_id,
            {
                "name": clean,
                "emoji": r.clean_text(merged["emoji"], what="emoji", limit=8),
                "category": r.check_category(merged["category"]),
                "times": times,
                "per_days": per_days,
            },
        )
        return self.activity(activity_id)

    def merge_activities(self, keep_id: int, merge_id: int) -> r.Activity:
        """Fold ``merge_id`` into ``keep_id``: its days move over, then it is removed."""
        if keep_id == merge_id:
            raise InvalidEntry("Pick two different activities to merge.")
        self.activity(keep_id)
        self.activity(merge_id)
        with self.store.transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO activity_logs (person_id, activity_id, day) "
                "SELECT person_id, ?, day FROM activity_logs "
                "WHERE person_id = ? AND activity_id = ?",
                [keep_id, self.person_id, merge_id],
            )
            self.db.execute(
                "DELETE FROM activities WHERE person_id = ? AND id = ?", [self.person_id, merge_id]
            )
        return self.activity(keep_id)

    def set_activity_kind(self, activity_id: int, kind: str) -> r.Activity:
        """Self-care, neutral or something to watch; its history stays as it is."""
        self.activity(activity_id)
        self._update(ACTIVITIES, activity_id, {"kind": r.check_activity_kind(kind)})
        return self.activity(activity_id)

    def archive_activity(self, activity_id: int, *, archived: bool = True) -> None:
        self.activity(activity_id)
        self._update(ACTIVITIES, activity_id, {"archived": int(archived)})

    def log_activity(self, activity_id: int, day: dt.date | str) -> None:
        day = r.parse_day(day)
        # Insert only an activity of this person's; nothing inserted means it was already
        # logged, or it is not theirs (NotFound, rather than a foreign-key error).
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO activity_logs (person_id, activity_id, day) "
            "SELECT person_id, id, ? FROM activities WHERE person_id = ? AND id = ?",
            [day.isoformat(), self.person_id, activity_id],
        )
        if cursor.rowcount == 0:
            self.activity(activity_id)

    def day_activities(self, day: dt.date | str) -> set[int]:
        day = r.parse_day(day)
        rows = self._rows(
            "SELECT activity_id FROM activity_logs WHERE person_id = ? AND day = ?",
            [day.isoformat()],
        )
        return {row["activity_id"] for row in rows}

    def set_day_activities(self, day: dt.date | str, activity_ids: Iterable[int]) -> None:
        """Make the day's self-care exactly ``activity_ids``, in one transaction."""
        day = r.parse_day(day)
        wanted = set(activity_ids)
        for activity_id in wanted:
            self.activity(activity_id)
        with self.store.transaction():
            self.db.execute(
                "DELETE FROM activity_logs WHERE person_id = ? AND day = ?",
                [self.person_id, day.isoformat()],
            )
            for activity_id in sorted(wanted):
                self.log_activity(activity_id, day)


def _activity(row: dict) -> r.Activity:
    return ACTIVITIES.record(r.Activity, row)
