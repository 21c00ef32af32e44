"""Which command-line option sets which service field, per kind of record."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any, TypeAlias

# What add_subparsers() returns, for the register() functions of each command module.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


@dataclass(frozen=True)
class Opt:
    flag: str
    field: str
    help: str
    boolean: bool = False  # --done / --no-done style


TOPIC = [
    Opt("--description", "description", "purpose of the scrutiny"),
    Opt("--outcome", "outcome", "what the committee wants to achieve"),
    Opt("--method", "method", "e.g. 'Formal report', 'Witness session', 'Task group'"),
    Opt("--officer", "officers", "officer(s) responsible"),
    Opt("--cabinet-member", "cabinet_member", "Cabinet Member"),
    Opt("--witnesses", "witnesses", "witnesses"),
    Opt("--status", "status", "proposed, in development, scheduled, report received, ..."),
    Opt("--source", "source", "member suggestion, cabinet forward plan, call-in, ..."),
    Opt("--exempt", "exempt_paragraph", "Schedule 12A paragraph (1-7); 'none' makes it public"),
    Opt("--position", "position", "order within its meeting"),
    Opt("--substantive", "substantive", "counts against the meeting's capacity", boolean=True),
    Opt("--notes", "notes", "notes"),
]
MEETING = [
    Opt("--time", "start_time", "start time, e.g. 10:00"),
    Opt("--place", "place", "where the meeting is held"),
    Opt("--status", "status", "scheduled, moved, cancelled or held"),
    Opt("--capacity", "capacity", "substantive items the meeting can take"),
    Opt("--notes", "notes", "notes"),
]
GROUP = [
    Opt("--description", "description", "aims of the group"),
    Opt("--outcome", "outcome", "expected outcome"),
    Opt("--members", "members", "members separated by ';' (empty = TBC)"),
    Opt("--lead-member", "lead_member", "lead member"),
    Opt("--start", "start_date", "start date"),
    Opt("--finish", "projected_finish", "projected finish date"),
    Opt("--status", "status", "proposed, terms of reference approved, evidence gathering, ..."),
    Opt("--objectives", "objectives", "scoping: objectives"),
    Opt("--scope-outcomes", "scope_outcomes", "scoping: outcomes"),
    Opt("--lines-of-enquiry", "key_lines_of_enquiry", "scoping: key lines of enquiry"),
    Opt("--witnesses", "witnesses", "scoping: witnesses"),
    Opt("--evidence-methods", "evidence_methods", "scoping: evidence methods"),
    Opt("--key-dates", "key_dates", "scoping: key dates"),
    Opt("--equalities", "equalities", "scoping: equalities implications"),
    Opt("--co-optees", "co_optees", "scoping: co-optees"),
    Opt("--completion-date", "completion_date", "scoping: completion date"),
    Opt("--committee-approved", "committee_approved_on", "date the committee approved it"),
    Opt("--cosc-approved", "cosc_approved_on", "date the Corporate Overview SC approved it"),
    Opt("--exempt", "exempt_paragraph", "Schedule 12A paragraph (1-7); 'none' makes it public"),
    Opt("--notes", "notes", "notes"),
]
RECOMMENDATION = [
    Opt("--item", "item_number", "minute item number: item 7 at a 2018 meeting is 7/18"),
    Opt("--text", "text", "the recommendation"),
    Opt("--addressed-to", "addressed_to", "Cabinet Member, Strategic Director or service"),
    Opt("--response-due", "response_due", "default: two months after the meeting"),
    Opt("--response", "response", "the executive's response"),
    Opt("--agreed", "agreed", "yes, no or in part"),
    Opt("--status", "status", "achieved, on track, slipped or not achieved"),
    Opt("--slipped-to", "slipped_to", "new date when slipped"),
    Opt("--slipped-reason", "slipped_reason", "why it slipped"),
    Opt("--next-review", "next_review", "next review date"),
    Opt("--notes", "notes", "notes"),
]
ACTION = [
    Opt("--owner", "owner", "who does it"),
    Opt("--due", "due", "due date"),
    Opt("--done", "done", "mark done (or --no-done)", boolean=True),
    Opt("--notes", "notes", "notes"),
]
ACTIVITY = [
    Opt("--kind", "kind", "e.g. 'Practice conversation'"),
    Opt("--quarter", "quarter", "e.g. 'Q4 2018'"),
    Opt("--location", "location", "location or quadrant"),
    Opt("--practitioner", "practitioner", "practitioner met"),
    Opt("--date", "date", "date it took place"),
    Opt("--notes", "notes", "notes"),
]
MEMBER = [
    Opt("--honorific", "honorific", "Mr, Mrs, Dr ..."),
    Opt("--role", "role", "elected, co-opted or substitute"),
    Opt("--office", "office", "chairman, vice-chairman or none"),
    Opt("--representing", "representing", "e.g. 'Parent Governor Representative'"),
]
COMMITTEE = [
    Opt("--chairman", "chairman", "the Chairman's name"),
    Opt("--vice-chairman", "vice_chairman", "the Vice-Chairman's name"),
    Opt("--terms", "terms_of_reference", "service areas separated by ';'"),
    Opt("--contact-name", "contact_name", "contact officer"),
    Opt("--contact-email", "contact_email", "contact officer's email"),
    Opt("--contact-phone", "contact_phone", "contact officer's phone"),
    Opt("--contact-room", "contact_room", "contact officer's room"),
    Opt("--notes", "notes", "notes"),
]


def add_version_option(parser: argparse.ArgumentParser) -> None:
    """Optimistic concurrency for scripts: refuse if someone changed the record since."""
    parser.add_argument(
        "--expected-version",
        type=int,
        metavar="N",
        help="on edit, move or delete: refuse (exit status 1) unless the record is still at "
        "version N, as the last edit printed it",
    )


def add_options(parser: argparse.ArgumentParser, options: list[Opt]) -> None:
    for opt in options:
        dest = "opt_" + opt.field
        if opt.boolean:
            parser.add_argument(
                opt.flag, dest=dest, action=argparse.BooleanOptionalAction, help=opt.help
            )
        else:
            parser.add_argument(opt.flag, dest=dest, metavar="TEXT", help=opt.help)


def changes_from(args: argparse.Namespace, options: list[Opt]) -> dict[str, Any]:
    """Only the options given on the command line become changes."""
    changes: dict[str, Any] = {}
    for opt in options:
        value = getattr(args, "opt_" + opt.field, None)
        if value is not None:
            if opt.field == "office" and str(value).strip().lower() == "none":
                value = None
            changes[opt.field] = value
    return changes
