"""Domain records and their validation at the boundary.

Records are plain frozen dataclasses. What a person submits is checked by the
helpers below (``parse_day``, ``check_mood``, ``clean_text``, ``check_cadence``,
``check_target``, ``check_category``, ``check_activity_kind``,
``check_support_plan``), which raise :class:`InvalidEntry` with a message that can
be shown as it is.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from dataclasses import dataclass, field
from typing import Literal

from tracker.errors import InvalidEntry

MOOD_LABELS = {1: "awful", 2: "bad", 3: "okay", 4: "good", 5: "great"}
MOOD_FACES = {1: "😣", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}

# Sane limits: long enough for a real journal entry, short enough to stay a journal.
MAX_NAME = 60
MAX_TITLE = 120
MAX_NOTE = 20_000
MAX_REFLECTION = 2000
MAX_REASON = 300
EARLIEST_DAY = dt.date(1970, 1, 1)

CATEGORIES = ("body", "mind", "connection", "rest")
# What an activity is to the person (schema m007). Only self-care is ever said to "help";
# things to watch are looked at gently on their own; neutral ones are only described.
ACTIVITY_KINDS = ("selfcare", "neutral", "watch")
ACTIVITY_KIND_LABELS = {
    "selfcare": "Self-care",
    "neutral": "Neutral (just part of life)",
    "watch": "Something to watch",
}
GOAL_KINDS = ("habit", "oneoff")
GOAL_STATUSES = ("active", "paused", "achieved", "archived")
GOAL_LOG_STATUSES = ("done", "amount", "skipped", "lapsed")
TARGET_TYPES = ("at_least", "at_most")

GoalKind = Literal["habit", "oneoff"]
GoalStatus = Literal["active", "paused", "achieved", "archived"]
GoalLogStatus = Literal["done", "amount", "skipped", "lapsed"]


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    created: str
    login: str | None = None
    is_demo: bool = False


@dataclass(frozen=True)
class CheckIn:
    id: int
    person_id: int
    day: dt.date
    logged_at: str
    mood: int
    note: str | None = None


@dataclass(frozen=True)
class Activity:
    id: int
    person_id: int
    name: str
    emoji: str | None = None
    category: str | None = None
    times: int | None = None
    per_days: int | None = None
    archived: bool = False
    kind: str = "selfcare"

    @property
    def label(self) -> str:
        return f"{self.emoji} {self.name}" if self.emoji else self.name


@dataclass(frozen=True)
class Goal:
    id: int
    person_id: int
    title: str
    kind: GoalKind
    status: GoalStatus
    created: str
    why: str | None = None
    times: int | None = None
    per_days: int | None = None
    unit: str | None = None
    target_type: str | None = None
    target_value: float | None = None
    target_date: dt.date | None = None
    achieved_on: dt.date | None = None
    steps: tuple[GoalStep, ...] = field(default_factory=tuple)

    @property
    def is_measurable(self) -> bool:
        return self.target_type is not None and self.target_value is not None

    @property
    def cadence_text(self) -> str:
        if self.kind != "habit":
            return f"by {self.target_date:%-d %b %Y}" if self.target_date else "one-off"
        if self.times == self.per_days:
            base = "every day"
        elif self.per_days == 7:
            base = f"{self.times}× a week"
        else:
            base = f"{self.times}× every {self.per_days} days"
        if self.is_measurable:
            word = "at least" if self.target_type == "at_least" else "at most"
            return f"{word} {self.target_value:g} {self.unit or ''}".rstrip() + f", {base}"
        return base


@dataclass(frozen=True)
class GoalStep:
    id: int
    goal_id: int
    title: str
    done: bool
    position: int


@dataclass(frozen=True)
class GoalLog:
    goal_id: int
    day: dt.date
    status: GoalLogStatus
    amount: float | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Setback:
    id: int
    person_id: int
    day: dt.date
    what_happened: str
    what_helped: str | None = None
    try_next: str | None = None
    created: str = ""


# --- validation helpers -------------------------------------------------------


def read_day(text: str) -> dt.date:
    """A day written as YYYY-MM-DD, or a kind word about how to write one."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidEntry(
            f"“{text}” isn't a date we can read. Please use a real day, like 2026-03-14."
        ) from None


