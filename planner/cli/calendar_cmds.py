"""``fwp deadlines``, ``fwp meeting-dates`` and the council's deadline settings."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy.orm import Session

from planner.cli import find
from planner.cli import options as o
from planner.cli.output import table
from planner.dates import format_date, format_time, parse_date
from planner.errors import ValidationError
from planner.services import deadlines as dl
from planner.services.committees import list_councils
from planner.services.lookup import council_by_name

COLUMNS = [
    ("agenda", "Agenda published"),
    ("member_questions", "Member questions"),
    ("public_questions", "Public questions"),
    ("petitions", "Petitions"),
    ("report_deadline", "Report deadline"),
]


def council_id_for(session: Session, args: argparse.Namespace) -> str:
    if getattr(args, "committee", None):
        return find.committee(session, args).council_id
    if args.council:
        return council_by_name(session, args.council).id
    councils = list_councils(session)
    if len(councils) != 1:
        raise ValidationError("council", "Say which council: --council NAME or --committee NAME.")
    return councils[0].id


def deadlines_cmd(session: Session, args: argparse.Namespace) -> str:
    if not args.year:
        raise ValidationError("municipal_year", "Give the municipal year, e.g. --year 2018/19.")
    committee_id = find.committee(session, args).id if args.committee else None
    cal = dl.meeting_calendar(session, council_id_for(session, args), args.year, committee_id)
    rules = {r.key: r for r in cal.rules}
    keys = [k for k, _ in COLUMNS if k in rules] + [k for k in rules if k not in dict(COLUMNS)]
    headers = ["Committee", "Meeting", *(dict(COLUMNS).get(k, rules[k].label) for k in keys)]
    rows = []
    for row in cal.meetings:
        when = format_date(row.meeting.date, weekday=True)
        if row.meeting.start_time:
            when += f" {format_time(row.meeting.start_time)}"
        cells = [row.meeting.committee_name, when]
        for key in keys:
            found = row.deadline(key)
            cells.append(dl.describe_deadline(found) if found else "")
        rows.append(cells)
    out = [f"{cal.council_name}: meetings and deadlines {cal.municipal_year}", table(headers, rows)]
    out.append("Rules: " + "; ".join(f"{r.label} {r.describe()}" for r in cal.rules))
    if cal.warnings:
        out += ["", "Warnings:", *(f"- {w.message}" for w in cal.warnings)]
    return "\n".join(out)


def meeting_dates_cmd(session: Session, args: argparse.Namespace) -> str:
    committee = find.committee(session, args)
    pattern: str | list[dt.date] = (
        [parse_date(d, "date") for d in args.dates.split(",")] if args.dates else args.pattern
    )
    if not pattern:
        raise ValidationError(
            "pattern", "Give --pattern 'every 8 weeks on a Friday from …' or --dates."
        )
    made = dl.generate_year(session, committee.id, pattern, start_time=args.time, place=args.place)
    lines = [
        f"Added {len(made.created)} meeting(s) for {committee.name} {committee.municipal_year}:"
    ]
    lines += [f"  {format_date(m.date, weekday=True)}" for m in made.created]
    lines += [f"  already there: {format_date(d)}" for d in made.already_there]
    lines += [f"Warning: {w}" for w in made.warnings]
    return "\n".join(lines)


def settings_cmd(session: Session, args: argparse.Namespace) -> str:
    council = council_by_name(session, args.name)
    for item in args.rule or []:
        key, _, text = item.partition("=")
        if not text.strip():
            raise ValidationError(
                "rule",
                f"Write a rule as KEY=TEXT, e.g. 'report_deadline=10 working days'; got '{item}'.",
            )
        dl.set_deadline_rule(session, council.id, key.strip(), text.strip())
    for key in args.reset_rule or []:
        dl.set_deadline_rule(session, council.id, key.strip(), None)
    for item in args.closure_day or []:
        day, _, name = item.partition("=")
        dl.set_closure_day(
            session, council.id, parse_date(day, "closure day"), name.strip() or None
        )
    for day in args.remove_closure_day or []:
        dl.set_closure_day(session, council.id, parse_date(day, "closure day"), None, remove=True)
    if args.capacity is not None:
        dl.set_default_capacity(session, council.id, args.capacity)
    rules = dl.council_rules(council)
    closures = (council.settings or {}).get("closure_days", [])
    nation = council.nation.value.capitalize()
    lines = [f"{council.name} ({nation}), meeting capacity {dl.default_capacity(council)}:"]
    lines += [f"  {r.key}: {r.label}, {r.describe()}" for r in rules]
    lines += [f"  closed {format_date(parse_date(d['date']))}: {d['name']}" for d in closures]
    return "\n".join(lines)


def register(
    sub: o.Subparsers,
    common: argparse.ArgumentParser,
    optional: argparse.ArgumentParser,
) -> None:
    p = sub.add_parser(
        "deadlines", parents=[optional], help="each meeting's legal deadlines and warnings"
    )
    p.set_defaults(handler=deadlines_cmd)

    p = sub.add_parser(
        "meeting-dates", parents=[common], help="create a year's meetings from a pattern"
    )
    p.add_argument("--pattern", help="e.g. 'every 8 weeks on a Friday from 7 September 2018'")
    p.add_argument("--dates", help="a list of dates separated by commas")
    p.add_argument("--time", help="start time, e.g. 10:00")
    p.add_argument("--place", help="where the meetings are held")
    p.set_defaults(handler=meeting_dates_cmd)

    p = sub.add_parser(
        "settings", help="show or change a council's deadline rules and closure days"
    )
    p.add_argument("--name", required=True, help="the council")
    p.add_argument(
        "--rule",
        action="append",
        metavar="KEY=TEXT",
        help="e.g. 'report_deadline=10 working days' or 'member_questions=4 working days at 12:00'",
    )
    p.add_argument("--reset-rule", action="append", metavar="KEY", help="back to the default")
    p.add_argument(
        "--closure-day", action="append", metavar="DATE[=NAME]", help="a day the council is closed"
    )
    p.add_argument("--remove-closure-day", action="append", metavar="DATE")
    p.add_argument("--capacity", type=int, help="substantive items a meeting can take (default 4)")
    p.set_defaults(handler=settings_cmd)
