"""Links other people shared with a supporter, kept in their journal."""

from __future__ import annotations

from collections.abc import Iterable

from tracker.errors import NotFound
from tracker.store.base import JournalPart


class SavedLinks(JournalPart):
    """A supporter's saved links to other people's shares."""

    def save_link(self, token: str, label: str | None, created: str) -> int:
        """Keep a link shared with this person; saving it again only updates the label."""
        self.db.execute(
            "INSERT INTO saved_links (person_id, token, label, created) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (person_id, token) DO UPDATE SET label = excluded.label",
            [self.person_id, token, label, created],
        )
        rows = self._rows("SELECT id FROM saved_links WHERE person_id = ? AND token = ?", [token])
        return rows[0]["id"]

    def saved_link_rows(self) -> list[dict]:
        return self._rows(
            "SELECT id, token, label, created FROM saved_links WHERE person_id = ? "
            "ORDER BY label COLLATE NOCASE, id"
        )

    def saved_link_looks(self) -> dict[int, str | None]:
        """When this supporter last looked at each saved link (schema m010)."""
        rows = self._rows("SELECT id, last_looked FROM saved_links WHERE person_id = ?")
        return {row["id"]: row["last_looked"] for row in rows}

    def mark_saved_links_looked(self, link_ids: Iterable[int], moment: str) -> None:
        ids = list(link_ids)
        if not ids:
            return
        marks = ", ".join("?" * len(ids))
        self.db.execute(
            f"UPDATE saved_links SET last_looked = ? WHERE person_id = ? AND id IN ({marks})",
            [moment, self.person_id, *ids],
        )

    def remove_saved_link(self, link_id: int) -> None:
        cursor = self.db.execute(
            "DELETE FROM saved_links WHERE person_id = ? AND id = ?", [self.person_id, link_id]
        )
        if cursor.rowcount == 0:
            raise NotFound("That saved link isn't in your list any more.")
