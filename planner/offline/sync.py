"""Syncing an offline copy with the database it came from: read, merge, write both sides.

The order is what makes an interruption safe (docs/offline.md has the reasoning):

1. the copy's transaction starts and takes the copy's write lock (and a SQLite source's
   too); the copy and its base are read;
2. the source's transaction reads the source, the merge is worked out, the source's
   half is written together with a marker naming this sync, and the source commits;
3. the copy's half and the new base are written, with the sync's id, and the copy
   commits.

Killed before 2 commits, nothing changed anywhere. Killed between the commits, the copy
is still exactly as before, base included, and the next sync finishes the job: a change
already in the source shows up as the same change on both sides, which is no conflict,
and the marker brings back how the interrupted sync's conflicts were settled.
"""

from __future__ import annotations

import json
import os
import signal
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, update
from sqlalchemy.exc import DBAPIError

from planner.db.database import Database
from planner.errors import DatabaseError
from planner.identity import current_user
from planner.offline.access import check_writes, offline_access
from planner.offline.apply import (
    apply_writes,
    base_versions,
    log_writes,
    read_base_entries,
    stamp_now,
    write_base,
)
from planner.offline.authors import with_authors
from planner.offline.merge import Conflict, MergePlan, Resolutions, Side, merge
from planner.offline.meta import (
    LAST_SYNC_ID,
    LAST_SYNCED_AT,
    META,
    CopyInfo,
    check_source,
    copy_info,
    marker_key,
    read_meta,
    write_meta,
)
from planner.offline.tables import Key, Row, read_rows, scope_versions

Progress = Callable[[str, int], None]
# Tests set FWP_SYNC_FAULT to one of these to kill the process there (see test_offline_faults).
FAULT_POINTS = ("after-read", "after-source-writes", "between-commits", "before-copy-commit")


def _fault(point: str) -> None:
    if os.environ.get("FWP_SYNC_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class SideCounts:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.deleted

    def describe(self) -> str:
        return f"{self.created} new, {self.updated} changed, {self.deleted} deleted"


@dataclass(frozen=True)
class SyncReport:
    """What a sync did (or, for a preview, would do)."""

    source_label: str
    copy_label: str
    info: CopyInfo
    to_source: SideCounts
    to_copy: SideCounts
    conflicts: tuple[Conflict, ...]
    held_back: tuple[str, ...]
    applied: bool
    resumed: bool = False  # finished a sync that was interrupted between its two commits

    @property
    def open_conflicts(self) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if c.resolution is None)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.to_source.total or self.to_copy.total)


def _counts(plan: MergePlan, side: Side) -> SideCounts:
    writes = plan.writes[side]

    def n(action: str) -> int:
        return sum(1 for w in writes if w.action == action and (w.action != "update" or w.values))

    return SideCounts(n("insert"), n("update"), n("delete"))


def _lock(conn: Connection) -> None:
    """Take SQLite's write lock now, so nobody edits the file between read and write
    (others wait for it, up to the busy timeout). On PostgreSQL the version checks and
    REPEATABLE READ catch a concurrent edit instead, without locking anybody out."""
    if conn.dialect.name == "sqlite":
        conn.execute(update(META).where(META.c.key == "database_id").values(value=META.c.value))


def _isolated(conn: Connection) -> Connection:
    """One snapshot of the source for the whole read (PostgreSQL reads committed otherwise)."""
    if conn.dialect.name == "postgresql":
        return conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def _marker_resolutions(marker: str | None, info: CopyInfo) -> tuple[dict[Any, Side], bool]:
    """How the last sync settled its conflicts, if it committed the source and not the copy."""
    if not marker:
        return {}, False
    data = json.loads(marker)
    if data.get("sync_id") == info.last_sync_id:
        return {}, False
    chosen = {((t, r), f): side for t, r, f, side in data.get("resolutions", [])}
    return chosen, True


def sync(
    source: Database,
    copy: Database,
    *,
    prefer: Side | None = None,
    choices: Resolutions | None = None,
    apply: bool = True,
    progress: Progress | None = None,
) -> SyncReport:
    """Merge ``copy`` with ``source`` (or, with ``apply=False``, only say what merging would
    do). ``choices`` settles named conflicts, ``prefer`` the others."""
    stage = ["read"]
    try:
        return _sync(source, copy, prefer, choices, apply, progress or (lambda _t, _p: None),
                     stage)  # fmt: skip
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        if stage[0] == "copy":
            raise DatabaseError(
                f"{source.label} was synced but {copy.label} could not be written ({reason}); "
                "the copy is as it was. Run the sync again to finish."
            ) from exc
        raise DatabaseError(
            f"The sync stopped ({reason}): one of the databases was changed or locked while "
            "it ran. Nothing was changed; run the sync again."
        ) from exc


