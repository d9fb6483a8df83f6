"""Celebrations: milestones, each shown once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tracker.store.base import JournalPart, now_text


class Celebrations(JournalPart):
    """The milestones a person was already cheered for."""

    def celebrated_keys(self) -> set[str]:
        return {
            row["key"] for row in self._rows("SELECT key FROM celebrations WHERE person_id = ?")
        }

    def mark_all_celebrated(self, wins: Iterable[tuple[str, dt.date, str]]) -> set[str]:
        """Record ``(key, day, text)`` milestones as celebrated, in one transaction.

        Returns the keys newly recorded: a key another tab recorded first is left out,
        so that tab's cheer is not repeated. One transaction, because a journal opened
        for the first time (an import, the demo) can have dozens of wins at once.
        """
        marked = set()
        with self.store.transaction():
            for key, day, text in wins:
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO celebrations (person_id, key, day, text, celebrated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [self.person_id, key, day.isoformat(), text, now_text()],
                )
                if cursor.rowcount == 1:
                    marked.add(key)
        return marked
