"""Writing the change history: one ``change_log`` row per record a transaction changed.

``install(sessionmaker)`` hooks a sessionmaker's sessions (``Database`` does it for
every database it opens, so the window, the CLI, offline copies and tests all record):

- ``after_flush`` looks at every record the flush inserted, updated or deleted (ORM
  cascades and delete-orphans included) and writes or amends its entry;
- ``before_flush`` keeps, for records about to be deleted, every column (the snapshot)
  and the rows the database itself will delete with them (``ON DELETE CASCADE``,
  e.g. a topic's moves), so that those are recorded too;
- ``do_orm_execute`` records bulk ``session.execute(insert(Model), rows)`` (see ``bulk``).

A record changed several times in one transaction (one user action) gets one entry:
created then edited is one "create" with the final values; edited twice is one
"update" from the first old value to the last new one; created then deleted leaves
nothing. Every entry of one transaction has the same ``at`` and ``who``.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Column, Table, bindparam, event, func, inspect, select
from sqlalchemy.orm import InstanceState, Session, SessionTransaction, UOWTransaction, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from planner.db.base import Base, Record, new_id, utcnow
from planner.db.models_shared import ChangeLog
from planner.history.values import BOOKKEEPING, NOT_RECORDED, json_ready, summary_of
from planner.identity import current_user

TX_KEY = "fwp_history"  # session.info: the current transaction's entries
CASCADE_KEY = "fwp_history_cascade"  # session.info: rows the database will cascade-delete
_LOG: Table = ChangeLog.__table__  # type: ignore[assignment]
_installed: weakref.WeakSet[sessionmaker[Session]] = weakref.WeakSet()
_clock = threading.Lock()
_last_at = datetime.min


def next_at() -> datetime:
    """Naive UTC, strictly later than any earlier call in this process (so that two
    quick actions never share a time and "newest first" is well defined)."""
    global _last_at
    with _clock:
        now = utcnow()
        if now <= _last_at:
            now = _last_at + timedelta(microseconds=1)
        _last_at = now
        return now


@dataclass
class Entry:
    action: str
    table_name: str
    record_id: str
    version: int | None
    committee_id: str | None
    summary: str
    changes: dict[str, list[Any]]
    snapshot: dict[str, Any] | None = None
    log_id: str = field(default_factory=new_id)
    written: bool = False  # its row is in change_log
    dirty: bool = True  # the row must be written (again)
    dropped: bool = False  # nothing happened after all (created and deleted at once)


@dataclass
class _Transaction:
    at: datetime
    who: str
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    retired: list[Entry] = field(default_factory=list)  # superseded, still to write
    topic_committees: dict[str, str | None] = field(default_factory=dict)


def recorded_table(obj: object) -> str | None:
    """The table name of a record the history records, or None."""
    if not isinstance(obj, Record):
        return None
    name = inspect(obj).mapper.local_table.name
    return None if name in NOT_RECORDED else str(name)


def who_for(session: Session) -> str:
    """The configured user; on PostgreSQL also the database user when it differs."""
    name = current_user()
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        db_user = conn.info.get("fwp_db_user")
        if db_user is None:
            db_user = conn.exec_driver_sql("SELECT current_user").scalar() or ""
            conn.info["fwp_db_user"] = db_user
        if db_user and db_user.lower() != name.lower():
            name = f"{name} (db user {db_user})"
    return name[:200]


def transaction(session: Session) -> _Transaction:
    tx = session.info.get(TX_KEY)
    if tx is None:
        tx = session.info[TX_KEY] = _Transaction(at=next_at(), who=who_for(session))
    assert isinstance(tx, _Transaction)
    return tx


def committee_of(session: Session, table_name: str, values: dict[str, Any]) -> str | None:
    if table_name == "committee":
        return str(values["id"])
    if "committee_id" in values:
        return None if values["committee_id"] is None else str(values["committee_id"])
    if table_name == "topic_move" and values.get("topic_id"):
        tx = transaction(session)
        topic_id = values["topic_id"]
        if topic_id not in tx.topic_committees:
            topic = Base.metadata.tables["topic"]
            tx.topic_committees[topic_id] = session.connection().scalar(
                select(topic.c.committee_id).where(topic.c.id == topic_id)
            )
        return tx.topic_committees[topic_id]
    return None


def _columns(state: InstanceState[Any]) -> list[str]:
    return [str(attr.key) for attr in state.mapper.column_attrs]


def _values(state: InstanceState[Any]) -> dict[str, Any]:
    return {key: state.dict.get(key) for key in _columns(state)}


def _created(values: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        k: [None, json_ready(v)]
        for k, v in values.items()
        if k not in BOOKKEEPING and v is not None
    }


def _updated(state: InstanceState[Any]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for key in _columns(state):
        if key in BOOKKEEPING:
            continue
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = json_ready(history.deleted[0]) if history.deleted else None
        new = json_ready(history.added[0] if history.added else state.dict.get(key))
        if old != new:
            changes[key] = [old, new]
    return changes


def new_entry(
    session: Session, action: str, table_name: str, values: dict[str, Any], **extra: Any
) -> Entry:
    return Entry(
        action=action,
        table_name=table_name,
        record_id=str(values["id"]),
        version=values.get("version"),
        committee_id=committee_of(session, table_name, values),
        summary=summary_of(table_name, values),
        **extra,
    )


def add_entry(session: Session, entry: Entry) -> None:
    """Record ``entry``, merged with what this transaction already did to the record."""
    tx = transaction(session)
    key = (entry.table_name, entry.record_id)
    old = tx.entries.get(key)
    if old is None or old.action == "delete":
        if old is not None:
            tx.retired.append(old)
        tx.entries[key] = entry
        return
    old.dirty = True
    old.version = entry.version
    old.summary = entry.summary
    if entry.action == "delete":
        if old.action in ("create", "restore"):
            old.dropped = True  # as if it had never been: an earlier delete still stands
            return
        # The snapshot is the record as it was before this transaction touched it.
        snapshot = dict(entry.snapshot or {})
        if old.action == "update":
            snapshot.update({k: before for k, (before, _after) in old.changes.items()})
        old.action, old.changes, old.snapshot = "delete", {}, snapshot
        return
    for name, (before, after) in entry.changes.items():
        first = old.changes[name][0] if name in old.changes else before
        # An edit back to where it started, or a field a new record no longer sets.
        if (old.action == "update" and first == after) or (
            old.action != "update" and after is None
        ):
            old.changes.pop(name, None)
        else:
            old.changes[name] = [first, after]


def write_entries(session: Session) -> None:
    """Write the transaction's new and amended entries: one INSERT for all new ones."""
    tx = session.info.get(TX_KEY)
    if tx is None:
        return
    conn = session.connection()
    inserts, drops = [], []
    for entry in [*tx.retired, *tx.entries.values()]:
        if not entry.dirty:
            continue
        entry.dirty = False
        if entry.dropped:
            if entry.written:
                drops.append(entry.log_id)
            continue
        row = {
            "at": tx.at,
            "who": tx.who,
            "action": entry.action,
            "table_name": entry.table_name,
            "record_id": entry.record_id,
            "version": entry.version,
            "committee_id": entry.committee_id,
            "summary": entry.summary,
            "changes": {k: list(v) for k, v in entry.changes.items()},
            "snapshot": entry.snapshot,
        }
        if entry.written:
            done = conn.execute(_LOG.update().where(_LOG.c.id == entry.log_id).values(**row))
            if done.rowcount:
                continue  # else a savepoint took the row back: insert it again
        inserts.append({"id": entry.log_id, **row})
        entry.written = True
    tx.retired = [e for e in tx.retired if e.dirty]
    if inserts:
        conn.execute(_LOG.insert(), inserts)
    if drops:
        conn.execute(_LOG.delete().where(_LOG.c.id.in_(drops)))


