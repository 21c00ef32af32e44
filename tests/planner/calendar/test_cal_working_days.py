"""Working days for England and Wales, checked against hand-worked calendars."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.calendar import (
    CLOSURE_NAME,
    OneOffDay,
    WorkingCalendar,
    load_one_off_days,
    parse_one_off_days,
)

BOTH = ["england", "wales"]


@pytest.mark.parametrize("nation", BOTH)
@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2019, 4, 19), "Good Friday"),
        (date(2019, 4, 22), "Easter Monday"),
        (date(2024, 3, 29), "Good Friday"),
        (date(2024, 4, 1), "Easter Monday"),
        (date(2019, 5, 6), "May Day"),
        (date(2019, 5, 27), "Spring Bank Holiday"),
        (date(2018, 8, 27), "Late Summer Bank Holiday"),
        (date(2018, 12, 25), "Christmas Day"),
        (date(2018, 12, 26), "Boxing Day"),
        (date(2019, 1, 1), "New Year's Day"),
        # Christmas 2021 fell on a weekend: both substitutes, then New Year on Monday 3rd.
        (date(2021, 12, 27), "Christmas Day (observed)"),
        (date(2021, 12, 28), "Boxing Day (observed)"),
        (date(2022, 1, 3), "New Year's Day (observed)"),
        # Christmas 2022 on a Sunday: Boxing Day stays on Monday, substitute Tuesday.
        (date(2022, 12, 27), "Christmas Day (observed)"),
        (date(2023, 1, 2), "New Year's Day (observed)"),
        (date(2022, 6, 2), "Spring Bank Holiday"),
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of Charles III"),
        (date(2020, 5, 8), "May Day"),  # moved for VE Day's 75th anniversary
    ],
)
def test_bank_holidays_are_not_working_days(nation: str, day: date, name: str) -> None:
    cal = WorkingCalendar(nation)
    assert not cal.is_working_day(day)
    assert cal.holiday_name(day) == name
    assert cal.non_working_reason(day) == name


@pytest.mark.parametrize("nation", BOTH)
@pytest.mark.parametrize(
    "day",
    [
        date(2022, 5, 30),  # the usual spring bank holiday date, moved to 2 June in 2022
        date(2020, 5, 4),  # the usual early May date, moved to 8 May in 2020
        date(2022, 12, 28),  # after the 2022 substitute day
        date(2018, 12, 28),  # between Christmas and New Year: only closed if the council says so
        date(2019, 4, 18),  # Maundy Thursday
    ],
)
def test_days_that_look_like_holidays_but_are_working(nation: str, day: date) -> None:
    cal = WorkingCalendar(nation)
    assert cal.is_working_day(day)
    assert cal.holiday_name(day) is None
    assert cal.non_working_reason(day) is None


def test_weekends() -> None:
    cal = WorkingCalendar("england")
    assert not cal.is_working_day(date(2018, 9, 8))
    assert cal.holiday_name(date(2018, 9, 8)) is None
    assert cal.non_working_reason(date(2018, 9, 8)) == "Saturday"
    assert cal.non_working_reason(date(2018, 9, 9)) == "Sunday"
    # A holiday on a weekend is named by its holiday, not its weekday.
    assert cal.non_working_reason(date(2021, 12, 25)) == "Christmas Day"


def test_nation_is_normalised_and_checked() -> None:
    assert WorkingCalendar(" Wales ").nation == "wales"
    with pytest.raises(ValueError, match="scotland"):
        WorkingCalendar("scotland")


def test_previous_and_next_working_day() -> None:
    cal = WorkingCalendar("england")
    assert cal.previous_working_day(date(2018, 9, 7)) == date(2018, 9, 7)
    assert cal.previous_working_day(date(2019, 4, 22)) == date(2019, 4, 18)
    assert cal.next_working_day(date(2019, 4, 19)) == date(2019, 4, 23)
    assert cal.previous_working_day(date(2021, 12, 28)) == date(2021, 12, 24)


def test_working_days_before_the_seed_meeting() -> None:
    cal = WorkingCalendar("england")
    meeting = date(2018, 9, 7)
    assert cal.working_days_before(meeting, 1) == date(2018, 9, 6)
    assert cal.working_days_before(meeting, 4) == date(2018, 9, 3)
    # 27 August 2018 was the summer bank holiday.
    assert cal.clear_working_days_before(meeting, 5) == date(2018, 8, 30)
    assert cal.working_days_between(date(2018, 8, 30), meeting) == 5
    assert cal.clear_working_days_before(meeting, 0) == date(2018, 9, 6)
    with pytest.raises(ValueError):
        cal.working_days_before(meeting, 0)
    with pytest.raises(ValueError):
        cal.clear_working_days_before(meeting, -1)


def test_council_closure_days() -> None:
    closures = [date(2018, 12, 27), date(2018, 12, 28), date(2018, 12, 31)]
    cal = WorkingCalendar("england", closures)
    assert not cal.is_working_day(date(2018, 12, 28))
    assert cal.holiday_name(date(2018, 12, 28)) == CLOSURE_NAME
    assert cal.previous_working_day(date(2019, 1, 1)) == date(2018, 12, 24)
    named = WorkingCalendar("wales", {date(2018, 12, 27): "Christmas shutdown"})
    assert named.holiday_name(date(2018, 12, 27)) == "Christmas shutdown"
    assert named.closures == {date(2018, 12, 27): "Christmas shutdown"}


def test_holidays_between_lists_named_days_only() -> None:
    cal = WorkingCalendar("england", [date(2022, 12, 28)])
    assert cal.holidays_between(date(2022, 12, 24), date(2023, 1, 3)) == [
        (date(2022, 12, 25), "Christmas Day"),
        (date(2022, 12, 26), "Boxing Day"),
        (date(2022, 12, 27), "Christmas Day (observed)"),
        (date(2022, 12, 28), CLOSURE_NAME),
        (date(2023, 1, 1), "New Year's Day"),
        (date(2023, 1, 2), "New Year's Day (observed)"),
    ]


def test_bundled_list_loads_and_holds_the_recent_one_off_days() -> None:
    days = {d.date: d for d in load_one_off_days()}
    for day in (date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8)):
        assert days[day].nations == frozenset(BOTH)
        assert not days[day].cancelled


def test_new_one_off_day_is_merged_per_nation() -> None:
    # A day the `holidays` package cannot know yet, announced for England only.
    extra = OneOffDay(date(2031, 6, 13), "Imaginary Jubilee", frozenset({"england"}))
    england = WorkingCalendar("england", one_off_days=[extra])
    wales = WorkingCalendar("wales", one_off_days=[extra])
    assert england.holiday_name(date(2031, 6, 13)) == "Imaginary Jubilee"
    assert not england.is_working_day(date(2031, 6, 13))
    assert wales.is_working_day(date(2031, 6, 13))


def test_library_name_wins_and_cancelled_entries_remove_a_holiday() -> None:
    days = [
        OneOffDay(date(2023, 5, 8), "Coronation bank holiday", frozenset(BOTH)),
        OneOffDay(date(2031, 5, 5), "Early May moved away", frozenset(BOTH), cancelled=True),
    ]
    cal = WorkingCalendar("england", one_off_days=days)
    assert cal.holiday_name(date(2023, 5, 8)) == "Coronation of Charles III"
    assert WorkingCalendar("england").holiday_name(date(2031, 5, 5)) == "May Day"
    assert cal.is_working_day(date(2031, 5, 5))


def test_load_one_off_days_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "days.json"
    entries = [{"date": "2031-06-13", "name": "Imaginary Jubilee", "nations": ["Wales"]}]
    path.write_text(json.dumps(entries), "utf-8")
    days = load_one_off_days(path)
    assert days == (OneOffDay(date(2031, 6, 13), "Imaginary Jubilee", frozenset({"wales"})),)
    assert not WorkingCalendar("wales", one_off_days=days).is_working_day(date(2031, 6, 13))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2031-01-01"}, "expected a JSON list"),
        (["2031-01-01"], "entry 1: expected an object"),
        ([{"name": "X"}], "entry 1: missing 'date'"),
        ([{"date": "13/06/2031", "name": "X"}], "is not YYYY-MM-DD"),
        ([{"date": "2031-06-13", "name": " "}], "'name' must be"),
        ([{"date": "2031-06-13", "name": "X", "nations": []}], "'nations' must be"),
        ([{"date": "2031-06-13", "name": "X", "nations": ["scotland"]}], "Unknown nation"),
        ([{"date": "2031-06-13", "name": "X", "cancelled": "yes"}], "'cancelled' must be"),
    ],
)
def test_bad_one_off_lists_are_rejected_clearly(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_one_off_days(data)
