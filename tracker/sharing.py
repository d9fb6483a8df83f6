"""Share links for a peer, the shared view's data, and encouragement.

A link carries a random token (``secrets.token_urlsafe(32)``, 256 bits); only its
SHA-256 is stored, so the database alone cannot open a share. A made-up, expired or
revoked token all get the same ``None`` from :func:`open_share`, by the same path.

What a shared view may show is decided here, once, by :func:`scoped_frames`; what it
shows from that (sections, numbers, texts and charts) by :func:`shared_content`, which
both the shared page and the downloadable report (:mod:`tracker.report`) are drawn
from, so the peer and the report's reader always read the same numbers. All SQL is in
:mod:`tracker.store` (the ``sharing`` sections).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import re
import secrets
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from tracker import analytics, words
from tracker import records as r
from tracker.errors import InvalidEntry, NotFound
from tracker.frames import JournalFrames
from tracker.store import Journal, Store
from tracker.voice import Voice

# What a link can show, in the order the page offers them.
SCOPES: dict[str, str] = {
    "mood": "Mood trend and setbacks",
    "selfcare": "Self-care",
    "goals": "Goals and strength",
    "wins": "Small wins",
    "notes": "Journal notes and setback reflections",
}
# Notes are private journal text: shared only when a person ticks them themselves.
DEFAULT_SCOPES: tuple[str, ...] = ("mood", "selfcare", "goals", "wins")

# How long a link works; None never ends (until revoked).
EXPIRY_CHOICES: dict[str, int | None] = {
    "1 day": 1,
    "1 week": 7,
    "1 month": 30,
    "3 months": 90,
    "No end date": None,
}

MAX_LABEL = r.MAX_NAME
MAX_AUTHOR = 60
MAX_MESSAGE = 500
# One link can't flood its owner: it carries at most this many messages an hour, and
# this many in all (a new link starts afresh).
ENCOURAGEMENTS_PER_HOUR = 5
ENCOURAGEMENTS_PER_LINK = 200
# Opening a link again within this time (a reload, a second tab) is the same visit.
SAME_VISIT = dt.timedelta(minutes=30)
# token_urlsafe(32) gives 43 characters; allow some room, refuse anything else unread.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,128}")


@dataclass(frozen=True)
class Share:
    id: int
    person_id: int
    label: str
    scopes: tuple[str, ...]
    created: dt.datetime
    expires: dt.datetime | None
    revoked: dt.datetime | None = None

    def status(self, now: dt.datetime | None = None) -> str:
        """ "active", "expired" or "revoked"."""
        if self.revoked is not None:
            return "revoked"
        if self.expires is not None and _moment(now) >= self.expires:
            return "expired"
        return "active"

    def is_active(self, now: dt.datetime | None = None) -> bool:
        return self.status(now) == "active"


@dataclass(frozen=True)
class ShareSummary(Share):
    """A share as its owner sees it in the list, with how often it was looked at."""

    view_count: int = 0
    last_viewed: dt.datetime | None = None


@dataclass(frozen=True)
class SharedView:
    """What an open link gives a visitor: whose journal, and which parts of it."""

    share_id: int
    person_id: int
    owner_name: str
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class Encouragement:
    id: int
    author: str
    message: str
    created: dt.datetime
    share_id: int | None = None
    share_label: str | None = None
    hidden: bool = False
    seen: bool = False


@dataclass(frozen=True)
class SavedLink:
    id: int
    token: str
    label: str | None
    created: dt.datetime


# --- tokens ---------------------------------------------------------------------------


def new_token() -> str:
    """A fresh link token: 32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The SHA-256 hex digest of a token: the only form of it that is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_from_link(text: str) -> str:
    """The token in a pasted link (``...?t=TOKEN``) or a bare token; refuses anything else."""
    if not isinstance(text, str):
        raise InvalidEntry("Please paste the link you were sent.")
    text = text.strip()
    if "?" in text or "=" in text:
        query = urllib.parse.urlsplit(text).query or text.split("?", 1)[-1]
        text = (urllib.parse.parse_qs(query).get("t") or [""])[0].strip()
    if not _TOKEN_SHAPE.fullmatch(text):
        raise InvalidEntry(
            "That doesn't look like a share link. Please paste the whole link you were sent."
        )
    return text


