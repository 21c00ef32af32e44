"""Who changed a conflicting field on each side, and when: from ``change_log`` when the
history holds the change, else the record's ``updated_at`` and "unknown"."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from sqlalchemy import Connection, Table, select

from planner.db.models import ChangeLog
from planner.offline.merge import Conflict, Side
from planner.offline.tables import Row, to_json

LOG = cast(Table, ChangeLog.__table__)


def _last_change(
    conn: Connection, conflict: Conflict, deleted: bool
) -> tuple[str, str] | None:
    query = (
        select(LOG.c.who, LOG.c.at, LOG.c.action, LOG.c.changes)
        .where(LOG.c.table_name == conflict.key[0], LOG.c.record_id == conflict.key[1])
        .order_by(LOG.c.at.desc())
        .limit(50)
    )
    for who, at, action, changes in conn.execute(query):
        if deleted and action != "delete":
            continue
        touched = action == "create" or conflict.field in (changes or {})
        if conflict.field and not deleted and not touched:
            continue
        return str(who), str(to_json(at))
    return None


def with_authors(
    conflicts: list[Conflict],
    conns: dict[Side, Connection],
    rows: dict[Side, dict[tuple[str, str], Row]],
) -> list[Conflict]:
    out = []
    for conflict in conflicts:
        found: dict[str, str | None] = {}
        sides: tuple[Side, Side] = ("source", "copy")
        for side in sides:
            deleted = conflict.source_deleted if side == "source" else conflict.copy_deleted
            change = _last_change(conns[side], conflict, deleted)
            row = rows[side].get(conflict.key)
            who = change[0] if change else "unknown"
            at = change[1] if change else (row.updated_at if row else None)
            found[f"{side}_who"], found[f"{side}_at"] = who, at
        out.append(replace(conflict, **found))  # type: ignore[arg-type]
    return out
