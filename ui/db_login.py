"""Opening a database from the window, asking for a password when a server wants one.

The password typed lives only in the open connection's address in memory: recent files
keep the address without it, and libpq's own PGPASSWORD / ~/.pgpass still work first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from sqlalchemy import make_url

from planner.db.database import Database, open_database
from planner.db.faults import scrub
from planner.errors import LoginError
from ui import prompts

TRIES = 3


def shown(target: str) -> str:
    """``target`` as it may be shown: never with a password."""
    return scrub(target)


def open_with_login(parent: QWidget | None, target: str | None) -> Database | None:
    """The open database; None when the user cancelled the password question.

    Raises the PlannerError that stopped it otherwise (LoginError after a refused try).
    """
    try:
        return open_database(target)
    except LoginError as exc:
        if target is None or "://" not in target:
            raise
        problem = exc
    url = make_url(target)
    who = f"{url.username or 'you'} on {url.host or 'localhost'}"
    for _ in range(TRIES):
        note = "" if problem.needs_password else "That password was refused.\n\n"
        secret = prompts.password(
            parent,
            "Database password",
            f"{note}The database server asks for the password of {who}:",
        )
        if secret is None:
            return None
        try:
            return open_database(url.set(password=secret).render_as_string(hide_password=False))
        except LoginError as exc:
            problem = exc
    raise problem