# --- the owner's side -----------------------------------------------------------------


def create_share(
    journal: Journal,
    label: str,
    scopes: Iterable[str],
    expires_in: str | dt.timedelta | None = None,
    *,
    now: dt.datetime | None = None,
    shown_name: str | None = None,
) -> tuple[Share, str]:
    """Make a link for one peer. Returns the share and its token; the token is shown
    once (to put in the link) and never stored. ``shown_name`` is the name the link
    calls its owner by ("Sam's mood rose"); by default, their journal's name."""
    clean_label = r.clean_text(label, what="name for this link", limit=MAX_LABEL, required=True)
    clean_shown = r.clean_text(shown_name, what="name on the link", limit=MAX_LABEL)
    chosen = check_scopes(scopes)
    lifetime = _lifetime(expires_in)
    created = _moment(now)
    expires = created + lifetime if lifetime is not None else None
    token = new_token()
    with journal.store.transaction():
        share_id = journal.insert_share(
            clean_label, hash_token(token), ",".join(chosen), _stamp(created), _stamp(expires)
        )
        if clean_shown and clean_shown != journal.person.name:
            journal.store.set_share_shown_name(journal.person_id, share_id, clean_shown)
    share = Share(
        id=share_id,
        person_id=journal.person_id,
        label=clean_label,
        scopes=chosen,
        created=created,
        expires=expires,
    )
    return share, token


def check_scopes(scopes: Iterable[str]) -> tuple[str, ...]:
    """The chosen scopes in canonical order; refuses unknown ones and an empty choice."""
    if isinstance(scopes, str):
        scopes = [scopes]
    wanted = set(scopes)
    unknown = wanted - set(SCOPES)
    if unknown:
        raise InvalidEntry(
            f"“{sorted(unknown, key=str)[0]}” isn't something a link can show. "
            f"Please pick from: {', '.join(SCOPES.values())}."
        )
    if not wanted:
        raise InvalidEntry("Please pick at least one thing this link shows.")
    if "notes" in wanted and not wanted & {"mood", "goals"}:
        raise InvalidEntry(
            "Notes are shown alongside your mood trend or your goals. Please pick one of those too."
        )
    return tuple(scope for scope in SCOPES if scope in wanted)


def revoke_share(journal: Journal, share_id: int, *, now: dt.datetime | None = None) -> None:
    """Stop a link working, at once. NotFound if it is not this person's."""
    journal.revoke_share(share_id, _stamp(_moment(now)))


def list_shares(journal: Journal) -> list[ShareSummary]:
    """Every link this person made, newest first, with views counted."""
    return [_summary(row) for row in journal.share_rows()]


def share_views(journal: Journal, share_id: int, limit: int = -1) -> list[dt.datetime]:
    """When the link was opened (the newest ``limit`` visits; -1: all), newest first.
    NotFound if it is not this person's."""
    return [
        dt.datetime.fromisoformat(moment) for moment in journal.share_view_times(share_id, limit)
    ]


# --- the visitor's side ---------------------------------------------------------------


def open_share(
    store: Store, token: object, now: dt.datetime | None = None, *, record_view: bool = True
) -> SharedView | None:
    """The shared view for a token, or None when the link is not active.

    Unknown, malformed, expired and revoked tokens all return the same None by the
    same steps (hash, look up by the unique index, compare), so nothing tells them
    apart. An active link's view is recorded (time and link) unless ``record_view``
    is False (a peer's dashboard checking its saved links, for instance).
    """
    moment = _stamp(_moment(now))
    text = token.strip() if isinstance(token, str) else ""
    well_formed = _TOKEN_SHAPE.fullmatch(text) is not None
    digest = hash_token(text if well_formed else "")
    row = store.share_by_token_hash(digest)
    matches = row is not None and hmac.compare_digest(row["token_hash"], digest)
    active = (
        well_formed
        and matches
        and row["revoked"] is None
        and (row["expires"] is None or moment < row["expires"])
    )
    if not active:
        return None
    if record_view:
        same_visit_since = _stamp(_moment(now) - SAME_VISIT)
        store.record_share_view(row["id"], row["person_id"], moment, unless_since=same_visit_since)
    return SharedView(
        share_id=row["id"],
        person_id=row["person_id"],
        owner_name=row["owner_name"],
        scopes=_parse_scopes(row["scopes"]),
    )


