"""Check-ins: a day's mood and note, with the day's self-care and goal logs when asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from tracker import records as r
from tracker.store.base import JournalPart
from tracker.store.tables import ACTIVITY_LOGS, CHECKINS, GOAL_LOGS, day_or_none


class CheckIns(JournalPart):
    """A person's check-ins (see :class:`tracker.store.Journal`)."""

    def add_checkin(
        self,
        day: dt.date | str,
        mood: int,
        note: str | None = None,
        *,
        activities: Iterable[str | int] = (),
        goals_done: Iterable[int] = (),
        goal_amounts: dict[int, float] | None = None,
        logged_at: str | None = None,
        import_key: str | None = None,
    ) -> r.CheckIn:
        """Save a check-in with the day's self-care and goal check-offs, all or nothing.

        ``activities`` are activity ids or names; a new name is added to the catalogue.
        """
        day = r.parse_day(day)
        mood = r.check_mood(mood)
        note = r.clean_text(note, what="note", limit=r.MAX_NOTE)
        logged_at = logged_at or _logged_at_for(day)
        with self.store.transaction():
            checkin_id = self._insert(
                CHECKINS,
                {
                    "day": day.isoformat(),
                    "logged_at": logged_at,
                    "mood": mood,
                    "note": note,
                    "import_key": import_key,
                },
            )
            for activity in activities:
                activity_id = (
                    self.ensure_activity(activity).id
                    if isinstance(activity, str)
                    else self.activity(activity).id
                )
                self.log_activity(activity_id, day)
            for goal_id in goals_done:
                self.log_goal(goal_id, day, "done")
            for goal_id, amount in (goal_amounts or {}).items():
                self.log_goal(goal_id, day, "amount", amount=amount)
        return self.checkin(checkin_id)

    def save_day_checkin(
        self,
        day: dt.date | str,
        mood: int,
        note: str | None = None,
        *,
        activity_ids: Iterable[int] = (),
        new_activities: Iterable[str] = (),
        goals_shown: Iterable[int] = (),
        goals_done: Iterable[int] = (),
        goal_amounts: Mapping[int, float | None] | None = None,
    ) -> r.CheckIn:
        """The Today form, all or nothing: a new check-in, and the day's self-care and
        goal check-offs made exactly what was ticked (unticking a goal that was done
        clears it; a skip or lapse on an unticked goal stays)."""
        day = r.parse_day(day)
        done = set(goals_done)
        with self.store.transaction():
            checkin = self.add_checkin(day, mood, note)
            names = [n for n in new_activities if n and n.strip()]
            added = [self.ensure_activity(name).id for name in names]
            self.set_day_activities(day, [*activity_ids, *added])
            logged = {log.goal_id: log.status for log in self.goal_logs(start=day, end=day)}
            for goal_id in goals_shown:
                if goal_id in done:
                    self.log_goal(goal_id, day, "done")
                elif logged.get(goal_id) == "done":
                    self.clear_goal_log(goal_id, day)
            # Goals with an amount ("at most 2 drinks"): a number sets the day's amount;
            # left empty, whatever was logged stays.
            for goal_id, amount in (goal_amounts or {}).items():
                if amount is not None:
                    self.log_goal(goal_id, day, "amount", amount=amount)
        return checkin

    def has_checkins(self) -> bool:
        return bool(self._rows("SELECT 1 FROM checkins WHERE person_id = ? LIMIT 1"))

    def checkin(self, checkin_id: int) -> r.CheckIn:
        missing = "That check-in isn't in your journal any more."
        return checkin_record(self._one(CHECKINS, checkin_id, missing))

    def checkins(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        *,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[r.CheckIn]:
        sql = "SELECT * FROM checkins WHERE person_id = ? AND day >= ? AND day <= ?"
        sql += (
            " ORDER BY day DESC, logged_at DESC, id DESC"
            if newest_first
            else " ORDER BY day, logged_at, id"
        )
        params: list = [(start or r.EARLIEST_DAY).isoformat(), (end or dt.date.max).isoformat()]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [checkin_record(row) for row in self._rows(sql, params)]

    def update_checkin(
        self, checkin_id: int, *, mood: int, note: str | None, day: dt.date | str | None = None
    ) -> r.CheckIn:
        current = self.checkin(checkin_id)
        mood = r.check_mood(mood)
        note = r.clean_text(note, what="note", limit=r.MAX_NOTE)
        new_day = r.parse_day(day) if day is not None else current.day
        logged_at = current.logged_at
        if new_day != current.day:
            logged_at = new_day.isoformat() + logged_at[10:]
        self._update(
            CHECKINS,
            checkin_id,
            {"mood": mood, "note": note, "day": new_day.isoformat(), "logged_at": logged_at},
        )
        return self.checkin(checkin_id)

    def delete_checkin(self, checkin_id: int, *, with_day_logs: bool = False) -> None:
        """Delete a check-in. ``with_day_logs``: when it was the day's last check-in, the
        day's self-care and goal logs go too (the page asks the person first)."""
        entry = self.checkin(checkin_id)
        with self.store.transaction():
            self.db.execute(
                "DELETE FROM checkins WHERE person_id = ? AND id = ?", [self.person_id, checkin_id]
            )
            if with_day_logs and not self.day_checkins(entry.day):
                for table in (ACTIVITY_LOGS.name, GOAL_LOGS.name):
                    self.db.execute(
                        f"DELETE FROM {table} WHERE person_id = ? AND day = ?",
                        [self.person_id, entry.day.isoformat()],
                    )

    def day_checkins(self, day: dt.date | str) -> list[r.CheckIn]:
        """The check-ins of one day, in the order they were made."""
        day = r.parse_day(day)
        rows = self._rows(
            "SELECT * FROM checkins WHERE person_id = ? AND day = ? ORDER BY logged_at, id",
            [day.isoformat()],
        )
        return [checkin_record(row) for row in rows]

    def last_checkin_day(self) -> dt.date | None:
        rows = self._rows("SELECT max(day) AS day FROM checkins WHERE person_id = ?")
        return day_or_none(rows[0]["day"])

    def day_log_counts(self, day: dt.date | str) -> tuple[int, int]:
        """How many self-care and goal logs the day holds."""
        day = r.parse_day(day)
        [row] = self._rows(
            "SELECT (SELECT count(*) FROM activity_logs WHERE person_id = ?1 AND day = ?2) AS a, "
            "(SELECT count(*) FROM goal_logs WHERE person_id = ?1 AND day = ?2) AS g",
            [day.isoformat()],
        )
        return row["a"], row["g"]

    def edit_checkin(
        self,
        checkin_id: int,
        *,
        day: dt.date | str,
        mood: int,
        note: str | None,
        activity_ids: Iterable[int] | None = None,
    ) -> r.CheckIn:
        """Change a check-in's day, mood, note and that day's self-care, all or nothing.

        Self-care and goal logs belong to a day. Moving a day's only check-in to another
        day moves that day's logs with it (a log already on the new day stays), so nothing
        is left behind on a day without a check-in.
        """
        current = self.checkin(checkin_id)
        new_day = r.parse_day(day)
        with self.store.transaction():
            alone = len(self.day_checkins(current.day)) == 1
            updated = self.update_checkin(checkin_id, mood=mood, note=note, day=new_day)
            if new_day != current.day and alone:
                self._move_day_logs(current.day, new_day)
            if activity_ids is not None:
                self.set_day_activities(new_day, activity_ids)
        return updated

    def _move_day_logs(self, old: dt.date, new: dt.date) -> None:
        for log in (ACTIVITY_LOGS, GOAL_LOGS):
            table = log.name
            columns = ", ".join(c for c in log.columns if c != "day")
            self.db.execute(
                f"INSERT OR IGNORE INTO {table} (person_id, day, {columns}) "
                f"SELECT person_id, ?, {columns} FROM {table} WHERE person_id = ? AND day = ?",
                [new.isoformat(), self.person_id, old.isoformat()],
            )
            self.db.execute(
                f"DELETE FROM {table} WHERE person_id = ? AND day = ?",
                [self.person_id, old.isoformat()],
            )

    def checkin_count(self) -> int:
        return self._rows("SELECT count(*) AS n FROM checkins WHERE person_id = ?")[0]["n"]


def _logged_at_for(day: dt.date) -> str:
    """Now, if the entry is for today; else noon of that day (time unknown)."""
    now = dt.datetime.now().replace(microsecond=0)
    if day == now.date():
        return now.isoformat()
    return dt.datetime.combine(day, dt.time(12, 0)).isoformat()


def checkin_record(row: dict) -> r.CheckIn:
    return CHECKINS.record(r.CheckIn, row)
