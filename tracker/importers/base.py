"""What every import shares: the preview, its problems, the plan and writing it.

Every import has two steps. A ``preview_*`` function (Daylio, Loop, backup) reads the
file and writes nothing: it returns an :class:`ImportPreview` with counts, the date
range, what is new, and every problem found, each with its row number.
:func:`apply_import` then writes it all in ONE transaction, or refuses with
:class:`InvalidEntry` and writes nothing. Each entry carries a stable key built from its
source row, so importing the same file twice adds nothing the second time.

The preview holds no database connection, so an app can keep it between reruns and
apply it later with a fresh journal.

Each importer (and ``tracker.backup``) imports only this module, never the package,
so nothing here depends on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from tracker import records as r
from tracker import words
from tracker.errors import InvalidEntry
from tracker.store import Journal, now_text

Progress = Callable[[float], None]

# Rows written per executemany call: small enough for a smooth progress bar.
CHUNK = 1000
# How many problems a message lists before it says "and N more".
SHOWN_PROBLEMS = 10

# What one of each is called; words.count makes "1 check-in", "2 check-ins".
COUNT_LABELS = {
    "checkins": "check-in",
    "activity_days": "activity day",
    "goals": "goal",
    "goal_days": "goal day",
    "setbacks": "setback note",
    "celebrations": "celebration",
    "shares": "share link",
    "encouragements": "encouragement",
    "support_plan": "support plan",
}


@dataclass(frozen=True)
class RowProblem:
    """One thing in the file that can't be imported, and where it is."""

    where: str  # "row 12", "001 Walk/Checkmarks.csv row 4", "check-in 3"
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


class Plan(Protocol):
    def write(self, journal: Journal, progress: Progress | None) -> dict[str, int]: ...


@dataclass
class ImportPreview:
    """What an import would do. Nothing has been written yet."""

    source: str  # "Daylio", "Loop Habit Tracker", "backup"
    counts: dict[str, int]  # keys of COUNT_LABELS: how many the file holds
    first_day: dt.date | None
    last_day: dt.date | None
    new_activities: list[str] = field(default_factory=list)
    new_goals: list[str] = field(default_factory=list)
    unknown_moods: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    already_there: int = 0  # check-ins from this file that are already in the journal
    plan: Plan | None = field(default=None, repr=False, compare=False)
    # The file had no header row: its columns were recognised from their shape, and the
    # person is asked to confirm before anything is written.
    no_header: bool = False

    def sort_activities(self, kinds: Mapping[str, str]) -> None:
        """Set the kind of new activities by name (any case); the rest come in as neutral.

        Another app's activities are whatever the person tracked ("work", "Smoking
        weed"): none is called self-care unless the person says so.
        """
        if isinstance(self.plan, ImportPlan):
            self.plan.activity_kinds = {
                name.casefold(): r.check_activity_kind(kind) for name, kind in kinds.items()
            }

    @property
    def ready(self) -> bool:
        """True when applying would write: no problems, every mood label known."""
        return not self.problems and not self.unknown_moods

    def summary(self) -> str:
        """The preview in a few plain sentences, for the app and the command line."""
        parts = [words.count(n, COUNT_LABELS.get(k, k)) for k, n in self.counts.items() if n]
        text = f"This {self.source} file holds " + (_join(parts) if parts else "no entries") + "."
        if self.first_day and self.last_day:
            text += f" It runs from {self.first_day:%-d %b %Y} to {self.last_day:%-d %b %Y}."
        if self.already_there:
            already = words.count(self.already_there, "check-in")
            verb = "is" if self.already_there == 1 else "are"
            text += f" {already} {verb} already in your journal."
        if self.no_header:
            text += (
                " It has no header row, so we read its columns in Daylio's usual order: "
                "please check the dates and moods before you import."
            )
        if self.new_activities:
            text += f" New activities: {_join(self.new_activities)}"
            # Another app's activities come in neutral; a backup's keep their own kinds.
            sortable = isinstance(self.plan, ImportPlan)
            text += " (neutral until you sort them)." if sortable else "."
        if self.new_goals:
            text += f" New goals: {_join(self.new_goals)}."
        return text


