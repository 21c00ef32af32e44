"""Restoring a deleted record from the snapshot its delete left in the history.

The record comes back with its own id and values (its version one past the last
recorded), together with whatever was deleted with it in the same action (a
committee's members, a topic's moves, a meeting's topics). It is refused when the
record exists again, or when something it cannot exist without (its committee) is
gone. A topic, recommendation or action whose meeting is gone comes back without the
meeting (a topic into "In development"), and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from planner.db.base import Base, utcnow
from planner.db.models_shared import ChangeLog
from planner.enums import TopicStatus
from planner.errors import NotFoundError, PlannerError
from planner.history.values import kind_of, named, row_from_snapshot

# Links a record can come back without: table -> nullable foreign key columns.
OPTIONAL_LINKS = {"topic": "meeting_id", "recommendation": "meeting_id", "action": "meeting_id"}


class MeetingGoneError(PlannerError):
    """The record's meeting is gone; it can be restored without it (``unschedule=True``)."""


@dataclass(frozen=True)
class RestoreResult:
    change_id: str  # the delete that was undone
    table_name: str
    record_id: str
    summary: str
    message: str  # one or two sentences for the user
    # Everything re-created, the record first: (table_name, record_id).
    restored: tuple[tuple[str, str], ...]
    unscheduled: bool = False  # came back without its meeting


def _its(session: Session, table: Table, record_id: str) -> str:
    """'its meeting of 23 April 2019', from the history of the missing record."""
    summary = session.scalar(
        select(ChangeLog.summary)
        .where(ChangeLog.table_name == table.name, ChangeLog.record_id == record_id)
        .order_by(ChangeLog.at.desc())
        .limit(1)
    )
    return "its" + named(table.name, summary)[3:]


def _exists(session: Session, table: Table, record_id: Any) -> bool:
    return session.execute(select(table.c.id).where(table.c.id == record_id)).first() is not None


def _next_version(session: Session, entry: ChangeLog) -> int:
    highest = session.scalar(
        select(func.max(ChangeLog.version)).where(
            ChangeLog.table_name == entry.table_name, ChangeLog.record_id == entry.record_id
        )
    )
    return int(highest or (entry.snapshot or {}).get("version") or 0) + 1


def _deleted_entry(session: Session, change_id: str) -> ChangeLog:
    entry = session.get(ChangeLog, change_id.strip())
    if entry is None:
        raise NotFoundError(f"There is no change with id {change_id} in the history.")
    if entry.action != "delete" or not entry.snapshot:
        raise PlannerError(
            f"That change {'created' if entry.action == 'create' else 'changed'} "
            f"{named(entry.table_name, entry.summary)}; only a deletion can be restored."
        )
    return entry


def _values(
    session: Session, entry: ChangeLog, table: Table, unschedule: bool
) -> tuple[dict[str, Any], list[str]]:
    """The row to insert, with links to missing records cleared; notes on what was."""
    values = row_from_snapshot(table, entry.snapshot or {})
    values["version"] = _next_version(session, entry)
    values["updated_at"] = utcnow()
    what = named(entry.table_name, entry.summary)
    notes: list[str] = []
    for fk in sorted(table.foreign_keys, key=lambda k: k.parent.name):
        linked = values.get(fk.parent.name)
        if linked is None or _exists(session, fk.column.table, linked):
            continue
        its = _its(session, fk.column.table, str(linked))
        if OPTIONAL_LINKS.get(table.name) != fk.parent.name:
            raise PlannerError(
                f"Cannot restore {what}: {its} has been deleted; restore that first."
            )
        if not unschedule:
            raise MeetingGoneError(
                f"{what[0].upper()}{what[1:]} was planned for the {its[4:]}, which has been "
                "deleted; restore the meeting first, or restore "
                + ("the topic into In development." if table.name == "topic" else "it without it.")
            )
        values[fk.parent.name] = None
        if table.name == "topic":
            values["timing"] = None
            values["status"] = TopicStatus.IN_DEVELOPMENT
            notes.append(f"the {its[4:]} has been deleted, so it is back in In development")
        else:
            notes.append(f"the {its[4:]} has been deleted, so it is back without a meeting")
    if table.name == "committee_member" and values.get("office") is not None:
        holder = session.scalar(
            select(table.c.name).where(
                table.c.committee_id == values.get("committee_id"),
                table.c.office == values["office"].value,
            )
        )
        if holder:  # one Chairman and one Vice-Chairman at a time
            office = "Chairman" if values["office"].value == "chairman" else "Vice-Chairman"
            notes.append(f"{holder} is {office} now, so the member comes back without the office")
            values["office"] = None
    return values, notes


