"""Step 2 of the import: the preview of what each row will do, before anything is saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.dates import format_date
from ui.import_preview import COLUMNS, PreviewModel, field_label, plan_counts

if TYPE_CHECKING:
    from planner.importing import ImportPlan
UNDO_NOTE = (
    "Import saves everything in one step, or nothing if any row fails. "
    "Edit → Undo does not cover imports."
)


def notes_text(plan: ImportPlan) -> str:
    """Rows that cannot be read, meetings to add, committee details and warnings."""
    lines: list[str] = []
    if plan.problems:
        lines += ["Cannot read:", *(f"  {p}" for p in plan.problems)]
    if plan.new_meetings:
        lines.append("Meetings to add:")
        lines += [f"  {format_date(m.date)} ({m.committee_label})" for m in plan.new_meetings]
    if plan.committee_changes:
        lines.append("Committee details to fill in:")
        lines += [f"  {field_label(k)}: {v}" for k, v in plan.committee_changes.items()]
    if plan.warnings:
        lines += ["Warnings:", *(f"  {w}" for w in plan.warnings)]
    return "\n".join(lines)


class PreviewPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.counts = QLabel()
        self.counts.setAccessibleName("What the import will do")
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)
        self.counts.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName("Whether the file can be imported")
        self.status.setWordWrap(True)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Rows of the file")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.model.modelReset.connect(self._fit_columns)
        self.details = QLabel()
        self.details.setAccessibleName("The selected row in full")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_unchanged = QCheckBox("Show &unchanged rows")
        self.show_unchanged.setAccessibleName("Show unchanged rows")
        self.show_unchanged.toggled.connect(self.model.set_show_unchanged)
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setAccessibleName("Rows that cannot be read, meetings to add and warnings")
        self.notes.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.notes.setTabChangesFocus(True)
        self.skip = QCheckBox("&Skip rows that cannot be read")
        self.skip.setAccessibleName("Skip rows that cannot be read")
        self.skip.setToolTip("Import the other rows and leave out the ones that cannot be read")
        note = QLabel(UNDO_NOTE)
        note.setWordWrap(True)
        note.setAccessibleName("About undoing an import")
        layout.addWidget(self.counts)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.details)
        layout.addWidget(self.show_unchanged)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.skip)
        layout.addWidget(note)

    def set_plan(self, plan: ImportPlan) -> None:
        self.model.set_plan(plan)
        # One sheet (or a .csv): the row number says enough; the notes name the sheet.
        sheets = {m.sheet for m in plan.mappings} | {p.sheet for p in plan.problems}
        self.table.setColumnHidden(0, len(sheets) <= 1)
        self.show_unchanged.setEnabled(bool(plan.unchanged))
        text = notes_text(plan)
        self.notes.setPlainText(text)
        self.notes.setVisible(bool(text))
        lines = min(text.count("\n") + 1, 8)
        self.notes.setMaximumHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self.skip.setEnabled(bool(plan.problems))
        if not plan.problems:
            self.skip.setChecked(False)
        self.refresh(plan)

    def refresh(self, plan: ImportPlan) -> None:
        skip = self.skip.isChecked()
        self.counts.setText(f"{plan.source}: {plan_counts(plan, skip)}.")
        problems = len(plan.problems)
        if problems and not skip:
            rows = "row cannot" if problems == 1 else "rows cannot"
            text = (
                f"{problems} {rows} be read (highlighted and listed below). Correct the file, "
                "or tick “Skip rows that cannot be read” to import the other rows."
            )
        elif not plan.changes_anything:
            text = "Nothing to change: the planner already holds all of it."
        else:
            text = "Nothing is saved until you press Import."
        self.status.setText(text)

    def can_import(self, plan: ImportPlan) -> bool:
        return plan.changes_anything and (not plan.problems or self.skip.isChecked())

    def _show_details(self, current: QModelIndex) -> None:
        self.details.setText(self.model.details(current.row()) if current.isValid() else "")

    def _fit_columns(self) -> None:
        """Columns as wide as their text (capped), measured only on a small table."""
        header = self.table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        caps = (14, 6, 12, 15, 40)
        for column, cap in enumerate(caps):
            width = (max(cap, len(COLUMNS[column])) + 2) * char
            if self.model.rowCount() <= 500:
                width = min(width, self.table.sizeHintForColumn(column) + char)
                width = max(width, header.sectionSizeHint(column))
            header.resizeSection(column, width)
        self.details.clear()
