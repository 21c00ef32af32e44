"""The programme itself: scrutiny topics, their moves, and task and finish groups."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.db.base import Base, Record, enum_column, utcnow
from planner.enums import GroupStatus, TopicSource, TopicStatus

if TYPE_CHECKING:
    from planner.db.models_committee import Committee, Meeting


class Topic(Record, Base):
    """A row of the programme, planned for a meeting, a loose timing, or neither yet."""

    __tablename__ = "topic"
    __table_args__ = (Index("ix_topic_committee_meeting", "committee_id", "meeting_id"),)

    committee_id: Mapped[str] = mapped_column(ForeignKey("committee.id"))
    # RESTRICT: deleting a meeting must decide what happens to its topics first.
    meeting_id: Mapped[str | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT"), index=True
    )
    timing: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    method: Mapped[str | None] = mapped_column(String(200))
    officers: Mapped[str | None] = mapped_column(Text)
    cabinet_member: Mapped[str | None] = mapped_column(String(200))
    witnesses: Mapped[str | None] = mapped_column(Text)
    status: Mapped[TopicStatus] = mapped_column(
        enum_column(TopicStatus), default=TopicStatus.PROPOSED
    )
    deferral_count: Mapped[int] = mapped_column(Integer, default=0)
    deferral_reason: Mapped[str | None] = mapped_column(Text)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt_paragraph: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[TopicSource | None] = mapped_column(enum_column(TopicSource))
    position: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    # Procedural items (minutes, the programme itself) don't count against capacity.
    substantive: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    # "unnested" (documented; the stubs say bool): under a topic's outer join to its
    # meeting, SQLite would otherwise materialise every meeting for each lookup.
    committee: Mapped[Committee] = relationship(lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]
    meeting: Mapped[Meeting | None] = relationship(lazy="joined")


class TopicMove(Record, Base):
    """One reschedule of a topic. Labels are kept as text so history survives deletions."""

    __tablename__ = "topic_move"

    topic_id: Mapped[str] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), index=True)
    from_label: Mapped[str] = mapped_column(String(100))
    to_label: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    deferral: Mapped[bool] = mapped_column(Boolean, default=True)
    moved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TaskGroup(Record, Base):
    __tablename__ = "task_group"

    committee_id: Mapped[str] = mapped_column(ForeignKey("committee.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    members: Mapped[list[str]] = mapped_column(default=list)
    lead_member: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    projected_finish: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[GroupStatus] = mapped_column(
        enum_column(GroupStatus), default=GroupStatus.PROPOSED
    )
    # Scoping document / terms of reference.
    objectives: Mapped[str | None] = mapped_column(Text)
    scope_outcomes: Mapped[str | None] = mapped_column(Text)
    key_lines_of_enquiry: Mapped[str | None] = mapped_column(Text)
    witnesses: Mapped[str | None] = mapped_column(Text)
    evidence_methods: Mapped[str | None] = mapped_column(Text)
    key_dates: Mapped[str | None] = mapped_column(Text)
    equalities: Mapped[str | None] = mapped_column(Text)
    co_optees: Mapped[str | None] = mapped_column(Text)
    completion_date: Mapped[dt.date | None] = mapped_column(Date)
    # Approvals: the committee first, then the Corporate Overview Select Committee.
    committee_approved_on: Mapped[dt.date | None] = mapped_column(Date)
    cosc_approved_on: Mapped[dt.date | None] = mapped_column(Date)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt_paragraph: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)

    committee: Mapped[Committee] = relationship(lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]
