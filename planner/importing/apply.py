"""Carrying out a confirmed import plan through the services, all or nothing.

``apply_plan`` works inside the caller's transaction (``db.transaction()``): if any
row fails, it raises and the caller's rollback leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from planner.db.models import Recommendation, Record, TaskGroup, Topic
from planner.errors import PlannerError
from planner.importing.model import ImportPlan, PlannedRow
from planner.services import committees, groups, meetings, recommendations, topics

_MODELS: dict[str, tuple[type[Record], str]] = {
    "topic": (Topic, "topic"),
    "group": (TaskGroup, "task group"),
    "recommendation": (Recommendation, "recommendation"),
}


@dataclass(frozen=True)
class ApplyReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    meetings_created: int = 0
    rows_left_out: int = 0  # rows with problems, left out with skip_bad_rows
    committee_updated: bool = False

    def __str__(self) -> str:
        text = (
            f"Imported: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.meetings_created:
            text += f"; {self.meetings_created} meeting(s) added"
        if self.committee_updated:
            text += "; the committee's chairs filled in"
        if self.rows_left_out:
            text += f"; {self.rows_left_out} row(s) that could not be read left out"
        return text + "."


class _Meetings:
    """Meeting ids by committee and date, adding the meetings the plan needs."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[tuple[str, dt.date], str] = {}
        self.created = 0

    def id_for(self, committee_id: str, day: dt.date) -> str:
        key = (committee_id, day)
        if key not in self.ids:
            found = meetings.meetings_on(self.session, committee_id, day)
            if found:
                self.ids[key] = found[0].id
            else:
                self.ids[key] = meetings.create_meeting(self.session, committee_id, date=day).id
                self.created += 1
        return self.ids[key]


def _check_current(session: Session, plan: ImportPlan) -> None:
    """Refuse when a record to update was changed or deleted after the preview."""
    for row in plan.to_update:
        model, what = _MODELS[row.kind]
        record = session.get(model, row.target_id) if row.target_id else None
        if record is None or record.version != row.target_version:
            done = "deleted" if record is None else "changed"
            raise PlannerError(
                f"The {what} '{row.name}' ({row.sheet}, row {row.row}) was {done} after the "
                "preview; preview the import again. Nothing was imported."
            )


def _create(session: Session, plan: ImportPlan, row: PlannedRow, found: _Meetings) -> None:
    values: dict[str, Any] = dict(row.values)
    committee_id = values.pop("committee_id", plan.committee_id)
    day = values.pop("meeting_date", None)
    if isinstance(day, dt.date):
        values["meeting_id"] = found.id_for(committee_id, day)
    if row.kind == "topic":
        topics.create_topic(session, committee_id, **values)
    elif row.kind == "group":
        groups.create_group(session, committee_id, **values)
    else:
        recommendations.create_recommendation(session, committee_id, **values)


def _update(session: Session, row: PlannedRow) -> None:
    assert row.target_id is not None
    changes = {name: after for name, (_before, after) in row.changes.items()}
    if row.kind == "topic":
        topics.update_topic(session, row.target_id, **changes)
    elif row.kind == "group":
        groups.update_group(session, row.target_id, **changes)
    else:
        recommendations.update_recommendation(session, row.target_id, **changes)


def apply_plan(session: Session, plan: ImportPlan, skip_bad_rows: bool = False) -> ApplyReport:
    """Create and update what the plan says, in the caller's one transaction.

    A plan with problems is refused unless ``skip_bad_rows``: then the rows that
    could not be read are left out and everything else is imported.
    """
    if plan.problems and not skip_bad_rows:
        raise PlannerError(
            f"{len(plan.problems)} row(s) of {plan.source} cannot be read, so nothing was "
            "imported. Correct them in the file, or import without them."
        )
    _check_current(session, plan)
    found = _Meetings(session)
    for meeting in plan.new_meetings:
        found.id_for(meeting.committee_id, meeting.date)
    if plan.committee_changes:
        changes: dict[str, Any] = dict(plan.committee_changes)  # chairs, contact: all text
        committees.update_committee(session, plan.committee_id, **changes)
    for row in plan.rows:
        try:
            if row.action == "create":
                _create(session, plan, row, found)
            elif row.action == "update":
                _update(session, row)
        except PlannerError as exc:
            raise PlannerError(
                f"{row.sheet}, row {row.row}: {exc} Nothing was imported."
            ) from exc
    return ApplyReport(
        created=len(plan.to_create),
        updated=len(plan.to_update),
        unchanged=len(plan.unchanged),
        meetings_created=found.created,
        rows_left_out=len(plan.problems),
        committee_updated=bool(plan.committee_changes),
    )
