"""Reading and writing dates, times and municipal years the way clerks write them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.dates import (
    coerce_date,
    coerce_time,
    format_date,
    format_time,
    municipal_year_bounds,
    municipal_year_of,
    parse_date,
    parse_municipal_year,
    parse_optional_date,
    parse_time,
)
from planner.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-04-23", dt.date(2019, 4, 23)),
        ("23 April 2019", dt.date(2019, 4, 23)),
        ("23rd Apr 2019", dt.date(2019, 4, 23)),
        ("1st May 2019", dt.date(2019, 5, 1)),
        ("2nd Sept 2019", dt.date(2019, 9, 2)),
        ("Friday, 7 September 2018", dt.date(2018, 9, 7)),
        ("Fri 7 September 2018", dt.date(2018, 9, 7)),
        ("16/11/18", dt.date(2018, 11, 16)),
        ("16/11/2018", dt.date(2018, 11, 16)),
        ("16.11.2018", dt.date(2018, 11, 16)),
        ("  16   NOVEMBER   2018 ", dt.date(2018, 11, 16)),
        ("7/9/18", dt.date(2018, 9, 7)),
    ],
)
def test_parse_date_accepts_every_form_clerks_type(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31 February 2019", "2019-02-30", "29/02/2019", "31.04.2019"])
def test_impossible_dates_are_refused_naming_the_value(text: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_date(text, "meeting date")
    assert e.value.field == "meeting date"
    assert text in str(e.value)
    assert "not a real date" in str(e.value)


@pytest.mark.parametrize("text", ["next Tuesday", "23 Smarch 2019", "2019/04", "", "23 April"])
def test_text_that_is_not_a_date_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_date(text, "due")
    assert e.value.field == "due"
    assert f"'{text}'" in str(e.value)
    assert "23 April 2019" in str(e.value)


def test_29_february_is_accepted_in_a_leap_year_only() -> None:
    assert parse_date("29 February 2020") == dt.date(2020, 2, 29)
    with pytest.raises(ValidationError) as e:
        parse_date("29 February 2019")
    assert e.value.field == "date"


def test_format_date_has_no_leading_zero_and_ignores_locale() -> None:
    assert format_date(dt.date(2018, 9, 7)) == "7 September 2018"
    assert format_date(dt.date(2018, 11, 16)) == "16 November 2018"
    assert format_date(dt.date(2018, 9, 7), weekday=True) == "Friday 7 September 2018"
    assert format_date(None) == ""


@given(st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2069, 12, 31)))
def test_formatted_dates_and_iso_dates_read_back(day: dt.date) -> None:
    assert parse_date(format_date(day)) == day
    assert parse_date(format_date(day, weekday=True)) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day


def test_optional_and_coerced_dates() -> None:
    assert parse_optional_date(None) is None
    assert parse_optional_date("   ") is None
    assert parse_optional_date("16/11/18") == dt.date(2018, 11, 16)
    assert coerce_date(dt.datetime(2018, 11, 16, 10, 30), "date") == dt.date(2018, 11, 16)
    assert coerce_date(dt.date(2018, 11, 16), "date") == dt.date(2018, 11, 16)
    assert coerce_date("", "date") is None
    with pytest.raises(ValidationError) as e:
        coerce_date("32/01/2019", "due")
    assert e.value.field == "due"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00", dt.time(10, 0)),
        ("10.00 am", dt.time(10, 0)),
        ("2pm", dt.time(14, 0)),
        ("2 p.m.", dt.time(14, 0)),
        ("14.30", dt.time(14, 30)),
        ("12pm", dt.time(12, 0)),
        ("12am", dt.time(0, 0)),
        ("9", dt.time(9, 0)),
    ],
)
def test_parse_time(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "10:75", "noon", "10:5", ""])
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_time(text, "start time")
    assert e.value.field == "start time"
    assert "10:00" in str(e.value)


def test_format_and_coerce_time() -> None:
    assert format_time(dt.time(9, 5)) == "09:05"
    assert format_time(None) == ""
    assert coerce_time(" ", "start time") is None
    assert coerce_time(dt.time(10), "start time") == dt.time(10)
    assert coerce_time("2pm", "start time") == dt.time(14)


@pytest.mark.parametrize("text", ["2018/19", "2018-19", "2018/2019", " 2018 / 19 ", "2018-2019"])
def test_municipal_year_is_normalised(text: str) -> None:
    assert parse_municipal_year(text) == "2018/19"


def test_municipal_year_across_a_century() -> None:
    assert parse_municipal_year("1999/2000") == "1999/00"
    assert parse_municipal_year("1999/00") == "1999/00"
    assert municipal_year_of(dt.date(1999, 6, 1)) == "1999/00"


@pytest.mark.parametrize("text", ["2018/20", "2019/18", "2018", "18/19", "two thousand"])
def test_bad_municipal_years_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_municipal_year(text)
    assert e.value.field == "municipal_year"
    assert text in str(e.value)


def test_municipal_year_runs_may_to_april() -> None:
    assert municipal_year_of(dt.date(2018, 5, 1)) == "2018/19"
    assert municipal_year_of(dt.date(2019, 4, 30)) == "2018/19"
    assert municipal_year_of(dt.date(2018, 2, 20)) == "2017/18"
    assert municipal_year_of(dt.date(2020, 6, 25)) == "2020/21"
    assert municipal_year_bounds("2018-19") == (dt.date(2018, 5, 1), dt.date(2019, 4, 30))


@given(st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2098, 12, 31)))
def test_every_day_falls_inside_its_municipal_year(day: dt.date) -> None:
    first, last = municipal_year_bounds(municipal_year_of(day))
    assert first <= day <= last


def test_a_weekday_that_contradicts_the_date_is_refused() -> None:
    assert parse_date("Fri 7 Sept 2018") == dt.date(2018, 9, 7)
    with pytest.raises(ValidationError) as e:
        parse_date("Monday, 7 September 2018", "meeting")
    assert e.value.field == "meeting"
    assert "7 September 2018 was a Friday" in str(e.value)
