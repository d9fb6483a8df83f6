"""A full backup of one person as one JSON file, and restoring it.

The file holds no database ids: records point at each other by what they are
(logs sit inside their goal or activity, encouragements inside their share), and
every list is sorted, so backing up, restoring into a fresh person and backing
up again gives the same bytes.

Restoring adds what is missing and never changes or removes what is there, so
restoring the same file twice changes nothing. Check-ins and setbacks are
matched by their whole content, activities by name, goals by title and creation
time, shares by label and creation time.

Share links are backed up without their token hashes, so a restored link can't
open anything: it comes back revoked (from the moment of the restore) and stays
in the list as history, with its views and encouragements. Saved links to other
people's shares are secrets of their own and are not in the backup.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from tracker import records as r
from tracker.errors import InvalidEntry
from tracker.importers.base import (
    ImportPreview,
    Progress,
    RowProblem,
    apply_import,
    refuse_unless_ready,
)
from tracker.importers.untrusted import refuse_if_too_big
from tracker.store import Journal, Store, now_text
from tracker.store.tables import (
    ACTIVITIES,
    CELEBRATIONS,
    CHECKINS,
    ENCOURAGEMENTS,
    GOAL_LOGS,
    GOAL_PAUSES,
    GOAL_STEPS,
    GOALS,
    SETBACKS,
    SHARES,
    TABLES,
    Table,
)

FORMAT = "resilience-tracker-backup"
VERSION = 1


# --- backup --------------------------------------------------------------------------


def make_backup(journal: Journal) -> dict:
    """Everything of one person, as plain JSON-ready data without database ids."""
    rows = {table: journal.rows(table) for table in _TABLES}

    activity_days: dict[int, list[str]] = {}
    for row in rows["activity_logs"]:
        activity_days.setdefault(row["activity_id"], []).append(row["day"])
    activities = [
        {**_fields(a, ACTIVITIES), "days": sorted(activity_days.get(a["id"], []))}
        for a in rows["activities"]
    ]

    by_goal: dict[str, dict[int, list[dict]]] = {"steps": {}, "logs": {}, "pauses": {}}
    for row in rows["goal_steps"]:
        step = _fields(row, GOAL_STEPS, "goal_id")
        by_goal["steps"].setdefault(row["goal_id"], []).append(step)
    for row in rows["goal_logs"]:
        log = _fields(row, GOAL_LOGS, "goal_id")
        by_goal["logs"].setdefault(row["goal_id"], []).append(log)
    for row in rows["goal_pauses"]:
        pause = _fields(row, GOAL_PAUSES, "goal_id")
        by_goal["pauses"].setdefault(row["goal_id"], []).append(pause)
    goals = [
        {
            **_fields(g, GOALS),
            "steps": _sorted(by_goal["steps"].get(g["id"], []), "position", "title"),
            "logs": _sorted(by_goal["logs"].get(g["id"], []), "day"),
            "pauses": _sorted(by_goal["pauses"].get(g["id"], []), "start"),
        }
        for g in rows["goals"]
    ]

    views: dict[int, list[str]] = {}
    for row in rows["share_views"]:
        views.setdefault(row["share_id"], []).append(row["viewed_at"])
    cheers: dict[int | None, list[dict]] = {}
    for row in rows["encouragements"]:
        cheer = _fields(row, ENCOURAGEMENTS, "share_id")
        cheers.setdefault(row["share_id"], []).append(cheer)
    share_ids = {s["id"] for s in rows["shares"]}
    shares = [
        {
            **_fields(s, SHARES),
            "views": sorted(views.get(s["id"], [])),
            "encouragements": _sorted(cheers.get(s["id"], []), "created"),
        }
        for s in rows["shares"]
    ]
    # Encouragements left without a share (or on a share that is gone) stay at the top.
    loose = [c for key, found in cheers.items() if key not in share_ids for c in found]

    return {
        "format": FORMAT,
        "version": VERSION,
        "person": {"name": journal.person.name},
        "checkins": _sorted([_fields(c, CHECKINS) for c in rows["checkins"]], "day", "logged_at"),
        "activities": sorted(activities, key=lambda a: (a["name"].casefold(), a["name"])),
        "goals": _sorted(goals, "created", "title"),
        "setbacks": _sorted([_fields(s, SETBACKS) for s in rows["setbacks"]], "day", "created"),
        "celebrations": _sorted(
            [_fields(c, CELEBRATIONS) for c in rows["celebrations"]],
            "key",
        ),
        "shares": _sorted(shares, "created", "label"),
        "encouragements": _sorted(loose, "created"),
        "support_plan": _support_plan_data(journal.support_plan()),
    }


def _fields(row: dict, table: Table, *leave_out: str) -> dict:
    """A row's columns as the file holds them: no database ids, flags as true/false."""
    return {
        c: bool(row[c]) if c in table.flags else row[c]
        for c in table.readable
        if c != "id" and c not in leave_out
    }


