"""The three-way merge of an offline copy with its source, as a pure function.

Nothing here touches a database: ``merge()`` takes the base (each record as it was at
checkout or the last sync), the source's rows and the copy's rows, and says what each
side must become, which conflicts are left, and the new base. The rules are in
docs/offline.md; ``planner.offline.sync`` reads the sides and carries the plan out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from planner.offline.tables import FOREIGN_KEYS, ORDER, Key, Row, Values, describe

Side = Literal["source", "copy"]
SIDES: tuple[Side, Side] = ("source", "copy")
# Which way each conflict was settled: the value of "source" or of "copy".
Resolutions = Mapping[tuple[Key, str | None], Side]

FIELD, DELETED, USED = "field", "deleted", "used"


def other(side: Side) -> Side:
    return "copy" if side == "source" else "source"


@dataclass(frozen=True)
class BaseEntry:
    """A record as both sides last agreed on it. Version 0 means "compare the values":
    the sides were left different (an open conflict), so no version stands for both."""

    version: int
    values: Values


@dataclass(frozen=True)
class Conflict:
    """One field changed differently on the two sides (``kind`` "field"), a record
    deleted on one side and edited on the other ("deleted", ``field`` None), or a record
    deleted on one side that the other side's records still refer to ("used")."""

    key: Key
    field: str | None
    kind: str
    record: str  # e.g. "topic 'Alternative Education Provision'"
    source_value: Any
    copy_value: Any
    source_deleted: bool = False
    copy_deleted: bool = False
    note: str = ""
    resolution: Side | None = None
    # Who changed each side and when (filled in from change_log by planner.offline.sync).
    source_who: str = "unknown"
    source_at: str | None = None
    copy_who: str = "unknown"
    copy_at: str | None = None

    @property
    def choice_key(self) -> tuple[Key, str | None]:
        return (self.key, self.field)


@dataclass(frozen=True)
class Write:
    """One change to one side: insert (``values`` whole), update (``values`` only the
    fields that change) or delete. ``expected`` is the version the side holds now."""

    action: Literal["insert", "update", "delete"]
    key: Key
    values: Values
    expected: int | None
    version: int
    updated_at: str | None
    old: Values | None  # the record as the side held it, for the change history


@dataclass
class MergePlan:
    writes: dict[Side, list[Write]] = field(default_factory=lambda: {"source": [], "copy": []})
    conflicts: list[Conflict] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)  # records waiting on a conflict
    base_put: dict[Key, BaseEntry] = field(default_factory=dict)
    base_drop: list[Key] = field(default_factory=list)

    @property
    def open_conflicts(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.resolution is None]

    @property
    def changes_anything(self) -> bool:
        return bool(self.writes["source"] or self.writes["copy"] or self.base_put or self.base_drop)


@dataclass
class _Record:
    """The merge of one record while it is worked out."""

    key: Key
    base: BaseEntry | None
    now: dict[Side, Row | None]
    final: dict[Side, Values | None]
    open_fields: set[str] = field(default_factory=set)  # conflicting fields left as they are
    split: bool = False  # the sides are left different (open conflict, held back)
    untouched: bool = False  # the same version on both sides and in the base: nothing to do


def _changed(base: BaseEntry, row: Row) -> bool:
    if base.version and row.version == base.version:
        return False  # every write raises the version, so the same version is the same record
    return row.values != base.values


def _resolve(
    conflict: Conflict, resolutions: Resolutions, prefer: Side | None
) -> Conflict:
    chosen = resolutions.get(conflict.choice_key, prefer)
    if chosen is None:
        return conflict
    return Conflict(**{**conflict.__dict__, "resolution": chosen})


