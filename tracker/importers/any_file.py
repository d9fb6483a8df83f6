"""Preview any file a person uploads, by what it looks like: a backup, Loop or Daylio.

This sits beside the importers rather than in the package's ``__init__``: it reaches
``tracker.backup``, which builds on ``tracker.importers.base``, and the package must not
depend on what depends on it.
"""

from __future__ import annotations

from tracker.backup import preview_backup
from tracker.importers.base import ImportPreview
from tracker.importers.daylio import preview_daylio
from tracker.importers.loop import preview_loop
from tracker.importers.untrusted import refuse_if_too_big
from tracker.store import Journal


def preview_file(
    filename: str,
    data: bytes,
    journal: Journal,
    *,
    mood_map: dict[str, int] | None = None,
) -> ImportPreview:
    """Preview any file a person uploads: our backup (.json), Loop (.zip, .db) or Daylio (.csv)."""
    refuse_if_too_big(data)
    name = filename.lower()
    if name.endswith(".json") or data.lstrip()[:1] == b"{":
        return preview_backup(data, journal)
    if data.startswith((b"PK", b"SQLite format 3\x00")) or name.endswith((".zip", ".db")):
        return preview_loop(data, journal)
    return preview_daylio(data, journal, mood_map=mood_map)
