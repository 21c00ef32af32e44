"""``fwp admin setup|grant|revoke|list``: roles per user per council (docs/access.md)."""

from __future__ import annotations

import argparse
import getpass
import os

from sqlalchemy.orm import Session

from planner.access import admin, pg_setup
from planner.access.roles import parse_role
from planner.cli import options as o
from planner.cli.output import table
from planner.errors import ValidationError
from planner.services.lookup import council_by_name


def _label(session: Session) -> str:
    return session.get_bind().engine.url.database or "this file"


def read_password(args: argparse.Namespace, login: str) -> str | None:
    """From the terminal (never echoed) or an environment variable; never printed."""
    if args.password_env:
        value = os.environ.get(args.password_env)
        if not value:
            raise ValidationError(
                "password", f"The environment variable {args.password_env} is not set."
            )
        return value
    if not args.password_prompt:
        return None
    first = getpass.getpass(f"New password for {login}: ")
    if not first:
        raise ValidationError("password", "The password must not be empty.")
    if getpass.getpass(f"The same password again for {login}: ") != first:
        raise ValidationError("password", "The two passwords are not the same; nothing changed.")
    return first


def setup_cmd(session: Session, args: argparse.Namespace) -> str:
    pg_setup.require_postgres(session, _label(session))
    report = pg_setup.setup(session)
    made = f"created {', '.join(report.created)}" if report.created else "group roles already there"
    lines = [
        f"Roles are set up for this database ({made}): {len(report.tables)} tables granted, "
        f"{report.policies} row-level security policies.",
        f"Group roles: {', '.join(report.groups)}.",
    ]
    if report.unruled:
        lines.append(
            "Granted without council rules (not in this version's list): "
            + ", ".join(report.unruled)
            + "."
        )
    return "\n".join(lines)


def grant_cmd(session: Session, args: argparse.Namespace) -> str:
    council = council_by_name(session, args.council)
    role = parse_role(args.role)
    if session.get_bind().dialect.name != "postgresql" and (
        args.password_prompt or args.password_env
    ):
        raise ValidationError(
            "password", "A SQLite file has no database logins, so a role there takes no password."
        )
    password = read_password(args, args.user.strip())
    result = admin.grant_access(
        session, council.id, args.user, role, password=password, display_name=args.display_name
    )
    who = result.role.username
    line = f"{who} is now a {result.role.role.value} on {council.name}'s programmes"
    if result.group is None and result.also_clerk:
        return f"{line}; {result.also_clerk} is recorded as its clerk (its first role)."
    if result.group is None:
        return f"{line} (checked by the planner: this is a SQLite file)."
    if result.login_created and not result.password_set:
        tail = "; the new login has no password yet: set one with --password-prompt"
    elif result.login_created:
        tail = "; login role created with its password"
    else:
        tail = "; password changed" if result.password_set else ""
    return f"{line} (login {who}, member of {result.group}){tail}."


def revoke_cmd(session: Session, args: argparse.Namespace) -> str:
    council = council_by_name(session, args.council)
    view, group = admin.revoke_access(session, council.id, args.user)
    line = f"{view.username} no longer has a role on {council.name}'s programmes"
    if session.get_bind().dialect.name != "postgresql":
        return line + "."
    if group is None:
        return line + "; with no role left, the login can no longer use this database."
    return line + f"; the login stays a member of {group} for its other councils."


def list_cmd(session: Session, args: argparse.Namespace) -> str:
    council_id = council_by_name(session, args.council).id if args.council else None
    rows = admin.list_access(session, council_id)
    if not rows:
        return "No roles are recorded: whoever keeps the programme is its clerk."
    pg = session.get_bind().dialect.name == "postgresql"
    headers = ["Council", "User", "Role", "Name"] + (["Group role"] if pg else [])
    body = [
        [r.role.council_name, r.role.username, r.role.role.value, r.role.display_name or ""]
        + ([r.group or "(none)"] if pg else [])
        for r in rows
    ]
    return table(headers, body)


def register(sub: o.Subparsers) -> None:
    p = sub.add_parser("admin", help="roles per user per council (PostgreSQL enforces them)")
    actions = p.add_subparsers(dest="admin_action", required=True, parser_class=type(p))
    s = actions.add_parser("setup", help="create the group roles, grants and policies")
    s.set_defaults(handler=setup_cmd)
    g = actions.add_parser("grant", help="give a person a role on a council")
    g.add_argument("--council", required=True, help="council name")
    g.add_argument("--user", required=True, help="login name (on a SQLite file: the OS user)")
    g.add_argument("--role", required=True, help="viewer, member, clerk or chairman")
    g.add_argument("--display-name", help="the person's name as the history shows it")
    pw = g.add_mutually_exclusive_group()
    pw.add_argument("--password-prompt", action="store_true", help="ask for the password")
    pw.add_argument("--password-env", metavar="VAR", help="take the password from $VAR")
    g.set_defaults(handler=grant_cmd)
    r = actions.add_parser("revoke", help="take a person's role on a council away")
    r.add_argument("--council", required=True)
    r.add_argument("--user", required=True)
    r.set_defaults(handler=revoke_cmd)
    ls = actions.add_parser("list", help="who has which role")
    ls.add_argument("--council")
    ls.set_defaults(handler=list_cmd)
