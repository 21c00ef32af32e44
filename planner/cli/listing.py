"""``fwp list …``, ``fwp search …`` and ``fwp programme``: reading the programme in a terminal."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session

from planner.cli import find
from planner.cli.output import short_id, table
from planner.dates import format_date, format_time, parse_municipal_year
from planner.enums import label
from planner.services import actions, committees, groups, meetings, recommendations, topics
from planner.services.lookup import committee_ids_named, council_by_name
from planner.services.programme import programme


def _committee_ids(
    session: Session, args: argparse.Namespace, across_years: bool
) -> list[str] | None:
    """The committee-years a list covers: one year, every year of a committee, or all."""
    if args.committee:
        committee = find.committee(session, args)
        if across_years and not args.year:
            return committee_ids_named(session, committee)
        return [committee.id]
    views = committees.list_committees(
        session, council_by_name(session, args.council).id if args.council else None
    )
    year = parse_municipal_year(args.year) if args.year else None
    if year is None and not args.council:
        return None
    return [c.id for c in views if year is None or c.municipal_year == year]


def list_cmd(session: Session, args: argparse.Namespace) -> str:
    what = args.what
    if what == "committees":
        rows = [
            [
                c.council_name,
                c.name,
                c.municipal_year,
                c.chairman,
                c.vice_chairman,
                str(len(c.members)),
            ]
            for c in committees.list_committees(session)
            if (not args.year or c.municipal_year == parse_municipal_year(args.year))
            and (not args.committee or c.name.lower() == args.committee.lower())
        ]
        return table(["Council", "Committee", "Year", "Chairman", "Vice-Chairman", "Members"], rows)
    ids = _committee_ids(session, args, across_years=what in {"recommendations", "actions"})
    if what == "meetings":
        return table(
            ["Id", "Committee", "Year", "Date", "Time", "Place", "Status", "Topics"],
            [
                [
                    short_id(m.id),
                    m.committee_name,
                    m.municipal_year,
                    format_date(m.date),
                    format_time(m.start_time),
                    m.place,
                    label(m.status),
                    str(m.topic_count),
                ]
                for m in meetings.list_meetings(session, ids, words=args.search)
            ],
        )
    if what == "topics":
        return table(
            [
                "Id",
                "Committee",
                "Year",
                "When",
                "Topic",
                "Method",
                "Officer(s)",
                "Status",
                "Exempt",
            ],
            [
                [
                    short_id(t.id),
                    t.committee_name,
                    t.municipal_year,
                    t.when,
                    t.title,
                    t.method,
                    t.officers,
                    label(t.status),
                    f"para {t.exempt_paragraph}" if t.exempt else "",
                ]
                for t in topics.list_topics(session, ids, words=args.search)
            ],
        )
    if what == "groups":
        return table(
            ["Id", "Committee", "Year", "Topic", "Finish", "Membership", "Status"],
            [
                [
                    short_id(g.id),
                    g.committee_name,
                    g.municipal_year,
                    g.title,
                    format_date(g.projected_finish),
                    g.membership,
                    label(g.status),
                ]
                for g in groups.list_groups(session, ids, words=args.search)
            ],
        )
    if what == "recommendations":
        return table(
            ["Ref", "Meeting", "Recommendation", "Addressed to", "Response due", "Status", "RAG"],
            [
                [
                    r.reference,
                    format_date(r.meeting_date),
                    r.text,
                    r.addressed_to,
                    format_date(r.response_due) + (" OVERDUE" if r.response_overdue else ""),
                    label(r.status) or "Awaiting response",
                    r.rag.value.capitalize(),
                ]
                for r in recommendations.list_recommendations(session, ids, words=args.search)
            ],
        )
    if what == "actions":
        return table(
            ["Id", "Meeting", "Action", "Owner", "Due", "Done"],
            [
                [
                    short_id(a.id),
                    format_date(a.meeting_date),
                    a.text,
                    a.owner,
                    format_date(a.due) + (" OVERDUE" if a.overdue else ""),
                    "yes" if a.done else "no",
                ]
                for a in actions.list_actions(session, ids, words=args.search)
            ],
        )
    return table(
        ["Id", "Kind", "Member", "Quarter", "Location", "Date"],
        [
            [short_id(a.id), a.kind, a.member, a.quarter, a.location, format_date(a.date)]
            for a in actions.list_activities(session, ids)
        ],
    )


def search_cmd(session: Session, args: argparse.Namespace) -> str:
    council_id = council_by_name(session, args.council).id if args.council else None
    found = topics.search_topics(session, " ".join(args.words), council_id)
    if not found:
        return f"No topic mentions '{' '.join(args.words)}'."
    return table(
        ["Year", "Committee", "When", "Topic", "Status"],
        [[t.municipal_year, t.committee_name, t.when, t.title, label(t.status)] for t in found],
    )


def programme_cmd(session: Session, args: argparse.Namespace) -> str:
    prog = programme(session, find.committee(session, args).id, public=args.public)
    parts = [prog.title, prog.chairs_line, ""]
    parts.append(
        table(
            [
                "Date of Meeting",
                "Scrutiny Topic",
                "Description",
                "Outcome",
                "Method",
                "Officer(s) responsible",
            ],
            [
                [t.when, t.title, t.description, t.outcome, t.method, t.officers]
                for t in prog.scheduled
            ],
        )
    )
    parts += [
        "",
        "Task Groups",
        table(
            ["Projected finish date", "Topic", "Description", "Outcome", "Membership"],
            [
                [format_date(g.projected_finish), g.title, g.description, g.outcome, g.membership]
                for g in prog.task_groups
            ],
        ),
    ]
    parts += [
        "",
        "In Development",
        table(
            ["Topic", "Description", "Outcome", "Method"],
            [[t.title, t.description, t.outcome, t.method] for t in prog.in_development],
        ),
    ]
    return "\n".join(parts)