def _sync(
    source: Database,
    copy: Database,
    prefer: Side | None,
    choices: Resolutions | None,
    apply: bool,
    say: Progress,
    stage: list[str],
) -> SyncReport:
    say("Reading the offline copy…", 5)
    with copy.engine.connect() as cc, cc.begin() as copy_tx:
        info = copy_info(read_meta(cc), copy.label)
        if apply:
            _lock(cc)
        # Versions first: a record at the base's version on both sides is the same
        # everywhere, so only the others are read whole (500 edits of 10,000 topics).
        base_v = base_versions(cc)
        copy_v = scope_versions(cc, info.committee_ids)
        say(f"Reading {source.label}…", 25)
        with source.engine.connect() as first_look:  # refuse a stranger before locking it
            check_source(info, read_meta(first_look), copy.label, source.label)
        with _isolated(source.engine.connect()) as sc, sc.begin() as source_tx:
            if apply:
                _lock(sc)
            source_meta = read_meta(sc)
            check_source(info, source_meta, copy.label, source.label)
            source_v = scope_versions(sc, info.committee_ids)
            access = offline_access(source, sc, info.committee_ids)
            if access is not None:  # what this user may not read stays out of the copy
                source_v = {k: v for k, v in source_v.items() if k[1] not in access.hidden}
            moved = [k for k in {*base_v, *copy_v, *source_v}
                     if not base_v.get(k) == copy_v.get(k) == source_v.get(k) or not base_v.get(k)]
            source_rows = read_rows(sc, (k for k in moved if k in source_v))
            copy_rows = read_rows(cc, (k for k in moved if k in copy_v))
            base = read_base_entries(cc, (k for k in moved if k in base_v))
            _fault("after-read")
            say("Merging…", 45)
            earlier, resumed = _marker_resolutions(
                source_meta.get(marker_key(info.database_id)), info
            )
            chosen: dict[Any, Side] = {**earlier, **(choices or {})}
            plan = merge(base, source_rows, copy_rows, chosen, prefer)
            if access is not None:  # the source takes only what this user's role allows
                topics = {k[1]: r.values.get("committee_id") for side in (source_rows, copy_rows)
                          for k, r in side.items() if k[0] == "topic"}  # fmt: skip
                check_writes(access, source, plan.writes["source"], topics)
            rows: dict[Side, dict[Key, Row]] = {"source": source_rows, "copy": copy_rows}
            conflicts = with_authors(plan.conflicts, {"source": sc, "copy": cc}, rows)
            report = SyncReport(
                source.label, copy.label, info, _counts(plan, "source"), _counts(plan, "copy"),
                tuple(conflicts), tuple(plan.held_back), applied=False, resumed=resumed,
            )  # fmt: skip
            if not apply or not (plan.changes_anything or resumed):
                source_tx.rollback()
                copy_tx.rollback()
                return report
            say(f"Writing {len(plan.writes['source'])} changes to {source.label}…", 60)
            sync_id = str(uuid.uuid4())
            apply_writes(sc, plan.writes["source"], source.label)
            log_writes(sc, plan.writes["source"])
            settled = [[c.key[0], c.key[1], c.field, c.resolution] for c in plan.conflicts
                       if c.resolution is not None]  # fmt: skip
            marker = {"sync_id": sync_id, "at": stamp_now(), "who": current_user(),
                      "resolutions": settled}  # fmt: skip
            write_meta(sc, {marker_key(info.database_id): json.dumps(marker)})
            _fault("after-source-writes")
            source_tx.commit()
        stage[0] = "copy"
        _fault("between-commits")
        say(f"Writing {len(plan.writes['copy'])} changes to the offline copy…", 80)
        apply_writes(cc, plan.writes["copy"], copy.label)
        log_writes(cc, plan.writes["copy"])
        write_base(cc, plan.base_put, plan.base_drop)
        write_meta(cc, {LAST_SYNC_ID: sync_id, LAST_SYNCED_AT: stamp_now()})
        _fault("before-copy-commit")
        copy_tx.commit()
    say("Done.", 100)
    return SyncReport(**{**report.__dict__, "applied": True})