def _support_plan_data(plan: r.SupportPlan) -> dict | None:
    """The support plan for hard days (schema m008), or None when never made."""
    if plan.updated is None:
        return None
    return {
        "contacts": [{"name": c.name, "how": c.how} for c in plan.contacts],
        "helps": plan.helps,
        "crisis_line": plan.crisis_line,
        "updated": plan.updated,
    }


def backup_bytes(journal: Journal) -> bytes:
    """The backup file's bytes: UTF-8 JSON, sorted keys, one field per line."""
    text = json.dumps(make_backup(journal), ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


def backup_filename(today: dt.date | None = None) -> str:
    return f"resilience-backup-{(today or dt.date.today()).isoformat()}.json"


# --- restore -------------------------------------------------------------------------


def preview_backup(data: bytes | str | dict, journal: Journal | None = None) -> ImportPreview:
    """Read a backup file; write nothing. ``journal`` is the person to restore into, if any."""
    backup = data if isinstance(data, dict) else _load(data)
    problems: list[RowProblem] = []
    clean = _validate(backup, problems)
    existing = {t: journal.rows(t) for t in ("checkins", "activities", "goals")} if journal else {}
    have_activities = {_nocase(a["name"]) for a in existing.get("activities", [])}
    have_goals = {(g["title"], g["created"]) for g in existing.get("goals", [])}
    have_checkins = Counter(_checkin_key(c) for c in existing.get("checkins", []))
    already = 0
    for c in clean["checkins"]:
        if have_checkins[_checkin_key(c)] > 0:
            have_checkins[_checkin_key(c)] -= 1
            already += 1
    days = [c["day"] for c in clean["checkins"]]
    days += [d for a in clean["activities"] for d in a["days"]]
    days += [log["day"] for g in clean["goals"] for log in g["logs"]]
    days += [s["day"] for s in clean["setbacks"]]
    return ImportPreview(
        source="backup",
        counts={
            "checkins": len(clean["checkins"]),
            "activity_days": sum(len(a["days"]) for a in clean["activities"]),
            "goals": len(clean["goals"]),
            "goal_days": sum(len(g["logs"]) for g in clean["goals"]),
            "setbacks": len(clean["setbacks"]),
            "celebrations": len(clean["celebrations"]),
            "shares": len(clean["shares"]),
            "encouragements": len(clean["encouragements"])
            + sum(len(s["encouragements"]) for s in clean["shares"]),
        },
        first_day=dt.date.fromisoformat(min(days)) if days else None,
        last_day=dt.date.fromisoformat(max(days)) if days else None,
        new_activities=[
            a["name"] for a in clean["activities"] if _nocase(a["name"]) not in have_activities
        ],
        new_goals=[
            g["title"] for g in clean["goals"] if (g["title"], g["created"]) not in have_goals
        ],
        problems=problems,
        already_there=already,
        plan=BackupPlan(clean),
    )


def restore_backup(
    store: Store,
    data: bytes | str | dict,
    person_id: int | None = None,
    *,
    progress: Progress | None = None,
) -> Journal:
    """Restore a backup into ``person_id``, or into a new person named as in the file.

    All or nothing: a file with a problem restores nothing and raises InvalidEntry.
    """
    journal = store.journal(person_id) if person_id is not None else None
    preview = preview_backup(data, journal)
    refuse_unless_ready(preview)
    with store.transaction():
        if journal is None:
            name = preview.plan.backup["person"]["name"]  # type: ignore[union-attr]
            journal = store.journal(store.add_person(name).id)
        apply_import(journal, preview, progress=progress)
    return journal


@dataclass
class BackupPlan:
    backup: dict  # validated, see _validate

    def write(self, journal: Journal, progress: Progress | None) -> dict[str, int]:
        added: Counter[str] = Counter()
        b = self.backup
        steps: list[Callable[[], None]] = []

        def tick(index: int) -> None:
            if progress:
                progress(min(0.99, (index + 1) / len(steps)))

        def activities() -> None:
            ids = {_nocase(row["name"]): row["id"] for row in journal.rows("activities")}
            logs = []
            for a in b["activities"]:
                key = _nocase(a["name"])
                if key not in ids:
                    ids[key] = journal.insert_row(
                        "activities", {**a, "archived": int(a["archived"])}
                    )
                logs += [{"activity_id": ids[key], "day": day} for day in a["days"]]
            added["activity_days"] = journal.insert_rows("activity_logs", logs)

        def checkins() -> None:
            have = Counter(_checkin_key(c) for c in journal.rows("checkins"))
            new = _missing(b["checkins"], have, _checkin_key)
            added["checkins"] = journal.insert_rows("checkins", new)

        def goals() -> None:
            have: dict[tuple, list[int]] = {}
            for row in journal.rows("goals"):
                have.setdefault((row["title"], row["created"]), []).append(row["id"])
            steps_of = _group(journal.rows("goal_steps"), "goal_id")
            pauses_of = _group(journal.rows("goal_pauses"), "goal_id")
            logs = []
            for g in b["goals"]:
                matches = have.get((g["title"], g["created"]), [])
                if matches:
                    goal_id = matches.pop(0)
                else:
                    goal_id = journal.insert_row("goals", g)
                    added["goals"] += 1
                step_titles = Counter(s["title"] for s in steps_of.get(goal_id, []))
                for step in _missing(g["steps"], step_titles, lambda s: s["title"]):
                    journal.insert_row(
                        "goal_steps", {**step, "goal_id": goal_id, "done": int(step["done"])}
                    )
                have_pauses = Counter((p["start"], p["end"]) for p in pauses_of.get(goal_id, []))
                for pause in _missing(g["pauses"], have_pauses, lambda p: (p["start"], p["end"])):
                    journal.insert_row("goal_pauses", {**pause, "goal_id": goal_id})
                logs += [{**log, "goal_id": goal_id} for log in g["logs"]]
            added["goal_days"] = journal.insert_rows("goal_logs", logs)

        def setbacks() -> None:
            have = Counter(_setback_key(s) for s in journal.rows("setbacks"))
            new = _missing(b["setbacks"], have, _setback_key)
            added["setbacks"] = journal.insert_rows("setbacks", new)
            added["celebrations"] = journal.insert_rows("celebrations", b["celebrations"])

        def shares() -> None:
            have: dict[tuple, list[int]] = {}
            for row in journal.rows("shares"):
                have.setdefault((row["label"], row["created"]), []).append(row["id"])
            views_of = _group(journal.rows("share_views"), "share_id")
            cheers_of = _group(journal.rows("encouragements"), "share_id")
            for s in b["shares"]:
                matches = have.get((s["label"], s["created"]), [])
                if matches:
                    share_id = matches.pop(0)
                else:
                    share_id = journal.insert_row(
                        "shares",
                        {
                            **s,
                            # No one holds a token for this hash: the link can't open.
                            "token_hash": "restored-" + secrets.token_hex(32),
                            "revoked": s["revoked"] or now_text(),
                        },
                    )
                    added["shares"] += 1
                seen = Counter(v["viewed_at"] for v in views_of.get(share_id, []))
                new_views = _missing(s["views"], seen, lambda v: v)
                journal.insert_rows(
                    "share_views", [{"share_id": share_id, "viewed_at": v} for v in new_views]
                )
                _restore_cheers(journal, share_id, s["encouragements"], cheers_of, added)
            _restore_cheers(journal, None, b["encouragements"], cheers_of, added)

        def support_plan() -> None:
            # The person's current plan wins; the file's fills in a journal without one.
            plan = b.get("support_plan")
            if plan and journal.support_plan().updated is None:
                journal.save_support_plan(
                    plan["contacts"], plan["helps"], plan["crisis_line"], updated=plan["updated"]
                )
                added["support_plan"] = 1

        steps.extend([activities, checkins, goals, setbacks, shares, support_plan])
        with journal.store.transaction():
            for index, step in enumerate(steps):
                step()
                tick(index)
        return dict(added)


def _restore_cheers(
    journal: Journal,
    share_id: int | None,
    cheers: list[dict],
    cheers_of: dict,
    added: Counter[str],
) -> None:
    have = Counter(_cheer_key(c) for c in cheers_of.get(share_id, []))
    new = [
        {**c, "share_id": share_id, "hidden": int(c["hidden"]), "seen": int(c["seen"])}
        for c in _missing(cheers, have, _cheer_key)
    ]
    added["encouragements"] += journal.insert_rows("encouragements", new)


# --- reading and checking the file ---------------------------------------------------

_TABLES = tuple(TABLES)
_CHECKIN_FIELDS = CHECKINS.columns
_SETBACK_FIELDS = SETBACKS.columns


def _load(data: bytes | str) -> dict:
    refuse_if_too_big(data)
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        backup = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidEntry(
            "This file isn't a Resilience Tracker backup we can read (it isn't JSON). "
            "Nothing was restored."
        ) from None
    if not isinstance(backup, dict) or backup.get("format") != FORMAT:
        raise InvalidEntry(
            "This file isn't a Resilience Tracker backup. Nothing was restored. "
            "(For Daylio or Loop files, use their own import.)"
        )
    version = backup.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidEntry("This backup has no version we can read. Nothing was restored.")
    if version > VERSION:
        raise InvalidEntry(
            "This backup was made by a newer version of the app. Please update the app to "
            "restore it; nothing was restored."
        )
    return backup


def _validate(backup: dict, problems: list[RowProblem]) -> dict:
    """A checked copy of the backup; each bad record becomes a problem named by its place."""
    person = backup.get("person")
    name = person.get("name") if isinstance(person, dict) else None
    try:
        name = r.clean_text(name, what="name", limit=r.MAX_NAME, required=True)
    except InvalidEntry as error:
        problems.append(RowProblem("person", _lower(error)))
    clean: dict = {"format": FORMAT, "version": VERSION, "person": {"name": name}}
    for section, label, check in (
        ("checkins", "check-in", _check_checkin),
        ("activities", "activity", _check_activity),
        ("goals", "goal", _check_goal),
        ("setbacks", "setback note", _check_setback),
        ("celebrations", "celebration", _check_celebration),
        ("shares", "share link", _check_share),
        ("encouragements", "encouragement", _check_cheer),
    ):
        items = backup.get(section, [])
        clean[section] = []
        if not isinstance(items, list):
            problems.append(RowProblem(section, "this part of the file should be a list."))
            continue
        for number, item in enumerate(items, start=1):
            try:
                if not isinstance(item, dict):
                    raise InvalidEntry("this entry isn't readable.")
                clean[section].append(check(item))
            except InvalidEntry as error:
                problems.append(RowProblem(f"{label} {number}", _lower(error)))
    clean["support_plan"] = None
    plan = backup.get("support_plan")
    if plan is not None:
        try:
            if not isinstance(plan, dict):
                raise InvalidEntry("this part isn't readable.")
            checked = r.check_support_plan(
                plan.get("contacts", []), plan.get("helps"), plan.get("crisis_line")
            )
            clean["support_plan"] = {
                "contacts": [{"name": c.name, "how": c.how} for c in checked.contacts],
                "helps": checked.helps,
                "crisis_line": checked.crisis_line,
                "updated": _stamp(plan.get("updated"), "time of the support plan"),
            }
        except InvalidEntry as error:
            problems.append(RowProblem("support plan", _lower(error)))
    return clean


def _check_checkin(c: dict) -> dict:
    day = _day(c.get("day"))
    return {
        "day": day,
        "logged_at": _stamp(c.get("logged_at"), "time of the check-in"),
        "mood": r.check_mood(c.get("mood")),
        "note": r.clean_text(c.get("note"), what="note", limit=r.MAX_NOTE),
        "import_key": _key(c.get("import_key")),
    }


def _check_activity(a: dict) -> dict:
    times, per_days = a.get("times"), a.get("per_days")
    if times is not None or per_days is not None:
        times, per_days = r.check_cadence(_whole(times), _whole(per_days))
    days = a.get("days", [])
    if not isinstance(days, list):
        raise InvalidEntry("its days should be a list.")
    return {
        "name": r.clean_text(a.get("name"), what="activity name", limit=r.MAX_NAME, required=True),
        "emoji": r.clean_text(a.get("emoji"), what="emoji", limit=8),
        "category": r.check_category(a.get("category")),
        "times": times,
        "per_days": per_days,
        "archived": _flag(a.get("archived")),
        "created": _stamp(a.get("created"), "date the activity was added"),
        # Backups from before kinds hold only what the app then called self-care.
        "kind": r.check_activity_kind(a.get("kind", "selfcare")),
        "days": sorted({_day(d) for d in days}),
    }


def _check_goal(g: dict) -> dict:
    kind = g.get("kind")
    if kind not in r.GOAL_KINDS:
        raise InvalidEntry("a goal is either a habit or a one-off.")
    status = g.get("status")
    if status not in r.GOAL_STATUSES:
        raise InvalidEntry("a goal is active, paused, achieved or archived.")
    goal = {
        "title": r.clean_text(g.get("title"), what="goal", limit=r.MAX_TITLE, required=True),
        "why": r.clean_text(g.get("why"), what="reason why it matters", limit=r.MAX_REFLECTION),
        "kind": kind,
        "status": status,
        "times": None,
        "per_days": None,
        "unit": None,
        "target_type": None,
        "target_value": None,
        "target_date": _optional_date(g.get("target_date")),
        "achieved_on": _optional_date(g.get("achieved_on")),
        "created": _stamp(g.get("created"), "date the goal was set"),
    }
    if kind == "habit":
        goal["times"], goal["per_days"] = r.check_cadence(
            _whole(g.get("times")), _whole(g.get("per_days"))
        )
    if g.get("target_type") is not None or g.get("target_value") is not None:
        # The same rule as the goal form's: "at most 0" (none at all) is a goal too.
        goal["target_type"], goal["target_value"] = r.check_target(
            g.get("target_type"), _number(g.get("target_value"), "target")
        )
        goal["unit"] = r.clean_text(g.get("unit"), what="unit", limit=30)
    steps, logs, pauses = g.get("steps", []), g.get("logs", []), g.get("pauses", [])
    if not all(isinstance(x, list) for x in (steps, logs, pauses)):
        raise InvalidEntry("its steps, days and pauses should be lists.")
    goal["steps"] = [_check_step(s) for s in steps]
    goal["logs"] = [_check_goal_log(log) for log in logs]
    goal["pauses"] = [_check_pause(p) for p in pauses]
    if len({log["day"] for log in goal["logs"]}) != len(goal["logs"]):
        raise InvalidEntry("it has a day logged twice.")
    return goal


def _check_step(s: object) -> dict:
    if not isinstance(s, dict):
        raise InvalidEntry("one of its steps isn't readable.")
    return {
        "title": r.clean_text(s.get("title"), what="step", limit=r.MAX_TITLE, required=True),
        "done": _flag(s.get("done")),
        "position": _whole(s.get("position", 0)),
    }


def _check_goal_log(log: object) -> dict:
    if not isinstance(log, dict):
        raise InvalidEntry("one of its days isn't readable.")
    status = log.get("status")
    if status not in r.GOAL_LOG_STATUSES:
        raise InvalidEntry("a day of a goal is done, an amount, skipped, or lapsed.")
    amount = None
    if status == "amount":
        # Kept even when the goal's target was taken away later, as the journal keeps it.
        amount = _number(log.get("amount"), "amount")
    reason = r.clean_text(log.get("reason"), what="reason", limit=r.MAX_REASON)
    return {
        "day": _day(log.get("day")),
        "status": status,
        "amount": amount,
        "reason": reason if status == "skipped" else None,
    }


def _check_pause(p: object) -> dict:
    if not isinstance(p, dict):
        raise InvalidEntry("one of its pauses isn't readable.")
    return {"start": _day(p.get("start")), "end": _optional_date(p.get("end"))}


def _check_setback(s: dict) -> dict:
    return {
        "day": _day(s.get("day")),
        "what_happened": r.clean_text(
            s.get("what_happened"),
            what="note on what happened",
            limit=r.MAX_REFLECTION,
            required=True,
        ),
        "what_helped": r.clean_text(
            s.get("what_helped"), what="note on what helped", limit=r.MAX_REFLECTION
        ),
        "try_next": r.clean_text(
            s.get("try_next"), what="note on what to try next time", limit=r.MAX_REFLECTION
        ),
        "created": _stamp(s.get("created"), "date the note was written"),
        "import_key": _key(s.get("import_key")),
    }


def _check_celebration(c: dict) -> dict:
    return {
        "key": _key(c.get("key"), required=True),
        "day": _day(c.get("day")),
        "text": r.clean_text(
            c.get("text"), what="celebration", limit=r.MAX_REFLECTION, required=True
        ),
        "celebrated_at": _stamp(c.get("celebrated_at"), "time of the celebration"),
    }


def _check_share(s: dict) -> dict:
    scopes = s.get("scopes")
    if not isinstance(scopes, str) or len(scopes) > 1000:
        raise InvalidEntry("what the link shows isn't readable.")
    views, cheers = s.get("views", []), s.get("encouragements", [])
    if not isinstance(views, list) or not isinstance(cheers, list):
        raise InvalidEntry("its views and encouragements should be lists.")
    return {
        "label": r.clean_text(s.get("label"), what="link name", limit=r.MAX_NAME, required=True),
        "scopes": scopes,
        "created": _stamp(s.get("created"), "date the link was made"),
        "expires": _optional_stamp(s.get("expires"), "expiry of the link"),
        "revoked": _optional_stamp(s.get("revoked"), "time the link was stopped"),
        "views": sorted(_stamp(v, "time of a view") for v in views),
        "encouragements": [
            _check_cheer(c) if isinstance(c, dict) else _unreadable() for c in cheers
        ],
    }


def _check_cheer(c: dict) -> dict:
    return {
        "author": r.clean_text(c.get("author"), what="name", limit=r.MAX_NAME, required=True),
        "message": r.clean_text(
            c.get("message"), what="encouragement", limit=r.MAX_REFLECTION, required=True
        ),
        "created": _stamp(c.get("created"), "time of the encouragement"),
        "hidden": _flag(c.get("hidden")),
        "seen": _flag(c.get("seen")),
    }


def _unreadable() -> dict:
    raise InvalidEntry("one of its encouragements isn't readable.")


def _day(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidEntry("it has a day that isn't a date.")
    return r.parse_day(value).isoformat()


def _optional_date(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidEntry("it has a date that isn't a date.")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidEntry(f"“{value[:40]}” isn't a date we can read.") from None


def _stamp(value: object, what: str) -> str:
    """A moment as the app stores it: local time without an offset, ``YYYY-MM-DDTHH:MM:SS``.

    Backups edited by hand or written by other tools carry offsets (``+02:00``, ``Z``),
    spaces or bare dates; stored as they came, the pages could not compare them.
    """
    if not isinstance(value, str):
        raise InvalidEntry(f"the {what} is missing.")
    unreadable = InvalidEntry(f"the {what} (“{value[:40]}”) isn't a time we can read.")
    try:
        moment = dt.datetime.fromisoformat(value.strip())
        if moment.tzinfo is not None:
            moment = moment.astimezone().replace(tzinfo=None)  # the server's local time
    except (ValueError, OverflowError, OSError):
        raise unreadable from None
    if not _EARLIEST_STAMP <= moment < _LATEST_STAMP:
        raise unreadable
    return moment.isoformat()


_EARLIEST_STAMP = dt.datetime(1970, 1, 1)
_LATEST_STAMP = dt.datetime(2200, 1, 1)


def _optional_stamp(value: object, what: str) -> str | None:
    return None if value is None else _stamp(value, what)


def _key(value: object, *, required: bool = False) -> str | None:
    # No length limit: a Daylio import's key holds the mood's name, as long as the file
    # had it (the file's own size limit bounds it).
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise InvalidEntry("it has a key that isn't readable.")
    return value


def _flag(value: object) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool | int) or value not in (0, 1):
        raise InvalidEntry("it has a yes/no field that isn't yes or no.")
    return bool(value)


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidEntry("it has a count that isn't a whole number.")
    if abs(value) > 10**9:
        raise InvalidEntry("it has a count that is far too big.")
    return value


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidEntry(f"the {what} isn't a number.")
    number = float(value)
    if not 0 <= number < 1e9:
        raise InvalidEntry(f"the {what} should be zero or more, and under a billion.")
    return number


def _nocase(name: str) -> str:
    # The database's own rule for "the same activity name": SQLite's NOCASE, ASCII only.
    return name.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _checkin_key(c: dict) -> tuple:
    return tuple(c[k] for k in _CHECKIN_FIELDS)


def _setback_key(s: dict) -> tuple:
    return tuple(s[k] for k in _SETBACK_FIELDS)


def _cheer_key(c: dict) -> tuple:
    return (c["author"], c["message"], c["created"])


def _missing(items: list, have: Counter, key: Callable) -> list:
    """The items not already there, counting duplicates (two equal entries stay two)."""
    new = []
    for item in items:
        k = key(item)
        if have[k] > 0:
            have[k] -= 1
        else:
            new.append(item)
    return new


def _group(rows: list[dict], column: str) -> dict:
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(row[column], []).append(row)
    return grouped


def _sorted(items: list[dict], *fields: str) -> list[dict]:
    """Sorted by ``fields``, then by the whole record, so equal-looking rows keep one order."""

    def key(item: dict) -> tuple:
        head = tuple((item[f] is None, item[f] if item[f] is not None else "") for f in fields)
        return (*head, json.dumps(item, sort_keys=True, ensure_ascii=False))

    return sorted(items, key=key)


def _lower(error: Exception) -> str:
    text = str(error)
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