def scoped_frames(frames: JournalFrames, scopes: Iterable[str]) -> JournalFrames:
    """Only what ``scopes`` allow; the shared view is built from this alone.

    - "mood": check-ins (day, time, mood) and the days of logged setbacks.
    - "selfcare": self-care activities (not neutral ones or things to watch) and their logs.
    - "goals": goals, their logs and pauses.
    - "notes": adds the private text to those: check-in notes, setback reflections,
      why a goal matters and the reasons for skips. Without it they are emptied.
    Everything not allowed is an empty frame with the same columns.
    """
    allowed = set(scopes)
    notes = "notes" in allowed

    def keep_if(scope: str, frame: pd.DataFrame, text: Iterable[str] = ()) -> pd.DataFrame:
        if scope not in allowed:
            return frame.iloc[0:0].copy()
        frame = frame.copy()
        if not notes:
            for column in text:
                frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        return frame

    # "Self-care" is self-care only: neutral activities and things to watch (a drink, a
    # trigger) are the person's own business, never shown to a peer.
    activities = keep_if("selfcare", frames.activities)
    activities = activities[activities["kind"] == "selfcare"]
    activity_logs = keep_if("selfcare", frames.activity_logs)
    activity_logs = activity_logs[activity_logs["activity_id"].isin(activities["id"])]
    return JournalFrames(
        checkins=keep_if("mood", frames.checkins, ["note"]),
        activities=activities,
        activity_logs=activity_logs,
        goals=keep_if("goals", frames.goals, ["why"]),
        goal_logs=keep_if("goals", frames.goal_logs, ["reason"]),
        goal_pauses=keep_if("goals", frames.goal_pauses),
        setbacks=keep_if("mood", frames.setbacks, ["what_happened", "what_helped", "try_next"]),
    )


def wins_frames(frames: JournalFrames, scopes: Iterable[str]) -> JournalFrames:
    """What a shared view's small-wins feed is computed from.

    A win such as "30 days logged" or "Walk passed 80%" is derived from the days,
    moods and logs, so "wins" needs them even when the charts are not shared; the
    private text never comes along. Without "wins", every frame is empty. The page
    shows only the wins computed from this, never these frames themselves.
    """
    if "wins" not in set(scopes):
        return scoped_frames(frames, ())
    return scoped_frames(frames, ("mood", "selfcare", "goals"))


# --- what a share shows ---------------------------------------------------------------

# The sections of a shared view and a report, in the order they are shown.
SECTION_TITLES: dict[str, str] = {
    "mood": "Mood and setbacks",
    "habits": "Habits growing stronger",
    "selfcare": "Self-care",
    "helps": "What seems to help",
    "wins": "Small wins",
    "notes": "Notes and reflections",
}
MAX_HELPS = 5


@dataclass(frozen=True)
class Window:
    """The days shown, ``start`` to ``end``: what is shown, never what is counted from."""

    start: dt.date
    end: dt.date

    def series(self, values: pd.Series) -> pd.Series:
        """A day-indexed series cut to the window (its values as computed, untouched)."""
        first, last = pd.Timestamp(self.start), pd.Timestamp(self.end)
        return values[(values.index >= first) & (values.index <= last)]

    def rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        first, last = pd.Timestamp(self.start), pd.Timestamp(self.end)
        return frame[(frame["day"] >= first) & (frame["day"] <= last)]

    def overlaps(self, episode: analytics.Episode) -> bool:
        last = episode.recovered or episode.end
        return episode.start <= self.end and max(last, episode.end) >= self.start


