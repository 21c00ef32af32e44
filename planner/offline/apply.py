"""Carrying one side's half of a merge plan out on a connection, inside its transaction.

Creations go parents first, then updates (so a topic can move to a meeting just
created), then deletions children first (after the updates that moved records away).
Every update and deletion names the version it expects: if someone changed the record
since the sync read it, the whole side rolls back and the sync says to run it again.
Each change is written to ``change_log`` as the history recorder writes the window's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, and_, bindparam, delete, insert, update

from planner.db.models import ChangeLog, OfflineBase, new_id, utcnow
from planner.errors import PlannerError
from planner.identity import current_user
from planner.offline.merge import BaseEntry, Write
from planner.offline.tables import BY_NAME, NAMING, ORDER, Key, existing_ids, to_json, to_row

CHANGE_LOG = cast(Table, ChangeLog.__table__)
BASE = cast(Table, OfflineBase.__table__)


class SyncRaceError(PlannerError):
    """A record changed on one side while the sync was writing it."""


def _stamp(write: Write) -> dt.datetime:
    return dt.datetime.fromisoformat(write.updated_at) if write.updated_at else utcnow()


def apply_writes(conn: Connection, writes: Sequence[Write], where: str) -> None:
    inserts = sorted((w for w in writes if w.action == "insert"), key=lambda w: ORDER[w.key[0]])
    updates = [w for w in writes if w.action == "update"]
    deletes = sorted((w for w in writes if w.action == "delete"), key=lambda w: -ORDER[w.key[0]])
    by_table: dict[str, list[Write]] = defaultdict(list)
    for w in inserts:
        by_table[w.key[0]].append(w)
    for name in sorted(by_table, key=ORDER.__getitem__):
        table = BY_NAME[name]
        group = by_table[name]
        # A record outside the checked-out committees (moved out, say) is updated in place.
        there = existing_ids(conn, table, [w.key[1] for w in group])
        rows = [
            {**to_row(table, w.values), "id": w.key[1], "version": w.version,
             "updated_at": _stamp(w)}
            for w in group if w.key[1] not in there
        ]  # fmt: skip
        if rows:
            conn.execute(insert(table), rows)
        for w in group:
            if w.key[1] in there:
                conn.execute(
                    update(table).where(table.c.id == w.key[1]).values(
                        **to_row(table, w.values), version=w.version, updated_at=_stamp(w)
                    )
                )  # fmt: skip
    # Updates that set the same columns go as one executemany (500 edits: a tenth of
    # the time of one statement each); where the driver cannot count the rows an
    # executemany changed, one statement each, so every version check is still seen.
    grouped: dict[tuple[str, tuple[str, ...]], list[Write]] = defaultdict(list)
    for w in updates:
        grouped[(w.key[0], tuple(sorted(w.values)))].append(w)
    many = conn.dialect.supports_sane_multi_rowcount
    for (name, columns), group in grouped.items():
        table = BY_NAME[name]
        statement = (
            update(table)
            .where(table.c.id == bindparam("k_id"), table.c.version == bindparam("k_expected"))
            .values({table.c[c]: bindparam(f"v_{c}") for c in (*columns, "version",
                                                                  "updated_at")})
        )  # fmt: skip
        params = [
            {"k_id": w.key[1], "k_expected": w.expected, "v_version": w.version,
             "v_updated_at": _stamp(w),
             **{f"v_{c}": v for c, v in to_row(table, w.values).items()}}
            for w in group
        ]  # fmt: skip
        _checked(conn, statement, params, group, where, many)
    for w in deletes:
        table = BY_NAME[w.key[0]]
        done = conn.execute(
            delete(table).where(table.c.id == w.key[1], table.c.version == w.expected)
        )
        if done.rowcount != 1:
            raise SyncRaceError(_raced(w, where))


def _checked(
    conn: Connection, statement: Any, params: list[dict[str, Any]], group: list[Write],
    where: str, many: bool,
) -> None:  # fmt: skip
    """Run and make sure every row named was there at the version expected."""
    if many:
        if conn.execute(statement, params).rowcount != len(params):
            from planner.offline.tables import NOUNS

            noun = NOUNS.get(group[0].key[0], "record")
            raise SyncRaceError(
                f"Someone changed a {noun} in {where} while the sync was running; nothing "
                "was changed there. Run the sync again."
            )
        return
    for p, w in zip(params, group, strict=True):
        if conn.execute(statement, p).rowcount != 1:
            raise SyncRaceError(_raced(w, where))


def _raced(write: Write, where: str) -> str:
    from planner.offline.tables import describe

    return (
        f"Someone changed {describe(write.key, write.old)} in {where} while the sync was "
        "running; nothing was changed there. Run the sync again."
    )


def _summary(key: Key, values: dict[str, Any] | None) -> str | None:
    name = (values or {}).get(NAMING.get(key[0], ""))
    return None if name is None else str(name)[:300]


def log_writes(conn: Connection, writes: Iterable[Write], who: str | None = None) -> None:
    """One ``change_log`` row per record the sync changed on this side."""
    author = who or f"{current_user()} (offline sync)"
    at = utcnow()
    rows = []
    for w in writes:
        old = w.old or {}
        if w.action == "insert":
            changes = {k: [None, v] for k, v in w.values.items() if v is not None}
            whole: dict[str, Any] | None = w.values
        elif w.action == "update":
            changes = {k: [old.get(k), v] for k, v in w.values.items()}
            whole = {**old, **w.values}
        else:
            changes, whole = {}, old
        if w.action == "update" and not changes:
            continue  # only the version moved, to agree with the other side
        table, record_id = w.key
        committee = record_id if table == "committee" else (whole or {}).get("committee_id")
        rows.append({
            "id": new_id(), "at": at, "who": author,
            "action": {"insert": "create"}.get(w.action, w.action),
            "table_name": table, "record_id": record_id, "version": w.version,
            "committee_id": committee, "summary": _summary(w.key, whole),
            "changes": changes,
            "snapshot": {**old, "id": record_id, "version": w.expected}
            if w.action == "delete" else None,
        })  # fmt: skip
    if rows:
        conn.execute(insert(CHANGE_LOG), rows)


def write_base(
    conn: Connection, put: dict[Key, BaseEntry], drop: Iterable[Key], replace: bool = True
) -> None:
    """Move the copy's merge base forward: ``put`` replaces entries, ``drop`` removes them."""
    gone: dict[str, list[str]] = defaultdict(list)
    for table, record_id in [*drop, *(put if replace else ())]:
        gone[table].append(record_id)
    for table, ids in gone.items():
        for start in range(0, len(ids), 500):
            conn.execute(
                delete(BASE).where(
                    and_(BASE.c.table_name == table, BASE.c.record_id.in_(ids[start:start + 500]))
                )
            )
    if put:
        conn.execute(
            insert(BASE),
            [{"table_name": k[0], "record_id": k[1], "version": e.version, "values": e.values}
             for k, e in put.items()],
        )  # fmt: skip


