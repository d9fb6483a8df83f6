"""The peer's voice: the same sentences speak to the owner ("your mood rose") and about
them to a peer, by the name they chose ("Sam's mood rose"), with the same numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from tracker import analytics, charts
from tracker.demo import create_demo_person
from tracker.voice import YOU, about

SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself|you've|you're)\b", re.IGNORECASE)
NUMBERS = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    from tracker.store import open_store

    with open_store(tmp_path_factory.mktemp("voice") / "t.db") as store:
        return create_demo_person(store, years=2).frames()


def sentences(result: analytics.Journey, voice) -> list[str]:
    """Every sentence a page or report shows from one result."""
    built = [
        charts.journey_chart(
            result.daily, result.trend, result.episodes, result.setback_days, result.as_of, voice
        ),
        charts.bounce_back_chart(result.bounce_back, voice),
        charts.strength_chart({h.name: h.strength for h in result.habits}, voice=voice),
        *(
            charts.mood_calendar(result.daily, year, voice)
            for year in charts.calendar_years(result.daily)
        ),
    ]
    traces = [str(t.name) + str(t.hovertemplate) for c in built for t in c.figure.data]
    return [
        result.headline,
        *[w.text for w in result.wins],
        *result.helps["sentence"],
        *[c.summary for c in built],
        *traces,
    ]


def test_a_peer_reads_about_the_person_by_name_with_the_owners_numbers(frames):
    as_of = dt.date.today()
    owner = analytics.journey(frames, as_of)
    peer = analytics.journey(frames, as_of, about("Sam"))
    assert owner.headline.startswith("Over the last 3 months your mood")
    assert peer.headline.startswith("Over the last 3 months Sam's mood")
    mine, theirs = sentences(owner, YOU), sentences(peer, about("Sam"))
    assert len(mine) == len(theirs) > 20
    for said_to_owner, said_to_peer in zip(mine, theirs, strict=True):
        assert not SECOND_PERSON.search(said_to_peer), said_to_peer
        assert NUMBERS.findall(said_to_owner) == NUMBERS.findall(said_to_peer)
    assert any("Sam" in text for text in theirs[1:])


@pytest.mark.parametrize("days", [0, 3, 40])
def test_every_headline_has_a_peer_form(frames, days):
    """Day one, a few days, and a return after a long gap."""
    cut = frames.checkins["day"].min() + dt.timedelta(days=days)
    if days == 40:
        as_of = cut.date() + dt.timedelta(days=200)  # logged 40 days, then a long pause
    else:
        as_of = cut.date() - dt.timedelta(days=1 if days == 0 else 0)
    few = dataclasses.replace(frames, checkins=frames.checkins[frames.checkins["day"] <= cut])
    owner = analytics.journey(few, as_of).headline
    peer = analytics.journey(few, as_of, about("Sam")).headline
    assert not SECOND_PERSON.search(peer), peer
    assert "Sam" in peer
    assert SECOND_PERSON.search(owner), owner
    assert NUMBERS.findall(owner) == NUMBERS.findall(peer)


def test_the_owners_words_are_unchanged_by_default(frames):
    as_of = dt.date.today()
    assert (
        analytics.journey(frames, as_of).headline == analytics.journey(frames, as_of, YOU).headline
    )
    assert about("  ") is YOU and about(None) is YOU