@dataclass(frozen=True)
class SharedContent:
    """What a share shows, section by section: the one source of the shared page and the
    report. Numbers are the app's on ``end``, worked out from everything the scopes
    allow up to that day; lists and chart data are cut to ``start``..``end``."""

    scopes: tuple[str, ...]
    window: Window
    voice: Voice
    journey: analytics.Journey  # the app's numbers on the last day
    sections: tuple[str, ...]  # keys of SECTION_TITLES, in order
    charts: tuple[str, ...]  # "journey", "bounce_back", "strength": drawn by shared_charts
    # mood
    daily: pd.Series
    setback_days: list[dt.date]
    episodes: list[analytics.Episode]  # those overlapping the window
    bounce_back: pd.DataFrame  # per quarter, of the setbacks that started in the window
    finding_way_back: bool
    # habits: each with its strength in the window (names told apart: habit_names)
    habits: list[analytics.HabitSummary]
    habit_names: dict[str, str]
    habit_lines: tuple[tuple[str, str | None, str], ...]  # name, strength (None: new), runs
    strengths: dict[str, pd.Series]  # shown name → strength in the window, for the chart
    last_entry_day: dt.date | None
    # self-care days, helps, wins and notes, as shown
    selfcare_days: tuple[tuple[str, int], ...]  # most days first
    helps: tuple[str, ...]
    wins: tuple[analytics.Win, ...]  # newest first
    notes: tuple[tuple[dt.date, str], ...]  # newest first

    @property
    def start(self) -> dt.date:
        return self.window.start

    @property
    def end(self) -> dt.date:
        return self.window.end

    @property
    def days_logged(self) -> int:
        return len(self.daily)


def shared_window(
    frames: JournalFrames,
    scopes: Iterable[str],
    start: dt.date | None,
    end: dt.date | None,
    as_of: dt.date | None = None,
) -> Window:
    """The days a share or report shows: ``end`` defaults to (and stops at) ``as_of``
    (default today), ``start`` defaults to the first day with something the scopes show.
    Refuses a start after the end."""
    chosen = check_scopes(scopes)
    made_on = as_of or dt.date.today()
    end = min(end, made_on) if end is not None else made_on
    if start is None:
        shown = [scoped_frames(frames, chosen)]
        if "wins" in chosen:
            shown.append(wins_frames(frames, chosen))
        days = [
            frame["day"].min()
            for picked in shown
            for frame in (picked.checkins, picked.activity_logs, picked.goal_logs, picked.setbacks)
            if len(frame)
        ]
        start = min(min(days).date() if days else end, end)
    if start > end:
        raise InvalidEntry(
            f"The report would start on {_long_day(start)}, after it ends on {_long_day(end)}. "
            "Please pick a start on or before the end."
        )
    return Window(start, end)


