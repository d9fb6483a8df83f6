"""The tables of a person's records, each with its columns declared once.

Reading rows into records, writing them (forms, imports, backups), reading a
journal into DataFrames and the backup file all take a table's columns from here,
so a new column is added in one place (and in a migration in :mod:`tracker.schema`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

Record = TypeVar("Record")


def day_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclasses.dataclass(frozen=True)
class Table:
    """One table of a person's records. Every row also has ``person_id``."""

    name: str
    # Every column but ``id`` and ``person_id``, in the order that frames (and so the CSV
    # export) show them; imports and backups write exactly these.
    columns: tuple[str, ...]
    has_id: bool = True
    days: tuple[str, ...] = ()  # YYYY-MM-DD text: dates in records, datetimes in frames
    flags: tuple[str, ...] = ()  # 0 or 1: bools in records
    set_by_app: tuple[str, ...] = ()  # never changed by editing the record (see `edited`)
    secret: tuple[str, ...] = ()  # never read out of the database
    not_in_frames: tuple[str, ...] = ()  # bookkeeping that analytics never reads
    frame_times: tuple[str, ...] = ()  # timestamps that frames read as datetimes
    frame_order: str = "rowid"

    def __post_init__(self) -> None:
        named = (self.days, self.flags, self.set_by_app, self.secret, self.frame_times)
        unknown = {c for group in named for c in group} - set(self.columns)
        if unknown:
            raise ValueError(f"{self.name} has no columns {sorted(unknown)}")

    @property
    def stored(self) -> tuple[str, ...]:
        """The columns a row is read with (``id`` first, when it has one)."""
        return ("id", *self.columns) if self.has_id else self.columns

    @property
    def edited(self) -> tuple[str, ...]:
        """What a person changes by editing a record (goals, activities); the rest stays."""
        return tuple(c for c in self.columns if c not in self.set_by_app)

    @property
    def readable(self) -> tuple[str, ...]:
        """The stored columns that may leave the database (a share's token hash never does)."""
        return tuple(c for c in self.stored if c not in self.secret)

    @property
    def frame_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.readable if c not in self.not_in_frames)

    @property
    def frame_dates(self) -> tuple[str, ...]:
        """The frame's columns read as datetimes."""
        return tuple(c for c in (*self.days, *self.frame_times) if c in self.frame_columns)

    def record(self, cls: type[Record], row: Mapping[str, Any], **more: object) -> Record:
        """The record ``cls`` of one row: each of its fields from the column of that name,
        days as dates and flags as bools; ``more`` gives fields that are not columns."""
        return cls(**{name: read(row[name]) for name, read in _readers(self, cls)}, **more)

    def check_writable(self, names: Iterable[str]) -> None:
        # Column names go into SQL text, so only declared ones are allowed.
        unknown = set(names) - set(self.columns)
        if unknown:
            raise ValueError(f"{self.name} has no columns {sorted(unknown)} to write")


@functools.cache
def _readers(table: Table, cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    fields = {f.name for f in dataclasses.fields(cls)}
    readers = []
    for name in ("person_id", *table.stored):
        if name in fields:
            read = day_or_none if name in table.days else bool if name in table.flags else _same
            readers.append((name, read))
    return tuple(readers)


def _same(value: Any) -> Any:  # noqa: ANN401 (a column's value, as SQLite gives it)
    return value


CHECKINS = Table(
    "checkins",
    ("day", "logged_at", "mood", "note", "import_key"),
    days=("day",),
    not_in_frames=("import_key",),
    frame_order="day, logged_at, id",
)
ACTIVITIES = Table(
    "activities",
    ("name", "emoji", "category", "times", "per_days", "archived", "created", "kind"),
    flags=("archived",),
    set_by_app=("archived", "created", "kind"),  # archiving and the kind have their own calls
    not_in_frames=("created",),
    frame_order="name COLLATE NOCASE",
)
ACTIVITY_LOGS = Table(
    "activity_logs", ("activity_id", "day"), has_id=False, days=("day",), frame_order="day"
)
GOALS = Table(
    "goals",
    (
        "title",
        "why",
        "kind",
        "status",
        "times",
        "per_days",
        "unit",
        "target_type",
        "target_value",
        "target_date",
        "achieved_on",
        "created",
    ),
    days=("target_date", "achieved_on"),
    set_by_app=("status", "achieved_on", "created"),  # see Journal.set_goal_status
    frame_times=("created",),  # analytics counts a goal's days from its creation
    frame_order="created, id",
)
GOAL_STEPS = Table("goal_steps", ("goal_id", "title", "done", "position"), flags=("done",))
GOAL_LOGS = Table(
    "goal_logs",
    ("goal_id", "day", "status", "amount", "reason"),
    has_id=False,
    days=("day",),
    frame_order="day",
)
GOAL_PAUSES = Table(
    "goal_pauses",
    ("goal_id", "start", "end"),
    days=("start", "end"),
    not_in_frames=("id",),
    frame_order="start",
)
SETBACKS = Table(
    "setbacks",
    ("day", "what_happened", "what_helped", "try_next", "created", "import_key"),
    days=("day",),
    not_in_frames=("created", "import_key"),
    frame_order="day, id",
)
CELEBRATIONS = Table("celebrations", ("key", "day", "text", "celebrated_at"), has_id=False)
SHARES = Table(
    "shares",
    ("label", "token_hash", "scopes", "created", "expires", "revoked"),
    secret=("token_hash",),
)
SHARE_VIEWS = Table("share_views", ("share_id", "viewed_at"))
ENCOURAGEMENTS = Table(
    "encouragements",
    ("share_id", "author", "message", "created", "hidden", "seen"),
    flags=("hidden", "seen"),
)

# Every table of one person's records that imports and backups read and write.
TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        CHECKINS,
        ACTIVITIES,
        ACTIVITY_LOGS,
        GOALS,
        GOAL_STEPS,
        GOAL_LOGS,
        GOAL_PAUSES,
        SETBACKS,
        CELEBRATIONS,
        SHARES,
        SHARE_VIEWS,
        ENCOURAGEMENTS,
    )
}


def table_named(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise ValueError(f"{name} is not a table that imports and backups write") from None
