"""Reading the change history, and restoring deleted records from it.

The contract other parts of the planner build on (stale-edit messages, offline
merging, the window's History dialog):

- ``record_history(session, table_name, record_id)``: a record's changes, newest first;
- ``last_change(session, table_name, record_id)``: the newest, or None;
- ``committee_history(session, committee_id, ...)``: everything recorded for a
  committee-year (its topics, meetings, groups, members, …, and the committee itself);
- ``deleted_records(session, committee_id=None, table_name=None)``: what can be restored;
- ``restore_deleted(session, change_id)``: re-create a deleted record (same id).

``table_name`` is the database table: "topic", "meeting", "task_group",
"recommendation", "action", "committee", "committee_member", "member_activity",
"council", "topic_move", "user_role".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from planner.dates import format_date
from planner.db.base import Base
from planner.db.models_shared import ChangeLog
from planner.history.restore import MeetingGoneError, RestoreResult, restore_deleted
from planner.history.values import KINDS, NOT_RECORDED, kind_of, named

__all__ = [
    "KINDS",
    "ChangeView",
    "MeetingGoneError",
    "RestoreResult",
    "change_view",
    "committee_history",
    "deleted_records",
    "format_when",
    "get_change",
    "kind_of",
    "last_change",
    "named",
    "record_history",
    "restore_deleted",
]

ACTION_WORDS = {
    "create": "created",
    "update": "changed",
    "delete": "deleted",
    "restore": "restored",
}


def format_when(at: dt.datetime) -> str:
    """A stored (naive UTC) time in the user's local time: "2 December 2026 14:32"."""
    local = at.replace(tzinfo=dt.UTC).astimezone()
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"


@dataclass(frozen=True)
class ChangeView:
    """One entry of the history. ``changes`` is {field: (old, new)}, values JSON-ready
    (dates as ISO text, enums as their value); a create has (None, value) for every
    field it set, a delete none (its snapshot stays in the history for restoring)."""

    id: str
    at: dt.datetime  # naive UTC
    who: str
    action: str  # create | update | delete | restore
    table_name: str
    record_id: str
    version: int | None  # the record's version after the change (the last, for a delete)
    summary: str
    changes: dict[str, tuple[Any, Any]]

    @property
    def kind(self) -> str:
        return kind_of(self.table_name)

    @property
    def when(self) -> str:
        return format_when(self.at)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.changes)

    def describe(self) -> str:
        """One sentence: "Jane Clerk changed the title and status of the topic 'X' on
        2 December 2026 at 14:32."."""
        what = named(self.table_name, self.summary)
        verb = ACTION_WORDS.get(self.action, self.action)
        if self.action == "update" and self.changes:
            names = [f.removesuffix("_id").replace("_", " ") for f in self.changes]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            what = f"the {listed} of {what}"
        local = format_when(self.at)
        day, time = local.rsplit(" ", 1)
        return f"{self.who} {verb} {what} on {day} at {time}."


def change_view(entry: ChangeLog) -> ChangeView:
    changes = {str(k): (v[0], v[1]) for k, v in (entry.changes or {}).items()}
    return ChangeView(
        id=entry.id,
        at=entry.at,
        who=entry.who,
        action=entry.action,
        table_name=entry.table_name,
        record_id=entry.record_id,
        version=entry.version,
        summary=entry.summary or "",
        changes=changes,
    )


def _newest_first(query: Select[ChangeLog]) -> Select[ChangeLog]:
    return query.order_by(ChangeLog.at.desc(), ChangeLog.version.desc(), ChangeLog.id)


def record_history(session: Session, table_name: str, record_id: str) -> list[ChangeView]:
    """Every recorded change of one record, newest first (empty if none)."""
    query = select(ChangeLog).where(
        ChangeLog.table_name == table_name, ChangeLog.record_id == record_id
    )
    return [change_view(e) for e in session.scalars(_newest_first(query))]


def last_change(session: Session, table_name: str, record_id: str) -> ChangeView | None:
    """The newest change of one record: who changed it last, when, and what."""
    query = select(ChangeLog).where(
        ChangeLog.table_name == table_name, ChangeLog.record_id == record_id
    )
    entry = session.scalars(_newest_first(query).limit(1)).first()
    return change_view(entry) if entry else None


def get_change(session: Session, change_id: str) -> ChangeView | None:
    entry = session.get(ChangeLog, change_id)
    return change_view(entry) if entry else None


def committee_history(
    session: Session,
    committee_id: str,
    *,
    table_name: str | None = None,
    record_id: str | None = None,
    since: dt.datetime | None = None,
    limit: int | None = None,
    moves: bool = True,
) -> list[ChangeView]:
    """What was recorded for a committee-year, newest first; narrowed to one kind of
    record, one record, changes since a (naive UTC) time, or the newest ``limit``.
    ``moves=False`` leaves out the topics' move records (the topics' own entries say
    the same: meeting, timing, deferral and reason)."""
    query = select(ChangeLog).where(ChangeLog.committee_id == committee_id)
    if not moves:
        query = query.where(ChangeLog.table_name != "topic_move")
    if table_name:
        query = query.where(ChangeLog.table_name == table_name)
    if record_id:
        query = query.where(ChangeLog.record_id == record_id)
    if since is not None:
        query = query.where(ChangeLog.at >= since)
    query = _newest_first(query)
    if limit is not None:
        query = query.limit(limit)
    return [change_view(e) for e in session.scalars(query)]


def _existing(session: Session, table_name: str, ids: list[str]) -> set[str]:
    table = Base.metadata.tables.get(table_name)
    if table is None or table_name in NOT_RECORDED:
        return set()
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(session.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return found


def deleted_records(
    session: Session, committee_id: str | None = None, table_name: str | None = None
) -> list[ChangeView]:
    """Records deleted and not (yet) back, each by its latest delete, newest first.

    A topic's moves go with it and come back with it, so they are listed only when
    asked for by ``table_name="topic_move"``.
    """
    query = select(ChangeLog).where(ChangeLog.action == "delete")
    if committee_id is not None:
        query = query.where(ChangeLog.committee_id == committee_id)
    if table_name is not None:
        query = query.where(ChangeLog.table_name == table_name)
    else:
        query = query.where(ChangeLog.table_name != "topic_move")
    latest: dict[tuple[str, str], ChangeLog] = {}
    for entry in session.scalars(_newest_first(query)):
        latest.setdefault((entry.table_name, entry.record_id), entry)
    by_table: dict[str, list[str]] = {}
    for table, record in latest:
        by_table.setdefault(table, []).append(record)
    back = {(t, r) for t, ids in by_table.items() for r in _existing(session, t, ids)}
    return [change_view(e) for key, e in latest.items() if key not in back]
