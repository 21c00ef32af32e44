"""Roles on a SQLite source: what an offline copy may take and bring back.

On PostgreSQL the server enforces each user's role on every connection, the sync's
included. On a SQLite file the planner checks roles itself, in its sessions; the copy
and the sync read and write with Core, so they ask here instead: a viewer or member
takes no exempt (Part 2) item, its moves or its history into a copy, a sync brings
none back into the copy later, and the source takes from the copy only what the
role allows (for a member: new public proposals, not at a meeting).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from planner.access.guard import AccessContext, context, refusal
from planner.access.roles import EDIT, PROPOSE
from planner.db.database import Database
from planner.db.models import Committee, TaskGroup, Topic, TopicMove
from planner.enums import TopicStatus
from planner.errors import AccessDeniedError
from planner.offline.merge import Write


@dataclass(frozen=True)
class OfflineAccess:
    ctx: AccessContext
    councils: dict[str, str]  # committee id -> its council, for the copy's committees
    hidden: frozenset[str]  # ids of records this user may not read

    def lowest(self) -> int:
        return min((self.ctx.level(c) for c in self.councils.values()), default=EDIT)


def offline_access(
    source: Database, conn: Connection, committee_ids: Iterable[str]
) -> OfflineAccess | None:
    """None when there is nothing to check: a server that enforces roles itself, or a
    file with no roles recorded (whoever keeps it is its clerk)."""
    if source.engine.dialect.name != "sqlite":
        return None
    with source.reading() as session:
        ctx = context(session)
    if ctx is None:
        return None
    ids = list(committee_ids)
    query = select(Committee.id, Committee.council_id).where(Committee.id.in_(ids))
    councils = {committee: council for committee, council in conn.execute(query)}
    low = [c for c, council in councils.items() if ctx.level(council) < EDIT]
    hidden: set[str] = set()
    if low:
        topics = select(Topic.id).where(Topic.exempt.is_(True), Topic.committee_id.in_(low))
        groups = select(TaskGroup.id).where(
            TaskGroup.exempt.is_(True), TaskGroup.committee_id.in_(low)
        )
        moves = select(TopicMove.id).where(TopicMove.topic_id.in_(topics))
        for hiding in (topics, groups, moves):
            hidden.update(conn.execute(hiding).scalars())
    return OfflineAccess(ctx, councils, frozenset(hidden))


def check_writes(
    access: OfflineAccess, source: Database, writes: Iterable[Write], topics: Mapping[str, Any]
) -> None:
    """Refuse (AccessDeniedError naming the role) a sync whose changes to the source
    this user's role does not allow. ``topics``: topic id -> committee id."""
    writes = list(writes)
    for write in writes:
        table, record_id = write.key
        values = {**(write.old or {}), **write.values}
        if table == "council":
            council: str | None = record_id
        elif table == "committee":
            council = values.get("council_id") or access.councils.get(record_id)
        else:
            committee = values.get("committee_id")
            if table == "topic_move":
                committee = topics.get(str(values.get("topic_id")))
            council = access.councils.get(str(committee)) if committee else None
        # A record whose council cannot be told is held to the copy's lowest role.
        level = access.ctx.level(council) if council else access.lowest()
        if level >= EDIT:
            continue
        if level >= PROPOSE and _is_proposal(write, values):
            continue
        with source.reading() as session:
            refused = refusal(session, access.ctx, council or "")
        changes = f"{len(writes)} change{'s' if len(writes) != 1 else ''}"
        raise AccessDeniedError(
            f"{refused} The offline copy's {changes} cannot be brought back; nothing was "
            "changed in either database."
        )


def _is_proposal(write: Write, values: Mapping[str, object]) -> bool:
    return (
        write.action == "insert"
        and write.key[0] == "topic"
        and not values.get("exempt")
        and values.get("meeting_id") is None
        and values.get("status") in (None, TopicStatus.PROPOSED.value)
    )
