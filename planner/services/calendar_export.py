"""The meeting calendar as iCalendar: meetings and each deadline as its own event."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.calendar import IcsMeeting, build_calendar
from planner.db.models import Topic
from planner.enums import TopicStatus
from planner.services.deadlines import meeting_calendar


def calendar_ics(
    session: Session,
    council_id: str,
    year: str,
    committee_id: str | None = None,
    stamp: dt.datetime | None = None,
) -> tuple[bytes, int]:
    """The .ics bytes and the number of meetings in it.

    Exempt topics appear only as "Exempt item": calendars get forwarded.
    """
    cal = meeting_calendar(session, council_id, year, committee_id)
    ids = [row.meeting.id for row in cal.meetings]
    titles: dict[str, list[str]] = defaultdict(list)
    query = (
        select(Topic.meeting_id, Topic.title, Topic.exempt, Topic.exempt_paragraph)
        .where(Topic.meeting_id.in_(ids), Topic.status != TopicStatus.DROPPED)
        .order_by(Topic.position, Topic.title)
    )
    for meeting_id, title, exempt, paragraph in session.execute(query):
        titles[str(meeting_id)].append(
            f"Exempt item (Schedule 12A paragraph {paragraph})" if exempt else title
        )
    events = [
        IcsMeeting(
            uid_seed=row.meeting.id,
            committee=row.meeting.committee_name,
            date=row.meeting.date,
            start_time=row.meeting.start_time,
            place=row.meeting.place or "",
            topics=tuple(titles[row.meeting.id]),
            deadlines=row.deadlines,
            sequence=max(row.meeting.version - 1, 0),
        )
        for row in cal.meetings
    ]
    name = f"{cal.council_name} meetings {cal.municipal_year}"
    return build_calendar(events, name=name, stamp=stamp), len(events)
