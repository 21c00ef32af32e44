"""The controller's real modal dialogs, answered from a timer while they run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from planner.services import meetings, topics

NOV = "2018-11-16"


def _answer(qtbot: Any, act: Callable[[Any], None]) -> list[Any]:
    """Run ``act`` on the modal dialog as soon as it shows."""
    seen: list[Any] = []

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, attempt)
    return seen


def _real(controller: Any, name: str) -> None:
    delattr(controller, name)  # drop the test's stand-in: the class's method again


def test_open_form_returns_the_values(qtbot, controller, cesc):
    _real(controller, "open_form")

    def fill(form: Any) -> None:
        form.fields["title"].line.setText("School places")
        form.accept()

    seen = _answer(qtbot, fill)
    values = controller.open_form("topic", None, cesc.id, {"meeting_id": cesc.meetings[NOV]})
    assert seen and values is not None
    assert values["title"] == "School places" and values["meeting_id"] == cesc.meetings[NOV]
    _answer(qtbot, lambda form: form.reject())
    assert controller.open_form("meeting", None, cesc.id) is None


def test_confirm_and_ask_reason(qtbot, controller):
    _real(controller, "confirm")
    _real(controller, "ask_reason")
    _answer(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert controller.confirm("Delete topic", "Delete the topic 'X'?") is True
    _answer(qtbot, lambda box: box.button(QMessageBox.StandardButton.No).click())
    assert controller.confirm("Delete topic", "Delete the topic 'X'?") is False

    def typed(dialog: QInputDialog) -> None:
        dialog.setTextValue("  Report late  ")
        dialog.accept()

    _answer(qtbot, typed)
    assert controller.ask_reason("Defer topic", "Why?") == "Report late"
    _answer(qtbot, lambda dialog: dialog.reject())
    assert controller.ask_reason("Defer topic", "Why?") is None


def test_meeting_policy_dialog(qtbot, controller, read, cesc):
    _real(controller, "ask_meeting_policy")
    _real(controller, "confirm")
    nov = cesc.meetings[NOV]
    sep = cesc.meetings["2018-09-07"]

    def choose_delete(dialog: Any) -> None:
        assert dialog.move_button.isChecked()  # another meeting exists: moving is offered
        dialog.delete_button.setChecked(True)
        dialog.accept()

    _answer(qtbot, choose_delete)
    controller.delete("meeting", [nov])
    assert [m.id for m in read(meetings.list_meetings, [cesc.id])] == [sep]
    assert len(read(topics.list_topics, [cesc.id])) == 7
    controller.undo_stack.undo()

    def choose_move(dialog: Any) -> None:
        assert dialog.target.currentText() == "7 September 2018"
        dialog.accept()

    _answer(qtbot, choose_move)
    controller.delete("meeting", [nov])
    assert read(meetings.get_meeting, sep).topic_count == 6
    assert controller.signals.errors == []
    controller.undo_stack.undo()
    assert read(meetings.get_meeting, nov).topic_count == 2
