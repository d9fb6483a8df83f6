"""Share links for a peer, the shared view's data, and encouragement.

A link carries a random token (``secrets.token_urlsafe(32)``, 256 bits); only its
SHA-256 is stored, so the database alone cannot open a share. A made-up, expired or
revoked token all get the same ``None`` from :func:`open_share`, by the same path.

What a shared view may show is decided here, once, by :func:`scoped_frames`: the
page builds the view only from what it returns, so nothing unshared can reach it.
All SQL is in :mod:`tracker.store` (the ``sharing`` sections).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from tracker import records as r
from tracker.errors import InvalidEntry, NotFound
from tracker.frames import JournalFrames
from tracker.store import Journal, Store

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
    "Encouragement",
    "EncouragementCounts",
    "SavedLink",
    "Share",
    "ShareSummary",
    "SharedView",
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
    "token_from_link",
    "wins_frames",
]