def _merge_fields(
    rec: _Record, conflicts: list[Conflict], resolutions: Resolutions, prefer: Side | None
) -> None:
    src, cpy = rec.now["source"], rec.now["copy"]
    assert src is not None and cpy is not None
    base_values = rec.base.values if rec.base else None
    if rec.base and not _changed(rec.base, src) and not _changed(rec.base, cpy):
        rec.final = {"source": cpy.values, "copy": cpy.values}
        rec.untouched = src.version == cpy.version == rec.base.version
        return
    if rec.base and not _changed(rec.base, src):
        rec.final = {"source": dict(cpy.values), "copy": dict(cpy.values)}
        return
    if rec.base and not _changed(rec.base, cpy):
        rec.final = {"source": dict(src.values), "copy": dict(src.values)}
        return
    final_s, final_c = dict(src.values), dict(cpy.values)
    for name in sorted(set(src.values) | set(cpy.values)):
        sv, cv = src.values.get(name), cpy.values.get(name)
        if sv == cv:
            continue
        if base_values is not None and sv == base_values.get(name):
            final_s[name] = cv
            continue
        if base_values is not None and cv == base_values.get(name):
            final_c[name] = sv
            continue
        conflict = _resolve(
            Conflict(rec.key, name, FIELD, describe(rec.key, src.values), sv, cv),
            resolutions, prefer,
        )  # fmt: skip
        conflicts.append(conflict)
        if conflict.resolution == "source":
            final_c[name] = sv
        elif conflict.resolution == "copy":
            final_s[name] = cv
        else:
            rec.open_fields.add(name)
    rec.final = {"source": final_s, "copy": final_c}
    rec.split = bool(rec.open_fields)


def _merge_record(
    rec: _Record, conflicts: list[Conflict], resolutions: Resolutions, prefer: Side | None
) -> None:
    src, cpy = rec.now["source"], rec.now["copy"]
    if src is not None and cpy is not None:
        _merge_fields(rec, conflicts, resolutions, prefer)
        return
    if src is None and cpy is None:
        rec.final = {"source": None, "copy": None}
        return
    kept: Side = "source" if src is not None else "copy"
    row = rec.now[kept]
    assert row is not None
    if rec.base is None or not _changed(rec.base, row):
        # New on one side (it goes to the other), or deleted on one side and untouched on
        # the other (it goes from the other).
        values = dict(row.values) if rec.base is None else None
        rec.final = {"source": values, "copy": values}
        return
    gone = other(kept)
    conflict = _resolve(
        Conflict(
            rec.key, None, DELETED, describe(rec.key, row.values),
            source_value=row.values if kept == "source" else None,
            copy_value=row.values if kept == "copy" else None,
            source_deleted=gone == "source", copy_deleted=gone == "copy",
            note=f"deleted in the {gone}, edited in the {kept}",
        ),
        resolutions, prefer,
    )  # fmt: skip
    conflicts.append(conflict)
    if conflict.resolution == kept:
        rec.final = {"source": dict(row.values), "copy": dict(row.values)}
    elif conflict.resolution == gone:
        rec.final = {"source": None, "copy": None}
    else:
        rec.final = {kept: dict(row.values), gone: None}
        rec.split = True


def _fix_references(
    records: dict[Key, _Record],
    conflicts: list[Conflict],
    held_back: list[str],
    resolutions: Resolutions,
    prefer: Side | None,
) -> None:
    """A record kept on a side needs its parents there too. A parent deleted on one side
    but still referred to by the other side's records is a conflict ("used"); a record
    whose parent is left different by an open conflict waits for that conflict."""
    cascaded: set[Key] = set()
    reported: set[Key] = set()
    changed = True
    while changed:
        changed = False
        for key in sorted(records, key=lambda k: ORDER[k[0]]):
            rec = records[key]
            for side in SIDES:
                values = rec.final[side]
                if values is None:
                    continue
                for fk in FOREIGN_KEYS[key[0]]:
                    parent_id = values.get(fk.column)
                    pkey = (fk.parent, parent_id) if parent_id else None
                    if pkey is None or pkey not in records:
                        continue
                    parent = records[pkey]
                    if parent.final[side] is not None:
                        continue
                    changed = True
                    if pkey in cascaded:
                        rec.final = {"source": None, "copy": None}
                        cascaded.add(key)
                        break
                    if not parent.split and parent.final[other(side)] is None:
                        _parent_used(parent, rec, side, conflicts, reported, cascaded,
                                     resolutions, prefer)  # fmt: skip
                    else:
                        # Keep it on this side as it is until the parent's conflict is settled.
                        now = rec.now[side]
                        rec.final[side] = dict(now.values) if now is not None else None
                        rec.split = True
                        there = parent.now[other(side)]
                        held_back.append(
                            f"{describe(key, values)} waits for the conflict on "
                            f"{describe(pkey, there.values if there else None)}"
                        )
                    break
                if rec.final[side] is None:
                    break