def parse_day(value: dt.date | str, *, today: dt.date | None = None) -> dt.date:
    """A real calendar day, not in the future, not before 1970."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        value = read_day(value)
    if not isinstance(value, dt.date):
        raise InvalidEntry("Please pick a day for this entry.")
    today = today or dt.date.today()
    if value > today:
        raise InvalidEntry("That day hasn't happened yet. You can log today or any day before it.")
    if value < EARLIEST_DAY:
        raise InvalidEntry("That day is further back than this journal goes (1970).")
    return value


def check_mood(mood: object) -> int:
    # numbers.Real lets numpy's ints (from an import) through; NaN and inf are refused.
    if (
        isinstance(mood, bool)
        or not isinstance(mood, numbers.Real)
        or not math.isfinite(mood)
        or mood != int(mood)
    ):
        raise InvalidEntry("Mood is a whole number from 1 (awful) to 5 (great).")
    if not 1 <= int(mood) <= 5:
        raise InvalidEntry("Mood is a number from 1 (awful) to 5 (great).")
    return int(mood)


def clean_text(value: str | None, *, what: str, limit: int, required: bool = False) -> str | None:
    """Strip a piece of text; None for empty unless required; refuse over-long text."""
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value.replace("\x00", "").strip()
    else:
        raise InvalidEntry(f"The {what} should be text.")
    if not text:
        if required:
            raise InvalidEntry(f"Please give the {what} a few words.")
        return None
    if len(text) > limit:
        raise InvalidEntry(
            f"The {what} is {len(text):,} characters; the limit is {limit:,}. "
            "Could you shorten it a little?"
        )
    return text


def check_cadence(times: object, per_days: object) -> tuple[int, int]:
    try:
        n, d = int(times), int(per_days)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InvalidEntry(
            "How often is a number of times per number of days, like 3 per 7."
        ) from None
    if not (1 <= d <= 365):
        raise InvalidEntry("The number of days should be between 1 and 365.")
    if not (1 <= n <= d):
        raise InvalidEntry(f"Pick between 1 and {d} times in {d} days.")
    return n, d


def check_target(target_type: object, target_value: object) -> tuple[str, float]:
    """A measurable goal's target: "at least" more than zero, or "at most" zero or more."""
    if target_type not in TARGET_TYPES:
        raise InvalidEntry("A measurable goal is either “at least” or “at most” an amount.")
    try:
        value = float(target_value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidEntry("Please give the target as a number.") from None
    # "At most 0" is a real goal (no cigarettes); "at least 0" would be no goal.
    lowest_ok = value >= 0 if target_type == "at_most" else value > 0
    if not (lowest_ok and value < 1e9):
        raise InvalidEntry(
            "The target should be a number above zero."
            if target_type == "at_least"
            else "The target should be zero or more."
        )
    return target_type, value  # type: ignore[return-value]


def check_activity_kind(kind: str | None) -> str:
    if kind not in ACTIVITY_KINDS:
        raise InvalidEntry("An activity is self-care, neutral, or something to watch.")
    return kind


def check_category(category: str | None) -> str | None:
    return clean_text(category, what="category", limit=30)


# --- the support plan for hard days (schema m008) ---------------------------------------

MAX_CONTACTS = 10
MAX_CONTACT_HOW = 120
MAX_CRISIS_LINE = 120


@dataclass(frozen=True)
class SupportContact:
    name: str
    how: str | None = None  # "call", "text 07…", "knock next door"


@dataclass(frozen=True)
class SupportPlan:
    """A person's own short list for hard days. Empty until they fill it in."""

    contacts: tuple[SupportContact, ...] = ()
    helps: str | None = None  # things that help, one per line
    crisis_line: str | None = None  # a number or service they entered; none is assumed
    updated: str | None = None

    @property
    def help_lines(self) -> list[str]:
        return [line.strip() for line in (self.helps or "").splitlines() if line.strip()]


def check_support_plan(contacts: object, helps: str | None, crisis_line: str | None) -> SupportPlan:
    """A support plan as typed: blank rows dropped, every field within its limit."""
    if not isinstance(contacts, (list, tuple)):
        raise InvalidEntry("The people to reach out to should be a list of names.")
    cleaned: list[SupportContact] = []
    for item in contacts:
        if isinstance(item, SupportContact):
            name_value, how_value = item.name, item.how
        elif isinstance(item, dict):
            name_value, how_value = item.get("name"), item.get("how")
        else:
            raise InvalidEntry("Each person to reach out to needs a name.")
        name = clean_text(name_value, what="name", limit=MAX_NAME)
        how = clean_text(how_value, what="way to reach them", limit=MAX_CONTACT_HOW)
        if name is None:
            if how:
                raise InvalidEntry(f"Who is “{how}” for? Please add their name.")
            continue
        cleaned.append(SupportContact(name, how))
    if len(cleaned) > MAX_CONTACTS:
        raise InvalidEntry(f"A support plan keeps up to {MAX_CONTACTS} people; pick the closest.")
    return SupportPlan(
        contacts=tuple(cleaned),
        helps=clean_text(helps, what="list of things that help", limit=MAX_REFLECTION),
        crisis_line=clean_text(crisis_line, what="crisis line", limit=MAX_CRISIS_LINE),
    )
