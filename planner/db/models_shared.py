"""Tables for sharing one programme: change history, user roles, and the file's identity.

``change_log`` is append-only (no version of its own); ``planner_meta`` holds
``database_id``, a UUID given to each database when it is created, so that an offline
copy can tell which database it came from, plus the offline copy's own bookkeeping.
``offline_base`` is, in an offline copy, each record as it was at checkout: the base
of the three-way merge.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from planner.db.base import Base, Record, enum_column, new_id, utcnow
from planner.enums import UserRole


class ChangeLog(Base):
    """One create, update, delete or restore of one record, with who and when."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_record", "table_name", "record_id"),
        Index("ix_change_log_at", "at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    who: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))  # create | update | delete | restore
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36))
    # The record's version after this change (the version it had, for a delete).
    version: Mapped[int | None] = mapped_column(Integer)
    committee_id: Mapped[str | None] = mapped_column(String(36), index=True)
    summary: Mapped[str | None] = mapped_column(String(300))  # e.g. the topic's title
    # {field: [old, new]} in JSON-ready form (dates as ISO text).
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Every column of the record before a delete, so that it can be restored.
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class UserRoleGrant(Record, Base):
    """A person's role on one council's programmes."""

    __tablename__ = "user_role"
    __table_args__ = (UniqueConstraint("council_id", "username"),)

    council_id: Mapped[str] = mapped_column(ForeignKey("council.id", ondelete="CASCADE"))
    username: Mapped[str] = mapped_column(String(200))
    role: Mapped[UserRole] = mapped_column(enum_column(UserRole))
    display_name: Mapped[str | None] = mapped_column(String(200))


class PlannerMeta(Base):
    """Key/value facts about the database itself."""

    __tablename__ = "planner_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class OfflineBase(Base):
    """In an offline copy: one record as it was at checkout (or at the last sync)."""

    __tablename__ = "offline_base"

    table_name: Mapped[str] = mapped_column(String(50), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
