"""Task and finish groups, with their scoping (terms of reference) and approvals."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.db.models import Committee, TaskGroup, new_id
from planner.enums import GroupStatus
from planner.errors import ValidationError
from planner.services import fields as f
from planner.services.concurrency import delete_record, edit_record
from planner.services.lookup import get, matching
from planner.services.views import TaskGroupView

GROUP_FIELDS: dict[str, f.Coercer] = {
    "title": f.required_text,
    "description": f.text,
    "outcome": f.text,
    "members": f.string_list,
    "lead_member": f.text,
    "start_date": f.date_value,
    "projected_finish": f.date_value,
    "status": f.enum_value(GroupStatus, optional=False),
    "objectives": f.text,
    "scope_outcomes": f.text,
    "key_lines_of_enquiry": f.text,
    "witnesses": f.text,
    "evidence_methods": f.text,
    "key_dates": f.text,
    "equalities": f.text,
    "co_optees": f.text,
    "completion_date": f.date_value,
    "committee_approved_on": f.date_value,
    "cosc_approved_on": f.date_value,
    "exempt": f.boolean,
    "exempt_paragraph": f.paragraph,
    "notes": f.text,
}


def group_view(g: TaskGroup) -> TaskGroupView:
    return TaskGroupView(
        id=g.id,
        committee_id=g.committee_id,
        committee_name=g.committee.name,
        municipal_year=g.committee.municipal_year,
        title=g.title,
        description=g.description,
        outcome=g.outcome,
        members=tuple(g.members or ()),
        lead_member=g.lead_member,
        start_date=g.start_date,
        projected_finish=g.projected_finish,
        status=g.status,
        objectives=g.objectives,
        scope_outcomes=g.scope_outcomes,
        key_lines_of_enquiry=g.key_lines_of_enquiry,
        witnesses=g.witnesses,
        evidence_methods=g.evidence_methods,
        key_dates=g.key_dates,
        equalities=g.equalities,
        co_optees=g.co_optees,
        completion_date=g.completion_date,
        committee_approved_on=g.committee_approved_on,
        cosc_approved_on=g.cosc_approved_on,
        exempt=g.exempt,
        exempt_paragraph=g.exempt_paragraph,
        notes=g.notes,
        version=g.version,
    )


def _validate(group: TaskGroup, changes: dict[str, Any]) -> None:
    f.settle_exempt(group, changes, "task group")
    if group.start_date and group.projected_finish and group.projected_finish <= group.start_date:
        raise ValidationError(
            "projected_finish", "The projected finish date must be after the start date."
        )
    if group.start_date and group.completion_date and group.completion_date <= group.start_date:
        raise ValidationError(
            "completion_date", "The completion date must be after the start date."
        )
    if (
        group.committee_approved_on
        and group.cosc_approved_on
        and group.cosc_approved_on < group.committee_approved_on
    ):
        raise ValidationError(
            "cosc_approved_on",
            "The Corporate Overview Select Committee approves after the committee does.",
        )


def create_group(
    session: Session, committee_id: str, record_id: str | None = None, **values: Any
) -> TaskGroupView:
    get(session, Committee, committee_id, "committee")
    if "title" not in values:
        raise ValidationError("title", "The title must not be blank.")
    group = TaskGroup(
        id=record_id or new_id(),
        committee_id=committee_id,
        status=GroupStatus.PROPOSED,
        members=[],
        exempt=False,
    )
    f.apply(group, GROUP_FIELDS, values)
    _validate(group, values)
    session.add(group)
    session.flush()
    session.refresh(group)
    return group_view(group)


def group_name(g: TaskGroup) -> str:
    return f"'{g.title}'"


def update_group(
    session: Session,
    group_id: str,
    *,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **changes: Any,
) -> TaskGroupView:
    def write(group: TaskGroup) -> TaskGroupView:
        f.apply(group, GROUP_FIELDS, changes)
        _validate(group, changes)
        session.flush()
        return group_view(group)

    return edit_record(
        session, TaskGroup, "group", group_id, expected_version=expected_version,
        original=original, changes=changes, write=write, view=group_view, name=group_name,
        spec=GROUP_FIELDS,
    )  # fmt: skip


def get_group(session: Session, group_id: str) -> TaskGroupView:
    return group_view(get(session, TaskGroup, group_id, "task group"))


def delete_group(session: Session, group_id: str, *, expected_version: int | None = None) -> None:
    def remove(group: TaskGroup) -> None:
        session.delete(group)
        session.flush()

    delete_record(
        session, TaskGroup, "group", group_id, expected_version=expected_version,
        remove=remove, view=group_view, name=group_name,
    )  # fmt: skip


def list_groups(
    session: Session, committee_ids: list[str] | None = None, words: str | None = None
) -> list[TaskGroupView]:
    query = select(TaskGroup).order_by(
        TaskGroup.projected_finish.is_(None), TaskGroup.projected_finish, TaskGroup.created_at
    )
    if committee_ids is not None:
        query = query.where(TaskGroup.committee_id.in_(committee_ids))
    query = matching(
        query,
        [TaskGroup.title, TaskGroup.description, TaskGroup.outcome, TaskGroup.lead_member],
        words,
    )
    return [group_view(g) for g in session.scalars(query).unique()]


def running_groups(session: Session, committee_id: str) -> list[TaskGroupView]:
    """Groups under way; good practice is at most two at once per committee."""
    running = (GroupStatus.TOR_APPROVED, GroupStatus.EVIDENCE, GroupStatus.REPORTING)
    return [g for g in list_groups(session, [committee_id]) if g.status in running]
