"""Which tables an offline copy carries, how their rows become JSON-ready values and back.

Rows are read with Core (column tuples, not ORM objects: PLATFORM.md measures them
three times faster) and compared as JSON-ready dicts, the form ``offline_base`` keeps.
``id`` and ``version`` are the record's identity and bookkeeping, and ``updated_at``
changes on every write, so none of the three counts as a field of the merge.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Enum, Table, Time, select

from planner.db.models import (
    Action,
    Committee,
    CommitteeMember,
    Council,
    Meeting,
    MemberActivity,
    Recommendation,
    TaskGroup,
    Topic,
    TopicMove,
)
from planner.history.values import from_json

Key = tuple[str, str]  # (table name, record id)
Values = dict[str, Any]  # JSON-ready column values, without id and version

# Parents before children: creations go in this order, deletions in the reverse.
TABLES: tuple[Table, ...] = tuple(
    m.__table__  # type: ignore[misc]
    for m in (
        Council, Committee, CommitteeMember, Meeting, Topic, TopicMove, TaskGroup,
        Recommendation, Action, MemberActivity,
    )
)  # fmt: skip
BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
ORDER: dict[str, int] = {t.name: i for i, t in enumerate(TABLES)}
NOT_FIELDS = frozenset({"id", "version", "updated_at"})
# What a person calls each kind of record, and the column that names one.
NOUNS = {
    "council": "council", "committee": "committee", "committee_member": "member",
    "meeting": "meeting", "topic": "topic", "topic_move": "topic move",
    "task_group": "task group", "recommendation": "recommendation", "action": "action",
    "member_activity": "member activity",
}  # fmt: skip
NAMING = {
    "council": "name", "committee": "name", "committee_member": "name", "meeting": "date",
    "topic": "title", "topic_move": "to_label", "task_group": "title",
    "recommendation": "reference", "action": "text", "member_activity": "member",
}  # fmt: skip


@dataclass(frozen=True)
class ForeignKey:
    column: str
    parent: str  # table name


def foreign_keys(table: Table) -> list[ForeignKey]:
    """The references between synced tables (to the planner tables only)."""
    found = []
    for column in table.columns:
        for fk in column.foreign_keys:
            if fk.column.table.name in BY_NAME:
                found.append(ForeignKey(column.name, fk.column.table.name))
    return found


FOREIGN_KEYS: dict[str, list[ForeignKey]] = {t.name: foreign_keys(t) for t in TABLES}


def to_json(value: Any) -> Any:
    """A column value as JSON keeps it (and as two sides are compared)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def to_row(table: Table, values: Values) -> dict[str, Any]:
    """JSON-ready values back into what the column types take, for an insert or update."""
    return {name: from_json(table.c[name], v) for name, v in values.items() if name in table.c}


def field_names(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in NOT_FIELDS]


@dataclass(frozen=True)
class Row:
    """One record as one side holds it."""

    version: int
    updated_at: str
    values: Values


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _enum_value(value: Any) -> Any:
    return None if value is None else value.value


def _converters(table: Table, names: list[str]) -> list[tuple[int, Any]]:
    """(position, converter) of the columns that need one: dates, times and enums; the
    rest are JSON-ready as read. Chosen once per table, not per value (10,000 topics)."""
    found = []
    for i, name in enumerate(names):
        kind = table.c[name].type
        if isinstance(kind, DateTime | Date | Time):
            found.append((i, _iso))
        elif isinstance(kind, Enum) and kind.enum_class is not None:
            found.append((i, _enum_value))
    return found


