"""Roles per user per council (``user_role``) and what each role may do.

A role is recorded per council. ``role_of`` answers for a username; ``acting_role``
for whoever is using this session: the PostgreSQL login on a shared database, the
operating-system user on a SQLite file.

The rules (docs/access.md):
- viewer: reads and exports the public programme; changes nothing.
- member: reads the public programme; may propose a topic (a new, public topic with
  status "proposed" and no meeting yet); changes nothing else.
- clerk, chairman: everything, exempt (Part 2) items included.

A council with no roles recorded belongs to whoever keeps it: everyone is its clerk,
so the single-clerk planner file works as before.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from planner.db.models import Council, UserRoleGrant
from planner.enums import UserRole
from planner.errors import NotFoundError, ValidationError

# How much each role may do; a policy asks for "at least" a level.
LEVEL: dict[UserRole, int] = {
    UserRole.VIEWER: 1,
    UserRole.MEMBER: 2,
    UserRole.CLERK: 3,
    UserRole.CHAIRMAN: 3,
}
READ, PROPOSE, EDIT = 1, 2, 3


@dataclass(frozen=True)
class RoleView:
    id: str
    council_id: str
    council_name: str
    username: str
    role: UserRole
    display_name: str | None
    version: int


@dataclass(frozen=True)
class AccessView:
    """What the person using this session may do on one council's programmes."""

    username: str
    council_id: str
    council_name: str
    role: UserRole | None  # None: no role on this council
    enforced_by: str  # "database" (PostgreSQL) or "planner" (a SQLite file)
    configured: bool  # False: no roles recorded, so everyone is the clerk

    @property
    def sees_exempt(self) -> bool:
        return self.role is not None and LEVEL[self.role] >= EDIT

    @property
    def can_edit(self) -> bool:
        return self.sees_exempt

    @property
    def can_propose(self) -> bool:
        return self.role is not None and LEVEL[self.role] >= PROPOSE

    @property
    def sentence(self) -> str:
        """One line for a status bar."""
        if not self.configured:
            return ""
        if self.role is None:
            return f"{self.username} has no role on {self.council_name}'s programmes."
        what = {
            UserRole.VIEWER: "public items only, read-only",
            UserRole.MEMBER: "public items only; may propose topics",
            UserRole.CLERK: "every item, exempt ones included",
            UserRole.CHAIRMAN: "every item, exempt ones included",
        }[self.role]
        return f"{self.username}: {self.role.value} on {self.council_name} ({what})."


def parse_role(value: str) -> UserRole:
    try:
        return UserRole(value.strip().lower())
    except ValueError:
        names = ", ".join(r.value for r in UserRole)
        raise ValidationError("role", f"'{value}' is not a role: use one of {names}.") from None


def os_user() -> str:
    """The operating-system login (not a display name: roles are about who you are)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "") or "unknown user"


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def acting_username(session: Session) -> str:
    if is_postgres(session):
        return str(session.execute(text("SELECT session_user")).scalar_one())
    return os_user()


def unrestricted(session: Session) -> bool:
    """On PostgreSQL: a superuser or the owner of the planner tables, whom neither grants
    nor row-level security restrict (the administrator who runs ``fwp admin``)."""
    if not is_postgres(session):
        return False
    row = session.execute(
        text(
            "SELECT r.rolsuper OR pg_has_role(session_user, t.tableowner, 'USAGE') "
            "FROM pg_roles r, pg_tables t "
            "WHERE r.rolname = session_user AND t.schemaname = current_schema() "
            "AND t.tablename = 'topic'"
        )
    ).first()
    return bool(row and row[0])


def _view(grant: UserRoleGrant, council_name: str) -> RoleView:
    return RoleView(
        grant.id, grant.council_id, council_name, grant.username, grant.role,
        grant.display_name, grant.version,
    )  # fmt: skip


def check_username(username: str) -> str:
    name = username.strip()
    if not name:
        raise ValidationError("username", "The user name must not be blank.")
    if len(name) > 63:
        raise ValidationError("username", "The user name is longer than 63 characters.")
    return name


def grant_role(
    session: Session,
    council_id: str,
    username: str,
    role: UserRole | str,
    display_name: str | None = None,
) -> RoleView:
    """Record (or change) a person's role on a council. Returns the row as saved."""
    council = session.get(Council, council_id)
    if council is None:
        raise NotFoundError(f"There is no council with id {council_id}.")
    name = check_username(username)
    wanted = role if isinstance(role, UserRole) else parse_role(role)
    grant = session.scalars(
        select(UserRoleGrant).where(
            UserRoleGrant.council_id == council_id, UserRoleGrant.username == name
        )
    ).first()
    if grant is None:
        grant = UserRoleGrant(council_id=council_id, username=name, role=wanted)
        session.add(grant)
    else:
        grant.role = wanted
    if display_name is not None:
        grant.display_name = display_name.strip() or None
    session.flush()
    return _view(grant, council.name)


