"""``fwp history`` (a committee's or a topic's changes), ``fwp history deleted`` and
``fwp restore CHANGE_ID``."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.cli import find
from planner.cli import options as o
from planner.cli.output import short_id, table
from planner.db.models import ChangeLog, Committee, Topic
from planner.errors import NotFoundError, ValidationError
from planner.services import history as h
from planner.services.history_rows import history_rows


def _topic_id(session: Session, committee: Committee, title: str) -> tuple[str, str]:
    """The topic called ``title`` in the committee-year, or one deleted from it."""
    wanted = title.strip()
    found = list(
        session.scalars(
            select(Topic).where(
                Topic.committee_id == committee.id, func.lower(Topic.title) == wanted.lower()
            )
        )
    )
    if found:
        topic = find.only(found, "topic", title)
        return topic.id, topic.title
    gone = session.execute(
        select(ChangeLog.record_id, ChangeLog.summary)
        .where(
            ChangeLog.table_name == "topic",
            ChangeLog.committee_id == committee.id,
            func.lower(ChangeLog.summary) == wanted.lower(),
        )
        .distinct()
    ).all()
    if not gone:
        raise NotFoundError(
            f"{committee.name} {committee.municipal_year} has no topic called '{title}', "
            "now or in its history."
        )
    if len({record for record, _ in gone}) > 1:
        raise NotFoundError(f"Several topics have been called '{title}'; I cannot tell which.")
    return gone[0][0], gone[0][1] or title


def history_cmd(session: Session, args: argparse.Namespace) -> str:
    committee = find.committee(session, args)
    if args.what == "deleted":
        return _deleted(session, committee)
    if args.topic:
        topic_id, title = _topic_id(session, committee, args.topic)
        changes = h.record_history(session, "topic", topic_id)
        heading = f"History of the topic '{title}' ({committee.name} {committee.municipal_year})"
    else:
        changes = h.committee_history(session, committee.id, moves=False)
        heading = f"{committee.name} {committee.municipal_year}: change history"
    rows = history_rows(session, changes)
    with_record = not args.topic
    if args.out:
        from planner.export.history_file import export_history

        written = export_history(rows, Path(args.out), heading, with_record=with_record)
        return f"Wrote {len(changes)} change(s) ({len(rows)} rows) to {written}."
    if not changes:
        return f"{heading}: no changes recorded."
    headers = ["When", "Who", "Action", *(["Record"] if with_record else []), "Field"]
    lines = [
        [r.when, r.who, r.action, *([r.record] if with_record else []), r.field, r.old, r.new]
        for r in rows
    ]
    return heading + "\n" + table([*headers, "Old value", "New value"], lines)


def _deleted(session: Session, committee: Committee) -> str:
    gone = h.deleted_records(session, committee.id)
    name = f"{committee.name} {committee.municipal_year}"
    if not gone:
        return f"Nothing deleted from {name} is waiting to be restored."
    rows = [
        [short_id(c.id), c.kind[:1].upper() + c.kind[1:], c.summary, c.when, c.who] for c in gone
    ]
    return f"Deleted from {name} (restore with: fwp restore CHANGE_ID)\n" + table(
        ["Change", "Kind", "Record", "Deleted", "By"], rows
    )


def _delete_change(session: Session, prefix: str) -> str:
    cleaned = prefix.strip()
    if len(cleaned) < 4:
        raise ValidationError("change_id", "Give at least the first 4 characters of the change id.")
    found = list(
        session.scalars(
            select(ChangeLog.id).where(
                ChangeLog.id.startswith(cleaned.lower()), ChangeLog.action == "delete"
            )
        )
    )
    if not found:
        if session.scalars(select(ChangeLog.id).where(ChangeLog.id.startswith(cleaned))).first():
            raise ValidationError(
                "change_id", f"The change {cleaned} is not a deletion; only a deletion is restored."
            )
        raise NotFoundError(f"There is no deletion with the id {cleaned} in the history.")
    if len(found) > 1:
        raise NotFoundError(f"The id {cleaned} fits several deletions; give more of it.")
    return found[0]


def restore_cmd(session: Session, args: argparse.Namespace) -> str:
    result = h.restore_deleted(session, _delete_change(session, args.change_id))
    return result.message


def register(sub: o.Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "history",
        parents=[common],
        help="who changed what and when, for a committee-year or one topic",
    )
    p.add_argument("what", nargs="?", choices=["deleted"], help="'deleted': what can be restored")
    p.add_argument("--topic", metavar="TITLE", help="only this topic (deleted ones too)")
    p.add_argument("--out", metavar="FILE", help="write the history to a .xlsx or .csv file")
    p.set_defaults(handler=history_cmd)
    p = sub.add_parser("restore", help="bring back a deleted record (see: fwp history deleted)")
    p.add_argument("change_id", help="the deletion's change id (its first 8 characters will do)")
    p.set_defaults(handler=restore_cmd)
