"""Warnings about a committee's meeting calendar, from plain inputs (no database)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from planner.calendar.deadlines import compute_deadline
from planner.calendar.rules import DeadlineRule
from planner.calendar.working_days import WorkingCalendar
from planner.dates import format_date

RecordId = int | str
DEFAULT_CAPACITY = 4  # good practice: a meeting carries only a few substantive items
REPORT_RULE_KEY = "report_deadline"


class WarningKind(StrEnum):
    NON_WORKING_DAY = "non_working_day"
    SAME_DAY = "same_day"
    OVER_CAPACITY = "over_capacity"
    REPORT_OVERDUE = "report_overdue"
    SKIPPED_DATE = "skipped_date"
    OUTSIDE_YEAR = "outside_year"


@dataclass(frozen=True)
class CalendarWarning:
    kind: WarningKind
    meeting_id: RecordId | None
    topic_id: RecordId | None
    message: str
    date: dt.date | None = None  # the day the warning is about, for sorting and display


@dataclass(frozen=True)
class MeetingInfo:
    """A live meeting; the caller leaves out cancelled ones."""

    id: RecordId
    committee: str
    date: dt.date
    start_time: dt.time | None = None
    substantive_items: int = 0
    capacity: int = DEFAULT_CAPACITY


@dataclass(frozen=True)
class TopicInfo:
    """A topic still expecting a report; the caller leaves out dropped or considered ones.

    When `report_deadline` is None it is computed from the meeting and the
    'report_deadline' rule, if both are known.
    """

    id: RecordId
    title: str
    meeting_id: RecordId | None
    report_deadline: dt.date | None = None
    report_received: bool = False


def meeting_warnings(
    meetings: Iterable[MeetingInfo], calendar: WorkingCalendar
) -> list[CalendarWarning]:
    """Non-working days, double bookings of one committee, and overfull agendas."""
    meetings = list(meetings)
    found: list[CalendarWarning] = []
    same_day: dict[tuple[str, dt.date], list[MeetingInfo]] = defaultdict(list)
    for meeting in meetings:
        same_day[(meeting.committee.strip().casefold(), meeting.date)].append(meeting)
    for meeting in meetings:
        when = format_date(meeting.date, weekday=True)
        reason = calendar.non_working_reason(meeting.date)
        if reason is not None:
            found.append(
                CalendarWarning(
                    WarningKind.NON_WORKING_DAY,
                    meeting.id,
                    None,
                    f"{meeting.committee} meets on {when}, which is not a working day ({reason}).",
                    meeting.date,
                )
            )
        clash = same_day[(meeting.committee.strip().casefold(), meeting.date)]
        if len(clash) > 1:
            found.append(
                CalendarWarning(
                    WarningKind.SAME_DAY,
                    meeting.id,
                    None,
                    f"{meeting.committee} has {len(clash)} meetings on {when}.",
                    meeting.date,
                )
            )
        if meeting.substantive_items > meeting.capacity:
            found.append(
                CalendarWarning(
                    WarningKind.OVER_CAPACITY,
                    meeting.id,
                    None,
                    f"{meeting.committee} on {when} has {meeting.substantive_items}"
                    f" substantive items, more than its capacity of {meeting.capacity}.",
                    meeting.date,
                )
            )
    return found


def _report_deadline(
    topic: TopicInfo,
    meeting: MeetingInfo | None,
    rule: DeadlineRule | None,
    calendar: WorkingCalendar,
) -> dt.date | None:
    if topic.report_deadline is not None:
        return topic.report_deadline
    if meeting is None or rule is None:
        return None
    return compute_deadline(meeting.date, rule, calendar).date


def topic_warnings(
    topics: Iterable[TopicInfo],
    meetings: Iterable[MeetingInfo],
    calendar: WorkingCalendar,
    today: dt.date,
    rules: Sequence[DeadlineRule] = (),
) -> list[CalendarWarning]:
    """Topics whose report deadline is over (before `today`) with no report received."""
    by_id = {meeting.id: meeting for meeting in meetings}
    rule = next((r for r in rules if r.key == REPORT_RULE_KEY), None)
    found: list[CalendarWarning] = []
    for topic in topics:
        if topic.report_received:
            continue
        meeting = by_id.get(topic.meeting_id) if topic.meeting_id is not None else None
        deadline = _report_deadline(topic, meeting, rule, calendar)
        if deadline is None or deadline >= today:
            continue
        text = f"The report for '{topic.title}' was due on {format_date(deadline)}"
        if meeting is not None:
            text += f" for the meeting on {format_date(meeting.date)}"
        found.append(
            CalendarWarning(
                WarningKind.REPORT_OVERDUE,
                topic.meeting_id,
                topic.id,
                f"{text} and has not been received.",
                deadline,
            )
        )
    return found


def calendar_warnings(
    meetings: Iterable[MeetingInfo],
    topics: Iterable[TopicInfo],
    calendar: WorkingCalendar,
    today: dt.date,
    rules: Sequence[DeadlineRule] = (),
) -> list[CalendarWarning]:
    """All warnings, earliest day first (ties keep meeting-then-topic order)."""
    meetings = list(meetings)
    found = meeting_warnings(meetings, calendar)
    found += topic_warnings(topics, meetings, calendar, today, rules)
    return sorted(found, key=lambda w: w.date or dt.date.max)
