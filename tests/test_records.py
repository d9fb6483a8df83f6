"""The validators at the boundary, for any input hypothesis can think of."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import records as r
from tracker.errors import InvalidEntry

SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(st.integers(min_value=1, max_value=5))
def test_any_whole_mood_from_one_to_five_is_accepted(mood):
    assert r.check_mood(mood) == mood
    assert r.check_mood(float(mood)) == mood  # 4.0 from a form or a file is still 4


@SETTINGS
@given(
    st.one_of(
        st.integers().filter(lambda n: not 1 <= n <= 5),
        st.floats().filter(lambda x: x != x or x in (float("inf"), -float("inf")) or x != int(x)),
        st.text(),
        st.none(),
        st.booleans(),
        st.lists(st.integers(1, 5)),
    )
)
def test_anything_else_is_refused_with_a_clear_message(value):
    with pytest.raises(InvalidEntry, match="Mood"):
        r.check_mood(value)


@SETTINGS
@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not 1 <= x <= 5))
def test_a_float_outside_the_range_is_refused(value):
    with pytest.raises(InvalidEntry):
        r.check_mood(value)


LIMIT = 40


@SETTINGS
@given(st.text(max_size=LIMIT))
def test_text_within_the_limit_is_kept_stripped(text):
    cleaned = r.clean_text(text, what="note", limit=LIMIT)
    expected = text.replace("\x00", "").strip()
    assert cleaned == (expected or None)


@SETTINGS
@given(
    st.text(st.characters(exclude_characters="\x00"), min_size=LIMIT - 1).map(lambda t: f"a{t}z")
)
def test_text_over_the_limit_is_refused(text):
    with pytest.raises(InvalidEntry, match=f"limit is {LIMIT}"):
        r.clean_text(text, what="note", limit=LIMIT)


@SETTINGS
@given(st.text(alphabet=" \t\n\r", max_size=10))
def test_blank_text_is_none_or_refused_when_required(text):
    assert r.clean_text(text, what="name", limit=LIMIT) is None
    with pytest.raises(InvalidEntry, match="name"):
        r.clean_text(text, what="name", limit=LIMIT, required=True)


@SETTINGS
@given(st.one_of(st.integers(), st.binary(), st.lists(st.text())))
def test_text_fields_refuse_what_is_not_text(value):
    with pytest.raises(InvalidEntry):
        r.clean_text(value, what="note", limit=LIMIT)


TODAY = dt.date(2026, 5, 1)


@SETTINGS
@given(st.dates(min_value=r.EARLIEST_DAY, max_value=TODAY))
def test_parse_day_round_trips(day):
    assert r.parse_day(day.isoformat(), today=TODAY) == day
    assert r.parse_day(f"  {day.isoformat()} ", today=TODAY) == day
    assert r.parse_day(day, today=TODAY) == day
    assert r.parse_day(dt.datetime.combine(day, dt.time(23, 59)), today=TODAY) == day


@SETTINGS
@given(st.dates(min_value=TODAY + dt.timedelta(days=1)))
def test_parse_day_refuses_the_future(day):
    with pytest.raises(InvalidEntry, match="hasn't happened yet"):
        r.parse_day(day.isoformat(), today=TODAY)


@SETTINGS
@given(st.dates(max_value=r.EARLIEST_DAY - dt.timedelta(days=1)))
def test_parse_day_refuses_before_1970(day):
    with pytest.raises(InvalidEntry):
        r.parse_day(day, today=TODAY)


@SETTINGS
@given(st.text())
def test_parse_day_reads_a_date_or_refuses_kindly(text):
    try:
        day = r.parse_day(text, today=TODAY)
    except InvalidEntry as error:
        assert str(error)
    else:
        assert r.EARLIEST_DAY <= day <= TODAY


@pytest.mark.parametrize("text", ["2026-02-30", "2025-02-29", "2026-04-31", "2026-00-10"])
def test_parse_day_refuses_days_that_do_not_exist(text):
    with pytest.raises(InvalidEntry, match="isn't a date"):
        r.parse_day(text, today=TODAY)


@SETTINGS
@given(st.integers(1, 365).flatmap(lambda d: st.tuples(st.integers(1, d), st.just(d))))
def test_any_sane_cadence_is_accepted(cadence):
    assert r.check_cadence(*cadence) == cadence


@SETTINGS
@given(st.integers(), st.integers())
def test_a_cadence_is_accepted_only_when_it_makes_sense(times, per_days):
    if 1 <= per_days <= 365 and 1 <= times <= per_days:
        assert r.check_cadence(times, per_days) == (times, per_days)
    else:
        with pytest.raises(InvalidEntry):
            r.check_cadence(times, per_days)