# --- the session events ------------------------------------------------------------

_cascades: dict[str, list[tuple[Table, Column[Any]]]] | None = None


def _cascading_children() -> dict[str, list[tuple[Table, Column[Any]]]]:
    """Parent table -> (child table, foreign key column) for every ON DELETE CASCADE."""
    global _cascades
    if _cascades is None:
        found: dict[str, list[tuple[Table, Column[Any]]]] = {}
        for table in Base.metadata.tables.values():
            if table.name in NOT_RECORDED:
                continue
            for fk in table.foreign_keys:
                if (fk.ondelete or "").upper() == "CASCADE":
                    found.setdefault(fk.column.table.name, []).append((table, fk.parent))
        _cascades = found
    return _cascades


def _collect_cascade(
    session: Session,
    table_name: str,
    owners: dict[str, str | None],
    out: list[tuple[str, dict[str, Any], str | None]],
) -> None:
    """The rows the database will delete with the records ``owners`` (id -> committee)
    of ``table_name``, and theirs in turn: read ``IN (…)`` for all the flush's records
    at once (a bulk delete of 163 topics: one read of their moves, not 163)."""
    ids = list(owners)
    for child, column in _cascading_children().get(table_name, ()):
        found: dict[str, str | None] = {}
        for start in range(0, len(ids), 500):
            query = select(child).where(column.in_(ids[start : start + 500]))
            for row in session.connection().execute(query).mappings():
                values = dict(row)
                owner = values.get("committee_id", owners.get(str(row[column])))
                out.append((child.name, values, owner))
                found[str(values["id"])] = owner
        if found:
            _collect_cascade(session, child.name, found, out)


