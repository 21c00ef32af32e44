"""A stand-in EditController with the interface of docs/ui-architecture.md.

It records every call; ``move_topic`` and ``set_field`` really change the database
through the services, inside undoable commands, so views can be checked end to end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from planner.db.database import Database
from planner.services import actions, groups, meetings, recommendations, topics

CESC = "Children and Education Select Committee"  # the demo's fullest committee

UPDATE: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "topic": (topics.get_topic, topics.update_topic),
    "meeting": (meetings.get_meeting, meetings.update_meeting),
    "group": (groups.get_group, groups.update_group),
    "recommendation": (recommendations.get_recommendation, recommendations.update_recommendation),
    "action": (actions.get_action, actions.update_action),
    "activity": (actions.get_activity, actions.update_activity),
}


class _Command(QUndoCommand):
    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo

    def redo(self) -> None:
        self._do()

    def undo(self) -> None:
        self._undo()


class FakeEditController(QObject):
    changed = Signal(str)
    error = Signal(str)
    meeting_rescheduled = Signal(str, str)

    def __init__(self, db: Database, undo_stack: QUndoStack, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.db = db
        self.undo_stack = undo_stack
        self.calls: list[tuple[Any, ...]] = []

    def add(self, kind: str, committee_id: str, **defaults: Any) -> None:
        self.calls.append(("add", kind, committee_id, defaults))

    def edit(self, kind: str, record_id: str) -> None:
        self.calls.append(("edit", kind, record_id))

    def delete(self, kind: str, record_ids: list[str]) -> None:
        self.calls.append(("delete", kind, list(record_ids)))

    def new_committee(self, **defaults: Any) -> str | None:
        self.calls.append(("new_committee", defaults))
        return None

    def set_database(self, db: Database) -> None:
        self.calls.append(("set_database", db.label))
        self.db = db

    def move_topic(
        self,
        topic_id: str,
        meeting_id: str | None,
        timing: str | None = None,
        ask_reason: bool = True,
        seen: dict[str, Any] | None = None,
    ) -> None:
        self.calls.append(("move_topic", topic_id, meeting_id, timing))
        with self.db.reading() as s:
            before = topics.get_topic(s, topic_id)

        def do() -> None:
            with self.db.transaction() as s:
                topics.move_topic(s, topic_id, meeting_id=meeting_id, timing=timing, reason="test")
            self.changed.emit("topic")

        def undo() -> None:
            with self.db.transaction() as s:
                topics.update_topic(
                    s,
                    topic_id,
                    meeting_id=before.meeting_id,
                    timing=before.timing,
                    status=before.status,
                    deferral_count=before.deferral_count,
                    deferral_reason=before.deferral_reason,
                )
            self.changed.emit("topic")

        self.undo_stack.push(_Command(f"Move topic '{before.title}'", do, undo))

    def set_field(
        self, kind: str, record_id: str, field: str, value: Any, seen: Any = None
    ) -> bool:
        self.calls.append(("set_field", kind, record_id, field, value))
        get, update = UPDATE[kind]
        with self.db.reading() as s:
            old = getattr(get(s, record_id), field)

        def apply(v: Any) -> Callable[[], None]:
            def run() -> None:
                with self.db.transaction() as s:
                    update(s, record_id, **{field: v})
                self.changed.emit(kind)

            return run

        self.undo_stack.push(_Command(f"Change {field} of {kind}", apply(value), apply(old)))
        return True
