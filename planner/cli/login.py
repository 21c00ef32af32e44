"""Opening a server database from a terminal: ask for a password only when the server
wants one that neither the address nor libpq (PGPASSWORD, ~/.pgpass) supplied."""

from __future__ import annotations

import getpass
import sys

from sqlalchemy import make_url

from planner.db.database import Database, open_database
from planner.errors import LoginError

TRIES = 3


def open_asking(target: str | None) -> Database:
    """``open_database``; at a terminal, a missing or refused password is asked for."""
    try:
        return open_database(target)
    except LoginError:
        if target is None or "://" not in target or not sys.stdin.isatty():
            raise
    url = make_url(target)
    for attempt in range(1, TRIES + 1):
        secret = getpass.getpass(f"Password for {url.username or 'you'} on {url.host}: ")
        if not secret:
            raise LoginError("No password was typed; nothing was done.", needs_password=True)
        try:
            return open_database(url.set(password=secret).render_as_string(hide_password=False))
        except LoginError:
            if attempt == TRIES:
                raise
            print("That password was refused; try again.", file=sys.stderr)
    raise AssertionError("unreachable")