def _parent_used(
    parent: _Record,
    child: _Record,
    side: Side,
    conflicts: list[Conflict],
    reported: set[Key],
    cascaded: set[Key],
    resolutions: Resolutions,
    prefer: Side | None,
) -> None:
    """``parent`` is being deleted, but ``child`` still refers to it on ``side``."""
    holder: Side = "source" if parent.now["source"] is not None else "copy"
    gone = other(holder)
    row = parent.now[holder]
    assert row is not None
    child_values = child.final[side] or {}
    conflict = _resolve(
        Conflict(
            parent.key, None, USED, describe(parent.key, row.values),
            source_value=row.values if holder == "source" else None,
            copy_value=row.values if holder == "copy" else None,
            source_deleted=gone == "source", copy_deleted=gone == "copy",
            note=f"deleted in the {gone}, but {describe(child.key, child_values)} "
                 f"in the {side if child.now[side] is not None else other(side)} refers to it",
        ),
        resolutions, prefer,
    )  # fmt: skip
    if parent.key not in reported:
        reported.add(parent.key)
        conflicts.append(conflict)
    if conflict.resolution == gone:
        child.final = {"source": None, "copy": None}
        cascaded.update({parent.key, child.key})
    elif conflict.resolution == holder:
        parent.final = {"source": dict(row.values), "copy": dict(row.values)}
    else:
        parent.final = {holder: dict(row.values), gone: None}
        parent.split = True


def _version(rec: _Record) -> int:
    """The version both sides take: the higher one, raised if that side changes too."""
    present = [(row.version, side) for side in SIDES if (row := rec.now[side]) is not None]
    top, top_side = max(present)
    return top + 1 if rec.now[top_side].values != rec.final[top_side] else top  # type: ignore[union-attr]


def _writes(rec: _Record, plan: MergePlan) -> None:
    copy_now = rec.now["copy"]
    if rec.untouched and copy_now is not None and rec.final["source"] is copy_now.values:
        return  # the same on both sides and in the base, and no reference changed it
    agreed = not rec.split and rec.final["source"] is not None
    version = _version(rec) if agreed else 0
    newest = max((r.updated_at for r in rec.now.values() if r is not None), default=None)
    for side in SIDES:
        now, final = rec.now[side], rec.final[side]
        if now is None and final is None:
            continue
        if now is None:
            assert final is not None
            plan.writes[side].append(
                Write("insert", rec.key, final, None, version or 1, newest, None)
            )
        elif final is None:
            plan.writes[side].append(
                Write("delete", rec.key, {}, now.version, now.version, None, now.values)
            )
        else:
            diff = {k: v for k, v in final.items() if now.values.get(k) != v}
            target = version if agreed else now.version + (1 if diff else 0)
            if diff or target != now.version:
                plan.writes[side].append(
                    Write("update", rec.key, diff, now.version, target, newest, now.values)
                )
    if agreed:
        final = rec.final["source"]
        assert final is not None
        if rec.base is None or rec.base.values != final or rec.base.version != version:
            plan.base_put[rec.key] = BaseEntry(version, final)
    elif rec.final["source"] is None and rec.final["copy"] is None:
        if rec.base is not None:
            plan.base_drop.append(rec.key)
    elif rec.open_fields and rec.base is not None and rec.final["source"] is not None:
        # Fields both sides agree on move forward; the open ones keep their old base so
        # that the next sync finds the same conflict again.
        final = rec.final["source"]
        values = {k: (rec.base.values.get(k) if k in rec.open_fields else v)
                  for k, v in final.items()}  # fmt: skip
        if rec.base != BaseEntry(0, values):
            plan.base_put[rec.key] = BaseEntry(0, values)


def merge(
    base: Mapping[Key, BaseEntry],
    source: Mapping[Key, Row],
    copy: Mapping[Key, Row],
    resolutions: Resolutions | None = None,
    prefer: Side | None = None,
) -> MergePlan:
    """What the sync must do. ``resolutions`` settles named conflicts, ``prefer`` the
    rest; a conflict settled by neither is listed and left as it is on each side."""
    chosen = resolutions or {}
    plan = MergePlan()
    records: dict[Key, _Record] = {}
    for key in set(base) | set(source) | set(copy):
        rec = _Record(key, base.get(key), {"source": source.get(key), "copy": copy.get(key)},
                      {"source": None, "copy": None})  # fmt: skip
        _merge_record(rec, plan.conflicts, chosen, prefer)
        records[key] = rec
    _fix_references(records, plan.conflicts, plan.held_back, chosen, prefer)
    for key in sorted(records, key=lambda k: (ORDER[k[0]], k[1])):
        _writes(records[key], plan)
    plan.conflicts.sort(key=lambda c: (ORDER[c.key[0]], c.record, c.key[1], c.field or ""))
    return plan
