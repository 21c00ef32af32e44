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
