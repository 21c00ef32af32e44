"""Recommendations, the executive's responses, and the tracker that nags about them."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import namedtuple
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.db.models import Committee, Meeting, Recommendation, new_id
from planner.enums import RAG_OF_STATUS, Agreed, RecStatus
from planner.errors import ValidationError
from planner.services import fields as f
from planner.services.concurrency import delete_record, edit_record
from planner.services.lookup import committee_ids_named, get, matching
from planner.services.views import RecommendationView

RESPONSE_MONTHS = 2  # the executive normally has two months to respond

REC_FIELDS: dict[str, f.Coercer] = {
    "meeting_id": f.text,
    "reference": f.text,
    "item_number": lambda field, v: None if v in (None, "") else f.integer(field, v),
    "text": f.required_text,
    "addressed_to": f.text,
    "response_due": f.date_value,
    "response": f.text,
    "agreed": f.enum_value(Agreed),
    "status": f.enum_value(RecStatus),
    "slipped_to": f.date_value,
    "slipped_reason": f.text,
    "next_review": f.date_value,
    "notes": f.text,
}


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day N months on, or the month's last day (31 December + 2 -> 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def minute_reference(item: int, meeting_date: dt.date) -> str:
    """Minute style: item 7 of 2018 is "7/18"."""
    return f"{item}/{meeting_date:%y}"


def rec_view(r: Recommendation, today: dt.date | None = None) -> RecommendationView:
    return _view(
        r,
        r.committee.name,
        r.committee.municipal_year,
        r.meeting.date if r.meeting else None,
        today or dt.date.today(),
    )


def _view(
    r: Any, committee_name: str, year: str, meeting_date: dt.date | None, today: dt.date
) -> RecommendationView:
    """``r``: a Recommendation, or a row of its columns (``list_recommendations``)."""
    settled = r.status in (RecStatus.ACHIEVED, RecStatus.NOT_ACHIEVED)
    return RecommendationView(
        id=r.id,
        committee_id=r.committee_id,
        committee_name=committee_name,
        municipal_year=year,
        meeting_id=r.meeting_id,
        meeting_date=meeting_date,
        reference=r.reference,
        item_number=r.item_number,
        text=r.text,
        addressed_to=r.addressed_to,
        response_due=r.response_due,
        response=r.response,
        agreed=r.agreed,
        status=r.status,
        slipped_to=r.slipped_to,
        slipped_reason=r.slipped_reason,
        next_review=r.next_review,
        notes=r.notes,
        rag=RAG_OF_STATUS[r.status],
        response_overdue=bool(r.response_due and r.response_due < today and not r.response),
        review_overdue=bool(r.next_review and r.next_review < today and not settled),
        version=r.version,
    )


def _validate(
    session: Session, rec: Recommendation, changes: dict[str, Any], meeting_changed: bool = False
) -> None:
    committee = get(session, Committee, rec.committee_id, "committee")
    meeting = session.get(Meeting, rec.meeting_id) if rec.meeting_id else None
    if rec.meeting_id and meeting is None:
        raise ValidationError("meeting_id", "That meeting does not exist.")
    if meeting is not None and meeting.committee_id != rec.committee_id:
        raise ValidationError("meeting_id", "That meeting belongs to another committee.")
    if not rec.reference:
        if rec.item_number is None or meeting is None:
            raise ValidationError(
                "reference",
                "Give the minute item number and the meeting (item 7 in 2018 becomes 7/18), "
                "or a reference such as 'SR (25/26) 01'.",
            )
        rec.reference = minute_reference(rec.item_number, meeting.date)
    elif "item_number" in changes and "reference" not in changes and meeting is not None:
        rec.reference = (
            minute_reference(rec.item_number, meeting.date) if rec.item_number else rec.reference
        )
    # Two months after the meeting unless the clerk set a date; a new meeting moves it.
    due_given = changes.get("response_due") is not None
    if meeting is not None and not due_given and (rec.response_due is None or meeting_changed):
        rec.response_due = add_months(meeting.date, RESPONSE_MONTHS)
    if rec.status == RecStatus.SLIPPED:
        if rec.slipped_to is None:
            raise ValidationError("slipped_to", "A slipped recommendation needs its new date.")
        if not rec.slipped_reason:
            raise ValidationError(
                "slipped_reason", "A slipped recommendation needs the reason it slipped."
            )
    clash = session.scalars(
        select(Recommendation.id).where(
            # A tracker runs across municipal years, so references are unique across them.
            Recommendation.committee_id.in_(committee_ids_named(session, committee)),
            Recommendation.reference == rec.reference,
            Recommendation.id != rec.id,
        )
    ).first()
    if clash:
        raise ValidationError("reference", f"Recommendation {rec.reference} already exists.")


def create_recommendation(
    session: Session,
    committee_id: str,
    today: dt.date | None = None,
    record_id: str | None = None,
    **values: Any,
) -> RecommendationView:
    get(session, Committee, committee_id, "committee")
    if "text" not in values:
        raise ValidationError("text", "The text must not be blank.")
    rec = Recommendation(id=record_id or new_id(), committee_id=committee_id)
    f.apply(rec, REC_FIELDS, values)
    _validate(session, rec, values)
    session.add(rec)
    session.flush()
    session.refresh(rec)
    return rec_view(rec, today)


def rec_name(r: Recommendation) -> str:
    return r.reference


def update_recommendation(
    session: Session,
    rec_id: str,
    today: dt.date | None = None,
    *,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **changes: Any,
) -> RecommendationView:
    def write(rec: Recommendation) -> RecommendationView:
        changed = f.apply(rec, REC_FIELDS, changes)
        _validate(session, rec, changes, meeting_changed="meeting_id" in changed)
        session.flush()
        session.refresh(rec)
        return rec_view(rec, today)

    return edit_record(
        session, Recommendation, "recommendation", rec_id, expected_version=expected_version,
        original=original, changes=changes, write=write, view=lambda r: rec_view(r, today),
        name=rec_name, spec=REC_FIELDS,
    )  # fmt: skip


def get_recommendation(
    session: Session, rec_id: str, today: dt.date | None = None
) -> RecommendationView:
    return rec_view(get(session, Recommendation, rec_id, "recommendation"), today)


def delete_recommendation(
    session: Session, rec_id: str, *, expected_version: int | None = None
) -> None:
    def remove(rec: Recommendation) -> None:
        session.delete(rec)
        session.flush()

    delete_record(
        session, Recommendation, "recommendation", rec_id, expected_version=expected_version,
        remove=remove, view=rec_view, name=rec_name,
    )  # fmt: skip


@lru_cache(maxsize=4)
def _row_type(columns: tuple[str, ...]) -> Any:
    return namedtuple("RecommendationRow", columns)


def list_recommendations(
    session: Session,
    committee_ids: list[str] | None = None,
    today: dt.date | None = None,
    outstanding_only: bool = False,
    words: str | None = None,
) -> list[RecommendationView]:
    """Oldest meeting first, then by reference number as the minutes order them."""
    # Columns, not Recommendation objects with their committee and meeting: several
    # times faster for a tracker of thousands.
    query = (
        select(
            *Recommendation.__table__.columns,
            Committee.name.label("committee_name"),
            Committee.municipal_year.label("committee_year"),
            Meeting.date.label("meeting_date"),
        )
        .join(Committee, Recommendation.committee_id == Committee.id)
        .outerjoin(Meeting, Recommendation.meeting_id == Meeting.id)
        .order_by(  # NULLS FIRST as on SQLite, for the same order on PostgreSQL
            Meeting.date.nulls_first(),
            Recommendation.item_number.nulls_first(),
            Recommendation.reference,
        )
    )
    if committee_ids is not None:
        query = query.where(Recommendation.committee_id.in_(committee_ids))
    query = matching(
        query,
        [
            Recommendation.reference,
            Recommendation.text,
            Recommendation.addressed_to,
            Recommendation.response,
        ],
        words,
    )
    today = today or dt.date.today()
    result = session.execute(query)
    # Plain named tuples: reading a column of a SQLAlchemy Row by name costs ten times
    # as much, and _view reads 25 of them (a 2,000-row tracker: 13 ms of 35).
    row_type = _row_type(tuple(result.keys()))
    views = [
        _view(r, r.committee_name, r.committee_year, r.meeting_date, today)
        for r in map(row_type._make, result)
    ]
    if outstanding_only:
        views = [v for v in views if v.response_overdue or v.review_overdue]
    return views


def recommendation_by_reference(
    session: Session, committee_ids: list[str], reference: str
) -> RecommendationView:
    from planner.errors import NotFoundError

    rec = session.scalars(
        select(Recommendation).where(
            Recommendation.committee_id.in_(committee_ids),
            Recommendation.reference == reference.strip(),
        )
    ).first()
    if rec is None:
        raise NotFoundError(f"There is no recommendation {reference}.")
    return rec_view(rec)
