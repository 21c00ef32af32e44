"""Asking for a database password when a server wants one (on the GUI thread).

The password typed lives only in the open connection's address in memory: recent files
keep the address without it, and libpq's own PGPASSWORD / ~/.pgpass still work first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from planner.db.scrub import scrub
from planner.errors import LoginError
from ui import prompts

TRIES = 3  # passwords asked for before the server's refusal is shown


def shown(target: str) -> str:
    """``target`` as it may be shown: never with a password."""
    return scrub(target)


def can_ask(target: str | None, tries: int) -> bool:
    """Whether to ask (again): only a server address, at most ``TRIES`` times."""
    return target is not None and "://" in target and tries < TRIES


def ask_password(parent: QWidget | None, target: str, problem: LoginError) -> str | None:
    """The password typed (masked), or None when the user cancelled."""
    from sqlalchemy import make_url

    url = make_url(target)
    who = f"{url.username or 'you'} on {url.host or 'localhost'}"
    note = "" if problem.needs_password else "That password was refused.\n\n"
    return prompts.password(
        parent, "Database password", f"{note}The database server asks for the password of {who}:"
    )
