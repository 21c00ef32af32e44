"""Actions from meetings, and members' activities such as practice conversations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.db.models import Action, Committee, Meeting, MemberActivity, new_id
from planner.errors import ValidationError
from planner.services import fields as f
from planner.services.concurrency import delete_record, edit_record
from planner.services.lookup import get, matching
from planner.services.views import ActionView, ActivityView

ACTION_FIELDS: dict[str, f.Coercer] = {
    "meeting_id": f.text,
    "text": f.required_text,
    "owner": f.text,
    "due": f.date_value,
    "done": f.boolean,
    "done_on": f.date_value,
    "notes": f.text,
}
ACTIVITY_FIELDS: dict[str, f.Coercer] = {
    "kind": f.required_text,
    "member": f.required_text,
    "quarter": f.text,
    "location": f.text,
    "practitioner": f.text,
    "date": f.date_value,
    "notes": f.text,
}


def action_view(a: Action, today: dt.date | None = None) -> ActionView:
    today = today or dt.date.today()
    return ActionView(
        id=a.id,
        committee_id=a.committee_id,
        committee_name=a.committee.name,
        municipal_year=a.committee.municipal_year,
        meeting_id=a.meeting_id,
        meeting_date=a.meeting.date if a.meeting else None,
        text=a.text,
        owner=a.owner,
        due=a.due,
        done=a.done,
        done_on=a.done_on,
        notes=a.notes,
        overdue=bool(a.due and a.due < today and not a.done),
        version=a.version,
    )


def _validate_action(session: Session, action: Action, changes: dict[str, Any]) -> None:
    if action.meeting_id:
        meeting = session.get(Meeting, action.meeting_id)
        if meeting is None or meeting.committee_id != action.committee_id:
            raise ValidationError("meeting_id", "That meeting is not one of this committee's.")
    if action.done and action.done_on is None:
        action.done_on = dt.date.today()
    if not action.done and "done" in changes:
        action.done_on = None


def create_action(
    session: Session, committee_id: str, record_id: str | None = None, **values: Any
) -> ActionView:
    get(session, Committee, committee_id, "committee")
    if "text" not in values:
        raise ValidationError("text", "The text must not be blank.")
    action = Action(id=record_id or new_id(), committee_id=committee_id, done=False)
    f.apply(action, ACTION_FIELDS, values)
    _validate_action(session, action, values)
    session.add(action)
    session.flush()
    session.refresh(action)
    return action_view(action)


def action_name(a: Action) -> str:
    text = " ".join(a.text.split())
    return f"'{text if len(text) <= 60 else text[:59] + '…'}'"


def update_action(
    session: Session,
    action_id: str,
    *,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **changes: Any,
) -> ActionView:
    def write(action: Action) -> ActionView:
        f.apply(action, ACTION_FIELDS, changes)
        _validate_action(session, action, changes)
        session.flush()
        session.refresh(action)
        return action_view(action)

    return edit_record(
        session, Action, "action", action_id, expected_version=expected_version,
        original=original, changes=changes, write=write, view=action_view, name=action_name,
        spec=ACTION_FIELDS,
    )  # fmt: skip


def get_action(session: Session, action_id: str) -> ActionView:
    return action_view(get(session, Action, action_id, "action"))


def _remover(session: Session) -> Callable[[Any], None]:
    def remove(record: Any) -> None:
        session.delete(record)
        session.flush()

    return remove


def delete_action(session: Session, action_id: str, *, expected_version: int | None = None) -> None:
    delete_record(
        session, Action, "action", action_id, expected_version=expected_version,
        remove=_remover(session), view=action_view, name=action_name,
    )  # fmt: skip


def list_actions(
    session: Session,
    committee_ids: list[str] | None = None,
    today: dt.date | None = None,
    words: str | None = None,
) -> list[ActionView]:
    query = (
        select(Action)
        .outerjoin(Action.meeting)
        .order_by(  # NULLS FIRST as SQLite does by itself, so PostgreSQL lists the same order
            Action.done, Meeting.date.nulls_first(), Action.due.nulls_first(), Action.created_at
        )
    )
    if committee_ids is not None:
        query = query.where(Action.committee_id.in_(committee_ids))
    query = matching(query, [Action.text, Action.owner, Action.notes], words)
    return [action_view(a, today) for a in session.scalars(query).unique()]


def activity_view(a: MemberActivity) -> ActivityView:
    return ActivityView(
        a.id,
        a.committee_id,
        a.kind,
        a.member,
        a.quarter,
        a.location,
        a.practitioner,
        a.date,
        a.notes,
        a.version,
    )


def create_activity(
    session: Session, committee_id: str, record_id: str | None = None, **values: Any
) -> ActivityView:
    get(session, Committee, committee_id, "committee")
    activity = MemberActivity(
        id=record_id or new_id(), committee_id=committee_id, kind="Practice conversation"
    )
    if "member" not in values:
        raise ValidationError("member", "The member must not be blank.")
    f.apply(activity, ACTIVITY_FIELDS, values)
    session.add(activity)
    session.flush()
    return activity_view(activity)


def get_activity(session: Session, activity_id: str) -> ActivityView:
    return activity_view(get(session, MemberActivity, activity_id, "activity"))


def activity_name(a: MemberActivity) -> str:
    return f"'{a.kind} – {a.member}'"


def update_activity(
    session: Session,
    activity_id: str,
    *,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **changes: Any,
) -> ActivityView:
    def write(activity: MemberActivity) -> ActivityView:
        f.apply(activity, ACTIVITY_FIELDS, changes)
        session.flush()
        return activity_view(activity)

    return edit_record(
        session, MemberActivity, "activity", activity_id, expected_version=expected_version,
        original=original, changes=changes, write=write, view=activity_view,
        name=activity_name, spec=ACTIVITY_FIELDS,
    )  # fmt: skip


def delete_activity(
    session: Session, activity_id: str, *, expected_version: int | None = None
) -> None:
    delete_record(
        session, MemberActivity, "activity", activity_id, expected_version=expected_version,
        remove=_remover(session), view=activity_view, name=activity_name,
    )  # fmt: skip


def list_activities(session: Session, committee_ids: list[str] | None = None) -> list[ActivityView]:
    query = select(MemberActivity).order_by(
        MemberActivity.date.is_(None),
        MemberActivity.date,
        MemberActivity.quarter.nulls_first(),
        MemberActivity.member,
    )
    if committee_ids is not None:
        query = query.where(MemberActivity.committee_id.in_(committee_ids))
    return [activity_view(a) for a in session.scalars(query).unique()]