@dataclass(frozen=True)
class ImportResult:
    source: str
    added: dict[str, int]

    def summary(self) -> str:
        parts = [words.count(n, COUNT_LABELS.get(k, k)) for k, n in self.added.items() if n]
        if not parts:
            return f"Everything in this {self.source} file was already in your journal."
        return f"Added {_join(parts)} from {self.source}."


def apply_import(
    journal: Journal, preview: ImportPreview, *, progress: Progress | None = None
) -> ImportResult:
    """Write a previewed import in one transaction, or refuse and write nothing."""
    refuse_unless_ready(preview)
    assert preview.plan is not None
    if progress:
        progress(0.0)
    added = preview.plan.write(journal, progress)
    if progress:
        progress(1.0)
    return ImportResult(source=preview.source, added=added)


def refuse_unless_ready(preview: ImportPreview) -> None:
    if preview.problems:
        raise InvalidEntry(problems_message(preview.problems))
    if preview.unknown_moods:
        labels = ", ".join(f"“{label}”" for label in preview.unknown_moods)
        raise InvalidEntry(
            f"Nothing was imported yet: we don't know which mood {labels} "
            f"{'is' if len(preview.unknown_moods) == 1 else 'are'} on the 1–5 scale. "
            "Please tell us, for example great=5 or so-so=3, and try again."
        )
    if preview.plan is None:
        raise InvalidEntry("There is nothing to import in this file.")


