"""Column tuples for the window's lists (reading tuples is several times faster than ORM
objects at 100,000 rows). Each function takes an open session; nothing here writes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from planner.db.models import (
    Action,
    Committee,
    Council,
    Meeting,
    Recommendation,
    TaskGroup,
    Topic,
)
from planner.enums import TopicStatus

Rows = list[tuple[Any, ...]]


def committee_choices(session: Session) -> Rows:
    """(id, council name, committee name, municipal year), by council, name and year."""
    query = (
        select(Committee.id, Council.name, Committee.name, Committee.municipal_year)
        .join(Council, Committee.council_id == Council.id)
        .order_by(Council.name, Committee.name, Committee.municipal_year)
    )
    return list(session.execute(query).all())


def same_committee_ids(session: Session, committee_id: str) -> list[str]:
    """Every municipal year of the same committee: trackers run across years."""
    row = session.execute(
        select(Committee.council_id, Committee.name).where(Committee.id == committee_id)
    ).first()
    if row is None:
        return []
    query = select(Committee.id).where(Committee.council_id == row[0], Committee.name == row[1])
    return list(session.scalars(query))


def topic_rows(session: Session, committee_id: str) -> Rows:
    """(id, meeting_id, timing, title, description, outcome, method, officers, status
    value, deferral_count, exempt, exempt_paragraph, position); not dropped.

    No join and the status as its stored text: the meetings come from ``meeting_rows``,
    and skipping the enum conversion per row is a quarter of the time at 100,000 rows.
    """
    query = (
        select(
            Topic.id,
            Topic.meeting_id,
            Topic.timing,
            Topic.title,
            Topic.description,
            Topic.outcome,
            Topic.method,
            Topic.officers,
            type_coerce(Topic.status, String),
            Topic.deferral_count,
            Topic.exempt,
            Topic.exempt_paragraph,
            Topic.position,
        )
        .where(Topic.committee_id == committee_id, Topic.status != TopicStatus.DROPPED)
        .order_by(Topic.position, Topic.title)
    )
    return list(session.execute(query).all())


def meeting_rows(session: Session, committee_id: str) -> Rows:
    """(id, date, start_time, place, status, notes, capacity, topic count), by date."""
    counts = (
        select(Topic.meeting_id, func.count().label("n"))
        .where(Topic.committee_id == committee_id, Topic.status != TopicStatus.DROPPED)
        .group_by(Topic.meeting_id)
        .subquery()
    )
    query = (
        select(
            Meeting.id,
            Meeting.date,
            Meeting.start_time,
            Meeting.place,
            Meeting.status,
            Meeting.notes,
            Meeting.capacity,
            func.coalesce(counts.c.n, 0),
        )
        .outerjoin(counts, counts.c.meeting_id == Meeting.id)
        .where(Meeting.committee_id == committee_id)
        .order_by(Meeting.date, Meeting.start_time.nulls_first())  # SQLite's order everywhere
    )
    return list(session.execute(query).all())


def meeting_topic_ids(session: Session, meeting_id: str) -> list[str]:
    query = select(Topic.id).where(Topic.meeting_id == meeting_id).order_by(Topic.position)
    return list(session.scalars(query))


def group_rows(session: Session, committee_id: str) -> Rows:
    """(id, title, status, lead_member, members, start_date, projected_finish,
    description, outcome, exempt)."""
    query = (
        select(
            TaskGroup.id,
            TaskGroup.title,
            TaskGroup.status,
            TaskGroup.lead_member,
            TaskGroup.members,
            TaskGroup.start_date,
            TaskGroup.projected_finish,
            TaskGroup.description,
            TaskGroup.outcome,
            TaskGroup.exempt,
        )
        .where(TaskGroup.committee_id == committee_id)
        .order_by(TaskGroup.projected_finish.is_(None), TaskGroup.projected_finish)
    )
    return list(session.execute(query).all())


def recommendation_rows(session: Session, committee_ids: list[str]) -> Rows:
    """(id, reference, item_number, meeting date, text, addressed_to, response_due,
    response, agreed, status, slipped_to, next_review, municipal year)."""
    query = (
        select(
            Recommendation.id,
            Recommendation.reference,
            Recommendation.item_number,
            Meeting.date,
            Recommendation.text,
            Recommendation.addressed_to,
            Recommendation.response_due,
            Recommendation.response,
            Recommendation.agreed,
            Recommendation.status,
            Recommendation.slipped_to,
            Recommendation.next_review,
            Committee.municipal_year,
        )
        .join(Committee, Recommendation.committee_id == Committee.id)
        .outerjoin(Meeting, Recommendation.meeting_id == Meeting.id)
        .where(Recommendation.committee_id.in_(committee_ids))
        .order_by(  # NULLS FIRST as SQLite does by itself, so PostgreSQL agrees
            Meeting.date.nulls_first(),
            Recommendation.item_number.nulls_first(),
            Recommendation.reference,
        )
    )
    return list(session.execute(query).all())


def action_rows(session: Session, committee_ids: list[str]) -> Rows:
    """(id, meeting date, text, owner, due, done, done_on, municipal year)."""
    query = (
        select(
            Action.id,
            Meeting.date,
            Action.text,
            Action.owner,
            Action.due,
            Action.done,
            Action.done_on,
            Committee.municipal_year,
        )
        .join(Committee, Action.committee_id == Committee.id)
        .outerjoin(Meeting, Action.meeting_id == Meeting.id)
        .where(Action.committee_id.in_(committee_ids))
        .order_by(Action.done, Meeting.date.nulls_first(), Action.due.nulls_first())  # as SQLite
    )
    return list(session.execute(query).all())
