"""``fwp recommendation|action|activity add|edit|delete``."""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.cli import find
from planner.cli import options as o
from planner.cli.output import short_id
from planner.dates import format_date
from planner.db.models import Action, MemberActivity, Recommendation
from planner.errors import ValidationError
from planner.services import actions, recommendations
from planner.services.lookup import committee_ids_named
from planner.services.name_match import holds_word


def recommendation_cmd(session: Session, args: argparse.Namespace) -> str:
    committee = find.committee(session, args, args.meeting if args.action == "add" else None)
    changes = o.changes_from(args, o.RECOMMENDATION)
    if args.action == "add":
        changes["meeting_id"] = find.meeting_id(session, committee, args.meeting)
        view = recommendations.create_recommendation(
            session, committee.id, reference=args.ref, **changes
        )
        due = f"; response due {format_date(view.response_due)}" if view.response_due else ""
        return f"Added recommendation {view.reference}{due}."
    if args.id:
        rec = find.by_id(session, Recommendation, args.id, "recommendation")
    elif args.ref:
        # References run across years in a tracker, so look in every year of the committee.
        query = select(Recommendation).where(
            Recommendation.committee_id.in_(committee_ids_named(session, committee)),
            Recommendation.reference == args.ref.strip(),
        )
        rec = find.only(list(session.scalars(query).unique()), "recommendation", args.ref)
    else:
        raise ValidationError("reference", "Say which recommendation: --ref REF or --id ID.")
    if args.action == "delete":
        recommendations.delete_recommendation(
            session, rec.id, expected_version=args.expected_version
        )
        return f"Deleted recommendation {rec.reference}."
    if args.meeting is not None:
        changes["meeting_id"] = find.meeting_id(session, rec.committee, args.meeting)
    if args.new_ref:
        changes["reference"] = args.new_ref
    view = recommendations.update_recommendation(
        session, rec.id, expected_version=args.expected_version, **changes
    )
    status = view.status.value if view.status else "awaiting response"
    return f"Recommendation {view.reference} saved ({status}; version {view.version})."


def action_cmd(session: Session, args: argparse.Namespace) -> str:
    committee = find.committee(session, args, args.meeting if args.action == "add" else None)
    changes = o.changes_from(args, o.ACTION)
    if args.action == "add":
        changes["meeting_id"] = find.meeting_id(session, committee, args.meeting)
        view = actions.create_action(session, committee.id, text=args.text or "", **changes)
        return f"Added action [{short_id(view.id)}]."
    if args.id:
        action = find.by_id(session, Action, args.id, "action")
    else:
        query = select(Action).where(
            Action.committee_id == committee.id, holds_word(Action.text, (args.text or "").strip())
        )
        action = find.only(list(session.scalars(query).unique()), "action", args.text or "")
    if args.action == "delete":
        actions.delete_action(session, action.id, expected_version=args.expected_version)
        return "Deleted the action."
    if args.new_text:
        changes["text"] = args.new_text
    if args.meeting is not None:
        changes["meeting_id"] = find.meeting_id(session, committee, args.meeting)
    view = actions.update_action(
        session, action.id, expected_version=args.expected_version, **changes
    )
    return f"Action saved ({'done' if view.done else 'open'}; version {view.version})."


def activity_cmd(session: Session, args: argparse.Namespace) -> str:
    committee = find.committee(session, args)
    changes = o.changes_from(args, o.ACTIVITY)
    if args.action == "add":
        view = actions.create_activity(session, committee.id, member=args.member or "", **changes)
        return f"Added {view.kind.lower()} for {view.member} [{short_id(view.id)}]."
    if not args.id:
        raise ValidationError("id", "Say which activity: --id ID (see 'fwp list activities').")
    activity = find.by_id(session, MemberActivity, args.id, "activity")
    if args.action == "delete":
        actions.delete_activity(session, activity.id, expected_version=args.expected_version)
        return "Deleted the activity."
    if args.member:
        changes["member"] = args.member
    view = actions.update_activity(
        session, activity.id, expected_version=args.expected_version, **changes
    )
    return f"Saved {view.kind.lower()} for {view.member} (version {view.version})."


def register(sub: o.Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "recommendation", parents=[common], help="add, edit or delete a recommendation"
    )
    p.add_argument("action", choices=["add", "edit", "delete"])
    p.add_argument("--ref", help="reference, e.g. 7/18 (default: from --item and the meeting)")
    p.add_argument("--id", help="the recommendation's id (or its first characters)")
    p.add_argument("--new-ref", help="change the reference")
    p.add_argument("--meeting", help="date of the meeting that made it")
    o.add_options(p, o.RECOMMENDATION)
    o.add_version_option(p)
    p.set_defaults(handler=recommendation_cmd)

    p = sub.add_parser("action", parents=[common], help="add, edit or delete an action")
    p.add_argument("action", choices=["add", "edit", "delete"])
    p.add_argument("--text", help="what is to be done (on edit: words that find it)")
    p.add_argument("--id", help="the action's id (or its first characters)")
    p.add_argument("--new-text", help="change the text")
    p.add_argument("--meeting", help="date of the meeting it came from")
    o.add_options(p, o.ACTION)
    o.add_version_option(p)
    p.set_defaults(handler=action_cmd)

    p = sub.add_parser("activity", parents=[common], help="add, edit or delete a member activity")
    p.add_argument("action", choices=["add", "edit", "delete"])
    p.add_argument("--member", help="the member")
    p.add_argument("--id", help="the activity's id (or its first characters)")
    o.add_options(p, o.ACTIVITY)
    o.add_version_option(p)
    p.set_defaults(handler=activity_cmd)
