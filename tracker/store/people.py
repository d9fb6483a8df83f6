"""People: whose journals the database holds, and the sign-ins that open them."""

from __future__ import annotations

from sqlite_utils import Database

from tracker import records as r
from tracker.errors import InvalidEntry, NotFound
from tracker.store.base import now_text


class People:
    """The people in the database, a part of :class:`tracker.store.Store` (whose ``db`` and
    ``transaction`` it uses)."""

    db: Database

    def people(self) -> list[r.Person]:
        return [_person(row) for row in self.db.query("SELECT * FROM people ORDER BY id")]

    def person(self, person_id: int) -> r.Person:
        rows = list(self.db.query("SELECT * FROM people WHERE id = ?", [person_id]))
        if not rows:
            raise NotFound("We couldn't find that journal.")
        return _person(rows[0])

    def person_for_identity(
        self, issuer: str, subject: str, *, verified_email: str | None = None, name: str = "me"
    ) -> r.Person:
        """The journal of the person a sign-in provider vouches for, made on first sign-in.

        Matched on ``issuer`` + ``subject`` only (schema.m006). A journal from before, linked
        by ``people.login``, is taken over once: by a sign-in whose e-mail the provider has
        verified and equals that login, or whose subject equals it (older sign-ins without
        an e-mail). An unverified e-mail never opens a journal: it gets a new one.
        """
        if not issuer or not subject:
            raise InvalidEntry("The sign-in didn't say who you are, so no journal was opened.")
        with self.transaction():
            found = self._person_by_identity(issuer, subject)
            if found is not None:
                return found
            logins = [subject, *([verified_email] if verified_email else [])]
            legacy = list(
                self.db.query(
                    "SELECT id FROM people WHERE issuer IS NULL AND is_demo = 0 AND login IN "
                    f"({', '.join('?' for _ in logins)}) ORDER BY login = ? DESC, id LIMIT 1",
                    [*logins, verified_email or subject],  # an e-mail login first, as before
                )
            )
            if legacy:
                self.db.execute(
                    "UPDATE people SET issuer = ?, subject = ?, login = NULL WHERE id = ?",
                    [issuer, subject, legacy[0]["id"]],
                )
            else:
                try:
                    clean = r.clean_text(name, what="name", limit=r.MAX_NAME, required=True)
                except InvalidEntry:
                    clean = "me"
                self.db.execute(
                    "INSERT INTO people (name, created, issuer, subject) VALUES (?, ?, ?, ?)",
                    [clean, now_text(), issuer, subject],
                )
            found = self._person_by_identity(issuer, subject)
        assert found is not None
        return found

    def _person_by_identity(self, issuer: str, subject: str) -> r.Person | None:
        rows = list(
            self.db.query(
                "SELECT * FROM people WHERE issuer = ? AND subject = ?", [issuer, subject]
            )
        )
        return _person(rows[0]) if rows else None

    def person_by_name(self, name: str) -> r.Person | None:
        rows = list(
            self.db.query("SELECT * FROM people WHERE name = ? COLLATE NOCASE ORDER BY id", [name])
        )
        return _person(rows[0]) if rows else None

    def add_person(self, name: str, *, login: str | None = None, is_demo: bool = False) -> r.Person:
        clean = r.clean_text(name, what="name", limit=r.MAX_NAME, required=True)
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO people (name, created, login, is_demo) VALUES (?, ?, ?, ?)",
                [clean, now_text(), login, int(is_demo)],
            )
        return self.person(cursor.lastrowid)

    def rename_person(self, person_id: int, name: str) -> r.Person:
        clean = r.clean_text(name, what="name", limit=r.MAX_NAME, required=True)
        self.person(person_id)
        self.db.execute("UPDATE people SET name = ? WHERE id = ?", [clean, person_id])
        return self.person(person_id)

    def delete_person(self, person_id: int) -> None:
        """Delete a person and everything of theirs (cascades), in one transaction."""
        self.person(person_id)
        with self.transaction():
            self.db.execute("DELETE FROM people WHERE id = ?", [person_id])


def _person(row: dict) -> r.Person:
    return r.Person(
        id=row["id"],
        name=row["name"],
        created=row["created"],
        login=row["login"],
        is_demo=bool(row["is_demo"]),
    )