def _insert(session: Session, table: Table, values: dict[str, Any], what: str) -> None:
    statement = insert(table).execution_options(fwp_history_action="restore")
    try:
        session.execute(statement, [values])
    except IntegrityError as exc:
        raise PlannerError(
            f"Cannot restore {what}: a record added since has the same name or reference; "
            "rename or delete that one first."
        ) from exc


def _deleted_with(session: Session, entry: ChangeLog) -> list[ChangeLog]:
    """Records deleted in the same action that belong to this one (its members, …)."""
    children = {
        (table.name, fk.parent.name)
        for table in Base.metadata.tables.values()
        for fk in table.foreign_keys
        if fk.column.table.name == entry.table_name and "version" in table.c
    }
    names = {name for name, _column in children}
    if not names:
        return []
    query = select(ChangeLog).where(
        ChangeLog.action == "delete",
        ChangeLog.at == entry.at,
        ChangeLog.who == entry.who,
        ChangeLog.table_name.in_(names),
    )
    return [
        e
        for e in session.scalars(query.order_by(ChangeLog.table_name, ChangeLog.id))
        if any(
            name == e.table_name and (e.snapshot or {}).get(column) == entry.record_id
            for name, column in children
        )
    ]


def restore_deleted(session: Session, change_id: str, *, unschedule: bool = True) -> RestoreResult:
    """Re-create the record a delete removed, as it was, recorded as a "restore".

    ``unschedule=False`` refuses (MeetingGoneError) instead of bringing a topic back
    into In development when its meeting is gone.
    """
    entry = _deleted_entry(session, change_id)
    table = Base.metadata.tables[entry.table_name]
    what = named(entry.table_name, entry.summary)
    if _exists(session, table, entry.record_id):
        raise PlannerError(
            f"{what[0].upper()}{what[1:]} exists again (restored or re-created since), "
            "so there is nothing to restore."
        )
    values, notes = _values(session, entry, table, unschedule)
    _insert(session, table, values, what)
    restored = [(entry.table_name, entry.record_id)]
    for child in _deleted_with(session, entry):
        child_table = Base.metadata.tables[child.table_name]
        if _exists(session, child_table, child.record_id):
            continue
        child_values, _child_notes = _values(session, child, child_table, True)
        _insert(session, child_table, child_values, named(child.table_name, child.summary))
        restored.append((child.table_name, child.record_id))
    message = f"Restored {what}"
    if len(restored) > 1:
        counts: dict[str, int] = {}
        for name, _id in restored[1:]:
            counts[name] = counts.get(name, 0) + 1
        parts = [f"{n} {kind_of(t)}{'' if n == 1 else 's'}" for t, n in counts.items()]
        message += " with " + " and ".join(parts) + " deleted with it"
    message += "." + "".join(f" {n[0].upper()}{n[1:]}." for n in notes)
    return RestoreResult(
        change_id=entry.id,
        table_name=entry.table_name,
        record_id=entry.record_id,
        summary=entry.summary or "",
        message=message,
        restored=tuple(restored),
        unscheduled=bool(notes),
    )


def delete_restored(session: Session, result: RestoreResult) -> None:
    """Take a restore back (undo): delete what it re-created, dependants first."""
    for table_name, record_id in reversed(result.restored):
        model = next(
            m.class_
            for m in Base.registry.mappers
            if getattr(m.local_table, "name", None) == table_name
        )
        obj = session.get(model, record_id)
        if obj is not None:
            session.delete(obj)
            session.flush()
