"""``fwp topic|meeting|group add|edit|move|delete``."""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.cli import find
from planner.cli import options as o
from planner.cli.output import short_id
from planner.dates import format_date, parse_date
from planner.db.models import TaskGroup, Topic
from planner.errors import ValidationError
from planner.services import groups, meetings, topics
from planner.services.lookup import meeting_on
from planner.services.name_match import same_name


def topic_cmd(session: Session, args: argparse.Namespace) -> str:
    on = args.meeting if args.action == "add" else None
    committee = find.committee(session, args, on)
    changes = o.changes_from(args, o.TOPIC)
    if args.action == "add":
        changes["meeting_id"] = find.meeting_id(session, committee, args.meeting)
        changes["timing"] = args.timing
        view = topics.create_topic(session, committee.id, title=args.title or "", **changes)
        return f"Added topic '{view.title}' ({view.when}) [{short_id(view.id)}]."
    if args.id:
        topic = find.by_id(session, Topic, args.id, "topic")
    elif args.title:
        query = select(Topic).where(
            Topic.committee_id == committee.id, same_name(Topic.title, args.title.strip())
        )
        topic = find.only(list(session.scalars(query).unique()), "topic", args.title)
    else:
        raise ValidationError("title", "Say which topic: --title TEXT or --id ID.")
    if args.action == "delete":
        topics.delete_topic(session, topic.id, expected_version=args.expected_version)
        return f"Deleted topic '{topic.title}'."
    wants_move = args.meeting is not None or args.timing is not None or args.unschedule
    if args.action == "move" and not wants_move:
        raise ValidationError(
            "meeting", "Say where the topic goes: --meeting DATE, --timing TEXT or --unschedule."
        )
    expected = args.expected_version
    if wants_move:
        expected = topics.move_topic(
            session,
            topic.id,
            meeting_id=find.meeting_id(session, committee, args.meeting),
            timing=args.timing,
            reason=args.reason,
            expected_version=expected,
        ).version  # the edit below follows our own move
    if args.new_title:
        changes["title"] = args.new_title
    view = (
        topics.update_topic(session, topic.id, expected_version=expected, **changes)
        if changes
        else topics.get_topic(session, topic.id)
    )
    deferred = f"; deferred {view.deferral_count} time(s)" if view.deferral_count else ""
    return f"Topic '{view.title}' is at {view.when}{deferred} (version {view.version})."


def meeting_cmd(session: Session, args: argparse.Namespace) -> str:
    committee = find.committee(session, args, args.date)
    changes = o.changes_from(args, o.MEETING)
    day = parse_date(args.date, "date")
    if args.action == "add":
        view = meetings.create_meeting(session, committee.id, date=day, **changes)
        return f"Added the meeting of {format_date(view.date)} [{short_id(view.id)}]."
    meeting = meeting_on(session, committee, day)
    if args.action == "delete":
        move_to = find.meeting_id(session, committee, args.move_to) if args.move_to else None
        meetings.delete_meeting(
            session, meeting.id, topics=args.topics, move_to=move_to,
            expected_version=args.expected_version,
        )
        return f"Deleted the meeting of {format_date(day)}."
    if args.new_date:
        changes["date"] = args.new_date
    view = meetings.update_meeting(
        session, meeting.id, expected_version=args.expected_version, **changes
    )
    return (
        f"The meeting is on {format_date(view.date)} ({view.status.value}; "
        f"version {view.version})."
    )


def group_cmd(session: Session, args: argparse.Namespace) -> str:
    committee = find.committee(session, args)
    changes = o.changes_from(args, o.GROUP)
    if args.action == "add":
        view = groups.create_group(session, committee.id, title=args.title or "", **changes)
        return f"Added task group '{view.title}' [{short_id(view.id)}]."
    if args.id:
        group = find.by_id(session, TaskGroup, args.id, "task group")
    else:
        query = select(TaskGroup).where(
            TaskGroup.committee_id == committee.id,
            same_name(TaskGroup.title, (args.title or "").strip()),
        )
        group = find.only(list(session.scalars(query).unique()), "task group", args.title or "")
    if args.action == "delete":
        groups.delete_group(session, group.id, expected_version=args.expected_version)
        return f"Deleted task group '{group.title}'."
    if args.new_title:
        changes["title"] = args.new_title
    view = groups.update_group(session, group.id, expected_version=args.expected_version, **changes)
    return f"Task group '{view.title}' saved ({view.status.value}; version {view.version})."


def register(sub: o.Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("topic", parents=[common], help="add, edit, move or delete a topic")
    p.add_argument("action", choices=["add", "edit", "move", "delete"])
    p.add_argument("--title", help="the topic's title (identifies it for edit/move/delete)")
    p.add_argument("--id", help="the topic's id (or its first characters)")
    p.add_argument("--new-title", help="rename the topic")
    p.add_argument("--meeting", help="meeting date the topic is planned for ('none' for none)")
    p.add_argument("--timing", help="loose timing instead of a meeting, e.g. 'Early 2019'")
    p.add_argument("--unschedule", action="store_true", help="back to 'In Development'")
    p.add_argument("--reason", help="why the topic is being moved")
    o.add_options(p, o.TOPIC)
    o.add_version_option(p)
    p.set_defaults(handler=topic_cmd)

    p = sub.add_parser("meeting", parents=[common], help="add, edit or delete a meeting")
    p.add_argument("action", choices=["add", "edit", "delete"])
    p.add_argument("--date", required=True, help="the meeting's date (identifies it)")
    p.add_argument("--new-date", help="move the meeting to this date")
    p.add_argument(
        "--topics",
        choices=["move", "unschedule", "delete"],
        help="on delete: what happens to the meeting's topics",
    )
    p.add_argument("--move-to", help="on delete with --topics move: the meeting they move to")
    o.add_options(p, o.MEETING)
    o.add_version_option(p)
    p.set_defaults(handler=meeting_cmd)

    p = sub.add_parser("group", parents=[common], help="add, edit or delete a task group")
    p.add_argument("action", choices=["add", "edit", "delete"])
    p.add_argument("--title", help="the group's topic (identifies it)")
    p.add_argument("--id", help="the group's id (or its first characters)")
    p.add_argument("--new-title", help="rename the group")
    o.add_options(p, o.GROUP)
    o.add_version_option(p)
    p.set_defaults(handler=group_cmd)
