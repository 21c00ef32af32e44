"""History…: who changed what and when, for one record or a whole committee-year.

Newest first, one row per field changed, with an Export button (.xlsx or .csv).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
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
from planner.services.history_rows import history_rows
from ui import prompts
from ui.models.history import HistoryModel

EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv)"


class HistoryDialog(QDialog):
    def __init__(
        self,
        db: Database,
        *,
        table_name: str | None = None,
        record_id: str | None = None,
        committee_id: str | None = None,
        committee_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if record_id is None and committee_id is None:
            raise ValueError("a history needs a record or a committee")
        self.db = db
        self.table_name, self.record_id = table_name, record_id
        self.committee_id, self.committee_label = committee_id, committee_label
        self.model = HistoryModel(with_record=record_id is None, parent=self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.note = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Changes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().lineSpacing() + 10)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.viewport().installEventFilter(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("&Export…")
        self.export_button.setToolTip("Save this history as a spreadsheet (.xlsx) or CSV file")
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry().width()
        self.resize(min(screen - 40, 1000 if record_id else 1240), 560)
        self.reload()

    def fit_columns(self) -> None:
        """Short columns as wide as their longest text (of the first rows); the old and
        new values share what is left."""
        metrics = self.table.fontMetrics()
        model = self.model
        short = model.columnCount() - 2
        used = 0
        for column in range(short):
            texts = [model.headers[column]] + [
                model.data(model.index(row, column)) or ""
                for row in range(min(300, model.rowCount()))
            ]
            width = min(max(metrics.horizontalAdvance(t) for t in texts) + 18, 260)
            self.table.setColumnWidth(column, width)
            used += width
        rest = max(self.table.viewport().width() - used, 2 * 150)
        self.table.setColumnWidth(short, rest // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()  # the table's own width is known only now
        return super().eventFilter(watched, event)

    def _changes(self) -> tuple[str, list[h.ChangeView], list[Any]]:
        with self.db.reading() as session:
            if self.record_id is not None:
                changes = h.record_history(session, self.table_name or "", self.record_id)
                summary = changes[0].summary if changes else ""
                title = f"History of {h.named(self.table_name or '', summary)}"
            else:
                assert self.committee_id is not None
                changes = h.committee_history(session, self.committee_id, moves=False)
                title = f"History of {self.committee_label or 'the committee'}"
            return title, changes, history_rows(session, changes)

    def reload(self) -> None:
        self.title, changes, rows = self._changes()
        self.setWindowTitle(self.title)
        self.heading.setText(self.title)
        count = len(changes)
        self.note.setText(
            "No changes recorded yet."
            if not count
            else f"{count} change{'' if count == 1 else 's'}, newest first. Times are local time."
        )
        self.model.load(rows)
        self.rows = rows
        self.fit_columns()
        self.export_button.setEnabled(bool(rows))

    def suggested_name(self) -> str:
        cleaned = "".join(c if c.isalnum() or c in " -" else " " for c in self.title)
        return " ".join(cleaned.split())[:80] + ".xlsx"

    def export(self) -> Path | None:
        path = prompts.save_path(self, "Export History", self.suggested_name(), EXPORT_FILTER)
        if not path:
            return None
        from planner.export.history_file import export_history

        try:
            written = export_history(
                self.rows, path, self.title, with_record=self.record_id is None
            )
        except PlannerError as exc:
            prompts.error(self, "Cannot export the history", str(exc))
            return None
        self.note.setText(f"Saved the history to {written}.")
        return written
