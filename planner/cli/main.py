"""``fwp``: the planner from a terminal or a script.

Errors are one sentence on stderr with exit status 1, and leave the database as it was:
each command runs in a single transaction.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn, cast

from sqlalchemy.orm import Session

from planner.cli import (
    admin_cmds,
    calendar_cmds,
    committee_cmds,
    exporting,
    history_cmds,
    import_cmds,
    listing,
    offline_cmds,
    programme_cmds,
    tracking_cmds,
)
from planner.cli import options as o
from planner.errors import PlannerError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"fwp: {message}\n")


def demo_cmd(session: Session, args: argparse.Namespace) -> str:
    from planner.demo import load_demo

    report = load_demo(session)
    if report.added == 0:
        return "The demo programme is already in this database; nothing added."
    return f"Loaded the demo programme: {report.added} records added."


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fwp", description="Forward work programme planner for scrutiny committees."
    )
    parser.add_argument("--db", help="database file or URL (default: your planner file)")
    sub = cast(
        o.Subparsers,
        parser.add_subparsers(dest="command", required=True, parser_class=_Parser),
    )

    # Options every record command shares to say which committee-year it is about.
    common = _Parser(add_help=False)
    common.add_argument("--committee", required=True, help="committee name")
    common.add_argument("--year", help="municipal year, e.g. 2018/19")
    common.add_argument("--council", help="council, when two have a committee of that name")
    optional = _Parser(add_help=False)
    optional.add_argument("--committee", help="committee name")
    optional.add_argument("--year", help="municipal year, e.g. 2018/19")
    optional.add_argument("--council", help="council")

    p = sub.add_parser("demo", help="load the demo programme (running it twice adds nothing)")
    p.set_defaults(handler=demo_cmd)
    p = sub.add_parser("list", parents=[optional], help="list records")
    p.add_argument(
        "what",
        choices=[
            "committees",
            "meetings",
            "topics",
            "groups",
            "recommendations",
            "actions",
            "activities",
        ],
    )
    p.add_argument("--search", metavar="WORDS", help="only records whose text holds every word")
    p.set_defaults(handler=listing.list_cmd)
    p = sub.add_parser("search", help="topics in any committee and year mentioning these words")
    p.add_argument("words", nargs="+")
    p.add_argument("--council")
    p.set_defaults(handler=listing.search_cmd)
    p = sub.add_parser("programme", parents=[common], help="print a committee's programme")
    p.add_argument("--public", action="store_true", help="leave out exempt (Part 2) items")
    p.set_defaults(handler=listing.programme_cmd)
    exporting.register(sub, optional)
    calendar_cmds.register(sub, common, optional)
    committee_cmds.register(sub, common)
    programme_cmds.register(sub, common)
    tracking_cmds.register(sub, common)
    import_cmds.register(sub, common)
    admin_cmds.register(sub)
    offline_cmds.register(sub)
    history_cmds.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "runs_alone", None):  # commands that open their databases themselves
        return int(args.runs_alone(args))
    try:
        from planner.cli.login import open_asking

        db = open_asking(args.db)
        try:
            if db.backup_path:
                print(
                    f"Upgraded the database; the old file is kept as {db.backup_path}.",
                    file=sys.stderr,
                )
            with db.transaction() as session:
                message = args.handler(session, args)
        finally:
            db.close()
    except PlannerError as exc:
        print(f"fwp: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("fwp: interrupted; nothing was changed.", file=sys.stderr)
        return 1
    if message:
        print(message)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