def _before_flush(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    cascaded: list[tuple[str, dict[str, Any], str | None]] = session.info.setdefault(
        CASCADE_KEY, []
    )
    deleting: dict[str, dict[str, str | None]] = {}  # table -> record id -> committee
    for obj in list(session.deleted):
        table_name = recorded_table(obj)
        if table_name is None:
            continue
        state = inspect(obj)
        for key in set(_columns(state)) & state.unloaded:
            getattr(obj, key)  # load it now: after the flush the row is gone
        values = _values(state)
        owner = committee_of(session, table_name, values)
        deleting.setdefault(table_name, {})[str(values["id"])] = owner
    for table_name, owners in deleting.items():
        _collect_cascade(session, table_name, owners, cascaded)


def _after_flush(session: Session, context: UOWTransaction) -> None:
    cascaded = session.info.pop(CASCADE_KEY, [])
    deleted_now: set[tuple[str, str]] = set()
    created: list[tuple[InstanceState[Any], Entry]] = []
    for state, (is_delete, list_only) in list(context.states.items()):
        obj = state.obj()
        table_name = recorded_table(obj) if obj is not None and not list_only else None
        if table_name is None:
            continue
        values = _values(state)
        if is_delete:
            snapshot = {k: json_ready(v) for k, v in values.items()}
            entry = new_entry(session, "delete", table_name, values, changes={}, snapshot=snapshot)
            deleted_now.add((table_name, entry.record_id))
        elif state.key is None:
            entry = new_entry(session, "create", table_name, values, changes=_created(values))
            created.append((state, entry))
        else:
            changes = _updated(state)
            if not changes:
                continue
            entry = new_entry(session, "update", table_name, values, changes=changes)
        add_entry(session, entry)
    _recreated(session, created)
    for table_name, values, owner in cascaded:
        if (table_name, str(values["id"])) in deleted_now:
            continue  # the ORM deleted it itself, and it is recorded above
        snapshot = {k: json_ready(v) for k, v in values.items()}
        entry = new_entry(session, "delete", table_name, values, changes={}, snapshot=snapshot)
        entry.committee_id = owner
        add_entry(session, entry)
    write_entries(session)


def _recreated(session: Session, created: list[tuple[InstanceState[Any], Entry]]) -> None:
    """Records created with the id of a deleted one (the window's undo of a delete) are
    a "restore", and their version carries on past the last one recorded (SQLAlchemy
    starts every new row at 1), so that a record's version never goes back."""
    by_id = {e.record_id: (state, e) for state, e in created if e.action == "create"}
    if not by_id:
        return
    conn = session.connection()
    ids = list(by_id)
    versions: dict[str, list[dict[str, Any]]] = {}  # table -> its new versions
    for start in range(0, len(ids), 500):
        query = (
            select(_LOG.c.table_name, _LOG.c.record_id, func.max(_LOG.c.version))
            .where(_LOG.c.action == "delete", _LOG.c.record_id.in_(ids[start : start + 500]))
            .group_by(_LOG.c.table_name, _LOG.c.record_id)
        )
        for table_name, record_id, last in conn.execute(query).all():
            state, entry = by_id[record_id]
            if table_name != entry.table_name:
                continue
            version = int(last or 0) + 1
            versions.setdefault(table_name, []).append({"rid": record_id, "ver": version})
            obj = state.obj()
            if obj is not None:
                set_committed_value(obj, "version", version)
            entry.action, entry.version = "restore", version
    for table_name, rows in versions.items():  # one executemany per table (a bulk undo)
        table = Base.metadata.tables[table_name]
        conn.execute(
            table.update().where(table.c.id == bindparam("rid")).values(version=bindparam("ver")),
            rows,
        )


def _forget(session: Session, transaction: SessionTransaction) -> None:
    """The user action is over: only the outermost transaction's end counts (a savepoint
    that ends, e.g. the version check's, leaves the action's entries to be merged)."""
    if transaction.parent is not None:
        return
    session.info.pop(TX_KEY, None)
    session.info.pop(CASCADE_KEY, None)


def install(sessions: sessionmaker[Session]) -> None:
    """Record every change made through sessions of ``sessions``."""
    from planner.history.bulk import on_execute

    if sessions in _installed:
        return
    _installed.add(sessions)
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "after_transaction_end", _forget)
    event.listen(sessions, "do_orm_execute", on_execute)
