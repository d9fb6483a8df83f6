"""Share links: tokens and their hashes, expiry, revocation, what a link shows,
the access log, encouragement, saved links, and one person never reaching
another's shares."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import sharing
from tracker.errors import InvalidEntry, NotFound
from tracker.sharing import (
    create_share,
    encouragements,
    hide_encouragement,
    leave_encouragement,
    list_shares,
    mark_encouragements_seen,
    new_encouragement_count,
    open_share,
    remove_saved_link,
    revoke_share,
    save_link,
    saved_links,
    scoped_frames,
    share_views,
    wins_frames,
)
from tracker.store import open_store

T0 = dt.datetime(2026, 1, 10, 9, 30, 0)
SECOND = dt.timedelta(seconds=1)
HOSTILE = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "<script>alert(1)</script>"]


def share_count(store) -> int:
    return store.db.execute("SELECT count(*) FROM shares").fetchone()[0]


# --- tokens ---------------------------------------------------------------------------


def test_a_token_has_at_least_128_random_bits_and_is_url_safe(journal):
    _, token = create_share(journal, "Jo", ["mood"], "1 week")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
    assert len(base64.urlsafe_b64decode(token + "=")) * 8 >= 128
    tokens = {create_share(journal, f"Peer {i}", ["mood"])[1] for i in range(50)}
    assert len(tokens) == 50


def test_only_the_hash_of_the_token_is_stored(tmp_path):
    path = tmp_path / "tracker.db"
    with open_store(path) as store:
        journal = store.journal(store.add_person("Robin").id)
        share, token = create_share(journal, "Jo", ["mood", "wins"], "1 month")
        stored = store.db.execute("SELECT token_hash FROM shares WHERE id = ?", [share.id])
        assert stored.fetchone()[0] == hashlib.sha256(token.encode()).hexdigest()
        assert open_share(store, token) is not None
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("tracker"))
    assert token.encode() not in raw
    assert sharing.hash_token(token).encode() in raw


def test_hashing_is_sha256_hex():
    assert sharing.hash_token("abc") == hashlib.sha256(b"abc").hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", sharing.hash_token(sharing.new_token()))
    assert sharing.hash_token("abc") != sharing.hash_token("abd")


def test_the_token_opens_the_share_with_the_owners_name_and_scopes(store, journal):
    share, token = create_share(journal, "Jo", ["wins", "mood"], "1 week", now=T0)
    view = open_share(store, token, now=T0 + SECOND)
    assert view == sharing.SharedView(
        share_id=share.id, person_id=journal.person_id, owner_name="Alex", scopes=("mood", "wins")
    )
    assert open_share(store, f"  {token}\n", now=T0) == view  # pasted with spaces


# --- creating: what is refused ----------------------------------------------------------


@pytest.mark.parametrize(
    "label, scopes, expires_in",
    [
        ("", ["mood"], "1 day"),
        ("   ", ["mood"], "1 day"),
        ("x" * (sharing.MAX_LABEL + 1), ["mood"], "1 day"),
        ("Jo", [], "1 day"),
        ("Jo", ["mood", "diary"], "1 day"),
        ("Jo", ["notes"], "1 day"),
        ("Jo", ["mood"], "2 days"),
        ("Jo", ["mood"], dt.timedelta(0)),
        ("Jo", ["mood"], dt.timedelta(days=-1)),
    ],
)
def test_a_share_that_cannot_be_made_is_refused_and_nothing_written(
    store, journal, label, scopes, expires_in
):
    with pytest.raises(InvalidEntry):
        create_share(journal, label, scopes, expires_in)
    assert share_count(store) == 0


def test_notes_are_off_by_default_and_scopes_are_kept_in_order(journal):
    assert "notes" not in sharing.DEFAULT_SCOPES
    assert set(sharing.DEFAULT_SCOPES) | {"notes"} == set(sharing.SCOPES)
    share, _ = create_share(journal, "  Jo  ", ["notes", "wins", "mood", "mood"])
    assert share.label == "Jo"
    assert share.scopes == ("mood", "wins", "notes")
    assert create_share(journal, "Sam", "goals")[0].scopes == ("goals",)


@pytest.mark.parametrize("choice, days", list(sharing.EXPIRY_CHOICES.items()))
def test_each_expiry_choice(store, journal, choice, days):
    share, token = create_share(journal, "Jo", ["mood"], choice, now=T0)
    if days is None:
        assert share.expires is None
        assert open_share(store, token, now=T0 + dt.timedelta(days=3650)) is not None
    else:
        assert share.expires == T0 + dt.timedelta(days=days)
    assert {1, 7, 30, 90, None} == set(sharing.EXPIRY_CHOICES.values())


# --- expiry and revocation ---------------------------------------------------------------


def test_expiry_at_the_boundary(store, journal):
    share, token = create_share(journal, "Jo", ["mood"], "1 day", now=T0)
    end = T0 + dt.timedelta(days=1)
    assert open_share(store, token, now=end - SECOND) is not None
    assert open_share(store, token, now=end - dt.timedelta(microseconds=1)) is not None
    assert open_share(store, token, now=end) is None
    assert open_share(store, token, now=end + SECOND) is None
    [summary] = list_shares(journal)
    assert summary.status(end - SECOND) == "active"
    assert summary.status(end) == "expired"


def test_a_time_zone_aware_now_is_read_as_local_time(store, journal):
    _, token = create_share(journal, "Jo", ["mood"], "1 day")
    later = dt.datetime.now().astimezone() + dt.timedelta(days=2)
    assert open_share(store, token, now=later) is None
    assert open_share(store, token, now=dt.datetime.now().astimezone()) is not None


def test_revoking_takes_effect_at_once(store, journal):
    share, token = create_share(journal, "Jo", ["mood"], None, now=T0)
    view = open_share(store, token, now=T0)
    assert view is not None

    revoke_share(journal, share.id, now=T0 + SECOND)

    assert open_share(store, token, now=T0 + 2 * SECOND) is None
    with pytest.raises(NotFound, match="no longer active"):
        leave_encouragement(store, view, "Jo", "Thinking of you", now=T0 + 2 * SECOND)
    revoke_share(journal, share.id, now=T0 + 5 * SECOND)  # again: keeps the first time
    [summary] = list_shares(journal)
    assert summary.revoked == T0 + SECOND
    assert summary.status() == "revoked"
    assert summary.view_count == 1


def test_revoking_one_link_leaves_the_others_working(store, journal):
    first, first_token = create_share(journal, "Jo", ["mood"])
    _, second_token = create_share(journal, "Sam", ["mood"])
    revoke_share(journal, first.id)
    assert open_share(store, first_token) is None
    assert open_share(store, second_token) is not None


# --- one None for every way a link is not active ------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    made_up=st.one_of(st.text(max_size=200), st.from_regex(r"[A-Za-z0-9_-]{43}", fullmatch=True))
)
def test_made_up_tokens_open_nothing(store, journal, made_up):
    create_share(journal, "Jo", ["mood"])
    assert open_share(store, made_up) is None


def test_revoked_expired_unknown_and_malformed_all_take_the_same_path(store, journal, monkeypatch):
    revoked, revoked_token = create_share(journal, "Jo", ["mood"], None, now=T0)
    revoke_share(journal, revoked.id, now=T0)
    _, expired_token = create_share(journal, "Sam", ["mood"], "1 day", now=T0)
    _, live_token = create_share(journal, "Kim", ["mood"], None, now=T0)
    changed = live_token[:-1] + ("A" if live_token[-1] != "A" else "B")
    stored_hash = sharing.hash_token(live_token)  # someone who only saw the database
    later = T0 + dt.timedelta(days=2)

    lookups: list[str] = []
    original = store.share_by_token_hash
    monkeypatch.setattr(
        store, "share_by_token_hash", lambda digest: lookups.append(digest) or original(digest)
    )
    candidates = [
        revoked_token,
        expired_token,
        sharing.new_token(),
        changed,
        stored_hash,
        "",
        "short",
        "x" * 5000,
        None,
        12345,
        b"bytes",
        "<script>",
    ]
    results = [open_share(store, candidate, now=later) for candidate in candidates]

    assert all(result is None for result in results)
    assert len(lookups) == len(candidates)  # each one hashed and looked up, once
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in lookups)
    assert [s.view_count for s in list_shares(journal)] == [0, 0, 0]
    assert open_share(store, live_token, now=later) is not None


# --- what a link shows ---------------------------------------------------------------------

SECRETS = {
    "note": "SECRET-NOTE",
    "happened": "SECRET-HAPPENED",
    "helped": "SECRET-HELPED",
    "next": "SECRET-NEXT",
    "why": "SECRET-WHY",
    "reason": "SECRET-REASON",
}


@pytest.fixture
def full_journal(journal):
    day = dt.date(2025, 6, 1)
    walk = journal.add_activity("Walk", times=3, per_days=7)
    goal = journal.add_goal("Stretch", why=SECRETS["why"])
    journal.add_checkin(day, 2, SECRETS["note"], activities=[walk.id], goals_done=[goal.id])
    journal.add_checkin(day + dt.timedelta(days=1), 4)
    journal.log_goal(goal.id, day + dt.timedelta(days=1), "skipped", reason=SECRETS["reason"])
    journal.set_goal_status(goal.id, "paused", on=day + dt.timedelta(days=2))
    journal.add_setback(day, SECRETS["happened"], SECRETS["helped"], SECRETS["next"])
    return journal


def everything_in(frames) -> str:
    return " ".join(
        getattr(frames, name).astype(str).to_string() for name in frames.__dataclass_fields__
    )


ALL_SCOPES = list(sharing.SCOPES)
SUBSETS = [
    set(c) for n in range(len(ALL_SCOPES) + 1) for c in itertools.combinations(ALL_SCOPES, n)
]


@pytest.mark.parametrize("scopes", SUBSETS, ids=lambda s: "+".join(sorted(s)) or "nothing")
def test_scoped_frames_keep_only_what_is_shared(full_journal, scopes):
    frames = full_journal.frames()
    shown = scoped_frames(frames, scopes)
    text = everything_in(shown)

    if "notes" not in scopes:
        assert not any(secret in text for secret in SECRETS.values())
    sections = {
        "mood": ["checkins", "setbacks"],
        "selfcare": ["activities", "activity_logs"],
        "goals": ["goals", "goal_logs", "goal_pauses"],
    }
    for scope, names in sections.items():
        for name in names:
            frame, original = getattr(shown, name), getattr(frames, name)
            assert frame.columns.tolist() == original.columns.tolist()
            assert len(frame) == (len(original) if scope in scopes else 0), (scope, name)
    if "mood" in scopes:  # moods and setback days stay, with or without their words
        assert shown.checkins["mood"].tolist() == [2, 4]
        assert shown.setbacks["day"].tolist() == frames.setbacks["day"].tolist()
    if "notes" in scopes and "mood" in scopes:
        assert shown.checkins["note"].tolist()[0] == SECRETS["note"]
        assert shown.setbacks["what_helped"].tolist() == [SECRETS["helped"]]
    if "notes" in scopes and "goals" in scopes:
        assert SECRETS["why"] in text and SECRETS["reason"] in text


def test_scoping_does_not_change_the_owners_frames(full_journal):
    frames = full_journal.frames()
    before = everything_in(frames)
    scoped_frames(frames, ["mood"])
    assert everything_in(frames) == before


def test_wins_are_computed_from_data_without_any_private_text(full_journal):
    frames = full_journal.frames()
    assert all(
        getattr(wins_frames(frames, ["mood", "goals"]), name).empty
        for name in frames.__dataclass_fields__
    )
    for_wins = wins_frames(frames, ["wins"])
    assert len(for_wins.checkins) == 2 and len(for_wins.goal_logs) == 2
    assert len(for_wins.activity_logs) == 1
    assert not any(secret in everything_in(for_wins) for secret in SECRETS.values())
    with_notes = everything_in(wins_frames(frames, ["wins", "mood", "notes"]))
    assert not any(secret in with_notes for secret in SECRETS.values())


# --- the access log ---------------------------------------------------------------------------


def test_every_view_is_recorded_and_counted(store, journal):
    share, token = create_share(journal, "Jo", ["mood"], None, now=T0)
    other, other_token = create_share(journal, "Sam", ["mood"], None, now=T0 + SECOND)
    times = [T0 + dt.timedelta(hours=h) for h in (1, 5, 3)]
    for moment in times:
        open_share(store, token, now=moment)
    open_share(store, token, now=T0 + dt.timedelta(hours=9), record_view=False)
    open_share(store, token[:-2], now=T0 + dt.timedelta(hours=10))  # a failed try: not a view

    assert share_views(journal, share.id) == sorted(times, reverse=True)
    assert share_views(journal, other.id) == []
    summaries = {s.id: s for s in list_shares(journal)}
    assert (summaries[share.id].view_count, summaries[share.id].last_viewed) == (3, times[1])
    assert (summaries[other.id].view_count, summaries[other.id].last_viewed) == (0, None)


def test_the_list_shows_every_link_newest_first(journal):
    first, _ = create_share(journal, "Jo", ["mood", "notes"], "1 week", now=T0)
    second, _ = create_share(journal, "Sam", ["wins"], None, now=T0 + SECOND)
    revoke_share(journal, first.id, now=T0 + 2 * SECOND)
    listed = list_shares(journal)
    assert [s.id for s in listed] == [second.id, first.id]
    newest, oldest = listed
    assert (newest.label, newest.scopes, newest.created, newest.expires, newest.revoked) == (
        "Sam",
        ("wins",),
        T0 + SECOND,
        None,
        None,
    )
    assert (oldest.label, oldest.scopes, oldest.expires, oldest.revoked) == (
        "Jo",
        ("mood", "notes"),
        T0 + dt.timedelta(days=7),
        T0 + 2 * SECOND,
    )
    assert not hasattr(oldest, "token_hash")


# --- encouragement -----------------------------------------------------------------------------


@pytest.fixture
def shared(store, journal):
    _, token = create_share(journal, "Jo", ["mood"])
    return open_share(store, token)


def test_an_encouragement_reaches_the_owner(store, journal, shared):
    left = leave_encouragement(store, shared, "  Jo ", " You've got this! ")
    assert (left.author, left.message) == ("Jo", "You've got this!")
    [received] = encouragements(journal)
    assert (received.id, received.author, received.message) == (left.id, "Jo", "You've got this!")
    assert (received.share_id, received.share_label, received.seen) == (
        shared.share_id,
        "Jo",
        False,
    )


@pytest.mark.parametrize(
    "author, message",
    [
        ("", "Hi"),
        ("Jo", ""),
        ("   ", "Hi"),
        ("Jo", "  \n "),
        ("x" * (sharing.MAX_AUTHOR + 1), "Hi"),
        ("Jo", "x" * (sharing.MAX_MESSAGE + 1)),
        (None, "Hi"),
        ("Jo", 42),
    ],
)
def test_encouragement_limits(store, journal, shared, author, message):
    with pytest.raises(InvalidEntry):
        leave_encouragement(store, shared, author, message)
    assert encouragements(journal, include_hidden=True) == []


def test_encouragement_right_at_the_limits_is_kept(store, journal, shared):
    author, message = "a" * sharing.MAX_AUTHOR, "m" * sharing.MAX_MESSAGE
    leave_encouragement(store, shared, author, message)
    [kept] = encouragements(journal)
    assert (kept.author, kept.message) == (author, message)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_stored_exactly_as_written(store, journal, shared, hostile):
    leave_encouragement(store, shared, hostile[:60], hostile)
    [kept] = encouragements(journal)
    assert (kept.author, kept.message) == (hostile[:60], hostile)


def test_an_expired_link_takes_no_encouragement(store, journal):
    _, token = create_share(journal, "Jo", ["mood"], "1 day", now=T0)
    view = open_share(store, token, now=T0)
    later = T0 + dt.timedelta(days=1)
    with pytest.raises(NotFound):
        leave_encouragement(store, view, "Jo", "Hi", now=later)
    leave_encouragement(store, view, "Jo", "Hi", now=later - SECOND)
    assert len(encouragements(journal)) == 1


def test_hiding_new_and_seen_encouragements(store, journal, shared):
    first = leave_encouragement(store, shared, "Jo", "One", now=T0)
    second = leave_encouragement(store, shared, "Jo", "Two", now=T0 + SECOND)
    assert new_encouragement_count(journal) == 2
    assert [e.id for e in encouragements(journal)] == [second.id, first.id]

    hide_encouragement(journal, first.id)
    assert [e.id for e in encouragements(journal)] == [second.id]
    assert [e.hidden for e in encouragements(journal, include_hidden=True)] == [False, True]
    assert new_encouragement_count(journal) == 1

    assert mark_encouragements_seen(journal) == 2
    assert new_encouragement_count(journal) == 0
    assert mark_encouragements_seen(journal) == 0
    third = leave_encouragement(store, shared, "Jo", "Three", now=T0 + 2 * SECOND)
    assert new_encouragement_count(journal) == 1
    hide_encouragement(journal, first.id, hidden=False)
    assert [e.id for e in encouragements(journal)] == [third.id, second.id, first.id]


# --- one person's shares stay theirs ---------------------------------------------------------


def test_one_person_cannot_reach_anothers_shares(store, journal, shared):
    mine, token = create_share(journal, "Jo", ["mood"])
    note = leave_encouragement(store, shared, "Jo", "Proud of you")
    save_link(journal, token, "My own link")
    [link] = saved_links(journal)
    sam = store.journal(store.add_person("Sam").id)

    with pytest.raises(NotFound):
        revoke_share(sam, mine.id)
    with pytest.raises(NotFound):
        share_views(sam, mine.id)
    with pytest.raises(NotFound):
        hide_encouragement(sam, note.id)
    with pytest.raises(NotFound):
        remove_saved_link(sam, link.id)
    assert list_shares(sam) == []
    assert encouragements(sam, include_hidden=True) == []
    assert saved_links(sam) == []
    assert mark_encouragements_seen(sam) == 0 and new_encouragement_count(journal) == 1

    assert open_share(store, token) is not None  # still works
    assert len(encouragements(journal)) == 1 and len(saved_links(journal)) == 1


def test_a_deleted_person_s_links_stop_working(store, journal):
    _, token = create_share(journal, "Jo", ["mood"])
    store.delete_person(journal.person_id)
    assert open_share(store, token) is None
    assert share_count(store) == 0


# --- a peer's saved links ---------------------------------------------------------------------


def test_saving_a_link_shared_with_me(store, journal):
    owner = store.journal(store.add_person("Robin").id)
    _, token = create_share(owner, "Alex", ["mood"])
    _, other_token = create_share(owner, "Alex again", ["wins"])

    saved = save_link(journal, f"http://127.0.0.1:8501/shared?t={token}", "Robin")
    save_link(journal, other_token)
    assert saved.token == token  # kept as is: the peer needs it to open the link
    again = save_link(journal, token, "Robin (group)")
    assert again.id == saved.id
    assert [(link.token, link.label) for link in saved_links(journal)] == [
        (other_token, None),
        (token, "Robin (group)"),
    ]
    assert open_share(store, saved_links(journal)[1].token).person_id == owner.person_id

    remove_saved_link(journal, saved.id)
    assert [link.token for link in saved_links(journal)] == [other_token]
    with pytest.raises(NotFound):
        remove_saved_link(journal, saved.id)


@pytest.mark.parametrize("link", ["", "hello", "http://127.0.0.1:8501/shared", "?t=a b", None])
def test_something_that_is_not_a_link_is_not_saved(journal, link):
    with pytest.raises(InvalidEntry):
        save_link(journal, link)
    assert saved_links(journal) == []


def test_the_token_is_read_from_a_pasted_link():
    token = sharing.new_token()
    for text in (
        token,
        f" {token} ",
        f"https://tracker.example/shared?t={token}&x=1",
        f"t={token}",
    ):
        assert sharing.token_from_link(text) == token


def test_frames_of_a_shared_view_come_from_the_owner(store, full_journal):
    _, token = create_share(full_journal, "Jo", ["mood"])
    view = open_share(store, token)
    frames = scoped_frames(store.journal(view.person_id).frames(), view.scopes)
    assert frames.checkins["mood"].tolist() == [2, 4]
    assert frames.checkins["note"].isna().all()
    assert isinstance(frames.checkins, pd.DataFrame) and frames.goals.empty


def test_a_link_can_call_its_owner_by_another_name(store, journal):
    _, plain_token = sharing.create_share(journal, "Jo", ["mood"])
    _, named_token = sharing.create_share(journal, "Kim", ["mood"], shown_name="  Al  ")
    assert sharing.open_share(store, plain_token).owner_name == journal.person.name
    assert sharing.open_share(store, named_token).owner_name == "Al"
    with pytest.raises(InvalidEntry):
        sharing.create_share(journal, "Lee", ["mood"], shown_name="x" * 500)
    assert len(sharing.list_shares(journal)) == 2  # the refused one wrote nothing
