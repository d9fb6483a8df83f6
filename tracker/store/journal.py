"""``Journal``: one person's journal, the one front door to their records.

Each kind of record is a part of its own module; the journal is all of them, so
``journal.add_goal(...)`` and ``journal.add_checkin(...)`` sit side by side.
"""

from __future__ import annotations

from tracker import records as r
from tracker.store.activities import Activities
from tracker.store.bulk import BulkRows
from tracker.store.celebrations import Celebrations
from tracker.store.checkins import CheckIns
from tracker.store.frames import Frames
from tracker.store.goals import Goals
from tracker.store.saved_links import SavedLinks
from tracker.store.search import JournalSearch
from tracker.store.setbacks import Setbacks
from tracker.store.shares import Shares
from tracker.store.support_plan import SupportPlans


class Journal(
    CheckIns,
    Activities,
    Goals,
    Setbacks,
    JournalSearch,
    SupportPlans,
    Celebrations,
    Shares,
    SavedLinks,
    BulkRows,
    Frames,
):
    """One person's journal. Every query carries ``person_id``, so nothing can be read or
    changed through another person's journal."""

    @property
    def person(self) -> r.Person:
        return self.store.person(self.person_id)
