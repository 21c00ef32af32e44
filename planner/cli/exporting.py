"""``fwp export programme|tracker``: the spreadsheets that go into agenda packs."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.orm import Session

from planner.cli import find
from planner.cli import options as o
from planner.dates import parse_date
from planner.errors import ValidationError
from planner.services.lookup import committee_ids_named
from planner.services.programme import programme
from planner.services.recommendations import list_recommendations


def export_cmd(session: Session, args: argparse.Namespace) -> str:
    from planner.export import export_programme, export_tracker  # openpyxl only when needed

    out = Path(args.out).expanduser()
    if args.what == "calendar":
        return _calendar(session, args, out)
    if not args.committee:
        raise ValidationError("committee", "Say which committee: --committee NAME.")
    committee = find.committee(session, args)
    if args.what == "programme":
        from_date = parse_date(args.from_date, "from") if args.from_date else None
        prog = programme(session, committee.id, public=args.public, from_date=from_date)
        written = export_programme(prog, out)
        rows = len(prog.scheduled) + len(prog.task_groups) + len(prog.in_development)
        kind = "public" if prog.public else "full"  # a viewer always gets the public one
        return f"Wrote the {kind} programme ({rows} rows) to {written}."
    recs = list_recommendations(session, committee_ids_named(session, committee))
    written = export_tracker(recs, out, f"{committee.name} Recommendations Tracker")
    return f"Wrote the recommendations tracker ({len(recs)} recommendations) to {written}."


def _calendar(session: Session, args: argparse.Namespace, out: Path) -> str:
    from planner.cli.calendar_cmds import council_id_for
    from planner.export.atomic import write_bytes
    from planner.services.calendar_export import calendar_ics

    if not args.year:
        raise ValidationError("municipal_year", "Give the municipal year, e.g. --year 2018/19.")
    committee_id = find.committee(session, args).id if args.committee else None
    data, count = calendar_ics(session, council_id_for(session, args), args.year, committee_id)
    written = write_bytes(out, data)
    return f"Wrote {count} meeting(s) with their deadlines to {written}."


def register(sub: o.Subparsers, optional: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export",
        parents=[optional],
        help="write the programme or tracker spreadsheet, or the calendar",
    )
    p.add_argument("what", choices=["programme", "tracker", "calendar"])
    p.add_argument(
        "--out", required=True, help="the .xlsx (or, for the calendar, .ics) file to write"
    )
    p.add_argument("--public", action="store_true", help="leave out exempt (Part 2) items")
    p.add_argument("--from", dest="from_date", help="leave out meetings before this date")
    p.set_defaults(handler=export_cmd)