def _rows(conn: Connection, table: Table, where: Any) -> dict[Key, Row]:
    names = field_names(table)
    columns = [table.c.id, table.c.version, table.c.updated_at, *(table.c[n] for n in names)]
    convert = _converters(table, names)
    out: dict[Key, Row] = {}
    name = table.name
    for record in conn.execute(select(*columns).where(where)).all():
        values = list(record[3:])
        for i, fn in convert:
            values[i] = fn(values[i])
        fields = dict(zip(names, values, strict=True))
        out[(name, record[0])] = Row(record[1], _iso(record[2]), fields)
    return out


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def read_scope(conn: Connection, committee_ids: Sequence[str]) -> dict[Key, Row]:
    """Every record of these committees: their councils, the committees themselves,
    everything under them, and the moves of their topics."""
    rows: dict[Key, Row] = {}
    committee = BY_NAME["committee"]
    for chunk in _chunks(list(committee_ids)):
        rows.update(_rows(conn, committee, committee.c.id.in_(chunk)))
    council_ids = sorted({r.values["council_id"] for r in rows.values()})
    council = BY_NAME["council"]
    for chunk in _chunks(council_ids):
        rows.update(_rows(conn, council, council.c.id.in_(chunk)))
    for table in TABLES:
        if "committee_id" in table.c:
            for chunk in _chunks(list(committee_ids)):
                rows.update(_rows(conn, table, table.c.committee_id.in_(chunk)))
    topic_ids = sorted(k[1] for k in rows if k[0] == "topic")
    move = BY_NAME["topic_move"]
    for chunk in _chunks(topic_ids):
        rows.update(_rows(conn, move, move.c.topic_id.in_(chunk)))
    return rows


def scope_versions(conn: Connection, committee_ids: Sequence[str]) -> dict[Key, int]:
    """The version of every record ``read_scope`` would read, without their values: a sync
    reads whole rows only for records whose version moved on either side."""
    found: dict[Key, int] = {}
    committee, topic, move = BY_NAME["committee"], BY_NAME["topic"], BY_NAME["topic_move"]
    councils: set[str] = set()
    ids = list(committee_ids)
    for chunk in _chunks(ids):
        query = select(committee.c.id, committee.c.version, committee.c.council_id)
        for record_id, version, council_id in conn.execute(query.where(committee.c.id.in_(chunk))):
            found[("committee", record_id)] = version
            councils.add(council_id)
    council = BY_NAME["council"]
    query = select(council.c.id, council.c.version).where(council.c.id.in_(sorted(councils)))
    found.update({("council", row[0]): row[1] for row in conn.execute(query)})
    for chunk in _chunks(ids):
        for table in TABLES:
            if "committee_id" in table.c and table.name != "committee":
                query = select(table.c.id, table.c.version)
                rows = conn.execute(query.where(table.c.committee_id.in_(chunk))).all()
                found.update({(table.name, r[0]): r[1] for r in rows})
        topics = select(topic.c.id).where(topic.c.committee_id.in_(chunk))
        query = select(move.c.id, move.c.version).where(move.c.topic_id.in_(topics))
        found.update({("topic_move", r[0]): r[1] for r in conn.execute(query).all()})
    return found


def read_rows(conn: Connection, keys: Iterable[Key]) -> dict[Key, Row]:
    """These records as this side holds them (a key it does not hold is left out)."""
    by_table: dict[str, list[str]] = {}
    for name, record_id in keys:
        by_table.setdefault(name, []).append(record_id)
    rows: dict[Key, Row] = {}
    for name, ids in by_table.items():
        table = BY_NAME[name]
        for chunk in _chunks(sorted(ids)):
            rows.update(_rows(conn, table, table.c.id.in_(chunk)))
    return rows


def existing_ids(conn: Connection, table: Table, ids: Sequence[str]) -> set[str]:
    """Which of these ids the table holds (in or out of the checked-out committees)."""
    found: set[str] = set()
    for chunk in _chunks(list(ids)):
        found.update(conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars())
    return found


def describe(key: Key, values: Values | None) -> str:
    """E.g. "topic 'Alternative Education Provision'" for messages and the conflict list."""
    table, record_id = key
    noun = NOUNS.get(table, table)
    name = (values or {}).get(NAMING.get(table, ""))
    if name is None:
        return f"{noun} {record_id[:8]}"
    if table == "meeting":
        from planner.dates import format_date

        return f"meeting of {format_date(dt.date.fromisoformat(name))}"
    text = " ".join(str(name).split())
    return f"{noun} '{text[:60]}{'…' if len(text) > 60 else ''}'"
