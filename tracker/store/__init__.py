"""The one package that owns SQL.

- :mod:`~tracker.store.connection`: opening the database, transactions, faults, ``Store``.
- :mod:`~tracker.store.journal`: ``Journal``, one person's journal, made of one part per
  kind of record: :mod:`~tracker.store.checkins`, :mod:`~tracker.store.activities`,
  :mod:`~tracker.store.goals`, :mod:`~tracker.store.setbacks`, :mod:`~tracker.store.search`,
  :mod:`~tracker.store.support_plan`, :mod:`~tracker.store.celebrations`,
  :mod:`~tracker.store.shares`, :mod:`~tracker.store.saved_links`,
  :mod:`~tracker.store.bulk` (imports and backups) and :mod:`~tracker.store.frames`
  (DataFrames for analytics).
- :mod:`~tracker.store.people`: the people in the database (a part of ``Store``).
- :mod:`~tracker.store.tables`: each table's columns, declared once.
"""

from tracker.frames import JournalFrames
from tracker.store.base import now_text
from tracker.store.connection import (
    BUSY_TIMEOUT_MS,
    DAMAGED,
    READ_ONLY,
    DataVersions,
    Store,
    default_db_path,
    fault_message,
    open_store,
)
from tracker.store.journal import Journal
from tracker.store.search import DayDetails, search_query
from tracker.store.tables import TABLES, Table

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DAMAGED",
    "READ_ONLY",
    "TABLES",
    "DataVersions",
    "DayDetails",
    "Journal",
    "JournalFrames",
    "Store",
    "Table",
    "default_db_path",
    "fault_message",
    "now_text",
    "open_store",
    "search_query",
]
