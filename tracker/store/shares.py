"""Shares (links to a person's charts), their views, and encouragement left through them.

The owner's side is a part of their journal (:class:`Shares`); a visitor with a link is
nobody's journal, so the token side is a part of the store (:class:`ShareLinks`). The
rules are in :mod:`tracker.sharing`.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from tracker.errors import NotFound
from tracker.store.base import JournalPart
from tracker.store.tables import SHARES


class Shares(JournalPart):
    """A person's own shares and the encouragement left for them."""

    def insert_share(
        self, label: str, token_hash: str, scopes: str, created: str, expires: str | None
    ) -> int:
        return self._insert(
            SHARES,
            {
                "label": label,
                "token_hash": token_hash,
                "scopes": scopes,
                "created": created,
                "expires": expires,
            },
        )

    def share_rows(self, share_id: int | None = None) -> list[dict]:
        """This person's shares (no token hash), newest first, with views counted."""
        shown = ", ".join(f"s.{column}" for column in SHARES.readable)
        sql = (
            f"SELECT {shown}, s.person_id, "
            "count(v.id) AS view_count, max(v.viewed_at) AS last_viewed FROM shares s "
            "LEFT JOIN share_views v ON v.share_id = s.id AND v.person_id = s.person_id "
            "WHERE s.person_id = ?"
        )
        params: list = []
        if share_id is not None:
            sql += " AND s.id = ?"
            params.append(share_id)
        return self._rows(sql + " GROUP BY s.id ORDER BY s.created DESC, s.id DESC", params)

    def _own_share(self, share_id: int) -> None:
        if not self._rows("SELECT 1 FROM shares WHERE person_id = ? AND id = ?", [share_id]):
            raise NotFound("That link isn't one of yours any more.")

    def revoke_share(self, share_id: int, revoked: str) -> None:
        """Revoke at once; revoking again keeps the first time."""
        self._own_share(share_id)
        self.db.execute(
            "UPDATE shares SET revoked = coalesce(revoked, ?) WHERE person_id = ? AND id = ?",
            [revoked, self.person_id, share_id],
        )

    def share_view_times(self, share_id: int, limit: int = -1) -> list[str]:
        """When the link was opened, newest first (the newest ``limit``; -1: all)."""
        self._own_share(share_id)
        rows = self._rows(
            "SELECT viewed_at FROM share_views WHERE person_id = ? AND share_id = ? "
            "ORDER BY viewed_at DESC, id DESC LIMIT ?",
            [share_id, limit],
        )
        return [row["viewed_at"] for row in rows]

    def encouragement_rows(
        self,
        *,
        include_hidden: bool = False,
        limit: int | None = None,
        offset: int = 0,
        unseen_or_since: str | None = None,
    ) -> list[dict]:
        """Encouragements left for this person, newest first, with their link's label:
        ``limit`` of them from ``offset``, or all; with ``unseen_or_since``, only those
        not seen yet or left after that time."""
        sql = (
            "SELECT e.id, e.share_id, e.author, e.message, e.created, e.hidden, e.seen, "
            "s.label AS share_label FROM encouragements e "
            "LEFT JOIN shares s ON s.id = e.share_id AND s.person_id = e.person_id "
            "WHERE e.person_id = ?"
        )
        params: list = []
        if not include_hidden:
            sql += " AND e.hidden = 0"
        if unseen_or_since is not None:
            sql += " AND (e.seen = 0 OR e.created >= ?)"
            params.append(unseen_or_since)
        sql += " ORDER BY e.created DESC, e.id DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return self._rows(sql, params)

    def count_encouragements(self) -> dict[str, int]:
        """``{"all": n, "hidden": n, "new": n}`` for this person, counted by SQL."""
        return self._rows(
            'SELECT count(*) AS "all", coalesce(sum(hidden), 0) AS hidden, '
            "coalesce(sum(seen = 0 AND hidden = 0), 0) AS new "
            "FROM encouragements WHERE person_id = ?"
        )[0]

    def hide_encouragement(self, encouragement_id: int, hidden: bool = True) -> None:
        cursor = self.db.execute(
            "UPDATE encouragements SET hidden = ? WHERE person_id = ? AND id = ?",
            [int(hidden), self.person_id, encouragement_id],
        )
        if cursor.rowcount == 0:
            raise NotFound("That message isn't in your journal any more.")

    def mark_encouragements_seen(self) -> int:
        cursor = self.db.execute(
            "UPDATE encouragements SET seen = 1 WHERE person_id = ? AND seen = 0",
            [self.person_id],
        )
        return cursor.rowcount

    def count_new_encouragements(self) -> int:
        return self._rows(
            "SELECT count(*) AS n FROM encouragements WHERE person_id = ? AND seen = 0 "
            "AND hidden = 0"
        )[0]["n"]


