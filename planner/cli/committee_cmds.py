"""``fwp council|committee|member add|edit|delete``."""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.cli import find
from planner.cli import options as o
from planner.db.models import CommitteeMember
from planner.errors import ValidationError
from planner.services import committees
from planner.services.lookup import committee_by_name, council_by_name
from planner.services.name_match import same_name


def council_cmd(session: Session, args: argparse.Namespace) -> str:
    if args.action == "add":
        view = committees.create_council(session, name=args.name, nation=args.nation or "england")
        return f"Added {view.name} ({view.nation.value.capitalize()})."
    council = council_by_name(session, args.name)
    if args.action == "delete":
        committees.delete_council(session, council.id, expected_version=args.expected_version)
        return f"Deleted {council.name}."
    changes = {k: v for k, v in (("name", args.new_name), ("nation", args.nation)) if v}
    view = committees.update_council(
        session, council.id, expected_version=args.expected_version, **changes,
    )
    return f"Saved {view.name} ({view.nation.value.capitalize()}; version {view.version})."


def committee_cmd(session: Session, args: argparse.Namespace) -> str:
    if not args.year:
        raise ValidationError("municipal_year", "Give the municipal year, e.g. --year 2018/19.")
    changes = o.changes_from(args, o.COMMITTEE)
    if args.action == "add":
        if not args.council:
            raise ValidationError("council", "Say which council: --council NAME.")
        council = council_by_name(session, args.council)
        view = committees.create_committee(
            session, council.id, name=args.name, municipal_year=args.year, **changes
        )
        return f"Added {view.name} {view.municipal_year}."
    committee = committee_by_name(session, args.name, args.year, council=args.council)
    if args.action == "delete":
        committees.delete_committee(session, committee.id, expected_version=args.expected_version)
        return f"Deleted {committee.name} {committee.municipal_year}."
    if args.new_name:
        changes["name"] = args.new_name
    if args.new_year:
        changes["municipal_year"] = args.new_year
    view = committees.update_committee(
        session, committee.id, expected_version=args.expected_version, **changes,
    )
    return (
        f"Saved {view.name} {view.municipal_year} (Chairman: {view.chairman or 'TBC'}; "
        f"version {view.version})."
    )


def member_cmd(session: Session, args: argparse.Namespace) -> str:
    committee = find.committee(session, args)
    changes = o.changes_from(args, o.MEMBER)
    if args.action == "add":
        view = committees.add_member(session, committee.id, name=args.name, **changes)
        return f"Added {view.name} to {committee.name} {committee.municipal_year}."
    query = select(CommitteeMember).where(
        CommitteeMember.committee_id == committee.id,
        same_name(CommitteeMember.name, args.name.strip()),
    )
    member = find.only(list(session.scalars(query).unique()), "member", args.name)
    if args.action == "delete":
        committees.remove_member(session, member.id, expected_version=args.expected_version)
        return f"Removed {member.name}."
    if args.new_name:
        changes["name"] = args.new_name
    view = committees.update_member(
        session, member.id, expected_version=args.expected_version, **changes,
    )
    return f"Saved {view.name} (version {view.version})."


def register(sub: o.Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("council", help="add, edit or delete a council")
    p.add_argument("action", choices=["add", "edit", "delete"])
    p.add_argument("--name", required=True)
    p.add_argument("--new-name")
    p.add_argument("--nation", choices=["england", "wales"], help="sets the legal deadlines")
    o.add_version_option(p)
    p.set_defaults(handler=council_cmd)

    p = sub.add_parser("committee", help="add, edit or delete a committee's municipal year")
    p.add_argument("action", choices=["add", "edit", "delete"])
    p.add_argument("--council", help="the council")
    p.add_argument("--name", required=True, help="the committee's name")
    p.add_argument("--year", help="municipal year, e.g. 2018/19")
    p.add_argument("--new-name")
    p.add_argument("--new-year")
    o.add_options(p, o.COMMITTEE)
    o.add_version_option(p)
    p.set_defaults(handler=committee_cmd)

    p = sub.add_parser("member", parents=[common], help="add, edit or remove a committee member")
    p.add_argument("action", choices=["add", "edit", "delete"])
    p.add_argument("--name", required=True)
    p.add_argument("--new-name")
    o.add_options(p, o.MEMBER)
    o.add_version_option(p)
    p.set_defaults(handler=member_cmd)
