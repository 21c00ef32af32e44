"""Database-server faults in words a clerk can act on, and addresses safe to show.

Driver messages are long, span several lines and can quote the address they were
given; a password must never reach a window title, a settings file or an error
message, so every text shown passes through ``scrub``.
"""

from __future__ import annotations

import re

from sqlalchemy import URL
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from planner.db.scrub import scrub
from planner.errors import ConnectionLostError, DatabaseError, LoginError, PlannerError

__all__ = ["scrub"]  # kept here too: callers that already import SQLAlchemy use faults
# SQLSTATE classes that mean the connection itself went: 08 connection exception,
# 57P01-57P03 the server shutting down, crashed or starting up.
_GONE_STATES = ("08", "57P01", "57P02", "57P03")


def address(url: URL) -> str:
    """The URL without its password: what recent files keep and windows show."""
    bare = URL.create(  # URL.set(password=None) would keep the password
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )
    return bare.render_as_string(hide_password=False)


def server_of(url: URL) -> str:
    """'127.0.0.1:5433', or the socket folder's name for a local socket."""
    host = url.host or str(url.query.get("host", "")) or "localhost"
    return f"{host}:{url.port}" if url.port else host


def _first_line(exc: BaseException, password: str | None) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip()
    line = message.splitlines()[0] if message else type(exc).__name__
    # psycopg: 'connection failed: connection to server at "h", port 5 failed: FATAL: …'
    line = line.rsplit("failed: ", 1)[-1] if "connection to server" in line else line
    line = re.sub(r"^(FATAL|ERROR):\s*", "", line)
    return scrub(line.rstrip("."), password)


def is_connection_fault(exc: BaseException) -> bool:
    """The server or the network went away (not: the server refused this statement)."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    state = getattr(exc.orig, "sqlstate", None)
    return state is None or str(state).startswith(_GONE_STATES)


def login_problem(exc: BaseException, url: URL) -> LoginError | None:
    text = str(getattr(exc, "orig", None) or exc).lower()
    where = f"the planner database on {server_of(url)}"
    user = url.username or "your user name"
    if "no password supplied" in text or "password is required" in text:
        return LoginError(
            f"Cannot open {where}: the server asks for a password for {user} and none was "
            "given (type it when asked, or keep it in ~/.pgpass).",
            needs_password=True,
        )
    if "password authentication failed" in text or "authentication failed" in text:
        return LoginError(
            f"Cannot open {where}: the server refused the password for {user}.",
            needs_password=False,
        )
    return None


def opening_error(exc: DBAPIError, url: URL) -> PlannerError:
    """Why a server database could not be opened, in one sentence without a password."""
    login = login_problem(exc, url)
    if login is not None:
        return login
    server = server_of(url)
    text = str(exc.orig or exc).lower()
    if "does not exist" in text and "database" in text:
        return DatabaseError(
            f"Cannot open {address(url)}: there is no database called '{url.database}' "
            f"on {server}."
        )
    if "permission denied for database" in text:  # CONNECT withheld by `fwp admin setup`
        return DatabaseError(
            f"Cannot open {address(url)}: this login has no role on that database; its "
            "administrator gives one with 'fwp admin grant'."
        )
    if "translate host name" in text or "name or service not known" in text:
        return ConnectionLostError(
            f"Cannot open the planner database: the server name '{url.host}' is not known; "
            "check the address."
        )
    if is_connection_fault(exc):
        return ConnectionLostError(
            f"Cannot open the planner database: the database server at {server} is not "
            f"answering ({_first_line(exc, url.password)}); check the address, or try "
            "again when the server is back."
        )
    return DatabaseError(f"Cannot open {address(url)}: {_first_line(exc, url.password)}.")


def lost(url: URL, writing: bool) -> ConnectionLostError:
    def said(outcome: str) -> str:
        return (
            f"The database server at {server_of(url)} is not answering: {outcome}; "
            "try again when it is back."
        )

    unsaved = said("your change was not saved")
    return ConnectionLostError(
        unsaved if writing else said("the programme could not be read"), unsaved=unsaved
    )
