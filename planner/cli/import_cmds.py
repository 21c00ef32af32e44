"""``fwp import programme|tracker FILE``: preview, then import a spreadsheet in one go.

The plan is printed first. Rows that cannot be read stop the import (exit status 1,
the reasons on stderr) unless --skip-bad-rows is given; --dry-run saves nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from planner.cli import find
from planner.cli.output import clip
from planner.dates import format_date
from planner.enums import label
from planner.errors import PlannerError
from planner.importing import (
    ImportPlan,
    PlannedRow,
    apply_plan,
    parse_overrides,
    plan_programme_import,
    plan_tracker_import,
)


def _shown(value: Any) -> str:
    if value is None:
        return "(blank)"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, list):
        return ", ".join(value) or "TBC"
    if hasattr(value, "value"):
        return label(value)
    return f"'{clip(str(value), 40)}'"


def _row_line(row: PlannedRow) -> str:
    where = f"({row.sheet}, row {row.row})"
    if row.kind == "recommendation":
        name = f"recommendation {row.name}"
    else:
        name = f"{row.kind} '{clip(row.name, 50)}'"
        if row.kind == "topic":
            name += f" ({row.when})"
    if row.action == "create":
        return f"  {name} {where}"
    changes = "; ".join(
        f"{field.replace('_', ' ')}: {_shown(before)} -> {_shown(after)}"
        for field, (before, after) in row.changes.items()
    )
    return f"  {name} {where}: {changes}"


def describe(plan: ImportPlan) -> str:
    """The plan as the terminal shows it: counts, columns, then a line per change."""
    lines = [plan.summary()]
    lines += ["Columns read:", *(f"  {m.describe()}" for m in plan.mappings)]
    if plan.new_meetings:
        lines.append("Meetings to add:")
        lines += [f"  {format_date(m.date)} ({m.committee_label})" for m in plan.new_meetings]
    if plan.committee_changes:
        lines.append("Committee details to fill in:")
        lines += [f"  {k.replace('_', '-')}: {v}" for k, v in plan.committee_changes.items()]
    for title, rows in (("To create:", plan.to_create), ("To update:", plan.to_update)):
        if rows:
            lines += [title, *(_row_line(r) for r in rows)]
    if plan.problems:
        lines += ["Cannot read:", *(f"  {p}" for p in plan.problems)]
    if plan.warnings:
        lines += ["Warnings:", *(f"  {w}" for w in plan.warnings)]
    return "\n".join(lines)


def import_cmd(session: Session, args: argparse.Namespace) -> str:
    committee = find.committee(session, args)
    overrides = parse_overrides(args.map or [], args.import_kind)
    make_plan = plan_programme_import if args.import_kind == "programme" else plan_tracker_import
    plan = make_plan(
        session, Path(args.file).expanduser(), committee.id, overrides,
        header_row=args.header_row,
    )
    text = describe(plan)
    if plan.problems and not args.skip_bad_rows:
        raise PlannerError(
            f"{text}\n{len(plan.problems)} row(s) cannot be read, so nothing was imported. "
            "Correct them in the file, or use --skip-bad-rows to import the other rows."
        )
    if args.dry_run:
        return f"{text}\nDry run: nothing was saved."
    if not plan.changes_anything:
        return f"{text}\nNothing to change: the planner already holds all of it."
    return f"{text}\n{apply_plan(session, plan, skip_bad_rows=args.skip_bad_rows)}"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="import a programme or tracker spreadsheet (.xlsx, .csv)")
    kinds = p.add_subparsers(dest="import_kind", required=True, parser_class=type(p))
    helps = {
        "programme": "topics and task groups, into the committee-year given by --year",
        "tracker": "recommendations, matched by reference across the committee's years",
    }
    for kind, text in helps.items():
        q = kinds.add_parser(kind, parents=[common], help=text)
        q.add_argument("file", help="the .xlsx or .csv file")
        q.add_argument("--dry-run", action="store_true", help="show the plan; save nothing")
        q.add_argument(
            "--skip-bad-rows", action="store_true",
            help="import the rows that can be read and leave the others out",
        )
        q.add_argument(
            "--map", action="append", metavar="FIELD=COLUMN",
            help="correct a column, e.g. officers=F, groups.membership=E, or method=none",
        )
        q.add_argument("--header-row", type=int, metavar="N",
                       help="the row holding the column headers, if not recognised")
        q.set_defaults(handler=import_cmd)
