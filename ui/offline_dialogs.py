"""File → "Take offline…" (which committees, which file) and the sync preview dialog
(what goes each way, the conflicts side by side with a choice per conflict)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.offline.sync import SyncReport
from ui import prompts
from ui.offline_models import CommitteePickModel, ConflictModel


def _table(model: Any, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


class TakeOfflineDialog(QDialog):
    """Tick committee-years and name the new file; ``accepted`` with both filled in."""

    def __init__(self, rows: Sequence[tuple[Any, ...]], ticked: set[str], folder: str,
                 source_label: str, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Take committees offline")
        self.model = CommitteePickModel(rows, ticked, self)
        self.table = _table(self.model, "Committees to take offline")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        intro = QLabel(
            f"The ticked committees of {source_label} go into a new planner file that you "
            "can take with you and edit without a network. File → Sync offline copy… "
            "brings the edits back."
        )
        intro.setWordWrap(True)
        self.path = QLineEdit(str(Path(folder) / "offline copy.db"))
        self.path.setAccessibleName("New offline file")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel("Save as:"))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a00000")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Take Offline")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(760, 460)

    def _browse(self) -> None:
        chosen = prompts.save_path(self, "Save the offline copy as", self.path.text(),
                                   prompts.DATABASE_FILTER)  # fmt: skip
        if chosen:
            self.path.setText(chosen)

    def problem_text(self) -> str | None:
        if not self.model.ticked():
            return "Tick at least one committee to take offline."
        target = Path(self.path.text().strip()).expanduser()
        if not self.path.text().strip():
            return "Say where to save the offline copy."
        if target.exists():
            return f"{target} already exists; choose a new name (a copy never overwrites a file)."
        if not target.parent.is_dir():
            return f"The folder {target.parent} does not exist."
        return None

    def _accept(self) -> None:
        problem = self.problem_text()
        if problem:
            self.problem.setText(problem)
            return
        self.accept()

    def choice(self) -> tuple[list[str], str]:
        return self.model.ticked(), str(Path(self.path.text().strip()).expanduser())


class SyncDialog(QDialog):
    """The preview of a sync; ``chosen`` carries the choice per conflict when applied."""

    chosen = Signal(object)  # {(key, field): "copy" | "source"}

    def __init__(self, report: SyncReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Sync offline copy")
        summary = QLabel(self._summary())
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = ConflictModel(report.conflicts, self)
        self.table = _table(self.model, "Conflicts")
        # Conflicts are few, so fitting the columns to their text is cheap; the full text
        # of a clipped cell is in its tooltip.
        self.table.resizeColumnsToContents()
        widest = 44 * self.fontMetrics().averageCharWidth()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 8, widest))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        choices = QHBoxLayout()
        self.choice_buttons = []
        for text, side in (("Keep the Copy's", "copy"), ("Keep the Source's", "source"),
                           ("Leave As They Are", None)):  # fmt: skip
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, side=side: self.choose(side))
            choices.addWidget(button)
            self.choice_buttons.append(button)
        choices.addStretch(1)
        if report.conflicts:
            note = QLabel(
                "Both sides changed these differently. Select rows and say which to keep; "
                "those left as they are stay different on each side and come back at the "
                "next sync."
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addWidget(self.table, 1)
            layout.addLayout(choices)
        else:
            self.table.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sync")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(1240 if report.conflicts else 560, 520 if report.conflicts else 200)

    def _summary(self) -> str:
        r = self.report
        lines = [f"Offline copy: {r.copy_label} ({r.info.committee_names()})",
                 f"Source: {r.source_label}",
                 f"To the source: {r.to_source.describe()}.",
                 f"To the copy: {r.to_copy.describe()}."]  # fmt: skip
        if r.resumed:
            lines.insert(0, "The last sync was interrupted after the source was written; "
                            "this one finishes it.")  # fmt: skip
        if r.held_back:
            lines.append(f"{len(r.held_back)} record(s) wait for a conflict to be settled.")
        return "\n".join(lines)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def choose(self, side: str | None) -> None:
        self.model.choose(self.selected_rows(), side)  # type: ignore[arg-type]

    def _accept(self) -> None:
        self.chosen.emit(self.model.resolutions())
        self.accept()
