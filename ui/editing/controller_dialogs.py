"""The dialogs the EditController opens, each an overridable method so that tests can
answer without a modal dialog (``open_form``, ``confirm``, ``ask_reason``,
``ask_meeting_policy``), and the record forms they are built from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget
from sqlalchemy.orm import Session

from planner.db.database import Database
from planner.errors import ConnectionLostError, PlannerError
from planner.services import committees, meetings
from planner.services.meetings import TopicsPolicy
from planner.services.views import MeetingView
from ui.editing.checks import validator
from ui.editing.forms import FORMS, FormContext, RecordForm
from ui.editing.new_committee import new_committee_form

PolicyAnswer = tuple[TopicsPolicy, str | None]


class ControllerDialogs:
    """Mixed into EditController (which provides db, read and the retry state)."""

    db: Database
    parent_widget: QWidget
    retry_values: dict[str, Any] | None
    _last_choices: tuple[str, list[MeetingView], list[str]]
    read: Callable[..., Any]

    # -- dialogs (tests replace these) -------------------------------------------------
    def open_form(
        self,
        kind: str,
        view: Any | None,
        committee_id: str,
        defaults: dict[str, Any] | None = None,
    ) -> dict[str, Any] | None:
        form = self.make_form(kind, view, committee_id, defaults)
        try:
            if form.exec() == QDialog.DialogCode.Accepted:
                return form.result_values
            return None
        finally:
            form.deleteLater()

    def open_new_committee_form(self, defaults: dict[str, Any]) -> dict[str, Any] | None:
        form = new_committee_form(self, defaults, self.parent_widget)
        try:
            accepted = form.exec() == QDialog.DialogCode.Accepted
            return form.result_values if accepted else None
        finally:
            form.deleteLater()

    def confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self.parent_widget, title, text, buttons, QMessageBox.StandardButton.Yes
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_reason(self, title: str, prompt: str) -> str | None:
        """The reason typed ("" for none), or None when the user cancels."""
        text, ok = QInputDialog.getText(self.parent_widget, title, prompt)
        return text.strip() if ok else None

    def ask_meeting_policy(
        self, meeting: MeetingView, titles: list[str], others: list[MeetingView]
    ) -> PolicyAnswer | None:
        from ui.editing.questions import MeetingPolicyDialog

        dialog = MeetingPolicyDialog(meeting, titles, others, self.parent_widget)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.choice() if accepted else None
        finally:
            dialog.deleteLater()

    # -- forms ---------------------------------------------------------------------------
    def make_form(
        self,
        kind: str,
        view: Any | None,
        committee_id: str,
        defaults: dict[str, Any] | None = None,
    ) -> RecordForm:
        if kind not in FORMS:
            raise PlannerError(f"There is no form for records of kind '{kind}'.")

        def choices(s: Session) -> tuple[list[MeetingView], list[str]]:
            members = committees.get_committee(s, committee_id).members
            return meetings.list_meetings(s, [committee_id]), [m.name for m in members]

        try:
            meeting_list, names = self.read(choices)
            self._last_choices = (committee_id, meeting_list, names)
        except ConnectionLostError:
            # Showing the form again while the server is still away: the choices it had.
            if self.retry_values is None or self._last_choices[0] != committee_id:
                raise
            _, meeting_list, names = self._last_choices
        context = FormContext(
            committee_id,
            tuple(meeting_list),
            tuple(names),
            validate=validator(self.db, kind, view, committee_id),
        )
        form = FORMS[kind](context, view, defaults, self.parent_widget)
        if self.retry_values is not None:  # shown again after a lost connection
            form.load(None, self.retry_values)
        return form
