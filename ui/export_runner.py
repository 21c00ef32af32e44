"""Writing the programme and tracker spreadsheets off the GUI thread.

The worker reads through its own session (``Database.reading()`` in the worker
thread); ``planner.export`` (and openpyxl) are imported only when exporting.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from ui import prompts

if TYPE_CHECKING:
    from planner.db.database import Database

PROGRAMME, TRACKER = "programme", "tracker"


def run_export(db: Database, what: str, committee_id: str, path: str, public: bool) -> str:
    """Write one spreadsheet; returns the path written. Runs in the worker thread."""
    from planner.export import export_programme, export_tracker
    from planner.services.committees import get_committee
    from planner.services.programme import programme
    from planner.services.recommendations import list_recommendations
    from ui.data.queries import same_committee_ids

    with db.reading() as session:
        if what == PROGRAMME:
            written = export_programme(programme(session, committee_id, public=public), Path(path))
        else:
            committee = get_committee(session, committee_id)
            recs = list_recommendations(session, same_committee_ids(session, committee_id))
            title = f"{committee.name} Recommendations Tracker"
            written = export_tracker(recs, Path(path), title)
    return str(written or path)


class _Signals(QObject):
    done = Signal(str)
    failed = Signal(str)


class ExportJob(QRunnable):
    def __init__(self, db: Database, what: str, committee_id: str, path: str, public: bool) -> None:
        super().__init__()
        self.args = (db, what, committee_id, path, public)
        self.signals = _Signals()

    def run(self) -> None:
        try:
            written = run_export(*self.args)
        except Exception as exc:  # reported to the user, never lost in the thread
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.done.emit(written)


def suggested_name(committee_label: str, what: str, public: bool) -> str:
    kind = "Forward Work Programme" if what == PROGRAMME else "Recommendations Tracker"
    suffix = " (public)" if public and what == PROGRAMME else ""
    name = f"{committee_label} {kind}{suffix}".replace("/", "-")
    return re.sub(r'[\\:*?"<>|]', "", name) + ".xlsx"


class Exporter(QObject):
    """File dialog, progress while the worker writes, then offer to open the file."""

    finished = Signal(str)  # the path written
    failed = Signal(str)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.progress: QProgressDialog | None = None
        self.job: ExportJob | None = None

    def busy(self) -> bool:
        return self.job is not None

    def export(
        self, what: str, public: bool = False, path: str | None = None, ask_open: bool = True
    ) -> bool:
        window = self.window
        committee_id = window.selector.current_id()  # type: ignore[attr-defined]
        if committee_id is None or self.busy():
            return False
        settings = window.settings  # type: ignore[attr-defined]
        if path is None:
            name = suggested_name(window.selector.current_label(), what, public)  # type: ignore[attr-defined]
            folder = settings.export_folder() or str(Path.home())
            path = prompts.save_path(
                window, "Export spreadsheet", str(Path(folder) / name), prompts.SPREADSHEET_FILTER
            )
            if path is None:
                return False
        settings.set_export_folder(str(Path(path).parent))
        self.ask_open = ask_open
        self.progress = QProgressDialog("Writing the spreadsheet…", "", 0, 0, window)
        self.progress.setWindowTitle("Exporting")
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(400)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.job = ExportJob(window.db, what, committee_id, path, public)  # type: ignore[attr-defined]
        self.job.setAutoDelete(False)
        self.job.signals.done.connect(self._done)
        self.job.signals.failed.connect(self._failed)
        window.statusBar().showMessage(f"Exporting to {path}…")
        QThreadPool.globalInstance().start(self.job)
        return True

    def _finish(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        self.job = None

    def _done(self, path: str) -> None:
        self._finish()
        self.window.statusBar().showMessage(f"Exported to {path}", 10000)
        self.finished.emit(path)
        question = f"Wrote {path}.\n\nOpen it in your spreadsheet program?"
        if not (self.ask_open and prompts.ask(self.window, "Export finished", question)):
            return
        if not prompts.open_externally(path):
            prompts.error(
                self.window,
                "Cannot open the spreadsheet",
                f"No program on this computer opens .xlsx files, so {path} was not opened;"
                " the file is saved and can be opened from its folder.",
            )

    def _failed(self, message: str) -> None:
        self._finish()
        self.window.statusBar().showMessage("The export failed", 10000)
        self.failed.emit(message)
        prompts.error(self.window, "Export failed", message)
