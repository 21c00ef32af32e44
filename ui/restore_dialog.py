"""Edit → Restore Deleted…: the records deleted from the current committee-year,
each restorable (with what was deleted with it) as one undoable step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.db.database import Database
from planner.errors import PlannerError
from planner.services import history as h
from ui import prompts
from ui.editing.checks import dry_run
from ui.editing.commands import CommandHost
from ui.editing.restore_command import RestoreDeleted
from ui.models.deleted import DeletedModel


class RestoreDialog(QDialog):
    restored = Signal(str)  # the message saying what came back

    def __init__(
        self,
        db: Database,
        committee_id: str,
        committee_label: str,
        host: CommandHost,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.committee_id = db, committee_id
        self.host, self.undo_stack = host, undo_stack
        self.setWindowTitle("Restore Deleted")
        heading = QLabel(f"Deleted from {committee_label}" if committee_label else "Deleted")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.model = DeletedModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Deleted records")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.lineSpacing() + 10)
        average = metrics.averageCharWidth()
        for column, sample in enumerate(("Recommendation", "", "30 September 2026 23:59")):
            width = metrics.horizontalAdvance(sample) + 18 if sample else 46 * average
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(lambda *_: self.restore_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setToolTip("Bring back the selected record; Edit → Undo takes it back")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(max(760, sum(self.model.widths) * average + 60), 420)
        self.table.selectionModel().selectionChanged.connect(self._update_button)
        self.undo_stack.indexChanged.connect(self._stack_moved)
        self.reload()

    def reload(self, message: str | None = None) -> None:
        keep = self.selected_change()
        with self.db.reading() as session:
            gone = h.deleted_records(session, self.committee_id)
        self.model.load(gone)
        if message:
            self.note.setText(message)
        elif not gone:
            self.note.setText("Nothing deleted from this committee is waiting to be restored.")
        else:
            self.note.setText("Select a record and press Restore. Edit → Undo takes it back.")
        row = self.model.row_of(keep.id) if keep else -1
        self.table.selectRow(row if row >= 0 else 0)
        self._update_button()

    def _stack_moved(self, _index: int) -> None:
        self.reload()  # an undo or redo may have taken a restore back, or done it again

    def selected_change(self) -> h.ChangeView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.change(rows[0].row()) if rows else None

    def _update_button(self, *_args: Any) -> None:
        self.restore_button.setEnabled(self.selected_change() is not None)

    def restore_selected(self) -> bool:
        change = self.selected_change()
        if change is None:
            return False
        unschedule = False
        try:
            dry_run(self.db, lambda s: h.restore_deleted(s, change.id, unschedule=False))
        except h.MeetingGoneError as exc:
            question = f"{exc}\n\nRestore it into In development now?"
            if change.table_name != "topic":
                question = f"{exc}\n\nRestore it without its meeting now?"
            if not prompts.ask(self, "Restore Deleted", question):
                return False
            unschedule = True
        except PlannerError as exc:
            prompts.error(self, "Cannot restore", str(exc))
            return False
        command = RestoreDeleted(self.host, change, unschedule=unschedule)
        self.undo_stack.push(command)
        if command.result is None:
            return False  # the host has shown why
        self.restored.emit(command.result.message)
        self.reload(command.result.message)
        return True
