"""Turning a meeting date and deadline rules into dated deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from planner.calendar.rules import DeadlineRule, Unit
from planner.calendar.working_days import WorkingCalendar


@dataclass(frozen=True)
class Deadline:
    rule_key: str
    label: str
    date: dt.date
    time_of_day: dt.time | None = None
    # Set when a calendar-day deadline landed on a non-working day and was brought
    # forward, so the clerk can see why it is not exactly N days before.
    moved_from: dt.date | None = None

    def has_passed(self, now: dt.datetime | dt.date) -> bool:
        """True once the deadline is over: after its time, or after its whole day."""
        if isinstance(now, dt.datetime):
            if self.time_of_day is None:
                return now.date() > self.date
            return now.replace(tzinfo=None) >= dt.datetime.combine(self.date, self.time_of_day)
        return now > self.date


def compute_deadline(
    meeting_date: dt.date, rule: DeadlineRule, calendar: WorkingCalendar
) -> Deadline:
    """One rule applied to one meeting; always a working day before the meeting."""
    moved_from = None
    if rule.unit is Unit.CLEAR_WORKING_DAYS:
        day = calendar.clear_working_days_before(meeting_date, rule.amount)
    elif rule.unit is Unit.WORKING_DAYS:
        day = calendar.working_days_before(meeting_date, rule.amount)
    else:
        target = meeting_date - dt.timedelta(days=rule.amount)
        day = calendar.previous_working_day(target)
        if day != target:
            moved_from = target
    return Deadline(rule.key, rule.label, day, rule.time_of_day, moved_from)


def compute_deadlines(
    meeting_date: dt.date, rules: Iterable[DeadlineRule], calendar: WorkingCalendar
) -> list[Deadline]:
    """Deadlines in the order of `rules` (the order the council lists them)."""
    return [compute_deadline(meeting_date, rule, calendar) for rule in rules]
