"""Generating a municipal year's meetings from a pattern or a list of dates."""

from __future__ import annotations

from datetime import date

import pytest

from planner.calendar import (
    MunicipalYear,
    RepeatPattern,
    WarningKind,
    WorkingCalendar,
    generate_meetings,
    parse_pattern,
    parse_uk_date,
)

SEED_PATTERN = "every 8 weeks on a Friday from 7 September 2018"


def test_municipal_year() -> None:
    year = MunicipalYear.parse("2018/19")
    assert (year.start, year.end, year.label, str(year)) == (
        date(2018, 5, 1),
        date(2019, 4, 30),
        "2018/19",
        "2018/19",
    )
    assert MunicipalYear.parse("2018/2019") == year == MunicipalYear.parse(" 2018-19 ")
    assert MunicipalYear.parse("1999/00").end == date(2000, 4, 30)
    assert date(2019, 4, 30) in year and date(2019, 5, 1) not in year
    assert MunicipalYear.containing(date(2019, 4, 30)) == year
    assert MunicipalYear.containing(date(2019, 5, 1)) == MunicipalYear(2019)
    for bad in ("2018/20", "2018", "18/19", "2018/2020"):
        with pytest.raises(ValueError, match="Municipal year"):
            MunicipalYear.parse(bad)


def test_seed_pattern_for_2018_19_skips_good_friday() -> None:
    result = generate_meetings(SEED_PATTERN, "2018/19", WorkingCalendar("england"))
    assert result.dates == (
        date(2018, 9, 7),
        date(2018, 11, 2),
        date(2018, 12, 28),
        date(2019, 2, 22),
    )
    [warning] = result.warnings
    assert warning.kind is WarningKind.SKIPPED_DATE
    assert warning.date == date(2019, 4, 19)
    assert warning.message == "Skipped Friday 19 April 2019: not a working day (Good Friday)."


def test_council_closure_days_are_skipped_too() -> None:
    closures = [date(2018, 12, 27), date(2018, 12, 28), date(2018, 12, 31)]
    result = generate_meetings(SEED_PATTERN, "2018/19", WorkingCalendar("wales", closures))
    assert date(2018, 12, 28) not in result.dates
    assert [w.message for w in result.warnings] == [
        "Skipped Friday 28 December 2018: not a working day (Council closure day).",
        "Skipped Friday 19 April 2019: not a working day (Good Friday).",
    ]


def test_pattern_continues_into_the_next_year() -> None:
    result = generate_meetings(
        parse_pattern(SEED_PATTERN), MunicipalYear(2019), WorkingCalendar("england")
    )
    assert result.dates == (
        date(2019, 6, 14),
        date(2019, 8, 9),
        date(2019, 10, 4),
        date(2019, 11, 29),
        date(2020, 1, 24),
        date(2020, 3, 20),
    )
    assert result.warnings == ()


def test_pattern_starting_after_the_year_gives_nothing() -> None:
    result = generate_meetings(SEED_PATTERN, "2017/18", WorkingCalendar("england"))
    assert result.dates == () and result.warnings == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SEED_PATTERN, RepeatPattern(8, 4, date(2018, 9, 7))),
        ("Every 6 weeks from 2018-09-07", RepeatPattern(6, 4, date(2018, 9, 7))),
        ("every fortnight on Tuesdays starting 4 Sept 2018", RepeatPattern(2, 1, date(2018, 9, 4))),
        ("every other week on a Wed from 5/9/2018", RepeatPattern(2, 2, date(2018, 9, 5))),
        ("every week on Monday beginning Fri 7th Sep 2018", RepeatPattern(1, 0, date(2018, 9, 7))),
    ],
)
def test_parse_pattern(text: str, expected: RepeatPattern) -> None:
    assert parse_pattern(text) == expected


def test_first_meeting_is_the_chosen_weekday_on_or_after_start() -> None:
    pattern = parse_pattern("every 4 weeks on a Friday from 1 September 2018")
    assert pattern.first == date(2018, 9, 7)
    assert pattern.describe() == "every 4 weeks on a Friday from 7 September 2018"
    assert parse_pattern(pattern.describe()).first == pattern.first
    result = generate_meetings(pattern, "2018/19", WorkingCalendar("england"))
    assert result.dates[0] == date(2018, 9, 7)
    assert all(d.weekday() == 4 for d in result.dates)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("every month from 7 September 2018", "monthly patterns are not supported"),
        ("fortnightly on Fridays", "try 'every 8 weeks"),
        ("every 8 weeks on a Funday from 7 September 2018", "'funday' is not a weekday"),
        ("every 8 weeks from 31 September 2018", "'31 september 2018' is not a real date"),
        ("every 0 weeks from 7 September 2018", "every 0 weeks is not 1 to 52"),
    ],
)
def test_parse_pattern_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_pattern(text)


def test_explicit_dates() -> None:
    dates = [
        date(2018, 11, 16),
        date(2018, 9, 7),
        date(2018, 9, 7),  # typed twice
        date(2018, 12, 25),
        date(2019, 5, 10),  # the next municipal year
    ]
    result = generate_meetings(dates, MunicipalYear(2018), WorkingCalendar("england"))
    assert result.dates == (date(2018, 9, 7), date(2018, 11, 16))
    assert [(w.kind, w.date) for w in result.warnings] == [
        (WarningKind.SKIPPED_DATE, date(2018, 12, 25)),
        (WarningKind.OUTSIDE_YEAR, date(2019, 5, 10)),
    ]
    assert result.warnings[1].message == (
        "Left out Friday 10 May 2019: outside the municipal year 2018/19"
        " (1 May 2018 to 30 April 2019)."
    )


def test_parse_uk_date() -> None:
    for text in ("7 September 2018", "Friday, 7 September 2018", "7th Sept 2018", "07/09/2018"):
        assert parse_uk_date(text) == date(2018, 9, 7)
    with pytest.raises(ValueError, match="is not a date"):
        parse_uk_date("September 7 2018")