def problems_message(problems: list[RowProblem]) -> str:
    shown = "; ".join(str(p).rstrip(".") for p in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        shown += f"; and {more:,} more"
    return (
        "Nothing was imported, so your journal is just as it was. "
        f"A few rows need a look first: {shown}."
    )


def parse_mood_map(pairs: Iterable[str]) -> dict[str, int]:
    """``["fine=4", "so-so = 3"]`` → ``{"fine": 4, "so-so": 3}`` (for --mood-map)."""
    mood_map: dict[str, int] = {}
    for pair in pairs:
        label, sep, score = pair.rpartition("=")
        if not sep or not label.strip():
            raise InvalidEntry(
                f"“{pair}” isn't a mood mapping we can read. Please write it as LABEL=SCORE, "
                "like fine=4."
            )
        try:
            mood_map[label.strip()] = r.check_mood(int(score.strip()))
        except ValueError:
            raise InvalidEntry(
                f"In “{pair}”, the score should be a whole number from 1 (awful) to 5 (great)."
            ) from None
    return mood_map


# --- the plan that Daylio and Loop imports share -------------------------------------


@dataclass(frozen=True)
class GoalSpec:
    """A recurring goal from another app, validated, ready for ``Journal.add_goal``."""

    title: str
    why: str | None
    times: int
    per_days: int
    unit: str | None = None
    target_type: str | None = None
    target_value: float | None = None
    archived: bool = False

    @property
    def measurable(self) -> bool:
        return self.target_type is not None


@dataclass
class ImportPlan:
    """Validated rows: check-ins, self-care days and goal days, keyed to survive re-imports."""

    checkins: list[dict] = field(default_factory=list)  # day, logged_at, mood, note, import_key
    activity_days: list[tuple[str, str]] = field(default_factory=list)  # (name, ISO day)
    goals: list[GoalSpec] = field(default_factory=list)
    goal_days: list[tuple[str, str, str, float | None, str | None]] = field(
        default_factory=list
    )  # (goal title, ISO day, status, amount, reason)
    activity_kinds: dict[str, str] = field(default_factory=dict)  # casefolded name → kind

    def write(self, journal: Journal, progress: Progress | None) -> dict[str, int]:
        added = dict.fromkeys(("checkins", "activity_days", "goals", "goal_days"), 0)
        total = max(1, len(self.checkins) + len(self.activity_days) + len(self.goal_days))
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(min(0.99, done / total))

        with journal.store.transaction():
            activity_ids = _ensure_activities(
                journal, [name for name, _ in self.activity_days], self.activity_kinds
            )
            goal_ids, added["goals"] = _ensure_goals(journal, self.goals)
            for chunk in _chunks(self.checkins):
                added["checkins"] += journal.insert_rows("checkins", chunk)
                step(len(chunk))
            for chunk in _chunks(self.activity_days):
                rows = [{"activity_id": activity_ids[n.casefold()], "day": d} for n, d in chunk]
                added["activity_days"] += journal.insert_rows("activity_logs", rows)
                step(len(chunk))
            for chunk in _chunks(self.goal_days):
                rows = [
                    {
                        "goal_id": goal_ids[title.casefold()],
                        "day": day,
                        "status": status,
                        "amount": amount,
                        "reason": reason,
                    }
                    for title, day, status, amount, reason in chunk
                ]
                added["goal_days"] += journal.insert_rows("goal_logs", rows)
                step(len(chunk))
        return added


def existing_activities(journal: Journal) -> dict[str, int]:
    """Name (casefolded) → id of every activity of the person, archived ones included."""
    return {row["name"].casefold(): row["id"] for row in journal.rows("activities")}


def existing_goals(journal: Journal) -> dict[str, dict]:
    """Title (casefolded) → row of the person's recurring goals (the oldest per title)."""
    found: dict[str, dict] = {}
    for row in journal.rows("goals"):
        if row["kind"] == "habit":
            found.setdefault(row["title"].casefold(), row)
    return found


def _ensure_activities(
    journal: Journal, names: Iterable[str], kinds: Mapping[str, str] | None = None
) -> dict[str, int]:
    # An archived activity stays archived: importing its history isn't asking for it back.
    # A new one is neutral unless the person sorted it in the preview.
    ids = existing_activities(journal)
    kinds = kinds or {}
    for name in names:
        if name.casefold() not in ids:
            row = {
                "name": name,
                "archived": 0,
                "created": now_text(),
                "kind": kinds.get(name.casefold(), "neutral"),
            }
            ids[name.casefold()] = journal.insert_row("activities", row)
    return ids


def _ensure_goals(journal: Journal, specs: list[GoalSpec]) -> tuple[dict[str, int], int]:
    found = existing_goals(journal)
    ids = {key: row["id"] for key, row in found.items()}
    added = 0
    for spec in specs:
        key = spec.title.casefold()
        if key in found:
            if bool(found[key]["target_type"]) != spec.measurable:
                raise InvalidEntry(
                    f"Nothing was imported: {goal_clash_message(spec)} "
                    "Please rename one of them and import again."
                )
            continue
        ids[key] = journal.insert_row(
            "goals",
            {
                "title": spec.title,
                "why": spec.why,
                "kind": "habit",
                "times": spec.times,
                "per_days": spec.per_days,
                "unit": spec.unit,
                "target_type": spec.target_type,
                "target_value": spec.target_value,
                "status": "archived" if spec.archived else "active",
                "created": now_text(),
            },
        )
        added += 1
    return ids, added


def goal_clash_message(spec: GoalSpec) -> str:
    kind = "measured in amounts" if spec.measurable else "a yes/no habit"
    other = "a yes/no goal" if spec.measurable else "a goal measured in amounts"
    return f"you already have {other} called “{spec.title}”, but the one in this file is {kind}."


def goal_clashes(journal: Journal, specs: Iterable[GoalSpec]) -> list[RowProblem]:
    found = existing_goals(journal)
    return [
        RowProblem(f"habit “{spec.title}”", goal_clash_message(spec))
        for spec in specs
        if spec.title.casefold() in found
        and bool(found[spec.title.casefold()]["target_type"]) != spec.measurable
    ]


def _chunks(items: list) -> Iterable[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
