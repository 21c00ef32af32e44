"""Frozen, plain views of records: what services hand to the CLI, the window and exports.

They carry the labels a reader needs (committee name, meeting date) so that no
caller ever touches a live ORM object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.enums import (
    Agreed,
    GroupStatus,
    MeetingStatus,
    MemberRole,
    Nation,
    Office,
    Rag,
    RecStatus,
    TopicSource,
    TopicStatus,
)


@dataclass(frozen=True)
class CouncilView:
    id: str
    name: str
    nation: Nation
    version: int


@dataclass(frozen=True)
class MemberView:
    id: str
    committee_id: str
    name: str
    honorific: str | None
    role: MemberRole
    office: Office | None
    representing: str | None
    position: int
    version: int


@dataclass(frozen=True)
class CommitteeView:
    id: str
    council_id: str
    council_name: str
    name: str
    municipal_year: str
    chairman: str | None
    vice_chairman: str | None
    terms_of_reference: tuple[str, ...]
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    contact_room: str | None
    notes: str | None
    members: tuple[MemberView, ...]
    version: int


@dataclass(frozen=True)
class MeetingView:
    id: str
    committee_id: str
    committee_name: str
    municipal_year: str
    date: dt.date
    start_time: dt.time | None
    place: str | None
    status: MeetingStatus
    notes: str | None
    capacity: int | None
    topic_count: int
    version: int


@dataclass(frozen=True)
class TopicView:
    id: str
    committee_id: str
    committee_name: str
    municipal_year: str
    meeting_id: str | None
    meeting_date: dt.date | None
    timing: str | None
    title: str
    description: str | None
    outcome: str | None
    method: str | None
    officers: str | None
    cabinet_member: str | None
    witnesses: str | None
    status: TopicStatus
    deferral_count: int
    deferral_reason: str | None
    exempt: bool
    exempt_paragraph: int | None
    source: TopicSource | None
    position: int
    notes: str | None
    substantive: bool
    version: int

    @property
    def when(self) -> str:
        """Where the topic sits in the programme, as the printed table says it."""
        from planner.dates import format_date

        if self.meeting_date is not None:
            return format_date(self.meeting_date)
        return self.timing or "In development"


@dataclass(frozen=True)
class MoveView:
    id: str
    topic_id: str
    from_label: str
    to_label: str
    reason: str | None
    deferral: bool
    moved_at: dt.datetime


@dataclass(frozen=True)
class TaskGroupView:
    id: str
    committee_id: str
    committee_name: str
    municipal_year: str
    title: str
    description: str | None
    outcome: str | None
    members: tuple[str, ...]
    lead_member: str | None
    start_date: dt.date | None
    projected_finish: dt.date | None
    status: GroupStatus
    objectives: str | None
    scope_outcomes: str | None
    key_lines_of_enquiry: str | None
    witnesses: str | None
    evidence_methods: str | None
    key_dates: str | None
    equalities: str | None
    co_optees: str | None
    completion_date: dt.date | None
    committee_approved_on: dt.date | None
    cosc_approved_on: dt.date | None
    exempt: bool
    exempt_paragraph: int | None
    notes: str | None
    version: int

    @property
    def membership(self) -> str:
        return ", ".join(self.members) if self.members else "TBC"


@dataclass(frozen=True)
class RecommendationView:
    id: str
    committee_id: str
    committee_name: str
    municipal_year: str
    meeting_id: str | None
    meeting_date: dt.date | None
    reference: str
    item_number: int | None
    text: str
    addressed_to: str | None
    response_due: dt.date | None
    response: str | None
    agreed: Agreed | None
    status: RecStatus | None
    slipped_to: dt.date | None
    slipped_reason: str | None
    next_review: dt.date | None
    notes: str | None
    rag: Rag
    response_overdue: bool
    review_overdue: bool
    version: int


@dataclass(frozen=True)
class ActionView:
    id: str
    committee_id: str
    committee_name: str
    municipal_year: str
    meeting_id: str | None
    meeting_date: dt.date | None
    text: str
    owner: str | None
    due: dt.date | None
    done: bool
    done_on: dt.date | None
    notes: str | None
    overdue: bool
    version: int


@dataclass(frozen=True)
class ActivityView:
    id: str
    committee_id: str
    kind: str
    member: str
    quarter: str | None
    location: str | None
    practitioner: str | None
    date: dt.date | None
    notes: str | None
    version: int


@dataclass(frozen=True)
class Programme:
    """A committee's programme for a year in the order the council prints it."""

    committee: CommitteeView
    scheduled: tuple[TopicView, ...]
    task_groups: tuple[TaskGroupView, ...]
    in_development: tuple[TopicView, ...]
    public: bool
    recommendations: tuple[RecommendationView, ...] = field(default=())

    @property
    def title(self) -> str:
        return f"{self.committee.name} Forward Work Programme {self.committee.municipal_year}"

    @property
    def chairs_line(self) -> str:
        return (
            f"(Chairman: {self.committee.chairman or 'TBC'}, "
            f"Vice-Chairman: {self.committee.vice_chairman or 'TBC'})"
        )
