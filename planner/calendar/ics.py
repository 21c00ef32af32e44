"""iCalendar export of meetings and their deadlines.

UIDs come only from the caller's stable record id and the rule key, so importing a
later export into Outlook or Google updates the same events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from zoneinfo import ZoneInfo

from planner.calendar.deadlines import Deadline
from planner.dates import format_date, format_time

if TYPE_CHECKING:
    import icalendar

LONDON = ZoneInfo("Europe/London")
UID_DOMAIN = "fwp-planner"
PRODID = "-//fwp-planner//Forward Work Programme Planner//EN"
DEFAULT_MEETING_DURATION = dt.timedelta(hours=3)  # a select committee morning


@dataclass(frozen=True)
class IcsMeeting:
    uid_seed: str  # a stable record id such as "meeting-42"; never a row position
    committee: str
    date: dt.date
    start_time: dt.time | None = None
    place: str = ""
    topics: Sequence[str] = ()
    deadlines: Sequence[Deadline] = ()
    duration: dt.timedelta = DEFAULT_MEETING_DURATION
    cancelled: bool = False
    sequence: int = 0  # raise when the record changes if a client ignores DTSTAMP

    def __post_init__(self) -> None:
        if not self.uid_seed.strip():
            raise ValueError(f"Meeting of {self.committee} on {self.date}: uid_seed is empty")


def meeting_uid(uid_seed: str) -> str:
    return f"{_uid_part(uid_seed)}@{UID_DOMAIN}"


def deadline_uid(uid_seed: str, rule_key: str) -> str:
    return f"{_uid_part(uid_seed)}-{_uid_part(rule_key)}@{UID_DOMAIN}"


def _uid_part(text: str) -> str:
    # Spaces and '@' would make a UID that some clients split or reject.
    return re.sub(r"[^A-Za-z0-9._:-]+", "-", text.strip())


def _lower_first(label: str) -> str:
    """'Agenda publication' -> 'agenda publication', but leave 'SEND briefing' alone."""
    first = label.split(" ", 1)[0]
    if first[:1].isupper() and (len(first) == 1 or first[1:].islower()):
        return label[0].lower() + label[1:]
    return label


def _topics_text(topics: Sequence[str]) -> str:
    if not topics:
        return "Agenda topics: none scheduled yet."
    return "Agenda topics:\n" + "\n".join(f"- {topic}" for topic in topics)


def _event(
    uid: str, summary: str, meeting: IcsMeeting, stamp: dt.datetime, description: str
) -> icalendar.Event:
    """The properties every exported event has, whatever its dates."""
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.sequence)
    event.add("summary", summary)
    event.add("description", description)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    return event


def _add_all_day(event: icalendar.Event, day: dt.date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))  # DTEND is exclusive for dates


def _meeting_event(meeting: IcsMeeting, stamp: dt.datetime) -> icalendar.Event:
    event = _event(
        meeting_uid(meeting.uid_seed),
        meeting.committee,
        meeting,
        stamp,
        _topics_text(meeting.topics),
    )
    if meeting.start_time is None:
        _add_all_day(event, meeting.date)
    else:
        start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
        event.add("dtstart", start)
        event.add("dtend", start + meeting.duration)
    if meeting.place:
        event.add("location", meeting.place)
    return event


def _deadline_event(meeting: IcsMeeting, deadline: Deadline, stamp: dt.datetime) -> icalendar.Event:
    by = f", by {format_time(deadline.time_of_day)}" if deadline.time_of_day else ""
    lines = [f"{deadline.label} for the meeting on {format_date(meeting.date, weekday=True)}{by}."]
    if deadline.moved_from is not None:
        lines.append(
            f"Brought forward from {format_date(deadline.moved_from, weekday=True)},"
            " which is not a working day."
        )
    lines.append(_topics_text(meeting.topics))
    event = _event(
        deadline_uid(meeting.uid_seed, deadline.rule_key),
        f"{meeting.committee}: {_lower_first(deadline.label)}",
        meeting,
        stamp,
        "\n".join(lines),
    )
    if deadline.time_of_day is None:
        _add_all_day(event, deadline.date)
    else:
        at = dt.datetime.combine(deadline.date, deadline.time_of_day, tzinfo=LONDON)
        event.add("dtstart", at)
        event.add("dtend", at)  # a moment, not a slot in anyone's diary
    event.add("transp", "TRANSPARENT")  # deadlines must not show the day as busy
    return event


def build_calendar(
    meetings: Sequence[IcsMeeting],
    *,
    name: str = "Forward work programme",
    stamp: dt.datetime | None = None,
) -> bytes:
    """The .ics bytes; pass an aware `stamp` to get byte-identical output for equal input."""
    # Imported here, not at module level, to keep ~25 ms off application start-up.
    import icalendar

    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    for meeting in meetings:
        cal.add_component(_meeting_event(meeting, stamp))
        for deadline in meeting.deadlines:
            cal.add_component(_deadline_event(meeting, deadline, stamp))
    if meetings:
        # VTIMEZONE lets clients that ignore TZID names still place the times right;
        # bounding it to the exported span keeps the file small.
        days = [m.date for m in meetings] + [d.date for m in meetings for d in m.deadlines]
        first = dt.date(min(days).year - 1, 1, 1)
        last = dt.date(max(days).year + 2, 1, 1)
        cal.add_missing_timezones(first_date=first, last_date=last)
    data: bytes = cal.to_ical()
    return data


def write_calendar(
    meetings: Sequence[IcsMeeting],
    target: str | PathLike[str] | BinaryIO,
    *,
    name: str = "Forward work programme",
    stamp: dt.datetime | None = None,
) -> None:
    """Write to a path or an open binary stream (e.g. a QBuffer wrapper or BytesIO)."""
    data = build_calendar(meetings, name=name, stamp=stamp)
    if isinstance(target, str | PathLike):
        Path(target).write_bytes(data)
    else:
        target.write(data)
