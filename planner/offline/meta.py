"""An offline copy's bookkeeping in ``planner_meta``, and the checks before any sync.

In the copy: ``offline.source_id`` (the source's ``database_id``), ``offline.source_label``
(its name without any password), ``offline.checked_out_at`` / ``_by``,
``offline.committees`` (JSON: id, name and year of each committee taken), and after
each sync ``offline.last_sync_id`` / ``offline.last_synced_at``. In the source:
``offline.sync.<copy database_id>``, the marker the source's half of a sync commits
with it (JSON: sync id, when, who, how conflicts were settled).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, insert, select

from planner.db.models import PlannerMeta
from planner.errors import DatabaseError

META = cast(Table, PlannerMeta.__table__)
SOURCE_ID = "offline.source_id"
SOURCE_LABEL = "offline.source_label"
CHECKED_OUT_AT = "offline.checked_out_at"
CHECKED_OUT_BY = "offline.checked_out_by"
COMMITTEES = "offline.committees"
LAST_SYNC_ID = "offline.last_sync_id"
LAST_SYNCED_AT = "offline.last_synced_at"
MARKER_PREFIX = "offline.sync."


def read_meta(conn: Connection) -> dict[str, str | None]:
    return {k: v for k, v in conn.execute(select(META.c.key, META.c.value))}


def write_meta(conn: Connection, values: dict[str, str | None]) -> None:
    conn.execute(delete(META).where(META.c.key.in_(list(values))))
    conn.execute(insert(META), [{"key": k, "value": v} for k, v in values.items()])


@dataclass(frozen=True)
class CopyInfo:
    """Where an offline copy came from, as its ``planner_meta`` says."""

    database_id: str
    source_id: str
    source_label: str
    checked_out_at: str
    checked_out_by: str
    committees: tuple[dict[str, Any], ...]
    last_sync_id: str | None
    last_synced_at: str | None

    @property
    def committee_ids(self) -> list[str]:
        return [c["id"] for c in self.committees]

    def committee_names(self) -> str:
        return ", ".join(f"{c['name']} {c['year']}" for c in self.committees)


def copy_info(meta: dict[str, str | None], label: str) -> CopyInfo:
    """The copy's origin; refuses a database that is not an offline copy."""
    source_id = meta.get(SOURCE_ID)
    if not source_id or not meta.get(COMMITTEES):
        raise DatabaseError(
            f"{label} is not an offline copy: it was not made by 'fwp offline checkout', "
            "so there is nothing to sync. Nothing was changed."
        )
    return CopyInfo(
        database_id=meta.get("database_id") or "",
        source_id=source_id,
        source_label=meta.get(SOURCE_LABEL) or "an unnamed database",
        checked_out_at=meta.get(CHECKED_OUT_AT) or "",
        checked_out_by=meta.get(CHECKED_OUT_BY) or "unknown",
        committees=tuple(json.loads(meta[COMMITTEES] or "[]")),
        last_sync_id=meta.get(LAST_SYNC_ID),
        last_synced_at=meta.get(LAST_SYNCED_AT),
    )


def check_source(info: CopyInfo, source_meta: dict[str, str | None], copy_label: str,
                 source_label: str) -> None:  # fmt: skip
    """Refuse a source the copy did not come from (its identity differs)."""
    if source_meta.get("database_id") != info.source_id:
        if source_meta.get("database_id") == info.database_id:
            raise DatabaseError(
                f"{source_label} is the offline copy itself; sync it with the database it "
                f"came from ({info.source_label}). Nothing was changed."
            )
        raise DatabaseError(
            f"{copy_label} was taken offline from another database ({info.source_label}), "
            f"not from {source_label}; syncing them would mix two programmes, so nothing "
            "was changed."
        )


def marker_key(copy_database_id: str) -> str:
    return MARKER_PREFIX + copy_database_id


def origin(engine: Any, label: str) -> CopyInfo | None:
    """Where the database behind ``engine`` was taken offline from, or None if it is not
    an offline copy (the window asks this to know which side of a sync it holds)."""
    with engine.connect() as conn:
        meta = read_meta(conn)
    if not meta.get(SOURCE_ID):
        return None
    return copy_info(meta, label)
