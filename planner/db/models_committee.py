"""Councils, committees (one row per committee per municipal year), members, meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.db.base import Base, Record, enum_column
from planner.enums import MeetingStatus, MemberRole, Nation, Office


class Council(Record, Base):
    __tablename__ = "council"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    nation: Mapped[Nation] = mapped_column(enum_column(Nation), default=Nation.ENGLAND)
    # Per-council preferences (deadline rules, closure days); JSON so they can grow
    # without a migration for every new knob.
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)

    committees: Mapped[list[Committee]] = relationship(back_populates="council")


class Committee(Record, Base):
    """A committee in one municipal year: membership and chairs change by year."""

    __tablename__ = "committee"
    __table_args__ = (UniqueConstraint("council_id", "name", "municipal_year"),)

    council_id: Mapped[str] = mapped_column(ForeignKey("council.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    municipal_year: Mapped[str] = mapped_column(String(7))
    terms_of_reference: Mapped[list[str]] = mapped_column(default=list)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    contact_room: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    council: Mapped[Council] = relationship(back_populates="committees", lazy="joined")
    members: Mapped[list[CommitteeMember]] = relationship(
        back_populates="committee",
        order_by="CommitteeMember.position",
        cascade="all, delete-orphan",
    )


class CommitteeMember(Record, Base):
    __tablename__ = "committee_member"

    committee_id: Mapped[str] = mapped_column(ForeignKey("committee.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    honorific: Mapped[str | None] = mapped_column(String(20))
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole), default=MemberRole.ELECTED)
    office: Mapped[Office | None] = mapped_column(enum_column(Office))
    representing: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)

    committee: Mapped[Committee] = relationship(back_populates="members")


class Meeting(Record, Base):
    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_committee_date", "committee_id", "date"),)

    committee_id: Mapped[str] = mapped_column(ForeignKey("committee.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.SCHEDULED
    )
    notes: Mapped[str | None] = mapped_column(Text)
    # Substantive items the meeting can take; None means the council's default.
    capacity: Mapped[int | None] = mapped_column()

    committee: Mapped[Committee] = relationship(lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]
