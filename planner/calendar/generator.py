"""Generating a municipal year's meeting dates from a repeat pattern or a list."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from planner.calendar.warnings import CalendarWarning, WarningKind
from planner.calendar.working_days import WorkingCalendar
from planner.dates import MONTH_NAMES as MONTHS
from planner.dates import WEEKDAY_NAMES as WEEKDAYS
from planner.dates import format_date

_YEAR_RE = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")


@dataclass(frozen=True)
class MunicipalYear:
    """May to April, starting at the annual council meeting: '2018/19'."""

    start_year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 5, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, 4, 30)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @classmethod
    def parse(cls, text: str) -> MunicipalYear:
        """'2018/19', '2018/2019' or '2018-19'."""
        match = _YEAR_RE.match(text)
        if match is None:
            raise ValueError(f"Municipal year {text!r} should look like 2018/19")
        first, second = int(match[1]), match[2]
        expected = f"{(first + 1) % 100:02d}" if len(second) == 2 else str(first + 1)
        if second != expected:
            raise ValueError(f"Municipal year {text!r}: the second year must follow the first")
        return cls(first)

    @classmethod
    def containing(cls, day: dt.date) -> MunicipalYear:
        return cls(day.year if day.month >= 5 else day.year - 1)


@dataclass(frozen=True)
class RepeatPattern:
    every_weeks: int
    weekday: int  # Monday is 0, as date.weekday()
    start: dt.date

    def __post_init__(self) -> None:
        if not 1 <= self.every_weeks <= 52:
            raise ValueError(f"Repeat pattern: every {self.every_weeks} weeks is not 1 to 52")
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"Repeat pattern: weekday {self.weekday} is not 0 (Monday) to 6")

    @property
    def first(self) -> dt.date:
        """The first meeting: `start`, or the first chosen weekday after it."""
        return self.start + dt.timedelta(days=(self.weekday - self.start.weekday()) % 7)

    def describe(self) -> str:
        every = "every week" if self.every_weeks == 1 else f"every {self.every_weeks} weeks"
        return f"{every} on a {WEEKDAYS[self.weekday]} from {format_date(self.first)}"


@dataclass(frozen=True)
class GeneratedDates:
    dates: tuple[dt.date, ...]
    warnings: tuple[CalendarWarning, ...]


_MONTH_PREFIXES = {name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)}
_WEEKDAY_PREFIXES = {name[:3].lower(): i for i, name in enumerate(WEEKDAYS)}


def parse_uk_date(text: str) -> dt.date:
    """'7 September 2018', 'Fri 7 Sept 2018', '7th Sep 2018', '2018-09-07' or '7/9/2018'."""
    from planner.dates import parse_date
    from planner.errors import ValidationError

    try:
        return parse_date(text)
    except ValidationError as exc:
        raise ValueError(str(exc)) from None


_PATTERN_RE = re.compile(
    r"^every\s+(?:(?P<n>\d+|other)\s+)?(?P<unit>weeks?|fortnight|months?)"
    r"(?:\s+on\s+(?:a\s+|an\s+)?(?P<weekday>[a-z]+?)s?)?"
    r"\s+(?:from|starting(?:\s+on)?|beginning)\s+(?P<start>.+)$"
)


def parse_pattern(text: str) -> RepeatPattern:
    """'every 8 weeks on a Friday from 7 September 2018', 'every fortnight from 2018-09-07'."""
    cleaned = " ".join(text.strip().lower().split())
    match = _PATTERN_RE.match(cleaned)
    if match is None:
        raise ValueError(
            f"Repeat pattern {text!r}: try 'every 8 weeks on a Friday from 7 September 2018'"
        )
    if match["unit"].startswith("month"):
        raise ValueError(
            f"Repeat pattern {text!r}: monthly patterns are not supported;"
            " give a list of dates instead"
        )
    fortnightly = match["unit"] == "fortnight" or match["n"] == "other"
    weeks = 2 if fortnightly else int(match["n"] or 1)
    try:
        start = parse_uk_date(match["start"])
    except ValueError as exc:
        raise ValueError(f"Repeat pattern {text!r}: {exc}") from None
    weekday = start.weekday()
    if match["weekday"]:
        found = _WEEKDAY_PREFIXES.get(match["weekday"][:3])
        if found is None or not WEEKDAYS[found].lower().startswith(match["weekday"]):
            raise ValueError(f"Repeat pattern {text!r}: {match['weekday']!r} is not a weekday")
        weekday = found
    return RepeatPattern(weeks, weekday, start)


def _from_pattern(pattern: RepeatPattern, year: MunicipalYear) -> list[dt.date]:
    step = dt.timedelta(weeks=pattern.every_weeks)
    day = pattern.first
    if day < year.start:
        # Jump to the first occurrence in the year rather than walking from a distant start.
        skip = -((day - year.start).days // step.days)
        day += step * skip
    found: list[dt.date] = []
    while day <= year.end:
        found.append(day)
        day += step
    return found


def generate_meetings(
    pattern: RepeatPattern | str | Iterable[dt.date],
    municipal_year: MunicipalYear | str,
    calendar: WorkingCalendar,
) -> GeneratedDates:
    """Meeting dates in the year, leaving out non-working days with a warning each.

    A skipped date is not moved: the committee decides where the meeting goes.
    """
    year = (
        MunicipalYear.parse(municipal_year) if isinstance(municipal_year, str) else municipal_year
    )
    if isinstance(pattern, str):
        pattern = parse_pattern(pattern)
    warnings: list[CalendarWarning] = []
    if isinstance(pattern, RepeatPattern):
        candidates = _from_pattern(pattern, year)
    else:
        candidates = []
        for day in sorted(set(pattern)):
            if day in year:
                candidates.append(day)
            else:
                # A typed date that is dropped silently would look like a lost meeting.
                warnings.append(
                    CalendarWarning(
                        WarningKind.OUTSIDE_YEAR,
                        None,
                        None,
                        f"Left out {format_date(day, weekday=True)}: outside the municipal"
                        f" year {year.label} ({format_date(year.start)} to"
                        f" {format_date(year.end)}).",
                        day,
                    )
                )
    dates: list[dt.date] = []
    for day in candidates:
        reason = calendar.non_working_reason(day)
        if reason is None:
            dates.append(day)
            continue
        warnings.append(
            CalendarWarning(
                WarningKind.SKIPPED_DATE,
                None,
                None,
                f"Skipped {format_date(day, weekday=True)}: not a working day ({reason}).",
                day,
            )
        )
    warnings.sort(key=lambda w: w.date or dt.date.max)
    return GeneratedDates(tuple(dates), tuple(warnings))
