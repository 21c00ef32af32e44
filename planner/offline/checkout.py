"""Taking committees offline: their records go into a new SQLite planner file.

The copy is written under a temporary name beside ``out`` in one transaction, closed,
and only then given its name, so a failed or interrupted checkout never leaves a
half-written copy under the name asked for. Records keep their ids and versions; the
copy remembers its source and holds every copied record as the base of later merges.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, insert, select

from planner.dates import parse_municipal_year
from planner.db.database import Database, open_database
from planner.db.models import Committee, Council
from planner.errors import NotFoundError, PlannerError
from planner.identity import current_user
from planner.offline.access import offline_access
from planner.offline.apply import stamp_now, write_base
from planner.offline.merge import BaseEntry
from planner.offline.meta import (
    CHECKED_OUT_AT,
    CHECKED_OUT_BY,
    COMMITTEES,
    SOURCE_ID,
    SOURCE_LABEL,
    read_meta,
    write_meta,
)
from planner.offline.sync import Progress, _isolated
from planner.offline.tables import TABLES, read_scope, to_row


@dataclass(frozen=True)
class CheckoutReport:
    path: Path
    source_label: str
    committees: tuple[str, ...]  # "Children and Education Select Committee 2018/19"
    records: int
    topics: int


def _committees(
    conn: Connection, names: Sequence[str], year: str | None, council: str | None, where: str
) -> list[tuple[str, str, str]]:
    """(id, name, municipal year) of each committee asked for, every year unless ``year``."""
    committee, council_t = Committee.__table__, Council.__table__
    wanted_year = parse_municipal_year(year) if year else None
    found: dict[str, tuple[str, str, str]] = {}
    for name in names:
        query = (
            select(committee.c.id, committee.c.name, committee.c.municipal_year, council_t.c.name)
            .join(council_t, council_t.c.id == committee.c.council_id)
            .where(func.lower(committee.c.name) == name.strip().lower())
        )
        if wanted_year:
            query = query.where(committee.c.municipal_year == wanted_year)
        if council:
            query = query.where(func.lower(council_t.c.name) == council.strip().lower())
        rows = conn.execute(query.order_by(committee.c.municipal_year)).all()
        in_year = f" in {wanted_year}" if wanted_year else ""
        if not rows:
            raise NotFoundError(f"{where} has no committee called '{name}'{in_year}.")
        councils = sorted({r[3] for r in rows})
        if len(councils) > 1:
            raise PlannerError(
                f"More than one council has a committee called '{name}' "
                f"({', '.join(councils)}); say which with --council."
            )
        for r in rows:
            found[r[0]] = (r[0], r[1], r[2])
    return sorted(found.values(), key=lambda c: (c[1], c[2]))


def _by_id(conn: Connection, ids: Sequence[str], where: str) -> list[tuple[str, str, str]]:
    committee = Committee.__table__
    query = select(committee.c.id, committee.c.name, committee.c.municipal_year)
    rows = [(r[0], r[1], r[2]) for r in conn.execute(query.where(committee.c.id.in_(list(ids))))]
    if len(rows) != len(set(ids)):
        raise NotFoundError(f"A committee chosen is no longer in {where}; nothing was taken.")
    return rows


def _fold_wal(db: Database) -> None:
    """Everything into the main file before it is renamed: the -wal file is not renamed
    with it. The next open turns WAL on again."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA journal_mode=DELETE")
        cursor.close()
    finally:
        raw.close()


def _target(out: str | Path) -> Path:
    path = Path(out).expanduser().resolve()
    if path.exists():
        raise PlannerError(
            f"{path} already exists; a checkout never overwrites a file, so give a new name."
        )
    if not path.parent.is_dir():
        raise PlannerError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    return path


def checkout(
    source: Database,
    names: Sequence[str],
    out: str | Path,
    *,
    year: str | None = None,
    council: str | None = None,
    committee_ids: Sequence[str] = (),
    progress: Progress | None = None,
) -> CheckoutReport:
    """Take the committees called ``names`` (every year, or ``year``), and those with the
    ids ``committee_ids`` (the window picks committee-years), offline into ``out``."""
    say = progress or (lambda _text, _percent: None)
    path = _target(out)
    if not names and not committee_ids:
        raise PlannerError("Name at least one committee to take offline.")
    say(f"Reading {source.label}…", 5)
    with _isolated(source.engine.connect()) as sc, sc.begin():
        committees = _committees(sc, names, year, council, source.label) if names else []
        committees = sorted({*committees, *_by_id(sc, committee_ids, source.label)},
                            key=lambda c: (c[1], c[2]))  # fmt: skip
        source_id = read_meta(sc).get("database_id")
        if not source_id:
            raise PlannerError(f"{source.label} has no database identity to record.")
        rows = read_scope(sc, [c[0] for c in committees])
        access = offline_access(source, sc, [c[0] for c in committees])
        if access is not None:  # a viewer's or member's copy: no Part 2 items
            rows = {k: r for k, r in rows.items() if k[1] not in access.hidden}
    partial = path.with_name(f".{path.name}.partial-{uuid.uuid4().hex[:8]}")
    try:
        say(f"Writing {len(rows):,} records to {path.name}…", 40)
        copy = open_database(partial)
        try:
            with copy.engine.connect() as cc, cc.begin():
                for table in TABLES:
                    batch = [
                        {**to_row(table, r.values), "id": k[1], "version": r.version,
                         "updated_at": dt.datetime.fromisoformat(r.updated_at)}
                        for k, r in rows.items() if k[0] == table.name
                    ]  # fmt: skip
                    if batch:
                        cc.execute(insert(table), batch)
                say("Recording the merge base…", 75)
                write_base(cc, {k: BaseEntry(r.version, r.values) for k, r in rows.items()},
                           (), replace=False)  # fmt: skip
                write_meta(cc, {
                    SOURCE_ID: source_id,
                    SOURCE_LABEL: source.label,
                    CHECKED_OUT_AT: stamp_now(),
                    CHECKED_OUT_BY: current_user(),
                    COMMITTEES: json.dumps(
                        [{"id": i, "name": n, "year": y} for i, n, y in committees]
                    ),
                })  # fmt: skip
            _fold_wal(copy)
        finally:
            copy.close()
        os.link(partial, path)  # fails, rather than replacing, if the name was taken meanwhile
    except FileExistsError as exc:
        message = f"{path} appeared while the copy was written; nothing was saved."
        raise PlannerError(message) from exc
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    say("Done.", 100)
    return CheckoutReport(
        path=path,
        source_label=source.label,
        committees=tuple(f"{n} {y}" for _i, n, y in committees),
        records=len(rows),
        topics=sum(1 for k in rows if k[0] == "topic"),
    )
