"""Who the app's sentences speak about: the journal's owner, or the person by name.

The owner reads "your mood rose"; a peer reading a shared view or a report reads "Sam's
mood rose". Each sentence is written once, with the words that change taken from a
:class:`Voice`; the default, :data:`YOU`, speaks to the owner.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    """``name`` None speaks to the owner ("you"); a name speaks about them to a peer
    (the name first, then "they")."""

    name: str | None = None

    @property
    def is_owner(self) -> bool:
        return self.name is None

    @property
    def you(self) -> str:
        """The subject, named: "you" / "Sam"."""
        return "you" if self.name is None else self.name

    @property
    def your(self) -> str:
        """Whose, named: "your" / "Sam's"."""
        return "your" if self.name is None else f"{self.name}'s"

    @property
    def they(self) -> str:
        """The subject once named: "you" / "they" (both take the same verb forms)."""
        return "you" if self.name is None else "they"

    @property
    def their(self) -> str:
        return "your" if self.name is None else "their"

    @property
    def yourself(self) -> str:
        return "yourself" if self.name is None else "themselves"

    @property
    def you_have(self) -> str:
        return "you've" if self.name is None else f"{self.name} has"

    @property
    def they_are(self) -> str:
        return "you're" if self.name is None else "they're"

    @property
    def have(self) -> str:
        """The verb after :attr:`you`: "you have" / "Sam has"."""
        return "have" if self.name is None else "has"

    @property
    def words(self) -> dict[str, str]:
        """For ``str.format``: "{your} mood", "{you_have} come"..."""
        return {
            "you": self.you,
            "your": self.your,
            "they": self.they,
            "their": self.their,
            "yourself": self.yourself,
            "you_have": self.you_have,
            "they_are": self.they_are,
        }


YOU = Voice()


def about(name: str | None) -> Voice:
    """The voice for a peer reading about ``name`` (the owner's voice without a name)."""
    name = (name or "").strip()
    return Voice(name) if name else YOU


def capital(text: str) -> str:
    """The first letter made a capital, the rest (a name as typed) left alone."""
    return text[:1].upper() + text[1:]