def revoke_role(session: Session, council_id: str, username: str) -> RoleView:
    """Remove a person's role on a council; returns the row that was removed."""
    council = session.get(Council, council_id)
    grant = session.scalars(
        select(UserRoleGrant).where(
            UserRoleGrant.council_id == council_id, UserRoleGrant.username == username.strip()
        )
    ).first()
    if council is None or grant is None:
        where = council.name if council else "that council"
        raise NotFoundError(f"{username.strip()} has no role on {where}.")
    view = _view(grant, council.name)
    session.delete(grant)
    session.flush()
    return view


def list_roles(
    session: Session, council_id: str | None = None, username: str | None = None
) -> list[RoleView]:
    query = select(UserRoleGrant, Council.name).join(
        Council, Council.id == UserRoleGrant.council_id
    )
    if council_id:
        query = query.where(UserRoleGrant.council_id == council_id)
    if username:
        query = query.where(UserRoleGrant.username == username.strip())
    rows = session.execute(query.order_by(Council.name, UserRoleGrant.username)).all()
    return [_view(grant, name) for grant, name in rows]


def roles_configured(session: Session, council_id: str) -> bool:
    count = session.scalar(
        select(func.count())
        .select_from(UserRoleGrant)
        .where(UserRoleGrant.council_id == council_id)
    )
    return bool(count)


def role_of(session: Session, council_id: str, username: str) -> UserRole | None:
    """The role ``username`` has on a council: the recorded one; the clerk when the
    council has no roles recorded at all (a programme nobody has configured belongs
    to whoever keeps it); otherwise None."""
    role = session.scalar(
        select(UserRoleGrant.role).where(
            UserRoleGrant.council_id == council_id, UserRoleGrant.username == username.strip()
        )
    )
    if role is not None:
        return UserRole(role)
    if is_postgres(session) and not unrestricted(session):
        # Row-level security shows a login only its own rows: "no rows visible" does
        # not mean "no roles configured".
        return None
    return None if roles_configured(session, council_id) else UserRole.CLERK


def acting_role(session: Session, council_id: str) -> UserRole | None:
    """The role of whoever uses this session. On a SQLite file someone not named on a
    council that has roles is a viewer there (the file is readable to them anyway)."""
    if unrestricted(session):
        return UserRole.CLERK
    role = role_of(session, council_id, acting_username(session))
    if role is None and not is_postgres(session):
        return UserRole.VIEWER
    return role


def access_of(session: Session, council_id: str) -> AccessView:
    council = session.get(Council, council_id)
    if council is None:
        raise NotFoundError(f"There is no council with id {council_id}.")
    pg = is_postgres(session)
    configured = (pg and not unrestricted(session)) or roles_configured(session, council_id)
    return AccessView(
        username=acting_username(session),
        council_id=council_id,
        council_name=council.name,
        role=acting_role(session, council_id),
        enforced_by="database" if pg else "planner",
        configured=configured,
    )


def sees_exempt(session: Session, council_id: str) -> bool:
    """Whether exempt (Part 2) items of this council are shown to this session."""
    role = acting_role(session, council_id)
    return role is not None and LEVEL[role] >= EDIT
