"""The base of every undoable command: one transaction per redo()/undo() through the
services, and what happens when one fails.

A command that fails (a ``PlannerError`` or a database error) marks itself obsolete,
so the undo stack drops it, and reports the message to its host; nothing is raised
into Qt. A refusal because someone else changed the record (StaleEditError) goes to
the host's ``command_refused``; an Undo or Redo that met a server outage keeps its
step so that it can be tried again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from planner.db.database import Database
from planner.errors import ConnectionLostError, PlannerError, StaleEditError


class CommandHost(Protocol):
    """The EditController, as the commands see it."""

    db: Database
    undo_stack: QUndoStack
    last_failure: Exception | None  # what the last failed command met (a retry needs it)
    versions: dict[str, int]  # record id -> the version this window last wrote

    def command_done(self, kinds: Sequence[str]) -> None: ...

    def command_failed(self, message: str) -> None: ...

    def command_refused(self, error: StaleEditError) -> None: ...


def error_message(exc: Exception) -> str:
    if isinstance(exc, PlannerError):
        return str(exc)
    if isinstance(exc, StaleDataError):
        return "The record was changed elsewhere in the meantime; reload and try again."
    detail = getattr(exc, "orig", None) or exc
    return f"The database refused the change: {detail}"


class EditCommand(QUndoCommand):
    """Subclasses implement ``apply`` and ``revert`` on an open session."""

    def __init__(self, host: CommandHost, text: str, kinds: Sequence[str]) -> None:
        super().__init__(text)
        self.host = host
        self.kinds = list(kinds)
        self.refusal: StaleEditError | None = None
        self.applied = False  # pushed successfully: undo and redo may follow
        self._skip = False  # the next run only puts the stack back (see _met_outage)

    # What each command does in its transaction: ``apply`` for redo, ``revert`` for undo.
    apply: Callable[[Session], None]
    revert: Callable[[Session], None]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A command that cannot say how to apply or revert itself is refused when its
        class is made, not when a user first presses Undo."""
        super().__init_subclass__(**kwargs)
        missing = [name for name in ("apply", "revert") if not callable(getattr(cls, name, None))]
        if missing:
            raise TypeError(f"{cls.__name__} must define {' and '.join(missing)}.")

    def redo(self) -> None:
        self._run(self.apply, undoing=False)

    def undo(self) -> None:
        self._run(self.revert, undoing=True)

    def _run(self, step: Callable[[Session], None], undoing: bool) -> None:
        if self._skip:
            self._skip = False
            return
        versions = dict(self.host.versions)
        try:
            with self.host.db.transaction() as session:
                step(session)
        except StaleEditError as exc:
            self._failed(versions)
            self.refusal = exc
            self.host.last_failure = exc
            self.host.command_refused(exc)
            return
        except (PlannerError, SQLAlchemyError) as exc:
            self._put_back(versions)
            self.host.last_failure = exc
            if isinstance(exc, ConnectionLostError) and self._met_outage(undoing):
                self.host.command_failed(str(exc))
                return
            self.setObsolete(True)
            self.host.command_failed(error_message(exc))
            return
        self.applied = True
        self.host.last_failure = None
        self.host.command_done(self.kinds)

    def _met_outage(self, undoing: bool) -> bool:
        """Undo or Redo found the server away, so nothing changed: rather than drop the
        step (obsolete), move the stack's index back with a run that does nothing, and the
        user can try the same Undo or Redo again. Only for a step of its own on the stack
        (not a first push, nor a part of a macro)."""
        stack = self.host.undo_stack
        at = stack.index() - 1 if undoing else stack.index()
        if not self.applied or stack.command(at) is not self:
            return False
        self._skip = True
        QTimer.singleShot(0, stack.redo if undoing else stack.undo)
        return True

    def _put_back(self, versions: dict[str, int]) -> None:
        self.host.versions.clear()  # the rolled-back transaction wrote nothing
        self.host.versions.update(versions)

    def _failed(self, versions: dict[str, int]) -> None:
        self._put_back(versions)
        self.setObsolete(True)

    def expected(self, record_id: str, first: int | None) -> int | None:
        """The version a delete is made on: what the user saw, then what we last wrote."""
        if not self.applied:
            return first
        return self.host.versions.get(record_id, first)

    def wrote(self, view: Any) -> None:
        self.host.versions[view.id] = view.version
