"""The one family of errors the planner raises for things a user can put right."""

from __future__ import annotations


class PlannerError(Exception):
    """A problem to show the user as one clear sentence."""


class ValidationError(PlannerError):
    """A value that cannot be saved. ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(PlannerError):
    """A record asked for by name or id does not exist."""


class DatabaseError(PlannerError):
    """The database cannot be opened or used: not a planner file, too new, unwritable."""


class ExportError(PlannerError):
    """An export could not be written; no partial file is left behind."""


class StaleEditError(PlannerError):
    """An edit was made on a version of a record that someone else has changed since.

    The message says who changed what and when; ``current`` is the record as it is now
    (a frozen view, or None if it was deleted) so that a window can show it beside the
    user's values; ``fields`` names the fields that clash.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        record_id: str,
        expected_version: int,
        current_version: int | None,
        current: object | None = None,
        fields: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.record_id = record_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.current = current
        # The fields the user changed that someone else changed too (may be empty when
        # the edit gave no original values to compare).
        self.fields = fields


class ConnectionLostError(DatabaseError):
    """The database server cannot be reached (stopped, restarting, network gone).

    Nothing was saved by the action that met it; the same action can be tried again
    once the server is back (the connection pool reconnects by itself). ``unsaved`` is
    the sentence for a user who was making a change (a window may read first, then save).
    """

    def __init__(self, message: str, *, unsaved: str | None = None) -> None:
        super().__init__(message)
        self.unsaved = unsaved or message


class LoginError(DatabaseError):
    """The server refused the user name or password. ``needs_password`` is True when it
    asked for a password and none was given (a window can ask for one and try again)."""

    def __init__(self, message: str, *, needs_password: bool) -> None:
        super().__init__(message)
        self.needs_password = needs_password


class AccessDeniedError(PlannerError):
    """The user's role on a council's programme does not allow this (issue 6).

    Raised by the planner's own check on a SQLite file, and for the database's refusal
    (PostgreSQL's insufficient_privilege) on a shared database.
    """
