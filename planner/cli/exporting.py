"""``fwp export programme|tracker``: the spreadsheets that go into agenda packs."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.orm import Session

from planner.cli import find
from planner.dates import parse_date
from planner.services.lookup import committee_ids_named
from planner.services.programme import programme
from planner.services.recommendations import list_recommendations


def export_cmd(session: Session, args: argparse.Namespace) -> str:
    from planner.export import export_programme, export_tracker  # openpyxl only when needed

    committee = find.committee(session, args)
    out = Path(args.out).expanduser()
    if args.what == "programme":
        from_date = parse_date(args.from_date, "from") if args.from_date else None
        prog = programme(session, committee.id, public=args.public, from_date=from_date)
        written = export_programme(prog, out)
        rows = len(prog.scheduled) + len(prog.task_groups) + len(prog.in_development)
        kind = "public" if args.public else "full"
        return f"Wrote the {kind} programme ({rows} rows) to {written}."
    recs = list_recommendations(session, committee_ids_named(session, committee))
    written = export_tracker(recs, out, f"{committee.name} Recommendations Tracker")
    return f"Wrote the recommendations tracker ({len(recs)} recommendations) to {written}."


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export", parents=[common], help="write the programme or tracker spreadsheet"
    )
    p.add_argument("what", choices=["programme", "tracker"])
    p.add_argument("--out", required=True, help="the .xlsx file to write")
    p.add_argument("--public", action="store_true", help="leave out exempt (Part 2) items")
    p.add_argument("--from", dest="from_date", help="leave out meetings before this date")
    p.set_defaults(handler=export_cmd)
