"""What the EditController does when someone else saved the record being edited: ask
whose values to keep, field by field, and save the choices as one new edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from planner.dates import format_date
from planner.errors import PlannerError, StaleEditError
from planner.services import meetings
from ui.editing.commands import EditCommand
from ui.editing.registry import kind_of


class ConflictResolution:
    """Mixed into EditController (which provides push, read, error and _edit_command)."""

    _resolving: bool
    _refusal: StaleEditError | None
    _failures: int

    def command_refused(self, error: StaleEditError) -> None:
        if not self._resolving or error.current is None:
            self.command_failed(str(error))
            return
        self._failures += 1
        self._refusal = error

    def push_edit(
        self,
        kind: str,
        command: EditCommand,
        changes: dict[str, Any],
        seen: dict[str, Any] | None = None,
    ) -> bool:
        """Push an edit; if someone else saved the same fields meanwhile, ask whose
        values to keep and save the choices on the current version (one undo step).
        ``seen``: the values the user saw (a clash on a field tied to one the user
        changed, such as a topic's meeting, offers the value the user saw)."""
        for _attempt in range(3):  # each round is on a newer version; give up after three
            self._resolving, self._refusal = True, None
            try:
                if self.push(command):
                    return True
            finally:
                self._resolving = False
            refusal = self._refusal
            if refusal is None or refusal.current is None:
                return False
            wanted = dict(changes)
            for field in refusal.fields:
                if field not in wanted and seen is not None and field in seen:
                    wanted[field] = seen[field]
            chosen = self.ask_conflict(kind, refusal, wanted)
            if chosen is None:
                return False
            current = refusal.current
            seen = {f: getattr(current, f) for f in kind_of(kind).fields if hasattr(current, f)}
            changes = {f: v for f, v in chosen.items() if getattr(current, f, None) != v}
            if not changes:
                return True  # theirs kept everywhere: nothing to save
            command = self._edit_command(kind, current, changes)
        self.error.emit("The record kept changing while you chose; open it and try again.")
        return False

    def ask_conflict(
        self, kind: str, refusal: StaleEditError, changes: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The user's values to save after all (a subset of ``changes``); None: discard."""
        from ui.editing.conflict import ConflictDialog, clashing, conflict_rows

        clashes = clashing(kind, refusal.fields, changes)
        rows = conflict_rows(
            kind_of(kind).fields, clashes, refusal.current, changes, self._meeting_label
        )
        title = f"Someone else changed this {kind_of(kind).noun}"
        dialog = ConflictDialog(title, str(refusal), rows, self.parent_widget)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return {f: changes[f] for f, mine in dialog.choices().items() if mine}
        finally:
            dialog.deleteLater()

    def _meeting_label(self, meeting_id: str) -> str:
        try:
            return format_date(self.read(lambda s: meetings.get_meeting(s, meeting_id)).date)
        except PlannerError:
            return "a meeting that no longer exists"

