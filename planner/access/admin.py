"""Granting and revoking roles as one action, on either kind of database.

On PostgreSQL a grant also creates or updates the person's login role and its group
membership (so the database enforces it); on a SQLite file it only records the role,
which the planner checks itself. Only the owner of the PostgreSQL tables (or a
superuser) may do either there; on a SQLite file, a clerk or chairman of the council.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from planner.access import pg_logins, pg_setup
from planner.access.roles import (
    RoleView,
    grant_role,
    is_postgres,
    list_roles,
    os_user,
    revoke_role,
    roles_configured,
)
from planner.enums import UserRole
from planner.errors import ValidationError


@dataclass(frozen=True)
class GrantResult:
    role: RoleView
    login_created: bool  # PostgreSQL: a new login role was made
    group: str | None  # PostgreSQL: the group role the login is now a member of
    password_set: bool
    also_clerk: str | None  # SQLite: the file's user, recorded as clerk with the first role


@dataclass(frozen=True)
class ListedRole:
    role: RoleView
    group: str | None  # PostgreSQL: the login's group role here ("" if none)


def grant_access(
    session: Session,
    council_id: str,
    username: str,
    role: UserRole,
    *,
    password: str | None = None,
    display_name: str | None = None,
) -> GrantResult:
    if not is_postgres(session):
        if password is not None:
            raise ValidationError(
                "password",
                "A SQLite file has no database logins, so a role there takes no password.",
            )
        also = None
        me = os_user()
        if not roles_configured(session, council_id) and username.strip() != me:
            # The first role on a council: its keeper stays its clerk.
            grant_role(session, council_id, me, UserRole.CLERK)
            also = me
        view = grant_role(session, council_id, username, role, display_name)
        return GrantResult(view, False, None, False, also)
    pg_setup.require_admin(session)
    ns = pg_setup.namespace(session)
    pg_logins.require_groups(session, ns)
    login = pg_logins.check_login(username, ns)
    created = pg_logins.ensure_login(session, login, password)
    view = grant_role(session, council_id, login, role, display_name)
    group = pg_logins.sync_membership(session, login)
    return GrantResult(view, created, group, password is not None, None)


def revoke_access(session: Session, council_id: str, username: str) -> tuple[RoleView, str | None]:
    """Removes the role; on PostgreSQL the login keeps only the group of the roles it
    has left (none: it can no longer connect to this database). Returns the group."""
    if is_postgres(session):
        pg_setup.require_admin(session)
    view = revoke_role(session, council_id, username)
    group = pg_logins.sync_membership(session, view.username) if is_postgres(session) else None
    return view, group


def list_access(session: Session, council_id: str | None = None) -> list[ListedRole]:
    roles = list_roles(session, council_id)
    if not is_postgres(session):
        return [ListedRole(r, None) for r in roles]
    groups = pg_logins.login_groups(session, pg_setup.namespace(session))
    return [ListedRole(r, groups.get(r.username, "")) for r in roles]
