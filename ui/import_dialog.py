"""The import dialog: step 1 "Columns", step 2 "Preview", then Import (all or nothing).

Nothing is saved before the user presses Import. Correcting a column plans the
import again off the GUI thread; Import applies the plan in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.db.database import Database
from ui import prompts
from ui.import_columns import ColumnsPage
from ui.import_preview_page import PreviewPage
from ui.import_runner import PROGRAMME, ApplyJob, Job, PlanJob, Request

if TYPE_CHECKING:
    from planner.importing import ApplyReport, ImportPlan

COLUMNS_STEP, PREVIEW_STEP = 0, 1


class ImportDialog(QDialog):
    imported = Signal(object)  # the ApplyReport, after the transaction committed

    def __init__(
        self, db: Database, request: Request, plan: ImportPlan, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.request = db, request
        self.plan = plan
        self.overrides: dict[str, int | None] = {}
        self.job: Job | None = None
        self._jobs: set[Job] = set()  # kept alive until they report
        what = "Programme" if request.kind == PROGRAMME else "Recommendations Tracker"
        self.setWindowTitle(f"Import {what}")
        self.setAccessibleName(f"Import {what.lower()}")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.target = QLabel(f"From <b>{_escape(request.name)}</b> into "
                             f"<b>{_escape(request.committee_label)}</b>")  # fmt: skip
        self.target.setAccessibleName("File and committee")
        self.target.setWordWrap(True)
        self.steps = QLabel()
        self.steps.setAccessibleName("Step")
        self.columns = ColumnsPage()
        self.preview = PreviewPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.columns)
        self.stack.addWidget(self.preview)
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setAccessibleName("Reading the file")
        self.busy_bar.setMaximumWidth(200)
        self.back = QPushButton("< &Back")
        self.back.setAccessibleName("Back")
        self.next = QPushButton("&Next >")
        self.next.setAccessibleName("Next")
        self.import_button = QPushButton("&Import")
        self.import_button.setAccessibleName("Import")
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel")
        for button in (self.back, self.next, self.import_button):
            button.setAutoDefault(False)
        self.back.clicked.connect(lambda: self.go(COLUMNS_STEP))
        self.next.clicked.connect(self.next_step)
        self.import_button.clicked.connect(self.do_import)
        self.cancel.clicked.connect(self.reject)
        self.preview.skip.toggled.connect(self._skip_toggled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy_bar)
        buttons.addWidget(self.busy_label)
        buttons.addStretch(1)
        for button in (self.back, self.next, self.import_button, self.cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.target)
        layout.addWidget(self.steps)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._show_plan(plan)
        self._set_busy(False)
        self.go(COLUMNS_STEP)
        screen = (
            parent.screen() if parent else QGuiApplication.primaryScreen()
        ).availableGeometry()
        self.resize(min(1100, int(screen.width() * 0.85)), min(720, int(screen.height() * 0.85)))

    # -- steps -----------------------------------------------------------------------------
    def step(self) -> int:
        return self.stack.currentIndex()

    def go(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        names = ("1. Columns", "2. Preview")
        self.steps.setText("  ›  ".join(f"<b>{n}</b>" if i == step else n
                                        for i, n in enumerate(names)))  # fmt: skip
        self._update_buttons()
        if step == PREVIEW_STEP:
            self.preview.table.setFocus()

    def next_step(self) -> None:
        """Columns → Preview, planning again first if the user changed a column."""
        changes = self.columns.changes()
        if not changes:
            self.go(PREVIEW_STEP)
            return
        job = PlanJob(self.db, self.request, {**self.overrides, **changes})
        self._run(job, "Reading the file again with your columns…", self._replanned,
                  self._replan_failed)  # fmt: skip

    def _run(self, job: Job, doing: str, done: Callable[..., None],
             failed: Callable[[str], None]) -> None:  # fmt: skip
        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        self.job = job
        self._jobs.add(job)
        self.busy_label.setText(doing)
        self._set_busy(True)
        job.start()

    def _reported(self) -> Job | None:
        """The job that sent the signal, if its answer is still wanted."""
        job = next((j for j in self._jobs if j.signals is self.sender()), None)
        if job is not None:
            self._jobs.discard(job)
        if job is None or job is not self.job:
            return None
        self.job = None
        self._set_busy(False)
        return job

    def _replanned(self, plan: ImportPlan) -> None:
        job = self._reported()
        if isinstance(job, PlanJob):
            self.overrides = job.overrides
            self._show_plan(plan)
            self.go(PREVIEW_STEP)

    def _replan_failed(self, message: str) -> None:
        if self._reported() is not None:
            prompts.error(self, "Cannot read the file with these columns", message)

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.columns.set_mappings(plan.mappings)
        self.preview.set_plan(plan)
        self._update_buttons()

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.stack.setEnabled(not busy)
        self.cancel.setEnabled(not isinstance(self.job, ApplyJob))
        self._update_buttons()

    def busy(self) -> bool:
        return self.job is not None

    def _skip_toggled(self) -> None:
        self.preview.refresh(self.plan)
        self._update_buttons()

    def _update_buttons(self) -> None:
        on_preview, idle = self.step() == PREVIEW_STEP, not self.busy()
        self.back.setEnabled(on_preview and idle)
        self.next.setVisible(not on_preview)
        self.next.setEnabled(idle)
        self.import_button.setVisible(on_preview)
        self.import_button.setEnabled(on_preview and idle and self.preview.can_import(self.plan))
        self.next.setDefault(not on_preview and idle)
        self.import_button.setDefault(self.import_button.isEnabled())

    # -- import ----------------------------------------------------------------------------
    def can_import(self) -> bool:
        return self.import_button.isVisible() and self.import_button.isEnabled()

    def do_import(self) -> None:
        """Apply the plan off the GUI thread, in one transaction: all or nothing."""
        if self.busy() or not self.preview.can_import(self.plan):
            return
        job = ApplyJob(self.db, self.plan, self.preview.skip.isChecked())
        self._run(job, "Importing…", self._applied, self._apply_failed)

    def _applied(self, report: ApplyReport) -> None:
        if self._reported() is not None:
            self.accept()
            self.imported.emit(report)

    def _apply_failed(self, message: str) -> None:
        if self._reported() is not None:
            prompts.error(self, "Import failed", message)

    def reject(self) -> None:
        if isinstance(self.job, ApplyJob):
            return  # a transaction under way finishes (or rolls back) first
        self.job = None  # a planning still running is ignored when it reports
        super().reject()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
