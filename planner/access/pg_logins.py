"""One PostgreSQL login role per person, a member of the group of their highest role.

Passwords go to the server only as a SCRAM-SHA-256 verifier computed here, so that
neither the statement nor any server log ever holds the password itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from planner.access.pg_setup import GROUPS, _q, group_name, namespace, role_exists
from planner.access.roles import LEVEL
from planner.db.models import UserRoleGrant
from planner.enums import UserRole
from planner.errors import AccessDeniedError, DatabaseError, ValidationError

LOGIN_PATTERN = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")


def scram_verifier(password: str, salt: bytes | None = None, iterations: int = 4096) -> str:
    """What PostgreSQL stores for a password (RFC 5802/7677); it accepts it as given."""
    salt = salt if salt is not None else os.urandom(16)
    salted = hashlib.pbkdf2_hmac(
        "sha256", unicodedata.normalize("NFKC", password).encode(), salt, iterations
    )
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def check_login(login: str, ns: str) -> str:
    name = login.strip()
    if not LOGIN_PATTERN.match(name):
        raise ValidationError(
            "user",
            f"'{name}' cannot be a login name: use lower-case letters, digits, '_', '.' "
            "or '-', starting with a letter, at most 63 characters.",
        )
    if name.startswith("pg_") or name.startswith(f"fwp_{ns}_"):
        raise ValidationError("user", f"'{name}' is reserved for PostgreSQL or the planner.")
    return name


def require_groups(session: Session, ns: str) -> None:
    if not all(role_exists(session, group_name(ns, role)) for role in GROUPS):
        raise DatabaseError(
            "The planner's group roles do not exist yet: run 'fwp --db URL admin setup' first."
        )


def ensure_login(session: Session, login: str, password: str | None) -> bool:
    """Create the login role, or give an existing one a new password. True if created.

    Refuses a superuser or the tables' owner: the database would not restrict them.
    """
    row = session.execute(
        text(
            "SELECT r.rolsuper OR EXISTS (SELECT 1 FROM pg_tables t WHERE "
            "t.schemaname = current_schema() AND t.tablename = 'topic' "
            "AND pg_has_role(r.rolname, t.tableowner, 'USAGE')) "
            "FROM pg_roles r WHERE r.rolname = :n"
        ),
        {"n": login},
    ).first()
    if row is not None and row[0]:
        raise AccessDeniedError(
            f"{login} is a superuser or owns the planner tables, so the database would not "
            "restrict it: give roles to ordinary logins only."
        )
    clause = ""
    if password is not None:
        # A literal verifier, never the password: quote it as a SQL string.
        clause = " PASSWORD '" + scram_verifier(password).replace("'", "''") + "'"
    if row is None:
        session.connection().exec_driver_sql(f"CREATE ROLE {_q(login)} LOGIN{clause}")
        return True
    # As the driver's own text: a verifier holds ':' that text() would read as a parameter.
    session.connection().exec_driver_sql(f"ALTER ROLE {_q(login)} LOGIN{clause}")
    return False


def highest_role(session: Session, login: str) -> UserRole | None:
    roles = session.scalars(select(UserRoleGrant.role).where(UserRoleGrant.username == login)).all()
    if not roles:
        return None
    return max((UserRole(r) for r in roles), key=lambda r: (LEVEL[r], r == UserRole.CHAIRMAN))


def sync_membership(session: Session, login: str) -> str | None:
    """Make the login a member of exactly the group of its highest role here (or of
    none, when it has no role left). Returns that group's name."""
    ns = namespace(session)
    if not role_exists(session, login):
        return None
    top = highest_role(session, login)
    wanted = group_name(ns, top) if top else None
    for role in GROUPS:
        group = group_name(ns, role)
        member = session.execute(
            text("SELECT pg_has_role(:login, :group, 'MEMBER')"),
            {"login": login, "group": group},
        ).scalar()
        if group == wanted and not member:
            session.execute(text(f"GRANT {_q(group)} TO {_q(login)}"))
        elif group != wanted and member:
            session.execute(text(f"REVOKE {_q(group)} FROM {_q(login)}"))
    return wanted


def login_groups(session: Session, ns: str) -> dict[str, str]:
    """login -> group, for every member of one of this database's groups."""
    rows = session.execute(
        text(
            "SELECT m.rolname, g.rolname FROM pg_auth_members a "
            "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname LIKE :prefix"
        ),
        {"prefix": f"fwp\\_{ns.replace('_', chr(92) + '_')}\\_%"},
    ).all()
    return {str(login): str(group) for login, group in rows}
