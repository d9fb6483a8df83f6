"""Setback notes: a hard day, what helped, what to try next time."""

from __future__ import annotations

import datetime as dt

from tracker import records as r
from tracker.store.base import JournalPart, now_text
from tracker.store.tables import SETBACKS


class Setbacks(JournalPart):
    """A person's setback notes."""

    def add_setback(
        self,
        day: dt.date | str,
        what_happened: str,
        what_helped: str | None = None,
        try_next: str | None = None,
        *,
        import_key: str | None = None,
    ) -> r.Setback:
        day = r.parse_day(day)
        fields = _setback_fields(what_happened, what_helped, try_next)
        setback_id = self._insert(
            SETBACKS,
            {"day": day.isoformat(), **fields, "created": now_text(), "import_key": import_key},
        )
        return self.setback(setback_id)

    def setback(self, setback_id: int) -> r.Setback:
        missing = "That setback note isn't in your journal any more."
        return setback_record(self._one(SETBACKS, setback_id, missing))

    def setbacks(self) -> list[r.Setback]:
        rows = self._rows("SELECT * FROM setbacks WHERE person_id = ? ORDER BY day DESC, id DESC")
        return [setback_record(row) for row in rows]

    def update_setback(
        self,
        setback_id: int,
        what_happened: str,
        what_helped: str | None = None,
        try_next: str | None = None,
        *,
        day: dt.date | str | None = None,
    ) -> r.Setback:
        """Its words, and its day when ``day`` is given (None keeps the day)."""
        current = self.setback(setback_id)
        moved = r.parse_day(day) if day is not None else current.day
        fields = _setback_fields(what_happened, what_helped, try_next)
        self._update(SETBACKS, setback_id, {"day": moved.isoformat(), **fields})
        return self.setback(setback_id)

    def delete_setback(self, setback_id: int) -> None:
        self.setback(setback_id)
        self.db.execute(
            "DELETE FROM setbacks WHERE person_id = ? AND id = ?", [self.person_id, setback_id]
        )

    def what_helped_before(self, limit: int = 3) -> list[r.Setback]:
        """The newest setback notes that say what helped: to remind a person on a hard day."""
        rows = self._rows(
            "SELECT * FROM setbacks WHERE person_id = ? AND coalesce(what_helped, '') != '' "
            "ORDER BY day DESC, id DESC LIMIT ?",
            [limit],
        )
        return [setback_record(row) for row in rows]


def _setback_fields(
    what_happened: str, what_helped: str | None, try_next: str | None
) -> dict[str, str | None]:
    return {
        "what_happened": r.clean_text(
            what_happened, what="note on what happened", limit=r.MAX_REFLECTION, required=True
        ),
        "what_helped": r.clean_text(
            what_helped, what="note on what helped", limit=r.MAX_REFLECTION
        ),
        "try_next": r.clean_text(
            try_next, what="note on what to try next time", limit=r.MAX_REFLECTION
        ),
    }


def setback_record(row: dict) -> r.Setback:
    return SETBACKS.record(r.Setback, row)
