"""Meetings of a committee, and what happens to their topics when they move or go."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.dates import format_date
from planner.db.models import Action, Committee, Meeting, Recommendation, Topic, new_id
from planner.enums import MeetingStatus
from planner.errors import ValidationError
from planner.services import fields as f
from planner.services.concurrency import delete_record, edit_record
from planner.services.lookup import get, matching
from planner.services.views import MeetingView

MEETING_FIELDS: dict[str, f.Coercer] = {
    "date": f.date_value,
    "start_time": f.time_value,
    "place": f.text,
    "status": f.enum_value(MeetingStatus, optional=False),
    "notes": f.text,
    "capacity": lambda field, v: None if v in (None, "") else f.integer(field, v),
}


class TopicsPolicy(StrEnum):
    """What to do with a deleted meeting's topics."""

    MOVE = "move"  # to another meeting (move_to)
    UNSCHEDULE = "unschedule"  # back to "In development"
    DELETE = "delete"


def _topic_count(session: Session, meeting_id: str) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Topic).where(Topic.meeting_id == meeting_id)
        )
        or 0
    )


def meeting_view(session: Session, m: Meeting, topic_count: int | None = None) -> MeetingView:
    return MeetingView(
        id=m.id,
        committee_id=m.committee_id,
        committee_name=m.committee.name,
        municipal_year=m.committee.municipal_year,
        date=m.date,
        start_time=m.start_time,
        place=m.place,
        status=m.status,
        notes=m.notes,
        capacity=m.capacity,
        topic_count=_topic_count(session, m.id) if topic_count is None else topic_count,
        version=m.version,
    )


def create_meeting(
    session: Session, committee_id: str, record_id: str | None = None, **values: Any
) -> MeetingView:
    get(session, Committee, committee_id, "committee")
    meeting = Meeting(
        id=record_id or new_id(), committee_id=committee_id, status=MeetingStatus.SCHEDULED
    )
    f.apply(meeting, MEETING_FIELDS, values)
    if meeting.date is None:
        raise ValidationError("date", "A meeting needs a date.")
    session.add(meeting)
    session.flush()
    return meeting_view(session, meeting, 0)


def meeting_name(m: Meeting) -> str:
    return f"of {format_date(m.date)}"


def update_meeting(
    session: Session,
    meeting_id: str,
    *,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **changes: Any,
) -> MeetingView:
    """Changing the date of a scheduled meeting marks it as moved; topics go with it."""

    def write(meeting: Meeting) -> MeetingView:
        changed = f.apply(meeting, MEETING_FIELDS, changes)
        if meeting.date is None:
            raise ValidationError("date", "A meeting needs a date.")
        scheduled = meeting.status == MeetingStatus.SCHEDULED
        if "date" in changed and "status" not in changes and scheduled:
            meeting.status = MeetingStatus.MOVED
        session.flush()
        return meeting_view(session, meeting)

    return edit_record(
        session, Meeting, "meeting", meeting_id, expected_version=expected_version,
        original=original, changes=changes, write=write,
        view=lambda m: meeting_view(session, m), name=meeting_name, spec=MEETING_FIELDS,
    )  # fmt: skip


def get_meeting(session: Session, meeting_id: str) -> MeetingView:
    return meeting_view(session, get(session, Meeting, meeting_id, "meeting"))


def list_meetings(
    session: Session, committee_ids: list[str] | None = None, words: str | None = None
) -> list[MeetingView]:
    counts = select(Topic.meeting_id, func.count().label("n")).group_by(Topic.meeting_id).subquery()
    query = (
        select(Meeting, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.meeting_id == Meeting.id)
        .order_by(Meeting.date, Meeting.start_time.nulls_first())  # as SQLite orders
    )
    if committee_ids is not None:
        query = query.where(Meeting.committee_id.in_(committee_ids))
    query = matching(query, [Meeting.place, Meeting.notes], words)
    return [meeting_view(session, m, n) for m, n in session.execute(query).unique()]


def delete_meeting(
    session: Session,
    meeting_id: str,
    *,
    topics: TopicsPolicy | str | None = None,
    move_to: str | None = None,
    expected_version: int | None = None,
) -> None:
    """Delete a meeting, deciding explicitly what happens to its topics."""

    def remove(meeting: Meeting) -> None:
        _delete(session, meeting, topics, move_to)

    delete_record(
        session, Meeting, "meeting", meeting_id, expected_version=expected_version,
        remove=remove, view=lambda m: meeting_view(session, m), name=meeting_name,
    )  # fmt: skip


def _delete(
    session: Session, meeting: Meeting, topics: TopicsPolicy | str | None, move_to: str | None
) -> None:
    meeting_id = meeting.id
    label = format_date(meeting.date)
    if session.scalars(
        select(Recommendation.id).where(Recommendation.meeting_id == meeting_id)
    ).first():
        raise ValidationError(
            "meeting",
            f"The meeting of {label} made recommendations; it is part of the record and "
            "cannot be deleted. Mark it cancelled instead.",
        )
    its_topics = list(session.scalars(select(Topic).where(Topic.meeting_id == meeting_id)))
    if its_topics:
        if topics is None:
            raise ValidationError(
                "topics",
                f"The meeting of {label} has {len(its_topics)} topic(s); say whether to move "
                "them to another meeting, unschedule them or delete them.",
            )
        policy = f.enum_value(TopicsPolicy, optional=False)("topics", topics)
        if policy is TopicsPolicy.MOVE:
            if not move_to:
                raise ValidationError("move_to", "Say which meeting the topics move to.")
            from planner.services.topics import move_topic

            for topic in its_topics:
                move_topic(
                    session, topic.id, meeting_id=move_to, reason=f"Meeting of {label} deleted"
                )
        elif policy is TopicsPolicy.UNSCHEDULE:
            from planner.services.topics import move_topic

            for topic in its_topics:
                move_topic(session, topic.id, reason=f"Meeting of {label} deleted")
        else:
            for topic in its_topics:
                session.delete(topic)
        session.flush()
    for action in session.scalars(select(Action).where(Action.meeting_id == meeting_id)):
        action.meeting_id = None
    session.delete(meeting)
    session.flush()


def meetings_on(session: Session, committee_id: str, day: dt.date) -> list[MeetingView]:
    query = select(Meeting).where(Meeting.committee_id == committee_id, Meeting.date == day)
    return [meeting_view(session, m) for m in session.scalars(query)]
