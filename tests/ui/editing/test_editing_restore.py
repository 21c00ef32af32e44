"""Restore Deleted…: the dialog restores through the undo stack; undo and redo follow."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QUndoStack

from planner.db.database import Database
from planner.errors import NotFoundError
from planner.services import history as h
from planner.services import meetings, topics
from ui import prompts
from ui.editing.controller import EditController
from ui.restore_dialog import RestoreDialog

TITLE = "Alternative Education Provision"


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWP_USER", "Jane Clerk")


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Questions and errors the dialog shows; questions are answered yes."""
    seen: list[tuple[str, str]] = []

    def ask(_parent: Any, _title: str, text: str) -> bool:
        seen.append(("ask", text))
        return True

    monkeypatch.setattr(prompts, "ask", ask)
    monkeypatch.setattr(prompts, "error", lambda _p, _t, text: seen.append(("error", text)))
    return seen


def _topic(db: Database, committee_id: str, title: str = TITLE) -> topics.TopicView:
    with db.reading() as s:
        return next(t for t in topics.list_topics(s, [committee_id]) if t.title == title)


def _dialog(qtbot, db, cesc, controller, stack) -> RestoreDialog:
    dialog = RestoreDialog(db, cesc.id, "CESC 2018/19", controller, stack)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_restore_undo_redo(
    qtbot, db: Database, cesc, controller: EditController, stack: QUndoStack, asked
) -> None:
    topic = _topic(db, cesc.id)
    with db.transaction() as s:
        topics.delete_topic(s, topic.id)
    dialog = _dialog(qtbot, db, cesc, controller, stack)
    assert dialog.model.rowCount() == 1
    assert dialog.restore_button.isEnabled()
    assert dialog.restore_selected()
    assert dialog.note.text() == f"Restored the topic '{TITLE}'."
    assert _topic(db, cesc.id).version == topic.version + 1
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert stack.undoText() == "Restore topic 'Alternative Education Provision'"
    assert "topic" in controller.signals.changed  # type: ignore[attr-defined]
    stack.undo()  # deleted again, and listed again
    with db.reading() as s, pytest.raises(NotFoundError):
        topics.get_topic(s, topic.id)
    assert dialog.model.rowCount() == 1
    stack.redo()
    assert _topic(db, cesc.id).title == TITLE
    with db.reading() as s:
        actions = [c.action for c in h.record_history(s, "topic", topic.id)][:4]
    assert actions == ["restore", "delete", "restore", "delete"]
    assert asked == []


def test_topic_whose_meeting_is_gone_asks_first(
    qtbot, db: Database, cesc, controller: EditController, stack: QUndoStack, asked
) -> None:
    topic = _topic(db, cesc.id)
    with db.transaction() as s:
        meetings.delete_meeting(s, topic.meeting_id, topics="delete")
    dialog = _dialog(qtbot, db, cesc, controller, stack)
    row = next(
        r for r in range(dialog.model.rowCount()) if dialog.model.change(r).record_id == topic.id
    )
    dialog.table.selectRow(row)
    assert dialog.restore_selected()
    question = asked[0][1]
    assert question.startswith(f"The topic '{TITLE}' was planned for the meeting of 16 November")
    assert question.endswith("Restore it into In development now?")
    assert _topic(db, cesc.id).when == "In development"
    assert "back in In development" in dialog.note.text()


def test_refusals_are_shown_not_raised(
    qtbot, db: Database, cesc, controller: EditController, stack: QUndoStack, asked
) -> None:
    topic = _topic(db, cesc.id)
    with db.transaction() as s:
        topics.delete_topic(s, topic.id)
    dialog = _dialog(qtbot, db, cesc, controller, stack)
    with db.transaction() as s:  # someone else restores it meanwhile
        h.restore_deleted(s, h.deleted_records(s, cesc.id)[0].id)
    assert not dialog.restore_selected()
    assert asked == [
        ("error", f"The topic '{TITLE}' exists again (restored or re-created since), so there "
                  "is nothing to restore.")
    ]  # fmt: skip
    assert stack.count() == 0