def shared_content(
    frames: JournalFrames,
    scopes: Iterable[str],
    voice: Voice,
    start: dt.date | None = None,
    end: dt.date | None = None,
    as_of: dt.date | None = None,
) -> SharedContent:
    """What a share with ``scopes`` shows of a journal (all its ``frames``), spoken in
    ``voice`` (``about(name)``), for ``start``..``end`` (see :func:`shared_window`; the
    shared page: from the first day to today). Built only from :func:`scoped_frames`
    and, for small wins, :func:`wins_frames`."""
    from tracker import charts  # for habit names and days; plotly loads only here

    chosen = check_scopes(scopes)
    window = shared_window(frames, chosen, start, end, as_of)
    scoped = scoped_frames(frames, chosen)
    result = analytics.journey(scoped, window.end, voice)
    helps = tuple(result.helps["sentence"][:MAX_HELPS]) if _section_shown("helps", chosen) else ()
    sections = [
        key
        for key in SECTION_TITLES
        if _section_shown(key, chosen) and (key != "helps" or helps)  # no empty guesses
    ]

    daily = window.series(result.daily)
    setback_days = [day for day in result.setback_days if window.start <= day <= window.end]
    started = [e for e in result.episodes if window.start <= e.start <= window.end]
    episodes = [e for e in result.episodes if window.overlaps(e)]

    habits = [habit for habit in result.habits if len(window.series(habit.strength))]
    names = charts.habit_names(habits)  # a goal and an activity may share a name
    lines = tuple(
        (
            names[habit.key],
            None if habit.just_started else words.percent(habit.strength_now),
            analytics.describe_habit(habit, voice),
        )
        for habit in habits
    )
    strengths = {
        names[habit.key]: window.series(habit.strength)
        for habit in habits
        if not habit.just_started  # a habit that has only just started has no strength yet
    }

    logs = window.rows(scoped.activity_logs)
    counts = logs.groupby("activity_id")["day"].nunique()
    activity_names = dict(zip(scoped.activities["id"], scoped.activities["name"], strict=True))
    selfcare_days = tuple(
        sorted(
            ((activity_names[key], int(n)) for key, n in counts.items() if n),
            key=lambda item: (-item[1], item[0].casefold()),
        )
    )
    wins: list[analytics.Win] = []
    if "wins" in chosen:
        all_wins = analytics.journey(wins_frames(frames, chosen), window.end, voice).wins
        wins = [w for w in all_wins if window.start <= w.day <= window.end]

    drawn = []
    if "mood" in sections and (len(daily) or setback_days):
        drawn += ["journey", "bounce_back"]
    if "habits" in sections and habits:
        drawn.append("strength")
    return SharedContent(
        scopes=chosen,
        window=window,
        voice=voice,
        journey=result,
        sections=tuple(sections),
        charts=tuple(drawn),
        daily=daily,
        setback_days=setback_days,
        episodes=episodes,
        bounce_back=analytics.bounce_back_by_quarter(started),
        finding_way_back=any(e.recovered is None for e in episodes),
        habits=habits,
        habit_names=names,
        habit_lines=lines,
        strengths=strengths,
        last_entry_day=charts.last_entry_day(result),
        selfcare_days=selfcare_days,
        helps=helps,
        wins=tuple(sorted(wins, key=lambda w: (w.day, w.key), reverse=True)),
        notes=_notes(scoped, window) if "notes" in chosen else (),
    )


def shared_charts(content: SharedContent) -> dict:
    """The figures named in ``content.charts`` (``tracker.charts.Chart`` by name), drawn
    from the content alone."""
    from tracker import charts  # plotly loads only when charts are drawn

    voice = content.voice
    trend = content.journey.trend
    built = {
        "journey": lambda: charts.journey_chart(
            content.daily,
            dataclasses.replace(trend, smoothed=content.window.series(trend.smoothed)),
            content.episodes,
            content.setback_days,
            content.end,
            voice,
        ),
        "bounce_back": lambda: charts.bounce_back_chart(
            content.bounce_back, voice, finding_way_back=content.finding_way_back
        ),
        "strength": lambda: charts.strength_chart(
            content.strengths, last_day=content.last_entry_day, voice=voice
        ),
    }
    return {name: built[name]() for name in content.charts}


def _section_shown(key: str, scopes: tuple[str, ...]) -> bool:
    if key == "habits":
        return "goals" in scopes or "selfcare" in scopes
    if key == "helps":  # mood on days with and without each self-care
        return "mood" in scopes and "selfcare" in scopes
    return key in scopes


def _notes(scoped: JournalFrames, window: Window) -> tuple[tuple[dt.date, str], ...]:
    """Check-in notes and setback reflections in the window, newest first."""
    notes: list[tuple[dt.date, str]] = []
    checkins = window.rows(scoped.checkins)
    for day, note in zip(checkins["day"], checkins["note"], strict=True):
        if isinstance(note, str) and note:
            notes.append((day.date(), note))
    for row in window.rows(scoped.setbacks).itertuples():
        lines = [
            f"What happened: {row.what_happened}" if row.what_happened else "",
            f"What helped: {row.what_helped}" if row.what_helped else "",
            f"Next time: {row.try_next}" if row.try_next else "",
        ]
        text = "\n".join(line for line in lines if line)
        if text:
            notes.append((row.day.date(), text))
    return tuple(sorted(notes, key=lambda item: item[0], reverse=True))