def base_versions(conn: Connection) -> dict[Key, int]:
    from sqlalchemy import select

    query = select(BASE.c.table_name, BASE.c.record_id, BASE.c.version)
    return {(t, r): v for t, r, v in conn.execute(query).all()}


def read_base_entries(conn: Connection, keys: Iterable[Key]) -> dict[Key, BaseEntry]:
    from sqlalchemy import select

    by_table: dict[str, list[str]] = defaultdict(list)
    for table, record_id in keys:
        by_table[table].append(record_id)
    found: dict[Key, BaseEntry] = {}
    columns = (BASE.c.table_name, BASE.c.record_id, BASE.c.version, BASE.c["values"])
    for table, ids in by_table.items():
        for start in range(0, len(ids), 500):
            query = select(*columns).where(
                BASE.c.table_name == table, BASE.c.record_id.in_(ids[start : start + 500])
            )
            found.update({(t, r): BaseEntry(v, values) for t, r, v, values in conn.execute(query)})
    return found


def read_base(conn: Connection) -> dict[Key, BaseEntry]:
    from sqlalchemy import select

    return {
        (t, r): BaseEntry(v, values)
        for t, r, v, values in conn.execute(
            select(BASE.c.table_name, BASE.c.record_id, BASE.c.version, BASE.c["values"])
        ).all()
    }


def stamp_now() -> str:
    return str(to_json(utcnow().replace(microsecond=0)))
