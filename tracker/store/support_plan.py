"""The support plan for hard days: people to reach, what helps, a crisis line."""

from __future__ import annotations

import json
from collections.abc import Iterable

from tracker import records as r
from tracker.store.base import JournalPart, now_text


class SupportPlans(JournalPart):
    """A person's support plan."""

    def support_plan(self) -> r.SupportPlan:
        rows = self._rows("SELECT * FROM support_plans WHERE person_id = ?")
        if not rows:
            return r.SupportPlan()
        row = rows[0]
        contacts = tuple(
            r.SupportContact(item.get("name", ""), item.get("how"))
            for item in json.loads(row["contacts"] or "[]")
        )
        return r.SupportPlan(contacts, row["helps"], row["crisis_line"], row["updated"])

    def save_support_plan(
        self,
        contacts: Iterable[r.SupportContact | dict],
        helps: str | None,
        crisis_line: str | None,
        *,
        updated: str | None = None,
    ) -> r.SupportPlan:
        plan = r.check_support_plan(list(contacts), helps, crisis_line)
        people = json.dumps(
            [{"name": c.name, "how": c.how} for c in plan.contacts], ensure_ascii=False
        )
        self.db.execute(
            "INSERT INTO support_plans (person_id, contacts, helps, crisis_line, updated) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET "
            "contacts = excluded.contacts, helps = excluded.helps, "
            "crisis_line = excluded.crisis_line, updated = excluded.updated",
            [self.person_id, people, plan.helps, plan.crisis_line, updated or now_text()],
        )
        return self.support_plan()
