"""Working days for England and Wales.

Bank holidays come from the `holidays` package, merged with a bundled list of one-off
days (resources/calendar/one_off_days.json) so that a newly announced day can be
added without waiting for a `holidays` release, plus a council's own closure days.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

from planner.dates import WEEKDAY_NAMES as WEEKDAYS

NATIONS = ("england", "wales")
_SUBDIVISIONS = {"england": "ENG", "wales": "WLS"}
CLOSURE_NAME = "Council closure day"
_ONE_DAY = timedelta(days=1)


def normalise_nation(nation: str) -> str:
    """Return 'england' or 'wales'; settings may hold 'England' or 'WALES'."""
    key = nation.strip().lower()
    if key not in _SUBDIVISIONS:
        raise ValueError(f"Unknown nation {nation!r}: expected one of {', '.join(NATIONS)}")
    return key


@dataclass(frozen=True)
class OneOffDay:
    """An entry of the bundled list.

    `cancelled` marks a normal bank holiday that was moved away (as the spring bank
    holiday was in 2022), which an additive list could not otherwise express.
    """

    date: date
    name: str
    nations: frozenset[str]
    cancelled: bool = False


def parse_one_off_days(data: Any, source: str = "one-off days list") -> tuple[OneOffDay, ...]:
    """Validate the decoded JSON; errors name the entry so a bad edit is easy to find."""
    if not isinstance(data, list):
        raise ValueError(f"{source}: expected a JSON list of days")
    days: list[OneOffDay] = []
    for index, entry in enumerate(data):
        where = f"{source}, entry {index + 1}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected an object with date, name and nations")
        try:
            day = date.fromisoformat(str(entry["date"]))
        except KeyError:
            raise ValueError(f"{where}: missing 'date'") from None
        except ValueError:
            raise ValueError(f"{where}: 'date' {entry['date']!r} is not YYYY-MM-DD") from None
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{where} ({day}): 'name' must be a non-empty string")
        nations = entry.get("nations", list(NATIONS))
        if not isinstance(nations, list) or not nations:
            raise ValueError(f"{where} ({day}): 'nations' must be a non-empty list")
        try:
            nation_set = frozenset(normalise_nation(str(n)) for n in nations)
        except ValueError as exc:
            raise ValueError(f"{where} ({day}): {exc}") from None
        cancelled = entry.get("cancelled", False)
        if not isinstance(cancelled, bool):
            raise ValueError(f"{where} ({day}): 'cancelled' must be true or false")
        days.append(OneOffDay(day, name.strip(), nation_set, cancelled))
    return tuple(days)


@lru_cache(maxsize=1)
def _bundled_one_off_days() -> tuple[OneOffDay, ...]:
    text = resources.files("resources.calendar").joinpath("one_off_days.json").read_text("utf-8")
    return parse_one_off_days(json.loads(text), "resources/calendar/one_off_days.json")


def load_one_off_days(path: str | PathLike[str] | None = None) -> tuple[OneOffDay, ...]:
    """The bundled list, or a replacement file (e.g. a newer list downloaded later)."""
    if path is None:
        return _bundled_one_off_days()
    source = Path(path)
    return parse_one_off_days(json.loads(source.read_text("utf-8")), str(source))


class WorkingCalendar:
    """Answers 'is this a working day?' and counts working days back from a date."""

    def __init__(
        self,
        nation: str,
        extra_closures: Iterable[date] | Mapping[date, str] = (),
        *,
        one_off_days: Iterable[OneOffDay] | None = None,
    ) -> None:
        self._nation = normalise_nation(nation)
        if isinstance(extra_closures, Mapping):
            self._closures = {d: str(n) or CLOSURE_NAME for d, n in extra_closures.items()}
        else:
            self._closures = dict.fromkeys(extra_closures, CLOSURE_NAME)
        days = load_one_off_days() if one_off_days is None else tuple(one_off_days)
        self._one_off: dict[int, list[OneOffDay]] = {}
        for day in days:
            if self._nation in day.nations:
                self._one_off.setdefault(day.date.year, []).append(day)
        # Year -> {date: name}; generating a year from `holidays` costs ~0.3 ms and
        # deadline arithmetic asks about the same few years thousands of times.
        self._years: dict[int, dict[date, str]] = {}

    @property
    def nation(self) -> str:
        return self._nation

    @property
    def closures(self) -> Mapping[date, str]:
        return dict(self._closures)

    def _bank_holidays(self, year: int) -> dict[date, str]:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        # Imported here: it costs ~40 ms, too much for application start-up.
        import holidays

        # Ask for neighbouring years too, in case a substitute day crosses New Year.
        lib = holidays.country_holidays(
            "GB", subdiv=_SUBDIVISIONS[self._nation], years=(year - 1, year, year + 1)
        )
        found: dict[date, str] = {d: str(n) for d, n in lib.items() if d.year == year}
        for day in self._one_off.get(year, ()):
            if day.cancelled:
                found.pop(day.date, None)
            else:
                # The library's own wording wins when it already knows the day.
                found.setdefault(day.date, day.name)
        self._years[year] = found
        return found

    def holiday_name(self, d: date) -> str | None:
        """Bank holiday, one-off day or closure name for `d`, else None (weekends too)."""
        name = self._bank_holidays(d.year).get(d)
        return name if name is not None else self._closures.get(d)

    def non_working_reason(self, d: date) -> str | None:
        """Why `d` is not a working day ('Good Friday', 'Saturday'), or None if it is."""
        name = self.holiday_name(d)
        if name is not None:
            return name
        return WEEKDAYS[d.weekday()] if d.weekday() >= 5 else None

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self._bank_holidays(d.year) and d not in self._closures

    def previous_working_day(self, d: date) -> date:
        """`d` itself if it is a working day, else the nearest working day before it."""
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def next_working_day(self, d: date) -> date:
        """`d` itself if it is a working day, else the nearest working day after it."""
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def working_days_before(self, d: date, n: int) -> date:
        """The nth working day counting back from the day before `d` (n >= 1)."""
        if n < 1:
            raise ValueError(f"working days before must be at least 1, not {n}")
        day = d
        for _ in range(n):
            day = self.previous_working_day(day - _ONE_DAY)
        return day

    def clear_working_days_before(self, d: date, n: int) -> date:
        """The latest working day with exactly n working days between it and `d`.

        'Clear' leaves out both the day itself and `d`, so this is the (n+1)th working
        day counting back from the day before `d`.
        """
        if n < 0:
            raise ValueError(f"clear working days before must not be negative, not {n}")
        return self.working_days_before(d, n + 1)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days strictly between `start` and `end` (0 if end <= start + 1 day)."""
        count = 0
        day = start + _ONE_DAY
        while day < end:
            count += self.is_working_day(day)
            day += _ONE_DAY
        return count

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Named non-working days from `start` to `end` inclusive, for display."""
        found: list[tuple[date, str]] = []
        day = start
        while day <= end:
            name = self.holiday_name(day)
            if name is not None:
                found.append((day, name))
            day += _ONE_DAY
        return found
