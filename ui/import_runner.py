"""File → Import: choose a spreadsheet, plan the import off the GUI thread, apply it.

Planning reads the file and the database (through its own ``Database.reading()``
session in a worker thread) and writes nothing. Applying is one ``db.transaction()``:
all or nothing. Imports are not on the undo stack; the user is told so.
``planner.importing`` (and openpyxl) are imported only when importing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from planner.errors import PlannerError
from ui import prompts

if TYPE_CHECKING:
    from planner.db.database import Database
    from planner.importing import ApplyReport, ImportPlan
    from ui.main_window import MainWindow

PROGRAMME, TRACKER = "programme", "tracker"
IMPORT_FILTER = (
    "Spreadsheets (*.xlsx *.csv);;Excel workbook (*.xlsx);;CSV file (*.csv);;All files (*)"
)
TITLES = {PROGRAMME: "Import a programme", TRACKER: "Import a recommendations tracker"}
# Views to reload after an import: everything an import can create or change.
CHANGED_KINDS = ("topic", "group", "meeting", "recommendation")
# How planner.importing says it found no header row it knows (see source.drafts_of).
NO_TABLE = "table the planner recognises"
HEADER_ROW_QUESTION = (
    "If the file does have such a table, type the number of the row that holds its column "
    "headers; you can then say which column holds what."
)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """The message after an import (tests replace it, as they do ``prompts``)."""
    QMessageBox.information(parent, title, text)


@dataclass(frozen=True)
class Request:
    """What to import: the kind of file, the file, and the committee-year it goes into."""

    kind: str
    path: str
    committee_id: str
    committee_label: str
    header_row: int | None = None  # when the user names it: the file's header not recognised

    @property
    def name(self) -> str:
        return Path(self.path).name


def make_plan(db: Database, request: Request, overrides: Mapping[str, int | None]) -> ImportPlan:
    """Read the file and say what importing it would do. Runs in the worker thread."""
    from planner.importing import plan_programme_import, plan_tracker_import

    planner = plan_programme_import if request.kind == PROGRAMME else plan_tracker_import
    with db.reading() as session:
        return planner(session, request.path, request.committee_id, dict(overrides) or None,
                       header_row=request.header_row)  # fmt: skip


def apply_import(db: Database, plan: ImportPlan, skip_bad_rows: bool) -> ApplyReport:
    """Carry the plan out in one transaction; raises (and saves nothing) on any failure."""
    from planner.importing import apply_plan

    with db.transaction() as session:
        return apply_plan(session, plan, skip_bad_rows=skip_bad_rows)


class _Signals(QObject):
    done = Signal(object)  # the ImportPlan or ApplyReport
    failed = Signal(str)


class Job(QRunnable):
    """Work for the thread pool; its answer, or one sentence saying why not, comes back
    through ``signals``. Start it with ``start()``; keep a reference until it reports."""

    def __init__(self) -> None:
        super().__init__()
        self.signals = _Signals()
        self.setAutoDelete(False)

    def work(self) -> object:
        raise NotImplementedError

    def unexpected(self, exc: Exception) -> str:
        return str(exc) or type(exc).__name__

    def run(self) -> None:
        try:
            result = self.work()
        except PlannerError as exc:  # ImportFileError among them: one clear sentence
            self._emit(self.signals.failed, str(exc))
        except Exception as exc:  # reported to the user, never lost in the thread
            self._emit(self.signals.failed, self.unexpected(exc))
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the application closed meanwhile
            signal.emit(value)

    def start(self) -> Job:
        QThreadPool.globalInstance().start(self)
        return self


class PlanJob(Job):
    """Planning: reads the file and the database, writes nothing."""

    def __init__(
        self, db: Database, request: Request, overrides: Mapping[str, int | None] | None = None
    ) -> None:
        super().__init__()
        self.db, self.request, self.overrides = db, request, dict(overrides or {})

    def work(self) -> object:
        return make_plan(self.db, self.request, self.overrides)

    def unexpected(self, exc: Exception) -> str:
        return f"Cannot read {self.request.name}: {super().unexpected(exc)}"


class ApplyJob(Job):
    """Importing: one transaction, all or nothing."""

    def __init__(self, db: Database, plan: ImportPlan, skip_bad_rows: bool) -> None:
        super().__init__()
        self.args = (db, plan, skip_bad_rows)

    def work(self) -> object:
        return apply_import(*self.args)

    def unexpected(self, exc: Exception) -> str:  # a database error: rolled back
        return f"The import failed: {super().unexpected(exc)}. Nothing was imported."


def imported_text(report: ApplyReport) -> str:
    records = report.created + report.updated
    noun = "record" if records == 1 else "records"
    parts = [f"{report.created} new", f"{report.updated} updated"]
    if report.meetings_created:
        parts.append(f"{report.meetings_created} meeting(s) added")
    if report.committee_updated:
        parts.append("the committee's chairs filled in")
    if report.rows_left_out:
        parts.append(f"{report.rows_left_out} row(s) that could not be read left out")
    return f"Imported {records} {noun} ({', '.join(parts)}). Undo does not cover imports."


class Importer(QObject):
    """The menu commands: file dialog, progress while planning, then the import dialog."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.job: PlanJob | None = None
        self.progress: QProgressDialog | None = None
        self.dialog: Any = None

    def busy(self) -> bool:
        return self.job is not None

    def start(self, kind: str, path: str | None = None) -> bool:
        """Ask for a file (unless given) and plan importing it into the selected committee."""
        window = self.window
        committee_id = window.committee_id
        if committee_id is None or self.busy():
            return False
        settings = window.settings
        if path is None:
            folder = settings.export_folder() or str(Path.home())
            path = prompts.open_path(window, TITLES[kind], folder, IMPORT_FILTER)
            if not path:
                return False
        settings.set_export_folder(str(Path(path).parent))
        self._plan(Request(kind, path, committee_id, window.selector.current_label()))
        return True

    def _plan(self, request: Request) -> None:
        window = self.window
        self.progress = QProgressDialog(f"Reading {request.name}…", "", 0, 0, window)
        self.progress.setWindowTitle("Importing")
        self.progress.setAccessibleName("Reading the file")
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(400)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.job = PlanJob(window.db, request)
        self.job.signals.done.connect(self._planned)
        self.job.signals.failed.connect(self._failed)
        window.statusBar().showMessage(f"Reading {request.path}…")
        self.job.start()

    def _finish(self) -> Request:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        assert self.job is not None
        request, self.job = self.job.request, None
        return request

    def _failed(self, message: str) -> None:
        request = self._finish()
        self.window.statusBar().showMessage("Nothing was imported", 10000)
        if NO_TABLE in message and request.header_row is None:
            # Let the user say which row holds the headers, then map the columns.
            answer = prompts.text(self.window, "Cannot import the file",
                                  f"{message}\n\n{HEADER_ROW_QUESTION}")  # fmt: skip
            if answer is None:
                return
            if answer.isdigit() and int(answer) >= 1:
                self._plan(replace(request, header_row=int(answer)))
                return
            message = f"'{answer}' is not a row number, so nothing was imported."
        prompts.error(self.window, "Cannot import the file", message)

    def _planned(self, plan: ImportPlan) -> None:
        from ui.import_dialog import ImportDialog

        request = self._finish()
        self.window.statusBar().clearMessage()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = ImportDialog(self.window.db, request, plan, self.window)
        self.dialog.imported.connect(self._imported)
        self.dialog.open()

    def _imported(self, report: ApplyReport) -> None:
        controller = self.window.controller
        kinds = (*CHANGED_KINDS, "committee") if report.committee_updated else CHANGED_KINDS
        for kind in kinds:
            controller.changed.emit(kind)
        text = imported_text(report)
        self.window.statusBar().showMessage(text, 15000)
        inform(self.window, "Import finished", text)