class ShareLinks:
    """The token side of sharing, a part of :class:`tracker.store.Store`."""

    db: Database

    # A visitor with a link is nobody's journal: these find a share by its token's hash.

    def share_by_token_hash(self, token_hash: str) -> dict | None:
        """The share with this token hash (via its unique index), with its owner's name."""
        rows = list(
            self.db.query(
                "SELECT shares.*, coalesce(shares.shown_name, people.name) AS owner_name "
                "FROM shares "
                "JOIN people ON people.id = shares.person_id WHERE shares.token_hash = ?",
                [token_hash],
            )
        )
        return rows[0] if rows else None

    def set_share_shown_name(self, person_id: int, share_id: int, name: str | None) -> None:
        """The name a link calls its owner by (schema m010); None: their journal's name."""
        self.db.execute(
            "UPDATE shares SET shown_name = ? WHERE person_id = ? AND id = ?",
            [name, person_id, share_id],
        )

    def record_share_view(
        self, share_id: int, person_id: int, viewed_at: str, *, unless_since: str | None = None
    ) -> bool:
        """Record a view of a link, unless it was already viewed between ``unless_since``
        and ``viewed_at`` (a reload is the same visit). True when a view was recorded."""
        cursor = self.db.execute(
            "INSERT INTO share_views (person_id, share_id, viewed_at) SELECT ?, ?, ? "
            "WHERE ? IS NULL OR NOT EXISTS (SELECT 1 FROM share_views "
            "WHERE share_id = ? AND person_id = ? AND viewed_at > ? AND viewed_at <= ?)",
            [
                *(person_id, share_id, viewed_at, unless_since),
                *(share_id, person_id, unless_since, viewed_at),
            ],
        )
        return cursor.rowcount == 1

    def add_encouragement(
        self,
        share_id: int,
        person_id: int,
        author: str,
        message: str,
        created: str,
        *,
        limits: Iterable[tuple[str | None, int]] = (),
    ) -> int | None:
        """Store an encouragement if its share is still active at ``created`` and the link
        has carried fewer than ``n`` messages since ``since`` for each ``(since, n)`` in
        ``limits`` (``since`` None: ever); else None. One statement: two peers sending at
        once cannot both slip under a limit."""
        under_limits = "".join(
            " AND (SELECT count(*) FROM encouragements WHERE share_id = ? "
            "AND person_id = ? AND (? IS NULL OR created > ?)) < ?"
            for _ in limits
        )
        limit_params: list = []
        for since, most in limits:
            limit_params += [share_id, person_id, since, since, most]
        cursor = self.db.execute(
            "INSERT INTO encouragements (person_id, share_id, author, message, created) "
            "SELECT person_id, id, ?, ?, ? FROM shares WHERE id = ? AND person_id = ? "
            "AND revoked IS NULL AND (expires IS NULL OR expires > ?)" + under_limits,
            [author, message, created, share_id, person_id, created, *limit_params],
        )
        return cursor.lastrowid if cursor.rowcount == 1 else None

    def share_is_active(self, share_id: int, person_id: int, moment: str) -> bool:
        return bool(
            list(
                self.db.query(
                    "SELECT 1 FROM shares WHERE id = ? AND person_id = ? AND revoked IS NULL "
                    "AND (expires IS NULL OR expires > ?)",
                    [share_id, person_id, moment],
                )
            )
        )

    def count_link_encouragements(
        self, share_id: int, person_id: int, since: str | None = None
    ) -> int:
        """How many messages one link of ``person_id`` carried (since ``since``, if given)."""
        return next(
            self.db.query(
                "SELECT count(*) AS n FROM encouragements WHERE share_id = ? AND person_id = ? "
                "AND (? IS NULL OR created > ?)",
                [share_id, person_id, since, since],
            )
        )["n"]
