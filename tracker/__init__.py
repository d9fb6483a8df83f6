"""Resilience Tracker's domain package: records, the SQLite store, analytics,
charts, importers, exporters and sharing. It never imports Streamlit."""

from tracker.errors import DatabaseProblem, InvalidEntry, NotFound, TrackerError
from tracker.frames import JournalFrames
from tracker.store import Journal, Store, default_db_path, open_store

__all__ = [
    "DatabaseProblem",
    "InvalidEntry",
    "Journal",
    "JournalFrames",
    "NotFound",
    "Store",
    "TrackerError",
    "default_db_path",
    "open_store",
]