# --- encouragement --------------------------------------------------------------------


def leave_encouragement(
    store: Store,
    shared_view: SharedView,
    author: str,
    message: str,
    *,
    now: dt.datetime | None = None,
) -> Encouragement:
    """A peer's short note for the owner. Stored as plain text, as written: pages must
    show it as text, never as HTML or markdown. The link must still be active, and under
    its limits (ENCOURAGEMENTS_PER_HOUR, ENCOURAGEMENTS_PER_LINK); otherwise nothing is
    stored and the peer gets a kind word saying why."""
    clean_author = r.clean_text(author, what="name", limit=MAX_AUTHOR, required=True)
    clean_message = r.clean_text(message, what="message", limit=MAX_MESSAGE, required=True)
    created = _moment(now)
    hour_ago = _stamp(created - dt.timedelta(hours=1))
    encouragement_id = store.add_encouragement(
        shared_view.share_id,
        shared_view.person_id,
        clean_author,
        clean_message,
        _stamp(created),
        limits=[(hour_ago, ENCOURAGEMENTS_PER_HOUR), (None, ENCOURAGEMENTS_PER_LINK)],
    )
    if encouragement_id is None:
        share_id, owner = shared_view.share_id, shared_view.person_id
        if not store.share_is_active(share_id, owner, _stamp(created)):
            raise NotFound(
                "This link is no longer active, so your message couldn't be delivered. "
                "Thank you for wanting to cheer them on."
            )
        if store.count_link_encouragements(share_id, owner) >= ENCOURAGEMENTS_PER_LINK:
            raise InvalidEntry(
                f"This link has carried all the messages it can ({ENCOURAGEMENTS_PER_LINK}). "
                "Thank you for cheering them on so warmly: if you'd like to keep writing, "
                "you could ask them for a new link."
            )
        if store.count_link_encouragements(share_id, owner, hour_ago) >= ENCOURAGEMENTS_PER_HOUR:
            raise InvalidEntry(
                "Lots of encouragement has reached them through this link in the last hour, "
                "thank you! It rests for a little while now: please send yours again later. "
                "Your words are still here."
            )
        raise NotFound("Your message couldn't be delivered just now. Please try again.")
    return Encouragement(
        id=encouragement_id,
        author=clean_author,
        message=clean_message,
        created=created,
        share_id=shared_view.share_id,
    )


def encouragements(
    journal: Journal,
    include_hidden: bool = False,
    *,
    limit: int | None = None,
    offset: int = 0,
    unseen_or_since: dt.datetime | None = None,
) -> list[Encouragement]:
    """Encouragements left for this person, newest first: ``limit`` of them from
    ``offset`` (pages show one page at a time, however many arrived), or all; with
    ``unseen_or_since``, only those not seen yet or left since then."""
    return [
        Encouragement(
            id=row["id"],
            author=row["author"],
            message=row["message"],
            created=dt.datetime.fromisoformat(row["created"]),
            share_id=row["share_id"],
            share_label=row["share_label"],
            hidden=bool(row["hidden"]),
            seen=bool(row["seen"]),
        )
        for row in journal.encouragement_rows(
            include_hidden=include_hidden,
            limit=limit,
            offset=offset,
            unseen_or_since=_stamp(unseen_or_since),
        )
    ]


@dataclass(frozen=True)
class EncouragementCounts:
    all: int
    hidden: int
    new: int


def encouragement_counts(journal: Journal) -> EncouragementCounts:
    """How many encouragements this person has, how many hidden, how many new."""
    return EncouragementCounts(**journal.count_encouragements())


def hide_encouragement(journal: Journal, encouragement_id: int, hidden: bool = True) -> None:
    """Hide (or show again) one encouragement. NotFound if it is not this person's."""
    journal.hide_encouragement(encouragement_id, hidden)


def mark_encouragements_seen(journal: Journal) -> int:
    """Mark every encouragement as seen; returns how many were new."""
    return journal.mark_encouragements_seen()


def new_encouragement_count(journal: Journal) -> int:
    """How many visible encouragements this person has not seen yet."""
    return journal.count_new_encouragements()


