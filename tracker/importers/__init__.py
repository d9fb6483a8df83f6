"""Bring a person's history in from other apps, safely.

Every import has two steps: a ``preview_*`` function reads the file and writes nothing,
then :func:`apply_import` writes it all in one transaction or nothing. What every
import shares lives in :mod:`tracker.importers.base`; Daylio and Loop each have a
module, and a backup of this app is read by :mod:`tracker.backup`.
:func:`tracker.importers.any_file.preview_file` picks the right one for an upload.

The names below are here for callers' convenience. Modules inside ``tracker`` that
build on imports (``tracker.backup``, the importers) use ``base`` directly.
"""

from tracker.importers.base import (
    ImportPreview,
    ImportResult,
    Progress,
    RowProblem,
    apply_import,
    parse_mood_map,
    refuse_unless_ready,
)
from tracker.importers.daylio import DEFAULT_MOODS, preview_daylio
from tracker.importers.loop import preview_loop

__all__ = [
    "DEFAULT_MOODS",
    "ImportPreview",
    "ImportResult",
    "Progress",
    "RowProblem",
    "apply_import",
    "parse_mood_map",
    "preview_daylio",
    "preview_loop",
    "refuse_unless_ready",
]
