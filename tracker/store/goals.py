"""Goals, with their steps, the days logged and the pauses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tracker import records as r
from tracker.errors import InvalidEntry, NotFound
from tracker.store.base import JournalPart, now_text
from tracker.store.tables import GOAL_LOGS, GOAL_PAUSES, GOAL_STEPS, GOALS, day_or_none


class Goals(JournalPart):
    """A person's goals."""

    def add_goal(
        self,
        title: str,
        *,
        kind: str = "habit",
        why: str | None = None,
        times: int | None = None,
        per_days: int | None = None,
        unit: str | None = None,
        target_type: str | None = None,
        target_value: float | None = None,
        target_date: dt.date | str | None = None,
        steps: Iterable[str] = (),
    ) -> r.Goal:
        fields = _goal_fields(
            title=title,
            kind=kind,
            why=why,
            times=times,
            per_days=per_days,
            unit=unit,
            target_type=target_type,
            target_value=target_value,
            target_date=target_date,
        )
        step_titles = [
            r.clean_text(step, what="step", limit=r.MAX_TITLE)
            for step in steps
            if step and step.strip()
        ]
        with self.store.transaction():
            goal_id = self._insert(GOALS, {**fields, "status": "active", "created": now_text()})
            for step in step_titles:
                self.add_step(goal_id, step)
        return self.goal(goal_id)

    def update_goal(self, goal_id: int, **changes: object) -> r.Goal:
        """Change a goal's what/why/cadence/target; fields not given stay as they are."""
        merged = self._with_changes(self.goal(goal_id), GOALS, changes, "update_goal")
        fields = _goal_fields(**merged)  # type: ignore[arg-type]
        self._update(GOALS, goal_id, fields)
        return self.goal(goal_id)

    def goal(self, goal_id: int) -> r.Goal:
        row = self._one(GOALS, goal_id, "That goal isn't in your journal any more.")
        return _goal(row, self._steps(goal_id))

    def goals(self, statuses: Iterable[str] | None = None) -> list[r.Goal]:
        rows = self._rows("SELECT * FROM goals WHERE person_id = ? ORDER BY created, id")
        wanted = set(statuses) if statuses is not None else None
        steps = self._all_steps()
        return [
            _goal(row, steps.get(row["id"], ()))
            for row in rows
            if wanted is None or row["status"] in wanted
        ]

    def set_goal_status(
        self, goal_id: int, status: str, *, on: dt.date | str | None = None
    ) -> r.Goal:
        """Move a goal between active, paused, achieved and archived.

        Pausing opens a pause from ``on`` (default today); resuming closes it the
        day before, so paused days count as skipped in the analytics.
        """
        if status not in r.GOAL_STATUSES:
            raise InvalidEntry("A goal can be active, paused, achieved or archived.")
        current = self.goal(goal_id)
        day = r.parse_day(on) if on is not None else dt.date.today()
        with self.store.transaction():
            open_pause = self._rows(
                "SELECT id, start FROM goal_pauses WHERE person_id = ? AND goal_id = ? "
                "AND end IS NULL",
                [goal_id],
            )
            if status == "paused" and not open_pause:
                self._insert(GOAL_PAUSES, {"goal_id": goal_id, "start": day.isoformat()})
            elif status != "paused" and open_pause:
                start = dt.date.fromisoformat(open_pause[0]["start"])
                end = max(start, day - dt.timedelta(days=1))
                self._update(GOAL_PAUSES, open_pause[0]["id"], {"end": end.isoformat()})
            achieved_on = (current.achieved_on or day).isoformat() if status == "achieved" else None
            self._update(GOALS, goal_id, {"status": status, "achieved_on": achieved_on})
        return self.goal(goal_id)

    def goal_pauses(self, goal_id: int) -> list[tuple[dt.date, dt.date | None]]:
        rows = self._rows(
            "SELECT start, end FROM goal_pauses WHERE person_id = ? AND goal_id = ? ORDER BY start",
            [goal_id],
        )
        return [(dt.date.fromisoformat(row["start"]), day_or_none(row["end"])) for row in rows]

    def log_goal(
        self,
        goal_id: int,
        day: dt.date | str,
        status: str,
        *,
        amount: float | None = None,
        reason: str | None = None,
    ) -> r.GoalLog:
        """Record one day of a goal: done, an amount, skipped (with a reason) or lapsed.

        Replaces what was logged for that day; "not logged" is the absence of a row.
        """
        goal = self.goal(goal_id)
        day = r.parse_day(day)
        if status not in r.GOAL_LOG_STATUSES:
            raise InvalidEntry("A day of a goal is done, an amount, skipped, or lapsed.")
        if status == "amount":
            try:
                amount = float(amount)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise InvalidEntry("Please give the amount as a number.") from None
            if not (0 <= amount < 1e9) or amount != amount:
                raise InvalidEntry("The amount should be zero or more.")
            if not goal.is_measurable:
                raise InvalidEntry(f"“{goal.title}” is a yes/no goal; mark it done instead.")
        else:
            amount = None
        reason = r.clean_text(reason, what="reason", limit=r.MAX_REASON)
        if status != "skipped":
            reason = None
        self.db.execute(
            "INSERT OR REPLACE INTO goal_logs (person_id, goal_id, day, status, amount, reason) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [self.person_id, goal_id, day.isoformat(), status, amount, reason],
        )
        return r.GoalLog(goal_id=goal_id, day=day, status=status, amount=amount, reason=reason)  # type: ignore[arg-type]

    def clear_goal_log(self, goal_id: int, day: dt.date | str) -> None:
        """Back to "not logged" for that day."""
        day = r.parse_day(day)
        self.db.execute(
            "DELETE FROM goal_logs WHERE person_id = ? AND goal_id = ? AND day = ?",
            [self.person_id, goal_id, day.isoformat()],
        )

    def goal_logs(
        self, goal_id: int | None = None, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[r.GoalLog]:
        sql = "SELECT * FROM goal_logs WHERE person_id = ? AND day >= ? AND day <= ?"
        params: list = [(start or r.EARLIEST_DAY).isoformat(), (end or dt.date.max).isoformat()]
        if goal_id is not None:
            sql += " AND goal_id = ?"
            params.append(goal_id)
        return [
            GOAL_LOGS.record(r.GoalLog, row) for row in self._rows(sql + " ORDER BY day", params)
        ]

    def add_step(self, goal_id: int, title: str) -> r.GoalStep:
        self.goal(goal_id)
        clean = r.clean_text(title, what="step", limit=r.MAX_TITLE, required=True)
        position = self._rows(
            "SELECT coalesce(max(position), -1) + 1 AS next FROM goal_steps "
            "WHERE person_id = ? AND goal_id = ?",
            [goal_id],
        )[0]["next"]
        step_id = self._insert(
            GOAL_STEPS, {"goal_id": goal_id, "title": clean, "position": position}
        )
        return r.GoalStep(id=step_id, goal_id=goal_id, title=clean, done=False, position=position)

    def set_step_done(self, step_id: int, done: bool = True) -> None:
        if self._update(GOAL_STEPS, step_id, {"done": int(done)}) == 0:
            raise NotFound("That step isn't part of your goals any more.")

    def _steps(self, goal_id: int) -> tuple[r.GoalStep, ...]:
        return tuple(
            _step(row)
            for row in self._rows(
                "SELECT * FROM goal_steps WHERE person_id = ? AND goal_id = ? "
                "ORDER BY position, id",
                [goal_id],
            )
        )

    def _all_steps(self) -> dict[int, tuple[r.GoalStep, ...]]:
        grouped: dict[int, list[r.GoalStep]] = {}
        for row in self._rows(
            "SELECT * FROM goal_steps WHERE person_id = ? ORDER BY goal_id, position, id"
        ):
            grouped.setdefault(row["goal_id"], []).append(_step(row))
        return {goal_id: tuple(steps) for goal_id, steps in grouped.items()}


def _goal_fields(
    *,
    title: str,
    kind: str,
    why: str | None,
    times: int | None,
    per_days: int | None,
    unit: str | None,
    target_type: str | None,
    target_value: float | None,
    target_date: dt.date | str | None,
) -> dict:
    clean_title = r.clean_text(title, what="goal", limit=r.MAX_TITLE, required=True)
    if kind not in r.GOAL_KINDS:
        raise InvalidEntry("A goal is either a habit (how often) or a one-off (by when).")
    fields: dict = {
        **dict.fromkeys(GOALS.edited),  # what this kind of goal doesn't use is cleared
        "title": clean_title,
        "kind": kind,
        "why": r.clean_text(why, what="reason why it matters", limit=r.MAX_REFLECTION),
    }
    if kind == "habit":
        fields["times"], fields["per_days"] = r.check_cadence(times or 1, per_days or 1)
        if target_type is not None or target_value is not None:
            fields["target_type"], fields["target_value"] = r.check_target(
                target_type, target_value
            )
            fields["unit"] = r.clean_text(unit, what="unit", limit=30)
    elif target_date is not None and target_date != "":
        if isinstance(target_date, str):
            try:
                target_date = dt.date.fromisoformat(target_date)
            except ValueError:
                raise InvalidEntry("Please pick a real date for the goal.") from None
        fields["target_date"] = target_date.isoformat()
    return fields


def _goal(row: dict, steps: tuple[r.GoalStep, ...]) -> r.Goal:
    return GOALS.record(r.Goal, row, steps=steps)


def _step(row: dict) -> r.GoalStep:
    return GOAL_STEPS.record(r.GoalStep, row)