# --- a signed-in peer's saved links ---------------------------------------------------


def save_link(journal: Journal, link: str, label: str | None = None) -> SavedLink:
    """Keep a link someone shared with this (signed-in) person, for their dashboard.

    The token itself is stored here, not a hash: the peer needs it to open the link
    again. It is theirs to keep, like a bookmark, and it stops working when the owner
    revokes it. Saving the same link again only changes its label.
    """
    token = token_from_link(link)
    clean_label = r.clean_text(label, what="name for this link", limit=MAX_LABEL)
    created = _moment(None)
    link_id = journal.save_link(token, clean_label, _stamp(created))
    return next(saved for saved in saved_links(journal) if saved.id == link_id)


def saved_links(journal: Journal) -> list[SavedLink]:
    return [
        SavedLink(
            id=row["id"],
            token=row["token"],
            label=row["label"],
            created=dt.datetime.fromisoformat(row["created"]),
        )
        for row in journal.saved_link_rows()
    ]


def last_looked(journal: Journal) -> dict[int, dt.datetime | None]:
    """When this supporter last looked at each of their saved links (None: never)."""
    return {link_id: _time(moment) for link_id, moment in journal.saved_link_looks().items()}


def mark_looked(journal: Journal, link_ids: Iterable[int], now: dt.datetime | None = None) -> None:
    """Remember that the supporter has just seen these saved links' rows."""
    journal.mark_saved_links_looked(link_ids, _moment(now).isoformat())


def remove_saved_link(journal: Journal, link_id: int) -> None:
    """Forget a saved link. NotFound if it is not in this person's list."""
    journal.remove_saved_link(link_id)


# --- helpers --------------------------------------------------------------------------


def _moment(now: dt.datetime | None) -> dt.datetime:
    """Local wall-clock time to the second, like every other time in the database."""
    moment = now or dt.datetime.now()
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _long_day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _stamp(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _time(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _lifetime(expires_in: str | dt.timedelta | None) -> dt.timedelta | None:
    if expires_in is None:
        return None
    if isinstance(expires_in, dt.timedelta):
        if expires_in <= dt.timedelta(0):
            raise InvalidEntry("A link has to work for a while: pick a time in the future.")
        return expires_in
    if expires_in not in EXPIRY_CHOICES:
        raise InvalidEntry(f"Please pick how long the link works: {', '.join(EXPIRY_CHOICES)}.")
    days = EXPIRY_CHOICES[expires_in]
    return dt.timedelta(days=days) if days is not None else None


def _parse_scopes(text: str) -> tuple[str, ...]:
    # A scope this version does not know is dropped, never widened into something else.
    stored = set(text.split(","))
    return tuple(scope for scope in SCOPES if scope in stored)


def _summary(row: dict) -> ShareSummary:
    return ShareSummary(
        id=row["id"],
        person_id=row["person_id"],
        label=row["label"],
        scopes=_parse_scopes(row["scopes"]),
        created=dt.datetime.fromisoformat(row["created"]),
        expires=_time(row["expires"]),
        revoked=_time(row["revoked"]),
        view_count=row["view_count"],
        last_viewed=_time(row["last_viewed"]),
    )


__all__ = [
    "DEFAULT_SCOPES",
    "EXPIRY_CHOICES",
    "SCOPES",
    "SECTION_TITLES",
    "Encouragement",
    "EncouragementCounts",
    "SavedLink",
    "Share",
    "ShareSummary",
    "SharedContent",
    "SharedView",
    "Window",
    "check_scopes",
    "create_share",
    "encouragement_counts",
    "encouragements",
    "hash_token",
    "hide_encouragement",
    "leave_encouragement",
    "list_shares",
    "mark_encouragements_seen",
    "new_encouragement_count",
    "new_token",
    "open_share",
    "remove_saved_link",
    "revoke_share",
    "save_link",
    "saved_links",
    "scoped_frames",
    "share_views",
    "shared_charts",
    "shared_content",
    "shared_window",
    "token_from_link",
    "wins_frames",
]
