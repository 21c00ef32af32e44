"""The database's refusal (PostgreSQL's insufficient_privilege, SQLSTATE 42501: a
missing grant or a row-level security policy) as one sentence naming the role:

    You are a viewer on Surrey County Council's programme: the database refused the change.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from planner.access.roles import LEVEL
from planner.enums import UserRole
from planner.errors import AccessDeniedError

INSUFFICIENT_PRIVILEGE = "42501"
TOUCHED = "fwp_access_touched"  # session.info: council/committee ids a flush wrote


def is_refusal(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE


@contextmanager
def refusals(session: Session, writing: bool) -> Iterator[None]:
    """Turns the database's permission errors inside the block into AccessDeniedError."""
    try:
        yield
    except DBAPIError as exc:
        if not is_refusal(exc):
            raise
        raise AccessDeniedError(refusal_sentence(session, writing)) from exc


def refusal_sentence(session: Session, writing: bool) -> str:
    what = "refused the change" if writing else "refused to show it"
    touched: set[str] = session.info.get(TOUCHED, set())
    try:
        session.rollback()
        user = str(session.execute(text("SELECT session_user")).scalar_one())
        rows = session.execute(
            text(
                "SELECT r.role, c.name, r.council_id, "
                "ARRAY(SELECT m.id FROM committee m WHERE m.council_id = r.council_id) "
                "FROM user_role r JOIN council c ON c.id = r.council_id "
                "WHERE r.username = session_user"
            )
        ).all()
        session.rollback()
    except SQLAlchemyError:
        session.rollback()
        return f"You have no role on this database's programmes: the database {what}."
    if not rows:
        return f"You ({user}) have no role on this database's programmes: the database {what}."
    relevant = [r for r in rows if r[2] in touched or touched & set(r[3] or ())] or rows
    role, council, *_ = min(relevant, key=lambda r: LEVEL[UserRole(r[0])])
    return f"You are a {role} on {council}'s programme: the database {what}."
