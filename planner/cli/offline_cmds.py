"""``fwp offline checkout`` and ``fwp offline sync``: committees taken offline and back.

These commands work on two databases at once, so they open them themselves instead of
running in the single transaction the other commands share: a checkout writes only the
new file; a sync is one transaction on each side (planner.offline.sync). Exit status 2
means the sync finished but left conflicts, listed, for ``--prefer`` to settle.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner.cli.options import Subparsers
from planner.errors import DatabaseError, PlannerError
from planner.offline.report import describe_sync

CONFLICTS = 2


def checkout_cmd(args: argparse.Namespace) -> int:
    from planner.db.database import open_database
    from planner.offline import checkout

    source = open_database(args.db)
    try:
        report = checkout(source, args.committee, args.out, year=args.year,
                          council=args.council)  # fmt: skip
    finally:
        source.close()
    print(
        f"Took {len(report.committees)} committee-year(s) offline into {report.path} "
        f"({report.records:,} records, {report.topics:,} topics): "
        f"{'; '.join(report.committees)}."
    )
    return 0


def _open_copy(path: str) -> object:
    from planner.db.database import open_database

    target = Path(path).expanduser()
    if not target.is_file():
        raise DatabaseError(f"{target} does not exist, so there is no offline copy to sync.")
    return open_database(target)


def sync_cmd(args: argparse.Namespace) -> int:
    from planner.db.database import Database, open_database
    from planner.offline import sync

    copy = _open_copy(args.copy)
    assert isinstance(copy, Database)
    try:
        source = open_database(args.db)
        try:
            report = sync(source, copy, prefer=args.prefer, apply=not args.dry_run)
        finally:
            source.close()
    finally:
        copy.close()
    print(describe_sync(report))
    return CONFLICTS if report.open_conflicts else 0


def run(args: argparse.Namespace) -> int:
    """Called by ``fwp`` instead of the one-transaction path (see planner.cli.main)."""
    try:
        return int(args.offline_handler(args))
    except PlannerError as exc:
        print(f"fwp: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("fwp: interrupted; each database is as it was or synced, and running the "
              "sync again finishes the job.", file=sys.stderr)  # fmt: skip
        return 1


def register(sub: Subparsers) -> None:
    p = sub.add_parser("offline", help="take committees offline into a file, and sync it back")
    kinds = p.add_subparsers(dest="offline_command", required=True, parser_class=type(p))
    q = kinds.add_parser("checkout", help="copy committees into a new offline file")
    q.add_argument("--committee", action="append", required=True,
                   help="committee name (repeat for more); every year unless --year")  # fmt: skip
    q.add_argument("--year", help="only this municipal year, e.g. 2018/19")
    q.add_argument("--council", help="council, when two have a committee of that name")
    q.add_argument("--out", required=True, help="the new file (never overwritten)")
    q.set_defaults(runs_alone=run, offline_handler=checkout_cmd)
    q = kinds.add_parser("sync", help="merge an offline copy with this database (--db)")
    q.add_argument("copy", help="the offline copy's file")
    q.add_argument("--prefer", choices=["copy", "source"],
                   help="settle every conflict with this side's value")  # fmt: skip
    q.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    q.set_defaults(runs_alone=run, offline_handler=sync_cmd)
