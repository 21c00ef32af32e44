"""Follow-up: recommendations and the executive's responses, actions, member activities."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.db.base import Base, Record, enum_column
from planner.enums import Agreed, RecStatus

if TYPE_CHECKING:
    from planner.db.models_committee import Committee, Meeting


class Recommendation(Record, Base):
    __tablename__ = "recommendation"

    committee_id: Mapped[str] = mapped_column(ForeignKey("committee.id"), index=True)
    meeting_id: Mapped[str | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT"), index=True
    )
    reference: Mapped[str] = mapped_column(String(50))
    item_number: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    addressed_to: Mapped[str | None] = mapped_column(String(300))
    response_due: Mapped[dt.date | None] = mapped_column(Date)
    response: Mapped[str | None] = mapped_column(Text)
    agreed: Mapped[Agreed | None] = mapped_column(enum_column(Agreed))
    status: Mapped[RecStatus | None] = mapped_column(enum_column(RecStatus))
    slipped_to: Mapped[dt.date | None] = mapped_column(Date)
    slipped_reason: Mapped[str | None] = mapped_column(Text)
    next_review: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    committee: Mapped[Committee] = relationship(lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]
    meeting: Mapped[Meeting | None] = relationship(lazy="joined")


class Action(Record, Base):
    __tablename__ = "action"

    committee_id: Mapped[str] = mapped_column(ForeignKey("committee.id"), index=True)
    meeting_id: Mapped[str | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(200))
    due: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    committee: Mapped[Committee] = relationship(lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]
    meeting: Mapped[Meeting | None] = relationship(lazy="joined")


class MemberActivity(Record, Base):
    """E.g. a practice conversation a member holds with front-line staff in a quarter."""

    __tablename__ = "member_activity"

    committee_id: Mapped[str] = mapped_column(ForeignKey("committee.id"), index=True)
    kind: Mapped[str] = mapped_column(String(100), default="Practice conversation")
    member: Mapped[str] = mapped_column(String(200))
    quarter: Mapped[str | None] = mapped_column(String(20))
    location: Mapped[str | None] = mapped_column(String(200))
    practitioner: Mapped[str | None] = mapped_column(String(200))
    date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
